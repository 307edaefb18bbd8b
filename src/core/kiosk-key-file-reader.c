/* kiosk-key-file-reader.c — reading a config file and saying where each mistake is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-key-file-reader"

#include "config.h"

#include "kiosk-key-file-reader.h"

#include "kiosk-files.h"
#include "kiosk-text.h"

#include <string.h>

/* A station's config with a hundred services is some 40 kB. */
#define MAX_FILE_BYTES (1024 * 1024)

/* The station's config and the desk console's are read the same way: the
 * whole file is checked and every mistake reported at once, one line
 * each, as "FILE:LINE: [Group] Key: what is wrong", so that an admin
 * fixes them all in one go. GKeyFile itself forgets line numbers, so the
 * lines are kept to find them again.
 */
struct _KioskKeyFileReader
{
  char               *path;
  char              **lines;
  GKeyFile           *key_file;
  GPtrArray          *problems;
  int                 first_code;
  KioskKeyFileErrors  errors;
};

/* GKeyFile reports syntax errors without a line number; find the first
 * line it would refuse so the admin knows where to look.
 */
static guint
find_syntax_error_line (char **lines)
{
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *line = g_strstrip (g_strdup (lines[i]));
      const char *equals;

      if (line[0] == '\0' || line[0] == '#')
        continue;

      if (line[0] == '[')
        {
          gsize length = strlen (line);

          if (length < 3 || line[length - 1] != ']')
            return i + 1;
          continue;
        }

      equals = strchr (line, '=');
      if (equals == NULL || equals == line)
        return i + 1;
    }

  return 0;
}

/**
 * kiosk_key_file_reader_load:
 * @path: the file
 * @errors: the error domain and codes to report with
 * @error: return location for an error
 *
 * Reads @path as UTF-8 key file text, every Key[locale]= kept (the
 * kiosk changes language while it runs). A file that cannot be read or
 * parsed is refused at once; the rest is for the caller to check, with
 * kiosk_key_file_reader_report() and kiosk_key_file_reader_finish().
 *
 * Returns: (transfer full) (nullable): a reader, or %NULL with @error set
 */
KioskKeyFileReader *
kiosk_key_file_reader_load (const char                *path,
                            const KioskKeyFileErrors  *errors,
                            GError                   **error)
{
  g_autoptr(KioskKeyFileReader) self = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (errors != NULL, NULL);

  /* A path such as /dev/zero would otherwise be read until memory runs
   * out, and a FIFO would block the reader for good.
   */
  contents = kiosk_files_read_private (path, NULL, MAX_FILE_BYTES, KIOSK_FILES_CHECK_NONE,
                                       &length, &local_error);
  if (contents == NULL)
    {
      g_set_error (error, errors->domain, errors->unreadable,
                   "%s:0: cannot read the config file: %s", path, local_error->message);
      return NULL;
    }

  if (!g_utf8_validate_len (contents, length, NULL))
    {
      g_set_error (error, errors->domain, errors->syntax,
                   "%s:0: the file is not valid UTF-8 text", path);
      return NULL;
    }

  self = g_new0 (KioskKeyFileReader, 1);
  self->path = g_strdup (path);
  self->errors = *errors;
  self->lines = g_strsplit (contents, "\n", -1);
  self->problems = g_ptr_array_new_with_free_func (g_free);
  self->key_file = g_key_file_new ();

  if (!g_key_file_load_from_data (self->key_file, contents, length,
                                  G_KEY_FILE_KEEP_TRANSLATIONS, &local_error))
    {
      g_set_error (error, errors->domain, errors->syntax, "%s:%u: syntax error: %s", path,
                   find_syntax_error_line (self->lines), local_error->message);
      return NULL;
    }

  return g_steal_pointer (&self);
}

void
kiosk_key_file_reader_free (KioskKeyFileReader *self)
{
  if (self == NULL)
    return;

  g_free (self->path);
  g_strfreev (self->lines);
  g_clear_pointer (&self->key_file, g_key_file_unref);
  g_ptr_array_unref (self->problems);
  g_free (self);
}

const char *
kiosk_key_file_reader_get_path (KioskKeyFileReader *self)
{
  return self->path;
}

GKeyFile *
kiosk_key_file_reader_get_key_file (KioskKeyFileReader *self)
{
  return self->key_file;
}

/* Returns the 1-based line of "[group]", or of "key=" inside it when @key
 * is given and present, or 0 when the group is not in the file.
 */
static guint
find_line (KioskKeyFileReader *self,
           const char         *group,
           const char         *key)
{
  g_autofree char *header = g_strdup_printf ("[%s]", group);
  guint group_line = 0;

  for (guint i = 0; self->lines[i] != NULL; i++)
    {
      g_autofree char *line = g_strstrip (g_strdup (self->lines[i]));

      if (line[0] == '[')
        {
          if (group_line != 0)
            break;
          if (strcmp (line, header) == 0)
            group_line = i + 1;
          continue;
        }

      if (group_line != 0 && key != NULL && g_str_has_prefix (line, key))
        {
          const char *rest = line + strlen (key);

          while (*rest == ' ' || *rest == '\t')
            rest++;
          if (*rest == '=')
            return i + 1;
        }
    }

  return group_line;
}

