/* bench-usage.c — recording counts, and yearly reports over 12 stations x 5 years
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Budgets (DESIGN.md): at least 100 000 counts recorded per second in
 * batches, and a yearly report over 12 stations × 5 years within 100 ms.
 * Prints medians of several runs; it is a measurement, never a pass/fail.
 */
#define G_LOG_DOMAIN "kiosk-bench"

#include "config.h"

#include "bench-stats.h"
#include "kiosk-files.h"
#include "kiosk-usage-store.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#define BATCH_SIZE 1000
#define BATCHES_PER_RUN 100
#define N_RUNS 7

#define N_STATIONS 12
#define STATIONS_PER_SITE 3
#define FIRST_YEAR 2021
#define N_YEARS 5
#define REPORT_YEAR 2025
#define FIRST_OPEN_HOUR 8
#define OPEN_HOURS 12
#define PAIRS_PER_HOUR 8

typedef struct
{
  const char *metric;
  const char *key;
} Pair;

/* What a station counts in a day: each opening hour has 8 of these. */
static const Pair pairs[] = {
  { KIOSK_METRIC_SESSION_STARTED, NULL },
  { KIOSK_METRIC_SESSION_ENDED, "idle" },
  { KIOSK_METRIC_SESSION_ENDED, "button" },
  { KIOSK_METRIC_SESSION_ENDED, "max-duration" },
  { KIOSK_METRIC_SESSION_DURATION, "<5" },
  { KIOSK_METRIC_SESSION_DURATION, "5-15" },
  { KIOSK_METRIC_SESSION_DURATION, "15-30" },
  { KIOSK_METRIC_SESSION_DURATION, "30-60" },
  { KIOSK_METRIC_SESSION_DURATION, ">60" },
  { KIOSK_METRIC_SERVICE_OPENED, "caf" },
  { KIOSK_METRIC_SERVICE_OPENED, "ameli" },
  { KIOSK_METRIC_SERVICE_OPENED, "impots" },
  { KIOSK_METRIC_SERVICE_OPENED, "france-travail" },
  { KIOSK_METRIC_SERVICE_OPENED, "ants" },
  { KIOSK_METRIC_SERVICE_OPENED, "msa" },
  { KIOSK_METRIC_SERVICE_OPENED, "la-poste" },
  { KIOSK_METRIC_NAVIGATION_REFUSED, "google.com" },
  { KIOSK_METRIC_NAVIGATION_REFUSED, "facebook.com" },
  { KIOSK_METRIC_LANGUAGE, "fr" },
  { KIOSK_METRIC_LANGUAGE, "ar" },
  { KIOSK_METRIC_LANGUAGE, "en" },
  { KIOSK_METRIC_PAGES_PRINTED, NULL },
  { KIOSK_METRIC_DOCUMENT_DOWNLOADED, NULL },
  { KIOSK_METRIC_TEXT_SIZE_CHANGED, NULL },
};

static const char * const sites[] = { "mairie", "gare", "mediatheque", "france-services" };

static double
median (GArray *samples)
{
  kiosk_bench_sort (samples);
  return kiosk_bench_median (samples);
}

static void
add_sample (GArray *samples,
            double  value)
{
  g_array_append_val (samples, value);
}

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

static goffset
file_size (const char *path)
{
  GStatBuf buf;

  return g_stat (path, &buf) == 0 ? buf.st_size : 0;
}

static void
check (gboolean  ok,
       GError   *error)
{
  if (!ok)
    g_error ("%s", error->message);
}

/* Recording: batches of 1000 new counters, then the same batches again,
 * which only add to counters that exist.
 */
