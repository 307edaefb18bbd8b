/* test-policy.c — which addresses a service may navigate to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-test"

#include "config.h"

#include <json-glib/json-glib.h>

#include "kiosk-config.h"
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
                              "Category=sante\n"
                              "[Profile atelier]\n"
                              "Name=Atelier numérique\n"
                              "Hosts=*.pix.fr;lesbonsclics.fr\n"
                              "[Service webmail]\n"
                              "Name=Ma messagerie\n"
                              "Url=https://www.laposte.net/\n"
                              "Allow=*.laposte.net\n"
                              "Category=papiers\n"
                              "Profile=atelier\n"
                              "[Profile emploi]\n"
                              "Name=Atelier emploi\n"
                              "Hosts=*.indeed.fr\n"
                              "[Service cv]\n"
                              "Name=Mon CV\n"
                              "Url=https://www.cvdesignr.com/\n"
                              "Allow=*.cvdesignr.com\n"
                              "Category=emploi\n"
                              "Profile=emploi\n",
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

/* @profile_id is the profile staff turned on, %NULL for the public; so is
 * @service_id %NULL for the home screen.
 */
static void
assert_cases_with_profile (KioskConfig *config,
                           const char  *profile_id,
                           const char  *service_id,
                           const Case  *cases,
                           gsize        n_cases)
{
  KioskPolicy *policy = kiosk_config_get_policy (config);
  KioskProfile *profile = NULL;
  KioskService *service = NULL;

  if (profile_id != NULL)
    {
      profile = kiosk_config_lookup_profile (config, profile_id);
      g_assert_nonnull (profile);
    }
  if (service_id != NULL)
    {
      service = kiosk_config_lookup_service (config, service_id);
      g_assert_nonnull (service);
    }

  for (gsize i = 0; i < n_cases; i++)
    {
      KioskVerdict verdict = kiosk_policy_decide (policy, profile, service, cases[i].uri,
                                                  KIOSK_POLICY_FLAGS_NONE, NULL);

      g_test_message ("%s → %s", cases[i].uri, kiosk_verdict_to_string (verdict));
      g_assert_cmpstr (kiosk_verdict_to_string (verdict), ==,
                       kiosk_verdict_to_string (cases[i].verdict));
    }
}

static void
assert_cases (KioskConfig *config,
              const char  *service_id,
              const Case  *cases,
              gsize        n_cases)
{
  assert_cases_with_profile (config, NULL, service_id, cases, n_cases);
}

static const Case caf_cases[] = {
  { "https://www.caf.fr/", KIOSK_VERDICT_ALLOW },
  { "https://wwwd.caf.fr/wps/portal/caffr/login", KIOSK_VERDICT_ALLOW },
  { "https://caf.fr/", KIOSK_VERDICT_ALLOW },
  { "https://WWW.CAF.FR/", KIOSK_VERDICT_ALLOW },
  { "https://app.franceconnect.gouv.fr/api/v1/authorize", KIOSK_VERDICT_ALLOW },
  { "https://www.ameli.fr/", KIOSK_VERDICT_DENY_NOT_ALLOWED },
  { "https://evil.example/", KIOSK_VERDICT_DENY_NOT_ALLOWED },
  { "https://evilcaf.fr/", KIOSK_VERDICT_DENY_NOT_ALLOWED },
  { "https://www.caf.fr.evil.example/", KIOSK_VERDICT_DENY_NOT_ALLOWED },
  { "https://www.laposte.net/", KIOSK_VERDICT_DENY_NOT_ALLOWED },
  { "https://www.cvdesignr.com/", KIOSK_VERDICT_DENY_NOT_ALLOWED },
};

static const Case ameli_cases[] = {
  { "https://www.ameli.fr/", KIOSK_VERDICT_ALLOW },
  { "https://www.caf.fr/", KIOSK_VERDICT_DENY_NOT_ALLOWED },
  { "https://assure.ameli.fr/", KIOSK_VERDICT_DENY_NOT_ALLOWED },
};

