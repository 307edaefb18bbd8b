/* kiosk-admin.h — pimms-kiosk-admin: checks and tools for admins and scripts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit codes shared by every command, so that scripts can rely on them. */
#define KIOSK_ADMIN_EXIT_OK 0
#define KIOSK_ADMIN_EXIT_PROBLEMS 1
#define KIOSK_ADMIN_EXIT_USAGE 2

int kiosk_admin_run (int    argc,
                     char **argv);

G_END_DECLS
