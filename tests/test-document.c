/* test-document.c — which files a session may keep, and under which name
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-test"

#include "config.h"

#include "kiosk-document.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct
{
  const char        *file_name;
  const char        *mime_type;
  KioskDocumentKind  kind;
  const char        *safe_name;
} Case;

static void
test_classify (void)
{
  static const Case cases[] = {
    /* What residents download. */
    { "attestation-paiement.pdf", "application/pdf", KIOSK_DOCUMENT_PDF,
      "attestation-paiement.pdf" },
    { "Avis d'impôt 2026.PDF", "application/octet-stream", KIOSK_DOCUMENT_PDF,
      "Avis d'impôt 2026.PDF" },
    { "scan.jpeg", NULL, KIOSK_DOCUMENT_IMAGE, "scan.jpeg" },
    { "photo.png", "image/png", KIOSK_DOCUMENT_IMAGE, "photo.png" },
    { "releve.csv", "text/csv", KIOSK_DOCUMENT_TEXT, "releve.csv" },
    { "cv.docx", NULL, KIOSK_DOCUMENT_OFFICE, "cv.docx" },
    /* No extension: the announced type names it. */
    { "attestation", "application/pdf; charset=binary", KIOSK_DOCUMENT_PDF,
      "attestation.pdf" },
    { NULL, "image/jpeg", KIOSK_DOCUMENT_IMAGE, "document.jpg" },
    { "", "APPLICATION/PDF", KIOSK_DOCUMENT_PDF, "document.pdf" },
    /* Names that try to leave the folder or hide. */
    { "../../etc/passwd.pdf", "application/pdf", KIOSK_DOCUMENT_PDF, "passwd.pdf" },
    { "..\\..\\evil.pdf", "application/pdf", KIOSK_DOCUMENT_PDF, "evil.pdf" },
    { ".hidden.pdf", "application/pdf", KIOSK_DOCUMENT_PDF, "hidden.pdf" },
    { "facture\n.pdf", "application/pdf", KIOSK_DOCUMENT_PDF, "facture.pdf" },
    /* Programs, scripts and launchers, whatever type is announced. */
    { "setup.exe", "application/pdf", KIOSK_DOCUMENT_REFUSED, NULL },
    { "attestation.pdf.exe", "application/pdf", KIOSK_DOCUMENT_REFUSED, NULL },
    { "run.sh", "text/plain", KIOSK_DOCUMENT_REFUSED, NULL },
    { "update.bat", NULL, KIOSK_DOCUMENT_REFUSED, NULL },
    { "open.desktop", "application/x-desktop", KIOSK_DOCUMENT_REFUSED, NULL },
    { "tool.py", "text/plain", KIOSK_DOCUMENT_REFUSED, NULL },
    { "page.html", "text/html", KIOSK_DOCUMENT_REFUSED, NULL },
    { "drawing.svg", "image/svg+xml", KIOSK_DOCUMENT_REFUSED, NULL },
    { "app.AppImage", NULL, KIOSK_DOCUMENT_REFUSED, NULL },
    { "archive.zip", "application/zip", KIOSK_DOCUMENT_REFUSED, NULL },
    { "paquet.deb", NULL, KIOSK_DOCUMENT_REFUSED, NULL },
    /* "gpj.exe" that reads as "exe.jpg" with a right-to-left override. */
    { "photo\u202Egpj.exe", "image/jpeg", KIOSK_DOCUMENT_REFUSED, NULL },
    /* Unknown types. */
    { "data", "application/octet-stream", KIOSK_DOCUMENT_REFUSED, NULL },
    { "data", NULL, KIOSK_DOCUMENT_REFUSED, NULL },
    { "trailing-dot.pdf.", "application/pdf", KIOSK_DOCUMENT_PDF, "trailing-dot.pdf" },
    { "\xff\xfe.pdf", "application/pdf", KIOSK_DOCUMENT_PDF, "document.pdf" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *safe_name = NULL;
      /* Escaped: the test's output must stay valid UTF-8 for meson. */
      g_autofree char *shown_name = g_strescape (cases[i].file_name != NULL
                                                   ? cases[i].file_name : "(none)", NULL);
      KioskDocumentKind kind;

      kind = kiosk_document_classify (cases[i].file_name, cases[i].mime_type, &safe_name);
      g_test_message ("%s (%s) → %s %s", shown_name, cases[i].mime_type,
                      kiosk_document_kind_to_string (kind), safe_name);
      g_assert_cmpstr (kiosk_document_kind_to_string (kind), ==,
                       kiosk_document_kind_to_string (cases[i].kind));
      g_assert_cmpstr (safe_name, ==, cases[i].safe_name);
    }
}

