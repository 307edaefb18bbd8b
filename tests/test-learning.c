/* test-learning.c — the staff panel's record of refused sites, under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-test"

#include "config.h"

#include <gtk/gtk.h>
#include <string.h>

#include "kiosk-files.h"
#include "kiosk-learning-view.h"
#include "kiosk-refusals.h"
#include "shell-fixture.h"

/* A new démarche on the CAF's site, as a mediator walks it once: its
 * identity provider opens in a window, a captcha shows in a frame, and
 * the next step goes to another site by itself. None of them is listed.
 */
#define WIDGET_HOST "captcha.widget-example.com"
#define IDP_HOST "connexion.idp-example.fr"
#define NEXT_HOST "suite.demarche-example.fr"

static void
add_demarche (KioskTestServer *server)
{
  kiosk_test_server_add_page (server, "www.caf.fr", "/demarche",
                              "<iframe src='http://" WIDGET_HOST "/captcha'></iframe>"
                              "<button style='position: fixed; inset: 0; width: 100%; "
                              "height: 100%' onclick=\"window.open ('http://" IDP_HOST
                              "/connexion')\">Se connecter</button><title>demarche</title>",
                              NULL);
  kiosk_test_server_add_page (server, "www.caf.fr", "/etape",
                              "<script>setTimeout (function () {"
                              " location.href = 'http://" NEXT_HOST "/'; }, 200);</script>"
                              "<title>etape</title>", NULL);
  kiosk_test_server_add_page (server, WIDGET_HOST, "/captcha", "<title>captcha</title>", NULL);
  kiosk_test_server_add_page (server, IDP_HOST, "/connexion", "<title>connexion</title>", NULL);
  kiosk_test_server_add_page (server, NEXT_HOST, "/", "<title>suite</title>", NULL);
}

static KioskStaffPanel *
unlock_the_panel (ShellFixture *fixture)
{
  KioskStaffPanel *panel = kiosk_window_get_staff_panel (fixture->window);

  kiosk_staff_panel_open (panel);
  type_on_the_keypad (panel, SHELL_STAFF_PIN);
  g_assert_true (kiosk_staff_panel_is_unlocked (panel));
  return panel;
}

static KioskLearningView *
learning_view_of (KioskStaffPanel *panel)
{
  GtkWidget *view = find_widget_named (GTK_WIDGET (panel), "learning-view");

  g_assert_nonnull (view);
  return KIOSK_LEARNING_VIEW (view);
}

static gboolean
frame_was_asked (gpointer server)
{
  return kiosk_test_server_count_requests (server, WIDGET_HOST) > 0;
}

static gboolean
one_popup_is_open (gpointer window)
{
  KioskUserSession *user_session = kiosk_window_get_user_session (window);

  return user_session != NULL &&
         g_list_model_get_n_items (kiosk_user_session_get_popups (user_session)) == 1;
}

static gboolean
session_is_learning (gpointer window)
{
  KioskUserSession *user_session = kiosk_window_get_user_session (window);

  return user_session != NULL && kiosk_user_session_get_learning (user_session);
}

/* Walks the démarche: the frame, the window, the next step. */
static void
walk_the_demarche (ShellFixture *fixture)
{
  WebKitWebView *web_view;

  open_caf (fixture);
  web_view = fixture_get_web_view (fixture);
  webkit_web_view_load_uri (web_view, "http://www.caf.fr/demarche");
  assert_title_becomes (web_view, "demarche");
  click_in_the_middle_of (GTK_WIDGET (web_view));
  kiosk_test_spin (1500);
  activate (fixture, "win.leave-refused");
  webkit_web_view_load_uri (web_view, "http://www.caf.fr/etape");
  kiosk_test_spin (2000);
}

/* Copies every key of the generated lines into the config, as an admin
 * pastes them over the config's own lines.
 */
