/* test-faults.c — what a resident sees when the network or a page fails, under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-test"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kiosk-files.h"
#include "kiosk-processes.h"
#include "kiosk-usage-store.h"
#include "shell-fixture.h"
#include "test-kiosk-run.h"

/* The kernel truncates process names to 15 characters. */
#define WEB_PROCESS_NAME "WebKitWebProces"

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
  return window_widget_named (fixture, "retry-page");
}

/* The picture above the title, which must be one the kiosk has (not
 * GTK's "missing image").
 */
static const char *
problem_picture (ShellFixture *fixture)
{
  GtkImage *picture = GTK_IMAGE (window_widget_named (fixture, "refused-picture"));
  const char *name = gtk_image_get_icon_name (picture);
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (picture));
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (display);

  g_assert_true (gtk_icon_theme_has_icon (theme, name));
  return name;
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
  g_assert_cmpstr (problem_picture (fixture), ==, "pimms-no-connection");
  g_assert_cmpstr (kiosk_window_get_refused_place (fixture->window), ==, "www.caf.fr");
  g_assert_true (gtk_widget_get_visible (retry_button (fixture)));
  g_assert_true (gtk_widget_has_focus (retry_button (fixture)));
  g_assert_cmpuint (kiosk_test_server_count_path (fixture->server, "/"), ==, 0);

  kiosk_test_server_set_reachable (fixture->server, TRUE);
  click_in_the_middle_of (retry_button (fixture));
  assert_title_becomes (fixture_get_web_view (fixture), "CAF test page");
  g_assert_cmpstr (kiosk_window_get_page (fixture->window), ==, "browser");

  /* A site refused after that shows the refusal's own picture again. */
  run_script (fixture_get_web_view (fixture), "document.getElementById('outside').click()");
  assert_page_becomes (fixture->window, "refused");
  g_assert_cmpstr (problem_picture (fixture), ==, "pimms-refused");
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
  g_assert_cmpstr (problem_picture (fixture), ==, "pimms-page-stopped");
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

/* In the environment of the kiosk processes a test starts, and so of their
 * web and network processes, whoever their parent is once the kiosk is gone.
 */
#define MARK "pimms-kiosk-faults-test"

/* Processes that carry MARK, this one aside. */
static guint
count_marked_processes (void)
{
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *entry;
  guint count = 0;

  while ((entry = g_dir_read_name (proc)) != NULL)
    {
      g_autofree char *path = g_build_filename ("/proc", entry, "environ", NULL);
      g_autofree char *environ_data = NULL;
      gsize length = 0;

      if (!g_ascii_isdigit (entry[0]) || atoi (entry) == getpid () ||
          !g_file_get_contents (path, &environ_data, &length, NULL))
        continue;
      for (gsize i = 0; i < length; i += strlen (environ_data + i) + 1)
        {
          if (strcmp (environ_data + i, "KIOSK_TEST_MARK=" MARK) == 0)
            {
              count++;
              break;
            }
        }
    }
  return count;
}

static gboolean
no_marked_process_is_left (gpointer unused)
{
  return count_marked_processes () == 0;
}

/* A pimms-kiosk process, as systemd runs one on a station. */
static KioskTestKiosk *
kiosk_process_start (const char *config_path,
                     const char *state_dir,
                     const char *open_id)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);

  /* Inherited by the web and network processes it starts. */
  g_subprocess_launcher_setenv (launcher, "KIOSK_TEST_MARK", MARK, TRUE);
  return kiosk_test_kiosk_start (launcher, config_path, state_dir, open_id);
}

static gboolean
count_row_cb (const KioskUsageTotal *total,
              gpointer               user_data)
{
  GHashTable *counts = user_data;
  g_autofree char *name = g_strdup_printf ("%s/%s", total->metric, total->key);

  g_hash_table_insert (counts, g_steal_pointer (&name), GINT_TO_POINTER ((int) total->count));
  return TRUE;
}

/* "metric/key" → count, as the admin's reports would sum them; %NULL
 * while the kiosk has not yet made the file.
 */
