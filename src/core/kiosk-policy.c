/* kiosk-policy.c — may this service navigate to this address?
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-policy"

#include "config.h"

#include "kiosk-policy.h"

#include <string.h>

/**
 * kiosk_policy_decide:
 * @config: the station's config
 * @service: (nullable): the service in use, or %NULL on the home screen
 * @uri: the address a navigation goes to, as WebKit reports it
 * @host: (out) (optional) (nullable) (transfer full): the canonical host
 *   of @uri when it has one, for the refusal page and the counts
 *
 * Decides whether a navigation may go ahead. Anything not understood is
 * refused: the kiosk fails closed.
 *
 * Returns: %KIOSK_VERDICT_ALLOW or the reason for the refusal
 */
KioskVerdict
kiosk_policy_decide (KioskConfig  *config,
                     KioskService *service,
                     const char   *uri,
                     char        **host)
{
  g_autoptr(GUri) parsed = NULL;
  g_autofree char *canonical_host = NULL;
  const char *scheme;
  KioskVerdict verdict;

  g_return_val_if_fail (KIOSK_IS_CONFIG (config), KIOSK_VERDICT_DENY_MALFORMED);
  g_return_val_if_fail (service == NULL || KIOSK_IS_SERVICE (service),
                        KIOSK_VERDICT_DENY_MALFORMED);
  g_return_val_if_fail (uri != NULL, KIOSK_VERDICT_DENY_MALFORMED);

  if (host != NULL)
    *host = NULL;

  /* The blank document WebKit starts every view with. */
  if (strcmp (uri, "about:blank") == 0)
    return KIOSK_VERDICT_ALLOW;

  /* Backslashes and userinfo are where URL parsers disagree with each
   * other; an address a public service really uses has neither.
   */
  if (strchr (uri, '\\') != NULL)
    return KIOSK_VERDICT_DENY_MALFORMED;

  parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED, NULL);
  if (parsed == NULL)
    return KIOSK_VERDICT_DENY_MALFORMED;

  scheme = g_uri_get_scheme (parsed);
  if (strcmp (scheme, "https") != 0 &&
      !(strcmp (scheme, "http") == 0 && kiosk_config_get_allow_insecure_http (config)))
    return KIOSK_VERDICT_DENY_SCHEME;

  if (g_uri_get_userinfo (parsed) != NULL || g_uri_get_host (parsed) == NULL ||
      *g_uri_get_host (parsed) == '\0')
    return KIOSK_VERDICT_DENY_MALFORMED;

  canonical_host = g_ascii_strdown (g_uri_get_host (parsed), -1);

  if (kiosk_host_is_ip_literal (canonical_host))
    verdict = KIOSK_VERDICT_DENY_IP_LITERAL;
  else if (kiosk_allow_list_matches_host (kiosk_config_get_global_allow_list (config),
                                          canonical_host) ||
           (service != NULL &&
            kiosk_allow_list_matches_host (kiosk_service_get_allow_list (service),
                                           canonical_host)))
    verdict = KIOSK_VERDICT_ALLOW;
  else
    verdict = KIOSK_VERDICT_DENY_HOST;

  if (host != NULL)
    *host = g_steal_pointer (&canonical_host);

  return verdict;
}

/**
 * kiosk_verdict_to_string:
 * @verdict: a #KioskVerdict
 *
 * Returns: a short stable word for logs and the admin tool
 */
const char *
kiosk_verdict_to_string (KioskVerdict verdict)
{
  switch (verdict)
    {
    case KIOSK_VERDICT_ALLOW:
      return "allow";
    case KIOSK_VERDICT_DENY_MALFORMED:
      return "malformed";
    case KIOSK_VERDICT_DENY_SCHEME:
      return "scheme";
    case KIOSK_VERDICT_DENY_IP_LITERAL:
      return "ip-literal";
    case KIOSK_VERDICT_DENY_HOST:
      return "host";
    default:
      g_assert_not_reached ();
    }
}
