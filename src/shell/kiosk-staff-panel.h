/* kiosk-staff-panel.h — the médiateurs' panel on the station, behind the staff PIN
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kiosk-session-manager.h"

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* How long an open panel waits for a mediator's next touch before it
 * closes (and locks) itself, so that a mediator called away never leaves
 * it to the next resident.
 */
#define KIOSK_STAFF_PANEL_TIMEOUT_SECONDS 90

#define KIOSK_TYPE_STAFF_PANEL (kiosk_staff_panel_get_type ())
G_DECLARE_FINAL_TYPE (KioskStaffPanel, kiosk_staff_panel, KIOSK, STAFF_PANEL, GtkWidget)

void        kiosk_staff_panel_set_station  (KioskStaffPanel     *self,
                                            KioskConfig         *config,
                                            KioskSessionManager *manager);
void        kiosk_staff_panel_open         (KioskStaffPanel     *self);
void        kiosk_staff_panel_close        (KioskStaffPanel     *self);
gboolean    kiosk_staff_panel_is_unlocked  (KioskStaffPanel     *self);
const char *kiosk_staff_panel_get_message  (KioskStaffPanel     *self);
const char *kiosk_staff_panel_get_station_details (KioskStaffPanel *self);

G_END_DECLS
