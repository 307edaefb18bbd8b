/* kiosk-application.c — org.pimms.Kiosk: the station, its options and actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-application"

#include "config.h"

#include "kiosk-application.h"

#include "kiosk-desk-config.h"
#include "kiosk-environment.h"
#include "kiosk-language.h"
#include "kiosk-startup-trace.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <glib-unix.h>
#include <signal.h>
#include <locale.h>
#include <string.h>

/* The application owns the station: its config, the session manager
 * (with the resident's session and the station's state) and the station
 * API. Its window only shows them, and can be built again at any time,
 * as a new language requires, with nothing to hand over.
 */
struct _KioskApplication
{
  GtkApplication       parent_instance;

  char                *state_dir;
  guint                language_reset_id;

  KioskConfig         *config;
  char                *station_path;  /* the station's own config file */
  char                *failure;
  KioskSessionManager *manager;
  KioskRemote         *remote;
  guint                config_change_id;
};

G_DEFINE_FINAL_TYPE (KioskApplication, kiosk_application, GTK_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "config", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Read the configuration from FILE instead of /etc/pimms-kiosk/kiosk.conf"), N_("FILE") },
  { "state-dir", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Keep the station's state (usage counts) in DIR"), N_("DIR") },
  { "windowed", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Run in a normal window instead of full screen (for development)"), NULL },
  { "open", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Open the configured service SERVICE_ID"), N_("SERVICE_ID") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
  { NULL }
};

/* --version answers at once, without a display or a running kiosk. */
static int
kiosk_application_handle_local_options (GApplication *application,
                                        GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("pimms-kiosk %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  return -1;
}

static void
home_action_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  KioskWindow *window = kiosk_application_get_window (user_data);

  if (window != NULL)
    kiosk_window_show_home (window);
}

static void
end_session_action_cb (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  KioskWindow *window = kiosk_application_get_window (user_data);

  /* Reached from outside the station (gapplication action, the desk);
   * the button on screen asks first and ends as a logout.
   */
  if (window != NULL)
    kiosk_window_end_session (window, KIOSK_END_REMOTE);
}

static void
open_service_action_cb (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  KioskApplication *self = user_data;
  KioskWindow *window = kiosk_application_get_window (self);
  KioskService *service;

  if (window == NULL || self->config == NULL)
    return;

  /* The action takes only the id of a configured service, never an
   * address: nothing outside the catalogue can be opened this way.
   */
  service = kiosk_config_lookup_service (self->config, g_variant_get_string (parameter, NULL));
  if (service != NULL)
    kiosk_window_open_service (window, service);
}

static void
present_kiosk_window (KioskWindow *window,
                      gboolean     full_screen)
{
  if (full_screen)
    gtk_window_fullscreen (GTK_WINDOW (window));

  gtk_window_present (GTK_WINDOW (window));

  /* Ask the compositor to keep its own shortcuts (switching windows,
   * launchers) for itself no longer; a kiosk compositor may refuse.
   */
  if (full_screen)
    gdk_toplevel_inhibit_system_shortcuts (
      GDK_TOPLEVEL (gtk_native_get_surface (GTK_NATIVE (window))), NULL);
}

/* Every string of the window is translated when it is built, so a new
 * language takes a new window; the station stays where it is, and the
 * new window shows it as it is.
 */
static void
switch_language (KioskApplication *self,
                 const char       *code)
{
  KioskWindow *old = kiosk_application_get_window (self);
  KioskWindow *window;
  gboolean full_screen;
  GAction *action;

  if (old == NULL || g_strcmp0 (code, kiosk_language_get_current ()) == 0 ||
      !kiosk_language_set_current (code))
    return;

  if (self->manager != NULL && kiosk_session_manager_get_user_session (self->manager) != NULL)
    kiosk_user_session_follow_language (kiosk_session_manager_get_user_session (self->manager));

  /* The old window lets go of the session's web view; the application,
   * for that moment without a window, stays.
   */
  full_screen = gtk_window_is_fullscreen (GTK_WINDOW (old));
  g_application_hold (G_APPLICATION (self));
  kiosk_window_let_go (old);
  gtk_window_destroy (GTK_WINDOW (old));
  window = kiosk_window_new (GTK_APPLICATION (self));
  present_kiosk_window (window, full_screen);
  g_application_release (G_APPLICATION (self));

  action = g_action_map_lookup_action (G_ACTION_MAP (self), "language");
  g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_string (code));
}

static void
language_action_cb (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  KioskApplication *self = user_data;
  KioskWindow *window = kiosk_application_get_window (self);

  /* Chosen on the home screen, with no question open. */
  if (window == NULL || kiosk_window_get_visible_page (window) != KIOSK_WINDOW_PAGE_HOME ||
      kiosk_window_get_visible_question (window) != KIOSK_WINDOW_QUESTION_NONE)
    return;

  if (self->manager != NULL)
    kiosk_session_manager_note_choice (self->manager);
  switch_language (self, g_variant_get_string (parameter, NULL));
}

static gboolean
reset_language_cb (gpointer user_data)
{
  KioskApplication *self = user_data;

  self->language_reset_id = 0;
  switch_language (self, kiosk_language_get_default ());
  return G_SOURCE_REMOVE;
}

/* The next person starts in the station's language, once the one who
 * left has read "Session effacée — vous pouvez partir" in theirs: when
 * the window is done with that farewell, or at once after a crash, which
 * nobody is told of. Never from within the manager's own signal: the
 * window may be the one that asked for the end.
 */
static void
reset_language_soon (KioskApplication *self,
                     guint             delay_ms)
{
  g_clear_handle_id (&self->language_reset_id, g_source_remove);
  if (g_strcmp0 (kiosk_language_get_current (), kiosk_language_get_default ()) == 0)
    return;

  self->language_reset_id = g_timeout_add_full (G_PRIORITY_HIGH_IDLE, delay_ms,
                                                reset_language_cb, self, NULL);
}

static void
session_ended_cb (KioskSessionManager *manager,
                  KioskEndReason       reason,
                  guint                seconds,
                  KioskApplication    *self)
{
  /* Should the window never say it is done, the language is reset all
   * the same, a moment after the farewell.
   */
  reset_language_soon (self, reason == KIOSK_END_CRASH_RECOVERY
                             ? 0 : (KIOSK_WINDOW_FAREWELL_SECONDS + 1) * 1000);
}

static void
farewell_done_cb (KioskWindow      *window,
                  KioskApplication *self)
{
  reset_language_soon (self, 0);
}

static void
kiosk_application_window_added (GtkApplication *application,
                                GtkWindow      *window)
{
  GTK_APPLICATION_CLASS (kiosk_application_parent_class)->window_added (application, window);

  if (KIOSK_IS_WINDOW (window))
    g_signal_connect_object (window, "farewell-done", G_CALLBACK (farewell_done_cb),
                             application, 0);
}

/**
 * kiosk_application_start_station:
 * @self: a #KioskApplication
 * @config: (nullable): the station's config, or %NULL when it could not be
 *   loaded: the station is then out of service for good
 * @failure: (nullable): why, in small print for staff, when @config is %NULL
 * @state_dir: the station's state folder
 *
 * Starts the station: the session manager wipes what a crash left and
 * builds the first user session, and the station API opens. The first
 * command line does it; tests that run the application in-process too.
 */
static void station_state_changed_cb (KioskStation     *station,
                                      GParamSpec       *pspec,
                                      KioskApplication *self);

/* The session manager of @config, the one owner of its sessions. */
static void
start_manager (KioskApplication *self,
               KioskConfig      *config)
{
  g_set_object (&self->config, config);
  self->manager = kiosk_session_manager_new (config, self->state_dir);
  g_signal_connect_object (self->manager, "session-ended", G_CALLBACK (session_ended_cb), self,
                           0);
  g_signal_connect_object (kiosk_session_manager_get_station (self->manager), "notify::state",
                           G_CALLBACK (station_state_changed_cb), self, 0);
  kiosk_session_manager_start (self->manager);
}

static void
stop_manager (KioskApplication *self)
{
  if (self->manager == NULL)
    return;

  g_signal_handlers_disconnect_by_data (kiosk_session_manager_get_station (self->manager), self);
  g_signal_handlers_disconnect_by_data (self->manager, self);
  g_clear_object (&self->manager);
}

/* The config the desk sent, once the station is free: nobody's session
 * is ever cut for it. The station is built again on it as it starts —
 * its session manager, its first session, its window — while the station
 * API, whose keys are the station's own, goes on answering.
 */
static gboolean
run_pending_config_cb (gpointer user_data)
{
  KioskApplication *self = user_data;
  KioskConfig *pending = self->remote != NULL ? kiosk_remote_get_pending_config (self->remote)
                                              : NULL;
  g_autoptr(KioskConfig) config = NULL;
  KioskWindow *old;
  gboolean full_screen = TRUE;

  self->config_change_id = 0;
  if (pending == NULL || self->manager == NULL ||
      kiosk_session_manager_get_state (self->manager) != KIOSK_STATION_FREE)
    return G_SOURCE_REMOVE;

  config = g_object_ref (pending);
  g_message ("Running the configuration the desk sent, version %s",
             kiosk_config_get_version (config));

  g_application_hold (G_APPLICATION (self));
  old = kiosk_application_get_window (self);
  if (old != NULL)
    {
      full_screen = gtk_window_is_fullscreen (GTK_WINDOW (old));
      kiosk_window_let_go (old);
      gtk_window_destroy (GTK_WINDOW (old));
    }

  kiosk_remote_set_manager (self->remote, NULL);
  stop_manager (self);
  start_manager (self, config);
  kiosk_remote_set_manager (self->remote, self->manager);

  present_kiosk_window (kiosk_window_new (GTK_APPLICATION (self)), full_screen);
  g_application_release (G_APPLICATION (self));
  return G_SOURCE_REMOVE;
}

static void
run_pending_config_soon (KioskApplication *self)
{
  /* Not at an idle priority, which a window that keeps drawing (a
   * spinner, an animation) can starve.
   */
  if (self->config_change_id == 0)
    self->config_change_id = g_idle_add_full (G_PRIORITY_DEFAULT, run_pending_config_cb, self,
                                              NULL);
}

static void
station_state_changed_cb (KioskStation     *station,
                          GParamSpec       *pspec,
                          KioskApplication *self)
{
  if (kiosk_station_get_state (station) == KIOSK_STATION_FREE)
    run_pending_config_soon (self);
}

/* Accepted from the desk: at once when nobody uses the station. */
static void
config_accepted_cb (KioskRemote      *remote,
                    KioskApplication *self)
{
  if (self->manager != NULL &&
      kiosk_session_manager_get_state (self->manager) == KIOSK_STATION_FREE)
    run_pending_config_cb (self);
}

void
kiosk_application_start_station (KioskApplication *self,
                                 KioskConfig      *config,
                                 const char       *failure,
                                 const char       *state_dir)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (KIOSK_IS_APPLICATION (self));
  g_return_if_fail (config == NULL || KIOSK_IS_CONFIG (config));
  g_return_if_fail (state_dir != NULL);
  g_return_if_fail (self->manager == NULL && self->failure == NULL);

  if (config == NULL)
    {
      self->failure = g_strdup (failure != NULL ? failure : "");
      if (failure != NULL)
        g_warning ("Out of service: %s", failure);
      return;
    }

  if (self->state_dir != state_dir)
    {
      g_free (self->state_dir);
      self->state_dir = g_strdup (state_dir);
    }
  if (self->station_path == NULL)
    self->station_path = g_strdup (kiosk_config_get_path (config));
  start_manager (self, config);

  self->remote = kiosk_remote_new (config, self->manager, self->station_path, state_dir,
                                   &error);
  kiosk_startup_trace_mark ("station API open");
  if (error != NULL)
    g_warning ("The station API is closed: %s", error->message);
  if (self->remote != NULL)
    g_signal_connect_object (self->remote, "config-accepted", G_CALLBACK (config_accepted_cb),
                             self, 0);
}

/**
 * kiosk_application_stop_station:
 * @self: a #KioskApplication
 *
 * What stopping the kiosk does: its window goes, the station API closes,
 * and the session is wiped as at any end, with its counts written, so that
 * the next start finds nothing to recover.
 */
void
kiosk_application_stop_station (KioskApplication *self)
{
  GList *windows;

  g_return_if_fail (KIOSK_IS_APPLICATION (self));

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (self))) != NULL)
    gtk_window_destroy (windows->data);

  g_clear_handle_id (&self->config_change_id, g_source_remove);
  g_clear_object (&self->remote);
  stop_manager (self);
}

