/* kiosk-usage-store.c — anonymous usage counts in SQLite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-usage-store"

#include "config.h"

#include "kiosk-usage-store.h"

#include "kiosk-text.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

/* Site, station, metric and key names are short words; the limit keeps a
 * runaway caller from filling the disk with one row.
 */
#define MAX_TEXT_BYTES 200

/* No value or row of a kiosk's comes near this; SQLite refuses to read a
 * longer one from a file rather than allocate room for it.
 */
#define MAX_VALUE_BYTES (64 * 1024)

/* A file read for a report or a merge may come from anywhere, so the
 * statements over it are given as many of SQLite's virtual machine steps
 * as a file of its size can need. Each of our queries takes under three
 * steps per byte of a station's file or a merged one, the merge included;
 * WORK_PER_BYTE leaves twenty times that, and WORK_FLOOR lets a small
 * file do without counting. SQLite calls progress_cb() every WORK_STEP
 * steps.
 */
#define WORK_PER_BYTE 64
#define WORK_FLOOR (G_GUINT64_CONSTANT (16) * 1024 * 1024)
#define WORK_STEP 1000

/* More counts than a hundred stations record in twenty years: a file
 * that holds more was not written by kiosks, and merging it would fill
 * the disk of the file that gathers them.
 */
#define MAX_MERGE_ROWS G_GINT64_CONSTANT (100000000)

/* In kibibytes, as PRAGMA cache_size takes negative numbers. */
#define DEFAULT_CACHE_SIZE "-2000"
#define MERGE_CACHE_SIZE "-65536"

/* Long enough for the admin's export to finish while the kiosk keeps
 * counting, short enough that a stuck program is reported.
 */
#define BUSY_TIMEOUT_MS 5000

/* strftime's %w counts from 0 on Sunday; reports start on Monday. The
 * index and the report must spell it the same for SQLite to match them.
 */
#define WEEKDAY_SQL "((CAST(strftime('%w', day) AS INTEGER) + 6) % 7 + 1)"

/* Each version's steps take the schema from the previous version to it;
 * they run in one transaction, and user_version records where a file is.
 * Version 2 appends its own array here, and never edits an older one; it
 * may find the report indexes below in a file, or not.
 */
static const char * const schema_version_1[] = {
  "CREATE TABLE counts ("
  "  day TEXT NOT NULL,"
  "  hour INTEGER NOT NULL CHECK (hour BETWEEN 0 AND 23),"
  "  site TEXT NOT NULL,"
  "  station TEXT NOT NULL,"
  "  metric TEXT NOT NULL,"
  "  key TEXT NOT NULL,"
  "  count INTEGER NOT NULL CHECK (count >= 0),"
  "  PRIMARY KEY (day, hour, site, station, metric, key)"
  ") STRICT, WITHOUT ROWID",
  NULL
};

/* A year of 12 stations is about half a million rows, and SQLite sorts
 * them at about a microsecond each, so a report that sorts the rows it
 * sums cannot stay within 100 ms. Each report therefore reads an index
 * that is already in its order, and only the counts of the year: one
 * stretch of days inside each metric, station or hour of the week
 * (SQLite's skip-scan). The counts are in each index, so the table is
 * not read.
 *
 * The indexes make the file four times larger and recording twenty
 * times slower, so a station's own file, which is small enough to report
 * on without them, does without; merge_from() adds them to the file that
 * gathers the stations.
 *
 * Skip-scan needs statistics saying that the first columns hold few
 * distinct values; those below describe any real file well enough.
 */
static const char * const report_indexes[] = {
  "CREATE INDEX IF NOT EXISTS counts_by_metric ON counts (metric, key, day, count)",
  "CREATE INDEX IF NOT EXISTS counts_by_station ON counts (site, station, metric, day, count)",
  "CREATE INDEX IF NOT EXISTS counts_by_weekday"
  " ON counts (" WEEKDAY_SQL ", hour, metric, day, count)",
  /* Creates sqlite_stat1 without reading any table. */
  "ANALYZE sqlite_schema",
  "DELETE FROM sqlite_stat1 WHERE tbl = 'counts'",
  "INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES"
  "  ('counts', 'counts', '1000000 400 40 10 4 2 1'),"
  "  ('counts', 'counts_by_metric', '1000000 50000 10000 10 1 1 1 1'),"
  "  ('counts', 'counts_by_station', '1000000 100000 50000 5000 10 1 1 1'),"
  "  ('counts', 'counts_by_weekday', '1000000 150000 12000 1200 10 1 1 1 1')",
  /* Makes this connection's planner read the statistics just written. */
  "ANALYZE sqlite_schema",
  NULL
};

/* What a usage counts file holds besides its table: a merged file's
 * report indexes and the statistics ANALYZE keeps for them (sqlite_stat4
 * when SQLite is built with it).
 */
static const char * const report_index_names[] = {
  "counts_by_metric", "counts_by_station", "counts_by_weekday",
};
static const char * const statistics_tables[] = { "sqlite_stat1", "sqlite_stat4" };

/* The columns of the counts table as PRAGMA table_xinfo tells them, with
 * their place in the primary key (0: not in it).
 */
static const struct
{
  const char *name;
  const char *type;
  int         pk;
} counts_columns[] = {
  { "day", "TEXT", 1 },
  { "hour", "INTEGER", 2 },
  { "site", "TEXT", 3 },
  { "station", "TEXT", 4 },
  { "metric", "TEXT", 5 },
  { "key", "TEXT", 6 },
  { "count", "INTEGER", 0 },
};

static const char * const * const migrations[] = {
  schema_version_1,
};

#define SCHEMA_VERSION ((int) G_N_ELEMENTS (migrations))

/* What SQLite keeps beside a database, and must follow it when it is
 * moved aside: the write-ahead log still holds the latest counts.
 */
static const char * const companion_suffixes[] = { "-wal", "-shm", "-journal" };

#define UPSERT_SQL \
  "INSERT INTO counts (day, hour, site, station, metric, key, count)" \
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)" \
  " ON CONFLICT (day, hour, site, station, metric, key)" \
  " DO UPDATE SET count = count + excluded.count"

#define SELECT_COLUMNS "day, hour, site, station, metric, key, count"

/* "WHERE true" keeps SQLite from reading ON CONFLICT as a join
 * constraint. Only a larger count replaces a row: see merge_from().
 */
#define MERGE_SQL \
  "INSERT INTO main.counts (" SELECT_COLUMNS ")" \
  " SELECT " SELECT_COLUMNS " FROM other.counts WHERE true" \
  " ON CONFLICT (day, hour, site, station, metric, key)" \
  " DO UPDATE SET count = excluded.count WHERE excluded.count > count"

struct _KioskUsageStore
{
  GObject       parent_instance;

  char         *path;
  char         *recovered_from;
  gboolean      read_only;
  sqlite3      *db;
  sqlite3_stmt *upsert;

  /* How many times progress_cb() may be called in the statement under
   * way over a file from elsewhere (0: as often as it likes), and how
   * many times it was.
   */
  guint64       work_budget;
  guint64       work_done;
};

