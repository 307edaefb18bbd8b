/* kiosk-document.h — which files a session may keep: documents, never programs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define KIOSK_DOCUMENT_ERROR (kiosk_document_error_quark ())

typedef enum
{
  KIOSK_DOCUMENT_ERROR_REFUSED_TYPE,   /* the name is not a document's */
  KIOSK_DOCUMENT_ERROR_WRONG_CONTENTS, /* the contents are not what the name says */
  KIOSK_DOCUMENT_ERROR_UNREADABLE,     /* the file could not be read */
} KioskDocumentError;

GQuark kiosk_document_error_quark (void);

/* What a file in a session's folder is, as far as the kiosk cares. */
typedef enum
{
  KIOSK_DOCUMENT_REFUSED,
  KIOSK_DOCUMENT_PDF,
  KIOSK_DOCUMENT_IMAGE,
  KIOSK_DOCUMENT_TEXT,
  KIOSK_DOCUMENT_OFFICE,
} KioskDocumentKind;

/* How many leading bytes kiosk_document_contents_match() wants to see. */
#define KIOSK_DOCUMENT_SNIFF_LENGTH 1024

KioskDocumentKind  kiosk_document_classify        (const char        *file_name,
                                                   const char        *mime_type,
                                                   char             **safe_name);
gboolean           kiosk_document_contents_match  (KioskDocumentKind  kind,
                                                   const guint8      *start,
                                                   gsize              length);
gboolean           kiosk_document_check_file      (const char        *path,
                                                   GError           **error);
gboolean           kiosk_document_can_be_shown    (KioskDocumentKind  kind);
const char        *kiosk_document_kind_to_string  (KioskDocumentKind  kind);

G_END_DECLS
