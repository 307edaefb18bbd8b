/* kiosk-document-list.h — a list of documents, each with big buttons
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* What each row offers; each button activates the window action of the
 * same name with the document's path as target.
 */
typedef enum
{
  KIOSK_DOCUMENT_OFFERS_VIEW   = 1 << 0,
  KIOSK_DOCUMENT_OFFERS_PRINT  = 1 << 1,
  KIOSK_DOCUMENT_OFFERS_CHOOSE = 1 << 2,
} KioskDocumentOffers;

/* Rows activate documents.view, documents.print or upload.choose. */
#define KIOSK_TYPE_DOCUMENT_LIST (kiosk_document_list_get_type ())
G_DECLARE_FINAL_TYPE (KioskDocumentList, kiosk_document_list, KIOSK, DOCUMENT_LIST, GtkWidget)

GtkWidget *kiosk_document_list_new        (void);
void       kiosk_document_list_bind       (KioskDocumentList   *self,
                                           GListModel          *files,
                                           KioskDocumentOffers  offers);
GFile     *kiosk_document_list_lookup     (GListModel          *files,
                                           const char          *path);
void       kiosk_document_list_set_empty_text (KioskDocumentList *self,
                                               const char        *text);

G_END_DECLS
