/* test-document.c — which files a session may keep, and under which name
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-test"

#include "config.h"

#include "kiosk-document.h"

#include <string.h>

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
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/document/classify", test_classify);
  g_test_add_func ("/document/long-name-is-cut", test_long_name_is_cut);
  g_test_add_func ("/document/contents-must-match", test_contents_must_match);
  g_test_add_func ("/document/what-can-be-shown", test_what_can_be_shown);

  return g_test_run ();
}
