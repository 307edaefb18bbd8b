/* test-usage-store.c — usage counts: adding, reports, merging, and damaged or full disks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-test"

#include "config.h"

#include "kiosk-usage-store.h"
#include "test-full-disk.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define STORE_LOG_DOMAIN "kiosk-usage-store"

static const char * const service_ids[] = {
  "caf", "ameli", "impots", "france-travail", "ants", "msa", "la-poste", "sncf-connect",
  "tbm", "edf",
};

/* Helpers */

static char *
state_path (const char *name)
{
  g_autofree char *dir = g_build_filename (g_get_user_state_dir (), "pimms-kiosk", NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return g_build_filename (dir, name, NULL);
}

static char *
companion (const char *path,
           const char *suffix)
{
  return g_strconcat (path, suffix, NULL);
}

static KioskUsageStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  KioskUsageStore *store = kiosk_usage_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_null (kiosk_usage_store_get_recovered_from (store));
  return store;
}

static void
add_rows (KioskUsageStore     *store,
          const KioskUsageRow *rows,
          guint                n_rows)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kiosk_usage_store_add (store, rows, n_rows, &error));
  g_assert_no_error (error);
}

/* Adds @n_rows distinct counts of @count, for services over the hours
 * and days of 2026.
 */
static void
add_many (KioskUsageStore *store,
          const char      *station,
          guint            n_rows,
          gint64           count)
{
  g_autoptr(GPtrArray) days = g_ptr_array_new_with_free_func (g_free);
  g_autofree KioskUsageRow *rows = g_new0 (KioskUsageRow, n_rows);

  g_assert_cmpuint (n_rows, <=, 12 * 28 * 240);

  for (guint i = 0; i < n_rows; i++)
    {
      char *day = g_strdup_printf ("2026-%02u-%02u", 1 + i / 240 / 28, 1 + (i / 240) % 28);

      g_ptr_array_add (days, day);
      rows[i] = (KioskUsageRow) {
        day, (i / 10) % 24, "mairie", station, KIOSK_METRIC_SERVICE_OPENED,
        service_ids[i % G_N_ELEMENTS (service_ids)], count
      };
    }
  add_rows (store, rows, n_rows);
}

static gboolean
append_row_cb (const KioskUsageRow *row,
               gpointer             user_data)
{
  GString *text = user_data;

  g_assert_nonnull (row->key);
  g_string_append_printf (text, "%s %u %s %s %s [%s] %" G_GINT64_FORMAT "\n",
                          row->day, row->hour, row->site, row->station, row->metric, row->key,
                          row->count);
  return TRUE;
}

/* Every row, one per line, in the order foreach gives them. */
static char *
dump (KioskUsageStore        *store,
      const KioskUsageFilter *filter)
{
  g_autoptr(GError) error = NULL;
  GString *text = g_string_new (NULL);

  g_assert_true (kiosk_usage_store_foreach (store, filter, append_row_cb, text, &error));
  g_assert_no_error (error);
  return g_string_free (text, FALSE);
}

static void
assert_rows (KioskUsageStore *store,
             const char      *expected)
{
  g_autofree char *text = dump (store, NULL);

  g_assert_cmpstr (text, ==, expected);
}

static const char *
or_dash (const char *text)
{
  return text != NULL ? text : "-";
}

static gboolean
append_total_cb (const KioskUsageTotal *total,
                 gpointer               user_data)
{
  GString *text = user_data;

  g_string_append_printf (text, "%s %u %u %s %s %s %s %" G_GINT64_FORMAT "\n",
                          or_dash (total->period), total->weekday, total->hour,
                          or_dash (total->site), or_dash (total->station),
                          or_dash (total->metric), or_dash (total->key), total->count);
  return TRUE;
}

static char *
dump_totals (KioskUsageStore        *store,
             const KioskUsageFilter *filter,
             KioskUsageGroup         group)
{
  g_autoptr(GError) error = NULL;
  GString *text = g_string_new (NULL);

  g_assert_true (kiosk_usage_store_total (store, filter, group, append_total_cb, text, &error));
  g_assert_no_error (error);
  return g_string_free (text, FALSE);
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static void
write_bytes (const char   *path,
             const guint8 *data,
             gsize         length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, (const char *) data, length, &error);
  g_assert_no_error (error);
}

static void
assert_same_bytes (GBytes     *expected,
                   const char *path)
{
  g_autoptr(GBytes) actual = read_bytes (path);

  g_assert_cmpuint (g_bytes_get_size (actual), ==, g_bytes_get_size (expected));
  g_assert_true (g_bytes_equal (actual, expected));
}

/* Bytes that are no SQLite file, the same on every run. */
static GBytes *
make_garbage (guint length)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261123);
  guint8 *data = g_malloc (length);

  for (guint i = 0; i < length; i++)
    data[i] = g_rand_int_range (rand, 0, 256);
  return g_bytes_new_take (data, length);
}

static GBytes *
write_garbage (const char *path,
               guint       length)
{
  GBytes *garbage = make_garbage (length);

  write_bytes (path, g_bytes_get_data (garbage, NULL), g_bytes_get_size (garbage));
  return garbage;
}

static guint
count_aside_files (const char *store_path)
{
  g_autofree char *dir_name = g_path_get_dirname (store_path);
  g_autoptr(GDir) dir = g_dir_open (dir_name, 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (dir)) != NULL)
    n += strstr (name, ".corrupt-") != NULL;
  return n;
}

static sqlite3 *
raw_open (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  return db;
}

