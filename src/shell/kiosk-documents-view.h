/* kiosk-documents-view.h — "My documents": the session's documents, and one shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-user-session.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_DOCUMENTS_VIEW (kiosk_documents_view_get_type ())
G_DECLARE_FINAL_TYPE (KioskDocumentsView, kiosk_documents_view, KIOSK, DOCUMENTS_VIEW, GtkWidget)

void           kiosk_documents_view_set_user_session (KioskDocumentsView *self,
                                                      KioskUserSession   *user_session);
void           kiosk_documents_view_show_list        (KioskDocumentsView *self);
gboolean       kiosk_documents_view_show_document    (KioskDocumentsView *self,
                                                      GFile              *file);
GFile         *kiosk_documents_view_get_shown        (KioskDocumentsView *self);
WebKitWebView *kiosk_documents_view_get_viewer       (KioskDocumentsView *self);

G_END_DECLS
