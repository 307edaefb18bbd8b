/* test-documents.c — downloads, "My documents", uploads and printing under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-test"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <poppler.h>
#include <string.h>
#include <unistd.h>

#include "kiosk-files.h"
#include "shell-fixture.h"
#include "test-print-server.h"

#define TEST_QUEUE "kiosk-test"

static KioskTestPrintServer *print_server;

static guint
count_documents (ShellFixture *fixture)
{
  KioskUserSession *user_session = kiosk_window_get_user_session (fixture->window);

  return g_list_model_get_n_items (kiosk_user_session_get_documents (user_session));
}

typedef struct
{
  ShellFixture *fixture;
  guint         count;
} DocumentsWait;

static gboolean
has_documents (gpointer user_data)
{
  DocumentsWait *wait = user_data;

  return count_documents (wait->fixture) == wait->count;
}

static void
assert_documents_become (ShellFixture *fixture,
                         guint         count)
{
  DocumentsWait wait = { fixture, count };

  if (!kiosk_test_wait_until (has_documents, &wait, LOAD_TIMEOUT))
    g_error ("The session has %u documents instead of %u", count_documents (fixture), count);
}

static const char *
window_notice (gpointer window)
{
  return kiosk_window_get_notice (window);
}

static guint
count_files_in (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint count = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    count++;
  return count;
}

static const char *
private_dir (ShellFixture *fixture)
{
  return kiosk_user_session_get_private_dir (kiosk_window_get_user_session (fixture->window));
}

/* Opens the CAF page, then asks for a file the server offers at @path. */
static void
download (ShellFixture *fixture,
          const char   *path)
{
  g_autofree char *address = g_strconcat ("http://www.caf.fr", path, NULL);

  open_caf (fixture);
  webkit_web_view_load_uri (fixture_get_web_view (fixture), address);
}

static void
serve_pdf (ShellFixture *fixture,
           const char   *path,
           guint         n_pages,
           const char   *file_name)
{
  g_autoptr(GBytes) pdf = make_pdf (n_pages, "attestation de paiement");

  kiosk_test_server_add_file (fixture->server, "www.caf.fr", path, "application/pdf", pdf,
                              file_name);
}

static gboolean
is_ink (guint8 red,
        guint8 green,
        guint8 blue)
{
  return red < 80 && green < 80 && blue < 80;
}

/* How much of the view below WebKit's PDF toolbar is dark ink, as a
 * resident would see the document's text.
 */
static guint
count_ink_pixels (WebKitWebView *viewer)
{
  return count_view_pixels (viewer, 60, is_ink);
}

static gboolean
document_is_drawn (gpointer user_data)
{
  return count_ink_pixels (user_data) > 500;
}

static void
assert_document_is_drawn (WebKitWebView *viewer)
{
  if (!kiosk_test_wait_until (document_is_drawn, viewer, LOAD_TIMEOUT))
    g_error ("The document viewer shows no text");
}

