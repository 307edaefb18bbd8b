/* test-boundary.c — what leaves the station besides the pages it allows, under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-test"

#include "config.h"

#include <string.h>

#include "kiosk-files.h"
#include "shell-fixture.h"

#define TRACKER "stats.tracker.example"
#define THIRD_PARTY "pixel.adnetwork.example"

/* Goes to a page of www.caf.fr, and waits until it has rendered. */
static void
visit (ShellFixture *fixture,
       const char   *path,
       const char   *title)
{
  g_autofree char *uri = g_strconcat ("http://www.caf.fr", path, NULL);

  webkit_web_view_load_uri (fixture_get_web_view (fixture), uri);
  assert_title_becomes (fixture_get_web_view (fixture), title);
}

static gboolean
server_got (gpointer user_data)
{
  ShellFixture *fixture = user_data;

  return kiosk_test_server_count_path (fixture->server, "/p2.gif") >= 1;
}

/* A cookie is the site's own: an advertiser's pixel on the CAF's page
 * sets one, and never gets it back, on that page or the next; the CAF's
 * own cookie comes back as it should.
 */
static void
test_third_party_cookies_are_refused (ShellFixture  *fixture,
                                      gconstpointer  data)
{
  const KioskTestRequest *request;

  kiosk_test_server_add_page (fixture->server, "www.caf.fr", "/aides",
                              "<html><head><title>Aides</title></head><body>"
                              "<img src='http://" THIRD_PARTY "/p.gif' alt=''></body></html>",
                              "session=caf-1; Path=/");
  /* Another address on the next page: a cached image would ask nothing. */
  kiosk_test_server_add_page (fixture->server, "www.caf.fr", "/suite",
                              "<html><head><title>Suite</title></head><body>"
                              "<img src='http://" THIRD_PARTY "/p2.gif' alt=''></body></html>",
                              NULL);
  kiosk_test_server_add_resource (fixture->server, THIRD_PARTY, "/p.gif", "image/gif", "GIF89a",
                                  "Set-Cookie", "tracking=abc123; Path=/");
  kiosk_test_server_add_resource (fixture->server, THIRD_PARTY, "/p2.gif", "image/gif",
                                  "GIF89a", NULL, NULL);

  open_caf (fixture);
  visit (fixture, "/aides", "Aides");
  visit (fixture, "/suite", "Suite");
  g_assert_true (kiosk_test_wait_until (server_got, fixture, 20));

  request = kiosk_test_server_last_request (fixture->server, "www.caf.fr");
  g_assert_cmpstr (request->cookie, ==, "session=caf-1");
  request = kiosk_test_server_last_request (fixture->server, THIRD_PARTY);
  g_assert_null (request->cookie);

  /* Intelligent Tracking Prevention, as in Safari. */
  g_assert_true (webkit_network_session_get_itp_enabled (
    webkit_web_view_get_network_session (fixture_get_web_view (fixture))));
}

/* <a ping>: following a link tells nobody else. */
static void
test_links_send_no_ping (ShellFixture  *fixture,
                         gconstpointer  data)
{
  g_autofree char *clicked = NULL;

  kiosk_test_server_add_page (fixture->server, "www.caf.fr", "/liens",
                              "<html><head><title>Liens</title></head><body>"
                              "<a id='next' href='/suite' ping='http://" TRACKER "/ping'>Suite</a>"
                              "</body></html>", NULL);
  kiosk_test_server_add_page (fixture->server, "www.caf.fr", "/suite",
                              "<html><head><title>Suite</title></head><body></body></html>",
                              NULL);
  kiosk_test_server_add_resource (fixture->server, TRACKER, "/ping", "text/plain", "", NULL,
                                  NULL);

  open_caf (fixture);
  visit (fixture, "/liens", "Liens");
  clicked = evaluate_to_string (fixture_get_web_view (fixture),
                                "document.getElementById('next').click(); 'clicked'");
  g_assert_cmpstr (clicked, ==, "clicked");
  assert_title_becomes (fixture_get_web_view (fixture), "Suite");
  kiosk_test_spin (1500);
  if (kiosk_test_server_count_requests (fixture->server, TRACKER) > 0)
    g_error ("%s reached %s", kiosk_test_server_last_request (fixture->server, TRACKER)->path,
             TRACKER);
}

#define CDN "static.cdn-caf.example"

static const char block_group[] =
  "\n"
  "[Block]\n"
  "Hosts=" TRACKER ";*.adnetwork.example\n";

/* A page whose every kind of sub-resource points at a blocked tracker,
 * besides an image from a host nobody blocked.
 */
