/* test-allow-list.c — host patterns and host matching
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-test"

#include "config.h"

#include "kiosk-allow-list.h"

#include <string.h>

static KioskAllowList *
allow_list_of (const char *first_pattern,
               ...)
{
  KioskAllowList *allow_list = kiosk_allow_list_new ();
  va_list args;

  va_start (args, first_pattern);
  for (const char *pattern = first_pattern; pattern != NULL; pattern = va_arg (args, const char *))
    {
      g_autoptr(GError) error = NULL;

      kiosk_allow_list_add_pattern (allow_list, pattern, &error);
      g_assert_no_error (error);
    }
  va_end (args);

  return allow_list;
}

static gboolean
allows (KioskAllowList *allow_list,
        const char     *address)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskUrl) url = kiosk_url_parse (address, NULL, &error);

  g_assert_no_error (error);
  return kiosk_allow_list_matches_url (allow_list, url);
}

static void
test_exact_host (void)
{
  g_autoptr(KioskAllowList) allow_list = allow_list_of ("www.caf.fr", NULL);

  g_assert_true (allows (allow_list, "https://www.caf.fr/"));
  g_assert_false (allows (allow_list, "https://caf.fr/"));
  g_assert_false (allows (allow_list, "https://wwwd.caf.fr/"));
  g_assert_false (allows (allow_list, "https://evil.www.caf.fr/"));
}

static void
test_wildcard_covers_domain_and_subdomains (void)
{
  g_autoptr(KioskAllowList) allow_list = allow_list_of ("*.caf.fr", NULL);

  g_assert_true (allows (allow_list, "https://caf.fr/"));
  g_assert_true (allows (allow_list, "https://www.caf.fr/"));
  g_assert_true (allows (allow_list, "https://a.b.caf.fr/"));
}

static void
test_suffix_glue_is_not_a_subdomain (void)
{
  g_autoptr(KioskAllowList) allow_list = allow_list_of ("*.caf.fr", "www.ameli.fr", NULL);

  g_assert_false (allows (allow_list, "https://evilcaf.fr/"));
  g_assert_false (allows (allow_list, "https://caf.fr.evil.example/"));
  g_assert_false (allows (allow_list, "https://www.ameli.fr.evil.example/"));
  g_assert_false (allows (allow_list, "https://xwww.ameli.fr/"));
  g_assert_false (allows (allow_list, "https://fr/"));
  g_assert_false (allows (allow_list, "https://caf.fr:443@evil.example/"));
}

static void
test_patterns_are_canonicalised (void)
{
  g_autoptr(KioskAllowList) allow_list = allow_list_of ("WWW.Caf.FR", "*.bücher.example",
                                                        NULL);

  g_assert_true (allows (allow_list, "https://www.caf.fr/"));
  g_assert_true (allows (allow_list, "https://www.xn--bcher-kva.example/"));
}

static void
test_ports (void)
{
  g_autoptr(KioskAllowList) allow_list = allow_list_of ("www.caf.fr", "*.ameli.fr:8443", NULL);

  g_assert_true (allows (allow_list, "https://www.caf.fr/"));
  g_assert_true (allows (allow_list, "https://www.caf.fr:443/"));
  g_assert_true (allows (allow_list, "http://www.caf.fr:80/"));
  g_assert_false (allows (allow_list, "https://www.caf.fr:8443/"));
  g_assert_false (allows (allow_list, "https://www.caf.fr:80/"));
  g_assert_true (allows (allow_list, "https://assure.ameli.fr:8443/"));
  g_assert_false (allows (allow_list, "https://assure.ameli.fr/"));
}

static void
test_path_prefixes (void)
{
  g_autoptr(KioskAllowList) allow_list = allow_list_of ("https://www.caf.fr/aides/",
                                                        "https://www.ameli.fr/assure",
                                                        NULL);

  g_assert_true (allows (allow_list, "https://www.caf.fr/aides/"));
  g_assert_true (allows (allow_list, "https://www.caf.fr/aides/logement?x=1"));
  g_assert_false (allows (allow_list, "https://www.caf.fr/"));
  g_assert_false (allows (allow_list, "https://www.caf.fr/aidesx"));
  /* The path is compared as the browser will request it. */
  g_assert_false (allows (allow_list, "https://www.caf.fr/aides/../admin/"));
  g_assert_false (allows (allow_list, "https://www.caf.fr/aides/%2e%2e/admin/"));
  g_assert_true (allows (allow_list, "https://www.caf.fr/x/../aides/"));
  g_assert_true (allows (allow_list, "https://www.ameli.fr/assure"));
  g_assert_true (allows (allow_list, "https://www.ameli.fr/assure/remboursements"));
  g_assert_false (allows (allow_list, "https://www.ameli.fr/assurement"));
}

