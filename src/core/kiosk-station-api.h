/* kiosk-station-api.h — the station API the desk console talks to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kiosk-station.h"

#include <gio/gio.h>

G_BEGIN_DECLS

#define KIOSK_STATION_API_ERROR (kiosk_station_api_error_quark ())

typedef enum
{
  KIOSK_STATION_API_ERROR_UNREADABLE,          /* a token or key file cannot be read */
  KIOSK_STATION_API_ERROR_INSECURE,            /* ... or other users may read or change it */
  KIOSK_STATION_API_ERROR_INVALID_TOKEN,
  KIOSK_STATION_API_ERROR_INVALID_CERTIFICATE,
  KIOSK_STATION_API_ERROR_INVALID_ADDRESS,
  KIOSK_STATION_API_ERROR_LISTEN,
  KIOSK_STATION_API_ERROR_INVALID_REQUEST,     /* a request body the API answers 400 to */
} KioskStationApiError;

GQuark kiosk_station_api_error_quark (void);

/* The reasons a session may end, counted apart in the metrics. */
#define KIOSK_N_END_REASONS (KIOSK_END_CRASH_RECOVERY + 1)

/* What a station tells a monitoring system (GET /api/v1/metrics) besides
 * its status: counts of what the kiosk did since it started and what it
 * holds now, never anything of a resident.
 */
typedef struct
{
  gint64       start_time;                           /* Unix time the kiosk started */
  guint64      sessions_ended[KIOSK_N_END_REASONS];  /* by #KioskEndReason */
  guint64      out_of_service_seconds;
  guint64      wipe_check_failures;
  guint        web_processes;                        /* WebKit's, alive now */
  guint64      kiosk_resident_bytes;
  guint64      web_resident_bytes;                   /* of those web processes */
  guint64      usage_write_errors;
  const char  *config_version;                       /* kiosk_config_get_version() */
} KioskStationMetrics;

/* Fills @metrics in, on the API's main context, for each request. */
typedef void   (*KioskStationMetricsFunc)  (KioskStationMetrics *metrics,
                                            gpointer             user_data);

/* Takes the config a desk sends (PUT /api/v1/config), @text, or with
 * @text %NULL goes back to the one before (POST /api/v1/config/roll-back):
 * returns %TRUE with the version the station will run and whether that
 * waits for the end of the session in progress, or %FALSE with @error
 * saying why the config is refused (the API answers 422 with it).
 */
typedef gboolean (*KioskStationConfigFunc) (const char  *text,
                                            gsize        length,
                                            char       **version,
                                            gboolean    *pending,
                                            GError     **error,
                                            gpointer     user_data);

/* What a station tells the desk, and nothing more: never the service,
 * the page or anything else of what its user is doing.
 */
typedef struct
{
  KioskStationState state;
  gboolean          assisted;        /* a médiateur is helping the user */
  gint64            since;           /* Unix time of the last change of state, or 0 */
  gint64            assisted_since;  /* Unix time a médiateur started helping, or 0 */
  gboolean          help_requested;  /* the user asked for a médiateur */
  gint64            help_since;      /* Unix time help was asked, or 0 */
  const char       *help_taken_by;   /* the mediator who goes, or NULL; the station's own */
  gboolean          counting_paused; /* the usage counts cannot be written (a full disk) */
  const char       *config_version;  /* of the config running, kiosk_config_get_version() */
  const char       *config_pending;  /* of one waiting for the session's end, or NULL */
} KioskStationStatus;

/* Fills @status in; called on the main context of the API for every
 * request that reports the station's state.
 */
typedef void   (*KioskStationStatusFunc)   (KioskStationStatus *status,
                                            gpointer            user_data);

/* The sites the station's staff record as refused (the learning mode of
 * the staff panel), %NULL when none; @recording says whether they still
 * record. Called on the main context of the API for GET /api/v1/refusals.
 */
typedef GPtrArray *(*KioskStationRefusalsFunc) (gboolean *recording,
                                                gpointer  user_data);

