/* kiosk-usage-view.c — the Fréquentation page: every station's counts, charted and exported
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-usage-view"

#include "config.h"

#include "kiosk-usage-view.h"

#include "kiosk-usage-chart.h"
#include "kiosk-usage-csv.h"
#include "kiosk-usage-html.h"
#include "kiosk-usage-summary.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

/* Like pimms-kiosk-admin stats html: the page is meant to be handed out,
 * and small counts could point at one person.
 */
#define HTML_MIN_COUNT 5

struct _KioskUsageView
{
  GtkWidget               parent_instance;

  KioskUsageGatherer     *gatherer;
  GHashTable             *service_names;
  KioskUsageSummary      *summary;
  char                   *shown_from_day;
  char                   *shown_to_day;
  GString                *problems;
  GtkFileChooserNative   *chooser;

  GtkEntry               *from_entry;
  GtkEntry               *to_entry;
  GtkWidget              *update_button;
  GtkProgressBar         *progress_bar;
  GtkWidget              *csv_button;
  GtkWidget              *html_button;
  GtkLabel               *status_label;
  GtkLabel               *figures_label;
  GtkGrid                *chart_grid;
  KioskUsageChart        *days_chart;
  KioskUsageChart        *months_chart;
  KioskUsageChart        *services_chart;
  KioskUsageChart        *week_chart;
};

G_DEFINE_FINAL_TYPE (KioskUsageView, kiosk_usage_view, GTK_TYPE_WIDGET)

static const char *
from_day (KioskUsageView *self)
{
  return gtk_editable_get_text (GTK_EDITABLE (self->from_entry));
}

/* The last day counted; empty for "until today". */
static const char *
to_day (KioskUsageView *self)
{
  return gtk_editable_get_text (GTK_EDITABLE (self->to_entry));
}

static KioskUsageStore *
open_store (KioskUsageView  *self,
            GError         **error)
{
  const char *path = kiosk_usage_gatherer_get_store_path (self->gatherer);

  /* Nothing gathered yet: an empty page, not an error. */
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return NULL;

  return kiosk_usage_store_open_read_only (path, error);
}

static gboolean
add_day_cb (const KioskUsageTotal *total,
            gpointer               user_data)
{
  GHashTable *days = user_data;
  gint64 *count;

  if (g_strcmp0 (total->metric, KIOSK_METRIC_SESSION_STARTED) != 0 || total->period == NULL)
    return TRUE;

  count = g_hash_table_lookup (days, total->period);
  if (count == NULL)
    {
      count = g_new0 (gint64, 1);
      g_hash_table_insert (days, g_strdup (total->period), count);
    }
  *count += total->count;
  return TRUE;
}

static GDate *
parse_day (const char *day)
{
  GDate *date = g_date_new ();

  g_date_set_parse (date, day);
  return date;
}

/* Every day from the first counted to the last, those without a session
 * too: a week of closure shows as a gap, not as nothing.
 */
static void
add_days (KioskUsageChart *chart,
          KioskUsageStore *store,
          const char      *from_day,
          const char      *to_day)
{
  g_autoptr(GHashTable) days = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  KioskUsageFilter filter = { from_day, to_day, NULL, NULL };
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  GHashTableIter iter;
  gpointer key;
  GDate *day, *end;

  kiosk_usage_store_total (store, &filter, KIOSK_USAGE_GROUP_DAY, add_day_cb, days, NULL);

  g_hash_table_iter_init (&iter, days);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      if (first == NULL || strcmp (key, first) < 0)
        {
          g_free (first);
          first = g_strdup (key);
        }
      if (last == NULL || strcmp (key, last) > 0)
        {
          g_free (last);
          last = g_strdup (key);
        }
    }
  if (first == NULL)
    return;

  day = parse_day (first);
  end = parse_day (last);
  for (; g_date_valid (day) && g_date_valid (end) && g_date_compare (day, end) <= 0;
       g_date_add_days (day, 1))
    {
      char name[16], label[16];
      gint64 *count;

      g_date_strftime (name, sizeof name, "%Y-%m-%d", day);
      g_date_strftime (label, sizeof label, "%d/%m", day);
      count = g_hash_table_lookup (days, name);
      kiosk_usage_chart_add (chart, label, count != NULL ? *count : 0);
    }
  g_date_free (day);
  g_date_free (end);
}