static void
test_trailing_dot_is_the_same_host (void)
{
  g_autoptr(KioskAllowList) allow_list = allow_list_of ("www.caf.fr", NULL);

  g_assert_true (allows (allow_list, "https://www.caf.fr./"));
  g_assert_false (allows (allow_list, "https://www.caf.fr.evil.example./"));
}

static void
test_only_domains_match (void)
{
  g_autoptr(KioskAllowList) allow_list = allow_list_of ("www.caf.fr", NULL);

  g_assert_false (allows (allow_list, "https://127.0.0.1/"));
  g_assert_false (allows (allow_list, "https://[::1]/"));
  g_assert_false (allows (allow_list, "file:///www.caf.fr/"));
}

static void
test_empty_list_matches_nothing (void)
{
  g_autoptr(KioskAllowList) allow_list = kiosk_allow_list_new ();

  g_assert_cmpuint (kiosk_allow_list_get_n_patterns (allow_list), ==, 0);
  g_assert_false (allows (allow_list, "https://www.caf.fr/"));
  g_assert_false (allows (allow_list, "https://a.invalid/"));
}

typedef struct
{
  const char *pattern;
  int         code;
} BadPattern;

static void
test_bad_patterns_are_refused (void)
{
  static const BadPattern bad_patterns[] = {
    { "", KIOSK_HOST_PATTERN_ERROR_EMPTY },
    { "*", KIOSK_HOST_PATTERN_ERROR_PUBLIC_SUFFIX },
    { "*.fr", KIOSK_HOST_PATTERN_ERROR_PUBLIC_SUFFIX },
    { "*.gouv.fr", KIOSK_HOST_PATTERN_ERROR_PUBLIC_SUFFIX },
    { "gouv.fr", KIOSK_HOST_PATTERN_ERROR_PUBLIC_SUFFIX },
    { "*.com", KIOSK_HOST_PATTERN_ERROR_PUBLIC_SUFFIX },
    { "*.co.uk", KIOSK_HOST_PATTERN_ERROR_PUBLIC_SUFFIX },
    { "192.168.1.1", KIOSK_HOST_PATTERN_ERROR_IP_LITERAL },
    { "*.10.0.0.1", KIOSK_HOST_PATTERN_ERROR_IP_LITERAL },
    { "0x7f.1", KIOSK_HOST_PATTERN_ERROR_IP_LITERAL },
    { "[::1]", KIOSK_HOST_PATTERN_ERROR_IP_LITERAL },
    { "ftp://www.caf.fr/", KIOSK_HOST_PATTERN_ERROR_MALFORMED },
    { "https://www.caf.fr/path?query", KIOSK_HOST_PATTERN_ERROR_MALFORMED },
    { "www.caf.fr:0", KIOSK_HOST_PATTERN_ERROR_MALFORMED },
    { "www.caf.fr:99999", KIOSK_HOST_PATTERN_ERROR_MALFORMED },
    { "https://*.fr/aides/", KIOSK_HOST_PATTERN_ERROR_PUBLIC_SUFFIX },
    { "xn--a.caf.fr", KIOSK_HOST_PATTERN_ERROR_MALFORMED },
    { "www.caf.fr/path", KIOSK_HOST_PATTERN_ERROR_MALFORMED },
    { "www.caf.fr.", KIOSK_HOST_PATTERN_ERROR_MALFORMED },
    { "www..caf.fr", KIOSK_HOST_PATTERN_ERROR_MALFORMED },
    { "ww*.caf.fr", KIOSK_HOST_PATTERN_ERROR_MALFORMED },
    { "*.*.caf.fr", KIOSK_HOST_PATTERN_ERROR_MALFORMED },
    { "-caf.fr", KIOSK_HOST_PATTERN_ERROR_MALFORMED },
    { "caf", KIOSK_HOST_PATTERN_ERROR_MALFORMED },
    { "www.caf.fr:https", KIOSK_HOST_PATTERN_ERROR_MALFORMED },
    { "www caf.fr", KIOSK_HOST_PATTERN_ERROR_MALFORMED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad_patterns); i++)
    {
      g_autoptr(KioskAllowList) allow_list = kiosk_allow_list_new ();
      g_autoptr(GError) error = NULL;

      g_test_message ("pattern “%s”", bad_patterns[i].pattern);
      g_assert_false (kiosk_allow_list_add_pattern (allow_list, bad_patterns[i].pattern, &error));
      g_assert_error (error, KIOSK_HOST_PATTERN_ERROR, bad_patterns[i].code);
      g_assert_nonnull (strstr (error->message, bad_patterns[i].pattern));
      g_assert_cmpuint (kiosk_allow_list_get_n_patterns (allow_list), ==, 0);
    }
}

