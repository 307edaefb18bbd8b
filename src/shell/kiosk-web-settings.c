/* kiosk-web-settings.c — what WebKit may do in the kiosk's web views
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-web-settings"

#include "config.h"

#include "kiosk-web-settings.h"

/* WebKit's features the kiosk turns off, each for a reason of its own. */
static const char * const features_off[] = {
  /* A service worker is a site's code that runs without any page, in a
   * web process of its own, woken by events (a fetch, a push, the end of
   * its clients): one of a resident's could outlive their session, and
   * did, started as the session ended. Sites work without them, as they
   * must in browsers that offer none in private windows.
   */
  "ServiceWorkers",
  /* Connections made ahead of a navigation: WebKit opens one (DNS lookup,
   * TCP, TLS with the host's name) when a link is clicked, at the same
   * time as it asks the kiosk whether the link may be followed, so a
   * refused site would be contacted all the same; and a page's own
   * <link rel=preconnect|dns-prefetch|prefetch> or early hints reach any
   * host without a navigation the kiosk can judge.
   */
  "LinkPreconnect",
  "LinkPreconnectEarlyHints",
  "LinkDNSPrefetch",
  "LinkPrefetch",
};

/**
 * kiosk_web_settings_new:
 *
 * The settings of every web view of a session: the page's and the
 * document viewer's.
 *
 * Returns: (transfer full): new settings
 */
WebKitSettings *
kiosk_web_settings_new (void)
{
  g_autoptr(WebKitFeatureList) features = webkit_settings_get_all_features ();
  WebKitSettings *settings;

  /* No back/forward cache: a page left for another site is not kept
   * suspended in its web process. With it, about one session in four
   * that changed site left a thread of WebKit's IPC ("ReceiveQueue")
   * behind in the kiosk for good, after its web context was gone. Going
   * back after a change of site loads the page again instead.
   */
  settings = webkit_settings_new_with_settings ("enable-developer-extras", FALSE,
                                                "javascript-can-open-windows-automatically", FALSE,
                                                "enable-back-forward-navigation-gestures", FALSE,
                                                "enable-page-cache", FALSE,
                                                NULL);

  for (guint i = 0; i < G_N_ELEMENTS (features_off); i++)
    {
      gboolean found = FALSE;

      for (gsize j = 0; j < webkit_feature_list_get_length (features) && !found; j++)
        {
          WebKitFeature *feature = webkit_feature_list_get (features, j);

          found = g_strcmp0 (webkit_feature_get_identifier (feature), features_off[i]) == 0;
          if (found)
            webkit_settings_set_feature_enabled (settings, feature, FALSE);
        }

      /* A WebKit that renamed one would silently keep it on. */
      if (!found)
        g_warning ("WebKit has no feature %s to turn off", features_off[i]);
    }

  return settings;
}
