/* kiosk-user-session.c — one resident's browsing: network session and web view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-user-session"

#include "config.h"

#include "kiosk-user-session.h"
#include "kiosk-user-session-private.h"

#include "kiosk-document.h"
#include "kiosk-document-viewer.h"
#include "kiosk-page-lockdown.h"
#include "kiosk-question-guard.h"
#include "kiosk-startup-trace.h"
#include "kiosk-voice.h"
#include "kiosk-web-settings.h"

#include <string.h>

G_DEFINE_FINAL_TYPE (KioskUserSession, kiosk_user_session, G_TYPE_OBJECT)

enum {
  NAVIGATION_REFUSED,
  SITE_REFUSED,
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

enum {
  PROP_0,
  PROP_LEARNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * kiosk_user_session_judge_document:
 * @self: a #KioskUserSession
 * @web_view: the view (the page, or a popup) that asked for it
 * @address: a document's address, a site's or one made in the page
 * @site: (out) (optional) (nullable) (transfer full): the site that made it
 *
 * Whether the session may keep the document, as its page asked for it
 * (kiosk_policy_decide_document()): the one judge of downloads,
 * documents in WebKit's answers and documents made in the page.
 *
 * Returns: %KIOSK_VERDICT_ALLOW or the reason for the refusal
 */
KioskVerdict
kiosk_user_session_judge_document (KioskUserSession  *self,
                                   WebKitWebView     *web_view,
                                   const char        *address,
                                   KioskUrl         **site)
{
  return kiosk_policy_decide_document (kiosk_config_get_policy (self->config), self->profile,
                                       self->service, address,
                                       webkit_web_view_get_uri (web_view), site);
}

/* For the navigation's room (kiosk-user-session-navigation.c): the
 * resident is told only the site, never the rest of the address.
 */
void
kiosk_user_session_emit_navigation_refused (KioskUserSession *self,
                                            const char       *scheme,
                                            const char       *place,
                                            KioskVerdict      verdict)
{
  g_signal_emit (self, signals[NAVIGATION_REFUSED], 0, scheme, place, verdict);
}

/**
 * kiosk_user_session_record_refusal:
 * @self: a #KioskUserSession
 * @kind: what was refused
 * @url: (nullable): its address
 *
 * The one place every refusal of a site goes through, shown or silent,
 * to be counted by registrable domain. Only a site (`http`, `https`)
 * counts: the rest of the address, and any other scheme, is forgotten.
 */
void
kiosk_user_session_record_refusal (KioskUserSession *self,
                                   KioskRefusalKind  kind,
                                   const KioskUrl   *url)
{
  if (url == NULL || url->host == NULL || *url->host == '\0' ||
      (g_strcmp0 (url->scheme, "https") != 0 && g_strcmp0 (url->scheme, "http") != 0))
    return;

  if (self->learning && self->service != NULL)
    kiosk_refusals_add (self->learned, kiosk_service_get_id (self->service), kind, url->host);
  g_signal_emit (self, signals[SITE_REFUSED], 0, kind, url->host);
}

/**
 * kiosk_user_session_set_learning:
 * @self: a #KioskUserSession
 * @learning: whether staff record what the session refuses
 *
 * The learning mode of the staff panel: while on, every refusal of a
 * site (its host, its kind, the service open) is listed, for staff to
 * turn into the config's lines (kiosk_refusals_to_config_lines()). The
 * list is kept in memory, and goes with the session; turning the mode
 * off keeps what was listed until then.
 */
void
kiosk_user_session_set_learning (KioskUserSession *self,
                                 gboolean          learning)
{
  g_return_if_fail (KIOSK_IS_USER_SESSION (self));

  learning = !!learning;
  if (self->learning == learning)
    return;

  self->learning = learning;
  if (learning && self->learned == NULL)
    self->learned = kiosk_refusals_new ();
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEARNING]);
}

