/* test-station.c — what staff see and do at a station, under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-test"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "kiosk-files.h"
#include "kiosk-staff-pin.h"
#include "kiosk-station-api.h"

#include <string.h>
#include "shell-fixture.h"

static KioskSessionManager *
manager_of (ShellFixture *fixture)
{
  return kiosk_window_get_session_manager (fixture->window);
}

static void
test_calling_a_mediator (ShellFixture  *fixture,
                         gconstpointer  data)
{
  KioskSessionManager *manager = manager_of (fixture);
  GtkWidget *help_button = find_action_button (kiosk_window_get_toolbar (fixture->window),
                                        "win.call-mediator");

  /* Within reach wherever a resident may be stuck: in a service too. */
  g_assert_nonnull (help_button);
  open_caf (fixture);
  g_assert_true (gtk_widget_get_visible (help_button));
  g_action_group_activate_action (G_ACTION_GROUP (fixture->application), "home", NULL);
  g_assert_true (gtk_widget_get_visible (help_button));
  g_assert_true (gtk_widget_get_sensitive (help_button));
  g_assert_false (kiosk_session_manager_get_help_requested (manager));

  g_test_expect_message ("kiosk-session-manager", G_LOG_LEVEL_MESSAGE,
                         "A resident asked for a mediator");
  activate (fixture, "win.call-mediator");
  g_test_assert_expected_messages ();

  /* The station is flagged, and the resident is told the truth: no desk
   * console listens to this station (it has no station API), so nobody
   * was told; the reception desk is where help is.
   */
  g_assert_true (kiosk_session_manager_get_help_requested (manager));
  g_assert_cmpstr (kiosk_window_get_notice (fixture->window), ==,
                   _("Please go to the reception desk: a mediator will help you there."));
  g_assert_false (gtk_widget_get_sensitive (help_button));

  /* The next person starts without the flag. */
  activate (fixture, "win.ask-end-session");
  activate (fixture, "win.confirm-end-session");
  g_assert_false (kiosk_session_manager_get_help_requested (manager));
  g_assert_null (kiosk_window_get_notice (fixture->window));
  g_assert_true (gtk_widget_get_sensitive (help_button));
}

static const char *
window_page (gpointer window)
{
  return kiosk_window_get_page (window);
}

static const char *
window_question (gpointer window)
{
  return kiosk_window_get_question (window);
}

/* The idle question rings; someone who walked away and comes back finds
 * a word of what happened on the home screen, not a blank one; the next
 * resident's service takes it away.
 */
static void
test_an_idle_end_is_told (ShellFixture  *fixture,
                          gconstpointer  data)
{
  g_autofree char *told = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                        "The previous session was erased after "
                                                        "%u minute without activity.",
                                                        "The previous session was erased after "
                                                        "%u minutes without activity.", 1), 1);

  KioskTestSoundServer *server = kiosk_test_sound_server_start ();
  g_autofree gint16 *played = NULL;
  gsize n_played = 0;
  gsize sound_samples = 0;
  gboolean heard = FALSE;

  /* The station has sound. */
  watch_chime (kiosk_window_get_idle_chime (fixture->window), &heard);

  open_caf (fixture);
  assert_string_becomes (window_question, fixture->window, "idle", "question");
  assert_string_becomes (window_page, fixture->window, "ended", "page");
  assert_string_becomes (window_page, fixture->window, "home", "page");
  g_assert_cmpstr (kiosk_window_get_notice (fixture->window), ==, told);

  /* The question rang: a resident looking away hears it. */
  g_assert_true (kiosk_test_wait_until (kiosk_test_flag_is_set, &heard, 20));
  played = kiosk_test_sound_server_get_played (server, &n_played);
  g_assert_nonnull (kiosk_test_find_sound (played, n_played, &sound_samples));
  g_assert_cmpuint (sound_samples, >, KIOSK_CHIME_RATE / 2);
  kiosk_test_sound_server_stop (server);

  open_caf (fixture);
  g_assert_null (kiosk_window_get_notice (fixture->window));
}


static void
test_assisted_mode_pauses_the_idle_countdown (ShellFixture  *fixture,
                                              gconstpointer  data)
{
  KioskSessionManager *manager = manager_of (fixture);
  g_autofree char *banner = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "With a mediator · %u minute",
                                                          "With a mediator · %u minutes", 0), 0);

  open_caf (fixture);
  g_assert_null (kiosk_window_get_assisted_text (fixture->window));
  kiosk_session_manager_set_assisted (manager, TRUE);
  g_assert_true (kiosk_session_manager_get_assisted (manager));
  /* A discreet line says so, and for how long. */
  g_assert_cmpstr (kiosk_window_get_assisted_text (fixture->window), ==, banner);

  /* More than the idle timeout and its countdown, nobody touching: they
   * talk.
   */
  kiosk_test_spin (3500);
  g_assert_null (kiosk_window_get_question (fixture->window));
  g_assert_cmpint (kiosk_session_manager_get_state (manager), ==, KIOSK_STATION_IN_USE);
  g_assert_cmpstr (kiosk_window_get_page (fixture->window), ==, "browser");

  /* Both walked away: after AssistedIdleTimeout, the countdown comes all
   * the same, and the account does not stay open.
   */
  assert_string_becomes (window_question, fixture->window, "idle", "question on screen");
  assert_page_becomes (fixture->window, "ended");
  g_assert_false (kiosk_session_manager_get_assisted (manager));
  g_assert_null (kiosk_window_get_assisted_text (fixture->window));

  /* The mediator leaves: the usual countdown comes back at once. */
  assert_page_becomes (fixture->window, "home");
  open_caf (fixture);
  kiosk_session_manager_set_assisted (manager, TRUE);
  kiosk_session_manager_set_assisted (manager, FALSE);
  g_assert_null (kiosk_window_get_assisted_text (fixture->window));
  assert_string_becomes (window_question, fixture->window, "idle", "question on screen");
  assert_page_becomes (fixture->window, "ended");
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

#define STAFF_PIN SHELL_STAFF_PIN

static KioskStaffPanel *
panel_of (ShellFixture *fixture)
{
  return kiosk_window_get_staff_panel (fixture->window);
}

static const char *
panel_message (gpointer panel)
{
  return kiosk_staff_panel_get_message (panel);
}

/* Types @pin on the keyboard and Enter, as a mediator would. */
static void
type_pin (const char *pin)
{
  xdotool ("type", pin, NULL);
  xdotool ("key", "Return", NULL);
  kiosk_test_spin (200);
}

