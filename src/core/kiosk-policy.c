/* kiosk-policy.c — may this service navigate to this address?
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-policy"

#include "config.h"

#include "kiosk-policy.h"

#include <json-glib/json-glib.h>
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
  KioskAllowList *global_frame_list;
  KioskAllowList *payment_list;
  KioskAllowList *block_list;
  JsonNode       *block_list_rules;
  KioskAllowList *global_resource_list;   /* strict mode only, or NULL */
  gboolean        allow_insecure_http;
};

G_DEFINE_FINAL_TYPE (KioskPolicy, kiosk_policy, G_TYPE_OBJECT)

static void
kiosk_policy_dispose (GObject *object)
{
  KioskPolicy *self = KIOSK_POLICY (object);

  g_clear_object (&self->global_allow_list);
  g_clear_object (&self->global_frame_list);
  g_clear_object (&self->payment_list);
  g_clear_object (&self->block_list);
  g_clear_pointer (&self->block_list_rules, json_node_unref);
  g_clear_object (&self->global_resource_list);

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
 * @global_frame_list: the `[Allow] Frames` every service's pages may
 *   show in a frame, and never as a page; the same
 * @payment_list: the `[Payment] Hosts`, payment services a page may come
 *   from during a service, below which a frame may come from any host
 *   (a bank's 3-D Secure); the same
 * @block_list: the `[Block] Hosts`, trackers and advertisers no load of
 *   any kind may reach, whatever page asks; the same
 * @block_list_rules: (nullable): the rules of `[Block] BlockListFile`,
 *   a JSON array checked by kiosk_block_list_parse()
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
                  KioskAllowList *global_frame_list,
                  KioskAllowList *payment_list,
                  KioskAllowList *block_list,
                  JsonNode       *block_list_rules,
                  gboolean        allow_insecure_http)
{
  KioskPolicy *self;

  g_return_val_if_fail (KIOSK_IS_ALLOW_LIST (global_allow_list), NULL);
  g_return_val_if_fail (KIOSK_IS_ALLOW_LIST (global_frame_list), NULL);
  g_return_val_if_fail (KIOSK_IS_ALLOW_LIST (payment_list), NULL);
  g_return_val_if_fail (KIOSK_IS_ALLOW_LIST (block_list), NULL);

  self = g_object_new (KIOSK_TYPE_POLICY, NULL);
  self->global_allow_list = g_object_ref (global_allow_list);
  self->global_frame_list = g_object_ref (global_frame_list);
  self->payment_list = g_object_ref (payment_list);
  self->block_list = g_object_ref (block_list);
  self->block_list_rules = block_list_rules != NULL ? json_node_copy (block_list_rules) : NULL;
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

static gboolean
scheme_is_allowed (KioskPolicy    *self,
                   const KioskUrl *url)
{
  return strcmp (url->scheme, "https") == 0 ||
         (strcmp (url->scheme, "http") == 0 && self->allow_insecure_http);
}

/* The lists whose hosts a page's parts may come from in strict mode: the
 * hosts a page of the service may come from, the frames', the Resources'.
 */
#define N_RESOURCE_LISTS 8

static void
get_resource_lists (KioskPolicy     *self,
                    KioskProfile    *profile,
                    KioskService    *service,
                    KioskAllowList **lists)
{
  lists[0] = service != NULL ? kiosk_service_get_allow_list (service) : NULL;
  lists[1] = self->global_allow_list;
  lists[2] = profile != NULL ? kiosk_profile_get_allow_list (profile) : NULL;
  lists[3] = service != NULL ? kiosk_service_get_frame_list (service) : NULL;
  lists[4] = self->global_frame_list;
  lists[5] = service != NULL ? kiosk_service_get_resource_list (service) : NULL;
  lists[6] = self->global_resource_list;
  lists[7] = service != NULL ? self->payment_list : NULL;
}

/* A part of a page (a script, an image, a fetch): never from a `[Block]`
 * host; from any other outside strict mode; in strict mode from the
 * lists' hosts, as the rules of add_strict_resources() let through.
 */
static KioskVerdict
decide_resource (KioskPolicy      *self,
                 KioskProfile     *profile,
                 KioskService     *service,
                 const KioskUrl   *url,
                 KioskPolicyFlags  flags)
{
  KioskAllowList *lists[N_RESOURCE_LISTS];

  /* What the page made itself. */
  if (strcmp (url->scheme, "data") == 0 || strcmp (url->scheme, "blob") == 0)
    return KIOSK_VERDICT_ALLOW;
  if (kiosk_allow_list_matches_url (self->block_list, url))
    return KIOSK_VERDICT_DENY_BLOCKED;
  if (self->global_resource_list == NULL)
    return KIOSK_VERDICT_ALLOW;
  if (!service_is_available (profile, service) || !scheme_is_allowed (self, url) ||
      url->host_type != KIOSK_URL_HOST_DOMAIN || *url->username != '\0' ||
      *url->password != '\0')
    return KIOSK_VERDICT_DENY_NOT_ALLOWED;

  get_resource_lists (self, profile, service, lists);
  for (guint i = 0; i < N_RESOURCE_LISTS; i++)
    {
      if (lists[i] != NULL && kiosk_allow_list_matches_url (lists[i], url))
        return KIOSK_VERDICT_ALLOW;
    }

  /* Below a payment page, the bank's 3-D Secure brings its own. */
  if (service != NULL && (flags & KIOSK_POLICY_BELOW_PAYMENT_PAGE) != 0 &&
      strcmp (url->scheme, "https") == 0)
    return KIOSK_VERDICT_ALLOW;

  return KIOSK_VERDICT_DENY_NOT_ALLOWED;
}

static KioskVerdict
decide_url (KioskPolicy      *self,
            KioskProfile     *profile,
            KioskService     *service,
            const KioskUrl   *url,
            KioskPolicyFlags  flags)
{
  if ((flags & KIOSK_POLICY_RESOURCE) != 0)
    return decide_resource (self, profile, service, url, flags);

  if (!service_is_available (profile, service))
    return KIOSK_VERDICT_DENY_NOT_ALLOWED;

  if ((flags & KIOSK_POLICY_INITIAL_DOCUMENT) != 0 && is_initial_blank_document (url))
    return KIOSK_VERDICT_ALLOW;

  /* Every other scheme (file, data, javascript, blob, view-source,
   * mailto, tel, custom handlers) is refused, never handed elsewhere.
   */
  if (!scheme_is_allowed (self, url))
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

  /* A payment service is part of the démarche that leads to it. */
  if (service != NULL && kiosk_allow_list_matches_url (self->payment_list, url))
    return KIOSK_VERDICT_ALLOW;

  /* A captcha's host, say: shown inside a service's page, never as one. */
  if ((flags & KIOSK_POLICY_FRAME) != 0)
    {
      if (service != NULL &&
          kiosk_allow_list_matches_url (kiosk_service_get_frame_list (service), url))
        return KIOSK_VERDICT_ALLOW;

      if (kiosk_allow_list_matches_url (self->global_frame_list, url))
        return KIOSK_VERDICT_ALLOW;

      /* Below a payment page, the resident's own bank asks for its 3-D
       * Secure, from a host no list can hold: any site, in a frame only.
       */
      if (service != NULL && (flags & KIOSK_POLICY_BELOW_PAYMENT_PAGE) != 0)
        return KIOSK_VERDICT_ALLOW;
    }

  return KIOSK_VERDICT_DENY_NOT_ALLOWED;
}

/**
 * kiosk_policy_decide:
 * @self: the station's policy, from kiosk_config_get_policy()
 * @profile: (nullable): the profile staff turned on, or %NULL for the public
 * @service: (nullable): the service in use, or %NULL on the home screen
 * @address: an address, as WebKit reports it or as a person typed it
 * @flags: %KIOSK_POLICY_INITIAL_DOCUMENT when @address is the first
 *   document of a new frame, the only place about:blank is accepted;
 *   %KIOSK_POLICY_FRAME when @address may be the document of a frame,
 *   which may also come from the `Frames` hosts; with
 *   %KIOSK_POLICY_BELOW_PAYMENT_PAGE too, when that frame's page is a
 *   payment page (kiosk_policy_is_payment_page()), from any host;
 *   %KIOSK_POLICY_RESOURCE when @address is a part of a page (a script,
 *   an image, a fetch), which may never come from a `[Block]` host
 *   (%KIOSK_VERDICT_DENY_BLOCKED), and in strict mode only from the
 *   hosts of the allow-list and the `Resources` lists
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
 * kiosk_policy_decide_document:
 * @self: the station's policy
 * @profile: (nullable): the profile staff turned on, or %NULL for the public
 * @service: (nullable): the service in use
 * @address: the address of a document to keep: one of a site, or one made
 *   in the page (`blob:`, `data:`)
 * @page_address: (nullable): the page that asked for it
 * @site: (out) (optional) (nullable) (transfer full): the address whose
 *   site made the document, for the refusal page to name
 *
 * Whether a document may be kept in the session, by the site that made
 * it. A site's own address is judged as a page. An attestation built by a
 * script has none: a `blob:` address carries the origin of the page that
 * made it (URL Standard, "blob URL"; "blob:https://www.caf.fr/…"), which
 * is judged instead; a `data:` address carries nothing, and is the page's
 * that asked for it. What is kept is then checked like any document
 * (kiosk_document_classify()).
 *
 * Returns: %KIOSK_VERDICT_ALLOW or the reason for the refusal
 */
KioskVerdict
kiosk_policy_decide_document (KioskPolicy   *self,
                              KioskProfile  *profile,
                              KioskService  *service,
                              const char    *address,
                              const char    *page_address,
                              KioskUrl     **site)
{
  g_autoptr(KioskUrl) parsed = NULL;
  g_autoptr(KioskUrl) maker = NULL;
  KioskVerdict verdict;

  g_return_val_if_fail (KIOSK_IS_POLICY (self), KIOSK_VERDICT_DENY_MALFORMED);
  g_return_val_if_fail (address != NULL, KIOSK_VERDICT_DENY_MALFORMED);

  if (site != NULL)
    *site = NULL;

  parsed = kiosk_url_parse (address, NULL, NULL);
  if (parsed == NULL)
    return KIOSK_VERDICT_DENY_MALFORMED;

  if (strcmp (parsed->scheme, "blob") == 0)
    maker = kiosk_url_parse (parsed->path, NULL, NULL);
  else if (strcmp (parsed->scheme, "data") == 0)
    maker = page_address != NULL ? kiosk_url_parse (page_address, NULL, NULL) : NULL;
  else
    maker = g_steal_pointer (&parsed);

  if (maker == NULL)
    return KIOSK_VERDICT_DENY_MALFORMED;

  verdict = decide_url (self, profile, service, maker, KIOSK_POLICY_FLAGS_NONE);
  if (site != NULL)
    *site = g_steal_pointer (&maker);
  return verdict;
}

/**
 * kiosk_policy_is_payment_page:
 * @self: the station's policy
 * @service: (nullable): the service in use
 * @address: (nullable): the address of the page shown
 *
 * Returns: whether @address is a page of a `[Payment]` host, during a service
 */
gboolean
kiosk_policy_is_payment_page (KioskPolicy  *self,
                              KioskService *service,
                              const char   *address)
{
  g_autoptr(KioskUrl) url = NULL;

  g_return_val_if_fail (KIOSK_IS_POLICY (self), FALSE);

  if (service == NULL || address == NULL)
    return FALSE;

  url = kiosk_url_parse (address, NULL, NULL);
  if (url == NULL || !scheme_is_allowed (self, url))
    return FALSE;

  return kiosk_allow_list_matches_url (self->payment_list, url);
}

/* One rule of WebKit's content blockers: loads of @resource_types (any
 * kind, when %NULL) to an address @url_filter matches, in @load_context
 * (any frame, when %NULL) and below a page @top_urls matches (any, when
 * %NULL), get @action.
 */
static void
add_rule (JsonBuilder        *builder,
          const char         *url_filter,
          const char * const *resource_types,
          const char         *action,
          const char         *load_context,
          GPtrArray          *top_urls)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "trigger");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "url-filter");
  json_builder_add_string_value (builder, url_filter);
  json_builder_set_member_name (builder, "url-filter-is-case-sensitive");
  json_builder_add_boolean_value (builder, TRUE);
  if (resource_types != NULL)
    {
      json_builder_set_member_name (builder, "resource-type");
      json_builder_begin_array (builder);
      for (guint i = 0; resource_types[i] != NULL; i++)
        json_builder_add_string_value (builder, resource_types[i]);
      json_builder_end_array (builder);
    }
  if (load_context != NULL)
    {
      json_builder_set_member_name (builder, "load-context");
      json_builder_begin_array (builder);
      json_builder_add_string_value (builder, load_context);
      json_builder_end_array (builder);
    }
  if (top_urls != NULL)
    {
      json_builder_set_member_name (builder, "if-top-url");
      json_builder_begin_array (builder);
      for (guint i = 0; i < top_urls->len; i++)
        json_builder_add_string_value (builder, g_ptr_array_index (top_urls, i));
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "action");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, action);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

