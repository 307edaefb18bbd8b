/* test-hostile.c — what a hostile allowed page cannot do to the station
 *
 * Runs under tests/with-test-network: the pages come over https from the
 * tests' proxy, as on a station, since service workers need it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-test"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "kiosk-files.h"
#include "kiosk-processes.h"
#include "kiosk-documents-view.h"
#include "shell-fixture.h"

/* A page that leaves all it can behind: a service worker (which WebKit
 * ran in a process of its own, that could outlive the session), IndexedDB,
 * the Cache API, local storage and a cookie. The kiosk offers no service
 * workers: the page, like the sites, works without.
 */
static const char worker_page[] =
  "<title>loading</title><script>"
  "document.cookie = 'visitor=alice; Secure; Path=/';"
  "localStorage.setItem('who', 'alice');"
  "const db = new Promise(function (done, failed) {"
  "  const request = indexedDB.open('kiosk', 1);"
  "  request.onupgradeneeded = function () { request.result.createObjectStore('s'); };"
  "  request.onsuccess = done; request.onerror = failed; });"
  "const worker = 'serviceWorker' in navigator"
  "  ? navigator.serviceWorker.register('/worker.js')"
  "      .then(function () { return navigator.serviceWorker.ready; })"
  "  : Promise.resolve();"
  "Promise.all([db,"
  "  caches.open('c').then(function (c) { return c.put('/cached', new Response('alice')); }),"
  "  worker])"
  ".then(function () { document.title = 'page ready'; },"
  "      function (e) { document.title = 'failed: ' + e; });"
  "</script>";

static const char worker_script[] =
  "self.addEventListener('install', function (e) { self.skipWaiting(); });"
  "self.addEventListener('activate', function (e) { e.waitUntil(self.clients.claim()); });"
  "self.addEventListener('fetch', function (e) {"
  "  e.respondWith(fetch(e.request)); });";

/* What the next resident's page finds of the last one. */
static const char leftovers_page[] =
  "<title>reading</title><script>"
  "Promise.all(['serviceWorker' in navigator ? navigator.serviceWorker.getRegistrations() : [],"
  "  caches.keys(),"
  "  indexedDB.databases()])"
  ".then(function (found) {"
  "  document.title = 'workers:' + found[0].length + ' caches:' + found[1].length +"
  "    ' databases:' + found[2].length + ' storage:' + (localStorage.getItem('who') || 'empty') +"
  "    ' cookie:' + (document.cookie || 'empty'); });"
  "</script>";

#define NOTHING_LEFT "workers:0 caches:0 databases:0 storage:empty cookie:empty"

#define TOKEN "desk-console-token-0123456789"

typedef enum
{
  END_BY_BUTTON,
  END_BY_ACTION,
  END_BY_IDLE,
  END_BY_STAFF,
  END_BY_REMOTE,
} EndTrigger;

/* A way a session ends, and the [Kiosk] keys it needs. */
typedef struct
{
  const char *name;
  EndTrigger  trigger;
  const char *keys;
} EndCase;

static const EndCase end_cases[] = {
  { "button", END_BY_BUTTON, NULL },
  { "action", END_BY_ACTION, NULL },
  { "idle", END_BY_IDLE, "IdleTimeout=4\nIdleWarning=1\n" },
  { "staff", END_BY_STAFF, NULL },
  { "remote", END_BY_REMOTE, NULL },
};

static void
add_worker_pages (KioskTestServer *server)
{
  kiosk_test_server_add_page (server, "www.caf.fr", "/worker", worker_page, NULL);
  kiosk_test_server_add_resource (server, "www.caf.fr", "/worker.js", "text/javascript",
                                  worker_script, NULL, NULL);
  kiosk_test_server_add_page (server, "www.caf.fr", "/leftovers", leftovers_page, NULL);
}

/* A station with services on https, a staff PIN and the station API, so
 * that every way a session ends can be taken; @data is an #EndCase or
 * %NULL.
 */
