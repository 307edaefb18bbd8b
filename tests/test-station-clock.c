/* test-station-clock.c — the station's states and clocks, on a clock the test drives
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-test"

#include "config.h"

#include "kiosk-clock.h"
#include "kiosk-station.h"

/* The times a station is configured with: IdleTimeout, IdleWarning (in
 * seconds) and MaxSessionMinutes.
 */
typedef struct
{
  guint idle_timeout;
  guint idle_warning;
  guint max_session_minutes;
} StationConfig;

static const StationConfig default_config = { 300, 30, 0 };
static const StationConfig half_hour_config = { 300, 30, 30 };
static const StationConfig one_minute_config = { 300, 30, 1 };

/* What a person at the station, or at the desk, would notice, in the
 * order it happened: each list is words separated by spaces.
 */
typedef struct
{
  GDateTime    *start;
  KioskClock   *clock;
  gint64        t0;
  KioskStation *station;

  GString      *states;     /* "in-use ending free" */
  GString      *flags;      /* "+help-requested +assisted -help-requested" */
  GString      *countdown;  /* seconds left, -1 when it went away */
  GString      *warnings;   /* minutes left */
  GString      *ends;       /* end reasons */
  gint64        ended_at;   /* milliseconds after the start, of the last end */
  guint         minutes_out_of_service;
} Fixture;

static void
append_word (GString    *words,
             const char *word)
{
  if (words->len > 0)
    g_string_append_c (words, ' ');
  g_string_append (words, word);
}

static void
append_number (GString *words,
               int      number)
{
  char text[16];

  g_snprintf (text, sizeof (text), "%d", number);
  append_word (words, text);
}

/* "first first-1 ... last", as the countdown shows them. */
static char *
count_down (int first,
            int last)
{
  GString *words = g_string_new (NULL);

  for (int n = first; n >= last; n--)
    append_number (words, n);
  return g_string_free (words, FALSE);
}

static gint64
elapsed_ms (Fixture *fixture)
{
  return (kiosk_clock_get_monotonic_time (fixture->clock) - fixture->t0) / 1000;
}

static void
advance (Fixture *fixture,
         guint    milliseconds)
{
  kiosk_clock_advance (fixture->clock, milliseconds);
}

static void
state_changed_cb (KioskStation *station,
                  GParamSpec   *pspec,
                  Fixture      *fixture)
{
  append_word (fixture->states, kiosk_station_state_to_string (kiosk_station_get_state (station)));
}

static void
flag_changed_cb (KioskStation *station,
                 GParamSpec   *pspec,
                 Fixture      *fixture)
{
  g_autofree char *word = NULL;
  gboolean value;

  g_object_get (station, g_param_spec_get_name (pspec), &value, NULL);
  word = g_strdup_printf ("%c%s", value ? '+' : '-', g_param_spec_get_name (pspec));
  append_word (fixture->flags, word);
}

static void
idle_countdown_cb (KioskStation *station,
                   int           seconds_left,
                   Fixture      *fixture)
{
  append_number (fixture->countdown, seconds_left);
}

static void
time_limit_warning_cb (KioskStation *station,
                       int           minutes_left,
                       Fixture      *fixture)
{
  append_number (fixture->warnings, minutes_left);
}

/* As the session manager does: the session ends, and the station is told. */
static void
end_now_cb (KioskStation *station,
            int           reason,
            Fixture      *fixture)
{
  append_word (fixture->ends, kiosk_end_reason_to_string (reason));
  fixture->ended_at = elapsed_ms (fixture);
  g_assert_true (kiosk_station_end_session (station));
}

