/* kiosk-usage-report.c — the text usage report (pimms-kiosk-admin stats report)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-usage-report"

#include "config.h"

#include "kiosk-usage-report.h"

#include <glib/gi18n.h>
#include <string.h>

/* Plain text goes into e-mails and word processors as it is: keep it
 * narrower than a printed page.
 */
#define REPORT_WIDTH 76

/* How many refused sites the report lists before summing up the rest. */
#define MAX_REFUSED_SITES 10

/* A table is an array of rows, each an array of cells (strings it owns). */
static GPtrArray *
table_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
}

static GPtrArray *
table_add_row (GPtrArray *table)
{
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (table, row);
  return row;
}

/* Keys come from a database file: never let a stray byte garble the
 * report or the terminal.
 */
static void
row_add (GPtrArray  *row,
         const char *text)
{
  g_ptr_array_add (row, g_utf8_make_valid (text, -1));
}

static void
row_take (GPtrArray *row,
          char      *text)
{
  g_ptr_array_add (row, text);
}

static void
row_add_count (GPtrArray *row,
               gint64     count,
               int        min_count)
{
  g_ptr_array_add (row, kiosk_usage_format_count (count, min_count));
}

static void
row_add_share (GPtrArray *row,
               gint64     count,
               gint64     total,
               int        min_count)
{
  /* A share of a hidden count would give the count away. */
  if (total <= 0 || kiosk_usage_is_masked (count, min_count))
    row_add (row, "–");
  else
    {
      g_autofree char *share = kiosk_usage_format_decimal (100.0 * (double) count /
                                                           (double) total, 1);

      row_take (row, g_strdup_printf ("%s %%", share));
    }
}

static void
append_padding (GString *out,
                glong    n)
{
  for (glong i = 0; i < n; i++)
    g_string_append_c (out, ' ');
}

/* Writes @table with its first @n_names columns aligned left, as names,
 * and the others aligned right, as numbers. Widths count characters, not
 * bytes, since service ids, months and labels may be accented.
 */
static void
write_table (GString   *out,
             GPtrArray *table,
             guint      n_names)
{
  g_autofree glong *widths = NULL;
  guint n_columns = 0;

  for (guint i = 0; i < table->len; i++)
    n_columns = MAX (n_columns, ((GPtrArray *) g_ptr_array_index (table, i))->len);

  widths = g_new0 (glong, n_columns);
  for (guint i = 0; i < table->len; i++)
    {
      GPtrArray *row = g_ptr_array_index (table, i);

      for (guint j = 0; j < row->len; j++)
        widths[j] = MAX (widths[j], g_utf8_strlen (g_ptr_array_index (row, j), -1));
    }

  for (guint i = 0; i < table->len; i++)
    {
      GPtrArray *row = g_ptr_array_index (table, i);
      gsize line_start = out->len;

      for (guint j = 0; j < row->len; j++)
        {
          const char *cell = g_ptr_array_index (row, j);
          glong padding = widths[j] - g_utf8_strlen (cell, -1);

          if (j > 0)
            g_string_append (out, "   ");
          if (j >= n_names)
            append_padding (out, padding);
          g_string_append (out, cell);
          if (j < n_names)
            append_padding (out, padding);
        }

      while (out->len > line_start && out->str[out->len - 1] == ' ')
        g_string_truncate (out, out->len - 1);
      g_string_append_c (out, '\n');
    }
}

/* Headings are underlined, with a blank line before them unless they
 * start the report.
 */
static void
write_heading (GString    *out,
               const char *title,
               char        underline)
{
  glong length = g_utf8_strlen (title, -1);

  if (out->len > 0)
    g_string_append_c (out, '\n');
  g_string_append_printf (out, "%s\n", title);
  for (glong i = 0; i < length; i++)
    g_string_append_c (out, underline);
  g_string_append_c (out, '\n');
}

/* Breaks @text into lines of at most REPORT_WIDTH characters, each
 * starting with @indent.
 */
static void
write_paragraph (GString    *out,
                 const char *text,
                 const char *indent)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  glong column = 0;

  for (guint i = 0; words[i] != NULL; i++)
    {
      glong length = g_utf8_strlen (words[i], -1);

      if (column > 0 && column + 1 + length > REPORT_WIDTH)
        {
          g_string_append_c (out, '\n');
          column = 0;
        }
      if (column == 0)
        {
          g_string_append (out, indent);
          column = g_utf8_strlen (indent, -1);
        }
      else
        {
          g_string_append_c (out, ' ');
          column++;
        }
      g_string_append (out, words[i]);
      column += length;
    }
  g_string_append_c (out, '\n');
}

