/* kiosk-admin-command.c — running the subcommand a command line names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pimms-kiosk-admin"

#include "config.h"

#include "kiosk-admin-command.h"

#include "kiosk-admin.h"

#include <string.h>

/**
 * kiosk_admin_dispatch:
 * @set: the subcommands to choose from
 * @argc: the number of arguments, the command itself included
 * @argv: the arguments, starting with the command itself
 *
 * Runs the subcommand named by @argv[1]. With no name, the usage goes to
 * stderr as a mistake; asked for with "--help", "-h" or "help", to
 * stdout. The program name becomes "@program NAME", so that the
 * subcommand's messages say which one speaks.
 *
 * Returns: the subcommand's exit code, or %KIOSK_ADMIN_EXIT_USAGE when
 *   none was named or the name is unknown
 */
int
kiosk_admin_dispatch (const KioskAdminCommandSet  *set,
                      int                          argc,
                      char                       **argv)
{
  g_return_val_if_fail (set != NULL, KIOSK_ADMIN_EXIT_USAGE);
  g_return_val_if_fail (argc >= 1, KIOSK_ADMIN_EXIT_USAGE);
  g_return_val_if_fail (argv != NULL, KIOSK_ADMIN_EXIT_USAGE);

  /* Which version an installed station runs, for an admin or a script. */
  if (argc == 2 && strcmp (argv[1], "--version") == 0)
    {
      printf ("%s %s\n", set->program, PACKAGE_VERSION);
      return KIOSK_ADMIN_EXIT_OK;
    }

  if (argc < 2 || strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0 ||
      strcmp (argv[1], "help") == 0)
    {
      set->print_usage (argc < 2 ? stderr : stdout);
      return argc < 2 ? KIOSK_ADMIN_EXIT_USAGE : KIOSK_ADMIN_EXIT_OK;
    }

  for (guint i = 0; i < set->n_commands; i++)
    {
      if (strcmp (argv[1], set->commands[i].name) == 0)
        {
          g_autofree char *program = g_strdup_printf ("%s %s", set->program, argv[1]);

          g_set_prgname (program);
          return set->commands[i].run (argc - 1, argv + 1);
        }
    }

  set->print_unknown (argv[1]);
  set->print_usage (stderr);
  return KIOSK_ADMIN_EXIT_USAGE;
}
