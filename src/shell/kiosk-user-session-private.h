/* kiosk-user-session-private.h — what the rooms of a user session share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kiosk-user-session.h"

#include "kiosk-question-guard.h"

G_BEGIN_DECLS

/* A user session owns everything a resident's browsing can leave behind:
 * an ephemeral network session (cookies, storage, cache, HSTS and
 * credentials live only in memory), a web context (its web processes) and
 * the web view with its history.
 * Ending a session means dropping this object and making a new one.
 * Where its views may go is judged in kiosk-user-session-navigation.c;
 * its popups are in kiosk-user-session-popups.c.
 */
struct _KioskUserSession
{
  GObject               parent_instance;

  KioskConfig          *config;
  KioskProfile         *profile;
  KioskService         *service;
  WebKitWebContext     *web_context;
  char                 *private_dir;
  GListStore           *documents;
  guint                 printed_pages;
  gboolean              high_contrast;
  double                text_scale;
  KioskVoiceSpeed       reading_speed;  /* for the session only */
  char                 *failed_uri;
  gint64                last_replaced_page_back;
  gboolean              refused_certificate;
  KioskQuestionGuard   *question_guard;
  WebKitNetworkSession *network_session;
  WebKitWebView        *web_view;
  /* The policy as WebKit's content blocker applies it, for the service in
   * use: until it is in place, a load the kiosk cannot tell to be a page's
   * or a frame's is refused (kiosk-user-session-navigation.c).
   */
  GCancellable         *document_rules_cancellable;
  gboolean              document_rules_ready;
  KioskServiceRules    *service_rules;  /* compiled ahead, or not yet */
  /* The config's blocked hosts, compiled once for all sessions; a
   * service waits for them (load_waits_for_blocks).
   */
  WebKitUserContentFilter *block_filter;
  gboolean              load_waits_for_blocks;
  /* What it refused, while staff record it (the learning mode): in
   * memory only, gone with the session.
   */
  gboolean              learning;
  GPtrArray            *learned;
  /* The popups its pages opened, oldest first, shown over the page
   * (kiosk-user-session-popups.c).
   */
  GListStore           *popups;
  /* Its web process started ahead of the first tap, on an empty document
   * (kiosk_user_session_prepare()); warming while that load runs.
   */
  gboolean              prepared;
  gboolean              warming;
  gboolean              service_waits_for_warm_up;
  /* Refused loads left to the content blocker, by address: a frame's
   * unless the page fails on it (kiosk-user-session-navigation.c).
   */
  GHashTable           *left_to_the_blocker;
};

void kiosk_user_session_emit_navigation_refused (KioskUserSession *self,
                                                 const char       *scheme,
                                                 const char       *place,
                                                 KioskVerdict      verdict);
void kiosk_user_session_emit_page_failed        (KioskUserSession *self,
                                                 KioskPageProblem  problem,
                                                 const char       *host);
void kiosk_user_session_record_refusal          (KioskUserSession *self,
                                                 KioskRefusalKind  kind,
                                                 const KioskUrl   *url);
void kiosk_user_session_forget_frames           (KioskUserSession *self);
void kiosk_user_session_watch_resources         (KioskUserSession         *self,
                                                 WebKitUserContentManager *manager);
void kiosk_user_session_close_popups            (KioskUserSession *self);
void kiosk_user_session_watch_view              (KioskUserSession *self,
                                                 WebKitWebView    *web_view);
void kiosk_user_session_watch_navigation        (KioskUserSession *self,
                                                 WebKitWebView    *web_view);
gboolean kiosk_user_session_view_is_on_payment_page (WebKitWebView *web_view);
KioskVerdict kiosk_user_session_judge_document  (KioskUserSession  *self,
                                                 WebKitWebView     *web_view,
                                                 const char        *address,
                                                 KioskUrl         **site);
void kiosk_user_session_load_service            (KioskUserSession *self);
void kiosk_user_session_warm_up                 (KioskUserSession *self);
WebKitWebView *kiosk_user_session_open_popup    (KioskUserSession *self,
                                                 WebKitWebView    *opener);

G_END_DECLS