/**
 * kiosk_application_get_config:
 * @self: a #KioskApplication
 *
 * Returns: (transfer none) (nullable): the station's config, or %NULL when
 *   it could not be loaded (or the station is not started)
 */
KioskConfig *
kiosk_application_get_config (KioskApplication *self)
{
  g_return_val_if_fail (KIOSK_IS_APPLICATION (self), NULL);

  return self->config;
}

/**
 * kiosk_application_get_session_manager:
 * @self: a #KioskApplication
 *
 * Returns: (transfer none) (nullable): the owner of the user sessions, or
 *   %NULL when the station has no config
 */
KioskSessionManager *
kiosk_application_get_session_manager (KioskApplication *self)
{
  g_return_val_if_fail (KIOSK_IS_APPLICATION (self), NULL);

  return self->manager;
}

/**
 * kiosk_application_get_remote:
 * @self: a #KioskApplication
 *
 * Returns: (transfer none) (nullable): the station API, when it is open
 */
KioskRemote *
kiosk_application_get_remote (KioskApplication *self)
{
  g_return_val_if_fail (KIOSK_IS_APPLICATION (self), NULL);

  return self->remote;
}

/**
 * kiosk_application_get_failure:
 * @self: a #KioskApplication
 *
 * Returns: (nullable): why the station could not start, for staff, or
 *   %NULL when it has a config
 */
