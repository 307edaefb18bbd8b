/* test-catalogue.c — the default catalogue against its sites' journeys
 *
 * What docs/catalogue.md found the sites doing, served over https by the
 * tests' proxy on the sites' own names (tests/with-test-network makes the
 * tests' authority the only one trusted), with the very catalogue a
 * station gets (data/kiosk.conf).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-test"

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-files.h"
#include "shell-fixture.h"

static void
open_service (ShellFixture *fixture,
              const char   *id)
{
  KioskService *service = kiosk_config_lookup_service (fixture->config, id);

  g_assert_nonnull (service);
  kiosk_window_open_service (fixture->window, service);
}

/* Service-Public moved to www.service-public.gouv.fr on 1 October 2025:
 * the tile opens the new site, and an old address (from a letter, another
 * site, a bookmark in a resident's notes) lands there through its 301.
 */
static void
test_service_public_moved (ShellFixture  *fixture,
                           gconstpointer  data)
{
  WebKitWebView *web_view;

  kiosk_test_server_add_page (fixture->server, "www.service-public.gouv.fr", "/",
                              "<title>Service-Public</title>", NULL);
  kiosk_test_server_add_page (fixture->server, "www.service-public.gouv.fr",
                              "/particuliers/vosdroits/F1342", "<title>Carte grise</title>",
                              NULL);
  kiosk_test_server_add_redirect (fixture->server, "www.service-public.fr",
                                  "/particuliers/vosdroits/F1342",
                                  "https://www.service-public.gouv.fr"
                                  "/particuliers/vosdroits/F1342");

  open_service (fixture, "service-public");
  web_view = fixture_get_web_view (fixture);
  assert_title_becomes (web_view, "Service-Public");

  webkit_web_view_load_uri (web_view, "https://www.service-public.fr/particuliers/vosdroits/F1342");
  assert_title_becomes (web_view, "Carte grise");
  g_assert_cmpstr (kiosk_window_get_page (fixture->window), ==, "browser");
}

/* Every FranceConnect button carries "Qu'est-ce que FranceConnect ?",
 * which opens the apex franceconnect.gouv.fr.
 */
static void
test_what_is_franceconnect (ShellFixture  *fixture,
                            gconstpointer  data)
{
  WebKitWebView *web_view;

  kiosk_test_server_add_page (fixture->server, "www.caf.fr", "/",
                              "<a id='what' href='https://franceconnect.gouv.fr/'>"
                              "Qu'est-ce que FranceConnect ?</a><title>CAF</title>", NULL);
  kiosk_test_server_add_page (fixture->server, "franceconnect.gouv.fr", "/",
                              "<title>FranceConnect</title>", NULL);

  open_service (fixture, "caf");
  web_view = fixture_get_web_view (fixture);
  assert_title_becomes (web_view, "CAF");
  run_script (web_view, "document.getElementById('what').click()");
  assert_title_becomes (web_view, "FranceConnect");
  g_assert_cmpstr (kiosk_window_get_page (fixture->window), ==, "browser");
}

/* La Poste's login shows hCaptcha in a frame ([Allow] Frames); hCaptcha
 * itself is never a page.
 */
static void
test_la_poste_captcha (ShellFixture  *fixture,
                       gconstpointer  data)
{
  WebKitWebView *web_view;

  kiosk_test_server_add_page (fixture->server, "www.laposte.fr", "/",
                              "<title>La Poste</title>"
                              "<iframe src='https://newassets.hcaptcha.com/captcha/v1/checkbox'>"
                              "</iframe>"
                              "<script>addEventListener ('message', function (event) {"
                              " if (event.origin == 'https://newassets.hcaptcha.com')"
                              " document.title = event.data; });</script>", NULL);
  kiosk_test_server_add_page (fixture->server, "newassets.hcaptcha.com",
                              "/captcha/v1/checkbox",
                              "<script>parent.postMessage ('hCaptcha answered', '*');</script>",
                              NULL);

  open_service (fixture, "la-poste");
  web_view = fixture_get_web_view (fixture);
  assert_title_becomes (web_view, "hCaptcha answered");

  run_script (web_view, "location.href = 'https://newassets.hcaptcha.com/captcha/v1/checkbox'");
  assert_page_becomes (fixture->window, "refused");
  g_assert_cmpstr (kiosk_window_get_refused_title (fixture->window), ==,
                   "Ce site n’est pas disponible sur cet ordinateur");
  g_assert_cmpstr (kiosk_window_get_refused_place (fixture->window), ==,
                   "newassets.hcaptcha.com");
  g_assert_cmpuint (kiosk_test_server_count_requests (fixture->server, "newassets.hcaptcha.com"),
                    ==, 1);
}

