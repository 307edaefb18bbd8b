/* kiosk-window.c — the kiosk's only window: toolbar, home screen, web view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-window"

#include "config.h"

#include "kiosk-window.h"

#include "kiosk-home-view.h"

#include <glib/gi18n.h>

/* Text size steps offered by A− and A+; the first session always starts
 * at 100 %.
 */
static const double text_sizes[] = { 0.8, 1.0, 1.25, 1.5, 1.75, 2.0, 2.5 };
#define DEFAULT_TEXT_SIZE 1

struct _KioskWindow
{
  GtkApplicationWindow  parent_instance;

  KioskConfig          *config;
  KioskUserSession     *user_session;
  guint                 text_size;
  gboolean              out_of_service;

  GtkWidget            *toolbar;
  GtkWidget            *home_button;
  GtkWidget            *navigation_buttons;
  GtkWidget            *text_size_buttons;
  GtkLabel             *title_label;
  GtkProgressBar       *progress_bar;
  GtkStack             *stack;
  KioskHomeView        *home_view;
  GtkBox               *browser_box;
  GtkLabel             *refused_host_label;
  GtkWidget            *refused_back_button;
  GtkLabel             *out_of_service_detail;
};

G_DEFINE_FINAL_TYPE (KioskWindow, kiosk_window, GTK_TYPE_APPLICATION_WINDOW)

static void
update_navigation_actions (KioskWindow *self)
{
  WebKitWebView *web_view = NULL;
  gboolean browsing;

  if (self->user_session != NULL)
    web_view = kiosk_user_session_get_web_view (self->user_session);

  browsing = web_view != NULL && !self->out_of_service &&
             g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "browser") == 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back",
                                 browsing && webkit_web_view_can_go_back (web_view));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.forward",
                                 browsing && webkit_web_view_can_go_forward (web_view));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reload", browsing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.text-smaller",
                                 browsing && self->text_size > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.text-larger",
                                 browsing && self->text_size + 1 < G_N_ELEMENTS (text_sizes));
}

static void
show_page (KioskWindow *self,
           const char  *name)
{
  gboolean on_home = g_strcmp0 (name, "home") == 0;
  KioskService *service = NULL;

  gtk_stack_set_visible_child_name (self->stack, name);

  if (self->user_session != NULL)
    service = kiosk_user_session_get_service (self->user_session);

  gtk_widget_set_visible (self->home_button, !on_home);
  gtk_widget_set_visible (self->navigation_buttons, !on_home);
  gtk_widget_set_visible (self->text_size_buttons, !on_home);
  gtk_label_set_label (self->title_label,
                       on_home || service == NULL ? _("Public services")
                                                  : kiosk_service_get_name (service));

  update_navigation_actions (self);
}

static void
update_progress (KioskWindow *self)
{
  WebKitWebView *web_view = kiosk_user_session_get_web_view (self->user_session);
  gboolean loading = webkit_web_view_is_loading (web_view);

  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), loading);
  if (loading)
    gtk_progress_bar_set_fraction (self->progress_bar,
                                   webkit_web_view_get_estimated_load_progress (web_view));
}

static void
web_view_loading_cb (WebKitWebView *web_view,
                     GParamSpec    *pspec,
                     KioskWindow   *self)
{
  update_progress (self);
}

static void
back_forward_list_changed_cb (WebKitBackForwardList *list,
                              WebKitBackForwardListItem *added,
                              gpointer                   removed,
                              KioskWindow               *self)
{
  update_navigation_actions (self);
}

static void
navigation_refused_cb (KioskUserSession *user_session,
                       const char       *host,
                       KioskVerdict      verdict,
                       KioskWindow      *self)
{
  /* The host is shown so that a mediator knows which site was asked for;
   * it is never logged or stored.
   */
  gtk_label_set_label (self->refused_host_label, host != NULL ? host : "");
  gtk_widget_set_visible (GTK_WIDGET (self->refused_host_label), host != NULL);
  show_page (self, "refused");
  gtk_widget_grab_focus (self->refused_back_button);
}

static void
apply_text_size (KioskWindow *self)
{
  webkit_web_view_set_zoom_level (kiosk_user_session_get_web_view (self->user_session),
                                  text_sizes[self->text_size]);
  update_navigation_actions (self);
}

