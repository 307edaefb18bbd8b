/* kiosk-document-viewer.c — a web view that shows one document of a session and nothing else
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-document-viewer"

#include "config.h"

#include "kiosk-document-viewer.h"

#include "kiosk-page-lockdown.h"

#define PDF_VIEWER_PREFIX "webkit-pdfjs-viewer://pdfjs/"

static gboolean
viewer_decide_policy_cb (WebKitWebView            *viewer,
                         WebKitPolicyDecision     *decision,
                         WebKitPolicyDecisionType  type,
                         const char               *document_uri)
{
  const char *uri = NULL;

  /* The viewer shows one document and goes nowhere else: a link in a PDF
   * does nothing, and no page of any site can be loaded in it.
   */
  switch (type)
    {
    case WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION:
      uri = webkit_uri_request_get_uri (webkit_navigation_action_get_request (
        webkit_navigation_policy_decision_get_navigation_action (
          WEBKIT_NAVIGATION_POLICY_DECISION (decision))));
      break;
    case WEBKIT_POLICY_DECISION_TYPE_RESPONSE:
      uri = webkit_uri_response_get_uri (webkit_response_policy_decision_get_response (
        WEBKIT_RESPONSE_POLICY_DECISION (decision)));
      break;
    case WEBKIT_POLICY_DECISION_TYPE_NEW_WINDOW_ACTION:
    default:
      break;
    }

  /* WebKit shows a PDF with its own viewer (PDF.js), whose page is the
   * response to the document's load; it comes from inside WebKit, never
   * from the network.
   */
  if (g_strcmp0 (uri, document_uri) == 0 ||
      (type == WEBKIT_POLICY_DECISION_TYPE_RESPONSE && uri != NULL &&
       g_str_has_prefix (uri, PDF_VIEWER_PREFIX)))
    webkit_policy_decision_use (decision);
  else
    {
      g_debug ("The document viewer refused to go elsewhere");
      webkit_policy_decision_ignore (decision);
    }
  return TRUE;
}

/* A PDF may carry JavaScript (an "open" action, form scripts), which
 * WebKit's viewer (PDF.js) would run in its sandbox; documents come from
 * sites, and the kiosk runs none of theirs. PDF.js takes its options from
 * the object it publishes as window.PDFViewerApplicationOptions, before it
 * opens anything: it is given no scripting, and no preferences that could
 * turn scripting on again. The viewer's page is in a frame of the
 * document's, so the script goes into every frame, and does nothing in a
 * frame that is not PDF.js's.
 */
static const char pdf_viewer_script[] =
  "if (location.protocol === 'webkit-pdfjs-viewer:') {"
  "  Object.defineProperty(window, 'PDFViewerApplicationOptions', {"
  "    configurable: true,"
  "    set: function (options) {"
  "      options.set('disablePreferences', true);"
  "      options.set('enableScripting', false);"
  "      Object.defineProperty(window, 'PDFViewerApplicationOptions',"
  "                            { value: options, writable: true, configurable: true });"
  "    }"
  "  });"
  "}";

static gboolean
viewer_script_dialog_cb (WebKitWebView      *viewer,
                         WebKitScriptDialog *dialog,
                         gpointer            user_data)
{
  /* Nothing in a document may speak to the resident: an alert would also
   * be titled with the document's address, a folder of the station.
   */
  g_debug ("The document viewer refused a dialog");
  return TRUE;
}

static GtkWidget *
viewer_create_cb (WebKitWebView          *viewer,
                  WebKitNavigationAction *action,
                  gpointer                user_data)
{
  return NULL;
}

/**
 * kiosk_document_viewer_new:
 * @related_view: the session's web view, whose web processes and network
 *   session the viewer shares (so that it is wiped with them)
 * @settings: the session's web settings
 * @document: a document of the session
 *
 * Makes a web view that shows @document (WebKit draws PDFs, images and
 * text) and nothing else: no other page, no window, no dialog, no script
 * of the document's.
 *
 * Returns: (transfer floating): the viewer
 */
WebKitWebView *
kiosk_document_viewer_new (WebKitWebView  *related_view,
                           WebKitSettings *settings,
                           GFile          *document)
{
  g_autoptr(WebKitUserContentManager) content = webkit_user_content_manager_new ();
  g_autoptr(WebKitUserScript) script = NULL;
  WebKitWebView *viewer;
  char *uri;

  g_return_val_if_fail (WEBKIT_IS_WEB_VIEW (related_view), NULL);
  g_return_val_if_fail (WEBKIT_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (G_IS_FILE (document), NULL);

  script = webkit_user_script_new (pdf_viewer_script, WEBKIT_USER_CONTENT_INJECT_ALL_FRAMES,
                                   WEBKIT_USER_SCRIPT_INJECT_AT_DOCUMENT_START, NULL, NULL);
  webkit_user_content_manager_add_script (content, script);
  viewer = g_object_new (WEBKIT_TYPE_WEB_VIEW,
                         "related-view", related_view,
                         "settings", settings,
                         "user-content-manager", content,
                         NULL);
  uri = g_file_get_uri (document);
  g_object_set_data_full (G_OBJECT (viewer), "kiosk-document-uri", uri, g_free);

  g_signal_connect (viewer, "decide-policy", G_CALLBACK (viewer_decide_policy_cb), uri);
  g_signal_connect (viewer, "create", G_CALLBACK (viewer_create_cb), NULL);
  g_signal_connect (viewer, "script-dialog", G_CALLBACK (viewer_script_dialog_cb), NULL);
  kiosk_page_lockdown_attach (viewer);

  webkit_web_view_load_uri (viewer, uri);
  return viewer;
}