static void
open_panel_with_the_chord (ShellFixture *fixture)
{
  move_pointer (640, 400);
  xdotool ("key", "ctrl+alt+m", NULL);
  assert_question_becomes (fixture->window, "staff");
  g_assert_false (kiosk_staff_panel_is_unlocked (panel_of (fixture)));
}

static GtkWidget *
find_widget_of_type (GtkWidget *widget,
                     GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget_of_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_staff_panel_ends_a_session (ShellFixture  *fixture,
                                 gconstpointer  data)
{
  KioskSessionManager *manager = manager_of (fixture);
  KioskStaffPanel *panel = panel_of (fixture);

  open_caf (fixture);
  activate (fixture, "win.call-mediator");

  /* The chord reaches the kiosk, not the page; the PIN is asked first. */
  g_test_expect_message ("kiosk-staff-panel", G_LOG_LEVEL_MESSAGE, "Staff panel opened");
  open_panel_with_the_chord (fixture);
  g_test_assert_expected_messages ();
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (fixture_get_web_view (fixture))));

  g_test_expect_message ("kiosk-staff-panel", G_LOG_LEVEL_MESSAGE, "Staff panel unlocked");
  type_pin (STAFF_PIN);
  g_test_assert_expected_messages ();
  g_assert_true (kiosk_staff_panel_is_unlocked (panel));

  /* The mediator is there: the resident's call is answered. */
  g_assert_false (kiosk_session_manager_get_help_requested (manager));

  /* Assisted mode, from the panel's toggle. */
  gtk_widget_activate_action (GTK_WIDGET (panel), "staff.assisted", NULL);
  g_assert_true (kiosk_session_manager_get_assisted (manager));

  gtk_widget_activate_action (GTK_WIDGET (panel), "staff.end-session", NULL);
  g_assert_null (kiosk_window_get_question (fixture->window));
  g_assert_cmpstr (kiosk_window_get_page (fixture->window), ==, "ended");
  g_assert_cmpint (g_array_index (fixture->end_reasons, int, fixture->end_reasons->len - 1), ==,
                   KIOSK_END_STAFF);
  g_assert_false (kiosk_session_manager_get_assisted (manager));

  /* Closed means locked: the next opening asks for the PIN again. */
  open_panel_with_the_chord (fixture);
  gtk_widget_activate_action (GTK_WIDGET (panel), "staff.end-session", NULL);
  g_assert_cmpuint (fixture->end_reasons->len, ==, 1);
  xdotool ("key", "Escape", NULL);
  assert_question_becomes (fixture->window, NULL);
}

static void
test_staff_panel_out_of_service_and_back (ShellFixture  *fixture,
                                          gconstpointer  data)
{
  KioskSessionManager *manager = manager_of (fixture);
  KioskStaffPanel *panel = panel_of (fixture);
  GtkWidget *entry;

  open_caf (fixture);
  open_panel_with_the_chord (fixture);
  type_pin (STAFF_PIN);
  g_assert_true (kiosk_staff_panel_is_unlocked (panel));

  entry = find_widget_of_type (GTK_WIDGET (panel), GTK_TYPE_ENTRY);
  g_assert_nonnull (entry);
  gtk_widget_grab_focus (entry);
  xdotool ("type", "Retour a 14 h", NULL);
  kiosk_test_spin (200);

  g_test_expect_message ("kiosk-session-manager", G_LOG_LEVEL_WARNING,
                         "Out of service: put out of service by a mediator");
  gtk_widget_activate_action (GTK_WIDGET (panel), "staff.out-of-service", NULL);
  g_test_assert_expected_messages ();
  g_assert_cmpstr (kiosk_window_get_page (fixture->window), ==, "out-of-service");
  g_assert_cmpstr (kiosk_window_get_out_of_service_text (fixture->window), ==, "Retour a 14 h");
  g_assert_null (kiosk_window_get_question (fixture->window));
  g_assert_cmpint (g_array_index (fixture->end_reasons, int, fixture->end_reasons->len - 1), ==,
                   KIOSK_END_STAFF);

  /* No keyboard on a touch screen: a long press in the top-left corner.
   * A short one does nothing.
   */
  xdotool ("mousemove", "20", "20", "click", "1", NULL);
  kiosk_test_spin (500);
  g_assert_null (kiosk_window_get_question (fixture->window));
  xdotool ("mousedown", "1", NULL);
  kiosk_test_spin (4000);
  xdotool ("mouseup", "1", NULL);
  assert_question_becomes (fixture->window, "staff");

  type_pin (STAFF_PIN);
  g_test_expect_message ("kiosk-session-manager", G_LOG_LEVEL_MESSAGE, "Back in service");
  gtk_widget_activate_action (GTK_WIDGET (panel), "staff.in-service", NULL);
  g_test_assert_expected_messages ();
  g_assert_cmpint (kiosk_session_manager_get_state (manager), ==, KIOSK_STATION_FREE);
  g_assert_cmpstr (kiosk_window_get_page (fixture->window), ==, "home");
  open_caf (fixture);
}

/* Appended after the [Kiosk] keys: a workshop profile, its service and
 * a training site every service may reach while it is on.
 */
static const char workshop_groups[] =
  "\n"
  "[Profile atelier]\n"
  "Name=Atelier numérique\n"
  "Hosts=*.pix.fr\n"
  "\n"
  "[Service webmail]\n"
  "Name=Ma messagerie\n"
  "Url=http://www.laposte.net/\n"
  "Allow=*.laposte.net\n"
  "Category=famille\n"
  "Profile=atelier\n";

static GtkWidget *
tile (ShellFixture *fixture,
      const char   *service_id)
{
  return find_widget_named (GTK_WIDGET (fixture->window), service_id);
}

static void
set_profile_from_the_panel (ShellFixture *fixture,
                            const char   *profile_id)
{
  KioskStaffPanel *panel = panel_of (fixture);

  open_panel_with_the_chord (fixture);
  type_pin (STAFF_PIN);
  g_assert_true (kiosk_staff_panel_is_unlocked (panel));
  g_test_expect_message ("kiosk-session-manager", G_LOG_LEVEL_MESSAGE, "Profile *");
  gtk_widget_activate_action (GTK_WIDGET (panel), "staff.profile", "s", profile_id);
  g_test_assert_expected_messages ();
  xdotool ("key", "Escape", NULL);
  assert_question_becomes (fixture->window, NULL);
  g_action_group_activate_action (G_ACTION_GROUP (fixture->application), "home", NULL);
}