static void
test_long_name_is_cut (void)
{
  g_autoptr(GString) long_name = g_string_new (NULL);
  g_autofree char *safe_name = NULL;

  for (guint i = 0; i < 500; i++)
    g_string_append (long_name, "é");
  g_string_append (long_name, ".pdf");

  /* Cut before the extension, which is kept. */
  g_assert_cmpint (kiosk_document_classify (long_name->str, NULL, &safe_name), ==,
                   KIOSK_DOCUMENT_PDF);
  g_assert_true (g_utf8_validate (safe_name, -1, NULL));
  g_assert_true (g_str_has_suffix (safe_name, ".pdf"));
  g_assert_cmpuint (strlen (safe_name), <=, 120);
  g_assert_true (g_str_has_prefix (safe_name, "ééé"));
}

typedef struct
{
  KioskDocumentKind  kind;
  const char        *start;
  gsize              length;
  gboolean           matches;
} Contents;

static void
test_contents_must_match (void)
{
  static const Contents cases[] = {
    { KIOSK_DOCUMENT_PDF, "%PDF-1.7\n", 9, TRUE },
    { KIOSK_DOCUMENT_PDF, "\r\n%PDF-1.4", 10, TRUE },
    { KIOSK_DOCUMENT_PDF, "\x7f" "ELF\x02\x01\x01", 7, FALSE },
    { KIOSK_DOCUMENT_PDF, "MZ\x90\x00", 4, FALSE },
    { KIOSK_DOCUMENT_PDF, "<html><script>", 14, FALSE },
    { KIOSK_DOCUMENT_PDF, "", 0, FALSE },
    { KIOSK_DOCUMENT_IMAGE, "\x89PNG\r\n\x1a\n\0\0", 10, TRUE },
    { KIOSK_DOCUMENT_IMAGE, "\xff\xd8\xff\xe0", 4, TRUE },
    { KIOSK_DOCUMENT_IMAGE, "GIF89a", 6, TRUE },
    { KIOSK_DOCUMENT_IMAGE, "RIFF\0\0\0\0WEBPVP8 ", 16, TRUE },
    { KIOSK_DOCUMENT_IMAGE, "RIFF\0\0\0\0WAVE", 12, FALSE },
    { KIOSK_DOCUMENT_IMAGE, "<svg onload=alert(1)>", 21, FALSE },
    { KIOSK_DOCUMENT_TEXT, "nom;montant\nCAF;120\n", 20, TRUE },
    { KIOSK_DOCUMENT_TEXT, "Réf. é", 8, TRUE },
    /* Cut in the middle of "é" by the sniff length. */
    { KIOSK_DOCUMENT_TEXT, "abc\xc3", 4, TRUE },
    { KIOSK_DOCUMENT_TEXT, "#!/bin/sh\nrm -rf ~\n", 19, FALSE },
    { KIOSK_DOCUMENT_TEXT, "abc\0def", 7, FALSE },
    { KIOSK_DOCUMENT_TEXT, "\xff\xfe\xfd\xfc\xfb\xfa\xf9", 7, FALSE },
    { KIOSK_DOCUMENT_TEXT, "", 0, FALSE },
    { KIOSK_DOCUMENT_OFFICE, "PK\x03\x04\x14\0", 6, TRUE },
    { KIOSK_DOCUMENT_OFFICE, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8, TRUE },
    { KIOSK_DOCUMENT_OFFICE, "MZ\x90\x00", 4, FALSE },
    { KIOSK_DOCUMENT_REFUSED, "%PDF-1.7", 8, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("case %u: %s", i, kiosk_document_kind_to_string (cases[i].kind));
      g_assert_cmpint (kiosk_document_contents_match (cases[i].kind,
                                                      (const guint8 *) cases[i].start,
                                                      cases[i].length), ==, cases[i].matches);
    }
}

/* A file in the test's own folder (G_TEST_OPTION_ISOLATE_DIRS). */
static char *
test_path (const char *name)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "documents", NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return g_build_filename (dir, name, NULL);
}

typedef struct
{
  const char *name;
  const char *contents;
} Part;

#define DOCX_CONTENT_TYPES \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" \
  "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>"
#define ODT_MIME_TYPE "application/vnd.oasis.opendocument.text"