static const char * const document_types[] = { "document", NULL };
static const char * const ping_types[] = { "ping", NULL };

/* Every kind of load but a document's: what strict mode holds to the
 * allow-list (the documents have their own rules).
 */
static const char * const subresource_types[] = {
  "image", "style-sheet", "script", "font", "raw", "svg-document", "media", "fetch", "websocket",
  "other", NULL,
};

static void
add_document_rule (JsonBuilder *builder,
                   const char  *url_filter,
                   const char  *action,
                   const char  *load_context,
                   GPtrArray   *top_urls)
{
  add_rule (builder, url_filter, document_types, action, load_context, top_urls);
}

static void
add_subresource_rule (JsonBuilder *builder,
                      const char  *url_filter,
                      const char  *action,
                      GPtrArray   *top_urls)
{
  add_rule (builder, url_filter, subresource_types, action, NULL, top_urls);
}

static void
add_resource_exceptions (JsonBuilder    *builder,
                         KioskAllowList *list,
                         gboolean        allow_insecure_http)
{
  const char * const secure_schemes[] = { "https", "wss", NULL };
  const char * const all_schemes[] = { "https", "http", "wss", "ws", NULL };
  g_autoptr(GPtrArray) filters = g_ptr_array_new_with_free_func (g_free);

  kiosk_allow_list_append_url_filters (list, allow_insecure_http ? all_schemes : secure_schemes,
                                       filters);
  for (guint i = 0; i < filters->len; i++)
    add_subresource_rule (builder, g_ptr_array_index (filters, i), "ignore-previous-rules", NULL);
}

