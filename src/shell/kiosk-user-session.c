/* kiosk-user-session.c — one resident's browsing: network session and web view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-user-session"

#include "config.h"

#include "kiosk-user-session.h"

#include "kiosk-document.h"
#include "kiosk-document-viewer.h"
#include "kiosk-page-lockdown.h"
#include "kiosk-question-guard.h"
#include "kiosk-web-settings.h"

#include <string.h>

/* A user session owns everything a resident's browsing can leave behind:
 * an ephemeral network session (cookies, storage, cache, HSTS and
 * credentials live only in memory), a web context (its web processes) and
 * the web view with its history.
 * Ending a session means dropping this object and making a new one.
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
  char                 *failed_uri;
  gint64                last_replaced_page_back;
  gboolean              refused_certificate;
  KioskQuestionGuard   *question_guard;
  WebKitNetworkSession *network_session;
  WebKitWebView        *web_view;
};

G_DEFINE_FINAL_TYPE (KioskUserSession, kiosk_user_session, G_TYPE_OBJECT)

enum {
  NAVIGATION_REFUSED,
  AUTHENTICATION_REQUESTED,
  PAGE_FAILED,
  DOCUMENT_REFUSED,
  DOCUMENT_ADDED,
  UPLOAD_REQUESTED,
  PRINT_REQUESTED,
  PAGES_PRINTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Where the page asked to go. */
typedef enum
{
  TARGET_THIS_VIEW,
  TARGET_NEW_WINDOW,
} Target;

