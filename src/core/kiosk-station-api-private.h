/* kiosk-station-api-private.h — what the files of the station API share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kiosk-station-api.h"

#include <libsoup/soup.h>

G_BEGIN_DECLS

#define MIN_TOKEN_LENGTH 16
#define TOKEN_DIGEST_SIZE 32

/* Clients remembered at most, for their failed authentications and for
 * their handshakes; an IPv6 client counts once per /64, the block a
 * single host usually has.
 */
#define MAX_CLIENTS 1024

/* Not named by libsoup 3.2. */
#define STATUS_TOO_MANY_REQUESTS 429

typedef struct _Request Request;
typedef void (*RouteFunc) (KioskStationApi   *self,
                           SoupServerMessage *msg,
                           Request           *request,
                           GHashTable        *query);

typedef struct
{
  const char *path;
  const char *method;
  RouteFunc   func;
  gsize       max_body;   /* bytes, or 0 for KIOSK_STATION_API_MAX_BODY */
} Route;

/* What the API knows of one request, from its headers to its end. */
struct _Request
{
  const Route *route;
  GByteArray  *body;
  gsize        received;
  gboolean     accepted;
  gboolean     too_large;
  gboolean     cut_off;
  gboolean     gone;
};

/* Where a connection is, from its accept to its end. */
typedef enum
{
  STAGE_HELLO,      /* waiting for the whole first TLS record */
  STAGE_QUEUED,     /* its ClientHello is here; waiting for a handshake to end */
  STAGE_HANDSHAKE,  /* glib-networking runs its handshake in a thread of GLib's pool */
  STAGE_REQUEST,    /* libsoup reads its request */
  STAGE_TRUSTED,    /* it presented the right token: no deadline */
} Stage;

/* One connection to the API, counted from its accept until its socket
 * is closed.
 */
typedef struct
{
  KioskStationApi   *api;          /* NULL once the API is gone */
  GSocket           *socket;
  GSocketConnection *stream;       /* until libsoup has it */
  GTlsConnection    *tls;          /* until libsoup has it */
  GIOStream         *served;       /* what libsoup has, followed with a weak reference */
  GSocketAddress    *remote;
  char              *key;          /* the client, as throttling counts it */
  Stage              stage;
  gboolean           closing;      /* shut down; counts no more */
  GSource           *hello_source;
  GSource           *deadline;
  GCancellable      *cancellable;
} Connection;

struct _KioskStationApi
{
  GObject                   parent_instance;

  char                     *station;
  char                     *site;
  char                     *version;
  guint8                    token_digest[TOKEN_DIGEST_SIZE];
  KioskStationStatusFunc    status_func;
  gpointer                  status_data;
  GDestroyNotify            status_data_free;
  char                     *usage_path;
  /* When a desk last asked something with the right token (api_now()). */
  gint64                    last_desk_request;
  KioskStationRefusalsFunc  refusals_func;
  gpointer                  refusals_data;
  KioskStationMetricsFunc   metrics_func;
  gpointer                  metrics_data;
  KioskStationConfigFunc    config_func;
  gpointer                  config_data;
  SoupServer               *server;
  gboolean                  listening;
  GSocket                  *listen_socket;
  GSource                  *accept_source;
  GSource                  *accept_retry;
  GMainContext             *context;
  GTlsCertificate          *certificate;
  GQueue                    connections;
  guint                     handshakes;
  GHashTable               *handshake_budgets;
  GSource                  *handshake_retry;
  guint                     refusals;
  gint64                    last_refusal_report;
  guint                     handshake_timeout_ms;
  guint                     request_timeout_ms;
  GHashTable               *clients;
  KioskStationApiClockFunc  clock_func;
  gpointer                  clock_data;
  GCancellable             *cancellable;
};

static inline void
kiosk_station_api_clear_source (GSource **source)
{
  if (*source == NULL)
    return;

  g_source_destroy (*source);
  g_clear_pointer (source, g_source_unref);
}

/* kiosk-station-api.c: the object */
gboolean     kiosk_station_api_emit_action             (KioskStationApi    *self,
                                                        KioskStationAction  action,
                                                        const char         *message);

/* kiosk-station-api-auth.c: the token checked, failed tries made to wait */
void         kiosk_station_api_auth_set_token          (KioskStationApi    *self,
                                                        const char         *token);
gboolean     kiosk_station_api_auth_check              (KioskStationApi    *self,
                                                        SoupServerMessage  *msg);

/* kiosk-station-api-connections.c: the listener and the connections it holds */
char        *kiosk_station_api_address_key             (GSocketAddress     *address);
guint        kiosk_station_api_count_connections       (KioskStationApi    *self,
                                                        const char         *key,
                                                        gboolean            handshakes_only);
void         kiosk_station_api_connection_set_deadline (Connection         *connection,
                                                        guint               milliseconds);
void         kiosk_station_api_connection_serve        (Connection         *connection,
                                                        GIOStream          *stream);
void         kiosk_station_api_connection_drop         (Connection         *connection);
void         kiosk_station_api_trust_connection        (KioskStationApi    *self,
                                                        SoupServerMessage  *msg);
void         kiosk_station_api_close_connections       (KioskStationApi    *self);

/* kiosk-station-api-tls.c: a whole ClientHello first, then handshakes in turn */
void         kiosk_station_api_tls_wait_for_hello      (Connection         *connection);
void         kiosk_station_api_tls_start_handshakes    (KioskStationApi    *self);

/* kiosk-station-api-requests.c: a request from its headers to its route's handler */
void         kiosk_station_api_requests_init           (KioskStationApi    *self);
Request     *kiosk_station_api_request_get             (SoupServerMessage  *msg);

/* kiosk-station-api-responses.c: what every answer carries, in JSON */
void         kiosk_station_api_respond                 (SoupServerMessage  *msg,
                                                        guint               status,
                                                        const char         *content_type,
                                                        char               *body,
                                                        gsize               length);
void         kiosk_station_api_respond_error           (SoupServerMessage  *msg,
                                                        guint               status,
                                                        const char         *problem);
void         kiosk_station_api_respond_status          (KioskStationApi    *self,
                                                        SoupServerMessage  *msg);
const char  *kiosk_station_api_state_name              (const KioskStationStatus *status);

/* kiosk-station-api-routes.c: the paths, the status and the actions */
const Route *kiosk_station_api_find_route              (const char         *path);

/* kiosk-station-api-metrics.c: the station's figures, for Prometheus */
void         kiosk_station_api_handle_metrics          (KioskStationApi    *self,
                                                        SoupServerMessage  *msg,
                                                        Request            *request,
                                                        GHashTable         *query);

/* kiosk-station-api-usage.c: the usage counts exported as CSV */
void         kiosk_station_api_handle_usage            (KioskStationApi    *self,
                                                        SoupServerMessage  *msg,
                                                        Request            *request,
                                                        GHashTable         *query);

G_END_DECLS