G_DEFINE_FINAL_TYPE (KioskUsageStore, kiosk_usage_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (kiosk-usage-error-quark, kiosk_usage_error)

static void
close_database (KioskUsageStore *self)
{
  g_clear_pointer (&self->upsert, sqlite3_finalize);
  g_clear_pointer (&self->db, sqlite3_close_v2);
}

static void
kiosk_usage_store_finalize (GObject *object)
{
  KioskUsageStore *self = KIOSK_USAGE_STORE (object);

  close_database (self);
  g_free (self->path);
  g_free (self->recovered_from);

  G_OBJECT_CLASS (kiosk_usage_store_parent_class)->finalize (object);
}

static void
kiosk_usage_store_class_init (KioskUsageStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kiosk_usage_store_finalize;
}

static void
kiosk_usage_store_init (KioskUsageStore *self)
{
}

/* SQLite reports a full disk as SQLITE_FULL, and a failing write for any
 * other reason (a quota included) as SQLITE_IOERR without the system's
 * error, so only the former can tell the admin to free some space.
 */
static KioskUsageError
error_code_for (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
    case SQLITE_TOOBIG:
      return KIOSK_USAGE_ERROR_CORRUPT;
    case SQLITE_FULL:
      return KIOSK_USAGE_ERROR_FULL;
    default:
      return KIOSK_USAGE_ERROR_IO;
    }
}

/* Call before anything else runs on @db, which would replace the message. */
static void
set_sqlite_error (GError     **error,
                  sqlite3     *db,
                  int          rc,
                  const char  *path)
{
  KioskUsageError code = error_code_for (rc);
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  switch (code)
    {
    case KIOSK_USAGE_ERROR_FULL:
      g_set_error (error, KIOSK_USAGE_ERROR, code,
                   "The disk holding the usage counts %s is full (%s); nothing was lost, "
                   "and counting resumes once some space is freed", path, detail);
      break;
    case KIOSK_USAGE_ERROR_CORRUPT:
      g_set_error (error, KIOSK_USAGE_ERROR, code,
                   "The usage counts %s are damaged (%s)", path, detail);
      break;
    default:
      g_set_error (error, KIOSK_USAGE_ERROR, code,
                   "Could not use the usage counts %s: %s", path, detail);
      break;
    }
}

static void
set_not_usage_counts_error (GError     **error,
                            const char  *path)
{
  g_set_error (error, KIOSK_USAGE_ERROR, KIOSK_USAGE_ERROR_CORRUPT,
               "%s is not a usage counts file, or its tables are damaged", path);
}

/* @detail comes from the file: it is escaped, as it ends up on the
 * admin's terminal and in the journal.
 */
static void G_GNUC_PRINTF (3, 4)
set_not_kiosk_counts_error (GError     **error,
                            const char  *path,
                            const char  *format,
                            ...)
{
  g_autofree char *escaped = NULL;
  va_list args;

  va_start (args, format);
  escaped = kiosk_text_vprintf_escaped (format, args);
  va_end (args);

  g_set_error (error, KIOSK_USAGE_ERROR, KIOSK_USAGE_ERROR_CORRUPT,
               "%s is not a kiosk’s usage counts: %s. Nothing of it was counted; "
               "take a new copy of the station’s usage.db", path, escaped);
}

static void
set_too_new_error (GError     **error,
                   const char  *path,
                   int          version)
{
  g_set_error (error, KIOSK_USAGE_ERROR, KIOSK_USAGE_ERROR_TOO_NEW,
               "The usage counts %s were written by a newer version of the kiosk "
               "(format %d, this one knows up to %d); update the kiosk to read them",
               path, version, SCHEMA_VERSION);
}

static int
exec (sqlite3    *db,
      const char *sql)
{
  return sqlite3_exec (db, sql, NULL, NULL, NULL);
}

/* Rolls back what the failed statement left, if SQLite has not done so
 * itself: it does on a full disk, and a second ROLLBACK would fail.
 */
static void
rollback (sqlite3 *db)
{
  if (!sqlite3_get_autocommit (db))
    exec (db, "ROLLBACK");
}

/* Runs a statement that returns one integer, like PRAGMA page_count. */
static int
query_int64 (sqlite3    *db,
             const char *sql,
             gint64     *value)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    return rc;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *value = sqlite3_column_int64 (stmt, 0);
      rc = SQLITE_OK;
    }
  else if (rc == SQLITE_DONE)
    {
      rc = SQLITE_ERROR;
    }
  sqlite3_finalize (stmt);

  return rc;
}

/* The same for a small integer, like PRAGMA user_version. */
static int
query_int (sqlite3    *db,
           const char *sql,
           int        *value)
{
  gint64 value64 = 0;
  int rc = query_int64 (db, sql, &value64);

  if (rc == SQLITE_OK)
    *value = (int) CLAMP (value64, G_MININT, G_MAXINT);
  return rc;
}

/* Reads every page of @schema's tables without checking that indexes
 * match them, which is what integrity_check adds at many times the cost.
 */
static gboolean
check_pages (sqlite3     *db,
             const char  *schema,
             const char  *path,
             GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA %s.quick_check(1)", schema);
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  gboolean ok = FALSE;

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    {
      ok = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
      if (!ok)
        g_set_error (error, KIOSK_USAGE_ERROR, KIOSK_USAGE_ERROR_CORRUPT,
                     "The usage counts %s are damaged (some pages do not read back)", path);
    }
  else
    {
      set_sqlite_error (error, db, rc, path);
    }
  sqlite3_finalize (stmt);

  return ok;
}

/* Brings the file up to SCHEMA_VERSION; an empty file is version 0. */
static gboolean
migrate (KioskUsageStore  *self,
         GError          **error)
{
  g_autofree char *set_version = NULL;
  int version = 0;
  int rc;

  /* IMMEDIATE, and the version read again inside, so that two programs
   * opening a new file at once do not both create the table.
   */
  rc = exec (self->db, "BEGIN IMMEDIATE");
  if (rc == SQLITE_OK)
    rc = query_int (self->db, "PRAGMA user_version", &version);
  if (rc != SQLITE_OK)
    goto failed;

  if (version > SCHEMA_VERSION)
    {
      rollback (self->db);
      set_too_new_error (error, self->path, version);
      return FALSE;
    }

  if (version == SCHEMA_VERSION)
    {
      rollback (self->db);
      return TRUE;
    }

  for (int v = version; v < SCHEMA_VERSION; v++)
    {
      for (guint i = 0; migrations[v][i] != NULL; i++)
        {
          rc = exec (self->db, migrations[v][i]);
          if (rc != SQLITE_OK)
            goto failed;
        }
    }

  set_version = g_strdup_printf ("PRAGMA user_version = %d", SCHEMA_VERSION);
  rc = exec (self->db, set_version);
  if (rc == SQLITE_OK)
    rc = exec (self->db, "COMMIT");
  if (rc != SQLITE_OK)
    goto failed;

  if (version > 0)
    g_message ("Upgraded the usage counts %s from format %d to %d",
               self->path, version, SCHEMA_VERSION);
  return TRUE;

failed:
  /* A step that does not apply means the tables are not what the version
   * says they are: as damaged as a garbled page.
   */
  if ((rc & 0xff) == SQLITE_ERROR)
    set_not_usage_counts_error (error, self->path);
  else
    set_sqlite_error (error, self->db, rc, self->path);
  rollback (self->db);
  return FALSE;
}

