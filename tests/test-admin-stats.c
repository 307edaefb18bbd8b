/* test-admin-stats.c — pimms-kiosk-admin stats as an admin or a script runs it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-test"

#include "config.h"

#include "test-utils.h"

#include "kiosk-usage-html.h"
#include "kiosk-usage-store.h"
#include "kiosk-usage-summary.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>
#include <string.h>

/* Runs the real pimms-kiosk-admin with "stats" and @arguments, in the C
 * locale, so that numbers and names of days come out the same on every
 * machine.
 */
static void
run_stats_argv (KioskTestRun       *run,
                const char * const *arguments)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, (gpointer) g_getenv ("KIOSK_ADMIN_BINARY"));
  g_ptr_array_add (argv, "stats");
  for (guint i = 0; arguments[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) arguments[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);

  /* Whatever the input, the program exits: it never crashes. */
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
  g_test_message ("stats %s: exit %d\nstdout:\n%s\nstderr:\n%s",
                  arguments[0] != NULL ? arguments[0] : "", run->status, run->out, run->err);
}

static GPtrArray *
collect_arguments (const char *first,
                   va_list     args)
{
  GPtrArray *arguments = g_ptr_array_new ();
  const char *argument;

  for (argument = first; argument != NULL; argument = va_arg (args, const char *))
    g_ptr_array_add (arguments, (gpointer) argument);
  g_ptr_array_add (arguments, NULL);

  return arguments;
}

/* Runs "pimms-kiosk-admin stats" with a NULL-terminated list of arguments. */
static void
run_stats (KioskTestRun *run,
           const char   *first,
           ...)
{
  g_autoptr(GPtrArray) arguments = NULL;
  va_list args;

  va_start (args, first);
  arguments = collect_arguments (first, args);
  va_end (args);

  run_stats_argv (run, (const char * const *) arguments->pdata);
}

/* A path in the test's own temporary folder (G_TEST_OPTION_ISOLATE_DIRS). */
static char *
test_path (const char *name)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "stats", NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return g_build_filename (dir, name, NULL);
}

static char *
make_database (const char          *name,
               const KioskUsageRow *rows,
               guint                n_rows)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskUsageStore) store = NULL;
  char *path = test_path (name);

  store = kiosk_usage_store_open (path, &error);
  g_assert_no_error (error);
  kiosk_usage_store_add (store, rows, n_rows, &error);
  g_assert_no_error (error);

  return path;
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static char *
read_golden (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("KIOSK_SOURCE_DIR"), "tests", "data",
                                            "usage", name, NULL);

  return read_file (path);
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *c = text; *c != '\0'; c++)
    n += *c == '\n';
  return n;
}

/* A hand-made database with a key holding a comma and quotes, one with
 * accents, one with a line break, and one with a tab and a backslash.
 */
static const KioskUsageRow small_rows[] = {
  { "2024-03-04", 9, "gare", "gare-01", KIOSK_METRIC_SESSION_STARTED, NULL, 3 },
  { "2024-03-04", 9, "gare", "gare-01", KIOSK_METRIC_SERVICE_OPENED, "caf", 2 },
  { "2024-03-04", 9, "gare", "gare-01", KIOSK_METRIC_SERVICE_OPENED,
    "mairie, \"état civil\"", 1 },
  { "2024-03-04", 10, "gare", "gare-02", KIOSK_METRIC_SESSION_STARTED, NULL, 12 },
  { "2024-03-04", 10, "gare", "gare-02", KIOSK_METRIC_SESSION_ENDED, "logout", 11 },
  { "2024-03-04", 10, "gare", "gare-02", KIOSK_METRIC_SESSION_DURATION, "<5", 12 },
  { "2024-03-04", 10, "gare", "gare-02", KIOSK_METRIC_SERVICE_OPENED, "caf", 9 },
  { "2024-03-05", 14, "quartier", "quartier-01", KIOSK_METRIC_NAVIGATION_REFUSED,
    "bücher.de", 1 },
  { "2024-03-05", 14, "quartier", "quartier-01", KIOSK_METRIC_SERVICE_OPENED,
    "two\nlines", 4 },
  { "2024-03-05", 14, "quartier", "quartier-01", KIOSK_METRIC_SERVICE_OPENED,
    "tab\tand\\backslash", 5 },
  { "2024-04-01", 16, "quartier", "quartier-01", KIOSK_METRIC_SURVEY_OUTCOME, "yes", 7 },
};

static char *
make_small_database (void)
{
  return make_database ("small.db", small_rows, G_N_ELEMENTS (small_rows));
}

static void
test_export_csv_golden (void)
{
  g_autofree char *db = make_small_database ();
  g_autofree char *expected = read_golden ("export.csv");
  g_auto(KioskTestRun) run = { 0 };

  run_stats (&run, "export", "--format=csv", "--db", db, NULL);

  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpstr (run.out, ==, expected);
  g_assert_true (g_str_has_prefix (run.out, "day,hour,site,station,metric,key,count\n"));
}

static void
test_export_csv_is_the_default (void)
{
  g_autofree char *db = make_small_database ();
  g_autofree char *expected = read_golden ("export.csv");
  g_autofree char *output = test_path ("export.csv");
  g_autofree char *written = NULL;
  g_auto(KioskTestRun) run = { 0 };

  run_stats (&run, "export", "--db", db, "--output", output, NULL);

  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "");
  written = read_file (output);
  g_assert_cmpstr (written, ==, expected);
}

static void
test_export_json_golden (void)
{
  g_autofree char *db = make_small_database ();
  g_autofree char *expected = read_golden ("export.json");
  g_auto(KioskTestRun) run = { 0 };

  run_stats (&run, "export", "--format", "json", "--db", db, NULL);

  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpstr (run.out, ==, expected);
}

static void
test_export_json_empty (void)
{
  g_autofree char *db = make_small_database ();
  g_auto(KioskTestRun) run = { 0 };

  run_stats (&run, "export", "--format=json", "--db", db, "--from=2030-01-01", NULL);

  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "[]\n");
}

/* The day, site and station of each exported row, as "day site station". */
static GPtrArray *
exported_places (const char *csv)
{
  GPtrArray *places = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) lines = g_strsplit (csv, "\n", -1);

  g_assert_cmpstr (lines[0], ==, "day,hour,site,station,metric,key,count");
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;

      /* Only rows start with a day; the rest of a quoted line break does not. */
      if (!g_regex_match_simple ("^20[0-9][0-9]-", lines[i], 0, 0))
        continue;
      fields = g_strsplit (lines[i], ",", 5);
      g_ptr_array_add (places, g_strjoin (" ", fields[0], fields[2], fields[3], NULL));
    }

  return places;
}

static void
assert_places (const char *db,
               const char *option,
               const char *expected)
{
  g_auto(KioskTestRun) run = { 0 };
  g_autoptr(GPtrArray) places = NULL;
  g_autofree char *joined = NULL;

  run_stats (&run, "export", "--db", db, option, NULL);
  g_assert_cmpint (run.status, ==, 0);

  places = exported_places (run.out);
  g_ptr_array_add (places, NULL);
  joined = g_strjoinv ("|", (char **) places->pdata);
  g_assert_cmpstr (joined, ==, expected);
}