/* One row per key of @metric, the way kiosk_usage_describe_key()
 * names it, with the share of each when @with_share.
 */
static void
add_key_rows (GPtrArray         *table,
              KioskUsageSummary *summary,
              const char        *metric,
              const char        *indent,
              gboolean           with_share,
              int                min_count)
{
  GPtrArray *keys = kiosk_usage_summary_get_keys (summary, metric);
  gint64 total = kiosk_usage_summary_get_total (summary, metric);

  for (guint i = 0; keys != NULL && i < keys->len; i++)
    {
      KioskUsageKeyCount *key_count = g_ptr_array_index (keys, i);
      g_autofree char *label = NULL;
      GPtrArray *row = table_add_row (table);

      label = g_strconcat (indent, kiosk_usage_summary_describe_key (summary, metric,
                                                                      key_count->key), NULL);
      row_add (row, label);
      row_add_count (row, key_count->count, min_count);
      if (with_share)
        row_add_share (row, key_count->count, total, min_count);
    }
}

static void
write_sessions (GString           *out,
                KioskUsageSummary *summary,
                int                min_count)
{
  g_autoptr(GPtrArray) table = table_new ();
  GPtrArray *row;
  double minutes;
  gint64 n_timed;

  write_heading (out, _("Sessions"), '-');

  row = table_add_row (table);
  row_add (row, _("Sessions started"));
  row_add_count (row, kiosk_usage_summary_get_total (summary,
                                                     KIOSK_METRIC_SESSION_STARTED),
                 min_count);
  /* The association's core activity: a médiateur at the resident's side. */
  row = table_add_row (table);
  row_add (row, _("Sessions with a mediator"));
  row_add_count (row, kiosk_usage_summary_get_total (summary, KIOSK_METRIC_SESSION_ASSISTED),
                 min_count);

  if (kiosk_usage_summary_get_keys (summary, KIOSK_METRIC_SESSION_ENDED) != NULL)
    {
      row = table_add_row (table);
      row_add (row, _("Sessions ended, by reason:"));
      row_add_count (row, kiosk_usage_summary_get_total (summary,
                                                         KIOSK_METRIC_SESSION_ENDED),
                     min_count);
      add_key_rows (table, summary, KIOSK_METRIC_SESSION_ENDED, "  ", FALSE, min_count);
    }

  write_table (out, table, 1);
  write_paragraph (out, kiosk_usage_session_note (), "  ");
  write_paragraph (out, kiosk_usage_assisted_note (), "  ");

  if (!kiosk_usage_summary_estimate_duration (summary, &minutes, &n_timed))
    return;

  if (kiosk_usage_is_masked (n_timed, min_count))
    {
      /* Too few sessions for an average that would not describe them. */
      g_string_append_printf (out, "%s\n",
                              _("Average duration: too few sessions to estimate it"));
    }
  else
    {
      g_autofree char *n_text = kiosk_usage_format_count (n_timed, min_count);
      g_autofree char *line = NULL;

      line = g_strdup_printf (_("Average duration: about %.0f minutes, estimated from %s "
                                "sessions."), minutes, n_text);
      write_paragraph (out, line, "");
    }
  write_paragraph (out, kiosk_usage_duration_note (), "  ");

  g_clear_pointer (&table, g_ptr_array_unref);
  if (kiosk_usage_summary_get_keys (summary, KIOSK_METRIC_SESSION_DURATION) != NULL)
    {
      table = table_new ();
      row = table_add_row (table);
      row_add (row, _("Duration"));
      row_add (row, _("Sessions"));
      row_add (row, _("Share"));
      add_key_rows (table, summary, KIOSK_METRIC_SESSION_DURATION, "", TRUE, min_count);
      g_string_append_c (out, '\n');
      write_table (out, table, 1);
    }
}

