/* test-shell.c — the kiosk shell under Xvfb, against a local web server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-test"

#include "config.h"

#include <gtk/gtk.h>
#include <signal.h>
#include <string.h>

#include "kiosk-application.h"
#include "kiosk-files.h"
#include "kiosk-keyboard.h"
#include "kiosk-page-lockdown.h"
#include "kiosk-processes.h"

#include <glib/gi18n.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "shell-fixture.h"

static void
test_home_shown_first (ShellFixture  *fixture,
                       gconstpointer  data)
{
  g_assert_cmpstr (kiosk_window_get_page (fixture->window), ==, "home");
  g_assert_false (kiosk_window_is_out_of_service (fixture->window));
  g_assert_cmpuint (fixture->server->requests->len, ==, 0);
}

/* The public home screen has no tile for a workshop's services (tiles are
 * named after their service).
 */
static void
test_home_has_no_profile_tile (ShellFixture  *fixture,
                               gconstpointer  data)
{
  g_assert_nonnull (kiosk_config_lookup_service (fixture->config, "webmail"));
  g_assert_nonnull (find_widget_named (GTK_WIDGET (fixture->window), "caf"));
  g_assert_null (find_widget_named (GTK_WIDGET (fixture->window), "webmail"));
}

/* Appended after the [Kiosk] keys of the test config: a profile and its
 * service.
 */
static const char profile_groups[] =
  "\n"
  "[Profile atelier]\n"
  "Name=Atelier numérique\n"
  "\n"
  "[Service webmail]\n"
  "Name=Ma messagerie\n"
  "Url=http://www.laposte.net/\n"
  "Allow=*.laposte.net\n"
  "Category=famille\n"
  "Profile=atelier\n";

static void
test_service_loads_through_proxy (ShellFixture  *fixture,
                                  gconstpointer  data)
{
  const KioskTestRequest *request;

  open_caf (fixture);

  g_assert_cmpuint (kiosk_test_server_count_requests (fixture->server, "www.caf.fr"), ==, 1);
  request = kiosk_test_server_last_request (fixture->server, "www.caf.fr");
  g_assert_true (g_str_has_prefix (request->accept_language, "fr"));
}

static void
test_allowed_link_is_followed (ShellFixture  *fixture,
                               gconstpointer  data)
{
  WebKitWebView *web_view;

  open_caf (fixture);
  web_view = fixture_get_web_view (fixture);

  run_script (web_view, "document.getElementById('inside').click()");
  assert_title_becomes (web_view, "CAF page 2");
  g_assert_cmpstr (kiosk_window_get_page (fixture->window), ==, "browser");
  g_assert_true (webkit_web_view_can_go_back (web_view));
}

static void
test_global_allow_list_is_followed (ShellFixture  *fixture,
                                    gconstpointer  data)
{
  WebKitWebView *web_view;

  open_caf (fixture);
  web_view = fixture_get_web_view (fixture);

  run_script (web_view, "document.getElementById('franceconnect').click()");
  assert_title_becomes (web_view, "FranceConnect");
  g_assert_cmpuint (kiosk_test_server_count_requests (fixture->server,
                                                      "app.franceconnect.gouv.fr"), ==, 1);
}

static void
test_outside_link_is_refused (ShellFixture  *fixture,
                              gconstpointer  data)
{
  WebKitWebView *web_view;

  open_caf (fixture);
  web_view = fixture_get_web_view (fixture);

  run_script (web_view, "document.getElementById('outside').click()");
  assert_page_becomes (fixture->window, "refused");

  /* Give a request that slipped through the time to arrive. */
  kiosk_test_spin (500);
  g_assert_cmpuint (kiosk_test_server_count_requests (fixture->server, "evil.example"), ==, 0);
  g_assert_cmpstr (webkit_web_view_get_title (web_view), ==, "CAF test page");

  /* "Back" returns to the page the user was on. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.leave-refused", NULL);
  g_assert_cmpstr (kiosk_window_get_page (fixture->window), ==, "browser");

  /* "Home" returns to the tiles. */
  run_script (web_view, "document.getElementById('outside').click()");
  assert_page_becomes (fixture->window, "refused");
  g_action_group_activate_action (G_ACTION_GROUP (fixture->application), "home", NULL);
  g_assert_cmpstr (kiosk_window_get_page (fixture->window), ==, "home");
}

static void
test_outside_frame_stays_empty (ShellFixture  *fixture,
                                gconstpointer  data)
{
  WebKitWebView *web_view;

  open_caf (fixture);
  web_view = fixture_get_web_view (fixture);

  webkit_web_view_load_uri (web_view, "http://www.caf.fr/frame");
  assert_title_becomes (web_view, "Page with a frame");
  kiosk_test_spin (1000);

  g_assert_cmpuint (kiosk_test_server_count_requests (fixture->server, "evil.example"), ==, 0);
  g_assert_cmpstr (kiosk_window_get_page (fixture->window), ==, "browser");
}

static void
test_end_session_wipes_storage (ShellFixture  *fixture,
                                gconstpointer  data)
{
  WebKitWebView *web_view;
  KioskUserSession *first_session;
  const KioskTestRequest *request;

  open_caf (fixture);
  web_view = fixture_get_web_view (fixture);

  webkit_web_view_load_uri (web_view, "http://www.caf.fr/store");
  assert_title_becomes (web_view, "stored");

  /* Within the session, the cookie and the storage are there... */
  webkit_web_view_load_uri (web_view, "http://www.caf.fr/read");
  assert_title_becomes (web_view, "storage:alice cookie:visitor=alice");
  request = kiosk_test_server_last_request (fixture->server, "www.caf.fr");
  g_assert_cmpstr (request->cookie, ==, "visitor=alice");

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.text-larger", NULL);
  g_assert_cmpfloat (webkit_web_view_get_zoom_level (web_view), >, 1.0);

  first_session = kiosk_window_get_user_session (fixture->window);
  g_object_add_weak_pointer (G_OBJECT (first_session), (gpointer *) &first_session);

  g_action_group_activate_action (G_ACTION_GROUP (fixture->application), "end-session", NULL);

  /* ...and after "End my session" nothing of them is left. */
  g_assert_null (first_session);
  g_assert_cmpstr (kiosk_window_get_page (fixture->window), ==, "ended");
  kiosk_window_show_home (fixture->window);

  open_caf (fixture);
  web_view = fixture_get_web_view (fixture);
  g_assert_false (webkit_web_view_can_go_back (web_view));
  g_assert_cmpfloat (webkit_web_view_get_zoom_level (web_view), ==, 1.0);

  webkit_web_view_load_uri (web_view, "http://www.caf.fr/read");
  assert_title_becomes (web_view, "storage:empty cookie:empty");
  request = kiosk_test_server_last_request (fixture->server, "www.caf.fr");
  g_assert_null (request->cookie);
}


/* Every trick a curious or hostile user (or page) can play to reach a
 * site outside the list. Each one aims at a path "/forbidden", which must
 * never reach the server, whatever host the trick ends up naming.
 */

typedef enum
{
  REFUSAL_SHOWN,    /* the page would have gone: the friendly page explains */
  REFUSAL_SILENT,   /* a frame, or what WebKit refuses itself: the page just stays */
} RefusalKind;

typedef struct
{
  const char  *name;
  const char  *body;
  const char  *trigger;
  RefusalKind  refusal;
  const char  *shown;   /* what the refusal page must name, if checked */
} Trick;

/* Scripts the test runs count as user gestures for WebKit, like a click;
 * what a page does by itself runs from its own load handler.
 */
#define LINK(href) "<a id='go' href='" href "'>go</a>"
#define CLICK "document.getElementById('go').click()"
/* A click from the X server, for what WebKit only allows a real user. */
#define REAL_CLICK "real click"
#define AFTER_LOAD(script) "<script>addEventListener('load', function () {" \
                           " setTimeout(function () {" script "}, 50); });</script>"

