/* test-console.c — the desk console looking after two real stations, under Xvfb: one
 * kiosk window in this process, one pimms-kiosk process on its own bus
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-test"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

#include "kiosk-console-application.h"
#include "kiosk-console-config.h"
#include "kiosk-console-dialogs.h"
#include "kiosk-console-window.h"
#include "kiosk-send-config-dialog.h"
#include "kiosk-files.h"
#include "kiosk-usage-csv.h"
#include "kiosk-usage-store.h"
#include "shell-fixture.h"
#include "test-full-disk.h"
#include "test-station-fake.h"

#define TIMEOUT 30
#define TOKEN_A "desk-console-token-0123456789"
#define TOKEN_B "station-b-token-abcdefghijklmnop"
#define WRONG_TOKEN "not-the-token-of-any-station-000"
#define OUT_OF_SERVICE_MESSAGE "Écran en panne — merci d’utiliser le poste 2"
#define B_SESSIONS 7

/* The desktop's notifications, as GNOME Shell receives them
 * (org.gtk.Notifications), on this test's session bus: what was shown,
 * and what was taken away.
 */
typedef struct
{
  GDBusConnection *bus;
  guint            object_id;
  guint            name_id;
  GPtrArray       *shown;     /* "app-id/notification-id title" */
  GPtrArray       *withdrawn; /* "app-id/notification-id" */
  gboolean         named;
} NotificationServer;

static const char notifications_xml[] =
  "<node>"
  "  <interface name='org.gtk.Notifications'>"
  "    <method name='AddNotification'>"
  "      <arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "      <arg type='a{sv}' direction='in'/>"
  "    </method>"
  "    <method name='RemoveNotification'>"
  "      <arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "    </method>"
  "  </interface>"
  "</node>";

static void
notification_method_cb (GDBusConnection       *connection,
                        const char            *sender,
                        const char            *object_path,
                        const char            *interface_name,
                        const char            *method_name,
                        GVariant              *parameters,
                        GDBusMethodInvocation *invocation,
                        gpointer               user_data)
{
  NotificationServer *server = user_data;
  const char *app_id;
  const char *id;

  if (g_strcmp0 (method_name, "AddNotification") == 0)
    {
      g_autoptr(GVariant) notification = NULL;
      const char *title = NULL;

      g_variant_get (parameters, "(&s&s@a{sv})", &app_id, &id, &notification);
      g_variant_lookup (notification, "title", "&s", &title);
      g_ptr_array_add (server->shown, g_strdup_printf ("%s/%s %s", app_id, id, title));
    }
  else
    {
      g_variant_get (parameters, "(&s&s)", &app_id, &id);
      g_ptr_array_add (server->withdrawn, g_strdup_printf ("%s/%s", app_id, id));
    }
  g_dbus_method_invocation_return_value (invocation, NULL);
}

static void
name_acquired_cb (GDBusConnection *bus,
                  const char      *name,
                  gpointer         user_data)
{
  ((NotificationServer *) user_data)->named = TRUE;
}

static void
notification_server_start (NotificationServer *server)
{
  static const GDBusInterfaceVTable vtable = { notification_method_cb, NULL, NULL };
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (notifications_xml, NULL);
  g_autofree char *address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GError) error = NULL;

  server->shown = g_ptr_array_new_with_free_func (g_free);
  server->withdrawn = g_ptr_array_new_with_free_func (g_free);
  server->bus = g_dbus_connection_new_for_address_sync (
    address, G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
             G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION, NULL, NULL, &error);
  g_assert_no_error (error);
  server->object_id = g_dbus_connection_register_object (server->bus, "/org/gtk/Notifications",
                                                         info->interfaces[0], &vtable, server,
                                                         NULL, &error);
  g_assert_no_error (error);
  server->name_id = g_bus_own_name_on_connection (server->bus, "org.gtk.Notifications",
                                                  G_BUS_NAME_OWNER_FLAGS_NONE, name_acquired_cb,
                                                  NULL, server, NULL);
  g_assert_true (kiosk_test_wait_until (kiosk_test_flag_is_set, &server->named, TIMEOUT));
}

static void
notification_server_stop (NotificationServer *server)
{
  g_bus_unown_name (server->name_id);
  g_dbus_connection_unregister_object (server->bus, server->object_id);
  g_dbus_connection_close_sync (server->bus, NULL, NULL);
  g_clear_object (&server->bus);
  g_clear_pointer (&server->shown, g_ptr_array_unref);
  g_clear_pointer (&server->withdrawn, g_ptr_array_unref);
}

typedef struct
{
  GPtrArray  *list;
  const char *prefix;
} ListWait;

static gboolean
list_has (gpointer user_data)
{
  ListWait *wait = user_data;

  for (guint i = 0; i < wait->list->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (wait->list, i), wait->prefix))
      return TRUE;
  return FALSE;
}

typedef struct
{
  ShellFixture         station_a;
  NotificationServer   notifications;
  GSubprocess         *station_b;
  char                 *b_dir;
  GtkApplication       *application;
  KioskConsoleWindow   *console;
  char                 *store_path;
} Fixture;

static char *
write_private_file (const char *dir,
                    const char *name,
                    const char *contents)
{
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents_full (path, contents, -1, G_FILE_SET_CONTENTS_NONE, 0600,
                                           NULL));
  return path;
}