/* Bordeaux's family space is Bordeaux's part of a portal that serves
 * other cities too: that part only.
 */
static void
test_bordeaux_family_space (ShellFixture  *fixture,
                            gconstpointer  data)
{
  WebKitWebView *web_view;

  kiosk_test_server_add_page (fixture->server, "www.bordeaux.fr", "/",
                              "<a id='family' href='https://www.espace-citoyens.net/bordeaux/"
                              "espace-citoyens/'>Espace famille</a>"
                              "<a id='other' href='https://www.espace-citoyens.net/merignac/'>"
                              "Mérignac</a><title>Bordeaux</title>", NULL);
  kiosk_test_server_add_page (fixture->server, "www.espace-citoyens.net",
                              "/bordeaux/espace-citoyens/", "<title>Espace famille</title>",
                              NULL);

  open_service (fixture, "ville-bordeaux");
  web_view = fixture_get_web_view (fixture);
  assert_title_becomes (web_view, "Bordeaux");
  run_script (web_view, "document.getElementById('family').click()");
  assert_title_becomes (web_view, "Espace famille");

  webkit_web_view_go_back (web_view);
  assert_title_becomes (web_view, "Bordeaux");
  run_script (web_view, "document.getElementById('other').click()");
  assert_page_becomes (fixture->window, "refused");
  g_assert_cmpuint (kiosk_test_server_count_path (fixture->server, "/merignac/"), ==, 0);
}

/* A timbre fiscal for a passport, paid by card: the payment page posts a
 * hidden "3DS Method" form to the resident's bank, then, once it is
 * answered, shows the bank's challenge in a frame, whose host depends on each bank; the challenge
 * reports back to the page. (EMVCo 3-D Secure 2, browser flow.)
 */
#define BANK "https://acs.ma-banque.example"
#define PAYMENT_PAGE(title) "<title>" title "</title>" \
  "<iframe name='method' id='method' style='display: none'></iframe>" \
  "<form id='method-form' method='post' action='" BANK "/3ds-method' target='method'>" \
  "<input type='hidden' name='threeDSMethodData' value='eyJ0aHJlZURTU2VydmVyVHJhbnNJRCI6IjEifQ'>" \
  "</form>" \
  "<iframe id='challenge' style='position: fixed; inset: 0; width: 100%; height: 100%;" \
  " border: 0'></iframe>" \
  "<script>" \
  "addEventListener ('message', function (event) {" \
  " if (event.origin == '" BANK "') document.title = event.data; });" \
  "addEventListener ('load', function () {" \
  " document.getElementById ('method').onload = function () {" \
  "  document.getElementById ('challenge').src = '" BANK "/challenge'; };" \
  " document.getElementById ('method-form').submit (); });" \
  "</script>"

static void
add_bank (ShellFixture *fixture)
{
  kiosk_test_server_add_page (fixture->server, "acs.ma-banque.example", "/3ds-method",
                              "<title>method</title>", NULL);
  /* The bank's question fills the page; the resident answers it. */
  kiosk_test_server_add_page (fixture->server, "acs.ma-banque.example", "/challenge",
                              "<title>Ma Banque</title>"
                              "<form method='post' action='/challenge-answer'>"
                              "<input type='hidden' name='otp' value='123456'>"
                              "<button style='position: fixed; inset: 0; width: 100%;"
                              " height: 100%'>Valider</button></form>", NULL);
  kiosk_test_server_add_page (fixture->server, "acs.ma-banque.example", "/challenge-answer",
                              "<script>parent.postMessage ('paiement authentifié', '*');</script>",
                              NULL);
}

static gboolean
challenge_was_asked (gpointer server)
{
  return kiosk_test_server_count_path (server, "/challenge") > 0;
}

static void
test_timbre_fiscal_3ds (ShellFixture  *fixture,
                        gconstpointer  data)
{
  WebKitWebView *web_view;

  add_bank (fixture);
  kiosk_test_server_add_page (fixture->server, "ants.gouv.fr", "/",
                              "<a id='stamp' href='https://timbres.impots.gouv.fr/paiement'>"
                              "Acheter un timbre fiscal</a><title>ANTS</title>", NULL);
  kiosk_test_server_add_page (fixture->server, "timbres.impots.gouv.fr", "/paiement",
                              PAYMENT_PAGE ("Paiement du timbre"), NULL);

  open_service (fixture, "ants");
  web_view = fixture_get_web_view (fixture);
  assert_title_becomes (web_view, "ANTS");
  run_script (web_view, "document.getElementById('stamp').click()");
  assert_title_becomes (web_view, "Paiement du timbre");
  g_assert_true (kiosk_test_wait_until (challenge_was_asked, fixture->server, LOAD_TIMEOUT));
  kiosk_test_spin (500);

  /* A tap in the bank's frame: the resident's own doing, inside it. */
  click_in_the_middle_of (GTK_WIDGET (web_view));
  assert_title_becomes (web_view, "paiement authentifié");
  g_assert_cmpstr (kiosk_window_get_page (fixture->window), ==, "browser");
  g_assert_cmpuint (kiosk_test_server_count_path (fixture->server, "/3ds-method"), ==, 1);
  g_assert_cmpuint (kiosk_test_server_count_path (fixture->server, "/challenge"), ==, 1);
  g_assert_cmpuint (kiosk_test_server_count_path (fixture->server, "/challenge-answer"), ==, 1);
}