const char *
kiosk_application_get_failure (KioskApplication *self)
{
  g_return_val_if_fail (KIOSK_IS_APPLICATION (self), NULL);

  return self->failure;
}

static const GActionEntry app_actions[] = {
  { "home", home_action_cb },
  { "end-session", end_session_action_cb },
  { "open-service", open_service_action_cb, "s" },
  { "language", language_action_cb, "s", "'fr'" },
};

static void
load_style (void)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

  gtk_css_provider_load_from_resource (provider, "/org/pimms/Kiosk/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static gboolean
stop_signal_cb (gpointer user_data)
{
  KioskApplication *self = user_data;

  /* Stopped by systemd or a person at a terminal: wipe the session as at
   * any end, so that the next start finds nothing to recover.
   */
  g_message ("Stopping");
  kiosk_application_stop_station (self);

  g_application_quit (G_APPLICATION (self));
  return G_SOURCE_CONTINUE;
}

static void
kiosk_application_startup (GApplication *application)
{
  KioskApplication *self = KIOSK_APPLICATION (application);

  G_APPLICATION_CLASS (kiosk_application_parent_class)->startup (application);
  kiosk_startup_trace_mark ("GTK ready");

  g_unix_signal_add (SIGTERM, stop_signal_cb, self);
  g_unix_signal_add (SIGINT, stop_signal_cb, self);
  g_unix_signal_add (SIGHUP, stop_signal_cb, self);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  g_simple_action_set_state (
    G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "language")),
    g_variant_new_string (kiosk_language_get_current ()));
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.home",
                                         (const char *[]) { "<Alt>Home", NULL });

  load_style ();

  /* The text direction follows the kiosk's own list of languages (Arabic
   * right to left), whatever GTK's catalogues say.
   */
  kiosk_language_set_current (kiosk_language_get_default ());

  /* A file chosen for an upload must not be offered to the next person. */
  g_object_set (gtk_settings_get_default (), "gtk-recent-files-enabled", FALSE, NULL);
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    "/org/pimms/Kiosk/icons");
  kiosk_startup_trace_mark ("style loaded");
}

