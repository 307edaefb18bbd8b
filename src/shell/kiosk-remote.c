/* kiosk-remote.c — the station API, answered by this station
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-remote"

#include "config.h"

#include "kiosk-remote.h"

#include "kiosk-station-api.h"

#include <string.h>

/* The desk console asks every station how it is and tells it to reset
 * (or to ask its resident first), that a mediator goes to answer its
 * call, to go out of service or to come back. The API (src/core) knows HTTP,
 * tokens and throttling; this object only hands its requests to the
 * session manager, the one owner of the station's sessions, and reads
 * the station's state back — never what the resident is doing.
 */
struct _KioskRemote
{
  GObject              parent_instance;

  KioskSessionManager *manager;
  KioskStationApi     *api;
};

G_DEFINE_FINAL_TYPE (KioskRemote, kiosk_remote, G_TYPE_OBJECT)

static void
fill_status (KioskStationStatus *status,
             gpointer            user_data)
{
  KioskRemote *self = user_data;
  KioskStation *station = kiosk_session_manager_get_station (self->manager);
  GDateTime *since = kiosk_station_get_state_since (station);
  GDateTime *assisted_since;
  GDateTime *help_since;
  KioskStationState state = kiosk_station_get_state (station);

  /* A wipe lasts milliseconds: the station is about to be free. */
  status->state = state == KIOSK_STATION_ENDING ? KIOSK_STATION_FREE : state;
  status->assisted = kiosk_station_get_assisted (station);
  status->help_requested = kiosk_station_get_help_requested (station);
  help_since = kiosk_station_get_help_since (station);
  status->help_since = help_since != NULL ? g_date_time_to_unix (help_since) : 0;
  status->help_taken_by = kiosk_station_get_help_taken_by (station);
  status->since = since != NULL ? g_date_time_to_unix (since) : 0;
  assisted_since = kiosk_station_get_assisted_since (station);
  status->assisted_since = assisted_since != NULL ? g_date_time_to_unix (assisted_since) : 0;
  status->counting_paused = kiosk_usage_counter_is_paused (
    kiosk_session_manager_get_usage_counter (self->manager));
}

static void
fill_metrics (KioskStationMetrics *metrics,
              gpointer             user_data)
{
  KioskRemote *self = user_data;

  kiosk_session_manager_get_metrics (self->manager, metrics);
}

static gboolean
reset_requested_cb (KioskStationApi *api,
                    KioskRemote     *self)
{
  kiosk_session_manager_end_session (self->manager, KIOSK_END_REMOTE);
  return TRUE;
}

static gboolean
ask_reset_requested_cb (KioskStationApi *api,
                        KioskRemote     *self)
{
  kiosk_session_manager_ask_to_end (self->manager);
  return TRUE;
}

static gboolean
take_help_requested_cb (KioskStationApi *api,
                        const char      *by,
                        KioskRemote     *self)
{
  return kiosk_session_manager_take_help_request (self->manager, by);
}

static gboolean
out_of_service_requested_cb (KioskStationApi *api,
                             const char      *message,
                             KioskRemote     *self)
{
  kiosk_session_manager_put_out_of_service (self->manager, KIOSK_END_REMOTE, message);
  return TRUE;
}

static gboolean
in_service_requested_cb (KioskStationApi *api,
                         KioskRemote     *self)
{
  kiosk_session_manager_set_in_service (self->manager);
  return TRUE;
}

static void
kiosk_remote_dispose (GObject *object)
{
  KioskRemote *self = KIOSK_REMOTE (object);

  if (self->api != NULL)
    g_signal_handlers_disconnect_by_data (self->api, self);
  g_clear_object (&self->api);
  g_clear_object (&self->manager);

  G_OBJECT_CLASS (kiosk_remote_parent_class)->dispose (object);
}

static void
kiosk_remote_class_init (KioskRemoteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kiosk_remote_dispose;
}

static void
kiosk_remote_init (KioskRemote *self)
{
}

