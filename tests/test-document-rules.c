/* test-document-rules.c — frames hosts, and the policy as WebKit's content blockers state it
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
load_config_with (gboolean    allow_insecure_http,
                  const char *strict_keys)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *path = NULL;
  KioskConfig *config;

  contents = g_strdup_printf ("[Kiosk]\n"
                              "AllowInsecureHttp=%s\n"
                              "%s"
                              "[Allow]\n"
                              "Hosts=app.franceconnect.gouv.fr;franceconnect.gouv.fr\n"
                              "Frames=*.hcaptcha.com\n"
                              "[Payment]\n"
                              "Hosts=timbres.impots.gouv.fr;www.payfip.gouv.fr\n"
                              "[Service caf]\n"
                              "Name=CAF\n"
                              "Url=https://www.caf.fr/\n"
                              "Allow=*.caf.fr;www.caf.fr:8443\n"
                              "Frames=geo.captcha-delivery.com\n"
                              "Category=famille\n"
                              "[Service bordeaux]\n"
                              "Name=Bordeaux\n"
                              "Url=https://www.espace-citoyens.net/bordeaux/\n"
                              "Allow=https://www.espace-citoyens.net/bordeaux/;"
                              "https://www.bordeaux.fr/aides\n"
                              "Category=papiers\n"
                              "[Profile atelier]\n"
                              "Name=Atelier numérique\n"
                              "Hosts=*.pix.fr\n"
                              "[Service webmail]\n"
                              "Name=Ma messagerie\n"
                              "Url=https://www.laposte.net/\n"
                              "Allow=*.laposte.net\n"
                              "Frames=*.hcaptcha.com\n"
                              "Category=papiers\n"
                              "Profile=atelier\n",
                              allow_insecure_http ? "true" : "false",
                              strict_keys != NULL ? strict_keys : "");
  path = kiosk_test_write_file ("document-rules.conf", contents);
  config = kiosk_config_load (path, &error);
  g_assert_no_error (error);

  return config;
}

static KioskConfig *
load_config (gboolean allow_insecure_http)
{
  return load_config_with (allow_insecure_http, NULL);
}

/* Strict mode, with Resources hosts for every service and blocked hosts,
 * one of which a service lists: the block wins.
 */
static const char strict_keys[] =
  "StrictResources=true\n"
  "[Block]\n"
  "Hosts=stats.tracker.example;a.b.caf.fr\n"
  "[Allow]\n"
  "Resources=static.cdn.example\n";

static void
test_frames_hosts_only_in_frames (void)
{
  g_autoptr(KioskConfig) config = load_config (FALSE);
  KioskPolicy *policy = kiosk_config_get_policy (config);
  KioskService *caf = kiosk_config_lookup_service (config, "caf");
  KioskService *bordeaux = kiosk_config_lookup_service (config, "bordeaux");

  /* A frame may show the pages' hosts, and the Frames hosts... */
  g_assert_cmpint (kiosk_policy_decide (policy, NULL, caf, "https://www.caf.fr/x",
                                        KIOSK_POLICY_FRAME, NULL), ==, KIOSK_VERDICT_ALLOW);
  g_assert_cmpint (kiosk_policy_decide (policy, NULL, caf, "https://newassets.hcaptcha.com/c",
                                        KIOSK_POLICY_FRAME, NULL), ==, KIOSK_VERDICT_ALLOW);
  g_assert_cmpint (kiosk_policy_decide (policy, NULL, caf, "https://geo.captcha-delivery.com/",
                                        KIOSK_POLICY_FRAME, NULL), ==, KIOSK_VERDICT_ALLOW);
  /* ...which are never a page... */
  g_assert_cmpint (kiosk_policy_decide (policy, NULL, caf, "https://newassets.hcaptcha.com/c",
                                        KIOSK_POLICY_FLAGS_NONE, NULL), ==,
                   KIOSK_VERDICT_DENY_NOT_ALLOWED);
  g_assert_cmpint (kiosk_policy_decide (policy, NULL, caf, "https://geo.captcha-delivery.com/",
                                        KIOSK_POLICY_FLAGS_NONE, NULL), ==,
                   KIOSK_VERDICT_DENY_NOT_ALLOWED);
  /* ...and a service's own belong to that service only. */
  g_assert_cmpint (kiosk_policy_decide (policy, NULL, bordeaux, "https://geo.captcha-delivery.com/",
                                        KIOSK_POLICY_FRAME, NULL), ==,
                   KIOSK_VERDICT_DENY_NOT_ALLOWED);
  /* A frame is no way around the rest of the policy. */
  g_assert_cmpint (kiosk_policy_decide (policy, NULL, caf, "https://evil.example/",
                                        KIOSK_POLICY_FRAME, NULL), ==,
                   KIOSK_VERDICT_DENY_NOT_ALLOWED);
  g_assert_cmpint (kiosk_policy_decide (policy, NULL, caf, "http://newassets.hcaptcha.com/c",
                                        KIOSK_POLICY_FRAME, NULL), ==, KIOSK_VERDICT_DENY_SCHEME);
  g_assert_cmpint (kiosk_policy_decide (policy, NULL, caf, "https://u@newassets.hcaptcha.com/",
                                        KIOSK_POLICY_FRAME, NULL), ==, KIOSK_VERDICT_DENY_USERINFO);
}

