/* kiosk-text.h — text from files others wrote, made safe to show on one line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *kiosk_text_escape_controls  (const char *text);
char *kiosk_text_vprintf_escaped  (const char *format,
                                   va_list     args) G_GNUC_PRINTF (1, 0);

G_END_DECLS
