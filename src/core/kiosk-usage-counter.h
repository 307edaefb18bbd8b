/* kiosk-usage-counter.h — counting off the UI thread, a second late at most
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kiosk-usage-store.h"

G_BEGIN_DECLS

/* How a count is dated: by the hour, or (survey answers) by the day only,
 * so that an answer can never be matched with what one person did in a
 * quiet hour.
 */
typedef enum
{
  KIOSK_USAGE_BY_HOUR,
  KIOSK_USAGE_BY_DAY,
} KioskUsageResolution;

#define KIOSK_TYPE_USAGE_COUNTER (kiosk_usage_counter_get_type ())
G_DECLARE_FINAL_TYPE (KioskUsageCounter, kiosk_usage_counter, KIOSK, USAGE_COUNTER, GObject)

KioskUsageCounter *kiosk_usage_counter_new         (const char           *db_path,
                                                    const char           *site,
                                                    const char           *station);
void               kiosk_usage_counter_add         (KioskUsageCounter    *self,
                                                    const char           *metric,
                                                    const char           *key,
                                                    gint64                count);
void               kiosk_usage_counter_add_at      (KioskUsageCounter    *self,
                                                    GDateTime            *when,
                                                    KioskUsageResolution  resolution,
                                                    const char           *metric,
                                                    const char           *key,
                                                    gint64                count);
void               kiosk_usage_counter_flush       (KioskUsageCounter    *self);
void               kiosk_usage_counter_flush_soon  (KioskUsageCounter    *self);
gboolean           kiosk_usage_counter_is_paused   (KioskUsageCounter    *self);
guint64            kiosk_usage_counter_get_write_errors (KioskUsageCounter *self);
char              *kiosk_usage_counter_dup_problem (KioskUsageCounter    *self);
void               kiosk_usage_counter_set_flush_delay (KioskUsageCounter *self,
                                                        guint              milliseconds);

G_END_DECLS
