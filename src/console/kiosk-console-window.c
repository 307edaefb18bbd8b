/* kiosk-console-window.c — the desk console: every station, and their usage
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-console-window"

#include "config.h"

#include "kiosk-console-window.h"

#include "kiosk-chime.h"
#include "kiosk-config.h"
#include "kiosk-send-config-dialog.h"
#include "kiosk-usage-gatherer.h"

#include <glib/gi18n.h>

struct _KioskConsoleWindow
{
  GtkApplicationWindow  parent_instance;

  GPtrArray            *cards;
  KioskUsageGatherer   *gatherer;
  KioskChime           *chime;
  GHashTable           *calls_told;   /* ids of the notifications shown */
  char                 *catalogue;    /* the config the desk sends the stations, or NULL */
  GtkWidget            *send_dialog;  /* a weak pointer, while it is open */

  GtkRevealer          *help_revealer;
  GtkLabel             *help_label;
  GtkRevealer          *problem_revealer;
  GtkLabel             *problem_label;
  GtkStack             *stack;
  GtkFlowBox           *flow_box;
  KioskUsageView       *usage_view;
};

G_DEFINE_FINAL_TYPE (KioskConsoleWindow, kiosk_console_window, GTK_TYPE_APPLICATION_WINDOW)

/* A station whose resident asked for help comes first, whatever its
 * place in the config: the médiateur must not have to look for it.
 */
static int
sort_cards_cb (GtkFlowBoxChild *first,
               GtkFlowBoxChild *second,
               gpointer         user_data)
{
  KioskStationCard *a = KIOSK_STATION_CARD (gtk_flow_box_child_get_child (first));
  KioskStationCard *b = KIOSK_STATION_CARD (gtk_flow_box_child_get_child (second));
  gboolean a_help = kiosk_station_card_get_needs_help (a);
  gboolean b_help = kiosk_station_card_get_needs_help (b);

  if (a_help != b_help)
    return a_help ? -1 : 1;

  /* Among the calls, the one who has waited longest comes first. */
  if (a_help)
    {
      gint64 a_since = kiosk_station_card_get_help_since (a);
      gint64 b_since = kiosk_station_card_get_help_since (b);

      if (a_since != b_since && a_since > 0 && b_since > 0)
        return a_since < b_since ? -1 : 1;
    }

  return (int) kiosk_station_card_get_position (a) - (int) kiosk_station_card_get_position (b);
}

static void
update_help (KioskConsoleWindow *self)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autofree char *list = NULL;
  g_autofree char *text = NULL;

  /* In the order of the cards: who has waited longest first. */
  for (guint i = 0; i < self->cards->len; i++)
    {
      KioskStationCard *card = kiosk_console_window_get_card_at (self, i);

      if (kiosk_station_card_get_needs_help (card))
        g_ptr_array_add (ids, (gpointer) kiosk_station_card_get_id (card));
    }

  gtk_revealer_set_reveal_child (self->help_revealer, ids->len > 0);
  if (ids->len == 0)
    return;

  g_ptr_array_add (ids, NULL);
  list = g_strjoinv (", ", (char **) ids->pdata);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Station %s is asking for help",
                                       "Stations %s are asking for help", ids->len - 1),
                          list);
  gtk_label_set_label (self->help_label, text);
}

/* A call nobody has taken rings once and stays on the desktop, over any
 * other window, until a mediator says they go or the call is answered.
 * GNotification takes it to the desktop's notifications (GNOME Shell's,
 * or any org.freedesktop.Notifications server).
 */
static void
update_call (KioskConsoleWindow *self,
             KioskStationCard   *card)
{
  GApplication *application = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  const char *station = kiosk_station_card_get_id (card);
  g_autofree char *id = g_strconcat ("help-", station, NULL);
  g_autofree char *title = NULL;
  g_autoptr(GNotification) notification = NULL;
  gboolean waiting = kiosk_station_card_get_needs_help (card) &&
                     kiosk_station_card_get_help_taken_by (card) == NULL;

  if (waiting == g_hash_table_contains (self->calls_told, id))
    return;

  if (!waiting)
    {
      g_hash_table_remove (self->calls_told, id);
      if (application != NULL)
        g_application_withdraw_notification (application, id);
      return;
    }

  g_hash_table_add (self->calls_told, g_strdup (id));
  kiosk_chime_play (self->chime, KIOSK_CHIME_CALL);
  if (application == NULL || !g_application_get_is_registered (application))
    return;

  title = g_strdup_printf (_("Station %s asks for help"), station);
  notification = g_notification_new (title);
  g_notification_set_body (notification, _("A resident pressed “Call a mediator”."));
  g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_URGENT);
  g_notification_add_button_with_target (notification, _("I’m going"), "app.take-help", "s",
                                         station);
  g_application_send_notification (application, id, notification);
}

