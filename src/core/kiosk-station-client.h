/* kiosk-station-client.h — the desk console's side of one station's API
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kiosk-usage-csv.h"

#include <gio/gio.h>

G_BEGIN_DECLS

#define KIOSK_STATION_CLIENT_ERROR (kiosk_station_client_error_quark ())

typedef enum
{
  KIOSK_STATION_CLIENT_ERROR_UNREACHABLE,   /* refused, timed out, no route, no such host */
  KIOSK_STATION_CLIENT_ERROR_CERTIFICATE,   /* https with another certificate than the pinned one */
  KIOSK_STATION_CLIENT_ERROR_UNAUTHORIZED,  /* 401: the token is not the station's */
  KIOSK_STATION_CLIENT_ERROR_THROTTLED,     /* 429: too many failed tokens, see Retry-After */
  KIOSK_STATION_CLIENT_ERROR_REFUSED,       /* 409: the station cannot do this now */
  KIOSK_STATION_CLIENT_ERROR_BAD_RESPONSE,  /* any other answer, or one that makes no sense */
  KIOSK_STATION_CLIENT_ERROR_INVALID_URL,   /* not http(s)://host:port */
  KIOSK_STATION_CLIENT_ERROR_INVALID_CERTIFICATE, /* the pinned certificate is not PEM */
  KIOSK_STATION_CLIENT_ERROR_CONFIG_REFUSED, /* 422: the station refuses the config, saying why */
} KioskStationClientError;

GQuark kiosk_station_client_error_quark (void);

typedef enum
{
  KIOSK_STATION_CLIENT_FREE,
  KIOSK_STATION_CLIENT_IN_USE,
  KIOSK_STATION_CLIENT_ASSISTED,
  KIOSK_STATION_CLIENT_OUT_OF_SERVICE,
} KioskStationClientState;

/* What a station says of itself in GET /api/v1/status. */
typedef struct
{
  char                    *station;
  char                    *site;
  KioskStationClientState  state;
  gint64                   since;           /* Unix time, or 0 when the station does not say */
  gint64                   assisted_since;  /* Unix time, or 0: nobody helps, or not said */
  gint64                   help_since;      /* Unix time, or 0: no call, or not said */
  gboolean                 help_requested;
  char                    *help_taken_by;   /* the mediator who goes, or NULL */
  gboolean                 counting_paused; /* FALSE from a station that does not say */
  char                    *version;
  char                    *config;          /* the version of its config, or NULL: not said */
  char                    *config_pending;  /* one waiting for the session's end, or NULL */
} KioskStationClientStatus;

/* What a station says of a config the desk sent it. */
typedef struct
{
  char     *version;  /* the version it will run */
  gboolean  pending;  /* once the session in progress ends */
} KioskStationClientConfigAnswer;

void kiosk_station_client_config_answer_free (KioskStationClientConfigAnswer *answer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KioskStationClientConfigAnswer,
                               kiosk_station_client_config_answer_free)

KioskStationClientStatus *kiosk_station_client_status_parse (const char                *data,
                                                             gsize                      length,
                                                             GError                   **error);
void                      kiosk_station_client_status_free  (KioskStationClientStatus  *status);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KioskStationClientStatus, kiosk_station_client_status_free)

/* The longest a status or an action waits for a station, in seconds. */
#define KIOSK_STATION_CLIENT_DEFAULT_TIMEOUT 4

#define KIOSK_TYPE_STATION_CLIENT (kiosk_station_client_get_type ())
G_DECLARE_FINAL_TYPE (KioskStationClient, kiosk_station_client, KIOSK, STATION_CLIENT, GObject)

KioskStationClient       *kiosk_station_client_new             (const char          *url,
                                                                const char          *token,
                                                                const char          *pem,
                                                                GError             **error);
gboolean                  kiosk_station_client_check_url       (const char          *url,
                                                                GError             **error);
void                      kiosk_station_client_set_timeout     (KioskStationClient  *self,
                                                                guint                seconds);
guint                     kiosk_station_client_get_retry_after (KioskStationClient  *self);

void                      kiosk_station_client_get_status_async (KioskStationClient *self,
                                                                 GCancellable       *cancellable,
                                                                 GAsyncReadyCallback callback,
                                                                 gpointer            user_data);
void                      kiosk_station_client_ask_reset_async (KioskStationClient  *self,
                                                                GCancellable        *cancellable,
                                                                GAsyncReadyCallback  callback,
                                                                gpointer             user_data);
void                      kiosk_station_client_take_help_async (KioskStationClient  *self,
                                                                const char          *by,
                                                                GCancellable        *cancellable,
                                                                GAsyncReadyCallback  callback,
                                                                gpointer             user_data);
void                      kiosk_station_client_reset_async     (KioskStationClient  *self,
                                                                GCancellable        *cancellable,
                                                                GAsyncReadyCallback  callback,
                                                                gpointer             user_data);
void                      kiosk_station_client_set_out_of_service_async
                                                               (KioskStationClient  *self,
                                                                const char          *message,
                                                                GCancellable        *cancellable,
                                                                GAsyncReadyCallback  callback,
                                                                gpointer             user_data);
void                      kiosk_station_client_set_in_service_async
                                                               (KioskStationClient  *self,
                                                                GCancellable        *cancellable,
                                                                GAsyncReadyCallback  callback,
                                                                gpointer             user_data);
KioskStationClientStatus *kiosk_station_client_status_finish   (KioskStationClient  *self,
                                                                GAsyncResult        *result,
                                                                GError             **error);

void                      kiosk_station_client_fetch_usage_async (KioskStationClient *self,
                                                                  const char         *from_day,
                                                                  GCancellable       *cancellable,
                                                                  GAsyncReadyCallback callback,
                                                                  gpointer            user_data);
KioskUsageCsv            *kiosk_station_client_fetch_usage_finish (KioskStationClient *self,
                                                                   GAsyncResult       *result,
                                                                   GError            **error);

const char               *kiosk_station_client_state_to_string (KioskStationClientState state);

void kiosk_station_client_send_config_async (KioskStationClient  *self,
                                             GBytes              *config,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
KioskStationClientConfigAnswer *
     kiosk_station_client_send_config_finish (KioskStationClient  *self,
                                              GAsyncResult        *result,
                                              GError             **error);

G_END_DECLS
