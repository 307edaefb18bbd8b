/* kiosk-files.c — private folders: create and erase; files named in a config: read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-files"

#include "config.h"

#include "kiosk-files.h"

#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/**
 * kiosk_files_make_private_dir:
 * @parent: where to create it; made (mode 0700) when missing
 * @prefix: the start of its name, like "session-"
 * @error: return location for a #GError
 *
 * Creates a new folder only this user can enter, with an unguessable name.
 *
 * Returns: (transfer full): its path, or %NULL with @error set
 */
char *
kiosk_files_make_private_dir (const char  *parent,
                              const char  *prefix,
                              GError     **error)
{
  g_autofree char *template = NULL;
  int saved_errno;

  g_return_val_if_fail (parent != NULL && prefix != NULL, NULL);

  if (g_mkdir_with_parents (parent, 0700) != 0)
    {
      saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "Cannot create the folder %s: %s", parent, g_strerror (saved_errno));
      return NULL;
    }

  template = g_strconcat (parent, G_DIR_SEPARATOR_S, prefix, "XXXXXX", NULL);
  if (g_mkdtemp_full (template, 0700) == NULL)
    {
      saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "Cannot create a private folder in %s: %s", parent,
                   g_strerror (saved_errno));
      return NULL;
    }

  return g_steal_pointer (&template);
}

/* Works on directory file descriptors and never follows a symbolic link,
 * so that a link planted in the folder cannot make the wipe erase (or
 * miss) something elsewhere.
 */
static gboolean
remove_children_at (int          dir_fd,
                    const char  *path,
                    GError     **error)
{
  DIR *dir;
  struct dirent *entry;
  gboolean ok = TRUE;

  dir = fdopendir (dir_fd);
  if (dir == NULL)
    {
      int saved_errno = errno;

      close (dir_fd);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "Cannot read the folder %s: %s", path, g_strerror (saved_errno));
      return FALSE;
    }

  while (ok && (entry = readdir (dir)) != NULL)
    {
      struct stat info;

      if (strcmp (entry->d_name, ".") == 0 || strcmp (entry->d_name, "..") == 0)
        continue;

      if (fstatat (dirfd (dir), entry->d_name, &info, AT_SYMLINK_NOFOLLOW) != 0)
        continue;

      if (S_ISDIR (info.st_mode))
        {
          g_autofree char *child_path = g_build_filename (path, entry->d_name, NULL);
          int child_fd = openat (dirfd (dir), entry->d_name,
                                 O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

          if (child_fd < 0)
            {
              int saved_errno = errno;

              g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                           "Cannot open the folder %s: %s", child_path,
                           g_strerror (saved_errno));
              ok = FALSE;
              break;
            }

          ok = remove_children_at (child_fd, child_path, error);
          if (ok && unlinkat (dirfd (dir), entry->d_name, AT_REMOVEDIR) != 0 && errno != ENOENT)
            {
              int saved_errno = errno;

              g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                           "Cannot remove the folder %s: %s", child_path,
                           g_strerror (saved_errno));
              ok = FALSE;
            }
        }
      else if (unlinkat (dirfd (dir), entry->d_name, 0) != 0 && errno != ENOENT)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       "Cannot remove %s/%s: %s", path, entry->d_name,
                       g_strerror (saved_errno));
          ok = FALSE;
        }
    }

  closedir (dir);
  return ok;
}

/**
 * kiosk_files_remove_tree:
 * @path: a folder (or a file)
 * @error: return location for a #GError
 *
 * Erases @path and everything below it. A missing @path is not an error.
 *
 * Returns: %TRUE if nothing of @path is left
 */
gboolean
kiosk_files_remove_tree (const char  *path,
                         GError     **error)
{
  struct stat info;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);

  if (lstat (path, &info) != 0)
    {
      if (errno == ENOENT)
        return TRUE;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   "Cannot look at %s: %s", path, g_strerror (errno));
      return FALSE;
    }

  if (S_ISDIR (info.st_mode))
    {
      fd = open (path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      if (fd < 0 || !remove_children_at (fd, path, error))
        {
          if (fd < 0)
            g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                         "Cannot open the folder %s: %s", path, g_strerror (errno));
          return FALSE;
        }

      if (rmdir (path) != 0 && errno != ENOENT)
        {
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                       "Cannot remove the folder %s: %s", path, g_strerror (errno));
          return FALSE;
        }

      return TRUE;
    }

  if (unlink (path) != 0 && errno != ENOENT)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   "Cannot remove %s: %s", path, g_strerror (errno));
      return FALSE;
    }

  return TRUE;
}


G_DEFINE_QUARK (kiosk-files-error-quark, kiosk_files_error)

/* Reads @fd to its end, but never more than @max_size + 1 bytes into
 * @buffer: enough to tell a file too large without reading it whole, should
 * it grow after fstat(). Returns how many bytes were read, @max_size + 1
 * meaning that the file is larger than @max_size; or -1 with errno set.
 */
