/* kiosk-sandbox-leftovers.h — the folders WebKit's sandbox leaves behind
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void kiosk_sandbox_remove_leftovers (void);

G_END_DECLS
