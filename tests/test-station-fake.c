/* test-station-fake.c — a station behind a real station API, for the API's and the client's tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-test"

#include "config.h"

#include "test-station-fake.h"

static void
station_status_cb (KioskStationStatus *status,
                   gpointer            user_data)
{
  TestStation *station = user_data;

  status->state = station->state;
  status->assisted = station->assisted;
  status->since = station->since;
  status->assisted_since = station->assisted_since;
  status->help_requested = station->help_requested;
  status->help_since = station->help_since;
  status->help_taken_by = station->help_taken_by;
  status->counting_paused = station->counting_paused;
  status->config_version = station->config_version;
}

static gboolean
reset_requested_cb (KioskStationApi *api,
                    TestStation     *station)
{
  if (station->refuse)
    return FALSE;

  station->resets++;
  station->state = KIOSK_STATION_FREE;
  station->assisted = FALSE;
  station->help_requested = FALSE;
  station->since = 1800000000;
  return TRUE;
}

static gboolean
ask_reset_requested_cb (KioskStationApi *api,
                        TestStation     *station)
{
  if (station->refuse)
    return FALSE;

  station->asked_resets++;
  return TRUE;
}

/* The first mediator who says they go takes the call. */
static gboolean
take_help_requested_cb (KioskStationApi *api,
                        const char      *by,
                        TestStation     *station)
{
  if (station->refuse || !station->help_requested ||
      (station->help_taken_by != NULL && g_strcmp0 (station->help_taken_by, by) != 0))
    return FALSE;

  g_free (station->help_taken_by);
  station->help_taken_by = g_strdup (by);
  return TRUE;
}

static gboolean
out_of_service_requested_cb (KioskStationApi *api,
                             const char      *message,
                             TestStation     *station)
{
  if (station->refuse)
    return FALSE;

  station->out_of_service++;
  g_free (station->message);
  station->message = g_strdup (message);
  station->state = KIOSK_STATION_OUT_OF_SERVICE;
  station->since = 1800000100;
  return TRUE;
}

static gboolean
in_service_requested_cb (KioskStationApi *api,
                         TestStation     *station)
{
  if (station->refuse)
    return FALSE;

  station->in_service++;
  station->state = KIOSK_STATION_FREE;
  station->since = 1800000200;
  return TRUE;
}

/**
 * test_station_new_api:
 * @station: the station the API reports and acts on
 * @token: the API's bearer token
 *
 * Returns: (transfer full): an API for station "gare-03" of site "gare",
 *   version "1.2.3", not listening yet
 */
KioskStationApi *
test_station_new_api (TestStation *station,
                      const char  *token)
{
  KioskStationApi *api = kiosk_station_api_new ("gare-03", "gare", "1.2.3", token,
                                                station_status_cb, station, NULL);

  g_signal_connect (api, "reset-requested", G_CALLBACK (reset_requested_cb), station);
  g_signal_connect (api, "ask-reset-requested", G_CALLBACK (ask_reset_requested_cb), station);
  g_signal_connect (api, "take-help-requested", G_CALLBACK (take_help_requested_cb), station);
  g_signal_connect (api, "out-of-service-requested", G_CALLBACK (out_of_service_requested_cb),
                    station);
  g_signal_connect (api, "in-service-requested", G_CALLBACK (in_service_requested_cb), station);
  return api;
}

void
test_station_clear (TestStation *station)
{
  g_clear_pointer (&station->message, g_free);
  g_clear_pointer (&station->help_taken_by, g_free);
}
