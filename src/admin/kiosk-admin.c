/* kiosk-admin.c — pimms-kiosk-admin: checks and tools for admins and scripts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pimms-kiosk-admin"

#include "config.h"

#include "kiosk-admin.h"
#include "kiosk-admin-command.h"
#include "kiosk-admin-pin.h"
#include "kiosk-admin-refusals.h"
#include "kiosk-admin-stats.h"

#include "kiosk-config.h"
#include "kiosk-policy.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

static int check_url (int argc, char **argv);
static int check_config (int argc, char **argv);

static const KioskAdminCommand commands[] = {
  { "check-url", N_("[--config FILE] [--profile ID] [--service ID] URL…"),
    N_("Tell whether the kiosk would open each address, and why not"), check_url },
  { "check-config", N_("[FILE]"),
    N_("Check a config file and list every problem with its line and key"), check_config },
  { "stats", N_("report|export|merge|html [OPTION…]"),
    N_("Usage reports for funders, exports and merges of station counts"),
    kiosk_admin_stats_run },
  { "refusals-to-config", N_("[--config FILE] [LIST]"),
    N_("Turn the sites a station recorded as refused into the config lines that let them "
       "through"), kiosk_admin_refusals_run },
  { "set-pin", N_("[--file FILE] [--config FILE]"),
    N_("Set the staff panel's PIN (asked twice without echo, or read from stdin)"),
    kiosk_admin_set_pin_run },
};

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s\n", _("Usage: pimms-kiosk-admin COMMAND [OPTION…]"));
  fprintf (stream, "\n%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  %-14s %s\n      %s\n", commands[i].name, _(commands[i].arguments),
             _(commands[i].summary));
}

static void
print_unknown (const char *name)
{
  fprintf (stderr, _("Unknown command “%s”.\n"), name);
}

static KioskConfig *
load_config_or_explain (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *default_path = NULL;
  KioskConfig *config;

  if (path == NULL)
    path = default_path = kiosk_config_find_default_path ();

  config = kiosk_config_load (path, &error);
  if (config == NULL)
    fprintf (stderr, "%s\n", error->message);

  return config;
}

/* Without --service, an address is allowed when any service of the
 * station may open it: the question an admin asks about a whole config.
 * The services of a profile count only while that profile is on, as the
 * policy says.
 */
static KioskVerdict
decide_for_any_service (KioskConfig   *config,
                        KioskProfile  *profile,
                        const char    *address,
                        KioskUrl     **url)
{
  KioskPolicy *policy = kiosk_config_get_policy (config);
  GPtrArray *services = kiosk_config_get_services (config);
  KioskVerdict verdict;

  verdict = kiosk_policy_decide (policy, profile, NULL, address, KIOSK_POLICY_FLAGS_NONE, url);

  for (guint i = 0; verdict == KIOSK_VERDICT_DENY_NOT_ALLOWED && i < services->len; i++)
    verdict = kiosk_policy_decide (policy, profile, g_ptr_array_index (services, i), address,
                                   KIOSK_POLICY_FLAGS_NONE, NULL);

  return verdict;
}

static guint
count_profile_services (KioskConfig  *config,
                        KioskProfile *profile)
{
  GPtrArray *services = kiosk_config_get_services (config);
  guint count = 0;

  for (guint i = 0; i < services->len; i++)
    {
      const char *service_profile = kiosk_service_get_profile (g_ptr_array_index (services, i));

      count += g_strcmp0 (service_profile, kiosk_profile_get_id (profile)) == 0;
    }

  return count;
}

static void
print_unknown_profile (KioskConfig *config,
                       const char  *id)
{
  GPtrArray *profiles = kiosk_config_get_profiles (config);
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_auto(GStrv) known = NULL;
  g_autofree char *list = NULL;

  if (profiles->len == 0)
    {
      fprintf (stderr, _("check-url: no profile “%s” in %s, which defines none\n"),
               id, kiosk_config_get_path (config));
      return;
    }

  for (guint i = 0; i < profiles->len; i++)
    g_strv_builder_add (ids, kiosk_profile_get_id (g_ptr_array_index (profiles, i)));
  known = g_strv_builder_end (ids);
  list = g_strjoinv (", ", known);

  fprintf (stderr, _("check-url: no profile “%s” in %s; --profile takes one of: %s\n"),
           id, kiosk_config_get_path (config), list);
}

