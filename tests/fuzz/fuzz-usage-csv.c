/* fuzz-usage-csv.c — libFuzzer target: the usage CSV a station sends the desk console
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-fuzz"

#include "config.h"

#include "kiosk-usage-csv.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* What the reader accepts, the writer must write back to rows the reader
 * reads the same: the console merges the counts of every station this way.
 */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskUsageCsv) csv = NULL;
  g_autoptr(KioskUsageCsv) again = NULL;
  g_autoptr(GString) written = g_string_new (NULL);
  const KioskUsageRow *rows;
  const KioskUsageRow *rows_again;
  guint n_rows = 0;
  guint n_rows_again = 0;

  csv = kiosk_usage_csv_parse ((const char *) data, size, &error);
  g_assert_true ((csv == NULL) == (error != NULL));
  if (csv == NULL)
    return 0;

  rows = kiosk_usage_csv_get_rows (csv, &n_rows);
  kiosk_usage_csv_append_header (written);
  for (guint i = 0; i < n_rows; i++)
    kiosk_usage_csv_append_row (written, &rows[i]);

  again = kiosk_usage_csv_parse (written->str, written->len, &error);
  if (again == NULL)
    g_error ("Rows read from a CSV are written back unreadable: %s", error->message);

  rows_again = kiosk_usage_csv_get_rows (again, &n_rows_again);
  g_assert_cmpuint (n_rows_again, ==, n_rows);
  for (guint i = 0; i < n_rows; i++)
    {
      g_assert_cmpstr (rows_again[i].day, ==, rows[i].day);
      g_assert_cmpuint (rows_again[i].hour, ==, rows[i].hour);
      g_assert_cmpstr (rows_again[i].site, ==, rows[i].site);
      g_assert_cmpstr (rows_again[i].station, ==, rows[i].station);
      g_assert_cmpstr (rows_again[i].metric, ==, rows[i].metric);
      g_assert_cmpstr (rows_again[i].key, ==, rows[i].key);
      g_assert_cmpint (rows_again[i].count, ==, rows[i].count);
    }

  return 0;
}