static void
test_download_is_kept_and_shown (ShellFixture  *fixture,
                                 gconstpointer  data)
{
  KioskDocumentsView *documents_view = kiosk_window_get_documents_view (fixture->window);
  g_autofree char *saved = NULL;
  g_autofree char *saved_uri = NULL;
  g_autofree char *notice = NULL;
  WebKitWebView *viewer;

  /* No Content-Disposition: a PDF WebKit could show is kept all the same. */
  serve_pdf (fixture, "/attestation", 2, NULL);
  download (fixture, "/attestation");
  assert_documents_become (fixture, 1);

  saved = g_build_filename (private_dir (fixture), "attestation.pdf", NULL);
  g_assert_true (g_file_test (saved, G_FILE_TEST_IS_REGULAR));
  notice = g_strdup_printf (_("Your document is kept in “My documents”: %s"), "attestation.pdf");
  g_assert_cmpstr (kiosk_window_get_notice (fixture->window), ==, notice);

  /* Shown at once, in a view of its own. */
  g_assert_cmpstr (kiosk_window_get_page (fixture->window), ==, "documents");
  viewer = kiosk_documents_view_get_viewer (documents_view);
  g_assert_nonnull (viewer);
  saved_uri = g_filename_to_uri (saved, NULL, NULL);
  assert_string_becomes ((StringGetter) webkit_web_view_get_uri, viewer, saved_uri,
                         "viewer address");

  assert_document_is_drawn (viewer);
  /* The viewer goes nowhere else, whatever asks. */
  webkit_web_view_load_uri (viewer, "http://www.caf.fr/page2");
  run_script (viewer, "window.location.href = 'http://www.caf.fr/page2';");
  kiosk_test_spin (1500);
  g_assert_cmpuint (kiosk_test_server_count_path (fixture->server, "/page2"), ==, 0);
  g_assert_cmpstr (webkit_web_view_get_uri (viewer), ==, saved_uri);
  assert_document_is_drawn (viewer);

  /* Back to the list, then to the site. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (documents_view), "documents.show-list",
                                             NULL));
  g_assert_null (kiosk_documents_view_get_viewer (documents_view));
  activate (fixture, "win.leave-documents");
  g_assert_cmpstr (kiosk_window_get_page (fixture->window), ==, "browser");
}

/* An attestation a site builds in the page, as many do: a script fetches
 * or makes the bytes, then offers them as a `blob:` download. It is kept,
 * checked and shown as any document of the site.
 */
static void
test_blob_document_is_kept_and_shown (ShellFixture  *fixture,
                                      gconstpointer  data)
{
  KioskDocumentsView *documents_view = kiosk_window_get_documents_view (fixture->window);
  g_autofree char *saved = NULL;

  serve_pdf (fixture, "/attestation-bytes", 1, NULL);
  kiosk_test_server_add_page (fixture->server, "www.caf.fr", "/build",
                              "<script>"
                              "function save () {"
                              " fetch ('/attestation-bytes').then (r => r.blob ()).then (b => {"
                              "  const a = document.createElement ('a');"
                              "  a.href = URL.createObjectURL (b);"
                              "  a.download = 'attestation-caf.pdf';"
                              "  document.body.appendChild (a); a.click (); }); }"
                              "</script><title>build</title>", NULL);
  open_caf (fixture);
  webkit_web_view_load_uri (fixture_get_web_view (fixture), "http://www.caf.fr/build");
  assert_title_becomes (fixture_get_web_view (fixture), "build");
  run_script (fixture_get_web_view (fixture), "save ()");

  assert_documents_become (fixture, 1);
  saved = g_build_filename (private_dir (fixture), "attestation-caf.pdf", NULL);
  g_assert_true (g_file_test (saved, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (kiosk_window_get_page (fixture->window), ==, "documents");
  assert_document_is_drawn (kiosk_documents_view_get_viewer (documents_view));
}

/* The same with a `data:` address; a `data:` page is no document, and the
 * refusal page names the site that made it.
 */
static void
test_data_document_is_kept (ShellFixture  *fixture,
                            gconstpointer  data)
{
  g_autoptr(GBytes) pdf = make_pdf (1, "attestation");
  g_autofree char *base64 = g_base64_encode (g_bytes_get_data (pdf, NULL),
                                             g_bytes_get_size (pdf));
  /* The title last: once it shows, the links are there. */
  g_autofree char *html = g_strdup_printf ("<a id='pdf' download='attestation.pdf' "
                                           "href='data:application/pdf;base64,%s'>PDF</a>"
                                           "<a id='page' href='data:text/html,<title>x</title>'>"
                                           "page</a><title>data</title>", base64);
  WebKitWebView *web_view;

  kiosk_test_server_add_page (fixture->server, "www.caf.fr", "/data", html, NULL);
  open_caf (fixture);
  web_view = fixture_get_web_view (fixture);
  webkit_web_view_load_uri (web_view, "http://www.caf.fr/data");
  assert_title_becomes (web_view, "data");

  run_script (web_view, "document.getElementById('pdf').click()");
  assert_documents_become (fixture, 1);

  activate (fixture, "win.leave-documents");
  run_script (web_view, "document.getElementById('page').click()");
  assert_page_becomes (fixture->window, "refused");
  g_assert_cmpstr (kiosk_window_get_refused_place (fixture->window), ==, "www.caf.fr");
  g_assert_cmpstr (webkit_web_view_get_title (web_view), ==, "data");
}

static gboolean
documents_are_shown (gpointer window)
{
  return g_strcmp0 (kiosk_window_get_page (window), "documents") == 0;
}

/* Issue 24, with documents: a page that downloads again and again showed
 * each document at once, over and over. Twice sent back to the page, the
 * kiosk keeps the page's documents without showing or telling them.
 */
static void
test_download_loop_is_no_trap (ShellFixture  *fixture,
                               gconstpointer  data)
{
  guint kept;

  serve_pdf (fixture, "/attestation", 1, "attestation.pdf");
  kiosk_test_server_add_page (fixture->server, "www.caf.fr", "/download-loop",
                              "<title>download loop</title><script>"
                              "setInterval (() => { location.href = '/attestation'; }, 500);"
                              "</script>", NULL);
  download (fixture, "/download-loop");

  for (guint i = 0; i < 2; i++)
    {
      assert_page_becomes (fixture->window, "documents");
      activate (fixture, "win.leave-documents");
      assert_page_becomes (fixture->window, "browser");
    }
  activate (fixture, "win.dismiss-notice");

  kept = count_documents (fixture);
  assert_documents_become (fixture, kept + 2);
  g_assert_false (kiosk_test_wait_until (documents_are_shown, fixture->window, 2));
  g_assert_null (kiosk_window_get_notice (fixture->window));
  g_assert_cmpstr (webkit_web_view_get_title (fixture_get_web_view (fixture)), ==,
                   "download loop");
}

typedef struct
{
  const char *name;
  const char *content_type;
  const char *body;
  const char *file_name;
} RefusedFile;

static const RefusedFile refused_files[] = {
  { "program", "application/x-msdownload", "MZ\x90 this is a program", "setup.exe" },
  { "launcher", "application/x-desktop", "[Desktop Entry]\nExec=sh\n", "open.desktop" },
  { "script", "text/x-sh", "#!/bin/sh\nrm -rf ~\n", "update.sh" },
  { "disguised-program", "application/pdf", "\x7f" "ELF not a pdf", "attestation.pdf" },
  /* It starts as every ZIP archive does, a Word file's included. */
  { "disguised-archive",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "PK\x03\x04 an archive, not a letter", "cv.docx" },
  { "unknown", "application/octet-stream", "who knows", "data.bin" },
};

static void
test_refused_download (ShellFixture  *fixture,
                       gconstpointer  data)
{
  const RefusedFile *refused = data;
  g_autofree char *disposition = g_strdup_printf ("attachment; filename=\"%s\"",
                                                  refused->file_name);
  g_autofree char *notice = NULL;

  kiosk_test_server_add_resource (fixture->server, "www.caf.fr", "/file", refused->content_type,
                                  refused->body, "Content-Disposition", disposition);
  download (fixture, "/file");

  notice = g_strdup_printf (_("This file was not kept: programs and unknown kinds of files are "
                              "not accepted on this computer (%s)."), refused->file_name);
  assert_string_becomes (window_notice, fixture->window, notice, "notice");
  kiosk_test_spin (300);
  g_assert_cmpuint (count_documents (fixture), ==, 0);
  g_assert_cmpuint (count_files_in (private_dir (fixture)), ==, 0);
}

static const char file_field_page[] =
  "<title>form</title>"
  "<input type='file' id='field' style='position: fixed; inset: 0; width: 100%; height: 100%'"
  " onchange=\"document.title = 'chosen:' + this.files[0].name + ':' + this.files[0].size\">";

static gboolean
upload_is_asked (gpointer window)
{
  return g_strcmp0 (kiosk_window_get_question (window), "upload") == 0;
}

/* Clicks the field that fills the page until the kiosk's chooser shows:
 * a click that comes before WebKit has laid the page out is lost, and a
 * resident would click again too.
 */
static void
click_file_field (ShellFixture *fixture)
{
  for (guint attempt = 0; attempt < 5; attempt++)
    {
      click_in_the_middle_of (GTK_WIDGET (fixture_get_web_view (fixture)));
      if (kiosk_test_wait_until (upload_is_asked, fixture->window, 3))
        return;
    }
  g_error ("Clicking a file field never brought the kiosk's chooser");
}

static void
open_file_field (ShellFixture *fixture)
{
  kiosk_test_server_add_page (fixture->server, "www.caf.fr", "/form", file_field_page, NULL);
  webkit_web_view_load_uri (fixture_get_web_view (fixture), "http://www.caf.fr/form");
  assert_title_becomes (fixture_get_web_view (fixture), "form");
  click_file_field (fixture);
}

static char *
write_scan (const char *folder,
            const char *name,
            const char *contents,
            gsize       length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (folder, name, NULL);

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return path;
}

static void
test_upload_offers_documents_and_scans (ShellFixture  *fixture,
                                        gconstpointer  data)
{
  KioskConfig *config = kiosk_window_get_config (fixture->window);
  const char *scans = kiosk_config_get_upload_folder (config);
  KioskUploadChooser *chooser = kiosk_window_get_upload_chooser (fixture->window);
  GListModel *offered_scans = kiosk_upload_chooser_get_scans (chooser);
  static const char jpeg[] = "\xff\xd8\xff\xe0 a scanned page";
  g_autofree char *scan = NULL;
  g_autofree char *program = NULL;
  g_autofree char *hidden = NULL;
  g_autofree char *link = NULL;
  g_autofree char *chosen_title = NULL;
  g_autofree char *moved = NULL;

  g_assert_nonnull (scans);
  g_assert_cmpint (g_mkdir_with_parents (scans, 0700), ==, 0);
  scan = write_scan (scans, "scan.jpg", jpeg, sizeof jpeg - 1);
  program = write_scan (scans, "scan.exe", "MZ", 2);
  hidden = write_scan (scans, ".hidden.pdf", "%PDF-1.4", 8);
  link = g_build_filename (scans, "passwords.txt", NULL);
  g_assert_cmpint (symlink ("/etc/passwd", link), ==, 0);

  serve_pdf (fixture, "/attestation", 1, "attestation.pdf");
  download (fixture, "/attestation");
  assert_documents_become (fixture, 1);
  activate (fixture, "win.leave-documents");

  open_file_field (fixture);

  /* Only the scan is offered from the folder; nothing of the rest of
   * the file system, and GTK's own chooser never opened.
   */
  g_assert_cmpuint (g_list_model_get_n_items (offered_scans), ==, 1);
  {
    g_autoptr(GFile) offered = g_list_model_get_item (offered_scans, 0);
    g_autofree char *offered_path = g_file_get_path (offered);

    g_assert_cmpstr (offered_path, ==, scan);
  }
  {
    g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

    g_assert_cmpuint (g_list_length (toplevels), ==, 1);
  }

  /* A path the chooser did not offer is not taken. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (chooser), "upload.choose", "s",
                                             "/etc/passwd"));
  g_assert_cmpstr (kiosk_window_get_question (fixture->window), ==, "upload");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (chooser), "upload.choose", "s", scan));
  chosen_title = g_strdup_printf ("chosen:scan.jpg:%zu", sizeof jpeg - 1);
  assert_title_becomes (fixture_get_web_view (fixture), chosen_title);
  g_assert_null (kiosk_window_get_question (fixture->window));

  /* Moved into the session, to be erased with it. */
  g_assert_false (g_file_test (scan, G_FILE_TEST_EXISTS));
  moved = g_build_filename (private_dir (fixture), "scan.jpg", NULL);
  g_assert_true (g_file_test (moved, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (count_documents (fixture), ==, 2);
  g_assert_true (g_file_test (program, G_FILE_TEST_EXISTS));

  activate (fixture, "win.ask-end-session");
  activate (fixture, "win.confirm-end-session");
  g_assert_false (g_file_test (moved, G_FILE_TEST_EXISTS));
}

static void
test_upload_can_be_cancelled (ShellFixture  *fixture,
                              gconstpointer  data)
{
  KioskUploadChooser *chooser = kiosk_window_get_upload_chooser (fixture->window);

  open_caf (fixture);
  open_file_field (fixture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (chooser), "upload.cancel", NULL));
  g_assert_null (kiosk_window_get_question (fixture->window));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (fixture_get_web_view (fixture))));

  /* The field asks again, and again gets the kiosk's chooser. */
  click_file_field (fixture);
}

static const char *
print_step (gpointer print_flow)
{
  return kiosk_print_flow_get_step (print_flow);
}

static void
assert_print_step_becomes (ShellFixture *fixture,
                           const char   *step)
{
  assert_string_becomes (print_step, kiosk_window_get_print_flow (fixture->window), step,
                         "print step");
}

static guint
count_pdf_pages (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) document = NULL;

  document = G_OBJECT (poppler_document_new_from_bytes (bytes, NULL, &error));
  g_assert_no_error (error);
  return poppler_document_get_n_pages (POPPLER_DOCUMENT (document));
}

static gboolean
add_pages_cb (const KioskUsageRow *row,
              gpointer             user_data)
{
  if (g_strcmp0 (row->metric, KIOSK_METRIC_PAGES_PRINTED) == 0)
    *(gint64 *) user_data += row->count;
  return TRUE;
}

/* The pages printed, as the usage counts have them. */
static gint64
counted_pages (ShellFixture *fixture)
{
  g_autofree char *path = g_build_filename (g_get_user_state_dir (), "usage.db", NULL);
  g_autoptr(KioskUsageStore) store = NULL;
  gint64 pages = 0;

  kiosk_usage_counter_flush (kiosk_session_manager_get_usage_counter (
                               kiosk_window_get_session_manager (fixture->window)));
  store = kiosk_usage_store_open_read_only (path, NULL);
  if (store == NULL)
    return 0;
  g_assert_true (kiosk_usage_store_foreach (store, NULL, add_pages_cb, &pages, NULL));
  return pages;
}

static void
download_and_ask_to_print (ShellFixture *fixture,
                           guint         n_pages)
{
  KioskDocumentsView *documents_view = kiosk_window_get_documents_view (fixture->window);

  kiosk_test_print_server_clear (print_server);
  serve_pdf (fixture, "/attestation", n_pages, "attestation.pdf");
  download (fixture, "/attestation");
  assert_documents_become (fixture, 1);
  g_assert_nonnull (kiosk_documents_view_get_shown (documents_view));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (documents_view),
                                             "documents.print-shown", NULL));
}

