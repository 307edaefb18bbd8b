/* test-usage-counter.c — counts reach the database late by a second at most, and survive
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-test"

#include "config.h"

#include "kiosk-usage-counter.h"
#include "test-utils.h"

#include <glib/gstdio.h>
#include <string.h>

typedef struct
{
  const char *metric;
  const char *key;
  guint       hour;
  gint64      count;
  guint       n_rows;
} Lookup;

static gboolean
find_row_cb (const KioskUsageRow *row,
             gpointer             user_data)
{
  Lookup *lookup = user_data;

  if (g_strcmp0 (row->metric, lookup->metric) == 0 && g_strcmp0 (row->key, lookup->key) == 0)
    {
      lookup->count += row->count;
      lookup->hour = row->hour;
      lookup->n_rows++;
    }
  return TRUE;
}

/* What the database holds for @metric and @key, read as a report would. */
static gint64
stored_count (const char *path,
              const char *metric,
              const char *key,
              guint      *hour)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskUsageStore) store = kiosk_usage_store_open_read_only (path, &error);
  Lookup lookup = { metric, key != NULL ? key : "", 0, 0, 0 };

  if (store == NULL)
    return -1;
  g_assert_true (kiosk_usage_store_foreach (store, NULL, find_row_cb, &lookup, &error));
  g_assert_no_error (error);
  if (hour != NULL)
    *hour = lookup.hour;
  return lookup.count;
}

static char *
database_path (const char *name)
{
  return g_build_filename (g_get_user_state_dir (), name, NULL);
}

typedef struct
{
  const char *path;
  gint64      expected;
} CountWait;

static gboolean
count_is_stored (gpointer user_data)
{
  CountWait *wait = user_data;

  return stored_count (wait->path, KIOSK_METRIC_SERVICE_OPENED, "caf", NULL) == wait->expected;
}

static void
test_counts_are_written_soon (void)
{
  g_autofree char *path = database_path ("soon.db");
  g_autoptr(KioskUsageCounter) counter = NULL;
  CountWait wait = { path, 3 };

  g_mkdir_with_parents (g_get_user_state_dir (), 0700);
  counter = kiosk_usage_counter_new (path, "gare", "gare-01");
  kiosk_usage_counter_set_flush_delay (counter, 100);

  for (guint i = 0; i < 3; i++)
    kiosk_usage_counter_add (counter, KIOSK_METRIC_SERVICE_OPENED, "caf", 1);

  /* Nothing written on the spot: the UI thread never waits for SQLite. */
  g_assert_cmpint (stored_count (path, KIOSK_METRIC_SERVICE_OPENED, "caf", NULL), <=, 0);

  g_assert_true (kiosk_test_wait_until (count_is_stored, &wait, 10));
  g_assert_false (kiosk_usage_counter_is_paused (counter));
  g_assert_null (kiosk_usage_counter_dup_problem (counter));
}

static void
test_flush_and_shutdown_lose_nothing (void)
{
  g_autofree char *path = database_path ("shutdown.db");
  KioskUsageCounter *counter;

  g_mkdir_with_parents (g_get_user_state_dir (), 0700);
  counter = kiosk_usage_counter_new (path, "gare", "gare-01");
  kiosk_usage_counter_set_flush_delay (counter, 60 * 1000);

  kiosk_usage_counter_add (counter, KIOSK_METRIC_SESSION_STARTED, NULL, 1);
  kiosk_usage_counter_flush (counter);
  g_assert_cmpint (stored_count (path, KIOSK_METRIC_SESSION_STARTED, NULL, NULL), ==, 1);

  kiosk_usage_counter_add (counter, KIOSK_METRIC_SESSION_STARTED, NULL, 1);
  kiosk_usage_counter_add (counter, KIOSK_METRIC_PAGES_PRINTED, NULL, 4);
  kiosk_usage_counter_flush_soon (counter);
  kiosk_usage_counter_add (counter, KIOSK_METRIC_PAGES_PRINTED, NULL, 2);

  /* A clean stop writes what was still in memory. */
  g_object_unref (counter);
  g_assert_cmpint (stored_count (path, KIOSK_METRIC_SESSION_STARTED, NULL, NULL), ==, 2);
  g_assert_cmpint (stored_count (path, KIOSK_METRIC_PAGES_PRINTED, NULL, NULL), ==, 6);
}

static void
test_day_resolution_keeps_no_hour (void)
{
  g_autofree char *path = database_path ("day.db");
  g_autoptr(KioskUsageCounter) counter = NULL;
  g_autoptr(GDateTime) afternoon = g_date_time_new_local (2026, 11, 23, 15, 42, 0);
  guint hour = 99;

  g_mkdir_with_parents (g_get_user_state_dir (), 0700);
  counter = kiosk_usage_counter_new (path, "gare", "gare-01");
  kiosk_usage_counter_add_at (counter, afternoon, KIOSK_USAGE_BY_DAY,
                              KIOSK_METRIC_SURVEY_OUTCOME, "yes", 1);
  kiosk_usage_counter_add_at (counter, afternoon, KIOSK_USAGE_BY_HOUR,
                              KIOSK_METRIC_SERVICE_OPENED, "caf", 1);
  kiosk_usage_counter_flush (counter);

  g_assert_cmpint (stored_count (path, KIOSK_METRIC_SURVEY_OUTCOME, "yes", &hour), ==, 1);
  g_assert_cmpuint (hour, ==, 0);
  g_assert_cmpint (stored_count (path, KIOSK_METRIC_SERVICE_OPENED, "caf", &hour), ==, 1);
  g_assert_cmpuint (hour, ==, 15);
}