/* A payment service is a page during a service; below it, and only there,
 * a frame may come from any host: the resident's bank.
 */
static void
test_payment_frames (void)
{
  g_autoptr(KioskConfig) config = load_config (FALSE);
  KioskPolicy *policy = kiosk_config_get_policy (config);
  KioskService *caf = kiosk_config_lookup_service (config, "caf");
  const char *bank = "https://acs.ma-banque.example/challenge";

  g_assert_cmpint (kiosk_policy_decide (policy, NULL, caf, "https://timbres.impots.gouv.fr/",
                                        KIOSK_POLICY_FLAGS_NONE, NULL), ==, KIOSK_VERDICT_ALLOW);
  g_assert_cmpint (kiosk_policy_decide (policy, NULL, NULL, "https://timbres.impots.gouv.fr/",
                                        KIOSK_POLICY_FLAGS_NONE, NULL), ==,
                   KIOSK_VERDICT_DENY_NOT_ALLOWED);

  g_assert_true (kiosk_policy_is_payment_page (policy, caf, "https://timbres.impots.gouv.fr/a"));
  g_assert_false (kiosk_policy_is_payment_page (policy, caf, "https://www.caf.fr/"));
  g_assert_false (kiosk_policy_is_payment_page (policy, NULL, "https://timbres.impots.gouv.fr/"));

  g_assert_cmpint (kiosk_policy_decide (policy, NULL, caf, bank,
                                        KIOSK_POLICY_FRAME | KIOSK_POLICY_BELOW_PAYMENT_PAGE,
                                        NULL), ==, KIOSK_VERDICT_ALLOW);
  /* Not as a page, not below another page, never an IP address. */
  g_assert_cmpint (kiosk_policy_decide (policy, NULL, caf, bank, KIOSK_POLICY_BELOW_PAYMENT_PAGE,
                                        NULL), ==, KIOSK_VERDICT_DENY_NOT_ALLOWED);
  g_assert_cmpint (kiosk_policy_decide (policy, NULL, caf, bank, KIOSK_POLICY_FRAME, NULL), ==,
                   KIOSK_VERDICT_DENY_NOT_ALLOWED);
  g_assert_cmpint (kiosk_policy_decide (policy, NULL, caf, "https://10.1.2.3/",
                                        KIOSK_POLICY_FRAME | KIOSK_POLICY_BELOW_PAYMENT_PAGE,
                                        NULL), ==, KIOSK_VERDICT_DENY_IP_ADDRESS);
}

/* A document a script made is its maker's: the origin inside a blob:
 * address, the page that started a data: one.
 */