static char *
today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* Station B has served residents before: its counts are already there. */
static void
seed_station_b_counts (const char *state_dir)
{
  g_autofree char *day = today ();
  const KioskUsageRow rows[] = {
    { day, 10, "quartier", "poste-b", KIOSK_METRIC_SESSION_STARTED, "", B_SESSIONS },
    { day, 10, "quartier", "poste-b", KIOSK_METRIC_SERVICE_OPENED, "caf", 4 },
    { day, 11, "quartier", "poste-b", KIOSK_METRIC_SERVICE_OPENED, "ameli", 6 },
  };
  g_autofree char *path = g_build_filename (state_dir, "usage.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskUsageStore) store = kiosk_usage_store_open (path, &error);

  g_assert_no_error (error);
  kiosk_usage_store_add (store, rows, G_N_ELEMENTS (rows), &error);
  g_assert_no_error (error);
}

static GSubprocess *
start_station_b (Fixture *fixture,
                 guint    port)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *state_dir = g_build_filename (fixture->b_dir, "state", NULL);
  g_autofree char *runtime_dir = g_build_filename (fixture->b_dir, "runtime", NULL);
  g_autofree char *token_path = write_private_file (fixture->b_dir, "token", TOKEN_B "\n");
  g_autofree char *config = NULL;
  g_autofree char *config_path = NULL;
  GSubprocess *station;

  g_assert_cmpint (g_mkdir_with_parents (state_dir, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (runtime_dir, 0700), ==, 0);
  seed_station_b_counts (state_dir);

  config = g_strdup_printf ("[Kiosk]\n"
                            "StationId=poste-b\n"
                            "Site=quartier\n"
                            "RemoteListen=127.0.0.1:%u\n"
                            "RemoteTokenFile=%s\n"
                            "\n"
                            "[Service caf]\n"
                            "Name=CAF\n"
                            "Url=https://www.caf.fr/\n"
                            "Allow=*.caf.fr\n"
                            "Category=famille\n", port, token_path);
  config_path = write_private_file (fixture->b_dir, "kiosk.conf", config);

  /* Its own session bus: org.pimms.Kiosk is unique on a bus. Its output
   * must not mix with this test's TAP, nor keep the test's pipes open if
   * the test fails before it can stop the station.
   */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_setenv (launcher, "XDG_RUNTIME_DIR", runtime_dir, TRUE);
  station = g_subprocess_launcher_spawn (launcher, &error, "dbus-run-session", "--",
                                         g_getenv ("KIOSK_BINARY"), "--windowed",
                                         "--config", config_path, "--state-dir", state_dir,
                                         NULL);
  g_assert_no_error (error);
  return station;
}

/* The pimms-kiosk that dbus-run-session started, to pull its plug. */
static GPid
find_child (GPid        parent,
            const char *name)
{
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *entry;

  while ((entry = g_dir_read_name (proc)) != NULL)
    {
      g_autofree char *stat_path = g_build_filename ("/proc", entry, "stat", NULL);
      g_autofree char *stat = NULL;
      g_autofree char *comm = g_strdup_printf ("(%s)", name);
      const char *after;
      int ppid = 0;

      if (!g_ascii_isdigit (entry[0]) || !g_file_get_contents (stat_path, &stat, NULL, NULL))
        continue;
      after = strrchr (stat, ')');
      if (after == NULL || sscanf (after + 1, " %*c %d", &ppid) != 1 || ppid != parent)
        continue;
      if (strstr (stat, comm) != NULL)
        return atoi (entry);
    }
  return 0;
}

static char *
write_console_config (Fixture    *fixture,
                      const char *name,
                      const char *mediator,
                      const char *a_token_path,
                      guint       a_port,
                      guint       b_port,
                      const char *more_stations)
{
  g_autofree char *b_token_path = g_build_filename (fixture->b_dir, "token", NULL);
  g_autofree char *catalogue = g_build_filename (g_getenv ("KIOSK_SOURCE_DIR"), "data",
                                                 "kiosk.conf", NULL);
  g_autoptr(GString) config = g_string_new (NULL);

  g_string_append_printf (config, "[Console]\nRefreshSeconds=2\nCatalogue=%s\n", catalogue);
  if (mediator != NULL)
    g_string_append_printf (config, "Name=%s\n", mediator);
  g_string_append (config, "\n");
  /* Station B first in the file: a call for help must bring A before it. */
  if (b_port != 0)
    g_string_append_printf (config, "[Station poste-b]\nUrl=http://127.0.0.1:%u\n"
                            "TokenFile=%s\n\n", b_port, b_token_path);
  g_string_append_printf (config, "[Station test-01]\nUrl=http://127.0.0.1:%u\nTokenFile=%s\n",
                          a_port, a_token_path);
  if (more_stations != NULL)
    g_string_append_printf (config, "\n%s", more_stations);
  return write_private_file (fixture->b_dir, name, config->str);
}

static KioskConsoleWindow *
open_console (Fixture    *fixture,
              const char *config_path)
{
  g_autoptr(KioskConsoleConfig) config = NULL;
  g_autoptr(GError) error = NULL;
  KioskConsoleWindow *console;

  config = kiosk_console_config_load (config_path, &error);
  g_assert_no_error (error);
  console = kiosk_console_window_new (fixture->application, config, fixture->store_path);
  gtk_window_maximize (GTK_WINDOW (console));
  gtk_window_present (GTK_WINDOW (console));
  return console;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *token_path = g_build_filename (g_get_user_config_dir (), "token", NULL);
  g_autofree char *keys = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *application_id = NULL;
  static guint counter;

  /* Station A: a kiosk window in this process, its API on a free port. */
  g_mkdir_with_parents (g_get_user_config_dir (), 0700);
  g_assert_true (g_file_set_contents_full (token_path, TOKEN_A "\n", -1,
                                           G_FILE_SET_CONTENTS_NONE, 0600, NULL));
  keys = g_strdup_printf ("RemoteListen=127.0.0.1:0\nRemoteTokenFile=%s\n", token_path);
  shell_setup_with_keys (&fixture->station_a, keys);

  fixture->b_dir = g_build_filename (g_get_user_data_dir (), "station-b", NULL);
  g_assert_cmpint (g_mkdir_with_parents (fixture->b_dir, 0700), ==, 0);
  fixture->store_path = kiosk_console_application_get_store_path ();
  /* The desktop of a desk, with its notifications. */
  notification_server_start (&fixture->notifications);

  /* Not the console's own name, nor the last test's object path. */
  application_id = g_strdup_printf ("%s.Test%u", KIOSK_CONSOLE_APP_ID, ++counter);
  fixture->application = gtk_application_new (application_id, G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (fixture->application), NULL, &error);
  g_assert_no_error (error);
  kiosk_console_application_load_style ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->console != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->console));
  if (fixture->station_b != NULL)
    {
      g_subprocess_send_signal (fixture->station_b, SIGTERM);
      g_subprocess_wait (fixture->station_b, NULL, NULL);
    }
  g_clear_object (&fixture->station_b);
  g_clear_object (&fixture->application);
  notification_server_stop (&fixture->notifications);
  shell_teardown (&fixture->station_a, NULL);
  g_free (fixture->b_dir);
  g_free (fixture->store_path);
}

/* What the console shows */

typedef struct
{
  KioskStationCard *card;
  const char       *expected;
} CardState;

static gboolean
card_says (gpointer user_data)
{
  CardState *state = user_data;

  return g_str_has_prefix (kiosk_station_card_get_state_text (state->card), state->expected);
}

