/* test-refusals.c — what a session refused, and the config lines it becomes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-test"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "kiosk-refusals.h"
#include "test-utils.h"

static void
test_same_refusal_is_counted (void)
{
  g_autoptr(GPtrArray) refusals = kiosk_refusals_new ();
  KioskRefusal *refusal;

  g_assert_true (kiosk_refusals_add (refusals, "caf", KIOSK_REFUSAL_FRAME, "a.hcaptcha.com"));
  g_assert_true (kiosk_refusals_add (refusals, "caf", KIOSK_REFUSAL_FRAME, "a.hcaptcha.com"));
  /* Another kind, another service: another refusal. */
  g_assert_true (kiosk_refusals_add (refusals, "caf", KIOSK_REFUSAL_PAGE, "a.hcaptcha.com"));
  g_assert_true (kiosk_refusals_add (refusals, "ameli", KIOSK_REFUSAL_FRAME, "a.hcaptcha.com"));

  g_assert_cmpuint (refusals->len, ==, 3);
  refusal = g_ptr_array_index (refusals, 0);
  g_assert_cmpuint (refusal->count, ==, 2);
  g_assert_cmpint (refusal->kind, ==, KIOSK_REFUSAL_FRAME);
}

/* A page that makes up host names in a loop cannot fill the memory. */
static void
test_list_has_a_bound (void)
{
  g_autoptr(GPtrArray) refusals = kiosk_refusals_new ();

  for (guint i = 0; i < KIOSK_REFUSALS_MAX; i++)
    {
      g_autofree char *host = g_strdup_printf ("h%u.example", i);

      g_assert_true (kiosk_refusals_add (refusals, "caf", KIOSK_REFUSAL_FRAME, host));
    }
  g_assert_false (kiosk_refusals_add (refusals, "caf", KIOSK_REFUSAL_FRAME, "more.example"));
  /* One already listed still counts. */
  g_assert_true (kiosk_refusals_add (refusals, "caf", KIOSK_REFUSAL_FRAME, "h0.example"));
  g_assert_cmpuint (refusals->len, ==, KIOSK_REFUSALS_MAX);
}

