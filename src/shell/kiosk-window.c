/* kiosk-window.c — the kiosk's only window: toolbar, home screen, web view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-window"

#include "config.h"

#include "kiosk-window.h"
#include "kiosk-window-private.h"

#include "kiosk-application.h"
#include "kiosk-document.h"
#include "kiosk-keyboard.h"
#include "kiosk-startup-trace.h"

#include <glib/gi18n.h>

/* How long "Session erased" stays before the home screen comes back. */

/* The staff panel's touch gesture: a press held this long, this close to
 * the top-left corner of the screen. Long enough that no resident does it
 * by chance; the corner is the same on every page, out of service too.
 */
#define STAFF_PRESS_SECONDS 3
#define STAFF_CORNER_SIZE 96

/* The window is a view of the station and of the resident's session:
 * here are its toolbar, its stack of pages and what it follows of the
 * session manager and the user session. So that each is found by its
 * name, the rest has a file of its own: what the buttons and keys do
 * (kiosk-window-actions.c), the questions a page may raise
 * (kiosk-window-page-questions.c), the text size (kiosk-text-size.c), the
 * refusal page (kiosk-problem-page.c), the idle countdown
 * (kiosk-idle-question.c), the end-of-session question
 * (kiosk-end-question.c) and a site's sign-in (kiosk-sign-in-question.c).
 */
G_DEFINE_FINAL_TYPE (KioskWindow, kiosk_window, GTK_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_HIGH_CONTRAST,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  FAREWELL_DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Black, white and yellow instead of the usual colours (style.css), for
 * a resident who sees poorly; chosen with a toggle on the home screen.
 */
static void
apply_high_contrast (KioskWindow *self)
{
  gboolean high_contrast = self->user_session != NULL &&
                           kiosk_user_session_get_high_contrast (self->user_session);

  if (high_contrast)
    gtk_widget_add_css_class (GTK_WIDGET (self), "high-contrast");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "high-contrast");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIGH_CONTRAST]);
}

static void update_documents_button (KioskWindow *self);

/* The names of the stack's pages in kiosk-window.ui. */
static const char * const page_names[] = {
  [KIOSK_WINDOW_PAGE_HOME] = "home",
  [KIOSK_WINDOW_PAGE_BROWSER] = "browser",
  [KIOSK_WINDOW_PAGE_DOCUMENTS] = "documents",
  [KIOSK_WINDOW_PAGE_REFUSED] = "refused",
  [KIOSK_WINDOW_PAGE_ENDED] = "ended",
  [KIOSK_WINDOW_PAGE_OUT_OF_SERVICE] = "out-of-service",
};

/**
 * kiosk_window_show_page:
 * @self: a #KioskWindow
 * @page: the page to show
 *
 * Shows a page, with the toolbar that goes with it; the questions the
 * page shown before had raised go with it.
 */
void
kiosk_window_show_page (KioskWindow     *self,
                        KioskWindowPage  page)
{
  gboolean on_home = page == KIOSK_WINDOW_PAGE_HOME;
  gboolean browsing = page == KIOSK_WINDOW_PAGE_BROWSER || page == KIOSK_WINDOW_PAGE_REFUSED;
  gboolean with_toolbar = page != KIOSK_WINDOW_PAGE_ENDED &&
                          page != KIOSK_WINDOW_PAGE_OUT_OF_SERVICE;
  KioskService *service = NULL;

  g_clear_handle_id (&self->ended_page_id, g_source_remove);
  /* What was read is no longer on screen. */
  kiosk_window_stop_voice (self);
  /* The next resident's service: the last one's idle end is no news. */
  if (!on_home && self->idle_notice_id != 0)
    {
      g_clear_handle_id (&self->idle_notice_id, g_source_remove);
      gtk_revealer_set_reveal_child (self->notice_revealer, FALSE);
    }
  kiosk_window_leave_page_questions (self, page);
  gtk_stack_set_visible_child_name (self->stack, page_names[page]);
  /* The farewell and out of service have nothing to do but Listen, for
   * those who cannot read them.
   */
  gtk_widget_set_visible (self->toolbar, with_toolbar || self->voice != NULL);
  gtk_widget_set_visible (self->end_session_button, with_toolbar);

  if (self->user_session != NULL)
    service = kiosk_user_session_get_service (self->user_session);

  gtk_widget_set_visible (self->home_button, !on_home && with_toolbar);
  /* Wherever a resident may be stuck: in the middle of a form, on the
   * refusal and no-connection pages that say a médiateur can help.
   */
  gtk_widget_set_visible (self->help_button, with_toolbar);
  /* Beside a service's buttons, a short word leaves its name room; its
   * tooltip and accessible name still say it all.
   */
  kiosk_wrap_label_set_label (self->help_label, on_home ? _("Call a mediator") : _("Help"));
  update_documents_button (self);
  gtk_widget_set_visible (self->navigation_buttons, browsing);
  /* Beside a service's buttons, the pictogram says it, as the forward
   * arrow and reload do; the tooltip and the accessible name still say it,
   * and so does the bar that comes while it reads.
   */
  gtk_widget_set_visible (GTK_WIDGET (self->listen_label), !browsing);
  /* Wherever there is something to read, the home screen first. */
  gtk_widget_set_visible (self->text_size_buttons, with_toolbar);
  if (page == KIOSK_WINDOW_PAGE_DOCUMENTS)
    gtk_label_set_label (self->title_label, _("My documents"));
  else
    gtk_label_set_label (self->title_label,
                         on_home || service == NULL ? _("Public services")
                                                    : kiosk_service_get_name (service));
  /* Once the toolbar holds what this page shows. */
  kiosk_window_place_listen_button (self);

  kiosk_window_update_actions (self);
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
  kiosk_window_update_actions (self);
}

