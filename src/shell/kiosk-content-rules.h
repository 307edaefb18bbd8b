/* kiosk-content-rules.h — rules given to WebKit's content blocker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <webkit/webkit.h>

G_BEGIN_DECLS

void     kiosk_content_rules_install        (WebKitUserContentManager *manager,
                                             const char               *store_dir,
                                             const char               *rules,
                                             GCancellable             *cancellable,
                                             GAsyncReadyCallback       callback,
                                             gpointer                  user_data);
gboolean kiosk_content_rules_install_finish (GAsyncResult             *result,
                                             GError                  **error);
void     kiosk_content_rules_compile        (const char               *store_dir,
                                             const char               *rules,
                                             GCancellable             *cancellable,
                                             GAsyncReadyCallback       callback,
                                             gpointer                  user_data);
WebKitUserContentFilter *kiosk_content_rules_compile_finish (GAsyncResult  *result,
                                                             GError       **error);
void     kiosk_content_rules_put_in_place   (WebKitUserContentManager *manager,
                                             WebKitUserContentFilter  *filter);

G_END_DECLS
