/* kiosk-localized.h — a config value with its translations (Name[ar]=…)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Maps a locale ("ar", "pt_BR"; "" for the untranslated value) to a
 * string, as GKeyFile's Key[locale]= lines give them.
 */
typedef GHashTable KioskLocalized;

KioskLocalized *kiosk_localized_new        (const char      *untranslated);
KioskLocalized *kiosk_localized_read       (GKeyFile        *key_file,
                                            const char      *group,
                                            const char      *key);
const char     *kiosk_localized_get        (KioskLocalized  *self);
char           *kiosk_localized_join_all   (KioskLocalized  *self,
                                            const char      *separator);

char           *kiosk_text_fold            (const char      *text);

G_END_DECLS
