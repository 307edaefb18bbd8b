/* test-languages.c — a resident changes the kiosk's language, under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-test"

#include "config.h"

#include <glib/gi18n.h>
#include <libintl.h>

#include "kiosk-files.h"
#include "kiosk-language.h"

#include <string.h>
#include "shell-fixture.h"

static void
languages_setup (ShellFixture  *fixture,
                 gconstpointer  data)
{
  shell_setup_with_keys (fixture, data);

  /* Laid out, for the tests that click. */
  kiosk_test_spin (500);
}

static KioskVoice *wait_for_a_voice (ShellFixture *fixture);

/* The window is built again in each language: follow it. */
static KioskWindow *
window_of (ShellFixture *fixture)
{
  fixture->window = kiosk_application_get_window (fixture->application);
  return fixture->window;
}

static const char *
current_language (gpointer unused)
{
  return kiosk_language_get_current ();
}

static void
choose_language (ShellFixture *fixture,
                 const char   *code)
{
  g_action_group_activate_action (G_ACTION_GROUP (fixture->application), "language",
                                  g_variant_new_string (code));
  kiosk_test_spin (100);
  window_of (fixture);
}

static gboolean
session_is_readied (gpointer user_data)
{
  ShellFixture *fixture = user_data;
  KioskUserSession *user_session = kiosk_window_get_user_session (fixture->window);

  return user_session != NULL && kiosk_user_session_is_prepared (user_session) &&
         !webkit_web_view_is_loading (kiosk_user_session_get_web_view (user_session));
}

/* The session readied before the tap (its web process already running)
 * still takes the language a resident chooses on the home screen: the
 * sites are asked in it, and its pages' scripts read it.
 */
static void
test_a_readied_session_takes_the_language (ShellFixture  *fixture,
                                           gconstpointer  data)
{
  const KioskTestRequest *request;

  kiosk_test_server_add_page (fixture->server, "www.caf.fr", "/langue",
                              "<title>…</title><script>"
                              "document.title = 'langue:' + navigator.language;</script>", NULL);
  g_assert_true (kiosk_test_wait_until (session_is_readied, fixture, LOAD_TIMEOUT));

  choose_language (fixture, "ar");
  load_caf_page (fixture, "/langue", "langue:ar");
  request = kiosk_test_server_last_request (fixture->server, "www.caf.fr");
  g_assert_true (g_str_has_prefix (request->accept_language, "ar"));
}

static void
test_switching_keeps_the_session (ShellFixture  *fixture,
                                  gconstpointer  data)
{
  KioskWindow *french = fixture->window;
  gpointer old_window = french;
  WebKitWebView *web_view;

  /* Gone once destroyed: the new window may then take its address. */
  g_object_add_weak_pointer (G_OBJECT (old_window), &old_window);

  g_assert_cmpstr (kiosk_language_get_current (), ==, "fr");
  g_assert_cmpstr (kiosk_window_get_title (french), ==, "Services publics");

  /* A service first: the language is chosen on the home screen, and the
   * session goes on in the new one.
   */
  open_caf (fixture);
  web_view = fixture_get_web_view (fixture);
  choose_language (fixture, "en");
  g_assert_cmpstr (kiosk_language_get_current (), ==, "fr");

  g_action_group_activate_action (G_ACTION_GROUP (fixture->application), "home", NULL);
  choose_language (fixture, "en");
  g_assert_cmpstr (kiosk_language_get_current (), ==, "en");
  g_assert_true (old_window == NULL || window_of (fixture) != old_window);
  window_of (fixture);
  if (old_window != NULL)
    g_object_remove_weak_pointer (G_OBJECT (old_window), &old_window);
  g_assert_cmpstr (kiosk_window_get_page (fixture->window), ==, "home");
  g_assert_cmpstr (kiosk_window_get_title (fixture->window), ==, "Public services");
  g_assert_true (fixture_get_web_view (fixture) == web_view);
  g_assert_cmpstr (webkit_web_view_get_title (web_view), ==, "CAF test page");
  g_assert_cmpint (kiosk_session_manager_get_state (kiosk_window_get_session_manager (
                     fixture->window)), ==, KIOSK_STATION_IN_USE);
}

static void
test_arabic_reads_right_to_left (ShellFixture  *fixture,
                                 gconstpointer  data)
{
  choose_language (fixture, "ar");
  g_assert_cmpstr (kiosk_language_get_current (), ==, "ar");
  g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (window_of (fixture))), ==,
                   GTK_TEXT_DIR_RTL);
  g_assert_cmpint (gtk_widget_get_direction (kiosk_window_get_toolbar (fixture->window)), ==,
                   GTK_TEXT_DIR_RTL);

  choose_language (fixture, "fr");
  g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (window_of (fixture))), ==,
                   GTK_TEXT_DIR_LTR);
}

static void
test_the_next_person_starts_in_french (ShellFixture  *fixture,
                                       gconstpointer  data)
{
  choose_language (fixture, "es");
  g_assert_cmpstr (kiosk_language_get_current (), ==, "es");
  open_caf (fixture);

  /* The farewell in the resident's language, then the station's. */
  kiosk_window_end_session (window_of (fixture), KIOSK_END_LOGOUT);
  g_assert_cmpstr (kiosk_window_get_page (window_of (fixture)), ==, "ended");
  g_assert_cmpstr (kiosk_language_get_current (), ==, "es");
  assert_string_becomes (current_language, NULL, "fr", "language");
  g_assert_cmpstr (kiosk_window_get_page (window_of (fixture)), ==, "home");
  g_assert_cmpstr (kiosk_window_get_title (fixture->window), ==, "Services publics");
  open_caf (fixture);
}

/* Appended after the [Kiosk] keys: a service found by its keywords. */
static const char ants_group[] =
  "\n"
  "[Service ants]\n"
  "Name=ANTS\n"
  "Description=Carte grise, permis, passeport\n"
  "Description[ar]=رخصة السياقة وجواز السفر\n"
  "Keywords=carte grise;permis de conduire;passeport;immatriculation\n"
  "Keywords[ar]=رخصة القيادة;جواز السفر\n"
  "Url=http://ants.gouv.fr/\n"
  "Allow=ants.gouv.fr\n"
  "Category=papiers\n";

static GtkWidget *
tile (ShellFixture *fixture,
      const char   *service_id)
{
  return window_widget_named (fixture, service_id);
}

static gboolean
tile_shown (ShellFixture *fixture,
            const char   *service_id)
{
  return gtk_widget_is_visible (tile (fixture, service_id));
}