static void
needs_help_cb (KioskStationCard   *card,
               GParamSpec         *pspec,
               KioskConsoleWindow *self)
{
  gtk_flow_box_invalidate_sort (self->flow_box);
  update_help (self);
  update_call (self, card);
}

/* The notification's "I'm going", as the card's. */
static void
take_help_activated_cb (GSimpleAction      *action,
                        GVariant           *parameter,
                        KioskConsoleWindow *self)
{
  KioskStationCard *card = kiosk_console_window_get_card (self,
                                                          g_variant_get_string (parameter, NULL));

  if (card != NULL)
    {
      gtk_window_present (GTK_WINDOW (self));
      kiosk_station_card_take_help (card);
    }
}

static void
problem_cb (KioskStationCard   *card,
            const char         *message,
            KioskConsoleWindow *self)
{
  gtk_label_set_label (self->problem_label, message);
  gtk_revealer_set_reveal_child (self->problem_revealer, TRUE);
}

static void
close_problem_cb (KioskConsoleWindow *self)
{
  gtk_revealer_set_reveal_child (self->problem_revealer, FALSE);
}

static void
refresh_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  kiosk_console_window_refresh (KIOSK_CONSOLE_WINDOW (widget));
}

/* The cards say which stations run another version than the desk's. */
static void
tell_cards_the_desk_config (KioskConsoleWindow *self)
{
  g_autofree char *version = kiosk_send_config_dialog_read_version (self->catalogue);

  for (guint i = 0; i < self->cards->len; i++)
    kiosk_station_card_set_desk_config (g_ptr_array_index (self->cards, i), version);
}

static void
send_dialog_destroyed_cb (KioskConsoleWindow *self)
{
  tell_cards_the_desk_config (self);
}

static void
send_config_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  KioskConsoleWindow *self = KIOSK_CONSOLE_WINDOW (widget);
  GtkWidget *dialog;

  if (self->send_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->send_dialog));
      return;
    }

  /* Read again: the catalogue may have been edited since the console started. */
  tell_cards_the_desk_config (self);
  dialog = kiosk_send_config_dialog_new (GTK_WINDOW (self), self->catalogue, self->cards);
  g_set_weak_pointer (&self->send_dialog, dialog);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (send_dialog_destroyed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_stations_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  kiosk_console_window_show_page (KIOSK_CONSOLE_WINDOW (widget), "stations");
}

static void
kiosk_console_window_dispose (GObject *object)
{
  KioskConsoleWindow *self = KIOSK_CONSOLE_WINDOW (object);

  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

  /* Nobody is left to answer the calls this window told of. */
  if (self->calls_told != NULL && application != NULL)
    {
      GHashTableIter iter;
      const char *id;

      g_hash_table_iter_init (&iter, self->calls_told);
      while (g_hash_table_iter_next (&iter, (gpointer *) &id, NULL))
        g_application_withdraw_notification (G_APPLICATION (application), id);
    }
  g_clear_pointer (&self->calls_told, g_hash_table_unref);
  g_clear_pointer (&self->catalogue, g_free);
  if (self->send_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->send_dialog));
  g_clear_weak_pointer (&self->send_dialog);
  g_clear_pointer (&self->cards, g_ptr_array_unref);
  g_clear_object (&self->gatherer);
  g_clear_object (&self->chime);
  gtk_widget_dispose_template (GTK_WIDGET (self), KIOSK_TYPE_CONSOLE_WINDOW);

  G_OBJECT_CLASS (kiosk_console_window_parent_class)->dispose (object);
}