static void
test_json_round_trip (void)
{
  g_autoptr(GPtrArray) refusals = kiosk_refusals_new ();
  g_autoptr(GPtrArray) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *again = NULL;

  kiosk_refusals_add (refusals, "caf", KIOSK_REFUSAL_POPUP, "app.franceconnect.gouv.fr");
  kiosk_refusals_add (refusals, "caf", KIOSK_REFUSAL_POPUP, "app.franceconnect.gouv.fr");
  kiosk_refusals_add (refusals, "sncf", KIOSK_REFUSAL_DOWNLOAD, "billets.sncf.com");
  json = kiosk_refusals_to_json (refusals, TRUE);

  read = kiosk_refusals_from_json (json, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (read->len, ==, 2);
  g_assert_cmpuint (((KioskRefusal *) g_ptr_array_index (read, 0))->count, ==, 2);
  again = kiosk_refusals_to_json (read, TRUE);
  g_assert_cmpstr (again, ==, json);
}

/* What the desk sends back is written into a config: anything but a
 * service id, a kind and a host name is refused, with where and why.
 */
static void
test_bad_lists_are_refused (void)
{
  static const struct
  {
    const char *json;
    const char *message;
  } cases[] = {
    { "", "the list is not an object with a “refused” array" },
    { "{\"refused\": [", "the list is not valid JSON" },
    { "[1, 2]", "the list is not an object with a “refused” array" },
    { "{\"refused\": {}}", "the list is not an object with a “refused” array" },
    { "{\"refused\": [3]}", "refusal 1: not an object" },
    { "{\"refused\": [{\"service\": \"caf\", \"kind\": \"frame\", \"host\": \"a.fr\"},"
      " {\"service\": \"caf\", \"kind\": \"tab\", \"host\": \"a.fr\"}]}",
      "refusal 2: “kind” must be page, frame, popup or download" },
    { "{\"refused\": [{\"service\": \"caf]\\n[Kiosk\", \"kind\": \"page\", \"host\": \"a.fr\"}]}",
      "refusal 1: “service” must be the id of a service, like “caf”" },
    { "{\"refused\": [{\"service\": \"caf\", \"kind\": \"page\", \"host\": \"a.fr\\nProxy=x\"}]}",
      "refusal 1: “host” must be a host name, like “www.caf.fr”" },
    { "{\"refused\": [{\"service\": \"caf\", \"kind\": \"page\", \"host\": \"a.fr;*\"}]}",
      "refusal 1: “host” must be a host name, like “www.caf.fr”" },
    { "{\"refused\": [{\"service\": \"caf\", \"kind\": \"page\", \"host\": \"a.fr/path\"}]}",
      "refusal 1: “host” must be a host name, like “www.caf.fr”" },
    { "{\"refused\": [{\"service\": \"caf\", \"kind\": \"page\", \"host\": \"WWW.CAF.FR\"}]}",
      "refusal 1: “host” must be a host name, like “www.caf.fr”" },
    { "{\"refused\": [{\"service\": \"caf\", \"kind\": \"page\", \"host\": \"a.fr\","
      " \"count\": 0}]}", "refusal 1: “count” must be a whole number from 1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) refusals = NULL;

      g_test_message ("%s", cases[i].json);
      refusals = kiosk_refusals_from_json (cases[i].json, -1, &error);
      g_assert_null (refusals);
      g_assert_error (error, KIOSK_REFUSALS_ERROR, KIOSK_REFUSALS_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }

  {
    g_autoptr(GError) error = NULL;
    static const char with_zero[] = "{\"refused\": []}\0{}";

    g_assert_null (kiosk_refusals_from_json (with_zero, sizeof with_zero - 1, &error));
    g_assert_error (error, KIOSK_REFUSALS_ERROR, KIOSK_REFUSALS_ERROR_INVALID);
  }
}

/* The lines hold the config's own patterns first, so that they replace
 * its lines; what the config lets through already is left out.
 */
static void
test_config_lines (void)
{
  g_autoptr(GPtrArray) refusals = kiosk_refusals_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = kiosk_test_write_file ("refusals.conf",
                                                  "[Kiosk]\n"
                                                  "StationId=gare-01\n"
                                                  "\n"
                                                  "[Allow]\n"
                                                  "Hosts=franceconnect.gouv.fr\n"
                                                  "\n"
                                                  "[Service caf]\n"
                                                  "Name=CAF\n"
                                                  "Url=https://www.caf.fr/\n"
                                                  "Allow=*.caf.fr;\n"
                                                  "Category=famille\n"
                                                  "\n"
                                                  "[Service sncf]\n"
                                                  "Name=SNCF\n"
                                                  "Url=https://www.sncf-connect.com/\n"
                                                  "Allow=www.sncf-connect.com\n"
                                                  "Frames=geo.captcha-delivery.com\n"
                                                  "Category=transport\n");
  g_autoptr(KioskConfig) config = kiosk_config_load (path, &error);
  g_autofree char *lines = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *bare = NULL;

  g_assert_no_error (error);
  /* Let through already: by the service's pattern, as a frame of a page
   * host, and by [Allow] for every service.
   */
  kiosk_refusals_add (refusals, "caf", KIOSK_REFUSAL_PAGE, "wwwd.caf.fr");
  kiosk_refusals_add (refusals, "caf", KIOSK_REFUSAL_FRAME, "www.caf.fr");
  kiosk_refusals_add (refusals, "caf", KIOSK_REFUSAL_PAGE, "franceconnect.gouv.fr");
  kiosk_refusals_add (refusals, "caf", KIOSK_REFUSAL_POPUP, "app.franceconnect.gouv.fr");
  kiosk_refusals_add (refusals, "caf", KIOSK_REFUSAL_POPUP, "app.franceconnect.gouv.fr");
  kiosk_refusals_add (refusals, "caf", KIOSK_REFUSAL_FRAME, "newassets.hcaptcha.com");
  kiosk_refusals_add (refusals, "sncf", KIOSK_REFUSAL_FRAME, "geo.captcha-delivery.com");
  kiosk_refusals_add (refusals, "sncf", KIOSK_REFUSAL_DOWNLOAD, "billets.sncf.com");
  kiosk_refusals_add (refusals, "mairie", KIOSK_REFUSAL_PAGE, "www.mairie.example");

  lines = kiosk_refusals_to_config_lines (refusals, config, &error);
  g_assert_no_error (error);
  expected = g_strconcat ("# app.franceconnect.gouv.fr: refused as a popup, 2 times\n"
                   "# newassets.hcaptcha.com: refused as a frame, 1 time\n"
                   "[Service caf]\n"
                   "Allow=*.caf.fr;app.franceconnect.gouv.fr\n"
                   "Frames=newassets.hcaptcha.com\n"
                   "\n"
                   "# billets.sncf.com: refused as a download, 1 time\n"
                   "[Service sncf]\n"
                   "Allow=www.sncf-connect.com;billets.sncf.com\n"
                   "\n"
                   "# “mairie” is not a service of ", path, ": nothing to add to it.\n\n",
                   NULL);
  g_assert_cmpstr (lines, ==, expected);

  /* Without a config: every host, as lines to merge by hand. */
  bare = kiosk_refusals_to_config_lines (refusals, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (bare, "[Service caf]\nAllow=wwwd.caf.fr;franceconnect.gouv.fr;"
                                  "app.franceconnect.gouv.fr\n"
                                  "Frames=www.caf.fr;newassets.hcaptcha.com\n"));
  g_assert_nonnull (strstr (bare, "[Service mairie]\nAllow=www.mairie.example\n"));
}

/* A part of a page becomes a Resources line in strict mode only, and
 * never for a host the config blocks on purpose ([Block]), which no line
 * of a service unblocks.
 */
static void
test_resource_lines (void)
{
  static const char services[] =
    "[Service caf]\n"
    "Name=CAF\n"
    "Url=https://www.caf.fr/\n"
    "Allow=*.caf.fr\n"
    "Resources=static.caf-cdn.example\n"
    "Category=famille\n";
  g_autoptr(GPtrArray) refusals = kiosk_refusals_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *strict_text = g_strconcat ("[Kiosk]\nStationId=gare-01\n"
                                              "StrictResources=true\n\n"
                                              "[Block]\nHosts=*.tracker.example\n\n",
                                              services, NULL);
  g_autofree char *open_text = g_strconcat ("[Kiosk]\nStationId=gare-01\n\n"
                                            "[Block]\nHosts=*.tracker.example\n\n",
                                            services, NULL);
  g_autofree char *strict_path = kiosk_test_write_file ("strict.conf", strict_text);
  g_autofree char *open_path = kiosk_test_write_file ("open.conf", open_text);
  g_autoptr(KioskConfig) strict = kiosk_config_load (strict_path, &error);
  g_autoptr(KioskConfig) open = NULL;
  g_autofree char *lines = NULL;

  g_assert_no_error (error);
  open = kiosk_config_load (open_path, &error);
  g_assert_no_error (error);

  kiosk_refusals_add (refusals, "caf", KIOSK_REFUSAL_RESOURCE, "cdn.unlisted.example");
  kiosk_refusals_add (refusals, "caf", KIOSK_REFUSAL_RESOURCE, "static.caf-cdn.example");
  kiosk_refusals_add (refusals, "caf", KIOSK_REFUSAL_RESOURCE, "www.caf.fr");
  kiosk_refusals_add (refusals, "caf", KIOSK_REFUSAL_RESOURCE, "stats.tracker.example");
  kiosk_refusals_add (refusals, "caf", KIOSK_REFUSAL_FRAME, "captcha.example");

  lines = kiosk_refusals_to_config_lines (refusals, strict, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lines, ==,
                   "# cdn.unlisted.example: refused as a resource, 1 time\n"
                   "# captcha.example: refused as a frame, 1 time\n"
                   "[Service caf]\n"
                   "Frames=captcha.example\n"
                   "Resources=static.caf-cdn.example;cdn.unlisted.example\n"
                   "\n");
  g_clear_pointer (&lines, g_free);

  /* Outside strict mode a part of a page is only ever blocked on purpose. */
  lines = kiosk_refusals_to_config_lines (refusals, open, &error);
  g_assert_no_error (error);
  g_assert_null (strstr (lines, "Resources="));
  g_assert_nonnull (strstr (lines, "Frames=captcha.example\n"));
}

/* The lines are written over the config's own: a config whose file is
 * gone since it was loaded gives no lines, and says why.
 */
static void
test_unreadable_config_is_an_error (void)
{
  g_autoptr(GPtrArray) refusals = kiosk_refusals_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = kiosk_test_write_file ("gone.conf",
                                                  "[Kiosk]\nStationId=gare-01\n\n"
                                                  "[Service caf]\nName=CAF\n"
                                                  "Url=https://www.caf.fr/\nAllow=*.caf.fr\n"
                                                  "Category=famille\n");
  g_autoptr(KioskConfig) config = kiosk_config_load (path, &error);

  g_assert_no_error (error);
  g_assert_cmpint (g_unlink (path), ==, 0);
  kiosk_refusals_add (refusals, "caf", KIOSK_REFUSAL_PAGE, "www.example.org");
  g_assert_null (kiosk_refusals_to_config_lines (refusals, config, &error));
  g_assert_error (error, KIOSK_REFUSALS_ERROR, KIOSK_REFUSALS_ERROR_CONFIG);
  g_assert_true (g_str_has_prefix (error->message, "cannot read "));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *test_root = kiosk_test_isolate_process_dirs ();

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/refusals/same-refusal-is-counted", test_same_refusal_is_counted);
  g_test_add_func ("/core/refusals/list-has-a-bound", test_list_has_a_bound);
  g_test_add_func ("/core/refusals/json-round-trip", test_json_round_trip);
  g_test_add_func ("/core/refusals/bad-lists-are-refused", test_bad_lists_are_refused);
  g_test_add_func ("/core/refusals/config-lines", test_config_lines);
  g_test_add_func ("/core/refusals/resource-lines", test_resource_lines);
  g_test_add_func ("/core/refusals/unreadable-config-is-an-error",
                   test_unreadable_config_is_an_error);

  return g_test_run ();
}