static GtkWidget *
find_first_visible_tile (GtkWidget *widget)
{
  if (!gtk_widget_get_visible (widget))
    return NULL;
  if (gtk_widget_has_css_class (widget, "service-tile"))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_first_visible_tile (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The name of the first tile the home screen shows, as a resident reads
 * it from the top.
 */
static const char *
first_tile_shown (ShellFixture *fixture)
{
  GtkWidget *home = GTK_WIDGET (kiosk_window_get_home_view (fixture->window));
  GtkWidget *first = find_first_visible_tile (home);

  return first != NULL ? gtk_widget_get_name (first) : NULL;
}

static gboolean
only_caf_is_shown (gpointer user_data)
{
  ShellFixture *fixture = user_data;

  return tile_shown (fixture, "caf") && !tile_shown (fixture, "ameli") &&
         !tile_shown (fixture, "ants");
}

static void
test_an_arabic_reader_finds_caf (ShellFixture  *fixture,
                                 gconstpointer  data)
{
  KioskHomeView *home;

  /* One tap on "العربية", at the top of the home screen. */
  click_in_the_middle_of (find_widget_named (GTK_WIDGET (fixture->window), "ar"));
  assert_string_becomes (current_language, NULL, "ar", "language");
  window_of (fixture);
  kiosk_test_spin (500);
  g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (fixture->window)), ==, GTK_TEXT_DIR_RTL);
  home = kiosk_window_get_home_view (fixture->window);
  g_assert_cmpstr (kiosk_service_get_description (
                     kiosk_config_lookup_service (fixture->config, "ants")), ==,
                   "رخصة السياقة وجواز السفر");

  /* Searching in Arabic, with the catalogue's Arabic keywords. */
  kiosk_home_view_search (home, "جواز السفر");
  g_assert_true (tile_shown (fixture, "ants"));
  g_assert_false (tile_shown (fixture, "caf"));

  /* "CAF", typed on the keyboard. */
  kiosk_home_view_clear_search (home);
  click_in_the_middle_of (find_widget_named (GTK_WIDGET (home), "service-search"));
  xdotool ("type", "caf", NULL);
  g_assert_true (kiosk_test_wait_until (only_caf_is_shown, fixture, LOAD_TIMEOUT));

  click_in_the_middle_of (tile (fixture, "caf"));
  assert_title_becomes (fixture_get_web_view (fixture), "CAF test page");
  g_assert_cmpstr (kiosk_window_get_page (fixture->window), ==, "browser");

  /* The resident ends their session and reads the farewell in Arabic;
   * then the next one finds the kiosk as new.
   */
  activate (fixture, "win.ask-end-session");
  activate (fixture, "win.confirm-end-session");
  assert_page_becomes (fixture->window, "ended");
  kiosk_test_spin (1000);
  g_assert_cmpstr (kiosk_window_get_page (window_of (fixture)), ==, "ended");
  g_assert_cmpstr (current_language (NULL), ==, "ar");
  g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (fixture->window)), ==, GTK_TEXT_DIR_RTL);
  assert_string_becomes (current_language, NULL, "fr", "language");
  window_of (fixture);
  g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (fixture->window)), ==, GTK_TEXT_DIR_LTR);
  g_assert_true (tile_shown (fixture, "ameli"));
  g_assert_true (tile_shown (fixture, "ants"));
}

static void
test_a_search_with_no_answer_says_so (ShellFixture  *fixture,
                                      gconstpointer  data)
{
  KioskHomeView *home = kiosk_window_get_home_view (fixture->window);
  GtkWidget *no_match = find_widget_named (GTK_WIDGET (home), "no-match");

  g_assert_false (gtk_widget_get_visible (no_match));
  kiosk_home_view_search (home, "piscine municipale");
  g_assert_true (gtk_widget_get_visible (no_match));
  g_assert_false (tile_shown (fixture, "caf"));
  /* The answers come first on the screen, from the start of a word. */
  kiosk_home_view_search (home, "perm");
  g_assert_false (gtk_widget_get_visible (no_match));
  g_assert_cmpstr (first_tile_shown (fixture), ==, "ants");
  kiosk_home_view_search (home, "ermis");
  g_assert_true (gtk_widget_get_visible (no_match));
  kiosk_home_view_search (home, "IMMATRICULATION");
  g_assert_false (gtk_widget_get_visible (no_match));
  g_assert_true (tile_shown (fixture, "ants"));
}

static gboolean
is_high_contrast (ShellFixture *fixture)
{
  return gtk_widget_has_css_class (GTK_WIDGET (fixture->window), "high-contrast");
}

static void
test_high_contrast_lasts_the_session (ShellFixture  *fixture,
                                      gconstpointer  data)
{
  g_assert_false (is_high_contrast (fixture));
  click_in_the_middle_of (find_widget_named (GTK_WIDGET (fixture->window), "high-contrast"));
  kiosk_test_spin (200);
  g_assert_true (is_high_contrast (fixture));

  /* Another language is another window: the choice goes with the session. */
  choose_language (fixture, "pt");
  g_assert_true (is_high_contrast (fixture));
  g_assert_true (gtk_toggle_button_get_active (
    GTK_TOGGLE_BUTTON (find_widget_named (GTK_WIDGET (fixture->window), "high-contrast"))));

  open_caf (fixture);
  kiosk_window_end_session (fixture->window, KIOSK_END_LOGOUT);
  assert_string_becomes (current_language, NULL, "fr", "language");
  window_of (fixture);
  g_assert_false (is_high_contrast (fixture));
}

static GtkWidget *
welcome (ShellFixture *fixture)
{
  return window_widget_named (fixture, "welcome");
}

/* Clicks A+ or A−, and waits for the home screen to change size. */
static int
click_text_size (ShellFixture *fixture,
                 const char   *button)
{
  int width = natural_width (welcome (fixture));

  click_in_the_middle_of (window_widget_named (fixture, button));
  return wait_for_natural_width_change (welcome (fixture), width);
}

/* A+ on the home screen, then another language: the new window's text is
 * still large (A− shrinks it back), the page opened then is zoomed, and
 * the next person starts at the usual size.
 */
/* The toolbar of a service, with a document kept, holds on a 1280-pixel
 * screen in every language of the kiosk: a button pushed off the edge
 * (Portuguese's "Terminar a minha sessão") is one a resident cannot find.
 */
typedef struct
{
  GtkWidget *window;
  int        width;
  int        height;
} WindowSize;

static gboolean
window_has_size (gpointer user_data)
{
  WindowSize *size = user_data;

  return gtk_widget_get_width (size->window) == size->width &&
         gtk_widget_get_height (size->window) == size->height;
}

/* Every button of @toolbar is inside the window, whole, and as wide as
 * it needs to be: nothing is cut, nothing is squeezed.
 */
static void
assert_buttons_hold (GtkWidget  *widget,
                     GtkWidget  *window,
                     const char *language,
                     guint      *n_buttons)
{
  if (!gtk_widget_get_visible (widget))
    return;

  if (GTK_IS_BUTTON (widget))
    {
      graphene_rect_t bounds;
      int minimum = 0;

      g_assert_true (gtk_widget_compute_bounds (widget, window, &bounds));
      gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
      if (bounds.origin.x < 0 ||
          bounds.origin.x + bounds.size.width > gtk_widget_get_width (window) ||
          bounds.size.width < minimum)
        g_error ("%s: a button of the toolbar (%s) is cut: %g to %g of %d, %d needed", language,
                 gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), bounds.origin.x,
                 bounds.origin.x + bounds.size.width, gtk_widget_get_width (window), minimum);
      (*n_buttons)++;
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    assert_buttons_hold (child, window, language, n_buttons);
}

/* On a service's page, with a document kept (the toolbar then shows all
 * its buttons), at 1024 × 768 and 1280 × 800, in each language: the
 * window is the screen's size, not wider, and every button is whole.
 */