static void
test_export_filters (void)
{
  g_autofree char *db = make_small_database ();

  assert_places (db, "--from=2024-03-05",
                 "2024-03-05 quartier quartier-01|2024-03-05 quartier quartier-01|"
                 "2024-03-05 quartier quartier-01|2024-04-01 quartier quartier-01");
  assert_places (db, "--to=2024-03-04",
                 "2024-03-04 gare gare-01|2024-03-04 gare gare-01|2024-03-04 gare gare-01|"
                 "2024-03-04 gare gare-02|2024-03-04 gare gare-02|2024-03-04 gare gare-02|"
                 "2024-03-04 gare gare-02");
  assert_places (db, "--station=gare-02",
                 "2024-03-04 gare gare-02|2024-03-04 gare gare-02|2024-03-04 gare gare-02|"
                 "2024-03-04 gare gare-02");
  assert_places (db, "--site=quartier",
                 "2024-03-05 quartier quartier-01|2024-03-05 quartier quartier-01|"
                 "2024-03-05 quartier quartier-01|2024-04-01 quartier quartier-01");
  assert_places (db, "--site=elsewhere", "");

  {
    g_auto(KioskTestRun) run = { 0 };

    run_stats (&run, "export", "--db", db, "--from=2024-03-04", "--to=2024-03-05",
               "--site=gare", "--station=gare-01", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==,
                     "day,hour,site,station,metric,key,count\n"
                     "2024-03-04,9,gare,gare-01,service-opened,caf,2\n"
                     "2024-03-04,9,gare,gare-01,service-opened,\"mairie, \"\"état civil\"\"\",1\n"
                     "2024-03-04,9,gare,gare-01,session-started,,3\n");
  }
}

static void
test_export_min_count (void)
{
  g_autofree char *db = make_small_database ();
  g_auto(KioskTestRun) run = { 0 };

  run_stats (&run, "export", "--db", db, "--min-count=4", NULL);

  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==,
                   "day,hour,site,station,metric,key,count\n"
                   "2024-03-04,10,gare,gare-02,service-opened,caf,9\n"
                   "2024-03-04,10,gare,gare-02,session-duration,<5,12\n"
                   "2024-03-04,10,gare,gare-02,session-ended,logout,11\n"
                   "2024-03-04,10,gare,gare-02,session-started,,12\n"
                   "2024-03-05,14,quartier,quartier-01,service-opened,tab\tand\\backslash,5\n"
                   "2024-03-05,14,quartier,quartier-01,service-opened,\"two\nlines\",4\n"
                   "2024-04-01,16,quartier,quartier-01,survey-outcome,yes,7\n");
  /* Said on stderr only, so that the export stays rows. */
  g_assert_nonnull (strstr (run.err, "4 rows with a count below 4 were left out"));
}

/* The lines of the section of @report under @title, up to the next
 * heading.
 */
static GStrv
report_section (const char *report,
                const char *title)
{
  g_auto(GStrv) lines = g_strsplit (report, "\n", -1);
  g_autoptr(GStrvBuilder) section = g_strv_builder_new ();
  gboolean inside = FALSE;
  gboolean found = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      gboolean heading = lines[i + 1] != NULL && g_str_has_prefix (lines[i + 1], "---");

      if (heading)
        {
          inside = strcmp (lines[i], title) == 0;
          found |= inside;
          i++;
          continue;
        }
      if (inside)
        g_strv_builder_add (section, lines[i]);
    }

  if (!found)
    g_error ("No section “%s” in the report", title);
  return g_strv_builder_end (section);
}

/* The cells after @label on its row of @section, split at spaces. */
static GStrv
report_row (const char * const *section,
            const char         *label)
{
  for (guint i = 0; section[i] != NULL; i++)
    {
      const char *line = section[i];
      g_autoptr(GStrvBuilder) cells = NULL;
      g_auto(GStrv) words = NULL;

      while (*line == ' ')
        line++;
      if (!g_str_has_prefix (line, label) ||
          (line[strlen (label)] != ' ' && line[strlen (label)] != '\0'))
        continue;

      cells = g_strv_builder_new ();
      words = g_strsplit (line + strlen (label), " ", -1);
      for (guint j = 0; words[j] != NULL; j++)
        if (words[j][0] != '\0')
          g_strv_builder_add (cells, words[j]);
      return g_strv_builder_end (cells);
    }

  g_error ("No row “%s” in the report section", label);
  return NULL;
}

static void
assert_row (const char *report,
            const char *title,
            const char *label,
            const char *expected)
{
  g_auto(GStrv) section = report_section (report, title);
  g_auto(GStrv) cells = report_row ((const char * const *) section, label);
  g_autofree char *joined = g_strjoinv (" ", cells);

  g_assert_cmpstr (joined, ==, expected);
}

static void
test_report_small (void)
{
  g_autofree char *db = make_small_database ();
  g_auto(KioskTestRun) run = { 0 };

  run_stats (&run, "report", "--db", db, NULL);

  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_nonnull (strstr (run.out, "Period: every recorded day, March 2024 to April 2024\n"));
  assert_row (run.out, "Sessions", "Sessions started", "15");
  assert_row (run.out, "Démarches", "caf", "11 52.4 %");
  assert_row (run.out, "Démarches", "mairie, \"état civil\"", "1 4.8 %");
  assert_row (run.out, "Sessions and démarches by month", "March 2024", "15 21");
  assert_row (run.out, "Sessions and démarches by month", "April 2024", "0 0");
  assert_row (run.out, "Sessions and démarches by site and station", "gare", "gare-01 3 3 0");
  assert_row (run.out, "Sessions and démarches by site and station", "quartier",
              "quartier-01 0 9 0");
  /* Each site with more than one station has its total, and so do all
   * sites together.
   */
  assert_row (run.out, "Sessions and démarches by site and station", "Total gare", "15 12 0");
  assert_row (run.out, "Sessions and démarches by site and station", "All sites", "15 21 0");
  /* What each site does, by name of service where the catalogue names it. */
  assert_row (run.out, "Démarches per service and site", "caf", "11 0 11");
  assert_row (run.out, "Démarches per service and site", "tab\\tand\\backslash", "0 5 5");
  assert_row (run.out, "Survey: did they do what they came for?", "Yes", "7 100.0 %");
  /* 4 March 2024 was a Monday. */
  assert_row (run.out, "Sessions started by hour of the week", "09:00", "3 0 0 0 0 0 0");
  assert_row (run.out, "Sessions started by hour of the week", "10:00", "12 0 0 0 0 0 0");
  g_assert_nonnull (strstr (run.out, "Average duration: about 2 minutes, estimated from 12 "
                                     "sessions."));
  g_assert_null (strstr (run.out, "<"));
}

static void
test_report_min_count (void)
{
  g_autofree char *db = make_small_database ();
  g_auto(KioskTestRun) run = { 0 };

  run_stats (&run, "report", "--db", db, "--min-count", "5", NULL);

  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Counts from 1 to 4 are shown as “<5”"));
  assert_row (run.out, "Sessions", "Sessions started", "15");
  assert_row (run.out, "Démarches", "caf", "11 52.4 %");
  /* Neither the count nor its share may give a small count away. */
  assert_row (run.out, "Démarches", "mairie, \"état civil\"", "<5 –");
  assert_row (run.out, "Sessions and démarches by site and station", "gare",
              "gare-01 <5 <5 0");
  assert_row (run.out, "Sessions and démarches by month", "April 2024", "0 0");
  assert_row (run.out, "Sessions started by hour of the week", "09:00", "<5 0 0 0 0 0 0");
  assert_row (run.out, "Other counts", "Sites refused as a page, most asked first:", "<5");
}

static void
test_report_period_and_scope (void)
{
  g_autofree char *db = make_small_database ();
  g_auto(KioskTestRun) run = { 0 };

  run_stats (&run, "report", "--db", db, "--from=2024-03-01", "--to=2024-03-31",
             "--station=gare-02", NULL);

  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Period: 1 March 2024 to 31 March 2024\n"));
  g_assert_nonnull (strstr (run.out, "Stations: station gare-02\n"));
  assert_row (run.out, "Sessions", "Sessions started", "12");
  assert_row (run.out, "Sessions and démarches by site and station", "gare",
              "gare-02 12 9 0");
  g_assert_null (strstr (run.out, "gare-01"));
}