static void
test_service_hosts (void)
{
  g_autoptr(KioskConfig) config = load_config (FALSE);

  assert_cases (config, "caf", caf_cases, G_N_ELEMENTS (caf_cases));
}

static void
test_other_service_hosts_are_refused (void)
{
  g_autoptr(KioskConfig) config = load_config (FALSE);

  assert_cases (config, "ameli", ameli_cases, G_N_ELEMENTS (ameli_cases));
}

static const Case scheme_cases[] = {
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

static void
test_schemes (void)
{
  g_autoptr(KioskConfig) config = load_config (FALSE);

  assert_cases (config, "caf", scheme_cases, G_N_ELEMENTS (scheme_cases));
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
  KioskPolicy *policy = kiosk_config_get_policy (config);
  KioskService *caf = kiosk_config_lookup_service (config, "caf");

  g_assert_cmpint (kiosk_policy_decide (policy, NULL, caf, "about:blank",
                                        KIOSK_POLICY_INITIAL_DOCUMENT, NULL), ==,
                   KIOSK_VERDICT_ALLOW);
  g_assert_cmpint (kiosk_policy_decide (policy, NULL, caf, "about:srcdoc",
                                        KIOSK_POLICY_INITIAL_DOCUMENT, NULL), ==,
                   KIOSK_VERDICT_ALLOW);
  g_assert_cmpint (kiosk_policy_decide (policy, NULL, caf, "about:blank", KIOSK_POLICY_FLAGS_NONE,
                                        NULL), ==, KIOSK_VERDICT_DENY_SCHEME);
  g_assert_cmpint (kiosk_policy_decide (policy, NULL, caf, "about:config",
                                        KIOSK_POLICY_INITIAL_DOCUMENT, NULL), ==,
                   KIOSK_VERDICT_DENY_SCHEME);
  g_assert_cmpint (kiosk_policy_decide (policy, NULL, caf, "javascript:alert(1)",
                                        KIOSK_POLICY_INITIAL_DOCUMENT, NULL), ==,
                   KIOSK_VERDICT_DENY_SCHEME);
}

static const Case trick_cases[] = {
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

static void
test_tricks (void)
{
  g_autoptr(KioskConfig) config = load_config (FALSE);

  assert_cases (config, "caf", trick_cases, G_N_ELEMENTS (trick_cases));
}

static void
test_home_screen_reaches_only_global_hosts (void)
{
  g_autoptr(KioskConfig) config = load_config (FALSE);
  KioskPolicy *policy = kiosk_config_get_policy (config);
  g_autoptr(KioskUrl) url = NULL;

  g_assert_cmpint (kiosk_policy_decide (policy, NULL, NULL, "https://www.caf.fr/",
                                        KIOSK_POLICY_FLAGS_NONE, &url), ==,
                   KIOSK_VERDICT_DENY_NOT_ALLOWED);
  g_assert_cmpstr (url->host, ==, "www.caf.fr");
  g_assert_cmpint (kiosk_policy_decide (policy, NULL, NULL, "https://app.franceconnect.gouv.fr/",
                                        KIOSK_POLICY_FLAGS_NONE, NULL), ==, KIOSK_VERDICT_ALLOW);
}

/* The profile's Hosts are open to every service, and to the home screen,
 * only while staff have that profile on.
 */
static void
test_profile_hosts_need_the_profile (void)
{
  g_autoptr(KioskConfig) config = load_config (FALSE);
  static const Case public_cases[] = {
    { "https://pix.fr/", KIOSK_VERDICT_DENY_NOT_ALLOWED },
    { "https://app.pix.fr/", KIOSK_VERDICT_DENY_NOT_ALLOWED },
    { "https://lesbonsclics.fr/", KIOSK_VERDICT_DENY_NOT_ALLOWED },
  };
  static const Case atelier_cases[] = {
    { "https://pix.fr/", KIOSK_VERDICT_ALLOW },
    { "https://app.pix.fr/", KIOSK_VERDICT_ALLOW },
    { "https://lesbonsclics.fr/", KIOSK_VERDICT_ALLOW },
    { "https://www.lesbonsclics.fr/", KIOSK_VERDICT_DENY_NOT_ALLOWED },
    { "https://evilpix.fr/", KIOSK_VERDICT_DENY_NOT_ALLOWED },
    { "https://www.indeed.fr/", KIOSK_VERDICT_DENY_NOT_ALLOWED },
  };
  static const Case emploi_cases[] = {
    { "https://www.indeed.fr/", KIOSK_VERDICT_ALLOW },
    { "https://app.pix.fr/", KIOSK_VERDICT_DENY_NOT_ALLOWED },
  };

  assert_cases_with_profile (config, NULL, "caf", public_cases, G_N_ELEMENTS (public_cases));
  assert_cases_with_profile (config, NULL, NULL, public_cases, G_N_ELEMENTS (public_cases));
  assert_cases_with_profile (config, "atelier", "caf", atelier_cases,
                             G_N_ELEMENTS (atelier_cases));
  assert_cases_with_profile (config, "atelier", "ameli", atelier_cases,
                             G_N_ELEMENTS (atelier_cases));
  assert_cases_with_profile (config, "atelier", NULL, atelier_cases,
                             G_N_ELEMENTS (atelier_cases));
  assert_cases_with_profile (config, "emploi", "caf", emploi_cases,
                             G_N_ELEMENTS (emploi_cases));
}

/* Without its profile, a workshop's service reaches nothing at all: not
 * its own hosts, not [Allow], not even about:blank.
 */
static void
test_profile_service_refused_without_its_profile (void)
{
  g_autoptr(KioskConfig) config = load_config (FALSE);
  KioskPolicy *policy = kiosk_config_get_policy (config);
  KioskService *webmail = kiosk_config_lookup_service (config, "webmail");
  static const Case cases[] = {
    { "https://www.laposte.net/", KIOSK_VERDICT_DENY_NOT_ALLOWED },
    { "https://laposte.net/webmail", KIOSK_VERDICT_DENY_NOT_ALLOWED },
    { "https://app.franceconnect.gouv.fr/api/v1/authorize", KIOSK_VERDICT_DENY_NOT_ALLOWED },
    { "https://www.caf.fr/", KIOSK_VERDICT_DENY_NOT_ALLOWED },
    { "https://pix.fr/", KIOSK_VERDICT_DENY_NOT_ALLOWED },
  };

  g_assert_cmpstr (kiosk_service_get_profile (webmail), ==, "atelier");
  assert_cases (config, "webmail", cases, G_N_ELEMENTS (cases));
  g_assert_cmpint (kiosk_policy_decide (policy, NULL, webmail, "about:blank",
                                        KIOSK_POLICY_INITIAL_DOCUMENT, NULL), ==,
                   KIOSK_VERDICT_DENY_NOT_ALLOWED);
}

static void
test_profile_service_allowed_with_its_profile (void)
{
  g_autoptr(KioskConfig) config = load_config (FALSE);
  KioskPolicy *policy = kiosk_config_get_policy (config);
  KioskProfile *atelier = kiosk_config_lookup_profile (config, "atelier");
  KioskService *webmail = kiosk_config_lookup_service (config, "webmail");
  static const Case cases[] = {
    { "https://www.laposte.net/", KIOSK_VERDICT_ALLOW },
    { "https://laposte.net/webmail", KIOSK_VERDICT_ALLOW },
    { "https://app.franceconnect.gouv.fr/api/v1/authorize", KIOSK_VERDICT_ALLOW },
    { "https://pix.fr/", KIOSK_VERDICT_ALLOW },
    { "https://www.caf.fr/", KIOSK_VERDICT_DENY_NOT_ALLOWED },
    { "https://www.laposte.net.evil.example/", KIOSK_VERDICT_DENY_NOT_ALLOWED },
    { "https://user:pass@www.laposte.net/", KIOSK_VERDICT_DENY_USERINFO },
    { "javascript:alert(1)", KIOSK_VERDICT_DENY_SCHEME },
  };

  assert_cases_with_profile (config, "atelier", "webmail", cases, G_N_ELEMENTS (cases));
  g_assert_cmpint (kiosk_policy_decide (policy, atelier, webmail, "about:blank",
                                        KIOSK_POLICY_INITIAL_DOCUMENT, NULL), ==,
                   KIOSK_VERDICT_ALLOW);
}

static void
test_profile_service_refused_with_another_profile (void)
{
  g_autoptr(KioskConfig) config = load_config (FALSE);
  static const Case webmail_cases[] = {
    { "https://www.laposte.net/", KIOSK_VERDICT_DENY_NOT_ALLOWED },
    { "https://www.indeed.fr/", KIOSK_VERDICT_DENY_NOT_ALLOWED },
    { "https://app.franceconnect.gouv.fr/", KIOSK_VERDICT_DENY_NOT_ALLOWED },
  };
  static const Case cv_cases[] = {
    { "https://www.cvdesignr.com/", KIOSK_VERDICT_DENY_NOT_ALLOWED },
    { "https://pix.fr/", KIOSK_VERDICT_DENY_NOT_ALLOWED },
  };
  static const Case cv_with_its_profile[] = {
    { "https://www.cvdesignr.com/", KIOSK_VERDICT_ALLOW },
    { "https://www.indeed.fr/", KIOSK_VERDICT_ALLOW },
  };

  assert_cases_with_profile (config, "emploi", "webmail", webmail_cases,
                             G_N_ELEMENTS (webmail_cases));
  assert_cases_with_profile (config, "atelier", "cv", cv_cases, G_N_ELEMENTS (cv_cases));
  assert_cases_with_profile (config, "emploi", "cv", cv_with_its_profile,
                             G_N_ELEMENTS (cv_with_its_profile));
}

/* Turning a profile on adds its hosts, and changes nothing else for the
 * public services.
 */
static void
test_profile_leaves_public_services_unchanged (void)
{
  g_autoptr(KioskConfig) config = load_config (FALSE);
  static const char * const profiles[] = { "atelier", "emploi" };

  for (guint i = 0; i < G_N_ELEMENTS (profiles); i++)
    {
      g_test_message ("profile %s", profiles[i]);
      assert_cases_with_profile (config, profiles[i], "caf", caf_cases,
                                 G_N_ELEMENTS (caf_cases));
      assert_cases_with_profile (config, profiles[i], "ameli", ameli_cases,
                                 G_N_ELEMENTS (ameli_cases));
      assert_cases_with_profile (config, profiles[i], "caf", scheme_cases,
                                 G_N_ELEMENTS (scheme_cases));
      assert_cases_with_profile (config, profiles[i], "caf", trick_cases,
                                 G_N_ELEMENTS (trick_cases));
    }
}

/* The config builds its policy once, and the policy holds all it decides
 * with: it keeps deciding the same after the config that built it is
 * gone, as a session may outlive the config it started with.
 */
static void
test_policy_outlives_its_config (void)
{
  g_autoptr(KioskConfig) config = load_config (TRUE);
  g_autoptr(KioskPolicy) policy = NULL;
  static const Case cases[] = {
    { "https://app.franceconnect.gouv.fr/api/v1/authorize", KIOSK_VERDICT_ALLOW },
    { "http://app.franceconnect.gouv.fr/", KIOSK_VERDICT_ALLOW },
    { "https://www.caf.fr/", KIOSK_VERDICT_DENY_NOT_ALLOWED },
    { "file:///etc/passwd", KIOSK_VERDICT_DENY_SCHEME },
  };

  policy = g_object_ref (kiosk_config_get_policy (config));
  g_assert_true (kiosk_config_get_policy (config) == policy);
  g_clear_object (&config);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      KioskVerdict verdict = kiosk_policy_decide (policy, NULL, NULL, cases[i].uri,
                                                  KIOSK_POLICY_FLAGS_NONE, NULL);

      g_test_message ("%s → %s", cases[i].uri, kiosk_verdict_to_string (verdict));
      g_assert_cmpstr (kiosk_verdict_to_string (verdict), ==,
                       kiosk_verdict_to_string (cases[i].verdict));
    }
}

static gboolean
rules_match (const char *rules,
             const char *address)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *array;

  g_assert_true (json_parser_load_from_data (parser, rules, -1, NULL));
  array = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *rule = json_array_get_object_element (array, i);
      JsonObject *trigger = json_object_get_object_member (rule, "trigger");
      JsonObject *action = json_object_get_object_member (rule, "action");
      g_autoptr(GRegex) regex = g_regex_new (json_object_get_string_member (trigger, "url-filter"),
                                             0, 0, NULL);

      /* Every load, of every kind. */
      g_assert_false (json_object_has_member (trigger, "resource-type"));
      g_assert_cmpstr (json_object_get_string_member (action, "type"), ==, "block");
      if (g_regex_match (regex, address, 0, NULL))
        return TRUE;
    }
  return FALSE;
}

