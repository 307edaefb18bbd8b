/* kiosk-application.h — org.pimms.Kiosk: the station, its options and actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-remote.h"
#include "kiosk-session-manager.h"
#include "kiosk-window.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_APPLICATION (kiosk_application_get_type ())
G_DECLARE_FINAL_TYPE (KioskApplication, kiosk_application, KIOSK, APPLICATION, GtkApplication)

void              kiosk_application_setup_locale (void);
gboolean          kiosk_application_environment_is_safe (int    argc,
                                                         char **argv);
KioskApplication    *kiosk_application_new                 (void);
void                 kiosk_application_start_station       (KioskApplication *self,
                                                            KioskConfig      *config,
                                                            const char       *failure,
                                                            const char       *state_dir);
void                 kiosk_application_stop_station        (KioskApplication *self);
KioskWindow         *kiosk_application_get_window          (KioskApplication *self);
KioskConfig         *kiosk_application_get_config          (KioskApplication *self);
KioskSessionManager *kiosk_application_get_session_manager (KioskApplication *self);
KioskRemote         *kiosk_application_get_remote          (KioskApplication *self);
const char          *kiosk_application_get_failure         (KioskApplication *self);

G_END_DECLS
