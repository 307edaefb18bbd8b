/* kiosk-allow-list.c — the addresses a service may navigate to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-allow-list"

#include "config.h"

#include "kiosk-allow-list.h"

#include <libpsl.h>
#include <string.h>

/* A pattern names a host ("www.caf.fr") or a domain and everything below
 * it ("*.caf.fr"), optionally a port ("www.caf.fr:8443") and, written as
 * an address, a path prefix ("https://www.caf.fr/aides/"). Patterns are
 * kept in canonical form: the host as the URL parser gives it (ASCII,
 * lowercase), the path as it serializes it. Hosts are found through hash
 * tables, so a decision costs a few lookups whatever the number of rules.
 */
typedef struct
{
  int   port;           /* -1: the scheme's default port only */
  char *path_prefix;    /* NULL: any path */
} Rule;

struct _KioskAllowList
{
  GObject     parent_instance;

  GHashTable *exact_hosts;        /* host → GArray of Rule */
  GHashTable *wildcard_domains;   /* domain → GArray of Rule */
  guint       n_patterns;
};

G_DEFINE_FINAL_TYPE (KioskAllowList, kiosk_allow_list, G_TYPE_OBJECT)

G_DEFINE_QUARK (kiosk-host-pattern-error-quark, kiosk_host_pattern_error)

static void
rule_clear (gpointer data)
{
  Rule *rule = data;

  g_clear_pointer (&rule->path_prefix, g_free);
}

static GArray *
rules_new (void)
{
  GArray *rules = g_array_new (FALSE, TRUE, sizeof (Rule));

  g_array_set_clear_func (rules, rule_clear);
  return rules;
}

static void
kiosk_allow_list_finalize (GObject *object)
{
  KioskAllowList *self = KIOSK_ALLOW_LIST (object);

  g_clear_pointer (&self->exact_hosts, g_hash_table_unref);
  g_clear_pointer (&self->wildcard_domains, g_hash_table_unref);

  G_OBJECT_CLASS (kiosk_allow_list_parent_class)->finalize (object);
}

static void
kiosk_allow_list_class_init (KioskAllowListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kiosk_allow_list_finalize;
}

static void
kiosk_allow_list_init (KioskAllowList *self)
{
  self->exact_hosts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) g_array_unref);
  self->wildcard_domains = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                  (GDestroyNotify) g_array_unref);
}

/**
 * kiosk_allow_list_new:
 *
 * Returns: (transfer full): an empty allow-list, which matches no address.
 */
KioskAllowList *
kiosk_allow_list_new (void)
{
  return g_object_new (KIOSK_TYPE_ALLOW_LIST, NULL);
}

static const psl_ctx_t *
get_public_suffix_list (void)
{
  static psl_ctx_t *psl;

  /* psl_latest() prefers Debian's publicsuffix list when it is newer than
   * the copy built into libpsl. It is loaded once and never freed.
   */
  if (g_once_init_enter (&psl))
    g_once_init_leave (&psl, psl_latest (NULL));

  return psl;
}

/**
 * kiosk_host_is_ip_literal:
 * @host: a host in canonical form
 *
 * Returns: %TRUE if @host is an IPv6 literal or ends in a numeric label,
 *   which the WHATWG URL parser would read as an IPv4 address.
 */
gboolean
kiosk_host_is_ip_literal (const char *host)
{
  const char *last_label;

  g_return_val_if_fail (host != NULL, FALSE);

  if (strchr (host, ':') != NULL || host[0] == '[')
    return TRUE;

  last_label = strrchr (host, '.');
  last_label = last_label != NULL ? last_label + 1 : host;
  if (*last_label == '\0')
    return FALSE;

  /* As the WHATWG "ends in a number" check: decimal digits, or "0x"
   * followed by hexadecimal digits.
   */
  if (g_ascii_strncasecmp (last_label, "0x", 2) == 0)
    {
      for (const char *p = last_label + 2; *p != '\0'; p++)
        {
          if (!g_ascii_isxdigit (*p))
            return FALSE;
        }
      return TRUE;
    }

  for (const char *p = last_label; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
    }

  return TRUE;
}

