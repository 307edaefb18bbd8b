/* bench-stats.c — the statistics every benchmark reports: median and p95
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GLib only, so that the benchmarks of the core (bench-policy,
 * bench-usage) share it with those that drive the kiosk.
 */
#define G_LOG_DOMAIN "kiosk-bench"

#include "config.h"

#include "bench-stats.h"

/**
 * kiosk_bench_samples_new:
 *
 * Returns: (transfer full): an empty array of doubles
 */
GArray *
kiosk_bench_samples_new (void)
{
  return g_array_new (FALSE, FALSE, sizeof (double));
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/**
 * kiosk_bench_sort:
 * @samples: doubles
 *
 * Sorts them in increasing order, as the median and p95 need.
 */
void
kiosk_bench_sort (GArray *samples)
{
  g_array_sort (samples, compare_doubles);
}

/**
 * kiosk_bench_median:
 * @samples: sorted doubles, at least one
 *
 * Returns: their median
 */
double
kiosk_bench_median (GArray *samples)
{
  guint n = samples->len;

  g_assert (n > 0);
  if (n % 2 == 1)
    return g_array_index (samples, double, n / 2);

  return (g_array_index (samples, double, n / 2 - 1) +
          g_array_index (samples, double, n / 2)) / 2;
}

/**
 * kiosk_bench_percentile_95:
 * @samples: sorted doubles, at least one
 *
 * Returns: the nearest-rank 95th percentile: the smallest sample that
 *   95 % of them do not exceed (with 10 samples, the largest)
 */
double
kiosk_bench_percentile_95 (GArray *samples)
{
  guint rank = (samples->len * 95 + 99) / 100;

  g_assert (samples->len > 0);
  return g_array_index (samples, double, MAX (rank, 1) - 1);
}