static void
navigation_refused_cb (KioskUserSession *user_session,
                       const char       *scheme,
                       const char       *place,
                       KioskVerdict      verdict,
                       KioskWindow      *self)
{
  /* During a payment, the resident needs to know that the payment, not
   * just a site, is stuck: what their bank wanted is the bank's page.
   */
  if (kiosk_user_session_is_on_payment_page (user_session))
    kiosk_problem_page_set_problem (self->problem_page, KIOSK_PAGE_PROBLEM_PAYMENT_STOPPED, place);
  else
    kiosk_problem_page_set_refusal (self->problem_page, scheme, place);
  kiosk_window_show_page (self, KIOSK_WINDOW_PAGE_REFUSED);
  gtk_widget_grab_focus (GTK_WIDGET (self->problem_page));
}

/* The refusal page also says why a page of an allowed site is not shown,
 * offering to try again where that may help.
 */
static void
page_failed_cb (KioskUserSession *user_session,
                KioskPageProblem  problem,
                const char       *host,
                KioskWindow      *self)
{
  KioskWindowPage page = kiosk_window_get_visible_page (self);

  /* A page the resident already left (for the home screen, say). */
  if (page != KIOSK_WINDOW_PAGE_BROWSER && page != KIOSK_WINDOW_PAGE_REFUSED)
    return;

  /* In place of a sign-in: a page that asks again and again is told no
   * without a word, as for any question.
   */
  if (problem == KIOSK_PAGE_PROBLEM_CLIENT_CERTIFICATE &&
      !kiosk_window_page_may_ask (self, KIOSK_QUESTION_SIGN_IN))
    return;

  kiosk_problem_page_set_problem (self->problem_page, problem, host);
  kiosk_window_show_page (self, KIOSK_WINDOW_PAGE_REFUSED);
  gtk_widget_grab_focus (GTK_WIDGET (self->problem_page));
}

static void
update_content_sensitivity (KioskWindow *self)
{
  /* While a question is asked, the page behind can neither be clicked
   * nor reached with Tab. The questions about a page (sign in, a file,
   * printing) leave the toolbar as it is: Home and "End my session" are
   * always a way out of them, whatever the page does.
   */
  gtk_widget_set_sensitive (self->content,
                            !gtk_widget_get_visible (GTK_WIDGET (self->idle_question)) &&
                            !gtk_widget_get_visible (GTK_WIDGET (self->end_question)) &&
                            !gtk_widget_get_visible (GTK_WIDGET (self->survey)) &&
                            !gtk_widget_get_visible (GTK_WIDGET (self->staff_panel)));
  gtk_widget_set_sensitive (self->page_box,
                            !gtk_widget_get_visible (GTK_WIDGET (self->sign_in_question)) &&
                            !gtk_widget_get_visible (GTK_WIDGET (self->upload_chooser)) &&
                            !gtk_widget_get_visible (GTK_WIDGET (self->print_flow)));
}

static void
overlay_visible_cb (GtkWidget   *overlay,
                    GParamSpec  *pspec,
                    KioskWindow *self)
{
  update_content_sensitivity (self);
}

/* Says @text in the banner under the toolbar, until it is dismissed. */
void
kiosk_window_show_notice (KioskWindow *self,
                          const char  *text)
{
  gtk_label_set_label (self->notice_label, text);
  gtk_revealer_set_reveal_child (self->notice_revealer, TRUE);
  self->help_notice_shown = FALSE;
}

static void
update_documents_button (KioskWindow *self)
{
  guint n_documents = 0;
  g_autofree char *label = NULL;

  if (self->user_session != NULL)
    n_documents = g_list_model_get_n_items (kiosk_user_session_get_documents (self->user_session));

  label = g_strdup_printf (_("My documents (%u)"), n_documents);
  /* Beside a service's buttons, the folder and the number say it: the
   * whole toolbar then holds on a 1280-pixel screen in every language
   * ("Os meus documentos (1)" pushed "Terminar a minha sessão" off it).
   * Screen readers and the tooltip still say it all.
   */
  if (kiosk_window_get_visible_page (self) == KIOSK_WINDOW_PAGE_HOME)
    gtk_label_set_label (self->documents_button_label, label);
  else
    {
      g_autofree char *count = g_strdup_printf ("%u", n_documents);

      gtk_label_set_label (self->documents_button_label, count);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->documents_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_set_visible (self->documents_button,
                          n_documents > 0 &&
                          kiosk_window_get_visible_page (self) != KIOSK_WINDOW_PAGE_DOCUMENTS);
}

static void
documents_changed_cb (GListModel  *documents,
                      guint        position,
                      guint        removed,
                      guint        added,
                      KioskWindow *self)
{
  update_documents_button (self);
  /* The documents' button came beside a service's buttons. */
  kiosk_window_place_listen_button (self);
}

static void
first_frame_drawn_cb (GdkFrameClock *frame_clock,
                      KioskWindow   *self)
{
  /* For start-up measurements (G_MESSAGES_DEBUG=kiosk-window): a
   * benchmark stops reading at "Home screen drawn".
   */
  kiosk_startup_trace_mark ("first frame drawn");
  g_debug ("Home screen drawn");
  g_signal_handlers_disconnect_by_func (frame_clock, first_frame_drawn_cb, self);
  /* Not before: looking for a sound device would delay that frame. */
  kiosk_window_init_voice (self);
}

static void
window_mapped_cb (GtkWidget   *widget,
                  KioskWindow *self)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (widget), "after-paint",
                           G_CALLBACK (first_frame_drawn_cb), self, 0);
}

