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
                              "<title>CAF</title>"
                              "<a id='what' href='https://franceconnect.gouv.fr/'>"
                              "Qu'est-ce que FranceConnect ?</a>", NULL);
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
                              "<title>Bordeaux</title>"
                              "<a id='family' href='https://www.espace-citoyens.net/bordeaux/"
                              "espace-citoyens/'>Espace famille</a>"
                              "<a id='other' href='https://www.espace-citoyens.net/merignac/'>"
                              "Mérignac</a>", NULL);
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

int
main (int   argc,
      char *argv[])
{
  g_autofree char *test_root = kiosk_test_isolate_process_dirs ();
  int status;

  shell_tests_init ();
  g_test_init (&argc, &argv, NULL);
  gtk_init ();

  g_test_add ("/catalogue/service-public-moved", ShellFixture, NULL, shell_setup_catalogue,
              test_service_public_moved, shell_teardown);
  g_test_add ("/catalogue/what-is-franceconnect", ShellFixture, NULL, shell_setup_catalogue,
              test_what_is_franceconnect, shell_teardown);
  g_test_add ("/catalogue/la-poste-captcha", ShellFixture, NULL, shell_setup_catalogue,
              test_la_poste_captcha, shell_teardown);
  g_test_add ("/catalogue/bordeaux-family-space", ShellFixture, NULL, shell_setup_catalogue,
              test_bordeaux_family_space, shell_teardown);

  status = g_test_run ();
  kiosk_files_remove_tree (test_root, NULL);
  return status;
}
