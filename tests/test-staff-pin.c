/* test-staff-pin.c — the staff PIN: hashing, its file, the lockout, set-pin
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-test"

/* posix_openpt() and the other pseudo-terminal functions. */
#define _GNU_SOURCE

#include "config.h"

#include "kiosk-staff-pin.h"

#include "test-utils.h"

#include <glib/gstdio.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

/* yescrypt of "2468" with libxcrypt's default cost, written once with
 * crypt_r, so that the file tests do not depend on kiosk_staff_pin_hash().
 */
#define HASH_OF_2468 "$y$j9T$XrjF5E3U3G.CUXoP9z8P71$x153.TIrR.7cp3CCtyUow3TzkACLcgJesLyDaMGUZ7D"

/* The lockout starts at an arbitrary monotonic time, in microseconds. */
#define T0 (1000 * G_USEC_PER_SEC)

/* Where a test's file goes when it does not exist yet. */
static char *
test_path (const char *name)
{
  g_autofree char *dir = g_build_filename (g_get_user_config_dir (), "kiosk-test", NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return g_build_filename (dir, name, NULL);
}

static char *
write_private_file (const char *name,
                    const char *contents)
{
  char *path = kiosk_test_write_file (name, contents);

  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
  return path;
}

static KioskStaffPin *
load_2468 (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_private_file ("staff-pin", HASH_OF_2468 "\n");
  KioskStaffPin *pin = kiosk_staff_pin_load (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (pin);
  return pin;
}

static void
assert_load_fails (const char *path,
                   int         code,
                   const char *advice)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskStaffPin) pin = kiosk_staff_pin_load (path, &error);

  g_assert_null (pin);
  g_assert_error (error, KIOSK_STAFF_PIN_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, advice));
}

static mode_t
file_mode (const char *path)
{
  GStatBuf info;

  g_assert_cmpint (g_stat (path, &info), ==, 0);
  return info.st_mode & 07777;
}

static void
assert_pin_file_opens_with (const char *path,
                            const char *right,
                            const char *wrong)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskStaffPin) pin = kiosk_staff_pin_load (path, &error);

  g_assert_no_error (error);
  g_assert_cmpint (file_mode (path), ==, 0600);
  g_assert_cmpint (kiosk_staff_pin_check (pin, wrong, T0), ==, KIOSK_STAFF_PIN_WRONG);
  g_assert_cmpint (kiosk_staff_pin_check (pin, right, T0), ==, KIOSK_STAFF_PIN_OK);
}

static void
test_hash_format (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = kiosk_staff_pin_hash ("2468", &error);

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (hash, "$y$"));
  g_assert_null (strstr (hash, "2468"));
  g_assert_null (strchr (hash, '\n'));
}

static void
test_hash_is_salted (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = kiosk_staff_pin_hash ("13572468", &error);
  g_autofree char *second = kiosk_staff_pin_hash ("13572468", &error);
  g_autofree char *first_path = test_path ("first");
  g_autofree char *second_path = test_path ("second");
  g_autoptr(KioskStaffPin) first_pin = NULL;
  g_autoptr(KioskStaffPin) second_pin = NULL;

  g_assert_no_error (error);
  /* Two stations with the same PIN do not show it by the same hash. */
  g_assert_cmpstr (first, !=, second);

  g_assert_true (kiosk_staff_pin_write_file (first_path, first, &error));
  g_assert_true (kiosk_staff_pin_write_file (second_path, second, &error));
  first_pin = kiosk_staff_pin_load (first_path, &error);
  g_assert_no_error (error);
  second_pin = kiosk_staff_pin_load (second_path, &error);
  g_assert_no_error (error);

  g_assert_cmpint (kiosk_staff_pin_check (first_pin, "13572468", T0), ==, KIOSK_STAFF_PIN_OK);
  g_assert_cmpint (kiosk_staff_pin_check (second_pin, "13572468", T0), ==, KIOSK_STAFF_PIN_OK);
}

static void
test_right_and_wrong_pin (void)
{
  g_autoptr(KioskStaffPin) pin = load_2468 ();

  g_assert_cmpint (kiosk_staff_pin_check (pin, "2468", T0), ==, KIOSK_STAFF_PIN_OK);
  g_assert_cmpint (kiosk_staff_pin_check (pin, "2469", T0), ==, KIOSK_STAFF_PIN_WRONG);
  g_assert_cmpint (kiosk_staff_pin_check (pin, "24680", T0), ==, KIOSK_STAFF_PIN_WRONG);
  g_assert_cmpint (kiosk_staff_pin_check (pin, "246", T0), ==, KIOSK_STAFF_PIN_WRONG);
  g_assert_cmpint (kiosk_staff_pin_check (pin, "", T0), ==, KIOSK_STAFF_PIN_WRONG);
  g_assert_cmpuint (kiosk_staff_pin_get_failures (pin), ==, 4);
  g_assert_cmpint (kiosk_staff_pin_get_locked_until (pin), ==, 0);
}

