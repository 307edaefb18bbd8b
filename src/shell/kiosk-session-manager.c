/* kiosk-session-manager.c — the life of user sessions on this station
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-session-manager"

#include "config.h"

#include "kiosk-session-manager.h"

#include "kiosk-allow-list.h"
#include "kiosk-content-rules.h"
#include "kiosk-files.h"
#include "kiosk-processes.h"
#include "kiosk-sandbox-leftovers.h"
#include "kiosk-staff-pin.h"
#include "kiosk-startup-trace.h"
#include "kiosk-usage-counter.h"
#include "kiosk-usage-store.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The kernel truncates process names to 15 characters. */
#define WEB_PROCESS_NAME "WebKitWebProces"
#define WIPE_CHECK_INTERVAL_MS 10
#define WIPE_CHECK_TIMEOUT_MS 5000
/* WebKit ends a session's web processes within a few tens of
 * milliseconds; one still there after this long will not go by itself.
 */
#define WIPE_END_PROCESSES_AFTER_MS 1000
/* Longer than the "session cleared" page (4 s) and the home screen's
 * first frames after it.
 */
#define AT_REST_SECONDS 10

/* The one owner of the user session's life: it builds each session, wipes
 * it (whatever asked for the end), proves the wipe, recovers after a
 * crash, and counts what each session did and why it ended. What the
 * station is doing, and its idle and time-limit clocks, are its
 * #KioskStation's, which it tells of each step and which tells it when a
 * session should end. The window only shows what it is told.
 */
struct _KioskSessionManager
{
  GObject            parent_instance;

  KioskConfig       *config;
  char              *state_dir;
  char              *runtime_dir;
  char              *marker_path;

  KioskStation      *station;
  KioskProfile      *profile;
  KioskStaffPin     *staff_pin;

  KioskUserSession  *user_session;
  char              *private_dir;
  /* The config's blocked hosts ([Block]), compiled once for all sessions. */
  WebKitUserContentFilter *block_filter;
  GCancellable      *block_cancellable;
  /* Each service's document rules, compiled once the station has
   * started, for all sessions.
   */
  KioskServiceRules *service_rules;
  guint              service_rules_id;
  /* The services the session used, each a démarche once. */
  GHashTable        *demarches;
  /* The languages the session had the screen read aloud in. */
  GHashTable        *read_aloud;
  /* The sites the session refused, by kind: a page that makes up host
   * names counts no more than MAX_REFUSED_SITES of them.
   */
  GHashTable        *refused_sites;

  KioskUsageCounter *usage;

  GArray            *wipe_pids;
  char              *wiped_dir;
  guint              wipe_check_id;
  gint64             wipe_started;
  /* When the last session ended as residents see it end (not a crash). */
  gint64             last_end_time;
  KioskEndReason     last_end_reason;
  gboolean           wipe_ended_processes;
  guint              at_rest_id;
  guint              prepare_id;

  /* What a monitoring system reads (kiosk_session_manager_get_metrics()),
   * since the manager started.
   */
  gint64             start_time;
  guint64            sessions_ended[KIOSK_N_END_REASONS];
  guint64            wipe_check_failures;
  guint64            out_of_service_minutes;
};