static void
assert_card_becomes (KioskStationCard *card,
                     const char       *expected)
{
  CardState state = { card, expected };

  if (!kiosk_test_wait_until (card_says, &state, TIMEOUT))
    g_error ("The card of %s says “%s”, not “%s”", kiosk_station_card_get_id (card),
             kiosk_station_card_get_state_text (card), expected);
}

typedef struct
{
  KioskStationCard *card;
  gboolean          paused;
} CardDetail;

static gboolean
card_tells_counting_paused (gpointer user_data)
{
  CardDetail *wait = user_data;
  const char *detail = kiosk_station_card_get_detail_text (wait->card);

  return (strstr (detail, "Usage counting is paused") != NULL) == wait->paused;
}

static const char *
page_of (gpointer window)
{
  return kiosk_window_get_page (window);
}

static gboolean
dialog_is_open (gpointer card)
{
  GtkWindow *dialog = kiosk_station_card_get_dialog (card);

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog));
}

/* Clicks @button as a médiateur would, and returns the question it asks. */
static GtkDialog *
click_for_question (KioskStationCard *card,
                    GtkWidget        *button)
{
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  gtk_widget_activate (button);
  g_assert_true (kiosk_test_wait_until (dialog_is_open, card, TIMEOUT));
  return GTK_DIALOG (kiosk_station_card_get_dialog (card));
}

static gboolean
label_shows (GtkWidget  *widget,
             const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_is_drawable (widget) &&
      g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (label_shows (child, text))
      return TRUE;

  return FALSE;
}

static gboolean
usage_is_gathered (gpointer view)
{
  return !kiosk_usage_view_is_busy (view);
}

static void
gather (KioskUsageView *view)
{
  g_assert_true (kiosk_usage_view_gather (view));
  g_assert_true (kiosk_test_wait_until (usage_is_gathered, view, TIMEOUT));
}

/* What a médiateur sees, saved when KIOSK_SCREENSHOT_DIR names a folder.
 * Station B's window opened after the console's; without a window
 * manager, mapping the console again puts it on top.
 */
static void
screenshot (GtkWindow  *window,
            const char *name)
{
  const char *dir = g_getenv ("KIOSK_SCREENSHOT_DIR");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (dir == NULL)
    return;

  gtk_widget_set_visible (GTK_WIDGET (window), FALSE);
  gtk_window_present (window);
  kiosk_test_spin (1000);
  path = g_build_filename (dir, name, NULL);
  {
    const char *argv[] = { "import", "-window", "root", path, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                  NULL, NULL, NULL, NULL, &status, &error);
  }
  if (error != NULL || !g_spawn_check_wait_status (status, NULL))
    g_test_message ("No screenshot %s", path);
}

/* Walks the window with Tab as a keyboard user would, and says whether
 * @target got the focus on the way.
 */
static gboolean
reached_by_tab (GtkWindow *window,
                GtkWidget *target)
{
  for (guint i = 0; i < 80; i++)
    {
      if (!gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD))
        gtk_window_set_focus (window, NULL);
      if (gtk_root_get_focus (GTK_ROOT (window)) == target)
        return TRUE;
    }
  return FALSE;
}

static gboolean
console_shows_a_problem (gpointer console)
{
  return kiosk_console_window_get_problem (console) != NULL;
}

/* A main loop that freezes would let this fall behind. */
typedef struct
{
  gint64 last;
  gint64 longest;
} Heartbeat;

static gboolean
heartbeat_cb (gpointer user_data)
{
  Heartbeat *heartbeat = user_data;
  gint64 now = g_get_monotonic_time ();

  heartbeat->longest = MAX (heartbeat->longest, now - heartbeat->last);
  heartbeat->last = now;
  return G_SOURCE_CONTINUE;
}

static gint64
sessions_in_csv (const char *text,
                 const char *station)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskUsageCsv) csv = kiosk_usage_csv_parse (text, strlen (text), &error);
  const KioskUsageRow *rows;
  guint n_rows;
  gint64 sessions = 0;

  g_assert_no_error (error);
  rows = kiosk_usage_csv_get_rows (csv, &n_rows);
  for (guint i = 0; i < n_rows; i++)
    if (g_strcmp0 (rows[i].station, station) == 0 &&
        g_strcmp0 (rows[i].metric, KIOSK_METRIC_SESSION_STARTED) == 0)
      sessions += rows[i].count;
  return sessions;
}

static gboolean
station_a_sessions_gathered (gpointer user_data)
{
  KioskUsageView *view = user_data;

  gather (view);
  return kiosk_usage_view_get_station_sessions (view, "test-01") >= 1;
}

