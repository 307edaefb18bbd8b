/* kiosk-station-card.h — one station on the Stations page: its state, and what the desk can do
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-station-client.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_STATION_CARD (kiosk_station_card_get_type ())
G_DECLARE_FINAL_TYPE (KioskStationCard, kiosk_station_card, KIOSK, STATION_CARD, GtkWidget)

KioskStationCard *kiosk_station_card_new                 (const char         *id,
                                                          guint               position,
                                                          KioskStationClient *client);
const char       *kiosk_station_card_get_id              (KioskStationCard   *self);
guint             kiosk_station_card_get_position        (KioskStationCard   *self);
gint64            kiosk_station_card_get_help_since      (KioskStationCard   *self);
void              kiosk_station_card_refresh             (KioskStationCard   *self);
void              kiosk_station_card_start_refreshing    (KioskStationCard   *self,
                                                          guint               seconds);
gboolean          kiosk_station_card_get_needs_help      (KioskStationCard   *self);
const char       *kiosk_station_card_get_help_taken_by   (KioskStationCard   *self);
void              kiosk_station_card_take_help           (KioskStationCard   *self);
void              kiosk_station_card_set_mediator_name   (KioskStationCard   *self,
                                                          const char         *name);
GtkWidget        *kiosk_station_card_get_take_button     (KioskStationCard   *self);
const char       *kiosk_station_card_get_state_text      (KioskStationCard   *self);
const char       *kiosk_station_card_get_detail_text     (KioskStationCard   *self);
GtkWidget        *kiosk_station_card_get_reset_button    (KioskStationCard   *self);
GtkWidget        *kiosk_station_card_get_out_of_service_button (KioskStationCard *self);
GtkWidget        *kiosk_station_card_get_in_service_button (KioskStationCard *self);
GtkWindow        *kiosk_station_card_get_dialog          (KioskStationCard   *self);
void              kiosk_station_card_set_desk_config     (KioskStationCard   *self,
                                                          const char         *version);
const char       *kiosk_station_card_get_config          (KioskStationCard   *self);
KioskStationClient *kiosk_station_card_get_client        (KioskStationCard   *self);

G_END_DECLS