static void
test_invalid_pins_are_refused (void)
{
  static const char * const invalid[] = {
    "",
    "123",
    "12a4",
    "abcd",
    "1234567890123",
    " 1234",
    "1234\n",
    "12 34",
    "-1234",
    "١٢٣٤",      /* Arabic-Indic digits: the keypad types ASCII ones only. */
    "１２３４",  /* fullwidth digits */
  };

  g_assert_true (kiosk_staff_pin_is_valid ("1234"));
  g_assert_true (kiosk_staff_pin_is_valid ("123456789012"));

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *hash = NULL;

      g_test_message ("PIN “%s”", invalid[i]);
      g_assert_false (kiosk_staff_pin_is_valid (invalid[i]));
      hash = kiosk_staff_pin_hash (invalid[i], &error);
      g_assert_null (hash);
      g_assert_error (error, KIOSK_STAFF_PIN_ERROR, KIOSK_STAFF_PIN_ERROR_INVALID_PIN);
      g_assert_nonnull (strstr (error->message, "4 to 12 digits"));
    }
}

static void
test_five_failures_lock_for_five_minutes (void)
{
  g_autoptr(KioskStaffPin) pin = load_2468 ();
  gint64 fifth_failure = T0 + 40 * G_USEC_PER_SEC;
  gint64 lock_end = fifth_failure + 5 * 60 * G_USEC_PER_SEC;

  for (int i = 0; i < 4; i++)
    g_assert_cmpint (kiosk_staff_pin_check (pin, "1111", T0 + i * 10 * G_USEC_PER_SEC), ==,
                     KIOSK_STAFF_PIN_WRONG);
  g_assert_cmpuint (kiosk_staff_pin_get_failures (pin), ==, 4);
  g_assert_cmpint (kiosk_staff_pin_get_locked_until (pin), ==, 0);

  /* The fifth wrong PIN locks the panel at once. */
  g_assert_cmpint (kiosk_staff_pin_check (pin, "1111", fifth_failure), ==,
                   KIOSK_STAFF_PIN_LOCKED);
  g_assert_cmpint (kiosk_staff_pin_get_locked_until (pin), ==, lock_end);

  /* Even the right PIN, until five minutes have passed. */
  g_assert_cmpint (kiosk_staff_pin_check (pin, "2468", fifth_failure + 1), ==,
                   KIOSK_STAFF_PIN_LOCKED);
  g_assert_cmpint (kiosk_staff_pin_check (pin, "2468", fifth_failure + 4 * 60 * G_USEC_PER_SEC),
                   ==, KIOSK_STAFF_PIN_LOCKED);
  g_assert_cmpint (kiosk_staff_pin_check (pin, "2468", lock_end), ==, KIOSK_STAFF_PIN_LOCKED);
  /* Checks while locked neither count nor push the end further. */
  g_assert_cmpuint (kiosk_staff_pin_get_failures (pin), ==, 5);
  g_assert_cmpint (kiosk_staff_pin_get_locked_until (pin), ==, lock_end);

  g_assert_cmpint (kiosk_staff_pin_check (pin, "2468", lock_end + 1), ==, KIOSK_STAFF_PIN_OK);
  g_assert_cmpuint (kiosk_staff_pin_get_failures (pin), ==, 0);
  g_assert_cmpint (kiosk_staff_pin_get_locked_until (pin), ==, 0);
}

static void
test_lock_end_gives_five_new_tries (void)
{
  g_autoptr(KioskStaffPin) pin = load_2468 ();
  gint64 lock_end;

  for (int i = 0; i < 5; i++)
    kiosk_staff_pin_check (pin, "1111", T0);
  lock_end = kiosk_staff_pin_get_locked_until (pin);
  g_assert_cmpint (lock_end, ==, T0 + KIOSK_STAFF_PIN_LOCK_USEC);

  for (int i = 1; i < 5; i++)
    g_assert_cmpint (kiosk_staff_pin_check (pin, "1111", lock_end + i), ==,
                     KIOSK_STAFF_PIN_WRONG);
  g_assert_cmpint (kiosk_staff_pin_check (pin, "1111", lock_end + 5), ==,
                   KIOSK_STAFF_PIN_LOCKED);
  /* The second lock lasts twice as long as the first. */
  g_assert_cmpint (kiosk_staff_pin_get_locked_until (pin), ==,
                   lock_end + 5 + 2 * KIOSK_STAFF_PIN_LOCK_USEC);
}