static void
test_the_desk_looks_after_two_stations (Fixture       *fixture,
                                        gconstpointer  data)
{
  ShellFixture *a = &fixture->station_a;
  KioskSessionManager *manager = kiosk_window_get_session_manager (a->window);
  guint a_port = kiosk_remote_get_port (kiosk_window_get_remote (a->window));
  guint b_port = kiosk_test_pick_free_port ();
  g_autofree char *a_token = g_build_filename (g_get_user_config_dir (), "token", NULL);
  g_autofree char *config_path = NULL;
  g_autofree char *csv_path = g_build_filename (fixture->b_dir, "export.csv", NULL);
  g_autofree char *html_path = g_build_filename (fixture->b_dir, "export.html", NULL);
  g_autofree char *csv = NULL;
  g_autofree char *html = NULL;
  g_autoptr(GError) error = NULL;
  KioskStationCard *card_a, *card_b;
  KioskUsageView *usage;
  GtkDialog *dialog;
  guint n_ends;
  Heartbeat heartbeat = { 0, 0 };
  guint heartbeat_id;
  GPid b_kiosk;

  g_assert_cmpuint (a_port, >, 0);
  fixture->station_b = start_station_b (fixture, b_port);
  config_path = write_console_config (fixture, "console.conf", NULL, a_token, a_port,
                                       b_port, NULL);
  fixture->console = open_console (fixture, config_path);
  card_a = kiosk_console_window_get_card (fixture->console, "test-01");
  card_b = kiosk_console_window_get_card (fixture->console, "poste-b");
  g_assert_nonnull (card_a);
  g_assert_nonnull (card_b);

  /* Both stations free, B once its process has started. */
  assert_card_becomes (card_a, "Free");
  assert_card_becomes (card_b, "Free");
  g_assert_true (kiosk_console_window_get_card_at (fixture->console, 0) == card_b);

  /* A resident opens the CAF on station A. */
  open_caf (a);
  assert_card_becomes (card_a, "In use");

  /* Station A's disk fills up: its card says the counting is paused. */
  {
    KioskUsageCounter *counter = kiosk_session_manager_get_usage_counter (manager);
    const char *syscall_name = kiosk_test_full_disk_install ();
    CardDetail paused = { card_a, TRUE };
    CardDetail counting = { card_a, FALSE };

    g_assert_nonnull (syscall_name);
    kiosk_usage_counter_flush (counter);
    kiosk_test_full_disk_fill (ENOSPC, 0);
    g_test_expect_message ("kiosk-usage-counter", G_LOG_LEVEL_WARNING,
                           "Usage counting is paused, counts wait in memory: *is full*");
    kiosk_usage_counter_add (counter, KIOSK_METRIC_TEXT_SIZE_CHANGED, NULL, 1);
    kiosk_usage_counter_flush (counter);
    g_test_assert_expected_messages ();
    g_assert_true (kiosk_test_wait_until (card_tells_counting_paused, &paused, TIMEOUT));
    g_assert_true (g_str_has_prefix (kiosk_station_card_get_state_text (card_a), "In use"));

    kiosk_test_full_disk_free_up ();
    kiosk_usage_counter_flush (counter);
    kiosk_test_full_disk_uninstall (syscall_name);
    g_assert_true (kiosk_test_wait_until (card_tells_counting_paused, &counting, TIMEOUT));
  }
  g_assert_cmpint (kiosk_session_manager_get_state (manager), ==, KIOSK_STATION_IN_USE);

  /* Reset asks first; cancelling changes nothing. */
  n_ends = a->end_reasons->len;
  dialog = click_for_question (card_a, kiosk_station_card_get_reset_button (card_a));
  {
    g_autofree char *text = NULL;

    g_object_get (dialog, "text", &text, NULL);
    g_assert_nonnull (strstr (text, "test-01"));
  }
  gtk_dialog_response (dialog, GTK_RESPONSE_CANCEL);
  g_assert_null (kiosk_station_card_get_dialog (card_a));
  kiosk_test_spin (2500);
  g_assert_cmpuint (a->end_reasons->len, ==, n_ends);
  g_assert_cmpstr (kiosk_window_get_page (a->window), ==, "browser");
  g_assert_cmpint (kiosk_session_manager_get_state (manager), ==, KIOSK_STATION_IN_USE);
  assert_card_becomes (card_a, "In use");

  /* Confirmed: the session is wiped and the station free again. */
  dialog = click_for_question (card_a, kiosk_station_card_get_reset_button (card_a));
  gtk_dialog_response (dialog, GTK_RESPONSE_ACCEPT);
  assert_card_becomes (card_a, "Free");
  g_assert_cmpuint (a->end_reasons->len, ==, n_ends + 1);
  g_assert_cmpint (g_array_index (a->end_reasons, int, n_ends), ==, KIOSK_END_REMOTE);
  assert_string_becomes (page_of, a->window, "home", "station A's page");
  g_assert_cmpint (kiosk_session_manager_get_state (manager), ==, KIOSK_STATION_FREE);

  /* Out of service, with the médiateur's own message. */
  dialog = click_for_question (card_a, kiosk_station_card_get_out_of_service_button (card_a));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (
                     kiosk_console_out_of_service_dialog_get_entry (GTK_WIDGET (dialog)))), ==,
                   "Station out of service — please use another station");
  gtk_editable_set_text (GTK_EDITABLE (
                           kiosk_console_out_of_service_dialog_get_entry (GTK_WIDGET (dialog))),
                         OUT_OF_SERVICE_MESSAGE);
  /* The station logs that it is out of service; what it logs of the
   * message is its own business.
   */
  g_test_expect_message ("kiosk-session-manager", G_LOG_LEVEL_WARNING, "Out of service: *");
  gtk_dialog_response (dialog, GTK_RESPONSE_ACCEPT);
  assert_card_becomes (card_a, "Out of service");
  g_test_assert_expected_messages ();
  g_assert_cmpstr (kiosk_window_get_page (a->window), ==, "out-of-service");
  g_assert_true (label_shows (GTK_WIDGET (a->window), OUT_OF_SERVICE_MESSAGE));
  g_assert_false (gtk_widget_get_visible (kiosk_station_card_get_out_of_service_button (card_a)));

  /* Back in service, straight away: nothing to lose. */
  gtk_widget_activate (kiosk_station_card_get_in_service_button (card_a));
  assert_card_becomes (card_a, "Free");
  assert_string_becomes (page_of, a->window, "home", "station A's page");
  g_assert_cmpint (kiosk_session_manager_get_state (manager), ==, KIOSK_STATION_FREE);

  /* A resident calls a médiateur: impossible to miss, first in the grid. */
  activate (a, "win.call-mediator");
  g_assert_true (kiosk_session_manager_get_help_requested (manager));
  /* The console asks the station every few seconds: it is told for real. */
  g_assert_cmpstr (kiosk_window_get_notice (a->window), ==,
                   _("A mediator has been told. Someone will come to you soon."));

  /* A médiateur comes: the card says for how long they have helped. */
  {
    g_autofree char *with_mediator = g_strdup_printf (_("With a mediator for %s"),
                                                      _("less than a minute"));

    open_caf (a);
    kiosk_session_manager_set_assisted (manager, TRUE);
    assert_card_becomes (card_a, with_mediator);
    kiosk_session_manager_set_assisted (manager, FALSE);
    kiosk_session_manager_request_help (manager);
  }
  assert_card_becomes (card_a, "Asking for help");
  g_assert_true (kiosk_station_card_get_needs_help (card_a));
  /* How long the resident has waited, not how long they used the station. */
  {
    g_autofree char *waiting = g_strdup_printf (_("The resident pressed “Call a mediator”; "
                                                  "waiting for %s."), _("less than a minute"));

    /* First, before the card's other notes (its config is not the desk's). */
    g_assert_true (g_str_has_prefix (kiosk_station_card_get_detail_text (card_a), waiting));
    g_assert_cmpint (kiosk_station_card_get_help_since (card_a), >, 0);
  }
  g_assert_true (kiosk_console_window_get_card_at (fixture->console, 0) == card_a);
  g_assert_nonnull (kiosk_console_window_get_help_text (fixture->console));
  g_assert_nonnull (strstr (kiosk_console_window_get_help_text (fixture->console), "test-01"));
  g_assert_false (kiosk_station_card_get_needs_help (card_b));

  /* Every action of every card can be reached from the keyboard. */
  g_assert_true (reached_by_tab (GTK_WINDOW (fixture->console),
                                 kiosk_station_card_get_reset_button (card_a)));
  g_assert_true (reached_by_tab (GTK_WINDOW (fixture->console),
                                 kiosk_station_card_get_out_of_service_button (card_a)));
  g_assert_true (reached_by_tab (GTK_WINDOW (fixture->console),
                                 kiosk_station_card_get_reset_button (card_b)));

  /* Fréquentation: both stations' counts, station A's session included. */
  usage = kiosk_console_window_get_usage_view (fixture->console);
  kiosk_console_window_show_page (fixture->console, "usage");
  g_assert_true (kiosk_test_wait_until (station_a_sessions_gathered, usage, TIMEOUT));
  g_assert_cmpint (kiosk_usage_view_get_station_sessions (usage, "poste-b"), ==, B_SESSIONS);
  g_assert_cmpint (kiosk_usage_view_get_total (usage, KIOSK_METRIC_SESSION_STARTED), ==,
                   B_SESSIONS + kiosk_usage_view_get_station_sessions (usage, "test-01"));
  g_assert_cmpint (kiosk_usage_view_get_total (usage, KIOSK_METRIC_SERVICE_OPENED), >=, 11);
  g_assert_cmpstr (kiosk_usage_view_get_status_text (usage), ==,
                   "The counts of all 2 stations are gathered.");
  {
    g_autofree char *figures = g_strdup_printf ("%" G_GINT64_FORMAT " sessions · ",
                                                kiosk_usage_view_get_total (
                                                  usage, KIOSK_METRIC_SESSION_STARTED));

    g_assert_true (g_str_has_prefix (kiosk_usage_view_get_figures_text (usage), figures));
  }
  screenshot (GTK_WINDOW (fixture->console), "console-usage.png");

  g_assert_true (kiosk_usage_view_export_csv (usage, csv_path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
  g_assert_true (g_str_has_prefix (csv, KIOSK_USAGE_CSV_HEADER "\n"));
  g_assert_cmpint (sessions_in_csv (csv, "poste-b"), ==, B_SESSIONS);
  g_assert_cmpint (sessions_in_csv (csv, "test-01"), >=, 1);

  g_assert_true (kiosk_usage_view_export_html (usage, html_path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (html_path, &html, NULL, NULL));
  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>"));
  g_assert_nonnull (strstr (html, "Use of the self-service computers"));
  g_assert_nonnull (strstr (html, "poste-b"));
  g_assert_nonnull (strstr (html, "test-01"));

  /* Station B stops answering, then loses its power: its card says so,
   * and the console goes on.
   */
  kiosk_console_window_show_page (fixture->console, "stations");
  b_kiosk = find_child (g_ascii_strtoll (g_subprocess_get_identifier (fixture->station_b), NULL,
                                         10), "pimms-kiosk");
  g_assert_cmpint (b_kiosk, >, 0);
  /* First it hangs: its system still takes connections that nobody
   * answers, and the console must wait for none of them.
   */
  heartbeat.last = g_get_monotonic_time ();
  heartbeat_id = g_timeout_add (50, heartbeat_cb, &heartbeat);
  g_assert_cmpint (kill (b_kiosk, SIGSTOP), ==, 0);

  /* A médiateur resets it before its card knows: the banner says why
   * nothing happened.
   */
  g_assert_null (kiosk_console_window_get_problem (fixture->console));
  dialog = click_for_question (card_b, kiosk_station_card_get_reset_button (card_b));
  gtk_dialog_response (dialog, GTK_RESPONSE_ACCEPT);
  g_assert_true (kiosk_test_wait_until (console_shows_a_problem, fixture->console, TIMEOUT));
  g_assert_cmpstr (kiosk_console_window_get_problem (fixture->console), ==,
                   "Station poste-b could not be reset: the station does not answer.");
  assert_card_becomes (card_b, "Unreachable");
  assert_card_becomes (card_a, "Asking for help");
  g_source_remove (heartbeat_id);
  g_assert_cmpint (heartbeat.longest, <, G_USEC_PER_SEC);

  /* Then it is gone. */
  g_assert_cmpint (kill (b_kiosk, SIGKILL), ==, 0);
  kiosk_console_window_refresh (fixture->console);
  kiosk_test_spin (500);
  assert_card_becomes (card_b, "Unreachable");
  g_assert_false (gtk_widget_is_sensitive (kiosk_station_card_get_reset_button (card_b)));
  screenshot (GTK_WINDOW (fixture->console), "console.png");

  /* Gathered again without B, from today on: B's past counts are kept. */
  {
    g_autofree char *day = today ();

    kiosk_usage_view_set_from_day (usage, day);
  }
  gather (usage);
  g_assert_cmpint (kiosk_usage_view_get_station_sessions (usage, "poste-b"), ==, B_SESSIONS);
  g_assert_nonnull (strstr (kiosk_usage_view_get_status_text (usage),
                            "Station poste-b does not answer"));

  /* A period has a last day too: before the first, it is said; a period
   * that ended long ago holds none of today's counts (a January report of
   * last year takes nothing of this January).
   */
  kiosk_usage_view_set_to_day (usage, "2000-12-31");
  g_assert_false (kiosk_usage_view_gather (usage));
  g_assert_cmpstr (kiosk_usage_view_get_status_text (usage), ==,
                   _("Write the last day as YYYY-MM-DD, on or after the first day, like "
                     "2026-12-31."));
  kiosk_usage_view_set_from_day (usage, "2000-01-01");
  gather (usage);
  g_assert_cmpint (kiosk_usage_view_get_station_sessions (usage, "poste-b"), ==, 0);
}

/* A console with the wrong token for station A: refused, then throttled. */
static const char desk_catalogue[] =
  "# The network's catalogue, kept at the desk\n"
  "[Kiosk]\n"
  "AllowInsecureHttp=true\n"
  "\n"
  "[Service caf]\n"
  "Name=CAF\n"
  "Url=http://www.caf.fr/\n"
  "Allow=*.caf.fr\n"
  "Category=famille\n"
  "\n"
  "[Service msa]\n"
  "Name=MSA\n"
  "Url=http://www.msa.fr/\n"
  "Allow=%s\n"
  "Category=sante\n";

typedef struct
{
  KioskStationCard *card;
  const char       *version;
} CardConfig;

static gboolean
card_runs (gpointer user_data)
{
  CardConfig *wait = user_data;

  kiosk_station_card_refresh (wait->card);
  return g_strcmp0 (kiosk_station_card_get_config (wait->card), wait->version) == 0;
}

static gboolean
sending_is_done (gpointer console)
{
  GtkWidget *dialog = kiosk_console_window_get_send_config_dialog (console);

  return dialog != NULL && kiosk_send_config_dialog_is_done (dialog);
}

/* Sends the desk's catalogue from the console, as a médiateur would, and
 * returns the dialog once every station answered.
 */
static GtkWidget *
send_the_catalogue (Fixture *fixture)
{
  GtkWidget *dialog;

  gtk_widget_activate_action (GTK_WIDGET (fixture->console), "win.send-config", NULL);
  dialog = kiosk_console_window_get_send_config_dialog (fixture->console);
  g_assert_nonnull (dialog);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  g_assert_true (kiosk_test_wait_until (sending_is_done, fixture->console, TIMEOUT));
  return dialog;
}

/* A change made once at the desk reaches every station: the free one
 * runs it at once, the one in use after its resident's session, which
 * goes on; a config that does not load is refused by both, with the
 * reason, and changes nothing.
 */
static void
test_a_config_reaches_every_station (Fixture       *fixture,
                                     gconstpointer  data)
{
  ShellFixture *a = &fixture->station_a;
  guint a_port = kiosk_remote_get_port (kiosk_window_get_remote (a->window));
  guint b_port = kiosk_test_pick_free_port ();
  g_autofree char *a_token = g_build_filename (g_get_user_config_dir (), "token", NULL);
  g_autofree char *catalogue_path = g_build_filename (fixture->b_dir, "catalogue.conf", NULL);
  g_autofree char *catalogue = g_strdup_printf (desk_catalogue, "*.msa.fr");
  g_autofree char *broken = g_strdup_printf (desk_catalogue, "*.caf.fr");
  g_autofree char *config_path = NULL;
  g_autofree char *console_config = NULL;
  g_autofree char *default_catalogue = g_build_filename (g_getenv ("KIOSK_SOURCE_DIR"), "data",
                                                         "kiosk.conf", NULL);
  g_autofree char *version = NULL;
  KioskStationCard *card_a, *card_b;
  GtkWidget *dialog;
  CardConfig a_runs, b_runs;

  g_assert_true (g_file_set_contents (catalogue_path, catalogue, -1, NULL));
  fixture->station_b = start_station_b (fixture, b_port);
  config_path = write_console_config (fixture, "console.conf", NULL, a_token, a_port, b_port,
                                      NULL);
  /* The desk's catalogue is the one it sends. */
  g_assert_true (g_file_get_contents (config_path, &console_config, NULL, NULL));
  {
    g_autofree char *key = g_strconcat ("Catalogue=", default_catalogue, NULL);
    g_autofree char *ours = g_strconcat ("Catalogue=", catalogue_path, NULL);
    g_auto(GStrv) parts = g_strsplit (console_config, key, 2);
    g_autofree char *written = g_strjoinv (ours, parts);

    g_assert_true (g_file_set_contents (config_path, written, -1, NULL));
  }
  fixture->console = open_console (fixture, config_path);
  card_a = kiosk_console_window_get_card (fixture->console, "test-01");
  card_b = kiosk_console_window_get_card (fixture->console, "poste-b");
  assert_card_becomes (card_a, "Free");
  assert_card_becomes (card_b, "Free");
  version = kiosk_send_config_dialog_read_version (catalogue_path);
  g_assert_nonnull (version);
  g_assert_cmpstr (kiosk_station_card_get_config (card_a), !=, version);
  g_assert_nonnull (strstr (kiosk_station_card_get_detail_text (card_b),
                            "Its configuration is not the desk’s"));

  open_caf (a);
  assert_card_becomes (card_a, "In use");

  dialog = send_the_catalogue (fixture);
  screenshot (GTK_WINDOW (dialog), "console-config-sent.png");
  g_assert_cmpstr (kiosk_send_config_dialog_get_answer (dialog, "test-01"), ==,
                   "Accepted: it runs once the current session ends");
  g_assert_cmpstr (kiosk_send_config_dialog_get_answer (dialog, "poste-b"), ==,
                   "Accepted: it runs now");
  b_runs = (CardConfig) { card_b, version };
  g_assert_true (kiosk_test_wait_until (card_runs, &b_runs, TIMEOUT));

  /* The resident on A goes on; A's card says the config waits. */
  kiosk_test_spin (1000);
  g_assert_cmpstr (kiosk_window_get_page (a->window), ==, "browser");
  assert_card_becomes (card_a, "In use");
  g_assert_nonnull (strstr (kiosk_station_card_get_detail_text (card_a),
                            "runs once the current session ends"));

  activate (a, "win.ask-end-session");
  activate (a, "win.confirm-end-session");
  a_runs = (CardConfig) { card_a, version };
  g_assert_true (kiosk_test_wait_until (card_runs, &a_runs, TIMEOUT));
  a->window = kiosk_application_get_window (a->application);
  g_assert_nonnull (kiosk_config_lookup_service (kiosk_application_get_config (a->application),
                                                 "msa"));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* A catalogue that does not load: refused by both, nothing changes. */
  g_assert_true (g_file_set_contents (catalogue_path, broken, -1, NULL));
  dialog = send_the_catalogue (fixture);
  screenshot (GTK_WINDOW (dialog), "console-config-refused.png");
  for (guint i = 0; i < 2; i++)
    {
      const char *answer = kiosk_send_config_dialog_get_answer (dialog, i == 0 ? "test-01"
                                                                               : "poste-b");

      g_test_message ("%s", answer);
      g_assert_true (g_str_has_prefix (answer, "Refused, nothing changed: line "));
      g_assert_nonnull (strstr (answer, "[Service msa]"));
    }
  kiosk_station_card_refresh (card_a);
  kiosk_station_card_refresh (card_b);
  kiosk_test_spin (1000);
  g_assert_cmpstr (kiosk_station_card_get_config (card_a), ==, version);
  g_assert_cmpstr (kiosk_station_card_get_config (card_b), ==, version);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* A desk whose catalogue cannot be read sends nothing, and says why. */
static void
test_an_unreadable_catalogue_is_not_sent (void)
{
  g_autoptr(GPtrArray) cards = g_ptr_array_new ();
  GtkWidget *dialog = kiosk_send_config_dialog_new (NULL, "/nonexistent/catalogue.conf", cards);
  g_autofree char *text = NULL;

  g_object_ref_sink (dialog);
  g_object_get (dialog, "secondary-text", &text, NULL);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "/nonexistent/catalogue.conf"));
  g_assert_nonnull (strstr (text, "cannot be read"));
  /* Asked to send anyway (it offers no button for it), it only closes. */
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  g_assert_false (kiosk_send_config_dialog_is_done (dialog));
  g_object_unref (dialog);
}

static void
test_a_wrong_token (Fixture       *fixture,
                    gconstpointer  data)
{
  ShellFixture *a = &fixture->station_a;
  guint a_port = kiosk_remote_get_port (kiosk_window_get_remote (a->window));
  g_autofree char *wrong_token = write_private_file (fixture->b_dir, "wrong-token",
                                                     WRONG_TOKEN "\n");
  g_autofree char *config_path = write_console_config (fixture, "wrong.conf", NULL, wrong_token,
                                                       a_port, 0, NULL);
  KioskStationCard *card;

  fixture->console = open_console (fixture, config_path);
  card = kiosk_console_window_get_card (fixture->console, "test-01");
  assert_card_becomes (card, "Token refused");
  g_assert_nonnull (strstr (kiosk_station_card_get_detail_text (card), "TokenFile"));
  g_assert_false (gtk_widget_is_sensitive (kiosk_station_card_get_reset_button (card)));

  /* The station makes a console that keeps guessing wait. */
  for (guint i = 0; i < 6 && !g_str_has_prefix (kiosk_station_card_get_state_text (card),
                                                 "Too many attempts"); i++)
    {
      kiosk_console_window_refresh (fixture->console);
      kiosk_test_spin (300);
    }
  assert_card_becomes (card, "Too many attempts");
  g_assert_cmpstr (kiosk_window_get_page (a->window), ==, "home");
}

/* pimms-kiosk-console itself: a config with mistakes opens no window, says
 * every mistake with its line, and fails.
 */
static void
test_a_bad_config_is_refused (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "bad-config", NULL);
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  path = write_private_file (dir, "console.conf", "[Console]\nRefreshSeconds=1\n\n"
                                                  "[Station gare-01]\nUrl=ftp://10.0.0.1\n");
  {
    const char *argv[] = { g_getenv ("KIOSK_CONSOLE_BINARY"), "--config", path, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                  &error);
  }
  g_assert_no_error (error);
  g_assert_false (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (err, ":2: [Console] RefreshSeconds: "));
  g_assert_nonnull (strstr (err, ":5: [Station gare-01] Url: "));
  g_assert_nonnull (strstr (err, ":4: [Station gare-01] TokenFile: "));
}

