/* kiosk-usage-summary.h — the totals a usage report shows, summed by the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kiosk-usage-store.h"

G_BEGIN_DECLS

/* Hours are 0 to 23 and weekdays 1 (Monday) to 7, as the store counts them. */
#define KIOSK_USAGE_N_WEEKDAYS 7
#define KIOSK_USAGE_N_HOURS 24

typedef struct
{
  char   *key;
  gint64  count;
} KioskUsageKeyCount;

typedef struct
{
  char   *month;       /* "YYYY-MM" */
  gint64  sessions;
  gint64  demarches;
  gint64  taps;        /* services opened, the démarches of older counts */
} KioskUsageMonth;

typedef struct
{
  char   *site;
  char   *station;
  gint64  sessions;
  gint64  demarches;
  gint64  taps;
  gint64  assisted;    /* sessions with a mediator */
} KioskUsageStation;

/* A site's stations added up. */
typedef struct
{
  char   *site;
  guint   n_stations;
  gint64  sessions;
  gint64  demarches;
  gint64  assisted;
} KioskUsageSite;

typedef struct
{
  /* What was asked for, so that a report can say it. */
  char       *from_day;
  char       *to_day;
  char       *site;
  char       *station;

  GHashTable *metrics;     /* metric → GPtrArray of KioskUsageKeyCount */
  GPtrArray  *months;      /* KioskUsageMonth, every month from the first to the last */
  GPtrArray  *stations;    /* KioskUsageStation, by site then station */
  GPtrArray  *sites;       /* KioskUsageSite, by site */
  /* "site\x1fservice" → démarches (gint64 *), of demarche_metric. */
  GHashTable *site_services;
  /* What the démarches are counted from: KIOSK_METRIC_DEMARCHE, or for
   * counts kept before it existed, KIOSK_METRIC_SERVICE_OPENED (taps).
   */
  const char *demarche_metric;
  /* Service id → name, from a catalogue (kiosk_usage_summary_set_service_names()). */
  GHashTable *service_names;
  gint64      week[KIOSK_USAGE_N_WEEKDAYS][KIOSK_USAGE_N_HOURS];
} KioskUsageSummary;

KioskUsageSummary *kiosk_usage_summary_load              (KioskUsageStore        *store,
                                                          const KioskUsageFilter *filter,
                                                          GError                **error);
void               kiosk_usage_summary_free              (KioskUsageSummary      *self);
gboolean           kiosk_usage_summary_is_empty          (KioskUsageSummary      *self);
gint64             kiosk_usage_summary_get_total         (KioskUsageSummary      *self,
                                                          const char             *metric);
GPtrArray         *kiosk_usage_summary_get_keys          (KioskUsageSummary      *self,
                                                          const char             *metric);
gboolean           kiosk_usage_summary_get_week_hours    (KioskUsageSummary      *self,
                                                          guint                  *first,
                                                          guint                  *last);
char              *kiosk_usage_summary_describe_period   (KioskUsageSummary      *self);
char              *kiosk_usage_summary_describe_scope    (KioskUsageSummary      *self);
gint64             kiosk_usage_summary_get_site_demarches (KioskUsageSummary     *self,
                                                          const char             *site,
                                                          const char             *service);
char              *kiosk_usage_format_day                (const char             *day);
char              *kiosk_usage_format_month              (const char             *month);
char              *kiosk_usage_format_decimal            (double                  value,
                                                          int                     decimals);
const char        *kiosk_usage_month_name                (guint                   month,
                                                          gboolean                abbreviated);
gboolean           kiosk_usage_summary_estimate_duration (KioskUsageSummary      *self,
                                                          double                 *minutes,
                                                          gint64                 *n_sessions);

char              *kiosk_usage_format_count              (gint64                  count,
                                                          int                     min_count);
gboolean           kiosk_usage_is_masked                 (gint64                  count,
                                                          int                     min_count);
void               kiosk_usage_summary_set_service_names (KioskUsageSummary      *self,
                                                          GHashTable             *names);
const char        *kiosk_usage_summary_describe_key      (KioskUsageSummary      *self,
                                                          const char             *metric,
                                                          const char             *key);
const char        *kiosk_usage_describe_key              (const char             *metric,
                                                          const char             *key);
char              *kiosk_usage_weekday_name              (guint                   weekday);
const char        *kiosk_usage_duration_note             (void);
const char        *kiosk_usage_session_note              (void);
const char        *kiosk_usage_assisted_note             (void);
const char        *kiosk_usage_demarche_note             (KioskUsageSummary      *self);
char              *kiosk_usage_describe_masking          (int                     min_count);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KioskUsageSummary, kiosk_usage_summary_free)

G_END_DECLS