static void
test_the_toolbar_holds_in_every_language (ShellFixture  *fixture,
                                          gconstpointer  data)
{
  static const char * const codes[] = { "fr", "en", "ar", "es", "pt", "tr" };
  static const int sizes[][2] = { { 1024, 768 }, { 1280, 800 } };
  g_autoptr(GBytes) pdf = make_pdf (1, "attestation");

  kiosk_test_server_add_file (fixture->server, "www.caf.fr", "/attestation.pdf",
                              "application/pdf", pdf, "attestation.pdf");
  open_caf (fixture);
  webkit_web_view_load_uri (fixture_get_web_view (fixture), "http://www.caf.fr/attestation.pdf");
  assert_page_becomes (fixture->window, "documents");
  activate (fixture, "win.leave-documents");

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      int minimum = 0;

      /* A language is chosen on the home screen; the service stays open. */
      g_action_group_activate_action (G_ACTION_GROUP (fixture->application), "home", NULL);
      choose_language (fixture, codes[i]);
      window_of (fixture);
      kiosk_window_open_service (fixture->window,
                                 kiosk_config_lookup_service (fixture->config, "caf"));
      assert_page_becomes (fixture->window, "browser");
      /* With the station's sound, as on a station: Listen too. */
      wait_for_a_voice (fixture);
      gtk_widget_measure (kiosk_window_get_toolbar (fixture->window), GTK_ORIENTATION_HORIZONTAL,
                          -1, &minimum, NULL, NULL, NULL);
      g_test_message ("%s: the toolbar needs %d pixels", codes[i], minimum);

      for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
        {
          WindowSize size = { GTK_WIDGET (fixture->window), sizes[s][0], sizes[s][1] };
          guint n_buttons = 0;

          gtk_window_set_default_size (GTK_WINDOW (fixture->window), size.width, size.height);
          if (!kiosk_test_wait_until (window_has_size, &size, 10))
            g_error ("%s: the window is %d × %d on a %d × %d screen", codes[i],
                     gtk_widget_get_width (size.window), gtk_widget_get_height (size.window),
                     size.width, size.height);
          kiosk_test_spin (100);
          assert_buttons_hold (kiosk_window_get_toolbar (fixture->window), size.window, codes[i],
                               &n_buttons);
          /* Home, help, back, forward, reload, documents, A−, A+, end, and
           * Listen: at 1024 pixels, beside some languages' words, without
           * the page's title, which is then cut to a letter anyway.
           */
          g_assert_cmpuint (n_buttons, ==, 10);
          g_assert_true (gtk_widget_get_visible (find_action_button (
            kiosk_window_get_toolbar (fixture->window), "win.listen")));
          if (sizes[s][0] >= 1280)
            g_assert_true (kiosk_window_shows_title (fixture->window));
          g_test_message ("%s at %d pixels: %u buttons, %s title", codes[i], sizes[s][0],
                          n_buttons,
                          kiosk_window_shows_title (fixture->window)
                          ? "with its" : "without the");
        }
    }
}

/* Listen: the kiosk reads aloud, through the PulseAudio of this program's
 * own (main()), which every window finds.
 */
static KioskTestSoundServer *sound_server;

static gboolean
window_has_a_voice (gpointer user_data)
{
  ShellFixture *fixture = user_data;

  return kiosk_window_get_voice (window_of (fixture)) != NULL;
}

static KioskVoice *
wait_for_a_voice (ShellFixture *fixture)
{
  g_assert_true (kiosk_test_wait_until (window_has_a_voice, fixture, LOAD_TIMEOUT));
  return kiosk_window_get_voice (fixture->window);
}

static gboolean
is_speaking (gpointer voice)
{
  return kiosk_voice_get_speaking (voice);
}

static gboolean
is_silent (gpointer voice)
{
  return !kiosk_voice_get_speaking (voice);
}

static gboolean
something_was_heard (gpointer unused)
{
  g_autofree gint16 *played = NULL;
  gsize n_played;
  gsize sound_samples;

  played = kiosk_test_sound_server_get_played (sound_server, &n_played);
  return kiosk_test_find_sound (played, n_played, &sound_samples) != NULL &&
         sound_samples > KIOSK_TEST_SOUND_RATE / 2;
}

static const char *
listen (ShellFixture  *fixture,
        const char   **language)
{
  KioskVoice *voice = wait_for_a_voice (fixture);

  activate (fixture, "win.listen");
  g_assert_true (kiosk_test_wait_until (is_speaking, voice, LOAD_TIMEOUT));
  return kiosk_voice_get_text (voice, language);
}

/* A resident who reads Arabic better than French hears the home screen in
 * Arabic: its words, in the Arabic voice, through the station's sound.
 */
static void
test_listen_to_the_home_screen_in_arabic (ShellFixture  *fixture,
                                          gconstpointer  data)
{
  const char *language = NULL;
  const char *text;

  choose_language (fixture, "ar");
  text = listen (fixture, &language);
  g_assert_cmpstr (language, ==, "ar");
  /* The welcome and the tiles, as the screen shows them. */
  g_assert_nonnull (strstr (text, "مرحبًا بكم! المس خدمة للبدء."));
  g_assert_nonnull (strstr (text, "CAF"));
  g_assert_null (strstr (text, "Welcome"));
  /* Not the list of languages, each in its own, which no voice can say. */
  g_assert_null (strstr (text, "Français"));
  g_assert_true (kiosk_test_wait_until (something_was_heard, NULL, LOAD_TIMEOUT));

  /* A second tap: silence. */
  activate (fixture, "win.listen");
  g_assert_false (kiosk_voice_get_speaking (kiosk_window_get_voice (fixture->window)));
}

#define READ_PAGE \
  "<html lang='fr-FR'><title>Mon dossier</title>" \
  "<nav>Accueil Aides Contact</nav>" \
  "<main><h1>Votre dossier</h1><p>Votre dossier est complet.</p></main>" \
  "<footer id='footer'>Mentions légales</footer></html>"

static WebKitWebView *
open_read_page (ShellFixture *fixture)
{
  kiosk_test_server_add_page (fixture->server, "www.caf.fr", "/dossier", READ_PAGE, NULL);
  return load_caf_page (fixture, "/dossier", "Mon dossier");
}

/* The sentence being heard, as the kiosk's world found it in the page. */
static char *
sentence_shown (WebKitWebView *web_view)
{
  return evaluate_in_world_to_string (web_view, "kiosk",
                                      "window.kioskShown ? window.kioskShown.toString () : ''");
}

static void
assert_sentence_shown_becomes (WebKitWebView *web_view,
                               const char    *sentence)
{
  gint64 deadline = g_get_monotonic_time () + LOAD_TIMEOUT * G_USEC_PER_SEC;

  while (TRUE)
    {
      g_autofree char *shown = sentence_shown (web_view);

      if (g_strcmp0 (shown, sentence) == 0)
        return;

      if (g_get_monotonic_time () > deadline)
        g_error ("The sentence shown stayed “%s” instead of becoming “%s”", shown, sentence);
      kiosk_test_spin (20);
    }
}

