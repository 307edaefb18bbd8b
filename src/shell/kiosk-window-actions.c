/* kiosk-window-actions.c — what the kiosk window's buttons and keys do
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-window"

#include "config.h"

#include "kiosk-window-private.h"

/**
 * kiosk_window_update_actions:
 * @self: a #KioskWindow
 *
 * Enables the actions that make sense on the page shown, at the text
 * size of now.
 */
void
kiosk_window_update_actions (KioskWindow *self)
{
  WebKitWebView *web_view = NULL;
  gboolean browsing;
  gboolean can_resize = self->user_session != NULL && !self->out_of_service;

  if (self->user_session != NULL)
    web_view = kiosk_user_session_get_web_view (self->user_session);

  browsing = web_view != NULL && !self->out_of_service &&
             kiosk_window_get_visible_page (self) == KIOSK_WINDOW_PAGE_BROWSER;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.close-popup",
                                 browsing && kiosk_window_has_popup (self));
  /* The page's own buttons are the page's, not a popup's over it. */
  browsing = browsing && !kiosk_window_has_popup (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back",
                                 browsing && webkit_web_view_can_go_back (web_view));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.forward",
                                 browsing && webkit_web_view_can_go_forward (web_view));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reload", browsing);
  kiosk_window_voice_update_actions (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.text-smaller",
                                 can_resize && kiosk_text_size_can_change (self->text_size, -1));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.text-larger",
                                 can_resize && kiosk_text_size_can_change (self->text_size, +1));

  /* In large type, the services come before what the station promises. */
  kiosk_home_view_set_services_first (
    self->home_view,
    self->user_session != NULL &&
    kiosk_user_session_get_text_scale (self->user_session) >= KIOSK_HOME_VIEW_LARGE_TEXT);
}

static void
call_mediator_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  KioskWindow *self = KIOSK_WINDOW (widget);

  if (self->manager != NULL)
    kiosk_session_manager_request_help (self->manager);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KioskWindow *self = KIOSK_WINDOW (widget);

  kiosk_window_leave_page (self);
  webkit_web_view_go_back (kiosk_user_session_get_web_view (self->user_session));
}

static void
forward_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  KioskWindow *self = KIOSK_WINDOW (widget);

  kiosk_window_leave_page (self);
  webkit_web_view_go_forward (kiosk_user_session_get_web_view (self->user_session));
}

static void
close_popup_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KioskWindow *self = KIOSK_WINDOW (widget);
  WebKitWebView *front;

  if (self->user_session == NULL)
    return;

  front = kiosk_user_session_get_front_view (self->user_session);
  if (front != kiosk_user_session_get_web_view (self->user_session))
    kiosk_user_session_close_popup (self->user_session, front);
}

static void
retry_page_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  KioskWindow *self = KIOSK_WINDOW (widget);

  if (self->user_session == NULL)
    return;

  kiosk_user_session_retry_page (self->user_session);
  kiosk_window_show_page (self, KIOSK_WINDOW_PAGE_BROWSER);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KioskWindow *self = KIOSK_WINDOW (widget);

  kiosk_window_leave_page (self);
  webkit_web_view_reload (kiosk_user_session_get_web_view (self->user_session));
}

static void
text_smaller_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  KioskWindow *self = KIOSK_WINDOW (widget);

  kiosk_text_size_change (self->text_size, -1);
  kiosk_window_update_actions (self);
}

static void
text_larger_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KioskWindow *self = KIOSK_WINDOW (widget);

  kiosk_text_size_change (self->text_size, +1);
  kiosk_window_update_actions (self);
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
    kiosk_window_show_page (self, KIOSK_WINDOW_PAGE_BROWSER);
}

static void
show_documents_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  KioskWindow *self = KIOSK_WINDOW (widget);
  KioskWindowPage page = kiosk_window_get_visible_page (self);

  if (self->user_session == NULL || self->out_of_service)
    return;

  if (page != KIOSK_WINDOW_PAGE_DOCUMENTS)
    self->page_before_documents = page == KIOSK_WINDOW_PAGE_HOME ? KIOSK_WINDOW_PAGE_HOME
                                                                 : KIOSK_WINDOW_PAGE_BROWSER;
  kiosk_documents_view_show_list (self->documents_view);
  kiosk_window_show_page (self, KIOSK_WINDOW_PAGE_DOCUMENTS);
}

