/* kiosk-admin-stats.h — pimms-kiosk-admin stats: reports, exports, merges
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int kiosk_admin_stats_run (int    argc,
                           char **argv);

G_END_DECLS
