/* kiosk-send-config-dialog.c — sending the desk's config to every station, and what each said
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-console"

#include "config.h"

#include "kiosk-send-config-dialog.h"

#include "kiosk-config-shared.h"
#include "kiosk-station-card.h"

#include <glib/gi18n.h>

/* The desk keeps the network's catalogue (the console's Catalogue=); a
 * change made there once reaches every station: each checks it as
 * check-config does, with its own name, site and keys, and runs it once
 * nobody uses it. The dialog says what it sends, then what each station
 * answered, as the answers come.
 */
typedef struct
{
  GBytes       *config;
  GCancellable *cancellable;
  GHashTable   *answers;    /* station id → GtkLabel */
  GPtrArray    *cards;
  guint         waiting;
  gboolean      sent;
  GtkWidget    *send_button;
  GtkWidget    *close_button;
} Sending;

#define SENDING_KEY "kiosk-sending"

static void
sending_free (gpointer data)
{
  Sending *sending = data;

  g_cancellable_cancel (sending->cancellable);
  g_clear_object (&sending->cancellable);
  g_clear_pointer (&sending->config, g_bytes_unref);
  g_clear_pointer (&sending->answers, g_hash_table_unref);
  g_clear_pointer (&sending->cards, g_ptr_array_unref);
  g_free (sending);
}

static Sending *
sending_of (GtkWidget *dialog)
{
  return g_object_get_data (G_OBJECT (dialog), SENDING_KEY);
}

/**
 * kiosk_send_config_dialog_read_version:
 * @path: a config file
 *
 * Returns: (transfer full) (nullable): the version of what it shares with
 *   the stations (kiosk_config_version_of()), as stations report it, or
 *   %NULL when it cannot be read
 */
char *
kiosk_send_config_dialog_read_version (const char *path)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();

  if (path == NULL || !g_key_file_load_from_file (key_file, path, G_KEY_FILE_NONE, NULL))
    return NULL;
  return kiosk_config_version_of (key_file);
}

typedef struct
{
  GtkWidget        *dialog;   /* a weak pointer: gone if the dialog is closed */
  KioskStationCard *card;
} Exchange;

static void
answer_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Exchange *exchange = user_data;
  g_autoptr(KioskStationClientConfigAnswer) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  Sending *sending;
  GtkLabel *label;

  answer = kiosk_station_client_send_config_finish (KIOSK_STATION_CLIENT (source), result,
                                                    &error);
  if (exchange->dialog == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_weak_pointer (&exchange->dialog);
      g_object_unref (exchange->card);
      g_free (exchange);
      return;
    }

  sending = sending_of (exchange->dialog);
  if (answer != NULL && answer->pending)
    text = g_strdup (_("Accepted: it runs once the current session ends"));
  else if (answer != NULL)
    text = g_strdup (_("Accepted: it runs now"));
  else if (g_error_matches (error, KIOSK_STATION_CLIENT_ERROR,
                            KIOSK_STATION_CLIENT_ERROR_CONFIG_REFUSED))
    text = g_strdup_printf (_("Refused, nothing changed: %s"), error->message);
  else
    text = g_strdup_printf (_("Not sent: %s"), error->message);

  label = g_hash_table_lookup (sending->answers, kiosk_station_card_get_id (exchange->card));
  gtk_label_set_label (label, text);
  gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");
  if (answer == NULL)
    gtk_widget_add_css_class (GTK_WIDGET (label), "error");
  kiosk_station_card_refresh (exchange->card);

  if (--sending->waiting == 0)
    gtk_button_set_label (GTK_BUTTON (sending->close_button), _("_Close"));

  g_clear_weak_pointer (&exchange->dialog);
  g_object_unref (exchange->card);
  g_free (exchange);
}

static void
send_to_every_station (GtkWidget *dialog)
{
  Sending *sending = sending_of (dialog);

  sending->sent = TRUE;
  sending->waiting = sending->cards->len;
  gtk_widget_set_sensitive (sending->send_button, FALSE);
  for (guint i = 0; i < sending->cards->len; i++)
    {
      KioskStationCard *card = g_ptr_array_index (sending->cards, i);
      Exchange *exchange = g_new0 (Exchange, 1);
      GtkLabel *label = g_hash_table_lookup (sending->answers, kiosk_station_card_get_id (card));

      gtk_label_set_label (label, _("Sending…"));
      g_set_weak_pointer (&exchange->dialog, dialog);
      exchange->card = g_object_ref (card);
      kiosk_station_client_send_config_async (kiosk_station_card_get_client (card),
                                              sending->config, sending->cancellable,
                                              answer_cb, exchange);
    }
}