static void
test_unusable_names_are_not_kept (void)
{
  g_autofree char *path = database_path ("names.db");
  g_autoptr(KioskUsageCounter) counter = NULL;

  g_mkdir_with_parents (g_get_user_state_dir (), 0700);
  counter = kiosk_usage_counter_new (path, "gare", "gare-01");

  g_test_expect_message ("kiosk-usage-counter", G_LOG_LEVEL_WARNING,
                         "A usage count with an unusable name was not kept");
  kiosk_usage_counter_add (counter, KIOSK_METRIC_NAVIGATION_REFUSED, "evil\x1f.example", 1);
  g_test_assert_expected_messages ();
  kiosk_usage_counter_add (counter, KIOSK_METRIC_NAVIGATION_REFUSED, "evil.example", 1);
  kiosk_usage_counter_flush (counter);

  g_assert_cmpint (stored_count (path, KIOSK_METRIC_NAVIGATION_REFUSED, "evil.example", NULL),
                   ==, 1);
  g_assert_cmpint (stored_count (path, KIOSK_METRIC_NAVIGATION_REFUSED, "evil\x1f.example",
                                 NULL), ==, 0);
}

static void
test_unwritable_database_pauses_then_catches_up (void)
{
  g_autofree char *folder = g_build_filename (g_get_user_state_dir (), "later", NULL);
  g_autofree char *path = g_build_filename (folder, "usage.db", NULL);
  g_autoptr(KioskUsageCounter) counter = NULL;
  g_autofree char *problem = NULL;

  /* The state folder is not there (a disk not mounted yet): counting
   * pauses, the counts wait in memory.
   */
  counter = kiosk_usage_counter_new (path, "gare", "gare-01");
  kiosk_usage_counter_add (counter, KIOSK_METRIC_SESSION_STARTED, NULL, 5);
  g_test_expect_message ("kiosk-usage-counter", G_LOG_LEVEL_WARNING,
                         "Usage counting is paused*");
  kiosk_usage_counter_flush (counter);
  g_test_assert_expected_messages ();
  g_assert_true (kiosk_usage_counter_is_paused (counter));
  problem = kiosk_usage_counter_dup_problem (counter);
  g_assert_nonnull (problem);

  kiosk_usage_counter_add (counter, KIOSK_METRIC_SESSION_STARTED, NULL, 2);
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  kiosk_usage_counter_flush (counter);

  g_assert_false (kiosk_usage_counter_is_paused (counter));
  g_assert_cmpint (stored_count (path, KIOSK_METRIC_SESSION_STARTED, NULL, NULL), ==, 7);
}

static void
test_damaged_database_is_kept_aside (void)
{
  g_autofree char *path = database_path ("damaged.db");
  g_autoptr(KioskUsageCounter) counter = NULL;
  g_autofree char *problem = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  gboolean kept = FALSE;

  g_mkdir_with_parents (g_get_user_state_dir (), 0700);
  g_assert_true (g_file_set_contents (path, "this is not a database, but it was one", -1, NULL));

  counter = kiosk_usage_counter_new (path, "gare", "gare-01");
  kiosk_usage_counter_add (counter, KIOSK_METRIC_SESSION_STARTED, NULL, 1);
  g_test_expect_message ("kiosk-usage-store", G_LOG_LEVEL_WARNING, "*");
  kiosk_usage_counter_flush (counter);
  g_test_assert_expected_messages ();

  /* Counting goes on in a new database; the old file is kept for staff. */
  g_assert_false (kiosk_usage_counter_is_paused (counter));
  g_assert_cmpint (stored_count (path, KIOSK_METRIC_SESSION_STARTED, NULL, NULL), ==, 1);
  problem = kiosk_usage_counter_dup_problem (counter);
  g_assert_nonnull (strstr (problem, "damaged"));

  dir = g_dir_open (g_get_user_state_dir (), 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_has_prefix (name, "damaged.db.corrupt-"))
        {
          g_autofree char *aside = g_build_filename (g_get_user_state_dir (), name, NULL);
          g_autofree char *contents = NULL;

          g_assert_true (g_file_get_contents (aside, &contents, NULL, NULL));
          g_assert_cmpstr (contents, ==, "this is not a database, but it was one");
          kept = TRUE;
        }
    }
  g_assert_true (kept);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/usage-counter/written-soon", test_counts_are_written_soon);
  g_test_add_func ("/core/usage-counter/flush-and-shutdown-lose-nothing",
                   test_flush_and_shutdown_lose_nothing);
  g_test_add_func ("/core/usage-counter/day-resolution-keeps-no-hour",
                   test_day_resolution_keeps_no_hour);
  g_test_add_func ("/core/usage-counter/unusable-names-are-not-kept",
                   test_unusable_names_are_not_kept);
  g_test_add_func ("/core/usage-counter/unwritable-database-pauses-then-catches-up",
                   test_unwritable_database_pauses_then_catches_up);
  g_test_add_func ("/core/usage-counter/damaged-database-is-kept-aside",
                   test_damaged_database_is_kept_aside);

  return g_test_run ();
}
