/* kiosk-usage-chart.c — the Fréquentation page's charts, drawn with cairo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-usage-chart"

#include "config.h"

#include "kiosk-usage-chart.h"

#include "kiosk-usage-summary.h"

#include <glib/gi18n.h>
#include <string.h>

#define N_WEEKDAYS 7
#define N_HOURS 24
#define MARGIN 8.0
#define BAR_HEIGHT 22.0

typedef struct
{
  char   *label;
  gint64  value;
} Value;

struct _KioskUsageChart
{
  GtkWidget            parent_instance;

  KioskUsageChartKind  kind;
  GArray              *values;
  gint64               week[N_WEEKDAYS * N_HOURS];
};

G_DEFINE_FINAL_TYPE (KioskUsageChart, kiosk_usage_chart, GTK_TYPE_WIDGET)

static void
value_clear (gpointer data)
{
  g_free (((Value *) data)->label);
}

/* The same blue as the "Free" cards' counterpart in the style sheet, so
 * that the page reads as one.
 */
static void
set_bar_colour (cairo_t *cr,
                double   alpha)
{
  cairo_set_source_rgba (cr, 0.11, 0.44, 0.85, alpha);
}

static void
set_text_colour (cairo_t *cr)
{
  cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
}

static void
show_text (KioskUsageChart *self,
           cairo_t         *cr,
           const char      *text,
           double           x,
           double           y,
           double           x_align,
           int             *width)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  int text_width, text_height;

  pango_layout_get_pixel_size (layout, &text_width, &text_height);
  if (width != NULL)
    *width = text_width;
  cairo_move_to (cr, x - x_align * text_width, y - text_height / 2.0);
  pango_cairo_show_layout (cr, layout);
}

static gint64
max_value (KioskUsageChart *self)
{
  gint64 maximum = 0;

  for (guint i = 0; i < self->values->len; i++)
    maximum = MAX (maximum, g_array_index (self->values, Value, i).value);
  return maximum;
}

static void
draw_empty (KioskUsageChart *self,
            cairo_t         *cr,
            double           width,
            double           height)
{
  set_text_colour (cr);
  show_text (self, cr, _("No counts for this period"), width / 2, height / 2, 0.5, NULL);
}

static void
draw_columns (KioskUsageChart *self,
              cairo_t         *cr,
              double           width,
              double           height)
{
  guint n = self->values->len;
  gint64 maximum = max_value (self);
  double label_height = 20.0;
  double top = 20.0;
  double slot = (width - 2 * MARGIN) / n;
  guint label_every = MAX (1, (guint) (70.0 / MAX (slot, 1.0)));
  g_autofree char *maximum_text = kiosk_usage_format_count (maximum, 0);

  set_text_colour (cr);
  show_text (self, cr, maximum_text, MARGIN, top / 2, 0.0, NULL);

  for (guint i = 0; i < n; i++)
    {
      const Value *value = &g_array_index (self->values, Value, i);
      double bar_height = maximum > 0 ? (height - top - label_height - MARGIN) *
                                        ((double) value->value / (double) maximum) : 0;
      double x = MARGIN + i * slot;

      /* A few columns stay columns, not walls of colour. */
      set_bar_colour (cr, 1.0);
      cairo_rectangle (cr, x + (slot - MIN (slot * 0.8, 48.0)) / 2,
                       height - label_height - bar_height, MAX (MIN (slot * 0.8, 48.0), 1.0),
                       bar_height);
      cairo_fill (cr);

      if (i % label_every == 0)
        {
          set_text_colour (cr);
          show_text (self, cr, value->label, x + slot / 2, height - label_height / 2, 0.5, NULL);
        }
    }
}

static void
draw_bars (KioskUsageChart *self,
           cairo_t         *cr,
           double           width,
           double           height)
{
  gint64 maximum = max_value (self);
  double label_width = 0;

  for (guint i = 0; i < self->values->len; i++)
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (
        GTK_WIDGET (self), g_array_index (self->values, Value, i).label);
      int text_width;

      pango_layout_get_pixel_size (layout, &text_width, NULL);
      label_width = MAX (label_width, text_width);
    }
  label_width = MIN (label_width + MARGIN, width / 3);

  for (guint i = 0; i < self->values->len; i++)
    {
      const Value *value = &g_array_index (self->values, Value, i);
      g_autofree char *count = kiosk_usage_format_count (value->value, 0);
      double y = MARGIN + i * (BAR_HEIGHT + 6);
      double room = width - label_width - 2 * MARGIN - 60;
      double length = maximum > 0 ? room * ((double) value->value / (double) maximum) : 0;

      if (y + BAR_HEIGHT > height)
        break;

      set_text_colour (cr);
      show_text (self, cr, value->label, label_width, y + BAR_HEIGHT / 2, 1.0, NULL);
      set_bar_colour (cr, 1.0);
      cairo_rectangle (cr, label_width + MARGIN, y, MAX (length, 1.0), BAR_HEIGHT);
      cairo_fill (cr);
      set_text_colour (cr);
      show_text (self, cr, count, label_width + 2 * MARGIN + length, y + BAR_HEIGHT / 2, 0.0,
                 NULL);
    }
}