static const char tracked_page[] =
  "<html><head><title>Chargement</title>"
  "<link rel='stylesheet' href='http://" TRACKER "/style.css'>"
  "<style>@font-face { font-family: t; src: url('http://" TRACKER "/font.woff'); }"
  "body { font-family: t, sans-serif; }</style>"
  "<script src='http://" TRACKER "/tag.js'></script>"
  "</head><body><p>Vos aides</p>"
  "<img src='http://" TRACKER "/pixel.gif' alt=''>"
  "<img src='http://" THIRD_PARTY "/p.gif' alt=''>"
  "<img src='http://" CDN "/logo.png' alt=''>"
  "<a id='next' href='/aides' ping='http://" TRACKER "/ping'>Aides</a>"
  "<script>"
  "fetch('http://" TRACKER "/fetch').catch(function () {});"
  "var x = new XMLHttpRequest(); x.open('GET', 'http://" TRACKER "/xhr');"
  "try { x.send(); } catch (e) {}"
  "navigator.sendBeacon('http://" TRACKER "/beacon', 'data');"
  "try { new WebSocket('ws://" TRACKER "/socket'); } catch (e) {}"
  "try { new EventSource('http://" TRACKER "/events'); } catch (e) {}"
  "document.title = 'Suivi';"
  "</script></body></html>";

/* A test that reads the counts starts from none. */
static void
counting_setup (ShellFixture  *fixture,
                gconstpointer  data)
{
  forget_usage ();
  shell_setup_with_keys (fixture, data);
}

static gboolean
cdn_reached (gpointer user_data)
{
  ShellFixture *fixture = user_data;

  return kiosk_test_server_count_requests (fixture->server, CDN) > 0;
}

/* [Block] Hosts: no request of any kind reaches a tracker, whatever the
 * page asks; the page still renders, with what comes from elsewhere.
 */
static void
test_trackers_are_never_reached (ShellFixture  *fixture,
                                 gconstpointer  data)
{
  g_autofree char *clicked = NULL;

  kiosk_test_server_add_page (fixture->server, "www.caf.fr", "/suivi", tracked_page, NULL);
  kiosk_test_server_add_page (fixture->server, "www.caf.fr", "/aides",
                              "<html><head><title>Aides</title></head><body></body></html>",
                              NULL);
  kiosk_test_server_add_resource (fixture->server, CDN, "/logo.png", "image/png", "PNG", NULL,
                                  NULL);

  open_caf (fixture);
  visit (fixture, "/suivi", "Suivi");
  g_assert_true (kiosk_test_wait_until (cdn_reached, fixture, 20));
  clicked = evaluate_to_string (fixture_get_web_view (fixture),
                                "document.getElementById('next').click(); 'clicked'");
  assert_title_becomes (fixture_get_web_view (fixture), "Aides");
  kiosk_test_spin (1500);

  if (kiosk_test_server_count_requests (fixture->server, TRACKER) > 0)
    g_error ("%s reached %s", kiosk_test_server_last_request (fixture->server, TRACKER)->path,
             TRACKER);
  g_assert_cmpuint (kiosk_test_server_count_requests (fixture->server, THIRD_PARTY), ==, 0);

  /* Counted, by site: what the page's elements loaded from the tracker
   * (the style, the script, the pixel) and the advertiser's pixel; not
   * the image that came, nor any refused page or frame. What a script
   * sends (fetch, XHR, the beacon, the WebSocket, the event stream), the
   * font and the ping are blocked uncounted: WebKit says nothing of them.
   */
  g_assert_cmpint (count_usage (fixture, KIOSK_METRIC_RESOURCE_BLOCKED, "tracker.example"),
                   ==, 3);
  g_assert_cmpint (count_usage (fixture, KIOSK_METRIC_RESOURCE_BLOCKED, "adnetwork.example"),
                   ==, 1);
  g_assert_cmpint (count_usage (fixture, KIOSK_METRIC_RESOURCE_BLOCKED, NULL), ==, 4);
  g_assert_cmpint (count_usage (fixture, KIOSK_METRIC_NAVIGATION_REFUSED, NULL), ==, 0);
  g_assert_cmpint (count_usage (fixture, KIOSK_METRIC_FRAME_REFUSED, NULL), ==, 0);
}

#define TRACKER2 "beacon.tracker2.example"

/* [Block] BlockListFile: the admin's own list, in WebKit's format, with
 * the hosts of the config: the file's rules block as the hosts do.
 */
static void
block_list_setup (ShellFixture  *fixture,
                  gconstpointer  data)
{
  const char *list = data;
  g_autofree char *list_path = NULL;
  g_autofree char *keys = NULL;

  g_mkdir_with_parents (g_get_user_config_dir (), 0700);
  list_path = g_build_filename (g_get_user_config_dir (), "trackers.json", NULL);
  g_assert_true (g_file_set_contents (list_path, list, -1, NULL));
  keys = g_strdup_printf ("\n[Block]\nHosts=" TRACKER "\nBlockListFile=%s\n", list_path);
  shell_setup_with_keys (fixture, keys);
}