static void
test_print_document (ShellFixture  *fixture,
                     gconstpointer  data)
{
  KioskPrintFlow *print_flow = kiosk_window_get_print_flow (fixture->window);
  g_autofree char *pages = NULL;
  g_autofree char *question = NULL;
  g_autoptr(GBytes) printed = NULL;
  gint64 pages_before = counted_pages (fixture);

  download_and_ask_to_print (fixture, 3);

  /* The resident is told how many pages, before anything is printed. */
  assert_print_step_becomes (fixture, "confirm");
  pages = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u page will be printed. It is free.",
                                       "%u pages will be printed. It is free.", 3), 3);
  question = g_strdup_printf ("%s\n%s", _("Print this document?"), pages);
  g_assert_cmpstr (kiosk_print_flow_get_text (print_flow), ==, question);
  g_assert_cmpstr (kiosk_window_get_question (fixture->window), ==, "print");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (print_flow), "print.confirm", NULL));
  assert_print_step_becomes (fixture, "done");

  printed = kiosk_test_print_server_wait_job (print_server, LOAD_TIMEOUT);
  g_assert_nonnull (printed);
  g_assert_cmpuint (count_pdf_pages (printed), ==, 3);
  g_assert_cmpuint (kiosk_user_session_get_printed_pages (
                      kiosk_window_get_user_session (fixture->window)), ==, 3);
  g_assert_cmpint (counted_pages (fixture) - pages_before, ==, 3);

  /* Never GTK's print dialog, with its "Print to File". */
  {
    g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

    g_assert_cmpuint (g_list_length (toplevels), ==, 1);
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (print_flow), "print.cancel", NULL));
  g_assert_null (kiosk_window_get_question (fixture->window));
}

