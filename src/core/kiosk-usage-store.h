/* kiosk-usage-store.h — anonymous usage counts in SQLite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What is counted. A key is a service id, a registrable domain, an end
 * reason, a duration bucket, a language or a survey answer; never a URL
 * path or query, typed text, or anything that identifies a person.
 */
#define KIOSK_METRIC_SESSION_STARTED       "session-started"
#define KIOSK_METRIC_SESSION_ENDED         "session-ended"          /* key: end reason */
#define KIOSK_METRIC_SESSION_DURATION      "session-duration"       /* key: duration bucket */
#define KIOSK_METRIC_SESSION_ASSISTED      "session-assisted"
#define KIOSK_METRIC_SERVICE_OPENED        "service-opened"         /* key: service id; each tap */
#define KIOSK_METRIC_DEMARCHE              "demarche"               /* key: service id; once per
                                                                     * service and session */
#define KIOSK_METRIC_NAVIGATION_REFUSED    "navigation-refused"     /* key: registrable domain */
#define KIOSK_METRIC_FRAME_REFUSED         "frame-refused"          /* key: registrable domain */
#define KIOSK_METRIC_POPUP_REFUSED         "popup-refused"          /* key: registrable domain */
#define KIOSK_METRIC_DOWNLOAD_REFUSED      "download-refused"       /* key: registrable domain */
#define KIOSK_METRIC_RESOURCE_BLOCKED      "resource-blocked"       /* key: registrable domain */
#define KIOSK_METRIC_DOCUMENT_DOWNLOADED   "document-downloaded"
#define KIOSK_METRIC_PAGES_PRINTED         "pages-printed"
#define KIOSK_METRIC_LANGUAGE              "language"               /* key: language code */
#define KIOSK_METRIC_TEXT_SIZE_CHANGED     "text-size-changed"
#define KIOSK_METRIC_READ_ALOUD            "read-aloud"             /* key: language code; once
                                                                     * per session and language */
#define KIOSK_METRIC_OUT_OF_SERVICE        "out-of-service-minutes"
#define KIOSK_METRIC_SURVEY_RESIDENCE      "survey-residence"       /* key: survey answer */
#define KIOSK_METRIC_SURVEY_OUTCOME        "survey-outcome"         /* key: survey answer */

#define KIOSK_USAGE_ERROR (kiosk_usage_error_quark ())

typedef enum
{
  KIOSK_USAGE_ERROR_CORRUPT,
  KIOSK_USAGE_ERROR_FULL,
  KIOSK_USAGE_ERROR_IO,
  KIOSK_USAGE_ERROR_TOO_NEW,
  KIOSK_USAGE_ERROR_INVALID,
} KioskUsageError;

GQuark kiosk_usage_error_quark (void);

/* One counter: how many times @metric/@key happened in one hour of one
 * day at one station. @day is "YYYY-MM-DD" in the station's local time.
 */
typedef struct
{
  const char *day;
  guint       hour;
  const char *site;
  const char *station;
  const char *metric;
  const char *key;
  gint64      count;
} KioskUsageRow;

/* Which rows a report or an export wants; %NULL fields select all. Days
 * are "YYYY-MM-DD", both ends included.
 */
typedef struct
{
  const char *from_day;
  const char *to_day;
  const char *site;
  const char *station;
} KioskUsageFilter;

typedef gboolean (*KioskUsageRowFunc) (const KioskUsageRow *row,
                                       gpointer             user_data);

/* Totals summed in SQL, for reports over years of counts. */
typedef enum
{
  KIOSK_USAGE_GROUP_METRIC_KEY,    /* per metric and key */
  KIOSK_USAGE_GROUP_DAY,           /* per day and metric */
  KIOSK_USAGE_GROUP_MONTH,         /* per month and metric */
  KIOSK_USAGE_GROUP_SITE_STATION,  /* per site, station and metric */
  KIOSK_USAGE_GROUP_SITE_KEY,      /* per site, metric and key */
  KIOSK_USAGE_GROUP_HOUR_OF_WEEK,  /* per weekday, hour and metric */
} KioskUsageGroup;

/* One total; the fields the group does not use are %NULL or 0. */
typedef struct
{
  const char *period;    /* DAY: "YYYY-MM-DD"; MONTH: "YYYY-MM" */
  guint       weekday;   /* HOUR_OF_WEEK: 1 (Monday) to 7 (Sunday) */
  guint       hour;      /* HOUR_OF_WEEK: 0 to 23 */
  const char *site;      /* SITE_STATION, SITE_KEY */
  const char *station;   /* SITE_STATION */
  const char *metric;
  const char *key;       /* METRIC_KEY, SITE_KEY */
  gint64      count;
} KioskUsageTotal;

typedef gboolean (*KioskUsageTotalFunc) (const KioskUsageTotal *total,
                                         gpointer               user_data);

#define KIOSK_TYPE_USAGE_STORE (kiosk_usage_store_get_type ())
G_DECLARE_FINAL_TYPE (KioskUsageStore, kiosk_usage_store, KIOSK, USAGE_STORE, GObject)

KioskUsageStore *kiosk_usage_store_open              (const char             *path,
                                                      GError                **error);
KioskUsageStore *kiosk_usage_store_open_read_only    (const char             *path,
                                                      GError                **error);
const char      *kiosk_usage_store_get_path          (KioskUsageStore        *self);
const char      *kiosk_usage_store_get_recovered_from (KioskUsageStore       *self);
gboolean         kiosk_usage_store_add               (KioskUsageStore        *self,
                                                      const KioskUsageRow    *rows,
                                                      guint                   n_rows,
                                                      GError                **error);
gboolean         kiosk_usage_store_foreach           (KioskUsageStore        *self,
                                                      const KioskUsageFilter *filter,
                                                      KioskUsageRowFunc       func,
                                                      gpointer                user_data,
                                                      GError                **error);
gboolean         kiosk_usage_store_total             (KioskUsageStore        *self,
                                                      const KioskUsageFilter *filter,
                                                      KioskUsageGroup         group,
                                                      KioskUsageTotalFunc     func,
                                                      gpointer                user_data,
                                                      GError                **error);
gint64           kiosk_usage_store_count_metric      (KioskUsageStore        *self,
                                                      const KioskUsageFilter *filter,
                                                      const char             *metric,
                                                      GError                **error);
gboolean         kiosk_usage_store_merge_from        (KioskUsageStore        *self,
                                                      const char             *other_path,
                                                      GError                **error);

const char      *kiosk_usage_duration_bucket         (guint                   seconds);
gboolean         kiosk_usage_day_is_valid            (const char             *day);

G_END_DECLS
