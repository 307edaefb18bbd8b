/* fuzz-status-json.c — libFuzzer target: the desk console reading a station's status
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-fuzz"

#include "config.h"

#include "kiosk-station-client.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* The longest name a status keeps, as kiosk-station-client.c cuts it. */
#define MAX_NAME_CHARS 200

/* Whatever a station answers, the console shows only valid text of a
 * bounded length and a state it knows.
 */
static void
check_name (const char *name)
{
  g_assert_nonnull (name);
  g_assert_true (g_utf8_validate (name, -1, NULL));
  g_assert_cmpint (g_utf8_strlen (name, -1), <=, MAX_NAME_CHARS);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskStationClientStatus) status = NULL;

  status = kiosk_station_client_status_parse ((const char *) data, size, &error);
  g_assert_true ((status == NULL) == (error != NULL));
  if (status == NULL)
    {
      g_assert_true (g_error_matches (error, KIOSK_STATION_CLIENT_ERROR,
                                      KIOSK_STATION_CLIENT_ERROR_BAD_RESPONSE));
      return 0;
    }

  check_name (status->station);
  check_name (status->site);
  check_name (status->version);
  g_assert_nonnull (kiosk_station_client_state_to_string (status->state));
  g_assert_cmpint (status->since, >=, 0);

  return 0;
}