static gboolean
navigation_is_shown_to_user (WebKitNavigationAction *action,
                             Target                  target)
{
  /* WebKit does not say whether a navigation targets the main frame or a
   * frame, so the refusal page answers what the user did: a click, a form,
   * a key, a popup, history, or a redirect of a page they asked for. What
   * a page does by itself (a frame, a timer, a script at load) is refused
   * silently: pages often load frames from other sites, and replacing the
   * whole page for those would make services unusable.
   */
  if (target == TARGET_NEW_WINDOW ||
      webkit_navigation_action_is_user_gesture (action) ||
      webkit_navigation_action_is_redirect (action))
    return TRUE;

  switch (webkit_navigation_action_get_navigation_type (action))
    {
    case WEBKIT_NAVIGATION_TYPE_LINK_CLICKED:
    case WEBKIT_NAVIGATION_TYPE_FORM_SUBMITTED:
    case WEBKIT_NAVIGATION_TYPE_FORM_RESUBMITTED:
    case WEBKIT_NAVIGATION_TYPE_BACK_FORWARD:
      return TRUE;
    case WEBKIT_NAVIGATION_TYPE_RELOAD:
    case WEBKIT_NAVIGATION_TYPE_OTHER:
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
 * an address that could not even be parsed, is not for this computer.
 */
static void
emit_navigation_refused (KioskUserSession *self,
                         const KioskUrl   *url,
                         KioskVerdict      verdict)
{
  g_autofree char *place = url != NULL ? refused_place (url) : NULL;

  g_signal_emit (self, signals[NAVIGATION_REFUSED], 0, url != NULL ? url->scheme : NULL,
                 place, verdict);
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
                      const KioskUrl   *url,
                      KioskVerdict      verdict)
{
  gint64 now = g_get_monotonic_time ();

  emit_navigation_refused (self, url, verdict);

  if (webkit_web_view_can_go_back (self->web_view) &&
      now - self->last_replaced_page_back >= REPLACED_PAGE_BACK_INTERVAL_US)
    {
      self->last_replaced_page_back = now;
      webkit_web_view_go_back (self->web_view);
    }
}

/* The one place where a navigation WebKit reports is judged. */
static gboolean
navigation_is_allowed (KioskUserSession       *self,
                       WebKitNavigationAction *action,
                       Target                  target)
{
  WebKitURIRequest *request = webkit_navigation_action_get_request (action);
  g_autoptr(KioskUrl) url = NULL;
  KioskVerdict verdict;

  verdict = kiosk_policy_decide (kiosk_config_get_policy (self->config), self->profile,
                                 self->service, webkit_uri_request_get_uri (request),
                                 navigation_flags (action, target), &url);
  if (verdict == KIOSK_VERDICT_ALLOW)
    return TRUE;

  g_debug ("Refused a navigation: %s", kiosk_verdict_to_string (verdict));

  if (navigation_is_shown_to_user (action, target))
    emit_navigation_refused (self, url, verdict);

  return FALSE;
}

static gboolean
decide_navigation (KioskUserSession         *self,
                   WebKitPolicyDecision     *decision,
                   WebKitPolicyDecisionType  type)
{
  WebKitNavigationAction *action;
  Target target;

  action = webkit_navigation_policy_decision_get_navigation_action (
    WEBKIT_NAVIGATION_POLICY_DECISION (decision));
  target = type == WEBKIT_POLICY_DECISION_TYPE_NEW_WINDOW_ACTION ? TARGET_NEW_WINDOW
                                                                 : TARGET_THIS_VIEW;

  if (!navigation_is_allowed (self, action, target))
    {
      webkit_policy_decision_ignore (decision);
      return TRUE;
    }

  /* The kiosk never opens a second window: an allowed target=_blank link
   * opens in the same view instead.
   */
  if (target == TARGET_NEW_WINDOW)
    {
      webkit_policy_decision_ignore (decision);
      webkit_web_view_load_request (self->web_view, webkit_navigation_action_get_request (action));
      return TRUE;
    }

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

  if (!webkit_response_policy_decision_is_mime_type_supported (decision))
    return TRUE;

  kind = kiosk_document_classify (NULL, webkit_uri_response_get_mime_type (response), NULL);
  return kind == KIOSK_DOCUMENT_PDF || kind == KIOSK_DOCUMENT_OFFICE;
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
      return decide_navigation (self, decision, type);

    case WEBKIT_POLICY_DECISION_TYPE_RESPONSE:
      if (response_is_a_document (WEBKIT_RESPONSE_POLICY_DECISION (decision)))
        {
          webkit_policy_decision_download (decision);
          return TRUE;
        }
      return FALSE;

    default:
      webkit_policy_decision_ignore (decision);
      return TRUE;
    }
}

static gboolean
authenticate_cb (WebKitWebView               *web_view,
                 WebKitAuthenticationRequest *request,
                 KioskUserSession            *self)
{
  switch (webkit_authentication_request_get_scheme (request))
    {
    case WEBKIT_AUTHENTICATION_SCHEME_CLIENT_CERTIFICATE_REQUESTED:
    case WEBKIT_AUTHENTICATION_SCHEME_CLIENT_CERTIFICATE_PIN_REQUESTED:
      /* The station has no certificate of the resident's, nor any place
       * to put one: a user name and a password would not answer. Said so
       * plainly instead, with no question.
       */
      g_debug ("Refused a site's request for a client certificate");
      self->refused_certificate = TRUE;
      webkit_authentication_request_cancel (request);
      g_signal_emit (self, signals[PAGE_FAILED], 0, KIOSK_PAGE_PROBLEM_CLIENT_CERTIFICATE,
                     webkit_authentication_request_get_host (request));
      return TRUE;
    default:
      break;
    }

  /* Never WebKit's own dialog, which could offer to remember the
   * password: the kiosk asks in its own words, for this session only.
   */
  g_signal_emit (self, signals[AUTHENTICATION_REQUESTED], 0, request);
  return TRUE;
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

  if (load_event != WEBKIT_LOAD_COMMITTED)
    return;

  /* A new page: what the last one asked is no longer held against it. */
  kiosk_question_guard_new_page (self->question_guard);

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
  refuse_replaced_page (self, url, KIOSK_VERDICT_DENY_SCHEME);
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

  g_signal_emit (self, signals[PAGE_FAILED], 0, problem, url != NULL ? url->host : NULL);
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
  if (error->domain == WEBKIT_POLICY_ERROR)
    {
      g_autoptr(KioskUrl) url = NULL;
      KioskVerdict verdict = kiosk_policy_decide (kiosk_config_get_policy (self->config),
                                                  self->profile, self->service, failing_uri,
                                                  KIOSK_POLICY_FLAGS_NONE, &url);

      if (verdict == KIOSK_VERDICT_ALLOW)
        return FALSE;

      g_debug ("WebKit refused a load: %s", kiosk_verdict_to_string (verdict));
      refuse_replaced_page (self, url, verdict);
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

  g_message ("The web process of the page stopped (%s)",
             reason == WEBKIT_WEB_PROCESS_EXCEEDED_MEMORY_LIMIT ? "too much memory" : "crash");
  g_clear_pointer (&self->failed_uri, g_free);
  emit_page_failed (self, KIOSK_PAGE_PROBLEM_STOPPED, webkit_web_view_get_uri (web_view));
}

/**
 * kiosk_user_session_retry_page:
 * @self: a #KioskUserSession
 *
 * Loads again the page that could not be loaded, or the one whose web
 * process stopped (WebKit starts a new one).
 */
void
kiosk_user_session_retry_page (KioskUserSession *self)
{
  g_autofree char *uri = NULL;

  g_return_if_fail (KIOSK_IS_USER_SESSION (self));

  uri = g_steal_pointer (&self->failed_uri);
  if (uri != NULL)
    webkit_web_view_load_uri (self->web_view, uri);
  else
    webkit_web_view_reload (self->web_view);
}

static GtkWidget *
create_cb (WebKitWebView          *web_view,
           WebKitNavigationAction *action,
           KioskUserSession       *self)
{
  /* window.open() asks for a new view here without going through
   * decide-policy. The kiosk never opens a second window: an allowed
   * popup opens in the same view instead.
   */
  if (navigation_is_allowed (self, action, TARGET_NEW_WINDOW))
    webkit_web_view_load_request (self->web_view, webkit_navigation_action_get_request (action));

  return NULL;
}

/* A free name in the private folder: "attestation.pdf", then
 * "2-attestation.pdf"...
 */
static GFile *
free_destination (KioskUserSession *self,
                  const char       *name)
{
  g_autofree char *path = g_build_filename (self->private_dir, name, NULL);

  for (guint i = 2; g_file_test (path, G_FILE_TEST_EXISTS) && i < 1000; i++)
    {
      g_autofree char *numbered = g_strdup_printf ("%u-%s", i, name);

      g_free (path);
      path = g_build_filename (self->private_dir, numbered, NULL);
    }

  return g_file_new_for_path (path);
}

static gboolean
decide_destination_cb (WebKitDownload   *download,
                       const char       *suggested_filename,
                       KioskUserSession *self)
{
  WebKitURIResponse *response = webkit_download_get_response (download);
  g_autofree char *name = NULL;
  g_autoptr(GFile) destination = NULL;
  g_autofree char *path = NULL;

  if (kiosk_document_classify (suggested_filename,
                               response != NULL ? webkit_uri_response_get_mime_type (response)
                                                : NULL,
                               &name) == KIOSK_DOCUMENT_REFUSED)
    {
      g_debug ("Refused a download whose type is not a document's");
      webkit_download_cancel (download);
      g_signal_emit (self, signals[DOCUMENT_REFUSED], 0, suggested_filename);
      return TRUE;
    }

  destination = free_destination (self, name);
  path = g_file_get_path (destination);
  webkit_download_set_destination (download, path);
  return TRUE;
}

/* The contents must be what the name says: a program called
 * "attestation.pdf" is no attestation, and an archive renamed "cv.docx"
 * no letter.
 */
static gboolean
file_is_document (GFile  *file,
                  GError **error)
{
  g_autofree char *path = g_file_get_path (file);

  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "not a local file");
      return FALSE;
    }

  return kiosk_document_check_file (path, error);
}

