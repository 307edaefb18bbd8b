/* kiosk-policy.c — may this service navigate to this address?
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-policy"

#include "config.h"

#include "kiosk-policy.h"

#include <string.h>

static gboolean
is_initial_blank_document (const KioskUrl *url)
{
  return strcmp (url->scheme, "about") == 0 && url->host == NULL &&
         (strcmp (url->path, "blank") == 0 || strcmp (url->path, "srcdoc") == 0);
}

static KioskVerdict
decide_url (KioskConfig      *config,
            KioskService     *service,
            const KioskUrl   *url,
            KioskPolicyFlags  flags)
{
  if ((flags & KIOSK_POLICY_INITIAL_DOCUMENT) != 0 && is_initial_blank_document (url))
    return KIOSK_VERDICT_ALLOW;

  /* Every other scheme (file, data, javascript, blob, view-source,
   * mailto, tel, custom handlers) is refused, never handed elsewhere.
   */
  if (strcmp (url->scheme, "https") != 0 &&
      !(strcmp (url->scheme, "http") == 0 && kiosk_config_get_allow_insecure_http (config)))
    return KIOSK_VERDICT_DENY_SCHEME;

  /* No public service puts credentials in an address; such addresses are
   * a classic way to make a link look like another site.
   */
  if (*url->username != '\0' || *url->password != '\0')
    return KIOSK_VERDICT_DENY_USERINFO;

  if (url->host_type == KIOSK_URL_HOST_IPV4 || url->host_type == KIOSK_URL_HOST_IPV6)
    return KIOSK_VERDICT_DENY_IP_ADDRESS;

  if (url->host_type != KIOSK_URL_HOST_DOMAIN)
    return KIOSK_VERDICT_DENY_MALFORMED;

  if (service != NULL && kiosk_allow_list_matches_url (kiosk_service_get_allow_list (service), url))
    return KIOSK_VERDICT_ALLOW;

  if (kiosk_allow_list_matches_url (kiosk_config_get_global_allow_list (config), url))
    return KIOSK_VERDICT_ALLOW;

  return KIOSK_VERDICT_DENY_NOT_ALLOWED;
}

/**
 * kiosk_policy_decide:
 * @config: the station's config
 * @service: (nullable): the service in use, or %NULL on the home screen
 * @address: an address, as WebKit reports it or as a person typed it
 * @flags: %KIOSK_POLICY_INITIAL_DOCUMENT when @address is the first
 *   document of a new frame, the only place about:blank is accepted
 * @url: (out) (optional) (nullable) (transfer full): the address as the
 *   URL Standard parses it, when it could be parsed
 *
 * Decides whether a navigation may go ahead. The address is canonicalised
 * exactly as a browser does (WHATWG URL Standard), so that the decision is
 * about the site the browser would really contact. Anything not understood
 * is refused: the kiosk fails closed.
 *
 * Returns: %KIOSK_VERDICT_ALLOW or the reason for the refusal
 */
KioskVerdict
kiosk_policy_decide (KioskConfig       *config,
                     KioskService      *service,
                     const char        *address,
                     KioskPolicyFlags   flags,
                     KioskUrl         **url)
{
  g_autoptr(KioskUrl) parsed = NULL;
  KioskVerdict verdict;

  g_return_val_if_fail (KIOSK_IS_CONFIG (config), KIOSK_VERDICT_DENY_MALFORMED);
  g_return_val_if_fail (service == NULL || KIOSK_IS_SERVICE (service),
                        KIOSK_VERDICT_DENY_MALFORMED);
  g_return_val_if_fail (address != NULL, KIOSK_VERDICT_DENY_MALFORMED);

  if (url != NULL)
    *url = NULL;

  parsed = kiosk_url_parse (address, NULL, NULL);
  if (parsed == NULL)
    return KIOSK_VERDICT_DENY_MALFORMED;

  verdict = decide_url (config, service, parsed, flags);

  if (url != NULL)
    *url = g_steal_pointer (&parsed);

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
    case KIOSK_VERDICT_DENY_USERINFO:
      return "userinfo";
    case KIOSK_VERDICT_DENY_IP_ADDRESS:
      return "ip-address";
    case KIOSK_VERDICT_DENY_NOT_ALLOWED:
      return "not-allowed";
    default:
      g_assert_not_reached ();
    }
}