static const Trick tricks[] = {
  { "outside-host", LINK ("http://evil.example/forbidden"), CLICK, REFUSAL_SHOWN },
  { "userinfo-before-host", LINK ("http://www.caf.fr@evil.example/forbidden"), CLICK,
    REFUSAL_SHOWN },
  { "backslash-before-userinfo", LINK ("http://evil.example\\@www.caf.fr/forbidden"), CLICK,
    REFUSAL_SHOWN },
  { "suffix-glue", LINK ("http://www.caf.fr.evil.example/forbidden"), CLICK, REFUSAL_SHOWN },
  { "prefix-glue", LINK ("http://evilcaf.fr/forbidden"), CLICK, REFUSAL_SHOWN },
  { "trailing-dot", LINK ("http://evil.example./forbidden"), CLICK, REFUSAL_SHOWN },
  { "case", LINK ("http://EVIL.Example/forbidden"), CLICK, REFUSAL_SHOWN },
  { "percent-encoded-host", LINK ("http://ev%69l.example/forbidden"), CLICK, REFUSAL_SHOWN },
  { "tab-and-newline-in-host", LINK ("http://ev&#9;il.exa&#10;mple/forbidden"), CLICK,
    REFUSAL_SHOWN },
  { "idn-homograph", LINK ("http://www.c&#1072;f.fr/forbidden"), CLICK, REFUSAL_SHOWN },
  { "ideographic-full-stop", LINK ("http://evil&#12290;example/forbidden"), CLICK,
    REFUSAL_SHOWN },
  { "fullwidth-full-stop", LINK ("http://www&#65294;caf&#65294;fr&#65294;evil&#65294;example/"
                                 "forbidden"), CLICK, REFUSAL_SHOWN },
  { "decimal-ipv4", LINK ("http://2130706433/forbidden"), CLICK, REFUSAL_SHOWN },
  { "hexadecimal-ipv4", LINK ("http://0x7f.1/forbidden"), CLICK, REFUSAL_SHOWN },
  { "octal-ipv4", LINK ("http://0177.0.0.1/forbidden"), CLICK, REFUSAL_SHOWN },
  { "ipv6", LINK ("http://[::1]/forbidden"), CLICK, REFUSAL_SHOWN },
  { "other-port", LINK ("http://www.caf.fr:8080/forbidden"), CLICK, REFUSAL_SHOWN },
  { "open-redirect", LINK ("http://www.caf.fr/redirect"), CLICK, REFUSAL_SHOWN },
  { "meta-refresh",
    "<meta http-equiv='refresh' content='0;url=http://evil.example/forbidden'>", NULL,
    REFUSAL_SHOWN, "evil.example" },
  { "script-location-on-click", "", "location.href = 'http://evil.example/forbidden'",
    REFUSAL_SHOWN },
  { "script-location-by-itself", AFTER_LOAD ("location.href = 'http://evil.example/forbidden'"),
    NULL, REFUSAL_SHOWN, "evil.example" },
  { "script-location-after-a-second",
    "<script>setTimeout (function () { location.href = 'http://evil.example/forbidden'; }, "
    "1000);</script>", NULL, REFUSAL_SHOWN, "evil.example" },
  { "redirect-by-itself", AFTER_LOAD ("location.href = 'http://www.caf.fr/redirect'"), NULL,
    REFUSAL_SHOWN, "evil.example" },
  { "frame", "<iframe src='http://evil.example/forbidden'></iframe>", NULL, REFUSAL_SILENT },
  { "frame-redirected", "<iframe src='http://www.caf.fr/redirect'></iframe>", NULL,
    REFUSAL_SILENT },
  { "form-post-into-a-hidden-frame",
    "<iframe name='hidden' style='display: none'></iframe>"
    "<form id='form' method='post' action='http://evil.example/forbidden' target='hidden'>"
    "<input name='q' value='secret'></form>"
    AFTER_LOAD ("document.getElementById('form').submit()"), NULL, REFUSAL_SILENT },
  { "window-open-on-click",
    "<button id='go' style='position: fixed; inset: 0; width: 100%; height: 100%' "
    "onclick=\"window.open('http://evil.example/forbidden')\">go</button>", REAL_CLICK,
    REFUSAL_SHOWN },
  { "window-open-by-itself", AFTER_LOAD ("window.open('http://evil.example/forbidden')"), NULL,
    REFUSAL_SILENT },
  { "target-blank", "<a id='go' target='_blank' href='http://evil.example/forbidden'>go</a>",
    CLICK, REFUSAL_SHOWN },
  { "form-post",
    "<form id='form' method='post' action='http://evil.example/forbidden'>"
    "<input name='q' value='secret'></form>",
    "document.getElementById('form').submit()", REFUSAL_SHOWN },
  { "javascript-url", LINK ("javascript:location.href='http://evil.example/forbidden'"), CLICK,
    REFUSAL_SILENT },
  { "data-url", LINK ("data:text/html,<title>data</title>"), CLICK, REFUSAL_SHOWN },
  /* Made by the page's own site, it is taken as a document, and refused as
   * one: a page is no document (the tests of /documents/made-in-the-page).
   */
  { "blob-url", "",
    "location.href = URL.createObjectURL(new Blob(['<title>blob</title>'], "
    "{ type: 'text/html' }))", REFUSAL_SILENT },
  /* WebKit itself refuses a web page's link to a local file, before asking. */
  { "file-url", LINK ("file:///etc/passwd"), CLICK, REFUSAL_SILENT },
  { "view-source-url", LINK ("view-source:http://www.caf.fr/"), CLICK, REFUSAL_SHOWN },
  { "mailto-url", LINK ("mailto:someone@example.org"), CLICK, REFUSAL_SHOWN,
    "someone@example.org" },
  { "tel-url", LINK ("tel:3230"), CLICK, REFUSAL_SHOWN, "3230" },
};

static void
test_trick (ShellFixture  *fixture,
            gconstpointer  data)
{
  const Trick *trick = data;
  g_autofree char *path = g_strconcat ("/trick/", trick->name, NULL);
  g_autofree char *address = g_strconcat ("http://www.caf.fr", path, NULL);
  g_autofree char *title = g_strconcat ("trick ", trick->name, NULL);
  g_autofree char *html = g_strdup_printf ("<title>%s</title>%s", title, trick->body);
  WebKitWebView *web_view;

  kiosk_test_server_add_page (fixture->server, "www.caf.fr", path, html, NULL);
  kiosk_test_server_add_redirect (fixture->server, "www.caf.fr", "/redirect",
                                  "http://evil.example/forbidden");
  open_caf (fixture);
  web_view = fixture_get_web_view (fixture);

  webkit_web_view_load_uri (web_view, address);
  assert_title_becomes (web_view, title);
  if (g_strcmp0 (trick->trigger, REAL_CLICK) == 0)
    click_in_the_middle_of (GTK_WIDGET (web_view));
  else if (trick->trigger != NULL)
    run_script (web_view, trick->trigger);

  if (trick->refusal == REFUSAL_SHOWN)
    assert_page_becomes (fixture->window, "refused");

  /* Give anything that slipped through the time to arrive. */
  kiosk_test_spin (500);

  g_assert_cmpuint (kiosk_test_server_count_path (fixture->server, "/forbidden"), ==, 0);
  g_assert_cmpuint (kiosk_test_server_count_requests (fixture->server, "evil.example"), ==, 0);
  g_assert_cmpstr (webkit_web_view_get_title (web_view), ==, title);
  g_assert_cmpstr (kiosk_window_get_page (fixture->window), ==,
                   trick->refusal == REFUSAL_SHOWN ? "refused" : "browser");

  /* The site, an address or a number is shown to be noted, never handed elsewhere. */
  if (trick->shown != NULL)
    g_assert_nonnull (strstr (kiosk_window_get_refused_place (fixture->window), trick->shown));
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (
                      GTK_APPLICATION (fixture->application))), ==, 1);
}

/* A captcha, as La Poste's login shows hCaptcha's: a frame from a host of
 * `[Allow] Frames`, which reports to the page with postMessage.
 */
#define CAPTCHA_PAGE "<title>login</title>" \
  "<iframe src='http://newassets.hcaptcha.com/captcha'></iframe>" \
  "<script>addEventListener ('message', function (event) {" \
  " if (event.origin == 'http://newassets.hcaptcha.com') document.title = event.data; });" \
  "</script>"

static void
add_captcha (ShellFixture *fixture)
{
  kiosk_test_server_add_page (fixture->server, "newassets.hcaptcha.com", "/captcha",
                              "<title>captcha</title>"
                              "<script>parent.postMessage ('captcha solved', '*');</script>",
                              NULL);
}

static void
test_captcha_frame_shows (ShellFixture  *fixture,
                          gconstpointer  data)
{
  WebKitWebView *web_view;

  add_captcha (fixture);
  kiosk_test_server_add_page (fixture->server, "www.caf.fr", "/login", CAPTCHA_PAGE, NULL);
  open_caf (fixture);
  web_view = fixture_get_web_view (fixture);

  webkit_web_view_load_uri (web_view, "http://www.caf.fr/login");
  assert_title_becomes (web_view, "captcha solved");
  g_assert_cmpstr (kiosk_window_get_page (fixture->window), ==, "browser");
  g_assert_cmpstr (webkit_web_view_get_uri (web_view), ==, "http://www.caf.fr/login");
}

/* However the page asks, the captcha's host never becomes the page, and
 * is not even asked: the refusal page names it.
 */
static void
test_captcha_host_is_never_a_page (ShellFixture  *fixture,
                                   gconstpointer  data)
{
  static const struct
  {
    const char *body;
    const char *trigger;
  } ways[] = {
    { "<a id='go' href='http://newassets.hcaptcha.com/captcha'>go</a>",
      "document.getElementById('go').click()" },
    { AFTER_LOAD ("location.href = 'http://newassets.hcaptcha.com/captcha'"), NULL },
    { AFTER_LOAD ("location.href = 'http://www.caf.fr/to-captcha'"), NULL },
    { "<form id='form' method='post' action='http://newassets.hcaptcha.com/captcha'></form>",
      "document.getElementById('form').submit()" },
    { "<a id='go' target='_blank' href='http://newassets.hcaptcha.com/captcha'>go</a>",
      "document.getElementById('go').click()" },
  };
  WebKitWebView *web_view;

  add_captcha (fixture);
  kiosk_test_server_add_redirect (fixture->server, "www.caf.fr", "/to-captcha",
                                  "http://newassets.hcaptcha.com/captcha");
  open_caf (fixture);
  web_view = fixture_get_web_view (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (ways); i++)
    {
      g_autofree char *path = g_strdup_printf ("/way-%u", i);
      g_autofree char *address = g_strconcat ("http://www.caf.fr", path, NULL);
      g_autofree char *title = g_strdup_printf ("way %u", i);
      /* The title last: once it shows, the page's links are there. */
      g_autofree char *html = g_strdup_printf ("%s<title>%s</title>", ways[i].body, title);

      g_test_message ("%s", ways[i].body);
      kiosk_test_server_add_page (fixture->server, "www.caf.fr", path, html, NULL);
      gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.leave-refused", NULL);
      webkit_web_view_load_uri (web_view, address);
      assert_title_becomes (web_view, title);
      if (ways[i].trigger != NULL)
        run_script (web_view, ways[i].trigger);

      assert_page_becomes (fixture->window, "refused");
      g_assert_cmpstr (kiosk_window_get_refused_place (fixture->window), ==,
                       "newassets.hcaptcha.com");
      kiosk_test_spin (300);
      g_assert_cmpstr (webkit_web_view_get_title (web_view), ==, title);
    }

  g_assert_cmpuint (kiosk_test_server_count_requests (fixture->server, "newassets.hcaptcha.com"),
                    ==, 0);
}

/* A page of another site starts another web process (WebKit swaps
 * processes between sites): the rules go with the session, not the
 * process, and the compiled file was removed long before.
 */
static void
test_rules_follow_a_change_of_site (ShellFixture  *fixture,
                                    gconstpointer  data)
{
  WebKitWebView *web_view;

  add_captcha (fixture);
  kiosk_test_server_add_page (fixture->server, "app.franceconnect.gouv.fr", "/login",
                              CAPTCHA_PAGE, NULL);
  kiosk_test_server_add_page (fixture->server, "app.franceconnect.gouv.fr", "/away",
                              "<title>away</title>"
                              AFTER_LOAD ("location.href = 'http://evil.example/forbidden'"),
                              NULL);
  open_caf (fixture);
  web_view = fixture_get_web_view (fixture);

  webkit_web_view_load_uri (web_view, "http://app.franceconnect.gouv.fr/login");
  assert_title_becomes (web_view, "captcha solved");

  webkit_web_view_load_uri (web_view, "http://app.franceconnect.gouv.fr/away");
  assert_title_becomes (web_view, "away");
  assert_page_becomes (fixture->window, "refused");
  g_assert_cmpstr (kiosk_window_get_refused_place (fixture->window), ==, "evil.example");
  g_assert_cmpuint (kiosk_test_server_count_requests (fixture->server, "evil.example"), ==, 0);
}

