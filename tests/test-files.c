/* test-files.c — the one reader of files named in a configuration
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-files"

#include "config.h"

#include "kiosk-files.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define WHAT "station API token file"

static char *
test_path (const char *name)
{
  g_mkdir_with_parents (g_get_user_config_dir (), 0700);
  return g_build_filename (g_get_user_config_dir (), name, NULL);
}

static char *
write_file (const char *name,
            const char *contents,
            gsize       length,
            int         mode)
{
  char *path = test_path (name);

  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  g_assert_cmpint (g_chmod (path, mode), ==, 0);
  return path;
}

/* Every refusal names the file, says what is wrong, and returns nothing. */
static void
assert_refused (const char      *path,
                KioskFilesCheck  checks,
                int              code,
                const char      *problem)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 12345;

  contents = kiosk_files_read_private (path, WHAT, 64, checks, &length, &error);
  g_assert_error (error, KIOSK_FILES_ERROR, code);
  g_assert_null (contents);
  g_assert_cmpuint (length, ==, 12345);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, WHAT));
  g_assert_nonnull (strstr (error->message, problem));
}

static void
test_reads_a_private_file (void)
{
  g_autofree char *path = write_file ("token", "secret token\n", 13, 0600);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  contents = kiosk_files_read_private (path, WHAT, 64, KIOSK_FILES_CHECK_OWNER_ONLY_MODE,
                                       &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, ==, 13);
  g_assert_cmpstr (contents, ==, "secret token\n");
}

static void
test_binary_contents_are_kept_whole (void)
{
  g_autofree char *path = write_file ("binary", "a\0b", 3, 0600);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  contents = kiosk_files_read_private (path, WHAT, 64, KIOSK_FILES_CHECK_NONE, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, ==, 3);
  g_assert_cmpmem (contents, length + 1, "a\0b", 4);
}

/* The cap is the largest size accepted, not the first size refused. */
static void
test_size_cap (void)
{
  g_autofree char *fits = g_strnfill (64, 'x');
  g_autofree char *too_big = g_strnfill (65, 'x');
  g_autofree char *fits_path = write_file ("fits", fits, 64, 0600);
  g_autofree char *big_path = write_file ("too-big", too_big, 65, 0600);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  contents = kiosk_files_read_private (fits_path, WHAT, 64, KIOSK_FILES_CHECK_NONE, &length,
                                       &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, ==, 64);

  assert_refused (big_path, KIOSK_FILES_CHECK_NONE, KIOSK_FILES_ERROR_TOO_LARGE,
                  "is larger than 64 bytes");
}

/* Only checked when asked: a certificate is public, its key is not. */
static void
test_owner_only_mode (void)
{
  static const int modes[] = { 0640, 0604, 0620, 0602, 0610, 0601, 0666 };

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autofree char *path = write_file ("shared", "token", 5, modes[i]);
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = NULL;
      g_autofree char *mode = g_strdup_printf ("(mode %04o)", modes[i]);

      assert_refused (path, KIOSK_FILES_CHECK_OWNER_ONLY_MODE, KIOSK_FILES_ERROR_NOT_PRIVATE,
                      "chmod 600");
      assert_refused (path, KIOSK_FILES_CHECK_OWNER_ONLY_MODE, KIOSK_FILES_ERROR_NOT_PRIVATE,
                      mode);

      contents = kiosk_files_read_private (path, WHAT, 64, KIOSK_FILES_CHECK_NONE, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (contents, ==, "token");
    }
}

/* A FIFO with no writer is refused at once: were it opened without
 * O_NONBLOCK, or read, this test would hang until its timeout. A device
 * such as /dev/zero has no end: it would be read until memory runs out.
 */
static void
test_not_a_regular_file (void)
{
  g_autofree char *fifo = test_path ("fifo");
  g_autofree char *folder = test_path ("folder");
  const char *paths[] = { fifo, "/dev/zero", "/dev/null", folder };

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      assert_refused (paths[i], KIOSK_FILES_CHECK_NONE, KIOSK_FILES_ERROR_NOT_REGULAR,
                      "is not a regular file");
      assert_refused (paths[i], KIOSK_FILES_CHECK_OWNER_ONLY_MODE, KIOSK_FILES_ERROR_NOT_REGULAR,
                      "is not a regular file");
    }
  g_unlink (fifo);
}

/* A link is refused even to a private regular file: whoever can plant one
 * could point it at a file the kiosk's user may read and others not.
 */
static void
test_symbolic_link_is_refused (void)
{
  g_autofree char *target = write_file ("target", "token", 5, 0600);
  g_autofree char *link = test_path ("link");

  g_assert_cmpint (symlink (target, link), ==, 0);
  assert_refused (link, KIOSK_FILES_CHECK_OWNER_ONLY_MODE, KIOSK_FILES_ERROR_SYMBOLIC_LINK,
                  "symbolic link");
  g_unlink (link);
}

static void
test_missing_file (void)
{
  g_autofree char *path = test_path ("absent");

  assert_refused (path, KIOSK_FILES_CHECK_NONE, KIOSK_FILES_ERROR_UNREADABLE,
                  g_strerror (ENOENT));
}

/* Without a name for the file, the message is the part that follows the
 * caller's own, which names the file already.
 */
static void
test_message_without_what (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  contents = kiosk_files_read_private ("/dev/zero", NULL, 64, KIOSK_FILES_CHECK_NONE, NULL,
                                       &error);
  g_assert_null (contents);
  g_assert_error (error, KIOSK_FILES_ERROR, KIOSK_FILES_ERROR_NOT_REGULAR);
  g_assert_cmpstr (error->message, ==, "it is not a regular file");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/files/read-private/reads-a-private-file", test_reads_a_private_file);
  g_test_add_func ("/core/files/read-private/binary-contents-are-kept-whole",
                   test_binary_contents_are_kept_whole);
  g_test_add_func ("/core/files/read-private/size-cap", test_size_cap);
  g_test_add_func ("/core/files/read-private/owner-only-mode", test_owner_only_mode);
  g_test_add_func ("/core/files/read-private/not-a-regular-file", test_not_a_regular_file);
  g_test_add_func ("/core/files/read-private/symbolic-link-is-refused",
                   test_symbolic_link_is_refused);
  g_test_add_func ("/core/files/read-private/missing-file", test_missing_file);
  g_test_add_func ("/core/files/read-private/message-without-what", test_message_without_what);

  return g_test_run ();
}
