/* kiosk-usage-html.c — the HTML usage report (pimms-kiosk-admin stats html, the desk console)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-usage-html"

#include "config.h"

#include "kiosk-usage-html.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

/* The page is pasted into yearly reports and sent to funders: it holds
 * everything it shows, with no script and no address to fetch anything
 * from, so that it looks the same offline, printed or in ten years.
 */
/* The charts are drawn left to right whatever the language: their axes
 * and labels are placed in the SVG's own coordinates.
 */
static const char style_sheet[] =
  "body { font-family: sans-serif; color: #241f31; max-width: 60em; margin: 2em auto;"
  " padding: 0 1em; line-height: 1.4; }\n"
  "h1 { font-size: 1.6em; margin-bottom: 0.2em; }\n"
  "h2 { font-size: 1.2em; margin-top: 2em; }\n"
  ".scope { color: #5e5c64; margin-top: 0; }\n"
  ".figures { display: flex; flex-wrap: wrap; gap: 1em 3em; margin: 1.5em 0; }\n"
  ".figures p { margin: 0; }\n"
  ".figures strong { display: block; font-size: 2em; color: #1a5fb4; }\n"
  "svg { display: block; max-width: 100%; height: auto; font-size: 11px; direction: ltr; }\n"
  "svg text { fill: #241f31; }\n"
  "svg .axis { stroke: #c0bfbc; stroke-width: 1; }\n"
  "svg .bar { fill: #1a5fb4; }\n"
  "svg .hidden { stroke: #77767b; stroke-width: 0.5; }\n"
  "svg .light { fill: #ffffff; }\n"
  "svg .muted { fill: #77767b; }\n"
  "table { border-collapse: collapse; }\n"
  "th, td { padding: 0.2em 0.8em; text-align: end; border-bottom: 1px solid #deddda; }\n"
  "th:first-child, td:first-child, th.name, td.name { text-align: start; }\n"
  ".note { color: #5e5c64; font-size: 0.9em; }\n"
  ".explanation { color: #5e5c64; font-size: 0.9em; margin: 0.3em 0; max-width: 60em; }\n";

/* Chart geometry, in pixels of the SVG's own coordinates. */
#define FONT_HEIGHT 11
#define MONTHS_PLOT_HEIGHT 180
#define MONTHS_MAX_STEP 44
#define MONTHS_MIN_STEP 8
#define MONTHS_PLOT_WIDTH 640
#define AXIS_WIDTH 60
#define N_TICKS 4
#define CHAR_WIDTH 7
#define HBAR_MIN_LABEL_WIDTH 60
#define HBAR_MAX_LABEL_WIDTH 320
#define HBAR_PLOT_WIDTH 380
#define HBAR_VALUE_WIDTH 110
#define HBAR_ROW_HEIGHT 22
#define CELL_WIDTH 38
#define CELL_HEIGHT 24
#define WEEKDAY_LABEL_WIDTH 48


typedef struct
{
  const char *label;
  gint64      count;
} Bar;

/* Counts and keys come from a database file: escape them, and never let
 * a stray byte make the page invalid.
 */
static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  g_autofree char *escaped = g_markup_escape_text (valid, -1);

  g_string_append (out, escaped);
}

static void
append_element (GString    *out,
                const char *name,
                const char *attributes,
                const char *text)
{
  g_string_append_printf (out, "<%s%s%s>", name, attributes != NULL ? " " : "",
                          attributes != NULL ? attributes : "");
  append_escaped (out, text);
  g_string_append_printf (out, "</%s>", name);
}

static void
append_count (GString *out,
              gint64   count,
              int      min_count)
{
  g_autofree char *text = kiosk_usage_format_count (count, min_count);

  append_escaped (out, text);
}

static void
append_svg_text (GString    *out,
                 int         x,
                 int         y,
                 const char *anchor,
                 const char *class_name,
                 const char *text)
{
  g_string_append_printf (out, "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\"%s%s%s>", x, y,
                          anchor, class_name != NULL ? " class=\"" : "",
                          class_name != NULL ? class_name : "", class_name != NULL ? "\"" : "");
  append_escaped (out, text);
  g_string_append (out, "</text>\n");
}