/* Strict mode: a sub-resource comes from the hosts a page of the service
 * may come from, the frames', and the Resources' — or from the page itself
 * (data:, blob:); below a payment page, from anywhere, as the bank's
 * frame does.
 */
static void
add_strict_resources (KioskPolicy  *self,
                      JsonBuilder  *builder,
                      KioskProfile *profile,
                      KioskService *service,
                      GPtrArray    *payment_pages)
{
  KioskAllowList *lists[N_RESOURCE_LISTS];

  get_resource_lists (self, profile, service, lists);
  add_subresource_rule (builder, ".*", "block", NULL);
  add_subresource_rule (builder, "^data:", "ignore-previous-rules", NULL);
  add_subresource_rule (builder, "^blob:", "ignore-previous-rules", NULL);

  if (!service_is_available (profile, service))
    return;

  for (guint i = 0; i < N_RESOURCE_LISTS; i++)
    if (lists[i] != NULL)
      add_resource_exceptions (builder, lists[i], self->allow_insecure_http);

  if (payment_pages != NULL && payment_pages->len > 0)
    add_subresource_rule (builder, "^https://[a-z0-9._-]*[a-z_-][a-z0-9._-]*(:[0-9]+)?/",
                          "ignore-previous-rules", payment_pages);
}

static void
add_exceptions (JsonBuilder        *builder,
                KioskAllowList     *list,
                const char * const *schemes,
                const char         *load_context)
{
  g_autoptr(GPtrArray) filters = g_ptr_array_new_with_free_func (g_free);

  kiosk_allow_list_append_url_filters (list, schemes, filters);
  for (guint i = 0; i < filters->len; i++)
    add_document_rule (builder, g_ptr_array_index (filters, i), "ignore-previous-rules",
                       load_context, NULL);
}