/* Prepares @sql, telling a missing table or column (the file is not ours)
 * apart from failing to read the file.
 */
static gboolean
prepare (sqlite3       *db,
         const char    *sql,
         unsigned int   flags,
         sqlite3_stmt **stmt,
         const char    *path,
         GError       **error)
{
  int rc = sqlite3_prepare_v3 (db, sql, -1, flags, stmt, NULL);

  if (rc == SQLITE_OK)
    return TRUE;

  if ((rc & 0xff) == SQLITE_ERROR)
    set_not_usage_counts_error (error, path);
  else
    set_sqlite_error (error, db, rc, path);
  return FALSE;
}

/* URI file names are the only way to attach a file read-only, so every
 * name is given as one, escaped, and a name that merely starts with
 * "file:" cannot be taken for something else.
 */
static char *
make_uri (const char *path,
          const char *query)
{
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autofree char *uri = g_filename_to_uri (absolute, NULL, NULL);

  if (uri == NULL)
    return NULL;
  return query != NULL ? g_strconcat (uri, "?", query, NULL) : g_steal_pointer (&uri);
}

static int
progress_cb (void *user_data)
{
  KioskUsageStore *self = user_data;

  self->work_done++;
  return self->work_budget > 0 && self->work_done > self->work_budget;
}

/* Gives the statements that follow, until unbound_work(), as much work as
 * the database @schema can need for its size (see WORK_PER_BYTE).
 * page_count includes what the write-ahead log adds.
 */
static void
bound_work (KioskUsageStore *self,
            const char      *schema)
{
  g_autofree char *count_sql = g_strdup_printf ("PRAGMA %s.page_count", schema);
  g_autofree char *size_sql = g_strdup_printf ("PRAGMA %s.page_size", schema);
  gint64 page_count = 0;
  gint64 page_size = 0;
  guint64 steps;

  self->work_budget = 0;
  sqlite3_progress_handler (self->db, WORK_STEP, progress_cb, self);

  /* Should these fail, the statement that follows fails the same way,
   * and says why better.
   */
  query_int64 (self->db, count_sql, &page_count);
  query_int64 (self->db, size_sql, &page_size);
  steps = MAX (WORK_FLOOR, (guint64) MAX (page_count, 0) * (guint64) MAX (page_size, 0) *
                           WORK_PER_BYTE);

  self->work_done = 0;
  self->work_budget = steps / WORK_STEP;
}

static void
unbound_work (KioskUsageStore *self)
{
  sqlite3_progress_handler (self->db, 0, NULL, NULL);
  self->work_budget = 0;
  self->work_done = 0;
}

/* set_sqlite_error(), telling a statement stopped by progress_cb() apart. */
static void
set_step_error (KioskUsageStore  *self,
                GError          **error,
                int               rc,
                const char       *path)
{
  if ((rc & 0xff) == SQLITE_INTERRUPT && self->work_budget > 0 &&
      self->work_done > self->work_budget)
    set_not_kiosk_counts_error (error, path, "reading it takes far more work than a file of "
                                "its size can need, and was stopped");
  else
    set_sqlite_error (error, self->db, rc, path);
}

static gboolean
is_one_of (const char         *name,
           const char * const *names,
           gsize               n_names)
{
  for (gsize i = 0; i < n_names; i++)
    {
      if (g_strcmp0 (name, names[i]) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_known_object (const char *type,
                 const char *name,
                 const char *table)
{
  if (g_strcmp0 (type, "table") == 0)
    return g_strcmp0 (name, "counts") == 0 ||
           is_one_of (name, statistics_tables, G_N_ELEMENTS (statistics_tables));

  return g_strcmp0 (type, "index") == 0 && g_strcmp0 (table, "counts") == 0 &&
         is_one_of (name, report_index_names, G_N_ELEMENTS (report_index_names));
}

/* Steps @stmt to its first row, telling a failure from no row at all. */
static gboolean
step_first (KioskUsageStore  *self,
            sqlite3_stmt     *stmt,
            const char       *path,
            gboolean         *has_row,
            GError          **error)
{
  int rc = sqlite3_step (stmt);

  *has_row = rc == SQLITE_ROW;
  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    return TRUE;

  set_step_error (self, error, rc, path);
  return FALSE;
}

/* A file from elsewhere is read only once it is known to hold nothing but
 * the table of counts a kiosk makes, and what merging adds. A view or a
 * trigger could run for ever (a recursive view fills a temporary file at
 * a hundred megabytes a second), and a table of other columns would not
 * mean what a report says it does. Views and triggers are named first,
 * being the likelier reason for a file to hold what no kiosk makes.
 */
static gboolean
check_schema (KioskUsageStore  *self,
              const char       *schema,
              const char       *path,
              GError          **error)
{
  g_autofree char *objects_sql = g_strdup_printf ("SELECT type, name, tbl_name"
                                                  " FROM %s.sqlite_schema"
                                                  " ORDER BY type = 'table', name", schema);
  g_autofree char *table_sql = g_strdup_printf ("PRAGMA %s.table_list (counts)", schema);
  g_autofree char *columns_sql = g_strdup_printf ("PRAGMA %s.table_xinfo (counts)", schema);
  sqlite3_stmt *stmt = NULL;
  gboolean has_counts = FALSE;
  gboolean has_row = FALSE;
  gboolean laid_out = FALSE;
  guint n_columns = 0;
  int rc;

  if (!prepare (self->db, objects_sql, 0, &stmt, path, error))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *type = (const char *) sqlite3_column_text (stmt, 0);
      const char *name = (const char *) sqlite3_column_text (stmt, 1);
      const char *table = (const char *) sqlite3_column_text (stmt, 2);

      if (!is_known_object (type, name, table))
        {
          set_not_kiosk_counts_error (error, path, "it holds a %s “%s”, which no kiosk makes",
                                      type != NULL ? type : "", name != NULL ? name : "");
          sqlite3_finalize (stmt);
          return FALSE;
        }
      has_counts |= g_strcmp0 (name, "counts") == 0;
    }
  if (rc != SQLITE_DONE)
    set_step_error (self, error, rc, path);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return FALSE;

  if (!has_counts)
    {
      set_not_kiosk_counts_error (error, path, "it has no table “counts”");
      return FALSE;
    }

  /* A kiosk's table is STRICT, so that each value has its column's type,
   * and WITHOUT ROWID, keyed by its primary key alone.
   */
  if (!prepare (self->db, table_sql, 0, &stmt, path, error))
    return FALSE;
  if (step_first (self, stmt, path, &has_row, error))
    laid_out = has_row && sqlite3_column_int (stmt, 3) == G_N_ELEMENTS (counts_columns) &&
               sqlite3_column_int (stmt, 4) == 1 && sqlite3_column_int (stmt, 5) == 1;
  sqlite3_finalize (stmt);
  if (!laid_out)
    {
      if (error == NULL || *error == NULL)
        set_not_kiosk_counts_error (error, path, "its table “counts” is not laid out as a "
                                    "kiosk makes it (%u columns, STRICT, WITHOUT ROWID)",
                                    (guint) G_N_ELEMENTS (counts_columns));
      return FALSE;
    }

  /* table_xinfo, unlike table_info, also lists generated columns. */
  if (!prepare (self->db, columns_sql, 0, &stmt, path, error))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW && n_columns < G_N_ELEMENTS (counts_columns))
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 1);
      const char *type = (const char *) sqlite3_column_text (stmt, 2);

      if (g_strcmp0 (name, counts_columns[n_columns].name) != 0 ||
          g_strcmp0 (type, counts_columns[n_columns].type) != 0 ||
          sqlite3_column_int (stmt, 3) != 1 ||
          sqlite3_column_int (stmt, 5) != counts_columns[n_columns].pk ||
          sqlite3_column_int (stmt, 6) != 0)
        {
          set_not_kiosk_counts_error (error, path, "column %u of its table “counts” is "
                                      "“%s %s”, where a kiosk writes “%s %s NOT NULL”",
                                      n_columns + 1, name != NULL ? name : "",
                                      type != NULL ? type : "", counts_columns[n_columns].name,
                                      counts_columns[n_columns].type);
          sqlite3_finalize (stmt);
          return FALSE;
        }
      n_columns++;
    }
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    set_step_error (self, error, rc, path);
  else if (rc == SQLITE_ROW || n_columns != G_N_ELEMENTS (counts_columns))
    set_not_kiosk_counts_error (error, path, "its table “counts” does not have the %u columns "
                                "a kiosk writes", (guint) G_N_ELEMENTS (counts_columns));
  sqlite3_finalize (stmt);

  return rc == SQLITE_DONE && n_columns == G_N_ELEMENTS (counts_columns);
}