typedef struct
{
  KioskStationCard *card;
  const char       *text;
} DetailWait;

static gboolean
detail_says (gpointer user_data)
{
  DetailWait *wait = user_data;

  return strstr (kiosk_station_card_get_detail_text (wait->card), wait->text) != NULL;
}

static gboolean
station_call_taken (gpointer station)
{
  return kiosk_station_get_help_taken_by (station) != NULL;
}

static const char *
question_of (gpointer window)
{
  return kiosk_window_get_question (window);
}

/* Two médiateurs at two consoles; a resident calls. The desk hears it
 * and sees it on the desktop; the first to say "I'm going" takes the
 * call: the resident is told someone comes, the other console says who,
 * the notification goes. Then a reset that asks the resident first.
 */
static void
test_a_call_is_heard_and_taken (Fixture       *fixture,
                                gconstpointer  data)
{
  ShellFixture *a = &fixture->station_a;
  KioskSessionManager *manager = kiosk_window_get_session_manager (a->window);
  KioskStation *station = kiosk_session_manager_get_station (manager);
  guint a_port = kiosk_remote_get_port (kiosk_window_get_remote (a->window));
  g_autofree char *a_token = g_build_filename (g_get_user_config_dir (), "token", NULL);
  g_autofree char *gare_token = write_private_file (fixture->b_dir, "gare-token",
                                                    TOKEN_B "\n");
  TestStation gare = { KIOSK_STATION_IN_USE };
  g_autoptr(KioskStationApi) gare_api = NULL;
  g_autofree char *gare_station = NULL;
  g_autofree char *sonia_config = NULL;
  g_autofree char *karim_config = NULL;
  g_autofree char *karim_id = g_strdup_printf ("%s.Karim", KIOSK_CONSOLE_APP_ID);
  g_autofree char *shown_prefix = NULL;
  g_autofree char *withdrawn_prefix = NULL;
  g_autoptr(GtkApplication) karim_application = NULL;
  g_autoptr(KioskConsoleConfig) config = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree gint16 *played = NULL;
  NotificationServer *notifications = &fixture->notifications;
  KioskTestSoundServer *sound;
  KioskConsoleWindow *karim;
  KioskStationCard *sonia_card, *karim_card;
  GtkDialog *dialog;
  gboolean heard = FALSE;
  gsize n_played, sound_samples;

  sound = kiosk_test_sound_server_start ();

  /* Another station, whose resident has waited four minutes already. */
  gare.since = g_get_real_time () / G_USEC_PER_SEC - 600;
  gare.help_requested = TRUE;
  gare.help_since = g_get_real_time () / G_USEC_PER_SEC - 240;
  gare_api = test_station_new_api (&gare, TOKEN_B);
  g_assert_true (kiosk_station_api_listen (gare_api, "127.0.0.1:0", NULL, &error));
  g_assert_no_error (error);
  gare_station = g_strdup_printf ("[Station gare-03]\nUrl=http://127.0.0.1:%u\nTokenFile=%s\n",
                                  kiosk_station_api_get_port (gare_api), gare_token);
  sonia_config = write_console_config (fixture, "sonia.conf", "Sonia", a_token, a_port, 0,
                                       gare_station);
  karim_config = write_console_config (fixture, "karim.conf", "Karim", a_token, a_port, 0,
                                       gare_station);

  fixture->console = open_console (fixture, sonia_config);
  karim_application = gtk_application_new (karim_id, G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (karim_application), NULL, &error);
  g_assert_no_error (error);
  config = kiosk_console_config_load (karim_config, &error);
  g_assert_no_error (error);
  karim = kiosk_console_window_new (karim_application, config, fixture->store_path);
  gtk_window_present (GTK_WINDOW (karim));
  sonia_card = kiosk_console_window_get_card (fixture->console, "test-01");
  karim_card = kiosk_console_window_get_card (karim, "test-01");
  watch_chime (kiosk_console_window_get_chime (fixture->console), &heard);

  open_caf (a);
  assert_card_becomes (sonia_card, "In use");
  g_assert_false (gtk_widget_get_visible (kiosk_station_card_get_take_button (sonia_card)));

  activate (a, "win.call-mediator");
  assert_card_becomes (sonia_card, "Asking for help");
  assert_card_becomes (karim_card, "Asking for help");

  /* Heard, and shown on the desktop above every window. */
  g_assert_true (kiosk_test_wait_until (kiosk_test_flag_is_set, &heard, TIMEOUT));
  played = kiosk_test_sound_server_get_played (sound, &n_played);
  g_assert_nonnull (kiosk_test_find_sound (played, n_played, &sound_samples));
  g_assert_cmpuint (sound_samples, >, KIOSK_CHIME_RATE / 2);
  shown_prefix = g_strdup_printf ("%s/help-test-01 Station test-01 asks for help",
                                  g_application_get_application_id (
                                    G_APPLICATION (fixture->application)));
  {
    ListWait shown = { notifications->shown, shown_prefix };

    g_assert_true (kiosk_test_wait_until (list_has, &shown, TIMEOUT));
  }
  g_assert_true (gtk_widget_get_visible (kiosk_station_card_get_take_button (sonia_card)));
  g_assert_true (gtk_widget_get_visible (kiosk_station_card_get_take_button (karim_card)));
  /* Two calls: who has waited longest comes first. */
  assert_card_becomes (kiosk_console_window_get_card (fixture->console, "gare-03"),
                       "Asking for help");
  g_assert_true (kiosk_console_window_get_card_at (fixture->console, 0) ==
                 kiosk_console_window_get_card (fixture->console, "gare-03"));
  g_assert_true (kiosk_console_window_get_card_at (fixture->console, 1) == sonia_card);
  g_assert_cmpstr (kiosk_console_window_get_help_text (fixture->console), ==,
                   "Stations gare-03, test-01 are asking for help");
  screenshot (GTK_WINDOW (fixture->console), "console-help.png");

  /* Sonia goes. */
  gtk_widget_activate (kiosk_station_card_get_take_button (sonia_card));
  g_assert_true (kiosk_test_wait_until (station_call_taken, station, TIMEOUT));
  g_assert_cmpstr (kiosk_station_get_help_taken_by (station), ==, "Sonia");
  g_assert_cmpstr (kiosk_window_get_notice (a->window), ==,
                   _("A mediator is on their way to you."));
  {
    DetailWait sonia_goes = { karim_card, "Sonia is on the way" };
    ListWait withdrawn = { notifications->withdrawn, NULL };

    /* Karim's console says who goes, and offers nothing more to take. */
    g_assert_true (kiosk_test_wait_until (detail_says, &sonia_goes, TIMEOUT));
    g_assert_false (gtk_widget_get_visible (kiosk_station_card_get_take_button (karim_card)));
    g_assert_false (gtk_widget_get_visible (kiosk_station_card_get_take_button (sonia_card)));
    g_assert_true (kiosk_station_card_get_needs_help (karim_card));

    /* The notifications go: someone answers. */
    withdrawn_prefix = g_strdup_printf ("%s/help-test-01", karim_id);
    withdrawn.prefix = withdrawn_prefix;
    g_assert_true (kiosk_test_wait_until (list_has, &withdrawn, TIMEOUT));
  }

  /* Sonia is there: she helps, then leaves the resident to it. */
  kiosk_session_manager_set_assisted (manager, TRUE);
  g_assert_null (kiosk_window_get_notice (a->window));
  kiosk_session_manager_set_assisted (manager, FALSE);

  /* Karim would reset the station: the console proposes to ask first. */
  dialog = click_for_question (karim_card, kiosk_station_card_get_reset_button (karim_card));
  g_assert_nonnull (gtk_dialog_get_widget_for_response (dialog,
                                                        KIOSK_CONSOLE_RESPONSE_ASK_FIRST));
  g_assert_nonnull (gtk_dialog_get_widget_for_response (dialog, GTK_RESPONSE_ACCEPT));
  gtk_dialog_response (dialog, KIOSK_CONSOLE_RESPONSE_ASK_FIRST);
  assert_string_becomes (question_of, a->window, "desk-asks-to-end", "station A's question");
  g_assert_cmpstr (kiosk_window_get_page (a->window), ==, "browser");

  /* The resident is still there, and goes on. */
  activate (a, "win.continue-session");
  kiosk_test_spin (2500);
  g_assert_cmpstr (kiosk_window_get_page (a->window), ==, "browser");
  g_assert_cmpint (kiosk_session_manager_get_state (manager), ==, KIOSK_STATION_IN_USE);

  gtk_window_destroy (GTK_WINDOW (karim));
  kiosk_test_sound_server_stop (sound);
  test_station_clear (&gare);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *test_root = kiosk_test_isolate_process_dirs ();
  int status;

  /* Here the accessibility registry leaves GTK's registration of this
   * process unanswered, and GTK says so as a critical 25 s later, which
   * would end a run that a slow machine makes longer than that.
   */
  g_setenv ("GTK_A11Y", "none", TRUE);
  shell_tests_init ();
  g_test_init (&argc, &argv, NULL);
  gtk_init ();

  g_test_add ("/console/the-desk-looks-after-two-stations", Fixture, NULL, fixture_set_up,
              test_the_desk_looks_after_two_stations, fixture_tear_down);
  g_test_add ("/console/a-call-is-heard-and-taken", Fixture, NULL, fixture_set_up,
              test_a_call_is_heard_and_taken, fixture_tear_down);
  g_test_add ("/console/a-config-reaches-every-station", Fixture, NULL, fixture_set_up,
              test_a_config_reaches_every_station, fixture_tear_down);
  g_test_add ("/console/a-wrong-token", Fixture, NULL, fixture_set_up, test_a_wrong_token,
              fixture_tear_down);

  g_test_add_func ("/console/a-bad-config-is-refused", test_a_bad_config_is_refused);
  g_test_add_func ("/console/an-unreadable-catalogue-is-not-sent",
                   test_an_unreadable_catalogue_is_not_sent);

  status = g_test_run ();

  kiosk_files_remove_tree (test_root, NULL);
  return status;
}
