/* kiosk-station-api.c — the station API the desk console talks to: the object and its signals
 *
 * The rest of the API is in files of one purpose each, which share
 * kiosk-station-api-private.h:
 *
 * - kiosk-station-api-connections.c: the listener, and the connections
 *   it holds within the limits that keep a flood from the kiosk;
 * - kiosk-station-api-tls.c: a whole ClientHello first, then handshakes
 *   in turn;
 * - kiosk-station-api-requests.c: a request from its headers to its
 *   route's handler, with its body bounded;
 * - kiosk-station-api-auth.c: the token checked, failed tries made to
 *   wait;
 * - kiosk-station-api-routes.c: the paths, the status and the actions;
 * - kiosk-station-api-usage.c: the usage counts exported as CSV;
 * - kiosk-station-api-responses.c: what every answer carries, in JSON;
 * - kiosk-station-api-files.c: the token and certificate files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-station-api"

#include "config.h"

#include "kiosk-station-api.h"

#include "kiosk-station-api-private.h"

#include <string.h>

G_DEFINE_FINAL_TYPE (KioskStationApi, kiosk_station_api, G_TYPE_OBJECT)

G_DEFINE_QUARK (kiosk-station-api-error-quark, kiosk_station_api_error)

enum
{
  RESET_REQUESTED,
  ASK_RESET_REQUESTED,
  TAKE_HELP_REQUESTED,
  OUT_OF_SERVICE_REQUESTED,
  IN_SERVICE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gint64
monotonic_clock (gpointer user_data)
{
  return g_get_monotonic_time ();
}

static void
kiosk_station_api_dispose (GObject *object)
{
  KioskStationApi *self = KIOSK_STATION_API (object);

  g_cancellable_cancel (self->cancellable);
  kiosk_station_api_clear_source (&self->accept_source);
  kiosk_station_api_clear_source (&self->accept_retry);
  kiosk_station_api_clear_source (&self->handshake_retry);
  if (self->listen_socket != NULL)
    g_socket_close (self->listen_socket, NULL);
  g_clear_object (&self->listen_socket);
  kiosk_station_api_close_connections (self);
  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_clear_pointer (&self->clients, g_hash_table_unref);
  g_clear_pointer (&self->handshake_budgets, g_hash_table_unref);

  if (self->status_data_free != NULL)
    g_clear_pointer (&self->status_data, self->status_data_free);
  self->status_func = NULL;

  G_OBJECT_CLASS (kiosk_station_api_parent_class)->dispose (object);
}

static void
kiosk_station_api_finalize (GObject *object)
{
  KioskStationApi *self = KIOSK_STATION_API (object);

  g_free (self->station);
  g_free (self->site);
  g_free (self->version);
  g_free (self->usage_path);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->certificate);
  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (kiosk_station_api_parent_class)->finalize (object);
}

static void
kiosk_station_api_class_init (KioskStationApiClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kiosk_station_api_dispose;
  object_class->finalize = kiosk_station_api_finalize;

  /**
   * KioskStationApi::reset-requested:
   * @self: the API
   *
   * The desk asks to end the user session (reason %KIOSK_END_REMOTE).
   *
   * Returns: %TRUE if the station does it, %FALSE to answer 409 Conflict
   */
  signals[RESET_REQUESTED] =
    g_signal_new ("reset-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  g_signal_accumulator_true_handled, NULL, NULL, G_TYPE_BOOLEAN, 0);

  /**
   * KioskStationApi::ask-reset-requested:
   * @self: the API
   *
   * The desk would end the user session, but someone may still be
   * sitting there: the station asks them first, and ends the session
   * (reason %KIOSK_END_REMOTE) only if they agree or nobody answers.
   *
   * Returns: %TRUE if the station asks, %FALSE to answer 409 Conflict
   */
  signals[ASK_RESET_REQUESTED] =
    g_signal_new ("ask-reset-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  g_signal_accumulator_true_handled, NULL, NULL, G_TYPE_BOOLEAN, 0);

  /**
   * KioskStationApi::take-help-requested:
   * @self: the API
   * @by: the mediator who goes, one line of at most 60 characters
   *
   * A mediator at the desk goes to answer the station's call for help.
   *
   * Returns: %TRUE if the call is theirs, %FALSE to answer 409 Conflict
   *   (nobody calls, or someone else took the call)
   */
  signals[TAKE_HELP_REQUESTED] =
    g_signal_new ("take-help-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  g_signal_accumulator_true_handled, NULL, NULL, G_TYPE_BOOLEAN, 1,
                  G_TYPE_STRING);

  /**
   * KioskStationApi::out-of-service-requested:
   * @self: the API
   * @message: what the out-of-service screen says, at most 500 characters
   *
   * The desk asks to take the station out of service.
   *
   * Returns: %TRUE if the station does it, %FALSE to answer 409 Conflict
   */
  signals[OUT_OF_SERVICE_REQUESTED] =
    g_signal_new ("out-of-service-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  g_signal_accumulator_true_handled, NULL, NULL, G_TYPE_BOOLEAN, 1,
                  G_TYPE_STRING);

  /**
   * KioskStationApi::in-service-requested:
   * @self: the API
   *
   * The desk asks to put the station back in service. A station whose
   * configuration is broken refuses.
   *
   * Returns: %TRUE if the station does it, %FALSE to answer 409 Conflict
   */
  signals[IN_SERVICE_REQUESTED] =
    g_signal_new ("in-service-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  g_signal_accumulator_true_handled, NULL, NULL, G_TYPE_BOOLEAN, 0);
}

static void
kiosk_station_api_init (KioskStationApi *self)
{
  self->clients = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->clock_func = monotonic_clock;
  self->cancellable = g_cancellable_new ();
  g_queue_init (&self->connections);
  self->handshake_budgets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->handshake_timeout_ms = KIOSK_STATION_API_HANDSHAKE_TIMEOUT * 1000;
  self->request_timeout_ms = KIOSK_STATION_API_REQUEST_TIMEOUT * 1000;
}

/**
 * kiosk_station_api_new:
 * @station: the station id (StationId)
 * @site: the site the station belongs to (Site)
 * @version: the kiosk's version, reported with the status
 * @token: the bearer token every request must present, at least 16
 *   characters; only a digest of it is kept
 * @status_func: tells the API what the station is doing
 * @user_data: for @status_func
 * @user_data_free: (nullable): frees @user_data when the API is disposed
 *
 * Creates the API; it answers nothing until kiosk_station_api_listen().
 * The station's actions come as the signals
 * #KioskStationApi::reset-requested,
 * #KioskStationApi::ask-reset-requested,
 * #KioskStationApi::take-help-requested,
 * #KioskStationApi::out-of-service-requested and
 * #KioskStationApi::in-service-requested.
 *
 * Returns: (transfer full): a new #KioskStationApi
 */
KioskStationApi *
kiosk_station_api_new (const char             *station,
                       const char             *site,
                       const char             *version,
                       const char             *token,
                       KioskStationStatusFunc  status_func,
                       gpointer                user_data,
                       GDestroyNotify          user_data_free)
{
  KioskStationApi *self;

  g_return_val_if_fail (station != NULL, NULL);
  g_return_val_if_fail (site != NULL, NULL);
  g_return_val_if_fail (version != NULL, NULL);
  g_return_val_if_fail (token != NULL && strlen (token) >= MIN_TOKEN_LENGTH, NULL);
  g_return_val_if_fail (status_func != NULL, NULL);

  self = g_object_new (KIOSK_TYPE_STATION_API, NULL);
  self->station = g_strdup (station);
  self->site = g_strdup (site);
  self->version = g_strdup (version);
  kiosk_station_api_auth_set_token (self, token);
  self->status_func = status_func;
  self->status_data = user_data;
  self->status_data_free = user_data_free;
  kiosk_station_api_requests_init (self);

  return self;
}

/**
 * kiosk_station_api_set_usage_path:
 * @self: a #KioskStationApi
 * @path: (nullable): the station's usage counts (usage.db), or %NULL
 *
 * Makes GET /api/v1/usage export the counts of @path as CSV. Without it,
 * that path answers 404.
 */
void
kiosk_station_api_set_usage_path (KioskStationApi *self,
                                  const char      *path)
{
  g_return_if_fail (KIOSK_IS_STATION_API (self));

  g_free (self->usage_path);
  self->usage_path = g_strdup (path);
}

/**
 * kiosk_station_api_set_refusals_func:
 * @self: a #KioskStationApi
 * @refusals_func: (nullable): gives what the staff record as refused
 * @user_data: for @refusals_func, which must outlive the API
 *
 * Makes GET /api/v1/refusals answer with the sites the station's staff
 * record in the learning mode, so that the desk can turn them into a
 * config's lines (pimms-kiosk-admin refusals-to-config). Without it, the
 * list is always empty.
 */
void
kiosk_station_api_set_refusals_func (KioskStationApi          *self,
                                     KioskStationRefusalsFunc  refusals_func,
                                     gpointer                  user_data)
{
  g_return_if_fail (KIOSK_IS_STATION_API (self));

  self->refusals_func = refusals_func;
  self->refusals_data = user_data;
}

/**
 * kiosk_station_api_set_config_func:
 * @self: a #KioskStationApi
 * @config_func: (nullable): takes the configs a desk sends
 * @user_data: for @config_func, which must outlive the API
 *
 * Makes PUT /api/v1/config and POST /api/v1/config/roll-back answer;
 * without it, the station takes no config from a desk (they answer 403).
 */
void
kiosk_station_api_set_config_func (KioskStationApi        *self,
                                   KioskStationConfigFunc  config_func,
                                   gpointer                user_data)
{
  g_return_if_fail (KIOSK_IS_STATION_API (self));

  self->config_func = config_func;
  self->config_data = user_data;
}

/**
 * kiosk_station_api_set_metrics_func:
 * @self: a #KioskStationApi
 * @metrics_func: (nullable): gives the station's figures
 * @user_data: for @metrics_func, which must outlive the API
 *
 * Makes GET /api/v1/metrics answer, in Prometheus's text format, with
 * the station's state and the figures @metrics_func gives. Without it,
 * the metrics hold the state and the version only.
 */
void
kiosk_station_api_set_metrics_func (KioskStationApi         *self,
                                    KioskStationMetricsFunc  metrics_func,
                                    gpointer                 user_data)
{
  g_return_if_fail (KIOSK_IS_STATION_API (self));

  self->metrics_func = metrics_func;
  self->metrics_data = user_data;
}

/**
 * kiosk_station_api_set_clock:
 * @self: a #KioskStationApi
 * @clock_func: (nullable): returns monotonic microseconds, or %NULL for
 *   g_get_monotonic_time()
 * @user_data: for @clock_func
 *
 * Lets tests move time forward through the delays imposed after failed
 * authentications instead of waiting minutes.
 */
void
kiosk_station_api_set_clock (KioskStationApi          *self,
                             KioskStationApiClockFunc  clock_func,
                             gpointer                  user_data)
{
  g_return_if_fail (KIOSK_IS_STATION_API (self));

  self->clock_func = clock_func != NULL ? clock_func : monotonic_clock;
  self->clock_data = clock_func != NULL ? user_data : NULL;
}

/**
 * kiosk_station_api_set_timeouts:
 * @self: a #KioskStationApi
 * @handshake_ms: how long a client has for each step of its TLS
 *   handshake (its ClientHello, its turn, the handshake), in milliseconds
 * @request_ms: how long it then has to send a request with the right
 *   token, in milliseconds
 *
 * Lets tests see a stalled client closed without waiting for
 * %KIOSK_STATION_API_HANDSHAKE_TIMEOUT and
 * %KIOSK_STATION_API_REQUEST_TIMEOUT; connections made afterwards get
 * these.
 */
void
kiosk_station_api_set_timeouts (KioskStationApi *self,
                                guint            handshake_ms,
                                guint            request_ms)
{
  g_return_if_fail (KIOSK_IS_STATION_API (self));
  g_return_if_fail (handshake_ms > 0 && request_ms > 0);

  self->handshake_timeout_ms = handshake_ms;
  self->request_timeout_ms = request_ms;
}

/* Asks the station, through the signal of @action, whether it does it. */
gboolean
kiosk_station_api_emit_action (KioskStationApi    *self,
                               KioskStationAction  action,
                               const char         *message)
{
  gboolean handled = FALSE;

  switch (action)
    {
    case KIOSK_STATION_ACTION_RESET:
      g_signal_emit (self, signals[RESET_REQUESTED], 0, &handled);
      break;
    case KIOSK_STATION_ACTION_ASK_RESET:
      g_signal_emit (self, signals[ASK_RESET_REQUESTED], 0, &handled);
      break;
    case KIOSK_STATION_ACTION_TAKE_HELP:
      g_signal_emit (self, signals[TAKE_HELP_REQUESTED], 0, message, &handled);
      break;
    case KIOSK_STATION_ACTION_OUT_OF_SERVICE:
      g_signal_emit (self, signals[OUT_OF_SERVICE_REQUESTED], 0, message, &handled);
      break;
    case KIOSK_STATION_ACTION_IN_SERVICE:
      g_signal_emit (self, signals[IN_SERVICE_REQUESTED], 0, &handled);
      break;
    default:
      g_assert_not_reached ();
    }

  return handled;
}
