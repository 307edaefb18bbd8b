/* kiosk-user-session-resources.c — the parts of a page the content blocker refused, counted
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-user-session"

#include "config.h"

#include "kiosk-user-session-private.h"

#include <jsc/jsc.h>

/* WebKit's content blocker refuses a page's scripts, styles, images and
 * requests in the web process ([Block], strict mode), and WebKitGTK tells
 * the application of none of them: no signal, no policy decision, and a
 * web-process extension's WebKitWebPage::console-message-sent, where the
 * blocker says each one, has not been emitted since WebKit 2.40.
 *
 * What a page's element loads does say it failed: its "error" event. A
 * script of the kiosk's own, in a script world of its own (the page can
 * neither see nor change it), hears those of every frame and passes the
 * failed address's scheme and host, nothing more; the kiosk counts the
 * site when its policy says the blocker refused it (a load that failed
 * for another reason, a missing image of an allowed host, is not). What
 * a script requests (fetch, XHR, beacons, WebSocket), fonts and <a ping>
 * fire no such event: WebKit blocks them, uncounted. The blocking itself
 * stays WebKit's: nothing of this is in the path of a request.
 */
#define SCRIPT_WORLD "kiosk"
#define MESSAGE_HANDLER "kioskLoadFailed"

static const char failed_loads_script[] =
  "(function () {"
  "  var address_of = {"
  "    img: function (e) { return e.currentSrc || e.src; },"
  "    link: function (e) { return e.href; },"
  "    object: function (e) { return e.data; },"
  "  };"
  "  document.addEventListener ('error', function (event) {"
  "    var element = event.target, address, url;"
  "    if (!(element instanceof Element))"
  "      return;"
  "    address = address_of[element.localName] ? address_of[element.localName] (element)"
  "                                             : element.src;"
  "    if (typeof address !== 'string' || address === '')"
  "      return;"
  "    try { url = new URL (address); } catch (e) { return; }"
  "    if (url.protocol !== 'https:' && url.protocol !== 'http:')"
  "      return;"
  "    window.webkit.messageHandlers." MESSAGE_HANDLER ".postMessage ("
  "      url.protocol + '//' + url.host + '/');"
  "  }, true);"
  "}) ();";

static void
load_failed_cb (WebKitUserContentManager *manager,
                JSCValue                 *value,
                KioskUserSession         *self)
{
  KioskPolicyFlags flags = KIOSK_POLICY_RESOURCE;
  g_autofree char *address = NULL;
  g_autoptr(KioskUrl) url = NULL;
  KioskVerdict verdict;

  if (!jsc_value_is_string (value))
    return;

  /* The page in front is the one the resident acts in, whose parts fail. */
  if (kiosk_user_session_view_is_on_payment_page (kiosk_user_session_get_front_view (self)))
    flags |= KIOSK_POLICY_BELOW_PAYMENT_PAGE;

  address = jsc_value_to_string (value);
  verdict = kiosk_policy_decide (kiosk_config_get_policy (self->config), self->profile,
                                 self->service, address, flags, &url);
  if (verdict != KIOSK_VERDICT_ALLOW)
    kiosk_user_session_record_refusal (self, KIOSK_REFUSAL_RESOURCE, url);
}

/**
 * kiosk_user_session_watch_resources:
 * @self: a #KioskUserSession
 * @manager: the user content manager of the session's views
 *
 * Counts, from now on, the parts of its pages that the content blocker
 * refused, as refusals of a part of a page (%KIOSK_REFUSAL_RESOURCE).
 */
void
kiosk_user_session_watch_resources (KioskUserSession         *self,
                                    WebKitUserContentManager *manager)
{
  g_autoptr(WebKitUserScript) script = NULL;

  script = webkit_user_script_new_for_world (failed_loads_script,
                                             WEBKIT_USER_CONTENT_INJECT_ALL_FRAMES,
                                             WEBKIT_USER_SCRIPT_INJECT_AT_DOCUMENT_START,
                                             SCRIPT_WORLD, NULL, NULL);
  webkit_user_content_manager_add_script (manager, script);
  if (!webkit_user_content_manager_register_script_message_handler (manager, MESSAGE_HANDLER,
                                                                    SCRIPT_WORLD))
    g_return_if_reached ();
  g_signal_connect_object (manager, "script-message-received::" MESSAGE_HANDLER,
                           G_CALLBACK (load_failed_cb), self, 0);
}