static void
bench_add (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "add.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskUsageStore) store = kiosk_usage_store_open (path, &error);
  g_autoptr(GPtrArray) days = g_ptr_array_new_with_free_func (g_free);
  g_autofree KioskUsageRow *rows = g_new0 (KioskUsageRow, BATCH_SIZE * BATCHES_PER_RUN);
  g_autoptr(GArray) new_rates = kiosk_bench_samples_new ();
  g_autoptr(GArray) existing_rates = kiosk_bench_samples_new ();
  GDate date;

  check (store != NULL, error);

  for (guint run = 0; run < N_RUNS; run++)
    {
      gint64 start;

      /* Each run counts its own days, so that every row is new. */
      g_ptr_array_set_size (days, 0);
      g_date_clear (&date, 1);
      g_date_set_dmy (&date, 1, 1, 2000 + run);
      for (guint i = 0; i < BATCH_SIZE * BATCHES_PER_RUN; i++)
        {
          char *day = g_malloc (11);
          const Pair *pair = &pairs[i % G_N_ELEMENTS (pairs)];
          guint hour = i / G_N_ELEMENTS (pairs) % OPEN_HOURS;

          if (i > 0 && i % (G_N_ELEMENTS (pairs) * OPEN_HOURS) == 0)
            g_date_add_days (&date, 1);
          g_date_strftime (day, 11, "%Y-%m-%d", &date);
          g_ptr_array_add (days, day);
          rows[i] = (KioskUsageRow) {
            day, FIRST_OPEN_HOUR + hour, "mairie", "accueil-1", pair->metric, pair->key, 1
          };
        }

      start = g_get_monotonic_time ();
      for (guint b = 0; b < BATCHES_PER_RUN; b++)
        check (kiosk_usage_store_add (store, rows + b * BATCH_SIZE, BATCH_SIZE, &error), error);
      add_sample (new_rates, BATCH_SIZE * BATCHES_PER_RUN / seconds_since (start));

      start = g_get_monotonic_time ();
      for (guint b = 0; b < BATCHES_PER_RUN; b++)
        check (kiosk_usage_store_add (store, rows + b * BATCH_SIZE, BATCH_SIZE, &error), error);
      add_sample (existing_rates, BATCH_SIZE * BATCHES_PER_RUN / seconds_since (start));
    }

  g_print ("recording: %u runs of %u batches of %u counts\n", N_RUNS, BATCHES_PER_RUN,
           BATCH_SIZE);
  g_print ("  new counters:      median %.0f counts/s (%.2f times the budget of 100000/s)\n",
           median (new_rates), median (new_rates) / 1e5);
  g_print ("  existing counters: median %.0f counts/s (%.2f times the budget)\n",
           median (existing_rates), median (existing_rates) / 1e5);
}

/* One station's five years, one month per batch. */
static guint
build_station (const char *path,
               guint       station,
               GRand      *rand)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskUsageStore) store = kiosk_usage_store_open (path, &error);
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (KioskUsageRow));
  g_autoptr(GPtrArray) days = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *station_name = g_strdup_printf ("poste-%02u", station + 1);
  const char *site = sites[station / STATIONS_PER_SITE];
  guint n_rows = 0;
  GDate date;

  check (store != NULL, error);

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, 1, FIRST_YEAR);
  while (g_date_get_year (&date) < FIRST_YEAR + N_YEARS)
    {
      GDateMonth month = g_date_get_month (&date);
      char *day = g_malloc (11);

      g_date_strftime (day, 11, "%Y-%m-%d", &date);
      g_ptr_array_add (days, day);

      for (guint hour = FIRST_OPEN_HOUR; hour < FIRST_OPEN_HOUR + OPEN_HOURS; hour++)
        {
          guint first = g_rand_int_range (rand, 0, G_N_ELEMENTS (pairs));

          for (guint p = 0; p < PAIRS_PER_HOUR; p++)
            {
              const Pair *pair = &pairs[(first + p) % G_N_ELEMENTS (pairs)];
              KioskUsageRow row = {
                day, hour, site, station_name, pair->metric, pair->key,
                g_rand_int_range (rand, 1, 6)
              };

              g_array_append_val (rows, row);
            }
        }

      g_date_add_days (&date, 1);
      if (g_date_get_month (&date) != month)
        {
          check (kiosk_usage_store_add (store, (KioskUsageRow *) rows->data, rows->len, &error),
                 error);
          n_rows += rows->len;
          g_array_set_size (rows, 0);
          g_ptr_array_set_size (days, 0);
        }
    }

  return n_rows;
}

typedef struct
{
  const char      *name;
  KioskUsageGroup  group;
} Report;

static gboolean
count_total_cb (const KioskUsageTotal *total,
                gpointer               user_data)
{
  guint *n_totals = user_data;

  (*n_totals)++;
  return TRUE;
}

static gboolean
count_row_cb (const KioskUsageRow *row,
              gpointer             user_data)
{
  guint *n_rows = user_data;

  (*n_rows)++;
  return TRUE;
}