/* A tooltip, which browsers show on hovering, and screen readers read. */
static void
append_svg_title (GString    *out,
                  const char *text)
{
  append_element (out, "title", NULL, text);
}

/* Each chart has its own hatching, named after @id, so that a chart
 * copied alone into another document still draws its hidden counts.
 * Hidden counts are drawn hatched and only as tall as the threshold, so
 * that neither their size nor their colour tells what they are.
 */
static void
open_svg (GString    *out,
          const char *id,
          int         width,
          int         height,
          const char *label)
{
  g_string_append_printf (out, "<svg width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                          " role=\"img\" aria-label=\"", width, height, width, height);
  append_escaped (out, label);
  g_string_append_printf (out, "\">\n<defs><pattern id=\"hatch-%s\" width=\"6\" height=\"6\""
                          " patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
                          "<rect width=\"6\" height=\"6\" fill=\"#f6f5f4\"/><line x1=\"0\""
                          " y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#9a9996\" stroke-width=\"2\"/>"
                          "</pattern></defs>\n", id);
}

static void
open_bar (GString    *out,
          const char *id,
          gboolean    masked,
          int         x,
          int         y,
          int         width,
          int         height)
{
  if (masked)
    g_string_append_printf (out, "<rect class=\"hidden\" fill=\"url(#hatch-%s)\"", id);
  else
    g_string_append (out, "<rect class=\"bar\"");
  g_string_append_printf (out, " x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\">",
                          x, y, width, height);
}

/* Rounds @max up to 1, 2 or 5 times a power of ten times N_TICKS, so that
 * the ticks of an axis fall on round numbers.
 */
static gint64
axis_step (gint64 max)
{
  gint64 step = 1;

  while (step * N_TICKS < max)
    {
      if (step * 2 * N_TICKS >= max)
        return step * 2;
      if (step * 5 * N_TICKS >= max)
        return step * 5;
      step *= 10;
    }

  return step;
}

/* How long a bar of @count is on an axis of @axis_max: a hidden count is
 * drawn as if it were the threshold, and any bar is at least visible.
 */
static int
bar_length (gint64 count,
            gint64 axis_max,
            int    plot_length,
            int    min_count)
{
  gint64 drawn = kiosk_usage_is_masked (count, min_count) ? min_count : count;

  if (drawn <= 0)
    return 0;

  return MAX (2, (int) ((double) drawn * plot_length / (double) axis_max + 0.5));
}

static gint64
bars_axis_max (const Bar *bars,
               guint      n_bars,
               int        min_count)
{
  gint64 max = MAX (min_count, 1);

  for (guint i = 0; i < n_bars; i++)
    max = MAX (max, bars[i].count);

  return axis_step (max) * N_TICKS;
}