static char *
default_state_dir (void)
{
  /* systemd's StateDirectory= tells where the station's state belongs. */
  const char *systemd_state = g_getenv ("STATE_DIRECTORY");

  if (systemd_state != NULL && *systemd_state != '\0')
    return g_strdup (systemd_state);

  return g_build_filename (g_get_user_state_dir (), "pimms-kiosk", NULL);
}

/* The first invocation builds the window; later ones (another
 * `pimms-kiosk --open ID` on the same display) only switch service.
 */
static int
handle_first_command_line (KioskApplication *self,
                           GVariantDict     *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskConfig) config = NULL;
  g_autofree char *config_path = NULL;
  g_autofree char *state_dir = NULL;
  const char *open_id = NULL;
  gboolean windowed = FALSE;
  KioskWindow *window;

  g_variant_dict_lookup (options, "config", "^ay", &config_path);
  g_variant_dict_lookup (options, "state-dir", "^ay", &state_dir);
  g_variant_dict_lookup (options, "windowed", "b", &windowed);
  g_variant_dict_lookup (options, "open", "&s", &open_id);

  if (config_path == NULL)
    config_path = kiosk_config_find_default_path ();

  self->state_dir = state_dir != NULL ? g_steal_pointer (&state_dir) : default_state_dir ();
  if (g_mkdir_with_parents (self->state_dir, 0700) != 0)
    g_warning ("Cannot create the state folder %s: %s", self->state_dir, g_strerror (errno));

  /* Staff find why the station is out of service in the journal and in
   * small print on screen; residents only see that it is. Once a desk
   * sent a config, the station runs the last one it accepted, with its
   * own file's station keys.
   */
  self->station_path = g_strdup (config_path);
  config = kiosk_desk_config_load_station (config_path, self->state_dir, &error);
  kiosk_startup_trace_mark ("config read");
  kiosk_application_start_station (self, config, error != NULL ? error->message : NULL,
                                   self->state_dir);
  window = kiosk_window_new (GTK_APPLICATION (self));
  kiosk_startup_trace_mark ("window built");

  if (config != NULL && open_id != NULL)
    {
      KioskService *service = kiosk_config_require_service (config, open_id, &error);

      if (service == NULL)
        kiosk_window_set_out_of_service (window, error->message);
      else
        kiosk_window_open_service (window, service);
    }

  present_kiosk_window (window, !windowed);
  kiosk_startup_trace_mark ("window presented");

  return EXIT_SUCCESS;
}