static void
add_document (KioskUserSession *self,
              GFile            *file,
              gboolean          downloaded)
{
  g_list_store_append (self->documents, file);
  g_signal_emit (self, signals[DOCUMENT_ADDED], 0, file, downloaded);
}

static void
download_finished_cb (WebKitDownload   *download,
                      KioskUserSession *self)
{
  const char *destination = webkit_download_get_destination (download);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (destination == NULL)
    return;

  file = g_file_new_for_path (destination);
  if (!file_is_document (file, &error))
    {
      g_autofree char *name = g_file_get_basename (file);

      g_debug ("Deleted a download: %s", error->message);
      g_file_delete (file, NULL, NULL);
      g_signal_emit (self, signals[DOCUMENT_REFUSED], 0, name);
      return;
    }

  add_document (self, file, TRUE);
}

static void
download_failed_cb (WebKitDownload   *download,
                    GError           *error,
                    KioskUserSession *self)
{
  /* "finished" follows "failed"; a failed download is no document, and
   * what it wrote goes.
   */
  const char *destination = webkit_download_get_destination (download);

  g_signal_handlers_disconnect_by_func (download, download_finished_cb, self);
  if (destination != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (destination);

      g_file_delete (file, NULL, NULL);
    }
}

static void
download_started_cb (WebKitNetworkSession *network_session,
                     WebKitDownload       *download,
                     KioskUserSession     *self)
{
  WebKitURIRequest *request = webkit_download_get_request (download);

  /* A download is a navigation too: only from the service's hosts. */
  if (kiosk_policy_decide (kiosk_config_get_policy (self->config), self->profile, self->service,
                           webkit_uri_request_get_uri (request),
                           KIOSK_POLICY_FLAGS_NONE, NULL) != KIOSK_VERDICT_ALLOW)
    {
      webkit_download_cancel (download);
      return;
    }

  webkit_download_set_allow_overwrite (download, FALSE);
  g_signal_connect_object (download, "decide-destination",
                           G_CALLBACK (decide_destination_cb), self, 0);
  g_signal_connect_object (download, "failed", G_CALLBACK (download_failed_cb), self, 0);
  g_signal_connect_object (download, "finished", G_CALLBACK (download_finished_cb), self, 0);
}