static void
start_user_session (KioskWindow *self)
{
  WebKitWebView *web_view;

  g_assert (self->user_session == NULL);
  g_assert (self->config != NULL);

  self->user_session = kiosk_user_session_new (self->config);
  web_view = kiosk_user_session_get_web_view (self->user_session);

  gtk_widget_set_vexpand (GTK_WIDGET (web_view), TRUE);
  gtk_box_append (self->browser_box, GTK_WIDGET (web_view));

  g_signal_connect_object (self->user_session, "navigation-refused",
                           G_CALLBACK (navigation_refused_cb), self, 0);
  g_signal_connect_object (web_view, "notify::is-loading",
                           G_CALLBACK (web_view_loading_cb), self, 0);
  g_signal_connect_object (web_view, "notify::estimated-load-progress",
                           G_CALLBACK (web_view_loading_cb), self, 0);
  g_signal_connect_object (webkit_web_view_get_back_forward_list (web_view), "changed",
                           G_CALLBACK (back_forward_list_changed_cb), self, 0);

  self->text_size = DEFAULT_TEXT_SIZE;
  apply_text_size (self);
}

static void
stop_user_session (KioskWindow *self)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (self));
  WebKitWebView *web_view;

  if (self->user_session == NULL)
    return;

  web_view = kiosk_user_session_get_web_view (self->user_session);
  gtk_box_remove (self->browser_box, GTK_WIDGET (web_view));
  g_clear_object (&self->user_session);

  /* What the user copied must not be pasted by the next one. */
  gdk_clipboard_set_content (gdk_display_get_clipboard (display), NULL);
  gdk_clipboard_set_content (gdk_display_get_primary_clipboard (display), NULL);

  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KioskWindow *self = KIOSK_WINDOW (widget);

  webkit_web_view_go_back (kiosk_user_session_get_web_view (self->user_session));
}

static void
forward_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  KioskWindow *self = KIOSK_WINDOW (widget);

  webkit_web_view_go_forward (kiosk_user_session_get_web_view (self->user_session));
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KioskWindow *self = KIOSK_WINDOW (widget);

  webkit_web_view_reload (kiosk_user_session_get_web_view (self->user_session));
}

static void
text_smaller_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  KioskWindow *self = KIOSK_WINDOW (widget);

  if (self->text_size > 0)
    self->text_size--;
  apply_text_size (self);
}

static void
text_larger_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KioskWindow *self = KIOSK_WINDOW (widget);

  if (self->text_size + 1 < G_N_ELEMENTS (text_sizes))
    self->text_size++;
  apply_text_size (self);
}

static void
leave_refused_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  KioskWindow *self = KIOSK_WINDOW (widget);
  WebKitWebView *web_view = kiosk_user_session_get_web_view (self->user_session);
  const char *uri = webkit_web_view_get_uri (web_view);

  /* The refused navigation never happened, so the view still shows the
   * page the user came from, unless there was none.
   */
  if (uri == NULL || *uri == '\0' || g_strcmp0 (uri, "about:blank") == 0)
    kiosk_window_show_home (self);
  else
    show_page (self, "browser");
}

static void
kiosk_window_dispose (GObject *object)
{
  KioskWindow *self = KIOSK_WINDOW (object);

  g_clear_object (&self->user_session);
  gtk_widget_dispose_template (GTK_WIDGET (self), KIOSK_TYPE_WINDOW);
  g_clear_object (&self->config);

  G_OBJECT_CLASS (kiosk_window_parent_class)->dispose (object);
}

static void
kiosk_window_class_init (KioskWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_window_dispose;

  g_type_ensure (KIOSK_TYPE_HOME_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/pimms/Kiosk/kiosk-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, toolbar);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, home_button);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, navigation_buttons);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, text_size_buttons);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, home_view);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, browser_box);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, refused_host_label);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, refused_back_button);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, out_of_service_detail);

  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.forward", NULL, forward_action);
  gtk_widget_class_install_action (widget_class, "win.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "win.text-smaller", NULL, text_smaller_action);
  gtk_widget_class_install_action (widget_class, "win.text-larger", NULL, text_larger_action);
  gtk_widget_class_install_action (widget_class, "win.leave-refused", NULL,
                                   leave_refused_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK,
                                       "win.forward", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "win.text-smaller", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK,
                                       "win.text-smaller", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK,
                                       "win.text-larger", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK,
                                       "win.text-larger", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK,
                                       "win.text-larger", NULL);
}

static void
kiosk_window_init (KioskWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->text_size = DEFAULT_TEXT_SIZE;
}