/* The reading ruler's yellow, over the page's white. */
static gboolean
is_ruler_yellow (guint8 red,
                 guint8 green,
                 guint8 blue)
{
  return red > 245 && green > 230 && green < 250 && blue > 150 && blue < 185;
}

static guint
count_yellow (ShellFixture *fixture)
{
  return count_widget_pixels (GTK_WIDGET (fixture->window), is_ruler_yellow);
}

static gboolean
yellow_is_drawn (gpointer fixture)
{
  return count_yellow (fixture) > 300;
}

static gboolean
no_yellow_is_drawn (gpointer fixture)
{
  return count_yellow (fixture) == 0;
}

/* On a service's page: its main text, in its language, not its menus. */
static void
test_listen_to_a_page (ShellFixture  *fixture,
                       gconstpointer  data)
{
  const char *language = NULL;
  const char *text;

  choose_language (fixture, "tr");
  open_read_page (fixture);
  text = listen (fixture, &language);
  g_assert_cmpstr (language, ==, "fr");
  g_assert_nonnull (strstr (text, "Votre dossier est complet."));
  g_assert_null (strstr (text, "Accueil"));
  g_assert_null (strstr (text, "Mentions"));

  /* The page goes elsewhere: silence at once. */
  webkit_web_view_load_uri (fixture_get_web_view (fixture), "http://www.caf.fr/");
  g_assert_true (kiosk_test_wait_until (is_silent, kiosk_window_get_voice (fixture->window),
                                        LOAD_TIMEOUT));
}

/* What the resident selected, wherever it is. */
static void
test_listen_to_the_selection (ShellFixture  *fixture,
                              gconstpointer  data)
{
  WebKitWebView *web_view;
  const char *text;

  choose_language (fixture, "pt");
  web_view = open_read_page (fixture);
  run_script (web_view, "window.getSelection ().selectAllChildren ("
                        "document.getElementById ('footer'))");
  text = listen (fixture, NULL);
  g_assert_cmpstr (g_strstrip (g_strdup (text)), ==, "Mentions légales");

  /* The session ends: silence. */
  kiosk_window_end_session (fixture->window, KIOSK_END_LOGOUT);
  g_assert_false (kiosk_voice_get_speaking (kiosk_window_get_voice (fixture->window)));
}

/* From where the resident touched the page: what is above is not read. */
static void
test_listen_from_where_the_resident_tapped (ShellFixture  *fixture,
                                            gconstpointer  data)
{
  WebKitWebView *web_view;
  g_autofree char *text = NULL;

  kiosk_test_server_add_page (fixture->server, "www.caf.fr", "/paragraphs",
                              "<html lang='fr'><title>paragraphs</title><main>"
                              "<p id='p1'>Premier paragraphe.</p>"
                              "<p id='p2'>Deuxième paragraphe.</p>"
                              "<p id='p3'>Troisième paragraphe.</p>"
                              "</main></html>", NULL);
  web_view = load_caf_page (fixture, "/paragraphs", "paragraphs");

  /* A touch on the second paragraph, as the screen reports it. */
  run_script (web_view, "document.getElementById ('p2').dispatchEvent ("
                        "new PointerEvent ('pointerdown', { bubbles: true }))");
  text = g_strdup (listen (fixture, NULL));
  g_assert_true (g_str_has_prefix (g_strstrip (text), "Deuxième paragraphe."));
  g_assert_nonnull (strstr (text, "Troisième paragraphe."));
  g_assert_null (strstr (text, "Premier"));
  assert_sentence_shown_becomes (web_view, "Deuxième paragraphe.");
}

#define SENTENCES_PAGE \
  "<html lang='fr'><title>sentences</title><body><main>" \
  "<h1>Vos imp<mark>ôts</mark></h1>" \
  "<p>Première   phrase \xf0\x9f\x93\x84,\n   sur deux lignes. Une <b>deuxième</b> " \
  "phrase !</p>" \
  "<p style='display: none'>Caché.</p>" \
  "<textarea>Valeur initiale</textarea>" \
  "</main><footer>Pied de page</footer>" \
  "<script>" \
  "  window.changes = 0;" \
  "  new MutationObserver (function (records) { changes += records.length; })" \
  "    .observe (document, { subtree: true, childList: true, attributes: true," \
  "                          characterData: true });" \
  "</script></body></html>"

/* A page that changes its text while it is read (a hostile one, or one
 * that updates itself): what no longer is the text read is not marked,
 * never a wrong part of the page.
 */
static void
test_a_changed_text_is_not_marked (ShellFixture  *fixture,
                                   gconstpointer  data)
{
  KioskVoice *voice;
  WebKitWebView *web_view;

  kiosk_test_server_add_page (fixture->server, "www.caf.fr", "/sentences", SENTENCES_PAGE,
                              NULL);
  web_view = load_caf_page (fixture, "/sentences", "sentences");
  voice = wait_for_a_voice (fixture);
  listen (fixture, NULL);
  assert_sentence_shown_becomes (web_view, "Vos impôts");

  /* Longer than it was: the places kept of it would all still exist. */
  run_script (web_view, "document.querySelector ('p').firstChild.data ="
                        "  'Un tout autre texte, que la page a mis là pendant la lecture, "
                        "bien plus long que celui qui était lu.'");
  while (kiosk_voice_get_speaking (voice))
    {
      g_autofree char *shown = sentence_shown (web_view);

      if (*shown != '\0' && strcmp (shown, "Vos impôts") != 0)
        g_error ("“%s” was marked in a text the page changed", shown);
      kiosk_test_spin (20);
    }
}

/* A sentence heard below what the screen shows is brought into sight. */
static void
test_the_sentence_heard_comes_into_sight (ShellFixture  *fixture,
                                          gconstpointer  data)
{
  g_autoptr(GString) page = g_string_new ("<html lang='fr'><title>long</title><main>");
  WebKitWebView *web_view;
  g_autofree char *in_sight = NULL;

  for (guint i = 1; i <= 80; i++)
    g_string_append_printf (page, "<p id='p%u'>Paragraphe %u.</p>", i, i);
  g_string_append (page, "</main></html>");
  kiosk_test_server_add_page (fixture->server, "www.caf.fr", "/long", page->str, NULL);
  web_view = load_caf_page (fixture, "/long", "long");

  run_script (web_view, "document.getElementById ('p70').dispatchEvent ("
                        "new PointerEvent ('pointerdown', { bubbles: true }))");
  listen (fixture, NULL);
  assert_sentence_shown_becomes (web_view, "Paragraphe 70.");
  in_sight = evaluate_in_world_to_string (web_view, "kiosk",
                                          "(function () {"
                                          "  var box = window.kioskShown.getBoundingClientRect ();"
                                          "  return window.scrollY > 0 && box.top >= 0 &&"
                                          "         box.bottom <= window.innerHeight;"
                                          "}) ()");
  g_assert_cmpstr (in_sight, ==, "true");
  g_assert_true (kiosk_test_wait_until (yellow_is_drawn, fixture, LOAD_TIMEOUT));
}

/* Each sentence is marked over the page as it is heard, in a
 * highlighter's yellow, and nothing of it reaches the page: no change to
 * its document (its own observer sees nothing), no highlight or handler
 * its scripts could find.
 */