static void
test_documents_made_in_the_page (void)
{
  g_autoptr(KioskConfig) config = load_config (FALSE);
  KioskPolicy *policy = kiosk_config_get_policy (config);
  KioskService *caf = kiosk_config_lookup_service (config, "caf");
  const char *pdf = "data:application/pdf;base64,JVBERi0xLjQK";
  g_autoptr(KioskUrl) site = NULL;

  g_assert_cmpint (kiosk_policy_decide_document (policy, NULL, caf,
                                                 "blob:https://www.caf.fr/0f6e4d3c-5a1b",
                                                 NULL, &site), ==, KIOSK_VERDICT_ALLOW);
  g_assert_cmpstr (site->host, ==, "www.caf.fr");
  g_clear_pointer (&site, kiosk_url_free);

  g_assert_cmpint (kiosk_policy_decide_document (policy, NULL, caf,
                                                 "blob:https://evil.example/0f6e4d3c-5a1b",
                                                 "https://www.caf.fr/", &site), ==,
                   KIOSK_VERDICT_DENY_NOT_ALLOWED);
  g_assert_cmpstr (site->host, ==, "evil.example");
  g_clear_pointer (&site, kiosk_url_free);

  g_assert_cmpint (kiosk_policy_decide_document (policy, NULL, caf, "blob:null/0f6e4d3c",
                                                 "https://www.caf.fr/", NULL), !=,
                   KIOSK_VERDICT_ALLOW);
  g_assert_cmpint (kiosk_policy_decide_document (policy, NULL, caf, pdf, "https://www.caf.fr/a",
                                                 &site), ==, KIOSK_VERDICT_ALLOW);
  g_assert_cmpstr (site->host, ==, "www.caf.fr");
  g_assert_cmpint (kiosk_policy_decide_document (policy, NULL, caf, pdf,
                                                 "https://evil.example/", NULL), ==,
                   KIOSK_VERDICT_DENY_NOT_ALLOWED);
  g_assert_cmpint (kiosk_policy_decide_document (policy, NULL, caf, pdf, NULL, NULL), ==,
                   KIOSK_VERDICT_DENY_MALFORMED);
  /* A captcha's host shows in a frame, and makes no documents. */
  g_assert_cmpint (kiosk_policy_decide_document (policy, NULL, caf,
                                                 "blob:https://newassets.hcaptcha.com/0f6e",
                                                 NULL, NULL), ==, KIOSK_VERDICT_DENY_NOT_ALLOWED);
  g_assert_cmpint (kiosk_policy_decide_document (policy, NULL, caf,
                                                 "https://www.caf.fr/attestation.pdf", NULL,
                                                 NULL), ==, KIOSK_VERDICT_ALLOW);
}

static void
test_bad_frames_pattern_is_a_config_error (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(KioskConfig) config = NULL;

  path = kiosk_test_write_file ("bad-frames.conf",
                                "[Kiosk]\n"
                                "[Allow]\n"
                                "Frames=*.com\n"
                                "[Service caf]\n"
                                "Name=CAF\n"
                                "Url=https://www.caf.fr/\n"
                                "Allow=*.caf.fr\n"
                                "Category=famille\n");
  config = kiosk_config_load (path, &error);
  g_assert_null (config);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "Frames"));
  g_assert_nonnull (strstr (error->message, "*.com"));
}

/* [Payment] is read like the other lists: a pattern that would open a
 * whole public suffix, or an unknown key, is a config error naming it.
 */
static void
test_bad_payment_group_is_a_config_error (void)
{
  static const char * const groups[][2] = {
    { "[Payment]\nHosts=*.gouv.fr\n", "*.gouv.fr" },
    { "[Payment]\nHost=timbres.impots.gouv.fr\n", "Host" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = NULL;
      g_autofree char *path = NULL;
      g_autoptr(KioskConfig) config = NULL;

      contents = g_strconcat ("[Kiosk]\n", groups[i][0],
                              "[Service caf]\nName=CAF\nUrl=https://www.caf.fr/\n"
                              "Allow=*.caf.fr\nCategory=famille\n", NULL);
      path = kiosk_test_write_file ("bad-payment.conf", contents);
      config = kiosk_config_load (path, &error);
      g_assert_null (config);
      g_assert_nonnull (error);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, "[Payment]"));
      g_assert_nonnull (strstr (error->message, groups[i][1]));
    }
}