static gboolean
window_has_a_fresh_session (gpointer window)
{
  KioskUserSession *user_session = kiosk_window_get_user_session (window);

  return user_session != NULL && kiosk_user_session_get_service (user_session) == NULL;
}

/* A resident who taps one tile, then another, then ends at once: the
 * rules compiled for each are put in place or dropped, never in a folder
 * another compilation or the wipe removed under it (each warning would
 * fail the test).
 */
static void
test_rules_survive_quick_changes (ShellFixture  *fixture,
                                  gconstpointer  data)
{
  KioskService *caf = kiosk_config_lookup_service (fixture->config, "caf");
  KioskService *ameli = kiosk_config_lookup_service (fixture->config, "ameli");

  for (guint i = 0; i < 6; i++)
    {
      g_assert_true (kiosk_test_wait_until (window_has_a_fresh_session, fixture->window,
                                            LOAD_TIMEOUT));
      kiosk_window_open_service (fixture->window, caf);
      kiosk_window_open_service (fixture->window, ameli);
      kiosk_window_open_service (fixture->window, caf);
      kiosk_test_spin (10 * i);
      g_action_group_activate_action (G_ACTION_GROUP (fixture->application), "end-session",
                                      NULL);
    }

  open_caf (fixture);
}

static gboolean
has_looked_for_sound (gpointer window)
{
  return kiosk_window_has_looked_for_sound (window);
}

/* A station without sound has no voice: no Listen button, and its action
 * does nothing.
 */
static void
test_no_sound_no_listen_button (ShellFixture  *fixture,
                                gconstpointer  data)
{
  g_assert_true (kiosk_test_wait_until (has_looked_for_sound, fixture->window, LOAD_TIMEOUT));
  g_assert_null (kiosk_window_get_voice (fixture->window));
  g_assert_false (gtk_widget_is_visible (find_action_button (
    GTK_WIDGET (fixture->window), "win.listen")));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.listen", NULL) &&
                  kiosk_window_get_voice (fixture->window) != NULL);
}

static void
test_history_into_another_service (ShellFixture  *fixture,
                                   gconstpointer  data)
{
  WebKitWebView *web_view;
  guint caf_requests;

  open_caf (fixture);
  web_view = fixture_get_web_view (fixture);
  kiosk_test_server_add_page (fixture->server, "www.ameli.fr", "/", "<title>Ameli</title>",
                              NULL);

  kiosk_window_show_home (fixture->window);
  kiosk_window_open_service (fixture->window,
                             kiosk_config_lookup_service (fixture->config, "ameli"));
  assert_title_becomes (web_view, "Ameli");
  caf_requests = kiosk_test_server_count_requests (fixture->server, "www.caf.fr");

  /* Back would return to the CAF, which Ameli's list does not include. */
  webkit_web_view_go_back (web_view);
  assert_page_becomes (fixture->window, "refused");
  kiosk_test_spin (500);
  g_assert_cmpuint (kiosk_test_server_count_requests (fixture->server, "www.caf.fr"), ==,
                    caf_requests);
  g_assert_cmpstr (webkit_web_view_get_title (web_view), ==, "Ameli");
}


/* The life of a user session: asked, idle, timed out, wiped, proven. */

static int
last_end_reason (ShellFixture *fixture)
{
  g_assert_cmpuint (fixture->end_reasons->len, >, 0);
  return g_array_index (fixture->end_reasons, int, fixture->end_reasons->len - 1);
}

static gboolean
is_free (gpointer user_data)
{
  return kiosk_session_manager_get_state (user_data) == KIOSK_STATION_FREE;
}

static gboolean
every_service_rules_are_compiled (gpointer user_data)
{
  KioskSessionManager *manager = user_data;
  KioskConfig *config = kiosk_session_manager_get_config (manager);

  return kiosk_service_rules_get_n_ready (kiosk_session_manager_get_service_rules (manager)) ==
         kiosk_config_get_services (config)->len;
}

/* The rules of each service, compiled while the station waited for its
 * first resident, are put in place at the tap: the service's own pages and
 * frames load, another's stay refused; the next session, on the other
 * service, gets that one's.
 */
static void
test_rules_compiled_ahead_are_each_service_s (ShellFixture  *fixture,
                                              gconstpointer  data)
{
  KioskSessionManager *manager = kiosk_window_get_session_manager (fixture->window);
  WebKitWebView *web_view;

  add_captcha (fixture);
  kiosk_test_server_add_page (fixture->server, "www.ameli.fr", "/", "<title>Ameli</title>",
                              NULL);
  kiosk_test_server_add_page (fixture->server, "www.ameli.fr", "/login", CAPTCHA_PAGE, NULL);
  g_assert_true (kiosk_test_wait_until (every_service_rules_are_compiled, manager,
                                        LOAD_TIMEOUT));

  kiosk_window_open_service (fixture->window,
                             kiosk_config_lookup_service (fixture->config, "ameli"));
  web_view = fixture_get_web_view (fixture);
  assert_title_becomes (web_view, "Ameli");
  webkit_web_view_load_uri (web_view, "http://www.ameli.fr/login");
  assert_title_becomes (web_view, "captcha solved");
  webkit_web_view_load_uri (web_view, "http://www.caf.fr/");
  assert_page_becomes (fixture->window, "refused");
  g_assert_cmpuint (kiosk_test_server_count_requests (fixture->server, "www.caf.fr"), ==, 0);

  kiosk_window_end_session (fixture->window, KIOSK_END_LOGOUT);
  g_assert_true (kiosk_test_wait_until (is_free, manager, LOAD_TIMEOUT));
  kiosk_window_show_home (fixture->window);
  open_caf (fixture);
  web_view = fixture_get_web_view (fixture);
  webkit_web_view_load_uri (web_view, "http://www.ameli.fr/");
  assert_page_becomes (fixture->window, "refused");
  g_assert_cmpstr (kiosk_window_get_refused_place (fixture->window), ==, "www.ameli.fr");
}

static void
test_end_button_asks_first (ShellFixture  *fixture,
                            gconstpointer  data)
{
  KioskUserSession *first;

  open_caf (fixture);
  first = kiosk_window_get_user_session (fixture->window);
  g_object_add_weak_pointer (G_OBJECT (first), (gpointer *) &first);

  activate (fixture, "win.ask-end-session");
  g_assert_cmpstr (kiosk_window_get_question (fixture->window), ==, "end-session");
  g_assert_cmpstr (kiosk_window_get_question_text (fixture->window), ==,
                   _("Everything you did on this computer will be erased: the pages, the "
                     "accounts you opened, the documents."));

  /* "No": nothing is lost. */
  activate (fixture, "win.cancel-end-session");
  g_assert_null (kiosk_window_get_question (fixture->window));
  g_assert_true (kiosk_window_get_user_session (fixture->window) == first);
  g_assert_cmpstr (kiosk_window_get_page (fixture->window), ==, "browser");
  g_assert_cmpuint (fixture->end_reasons->len, ==, 0);

  /* "Yes": erased, said so, then home. */
  activate (fixture, "win.ask-end-session");
  activate (fixture, "win.confirm-end-session");
  g_assert_cmpstr (kiosk_window_get_page (fixture->window), ==, "ended");
  g_assert_cmpint (last_end_reason (fixture), ==, KIOSK_END_LOGOUT);
  g_assert_null (first);
  assert_page_becomes (fixture->window, "home");
}

typedef struct
{
  KioskSessionManager *manager;
  guint                count;
} DocumentsWait;

static gboolean
has_documents (gpointer user_data)
{
  DocumentsWait *wait = user_data;

  return kiosk_session_manager_count_documents (wait->manager) == wait->count;
}

static void
test_end_button_mentions_documents (ShellFixture  *fixture,
                                    gconstpointer  data)
{
  KioskSessionManager *manager = kiosk_window_get_session_manager (fixture->window);
  g_autofree char *private_dir = NULL;
  g_autofree char *expected = NULL;
  WebKitWebView *web_view;

  g_autoptr(GBytes) pdf = make_pdf (1, "attestation de paiement");

  kiosk_test_server_add_file (fixture->server, "www.caf.fr", "/attestation",
                              "application/octet-stream", pdf, "../attestation.pdf");
  open_caf (fixture);
  web_view = fixture_get_web_view (fixture);
  private_dir = g_strdup (kiosk_session_manager_get_private_dir (manager));

  for (guint count = 1; count <= 2; count++)
    {
      DocumentsWait wait = { manager, count };

      webkit_web_view_load_uri (web_view, "http://www.caf.fr/attestation");
      g_assert_true (kiosk_test_wait_until (has_documents, &wait, LOAD_TIMEOUT));
    }

  /* Saved in the private folder, whatever name the site suggested. */
  g_assert_true (g_file_test (private_dir, G_FILE_TEST_IS_DIR));
  {
    g_autofree char *saved = g_build_filename (private_dir, "attestation.pdf", NULL);

    g_assert_true (g_file_test (saved, G_FILE_TEST_IS_REGULAR));
  }

  activate (fixture, "win.ask-end-session");
  expected = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "You have %u document. It will be erased: print it "
                                           "before you go if you need it.",
                                           "You have %u documents. They will be erased: print "
                                           "them before you go if you need them.", 2), 2);
  g_assert_cmpstr (kiosk_window_get_question_text (fixture->window), ==, expected);

  activate (fixture, "win.confirm-end-session");
  g_assert_false (g_file_test (private_dir, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (kiosk_session_manager_count_documents (manager), ==, 0);
}

static void
test_idle_countdown_ends_session (ShellFixture  *fixture,
                                  gconstpointer  data)
{
  KioskUserSession *first;
  g_autofree char *two_seconds = NULL;

  open_caf (fixture);
  first = kiosk_window_get_user_session (fixture->window);
  g_object_add_weak_pointer (G_OBJECT (first), (gpointer *) &first);

  assert_question_becomes (fixture->window, "idle");
  two_seconds = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "Your session will be erased in %d second.",
                                              "Your session will be erased in %d seconds.", 2),
                                 2);
  g_assert_cmpstr (kiosk_window_get_question_text (fixture->window), ==, two_seconds);

  assert_page_becomes (fixture->window, "ended");
  g_assert_cmpint (last_end_reason (fixture), ==, KIOSK_END_IDLE);
  g_assert_null (kiosk_window_get_question (fixture->window));
  g_assert_null (first);
}