/* The same frames below a page that is not a payment service's stay
 * empty, and the page stays: the bank is not even asked.
 */
static void
test_bank_frames_only_below_payment (ShellFixture  *fixture,
                                     gconstpointer  data)
{
  WebKitWebView *web_view;

  add_bank (fixture);
  kiosk_test_server_add_page (fixture->server, "ants.gouv.fr", "/",
                              PAYMENT_PAGE ("ANTS"), NULL);

  open_service (fixture, "ants");
  web_view = fixture_get_web_view (fixture);
  assert_title_becomes (web_view, "ANTS");
  kiosk_test_spin (1500);
  g_assert_cmpstr (webkit_web_view_get_title (web_view), ==, "ANTS");
  g_assert_cmpstr (kiosk_window_get_page (fixture->window), ==, "browser");
  g_assert_cmpuint (kiosk_test_server_count_requests (fixture->server, "acs.ma-banque.example"),
                    ==, 0);
}

/* Below the payment page, the bank is a frame and nothing more: not the
 * page, not a popup, not a document to keep.
 */
static gboolean
pdf_was_asked (gpointer server)
{
  return kiosk_test_server_count_path (server, "/releve.pdf") > 0;
}

static void
test_bank_is_never_a_page (ShellFixture  *fixture,
                           gconstpointer  data)
{
  static const char * const ways[] = {
    "location.href = '" BANK "/challenge'",
    "document.getElementById('bank-link').click()",
    "document.getElementById('bank-popup').click()",
  };
  g_autoptr(GBytes) pdf = make_pdf (1, "releve");
  KioskUserSession *user_session;
  WebKitWebView *web_view;

  add_bank (fixture);
  kiosk_test_server_add_file (fixture->server, "acs.ma-banque.example", "/releve.pdf",
                              "application/pdf", pdf, "releve.pdf");
  kiosk_test_server_add_page (fixture->server, "timbres.impots.gouv.fr", "/paiement",
                              "<a id='bank-link' href='" BANK "/challenge'>banque</a>"
                              "<a id='bank-popup' target='_blank' href='" BANK "/challenge'>"
                              "banque</a>"
                              "<iframe src='" BANK "/releve.pdf'></iframe><title>Paiement</title>",
                              NULL);

  kiosk_test_server_add_page (fixture->server, "ants.gouv.fr", "/", "<title>ANTS</title>",
                              NULL);

  open_service (fixture, "ants");
  web_view = fixture_get_web_view (fixture);
  user_session = kiosk_window_get_user_session (fixture->window);
  assert_title_becomes (web_view, "ANTS");
  webkit_web_view_load_uri (web_view, "https://timbres.impots.gouv.fr/paiement");
  assert_title_becomes (web_view, "Paiement");

  /* The frame asks for its PDF, which is not kept (WebKit itself does not
   * download for a frame of another site that nobody clicked in; the
   * kiosk refuses any document from a host that may not be a page).
   */
  g_assert_true (kiosk_test_wait_until (pdf_was_asked, fixture->server, LOAD_TIMEOUT));
  kiosk_test_spin (500);
  g_assert_cmpuint (g_list_model_get_n_items (kiosk_user_session_get_documents (user_session)),
                    ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (ways); i++)
    {
      g_test_message ("%s", ways[i]);
      activate (fixture, "win.leave-refused");
      run_script (web_view, ways[i]);
      assert_page_becomes (fixture->window, "refused");
      g_assert_cmpstr (kiosk_window_get_refused_place (fixture->window), ==,
                       "acs.ma-banque.example");
      /* Not "this site": the payment is what the resident needs help with. */
      g_assert_cmpstr (kiosk_window_get_refused_title (fixture->window), ==,
                       "Le paiement ne peut pas continuer sur cet ordinateur");
    }

  kiosk_test_spin (500);
  g_assert_cmpuint (kiosk_test_server_count_path (fixture->server, "/challenge"), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (kiosk_user_session_get_documents (user_session)),
                    ==, 0);
  g_assert_cmpstr (webkit_web_view_get_title (web_view), ==, "Paiement");
}

