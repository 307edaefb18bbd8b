/* kiosk-page-lockdown.c — what a web page may not do to the kiosk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-page-lockdown"

#include "config.h"

#include "kiosk-page-lockdown.h"

/* Editing a form, going back and reloading: nothing in the context menu
 * that opens, saves, downloads, copies an address or inspects.
 */
static const WebKitContextMenuAction allowed_menu_actions[] = {
  WEBKIT_CONTEXT_MENU_ACTION_GO_BACK,
  WEBKIT_CONTEXT_MENU_ACTION_GO_FORWARD,
  WEBKIT_CONTEXT_MENU_ACTION_RELOAD,
  WEBKIT_CONTEXT_MENU_ACTION_STOP,
  WEBKIT_CONTEXT_MENU_ACTION_COPY,
  WEBKIT_CONTEXT_MENU_ACTION_CUT,
  WEBKIT_CONTEXT_MENU_ACTION_PASTE,
  WEBKIT_CONTEXT_MENU_ACTION_PASTE_AS_PLAIN_TEXT,
  WEBKIT_CONTEXT_MENU_ACTION_DELETE,
  WEBKIT_CONTEXT_MENU_ACTION_SELECT_ALL,
};

static gboolean
menu_item_is_allowed (WebKitContextMenuItem *item)
{
  WebKitContextMenuAction action = webkit_context_menu_item_get_stock_action (item);

  if (webkit_context_menu_item_get_submenu (item) != NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (allowed_menu_actions); i++)
    {
      if (action == allowed_menu_actions[i])
        return TRUE;
    }

  return FALSE;
}

/**
 * kiosk_page_lockdown_filter_context_menu:
 * @menu: the context menu WebKit is about to show
 *
 * Keeps only editing, back, forward and reload items, with the separators
 * between the groups that remain.
 */
void
kiosk_page_lockdown_filter_context_menu (WebKitContextMenu *menu)
{
  GList *items = g_list_copy (webkit_context_menu_get_items (menu));
  gboolean separator_pending = FALSE;
  gboolean kept_any = FALSE;

  g_return_if_fail (WEBKIT_IS_CONTEXT_MENU (menu));

  for (GList *l = items; l != NULL; l = l->next)
    {
      WebKitContextMenuItem *item = l->data;

      if (webkit_context_menu_item_is_separator (item))
        {
          separator_pending = kept_any;
          webkit_context_menu_remove (menu, item);
          continue;
        }

      if (!menu_item_is_allowed (item))
        {
          webkit_context_menu_remove (menu, item);
          continue;
        }

      if (separator_pending)
        {
          webkit_context_menu_insert (menu, webkit_context_menu_item_new_separator (),
                                      g_list_index (webkit_context_menu_get_items (menu), item));
          separator_pending = FALSE;
        }
      kept_any = TRUE;
    }

  g_list_free (items);
}

static gboolean
context_menu_cb (WebKitWebView       *web_view,
                 WebKitContextMenu   *menu,
                 WebKitHitTestResult *hit_test_result,
                 gpointer             user_data)
{
  kiosk_page_lockdown_filter_context_menu (menu);

  /* Nothing left: no empty menu at all. */
  return webkit_context_menu_get_n_items (menu) == 0;
}

static gboolean
permission_request_cb (WebKitWebView           *web_view,
                       WebKitPermissionRequest *request,
                       gpointer                 user_data)
{
  /* Location, notifications, camera, microphone, clipboard, pointer lock,
   * device lists: a shared public computer grants none of them, and asks
   * nobody, since the next person would inherit the answer.
   */
  webkit_permission_request_deny (request);
  return TRUE;
}

static gboolean
query_permission_state_cb (WebKitWebView              *web_view,
                           WebKitPermissionStateQuery *query,
                           gpointer                    user_data)
{
  webkit_permission_state_query_finish (query, WEBKIT_PERMISSION_STATE_DENIED);
  return TRUE;
}

static gboolean
enter_fullscreen_cb (WebKitWebView *web_view,
                     gpointer       user_data)
{
  /* Full screen would hide Home and "End my session". */
  return TRUE;
}