static void
test_the_sentence_heard_shows (ShellFixture  *fixture,
                               gconstpointer  data)
{
  WebKitWebView *web_view;
  g_autofree char *document_before = NULL;
  g_autofree char *document_after = NULL;
  g_autofree char *changes = NULL;
  g_autofree char *seen = NULL;
  const char *text;

  kiosk_test_server_add_page (fixture->server, "www.caf.fr", "/sentences", SENTENCES_PAGE,
                              NULL);
  web_view = load_caf_page (fixture, "/sentences", "sentences");
  run_script (web_view, "document.querySelector ('textarea').value = 'Texte tapé'");
  document_before = evaluate_to_string (web_view, "document.documentElement.outerHTML");
  g_assert_true (kiosk_test_wait_until (no_yellow_is_drawn, fixture, LOAD_TIMEOUT));

  /* A word across elements whole, a blank line between blocks, spaces as
   * the page has them; nothing hidden, nothing of a form's field.
   */
  text = listen (fixture, NULL);
  g_assert_cmpstr (text, ==, "Vos impôts\n\nPremière   phrase 📄,    sur deux lignes. "
                             "Une deuxième phrase !");

  assert_sentence_shown_becomes (web_view, "Vos impôts");
  g_assert_true (kiosk_test_wait_until (yellow_is_drawn, fixture, LOAD_TIMEOUT));
  assert_sentence_shown_becomes (web_view, "Première   phrase 📄,\n   sur deux lignes.");
  /* Across the page's elements; after a character the page counts twice
   * (UTF-16) and the voice once.
   */
  assert_sentence_shown_becomes (web_view, "Une deuxième phrase !");
  g_assert_true (kiosk_test_wait_until (yellow_is_drawn, fixture, LOAD_TIMEOUT));
  seen = evaluate_to_string (web_view,
                             "String (CSS.highlights.size) + ' ' +"
                             "typeof (window.webkit && window.webkit.messageHandlers &&"
                             "        window.webkit.messageHandlers.kioskReadingRuler)");
  g_assert_cmpstr (seen, ==, "0 undefined");

  /* Stopped: nothing shows as read. */
  activate (fixture, "win.listen");
  assert_sentence_shown_becomes (web_view, "");
  g_assert_true (kiosk_test_wait_until (no_yellow_is_drawn, fixture, LOAD_TIMEOUT));

  changes = evaluate_to_string (web_view, "String (window.changes)");
  g_assert_cmpstr (changes, ==, "0");
  document_after = evaluate_to_string (web_view, "document.documentElement.outerHTML");
  g_assert_cmpstr (document_after, ==, document_before);
}

static gboolean
has_a_popup (gpointer window)
{
  KioskUserSession *user_session = kiosk_window_get_user_session (window);

  return user_session != NULL &&
         g_list_model_get_n_items (kiosk_user_session_get_popups (user_session)) > 0;
}

/* A popup shown over the page is read as a page; it goes elsewhere or
 * closes, silence; one opening over the page read, silence too. Texts of
 * a minute, that do not end by themselves meanwhile.
 */
#define A_MINUTE(sentence) sentence " " sentence " " sentence " " sentence " " sentence " " \
                           sentence " " sentence " " sentence " " sentence " " sentence
static void
test_listen_to_a_popup (ShellFixture  *fixture,
                        gconstpointer  data)
{
  KioskUserSession *user_session;
  WebKitWebView *popup;
  KioskVoice *voice;
  const char *text;

  kiosk_test_server_add_page (fixture->server, "www.caf.fr", "/formulaire",
                              "<html lang='fr'><title>formulaire</title><main>"
                              "<button id='open' style='position: fixed; inset: 0; width: 100%;"
                              " height: 100%' onclick=\"window.open ('/notice', 'notice',"
                              " 'width=500,height=600')\">"
                              A_MINUTE ("Voir la notice du formulaire, pour bien le remplir.")
                              "</button>"
                              "</main></html>", NULL);
  kiosk_test_server_add_page (fixture->server, "www.caf.fr", "/notice",
                              "<html lang='fr'><title>notice</title>"
                              "<main><p>Remplissez chaque case en majuscules.</p><p>"
                              A_MINUTE ("Écrivez lisiblement, à l'encre noire, sans rature.")
                              "</p></main></html>", NULL);
  load_caf_page (fixture, "/formulaire", "formulaire");
  voice = wait_for_a_voice (fixture);

  /* Reading the page; a popup opens over it: silence. */
  listen (fixture, NULL);
  click_in_the_middle_of (GTK_WIDGET (fixture_get_web_view (fixture)));
  g_assert_true (kiosk_test_wait_until (has_a_popup, fixture->window, LOAD_TIMEOUT));
  g_assert_true (kiosk_test_wait_until (is_silent, voice, LOAD_TIMEOUT));

  user_session = kiosk_window_get_user_session (fixture->window);
  popup = kiosk_user_session_get_front_view (user_session);
  assert_title_becomes (popup, "notice");
  text = listen (fixture, NULL);
  g_assert_true (g_str_has_prefix (text, "Remplissez chaque case en majuscules.\n\n"));
  assert_sentence_shown_becomes (popup, "Remplissez chaque case en majuscules.");

  /* The popup goes elsewhere: silence. */
  run_script (popup, "location.href = '/formulaire'");
  g_assert_true (kiosk_test_wait_until (is_silent, voice, LOAD_TIMEOUT));

  /* Read again, and closed: silence. */
  assert_title_becomes (popup, "formulaire");
  listen (fixture, NULL);
  activate (fixture, "win.close-popup");
  g_assert_true (kiosk_test_wait_until (is_silent, voice, LOAD_TIMEOUT));
}

/* The resident listens without touching anything: when the idle question
 * comes, silence at once, so that its question is heard by whoever is
 * there (a tap, Listen's too, answers it).
 */
static void
test_the_idle_question_silences (ShellFixture  *fixture,
                                 gconstpointer  data)
{
  KioskVoice *voice;

  kiosk_test_server_add_page (fixture->server, "www.caf.fr", "/long-read",
                              "<html lang='fr'><title>long read</title><main>"
                              A_MINUTE ("Votre demande est en cours de traitement.")
                              "</main></html>", NULL);
  load_caf_page (fixture, "/long-read", "long read");
  voice = wait_for_a_voice (fixture);
  listen (fixture, NULL);

  g_assert_true (kiosk_voice_get_speaking (voice));
  assert_question_becomes (fixture->window, "idle");
  g_assert_false (kiosk_voice_get_speaking (voice));
}

/* A page's lang attribute is the page's to write: only a language the
 * kiosk speaks reaches the voice (whose files it names) and the counts;
 * anything else is read in French. A second tap before the page answered
 * says nothing.
 */
