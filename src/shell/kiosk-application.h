/* kiosk-application.h — org.pimms.Kiosk: options, config and actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-window.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_APPLICATION (kiosk_application_get_type ())
G_DECLARE_FINAL_TYPE (KioskApplication, kiosk_application, KIOSK, APPLICATION, GtkApplication)

void              kiosk_application_setup_locale (void);
gboolean          kiosk_application_environment_is_safe (int    argc,
                                                         char **argv);
KioskApplication *kiosk_application_new        (void);
KioskWindow      *kiosk_application_get_window (KioskApplication *self);
void              kiosk_application_watch_session_ends (KioskApplication *self,
                                                        KioskWindow      *window);

G_END_DECLS
