/* kiosk-admin-refusals.c — pimms-kiosk-admin refusals-to-config: what staff recorded, as lines
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pimms-kiosk-admin"

#include "config.h"

#include "kiosk-admin-refusals.h"

#include "kiosk-admin.h"
#include "kiosk-config.h"
#include "kiosk-refusals.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

/* A station's list holds at most KIOSK_REFUSALS_MAX refusals of a few
 * hundred bytes each: anything much longer is not one.
 */
#define MAX_LIST_BYTES (1024 * 1024)

static char *
read_list (const char  *path,
           gsize       *length,
           GError     **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  gboolean from_stdin = strcmp (path, "-") == 0;
  FILE *stream = from_stdin ? stdin : fopen (path, "rb");
  guint8 buffer[8192];
  size_t n_read;

  if (stream == NULL)
    {
      int saved_errno = errno;

      g_set_error_literal (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                           g_strerror (saved_errno));
      return NULL;
    }

  while ((n_read = fread (buffer, 1, sizeof buffer, stream)) > 0 &&
         bytes->len + n_read <= MAX_LIST_BYTES)
    g_byte_array_append (bytes, buffer, n_read);

  if (ferror (stream) || n_read > 0)
    {
      if (ferror (stream))
        g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_IO, g_strerror (errno));
      else
        g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                     _("longer than %u bytes: not a station’s list"), MAX_LIST_BYTES);
      if (!from_stdin)
        fclose (stream);
      return NULL;
    }
  if (!from_stdin)
    fclose (stream);

  *length = bytes->len;
  g_byte_array_append (bytes, (const guint8 *) "", 1);
  return (char *) g_byte_array_free (g_steal_pointer (&bytes), FALSE);
}

/**
 * kiosk_admin_refusals_run:
 * @argc: the arguments from "refusals-to-config" on
 * @argv: (array length=argc): the arguments
 *
 * Reads what a station's staff recorded as refused (the learning mode:
 * the JSON of GET /api/v1/refusals) and prints the `Allow=` and
 * `Frames=` lines that would let it through, merged with the config's
 * own, for the admin to read and put in the config.
 *
 * Returns: the process exit code
 */
int
kiosk_admin_refusals_run (int    argc,
                          char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) refusals = NULL;
  g_autoptr(KioskConfig) config = NULL;
  g_autofree char *config_path = NULL;
  g_autofree char *default_path = NULL;
  g_autofree char *list = NULL;
  g_autofree char *lines = NULL;
  const char *list_path;
  gsize length = 0;
  const GOptionEntry entries[] = {
    { "config", 0, 0, G_OPTION_ARG_FILENAME, &config_path,
      N_("Add to this config instead of the station's"), N_("FILE") },
    { NULL }
  };

  context = g_option_context_new (_("[LIST]"));
  g_option_context_set_summary (context, _("Reads LIST (by default the standard input), the "
                                           "sites a station recorded as refused, as GET "
                                           "/api/v1/refusals gives them, and prints the Allow= "
                                           "and Frames= lines that let them through, with the "
                                           "config’s own patterns first."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return KIOSK_ADMIN_EXIT_USAGE;
    }
  if (argc > 2)
    {
      fprintf (stderr, "%s\n", _("refusals-to-config: give one list at most"));
      return KIOSK_ADMIN_EXIT_USAGE;
    }
  list_path = argc == 2 ? argv[1] : "-";

  /* The lines are for a config that works: a broken one is said first. */
  if (config_path == NULL)
    config_path = kiosk_config_find_default_path ();
  config = kiosk_config_load (config_path, &error);
  if (config == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return KIOSK_ADMIN_EXIT_USAGE;
    }

  list = read_list (list_path, &length, &error);
  if (list == NULL)
    {
      fprintf (stderr, _("refusals-to-config: %s: %s\n"), list_path, error->message);
      return KIOSK_ADMIN_EXIT_USAGE;
    }

  refusals = kiosk_refusals_from_json (list, length, &error);
  if (refusals == NULL)
    {
      fprintf (stderr, _("refusals-to-config: %s: %s\n"), list_path, error->message);
      return KIOSK_ADMIN_EXIT_PROBLEMS;
    }

  lines = kiosk_refusals_to_config_lines (refusals, config, &error);
  if (lines == NULL)
    {
      fprintf (stderr, _("refusals-to-config: %s\n"), error->message);
      return KIOSK_ADMIN_EXIT_USAGE;
    }

  if (*lines == '\0')
    printf ("# %s\n", _("Nothing to add: the config lets every one of them through already."));
  else
    fputs (lines, stdout);

  return KIOSK_ADMIN_EXIT_OK;
}
