/* kiosk-upload-chooser.h — the kiosk's own "choose a file" for web forms
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <webkit/webkit.h>

#include "kiosk-user-session.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_UPLOAD_CHOOSER (kiosk_upload_chooser_get_type ())
G_DECLARE_FINAL_TYPE (KioskUploadChooser, kiosk_upload_chooser, KIOSK, UPLOAD_CHOOSER, GtkWidget)

void     kiosk_upload_chooser_ask        (KioskUploadChooser       *self,
                                          KioskUserSession         *user_session,
                                          WebKitFileChooserRequest *request,
                                          const char               *upload_folder);
void     kiosk_upload_chooser_cancel     (KioskUploadChooser       *self);
gboolean kiosk_upload_chooser_is_asking  (KioskUploadChooser       *self);
GListModel *kiosk_upload_chooser_get_scans (KioskUploadChooser     *self);

G_END_DECLS