static void
draw_week (KioskUsageChart *self,
           cairo_t         *cr,
           double           width,
           double           height)
{
  double label_width = 0;
  double hours_height = 20.0;
  double cell_width;
  double cell_height = (height - hours_height - MARGIN) / N_WEEKDAYS;
  gint64 maximum = 0;

  for (guint i = 0; i < N_WEEKDAYS * N_HOURS; i++)
    maximum = MAX (maximum, self->week[i]);

  /* Day names differ in length from one language to another. */
  for (guint day = 0; day < N_WEEKDAYS; day++)
    {
      g_autofree char *name = kiosk_usage_weekday_name (day + 1);
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), name);
      int text_width;

      pango_layout_get_pixel_size (layout, &text_width, NULL);
      label_width = MAX (label_width, text_width + 2 * MARGIN);
    }
  cell_width = (width - label_width - MARGIN) / N_HOURS;

  for (guint day = 0; day < N_WEEKDAYS; day++)
    {
      g_autofree char *name = kiosk_usage_weekday_name (day + 1);
      double y = hours_height + day * cell_height;

      set_text_colour (cr);
      show_text (self, cr, name, label_width - MARGIN, y + cell_height / 2, 1.0, NULL);

      for (guint hour = 0; hour < N_HOURS; hour++)
        {
          gint64 count = self->week[day * N_HOURS + hour];
          double x = label_width + hour * cell_width;

          cairo_set_source_rgb (cr, 0.94, 0.94, 0.94);
          cairo_rectangle (cr, x + 1, y + 1, cell_width - 2, cell_height - 2);
          cairo_fill (cr);
          if (count > 0 && maximum > 0)
            {
              set_bar_colour (cr, 0.15 + 0.85 * ((double) count / (double) maximum));
              cairo_rectangle (cr, x + 1, y + 1, cell_width - 2, cell_height - 2);
              cairo_fill (cr);
            }
        }
    }

  set_text_colour (cr);
  for (guint hour = 0; hour < N_HOURS; hour += 3)
    {
      g_autofree char *text = g_strdup_printf ("%uh", hour);

      show_text (self, cr, text, label_width + (hour + 0.5) * cell_width, hours_height / 2, 0.5,
                 NULL);
    }
}

static void
kiosk_usage_chart_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  KioskUsageChart *self = KIOSK_USAGE_CHART (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (width <= 2 * MARGIN || height <= 2 * MARGIN)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  if (self->kind == KIOSK_USAGE_CHART_WEEK)
    {
      gboolean empty = TRUE;

      for (guint i = 0; i < N_WEEKDAYS * N_HOURS; i++)
        empty &= self->week[i] == 0;
      if (empty)
        draw_empty (self, cr, width, height);
      else
        draw_week (self, cr, width, height);
    }
  else if (self->values->len == 0 || max_value (self) == 0)
    draw_empty (self, cr, width, height);
  else if (self->kind == KIOSK_USAGE_CHART_COLUMNS)
    draw_columns (self, cr, width, height);
  else
    draw_bars (self, cr, width, height);

  cairo_destroy (cr);
}

static void
kiosk_usage_chart_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  KioskUsageChart *self = KIOSK_USAGE_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 300;
      *natural = 520;
    }
  else if (self->kind == KIOSK_USAGE_CHART_BARS)
    {
      *minimum = 120;
      *natural = MAX (220, (int) (2 * MARGIN + self->values->len * (BAR_HEIGHT + 6)));
    }
  else
    {
      *minimum = 160;
      *natural = 220;
    }
}

static void
kiosk_usage_chart_finalize (GObject *object)
{
  KioskUsageChart *self = KIOSK_USAGE_CHART (object);

  g_clear_pointer (&self->values, g_array_unref);

  G_OBJECT_CLASS (kiosk_usage_chart_parent_class)->finalize (object);
}

static void
kiosk_usage_chart_class_init (KioskUsageChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = kiosk_usage_chart_finalize;
  widget_class->snapshot = kiosk_usage_chart_snapshot;
  widget_class->measure = kiosk_usage_chart_measure;
  gtk_widget_class_set_css_name (widget_class, "usage-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
kiosk_usage_chart_init (KioskUsageChart *self)
{
  self->values = g_array_new (FALSE, TRUE, sizeof (Value));
  g_array_set_clear_func (self->values, value_clear);
}

GtkWidget *
kiosk_usage_chart_new (KioskUsageChartKind kind)
{
  KioskUsageChart *self = g_object_new (KIOSK_TYPE_USAGE_CHART, NULL);

  self->kind = kind;
  return GTK_WIDGET (self);
}

void
kiosk_usage_chart_clear (KioskUsageChart *self)
{
  g_return_if_fail (KIOSK_IS_USAGE_CHART (self));

  g_array_set_size (self->values, 0);
  memset (self->week, 0, sizeof self->week);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
kiosk_usage_chart_add (KioskUsageChart *self,
                       const char      *label,
                       gint64           value)
{
  Value entry = { g_strdup (label), value };

  g_return_if_fail (KIOSK_IS_USAGE_CHART (self));

  g_array_append_val (self->values, entry);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/**
 * kiosk_usage_chart_set_week:
 * @self: a chart of kind %KIOSK_USAGE_CHART_WEEK
 * @week: 7 × 24 counts, Monday 0:00 first, hour by hour
 */
void
kiosk_usage_chart_set_week (KioskUsageChart *self,
                            const gint64    *week)
{
  g_return_if_fail (KIOSK_IS_USAGE_CHART (self));

  memcpy (self->week, week, sizeof self->week);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