/* Someone trying every PIN over days: each lock lasts twice as long as
 * the last, 5, 10, 20, 40 minutes, then an hour each time — some 135
 * tries a day instead of 1440 — and the right PIN, once a lock is over,
 * brings the next one back to 5 minutes.
 */
static void
test_locks_grow_longer (void)
{
  static const int minutes[] = { 5, 10, 20, 40, 60, 60 };
  g_autoptr(KioskStaffPin) pin = load_2468 ();
  gint64 now = T0;

  for (guint lock = 0; lock < G_N_ELEMENTS (minutes); lock++)
    {
      for (int i = 0; i < KIOSK_STAFF_PIN_MAX_FAILURES - 1; i++)
        g_assert_cmpint (kiosk_staff_pin_check (pin, "1111", now), ==, KIOSK_STAFF_PIN_WRONG);
      g_assert_cmpint (kiosk_staff_pin_check (pin, "1111", now), ==, KIOSK_STAFF_PIN_LOCKED);
      g_assert_cmpint (kiosk_staff_pin_get_locked_until (pin) - now, ==,
                       (gint64) minutes[lock] * 60 * G_USEC_PER_SEC);
      now = kiosk_staff_pin_get_locked_until (pin) + 1;
    }

  g_assert_cmpint (kiosk_staff_pin_check (pin, "2468", now), ==, KIOSK_STAFF_PIN_OK);
  for (int i = 0; i < KIOSK_STAFF_PIN_MAX_FAILURES; i++)
    kiosk_staff_pin_check (pin, "1111", now);
  g_assert_cmpint (kiosk_staff_pin_get_locked_until (pin) - now, ==, KIOSK_STAFF_PIN_LOCK_USEC);
}

static void
test_success_resets_the_count (void)
{
  g_autoptr(KioskStaffPin) pin = load_2468 ();

  for (int i = 0; i < 4; i++)
    g_assert_cmpint (kiosk_staff_pin_check (pin, "1111", T0), ==, KIOSK_STAFF_PIN_WRONG);
  g_assert_cmpint (kiosk_staff_pin_check (pin, "2468", T0), ==, KIOSK_STAFF_PIN_OK);
  g_assert_cmpuint (kiosk_staff_pin_get_failures (pin), ==, 0);

  /* Four more mistakes are not five in a row. */
  for (int i = 0; i < 4; i++)
    g_assert_cmpint (kiosk_staff_pin_check (pin, "1111", T0), ==, KIOSK_STAFF_PIN_WRONG);
  g_assert_cmpint (kiosk_staff_pin_check (pin, "2468", T0), ==, KIOSK_STAFF_PIN_OK);
}

static void
test_written_file_is_private (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskStaffPin) pin = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *dir = test_path ("pin-dir");
  g_autofree char *path = g_build_filename (dir, "staff-pin", NULL);
  g_autoptr(GDir) listing = NULL;
  gboolean written;
  mode_t old_umask;

  /* An admin made the file by hand first, readable by everyone. */
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "", -1, NULL));
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);

  /* Whatever the admin's umask. */
  old_umask = umask (0277);
  written = kiosk_staff_pin_write_file (path, HASH_OF_2468, &error);
  umask (old_umask);
  g_assert_no_error (error);
  g_assert_true (written);

  g_assert_cmpint (file_mode (path), ==, 0600);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, HASH_OF_2468 "\n");

  /* No temporary file left beside it. */
  listing = g_dir_open (dir, 0, NULL);
  g_assert_cmpstr (g_dir_read_name (listing), ==, "staff-pin");
  g_assert_null (g_dir_read_name (listing));

  pin = kiosk_staff_pin_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kiosk_staff_pin_check (pin, "2468", T0), ==, KIOSK_STAFF_PIN_OK);
}

static void
test_rewrite_keeps_the_owner (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *hash = NULL;
  GStatBuf info;

  if (geteuid () != 0)
    {
      g_test_skip ("only root can give a file to the kiosk's user");
      return;
    }

  path = write_private_file ("owned-pin", HASH_OF_2468 "\n");
  hash = kiosk_staff_pin_hash ("9753", &error);
  g_assert_no_error (error);

  /* The kiosk's own user owns the file; root replaces the PIN. */
  g_assert_cmpint (chown (path, 65534, 65534), ==, 0);
  g_assert_true (kiosk_staff_pin_write_file (path, hash, &error));
  g_assert_no_error (error);

  g_assert_cmpint (g_stat (path, &info), ==, 0);
  g_assert_cmpuint (info.st_uid, ==, 65534);
  g_assert_cmpuint (info.st_gid, ==, 65534);
  g_assert_cmpint (info.st_mode & 07777, ==, 0600);
}

