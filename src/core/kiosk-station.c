/* kiosk-station.c — what a station is doing, and why a user session ended
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-station"

#include "config.h"

#include "kiosk-station.h"

/**
 * kiosk_station_state_to_string:
 * @state: a #KioskStationState
 *
 * Returns: the stable name of @state ("free", "in-use", "ending", "out-of-service")
 */
const char *
kiosk_station_state_to_string (KioskStationState state)
{
  switch (state)
    {
    case KIOSK_STATION_FREE:
      return "free";
    case KIOSK_STATION_IN_USE:
      return "in-use";
    case KIOSK_STATION_ENDING:
      return "ending";
    case KIOSK_STATION_OUT_OF_SERVICE:
      return "out-of-service";
    default:
      g_assert_not_reached ();
    }
}

/**
 * kiosk_end_reason_to_string:
 * @reason: a #KioskEndReason
 *
 * Returns: the stable name of @reason, as the usage counts record it
 */
const char *
kiosk_end_reason_to_string (KioskEndReason reason)
{
  switch (reason)
    {
    case KIOSK_END_LOGOUT:
      return "logout";
    case KIOSK_END_IDLE:
      return "idle";
    case KIOSK_END_TIME_LIMIT:
      return "time-limit";
    case KIOSK_END_STAFF:
      return "staff";
    case KIOSK_END_REMOTE:
      return "remote";
    case KIOSK_END_CRASH_RECOVERY:
      return "crash-recovery";
    default:
      g_assert_not_reached ();
    }
}