static void
write_demarches (GString           *out,
                 KioskUsageSummary *summary,
                 int                min_count)
{
  g_autoptr(GPtrArray) table = table_new ();
  g_autofree char *total = NULL;
  GPtrArray *row;

  write_heading (out, _("Démarches"), '-');
  total = kiosk_usage_format_count (
    kiosk_usage_summary_get_total (summary, summary->demarche_metric), min_count);
  g_string_append_printf (out, _("Démarches: %s\n"), total);
  write_paragraph (out, kiosk_usage_demarche_note (summary), "  ");

  if (kiosk_usage_summary_get_keys (summary, summary->demarche_metric) == NULL)
    return;

  row = table_add_row (table);
  row_add (row, _("Service"));
  row_add (row, _("Démarches"));
  row_add (row, _("Share"));
  add_key_rows (table, summary, summary->demarche_metric, "", TRUE, min_count);
  g_string_append_c (out, '\n');
  write_table (out, table, 1);
}

static void
write_months (GString           *out,
              KioskUsageSummary *summary,
              int                min_count)
{
  g_autoptr(GPtrArray) table = table_new ();
  gint64 sessions = 0;
  gint64 demarches = 0;
  GPtrArray *row;

  write_heading (out, _("Sessions and démarches by month"), '-');

  row = table_add_row (table);
  row_add (row, _("Month"));
  row_add (row, _("Sessions"));
  row_add (row, _("Démarches"));

  for (guint i = 0; i < summary->months->len; i++)
    {
      KioskUsageMonth *month = g_ptr_array_index (summary->months, i);

      row = table_add_row (table);
      row_take (row, kiosk_usage_format_month (month->month));
      row_add_count (row, month->sessions, min_count);
      row_add_count (row, month->demarches, min_count);
      sessions += month->sessions;
      demarches += month->demarches;
    }

  row = table_add_row (table);
  row_add (row, _("Total"));
  row_add_count (row, sessions, min_count);
  row_add_count (row, demarches, min_count);

  write_table (out, table, 1);
}

/* Each station, each site's total under its stations (when it has more
 * than one), and the total of all sites (when there are several).
 */
static void
write_stations (GString           *out,
                KioskUsageSummary *summary,
                int                min_count)
{
  g_autoptr(GPtrArray) table = table_new ();
  GPtrArray *row;
  guint next_station = 0;

  write_heading (out, _("Sessions and démarches by site and station"), '-');

  row = table_add_row (table);
  row_add (row, _("Site"));
  row_add (row, _("Station"));
  row_add (row, _("Sessions"));
  row_add (row, _("Démarches"));
  row_add (row, _("With a mediator"));

  for (guint s = 0; s < summary->sites->len; s++)
    {
      KioskUsageSite *site = g_ptr_array_index (summary->sites, s);

      for (guint i = 0; i < site->n_stations; i++, next_station++)
        {
          KioskUsageStation *station = g_ptr_array_index (summary->stations, next_station);

          row = table_add_row (table);
          row_add (row, station->site);
          row_add (row, station->station);
          row_add_count (row, station->sessions, min_count);
          row_add_count (row, station->demarches, min_count);
          row_add_count (row, station->assisted, min_count);
        }

      if (site->n_stations > 1)
        {
          row = table_add_row (table);
          row_take (row, g_strdup_printf (_("Total %s"), site->site));
          row_add (row, "");
          row_add_count (row, site->sessions, min_count);
          row_add_count (row, site->demarches, min_count);
          row_add_count (row, site->assisted, min_count);
        }
    }

  if (summary->sites->len > 1)
    {
      row = table_add_row (table);
      row_add (row, _("All sites"));
      row_add (row, "");
      row_add_count (row, kiosk_usage_summary_get_total (summary, KIOSK_METRIC_SESSION_STARTED),
                     min_count);
      row_add_count (row, kiosk_usage_summary_get_total (summary, summary->demarche_metric),
                     min_count);
      row_add_count (row, kiosk_usage_summary_get_total (summary, KIOSK_METRIC_SESSION_ASSISTED),
                     min_count);
    }

  write_table (out, table, 2);
}

