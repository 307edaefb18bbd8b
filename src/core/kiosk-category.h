/* kiosk-category.h — the fixed set of home-screen categories
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char * const *kiosk_category_get_ids   (void);
gboolean            kiosk_category_is_known  (const char *id);
const char         *kiosk_category_get_label (const char *id);

G_END_DECLS
