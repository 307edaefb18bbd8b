/* kiosk-staff-pin.c — the médiateurs' PIN: hashed on disk, checked with a lockout
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-staff-pin"

#include "config.h"

#include "kiosk-staff-pin.h"

#include "kiosk-files.h"

#include <glib/gstdio.h>
#include <crypt.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* yescrypt, as Debian uses for login passwords; its cost factor is
 * libxcrypt's default. A PIN has few possible values, so the cost of each
 * guess is what slows down someone who copied the file; at 5 a check takes
 * about a tenth of a second, which a médiateur tapping a PIN does not
 * notice.
 */
#define HASH_PREFIX "$y$"
#define HASH_COST 5

/* The encoded 256-bit result at the end of a yescrypt hash. */
#define HASH_RESULT_LENGTH 43

/* crypt's base-64 alphabet, the only characters a hash is made of. */
#define CRYPT_ALPHABET "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

/* A yescrypt hash is about 73 bytes; a file much larger does not hold one. */
#define MAX_FILE_SIZE 512

struct _KioskStaffPin
{
  GObject  parent_instance;

  char    *hash;
  guint    failures;
  gint64   locked_until;
  gint64   lock_usec;
};

G_DEFINE_FINAL_TYPE (KioskStaffPin, kiosk_staff_pin, G_TYPE_OBJECT)

G_DEFINE_QUARK (kiosk-staff-pin-error-quark, kiosk_staff_pin_error)

typedef struct crypt_data KioskCryptData;

static KioskCryptData *
crypt_data_new (void)
{
  /* crypt_r wants its data zeroed before the first use. */
  return g_new0 (KioskCryptData, 1);
}

/* crypt_r leaves the PIN, or what it computed from it, in its scratch
 * space: nothing of it may stay behind in freed memory.
 */
static void
crypt_data_free (KioskCryptData *data)
{
  explicit_bzero (data, sizeof *data);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KioskCryptData, crypt_data_free)

/* crypt_r returns a string starting with '*', not NULL, when it fails. */
static gboolean
crypt_failed (const char *result)
{
  return result == NULL || result[0] == '*';
}

/* Takes as long whatever the first differing byte is, so that the time a
 * check takes says nothing about how close a guess came. The lengths are
 * no secret: hashes with the same parameters all have the same length.
 */
static gboolean
equal_in_constant_time (const char *a,
                        const char *b)
{
  gsize length = strlen (a);
  guint8 difference = 0;

  if (length != strlen (b))
    return FALSE;

  for (gsize i = 0; i < length; i++)
    difference |= (guint8) a[i] ^ (guint8) b[i];

  return difference == 0;
}

/* "$y$PARAMETERS$SALT$RESULT", as crypt_r writes it. */
static gboolean
is_yescrypt_hash (const char *text)
{
  g_auto(GStrv) fields = NULL;

  if (!g_str_has_prefix (text, HASH_PREFIX) || strlen (text) >= CRYPT_OUTPUT_SIZE)
    return FALSE;

  fields = g_strsplit (text + strlen (HASH_PREFIX), "$", -1);
  if (g_strv_length (fields) != 3)
    return FALSE;

  for (guint i = 0; i < 3; i++)
    {
      if (fields[i][0] == '\0' || strspn (fields[i], CRYPT_ALPHABET) != strlen (fields[i]))
        return FALSE;
    }

  return strlen (fields[2]) == HASH_RESULT_LENGTH;
}

/* Whether libxcrypt accepts the hash's parameters and salt, tried once
 * when the file is loaded: a damaged file is then an error that names it,
 * rather than a right PIN refused forever.
 */
static gboolean
is_usable_hash (const char *text)
{
  g_autoptr(KioskCryptData) data = NULL;

  if (!is_yescrypt_hash (text))
    return FALSE;

  data = crypt_data_new ();
  return !crypt_failed (crypt_r ("", text, data));
}

static void
kiosk_staff_pin_finalize (GObject *object)
{
  KioskStaffPin *self = KIOSK_STAFF_PIN (object);

  /* Not the PIN, but what a guesser would need to try PINs offline. */
  if (self->hash != NULL)
    explicit_bzero (self->hash, strlen (self->hash));
  g_free (self->hash);

  G_OBJECT_CLASS (kiosk_staff_pin_parent_class)->finalize (object);
}

static void
kiosk_staff_pin_class_init (KioskStaffPinClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kiosk_staff_pin_finalize;
}

static void
kiosk_staff_pin_init (KioskStaffPin *self)
{
}

