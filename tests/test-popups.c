/* test-popups.c — the windows a page opens, under Xvfb, against a local web server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-test"

#include "config.h"

#include <gtk/gtk.h>

#include "kiosk-files.h"
#include "shell-fixture.h"

/* A page whose whole surface is a button, for a real click. */
#define WHOLE_PAGE_BUTTON(onclick, text) \
  "<button id='button' style='position: fixed; inset: 0; width: 100%; height: 100%' " \
  "onclick=\"" onclick "\">" text "</button>"

static GListModel *
popups_of (ShellFixture *fixture)
{
  return kiosk_user_session_get_popups (kiosk_window_get_user_session (fixture->window));
}

typedef struct
{
  ShellFixture *fixture;
  guint         n_popups;
} PopupCount;

static gboolean
popup_count_is (gpointer data)
{
  PopupCount *count = data;
  KioskUserSession *user_session = kiosk_window_get_user_session (count->fixture->window);

  return user_session != NULL &&
         g_list_model_get_n_items (kiosk_user_session_get_popups (user_session)) ==
         count->n_popups;
}

static void
assert_popups_become (ShellFixture *fixture,
                      guint         n_popups)
{
  PopupCount count = { fixture, n_popups };

  if (!kiosk_test_wait_until (popup_count_is, &count, LOAD_TIMEOUT))
    g_error ("%u popups open, not %u", g_list_model_get_n_items (popups_of (fixture)), n_popups);
}

static WebKitWebView *
front_popup (ShellFixture *fixture)
{
  KioskUserSession *user_session = kiosk_window_get_user_session (fixture->window);
  WebKitWebView *front = kiosk_user_session_get_front_view (user_session);

  g_assert_true (front != kiosk_user_session_get_web_view (user_session));
  return front;
}

/* The sign-in pattern of FranceConnect's and of payment windows: the page
 * opens a window on the provider, which reports back to its opener with
 * postMessage and closes itself. The kiosk shows the popup over the page,
 * the two talk, and the page is there again after.
 */
static void
test_sign_in_popup_reports_back (ShellFixture  *fixture,
                                 gconstpointer  data)
{
  WebKitWebView *popup;

  kiosk_test_server_add_page (fixture->server, "www.caf.fr", "/connexion",
                              "<script>addEventListener ('message', function (event) {"
                              " if (event.origin === 'http://app.franceconnect.gouv.fr')"
                              "  document.title = 'connected: ' + event.data; });</script>"
                              WHOLE_PAGE_BUTTON ("window.open ('http://app.franceconnect.gouv.fr"
                                                 "/authorize', 'fc', 'width=500,height=600')",
                                                 "S'identifier avec FranceConnect")
                              "<title>connexion</title>", NULL);
  kiosk_test_server_add_page (fixture->server, "app.franceconnect.gouv.fr", "/authorize",
                              "<iframe src='http://tracker.evil.example/pixel'></iframe>"
                              WHOLE_PAGE_BUTTON ("window.opener.postMessage ('jeton', "
                                                 "'http://www.caf.fr'); window.close ()",
                                                 "Continuer")
                              "<script>document.title = window.opener ? 'FranceConnect'"
                              " : 'no opener';</script>", NULL);

  load_caf_page (fixture, "/connexion", "connexion");
  click_in_the_middle_of (GTK_WIDGET (fixture_get_web_view (fixture)));
  assert_popups_become (fixture, 1);
  popup = front_popup (fixture);
  assert_title_becomes (popup, "FranceConnect");

  /* Over the page, in the kiosk's one window, with the page's buttons
   * waiting until it is closed.
   */
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (popup)));
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (
                      GTK_APPLICATION (fixture->application))), ==, 1);
  g_assert_false (gtk_widget_is_sensitive (window_button_for (fixture, "win.reload")));

  /* The session's rules hold in the popup too: a frame of another site
   * stays empty there as in the page.
   */
  kiosk_test_spin (1000);
  g_assert_cmpuint (kiosk_test_server_count_requests (fixture->server, "evil.example"), ==, 0);

  click_in_the_middle_of (GTK_WIDGET (popup));
  assert_title_becomes (fixture_get_web_view (fixture), "connected: jeton");
  assert_popups_become (fixture, 0);
  g_assert_cmpstr (kiosk_window_get_page (fixture->window), ==, "browser");
  g_assert_true (gtk_widget_is_sensitive (window_button_for (fixture, "win.reload")));
}

/* A target=_blank link opens a popup too; its big button closes it, and
 * the opener sees it closed.
 */