/* A CAF page's link to the training site, clicked as a resident would. */
static void
follow_link_to_pix (ShellFixture *fixture)
{
  open_caf (fixture);
  webkit_web_view_load_uri (fixture_get_web_view (fixture), "http://www.caf.fr/to-pix");
  assert_title_becomes (fixture_get_web_view (fixture), "Link to Pix");
  run_script (fixture_get_web_view (fixture), "document.getElementById('pix').click()");
}

static void
test_staff_panel_turns_a_workshop_on (ShellFixture  *fixture,
                                      gconstpointer  data)
{
  KioskSessionManager *manager = manager_of (fixture);
  KioskService *webmail = kiosk_config_lookup_service (fixture->config, "webmail");

  kiosk_test_server_add_page (fixture->server, "www.laposte.net", "/",
                              "<title>Webmail test page</title>", NULL);
  kiosk_test_server_add_page (fixture->server, "www.pix.fr", "/",
                              "<title>Pix test page</title>", NULL);
  kiosk_test_server_add_page (fixture->server, "www.caf.fr", "/to-pix",
                              "<title>Link to Pix</title>"
                              "<a id='pix' href='http://www.pix.fr/'>Pix</a>", NULL);

  /* For the public: no tile, and no way in. */
  g_assert_null (tile (fixture, "webmail"));
  g_test_expect_message ("kiosk-window", G_LOG_LEVEL_WARNING,
                         "Service webmail is not opened: its profile atelier is off");
  kiosk_window_open_service (fixture->window, webmail);
  g_test_assert_expected_messages ();
  g_assert_cmpstr (kiosk_window_get_page (fixture->window), ==, "home");

  /* The workshop: its tile, its site, and its training site from any service. */
  set_profile_from_the_panel (fixture, "atelier");
  g_assert_cmpstr (kiosk_profile_get_id (kiosk_session_manager_get_profile (manager)), ==,
                   "atelier");
  g_assert_nonnull (tile (fixture, "webmail"));
  g_assert_nonnull (tile (fixture, "caf"));
  kiosk_window_open_service (fixture->window, webmail);
  assert_title_becomes (fixture_get_web_view (fixture), "Webmail test page");
  follow_link_to_pix (fixture);
  assert_title_becomes (fixture_get_web_view (fixture), "Pix test page");

  /* Staying on, session after session, until staff turn it off. */
  activate (fixture, "win.ask-end-session");
  activate (fixture, "win.confirm-end-session");
  g_assert_nonnull (kiosk_session_manager_get_profile (manager));

  /* Off: the workshop's session is wiped, and its sites are closed again. */
  open_caf (fixture);
  set_profile_from_the_panel (fixture, "");
  g_assert_null (kiosk_session_manager_get_profile (manager));
  g_assert_cmpint (g_array_index (fixture->end_reasons, int, fixture->end_reasons->len - 1), ==,
                   KIOSK_END_STAFF);
  g_assert_null (tile (fixture, "webmail"));
  follow_link_to_pix (fixture);
  assert_page_becomes (fixture->window, "refused");
}

static void
test_staff_pin_lockout (ShellFixture  *fixture,
                        gconstpointer  data)
{
  KioskStaffPanel *panel = panel_of (fixture);
  g_autofree char *locked = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Too many wrong PINs: the panel is locked. Try "
                                             "again in %u minute.",
                                             "Too many wrong PINs: the panel is locked. Try "
                                             "again in %u minutes.", 5), 5);

  open_panel_with_the_chord (fixture);
  for (int i = 0; i < 4; i++)
    {
      g_test_expect_message ("kiosk-staff-panel", G_LOG_LEVEL_MESSAGE, "Wrong staff PIN");
      type_pin ("0000");
      g_test_assert_expected_messages ();
      g_assert_false (kiosk_staff_panel_is_unlocked (panel));
    }
  g_assert_nonnull (strstr (kiosk_staff_panel_get_message (panel), "1"));

  g_assert_false (kiosk_session_manager_get_help_requested (manager_of (fixture)));
  g_test_expect_message ("kiosk-staff-pin", G_LOG_LEVEL_MESSAGE, "5 wrong staff PINs*");
  g_test_expect_message ("kiosk-staff-panel", G_LOG_LEVEL_WARNING,
                         "The staff panel is locked after too many wrong PINs*");
  g_test_expect_message ("kiosk-session-manager", G_LOG_LEVEL_MESSAGE,
                         "Too many wrong staff PINs: the desk is asked to come");
  type_pin ("1111");
  g_test_assert_expected_messages ();
  assert_string_becomes (panel_message, panel, locked, "staff panel message");

  /* Someone may be guessing: the desk sees the station ask for help. */
  g_assert_true (kiosk_session_manager_get_help_requested (manager_of (fixture)));

  /* Locked: even the right PIN is refused, and closing changes nothing. */
  type_pin (STAFF_PIN);
  g_assert_false (kiosk_staff_panel_is_unlocked (panel));
  g_assert_cmpstr (kiosk_staff_panel_get_message (panel), ==, locked);
  xdotool ("key", "Escape", NULL);
  assert_question_becomes (fixture->window, NULL);
  open_panel_with_the_chord (fixture);
  g_assert_cmpstr (kiosk_staff_panel_get_message (panel), ==, locked);
  type_pin (STAFF_PIN);
  g_assert_false (kiosk_staff_panel_is_unlocked (panel));
  xdotool ("key", "Escape", NULL);
  assert_question_becomes (fixture->window, NULL);

  /* The guesser cannot clear the alert by ending a session, nor does a
   * resident's session that ends.
   */
  open_caf (fixture);
  activate (fixture, "win.ask-end-session");
  activate (fixture, "win.confirm-end-session");
  g_assert_cmpuint (fixture->end_reasons->len, ==, 1);
  g_assert_true (kiosk_session_manager_get_help_requested (manager_of (fixture)));
}

/* The alarm of wrong PINs lasts until staff unlock the panel (what
 * clears a request for help); a resident's call ends with their session.
 */
static void
test_pin_alarm_lasts_until_unlocked (ShellFixture  *fixture,
                                     gconstpointer  data)
{
  KioskSessionManager *manager = manager_of (fixture);

  open_caf (fixture);
  activate (fixture, "win.call-mediator");
  g_assert_true (kiosk_session_manager_get_help_requested (manager));
  activate (fixture, "win.ask-end-session");
  activate (fixture, "win.confirm-end-session");
  g_assert_false (kiosk_session_manager_get_help_requested (manager));

  kiosk_session_manager_raise_pin_alarm (manager);
  open_caf (fixture);
  activate (fixture, "win.ask-end-session");
  activate (fixture, "win.confirm-end-session");
  g_assert_true (kiosk_session_manager_get_help_requested (manager));
  g_action_group_activate_action (G_ACTION_GROUP (fixture->application), "end-session", NULL);
  g_assert_true (kiosk_session_manager_get_help_requested (manager));

  open_panel_with_the_chord (fixture);
  type_pin (STAFF_PIN);
  g_assert_true (kiosk_staff_panel_is_unlocked (panel_of (fixture)));
  g_assert_false (kiosk_session_manager_get_help_requested (manager));
}