static const Part docx_parts[] = {
  { "[Content_Types].xml", DOCX_CONTENT_TYPES },
  { "_rels/.rels", "<Relationships/>" },
  { "word/document.xml", "<w:document><w:body><w:p/></w:body></w:document>" },
};
static const Part xlsx_parts[] = {
  { "[Content_Types].xml", DOCX_CONTENT_TYPES },
  { "xl/workbook.xml", "<workbook/>" },
};
static const Part odt_parts[] = {
  { "mimetype", ODT_MIME_TYPE },
  { "content.xml", "<office:document-content/>" },
  { "META-INF/manifest.xml", "<manifest:manifest/>" },
};
static const Part ods_parts[] = {
  { "mimetype", "application/vnd.oasis.opendocument.spreadsheet" },
  { "content.xml", "<office:document-content/>" },
};
static const Part holiday_parts[] = {
  { "photos/plage.jpg", "\xff\xd8\xff\xe0 not much of a picture" },
  { "notes.txt", "Sunscreen." },
};
static const Part wrong_mime_type_parts[] = {
  { "mimetype", "application/vnd.oasis.opendocument.spreadsheet" },
  { "content.xml", "<office:document-content/>" },
};
static const Part mime_type_second_parts[] = {
  { "content.xml", "<office:document-content/>" },
  { "mimetype", ODT_MIME_TYPE },
};

/* Writes a ZIP archive of @parts with libarchive, stored rather than
 * deflated, as OpenDocument wants its mimetype part.
 */
static char *
write_zip (const char *file_name,
           const Part *parts,
           guint       n_parts)
{
  char *path = test_path (file_name);
  struct archive *zip = archive_write_new ();

  g_assert_cmpint (archive_write_set_format_zip (zip), ==, ARCHIVE_OK);
  g_assert_cmpint (archive_write_set_format_option (zip, "zip", "compression", "store"), ==,
                   ARCHIVE_OK);
  g_assert_cmpint (archive_write_open_filename (zip, path), ==, ARCHIVE_OK);

  for (guint i = 0; i < n_parts; i++)
    {
      struct archive_entry *entry = archive_entry_new ();
      gsize length = strlen (parts[i].contents);

      archive_entry_set_pathname (entry, parts[i].name);
      archive_entry_set_filetype (entry, AE_IFREG);
      archive_entry_set_perm (entry, 0644);
      archive_entry_set_size (entry, length);
      g_assert_cmpint (archive_write_header (zip, entry), ==, ARCHIVE_OK);
      g_assert_cmpint (archive_write_data (zip, parts[i].contents, length), ==, length);
      archive_entry_free (entry);
    }

  g_assert_cmpint (archive_write_close (zip), ==, ARCHIVE_OK);
  archive_write_free (zip);
  return path;
}

static char *
write_file (const char *file_name,
            const char *contents,
            gssize      length)
{
  char *path = test_path (file_name);

  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  return path;
}

static guint
count_files (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* Checks @path, which must be refused with @code and a message saying
 * @problem, and be left as it was, with nothing written beside it.
 */
static void
assert_refused (const char *path,
                int         code,
                const char *problem)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_length = 0;
  gsize after_length = 0;
  guint n_files = count_files (dir);
  /* A named pipe is not read: nothing would ever come. */
  gboolean readable = g_file_test (path, G_FILE_TEST_IS_REGULAR);

  if (readable)
    g_file_get_contents (path, &before, &before_length, NULL);

  g_assert_false (kiosk_document_check_file (path, &error));
  g_test_message ("%s", error->message);
  g_assert_error (error, KIOSK_DOCUMENT_ERROR, code);
  g_assert_nonnull (strstr (error->message, problem));

  if (readable)
    {
      g_file_get_contents (path, &after, &after_length, NULL);
      g_assert_cmpmem (after, after_length, before, before_length);
    }
  g_assert_cmpuint (count_files (dir), ==, n_files);
}

static void
assert_kept (const char *path)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kiosk_document_check_file (path, &error));
  g_assert_no_error (error);
}

static void
test_office_real_documents_kept (void)
{
  g_autofree char *docx = write_zip ("cv.docx", docx_parts, G_N_ELEMENTS (docx_parts));
  g_autofree char *xlsx = write_zip ("budget.XLSX", xlsx_parts, G_N_ELEMENTS (xlsx_parts));
  g_autofree char *odt = write_zip ("lettre.odt", odt_parts, G_N_ELEMENTS (odt_parts));
  g_autofree char *ods = write_zip ("comptes.ods", ods_parts, G_N_ELEMENTS (ods_parts));
  g_autofree char *doc = write_file ("ancien.doc", "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" "more",
                                     12);

  assert_kept (docx);
  assert_kept (xlsx);
  assert_kept (odt);
  assert_kept (ods);
  assert_kept (doc);
}