static void
session_started_cb (KioskSessionManager *manager,
                    KioskUserSession    *user_session,
                    KioskWindow         *self)
{
  WebKitWebView *web_view = kiosk_user_session_get_web_view (user_session);

  self->user_session = user_session;
  gtk_widget_set_vexpand (GTK_WIDGET (web_view), TRUE);
  gtk_box_append (self->browser_box, GTK_WIDGET (web_view));

  g_signal_connect_object (user_session, "navigation-refused",
                           G_CALLBACK (navigation_refused_cb), self, 0);
  g_signal_connect_object (user_session, "page-failed",
                           G_CALLBACK (page_failed_cb), self, 0);
  kiosk_window_follow_page_questions (self, user_session);
  kiosk_window_follow_popups (self, user_session);
  kiosk_window_follow_voice (self, user_session);
  g_signal_connect_object (kiosk_user_session_get_documents (user_session), "items-changed",
                           G_CALLBACK (documents_changed_cb), self, 0);
  kiosk_documents_view_set_user_session (self->documents_view, user_session);
  update_documents_button (self);
  g_signal_connect_object (web_view, "notify::is-loading",
                           G_CALLBACK (web_view_loading_cb), self, 0);
  g_signal_connect_object (web_view, "notify::estimated-load-progress",
                           G_CALLBACK (web_view_loading_cb), self, 0);
  g_signal_connect_object (webkit_web_view_get_back_forward_list (web_view), "changed",
                           G_CALLBACK (back_forward_list_changed_cb), self, 0);

  /* Every choice of the last user went with their session; this one's
   * own (kept when a new language rebuilt the window) come with it.
   */
  kiosk_text_size_set_user_session (self->text_size, user_session,
                                    kiosk_session_manager_get_usage_counter (self->manager));
  kiosk_window_update_actions (self);
  apply_high_contrast (self);
  gtk_revealer_set_reveal_child (self->notice_revealer, FALSE);
}

static void
session_ending_cb (KioskSessionManager *manager,
                   KioskUserSession    *user_session,
                   KioskWindow         *self)
{
  WebKitWebView *web_view = kiosk_user_session_get_web_view (user_session);

  kiosk_window_stop_voice (self);
  kiosk_window_leave_popups (self, user_session);
  g_signal_handlers_disconnect_by_data (user_session, self);
  g_signal_handlers_disconnect_by_data (kiosk_user_session_get_documents (user_session), self);
  g_signal_handlers_disconnect_by_data (web_view, self);
  g_signal_handlers_disconnect_by_data (webkit_web_view_get_back_forward_list (web_view), self);
  gtk_box_remove (self->browser_box, GTK_WIDGET (web_view));
  self->user_session = NULL;
  self->page_asking = FALSE;

  kiosk_upload_chooser_cancel (self->upload_chooser);
  kiosk_print_flow_cancel (self->print_flow);
  kiosk_survey_cancel (self->survey);
  kiosk_documents_view_set_user_session (self->documents_view, NULL);
  update_documents_button (self);
  gtk_revealer_set_reveal_child (self->notice_revealer, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->end_question), FALSE);
  kiosk_sign_in_question_answer (self->sign_in_question, FALSE);
  kiosk_text_size_set_user_session (self->text_size, NULL, NULL);
  kiosk_window_update_actions (self);
  apply_high_contrast (self);
}

/* How long the home screen says that the last session was erased for
 * lack of activity, to whoever comes back to a station they left.
 */
#define IDLE_NOTICE_SECONDS 30

static gboolean
idle_notice_done_cb (gpointer user_data)
{
  KioskWindow *self = user_data;

  self->idle_notice_id = 0;
  gtk_revealer_set_reveal_child (self->notice_revealer, FALSE);
  return G_SOURCE_REMOVE;
}

/* After a session erased for lack of activity, the home screen says so
 * for a while: someone who comes back finds a word of what happened, not
 * a blank home screen.
 */
static void
tell_of_an_idle_end (KioskWindow *self)
{
  gint64 last_end = kiosk_session_manager_get_last_end_time (self->manager);
  gint64 since_end_s = (g_get_monotonic_time () - last_end) / G_USEC_PER_SEC;
  guint idle_seconds, minutes;
  g_autofree char *text = NULL;

  if (last_end == 0 ||
      kiosk_session_manager_get_last_end_reason (self->manager) != KIOSK_END_IDLE ||
      since_end_s >= KIOSK_WINDOW_FAREWELL_SECONDS + IDLE_NOTICE_SECONDS)
    return;

  idle_seconds = kiosk_config_get_idle_timeout (self->config) +
                 kiosk_config_get_idle_warning (self->config);
  minutes = MAX (1, (idle_seconds + 59) / 60);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The previous session was erased after %u minute "
                                       "without activity.",
                                       "The previous session was erased after %u minutes "
                                       "without activity.", minutes), minutes);
  kiosk_window_show_notice (self, text);
  g_clear_handle_id (&self->idle_notice_id, g_source_remove);
  self->idle_notice_id = g_timeout_add_seconds (KIOSK_WINDOW_FAREWELL_SECONDS +
                                                IDLE_NOTICE_SECONDS - since_end_s,
                                                idle_notice_done_cb, self);
}

static gboolean
ended_page_done_cb (gpointer user_data)
{
  KioskWindow *self = user_data;

  self->ended_page_id = 0;
  kiosk_window_show_home (self);
  tell_of_an_idle_end (self);
  /* The application may put a new window in this one's place. */
  g_signal_emit (self, signals[FAREWELL_DONE], 0);
  return G_SOURCE_REMOVE;
}