/**
 * kiosk_policy_get_document_rules:
 * @self: the station's policy
 * @profile: (nullable): the profile staff turned on, or %NULL for the public
 * @service: (nullable): the service in use
 *
 * The same decision as kiosk_policy_decide() for the documents of pages
 * and frames, written as a list of rules for WebKit's content blockers
 * (`WebKitUserContentFilter`): every document is blocked, but for those
 * made in the page, those of the hosts a page may show, and, in a frame
 * only (`child-frame`), those of the `Frames` hosts and, below a payment
 * page (`if-top-url`), of any domain. WebKit applies them before a request
 * leaves, and knows what the kiosk's own decision cannot be told: whether
 * a load is the page's or a frame's. A blocked page fails with
 * "blocked by a content blocker"; a blocked frame stays empty.
 *
 * Returns: (transfer full): the rules, in WebKit's JSON format
 */
char *
kiosk_policy_get_document_rules (KioskPolicy  *self,
                                 KioskProfile *profile,
                                 KioskService *service)
{
  const char * const secure_schemes[] = { "https", NULL };
  const char * const all_schemes[] = { "https", "http", NULL };
  const char * const *schemes = self->allow_insecure_http ? all_schemes : secure_schemes;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) payment_pages = NULL;

  g_return_val_if_fail (KIOSK_IS_POLICY (self), NULL);
  g_return_val_if_fail (profile == NULL || KIOSK_IS_PROFILE (profile), NULL);
  g_return_val_if_fail (service == NULL || KIOSK_IS_SERVICE (service), NULL);

  json_builder_begin_array (builder);
  add_document_rule (builder, ".*", "block", NULL, NULL);
  /* Documents made in the page are judged by the kiosk alone, before
   * WebKit loads them (kiosk_policy_decide_document()), and never shown
   * as pages: the rules let them through, to become downloads.
   */
  add_document_rule (builder, "^blob:", "ignore-previous-rules", NULL, NULL);
  add_document_rule (builder, "^data:", "ignore-previous-rules", NULL, NULL);

  if (service_is_available (profile, service))
    {
      if (service != NULL)
        add_exceptions (builder, kiosk_service_get_allow_list (service), schemes, NULL);
      add_exceptions (builder, self->global_allow_list, schemes, NULL);
      if (profile != NULL)
        add_exceptions (builder, kiosk_profile_get_allow_list (profile), schemes, NULL);

      if (service != NULL)
        add_exceptions (builder, kiosk_service_get_frame_list (service), schemes, "child-frame");
      add_exceptions (builder, self->global_frame_list, schemes, "child-frame");

      if (service != NULL && kiosk_allow_list_get_n_patterns (self->payment_list) > 0)
        {
          payment_pages = g_ptr_array_new_with_free_func (g_free);

          add_exceptions (builder, self->payment_list, schemes, NULL);
          kiosk_allow_list_append_url_filters (self->payment_list, schemes, payment_pages);
          /* Any domain name below a payment page (never an IP address:
           * those hold a letter, a hyphen or an underscore somewhere).
           */
          for (guint i = 0; schemes[i] != NULL; i++)
            {
              g_autofree char *any_domain =
                g_strdup_printf ("^%s://[a-z0-9._-]*[a-z_-][a-z0-9._-]*(:[0-9]+)?/", schemes[i]);

              add_document_rule (builder, any_domain, "ignore-previous-rules", "child-frame",
                                 payment_pages);
            }
        }
    }

  if (self->global_resource_list != NULL)
    add_strict_resources (self, builder, profile, service, payment_pages);

  /* No <a ping>, to any host: following a link tells nobody else.
   * WebKit no longer lets its hyperlink auditing be turned off; its
   * content blocker has a resource type for it. Last, so that no
   * exception above lets one through.
   */
  add_rule (builder, ".*", ping_types, "block", NULL, NULL);

  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/**
 * kiosk_policy_set_strict_resources:
 * @self: the station's policy, as the config builds it
 * @global_resource_list: the `[Allow] Resources`, hosts every service's
 *   pages may load sub-resources from; it must not change once given here
 *
 * Strict mode (`StrictResources=true`): the sub-resources of every kind a
 * page loads — scripts, styles, images, fonts, fetch, XHR, beacons,
 * WebSocket, media — follow the allow-list as the pages do, plus the
 * `Resources` hosts. Set once, by the config, before it hands the policy
 * out.
 */