static void
test_report_empty_period (void)
{
  g_autofree char *db = make_small_database ();
  g_auto(KioskTestRun) run = { 0 };

  run_stats (&run, "report", "--db", db, "--from=2025-01-01", NULL);

  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Nothing was counted in this period."));
}

/* A year of two stations, with totals the test works out on its own. */
#define YEAR_N_SERVICES 4
#define YEAR_FIRST_HOUR 9
#define YEAR_LAST_HOUR 17

static const char * const year_services[YEAR_N_SERVICES] = { "caf", "ameli", "impots", "ants" };
static const char * const year_buckets[] = { "<5", "5-15", "15-30", "30-60", ">60" };
static const double year_bucket_minutes[] = { 2.5, 10.0, 22.5, 45.0, 75.0 };
static const char * const year_residences[] = { "bordeaux", "metropole", "elsewhere",
                                                "no-answer" };
static const char * const year_residence_labels[] = {
  "Bordeaux", "Elsewhere in Bordeaux Métropole", "Outside the metropolis", "No answer",
};

typedef struct
{
  gint64 sessions;
  gint64 logouts;
  gint64 demarches;
  gint64 month_sessions[12];
  gint64 month_demarches[12];
  gint64 station_sessions[2];
  gint64 station_demarches[2];
  gint64 services[YEAR_N_SERVICES];
  gint64 week[7][24];
  gint64 residences[G_N_ELEMENTS (year_residences)];
  double duration_minutes;
} YearTotals;

static char *
make_year_database (YearTotals *totals)
{
  static const char * const sites[] = { "gare", "quartier" };
  static const char * const stations[] = { "gare-01", "quartier-01" };
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (KioskUsageRow));
  g_autoptr(GStringChunk) days = g_string_chunk_new (4096);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20231231);
  g_autoptr(GDate) date = g_date_new_dmy (1, G_DATE_JANUARY, 2023);
  double minutes = 0.0;

  memset (totals, 0, sizeof *totals);

  for (; g_date_get_year (date) == 2023; g_date_add_days (date, 1))
    {
      char day_text[11];
      const char *day;
      guint month = g_date_get_month (date) - 1;
      guint weekday = g_date_get_weekday (date) - 1;

      g_date_strftime (day_text, sizeof day_text, "%Y-%m-%d", date);
      day = g_string_chunk_insert_const (days, day_text);

      for (guint s = 0; s < G_N_ELEMENTS (stations); s++)
        {
          /* The neighbourhood site is closed on Sundays. */
          if (s == 1 && weekday == 6)
            continue;

          for (guint hour = YEAR_FIRST_HOUR; hour <= YEAR_LAST_HOUR; hour++)
            {
              gint64 sessions = g_rand_int_range (rand, 0, 7);
              gint64 logouts = g_rand_int_range (rand, 0, sessions + 1);
              guint bucket = g_rand_int_range (rand, 0, G_N_ELEMENTS (year_buckets));
              KioskUsageRow row = { day, hour, sites[s], stations[s], NULL, NULL, 0 };

              if (sessions == 0)
                continue;

              row.metric = KIOSK_METRIC_SESSION_STARTED;
              row.count = sessions;
              g_array_append_val (rows, row);
              row.metric = KIOSK_METRIC_SESSION_ENDED;
              row.key = "logout";
              row.count = logouts;
              g_array_append_val (rows, row);
              row.key = "idle";
              row.count = sessions - logouts;
              g_array_append_val (rows, row);
              row.metric = KIOSK_METRIC_SESSION_DURATION;
              row.key = year_buckets[bucket];
              row.count = sessions;
              g_array_append_val (rows, row);

              totals->sessions += sessions;
              totals->logouts += logouts;
              totals->month_sessions[month] += sessions;
              totals->station_sessions[s] += sessions;
              totals->week[weekday][hour] += sessions;
              minutes += year_bucket_minutes[bucket] * (double) sessions;

              for (guint k = 0; k < YEAR_N_SERVICES; k++)
                {
                  gint64 opened = g_rand_int_range (rand, 0, 3);

                  if (opened == 0)
                    continue;
                  row.metric = KIOSK_METRIC_SERVICE_OPENED;
                  row.key = year_services[k];
                  row.count = opened;
                  g_array_append_val (rows, row);
                  totals->demarches += opened;
                  totals->month_demarches[month] += opened;
                  totals->station_demarches[s] += opened;
                  totals->services[k] += opened;
                }

              if (g_rand_int_range (rand, 0, 4) == 0)
                {
                  guint answer = g_rand_int_range (rand, 0, G_N_ELEMENTS (year_residences));

                  row.metric = KIOSK_METRIC_SURVEY_RESIDENCE;
                  row.key = year_residences[answer];
                  row.count = 1;
                  g_array_append_val (rows, row);
                  totals->residences[answer]++;
                }
            }
        }
    }

  totals->duration_minutes = minutes / (double) totals->sessions;
  return make_database ("year.db", (KioskUsageRow *) (gpointer) rows->data, rows->len);
}

/* A count as an English report writes it: "15,500". */
static char *
grouped (gint64 count)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GINT64_FORMAT, count);
  GString *text = g_string_new (NULL);
  gsize length = strlen (digits);

  for (gsize i = 0; i < length; i++)
    {
      if (i > 0 && (length - i) % 3 == 0)
        g_string_append_c (text, ',');
      g_string_append_c (text, digits[i]);
    }
  return g_string_free (text, FALSE);
}

static char *
format_cells (gint64 first,
              gint64 second)
{
  g_autofree char *a = grouped (first);
  g_autofree char *b = grouped (second);

  return g_strdup_printf ("%s %s", a, b);
}

static const char * const english_months[] = {
  "January", "February", "March", "April", "May", "June", "July", "August", "September",
  "October", "November", "December",
};

static void
test_report_year (void)
{
  YearTotals totals;
  g_autofree char *db = make_year_database (&totals);
  g_autofree char *text = NULL;
  g_autofree char *duration = NULL;
  g_auto(KioskTestRun) run = { 0 };

  run_stats (&run, "report", "--db", db, "--from=2023-01-01", "--to=2023-12-31", NULL);
  g_assert_cmpint (run.status, ==, 0);

  text = grouped (totals.sessions);
  assert_row (run.out, "Sessions", "Sessions started", text);
  assert_row (run.out, "Sessions", "Sessions ended, by reason:", text);
  g_clear_pointer (&text, g_free);
  text = grouped (totals.logouts);
  assert_row (run.out, "Sessions", "“End my session”", text);
  g_clear_pointer (&text, g_free);

  {
    g_autofree char *n_sessions = grouped (totals.sessions);

    duration = g_strdup_printf ("Average duration: about %.0f minutes, estimated from %s "
                                "sessions.", totals.duration_minutes, n_sessions);
  }
  g_assert_nonnull (strstr (run.out, duration));

  {
    g_autofree char *n_demarches = grouped (totals.demarches);

    text = g_strdup_printf ("Démarches: %s\n", n_demarches);
  }
  g_assert_nonnull (strstr (run.out, text));
  /* Counted from the taps of older stations, as the report says. */
  g_assert_nonnull (strstr (run.out, "each tap of a tile"));
  g_clear_pointer (&text, g_free);

  for (guint k = 0; k < YEAR_N_SERVICES; k++)
    {
      g_auto(GStrv) section = report_section (run.out, "Démarches");
      g_auto(GStrv) cells = report_row ((const char * const *) section, year_services[k]);
      g_autofree char *count = grouped (totals.services[k]);

      g_assert_cmpstr (cells[0], ==, count);
    }

  for (guint m = 0; m < 12; m++)
    {
      g_autofree char *month = g_strdup_printf ("%s 2023", english_months[m]);
      g_autofree char *cells = format_cells (totals.month_sessions[m],
                                             totals.month_demarches[m]);

      assert_row (run.out, "Sessions and démarches by month", month, cells);
    }
  text = format_cells (totals.sessions, totals.demarches);
  assert_row (run.out, "Sessions and démarches by month", "Total", text);
  g_clear_pointer (&text, g_free);

  {
    g_autofree char *cells = format_cells (totals.station_sessions[0],
                                           totals.station_demarches[0]);

    text = g_strdup_printf ("gare-01 %s 0", cells);
  }
  assert_row (run.out, "Sessions and démarches by site and station", "gare", text);
  g_clear_pointer (&text, g_free);
  {
    g_autofree char *cells = format_cells (totals.station_sessions[1],
                                           totals.station_demarches[1]);

    text = g_strdup_printf ("quartier-01 %s 0", cells);
  }
  assert_row (run.out, "Sessions and démarches by site and station", "quartier", text);
  g_clear_pointer (&text, g_free);

  for (guint hour = YEAR_FIRST_HOUR; hour <= YEAR_LAST_HOUR; hour++)
    {
      g_autofree char *label = g_strdup_printf ("%02u:00", hour);
      g_autoptr(GString) cells = g_string_new (NULL);

      for (guint day = 0; day < 7; day++)
        {
          g_autofree char *count = grouped (totals.week[day][hour]);

          g_string_append_printf (cells, "%s%s", day > 0 ? " " : "", count);
        }
      assert_row (run.out, "Sessions started by hour of the week", label, cells->str);
    }
  g_assert_nonnull (strstr (run.out, "Hour    Mon   Tue   Wed   Thu   Fri   Sat   Sun\n"));

  for (guint i = 0; i < G_N_ELEMENTS (year_residences); i++)
    {
      g_auto(GStrv) section = report_section (run.out, "Survey: where people live");
      g_auto(GStrv) cells = report_row ((const char * const *) section,
                                        year_residence_labels[i]);
      g_autofree char *count = grouped (totals.residences[i]);

      g_assert_cmpstr (cells[0], ==, count);
    }
}

