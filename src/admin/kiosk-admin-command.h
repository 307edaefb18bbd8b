/* kiosk-admin-command.h — running the subcommand a command line names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <stdio.h>

G_BEGIN_DECLS

/**
 * KioskAdminCommand:
 * @name: what is typed, such as "check-url"
 * @arguments: (nullable): its arguments for the usage text, marked N_()
 * @summary: one line on what it does, marked N_()
 * @run: runs it, given the arguments from @name on
 *
 * One subcommand of pimms-kiosk-admin, or of one of its commands.
 */
typedef struct
{
  const char  *name;
  const char  *arguments;
  const char  *summary;
  int        (*run) (int argc, char **argv);
} KioskAdminCommand;

/**
 * KioskAdminCommandSet:
 * @program: the command line so far, such as "pimms-kiosk-admin stats"
 * @commands: its subcommands
 * @n_commands: how many there are
 * @print_usage: writes the usage text to a stream
 * @print_unknown: tells, on stderr, that a name is no subcommand
 *
 * What kiosk_admin_dispatch() needs to run one of @commands.
 */
typedef struct
{
  const char              *program;
  const KioskAdminCommand *commands;
  guint                    n_commands;
  void                   (*print_usage) (FILE *stream);
  void                   (*print_unknown) (const char *name);
} KioskAdminCommandSet;

int kiosk_admin_dispatch (const KioskAdminCommandSet  *set,
                          int                          argc,
                          char                       **argv);

G_END_DECLS
