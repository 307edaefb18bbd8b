/* kiosk-station-card.c — one station on the Stations page: its state, and what the desk can do
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-station-card"

#include "config.h"

#include "kiosk-station-card.h"

#include "kiosk-console-dialogs.h"

#include <glib/gi18n.h>

struct _KioskStationCard
{
  GtkWidget                 parent_instance;

  char                     *id;
  guint                     position;
  KioskStationClient       *client;
  GCancellable             *cancellable;
  guint                     refresh_id;
  gboolean                  asking;
  gboolean                  ask_again;
  gboolean                  acting;
  KioskStationClientStatus *status;
  GError                   *error;
  gboolean                  needs_help;
  char                     *mediator_name;  /* who this console says goes */
  char                     *help_taken_by;  /* who goes to the call shown, or NULL */
  char                     *desk_config;    /* the version of the desk's config, or NULL */
  GtkWidget                *dialog;

  GtkLabel                 *id_label;
  GtkLabel                 *site_label;
  GtkImage                 *state_icon;
  GtkLabel                 *state_label;
  GtkLabel                 *detail_label;
  GtkWidget                *take_button;
  GtkWidget                *reset_button;
  GtkWidget                *out_of_service_button;
  GtkWidget                *in_service_button;
};

G_DEFINE_FINAL_TYPE (KioskStationCard, kiosk_station_card, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_NEEDS_HELP,
  PROP_HELP_TAKEN_BY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  PROBLEM,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const state_classes[] = {
  "state-connecting", "state-free", "state-in-use", "state-help", "state-assisted",
  "state-out-of-service", "state-unreachable", "state-error",
};

/* What the card shows: words first, the colour and the icon repeat them
 * for a glance from across the room.
 */
typedef struct
{
  const char *css_class;
  const char *icon;
  char       *state;
  char       *detail;
} View;

static char *
format_minutes (gint64 since)
{
  gint64 minutes = MAX (0, g_get_real_time () / G_USEC_PER_SEC - since) / 60;

  if (minutes == 0)
    /* Translators: a duration, shown as “In use for less than a minute”. */
    return g_strdup (_("less than a minute"));

  /* Translators: a duration in minutes, shown as “In use for 12 min”. */
  return g_strdup_printf (_("%d min"), (int) MIN (minutes, G_MAXINT));
}

static char *
format_clock (gint64 since)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (since);

  return time != NULL ? g_date_time_format (time, "%H:%M") : g_strdup ("");
}

static void
describe_error (KioskStationCard *self,
                View             *view)
{
  view->css_class = "state-error";
  view->icon = "dialog-error-symbolic";

  if (g_error_matches (self->error, KIOSK_STATION_CLIENT_ERROR,
                       KIOSK_STATION_CLIENT_ERROR_UNAUTHORIZED))
    {
      view->icon = "dialog-password-symbolic";
      view->state = g_strdup (_("Token refused"));
      view->detail = g_strdup (_("The console’s token for this station is not the station’s: "
                                 "check TokenFile in the console’s configuration."));
    }
  else if (g_error_matches (self->error, KIOSK_STATION_CLIENT_ERROR,
                            KIOSK_STATION_CLIENT_ERROR_THROTTLED))
    {
      view->icon = "alarm-symbolic";
      view->state = g_strdup (_("Too many attempts"));
      view->detail = g_strdup_printf (_("After too many wrong tokens the station waits %u s "
                                        "before it answers again."),
                                      kiosk_station_client_get_retry_after (self->client));
    }
  else if (g_error_matches (self->error, KIOSK_STATION_CLIENT_ERROR,
                            KIOSK_STATION_CLIENT_ERROR_CERTIFICATE))
    {
      view->icon = "security-low-symbolic";
      view->state = g_strdup (_("Unexpected certificate"));
      view->detail = g_strdup (_("The station did not show the certificate the console "
                                 "expects: nothing was sent to it."));
    }
  else if (g_error_matches (self->error, KIOSK_STATION_CLIENT_ERROR,
                            KIOSK_STATION_CLIENT_ERROR_UNREACHABLE))
    {
      view->css_class = "state-unreachable";
      view->icon = "network-offline-symbolic";
      view->state = g_strdup (_("Unreachable"));
      view->detail = g_strdup (_("No answer: the station may be switched off or "
                                 "disconnected from the network."));
    }
  else
    {
      view->state = g_strdup (_("Unreadable answer"));
      view->detail = g_strdup (_("The station answered something the console cannot read; "
                                 "its version may be too old or too new."));
    }
}