/* A minimal well-formedness check: every element that is not void is
 * closed, in order, and the page is one <html> element.
 */
static void
assert_tags_balance (const char *html)
{
  static const char * const void_elements[] = { "meta", "br", "link", "img", "hr", "input",
                                                NULL };
  g_autoptr(GPtrArray) open = g_ptr_array_new_with_free_func (g_free);
  const char *c = html;
  guint n_roots = 0;

  while ((c = strchr (c, '<')) != NULL)
    {
      const char *end = strchr (c, '>');
      gboolean closing = c[1] == '/';
      const char *name_start = c + (closing ? 2 : 1);
      gsize name_length = strspn (name_start, "abcdefghijklmnopqrstuvwxyz0123456789-");
      g_autofree char *name = g_strndup (name_start, name_length);

      g_assert_nonnull (end);
      if (c[1] == '!')
        {
          g_assert_true (g_str_has_prefix (c, "<!DOCTYPE html>"));
          c = end;
          continue;
        }
      g_assert_cmpuint (name_length, >, 0);

      if (closing)
        {
          g_assert_cmpuint (open->len, >, 0);
          g_assert_cmpstr (g_ptr_array_index (open, open->len - 1), ==, name);
          g_ptr_array_remove_index (open, open->len - 1);
        }
      else if (end[-1] != '/' && !g_strv_contains (void_elements, name))
        {
          if (open->len == 0)
            n_roots++;
          g_ptr_array_add (open, g_steal_pointer (&name));
        }
      c = end;
    }

  g_assert_cmpuint (open->len, ==, 0);
  g_assert_cmpuint (n_roots, ==, 1);
  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>\n<html"));
}

static const KioskUsageRow demarche_rows[] = {
  { "2026-03-04", 9, "gare", "gare-01", KIOSK_METRIC_SESSION_STARTED, NULL, 3 },
  { "2026-03-04", 9, "gare", "gare-01", KIOSK_METRIC_SESSION_ASSISTED, NULL, 2 },
  { "2026-03-04", 9, "gare", "gare-01", KIOSK_METRIC_SERVICE_OPENED, "caf", 7 },
  { "2026-03-04", 9, "gare", "gare-01", KIOSK_METRIC_DEMARCHE, "caf", 3 },
  { "2026-03-04", 9, "gare", "gare-01", KIOSK_METRIC_SERVICE_OPENED, "ameli", 1 },
  { "2026-03-04", 9, "gare", "gare-01", KIOSK_METRIC_DEMARCHE, "ameli", 1 },
};

/* A démarche is a service used in a session, once: a lost resident's
 * taps on the same tile do not make more. The sessions with a médiateur,
 * the association's core activity, are in the report, and every headline
 * figure says what it counts.
 */