static void
test_print_limit (ShellFixture  *fixture,
                  gconstpointer  data)
{
  KioskPrintFlow *print_flow = kiosk_window_get_print_flow (fixture->window);
  g_autofree char *why = NULL;
  g_autofree char *expected = NULL;

  download_and_ask_to_print (fixture, 3);
  assert_print_step_becomes (fixture, "failed");

  why = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "This document has %u pages, but only %u more page can be "
                                      "printed during one session here. Please ask a mediator "
                                      "at the desk.",
                                      "This document has %u pages, but only %u more pages can "
                                      "be printed during one session here. Please ask a "
                                      "mediator at the desk.", 2), 3, 2);
  expected = g_strdup_printf ("%s\n%s", _("Too many pages"), why);
  g_assert_cmpstr (kiosk_print_flow_get_text (print_flow), ==, expected);

  /* Nothing reached the printer. */
  kiosk_test_spin (1000);
  g_assert_null (kiosk_test_print_server_wait_job (print_server, 1));
}

static void
test_printing_turned_off (ShellFixture  *fixture,
                          gconstpointer  data)
{
  KioskPrintFlow *print_flow = kiosk_window_get_print_flow (fixture->window);

  download_and_ask_to_print (fixture, 1);
  assert_print_step_becomes (fixture, "failed");
  g_assert_true (g_str_has_prefix (kiosk_print_flow_get_text (print_flow),
                                   _("Printing is not available on this computer")));
  g_assert_null (kiosk_test_print_server_wait_job (print_server, 1));
}