static void
test_input_cancels_idle_countdown (ShellFixture  *fixture,
                                   gconstpointer  data)
{
  KioskUserSession *first;

  open_caf (fixture);
  first = kiosk_window_get_user_session (fixture->window);
  assert_question_becomes (fixture->window, "idle");

  /* Any input, over the web page as anywhere else. */
  move_pointer (300, 400);
  move_pointer (320, 420);
  assert_question_becomes (fixture->window, NULL);

  g_assert_true (kiosk_window_get_user_session (fixture->window) == first);
  g_assert_cmpuint (fixture->end_reasons->len, ==, 0);
  g_assert_cmpstr (kiosk_window_get_page (fixture->window), ==, "browser");
}

static const char *
window_notice (gpointer window)
{
  return kiosk_window_get_notice (window);
}

static void
test_time_limit_ends_session (ShellFixture  *fixture,
                              gconstpointer  data)
{
  g_autofree char *notice = NULL;

  open_caf (fixture);

  /* With one minute allowed, the five-minute warning comes at once. */
  notice = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Your session will end in %d minute. Print or keep what "
                                         "you need now.",
                                         "Your session will end in %d minutes. Print or keep what "
                                         "you need now.", 1), 1);
  assert_string_becomes (window_notice, fixture->window, notice, "notice");

  assert_string_becomes_within ((StringGetter) kiosk_window_get_page, fixture->window, "ended",
                                "window page", 90);
  g_assert_cmpint (last_end_reason (fixture), ==, KIOSK_END_TIME_LIMIT);
  g_assert_null (kiosk_window_get_notice (fixture->window));
}

static void
test_wipe_is_proven (ShellFixture  *fixture,
                     gconstpointer  data)
{
  KioskSessionManager *manager = kiosk_window_get_session_manager (fixture->window);
  g_autoptr(GArray) web_processes = NULL;
  g_autofree char *private_dir = NULL;

  open_caf (fixture);

  /* A change of site makes WebKit start another web process and keep the
   * first one for going back: both must go with the session.
   */
  run_script (fixture_get_web_view (fixture),
              "document.getElementById('franceconnect').click()");
  assert_title_becomes (fixture_get_web_view (fixture), "FranceConnect");
  web_processes = kiosk_processes_find_descendants ("WebKitWebProces");
  g_assert_cmpuint (web_processes->len, >, 0);
  private_dir = g_strdup (kiosk_session_manager_get_private_dir (manager));
  g_assert_true (g_file_test (private_dir, G_FILE_TEST_IS_DIR));

  g_action_group_activate_action (G_ACTION_GROUP (fixture->application), "end-session", NULL);
  g_assert_cmpint (last_end_reason (fixture), ==, KIOSK_END_REMOTE);

  /* The station is free again only once the wipe is proven. */
  g_assert_true (kiosk_test_wait_until (is_free, manager, LOAD_TIMEOUT));
  g_assert_false (g_file_test (private_dir, G_FILE_TEST_EXISTS));
  g_assert_false (kiosk_processes_any_alive (web_processes));
  g_assert_nonnull (kiosk_session_manager_get_private_dir (manager));
  g_assert_cmpstr (kiosk_session_manager_get_private_dir (manager), !=, private_dir);
}

static gboolean
is_out_of_service (gpointer user_data)
{
  return kiosk_session_manager_get_state (user_data) == KIOSK_STATION_OUT_OF_SERVICE;
}

static void
test_unproven_wipe_goes_out_of_service (ShellFixture  *fixture,
                                        gconstpointer  data)
{
  KioskSessionManager *manager = kiosk_window_get_session_manager (fixture->window);
  g_autoptr(GError) error = NULL;
  g_autofree char *impostor = g_build_filename (g_get_user_cache_dir (), "WebKitWebProcess",
                                                NULL);
  g_autofree char *sleep_path = g_find_program_in_path ("sleep");
  g_autofree char *contents = NULL;
  gsize length;
  GPid pid;

  /* A process that looks like a web process of the session and does not
   * go away when the session ends, as a stuck one would.
   */
  g_assert_true (g_file_get_contents (sleep_path, &contents, &length, &error));
  g_assert_true (g_file_set_contents_full (impostor, contents, length,
                                           G_FILE_SET_CONTENTS_NONE, 0700, &error));
  g_spawn_async (NULL, (char *[]) { impostor, "60", NULL }, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                 NULL, NULL, &pid, &error);
  g_assert_no_error (error);

  open_caf (fixture);
  g_test_expect_message ("kiosk-session-manager", G_LOG_LEVEL_WARNING,
                         "Out of service: the wipe failed: a web process of the last session "
                         "is still running");
  g_action_group_activate_action (G_ACTION_GROUP (fixture->application), "end-session", NULL);

  g_assert_true (kiosk_test_wait_until (is_out_of_service, manager, LOAD_TIMEOUT));
  g_test_assert_expected_messages ();
  g_assert_cmpstr (kiosk_window_get_page (fixture->window), ==, "out-of-service");
  g_assert_null (kiosk_window_get_user_session (fixture->window));

  kill (pid, SIGKILL);
  g_spawn_close_pid (pid);
  waitpid (pid, NULL, 0);
}

static void
shell_setup_after_crash (ShellFixture  *fixture,
                         gconstpointer  data)
{
  g_autofree char *leftover = g_build_filename (g_get_user_runtime_dir (), "pimms-kiosk",
                                                "session-crashed", "form.pdf", NULL);
  g_autofree char *folder = g_path_get_dirname (leftover);
  g_autofree char *marker = g_build_filename (g_get_user_state_dir (), "session-in-use", NULL);

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (leftover, "left by a crash", -1, NULL));
  g_assert_true (g_file_set_contents (marker, "", -1, NULL));

  g_test_expect_message ("kiosk-session-manager", G_LOG_LEVEL_MESSAGE,
                         "The last run did not end its session; its leftovers were wiped");
  shell_setup (fixture, NULL);
  g_test_assert_expected_messages ();
}

