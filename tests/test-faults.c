/* test-faults.c — what a resident sees when the network or a page fails, under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-test"

#include "config.h"

#include <glib/gi18n.h>
#include <signal.h>

#include "kiosk-files.h"
#include "kiosk-processes.h"
#include "shell-fixture.h"

/* The kernel truncates process names to 15 characters. */
#define WEB_PROCESS_NAME "WebKitWebProces"

static void
faults_setup (ShellFixture  *fixture,
              gconstpointer  data)
{
  shell_setup_with_keys (fixture, data);
  kiosk_application_watch_session_ends (fixture->application, fixture->window);
}

/* Another language is another window: follow it. */
static void
choose_language (ShellFixture *fixture,
                 const char   *code)
{
  g_action_group_activate_action (G_ACTION_GROUP (fixture->application), "language",
                                  g_variant_new_string (code));
  kiosk_test_spin (100);
  fixture->window = kiosk_application_get_window (fixture->application);
}

static GtkWidget *
retry_button (ShellFixture *fixture)
{
  GtkWidget *button = find_widget_named (GTK_WIDGET (fixture->window), "retry-page");

  g_assert_nonnull (button);
  return button;
}

/* The proxy (or the network behind it) is down: no WebKit error page in
 * English, but the kiosk's own, in the resident's language, with the
 * site's name and "Try again", which works once the network is back.
 */
static void
test_no_connection_is_explained (ShellFixture  *fixture,
                                 gconstpointer  data)
{
  KioskService *caf = kiosk_config_lookup_service (fixture->config, "caf");

  kiosk_test_server_set_reachable (fixture->server, FALSE);
  kiosk_window_open_service (fixture->window, caf);
  assert_page_becomes (fixture->window, "refused");
  g_assert_cmpstr (kiosk_window_get_refused_title (fixture->window), ==, "Pas de connexion");
  g_assert_cmpstr (kiosk_window_get_refused_place (fixture->window), ==, "www.caf.fr");
  g_assert_true (gtk_widget_get_visible (retry_button (fixture)));
  g_assert_true (gtk_widget_has_focus (retry_button (fixture)));
  g_assert_cmpuint (kiosk_test_server_count_path (fixture->server, "/"), ==, 0);

  kiosk_test_server_set_reachable (fixture->server, TRUE);
  click_in_the_middle_of (retry_button (fixture));
  assert_title_becomes (fixture_get_web_view (fixture), "CAF test page");
  g_assert_cmpstr (kiosk_window_get_page (fixture->window), ==, "browser");

}

/* In the language the resident chose (asked before any connection: the
 * proxy's connections, once open, stay open).
 */
static void
test_no_connection_in_the_residents_language (ShellFixture  *fixture,
                                              gconstpointer  data)
{
  KioskService *caf = kiosk_config_lookup_service (fixture->config, "caf");

  choose_language (fixture, "en");
  kiosk_test_server_set_reachable (fixture->server, FALSE);
  kiosk_window_open_service (fixture->window, caf);
  assert_page_becomes (fixture->window, "refused");
  g_assert_cmpstr (kiosk_window_get_refused_title (fixture->window), ==, "No connection");
}

static pid_t
find_the_web_process (void)
{
  g_autoptr(GArray) pids = kiosk_processes_find_descendants (WEB_PROCESS_NAME);

  /* One session, one page: one web process (WebKit keeps no spare). */
  g_assert_cmpuint (pids->len, ==, 1);
  return g_array_index (pids, pid_t, 0);
}

/* The web process drawing the page crashes (here: is killed): the kiosk
 * says the page stopped, and the session goes on — "Try again" draws the
 * page again in a new web process, with what the resident had stored.
 */
static void
test_a_crashed_page_is_explained (ShellFixture  *fixture,
                                  gconstpointer  data)
{
  WebKitWebView *web_view;

  open_caf (fixture);
  web_view = fixture_get_web_view (fixture);
  webkit_web_view_load_uri (web_view, "http://www.caf.fr/store");
  assert_title_becomes (web_view, "stored");

  g_assert_cmpint (kill (find_the_web_process (), SIGKILL), ==, 0);
  assert_page_becomes (fixture->window, "refused");
  g_assert_cmpstr (kiosk_window_get_refused_title (fixture->window), ==,
                   "Cette page s’est arrêtée");
  g_assert_cmpstr (kiosk_window_get_refused_place (fixture->window), ==, "www.caf.fr");
  g_assert_true (gtk_widget_get_visible (retry_button (fixture)));

  click_in_the_middle_of (retry_button (fixture));
  assert_page_becomes (fixture->window, "browser");
  assert_title_becomes (web_view, "stored");
  webkit_web_view_load_uri (web_view, "http://www.caf.fr/read");
  assert_title_becomes (web_view, "storage:alice cookie:visitor=alice");

  /* The session ends as any other. */
  g_action_group_activate_action (G_ACTION_GROUP (fixture->application), "end-session", NULL);
  g_assert_cmpstr (kiosk_window_get_page (fixture->window), ==, "ended");
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

  g_test_add ("/faults/no-connection-is-explained", ShellFixture, NULL, faults_setup,
              test_no_connection_is_explained, shell_teardown);
  g_test_add ("/faults/no-connection-in-the-residents-language", ShellFixture, NULL,
              faults_setup, test_no_connection_in_the_residents_language, shell_teardown);
  g_test_add ("/faults/a-crashed-page-is-explained", ShellFixture, NULL, faults_setup,
              test_a_crashed_page_is_explained, shell_teardown);

  status = g_test_run ();

  kiosk_files_remove_tree (test_root, NULL);
  return status;
}