static void
test_a_page_cannot_choose_the_voice (ShellFixture  *fixture,
                                     gconstpointer  data)
{
  KioskVoice *voice;
  const char *language = NULL;

  kiosk_test_server_add_page (fixture->server, "www.caf.fr", "/lang",
                              "<html lang='../../../../etc/passwd'><title>lang</title>"
                              "<main>Votre dossier est complet.</main></html>", NULL);
  choose_language (fixture, "ar");
  load_caf_page (fixture, "/lang", "lang");
  listen (fixture, &language);
  g_assert_cmpstr (language, ==, "fr");

  voice = kiosk_window_get_voice (fixture->window);
  activate (fixture, "win.listen");
  g_assert_false (kiosk_voice_get_speaking (voice));
  /* Listen, and Stop at once, before the page gave its text. */
  activate (fixture, "win.listen");
  activate (fixture, "win.listen");
  kiosk_test_spin (1000);
  g_assert_false (kiosk_voice_get_speaking (voice));
}

static gboolean
is_out_of_service_now (gpointer window)
{
  return kiosk_window_is_out_of_service (window);
}

/* Out of service, the screen says so in the resident's language, and
 * Listen alone stays above it, to hear it.
 */
static void
test_listen_out_of_service (ShellFixture  *fixture,
                            gconstpointer  data)
{
  const char *language = NULL;
  const char *text;

  choose_language (fixture, "tr");
  wait_for_a_voice (fixture);
  g_test_expect_message ("kiosk-session-manager", G_LOG_LEVEL_WARNING, "Out of service: *");
  kiosk_window_set_out_of_service (fixture->window, "test: the reason, for staff");
  g_test_assert_expected_messages ();
  g_assert_true (kiosk_test_wait_until (is_out_of_service_now, fixture->window, LOAD_TIMEOUT));
  g_assert_true (gtk_widget_get_visible (kiosk_window_get_toolbar (fixture->window)));
  g_assert_false (gtk_widget_get_visible (find_action_button (
    kiosk_window_get_toolbar (fixture->window), "win.ask-end-session")));

  text = listen (fixture, &language);
  g_assert_cmpstr (language, ==, "tr");
  g_assert_nonnull (strstr (text, kiosk_window_get_out_of_service_text (fixture->window)));
  /* The small print is for staff. */
  g_assert_null (strstr (text, "the reason, for staff"));
}

/* Slower, for the session only: the next resident hears the default. */
static void
test_slower_lasts_the_session (ShellFixture  *fixture,
                               gconstpointer  data)
{
  KioskVoice *voice;

  choose_language (fixture, "es");
  open_caf (fixture);
  listen (fixture, NULL);
  voice = kiosk_window_get_voice (fixture->window);
  activate (fixture, "win.listen-slower");
  g_assert_cmpint (kiosk_voice_get_speed (voice), ==, KIOSK_VOICE_SPEED_SLOWER);
  /* Heard at once: the page is read again, slower. */
  g_assert_true (kiosk_test_wait_until (is_speaking, voice, LOAD_TIMEOUT));
  /* As slow as it goes. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.listen-slower", NULL);
  g_assert_cmpint (kiosk_voice_get_speed (voice), ==, KIOSK_VOICE_SPEED_SLOWER);

  kiosk_window_end_session (fixture->window, KIOSK_END_LOGOUT);
  g_assert_true (kiosk_test_wait_until (session_is_readied, fixture, LOAD_TIMEOUT));
  window_of (fixture);
  kiosk_window_show_home (fixture->window);
  listen (fixture, NULL);
  g_assert_cmpint (kiosk_voice_get_speed (kiosk_window_get_voice (fixture->window)), ==,
                   KIOSK_VOICE_DEFAULT_SPEED);
}

static void
test_text_size_lasts_the_session (ShellFixture  *fixture,
                                  gconstpointer  data)
{
  int usual;
  int large;

  kiosk_test_spin (200);
  usual = natural_width (welcome (fixture));
  click_text_size (fixture, "text-larger");
  g_assert_cmpint (click_text_size (fixture, "text-larger"), >, usual);

  choose_language (fixture, "pt");
  kiosk_test_spin (200);
  large = natural_width (welcome (fixture));
  click_text_size (fixture, "text-smaller");
  g_assert_cmpint (click_text_size (fixture, "text-smaller"), <, large);
  click_text_size (fixture, "text-larger");
  g_assert_cmpint (click_text_size (fixture, "text-larger"), ==, large);

  open_caf (fixture);
  g_assert_cmpfloat (webkit_web_view_get_zoom_level (fixture_get_web_view (fixture)), ==, 1.5);
  kiosk_window_end_session (fixture->window, KIOSK_END_LOGOUT);
  assert_string_becomes (current_language, NULL, "fr", "language");
  window_of (fixture);
  kiosk_window_show_home (fixture->window);
  assert_natural_width_becomes (welcome (fixture), usual);
}

static GtkWidget *
find_actionable (GtkWidget  *widget,
                 const char *action)
{
  if (GTK_IS_ACTIONABLE (widget) && gtk_widget_get_visible (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_actionable (child, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The answers of a question grow with it, and stay whole on the screen:
 * a resident who needs large type to read the question needs it to find
 * the button.
 */
static void
test_answers_grow_with_the_question (ShellFixture  *fixture,
                                     gconstpointer  data)
{
  GtkWidget *window;
  GtkWidget *keep;
  GtkWidget *end;
  int usual, large;
  graphene_rect_t bounds;

  open_caf (fixture);
  window = GTK_WIDGET (fixture->window);
  activate (fixture, "win.ask-end-session");
  kiosk_test_spin (200);
  keep = find_actionable (window, "win.cancel-end-session");
  g_assert_nonnull (keep);
  usual = gtk_widget_get_height (keep);
  activate (fixture, "win.cancel-end-session");

  for (guint i = 0; i < 5; i++)
    activate (fixture, "win.text-larger");
  activate (fixture, "win.ask-end-session");
  kiosk_test_spin (500);
  large = gtk_widget_get_height (keep);
  g_test_message ("the answers are %d pixels high at 100 %%, %d at the largest size", usual,
                  large);
  g_assert_cmpint (large, >=, usual * 7 / 5);

  end = find_actionable (window, "win.confirm-end-session");
  for (GtkWidget *answer = keep; answer != NULL; answer = answer == keep ? end : NULL)
    {
      g_assert_true (gtk_widget_compute_bounds (answer, window, &bounds));
      g_assert_cmpfloat (bounds.origin.x, >=, 0);
      g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (window));
      g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=,
                         gtk_widget_get_height (window));
    }
}

/* The whole home screen with the keyboard alone: Tab goes from control to
 * control in reading order, and Enter opens the service that has the focus.
 */
static void
test_the_keyboard_alone_opens_a_service (ShellFixture  *fixture,
                                         gconstpointer  data)
{
  GtkWidget *caf = tile (fixture, "caf");
  GtkWidget *focus = NULL;
  guint steps = 0;

  move_pointer (640, 790);
  for (steps = 0; steps < 20; steps++)
    {
      xdotool ("key", "Tab", NULL);
      kiosk_test_spin (50);
      focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
      if (focus == caf || (focus != NULL && gtk_widget_is_ancestor (focus, caf)))
        break;
    }
  g_assert_true (focus == caf);
  /* Past the toolbar, the languages, the contrast toggle and the search. */
  g_assert_cmpuint (steps, >=, 8);
  g_assert_true (gtk_widget_has_visible_focus (caf));

  xdotool ("key", "Return", NULL);
  assert_title_becomes (fixture_get_web_view (fixture), "CAF test page");
}