static void
test_failed_write_keeps_the_old_pin (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskStaffPin) pin = NULL;
  g_autofree char *path = write_private_file ("kept-pin", HASH_OF_2468 "\n");
  g_autofree char *nowhere = test_path ("no-such-folder/staff-pin");

  g_assert_false (kiosk_staff_pin_write_file (path, "2468", &error));
  g_assert_error (error, KIOSK_STAFF_PIN_ERROR, KIOSK_STAFF_PIN_ERROR_INVALID_FILE);
  g_clear_error (&error);

  g_assert_false (kiosk_staff_pin_write_file (nowhere, HASH_OF_2468, &error));
  g_assert_error (error, KIOSK_STAFF_PIN_ERROR, KIOSK_STAFF_PIN_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, nowhere));
  g_assert_nonnull (strstr (error->message, "the PIN was not changed"));
  g_clear_error (&error);

  pin = kiosk_staff_pin_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kiosk_staff_pin_check (pin, "2468", T0), ==, KIOSK_STAFF_PIN_OK);
}

static void
test_file_readable_by_others_is_refused (void)
{
  static const mode_t modes[] = { 0644, 0640, 0604, 0620, 0602, 0660 };
  g_autofree char *path = write_private_file ("shared-pin", HASH_OF_2468 "\n");

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_test_message ("mode %04o", (unsigned int) modes[i]);
      g_assert_cmpint (g_chmod (path, modes[i]), ==, 0);
      assert_load_fails (path, KIOSK_STAFF_PIN_ERROR_NOT_PRIVATE, "chmod 600");
    }

  /* Doing what the message says is enough. */
  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
  assert_pin_file_opens_with (path, "2468", "1234");
}

static void
test_empty_file_is_refused (void)
{
  g_autofree char *empty = write_private_file ("empty-pin", "");
  g_autofree char *blank = write_private_file ("blank-pin", "\n  \n");

  assert_load_fails (empty, KIOSK_STAFF_PIN_ERROR_INVALID_FILE, "is empty");
  assert_load_fails (blank, KIOSK_STAFF_PIN_ERROR_INVALID_FILE, "is empty");
  assert_load_fails (blank, KIOSK_STAFF_PIN_ERROR_INVALID_FILE, "pimms-kiosk-admin set-pin");
}

