/* test-usage-csv.c — the usage CSV: what the writer writes, the reader reads back;
 * every kind of bad input is refused with its line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-test"

#include "config.h"

#include "kiosk-usage-csv.h"

#include <string.h>

static const KioskUsageRow awkward_rows[] = {
  { "2026-01-05", 0, "gare", "gare-01", KIOSK_METRIC_SESSION_STARTED, "", 12 },
  { "2026-01-05", 9, "gare", "gare-01", KIOSK_METRIC_SERVICE_OPENED, "caf", 3 },
  { "2026-02-28", 23, "quartier, nord", "poste \"2\"", KIOSK_METRIC_NAVIGATION_REFUSED,
    "example.org", 1 },
  { "2026-03-01", 14, "gare", "a\nb", KIOSK_METRIC_LANGUAGE, "line\r\nbreak", 0 },
  { "2026-12-31", 17, "gare", "gare-02", KIOSK_METRIC_SURVEY_OUTCOME, "très, bien",
    G_MAXINT64 },
};

static GString *
write_rows (const KioskUsageRow *rows,
            guint                n_rows)
{
  GString *csv = g_string_new (NULL);

  kiosk_usage_csv_append_header (csv);
  for (guint i = 0; i < n_rows; i++)
    kiosk_usage_csv_append_row (csv, &rows[i]);
  return csv;
}

static void
assert_rows_equal (const KioskUsageRow *expected,
                   guint                n_expected,
                   const KioskUsageRow *rows,
                   guint                n_rows)
{
  g_assert_cmpuint (n_rows, ==, n_expected);
  for (guint i = 0; i < n_rows; i++)
    {
      g_assert_cmpstr (rows[i].day, ==, expected[i].day);
      g_assert_cmpuint (rows[i].hour, ==, expected[i].hour);
      g_assert_cmpstr (rows[i].site, ==, expected[i].site);
      g_assert_cmpstr (rows[i].station, ==, expected[i].station);
      g_assert_cmpstr (rows[i].metric, ==, expected[i].metric);
      g_assert_cmpstr (rows[i].key, ==, expected[i].key != NULL ? expected[i].key : "");
      g_assert_cmpint (rows[i].count, ==, expected[i].count);
    }
}

static void
test_round_trip (void)
{
  g_autoptr(GString) csv = write_rows (awkward_rows, G_N_ELEMENTS (awkward_rows));
  g_autoptr(KioskUsageCsv) parsed = NULL;
  g_autoptr(GError) error = NULL;
  const KioskUsageRow *rows;
  guint n_rows;

  /* Quoted as RFC 4180 says, only where needed. */
  g_assert_true (g_str_has_prefix (csv->str, KIOSK_USAGE_CSV_HEADER "\n"
                                   "2026-01-05,0,gare,gare-01,session-started,,12\n"));
  g_assert_nonnull (strstr (csv->str, ",\"quartier, nord\",\"poste \"\"2\"\"\","));

  parsed = kiosk_usage_csv_parse (csv->str, csv->len, &error);
  g_assert_no_error (error);
  rows = kiosk_usage_csv_get_rows (parsed, &n_rows);
  assert_rows_equal (awkward_rows, G_N_ELEMENTS (awkward_rows), rows, n_rows);
}

static void
test_null_key_is_empty (void)
{
  const KioskUsageRow row = { "2026-04-01", 8, "gare", "gare-01", "session-started", NULL, 2 };
  g_autoptr(GString) csv = write_rows (&row, 1);

  g_assert_cmpstr (csv->str, ==, KIOSK_USAGE_CSV_HEADER "\n"
                   "2026-04-01,8,gare,gare-01,session-started,,2\n");
}

static void
test_crlf_and_no_final_newline (void)
{
  const char *text = KIOSK_USAGE_CSV_HEADER "\r\n"
                     "2026-01-05,9,gare,gare-01,service-opened,caf,3\r\n"
                     "2026-01-05,10,gare,gare-01,service-opened,\"ameli\",4";
  g_autoptr(KioskUsageCsv) parsed = NULL;
  g_autoptr(GError) error = NULL;
  const KioskUsageRow *rows;
  guint n_rows;

  parsed = kiosk_usage_csv_parse (text, strlen (text), &error);
  g_assert_no_error (error);
  rows = kiosk_usage_csv_get_rows (parsed, &n_rows);
  g_assert_cmpuint (n_rows, ==, 2);
  g_assert_cmpstr (rows[1].key, ==, "ameli");
  g_assert_cmpint (rows[1].count, ==, 4);
}