static void
session_ended_cb (KioskSessionManager *manager,
                  KioskEndReason       reason,
                  guint                seconds,
                  KioskWindow         *self)
{
  kiosk_home_view_clear_search (self->home_view);

  /* After a crash there is nobody to tell. */
  if (reason == KIOSK_END_CRASH_RECOVERY)
    return;

  kiosk_window_show_page (self, KIOSK_WINDOW_PAGE_ENDED);
  /* Never early (g_timeout_add_seconds() may be): a window built once
   * the farewell is done must find it done (station_bound_cb()).
   */
  self->ended_page_id = g_timeout_add (KIOSK_WINDOW_FAREWELL_SECONDS * 1000, ended_page_done_cb,
                                       self);
}

static void
idle_countdown_cb (KioskStation *station,
                   int           seconds_left,
                   KioskWindow  *self)
{
  if (seconds_left < 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->idle_question), FALSE);
      return;
    }

  kiosk_idle_question_set_seconds_left (self->idle_question, seconds_left);
  kiosk_idle_question_set_asked_by_desk (self->idle_question,
                                         kiosk_station_get_end_asked (station));

  /* Someone who ended their session and walked away from the survey
   * still ended it themselves.
   */
  if (gtk_widget_get_visible (GTK_WIDGET (self->survey)))
    {
      kiosk_survey_cancel (self->survey);
      kiosk_window_end_session (self, KIOSK_END_LOGOUT);
      return;
    }

  /* The voice stops as the question shows (kiosk-window-voice.c). */
  if (!gtk_widget_get_visible (GTK_WIDGET (self->idle_question)))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->end_question), FALSE);
      kiosk_idle_question_ask (self->idle_question);
    }
}

static void
time_limit_warning_cb (KioskStation *station,
                       int           minutes_left,
                       KioskWindow  *self)
{
  g_autofree char *text = NULL;

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Your session will end in %d minute. Print or keep what "
                                       "you need now.",
                                       "Your session will end in %d minutes. Print or keep what "
                                       "you need now.",
                                       minutes_left),
                          minutes_left);
  kiosk_window_show_notice (self, text);
}

/* @message is staff's word to residents, in big type; @detail, why the
 * kiosk itself stopped, in small print for staff.
 */
static void
show_out_of_service (KioskWindow *self,
                     const char  *message,
                     const char  *detail)
{
  self->out_of_service = TRUE;
  gtk_label_set_label (self->out_of_service_text,
                       message != NULL ? message
                                       : _("Please use another computer, or ask a mediator at "
                                           "the desk. Thank you!"));
  gtk_label_set_label (self->out_of_service_detail,
                       message == NULL && detail != NULL ? detail : "");
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
  gtk_revealer_set_reveal_child (self->notice_revealer, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->idle_question), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->end_question), FALSE);
  kiosk_window_show_page (self, KIOSK_WINDOW_PAGE_OUT_OF_SERVICE);
}

static void
state_changed_cb (KioskStation *station,
                  GParamSpec   *pspec,
                  KioskWindow  *self)
{
  KioskSessionManager *manager = self->manager;
  KioskStationState state = kiosk_station_get_state (station);

  if (state == KIOSK_STATION_IN_USE)
    kiosk_print_flow_prepare (self->print_flow);

  if (state == KIOSK_STATION_OUT_OF_SERVICE)
    show_out_of_service (self, kiosk_session_manager_get_out_of_service_message (manager),
                         kiosk_session_manager_get_out_of_service_reason (manager));
  else if (self->out_of_service)
    {
      /* Staff brought the station back. */
      self->out_of_service = FALSE;
      kiosk_window_show_home (self);
    }
}

static void
searched_cb (KioskHomeView *home_view,
             KioskWindow   *self)
{
  if (self->manager != NULL)
    kiosk_session_manager_note_choice (self->manager);
}

static void
profile_changed_cb (KioskSessionManager *manager,
                    GParamSpec          *pspec,
                    KioskWindow         *self)
{
  kiosk_home_view_set_config (self->home_view, self->config,
                              kiosk_session_manager_get_profile (manager));
}

/* While a mediator helps, a discreet line under the toolbar says so, and
 * for how long: the resident knows they are not alone with the station,
 * and the mediator sees the time going.
 */
static gboolean
update_assisted_banner (gpointer user_data)
{
  KioskWindow *self = user_data;
  KioskStation *station = self->manager != NULL
                            ? kiosk_session_manager_get_station (self->manager) : NULL;
  GDateTime *since = station != NULL ? kiosk_station_get_assisted_since (station) : NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *text = NULL;
  guint minutes;

  if (since == NULL)
    {
      self->assisted_tick_id = 0;
      gtk_revealer_set_reveal_child (self->assisted_revealer, FALSE);
      return G_SOURCE_REMOVE;
    }

  now = g_date_time_new_now_utc ();
  minutes = (guint) MAX (0, g_date_time_difference (now, since) / G_TIME_SPAN_MINUTE);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "With a mediator · %u minute",
                                       "With a mediator · %u minutes", minutes), minutes);
  gtk_label_set_label (self->assisted_label, text);
  gtk_revealer_set_reveal_child (self->assisted_revealer, TRUE);
  return G_SOURCE_CONTINUE;
}

static void
assisted_changed_cb (KioskStation *station,
                     GParamSpec   *pspec,
                     KioskWindow  *self)
{
  g_clear_handle_id (&self->assisted_tick_id, g_source_remove);
  if (update_assisted_banner (self))
    self->assisted_tick_id = g_timeout_add_seconds (20, update_assisted_banner, self);
}