static int
check_url (int    argc,
           char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskConfig) config = NULL;
  g_autofree char *config_path = NULL;
  g_autofree char *service_id = NULL;
  g_autofree char *profile_id = NULL;
  g_auto(GStrv) addresses = NULL;
  KioskService *service = NULL;
  KioskProfile *profile = NULL;
  const GOptionEntry entries[] = {
    { "config", 0, 0, G_OPTION_ARG_FILENAME, &config_path,
      N_("Use this config instead of the station's"), N_("FILE") },
    { "profile", 0, 0, G_OPTION_ARG_STRING, &profile_id,
      N_("Check with this profile on, as staff turn it on for a workshop"), N_("ID") },
    { "service", 0, 0, G_OPTION_ARG_STRING, &service_id,
      N_("Check for this service only"), N_("ID") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &addresses, NULL, N_("URL…") },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Prints “allow CANONICAL-URL” or “deny REASON URL” "
                                           "for each address. Reasons: malformed, scheme, "
                                           "userinfo, ip-address, not-allowed."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return KIOSK_ADMIN_EXIT_USAGE;
    }

  if (addresses == NULL || addresses[0] == NULL)
    {
      fprintf (stderr, "%s\n", _("check-url: give at least one address to check"));
      return KIOSK_ADMIN_EXIT_USAGE;
    }

  config = load_config_or_explain (config_path);
  if (config == NULL)
    return KIOSK_ADMIN_EXIT_USAGE;

  if (profile_id != NULL)
    {
      profile = kiosk_config_lookup_profile (config, profile_id);
      if (profile == NULL)
        {
          print_unknown_profile (config, profile_id);
          return KIOSK_ADMIN_EXIT_USAGE;
        }
    }

  if (service_id != NULL)
    {
      const char *service_profile;

      service = kiosk_config_require_service (config, service_id, &error);
      if (service == NULL)
        {
          fprintf (stderr, "%s\n", error->message);
          return KIOSK_ADMIN_EXIT_USAGE;
        }

      /* Every answer is then "deny": say why, so that no one mistakes
       * this for a broken Allow list.
       */
      service_profile = kiosk_service_get_profile (service);
      if (service_profile != NULL &&
          (profile == NULL || strcmp (kiosk_profile_get_id (profile), service_profile) != 0))
        fprintf (stderr, _("check-url: service “%s” exists only while profile “%s” is on "
                           "(--profile %s); it is refused every address\n"),
                 service_id, service_profile, service_profile);
    }

  for (guint i = 0; addresses[i] != NULL; i++)
    {
      g_autoptr(KioskUrl) url = NULL;
      KioskVerdict verdict;

      if (service != NULL)
        verdict = kiosk_policy_decide (kiosk_config_get_policy (config), profile, service,
                                       addresses[i], KIOSK_POLICY_FLAGS_NONE, &url);
      else
        verdict = decide_for_any_service (config, profile, addresses[i], &url);

      if (verdict == KIOSK_VERDICT_ALLOW)
        {
          g_autofree char *canonical = kiosk_url_to_string (url);

          printf ("allow %s\n", canonical);
        }
      else
        printf ("deny %s %s\n", kiosk_verdict_to_string (verdict), addresses[i]);
    }

  return KIOSK_ADMIN_EXIT_OK;
}

static int
check_config (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskConfig) config = NULL;
  g_autofree char *default_path = NULL;
  GPtrArray *profiles;
  const char *path;

  context = g_option_context_new (_("[FILE]"));
  g_option_context_set_summary (context, _("Checks FILE (by default the station's config) and "
                                           "prints every problem as FILE:LINE: [Group] Key: "
                                           "what is wrong."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return KIOSK_ADMIN_EXIT_USAGE;
    }

  if (argc > 2)
    {
      fprintf (stderr, "%s\n", _("check-config: give one config file at most"));
      return KIOSK_ADMIN_EXIT_USAGE;
    }

  path = argc == 2 ? argv[1] : (default_path = kiosk_config_find_default_path ());

  config = kiosk_config_load (path, &error);
  if (config == NULL)
    {
      printf ("%s\n", error->message);
      return KIOSK_ADMIN_EXIT_PROBLEMS;
    }

  printf (g_dngettext (GETTEXT_PACKAGE, "%s: no problem found, %u service\n",
                       "%s: no problem found, %u services\n",
                       kiosk_config_get_services (config)->len),
          path, kiosk_config_get_services (config)->len);

  profiles = kiosk_config_get_profiles (config);
  for (guint i = 0; i < profiles->len; i++)
    {
      KioskProfile *profile = g_ptr_array_index (profiles, i);
      guint n_services = count_profile_services (config, profile);

      /* TRANSLATORS: the profile's id, its name, and how many services exist
       * only while it is on.
       */
      printf (g_dngettext (GETTEXT_PACKAGE, "  profile %s (%s): %u service\n",
                           "  profile %s (%s): %u services\n", n_services),
              kiosk_profile_get_id (profile), kiosk_profile_get_name (profile), n_services);
    }

  return KIOSK_ADMIN_EXIT_OK;
}

/**
 * kiosk_admin_run:
 * @argc: as given to main()
 * @argv: as given to main()
 *
 * Runs the command named by the first argument.
 *
 * Returns: the process exit code
 */
int
kiosk_admin_run (int    argc,
                 char **argv)
{
  static const KioskAdminCommandSet set = {
    "pimms-kiosk-admin", commands, G_N_ELEMENTS (commands), print_usage, print_unknown,
  };

  return kiosk_admin_dispatch (&set, argc, argv);
}
