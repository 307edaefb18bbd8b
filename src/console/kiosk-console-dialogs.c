/* kiosk-console-dialogs.c — the questions the console asks before acting on a station
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-console-dialogs"

#include "config.h"

#include "kiosk-console-dialogs.h"

#include "kiosk-station-api.h"

#include <glib/gi18n.h>

/* GtkDialog and GtkMessageDialog are what GTK 4.8 offers for this;
 * GtkAlertDialog only comes with 4.10.
 */

/**
 * kiosk_console_reset_dialog_new:
 * @parent: the console's window
 * @station: the station's id
 * @someone_there: whether the station is in use
 *
 * A reset erases what a resident was doing, perhaps half-way through a
 * form: the médiateur must see which station it is and confirm. A
 * station in use may still have its resident sitting there: the dialog
 * proposes to ask them first (%KIOSK_CONSOLE_RESPONSE_ASK_FIRST, the
 * default), and offers ending at once as the other choice
 * (%GTK_RESPONSE_ACCEPT). Anything else, Escape included, does nothing.
 *
 * Returns: (transfer floating): the dialog, not yet shown
 */
GtkWidget *
kiosk_console_reset_dialog_new (GtkWindow  *parent,
                                const char *station,
                                gboolean    someone_there)
{
  GtkWidget *dialog;
  GtkWidget *reset;
  GtkWidget *ask;

  dialog = gtk_message_dialog_new (parent, GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                                   _("Reset station %s?"), station);
  gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL);

  if (!someone_there)
    {
      gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog),
                                                _("The session on this station ends at once "
                                                  "and everything the resident did there is "
                                                  "erased: open pages, documents, forms being "
                                                  "filled in."));
      reset = gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Reset the station"),
                                     GTK_RESPONSE_ACCEPT);
      gtk_widget_add_css_class (reset, "destructive-action");
      gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
      return dialog;
    }

  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog),
                                            _("Someone may still be using it. Asking first "
                                              "shows them a question with a countdown: the "
                                              "session ends if they say they have finished, or "
                                              "if nobody answers. Ending now erases at once "
                                              "everything done there: open pages, documents, "
                                              "forms being filled in."));
  reset = gtk_dialog_add_button (GTK_DIALOG (dialog), _("_End now"), GTK_RESPONSE_ACCEPT);
  gtk_widget_add_css_class (reset, "destructive-action");
  ask = gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Ask the resident first"),
                               KIOSK_CONSOLE_RESPONSE_ASK_FIRST);
  gtk_widget_add_css_class (ask, "suggested-action");
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), KIOSK_CONSOLE_RESPONSE_ASK_FIRST);
  return dialog;
}

/**
 * kiosk_console_out_of_service_dialog_new:
 * @parent: the console's window
 * @station: the station's id
 *
 * Asks for the message the station shows while out of service, with a
 * sensible one already written. %GTK_RESPONSE_ACCEPT takes the station
 * out of service with the entry's text.
 *
 * Returns: (transfer floating): the dialog, not yet shown
 */
GtkWidget *
kiosk_console_out_of_service_dialog_new (GtkWindow  *parent,
                                         const char *station)
{
  g_autofree char *title = g_strdup_printf (_("Take station %s out of service"), station);
  GtkWidget *dialog;
  GtkWidget *content;
  GtkWidget *label;
  GtkWidget *entry;
  GtkWidget *button;

  dialog = gtk_dialog_new_with_buttons (title, parent,
                                        GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                        _("_Cancel"), GTK_RESPONSE_CANCEL, NULL);
  button = gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Take out of service"),
                                  GTK_RESPONSE_ACCEPT);
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);

  content = gtk_dialog_get_content_area (GTK_DIALOG (dialog));
  gtk_box_set_spacing (GTK_BOX (content), 12);
  gtk_widget_set_margin_top (content, 18);
  gtk_widget_set_margin_bottom (content, 18);
  gtk_widget_set_margin_start (content, 18);
  gtk_widget_set_margin_end (content, 18);

  label = gtk_label_new_with_mnemonic (_("_Message shown on the station:"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (content), label);

  entry = gtk_entry_new ();
  gtk_entry_set_max_length (GTK_ENTRY (entry), KIOSK_STATION_API_MAX_MESSAGE);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 50);
  gtk_editable_set_text (GTK_EDITABLE (entry),
                         _("Station out of service — please use another station"));
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
  gtk_box_append (GTK_BOX (content), entry);
  g_object_set_data (G_OBJECT (dialog), "kiosk-message-entry", entry);

  return dialog;
}

/**
 * kiosk_console_out_of_service_dialog_get_entry:
 * @dialog: a dialog made by kiosk_console_out_of_service_dialog_new()
 *
 * Returns: (transfer none): the entry of the message
 */
GtkEntry *
kiosk_console_out_of_service_dialog_get_entry (GtkWidget *dialog)
{
  g_return_val_if_fail (GTK_IS_DIALOG (dialog), NULL);

  return g_object_get_data (G_OBJECT (dialog), "kiosk-message-entry");
}
