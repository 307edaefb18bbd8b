/* kiosk-usage-html.h — the HTML usage report (pimms-kiosk-admin stats html, the desk console)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kiosk-usage-summary.h"

G_BEGIN_DECLS

void kiosk_usage_write_html (GString           *out,
                             KioskUsageSummary *summary,
                             int                min_count);

G_END_DECLS