/**
 * kiosk_staff_pin_is_valid:
 * @pin: (nullable): a PIN someone chose
 *
 * A staff PIN is made of %KIOSK_STAFF_PIN_MIN_LENGTH to
 * %KIOSK_STAFF_PIN_MAX_LENGTH ASCII digits. Digits only, because the staff
 * panel is opened on the station's touch screen, whose keypad has large
 * keys that are the same in every language and keyboard layout. With the
 * lockout, four digits already take days of trying at the reception desk.
 *
 * Returns: %TRUE when @pin may be a staff PIN
 */
gboolean
kiosk_staff_pin_is_valid (const char *pin)
{
  gsize length;

  if (pin == NULL)
    return FALSE;

  length = strlen (pin);
  if (length < KIOSK_STAFF_PIN_MIN_LENGTH || length > KIOSK_STAFF_PIN_MAX_LENGTH)
    return FALSE;

  for (gsize i = 0; i < length; i++)
    {
      if (!g_ascii_isdigit (pin[i]))
        return FALSE;
    }

  return TRUE;
}

/**
 * kiosk_staff_pin_hash:
 * @pin: the new PIN
 * @error: return location for a #KIOSK_STAFF_PIN_ERROR
 *
 * Hashes @pin with yescrypt and a new random salt, for
 * kiosk_staff_pin_write_file(). The PIN itself is kept nowhere.
 *
 * Returns: (transfer full): the hash, "$y$…", or %NULL with @error set
 */
char *
kiosk_staff_pin_hash (const char  *pin,
                      GError     **error)
{
  g_autoptr(KioskCryptData) data = NULL;
  char setting[CRYPT_GENSALT_OUTPUT_SIZE];
  const char *hash;

  g_return_val_if_fail (pin != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!kiosk_staff_pin_is_valid (pin))
    {
      g_set_error (error, KIOSK_STAFF_PIN_ERROR, KIOSK_STAFF_PIN_ERROR_INVALID_PIN,
                   "A staff PIN is %d to %d digits (0 to 9)",
                   KIOSK_STAFF_PIN_MIN_LENGTH, KIOSK_STAFF_PIN_MAX_LENGTH);
      return NULL;
    }

  /* Without random bytes given, libxcrypt takes them from the kernel. */
  if (crypt_gensalt_rn (HASH_PREFIX, HASH_COST, NULL, 0, setting, sizeof setting) == NULL)
    {
      int saved_errno = errno;

      g_set_error (error, KIOSK_STAFF_PIN_ERROR, KIOSK_STAFF_PIN_ERROR_CRYPT,
                   "Could not make a random salt for the staff PIN: %s",
                   g_strerror (saved_errno));
      return NULL;
    }

  data = crypt_data_new ();
  hash = crypt_r (pin, setting, data);
  if (crypt_failed (hash))
    {
      int saved_errno = errno;

      g_set_error (error, KIOSK_STAFF_PIN_ERROR, KIOSK_STAFF_PIN_ERROR_CRYPT,
                   "Could not hash the staff PIN with yescrypt: %s", g_strerror (saved_errno));
      return NULL;
    }

  return g_strdup (hash);
}

/* Gives the new file its mode, owner and contents; returns 0 or an errno. */
static int
fill_file (int         fd,
           const char *path,
           const char *contents)
{
  struct stat old_info;
  struct stat new_info;
  gsize length = strlen (contents);
  gsize written = 0;

  /* Exactly 0600, whatever the umask. */
  if (fchmod (fd, 0600) != 0 || fstat (fd, &new_info) != 0)
    return errno;

  /* The kiosk reads the file as its own user: an admin replacing the PIN
   * as root must leave the file to that user, as it was.
   */
  if (lstat (path, &old_info) == 0 && S_ISREG (old_info.st_mode) &&
      (old_info.st_uid != new_info.st_uid || old_info.st_gid != new_info.st_gid) &&
      fchown (fd, old_info.st_uid, old_info.st_gid) != 0)
    return errno;

  while (written < length)
    {
      gssize count = write (fd, contents + written, length - written);

      if (count < 0 && errno == EINTR)
        continue;
      if (count < 0)
        return errno;
      written += count;
    }

  /* Otherwise the rename could reach the disk before the contents, and a
   * power cut leave an empty file: a panel that no PIN opens.
   */
  if (fsync (fd) != 0)
    return errno;

  return 0;
}

/**
 * kiosk_staff_pin_write_file:
 * @path: the StaffPinFile
 * @hash: a hash from kiosk_staff_pin_hash()
 * @error: return location for a #KIOSK_STAFF_PIN_ERROR
 *
 * Replaces @path at once with a file of mode 0600 holding @hash on one
 * line: a kiosk reading it at the same moment finds the old PIN or the
 * new one, never half a file. An existing file's owner and group are kept,
 * so that the kiosk's user can still read it when root replaces it.
 *
 * Returns: %TRUE on success; otherwise the old file is left as it was
 */