static gboolean
run_file_chooser_cb (WebKitWebView            *web_view,
                     WebKitFileChooserRequest *request,
                     KioskUserSession         *self)
{
  gboolean handled = FALSE;

  /* Never GTK's file chooser, which shows the whole file system. */
  g_signal_emit (self, signals[UPLOAD_REQUESTED], 0, request, &handled);
  if (!handled)
    webkit_file_chooser_request_cancel (request);
  return TRUE;
}

static gboolean
print_cb (WebKitWebView        *web_view,
          WebKitPrintOperation *operation,
          KioskUserSession     *self)
{
  gboolean handled = FALSE;

  /* Never GTK's print dialog, which can print to a file or run a
   * preview program: the kiosk prints in its own way, or not at all.
   */
  g_signal_emit (self, signals[PRINT_REQUESTED], 0, web_view, operation, &handled);
  return TRUE;
}

static void
set_web_languages (WebKitWebContext *web_context)
{
  g_autoptr(GPtrArray) languages = g_ptr_array_new ();
  const char * const *names = g_get_language_names ();

  /* Sites are asked for the kiosk's own language first (French on a
   * station without a locale), so their pages match its buttons.
   */
  for (guint i = 0; names[i] != NULL; i++)
    {
      if (strchr (names[i], '.') == NULL && strchr (names[i], '@') == NULL &&
          strcmp (names[i], "C") != 0 && strcmp (names[i], "POSIX") != 0)
        g_ptr_array_add (languages, (gpointer) names[i]);
    }
  g_ptr_array_add (languages, NULL);

  webkit_web_context_set_preferred_languages (web_context,
                                              (const char * const *) languages->pdata);
}

/**
 * kiosk_user_session_set_high_contrast:
 * @self: a #KioskUserSession
 * @high_contrast: whether the resident chose high contrast
 *
 * Kept with the session, so that it lasts as long as the resident's
 * session (whatever window shows it) and not a moment longer.
 */
void
kiosk_user_session_set_high_contrast (KioskUserSession *self,
                                      gboolean          high_contrast)
{
  g_return_if_fail (KIOSK_IS_USER_SESSION (self));

  self->high_contrast = high_contrast;
}

