/* fuzz-policy.c — libFuzzer target: URL parsing, host patterns and policy decisions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-fuzz"

#include "config.h"

#include "kiosk-config.h"
#include "kiosk-policy.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <stdint.h>
#include <string.h>

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static KioskConfig *config;
static KioskUrl *base;

static const char config_text[] =
  "[Kiosk]\n"
  "AllowInsecureHttp=true\n"
  "[Allow]\n"
  "Hosts=app.franceconnect.gouv.fr;*.lidentitenumerique.laposte.fr\n"
  "[Service caf]\n"
  "Name=CAF\n"
  "Url=https://www.caf.fr/\n"
  "Allow=*.caf.fr;https://www.ameli.fr/assure/;www.impots.gouv.fr:8443\n"
  "Category=famille\n";

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  int fd;

  fd = g_file_open_tmp ("fuzz-policy-XXXXXX.conf", &path, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, config_text, -1, &error));
  close (fd);

  config = kiosk_config_load (path, &error);
  g_assert_no_error (error);
  g_unlink (path);

  base = kiosk_url_parse ("https://user:pass@www.caf.fr:8443/a/b/c?q=1#f", NULL, &error);
  g_assert_no_error (error);

  return 0;
}

/* The serialization of a parsed URL must parse back to itself: if not,
 * the policy and the browser could be looking at two different addresses.
 */
static void
check_round_trip (const KioskUrl *url)
{
  g_autofree char *href = kiosk_url_to_string (url);
  g_autoptr(KioskUrl) again = kiosk_url_parse (href, NULL, NULL);
  g_autofree char *href_again = NULL;

  if (again == NULL)
    g_error ("“%s” does not parse again", href);

  href_again = kiosk_url_to_string (again);
  if (strcmp (href, href_again) != 0)
    g_error ("“%s” parses again as “%s”", href, href_again);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *input = g_strndup ((const char *) data, size);
  g_autoptr(KioskAllowList) allow_list = kiosk_allow_list_new ();
  g_autoptr(KioskUrl) url = NULL;
  g_autoptr(KioskUrl) relative = NULL;
  g_autofree char *ascii = NULL;
  KioskService *caf = kiosk_config_lookup_service (config, "caf");
  KioskVerdict verdict;

  verdict = kiosk_policy_decide (kiosk_config_get_policy (config), NULL, caf, input,
                                 KIOSK_POLICY_FLAGS_NONE, &url);
  g_assert_true (verdict <= KIOSK_VERDICT_DENY_NOT_ALLOWED);
  if (url != NULL)
    check_round_trip (url);

  kiosk_policy_decide (kiosk_config_get_policy (config), NULL, NULL, input,
                       KIOSK_POLICY_INITIAL_DOCUMENT, NULL);

  relative = kiosk_url_parse (input, base, NULL);
  if (relative != NULL)
    check_round_trip (relative);

  ascii = kiosk_url_domain_to_ascii (input, NULL);

  if (kiosk_allow_list_add_pattern (allow_list, input, NULL) && url != NULL)
    kiosk_allow_list_matches_url (allow_list, url);

  return 0;
}