static void
hostile_setup (ShellFixture  *fixture,
               gconstpointer  data)
{
  const EndCase *end_case = data;
  g_autofree char *pin_path = write_staff_pin_file ();
  g_autofree char *token_path = g_build_filename (g_get_user_config_dir (), "token", NULL);
  g_autofree char *keys = NULL;
  g_assert_true (g_file_set_contents_full (token_path, TOKEN "\n", -1,
                                           G_FILE_SET_CONTENTS_NONE, 0600, NULL));

  keys = g_strdup_printf ("StaffPinFile=%s\nRemoteListen=127.0.0.1:0\nRemoteTokenFile=%s\n%s",
                          pin_path, token_path,
                          end_case != NULL && end_case->keys != NULL ? end_case->keys : "");
  shell_setup_https (fixture, keys);
  add_worker_pages (fixture->server);
}

/* The same station, for tests whose data is their own. */
static void
station_setup (ShellFixture  *fixture,
               gconstpointer  data)
{
  hostile_setup (fixture, NULL);
}

static void
open_caf_page (ShellFixture *fixture,
               const char   *path,
               const char   *title)
{
  KioskService *caf = kiosk_config_lookup_service (fixture->config, "caf");
  g_autofree char *address = g_strconcat ("https://www.caf.fr", path, NULL);

  if (g_strcmp0 (kiosk_window_get_page (fixture->window), "browser") != 0)
    {
      kiosk_window_open_service (fixture->window, caf);
      assert_title_becomes (fixture_get_web_view (fixture), "CAF test page");
    }
  webkit_web_view_load_uri (fixture_get_web_view (fixture), address);
  assert_title_becomes (fixture_get_web_view (fixture), title);
}

/* What the desk console sends for "Reset". */
static void
reset_from_the_desk (ShellFixture *fixture)
{
  g_auto(KioskApiAnswer) answer = ask_station_api (fixture, "POST", "/api/v1/reset", TOKEN,
                                                   NULL);

  g_assert_cmpuint (answer.status, ==, SOUP_STATUS_OK);
}

typedef struct
{
  ShellFixture *fixture;
  guint         count;
} EndWait;

static gboolean
sessions_ended (gpointer user_data)
{
  EndWait *wait = user_data;

  return wait->fixture->end_reasons->len >= wait->count;
}

static KioskEndReason
end_session_by (ShellFixture *fixture,
                EndTrigger    trigger)
{
  EndWait wait = { fixture, fixture->end_reasons->len + 1 };

  switch (trigger)
    {
    case END_BY_BUTTON:
      activate (fixture, "win.ask-end-session");
      activate (fixture, "win.confirm-end-session");
      break;
    case END_BY_ACTION:
      g_action_group_activate_action (G_ACTION_GROUP (fixture->application), "end-session",
                                      NULL);
      break;
    case END_BY_IDLE:
      /* The config's idle timeout is short: nothing to do but wait. */
      break;
    case END_BY_STAFF:
      move_pointer (640, 400);
      xdotool ("key", "ctrl+alt+m", NULL);
      assert_question_becomes (fixture->window, "staff");
      type_on_the_keypad (kiosk_window_get_staff_panel (fixture->window), SHELL_STAFF_PIN);
      g_assert_true (kiosk_staff_panel_is_unlocked (kiosk_window_get_staff_panel (
                                                      fixture->window)));
      gtk_widget_activate_action (GTK_WIDGET (kiosk_window_get_staff_panel (fixture->window)),
                                  "staff.end-session", NULL);
      break;
    case END_BY_REMOTE:
      reset_from_the_desk (fixture);
      break;
    default:
      g_assert_not_reached ();
    }

  g_assert_true (kiosk_test_wait_until (sessions_ended, &wait, LOAD_TIMEOUT));
  return g_array_index (fixture->end_reasons, int, fixture->end_reasons->len - 1);
}

static gboolean
is_free (gpointer user_data)
{
  return kiosk_session_manager_get_state (user_data) == KIOSK_STATION_FREE;
}

static const KioskEndReason expected_reasons[] = {
  [END_BY_BUTTON] = KIOSK_END_LOGOUT,
  [END_BY_ACTION] = KIOSK_END_REMOTE,
  [END_BY_IDLE] = KIOSK_END_IDLE,
  [END_BY_STAFF] = KIOSK_END_STAFF,
  [END_BY_REMOTE] = KIOSK_END_REMOTE,
};

