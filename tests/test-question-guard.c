/* test-question-guard.c — how often a page may make the kiosk ask the resident
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-test"

#include "config.h"

#include "kiosk-question-guard.h"

/* Issue 24: print() every 300 ms brought "Print this page?" back after
 * each Cancel. Two "no" in a row, and the page is not asked again.
 */
static void
test_two_cancels_in_a_row_silence_the_page (void)
{
  g_autoptr(KioskQuestionGuard) guard = kiosk_question_guard_new ();

  g_assert_true (kiosk_question_guard_may_ask (guard, KIOSK_QUESTION_PRINT));
  kiosk_question_guard_answered (guard, KIOSK_QUESTION_PRINT, TRUE);
  g_assert_true (kiosk_question_guard_may_ask (guard, KIOSK_QUESTION_PRINT));
  kiosk_question_guard_answered (guard, KIOSK_QUESTION_PRINT, TRUE);

  for (guint i = 0; i < 10; i++)
    g_assert_false (kiosk_question_guard_may_ask (guard, KIOSK_QUESTION_PRINT));
}

/* A yes between two no is a resident who wants it: the count of no starts
 * again.
 */
static void
test_a_yes_breaks_the_row (void)
{
  g_autoptr(KioskQuestionGuard) guard = kiosk_question_guard_new ();

  g_assert_true (kiosk_question_guard_may_ask (guard, KIOSK_QUESTION_SIGN_IN));
  kiosk_question_guard_answered (guard, KIOSK_QUESTION_SIGN_IN, TRUE);
  g_assert_true (kiosk_question_guard_may_ask (guard, KIOSK_QUESTION_SIGN_IN));
  kiosk_question_guard_answered (guard, KIOSK_QUESTION_SIGN_IN, FALSE);
  g_assert_true (kiosk_question_guard_may_ask (guard, KIOSK_QUESTION_SIGN_IN));
  kiosk_question_guard_answered (guard, KIOSK_QUESTION_SIGN_IN, TRUE);
}

/* Even a resident who says yes each time is asked only a few times by one
 * page: a site has no reason to print the same page over and over.
 */
static void
test_a_few_times_per_page (void)
{
  g_autoptr(KioskQuestionGuard) guard = kiosk_question_guard_new ();

  for (guint i = 0; i < KIOSK_QUESTION_GUARD_MAX_ASKS; i++)
    {
      g_assert_true (kiosk_question_guard_may_ask (guard, KIOSK_QUESTION_FILE));
      kiosk_question_guard_answered (guard, KIOSK_QUESTION_FILE, FALSE);
    }
  g_assert_false (kiosk_question_guard_may_ask (guard, KIOSK_QUESTION_FILE));

  /* Told, not asked: a document shown or refused counts too. */
  for (guint i = 0; i < KIOSK_QUESTION_GUARD_MAX_ASKS; i++)
    g_assert_true (kiosk_question_guard_may_ask (guard, KIOSK_QUESTION_DOCUMENT));
  g_assert_false (kiosk_question_guard_may_ask (guard, KIOSK_QUESTION_DOCUMENT));
}

/* No to the sign-in does not stop the page's own Print button. */
static void
test_each_kind_counts_alone (void)
{
  g_autoptr(KioskQuestionGuard) guard = kiosk_question_guard_new ();

  for (guint i = 0; i < KIOSK_QUESTION_GUARD_MAX_CANCELS; i++)
    {
      g_assert_true (kiosk_question_guard_may_ask (guard, KIOSK_QUESTION_SIGN_IN));
      kiosk_question_guard_answered (guard, KIOSK_QUESTION_SIGN_IN, TRUE);
    }
  g_assert_false (kiosk_question_guard_may_ask (guard, KIOSK_QUESTION_SIGN_IN));
  g_assert_true (kiosk_question_guard_may_ask (guard, KIOSK_QUESTION_PRINT));
  g_assert_true (kiosk_question_guard_may_ask (guard, KIOSK_QUESTION_FILE));
  g_assert_true (kiosk_question_guard_may_ask (guard, KIOSK_QUESTION_DOCUMENT));
}

/* A new page load is a new page: it may ask again. */
static void
test_a_new_page_starts_afresh (void)
{
  g_autoptr(KioskQuestionGuard) guard = kiosk_question_guard_new ();

  for (guint i = 0; i < KIOSK_QUESTION_GUARD_MAX_CANCELS; i++)
    {
      g_assert_true (kiosk_question_guard_may_ask (guard, KIOSK_QUESTION_PRINT));
      kiosk_question_guard_answered (guard, KIOSK_QUESTION_PRINT, TRUE);
    }
  for (guint i = 0; i < KIOSK_QUESTION_GUARD_MAX_ASKS; i++)
    g_assert_true (kiosk_question_guard_may_ask (guard, KIOSK_QUESTION_DOCUMENT));
  g_assert_false (kiosk_question_guard_may_ask (guard, KIOSK_QUESTION_PRINT));
  g_assert_false (kiosk_question_guard_may_ask (guard, KIOSK_QUESTION_DOCUMENT));

  kiosk_question_guard_new_page (guard);
  g_assert_true (kiosk_question_guard_may_ask (guard, KIOSK_QUESTION_PRINT));
  g_assert_true (kiosk_question_guard_may_ask (guard, KIOSK_QUESTION_DOCUMENT));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/question-guard/two-cancels-in-a-row-silence-the-page",
                   test_two_cancels_in_a_row_silence_the_page);
  g_test_add_func ("/core/question-guard/a-yes-breaks-the-row", test_a_yes_breaks_the_row);
  g_test_add_func ("/core/question-guard/a-few-times-per-page", test_a_few_times_per_page);
  g_test_add_func ("/core/question-guard/each-kind-counts-alone", test_each_kind_counts_alone);
  g_test_add_func ("/core/question-guard/a-new-page-starts-afresh",
                   test_a_new_page_starts_afresh);

  return g_test_run ();
}
