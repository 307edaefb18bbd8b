/* kiosk-window-popups.c — the popups of the page, shown over it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-window"

#include "config.h"

#include "kiosk-window-private.h"

/* Only the popup in front is shown, over the page, with a bar that says
 * what it is and a big button to close it; closing it shows the one
 * opened before, if any. The page stays under it, as it is.
 */
static void
show_front_popup (KioskWindow *self)
{
  GListModel *popups = kiosk_user_session_get_popups (self->user_session);
  GtkWidget *shown = gtk_widget_get_first_child (self->popup_box);
  GtkWidget *front = NULL;

  if (g_list_model_get_n_items (popups) > 0)
    front = GTK_WIDGET (kiosk_user_session_get_front_view (self->user_session));

  if (shown != front)
    {
      /* What was read aloud is no longer in front. */
      kiosk_window_stop_voice (self);
      if (shown != NULL)
        gtk_box_remove (GTK_BOX (self->popup_box), shown);
      if (front != NULL)
        {
          gtk_box_append (GTK_BOX (self->popup_box), front);
          gtk_widget_grab_focus (front);
        }
    }

  gtk_widget_set_visible (self->popup_frame, front != NULL);
  kiosk_window_update_actions (self);
}

static void
popups_changed_cb (GListModel  *popups,
                   guint        position,
                   guint        removed,
                   guint        added,
                   KioskWindow *self)
{
  show_front_popup (self);
}

/**
 * kiosk_window_follow_popups:
 * @self: a #KioskWindow
 * @user_session: the session that starts
 *
 * Shows from now on the popups its pages open.
 */
void
kiosk_window_follow_popups (KioskWindow      *self,
                            KioskUserSession *user_session)
{
  g_signal_connect_object (kiosk_user_session_get_popups (user_session), "items-changed",
                           G_CALLBACK (popups_changed_cb), self, 0);
  show_front_popup (self);
}

/**
 * kiosk_window_leave_popups:
 * @self: a #KioskWindow
 * @user_session: the session that ends
 *
 * Takes its popups off the screen, before the session wipes them.
 */
void
kiosk_window_leave_popups (KioskWindow      *self,
                           KioskUserSession *user_session)
{
  GtkWidget *shown = gtk_widget_get_first_child (self->popup_box);

  g_signal_handlers_disconnect_by_data (kiosk_user_session_get_popups (user_session), self);
  if (shown != NULL)
    gtk_box_remove (GTK_BOX (self->popup_box), shown);
  gtk_widget_set_visible (self->popup_frame, FALSE);
}

/**
 * kiosk_window_has_popup:
 * @self: a #KioskWindow
 *
 * Returns: whether a popup is shown over the page: the page's own
 *   buttons (back, forward, reload) wait until it is closed
 */
gboolean
kiosk_window_has_popup (KioskWindow *self)
{
  return gtk_widget_get_visible (self->popup_frame);
}