static gboolean
open_database (KioskUsageStore  *self,
               GError          **error)
{
  g_autofree char *uri = make_uri (self->path, self->read_only ? "mode=ro" : "mode=rw");
  int flags = SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX;
  int version = 0;
  int rc;

  g_assert (self->db == NULL);

  if (uri == NULL)
    {
      g_set_error (error, KIOSK_USAGE_ERROR, KIOSK_USAGE_ERROR_IO,
                   "Could not open the usage counts %s: the name cannot be used", self->path);
      return FALSE;
    }

  flags |= self->read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  rc = sqlite3_open_v2 (uri, &self->db, flags, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, self->db, rc, self->path);
      return FALSE;
    }

  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
  /* Until the file is known to be ours and sound, closing it must not
   * write it back or delete its log: a damaged file is moved aside as it
   * is, and a newer version's file is left alone.
   */
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
  /* Any file may come from elsewhere: a copy a station's USB stick
   * brought, or one merged from it. No kiosk's file has a view or a
   * trigger, so SQLite is told to run none, nor any function a schema
   * names that could do more than compute; defensive mode keeps SQL from
   * writing the file's structures directly. These hold for the files
   * attached to merge as well.
   */
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL);
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
  sqlite3_limit (self->db, SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES);
  sqlite3_limit (self->db, SQLITE_LIMIT_ATTACHED, 1);

  /* A reader changes nothing, not even by mistake, and keeps what it
   * sorts in memory rather than in temporary files; how much it sorts is
   * bounded with the rest of its work.
   */
  if (self->read_only)
    {
      rc = exec (self->db, "PRAGMA query_only = ON");
      if (rc == SQLITE_OK)
        rc = exec (self->db, "PRAGMA temp_store = MEMORY");
      if (rc != SQLITE_OK)
        {
          set_sqlite_error (error, self->db, rc, self->path);
          return FALSE;
        }
      bound_work (self, "main");
    }

  rc = query_int (self->db, "PRAGMA user_version", &version);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, self->db, rc, self->path);
      return FALSE;
    }

  if (version > SCHEMA_VERSION)
    {
      set_too_new_error (error, self->path, version);
      return FALSE;
    }

  /* A report starts at once rather than after reading a file of half a
   * gigabyte, and SQLite still reports a damaged page when it gets to it.
   */
  if (self->read_only)
    {
      sqlite3_stmt *probe = NULL;

      /* A reader cannot upgrade a file; the kiosk does when it next
       * opens it.
       */
      if (version != SCHEMA_VERSION)
        {
          set_not_usage_counts_error (error, self->path);
          return FALSE;
        }
      if (!check_schema (self, "main", self->path, error))
        return FALSE;
      if (!prepare (self->db, "SELECT " SELECT_COLUMNS " FROM counts", 0, &probe,
                    self->path, error))
        return FALSE;
      sqlite3_finalize (probe);
      return TRUE;
    }

  if (!check_pages (self->db, "main", self->path, error))
    return FALSE;

  if (version == SCHEMA_VERSION && !check_schema (self, "main", self->path, error))
    return FALSE;

  /* Whether the tables are ours is known before anything is written,
   * since even switching to WAL changes the file's header. The statement
   * checks the table: its conflict target must be the primary key. A
   * file in an older format is checked once it is upgraded.
   */
  if (version == 0)
    {
      int n_objects = 0;

      rc = query_int (self->db, "SELECT count(*) FROM sqlite_schema", &n_objects);
      if (rc != SQLITE_OK)
        {
          set_sqlite_error (error, self->db, rc, self->path);
          return FALSE;
        }
      if (n_objects > 0)
        {
          set_not_usage_counts_error (error, self->path);
          return FALSE;
        }
    }
  else if (version == SCHEMA_VERSION &&
           !prepare (self->db, UPSERT_SQL, SQLITE_PREPARE_PERSISTENT, &self->upsert,
                     self->path, error))
    {
      return FALSE;
    }

  /* WAL lets reports read while the kiosk writes; NORMAL only syncs at
   * checkpoints, which still never corrupts the file, and may at worst
   * lose the last counts on a power cut.
   */
  rc = exec (self->db, "PRAGMA journal_mode = WAL");
  if (rc == SQLITE_OK)
    rc = exec (self->db, "PRAGMA synchronous = NORMAL");
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, self->db, rc, self->path);
      return FALSE;
    }

  if (!migrate (self, error))
    return FALSE;

  if (self->upsert == NULL &&
      !prepare (self->db, UPSERT_SQL, SQLITE_PREPARE_PERSISTENT, &self->upsert,
                self->path, error))
    return FALSE;

  sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, NULL);
  return TRUE;
}

/* SQLite creates files as 0644; the counts are nobody else's business. */
static gboolean
create_file (const char  *path,
             GError     **error)
{
  int fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, KIOSK_USAGE_ERROR, KIOSK_USAGE_ERROR_IO,
                   "Could not open the usage counts %s: %s", path, g_strerror (saved_errno));
      return FALSE;
    }
  g_close (fd, NULL);
  return TRUE;
}

static gboolean
path_exists (const char *path)
{
  GStatBuf buf;

  return g_lstat (path, &buf) == 0;
}