/* A resident's page registers a service worker; the session ends (in
 * @data's way); the wipe is proven, the next resident finds nothing of the
 * first and their own session ends cleanly too: the station stays in
 * service, session after session.
 */
static void
test_service_worker_session_ends_cleanly (ShellFixture  *fixture,
                                          gconstpointer  data)
{
  EndTrigger trigger = ((const EndCase *) data)->trigger;
  KioskSessionManager *manager = kiosk_window_get_session_manager (fixture->window);

  for (guint round = 0; round < 2; round++)
    {
      open_caf_page (fixture, "/worker", "page ready");
      g_assert_cmpint (end_session_by (fixture, trigger), ==, expected_reasons[trigger]);
      g_assert_true (kiosk_test_wait_until (is_free, manager, LOAD_TIMEOUT));
      g_assert_null (kiosk_session_manager_get_out_of_service_reason (manager));

      kiosk_window_show_home (fixture->window);
      open_caf_page (fixture, "/leftovers", NOTHING_LEFT);
      g_assert_cmpint (end_session_by (fixture, END_BY_ACTION), ==, KIOSK_END_REMOTE);
      g_assert_true (kiosk_test_wait_until (is_free, manager, LOAD_TIMEOUT));
      g_assert_null (kiosk_session_manager_get_out_of_service_reason (manager));
      kiosk_window_show_home (fixture->window);
    }
}

/* No page of the kiosk has service workers to register. */
static void
test_service_workers_are_off (ShellFixture  *fixture,
                              gconstpointer  data)
{
  g_autofree char *answer = NULL;

  open_caf_page (fixture, "/worker", "page ready");
  answer = evaluate_to_string (fixture_get_web_view (fixture),
                               "String('serviceWorker' in navigator)");
  g_assert_cmpstr (answer, ==, "false");
}

static gboolean
is_gone (gpointer user_data)
{
  return !kiosk_processes_any_alive (user_data);
}

/* A web process of WebKit's that does not go with its session (here one
 * started by hand, waiting for WebKit's messages on a socket that stays
 * open) is ended by the kiosk itself, and the station stays in service.
 */
static void
test_stuck_web_process_is_ended (ShellFixture  *fixture,
                                 gconstpointer  data)
{
  KioskSessionManager *manager = kiosk_window_get_session_manager (fixture->window);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GSubprocess) stuck = NULL;
  g_autoptr(GArray) pids = g_array_new (FALSE, FALSE, sizeof (pid_t));
  g_autoptr(GError) error = NULL;
  int sockets[2];
  pid_t pid;

  g_assert_cmpint (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sockets), ==, 0);
  g_subprocess_launcher_take_fd (launcher, sockets[1], 3);
  stuck = g_subprocess_launcher_spawn (launcher, &error, WEBKIT_WEB_PROCESS_PATH, "1", "3",
                                       NULL);
  g_assert_no_error (error);
  pid = atoi (g_subprocess_get_identifier (stuck));
  g_array_append_val (pids, pid);

  open_caf (fixture);
  g_test_expect_message ("kiosk-session-manager", G_LOG_LEVEL_MESSAGE,
                         "Ended 1 web process(es) the last session left running");
  g_assert_cmpint (end_session_by (fixture, END_BY_BUTTON), ==, KIOSK_END_LOGOUT);
  g_assert_true (kiosk_test_wait_until (is_free, manager, LOAD_TIMEOUT));
  g_test_assert_expected_messages ();
  g_assert_null (kiosk_session_manager_get_out_of_service_reason (manager));
  g_assert_true (kiosk_test_wait_until (is_gone, pids, LOAD_TIMEOUT));

  g_subprocess_wait (stuck, NULL, NULL);
  close (sockets[0]);
}

/* A link to a refused site, in every way a page or a resident can use
 * it. WebKit would open a connection to the site (through the proxy, a
 * CONNECT naming it; without, a DNS lookup and a TLS handshake) at the
 * moment the link is clicked, while the kiosk refuses the navigation.
 */
typedef struct
{
  const char *name;
  const char *body;
  gboolean    click;
} LinkUse;

#define FULL_PAGE_LINK(attributes) \
  "<a id='go' style='position: fixed; inset: 0' " attributes \
  " href='https://evil.example/forbidden'>go</a>"

