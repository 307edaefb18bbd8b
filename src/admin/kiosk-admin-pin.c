/* kiosk-admin-pin.c — pimms-kiosk-admin set-pin: the staff panel's PIN
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pimms-kiosk-admin"

#include "config.h"

#include "kiosk-admin-pin.h"

#include "kiosk-admin.h"

#include "kiosk-config.h"
#include "kiosk-staff-pin.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

/* Room for the longest PIN and then some, so that a PIN too long is told
 * apart from one of the right length.
 */
#define PIN_BUFFER_SIZE 64

typedef struct
{
  char text[PIN_BUFFER_SIZE];
} PinBuffer;

/* Every way out of the command goes through here, so no copy of a PIN is
 * left on the stack.
 */
static void
pin_buffer_clear (PinBuffer *buffer)
{
  explicit_bzero (buffer->text, sizeof buffer->text);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PinBuffer, pin_buffer_clear)

/* The terminal whose echo is off and how it was, for the signal handler. */
static int quiet_tty = -1;
static struct termios saved_termios;

static const int fatal_signals[] = { SIGHUP, SIGINT, SIGQUIT, SIGTERM };

static void G_GNUC_PRINTF (1, 2)
complain (const char *format,
          ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  fprintf (stderr, "pimms-kiosk-admin set-pin: %s\n", message);
}

/* Reads one line byte by byte: a stdio buffer would keep a copy of the
 * PIN, and of whatever follows it, out of reach of pin_buffer_clear().
 * Returns FALSE on an error or when the input ends before any line.
 */
static gboolean
read_line (int        fd,
           PinBuffer *buffer)
{
  gboolean got_any = FALSE;
  gsize length = 0;
  char byte = '\0';

  for (;;)
    {
      gssize count = read (fd, &byte, 1);

      if (count < 0 && errno == EINTR)
        continue;
      if (count <= 0)
        break;

      got_any = TRUE;
      if (byte == '\n')
        break;
      if (length < sizeof buffer->text - 1)
        buffer->text[length++] = byte;
    }

  explicit_bzero (&byte, sizeof byte);

  /* A script written on Windows ends its lines with CR LF. */
  if (length > 0 && buffer->text[length - 1] == '\r')
    length--;
  buffer->text[length] = '\0';

  return got_any;
}

/* Killed while the echo is off, the command would leave the admin's shell
 * showing nothing of what is typed.
 */
static void
restore_echo_and_die_cb (int signal_number)
{
  tcsetattr (quiet_tty, TCSANOW, &saved_termios);
  signal (signal_number, SIG_DFL);
  raise (signal_number);
}

/* Asks for the PIN as passwd does, without echo, so that nobody looking
 * over the admin's shoulder sees it and the terminal keeps no trace.
 */
static gboolean
read_without_echo (int         tty,
                   const char *prompt,
                   PinBuffer  *buffer)
{
  struct sigaction previous[G_N_ELEMENTS (fatal_signals)];
  struct sigaction action = { 0 };
  struct termios quiet;
  sigset_t stop_signals;
  sigset_t old_mask;
  gboolean got_line = FALSE;
  int saved_errno = 0;

  if (tcgetattr (tty, &saved_termios) != 0)
    {
      saved_errno = errno;
      complain (_("cannot ask for the PIN on the terminal: %s"), g_strerror (saved_errno));
      return FALSE;
    }

  quiet_tty = tty;
  action.sa_handler = restore_echo_and_die_cb;
  sigemptyset (&action.sa_mask);
  for (guint i = 0; i < G_N_ELEMENTS (fatal_signals); i++)
    sigaction (fatal_signals[i], &action, &previous[i]);

  /* Stopped with Ctrl+Z, it would hand the shell a terminal without echo;
   * the stop waits until the echo is back.
   */
  sigemptyset (&stop_signals);
  sigaddset (&stop_signals, SIGTSTP);
  sigprocmask (SIG_BLOCK, &stop_signals, &old_mask);

  /* Echo goes off before the prompt appears: whatever is typed once it
   * shows is never displayed. The line end still is, to end the line.
   */
  quiet = saved_termios;
  quiet.c_lflag &= ~ECHO;
  quiet.c_lflag |= ECHONL;
  if (tcsetattr (tty, TCSAFLUSH, &quiet) != 0 || write (tty, prompt, strlen (prompt)) < 0)
    saved_errno = errno;
  else
    got_line = read_line (tty, buffer);
  tcsetattr (tty, TCSADRAIN, &saved_termios);

  sigprocmask (SIG_SETMASK, &old_mask, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (fatal_signals); i++)
    sigaction (fatal_signals[i], &previous[i], NULL);
  quiet_tty = -1;

  if (saved_errno != 0)
    complain (_("cannot ask for the PIN on the terminal: %s"), g_strerror (saved_errno));
  else if (!got_line)
    complain (_("no PIN was typed; the PIN was not changed"));
  return got_line;
}

static void
explain_invalid_pin (void)
{
  complain (_("a staff PIN is %d to %d digits (0 to 9), typed on the station's keypad; "
              "the PIN was not changed"),
            KIOSK_STAFF_PIN_MIN_LENGTH, KIOSK_STAFF_PIN_MAX_LENGTH);
}