static char *
add_lines_to_config (const char *config_path,
                     const char *lines)
{
  g_autoptr(GKeyFile) config = g_key_file_new ();
  g_autoptr(GKeyFile) added = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) groups = NULL;
  g_autofree char *path = g_build_filename (g_get_user_config_dir (), "learned.conf", NULL);

  g_key_file_load_from_file (config, config_path, G_KEY_FILE_KEEP_COMMENTS, &error);
  g_assert_no_error (error);
  g_key_file_load_from_data (added, lines, -1, G_KEY_FILE_NONE, &error);
  g_assert_no_error (error);

  groups = g_key_file_get_groups (added, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      g_auto(GStrv) keys = g_key_file_get_keys (added, groups[i], NULL, NULL);

      for (guint k = 0; keys[k] != NULL; k++)
        {
          g_autofree char *value = g_key_file_get_value (added, groups[i], keys[k], NULL);

          g_key_file_set_value (config, groups[i], keys[k], value);
        }
    }

  g_key_file_save_to_file (config, path, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

/* The mediator turns the record on, walks the démarche, and reads what
 * was refused and the lines for the administrator; once in the config,
 * those lines let the démarche through.
 */
static void
test_record_then_let_through (ShellFixture  *fixture,
                              gconstpointer  data)
{
  KioskStaffPanel *panel;
  KioskLearningView *view;
  KioskUserSession *user_session;
  g_autoptr(GError) error = NULL;
  g_autofree char *lines = NULL;
  g_autofree char *shown_lines = NULL;
  g_autofree char *learned_config = NULL;
  const char *text;

  add_demarche (fixture->server);

  /* Off, nothing is recorded. */
  panel = unlock_the_panel (fixture);
  view = learning_view_of (panel);
  g_assert_nonnull (strstr (kiosk_learning_view_get_text (view), "Turn it on"));
  click_in_the_middle_of (window_button_for (fixture, "learning.record"));
  g_assert_true (kiosk_test_wait_until (session_is_learning, fixture->window, LOAD_TIMEOUT));
  g_assert_nonnull (strstr (kiosk_learning_view_get_text (view), "Nothing refused yet"));
  kiosk_staff_panel_close (panel);

  walk_the_demarche (fixture);
  g_assert_cmpuint (kiosk_test_server_count_requests (fixture->server, WIDGET_HOST), ==, 0);
  g_assert_cmpuint (kiosk_test_server_count_requests (fixture->server, IDP_HOST), ==, 0);
  g_assert_cmpuint (kiosk_test_server_count_requests (fixture->server, NEXT_HOST), ==, 0);

  panel = unlock_the_panel (fixture);
  text = kiosk_learning_view_get_text (learning_view_of (panel));
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "caf: " WIDGET_HOST ", as a frame in a page (1)"));
  g_assert_nonnull (strstr (text, "caf: " IDP_HOST ", as a window (1)"));
  g_assert_nonnull (strstr (text, "caf: " NEXT_HOST ", as a page (1)"));
  g_assert_nonnull (strstr (text, "[Service caf]\nAllow=*.caf.fr;" IDP_HOST ";" NEXT_HOST "\n"
                                  "Frames=" WIDGET_HOST));

  /* The lines the panel shows are the ones the admin's tool writes. */
  user_session = kiosk_window_get_user_session (fixture->window);
  lines = kiosk_refusals_to_config_lines (kiosk_user_session_get_learned (user_session),
                                          fixture->config, &error);
  g_assert_no_error (error);
  shown_lines = g_strchomp (g_strdup (lines));
  g_assert_nonnull (strstr (text, shown_lines));

  /* Nothing of it is left for the next session. */
  kiosk_staff_panel_close (panel);
  g_action_group_activate_action (G_ACTION_GROUP (fixture->application), "end-session", NULL);
  open_caf (fixture);
  user_session = kiosk_window_get_user_session (fixture->window);
  g_assert_false (kiosk_user_session_get_learning (user_session));
  g_assert_null (kiosk_user_session_get_learned (user_session));

  /* With the lines in its config, the station lets the démarche through. */
  learned_config = add_lines_to_config (kiosk_config_get_path (fixture->config), lines);
  shell_restart_with_config (fixture, learned_config);
  open_caf (fixture);
  webkit_web_view_load_uri (fixture_get_web_view (fixture), "http://www.caf.fr/demarche");
  assert_title_becomes (fixture_get_web_view (fixture), "demarche");
  g_assert_true (kiosk_test_wait_until (frame_was_asked, fixture->server, LOAD_TIMEOUT));
  click_in_the_middle_of (GTK_WIDGET (fixture_get_web_view (fixture)));
  g_assert_true (kiosk_test_wait_until (one_popup_is_open, fixture->window, LOAD_TIMEOUT));
  assert_title_becomes (kiosk_user_session_get_front_view (
                          kiosk_window_get_user_session (fixture->window)), "connexion");
  activate (fixture, "win.close-popup");
  webkit_web_view_load_uri (fixture_get_web_view (fixture), "http://www.caf.fr/etape");
  assert_title_becomes (fixture_get_web_view (fixture), "suite");
}