void
kiosk_policy_set_strict_resources (KioskPolicy    *self,
                                   KioskAllowList *global_resource_list)
{
  g_return_if_fail (KIOSK_IS_POLICY (self));
  g_return_if_fail (KIOSK_IS_ALLOW_LIST (global_resource_list));

  g_set_object (&self->global_resource_list, global_resource_list);
}

/**
 * kiosk_policy_get_block_rules:
 * @self: the station's policy
 *
 * The rules of `[Block] BlockListFile`, then the `[Block] Hosts` written
 * as rules for WebKit's content blockers: no load of any kind — page,
 * frame, script, style, image, font, fetch, beacon, WebSocket, media —
 * to those hosts, over any scheme. The hosts come last, so that no
 * "ignore-previous-rules" of a file lets one through. The same for every
 * session, so compiled once.
 *
 * Returns: (transfer full) (nullable): the rules in WebKit's JSON
 *   format, or %NULL when no host is blocked
 */
char *
kiosk_policy_get_block_rules (KioskPolicy *self)
{
  const char * const schemes[] = { "https", "http", "wss", "ws", NULL };
  g_autoptr(GPtrArray) filters = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  JsonArray *file_rules;

  g_return_val_if_fail (KIOSK_IS_POLICY (self), NULL);

  kiosk_allow_list_append_url_filters (self->block_list, schemes, filters);
  file_rules = self->block_list_rules != NULL ? json_node_get_array (self->block_list_rules) : NULL;
  if (filters->len == 0 && (file_rules == NULL || json_array_get_length (file_rules) == 0))
    return NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; file_rules != NULL && i < json_array_get_length (file_rules); i++)
    json_builder_add_value (builder, json_node_copy (json_array_get_element (file_rules, i)));
  for (guint i = 0; i < filters->len; i++)
    add_rule (builder, g_ptr_array_index (filters, i), NULL, "block", NULL, NULL);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/**
 * kiosk_policy_blocks_trackers:
 * @self: the station's policy
 *
 * Returns: whether `[Block]` lists hosts or rules, which no load reaches
 */
gboolean
kiosk_policy_blocks_trackers (KioskPolicy *self)
{
  g_return_val_if_fail (KIOSK_IS_POLICY (self), FALSE);

  return kiosk_allow_list_get_n_patterns (self->block_list) > 0 ||
         (self->block_list_rules != NULL &&
          json_array_get_length (json_node_get_array (self->block_list_rules)) > 0);
}

/**
 * kiosk_policy_is_strict:
 * @self: the station's policy
 *
 * Returns: whether the parts of pages follow the allow-list too
 *   (`StrictResources=true`, kiosk_policy_set_strict_resources())
 */
gboolean
kiosk_policy_is_strict (KioskPolicy *self)
{
  g_return_val_if_fail (KIOSK_IS_POLICY (self), FALSE);

  return self->global_resource_list != NULL;
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
    case KIOSK_VERDICT_DENY_BLOCKED:
      return "blocked";
    default:
      g_assert_not_reached ();
    }
}
