/* kiosk-document.c — which files a session may keep: documents, never programs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-document"

#include "config.h"

#include "kiosk-document.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A resident downloads attestations, forms and scans; nothing else has a
 * reason to land on a public computer. The list names what is kept; any
 * other type — programs, scripts, launchers (.desktop), archives, web
 * pages, and whatever is unknown — is refused, so nothing needs to be
 * listed as dangerous.
 */
/* How an office file is built: Office Open XML and OpenDocument are ZIP
 * archives of XML parts, older Office files OLE compound files.
 */
typedef enum
{
  CONTAINER_NONE,
  CONTAINER_OOXML,
  CONTAINER_ODF,
  CONTAINER_OLE,
} Container;

typedef struct
{
  const char        *extension;
  const char        *mime_type;
  KioskDocumentKind  kind;
  Container          container;
  const char        *main_part;   /* OOXML: the part every such file has */
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
  { "odt", "application/vnd.oasis.opendocument.text", KIOSK_DOCUMENT_OFFICE, CONTAINER_ODF },
  { "ods", "application/vnd.oasis.opendocument.spreadsheet", KIOSK_DOCUMENT_OFFICE,
    CONTAINER_ODF },
  { "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    KIOSK_DOCUMENT_OFFICE, CONTAINER_OOXML, "word/document.xml" },
  { "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    KIOSK_DOCUMENT_OFFICE, CONTAINER_OOXML, "xl/workbook.xml" },
  { "doc", "application/msword", KIOSK_DOCUMENT_OFFICE, CONTAINER_OLE },
  { "xls", "application/vnd.ms-excel", KIOSK_DOCUMENT_OFFICE, CONTAINER_OLE },
};

/* A ZIP archive's parts are listed, never extracted, and only so many:
 * a letter or a spreadsheet has a few dozen, a long report with pictures
 * a few hundred. An OpenDocument's mimetype part holds one short line.
 */
#define MAX_ZIP_ENTRIES 2000
#define MAX_MIMETYPE_BYTES 100
#define OOXML_CONTENT_TYPES "[Content_Types].xml"

#define OLE_MAGIC "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

G_DEFINE_QUARK (kiosk-document-error-quark, kiosk_document_error)

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
 * Checks that a file starts as its name says, so that a program named
 * "attestation.pdf" is refused all the same. An office file's first bytes
 * only say that it is an archive: kiosk_document_check_file() also reads
 * its structure.
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
             starts_with (start, length, 0, OLE_MAGIC, 8);

    case KIOSK_DOCUMENT_REFUSED:
    default:
      return FALSE;
    }
}

typedef struct archive KioskArchiveReader;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KioskArchiveReader, archive_read_free)

static void G_GNUC_PRINTF (2, 3)
set_wrong_contents (GError     **error,
                    const char  *format,
                    ...)
{
  g_autofree char *problem = NULL;
  va_list args;

  va_start (args, format);
  problem = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, KIOSK_DOCUMENT_ERROR, KIOSK_DOCUMENT_ERROR_WRONG_CONTENTS,
               "its contents are not what its name says: %s", problem);
}

/* Reads the start of the mimetype part, which must name @type exactly. */
static gboolean
check_odf_mimetype (struct archive   *archive,
                    const KnownType  *type,
                    GError          **error)
{
  char contents[MAX_MIMETYPE_BYTES + 1];
  gsize length = 0;

  while (length < sizeof contents)
    {
      la_ssize_t count = archive_read_data (archive, contents + length,
                                            sizeof contents - length);

      if (count < 0)
        {
          set_wrong_contents (error, "its mimetype part cannot be read (%s)",
                              archive_error_string (archive));
          return FALSE;
        }
      if (count == 0)
        break;
      length += count;
    }

  if (length != strlen (type->mime_type) || memcmp (contents, type->mime_type, length) != 0)
    {
      set_wrong_contents (error, "its mimetype part does not say %s", type->mime_type);
      return FALSE;
    }
  return TRUE;
}

/* Office Open XML and OpenDocument files are ZIP archives whose parts say
 * what they are; an archive of anything else, only renamed, is refused
 * like any archive. Only the archive's central directory, its parts'
 * headers and an OpenDocument's mimetype part are read, from @fd, never
 * written anywhere; a file cut short lacks the directory at its end.
 */