static void
test_header_only (void)
{
  g_autoptr(KioskUsageCsv) parsed = NULL;
  g_autoptr(GError) error = NULL;
  guint n_rows = 1;

  parsed = kiosk_usage_csv_parse (KIOSK_USAGE_CSV_HEADER "\n",
                                  strlen (KIOSK_USAGE_CSV_HEADER "\n"), &error);
  g_assert_no_error (error);
  kiosk_usage_csv_get_rows (parsed, &n_rows);
  g_assert_cmpuint (n_rows, ==, 0);
}

typedef struct
{
  const char *name;
  const char *text;
  gssize      length;
  int         code;
  const char *message;
} BadCase;

#define HEADER KIOSK_USAGE_CSV_HEADER "\n"
#define GOOD "2026-01-05,9,gare,gare-01,service-opened,caf,3\n"

static const BadCase bad_cases[] = {
  { "empty", "", 0, KIOSK_USAGE_CSV_ERROR_HEADER, "Line 1: the header is not" },
  { "html", "<html><body>Not found</body></html>\n", -1, KIOSK_USAGE_CSV_ERROR_HEADER,
    "Line 1: " },
  { "header-reordered", "hour,day,site,station,metric,key,count\n" GOOD, -1,
    KIOSK_USAGE_CSV_ERROR_HEADER, "Line 1: " },
  { "header-extra-column", KIOSK_USAGE_CSV_HEADER ",extra\n" GOOD, -1,
    KIOSK_USAGE_CSV_ERROR_HEADER, "Line 1: " },
  { "header-bom", "\xef\xbb\xbf" HEADER GOOD, -1, KIOSK_USAGE_CSV_ERROR_HEADER, "Line 1: " },
  { "not-utf8", HEADER GOOD "2026-01-05,9,gare,gare-01,service-opened,\xff,3\n", -1,
    KIOSK_USAGE_CSV_ERROR_ENCODING, "Line 3: the text is not UTF-8" },
  { "binary-zero", HEADER GOOD "2026-01-05,9,gare\0,gare-01,service-opened,caf,3\n",
    sizeof (HEADER GOOD "2026-01-05,9,gare\0,gare-01,service-opened,caf,3\n") - 1,
    KIOSK_USAGE_CSV_ERROR_ENCODING, "Line 3: " },
  { "six-fields", HEADER GOOD "2026-01-05,9,gare,gare-01,service-opened,3\n", -1,
    KIOSK_USAGE_CSV_ERROR_FIELDS, "Line 3: fewer fields where a row has 7" },
  { "eight-fields", HEADER "2026-01-05,9,gare,gare-01,service-opened,caf,3,4\n", -1,
    KIOSK_USAGE_CSV_ERROR_FIELDS, "Line 2: more fields where a row has 7" },
  { "blank-line", HEADER GOOD "\n" GOOD, -1, KIOSK_USAGE_CSV_ERROR_FIELDS, "Line 3: " },
  { "bad-day", HEADER GOOD GOOD "2026-02-30,9,gare,gare-01,service-opened,caf,3\n", -1,
    KIOSK_USAGE_CSV_ERROR_VALUE, "Line 4: the day “2026-02-30” is not a date" },
  { "day-with-time", HEADER "2026-01-05T10:00,9,gare,gare-01,service-opened,caf,3\n", -1,
    KIOSK_USAGE_CSV_ERROR_VALUE, "Line 2: the day" },
  { "hour-24", HEADER "2026-01-05,24,gare,gare-01,service-opened,caf,3\n", -1,
    KIOSK_USAGE_CSV_ERROR_VALUE, "Line 2: the hour “24” is not" },
  { "hour-negative", HEADER "2026-01-05,-1,gare,gare-01,service-opened,caf,3\n", -1,
    KIOSK_USAGE_CSV_ERROR_VALUE, "Line 2: the hour" },
  { "hour-empty", HEADER "2026-01-05,,gare,gare-01,service-opened,caf,3\n", -1,
    KIOSK_USAGE_CSV_ERROR_VALUE, "Line 2: the hour" },
  { "count-negative", HEADER "2026-01-05,9,gare,gare-01,service-opened,caf,-3\n", -1,
    KIOSK_USAGE_CSV_ERROR_VALUE, "Line 2: the count “-3” is not a whole number of 0 or more" },
  { "count-decimal", HEADER "2026-01-05,9,gare,gare-01,service-opened,caf,3.5\n", -1,
    KIOSK_USAGE_CSV_ERROR_VALUE, "Line 2: the count" },
  { "count-plus", HEADER "2026-01-05,9,gare,gare-01,service-opened,caf,+3\n", -1,
    KIOSK_USAGE_CSV_ERROR_VALUE, "Line 2: the count" },
  { "count-overflow", HEADER "2026-01-05,9,gare,gare-01,service-opened,caf,9223372036854775808\n",
    -1, KIOSK_USAGE_CSV_ERROR_VALUE, "Line 2: the count" },
  { "empty-station", HEADER "2026-01-05,9,gare,,service-opened,caf,3\n", -1,
    KIOSK_USAGE_CSV_ERROR_VALUE, "Line 2: the station is empty" },
  { "unclosed-quote", HEADER GOOD "2026-01-05,9,gare,\"gare-01,service-opened,caf,3\n", -1,
    KIOSK_USAGE_CSV_ERROR_SYNTAX, "Line 3: a quoted field is never closed" },
  { "text-after-quote", HEADER "2026-01-05,9,gare,\"gare\"-01,service-opened,caf,3\n", -1,
    KIOSK_USAGE_CSV_ERROR_SYNTAX, "Line 2: a quoted field goes on" },
  { "bare-quote", HEADER "2026-01-05,9,gare,gare\"01,service-opened,caf,3\n", -1,
    KIOSK_USAGE_CSV_ERROR_SYNTAX, "Line 2: a quote in a field that is not quoted" },
  { "lone-carriage-return", HEADER "2026-01-05,9,gare,gare-01\r,service-opened,caf,3\n", -1,
    KIOSK_USAGE_CSV_ERROR_SYNTAX, "Line 2: a carriage return" },
  /* A line break inside quotes counts: the fault is on the line after it. */
  { "line-after-quoted-break", HEADER "2026-01-05,9,gare,\"a\nb\",service-opened,caf,3\n"
    "2026-01-05,9,gare,gare-01,service-opened,caf,x\n", -1, KIOSK_USAGE_CSV_ERROR_VALUE,
    "Line 4: the count" },
};