static void
kiosk_console_window_class_init (KioskConsoleWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_console_window_dispose;

  g_type_ensure (KIOSK_TYPE_USAGE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/pimms/Kiosk/Console/kiosk-console-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskConsoleWindow, help_revealer);
  gtk_widget_class_bind_template_child (widget_class, KioskConsoleWindow, help_label);
  gtk_widget_class_bind_template_child (widget_class, KioskConsoleWindow, problem_revealer);
  gtk_widget_class_bind_template_child (widget_class, KioskConsoleWindow, problem_label);
  gtk_widget_class_bind_template_child (widget_class, KioskConsoleWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, KioskConsoleWindow, flow_box);
  gtk_widget_class_bind_template_child (widget_class, KioskConsoleWindow, usage_view);
  gtk_widget_class_bind_template_callback (widget_class, close_problem_cb);

  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action_cb);
  gtk_widget_class_install_action (widget_class, "win.send-config", NULL, send_config_action_cb);
  gtk_widget_class_install_action (widget_class, "win.show-stations", NULL,
                                   show_stations_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.refresh", NULL);
}

static void
kiosk_console_window_init (KioskConsoleWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cards = g_ptr_array_new ();
  gtk_flow_box_set_sort_func (self->flow_box, sort_cards_cb, NULL, NULL);
}

/* The service names of a station's catalogue label the usage charts;
 * without one, the charts show the service ids.
 */
static GHashTable *
load_service_names (KioskConsoleConfig *config)
{
  g_autofree char *default_path = kiosk_config_find_default_path ();
  const char *path = kiosk_console_config_get_catalogue (config);
  g_autoptr(KioskConfig) catalogue = NULL;
  g_autoptr(GError) error = NULL;

  catalogue = kiosk_config_load (path != NULL ? path : default_path, &error);
  if (catalogue == NULL)
    {
      g_message ("Usage charts show service ids: %s", error->message);
      return NULL;
    }

  return kiosk_config_dup_service_names (catalogue);
}

/**
 * kiosk_console_window_new:
 * @application: the console
 * @config: its stations
 * @store_path: the console's own usage database, where the counts of
 *   every station are gathered
 *
 * Returns: (transfer none): a window that starts asking every station
 *   for its state at once
 */
KioskConsoleWindow *
kiosk_console_window_new (GtkApplication     *application,
                          KioskConsoleConfig *config,
                          const char         *store_path)
{
  KioskConsoleWindow *self;
  GPtrArray *stations;
  g_autoptr(GHashTable) names = NULL;
  g_autoptr(GSimpleAction) take_help = NULL;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (KIOSK_IS_CONSOLE_CONFIG (config), NULL);
  g_return_val_if_fail (store_path != NULL, NULL);

  self = g_object_new (KIOSK_TYPE_CONSOLE_WINDOW, "application", application, NULL);
  self->gatherer = kiosk_usage_gatherer_new (store_path);
  self->chime = kiosk_chime_new ();
  self->calls_told = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  take_help = g_simple_action_new ("take-help", G_VARIANT_TYPE_STRING);
  g_signal_connect_object (take_help, "activate", G_CALLBACK (take_help_activated_cb), self, 0);
  g_action_map_add_action (G_ACTION_MAP (application), G_ACTION (take_help));

  stations = kiosk_console_config_get_stations (config);
  for (guint i = 0; i < stations->len; i++)
    {
      KioskConsoleStation *station = g_ptr_array_index (stations, i);
      g_autoptr(KioskStationClient) client = NULL;
      g_autoptr(GError) error = NULL;
      KioskStationCard *card;

      client = kiosk_station_client_new (station->url, station->token, station->certificate_pem,
                                         &error);
      if (client == NULL)
        {
          g_warning ("Station %s left out: %s", station->id, error->message);
          continue;
        }

      card = kiosk_station_card_new (station->id, i, client);
      kiosk_station_card_set_mediator_name (card,
                                            kiosk_console_config_get_mediator_name (config));
      g_signal_connect_object (card, "notify::needs-help", G_CALLBACK (needs_help_cb), self, 0);
      g_signal_connect_object (card, "notify::help-taken-by", G_CALLBACK (needs_help_cb), self,
                               0);
      g_signal_connect_object (card, "problem", G_CALLBACK (problem_cb), self, 0);
      gtk_flow_box_append (self->flow_box, GTK_WIDGET (card));
      g_ptr_array_add (self->cards, card);
      kiosk_usage_gatherer_add_station (self->gatherer, station->id, client);
      kiosk_station_card_start_refreshing (card, kiosk_console_config_get_refresh_seconds (config));
    }

  self->catalogue = g_strdup (kiosk_console_config_get_catalogue (config));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.send-config", self->catalogue != NULL);
  tell_cards_the_desk_config (self);

  names = load_service_names (config);
  kiosk_usage_view_set_service_names (self->usage_view, names);
  kiosk_usage_view_set_gatherer (self->usage_view, self->gatherer);

  return self;
}