#define CDN_HOST "cdn.unlisted.example"
#define TRACKER_HOST "stats.tracker.example"

static const char strict_keys[] =
  "StrictResources=true\n"
  "\n"
  "[Block]\n"
  "Hosts=" TRACKER_HOST "\n";

static gboolean
cdn_was_asked (gpointer server)
{
  return kiosk_test_server_count_requests (server, CDN_HOST) > 0;
}

/* In strict mode, a part of a page from a host off the list is recorded
 * too, and becomes a Resources line; a tracker the config blocks on
 * purpose is recorded, and no line unblocks it.
 */
static void
test_record_parts_of_pages (ShellFixture  *fixture,
                            gconstpointer  data)
{
  KioskStaffPanel *panel;
  g_autoptr(GError) error = NULL;
  g_autofree char *lines = NULL;
  g_autofree char *learned_config = NULL;
  const char *text;

  kiosk_test_server_add_page (fixture->server, "www.caf.fr", "/cdn",
                              "<img src='http://" CDN_HOST "/logo.png' alt=''>"
                              "<script src='http://" TRACKER_HOST "/tag.js'></script>"
                              "<title>cdn</title>", NULL);
  kiosk_test_server_add_resource (fixture->server, CDN_HOST, "/logo.png", "image/png", "PNG",
                                  NULL, NULL);

  panel = unlock_the_panel (fixture);
  click_in_the_middle_of (window_button_for (fixture, "learning.record"));
  g_assert_true (kiosk_test_wait_until (session_is_learning, fixture->window, LOAD_TIMEOUT));
  kiosk_staff_panel_close (panel);

  open_caf (fixture);
  webkit_web_view_load_uri (fixture_get_web_view (fixture), "http://www.caf.fr/cdn");
  assert_title_becomes (fixture_get_web_view (fixture), "cdn");
  kiosk_test_spin (1000);
  g_assert_cmpuint (kiosk_test_server_count_requests (fixture->server, CDN_HOST), ==, 0);

  panel = unlock_the_panel (fixture);
  text = kiosk_learning_view_get_text (learning_view_of (panel));
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "caf: " CDN_HOST ", as a part of a page (script, image…) (1)"));
  g_assert_nonnull (strstr (text, "caf: " TRACKER_HOST ", as a part of a page"));
  g_assert_nonnull (strstr (text, "[Service caf]\nResources=" CDN_HOST));
  g_assert_null (strstr (strstr (text, "Lines for the administrator"), TRACKER_HOST));
  kiosk_staff_panel_close (panel);

  lines = kiosk_refusals_to_config_lines (
    kiosk_user_session_get_learned (kiosk_window_get_user_session (fixture->window)),
    fixture->config, &error);
  g_assert_no_error (error);
  learned_config = add_lines_to_config (kiosk_config_get_path (fixture->config), lines);
  shell_restart_with_config (fixture, learned_config);
  open_caf (fixture);
  webkit_web_view_load_uri (fixture_get_web_view (fixture), "http://www.caf.fr/cdn");
  assert_title_becomes (fixture_get_web_view (fixture), "cdn");
  g_assert_true (kiosk_test_wait_until (cdn_was_asked, fixture->server, LOAD_TIMEOUT));
  g_assert_cmpuint (kiosk_test_server_count_requests (fixture->server, TRACKER_HOST), ==, 0);
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

  g_test_add ("/learning/record-then-let-through", ShellFixture, NULL,
              shell_setup_with_staff_pin, test_record_then_let_through, shell_teardown);
  g_test_add ("/learning/record-parts-of-pages", ShellFixture, strict_keys,
              shell_setup_with_staff_pin, test_record_parts_of_pages, shell_teardown);

  status = g_test_run ();
  kiosk_files_remove_tree (test_root, NULL);
  return status;
}
