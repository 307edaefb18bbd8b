/* kiosk-remote.h — the station API, answered by this station
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kiosk-config.h"
#include "kiosk-session-manager.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_REMOTE (kiosk_remote_get_type ())
G_DECLARE_FINAL_TYPE (KioskRemote, kiosk_remote, KIOSK, REMOTE, GObject)

KioskRemote *kiosk_remote_new      (KioskConfig         *config,
                                    KioskSessionManager *manager,
                                    const char          *station_path,
                                    const char          *state_dir,
                                    GError             **error);
void         kiosk_remote_set_manager (KioskRemote      *self,
                                       KioskSessionManager *manager);
KioskConfig *kiosk_remote_get_pending_config (KioskRemote *self);
guint        kiosk_remote_get_port (KioskRemote         *self);
gboolean     kiosk_remote_desk_is_listening (KioskRemote *self);

G_END_DECLS
