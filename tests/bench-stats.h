/* bench-stats.h — the statistics every benchmark reports: median and p95
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Samples are doubles (milliseconds, rates); median and p95 take sorted ones. */
GArray *kiosk_bench_samples_new   (void);
void    kiosk_bench_sort          (GArray *samples);
double  kiosk_bench_median        (GArray *samples);
double  kiosk_bench_percentile_95 (GArray *samples);

G_END_DECLS
