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

static GtkTextDirection
direction_of (const KioskLanguage *language)
{
  return language->right_to_left ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR;
}

static void
look_up_translations_in (const char *language_names)
{
  g_setenv ("LANGUAGE", language_names, TRUE);
  /* Setting the domain again is how glibc is told to forget the
   * translations it looked up in the former language.
   */
  textdomain (GETTEXT_PACKAGE);
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

  look_up_translations_in (code);
  gtk_widget_set_default_direction (direction_of (language));
  g_debug ("Language %s", code);
  return TRUE;
}

struct _KioskLanguageSwitch
{
  char     *former;     /* LANGUAGE before the switch */
  gboolean  switched;   /* FALSE when LANGUAGE already was the language asked for */
};

/**
 * kiosk_language_switch_to:
 * @code: a language of kiosk_language_get_all()
 *
 * Makes gettext (the kiosk's strings and GTK's) look up translations in
 * @code until kiosk_language_switch_back(), which the caller usually
 * leaves to g_autoptr(): for the texts of a part of the window that is
 * read by someone other than the resident, such as the staff panel in the
 * station's own language.
 *
 * Only the translations change: kiosk_language_get_current() still says
 * the resident's language, and the default text direction stays theirs
 * (changing it would lay the whole window out again, twice); widgets
 * built meanwhile get @code's with kiosk_language_set_widget_direction().
 * Switches nest, and switching to the language already in use costs
 * nothing. As kiosk_language_set_current() does, LANGUAGE is only given
 * new values, on the main thread.
 *
 * Returns: (transfer full): what kiosk_language_switch_back() needs to
 *   put the former language back
 */
KioskLanguageSwitch *
kiosk_language_switch_to (const char *code)
{
  KioskLanguageSwitch *language_switch;

  g_return_val_if_fail (kiosk_language_lookup (code) != NULL, NULL);

  language_switch = g_new0 (KioskLanguageSwitch, 1);
  language_switch->former = g_strdup (g_getenv ("LANGUAGE"));
  language_switch->switched = g_strcmp0 (language_switch->former, code) != 0;
  if (language_switch->switched)
    look_up_translations_in (code);

  return language_switch;
}

/**
 * kiosk_language_switch_back:
 * @language_switch: (transfer full): from kiosk_language_switch_to()
 *
 * Makes gettext look up translations in the language it used before
 * @language_switch again, and frees @language_switch.
 */
void
kiosk_language_switch_back (KioskLanguageSwitch *language_switch)
{
  g_return_if_fail (language_switch != NULL);

  if (language_switch->switched)
    {
      if (language_switch->former != NULL)
        look_up_translations_in (language_switch->former);
      else
        {
          g_unsetenv ("LANGUAGE");
          textdomain (GETTEXT_PACKAGE);
        }
    }

  g_free (language_switch->former);
  g_free (language_switch);
}

static void
set_direction_of_tree (GtkWidget        *widget,
                       GtkTextDirection  direction)
{
  gtk_widget_set_direction (widget, direction);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    set_direction_of_tree (child, direction);
}

/**
 * kiosk_language_set_widget_direction:
 * @widget: a widget whose texts are in @code
 * @code: a language of kiosk_language_get_all()
 *
 * Lays @widget and every widget now inside it out in @code's text
 * direction, whatever the default direction (the resident's) is. GTK
 * gives a widget without a direction of its own the default one, not
 * its parent's: so each widget of the tree is given it, and widgets added
 * to @widget later need another call.
 */
void
kiosk_language_set_widget_direction (GtkWidget  *widget,
                                     const char *code)
{
  const KioskLanguage *language = kiosk_language_lookup (code);

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (language != NULL);

  set_direction_of_tree (widget, direction_of (language));
}