/**
 * kiosk_user_session_prepare:
 * @self: a #KioskUserSession nobody uses yet
 *
 * Readies the session before the tap: WebKit starts a web process only
 * with a view's first load, and that start is most of what a resident
 * waits for between a tile and its page (a fifth of a second here). The
 * session's view loads an empty document of the kiosk's own, which
 * starts its web process; the service's page then only loads, in that
 * same process (WebKit keeps it for the first site a view shows). The
 * session is as new as before: its own network session and web context,
 * nothing loaded but an empty document, no history; it is wiped as any
 * session is. Nothing happens once a service was opened.
 */
void
kiosk_user_session_prepare (KioskUserSession *self)
{
  g_return_if_fail (KIOSK_IS_USER_SESSION (self));

  if (self->service == NULL)
    kiosk_user_session_warm_up (self);
}

/**
 * kiosk_user_session_warm_up:
 * @self: a #KioskUserSession
 *
 * Starts the web process of a view that has loaded nothing yet, on an
 * empty document: kiosk_user_session_prepare() does it ahead of a tap,
 * kiosk_user_session_load_service() while a service's rules are made.
 */
void
kiosk_user_session_warm_up (KioskUserSession *self)
{
  if (self->prepared || webkit_web_view_get_uri (self->web_view) != NULL)
    return;

  self->prepared = TRUE;
  self->warming = TRUE;
  /* Not about:blank by address, which would stay in the history, one
   * step back from the service's first page.
   */
  webkit_web_view_load_html (self->web_view, "", NULL);
  kiosk_startup_trace_mark ("empty document asked");
}

/**
 * kiosk_user_session_is_prepared:
 * @self: a #KioskUserSession
 *
 * Returns: whether kiosk_user_session_prepare() readied the session
 */
gboolean
kiosk_user_session_is_prepared (KioskUserSession *self)
{
  g_return_val_if_fail (KIOSK_IS_USER_SESSION (self), FALSE);

  return self->prepared;
}

gboolean
kiosk_user_session_get_learning (KioskUserSession *self)
{
  g_return_val_if_fail (KIOSK_IS_USER_SESSION (self), FALSE);

  return self->learning;
}

/**
 * kiosk_user_session_get_learned:
 * @self: a #KioskUserSession
 *
 * Returns: (transfer none) (element-type KioskRefusal) (nullable): what
 *   the session refused since staff turned the learning mode on, or
 *   %NULL if they never did
 */
GPtrArray *
kiosk_user_session_get_learned (KioskUserSession *self)
{
  g_return_val_if_fail (KIOSK_IS_USER_SESSION (self), NULL);

  return self->learned;
}

void
kiosk_user_session_emit_page_failed (KioskUserSession *self,
                                     KioskPageProblem  problem,
                                     const char       *host)
{
  g_signal_emit (self, signals[PAGE_FAILED], 0, problem, host);
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
    webkit_web_view_load_uri (kiosk_user_session_get_front_view (self), uri);
  else
    webkit_web_view_reload (kiosk_user_session_get_front_view (self));
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
  WebKitWebView *web_view = webkit_download_get_web_view (download);
  g_autoptr(KioskUrl) site = NULL;

  /* A download is a navigation too: only from the service's hosts, or
   * made in the page by one of them.
   */
  if (kiosk_user_session_judge_document (self, web_view != NULL ? web_view : self->web_view,
                                         webkit_uri_request_get_uri (request), &site) !=
      KIOSK_VERDICT_ALLOW)
    {
      webkit_download_cancel (download);
      kiosk_user_session_record_refusal (self, KIOSK_REFUSAL_DOWNLOAD, site);
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
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->popups)); i++)
    {
      g_autoptr(WebKitWebView) popup = g_list_model_get_item (G_LIST_MODEL (self->popups), i);

      webkit_web_view_set_zoom_level (popup, text_scale);
    }
}

double
kiosk_user_session_get_text_scale (KioskUserSession *self)
{
  g_return_val_if_fail (KIOSK_IS_USER_SESSION (self), 1.0);

  return self->text_scale;
}

/**
 * kiosk_user_session_set_reading_speed:
 * @self: a #KioskUserSession
 * @speed: how fast the kiosk reads aloud
 *
 * The resident's choice, for their session only: the next one reads at
 * the default speed again.
 */