gboolean
kiosk_staff_pin_write_file (const char  *path,
                            const char  *hash,
                            GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *temp_name = NULL;
  g_autofree char *temp_path = NULL;
  g_autofree char *contents = NULL;
  int saved_errno;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (hash != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!is_yescrypt_hash (hash))
    {
      g_set_error (error, KIOSK_STAFF_PIN_ERROR, KIOSK_STAFF_PIN_ERROR_INVALID_FILE,
                   "Refusing to write %s: what was given is not a yescrypt hash", path);
      return FALSE;
    }

  /* Beside the file, so that the rename stays on one file system. */
  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  temp_name = g_strdup_printf (".%s.XXXXXX", base);
  temp_path = g_build_filename (dir, temp_name, NULL);
  contents = g_strconcat (hash, "\n", NULL);

  fd = g_mkstemp_full (temp_path, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    saved_errno = errno;
  else
    {
      saved_errno = fill_file (fd, path, contents);
      if (close (fd) != 0 && saved_errno == 0)
        saved_errno = errno;
      if (saved_errno == 0 && g_rename (temp_path, path) != 0)
        saved_errno = errno;
      if (saved_errno != 0)
        g_unlink (temp_path);
    }

  if (saved_errno != 0)
    {
      g_set_error (error, KIOSK_STAFF_PIN_ERROR, KIOSK_STAFF_PIN_ERROR_WRITE,
                   "Could not write the staff PIN file %s: %s; the PIN was not changed",
                   path, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

/* An old hash (DES, MD5, SHA-512) pasted in, or any other text. */
static void
set_not_a_hash_error (GError     **error,
                      const char  *path)
{
  g_set_error (error, KIOSK_STAFF_PIN_ERROR, KIOSK_STAFF_PIN_ERROR_INVALID_FILE,
               "The staff PIN file %s does not hold a yescrypt hash; the staff panel "
               "stays locked until the PIN is set again with “pimms-kiosk-admin set-pin”",
               path);
}

/**
 * kiosk_staff_pin_load:
 * @path: the StaffPinFile
 * @error: return location for a #KIOSK_STAFF_PIN_ERROR
 *
 * Reads the hash that pimms-kiosk-admin set-pin wrote. The panel fails
 * closed: a file that other users may read or change (they could try PINs
 * offline, or put in a hash of their own), an empty or damaged file, or a
 * hash other than yescrypt is an error whose message names the file and
 * the fix, and no PIN opens the panel. The hash is tried once, so loading
 * takes about as long as a check.
 *
 * Returns: (transfer full): the PIN to check against, or %NULL with
 *   @error set
 */
KioskStaffPin *
kiosk_staff_pin_load (const char  *path,
                      GError     **error)
{
  g_autoptr(KioskStaffPin) self = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  char *hash;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  contents = kiosk_files_read_private (path, "staff PIN file", MAX_FILE_SIZE,
                                       KIOSK_FILES_CHECK_OWNER_ONLY_MODE, &length, &local_error);

  /* Only the start of a larger file would be read, and no hash is that
   * long: such a file is told as what it is not.
   */
  if (g_error_matches (local_error, KIOSK_FILES_ERROR, KIOSK_FILES_ERROR_TOO_LARGE) ||
      (contents != NULL && memchr (contents, '\0', length) != NULL))
    {
      set_not_a_hash_error (error, path);
      return NULL;
    }

  if (contents == NULL)
    {
      g_set_error (error, KIOSK_STAFF_PIN_ERROR,
                   g_error_matches (local_error, KIOSK_FILES_ERROR, KIOSK_FILES_ERROR_NOT_PRIVATE)
                   ? KIOSK_STAFF_PIN_ERROR_NOT_PRIVATE : KIOSK_STAFF_PIN_ERROR_UNREADABLE,
                   "%s; the staff panel stays locked", local_error->message);
      return NULL;
    }

  hash = g_strstrip (contents);

  if (*hash == '\0')
    {
      g_set_error (error, KIOSK_STAFF_PIN_ERROR, KIOSK_STAFF_PIN_ERROR_INVALID_FILE,
                   "The staff PIN file %s is empty; the staff panel stays locked until a PIN "
                   "is set with “pimms-kiosk-admin set-pin”", path);
      return NULL;
    }

  if (!g_str_has_prefix (hash, HASH_PREFIX))
    {
      set_not_a_hash_error (error, path);
      return NULL;
    }

  if (!is_usable_hash (hash))
    {
      g_set_error (error, KIOSK_STAFF_PIN_ERROR, KIOSK_STAFF_PIN_ERROR_INVALID_FILE,
                   "The staff PIN file %s holds a damaged yescrypt hash; the staff panel "
                   "stays locked until the PIN is set again with “pimms-kiosk-admin set-pin”",
                   path);
      return NULL;
    }

  self = g_object_new (KIOSK_TYPE_STAFF_PIN, NULL);
  self->hash = g_strdup (hash);

  return g_steal_pointer (&self);
}

/* Any other input is just a wrong PIN. The keypad cannot type it; checking
 * it first keeps long strings away from crypt_r.
 */
static gboolean
verify (KioskStaffPin *self,
        const char    *pin)
{
  g_autoptr(KioskCryptData) data = NULL;
  const char *hash;

  if (!kiosk_staff_pin_is_valid (pin))
    return FALSE;

  data = crypt_data_new ();
  hash = crypt_r (pin, self->hash, data);
  if (crypt_failed (hash))
    {
      int saved_errno = errno;

      g_warning ("Could not hash a staff PIN to check it: %s", g_strerror (saved_errno));
      return FALSE;
    }

  return equal_in_constant_time (hash, self->hash);
}

/**
 * kiosk_staff_pin_check:
 * @self: a #KioskStaffPin
 * @pin: what was typed
 * @now_usec: the monotonic time, as g_get_monotonic_time() gives it
 *
 * Checks a PIN typed on the staff panel. After %KIOSK_STAFF_PIN_MAX_FAILURES
 * wrong PINs in a row, every check is refused for %KIOSK_STAFF_PIN_LOCK_USEC
 * from the last of them, the right PIN included: without it, four digits
 * would be found in an afternoon at a public computer. The end of a lock
 * gives as many new tries; each lock after it lasts twice as long as the
 * one before, up to %KIOSK_STAFF_PIN_MAX_LOCK_USEC, so that someone trying
 * every PIN over days gets some hundred a day rather than over a
 * thousand. The right PIN resets both.
 *
 * The count lives in memory only: a kiosk resident cannot restart the
 * kiosk. A check takes the time of one yescrypt hash (about 0.1 s); checks
 * must not overlap.
 *
 * Returns: %KIOSK_STAFF_PIN_OK, %KIOSK_STAFF_PIN_WRONG, or
 *   %KIOSK_STAFF_PIN_LOCKED when the panel is locked, including by this
 *   very attempt (then kiosk_staff_pin_get_locked_until() says how long)
 */
KioskStaffPinResult
kiosk_staff_pin_check (KioskStaffPin *self,
                       const char    *pin,
                       gint64         now_usec)
{
  g_return_val_if_fail (KIOSK_IS_STAFF_PIN (self), KIOSK_STAFF_PIN_LOCKED);
  g_return_val_if_fail (pin != NULL, KIOSK_STAFF_PIN_LOCKED);

  if (self->failures >= KIOSK_STAFF_PIN_MAX_FAILURES)
    {
      if (now_usec <= self->locked_until)
        return KIOSK_STAFF_PIN_LOCKED;

      self->failures = 0;
      self->locked_until = 0;
    }

  if (verify (self, pin))
    {
      self->failures = 0;
      self->lock_usec = 0;
      return KIOSK_STAFF_PIN_OK;
    }

  self->failures++;
  if (self->failures < KIOSK_STAFF_PIN_MAX_FAILURES)
    return KIOSK_STAFF_PIN_WRONG;

  self->lock_usec = self->lock_usec == 0
                      ? KIOSK_STAFF_PIN_LOCK_USEC
                      : MIN (2 * self->lock_usec, KIOSK_STAFF_PIN_MAX_LOCK_USEC);
  self->locked_until = now_usec + self->lock_usec;
  g_message ("%d wrong staff PINs in a row: the staff panel is locked for %d minutes",
             KIOSK_STAFF_PIN_MAX_FAILURES, (int) (self->lock_usec / (60 * G_USEC_PER_SEC)));
  return KIOSK_STAFF_PIN_LOCKED;
}

/**
 * kiosk_staff_pin_get_failures:
 * @self: a #KioskStaffPin
 *
 * Returns: how many wrong PINs were typed in a row
 */
guint
kiosk_staff_pin_get_failures (KioskStaffPin *self)
{
  g_return_val_if_fail (KIOSK_IS_STAFF_PIN (self), 0);

  return self->failures;
}

/**
 * kiosk_staff_pin_get_locked_until:
 * @self: a #KioskStaffPin
 *
 * Returns: the monotonic time up to which checks are refused (a time
 *   already past means the lock is over), or 0 when the panel was not
 *   locked since the last check
 */
gint64
kiosk_staff_pin_get_locked_until (KioskStaffPin *self)
{
  g_return_val_if_fail (KIOSK_IS_STAFF_PIN (self), 0);

  return self->failures >= KIOSK_STAFF_PIN_MAX_FAILURES ? self->locked_until : 0;
}
