/* kiosk-station.h — what a station is doing, its clocks, and why a user session ended
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "kiosk-clock.h"

G_BEGIN_DECLS

/* Reported to staff (and later by the station API) under these names. */
typedef enum
{
  KIOSK_STATION_FREE,
  KIOSK_STATION_IN_USE,
  KIOSK_STATION_ENDING,
  KIOSK_STATION_OUT_OF_SERVICE,
} KioskStationState;

/* Recorded with the usage counts: why a user session was wiped. */
typedef enum
{
  KIOSK_END_LOGOUT,
  KIOSK_END_IDLE,
  KIOSK_END_TIME_LIMIT,
  KIOSK_END_STAFF,
  KIOSK_END_REMOTE,
  KIOSK_END_CRASH_RECOVERY,
} KioskEndReason;

const char *kiosk_station_state_to_string (KioskStationState state);
const char *kiosk_end_reason_to_string    (KioskEndReason    reason);

#define KIOSK_TYPE_STATION (kiosk_station_get_type ())
G_DECLARE_FINAL_TYPE (KioskStation, kiosk_station, KIOSK, STATION, GObject)

KioskStation      *kiosk_station_new                   (KioskClock   *clock,
                                                        guint         idle_timeout,
                                                        guint         idle_warning,
                                                        guint         max_session_minutes);
KioskStationState  kiosk_station_get_state             (KioskStation *self);
GDateTime         *kiosk_station_get_state_since       (KioskStation *self);
guint              kiosk_station_get_uptime            (KioskStation *self);
guint              kiosk_station_get_in_use_seconds    (KioskStation *self);
gboolean           kiosk_station_open_service          (KioskStation *self);
void               kiosk_station_note_choice           (KioskStation *self);
void               kiosk_station_note_activity         (KioskStation *self);
gboolean           kiosk_station_end_session           (KioskStation *self);
gboolean           kiosk_station_ask_to_end            (KioskStation *self);
gboolean           kiosk_station_get_end_asked         (KioskStation *self);
void               kiosk_station_wipe_proven           (KioskStation *self);
gboolean           kiosk_station_set_out_of_service    (KioskStation *self,
                                                        const char   *reason,
                                                        const char   *message);
gboolean           kiosk_station_set_in_service        (KioskStation *self);
const char        *kiosk_station_get_out_of_service_reason
                                                       (KioskStation *self);
const char        *kiosk_station_get_out_of_service_message
                                                       (KioskStation *self);
gboolean           kiosk_station_request_help          (KioskStation *self);
gboolean           kiosk_station_raise_pin_alarm       (KioskStation *self);
void               kiosk_station_clear_help_request    (KioskStation *self);
gboolean           kiosk_station_get_help_requested    (KioskStation *self);
gboolean           kiosk_station_take_help_request     (KioskStation *self,
                                                        const char   *by);
const char        *kiosk_station_get_help_taken_by     (KioskStation *self);
gboolean           kiosk_station_set_assisted          (KioskStation *self,
                                                        gboolean      assisted);
gboolean           kiosk_station_get_assisted          (KioskStation *self);
GDateTime         *kiosk_station_get_assisted_since    (KioskStation *self);
GDateTime         *kiosk_station_get_help_since        (KioskStation *self);
void               kiosk_station_set_assisted_idle_timeout (KioskStation *self,
                                                            guint         seconds);

G_END_DECLS