static void
describe (KioskStationCard *self,
          View             *view)
{
  const KioskStationClientStatus *status = self->status;

  if (self->error != NULL)
    {
      describe_error (self, view);
      return;
    }

  if (status == NULL)
    {
      view->css_class = "state-connecting";
      view->icon = "content-loading-symbolic";
      view->state = g_strdup (_("Connecting…"));
      return;
    }

  if (status->help_requested && status->state != KIOSK_STATION_CLIENT_OUT_OF_SERVICE)
    {
      g_autofree char *waiting = status->help_since > 0 ? format_minutes (status->help_since)
                                                        : NULL;

      view->css_class = "state-help";
      view->icon = "dialog-warning-symbolic";
      view->state = g_strdup (_("Asking for help"));
      /* How long the person has waited, not how long they have used the
       * station: the longest wait is the first to answer. Once someone
       * said they go, every console says who.
       */
      if (status->help_taken_by != NULL)
        view->detail = waiting != NULL
                       /* Translators: “Sonia is on the way; the resident has waited for 3 min.” */
                       ? g_strdup_printf (_("%s is on the way; the resident has waited for %s."),
                                          status->help_taken_by, waiting)
                       : g_strdup_printf (_("%s is on the way."), status->help_taken_by);
      else
        view->detail = waiting != NULL
                     ? g_strdup_printf (_("The resident pressed “Call a mediator”; waiting "
                                          "for %s."), waiting)
                     : g_strdup (_("The resident pressed “Call a mediator”."));
      return;
    }

  switch (status->state)
    {
    case KIOSK_STATION_CLIENT_FREE:
      view->css_class = "state-free";
      view->icon = "emblem-ok-symbolic";
      view->state = g_strdup (_("Free"));
      break;
    case KIOSK_STATION_CLIENT_IN_USE:
      view->css_class = "state-in-use";
      view->icon = "avatar-default-symbolic";
      if (status->since > 0)
        {
          g_autofree char *minutes = format_minutes (status->since);

          /* Translators: %s is a duration like “12 min”. */
          view->state = g_strdup_printf (_("In use for %s"), minutes);
        }
      else
        {
          view->state = g_strdup (_("In use"));
        }
      break;
    case KIOSK_STATION_CLIENT_ASSISTED:
      view->css_class = "state-assisted";
      view->icon = "system-users-symbolic";
      if (status->assisted_since > 0)
        {
          g_autofree char *minutes = format_minutes (status->assisted_since);

          /* Translators: %s is a duration like “12 min”. */
          view->state = g_strdup_printf (_("With a mediator for %s"), minutes);
        }
      else
        {
          view->state = g_strdup (_("With a mediator"));
        }
      break;
    case KIOSK_STATION_CLIENT_OUT_OF_SERVICE:
      view->css_class = "state-out-of-service";
      view->icon = "action-unavailable-symbolic";
      view->state = g_strdup (_("Out of service"));
      if (status->since > 0)
        {
          g_autofree char *clock = format_clock (status->since);

          view->detail = g_strdup_printf (_("Since %s."), clock);
        }
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
add_note (View       *view,
          const char *note)
{
  char *detail = view->detail != NULL ? g_strconcat (view->detail, "\n", note, NULL)
                                      : g_strdup (note);

  g_free (view->detail);
  view->detail = detail;
}

static void
update_view (KioskStationCard *self)
{
  View view = { NULL };
  gboolean reachable = self->status != NULL && self->error == NULL;
  gboolean out_of_service = reachable &&
                            self->status->state == KIOSK_STATION_CLIENT_OUT_OF_SERVICE;
  gboolean needs_help;
  const char *taken_by;

  describe (self, &view);

  /* Whatever the station is doing, its counts wait in memory. */
  if (reachable && self->status->counting_paused)
    add_note (&view, _("Usage counting is paused on this station: its staff panel says why."));

  /* A station behind the desk's config, at a glance. */
  if (reachable && self->status->config_pending != NULL)
    {
      add_note (&view, _("The new configuration runs once the current session ends."));
    }
  else if (reachable && self->desk_config != NULL && self->status->config != NULL &&
           strcmp (self->status->config, self->desk_config) != 0)
    {
      g_autofree char *note = g_strdup_printf (_("Its configuration is not the desk’s "
                                                 "(version %s)."), self->status->config);

      add_note (&view, note);
    }

  for (guint i = 0; i < G_N_ELEMENTS (state_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self), state_classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self), view.css_class);

  gtk_image_set_from_icon_name (self->state_icon, view.icon);
  gtk_label_set_label (self->state_label, view.state);
  gtk_label_set_label (self->detail_label, view.detail != NULL ? view.detail : "");
  gtk_widget_set_visible (GTK_WIDGET (self->detail_label), view.detail != NULL);
  if (reachable && *self->status->site != '\0')
    gtk_label_set_label (self->site_label, self->status->site);

  /* "I'm going" until someone goes; the card then says who. */
  gtk_widget_set_visible (self->take_button,
                          g_strcmp0 (view.css_class, "state-help") == 0 &&
                          self->status->help_taken_by == NULL);
  gtk_widget_set_sensitive (self->take_button, !self->acting);
  gtk_widget_set_sensitive (self->reset_button, reachable && !out_of_service && !self->acting);
  gtk_widget_set_sensitive (self->out_of_service_button, reachable && !self->acting);
  gtk_widget_set_sensitive (self->in_service_button, reachable && !self->acting);
  gtk_widget_set_visible (self->out_of_service_button, !out_of_service);
  gtk_widget_set_visible (self->in_service_button, out_of_service);

  /* A screen reader says the station and its state together. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_label_get_label (self->id_label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, view.state, -1);

  needs_help = g_strcmp0 (view.css_class, "state-help") == 0;
  if (needs_help != self->needs_help)
    {
      self->needs_help = needs_help;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEEDS_HELP]);
    }

  taken_by = needs_help ? self->status->help_taken_by : NULL;
  if (g_strcmp0 (taken_by, self->help_taken_by) != 0)
    {
      g_free (self->help_taken_by);
      self->help_taken_by = g_strdup (taken_by);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HELP_TAKEN_BY]);
    }

  g_free (view.state);
  g_free (view.detail);
}

static void
take_answer (KioskStationCard         *self,
             KioskStationClientStatus *status,
             GError                   *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_error_free (error);
      return;
    }

  g_clear_pointer (&self->status, kiosk_station_client_status_free);
  g_clear_error (&self->error);
  self->status = status;
  self->error = error;
  update_view (self);
}

static void
status_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(KioskStationCard) self = user_data;
  GError *error = NULL;
  KioskStationClientStatus *status;

  status = kiosk_station_client_status_finish (KIOSK_STATION_CLIENT (source), result, &error);
  self->asking = FALSE;
  take_answer (self, status, error);

  if (self->ask_again && self->cancellable != NULL)
    {
      self->ask_again = FALSE;
      kiosk_station_card_refresh (self);
    }
}

/**
 * kiosk_station_card_refresh:
 * @self: a #KioskStationCard
 *
 * Asks the station for its state now. A station that does not answer
 * only delays its own card: everything is asynchronous.
 */
void
kiosk_station_card_refresh (KioskStationCard *self)
{
  g_return_if_fail (KIOSK_IS_STATION_CARD (self));

  if (self->asking)
    {
      self->ask_again = TRUE;
      return;
    }

  self->asking = TRUE;
  kiosk_station_client_get_status_async (self->client, self->cancellable, status_cb,
                                         g_object_ref (self));
}

static gboolean
refresh_cb (gpointer user_data)
{
  kiosk_station_card_refresh (user_data);
  return G_SOURCE_CONTINUE;
}

/**
 * kiosk_station_card_start_refreshing:
 * @self: a #KioskStationCard
 * @seconds: how often to ask the station (RefreshSeconds)
 */
void
kiosk_station_card_start_refreshing (KioskStationCard *self,
                                     guint             seconds)
{
  g_return_if_fail (KIOSK_IS_STATION_CARD (self));
  g_return_if_fail (seconds > 0);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  self->refresh_id = g_timeout_add_seconds (seconds, refresh_cb, self);
  kiosk_station_card_refresh (self);
}

/* Actions */

typedef enum
{
  ACTION_RESET,
  ACTION_TAKE_HELP,
  ACTION_OUT_OF_SERVICE,
  ACTION_IN_SERVICE,
} ActionKind;

static void
report_problem (KioskStationCard *self,
                ActionKind        kind,
                const GError     *error)
{
  g_autofree char *message = NULL;
  const char *reason;

  if (kind == ACTION_TAKE_HELP &&
      g_error_matches (error, KIOSK_STATION_CLIENT_ERROR, KIOSK_STATION_CLIENT_ERROR_REFUSED))
    reason = _("someone else is going, or the call was answered");
  else if (g_error_matches (error, KIOSK_STATION_CLIENT_ERROR, KIOSK_STATION_CLIENT_ERROR_REFUSED))
    reason = _("the station cannot do it now");
  else if (g_error_matches (error, KIOSK_STATION_CLIENT_ERROR,
                            KIOSK_STATION_CLIENT_ERROR_UNREACHABLE))
    reason = _("the station does not answer");
  else if (g_error_matches (error, KIOSK_STATION_CLIENT_ERROR,
                            KIOSK_STATION_CLIENT_ERROR_UNAUTHORIZED))
    reason = _("the station refused the console’s token");
  else if (g_error_matches (error, KIOSK_STATION_CLIENT_ERROR,
                            KIOSK_STATION_CLIENT_ERROR_THROTTLED))
    reason = _("the station refuses the console for a while after too many wrong tokens");
  else
    reason = _("the station’s answer cannot be read");

  switch (kind)
    {
    case ACTION_RESET:
      /* Translators: the second %s is a reason, like “the station does not answer”. */
      message = g_strdup_printf (_("Station %s could not be reset: %s."), self->id, reason);
      break;
    case ACTION_TAKE_HELP:
      message = g_strdup_printf (_("Station %s was not told you are going: %s."), self->id,
                                 reason);
      break;
    case ACTION_OUT_OF_SERVICE:
      message = g_strdup_printf (_("Station %s could not be taken out of service: %s."),
                                 self->id, reason);
      break;
    case ACTION_IN_SERVICE:
      message = g_strdup_printf (_("Station %s could not be put back in service: %s."),
                                 self->id, reason);
      break;
    default:
      g_assert_not_reached ();
    }
  g_message ("%s: %s", self->id, error->message);
  g_signal_emit (self, signals[PROBLEM], 0, message);
}

typedef struct
{
  KioskStationCard *self;
  ActionKind        kind;
} Action;

static void
action_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Action *action = user_data;
  g_autoptr(KioskStationCard) self = action->self;
  ActionKind kind = action->kind;
  GError *error = NULL;
  KioskStationClientStatus *status;

  g_free (action);
  status = kiosk_station_client_status_finish (KIOSK_STATION_CLIENT (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_error_free (error);
      return;
    }

  self->acting = FALSE;
  if (status != NULL)
    {
      take_answer (self, status, NULL);
    }
  else
    {
      report_problem (self, kind, error);
      g_error_free (error);
    }

  /* The answer is the station's state right after the action; asking
   * again shows what followed, like the end of a wiped session.
   */
  update_view (self);
  kiosk_station_card_refresh (self);
}

static Action *
start_action (KioskStationCard *self,
              ActionKind        kind)
{
  Action *action = g_new0 (Action, 1);

  action->self = g_object_ref (self);
  action->kind = kind;
  self->acting = TRUE;
  update_view (self);
  return action;
}

static void
close_dialog (KioskStationCard *self)
{
  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  g_clear_weak_pointer (&self->dialog);
}

/* Asking first is what the dialog proposes: someone may still be sitting
 * there. Ending at once is for a station left alone.
 */
static void
reset_response_cb (GtkDialog        *dialog,
                   int               response,
                   KioskStationCard *self)
{
  close_dialog (self);

  if (response == KIOSK_CONSOLE_RESPONSE_ASK_FIRST)
    kiosk_station_client_ask_reset_async (self->client, self->cancellable, action_cb,
                                          start_action (self, ACTION_RESET));
  else if (response == GTK_RESPONSE_ACCEPT)
    kiosk_station_client_reset_async (self->client, self->cancellable, action_cb,
                                      start_action (self, ACTION_RESET));
}

static void
take_clicked_cb (KioskStationCard *self)
{
  kiosk_station_card_take_help (self);
}

static void
show_dialog (KioskStationCard *self,
             GtkWidget        *dialog,
             GCallback         response_cb)
{
  close_dialog (self);
  g_set_weak_pointer (&self->dialog, dialog);
  g_signal_connect_object (dialog, "response", response_cb, self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
reset_clicked_cb (KioskStationCard *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  gboolean someone_there = self->status != NULL && self->error == NULL &&
                           self->status->state != KIOSK_STATION_CLIENT_FREE;

  show_dialog (self, kiosk_console_reset_dialog_new (GTK_WINDOW (root), self->id, someone_there),
               G_CALLBACK (reset_response_cb));
}

static void
out_of_service_response_cb (GtkDialog        *dialog,
                            int               response,
                            KioskStationCard *self)
{
  g_autofree char *message = NULL;

  message = g_strdup (gtk_editable_get_text (
    GTK_EDITABLE (kiosk_console_out_of_service_dialog_get_entry (GTK_WIDGET (dialog)))));
  close_dialog (self);

  if (response != GTK_RESPONSE_ACCEPT)
    return;

  kiosk_station_client_set_out_of_service_async (self->client, g_strstrip (message),
                                                 self->cancellable, action_cb,
                                                 start_action (self, ACTION_OUT_OF_SERVICE));
}

static void
out_of_service_clicked_cb (KioskStationCard *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  show_dialog (self, kiosk_console_out_of_service_dialog_new (GTK_WINDOW (root), self->id),
               G_CALLBACK (out_of_service_response_cb));
}

/* Nothing to lose: putting a station back in service asks nothing. */
static void
in_service_clicked_cb (KioskStationCard *self)
{
  kiosk_station_client_set_in_service_async (self->client, self->cancellable, action_cb,
                                             start_action (self, ACTION_IN_SERVICE));
}

/* Object */

static void
kiosk_station_card_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  KioskStationCard *self = KIOSK_STATION_CARD (object);

  switch (prop_id)
    {
    case PROP_NEEDS_HELP:
      g_value_set_boolean (value, self->needs_help);
      break;
    case PROP_HELP_TAKEN_BY:
      g_value_set_string (value, self->help_taken_by);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_station_card_dispose (GObject *object)
{
  KioskStationCard *self = KIOSK_STATION_CARD (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  close_dialog (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), KIOSK_TYPE_STATION_CARD);
  /* The template's boxes hold the bound widgets and are not bound
   * themselves: each top-level child goes with its descendants.
   */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (kiosk_station_card_parent_class)->dispose (object);
}

static void
kiosk_station_card_finalize (GObject *object)
{
  KioskStationCard *self = KIOSK_STATION_CARD (object);

  g_free (self->id);
  g_free (self->mediator_name);
  g_free (self->desk_config);
  g_free (self->help_taken_by);
  g_clear_object (&self->client);
  g_clear_pointer (&self->status, kiosk_station_client_status_free);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (kiosk_station_card_parent_class)->finalize (object);
}

static void
kiosk_station_card_class_init (KioskStationCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = kiosk_station_card_get_property;
  object_class->dispose = kiosk_station_card_dispose;
  object_class->finalize = kiosk_station_card_finalize;

  /**
   * KioskStationCard:needs-help:
   *
   * The resident at this station asked for a médiateur.
   */
  properties[PROP_NEEDS_HELP] =
    g_param_spec_boolean ("needs-help", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * KioskStationCard:help-taken-by:
   *
   * The médiateur who said they go to this station's call, or %NULL.
   */
  properties[PROP_HELP_TAKEN_BY] =
    g_param_spec_string ("help-taken-by", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KioskStationCard::problem:
   * @self: the card
   * @message: what went wrong, in words for the médiateur
   *
   * An action on the station failed.
   */
  signals[PROBLEM] =
    g_signal_new ("problem", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/pimms/Kiosk/Console/kiosk-station-card.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskStationCard, id_label);
  gtk_widget_class_bind_template_child (widget_class, KioskStationCard, site_label);
  gtk_widget_class_bind_template_child (widget_class, KioskStationCard, state_icon);
  gtk_widget_class_bind_template_child (widget_class, KioskStationCard, state_label);
  gtk_widget_class_bind_template_child (widget_class, KioskStationCard, detail_label);
  gtk_widget_class_bind_template_child (widget_class, KioskStationCard, take_button);
  gtk_widget_class_bind_template_child (widget_class, KioskStationCard, reset_button);
  gtk_widget_class_bind_template_child (widget_class, KioskStationCard, out_of_service_button);
  gtk_widget_class_bind_template_child (widget_class, KioskStationCard, in_service_button);
  gtk_widget_class_bind_template_callback (widget_class, take_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, reset_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, out_of_service_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, in_service_clicked_cb);
  gtk_widget_class_set_css_name (widget_class, "station-card");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
kiosk_station_card_init (KioskStationCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

/**
 * kiosk_station_card_new:
 * @id: the station's id in the console's config
 * @position: where the station comes in the config, for the order of cards
 * @client: the station's client
 *
 * Returns: (transfer floating): a card that asks nothing until refreshed
 */
KioskStationCard *
kiosk_station_card_new (const char         *id,
                        guint               position,
                        KioskStationClient *client)
{
  KioskStationCard *self;
  g_autofree char *take = NULL;
  g_autofree char *reset = NULL;
  g_autofree char *out_of_service = NULL;
  g_autofree char *in_service = NULL;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (KIOSK_IS_STATION_CLIENT (client), NULL);

  self = g_object_new (KIOSK_TYPE_STATION_CARD, NULL);
  self->id = g_strdup (id);
  self->position = position;
  self->client = g_object_ref (client);
  gtk_label_set_label (self->id_label, id);

  /* Every card has the same buttons: each says which station it acts on. */
  take = g_strdup_printf (_("Go to station %s, which asks for help"), id);
  reset = g_strdup_printf (_("Reset station %s"), id);
  out_of_service = g_strdup_printf (_("Take station %s out of service"), id);
  in_service = g_strdup_printf (_("Put station %s back in service"), id);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->take_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, take, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->reset_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, reset, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->out_of_service_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, out_of_service, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->in_service_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, in_service, -1);

  update_view (self);
  return self;
}

/**
 * kiosk_station_card_take_help:
 * @self: a #KioskStationCard
 *
 * "I'm going": tells the station asking for help, and through it the
 * resident and the other consoles, that this console's mediator goes.
 * Nothing when the call was taken or answered meanwhile.
 */
void
kiosk_station_card_take_help (KioskStationCard *self)
{
  const char *name;

  g_return_if_fail (KIOSK_IS_STATION_CARD (self));

  if (!self->needs_help || self->help_taken_by != NULL || self->acting)
    return;

  name = self->mediator_name != NULL ? self->mediator_name : g_get_user_name ();
  kiosk_station_client_take_help_async (self->client, name, self->cancellable, action_cb,
                                        start_action (self, ACTION_TAKE_HELP));
}

/**
 * kiosk_station_card_set_mediator_name:
 * @self: a #KioskStationCard
 * @name: who this console says goes when it takes a call
 */
void
kiosk_station_card_set_mediator_name (KioskStationCard *self,
                                      const char       *name)
{
  g_return_if_fail (KIOSK_IS_STATION_CARD (self));

  g_free (self->mediator_name);
  self->mediator_name = g_strdup (name);
}

/**
 * kiosk_station_card_get_help_taken_by:
 * @self: a #KioskStationCard
 *
 * Returns: (nullable): the mediator who said they go to the station's
 *   call, as the station said, or %NULL
 */
const char *
kiosk_station_card_get_help_taken_by (KioskStationCard *self)
{
  g_return_val_if_fail (KIOSK_IS_STATION_CARD (self), NULL);

  return self->help_taken_by;
}

/**
 * kiosk_station_card_get_take_button:
 * @self: a #KioskStationCard
 *
 * Returns: (transfer none): the card's “I'm going” button
 */
GtkWidget *
kiosk_station_card_get_take_button (KioskStationCard *self)
{
  g_return_val_if_fail (KIOSK_IS_STATION_CARD (self), NULL);

  return self->take_button;
}

const char *
kiosk_station_card_get_id (KioskStationCard *self)
{
  g_return_val_if_fail (KIOSK_IS_STATION_CARD (self), NULL);

  return self->id;
}

/**
 * kiosk_station_card_get_help_since:
 * @self: a #KioskStationCard
 *
 * Returns: since when (Unix time) the station asks for help, as it said,
 *   or 0 when it does not, or does not say
 */
gint64
kiosk_station_card_get_help_since (KioskStationCard *self)
{
  g_return_val_if_fail (KIOSK_IS_STATION_CARD (self), 0);

  return self->needs_help && self->status != NULL ? self->status->help_since : 0;
}

guint
kiosk_station_card_get_position (KioskStationCard *self)
{
  g_return_val_if_fail (KIOSK_IS_STATION_CARD (self), 0);

  return self->position;
}

gboolean
kiosk_station_card_get_needs_help (KioskStationCard *self)
{
  g_return_val_if_fail (KIOSK_IS_STATION_CARD (self), FALSE);

  return self->needs_help;
}

/**
 * kiosk_station_card_get_state_text:
 * @self: a #KioskStationCard
 *
 * Returns: the state as the card says it, like “Free” or “Unreachable”
 */
const char *
kiosk_station_card_get_state_text (KioskStationCard *self)
{
  g_return_val_if_fail (KIOSK_IS_STATION_CARD (self), NULL);

  return gtk_label_get_label (self->state_label);
}

const char *
kiosk_station_card_get_detail_text (KioskStationCard *self)
{
  g_return_val_if_fail (KIOSK_IS_STATION_CARD (self), NULL);

  return gtk_label_get_label (self->detail_label);
}

GtkWidget *
kiosk_station_card_get_reset_button (KioskStationCard *self)
{
  g_return_val_if_fail (KIOSK_IS_STATION_CARD (self), NULL);

  return self->reset_button;
}

GtkWidget *
kiosk_station_card_get_out_of_service_button (KioskStationCard *self)
{
  g_return_val_if_fail (KIOSK_IS_STATION_CARD (self), NULL);

  return self->out_of_service_button;
}

GtkWidget *
kiosk_station_card_get_in_service_button (KioskStationCard *self)
{
  g_return_val_if_fail (KIOSK_IS_STATION_CARD (self), NULL);

  return self->in_service_button;
}

/**
 * kiosk_station_card_get_dialog:
 * @self: a #KioskStationCard
 *
 * Returns: (transfer none) (nullable): the question the card is asking,
 *   before a reset or taking the station out of service
 */
GtkWindow *
kiosk_station_card_get_dialog (KioskStationCard *self)
{
  g_return_val_if_fail (KIOSK_IS_STATION_CARD (self), NULL);

  return self->dialog != NULL ? GTK_WINDOW (self->dialog) : NULL;
}

/**
 * kiosk_station_card_set_desk_config:
 * @self: a #KioskStationCard
 * @version: (nullable): the version of the config the desk sends to the
 *   stations (kiosk_config_version_of()), or %NULL when it has none
 *
 * The card says when its station runs another version.
 */
void
kiosk_station_card_set_desk_config (KioskStationCard *self,
                                    const char       *version)
{
  g_return_if_fail (KIOSK_IS_STATION_CARD (self));

  g_free (self->desk_config);
  self->desk_config = g_strdup (version);
  update_view (self);
}

/**
 * kiosk_station_card_get_config:
 * @self: a #KioskStationCard
 *
 * Returns: (nullable): the version of the config the station runs, as it
 *   last said, or %NULL
 */
const char *
kiosk_station_card_get_config (KioskStationCard *self)
{
  g_return_val_if_fail (KIOSK_IS_STATION_CARD (self), NULL);

  return self->status != NULL ? self->status->config : NULL;
}

/**
 * kiosk_station_card_get_client:
 * @self: a #KioskStationCard
 *
 * Returns: (transfer none): how the console talks to the card's station
 */
KioskStationClient *
kiosk_station_card_get_client (KioskStationCard *self)
{
  g_return_val_if_fail (KIOSK_IS_STATION_CARD (self), NULL);

  return self->client;
}