static void
test_start_up_wipes_a_crashed_session (ShellFixture  *fixture,
                                       gconstpointer  data)
{
  g_autofree char *crashed = g_build_filename (g_get_user_runtime_dir (), "pimms-kiosk",
                                               "session-crashed", NULL);
  g_autofree char *marker = g_build_filename (g_get_user_state_dir (), "session-in-use", NULL);

  g_assert_false (g_file_test (crashed, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (marker, G_FILE_TEST_EXISTS));
  g_assert_cmpstr (kiosk_window_get_page (fixture->window), ==, "home");
  g_assert_cmpint (kiosk_session_manager_get_state (
                     kiosk_window_get_session_manager (fixture->window)), ==, KIOSK_STATION_FREE);
}


/* Nothing of a session may reach the disk, nor the next session. */

static const char store_page[] =
  "<title>storing</title><script src='/cached.js'></script><script>"
  "localStorage.setItem('m', '@MARKER@');"
  "sessionStorage.setItem('m', '@MARKER@');"
  "var request = indexedDB.open('kiosk', 1);"
  "request.onupgradeneeded = function () { request.result.createObjectStore('s'); };"
  "request.onsuccess = function () {"
  "  var transaction = request.result.transaction('s', 'readwrite');"
  "  transaction.objectStore('s').put('@MARKER@', 'm');"
  "  transaction.oncomplete = function () {"
  "    document.title = 'stored';"
  "  };"
  "};"
  "request.onerror = function () { document.title = 'indexeddb failed ' + request.error; };"
  "</script>";

static const char read_page[] =
  "<title>reading</title><script src='/cached.js'></script><script>"
  "function done (idb) {"
  "  document.title = 'cookie:' + (document.cookie || 'none') +"
  "    ' storage:' + (localStorage.getItem('m') || 'none') + ' idb:' + idb;"
  "}"
  "var request = indexedDB.open('kiosk', 1);"
  "request.onupgradeneeded = function () { request.result.createObjectStore('s'); };"
  "request.onsuccess = function () {"
  "  var get = request.result.transaction('s').objectStore('s').get('m');"
  "  get.onsuccess = function () { done(get.result || 'none'); };"
  "  get.onerror = function () { done('error'); };"
  "};"
  "request.onerror = function () { done('error'); };"
  "</script>";

/* Answers the kiosk's sign-in question with the keyboard, as a resident
 * would.
 */
static void
sign_in (ShellFixture *fixture,
         const char   *user,
         const char   *password)
{
  assert_question_becomes (fixture->window, "authentication");
  move_pointer (640, 400);
  xdotool ("type", user, NULL);
  xdotool ("key", "Return", NULL);
  xdotool ("type", password, NULL);
  xdotool ("key", "Return", NULL);
  assert_question_becomes (fixture->window, NULL);
}

static void
count_cb (gpointer  instance,
          gpointer  request,
          guint    *count)
{
  (*count)++;
}

static gboolean
file_contains (const char *path,
               const char *marker)
{
  g_autofree char *contents = NULL;
  gsize length;

  gsize marker_length = strlen (marker);

  if (!g_file_get_contents (path, &contents, &length, NULL) || length < marker_length)
    return FALSE;

  /* Binary files (databases, caches) may hold NUL bytes before it. */
  for (gsize i = 0; i + marker_length <= length; i++)
    {
      if (contents[i] == marker[0] && memcmp (contents + i, marker, marker_length) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Every regular file written since @since below @path, links not
 * followed, that contains @marker.
 */
static void
find_marker (const char *path,
             const char *marker,
             gint64      since,
             GPtrArray  *found)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      struct stat info;

      if (lstat (child, &info) != 0)
        continue;

      if (S_ISDIR (info.st_mode))
        find_marker (child, marker, since, found);
      else if (S_ISREG (info.st_mode) && info.st_mtime >= since &&
               info.st_size < 64 * 1024 * 1024 && file_contains (child, marker))
        g_ptr_array_add (found, g_steal_pointer (&child));
    }
}

static void
assert_marker_nowhere_on_disk (const char *marker,
                               gint64      since)
{
  const char * const places[] = {
    g_get_home_dir (), g_get_user_config_dir (), g_get_user_data_dir (),
    g_get_user_cache_dir (), g_get_user_state_dir (), g_get_user_runtime_dir (),
    g_get_tmp_dir (),
  };
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    find_marker (places[i], marker, since, found);

  for (guint i = 0; i < found->len; i++)
    g_test_message ("found the page's marker in %s", (char *) g_ptr_array_index (found, i));
  g_assert_cmpuint (found->len, ==, 0);
}

/* The session waiting for the next resident has started its web process,
 * and nothing else.
 */
static gboolean
next_session_is_ready (gpointer user_data)
{
  ShellFixture *fixture = user_data;
  KioskUserSession *user_session = kiosk_window_get_user_session (fixture->window);
  g_autoptr(GArray) web_processes = kiosk_processes_find_descendants ("WebKitWebProces");

  return user_session != NULL && kiosk_user_session_is_prepared (user_session) &&
         !webkit_web_view_is_loading (kiosk_user_session_get_web_view (user_session)) &&
         web_processes->len == 1;
}

static gboolean
is_one_of (GArray *pids,
           pid_t   pid)
{
  for (guint i = 0; i < pids->len; i++)
    if (g_array_index (pids, pid_t, i) == pid)
      return TRUE;
  return FALSE;
}

/* A resident who taps while the session is being readied gets their
 * page, with nothing of the empty document before it.
 */
static void
test_a_tap_while_the_session_is_readied (ShellFixture  *fixture,
                                         gconstpointer  data)
{
  WebKitWebView *web_view;

  kiosk_user_session_prepare (kiosk_window_get_user_session (fixture->window));
  open_caf (fixture);
  web_view = fixture_get_web_view (fixture);
  assert_title_becomes (web_view, "CAF test page");
  kiosk_test_spin (500);
  g_assert_cmpstr (kiosk_window_get_page (fixture->window), ==, "browser");
  g_assert_cmpuint (webkit_back_forward_list_get_length (
                      webkit_web_view_get_back_forward_list (web_view)), ==, 1);
}

static void
test_nothing_of_a_session_is_kept (ShellFixture  *fixture,
                                   gconstpointer  data)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *marker = g_strconcat ("pimms-marker-", uuid, NULL);
  g_autoptr(GString) store = g_string_new (store_page);
  g_autofree char *cookie = g_strconcat ("m=", marker, "; Max-Age=3600; Path=/", NULL);
  g_autofree char *present = NULL;
  g_autofree char *cached_script = NULL;
  gint64 since = g_get_real_time () / G_USEC_PER_SEC - 1;
  g_autoptr(GArray) first_processes = NULL;
  g_autoptr(GArray) ready_process = NULL;
  WebKitWebView *web_view;
  guint authentications = 0;

  g_string_replace (store, "@MARKER@", marker, 0);
  kiosk_test_server_add_page (fixture->server, "www.caf.fr", "/store-marker", store->str, cookie);
  kiosk_test_server_add_page (fixture->server, "www.caf.fr", "/read-marker", read_page, NULL);
  cached_script = g_strdup_printf ("var cached = '%s';", marker);
  kiosk_test_server_add_resource (fixture->server, "www.caf.fr", "/cached.js",
                                  "text/javascript", cached_script,
                                  "Cache-Control", "max-age=3600");
  kiosk_test_server_add_page (fixture->server, "www.caf.fr", "/private",
                              "<title>private</title>", NULL);
  kiosk_test_server_require_password (fixture->server, "www.caf.fr", "/private",
                                      "Basic cmVzaWRlbnQ6c2VjcmV0");

  /* The first resident stores all they can, and logs in to a page. */
  open_caf (fixture);
  web_view = fixture_get_web_view (fixture);
  g_signal_connect (kiosk_window_get_user_session (fixture->window), "authentication-requested",
                    G_CALLBACK (count_cb), &authentications);

  webkit_web_view_load_uri (web_view, "http://www.caf.fr/store-marker");
  assert_title_becomes (web_view, "stored");
  webkit_web_view_load_uri (web_view, "http://www.caf.fr/read-marker");
  present = g_strdup_printf ("cookie:m=%s storage:%s idb:%s", marker, marker, marker);
  assert_title_becomes (web_view, present);
  g_assert_cmpuint (kiosk_test_server_count_path (fixture->server, "/cached.js"), ==, 1);

  webkit_web_view_load_uri (web_view, "http://www.caf.fr/private");
  sign_in (fixture, "resident", "secret");
  assert_title_becomes (web_view, "private");
  webkit_web_view_load_uri (web_view, "http://www.caf.fr/");
  assert_title_becomes (web_view, "CAF test page");
  webkit_web_view_load_uri (web_view, "http://www.caf.fr/private");
  assert_title_becomes (web_view, "private");
  g_assert_cmpuint (authentications, ==, 1);

  assert_marker_nowhere_on_disk (marker, since);

  first_processes = kiosk_processes_find_descendants ("WebKitWebProces");
  g_action_group_activate_action (G_ACTION_GROUP (fixture->application), "end-session", NULL);
  assert_marker_nowhere_on_disk (marker, since);

  /* The next session is readied before anyone taps, in a web process of
   * its own: none of the last session's.
   */
  g_assert_true (kiosk_test_wait_until (next_session_is_ready, fixture, LOAD_TIMEOUT));
  ready_process = kiosk_processes_find_descendants ("WebKitWebProces");
  g_assert_false (is_one_of (first_processes, g_array_index (ready_process, pid_t, 0)));

  /* The next resident finds nothing of it. */
  open_caf (fixture);
  web_view = fixture_get_web_view (fixture);
  g_signal_connect (kiosk_window_get_user_session (fixture->window), "authentication-requested",
                    G_CALLBACK (count_cb), &authentications);
  g_assert_cmpuint (webkit_back_forward_list_get_length (
                      webkit_web_view_get_back_forward_list (web_view)), ==, 1);

  webkit_web_view_load_uri (web_view, "http://www.caf.fr/read-marker");
  assert_title_becomes (web_view, "cookie:none storage:none idb:none");
  /* In the process readied for it. */
  {
    g_autoptr(GArray) now = kiosk_processes_find_descendants ("WebKitWebProces");

    g_assert_true (is_one_of (now, g_array_index (ready_process, pid_t, 0)));
  }
  g_assert_cmpuint (kiosk_test_server_count_path (fixture->server, "/cached.js"), ==, 2);

  webkit_web_view_load_uri (web_view, "http://www.caf.fr/private");
  sign_in (fixture, "resident", "secret");
  assert_title_becomes (web_view, "private");
  g_assert_cmpuint (authentications, ==, 2);
}

static void
test_sign_in_is_asked_by_the_kiosk (ShellFixture  *fixture,
                                    gconstpointer  data)
{
  WebKitWebView *web_view;
  g_autofree char *question = NULL;

  kiosk_test_server_add_page (fixture->server, "www.caf.fr", "/private",
                              "<title>private</title>", NULL);
  kiosk_test_server_require_password (fixture->server, "www.caf.fr", "/private",
                                      "Basic cmVzaWRlbnQ6c2VjcmV0");
  open_caf (fixture);
  web_view = fixture_get_web_view (fixture);

  /* "Cancel" leaves the site's refusal on screen. */
  webkit_web_view_load_uri (web_view, "http://www.caf.fr/private");
  assert_question_becomes (fixture->window, "authentication");
  question = g_strdup_printf (_("The site %s asks for your user name and password."),
                              "www.caf.fr");
  g_assert_cmpstr (kiosk_window_get_question_text (fixture->window), ==, question);
  activate (fixture, "win.cancel-authentication");
  g_assert_null (kiosk_window_get_question (fixture->window));

  /* A wrong password is asked again; the right one opens the page. */
  webkit_web_view_load_uri (web_view, "http://www.caf.fr/private");
  sign_in (fixture, "resident", "wrong");
  sign_in (fixture, "resident", "secret");
  assert_title_becomes (web_view, "private");
}


/* Issue 24: a page that fetches a resource answering 401 in a loop
 * brought "Sign in" back after each Cancel, with Home and "End my session"
 * greyed out.
 */
static void
test_sign_in_loop_is_no_trap (ShellFixture  *fixture,
                              gconstpointer  data)
{
  kiosk_test_server_add_page (fixture->server, "www.caf.fr", "/private",
                              "<title>private</title>", NULL);
  kiosk_test_server_require_password (fixture->server, "www.caf.fr", "/private",
                                      "Basic cmVzaWRlbnQ6c2VjcmV0");
  kiosk_test_server_add_page (fixture->server, "www.caf.fr", "/fetch-loop",
                              "<title>fetch loop</title>"
                              "<script>setInterval (() => fetch ('/private'), 300);</script>",
                              NULL);
  open_caf (fixture);
  assert_a_page_cannot_trap (fixture, "http://www.caf.fr/fetch-loop", "authentication",
                             "win.cancel-authentication");
}

/* What a page may not do to the kiosk. */

#define FULL_PAGE_BUTTON(handler) \
  "<button id='go' style='position: fixed; inset: 0; width: 100%; height: 100%' " \
  "onclick=\"" handler "\">go</button>"

static void
test_context_menu_keeps_editing_only (void)
{
  static const WebKitContextMenuAction offered[] = {
    WEBKIT_CONTEXT_MENU_ACTION_OPEN_LINK, WEBKIT_CONTEXT_MENU_ACTION_OPEN_LINK_IN_NEW_WINDOW,
    WEBKIT_CONTEXT_MENU_ACTION_DOWNLOAD_LINK_TO_DISK,
    WEBKIT_CONTEXT_MENU_ACTION_COPY_LINK_TO_CLIPBOARD, WEBKIT_CONTEXT_MENU_ACTION_NO_ACTION,
    WEBKIT_CONTEXT_MENU_ACTION_COPY, WEBKIT_CONTEXT_MENU_ACTION_CUT,
    WEBKIT_CONTEXT_MENU_ACTION_PASTE, WEBKIT_CONTEXT_MENU_ACTION_NO_ACTION,
    WEBKIT_CONTEXT_MENU_ACTION_OPEN_IMAGE_IN_NEW_WINDOW,
    WEBKIT_CONTEXT_MENU_ACTION_DOWNLOAD_IMAGE_TO_DISK, WEBKIT_CONTEXT_MENU_ACTION_NO_ACTION,
    WEBKIT_CONTEXT_MENU_ACTION_INSPECT_ELEMENT, WEBKIT_CONTEXT_MENU_ACTION_NO_ACTION,
    WEBKIT_CONTEXT_MENU_ACTION_SELECT_ALL,
  };
  static const WebKitContextMenuAction expected[] = {
    WEBKIT_CONTEXT_MENU_ACTION_COPY, WEBKIT_CONTEXT_MENU_ACTION_CUT,
    WEBKIT_CONTEXT_MENU_ACTION_PASTE, WEBKIT_CONTEXT_MENU_ACTION_NO_ACTION,
    WEBKIT_CONTEXT_MENU_ACTION_SELECT_ALL,
  };
  g_autoptr(WebKitContextMenu) menu = webkit_context_menu_new ();
  GList *items;
  guint i = 0;

  for (guint j = 0; j < G_N_ELEMENTS (offered); j++)
    webkit_context_menu_append (menu, offered[j] == WEBKIT_CONTEXT_MENU_ACTION_NO_ACTION
                                        ? webkit_context_menu_item_new_separator ()
                                        : webkit_context_menu_item_new_from_stock_action (
                                            offered[j]));

  kiosk_page_lockdown_filter_context_menu (menu);

  items = webkit_context_menu_get_items (menu);
  g_assert_cmpuint (g_list_length (items), ==, G_N_ELEMENTS (expected));
  for (GList *l = items; l != NULL; l = l->next, i++)
    g_assert_cmpint (webkit_context_menu_item_get_stock_action (l->data), ==, expected[i]);
}

static gboolean
record_menu_cb (WebKitWebView       *web_view,
                WebKitContextMenu   *menu,
                WebKitHitTestResult *hit_test_result,
                GArray              *actions)
{
  for (GList *l = webkit_context_menu_get_items (menu); l != NULL; l = l->next)
    {
      int action = webkit_context_menu_item_get_stock_action (l->data);

      g_array_append_val (actions, action);
    }

  /* Recorded; no need to show it. */
  return TRUE;
}

static gboolean
has_entries (gpointer user_data)
{
  return ((GArray *) user_data)->len > 0;
}

static void
test_right_click_in_a_field (ShellFixture  *fixture,
                            gconstpointer  data)
{
  g_autoptr(GArray) actions = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GError) error = NULL;
  WebKitWebView *web_view;
  int status;

  load_test_page (fixture, "/menu",
                  "<title>menu</title><textarea style='position: fixed; inset: 0'>"
                  "some text</textarea>", "menu");
  web_view = fixture_get_web_view (fixture);
  g_signal_connect (web_view, "context-menu", G_CALLBACK (record_menu_cb), actions);

  click_in_the_middle_of (GTK_WIDGET (web_view));
  g_spawn_sync (NULL, (char *[]) { "xdotool", "click", "3", NULL }, NULL, G_SPAWN_SEARCH_PATH,
                NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (kiosk_test_wait_until (has_entries, actions, LOAD_TIMEOUT));

  /* Editing only: no input method, Unicode or emoji submenus either. */
  for (guint i = 0; i < actions->len; i++)
    {
      int action = g_array_index (actions, int, i);

      g_test_message ("menu item %d", action);
      g_assert_true (action == WEBKIT_CONTEXT_MENU_ACTION_NO_ACTION ||
                     (action >= WEBKIT_CONTEXT_MENU_ACTION_COPY &&
                      action <= WEBKIT_CONTEXT_MENU_ACTION_SELECT_ALL) ||
                     action == WEBKIT_CONTEXT_MENU_ACTION_PASTE_AS_PLAIN_TEXT);
    }
}


typedef struct
{
  guint            keyval;
  GdkModifierType  modifiers;
  gboolean         allowed;
} KeyCase;

static void
test_keyboard_shortcuts (void)
{
  static const KeyCase cases[] = {
    { GDK_KEY_a, 0, TRUE },
    { GDK_KEY_at, 0, TRUE },
    { GDK_KEY_Tab, 0, TRUE },
    { GDK_KEY_Return, 0, TRUE },
    { GDK_KEY_Escape, 0, TRUE },
    { GDK_KEY_Left, 0, TRUE },
    { GDK_KEY_c, GDK_CONTROL_MASK, TRUE },
    { GDK_KEY_V, GDK_CONTROL_MASK | GDK_SHIFT_MASK, TRUE },
    { GDK_KEY_z, GDK_CONTROL_MASK, TRUE },
    { GDK_KEY_plus, GDK_CONTROL_MASK, TRUE },
    { GDK_KEY_minus, GDK_CONTROL_MASK, TRUE },
    { GDK_KEY_Left, GDK_ALT_MASK, TRUE },
    { GDK_KEY_F5, 0, TRUE },
    { GDK_KEY_n, GDK_CONTROL_MASK, FALSE },
    { GDK_KEY_t, GDK_CONTROL_MASK, FALSE },
    { GDK_KEY_o, GDK_CONTROL_MASK, FALSE },
    { GDK_KEY_s, GDK_CONTROL_MASK, FALSE },
    { GDK_KEY_p, GDK_CONTROL_MASK, FALSE },
    { GDK_KEY_l, GDK_CONTROL_MASK, FALSE },
    { GDK_KEY_u, GDK_CONTROL_MASK, FALSE },
    { GDK_KEY_w, GDK_CONTROL_MASK, FALSE },
    { GDK_KEY_q, GDK_CONTROL_MASK, FALSE },
    { GDK_KEY_I, GDK_CONTROL_MASK | GDK_SHIFT_MASK, FALSE },
    { GDK_KEY_D, GDK_CONTROL_MASK | GDK_SHIFT_MASK, FALSE },
    { GDK_KEY_F12, 0, FALSE },
    { GDK_KEY_F11, 0, FALSE },
    { GDK_KEY_F7, 0, FALSE },
    { GDK_KEY_F4, GDK_ALT_MASK, FALSE },
    { GDK_KEY_Tab, GDK_ALT_MASK, FALSE },
    { GDK_KEY_l, GDK_SUPER_MASK, FALSE },
    { GDK_KEY_BackSpace, GDK_CONTROL_MASK | GDK_ALT_MASK, FALSE },
    { 0x1008FF26 /* XF86Back */, 0, FALSE },
    { GDK_KEY_Print, 0, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s with modifiers %#x", gdk_keyval_name (cases[i].keyval),
                      cases[i].modifiers);
      g_assert_cmpint (kiosk_keyboard_allows (cases[i].keyval, cases[i].modifiers), ==,
                       cases[i].allowed);
    }
}

static void
test_refused_keys_never_reach_the_page (ShellFixture  *fixture,
                                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  int status;

  load_test_page (fixture, "/keys",
                  "<title>typing</title>"
                  "<textarea style='position: fixed; inset: 0'></textarea><script>"
                  "var keys = [];"
                  "addEventListener ('keydown', function (e) {"
                  "  if (['Control', 'Shift', 'Alt', 'Meta'].indexOf (e.key) >= 0) return;"
                  "  keys.push ((e.ctrlKey ? 'ctrl+' : '') + e.key);"
                  "  document.title = keys.join (' ');"
                  "}, true);</script>", "typing");

  click_in_the_middle_of (GTK_WIDGET (fixture_get_web_view (fixture)));
  g_spawn_sync (NULL, (char *[]) { "xdotool", "key", "ctrl+n", "ctrl+o", "ctrl+s", "ctrl+p",
                                   "ctrl+l", "ctrl+u", "ctrl+w", "ctrl+q", "ctrl+shift+i",
                                   "F12", "F11", "F7", "ctrl+a", "b", NULL },
                NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  assert_title_becomes (fixture_get_web_view (fixture), "ctrl+a b");
  g_assert_cmpuint (g_list_length (gtk_window_list_toplevels ()), ==, 1);
}

static void
test_window_close_is_ignored (ShellFixture  *fixture,
                              gconstpointer  data)
{
  KioskUserSession *user_session;

  load_test_page (fixture, "/close",
                  "<title>closing</title>" AFTER_LOAD ("window.close ();"), "closing");
  user_session = kiosk_window_get_user_session (fixture->window);
  kiosk_test_spin (500);

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->window)));
  g_assert_true (kiosk_window_get_user_session (fixture->window) == user_session);
  g_assert_cmpstr (kiosk_window_get_page (fixture->window), ==, "browser");
  g_assert_cmpstr (webkit_web_view_get_title (fixture_get_web_view (fixture)), ==, "closing");
}