/* Issue 24: any ZIP renamed ".docx" was kept, though archives are not. */
static void
test_office_renamed_archive_refused (void)
{
  g_autofree char *docx = write_zip ("vacances.docx", holiday_parts,
                                     G_N_ELEMENTS (holiday_parts));
  g_autofree char *xlsx = write_zip ("vacances.xlsx", holiday_parts,
                                     G_N_ELEMENTS (holiday_parts));
  g_autofree char *odt = write_zip ("vacances.odt", holiday_parts,
                                    G_N_ELEMENTS (holiday_parts));
  g_autofree char *doc = write_zip ("vacances.doc", holiday_parts,
                                    G_N_ELEMENTS (holiday_parts));
  g_autofree char *spreadsheet_as_docx = write_zip ("tableau.docx", xlsx_parts,
                                                    G_N_ELEMENTS (xlsx_parts));
  g_autofree char *self_extracting = write_zip ("installer.docx", docx_parts,
                                                G_N_ELEMENTS (docx_parts));
  g_autofree char *zip_bytes = NULL;
  g_autofree char *program = NULL;
  gsize length = 0;

  /* A program with a real Word document appended, as self-extracting
   * archives are built.
   */
  g_assert_true (g_file_get_contents (self_extracting, &zip_bytes, &length, NULL));
  program = g_strconcat ("MZ\x90 a program that unpacks what follows\n", NULL);
  {
    g_autoptr(GByteArray) bytes = g_byte_array_new ();

    g_byte_array_append (bytes, (const guint8 *) program, strlen (program));
    g_byte_array_append (bytes, (const guint8 *) zip_bytes, length);
    g_assert_true (g_file_set_contents (self_extracting, (const char *) bytes->data, bytes->len,
                                        NULL));
  }

  assert_refused (docx, KIOSK_DOCUMENT_ERROR_WRONG_CONTENTS, "no [Content_Types].xml part");
  assert_refused (xlsx, KIOSK_DOCUMENT_ERROR_WRONG_CONTENTS, "no [Content_Types].xml part");
  assert_refused (odt, KIOSK_DOCUMENT_ERROR_WRONG_CONTENTS, "first part is not mimetype");
  assert_refused (doc, KIOSK_DOCUMENT_ERROR_WRONG_CONTENTS, "not an OLE compound file");
  assert_refused (spreadsheet_as_docx, KIOSK_DOCUMENT_ERROR_WRONG_CONTENTS,
                  "no word/document.xml part");
  assert_refused (self_extracting, KIOSK_DOCUMENT_ERROR_WRONG_CONTENTS,
                  "does not start as a ZIP archive");
}

static void
test_office_odf_mime_type_must_match (void)
{
  g_autofree char *wrong = write_zip ("lettre.odt", wrong_mime_type_parts,
                                      G_N_ELEMENTS (wrong_mime_type_parts));
  g_autofree char *second = write_zip ("rapport.odt", mime_type_second_parts,
                                       G_N_ELEMENTS (mime_type_second_parts));
  g_autoptr(GString) long_mime_type = g_string_new (ODT_MIME_TYPE);
  g_autofree char *endless = NULL;
  Part endless_parts[] = {
    { "mimetype", NULL },
    { "content.xml", "<office:document-content/>" },
  };

  /* A mimetype part that goes on and on is not read to its end. */
  while (long_mime_type->len < 4 * 1024 * 1024)
    g_string_append (long_mime_type, " and so on");
  endless_parts[0].contents = long_mime_type->str;
  endless = write_zip ("long.odt", endless_parts, G_N_ELEMENTS (endless_parts));

  assert_refused (wrong, KIOSK_DOCUMENT_ERROR_WRONG_CONTENTS,
                  "mimetype part does not say " ODT_MIME_TYPE);
  assert_refused (second, KIOSK_DOCUMENT_ERROR_WRONG_CONTENTS, "first part is not mimetype");
  assert_refused (endless, KIOSK_DOCUMENT_ERROR_WRONG_CONTENTS,
                  "mimetype part does not say " ODT_MIME_TYPE);
}