static void
help_requested_cb (KioskStation *station,
                   GParamSpec   *pspec,
                   KioskWindow  *self)
{
  gboolean requested = kiosk_station_get_help_requested (station);
  GtkApplication *application;
  KioskRemote *remote;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.call-mediator", !requested);

  /* Answered: a mediator is here, or the session ended. Another notice
   * (the time limit's) stays.
   */
  if (!requested)
    {
      if (self->help_notice_shown)
        gtk_revealer_set_reveal_child (self->notice_revealer, FALSE);
      self->help_notice_shown = FALSE;
      return;
    }

  /* "Told" only when a desk console is really listening: without the
   * station API, or with no console asking, nobody would come.
   */
  application = gtk_window_get_application (GTK_WINDOW (self));
  remote = KIOSK_IS_APPLICATION (application)
             ? kiosk_application_get_remote (KIOSK_APPLICATION (application)) : NULL;
  if (kiosk_remote_desk_is_listening (remote))
    kiosk_window_show_notice (self, _("A mediator has been told. Someone will come to you soon."));
  else
    kiosk_window_show_notice (self, _("Please go to the reception desk: a mediator will help you "
                                      "there."));
  self->help_notice_shown = TRUE;
}

/* A mediator at the desk said they go: the resident may stop looking
 * around for someone.
 */
static void
help_taken_cb (KioskStation *station,
               GParamSpec   *pspec,
               KioskWindow  *self)
{
  if (kiosk_station_get_help_taken_by (station) == NULL ||
      !kiosk_station_get_help_requested (station))
    return;

  kiosk_window_show_notice (self, _("A mediator is on their way to you."));
  self->help_notice_shown = TRUE;
}

static void
open_staff_panel (KioskWindow *self)
{
  kiosk_staff_panel_open (self->staff_panel);
}

static gboolean
staff_press_held_cb (gpointer user_data)
{
  KioskWindow *self = user_data;

  self->staff_press_id = 0;
  open_staff_panel (self);
  return G_SOURCE_REMOVE;
}

/* Touch screens have no keyboard for the staff chord: a press held in
 * the top-left corner opens the panel instead. GTK's long-press gesture
 * cannot wait that long, so the press is timed here. Whatever was pressed
 * (a button, the page) loses the press when the panel makes it
 * insensitive.
 */
static void
track_staff_press (KioskWindow *self,
                   GdkEvent    *event)
{
  double x, y;

  switch (gdk_event_get_event_type (event))
    {
    case GDK_BUTTON_PRESS:
    case GDK_TOUCH_BEGIN:
      g_clear_handle_id (&self->staff_press_id, g_source_remove);
      if (gdk_event_get_position (event, &x, &y) &&
          x <= STAFF_CORNER_SIZE && y <= STAFF_CORNER_SIZE)
        self->staff_press_id = g_timeout_add (STAFF_PRESS_SECONDS * 1000,
                                              staff_press_held_cb, self);
      break;
    case GDK_BUTTON_RELEASE:
    case GDK_TOUCH_END:
    case GDK_TOUCH_CANCEL:
      g_clear_handle_id (&self->staff_press_id, g_source_remove);
      break;
    default:
      break;
    }
}

static gboolean
input_event_cb (GtkEventControllerLegacy *controller,
                GdkEvent                 *event,
                KioskWindow              *self)
{
  GdkEventType type = gdk_event_get_event_type (event);

  if (type == GDK_KEY_PRESS || type == GDK_KEY_RELEASE)
    {
      GdkModifierType modifiers = gdk_event_get_modifier_state (event) &
                                  ~gdk_key_event_get_consumed_modifiers (event);

      if (kiosk_keyboard_is_staff_chord (gdk_key_event_get_keyval (event), modifiers))
        {
          if (type == GDK_KEY_PRESS)
            open_staff_panel (self);
          return GDK_EVENT_STOP;
        }

      /* Refused keys reach neither GTK (its inspector, its bindings) nor
       * the page.
       */
      if (!kiosk_keyboard_allows (gdk_key_event_get_keyval (event), modifiers))
        {
          if (self->manager != NULL)
            kiosk_session_manager_note_activity (self->manager);
          return GDK_EVENT_STOP;
        }
    }

  track_staff_press (self, event);

  switch (type)
    {
    case GDK_KEY_PRESS:
    case GDK_BUTTON_PRESS:
    case GDK_TOUCH_BEGIN:
      /* Someone is here: "Session erased" has been read. */
      /* A touch ends the farewell at once (as its end would, at idle:
       * the application may put a new window in this one's place).
       */
      if (kiosk_window_get_visible_page (self) == KIOSK_WINDOW_PAGE_ENDED &&
          self->ended_page_id != 0)
        {
          g_source_remove (self->ended_page_id);
          self->ended_page_id = g_idle_add (ended_page_done_cb, self);
        }
      G_GNUC_FALLTHROUGH;
    case GDK_MOTION_NOTIFY:
    case GDK_SCROLL:
    case GDK_TOUCH_UPDATE:
    case GDK_TOUCHPAD_SWIPE:
    case GDK_TOUCHPAD_PINCH:
      if (self->manager != NULL)
        kiosk_session_manager_note_activity (self->manager);
      break;
    default:
      break;
    }

  return GDK_EVENT_PROPAGATE;
}

static void
viewer_loaded_cb (WebKitWebView *viewer,
                  GParamSpec    *pspec,
                  KioskWindow   *self)
{
  if (webkit_web_view_is_loading (viewer))
    return;

  g_signal_handlers_disconnect_by_func (viewer, viewer_loaded_cb, self);
  if (self->user_session != NULL)
    kiosk_print_flow_print_page (self->print_flow, self->user_session, viewer, NULL);
}