static const char admins_list[] =
  "[{\"trigger\": {\"url-filter\": \"^https?://beacon[.]tracker2[.]example/\"},"
  " \"action\": {\"type\": \"block\"}}]";

static void
test_an_admins_block_list (ShellFixture  *fixture,
                           gconstpointer  data)
{
  kiosk_test_server_add_page (fixture->server, "www.caf.fr", "/liste",
                              "<html><head><title>Liste</title></head><body>"
                              "<img src='http://" TRACKER2 "/x.gif' alt=''>"
                              "<img src='http://" TRACKER "/x.gif' alt=''>"
                              "<img src='http://" CDN "/logo.png' alt=''></body></html>", NULL);
  kiosk_test_server_add_resource (fixture->server, CDN, "/logo.png", "image/png", "PNG", NULL,
                                  NULL);

  open_caf (fixture);
  visit (fixture, "/liste", "Liste");
  g_assert_true (kiosk_test_wait_until (cdn_reached, fixture, 20));
  kiosk_test_spin (1000);
  g_assert_cmpuint (kiosk_test_server_count_requests (fixture->server, TRACKER2), ==, 0);
  g_assert_cmpuint (kiosk_test_server_count_requests (fixture->server, TRACKER), ==, 0);
}

/* A list of the right shape that WebKit refuses (a look-ahead, which its
 * content blocker does not take) leaves no station open to trackers: it
 * goes out of service, saying why, and nobody is served.
 */
static const char refused_list[] =
  "[{\"trigger\": {\"url-filter\": \"^https?://(?=ads)\"},"
  " \"action\": {\"type\": \"block\"}}]";

static void
refused_list_setup (ShellFixture  *fixture,
                    gconstpointer  data)
{
  g_test_expect_message ("kiosk-session-manager", G_LOG_LEVEL_WARNING,
                         "Out of service: WebKit refused the blocked hosts ([Block]): *");
  block_list_setup (fixture, refused_list);
}

static const char *
page_of (gpointer window)
{
  return kiosk_window_get_page (window);
}

static void
test_a_refused_list_stops_the_station (ShellFixture  *fixture,
                                       gconstpointer  data)
{
  assert_string_becomes (page_of, fixture->window, "out-of-service", "page");
  g_test_assert_expected_messages ();
  g_assert_cmpint (kiosk_session_manager_get_state (kiosk_window_get_session_manager (
                     fixture->window)), ==, KIOSK_STATION_OUT_OF_SERVICE);
}

#define UNLISTED "cdn.unlisted.example"

static const char strict_keys[] =
  "StrictResources=true\n"
  "\n"
  "[Allow]\n"
  "Resources=" CDN "\n";

static gboolean
unlisted_or_page_loaded (gpointer user_data)
{
  ShellFixture *fixture = user_data;

  return kiosk_test_server_count_requests (fixture->server, CDN) > 0 &&
         kiosk_test_server_count_path (fixture->server, "/own.png") > 0;
}

/* StrictResources=true: a sub-resource comes from the service's hosts or
 * a listed Resources host, or from the page itself; an unlisted content
 * delivery network gets no request, and the page still renders.
 */
static void
test_strict_mode_holds_sub_resources (ShellFixture  *fixture,
                                      gconstpointer  data)
{
  kiosk_test_server_add_page (fixture->server, "www.caf.fr", "/strict",
                              "<html><head><title>Chargement</title>"
                              "<script src='http://" UNLISTED "/lib.js'></script></head><body>"
                              "<img src='/own.png' alt=''>"
                              "<img src='http://" CDN "/logo.png' alt=''>"
                              "<img src='http://" UNLISTED "/photo.png' alt=''>"
                              "<img src='data:image/gif;base64,R0lGODlhAQABAAAAACw=' alt=''>"
                              "<script>fetch('http://" UNLISTED "/api').catch(function () {});"
                              "document.title = 'Strict';</script></body></html>", NULL);
  kiosk_test_server_add_resource (fixture->server, "www.caf.fr", "/own.png", "image/png", "PNG",
                                  NULL, NULL);
  kiosk_test_server_add_resource (fixture->server, CDN, "/logo.png", "image/png", "PNG", NULL,
                                  NULL);

  open_caf (fixture);
  visit (fixture, "/strict", "Strict");
  g_assert_true (kiosk_test_wait_until (unlisted_or_page_loaded, fixture, 20));
  kiosk_test_spin (1000);
  if (kiosk_test_server_count_requests (fixture->server, UNLISTED) > 0)
    g_error ("%s reached %s", kiosk_test_server_last_request (fixture->server, UNLISTED)->path,
             UNLISTED);

  /* The unlisted host's script and image are counted; nothing else. */
  g_assert_cmpint (count_usage (fixture, KIOSK_METRIC_RESOURCE_BLOCKED, "unlisted.example"),
                   ==, 2);
  g_assert_cmpint (count_usage (fixture, KIOSK_METRIC_RESOURCE_BLOCKED, NULL), ==, 2);
}