static gboolean
record_fullscreen_cb (WebKitWebView *web_view,
                      gboolean      *reached)
{
  *reached = TRUE;
  return FALSE;
}

static void
test_fullscreen_is_refused (ShellFixture  *fixture,
                            gconstpointer  data)
{
  gboolean window_asked = FALSE;

  load_test_page (fixture, "/fullscreen",
                  "<title>ask</title>"
                  FULL_PAGE_BUTTON ("document.documentElement.requestFullscreen ().then ("
                                    "function () { document.title = 'full screen'; },"
                                    "function () { document.title = 'refused'; })"),
                  "ask");

  /* Connected after the kiosk's own handler: reached only if the kiosk
   * let the request go on to the window.
   */
  g_signal_connect (fixture_get_web_view (fixture), "enter-fullscreen",
                    G_CALLBACK (record_fullscreen_cb), &window_asked);

  /* The page may show an element over its own area; the window stays as
   * it is, with Home and "End my session".
   */
  click_in_the_middle_of (GTK_WIDGET (fixture_get_web_view (fixture)));
  assert_title_becomes (fixture_get_web_view (fixture), "full screen");
  g_assert_false (window_asked);
  g_assert_false (gtk_window_is_fullscreen (GTK_WINDOW (fixture->window)));
  g_assert_true (gtk_widget_get_visible (kiosk_window_get_toolbar (fixture->window)));
}

static void
test_leaving_a_page_is_never_blocked (ShellFixture  *fixture,
                                      gconstpointer  data)
{
  WebKitWebView *web_view;

  load_test_page (fixture, "/stay",
                  "<title>stay</title><script>addEventListener ('beforeunload',"
                  " function (event) { event.preventDefault (); event.returnValue = 'stay'; });"
                  "</script>" FULL_PAGE_BUTTON ("document.title = 'touched'"), "stay");
  web_view = fixture_get_web_view (fixture);

  /* WebKit asks "leave this page?" only after the user interacted. */
  click_in_the_middle_of (GTK_WIDGET (web_view));
  assert_title_becomes (web_view, "touched");

  webkit_web_view_load_uri (web_view, "http://www.caf.fr/page2");
  assert_title_becomes (web_view, "CAF page 2");
}

static gboolean
record_permission_cb (WebKitWebView           *web_view,
                      WebKitPermissionRequest *request,
                      gboolean                *reached)
{
  *reached = TRUE;
  return FALSE;
}

static void
test_permissions_are_denied (ShellFixture  *fixture,
                             gconstpointer  data)
{
  gboolean asked_further = FALSE;

  load_test_page (fixture, "/permissions",
                  "<title>asking</title>"
                  FULL_PAGE_BUTTON ("Notification.requestPermission ().then (function (answer) {"
                                    " document.title = 'notifications ' + answer; })"),
                  "asking");

  /* Reached only if the kiosk let the request go on to be answered. */
  g_signal_connect (fixture_get_web_view (fixture), "permission-request",
                    G_CALLBACK (record_permission_cb), &asked_further);

  click_in_the_middle_of (GTK_WIDGET (fixture_get_web_view (fixture)));
  assert_title_becomes (fixture_get_web_view (fixture), "notifications denied");
  g_assert_false (asked_further);
}