static void
test_bad_input (gconstpointer data)
{
  const BadCase *test = data;
  gsize length = test->length < 0 ? strlen (test->text) : (gsize) test->length;
  g_autoptr(KioskUsageCsv) parsed = NULL;
  g_autoptr(GError) error = NULL;

  parsed = kiosk_usage_csv_parse (test->text, length, &error);
  g_assert_null (parsed);
  g_assert_error (error, KIOSK_USAGE_CSV_ERROR, test->code);
  if (!g_str_has_prefix (error->message, test->message))
    g_error ("“%s” does not start with “%s”", error->message, test->message);
}

/* A key may be a domain a resident visited: it never reaches a message. */
static void
test_messages_do_not_repeat_keys (void)
{
  const char *text = HEADER "2026-01-05,9,gare,gare-01,navigation-refused,secret.example,"
                     "x\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskUsageCsv) parsed = kiosk_usage_csv_parse (text, strlen (text), &error);

  g_assert_null (parsed);
  g_assert_null (strstr (error->message, "secret.example"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/usage-csv/round-trip", test_round_trip);
  g_test_add_func ("/core/usage-csv/null-key-is-empty", test_null_key_is_empty);
  g_test_add_func ("/core/usage-csv/crlf-and-no-final-newline", test_crlf_and_no_final_newline);
  g_test_add_func ("/core/usage-csv/header-only", test_header_only);
  g_test_add_func ("/core/usage-csv/messages-do-not-repeat-keys",
                   test_messages_do_not_repeat_keys);
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/usage-csv/refuses/%s", bad_cases[i].name);

      g_test_add_data_func (path, &bad_cases[i], test_bad_input);
    }

  return g_test_run ();
}