static void
print_document_cb (KioskDocumentsView *documents_view,
                   GFile              *document,
                   KioskWindow        *self)
{
  g_autofree char *name = g_file_get_basename (document);
  WebKitWebView *viewer;
  GFile *shown;

  if (self->user_session == NULL)
    return;

  if (kiosk_document_classify (name, NULL, NULL) == KIOSK_DOCUMENT_PDF)
    {
      kiosk_print_flow_print_document (self->print_flow, self->user_session, document);
      return;
    }

  /* An image or a text is printed as WebKit draws it, once shown. */
  shown = kiosk_documents_view_get_shown (documents_view);
  if ((shown == NULL || !g_file_equal (shown, document)) &&
      !kiosk_documents_view_show_document (documents_view, document))
    return;

  viewer = kiosk_documents_view_get_viewer (documents_view);
  g_signal_connect_object (viewer, "notify::is-loading", G_CALLBACK (viewer_loaded_cb), self, 0);
  viewer_loaded_cb (viewer, NULL, self);
}

static void
survey_finished_cb (KioskSurvey *survey,
                    KioskWindow *self)
{
  kiosk_window_end_session (self, KIOSK_END_LOGOUT);
}

static void
staff_quit_requested_cb (KioskStaffPanel *panel,
                         KioskWindow     *self)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

  /* As at any stop: the window goes and the session is wiped; the
   * application ends with its last window.
   */
  kiosk_application_stop_station (KIOSK_APPLICATION (application));
}

static void
kiosk_window_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  KioskWindow *self = KIOSK_WINDOW (object);

  switch (prop_id)
    {
    case PROP_HIGH_CONTRAST:
      g_value_set_boolean (value, self->user_session != NULL &&
                                  kiosk_user_session_get_high_contrast (self->user_session));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_window_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  KioskWindow *self = KIOSK_WINDOW (object);

  switch (prop_id)
    {
    case PROP_HIGH_CONTRAST:
      if (self->user_session != NULL)
        {
          kiosk_user_session_set_high_contrast (self->user_session, g_value_get_boolean (value));
          kiosk_session_manager_note_choice (self->manager);
          apply_high_contrast (self);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_window_dispose (GObject *object)
{
  KioskWindow *self = KIOSK_WINDOW (object);

  g_clear_handle_id (&self->ended_page_id, g_source_remove);
  g_clear_handle_id (&self->idle_notice_id, g_source_remove);
  g_clear_handle_id (&self->assisted_tick_id, g_source_remove);
  g_clear_handle_id (&self->staff_press_id, g_source_remove);

  kiosk_window_let_go (self);
  if (self->voice != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->voice, self);
      kiosk_voice_stop (self->voice);
      g_clear_object (&self->voice);
    }
  g_clear_weak_pointer (&self->read_view);
  g_clear_object (&self->station_signals);
  g_clear_object (&self->manager_signals);
  g_clear_object (&self->manager);
  gtk_widget_dispose_template (GTK_WIDGET (self), KIOSK_TYPE_WINDOW);
  g_clear_object (&self->config);
  g_clear_object (&self->text_size);

  G_OBJECT_CLASS (kiosk_window_parent_class)->dispose (object);
}

static void
kiosk_window_class_init (KioskWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_window_dispose;
  object_class->get_property = kiosk_window_get_property;
  object_class->set_property = kiosk_window_set_property;

  /* The resident's choice, kept with their session; for the toggle. */
  properties[PROP_HIGH_CONTRAST] =
    g_param_spec_boolean ("high-contrast", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KioskWindow::farewell-done:
   * @self: the window
   *
   * The one who left has read that their session was erased, in their
   * language: the home screen is for the next person now.
   */
  signals[FAREWELL_DONE] =
    g_signal_new ("farewell-done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (KIOSK_TYPE_HOME_VIEW);
  g_type_ensure (KIOSK_TYPE_WRAP_LABEL);
  g_type_ensure (KIOSK_TYPE_READING_RULER);
  g_type_ensure (KIOSK_TYPE_IDLE_QUESTION);
  g_type_ensure (KIOSK_TYPE_DOCUMENTS_VIEW);
  g_type_ensure (KIOSK_TYPE_END_QUESTION);
  g_type_ensure (KIOSK_TYPE_PROBLEM_PAGE);
  g_type_ensure (KIOSK_TYPE_UPLOAD_CHOOSER);
  g_type_ensure (KIOSK_TYPE_PRINT_FLOW);
  g_type_ensure (KIOSK_TYPE_SIGN_IN_QUESTION);
  g_type_ensure (KIOSK_TYPE_SURVEY);
  g_type_ensure (KIOSK_TYPE_STAFF_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/pimms/Kiosk/kiosk-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, content);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, toolbar);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, page_box);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, reading_ruler);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, home_button);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, end_session_button);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, help_button);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, help_label);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, assisted_revealer);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, assisted_label);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, navigation_buttons);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, text_size_buttons);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, listen_button);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, listen_icon);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, listen_label);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, voice_revealer);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, documents_button);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, documents_button_label);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, documents_view);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, upload_chooser);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, print_flow);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, survey);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, staff_panel);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, notice_revealer);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, notice_label);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, home_view);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, browser_box);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, popup_frame);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, popup_box);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, problem_page);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, out_of_service_text);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, out_of_service_detail);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, idle_question);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, end_question);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, sign_in_question);
  gtk_widget_class_bind_template_callback (widget_class, print_document_cb);
  gtk_widget_class_bind_template_callback (widget_class, survey_finished_cb);
  gtk_widget_class_bind_template_callback (widget_class, staff_quit_requested_cb);

  kiosk_window_class_add_actions (widget_class);
  kiosk_window_class_add_voice_actions (widget_class);
}

