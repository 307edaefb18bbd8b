/* kiosk-usage-view.h — the Fréquentation page: every station's counts, charted and exported
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-usage-gatherer.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_USAGE_VIEW (kiosk_usage_view_get_type ())
G_DECLARE_FINAL_TYPE (KioskUsageView, kiosk_usage_view, KIOSK, USAGE_VIEW, GtkWidget)

void        kiosk_usage_view_set_gatherer      (KioskUsageView     *self,
                                                KioskUsageGatherer *gatherer);
void        kiosk_usage_view_set_service_names (KioskUsageView     *self,
                                                GHashTable         *names);
void        kiosk_usage_view_set_from_day      (KioskUsageView     *self,
                                                const char         *day);
void        kiosk_usage_view_set_to_day        (KioskUsageView     *self,
                                                const char         *day);
gboolean    kiosk_usage_view_gather            (KioskUsageView     *self);
gboolean    kiosk_usage_view_is_busy           (KioskUsageView     *self);
const char *kiosk_usage_view_get_status_text   (KioskUsageView     *self);
const char *kiosk_usage_view_get_figures_text  (KioskUsageView     *self);
gint64      kiosk_usage_view_get_total         (KioskUsageView     *self,
                                                const char         *metric);
gint64      kiosk_usage_view_get_station_sessions (KioskUsageView  *self,
                                                   const char      *station);
gboolean    kiosk_usage_view_export_csv        (KioskUsageView     *self,
                                                const char         *path,
                                                GError            **error);
gboolean    kiosk_usage_view_export_html       (KioskUsageView     *self,
                                                const char         *path,
                                                GError            **error);

G_END_DECLS