static void
test_close_button_closes_the_popup (ShellFixture  *fixture,
                                    gconstpointer  data)
{
  WebKitWebView *popup;

  kiosk_test_server_add_page (fixture->server, "www.caf.fr", "/aide",
                              "<a id='link' target='_blank' href='/notice' style='position: "
                              "fixed; inset: 0; font-size: 400px'>Notice</a>"
                              "<script>var notice = null;"
                              " document.getElementById ('link').addEventListener ('click',"
                              "  function (event) { event.preventDefault ();"
                              "   notice = window.open ('/notice', '_blank'); });"
                              " setInterval (function () {"
                              "  if (notice && notice.closed) document.title = 'notice closed';"
                              " }, 100);</script>"
                              "<title>aide</title>", NULL);
  kiosk_test_server_add_page (fixture->server, "www.caf.fr", "/notice",
                              "<title>Notice</title><p>Comment remplir le formulaire</p>",
                              NULL);

  load_caf_page (fixture, "/aide", "aide");
  click_in_the_middle_of (GTK_WIDGET (fixture_get_web_view (fixture)));
  assert_popups_become (fixture, 1);
  popup = front_popup (fixture);
  assert_title_becomes (popup, "Notice");

  click_in_the_middle_of (window_button_for (fixture, "win.close-popup"));
  assert_popups_become (fixture, 0);
  assert_title_becomes (fixture_get_web_view (fixture), "notice closed");
}

/* A popup towards a site that is not allowed opens nothing: the resident
 * who clicked is told, as for a link.
 */
static void
test_refused_popup_opens_nothing (ShellFixture  *fixture,
                                  gconstpointer  data)
{
  kiosk_test_server_add_page (fixture->server, "www.caf.fr", "/pub",
                              WHOLE_PAGE_BUTTON ("window.open ('http://evil.example/pub')",
                                                 "Gagnez")
                              "<title>pub</title>", NULL);

  load_caf_page (fixture, "/pub", "pub");
  click_in_the_middle_of (GTK_WIDGET (fixture_get_web_view (fixture)));
  assert_page_becomes (fixture->window, "refused");
  g_assert_cmpstr (kiosk_window_get_refused_place (fixture->window), ==, "evil.example");
  kiosk_test_spin (500);
  g_assert_cmpuint (g_list_model_get_n_items (popups_of (fixture)), ==, 0);
  g_assert_cmpuint (kiosk_test_server_count_requests (fixture->server, "evil.example"), ==, 0);
}

/* A page that opens windows in a loop gets a few, no more. */
static void
test_a_few_popups_at_most (ShellFixture  *fixture,
                           gconstpointer  data)
{
  kiosk_test_server_add_page (fixture->server, "www.caf.fr", "/many",
                              WHOLE_PAGE_BUTTON ("for (var i = 0; i < 8; i++)"
                                                 " window.open ('/page2?' + i, 'w' + i)",
                                                 "Ouvrir")
                              "<title>many</title>", NULL);

  load_caf_page (fixture, "/many", "many");
  click_in_the_middle_of (GTK_WIDGET (fixture_get_web_view (fixture)));
  assert_popups_become (fixture, 3);
  kiosk_test_spin (1000);
  g_assert_cmpuint (g_list_model_get_n_items (popups_of (fixture)), ==, 3);
  g_assert_cmpuint (kiosk_test_server_count_path (fixture->server, "/page2"), <=, 3);

  /* Closing one shows the one before it. */
  click_in_the_middle_of (window_button_for (fixture, "win.close-popup"));
  assert_popups_become (fixture, 2);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (front_popup (fixture))));
}

static gboolean
pointer_is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static gboolean
a_document_is_kept (gpointer fixture)
{
  ShellFixture *shell = fixture;
  KioskUserSession *user_session = kiosk_window_get_user_session (shell->window);

  return g_list_model_get_n_items (kiosk_user_session_get_documents (user_session)) == 1;
}

/* A popup is the session's: the page's cookies are its cookies, and it
 * goes with the session, wiped with it.
 */
static void
test_popup_goes_with_the_session (ShellFixture  *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GBytes) pdf = make_pdf (1, "piece");
  WebKitWebView *popup;
  gpointer weak_popup;

  kiosk_test_server_add_page (fixture->server, "www.caf.fr", "/dossier",
                              "<script>document.cookie = 'dossier=42; path=/';</script>"
                              WHOLE_PAGE_BUTTON ("window.open ('/piece')", "Pièce")
                              "<title>dossier</title>", NULL);
  kiosk_test_server_add_page (fixture->server, "www.caf.fr", "/piece",
                              "<script>document.title = document.cookie.indexOf ('dossier=42')"
                              " >= 0 ? 'same session' : 'another session';"
                              " setTimeout (function () { location.href = '/piece.pdf'; }, 200);"
                              "</script>", NULL);
  kiosk_test_server_add_file (fixture->server, "www.caf.fr", "/piece.pdf", "application/pdf",
                              pdf, "piece.pdf");

  load_caf_page (fixture, "/dossier", "dossier");
  click_in_the_middle_of (GTK_WIDGET (fixture_get_web_view (fixture)));
  assert_popups_become (fixture, 1);
  popup = front_popup (fixture);
  assert_title_becomes (popup, "same session");
  /* What it downloads is the session's too. */
  g_assert_true (kiosk_test_wait_until (a_document_is_kept, fixture, LOAD_TIMEOUT));

  weak_popup = popup;
  g_object_add_weak_pointer (G_OBJECT (popup), &weak_popup);
  g_action_group_activate_action (G_ACTION_GROUP (fixture->application), "end-session", NULL);
  g_assert_true (kiosk_test_wait_until (pointer_is_null, &weak_popup, LOAD_TIMEOUT));

  /* The next resident's page has no popup, and none of the cookies. */
  open_caf (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (popups_of (fixture)), ==, 0);
  kiosk_test_server_add_page (fixture->server, "www.caf.fr", "/suivant",
                              "<script>document.title = document.cookie === '' ? 'empty'"
                              " : 'leaked';</script>", NULL);
  webkit_web_view_load_uri (fixture_get_web_view (fixture), "http://www.caf.fr/suivant");
  assert_title_becomes (fixture_get_web_view (fixture), "empty");
}