static void
test_no_printer_is_no_file (ShellFixture  *fixture,
                            gconstpointer  data)
{
  KioskPrintFlow *print_flow = kiosk_window_get_print_flow (fixture->window);

  /* The named queue does not exist; GTK's "Print to File" does, and must
   * not be taken instead.
   */
  download_and_ask_to_print (fixture, 1);
  assert_print_step_becomes (fixture, "confirm");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (print_flow), "print.confirm", NULL));
  assert_print_step_becomes (fixture, "failed");
  g_assert_true (g_str_has_prefix (kiosk_print_flow_get_text (print_flow),
                                   _("No printer is ready")));
  g_assert_null (kiosk_test_print_server_wait_job (print_server, 1));
}

#define PRINT_BUTTON_PAGE \
  "<title>printable</title>" \
  "<button style='position: fixed; inset: 0; width: 100%; height: 100%'" \
  " onclick=\"window.print(); document.title = 'asked'\">Imprimer</button>"

static void
test_page_print_uses_the_kiosk_flow (ShellFixture  *fixture,
                                     gconstpointer  data)
{
  KioskPrintFlow *print_flow = kiosk_window_get_print_flow (fixture->window);
  g_autoptr(GBytes) printed = NULL;

  kiosk_test_print_server_clear (print_server);
  load_test_page (fixture, "/printable", PRINT_BUTTON_PAGE, "printable");
  click_in_the_middle_of (GTK_WIDGET (fixture_get_web_view (fixture)));

  assert_print_step_becomes (fixture, "confirm");
  {
    g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

    g_assert_cmpuint (g_list_length (toplevels), ==, 1);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (print_flow), "print.confirm", NULL));
  assert_print_step_becomes (fixture, "done");

  printed = kiosk_test_print_server_wait_job (print_server, LOAD_TIMEOUT);
  g_assert_nonnull (printed);
  g_assert_cmpuint (count_pdf_pages (printed), ==, 1);
  g_assert_cmpuint (kiosk_user_session_get_printed_pages (
                      kiosk_window_get_user_session (fixture->window)), ==, 1);
}