static void
write_month_chart (GString           *out,
                   KioskUsageSummary *summary,
                   int                min_count)
{
  g_autofree Bar *bars = NULL;
  guint n = summary->months->len;
  gint64 axis_max;
  int step, bar_width, width, height, bottom;
  gboolean room_for_values;

  if (n == 0)
    return;

  bars = g_new0 (Bar, n);
  for (guint i = 0; i < n; i++)
    {
      KioskUsageMonth *month = g_ptr_array_index (summary->months, i);

      bars[i].label = month->month;
      bars[i].count = month->sessions;
    }

  axis_max = bars_axis_max (bars, n, min_count);
  step = CLAMP (MONTHS_PLOT_WIDTH / (int) n, MONTHS_MIN_STEP, MONTHS_MAX_STEP);
  bar_width = MAX (step * 3 / 4, 4);
  room_for_values = step >= 34;
  width = AXIS_WIDTH + step * (int) n + 10;
  bottom = FONT_HEIGHT + 10 + MONTHS_PLOT_HEIGHT;
  height = bottom + 2 * FONT_HEIGHT + 12;

  append_element (out, "h2", NULL, _("Sessions per month"));
  open_svg (out, "months", width, height, _("Sessions per month"));

  for (int tick = 0; tick <= N_TICKS; tick++)
    {
      gint64 value = axis_max / N_TICKS * tick;
      int y = bottom - (int) (MONTHS_PLOT_HEIGHT * tick / N_TICKS);
      g_autofree char *label = kiosk_usage_format_count (value, 0);

      g_string_append_printf (out, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\""
                              " y2=\"%d\"/>\n", AXIS_WIDTH, y, width - 10, y);
      append_svg_text (out, AXIS_WIDTH - 6, y + FONT_HEIGHT / 3, "end", "muted", label);
    }

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *value = kiosk_usage_format_count (bars[i].count, min_count);
      g_autofree char *tooltip = NULL;
      g_autofree char *month_name = kiosk_usage_format_month (bars[i].label);
      int length = bar_length (bars[i].count, axis_max, MONTHS_PLOT_HEIGHT, min_count);
      int x = AXIS_WIDTH + step * (int) i + (step - bar_width) / 2;
      int centre = x + bar_width / 2;
      int year, number;

      tooltip = g_strdup_printf (_("%s: %s sessions"), month_name, value);
      if (length > 0)
        {
          open_bar (out, "months", kiosk_usage_is_masked (bars[i].count, min_count),
                    x, bottom - length, bar_width, length);
          append_svg_title (out, tooltip);
          g_string_append (out, "</rect>\n");
        }
      if (room_for_values || kiosk_usage_is_masked (bars[i].count, min_count))
        append_svg_text (out, centre, bottom - length - 4, "middle", NULL, value);

      /* Months by name when there is room, and the year under each
       * January and under the first month.
       */
      if (sscanf (bars[i].label, "%4d-%2d", &year, &number) != 2 || number < 1 || number > 12)
        continue;
      if (step >= 24)
        append_svg_text (out, centre, bottom + FONT_HEIGHT + 4, "middle", NULL,
                         kiosk_usage_month_name (number, TRUE));
      if (i == 0 || number == 1)
        {
          g_autofree char *year_text = g_strdup_printf ("%d", year);

          append_svg_text (out, x, bottom + 2 * FONT_HEIGHT + 8, "start", "muted", year_text);
        }
    }

  g_string_append (out, "</svg>\n");
}

/* One bar per row, the label on the left, the count (and share of
 * @total, when not 0) on the right.
 */
static void
write_horizontal_bars (GString    *out,
                       const char *id,
                       const char *title,
                       const Bar  *bars,
                       guint       n_bars,
                       gint64      total,
                       int         min_count)
{
  gint64 axis_max = bars_axis_max (bars, n_bars, min_count);
  int height = HBAR_ROW_HEIGHT * (int) n_bars + 6;
  glong longest = 0;
  int label_width, width;

  /* Wide enough for the labels, which SVG does not wrap; CHAR_WIDTH is a
   * generous average for the sans-serif fonts a browser picks.
   */
  for (guint i = 0; i < n_bars; i++)
    longest = MAX (longest, g_utf8_strlen (bars[i].label, -1));
  label_width = CLAMP ((int) longest * CHAR_WIDTH + 12, HBAR_MIN_LABEL_WIDTH,
                       HBAR_MAX_LABEL_WIDTH);
  width = label_width + HBAR_PLOT_WIDTH + HBAR_VALUE_WIDTH;

  append_element (out, "h2", NULL, title);
  open_svg (out, id, width, height, title);

  g_string_append_printf (out, "<line class=\"axis\" x1=\"%d\" y1=\"0\" x2=\"%d\" y2=\"%d\"/>\n",
                          label_width, label_width, height);

  for (guint i = 0; i < n_bars; i++)
    {
      gboolean masked = kiosk_usage_is_masked (bars[i].count, min_count);
      g_autofree char *value = kiosk_usage_format_count (bars[i].count, min_count);
      g_autofree char *text = NULL;
      g_autofree char *tooltip = NULL;
      int length = bar_length (bars[i].count, axis_max, HBAR_PLOT_WIDTH, min_count);
      int top = HBAR_ROW_HEIGHT * (int) i + 3;
      int baseline = top + HBAR_ROW_HEIGHT / 2 + FONT_HEIGHT / 3;

      /* A share of a hidden count would give the count away. */
      if (total > 0 && !masked)
        {
          g_autofree char *share = kiosk_usage_format_decimal (
            100.0 * (double) bars[i].count / (double) total, 0);

          text = g_strdup_printf ("%s (%s %%)", value, share);
        }
      else
        text = g_strdup (value);
      tooltip = g_strdup_printf ("%s: %s", bars[i].label, text);

      append_svg_text (out, label_width - 8, baseline, "end", NULL, bars[i].label);
      if (length > 0)
        {
          open_bar (out, id, masked, label_width, top + 2, length, HBAR_ROW_HEIGHT - 6);
          append_svg_title (out, tooltip);
          g_string_append (out, "</rect>\n");
        }
      append_svg_text (out, label_width + length + 6, baseline, "start", NULL, text);
    }

  g_string_append (out, "</svg>\n");
}