void
kiosk_user_session_set_reading_speed (KioskUserSession *self,
                                      KioskVoiceSpeed   speed)
{
  g_return_if_fail (KIOSK_IS_USER_SESSION (self));

  self->reading_speed = speed;
}

KioskVoiceSpeed
kiosk_user_session_get_reading_speed (KioskUserSession *self)
{
  g_return_val_if_fail (KIOSK_IS_USER_SESSION (self), KIOSK_VOICE_DEFAULT_SPEED);

  return self->reading_speed;
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

  g_cancellable_cancel (self->document_rules_cancellable);
  g_clear_object (&self->document_rules_cancellable);
  g_clear_pointer (&self->block_filter, webkit_user_content_filter_unref);
  g_clear_object (&self->service_rules);
  kiosk_user_session_forget_frames (self);
  kiosk_user_session_close_popups (self);
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
  g_clear_object (&self->popups);

  G_OBJECT_CLASS (kiosk_user_session_parent_class)->dispose (object);
}

static void
kiosk_user_session_finalize (GObject *object)
{
  KioskUserSession *self = KIOSK_USER_SESSION (object);

  g_free (self->private_dir);
  g_free (self->failed_uri);
  g_clear_pointer (&self->learned, g_ptr_array_unref);
  kiosk_question_guard_free (self->question_guard);

  G_OBJECT_CLASS (kiosk_user_session_parent_class)->finalize (object);
}