gboolean
kiosk_user_session_get_high_contrast (KioskUserSession *self)
{
  g_return_val_if_fail (KIOSK_IS_USER_SESSION (self), FALSE);

  return self->high_contrast;
}

/**
 * kiosk_user_session_set_text_scale:
 * @self: a #KioskUserSession
 * @text_scale: the text size the resident chose, 1.0 being the usual one
 *
 * Zooms the session's pages to it. Kept with the session, as high
 * contrast is, so that the kiosk's own screens can follow it too.
 */
void
kiosk_user_session_set_text_scale (KioskUserSession *self,
                                   double            text_scale)
{
  g_return_if_fail (KIOSK_IS_USER_SESSION (self));
  g_return_if_fail (text_scale > 0);

  self->text_scale = text_scale;
  webkit_web_view_set_zoom_level (self->web_view, text_scale);
}

double
kiosk_user_session_get_text_scale (KioskUserSession *self)
{
  g_return_val_if_fail (KIOSK_IS_USER_SESSION (self), 1.0);

  return self->text_scale;
}

/**
 * kiosk_user_session_follow_language:
 * @self: a #KioskUserSession
 *
 * Asks sites for the language the resident just chose, from the next
 * page on.
 */
void
kiosk_user_session_follow_language (KioskUserSession *self)
{
  g_return_if_fail (KIOSK_IS_USER_SESSION (self));

  set_web_languages (self->web_context);
}

static void
kiosk_user_session_dispose (GObject *object)
{
  KioskUserSession *self = KIOSK_USER_SESSION (object);

  if (self->web_view != NULL)
    g_signal_handlers_disconnect_by_data (self->web_view, self);
  if (self->network_session != NULL)
    g_signal_handlers_disconnect_by_data (self->network_session, self);

  g_clear_object (&self->web_view);
  g_clear_object (&self->web_context);
  g_clear_object (&self->network_session);
  g_clear_object (&self->service);
  g_clear_object (&self->config);
  g_clear_object (&self->profile);
  g_clear_object (&self->documents);

  G_OBJECT_CLASS (kiosk_user_session_parent_class)->dispose (object);
}

static void
kiosk_user_session_finalize (GObject *object)
{
  KioskUserSession *self = KIOSK_USER_SESSION (object);

  g_free (self->private_dir);
  g_free (self->failed_uri);
  kiosk_question_guard_free (self->question_guard);

  G_OBJECT_CLASS (kiosk_user_session_parent_class)->finalize (object);
}