static void
test_staff_panel_without_a_pin_stays_shut (ShellFixture  *fixture,
                                           gconstpointer  data)
{
  KioskStaffPanel *panel = panel_of (fixture);

  g_test_expect_message ("kiosk-staff-panel", G_LOG_LEVEL_MESSAGE, "Staff panel opened");
  g_test_expect_message ("kiosk-staff-panel", G_LOG_LEVEL_WARNING,
                         "The staff panel stays shut: *");
  open_panel_with_the_chord (fixture);
  g_test_assert_expected_messages ();
  g_assert_nonnull (strstr (kiosk_staff_panel_get_message (panel), "pimms-kiosk-admin set-pin"));

  g_test_expect_message ("kiosk-staff-panel", G_LOG_LEVEL_WARNING,
                         "The staff panel stays shut: *");
  type_pin ("1234");
  g_test_assert_expected_messages ();
  g_assert_false (kiosk_staff_panel_is_unlocked (panel));
}

static void
test_staff_panel_quits_only_when_allowed (ShellFixture  *fixture,
                                          gconstpointer  data)
{
  KioskStaffPanel *panel = panel_of (fixture);
  gboolean allowed = kiosk_config_get_staff_may_quit (fixture->config);
  g_autofree char *private_dir = NULL;

  open_caf (fixture);
  private_dir = g_strdup (kiosk_session_manager_get_private_dir (manager_of (fixture)));
  open_panel_with_the_chord (fixture);
  type_pin (STAFF_PIN);
  g_assert_true (kiosk_staff_panel_is_unlocked (panel));
  g_assert_cmpint (gtk_widget_get_visible (find_action_button (GTK_WIDGET (panel),
                                                                "staff.quit")), ==, allowed);

  g_object_add_weak_pointer (G_OBJECT (fixture->window), (gpointer *) &fixture->window);
  if (allowed)
    g_test_expect_message ("kiosk-staff-panel", G_LOG_LEVEL_MESSAGE,
                           "A mediator quit the kiosk*");
  gtk_widget_activate_action (GTK_WIDGET (panel), "staff.quit", NULL);
  g_test_assert_expected_messages ();
  kiosk_test_spin (200);

  if (allowed)
    {
      /* Gone, and the resident's session with it. */
      g_assert_null (fixture->window);
      g_assert_false (g_file_test (private_dir, G_FILE_TEST_EXISTS));
    }
  else
    {
      g_assert_nonnull (fixture->window);
      g_object_remove_weak_pointer (G_OBJECT (fixture->window), (gpointer *) &fixture->window);
      g_assert_cmpstr (kiosk_window_get_page (fixture->window), ==, "browser");
    }
}

#define TOKEN "desk-console-token-0123456789"

static void
api_setup (ShellFixture  *fixture,
           gconstpointer  data)
{
  g_autofree char *token_path = g_build_filename (g_get_user_config_dir (), "token", NULL);
  g_autofree char *keys = NULL;

  g_mkdir_with_parents (g_get_user_config_dir (), 0700);
  g_assert_true (g_file_set_contents_full (token_path, TOKEN "\n", -1,
                                           G_FILE_SET_CONTENTS_NONE, 0600, NULL));
  keys = g_strdup_printf ("RemoteListen=127.0.0.1:0\nRemoteTokenFile=%s\n%s", token_path,
                          data != NULL ? (const char *) data : "");
  shell_setup_with_keys (fixture, keys);
}