/**
 * kiosk_key_file_reader_report:
 * @self: a #KioskKeyFileReader
 * @code: the error code, of the domain given at load
 * @group: (nullable): the group at fault, or %NULL for the whole file
 * @key: (nullable): the key at fault in @group, or %NULL for the group
 * @format: what is wrong, printf-style
 *
 * Records a problem and lets reading go on, so that an admin sees every
 * mistake of the file at once rather than one per attempt.
 *
 * Returns: %FALSE, for `valid = kiosk_key_file_reader_report (…)`
 */
gboolean
kiosk_key_file_reader_report (KioskKeyFileReader *self,
                              int                 code,
                              const char         *group,
                              const char         *key,
                              const char         *format,
                              ...)
{
  g_autofree char *problem = NULL;
  va_list args;

  /* GKeyFile turns the escapes "\n", "\r" and "\t" of a value into the
   * characters themselves. A value quoted in a problem is given back as the
   * admin typed it, so that each problem stays on its one line of the
   * report and of the journal.
   */
  va_start (args, format);
  problem = kiosk_text_vprintf_escaped (format, args);
  va_end (args);

  if (self->problems->len == 0)
    self->first_code = code;

  if (group == NULL)
    g_ptr_array_add (self->problems, g_strdup_printf ("%s:0: %s", self->path, problem));
  else if (key == NULL)
    g_ptr_array_add (self->problems, g_strdup_printf ("%s:%u: [%s]: %s", self->path,
                                                      find_line (self, group, NULL), group,
                                                      problem));
  else
    g_ptr_array_add (self->problems, g_strdup_printf ("%s:%u: [%s] %s: %s", self->path,
                                                      find_line (self, group, key), group, key,
                                                      problem));
  return FALSE;
}

/**
 * kiosk_key_file_reader_check_known_keys:
 * @self: a #KioskKeyFileReader
 * @group: a group of the file
 * @known: the keys @group may have
 *
 * Reports every key of @group that is not one of @known (a typing
 * mistake, most often). Localized variants such as Name[fr] are allowed
 * wherever Name is.
 *
 * Returns: %TRUE if every key is known
 */
gboolean
kiosk_key_file_reader_check_known_keys (KioskKeyFileReader *self,
                                        const char         *group,
                                        const char * const *known)
{
  g_auto(GStrv) keys = g_key_file_get_keys (self->key_file, group, NULL, NULL);
  gboolean all_known = TRUE;

  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      g_autofree char *base = g_strdup (keys[i]);
      char *bracket = strchr (base, '[');

      if (bracket != NULL)
        *bracket = '\0';

      if (!g_strv_contains (known, base))
        {
          g_autofree char *expected = g_strjoinv (", ", (GStrv) known);

          all_known = kiosk_key_file_reader_report (self, self->errors.unknown_key, group,
                                                    keys[i], "unknown key (a typing mistake?); "
                                                    "this group takes %s", expected);
        }
    }

  return all_known;
}

/**
 * kiosk_key_file_reader_read_string:
 * @self: a #KioskKeyFileReader
 * @group: a group of the file
 * @key: a key of @group
 * @required: whether a missing or empty value is a mistake to report
 *
 * Returns: (transfer full) (nullable): the value, trimmed, or %NULL when
 *   it is missing or empty
 */
char *
kiosk_key_file_reader_read_string (KioskKeyFileReader *self,
                                   const char         *group,
                                   const char         *key,
                                   gboolean            required)
{
  g_autofree char *value = g_key_file_get_string (self->key_file, group, key, NULL);

  if (value != NULL)
    g_strstrip (value);

  if (value == NULL || *value == '\0')
    {
      if (required)
        kiosk_key_file_reader_report (self, self->errors.missing_key, group, key,
                                      "this key is required and is missing or empty");
      return NULL;
    }

  return g_steal_pointer (&value);
}

/**
 * kiosk_key_file_reader_finish:
 * @self: a #KioskKeyFileReader
 * @error: return location for an error
 *
 * Returns: %TRUE when no problem was reported; otherwise %FALSE with
 *   @error holding every problem, one per line, coded as the first one
 */
gboolean
kiosk_key_file_reader_finish (KioskKeyFileReader  *self,
                              GError             **error)
{
  g_autofree char *message = NULL;

  if (self->problems->len == 0)
    return TRUE;

  g_ptr_array_add (self->problems, NULL);
  message = g_strjoinv ("\n", (GStrv) self->problems->pdata);
  g_ptr_array_remove_index (self->problems, self->problems->len - 1);
  g_set_error_literal (error, self->errors.domain, self->first_code, message);
  return FALSE;
}
