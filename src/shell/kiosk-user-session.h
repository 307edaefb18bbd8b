/* kiosk-user-session.h — one resident's browsing: network session and web view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <webkit/webkit.h>

#include "kiosk-config.h"
#include "kiosk-policy.h"
#include "kiosk-question-guard.h"
#include "kiosk-refusals.h"
#include "kiosk-service-rules.h"
#include "kiosk-voice.h"

G_BEGIN_DECLS

/* Why a page could not be shown. */
typedef enum
{
  KIOSK_PAGE_PROBLEM_INSECURE,      /* its site's certificate could not be trusted */
  KIOSK_PAGE_PROBLEM_NO_CONNECTION, /* the site, the proxy or the network did not answer */
  KIOSK_PAGE_PROBLEM_STOPPED,       /* the process drawing it crashed or was killed */
  KIOSK_PAGE_PROBLEM_CLIENT_CERTIFICATE, /* its site asks for a certificate of the user's */
  KIOSK_PAGE_PROBLEM_PAYMENT_STOPPED, /* a payment page went where the kiosk does not go */
} KioskPageProblem;

#define KIOSK_TYPE_USER_SESSION (kiosk_user_session_get_type ())
G_DECLARE_FINAL_TYPE (KioskUserSession, kiosk_user_session, KIOSK, USER_SESSION, GObject)

KioskUserSession *kiosk_user_session_new          (KioskConfig      *config,
                                                   KioskProfile     *profile,
                                                   KioskServiceRules *service_rules,
                                                   const char       *private_dir);
void              kiosk_user_session_follow_language (KioskUserSession *self);
void              kiosk_user_session_set_high_contrast (KioskUserSession *self,
                                                        gboolean          high_contrast);
gboolean          kiosk_user_session_get_high_contrast (KioskUserSession *self);
void              kiosk_user_session_set_text_scale    (KioskUserSession *self,
                                                        double            text_scale);
double            kiosk_user_session_get_text_scale    (KioskUserSession *self);
void              kiosk_user_session_set_reading_speed (KioskUserSession *self,
                                                        KioskVoiceSpeed   speed);
KioskVoiceSpeed   kiosk_user_session_get_reading_speed (KioskUserSession *self);
void              kiosk_user_session_set_block_filter  (KioskUserSession        *self,
                                                        WebKitUserContentFilter *filter);
void              kiosk_user_session_retry_page        (KioskUserSession *self);
WebKitWebView    *kiosk_user_session_get_web_view (KioskUserSession *self);
KioskService     *kiosk_user_session_get_service  (KioskUserSession *self);
gboolean          kiosk_user_session_is_on_payment_page (KioskUserSession *self);
GListModel       *kiosk_user_session_get_popups   (KioskUserSession *self);
WebKitWebView    *kiosk_user_session_get_front_view (KioskUserSession *self);
void              kiosk_user_session_close_popup  (KioskUserSession *self,
                                                   WebKitWebView    *popup);
void              kiosk_user_session_close        (KioskUserSession *self);
void              kiosk_user_session_set_learning (KioskUserSession *self,
                                                   gboolean          learning);
gboolean          kiosk_user_session_get_learning (KioskUserSession *self);
void              kiosk_user_session_prepare      (KioskUserSession *self);
gboolean          kiosk_user_session_is_prepared  (KioskUserSession *self);
GPtrArray        *kiosk_user_session_get_learned  (KioskUserSession *self);
GListModel       *kiosk_user_session_get_documents (KioskUserSession *self);
const char       *kiosk_user_session_get_private_dir (KioskUserSession *self);
KioskQuestionGuard *kiosk_user_session_get_question_guard (KioskUserSession *self);
void              kiosk_user_session_count_printed_pages (KioskUserSession *self,
                                                          guint             n_pages);
guint             kiosk_user_session_get_printed_pages (KioskUserSession *self);
GFile            *kiosk_user_session_take_document (KioskUserSession  *self,
                                                   GFile             *source,
                                                   GError           **error);
WebKitWebView    *kiosk_user_session_create_viewer (KioskUserSession *self,
                                                   GFile            *document);
void              kiosk_user_session_open_service (KioskUserSession *self,
                                                   KioskService     *service);

G_END_DECLS