static int
handle_remote_command_line (KioskApplication        *self,
                            KioskWindow             *window,
                            GApplicationCommandLine *command_line,
                            GVariantDict            *options)
{
  g_autoptr(GError) error = NULL;
  KioskConfig *config = self->config;
  const char *open_id = NULL;
  KioskService *service;

  if (g_variant_dict_contains (options, "config") ||
      g_variant_dict_contains (options, "state-dir"))
    g_application_command_line_printerr (command_line,
                                         "%s\n", _("The kiosk is already running; "
                                                   "--config and --state-dir are ignored."));

  if (!g_variant_dict_lookup (options, "open", "&s", &open_id))
    {
      gtk_window_present (GTK_WINDOW (window));
      return EXIT_SUCCESS;
    }

  if (config == NULL)
    {
      g_application_command_line_printerr (command_line, "%s\n",
                                           _("The kiosk is out of service: "
                                             "its configuration could not be loaded."));
      return EXIT_FAILURE;
    }

  /* A wrong id from a script leaves the running session as it is. */
  service = kiosk_config_require_service (config, open_id, &error);
  if (service == NULL)
    {
      g_application_command_line_printerr (command_line, "%s\n", error->message);
      return EXIT_FAILURE;
    }

  kiosk_window_open_service (window, service);
  return EXIT_SUCCESS;
}

static int
kiosk_application_command_line (GApplication            *application,
                                GApplicationCommandLine *command_line)
{
  KioskApplication *self = KIOSK_APPLICATION (application);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  KioskWindow *window = kiosk_application_get_window (self);

  if (window == NULL)
    return handle_first_command_line (self, options);

  return handle_remote_command_line (self, window, command_line, options);
}

