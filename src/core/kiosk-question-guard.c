/* kiosk-question-guard.c — how often a page may make the kiosk ask the resident
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-question-guard"

#include "config.h"

#include "kiosk-question-guard.h"

/* A page decides when the kiosk asks the resident to print, to sign in, to
 * choose a file, or shows a document: a page that asks again and again
 * (print() on a timer, fetch() of a page that answers 401) would keep the
 * resident in front of the kiosk's own question. The guard is the one
 * place that says whether a page may still ask: a few times per kind of
 * question and page load, and never again once the resident said no to
 * that kind twice in a row. A page loaded anew starts afresh, as the
 * resident sees a new page.
 */
struct _KioskQuestionGuard
{
  guint asked[KIOSK_N_QUESTIONS];
  guint cancelled_in_a_row[KIOSK_N_QUESTIONS];
};

/**
 * kiosk_question_guard_new:
 *
 * Returns: (transfer full): a guard for a page not loaded yet
 */
KioskQuestionGuard *
kiosk_question_guard_new (void)
{
  return g_new0 (KioskQuestionGuard, 1);
}

void
kiosk_question_guard_free (KioskQuestionGuard *self)
{
  g_free (self);
}

/**
 * kiosk_question_guard_new_page:
 * @self: a #KioskQuestionGuard
 *
 * A new page was loaded (its main frame committed): it may ask again.
 */
void
kiosk_question_guard_new_page (KioskQuestionGuard *self)
{
  g_return_if_fail (self != NULL);

  *self = (KioskQuestionGuard) { 0 };
}

/**
 * kiosk_question_guard_may_ask:
 * @self: a #KioskQuestionGuard
 * @question: what the page wants the kiosk to ask
 *
 * Counts the question when it may be asked: call it only when the kiosk
 * then asks.
 *
 * Returns: %TRUE if the kiosk may ask; %FALSE if it must refuse the
 *   page's request without asking
 */
gboolean
kiosk_question_guard_may_ask (KioskQuestionGuard *self,
                              KioskQuestion       question)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (question < KIOSK_N_QUESTIONS, FALSE);

  if (self->cancelled_in_a_row[question] >= KIOSK_QUESTION_GUARD_MAX_CANCELS ||
      self->asked[question] >= KIOSK_QUESTION_GUARD_MAX_ASKS)
    {
      g_debug ("A page was refused question %d without asking", question);
      return FALSE;
    }

  self->asked[question]++;
  return TRUE;
}

/**
 * kiosk_question_guard_answered:
 * @self: a #KioskQuestionGuard
 * @question: a question the page made the kiosk ask
 * @cancelled: %TRUE when the resident said no, or left it unanswered
 *   (Home, "End my session")
 */
void
kiosk_question_guard_answered (KioskQuestionGuard *self,
                               KioskQuestion       question,
                               gboolean            cancelled)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (question < KIOSK_N_QUESTIONS);

  if (cancelled)
    self->cancelled_in_a_row[question]++;
  else
    self->cancelled_in_a_row[question] = 0;
}