/* The learning mode's record, of the session that runs. */
static GPtrArray *
give_refusals (gboolean *recording,
               gpointer  user_data)
{
  KioskRemote *self = user_data;
  KioskUserSession *user_session = kiosk_session_manager_get_user_session (self->manager);

  if (user_session == NULL)
    return NULL;

  *recording = kiosk_user_session_get_learning (user_session);
  return kiosk_user_session_get_learned (user_session);
}

/**
 * kiosk_remote_new:
 * @config: the station's config
 * @manager: the station's session manager
 * @state_dir: the station's state folder, with its usage counts
 * @error: return location for an error
 *
 * Starts the station API when the config asks for one (RemoteListen=).
 * A token file others may read, a bad certificate or a busy port keep
 * the API closed; the kiosk itself goes on serving residents.
 *
 * Returns: (transfer full) (nullable): the running API, or %NULL — with
 *   @error set when it could not start, without when none is configured
 */
KioskRemote *
kiosk_remote_new (KioskConfig          *config,
                  KioskSessionManager  *manager,
                  const char           *state_dir,
                  GError              **error)
{
  g_autoptr(KioskRemote) self = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autofree char *token = NULL;
  g_autofree char *usage_path = NULL;

  g_return_val_if_fail (KIOSK_IS_CONFIG (config), NULL);
  g_return_val_if_fail (KIOSK_IS_SESSION_MANAGER (manager), NULL);

  if (kiosk_config_get_remote_listen (config) == NULL)
    return NULL;

  token = kiosk_station_api_load_token (kiosk_config_get_remote_token_file (config), error);
  if (token == NULL)
    return NULL;

  if (kiosk_config_get_remote_tls_certificate (config) != NULL)
    {
      certificate = kiosk_station_api_load_certificate (
        kiosk_config_get_remote_tls_certificate (config),
        kiosk_config_get_remote_tls_key (config), error);
      if (certificate == NULL)
        return NULL;
    }

  self = g_object_new (KIOSK_TYPE_REMOTE, NULL);
  self->manager = g_object_ref (manager);
  self->api = kiosk_station_api_new (kiosk_config_get_station_id (config),
                                     kiosk_config_get_site (config), PACKAGE_VERSION, token,
                                     fill_status, self, NULL);
  /* The API keeps only a digest of it. */
  explicit_bzero (token, strlen (token));
  usage_path = g_build_filename (state_dir, "usage.db", NULL);
  kiosk_station_api_set_usage_path (self->api, usage_path);
  kiosk_station_api_set_refusals_func (self->api, give_refusals, self);
  kiosk_station_api_set_metrics_func (self->api, fill_metrics, self);

  g_signal_connect (self->api, "reset-requested", G_CALLBACK (reset_requested_cb), self);
  g_signal_connect (self->api, "ask-reset-requested", G_CALLBACK (ask_reset_requested_cb), self);
  g_signal_connect (self->api, "take-help-requested", G_CALLBACK (take_help_requested_cb), self);
  g_signal_connect (self->api, "out-of-service-requested",
                    G_CALLBACK (out_of_service_requested_cb), self);
  g_signal_connect (self->api, "in-service-requested",
                    G_CALLBACK (in_service_requested_cb), self);

  if (!kiosk_station_api_listen (self->api, kiosk_config_get_remote_listen (config), certificate,
                                 error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * kiosk_remote_get_port:
 * @self: a #KioskRemote
 *
 * Returns: the port the API listens on (useful when RemoteListen asked for
 *   port 0)
 */
guint
kiosk_remote_get_port (KioskRemote *self)
{
  g_return_val_if_fail (KIOSK_IS_REMOTE (self), 0);

  return kiosk_station_api_get_port (self->api);
}

/**
 * kiosk_remote_desk_is_listening:
 * @self: (nullable): the station API, or %NULL when it is closed
 *
 * Returns: whether a desk console asks the station often enough to see a
 *   resident's call for help
 */
gboolean
kiosk_remote_desk_is_listening (KioskRemote *self)
{
  g_return_val_if_fail (self == NULL || KIOSK_IS_REMOTE (self), FALSE);

  return self != NULL && kiosk_station_api_desk_is_listening (self->api);
}