static const LinkUse link_uses[] = {
  { "click", FULL_PAGE_LINK (""), TRUE },
  { "hover", FULL_PAGE_LINK (""), FALSE },
  { "download", FULL_PAGE_LINK ("download='form.pdf'"), TRUE },
  { "script-click",
    FULL_PAGE_LINK ("") "<script>addEventListener('load', function () {"
    " setTimeout(function () { document.getElementById('go').click(); }, 50); });</script>",
    FALSE },
};

typedef struct
{
  const LinkUse *use;
  gboolean       direct;
} LinkCase;

static void
link_setup (ShellFixture  *fixture,
            gconstpointer  data)
{
  const LinkCase *link_case = data;

  if (link_case->direct)
    shell_setup_https_direct (fixture, NULL);
  else
    shell_setup_https (fixture, NULL);
}

static void
test_refused_site_is_never_contacted (ShellFixture  *fixture,
                                      gconstpointer  data)
{
  const LinkCase *link_case = data;
  g_autofree char *html = g_strdup_printf ("<title>links</title>%s", link_case->use->body);
  WebKitWebView *web_view;

  kiosk_test_server_add_page (fixture->server, "www.caf.fr", "/links", html, NULL);
  open_caf_page (fixture, "/links", "links");
  web_view = fixture_get_web_view (fixture);

  if (link_case->use->click)
    click_in_the_middle_of (GTK_WIDGET (web_view));
  else
    {
      move_pointer (200, 300);
      move_pointer (640, 400);
    }

  /* Give a connection WebKit would make the time to be made. */
  kiosk_test_spin (1500);

  /* The site was never named on the network, by any way that could be
   * seen: while the allowed one was, so that the logs do log.
   */
  if (link_case->direct)
    {
      g_assert_cmpuint (kiosk_test_resolver_count_lookups (fixture->resolver, "www.caf.fr"), >,
                        0);
      g_assert_cmpuint (kiosk_test_resolver_count_lookups (fixture->resolver, "evil.example"),
                        ==, 0);
    }
  else
    {
      g_assert_cmpuint (kiosk_test_server_count_connects (fixture->server, "www.caf.fr"), >, 0);
      g_assert_cmpuint (kiosk_test_server_count_connects (fixture->server, "evil.example"), ==,
                        0);
    }
  g_assert_cmpuint (kiosk_test_server_count_requests (fixture->server, "evil.example"), ==, 0);
}

/* A site's redirect to a scheme the kiosk never opens gets the kiosk's
 * refusal page, never WebKit's own error text; the resident goes back to
 * the page they came from.
 */
static void
test_redirect_to_a_local_scheme_is_refused (ShellFixture  *fixture,
                                            gconstpointer  data)
{
  const char *location = data;
  WebKitWebView *web_view;

  kiosk_test_server_add_redirect (fixture->server, "www.caf.fr", "/elsewhere", location);
  kiosk_test_server_add_page (fixture->server, "www.caf.fr", "/form",
                              "<title>form</title><a id='go' href='/elsewhere'>go</a>", NULL);
  open_caf_page (fixture, "/form", "form");
  web_view = fixture_get_web_view (fixture);

  run_script (web_view, "document.getElementById('go').click()");
  assert_page_becomes (fixture->window, "refused");
  g_assert_cmpstr (kiosk_window_get_refused_title (fixture->window), ==,
                   _("This site is not available on this computer"));

  activate (fixture, "win.leave-refused");
  g_assert_cmpstr (kiosk_window_get_page (fixture->window), ==, "browser");
  assert_title_becomes (web_view, "form");
}

/* A redirect to a file of the station never reaches the kiosk's policy:
 * WebKit's own check of the addresses a web process asks for ends the
 * page's process first ("unexpected URL from the web process"). Nothing of
 * the disk is read or shown; the kiosk says the page stopped, in its own
 * words, and the session goes on.
 */
