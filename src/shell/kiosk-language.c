/* kiosk-language.c — the languages a resident can choose on the home screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-language"

#include "config.h"

#include "kiosk-language.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <libintl.h>
#include <string.h>

/* French first, the language of the services; then the languages the
 * association's residents read best, each named in itself.
 */
static const KioskLanguage languages[] = {
  { "fr", "Français", FALSE },
  { "en", "English", FALSE },
  { "ar", "العربية", TRUE },
  { "es", "Español", FALSE },
  { "pt", "Português", FALSE },
  { "tr", "Türkçe", FALSE },
};

static char *default_code;
static char *current_code;

const KioskLanguage *
kiosk_language_get_all (guint *n_languages)
{
  *n_languages = G_N_ELEMENTS (languages);
  return languages;
}

const KioskLanguage *
kiosk_language_lookup (const char *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      if (g_strcmp0 (languages[i].code, code) == 0)
        return &languages[i];
    }
  return NULL;
}

/**
 * kiosk_language_get_default:
 *
 * Returns: the language the kiosk started in, which every session starts
 *   in again: the first of the environment's languages the kiosk offers,
 *   else French
 */
const char *
kiosk_language_get_default (void)
{
  if (default_code == NULL)
    {
      const char * const *names = g_get_language_names ();

      for (guint i = 0; names[i] != NULL && default_code == NULL; i++)
        {
          g_autofree char *code = g_strndup (names[i], strcspn (names[i], "_.@"));

          if (kiosk_language_lookup (code) != NULL)
            default_code = g_steal_pointer (&code);
        }
      if (default_code == NULL)
        default_code = g_strdup ("fr");
    }

  return default_code;
}

const char *
kiosk_language_get_current (void)
{
  return current_code != NULL ? current_code : kiosk_language_get_default ();
}

/**
 * kiosk_language_set_current:
 * @code: a language of kiosk_language_get_all()
 *
 * Makes gettext (the kiosk's strings and GTK's) and the text direction
 * follow @code. Widgets already built keep their text: the caller builds
 * the window again.
 *
 * LANGUAGE is changed in place: kiosk_application_setup_locale() set it
 * before any thread started, so the environment is only ever given a new
 * value, never a new variable.
 *
 * Returns: %FALSE if the kiosk does not offer @code
 */
gboolean
kiosk_language_set_current (const char *code)
{
  const KioskLanguage *language = kiosk_language_lookup (code);

  if (language == NULL)
    return FALSE;

  kiosk_language_get_default ();
  g_free (current_code);
  current_code = g_strdup (code);

  g_setenv ("LANGUAGE", code, TRUE);
  /* Setting the domain again is how glibc is told to forget the
   * translations it looked up in the former language.
   */
  textdomain (GETTEXT_PACKAGE);

  gtk_widget_set_default_direction (language->right_to_left ? GTK_TEXT_DIR_RTL
                                                            : GTK_TEXT_DIR_LTR);
  g_debug ("Language %s", code);
  return TRUE;
}
