/* kiosk-usage-gatherer.h — every station's usage counts, gathered into the console's store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kiosk-station-client.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_USAGE_GATHERER (kiosk_usage_gatherer_get_type ())
G_DECLARE_FINAL_TYPE (KioskUsageGatherer, kiosk_usage_gatherer, KIOSK, USAGE_GATHERER, GObject)

KioskUsageGatherer *kiosk_usage_gatherer_new         (const char          *store_path);
const char         *kiosk_usage_gatherer_get_store_path (KioskUsageGatherer *self);
void                kiosk_usage_gatherer_add_station (KioskUsageGatherer  *self,
                                                      const char          *id,
                                                      KioskStationClient  *client);
gboolean            kiosk_usage_gatherer_start       (KioskUsageGatherer  *self,
                                                      const char          *from_day);
void                kiosk_usage_gatherer_cancel      (KioskUsageGatherer  *self);
gboolean            kiosk_usage_gatherer_is_running  (KioskUsageGatherer  *self);
guint               kiosk_usage_gatherer_get_n_done  (KioskUsageGatherer  *self);
guint               kiosk_usage_gatherer_get_n_stations (KioskUsageGatherer *self);

G_END_DECLS