static void
out_of_service_minute_cb (KioskStation *station,
                          Fixture      *fixture)
{
  fixture->minutes_out_of_service++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const StationConfig *config = data;

  /* A Monday at opening time at the main site. */
  fixture->start = g_date_time_new_utc (2026, 3, 2, 9, 0, 0);
  fixture->clock = kiosk_clock_new_fake (g_date_time_to_unix (fixture->start) * G_USEC_PER_SEC);
  fixture->t0 = kiosk_clock_get_monotonic_time (fixture->clock);
  fixture->station = kiosk_station_new (fixture->clock, config->idle_timeout,
                                        config->idle_warning, config->max_session_minutes);
  fixture->states = g_string_new (NULL);
  fixture->flags = g_string_new (NULL);
  fixture->countdown = g_string_new (NULL);
  fixture->warnings = g_string_new (NULL);
  fixture->ends = g_string_new (NULL);
  fixture->ended_at = -1;

  g_signal_connect (fixture->station, "notify::state", G_CALLBACK (state_changed_cb), fixture);
  g_signal_connect (fixture->station, "notify::assisted", G_CALLBACK (flag_changed_cb), fixture);
  g_signal_connect (fixture->station, "notify::help-requested", G_CALLBACK (flag_changed_cb),
                    fixture);
  g_signal_connect (fixture->station, "idle-countdown", G_CALLBACK (idle_countdown_cb), fixture);
  g_signal_connect (fixture->station, "time-limit-warning", G_CALLBACK (time_limit_warning_cb),
                    fixture);
  g_signal_connect (fixture->station, "end-now", G_CALLBACK (end_now_cb), fixture);
  g_signal_connect (fixture->station, "out-of-service-minute",
                    G_CALLBACK (out_of_service_minute_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  /* Nothing else keeps either alive: no timeout of the station's is left
   * behind to run on a station that is gone.
   */
  g_assert_finalize_object (fixture->station);
  g_assert_finalize_object (fixture->clock);
  g_date_time_unref (fixture->start);
  g_string_free (fixture->states, TRUE);
  g_string_free (fixture->flags, TRUE);
  g_string_free (fixture->countdown, TRUE);
  g_string_free (fixture->warnings, TRUE);
  g_string_free (fixture->ends, TRUE);
}

static void
assert_state (Fixture           *fixture,
              KioskStationState  state)
{
  g_assert_cmpstr (kiosk_station_state_to_string (kiosk_station_get_state (fixture->station)), ==,
                   kiosk_station_state_to_string (state));
}

/* The time the station says it entered its state, in milliseconds after
 * the start: what the desk console shows as "since".
 */
static gint64
state_since_ms (Fixture *fixture)
{
  return g_date_time_difference (kiosk_station_get_state_since (fixture->station),
                                 fixture->start) / 1000;
}

/* The fake clock itself. */

typedef struct
{
  Fixture    *fixture;
  GString    *log;
  const char *name;
  guint       runs_left;  /* 0: as long as it is not cleared */
} Ticker;

static gboolean
ticker_cb (gpointer user_data)
{
  Ticker *ticker = user_data;
  g_autofree char *word = g_strdup_printf ("%s@%" G_GINT64_FORMAT, ticker->name,
                                           elapsed_ms (ticker->fixture));

  append_word (ticker->log, word);
  if (ticker->runs_left == 0)
    return G_SOURCE_CONTINUE;
  return --ticker->runs_left > 0 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static void
test_fake_clock_runs_what_falls_due_in_order (Fixture       *fixture,
                                              gconstpointer  data)
{
  g_autoptr(GString) log = g_string_new (NULL);
  g_autoptr(GDateTime) now = NULL;
  Ticker a = { fixture, log, "a", 3 };
  Ticker b = { fixture, log, "b", 0 };
  Ticker c = { fixture, log, "c", 1 };
  guint b_id;

  kiosk_clock_add_timeout (fixture->clock, 300, ticker_cb, &a);
  b_id = kiosk_clock_add_timeout (fixture->clock, 200, ticker_cb, &b);
  kiosk_clock_add_timeout_seconds (fixture->clock, 1, ticker_cb, &c);

  /* Nothing runs until the test moves the time. */
  advance (fixture, 0);
  g_assert_cmpstr (log->str, ==, "");

  /* Each at the time it is due; of two due at once, the one added first. */
  advance (fixture, 999);
  g_assert_cmpstr (log->str, ==, "b@200 a@300 b@400 a@600 b@600 b@800 a@900");
  g_assert_cmpint (elapsed_ms (fixture), ==, 999);
  advance (fixture, 1);
  g_assert_cmpstr (log->str, ==, "b@200 a@300 b@400 a@600 b@600 b@800 a@900 b@1000 c@1000");

  /* What returned G_SOURCE_REMOVE does not come back. */
  g_string_truncate (log, 0);
  advance (fixture, 1000);
  g_assert_cmpstr (log->str, ==, "b@1200 b@1400 b@1600 b@1800 b@2000");

  /* The wall clock moves with it. */
  now = kiosk_clock_new_now_utc (fixture->clock);
  g_assert_cmpint (g_date_time_difference (now, fixture->start), ==, 2 * G_USEC_PER_SEC);

  g_string_truncate (log, 0);
  kiosk_clock_clear_timeout (fixture->clock, &b_id);
  g_assert_cmpuint (b_id, ==, 0);
  kiosk_clock_clear_timeout (fixture->clock, &b_id);
  advance (fixture, 10 * 1000);
  g_assert_cmpstr (log->str, ==, "");
}

typedef struct
{
  Fixture *fixture;
  guint    doomed_id;
  Ticker  *newcomer;
} Meddler;

static gboolean
meddler_cb (gpointer user_data)
{
  Meddler *meddler = user_data;

  kiosk_clock_clear_timeout (meddler->fixture->clock, &meddler->doomed_id);
  kiosk_clock_add_timeout (meddler->fixture->clock, 50, ticker_cb, meddler->newcomer);
  return G_SOURCE_REMOVE;
}

/* A timeout may clear another and add one while it runs, as the station's
 * tick does when it ends a session: what it cleared never runs, what it
 * added runs in the same advance when it falls due within it.
 */
static void
test_fake_clock_timeouts_change_timeouts (Fixture       *fixture,
                                          gconstpointer  data)
{
  g_autoptr(GString) log = g_string_new (NULL);
  Ticker doomed = { fixture, log, "doomed", 0 };
  Ticker newcomer = { fixture, log, "newcomer", 2 };
  Meddler meddler = { fixture, 0, &newcomer };

  kiosk_clock_add_timeout (fixture->clock, 100, meddler_cb, &meddler);
  meddler.doomed_id = kiosk_clock_add_timeout (fixture->clock, 150, ticker_cb, &doomed);

  advance (fixture, 1000);
  g_assert_cmpstr (log->str, ==, "newcomer@150 newcomer@200");
  g_assert_cmpuint (meddler.doomed_id, ==, 0);
}

static gboolean
quit_loop_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

/* The real clock is the system's and GLib's main loop. */
static void
test_real_clock (void)
{
  g_autoptr(KioskClock) clock = kiosk_clock_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GDateTime) before = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) now = NULL;
  gint64 started = g_get_monotonic_time ();
  guint never_id;

  g_assert_cmpint (kiosk_clock_get_monotonic_time (clock), >=, started);
  now = kiosk_clock_new_now_utc (clock);
  g_assert_cmpint (g_date_time_difference (now, before), >=, 0);
  g_assert_cmpint (g_date_time_difference (now, before), <, 60 * G_USEC_PER_SEC);

  never_id = kiosk_clock_add_timeout (clock, 10, quit_loop_cb, NULL);
  kiosk_clock_clear_timeout (clock, &never_id);
  g_assert_cmpuint (never_id, ==, 0);

  kiosk_clock_add_timeout (clock, 20, quit_loop_cb, loop);
  g_main_loop_run (loop);
  g_assert_cmpint (g_get_monotonic_time () - started, >=, 20 * 1000);
}

/* The station. */

static void
test_a_new_station_is_free (Fixture       *fixture,
                            gconstpointer  data)
{
  assert_state (fixture, KIOSK_STATION_FREE);
  g_assert_cmpint (state_since_ms (fixture), ==, 0);
  g_assert_cmpuint (kiosk_station_get_uptime (fixture->station), ==, 0);
  g_assert_cmpuint (kiosk_station_get_in_use_seconds (fixture->station), ==, 0);
  g_assert_false (kiosk_station_get_assisted (fixture->station));
  g_assert_false (kiosk_station_get_help_requested (fixture->station));
  g_assert_null (kiosk_station_get_out_of_service_reason (fixture->station));
  g_assert_null (kiosk_station_get_out_of_service_message (fixture->station));

  /* Nobody touched it: no clock runs, nothing is counted down or ended. */
  advance (fixture, 3600 * 1000);
  assert_state (fixture, KIOSK_STATION_FREE);
  g_assert_cmpstr (fixture->countdown->str, ==, "");
  g_assert_cmpstr (fixture->ends->str, ==, "");
  g_assert_cmpuint (kiosk_station_get_uptime (fixture->station), ==, 3600);
  g_assert_cmpint (state_since_ms (fixture), ==, 0);
}

/* Every step the session manager takes, in the order it takes them, and
 * those the station refuses (or lets pass without a change).
 */
static void
test_state_transitions (Fixture       *fixture,
                        gconstpointer  data)
{
  KioskStation *station = fixture->station;

  /* The first service puts it in use; a second is the same session. */
  g_assert_true (kiosk_station_open_service (station));
  g_assert_false (kiosk_station_open_service (station));
  g_assert_cmpstr (fixture->states->str, ==, "in-use");

  /* Ended, then ended again (staff reset during the wipe's proof): still
   * ending, said once.
   */
  g_assert_true (kiosk_station_end_session (station));
  g_assert_true (kiosk_station_end_session (station));
  g_assert_cmpstr (fixture->states->str, ==, "in-use ending");

  /* The next resident opens a service on the fresh session before the
   * wipe of the last one is proven: the proof leaves it in use.
   */
  g_assert_true (kiosk_station_open_service (station));
  kiosk_station_wipe_proven (station);
  assert_state (fixture, KIOSK_STATION_IN_USE);

  g_assert_true (kiosk_station_end_session (station));
  kiosk_station_wipe_proven (station);
  kiosk_station_wipe_proven (station);
  g_assert_false (kiosk_station_set_in_service (station));
  g_assert_cmpstr (fixture->states->str, ==, "in-use ending in-use ending free");

  /* Out of service: the first reason stays, and nothing but staff
   * bringing it back changes its state.
   */
  g_assert_true (kiosk_station_set_out_of_service (station, "the screen is cracked", NULL));
  g_assert_false (kiosk_station_set_out_of_service (station, "the wipe failed", NULL));
  g_assert_false (kiosk_station_open_service (station));
  g_assert_false (kiosk_station_end_session (station));
  kiosk_station_wipe_proven (station);
  assert_state (fixture, KIOSK_STATION_OUT_OF_SERVICE);
  g_assert_cmpstr (kiosk_station_get_out_of_service_reason (station), ==,
                   "the screen is cracked");

  g_assert_true (kiosk_station_set_in_service (station));
  g_assert_null (kiosk_station_get_out_of_service_reason (station));

  /* A free station's session ends too (a resident made a choice and
   * left): it is wiped like any other.
   */
  g_assert_true (kiosk_station_end_session (station));
  kiosk_station_wipe_proven (station);
  g_assert_cmpstr (fixture->states->str, ==,
                   "in-use ending in-use ending free out-of-service free ending free");
}

static void
test_state_since_and_uptime_follow_the_clock (Fixture       *fixture,
                                              gconstpointer  data)
{
  advance (fixture, 1500);
  g_assert_cmpuint (kiosk_station_get_uptime (fixture->station), ==, 1);
  kiosk_station_open_service (fixture->station);
  g_assert_cmpint (state_since_ms (fixture), ==, 1500);

  /* A second service is no change of state. */
  advance (fixture, 2000);
  kiosk_station_open_service (fixture->station);
  g_assert_cmpint (state_since_ms (fixture), ==, 1500);

  /* Whole seconds: 3.999 s is 3. */
  advance (fixture, 499);
  g_assert_cmpuint (kiosk_station_get_uptime (fixture->station), ==, 3);
  g_assert_cmpuint (kiosk_station_get_in_use_seconds (fixture->station), ==, 2);
  advance (fixture, 1);
  g_assert_cmpuint (kiosk_station_get_uptime (fixture->station), ==, 4);
  g_assert_cmpuint (kiosk_station_get_in_use_seconds (fixture->station), ==, 2);

  kiosk_station_end_session (fixture->station);
  g_assert_cmpint (state_since_ms (fixture), ==, 4000);
  g_assert_cmpuint (kiosk_station_get_in_use_seconds (fixture->station), ==, 0);

  advance (fixture, 250);
  kiosk_station_wipe_proven (fixture->station);
  g_assert_cmpint (state_since_ms (fixture), ==, 4250);
  g_assert_cmpuint (kiosk_station_get_uptime (fixture->station), ==, 4);
}

/* IdleTimeout=300, IdleWarning=30: after 300 s without input, "erased in
 * 30 seconds", one second at a time, then the session ends as idle.
 */
static void
test_idle_countdown_ends_the_session (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autofree char *thirty_to_one = count_down (30, 1);
  g_autofree char *and_gone = g_strconcat (thirty_to_one, " -1", NULL);

  kiosk_station_open_service (fixture->station);

  advance (fixture, 300 * 1000 - 1);
  g_assert_cmpstr (fixture->countdown->str, ==, "");
  advance (fixture, 1);
  g_assert_cmpstr (fixture->countdown->str, ==, "30");

  advance (fixture, 29 * 1000);
  g_assert_cmpstr (fixture->countdown->str, ==, thirty_to_one);
  advance (fixture, 999);
  g_assert_cmpstr (fixture->ends->str, ==, "");
  assert_state (fixture, KIOSK_STATION_IN_USE);

  advance (fixture, 1);
  g_assert_cmpstr (fixture->ends->str, ==, "idle");
  g_assert_cmpint (fixture->ended_at, ==, 330 * 1000);
  assert_state (fixture, KIOSK_STATION_ENDING);
  /* The end takes the countdown off the screen. */
  g_assert_cmpstr (fixture->countdown->str, ==, and_gone);

  /* The clock stopped with the session: the next one starts it again. */
  advance (fixture, 3600 * 1000);
  g_assert_cmpstr (fixture->ends->str, ==, "idle");
  g_assert_cmpstr (fixture->countdown->str, ==, and_gone);
}

static void
test_activity_cancels_the_countdown (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autofree char *shown = count_down (30, 20);
  g_autofree char *gone = g_strconcat (shown, " -1", NULL);
  g_autofree char *again = g_strconcat (gone, " 30", NULL);
  g_autofree char *gone_again = g_strconcat (again, " -1", NULL);

  kiosk_station_open_service (fixture->station);

  /* Input with no countdown on screen only moves the idle seconds. */
  advance (fixture, 100 * 1000);
  kiosk_station_note_activity (fixture->station);
  g_assert_cmpstr (fixture->countdown->str, ==, "");
  advance (fixture, 300 * 1000 - 1);
  g_assert_cmpstr (fixture->countdown->str, ==, "");
  advance (fixture, 1 + 10 * 1000);
  g_assert_cmpstr (fixture->countdown->str, ==, shown);

  /* A touch takes it away, once. */
  kiosk_station_note_activity (fixture->station);
  kiosk_station_note_activity (fixture->station);
  g_assert_cmpstr (fixture->countdown->str, ==, gone);

  /* The full idle time again before the next countdown, and no end. */
  advance (fixture, 300 * 1000 - 1);
  g_assert_cmpstr (fixture->countdown->str, ==, gone);
  advance (fixture, 1);
  g_assert_cmpstr (fixture->countdown->str, ==, again);
  g_assert_cmpstr (fixture->ends->str, ==, "");
  assert_state (fixture, KIOSK_STATION_IN_USE);

  /* Ended by the resident during a countdown: the countdown goes, and
   * the clock stops with the session.
   */
  kiosk_station_end_session (fixture->station);
  kiosk_station_wipe_proven (fixture->station);
  advance (fixture, 3600 * 1000);
  g_assert_cmpstr (fixture->countdown->str, ==, gone_again);
  g_assert_cmpstr (fixture->ends->str, ==, "");
}

/* A choice on the home screen (a language, a search) before any service:
 * the idle clock runs, so that the choice does not wait for the next
 * person. The session is ended as idle though the station is free.
 */
static void
test_a_choice_starts_the_idle_clock (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autofree char *whole = count_down (30, 1);
  g_autofree char *ended = g_strconcat (whole, " -1", NULL);
  g_autofree char *shown = NULL;

  kiosk_station_note_choice (fixture->station);
  assert_state (fixture, KIOSK_STATION_FREE);
  advance (fixture, 330 * 1000);
  g_assert_cmpstr (fixture->countdown->str, ==, ended);
  g_assert_cmpstr (fixture->ends->str, ==, "idle");
  g_assert_cmpstr (fixture->states->str, ==, "ending");

  /* A second choice during the countdown restarts the idle seconds; it
   * does not itself take the countdown away (the touch that made the
   * choice did, through kiosk_station_note_activity()).
   */
  kiosk_station_wipe_proven (fixture->station);
  g_string_truncate (fixture->countdown, 0);
  kiosk_station_note_choice (fixture->station);
  advance (fixture, 305 * 1000);
  shown = count_down (30, 25);
  g_assert_cmpstr (fixture->countdown->str, ==, shown);
  kiosk_station_note_choice (fixture->station);
  advance (fixture, 300 * 1000 - 1);
  g_assert_cmpstr (fixture->countdown->str, ==, shown);
  g_assert_cmpstr (fixture->ends->str, ==, "idle");
}

/* MaxSessionMinutes=30: a warning five minutes before, then the end, from
 * the first service on, however busy the resident is.
 */
static void
test_time_limit_ends_the_session (Fixture       *fixture,
                                  gconstpointer  data)
{
  const guint opened = 10 * 60 * 1000;

  /* Ten minutes free first: the limit counts from the first service. */
  advance (fixture, opened);
  kiosk_station_open_service (fixture->station);

  for (guint i = 0; i < 6; i++)
    {
      advance (fixture, 4 * 60 * 1000);
      kiosk_station_note_activity (fixture->station);
    }
  advance (fixture, 60 * 1000 - 1);
  g_assert_cmpstr (fixture->warnings->str, ==, "");
  advance (fixture, 1);
  g_assert_cmpstr (fixture->warnings->str, ==, "5");

  /* Neither another service nor input gives more time. */
  g_assert_false (kiosk_station_open_service (fixture->station));
  advance (fixture, 4 * 60 * 1000);
  kiosk_station_note_activity (fixture->station);
  advance (fixture, 60 * 1000 - 1);
  g_assert_cmpstr (fixture->ends->str, ==, "");
  advance (fixture, 1);
  g_assert_cmpstr (fixture->ends->str, ==, "time-limit");
  g_assert_cmpint (fixture->ended_at, ==, opened + 30 * 60 * 1000);

  /* Warned once; never idle. */
  g_assert_cmpstr (fixture->warnings->str, ==, "5");
  g_assert_cmpstr (fixture->countdown->str, ==, "");
  assert_state (fixture, KIOSK_STATION_ENDING);
}

/* A limit shorter than the warning: warned at the first second, and
 * again in the next session.
 */
static void
test_a_short_time_limit_warns_at_once (Fixture       *fixture,
                                       gconstpointer  data)
{
  kiosk_station_open_service (fixture->station);
  advance (fixture, 999);
  g_assert_cmpstr (fixture->warnings->str, ==, "");
  advance (fixture, 1);
  g_assert_cmpstr (fixture->warnings->str, ==, "1");

  advance (fixture, 59 * 1000 - 1);
  g_assert_cmpstr (fixture->ends->str, ==, "");
  advance (fixture, 1);
  g_assert_cmpstr (fixture->ends->str, ==, "time-limit");
  g_assert_cmpstr (fixture->warnings->str, ==, "1");

  kiosk_station_wipe_proven (fixture->station);
  kiosk_station_open_service (fixture->station);
  advance (fixture, 1000);
  g_assert_cmpstr (fixture->warnings->str, ==, "1 1");
}

static void
test_assisted_mode_pauses_the_idle_countdown (Fixture       *fixture,
                                              gconstpointer  data)
{
  kiosk_station_open_service (fixture->station);
  g_assert_true (kiosk_station_set_assisted (fixture->station, TRUE));
  g_assert_false (kiosk_station_set_assisted (fixture->station, TRUE));
  g_assert_true (kiosk_station_get_assisted (fixture->station));
  g_assert_cmpstr (fixture->flags->str, ==, "+assisted");

  /* A mediator may talk a long while without a touch: AssistedIdleTimeout
   * (30 minutes unless set), not IdleTimeout.
   */
  advance (fixture, 30 * 60 * 1000 - 1);
  g_assert_cmpstr (fixture->countdown->str, ==, "");
  g_assert_cmpstr (fixture->ends->str, ==, "");
  assert_state (fixture, KIOSK_STATION_IN_USE);

  /* Both walked away: the countdown comes all the same; a touch takes it
   * away.
   */
  advance (fixture, 1);
  g_assert_cmpstr (fixture->countdown->str, ==, "30");
  kiosk_station_note_activity (fixture->station);
  g_assert_cmpstr (fixture->countdown->str, ==, "30 -1");

  /* When the mediator leaves, the usual idle seconds count from then. */
  g_assert_true (kiosk_station_set_assisted (fixture->station, FALSE));
  advance (fixture, 300 * 1000 - 1);
  g_assert_cmpstr (fixture->countdown->str, ==, "30 -1");
  advance (fixture, 1);
  g_assert_cmpstr (fixture->countdown->str, ==, "30 -1 30");

  /* A mediator who comes back takes the countdown away. */
  g_assert_true (kiosk_station_set_assisted (fixture->station, TRUE));
  g_assert_cmpstr (fixture->countdown->str, ==, "30 -1 30 -1");

  /* Assisted mode ends with the session. */
  kiosk_station_end_session (fixture->station);
  g_assert_false (kiosk_station_get_assisted (fixture->station));
  g_assert_cmpstr (fixture->flags->str, ==, "+assisted -assisted +assisted -assisted");

  /* Staff may turn it on at a free station, for the next resident. */
  kiosk_station_wipe_proven (fixture->station);
  g_assert_true (kiosk_station_set_assisted (fixture->station, TRUE));
  assert_state (fixture, KIOSK_STATION_FREE);
}

/* Only the idle clock stops while a mediator helps: the time limit
 * holds.
 */
static void
test_assisted_mode_keeps_the_time_limit (Fixture       *fixture,
                                         gconstpointer  data)
{
  kiosk_station_open_service (fixture->station);
  kiosk_station_set_assisted (fixture->station, TRUE);

  advance (fixture, 30 * 60 * 1000);
  g_assert_cmpstr (fixture->warnings->str, ==, "5");
  g_assert_cmpstr (fixture->ends->str, ==, "time-limit");
  g_assert_cmpstr (fixture->countdown->str, ==, "");
  g_assert_cmpstr (fixture->flags->str, ==, "+assisted -assisted");
}

static void
test_help_requests_and_pin_alarm (Fixture       *fixture,
                                  gconstpointer  data)
{
  KioskStation *station = fixture->station;

  kiosk_station_open_service (station);

  /* "Call a mediator", pressed twice: the desk is told once. */
  g_assert_true (kiosk_station_request_help (station));
  g_assert_false (kiosk_station_request_help (station));
  g_assert_true (kiosk_station_get_help_requested (station));
  g_assert_cmpstr (fixture->flags->str, ==, "+help-requested");

  /* The mediator who comes answers it. */
  kiosk_station_set_assisted (station, TRUE);
  g_assert_false (kiosk_station_get_help_requested (station));
  g_assert_cmpstr (fixture->flags->str, ==, "+help-requested -help-requested +assisted");

  /* A call still open when the session ends goes with it. */
  g_assert_true (kiosk_station_request_help (station));
  kiosk_station_end_session (station);
  kiosk_station_wipe_proven (station);
  g_assert_false (kiosk_station_get_help_requested (station));
  g_assert_cmpstr (fixture->flags->str, ==,
                   "+help-requested -help-requested +assisted "
                   "+help-requested -help-requested -assisted");
  g_string_truncate (fixture->flags, 0);

  /* Too many wrong staff PINs: the alarm outlasts the session and the
   * station's going out of service, until staff unlock the panel.
   */
  g_assert_true (kiosk_station_raise_pin_alarm (station));
  g_assert_false (kiosk_station_raise_pin_alarm (station));
  g_assert_true (kiosk_station_request_help (station));
  kiosk_station_open_service (station);
  kiosk_station_end_session (station);
  g_assert_true (kiosk_station_get_help_requested (station));
  g_assert_true (kiosk_station_set_out_of_service (station, "the screen is cracked", NULL));
  g_assert_true (kiosk_station_get_help_requested (station));
  g_assert_cmpstr (fixture->flags->str, ==, "+help-requested");

  /* Out of service, nobody can call; the alarm can still be raised. */
  g_assert_false (kiosk_station_request_help (station));
  kiosk_station_clear_help_request (station);
  g_assert_false (kiosk_station_get_help_requested (station));
  g_assert_true (kiosk_station_raise_pin_alarm (station));
  g_assert_cmpstr (fixture->flags->str, ==, "+help-requested -help-requested +help-requested");
}

static void
test_out_of_service (Fixture       *fixture,
                     gconstpointer  data)
{
  KioskStation *station = fixture->station;
  g_autofree char *shown = count_down (30, 26);
  g_autofree char *gone = g_strconcat (shown, " -1", NULL);

  kiosk_station_open_service (station);
  advance (fixture, 304 * 1000);
  kiosk_station_request_help (station);
  g_assert_cmpstr (fixture->countdown->str, ==, shown);

  /* An empty message is the usual "use another computer". */
  g_assert_true (kiosk_station_set_out_of_service (station, "the screen is cracked", ""));
  g_assert_cmpstr (kiosk_station_get_out_of_service_reason (station), ==,
                   "the screen is cracked");
  g_assert_null (kiosk_station_get_out_of_service_message (station));
  g_assert_cmpint (state_since_ms (fixture), ==, 304 * 1000);
  g_assert_cmpstr (fixture->countdown->str, ==, gone);
  g_assert_false (kiosk_station_get_help_requested (station));

  /* Its clocks stopped; its minutes out of service are counted. */
  advance (fixture, 60 * 1000 - 1);
  g_assert_cmpuint (fixture->minutes_out_of_service, ==, 0);
  advance (fixture, 1);
  g_assert_cmpuint (fixture->minutes_out_of_service, ==, 1);
  advance (fixture, 2 * 60 * 1000);
  g_assert_cmpuint (fixture->minutes_out_of_service, ==, 3);
  g_assert_cmpstr (fixture->countdown->str, ==, gone);
  g_assert_cmpstr (fixture->ends->str, ==, "");

  /* Nothing a resident or staff do but bringing it back changes it. */
  g_assert_false (kiosk_station_set_out_of_service (station, "the wipe failed", "Back at 2 pm"));
  g_assert_false (kiosk_station_set_assisted (station, TRUE));
  kiosk_station_note_choice (station);
  advance (fixture, 600 * 1000);
  g_assert_cmpstr (kiosk_station_get_out_of_service_reason (station), ==,
                   "the screen is cracked");
  g_assert_null (kiosk_station_get_out_of_service_message (station));
  g_assert_false (kiosk_station_get_assisted (station));
  g_assert_cmpstr (fixture->countdown->str, ==, gone);
  g_assert_cmpuint (fixture->minutes_out_of_service, ==, 13);

  g_assert_true (kiosk_station_set_in_service (station));
  g_assert_null (kiosk_station_get_out_of_service_reason (station));
  advance (fixture, 600 * 1000);
  g_assert_cmpuint (fixture->minutes_out_of_service, ==, 13);

  /* Staff's own words for the residents; assisted mode ends. */
  kiosk_station_set_assisted (station, TRUE);
  g_assert_true (kiosk_station_set_out_of_service (station, "put out of service by a mediator",
                                                   "Back at 2 pm"));
  g_assert_cmpstr (kiosk_station_get_out_of_service_message (station), ==, "Back at 2 pm");
  g_assert_false (kiosk_station_get_assisted (station));
  g_assert_true (kiosk_station_set_in_service (station));
  g_assert_null (kiosk_station_get_out_of_service_message (station));
}

#define STATION_TEST(path, config, func) \
  g_test_add ("/core/station-clock/" path, Fixture, &config, fixture_set_up, func, \
              fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  STATION_TEST ("fake-clock-runs-what-falls-due-in-order", default_config,
                test_fake_clock_runs_what_falls_due_in_order);
  STATION_TEST ("fake-clock-timeouts-change-timeouts", default_config,
                test_fake_clock_timeouts_change_timeouts);
  g_test_add_func ("/core/station-clock/real-clock", test_real_clock);
  STATION_TEST ("a-new-station-is-free", default_config, test_a_new_station_is_free);
  STATION_TEST ("state-transitions", default_config, test_state_transitions);
  STATION_TEST ("state-since-and-uptime-follow-the-clock", default_config,
                test_state_since_and_uptime_follow_the_clock);
  STATION_TEST ("idle-countdown-ends-the-session", default_config,
                test_idle_countdown_ends_the_session);
  STATION_TEST ("activity-cancels-the-countdown", default_config,
                test_activity_cancels_the_countdown);
  STATION_TEST ("a-choice-starts-the-idle-clock", default_config,
                test_a_choice_starts_the_idle_clock);
  STATION_TEST ("time-limit-ends-the-session", half_hour_config,
                test_time_limit_ends_the_session);
  STATION_TEST ("a-short-time-limit-warns-at-once", one_minute_config,
                test_a_short_time_limit_warns_at_once);
  STATION_TEST ("assisted-mode-pauses-the-idle-countdown", default_config,
                test_assisted_mode_pauses_the_idle_countdown);
  STATION_TEST ("assisted-mode-keeps-the-time-limit", half_hour_config,
                test_assisted_mode_keeps_the_time_limit);
  STATION_TEST ("help-requests-and-pin-alarm", default_config,
                test_help_requests_and_pin_alarm);
  STATION_TEST ("out-of-service", default_config, test_out_of_service);

  return g_test_run ();
}