G_DEFINE_FINAL_TYPE (KioskSessionManager, kiosk_session_manager, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROFILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SESSION_STARTED,
  SESSION_ENDING,
  SESSION_ENDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Whoever follows the station follows the manager: its state, assisted
 * mode and call for help are the manager's properties and signals too.
 */
/* The station's own state and signals are followed where they are shown
 * (the window, the staff panel, the station API); the log says each
 * change, which the soak and staff read.
 */
static void
station_state_changed_cb (KioskStation        *station,
                          GParamSpec          *pspec,
                          KioskSessionManager *self)
{
  g_debug ("Station %s", kiosk_station_state_to_string (kiosk_station_get_state (station)));
}

static void
end_now_cb (KioskStation        *station,
            int                  reason,
            KioskSessionManager *self)
{
  kiosk_session_manager_end_session (self, reason);
}

static void
out_of_service_minute_cb (KioskStation        *station,
                          KioskSessionManager *self)
{
  /* The usage counts' minutes, and the metrics' since the kiosk started. */
  kiosk_usage_counter_add (self->usage, KIOSK_METRIC_OUT_OF_SERVICE, NULL, 1);
  self->out_of_service_minutes++;
}

/* Why a session ended, in the usage counts and the metrics alike. */
static void
count_end (KioskSessionManager *self,
           KioskEndReason       reason)
{
  kiosk_usage_counter_add (self->usage, KIOSK_METRIC_SESSION_ENDED,
                           kiosk_end_reason_to_string (reason), 1);
  self->sessions_ended[reason]++;
}

static void
write_marker (KioskSessionManager *self)
{
  g_autoptr(GError) error = NULL;

  /* Only the fact that a session runs: no time, no service, nothing of
   * the person. Its presence at start-up means the last run crashed.
   */
  if (!g_file_set_contents (self->marker_path, "", 0, &error))
    g_warning ("Cannot record that a session is in use: %s", error->message);
}

/* What a session did, counted without anything of the person: the
 * registrable domain of a refused site (never its address), that a
 * document was downloaded, how many pages were printed.
 */
#define MAX_REFUSED_SITES 100

/* By its registrable domain only; a session's first MAX_REFUSED_SITES
 * sites (a site refused as a page and as a frame is two). A public site
 * uses a few trackers; a page that makes up thousands of host names (a
 * script can, each blocked in strict mode) would otherwise write
 * thousands of keys in the store.
 */
static void
count_refused_host (KioskSessionManager *self,
                    const char          *metric,
                    const char          *host)
{
  g_autofree char *domain = kiosk_registrable_domain (host);
  g_autofree char *site = NULL;

  if (domain == NULL)
    return;

  site = g_strconcat (metric, " ", domain, NULL);
  if (!g_hash_table_contains (self->refused_sites, site))
    {
      if (g_hash_table_size (self->refused_sites) >= MAX_REFUSED_SITES)
        return;
      g_hash_table_add (self->refused_sites, g_steal_pointer (&site));
    }

  kiosk_usage_counter_add (self->usage, metric, domain, 1);
}

/* Each kind of refusal is a metric of its own: a page refused is the
 * resident's lost way, a frame, a popup or a document the site's, a part
 * of a page blocked a tracker (or in strict mode a host off the list) the
 * site tried to use.
 */
static const char *
refusal_metric (KioskRefusalKind kind)
{
  switch (kind)
    {
    case KIOSK_REFUSAL_PAGE:
      return KIOSK_METRIC_NAVIGATION_REFUSED;
    case KIOSK_REFUSAL_FRAME:
      return KIOSK_METRIC_FRAME_REFUSED;
    case KIOSK_REFUSAL_POPUP:
      return KIOSK_METRIC_POPUP_REFUSED;
    case KIOSK_REFUSAL_DOWNLOAD:
      return KIOSK_METRIC_DOWNLOAD_REFUSED;
    case KIOSK_REFUSAL_RESOURCE:
      return KIOSK_METRIC_RESOURCE_BLOCKED;
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
site_refused_cb (KioskUserSession    *user_session,
                 KioskRefusalKind     kind,
                 const char          *host,
                 KioskSessionManager *self)
{
  const char *metric = refusal_metric (kind);

  if (metric != NULL)
    count_refused_host (self, metric, host);
}

static void
document_added_cb (KioskUserSession    *user_session,
                   GFile               *file,
                   gboolean             downloaded,
                   KioskSessionManager *self)
{
  if (!downloaded)
    return;

  /* Said in the journal (without the file's name, which may name the
   * person) for whoever checks the counts against what a session did:
   * the soak test waits for it before ending a session.
   */
  g_debug ("Counted a downloaded document");
  kiosk_usage_counter_add (self->usage, KIOSK_METRIC_DOCUMENT_DOWNLOADED, NULL, 1);
}

static void
pages_printed_cb (KioskUserSession    *user_session,
                  guint                n_pages,
                  KioskSessionManager *self)
{
  kiosk_usage_counter_add (self->usage, KIOSK_METRIC_PAGES_PRINTED, NULL, n_pages);
}

/* The language the kiosk speaks to the resident now, like "fr". */
static char *
current_language (void)
{
  const char * const *names = g_get_language_names ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (strcmp (names[i], "C") != 0 && strcmp (names[i], "POSIX") != 0)
        return g_strndup (names[i], strcspn (names[i], "_.@"));
    }
  return g_strdup ("en");
}

static void
start_user_session (KioskSessionManager *self)
{
  g_autoptr(GError) error = NULL;

  g_assert (self->user_session == NULL);

  g_clear_handle_id (&self->at_rest_id, g_source_remove);
  self->private_dir = kiosk_files_make_private_dir (self->runtime_dir, "session-", &error);
  if (self->private_dir == NULL)
    {
      g_autofree char *reason = g_strdup_printf ("cannot create the session's private folder: %s",
                                                 error->message);
      kiosk_session_manager_set_out_of_service (self, reason);
      return;
    }

  g_hash_table_remove_all (self->demarches);
  g_hash_table_remove_all (self->refused_sites);
  g_hash_table_remove_all (self->read_aloud);
  self->user_session = kiosk_user_session_new (self->config, self->profile, self->service_rules,
                                               self->private_dir);
  if (self->block_filter != NULL)
    kiosk_user_session_set_block_filter (self->user_session, self->block_filter);
  g_signal_connect (self->user_session, "site-refused", G_CALLBACK (site_refused_cb), self);
  g_signal_connect (self->user_session, "document-added", G_CALLBACK (document_added_cb), self);
  g_signal_connect (self->user_session, "pages-printed", G_CALLBACK (pages_printed_cb), self);

  g_signal_emit (self, signals[SESSION_STARTED], 0, self->user_session);
}

static gboolean
give_memory_back_cb (gpointer user_data)
{
  /* A station runs hundreds of sessions a day; what each one freed goes
   * back to the system instead of staying in the allocator's pools, so
   * that the kiosk's memory stays flat. Done when idle, after the wipe.
   */
  malloc_trim (0);
  return G_SOURCE_REMOVE;
}

/* Once the home screen is drawn again (within 100 ms of a wipe), the
 * session that waits for the next resident starts its web process
 * (kiosk_user_session_prepare()): their tap then only loads the page.
 */
#define PREPARE_AFTER_MS 300
/* At start, once the first frame is drawn (DESIGN.md: within a second),
 * so that the web process does not delay it. A service opened before
 * starts the process itself (kiosk_user_session_load_service()).
 */
#define PREPARE_AT_START_MS 1000

static gboolean
prepare_next_session_cb (gpointer user_data)
{
  KioskSessionManager *self = user_data;

  self->prepare_id = 0;
  if (self->user_session != NULL &&
      kiosk_station_get_state (self->station) == KIOSK_STATION_FREE)
    kiosk_user_session_prepare (self->user_session);
  return G_SOURCE_REMOVE;
}

static void
prepare_next_session_soon (KioskSessionManager *self,
                           guint                delay_ms)
{
  g_clear_handle_id (&self->prepare_id, g_source_remove);
  self->prepare_id = g_timeout_add (delay_ms, prepare_next_session_cb, self);
}

static gboolean
at_rest_cb (gpointer user_data)
{
  KioskSessionManager *self = user_data;

  /* Much of a session is freed only after the wipe: its web view's last
   * frames, the pages shown on the way home. Once the station is at rest
   * that goes back too, so a free station holds only what it needs.
   */
  self->at_rest_id = 0;
  malloc_trim (0);
  return G_SOURCE_REMOVE;
}

static void
clear_wipe_evidence (KioskSessionManager *self)
{
  g_clear_pointer (&self->wipe_pids, g_array_unref);
  g_clear_pointer (&self->wiped_dir, g_free);
}

static void
finish_wipe (KioskSessionManager *self)
{
  g_clear_handle_id (&self->wipe_check_id, g_source_remove);
  clear_wipe_evidence (self);
}

/* The wipe is only done when it is proven: the private folder is gone and
 * no web process of the old session still runs. A web process of WebKit's
 * that outlives its session (as one did, started for a page's service
 * worker as the session ended) is ended by the kiosk itself; until then
 * the station says it is ending. If the proof does not come, it goes out
 * of service rather than serve the next person with leftovers. Returns
 * %TRUE when the check is over, one way or the other.
 */
static gboolean
check_wipe (KioskSessionManager *self)
{
  gboolean folder_gone = !g_file_test (self->wiped_dir, G_FILE_TEST_EXISTS);
  gboolean processes_gone = !kiosk_processes_any_alive (self->wipe_pids);
  gint64 elapsed_ms = (g_get_monotonic_time () - self->wipe_started) / 1000;

  if (folder_gone && processes_gone)
    {
      g_debug ("Wipe proven after %" G_GINT64_FORMAT " ms", elapsed_ms);
      clear_wipe_evidence (self);
      kiosk_sandbox_remove_leftovers ();
      kiosk_station_wipe_proven (self->station);
      g_idle_add_full (G_PRIORITY_LOW, give_memory_back_cb, NULL, NULL);
      g_clear_handle_id (&self->at_rest_id, g_source_remove);
      self->at_rest_id = g_timeout_add_seconds (AT_REST_SECONDS, at_rest_cb, self);
      prepare_next_session_soon (self, PREPARE_AFTER_MS);
      return TRUE;
    }

  if (!processes_gone && !self->wipe_ended_processes &&
      elapsed_ms >= WIPE_END_PROCESSES_AFTER_MS)
    {
      guint ended = kiosk_processes_end (self->wipe_pids, WEBKIT_WEB_PROCESS_PATH);

      self->wipe_ended_processes = TRUE;
      if (ended > 0)
        g_message ("Ended %u web process(es) the last session left running", ended);
    }

  if (elapsed_ms < WIPE_CHECK_TIMEOUT_MS)
    return FALSE;


  clear_wipe_evidence (self);
  self->wipe_check_failures++;
  kiosk_session_manager_set_out_of_service (self,
                                            !folder_gone
                                              ? "the wipe failed: the private folder of the "
                                                "last session is still there"
                                              : "the wipe failed: a web process of the last "
                                                "session is still running");
  return TRUE;
}

static gboolean
wipe_check_cb (gpointer user_data)
{
  KioskSessionManager *self = user_data;

  if (!check_wipe (self))
    return G_SOURCE_CONTINUE;

  self->wipe_check_id = 0;
  return G_SOURCE_REMOVE;
}

static void
wipe_user_session (KioskSessionManager *self)
{
  g_autoptr(GError) error = NULL;
  GdkDisplay *display = gdk_display_get_default ();
  WebKitWebView *web_view;

  if (self->user_session == NULL)
    return;

  finish_wipe (self);
  self->wipe_started = g_get_monotonic_time ();
  self->wipe_ended_processes = FALSE;
  self->wipe_pids = kiosk_processes_find_descendants (WEB_PROCESS_NAME);
  self->wiped_dir = g_steal_pointer (&self->private_dir);

  g_signal_emit (self, signals[SESSION_ENDING], 0, self->user_session);
  g_signal_handlers_disconnect_by_data (self->user_session, self);

  /* The web process goes now, with everything it held in memory, rather
   * than whenever WebKit would have reclaimed it; the others of the
   * session (kept for going back after a change of site) end with the
   * session's web context.
   */
  kiosk_user_session_close (self->user_session);
  web_view = kiosk_user_session_get_web_view (self->user_session);
  webkit_web_view_terminate_web_process (web_view);
  g_clear_object (&self->user_session);

  if (!kiosk_files_remove_tree (self->wiped_dir, &error))
    g_warning ("Wiping the private folder: %s", error->message);

  /* What the user copied must not be pasted by the next one. */
  if (display != NULL)
    {
      gdk_clipboard_set_content (gdk_display_get_clipboard (display), NULL);
      gdk_clipboard_set_content (gdk_display_get_primary_clipboard (display), NULL);
    }

  g_unlink (self->marker_path);
}

static void
kiosk_session_manager_dispose (GObject *object)
{
  KioskSessionManager *self = KIOSK_SESSION_MANAGER (object);

  g_clear_handle_id (&self->at_rest_id, g_source_remove);
  g_clear_handle_id (&self->prepare_id, g_source_remove);
  g_clear_handle_id (&self->service_rules_id, g_source_remove);
  /* What is still compiling stops: a compilation holds the rules until
   * it ends, and the sessions hold them too.
   */
  if (self->service_rules != NULL)
    g_object_run_dispose (G_OBJECT (self->service_rules));
  g_clear_object (&self->service_rules);
  g_cancellable_cancel (self->block_cancellable);
  g_clear_object (&self->block_cancellable);
  g_clear_pointer (&self->block_filter, webkit_user_content_filter_unref);
  finish_wipe (self);

  if (self->user_session != NULL)
    {
      wipe_user_session (self);
      finish_wipe (self);
    }

  if (self->station != NULL)
    g_signal_handlers_disconnect_by_data (self->station, self);
  g_clear_object (&self->station);
  /* Nothing counted is lost when the kiosk stops cleanly. */
  g_clear_object (&self->usage);
  g_clear_object (&self->profile);
  g_clear_object (&self->staff_pin);
  g_clear_object (&self->config);
  g_clear_pointer (&self->demarches, g_hash_table_unref);
  g_clear_pointer (&self->read_aloud, g_hash_table_unref);
  g_clear_pointer (&self->refused_sites, g_hash_table_unref);

  G_OBJECT_CLASS (kiosk_session_manager_parent_class)->dispose (object);
}

static void
kiosk_session_manager_finalize (GObject *object)
{
  KioskSessionManager *self = KIOSK_SESSION_MANAGER (object);

  g_free (self->state_dir);
  g_free (self->runtime_dir);
  g_free (self->marker_path);
  g_free (self->private_dir);

  G_OBJECT_CLASS (kiosk_session_manager_parent_class)->finalize (object);
}

static void
kiosk_session_manager_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  KioskSessionManager *self = KIOSK_SESSION_MANAGER (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      g_value_set_object (value, self->profile);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_session_manager_class_init (KioskSessionManagerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kiosk_session_manager_dispose;
  object_class->finalize = kiosk_session_manager_finalize;
  object_class->get_property = kiosk_session_manager_get_property;

  /**
   * KioskSessionManager:profile:
   *
   * The profile staff turned on (a workshop), or %NULL for the public.
   */
  properties[PROP_PROFILE] =
    g_param_spec_object ("profile", NULL, NULL, KIOSK_TYPE_PROFILE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KioskSessionManager::session-started:
   * @self: the manager
   * @user_session: the new, empty user session
   */
  signals[SESSION_STARTED] =
    g_signal_new ("session-started", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, KIOSK_TYPE_USER_SESSION);

  /**
   * KioskSessionManager::session-ending:
   * @self: the manager
   * @user_session: the session about to be wiped; let go of its web view
   */
  signals[SESSION_ENDING] =
    g_signal_new ("session-ending", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, KIOSK_TYPE_USER_SESSION);

  /**
   * KioskSessionManager::session-ended:
   * @self: the manager
   * @reason: why, a #KioskEndReason
   * @seconds: how long the session was in use (0 for crash recovery)
   *
   * The one report of every end, whatever caused it, for the usage counts.
   */
  signals[SESSION_ENDED] =
    g_signal_new ("session-ended", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_UINT);
}

static void
kiosk_session_manager_init (KioskSessionManager *self)
{
  self->demarches = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->read_aloud = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->refused_sites = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * kiosk_session_manager_new:
 * @config: the station's config
 * @state_dir: the station's state folder
 *
 * Call kiosk_session_manager_start() once the signals are connected.
 *
 * Returns: (transfer full): a new #KioskSessionManager
 */
KioskSessionManager *
kiosk_session_manager_new (KioskConfig *config,
                           const char  *state_dir)
{
  g_autoptr(KioskClock) clock = kiosk_clock_new ();
  KioskSessionManager *self;

  g_return_val_if_fail (KIOSK_IS_CONFIG (config), NULL);
  g_return_val_if_fail (state_dir != NULL, NULL);

  self = g_object_new (KIOSK_TYPE_SESSION_MANAGER, NULL);
  self->start_time = g_get_real_time () / G_USEC_PER_SEC;
  self->config = g_object_ref (config);
  self->state_dir = g_strdup (state_dir);
  self->runtime_dir = g_build_filename (g_get_user_runtime_dir (), "pimms-kiosk", NULL);
  self->marker_path = g_build_filename (state_dir, "session-in-use", NULL);

  self->station = kiosk_station_new (clock, kiosk_config_get_idle_timeout (config),
                                     kiosk_config_get_idle_warning (config),
                                     kiosk_config_get_max_session_minutes (config));
  kiosk_station_set_assisted_idle_timeout (self->station,
                                           kiosk_config_get_assisted_idle_timeout (config));
  g_signal_connect (self->station, "notify::state", G_CALLBACK (station_state_changed_cb), self);
  g_signal_connect (self->station, "end-now", G_CALLBACK (end_now_cb), self);
  g_signal_connect (self->station, "out-of-service-minute",
                    G_CALLBACK (out_of_service_minute_cb), self);

  {
    g_autofree char *rules_dir = g_build_filename (state_dir, "content-rules", NULL);

    self->service_rules = kiosk_service_rules_new (config, rules_dir);
  }

  {
    g_autofree char *usage_path = g_build_filename (state_dir, "usage.db", NULL);

    self->usage = kiosk_usage_counter_new (usage_path, kiosk_config_get_site (config),
                                           kiosk_config_get_station_id (config));
  }

  return self;
}

static void
block_rules_compiled_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(KioskSessionManager) self = user_data;
  g_autoptr(GError) error = NULL;
  WebKitUserContentFilter *filter = kiosk_content_rules_compile_finish (result, &error);

  if (filter == NULL)
    {
      g_autofree char *reason = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      /* Without them, trackers would be reached: nobody is served. */
      reason = g_strdup_printf ("WebKit refused the blocked hosts ([Block]): %s",
                                error->message);
      kiosk_session_manager_set_out_of_service (self, reason);
      return;
    }

  self->block_filter = filter;
  kiosk_startup_trace_mark ("blocked hosts compiled");
  g_debug ("Blocked hosts in place");
  if (self->user_session != NULL)
    kiosk_user_session_set_block_filter (self->user_session, filter);
}

/* Compiled once, for every session of this run; each service waits for
 * them before it loads.
 */
static void
compile_block_rules (KioskSessionManager *self)
{
  g_autofree char *rules = kiosk_policy_get_block_rules (kiosk_config_get_policy (self->config));
  g_autofree char *store_dir = NULL;

  if (rules == NULL)
    return;

  store_dir = g_build_filename (self->state_dir, "content-blocks", NULL);
  self->block_cancellable = g_cancellable_new ();
  kiosk_content_rules_compile (store_dir, rules, self->block_cancellable, block_rules_compiled_cb,
                               g_object_ref (self));
}

/* After the first frame and once the first session is readied: neither
 * waits for them.
 */
#define COMPILE_SERVICE_RULES_AFTER_MS 2000

static gboolean
compile_service_rules_cb (gpointer user_data)
{
  KioskSessionManager *self = user_data;

  self->service_rules_id = 0;
  kiosk_service_rules_compile (self->service_rules);
  return G_SOURCE_REMOVE;
}

/**
 * kiosk_session_manager_start:
 * @self: a #KioskSessionManager
 *
 * Wipes whatever a previous run left behind (reported as a
 * crash-recovery end), then builds the first user session.
 */
void
kiosk_session_manager_start (KioskSessionManager *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) leftovers = NULL;
  gboolean crashed;

  g_return_if_fail (KIOSK_IS_SESSION_MANAGER (self));
  g_return_if_fail (self->user_session == NULL);

  leftovers = g_dir_open (self->runtime_dir, 0, NULL);
  crashed = g_file_test (self->marker_path, G_FILE_TEST_EXISTS) ||
            (leftovers != NULL && g_dir_read_name (leftovers) != NULL);

  if (!kiosk_files_remove_tree (self->runtime_dir, &error))
    {
      g_autofree char *reason = g_strdup_printf ("cannot wipe what the last run left: %s",
                                                 error->message);
      kiosk_session_manager_set_out_of_service (self, reason);
      return;
    }
  g_unlink (self->marker_path);
  kiosk_startup_trace_mark ("last run's leftovers wiped");

  if (crashed)
    {
      g_message ("The last run did not end its session; its leftovers were wiped");
      count_end (self, KIOSK_END_CRASH_RECOVERY);
      g_signal_emit (self, signals[SESSION_ENDED], 0, KIOSK_END_CRASH_RECOVERY, 0);
    }

  compile_block_rules (self);
  self->service_rules_id = g_timeout_add (COMPILE_SERVICE_RULES_AFTER_MS,
                                          compile_service_rules_cb, self);
  start_user_session (self);
  kiosk_startup_trace_mark ("first session built");
  prepare_next_session_soon (self, PREPARE_AT_START_MS);
}

KioskStationState
kiosk_session_manager_get_state (KioskSessionManager *self)
{
  g_return_val_if_fail (KIOSK_IS_SESSION_MANAGER (self), KIOSK_STATION_OUT_OF_SERVICE);

  return kiosk_station_get_state (self->station);
}

/**
 * kiosk_session_manager_get_out_of_service_reason:
 * @self: a #KioskSessionManager
 *
 * Returns: (nullable): why the station is out of service, for staff
 */
const char *
kiosk_session_manager_get_out_of_service_reason (KioskSessionManager *self)
{
  g_return_val_if_fail (KIOSK_IS_SESSION_MANAGER (self), NULL);

  return kiosk_station_get_out_of_service_reason (self->station);
}

/**
 * kiosk_session_manager_get_service_rules:
 * @self: a #KioskSessionManager
 *
 * Returns: (transfer none): the services' rules, compiled ahead for all
 *   sessions of its config
 */
KioskServiceRules *
kiosk_session_manager_get_service_rules (KioskSessionManager *self)
{
  g_return_val_if_fail (KIOSK_IS_SESSION_MANAGER (self), NULL);

  return self->service_rules;
}

/**
 * kiosk_session_manager_get_user_session:
 * @self: a #KioskSessionManager
 *
 * Returns: (transfer none) (nullable): the current user session
 */
KioskUserSession *
kiosk_session_manager_get_user_session (KioskSessionManager *self)
{
  g_return_val_if_fail (KIOSK_IS_SESSION_MANAGER (self), NULL);

  return self->user_session;
}

/**
 * kiosk_session_manager_get_private_dir:
 * @self: a #KioskSessionManager
 *
 * Returns: (nullable): the current session's folder for downloads and uploads
 */
const char *
kiosk_session_manager_get_private_dir (KioskSessionManager *self)
{
  g_return_val_if_fail (KIOSK_IS_SESSION_MANAGER (self), NULL);

  return self->private_dir;
}

/**
 * kiosk_session_manager_count_documents:
 * @self: a #KioskSessionManager
 *
 * Returns: how many documents the current session downloaded
 */
guint
kiosk_session_manager_count_documents (KioskSessionManager *self)
{
  g_return_val_if_fail (KIOSK_IS_SESSION_MANAGER (self), 0);

  if (self->user_session == NULL)
    return 0;
  return g_list_model_get_n_items (kiosk_user_session_get_documents (self->user_session));
}

/**
 * kiosk_session_manager_open_service:
 * @self: a #KioskSessionManager
 * @service: a service of the config
 *
 * Opens @service in the current session, which is now in use: the idle
 * clock runs until the session ends.
 */
void
kiosk_session_manager_open_service (KioskSessionManager *self,
                                    KioskService        *service)
{
  g_return_if_fail (KIOSK_IS_SESSION_MANAGER (self));
  g_return_if_fail (KIOSK_IS_SERVICE (service));

  if (kiosk_station_get_state (self->station) == KIOSK_STATION_OUT_OF_SERVICE ||
      self->user_session == NULL)
    return;

  /* A session starts when someone opens a first service. */
  if (kiosk_station_open_service (self->station))
    {
      write_marker (self);
      kiosk_usage_counter_add (self->usage, KIOSK_METRIC_SESSION_STARTED, NULL, 1);
    }
  kiosk_usage_counter_add (self->usage, KIOSK_METRIC_SERVICE_OPENED,
                           kiosk_service_get_id (service), 1);
  /* A lost resident going CAF, home, CAF, home, CAF did one démarche. */
  if (g_hash_table_add (self->demarches, g_strdup (kiosk_service_get_id (service))))
    kiosk_usage_counter_add (self->usage, KIOSK_METRIC_DEMARCHE, kiosk_service_get_id (service),
                             1);

  kiosk_user_session_open_service (self->user_session, service);
}

/* Counts the end of a session that was in use, and returns how long it
 * was; a session nobody used is not counted.
 */
static guint
count_session_end (KioskSessionManager *self,
                   KioskEndReason       reason)
{
  g_autofree char *language = NULL;
  guint seconds;

  if (kiosk_station_get_state (self->station) != KIOSK_STATION_IN_USE)
    return 0;

  seconds = kiosk_station_get_in_use_seconds (self->station);
  count_end (self, reason);
  kiosk_usage_counter_add (self->usage, KIOSK_METRIC_SESSION_DURATION,
                           kiosk_usage_duration_bucket (seconds), 1);

  /* The language the session was used in: counted once, at its end,
   * whatever the resident chose on the way.
   */
  language = current_language ();
  kiosk_usage_counter_add (self->usage, KIOSK_METRIC_LANGUAGE, language, 1);
  kiosk_usage_counter_flush_soon (self->usage);
  return seconds;
}

/**
 * kiosk_session_manager_end_session:
 * @self: a #KioskSessionManager
 * @reason: why
 *
 * Wipes the current user session — web view, network session with all it
 * stored, private folder, clipboard — and builds a fresh one. Every way a
 * session ends comes here. The wipe is then proven in the background.
 */
void
kiosk_session_manager_end_session (KioskSessionManager *self,
                                   KioskEndReason       reason)
{
  guint seconds = 0;

  g_return_if_fail (KIOSK_IS_SESSION_MANAGER (self));

  if (kiosk_station_get_state (self->station) == KIOSK_STATION_OUT_OF_SERVICE)
    return;

  seconds = count_session_end (self, reason);

  kiosk_station_end_session (self->station);
  wipe_user_session (self);
  self->last_end_time = g_get_monotonic_time ();
  self->last_end_reason = reason;
  g_signal_emit (self, signals[SESSION_ENDED], 0, reason, seconds);

  start_user_session (self);
  if (kiosk_station_get_state (self->station) == KIOSK_STATION_OUT_OF_SERVICE)
    return;

  if (!check_wipe (self))
    self->wipe_check_id = g_timeout_add (WIPE_CHECK_INTERVAL_MS, wipe_check_cb, self);
}

/**
 * kiosk_session_manager_note_activity:
 * @self: a #KioskSessionManager
 *
 * Tells that the user touched, clicked, typed or moved: the idle clock
 * starts again and a countdown on screen goes away.
 */
void
kiosk_session_manager_note_activity (KioskSessionManager *self)
{
  g_return_if_fail (KIOSK_IS_SESSION_MANAGER (self));

  kiosk_station_note_activity (self->station);
}

/**
 * kiosk_session_manager_get_usage_counter:
 * @self: a #KioskSessionManager
 *
 * Returns: (transfer none): where the station's anonymous counts go
 */
KioskUsageCounter *
kiosk_session_manager_get_usage_counter (KioskSessionManager *self)
{
  g_return_val_if_fail (KIOSK_IS_SESSION_MANAGER (self), NULL);

  return self->usage;
}

/* The session goes first, as by any other end; the station then stops
 * its clocks and says it is out of service, with @reason for staff and
 * @message (nullable) for residents.
 */
static void
go_out_of_service (KioskSessionManager *self,
                   const char          *reason,
                   const char          *message)
{
  if (kiosk_station_get_state (self->station) == KIOSK_STATION_OUT_OF_SERVICE)
    return;

  g_warning ("Out of service: %s", reason);
  wipe_user_session (self);
  kiosk_station_set_out_of_service (self->station, reason, message);
}

/**
 * kiosk_session_manager_set_out_of_service:
 * @self: a #KioskSessionManager
 * @reason: why, for staff and the log
 *
 * Wipes the current session and keeps the station out of service.
 */
void
kiosk_session_manager_set_out_of_service (KioskSessionManager *self,
                                          const char          *reason)
{
  g_return_if_fail (KIOSK_IS_SESSION_MANAGER (self));
  g_return_if_fail (reason != NULL);

  go_out_of_service (self, reason, NULL);
}

/**
 * kiosk_session_manager_put_out_of_service:
 * @self: a #KioskSessionManager
 * @reason: %KIOSK_END_STAFF (at the station) or %KIOSK_END_REMOTE (from
 *   the desk), for the session it ends
 * @message: (nullable): what residents read on the station, written by
 *   staff; %NULL or empty for the usual "use another computer"
 *
 * A mediator takes the station out of service: a session in use ends
 * (and is counted) as by any other end, then is wiped.
 */
void
kiosk_session_manager_put_out_of_service (KioskSessionManager *self,
                                          KioskEndReason       reason,
                                          const char          *message)
{
  guint seconds;

  g_return_if_fail (KIOSK_IS_SESSION_MANAGER (self));

  if (kiosk_station_get_state (self->station) == KIOSK_STATION_OUT_OF_SERVICE)
    return;

  /* Even a session nobody used yet ends here: its choices (a language,
   * a search) must not wait for the station to come back.
   */
  if (self->user_session != NULL)
    {
      seconds = count_session_end (self, reason);
      g_signal_emit (self, signals[SESSION_ENDED], 0, reason, seconds);
    }

  go_out_of_service (self, reason == KIOSK_END_REMOTE ? "put out of service from the desk"
                                                      : "put out of service by a mediator",
                     message);
}

/**
 * kiosk_session_manager_get_out_of_service_message:
 * @self: a #KioskSessionManager
 *
 * Returns: (nullable): the message staff left for residents, when staff
 *   took the station out of service with one
 */
const char *
kiosk_session_manager_get_out_of_service_message (KioskSessionManager *self)
{
  g_return_val_if_fail (KIOSK_IS_SESSION_MANAGER (self), NULL);

  return kiosk_station_get_out_of_service_message (self->station);
}

/**
 * kiosk_session_manager_note_choice:
 * @self: a #KioskSessionManager
 *
 * A resident made a choice on the home screen (a language, high
 * contrast, a search) before opening any service. The idle clock runs
 * from now on, so that whoever walks away after it leaves nothing of it
 * to the next person; the session is counted only if a service is opened.
 */
void
kiosk_session_manager_note_choice (KioskSessionManager *self)
{
  g_return_if_fail (KIOSK_IS_SESSION_MANAGER (self));

  if (self->user_session != NULL)
    kiosk_station_note_choice (self->station);
}

/**
 * kiosk_session_manager_set_profile:
 * @self: a #KioskSessionManager
 * @profile: (nullable): a profile of the config, or %NULL for the public
 *
 * Staff turn a profile (a workshop) on or off. A user session keeps the
 * policy it was built with, so the current one ends, counted as ended by
 * staff when it was in use, and the next one has the new profile. The
 * profile stays on, session after session, until staff turn it off.
 */
void
kiosk_session_manager_set_profile (KioskSessionManager *self,
                                   KioskProfile        *profile)
{
  g_return_if_fail (KIOSK_IS_SESSION_MANAGER (self));
  g_return_if_fail (profile == NULL || KIOSK_IS_PROFILE (profile));

  if (self->profile == profile)
    return;

  g_message ("Profile %s", profile != NULL ? kiosk_profile_get_id (profile) : "public");
  g_set_object (&self->profile, profile);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFILE]);

  if (kiosk_station_get_state (self->station) != KIOSK_STATION_OUT_OF_SERVICE)
    kiosk_session_manager_end_session (self, KIOSK_END_STAFF);
}

/**
 * kiosk_session_manager_get_profile:
 * @self: a #KioskSessionManager
 *
 * Returns: (transfer none) (nullable): the profile on, or %NULL
 */
KioskProfile *
kiosk_session_manager_get_profile (KioskSessionManager *self)
{
  g_return_val_if_fail (KIOSK_IS_SESSION_MANAGER (self), NULL);

  return self->profile;
}

/**
 * kiosk_session_manager_get_staff_pin:
 * @self: a #KioskSessionManager
 * @error: return location for an error
 *
 * Loads the staff PIN file on first use and keeps it, with its count of
 * wrong PINs, for as long as the kiosk runs: whatever the window shows
 * (it is built again when a resident changes language), a lockout lasts.
 * A file that cannot be loaded is tried again on the next call.
 *
 * Returns: (transfer none) (nullable): the PIN, or %NULL with @error set
 */
KioskStaffPin *
kiosk_session_manager_get_staff_pin (KioskSessionManager  *self,
                                     GError              **error)
{
  const char *path;

  g_return_val_if_fail (KIOSK_IS_SESSION_MANAGER (self), NULL);

  if (self->staff_pin != NULL)
    return self->staff_pin;

  path = kiosk_config_get_staff_pin_file (self->config);
  self->staff_pin = kiosk_staff_pin_load (path != NULL ? path : KIOSK_STAFF_PIN_DEFAULT_PATH,
                                          error);
  return self->staff_pin;
}

/**
 * kiosk_session_manager_get_uptime:
 * @self: a #KioskSessionManager
 *
 * Returns: how long the kiosk has been running, in seconds
 */
guint
kiosk_session_manager_get_uptime (KioskSessionManager *self)
{
  g_return_val_if_fail (KIOSK_IS_SESSION_MANAGER (self), 0);

  return kiosk_station_get_uptime (self->station);
}

/**
 * kiosk_session_manager_count_sessions_today:
 * @self: a #KioskSessionManager
 * @error: return location for an error
 *
 * Counts the sessions started today on this station, from the usage
 * counts (so that a restart of the kiosk does not reset it).
 *
 * Returns: the number of sessions, or -1 with @error set when the counts
 *   cannot be read
 */
gint64
kiosk_session_manager_count_sessions_today (KioskSessionManager  *self,
                                            GError              **error)
{
  g_autoptr(KioskUsageStore) store = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *today = NULL;
  g_autofree char *path = NULL;
  KioskUsageFilter filter = { NULL, NULL, NULL, NULL };

  g_return_val_if_fail (KIOSK_IS_SESSION_MANAGER (self), -1);

  now = g_date_time_new_now_local ();
  today = g_date_time_format (now, "%Y-%m-%d");
  path = g_build_filename (self->state_dir, "usage.db", NULL);
  filter.from_day = filter.to_day = today;

  /* What is still in memory is written first: the figure includes the
   * session that just started.
   */
  kiosk_usage_counter_flush (self->usage);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return 0;

  store = kiosk_usage_store_open_read_only (path, error);
  if (store == NULL)
    return -1;
  return kiosk_usage_store_count_metric (store, &filter, KIOSK_METRIC_SESSION_STARTED, error);
}

/**
 * kiosk_session_manager_get_state_since:
 * @self: a #KioskSessionManager
 *
 * Returns: (transfer none) (nullable): when the station entered its
 *   current state, in UTC
 */
GDateTime *
kiosk_session_manager_get_state_since (KioskSessionManager *self)
{
  g_return_val_if_fail (KIOSK_IS_SESSION_MANAGER (self), NULL);

  return kiosk_station_get_state_since (self->station);
}

/**
 * kiosk_session_manager_request_help:
 * @self: a #KioskSessionManager
 *
 * The resident pressed "Call a mediator": the station is flagged for
 * staff until the session ends or a mediator clears it.
 */
void
kiosk_session_manager_request_help (KioskSessionManager *self)
{
  g_return_if_fail (KIOSK_IS_SESSION_MANAGER (self));

  if (kiosk_station_request_help (self->station))
    g_message ("A resident asked for a mediator");
}

/**
 * kiosk_session_manager_take_help_request:
 * @self: a #KioskSessionManager
 * @by: the mediator who goes, as their console names them
 *
 * A mediator at the desk goes to answer the call: the resident is told
 * someone comes. Only a mediator's name, never the resident's.
 *
 * Returns: %TRUE if the call is @by's; %FALSE when nobody calls, or
 *   someone else took it
 */
gboolean
kiosk_session_manager_take_help_request (KioskSessionManager *self,
                                         const char          *by)
{
  g_return_val_if_fail (KIOSK_IS_SESSION_MANAGER (self), FALSE);

  return kiosk_station_take_help_request (self->station, by);
}

/**
 * kiosk_session_manager_ask_to_end:
 * @self: a #KioskSessionManager
 *
 * The desk would end the session: a station in use asks whoever may be
 * sitting there first, and ends only if they agree or nobody answers
 * within IdleWarning seconds; a station nobody uses ends at once.
 */
void
kiosk_session_manager_ask_to_end (KioskSessionManager *self)
{
  g_return_if_fail (KIOSK_IS_SESSION_MANAGER (self));

  if (!kiosk_station_ask_to_end (self->station))
    kiosk_session_manager_end_session (self, KIOSK_END_REMOTE);
}

/**
 * kiosk_session_manager_raise_pin_alarm:
 * @self: a #KioskSessionManager
 *
 * The staff panel locked after too many wrong PINs: someone may be
 * guessing. The station asks the desk for help until staff unlock the
 * panel (kiosk_session_manager_clear_help_request()), whatever happens
 * to the session meanwhile.
 */
void
kiosk_session_manager_raise_pin_alarm (KioskSessionManager *self)
{
  g_return_if_fail (KIOSK_IS_SESSION_MANAGER (self));

  if (kiosk_station_raise_pin_alarm (self->station))
    g_message ("Too many wrong staff PINs: the desk is asked to come");
}

/**
 * kiosk_session_manager_clear_help_request:
 * @self: a #KioskSessionManager
 *
 * A mediator came, and unlocked the staff panel: both the resident's call
 * and the alarm of wrong PINs are answered.
 */
void
kiosk_session_manager_clear_help_request (KioskSessionManager *self)
{
  g_return_if_fail (KIOSK_IS_SESSION_MANAGER (self));

  kiosk_station_clear_help_request (self->station);
}

gboolean
kiosk_session_manager_get_help_requested (KioskSessionManager *self)
{
  g_return_val_if_fail (KIOSK_IS_SESSION_MANAGER (self), FALSE);

  return kiosk_station_get_help_requested (self->station);
}

/**
 * kiosk_session_manager_count_read_aloud:
 * @self: a #KioskSessionManager
 * @language: the language the kiosk read in
 *
 * Counts that the session had something read aloud in @language: once
 * per session and language, whatever was read, which is never kept.
 */
void
kiosk_session_manager_count_read_aloud (KioskSessionManager *self,
                                        const char          *language)
{
  g_return_if_fail (KIOSK_IS_SESSION_MANAGER (self));
  g_return_if_fail (language != NULL);

  if (g_hash_table_add (self->read_aloud, g_strdup (language)))
    kiosk_usage_counter_add (self->usage, KIOSK_METRIC_READ_ALOUD, language, 1);
}

/**
 * kiosk_session_manager_set_assisted:
 * @self: a #KioskSessionManager
 * @assisted: whether a mediator is helping with the current session
 *
 * Pauses the idle countdown while a mediator helps (until the session
 * ends), and counts the session as assisted.
 */
void
kiosk_session_manager_set_assisted (KioskSessionManager *self,
                                    gboolean             assisted)
{
  g_return_if_fail (KIOSK_IS_SESSION_MANAGER (self));

  if (kiosk_station_set_assisted (self->station, assisted) && assisted)
    kiosk_usage_counter_add (self->usage, KIOSK_METRIC_SESSION_ASSISTED, NULL, 1);
}

gboolean
kiosk_session_manager_get_assisted (KioskSessionManager *self)
{
  g_return_val_if_fail (KIOSK_IS_SESSION_MANAGER (self), FALSE);

  return kiosk_station_get_assisted (self->station);
}

/**
 * kiosk_session_manager_set_in_service:
 * @self: a #KioskSessionManager
 *
 * Brings a station put out of service (by staff, or by a failed wipe once
 * staff checked it) back: a fresh user session and the home screen.
 */
void
kiosk_session_manager_set_in_service (KioskSessionManager *self)
{
  g_return_if_fail (KIOSK_IS_SESSION_MANAGER (self));

  if (kiosk_station_get_state (self->station) != KIOSK_STATION_OUT_OF_SERVICE)
    return;

  g_message ("Back in service");
  finish_wipe (self);
  kiosk_station_set_in_service (self->station);
  start_user_session (self);
}

/**
 * kiosk_session_manager_get_station:
 * @self: a #KioskSessionManager
 *
 * Returns: (transfer none): the station whose sessions @self runs
 */
KioskStation *
kiosk_session_manager_get_station (KioskSessionManager *self)
{
  g_return_val_if_fail (KIOSK_IS_SESSION_MANAGER (self), NULL);

  return self->station;
}

/**
 * kiosk_session_manager_get_last_end_time:
 * @self: a #KioskSessionManager
 *
 * A window built after a session ended (in another language) still tells
 * the resident that their session was erased, for what is left of the
 * time it would have.
 *
 * Returns: when the last session ended by an action, a timeout or staff,
 *   in g_get_monotonic_time()'s microseconds, or 0 if none did
 */
gint64
kiosk_session_manager_get_last_end_time (KioskSessionManager *self)
{
  g_return_val_if_fail (KIOSK_IS_SESSION_MANAGER (self), 0);

  return self->last_end_time;
}

/**
 * kiosk_session_manager_get_last_end_reason:
 * @self: a #KioskSessionManager
 *
 * Returns: why the last session ended (meaningful once
 *   kiosk_session_manager_get_last_end_time() is not 0)
 */
KioskEndReason
kiosk_session_manager_get_last_end_reason (KioskSessionManager *self)
{
  g_return_val_if_fail (KIOSK_IS_SESSION_MANAGER (self), KIOSK_END_LOGOUT);

  return self->last_end_reason;
}

/**
 * kiosk_session_manager_get_metrics:
 * @self: a #KioskSessionManager
 * @metrics: (out caller-allocates): filled with the station's figures
 *
 * What a monitoring system reads of the station (GET /api/v1/metrics):
 * since the kiosk started, the sessions ended by reason, the time out of
 * service and the failed wipe proofs; now, the web processes alive, the
 * memory they and the kiosk hold, the usage store's failed writes and
 * the config's version. Nothing of a resident.
 */
void
kiosk_session_manager_get_metrics (KioskSessionManager *self,
                                   KioskStationMetrics *metrics)
{
  g_autoptr(GArray) web_processes = NULL;

  g_return_if_fail (KIOSK_IS_SESSION_MANAGER (self));
  g_return_if_fail (metrics != NULL);

  *metrics = (KioskStationMetrics) {
    .start_time = self->start_time,
    /* In whole minutes, as the station's clock counts them. */
    .out_of_service_seconds = self->out_of_service_minutes * 60,
    .wipe_check_failures = self->wipe_check_failures,
    .kiosk_resident_bytes = kiosk_processes_resident_bytes (0),
    .usage_write_errors = kiosk_usage_counter_get_write_errors (self->usage),
    .config_version = kiosk_config_get_version (self->config),
  };
  memcpy (metrics->sessions_ended, self->sessions_ended, sizeof self->sessions_ended);

  web_processes = kiosk_processes_find_descendants (WEB_PROCESS_NAME);
  metrics->web_processes = web_processes->len;
  for (guint i = 0; i < web_processes->len; i++)
    metrics->web_resident_bytes +=
      kiosk_processes_resident_bytes (g_array_index (web_processes, pid_t, i));
}

/**
 * kiosk_session_manager_get_config:
 * @self: a #KioskSessionManager
 *
 * Returns: (transfer none): the config its sessions run with
 */
KioskConfig *
kiosk_session_manager_get_config (KioskSessionManager *self)
{
  g_return_val_if_fail (KIOSK_IS_SESSION_MANAGER (self), NULL);

  return self->config;
}