static char *
status_field (ShellFixture *fixture,
              const char   *field)
{
  g_auto(KioskApiAnswer) answer = ask_station_api (fixture, "GET", "/api/v1/status", TOKEN, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;

  g_assert_cmpuint (answer.status, ==, 200);
  g_assert_true (json_parser_load_from_data (parser, answer.body, -1, NULL));
  object = json_node_get_object (json_parser_get_root (parser));
  if (json_node_get_value_type (json_object_get_member (object, field)) == G_TYPE_BOOLEAN)
    return g_strdup (json_object_get_boolean_member (object, field) ? "true" : "false");
  return g_strdup (json_object_get_string_member (object, field));
}

/* The value of one sample of the station's metrics, or -1 without it. */
static gint64
metric (ShellFixture *fixture,
        const char   *sample)
{
  g_auto(KioskApiAnswer) answer = ask_station_api (fixture, "GET", "/api/v1/metrics", TOKEN,
                                                   NULL);
  g_autofree char *line = g_strconcat ("\n", sample, " ", NULL);
  const char *found;

  g_assert_cmpuint (answer.status, ==, 200);
  found = strstr (answer.body, line);
  return found != NULL ? g_ascii_strtoll (found + strlen (line), NULL, 10) : -1;
}

/* What a Prometheus server reads is what the kiosk did: its state, its
 * web processes and memory, the sessions it ended and why, the version of
 * its config; nothing of the resident.
 */
static void
test_the_metrics_say_what_the_kiosk_did (ShellFixture  *fixture,
                                         gconstpointer  data)
{
  g_autofree char *info = NULL;

  g_assert_cmpint (metric (fixture, "pimms_kiosk_state{state=\"free\"}"), ==, 1);
  g_assert_cmpint (metric (fixture, "pimms_kiosk_sessions_ended_total{reason=\"logout\"}"), ==,
                   0);
  g_assert_cmpint (metric (fixture, "pimms_kiosk_resident_memory_bytes{process=\"kiosk\"}"),
                   >, 10 * 1024 * 1024);
  info = g_strdup_printf ("pimms_kiosk_info{station=\"%s\",site=\"%s\",version=\"%s\","
                          "config=\"%s\"}", kiosk_config_get_station_id (fixture->config),
                          kiosk_config_get_site (fixture->config), PACKAGE_VERSION,
                          kiosk_config_get_version (fixture->config));
  g_assert_cmpint (metric (fixture, info), ==, 1);

  open_caf (fixture);
  g_assert_cmpint (metric (fixture, "pimms_kiosk_state{state=\"in-use\"}"), ==, 1);
  g_assert_cmpint (metric (fixture, "pimms_kiosk_web_processes"), >=, 1);
  g_assert_cmpint (metric (fixture, "pimms_kiosk_resident_memory_bytes{process=\"web\"}"),
                   >, 10 * 1024 * 1024);
  {
    g_auto(KioskApiAnswer) answer = ask_station_api (fixture, "GET", "/api/v1/metrics", TOKEN,
                                                     NULL);

    g_assert_null (strstr (answer.body, "caf"));
  }

  activate (fixture, "win.ask-end-session");
  activate (fixture, "win.confirm-end-session");
  g_assert_cmpint (metric (fixture, "pimms_kiosk_sessions_ended_total{reason=\"logout\"}"), ==,
                   1);
  g_assert_cmpint (metric (fixture, "pimms_kiosk_sessions_ended_total{reason=\"idle\"}"), ==, 0);
  g_assert_cmpint (metric (fixture, "pimms_kiosk_wipe_check_failures_total"), ==, 0);
  g_assert_cmpint (metric (fixture, "pimms_kiosk_usage_write_errors_total"), ==, 0);
}

static char *
config_answer (ShellFixture *fixture,
               const char   *method,
               const char   *path,
               const char   *text,
               guint         expected_status)
{
  g_auto(KioskApiAnswer) answer = ask_station_api (fixture, method, path, TOKEN, text);

  g_test_message ("%s %s: %u %s", method, path, answer.status, answer.body);
  g_assert_cmpuint (answer.status, ==, expected_status);
  return g_steal_pointer (&answer.body);
}

static gboolean
runs_config (gpointer user_data)
{
  ShellFixture *fixture = user_data;
  KioskConfig *config = kiosk_application_get_config (fixture->application);

  return config != NULL && kiosk_config_lookup_service (config, "msa") != NULL &&
         kiosk_application_get_window (fixture->application) != NULL;
}

/* The desk sends a catalogue with one more service while a resident uses
 * the station: it is checked and kept at once, and runs once the
 * resident's session ends — never before; the station's own keys stay.
 * A config that does not load is refused with its reason and changes
 * nothing; on a free station, going back to the one before is at once.
 */
static void
test_the_desk_sends_a_config (ShellFixture  *fixture,
                              gconstpointer  data)
{
  KioskUserSession *user_session;
  g_autofree char *own = NULL;
  g_autofree char *more = NULL;
  g_autofree char *broken = NULL;
  g_autofree char *answer = NULL;
  g_autofree char *version = NULL;
  g_autofree char *pending = NULL;
  g_autofree char *running = NULL;
  const char *first_version = kiosk_config_get_version (fixture->config);
  gpointer first_window = fixture->window;

  g_assert_true (g_file_get_contents (kiosk_config_get_path (fixture->config), &own, NULL, NULL));
  more = g_strconcat (own, "\n[Service msa]\nName=MSA\nUrl=http://www.msa.fr/\n"
                      "Allow=*.msa.fr\nCategory=sante\n", NULL);
  broken = g_strconcat (own, "\n[Service msa]\nName=MSA\nUrl=http://www.msa.fr/\n"
                        "Allow=*.caf.fr\nCategory=sante\n", NULL);
  running = status_field (fixture, "config");
  g_assert_cmpstr (running, ==, first_version);

  open_caf (fixture);
  user_session = kiosk_window_get_user_session (fixture->window);

  /* Refused, with the reason: nothing changes. */
  answer = config_answer (fixture, "PUT", "/api/v1/config", broken, 422);
  g_assert_nonnull (strstr (answer, "[Service msa]"));
  g_clear_pointer (&answer, g_free);
  pending = status_field (fixture, "config_pending");
  g_assert_null (pending);

  /* Accepted, for after the session. */
  answer = config_answer (fixture, "PUT", "/api/v1/config", more, 200);
  g_assert_nonnull (strstr (answer, "\"pending\":true"));
  pending = status_field (fixture, "config_pending");
  g_assert_nonnull (pending);
  g_assert_cmpstr (pending, !=, first_version);
  kiosk_test_spin (500);
  g_assert_true (kiosk_window_get_user_session (fixture->window) == user_session);
  g_assert_cmpstr (kiosk_window_get_page (fixture->window), ==, "browser");
  g_assert_null (kiosk_config_lookup_service (kiosk_application_get_config (
                   fixture->application), "msa"));

  activate (fixture, "win.ask-end-session");
  activate (fixture, "win.confirm-end-session");
  /* Gone once destroyed: the new window may then take its address. */
  g_object_add_weak_pointer (G_OBJECT (first_window), &first_window);
  g_assert_true (kiosk_test_wait_until (runs_config, fixture, LOAD_TIMEOUT));
  fixture->window = kiosk_application_get_window (fixture->application);
  g_assert_true (first_window == NULL || fixture->window != first_window);
  if (first_window != NULL)
    g_object_remove_weak_pointer (G_OBJECT (first_window), &first_window);
  g_clear_pointer (&running, g_free);
  running = status_field (fixture, "config");
  g_assert_cmpstr (running, ==, pending);
  g_clear_pointer (&version, g_free);
  version = status_field (fixture, "config_pending");
  g_assert_null (version);
  g_assert_cmpstr (kiosk_config_get_station_id (kiosk_application_get_config (
                     fixture->application)), ==,
                   kiosk_config_get_station_id (fixture->config));

  /* Free: back to the one before, at once. */
  g_clear_pointer (&answer, g_free);
  answer = config_answer (fixture, "POST", "/api/v1/config/roll-back", NULL, 200);
  g_assert_nonnull (strstr (answer, "\"pending\":false"));
  g_assert_null (kiosk_config_lookup_service (kiosk_application_get_config (
                   fixture->application), "msa"));
  fixture->window = kiosk_application_get_window (fixture->application);
  g_clear_pointer (&running, g_free);
  running = status_field (fixture, "config");
  g_assert_cmpstr (running, ==, first_version);
}

static void
test_the_desk_drives_the_station (ShellFixture  *fixture,
                                  gconstpointer  data)
{
  KioskSessionManager *manager = manager_of (fixture);
  g_autofree char *state = NULL;

  g_assert_nonnull (kiosk_window_get_remote (fixture->window));

  /* Nobody gets in without the token. */
  {
    g_auto(KioskApiAnswer) anonymous =
      ask_station_api (fixture, "GET", "/api/v1/status", NULL, NULL);
    g_auto(KioskApiAnswer) wrong =
      ask_station_api (fixture, "GET", "/api/v1/status", "guess", NULL);

    g_assert_cmpuint (anonymous.status, ==, 401);
    g_assert_cmpuint (wrong.status, ==, 401);
  }

  state = status_field (fixture, "state");
  g_assert_cmpstr (state, ==, "free");

  /* In use: the desk sees that, and nothing of what the resident does. */
  open_caf (fixture);
  {
    g_auto(KioskApiAnswer) answer = ask_station_api (fixture, "GET", "/api/v1/status", TOKEN, NULL);

    g_assert_nonnull (strstr (answer.body, "\"in-use\""));
    g_assert_null (strstr (answer.body, "caf"));
    g_assert_null (strstr (answer.body, "CAF"));
  }

  activate (fixture, "win.call-mediator");
  {
    g_autofree char *help = status_field (fixture, "help_requested");

    g_assert_cmpstr (help, ==, "true");
  }

  /* Reset from the desk: the session is wiped, as "End my session" would. */
  {
    g_auto(KioskApiAnswer) answer = ask_station_api (fixture, "POST", "/api/v1/reset", TOKEN, NULL);

    g_assert_cmpuint (answer.status, ==, 200);
  }
  g_assert_cmpstr (kiosk_window_get_page (fixture->window), ==, "ended");
  g_assert_cmpint (g_array_index (fixture->end_reasons, int, fixture->end_reasons->len - 1), ==,
                   KIOSK_END_REMOTE);

  /* Out of service with a message, then back. */
  g_test_expect_message ("kiosk-session-manager", G_LOG_LEVEL_WARNING,
                         "Out of service: put out of service from the desk");
  {
    g_auto(KioskApiAnswer) answer =
      ask_station_api (fixture, "POST", "/api/v1/out-of-service", TOKEN,
                       "{\"message\": \"Écran en réparation\"}");

    g_assert_cmpuint (answer.status, ==, 200);
  }
  g_test_assert_expected_messages ();
  g_assert_cmpstr (kiosk_window_get_page (fixture->window), ==, "out-of-service");
  g_assert_cmpstr (kiosk_window_get_out_of_service_text (fixture->window), ==,
                   "Écran en réparation");
  g_free (state);
  state = status_field (fixture, "state");
  g_assert_cmpstr (state, ==, "out-of-service");

  g_test_expect_message ("kiosk-session-manager", G_LOG_LEVEL_MESSAGE, "Back in service");
  {
    g_auto(KioskApiAnswer) answer =
      ask_station_api (fixture, "POST", "/api/v1/in-service", TOKEN, NULL);

    g_assert_cmpuint (answer.status, ==, 200);
  }
  g_test_assert_expected_messages ();
  g_assert_cmpstr (kiosk_window_get_page (fixture->window), ==, "home");
  g_assert_cmpint (kiosk_session_manager_get_state (manager), ==, KIOSK_STATION_FREE);

  /* Bad input never changes the station. */
  {
    g_auto(KioskApiAnswer) broken =
      ask_station_api (fixture, "POST", "/api/v1/out-of-service", TOKEN, "{not json");

    g_assert_cmpuint (broken.status, ==, 400);
    g_assert_cmpint (kiosk_session_manager_get_state (manager), ==, KIOSK_STATION_FREE);
  }
}

static guint
post_take_help (ShellFixture *fixture,
                const char   *body)
{
  g_auto(KioskApiAnswer) answer = ask_station_api (fixture, "POST", "/api/v1/take-help", TOKEN,
                                                   body);

  return answer.status;
}

/* "J'y vais": a mediator at the desk takes the call; the resident learns
 * that someone comes, other consoles see who, and the message goes once
 * the mediator is there.
 */
static void
test_the_desk_takes_a_call (ShellFixture  *fixture,
                            gconstpointer  data)
{
  KioskSessionManager *manager = manager_of (fixture);
  g_autofree char *taken = NULL;

  open_caf (fixture);

  /* Nobody calls: nothing to take. */
  g_assert_cmpuint (post_take_help (fixture, "{\"by\": \"Sonia\"}"), ==, 409);

  activate (fixture, "win.call-mediator");
  /* The desk asked for the status above: it listens. */
  g_assert_cmpstr (kiosk_window_get_notice (fixture->window), ==,
                   _("A mediator has been told. Someone will come to you soon."));

  /* Names that are no names change nothing. */
  g_assert_cmpuint (post_take_help (fixture, NULL), ==, 400);
  g_assert_cmpuint (post_take_help (fixture, "{\"by\": \"  \"}"), ==, 400);
  g_assert_cmpuint (post_take_help (fixture, "{\"by\": \"Sonia\\nKarim\"}"), ==, 400);
  g_assert_cmpuint (post_take_help (fixture, "{\"by\": 7}"), ==, 400);
  taken = status_field (fixture, "help_taken_by");
  g_assert_null (taken);

  g_assert_cmpuint (post_take_help (fixture, "{\"by\": \" Sonia \"}"), ==, 200);
  taken = status_field (fixture, "help_taken_by");
  g_assert_cmpstr (taken, ==, "Sonia");
  g_assert_cmpstr (kiosk_window_get_notice (fixture->window), ==,
                   _("A mediator is on their way to you."));
  /* Only the mediator's name: the resident's screen does not change. */
  g_assert_cmpstr (kiosk_window_get_page (fixture->window), ==, "browser");

  /* A second mediator is told someone goes already; the first one may
   * say it again (two clicks, or a console that retries).
   */
  g_assert_cmpuint (post_take_help (fixture, "{\"by\": \"Karim\"}"), ==, 409);
  g_assert_cmpuint (post_take_help (fixture, "{\"by\": \"Sonia\"}"), ==, 200);
  g_free (taken);
  taken = status_field (fixture, "help_taken_by");
  g_assert_cmpstr (taken, ==, "Sonia");

  /* Sonia is there: the call is answered, and the message goes. */
  kiosk_session_manager_set_assisted (manager, TRUE);
  g_assert_false (kiosk_session_manager_get_help_requested (manager));
  g_assert_null (kiosk_window_get_notice (fixture->window));
  g_free (taken);
  taken = status_field (fixture, "help_taken_by");
  g_assert_null (taken);

  /* A new call waits for someone to take it. */
  kiosk_session_manager_set_assisted (manager, FALSE);
  activate (fixture, "win.call-mediator");
  g_free (taken);
  taken = status_field (fixture, "help_taken_by");
  g_assert_null (taken);
}

/* A reset from the desk that asks first: whoever sits there says they go
 * on, or that they have finished; nobody answering means nobody is there.
 */
static void
test_the_desk_asks_before_a_reset (ShellFixture  *fixture,
                                   gconstpointer  data)
{
  guint ends = fixture->end_reasons->len;

  open_caf (fixture);
  {
    g_auto(KioskApiAnswer) answer = ask_station_api (fixture, "POST", "/api/v1/ask-reset", TOKEN,
                                                     NULL);

    g_assert_cmpuint (answer.status, ==, 200);
  }
  /* Nothing ended: the resident is asked, and told why. */
  g_assert_cmpuint (fixture->end_reasons->len, ==, ends);
  g_assert_cmpstr (kiosk_window_get_page (fixture->window), ==, "browser");
  g_assert_cmpstr (kiosk_window_get_question (fixture->window), ==, "desk-asks-to-end");

  /* "Continue": the session goes on, and its idle clock from now. */
  activate (fixture, "win.continue-session");
  g_assert_null (kiosk_window_get_question (fixture->window));
  kiosk_test_spin (1500);
  g_assert_cmpuint (fixture->end_reasons->len, ==, ends);
  g_assert_cmpstr (kiosk_window_get_page (fixture->window), ==, "browser");

  /* Asked again, and nobody is there to answer: the session ends as the
   * desk asked, and the home screen waits for the next person.
   */
  {
    g_auto(KioskApiAnswer) answer = ask_station_api (fixture, "POST", "/api/v1/ask-reset", TOKEN,
                                                     NULL);

    g_assert_cmpuint (answer.status, ==, 200);
  }
  g_assert_cmpstr (kiosk_window_get_question (fixture->window), ==, "desk-asks-to-end");
  assert_string_becomes (window_page, fixture->window, "ended", "page");
  g_assert_cmpuint (fixture->end_reasons->len, ==, ends + 1);
  g_assert_cmpint (g_array_index (fixture->end_reasons, int, fixture->end_reasons->len - 1), ==,
                   KIOSK_END_REMOTE);
  g_assert_null (kiosk_window_get_question (fixture->window));

  /* Asked while nobody uses it, the station has nothing to ask. */
  assert_string_becomes (window_page, fixture->window, "home", "page");
  ends = fixture->end_reasons->len;
  {
    g_auto(KioskApiAnswer) answer = ask_station_api (fixture, "POST", "/api/v1/ask-reset", TOKEN,
                                                     NULL);

    g_assert_cmpuint (answer.status, ==, 200);
  }
  g_assert_null (kiosk_window_get_question (fixture->window));
}

/* The resident who has finished says so: the farewell is theirs. */
static void
test_the_resident_answers_the_desk (ShellFixture  *fixture,
                                    gconstpointer  data)
{
  open_caf (fixture);
  {
    g_auto(KioskApiAnswer) answer = ask_station_api (fixture, "POST", "/api/v1/ask-reset", TOKEN,
                                                     NULL);

    g_assert_cmpuint (answer.status, ==, 200);
  }
  activate (fixture, "win.confirm-end-session");
  g_assert_cmpint (g_array_index (fixture->end_reasons, int, fixture->end_reasons->len - 1), ==,
                   KIOSK_END_LOGOUT);
  g_assert_cmpstr (kiosk_window_get_page (fixture->window), ==, "ended");
}

static void
api_setup_with_open_token (ShellFixture  *fixture,
                           gconstpointer  data)
{
  g_autofree char *token_path = g_build_filename (g_get_user_config_dir (), "open-token", NULL);
  g_autofree char *keys = NULL;

  g_mkdir_with_parents (g_get_user_config_dir (), 0700);
  g_assert_true (g_file_set_contents_full (token_path, TOKEN "\n", -1,
                                           G_FILE_SET_CONTENTS_NONE, 0644, NULL));
  keys = g_strdup_printf ("RemoteListen=127.0.0.1:0\nRemoteTokenFile=%s\n", token_path);
  g_test_expect_message ("kiosk-application", G_LOG_LEVEL_WARNING, "The station API is closed: *");
  shell_setup_with_keys (fixture, keys);
  g_test_assert_expected_messages ();
}

static void
test_a_token_others_can_read_keeps_the_api_closed (ShellFixture  *fixture,
                                                   gconstpointer  data)
{
  /* No API, and residents are served all the same. */
  g_assert_null (kiosk_window_get_remote (fixture->window));
  g_assert_cmpstr (kiosk_window_get_page (fixture->window), ==, "home");
  open_caf (fixture);
}

/* The disk fills up: the desk reads that the station's counting is
 * paused, and that it goes on once there is room again.
 */
static void
test_the_desk_sees_counting_paused (ShellFixture  *fixture,
                                    gconstpointer  data)
{
  KioskUsageCounter *counter = kiosk_session_manager_get_usage_counter (manager_of (fixture));
  char *paused;

  open_caf (fixture);
  kiosk_usage_counter_flush (counter);
  paused = status_field (fixture, "counting_paused");
  g_assert_cmpstr (paused, ==, "false");
  g_free (paused);

  if (!end_the_session_on_a_full_disk (fixture))
    return;
  paused = status_field (fixture, "counting_paused");
  g_assert_cmpstr (paused, ==, "true");
  g_free (paused);

  free_up_the_disk (fixture);
  paused = status_field (fixture, "counting_paused");
  g_assert_cmpstr (paused, ==, "false");
  g_free (paused);
}

/* A flood on the station API: a script gone wrong at the desk, or someone
 * on the network guessing the token. */
#define N_GUESSES 400
#define N_DESK_ASKS 200

typedef struct
{
  guint answered;
  guint by_status[600];
} Flood;

typedef struct
{
  Flood       *flood;
  SoupMessage *message;
} FloodAsk;

static void
flood_answered_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  FloodAsk *ask_data = user_data;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result,
                                                              NULL);
  guint status = soup_message_get_status (ask_data->message);

  ask_data->flood->by_status[MIN (status, G_N_ELEMENTS (ask_data->flood->by_status) - 1)]++;
  ask_data->flood->answered++;
  g_object_unref (ask_data->message);
  g_free (ask_data);
}