/* The rules as WebKit applies them: the last rule that matches decides,
 * "ignore-previous-rules" undoing the blocks before it. PCRE reads the
 * small part of the syntax the kiosk writes as WebKit does.
 */
typedef struct
{
  GRegex    *filter;
  GPtrArray *top_filters;   /* (nullable): if-top-url */
  int        in_frame;      /* -1: anywhere; 0: top-frame; 1: child-frame */
  gboolean   blocks;
  gboolean   documents;     /* it applies to the loads of documents */
  gboolean   parts;         /* to those of a page's parts (scripts, images…) */
} Rule;

static void
rule_free (gpointer data)
{
  Rule *rule = data;

  g_regex_unref (rule->filter);
  g_clear_pointer (&rule->top_filters, g_ptr_array_unref);
  g_free (rule);
}

static GRegex *
compile (const char *pattern)
{
  g_autoptr(GError) error = NULL;
  GRegex *regex = g_regex_new (pattern, G_REGEX_OPTIMIZE, 0, &error);

  g_assert_no_error (error);
  return regex;
}

static GPtrArray *
compile_rules (JsonArray *json)
{
  GPtrArray *rules = g_ptr_array_new_with_free_func (rule_free);

  for (guint i = 0; i < json_array_get_length (json); i++)
    {
      JsonObject *object = json_array_get_object_element (json, i);
      JsonObject *trigger = json_object_get_object_member (object, "trigger");
      JsonObject *action = json_object_get_object_member (object, "action");
      Rule *rule = g_new0 (Rule, 1);

      rule->filter = compile (json_object_get_string_member (trigger, "url-filter"));
      rule->blocks = strcmp (json_object_get_string_member (action, "type"), "block") == 0;
      rule->in_frame = -1;
      rule->documents = TRUE;
      rule->parts = TRUE;
      if (json_object_has_member (trigger, "resource-type"))
        {
          JsonArray *types = json_object_get_array_member (trigger, "resource-type");

          rule->documents = FALSE;
          rule->parts = FALSE;
          for (guint t = 0; t < json_array_get_length (types); t++)
            {
              const char *type = json_array_get_string_element (types, t);

              rule->documents |= strcmp (type, "document") == 0;
              rule->parts |= strcmp (type, "image") == 0;
            }
        }
      if (json_object_has_member (trigger, "load-context"))
        {
          JsonArray *contexts = json_object_get_array_member (trigger, "load-context");

          g_assert_cmpuint (json_array_get_length (contexts), ==, 1);
          rule->in_frame = strcmp (json_array_get_string_element (contexts, 0), "child-frame") == 0;
        }
      if (json_object_has_member (trigger, "if-top-url"))
        {
          JsonArray *tops = json_object_get_array_member (trigger, "if-top-url");

          rule->top_filters = g_ptr_array_new_with_free_func ((GDestroyNotify) g_regex_unref);
          for (guint t = 0; t < json_array_get_length (tops); t++)
            g_ptr_array_add (rule->top_filters, compile (json_array_get_string_element (tops, t)));
        }
      g_ptr_array_add (rules, rule);
    }

  return rules;
}

/* Whether @rules block a load of @address: a page's or a frame's
 * document, or (@part) an image of a page or frame.
 */
static gboolean
rules_block (GPtrArray  *rules,
             const char *address,
             gboolean    part,
             gboolean    in_frame,
             const char *top_address)
{
  gboolean blocked = FALSE;

  for (guint i = 0; i < rules->len; i++)
    {
      Rule *rule = g_ptr_array_index (rules, i);

      if (!(part ? rule->parts : rule->documents) ||
          (rule->in_frame != -1 && rule->in_frame != in_frame))
        continue;

      if (rule->top_filters != NULL)
        {
          gboolean top_matches = FALSE;

          for (guint t = 0; t < rule->top_filters->len; t++)
            top_matches |= g_regex_match (g_ptr_array_index (rule->top_filters, t), top_address,
                                          0, NULL);
          if (!top_matches)
            continue;
        }

      if (g_regex_match (rule->filter, address, 0, NULL))
        blocked = rule->blocks;
    }

  return blocked;
}

