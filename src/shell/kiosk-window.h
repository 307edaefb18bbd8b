/* kiosk-window.h — the kiosk's only window: toolbar, home screen, web view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-config.h"
#include "kiosk-session-manager.h"
#include "kiosk-user-session.h"

G_BEGIN_DECLS

/* What the window shows under its toolbar. */
typedef enum
{
  KIOSK_WINDOW_PAGE_HOME,           /* the service tiles */
  KIOSK_WINDOW_PAGE_BROWSER,        /* a service's pages */
  KIOSK_WINDOW_PAGE_DOCUMENTS,      /* "My documents" */
  KIOSK_WINDOW_PAGE_REFUSED,        /* a page refused or not shown (KioskProblemPage) */
  KIOSK_WINDOW_PAGE_ENDED,          /* "Session erased" */
  KIOSK_WINDOW_PAGE_OUT_OF_SERVICE,
} KioskWindowPage;

/* The question over the page, at most one at a time. */
typedef enum
{
  KIOSK_WINDOW_QUESTION_NONE,
  KIOSK_WINDOW_QUESTION_IDLE,        /* are you still there? (KioskIdleQuestion) */
  KIOSK_WINDOW_QUESTION_END_SESSION, /* end your session? (KioskEndQuestion) */
  KIOSK_WINDOW_QUESTION_SIGN_IN,     /* a site's user name and password (KioskSignInQuestion) */
  KIOSK_WINDOW_QUESTION_UPLOAD,      /* a file for a site (KioskUploadChooser) */
  KIOSK_WINDOW_QUESTION_PRINT,       /* printing (KioskPrintFlow) */
  KIOSK_WINDOW_QUESTION_SURVEY,      /* the optional questions to someone leaving */
  KIOSK_WINDOW_QUESTION_STAFF,       /* the staff panel */
} KioskWindowQuestion;

/* How long "Session effacée — vous pouvez partir" stays on screen. */
#define KIOSK_WINDOW_FAREWELL_SECONDS 4

#define KIOSK_TYPE_WINDOW (kiosk_window_get_type ())
G_DECLARE_FINAL_TYPE (KioskWindow, kiosk_window, KIOSK, WINDOW, GtkApplicationWindow)

KioskWindow         *kiosk_window_new                  (GtkApplication *application);
void                 kiosk_window_let_go               (KioskWindow    *self);
void                 kiosk_window_show_home            (KioskWindow    *self);
void                 kiosk_window_open_service         (KioskWindow    *self,
                                                        KioskService   *service);
void                 kiosk_window_end_session          (KioskWindow    *self,
                                                        KioskEndReason  reason);
void                 kiosk_window_set_out_of_service   (KioskWindow    *self,
                                                        const char     *detail);
KioskWindowPage      kiosk_window_get_visible_page     (KioskWindow    *self);
KioskWindowQuestion  kiosk_window_get_visible_question (KioskWindow    *self);

G_END_DECLS