/* What each site does most: a row per service, a column per site. */
static void
write_services_by_site (GString           *out,
                        KioskUsageSummary *summary,
                        int                min_count)
{
  g_autoptr(GPtrArray) table = table_new ();
  GPtrArray *services = kiosk_usage_summary_get_keys (summary, summary->demarche_metric);
  gboolean several = summary->sites->len > 1;
  GPtrArray *row;

  if (services == NULL || summary->sites->len == 0)
    return;

  write_heading (out, _("Démarches per service and site"), '-');

  row = table_add_row (table);
  row_add (row, _("Service"));
  for (guint s = 0; s < summary->sites->len; s++)
    row_add (row, ((KioskUsageSite *) g_ptr_array_index (summary->sites, s))->site);
  if (several)
    row_add (row, _("All sites"));

  for (guint i = 0; i < services->len; i++)
    {
      KioskUsageKeyCount *service = g_ptr_array_index (services, i);

      row = table_add_row (table);
      row_add (row, kiosk_usage_summary_describe_key (summary, summary->demarche_metric,
                                                      service->key));
      for (guint s = 0; s < summary->sites->len; s++)
        {
          KioskUsageSite *site = g_ptr_array_index (summary->sites, s);

          row_add_count (row, kiosk_usage_summary_get_site_demarches (summary, site->site,
                                                                      service->key),
                         min_count);
        }
      if (several)
        row_add_count (row, service->count, min_count);
    }

  write_table (out, table, 1);
}

static void
write_week (GString           *out,
            KioskUsageSummary *summary,
            int                min_count)
{
  g_autoptr(GPtrArray) table = table_new ();
  GPtrArray *row;
  guint first, last;

  if (!kiosk_usage_summary_get_week_hours (summary, &first, &last))
    return;

  write_heading (out, _("Sessions started by hour of the week"), '-');

  /* Hours down and days across: a week of 7 columns fits a page, a day
   * of 24 would not.
   */
  row = table_add_row (table);
  row_add (row, _("Hour"));
  for (guint day = 1; day <= KIOSK_USAGE_N_WEEKDAYS; day++)
    row_take (row, kiosk_usage_weekday_name (day));

  for (guint hour = first; hour <= last; hour++)
    {
      row = table_add_row (table);
      row_take (row, g_strdup_printf ("%02u:00", hour));
      for (guint day = 0; day < KIOSK_USAGE_N_WEEKDAYS; day++)
        row_add_count (row, summary->week[day][hour], min_count);
    }

  write_table (out, table, 1);
}

static void
write_survey (GString           *out,
              KioskUsageSummary *summary,
              const char        *metric,
              const char        *title,
              int                min_count)
{
  g_autoptr(GPtrArray) table = table_new ();
  GPtrArray *row;

  if (kiosk_usage_summary_get_keys (summary, metric) == NULL)
    return;

  write_heading (out, title, '-');

  row = table_add_row (table);
  row_add (row, _("Answer"));
  row_add (row, _("Answers"));
  row_add (row, _("Share"));
  add_key_rows (table, summary, metric, "", TRUE, min_count);

  row = table_add_row (table);
  row_add (row, _("Total"));
  row_add_count (row, kiosk_usage_summary_get_total (summary, metric), min_count);

  write_table (out, table, 1);
}

/* The refused sites of one kind, by registrable domain, the most asked
 * first: what the admins look at to keep the catalogue true.
 */
static void
add_refused_rows (GPtrArray         *table,
                  KioskUsageSummary *summary,
                  const char        *metric,
                  const char        *title,
                  int                min_count)
{
  GPtrArray *refused = kiosk_usage_summary_get_keys (summary, metric);
  gint64 others = 0;
  GPtrArray *row;

  if (refused == NULL)
    return;

  row = table_add_row (table);
  row_add (row, title);
  row_add_count (row, kiosk_usage_summary_get_total (summary, metric), min_count);
  for (guint i = 0; i < refused->len; i++)
    {
      KioskUsageKeyCount *site = g_ptr_array_index (refused, i);
      g_autofree char *label = NULL;

      if (i >= MAX_REFUSED_SITES)
        {
          others += site->count;
          continue;
        }
      row = table_add_row (table);
      label = g_strconcat ("  ", site->key, NULL);
      row_add (row, label);
      row_add_count (row, site->count, min_count);
    }
  if (refused->len > MAX_REFUSED_SITES)
    {
      row = table_add_row (table);
      row_take (row, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "  %u other site",
                                                   "  %u other sites",
                                                   refused->len - MAX_REFUSED_SITES),
                                      refused->len - MAX_REFUSED_SITES));
      row_add_count (row, others, min_count);
    }
}