static void
test_garbled_file_is_refused (void)
{
  static const char * const garbled[] = {
    "2468\n",
    "hello world\n",
    /* cut short */
    "$y$j9T$XrjF5E3U3G.CUXoP9z8P71$x153.TIrR\n",
    "$y$j9T$XrjF5E3U3G.CUXoP9z8P71$\n",
    /* a salt libxcrypt cannot decode */
    "$y$j9T$pimmsyescryptsalt$x153.TIrR.7cp3CCtyUow3TzkACLcgJesLyDaMGUZ7D\n",
    /* unknown parameters */
    "$y$zzz$XrjF5E3U3G.CUXoP9z8P71$x153.TIrR.7cp3CCtyUow3TzkACLcgJesLyDaMGUZ7D\n",
    /* two hashes */
    HASH_OF_2468 "\n" HASH_OF_2468 "\n",
    HASH_OF_2468 " trailing words\n",
    "$y$j9T$XrjF5E3U3G.CUXoP9z8P71$x153.TIrR.7cp3CCtyUow3TzkACLcgJesLyDaMGUZ7D$\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (garbled); i++)
    {
      g_autofree char *path = write_private_file ("garbled-pin", garbled[i]);

      assert_load_fails (path, KIOSK_STAFF_PIN_ERROR_INVALID_FILE, "pimms-kiosk-admin set-pin");
    }

  {
    g_autoptr(GError) error = NULL;
    g_autofree char *path = kiosk_test_write_file ("binary-pin", "");
    static const char binary[] = HASH_OF_2468 "\0\n";

    g_assert_true (g_file_set_contents (path, binary, sizeof binary - 1, &error));
    g_assert_cmpint (g_chmod (path, 0600), ==, 0);
    assert_load_fails (path, KIOSK_STAFF_PIN_ERROR_INVALID_FILE, "yescrypt");
  }
  {
    /* Only the start of a big file is read, and that is not enough. */
    g_autofree char *padding = g_strnfill (4096, ' ');
    g_autofree char *big = g_strconcat (HASH_OF_2468, padding, "\n", NULL);
    g_autofree char *path = write_private_file ("big-pin", big);

    assert_load_fails (path, KIOSK_STAFF_PIN_ERROR_INVALID_FILE, "yescrypt");
  }
}

static void
test_old_hashes_are_refused (void)
{
  /* The right PIN, hashed with methods too cheap for a four-digit PIN. */
  static const char * const old_hashes[] = {
    "ab9amhOK1hvRE\n",
    "$1$pimmsmd5$uNenO6SzTlZy95UjcrtSz0\n",
    "$6$pimmssha512$76VNmiffLY/DZIOH3f/u.lZFFuPFEEw5rlhApWqWrkWVV/Wl4qjdJtK.Yd8Q34F8L."
    "eabIePIq3pRAeU9cdrg.\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (old_hashes); i++)
    {
      g_autofree char *path = write_private_file ("old-pin", old_hashes[i]);

      assert_load_fails (path, KIOSK_STAFF_PIN_ERROR_INVALID_FILE,
                         "does not hold a yescrypt hash");
    }
}

static void
test_missing_or_not_a_file_is_refused (void)
{
  g_autofree char *absent = test_path ("absent-pin");
  g_autofree char *folder = test_path ("folder-pin");
  g_autofree char *pipe = test_path ("pipe-pin");
  g_autofree char *good = write_private_file ("linked-pin", HASH_OF_2468 "\n");
  g_autofree char *link = test_path ("link-pin");

  assert_load_fails (absent, KIOSK_STAFF_PIN_ERROR_UNREADABLE, "stays locked");

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  assert_load_fails (folder, KIOSK_STAFF_PIN_ERROR_UNREADABLE, "not a regular file");

  /* Refused at once, rather than waiting for someone to write into it. */
  g_assert_cmpint (mkfifo (pipe, 0600), ==, 0);
  assert_load_fails (pipe, KIOSK_STAFF_PIN_ERROR_UNREADABLE, "not a regular file");

  /* A device would be read without end. */
  assert_load_fails ("/dev/zero", KIOSK_STAFF_PIN_ERROR_UNREADABLE, "not a regular file");

  /* Not even to a good hash: a link could point the panel at any file. */
  g_assert_cmpint (symlink (good, link), ==, 0);
  assert_load_fails (link, KIOSK_STAFF_PIN_ERROR_UNREADABLE, "symbolic link");
  assert_load_fails (link, KIOSK_STAFF_PIN_ERROR_UNREADABLE, "stays locked");
}

/* pimms-kiosk-admin set-pin, as an admin or a script runs it. */

static GSubprocessLauncher *
admin_launcher (GSubprocessFlags flags)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (flags |
                                                             G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                             G_SUBPROCESS_FLAGS_STDERR_PIPE);

  /* The messages the tests look for are the English ones. */
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  return launcher;
}

/* Runs set-pin with ARGUMENTS… (NULL-terminated) and @input on stdin.
 * The input is a file rather than a pipe: set-pin refuses bad arguments
 * without reading it, and writing to a pipe nobody reads would fail, or
 * kill the test with SIGPIPE, depending on which side is faster.
 */
static void
run_set_pin (KioskTestRun *run,
             const char   *input,
             ...)
{
  g_autoptr(GSubprocessLauncher) launcher = admin_launcher (G_SUBPROCESS_FLAGS_NONE);
  g_autofree char *input_path = kiosk_test_write_file ("set-pin-input", input);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *argument;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("KIOSK_ADMIN_BINARY"));
  g_ptr_array_add (argv, (gpointer) "set-pin");
  va_start (args, input);
  while ((argument = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) argument);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_set_stdin_file_path (launcher, input_path);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_exit_status (process);
  g_test_message ("exit %d\nstdout:\n%s\nstderr:\n%s", run->status, run->out, run->err);
}

static void
test_set_pin_from_stdin (void)
{
  g_auto(KioskTestRun) run = { 0 };
  g_autofree char *path = test_path ("staff-pin");
  g_autofree char *file_arg = g_strconcat ("--file=", path, NULL);

  run_set_pin (&run, "80241357\n", file_arg, NULL);

  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, path));
  g_assert_cmpstr (run.err, ==, "");
  g_assert_null (strstr (run.out, "80241357"));
  assert_pin_file_opens_with (path, "80241357", "80241358");
}

static void
test_set_pin_from_a_windows_script (void)
{
  g_auto(KioskTestRun) run = { 0 };
  g_autofree char *path = test_path ("staff-pin");
  g_autofree char *file_arg = g_strconcat ("--file=", path, NULL);

  run_set_pin (&run, "5678\r\n", file_arg, NULL);

  g_assert_cmpint (run.status, ==, 0);
  assert_pin_file_opens_with (path, "5678", "5679");
}