/* A download cut short: the archive's directory, at its end, is missing. */
static void
test_office_truncated_refused (void)
{
  g_autofree char *docx = write_zip ("cv.docx", docx_parts, G_N_ELEMENTS (docx_parts));
  g_autofree char *odt = write_zip ("lettre.odt", odt_parts, G_N_ELEMENTS (odt_parts));
  const char *paths[] = { docx, odt };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *contents = NULL;
      gsize length = 0;

      g_assert_true (g_file_get_contents (paths[i], &contents, &length, NULL));
      g_assert_true (g_file_set_contents (paths[i], contents, length - 30, NULL));
      assert_refused (paths[i], KIOSK_DOCUMENT_ERROR_WRONG_CONTENTS,
                      "not a complete ZIP archive");
    }
}

/* An archive of thousands of parts, the ones that would make it a Word
 * document last: the check gives up after a bounded number of them.
 */
static void
test_office_many_parts_bounded (void)
{
  g_autoptr(GArray) parts = g_array_new (FALSE, FALSE, sizeof (Part));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *docx = NULL;

  for (guint i = 0; i < 5000; i++)
    {
      char *name = g_strdup_printf ("padding/%u.xml", i);
      Part part = { name, "" };

      g_ptr_array_add (names, name);
      g_array_append_val (parts, part);
    }
  g_array_append_vals (parts, docx_parts, G_N_ELEMENTS (docx_parts));
  docx = write_zip ("gros.docx", (Part *) (gpointer) parts->data, parts->len);

  assert_refused (docx, KIOSK_DOCUMENT_ERROR_WRONG_CONTENTS, "first 2000 parts");
}

/* The whole-file check applies to every kind, not only office files. */
static void
test_check_file_other_kinds (void)
{
  g_autofree char *pdf = write_file ("attestation.pdf", "%PDF-1.7\n%%EOF\n", -1);
  g_autofree char *program = write_file ("facture.pdf", "\x7f" "ELF\x02\x01\x01", 7);
  g_autofree char *zip = write_zip ("photos.zip", holiday_parts, G_N_ELEMENTS (holiday_parts));
  g_autofree char *link = test_path ("lien.pdf");
  g_autofree char *fifo = test_path ("tube.pdf");
  g_autofree char *missing = test_path ("absent.pdf");
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (symlink (pdf, link), ==, 0);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);

  assert_kept (pdf);
  assert_refused (program, KIOSK_DOCUMENT_ERROR_WRONG_CONTENTS, "does not start as a pdf");
  assert_refused (zip, KIOSK_DOCUMENT_ERROR_REFUSED_TYPE, "not a document’s");
  assert_refused (link, KIOSK_DOCUMENT_ERROR_UNREADABLE, "cannot be opened");
  /* Opened without waiting for a writer that never comes. */
  assert_refused (fifo, KIOSK_DOCUMENT_ERROR_REFUSED_TYPE, "not a regular file");

  g_assert_false (kiosk_document_check_file (missing, &error));
  g_assert_error (error, KIOSK_DOCUMENT_ERROR, KIOSK_DOCUMENT_ERROR_UNREADABLE);
}

static void
test_what_can_be_shown (void)
{
  g_assert_true (kiosk_document_can_be_shown (KIOSK_DOCUMENT_PDF));
  g_assert_true (kiosk_document_can_be_shown (KIOSK_DOCUMENT_IMAGE));
  g_assert_true (kiosk_document_can_be_shown (KIOSK_DOCUMENT_TEXT));
  g_assert_false (kiosk_document_can_be_shown (KIOSK_DOCUMENT_OFFICE));
  g_assert_false (kiosk_document_can_be_shown (KIOSK_DOCUMENT_REFUSED));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/document/classify", test_classify);
  g_test_add_func ("/document/long-name-is-cut", test_long_name_is_cut);
  g_test_add_func ("/document/contents-must-match", test_contents_must_match);
  g_test_add_func ("/document/what-can-be-shown", test_what_can_be_shown);
  g_test_add_func ("/document/office/real-documents-kept", test_office_real_documents_kept);
  g_test_add_func ("/document/office/renamed-archive-refused",
                   test_office_renamed_archive_refused);
  g_test_add_func ("/document/office/odf-mime-type-must-match",
                   test_office_odf_mime_type_must_match);
  g_test_add_func ("/document/office/truncated-refused", test_office_truncated_refused);
  g_test_add_func ("/document/office/many-parts-bounded", test_office_many_parts_bounded);
  g_test_add_func ("/document/check-file/other-kinds", test_check_file_other_kinds);

  return g_test_run ();
}