static void
test_report_demarches_and_assisted (void)
{
  g_autofree char *db = make_database ("demarches.db", demarche_rows,
                                       G_N_ELEMENTS (demarche_rows));
  g_auto(KioskTestRun) run = { 0 };
  g_auto(KioskTestRun) html = { 0 };

  run_stats (&run, "report", "--db", db, "--min-count=0", NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_row (run.out, "Sessions", "Sessions with a mediator", "2");
  g_assert_nonnull (strstr (run.out, "Démarches: 4\n"));
  assert_row (run.out, "Démarches", "caf", "3 75.0 %");
  assert_row (run.out, "Démarches", "ameli", "1 25.0 %");
  g_assert_nonnull (strstr (run.out, "counted once however many times"));
  g_assert_nonnull (strstr (run.out, "a person who comes three times counts three sessions"));
  g_assert_nonnull (strstr (run.out, "A session with a mediator is one during which"));
  /* A station's sessions with a mediator, in its row. */
  assert_row (run.out, "Sessions and démarches by site and station", "gare", "gare-01 3 4 2");

  run_stats (&html, "html", "--db", db, "--min-count=0", NULL);
  g_assert_cmpint (html.status, ==, 0);
  assert_tags_balance (html.out);
  g_assert_nonnull (strstr (html.out, "<strong>4</strong>démarches"));
  g_assert_nonnull (strstr (html.out, ">caf<"));
  g_assert_nonnull (strstr (html.out, "<strong>2</strong>sessions with a mediator"));
  g_assert_nonnull (strstr (html.out, "<p class=\"explanation\">A session is one use"));
  g_assert_nonnull (strstr (html.out, "<p class=\"explanation\">A session with a mediator"));
}

/* Funders read names, not ids: with a catalogue, the reports name the
 * services; a catalogue that cannot be read is said.
 */
static void
test_reports_name_the_services (void)
{
  g_autofree char *db = make_database ("named.db", demarche_rows, G_N_ELEMENTS (demarche_rows));
  g_autofree char *config = kiosk_test_write_file ("named.conf",
                                                    "[Kiosk]\nStationId=gare-01\n\n"
                                                    "[Service caf]\nName=Caisse d'allocations "
                                                    "familiales\nUrl=https://www.caf.fr/\n"
                                                    "Allow=*.caf.fr\nCategory=famille\n");
  g_autofree char *config_arg = g_strconcat ("--config=", config, NULL);
  g_autofree char *broken = kiosk_test_write_file ("broken-names.conf", "[Service caf\n");
  g_autofree char *broken_arg = g_strconcat ("--config=", broken, NULL);
  g_auto(KioskTestRun) report = { 0 };
  g_auto(KioskTestRun) html = { 0 };
  g_auto(KioskTestRun) bad = { 0 };

  run_stats (&report, "report", "--db", db, "--min-count=0", config_arg, NULL);
  g_assert_cmpint (report.status, ==, 0);
  assert_row (report.out, "Démarches", "Caisse d'allocations familiales", "3 75.0 %");
  /* A service the catalogue no longer has keeps its id. */
  assert_row (report.out, "Démarches", "ameli", "1 25.0 %");

  run_stats (&html, "html", "--db", db, "--min-count=0", config_arg, NULL);
  g_assert_cmpint (html.status, ==, 0);
  g_assert_nonnull (strstr (html.out, ">Caisse d&apos;allocations familiales</text>"));

  run_stats (&bad, "report", "--db", db, broken_arg, NULL);
  g_assert_cmpint (bad.status, ==, 2);
  g_assert_nonnull (strstr (bad.err, broken));
}

static const KioskUsageRow refusal_rows[] = {
  { "2024-03-04", 9, "gare", "gare-01", KIOSK_METRIC_SESSION_STARTED, NULL, 3 },
  { "2024-03-04", 9, "gare", "gare-01", KIOSK_METRIC_NAVIGATION_REFUSED, "youtube.com", 4 },
  { "2024-03-04", 9, "gare", "gare-01", KIOSK_METRIC_FRAME_REFUSED, "hcaptcha.com", 9 },
  { "2024-03-04", 9, "gare", "gare-01", KIOSK_METRIC_FRAME_REFUSED, "doubleclick.net", 2 },
  { "2024-03-04", 9, "gare", "gare-01", KIOSK_METRIC_POPUP_REFUSED, "franceconnect.gouv.fr", 6 },
  { "2024-03-04", 9, "gare", "gare-01", KIOSK_METRIC_DOWNLOAD_REFUSED, "ants.gouv.fr", 1 },
  { "2024-03-04", 9, "gare", "gare-01", KIOSK_METRIC_RESOURCE_BLOCKED, "doubleclick.net", 31 },
  { "2024-03-04", 9, "gare", "gare-01", KIOSK_METRIC_RESOURCE_BLOCKED, "xiti.com", 12 },
};

/* Each kind of refusal has its list, for the admins who keep the
 * catalogue true: a captcha's frame is not a page anyone asked for.
 */
static void
test_report_refusals_by_kind (void)
{
  g_autofree char *db = make_database ("refusals.db", refusal_rows,
                                       G_N_ELEMENTS (refusal_rows));
  g_auto(KioskTestRun) run = { 0 };

  run_stats (&run, "report", "--db", db, NULL);

  g_assert_cmpint (run.status, ==, 0);
  assert_row (run.out, "Other counts", "Sites refused as a page, most asked first:", "4");
  assert_row (run.out, "Other counts", "youtube.com", "4");
  assert_row (run.out, "Other counts", "Sites refused as a frame of a page:", "11");
  assert_row (run.out, "Other counts", "hcaptcha.com", "9");
  assert_row (run.out, "Other counts", "doubleclick.net", "2");
  assert_row (run.out, "Other counts", "Sites refused as a popup:", "6");
  assert_row (run.out, "Other counts", "franceconnect.gouv.fr", "6");
  assert_row (run.out, "Other counts", "Sites whose documents were refused:", "1");
  assert_row (run.out, "Other counts", "ants.gouv.fr", "1");
  assert_row (run.out, "Other counts", "Sites blocked as parts of pages (trackers; in strict "
              "mode, any site off the list):", "43");
  assert_row (run.out, "Other counts", "xiti.com", "12");

  /* The page has them in one table, by kind, the most refused first. */
  {
    g_auto(KioskTestRun) html = { 0 };
    const char *zeroth, *first, *second, *third;

    run_stats (&html, "html", "--db", db, "--min-count=0", NULL);
    g_assert_cmpint (html.status, ==, 0);
    assert_tags_balance (html.out);
    g_assert_nonnull (strstr (html.out, "Sites the stations refused"));
    /* A tracker's loads are a column of their own: the sites' trackers. */
    g_assert_nonnull (strstr (html.out, "<th>Parts of pages blocked</th>"));
    zeroth = strstr (html.out, "<tr><td class=\"name\">doubleclick.net</td>"
                               "<td>0</td><td>2</td><td>0</td><td>0</td><td>31</td></tr>");
    first = strstr (html.out, "<tr><td class=\"name\">hcaptcha.com</td>"
                              "<td>0</td><td>9</td><td>0</td><td>0</td><td>0</td></tr>");
    second = strstr (html.out, "<tr><td class=\"name\">franceconnect.gouv.fr</td>"
                               "<td>0</td><td>0</td><td>6</td><td>0</td><td>0</td></tr>");
    third = strstr (html.out, "<tr><td class=\"name\">youtube.com</td>"
                              "<td>4</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>");
    g_assert_nonnull (zeroth);
    g_assert_nonnull (first);
    g_assert_nonnull (second);
    g_assert_nonnull (third);
    g_assert_true (zeroth < first && first < second && second < third);
  }
}

static void
test_html_is_one_page (void)
{
  YearTotals totals;
  g_autofree char *db = make_year_database (&totals);
  g_autofree char *output = test_path ("report.html");
  g_autofree char *page = NULL;
  g_autofree char *sessions = NULL;
  g_auto(KioskTestRun) run = { 0 };

  run_stats (&run, "html", "--db", db, "--output", output, NULL);

  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "");
  page = read_file (output);
  g_assert_true (g_utf8_validate (page, -1, NULL));
  assert_tags_balance (page);
  g_assert_nonnull (strstr (page, "<svg"));
  g_assert_nonnull (strstr (page, "<style>"));
  g_assert_null (strstr (page, "http"));
  g_assert_null (strstr (page, "<script"));
  g_assert_null (strstr (page, "<link"));
  g_assert_null (strstr (page, "<img"));
  g_assert_null (strstr (page, "url(http"));
  {
    g_autofree char *n_sessions = grouped (totals.sessions);

    sessions = g_strdup_printf ("<strong>%s</strong>", n_sessions);
  }
  g_assert_nonnull (strstr (page, sessions));
  g_assert_nonnull (strstr (page, "Sessions per month"));
  g_assert_nonnull (strstr (page, "Démarches per service"));
  g_assert_nonnull (strstr (page, "Sessions started by hour of the week"));
  g_assert_nonnull (strstr (page, "Survey: where people live"));
}

static void
test_html_masks_small_counts (void)
{
  g_autofree char *db = make_small_database ();
  g_autofree char *page = NULL;
  g_auto(KioskTestRun) run = { 0 };

  run_stats (&run, "html", "--db", db, NULL);

  g_assert_cmpint (run.status, ==, 0);
  page = g_steal_pointer (&run.out);
  assert_tags_balance (page);
  /* 5 is the default for a page meant to be published. */
  g_assert_nonnull (strstr (page, "&lt;5"));
  g_assert_nonnull (strstr (page, "Counts from 1 to 4 are shown as “&lt;5”"));
  g_assert_nonnull (strstr (page, "url(#hatch-"));
  /* The 3 sessions of gare-01 appear nowhere, not even as a tooltip. */
  g_assert_null (strstr (page, "<td>3</td>"));
  g_assert_null (strstr (page, ": 3 sessions"));
  /* Keys from the database are escaped. */
  g_assert_nonnull (strstr (page, "mairie, &quot;état civil&quot;"));

  {
    g_auto(KioskTestRun) exact = { 0 };

    run_stats (&exact, "html", "--db", db, "--min-count=0", NULL);
    g_assert_cmpint (exact.status, ==, 0);
    g_assert_null (strstr (exact.out, "&lt;5"));
    g_assert_null (strstr (exact.out, "hatch-months)"));
    g_assert_nonnull (strstr (exact.out, "<td>3</td>"));
  }
}

