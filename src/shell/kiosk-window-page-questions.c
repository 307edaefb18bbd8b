/* kiosk-window-page-questions.c — what a page may make the kiosk ask: print, sign in, a file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-window"

#include "config.h"

#include "kiosk-window-private.h"

#include "kiosk-document.h"

#include <glib/gi18n.h>

/* The one door through which a page's request becomes a question of the
 * kiosk's (print, sign in, choose a file, a document kept or refused):
 * only over the page the resident sees, one question at a time, and as
 * often as the session's KioskQuestionGuard still lets that page ask.
 * Whatever does not pass is refused without asking.
 */
gboolean
kiosk_window_page_may_ask (KioskWindow   *self,
                           KioskQuestion  question)
{
  if (self->user_session == NULL || self->out_of_service || self->page_asking ||
      kiosk_window_get_visible_question (self) != KIOSK_WINDOW_QUESTION_NONE ||
      kiosk_window_get_visible_page (self) != KIOSK_WINDOW_PAGE_BROWSER)
    return FALSE;

  return kiosk_question_guard_may_ask (kiosk_user_session_get_question_guard (self->user_session),
                                       question);
}

/* The kiosk now asks @question for the page, until it is answered. */
static void
page_asks (KioskWindow   *self,
           KioskQuestion  question)
{
  self->page_asking = TRUE;
  self->page_question = question;
  if (question == KIOSK_QUESTION_DOCUMENT)
    self->printed_before_document = kiosk_user_session_get_printed_pages (self->user_session);
}

static void
page_question_answered (KioskWindow   *self,
                        KioskQuestion  question,
                        gboolean       cancelled)
{
  if (!self->page_asking || self->page_question != question)
    return;

  self->page_asking = FALSE;
  if (self->user_session != NULL)
    kiosk_question_guard_answered (kiosk_user_session_get_question_guard (self->user_session),
                                   question, cancelled);
}

/* A document shown at once was wanted if it was printed. */
static void
answer_document_question (KioskWindow *self)
{
  if (self->page_asking && self->page_question == KIOSK_QUESTION_DOCUMENT)
    page_question_answered (self, KIOSK_QUESTION_DOCUMENT,
                            self->user_session == NULL ||
                            kiosk_user_session_get_printed_pages (self->user_session) ==
                            self->printed_before_document);
}

/* The questions over the page belong to it: when the resident leaves it
 * (Home, "End my session", another page), they go too, answered no. A
 * job already on its way to the printer is still followed to its end, to
 * be counted.
 */
static void
drop_page_questions (KioskWindow *self)
{
  if (gtk_widget_get_visible (GTK_WIDGET (self->print_flow)) &&
      g_strcmp0 (kiosk_print_flow_get_step (self->print_flow), "printing") != 0)
    kiosk_print_flow_cancel (self->print_flow);
  kiosk_upload_chooser_cancel (self->upload_chooser);
  kiosk_sign_in_question_answer (self->sign_in_question, FALSE);
}

/**
 * kiosk_window_leave_page:
 * @self: a #KioskWindow
 *
 * The page shown goes (back, forward, reload, the end of the session):
 * its questions go with it.
 */
void
kiosk_window_leave_page (KioskWindow *self)
{
  answer_document_question (self);
  drop_page_questions (self);
}

/**
 * kiosk_window_leave_page_questions:
 * @self: a #KioskWindow
 * @next_page: the page about to be shown
 *
 * Before @next_page is shown: the questions of the page shown go, unless
 * it stays; a document shown at once is answered, unless it is "My
 * documents" that shows it.
 */
void
kiosk_window_leave_page_questions (KioskWindow     *self,
                                   KioskWindowPage  next_page)
{
  if (next_page != KIOSK_WINDOW_PAGE_DOCUMENTS)
    answer_document_question (self);
  if (next_page != kiosk_window_get_visible_page (self))
    drop_page_questions (self);
}

static void
document_added_cb (KioskUserSession *user_session,
                   GFile            *file,
                   gboolean          downloaded,
                   KioskWindow      *self)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *text = NULL;

  /* A scan the resident chose is no page's doing. A page that gives
   * document after document has them kept, but not shown or told each
   * time: "My documents" lists them all.
   */
  if (downloaded && !kiosk_window_page_may_ask (self, KIOSK_QUESTION_DOCUMENT))
    return;

  text = g_strdup_printf (_("Your document is kept in “My documents”: %s"), name);
  kiosk_window_show_notice (self, text);

  /* The resident asked for it: it is shown at once, with its Print
   * button.
   */
  if (downloaded)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.show-documents", NULL);
      kiosk_documents_view_show_document (self->documents_view, file);
      page_asks (self, KIOSK_QUESTION_DOCUMENT);
    }
}

static void
document_refused_cb (KioskUserSession *user_session,
                     const char       *name,
                     KioskWindow      *self)
{
  /* The site's own name for the file, so a mediator can tell what it was. */
  g_autofree char *text = NULL;

  if (!kiosk_window_page_may_ask (self, KIOSK_QUESTION_DOCUMENT))
    return;

  text = g_strdup_printf (_("This file was not kept: programs and unknown kinds of files are "
                            "not accepted on this computer (%s)."),
                          name != NULL ? name : "?");
  kiosk_window_show_notice (self, text);
}

