/* test-usage.c — what the kiosk counts, driven through its screens under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-test"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "kiosk-files.h"
#include "shell-fixture.h"
#include "test-full-disk.h"

static char *
usage_path (void)
{
  return g_build_filename (g_get_user_state_dir (), "usage.db", NULL);
}

static void
usage_setup (ShellFixture  *fixture,
             gconstpointer  data)
{
  forget_usage ();
  shell_setup_with_keys (fixture, data);
}

static void
usage_setup_with_staff_pin (ShellFixture  *fixture,
                            gconstpointer  data)
{
  forget_usage ();
  shell_setup_with_staff_pin (fixture, data);
}

static void
end_session_with_the_button (ShellFixture *fixture)
{
  activate (fixture, "win.ask-end-session");
  activate (fixture, "win.confirm-end-session");
}

static void
test_a_session_is_counted (ShellFixture  *fixture,
                           gconstpointer  data)
{
  WebKitWebView *web_view;

  open_caf (fixture);
  web_view = fixture_get_web_view (fixture);

  /* A refused site, by its registrable domain only. */
  kiosk_test_server_add_page (fixture->server, "www.evil.example", "/", "<title>Evil</title>",
                              NULL);
  run_script (web_view, "location.href = 'http://www.evil.example/private/path?q=1'");
  assert_page_becomes (fixture->window, "refused");
  activate (fixture, "win.leave-refused");

  activate (fixture, "win.text-larger");
  activate (fixture, "win.text-larger");

  /* A document: counted, its name is not. */
  {
    g_autoptr(GBytes) pdf = make_pdf (1, "attestation");

    kiosk_test_server_add_file (fixture->server, "www.caf.fr", "/attestation",
                                "application/pdf", pdf, "attestation-MarkerName.pdf");
    webkit_web_view_load_uri (web_view, "http://www.caf.fr/attestation");
    assert_page_becomes (fixture->window, "documents");
    activate (fixture, "win.leave-documents");
  }

  /* A second démarche in the same session. */
  kiosk_window_open_service (fixture->window,
                             kiosk_config_lookup_service (fixture->config, "ameli"));

  end_session_with_the_button (fixture);

  g_assert_cmpint (count_usage (fixture, KIOSK_METRIC_SESSION_STARTED, NULL), ==, 1);
  g_assert_cmpint (count_usage (NULL, KIOSK_METRIC_SERVICE_OPENED, "caf"), ==, 1);
  g_assert_cmpint (count_usage (NULL, KIOSK_METRIC_SERVICE_OPENED, NULL), ==, 2);
  g_assert_cmpint (count_usage (NULL, KIOSK_METRIC_NAVIGATION_REFUSED, "evil.example"), ==, 1);
  g_assert_cmpint (count_usage (NULL, KIOSK_METRIC_NAVIGATION_REFUSED, NULL), ==, 1);
  g_assert_cmpint (count_usage (NULL, KIOSK_METRIC_TEXT_SIZE_CHANGED, NULL), ==, 2);
  g_assert_cmpint (count_usage (NULL, KIOSK_METRIC_SESSION_ENDED, "logout"), ==, 1);
  g_assert_cmpint (count_usage (NULL, KIOSK_METRIC_SESSION_DURATION, "<5"), ==, 1);
  g_assert_cmpint (count_usage (NULL, KIOSK_METRIC_DOCUMENT_DOWNLOADED, NULL), ==, 1);
  /* A station without a language set speaks French. */
  g_assert_cmpint (count_usage (NULL, KIOSK_METRIC_LANGUAGE, "fr"), ==, 1);

  /* The next person's session is another one. */
  open_caf (fixture);
  g_assert_cmpint (count_usage (fixture, KIOSK_METRIC_SESSION_STARTED, NULL), ==, 2);
}

/* A lost resident going CAF, home, CAF, home, CAF did one démarche, not
 * three: the taps are counted apart.
 */
