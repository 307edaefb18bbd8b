/* kiosk-admin-stats-report.h — the text usage report of pimms-kiosk-admin stats report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kiosk-admin-stats-summary.h"

G_BEGIN_DECLS

void kiosk_admin_stats_write_report (GString                *out,
                                     KioskAdminStatsSummary *summary,
                                     int                     min_count);

G_END_DECLS
