/* test-environment.c — a station refuses an environment that opens it up
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-test"

#include "config.h"

#include "kiosk-environment.h"

#include <gio/gio.h>
#include <string.h>

static const char * const unsafe[][2] = {
  { "WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS", "1" },
  { "WEBKIT_INSPECTOR_SERVER", "127.0.0.1:9222" },
  { "WEBKIT_INSPECTOR_HTTP_SERVER", "127.0.0.1:9222" },
  { "GTK_DEBUG", "interactive" },
  { "GTK_DEBUG", "layout,interactive" },
};

static void
test_unsafe_variables_are_found (void)
{
  g_assert_null (kiosk_environment_find_unsafe_variable ());

  g_setenv ("GTK_DEBUG", "layout", TRUE);
  g_assert_null (kiosk_environment_find_unsafe_variable ());
  g_unsetenv ("GTK_DEBUG");

  for (guint i = 0; i < G_N_ELEMENTS (unsafe); i++)
    {
      g_setenv (unsafe[i][0], unsafe[i][1], TRUE);
      g_assert_cmpstr (kiosk_environment_find_unsafe_variable (), ==, unsafe[i][0]);
      g_unsetenv (unsafe[i][0]);
    }
}

static void
test_kiosk_refuses_to_start (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (unsafe); i++)
    {
      g_autoptr(GSubprocessLauncher) launcher = NULL;
      g_autoptr(GSubprocess) kiosk = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *err = NULL;

      launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_PIPE |
                                            G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
      g_subprocess_launcher_setenv (launcher, unsafe[i][0], unsafe[i][1], TRUE);
      /* Without a display: the refusal comes before any window. */
      g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
      g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
      kiosk = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("KIOSK_BINARY"), NULL);
      g_assert_no_error (error);

      g_subprocess_communicate_utf8 (kiosk, NULL, NULL, NULL, &err, &error);
      g_assert_no_error (error);
      g_test_message ("%s: %s", unsafe[i][0], err);
      g_assert_true (g_subprocess_get_if_exited (kiosk));
      g_assert_cmpint (g_subprocess_get_exit_status (kiosk), ==, 1);
      g_assert_nonnull (strstr (err, unsafe[i][0]));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (unsafe); i++)
    g_unsetenv (unsafe[i][0]);

  g_test_add_func ("/core/environment/unsafe-variables-are-found",
                   test_unsafe_variables_are_found);
  g_test_add_func ("/core/environment/kiosk-refuses-to-start", test_kiosk_refuses_to_start);

  return g_test_run ();
}