static gboolean
label_is_valid (const char *label,
                gsize       length)
{
  if (length == 0 || length > 63)
    return FALSE;

  if (label[0] == '-' || label[length - 1] == '-')
    return FALSE;

  for (gsize i = 0; i < length; i++)
    {
      if (!g_ascii_isalnum (label[i]) && label[i] != '-')
        return FALSE;
    }

  return TRUE;
}

static gboolean
domain_is_valid (const char *domain,
                 guint      *n_labels)
{
  const char *label = domain;

  if (strlen (domain) > 253)
    return FALSE;

  while (TRUE)
    {
      const char *dot = strchr (label, '.');
      gsize length = dot != NULL ? (gsize) (dot - label) : strlen (label);

      if (!label_is_valid (label, length))
        return FALSE;

      (*n_labels)++;
      if (dot == NULL)
        break;

      label = dot + 1;
    }

  return TRUE;
}


static gboolean
set_malformed_error (GError    **error,
                     const char *pattern)
{
  g_set_error (error, KIOSK_HOST_PATTERN_ERROR, KIOSK_HOST_PATTERN_ERROR_MALFORMED,
               "“%s” is not a host pattern; write a host like “www.caf.fr”, “*.caf.fr” for "
               "caf.fr and all its subdomains, “www.caf.fr:8443” for another port, or "
               "“https://www.caf.fr/aides/” for one part of a site", pattern);
  return FALSE;
}

static gboolean
parse_port (const char *text,
            int        *port)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, 65535, &value, NULL))
    return FALSE;

  *port = value;
  return TRUE;
}

/* Canonicalises a path prefix the way the URL parser serializes paths,
 * so that "/aides/../aides/" and "/%61ides/" compare as the browser sees them.
 */
static char *
canonicalize_path (const char *path)
{
  g_autofree char *address = g_strconcat ("https://pattern.invalid", path, NULL);
  g_autoptr(KioskUrl) url = NULL;

  if (strpbrk (path, "?#") != NULL)
    return NULL;

  url = kiosk_url_parse (address, NULL, NULL);
  if (url == NULL)
    return NULL;

  return g_strdup (url->path);
}

static gboolean
check_domain (const char  *pattern,
              const char  *domain,
              GError     **error)
{
  guint n_labels = 0;

  if (!domain_is_valid (domain, &n_labels))
    return set_malformed_error (error, pattern);

  if (kiosk_host_is_ip_literal (domain))
    {
      g_set_error (error, KIOSK_HOST_PATTERN_ERROR, KIOSK_HOST_PATTERN_ERROR_IP_LITERAL,
                   "“%s” is an IP address; only host names may be allowed", pattern);
      return FALSE;
    }

  /* Without the implicit "*" rule, so that an unlisted single label is
   * reported as what it is: not a host name.
   */
  if (psl_is_public_suffix2 (get_public_suffix_list (), domain,
                             PSL_TYPE_ANY | PSL_TYPE_NO_STAR_RULE))
    {
      g_set_error (error, KIOSK_HOST_PATTERN_ERROR, KIOSK_HOST_PATTERN_ERROR_PUBLIC_SUFFIX,
                   "“%s” covers the public suffix “%s”, shared by unrelated sites; "
                   "name one site instead, like “*.caf.fr”", pattern, domain);
      return FALSE;
    }

  if (n_labels < 2)
    {
      g_set_error (error, KIOSK_HOST_PATTERN_ERROR, KIOSK_HOST_PATTERN_ERROR_MALFORMED,
                   "“%s” is not a full host name; write a host like “www.caf.fr”", pattern);
      return FALSE;
    }

  return TRUE;
}