static gboolean
ask_on_terminal (PinBuffer *pin)
{
  g_auto(PinBuffer) again = { { 0 } };
  g_autofree char *prompt = NULL;
  gboolean confirmed;
  int tty;

  tty = g_open ("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY, 0);
  if (tty < 0)
    {
      int saved_errno = errno;

      complain (_("cannot ask for the PIN on the terminal: %s"), g_strerror (saved_errno));
      return FALSE;
    }

  prompt = g_strdup_printf (_("New staff PIN (%d to %d digits): "),
                            KIOSK_STAFF_PIN_MIN_LENGTH, KIOSK_STAFF_PIN_MAX_LENGTH);
  if (!read_without_echo (tty, prompt, pin))
    {
      close (tty);
      return FALSE;
    }

  /* Said at once, rather than after typing the wrong PIN a second time. */
  if (!kiosk_staff_pin_is_valid (pin->text))
    {
      close (tty);
      explain_invalid_pin ();
      return FALSE;
    }

  confirmed = read_without_echo (tty, _("The same PIN again: "), &again);
  close (tty);
  if (!confirmed)
    return FALSE;

  if (strcmp (pin->text, again.text) != 0)
    {
      complain (_("the two PINs differ; the PIN was not changed"));
      return FALSE;
    }

  return TRUE;
}

/* A script gives the PIN once, on the first line of standard input. */
static gboolean
read_from_stdin (PinBuffer *pin)
{
  if (!read_line (STDIN_FILENO, pin))
    {
      complain (_("no PIN on standard input: give it on one line, or run the command in a "
                  "terminal; the PIN was not changed"));
      return FALSE;
    }

  if (!kiosk_staff_pin_is_valid (pin->text))
    {
      explain_invalid_pin ();
      return FALSE;
    }

  return TRUE;
}

/* The file the kiosk reads: the StaffPinFile of the config, or the
 * default. A config the kiosk would refuse names no file worth trusting.
 */
static char *
find_pin_file (const char *config_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskConfig) config = NULL;
  g_autofree char *default_config_path = NULL;
  const char *path;

  if (config_path == NULL)
    config_path = default_config_path = kiosk_config_find_default_path ();

  config = kiosk_config_load (config_path, &error);
  if (config == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      complain (_("the config is needed to know where the PIN goes: fix it, or give the "
                  "file with --file"));
      return NULL;
    }

  path = kiosk_config_get_staff_pin_file (config);
  return g_strdup (path != NULL ? path : KIOSK_STAFF_PIN_DEFAULT_PATH);
}

/**
 * kiosk_admin_set_pin_run:
 * @argc: the arguments after "pimms-kiosk-admin"
 * @argv: the arguments after "pimms-kiosk-admin", starting with "set-pin"
 *
 * Sets the PIN that opens the staff panel: asks for it twice on the
 * terminal, or reads it from standard input, and writes its hash to the
 * StaffPinFile. The PIN itself is neither printed nor kept.
 *
 * Returns: the process exit code
 */
int
kiosk_admin_set_pin_run (int    argc,
                         char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *file = NULL;
  g_autofree char *config_path = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *hash = NULL;
  g_auto(PinBuffer) pin = { { 0 } };
  gboolean have_pin;
  const GOptionEntry entries[] = {
    { "file", 0, 0, G_OPTION_ARG_FILENAME, &file,
      N_("Write the PIN to this file instead of the config's StaffPinFile"), N_("FILE") },
    { "config", 0, 0, G_OPTION_ARG_FILENAME, &config_path,
      N_("Use this config instead of the station's"), N_("FILE") },
    { NULL }
  };

  context = g_option_context_new (NULL);
  summary = g_strdup_printf (_("Asks twice for the new staff PIN (%d to %d digits) without "
                               "showing it, or reads it from the first line of standard input "
                               "when that is not a terminal, and writes its yescrypt hash, "
                               "readable by its owner only, to the StaffPinFile of the "
                               "station's config, or %s when the config has none."),
                             KIOSK_STAFF_PIN_MIN_LENGTH, KIOSK_STAFF_PIN_MAX_LENGTH,
                             KIOSK_STAFF_PIN_DEFAULT_PATH);
  g_option_context_set_summary (context, summary);
  g_option_context_set_description (context, _("Exit status: 0 when the PIN was set, 1 when "
                                               "it was refused or could not be written, 2 "
                                               "for a mistake on the command line or in the "
                                               "config."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      complain ("%s", error->message);
      return KIOSK_ADMIN_EXIT_USAGE;
    }

  if (argc > 1)
    {
      complain (_("unexpected argument “%s”"), argv[1]);
      return KIOSK_ADMIN_EXIT_USAGE;
    }

  if (file == NULL)
    {
      file = find_pin_file (config_path);
      if (file == NULL)
        return KIOSK_ADMIN_EXIT_USAGE;
    }

  if (isatty (STDIN_FILENO))
    have_pin = ask_on_terminal (&pin);
  else
    have_pin = read_from_stdin (&pin);

  if (!have_pin)
    return KIOSK_ADMIN_EXIT_PROBLEMS;

  hash = kiosk_staff_pin_hash (pin.text, &error);
  if (hash == NULL || !kiosk_staff_pin_write_file (file, hash, &error))
    {
      complain ("%s", error->message);
      return KIOSK_ADMIN_EXIT_PROBLEMS;
    }

  printf (_("Staff PIN set in %s\n"), file);
  return KIOSK_ADMIN_EXIT_OK;
}