/* As the reports write months, in the console's language. */
static char *
month_label (const char *month)
{
  int year = 0, number = 0;

  if (sscanf (month, "%4d-%2d", &year, &number) != 2 || number < 1 || number > 12)
    return g_strdup (month);

  return g_strdup_printf ("%s %d", kiosk_usage_month_name (number, TRUE), year);
}

static void
show_summary (KioskUsageView  *self,
              KioskUsageStore *store)
{
  KioskUsageSummary *summary = self->summary;
  g_autofree char *sessions = NULL;
  g_autofree char *demarches = NULL;
  g_autofree char *stations = NULL;
  g_autofree char *figures = NULL;
  GPtrArray *services;
  gint64 week[KIOSK_USAGE_N_WEEKDAYS * KIOSK_USAGE_N_HOURS];

  kiosk_usage_chart_clear (self->days_chart);
  kiosk_usage_chart_clear (self->months_chart);
  kiosk_usage_chart_clear (self->services_chart);
  kiosk_usage_chart_clear (self->week_chart);

  if (summary == NULL)
    {
      gtk_label_set_label (self->figures_label, "");
      return;
    }

  add_days (self->days_chart, store, self->shown_from_day, self->shown_to_day);

  for (guint i = 0; i < summary->months->len; i++)
    {
      KioskUsageMonth *month = g_ptr_array_index (summary->months, i);
      g_autofree char *label = month_label (month->month);

      kiosk_usage_chart_add (self->months_chart, label, month->sessions);
    }

  services = kiosk_usage_summary_get_keys (summary, summary->demarche_metric);
  for (guint i = 0; services != NULL && i < services->len; i++)
    {
      KioskUsageKeyCount *service = g_ptr_array_index (services, i);
      const char *name = self->service_names != NULL
                         ? g_hash_table_lookup (self->service_names, service->key) : NULL;

      kiosk_usage_chart_add (self->services_chart, name != NULL ? name : service->key,
                             service->count);
    }

  for (guint day = 0; day < KIOSK_USAGE_N_WEEKDAYS; day++)
    for (guint hour = 0; hour < KIOSK_USAGE_N_HOURS; hour++)
      week[day * KIOSK_USAGE_N_HOURS + hour] = summary->week[day][hour];
  kiosk_usage_chart_set_week (self->week_chart, week);

  sessions = kiosk_usage_format_count (
    kiosk_usage_summary_get_total (summary, KIOSK_METRIC_SESSION_STARTED), 0);
  demarches = kiosk_usage_format_count (
    kiosk_usage_summary_get_total (summary, summary->demarche_metric), 0);
  stations = g_strdup_printf ("%u", summary->stations->len);
  /* Translators: the period's figures: “1 234 sessions · 2 345 démarches · 12 stations”. */
  figures = g_strdup_printf (_("%s sessions · %s démarches · %s stations"), sessions, demarches,
                             stations);
  gtk_label_set_label (self->figures_label, figures);
}

/* Reads the console's store again, as it is after a gathering. */
static void
load_summary (KioskUsageView *self)
{
  g_autoptr(KioskUsageStore) store = NULL;
  g_autoptr(GError) error = NULL;
  KioskUsageFilter filter = { NULL };

  g_clear_pointer (&self->summary, kiosk_usage_summary_free);
  g_free (self->shown_from_day);
  self->shown_from_day = g_strdup (from_day (self));
  g_free (self->shown_to_day);
  self->shown_to_day = *to_day (self) != '\0' ? g_strdup (to_day (self)) : NULL;
  filter.from_day = self->shown_from_day;
  filter.to_day = self->shown_to_day;

  store = open_store (self, &error);
  if (store != NULL)
    self->summary = kiosk_usage_summary_load (store, &filter, &error);
  if (self->summary != NULL)
    kiosk_usage_summary_set_service_names (self->summary, self->service_names);

  if (error != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The console’s counts cannot be read: %s"),
                                                  error->message);

      gtk_label_set_label (self->status_label, message);
    }

  show_summary (self, store);
  gtk_widget_set_sensitive (self->csv_button, self->summary != NULL);
  gtk_widget_set_sensitive (self->html_button, self->summary != NULL);
}

