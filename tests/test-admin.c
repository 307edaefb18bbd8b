/* test-admin.c — pimms-kiosk-admin as an admin or a script runs it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-test"

#include "config.h"

#include "test-utils.h"

#include <gio/gio.h>
#include <string.h>

static void
run_admin (KioskTestRun *run,
           ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *argument;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("KIOSK_ADMIN_BINARY"));
  va_start (args, run);
  while ((argument = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) argument);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_exit_status (process);
  g_test_message ("exit %d\nstdout:\n%s\nstderr:\n%s", run->status, run->out, run->err);
}

static char *
default_config_path (void)
{
  return g_build_filename (g_getenv ("KIOSK_SOURCE_DIR"), "data", "kiosk.conf", NULL);
}

static char *
write_test_config (void)
{
  return kiosk_test_write_file ("admin.conf",
                                "[Kiosk]\n"
                                "StationId=test-01\n"
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
                                "Allow=*.ameli.fr\n"
                                "Category=sante\n"
                                "[Profile atelier]\n"
                                "Name=Atelier numérique\n"
                                "Hosts=*.pix.fr\n"
                                "[Service webmail]\n"
                                "Name=Ma messagerie\n"
                                "Url=https://www.laposte.net/\n"
                                "Allow=*.laposte.net\n"
                                "Category=papiers\n"
                                "Profile=atelier\n"
                                "[Profile emploi]\n"
                                "Name=Atelier emploi\n"
                                "Hosts=*.indeed.fr\n");
}

static void
test_check_config_default (void)
{
  g_auto(KioskTestRun) run = { 0 };
  g_autofree char *path = default_config_path ();

  run_admin (&run, "check-config", path, NULL);

  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "no problem found"));
}

static void
test_check_config_lists_every_problem (void)
{
  g_auto(KioskTestRun) run = { 0 };
  g_autofree char *path = kiosk_test_write_file ("three-problems.conf",
                                                 "[Kiosk]\n"
                                                 "IdelTimeout=60\n"
                                                 "[Service caf]\n"
                                                 "Name=CAF\n"
                                                 "Allow=*.fr\n"
                                                 "Category=famille\n"
                                                 "[Service ameli]\n"
                                                 "Name=Ameli\n"
                                                 "Url=https://www.ameli.fr/\n"
                                                 "Allow=*.ameli.fr\n"
                                                 "Category=sante\n");
  g_autofree char *unknown_key = g_strconcat (path, ":2: [Kiosk] IdelTimeout: ", NULL);
  g_autofree char *missing_url = g_strconcat (path, ":3: [Service caf] Url: ", NULL);
  g_autofree char *bad_pattern = g_strconcat (path, ":5: [Service caf] Allow: ", NULL);

  run_admin (&run, "check-config", path, NULL);

  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.out, unknown_key));
  g_assert_nonnull (strstr (run.out, missing_url));
  g_assert_nonnull (strstr (run.out, bad_pattern));
  g_assert_null (strstr (run.out, "[Service ameli]"));
}

static void
test_check_config_lists_profiles (void)
{
  g_auto(KioskTestRun) run = { 0 };
  g_autofree char *path = write_test_config ();
  g_autofree char *expected = g_strconcat (path, ": no problem found, 3 services\n"
                                           "  profile atelier (Atelier numérique): 1 service\n"
                                           "  profile emploi (Atelier emploi): 0 services\n",
                                           NULL);

  run_admin (&run, "check-config", path, NULL);

  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, expected);
}

static void
test_check_config_missing_file (void)
{
  g_auto(KioskTestRun) run = { 0 };
  g_autofree char *path = g_build_filename (g_get_user_config_dir (), "absent.conf", NULL);

  run_admin (&run, "check-config", path, NULL);

  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (g_str_has_prefix (run.out, path));
}

static void
test_check_url_verdicts (void)
{
  g_auto(KioskTestRun) run = { 0 };
  g_autofree char *path = write_test_config ();
  g_autofree char *config_arg = g_strconcat ("--config=", path, NULL);

  run_admin (&run, "check-url", config_arg,
             "HTTPS://WWW.CAF.FR/aides?x=1",
             "https://www.ameli.fr/",
             "https://evil.example\\@www.caf.fr/",
             "https://www.caf.fr@evil.example/",
             "https://0x7f.1/",
             "javascript:alert(1)",
             "https://evilcaf.fr/",
             "http://www.caf.fr/",
             "https://",
             NULL);

  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==,
                   "allow https://www.caf.fr/aides?x=1\n"
                   "allow https://www.ameli.fr/\n"
                   "deny not-allowed https://evil.example\\@www.caf.fr/\n"
                   "deny userinfo https://www.caf.fr@evil.example/\n"
                   "deny ip-address https://0x7f.1/\n"
                   "deny scheme javascript:alert(1)\n"
                   "deny not-allowed https://evilcaf.fr/\n"
                   "deny scheme http://www.caf.fr/\n"
                   "deny malformed https://\n");
}

static void
test_check_url_for_one_service (void)
{
  g_auto(KioskTestRun) run = { 0 };
  g_autofree char *path = write_test_config ();
  g_autofree char *config_arg = g_strconcat ("--config=", path, NULL);

  run_admin (&run, "check-url", config_arg, "--service=ameli",
             "https://www.caf.fr/", "https://www.ameli.fr/",
             "https://app.franceconnect.gouv.fr/", NULL);

  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==,
                   "deny not-allowed https://www.caf.fr/\n"
                   "allow https://www.ameli.fr/\n"
                   "allow https://app.franceconnect.gouv.fr/\n");
}

/* Without --profile, check-url answers for the public; with it, as the
 * station answers while staff have that profile on.
 */