/* Another tile is another démarche: the last one's windows go. */
static void
test_popup_goes_with_the_service (ShellFixture  *fixture,
                                  gconstpointer  data)
{
  KioskService *ameli = kiosk_config_lookup_service (fixture->config, "ameli");

  kiosk_test_server_add_page (fixture->server, "www.caf.fr", "/aide",
                              WHOLE_PAGE_BUTTON ("window.open ('/page2')", "Aide")
                              "<title>aide</title>", NULL);
  kiosk_test_server_add_page (fixture->server, "www.ameli.fr", "/", "<title>Ameli</title>",
                              NULL);

  load_caf_page (fixture, "/aide", "aide");
  click_in_the_middle_of (GTK_WIDGET (fixture_get_web_view (fixture)));
  assert_popups_become (fixture, 1);

  kiosk_window_open_service (fixture->window, ameli);
  assert_title_becomes (fixture_get_web_view (fixture), "Ameli");
  g_assert_cmpuint (g_list_model_get_n_items (popups_of (fixture)), ==, 0);
}

static gboolean
bank_was_asked (gpointer server)
{
  return kiosk_test_server_count_path (server, "/challenge") > 0;
}

/* A payment page may be a popup: the bank's 3-D Secure frame below it is
 * allowed there, as below a payment page in place; below the page that
 * opened it, which is not a payment page, it is not.
 */
static void
test_payment_in_a_popup (ShellFixture  *fixture,
                         gconstpointer  data)
{
  WebKitWebView *popup;

  kiosk_test_server_add_page (fixture->server, "www.caf.fr", "/payer",
                              WHOLE_PAGE_BUTTON ("window.open ('http://timbres.impots.gouv.fr"
                                                 "/paiement')", "Payer")
                              "<title>payer</title>", NULL);
  kiosk_test_server_add_page (fixture->server, "timbres.impots.gouv.fr", "/paiement",
                              "<iframe src='http://acs.ma-banque.example/challenge'></iframe>"
                              "<title>Paiement</title>", NULL);
  kiosk_test_server_add_page (fixture->server, "acs.ma-banque.example", "/challenge",
                              "<title>Code reçu par SMS</title>", NULL);

  /* Below the page that opens the payment, the bank is refused. */
  kiosk_test_server_add_page (fixture->server, "www.caf.fr", "/banque",
                              "<iframe src='http://acs.ma-banque.example/challenge'></iframe>"
                              "<title>banque</title>", NULL);
  load_caf_page (fixture, "/banque", "banque");
  kiosk_test_spin (1000);
  g_assert_cmpuint (kiosk_test_server_count_requests (fixture->server, "acs.ma-banque.example"),
                    ==, 0);

  webkit_web_view_load_uri (fixture_get_web_view (fixture), "http://www.caf.fr/payer");
  assert_title_becomes (fixture_get_web_view (fixture), "payer");
  click_in_the_middle_of (GTK_WIDGET (fixture_get_web_view (fixture)));
  assert_popups_become (fixture, 1);
  popup = front_popup (fixture);
  assert_title_becomes (popup, "Paiement");
  g_assert_true (kiosk_test_wait_until (bank_was_asked, fixture->server, LOAD_TIMEOUT));
  g_assert_cmpstr (kiosk_window_get_page (fixture->window), ==, "browser");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *test_root = kiosk_test_isolate_process_dirs ();
  int status;

  shell_tests_init ();

  g_test_init (&argc, &argv, NULL);
  gtk_init ();

#define POPUP_TEST(path, func) \
  g_test_add (path, ShellFixture, NULL, shell_setup, func, shell_teardown)

  POPUP_TEST ("/popups/sign-in-popup-reports-back", test_sign_in_popup_reports_back);
  POPUP_TEST ("/popups/close-button-closes-the-popup", test_close_button_closes_the_popup);
  POPUP_TEST ("/popups/refused-popup-opens-nothing", test_refused_popup_opens_nothing);
  POPUP_TEST ("/popups/a-few-at-most", test_a_few_popups_at_most);
  POPUP_TEST ("/popups/go-with-the-session", test_popup_goes_with_the_session);
  POPUP_TEST ("/popups/go-with-the-service", test_popup_goes_with_the_service);
  POPUP_TEST ("/popups/payment-in-a-popup", test_payment_in_a_popup);

  status = g_test_run ();
  kiosk_files_remove_tree (test_root, NULL);
  return status;
}
