/* kiosk-localized.c — a config value with its translations (Name[ar]=…)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-localized"

#include "config.h"

#include "kiosk-localized.h"

#include <string.h>

/* The kiosk changes language while it runs (a resident's choice), so a
 * tile's name is looked up each time it is shown, in the languages the
 * environment names at that moment, rather than once when the config is
 * read.
 */

KioskLocalized *
kiosk_localized_new (const char *untranslated)
{
  KioskLocalized *self = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_hash_table_insert (self, g_strdup (""), g_strdup (untranslated));
  return self;
}

/**
 * kiosk_localized_read:
 * @key_file: a loaded key file
 * @group: a group of it
 * @key: a key of @group, such as "Name"
 *
 * Reads @key and every @key[LOCALE] of @group, their values trimmed.
 *
 * Returns: (transfer full) (nullable): the values by locale, or %NULL when
 *   @key itself is missing or empty
 */
KioskLocalized *
kiosk_localized_read (GKeyFile   *key_file,
                      const char *group,
                      const char *key)
{
  g_autofree char *untranslated = g_key_file_get_string (key_file, group, key, NULL);
  g_auto(GStrv) keys = g_key_file_get_keys (key_file, group, NULL, NULL);
  size_t key_length = strlen (key);
  KioskLocalized *self;

  if (untranslated == NULL || *g_strstrip (untranslated) == '\0')
    return NULL;

  self = kiosk_localized_new (untranslated);
  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      const char *name = keys[i];
      g_autofree char *value = NULL;
      g_autofree char *locale = NULL;

      if (strncmp (name, key, key_length) != 0 || name[key_length] != '[' ||
          !g_str_has_suffix (name, "]"))
        continue;

      locale = g_strndup (name + key_length + 1, strlen (name) - key_length - 2);
      value = g_key_file_get_string (key_file, group, name, NULL);
      if (*locale != '\0' && value != NULL && *g_strstrip (value) != '\0')
        g_hash_table_insert (self, g_steal_pointer (&locale), g_steal_pointer (&value));
    }

  return self;
}

/**
 * kiosk_localized_get:
 * @self: values by locale
 *
 * Returns: the value for the first of g_get_language_names() that has
 *   one ("pt_BR", then "pt", …), else the untranslated value
 */
const char *
kiosk_localized_get (KioskLocalized *self)
{
  const char * const *names = g_get_language_names ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *value = g_hash_table_lookup (self, names[i]);

      if (value != NULL)
        return value;
    }

  return g_hash_table_lookup (self, "");
}

/**
 * kiosk_localized_join_all:
 * @self: values by locale
 * @separator: put between values
 *
 * Returns: (transfer full): every value, in every language, for a search
 *   that finds a service whatever language the words were typed in
 */
char *
kiosk_localized_join_all (KioskLocalized *self,
                          const char     *separator)
{
  g_autoptr(GString) all = g_string_new (NULL);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      if (all->len > 0)
        g_string_append (all, separator);
      g_string_append (all, value);
    }

  return g_string_free (g_steal_pointer (&all), FALSE);
}

/**
 * kiosk_text_fold:
 * @text: UTF-8 text
 *
 * Folds @text for searching: case folded, accents and other combining
 * marks dropped ("Déclaration" and "declaration" fold alike; Arabic
 * short vowels too), compatibility forms unified.
 *
 * Returns: (transfer full): the folded text
 */
char *
kiosk_text_fold (const char *text)
{
  g_autofree char *decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
  g_autoptr(GString) bare = g_string_new (NULL);

  if (decomposed == NULL)
    return g_strdup ("");

  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_type (c) != G_UNICODE_NON_SPACING_MARK)
        g_string_append_unichar (bare, c);
    }

  return g_utf8_casefold (bare->str, -1);
}
