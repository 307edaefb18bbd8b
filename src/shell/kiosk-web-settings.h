/* kiosk-web-settings.h — what WebKit may do in the kiosk's web views
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <webkit/webkit.h>

G_BEGIN_DECLS

WebKitSettings *kiosk_web_settings_new (void);

G_END_DECLS