static void
test_a_demarche_is_counted_once_per_session (ShellFixture  *fixture,
                                             gconstpointer  data)
{
  for (guint i = 0; i < 3; i++)
    {
      open_caf (fixture);
      g_action_group_activate_action (G_ACTION_GROUP (fixture->application), "home", NULL);
    }
  kiosk_window_open_service (fixture->window,
                             kiosk_config_lookup_service (fixture->config, "ameli"));
  end_session_with_the_button (fixture);

  g_assert_cmpint (count_usage (fixture, KIOSK_METRIC_SERVICE_OPENED, "caf"), ==, 3);
  g_assert_cmpint (count_usage (NULL, KIOSK_METRIC_DEMARCHE, "caf"), ==, 1);
  g_assert_cmpint (count_usage (NULL, KIOSK_METRIC_DEMARCHE, "ameli"), ==, 1);

  /* The next person's CAF is another démarche. */
  open_caf (fixture);
  g_assert_cmpint (count_usage (fixture, KIOSK_METRIC_DEMARCHE, "caf"), ==, 2);
}

static void
test_a_free_station_counts_no_session (ShellFixture  *fixture,
                                       gconstpointer  data)
{
  /* A reset of a station nobody uses is no session. */
  g_action_group_activate_action (G_ACTION_GROUP (fixture->application), "end-session", NULL);
  g_assert_cmpint (count_usage (fixture, KIOSK_METRIC_SESSION_STARTED, NULL), ==, 0);
  g_assert_cmpint (count_usage (NULL, KIOSK_METRIC_SESSION_ENDED, NULL), ==, 0);
}

static gboolean
is_ended (gpointer window)
{
  return g_strcmp0 (kiosk_window_get_page (window), "ended") == 0;
}

static void
test_idle_and_remote_ends_are_counted (ShellFixture  *fixture,
                                       gconstpointer  data)
{
  open_caf (fixture);
  g_assert_true (kiosk_test_wait_until (is_ended, fixture->window, LOAD_TIMEOUT));
  g_assert_cmpint (count_usage (fixture, KIOSK_METRIC_SESSION_ENDED, "idle"), ==, 1);

  open_caf (fixture);
  g_action_group_activate_action (G_ACTION_GROUP (fixture->application), "end-session", NULL);
  g_assert_cmpint (count_usage (fixture, KIOSK_METRIC_SESSION_ENDED, "remote"), ==, 1);
  g_assert_cmpint (count_usage (NULL, KIOSK_METRIC_SESSION_ENDED, NULL), ==, 2);
}

static gboolean
two_frames_counted (gpointer fixture)
{
  return count_usage (fixture, KIOSK_METRIC_FRAME_REFUSED, NULL) == 2;
}

/* A refusal is counted by its kind: the page's, shown to the resident, or
 * a frame's, which only leaves the frame empty (a tracker, a widget of
 * another site); by the registrable domain only.
 */
static void
test_refused_frames_are_counted_apart (ShellFixture  *fixture,
                                       gconstpointer  data)
{
  WebKitWebView *web_view;

  kiosk_test_server_add_page (fixture->server, "www.caf.fr", "/framed",
                              "<title>framed</title>"
                              "<iframe src='http://ads.evil.example/banner?MarkerFrame'></iframe>"
                              "<iframe name='hidden' style='display: none'></iframe>"
                              "<form id='form' method='post' action='http://tracker.example/t'"
                              " target='hidden'></form>"
                              "<script>addEventListener ('load', function () {"
                              " document.getElementById ('form').submit (); });</script>", NULL);
  open_caf (fixture);
  web_view = fixture_get_web_view (fixture);
  webkit_web_view_load_uri (web_view, "http://www.caf.fr/framed");
  assert_title_becomes (web_view, "framed");
  g_assert_true (kiosk_test_wait_until (two_frames_counted, fixture, LOAD_TIMEOUT));
  g_assert_cmpint (count_usage (fixture, KIOSK_METRIC_FRAME_REFUSED, "evil.example"), ==, 1);
  g_assert_cmpint (count_usage (fixture, KIOSK_METRIC_FRAME_REFUSED, "tracker.example"), ==, 1);
  g_assert_cmpint (count_usage (fixture, KIOSK_METRIC_NAVIGATION_REFUSED, NULL), ==, 0);
  g_assert_cmpstr (kiosk_window_get_page (fixture->window), ==, "browser");

  /* The page itself going there is a refused site, not a frame. */
  run_script (web_view, "setTimeout (function () {"
                        " location.href = 'http://www.evil.example/'; }, 100)");
  assert_page_becomes (fixture->window, "refused");
  kiosk_test_spin (2000);
  g_assert_cmpint (count_usage (fixture, KIOSK_METRIC_NAVIGATION_REFUSED, "evil.example"), ==, 1);
  g_assert_cmpint (count_usage (fixture, KIOSK_METRIC_FRAME_REFUSED, NULL), ==, 2);
}

