/* kiosk-document.c — which files a session may keep: documents, never programs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-document"

#include "config.h"

#include "kiosk-document.h"

#include <string.h>

/* A resident downloads attestations, forms and scans; nothing else has a
 * reason to land on a public computer. The list names what is kept; any
 * other type — programs, scripts, launchers (.desktop), archives, web
 * pages, and whatever is unknown — is refused, so nothing needs to be
 * listed as dangerous.
 */
typedef struct
{
  const char        *extension;
  const char        *mime_type;
  KioskDocumentKind  kind;
} KnownType;

static const KnownType known_types[] = {
  { "pdf", "application/pdf", KIOSK_DOCUMENT_PDF },
  { "png", "image/png", KIOSK_DOCUMENT_IMAGE },
  { "jpg", "image/jpeg", KIOSK_DOCUMENT_IMAGE },
  { "jpeg", NULL, KIOSK_DOCUMENT_IMAGE },
  { "gif", "image/gif", KIOSK_DOCUMENT_IMAGE },
  { "webp", "image/webp", KIOSK_DOCUMENT_IMAGE },
  { "txt", "text/plain", KIOSK_DOCUMENT_TEXT },
  { "csv", "text/csv", KIOSK_DOCUMENT_TEXT },
  { "odt", "application/vnd.oasis.opendocument.text", KIOSK_DOCUMENT_OFFICE },
  { "ods", "application/vnd.oasis.opendocument.spreadsheet", KIOSK_DOCUMENT_OFFICE },
  { "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    KIOSK_DOCUMENT_OFFICE },
  { "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    KIOSK_DOCUMENT_OFFICE },
  { "doc", "application/msword", KIOSK_DOCUMENT_OFFICE },
  { "xls", "application/vnd.ms-excel", KIOSK_DOCUMENT_OFFICE },
};

/* Longer names are cut; a resident reads the start of a name anyway. */
#define MAX_NAME_BYTES 120

static const KnownType *
lookup_extension (const char *extension)
{
  g_autofree char *lower = g_ascii_strdown (extension, -1);

  for (guint i = 0; i < G_N_ELEMENTS (known_types); i++)
    {
      if (strcmp (known_types[i].extension, lower) == 0)
        return &known_types[i];
    }
  return NULL;
}

static const KnownType *
lookup_mime_type (const char *mime_type)
{
  g_autofree char *essence = NULL;
  const char *end;

  if (mime_type == NULL)
    return NULL;

  /* "application/pdf; charset=binary" names application/pdf. */
  end = strchr (mime_type, ';');
  essence = g_ascii_strdown (mime_type, end != NULL ? end - mime_type : -1);
  g_strstrip (essence);

  for (guint i = 0; i < G_N_ELEMENTS (known_types); i++)
    {
      if (g_strcmp0 (known_types[i].mime_type, essence) == 0)
        return &known_types[i];
    }
  return NULL;
}

/* Cuts the part before the extension, on a character boundary. */
static void
shorten (GString *name)
{
  const char *dot = strrchr (name->str, '.');
  g_autofree char *extension = g_strdup (dot != NULL && strlen (dot) <= 8 ? dot : "");
  gsize keep = MAX_NAME_BYTES - strlen (extension);

  if (name->len <= MAX_NAME_BYTES)
    return;

  while (keep > 0 && (name->str[keep] & 0xc0) == 0x80)
    keep--;
  g_string_truncate (name, keep);
  g_string_append (name, extension);
}

/* The name a site suggested, made harmless: no folder part, no hidden
 * file, no control or bidirectional-override character that could make
 * "gpj.exe" read as "exe.jpg", and not too long.
 */
static GString *
clean_name (const char *suggested)
{
  g_autofree char *base = NULL;
  GString *name = g_string_new (NULL);

  if (suggested == NULL || !g_utf8_validate (suggested, -1, NULL))
    return name;

  base = g_path_get_basename (suggested);
  for (const char *p = base; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      if (c == '/' || c == '\\' || (name->len == 0 && (c == '.' || g_unichar_isspace (c))))
        continue;
      if (type == G_UNICODE_CONTROL || type == G_UNICODE_FORMAT ||
          type == G_UNICODE_UNASSIGNED || type == G_UNICODE_PRIVATE_USE ||
          type == G_UNICODE_SURROGATE)
        continue;
      g_string_append_unichar (name, c);
    }

  shorten (name);

  while (name->len > 0 && (name->str[name->len - 1] == '.' || name->str[name->len - 1] == ' '))
    g_string_truncate (name, name->len - 1);

  return name;
}

/**
 * kiosk_document_classify:
 * @file_name: (nullable): the name the site suggested, or the file's name
 * @mime_type: (nullable): the type the server announced
 * @safe_name: (out) (optional) (transfer full): the name to save it under,
 *   or %NULL when it is refused
 *
 * Tells whether a file may be kept in a session, and under which name.
 * The name's extension decides, since it is what other programs and sites
 * go by; the announced type only names a file that has no extension.
 * A name whose extension is unknown is refused, whatever the type says.
 *
 * Returns: the kind of document, or %KIOSK_DOCUMENT_REFUSED
 */
KioskDocumentKind
kiosk_document_classify (const char  *file_name,
                         const char  *mime_type,
                         char       **safe_name)
{
  g_autoptr(GString) name = clean_name (file_name);
  const char *dot = strrchr (name->str, '.');
  const KnownType *type;

  if (safe_name != NULL)
    *safe_name = NULL;

  if (dot != NULL)
    type = lookup_extension (dot + 1);
  else
    {
      type = lookup_mime_type (mime_type);
      if (type != NULL)
        {
          if (name->len == 0)
            g_string_assign (name, "document");
          g_string_append_printf (name, ".%s", type->extension);
        }
    }

  if (type == NULL)
    return KIOSK_DOCUMENT_REFUSED;

  if (safe_name != NULL)
    *safe_name = g_strdup (name->str);
  return type->kind;
}

static gboolean
starts_with (const guint8 *start,
             gsize         length,
             gsize         offset,
             const char   *magic,
             gsize         magic_length)
{
  return length >= offset + magic_length && memcmp (start + offset, magic, magic_length) == 0;
}

static gboolean
looks_like_text (const guint8 *start,
                 gsize         length)
{
  const char *end = NULL;

  /* A script is text too; it is still not a document. */
  if (starts_with (start, length, 0, "#!", 2))
    return FALSE;
  if (memchr (start, '\0', length) != NULL)
    return FALSE;

  /* The first bytes may cut a character in two; everything before that
   * must be UTF-8 (or ASCII, which is).
   */
  if (g_utf8_validate ((const char *) start, length, &end))
    return TRUE;
  return (const guint8 *) end + 4 > start + length;
}

/**
 * kiosk_document_contents_match:
 * @kind: the kind the file's name claims
 * @start: the file's first bytes
 * @length: how many, at most %KIOSK_DOCUMENT_SNIFF_LENGTH are looked at
 *
 * Checks that a file is what its name says, so that a program named
 * "attestation.pdf" is refused all the same.
 *
 * Returns: %TRUE when the contents start as a @kind file does
 */
gboolean
kiosk_document_contents_match (KioskDocumentKind  kind,
                               const guint8      *start,
                               gsize              length)
{
  g_return_val_if_fail (start != NULL || length == 0, FALSE);

  length = MIN (length, KIOSK_DOCUMENT_SNIFF_LENGTH);

  switch (kind)
    {
    case KIOSK_DOCUMENT_PDF:
      /* Readers accept a little junk before the header; so does the kiosk. */
      for (gsize i = 0; i + 5 <= length; i++)
        {
          if (memcmp (start + i, "%PDF-", 5) == 0)
            return TRUE;
        }
      return FALSE;

    case KIOSK_DOCUMENT_IMAGE:
      return starts_with (start, length, 0, "\x89PNG\r\n\x1a\n", 8) ||
             starts_with (start, length, 0, "\xff\xd8\xff", 3) ||
             starts_with (start, length, 0, "GIF87a", 6) ||
             starts_with (start, length, 0, "GIF89a", 6) ||
             (starts_with (start, length, 0, "RIFF", 4) &&
              starts_with (start, length, 8, "WEBP", 4));

    case KIOSK_DOCUMENT_TEXT:
      return length > 0 && looks_like_text (start, length);

    case KIOSK_DOCUMENT_OFFICE:
      /* OpenDocument and Office Open XML are zip files; older Office
       * files are OLE compound files.
       */
      return starts_with (start, length, 0, "PK\x03\x04", 4) ||
             starts_with (start, length, 0, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8);

    case KIOSK_DOCUMENT_REFUSED:
    default:
      return FALSE;
    }
}

/**
 * kiosk_document_can_be_shown:
 * @kind: a kind of document
 *
 * Returns: %TRUE when the kiosk can show (and print) such a document;
 *   office files are kept only to be sent to a site
 */
gboolean
kiosk_document_can_be_shown (KioskDocumentKind kind)
{
  return kind == KIOSK_DOCUMENT_PDF || kind == KIOSK_DOCUMENT_IMAGE ||
         kind == KIOSK_DOCUMENT_TEXT;
}

/**
 * kiosk_document_kind_to_string:
 * @kind: a kind of document
 *
 * Returns: its stable name: "refused", "pdf", "image", "text" or "office"
 */
const char *
kiosk_document_kind_to_string (KioskDocumentKind kind)
{
  switch (kind)
    {
    case KIOSK_DOCUMENT_PDF:
      return "pdf";
    case KIOSK_DOCUMENT_IMAGE:
      return "image";
    case KIOSK_DOCUMENT_TEXT:
      return "text";
    case KIOSK_DOCUMENT_OFFICE:
      return "office";
    case KIOSK_DOCUMENT_REFUSED:
    default:
      return "refused";
    }
}