static void
kiosk_application_dispose (GObject *object)
{
  KioskApplication *self = KIOSK_APPLICATION (object);

  kiosk_application_stop_station (self);
  g_clear_object (&self->config);

  G_OBJECT_CLASS (kiosk_application_parent_class)->dispose (object);
}

static void
kiosk_application_finalize (GObject *object)
{
  KioskApplication *self = KIOSK_APPLICATION (object);

  g_free (self->state_dir);
  g_free (self->station_path);
  g_free (self->failure);
  g_clear_handle_id (&self->language_reset_id, g_source_remove);

  G_OBJECT_CLASS (kiosk_application_parent_class)->finalize (object);
}

static void
kiosk_application_class_init (KioskApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);
  GtkApplicationClass *gtk_application_class = GTK_APPLICATION_CLASS (klass);

  object_class->dispose = kiosk_application_dispose;
  object_class->finalize = kiosk_application_finalize;
  application_class->startup = kiosk_application_startup;
  application_class->command_line = kiosk_application_command_line;
  application_class->handle_local_options = kiosk_application_handle_local_options;
  gtk_application_class->window_added = kiosk_application_window_added;
}

static void
kiosk_application_init (KioskApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("The public-service kiosk of Pimms Kiosk."));
}

/**
 * kiosk_application_setup_locale:
 *
 * Sets the locale from the environment. A station whose system has no
 * language set (the "C" locale of a minimal install or of a systemd
 * service) speaks French, the language of the people it serves, rather
 * than the English of the source strings.
 */
void
kiosk_application_setup_locale (void)
{
  const char *messages;

  setlocale (LC_ALL, "");
  messages = setlocale (LC_MESSAGES, NULL);

  if (messages == NULL || strcmp (messages, "C") == 0 || strcmp (messages, "POSIX") == 0 ||
      g_str_has_prefix (messages, "C."))
    {
      /* gettext ignores LANGUAGE under the plain "C" locale, but not
       * under C.UTF-8, which every Debian system has.
       */
      g_setenv ("LANGUAGE", "fr", FALSE);
      setlocale (LC_ALL, "C.UTF-8");
    }

  /* Set now, before any thread exists, so that a resident's choice of
   * language later only replaces its value (see kiosk-language.c).
   */
  g_setenv ("LANGUAGE", kiosk_language_get_default (), FALSE);

  /* GTK would otherwise set the locale again from the environment. */
  gtk_disable_setlocale ();
}

/**
 * kiosk_application_environment_is_safe:
 * @argc: as given to main()
 * @argv: as given to main()
 *
 * In production (without `--windowed`), refuses an environment that would
 * disable WebKit's sandbox or open an inspector, before any window exists:
 * a station must never start in such a state, not even on its
 * out-of-service screen. Says why on standard error.
 *
 * Returns: %TRUE if the kiosk may start
 */
gboolean
kiosk_application_environment_is_safe (int    argc,
                                       char **argv)
{
  const char *variable = kiosk_environment_find_unsafe_variable ();

  if (variable == NULL)
    return TRUE;

  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--windowed") == 0)
        {
          g_warning ("%s is set: allowed only because of --windowed (development)", variable);
          return TRUE;
        }
    }

  g_printerr (_("The kiosk refuses to start: the environment variable %s is set, which would "
                "let users get around its protections. Remove it from the station's session "
                "(for development, use --windowed).\n"), variable);
  return FALSE;
}

KioskApplication *
kiosk_application_new (void)
{
  return g_object_new (KIOSK_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       NULL);
}

/**
 * kiosk_application_get_window:
 * @self: a #KioskApplication
 *
 * Returns: (transfer none) (nullable): the kiosk window, once there is one
 */
KioskWindow *
kiosk_application_get_window (KioskApplication *self)
{
  g_return_val_if_fail (KIOSK_IS_APPLICATION (self), NULL);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      if (KIOSK_IS_WINDOW (l->data))
        return l->data;
    }

  return NULL;
}