/* Someone chooses Arabic, high contrast and a search, opens nothing and
 * walks away: the idle countdown erases their choices all the same.
 */
static void
test_choices_without_a_service_are_erased (ShellFixture  *fixture,
                                           gconstpointer  data)
{
  choose_language (fixture, "ar");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.high-contrast", NULL);
  g_assert_true (is_high_contrast (fixture));
  kiosk_home_view_search (kiosk_window_get_home_view (fixture->window), "caf");
  g_assert_false (tile_shown (fixture, "ameli"));

  assert_string_becomes (current_language, NULL, "fr", "language");
  window_of (fixture);
  g_assert_cmpint (g_array_index (fixture->end_reasons, int, fixture->end_reasons->len - 1), ==,
                   KIOSK_END_IDLE);
  g_assert_false (is_high_contrast (fixture));
  g_assert_true (tile_shown (fixture, "ameli"));
  g_assert_cmpint (kiosk_session_manager_get_state (kiosk_window_get_session_manager (
                     fixture->window)), !=, KIOSK_STATION_IN_USE);
}

/* Out of service straight from a chosen language: back in French. */
static void
test_out_of_service_erases_choices (ShellFixture  *fixture,
                                    gconstpointer  data)
{
  choose_language (fixture, "tr");
  g_test_expect_message ("kiosk-session-manager", G_LOG_LEVEL_WARNING, "Out of service: *");
  kiosk_session_manager_put_out_of_service (kiosk_window_get_session_manager (fixture->window),
                                            KIOSK_END_REMOTE, NULL);
  g_test_assert_expected_messages ();
  assert_string_becomes (current_language, NULL, "fr", "language");
  g_assert_cmpstr (kiosk_window_get_page (window_of (fixture)), ==, "out-of-service");
}

static void
staff_languages_setup (ShellFixture  *fixture,
                       gconstpointer  data)
{
  shell_setup_with_staff_pin (fixture, data);
}

/* Five wrong PINs: the panel locks and the desk is told. */
static void
lock_with_wrong_pins (KioskStaffPanel *panel)
{
  for (int i = 0; i < 4; i++)
    type_on_the_keypad (panel, "0000");
  g_test_expect_message ("kiosk-staff-pin", G_LOG_LEVEL_MESSAGE, "5 wrong staff PINs*");
  g_test_expect_message ("kiosk-staff-panel", G_LOG_LEVEL_WARNING, "The staff panel is locked*");
  g_test_expect_message ("kiosk-session-manager", G_LOG_LEVEL_MESSAGE,
                         "Too many wrong staff PINs*");
  type_on_the_keypad (panel, "0000");
  g_test_assert_expected_messages ();
}

static void
test_a_new_language_keeps_the_staff_lockout (ShellFixture  *fixture,
                                             gconstpointer  data)
{
  KioskStaffPanel *panel = kiosk_window_get_staff_panel (fixture->window);

  kiosk_staff_panel_open (panel);
  lock_with_wrong_pins (panel);
  kiosk_staff_panel_close (panel);

  /* Someone hoping that a new window forgets the wrong PINs. */
  choose_language (fixture, "en");
  panel = kiosk_window_get_staff_panel (fixture->window);
  kiosk_staff_panel_open (panel);
  type_on_the_keypad (panel, SHELL_STAFF_PIN);
  g_assert_false (kiosk_staff_panel_is_unlocked (panel));
  /* Said in the station's language, not the resident's. */
  g_assert_nonnull (strstr (kiosk_staff_panel_get_message (panel), "verrouillé"));
}

/* Whether a label inside @widget, a button's included, reads @text. */
static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (shows_label (child, text))
        return TRUE;
    }

  return FALSE;
}

/* Whether @widget and every widget inside it are laid out in @direction. */
static gboolean
reads_all_in (GtkWidget        *widget,
              GtkTextDirection  direction)
{
  if (gtk_widget_get_direction (widget) != direction)
    return FALSE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!reads_all_in (child, direction))
        return FALSE;
    }

  return TRUE;
}

/* The window as a resident who chose @code reads it: its home screen and
 * toolbar in @code (@welcome and @end_session are its texts there), laid
 * out in @direction, and gettext still looking translations up in @code.
 */
static void
assert_the_window_speaks (ShellFixture     *fixture,
                          const char       *code,
                          const char       *welcome,
                          const char       *end_session,
                          GtkTextDirection  direction)
{
  GtkWidget *toolbar = kiosk_window_get_toolbar (fixture->window);

  g_assert_cmpstr (kiosk_language_get_current (), ==, code);
  g_assert_cmpstr (g_getenv ("LANGUAGE"), ==, code);
  g_assert_cmpstr (_("Welcome! Touch a service to start."), ==, welcome);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (window_widget_named (fixture, "welcome"))), ==,
                   welcome);
  g_assert_true (shows_label (toolbar, end_session));
  g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (fixture->window)), ==, direction);
  g_assert_cmpint (gtk_widget_get_direction (toolbar), ==, direction);
}

/* A resident chose @code; a mediator comes to the station all the same,
 * and reads the panel in French, from left to right, from its PIN page to
 * the station's details. The resident then goes on in their language.
 */
static void
assert_the_staff_panel_speaks_french (ShellFixture     *fixture,
                                      const char       *code,
                                      const char       *welcome,
                                      const char       *end_session,
                                      GtkTextDirection  direction)
{
  KioskStaffPanel *panel;
  const char *details;

  choose_language (fixture, code);
  assert_the_window_speaks (fixture, code, welcome, end_session, direction);
  panel = kiosk_window_get_staff_panel (fixture->window);

  kiosk_staff_panel_open (panel);
  g_assert_cmpstr (kiosk_staff_panel_get_message (panel), ==, "Tapez le code médiateur.");
  g_assert_true (shows_label (GTK_WIDGET (panel), "Espace médiateur"));
  g_assert_true (shows_label (GTK_WIDGET (panel), "_Annuler"));
  g_assert_true (shows_label (GTK_WIDGET (panel), "Valider"));
  g_assert_true (reads_all_in (GTK_WIDGET (panel), GTK_TEXT_DIR_LTR));
  assert_the_window_speaks (fixture, code, welcome, end_session, direction);

  type_on_the_keypad (panel, "0000");
  g_assert_cmpstr (kiosk_staff_panel_get_message (panel), ==,
                   "Code erroné. Encore 4 essais avant le verrouillage.");

  type_on_the_keypad (panel, SHELL_STAFF_PIN);
  g_assert_true (kiosk_staff_panel_is_unlocked (panel));
  details = kiosk_staff_panel_get_station_details (panel);
  g_assert_nonnull (strstr (details, "en marche depuis"));
  g_assert_nonnull (strstr (details, "aujourd’hui"));
  g_assert_true (shows_label (GTK_WIDGET (panel), "_Fermer"));
  g_assert_true (reads_all_in (GTK_WIDGET (panel), GTK_TEXT_DIR_LTR));
  assert_the_window_speaks (fixture, code, welcome, end_session, direction);

  kiosk_staff_panel_close (panel);
  kiosk_test_spin (100);
  assert_the_window_speaks (fixture, code, welcome, end_session, direction);
}