/* Issue 24: a page that calls print() every 300 ms brought "Print this
 * page?" back after each Cancel, with Home and "End my session" greyed out.
 */
static void
test_page_print_loop_is_no_trap (ShellFixture  *fixture,
                                 gconstpointer  data)
{
  kiosk_test_server_add_page (fixture->server, "www.caf.fr", "/print-loop",
                              "<title>print loop</title>"
                              "<script>setInterval (print, 300);</script>", NULL);
  open_caf (fixture);
  assert_a_page_cannot_trap (fixture, "http://www.caf.fr/print-loop", "print", "print.cancel");
}

static GdkContentProvider *
prepare_drag_cb (GtkDragSource *source,
                 double         x,
                 double         y,
                 GFile         *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *uri_list = g_strconcat (uri, "\r\n", NULL);
  g_autoptr(GBytes) bytes = g_bytes_new (uri_list, strlen (uri_list));
  GdkContentProvider *providers[] = {
    gdk_content_provider_new_typed (G_TYPE_FILE, file),
    gdk_content_provider_new_for_bytes ("text/uri-list", bytes),
  };

  return gdk_content_provider_new_union (providers, G_N_ELEMENTS (providers));
}

#define DROP_PAGE \
  "<title>drop here</title>" \
  "<body style='margin: 0; height: 100vh' ondragover='event.preventDefault()'" \
  " ondrop=\"event.preventDefault(); document.title = 'dropped:' +" \
  " event.dataTransfer.files.length\">"

