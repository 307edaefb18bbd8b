/* kiosk-station.h — what a station is doing, and why a user session ended
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

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

G_END_DECLS