static gboolean
upload_requested_cb (KioskUserSession         *user_session,
                     WebKitFileChooserRequest *request,
                     KioskWindow              *self)
{
  /* Not handled: the session answers the page with no file. */
  if (!kiosk_window_page_may_ask (self, KIOSK_QUESTION_FILE))
    return FALSE;

  page_asks (self, KIOSK_QUESTION_FILE);
  kiosk_upload_chooser_ask (self->upload_chooser, user_session, request,
                            kiosk_config_get_upload_folder (self->config));
  return TRUE;
}

static void
authentication_requested_cb (KioskUserSession            *user_session,
                             WebKitAuthenticationRequest *request,
                             KioskWindow                 *self)
{
  if (!kiosk_window_page_may_ask (self, KIOSK_QUESTION_SIGN_IN))
    {
      webkit_authentication_request_cancel (request);
      return;
    }

  page_asks (self, KIOSK_QUESTION_SIGN_IN);
  kiosk_sign_in_question_ask (self->sign_in_question, request);
}

static void
sign_in_answered_cb (KioskSignInQuestion *question,
                     gboolean             signed_in,
                     KioskWindow         *self)
{
  page_question_answered (self, KIOSK_QUESTION_SIGN_IN, !signed_in);
}

static void
sign_in_withdrawn_cb (KioskSignInQuestion *question,
                      KioskWindow         *self)
{
  /* Not an answer of the resident's: the page may ask again. */
  self->page_asking = FALSE;
}

static gboolean
print_requested_cb (KioskUserSession     *user_session,
                    WebKitWebView        *web_view,
                    WebKitPrintOperation *operation,
                    KioskWindow          *self)
{
  GFile *shown = kiosk_documents_view_get_shown (self->documents_view);
  g_autofree char *name = shown != NULL ? g_file_get_basename (shown) : NULL;

  /* The kiosk's own viewer shows a document of the session, no site's
   * page; its Print button prints the document itself, not the viewer's
   * rendering of it.
   */
  if (web_view == kiosk_documents_view_get_viewer (self->documents_view))
    {
      if (kiosk_window_get_visible_question (self) != KIOSK_WINDOW_QUESTION_NONE)
        return TRUE;
      if (kiosk_document_classify (name, NULL, NULL) == KIOSK_DOCUMENT_PDF)
        kiosk_print_flow_print_document (self->print_flow, user_session, shown);
      else
        kiosk_print_flow_print_page (self->print_flow, user_session, web_view, operation);
      return TRUE;
    }

  /* Refused, the page's print operation is not run: nothing is printed. */
  if (!kiosk_window_page_may_ask (self, KIOSK_QUESTION_PRINT))
    return TRUE;

  page_asks (self, KIOSK_QUESTION_PRINT);
  kiosk_print_flow_print_page (self->print_flow, user_session, web_view, operation);
  return TRUE;
}

static void
print_flow_closed_cb (KioskPrintFlow *print_flow,
                      gboolean        printed,
                      KioskWindow    *self)
{
  page_question_answered (self, KIOSK_QUESTION_PRINT, !printed);
}

static void
upload_chooser_finished_cb (KioskUploadChooser *upload_chooser,
                            gboolean            chosen,
                            KioskWindow        *self)
{
  page_question_answered (self, KIOSK_QUESTION_FILE, !chosen);
}

/**
 * kiosk_window_follow_page_questions:
 * @self: a #KioskWindow
 * @user_session: the user session that starts
 *
 * Takes the requests of @user_session's pages, until the window lets go
 * of the session's signals.
 */
void
kiosk_window_follow_page_questions (KioskWindow      *self,
                                    KioskUserSession *user_session)
{
  g_signal_connect_object (user_session, "authentication-requested",
                           G_CALLBACK (authentication_requested_cb), self, 0);
  g_signal_connect_object (user_session, "document-added",
                           G_CALLBACK (document_added_cb), self, 0);
  g_signal_connect_object (user_session, "document-refused",
                           G_CALLBACK (document_refused_cb), self, 0);
  g_signal_connect_object (user_session, "upload-requested",
                           G_CALLBACK (upload_requested_cb), self, 0);
  g_signal_connect_object (user_session, "print-requested",
                           G_CALLBACK (print_requested_cb), self, 0);
}

/**
 * kiosk_window_init_page_questions:
 * @self: a #KioskWindow, its template built
 *
 * Follows the answers of the questions a page may raise.
 */
void
kiosk_window_init_page_questions (KioskWindow *self)
{
  g_signal_connect (self->print_flow, "closed", G_CALLBACK (print_flow_closed_cb), self);
  g_signal_connect (self->upload_chooser, "finished", G_CALLBACK (upload_chooser_finished_cb),
                    self);
  g_signal_connect (self->sign_in_question, "answered", G_CALLBACK (sign_in_answered_cb), self);
  g_signal_connect (self->sign_in_question, "withdrawn", G_CALLBACK (sign_in_withdrawn_cb), self);
}