static void
test_redirect_to_a_file_stops_the_page (ShellFixture  *fixture,
                                        gconstpointer  data)
{
  WebKitWebView *web_view;

  kiosk_test_server_add_redirect (fixture->server, "www.caf.fr", "/elsewhere",
                                  "file:///etc/passwd");
  kiosk_test_server_add_page (fixture->server, "www.caf.fr", "/form",
                              "<title>form</title><a id='go' href='/elsewhere'>go</a>", NULL);
  open_caf_page (fixture, "/form", "form");
  web_view = fixture_get_web_view (fixture);

  run_script (web_view, "document.getElementById('go').click()");
  assert_page_becomes (fixture->window, "refused");
  g_assert_cmpstr (kiosk_window_get_refused_title (fixture->window), ==,
                   _("This page stopped"));
  g_assert_cmpstr (webkit_web_view_get_uri (web_view), !=, "file:///etc/passwd");
  g_assert_cmpuint (fixture->end_reasons->len, ==, 0);

  /* The same session: its page loads again in a new web process. */
  activate (fixture, "win.leave-refused");
  open_caf_page (fixture, "/form", "form");
}

/* A page's script cannot blank the whole page (and so leave the resident
 * before an empty screen): about:blank is only ever the first document of
 * a frame. The resident sees the refusal page, and "Back" finds the page.
 */
static void
test_script_cannot_blank_the_page (ShellFixture  *fixture,
                                   gconstpointer  data)
{
  WebKitWebView *web_view;

  kiosk_test_server_add_page (fixture->server, "www.caf.fr", "/blank",
                              "<title>about to blank</title><iframe src='about:blank'></iframe>"
                              "<script>addEventListener('load', function () {"
                              " if (sessionStorage.getItem('blanked')) return;"
                              " sessionStorage.setItem('blanked', 'yes');"
                              " setTimeout(function () { location.href = 'about:blank'; }, 50);"
                              "});</script>", NULL);
  open_caf_page (fixture, "/blank", "about to blank");
  web_view = fixture_get_web_view (fixture);

  /* A frame's first document is about:blank, and that is no refusal. */
  assert_page_becomes (fixture->window, "refused");
  g_assert_cmpuint (fixture->end_reasons->len, ==, 0);

  activate (fixture, "win.leave-refused");
  g_assert_cmpstr (kiosk_window_get_page (fixture->window), ==, "browser");
  assert_title_becomes (web_view, "about to blank");
  g_assert_cmpstr (webkit_web_view_get_uri (web_view), ==, "https://www.caf.fr/blank");
}

/* A one-page PDF whose "open" action runs JavaScript: an alert, and
 * anything else a document's script could do.
 */
static GBytes *
make_pdf_with_script (const char *script)
{
  g_autoptr(GString) pdf = g_string_new ("%PDF-1.7\n");
  g_autofree char *action = g_strdup_printf ("<< /Type /Action /S /JavaScript /JS (%s) >>",
                                             script);
  const char *objects[] = {
    "<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] >>",
    action,
  };
  gsize offsets[G_N_ELEMENTS (objects)];
  gsize xref;

  for (guint i = 0; i < G_N_ELEMENTS (objects); i++)
    {
      offsets[i] = pdf->len;
      g_string_append_printf (pdf, "%u 0 obj\n%s\nendobj\n", i + 1, objects[i]);
    }
  xref = pdf->len;
  g_string_append_printf (pdf, "xref\n0 %u\n0000000000 65535 f \n",
                          (guint) G_N_ELEMENTS (objects) + 1);
  for (guint i = 0; i < G_N_ELEMENTS (objects); i++)
    g_string_append_printf (pdf, "%010" G_GSIZE_FORMAT " 00000 n \n", offsets[i]);
  g_string_append_printf (pdf, "trailer\n<< /Size %u /Root 1 0 R >>\nstartxref\n%" G_GSIZE_FORMAT
                          "\n%%%%EOF\n", (guint) G_N_ELEMENTS (objects) + 1, xref);

  return g_string_free_to_bytes (g_steal_pointer (&pdf));
}

static gboolean
count_dialog_cb (GSignalInvocationHint *hint,
                 guint                  n_values,
                 const GValue          *values,
                 gpointer               user_data)
{
  (*(guint *) user_data)++;
  return TRUE;
}

static gboolean
viewer_is_ready (gpointer user_data)
{
  KioskDocumentsView *documents_view = user_data;
  WebKitWebView *viewer = kiosk_documents_view_get_viewer (documents_view);

  return viewer != NULL && !webkit_web_view_is_loading (viewer);
}