static void
close_cb (WebKitWebView *web_view,
          gpointer       user_data)
{
  /* window.close() asks the application to close the view; the kiosk
   * never closes the session's page, or the page could leave the
   * resident with no window. A popup closes (kiosk-user-session-popups.c).
   */
  g_debug ("A page asked to close its window; ignored");
}

static gboolean
script_dialog_cb (WebKitWebView      *web_view,
                  WebKitScriptDialog *dialog,
                  gpointer            user_data)
{
  /* "Do you want to leave this page?" must never keep a resident on a
   * page: leaving is always confirmed. Other dialogs are drawn by WebKit
   * inside the page, under the toolbar, which stays usable.
   */
  if (webkit_script_dialog_get_dialog_type (dialog) == WEBKIT_SCRIPT_DIALOG_BEFORE_UNLOAD_CONFIRM)
    {
      webkit_script_dialog_confirm_set_confirmed (dialog, TRUE);
      return TRUE;
    }

  return FALSE;
}

static gboolean
accept_any_drop_cb (GtkDropTargetAsync *target,
                    GdkDrop            *drop,
                    gpointer            user_data)
{
  return TRUE;
}

static GdkDragAction
refuse_drag_cb (GtkDropTargetAsync *target,
                GdkDrop            *drop,
                double              x,
                double              y,
                gpointer            user_data)
{
  return 0;
}

static gboolean
refuse_drop_cb (GtkDropTargetAsync *target,
                GdkDrop            *drop,
                double              x,
                double              y,
                gpointer            user_data)
{
  /* Claimed, so that it goes no further, and finished with no action:
   * the source is told it was refused.
   */
  g_debug ("Refused something dropped on a page");
  gdk_drop_finish (drop, 0);
  return TRUE;
}

/* A file dropped on a page would reach it (a form's file field takes it)
 * with no chooser in between, and a dropped link would be opened: the
 * view's own drop handling must never see a drop. A target that claims
 * every drop before it, in the capture phase, and turns each one down
 * does that, without depending on how WebKit handles drops.
 */
static void
refuse_drops (WebKitWebView *web_view)
{
  GtkDropTargetAsync *target = gtk_drop_target_async_new (NULL, GDK_ACTION_ALL);

  gtk_event_controller_set_name (GTK_EVENT_CONTROLLER (target), "kiosk-refuse-drops");
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (target), GTK_PHASE_CAPTURE);
  g_signal_connect (target, "accept", G_CALLBACK (accept_any_drop_cb), NULL);
  g_signal_connect (target, "drag-enter", G_CALLBACK (refuse_drag_cb), NULL);
  g_signal_connect (target, "drag-motion", G_CALLBACK (refuse_drag_cb), NULL);
  g_signal_connect (target, "drop", G_CALLBACK (refuse_drop_cb), NULL);
  gtk_widget_add_controller (GTK_WIDGET (web_view), GTK_EVENT_CONTROLLER (target));
}

/**
 * kiosk_page_lockdown_attach:
 * @web_view: a web view of a user session
 *
 * Denies the page whatever could trap a resident, leak to the next one or
 * open a way out of the kiosk.
 */
void
kiosk_page_lockdown_attach (WebKitWebView *web_view)
{
  g_return_if_fail (WEBKIT_IS_WEB_VIEW (web_view));

  g_signal_connect (web_view, "context-menu", G_CALLBACK (context_menu_cb), NULL);
  g_signal_connect (web_view, "permission-request", G_CALLBACK (permission_request_cb), NULL);
  g_signal_connect (web_view, "query-permission-state",
                    G_CALLBACK (query_permission_state_cb), NULL);
  g_signal_connect (web_view, "enter-fullscreen", G_CALLBACK (enter_fullscreen_cb), NULL);
  g_signal_connect (web_view, "close", G_CALLBACK (close_cb), NULL);
  g_signal_connect (web_view, "script-dialog", G_CALLBACK (script_dialog_cb), NULL);
  refuse_drops (web_view);
}