static GHashTable *
try_read_counts (const char *state_dir)
{
  g_autofree char *path = g_build_filename (state_dir, "usage.db", NULL);
  g_autoptr(KioskUsageStore) store = kiosk_usage_store_open_read_only (path, NULL);
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  KioskUsageFilter all = { NULL, NULL, NULL, NULL };

  if (store == NULL ||
      !kiosk_usage_store_total (store, &all, KIOSK_USAGE_GROUP_METRIC_KEY, count_row_cb, counts,
                                NULL))
    return NULL;
  return g_steal_pointer (&counts);
}

static GHashTable *
read_counts (const char *state_dir)
{
  GHashTable *counts = try_read_counts (state_dir);

  g_assert_nonnull (counts);
  return counts;
}

static int
count_of (GHashTable *counts,
          const char *name)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (counts, name));
}

typedef struct
{
  const char *state_dir;
  const char *name;
  int         count;
} CountWait;

static gboolean
count_reached (gpointer user_data)
{
  CountWait *wait = user_data;
  g_autoptr(GHashTable) counts = try_read_counts (wait->state_dir);

  return counts != NULL && count_of (counts, wait->name) >= wait->count;
}

/* The names of the sessions' folders. */
static GPtrArray *
list_session_folders (const char *runtime_dir)
{
  g_autoptr(GDir) dir = g_dir_open (runtime_dir, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_build_filename (runtime_dir, name, NULL));
  return names;
}

static gboolean
are_all_gone (gpointer user_data)
{
  GPtrArray *paths = user_data;

  for (guint i = 0; i < paths->len; i++)
    {
      if (g_file_test (g_ptr_array_index (paths, i), G_FILE_TEST_EXISTS))
        return FALSE;
    }
  return TRUE;
}

static gboolean
page_was_asked (gpointer server)
{
  return kiosk_test_server_count_path (server, "/") > 0;
}

/* The kiosk is killed while a resident is on a site (SIGKILL: nothing of
 * it runs to clean up). Restarted, as systemd does, it wipes what the
 * session left and counts it as a crash recovery; the counts written
 * before the kill (a second after they happen at most) are all there.
 */
static void
test_a_killed_kiosk_restarts_clean (void)
{
  g_autoptr(KioskTestServer) server = kiosk_test_server_new ();
  g_autofree char *config_path = NULL;
  g_autofree char *state_dir = g_dir_make_tmp ("kiosk-faults-XXXXXX", NULL);
  g_autofree char *runtime_dir = g_build_filename (g_get_user_runtime_dir (), "pimms-kiosk",
                                                   NULL);
  g_autoptr(GHashTable) counts = NULL;
  g_autoptr(GPtrArray) leftovers = NULL;
  CountWait opened = { state_dir, KIOSK_METRIC_SERVICE_OPENED "/caf", 1 };
  KioskTestKiosk *kiosk;

  add_pages (server);
  config_path = kiosk_test_write_config (server->proxy_uri, NULL);

  kiosk = kiosk_process_start (config_path, state_dir, "caf");
  g_assert_true (kiosk_test_wait_until (count_reached, &opened, LOAD_TIMEOUT));
  g_assert_true (kiosk_test_wait_until (page_was_asked, server, LOAD_TIMEOUT));
  /* The kiosk, its network process and the page's web process at least. */
  g_assert_cmpuint (count_marked_processes (), >=, 3);
  kiosk_test_kiosk_stop (kiosk, SIGKILL);

  /* What a killed session leaves: its folder, until the next start; but
   * no web or network process goes on without the kiosk.
   */
  leftovers = list_session_folders (runtime_dir);
  g_assert_cmpuint (leftovers->len, >, 0);
  if (!kiosk_test_wait_until (no_marked_process_is_left, NULL, LOAD_TIMEOUT))
    g_error ("%u processes of the killed kiosk are still running", count_marked_processes ());

  kiosk = kiosk_process_start (config_path, state_dir, NULL);
  kiosk_test_kiosk_assert_log_says (kiosk, "The last run did not end its session; its "
                                    "leftovers were wiped", LOAD_TIMEOUT);
  g_assert_true (kiosk_test_wait_until (are_all_gone, leftovers, LOAD_TIMEOUT));
  kiosk_test_kiosk_stop (kiosk, SIGTERM);

  counts = read_counts (state_dir);
  g_assert_cmpint (count_of (counts, KIOSK_METRIC_SERVICE_OPENED "/caf"), ==, 1);
  g_assert_cmpint (count_of (counts, KIOSK_METRIC_SESSION_STARTED "/"), >=, 1);
  g_assert_cmpint (count_of (counts, KIOSK_METRIC_SESSION_ENDED "/crash-recovery"), ==, 1);
  kiosk_files_remove_tree (state_dir, NULL);
}

