/* kiosk-allow-list.c — host patterns a service may navigate to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-allow-list"

#include "config.h"

#include "kiosk-allow-list.h"

#include <libpsl.h>
#include <string.h>

/* A pattern is either an exact host ("www.caf.fr") or "*.caf.fr", which
 * stands for caf.fr itself and every host below it. Patterns are kept in
 * canonical form: ASCII (punycode), lowercase, no trailing dot.
 */
typedef struct
{
  char     *domain;
  gboolean  include_subdomains;
} HostPattern;

struct _KioskAllowList
{
  GObject  parent_instance;

  GArray  *patterns;
};

G_DEFINE_FINAL_TYPE (KioskAllowList, kiosk_allow_list, G_TYPE_OBJECT)

G_DEFINE_QUARK (kiosk-host-pattern-error-quark, kiosk_host_pattern_error)

static void
host_pattern_clear (gpointer data)
{
  HostPattern *pattern = data;

  g_clear_pointer (&pattern->domain, g_free);
}

static void
kiosk_allow_list_finalize (GObject *object)
{
  KioskAllowList *self = KIOSK_ALLOW_LIST (object);

  g_clear_pointer (&self->patterns, g_array_unref);

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
  self->patterns = g_array_new (FALSE, TRUE, sizeof (HostPattern));
  g_array_set_clear_func (self->patterns, host_pattern_clear);
}

/**
 * kiosk_allow_list_new:
 *
 * Returns: (transfer full): an empty allow-list, which matches no host.
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

/**
 * kiosk_allow_list_add_pattern:
 * @self: a #KioskAllowList
 * @pattern: "host.example" or "*.example"
 * @error: return location for a #KIOSK_HOST_PATTERN_ERROR
 *
 * Validates @pattern and adds it. A pattern that names an IP address or
 * would cover a public suffix ("*.fr", "*.gouv.fr") is refused, since it
 * would open far more than one service.
 *
 * Returns: %TRUE if the pattern was added
 */
gboolean
kiosk_allow_list_add_pattern (KioskAllowList *self,
                              const char     *pattern,
                              GError        **error)
{
  g_autofree char *ascii = NULL;
  g_autofree char *domain = NULL;
  const char *host_part;
  gboolean include_subdomains;
  HostPattern entry;
  guint n_labels = 0;

  g_return_val_if_fail (KIOSK_IS_ALLOW_LIST (self), FALSE);
  g_return_val_if_fail (pattern != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (*pattern == '\0')
    {
      g_set_error_literal (error, KIOSK_HOST_PATTERN_ERROR, KIOSK_HOST_PATTERN_ERROR_EMPTY,
                           "empty host pattern");
      return FALSE;
    }

  include_subdomains = g_str_has_prefix (pattern, "*.");
  host_part = include_subdomains ? pattern + 2 : pattern;

  if (strcmp (pattern, "*") == 0)
    {
      g_set_error (error, KIOSK_HOST_PATTERN_ERROR, KIOSK_HOST_PATTERN_ERROR_PUBLIC_SUFFIX,
                   "“%s” would allow every site; name the sites instead, like “www.caf.fr” "
                   "or “*.caf.fr”", pattern);
      return FALSE;
    }

  if (g_utf8_validate (host_part, -1, NULL))
    ascii = g_hostname_to_ascii (host_part);

  if (ascii == NULL || strchr (ascii, '*') != NULL)
    {
      g_set_error (error, KIOSK_HOST_PATTERN_ERROR, KIOSK_HOST_PATTERN_ERROR_MALFORMED,
                   "“%s” is not a host pattern; write a host like “www.caf.fr”, "
                   "or “*.caf.fr” for caf.fr and all its subdomains", pattern);
      return FALSE;
    }

  domain = g_ascii_strdown (ascii, -1);

  if (domain[0] == '[')
    {
      g_set_error (error, KIOSK_HOST_PATTERN_ERROR, KIOSK_HOST_PATTERN_ERROR_IP_LITERAL,
                   "“%s” is an IP address; only host names may be allowed", pattern);
      return FALSE;
    }

  if (!domain_is_valid (domain, &n_labels))
    {
      g_set_error (error, KIOSK_HOST_PATTERN_ERROR, KIOSK_HOST_PATTERN_ERROR_MALFORMED,
                   "“%s” is not a host pattern; write a host like “www.caf.fr”, "
                   "or “*.caf.fr” for caf.fr and all its subdomains (no scheme, path, "
                   "port or trailing dot)", pattern);
      return FALSE;
    }

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

  entry.domain = g_steal_pointer (&domain);
  entry.include_subdomains = include_subdomains;
  g_array_append_val (self->patterns, entry);

  return TRUE;
}

/**
 * kiosk_allow_list_matches_host:
 * @self: a #KioskAllowList
 * @host: a host in canonical form (ASCII, lowercase, no trailing dot)
 *
 * Returns: %TRUE if one of the patterns allows @host
 */
gboolean
kiosk_allow_list_matches_host (KioskAllowList *self,
                               const char     *host)
{
  gsize host_length;

  g_return_val_if_fail (KIOSK_IS_ALLOW_LIST (self), FALSE);
  g_return_val_if_fail (host != NULL, FALSE);

  host_length = strlen (host);

  for (guint i = 0; i < self->patterns->len; i++)
    {
      const HostPattern *pattern = &g_array_index (self->patterns, HostPattern, i);
      gsize domain_length = strlen (pattern->domain);

      if (strcmp (host, pattern->domain) == 0)
        return TRUE;

      if (pattern->include_subdomains &&
          host_length > domain_length + 1 &&
          host[host_length - domain_length - 1] == '.' &&
          strcmp (host + host_length - domain_length, pattern->domain) == 0)
        return TRUE;
    }

  return FALSE;
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

  return self->patterns->len;
}
