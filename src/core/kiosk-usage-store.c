/* kiosk-usage-store.c — anonymous usage counts in SQLite: the store and opening its file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-usage-store"

#include "config.h"

#include "kiosk-usage-store-private.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>

/* No value or row of a kiosk's comes near this; SQLite refuses to read a
 * longer one from a file rather than allocate room for it.
 */
#define MAX_VALUE_BYTES (64 * 1024)

/* Long enough for the admin's export to finish while the kiosk keeps
 * counting, short enough that a stuck program is reported.
 */
#define BUSY_TIMEOUT_MS 5000

#define UPSERT_SQL \
  "INSERT INTO counts (day, hour, site, station, metric, key, count)" \
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)" \
  " ON CONFLICT (day, hour, site, station, metric, key)" \
  " DO UPDATE SET count = count + excluded.count"

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

static gboolean
open_database (KioskUsageStore  *self,
               GError          **error)
{
  g_autofree char *uri = kiosk_usage_store_make_uri (self->path,
                                                     self->read_only ? "mode=ro" : "mode=rw");
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
      kiosk_usage_store_set_sqlite_error (error, self->db, rc, self->path);
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
      rc = kiosk_usage_store_exec (self->db, "PRAGMA query_only = ON");
      if (rc == SQLITE_OK)
        rc = kiosk_usage_store_exec (self->db, "PRAGMA temp_store = MEMORY");
      if (rc != SQLITE_OK)
        {
          kiosk_usage_store_set_sqlite_error (error, self->db, rc, self->path);
          return FALSE;
        }
      kiosk_usage_store_bound_work (self, "main");
    }

  rc = kiosk_usage_store_query_int (self->db, "PRAGMA user_version", &version);
  if (rc != SQLITE_OK)
    {
      kiosk_usage_store_set_sqlite_error (error, self->db, rc, self->path);
      return FALSE;
    }

  if (version > SCHEMA_VERSION)
    {
      kiosk_usage_store_set_too_new_error (error, self->path, version);
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
          kiosk_usage_store_set_not_usage_counts_error (error, self->path);
          return FALSE;
        }
      if (!kiosk_usage_store_check_schema (self, "main", self->path, error))
        return FALSE;
      if (!kiosk_usage_store_prepare (self->db, "SELECT " SELECT_COLUMNS " FROM counts", 0,
                                      &probe, self->path, error))
        return FALSE;
      sqlite3_finalize (probe);
      return TRUE;
    }

  if (!kiosk_usage_store_check_pages (self->db, "main", self->path, error))
    return FALSE;

  if (version == SCHEMA_VERSION &&
      !kiosk_usage_store_check_schema (self, "main", self->path, error))
    return FALSE;

  /* Whether the tables are ours is known before anything is written,
   * since even switching to WAL changes the file's header. The statement
   * checks the table: its conflict target must be the primary key. A
   * file in an older format is checked once it is upgraded.
   */
  if (version == 0)
    {
      int n_objects = 0;

      rc = kiosk_usage_store_query_int (self->db, "SELECT count(*) FROM sqlite_schema",
                                        &n_objects);
      if (rc != SQLITE_OK)
        {
          kiosk_usage_store_set_sqlite_error (error, self->db, rc, self->path);
          return FALSE;
        }
      if (n_objects > 0)
        {
          kiosk_usage_store_set_not_usage_counts_error (error, self->path);
          return FALSE;
        }
    }
  else if (version == SCHEMA_VERSION &&
           !kiosk_usage_store_prepare (self->db, UPSERT_SQL, SQLITE_PREPARE_PERSISTENT,
                                       &self->upsert, self->path, error))
    {
      return FALSE;
    }

  /* WAL lets reports read while the kiosk writes; NORMAL only syncs at
   * checkpoints, which still never corrupts the file, and may at worst
   * lose the last counts on a power cut.
   */
  rc = kiosk_usage_store_exec (self->db, "PRAGMA journal_mode = WAL");
  if (rc == SQLITE_OK)
    rc = kiosk_usage_store_exec (self->db, "PRAGMA synchronous = NORMAL");
  if (rc != SQLITE_OK)
    {
      kiosk_usage_store_set_sqlite_error (error, self->db, rc, self->path);
      return FALSE;
    }

  if (!kiosk_usage_store_migrate (self, error))
    return FALSE;

  if (self->upsert == NULL &&
      !kiosk_usage_store_prepare (self->db, UPSERT_SQL, SQLITE_PREPARE_PERSISTENT,
                                  &self->upsert, self->path, error))
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

  if (kiosk_usage_store_has_orphan_companion (path))
    kiosk_usage_store_set_not_usage_counts_error (&local_error, path);
  else if (open_database (self, &local_error))
    return g_steal_pointer (&self);

  if (!g_error_matches (local_error, KIOSK_USAGE_ERROR, KIOSK_USAGE_ERROR_CORRUPT))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  close_database (self);
  aside = kiosk_usage_store_move_aside (path, error);
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