static void
response_cb (GtkDialog *dialog,
             int        response,
             gpointer   user_data)
{
  /* Nothing to send (the catalogue could not be read): only closing. */
  if (response == GTK_RESPONSE_ACCEPT && sending_of (GTK_WIDGET (dialog))->config != NULL)
    {
      send_to_every_station (GTK_WIDGET (dialog));
      return;
    }

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static GtkWidget *
new_answer_row (GtkWidget  *list,
                const char *station)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  GtkWidget *name = gtk_label_new (station);
  GtkWidget *answer = gtk_label_new (_("Not sent yet"));

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_yalign (GTK_LABEL (name), 0);
  gtk_label_set_width_chars (GTK_LABEL (name), 12);
  gtk_label_set_xalign (GTK_LABEL (answer), 0);
  gtk_label_set_wrap (GTK_LABEL (answer), TRUE);
  gtk_label_set_selectable (GTK_LABEL (answer), TRUE);
  gtk_widget_set_hexpand (answer, TRUE);
  gtk_widget_add_css_class (answer, "dim-label");
  gtk_box_append (GTK_BOX (row), name);
  gtk_box_append (GTK_BOX (row), answer);
  gtk_widget_set_margin_top (row, 6);
  gtk_widget_set_margin_bottom (row, 6);
  gtk_widget_set_margin_start (row, 6);
  gtk_widget_set_margin_end (row, 6);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  return answer;
}

/**
 * kiosk_send_config_dialog_new:
 * @parent: the console's window
 * @path: the desk's config, the console's Catalogue=
 * @cards: (element-type KioskStationCard): the stations
 *
 * Asks whether to send @path to every station, and once sent, shows what
 * each answered: running it now, after its current session, or refused
 * with its reason (nothing changed there), or not reached.
 *
 * Returns: (transfer floating): the dialog, not yet shown
 */
GtkWidget *
kiosk_send_config_dialog_new (GtkWindow  *parent,
                              const char *path,
                              GPtrArray  *cards)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *version = NULL;
  GtkWidget *dialog;
  GtkWidget *area;
  GtkWidget *list;
  GtkWidget *scrolled;
  Sending *sending;
  gsize length = 0;

  dialog = gtk_message_dialog_new (parent, GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                                   _("Send the configuration to the stations?"));
  gtk_window_set_default_size (GTK_WINDOW (dialog), 720, -1);
  sending = g_new0 (Sending, 1);
  sending->cancellable = g_cancellable_new ();
  sending->answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sending->cards = g_ptr_array_new_with_free_func (g_object_unref);
  g_object_set_data_full (G_OBJECT (dialog), SENDING_KEY, sending, sending_free);
  sending->close_button = gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Cancel"),
                                                 GTK_RESPONSE_CANCEL);
  g_signal_connect (dialog, "response", G_CALLBACK (response_cb), NULL);

  version = kiosk_send_config_dialog_read_version (path);
  if (path == NULL || !g_file_get_contents (path, &contents, &length, &error) ||
      version == NULL)
    {
      gtk_message_dialog_format_secondary_text (
        GTK_MESSAGE_DIALOG (dialog),
        _("The desk has no configuration to send: its Catalogue= (%s) cannot be read%s%s."),
        path != NULL ? path : _("not set"), error != NULL ? ": " : "",
        error != NULL ? error->message : "");
      gtk_button_set_label (GTK_BUTTON (sending->close_button), _("_Close"));
      return dialog;
    }

  sending->config = g_bytes_new_take (g_steal_pointer (&contents), length);
  gtk_message_dialog_format_secondary_text (
    GTK_MESSAGE_DIALOG (dialog),
    g_dngettext (GETTEXT_PACKAGE,
                 "%s (version %s) goes to the station below. It checks it first, keeps its "
                 "own name, site and keys, and runs it when nobody is using it: a session in "
                 "progress is never cut.",
                 "%s (version %s) goes to the %u stations below. Each checks it first, keeps "
                 "its own name, site and keys, and runs it when nobody is using it: a session "
                 "in progress is never cut.", cards->len),
    path, version, cards->len);

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint i = 0; i < cards->len; i++)
    {
      KioskStationCard *card = g_ptr_array_index (cards, i);
      const char *id = kiosk_station_card_get_id (card);

      g_ptr_array_add (sending->cards, g_object_ref (card));
      g_hash_table_insert (sending->answers, g_strdup (id), new_answer_row (list, id));
    }
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled),
                                              MIN (cards->len * 110, 420));
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 420);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  area = gtk_message_dialog_get_message_area (GTK_MESSAGE_DIALOG (dialog));
  gtk_box_append (GTK_BOX (area), scrolled);

  sending->send_button = gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Send to the stations"),
                                                GTK_RESPONSE_ACCEPT);
  gtk_widget_add_css_class (sending->send_button, "suggested-action");
  gtk_widget_set_sensitive (sending->send_button, cards->len > 0);
  return dialog;
}

/**
 * kiosk_send_config_dialog_get_answer:
 * @dialog: a dialog of kiosk_send_config_dialog_new()
 * @station: a station's id
 *
 * Returns: (nullable): what the dialog says the station answered
 */
const char *
kiosk_send_config_dialog_get_answer (GtkWidget  *dialog,
                                     const char *station)
{
  Sending *sending = sending_of (dialog);
  GtkLabel *label = sending != NULL ? g_hash_table_lookup (sending->answers, station) : NULL;

  return label != NULL ? gtk_label_get_label (label) : NULL;
}

/**
 * kiosk_send_config_dialog_is_done:
 * @dialog: a dialog of kiosk_send_config_dialog_new()
 *
 * Returns: whether the config was sent and every station answered
 */
gboolean
kiosk_send_config_dialog_is_done (GtkWidget *dialog)
{
  Sending *sending = sending_of (dialog);

  return sending != NULL && sending->sent && sending->waiting == 0;
}