static void
write_other_counts (GString           *out,
                    KioskUsageSummary *summary,
                    int                min_count)
{
  g_autoptr(GPtrArray) table = table_new ();
  gint64 out_of_service;
  GPtrArray *row;

  write_heading (out, _("Other counts"), '-');

  row = table_add_row (table);
  row_add (row, _("Documents downloaded"));
  row_add_count (row, kiosk_usage_summary_get_total (summary,
                                                     KIOSK_METRIC_DOCUMENT_DOWNLOADED),
                 min_count);

  row = table_add_row (table);
  row_add (row, _("Pages printed"));
  row_add_count (row, kiosk_usage_summary_get_total (summary,
                                                     KIOSK_METRIC_PAGES_PRINTED),
                 min_count);

  row = table_add_row (table);
  row_add (row, _("Text made bigger or smaller"));
  row_add_count (row, kiosk_usage_summary_get_total (summary,
                                                     KIOSK_METRIC_TEXT_SIZE_CHANGED),
                 min_count);

  row = table_add_row (table);
  /* A session that listened in two languages counts twice. */
  row_add (row, _("Read aloud (once per session and language)"));
  row_add_count (row, kiosk_usage_summary_get_total (summary, KIOSK_METRIC_READ_ALOUD),
                 min_count);

  /* Time out of service says nothing about the people who came: it is
   * never hidden.
   */
  out_of_service = kiosk_usage_summary_get_total (summary, KIOSK_METRIC_OUT_OF_SERVICE);
  row = table_add_row (table);
  row_add (row, _("Hours out of service"));
  row_take (row, kiosk_usage_format_decimal ((double) out_of_service / 60.0, 1));

  if (kiosk_usage_summary_get_keys (summary, KIOSK_METRIC_LANGUAGE) != NULL)
    {
      row = table_add_row (table);
      row_add (row, _("Languages chosen:"));
      add_key_rows (table, summary, KIOSK_METRIC_LANGUAGE, "  ", FALSE, min_count);
    }

  add_refused_rows (table, summary, KIOSK_METRIC_NAVIGATION_REFUSED,
                    _("Sites refused as a page, most asked first:"), min_count);
  add_refused_rows (table, summary, KIOSK_METRIC_FRAME_REFUSED,
                    _("Sites refused as a frame of a page:"), min_count);
  add_refused_rows (table, summary, KIOSK_METRIC_POPUP_REFUSED,
                    _("Sites refused as a popup:"), min_count);
  add_refused_rows (table, summary, KIOSK_METRIC_DOWNLOAD_REFUSED,
                    _("Sites whose documents were refused:"), min_count);
  add_refused_rows (table, summary, KIOSK_METRIC_RESOURCE_BLOCKED,
                    _("Sites blocked as parts of pages (trackers; in strict mode, any site "
                      "off the list):"), min_count);

  write_table (out, table, 1);
}

/**
 * kiosk_usage_write_report:
 * @out: where to append the report
 * @summary: the totals to report
 * @min_count: the smallest count to show, or 0 to show every count
 *
 * Writes a plain-text usage report for an association's yearly report:
 * sessions, démarches by service, by month, by site and station, by hour
 * of the week, survey answers and other counts. Counts from 1 to
 * @min_count - 1 are written "<@min_count".
 */
void
kiosk_usage_write_report (GString           *out,
                          KioskUsageSummary *summary,
                          int                min_count)
{
  g_autofree char *period = NULL;
  g_autofree char *scope = NULL;
  g_autofree char *masking = NULL;

  g_return_if_fail (out != NULL);
  g_return_if_fail (summary != NULL);

  period = kiosk_usage_summary_describe_period (summary);
  scope = kiosk_usage_summary_describe_scope (summary);
  masking = kiosk_usage_describe_masking (min_count);

  write_heading (out, _("Use of the self-service computers"), '=');
  g_string_append_printf (out, _("Period: %s\n"), period);
  g_string_append_printf (out, _("Stations: %s\n"), scope);
  if (masking != NULL)
    write_paragraph (out, masking, "");

  if (kiosk_usage_summary_is_empty (summary))
    {
      g_string_append_printf (out, "\n%s\n", _("Nothing was counted in this period."));
      return;
    }

  write_sessions (out, summary, min_count);
  write_demarches (out, summary, min_count);
  write_months (out, summary, min_count);
  write_stations (out, summary, min_count);
  write_services_by_site (out, summary, min_count);
  write_week (out, summary, min_count);
  write_survey (out, summary, KIOSK_METRIC_SURVEY_RESIDENCE, _("Survey: where people live"),
                min_count);
  write_survey (out, summary, KIOSK_METRIC_SURVEY_OUTCOME,
                _("Survey: did they do what they came for?"), min_count);
  write_other_counts (out, summary, min_count);
}