static void
test_check_url_with_profile (void)
{
  g_autofree char *path = write_test_config ();
  g_autofree char *config_arg = g_strconcat ("--config=", path, NULL);

  {
    g_auto(KioskTestRun) run = { 0 };

    run_admin (&run, "check-url", config_arg,
               "https://www.laposte.net/", "https://app.pix.fr/", "https://www.caf.fr/", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==,
                     "deny not-allowed https://www.laposte.net/\n"
                     "deny not-allowed https://app.pix.fr/\n"
                     "allow https://www.caf.fr/\n");
  }
  {
    g_auto(KioskTestRun) run = { 0 };

    run_admin (&run, "check-url", config_arg, "--profile=atelier",
               "https://www.laposte.net/", "https://app.pix.fr/", "https://www.caf.fr/",
               "https://www.indeed.fr/", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==,
                     "allow https://www.laposte.net/\n"
                     "allow https://app.pix.fr/\n"
                     "allow https://www.caf.fr/\n"
                     "deny not-allowed https://www.indeed.fr/\n");
  }
  {
    g_auto(KioskTestRun) run = { 0 };

    run_admin (&run, "check-url", config_arg, "--profile=atelier", "--service=caf",
               "https://app.pix.fr/", "https://www.laposte.net/", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==,
                     "allow https://app.pix.fr/\n"
                     "deny not-allowed https://www.laposte.net/\n");
  }
  {
    g_auto(KioskTestRun) run = { 0 };

    /* The workshop's webmail, checked for the public or another workshop,
     * is refused everything, and the admin is told why.
     */
    run_admin (&run, "check-url", config_arg, "--profile=emploi", "--service=webmail",
               "https://www.laposte.net/", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, "deny not-allowed https://www.laposte.net/\n");
    g_assert_nonnull (strstr (run.err, "--profile atelier"));
  }
}

static void
test_check_url_usage_errors (void)
{
  g_autofree char *path = write_test_config ();
  g_autofree char *config_arg = g_strconcat ("--config=", path, NULL);
  g_autofree char *broken = kiosk_test_write_file ("broken.conf", "[Kiosk]\nnot a key\n");
  g_autofree char *broken_arg = g_strconcat ("--config=", broken, NULL);

  {
    g_auto(KioskTestRun) run = { 0 };

    run_admin (&run, "check-url", config_arg, "--service=cpam", "https://www.caf.fr/", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "cpam"));
    g_assert_cmpstr (run.out, ==, "");
  }
  {
    g_auto(KioskTestRun) run = { 0 };

    run_admin (&run, "check-url", config_arg, "--profile=ateliers", "https://app.pix.fr/", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "no profile “ateliers”"));
    g_assert_nonnull (strstr (run.err, "atelier, emploi"));
    g_assert_cmpstr (run.out, ==, "");
  }
  {
    g_auto(KioskTestRun) run = { 0 };

    run_admin (&run, "check-url", broken_arg, "https://www.caf.fr/", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "broken.conf:2: syntax error"));
    g_assert_cmpstr (run.out, ==, "");
  }
  {
    g_auto(KioskTestRun) run = { 0 };

    run_admin (&run, "check-url", config_arg, NULL);
    g_assert_cmpint (run.status, ==, 2);
  }
  {
    g_auto(KioskTestRun) run = { 0 };

    run_admin (&run, "frobnicate", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "frobnicate"));
  }
  {
    g_auto(KioskTestRun) run = { 0 };

    run_admin (&run, NULL);
    g_assert_cmpint (run.status, ==, 2);
  }
}

