/* kiosk-document-viewer.h — a web view that shows one document of a session and nothing else
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <webkit/webkit.h>

G_BEGIN_DECLS

WebKitWebView *kiosk_document_viewer_new (WebKitWebView  *related_view,
                                          WebKitSettings *settings,
                                          GFile          *document);

G_END_DECLS
