/* kiosk-end-question.h — "End your session?", asked before everything is erased
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KIOSK_TYPE_END_QUESTION (kiosk_end_question_get_type ())
G_DECLARE_FINAL_TYPE (KioskEndQuestion, kiosk_end_question, KIOSK, END_QUESTION, GtkWidget)

void        kiosk_end_question_ask      (KioskEndQuestion *self,
                                         guint             n_documents);
const char *kiosk_end_question_get_text (KioskEndQuestion *self);

G_END_DECLS