/**
 * kiosk_allow_list_add_pattern:
 * @self: a #KioskAllowList
 * @pattern: "www.caf.fr", "*.caf.fr", "www.caf.fr:8443" or "https://www.caf.fr/aides/"
 * @error: return location for a #KIOSK_HOST_PATTERN_ERROR
 *
 * Validates @pattern and adds it. A pattern that names an IP address or
 * would cover a public suffix ("*.fr", "*.gouv.fr") is refused, since it
 * would open far more than one service. Without a port, a pattern allows
 * the scheme's default port only.
 *
 * Returns: %TRUE if the pattern was added
 */
gboolean
kiosk_allow_list_add_pattern (KioskAllowList *self,
                              const char     *pattern,
                              GError        **error)
{
  g_autofree char *host_and_port = NULL;
  g_autofree char *domain = NULL;
  g_autofree char *path_prefix = NULL;
  const char *rest = pattern;
  const char *scheme_end;
  const char *slash;
  const char *host;
  char *colon;
  gboolean include_subdomains;
  int port = -1;
  GHashTable *table;
  GArray *rules;
  Rule rule;

  g_return_val_if_fail (KIOSK_IS_ALLOW_LIST (self), FALSE);
  g_return_val_if_fail (pattern != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (*pattern == '\0')
    {
      g_set_error_literal (error, KIOSK_HOST_PATTERN_ERROR, KIOSK_HOST_PATTERN_ERROR_EMPTY,
                           "empty host pattern");
      return FALSE;
    }

  if (strcmp (pattern, "*") == 0)
    {
      g_set_error (error, KIOSK_HOST_PATTERN_ERROR, KIOSK_HOST_PATTERN_ERROR_PUBLIC_SUFFIX,
                   "“%s” would allow every site; name the sites instead, like “www.caf.fr” "
                   "or “*.caf.fr”", pattern);
      return FALSE;
    }

  /* A path prefix is only written as a whole address, so that a pattern
   * reads the way the address bar of a browser would show it.
   */
  scheme_end = strstr (pattern, "://");
  if (scheme_end != NULL)
    {
      if (g_ascii_strncasecmp (pattern, "https://", 8) != 0 &&
          g_ascii_strncasecmp (pattern, "http://", 7) != 0)
        return set_malformed_error (error, pattern);
      rest = scheme_end + 3;
    }

  slash = strchr (rest, '/');
  if (slash != NULL)
    {
      if (scheme_end == NULL)
        return set_malformed_error (error, pattern);

      host_and_port = g_strndup (rest, slash - rest);
      if (strcmp (slash, "/") != 0)
        {
          path_prefix = canonicalize_path (slash);
          if (path_prefix == NULL)
            return set_malformed_error (error, pattern);
        }
    }
  else
    host_and_port = g_strdup (rest);

  if (host_and_port[0] == '[')
    {
      g_set_error (error, KIOSK_HOST_PATTERN_ERROR, KIOSK_HOST_PATTERN_ERROR_IP_LITERAL,
                   "“%s” is an IP address; only host names may be allowed", pattern);
      return FALSE;
    }

  colon = strrchr (host_and_port, ':');
  if (colon != NULL)
    {
      *colon = '\0';
      if (!parse_port (colon + 1, &port))
        return set_malformed_error (error, pattern);
    }

  include_subdomains = g_str_has_prefix (host_and_port, "*.");
  host = include_subdomains ? host_and_port + 2 : host_and_port;

  if (*host == '\0' || strchr (host, '*') != NULL)
    return set_malformed_error (error, pattern);

  domain = kiosk_url_domain_to_ascii (host, NULL);
  if (domain == NULL)
    return set_malformed_error (error, pattern);

  if (!check_domain (pattern, domain, error))
    return FALSE;

  table = include_subdomains ? self->wildcard_domains : self->exact_hosts;
  rules = g_hash_table_lookup (table, domain);
  if (rules == NULL)
    {
      rules = rules_new ();
      g_hash_table_insert (table, g_strdup (domain), rules);
    }

  rule.port = port;
  rule.path_prefix = g_steal_pointer (&path_prefix);
  g_array_append_val (rules, rule);
  self->n_patterns++;

  return TRUE;
}

static gboolean
path_has_prefix (const char *path,
                 const char *prefix)
{
  gsize length = strlen (prefix);

  if (strncmp (path, prefix, length) != 0)
    return FALSE;

  /* "/aides/" covers everything below it; "/aides" covers itself and
   * what is below it, but not "/aidesxyz".
   */
  return prefix[length - 1] == '/' || path[length] == '\0' || path[length] == '/';
}

static gboolean
rules_match (GArray         *rules,
             const KioskUrl *url)
{
  int default_port = kiosk_url_default_port (url->scheme);
  int url_port = url->port != -1 ? url->port : default_port;

  for (guint i = 0; rules != NULL && i < rules->len; i++)
    {
      const Rule *rule = &g_array_index (rules, Rule, i);
      int rule_port = rule->port != -1 ? rule->port : default_port;

      if (rule_port != url_port)
        continue;

      if (rule->path_prefix != NULL && !path_has_prefix (url->path, rule->path_prefix))
        continue;

      return TRUE;
    }

  return FALSE;
}

/**
 * kiosk_allow_list_matches_url:
 * @self: a #KioskAllowList
 * @url: an address as the URL parser canonicalised it
 *
 * Only domains match: an IP address, an opaque or empty host never does.
 * A host with a trailing dot is the same DNS name as without it.
 *
 * Returns: %TRUE if one of the patterns allows @url
 */
gboolean
kiosk_allow_list_matches_url (KioskAllowList *self,
                              const KioskUrl *url)
{
  g_autofree char *stripped = NULL;
  const char *host;
  gsize length;

  g_return_val_if_fail (KIOSK_IS_ALLOW_LIST (self), FALSE);
  g_return_val_if_fail (url != NULL, FALSE);

  if (url->host_type != KIOSK_URL_HOST_DOMAIN || url->host == NULL)
    return FALSE;

  host = url->host;
  length = strlen (host);
  if (length > 1 && host[length - 1] == '.')
    host = stripped = g_strndup (host, length - 1);

  if (rules_match (g_hash_table_lookup (self->exact_hosts, host), url))
    return TRUE;

  for (const char *suffix = host; suffix != NULL; )
    {
      const char *dot;

      if (rules_match (g_hash_table_lookup (self->wildcard_domains, suffix), url))
        return TRUE;

      dot = strchr (suffix, '.');
      suffix = dot != NULL ? dot + 1 : NULL;
    }

  return FALSE;
}

/* The characters that mean something in the regular expressions of
 * WebKit's content blockers; everything else stands for itself.
 */
static void
append_escaped (GString    *filter,
                const char *text)
{
  for (const char *c = text; *c != '\0'; c++)
    {
      if (strchr ("\\^$.*+?()[]{}|", *c) != NULL)
        g_string_append_c (filter, '\\');
      g_string_append_c (filter, *c);
    }
}

static int
default_port_of (const char *scheme)
{
  return strcmp (scheme, "https") == 0 ? 443 : 80;
}

/* One rule of one host, for one scheme. The serialized address carries no
 * port when it is the scheme's default, and always a path from "/".
 */
static void
append_rule_filters (const char *scheme,
                     const char *host,
                     gboolean    include_subdomains,
                     const Rule *rule,
                     GPtrArray  *filters)
{
  g_autoptr(GString) start = g_string_new ("^");
  int port = rule->port != -1 ? rule->port : default_port_of (scheme);

  g_string_append_printf (start, "%s://", scheme);
  /* Any name below the domain: labels never hold these characters. */
  if (include_subdomains)
    g_string_append (start, "([^/:?#@]*\\.)?");
  append_escaped (start, host);
  /* The same DNS name with its trailing dot, as the policy takes it. */
  g_string_append (start, "\\.?");
  if (port != default_port_of (scheme))
    g_string_append_printf (start, ":%d", port);

  if (rule->path_prefix == NULL)
    {
      g_ptr_array_add (filters, g_strconcat (start->str, "/", NULL));
      return;
    }

  append_escaped (start, rule->path_prefix);
  if (g_str_has_suffix (rule->path_prefix, "/"))
    {
      g_ptr_array_add (filters, g_strdup (start->str));
      return;
    }

  /* "/aides" is itself, what is below it, or itself with a query. */
  g_ptr_array_add (filters, g_strconcat (start->str, "$", NULL));
  g_ptr_array_add (filters, g_strconcat (start->str, "/", NULL));
  g_ptr_array_add (filters, g_strconcat (start->str, "\\?", NULL));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b,
                 gpointer      unused)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
append_table_filters (GHashTable         *table,
                      gboolean            include_subdomains,
                      const char * const *schemes,
                      GPtrArray          *filters)
{
  g_autofree const char **hosts = NULL;

  /* Sorted, so that the same list always gives the same rules. */
  hosts = (const char **) g_hash_table_get_keys_as_array (table, NULL);
  g_qsort_with_data (hosts, g_hash_table_size (table), sizeof (char *), compare_strings, NULL);

  for (guint i = 0; hosts[i] != NULL; i++)
    {
      GArray *rules = g_hash_table_lookup (table, hosts[i]);

      for (guint s = 0; schemes[s] != NULL; s++)
        for (guint r = 0; r < rules->len; r++)
          append_rule_filters (schemes[s], hosts[i], include_subdomains,
                               &g_array_index (rules, Rule, r), filters);
    }
}

/**
 * kiosk_allow_list_append_url_filters:
 * @self: a #KioskAllowList
 * @schemes: (array zero-terminated=1): the schemes allowed: "https", and
 *   "http" where the config allows it
 * @filters: (element-type utf8): where the expressions are added
 *
 * States the list in the language of WebKit's content blockers: regular
 * expressions (`url-filter`) that an address, as WebKit serializes it,
 * matches exactly when kiosk_allow_list_matches_url() allows it with one
 * of @schemes. WebKit then applies the list itself, in the web process,
 * before a request leaves, to loads the kiosk cannot tell apart otherwise.
 */
void
kiosk_allow_list_append_url_filters (KioskAllowList     *self,
                                     const char * const *schemes,
                                     GPtrArray          *filters)
{
  g_return_if_fail (KIOSK_IS_ALLOW_LIST (self));
  g_return_if_fail (schemes != NULL);
  g_return_if_fail (filters != NULL);

  append_table_filters (self->exact_hosts, FALSE, schemes, filters);
  append_table_filters (self->wildcard_domains, TRUE, schemes, filters);
}

/**
 * kiosk_allow_list_get_n_patterns:
 * @self: a #KioskAllowList
 *
 * Returns: how many patterns were added
 */
guint
kiosk_allow_list_get_n_patterns (KioskAllowList *self)
{
  g_return_val_if_fail (KIOSK_IS_ALLOW_LIST (self), 0);

  return self->n_patterns;
}

/**
 * kiosk_registrable_domain:
 * @host: a canonical host name, like "www.evil.example"
 *
 * The part of a host a person or a company registers ("evil.example",
 * "caf.fr"), by the Public Suffix List: what the usage counts keep of a
 * refused site, and nothing more of its address.
 *
 * Returns: (transfer full) (nullable): the registrable domain, or %NULL
 *   for a host that has none (a public suffix, an IP address)
 */
char *
kiosk_registrable_domain (const char *host)
{
  const char *domain;

  g_return_val_if_fail (host != NULL, NULL);

  if (kiosk_host_is_ip_literal (host))
    return NULL;

  domain = psl_registrable_domain (get_public_suffix_list (), host);
  return g_strdup (domain);
}