static void
leave_documents_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  KioskWindow *self = KIOSK_WINDOW (widget);

  kiosk_documents_view_show_list (self->documents_view);
  if (self->page_before_documents == KIOSK_WINDOW_PAGE_BROWSER &&
      kiosk_user_session_get_service (self->user_session) != NULL)
    kiosk_window_show_page (self, KIOSK_WINDOW_PAGE_BROWSER);
  else
    kiosk_window_show_home (self);
}

static void
ask_end_session_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  KioskWindow *self = KIOSK_WINDOW (widget);
  guint documents = self->manager != NULL ? kiosk_session_manager_count_documents (self->manager)
                                          : 0;

  /* Asked while a page asks something: that question is answered no. */
  kiosk_window_leave_page (self);
  kiosk_end_question_ask (self->end_question, documents);
}

static void
cancel_end_session_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  KioskWindow *self = KIOSK_WINDOW (widget);

  gtk_widget_set_visible (GTK_WIDGET (self->end_question), FALSE);
}

static void
confirm_end_session_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  KioskWindow *self = KIOSK_WINDOW (widget);

  gtk_widget_set_visible (GTK_WIDGET (self->end_question), FALSE);

  /* The optional survey only asks someone who used the station. */
  if (self->manager != NULL && kiosk_config_get_survey (self->config) &&
      kiosk_session_manager_get_state (self->manager) == KIOSK_STATION_IN_USE)
    {
      kiosk_survey_ask (self->survey, kiosk_session_manager_get_usage_counter (self->manager));
      return;
    }

  kiosk_window_end_session (self, KIOSK_END_LOGOUT);
}

static void
continue_session_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  KioskWindow *self = KIOSK_WINDOW (widget);

  if (self->manager != NULL)
    kiosk_session_manager_note_activity (self->manager);
}

static void
dismiss_notice_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  KioskWindow *self = KIOSK_WINDOW (widget);

  gtk_revealer_set_reveal_child (self->notice_revealer, FALSE);
}

static void
submit_authentication_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  KioskWindow *self = KIOSK_WINDOW (widget);

  kiosk_sign_in_question_answer (self->sign_in_question, TRUE);
}

static void
cancel_authentication_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  KioskWindow *self = KIOSK_WINDOW (widget);

  kiosk_sign_in_question_answer (self->sign_in_question, FALSE);
}

/**
 * kiosk_window_class_add_actions:
 * @widget_class: the class of #KioskWindow, its properties installed
 *
 * Installs the window's actions ("win.*") and their keys.
 */
void
kiosk_window_class_add_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_property_action (widget_class, "win.high-contrast", "high-contrast");
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.forward", NULL, forward_action);
  gtk_widget_class_install_action (widget_class, "win.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "win.retry-page", NULL, retry_page_action);
  gtk_widget_class_install_action (widget_class, "win.close-popup", NULL, close_popup_action);
  gtk_widget_class_install_action (widget_class, "win.text-smaller", NULL, text_smaller_action);
  gtk_widget_class_install_action (widget_class, "win.text-larger", NULL, text_larger_action);
  gtk_widget_class_install_action (widget_class, "win.leave-refused", NULL,
                                   leave_refused_action);
  gtk_widget_class_install_action (widget_class, "win.call-mediator", NULL,
                                   call_mediator_action);
  gtk_widget_class_install_action (widget_class, "win.show-documents", NULL,
                                   show_documents_action);
  gtk_widget_class_install_action (widget_class, "win.leave-documents", NULL,
                                   leave_documents_action);
  gtk_widget_class_install_action (widget_class, "win.ask-end-session", NULL,
                                   ask_end_session_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-end-session", NULL,
                                   cancel_end_session_action);
  gtk_widget_class_install_action (widget_class, "win.confirm-end-session", NULL,
                                   confirm_end_session_action);
  gtk_widget_class_install_action (widget_class, "win.continue-session", NULL,
                                   continue_session_action);
  gtk_widget_class_install_action (widget_class, "win.dismiss-notice", NULL,
                                   dismiss_notice_action);
  gtk_widget_class_install_action (widget_class, "win.submit-authentication", NULL,
                                   submit_authentication_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-authentication", NULL,
                                   cancel_authentication_action);

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
