/* kiosk-user-session-navigation.c — where a user session's view may go
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-user-session"

#include "config.h"

#include "kiosk-user-session-private.h"

#include "kiosk-content-rules.h"
#include "kiosk-document.h"
#include "kiosk-startup-trace.h"

#include <string.h>

/* WebKit's code for a load its content blocker stopped
 * (WebCore::blockedByContentBlockerError), which its public enumeration
 * WebKitPolicyError does not name.
 */
#define POLICY_ERROR_BLOCKED_BY_CONTENT_BLOCKER 104

/* Where the page asked to go. */
typedef enum
{
  TARGET_THIS_VIEW,
  TARGET_NEW_WINDOW,
} Target;

/* Whether the page a view shows (committed) is a `[Payment]` host's: a
 * view's own, as a popup may be the payment page while the page under it
 * is not.
 */
#define ON_PAYMENT_PAGE_KEY "kiosk-on-payment-page"

static void
set_on_payment_page (WebKitWebView *web_view,
                     gboolean       on_payment_page)
{
  g_object_set_data (G_OBJECT (web_view), ON_PAYMENT_PAGE_KEY,
                     GINT_TO_POINTER (on_payment_page));
}

gboolean
kiosk_user_session_view_is_on_payment_page (WebKitWebView *web_view)
{
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (web_view), ON_PAYMENT_PAGE_KEY));
}

