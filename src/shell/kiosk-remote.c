/* kiosk-remote.c — the station API, answered by this station
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-remote"

#include "config.h"

#include "kiosk-remote.h"

#include "kiosk-desk-config.h"
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

  KioskSessionManager *manager;  /* NULL for a moment, while a config is put in place */
  KioskStationApi     *api;
  /* A config the desk sent, accepted, to run once the station is free. */
  KioskConfig         *pending_config;
  char                *station_path;
  char                *state_dir;
};

G_DEFINE_FINAL_TYPE (KioskRemote, kiosk_remote, G_TYPE_OBJECT)

enum {
  CONFIG_ACCEPTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
fill_status (KioskStationStatus *status,
             gpointer            user_data)
{
  KioskRemote *self = user_data;
  KioskStation *station;
  GDateTime *since;
  GDateTime *assisted_since;
  GDateTime *help_since;
  KioskStationState state;

  status->config_pending = self->pending_config != NULL
                             ? kiosk_config_get_version (self->pending_config) : NULL;
  if (self->manager == NULL)
    return;

  status->config_version = kiosk_config_get_version (
    kiosk_session_manager_get_config (self->manager));
  station = kiosk_session_manager_get_station (self->manager);
  since = kiosk_station_get_state_since (station);
  state = kiosk_station_get_state (station);

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

  if (self->manager != NULL)
    kiosk_session_manager_get_metrics (self->manager, metrics);
}

/* A config from the desk, or back to the one before: checked and kept in
 * core (kiosk-desk-config.c); the application runs it once the station
 * is free, at once if it is.
 */
static gboolean
take_config (const char  *text,
             gsize        length,
             char       **version,
             gboolean    *pending,
             GError     **error,
             gpointer     user_data)
{
  KioskRemote *self = user_data;
  g_autoptr(KioskConfig) config = NULL;

  config = text != NULL
             ? kiosk_desk_config_accept (text, length, self->station_path, self->state_dir, error)
             : kiosk_desk_config_roll_back (self->station_path, self->state_dir, error);
  if (config == NULL)
    return FALSE;

  *version = g_strdup (kiosk_config_get_version (config));
  g_set_object (&self->pending_config, config);
  g_signal_emit (self, signals[CONFIG_ACCEPTED], 0);
  *pending = self->pending_config != NULL;
  return TRUE;
}

static gboolean
reset_requested_cb (KioskStationApi *api,
                    KioskRemote     *self)
{
  if (self->manager == NULL)
    return FALSE;
  kiosk_session_manager_end_session (self->manager, KIOSK_END_REMOTE);
  return TRUE;
}

static gboolean
ask_reset_requested_cb (KioskStationApi *api,
                        KioskRemote     *self)
{
  if (self->manager == NULL)
    return FALSE;
  kiosk_session_manager_ask_to_end (self->manager);
  return TRUE;
}

static gboolean
take_help_requested_cb (KioskStationApi *api,
                        const char      *by,
                        KioskRemote     *self)
{
  return self->manager != NULL && kiosk_session_manager_take_help_request (self->manager, by);
}

static gboolean
out_of_service_requested_cb (KioskStationApi *api,
                             const char      *message,
                             KioskRemote     *self)
{
  if (self->manager == NULL)
    return FALSE;
  kiosk_session_manager_put_out_of_service (self->manager, KIOSK_END_REMOTE, message);
  return TRUE;
}

static gboolean
in_service_requested_cb (KioskStationApi *api,
                         KioskRemote     *self)
{
  if (self->manager == NULL)
    return FALSE;
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
  g_clear_object (&self->pending_config);

  G_OBJECT_CLASS (kiosk_remote_parent_class)->dispose (object);
}

static void
kiosk_remote_finalize (GObject *object)
{
  KioskRemote *self = KIOSK_REMOTE (object);

  g_free (self->station_path);
  g_free (self->state_dir);

  G_OBJECT_CLASS (kiosk_remote_parent_class)->finalize (object);
}

static void
kiosk_remote_class_init (KioskRemoteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kiosk_remote_dispose;
  object_class->finalize = kiosk_remote_finalize;

  /**
   * KioskRemote::config-accepted:
   *
   * The desk sent a config the station accepted (or asked to go back to
   * the one before): kiosk_remote_get_pending_config() is to run once the
   * station is free.
   */
  signals[CONFIG_ACCEPTED] =
    g_signal_new ("config-accepted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 0);
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
 * @station_path: the station's own config file, whose station keys a
 *   config from the desk keeps
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
                  const char           *station_path,
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
  self->station_path = g_strdup (station_path);
  self->state_dir = g_strdup (state_dir);
  self->api = kiosk_station_api_new (kiosk_config_get_station_id (config),
                                     kiosk_config_get_site (config), PACKAGE_VERSION, token,
                                     fill_status, self, NULL);
  /* The API keeps only a digest of it. */
  explicit_bzero (token, strlen (token));
  usage_path = g_build_filename (state_dir, "usage.db", NULL);
  kiosk_station_api_set_usage_path (self->api, usage_path);
  kiosk_station_api_set_refusals_func (self->api, give_refusals, self);
  kiosk_station_api_set_metrics_func (self->api, fill_metrics, self);
  kiosk_station_api_set_config_func (self->api, take_config, self);

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

/**
 * kiosk_remote_set_manager:
 * @self: a #KioskRemote
 * @manager: (nullable): the station's new session manager, or %NULL
 *   while the old one goes
 *
 * The station runs another config, with a session manager of its own
 * (the desk's config once the station is free): the API, whose keys are
 * the station's own and do not change, answers for it, and the config
 * that was waiting is no longer.
 */
void
kiosk_remote_set_manager (KioskRemote         *self,
                          KioskSessionManager *manager)
{
  g_return_if_fail (KIOSK_IS_REMOTE (self));
  g_return_if_fail (manager == NULL || KIOSK_IS_SESSION_MANAGER (manager));

  g_set_object (&self->manager, manager);
  if (manager != NULL)
    g_clear_object (&self->pending_config);
}

/**
 * kiosk_remote_get_pending_config:
 * @self: a #KioskRemote
 *
 * Returns: (transfer none) (nullable): the config the desk sent, to run
 *   once the station is free, or %NULL when none waits
 */
KioskConfig *
kiosk_remote_get_pending_config (KioskRemote *self)
{
  g_return_val_if_fail (KIOSK_IS_REMOTE (self), NULL);

  return self->pending_config;
}