static const char * const hosts[] = {
  "static.cdn.example", "x.static.cdn.example", "stats.tracker.example",
  "www.caf.fr", "caf.fr", "a.b.caf.fr", "WWW.CAF.FR", "www.caf.fr.", "evilcaf.fr",
  "caf.fr.evil.example", "www.caf.fr.evil.example", "www.xn--caf-dma.fr",
  "newassets.hcaptcha.com", "hcaptcha.com", "hcaptcha.com.evil.example",
  "geo.captcha-delivery.com", "x.geo.captcha-delivery.com",
  "www.espace-citoyens.net", "www.bordeaux.fr", "franceconnect.gouv.fr",
  "app.franceconnect.gouv.fr", "x.franceconnect.gouv.fr", "www.pix.fr", "www.laposte.net",
  "timbres.impots.gouv.fr", "www.payfip.gouv.fr", "acs.ma-banque.example", "3ds-acs.example",
  "a_b.example", "1-2.example",
  "127.0.0.1", "[::1]", "u:p@www.caf.fr", "www.caf.fr@evil.example",
};
static const char * const ports[] = { "", ":80", ":8443" };
/* The page a frame is in, for the payment rules: a payment service's, and
 * one over http, which is a payment page only where http is allowed.
 */
static const char * const top_addresses[] = {
  "https://timbres.impots.gouv.fr/achat", "http://www.payfip.gouv.fr/",
};

static const char * const paths[] = {
  "/", "/bordeaux", "/bordeaux/inscription?enfant=1", "/bordeauxx",
  "/aides", "/aides?q=1", "/aides/logement", "/aidesx",
};

/* The pages a part of a page may be loaded below: one that is not a
 * payment page, one that is.
 */
static const char * const part_top_addresses[] = {
  "https://www.caf.fr/aides", "https://timbres.impots.gouv.fr/achat",
};

/* Whether the policy and the rules agree on every address: as a page or
 * a frame's document, or (@parts) as an image of a page.
 */