static void
test_registrable_domain_under_public_suffix_is_accepted (void)
{
  g_autoptr(KioskAllowList) allow_list = allow_list_of ("*.impots.gouv.fr", NULL);

  g_assert_true (allows (allow_list, "https://cfspart.impots.gouv.fr/"));
  g_assert_false (allows (allow_list, "https://ants.gouv.fr/"));
}

static void
test_ip_literals (void)
{
  g_assert_true (kiosk_host_is_ip_literal ("127.0.0.1"));
  g_assert_true (kiosk_host_is_ip_literal ("2130706433"));
  g_assert_true (kiosk_host_is_ip_literal ("0x7f000001"));
  g_assert_true (kiosk_host_is_ip_literal ("[::1]"));
  g_assert_true (kiosk_host_is_ip_literal ("www.caf.12"));
  g_assert_false (kiosk_host_is_ip_literal ("www.caf.fr"));
  g_assert_false (kiosk_host_is_ip_literal ("cafe.beef"));
  g_assert_false (kiosk_host_is_ip_literal ("1jeune1solution.gouv.fr"));
}

static void
test_registrable_domain (void)
{
  static const struct { const char *host; const char *domain; } cases[] = {
    { "www.evil.example", "evil.example" },
    { "evil.example", "evil.example" },
    { "a.b.c.caf.fr", "caf.fr" },
    { "www.impots.gouv.fr", "impots.gouv.fr" },
    { "foo.bar.co.uk", "bar.co.uk" },
    { "gouv.fr", NULL },
    { "fr", NULL },
    { "192.0.2.1", NULL },
    { "[2001:db8::1]", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *domain = kiosk_registrable_domain (cases[i].host);

      g_test_message ("%s → %s", cases[i].host, domain);
      g_assert_cmpstr (domain, ==, cases[i].domain);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/allow-list/exact-host", test_exact_host);
  g_test_add_func ("/core/allow-list/registrable-domain", test_registrable_domain);
  g_test_add_func ("/core/allow-list/wildcard-covers-domain-and-subdomains",
                   test_wildcard_covers_domain_and_subdomains);
  g_test_add_func ("/core/allow-list/suffix-glue-is-not-a-subdomain",
                   test_suffix_glue_is_not_a_subdomain);
  g_test_add_func ("/core/allow-list/patterns-are-canonicalised", test_patterns_are_canonicalised);
  g_test_add_func ("/core/allow-list/ports", test_ports);
  g_test_add_func ("/core/allow-list/path-prefixes", test_path_prefixes);
  g_test_add_func ("/core/allow-list/trailing-dot-is-the-same-host",
                   test_trailing_dot_is_the_same_host);
  g_test_add_func ("/core/allow-list/only-domains-match", test_only_domains_match);
  g_test_add_func ("/core/allow-list/empty-list-matches-nothing", test_empty_list_matches_nothing);
  g_test_add_func ("/core/allow-list/bad-patterns-are-refused", test_bad_patterns_are_refused);
  g_test_add_func ("/core/allow-list/registrable-domain-under-public-suffix-is-accepted",
                   test_registrable_domain_under_public_suffix_is_accepted);
  g_test_add_func ("/core/allow-list/ip-literals", test_ip_literals);

  return g_test_run ();
}
