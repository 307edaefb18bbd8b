/* test-station-fake.h — a station behind a real station API, for the API's and the client's tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kiosk-station-api.h"

G_BEGIN_DECLS

/* What the station behind the API does when asked, and how often it was. */
typedef struct
{
  KioskStationState state;
  gboolean          assisted;
  gint64            since;
  gint64             assisted_since;
  gint64             help_since;
  gboolean          help_requested;
  char             *help_taken_by;
  gboolean          counting_paused;
  const char       *config_version;   /* NULL: says none */
  gboolean          refuse;          /* every request is refused, nothing changes */
  guint             resets;
  guint             asked_resets;
  guint             out_of_service;
  guint             in_service;
  char             *message;
} TestStation;

KioskStationApi *test_station_new_api (TestStation *station,
                                       const char  *token);
void             test_station_clear   (TestStation *station);

G_END_DECLS