static void
kiosk_window_init (KioskWindow *self)
{
  GtkEventController *input = gtk_event_controller_legacy_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->text_size = kiosk_text_size_new (gtk_widget_get_display (GTK_WIDGET (self)));
  kiosk_window_update_actions (self);

  /* Seen before any widget, the web view included, so that any input
   * anywhere keeps the session alive.
   */
  gtk_event_controller_set_propagation_phase (input, GTK_PHASE_CAPTURE);
  g_signal_connect (input, "event", G_CALLBACK (input_event_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), input);

  GtkWidget *questions[] = {
    GTK_WIDGET (self->idle_question), GTK_WIDGET (self->end_question),
    GTK_WIDGET (self->sign_in_question), GTK_WIDGET (self->upload_chooser),
    GTK_WIDGET (self->print_flow), GTK_WIDGET (self->survey), GTK_WIDGET (self->staff_panel),
  };

  g_signal_connect (self, "map", G_CALLBACK (window_mapped_cb), self);
  for (guint i = 0; i < G_N_ELEMENTS (questions); i++)
    g_signal_connect (questions[i], "notify::visible", G_CALLBACK (overlay_visible_cb), self);
  kiosk_window_init_page_questions (self);
  g_signal_connect (self->home_view, "searched", G_CALLBACK (searched_cb), self);
}

/* The window shows the station as it is when it is built, then follows
 * it: its session, the state, a help request, the profile, and a session
 * that ended a moment ago (in another language) still said erased.
 */
static void
station_bound_cb (GSignalGroup        *group,
                  KioskSessionManager *manager,
                  KioskWindow         *self)
{
  gint64 last_end = kiosk_session_manager_get_last_end_time (manager);
  gint64 since_end_ms = (g_get_monotonic_time () - last_end) / 1000;

  if (kiosk_session_manager_get_user_session (manager) != NULL)
    session_started_cb (manager, kiosk_session_manager_get_user_session (manager), self);
  profile_changed_cb (manager, NULL, self);
  help_requested_cb (kiosk_session_manager_get_station (manager), NULL, self);
  assisted_changed_cb (kiosk_session_manager_get_station (manager), NULL, self);
  state_changed_cb (kiosk_session_manager_get_station (manager), NULL, self);
  if (self->out_of_service)
    return;

  if (last_end != 0 && since_end_ms < KIOSK_WINDOW_FAREWELL_SECONDS * 1000)
    {
      kiosk_window_show_page (self, KIOSK_WINDOW_PAGE_ENDED);
      self->ended_page_id = g_timeout_add (KIOSK_WINDOW_FAREWELL_SECONDS * 1000 - since_end_ms,
                                           ended_page_done_cb, self);
    }
  else
    {
      kiosk_window_show_home (self);
      tell_of_an_idle_end (self);
    }
}

/* The session's web view leaves the window: the station goes on, and a
 * new window (in a new language) may show it.
 */
static void
station_unbound_cb (GSignalGroup *group,
                    KioskWindow  *self)
{
  if (self->user_session != NULL)
    session_ending_cb (self->manager, self->user_session, self);
}

/**
 * kiosk_window_let_go:
 * @self: a #KioskWindow
 *
 * Stops showing the station, before the window is destroyed (GTK may keep
 * a destroyed window a little longer): the session's web view and the
 * station's signals are the next window's to take.
 */
void
kiosk_window_let_go (KioskWindow *self)
{
  g_return_if_fail (KIOSK_IS_WINDOW (self));

  if (self->station_signals != NULL)
    g_signal_group_set_target (self->station_signals, NULL);
  if (self->manager_signals != NULL)
    g_signal_group_set_target (self->manager_signals, NULL);
}

static void
follow_station (KioskWindow         *self,
                KioskConfig         *config,
                KioskSessionManager *manager)
{
  self->config = g_object_ref (config);
  kiosk_home_view_set_config (self->home_view, config, NULL);
  kiosk_print_flow_set_config (self->print_flow, config);
  kiosk_staff_panel_set_station (self->staff_panel, config, manager);

  self->manager = g_object_ref (manager);
  self->manager_signals = g_signal_group_new (KIOSK_TYPE_SESSION_MANAGER);
  g_signal_group_connect (self->manager_signals, "session-started",
                          G_CALLBACK (session_started_cb), self);
  g_signal_group_connect (self->manager_signals, "session-ending",
                          G_CALLBACK (session_ending_cb), self);
  g_signal_group_connect (self->manager_signals, "session-ended",
                          G_CALLBACK (session_ended_cb), self);
  g_signal_group_connect (self->manager_signals, "notify::profile",
                          G_CALLBACK (profile_changed_cb), self);
  g_signal_connect (self->manager_signals, "bind", G_CALLBACK (station_bound_cb), self);
  g_signal_connect (self->manager_signals, "unbind", G_CALLBACK (station_unbound_cb), self);

  /* The station's state and clocks, from the station itself. */
  self->station_signals = g_signal_group_new (KIOSK_TYPE_STATION);
  g_signal_group_connect (self->station_signals, "idle-countdown",
                          G_CALLBACK (idle_countdown_cb), self);
  g_signal_group_connect (self->station_signals, "time-limit-warning",
                          G_CALLBACK (time_limit_warning_cb), self);
  g_signal_group_connect (self->station_signals, "notify::state",
                          G_CALLBACK (state_changed_cb), self);
  g_signal_group_connect (self->station_signals, "notify::help-requested",
                          G_CALLBACK (help_requested_cb), self);
  g_signal_group_connect (self->station_signals, "notify::help-taken-by",
                          G_CALLBACK (help_taken_cb), self);
  g_signal_group_connect (self->station_signals, "notify::assisted",
                          G_CALLBACK (assisted_changed_cb), self);

  g_signal_group_set_target (self->station_signals, kiosk_session_manager_get_station (manager));
  g_signal_group_set_target (self->manager_signals, manager);
}