/* What the desk may ask a station to do, each with a POST. */
typedef enum
{
  KIOSK_STATION_ACTION_RESET,
  KIOSK_STATION_ACTION_OUT_OF_SERVICE,
  KIOSK_STATION_ACTION_IN_SERVICE,
  KIOSK_STATION_ACTION_ASK_RESET,    /* ask the resident first, end if nobody answers */
  KIOSK_STATION_ACTION_TAKE_HELP,    /* a mediator goes to answer the call */
} KioskStationAction;

/* Monotonic microseconds, like g_get_monotonic_time(). */
typedef gint64 (*KioskStationApiClockFunc) (gpointer            user_data);

/* How many consecutive failed authentications a client may make before
 * it has to wait, and the longest it has to wait, in seconds.
 */
#define KIOSK_STATION_API_FAILURES_BEFORE_DELAY 5
#define KIOSK_STATION_API_MAX_DELAY             300

/* The largest request body accepted, in bytes. */
#define KIOSK_STATION_API_MAX_BODY              (16 * 1024)

/* The longest out-of-service message, in characters. */
#define KIOSK_STATION_API_MAX_MESSAGE           500

/* The longest name of a mediator who takes a call, in characters. */
#define KIOSK_STATION_API_MAX_NAME              60

/* What the network may hold of the station at once, and for how long;
 * kiosk-station-api-connections.c and kiosk-station-api-tls.c say why
 * these numbers. A client is an address, or an IPv6 /64.
 */
#define KIOSK_STATION_API_MAX_CONNECTIONS            64
#define KIOSK_STATION_API_MAX_CONNECTIONS_PER_CLIENT 8
#define KIOSK_STATION_API_MAX_HANDSHAKES             4
#define KIOSK_STATION_API_HANDSHAKE_BURST            4    /* per client, then one a second */
#define KIOSK_STATION_API_HANDSHAKE_TIMEOUT          10   /* seconds, each step */
#define KIOSK_STATION_API_REQUEST_TIMEOUT            10   /* seconds */

/* A desk that asked nothing for this long is not listening: a resident's
 * call for help may go unseen (a console polls every 5 s by default).
 */
#define KIOSK_STATION_API_DESK_LISTENING_SECONDS     60

#define KIOSK_TYPE_STATION_API (kiosk_station_api_get_type ())
G_DECLARE_FINAL_TYPE (KioskStationApi, kiosk_station_api, KIOSK, STATION_API, GObject)

char            *kiosk_station_api_load_token       (const char               *path,
                                                     GError                  **error);
GTlsCertificate *kiosk_station_api_load_certificate (const char               *certificate_path,
                                                     const char               *key_path,
                                                     GError                  **error);

gboolean         kiosk_station_api_parse_action_body (KioskStationAction    action,
                                                     const char           *body,
                                                     gsize                 length,
                                                     char                **text,
                                                     GError              **error);

KioskStationApi *kiosk_station_api_new              (const char               *station,
                                                     const char               *site,
                                                     const char               *version,
                                                     const char               *token,
                                                     KioskStationStatusFunc    status_func,
                                                     gpointer                  user_data,
                                                     GDestroyNotify            user_data_free);
void             kiosk_station_api_set_usage_path   (KioskStationApi          *self,
                                                     const char               *path);
void             kiosk_station_api_set_refusals_func (KioskStationApi         *self,
                                                     KioskStationRefusalsFunc  refusals_func,
                                                     gpointer                  user_data);
void             kiosk_station_api_set_config_func  (KioskStationApi          *self,
                                                     KioskStationConfigFunc    config_func,
                                                     gpointer                  user_data);
void             kiosk_station_api_set_metrics_func (KioskStationApi          *self,
                                                     KioskStationMetricsFunc   metrics_func,
                                                     gpointer                  user_data);
gboolean         kiosk_station_api_listen           (KioskStationApi          *self,
                                                     const char               *host_port,
                                                     GTlsCertificate          *certificate,
                                                     GError                  **error);
guint            kiosk_station_api_get_port         (KioskStationApi          *self);
gboolean         kiosk_station_api_desk_is_listening (KioskStationApi         *self);
void             kiosk_station_api_set_clock        (KioskStationApi          *self,
                                                     KioskStationApiClockFunc  clock_func,
                                                     gpointer                  user_data);
void             kiosk_station_api_set_timeouts     (KioskStationApi          *self,
                                                     guint                     handshake_ms,
                                                     guint                     request_ms);

G_END_DECLS