/* The home screen's height, and what one screen shows of it. */
static void
measure_home (ShellFixture *fixture,
              double       *content,
              double       *screen)
{
  GtkScrolledWindow *scrolled = kiosk_home_view_get_scrolled_window (
    kiosk_window_get_home_view (fixture->window));
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scrolled);

  *content = gtk_adjustment_get_upper (adjustment);
  *screen = gtk_adjustment_get_page_size (adjustment);
}

static gboolean
home_is_laid_out (gpointer user_data)
{
  ShellFixture *fixture = user_data;
  double content, screen;

  measure_home (fixture, &content, &screen);
  return screen > 0 && content >= screen;
}

/* The first service is whole on the first screen, without scrolling. */
static gboolean
first_tile_shows (ShellFixture *fixture,
                  double       *bottom)
{
  GtkWidget *scrolled = GTK_WIDGET (kiosk_home_view_get_scrolled_window (
    kiosk_window_get_home_view (fixture->window)));
  graphene_rect_t bounds;
  double content, screen;

  measure_home (fixture, &content, &screen);
  g_assert_true (gtk_widget_compute_bounds (window_widget_named (fixture, "caf"), scrolled,
                                            &bounds));
  *bottom = bounds.origin.y + bounds.size.height;
  return bounds.origin.y >= 0 && *bottom <= screen;
}

/* The whole catalogue, 21 services, at 1280 × 800: every service is at
 * most one screen of scrolling away at the usual text size; at the
 * largest, the services come first, before what the station promises.
 */
static void
test_every_service_within_one_scroll (ShellFixture  *fixture,
                                      gconstpointer  data)
{
  double content, screen, bottom;

  g_assert_true (kiosk_test_wait_until (home_is_laid_out, fixture, 20));
  kiosk_test_spin (300);
  measure_home (fixture, &content, &screen);
  g_test_message ("at 100 %%, the home screen is %.0f pixels high, %.0f of them on screen",
                  content, screen);
  g_assert_cmpfloat (content, <=, 2 * screen);
  g_assert_true (first_tile_shows (fixture, &bottom));

  for (guint i = 0; i < 5; i++)
    activate (fixture, "win.text-larger");
  g_assert_false (gtk_widget_get_sensitive (window_widget_named (fixture, "text-larger")));
  kiosk_test_spin (500);
  measure_home (fixture, &content, &screen);
  g_test_message ("at the largest size, %.0f pixels high, %.0f on screen", content, screen);
  if (!first_tile_shows (fixture, &bottom))
    g_error ("At the largest text size, the first service ends at %.0f of %.0f pixels", bottom,
             screen);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *test_root = kiosk_test_isolate_process_dirs ();
  int status;

  shell_tests_init ();
  g_test_init (&argc, &argv, NULL);
  bindtextdomain (GETTEXT_PACKAGE, TEST_LOCALEDIR);
  gtk_init ();

  g_test_add ("/catalogue/every-service-within-one-scroll", ShellFixture, NULL,
              shell_setup_catalogue, test_every_service_within_one_scroll, shell_teardown);
  g_test_add ("/catalogue/service-public-moved", ShellFixture, NULL, shell_setup_catalogue,
              test_service_public_moved, shell_teardown);
  g_test_add ("/catalogue/what-is-franceconnect", ShellFixture, NULL, shell_setup_catalogue,
              test_what_is_franceconnect, shell_teardown);
  g_test_add ("/catalogue/la-poste-captcha", ShellFixture, NULL, shell_setup_catalogue,
              test_la_poste_captcha, shell_teardown);
  g_test_add ("/catalogue/bordeaux-family-space", ShellFixture, NULL, shell_setup_catalogue,
              test_bordeaux_family_space, shell_teardown);

  g_test_add ("/catalogue/timbre-fiscal-3-d-secure", ShellFixture, NULL, shell_setup_catalogue,
              test_timbre_fiscal_3ds, shell_teardown);
  g_test_add ("/catalogue/bank-frames-only-below-payment", ShellFixture, NULL,
              shell_setup_catalogue, test_bank_frames_only_below_payment, shell_teardown);
  g_test_add ("/catalogue/bank-is-never-a-page", ShellFixture, NULL, shell_setup_catalogue,
              test_bank_is_never_a_page, shell_teardown);

  status = g_test_run ();
  kiosk_files_remove_tree (test_root, NULL);
  return status;
}
