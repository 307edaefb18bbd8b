/* kiosk-question-guard.h — how often a page may make the kiosk ask the resident
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The kinds of question a page can make the kiosk show. */
typedef enum
{
  KIOSK_QUESTION_PRINT,     /* "Print this page?" (window.print()) */
  KIOSK_QUESTION_SIGN_IN,   /* "Sign in" (HTTP authentication) */
  KIOSK_QUESTION_FILE,      /* "Choose a document to send" (a file field) */
  KIOSK_QUESTION_DOCUMENT,  /* a document kept or refused, shown or told */
} KioskQuestion;

#define KIOSK_N_QUESTIONS (KIOSK_QUESTION_DOCUMENT + 1)

/* How many times a page may ask each kind of question per load. */
#define KIOSK_QUESTION_GUARD_MAX_ASKS 3
/* After this many "no" in a row to one kind, the page is not asked again. */
#define KIOSK_QUESTION_GUARD_MAX_CANCELS 2

typedef struct _KioskQuestionGuard KioskQuestionGuard;

KioskQuestionGuard *kiosk_question_guard_new      (void);
void                kiosk_question_guard_free     (KioskQuestionGuard *self);
void                kiosk_question_guard_new_page (KioskQuestionGuard *self);
gboolean            kiosk_question_guard_may_ask  (KioskQuestionGuard *self,
                                                   KioskQuestion       question);
void                kiosk_question_guard_answered (KioskQuestionGuard *self,
                                                   KioskQuestion       question,
                                                   gboolean            cancelled);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KioskQuestionGuard, kiosk_question_guard_free)

G_END_DECLS