/* SQLite deletes a log or journal it finds beside an empty database,
 * taking it for what is left of a deleted one. Counts are never deleted,
 * so such a pair is treated like a damaged file.
 */
static gboolean
has_orphan_companion (const char *path)
{
  GStatBuf buf;

  if (g_stat (path, &buf) != 0 || buf.st_size != 0)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (companion_suffixes); i++)
    {
      g_autofree char *companion = g_strconcat (path, companion_suffixes[i], NULL);

      if (g_stat (companion, &buf) == 0 && buf.st_size > 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
aside_name_is_free (const char *aside)
{
  if (path_exists (aside))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (companion_suffixes); i++)
    {
      g_autofree char *companion = g_strconcat (aside, companion_suffixes[i], NULL);

      if (path_exists (companion))
        return FALSE;
    }
  return TRUE;
}

/* Renames the file and its companions to "<path>.corrupt-YYYYMMDD-HHMMSS",
 * so that staff can hand them to someone who can read what is left. The
 * companions go first, so that a move cut short leaves the damaged file
 * where the next start finds it again.
 */
static char *
move_aside (const char  *path,
            GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *aside = g_strdup_printf ("%s.corrupt-%s", path, stamp);

  /* The station has one writer, so nobody takes the name between the
   * check and the renaming.
   */
  for (guint n = 2; !aside_name_is_free (aside); n++)
    {
      g_free (aside);
      aside = g_strdup_printf ("%s.corrupt-%s-%u", path, stamp, n);
    }

  for (guint i = 0; i <= G_N_ELEMENTS (companion_suffixes); i++)
    {
      const char *suffix = i < G_N_ELEMENTS (companion_suffixes) ? companion_suffixes[i] : "";
      g_autofree char *from = g_strconcat (path, suffix, NULL);
      g_autofree char *to = g_strconcat (aside, suffix, NULL);

      if (!path_exists (from))
        continue;

      if (g_rename (from, to) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, KIOSK_USAGE_ERROR, KIOSK_USAGE_ERROR_IO,
                       "The usage counts %s are damaged, and could not be moved aside to %s: %s",
                       path, to, g_strerror (saved_errno));
          return NULL;
        }
    }

  return g_steal_pointer (&aside);
}

static KioskUsageStore *
store_new (const char *path,
           gboolean    read_only)
{
  KioskUsageStore *self = g_object_new (KIOSK_TYPE_USAGE_STORE, NULL);

  self->path = g_strdup (path);
  self->read_only = read_only;
  return self;
}

/**
 * kiosk_usage_store_open:
 * @path: the station's usage database, usually `<state-dir>/usage.db`
 * @error: return location for a #KioskUsageError
 *
 * Opens the station's counts for writing, creating the file (readable by
 * its owner only) when there is none. A file that SQLite cannot read, or
 * that does not hold usage counts, is renamed to
 * `<path>.corrupt-YYYYMMDD-HHMMSS` together with its log, never deleted,
 * and a new file is started; kiosk_usage_store_get_recovered_from() then
 * tells where the old one went.
 *
 * The whole file is read once to find damage, so open it away from the
 * user interface's thread. A store is used from one thread at a time.
 *
 * Returns: (transfer full): the store, or %NULL with
 *   %KIOSK_USAGE_ERROR_TOO_NEW (the file is left as it is),
 *   %KIOSK_USAGE_ERROR_IO (the file or its folder cannot be used) or
 *   %KIOSK_USAGE_ERROR_FULL
 */
KioskUsageStore *
kiosk_usage_store_open (const char  *path,
                        GError     **error)
{
  g_autoptr(KioskUsageStore) self = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *aside = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = store_new (path, FALSE);
  if (!create_file (path, error))
    return NULL;

  if (has_orphan_companion (path))
    set_not_usage_counts_error (&local_error, path);
  else if (open_database (self, &local_error))
    return g_steal_pointer (&self);

  if (!g_error_matches (local_error, KIOSK_USAGE_ERROR, KIOSK_USAGE_ERROR_CORRUPT))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  close_database (self);
  aside = move_aside (path, error);
  if (aside == NULL)
    return NULL;

  g_warning ("%s; it was moved aside to %s and new counts start from zero. "
             "Keep the old file for whoever maintains the kiosks.",
             local_error->message, aside);

  if (!create_file (path, error) || !open_database (self, error))
    return NULL;

  self->recovered_from = g_steal_pointer (&aside);
  return g_steal_pointer (&self);
}

/**
 * kiosk_usage_store_open_read_only:
 * @path: a usage database, a station's or one made by merging
 * @error: return location for a #KioskUsageError
 *
 * Opens counts for reports and exports. Nothing is created, upgraded or
 * moved, even when the file is damaged; the kiosk may keep writing the
 * same file meanwhile. Opening does not read every page: damage found
 * later makes kiosk_usage_store_foreach() or kiosk_usage_store_total()
 * fail with %KIOSK_USAGE_ERROR_CORRUPT.
 *
 * The file may come from anywhere: it is refused unless it holds the
 * table of counts a kiosk makes and nothing else but the report indexes
 * (no view, no trigger), and each statement over it may only do as much
 * work as a file of its size can need.
 *
 * Returns: (transfer full): the store, or %NULL with
 *   %KIOSK_USAGE_ERROR_IO (missing or unreadable),
 *   %KIOSK_USAGE_ERROR_CORRUPT (damaged, or not usage counts) or
 *   %KIOSK_USAGE_ERROR_TOO_NEW
 */