static void
test_set_pin_uses_the_config_file (void)
{
  g_auto(KioskTestRun) run = { 0 };
  g_autofree char *path = test_path ("configured-pin");
  g_autofree char *config_contents = g_strdup_printf ("[Kiosk]\n"
                                                      "StationId=test-01\n"
                                                      "StaffPinFile=%s\n"
                                                      "[Service caf]\n"
                                                      "Name=CAF\n"
                                                      "Url=https://www.caf.fr/\n"
                                                      "Allow=*.caf.fr\n"
                                                      "Category=famille\n", path);
  g_autofree char *config = kiosk_test_write_file ("pin.conf", config_contents);
  g_autofree char *config_arg = g_strconcat ("--config=", config, NULL);

  run_set_pin (&run, "4321\n", config_arg, NULL);

  g_assert_cmpint (run.status, ==, 0);
  assert_pin_file_opens_with (path, "4321", "1234");
}

static void
test_set_pin_refuses_a_bad_pin (void)
{
  static const char * const bad[] = { "12\n", "12ab\n", "1234567890123\n", "\n", "١٢٣٤\n" };
  g_autofree char *path = write_private_file ("staff-pin", HASH_OF_2468 "\n");
  g_autofree char *file_arg = g_strconcat ("--file=", path, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_auto(KioskTestRun) run = { 0 };

      run_set_pin (&run, bad[i], file_arg, NULL);
      g_assert_cmpint (run.status, ==, 1);
      g_assert_nonnull (strstr (run.err, "4 to 12 digits"));
      g_assert_nonnull (strstr (run.err, "the PIN was not changed"));
      g_assert_cmpstr (run.out, ==, "");
    }

  /* Nothing was lost: the old PIN still opens the panel. */
  assert_pin_file_opens_with (path, "2468", "1234");
}

static void
test_set_pin_without_input (void)
{
  g_auto(KioskTestRun) run = { 0 };
  g_autofree char *path = test_path ("staff-pin");
  g_autofree char *file_arg = g_strconcat ("--file=", path, NULL);

  run_set_pin (&run, "", file_arg, NULL);

  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "no PIN on standard input"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_set_pin_usage_errors (void)
{
  g_autofree char *path = test_path ("staff-pin");
  g_autofree char *file_arg = g_strconcat ("--file=", path, NULL);
  g_autofree char *broken = kiosk_test_write_file ("broken.conf", "[Kiosk]\nnot a key\n");
  g_autofree char *broken_arg = g_strconcat ("--config=", broken, NULL);
  g_autofree char *relative = kiosk_test_write_file ("relative.conf",
                                                     "[Kiosk]\n"
                                                     "StaffPinFile=staff-pin\n"
                                                     "[Service caf]\n"
                                                     "Name=CAF\n"
                                                     "Url=https://www.caf.fr/\n"
                                                     "Allow=*.caf.fr\n"
                                                     "Category=famille\n");
  g_autofree char *relative_arg = g_strconcat ("--config=", relative, NULL);

  {
    g_auto(KioskTestRun) run = { 0 };

    run_set_pin (&run, "2468\n", file_arg, "extra", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "extra"));
  }
  {
    g_auto(KioskTestRun) run = { 0 };

    run_set_pin (&run, "2468\n", "--frobnicate", NULL);
    g_assert_cmpint (run.status, ==, 2);
  }
  {
    g_auto(KioskTestRun) run = { 0 };

    run_set_pin (&run, "2468\n", broken_arg, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "broken.conf:2: syntax error"));
    g_assert_nonnull (strstr (run.err, "--file"));
  }
  {
    g_auto(KioskTestRun) run = { 0 };

    run_set_pin (&run, "2468\n", relative_arg, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "StaffPinFile"));
  }

  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* set-pin in a terminal: a pseudo-terminal is the command's controlling
 * terminal, and the test types into it and reads what it shows.
 */
typedef struct
{
  int          master;
  int          slave;
  GSubprocess *process;
  GString     *screen;
} Terminal;

static void
become_session_leader_cb (gpointer user_data)
{
  /* In the child, just before exec: a new session whose controlling
   * terminal is the pseudo-terminal on stdin, which /dev/tty then names.
   */
  setsid ();
  ioctl (STDIN_FILENO, TIOCSCTTY, 0);
}

