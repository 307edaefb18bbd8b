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

  g_test_add ("/accessibility/the-idle-countdown-is-an-alert", ShellFixture,
              "IdleTimeout=1\nIdleWarning=30\n", shell_setup_with_keys,
              test_the_idle_countdown_is_an_alert, shell_teardown);

  status = g_test_run ();

  kiosk_files_remove_tree (test_root, NULL);
  return status;
}
