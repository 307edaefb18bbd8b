/* test-station.c — what staff see and do at a station, under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-test"

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-files.h"
#include "shell-fixture.h"

static KioskSessionManager *
manager_of (ShellFixture *fixture)
{
  return kiosk_window_get_session_manager (fixture->window);
}

/* The button of the toolbar that activates @action, as a person sees it. */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *action)
{
  if (GTK_IS_ACTIONABLE (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_calling_a_mediator (ShellFixture  *fixture,
                         gconstpointer  data)
{
  KioskSessionManager *manager = manager_of (fixture);
  GtkWidget *help_button = find_button (kiosk_window_get_toolbar (fixture->window),
                                        "win.call-mediator");

  g_assert_nonnull (help_button);
  open_caf (fixture);
  g_assert_false (gtk_widget_get_visible (help_button));
  g_action_group_activate_action (G_ACTION_GROUP (fixture->application), "home", NULL);
  g_assert_true (gtk_widget_get_visible (help_button));
  g_assert_true (gtk_widget_get_sensitive (help_button));
  g_assert_false (kiosk_session_manager_get_help_requested (manager));

  g_test_expect_message ("kiosk-session-manager", G_LOG_LEVEL_MESSAGE,
                         "A resident asked for a mediator");
  activate (fixture, "win.call-mediator");
  g_test_assert_expected_messages ();

  /* The station is flagged, and the resident is told. */
  g_assert_true (kiosk_session_manager_get_help_requested (manager));
  g_assert_cmpstr (kiosk_window_get_notice (fixture->window), ==,
                   _("A mediator has been told. Someone will come to you soon."));
  g_assert_false (gtk_widget_get_sensitive (help_button));

  /* The next person starts without the flag. */
  activate (fixture, "win.ask-end-session");
  activate (fixture, "win.confirm-end-session");
  g_assert_false (kiosk_session_manager_get_help_requested (manager));
  g_assert_null (kiosk_window_get_notice (fixture->window));
  g_assert_true (gtk_widget_get_sensitive (help_button));
}

static const char *
window_question (gpointer window)
{
  return kiosk_window_get_question (window);
}

static void
test_assisted_mode_pauses_the_idle_countdown (ShellFixture  *fixture,
                                              gconstpointer  data)
{
  KioskSessionManager *manager = manager_of (fixture);

  open_caf (fixture);
  kiosk_session_manager_set_assisted (manager, TRUE);
  g_assert_true (kiosk_session_manager_get_assisted (manager));

  /* Three times the idle timeout and its countdown, nobody touching. */
  kiosk_test_spin (3500);
  g_assert_null (kiosk_window_get_question (fixture->window));
  g_assert_cmpint (kiosk_session_manager_get_state (manager), ==, KIOSK_STATION_IN_USE);
  g_assert_cmpstr (kiosk_window_get_page (fixture->window), ==, "browser");

  /* The mediator leaves: the countdown comes back and ends the session. */
  kiosk_session_manager_set_assisted (manager, FALSE);
  assert_string_becomes (window_question, fixture->window, "idle", "question on screen");
  assert_page_becomes (fixture->window, "ended");
  g_assert_false (kiosk_session_manager_get_assisted (manager));
}

static void
test_back_in_service (ShellFixture  *fixture,
                      gconstpointer  data)
{
  KioskSessionManager *manager = manager_of (fixture);
  GDateTime *since;

  open_caf (fixture);
  g_test_expect_message ("kiosk-session-manager", G_LOG_LEVEL_WARNING,
                         "Out of service: the screen is cracked");
  kiosk_session_manager_set_out_of_service (manager, "the screen is cracked");
  g_test_assert_expected_messages ();
  g_assert_cmpstr (kiosk_window_get_page (fixture->window), ==, "out-of-service");
  since = kiosk_session_manager_get_state_since (manager);
  g_assert_nonnull (since);

  g_test_expect_message ("kiosk-session-manager", G_LOG_LEVEL_MESSAGE, "Back in service");
  kiosk_session_manager_set_in_service (manager);
  g_test_assert_expected_messages ();

  g_assert_cmpint (kiosk_session_manager_get_state (manager), ==, KIOSK_STATION_FREE);
  g_assert_cmpstr (kiosk_window_get_page (fixture->window), ==, "home");
  g_assert_false (kiosk_window_is_out_of_service (fixture->window));
  g_assert_nonnull (kiosk_window_get_user_session (fixture->window));

  /* Usable again, by the next resident. */
  open_caf (fixture);
  g_assert_cmpint (kiosk_session_manager_get_state (manager), ==, KIOSK_STATION_IN_USE);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *test_root = kiosk_test_isolate_process_dirs ();
  int status;

  speak_as_a_station_without_a_language ();
  g_test_init (&argc, &argv, NULL);
  gtk_init ();

  g_test_add ("/station/calling-a-mediator", ShellFixture, NULL, shell_setup,
              test_calling_a_mediator, shell_teardown);
  g_test_add ("/station/assisted-mode-pauses-the-idle-countdown", ShellFixture,
              "IdleTimeout=1\nIdleWarning=1\n", shell_setup_with_keys,
              test_assisted_mode_pauses_the_idle_countdown, shell_teardown);
  g_test_add ("/station/back-in-service", ShellFixture, NULL, shell_setup,
              test_back_in_service, shell_teardown);

  status = g_test_run ();

  kiosk_files_remove_tree (test_root, NULL);
  return status;
}
