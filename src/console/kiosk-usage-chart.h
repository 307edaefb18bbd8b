/* kiosk-usage-chart.h — the Fréquentation page's charts, drawn with cairo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* What one chart shows. */
typedef enum
{
  KIOSK_USAGE_CHART_COLUMNS,   /* one column per label, left to right: days, months */
  KIOSK_USAGE_CHART_BARS,      /* one bar per label, top to bottom: services */
  KIOSK_USAGE_CHART_WEEK,      /* 7 rows of 24 hours, darker where busier */
} KioskUsageChartKind;

#define KIOSK_TYPE_USAGE_CHART (kiosk_usage_chart_get_type ())
G_DECLARE_FINAL_TYPE (KioskUsageChart, kiosk_usage_chart, KIOSK, USAGE_CHART, GtkWidget)

GtkWidget *kiosk_usage_chart_new        (KioskUsageChartKind  kind);
void       kiosk_usage_chart_clear      (KioskUsageChart     *self);
void       kiosk_usage_chart_add        (KioskUsageChart     *self,
                                         const char          *label,
                                         gint64               value);
void       kiosk_usage_chart_set_week   (KioskUsageChart     *self,
                                         const gint64        *week);

G_END_DECLS
