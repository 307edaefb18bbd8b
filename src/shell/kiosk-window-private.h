/* kiosk-window-private.h — what the files of the kiosk window share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kiosk-window.h"

#include "kiosk-documents-view.h"
#include "kiosk-end-question.h"
#include "kiosk-home-view.h"
#include "kiosk-idle-question.h"
#include "kiosk-print-flow.h"
#include "kiosk-problem-page.h"
#include "kiosk-sign-in-question.h"
#include "kiosk-staff-panel.h"
#include "kiosk-survey.h"
#include "kiosk-text-size.h"
#include "kiosk-upload-chooser.h"
#include "kiosk-reading-ruler.h"
#include "kiosk-voice.h"
#include "kiosk-wrap-label.h"

G_BEGIN_DECLS

struct _KioskWindow
{
  GtkApplicationWindow  parent_instance;

  /* The application's station, which the window shows. */
  KioskConfig          *config;
  KioskSessionManager  *manager;
  GSignalGroup         *manager_signals;
  GSignalGroup         *station_signals;
  KioskUserSession     *user_session;
  KioskTextSize        *text_size;
  gboolean              out_of_service;
  guint                 ended_page_id;
  guint                 idle_notice_id;
  gboolean              help_notice_shown;  /* the notice says the call was heard */
  guint                 staff_press_id;
  KioskWindowPage       page_before_documents;
  /* The question the page shown made the kiosk ask, still unanswered:
   * at most one at a time (kiosk-window-page-questions.c).
   */
  gboolean              page_asking;
  KioskQuestion         page_question;
  guint                 printed_before_document;
  /* The voice, once a sound device is found (kiosk-window-voice.c). */
  KioskVoice           *voice;
  gboolean              looked_for_sound;
  gboolean              reading_page;
  /* The page read aloud, while it is: the sentence heard shows on it. */
  WebKitWebView        *read_view;

  /* Template widgets */
  GtkWidget            *content;
  GtkWidget            *toolbar;
  GtkWidget            *page_box;
  GtkWidget            *home_button;
  GtkWidget            *end_session_button;
  GtkWidget            *help_button;
  KioskWrapLabel       *help_label;
  GtkWidget            *navigation_buttons;
  GtkWidget            *text_size_buttons;
  GtkWidget            *listen_button;
  GtkImage             *listen_icon;
  KioskWrapLabel       *listen_label;
  GtkRevealer          *voice_revealer;
  KioskReadingRuler    *reading_ruler;
  GtkWidget            *documents_button;
  GtkLabel             *documents_button_label;
  GtkLabel             *title_label;
  GtkProgressBar       *progress_bar;
  GtkRevealer          *notice_revealer;
  GtkRevealer          *assisted_revealer;
  GtkLabel             *assisted_label;
  guint                 assisted_tick_id;
  GtkLabel             *notice_label;
  GtkStack             *stack;
  KioskHomeView        *home_view;
  KioskDocumentsView   *documents_view;
  KioskUploadChooser   *upload_chooser;
  KioskPrintFlow       *print_flow;
  KioskSurvey          *survey;
  KioskStaffPanel      *staff_panel;
  GtkBox               *browser_box;
  GtkWidget            *popup_frame;
  GtkWidget            *popup_box;
  KioskProblemPage     *problem_page;
  GtkLabel             *out_of_service_text;
  GtkLabel             *out_of_service_detail;
  KioskIdleQuestion    *idle_question;
  KioskEndQuestion     *end_question;
  KioskSignInQuestion  *sign_in_question;
};

/* kiosk-window.c */
void kiosk_window_show_page   (KioskWindow     *self,
                               KioskWindowPage  page);
void kiosk_window_show_notice (KioskWindow     *self,
                               const char      *text);

/* kiosk-window-page-questions.c */
void     kiosk_window_init_page_questions   (KioskWindow      *self);
void     kiosk_window_follow_page_questions (KioskWindow      *self,
                                             KioskUserSession *user_session);
gboolean kiosk_window_page_may_ask          (KioskWindow      *self,
                                             KioskQuestion     question);
void     kiosk_window_leave_page_questions  (KioskWindow      *self,
                                             KioskWindowPage   next_page);
void     kiosk_window_leave_page            (KioskWindow      *self);

/* kiosk-window-popups.c */
void     kiosk_window_follow_popups (KioskWindow      *self,
                                     KioskUserSession *user_session);
void     kiosk_window_leave_popups  (KioskWindow      *self,
                                     KioskUserSession *user_session);
gboolean kiosk_window_has_popup     (KioskWindow      *self);

/* kiosk-window-actions.c */
void     kiosk_window_init_voice              (KioskWindow      *self);
void     kiosk_window_follow_voice            (KioskWindow      *self,
                                               KioskUserSession *user_session);
void     kiosk_window_stop_voice              (KioskWindow      *self);
void     kiosk_window_place_listen_button     (KioskWindow      *self);
void     kiosk_window_voice_update_actions    (KioskWindow      *self);
void     kiosk_window_class_add_voice_actions (GtkWidgetClass   *widget_class);

void kiosk_window_class_add_actions (GtkWidgetClass  *widget_class);
void kiosk_window_update_actions    (KioskWindow     *self);

G_END_DECLS