/* What a station's staff recorded, as GET /api/v1/refusals gives it,
 * becomes the lines that let it through, after the config's own.
 */
static void
test_refusals_to_config (void)
{
  g_autofree char *config = write_test_config ();
  g_autofree char *config_arg = g_strconcat ("--config=", config, NULL);
  g_autofree char *list = kiosk_test_write_file (
    "refusals.json",
    "{\"recording\": false, \"refused\": ["
    "{\"service\": \"ameli\", \"kind\": \"frame\","
    " \"host\": \"newassets.hcaptcha.com\", \"count\": 3},"
    "{\"service\": \"ameli\", \"kind\": \"popup\","
    " \"host\": \"fc.assure.ameli.fr\", \"count\": 1},"
    "{\"service\": \"ameli\", \"kind\": \"page\","
    " \"host\": \"www.mesdroitssociaux.gouv.fr\"}]}");
  g_auto(KioskTestRun) run = { 0 };

  run_admin (&run, "refusals-to-config", config_arg, list, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  /* fc.assure.ameli.fr is an Ameli host already (*.ameli.fr). */
  g_assert_cmpstr (run.out, ==,
                   "# newassets.hcaptcha.com: refused as a frame, 3 times\n"
                   "# www.mesdroitssociaux.gouv.fr: refused as a page, 1 time\n"
                   "[Service ameli]\n"
                   "Allow=*.ameli.fr;www.mesdroitssociaux.gouv.fr\n"
                   "Frames=newassets.hcaptcha.com\n"
                   "\n");
}

static void
test_refusals_to_config_refuses_bad_input (void)
{
  g_autofree char *config = write_test_config ();
  g_autofree char *config_arg = g_strconcat ("--config=", config, NULL);
  g_autofree char *hostile = kiosk_test_write_file ("hostile.json",
                                                     "{\"refused\": [{\"service\": \"caf\","
                                                     " \"kind\": \"page\", \"host\":"
                                                     " \"x.fr\\n[Kiosk]\\nProxy=evil\"}]}");
  g_autofree char *broken = kiosk_test_write_file ("broken.conf", "[Service caf\n");
  g_autofree char *broken_arg = g_strconcat ("--config=", broken, NULL);

  {
    g_auto(KioskTestRun) run = { 0 };

    /* A host that would write more than a host into the config. */
    run_admin (&run, "refusals-to-config", config_arg, hostile, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpstr (run.out, ==, "");
    g_assert_nonnull (strstr (run.err, "refusal 1: “host” must be a host name"));
  }
  {
    g_auto(KioskTestRun) run = { 0 };

    run_admin (&run, "refusals-to-config", config_arg, "/nonexistent/list.json", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "/nonexistent/list.json"));
  }
  {
    g_auto(KioskTestRun) run = { 0 };

    /* The lines are for a config that works. */
    run_admin (&run, "refusals-to-config", broken_arg, hostile, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_cmpstr (run.out, ==, "");
    g_assert_nonnull (strstr (run.err, broken));
  }
}

/* Which version is installed, for an admin or the package test. */
static void
test_version (void)
{
  g_auto(KioskTestRun) run = { 0 };

  run_admin (&run, "--version", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "pimms-kiosk-admin " PACKAGE_VERSION "\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/admin/version", test_version);
  g_test_add_func ("/admin/check-config/default", test_check_config_default);
  g_test_add_func ("/admin/check-config/lists-every-problem",
                   test_check_config_lists_every_problem);
  g_test_add_func ("/admin/check-config/lists-profiles", test_check_config_lists_profiles);
  g_test_add_func ("/admin/check-config/missing-file", test_check_config_missing_file);
  g_test_add_func ("/admin/check-url/verdicts", test_check_url_verdicts);
  g_test_add_func ("/admin/check-url/for-one-service", test_check_url_for_one_service);
  g_test_add_func ("/admin/check-url/with-profile", test_check_url_with_profile);
  g_test_add_func ("/admin/check-url/usage-errors", test_check_url_usage_errors);
  g_test_add_func ("/admin/refusals-to-config/lines", test_refusals_to_config);
  g_test_add_func ("/admin/refusals-to-config/bad-input",
                   test_refusals_to_config_refuses_bad_input);

  return g_test_run ();
}
