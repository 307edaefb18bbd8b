/* kiosk-admin-refusals.h — pimms-kiosk-admin refusals-to-config: what staff recorded, as lines
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int kiosk_admin_refusals_run (int    argc,
                              char **argv);

G_END_DECLS