static void
update_progress (KioskUsageView *self)
{
  guint n_done = kiosk_usage_gatherer_get_n_done (self->gatherer);
  guint n_stations = kiosk_usage_gatherer_get_n_stations (self->gatherer);
  g_autofree char *text = NULL;

  /* Translators: progress of the gathering, like “1 of 8 stations”. */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u station", "%u of %u stations",
                                       n_stations), n_done, n_stations);
  gtk_progress_bar_set_text (self->progress_bar, text);
  gtk_progress_bar_set_fraction (self->progress_bar,
                                 n_stations > 0 ? (double) n_done / n_stations : 1.0);
}

static void
station_done_cb (KioskUsageGatherer *gatherer,
                 const char         *id,
                 guint               n_rows,
                 const GError       *error,
                 KioskUsageView     *self)
{
  update_progress (self);

  if (error == NULL)
    return;

  g_message ("Usage counts of %s not gathered: %s", id, error->message);
  if (self->problems->len > 0)
    g_string_append_c (self->problems, '\n');
  if (g_error_matches (error, KIOSK_STATION_CLIENT_ERROR, KIOSK_STATION_CLIENT_ERROR_UNREACHABLE))
    g_string_append_printf (self->problems, _("Station %s does not answer: its counts up to the "
                                              "last gathering are kept."), id);
  else
    g_string_append_printf (self->problems, _("The counts of station %s could not be gathered "
                                              "(%s): its counts up to the last gathering are "
                                              "kept."), id, error->message);
}

static void
finished_cb (KioskUsageGatherer *gatherer,
             KioskUsageView     *self)
{
  guint n_stations = kiosk_usage_gatherer_get_n_stations (gatherer);

  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
  gtk_widget_set_sensitive (self->update_button, TRUE);

  if (self->problems->len > 0)
    gtk_label_set_label (self->status_label, self->problems->str);
  else
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "The counts of the station are "
                                                            "gathered.",
                                                            "The counts of all %u stations are "
                                                            "gathered.", n_stations),
                                               n_stations);

      gtk_label_set_label (self->status_label, text);
    }

  load_summary (self);
}

/**
 * kiosk_usage_view_gather:
 * @self: a #KioskUsageView
 *
 * Asks every station for its counts from the chosen day on, as the
 * “Gather the counts” button does.
 *
 * Returns: %FALSE when the day is not valid or a gathering is running
 */
gboolean
kiosk_usage_view_gather (KioskUsageView *self)
{
  g_return_val_if_fail (KIOSK_IS_USAGE_VIEW (self), FALSE);
  g_return_val_if_fail (self->gatherer != NULL, FALSE);

  if (!kiosk_usage_day_is_valid (from_day (self)))
    {
      gtk_label_set_label (self->status_label,
                           _("Write the first day as YYYY-MM-DD, like 2026-01-01."));
      gtk_widget_add_css_class (GTK_WIDGET (self->from_entry), "error");
      return FALSE;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->from_entry), "error");

  /* The last day, when given, after the first: a January report of last
   * year must not take this January in.
   */
  if (*to_day (self) != '\0' &&
      (!kiosk_usage_day_is_valid (to_day (self)) || strcmp (to_day (self), from_day (self)) < 0))
    {
      gtk_label_set_label (self->status_label,
                           _("Write the last day as YYYY-MM-DD, on or after the first day, "
                             "like 2026-12-31."));
      gtk_widget_add_css_class (GTK_WIDGET (self->to_entry), "error");
      return FALSE;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->to_entry), "error");

  g_string_truncate (self->problems, 0);
  if (!kiosk_usage_gatherer_start (self->gatherer, from_day (self)))
    return FALSE;

  if (kiosk_usage_gatherer_is_running (self->gatherer))
    {
      gtk_label_set_label (self->status_label, _("Gathering the counts of every station…"));
      gtk_widget_set_sensitive (self->update_button, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), TRUE);
      update_progress (self);
    }
  return TRUE;
}

