/* test-policy.c — which addresses a service may navigate to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-test"

#include "config.h"

#include "kiosk-policy.h"
#include "test-utils.h"

static KioskConfig *
load_config (gboolean allow_insecure_http)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *path = NULL;
  KioskConfig *config;

  contents = g_strdup_printf ("[Kiosk]\n"
                              "AllowInsecureHttp=%s\n"
                              "[Allow]\n"
                              "Hosts=app.franceconnect.gouv.fr\n"
                              "[Service caf]\n"
                              "Name=CAF\n"
                              "Url=https://www.caf.fr/\n"
                              "Allow=*.caf.fr\n"
                              "Category=famille\n"
                              "[Service ameli]\n"
                              "Name=Ameli\n"
                              "Url=https://www.ameli.fr/\n"
                              "Allow=www.ameli.fr\n"
                              "Category=sante\n",
                              allow_insecure_http ? "true" : "false");
  path = kiosk_test_write_file ("policy.conf", contents);
  config = kiosk_config_load (path, &error);
  g_assert_no_error (error);

  return config;
}

typedef struct
{
  const char   *uri;
  KioskVerdict  verdict;
} Case;

static void
assert_cases (KioskConfig *config,
              const char  *service_id,
              const Case  *cases,
              gsize        n_cases)
{
  KioskService *service = kiosk_config_lookup_service (config, service_id);

  for (gsize i = 0; i < n_cases; i++)
    {
      KioskVerdict verdict = kiosk_policy_decide (config, service, cases[i].uri,
                                                  KIOSK_POLICY_FLAGS_NONE, NULL);

      g_test_message ("%s → %s", cases[i].uri, kiosk_verdict_to_string (verdict));
      g_assert_cmpstr (kiosk_verdict_to_string (verdict), ==,
                       kiosk_verdict_to_string (cases[i].verdict));
    }
}

static void
test_service_hosts (void)
{
  g_autoptr(KioskConfig) config = load_config (FALSE);
  static const Case cases[] = {
    { "https://www.caf.fr/", KIOSK_VERDICT_ALLOW },
    { "https://wwwd.caf.fr/wps/portal/caffr/login", KIOSK_VERDICT_ALLOW },
    { "https://caf.fr/", KIOSK_VERDICT_ALLOW },
    { "https://WWW.CAF.FR/", KIOSK_VERDICT_ALLOW },
    { "https://app.franceconnect.gouv.fr/api/v1/authorize", KIOSK_VERDICT_ALLOW },
    { "https://www.ameli.fr/", KIOSK_VERDICT_DENY_NOT_ALLOWED },
    { "https://evil.example/", KIOSK_VERDICT_DENY_NOT_ALLOWED },
    { "https://evilcaf.fr/", KIOSK_VERDICT_DENY_NOT_ALLOWED },
    { "https://www.caf.fr.evil.example/", KIOSK_VERDICT_DENY_NOT_ALLOWED },
  };

  assert_cases (config, "caf", cases, G_N_ELEMENTS (cases));
}

static void
test_other_service_hosts_are_refused (void)
{
  g_autoptr(KioskConfig) config = load_config (FALSE);
  static const Case cases[] = {
    { "https://www.ameli.fr/", KIOSK_VERDICT_ALLOW },
    { "https://www.caf.fr/", KIOSK_VERDICT_DENY_NOT_ALLOWED },
    { "https://assure.ameli.fr/", KIOSK_VERDICT_DENY_NOT_ALLOWED },
  };

  assert_cases (config, "ameli", cases, G_N_ELEMENTS (cases));
}

static void
test_schemes (void)
{
  g_autoptr(KioskConfig) config = load_config (FALSE);
  static const Case cases[] = {
    { "about:blank", KIOSK_VERDICT_DENY_SCHEME },
    { "http://www.caf.fr/", KIOSK_VERDICT_DENY_SCHEME },
    { "file:///etc/passwd", KIOSK_VERDICT_DENY_SCHEME },
    { "javascript:alert(1)", KIOSK_VERDICT_DENY_SCHEME },
    { "data:text/html,<h1>hi</h1>", KIOSK_VERDICT_DENY_SCHEME },
    { "blob:https://www.caf.fr/0e4d", KIOSK_VERDICT_DENY_SCHEME },
    { "view-source:https://www.caf.fr/", KIOSK_VERDICT_DENY_SCHEME },
    { "mailto:someone@caf.fr", KIOSK_VERDICT_DENY_SCHEME },
    { "tel:3230", KIOSK_VERDICT_DENY_SCHEME },
    { "ftp://www.caf.fr/", KIOSK_VERDICT_DENY_SCHEME },
    { "about:config", KIOSK_VERDICT_DENY_SCHEME },
  };

  assert_cases (config, "caf", cases, G_N_ELEMENTS (cases));
}

static void
test_insecure_http_when_allowed (void)
{
  g_autoptr(KioskConfig) config = load_config (TRUE);
  static const Case cases[] = {
    { "http://www.caf.fr/", KIOSK_VERDICT_ALLOW },
    { "http://evil.example/", KIOSK_VERDICT_DENY_NOT_ALLOWED },
    { "file:///etc/passwd", KIOSK_VERDICT_DENY_SCHEME },
  };

  assert_cases (config, "caf", cases, G_N_ELEMENTS (cases));
}

static void
test_about_blank_only_as_initial_document (void)
{
  g_autoptr(KioskConfig) config = load_config (FALSE);
  KioskService *caf = kiosk_config_lookup_service (config, "caf");

  g_assert_cmpint (kiosk_policy_decide (config, caf, "about:blank", KIOSK_POLICY_INITIAL_DOCUMENT,
                                        NULL), ==, KIOSK_VERDICT_ALLOW);
  g_assert_cmpint (kiosk_policy_decide (config, caf, "about:srcdoc",
                                        KIOSK_POLICY_INITIAL_DOCUMENT, NULL), ==,
                   KIOSK_VERDICT_ALLOW);
  g_assert_cmpint (kiosk_policy_decide (config, caf, "about:blank", KIOSK_POLICY_FLAGS_NONE,
                                        NULL), ==, KIOSK_VERDICT_DENY_SCHEME);
  g_assert_cmpint (kiosk_policy_decide (config, caf, "about:config",
                                        KIOSK_POLICY_INITIAL_DOCUMENT, NULL), ==,
                   KIOSK_VERDICT_DENY_SCHEME);
  g_assert_cmpint (kiosk_policy_decide (config, caf, "javascript:alert(1)",
                                        KIOSK_POLICY_INITIAL_DOCUMENT, NULL), ==,
                   KIOSK_VERDICT_DENY_SCHEME);
}

static void
test_tricks (void)
{
  g_autoptr(KioskConfig) config = load_config (FALSE);
  static const Case cases[] = {
    { "https://evil.example\\@www.caf.fr/", KIOSK_VERDICT_DENY_NOT_ALLOWED },
    { "https://www.caf.fr@evil.example/", KIOSK_VERDICT_DENY_USERINFO },
    { "https://user:pass@www.caf.fr/", KIOSK_VERDICT_DENY_USERINFO },
    { "https://127.0.0.1/", KIOSK_VERDICT_DENY_IP_ADDRESS },
    { "https://2130706433/", KIOSK_VERDICT_DENY_IP_ADDRESS },
    { "https://[::1]/", KIOSK_VERDICT_DENY_IP_ADDRESS },
    { "https:///www.caf.fr", KIOSK_VERDICT_ALLOW },
    { "not a url", KIOSK_VERDICT_DENY_MALFORMED },
    { "", KIOSK_VERDICT_DENY_MALFORMED },
  };

  assert_cases (config, "caf", cases, G_N_ELEMENTS (cases));
}

static void
test_home_screen_reaches_only_global_hosts (void)
{
  g_autoptr(KioskConfig) config = load_config (FALSE);
  g_autoptr(KioskUrl) url = NULL;

  g_assert_cmpint (kiosk_policy_decide (config, NULL, "https://www.caf.fr/",
                                        KIOSK_POLICY_FLAGS_NONE, &url), ==,
                   KIOSK_VERDICT_DENY_NOT_ALLOWED);
  g_assert_cmpstr (url->host, ==, "www.caf.fr");
  g_assert_cmpint (kiosk_policy_decide (config, NULL, "https://app.franceconnect.gouv.fr/",
                                        KIOSK_POLICY_FLAGS_NONE, NULL), ==, KIOSK_VERDICT_ALLOW);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/policy/service-hosts", test_service_hosts);
  g_test_add_func ("/core/policy/other-service-hosts-are-refused",
                   test_other_service_hosts_are_refused);
  g_test_add_func ("/core/policy/schemes", test_schemes);
  g_test_add_func ("/core/policy/insecure-http-when-allowed", test_insecure_http_when_allowed);
  g_test_add_func ("/core/policy/tricks", test_tricks);
  g_test_add_func ("/core/policy/about-blank-only-as-initial-document",
                   test_about_blank_only_as_initial_document);
  g_test_add_func ("/core/policy/home-screen-reaches-only-global-hosts",
                   test_home_screen_reaches_only_global_hosts);

  return g_test_run ();
}