static void
test_the_staff_panel_speaks_french_to_an_arabic_reader (ShellFixture  *fixture,
                                                         gconstpointer  data)
{
  KioskStaffPanel *panel;

  assert_the_staff_panel_speaks_french (fixture, "ar", "مرحبًا بكم! المس خدمة للبدء.",
                                        "إنهاء جلستي", GTK_TEXT_DIR_RTL);

  /* Someone guessing the PIN: the panel says it locked in French, and the
   * notice (no desk listens to this station: go to the reception desk)
   * is the resident's, in Arabic.
   */
  panel = kiosk_window_get_staff_panel (fixture->window);
  kiosk_staff_panel_open (panel);
  lock_with_wrong_pins (panel);
  g_assert_nonnull (strstr (kiosk_staff_panel_get_message (panel),
                            "l’espace médiateur est verrouillé"));
  g_assert_cmpstr (kiosk_window_get_notice (fixture->window), ==,
                   "توجّه إلى الاستقبال: سيساعدك أحد الوسطاء هناك.");
  kiosk_staff_panel_close (panel);
  assert_the_window_speaks (fixture, "ar", "مرحبًا بكم! المس خدمة للبدء.", "إنهاء جلستي",
                            GTK_TEXT_DIR_RTL);
}

static void
test_the_staff_panel_speaks_french_to_an_english_reader (ShellFixture  *fixture,
                                                          gconstpointer  data)
{
  assert_the_staff_panel_speaks_french (fixture, "en", "Welcome! Touch a service to start.",
                                        "End my session", GTK_TEXT_DIR_LTR);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *test_root = kiosk_test_isolate_process_dirs ();
  int status;

  shell_tests_init ();
  /* The catalogues as built, not as installed. */
  bindtextdomain (GETTEXT_PACKAGE, TEST_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  /* Every window finds it: Listen shows, as on a station with sound. */
  sound_server = kiosk_test_sound_server_start ();

  g_test_add ("/languages/a-readied-session-takes-the-language", ShellFixture, NULL,
              languages_setup, test_a_readied_session_takes_the_language, shell_teardown);
  g_test_add ("/languages/switching-keeps-the-session", ShellFixture, NULL, languages_setup,
              test_switching_keeps_the_session, shell_teardown);
  g_test_add ("/languages/arabic-reads-right-to-left", ShellFixture, NULL, languages_setup,
              test_arabic_reads_right_to_left, shell_teardown);
  g_test_add ("/languages/the-next-person-starts-in-french", ShellFixture, NULL,
              languages_setup, test_the_next_person_starts_in_french, shell_teardown);

  g_test_add ("/languages/an-arabic-reader-finds-caf", ShellFixture, ants_group,
              languages_setup, test_an_arabic_reader_finds_caf, shell_teardown);
  g_test_add ("/languages/a-search-with-no-answer-says-so", ShellFixture, ants_group,
              languages_setup, test_a_search_with_no_answer_says_so, shell_teardown);
  g_test_add ("/languages/answers-grow-with-the-question", ShellFixture, NULL, languages_setup,
              test_answers_grow_with_the_question, shell_teardown);
  g_test_add ("/languages/the-toolbar-holds-in-every-language", ShellFixture, NULL,
              languages_setup, test_the_toolbar_holds_in_every_language, shell_teardown);
  g_test_add ("/languages/high-contrast-lasts-the-session", ShellFixture, NULL,
              languages_setup, test_high_contrast_lasts_the_session, shell_teardown);
  g_test_add ("/languages/listen-to-the-home-screen-in-arabic", ShellFixture, NULL,
              languages_setup, test_listen_to_the_home_screen_in_arabic, shell_teardown);
  g_test_add ("/languages/listen-to-a-page", ShellFixture, NULL, languages_setup,
              test_listen_to_a_page, shell_teardown);
  g_test_add ("/languages/listen-to-the-selection", ShellFixture, NULL, languages_setup,
              test_listen_to_the_selection, shell_teardown);
  g_test_add ("/languages/slower-lasts-the-session", ShellFixture, NULL, languages_setup,
              test_slower_lasts_the_session, shell_teardown);
  g_test_add ("/languages/a-page-cannot-choose-the-voice", ShellFixture, NULL, languages_setup,
              test_a_page_cannot_choose_the_voice, shell_teardown);
  g_test_add ("/languages/listen-out-of-service", ShellFixture, NULL, languages_setup,
              test_listen_out_of_service, shell_teardown);
  g_test_add ("/languages/listen-from-where-the-resident-tapped", ShellFixture, NULL,
              languages_setup, test_listen_from_where_the_resident_tapped, shell_teardown);
  g_test_add ("/languages/the-sentence-heard-shows", ShellFixture, NULL, languages_setup,
              test_the_sentence_heard_shows, shell_teardown);
  g_test_add ("/languages/listen-to-a-popup", ShellFixture, NULL, languages_setup,
              test_listen_to_a_popup, shell_teardown);
  g_test_add ("/languages/the-idle-question-silences", ShellFixture,
              "IdleTimeout=6\nIdleWarning=60\n", languages_setup,
              test_the_idle_question_silences, shell_teardown);
  g_test_add ("/languages/a-changed-text-is-not-marked", ShellFixture, NULL, languages_setup,
              test_a_changed_text_is_not_marked, shell_teardown);
  g_test_add ("/languages/the-sentence-heard-comes-into-sight", ShellFixture, NULL,
              languages_setup, test_the_sentence_heard_comes_into_sight, shell_teardown);
  g_test_add ("/languages/text-size-lasts-the-session", ShellFixture, NULL,
              languages_setup, test_text_size_lasts_the_session, shell_teardown);
  g_test_add ("/languages/the-keyboard-alone-opens-a-service", ShellFixture, ants_group,
              languages_setup, test_the_keyboard_alone_opens_a_service, shell_teardown);
  g_test_add ("/languages/choices-without-a-service-are-erased", ShellFixture,
              "IdleTimeout=2\nIdleWarning=1\n", languages_setup,
              test_choices_without_a_service_are_erased, shell_teardown);
  g_test_add ("/languages/out-of-service-erases-choices", ShellFixture, NULL, languages_setup,
              test_out_of_service_erases_choices, shell_teardown);
  g_test_add ("/languages/a-new-language-keeps-the-staff-lockout", ShellFixture, NULL,
              staff_languages_setup, test_a_new_language_keeps_the_staff_lockout, shell_teardown);
  g_test_add ("/languages/the-staff-panel-speaks-french-to-an-arabic-reader", ShellFixture, NULL,
              staff_languages_setup, test_the_staff_panel_speaks_french_to_an_arabic_reader,
              shell_teardown);
  g_test_add ("/languages/the-staff-panel-speaks-french-to-an-english-reader", ShellFixture,
              NULL, staff_languages_setup, test_the_staff_panel_speaks_french_to_an_english_reader,
              shell_teardown);

  status = g_test_run ();

  kiosk_test_sound_server_stop (sound_server);
  kiosk_files_remove_tree (test_root, NULL);
  return status;
}
