/* kiosk-admin-stats-html.h — the HTML usage report of pimms-kiosk-admin stats html
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kiosk-admin-stats-summary.h"

G_BEGIN_DECLS

void kiosk_admin_stats_write_html (GString                *out,
                                   KioskAdminStatsSummary *summary,
                                   int                     min_count);

G_END_DECLS
