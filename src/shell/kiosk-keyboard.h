/* kiosk-keyboard.h — the keyboard shortcuts a resident may use
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

gboolean kiosk_keyboard_allows         (guint           keyval,
                                        GdkModifierType modifiers);
gboolean kiosk_keyboard_is_staff_chord (guint           keyval,
                                        GdkModifierType modifiers);

G_END_DECLS