/* What the resident did: a click, a key, a popup, history. */
static gboolean
navigation_is_the_residents (WebKitNavigationAction *action,
                             Target                  target)
{
  if (target == TARGET_NEW_WINDOW || webkit_navigation_action_is_user_gesture (action))
    return TRUE;

  switch (webkit_navigation_action_get_navigation_type (action))
    {
    case WEBKIT_NAVIGATION_TYPE_LINK_CLICKED:
    case WEBKIT_NAVIGATION_TYPE_BACK_FORWARD:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Until WebKit holds the session's document rules, which tell a page's
 * load from a frame's, the refusal page answers what the resident did, or
 * a form or a redirect, which are more often the page's than a frame's.
 * What a page does by itself (a frame, a timer, a script at load) is then
 * refused silently: replacing the whole page for a frame would make
 * services unusable.
 */
static gboolean
navigation_is_likely_the_pages (WebKitNavigationAction *action)
{
  if (webkit_navigation_action_is_redirect (action))
    return TRUE;

  switch (webkit_navigation_action_get_navigation_type (action))
    {
    case WEBKIT_NAVIGATION_TYPE_FORM_SUBMITTED:
    case WEBKIT_NAVIGATION_TYPE_FORM_RESUBMITTED:
      return TRUE;
    default:
      return FALSE;
    }
}

static KioskPolicyFlags
navigation_flags (WebKitNavigationAction *action,
                  Target                  target)
{
  /* A frame a page creates starts on about:blank (or its srcdoc); that is
   * the one navigation to about:blank the user did not ask for.
   */
  if (target == TARGET_THIS_VIEW &&
      webkit_navigation_action_get_navigation_type (action) == WEBKIT_NAVIGATION_TYPE_OTHER &&
      !webkit_navigation_action_is_user_gesture (action) &&
      !webkit_navigation_action_is_redirect (action))
    return KIOSK_POLICY_INITIAL_DOCUMENT;

  return KIOSK_POLICY_FLAGS_NONE;
}

/* What the refusal page names: the site, or for an e-mail address or a
 * phone number, the address or number itself, so the resident can note
 * it down. Shown on screen only; never logged.
 */
static char *
refused_place (const KioskUrl *url)
{
  if (g_strcmp0 (url->scheme, "mailto") == 0 || g_strcmp0 (url->scheme, "tel") == 0 ||
      g_strcmp0 (url->scheme, "sms") == 0)
    {
      g_autofree char *decoded = g_uri_unescape_string (url->path, NULL);

      if (decoded != NULL && g_utf8_validate (decoded, -1, NULL))
        return g_strdup (decoded);
      return NULL;
    }

  return g_strdup (url->host);
}

/* Tells the resident (through the window's refusal page) that @url, or
 * an address that could not even be parsed, is not for this computer,
 * and records it as a refusal of @kind.
 */
static void
emit_navigation_refused (KioskUserSession *self,
                         const KioskUrl   *url,
                         KioskVerdict      verdict,
                         KioskRefusalKind  kind)
{
  g_autofree char *place = url != NULL ? refused_place (url) : NULL;

  kiosk_user_session_record_refusal (self, kind, url);
  kiosk_user_session_emit_navigation_refused (self, url != NULL ? url->scheme : NULL, place,
                                              verdict);
}

/* A refusal that comes once the view has already left the page (WebKit
 * committed the redirecting load, or a script blanked the page): the view
 * goes back to the page the resident came from, under the refusal page,
 * so that "Back" finds it. A page that keeps doing it is sent back at most
 * every few seconds, not in a loop.
 */
#define REPLACED_PAGE_BACK_INTERVAL_US (3 * G_USEC_PER_SEC)

static void
refuse_replaced_page (KioskUserSession *self,
                      WebKitWebView    *web_view,
                      const KioskUrl   *url,
                      KioskVerdict      verdict)
{
  gint64 now = g_get_monotonic_time ();

  emit_navigation_refused (self, url, verdict, KIOSK_REFUSAL_PAGE);

  if (webkit_web_view_can_go_back (web_view) &&
      now - self->last_replaced_page_back >= REPLACED_PAGE_BACK_INTERVAL_US)
    {
      self->last_replaced_page_back = now;
      webkit_web_view_go_back (web_view);
    }
}

/* A document a script made in the page (an attestation): a `blob:` or
 * `data:` address.
 */
static gboolean
is_made_in_the_page (const char *address)
{
  return g_str_has_prefix (address, "blob:") || g_str_has_prefix (address, "data:");
}

/* A `data:` address says what it holds: a page ("data:text/html,…") is
 * no document, and is refused as a page.
 */
static gboolean
is_a_data_page (const char *address)
{
  g_autofree char *media_type = NULL;
  const char *start;
  gsize length;

  if (!g_str_has_prefix (address, "data:"))
    return FALSE;

  start = address + strlen ("data:");
  length = strcspn (start, ";,");
  media_type = g_ascii_strdown (start, length);
  g_strstrip (media_type);
  return kiosk_document_classify (NULL, media_type, NULL) == KIOSK_DOCUMENT_REFUSED;
}

/* What a script made goes where a site's documents go: WebKit's answer is
 * turned into a download (decide_policy_cb), kept by the site that made it
 * (kiosk_policy_decide_document()), and checked like any document.
 */
static gboolean
document_navigation_is_allowed (KioskUserSession       *self,
                                WebKitWebView          *web_view,
                                WebKitNavigationAction *action,
                                Target                  target,
                                const char             *address)
{
  g_autoptr(KioskUrl) site = NULL;
  KioskVerdict verdict;

  verdict = kiosk_user_session_judge_document (self, web_view, address, &site);
  if (verdict == KIOSK_VERDICT_ALLOW && target == TARGET_THIS_VIEW && !is_a_data_page (address))
    return TRUE;

  g_debug ("Refused a document made in a page: %s", kiosk_verdict_to_string (verdict));
  if (navigation_is_the_residents (action, target) || navigation_is_likely_the_pages (action))
    emit_navigation_refused (self, site,
                             verdict == KIOSK_VERDICT_ALLOW ? KIOSK_VERDICT_DENY_SCHEME : verdict,
                             KIOSK_REFUSAL_DOWNLOAD);
  else
    kiosk_user_session_record_refusal (self, KIOSK_REFUSAL_DOWNLOAD, site);
  return FALSE;
}

/* A refused load left to the content blocker is the page's if the page
 * fails on it (load_failed_cb: the refusal page, counted as a refused
 * site); otherwise a frame's, which WebKit blocks without a word: it is
 * counted as a refused frame once the page has had the time to fail.
 */
#define FRAME_SETTLE_MS 1500

typedef struct
{
  KioskUserSession *self;
  char             *address;
  guint             source_id;
} LeftLoad;

static void
left_load_free (gpointer data)
{
  LeftLoad *left = data;

  g_clear_handle_id (&left->source_id, g_source_remove);
  g_free (left->address);
  g_free (left);
}

static gboolean
frame_refusal_settled_cb (gpointer data)
{
  LeftLoad *left = data;
  KioskUserSession *self = left->self;
  g_autoptr(KioskUrl) url = kiosk_url_parse (left->address, NULL, NULL);

  left->source_id = 0;
  g_hash_table_remove (self->left_to_the_blocker, left->address);
  kiosk_user_session_record_refusal (self, KIOSK_REFUSAL_FRAME, url);
  return G_SOURCE_REMOVE;
}

static void
leave_to_the_blocker (KioskUserSession *self,
                      const char       *address)
{
  LeftLoad *left;

  if (self->left_to_the_blocker == NULL)
    self->left_to_the_blocker = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       left_load_free);

  left = g_new0 (LeftLoad, 1);
  left->self = self;
  left->address = g_strdup (address);
  left->source_id = g_timeout_add (FRAME_SETTLE_MS, frame_refusal_settled_cb, left);
  g_hash_table_replace (self->left_to_the_blocker, g_strdup (address), left);
}

/**
 * kiosk_user_session_forget_frames:
 * @self: a #KioskUserSession
 *
 * Drops what was left to the content blocker and not settled yet, as the
 * session ends.
 */
void
kiosk_user_session_forget_frames (KioskUserSession *self)
{
  g_clear_pointer (&self->left_to_the_blocker, g_hash_table_unref);
}

/* The empty document that readied the session is loaded (or failed, or
 * its process went): a service chosen meanwhile loads now. Its page never
 * races the empty document's last steps, which WebKit may still report
 * after a new load was asked for.
 */
static void
warm_up_ended (KioskUserSession *self)
{
  self->warming = FALSE;
  if (!self->service_waits_for_warm_up)
    return;

  self->service_waits_for_warm_up = FALSE;
  webkit_web_view_load_uri (self->web_view, kiosk_service_get_url (self->service));
}

static gboolean
is_the_warm_up (KioskUserSession *self,
                WebKitWebView    *web_view,
                const char       *uri)
{
  return self->warming && web_view == self->web_view && g_strcmp0 (uri, "about:blank") == 0;
}

/* The one place where a navigation WebKit reports is judged.
 *
 * WebKit does not say whether a navigation is the page's or a frame's:
 * WebKitNavigationAction names no frame, and a web-process extension's
 * WebKitWebPage::send-request comes after this decision (and never for a
 * redirect). Its content blocker does know, in the web process, before a
 * request leaves ("load-context": "top-frame" or "child-frame"). So the
 * judgement is made in two steps: here, whether the address may be
 * anything at all, a page or a frame; then by WebKit, with the rules of
 * kiosk_policy_get_document_rules(), which let a page come from the
 * pages' hosts only, and a frame from the `Frames` hosts too, or from
 * any host below a payment page (the bank's 3-D Secure). A page it
 * blocks fails as "blocked by a content blocker" (load_failed_cb: the
 * refusal page, with the site's name); a frame it blocks stays empty, and
 * the page stays. An address no frame may show either, from a load that
 * may be the page's (a script, a timer, a form, a redirect), goes to the
 * content blocker too, which blocks it wherever it is.
 */
static gboolean
navigation_is_allowed (KioskUserSession       *self,
                       WebKitWebView          *web_view,
                       WebKitNavigationAction *action,
                       Target                  target)
{
  WebKitURIRequest *request = webkit_navigation_action_get_request (action);
  gboolean rules_tell_frames = target == TARGET_THIS_VIEW && self->document_rules_ready;
  KioskPolicyFlags flags = navigation_flags (action, target);
  KioskRefusalKind kind = target == TARGET_NEW_WINDOW ? KIOSK_REFUSAL_POPUP : KIOSK_REFUSAL_PAGE;
  g_autoptr(KioskUrl) url = NULL;
  KioskVerdict verdict;

  /* The kiosk's own empty document, readying a session nobody uses yet
   * (kiosk_user_session_prepare()): no page is there to ask for it.
   */
  if (target == TARGET_THIS_VIEW &&
      is_the_warm_up (self, web_view, webkit_uri_request_get_uri (request)))
    return TRUE;

  if (is_made_in_the_page (webkit_uri_request_get_uri (request)))
    return document_navigation_is_allowed (self, web_view, action, target,
                                           webkit_uri_request_get_uri (request));

  /* A frame belongs to the page shown: the one committed, whose frames
   * WebKit asks for (webkit_web_view_get_uri() is already the next one's
   * while a page loads).
   */
  if (rules_tell_frames)
    flags |= KIOSK_POLICY_FRAME;
  if (rules_tell_frames && kiosk_user_session_view_is_on_payment_page (web_view))
    flags |= KIOSK_POLICY_BELOW_PAYMENT_PAGE;

  verdict = kiosk_policy_decide (kiosk_config_get_policy (self->config), self->profile,
                                 self->service, webkit_uri_request_get_uri (request), flags, &url);
  if (verdict == KIOSK_VERDICT_ALLOW)
    return TRUE;

  if (navigation_is_the_residents (action, target))
    {
      g_debug ("Refused a navigation: %s", kiosk_verdict_to_string (verdict));
      emit_navigation_refused (self, url, verdict, kind);
      return FALSE;
    }

  /* The rules block every address the policy refuses (tests/test-document-rules.c). */
  if (rules_tell_frames && url != NULL &&
      (strcmp (url->scheme, "https") == 0 || strcmp (url->scheme, "http") == 0))
    {
      g_debug ("Left a navigation to the content blocker: %s", kiosk_verdict_to_string (verdict));
      leave_to_the_blocker (self, webkit_uri_request_get_uri (request));
      return TRUE;
    }

  g_debug ("Refused a navigation: %s", kiosk_verdict_to_string (verdict));
  if (!rules_tell_frames && navigation_is_likely_the_pages (action))
    emit_navigation_refused (self, url, verdict, kind);
  else
    kiosk_user_session_record_refusal (self, kind, url);

  return FALSE;
}

static gboolean
decide_navigation (KioskUserSession         *self,
                   WebKitWebView            *web_view,
                   WebKitPolicyDecision     *decision,
                   WebKitPolicyDecisionType  type)
{
  WebKitNavigationAction *action;
  Target target;

  action = webkit_navigation_policy_decision_get_navigation_action (
    WEBKIT_NAVIGATION_POLICY_DECISION (decision));
  target = type == WEBKIT_POLICY_DECISION_TYPE_NEW_WINDOW_ACTION ? TARGET_NEW_WINDOW
                                                                 : TARGET_THIS_VIEW;

  if (!navigation_is_allowed (self, web_view, action, target))
    {
      webkit_policy_decision_ignore (decision);
      return TRUE;
    }

  /* An allowed target=_blank link: WebKit asks for the popup next
   * (create_cb).
   */
  webkit_policy_decision_use (decision);
  return TRUE;
}

/* Documents (attestations, forms) are saved into the session's private
 * folder, which the wipe erases, and listed in "My documents", even a PDF
 * WebKit could show in the page: there it could be printed, but not kept
 * for the next site that asks for it. What WebKit cannot show is handed
 * to the download too, to be kept or refused by its type.
 */
static gboolean
response_is_a_document (WebKitResponsePolicyDecision *decision)
{
  WebKitURIResponse *response = webkit_response_policy_decision_get_response (decision);
  KioskDocumentKind kind;

  /* What a script made is never a page, whatever it says it is. */
  if (!webkit_response_policy_decision_is_mime_type_supported (decision) ||
      is_made_in_the_page (webkit_uri_response_get_uri (response)))
    return TRUE;

  kind = kiosk_document_classify (NULL, webkit_uri_response_get_mime_type (response), NULL);
  return kind == KIOSK_DOCUMENT_PDF || kind == KIOSK_DOCUMENT_OFFICE;
}

/* A document comes from a host a page may come from, or was made by one:
 * a frame's own host (a captcha, a bank) shows, and gives nothing to keep.
 */
static gboolean
document_source_is_allowed (KioskUserSession             *self,
                            WebKitWebView                *web_view,
                            WebKitResponsePolicyDecision *decision)
{
  WebKitURIResponse *response = webkit_response_policy_decision_get_response (decision);
  g_autoptr(KioskUrl) site = NULL;

  if (kiosk_user_session_judge_document (self, web_view, webkit_uri_response_get_uri (response),
                                         &site) == KIOSK_VERDICT_ALLOW)
    return TRUE;

  if (site != NULL)
    kiosk_user_session_record_refusal (self, KIOSK_REFUSAL_DOWNLOAD, site);
  return FALSE;
}

static gboolean
decide_policy_cb (WebKitWebView            *web_view,
                  WebKitPolicyDecision     *decision,
                  WebKitPolicyDecisionType  type,
                  KioskUserSession         *self)
{
  switch (type)
    {
    case WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION:
    case WEBKIT_POLICY_DECISION_TYPE_NEW_WINDOW_ACTION:
      return decide_navigation (self, web_view, decision, type);

    case WEBKIT_POLICY_DECISION_TYPE_RESPONSE:
      if (response_is_a_document (WEBKIT_RESPONSE_POLICY_DECISION (decision)))
        {
          if (!document_source_is_allowed (self, web_view,
                                           WEBKIT_RESPONSE_POLICY_DECISION (decision)))
            {
              g_debug ("Refused a document from a frame's host");
              webkit_policy_decision_ignore (decision);
              return TRUE;
            }
          webkit_policy_decision_download (decision);
          return TRUE;
        }
      return FALSE;

    default:
      webkit_policy_decision_ignore (decision);
      return TRUE;
    }
}
static void
load_changed_cb (WebKitWebView    *web_view,
                 WebKitLoadEvent   load_event,
                 KioskUserSession *self)
{
  g_autoptr(KioskUrl) url = NULL;
  const char *uri;

  if (load_event == WEBKIT_LOAD_STARTED)
    self->refused_certificate = FALSE;

  /* The kiosk's own empty document (kiosk_user_session_prepare()). */
  if (is_the_warm_up (self, web_view, webkit_web_view_get_uri (web_view)))
    {
      if (load_event == WEBKIT_LOAD_FINISHED)
        {
          kiosk_startup_trace_mark ("empty document loaded");
          warm_up_ended (self);
        }
      return;
    }

  if (load_event == WEBKIT_LOAD_FINISHED)
    {
      kiosk_startup_trace_mark ("first page loaded");
      kiosk_startup_trace_finish ();
    }
  if (load_event != WEBKIT_LOAD_COMMITTED)
    return;

  kiosk_startup_trace_mark ("first page committed");

  /* A new page: what the last one asked is no longer held against it. */
  kiosk_question_guard_new_page (self->question_guard);
  set_on_payment_page (web_view,
                       kiosk_policy_is_payment_page (kiosk_config_get_policy (self->config),
                                                     self->service,
                                                     webkit_web_view_get_uri (web_view)));

  /* about:blank is only ever the first document of a frame (the policy
   * lets it through for that); the page itself never becomes one. WebKit
   * does not tell the kiosk which frame a navigation is for, but only the
   * page commits a load the view reports: a script that blanked the whole
   * page gets the refusal page, as any other address no page may use.
   */
  uri = webkit_web_view_get_uri (web_view);
  if (uri == NULL || !g_str_has_prefix (uri, "about:"))
    return;

  g_debug ("Refused a page that became about:blank");
  url = kiosk_url_parse (uri, NULL, NULL);
  refuse_replaced_page (self, web_view, url, KIOSK_VERDICT_DENY_SCHEME);
}

/* Only the host is told: the rest of the address may hold what the
 * resident typed.
 */
static void
emit_page_failed (KioskUserSession *self,
                  KioskPageProblem  problem,
                  const char       *uri)
{
  g_autoptr(KioskUrl) url = uri != NULL ? kiosk_url_parse (uri, NULL, NULL) : NULL;

  kiosk_user_session_emit_page_failed (self, problem, url != NULL ? url->host : NULL);
}

static gboolean
load_failed_with_tls_errors_cb (WebKitWebView        *web_view,
                                const char           *failing_uri,
                                GTlsCertificate      *certificate,
                                GTlsCertificateFlags  errors,
                                KioskUserSession     *self)
{
  /* After a client certificate the kiosk refused, it said why already. */
  if (self->refused_certificate)
    {
      self->refused_certificate = FALSE;
      return TRUE;
    }

  /* The network session already refused the connection; the kiosk only
   * explains, and never offers to go on anyway.
   */
  g_debug ("Refused a connection whose certificate failed (flags %#x)", errors);
  emit_page_failed (self, KIOSK_PAGE_PROBLEM_INSECURE, failing_uri);
  return TRUE;
}

/* WebKit's own error page is in English, technical, and offers nothing
 * to do: the kiosk explains in the resident's language instead.
 */
static gboolean
load_failed_cb (WebKitWebView    *web_view,
                WebKitLoadEvent   load_event,
                const char       *failing_uri,
                GError           *error,
                KioskUserSession *self)
{
  if (is_the_warm_up (self, web_view, failing_uri))
    {
      warm_up_ended (self);
      return TRUE;
    }

  /* Not failures: a load the resident or the page stopped, a navigation
   * the kiosk's policy refused (already explained) or turned into a
   * download.
   */
  if (g_error_matches (error, WEBKIT_NETWORK_ERROR, WEBKIT_NETWORK_ERROR_CANCELLED) ||
      g_error_matches (error, WEBKIT_POLICY_ERROR,
                       WEBKIT_POLICY_ERROR_FRAME_LOAD_INTERRUPTED_BY_POLICY_CHANGE))
    return FALSE;

  /* The site wanted a certificate the kiosk refused to give, and said so:
   * the failed connection that follows says nothing more.
   */
  if (self->refused_certificate)
    {
      self->refused_certificate = FALSE;
      return TRUE;
    }

  /* A site's redirect to a scheme no page may use (data:, say) never
   * reaches the kiosk's policy: WebKit refuses it itself, and would show
   * its own error text. The kiosk explains it as any refusal.
   */
  /* WebKit's content blocker stopped a load of the page itself (the
   * session's document rules): nothing was sent, nothing committed, and
   * the page the resident was on is still there, under the refusal page.
   */
  if (g_error_matches (error, WEBKIT_POLICY_ERROR, POLICY_ERROR_BLOCKED_BY_CONTENT_BLOCKER))
    {
      g_autoptr(KioskUrl) url = kiosk_url_parse (failing_uri, NULL, NULL);

      g_debug ("The content blocker refused a page");
      if (self->left_to_the_blocker != NULL)
        g_hash_table_remove (self->left_to_the_blocker, failing_uri);
      emit_navigation_refused (self, url, KIOSK_VERDICT_DENY_NOT_ALLOWED, KIOSK_REFUSAL_PAGE);
      return TRUE;
    }

  if (error->domain == WEBKIT_POLICY_ERROR)
    {
      g_autoptr(KioskUrl) url = NULL;
      KioskVerdict verdict = kiosk_policy_decide (kiosk_config_get_policy (self->config),
                                                  self->profile, self->service, failing_uri,
                                                  KIOSK_POLICY_FLAGS_NONE, &url);

      if (verdict == KIOSK_VERDICT_ALLOW)
        return FALSE;

      g_debug ("WebKit refused a load: %s", kiosk_verdict_to_string (verdict));
      refuse_replaced_page (self, web_view, url, verdict);
      return TRUE;
    }

  /* The domain and code only, never the address. */
  g_debug ("A page could not be loaded (%s %d)", g_quark_to_string (error->domain), error->code);
  g_free (self->failed_uri);
  self->failed_uri = g_strdup (failing_uri);
  emit_page_failed (self, KIOSK_PAGE_PROBLEM_NO_CONNECTION, failing_uri);
  return TRUE;
}

static void
web_process_terminated_cb (WebKitWebView                     *web_view,
                           WebKitWebProcessTerminationReason  reason,
                           KioskUserSession                  *self)
{
  /* The kiosk itself stopped it: the session is ending. */
  if (reason == WEBKIT_WEB_PROCESS_TERMINATED_BY_API)
    return;

  /* Readied ahead of a tap, nobody's page: the first service starts
   * another.
   */
  if (self->warming || self->service == NULL)
    {
      g_message ("The web process readied for the next session stopped");
      if (web_view == self->web_view)
        warm_up_ended (self);
      return;
    }

  /* A popup shares its page's process: the page says what happened, and
   * the popup, now empty, goes.
   */
  if (web_view != self->web_view)
    {
      kiosk_user_session_close_popup (self, web_view);
      return;
    }

  g_message ("The web process of the page stopped (%s)",
             reason == WEBKIT_WEB_PROCESS_EXCEEDED_MEMORY_LIMIT ? "too much memory" : "crash");
  g_clear_pointer (&self->failed_uri, g_free);
  emit_page_failed (self, KIOSK_PAGE_PROBLEM_STOPPED, webkit_web_view_get_uri (web_view));
}
static GtkWidget *
create_cb (WebKitWebView          *web_view,
           WebKitNavigationAction *action,
           KioskUserSession       *self)
{
  /* window.open() asks for a new view here without going through
   * decide-policy (a target=_blank link comes here once allowed there).
   * An allowed popup is a view of the session, related to its opener
   * (kiosk-user-session-popups.c).
   */
  if (!navigation_is_allowed (self, web_view, action, TARGET_NEW_WINDOW))
    return NULL;

  return (GtkWidget *) kiosk_user_session_open_popup (self, web_view);
}

/* The rules of the service are in place (or WebKit refused them, and the
 * kiosk refuses what it cannot tell apart): its entry page loads.
 */
static void
load_service_page (KioskUserSession *self)
{
  kiosk_startup_trace_mark ("service's rules in place");

  /* The empty document readying the session, still loading, goes first:
   * its process is the one the page needs anyway (warm_up_ended()).
   */
  if (self->warming)
    {
      self->service_waits_for_warm_up = TRUE;
      return;
    }
  webkit_web_view_load_uri (self->web_view, kiosk_service_get_url (self->service));
}

static void
document_rules_installed_cb (GObject      *source,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  g_autoptr(KioskUserSession) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!kiosk_content_rules_install_finish (result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Without them the kiosk refuses what it cannot tell apart: a
       * captcha's frame stays empty, nothing more is allowed.
       */
      g_warning ("WebKit refused the session's document rules: %s", error->message);
    }
  else
    {
      self->document_rules_ready = TRUE;
    }
  load_service_page (self);
}

/**
 * kiosk_user_session_load_service:
 * @self: a #KioskUserSession
 *
 * Gives WebKit the document rules of the session's service and profile,
 * then loads the service's entry page. Until the rules are in place,
 * nothing is left to them.
 */
void
kiosk_user_session_load_service (KioskUserSession *self)
{
  g_autofree char *rules = NULL;
  g_autofree char *store_dir = NULL;
  WebKitUserContentFilter *compiled;

  g_return_if_fail (KIOSK_IS_USER_SESSION (self));
  g_return_if_fail (self->service != NULL);

  /* Nothing loads before the blocked hosts are in place: the service
   * waits for them (kiosk_user_session_set_block_filter()).
   */
  self->load_waits_for_blocks =
    kiosk_policy_blocks_trackers (kiosk_config_get_policy (self->config)) &&
    self->block_filter == NULL;
  if (self->load_waits_for_blocks)
    {
      /* Meanwhile, the session's web process starts. */
      kiosk_user_session_warm_up (self);
      return;
    }

  g_cancellable_cancel (self->document_rules_cancellable);
  g_clear_object (&self->document_rules_cancellable);
  self->document_rules_cancellable = g_cancellable_new ();
  self->document_rules_ready = FALSE;

  /* Compiled ahead, while the station waited: in place at once. */
  compiled = self->service_rules != NULL
             ? kiosk_service_rules_lookup (self->service_rules, self->profile, self->service)
             : NULL;
  if (compiled != NULL)
    {
      kiosk_content_rules_put_in_place (webkit_web_view_get_user_content_manager (self->web_view),
                                        compiled);
      self->document_rules_ready = TRUE;
      load_service_page (self);
      return;
    }

  /* While they are made, the session's web process starts: the page then
   * only loads, as after kiosk_user_session_prepare().
   */
  kiosk_user_session_warm_up (self);
  rules = kiosk_policy_get_document_rules (kiosk_config_get_policy (self->config), self->profile,
                                           self->service);
  /* Compiled rules hold nothing of the resident's, but go with the rest. */
  store_dir = g_build_filename (self->private_dir, ".content-rules", NULL);
  kiosk_content_rules_install (webkit_web_view_get_user_content_manager (self->web_view),
                               store_dir, rules, self->document_rules_cancellable,
                               document_rules_installed_cb, g_object_ref (self));
}

/**
 * kiosk_user_session_set_block_filter:
 * @self: a #KioskUserSession
 * @filter: the config's blocked hosts, compiled
 *
 * Puts the blocked hosts in place for the session's views, and loads the
 * service that waited for them.
 */
void
kiosk_user_session_set_block_filter (KioskUserSession        *self,
                                     WebKitUserContentFilter *filter)
{
  g_return_if_fail (KIOSK_IS_USER_SESSION (self));
  g_return_if_fail (filter != NULL);

  if (self->block_filter != NULL)
    return;

  self->block_filter = webkit_user_content_filter_ref (filter);
  webkit_user_content_manager_add_filter (webkit_web_view_get_user_content_manager (self->web_view),
                                          filter);
  if (self->load_waits_for_blocks && self->service != NULL)
    kiosk_user_session_load_service (self);
}

/**
 * kiosk_user_session_watch_navigation:
 * @self: a #KioskUserSession
 * @web_view: the session's view, or one of its popups
 *
 * Judges from now on every navigation, popup and load of @web_view.
 */
void
kiosk_user_session_watch_navigation (KioskUserSession *self,
                                     WebKitWebView    *web_view)
{
  g_signal_connect (web_view, "decide-policy", G_CALLBACK (decide_policy_cb), self);
  g_signal_connect (web_view, "create", G_CALLBACK (create_cb), self);
  g_signal_connect (web_view, "load-changed", G_CALLBACK (load_changed_cb), self);
  g_signal_connect (web_view, "load-failed-with-tls-errors",
                    G_CALLBACK (load_failed_with_tls_errors_cb), self);
  g_signal_connect (web_view, "load-failed", G_CALLBACK (load_failed_cb), self);
  g_signal_connect (web_view, "web-process-terminated",
                    G_CALLBACK (web_process_terminated_cb), self);
}