static void
test_untrusted_certificate_is_refused (ShellFixture  *fixture,
                                       gconstpointer  data)
{
  WebKitWebView *web_view;

  kiosk_test_server_add_page (fixture->server, "www.caf.fr", "/secure",
                              "<title>secure</title>", NULL);
  open_caf (fixture);
  web_view = fixture_get_web_view (fixture);

  /* The proxy offers a self-signed certificate for www.caf.fr. */
  webkit_web_view_load_uri (web_view, "https://www.caf.fr/secure");
  assert_page_becomes (fixture->window, "refused");

  g_assert_cmpuint (kiosk_test_server_count_tls_handshakes (fixture->server), >, 0);
  g_assert_cmpstr (kiosk_window_get_refused_title (fixture->window), ==,
                   _("This connection is not safe"));
  g_assert_cmpstr (kiosk_window_get_refused_place (fixture->window), ==, "www.caf.fr");
  g_assert_cmpstr (webkit_web_view_get_title (web_view), ==, "CAF test page");
  g_assert_cmpuint (kiosk_test_server_count_path (fixture->server, "/secure"), ==, 0);

  /* Back returns to the page the resident came from. */
  activate (fixture, "win.leave-refused");
  g_assert_cmpstr (kiosk_window_get_page (fixture->window), ==, "browser");
}

/* A site that asks for a certificate of the resident's (a smart card, an
 * installed certificate) is told no at once, and the resident reads why
 * instead of a user name and password question that could not answer it.
 */
static void
test_client_certificate_is_refused (ShellFixture  *fixture,
                                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_getenv ("KIOSK_SOURCE_DIR"), "tests", "data",
                                            "self-signed.pem", NULL);
  g_autoptr(GTlsCertificate) certificate = g_tls_certificate_new_from_file (path, NULL);
  WebKitWebView *web_view;

  g_assert_nonnull (certificate);
  kiosk_test_server_require_client_certificate (fixture->server);
  open_caf (fixture);
  web_view = fixture_get_web_view (fixture);

  /* The proxy's certificate is trusted here, as a real site's would be,
   * so that the handshake goes on to ask for the kiosk's.
   */
  webkit_network_session_allow_tls_certificate_for_host (
    webkit_web_view_get_network_session (web_view), certificate, "www.caf.fr");
  webkit_web_view_load_uri (web_view, "https://www.caf.fr/secure");
  assert_page_becomes (fixture->window, "refused");

  g_assert_cmpuint (kiosk_test_server_count_tls_handshakes (fixture->server), >, 0);
  g_assert_null (kiosk_window_get_question (fixture->window));
  g_assert_cmpstr (kiosk_window_get_refused_title (fixture->window), ==,
                   _("This site asks for a certificate: that is not possible on this "
                     "computer"));
  g_assert_cmpstr (kiosk_window_get_refused_place (fixture->window), ==, "www.caf.fr");
  /* The failed handshake that follows does not replace it. */
  kiosk_test_spin (1000);
  g_assert_cmpstr (kiosk_window_get_refused_title (fixture->window), ==,
                   _("This site asks for a certificate: that is not possible on this "
                     "computer"));
  g_assert_true (gtk_widget_is_sensitive (window_button_for (fixture, "win.leave-refused")));
  g_assert_true (gtk_widget_is_sensitive (window_button_for (fixture, "app.home")));

  /* Back returns to the page the resident came from. */
  click_in_the_middle_of (window_button_for (fixture, "win.leave-refused"));
  assert_page_becomes (fixture->window, "browser");
  g_assert_cmpstr (webkit_web_view_get_title (web_view), ==, "CAF test page");
}

/* Command-line tests run the real application with real arguments. */

typedef struct
{
  KioskTestServer *server;
  const char      *expected_page;
  const char      *expected_host;
  gboolean         had_user_session;
  char            *page;
  gboolean         timed_out;
  guint            check_id;
  guint            timeout_id;
} CommandLineRun;

static gboolean
check_command_line_run_cb (gpointer user_data)
{
  GApplication *application = user_data;
  CommandLineRun *run = g_object_get_data (G_OBJECT (application), "run");
  KioskWindow *window = kiosk_application_get_window (KIOSK_APPLICATION (application));

  if (window == NULL)
    return G_SOURCE_CONTINUE;

  if (g_strcmp0 (kiosk_window_get_page (window), run->expected_page) != 0)
    return G_SOURCE_CONTINUE;

  if (run->expected_host != NULL &&
      kiosk_test_server_count_requests (run->server, run->expected_host) == 0)
    return G_SOURCE_CONTINUE;

  run->had_user_session = kiosk_window_get_user_session (window) != NULL;

  /* An out-of-service station stays so, whatever is asked of it. */
  if (kiosk_window_is_out_of_service (window))
    {
      g_action_group_activate_action (G_ACTION_GROUP (application), "home", NULL);
      g_action_group_activate_action (G_ACTION_GROUP (application), "open-service",
                                      g_variant_new_string ("caf"));
    }

  run->page = g_strdup (kiosk_window_get_page (window));

  run->check_id = 0;
  g_application_quit (application);
  return G_SOURCE_REMOVE;
}

static gboolean
command_line_timeout_cb (gpointer user_data)
{
  GApplication *application = user_data;
  CommandLineRun *run = g_object_get_data (G_OBJECT (application), "run");

  run->timed_out = TRUE;
  run->timeout_id = 0;
  g_application_quit (application);
  return G_SOURCE_REMOVE;
}

static void
run_command_line (CommandLineRun *run,
                  const char     *config_path,
                  const char     *open_id)
{
  g_autoptr(KioskApplication) application = create_test_application ();
  g_autofree char *config_arg = g_strconcat ("--config=", config_path, NULL);
  g_autofree char *open_arg = open_id != NULL ? g_strconcat ("--open=", open_id, NULL) : NULL;
  g_autofree char *state_arg = g_strconcat ("--state-dir=", g_get_user_state_dir (), NULL);
  char *argv[] = { "pimms-kiosk", "--windowed", config_arg, state_arg, open_arg, NULL };
  int status;

  g_object_set_data (G_OBJECT (application), "run", run);
  run->check_id = g_timeout_add (50, check_command_line_run_cb, application);
  run->timeout_id = g_timeout_add_seconds (LOAD_TIMEOUT, command_line_timeout_cb, application);

  status = g_application_run (G_APPLICATION (application), open_arg != NULL ? 5 : 4, argv);
  g_assert_cmpint (status, ==, 0);

  g_clear_handle_id (&run->check_id, g_source_remove);
  g_clear_handle_id (&run->timeout_id, g_source_remove);
}

static void
test_broken_config_is_out_of_service (void)
{
  g_autofree char *path = kiosk_test_write_file ("broken.conf",
                                                 "[Kiosk]\nStationId=test\n\n"
                                                 "[Service caf]\nName=CAF\nCategory=famille\n");
  CommandLineRun run = { .expected_page = "out-of-service" };

  /* The log names the file, the line and the key at fault. */
  g_test_expect_message ("kiosk-application", G_LOG_LEVEL_WARNING,
                         "Out of service: */broken.conf:4: [Service caf] Url: *");
  run_command_line (&run, path, NULL);
  g_test_assert_expected_messages ();

  g_assert_false (run.timed_out);
  g_assert_cmpstr (run.page, ==, "out-of-service");
  g_assert_false (run.had_user_session);
  g_free (run.page);
}

static void
test_missing_config_is_out_of_service (void)
{
  g_autofree char *path = g_build_filename (g_get_user_config_dir (), "nowhere.conf", NULL);
  CommandLineRun run = { .expected_page = "out-of-service" };

  g_test_expect_message ("kiosk-application", G_LOG_LEVEL_WARNING,
                         "Out of service: */nowhere.conf:0: cannot read the config file: *");
  run_command_line (&run, path, NULL);
  g_test_assert_expected_messages ();

  g_assert_false (run.timed_out);
  g_assert_cmpstr (run.page, ==, "out-of-service");
  g_assert_false (run.had_user_session);
  g_free (run.page);
}

static void
test_open_unknown_service_is_out_of_service (void)
{
  g_autoptr(KioskTestServer) server = kiosk_test_server_new ();
  g_autofree char *path = kiosk_test_write_config (server->proxy_uri, NULL);
  CommandLineRun run = { .server = server, .expected_page = "out-of-service" };

  g_test_expect_message ("kiosk-session-manager", G_LOG_LEVEL_WARNING,
                         "Out of service: */kiosk.conf:0: [Service no-such-service]: "
                         "no such service; --open takes one of caf, ameli");
  run_command_line (&run, path, "no-such-service");
  g_test_assert_expected_messages ();

  g_assert_false (run.timed_out);
  g_assert_cmpstr (run.page, ==, "out-of-service");
  g_assert_false (run.had_user_session);
  g_assert_cmpuint (server->requests->len, ==, 0);
  g_free (run.page);
}

static void
test_open_service_from_command_line (void)
{
  g_autoptr(KioskTestServer) server = kiosk_test_server_new ();
  g_autofree char *path = kiosk_test_write_config (server->proxy_uri, NULL);
  CommandLineRun run = { .server = server, .expected_page = "browser",
                         .expected_host = "www.caf.fr" };

  add_pages (server);
  run_command_line (&run, path, "caf");

  g_assert_false (run.timed_out);
  g_assert_cmpstr (run.page, ==, "browser");
  g_assert_true (run.had_user_session);
  g_assert_cmpuint (kiosk_test_server_count_requests (server, "www.caf.fr"), >=, 1);
  g_free (run.page);
}

/* The real program, started twice: the second invocation is handed to
 * the first over D-Bus, as a desk script or a systemd unit would do it.
 */

typedef struct
{
  KioskTestServer *server;
  const char      *host;
  guint            count;
} RequestWait;

static gboolean
requests_reached (gpointer user_data)
{
  RequestWait *wait = user_data;

  return kiosk_test_server_count_requests (wait->server, wait->host) >= wait->count;
}

static gboolean
kiosk_name_is_owned (gpointer user_data)
{
  return kiosk_test_name_has_owner (user_data, APP_ID);
}