static void
update_clicked_cb (KioskUsageView *self)
{
  kiosk_usage_view_gather (self);
}

/* Exports */

static gboolean
write_row_cb (const KioskUsageRow *row,
              gpointer             user_data)
{
  kiosk_usage_csv_append_row (user_data, row);
  return TRUE;
}

/**
 * kiosk_usage_view_export_csv:
 * @self: a #KioskUsageView
 * @path: the file to write
 * @error: return location for a #GError
 *
 * Writes every count the page shows, from the chosen day on, as the
 * stations export them: one row per day, hour, station, metric and key.
 *
 * Returns: %TRUE when the whole file is written
 */
gboolean
kiosk_usage_view_export_csv (KioskUsageView  *self,
                             const char      *path,
                             GError         **error)
{
  g_autoptr(KioskUsageStore) store = NULL;
  g_autoptr(GString) csv = g_string_new (NULL);
  KioskUsageFilter filter = { NULL };

  g_return_val_if_fail (KIOSK_IS_USAGE_VIEW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  filter.from_day = self->shown_from_day;
  filter.to_day = self->shown_to_day;
  kiosk_usage_csv_append_header (csv);
  store = open_store (self, error);
  if (store == NULL && error != NULL && *error != NULL)
    return FALSE;
  if (store != NULL && !kiosk_usage_store_foreach (store, &filter, write_row_cb, csv, error))
    return FALSE;

  return g_file_set_contents (path, csv->str, csv->len, error);
}

/**
 * kiosk_usage_view_export_html:
 * @self: a #KioskUsageView
 * @path: the file to write
 * @error: return location for a #GError
 *
 * Writes the report pimms-kiosk-admin stats html writes, for the counts
 * the page shows; counts under 5 are hidden, as there.
 *
 * Returns: %TRUE when the whole file is written
 */
gboolean
kiosk_usage_view_export_html (KioskUsageView  *self,
                              const char      *path,
                              GError         **error)
{
  g_autoptr(GString) html = g_string_new (NULL);

  g_return_val_if_fail (KIOSK_IS_USAGE_VIEW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->summary == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("Gather the counts first: there is nothing to export yet."));
      return FALSE;
    }

  kiosk_usage_write_html (html, self->summary, HTML_MIN_COUNT);
  return g_file_set_contents (path, html->str, html->len, error);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     KioskUsageView  *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  gboolean html = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "kiosk-html"));
  gboolean written;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);

  if (file == NULL || (path = g_file_get_path (file)) == NULL)
    return;

  written = html ? kiosk_usage_view_export_html (self, path, &error)
                 : kiosk_usage_view_export_csv (self, path, &error);
  if (written)
    {
      g_autofree char *text = g_strdup_printf (_("Exported to %s."), path);

      gtk_label_set_label (self->status_label, text);
    }
  else
    {
      g_autofree char *text = g_strdup_printf (_("Could not export to %s: %s"), path,
                                               error->message);

      gtk_label_set_label (self->status_label, text);
    }
}

static void
choose_export_file (KioskUsageView *self,
                    gboolean        html)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *name = NULL;

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (html ? _("Export the report as HTML")
                                                    : _("Export the counts as CSV"),
                                               GTK_WINDOW (root),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  /* Translators: the name proposed for an export; keep it a file name. */
  name = g_strdup_printf ("%s-%s.%s", _("usage"), self->shown_from_day != NULL
                                                  ? self->shown_from_day : from_day (self),
                          html ? "html" : "csv");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_object_set_data (G_OBJECT (self->chooser), "kiosk-html", GINT_TO_POINTER (html));
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
csv_clicked_cb (KioskUsageView *self)
{
  choose_export_file (self, FALSE);
}

static void
html_clicked_cb (KioskUsageView *self)
{
  choose_export_file (self, TRUE);
}

/* Object */

static GtkWidget *
add_chart (KioskUsageView      *self,
           KioskUsageChartKind  kind,
           const char          *title,
           int                  column,
           int                  row)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *chart = kiosk_usage_chart_new (kind);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), chart);
  gtk_accessible_update_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  gtk_widget_add_css_class (box, "usage-chart-box");
  gtk_grid_attach (self->chart_grid, box, column, row, 1, 1);
  return chart;
}