static void
send_flood (SoupSession *session,
            guint        port,
            const char  *token,
            guint        count,
            Flood       *flood)
{
  g_autofree char *uri = g_strdup_printf ("http://127.0.0.1:%u/api/v1/status", port);
  g_autofree char *authorization = g_strconcat ("Bearer ", token, NULL);

  for (guint i = 0; i < count; i++)
    {
      FloodAsk *ask_data = g_new0 (FloodAsk, 1);

      ask_data->flood = flood;
      ask_data->message = soup_message_new ("GET", uri);
      soup_message_headers_replace (soup_message_get_request_headers (ask_data->message),
                                    "Authorization", authorization);
      soup_session_send_and_read_async (session, ask_data->message, G_PRIORITY_DEFAULT, NULL,
                                        flood_answered_cb, ask_data);
    }
}

typedef struct
{
  Flood *guesser;
  Flood *desk;
} Floods;

static gboolean
floods_are_answered (gpointer user_data)
{
  Floods *floods = user_data;

  return floods->guesser->answered == N_GUESSES && floods->desk->answered == N_DESK_ASKS;
}

/* Hundreds of requests at once, from a guesser (on another address: a
 * station sees the desk and an intruder come from different places) and
 * from the desk: the guesser is soon told to wait, the desk gets every
 * answer, and the resident opens a service and ends the session
 * meanwhile as on any day.
 */