static void
test_html_failure_keeps_old_output (void)
{
  g_autofree char *db = make_small_database ();
  g_autofree char *corrupt = test_path ("corrupt.db");
  g_autofree char *output = test_path ("kept.html");
  g_autofree char *missing_dir = test_path ("no/such/folder/report.html");
  g_autofree char *kept = NULL;

  g_assert_true (g_file_set_contents (output, "last year's page", -1, NULL));
  g_assert_true (g_file_set_contents (corrupt, "not a database at all, just text\n", -1,
                                      NULL));

  {
    g_auto(KioskTestRun) run = { 0 };

    run_stats (&run, "html", "--db", corrupt, "--output", output, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, corrupt));
    kept = read_file (output);
    g_assert_cmpstr (kept, ==, "last year's page");
  }
  {
    g_auto(KioskTestRun) run = { 0 };

    run_stats (&run, "html", "--db", db, "--output", missing_dir, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpuint (count_lines (run.err), ==, 1);
    g_assert_false (g_file_test (missing_dir, G_FILE_TEST_EXISTS));
  }
}

static char *
export_csv (const char *db)
{
  g_auto(KioskTestRun) run = { 0 };

  run_stats (&run, "export", "--db", db, NULL);
  g_assert_cmpint (run.status, ==, 0);
  return g_steal_pointer (&run.out);
}

static const KioskUsageRow station_a_rows[] = {
  { "2024-01-08", 9, "gare", "gare-01", KIOSK_METRIC_SESSION_STARTED, NULL, 4 },
  { "2024-01-08", 9, "gare", "gare-01", KIOSK_METRIC_SERVICE_OPENED, "caf", 6 },
  { "2024-01-09", 15, "gare", "gare-01", KIOSK_METRIC_SESSION_STARTED, NULL, 2 },
};

static const KioskUsageRow station_b_rows[] = {
  { "2024-01-08", 9, "quartier", "quartier-01", KIOSK_METRIC_SESSION_STARTED, NULL, 5 },
  { "2024-01-08", 11, "quartier", "quartier-01", KIOSK_METRIC_SERVICE_OPENED, "ameli", 1 },
};

static void
test_merge_is_idempotent (void)
{
  g_autofree char *a = make_database ("a.db", station_a_rows, G_N_ELEMENTS (station_a_rows));
  g_autofree char *b = make_database ("b.db", station_b_rows, G_N_ELEMENTS (station_b_rows));
  g_autofree char *out = test_path ("all.db");
  g_autofree char *export_a = export_csv (a);
  g_autofree char *after_first = NULL;
  g_autofree char *after_second = NULL;
  g_autofree char *after_b = NULL;

  {
    g_auto(KioskTestRun) run = { 0 };

    run_stats (&run, "merge", out, a, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, a));
    g_assert_nonnull (strstr (run.out, "station gare-01, 2024-01-08 to 2024-01-09, "
                                       "sessions started: 6"));
    after_first = export_csv (out);
    g_assert_cmpstr (after_first, ==, export_a);
  }
  {
    g_auto(KioskTestRun) run = { 0 };

    run_stats (&run, "merge", out, a, NULL);
    g_assert_cmpint (run.status, ==, 0);
    after_second = export_csv (out);
    g_assert_cmpstr (after_second, ==, export_a);
  }
  {
    g_auto(KioskTestRun) run = { 0 };

    run_stats (&run, "merge", out, b, a, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "now holds stations gare-01, quartier-01, "
                                       "2024-01-08 to 2024-01-09, sessions started: 11"));
    after_b = export_csv (out);
    g_assert_cmpstr (after_b, ==,
                     "day,hour,site,station,metric,key,count\n"
                     "2024-01-08,9,gare,gare-01,service-opened,caf,6\n"
                     "2024-01-08,9,gare,gare-01,session-started,,4\n"
                     "2024-01-08,9,quartier,quartier-01,session-started,,5\n"
                     "2024-01-08,11,quartier,quartier-01,service-opened,ameli,1\n"
                     "2024-01-09,15,gare,gare-01,session-started,,2\n");
  }
  {
    g_auto(KioskTestRun) run = { 0 };
    g_autofree char *after_self = NULL;

    /* A glob like *.db may well list the output itself. */
    run_stats (&run, "merge", out, out, a, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "it is the output itself"));
    after_self = export_csv (out);
    g_assert_cmpstr (after_self, ==, after_b);
  }
}

/* A year of one station, many pages long. */
static char *
make_big_database (const char *name)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (KioskUsageRow));
  g_autoptr(GStringChunk) days = g_string_chunk_new (4096);

  for (guint i = 0; i < 3000; i++)
    {
      g_autofree char *day = g_strdup_printf ("2024-%02u-%02u", i / 250 + 1, i % 28 + 1);
      KioskUsageRow row = { g_string_chunk_insert_const (days, day), i % 24, "gare",
                            "gare-02", KIOSK_METRIC_SESSION_STARTED, NULL, 1 };

      g_array_append_val (rows, row);
    }
  return make_database (name, (KioskUsageRow *) (gpointer) rows->data, rows->len);
}

/* A real database whose pages were overwritten in the middle: SQLite
 * opens it, and only reading it through finds the damage.
 */
static char *
make_damaged_database (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = make_big_database ("damaged.db");
  g_autofree char *contents = NULL;
  gsize length;

  /* Checkpointed and closed by now: the whole file is in the database. */
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 16384);
  memset (contents + length / 2, 0x5a, 8192);
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&path);
}

static void
test_merge_refuses_damaged_input (void)
{
  g_autofree char *a = make_database ("a.db", station_a_rows, G_N_ELEMENTS (station_a_rows));
  g_autofree char *b = make_database ("b.db", station_b_rows, G_N_ELEMENTS (station_b_rows));
  g_autofree char *garbage = test_path ("garbage.db");
  g_autofree char *damaged = make_damaged_database ();
  g_autofree char *missing = test_path ("missing.db");
  g_autofree char *out = test_path ("all.db");
  g_autofree char *before = NULL;
  g_autofree char *new_out = test_path ("new.db");

  g_assert_true (g_file_set_contents (garbage, "SQLite format 3, or so it says\n", -1, NULL));

  {
    g_auto(KioskTestRun) run = { 0 };

    run_stats (&run, "merge", out, a, NULL);
    g_assert_cmpint (run.status, ==, 0);
    before = export_csv (out);
  }

  {
    const char *bad[] = { garbage, damaged, missing };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_auto(KioskTestRun) run = { 0 };
        g_autofree char *after = NULL;

        run_stats (&run, "merge", out, bad[i], NULL);
        g_assert_cmpint (run.status, ==, 1);
        g_assert_nonnull (strstr (run.err, bad[i]));
        g_assert_cmpuint (count_lines (run.err), ==, 1);
        after = export_csv (out);
        g_assert_cmpstr (after, ==, before);
      }
  }

  {
    g_auto(KioskTestRun) run = { 0 };
    g_autofree char *after = NULL;

    /* The good inputs are merged all the same; the bad one is reported. */
    run_stats (&run, "merge", out, damaged, b, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, damaged));
    g_assert_nonnull (strstr (run.out, b));
    after = export_csv (out);
    g_assert_nonnull (strstr (after, "quartier-01"));
    g_assert_null (strstr (after, "gare-02"));
  }

  {
    g_auto(KioskTestRun) run = { 0 };

    /* Nothing readable: no output is created either. */
    run_stats (&run, "merge", new_out, garbage, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_false (g_file_test (new_out, G_FILE_TEST_EXISTS));
  }
}

static void
test_merge_refuses_damaged_output (void)
{
  g_autofree char *a = make_database ("a.db", station_a_rows, G_N_ELEMENTS (station_a_rows));
  g_autofree char *out = test_path ("all.db");
  g_autofree char *after = NULL;
  g_auto(KioskTestRun) run = { 0 };

  g_assert_true (g_file_set_contents (out, "five years of counts, damaged\n", -1, NULL));

  run_stats (&run, "merge", out, a, NULL);

  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, out));
  after = read_file (out);
  g_assert_cmpstr (after, ==, "five years of counts, damaged\n");
}

/* Runs "pimms-kiosk-admin stats" with a NULL-terminated list of arguments
 * that must fail with @status, nothing on stdout, and one line on stderr
 * that mentions @mention.
 */