static void
kiosk_usage_view_dispose (GObject *object)
{
  KioskUsageView *self = KIOSK_USAGE_VIEW (object);
  GtkWidget *child;

  if (self->gatherer != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->gatherer, self);
      kiosk_usage_gatherer_cancel (self->gatherer);
    }
  g_clear_object (&self->gatherer);
  g_clear_object (&self->chooser);
  g_clear_pointer (&self->service_names, g_hash_table_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), KIOSK_TYPE_USAGE_VIEW);
  /* The template's boxes hold the bound widgets and are not bound
   * themselves: each top-level child goes with its descendants.
   */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (kiosk_usage_view_parent_class)->dispose (object);
}

static void
kiosk_usage_view_finalize (GObject *object)
{
  KioskUsageView *self = KIOSK_USAGE_VIEW (object);

  g_clear_pointer (&self->summary, kiosk_usage_summary_free);
  g_free (self->shown_from_day);
  g_free (self->shown_to_day);
  g_string_free (self->problems, TRUE);

  G_OBJECT_CLASS (kiosk_usage_view_parent_class)->finalize (object);
}

static void
kiosk_usage_view_class_init (KioskUsageViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_usage_view_dispose;
  object_class->finalize = kiosk_usage_view_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/pimms/Kiosk/Console/kiosk-usage-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskUsageView, from_entry);
  gtk_widget_class_bind_template_child (widget_class, KioskUsageView, to_entry);
  gtk_widget_class_bind_template_child (widget_class, KioskUsageView, update_button);
  gtk_widget_class_bind_template_child (widget_class, KioskUsageView, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, KioskUsageView, csv_button);
  gtk_widget_class_bind_template_child (widget_class, KioskUsageView, html_button);
  gtk_widget_class_bind_template_child (widget_class, KioskUsageView, status_label);
  gtk_widget_class_bind_template_child (widget_class, KioskUsageView, figures_label);
  gtk_widget_class_bind_template_child (widget_class, KioskUsageView, chart_grid);
  gtk_widget_class_bind_template_callback (widget_class, update_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, csv_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, html_clicked_cb);
  gtk_widget_class_set_css_name (widget_class, "usage-view");
}

static void
kiosk_usage_view_init (KioskUsageView *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *first_day = g_strdup_printf ("%04d-01-01", g_date_time_get_year (now));
  g_autofree char *last_day = g_strdup_printf ("%04d-12-31", g_date_time_get_year (now));

  g_type_ensure (KIOSK_TYPE_USAGE_CHART);
  gtk_widget_init_template (GTK_WIDGET (self));
  self->problems = g_string_new (NULL);

  /* The association reports by calendar year. */
  gtk_editable_set_text (GTK_EDITABLE (self->from_entry), first_day);
  gtk_editable_set_text (GTK_EDITABLE (self->to_entry), last_day);

  self->days_chart = KIOSK_USAGE_CHART (add_chart (self, KIOSK_USAGE_CHART_COLUMNS,
                                                   _("Sessions per day"), 0, 0));
  self->months_chart = KIOSK_USAGE_CHART (add_chart (self, KIOSK_USAGE_CHART_COLUMNS,
                                                     _("Sessions per month"), 1, 0));
  self->services_chart = KIOSK_USAGE_CHART (add_chart (self, KIOSK_USAGE_CHART_BARS,
                                                       _("Démarches per service"), 0, 1));
  self->week_chart = KIOSK_USAGE_CHART (add_chart (self, KIOSK_USAGE_CHART_WEEK,
                                                   _("Sessions by hour of the week"), 1, 1));
  gtk_widget_set_sensitive (self->csv_button, FALSE);
  gtk_widget_set_sensitive (self->html_button, FALSE);
}

