/* kiosk-sign-in-question.h — a site's request for a user name and password
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <webkit/webkit.h>

G_BEGIN_DECLS

#define KIOSK_TYPE_SIGN_IN_QUESTION (kiosk_sign_in_question_get_type ())
G_DECLARE_FINAL_TYPE (KioskSignInQuestion, kiosk_sign_in_question, KIOSK, SIGN_IN_QUESTION,
                      GtkWidget)

void        kiosk_sign_in_question_ask      (KioskSignInQuestion         *self,
                                             WebKitAuthenticationRequest *request);
void        kiosk_sign_in_question_answer   (KioskSignInQuestion         *self,
                                             gboolean                     sign_in);
const char *kiosk_sign_in_question_get_text (KioskSignInQuestion         *self);

G_END_DECLS