static void
write_key_chart (GString           *out,
                 KioskUsageSummary *summary,
                 const char        *metric,
                 const char        *title,
                 gboolean           with_share,
                 int                min_count)
{
  GPtrArray *keys = kiosk_usage_summary_get_keys (summary, metric);
  g_autofree Bar *bars = NULL;

  if (keys == NULL || keys->len == 0)
    return;

  bars = g_new0 (Bar, keys->len);
  for (guint i = 0; i < keys->len; i++)
    {
      KioskUsageKeyCount *key_count = g_ptr_array_index (keys, i);

      bars[i].label = kiosk_usage_summary_describe_key (summary, metric, key_count->key);
      bars[i].count = key_count->count;
    }

  write_horizontal_bars (out, metric, title, bars, keys->len,
                         with_share ? kiosk_usage_summary_get_total (summary, metric) : 0,
                         min_count);
}

/* From a pale to the chart's blue, so that busy hours stand out. */
static void
heat_colour (double  level,
             char   *colour,
             gsize   size)
{
  static const int pale[3] = { 0xdb, 0xe7, 0xf6 };
  static const int dark[3] = { 0x1a, 0x5f, 0xb4 };
  int rgb[3];

  for (guint i = 0; i < 3; i++)
    rgb[i] = pale[i] + (int) ((dark[i] - pale[i]) * level + (level >= 0 ? 0.5 : -0.5));

  g_snprintf (colour, size, "#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
}

static void
write_week_heatmap (GString           *out,
                    KioskUsageSummary *summary,
                    int                min_count)
{
  gint64 max = 0;
  guint first, last;
  int width, height;

  if (!kiosk_usage_summary_get_week_hours (summary, &first, &last))
    return;

  for (guint day = 0; day < KIOSK_USAGE_N_WEEKDAYS; day++)
    for (guint hour = first; hour <= last; hour++)
      max = MAX (max, summary->week[day][hour]);

  width = WEEKDAY_LABEL_WIDTH + CELL_WIDTH * (int) (last - first + 1) + 4;
  height = FONT_HEIGHT + 8 + CELL_HEIGHT * KIOSK_USAGE_N_WEEKDAYS + 4;

  append_element (out, "h2", NULL, _("Sessions started by hour of the week"));
  open_svg (out, "week", width, height, _("Sessions started by hour of the week"));

  for (guint hour = first; hour <= last; hour++)
    {
      g_autofree char *label = g_strdup_printf ("%02uh", hour);

      append_svg_text (out, WEEKDAY_LABEL_WIDTH + CELL_WIDTH * (int) (hour - first) +
                       CELL_WIDTH / 2, FONT_HEIGHT, "middle", "muted", label);
    }

  for (guint day = 0; day < KIOSK_USAGE_N_WEEKDAYS; day++)
    {
      g_autofree char *day_name = kiosk_usage_weekday_name (day + 1);
      int top = FONT_HEIGHT + 8 + CELL_HEIGHT * (int) day;

      append_svg_text (out, 0, top + CELL_HEIGHT / 2 + FONT_HEIGHT / 3, "start", NULL,
                       day_name);

      for (guint hour = first; hour <= last; hour++)
        {
          gint64 count = summary->week[day][hour];
          gboolean masked = kiosk_usage_is_masked (count, min_count);
          g_autofree char *value = kiosk_usage_format_count (count, min_count);
          g_autofree char *tooltip = NULL;
          int x = WEEKDAY_LABEL_WIDTH + CELL_WIDTH * (int) (hour - first);
          double level = max > 0 ? (double) count / (double) max : 0.0;
          char colour[8];

          heat_colour (level, colour, sizeof colour);
          tooltip = g_strdup_printf (_("%s, %02u:00 to %02u:00: %s sessions"), day_name, hour,
                                     hour + 1, value);

          if (masked)
            open_bar (out, "week", TRUE, x + 1, top + 1, CELL_WIDTH - 2, CELL_HEIGHT - 2);
          else
            g_string_append_printf (out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\""
                                    " fill=\"%s\">", x + 1, top + 1, CELL_WIDTH - 2,
                                    CELL_HEIGHT - 2, count > 0 ? colour : "#f6f5f4");
          append_svg_title (out, tooltip);
          g_string_append (out, "</rect>\n");

          if (count > 0)
            append_svg_text (out, x + CELL_WIDTH / 2, top + CELL_HEIGHT / 2 + FONT_HEIGHT / 3,
                             "middle", !masked && level > 0.55 ? "light" : NULL, value);
        }
    }

  g_string_append (out, "</svg>\n");
}

static void
append_count_cell (GString    *out,
                   gint64      count,
                   int         min_count,
                   gboolean    total)
{
  g_string_append (out, total ? "<td><strong>" : "<td>");
  append_count (out, count, min_count);
  g_string_append (out, total ? "</strong></td>" : "</td>");
}

static void
write_site_total_row (GString    *out,
                      const char *label,
                      gint64      sessions,
                      gint64      demarches,
                      gint64      assisted,
                      int         min_count)
{
  g_string_append (out, "<tr class=\"total\"><td class=\"name\" colspan=\"2\"><strong>");
  append_escaped (out, label);
  g_string_append (out, "</strong></td>");
  append_count_cell (out, sessions, min_count, TRUE);
  append_count_cell (out, demarches, min_count, TRUE);
  append_count_cell (out, assisted, min_count, TRUE);
  g_string_append (out, "</tr>\n");
}

/* Each station, each site's total under its stations (when it has more
 * than one), and the total of all sites (when there are several).
 */
static void
write_stations_table (GString           *out,
                      KioskUsageSummary *summary,
                      int                min_count)
{
  guint next_station = 0;

  if (summary->stations->len == 0)
    return;

  append_element (out, "h2", NULL, _("Sessions and démarches by site and station"));
  g_string_append (out, "<table>\n<tr>");
  append_element (out, "th", NULL, _("Site"));
  append_element (out, "th", "class=\"name\"", _("Station"));
  append_element (out, "th", NULL, _("Sessions"));
  append_element (out, "th", NULL, _("Démarches"));
  append_element (out, "th", NULL, _("With a mediator"));
  g_string_append (out, "</tr>\n");

  for (guint s = 0; s < summary->sites->len; s++)
    {
      KioskUsageSite *site = g_ptr_array_index (summary->sites, s);

      for (guint i = 0; i < site->n_stations; i++, next_station++)
        {
          KioskUsageStation *station = g_ptr_array_index (summary->stations, next_station);

          g_string_append (out, "<tr>");
          append_element (out, "td", NULL, station->site);
          append_element (out, "td", "class=\"name\"", station->station);
          append_count_cell (out, station->sessions, min_count, FALSE);
          append_count_cell (out, station->demarches, min_count, FALSE);
          append_count_cell (out, station->assisted, min_count, FALSE);
          g_string_append (out, "</tr>\n");
        }

      if (site->n_stations > 1)
        {
          /* TRANSLATORS: the row of a site's total, under its stations. */
          g_autofree char *label = g_strdup_printf (_("Total %s"), site->site);

          write_site_total_row (out, label, site->sessions, site->demarches, site->assisted,
                                min_count);
        }
    }

  if (summary->sites->len > 1)
    write_site_total_row (out, _("All sites"),
                          kiosk_usage_summary_get_total (summary, KIOSK_METRIC_SESSION_STARTED),
                          kiosk_usage_summary_get_total (summary, summary->demarche_metric),
                          kiosk_usage_summary_get_total (summary,
                                                         KIOSK_METRIC_SESSION_ASSISTED),
                          min_count);

  g_string_append (out, "</table>\n");
}

/* What each site does most: a row per service, a column per site. */
static void
write_services_by_site_table (GString           *out,
                              KioskUsageSummary *summary,
                              int                min_count)
{
  GPtrArray *services = kiosk_usage_summary_get_keys (summary, summary->demarche_metric);
  gboolean several = summary->sites->len > 1;

  if (services == NULL || summary->sites->len == 0)
    return;

  append_element (out, "h2", NULL, _("Démarches per service and site"));
  g_string_append (out, "<table>\n<tr>");
  append_element (out, "th", "class=\"name\"", _("Service"));
  for (guint s = 0; s < summary->sites->len; s++)
    {
      KioskUsageSite *site = g_ptr_array_index (summary->sites, s);

      append_element (out, "th", NULL, site->site);
    }
  if (several)
    append_element (out, "th", NULL, _("All sites"));
  g_string_append (out, "</tr>\n");

  for (guint i = 0; i < services->len; i++)
    {
      KioskUsageKeyCount *service = g_ptr_array_index (services, i);

      g_string_append (out, "<tr>");
      append_element (out, "td", "class=\"name\"",
                      kiosk_usage_summary_describe_key (summary, summary->demarche_metric,
                                                        service->key));
      for (guint s = 0; s < summary->sites->len; s++)
        {
          KioskUsageSite *site = g_ptr_array_index (summary->sites, s);

          append_count_cell (out, kiosk_usage_summary_get_site_demarches (summary, site->site,
                                                                          service->key),
                             min_count, FALSE);
        }
      if (several)
        append_count_cell (out, service->count, min_count, TRUE);
      g_string_append (out, "</tr>\n");
    }

  g_string_append (out, "</table>\n");
}

/* The kinds of refusal, in the columns of the refusals' table. */
static const char * const refusal_metrics[] = {
  KIOSK_METRIC_NAVIGATION_REFUSED,
  KIOSK_METRIC_FRAME_REFUSED,
  KIOSK_METRIC_POPUP_REFUSED,
  KIOSK_METRIC_DOWNLOAD_REFUSED,
  KIOSK_METRIC_RESOURCE_BLOCKED,
};

#define MAX_REFUSED_DOMAINS 15

typedef struct
{
  const char *domain;
  gint64      counts[G_N_ELEMENTS (refusal_metrics)];
  gint64      total;
} RefusedDomain;

static int
compare_refused_domains (gconstpointer a,
                         gconstpointer b)
{
  const RefusedDomain *first = *(RefusedDomain * const *) a;
  const RefusedDomain *second = *(RefusedDomain * const *) b;

  if (first->total != second->total)
    return first->total > second->total ? -1 : 1;
  return g_strcmp0 (first->domain, second->domain);
}

static void
write_explanation (GString    *out,
                   const char *text)
{
  g_string_append (out, "<p class=\"explanation\">");
  append_escaped (out, text);
  g_string_append (out, "</p>\n");
}

/* The sites the stations refused, the most refused first, by kind: what
 * the admins look at to keep the catalogue true (a captcha's frame, a
 * sign-in popup), as the counts stand, by registrable domain.
 */
static void
write_refusals_table (GString           *out,
                      KioskUsageSummary *summary,
                      int                min_count)
{
  g_autoptr(GHashTable) by_domain = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GPtrArray) domains = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  for (guint m = 0; m < G_N_ELEMENTS (refusal_metrics); m++)
    {
      GPtrArray *keys = kiosk_usage_summary_get_keys (summary, refusal_metrics[m]);

      for (guint i = 0; keys != NULL && i < keys->len; i++)
        {
          KioskUsageKeyCount *key_count = g_ptr_array_index (keys, i);
          RefusedDomain *domain = g_hash_table_lookup (by_domain, key_count->key);

          if (domain == NULL)
            {
              domain = g_new0 (RefusedDomain, 1);
              domain->domain = key_count->key;
              g_hash_table_insert (by_domain, (gpointer) domain->domain, domain);
            }
          domain->counts[m] += key_count->count;
          domain->total += key_count->count;
        }
    }

  if (g_hash_table_size (by_domain) == 0)
    return;

  g_hash_table_iter_init (&iter, by_domain);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (domains, value);
  g_ptr_array_sort (domains, compare_refused_domains);

  append_element (out, "h2", NULL, _("Sites the stations refused"));
  g_string_append (out, "<table>\n<tr>");
  append_element (out, "th", "class=\"name\"", _("Site"));
  append_element (out, "th", NULL, _("As a page"));
  append_element (out, "th", NULL, _("As a frame"));
  append_element (out, "th", NULL, _("As a popup"));
  append_element (out, "th", NULL, _("Documents"));
  append_element (out, "th", NULL, _("Parts of pages blocked"));
  g_string_append (out, "</tr>\n");

  for (guint i = 0; i < domains->len && i < MAX_REFUSED_DOMAINS; i++)
    {
      RefusedDomain *domain = g_ptr_array_index (domains, i);

      g_string_append (out, "<tr>");
      append_element (out, "td", "class=\"name\"", domain->domain);
      for (guint m = 0; m < G_N_ELEMENTS (refusal_metrics); m++)
        {
          g_string_append (out, "<td>");
          append_count (out, domain->counts[m], min_count);
          g_string_append (out, "</td>");
        }
      g_string_append (out, "</tr>\n");
    }

  g_string_append (out, "</table>\n");
  write_explanation (out, _("Parts of pages blocked: the scripts, images and other requests "
                            "a page made to a tracker or an advertiser the station blocks, or, "
                            "in strict mode, to any site off the list. Counted by site, never "
                            "by page."));
}

