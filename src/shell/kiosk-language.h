/* kiosk-language.h — the languages a resident can choose on the home screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct
{
  const char *code;       /* "fr", as LANGUAGE and the catalogues name it */
  const char *endonym;    /* the language's name in itself: "Français" */
  gboolean    right_to_left;
} KioskLanguage;

const KioskLanguage *kiosk_language_get_all      (guint       *n_languages);
const KioskLanguage *kiosk_language_lookup       (const char  *code);
const char          *kiosk_language_get_default  (void);
const char          *kiosk_language_get_current  (void);
gboolean             kiosk_language_set_current  (const char  *code);

typedef struct _KioskLanguageSwitch KioskLanguageSwitch;

KioskLanguageSwitch *kiosk_language_switch_to    (const char  *code);
void                 kiosk_language_switch_back  (KioskLanguageSwitch *language_switch);
void                 kiosk_language_set_widget_direction (GtkWidget  *widget,
                                                          const char *code);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KioskLanguageSwitch, kiosk_language_switch_back)

G_END_DECLS