static void
bench_reports (const char *dir)
{
  static const Report reports[] = {
    { "per metric and key", KIOSK_USAGE_GROUP_METRIC_KEY },
    { "per month", KIOSK_USAGE_GROUP_MONTH },
    { "per site and station", KIOSK_USAGE_GROUP_SITE_STATION },
    { "per hour of the week", KIOSK_USAGE_GROUP_HOUR_OF_WEEK },
    { "per day", KIOSK_USAGE_GROUP_DAY },
  };
  static const KioskUsageFilter one_year = {
    G_STRINGIFY (REPORT_YEAR) "-01-01", G_STRINGIFY (REPORT_YEAR) "-12-31", NULL, NULL
  };
  static const KioskUsageFilter one_station_year = {
    G_STRINGIFY (REPORT_YEAR) "-01-01", G_STRINGIFY (REPORT_YEAR) "-12-31", "gare", "poste-05"
  };
  g_autofree char *all_path = g_build_filename (dir, "all.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261123);
  g_autoptr(KioskUsageStore) all = NULL;
  g_autoptr(KioskUsageStore) reader = NULL;
  g_autoptr(KioskUsageStore) station = NULL;
  g_autofree char *station_path = NULL;
  g_autoptr(GArray) times = kiosk_bench_samples_new ();
  guint n_rows = 0;
  double build_seconds = 0;
  double merge_seconds = 0;
  gint64 start;

  all = kiosk_usage_store_open (all_path, &error);
  check (all != NULL, error);

  for (guint s = 0; s < N_STATIONS; s++)
    {
      g_autofree char *name = g_strdup_printf ("station-%02u.db", s + 1);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      start = g_get_monotonic_time ();
      n_rows += build_station (path, s, rand);
      build_seconds += seconds_since (start);

      start = g_get_monotonic_time ();
      check (kiosk_usage_store_merge_from (all, path, &error), error);
      merge_seconds += seconds_since (start);
    }
  g_clear_object (&all);

  g_print ("synthetic counts: %u stations x %u years, %u opening hours a day, "
           "%u metric/key pairs an hour\n",
           N_STATIONS, N_YEARS, OPEN_HOURS, PAIRS_PER_HOUR);
  g_print ("  %u rows; built with add() in %.1f s (%.0f rows/s, one batch per station-month)\n",
           n_rows, build_seconds, n_rows / build_seconds);
  g_print ("  merged the %u station files in %.1f s (%.0f rows/s)\n",
           N_STATIONS, merge_seconds, n_rows / merge_seconds);
  station_path = g_build_filename (dir, "station-01.db", NULL);
  g_print ("  merged database: %.1f MB; one station's: %.1f MB\n",
           file_size (all_path) / 1e6, file_size (station_path) / 1e6);

  /* Opening reads every page once, to find damage. */
  for (guint run = 0; run < N_RUNS; run++)
    {
      start = g_get_monotonic_time ();
      reader = kiosk_usage_store_open_read_only (all_path, &error);
      check (reader != NULL, error);
      add_sample (times, seconds_since (start) * 1000);
      if (run < N_RUNS - 1)
        g_clear_object (&reader);
    }
  g_print ("  opening the merged database read-only: median %.1f ms\n", median (times));

  g_array_set_size (times, 0);
  for (guint run = 0; run < N_RUNS; run++)
    {
      start = g_get_monotonic_time ();
      station = kiosk_usage_store_open (station_path, &error);
      check (station != NULL, error);
      add_sample (times, seconds_since (start) * 1000);
      g_clear_object (&station);
    }
  g_print ("  opening one station's database for writing: median %.1f ms\n",
           median (times));

  g_print ("one-year reports (%d, all 12 stations), median of %u runs; budget 100 ms:\n",
           REPORT_YEAR, N_RUNS);
  for (guint r = 0; r < G_N_ELEMENTS (reports); r++)
    {
      guint n_totals = 0;

      g_array_set_size (times, 0);
      for (guint run = 0; run < N_RUNS; run++)
        {
          n_totals = 0;
          start = g_get_monotonic_time ();
          check (kiosk_usage_store_total (reader, &one_year, reports[r].group, count_total_cb,
                                          &n_totals, &error), error);
          add_sample (times, seconds_since (start) * 1000);
        }
      g_print ("  %-22s %7.1f ms (%u totals)\n", reports[r].name, median (times),
               n_totals);
    }

  g_array_set_size (times, 0);
  for (guint run = 0; run < N_RUNS; run++)
    {
      guint n_totals = 0;

      start = g_get_monotonic_time ();
      check (kiosk_usage_store_total (reader, &one_station_year, KIOSK_USAGE_GROUP_METRIC_KEY,
                                      count_total_cb, &n_totals, &error), error);
      add_sample (times, seconds_since (start) * 1000);
    }
  g_print ("  one station, per metric and key: %.1f ms\n", median (times));

  g_array_set_size (times, 0);
  for (guint run = 0; run < 3; run++)
    {
      guint n_exported = 0;

      start = g_get_monotonic_time ();
      check (kiosk_usage_store_foreach (reader, &one_year, count_row_cb, &n_exported, &error),
             error);
      add_sample (times, seconds_since (start) * 1000);
      if (run == 2)
        g_print ("  every row of the year, as an export reads them: %.1f ms (%u rows)\n",
                 median (times), n_exported);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-usage-XXXXXX", &error);

  check (dir != NULL, error);
  g_print ("SQLite in %s\n", dir);

  bench_add (dir);
  bench_reports (dir);

  check (kiosk_files_remove_tree (dir, &error), error);
  return 0;
}
