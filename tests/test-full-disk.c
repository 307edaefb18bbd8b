/* test-full-disk.c — SQLite's writes failing as on a full disk, for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SQLite's unix VFS lets a program replace the system calls it makes, for
 * fault injection (sqlite3_vfs.xSetSystemCall). Here the writes fail as
 * on a full disk after a few have gone through, so that a transaction is
 * half in the log when it fails. Nothing in the store knows about it. The
 * usage counter writes on a thread of its own: the state is atomic.
 */
#define G_LOG_DOMAIN "kiosk-test"

#include "config.h"

#include "test-full-disk.h"

#include <errno.h>
#include <sqlite3.h>
#include <sys/types.h>
#include <unistd.h>

typedef ssize_t (*PwriteFunc) (int         fd,
                               const void *buf,
                               size_t      count,
                               off_t       offset);

static sqlite3_syscall_ptr real_pwrite;
static int write_errno;
static int writes_before_failure;
static guint n_failed_writes;

static ssize_t
failing_pwrite (int         fd,
                const void *buf,
                size_t      count,
                off_t       offset)
{
  int failure = g_atomic_int_get (&write_errno);

  if (failure != 0 && g_atomic_int_add (&writes_before_failure, -1) <= 0)
    {
      g_atomic_int_inc (&n_failed_writes);
      errno = failure;
      return -1;
    }
  return ((PwriteFunc) real_pwrite) (fd, buf, count, offset);
}

/**
 * kiosk_test_full_disk_install:
 *
 * Puts the failing write in SQLite's place; it writes normally until
 * kiosk_test_full_disk_fill().
 *
 * Returns: the system call that was replaced, or %NULL when this SQLite
 *   writes some other way
 */
const char *
kiosk_test_full_disk_install (void)
{
  static const char * const names[] = { "pwrite64", "pwrite" };
  sqlite3_vfs *vfs = sqlite3_vfs_find (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      real_pwrite = vfs->xGetSystemCall (vfs, names[i]);
      if (real_pwrite != NULL &&
          vfs->xSetSystemCall (vfs, names[i], (sqlite3_syscall_ptr) failing_pwrite) == SQLITE_OK)
        return names[i];
    }
  return NULL;
}

void
kiosk_test_full_disk_uninstall (const char *syscall_name)
{
  sqlite3_vfs *vfs = sqlite3_vfs_find (NULL);

  g_assert_cmpint (vfs->xSetSystemCall (vfs, syscall_name, NULL), ==, SQLITE_OK);
}

/**
 * kiosk_test_full_disk_fill:
 * @errno_value: what the failing writes report, as ENOSPC
 * @writes_before: how many writes still go through first
 */
void
kiosk_test_full_disk_fill (int errno_value,
                           int writes_before)
{
  g_atomic_int_set (&n_failed_writes, 0);
  g_atomic_int_set (&writes_before_failure, writes_before);
  g_atomic_int_set (&write_errno, errno_value);
}

void
kiosk_test_full_disk_free_up (void)
{
  g_atomic_int_set (&write_errno, 0);
}

guint
kiosk_test_full_disk_count_failed_writes (void)
{
  return (guint) g_atomic_int_get (&n_failed_writes);
}