/**
 * kiosk_console_window_get_card:
 * @self: a #KioskConsoleWindow
 * @id: a station id of the console's config
 *
 * Returns: (transfer none) (nullable): the station's card
 */
KioskStationCard *
kiosk_console_window_get_card (KioskConsoleWindow *self,
                               const char         *id)
{
  g_return_val_if_fail (KIOSK_IS_CONSOLE_WINDOW (self), NULL);

  for (guint i = 0; i < self->cards->len; i++)
    if (g_strcmp0 (kiosk_station_card_get_id (g_ptr_array_index (self->cards, i)), id) == 0)
      return g_ptr_array_index (self->cards, i);

  return NULL;
}

/**
 * kiosk_console_window_get_card_at:
 * @self: a #KioskConsoleWindow
 * @index: a place in the grid, 0 for the first
 *
 * Returns: (transfer none) (nullable): the card shown at @index
 */
KioskStationCard *
kiosk_console_window_get_card_at (KioskConsoleWindow *self,
                                  guint               index)
{
  GtkFlowBoxChild *child;

  g_return_val_if_fail (KIOSK_IS_CONSOLE_WINDOW (self), NULL);

  child = gtk_flow_box_get_child_at_index (self->flow_box, index);
  return child != NULL ? KIOSK_STATION_CARD (gtk_flow_box_child_get_child (child)) : NULL;
}

KioskUsageView *
kiosk_console_window_get_usage_view (KioskConsoleWindow *self)
{
  g_return_val_if_fail (KIOSK_IS_CONSOLE_WINDOW (self), NULL);

  return self->usage_view;
}

/**
 * kiosk_console_window_refresh:
 * @self: a #KioskConsoleWindow
 *
 * Asks every station for its state now, as F5 does.
 */
void
kiosk_console_window_refresh (KioskConsoleWindow *self)
{
  g_return_if_fail (KIOSK_IS_CONSOLE_WINDOW (self));

  for (guint i = 0; i < self->cards->len; i++)
    kiosk_station_card_refresh (g_ptr_array_index (self->cards, i));
}

/**
 * kiosk_console_window_show_page:
 * @self: a #KioskConsoleWindow
 * @page: "stations" or "usage"
 */
void
kiosk_console_window_show_page (KioskConsoleWindow *self,
                                const char         *page)
{
  g_return_if_fail (KIOSK_IS_CONSOLE_WINDOW (self));

  gtk_stack_set_visible_child_name (self->stack, page);
}

/**
 * kiosk_console_window_get_problem:
 * @self: a #KioskConsoleWindow
 *
 * Returns: (nullable): what the banner says went wrong, or %NULL when
 *   it is closed
 */
const char *
kiosk_console_window_get_problem (KioskConsoleWindow *self)
{
  g_return_val_if_fail (KIOSK_IS_CONSOLE_WINDOW (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->problem_revealer))
    return NULL;
  return gtk_label_get_label (self->problem_label);
}

/**
 * kiosk_console_window_get_help_text:
 * @self: a #KioskConsoleWindow
 *
 * Returns: (nullable): the banner naming the stations asking for help,
 *   above both pages, or %NULL when none is
 */
const char *
kiosk_console_window_get_help_text (KioskConsoleWindow *self)
{
  g_return_val_if_fail (KIOSK_IS_CONSOLE_WINDOW (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->help_revealer))
    return NULL;
  return gtk_label_get_label (self->help_label);
}

/**
 * kiosk_console_window_get_chime:
 * @self: a #KioskConsoleWindow
 *
 * Returns: (transfer none): what rings when a station asks for help
 */
KioskChime *
kiosk_console_window_get_chime (KioskConsoleWindow *self)
{
  g_return_val_if_fail (KIOSK_IS_CONSOLE_WINDOW (self), NULL);

  return self->chime;
}

/**
 * kiosk_console_window_get_send_config_dialog:
 * @self: a #KioskConsoleWindow
 *
 * Returns: (transfer none) (nullable): the dialog sending the desk's
 *   config to the stations, while it is open
 */
GtkWidget *
kiosk_console_window_get_send_config_dialog (KioskConsoleWindow *self)
{
  g_return_val_if_fail (KIOSK_IS_CONSOLE_WINDOW (self), NULL);

  return self->send_dialog;
}