/**
 * kiosk_window_new:
 * @application: the #KioskApplication, its station started
 *
 * Builds the kiosk window, in the language now set, showing the
 * application's station as it is. A station with no config only ever
 * shows the out-of-service screen.
 *
 * Returns: (transfer full): a new #KioskWindow
 */
KioskWindow *
kiosk_window_new (GtkApplication *application)
{
  KioskApplication *kiosk = KIOSK_APPLICATION (application);
  KioskSessionManager *manager;
  KioskWindow *self;

  g_return_val_if_fail (KIOSK_IS_APPLICATION (application), NULL);

  self = g_object_new (KIOSK_TYPE_WINDOW, "application", application, NULL);
  manager = kiosk_application_get_session_manager (kiosk);
  if (manager == NULL)
    {
      show_out_of_service (self, NULL, kiosk_application_get_failure (kiosk));
      return self;
    }

  follow_station (self, kiosk_application_get_config (kiosk), manager);
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
  kiosk_window_show_page (self, KIOSK_WINDOW_PAGE_HOME);
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
  KioskProfile *profile;

  g_return_if_fail (KIOSK_IS_WINDOW (self));
  g_return_if_fail (KIOSK_IS_SERVICE (service));

  if (self->out_of_service || self->user_session == NULL)
    return;

  /* A workshop's service opens only while staff have its profile on
   * (its pages would all be refused anyway).
   */
  profile = kiosk_session_manager_get_profile (self->manager);
  if (kiosk_service_get_profile (service) != NULL &&
      (profile == NULL ||
       g_strcmp0 (kiosk_service_get_profile (service), kiosk_profile_get_id (profile)) != 0))
    {
      g_warning ("Service %s is not opened: its profile %s is off",
                 kiosk_service_get_id (service), kiosk_service_get_profile (service));
      return;
    }

  kiosk_session_manager_open_service (self->manager, service);
  kiosk_window_show_page (self, KIOSK_WINDOW_PAGE_BROWSER);
  gtk_widget_grab_focus (GTK_WIDGET (kiosk_user_session_get_web_view (self->user_session)));
}

/**
 * kiosk_window_end_session:
 * @self: a #KioskWindow
 * @reason: why the session ends
 *
 * Wipes the user session at once, without asking, and says so on screen
 * before the home screen comes back.
 */
void
kiosk_window_end_session (KioskWindow    *self,
                          KioskEndReason  reason)
{
  g_return_if_fail (KIOSK_IS_WINDOW (self));

  if (self->manager != NULL)
    kiosk_session_manager_end_session (self->manager, reason);
}

/**
 * kiosk_window_set_out_of_service:
 * @self: a #KioskWindow
 * @detail: (nullable): a technical line for staff, shown in small print
 *
 * Puts the station out of service for good: the user session is wiped
 * and no browsing is possible any more from this window.
 */
void
kiosk_window_set_out_of_service (KioskWindow *self,
                                 const char  *detail)
{
  g_return_if_fail (KIOSK_IS_WINDOW (self));

  if (self->manager != NULL && detail != NULL)
    {
      kiosk_session_manager_set_out_of_service (self->manager, detail);
      return;
    }

  if (detail != NULL)
    g_warning ("Out of service: %s", detail);
  show_out_of_service (self, NULL, detail);
}

/**
 * kiosk_window_get_visible_page:
 * @self: a #KioskWindow
 *
 * Returns: what the window shows under its toolbar
 */
KioskWindowPage
kiosk_window_get_visible_page (KioskWindow *self)
{
  const char *name;

  g_return_val_if_fail (KIOSK_IS_WINDOW (self), KIOSK_WINDOW_PAGE_HOME);

  name = gtk_stack_get_visible_child_name (self->stack);
  for (guint page = 0; page < G_N_ELEMENTS (page_names); page++)
    if (g_strcmp0 (name, page_names[page]) == 0)
      return page;
  g_return_val_if_reached (KIOSK_WINDOW_PAGE_HOME);
}

/**
 * kiosk_window_get_visible_question:
 * @self: a #KioskWindow
 *
 * Returns: the question over the page, or %KIOSK_WINDOW_QUESTION_NONE
 */
KioskWindowQuestion
kiosk_window_get_visible_question (KioskWindow *self)
{
  g_return_val_if_fail (KIOSK_IS_WINDOW (self), KIOSK_WINDOW_QUESTION_NONE);

  if (gtk_widget_get_visible (GTK_WIDGET (self->idle_question)))
    return KIOSK_WINDOW_QUESTION_IDLE;
  if (gtk_widget_get_visible (GTK_WIDGET (self->end_question)))
    return KIOSK_WINDOW_QUESTION_END_SESSION;
  if (gtk_widget_get_visible (GTK_WIDGET (self->sign_in_question)))
    return KIOSK_WINDOW_QUESTION_SIGN_IN;
  if (gtk_widget_get_visible (GTK_WIDGET (self->upload_chooser)))
    return KIOSK_WINDOW_QUESTION_UPLOAD;
  if (gtk_widget_get_visible (GTK_WIDGET (self->print_flow)))
    return KIOSK_WINDOW_QUESTION_PRINT;
  if (gtk_widget_get_visible (GTK_WIDGET (self->survey)))
    return KIOSK_WINDOW_QUESTION_SURVEY;
  if (gtk_widget_get_visible (GTK_WIDGET (self->staff_panel)))
    return KIOSK_WINDOW_QUESTION_STAFF;
  return KIOSK_WINDOW_QUESTION_NONE;
}
