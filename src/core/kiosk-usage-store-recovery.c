/* kiosk-usage-store-recovery.c — a damaged usage counts file is moved aside, never deleted
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-usage-store"

#include "config.h"

#include "kiosk-usage-store-private.h"

#include <errno.h>
#include <glib/gstdio.h>

/* What SQLite keeps beside a database, and must follow it when it is
 * moved aside: the write-ahead log still holds the latest counts.
 */
static const char * const companion_suffixes[] = { "-wal", "-shm", "-journal" };

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
gboolean
kiosk_usage_store_has_orphan_companion (const char *path)
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
char *
kiosk_usage_store_move_aside (const char  *path,
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