static void
write_figure (GString    *out,
              const char *figure,
              const char *caption)
{
  g_string_append (out, "<p>");
  append_element (out, "strong", NULL, figure);
  append_escaped (out, caption);
  g_string_append (out, "</p>\n");
}

static void
write_key_figures (GString           *out,
                   KioskUsageSummary *summary,
                   int                min_count)
{
  g_autofree char *sessions = NULL;
  g_autofree char *demarches = NULL;
  g_autofree char *assisted = NULL;
  double minutes;
  gint64 n_timed;

  sessions = kiosk_usage_format_count (
    kiosk_usage_summary_get_total (summary, KIOSK_METRIC_SESSION_STARTED), min_count);
  demarches = kiosk_usage_format_count (
    kiosk_usage_summary_get_total (summary, summary->demarche_metric), min_count);

  assisted = kiosk_usage_format_count (
    kiosk_usage_summary_get_total (summary, KIOSK_METRIC_SESSION_ASSISTED), min_count);

  g_string_append (out, "<div class=\"figures\">\n");
  write_figure (out, sessions, _("sessions"));
  write_figure (out, demarches, _("démarches"));
  write_figure (out, assisted, _("sessions with a mediator"));
  if (kiosk_usage_summary_estimate_duration (summary, &minutes, &n_timed) &&
      !kiosk_usage_is_masked (n_timed, min_count))
    {
      g_autofree char *rounded = kiosk_usage_format_decimal (minutes, 0);
      g_autofree char *duration = g_strdup_printf (_("%s min"), rounded);

      write_figure (out, duration, _("per session on average, estimated"));
    }
  g_string_append (out, "</div>\n");

  /* Under the headline figures, what they count: a funder reads "people". */
  write_explanation (out, kiosk_usage_session_note ());
  write_explanation (out, kiosk_usage_assisted_note ());
  write_explanation (out, kiosk_usage_demarche_note (summary));
}