static gboolean
popup_and_download_counted (gpointer fixture)
{
  return count_usage (fixture, KIOSK_METRIC_POPUP_REFUSED, NULL) == 1 &&
         count_usage (fixture, KIOSK_METRIC_DOWNLOAD_REFUSED, NULL) == 1;
}

/* A popup refused and a document refused are refusals of their own kind:
 * the admins learn that a journey needs a window, or a document, from a
 * site, and not only pages.
 */
static void
test_refused_popups_and_documents_are_counted_apart (ShellFixture  *fixture,
                                                     gconstpointer  data)
{
  g_autoptr(GBytes) pdf = make_pdf (1, "captcha");
  WebKitWebView *web_view;

  /* A frame's host (a captcha's) shows, and gives nothing to keep. */
  kiosk_test_server_add_file (fixture->server, "newassets.hcaptcha.com", "/notice.pdf",
                              "application/pdf", pdf, "notice.pdf");
  kiosk_test_server_add_page (fixture->server, "www.caf.fr", "/fenetres",
                              "<iframe src='http://newassets.hcaptcha.com/notice.pdf'></iframe>"
                              "<button style='position: fixed; inset: 0; width: 100%; "
                              "height: 100%' onclick=\"window.open ('http://www.pub.example/')"
                              "\">Gagnez</button><title>fenetres</title>", NULL);
  open_caf (fixture);
  web_view = fixture_get_web_view (fixture);
  webkit_web_view_load_uri (web_view, "http://www.caf.fr/fenetres");
  assert_title_becomes (web_view, "fenetres");
  click_in_the_middle_of (GTK_WIDGET (web_view));
  assert_page_becomes (fixture->window, "refused");

  g_assert_true (kiosk_test_wait_until (popup_and_download_counted, fixture, LOAD_TIMEOUT));
  g_assert_cmpint (count_usage (fixture, KIOSK_METRIC_POPUP_REFUSED, "pub.example"), ==, 1);
  g_assert_cmpint (count_usage (fixture, KIOSK_METRIC_DOWNLOAD_REFUSED, "hcaptcha.com"), ==, 1);
  g_assert_cmpint (count_usage (fixture, KIOSK_METRIC_NAVIGATION_REFUSED, NULL), ==, 0);
  g_assert_cmpint (count_usage (fixture, KIOSK_METRIC_DOCUMENT_DOWNLOADED, NULL), ==, 0);
}

