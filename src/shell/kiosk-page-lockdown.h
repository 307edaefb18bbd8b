/* kiosk-page-lockdown.h — what a web page may not do to the kiosk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <webkit/webkit.h>

G_BEGIN_DECLS

void kiosk_page_lockdown_attach              (WebKitWebView     *web_view);
void kiosk_page_lockdown_filter_context_menu (WebKitContextMenu *menu);

G_END_DECLS
