/* kiosk-policy.c — may this service navigate to this address?
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-policy"

#include "config.h"

#include "kiosk-policy.h"

#include <string.h>

/* What every decision needs besides the address and the session's
 * service and profile, taken from the config once it is read. It never
 * changes afterwards, so that a decision depends on nothing but its
 * arguments, and the config, which builds it, is never read back.
 */
struct _KioskPolicy
{
  GObject         parent_instance;

  KioskAllowList *global_allow_list;
  gboolean        allow_insecure_http;
};

G_DEFINE_FINAL_TYPE (KioskPolicy, kiosk_policy, G_TYPE_OBJECT)

static void
kiosk_policy_dispose (GObject *object)
{
  KioskPolicy *self = KIOSK_POLICY (object);

  g_clear_object (&self->global_allow_list);

  G_OBJECT_CLASS (kiosk_policy_parent_class)->dispose (object);
}

static void
kiosk_policy_class_init (KioskPolicyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kiosk_policy_dispose;
}

static void
kiosk_policy_init (KioskPolicy *self)
{
}

/**
 * kiosk_policy_new:
 * @global_allow_list: the `[Allow] Hosts` every service may reach; it
 *   must not change once given here
 * @allow_insecure_http: whether plain `http` is allowed besides `https`
 *   (`AllowInsecureHttp=true`, for tests against a local server)
 *
 * The config builds the station's policy when it is loaded; see
 * kiosk_config_get_policy().
 *
 * Returns: (transfer full): a new #KioskPolicy
 */
KioskPolicy *
kiosk_policy_new (KioskAllowList *global_allow_list,
                  gboolean        allow_insecure_http)
{
  KioskPolicy *self;

  g_return_val_if_fail (KIOSK_IS_ALLOW_LIST (global_allow_list), NULL);

  self = g_object_new (KIOSK_TYPE_POLICY, NULL);
  self->global_allow_list = g_object_ref (global_allow_list);
  self->allow_insecure_http = allow_insecure_http;
  return self;
}

static gboolean
is_initial_blank_document (const KioskUrl *url)
{
  return strcmp (url->scheme, "about") == 0 && url->host == NULL &&
         (strcmp (url->path, "blank") == 0 || strcmp (url->path, "srcdoc") == 0);
}

/* A service of a profile exists only while that very profile is on: with
 * no profile, or with another one, it may reach nothing at all, so that a
 * workshop's webmail can never be opened by the public.
 */
static gboolean
service_is_available (KioskProfile *profile,
                      KioskService *service)
{
  const char *service_profile;

  if (service == NULL)
    return TRUE;

  service_profile = kiosk_service_get_profile (service);
  if (service_profile == NULL)
    return TRUE;

  return profile != NULL && strcmp (kiosk_profile_get_id (profile), service_profile) == 0;
}

static KioskVerdict
decide_url (KioskPolicy      *self,
            KioskProfile     *profile,
            KioskService     *service,
            const KioskUrl   *url,
            KioskPolicyFlags  flags)
{
  if (!service_is_available (profile, service))
    return KIOSK_VERDICT_DENY_NOT_ALLOWED;

  if ((flags & KIOSK_POLICY_INITIAL_DOCUMENT) != 0 && is_initial_blank_document (url))
    return KIOSK_VERDICT_ALLOW;

  /* Every other scheme (file, data, javascript, blob, view-source,
   * mailto, tel, custom handlers) is refused, never handed elsewhere.
   */
  if (strcmp (url->scheme, "https") != 0 &&
      !(strcmp (url->scheme, "http") == 0 && self->allow_insecure_http))
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

  if (kiosk_allow_list_matches_url (self->global_allow_list, url))
    return KIOSK_VERDICT_ALLOW;

  if (profile != NULL && kiosk_allow_list_matches_url (kiosk_profile_get_allow_list (profile), url))
    return KIOSK_VERDICT_ALLOW;

  return KIOSK_VERDICT_DENY_NOT_ALLOWED;
}

/**
 * kiosk_policy_decide:
 * @self: the station's policy, from kiosk_config_get_policy()
 * @profile: (nullable): the profile staff turned on, or %NULL for the public
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
 * While @profile is on, its hosts are allowed for every service, as those
 * of `[Allow]` are. A service that belongs to a profile is refused every
 * address unless that profile is @profile.
 *
 * Returns: %KIOSK_VERDICT_ALLOW or the reason for the refusal
 */
KioskVerdict
kiosk_policy_decide (KioskPolicy       *self,
                     KioskProfile      *profile,
                     KioskService      *service,
                     const char        *address,
                     KioskPolicyFlags   flags,
                     KioskUrl         **url)
{
  g_autoptr(KioskUrl) parsed = NULL;
  KioskVerdict verdict;

  g_return_val_if_fail (KIOSK_IS_POLICY (self), KIOSK_VERDICT_DENY_MALFORMED);
  g_return_val_if_fail (profile == NULL || KIOSK_IS_PROFILE (profile),
                        KIOSK_VERDICT_DENY_MALFORMED);
  g_return_val_if_fail (service == NULL || KIOSK_IS_SERVICE (service),
                        KIOSK_VERDICT_DENY_MALFORMED);
  g_return_val_if_fail (address != NULL, KIOSK_VERDICT_DENY_MALFORMED);

  if (url != NULL)
    *url = NULL;

  parsed = kiosk_url_parse (address, NULL, NULL);
  if (parsed == NULL)
    return KIOSK_VERDICT_DENY_MALFORMED;

  verdict = decide_url (self, profile, service, parsed, flags);

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