KioskUsageStore *
kiosk_usage_store_open_read_only (const char  *path,
                                  GError     **error)
{
  g_autoptr(KioskUsageStore) self = NULL;
  GStatBuf buf;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* SQLite's own message for a missing file does not say which. */
  if (g_stat (path, &buf) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, KIOSK_USAGE_ERROR, KIOSK_USAGE_ERROR_IO,
                   "Could not open the usage counts %s: %s", path, g_strerror (saved_errno));
      return NULL;
    }

  self = store_new (path, TRUE);
  if (!open_database (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * kiosk_usage_store_get_path:
 * @self: a #KioskUsageStore
 *
 * Returns: the file the counts are kept in
 */
const char *
kiosk_usage_store_get_path (KioskUsageStore *self)
{
  g_return_val_if_fail (KIOSK_IS_USAGE_STORE (self), NULL);

  return self->path;
}

/**
 * kiosk_usage_store_get_recovered_from:
 * @self: a #KioskUsageStore
 *
 * Tells whether opening found a damaged file and started a new one.
 *
 * Returns: (nullable): where the damaged file was moved, or %NULL
 */
const char *
kiosk_usage_store_get_recovered_from (KioskUsageStore *self)
{
  g_return_val_if_fail (KIOSK_IS_USAGE_STORE (self), NULL);

  return self->recovered_from;
}

static gboolean
text_is_valid (const char *text)
{
  return text != NULL &&
         strnlen (text, MAX_TEXT_BYTES + 1) <= MAX_TEXT_BYTES &&
         g_utf8_validate (text, -1, NULL);
}

/* The message names the row and the field, never a key's value: a key
 * could be a domain a resident visited.
 */
static gboolean
check_row (const KioskUsageRow  *row,
           guint                 index,
           GError              **error)
{
  const char *problem = NULL;

  if (!kiosk_usage_day_is_valid (row->day))
    problem = "the day is not a date written YYYY-MM-DD";
  else if (row->hour > 23)
    problem = "the hour is not between 0 and 23";
  else if (!text_is_valid (row->site))
    problem = "the site is missing, too long or not UTF-8";
  else if (!text_is_valid (row->station))
    problem = "the station is missing, too long or not UTF-8";
  else if (!text_is_valid (row->metric))
    problem = "the metric is missing, too long or not UTF-8";
  else if (row->key != NULL && !text_is_valid (row->key))
    problem = "the key is too long or not UTF-8";
  else if (row->count < 0)
    problem = "the count is negative";

  if (problem == NULL)
    return TRUE;

  g_set_error (error, KIOSK_USAGE_ERROR, KIOSK_USAGE_ERROR_INVALID,
               "Usage count %u was not recorded, nor any other of its batch: %s",
               index + 1, problem);
  return FALSE;
}

/**
 * kiosk_usage_store_add:
 * @self: a #KioskUsageStore opened for writing
 * @rows: (array length=n_rows): the counts to add
 * @n_rows: the number of @rows
 * @error: return location for a #KioskUsageError
 *
 * Adds each row's count to the stored count of the same day, hour, site,
 * station, metric and key; a %NULL key is stored as "". The batch is
 * saved entirely or not at all, so batching many counts is both faster
 * and safer than adding them one by one.
 *
 * Returns: %TRUE on success; %FALSE with %KIOSK_USAGE_ERROR_INVALID when
 *   a row is not valid, %KIOSK_USAGE_ERROR_FULL when the disk is full, or
 *   another #KioskUsageError, and then nothing of the batch was stored
 */
gboolean
kiosk_usage_store_add (KioskUsageStore      *self,
                       const KioskUsageRow  *rows,
                       guint                 n_rows,
                       GError              **error)
{
  int rc;

  g_return_val_if_fail (KIOSK_IS_USAGE_STORE (self), FALSE);
  g_return_val_if_fail (!self->read_only, FALSE);
  g_return_val_if_fail (rows != NULL || n_rows == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; i < n_rows; i++)
    {
      if (!check_row (&rows[i], i, error))
        return FALSE;
    }

  if (n_rows == 0)
    return TRUE;

  rc = exec (self->db, "BEGIN IMMEDIATE");
  for (guint i = 0; rc == SQLITE_OK && i < n_rows; i++)
    {
      const KioskUsageRow *row = &rows[i];

      sqlite3_bind_text (self->upsert, 1, row->day, -1, SQLITE_STATIC);
      sqlite3_bind_int (self->upsert, 2, row->hour);
      sqlite3_bind_text (self->upsert, 3, row->site, -1, SQLITE_STATIC);
      sqlite3_bind_text (self->upsert, 4, row->station, -1, SQLITE_STATIC);
      sqlite3_bind_text (self->upsert, 5, row->metric, -1, SQLITE_STATIC);
      sqlite3_bind_text (self->upsert, 6, row->key != NULL ? row->key : "", -1, SQLITE_STATIC);
      sqlite3_bind_int64 (self->upsert, 7, row->count);

      rc = sqlite3_step (self->upsert);
      if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
      sqlite3_reset (self->upsert);
    }

  if (rc == SQLITE_OK)
    rc = exec (self->db, "COMMIT");

  /* The statement must not keep pointers to the caller's strings. */
  sqlite3_clear_bindings (self->upsert);

  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, self->db, rc, self->path);
      rollback (self->db);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_filter (const KioskUsageFilter  *filter,
              GError                 **error)
{
  if (filter == NULL)
    return TRUE;

  if ((filter->from_day != NULL && !kiosk_usage_day_is_valid (filter->from_day)) ||
      (filter->to_day != NULL && !kiosk_usage_day_is_valid (filter->to_day)))
    {
      g_set_error (error, KIOSK_USAGE_ERROR, KIOSK_USAGE_ERROR_INVALID,
                   "Days are written YYYY-MM-DD, like 2026-11-23");
      return FALSE;
    }
  return TRUE;
}

/* Only the conditions that are given become SQL, so that SQLite can use
 * the primary key, which starts with the day, for a range of days.
 */
static char *
filter_to_where (const KioskUsageFilter *filter)
{
  GString *where = g_string_new (NULL);
  const char *joiner = " WHERE ";

  if (filter == NULL)
    return g_string_free (where, FALSE);

  if (filter->from_day != NULL)
    {
      g_string_append_printf (where, "%sday >= ?1", joiner);
      joiner = " AND ";
    }
  if (filter->to_day != NULL)
    {
      g_string_append_printf (where, "%sday <= ?2", joiner);
      joiner = " AND ";
    }
  if (filter->site != NULL)
    {
      g_string_append_printf (where, "%ssite = ?3", joiner);
      joiner = " AND ";
    }
  if (filter->station != NULL)
    g_string_append_printf (where, "%sstation = ?4", joiner);

  return g_string_free (where, FALSE);
}

static void
bind_filter (sqlite3_stmt           *stmt,
             const KioskUsageFilter *filter)
{
  if (filter == NULL)
    return;

  if (filter->from_day != NULL)
    sqlite3_bind_text (stmt, 1, filter->from_day, -1, SQLITE_STATIC);
  if (filter->to_day != NULL)
    sqlite3_bind_text (stmt, 2, filter->to_day, -1, SQLITE_STATIC);
  if (filter->site != NULL)
    sqlite3_bind_text (stmt, 3, filter->site, -1, SQLITE_STATIC);
  if (filter->station != NULL)
    sqlite3_bind_text (stmt, 4, filter->station, -1, SQLITE_STATIC);
}

/**
 * kiosk_usage_store_foreach:
 * @self: a #KioskUsageStore
 * @filter: (nullable): which rows, or %NULL for all
 * @func: (scope call): called for each row, in the order of day, hour,
 *   site, station, metric and key; returns %FALSE to stop
 * @user_data: data for @func
 * @error: return location for a #KioskUsageError
 *
 * Goes through the stored counts, as an export does. The row and its
 * strings are only valid during the call to @func, and @func must not
 * change the store.
 *
 * Returns: %TRUE when every row was given to @func or @func stopped;
 *   %FALSE with %KIOSK_USAGE_ERROR_INVALID for a malformed day in
 *   @filter, or with the error that stopped reading, after which what
 *   @func received is incomplete and should be thrown away
 */
gboolean
kiosk_usage_store_foreach (KioskUsageStore         *self,
                           const KioskUsageFilter  *filter,
                           KioskUsageRowFunc        func,
                           gpointer                 user_data,
                           GError                 **error)
{
  g_autofree char *where = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (KIOSK_IS_USAGE_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_filter (filter, error))
    return FALSE;

  where = filter_to_where (filter);
  sql = g_strconcat ("SELECT " SELECT_COLUMNS " FROM counts", where,
                     " ORDER BY day, hour, site, station, metric, key", NULL);
  if (!prepare (self->db, sql, 0, &stmt, self->path, error))
    return FALSE;
  bind_filter (stmt, filter);
  if (self->read_only)
    bound_work (self, "main");

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KioskUsageRow row = {
        .day = (const char *) sqlite3_column_text (stmt, 0),
        .hour = sqlite3_column_int (stmt, 1),
        .site = (const char *) sqlite3_column_text (stmt, 2),
        .station = (const char *) sqlite3_column_text (stmt, 3),
        .metric = (const char *) sqlite3_column_text (stmt, 4),
        .key = (const char *) sqlite3_column_text (stmt, 5),
        .count = sqlite3_column_int64 (stmt, 6),
      };

      if (!func (&row, user_data))
        {
          rc = SQLITE_DONE;
          break;
        }
    }

  if (rc != SQLITE_DONE)
    set_step_error (self, error, rc, self->path);
  sqlite3_finalize (stmt);

  return rc == SQLITE_DONE;
}

/* Every query returns the columns of a KioskUsageTotal in order: period,
 * weekday, hour, site, station, metric, key, count. Each one streams
 * through an index in its own order (see schema_version_1); days and
 * months are first summed per metric, key and day, which leaves few
 * enough rows to sort.
 */
static char *
total_sql (KioskUsageGroup  group,
           const char      *where)
{
  switch (group)
    {
    case KIOSK_USAGE_GROUP_METRIC_KEY:
      return g_strconcat ("SELECT NULL, 0, 0, NULL, NULL, metric, key, sum(count)"
                          " FROM counts", where,
                          " GROUP BY metric, key ORDER BY metric, key", NULL);
    case KIOSK_USAGE_GROUP_DAY:
      return g_strconcat ("SELECT day, 0, 0, NULL, NULL, metric, NULL, sum(n) FROM"
                          " (SELECT metric, key, day, sum(count) AS n FROM counts", where,
                          " GROUP BY metric, key, day)"
                          " GROUP BY day, metric ORDER BY day, metric", NULL);
    case KIOSK_USAGE_GROUP_MONTH:
      return g_strconcat ("SELECT substr(day, 1, 7) AS month, 0, 0, NULL, NULL, metric, NULL,"
                          " sum(n) FROM"
                          " (SELECT metric, key, day, sum(count) AS n FROM counts", where,
                          " GROUP BY metric, key, day)"
                          " GROUP BY month, metric ORDER BY month, metric", NULL);
    case KIOSK_USAGE_GROUP_SITE_STATION:
      return g_strconcat ("SELECT NULL, 0, 0, site, station, metric, NULL, sum(count)"
                          " FROM counts", where,
                          " GROUP BY site, station, metric ORDER BY site, station, metric",
                          NULL);
    case KIOSK_USAGE_GROUP_HOUR_OF_WEEK:
      return g_strconcat ("SELECT NULL, " WEEKDAY_SQL " AS weekday, hour, NULL, NULL, metric,"
                          " NULL, sum(count) FROM counts", where,
                          " GROUP BY weekday, hour, metric ORDER BY weekday, hour, metric",
                          NULL);
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * kiosk_usage_store_total:
 * @self: a #KioskUsageStore
 * @filter: (nullable): which rows to count, or %NULL for all
 * @group: what to sum the counts by
 * @func: (scope call): called for each total, ordered by the group's
 *   fields, then metric, then key; returns %FALSE to stop
 * @user_data: data for @func
 * @error: return location for a #KioskUsageError
 *
 * Sums counts for a report. The total and its strings are only valid
 * during the call to @func, and @func must not change the store.
 *
 * Returns: %TRUE when every total was given to @func or @func stopped;
 *   %FALSE with %KIOSK_USAGE_ERROR_INVALID for a malformed day in
 *   @filter, or with the error that stopped reading, after which what
 *   @func received is incomplete and should be thrown away
 */
gboolean
kiosk_usage_store_total (KioskUsageStore         *self,
                         const KioskUsageFilter  *filter,
                         KioskUsageGroup          group,
                         KioskUsageTotalFunc      func,
                         gpointer                 user_data,
                         GError                 **error)
{
  g_autofree char *where = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (KIOSK_IS_USAGE_STORE (self), FALSE);
  g_return_val_if_fail (group <= KIOSK_USAGE_GROUP_HOUR_OF_WEEK, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_filter (filter, error))
    return FALSE;

  where = filter_to_where (filter);
  sql = total_sql (group, where);
  if (!prepare (self->db, sql, 0, &stmt, self->path, error))
    return FALSE;
  bind_filter (stmt, filter);
  if (self->read_only)
    bound_work (self, "main");

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KioskUsageTotal total = {
        .period = (const char *) sqlite3_column_text (stmt, 0),
        .weekday = sqlite3_column_int (stmt, 1),
        .hour = sqlite3_column_int (stmt, 2),
        .site = (const char *) sqlite3_column_text (stmt, 3),
        .station = (const char *) sqlite3_column_text (stmt, 4),
        .metric = (const char *) sqlite3_column_text (stmt, 5),
        .key = (const char *) sqlite3_column_text (stmt, 6),
        .count = sqlite3_column_int64 (stmt, 7),
      };

      if (!func (&total, user_data))
        {
          rc = SQLITE_DONE;
          break;
        }
    }

  if (rc != SQLITE_DONE)
    set_step_error (self, error, rc, self->path);
  sqlite3_finalize (stmt);

  return rc == SQLITE_DONE;
}

static gboolean
is_same_file (const char *a,
              const char *b)
{
  GStatBuf buf_a, buf_b;

  return g_stat (a, &buf_a) == 0 && g_stat (b, &buf_b) == 0 &&
         buf_a.st_dev == buf_b.st_dev && buf_a.st_ino == buf_b.st_ino;
}

/* Checks the attached file as opening it read-only would, and that it
 * holds no more counts than kiosks can have written.
 */
static gboolean
check_other (KioskUsageStore  *self,
             const char       *other_path,
             GError          **error)
{
  gint64 n_rows = 0;
  int version = 0;
  int rc = query_int (self->db, "PRAGMA other.user_version", &version);

  if (rc != SQLITE_OK)
    {
      set_step_error (self, error, rc, other_path);
      return FALSE;
    }
  if (version > SCHEMA_VERSION)
    {
      set_too_new_error (error, other_path, version);
      return FALSE;
    }
  if (version != SCHEMA_VERSION)
    {
      set_not_usage_counts_error (error, other_path);
      return FALSE;
    }
  if (!check_schema (self, "other", other_path, error) ||
      !check_pages (self->db, "other", other_path, error))
    return FALSE;

  rc = query_int64 (self->db, "SELECT count(*) FROM other.counts", &n_rows);
  if (rc != SQLITE_OK)
    {
      set_step_error (self, error, rc, other_path);
      return FALSE;
    }
  if (n_rows > MAX_MERGE_ROWS)
    {
      set_not_kiosk_counts_error (error, other_path, "it holds %" G_GINT64_FORMAT " counts, "
                                  "more than a hundred stations record in twenty years",
                                  n_rows);
      return FALSE;
    }
  return TRUE;
}

/* Adds the rows of the attached file, within the work its size allows. */
static gboolean
merge_rows (KioskUsageStore  *self,
            const char       *other_path,
            GError          **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!prepare (self->db, MERGE_SQL, 0, &stmt, other_path, error))
    return FALSE;

  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;

  /* The schema's checks refuse rows no kiosk writes, and this file was
   * read whole when it was opened: the other one is at fault.
   */
  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    set_not_usage_counts_error (error, other_path);
  else if ((rc & 0xff) == SQLITE_INTERRUPT || error_code_for (rc) == KIOSK_USAGE_ERROR_CORRUPT)
    set_step_error (self, error, rc, other_path);
  else
    set_sqlite_error (error, self->db, rc, self->path);
  return FALSE;
}

static gboolean
merge_attached (KioskUsageStore  *self,
                const char       *other_path,
                GError          **error)
{
  gboolean merged;
  int rc;

  bound_work (self, "other");
  merged = check_other (self, other_path, error);
  if (merged)
    {
      rc = exec (self->db, "BEGIN IMMEDIATE");
      if (rc != SQLITE_OK)
        {
          set_sqlite_error (error, self->db, rc, self->path);
          merged = FALSE;
        }
    }
  if (merged)
    merged = merge_rows (self, other_path, error);
  unbound_work (self);

  if (!merged)
    {
      rollback (self->db);
      return FALSE;
    }

  /* After the rows, so that the first merge builds each index in one
   * sorted pass rather than row by row. These read this file alone, so
   * their work is not bounded.
   */
  rc = SQLITE_OK;
  for (guint i = 0; rc == SQLITE_OK && report_indexes[i] != NULL; i++)
    rc = exec (self->db, report_indexes[i]);
  if (rc == SQLITE_OK)
    rc = exec (self->db, "COMMIT");
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, self->db, rc, self->path);
      rollback (self->db);
      return FALSE;
    }
  return TRUE;
}