typedef struct
{
  KioskTestServer *server;
  guint            count;
} RequestWait;

static gboolean
page_asked_times (gpointer user_data)
{
  RequestWait *wait = user_data;

  return kiosk_test_server_count_path (wait->server, "/") >= wait->count;
}

/* The config is broken, then removed, under a running kiosk: it goes on
 * with what it read at start, session after session; restarted, it finds
 * no config and fails closed — out of service, no site opened.
 */
static void
test_config_broken_while_running (void)
{
  g_autoptr(KioskTestServer) server = kiosk_test_server_new ();
  g_autofree char *config_path = NULL;
  g_autofree char *state_dir = g_dir_make_tmp ("kiosk-faults-XXXXXX", NULL);
  RequestWait first = { server, 1 };
  RequestWait second = { server, 2 };
  KioskTestKiosk *kiosk;

  add_pages (server);
  config_path = kiosk_test_write_config (server->proxy_uri, NULL);
  kiosk = kiosk_process_start (config_path, state_dir, NULL);
  kiosk_test_kiosk_assert_log_says (kiosk, "Home screen drawn", LOAD_TIMEOUT);

  g_assert_true (g_file_set_contents (config_path, "[Kiosk\nthis is not a config\n", -1, NULL));
  g_assert_true (kiosk_test_kiosk_ask_to_open ("caf"));
  g_assert_true (kiosk_test_wait_until (page_asked_times, &first, LOAD_TIMEOUT));

  g_assert_cmpint (g_unlink (config_path), ==, 0);
  kiosk_test_kiosk_end_session ();
  kiosk_test_kiosk_assert_log_says (kiosk, "Station free", LOAD_TIMEOUT);
  g_assert_true (kiosk_test_kiosk_ask_to_open ("caf"));
  g_assert_true (kiosk_test_wait_until (page_asked_times, &second, LOAD_TIMEOUT));
  kiosk_test_kiosk_stop (kiosk, SIGTERM);

  /* Restarted, as systemd would: no config, no browsing. */
  kiosk = kiosk_process_start (config_path, state_dir, NULL);
  kiosk_test_kiosk_assert_log_says (kiosk, "cannot read the config file", LOAD_TIMEOUT);
  g_assert_false (kiosk_test_kiosk_ask_to_open ("caf"));
  kiosk_test_spin (1000);
  g_assert_cmpuint (kiosk_test_server_count_path (server, "/"), ==, 2);
  kiosk_test_kiosk_stop (kiosk, SIGTERM);
  kiosk_files_remove_tree (state_dir, NULL);
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

  g_test_add ("/faults/no-connection-is-explained", ShellFixture, NULL, shell_setup_with_keys,
              test_no_connection_is_explained, shell_teardown);
  g_test_add ("/faults/no-connection-in-the-residents-language", ShellFixture, NULL,
              shell_setup_with_keys, test_no_connection_in_the_residents_language, shell_teardown);
  g_test_add ("/faults/a-crashed-page-is-explained", ShellFixture, NULL, shell_setup_with_keys,
              test_a_crashed_page_is_explained, shell_teardown);

  g_test_add_func ("/faults/a-killed-kiosk-restarts-clean", test_a_killed_kiosk_restarts_clean);
  g_test_add_func ("/faults/config-broken-while-running", test_config_broken_while_running);

  status = g_test_run ();

  kiosk_files_remove_tree (test_root, NULL);
  return status;
}
