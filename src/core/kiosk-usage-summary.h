/* kiosk-usage-summary.h — the totals a usage report shows, summed by the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kiosk-usage-store.h"

G_BEGIN_DECLS

/* Hours are 0 to 23 and weekdays 1 (Monday) to 7, as the store counts them. */
#define KIOSK_ADMIN_STATS_N_WEEKDAYS 7
#define KIOSK_ADMIN_STATS_N_HOURS 24

typedef struct
{
  char   *key;
  gint64  count;
} KioskAdminStatsKeyCount;

typedef struct
{
  char   *month;       /* "YYYY-MM" */
  gint64  sessions;
  gint64  demarches;
} KioskAdminStatsMonth;

typedef struct
{
  char   *site;
  char   *station;
  gint64  sessions;
  gint64  demarches;
} KioskAdminStatsStation;

typedef struct
{
  /* What was asked for, so that a report can say it. */
  char       *from_day;
  char       *to_day;
  char       *site;
  char       *station;

  GHashTable *metrics;     /* metric → GPtrArray of KioskAdminStatsKeyCount */
  GPtrArray  *months;      /* KioskAdminStatsMonth, every month from the first to the last */
  GPtrArray  *stations;    /* KioskAdminStatsStation, by site then station */
  gint64      week[KIOSK_ADMIN_STATS_N_WEEKDAYS][KIOSK_ADMIN_STATS_N_HOURS];
} KioskAdminStatsSummary;

KioskAdminStatsSummary *kiosk_admin_stats_summary_load     (KioskUsageStore        *store,
                                                            const KioskUsageFilter *filter,
                                                            GError                **error);
void                    kiosk_admin_stats_summary_free     (KioskAdminStatsSummary *self);
gboolean                kiosk_admin_stats_summary_is_empty (KioskAdminStatsSummary *self);
gint64                  kiosk_admin_stats_summary_get_total (KioskAdminStatsSummary *self,
                                                             const char             *metric);
GPtrArray              *kiosk_admin_stats_summary_get_keys (KioskAdminStatsSummary *self,
                                                            const char             *metric);
gboolean                kiosk_admin_stats_summary_get_week_hours (KioskAdminStatsSummary *self,
                                                                  guint                  *first,
                                                                  guint                  *last);
char                   *kiosk_admin_stats_summary_describe_period
                                                           (KioskAdminStatsSummary *self);
char                   *kiosk_admin_stats_summary_describe_scope
                                                           (KioskAdminStatsSummary *self);
gboolean                kiosk_admin_stats_summary_estimate_duration
                                                           (KioskAdminStatsSummary *self,
                                                            double                 *minutes,
                                                            gint64                 *n_sessions);

char                   *kiosk_admin_stats_format_count     (gint64                  count,
                                                            int                     min_count);
gboolean                kiosk_admin_stats_is_masked        (gint64                  count,
                                                            int                     min_count);
const char             *kiosk_admin_stats_describe_key     (const char             *metric,
                                                            const char             *key);
char                   *kiosk_admin_stats_weekday_name     (guint                   weekday);
const char             *kiosk_admin_stats_duration_note    (void);
char                   *kiosk_admin_stats_describe_masking (int                     min_count);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KioskAdminStatsSummary, kiosk_admin_stats_summary_free)

G_END_DECLS