/* [Block] Hosts: rules for every scheme a load may use, to the hosts the
 * patterns name and none other; none at all without the group.
 */
static void
test_block_rules (void)
{
  g_autoptr(KioskConfig) plain = load_config (FALSE);
  g_autoptr(KioskConfig) config = NULL;
  g_autofree char *path = NULL;
  g_autofree char *rules = NULL;
  g_autoptr(GError) error = NULL;

  rules = kiosk_policy_get_block_rules (kiosk_config_get_policy (plain));
  g_assert_null (rules);

  path = kiosk_test_write_file ("block.conf",
                                "[Kiosk]\n"
                                "[Block]\n"
                                "Hosts=*.xiti.com;connect.facebook.net\n"
                                "[Service caf]\n"
                                "Name=CAF\n"
                                "Url=https://www.caf.fr/\n"
                                "Allow=*.caf.fr\n"
                                "Category=famille\n");
  config = kiosk_config_load (path, &error);
  g_assert_no_error (error);
  rules = kiosk_policy_get_block_rules (kiosk_config_get_policy (config));
  g_assert_nonnull (rules);

  g_assert_true (rules_match (rules, "https://logc.xiti.com/hit.xiti?s=1"));
  g_assert_true (rules_match (rules, "http://xiti.com/"));
  g_assert_true (rules_match (rules, "wss://tag.xiti.com/socket"));
  g_assert_true (rules_match (rules, "https://connect.facebook.net/fr_FR/fbevents.js"));
  g_assert_false (rules_match (rules, "https://www.facebook.net/"));
  g_assert_false (rules_match (rules, "https://www.caf.fr/xiti.com/"));
  g_assert_false (rules_match (rules, "https://notxiti.com/"));
  g_assert_false (rules_match (rules, "https://www.caf.fr/"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/policy/service-hosts", test_service_hosts);
  g_test_add_func ("/core/policy/block-rules", test_block_rules);
  g_test_add_func ("/core/policy/other-service-hosts-are-refused",
                   test_other_service_hosts_are_refused);
  g_test_add_func ("/core/policy/schemes", test_schemes);
  g_test_add_func ("/core/policy/insecure-http-when-allowed", test_insecure_http_when_allowed);
  g_test_add_func ("/core/policy/tricks", test_tricks);
  g_test_add_func ("/core/policy/about-blank-only-as-initial-document",
                   test_about_blank_only_as_initial_document);
  g_test_add_func ("/core/policy/home-screen-reaches-only-global-hosts",
                   test_home_screen_reaches_only_global_hosts);
  g_test_add_func ("/core/policy/profile/hosts-need-the-profile",
                   test_profile_hosts_need_the_profile);
  g_test_add_func ("/core/policy/profile/service-refused-without-its-profile",
                   test_profile_service_refused_without_its_profile);
  g_test_add_func ("/core/policy/profile/service-allowed-with-its-profile",
                   test_profile_service_allowed_with_its_profile);
  g_test_add_func ("/core/policy/profile/service-refused-with-another-profile",
                   test_profile_service_refused_with_another_profile);
  g_test_add_func ("/core/policy/profile/public-services-unchanged",
                   test_profile_leaves_public_services_unchanged);
  g_test_add_func ("/core/policy/outlives-its-config", test_policy_outlives_its_config);

  return g_test_run ();
}
