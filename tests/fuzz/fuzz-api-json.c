/* fuzz-api-json.c — libFuzzer target: the bodies of the station API's action requests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-fuzz"

#include "config.h"

#include "kiosk-station-api.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* What the desk sends is read by every action the same way; only an
 * out-of-service request and the taking of a call take something from
 * it, and what they take goes on a screen, so it must be text within the
 * limit (a name on one line).
 */
static void
check_action (KioskStationAction  action,
              const char         *body,
              gsize               length,
              gboolean            empty_or_object)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gboolean accepted;

  accepted = kiosk_station_api_parse_action_body (action, body, length, &message, &error);
  g_assert_true (accepted == (error == NULL));

  if (!accepted)
    {
      g_assert_true (g_error_matches (error, KIOSK_STATION_API_ERROR,
                                      KIOSK_STATION_API_ERROR_INVALID_REQUEST));
      g_assert_null (message);
      return;
    }

  if (action != KIOSK_STATION_ACTION_OUT_OF_SERVICE && action != KIOSK_STATION_ACTION_TAKE_HELP)
    {
      g_assert_null (message);
      return;
    }

  g_assert_true (empty_or_object);
  g_assert_nonnull (message);
  g_assert_true (g_utf8_validate (message, -1, NULL));
  if (action == KIOSK_STATION_ACTION_OUT_OF_SERVICE)
    {
      g_assert_cmpint (g_utf8_strlen (message, -1), <=, KIOSK_STATION_API_MAX_MESSAGE);
      return;
    }

  g_assert_cmpint (g_utf8_strlen (message, -1), >=, 1);
  g_assert_cmpint (g_utf8_strlen (message, -1), <=, KIOSK_STATION_API_MAX_NAME);
  for (const char *p = message; *p != '\0'; p = g_utf8_next_char (p))
    g_assert_false (g_unichar_iscntrl (g_utf8_get_char (p)));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *body = (const char *) data;
  g_autoptr(GError) error = NULL;
  gboolean empty_or_object;

  /* The API refuses a larger body before reading it. */
  if (size > KIOSK_STATION_API_MAX_BODY)
    return -1;

  empty_or_object = kiosk_station_api_parse_action_body (KIOSK_STATION_ACTION_RESET, body, size,
                                                         NULL, &error);
  g_assert_true (empty_or_object == (error == NULL));

  check_action (KIOSK_STATION_ACTION_RESET, body, size, empty_or_object);
  check_action (KIOSK_STATION_ACTION_OUT_OF_SERVICE, body, size, empty_or_object);
  check_action (KIOSK_STATION_ACTION_TAKE_HELP, body, size, empty_or_object);
  check_action (KIOSK_STATION_ACTION_ASK_RESET, body, size, empty_or_object);
  g_assert_true (kiosk_station_api_parse_action_body (KIOSK_STATION_ACTION_IN_SERVICE, body, size,
                                                      NULL, NULL) == empty_or_object);

  return 0;
}