static void
kiosk_user_session_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  KioskUserSession *self = KIOSK_USER_SESSION (object);

  switch (prop_id)
    {
    case PROP_LEARNING:
      g_value_set_boolean (value, self->learning);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_user_session_class_init (KioskUserSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kiosk_user_session_dispose;
  object_class->finalize = kiosk_user_session_finalize;
  object_class->get_property = kiosk_user_session_get_property;

  /**
   * KioskUserSession:learning:
   *
   * Whether staff record what the session refuses (the learning mode).
   */
  properties[PROP_LEARNING] =
    g_param_spec_boolean ("learning", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

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
   * KioskUserSession::site-refused:
   * @self: the session
   * @kind: what was refused, a #KioskRefusalKind
   * @host: the refused site's host, never its address
   *
   * Emitted for every refusal of a site, shown to the resident or silent,
   * for the counts and the learning mode.
   */
  signals[SITE_REFUSED] =
    g_signal_new ("site-refused",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_STRING);

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
  self->popups = g_list_store_new (WEBKIT_TYPE_WEB_VIEW);
  self->question_guard = kiosk_question_guard_new ();
  self->text_scale = 1.0;
  self->reading_speed = KIOSK_VOICE_DEFAULT_SPEED;
}

/**
 * kiosk_user_session_new:
 * @config: the station's config
 * @profile: (nullable): the profile staff turned on (a workshop), or
 *   %NULL for the public
 * @service_rules: (nullable): the services' rules compiled ahead, which
 *   the session uses when they are ready
 * @private_dir: the session's own folder, where downloads go
 *
 * Builds a fresh, empty user session. Its policy is the profile's for
 * its whole life: a change of profile takes a new session.
 *
 * Returns: (transfer full): a new #KioskUserSession
 */
KioskUserSession *
kiosk_user_session_new (KioskConfig       *config,
                        KioskProfile      *profile,
                        KioskServiceRules *service_rules,
                        const char        *private_dir)
{
  g_autoptr(WebKitSettings) settings = NULL;
  g_autoptr(WebKitUserContentManager) content_manager = NULL;
  g_autofree char *sessions_dir = NULL;
  KioskUserSession *self;
  const char *proxy;

  g_return_val_if_fail (KIOSK_IS_CONFIG (config), NULL);
  g_return_val_if_fail (profile == NULL || KIOSK_IS_PROFILE (profile), NULL);
  g_return_val_if_fail (private_dir != NULL, NULL);

  self = g_object_new (KIOSK_TYPE_USER_SESSION, NULL);
  self->config = g_object_ref (config);
  self->profile = profile != NULL ? g_object_ref (profile) : NULL;
  self->service_rules = service_rules != NULL ? g_object_ref (service_rules) : NULL;
  self->private_dir = g_strdup (private_dir);

  self->network_session = webkit_network_session_new_ephemeral ();
  webkit_network_session_set_tls_errors_policy (self->network_session,
                                                WEBKIT_TLS_ERRORS_POLICY_FAIL);
  webkit_network_session_set_persistent_credential_storage_enabled (self->network_session,
                                                                    FALSE);
  /* Safari's defaults against tracking: Intelligent Tracking Prevention
   * (resource load statistics, which keep third parties from following a
   * resident from site to site within the session), and no cookie for a
   * third party at all, which WebKit applies whenever ITP leaves the
   * policy to it.
   */
  webkit_network_session_set_itp_enabled (self->network_session, TRUE);
  webkit_cookie_manager_set_accept_policy (
    webkit_network_session_get_cookie_manager (self->network_session),
    WEBKIT_COOKIE_POLICY_ACCEPT_NO_THIRD_PARTY);

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
  content_manager = webkit_user_content_manager_new ();
  self->web_view = g_object_ref_sink (g_object_new (WEBKIT_TYPE_WEB_VIEW,
                                                    "web-context", self->web_context,
                                                    "network-session", self->network_session,
                                                    "settings", settings,
                                                    "user-content-manager", content_manager,
                                                    NULL));

  kiosk_user_session_watch_view (self, self->web_view);
  kiosk_user_session_watch_resources (self, content_manager);
  g_signal_connect (self->network_session, "download-started",
                    G_CALLBACK (download_started_cb), self);

  return self;
}

/**
 * kiosk_user_session_watch_view:
 * @self: a #KioskUserSession
 * @web_view: the session's view, or one of its popups
 *
 * Holds @web_view to everything the session's page is held to: where it
 * may go, what it may ask, how it uploads and prints.
 */
void
kiosk_user_session_watch_view (KioskUserSession *self,
                               WebKitWebView    *web_view)
{
  kiosk_user_session_watch_navigation (self, web_view);
  g_signal_connect (web_view, "authenticate", G_CALLBACK (authenticate_cb), self);
  g_signal_connect (web_view, "run-file-chooser", G_CALLBACK (run_file_chooser_cb), self);
  g_signal_connect (web_view, "print", G_CALLBACK (print_cb), self);
  kiosk_page_lockdown_attach (web_view);
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
 * kiosk_user_session_is_on_payment_page:
 * @self: a #KioskUserSession
 *
 * Returns: whether the page in front (a popup's, or else the session's
 *   page) is a payment service's (`[Payment]`), where a refusal means
 *   that the payment cannot go on
 */
gboolean
kiosk_user_session_is_on_payment_page (KioskUserSession *self)
{
  g_return_val_if_fail (KIOSK_IS_USER_SESSION (self), FALSE);

  return kiosk_user_session_view_is_on_payment_page (kiosk_user_session_get_front_view (self));
}

/**
 * kiosk_user_session_close:
 * @self: a #KioskUserSession
 *
 * The session is about to be wiped: its popups close before its web
 * process is ended (kiosk_user_session_close_popups()), and WebKit stops
 * compiling its rules into the folder the wipe removes (a compilation
 * that lost its folder fails with a warning, not as cancelled).
 */
void
kiosk_user_session_close (KioskUserSession *self)
{
  g_return_if_fail (KIOSK_IS_USER_SESSION (self));

  g_cancellable_cancel (self->document_rules_cancellable);
  kiosk_user_session_close_popups (self);
}

/**
 * kiosk_user_session_open_service:
 * @self: a #KioskUserSession
 * @service: a service of the session's config
 *
 * Makes @service the one whose hosts the view may reach, and loads its
 * entry page once WebKit holds the service's rules.
 */
void
kiosk_user_session_open_service (KioskUserSession *self,
                                 KioskService     *service)
{
  g_return_if_fail (KIOSK_IS_USER_SESSION (self));
  g_return_if_fail (KIOSK_IS_SERVICE (service));

  /* A window of the last service's pages is not this one's. */
  kiosk_user_session_close_popups (self);
  g_set_object (&self->service, service);
  kiosk_user_session_load_service (self);
}