static void
terminal_start (Terminal   *terminal,
                const char *path)
{
  g_autoptr(GSubprocessLauncher) launcher = admin_launcher (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GError) error = NULL;
  g_autofree char *file_arg = g_strconcat ("--file=", path, NULL);

  terminal->master = posix_openpt (O_RDWR | O_NOCTTY | O_CLOEXEC);
  g_assert_cmpint (terminal->master, >=, 0);
  g_assert_cmpint (grantpt (terminal->master), ==, 0);
  g_assert_cmpint (unlockpt (terminal->master), ==, 0);
  terminal->slave = g_open (ptsname (terminal->master), O_RDWR | O_NOCTTY | O_CLOEXEC, 0);
  g_assert_cmpint (terminal->slave, >=, 0);
  terminal->screen = g_string_new (NULL);

  g_subprocess_launcher_take_stdin_fd (launcher, dup (terminal->slave));
  g_subprocess_launcher_set_child_setup (launcher, become_session_leader_cb, NULL, NULL);
  terminal->process = g_subprocess_launcher_spawn (launcher, &error,
                                                   g_getenv ("KIOSK_ADMIN_BINARY"),
                                                   "set-pin", file_arg, NULL);
  g_assert_no_error (error);
}

static void
terminal_wait_for (Terminal   *terminal,
                   const char *text)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (strstr (terminal->screen->str, text) == NULL)
    {
      struct pollfd ready = { terminal->master, POLLIN, 0 };
      int timeout_ms = (deadline - g_get_monotonic_time ()) / 1000;
      char buffer[256];
      gssize count;

      if (timeout_ms <= 0)
        g_error ("“%s” never appeared on the terminal, which shows:\n%s", text,
                 terminal->screen->str);
      if (poll (&ready, 1, timeout_ms) <= 0)
        continue;

      count = read (terminal->master, buffer, sizeof buffer);
      g_assert_cmpint (count, >, 0);
      g_string_append_len (terminal->screen, buffer, count);
    }
}

static void
terminal_type (Terminal   *terminal,
               const char *line)
{
  g_assert_cmpint (write (terminal->master, line, strlen (line)), ==, strlen (line));
}