static void
assert_fails (int         status,
              const char *mention,
              const char *first,
              ...)
{
  g_autoptr(GPtrArray) arguments = NULL;
  g_auto(KioskTestRun) run = { 0 };
  va_list args;

  va_start (args, first);
  arguments = collect_arguments (first, args);
  va_end (args);

  run_stats_argv (&run, (const char * const *) arguments->pdata);

  g_assert_cmpint (run.status, ==, status);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpuint (count_lines (run.err), ==, 1);
  g_assert_nonnull (strstr (run.err, mention));
}

/* A file written by hand rather than by a kiosk: @sql runs on an empty
 * database, or on the one already at @path when @keep is TRUE.
 */
static void
write_by_hand (const char *path,
               gboolean    keep,
               const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  if (!keep)
    g_unlink (path);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* The columns a kiosk writes, as a view would return them for ever. */
#define ENDLESS_VIEW \
  "CREATE VIEW counts AS WITH RECURSIVE n (i) AS" \
  " (SELECT 1 UNION ALL SELECT i + 1 FROM n)" \
  " SELECT '2024-01-08' AS day, i % 24 AS hour, 'gare' AS site, 'gare-' || i AS station," \
  " 'session-started' AS metric, '' AS key, 1 AS count FROM n ORDER BY station;" \
  "PRAGMA user_version = 1;"

typedef struct
{
  const char *name;
  const char *sql;       /* run on a kiosk's file, or on an empty one when fresh */
  gboolean    fresh;
  const char *problem;   /* what stderr must say */
} HostileDatabase;

static const HostileDatabase hostile_databases[] = {
  /* It ran until the disk was full, its temporary file growing 100 MB/s. */
  { "recursive-view", ENDLESS_VIEW, TRUE, "it holds a view “counts”" },
  { "view-over-a-table",
    "CREATE TABLE real_counts (day TEXT, hour INTEGER, site TEXT, station TEXT, metric TEXT,"
    " key TEXT, count INTEGER);"
    "CREATE VIEW counts AS SELECT * FROM real_counts; PRAGMA user_version = 1;",
    TRUE, "it holds a view “counts”" },
  { "trigger",
    "CREATE TRIGGER counts_grow AFTER INSERT ON counts BEGIN"
    " INSERT INTO counts SELECT * FROM counts; END;",
    FALSE, "it holds a trigger “counts_grow”" },
  { "wrong-column-type",
    "CREATE TABLE counts (day TEXT NOT NULL, hour TEXT NOT NULL, site TEXT NOT NULL,"
    " station TEXT NOT NULL, metric TEXT NOT NULL, key TEXT NOT NULL,"
    " count INTEGER NOT NULL, PRIMARY KEY (day, hour, site, station, metric, key))"
    " STRICT, WITHOUT ROWID; PRAGMA user_version = 1;",
    TRUE, "column 2 of its table “counts” is “hour TEXT”" },
  { "missing-column",
    "CREATE TABLE counts (day TEXT NOT NULL, hour INTEGER NOT NULL, station TEXT NOT NULL,"
    " count INTEGER NOT NULL, PRIMARY KEY (day, hour, station)) STRICT, WITHOUT ROWID;"
    "PRAGMA user_version = 1;",
    TRUE, "its table “counts” is not laid out as a kiosk makes it" },
  { "other-table",
    "CREATE TABLE notes (text TEXT);",
    FALSE, "it holds a table “notes”" },
};

/* A hostile usage.db is refused with one line naming the file and what
 * is wrong with it, the report and the export refuse it the same way,
 * and the output of the merge is left as it was.
 */
static void
test_merge_refuses_hostile_input (gconstpointer data)
{
  const HostileDatabase *hostile = data;
  g_autofree char *a = make_database ("a.db", station_a_rows, G_N_ELEMENTS (station_a_rows));
  g_autofree char *out = test_path ("all.db");
  g_autofree char *bad = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (hostile->fresh)
    bad = test_path ("hostile.db");
  else
    bad = make_database ("hostile.db", station_b_rows, G_N_ELEMENTS (station_b_rows));
  write_by_hand (bad, !hostile->fresh, hostile->sql);

  {
    g_auto(KioskTestRun) run = { 0 };

    run_stats (&run, "merge", out, a, NULL);
    g_assert_cmpint (run.status, ==, 0);
    before = export_csv (out);
  }

  /* Each run must end by itself: the test's timeout is the only clock. */
  {
    g_auto(KioskTestRun) run = { 0 };

    run_stats (&run, "merge", out, bad, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpuint (count_lines (run.err), ==, 1);
    g_assert_nonnull (strstr (run.err, bad));
    g_assert_nonnull (strstr (run.err, hostile->problem));
    g_assert_null (strstr (run.out, "Merged"));
    after = export_csv (out);
    g_assert_cmpstr (after, ==, before);
  }

  assert_fails (1, hostile->problem, "report", "--db", bad, NULL);
  assert_fails (1, hostile->problem, "export", "--db", bad, NULL);
}

/* A truncated copy, as a USB stick pulled out too early leaves it. */
static void
test_merge_refuses_truncated_input (void)
{
  g_autofree char *a = make_database ("a.db", station_a_rows, G_N_ELEMENTS (station_a_rows));
  g_autofree char *truncated = make_big_database ("truncated.db");
  g_autofree char *out = test_path ("all.db");
  g_autofree char *contents = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto(KioskTestRun) run = { 0 };
  g_auto(KioskTestRun) merge_a = { 0 };
  gsize length = 0;

  g_assert_true (g_file_get_contents (truncated, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 4 * 4096);
  g_assert_true (g_file_set_contents (truncated, contents, length / 2 + 100, NULL));

  run_stats (&merge_a, "merge", out, a, NULL);
  g_assert_cmpint (merge_a.status, ==, 0);
  before = export_csv (out);

  run_stats (&run, "merge", out, truncated, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpuint (count_lines (run.err), ==, 1);
  g_assert_nonnull (strstr (run.err, truncated));
  after = export_csv (out);
  g_assert_cmpstr (after, ==, before);
}

/* Asserts that @text holds none of the control characters that would
 * clear a terminal, ring it or start a line of its own.
 */
static void
assert_no_controls (const char *text)
{
  g_assert_null (strchr (text, '\033'));
  g_assert_null (strchr (text, '\a'));
  g_assert_null (strchr (text, '\r'));
}

/* A station named to clear the admin's screen, ring and forge a line is
 * merged like any other, and every command shows its name escaped.
 */
static void
test_merge_escapes_names (void)
{
  static const KioskUsageRow rows[] = {
    { "2024-01-08", 9, "gare\033]0;owned\a", "gare-01\033[2J\nMerged nothing.\a",
      KIOSK_METRIC_SESSION_STARTED, NULL, 4 },
    { "2024-01-08", 9, "gare\033]0;owned\a", "gare-01\033[2J\nMerged nothing.\a",
      KIOSK_METRIC_SERVICE_OPENED, "caf\033[31m\r", 6 },
  };
  g_autofree char *evil = make_database ("evil.db", rows, G_N_ELEMENTS (rows));
  g_autofree char *named = test_path ("named.db");
  g_autofree char *out = test_path ("all.db");
  const char *shown_station = "gare-01\\x1b[2J\\nMerged nothing.\\x07";

  {
    g_auto(KioskTestRun) run = { 0 };

    run_stats (&run, "merge", out, evil, NULL);
    g_assert_cmpint (run.status, ==, 0);
    assert_no_controls (run.out);
    g_assert_nonnull (strstr (run.out, shown_station));
    /* "Merged …" and "… now holds …": the name forged no line. */
    g_assert_cmpuint (count_lines (run.out), ==, 2);
  }
  {
    g_auto(KioskTestRun) run = { 0 };

    run_stats (&run, "report", "--db", out, NULL);
    g_assert_cmpint (run.status, ==, 0);
    assert_no_controls (run.out);
    g_assert_nonnull (strstr (run.out, "gare\\x1b]0;owned\\x07"));
    g_assert_nonnull (strstr (run.out, "gare-01\\x1b[2J\\nMerged"));
    g_assert_nonnull (strstr (run.out, "caf\\x1b[31m\\r"));
    g_assert_null (strstr (run.out, "\nMerged nothing"));
  }
  {
    g_auto(KioskTestRun) run = { 0 };

    run_stats (&run, "html", "--db", out, NULL);
    g_assert_cmpint (run.status, ==, 0);
    assert_no_controls (run.out);
    g_assert_nonnull (strstr (run.out, "caf\\x1b[31m\\r"));
  }

  /* Names the file's tables give are escaped in the error as well. */
  write_by_hand (named, FALSE, "CREATE TABLE \"x\033[2J\" (a); PRAGMA user_version = 1;");
  assert_fails (1, "“x\\x1b[2J”", "merge", out, named, NULL);
}

static void
test_bad_input (void)
{
  g_autofree char *db = make_small_database ();
  g_autofree char *missing = test_path ("missing.db");
  g_autofree char *corrupt = test_path ("corrupt.db");
  g_autofree char *out = test_path ("out.db");

  g_assert_true (g_file_set_contents (corrupt, "not a database\n", -1, NULL));

  assert_fails (2, "--frobnicate", "report", "--db", db, "--frobnicate", NULL);
  assert_fails (2, "xml", "export", "--db", db, "--format=xml", NULL);
  assert_fails (2, "2023-02-30", "report", "--db", db, "--from=2023-02-30", NULL);
  assert_fails (2, "2023-1-1", "export", "--db", db, "--to=2023-1-1", NULL);
  assert_fails (2, "2023-12-31", "html", "--db", db, "--from=2023-12-31", "--to=2023-01-01",
                NULL);
  assert_fails (2, "--min-count", "report", "--db", db, "--min-count=-1", NULL);
  assert_fails (2, "five", "report", "--db", db, "--min-count=five", NULL);
  assert_fails (2, "yearly", "report", "--db", db, "yearly", NULL);
  assert_fails (2, "merge", "merge", out, NULL);
  assert_fails (1, missing, "report", "--db", missing, NULL);
  assert_fails (1, missing, "export", "--db", missing, NULL);
  assert_fails (1, corrupt, "report", "--db", corrupt, NULL);
  assert_fails (1, corrupt, "export", "--db", corrupt, "--format=json", NULL);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));

  {
    g_auto(KioskTestRun) run = { 0 };

    run_stats (&run, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "report"));
  }
  {
    g_auto(KioskTestRun) run = { 0 };

    run_stats (&run, "frobnicate", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "frobnicate"));
  }
}