/**
 * kiosk_window_new:
 * @application: the kiosk application
 * @config: (nullable): the station's config, or %NULL when it could not be
 *   loaded, in which case the window only ever shows the out-of-service screen
 *
 * Returns: (transfer full): a new #KioskWindow
 */
KioskWindow *
kiosk_window_new (GtkApplication *application,
                  KioskConfig    *config)
{
  KioskWindow *self;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (config == NULL || KIOSK_IS_CONFIG (config), NULL);

  self = g_object_new (KIOSK_TYPE_WINDOW, "application", application, NULL);

  if (config == NULL)
    {
      kiosk_window_set_out_of_service (self, NULL);
      return self;
    }

  self->config = g_object_ref (config);
  kiosk_home_view_set_config (self->home_view, config);
  start_user_session (self);
  kiosk_window_show_home (self);

  return self;
}

/**
 * kiosk_window_show_home:
 * @self: a #KioskWindow
 *
 * Shows the service tiles. The user session goes on: a resident may use
 * several services before ending it.
 */
void
kiosk_window_show_home (KioskWindow *self)
{
  g_return_if_fail (KIOSK_IS_WINDOW (self));

  if (self->out_of_service)
    return;

  kiosk_home_view_scroll_to_top (self->home_view);
  show_page (self, "home");
}

/**
 * kiosk_window_open_service:
 * @self: a #KioskWindow
 * @service: a service of the window's config
 *
 * Opens @service in the current user session.
 */
void
kiosk_window_open_service (KioskWindow  *self,
                           KioskService *service)
{
  g_return_if_fail (KIOSK_IS_WINDOW (self));
  g_return_if_fail (KIOSK_IS_SERVICE (service));

  if (self->out_of_service)
    return;

  kiosk_user_session_open_service (self->user_session, service);
  show_page (self, "browser");
  gtk_widget_grab_focus (GTK_WIDGET (kiosk_user_session_get_web_view (self->user_session)));
}

/**
 * kiosk_window_end_session:
 * @self: a #KioskWindow
 *
 * Throws the user session away with everything it holds, resets the
 * user's choices and returns to the home screen with a fresh session.
 */
void
kiosk_window_end_session (KioskWindow *self)
{
  g_return_if_fail (KIOSK_IS_WINDOW (self));

  if (self->out_of_service)
    return;

  stop_user_session (self);
  start_user_session (self);
  kiosk_window_show_home (self);
}

/**
 * kiosk_window_set_out_of_service:
 * @self: a #KioskWindow
 * @detail: (nullable): a technical line for staff, shown in small print
 *
 * Puts the station out of service for good: the user session is thrown
 * away and no browsing is possible any more from this window.
 */
void
kiosk_window_set_out_of_service (KioskWindow *self,
                                 const char  *detail)
{
  g_return_if_fail (KIOSK_IS_WINDOW (self));

  stop_user_session (self);
  self->out_of_service = TRUE;

  gtk_label_set_label (self->out_of_service_detail, detail != NULL ? detail : "");
  gtk_widget_set_visible (self->toolbar, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
  gtk_stack_set_visible_child_name (self->stack, "out-of-service");
  update_navigation_actions (self);
}

gboolean
kiosk_window_is_out_of_service (KioskWindow *self)
{
  g_return_val_if_fail (KIOSK_IS_WINDOW (self), FALSE);

  return self->out_of_service;
}

/**
 * kiosk_window_get_page:
 * @self: a #KioskWindow
 *
 * Returns: what the window shows: "home", "browser", "refused" or "out-of-service"
 */
const char *
kiosk_window_get_page (KioskWindow *self)
{
  g_return_val_if_fail (KIOSK_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * kiosk_window_get_config:
 * @self: a #KioskWindow
 *
 * Returns: (transfer none) (nullable): the config, or %NULL when it could
 *   not be loaded
 */
KioskConfig *
kiosk_window_get_config (KioskWindow *self)
{
  g_return_val_if_fail (KIOSK_IS_WINDOW (self), NULL);

  return self->config;
}

/**
 * kiosk_window_get_user_session:
 * @self: a #KioskWindow
 *
 * Returns: (transfer none) (nullable): the current user session, or %NULL
 *   when the station is out of service
 */
KioskUserSession *
kiosk_window_get_user_session (KioskWindow *self)
{
  g_return_val_if_fail (KIOSK_IS_WINDOW (self), NULL);

  return self->user_session;
}