/**
 * kiosk_usage_store_merge_from:
 * @self: a #KioskUsageStore opened for writing
 * @other_path: another usage database, such as a copy from another station
 * @error: return location for a #KioskUsageError
 *
 * Brings the counts of @other_path into @self, in one transaction. Where
 * both hold the same day, hour, site, station, metric and key, the larger
 * count is kept rather than the sum: a station's counts only ever grow,
 * so its newest copy holds the largest ones, and merging the same copy
 * twice, or an older copy after a newer one, never counts anything twice.
 * Different stations have different rows, which reports add up.
 *
 * The file merged into also gets the indexes that keep reports over
 * many stations and years fast; a station's own file does without them.
 *
 * @other_path is checked as kiosk_usage_store_open_read_only() checks a
 * file, and refused when it holds more counts than kiosks ever write.
 *
 * Returns: %TRUE on success; %FALSE with %KIOSK_USAGE_ERROR_INVALID when
 *   @other_path is this very file, %KIOSK_USAGE_ERROR_IO when it cannot be
 *   read, %KIOSK_USAGE_ERROR_CORRUPT when it is damaged or not usage
 *   counts, or %KIOSK_USAGE_ERROR_TOO_NEW; then @self is unchanged
 */
gboolean
kiosk_usage_store_merge_from (KioskUsageStore  *self,
                              const char       *other_path,
                              GError          **error)
{
  g_autofree char *uri = NULL;
  sqlite3_stmt *attach = NULL;
  GStatBuf buf;
  gboolean merged;
  int rc;

  g_return_val_if_fail (KIOSK_IS_USAGE_STORE (self), FALSE);
  g_return_val_if_fail (!self->read_only, FALSE);
  g_return_val_if_fail (other_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_stat (other_path, &buf) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, KIOSK_USAGE_ERROR, KIOSK_USAGE_ERROR_IO,
                   "Could not open the usage counts %s: %s", other_path,
                   g_strerror (saved_errno));
      return FALSE;
    }

  if (is_same_file (self->path, other_path))
    {
      g_set_error (error, KIOSK_USAGE_ERROR, KIOSK_USAGE_ERROR_INVALID,
                   "%s is the file being merged into; choose another station's copy",
                   other_path);
      return FALSE;
    }

  uri = make_uri (other_path, "mode=ro");
  if (uri == NULL)
    {
      g_set_error (error, KIOSK_USAGE_ERROR, KIOSK_USAGE_ERROR_IO,
                   "Could not open the usage counts %s: the name cannot be used", other_path);
      return FALSE;
    }

  rc = sqlite3_prepare_v2 (self->db, "ATTACH DATABASE ?1 AS other", -1, &attach, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (attach, 1, uri, -1, SQLITE_STATIC);
      rc = sqlite3_step (attach);
    }
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, rc, other_path);
      sqlite3_finalize (attach);
      return FALSE;
    }
  sqlite3_finalize (attach);

  /* The report indexes take rows in an order of their own; with SQLite's
   * usual 2 MB of cache, each new row would read and write pages anew.
   */
  exec (self->db, "PRAGMA main.cache_size = " MERGE_CACHE_SIZE);
  merged = merge_attached (self, other_path, error);
  exec (self->db, "PRAGMA main.cache_size = " DEFAULT_CACHE_SIZE);
  exec (self->db, "DETACH DATABASE other");

  return merged;
}