static gboolean
images_failed (gpointer user_data)
{
  ShellFixture *fixture = user_data;
  g_autofree char *failed = evaluate_to_string (fixture_get_web_view (fixture),
                                                "String (window.failed)");

  return g_strcmp0 (failed, "300") == 0;
}

/* A page that makes up three hundred host names, each blocked in strict
 * mode, counts no more than a hundred sites a session: the store keeps
 * what a report needs, not what a page wants to write in it.
 */
static void
test_a_page_cannot_flood_the_counts (ShellFixture  *fixture,
                                     gconstpointer  data)
{
  kiosk_test_server_add_page (fixture->server, "www.caf.fr", "/flood",
                              "<html><head><title>Flood</title></head><body><script>"
                              "window.failed = 0;"
                              "for (var i = 0; i < 300; i++) {"
                              "  var image = new Image ();"
                              "  image.onerror = function () { window.failed++; };"
                              "  document.body.appendChild (image);"
                              "  image.src = 'http://t' + i + '.flood' + i + '.example/p.gif';"
                              "}</script></body></html>", NULL);

  open_caf (fixture);
  visit (fixture, "/flood", "Flood");
  g_assert_true (kiosk_test_wait_until (images_failed, fixture, 20));
  kiosk_test_spin (500);
  g_assert_cmpint (count_usage (fixture, KIOSK_METRIC_RESOURCE_BLOCKED, NULL), ==, 100);
  g_assert_cmpint (count_usage (fixture, KIOSK_METRIC_RESOURCE_BLOCKED, "flood0.example"), ==, 1);
}

/* The home screen's "Private" says what the config makes true: the wipe
 * always; known trackers blocked only with a [Block] list; only the
 * services' sites contacted only in strict mode.
 */
static void
test_the_promise_says_what_is_true (ShellFixture  *fixture,
                                    gconstpointer  data)
{
  GtkWidget *promise = window_widget_named (fixture, "private-promise");
  const char *text = gtk_label_get_label (GTK_LABEL (promise));

  g_test_message ("%s", text);
  g_assert_true (gtk_widget_is_drawable (promise));
  if (data == strict_keys)
    g_assert_cmpstr (text, ==, "Everything is erased when you leave. "
                               "Only the services’ sites are contacted.");
  else if (data == block_group)
    g_assert_cmpstr (text, ==, "Everything is erased when you leave. Known trackers are blocked.");
  else
    g_assert_cmpstr (text, ==, "Everything is erased when you leave.");
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

  g_test_add ("/boundary/promise/without-a-list", ShellFixture, NULL, shell_setup,
              test_the_promise_says_what_is_true, shell_teardown);
  g_test_add ("/boundary/promise/with-a-list", ShellFixture, block_group, shell_setup_with_keys,
              test_the_promise_says_what_is_true, shell_teardown);
  g_test_add ("/boundary/promise/strict", ShellFixture, strict_keys, shell_setup_with_keys,
              test_the_promise_says_what_is_true, shell_teardown);
  g_test_add ("/boundary/third-party-cookies-are-refused", ShellFixture, NULL, shell_setup,
              test_third_party_cookies_are_refused, shell_teardown);
  g_test_add ("/boundary/links-send-no-ping", ShellFixture, NULL, shell_setup,
              test_links_send_no_ping, shell_teardown);
  g_test_add ("/boundary/trackers-are-never-reached", ShellFixture, block_group,
              counting_setup, test_trackers_are_never_reached, shell_teardown);
  g_test_add ("/boundary/strict-mode-holds-sub-resources", ShellFixture, strict_keys,
              counting_setup, test_strict_mode_holds_sub_resources, shell_teardown);
  g_test_add ("/boundary/a-page-cannot-flood-the-counts", ShellFixture, strict_keys,
              counting_setup, test_a_page_cannot_flood_the_counts, shell_teardown);
  g_test_add ("/boundary/an-admins-block-list", ShellFixture, admins_list, block_list_setup,
              test_an_admins_block_list, shell_teardown);
  g_test_add ("/boundary/a-refused-list-stops-the-station", ShellFixture, NULL,
              refused_list_setup, test_a_refused_list_stops_the_station, shell_teardown);

  status = g_test_run ();

  kiosk_files_remove_tree (test_root, NULL);
  return status;
}
