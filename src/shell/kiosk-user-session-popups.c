/* kiosk-user-session-popups.c — the windows a session's pages open
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-user-session"

#include "config.h"

#include "kiosk-user-session-private.h"

/* A sign-in or a payment often opens a window of its own, and reports
 * back to the page through window.opener or postMessage before it closes
 * itself: loaded in place of the page, it would have no opener to talk
 * to. So an allowed popup is a view of the session, related to the view
 * that opened it (the same web process, which the two need to reach each
 * other, the same network session, the same rules), shown over the page
 * by the window and gone with the session. A page that opens popups in a
 * loop gets a few, no more: a resident must never face a pile of them.
 */
#define MAX_POPUPS 3

static void
popup_close_cb (WebKitWebView    *popup,
                KioskUserSession *self)
{
  /* window.close(), which a popup may do to itself. */
  g_debug ("A popup closed itself");
  kiosk_user_session_close_popup (self, popup);
}

/**
 * kiosk_user_session_open_popup:
 * @self: a #KioskUserSession
 * @opener: the view whose page opens it, the session's or a popup
 *
 * Makes the view of a popup whose address the policy allowed, for WebKit
 * to load it into (the answer to WebKitWebView::create).
 *
 * Returns: (transfer none) (nullable): the new popup, or %NULL when the
 *   page has enough of them open already
 */
WebKitWebView *
kiosk_user_session_open_popup (KioskUserSession *self,
                               WebKitWebView    *opener)
{
  g_autoptr(WebKitWebView) popup = NULL;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->popups)) >= MAX_POPUPS)
    {
      g_debug ("Refused a popup: %u are open already", MAX_POPUPS);
      return NULL;
    }

  /* A related view takes its opener's web context and network session;
   * the settings must be given too. So is the user content manager (the
   * session's document rules), though WebKit 2.50 was seen to apply the
   * opener's rules to a window it opens even with another manager
   * (/popups/sign-in-popup-reports-back passed with a fresh one): the
   * kiosk does not depend on that.
   */
  popup = g_object_ref_sink (g_object_new (WEBKIT_TYPE_WEB_VIEW,
                                           "related-view", opener,
                                           "settings", webkit_web_view_get_settings (opener),
                                           "user-content-manager",
                                           webkit_web_view_get_user_content_manager (opener),
                                           "zoom-level", self->text_scale,
                                           NULL));
  gtk_widget_set_vexpand (GTK_WIDGET (popup), TRUE);
  kiosk_user_session_watch_view (self, popup);
  g_signal_connect (popup, "close", G_CALLBACK (popup_close_cb), self);

  g_debug ("Opened a popup");
  g_list_store_append (self->popups, popup);
  return popup;
}

/**
 * kiosk_user_session_close_popup:
 * @self: a #KioskUserSession
 * @popup: one of its popups
 *
 * Closes @popup, as the resident asked (*Close this window*) or the page
 * did (window.close()); its opener sees it closed.
 */
void
kiosk_user_session_close_popup (KioskUserSession *self,
                                WebKitWebView    *popup)
{
  guint position;

  g_return_if_fail (KIOSK_IS_USER_SESSION (self));
  g_return_if_fail (WEBKIT_IS_WEB_VIEW (popup));

  if (!g_list_store_find (self->popups, popup, &position))
    return;

  g_signal_handlers_disconnect_by_data (popup, self);
  g_list_store_remove (self->popups, position);
}

/**
 * kiosk_user_session_close_popups:
 * @self: a #KioskUserSession
 *
 * Closes every popup, as the session ends, before its web process is
 * ended: a popup whose page outlived its process would leave WebKit's
 * connection to it behind (the soak counted one thread more per few
 * sessions).
 */
void
kiosk_user_session_close_popups (KioskUserSession *self)
{
  g_return_if_fail (KIOSK_IS_USER_SESSION (self));

  if (self->popups == NULL)
    return;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->popups)); i++)
    {
      g_autoptr(WebKitWebView) popup = g_list_model_get_item (G_LIST_MODEL (self->popups), i);

      g_signal_handlers_disconnect_by_data (popup, self);
    }
  g_list_store_remove_all (self->popups);
}

/**
 * kiosk_user_session_get_popups:
 * @self: a #KioskUserSession
 *
 * Returns: (transfer none): the #WebKitWebView of each popup open, the
 *   oldest first; the last one is in front
 */
GListModel *
kiosk_user_session_get_popups (KioskUserSession *self)
{
  g_return_val_if_fail (KIOSK_IS_USER_SESSION (self), NULL);

  return G_LIST_MODEL (self->popups);
}

/**
 * kiosk_user_session_get_front_view:
 * @self: a #KioskUserSession
 *
 * Returns: (transfer none): the view the resident has in front: the last
 *   popup opened, or else the session's page
 */
WebKitWebView *
kiosk_user_session_get_front_view (KioskUserSession *self)
{
  guint n_popups;
  g_autoptr(WebKitWebView) popup = NULL;

  g_return_val_if_fail (KIOSK_IS_USER_SESSION (self), NULL);

  n_popups = g_list_model_get_n_items (G_LIST_MODEL (self->popups));
  if (n_popups == 0)
    return self->web_view;

  /* The list holds a reference as long as the popup is open. */
  popup = g_list_model_get_item (G_LIST_MODEL (self->popups), n_popups - 1);
  return popup;
}