static void
test_a_flood_of_requests (ShellFixture  *fixture,
                          gconstpointer  data)
{
  guint port = kiosk_remote_get_port (kiosk_window_get_remote (fixture->window));
  g_autoptr(GInetAddress) elsewhere = g_inet_address_new_from_string ("127.0.0.2");
  g_autoptr(GSocketAddress) guesser_address = g_inet_socket_address_new (elsewhere, 0);
  g_autoptr(SoupSession) guesser_session =
    soup_session_new_with_options ("local-address", guesser_address, "max-conns", 64,
                                   "max-conns-per-host", 64, NULL);
  g_autoptr(SoupSession) desk_session =
    soup_session_new_with_options ("max-conns", 64, "max-conns-per-host", 64, NULL);
  Flood guesser = { 0, { 0 } };
  Flood desk = { 0, { 0 } };
  Floods floods = { &guesser, &desk };

  send_flood (guesser_session, port, "guess", N_GUESSES, &guesser);
  send_flood (desk_session, port, TOKEN, N_DESK_ASKS, &desk);

  open_caf (fixture);
  g_assert_true (kiosk_test_wait_until (floods_are_answered, &floods, 120));

  /* A few tries, then waiting: a wait doubles with each try after it. */
  g_assert_cmpuint (guesser.by_status[401], >=, KIOSK_STATION_API_FAILURES_BEFORE_DELAY);
  g_assert_cmpuint (guesser.by_status[401], <=, KIOSK_STATION_API_FAILURES_BEFORE_DELAY + 4);
  g_assert_cmpuint (guesser.by_status[401] + guesser.by_status[429], ==, N_GUESSES);
  g_assert_cmpuint (desk.by_status[200], ==, N_DESK_ASKS);

  {
    g_autofree char *state = status_field (fixture, "state");

    g_assert_cmpstr (state, ==, "in-use");
  }
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
  gtk_init ();

  g_test_add ("/station/an-idle-end-is-told", ShellFixture, "IdleTimeout=2\nIdleWarning=1\n",
              shell_setup_with_keys, test_an_idle_end_is_told, shell_teardown);
  g_test_add ("/station/calling-a-mediator", ShellFixture, NULL, shell_setup,
              test_calling_a_mediator, shell_teardown);
  g_test_add ("/station/assisted-mode-pauses-the-idle-countdown", ShellFixture,
              "IdleTimeout=2\nIdleWarning=1\nAssistedIdleTimeout=6\n", shell_setup_with_keys,
              test_assisted_mode_pauses_the_idle_countdown, shell_teardown);
  g_test_add ("/station/back-in-service", ShellFixture, NULL, shell_setup,
              test_back_in_service, shell_teardown);

  g_test_add ("/station/staff-panel-ends-a-session", ShellFixture, NULL, shell_setup_with_staff_pin,
              test_staff_panel_ends_a_session, shell_teardown);
  g_test_add ("/station/staff-panel-out-of-service-and-back", ShellFixture, NULL,
              shell_setup_with_staff_pin, test_staff_panel_out_of_service_and_back, shell_teardown);
  g_test_add ("/station/staff-pin-lockout", ShellFixture, NULL, shell_setup_with_staff_pin,
              test_staff_pin_lockout, shell_teardown);
  g_test_add ("/station/pin-alarm-lasts-until-unlocked", ShellFixture, NULL,
              shell_setup_with_staff_pin, test_pin_alarm_lasts_until_unlocked, shell_teardown);
  g_test_add ("/station/staff-panel-without-a-pin-stays-shut", ShellFixture,
              "StaffPinFile=/nonexistent/staff-pin\n", shell_setup_with_keys,
              test_staff_panel_without_a_pin_stays_shut, shell_teardown);
  g_test_add ("/station/staff-panel-turns-a-workshop-on", ShellFixture, workshop_groups,
              shell_setup_with_staff_pin, test_staff_panel_turns_a_workshop_on, shell_teardown);
  g_test_add ("/station/staff-panel-may-not-quit", ShellFixture, NULL, shell_setup_with_staff_pin,
              test_staff_panel_quits_only_when_allowed, shell_teardown);
  g_test_add ("/station/staff-panel-quits-when-allowed", ShellFixture, "StaffMayQuit=true\n",
              shell_setup_with_staff_pin, test_staff_panel_quits_only_when_allowed, shell_teardown);

  g_test_add ("/station/the-desk-sees-counting-paused", ShellFixture, NULL, api_setup,
              test_the_desk_sees_counting_paused, shell_teardown);
  g_test_add ("/station/a-flood-of-requests", ShellFixture, NULL, api_setup,
              test_a_flood_of_requests, shell_teardown);
  g_test_add ("/station/the-desk-takes-a-call", ShellFixture, NULL, api_setup,
              test_the_desk_takes_a_call, shell_teardown);
  g_test_add ("/station/the-desk-asks-before-a-reset", ShellFixture, "IdleWarning=2\n", api_setup,
              test_the_desk_asks_before_a_reset, shell_teardown);
  g_test_add ("/station/the-resident-answers-the-desk", ShellFixture, NULL, api_setup,
              test_the_resident_answers_the_desk, shell_teardown);
  g_test_add ("/station/the-metrics-say-what-the-kiosk-did", ShellFixture, NULL, api_setup,
              test_the_metrics_say_what_the_kiosk_did, shell_teardown);
  g_test_add ("/station/the-desk-sends-a-config", ShellFixture, NULL, api_setup,
              test_the_desk_sends_a_config, shell_teardown);
  g_test_add ("/station/the-desk-drives-the-station", ShellFixture, NULL, api_setup,
              test_the_desk_drives_the_station, shell_teardown);
  g_test_add ("/station/a-token-others-can-read-keeps-the-api-closed", ShellFixture, NULL,
              api_setup_with_open_token, test_a_token_others_can_read_keeps_the_api_closed,
              shell_teardown);

  status = g_test_run ();

  kiosk_files_remove_tree (test_root, NULL);
  return status;
}