static void
raw_exec (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static char *
raw_query_text (sqlite3    *db,
                const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

/* Opening a damaged file must say so once, naming the file. */
static KioskUsageStore *
open_expecting_recovery (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pattern = g_strdup_printf ("*%s*moved aside*", path);
  KioskUsageStore *store;
  const char *aside;

  g_test_expect_message (STORE_LOG_DOMAIN, G_LOG_LEVEL_WARNING, pattern);
  store = kiosk_usage_store_open (path, &error);
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  g_assert_nonnull (store);

  aside = kiosk_usage_store_get_recovered_from (store);
  g_assert_nonnull (aside);
  g_assert_true (g_str_has_prefix (aside, path));
  g_assert_true (g_regex_match_simple ("^\\.corrupt-[0-9]{8}-[0-9]{6}(-[0-9]+)?$",
                                       aside + strlen (path), 0, 0));
  g_assert_true (g_file_test (aside, G_FILE_TEST_IS_REGULAR));
  return store;
}

/* The new file after a recovery is an ordinary, working store. */
static void
assert_fresh_store_works (KioskUsageStore *store)
{
  static const KioskUsageRow row = {
    "2026-11-23", 9, "mairie", "accueil-1", KIOSK_METRIC_SESSION_STARTED, NULL, 1
  };
  g_autofree char *path = g_strdup (kiosk_usage_store_get_path (store));
  g_autofree char *text = NULL;

  assert_rows (store, "");
  add_rows (store, &row, 1);
  text = dump (store, NULL);
  g_assert_cmpstr (text, ==, "2026-11-23 9 mairie accueil-1 session-started [] 1\n");
}

/* Adding */

static void
test_add_and_coalesce (void)
{
  static const KioskUsageRow first[] = {
    { "2026-11-23", 9, "mairie", "accueil-1", KIOSK_METRIC_SERVICE_OPENED, "caf", 2 },
    { "2026-11-23", 9, "mairie", "accueil-1", KIOSK_METRIC_SERVICE_OPENED, "caf", 3 },
    { "2026-11-23", 9, "mairie", "accueil-1", KIOSK_METRIC_SERVICE_OPENED, "ameli", 1 },
    { "2026-11-23", 9, "mairie", "accueil-1", KIOSK_METRIC_SESSION_STARTED, NULL, 1 },
    { "2026-11-23", 9, "mairie", "accueil-1", KIOSK_METRIC_SESSION_STARTED, "", 1 },
  };
  static const KioskUsageRow second[] = {
    { "2026-11-23", 9, "mairie", "accueil-1", KIOSK_METRIC_SERVICE_OPENED, "caf", 4 },
    { "2026-11-23", 10, "mairie", "accueil-1", KIOSK_METRIC_SERVICE_OPENED, "caf", 1 },
  };
  g_autofree char *path = state_path ("usage.db");
  g_autoptr(KioskUsageStore) store = open_store (path);
  g_autofree char *after_first = NULL;
  g_autofree char *after_second = NULL;

  g_assert_cmpstr (kiosk_usage_store_get_path (store), ==, path);

  add_rows (store, first, G_N_ELEMENTS (first));
  after_first = dump (store, NULL);
  /* A NULL key and "" are the same counter. */
  g_assert_cmpstr (after_first, ==,
                   "2026-11-23 9 mairie accueil-1 service-opened [ameli] 1\n"
                   "2026-11-23 9 mairie accueil-1 service-opened [caf] 5\n"
                   "2026-11-23 9 mairie accueil-1 session-started [] 2\n");

  add_rows (store, second, G_N_ELEMENTS (second));
  add_rows (store, NULL, 0);
  after_second = dump (store, NULL);
  g_assert_cmpstr (after_second, ==,
                   "2026-11-23 9 mairie accueil-1 service-opened [ameli] 1\n"
                   "2026-11-23 9 mairie accueil-1 service-opened [caf] 9\n"
                   "2026-11-23 9 mairie accueil-1 session-started [] 2\n"
                   "2026-11-23 10 mairie accueil-1 service-opened [caf] 1\n");
}

static void
test_wal_and_version (void)
{
  g_autofree char *path = state_path ("usage.db");
  g_autofree char *wal = companion (path, "-wal");
  g_autofree char *shm = companion (path, "-shm");
  g_autoptr(KioskUsageStore) store = open_store (path);
  g_autofree char *journal_mode = NULL;
  g_autofree char *version = NULL;
  g_autofree char *table = NULL;
  g_autofree char *row = NULL;
  const char *files[] = { path, wal, shm };
  sqlite3 *db;

  add_many (store, "accueil-1", 10, 1);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      GStatBuf buf;

      g_test_message ("%s", files[i]);
      g_assert_cmpint (g_stat (files[i], &buf), ==, 0);
      g_assert_cmpint (buf.st_mode & 0777, ==, 0600);
    }

  /* Another connection, as a report would have while the kiosk counts. */
  db = raw_open (path);
  journal_mode = raw_query_text (db, "PRAGMA journal_mode");
  version = raw_query_text (db, "PRAGMA user_version");
  table = raw_query_text (db, "SELECT sql FROM sqlite_schema WHERE name = 'counts'");
  row = raw_query_text (db, "SELECT day || ' ' || hour || ' ' || site || ' ' || station || ' ' ||"
                        " metric || ' ' || key || ' ' || count FROM counts"
                        " ORDER BY day, hour, site, station, metric, key LIMIT 1");
  sqlite3_close (db);

  g_assert_cmpstr (journal_mode, ==, "wal");
  g_assert_cmpstr (version, ==, "1");
  g_assert_nonnull (strstr (table, "PRIMARY KEY (day, hour, site, station, metric, key)"));
  g_assert_cmpstr (row, ==, "2026-01-01 0 mairie accueil-1 service-opened ameli 1");
}

static void
test_persists (void)
{
  g_autofree char *path = state_path ("usage.db");
  g_autofree char *wal = companion (path, "-wal");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  KioskUsageStore *store = open_store (path);

  add_many (store, "accueil-1", 500, 3);
  before = dump (store, NULL);
  g_assert_cmpuint (strlen (before), >, 0);
  g_object_unref (store);

  /* Closing writes the log back into the file. */
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  store = open_store (path);
  after = dump (store, NULL);
  g_object_unref (store);
  g_assert_cmpstr (after, ==, before);
}

static void
test_missing_folder (void)
{
  g_autofree char *folder = state_path ("not-there");
  g_autofree char *path = g_build_filename (folder, "usage.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskUsageStore) store = kiosk_usage_store_open (path, &error);

  g_assert_error (error, KIOSK_USAGE_ERROR, KIOSK_USAGE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_null (store);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
}

/* Refused rows */

typedef struct
{
  const char   *name;
  KioskUsageRow row;
} InvalidRow;

#define KEY_OF_201_BYTES \
  "a-very-long-key-a-very-long-key-a-very-long-key-a-very-long-key-" \
  "a-very-long-key-a-very-long-key-a-very-long-key-a-very-long-key-" \
  "a-very-long-key-a-very-long-key-a-very-long-key-a-very-long-key-" \
  "a-very-lo"

static const InvalidRow invalid_rows[] = {
  { "no-day", { NULL, 9, "mairie", "accueil-1", "service-opened", "caf", 1 } },
  { "february-30", { "2026-02-30", 9, "mairie", "accueil-1", "service-opened", "caf", 1 } },
  { "not-a-leap-year", { "2027-02-29", 9, "mairie", "accueil-1", "service-opened", "caf", 1 } },
  { "month-13", { "2026-13-01", 9, "mairie", "accueil-1", "service-opened", "caf", 1 } },
  { "short-month", { "2026-2-03", 9, "mairie", "accueil-1", "service-opened", "caf", 1 } },
  { "slashes", { "2026/11/23", 9, "mairie", "accueil-1", "service-opened", "caf", 1 } },
  { "trailing", { "2026-11-23 ", 9, "mairie", "accueil-1", "service-opened", "caf", 1 } },
  { "year-1999", { "1999-12-31", 9, "mairie", "accueil-1", "service-opened", "caf", 1 } },
  { "year-3000", { "3000-01-01", 9, "mairie", "accueil-1", "service-opened", "caf", 1 } },
  { "hour-24", { "2026-11-23", 24, "mairie", "accueil-1", "service-opened", "caf", 1 } },
  { "no-site", { "2026-11-23", 9, NULL, "accueil-1", "service-opened", "caf", 1 } },
  { "no-station", { "2026-11-23", 9, "mairie", NULL, "service-opened", "caf", 1 } },
  { "no-metric", { "2026-11-23", 9, "mairie", "accueil-1", NULL, "caf", 1 } },
  { "key-not-utf8", { "2026-11-23", 9, "mairie", "accueil-1", "service-opened", "caf\xff", 1 } },
  { "site-not-utf8", { "2026-11-23", 9, "mair\xc3", "accueil-1", "service-opened", "caf", 1 } },
  { "key-too-long", { "2026-11-23", 9, "mairie", "accueil-1", "service-opened",
                      KEY_OF_201_BYTES, 1 } },
  { "station-too-long", { "2026-11-23", 9, "mairie", KEY_OF_201_BYTES, "service-opened",
                          "caf", 1 } },
  { "negative-count", { "2026-11-23", 9, "mairie", "accueil-1", "service-opened", "caf", -1 } },
};

static void
test_invalid_row (gconstpointer data)
{
  const InvalidRow *invalid = data;
  const KioskUsageRow batch[] = {
    { "2026-11-23", 9, "mairie", "accueil-1", "service-opened", "caf", 5 },
    { "2026-11-23", 10, "mairie", "accueil-1", "service-opened", "ameli", 5 },
    invalid->row,
  };
  g_autofree char *path = state_path ("usage.db");
  g_autoptr(KioskUsageStore) store = open_store (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_cmpuint (strlen (KEY_OF_201_BYTES), ==, 201);

  add_many (store, "accueil-1", 20, 1);
  before = dump (store, NULL);

  g_assert_false (kiosk_usage_store_add (store, batch, G_N_ELEMENTS (batch), &error));
  g_assert_error (error, KIOSK_USAGE_ERROR, KIOSK_USAGE_ERROR_INVALID);
  /* The message says which row, never what a key held. */
  g_assert_nonnull (strstr (error->message, "3"));
  g_assert_null (strstr (error->message, "a-very-long-key"));

  after = dump (store, NULL);
  g_assert_cmpstr (after, ==, before);
}

static void
test_limits_accepted (void)
{
  static const KioskUsageRow rows[] = {
    { "2000-01-01", 0, "", "", "m", "", 0 },
    { "2999-12-31", 23, "mairie", "accueil-1", "service-opened",
      KEY_OF_201_BYTES + 1, G_MAXINT64 / 2 },
    { "2028-02-29", 12, "mairie", "accueil-1", "language", "fr-Latn-Ärger", 1 },
  };
  g_autofree char *path = state_path ("usage.db");
  g_autoptr(KioskUsageStore) store = open_store (path);
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;

  add_rows (store, rows, G_N_ELEMENTS (rows));
  text = dump (store, NULL);
  expected = g_strdup_printf ("2000-01-01 0   m [] 0\n"
                              "2028-02-29 12 mairie accueil-1 language [fr-Latn-Ärger] 1\n"
                              "2999-12-31 23 mairie accueil-1 service-opened [%s] %"
                              G_GINT64_FORMAT "\n",
                              KEY_OF_201_BYTES + 1, G_MAXINT64 / 2);
  g_assert_cmpstr (text, ==, expected);
}

static void
test_day_is_valid (void)
{
  g_assert_true (kiosk_usage_day_is_valid ("2026-11-23"));
  g_assert_true (kiosk_usage_day_is_valid ("2028-02-29"));
  g_assert_true (kiosk_usage_day_is_valid ("2000-02-29"));
  g_assert_true (kiosk_usage_day_is_valid ("2999-12-31"));
  g_assert_false (kiosk_usage_day_is_valid (NULL));
  g_assert_false (kiosk_usage_day_is_valid (""));
  g_assert_false (kiosk_usage_day_is_valid ("2100-02-29"));
  g_assert_false (kiosk_usage_day_is_valid ("2026-04-31"));
  g_assert_false (kiosk_usage_day_is_valid ("2026-00-10"));
  g_assert_false (kiosk_usage_day_is_valid ("2026-01-00"));
  g_assert_false (kiosk_usage_day_is_valid ("2026-1-1"));
  g_assert_false (kiosk_usage_day_is_valid ("20261123"));
  g_assert_false (kiosk_usage_day_is_valid ("2026-11-23T10"));
  g_assert_false (kiosk_usage_day_is_valid ("+026-11-23"));
  g_assert_false (kiosk_usage_day_is_valid ("2026-11-2a"));
  g_assert_false (kiosk_usage_day_is_valid ("1999-12-31"));
}

static void
test_duration_bucket (void)
{
  static const struct
  {
    guint       seconds;
    const char *bucket;
  } cases[] = {
    { 0, "<5" }, { 299, "<5" }, { 300, "5-15" }, { 899, "5-15" }, { 900, "15-30" },
    { 1799, "15-30" }, { 1800, "30-60" }, { 3599, "30-60" }, { 3600, ">60" },
    { G_MAXUINT, ">60" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpstr (kiosk_usage_duration_bucket (cases[i].seconds), ==, cases[i].bucket);
}

/* Reading */

/* 2026-11-23 is a Monday, 2026-11-29 a Sunday and 2026-12-01 a Tuesday. */
static const KioskUsageRow report_rows[] = {
  { "2026-12-01", 10, "mairie", "st1", "session-started", NULL, 2 },
  { "2026-11-23", 14, "gare", "st3", "session-started", NULL, 4 },
  { "2026-11-23", 9, "mairie", "st2", "service-opened", "caf", 2 },
  { "2026-11-29", 9, "mairie", "st1", "service-opened", "caf", 5 },
  { "2026-11-23", 9, "mairie", "st1", "service-opened", "caf", 3 },
  { "2026-12-01", 10, "gare", "st3", "service-opened", "caf", 7 },
  { "2026-11-29", 9, "gare", "st3", "session-started", NULL, 1 },
  { "2026-11-23", 9, "mairie", "st1", "service-opened", "ameli", 1 },
};

static KioskUsageStore *
open_report_store (void)
{
  g_autofree char *path = state_path ("usage.db");
  KioskUsageStore *store = open_store (path);

  add_rows (store, report_rows, G_N_ELEMENTS (report_rows));
  return store;
}

typedef struct
{
  KioskUsageFilter filter;
  const char      *expected;
} FilterCase;

static void
test_foreach_order_and_filters (void)
{
  static const FilterCase cases[] = {
    { { NULL, NULL, NULL, NULL },
      "2026-11-23 9 mairie st1 service-opened [ameli] 1\n"
      "2026-11-23 9 mairie st1 service-opened [caf] 3\n"
      "2026-11-23 9 mairie st2 service-opened [caf] 2\n"
      "2026-11-23 14 gare st3 session-started [] 4\n"
      "2026-11-29 9 gare st3 session-started [] 1\n"
      "2026-11-29 9 mairie st1 service-opened [caf] 5\n"
      "2026-12-01 10 gare st3 service-opened [caf] 7\n"
      "2026-12-01 10 mairie st1 session-started [] 2\n" },
    { { "2026-11-29", NULL, NULL, NULL },
      "2026-11-29 9 gare st3 session-started [] 1\n"
      "2026-11-29 9 mairie st1 service-opened [caf] 5\n"
      "2026-12-01 10 gare st3 service-opened [caf] 7\n"
      "2026-12-01 10 mairie st1 session-started [] 2\n" },
    { { NULL, "2026-11-29", NULL, NULL },
      "2026-11-23 9 mairie st1 service-opened [ameli] 1\n"
      "2026-11-23 9 mairie st1 service-opened [caf] 3\n"
      "2026-11-23 9 mairie st2 service-opened [caf] 2\n"
      "2026-11-23 14 gare st3 session-started [] 4\n"
      "2026-11-29 9 gare st3 session-started [] 1\n"
      "2026-11-29 9 mairie st1 service-opened [caf] 5\n" },
    { { "2026-11-24", "2026-11-30", NULL, NULL },
      "2026-11-29 9 gare st3 session-started [] 1\n"
      "2026-11-29 9 mairie st1 service-opened [caf] 5\n" },
    { { NULL, NULL, "gare", NULL },
      "2026-11-23 14 gare st3 session-started [] 4\n"
      "2026-11-29 9 gare st3 session-started [] 1\n"
      "2026-12-01 10 gare st3 service-opened [caf] 7\n" },
    { { NULL, NULL, NULL, "st1" },
      "2026-11-23 9 mairie st1 service-opened [ameli] 1\n"
      "2026-11-23 9 mairie st1 service-opened [caf] 3\n"
      "2026-11-29 9 mairie st1 service-opened [caf] 5\n"
      "2026-12-01 10 mairie st1 session-started [] 2\n" },
    { { "2026-11-29", "2026-12-01", "mairie", "st1" },
      "2026-11-29 9 mairie st1 service-opened [caf] 5\n"
      "2026-12-01 10 mairie st1 session-started [] 2\n" },
    { { NULL, NULL, "gare", "st1" }, "" },
    { { "2026-12-01", "2026-11-23", NULL, NULL }, "" },
  };
  g_autoptr(KioskUsageStore) store = open_report_store ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = dump (store, &cases[i].filter);

      g_test_message ("case %u", i);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_bad_filter (void)
{
  static const KioskUsageFilter filters[] = {
    { "2026-11", NULL, NULL, NULL },
    { NULL, "2026-02-30", NULL, NULL },
  };
  g_autoptr(KioskUsageStore) store = open_report_store ();

  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GString) text = g_string_new (NULL);

      g_assert_false (kiosk_usage_store_foreach (store, &filters[i], append_row_cb, text,
                                                 &error));
      g_assert_error (error, KIOSK_USAGE_ERROR, KIOSK_USAGE_ERROR_INVALID);
      g_clear_error (&error);
      g_assert_false (kiosk_usage_store_total (store, &filters[i], KIOSK_USAGE_GROUP_DAY,
                                               append_total_cb, text, &error));
      g_assert_error (error, KIOSK_USAGE_ERROR, KIOSK_USAGE_ERROR_INVALID);
      g_assert_cmpuint (text->len, ==, 0);
    }
}

static gboolean
stop_after_two_rows_cb (const KioskUsageRow *row,
                        gpointer             user_data)
{
  guint *n_calls = user_data;

  return ++*n_calls < 2;
}

static gboolean
stop_after_two_totals_cb (const KioskUsageTotal *total,
                          gpointer               user_data)
{
  guint *n_calls = user_data;

  return ++*n_calls < 2;
}

static void
test_stops_early (void)
{
  g_autoptr(KioskUsageStore) store = open_report_store ();
  g_autoptr(GError) error = NULL;
  guint n_calls = 0;

  g_assert_true (kiosk_usage_store_foreach (store, NULL, stop_after_two_rows_cb, &n_calls,
                                            &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_calls, ==, 2);

  n_calls = 0;
  g_assert_true (kiosk_usage_store_total (store, NULL, KIOSK_USAGE_GROUP_DAY,
                                          stop_after_two_totals_cb, &n_calls, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_calls, ==, 2);
}

typedef struct
{
  KioskUsageGroup  group;
  const char      *expected;
} GroupCase;

/* The columns are period, weekday, hour, site, station, metric, key and
 * count; "-" is NULL.
 */
static void
test_totals (void)
{
  static const GroupCase cases[] = {
    { KIOSK_USAGE_GROUP_METRIC_KEY,
      "- 0 0 - - service-opened ameli 1\n"
      "- 0 0 - - service-opened caf 17\n"
      "- 0 0 - - session-started  7\n" },
    { KIOSK_USAGE_GROUP_DAY,
      "2026-11-23 0 0 - - service-opened - 6\n"
      "2026-11-23 0 0 - - session-started - 4\n"
      "2026-11-29 0 0 - - service-opened - 5\n"
      "2026-11-29 0 0 - - session-started - 1\n"
      "2026-12-01 0 0 - - service-opened - 7\n"
      "2026-12-01 0 0 - - session-started - 2\n" },
    { KIOSK_USAGE_GROUP_MONTH,
      "2026-11 0 0 - - service-opened - 11\n"
      "2026-11 0 0 - - session-started - 5\n"
      "2026-12 0 0 - - service-opened - 7\n"
      "2026-12 0 0 - - session-started - 2\n" },
    { KIOSK_USAGE_GROUP_SITE_STATION,
      "- 0 0 gare st3 service-opened - 7\n"
      "- 0 0 gare st3 session-started - 5\n"
      "- 0 0 mairie st1 service-opened - 9\n"
      "- 0 0 mairie st1 session-started - 2\n"
      "- 0 0 mairie st2 service-opened - 2\n" },
    { KIOSK_USAGE_GROUP_HOUR_OF_WEEK,
      "- 1 9 - - service-opened - 6\n"
      "- 1 14 - - session-started - 4\n"
      "- 2 10 - - service-opened - 7\n"
      "- 2 10 - - session-started - 2\n"
      "- 7 9 - - service-opened - 5\n"
      "- 7 9 - - session-started - 1\n" },
  };
  g_autoptr(KioskUsageStore) store = open_report_store ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = dump_totals (store, NULL, cases[i].group);

      g_test_message ("group %d", cases[i].group);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_totals_filtered (void)
{
  static const KioskUsageFilter mairie_from_24 = { "2026-11-24", NULL, "mairie", NULL };
  static const KioskUsageFilter november_st3 = { "2026-11-01", "2026-11-30", NULL, "st3" };
  g_autoptr(KioskUsageStore) store = open_report_store ();
  g_autofree char *by_key = dump_totals (store, &mairie_from_24, KIOSK_USAGE_GROUP_METRIC_KEY);
  g_autofree char *by_week = dump_totals (store, &november_st3, KIOSK_USAGE_GROUP_HOUR_OF_WEEK);

  g_assert_cmpstr (by_key, ==,
                   "- 0 0 - - service-opened caf 5\n"
                   "- 0 0 - - session-started  2\n");
  g_assert_cmpstr (by_week, ==,
                   "- 1 14 - - session-started - 4\n"
                   "- 7 9 - - session-started - 1\n");
}

/* What the staff panel shows as "sessions today": one metric on one day,
 * whatever its keys; a bad day in the filter is an error, never zero.
 */
static void
test_count_metric (void)
{
  static const KioskUsageFilter first_of_december = { "2026-12-01", "2026-12-01", NULL, NULL };
  static const KioskUsageFilter bad_day = { "2026-13-01", "2026-13-01", NULL, NULL };
  g_autoptr(KioskUsageStore) store = open_report_store ();
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (kiosk_usage_store_count_metric (store, NULL, "session-started", NULL), ==, 7);
  g_assert_cmpint (kiosk_usage_store_count_metric (store, NULL, "service-opened", NULL), ==, 18);
  g_assert_cmpint (kiosk_usage_store_count_metric (store, &first_of_december, "session-started",
                                                   NULL), ==, 2);
  g_assert_cmpint (kiosk_usage_store_count_metric (store, NULL, "no-such-metric", NULL), ==, 0);
  g_assert_cmpint (kiosk_usage_store_count_metric (store, &bad_day, "session-started", &error),
                   ==, -1);
  g_assert_error (error, KIOSK_USAGE_ERROR, KIOSK_USAGE_ERROR_INVALID);
}

/* One count on each day of a week that starts on Monday 2026-11-23, and
 * again a year later, when the same dates fall on other weekdays.
 */
static void
test_weekdays (void)
{
  static const KioskUsageRow rows[] = {
    { "2026-11-23", 8, "mairie", "st1", "session-started", NULL, 1 },
    { "2026-11-24", 8, "mairie", "st1", "session-started", NULL, 2 },
    { "2026-11-25", 8, "mairie", "st1", "session-started", NULL, 3 },
    { "2026-11-26", 8, "mairie", "st1", "session-started", NULL, 4 },
    { "2026-11-27", 8, "mairie", "st1", "session-started", NULL, 5 },
    { "2026-11-28", 8, "mairie", "st1", "session-started", NULL, 6 },
    { "2026-11-29", 8, "mairie", "st1", "session-started", NULL, 7 },
    /* Wednesday, Monday and Sunday. */
    { "2028-02-23", 8, "mairie", "st1", "session-started", NULL, 100 },
    { "2028-02-28", 8, "mairie", "st1", "session-started", NULL, 1000 },
    { "2028-02-27", 8, "mairie", "st1", "session-started", NULL, 10000 },
  };
  g_autofree char *path = state_path ("usage.db");
  g_autoptr(KioskUsageStore) store = open_store (path);
  g_autofree char *text = NULL;

  add_rows (store, rows, G_N_ELEMENTS (rows));
  text = dump_totals (store, NULL, KIOSK_USAGE_GROUP_HOUR_OF_WEEK);
  g_assert_cmpstr (text, ==,
                   "- 1 8 - - session-started - 1001\n"
                   "- 2 8 - - session-started - 2\n"
                   "- 3 8 - - session-started - 103\n"
                   "- 4 8 - - session-started - 4\n"
                   "- 5 8 - - session-started - 5\n"
                   "- 6 8 - - session-started - 6\n"
                   "- 7 8 - - session-started - 10007\n");
}

/* A full disk (test-full-disk.c) */

static void
test_disk_full (void)
{
  g_autofree char *path = state_path ("usage.db");
  KioskUsageStore *store = open_store (path);
  static const KioskUsageRow later = {
    "2026-11-23", 9, "mairie", "accueil-2", KIOSK_METRIC_SERVICE_OPENED, "caf", 1
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after_failure = NULL;
  g_autofree char *after_reopen = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GPtrArray) days = g_ptr_array_new_with_free_func (g_free);
  g_autofree KioskUsageRow *batch = g_new0 (KioskUsageRow, 5000);
  const char *syscall_name;

  add_many (store, "accueil-1", 300, 2);
  before = dump (store, NULL);

  /* 5000 new counts: the log needs more than a hundred pages for them. */
  for (guint i = 0; i < 5000; i++)
    {
      char *day = g_strdup_printf ("2025-%02u-%02u", 1 + i / 24 / 28 % 12, 1 + i / 24 % 28);

      g_ptr_array_add (days, day);
      batch[i] = (KioskUsageRow) {
        day, i % 24, "mairie", "accueil-1", KIOSK_METRIC_LANGUAGE, "fr", 1
      };
    }

  syscall_name = kiosk_test_full_disk_install ();
  if (syscall_name == NULL)
    {
      g_test_skip ("this SQLite does not write with pwrite()");
      g_object_unref (store);
      return;
    }
  kiosk_test_full_disk_fill (ENOSPC, 10);

  g_assert_false (kiosk_usage_store_add (store, batch, 5000, &error));

  kiosk_test_full_disk_free_up ();
  kiosk_test_full_disk_uninstall (syscall_name);

  g_assert_cmpuint (kiosk_test_full_disk_count_failed_writes (), >, 0);
  g_assert_error (error, KIOSK_USAGE_ERROR, KIOSK_USAGE_ERROR_FULL);
  g_assert_nonnull (strstr (error->message, path));
  g_test_message ("%s", error->message);

  after_failure = dump (store, NULL);
  g_assert_cmpstr (after_failure, ==, before);

  /* Once there is room again, counting resumes. */
  add_rows (store, &later, 1);
  g_object_unref (store);

  store = open_store (path);
  after_reopen = dump (store, NULL);
  g_object_unref (store);
  expected = g_strconcat (before, "2026-11-23 9 mairie accueil-2 service-opened [caf] 1\n", NULL);
  g_assert_cmpstr (after_reopen, ==, expected);
}

/* Damaged files */

static void
test_corrupt_garbage (void)
{
  g_autofree char *path = state_path ("usage.db");
  g_autoptr(GBytes) garbage = write_garbage (path, 16384);
  g_autoptr(GBytes) garbage_again = NULL;
  g_autofree char *first_aside = NULL;
  g_autofree char *text = NULL;
  KioskUsageStore *store = open_expecting_recovery (path);

  first_aside = g_strdup (kiosk_usage_store_get_recovered_from (store));
  assert_same_bytes (garbage, first_aside);
  assert_fresh_store_works (store);
  g_object_unref (store);

  /* The new file is sound: opening it again recovers nothing. */
  store = open_store (path);
  text = dump (store, NULL);
  g_assert_cmpuint (strlen (text), >, 0);
  g_object_unref (store);

  /* Damaged again within the same second: the first copy is kept. */
  garbage_again = write_garbage (path, 4096);
  store = open_expecting_recovery (path);
  g_assert_cmpstr (kiosk_usage_store_get_recovered_from (store), !=, first_aside);
  assert_same_bytes (garbage_again, kiosk_usage_store_get_recovered_from (store));
  assert_same_bytes (garbage, first_aside);
  g_assert_cmpuint (count_aside_files (path), ==, 2);
  g_object_unref (store);
}

/* A store with enough counts for its table to span many pages, closed so
 * that all of it is in the file itself.
 */
static GBytes *
make_closed_store (const char *path)
{
  KioskUsageStore *store = open_store (path);
  g_autofree char *wal = companion (path, "-wal");
  GBytes *bytes;

  add_many (store, "accueil-1", 3000, 1);
  g_object_unref (store);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  bytes = read_bytes (path);
  g_assert_cmpuint (g_bytes_get_size (bytes), >, 20 * 4096);
  return bytes;
}

/* Damage that reading the counts never meets, only a check of the whole
 * file does: the header claims free pages that are not there.
 */
static GBytes *
damage_free_page_count (const char *path)
{
  g_autoptr(GBytes) good = make_closed_store (path);
  gsize length = 0;
  g_autofree guint8 *data = g_bytes_unref_to_data (g_bytes_ref (good), &length);

  g_assert_cmpuint (data[36] | data[37] | data[38] | data[39], ==, 0);
  data[39] = 3;
  write_bytes (path, data, length);
  return g_bytes_new (data, length);
}

static void
test_corrupt_free_pages (void)
{
  g_autofree char *path = state_path ("usage.db");
  g_autoptr(GBytes) damaged = damage_free_page_count (path);
  g_autoptr(KioskUsageStore) store = open_expecting_recovery (path);

  assert_same_bytes (damaged, kiosk_usage_store_get_recovered_from (store));
  assert_fresh_store_works (store);
}

static void
test_corrupt_page (void)
{
  g_autofree char *path = state_path ("usage.db");
  g_autoptr(GBytes) good = make_closed_store (path);
  gsize length = 0;
  g_autofree guint8 *data = g_bytes_unref_to_data (g_bytes_ref (good), &length);
  guint page_size = data[16] << 8 | data[17];
  g_autoptr(GBytes) damaged = NULL;
  g_autoptr(KioskUsageStore) store = NULL;

  /* Page 2 is the root of the counts table: its page type becomes one
   * that does not exist, while the file's header stays intact.
   */
  g_assert_cmpuint (page_size, ==, 4096);
  memset (data + page_size, 0x7f, 12);
  damaged = g_bytes_new (data, length);
  write_bytes (path, data, length);

  store = open_expecting_recovery (path);
  assert_same_bytes (damaged, kiosk_usage_store_get_recovered_from (store));
  assert_fresh_store_works (store);
}

static void
test_corrupt_truncated (void)
{
  g_autofree char *path = state_path ("usage.db");
  g_autoptr(GBytes) good = make_closed_store (path);
  g_autoptr(GBytes) truncated = g_bytes_new_from_bytes (good, 0, 3 * 4096 + 100);
  g_autoptr(KioskUsageStore) store = NULL;

  write_bytes (path, g_bytes_get_data (truncated, NULL), g_bytes_get_size (truncated));

  store = open_expecting_recovery (path);
  assert_same_bytes (truncated, kiosk_usage_store_get_recovered_from (store));
  assert_fresh_store_works (store);
}

static void
test_corrupt_with_log (void)
{
  g_autofree char *path = state_path ("usage.db");
  g_autofree char *wal = companion (path, "-wal");
  g_autoptr(GBytes) garbage = write_garbage (path, 8192);
  g_autoptr(GBytes) log = make_garbage (5000);
  g_autoptr(KioskUsageStore) store = NULL;
  g_autofree char *aside_wal = NULL;
  g_autofree char *aside_shm = NULL;

  write_bytes (wal, g_bytes_get_data (log, NULL), g_bytes_get_size (log));

  store = open_expecting_recovery (path);
  aside_wal = companion (kiosk_usage_store_get_recovered_from (store), "-wal");
  aside_shm = companion (kiosk_usage_store_get_recovered_from (store), "-shm");
  assert_same_bytes (garbage, kiosk_usage_store_get_recovered_from (store));
  assert_same_bytes (log, aside_wal);
  /* SQLite made the index of the log while reading; it goes along. */
  g_assert_true (g_file_test (aside_shm, G_FILE_TEST_IS_REGULAR));
  assert_fresh_store_works (store);
}

/* SQLite would delete a log found beside an empty database. */
static void
test_orphan_log (void)
{
  g_autofree char *path = state_path ("usage.db");
  g_autofree char *wal = companion (path, "-wal");
  g_autoptr(GBytes) log = make_garbage (5000);
  g_autoptr(KioskUsageStore) store = NULL;
  g_autofree char *aside_wal = NULL;

  write_bytes (path, (const guint8 *) "", 0);
  write_bytes (wal, g_bytes_get_data (log, NULL), g_bytes_get_size (log));

  store = open_expecting_recovery (path);
  aside_wal = companion (kiosk_usage_store_get_recovered_from (store), "-wal");
  assert_same_bytes (log, aside_wal);
  assert_fresh_store_works (store);
}

static void
test_wrong_schema (gconstpointer data)
{
  const char *sql = data;
  g_autofree char *path = state_path ("usage.db");
  g_autoptr(GBytes) original = NULL;
  g_autoptr(KioskUsageStore) store = NULL;
  sqlite3 *db = raw_open (path);

  raw_exec (db, sql);
  sqlite3_close (db);
  original = read_bytes (path);

  store = open_expecting_recovery (path);
  assert_same_bytes (original, kiosk_usage_store_get_recovered_from (store));
  assert_fresh_store_works (store);
}

static void
test_too_new (void)
{
  g_autofree char *path = state_path ("usage.db");
  g_autofree char *other_path = state_path ("other.db");
  g_autoptr(GBytes) original = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskUsageStore) store = NULL;
  g_autoptr(KioskUsageStore) other = NULL;
  sqlite3 *db;

  g_bytes_unref (make_closed_store (path));
  db = raw_open (path);
  raw_exec (db, "PRAGMA user_version = 2");
  sqlite3_close (db);
  original = read_bytes (path);

  store = kiosk_usage_store_open (path, &error);
  g_assert_error (error, KIOSK_USAGE_ERROR, KIOSK_USAGE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_null (store);
  assert_same_bytes (original, path);
  g_assert_cmpuint (count_aside_files (path), ==, 0);
  g_clear_error (&error);

  store = kiosk_usage_store_open_read_only (path, &error);
  g_assert_error (error, KIOSK_USAGE_ERROR, KIOSK_USAGE_ERROR_TOO_NEW);
  g_assert_null (store);
  g_clear_error (&error);

  other = open_store (other_path);
  g_assert_false (kiosk_usage_store_merge_from (other, path, &error));
  g_assert_error (error, KIOSK_USAGE_ERROR, KIOSK_USAGE_ERROR_TOO_NEW);
  assert_rows (other, "");
  assert_same_bytes (original, path);
}

/* Reading only */

static void
test_read_only_missing (void)
{
  g_autofree char *path = state_path ("usage.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskUsageStore) store = kiosk_usage_store_open_read_only (path, &error);

  g_assert_error (error, KIOSK_USAGE_ERROR, KIOSK_USAGE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_null (store);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_read_only_corrupt (void)
{
  g_autofree char *path = state_path ("usage.db");
  g_autoptr(GBytes) garbage = write_garbage (path, 16384);
  g_autoptr(GBytes) good = NULL;
  g_autoptr(GBytes) damaged = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskUsageStore) store = kiosk_usage_store_open_read_only (path, &error);
  g_autoptr(GString) text = NULL;
  gsize length = 0;
  g_autofree guint8 *data = NULL;

  g_assert_error (error, KIOSK_USAGE_ERROR, KIOSK_USAGE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_null (store);
  assert_same_bytes (garbage, path);
  g_assert_cmpuint (count_aside_files (path), ==, 0);
  g_clear_error (&error);

  /* A sound header with a damaged page: opening does not read every
   * page, but neither an export nor a report goes past it.
   */
  g_assert_cmpint (g_remove (path), ==, 0);
  good = make_closed_store (path);
  data = g_bytes_unref_to_data (g_bytes_ref (good), &length);
  memset (data + 4096, 0x7f, 12);
  write_bytes (path, data, length);
  damaged = g_bytes_new (data, length);

  store = kiosk_usage_store_open_read_only (path, &error);
  g_assert_no_error (error);
  text = g_string_new (NULL);
  g_assert_false (kiosk_usage_store_foreach (store, NULL, append_row_cb, text, &error));
  g_assert_error (error, KIOSK_USAGE_ERROR, KIOSK_USAGE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);
  g_assert_false (kiosk_usage_store_total (store, NULL, KIOSK_USAGE_GROUP_METRIC_KEY,
                                           append_total_cb, text, &error));
  g_assert_error (error, KIOSK_USAGE_ERROR, KIOSK_USAGE_ERROR_CORRUPT);
  g_clear_object (&store);

  assert_same_bytes (damaged, path);
  g_assert_cmpuint (count_aside_files (path), ==, 0);
}

static void
test_read_only_while_writing (void)
{
  g_autofree char *path = state_path ("usage.db");
  g_autofree char *wal = companion (path, "-wal");
  g_autofree char *shm = companion (path, "-shm");
  KioskUsageStore *writer = open_store (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskUsageStore) reader = NULL;
  g_autofree char *written = NULL;
  g_autofree char *read_while_open = NULL;
  g_autofree char *read_later = NULL;
  g_autofree char *read_after_close = NULL;
  g_autofree char *read_after_reopen = NULL;

  add_many (writer, "accueil-1", 200, 1);
  written = dump (writer, NULL);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  reader = kiosk_usage_store_open_read_only (path, &error);
  g_assert_no_error (error);
  read_while_open = dump (reader, NULL);
  g_assert_cmpstr (read_while_open, ==, written);

  /* A report started earlier sees what the kiosk counts meanwhile. */
  add_many (writer, "accueil-2", 5, 1);
  read_later = dump (reader, NULL);
  g_assert_cmpuint (strlen (read_later), >, strlen (read_while_open));

  g_object_unref (writer);
  read_after_close = dump (reader, NULL);
  g_assert_cmpstr (read_after_close, ==, read_later);
  g_clear_object (&reader);

  /* The kiosk could not write its log back while the report read it;
   * it does when it next stops, and then only the database file is left.
   */
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_object_unref (open_store (path));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
  reader = kiosk_usage_store_open_read_only (path, &error);
  g_assert_no_error (error);
  read_after_reopen = dump (reader, NULL);
  g_assert_cmpstr (read_after_reopen, ==, read_later);
}

/* Merging */

static const KioskUsageRow station_a_rows[] = {
  { "2026-11-23", 9, "mairie", "accueil-1", "service-opened", "caf", 3 },
  { "2026-11-23", 10, "mairie", "accueil-1", "session-started", NULL, 2 },
};

static const KioskUsageRow station_a_later_rows[] = {
  { "2026-11-23", 9, "mairie", "accueil-1", "service-opened", "caf", 4 },
  { "2026-11-24", 9, "mairie", "accueil-1", "service-opened", "ameli", 1 },
};

static const KioskUsageRow station_b_rows[] = {
  { "2026-11-23", 9, "mairie", "accueil-2", "service-opened", "caf", 10 },
};

static const char station_a_text[] =
  "2026-11-23 9 mairie accueil-1 service-opened [caf] 3\n"
  "2026-11-23 10 mairie accueil-1 session-started [] 2\n";

static const char station_a_later_text[] =
  "2026-11-23 9 mairie accueil-1 service-opened [caf] 7\n"
  "2026-11-23 10 mairie accueil-1 session-started [] 2\n"
  "2026-11-24 9 mairie accueil-1 service-opened [ameli] 1\n";

static char *
make_station (const char          *name,
              const KioskUsageRow *rows,
              guint                n_rows)
{
  char *path = state_path (name);
  g_autoptr(KioskUsageStore) store = open_store (path);

  add_rows (store, rows, n_rows);
  return path;
}

static void
merge (KioskUsageStore *store,
       const char      *other_path)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kiosk_usage_store_merge_from (store, other_path, &error));
  g_assert_no_error (error);
}

static void
test_merge_into_empty (void)
{
  g_autofree char *a = make_station ("a.db", station_a_rows, G_N_ELEMENTS (station_a_rows));
  g_autofree char *target_path = state_path ("all.db");
  g_autoptr(KioskUsageStore) target = open_store (target_path);
  g_autoptr(KioskUsageStore) live = NULL;
  g_autofree char *once = NULL;
  g_autofree char *twice = NULL;
  g_autofree char *with_live = NULL;

  merge (target, a);
  once = dump (target, NULL);
  g_assert_cmpstr (once, ==, station_a_text);

  merge (target, a);
  twice = dump (target, NULL);
  g_assert_cmpstr (twice, ==, station_a_text);

  /* A station still counting: what is in its log is merged too. */
  live = open_store (a);
  add_rows (live, station_a_later_rows, G_N_ELEMENTS (station_a_later_rows));
  merge (target, a);
  with_live = dump (target, NULL);
  g_assert_cmpstr (with_live, ==, station_a_later_text);
}

static void
test_merge_older_and_newer (void)
{
  g_autofree char *a = make_station ("a.db", station_a_rows, G_N_ELEMENTS (station_a_rows));
  g_autofree char *old_copy = state_path ("a-copy-monday.db");
  g_autofree char *old_first_path = state_path ("old-first.db");
  g_autofree char *new_first_path = state_path ("new-first.db");
  g_autoptr(GBytes) old_bytes = read_bytes (a);
  g_autoptr(KioskUsageStore) old_first = NULL;
  g_autoptr(KioskUsageStore) new_first = NULL;
  g_autofree char *old_then_new = NULL;
  g_autofree char *new_then_old = NULL;
  KioskUsageStore *station;

  write_bytes (old_copy, g_bytes_get_data (old_bytes, NULL), g_bytes_get_size (old_bytes));
  station = open_store (a);
  add_rows (station, station_a_later_rows, G_N_ELEMENTS (station_a_later_rows));
  g_object_unref (station);

  old_first = open_store (old_first_path);
  merge (old_first, old_copy);
  assert_rows (old_first, station_a_text);
  merge (old_first, a);
  old_then_new = dump (old_first, NULL);
  g_assert_cmpstr (old_then_new, ==, station_a_later_text);

  new_first = open_store (new_first_path);
  merge (new_first, a);
  merge (new_first, old_copy);
  new_then_old = dump (new_first, NULL);
  g_assert_cmpstr (new_then_old, ==, station_a_later_text);
}

static void
test_merge_two_stations (void)
{
  g_autofree char *a = make_station ("a.db", station_a_rows, G_N_ELEMENTS (station_a_rows));
  g_autofree char *b = make_station ("b.db", station_b_rows, G_N_ELEMENTS (station_b_rows));
  g_autofree char *target_path = state_path ("all.db");
  g_autoptr(KioskUsageStore) target = open_store (target_path);
  g_autofree char *rows = NULL;
  g_autofree char *totals = NULL;

  merge (target, a);
  merge (target, b);
  merge (target, a);

  rows = dump (target, NULL);
  g_assert_cmpstr (rows, ==,
                   "2026-11-23 9 mairie accueil-1 service-opened [caf] 3\n"
                   "2026-11-23 9 mairie accueil-2 service-opened [caf] 10\n"
                   "2026-11-23 10 mairie accueil-1 session-started [] 2\n");
  totals = dump_totals (target, NULL, KIOSK_USAGE_GROUP_METRIC_KEY);
  g_assert_cmpstr (totals, ==,
                   "- 0 0 - - service-opened caf 13\n"
                   "- 0 0 - - session-started  2\n");
}

static void
test_merge_self_refused (void)
{
  g_autofree char *path = make_station ("a.db", station_a_rows, G_N_ELEMENTS (station_a_rows));
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *dotted = g_build_filename (dir, ".", "a.db", NULL);
  g_autofree char *link = state_path ("link.db");
  const char *spellings[] = { path, dotted, link };
  g_autoptr(KioskUsageStore) store = NULL;

  g_assert_cmpint (symlink (path, link), ==, 0);
  store = open_store (path);

  for (guint i = 0; i < G_N_ELEMENTS (spellings); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;

      g_test_message ("%s", spellings[i]);
      g_assert_false (kiosk_usage_store_merge_from (store, spellings[i], &error));
      g_assert_error (error, KIOSK_USAGE_ERROR, KIOSK_USAGE_ERROR_INVALID);
      text = dump (store, NULL);
      g_assert_cmpstr (text, ==, station_a_text);
    }
}

static guint
count_report_indexes (const char *path)
{
  sqlite3 *db = raw_open (path);
  g_autofree char *n = raw_query_text (db, "SELECT count(*) FROM sqlite_schema"
                                       " WHERE type = 'index' AND name LIKE 'counts_by_%'");

  sqlite3_close (db);
  return atoi (n);
}

/* The file that gathers stations gets indexes for reports; every report
 * must read the same totals through them as from the table itself.
 */
static void
test_merge_report_indexes (void)
{
  static const KioskUsageFilter filters[] = {
    { NULL, NULL, NULL, NULL },
    { "2026-11-24", "2028-02-27", NULL, NULL },
    { NULL, NULL, "mairie", NULL },
    { "2026-11-01", NULL, NULL, "st3" },
  };
  static const KioskUsageRow more_days[] = {
    { "2028-02-23", 8, "mairie", "st1", "session-started", NULL, 100 },
    { "2028-02-28", 8, "mairie", "st1", "session-started", NULL, 1000 },
    { "2028-02-27", 8, "gare", "st3", "language", "ar", 10000 },
  };
  g_autofree char *station_path = state_path ("a.db");
  g_autofree char *target_path = state_path ("all.db");
  g_autoptr(KioskUsageStore) station = open_store (station_path);
  g_autoptr(KioskUsageStore) target = open_store (target_path);
  g_autoptr(KioskUsageStore) reader = NULL;
  g_autoptr(GError) error = NULL;

  add_rows (station, report_rows, G_N_ELEMENTS (report_rows));
  add_rows (station, more_days, G_N_ELEMENTS (more_days));
  merge (target, station_path);

  g_assert_cmpuint (count_report_indexes (station_path), ==, 0);
  g_assert_cmpuint (count_report_indexes (target_path), ==, 3);

  reader = kiosk_usage_store_open_read_only (target_path, &error);
  g_assert_no_error (error);

  for (guint f = 0; f < G_N_ELEMENTS (filters); f++)
    {
      for (KioskUsageGroup group = KIOSK_USAGE_GROUP_METRIC_KEY;
           group <= KIOSK_USAGE_GROUP_HOUR_OF_WEEK; group++)
        {
          g_autofree char *expected = dump_totals (station, &filters[f], group);
          g_autofree char *merged = dump_totals (target, &filters[f], group);
          g_autofree char *read = dump_totals (reader, &filters[f], group);

          g_test_message ("filter %u, group %d", f, group);
          g_assert_cmpuint (strlen (expected), >, 0);
          g_assert_cmpstr (merged, ==, expected);
          g_assert_cmpstr (read, ==, expected);
        }
    }
}

typedef struct
{
  const char *name;
  int         code;
  gboolean    refused_at_open;   /* by kiosk_usage_store_open_read_only() */
} BadOther;

static const BadOther bad_others[] = {
  { "missing", KIOSK_USAGE_ERROR_IO, TRUE },
  { "garbage", KIOSK_USAGE_ERROR_CORRUPT, TRUE },
  { "damaged-page", KIOSK_USAGE_ERROR_CORRUPT, FALSE },
  { "free-page-count", KIOSK_USAGE_ERROR_CORRUPT, FALSE },
  { "other-program", KIOSK_USAGE_ERROR_CORRUPT, TRUE },
  { "impossible-rows", KIOSK_USAGE_ERROR_CORRUPT, TRUE },
  { "endless-view", KIOSK_USAGE_ERROR_CORRUPT, TRUE },
  { "trigger", KIOSK_USAGE_ERROR_CORRUPT, TRUE },
  { "generated-column", KIOSK_USAGE_ERROR_CORRUPT, TRUE },
  { "not-strict", KIOSK_USAGE_ERROR_CORRUPT, TRUE },
};

static void
make_bad_other (const char *name,
                const char *path)
{
  if (g_str_equal (name, "garbage"))
    {
      g_bytes_unref (write_garbage (path, 16384));
    }
  else if (g_str_equal (name, "damaged-page"))
    {
      g_autoptr(GBytes) good = make_closed_store (path);
      gsize length = 0;
      g_autofree guint8 *data = g_bytes_unref_to_data (g_bytes_ref (good), &length);

      memset (data + 4096, 0x7f, 12);
      write_bytes (path, data, length);
    }
  else if (g_str_equal (name, "free-page-count"))
    {
      g_bytes_unref (damage_free_page_count (path));
    }
  else if (g_str_equal (name, "other-program"))
    {
      sqlite3 *db = raw_open (path);

      raw_exec (db, "CREATE TABLE notes (day TEXT, text TEXT)");
      sqlite3_close (db);
    }
  else if (g_str_equal (name, "impossible-rows"))
    {
      sqlite3 *db = raw_open (path);

      /* The right columns without the checks, and one row no kiosk
       * writes after many good ones: the merge stops half way.
       */
      raw_exec (db, "CREATE TABLE counts (day, hour, site, station, metric, key, count);"
                "PRAGMA user_version = 1;"
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500)"
                " INSERT INTO counts SELECT '2026-10-01', i % 24, 'gare', 'g' || i,"
                " 'service-opened', 'caf', 1 FROM n;"
                "INSERT INTO counts VALUES ('2026-10-02', 99, 'gare', 'g1', 'x', '', 1);");
      sqlite3_close (db);
    }
  else if (g_str_equal (name, "endless-view"))
    {
      sqlite3 *db = raw_open (path);

      /* Read, it would run until the disk is full. */
      raw_exec (db, "CREATE VIEW counts AS WITH RECURSIVE n (i) AS"
                " (SELECT 1 UNION ALL SELECT i + 1 FROM n)"
                " SELECT '2026-10-01' AS day, i % 24 AS hour, 'gare' AS site,"
                " 'g' || i AS station, 'service-opened' AS metric, 'caf' AS key, 1 AS count"
                " FROM n ORDER BY station;"
                "PRAGMA user_version = 1;");
      sqlite3_close (db);
    }
  else if (g_str_equal (name, "trigger"))
    {
      g_autoptr(KioskUsageStore) store = open_store (path);
      sqlite3 *db;

      add_rows (store, station_b_rows, G_N_ELEMENTS (station_b_rows));
      g_clear_object (&store);
      db = raw_open (path);
      raw_exec (db, "CREATE TRIGGER grow AFTER INSERT ON counts BEGIN"
                " INSERT INTO counts SELECT * FROM counts; END;");
      sqlite3_close (db);
    }
  else if (g_str_equal (name, "generated-column"))
    {
      sqlite3 *db = raw_open (path);

      raw_exec (db, "CREATE TABLE counts (day TEXT NOT NULL, hour INTEGER NOT NULL,"
                " site TEXT NOT NULL, station TEXT NOT NULL, metric TEXT NOT NULL,"
                " key TEXT NOT NULL, count INTEGER NOT NULL,"
                " extra TEXT AS (zeroblob (1000000)),"
                " PRIMARY KEY (day, hour, site, station, metric, key)) STRICT, WITHOUT ROWID;"
                "PRAGMA user_version = 1;");
      sqlite3_close (db);
    }
  else if (g_str_equal (name, "not-strict"))
    {
      sqlite3 *db = raw_open (path);

      raw_exec (db, "CREATE TABLE counts (day TEXT NOT NULL, hour INTEGER NOT NULL,"
                " site TEXT NOT NULL, station TEXT NOT NULL, metric TEXT NOT NULL,"
                " key TEXT NOT NULL, count INTEGER NOT NULL,"
                " PRIMARY KEY (day, hour, site, station, metric, key));"
                "PRAGMA user_version = 1;");
      sqlite3_close (db);
    }
}

static void
test_merge_bad_other_refused (gconstpointer data)
{
  const BadOther *bad = data;
  g_autofree char *path = make_station ("a.db", station_a_rows, G_N_ELEMENTS (station_a_rows));
  g_autofree char *other = state_path ("other.db");
  g_autoptr(KioskUsageStore) store = open_store (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) other_bytes = NULL;
  g_autofree char *text = NULL;
  g_autofree char *b = NULL;

  make_bad_other (bad->name, other);
  if (g_file_test (other, G_FILE_TEST_EXISTS))
    other_bytes = read_bytes (other);

  g_assert_false (kiosk_usage_store_merge_from (store, other, &error));
  g_assert_error (error, KIOSK_USAGE_ERROR, bad->code);
  g_assert_nonnull (strstr (error->message, other));

  text = dump (store, NULL);
  g_assert_cmpstr (text, ==, station_a_text);
  if (other_bytes != NULL)
    assert_same_bytes (other_bytes, other);
  g_assert_cmpuint (count_aside_files (other), ==, 0);

  /* The store still merges afterwards: nothing stayed attached. */
  g_clear_error (&error);
  b = make_station ("b.db", station_b_rows, G_N_ELEMENTS (station_b_rows));
  merge (store, b);
}

/* What a merge refuses for what it holds, a report or an export refuses
 * too, before reading any of it, and leaves as it was. (Damage is found
 * by reading: see test_read_only_corrupt().)
 */
static void
test_read_only_bad_refused (gconstpointer data)
{
  const BadOther *bad = data;
  g_autofree char *path = state_path ("other.db");
  g_autoptr(KioskUsageStore) store = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  make_bad_other (bad->name, path);
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    bytes = read_bytes (path);

  store = kiosk_usage_store_open_read_only (path, &error);
  g_assert_null (store);
  g_assert_error (error, KIOSK_USAGE_ERROR, bad->code);
  g_assert_nonnull (strstr (error->message, path));
  if (bytes != NULL)
    assert_same_bytes (bytes, path);
  g_assert_cmpuint (count_aside_files (path), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  static const char * const wrong_schemas[] = {
    "CREATE TABLE notes (x TEXT)",
    "CREATE TABLE counts (day TEXT, hour INTEGER, count INTEGER); PRAGMA user_version = 1",
    "CREATE VIEW counts AS WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n)"
    " SELECT '2026-10-01' AS day, 1 AS hour, 'gare' AS site, 'g' || i AS station,"
    " 'service-opened' AS metric, 'caf' AS key, 1 AS count FROM n; PRAGMA user_version = 1",
  };

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/usage-store/add-and-coalesce", test_add_and_coalesce);
  g_test_add_func ("/core/usage-store/wal-and-version", test_wal_and_version);
  g_test_add_func ("/core/usage-store/persists", test_persists);
  g_test_add_func ("/core/usage-store/missing-folder", test_missing_folder);

  for (guint i = 0; i < G_N_ELEMENTS (invalid_rows); i++)
    {
      g_autofree char *test_path = g_strconcat ("/core/usage-store/invalid-row/",
                                                invalid_rows[i].name, NULL);

      g_test_add_data_func (test_path, &invalid_rows[i], test_invalid_row);
    }
  g_test_add_func ("/core/usage-store/limits-accepted", test_limits_accepted);
  g_test_add_func ("/core/usage-store/day-is-valid", test_day_is_valid);
  g_test_add_func ("/core/usage-store/duration-bucket", test_duration_bucket);

  g_test_add_func ("/core/usage-store/foreach-order-and-filters",
                   test_foreach_order_and_filters);
  g_test_add_func ("/core/usage-store/bad-filter", test_bad_filter);
  g_test_add_func ("/core/usage-store/stops-early", test_stops_early);
  g_test_add_func ("/core/usage-store/totals", test_totals);
  g_test_add_func ("/core/usage-store/totals-filtered", test_totals_filtered);
  g_test_add_func ("/core/usage-store/count-metric", test_count_metric);
  g_test_add_func ("/core/usage-store/weekdays", test_weekdays);

  g_test_add_func ("/core/usage-store/disk-full", test_disk_full);

  g_test_add_func ("/core/usage-store/corrupt/garbage", test_corrupt_garbage);
  g_test_add_func ("/core/usage-store/corrupt/damaged-page", test_corrupt_page);
  g_test_add_func ("/core/usage-store/corrupt/truncated", test_corrupt_truncated);
  g_test_add_func ("/core/usage-store/corrupt/free-page-count", test_corrupt_free_pages);
  g_test_add_func ("/core/usage-store/corrupt/with-log", test_corrupt_with_log);
  g_test_add_func ("/core/usage-store/corrupt/orphan-log", test_orphan_log);
  g_test_add_data_func ("/core/usage-store/corrupt/other-program", wrong_schemas[0],
                        test_wrong_schema);
  g_test_add_data_func ("/core/usage-store/corrupt/wrong-columns", wrong_schemas[1],
                        test_wrong_schema);
  g_test_add_data_func ("/core/usage-store/corrupt/endless-view", wrong_schemas[2],
                        test_wrong_schema);
  g_test_add_func ("/core/usage-store/too-new", test_too_new);

  g_test_add_func ("/core/usage-store/read-only/missing", test_read_only_missing);
  g_test_add_func ("/core/usage-store/read-only/corrupt", test_read_only_corrupt);
  g_test_add_func ("/core/usage-store/read-only/while-writing", test_read_only_while_writing);

  g_test_add_func ("/core/usage-store/merge/into-empty-and-twice", test_merge_into_empty);
  g_test_add_func ("/core/usage-store/merge/older-and-newer", test_merge_older_and_newer);
  g_test_add_func ("/core/usage-store/merge/two-stations", test_merge_two_stations);
  g_test_add_func ("/core/usage-store/merge/self-refused", test_merge_self_refused);
  g_test_add_func ("/core/usage-store/merge/report-indexes", test_merge_report_indexes);
  for (guint i = 0; i < G_N_ELEMENTS (bad_others); i++)
    {
      g_autofree char *test_path = g_strconcat ("/core/usage-store/merge/refused/",
                                                bad_others[i].name, NULL);

      g_test_add_data_func (test_path, &bad_others[i], test_merge_bad_other_refused);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad_others); i++)
    {
      g_autofree char *test_path = g_strconcat ("/core/usage-store/read-only/refused/",
                                                bad_others[i].name, NULL);

      if (!bad_others[i].refused_at_open)
        continue;
      g_test_add_data_func (test_path, &bad_others[i], test_read_only_bad_refused);
    }

  return g_test_run ();
}