/**
 * kiosk_usage_duration_bucket:
 * @seconds: how long a session lasted
 *
 * Sessions are counted by length in a few buckets rather than to the
 * second, which reports need no more precisely and which could help
 * tell residents apart.
 *
 * Returns: the key for %KIOSK_METRIC_SESSION_DURATION: "<5", "5-15",
 *   "15-30", "30-60" or ">60" minutes
 */
const char *
kiosk_usage_duration_bucket (guint seconds)
{
  if (seconds < 5 * 60)
    return "<5";
  if (seconds < 15 * 60)
    return "5-15";
  if (seconds < 30 * 60)
    return "15-30";
  if (seconds < 60 * 60)
    return "30-60";
  return ">60";
}

static int
parse_digits (const char *text,
              guint       n_digits)
{
  int value = 0;

  for (guint i = 0; i < n_digits; i++)
    value = value * 10 + (text[i] - '0');
  return value;
}

/**
 * kiosk_usage_day_is_valid:
 * @day: (nullable): a day, like "2026-11-23"
 *
 * Days are stored as text that sorts like dates, so nothing but the
 * exact form YYYY-MM-DD of a real date between the years 2000 and 2999
 * is accepted.
 *
 * Returns: %TRUE if @day can be stored
 */
gboolean
kiosk_usage_day_is_valid (const char *day)
{
  int year;

  if (day == NULL || strnlen (day, 11) != 10)
    return FALSE;

  for (guint i = 0; i < 10; i++)
    {
      if (i == 4 || i == 7 ? day[i] != '-' : !g_ascii_isdigit (day[i]))
        return FALSE;
    }

  year = parse_digits (day, 4);
  return year >= 2000 && year <= 2999 &&
         g_date_valid_dmy (parse_digits (day + 8, 2), parse_digits (day + 5, 2), year);
}