/* A document's own JavaScript never runs in the kiosk's viewer: its
 * alert is never even asked for, and no title shows the station's folders.
 */
static void
test_pdf_script_never_runs (ShellFixture  *fixture,
                            gconstpointer  data)
{
  KioskDocumentsView *documents_view = kiosk_window_get_documents_view (fixture->window);
  g_autoptr(GBytes) pdf = make_pdf_with_script ("app.alert\\('pdf script ran'\\);");
  guint signal_id = g_signal_lookup ("script-dialog", WEBKIT_TYPE_WEB_VIEW);
  guint dialogs = 0;
  gulong hook;
  WebKitWebView *viewer;
  const char *private_dir;
  const char *title;

  kiosk_test_server_add_file (fixture->server, "www.caf.fr", "/scripted.pdf",
                              "application/pdf", pdf, "scripted.pdf");
  hook = g_signal_add_emission_hook (signal_id, 0, count_dialog_cb, &dialogs, NULL);

  open_caf (fixture);
  private_dir = kiosk_user_session_get_private_dir (kiosk_window_get_user_session (
                                                      fixture->window));
  webkit_web_view_load_uri (fixture_get_web_view (fixture), "https://www.caf.fr/scripted.pdf");
  assert_page_becomes (fixture->window, "documents");
  g_assert_true (kiosk_test_wait_until (viewer_is_ready, documents_view, LOAD_TIMEOUT));
  viewer = kiosk_documents_view_get_viewer (documents_view);

  /* PDF.js runs a document's open action once the document is drawn. */
  kiosk_test_spin (3000);
  g_signal_remove_emission_hook (signal_id, hook);
  g_assert_cmpuint (dialogs, ==, 0);

  title = webkit_web_view_get_title (viewer);
  g_assert_true (title == NULL || strstr (title, private_dir) == NULL);
  g_assert_null (strstr (kiosk_window_get_title (fixture->window), private_dir));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *test_root = kiosk_test_isolate_process_dirs ();
  LinkCase link_cases[G_N_ELEMENTS (link_uses) * 2];
  int status;

  for (guint i = 0; i < G_N_ELEMENTS (link_cases); i++)
    link_cases[i] = (LinkCase) { &link_uses[i / 2], i % 2 == 1 };

  shell_tests_init ();

  g_test_init (&argc, &argv, NULL);
  gtk_init ();

  for (guint i = 0; i < G_N_ELEMENTS (end_cases); i++)
    {
      g_autofree char *path = g_strconcat ("/hostile/service-worker/session-ended-by-",
                                           end_cases[i].name, NULL);

      g_test_add (path, ShellFixture, &end_cases[i], hostile_setup,
                  test_service_worker_session_ends_cleanly, shell_teardown);
    }

  g_test_add ("/hostile/service-worker/none-to-register", ShellFixture, NULL, hostile_setup,
              test_service_workers_are_off, shell_teardown);
  g_test_add ("/hostile/wipe/stuck-web-process-is-ended", ShellFixture, NULL, hostile_setup,
              test_stuck_web_process_is_ended, shell_teardown);

  g_test_add ("/hostile/redirect/to-data-is-refused", ShellFixture,
              "data:text/html,<title>data</title>", station_setup,
              test_redirect_to_a_local_scheme_is_refused, shell_teardown);
  g_test_add ("/hostile/redirect/to-file-stops-the-page", ShellFixture, NULL, station_setup,
              test_redirect_to_a_file_stops_the_page, shell_teardown);
  g_test_add ("/hostile/document/pdf-script-never-runs", ShellFixture, NULL, station_setup,
              test_pdf_script_never_runs, shell_teardown);
  g_test_add ("/hostile/script/cannot-blank-the-page", ShellFixture, NULL, hostile_setup,
              test_script_cannot_blank_the_page, shell_teardown);

  for (guint i = 0; i < G_N_ELEMENTS (link_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/hostile/refused-site-never-contacted/%s/%s",
                                               link_cases[i].direct ? "direct" : "through-proxy",
                                               link_cases[i].use->name);

      g_test_add (path, ShellFixture, &link_cases[i], link_setup,
                  test_refused_site_is_never_contacted, shell_teardown);
    }

  status = g_test_run ();
  kiosk_files_remove_tree (test_root, NULL);

  return status;
}
