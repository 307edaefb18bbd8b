/* test-accessibility.c — every control named, big enough to touch, under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-test"

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-files.h"
#include "shell-fixture.h"

/* The smallest a control may be, in both directions, for an unsteady
 * finger (WCAG 2.5.5 asks 44 CSS pixels; GNOME's touch guidelines 48).
 */
#define MIN_TOUCH_TARGET 48

static gboolean
is_control (GtkWidget *widget)
{
  switch (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget)))
    {
    case GTK_ACCESSIBLE_ROLE_BUTTON:
    case GTK_ACCESSIBLE_ROLE_CHECKBOX:
    case GTK_ACCESSIBLE_ROLE_RADIO:
    case GTK_ACCESSIBLE_ROLE_SWITCH:
    case GTK_ACCESSIBLE_ROLE_TEXT_BOX:
    case GTK_ACCESSIBLE_ROLE_SEARCH_BOX:
    case GTK_ACCESSIBLE_ROLE_SPIN_BUTTON:
    case GTK_ACCESSIBLE_ROLE_LINK:
    case GTK_ACCESSIBLE_ROLE_COMBO_BOX:
    case GTK_ACCESSIBLE_ROLE_SLIDER:
      return TRUE;
    default:
      return FALSE;
    }
}

/* GTK names a button after the text inside it. */
static gboolean
has_text_inside (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && *gtk_label_get_text (GTK_LABEL (widget)) != '\0')
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (has_text_inside (child))
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_named (GtkWidget *widget)
{
  return gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget),
                                           GTK_ACCESSIBLE_PROPERTY_LABEL) ||
         gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget),
                                           GTK_ACCESSIBLE_RELATION_LABELLED_BY) ||
         has_text_inside (widget);
}

static void
describe (GString   *report,
          GtkWidget *widget,
          const char *problem)
{
  g_auto(GStrv) classes = gtk_widget_get_css_classes (widget);
  g_autofree char *joined = g_strjoinv (".", classes);
  GtkWidget *ancestor = gtk_widget_get_parent (widget);

  g_string_append_printf (report, "\n  %s%s%s (name “%s”) in %s: %s", G_OBJECT_TYPE_NAME (widget),
                          *joined != '\0' ? "." : "", joined, gtk_widget_get_name (widget),
                          ancestor != NULL ? G_OBJECT_TYPE_NAME (ancestor) : "nothing",
                          problem);
}

/* Walks every widget of the window, shown or not, so that each screen's
 * controls are checked (the questions and pages are all built, hidden,
 * with the window). Entries are not entered: their inner text field is
 * named by the entry; nor web views: a page is its site's.
 */
static void
check_names (GtkWidget *widget,
             GString   *report)
{
  if (is_control (widget) && !is_named (widget))
    describe (report, widget, "no accessible name");

  if (GTK_IS_EDITABLE (widget) || WEBKIT_IS_WEB_VIEW (widget))
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_names (child, report);
}

/* Only what a person can touch now: mapped, inside the window. */
static void
check_sizes (GtkWidget *widget,
             GtkWidget *window,
             GString   *report)
{
  graphene_rect_t bounds;

  if (!gtk_widget_get_mapped (widget))
    return;

  if (is_control (widget) && gtk_widget_compute_bounds (widget, window, &bounds) &&
      (bounds.size.width < MIN_TOUCH_TARGET || bounds.size.height < MIN_TOUCH_TARGET))
    {
      g_autofree char *size = g_strdup_printf ("%.0f×%.0f px, smaller than %d",
                                               bounds.size.width, bounds.size.height,
                                               MIN_TOUCH_TARGET);
      describe (report, widget, size);
    }

  if (GTK_IS_EDITABLE (widget) || WEBKIT_IS_WEB_VIEW (widget))
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_sizes (child, window, report);
}

static void
assert_screen_is_usable (ShellFixture *fixture,
                         const char   *screen)
{
  g_autoptr(GString) report = g_string_new (NULL);

  /* Laid out as shown. */
  kiosk_test_spin (300);
  check_names (GTK_WIDGET (fixture->window), report);
  check_sizes (GTK_WIDGET (fixture->window), GTK_WIDGET (fixture->window), report);
  if (report->len > 0)
    g_error ("On the %s screen:%s", screen, report->str);
}

