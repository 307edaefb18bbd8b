/* bench-policy.c — policy decisions per second on a 200-rule config
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Budget (DESIGN.md): at least one million decisions per second. Prints
 * the median of several runs; it is a measurement, never a pass/fail.
 */
#define G_LOG_DOMAIN "kiosk-bench"

#include "config.h"

#include "bench-stats.h"
#include "kiosk-config.h"
#include "kiosk-policy.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <unistd.h>

#define N_SERVICES 50
#define DECISIONS_PER_RUN 1000000
#define N_RUNS 7

static char *
write_config (void)
{
  g_autoptr(GString) text = g_string_new ("[Kiosk]\n[Allow]\nHosts=app.franceconnect.gouv.fr\n");
  g_autoptr(GError) error = NULL;
  char *path = NULL;
  int fd;

  /* 50 services of 4 rules: exact hosts, whole domains, a port and a
   * path prefix, as a real catalogue mixes them.
   */
  for (guint i = 0; i < N_SERVICES; i++)
    g_string_append_printf (text,
                            "[Service s%u]\n"
                            "Name=Service %u\n"
                            "Url=https://www.service%u.fr/\n"
                            "Allow=www.service%u.fr;*.compte%u.fr;"
                            "www.paiement%u.fr:8443;https://www.aide%u.fr/demarches/\n"
                            "Category=famille\n",
                            i, i, i, i, i, i, i);

  fd = g_file_open_tmp ("bench-policy-XXXXXX.conf", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, text->str, text->len, &error);
  g_assert_no_error (error);

  return path;
}

int
main (int   argc,
      char *argv[])
{
  static const char * const addresses[] = {
    "https://www.service17.fr/accueil",
    "https://connexion.compte42.fr/login?next=%2Fmon-compte",
    "https://www.aide3.fr/demarches/logement",
    "https://www.aide3.fr/autre",
    "https://www.paiement9.fr:8443/payer",
    "https://app.franceconnect.gouv.fr/api/v1/authorize?response_type=code",
    "https://evil.example/",
    "https://www.service17.fr.evil.example/",
    "https://evil.example\\@www.service17.fr/",
    "https://WWW.SERVICE17.FR/",
    "https://0x7f.1/",
    "javascript:alert(1)",
  };
  g_autofree char *path = write_config ();
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskConfig) config = kiosk_config_load (path, &error);
  g_autoptr(GArray) rates = kiosk_bench_samples_new ();
  KioskPolicy *policy;
  KioskService *service;
  guint allowed = 0;

  g_assert_no_error (error);
  g_unlink (path);
  policy = kiosk_config_get_policy (config);
  service = kiosk_config_lookup_service (config, "s17");

  for (guint run = 0; run < N_RUNS; run++)
    {
      gint64 start = g_get_monotonic_time ();
      double seconds;
      double rate;

      for (guint i = 0; i < DECISIONS_PER_RUN; i++)
        {
          const char *address = addresses[i % G_N_ELEMENTS (addresses)];

          allowed += kiosk_policy_decide (policy, NULL, service, address,
                                          KIOSK_POLICY_FLAGS_NONE, NULL) == KIOSK_VERDICT_ALLOW;
        }

      seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
      rate = DECISIONS_PER_RUN / seconds;
      g_array_append_val (rates, rate);
    }

  kiosk_bench_sort (rates);

  g_print ("policy decisions: %u rules, %u runs of %u mixed addresses\n",
           4 * N_SERVICES + 1, N_RUNS, DECISIONS_PER_RUN);
  g_print ("median %.0f decisions/s (min %.0f, max %.0f)\n", kiosk_bench_median (rates),
           g_array_index (rates, double, 0), g_array_index (rates, double, rates->len - 1));
  g_print ("budget 1000000/s: the median is %.2f times the budget\n",
           kiosk_bench_median (rates) / 1e6);
  g_print ("(%u allowed)\n", allowed);

  return 0;
}