static int
run_second_instance (const char *open_id,
                     char      **standard_error)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) second = NULL;
  g_autofree char *open_arg = g_strconcat ("--open=", open_id, NULL);

  second = g_subprocess_new (G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                             g_getenv ("KIOSK_BINARY"), open_arg, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (second, NULL, NULL, NULL, standard_error, &error);
  g_assert_no_error (error);

  return g_subprocess_get_exit_status (second);
}

static void
activate_remote_action (GDBusConnection *bus,
                        const char      *action)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autofree char *object_path = g_strdup_printf ("/%s", APP_ID);

  g_strdelimit (object_path, ".", '/');
  reply = g_dbus_connection_call_sync (bus, APP_ID, object_path, "org.freedesktop.Application",
                                       "ActivateAction",
                                       g_variant_new ("(sav@a{sv})", action, NULL,
                                                      g_variant_new_array (G_VARIANT_TYPE ("{sv}"),
                                                                           NULL, 0)),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
}

static gboolean
directory_is_empty (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);

  return dir == NULL || g_dir_read_name (dir) == NULL;
}

static void
test_open_sent_to_running_instance (void)
{
  g_autoptr(KioskTestServer) server = kiosk_test_server_new ();
  g_autofree char *config_path = kiosk_test_write_config (server->proxy_uri, NULL);
  g_autofree char *config_arg = g_strconcat ("--config=", config_path, NULL);
  g_autofree char *state_arg = g_strconcat ("--state-dir=", g_get_user_state_dir (), NULL);
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GSubprocess) kiosk = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *standard_error = NULL;
  RequestWait wait = { server, "www.caf.fr", 1 };
  const KioskTestRequest *request;
  g_autofree char *marker = g_build_filename (g_get_user_state_dir (), "session-in-use", NULL);
  g_autofree char *runtime_dir = g_build_filename (g_get_user_runtime_dir (), "pimms-kiosk",
                                                   NULL);

  add_pages (server);
  g_assert_nonnull (bus);

  kiosk = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error,
                            g_getenv ("KIOSK_BINARY"), "--windowed", config_arg, state_arg, NULL);
  g_assert_no_error (error);
  g_assert_true (kiosk_test_wait_until (kiosk_name_is_owned, bus, LOAD_TIMEOUT));
  g_assert_cmpuint (server->requests->len, ==, 0);

  /* --open given to a second invocation opens the service in the first. */
  g_assert_cmpint (run_second_instance ("caf", &standard_error), ==, 0);
  g_assert_true (kiosk_test_wait_until (requests_reached, &wait, LOAD_TIMEOUT));

  /* An unknown id is refused with a clear message and opens nothing. */
  g_clear_pointer (&standard_error, g_free);
  g_assert_cmpint (run_second_instance ("no-such-service", &standard_error), ==, 1);
  g_assert_nonnull (strstr (standard_error, "no-such-service"));
  g_assert_nonnull (strstr (standard_error, config_path));

  /* The documented D-Bus action ends the session: what it stored is gone. */
  kiosk_test_server_add_page (server, "www.caf.fr", "/", "<title>stored</title>",
                              "visitor=alice; Path=/");
  g_assert_cmpint (run_second_instance ("caf", NULL), ==, 0);
  wait.count = 2;
  g_assert_true (kiosk_test_wait_until (requests_reached, &wait, LOAD_TIMEOUT));

  activate_remote_action (bus, "end-session");
  g_assert_cmpint (run_second_instance ("caf", NULL), ==, 0);
  wait.count = 3;
  g_assert_true (kiosk_test_wait_until (requests_reached, &wait, LOAD_TIMEOUT));
  request = kiosk_test_server_last_request (server, "www.caf.fr");
  g_assert_null (request->cookie);

  /* Stopped while a session is open, it wipes it and leaves nothing for
   * a crash recovery.
   */
  g_assert_cmpint (run_second_instance ("caf", NULL), ==, 0);
  wait.count = 4;
  g_assert_true (kiosk_test_wait_until (requests_reached, &wait, LOAD_TIMEOUT));
  g_subprocess_send_signal (kiosk, SIGTERM);
  g_subprocess_wait (kiosk, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (kiosk));
  g_assert_cmpint (g_subprocess_get_exit_status (kiosk), ==, 0);
  g_assert_false (g_file_test (marker, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (runtime_dir, G_FILE_TEST_EXISTS) &&
                  !directory_is_empty (runtime_dir));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *test_root = kiosk_test_isolate_process_dirs ();
  int status;

  shell_tests_init ();
  /* A station without a sound device, whatever this machine has. */
  kiosk_test_silence_sound ();

  g_test_init (&argc, &argv, NULL);
  gtk_init ();

#define SHELL_TEST(path, func) \
  g_test_add (path, ShellFixture, NULL, shell_setup, func, shell_teardown)

  SHELL_TEST ("/shell/home/shown-first", test_home_shown_first);
  SHELL_TEST ("/shell/home/no-sound-no-listen-button", test_no_sound_no_listen_button);
  g_test_add ("/shell/home/no-tile-for-profile-services", ShellFixture, profile_groups,
              shell_setup_with_keys, test_home_has_no_profile_tile, shell_teardown);
  SHELL_TEST ("/shell/service/loads-through-proxy", test_service_loads_through_proxy);
  SHELL_TEST ("/shell/policy/allowed-link-is-followed", test_allowed_link_is_followed);
  SHELL_TEST ("/shell/policy/global-allow-list-is-followed", test_global_allow_list_is_followed);
  SHELL_TEST ("/shell/policy/outside-link-is-refused", test_outside_link_is_refused);
  SHELL_TEST ("/shell/policy/outside-frame-stays-empty", test_outside_frame_stays_empty);
  SHELL_TEST ("/shell/frames/captcha-frame-shows", test_captcha_frame_shows);
  SHELL_TEST ("/shell/frames/captcha-host-is-never-a-page", test_captcha_host_is_never_a_page);
  SHELL_TEST ("/shell/frames/rules-follow-a-change-of-site", test_rules_follow_a_change_of_site);
  SHELL_TEST ("/shell/frames/rules-survive-quick-changes", test_rules_survive_quick_changes);
  SHELL_TEST ("/shell/frames/rules-compiled-ahead-are-each-service-s",
              test_rules_compiled_ahead_are_each_service_s);
  SHELL_TEST ("/shell/session/end-session-wipes-storage", test_end_session_wipes_storage);
  SHELL_TEST ("/shell/policy/history-into-another-service", test_history_into_another_service);
  SHELL_TEST ("/shell/session/end-button-asks-first", test_end_button_asks_first);
  g_test_add_func ("/shell/lockdown/context-menu-keeps-editing-only",
                   test_context_menu_keeps_editing_only);
  SHELL_TEST ("/shell/lockdown/right-click-in-a-field", test_right_click_in_a_field);
  SHELL_TEST ("/shell/lockdown/window-close-is-ignored", test_window_close_is_ignored);
  g_test_add_func ("/shell/lockdown/keyboard-shortcuts", test_keyboard_shortcuts);
  SHELL_TEST ("/shell/lockdown/refused-keys-never-reach-the-page",
              test_refused_keys_never_reach_the_page);
  SHELL_TEST ("/shell/lockdown/fullscreen-is-refused", test_fullscreen_is_refused);
  SHELL_TEST ("/shell/lockdown/leaving-a-page-is-never-blocked",
              test_leaving_a_page_is_never_blocked);
  SHELL_TEST ("/shell/lockdown/permissions-are-denied", test_permissions_are_denied);
  SHELL_TEST ("/shell/lockdown/sign-in-is-asked-by-the-kiosk",
              test_sign_in_is_asked_by_the_kiosk);
  SHELL_TEST ("/shell/lockdown/sign-in-loop-is-no-trap", test_sign_in_loop_is_no_trap);
  SHELL_TEST ("/shell/lockdown/untrusted-certificate-is-refused",
              test_untrusted_certificate_is_refused);
  SHELL_TEST ("/shell/lockdown/client-certificate-is-refused",
              test_client_certificate_is_refused);
  SHELL_TEST ("/shell/session/end-button-mentions-documents",
              test_end_button_mentions_documents);
  SHELL_TEST ("/shell/session/wipe-is-proven", test_wipe_is_proven);
  SHELL_TEST ("/shell/session/nothing-of-a-session-is-kept", test_nothing_of_a_session_is_kept);
  SHELL_TEST ("/shell/session/a-tap-while-the-session-is-readied",
              test_a_tap_while_the_session_is_readied);
  SHELL_TEST ("/shell/session/unproven-wipe-goes-out-of-service",
              test_unproven_wipe_goes_out_of_service);
  g_test_add ("/shell/session/idle-countdown-ends-session", ShellFixture,
              "IdleTimeout=1\nIdleWarning=2\n", shell_setup_with_keys,
              test_idle_countdown_ends_session, shell_teardown);
  g_test_add ("/shell/session/input-cancels-idle-countdown", ShellFixture,
              "IdleTimeout=1\nIdleWarning=30\n", shell_setup_with_keys,
              test_input_cancels_idle_countdown, shell_teardown);
  g_test_add ("/shell/session/time-limit-ends-session", ShellFixture,
              "MaxSessionMinutes=1\n", shell_setup_with_keys,
              test_time_limit_ends_session, shell_teardown);
  g_test_add ("/shell/session/start-up-wipes-a-crashed-session", ShellFixture, NULL,
              shell_setup_after_crash, test_start_up_wipes_a_crashed_session, shell_teardown);

  for (guint i = 0; i < G_N_ELEMENTS (tricks); i++)
    {
      g_autofree char *test_path = g_strconcat ("/shell/tricks/", tricks[i].name, NULL);

      g_test_add (test_path, ShellFixture, &tricks[i], shell_setup, test_trick, shell_teardown);
    }

  g_test_add_func ("/shell/command-line/broken-config-is-out-of-service",
                   test_broken_config_is_out_of_service);
  g_test_add_func ("/shell/command-line/missing-config-is-out-of-service",
                   test_missing_config_is_out_of_service);
  g_test_add_func ("/shell/command-line/open-unknown-service-is-out-of-service",
                   test_open_unknown_service_is_out_of_service);
  g_test_add_func ("/shell/command-line/open-service", test_open_service_from_command_line);
  g_test_add_func ("/shell/command-line/open-sent-to-running-instance",
                   test_open_sent_to_running_instance);

  status = g_test_run ();
  kiosk_files_remove_tree (test_root, NULL);

  return status;
}
