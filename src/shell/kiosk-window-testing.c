/* kiosk-window-testing.c — what the tests read of the kiosk window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-window"

#include "config.h"

#include "kiosk-window-testing.h"
#include "kiosk-window-private.h"

#include "kiosk-application.h"

/* The tests look at the window as a resident would: the page and the
 * question on screen, by the names the tests have always compared, and
 * the words shown. The program itself goes through kiosk-window.h only.
 */

/**
 * kiosk_window_get_page:
 * @self: a #KioskWindow
 *
 * Returns: what the window shows: "home", "browser", "documents",
 *   "refused", "ended" or "out-of-service"
 */
const char *
kiosk_window_get_page (KioskWindow *self)
{
  g_return_val_if_fail (KIOSK_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * kiosk_window_get_question:
 * @self: a #KioskWindow
 *
 * Returns: (nullable): the question over the page: "idle" (are you still
 *   there?), "end-session" (end your session?), "authentication" (a site
 *   asks for a user name and password), "upload" (a site asks for a file),
 *   "print" (printing a document or a page), "survey" (the optional
 *   questions to someone leaving), "staff" (the staff panel), or %NULL
 */
const char *
kiosk_window_get_question (KioskWindow *self)
{
  static const char * const question_names[] = {
    [KIOSK_WINDOW_QUESTION_NONE] = NULL,
    [KIOSK_WINDOW_QUESTION_IDLE] = "idle",
    [KIOSK_WINDOW_QUESTION_END_SESSION] = "end-session",
    [KIOSK_WINDOW_QUESTION_SIGN_IN] = "authentication",
    [KIOSK_WINDOW_QUESTION_UPLOAD] = "upload",
    [KIOSK_WINDOW_QUESTION_PRINT] = "print",
    [KIOSK_WINDOW_QUESTION_SURVEY] = "survey",
    [KIOSK_WINDOW_QUESTION_STAFF] = "staff",
  };

  KioskWindowQuestion question;

  g_return_val_if_fail (KIOSK_IS_WINDOW (self), NULL);

  question = kiosk_window_get_visible_question (self);
  if (question == KIOSK_WINDOW_QUESTION_IDLE &&
      kiosk_idle_question_get_asked_by_desk (self->idle_question))
    return "desk-asks-to-end";

  return question_names[question];
}

/**
 * kiosk_window_get_idle_chime:
 * @self: a #KioskWindow
 *
 * Returns: (transfer none): what the idle question plays when it appears
 */
KioskChime *
kiosk_window_get_idle_chime (KioskWindow *self)
{
  g_return_val_if_fail (KIOSK_IS_WINDOW (self), NULL);

  return kiosk_idle_question_get_chime (self->idle_question);
}

/**
 * kiosk_window_get_question_text:
 * @self: a #KioskWindow
 *
 * Returns: the changing text of the question shown, as the user reads it
 */
const char *
kiosk_window_get_question_text (KioskWindow *self)
{
  g_return_val_if_fail (KIOSK_IS_WINDOW (self), NULL);

  if (gtk_widget_get_visible (GTK_WIDGET (self->idle_question)))
    return kiosk_idle_question_get_text (self->idle_question);
  if (gtk_widget_get_visible (GTK_WIDGET (self->sign_in_question)))
    return kiosk_sign_in_question_get_text (self->sign_in_question);
  return kiosk_end_question_get_text (self->end_question);
}

/**
 * kiosk_window_get_notice:
 * @self: a #KioskWindow
 *
 * Returns: (nullable): the notice shown under the toolbar, if any
 */
const char *
kiosk_window_get_notice (KioskWindow *self)
{
  g_return_val_if_fail (KIOSK_IS_WINDOW (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->notice_revealer))
    return NULL;
  return gtk_label_get_label (self->notice_label);
}

/**
 * kiosk_window_get_assisted_text:
 * @self: a #KioskWindow
 *
 * Returns: (nullable): the line under the toolbar that says a mediator
 *   helps, and for how long, or %NULL when it is not shown
 */
const char *
kiosk_window_get_assisted_text (KioskWindow *self)
{
  g_return_val_if_fail (KIOSK_IS_WINDOW (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->assisted_revealer))
    return NULL;
  return gtk_label_get_label (self->assisted_label);
}

/**
 * kiosk_window_get_title:
 * @self: a #KioskWindow
 *
 * Returns: the title in the middle of the toolbar, as the user reads it
 */
const char *
kiosk_window_get_title (KioskWindow *self)
{
  g_return_val_if_fail (KIOSK_IS_WINDOW (self), NULL);

  return gtk_label_get_label (self->title_label);
}

/**
 * kiosk_window_get_refused_title:
 * @self: a #KioskWindow
 *
 * Returns: the title of the refusal page, as the user reads it
 */
const char *
kiosk_window_get_refused_title (KioskWindow *self)
{
  g_return_val_if_fail (KIOSK_IS_WINDOW (self), NULL);

  return kiosk_problem_page_get_title (self->problem_page);
}

/**
 * kiosk_window_get_refused_place:
 * @self: a #KioskWindow
 *
 * Returns: (nullable): what the refusal page names, as the user reads it
 */
const char *
kiosk_window_get_refused_place (KioskWindow *self)
{
  g_return_val_if_fail (KIOSK_IS_WINDOW (self), NULL);

  return kiosk_problem_page_get_place (self->problem_page);
}

/**
 * kiosk_window_get_out_of_service_text:
 * @self: a #KioskWindow
 *
 * Returns: what the out-of-service screen tells residents under its title
 */
const char *
kiosk_window_get_out_of_service_text (KioskWindow *self)
{
  g_return_val_if_fail (KIOSK_IS_WINDOW (self), NULL);

  return gtk_label_get_label (self->out_of_service_text);
}

/**
 * kiosk_window_is_out_of_service:
 * @self: a #KioskWindow
 *
 * Returns: whether the window shows the station out of service, for
 *   good or until staff bring it back
 */
gboolean
kiosk_window_is_out_of_service (KioskWindow *self)
{
  g_return_val_if_fail (KIOSK_IS_WINDOW (self), FALSE);

  return self->out_of_service;
}

/**
 * kiosk_window_shows_title:
 * @self: a #KioskWindow
 *
 * Returns: whether the toolbar shows the page's title (it gives its
 *   place to Listen where the screen is too narrow for both)
 */
gboolean
kiosk_window_shows_title (KioskWindow *self)
{
  g_return_val_if_fail (KIOSK_IS_WINDOW (self), FALSE);

  return gtk_widget_get_visible (GTK_WIDGET (self->title_label));
}

/**
 * kiosk_window_get_toolbar:
 * @self: a #KioskWindow
 *
 * Returns: (transfer none): the toolbar with Home and "End my session"
 */
GtkWidget *
kiosk_window_get_toolbar (KioskWindow *self)
{
  g_return_val_if_fail (KIOSK_IS_WINDOW (self), NULL);

  return self->toolbar;
}

/**
 * kiosk_window_get_home_view:
 * @self: a #KioskWindow
 *
 * Returns: (transfer none): the home screen
 */
KioskHomeView *
kiosk_window_get_home_view (KioskWindow *self)
{
  g_return_val_if_fail (KIOSK_IS_WINDOW (self), NULL);

  return self->home_view;
}

/**
 * kiosk_window_get_documents_view:
 * @self: a #KioskWindow
 *
 * Returns: (transfer none): the "My documents" page
 */
KioskDocumentsView *
kiosk_window_get_documents_view (KioskWindow *self)
{
  g_return_val_if_fail (KIOSK_IS_WINDOW (self), NULL);

  return self->documents_view;
}

/**
 * kiosk_window_get_upload_chooser:
 * @self: a #KioskWindow
 *
 * Returns: (transfer none): the chooser a page's file field opens
 */
KioskUploadChooser *
kiosk_window_get_upload_chooser (KioskWindow *self)
{
  g_return_val_if_fail (KIOSK_IS_WINDOW (self), NULL);

  return self->upload_chooser;
}

/**
 * kiosk_window_get_print_flow:
 * @self: a #KioskWindow
 *
 * Returns: (transfer none): the questions and messages of printing
 */
KioskPrintFlow *
kiosk_window_get_print_flow (KioskWindow *self)
{
  g_return_val_if_fail (KIOSK_IS_WINDOW (self), NULL);

  return self->print_flow;
}

/**
 * kiosk_window_get_survey:
 * @self: a #KioskWindow
 *
 * Returns: (transfer none): the optional questions to someone leaving
 */
KioskSurvey *
kiosk_window_get_survey (KioskWindow *self)
{
  g_return_val_if_fail (KIOSK_IS_WINDOW (self), NULL);

  return self->survey;
}

/**
 * kiosk_window_get_staff_panel:
 * @self: a #KioskWindow
 *
 * Returns: (transfer none): the mediators' panel
 */
KioskStaffPanel *
kiosk_window_get_staff_panel (KioskWindow *self)
{
  g_return_val_if_fail (KIOSK_IS_WINDOW (self), NULL);

  return self->staff_panel;
}

/**
 * kiosk_window_get_remote:
 * @self: a #KioskWindow
 *
 * Returns: (transfer none) (nullable): the station API, when it runs
 */
KioskRemote *
kiosk_window_get_remote (KioskWindow *self)
{
  g_return_val_if_fail (KIOSK_IS_WINDOW (self), NULL);

  return kiosk_application_get_remote (
    KIOSK_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
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
 * kiosk_window_get_session_manager:
 * @self: a #KioskWindow
 *
 * Returns: (transfer none) (nullable): the owner of the user sessions, or
 *   %NULL when the config could not be loaded
 */
KioskSessionManager *
kiosk_window_get_session_manager (KioskWindow *self)
{
  g_return_val_if_fail (KIOSK_IS_WINDOW (self), NULL);

  return self->manager;
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
