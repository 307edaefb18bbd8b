/* kiosk-usage-store-merge.c — bringing another station’s usage counts into this file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-usage-store"

#include "config.h"

#include "kiosk-usage-store-private.h"

#include <errno.h>
#include <glib/gstdio.h>

/* More counts than a hundred stations record in twenty years: a file
 * that holds more was not written by kiosks, and merging it would fill
 * the disk of the file that gathers them.
 */
#define MAX_MERGE_ROWS G_GINT64_CONSTANT (100000000)

/* In kibibytes, as PRAGMA cache_size takes negative numbers. */
#define DEFAULT_CACHE_SIZE "-2000"
#define MERGE_CACHE_SIZE "-65536"

/* "WHERE true" keeps SQLite from reading ON CONFLICT as a join
 * constraint. Only a larger count replaces a row: see merge_from().
 */
#define MERGE_SQL \
  "INSERT INTO main.counts (" SELECT_COLUMNS ")" \
  " SELECT " SELECT_COLUMNS " FROM other.counts WHERE true" \
  " ON CONFLICT (day, hour, site, station, metric, key)" \
  " DO UPDATE SET count = excluded.count WHERE excluded.count > count"

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
  int rc = kiosk_usage_store_query_int (self->db, "PRAGMA other.user_version", &version);

  if (rc != SQLITE_OK)
    {
      kiosk_usage_store_set_step_error (self, error, rc, other_path);
      return FALSE;
    }
  if (version > SCHEMA_VERSION)
    {
      kiosk_usage_store_set_too_new_error (error, other_path, version);
      return FALSE;
    }
  if (version != SCHEMA_VERSION)
    {
      kiosk_usage_store_set_not_usage_counts_error (error, other_path);
      return FALSE;
    }
  if (!kiosk_usage_store_check_schema (self, "other", other_path, error) ||
      !kiosk_usage_store_check_pages (self->db, "other", other_path, error))
    return FALSE;

  rc = kiosk_usage_store_query_int64 (self->db, "SELECT count(*) FROM other.counts", &n_rows);
  if (rc != SQLITE_OK)
    {
      kiosk_usage_store_set_step_error (self, error, rc, other_path);
      return FALSE;
    }
  if (n_rows > MAX_MERGE_ROWS)
    {
      kiosk_usage_store_set_not_kiosk_counts_error (error, other_path,
                                                    "it holds %" G_GINT64_FORMAT " counts, more "
                                                    "than a hundred stations record in twenty "
                                                    "years", n_rows);
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

  if (!kiosk_usage_store_prepare (self->db, MERGE_SQL, 0, &stmt, other_path, error))
    return FALSE;

  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;

  /* The schema's checks refuse rows no kiosk writes, and this file was
   * read whole when it was opened: the other one is at fault.
   */
  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    kiosk_usage_store_set_not_usage_counts_error (error, other_path);
  else if ((rc & 0xff) == SQLITE_INTERRUPT ||
           kiosk_usage_store_error_code (rc) == KIOSK_USAGE_ERROR_CORRUPT)
    kiosk_usage_store_set_step_error (self, error, rc, other_path);
  else
    kiosk_usage_store_set_sqlite_error (error, self->db, rc, self->path);
  return FALSE;
}

static gboolean
merge_attached (KioskUsageStore  *self,
                const char       *other_path,
                GError          **error)
{
  gboolean merged;
  int rc;

  kiosk_usage_store_bound_work (self, "other");
  merged = check_other (self, other_path, error);
  if (merged)
    {
      rc = kiosk_usage_store_exec (self->db, "BEGIN IMMEDIATE");
      if (rc != SQLITE_OK)
        {
          kiosk_usage_store_set_sqlite_error (error, self->db, rc, self->path);
          merged = FALSE;
        }
    }
  if (merged)
    merged = merge_rows (self, other_path, error);
  kiosk_usage_store_unbound_work (self);

  if (!merged)
    {
      kiosk_usage_store_rollback (self->db);
      return FALSE;
    }

  /* After the rows, so that the first merge builds each index in one
   * sorted pass rather than row by row. These read this file alone, so
   * their work is not bounded.
   */
  rc = kiosk_usage_store_add_report_indexes (self->db);
  if (rc == SQLITE_OK)
    rc = kiosk_usage_store_exec (self->db, "COMMIT");
  if (rc != SQLITE_OK)
    {
      kiosk_usage_store_set_sqlite_error (error, self->db, rc, self->path);
      kiosk_usage_store_rollback (self->db);
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

  uri = kiosk_usage_store_make_uri (other_path, "mode=ro");
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
      kiosk_usage_store_set_sqlite_error (error, self->db, rc, other_path);
      sqlite3_finalize (attach);
      return FALSE;
    }
  sqlite3_finalize (attach);

  /* The report indexes take rows in an order of their own; with SQLite's
   * usual 2 MB of cache, each new row would read and write pages anew.
   */
  kiosk_usage_store_exec (self->db, "PRAGMA main.cache_size = " MERGE_CACHE_SIZE);
  merged = merge_attached (self, other_path, error);
  kiosk_usage_store_exec (self->db, "PRAGMA main.cache_size = " DEFAULT_CACHE_SIZE);
  kiosk_usage_store_exec (self->db, "DETACH DATABASE other");

  return merged;
}