static gboolean
file_holds (const char *path,
            const char *marker)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  gsize marker_length = strlen (marker);

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  for (gsize i = 0; i + marker_length <= length; i++)
    {
      if (memcmp (contents + i, marker, marker_length) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
test_no_address_reaches_the_counts (ShellFixture  *fixture,
                                    gconstpointer  data)
{
  static const char * const markers[] = { "MarkerInPath", "MarkerInQuery", "MarkerRefused",
                                          "MarkerRefusedQuery", "MarkerName", "typed" };
  static const char * const suffixes[] = { "", "-wal", "-shm" };
  g_autofree char *path = usage_path ();
  WebKitWebView *web_view;

  kiosk_test_server_add_page (fixture->server, "www.caf.fr", "/MarkerInPath",
                              "<title>marked</title>", NULL);
  open_caf (fixture);
  web_view = fixture_get_web_view (fixture);
  webkit_web_view_load_uri (web_view, "http://www.caf.fr/MarkerInPath?MarkerInQuery=1");
  assert_title_becomes (web_view, "marked");
  run_script (web_view, "location.href = 'http://sub.evil.example/MarkerRefused?"
                        "MarkerRefusedQuery=1'");
  assert_page_becomes (fixture->window, "refused");
  activate (fixture, "win.leave-refused");
  run_script (web_view, "document.title = 'typed'");
  {
    g_autoptr(GBytes) pdf = make_pdf (1, "attestation");

    kiosk_test_server_add_file (fixture->server, "www.caf.fr", "/attestation",
                                "application/pdf", pdf, "attestation-MarkerName.pdf");
    webkit_web_view_load_uri (web_view, "http://www.caf.fr/attestation");
    assert_page_becomes (fixture->window, "documents");
  }
  end_session_with_the_button (fixture);

  g_assert_cmpint (count_usage (fixture, KIOSK_METRIC_NAVIGATION_REFUSED, "evil.example"), ==, 1);

  /* The database, its write-ahead log and its index, byte by byte. */
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      for (guint j = 0; j < G_N_ELEMENTS (markers); j++)
        {
          g_test_message ("%s: %s", file, markers[j]);
          g_assert_false (file_holds (file, markers[j]));
        }
    }
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_survey_answers_are_counted_apart (ShellFixture  *fixture,
                                       gconstpointer  data)
{
  KioskSurvey *survey = kiosk_window_get_survey (fixture->window);
  UsageSum hours = { KIOSK_METRIC_SURVEY_OUTCOME, NULL, 0, 0 };

  open_caf (fixture);
  end_session_with_the_button (fixture);
  g_assert_cmpstr (kiosk_window_get_question (fixture->window), ==, "survey");
  g_assert_cmpstr (kiosk_window_get_page (fixture->window), ==, "browser");

  /* Changing one's mind counts the last answer only. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (survey), "survey.residence", "s",
                                             "bordeaux"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (survey), "survey.residence", "s",
                                             "metropole"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (survey), "survey.outcome", "s",
                                             "partly"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (survey), "survey.finish", NULL));

  g_assert_cmpstr (kiosk_window_get_page (fixture->window), ==, "ended");
  g_assert_null (kiosk_window_get_question (fixture->window));
  g_assert_cmpint (count_usage (fixture, KIOSK_METRIC_SURVEY_RESIDENCE, "metropole"), ==, 1);
  g_assert_cmpint (count_usage (NULL, KIOSK_METRIC_SURVEY_RESIDENCE, NULL), ==, 1);
  g_assert_cmpint (count_usage (NULL, KIOSK_METRIC_SURVEY_OUTCOME, "partly"), ==, 1);
  g_assert_cmpint (count_usage (NULL, KIOSK_METRIC_SESSION_ENDED, "logout"), ==, 1);

  /* Dated by the day only: no hour to match them with a session. */
  {
    g_autofree char *path = usage_path ();
    g_autoptr(KioskUsageStore) store = kiosk_usage_store_open_read_only (path, NULL);

    g_assert_true (kiosk_usage_store_foreach (store, NULL, usage_sum_cb, &hours, NULL));
    g_assert_cmpuint (hours.max_hour, ==, 0);
  }

  /* Skipping counts nothing. */
  open_caf (fixture);
  end_session_with_the_button (fixture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (survey), "survey.outcome", "s", "no"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (survey), "survey.skip", NULL));
  g_assert_cmpint (count_usage (fixture, KIOSK_METRIC_SURVEY_OUTCOME, NULL), ==, 1);
  g_assert_cmpint (count_usage (NULL, KIOSK_METRIC_SESSION_ENDED, "logout"), ==, 2);
}

static void
test_no_survey_unless_configured (ShellFixture  *fixture,
                                  gconstpointer  data)
{
  open_caf (fixture);
  end_session_with_the_button (fixture);
  g_assert_null (kiosk_window_get_question (fixture->window));
  g_assert_cmpstr (kiosk_window_get_page (fixture->window), ==, "ended");
}

static void
test_out_of_service_minutes_are_counted (ShellFixture  *fixture,
                                         gconstpointer  data)
{
  KioskSessionManager *manager = kiosk_window_get_session_manager (fixture->window);

  g_test_expect_message ("kiosk-session-manager", G_LOG_LEVEL_WARNING,
                         "Out of service: the printer caught fire");
  kiosk_session_manager_set_out_of_service (manager, "the printer caught fire");
  g_test_assert_expected_messages ();

  /* A real minute, as staff would read it in the report. */
  kiosk_test_spin (61 * 1000);
  g_assert_cmpint (count_usage (fixture, KIOSK_METRIC_OUT_OF_SERVICE, NULL), ==, 1);
  g_assert_cmpint (count_usage (NULL, KIOSK_METRIC_SESSION_STARTED, NULL), ==, 0);
}

static void
test_stopping_the_kiosk_loses_nothing (ShellFixture  *fixture,
                                       gconstpointer  data)
{
  open_caf (fixture);

  /* What SIGTERM does: the window goes, and the kiosk with it, at once,
   * less than a second after the counts were made.
   */
  kiosk_application_stop_station (fixture->application);
  fixture->window = NULL;

  g_assert_cmpint (count_usage (NULL, KIOSK_METRIC_SESSION_STARTED, NULL), ==, 1);
  g_assert_cmpint (count_usage (NULL, KIOSK_METRIC_SERVICE_OPENED, "caf"), ==, 1);
}

static void
usage_setup_after_crash (ShellFixture  *fixture,
                         gconstpointer  data)
{
  g_autofree char *marker = g_build_filename (g_get_user_state_dir (), "session-in-use", NULL);

  forget_usage ();
  g_assert_true (g_file_set_contents (marker, "", -1, NULL));
  g_test_expect_message ("kiosk-session-manager", G_LOG_LEVEL_MESSAGE,
                         "The last run did not end its session; its leftovers were wiped");
  shell_setup (fixture, NULL);
  g_test_assert_expected_messages ();
}

static void
test_crash_recovery_is_counted (ShellFixture  *fixture,
                                gconstpointer  data)
{
  g_assert_cmpint (count_usage (fixture, KIOSK_METRIC_SESSION_ENDED, "crash-recovery"), ==, 1);
  g_assert_cmpint (count_usage (NULL, KIOSK_METRIC_SESSION_STARTED, NULL), ==, 0);
}

static void
usage_setup_with_damaged_database (ShellFixture  *fixture,
                                   gconstpointer  data)
{
  g_autofree char *path = usage_path ();

  forget_usage ();
  g_assert_true (g_file_set_contents (path, "not a database", -1, NULL));
  shell_setup (fixture, NULL);
}

static void
test_damaged_database_does_not_stop_the_kiosk (ShellFixture  *fixture,
                                               gconstpointer  data)
{
  KioskUsageCounter *counter = kiosk_session_manager_get_usage_counter (
    kiosk_window_get_session_manager (fixture->window));
  g_autofree char *problem = NULL;

  /* The damaged file is found when the counts are first written, on
   * whichever thread writes them.
   */
  g_test_expect_message ("kiosk-usage-store", G_LOG_LEVEL_WARNING, "*");
  open_caf (fixture);
  kiosk_usage_counter_flush (counter);
  g_test_assert_expected_messages ();

  g_assert_cmpint (count_usage (NULL, KIOSK_METRIC_SESSION_STARTED, NULL), ==, 1);
  problem = kiosk_usage_counter_dup_problem (counter);
  g_assert_nonnull (problem);
  g_assert_cmpstr (kiosk_window_get_page (fixture->window), ==, "browser");
}

/* The disk fills up while residents use the station: they notice nothing,
 * the staff panel says the counting is paused, and once there is room
 * again every count of the meantime is written.
 */
static void
test_a_full_disk_loses_no_count (ShellFixture  *fixture,
                                 gconstpointer  data)
{
  KioskUsageCounter *counter = kiosk_session_manager_get_usage_counter (
    kiosk_window_get_session_manager (fixture->window));
  KioskStaffPanel *panel = kiosk_window_get_staff_panel (fixture->window);

  /* A first session counted: the file is there before the disk fills. */
  open_caf (fixture);
  g_assert_cmpint (count_usage (fixture, KIOSK_METRIC_SERVICE_OPENED, "caf"), ==, 1);
  if (!end_the_session_on_a_full_disk (fixture))
    return;

  /* The next resident's counts meet the full disk too. */
  kiosk_window_show_home (fixture->window);
  open_caf (fixture);
  kiosk_usage_counter_flush (counter);
  g_assert_cmpuint (kiosk_test_full_disk_count_failed_writes (), >, 0);

  /* The resident's page is there; the mediator reads the trouble. */
  g_assert_cmpstr (kiosk_window_get_page (fixture->window), ==, "browser");
  kiosk_staff_panel_open (panel);
  type_on_the_keypad (panel, SHELL_STAFF_PIN);
  g_assert_true (kiosk_staff_panel_is_unlocked (panel));
  g_assert_nonnull (strstr (kiosk_staff_panel_get_station_details (panel),
                            "Usage counting is paused"));
  kiosk_staff_panel_close (panel);

  kiosk_window_end_session (fixture->window, KIOSK_END_LOGOUT);
  free_up_the_disk (fixture);

  g_assert_null (kiosk_usage_counter_dup_problem (counter));
  g_assert_cmpint (count_usage (fixture, KIOSK_METRIC_SESSION_STARTED, NULL), ==, 2);
  g_assert_cmpint (count_usage (fixture, KIOSK_METRIC_SERVICE_OPENED, "caf"), ==, 2);
  g_assert_cmpint (count_usage (fixture, KIOSK_METRIC_SESSION_ENDED, "logout"), ==, 2);
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

#define USAGE_TEST(path, keys, func) \
  g_test_add (path, ShellFixture, keys, usage_setup, func, shell_teardown)

  USAGE_TEST ("/usage/a-session-is-counted", NULL, test_a_session_is_counted);
  USAGE_TEST ("/usage/a-demarche-is-counted-once-per-session", NULL,
              test_a_demarche_is_counted_once_per_session);
  USAGE_TEST ("/usage/a-free-station-counts-no-session", NULL,
              test_a_free_station_counts_no_session);
  USAGE_TEST ("/usage/idle-and-remote-ends-are-counted", "IdleTimeout=1\nIdleWarning=1\n",
              test_idle_and_remote_ends_are_counted);
  USAGE_TEST ("/usage/no-address-reaches-the-counts", NULL, test_no_address_reaches_the_counts);
  USAGE_TEST ("/usage/refused-popups-and-documents-are-counted-apart", NULL,
              test_refused_popups_and_documents_are_counted_apart);
  USAGE_TEST ("/usage/refused-frames-are-counted-apart", NULL,
              test_refused_frames_are_counted_apart);
  USAGE_TEST ("/usage/survey-answers-are-counted-apart", "Survey=true\n",
              test_survey_answers_are_counted_apart);
  USAGE_TEST ("/usage/no-survey-unless-configured", NULL, test_no_survey_unless_configured);
  USAGE_TEST ("/usage/stopping-the-kiosk-loses-nothing", NULL,
              test_stopping_the_kiosk_loses_nothing);
  USAGE_TEST ("/usage/out-of-service-minutes-are-counted", NULL,
              test_out_of_service_minutes_are_counted);
  g_test_add ("/usage/crash-recovery-is-counted", ShellFixture, NULL, usage_setup_after_crash,
              test_crash_recovery_is_counted, shell_teardown);
  g_test_add ("/usage/a-full-disk-loses-no-count", ShellFixture, NULL, usage_setup_with_staff_pin,
              test_a_full_disk_loses_no_count, shell_teardown);
  g_test_add ("/usage/damaged-database-does-not-stop-the-kiosk", ShellFixture, NULL,
              usage_setup_with_damaged_database, test_damaged_database_does_not_stop_the_kiosk,
              shell_teardown);

  status = g_test_run ();

  kiosk_files_remove_tree (test_root, NULL);
  return status;
}