/* The page says in which language, and which way, it is written: in
 * Arabic a browser lays it out right to left. Each language in a process
 * of its own, as gettext keeps what it found for the first.
 */
static void
test_html_direction (gconstpointer data)
{
  const char *language = data;
  g_autofree char *db = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(KioskUsageStore) store = NULL;
  g_autoptr(KioskUsageSummary) summary = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  KioskUsageFilter all = { NULL };

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  bindtextdomain (GETTEXT_PACKAGE, TEST_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));
  g_setenv ("LANGUAGE", language, TRUE);

  db = make_database ("direction.db", small_rows, G_N_ELEMENTS (small_rows));
  store = kiosk_usage_store_open_read_only (db, &error);
  g_assert_no_error (error);
  summary = kiosk_usage_summary_load (store, &all, &error);
  g_assert_no_error (error);
  kiosk_usage_write_html (out, summary, 0);

  expected = g_strdup_printf ("<!DOCTYPE html>\n<html lang=\"%s\" dir=\"%s\">\n", language,
                              g_str_equal (language, "ar") ? "rtl" : "ltr");
  g_assert_true (g_str_has_prefix (out->str, expected));

  /* A French report writes its dates and numbers as French does, on a
   * machine whose own locale (C here) knows nothing of French.
   */
  if (g_str_equal (language, "fr"))
    {
      g_autofree char *count = kiosk_usage_format_count (15500, 0);
      g_autofree char *share = kiosk_usage_format_decimal (52.4, 1);
      g_autofree char *day = kiosk_usage_format_day ("2024-03-01");

      g_assert_cmpstr (count, ==, "15\u202f500");
      g_assert_cmpstr (share, ==, "52,4");
      g_assert_cmpstr (day, ==, "1 mars 2024");
      g_assert_nonnull (strstr (out->str, "mars 2024"));
      g_assert_nonnull (strstr (out->str, "Démarches par service et par site"));
      g_assert_nonnull (strstr (out->str, ">avr.<"));
      g_assert_nonnull (strstr (out->str, ">lun.<"));
    }
}

static void
test_help_names_default_database (void)
{
  g_auto(KioskTestRun) run = { 0 };

  run_stats (&run, "report", "--help", NULL);

  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "/var/lib/pimms-kiosk/usage.db"));
  g_assert_nonnull (strstr (run.out, "--min-count"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/admin/stats/export/csv-golden", test_export_csv_golden);
  g_test_add_func ("/admin/stats/export/csv-is-the-default", test_export_csv_is_the_default);
  g_test_add_func ("/admin/stats/export/json-golden", test_export_json_golden);
  g_test_add_func ("/admin/stats/export/json-empty", test_export_json_empty);
  g_test_add_func ("/admin/stats/export/filters", test_export_filters);
  g_test_add_func ("/admin/stats/export/min-count", test_export_min_count);
  g_test_add_func ("/admin/stats/report/small", test_report_small);
  g_test_add_func ("/admin/stats/report/min-count", test_report_min_count);
  g_test_add_func ("/admin/stats/report/refusals-by-kind", test_report_refusals_by_kind);
  g_test_add_func ("/admin/stats/report/demarches-and-assisted",
                   test_report_demarches_and_assisted);
  g_test_add_func ("/admin/stats/report/names-the-services", test_reports_name_the_services);
  g_test_add_func ("/admin/stats/report/period-and-scope", test_report_period_and_scope);
  g_test_add_func ("/admin/stats/report/empty-period", test_report_empty_period);
  g_test_add_func ("/admin/stats/report/year", test_report_year);
  g_test_add_func ("/admin/stats/html/one-page", test_html_is_one_page);
  g_test_add_func ("/admin/stats/html/masks-small-counts", test_html_masks_small_counts);
  g_test_add_func ("/admin/stats/html/failure-keeps-old-output",
                   test_html_failure_keeps_old_output);
  g_test_add_data_func ("/admin/stats/html/direction/ar", "ar", test_html_direction);
  g_test_add_data_func ("/admin/stats/html/direction/fr", "fr", test_html_direction);
  g_test_add_func ("/admin/stats/merge/idempotent", test_merge_is_idempotent);
  g_test_add_func ("/admin/stats/merge/damaged-input", test_merge_refuses_damaged_input);
  g_test_add_func ("/admin/stats/merge/damaged-output", test_merge_refuses_damaged_output);
  g_test_add_func ("/admin/stats/merge/truncated-input", test_merge_refuses_truncated_input);
  for (guint i = 0; i < G_N_ELEMENTS (hostile_databases); i++)
    {
      g_autofree char *path = g_strconcat ("/admin/stats/merge/hostile/",
                                           hostile_databases[i].name, NULL);

      g_test_add_data_func (path, &hostile_databases[i], test_merge_refuses_hostile_input);
    }
  g_test_add_func ("/admin/stats/merge/escapes-names", test_merge_escapes_names);
  g_test_add_func ("/admin/stats/bad-input", test_bad_input);
  g_test_add_func ("/admin/stats/help", test_help_names_default_database);

  return g_test_run ();
}
