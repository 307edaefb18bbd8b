/* kiosk-usage-store-schema.c — the counts table, its migrations, and checking a file holds only it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-usage-store"

#include "config.h"

#include "kiosk-usage-store-private.h"

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
 * on without them, does without; kiosk_usage_store_merge_from() adds them
 * to the file that gathers the stations.
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

/* A new version raises SCHEMA_VERSION in kiosk-usage-store-private.h too. */
G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == SCHEMA_VERSION);

/* Reads every page of @schema's tables without checking that indexes
 * match them, which is what integrity_check adds at many times the cost.
 */
gboolean
kiosk_usage_store_check_pages (sqlite3     *db,
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
      kiosk_usage_store_set_sqlite_error (error, db, rc, path);
    }
  sqlite3_finalize (stmt);

  return ok;
}

/* Brings the file up to SCHEMA_VERSION; an empty file is version 0. */
gboolean
kiosk_usage_store_migrate (KioskUsageStore  *self,
                           GError          **error)
{
  g_autofree char *set_version = NULL;
  int version = 0;
  int rc;

  /* IMMEDIATE, and the version read again inside, so that two programs
   * opening a new file at once do not both create the table.
   */
  rc = kiosk_usage_store_exec (self->db, "BEGIN IMMEDIATE");
  if (rc == SQLITE_OK)
    rc = kiosk_usage_store_query_int (self->db, "PRAGMA user_version", &version);
  if (rc != SQLITE_OK)
    goto failed;

  if (version > SCHEMA_VERSION)
    {
      kiosk_usage_store_rollback (self->db);
      kiosk_usage_store_set_too_new_error (error, self->path, version);
      return FALSE;
    }

  if (version == SCHEMA_VERSION)
    {
      kiosk_usage_store_rollback (self->db);
      return TRUE;
    }

  for (int v = version; v < SCHEMA_VERSION; v++)
    {
      for (guint i = 0; migrations[v][i] != NULL; i++)
        {
          rc = kiosk_usage_store_exec (self->db, migrations[v][i]);
          if (rc != SQLITE_OK)
            goto failed;
        }
    }

  set_version = g_strdup_printf ("PRAGMA user_version = %d", SCHEMA_VERSION);
  rc = kiosk_usage_store_exec (self->db, set_version);
  if (rc == SQLITE_OK)
    rc = kiosk_usage_store_exec (self->db, "COMMIT");
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
    kiosk_usage_store_set_not_usage_counts_error (error, self->path);
  else
    kiosk_usage_store_set_sqlite_error (error, self->db, rc, self->path);
  kiosk_usage_store_rollback (self->db);
  return FALSE;
}

/* Creates the report indexes and their statistics, if they are not there
 * yet, inside the caller's transaction; returns SQLite's result code.
 */
int
kiosk_usage_store_add_report_indexes (sqlite3 *db)
{
  int rc = SQLITE_OK;

  for (guint i = 0; rc == SQLITE_OK && report_indexes[i] != NULL; i++)
    rc = kiosk_usage_store_exec (db, report_indexes[i]);
  return rc;
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

  kiosk_usage_store_set_step_error (self, error, rc, path);
  return FALSE;
}

/* A file from elsewhere is read only once it is known to hold nothing but
 * the table of counts a kiosk makes, and what merging adds. A view or a
 * trigger could run for ever (a recursive view fills a temporary file at
 * a hundred megabytes a second), and a table of other columns would not
 * mean what a report says it does. Views and triggers are named first,
 * being the likelier reason for a file to hold what no kiosk makes.
 */
gboolean
kiosk_usage_store_check_schema (KioskUsageStore  *self,
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

  if (!kiosk_usage_store_prepare (self->db, objects_sql, 0, &stmt, path, error))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *type = (const char *) sqlite3_column_text (stmt, 0);
      const char *name = (const char *) sqlite3_column_text (stmt, 1);
      const char *table = (const char *) sqlite3_column_text (stmt, 2);

      if (!is_known_object (type, name, table))
        {
          kiosk_usage_store_set_not_kiosk_counts_error (error, path,
                                                        "it holds a %s “%s”, which no kiosk makes",
                                                        type != NULL ? type : "",
                                                        name != NULL ? name : "");
          sqlite3_finalize (stmt);
          return FALSE;
        }
      has_counts |= g_strcmp0 (name, "counts") == 0;
    }
  if (rc != SQLITE_DONE)
    kiosk_usage_store_set_step_error (self, error, rc, path);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return FALSE;

  if (!has_counts)
    {
      kiosk_usage_store_set_not_kiosk_counts_error (error, path, "it has no table “counts”");
      return FALSE;
    }

  /* A kiosk's table is STRICT, so that each value has its column's type,
   * and WITHOUT ROWID, keyed by its primary key alone.
   */
  if (!kiosk_usage_store_prepare (self->db, table_sql, 0, &stmt, path, error))
    return FALSE;
  if (step_first (self, stmt, path, &has_row, error))
    laid_out = has_row && sqlite3_column_int (stmt, 3) == G_N_ELEMENTS (counts_columns) &&
               sqlite3_column_int (stmt, 4) == 1 && sqlite3_column_int (stmt, 5) == 1;
  sqlite3_finalize (stmt);
  if (!laid_out)
    {
      if (error == NULL || *error == NULL)
        kiosk_usage_store_set_not_kiosk_counts_error (error, path,
                                                      "its table “counts” is not laid out as a "
                                                      "kiosk makes it (%u columns, STRICT, "
                                                      "WITHOUT ROWID)",
                                                      (guint) G_N_ELEMENTS (counts_columns));
      return FALSE;
    }

  /* table_xinfo, unlike table_info, also lists generated columns. */
  if (!kiosk_usage_store_prepare (self->db, columns_sql, 0, &stmt, path, error))
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
          kiosk_usage_store_set_not_kiosk_counts_error (error, path,
                                                        "column %u of its table “counts” is "
                                                        "“%s %s”, where a kiosk writes "
                                                        "“%s %s NOT NULL”",
                                                        n_columns + 1, name != NULL ? name : "",
                                                        type != NULL ? type : "",
                                                        counts_columns[n_columns].name,
                                                        counts_columns[n_columns].type);
          sqlite3_finalize (stmt);
          return FALSE;
        }
      n_columns++;
    }
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    kiosk_usage_store_set_step_error (self, error, rc, path);
  else if (rc == SQLITE_ROW || n_columns != G_N_ELEMENTS (counts_columns))
    kiosk_usage_store_set_not_kiosk_counts_error (error, path,
                                                  "its table “counts” does not have the %u "
                                                  "columns a kiosk writes",
                                                  (guint) G_N_ELEMENTS (counts_columns));
  sqlite3_finalize (stmt);

  return rc == SQLITE_DONE && n_columns == G_N_ELEMENTS (counts_columns);
}