static void
test_every_screen (ShellFixture  *fixture,
                   gconstpointer  data)
{
  KioskStaffPanel *panel = kiosk_window_get_staff_panel (fixture->window);

  assert_screen_is_usable (fixture, "home");

  open_caf (fixture);
  assert_screen_is_usable (fixture, "service");

  activate (fixture, "win.ask-end-session");
  assert_screen_is_usable (fixture, "end-session question");
  activate (fixture, "win.cancel-end-session");

  kiosk_staff_panel_open (panel);
  assert_screen_is_usable (fixture, "staff PIN");
  type_on_the_keypad (panel, SHELL_STAFF_PIN);
  g_assert_true (kiosk_staff_panel_is_unlocked (panel));
  assert_screen_is_usable (fixture, "staff panel");
  kiosk_staff_panel_close (panel);

  kiosk_window_end_session (fixture->window, KIOSK_END_LOGOUT);
  assert_screen_is_usable (fixture, "session erased");
}

/* The smallest screen a station has (DESIGN.md): every text size must fit
 * on it, the toolbar's buttons included, and every question too.
 */
#define SMALLEST_SCREEN_WIDTH 1280
#define SMALLEST_SCREEN_HEIGHT 800

/* @for_width: the width the widget gets, or -1 for its least width;
 * @room: the height it has
 */
static void
assert_fits_in (GtkWidget  *widget,
                int         for_width,
                int         room,
                const char *what,
                const char *when)
{
  int width = 0;
  int height = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &width, NULL, NULL, NULL);
  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, for_width > 0 ? for_width : width,
                      &height, NULL, NULL, NULL);
  if (width > SMALLEST_SCREEN_WIDTH || height > room)
    g_error ("At %s, %s needs at least %d×%d px, in %d×%d", when, what, width, height,
             SMALLEST_SCREEN_WIDTH, room);
}

static void
assert_fits (GtkWidget  *widget,
             int         for_width,
             const char *what,
             const char *when)
{
  assert_fits_in (widget, for_width, SMALLEST_SCREEN_HEIGHT, what, when);
}

/* The window's least size is what a fullscreen window cannot go under:
 * more than the screen, and its right or bottom edge is cut off. The
 * questions are drawn over the pages, outside that size: GtkOverlay gives
 * each one at least the height it needs at its least width. Their cards
 * are measured, as a hidden widget measures 0. The questions a page
 * raises cover the page only, under the toolbar, which leaves them less.
 */
static void
assert_fits_the_smallest_screen (ShellFixture *fixture,
                                 const char   *when)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkWidget *content = gtk_widget_get_parent (window_widget_named (fixture, "toolbar"));
  GtkWidget *overlay = gtk_widget_get_parent (content);
  GtkWidget *page_area = window_widget_named (fixture, "page-area");
  GtkWidget *page = gtk_widget_get_first_child (page_area);
  int toolbar_height = 0;

  g_assert_true (GTK_IS_OVERLAY (overlay));
  g_assert_true (GTK_IS_OVERLAY (page_area));
  assert_fits (window, SMALLEST_SCREEN_WIDTH, "the window", when);
  for (GtkWidget *question = gtk_widget_get_first_child (overlay); question != NULL;
       question = gtk_widget_get_next_sibling (question))
    {
      if (question != content)
        assert_fits (gtk_widget_get_first_child (question), -1, G_OBJECT_TYPE_NAME (question),
                     when);
    }

  gtk_widget_measure (window_widget_named (fixture, "toolbar"), GTK_ORIENTATION_VERTICAL,
                      SMALLEST_SCREEN_WIDTH, &toolbar_height, NULL, NULL, NULL);
  for (GtkWidget *question = gtk_widget_get_next_sibling (page); question != NULL;
       question = gtk_widget_get_next_sibling (question))
    assert_fits_in (gtk_widget_get_first_child (question), -1,
                    SMALLEST_SCREEN_HEIGHT - toolbar_height, G_OBJECT_TYPE_NAME (question), when);
}

