/* kiosk-idle-question.h — "Are you still there?", counting down to the wipe
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-chime.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_IDLE_QUESTION (kiosk_idle_question_get_type ())
G_DECLARE_FINAL_TYPE (KioskIdleQuestion, kiosk_idle_question, KIOSK, IDLE_QUESTION, GtkWidget)

void        kiosk_idle_question_ask              (KioskIdleQuestion *self);
void        kiosk_idle_question_set_seconds_left (KioskIdleQuestion *self,
                                                  int                seconds_left);
void        kiosk_idle_question_set_asked_by_desk (KioskIdleQuestion *self,
                                                   gboolean           asked);
gboolean    kiosk_idle_question_get_asked_by_desk (KioskIdleQuestion *self);
const char *kiosk_idle_question_get_text         (KioskIdleQuestion *self);
KioskChime *kiosk_idle_question_get_chime        (KioskIdleQuestion *self);

G_END_DECLS