static void
kiosk_user_session_class_init (KioskUserSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kiosk_user_session_dispose;
  object_class->finalize = kiosk_user_session_finalize;

  /**
   * KioskUserSession::navigation-refused:
   * @self: the session
   * @scheme: (nullable): the scheme of the refused address, if it parsed
   * @place: (nullable): its host, or the e-mail address or phone number of
   *   a mailto:, tel: or sms: address
   * @verdict: why it was refused, a #KioskVerdict
   *
   * Emitted when the policy refused a navigation the user should hear about.
   */
  signals[NAVIGATION_REFUSED] =
    g_signal_new ("navigation-refused",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_INT);

  /**
   * KioskUserSession::authentication-requested:
   * @self: the session
   * @request: the site's request for a user name and a password; answer it
   *   with webkit_authentication_request_authenticate() or cancel it
   */
  signals[AUTHENTICATION_REQUESTED] =
    g_signal_new ("authentication-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, WEBKIT_TYPE_AUTHENTICATION_REQUEST);

  /**
   * KioskUserSession::page-failed:
   * @self: the session
   * @problem: a #KioskPageProblem
   * @host: (nullable): the page's site
   *
   * Emitted when a page could not be shown, or stopped being shown.
   */
  signals[PAGE_FAILED] =
    g_signal_new ("page-failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_STRING);

  /**
   * KioskUserSession::document-refused:
   * @self: the session
   * @name: (nullable): the file's name, as the site gave it
   *
   * Emitted when a download was not kept because it is not a document:
   * a program, a script, a launcher, or a type the kiosk does not know.
   */
  signals[DOCUMENT_REFUSED] =
    g_signal_new ("document-refused",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * KioskUserSession::upload-requested:
   * @self: the session
   * @request: a page's request for a file to send
   *
   * Returns: %TRUE if a handler answers @request; otherwise it is cancelled
   */
  signals[UPLOAD_REQUESTED] =
    g_signal_new ("upload-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, g_signal_accumulator_true_handled, NULL, NULL,
                  G_TYPE_BOOLEAN, 1, WEBKIT_TYPE_FILE_CHOOSER_REQUEST);

  /**
   * KioskUserSession::print-requested:
   * @self: the session
   * @web_view: the view whose page asked to be printed (window.print())
   * @operation: WebKit's operation for it, to be run at once or not at all
   *
   * Returns: %TRUE if a handler prints it; otherwise nothing is printed
   */
  signals[PRINT_REQUESTED] =
    g_signal_new ("print-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, g_signal_accumulator_true_handled, NULL, NULL,
                  G_TYPE_BOOLEAN, 2, WEBKIT_TYPE_WEB_VIEW, WEBKIT_TYPE_PRINT_OPERATION);

  /**
   * KioskUserSession::document-added:
   * @self: the session
   * @file: the new document, in the session's private folder
   * @downloaded: %TRUE for a download, %FALSE for a scan taken in
   */
  signals[DOCUMENT_ADDED] =
    g_signal_new ("document-added",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_FILE, G_TYPE_BOOLEAN);

  /**
   * KioskUserSession::pages-printed:
   * @self: the session
   * @n_pages: how many pages were just sent to the printer
   */
  signals[PAGES_PRINTED] =
    g_signal_new ("pages-printed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
kiosk_user_session_init (KioskUserSession *self)
{
  self->documents = g_list_store_new (G_TYPE_FILE);
  self->question_guard = kiosk_question_guard_new ();
  self->text_scale = 1.0;
}

/**
 * kiosk_user_session_new:
 * @config: the station's config
 * @profile: (nullable): the profile staff turned on (a workshop), or
 *   %NULL for the public
 * @private_dir: the session's own folder, where downloads go
 *
 * Builds a fresh, empty user session. Its policy is the profile's for
 * its whole life: a change of profile takes a new session.
 *
 * Returns: (transfer full): a new #KioskUserSession
 */
KioskUserSession *
kiosk_user_session_new (KioskConfig  *config,
                        KioskProfile *profile,
                        const char   *private_dir)
{
  g_autoptr(WebKitSettings) settings = NULL;
  g_autofree char *sessions_dir = NULL;
  KioskUserSession *self;
  const char *proxy;

  g_return_val_if_fail (KIOSK_IS_CONFIG (config), NULL);
  g_return_val_if_fail (profile == NULL || KIOSK_IS_PROFILE (profile), NULL);
  g_return_val_if_fail (private_dir != NULL, NULL);

  self = g_object_new (KIOSK_TYPE_USER_SESSION, NULL);
  self->config = g_object_ref (config);
  self->profile = profile != NULL ? g_object_ref (profile) : NULL;
  self->private_dir = g_strdup (private_dir);

  self->network_session = webkit_network_session_new_ephemeral ();
  webkit_network_session_set_tls_errors_policy (self->network_session,
                                                WEBKIT_TLS_ERRORS_POLICY_FAIL);
  webkit_network_session_set_persistent_credential_storage_enabled (self->network_session,
                                                                    FALSE);

  proxy = kiosk_config_get_proxy (config);
  if (proxy != NULL)
    {
      WebKitNetworkProxySettings *proxy_settings = webkit_network_proxy_settings_new (proxy, NULL);

      webkit_network_session_set_proxy_settings (self->network_session,
                                                 WEBKIT_NETWORK_PROXY_MODE_CUSTOM,
                                                 proxy_settings);
      webkit_network_proxy_settings_free (proxy_settings);
    }

  /* A web context of its own: its web processes, with the pages WebKit
   * keeps for going back after a change of site, all end with it.
   */
  self->web_context = webkit_web_context_new ();
  set_web_languages (self->web_context);
  /* Its web processes run in WebKit's sandbox, which sees none of the
   * station's files; they may read the session's own documents, to show
   * one or send it to a site. What is shown them is the folder of the
   * sessions, which lasts as long as the kiosk: WebKit may start a process
   * for this session as it is wiped (the soak saw one start as a session
   * that had changed site ended), and a sandbox whose folder is deleted
   * under it fails to start, which WebKit takes for a fatal error of the
   * kiosk's own (it aborts: "readPIDFromPeer: Unexpected short read").
   * The sessions' folder only ever holds the session that runs: the next
   * one starts once this one's folder is gone and its processes ended.
   */
  sessions_dir = g_path_get_dirname (private_dir);
  webkit_web_context_add_path_to_sandbox (self->web_context, sessions_dir, TRUE);

  settings = kiosk_web_settings_new ();
  self->web_view = g_object_ref_sink (g_object_new (WEBKIT_TYPE_WEB_VIEW,
                                                    "web-context", self->web_context,
                                                    "network-session", self->network_session,
                                                    "settings", settings,
                                                    NULL));

  g_signal_connect (self->web_view, "decide-policy", G_CALLBACK (decide_policy_cb), self);
  g_signal_connect (self->web_view, "create", G_CALLBACK (create_cb), self);
  g_signal_connect (self->web_view, "authenticate", G_CALLBACK (authenticate_cb), self);
  g_signal_connect (self->web_view, "load-changed", G_CALLBACK (load_changed_cb), self);
  g_signal_connect (self->web_view, "load-failed-with-tls-errors",
                    G_CALLBACK (load_failed_with_tls_errors_cb), self);
  g_signal_connect (self->web_view, "load-failed", G_CALLBACK (load_failed_cb), self);
  g_signal_connect (self->web_view, "web-process-terminated",
                    G_CALLBACK (web_process_terminated_cb), self);
  g_signal_connect (self->web_view, "run-file-chooser", G_CALLBACK (run_file_chooser_cb), self);
  g_signal_connect (self->web_view, "print", G_CALLBACK (print_cb), self);
  kiosk_page_lockdown_attach (self->web_view);
  g_signal_connect (self->network_session, "download-started",
                    G_CALLBACK (download_started_cb), self);

  return self;
}

/**
 * kiosk_user_session_get_web_view:
 * @self: a #KioskUserSession
 *
 * Returns: (transfer none): the session's web view
 */
WebKitWebView *
kiosk_user_session_get_web_view (KioskUserSession *self)
{
  g_return_val_if_fail (KIOSK_IS_USER_SESSION (self), NULL);

  return self->web_view;
}

/**
 * kiosk_user_session_get_service:
 * @self: a #KioskUserSession
 *
 * Returns: (transfer none) (nullable): the service open in the session
 */
KioskService *
kiosk_user_session_get_service (KioskUserSession *self)
{
  g_return_val_if_fail (KIOSK_IS_USER_SESSION (self), NULL);

  return self->service;
}

/**
 * kiosk_user_session_get_documents:
 * @self: a #KioskUserSession
 *
 * Returns: (transfer none): the #GFile of each document of the session, in
 *   its private folder, in the order they came
 */
GListModel *
kiosk_user_session_get_documents (KioskUserSession *self)
{
  g_return_val_if_fail (KIOSK_IS_USER_SESSION (self), NULL);

  return G_LIST_MODEL (self->documents);
}

/**
 * kiosk_user_session_get_question_guard:
 * @self: a #KioskUserSession
 *
 * Returns: (transfer none): what says how often the page shown may still
 *   make the kiosk ask the resident; a new page load starts it afresh
 */
KioskQuestionGuard *
kiosk_user_session_get_question_guard (KioskUserSession *self)
{
  g_return_val_if_fail (KIOSK_IS_USER_SESSION (self), NULL);

  return self->question_guard;
}

/**
 * kiosk_user_session_get_private_dir:
 * @self: a #KioskUserSession
 *
 * Returns: the session's own folder, erased when it ends
 */
const char *
kiosk_user_session_get_private_dir (KioskUserSession *self)
{
  g_return_val_if_fail (KIOSK_IS_USER_SESSION (self), NULL);

  return self->private_dir;
}

/**
 * kiosk_user_session_count_printed_pages:
 * @self: a #KioskUserSession
 * @n_pages: how many pages were just sent to the printer
 */
void
kiosk_user_session_count_printed_pages (KioskUserSession *self,
                                        guint             n_pages)
{
  g_return_if_fail (KIOSK_IS_USER_SESSION (self));

  self->printed_pages += n_pages;
  g_signal_emit (self, signals[PAGES_PRINTED], 0, n_pages);
}

/**
 * kiosk_user_session_get_printed_pages:
 * @self: a #KioskUserSession
 *
 * Returns: how many pages the session printed, to hold it to MaxPrintPages
 */
guint
kiosk_user_session_get_printed_pages (KioskUserSession *self)
{
  g_return_val_if_fail (KIOSK_IS_USER_SESSION (self), 0);

  return self->printed_pages;
}

/**
 * kiosk_user_session_take_document:
 * @self: a #KioskUserSession
 * @source: a file outside the session, like a scan in the upload folder
 * @error: return location for an error
 *
 * Moves @source into the session's private folder, where it is erased with
 * the session, if it is a document.
 *
 * Returns: (transfer full) (nullable): the document in the session, or
 *   %NULL with @error set
 */
GFile *
kiosk_user_session_take_document (KioskUserSession  *self,
                                  GFile             *source,
                                  GError           **error)
{
  g_autofree char *source_name = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GFile) destination = NULL;

  g_return_val_if_fail (KIOSK_IS_USER_SESSION (self), NULL);
  g_return_val_if_fail (G_IS_FILE (source), NULL);

  source_name = g_file_get_basename (source);
  if (kiosk_document_classify (source_name, NULL, &name) == KIOSK_DOCUMENT_REFUSED ||
      !file_is_document (source, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "“%s” is not a document", source_name);
      return NULL;
    }

  /* A move across file systems (a scanner's share) is a copy, then a
   * delete: the scan leaves the shared folder either way.
   */
  destination = free_destination (self, name);
  if (!g_file_move (source, destination, G_FILE_COPY_NOFOLLOW_SYMLINKS, NULL, NULL, NULL,
                    error))
    return NULL;

  add_document (self, destination, FALSE);
  return g_steal_pointer (&destination);
}

/**
 * kiosk_user_session_create_viewer:
 * @self: a #KioskUserSession
 * @document: a document of the session
 *
 * Makes a web view that shows @document (WebKit draws PDFs, images and
 * text) and nothing else. It shares the session's web processes and
 * network session, so it is wiped with them.
 *
 * Returns: (transfer floating): the viewer
 */
WebKitWebView *
kiosk_user_session_create_viewer (KioskUserSession *self,
                                  GFile            *document)
{
  g_autoptr(WebKitSettings) settings = NULL;
  WebKitWebView *viewer;

  g_return_val_if_fail (KIOSK_IS_USER_SESSION (self), NULL);
  g_return_val_if_fail (G_IS_FILE (document), NULL);

  settings = kiosk_web_settings_new ();
  viewer = kiosk_document_viewer_new (self->web_view, settings, document);
  /* A form in a document may still ask for a file, or to be printed: the
   * kiosk's own ways, as for a page.
   */
  g_signal_connect_object (viewer, "run-file-chooser", G_CALLBACK (run_file_chooser_cb), self, 0);
  g_signal_connect_object (viewer, "print", G_CALLBACK (print_cb), self, 0);
  return viewer;
}

/**
 * kiosk_user_session_open_service:
 * @self: a #KioskUserSession
 * @service: a service of the session's config
 *
 * Makes @service the one whose hosts the view may reach, and loads its
 * entry page.
 */
void
kiosk_user_session_open_service (KioskUserSession *self,
                                 KioskService     *service)
{
  g_return_if_fail (KIOSK_IS_USER_SESSION (self));
  g_return_if_fail (KIOSK_IS_SERVICE (service));

  g_set_object (&self->service, service);
  webkit_web_view_load_uri (self->web_view, kiosk_service_get_url (service));
}
