/* kiosk-usage-store-sqlite.c — the usage store’s SQLite calls: statements, errors, bounded work
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-usage-store"

#include "config.h"

#include "kiosk-usage-store-private.h"

#include "kiosk-text.h"

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

/* SQLite reports a full disk as SQLITE_FULL, and a failing write for any
 * other reason (a quota included) as SQLITE_IOERR without the system's
 * error, so only the former can tell the admin to free some space.
 */
KioskUsageError
kiosk_usage_store_error_code (int rc)
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
void
kiosk_usage_store_set_sqlite_error (GError     **error,
                                    sqlite3     *db,
                                    int          rc,
                                    const char  *path)
{
  KioskUsageError code = kiosk_usage_store_error_code (rc);
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

void
kiosk_usage_store_set_not_usage_counts_error (GError     **error,
                                              const char  *path)
{
  g_set_error (error, KIOSK_USAGE_ERROR, KIOSK_USAGE_ERROR_CORRUPT,
               "%s is not a usage counts file, or its tables are damaged", path);
}

/* @detail comes from the file: it is escaped, as it ends up on the
 * admin's terminal and in the journal.
 */
void
kiosk_usage_store_set_not_kiosk_counts_error (GError     **error,
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

void
kiosk_usage_store_set_too_new_error (GError     **error,
                                     const char  *path,
                                     int          version)
{
  g_set_error (error, KIOSK_USAGE_ERROR, KIOSK_USAGE_ERROR_TOO_NEW,
               "The usage counts %s were written by a newer version of the kiosk "
               "(format %d, this one knows up to %d); update the kiosk to read them",
               path, version, SCHEMA_VERSION);
}

int
kiosk_usage_store_exec (sqlite3    *db,
                        const char *sql)
{
  return sqlite3_exec (db, sql, NULL, NULL, NULL);
}

/* Rolls back what the failed statement left, if SQLite has not done so
 * itself: it does on a full disk, and a second ROLLBACK would fail.
 */
void
kiosk_usage_store_rollback (sqlite3 *db)
{
  if (!sqlite3_get_autocommit (db))
    kiosk_usage_store_exec (db, "ROLLBACK");
}

/* Runs a statement that returns one integer, like PRAGMA page_count. */
int
kiosk_usage_store_query_int64 (sqlite3    *db,
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
int
kiosk_usage_store_query_int (sqlite3    *db,
                             const char *sql,
                             int        *value)
{
  gint64 value64 = 0;
  int rc = kiosk_usage_store_query_int64 (db, sql, &value64);

  if (rc == SQLITE_OK)
    *value = (int) CLAMP (value64, G_MININT, G_MAXINT);
  return rc;
}

/* Prepares @sql, telling a missing table or column (the file is not ours)
 * apart from failing to read the file.
 */
gboolean
kiosk_usage_store_prepare (sqlite3       *db,
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
    kiosk_usage_store_set_not_usage_counts_error (error, path);
  else
    kiosk_usage_store_set_sqlite_error (error, db, rc, path);
  return FALSE;
}

/* URI file names are the only way to attach a file read-only, so every
 * name is given as one, escaped, and a name that merely starts with
 * "file:" cannot be taken for something else.
 */
char *
kiosk_usage_store_make_uri (const char *path,
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

/* Gives the statements that follow, until kiosk_usage_store_unbound_work(),
 * as much work as the database @schema can need for its size (see
 * WORK_PER_BYTE). page_count includes what the write-ahead log adds.
 */
void
kiosk_usage_store_bound_work (KioskUsageStore *self,
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
  kiosk_usage_store_query_int64 (self->db, count_sql, &page_count);
  kiosk_usage_store_query_int64 (self->db, size_sql, &page_size);
  steps = MAX (WORK_FLOOR, (guint64) MAX (page_count, 0) * (guint64) MAX (page_size, 0) *
                           WORK_PER_BYTE);

  self->work_done = 0;
  self->work_budget = steps / WORK_STEP;
}

void
kiosk_usage_store_unbound_work (KioskUsageStore *self)
{
  sqlite3_progress_handler (self->db, 0, NULL, NULL);
  self->work_budget = 0;
  self->work_done = 0;
}

/* kiosk_usage_store_set_sqlite_error(), telling a statement stopped by
 * progress_cb() apart.
 */
void
kiosk_usage_store_set_step_error (KioskUsageStore  *self,
                                  GError          **error,
                                  int               rc,
                                  const char       *path)
{
  if ((rc & 0xff) == SQLITE_INTERRUPT && self->work_budget > 0 &&
      self->work_done > self->work_budget)
    kiosk_usage_store_set_not_kiosk_counts_error (error, path,
                                                  "reading it takes far more work than a file "
                                                  "of its size can need, and was stopped");
  else
    kiosk_usage_store_set_sqlite_error (error, self->db, rc, path);
}