static void
terminal_finish (Terminal     *terminal,
                 KioskTestRun *run)
{
  g_autoptr(GError) error = NULL;
  struct termios settings;

  g_subprocess_communicate_utf8 (terminal->process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_test_message ("terminal:\n%s\nstdout:\n%s\nstderr:\n%s", terminal->screen->str, run->out,
                  run->err);

  /* The terminal shows what is typed again. */
  g_assert_cmpint (tcgetattr (terminal->slave, &settings), ==, 0);
  g_assert_true (settings.c_lflag & ECHO);
}

static void
terminal_clear (Terminal *terminal)
{
  g_clear_object (&terminal->process);
  if (terminal->screen != NULL)
    g_string_free (g_steal_pointer (&terminal->screen), TRUE);
  if (terminal->slave > 0)
    close (terminal->slave);
  if (terminal->master > 0)
    close (terminal->master);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Terminal, terminal_clear)

static void
test_set_pin_in_a_terminal (void)
{
  g_auto(Terminal) terminal = { 0 };
  g_auto(KioskTestRun) run = { 0 };
  g_autofree char *path = test_path ("staff-pin");

  terminal_start (&terminal, path);
  terminal_wait_for (&terminal, "New staff PIN (4 to 12 digits): ");
  terminal_type (&terminal, "975310\n");
  terminal_wait_for (&terminal, "The same PIN again: ");
  terminal_type (&terminal, "975310\n");
  terminal_finish (&terminal, &run);

  g_assert_true (g_subprocess_get_if_exited (terminal.process));
  g_assert_cmpint (g_subprocess_get_exit_status (terminal.process), ==, 0);
  g_assert_nonnull (strstr (run.out, path));
  /* Typed twice, shown never. */
  g_assert_null (strstr (terminal.screen->str, "975310"));
  g_assert_null (strstr (run.out, "975310"));
  g_assert_null (strstr (run.err, "975310"));
  assert_pin_file_opens_with (path, "975310", "975311");
}

static void
test_set_pin_confirmation_differs (void)
{
  g_auto(Terminal) terminal = { 0 };
  g_auto(KioskTestRun) run = { 0 };
  g_autofree char *path = write_private_file ("staff-pin", HASH_OF_2468 "\n");

  terminal_start (&terminal, path);
  terminal_wait_for (&terminal, "New staff PIN (4 to 12 digits): ");
  terminal_type (&terminal, "975310\n");
  terminal_wait_for (&terminal, "The same PIN again: ");
  terminal_type (&terminal, "975301\n");
  terminal_finish (&terminal, &run);

  g_assert_cmpint (g_subprocess_get_exit_status (terminal.process), ==, 1);
  g_assert_nonnull (strstr (run.err, "the two PINs differ; the PIN was not changed"));
  assert_pin_file_opens_with (path, "2468", "975310");
}

static void
test_set_pin_bad_pin_in_a_terminal (void)
{
  g_auto(Terminal) terminal = { 0 };
  g_auto(KioskTestRun) run = { 0 };
  g_autofree char *path = write_private_file ("staff-pin", HASH_OF_2468 "\n");

  terminal_start (&terminal, path);
  terminal_wait_for (&terminal, "New staff PIN (4 to 12 digits): ");
  terminal_type (&terminal, "97a\n");
  terminal_finish (&terminal, &run);

  /* Refused at once, without asking a second time. */
  g_assert_cmpint (g_subprocess_get_exit_status (terminal.process), ==, 1);
  g_assert_null (strstr (terminal.screen->str, "The same PIN again"));
  g_assert_nonnull (strstr (run.err, "4 to 12 digits"));
  assert_pin_file_opens_with (path, "2468", "1234");
}

static void
test_set_pin_interrupted (void)
{
  g_auto(Terminal) terminal = { 0 };
  g_auto(KioskTestRun) run = { 0 };
  g_autofree char *path = write_private_file ("staff-pin", HASH_OF_2468 "\n");

  terminal_start (&terminal, path);
  terminal_wait_for (&terminal, "New staff PIN (4 to 12 digits): ");
  g_subprocess_send_signal (terminal.process, SIGINT);
  terminal_finish (&terminal, &run);

  g_assert_true (g_subprocess_get_if_signaled (terminal.process));
  g_assert_cmpint (g_subprocess_get_term_sig (terminal.process), ==, SIGINT);
  assert_pin_file_opens_with (path, "2468", "1234");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/staff-pin/hash/format", test_hash_format);
  g_test_add_func ("/core/staff-pin/hash/is-salted", test_hash_is_salted);
  g_test_add_func ("/core/staff-pin/check/right-and-wrong", test_right_and_wrong_pin);
  g_test_add_func ("/core/staff-pin/check/invalid-pins-are-refused",
                   test_invalid_pins_are_refused);
  g_test_add_func ("/core/staff-pin/lockout/five-failures-lock-for-five-minutes",
                   test_five_failures_lock_for_five_minutes);
  g_test_add_func ("/core/staff-pin/lockout/lock-end-gives-five-new-tries",
                   test_lock_end_gives_five_new_tries);
  g_test_add_func ("/core/staff-pin/lockout/locks-grow-longer", test_locks_grow_longer);
  g_test_add_func ("/core/staff-pin/lockout/success-resets-the-count",
                   test_success_resets_the_count);
  g_test_add_func ("/core/staff-pin/file/written-private", test_written_file_is_private);
  g_test_add_func ("/core/staff-pin/file/rewrite-keeps-the-owner", test_rewrite_keeps_the_owner);
  g_test_add_func ("/core/staff-pin/file/failed-write-keeps-the-old-pin",
                   test_failed_write_keeps_the_old_pin);
  g_test_add_func ("/core/staff-pin/file/readable-by-others-is-refused",
                   test_file_readable_by_others_is_refused);
  g_test_add_func ("/core/staff-pin/file/empty-is-refused", test_empty_file_is_refused);
  g_test_add_func ("/core/staff-pin/file/garbled-is-refused", test_garbled_file_is_refused);
  g_test_add_func ("/core/staff-pin/file/old-hashes-are-refused", test_old_hashes_are_refused);
  g_test_add_func ("/core/staff-pin/file/missing-or-not-a-file-is-refused",
                   test_missing_or_not_a_file_is_refused);
  g_test_add_func ("/core/staff-pin/set-pin/from-stdin", test_set_pin_from_stdin);
  g_test_add_func ("/core/staff-pin/set-pin/from-a-windows-script",
                   test_set_pin_from_a_windows_script);
  g_test_add_func ("/core/staff-pin/set-pin/uses-the-config-file",
                   test_set_pin_uses_the_config_file);
  g_test_add_func ("/core/staff-pin/set-pin/refuses-a-bad-pin", test_set_pin_refuses_a_bad_pin);
  g_test_add_func ("/core/staff-pin/set-pin/without-input", test_set_pin_without_input);
  g_test_add_func ("/core/staff-pin/set-pin/usage-errors", test_set_pin_usage_errors);
  g_test_add_func ("/core/staff-pin/set-pin/in-a-terminal", test_set_pin_in_a_terminal);
  g_test_add_func ("/core/staff-pin/set-pin/confirmation-differs",
                   test_set_pin_confirmation_differs);
  g_test_add_func ("/core/staff-pin/set-pin/bad-pin-in-a-terminal",
                   test_set_pin_bad_pin_in_a_terminal);
  g_test_add_func ("/core/staff-pin/set-pin/interrupted", test_set_pin_interrupted);

  return g_test_run ();
}