/**
 * kiosk_usage_view_set_gatherer:
 * @self: a #KioskUsageView
 * @gatherer: gathers the stations' counts into the console's store
 *
 * Shows what the console's store already holds, before any gathering.
 */
void
kiosk_usage_view_set_gatherer (KioskUsageView     *self,
                               KioskUsageGatherer *gatherer)
{
  g_return_if_fail (KIOSK_IS_USAGE_VIEW (self));
  g_return_if_fail (KIOSK_IS_USAGE_GATHERER (gatherer));
  g_return_if_fail (self->gatherer == NULL);

  self->gatherer = g_object_ref (gatherer);
  g_signal_connect (gatherer, "station-done", G_CALLBACK (station_done_cb), self);
  g_signal_connect (gatherer, "finished", G_CALLBACK (finished_cb), self);
  load_summary (self);
}

/**
 * kiosk_usage_view_set_service_names:
 * @self: a #KioskUsageView
 * @names: (nullable): service id → name, from a station's catalogue
 */
void
kiosk_usage_view_set_service_names (KioskUsageView *self,
                                    GHashTable     *names)
{
  g_return_if_fail (KIOSK_IS_USAGE_VIEW (self));

  g_clear_pointer (&self->service_names, g_hash_table_unref);
  self->service_names = names != NULL ? g_hash_table_ref (names) : NULL;
}

void
kiosk_usage_view_set_to_day (KioskUsageView *self,
                             const char     *day)
{
  g_return_if_fail (KIOSK_IS_USAGE_VIEW (self));
  g_return_if_fail (day != NULL);

  gtk_editable_set_text (GTK_EDITABLE (self->to_entry), day);
}

void
kiosk_usage_view_set_from_day (KioskUsageView *self,
                               const char     *day)
{
  g_return_if_fail (KIOSK_IS_USAGE_VIEW (self));
  g_return_if_fail (day != NULL);

  gtk_editable_set_text (GTK_EDITABLE (self->from_entry), day);
}

gboolean
kiosk_usage_view_is_busy (KioskUsageView *self)
{
  g_return_val_if_fail (KIOSK_IS_USAGE_VIEW (self), FALSE);

  return self->gatherer != NULL && kiosk_usage_gatherer_is_running (self->gatherer);
}

const char *
kiosk_usage_view_get_status_text (KioskUsageView *self)
{
  g_return_val_if_fail (KIOSK_IS_USAGE_VIEW (self), NULL);

  return gtk_label_get_label (self->status_label);
}

const char *
kiosk_usage_view_get_figures_text (KioskUsageView *self)
{
  g_return_val_if_fail (KIOSK_IS_USAGE_VIEW (self), NULL);

  return gtk_label_get_label (self->figures_label);
}

/**
 * kiosk_usage_view_get_total:
 * @self: a #KioskUsageView
 * @metric: one of the KIOSK_METRIC_* names
 *
 * Returns: the total the page shows for @metric, all stations together
 */
gint64
kiosk_usage_view_get_total (KioskUsageView *self,
                            const char     *metric)
{
  g_return_val_if_fail (KIOSK_IS_USAGE_VIEW (self), 0);

  return self->summary != NULL ? kiosk_usage_summary_get_total (self->summary, metric) : 0;
}

/**
 * kiosk_usage_view_get_station_sessions:
 * @self: a #KioskUsageView
 * @station: a station id, as the station counts it (its StationId)
 *
 * Returns: the sessions counted at @station in the period shown
 */
gint64
kiosk_usage_view_get_station_sessions (KioskUsageView *self,
                                       const char     *station)
{
  gint64 sessions = 0;

  g_return_val_if_fail (KIOSK_IS_USAGE_VIEW (self), 0);

  for (guint i = 0; self->summary != NULL && i < self->summary->stations->len; i++)
    {
      KioskUsageStation *entry = g_ptr_array_index (self->summary->stations, i);

      if (g_strcmp0 (entry->station, station) == 0)
        sessions += entry->sessions;
    }
  return sessions;
}