static void
assert_rules_agree (KioskConfig  *config,
                    KioskProfile *profile,
                    KioskService *service,
                    gboolean      parts)
{
  KioskPolicy *policy = kiosk_config_get_policy (config);
  g_autofree char *json = kiosk_policy_get_document_rules (policy, profile, service);
  g_autofree char *block_json = kiosk_policy_get_block_rules (policy);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) rules = NULL;
  g_autoptr(GPtrArray) block_rules = NULL;
  g_autoptr(GError) error = NULL;
  guint allowed = 0;
  guint parts_allowed = 0;

  root = json_from_string (json, &error);
  g_assert_no_error (error);
  rules = compile_rules (json_node_get_array (root));
  if (block_json != NULL)
    {
      g_autoptr(JsonNode) block_root = json_from_string (block_json, &error);

      g_assert_no_error (error);
      block_rules = compile_rules (json_node_get_array (block_root));
    }

  for (guint s = 0; s < 2; s++)
    for (guint h = 0; h < G_N_ELEMENTS (hosts); h++)
      for (guint p = 0; p < G_N_ELEMENTS (ports); p++)
        for (guint q = 0; q < G_N_ELEMENTS (paths); q++)
          {
            g_autofree char *address = g_strconcat (s == 0 ? "https://" : "http://", hosts[h],
                                                    ports[p], paths[q], NULL);
            g_autoptr(KioskUrl) url = NULL;
            g_autofree char *serialized = NULL;

            /* WebKit matches the address as the URL Standard serializes it. */
            url = kiosk_url_parse (address, NULL, NULL);
            g_assert_nonnull (url);
            serialized = kiosk_url_to_string (url);

            /* A page, then a frame below each page. */
            for (guint top = 0; !parts && top <= G_N_ELEMENTS (top_addresses); top++)
              {
                gboolean frame = top > 0;
                const char *top_address = top_addresses[frame ? top - 1 : 0];
                KioskPolicyFlags flags = frame ? KIOSK_POLICY_FRAME : 0;
                KioskVerdict verdict;
                gboolean blocked;

                if (frame && kiosk_policy_is_payment_page (policy, service, top_address))
                  flags |= KIOSK_POLICY_BELOW_PAYMENT_PAGE;
                verdict = kiosk_policy_decide (policy, profile, service, serialized, flags, NULL);
                blocked = rules_block (rules, serialized, FALSE, frame, top_address);
                if (blocked == (verdict == KIOSK_VERDICT_ALLOW))
                  g_error ("%s in a %s of %s: the policy says %s, the rules %s", serialized,
                           frame ? "frame" : "page", top_address,
                           kiosk_verdict_to_string (verdict),
                           blocked ? "block it" : "let it through");
                allowed += !blocked;
              }

            /* An image of a page: the document rules (strict mode) and
             * the blocked hosts' together.
             */
            for (guint top = 0; parts && top < G_N_ELEMENTS (part_top_addresses); top++)
              {
                const char *top_address = part_top_addresses[top];
                KioskPolicyFlags flags = KIOSK_POLICY_RESOURCE;
                KioskVerdict verdict;
                gboolean blocked;

                if (kiosk_policy_is_payment_page (policy, service, top_address))
                  flags |= KIOSK_POLICY_BELOW_PAYMENT_PAGE;
                verdict = kiosk_policy_decide (policy, profile, service, serialized, flags, NULL);
                blocked = rules_block (rules, serialized, TRUE, FALSE, top_address) ||
                          (block_rules != NULL &&
                           rules_block (block_rules, serialized, TRUE, FALSE, top_address));
                if (blocked == (verdict == KIOSK_VERDICT_ALLOW))
                  g_error ("An image of %s in a page below %s (%s, %s): the policy says %s, "
                           "the rules %s", serialized, top_address,
                           profile != NULL ? kiosk_profile_get_id (profile) : "no profile",
                           service != NULL ? kiosk_service_get_id (service) : "no service",
                           kiosk_verdict_to_string (verdict),
                           blocked ? "block it" : "let it through");
                parts_allowed += !blocked;
              }
          }

  g_test_message ("%u addresses allowed, %u as a part of a page", allowed, parts_allowed);
}

/* The documents' rules, over http or not; then in strict mode, with
 * blocked hosts, the parts of pages (strict mode adds no document rule).
 */
static void
test_rules_agree_with_the_policy (void)
{
  for (guint run = 0; run < 4; run++)
    {
      gboolean parts = run >= 2;
      g_autoptr(KioskConfig) config = load_config_with (run % 2, parts ? strict_keys : NULL);
      KioskProfile *atelier = kiosk_config_lookup_profile (config, "atelier");
      const char * const services[] = { "caf", "bordeaux", "webmail", NULL };

      assert_rules_agree (config, NULL, NULL, parts);
      assert_rules_agree (config, atelier, NULL, parts);
      for (guint i = 0; services[i] != NULL; i++)
        {
          KioskService *service = kiosk_config_lookup_service (config, services[i]);

          assert_rules_agree (config, NULL, service, parts);
          assert_rules_agree (config, atelier, service, parts);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/document-rules/frames-hosts-only-in-frames",
                   test_frames_hosts_only_in_frames);
  g_test_add_func ("/core/document-rules/payment-frames", test_payment_frames);
  g_test_add_func ("/core/document-rules/documents-made-in-the-page",
                   test_documents_made_in_the_page);
  g_test_add_func ("/core/document-rules/bad-frames-pattern-is-a-config-error",
                   test_bad_frames_pattern_is_a_config_error);
  g_test_add_func ("/core/document-rules/bad-payment-group-is-a-config-error",
                   test_bad_payment_group_is_a_config_error);
  g_test_add_func ("/core/document-rules/agree-with-the-policy",
                   test_rules_agree_with_the_policy);

  return g_test_run ();
}