static gboolean
check_zip_parts (int               fd,
                 const KnownType  *type,
                 GError          **error)
{
  g_autoptr(KioskArchiveReader) archive = archive_read_new ();
  gboolean has_content_types = FALSE;
  gboolean has_main_part = FALSE;
  guint n_entries = 0;

  /* Only the reader that goes by the central directory: the one that
   * streams through the parts would accept the first parts of a file
   * cut short, and skip a part only by inflating it.
   */
  if (archive_read_support_format_zip_seekable (archive) != ARCHIVE_OK ||
      archive_read_open_fd (archive, fd, 16 * 1024) != ARCHIVE_OK)
    {
      set_wrong_contents (error, "it is not a complete ZIP archive (%s)",
                          archive_error_string (archive));
      return FALSE;
    }

  for (;;)
    {
      struct archive_entry *entry = NULL;
      const char *name;
      int rc = archive_read_next_header (archive, &entry);

      if (rc == ARCHIVE_EOF)
        break;
      if (rc != ARCHIVE_OK && rc != ARCHIVE_WARN)
        {
          set_wrong_contents (error, "its ZIP archive is damaged (%s)",
                              archive_error_string (archive));
          return FALSE;
        }

      name = archive_entry_pathname (entry);
      if (type->container == CONTAINER_ODF)
        {
          /* The OpenDocument format puts it first, so that the type can
           * be told from the file's first bytes.
           */
          if (g_strcmp0 (name, "mimetype") != 0)
            {
              set_wrong_contents (error, "its first part is not mimetype");
              return FALSE;
            }
          return check_odf_mimetype (archive, type, error);
        }

      has_content_types |= g_strcmp0 (name, OOXML_CONTENT_TYPES) == 0;
      has_main_part |= g_strcmp0 (name, type->main_part) == 0;
      if (has_content_types && has_main_part)
        return TRUE;

      if (++n_entries >= MAX_ZIP_ENTRIES)
        {
          set_wrong_contents (error, "its first %u parts hold no %s and %s",
                              MAX_ZIP_ENTRIES, OOXML_CONTENT_TYPES, type->main_part);
          return FALSE;
        }
    }

  if (type->container == CONTAINER_ODF)
    set_wrong_contents (error, "its ZIP archive is empty");
  else
    set_wrong_contents (error, "it has no %s part",
                        has_content_types ? type->main_part : OOXML_CONTENT_TYPES);
  return FALSE;
}

static gboolean
check_contents (int               fd,
                const KnownType  *type,
                GError          **error)
{
  guint8 start[KIOSK_DOCUMENT_SNIFF_LENGTH];
  gssize length;

  do
    length = pread (fd, start, sizeof start, 0);
  while (length < 0 && errno == EINTR);
  if (length < 0)
    {
      int saved_errno = errno;

      g_set_error (error, KIOSK_DOCUMENT_ERROR, KIOSK_DOCUMENT_ERROR_UNREADABLE,
                   "it cannot be read: %s", g_strerror (saved_errno));
      return FALSE;
    }

  switch (type->container)
    {
    case CONTAINER_OOXML:
    case CONTAINER_ODF:
      /* libarchive also finds an archive appended to something else, as
       * in a self-extracting program; an office file is the archive alone.
       */
      if (!starts_with (start, length, 0, "PK\x03\x04", 4))
        {
          set_wrong_contents (error, "it does not start as a ZIP archive does");
          return FALSE;
        }
      return check_zip_parts (fd, type, error);

    case CONTAINER_OLE:
      if (!starts_with (start, length, 0, OLE_MAGIC, 8))
        {
          set_wrong_contents (error, "it is not an OLE compound file");
          return FALSE;
        }
      return TRUE;

    case CONTAINER_NONE:
    default:
      if (!kiosk_document_contents_match (type->kind, start, length))
        {
          set_wrong_contents (error, "it does not start as a %s file does",
                              kiosk_document_kind_to_string (type->kind));
          return FALSE;
        }
      return TRUE;
    }
}

/**
 * kiosk_document_check_file:
 * @path: a file a session is about to keep: a download, or a scan
 * @error: return location for a #KioskDocumentError
 *
 * Checks that a file is a document, and the document its name says: its
 * extension must be a document's (see kiosk_document_classify()) and its
 * contents must be built as such a file is. A PDF, an image or a text
 * must start as one; an Office Open XML file (.docx, .xlsx) must be a
 * ZIP archive with the parts [Content_Types].xml and the main part of its
 * kind (word/document.xml, xl/workbook.xml), and an OpenDocument (.odt,
 * .ods) a ZIP archive whose first part, mimetype, names its type. So a
 * program named "attestation.pdf", or any archive renamed "cv.docx", is
 * refused. A symbolic link is refused too; the file is never changed.
 *
 * Messages never name the file: a name can say who a resident is.
 *
 * Returns: %TRUE when the file may be kept; %FALSE with
 *   %KIOSK_DOCUMENT_ERROR_REFUSED_TYPE, %KIOSK_DOCUMENT_ERROR_WRONG_CONTENTS
 *   or %KIOSK_DOCUMENT_ERROR_UNREADABLE
 */
gboolean
kiosk_document_check_file (const char  *path,
                           GError     **error)
{
  g_autofree char *name = NULL;
  const KnownType *type = NULL;
  const char *dot;
  struct stat buf;
  gboolean ok;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  name = g_path_get_basename (path);
  dot = strrchr (name, '.');
  if (dot != NULL)
    type = lookup_extension (dot + 1);
  if (type == NULL)
    {
      g_set_error (error, KIOSK_DOCUMENT_ERROR, KIOSK_DOCUMENT_ERROR_REFUSED_TYPE,
                   "its name is not a document’s");
      return FALSE;
    }

  /* O_NONBLOCK, so that a named pipe cannot keep the kiosk waiting. */
  fd = g_open (path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, KIOSK_DOCUMENT_ERROR, KIOSK_DOCUMENT_ERROR_UNREADABLE,
                   "it cannot be opened: %s", g_strerror (saved_errno));
      return FALSE;
    }

  if (fstat (fd, &buf) != 0 || !S_ISREG (buf.st_mode))
    {
      g_set_error (error, KIOSK_DOCUMENT_ERROR, KIOSK_DOCUMENT_ERROR_REFUSED_TYPE,
                   "it is not a regular file");
      g_close (fd, NULL);
      return FALSE;
    }

  ok = check_contents (fd, type, error);
  g_close (fd, NULL);
  return ok;
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