static gssize
read_at_most (int    fd,
              char  *buffer,
              gsize  max_size)
{
  gsize total = 0;

  while (total <= max_size)
    {
      gssize count = read (fd, buffer + total, max_size + 1 - total);

      if (count < 0 && errno == EINTR)
        continue;
      if (count < 0)
        return -1;
      if (count == 0)
        break;
      total += count;
    }

  return total;
}

/* With @what the message names the file itself; without, the caller's own
 * message names it, and this one only says what is wrong with it.
 */
static void
set_read_error (GError     **error,
                int          code,
                const char  *what,
                const char  *path,
                const char  *problem)
{
  if (what != NULL)
    g_set_error (error, KIOSK_FILES_ERROR, code, "The %s %s %s", what, path, problem);
  else
    g_set_error (error, KIOSK_FILES_ERROR, code, "it %s", problem);
}

static void
set_unreadable_error (GError     **error,
                      const char  *what,
                      const char  *path,
                      int          saved_errno)
{
  if (what != NULL)
    g_set_error (error, KIOSK_FILES_ERROR, KIOSK_FILES_ERROR_UNREADABLE,
                 "Could not read the %s %s: %s", what, path, g_strerror (saved_errno));
  else
    g_set_error_literal (error, KIOSK_FILES_ERROR, KIOSK_FILES_ERROR_UNREADABLE,
                         g_strerror (saved_errno));
}

/**
 * kiosk_files_read_private:
 * @path: the file to read, as an admin set it in a config file
 * @what: (nullable): what the file is, such as "station API token file",
 *   for messages like "The station API token file PATH is not a regular
 *   file"; %NULL when the caller's message names the file already, and
 *   this one is only the rest, such as "it is not a regular file"
 * @max_size: the largest size accepted, in bytes
 * @checks: %KIOSK_FILES_CHECK_OWNER_ONLY_MODE for a secret
 * @length: (out) (optional): the number of bytes read
 * @error: return location for a #KIOSK_FILES_ERROR
 *
 * Reads the whole of a file named in the configuration, which nobody
 * should trust to be what its name says. It never follows a symbolic
 * link; it opens without blocking, so a named pipe with no writer cannot
 * hang the caller; and every check is made on the file that was opened,
 * not on its name, so that the file cannot be swapped in between. Only a
 * regular file is read, and at most @max_size + 1 bytes of it, so that a
 * device such as /dev/zero cannot fill memory.
 *
 * The buffer may hold a secret: the caller erases it (explicit_bzero())
 * before freeing it. It ends with a zero byte not counted in @length.
 *
 * Returns: (transfer full): the contents, or %NULL with @error set to a
 *   message that names the file and what to do about it
 */
char *
kiosk_files_read_private (const char       *path,
                          const char       *what,
                          gsize             max_size,
                          KioskFilesCheck   checks,
                          gsize            *length,
                          GError          **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *problem = NULL;
  struct stat info;
  gssize read_size;
  int saved_errno;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (max_size < G_MAXSSIZE - 1, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  fd = open (path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0)
    {
      saved_errno = errno;

      /* O_NOFOLLOW refuses a link with ELOOP, whose own text ("Too many
       * levels of symbolic links") would send an admin the wrong way.
       */
      if (saved_errno == ELOOP)
        set_read_error (error, KIOSK_FILES_ERROR_SYMBOLIC_LINK, what, path,
                        "is not a regular file but a symbolic link; name the file itself");
      else
        set_unreadable_error (error, what, path, saved_errno);
      return NULL;
    }

  if (fstat (fd, &info) != 0)
    {
      saved_errno = errno;
      close (fd);
      set_unreadable_error (error, what, path, saved_errno);
      return NULL;
    }

  if (!S_ISREG (info.st_mode))
    {
      close (fd);
      set_read_error (error, KIOSK_FILES_ERROR_NOT_REGULAR, what, path, "is not a regular file");
      return NULL;
    }

  if ((checks & KIOSK_FILES_CHECK_OWNER_ONLY_MODE) != 0 &&
      (info.st_mode & (S_IRWXG | S_IRWXO)) != 0)
    {
      close (fd);
      problem = g_strdup_printf ("may be read or changed by other users (mode %04o); "
                                 "make it private with “chmod 600 %s”",
                                 (unsigned int) (info.st_mode & 07777), path);
      set_read_error (error, KIOSK_FILES_ERROR_NOT_PRIVATE, what, path, problem);
      return NULL;
    }

  /* A file still being written may have grown since fstat(): the size
   * seen there is only a hint, the read itself enforces the cap.
   */
  contents = g_malloc (max_size + 2);
  read_size = read_at_most (fd, contents, max_size);
  saved_errno = errno;
  close (fd);

  if (read_size < 0)
    {
      explicit_bzero (contents, max_size + 2);
      set_unreadable_error (error, what, path, saved_errno);
      return NULL;
    }

  if ((gsize) read_size > max_size)
    {
      explicit_bzero (contents, max_size + 2);
      problem = g_strdup_printf ("is larger than %" G_GSIZE_FORMAT " bytes", max_size);
      set_read_error (error, KIOSK_FILES_ERROR_TOO_LARGE, what, path, problem);
      return NULL;
    }

  contents[read_size] = '\0';
  if (length != NULL)
    *length = read_size;

  return g_steal_pointer (&contents);
}