static void
test_drop_is_refused (ShellFixture  *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_get_user_config_dir (), "secret.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWidget *source_window = gtk_window_new ();
  GtkWidget *label = gtk_label_new ("a file from elsewhere");
  GtkDragSource *drag_source = gtk_drag_source_new ();

  g_assert_true (g_file_set_contents (path, "%PDF-1.4 private", -1, NULL));
  load_test_page (fixture, "/drop", DROP_PAGE, "drop here");

  /* Another window of the station, at the top left where X puts it. */
  g_signal_connect (drag_source, "prepare", G_CALLBACK (prepare_drag_cb), file);
  gtk_widget_add_controller (label, GTK_EVENT_CONTROLLER (drag_source));
  gtk_window_set_default_size (GTK_WINDOW (source_window), 240, 120);
  gtk_window_set_decorated (GTK_WINDOW (source_window), FALSE);
  gtk_window_set_child (GTK_WINDOW (source_window), label);
  gtk_window_present (GTK_WINDOW (source_window));
  kiosk_test_spin (500);

  /* Step by step, letting GTK see each move, as a hand would. */
  move_pointer (120, 60);
  kiosk_test_spin (150);
  xdotool ("mousedown", "1", NULL);
  kiosk_test_spin (150);
  for (int step = 1; step <= 10; step++)
    {
      move_pointer (120 + step * 52, 60 + step * 40);
      kiosk_test_spin (150);
    }
  xdotool ("mouseup", "1", NULL);
  kiosk_test_spin (1000);

  g_assert_cmpstr (webkit_web_view_get_title (fixture_get_web_view (fixture)), ==, "drop here");
  g_assert_cmpstr (kiosk_window_get_page (fixture->window), ==, "browser");
  gtk_window_destroy (GTK_WINDOW (source_window));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *test_root = kiosk_test_isolate_process_dirs ();
  g_autofree char *upload_keys = NULL;
  int status;

  shell_tests_init ();

  g_test_init (&argc, &argv, NULL);

  /* Before GTK looks for printers. */
  print_server = kiosk_test_print_server_start (TEST_QUEUE);
  gtk_init ();

  upload_keys = g_strdup_printf ("UploadFolder=%s/scans\n", test_root);

#define DOCUMENTS_TEST(path, keys, func) \
  g_test_add (path, ShellFixture, keys, shell_setup_with_keys, func, shell_teardown)

  DOCUMENTS_TEST ("/documents/download/kept-and-shown", NULL, test_download_is_kept_and_shown);
  DOCUMENTS_TEST ("/documents/download/loop-is-no-trap", NULL, test_download_loop_is_no_trap);
  DOCUMENTS_TEST ("/documents/made-in-the-page/blob-kept-and-shown", NULL,
                  test_blob_document_is_kept_and_shown);
  DOCUMENTS_TEST ("/documents/made-in-the-page/data-kept-data-page-refused", NULL,
                  test_data_document_is_kept);
  for (guint i = 0; i < G_N_ELEMENTS (refused_files); i++)
    {
      g_autofree char *path = g_strconcat ("/documents/download/refused/", refused_files[i].name,
                                           NULL);

      g_test_add (path, ShellFixture, &refused_files[i], shell_setup, test_refused_download,
                  shell_teardown);
    }
  DOCUMENTS_TEST ("/documents/upload/offers-documents-and-scans", upload_keys,
                  test_upload_offers_documents_and_scans);
  DOCUMENTS_TEST ("/documents/upload/can-be-cancelled", NULL, test_upload_can_be_cancelled);
  DOCUMENTS_TEST ("/documents/print/document", "Printer=" TEST_QUEUE "\n", test_print_document);
  DOCUMENTS_TEST ("/documents/print/limit", "MaxPrintPages=2\n", test_print_limit);
  DOCUMENTS_TEST ("/documents/print/turned-off", "MaxPrintPages=0\n", test_printing_turned_off);
  DOCUMENTS_TEST ("/documents/print/no-printer-is-no-file", "Printer=absent\n",
                  test_no_printer_is_no_file);
  DOCUMENTS_TEST ("/documents/print/page-uses-the-kiosk-flow", NULL,
                  test_page_print_uses_the_kiosk_flow);
  DOCUMENTS_TEST ("/documents/print/page-loop-is-no-trap", NULL,
                  test_page_print_loop_is_no_trap);

  DOCUMENTS_TEST ("/documents/drop/refused", NULL, test_drop_is_refused);

  status = g_test_run ();

  kiosk_test_print_server_stop (print_server);
  kiosk_files_remove_tree (test_root, NULL);
  return status;
}