/* A+ grows the home screen's text with the page, up to the last step,
 * where A+ gives up; everything still fits the screen at every step, the
 * toolbar keeps its size, and the next person starts at the usual size.
 */
static void
test_text_size_grows_the_kiosk_screens (ShellFixture  *fixture,
                                        gconstpointer  data)
{
  GtkWidget *welcome = window_widget_named (fixture, "welcome");
  GtkWidget *toolbar = window_widget_named (fixture, "toolbar");
  GtkWidget *larger = window_widget_named (fixture, "text-larger");
  int usual_width;
  int toolbar_height;
  guint steps = 0;

  g_assert_cmpstr (kiosk_window_get_page (fixture->window), ==, "home");
  kiosk_test_spin (300);
  usual_width = natural_width (welcome);
  toolbar_height = gtk_widget_get_height (toolbar);
  assert_fits_the_smallest_screen (fixture, "the usual size");

  /* On the home screen itself, where a resident meets it first. */
  g_assert_true (gtk_widget_is_drawable (larger));
  while (gtk_widget_is_sensitive (larger) && steps < 20)
    {
      g_autofree char *when = g_strdup_printf ("%u steps up", ++steps);
      int width = natural_width (welcome);

      click_in_the_middle_of (larger);
      /* Beyond what the kiosk's screens go to, only the page grows. */
      if (steps <= 4)
        wait_for_natural_width_change (welcome, width);
      else
        kiosk_test_spin (100);
      assert_fits_the_smallest_screen (fixture, when);
      g_assert_cmpint (gtk_widget_get_height (toolbar), ==, toolbar_height);
    }
  g_assert_cmpuint (steps, >=, 4);
  /* Twice as large, give or take the glyphs' rounding. */
  g_assert_cmpint (natural_width (welcome), >=, 9 * usual_width / 5);

  /* The page opened then is zoomed as much. */
  open_caf (fixture);
  g_assert_cmpfloat (webkit_web_view_get_zoom_level (fixture_get_web_view (fixture)), >=, 2.0);
  activate (fixture, "win.ask-end-session");
  assert_screen_is_usable (fixture, "end-session question, largest text");
  /* Its text is written when it is asked. */
  assert_fits_the_smallest_screen (fixture, "the largest size, end-session question asked");
  activate (fixture, "win.cancel-end-session");

  kiosk_window_end_session (fixture->window, KIOSK_END_LOGOUT);
  kiosk_window_show_home (fixture->window);
  assert_natural_width_becomes (welcome, usual_width);
}

/* A shown widget whose role is an alert. */
static gboolean
find_alert (GtkWidget *widget)
{
  if (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget)) == GTK_ACCESSIBLE_ROLE_ALERT &&
      gtk_widget_is_visible (widget))
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (find_alert (child))
        return TRUE;
    }
  return FALSE;
}

static const char *
window_question (gpointer window)
{
  return kiosk_window_get_question (window);
}

/* Screen readers say an alert as soon as it shows: the idle countdown is
 * one, so that someone who cannot see it still hears it.
 */
static void
test_the_idle_countdown_is_an_alert (ShellFixture  *fixture,
                                     gconstpointer  data)
{
  g_assert_false (find_alert (GTK_WIDGET (fixture->window)));
  open_caf (fixture);
  assert_string_becomes (window_question, fixture->window, "idle", "question on screen");
  g_assert_true (find_alert (GTK_WIDGET (fixture->window)));
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

  g_test_add ("/accessibility/every-screen", ShellFixture, NULL, shell_setup_with_staff_pin,
              test_every_screen, shell_teardown);

  g_test_add ("/accessibility/text-size-grows-the-kiosk-screens", ShellFixture, NULL,
              shell_setup, test_text_size_grows_the_kiosk_screens, shell_teardown);

  g_test_add ("/accessibility/the-idle-countdown-is-an-alert", ShellFixture,
              "IdleTimeout=1\nIdleWarning=30\n", shell_setup_with_keys,
              test_the_idle_countdown_is_an_alert, shell_teardown);

  status = g_test_run ();

  kiosk_files_remove_tree (test_root, NULL);
  return status;
}