/**
 * kiosk_usage_write_html:
 * @out: where to append the page
 * @summary: the totals to show
 * @min_count: the smallest count to show, or 0 to show every count
 *
 * Writes a complete HTML page with inline CSS and hand-written SVG
 * charts: the key figures, sessions per month, démarches per service,
 * sessions by hour of the week, sessions and démarches by station, and
 * the survey answers. Counts from 1 to @min_count - 1 are written
 * "<@min_count" and drawn hatched, as tall as @min_count.
 */
void
kiosk_usage_write_html (GString           *out,
                        KioskUsageSummary *summary,
                        int                min_count)
{
  g_autofree char *period = NULL;
  g_autofree char *scope = NULL;
  g_autofree char *masking = NULL;
  g_autofree char *title = NULL;
  const char *language;
  const char *direction;

  g_return_if_fail (out != NULL);
  g_return_if_fail (summary != NULL);

  period = kiosk_usage_summary_describe_period (summary);
  scope = kiosk_usage_summary_describe_scope (summary);
  masking = kiosk_usage_describe_masking (min_count);
  title = g_strdup_printf (_("Use of the self-service computers, %s"), period);

  /* TRANSLATORS: the language of this translation, as HTML names it (“fr”). */
  language = C_("HTML lang", "en");
  /* TRANSLATORS: “rtl” if this language is written right to left, else “ltr”. */
  direction = C_("HTML dir", "ltr");
  g_string_append_printf (out, "<!DOCTYPE html>\n<html lang=\"%s\" dir=\"%s\">\n<head>\n"
                          "<meta charset=\"utf-8\">\n", language, direction);
  append_element (out, "title", NULL, title);
  g_string_append_printf (out, "\n<style>\n%s</style>\n</head>\n<body>\n", style_sheet);

  append_element (out, "h1", NULL, _("Use of the self-service computers"));
  g_string_append (out, "\n<p class=\"scope\">");
  append_escaped (out, period);
  g_string_append (out, "<br>");
  append_escaped (out, scope);
  g_string_append (out, "</p>\n");

  if (kiosk_usage_summary_is_empty (summary))
    {
      append_element (out, "p", NULL, _("Nothing was counted in this period."));
      g_string_append (out, "\n</body>\n</html>\n");
      return;
    }

  write_key_figures (out, summary, min_count);
  write_month_chart (out, summary, min_count);
  write_key_chart (out, summary, summary->demarche_metric, _("Démarches per service"),
                   FALSE, min_count);
  write_week_heatmap (out, summary, min_count);
  write_stations_table (out, summary, min_count);
  write_services_by_site_table (out, summary, min_count);
  write_key_chart (out, summary, KIOSK_METRIC_SURVEY_RESIDENCE,
                   _("Survey: where people live"), TRUE, min_count);
  write_key_chart (out, summary, KIOSK_METRIC_SURVEY_OUTCOME,
                   _("Survey: did they do what they came for?"), TRUE, min_count);
  write_refusals_table (out, summary, min_count);

  g_string_append (out, "<p class=\"note\">");
  if (masking != NULL)
    {
      append_escaped (out, masking);
      g_string_append (out, " ");
      append_escaped (out, _("They are drawn hatched, as if they were the threshold."));
      g_string_append (out, "<br>\n");
    }
  append_escaped (out, kiosk_usage_duration_note ());
  g_string_append (out, "</p>\n</body>\n</html>\n");
}
