/* kiosk-reading-ruler.c — the sentence heard, marked over the page that is read aloud
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * While Écouter reads a page, the sentence being heard is tinted yellow,
 * as with a highlighter, so that the resident can follow it with the
 * eyes. The kiosk draws it above the web view, from the boxes of the
 * sentence's lines that its own script world measures: nothing is added
 * to the page, nor to anything its scripts can read (a highlight of the
 * page's own, CSS.highlights, would tell the site that the resident
 * listens, and what). It takes no input: a tap goes to the page.
 */
#define G_LOG_DOMAIN "kiosk-window"

#include "config.h"

#include "kiosk-reading-ruler.h"

/* A highlighter's yellow, drawn over the text (a widget cannot draw
 * under the page's): light enough that black text through it keeps a
 * contrast of 5.7 to 1 with it; and a line under each line of the
 * sentence, which any eye finds.
 */
static const GdkRGBA ruler_color = { 1.0, 0.84, 0.0, 0.35 };
static const GdkRGBA underline_color = { 0.90, 0.65, 0.04, 1.0 };
#define UNDERLINE 3.0f
/* Around each line's box, so that accents and descenders are inside. */
#define MARGIN 2.0f

struct _KioskReadingRuler
{
  GtkWidget  parent_instance;

  GtkWidget *view;    /* weak: the web view read */
  GArray    *boxes;   /* graphene_rect_t, in the view's coordinates */
};

G_DEFINE_FINAL_TYPE (KioskReadingRuler, kiosk_reading_ruler, GTK_TYPE_WIDGET)

static void
kiosk_reading_ruler_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  KioskReadingRuler *self = KIOSK_READING_RULER (widget);
  graphene_rect_t view_bounds;

  if (self->view == NULL || self->boxes->len == 0 ||
      !gtk_widget_get_mapped (self->view) ||
      !gtk_widget_compute_bounds (self->view, widget, &view_bounds))
    return;

  /* Never over the toolbar or a question: only over the page. */
  gtk_snapshot_push_clip (snapshot, &view_bounds);
  for (guint i = 0; i < self->boxes->len; i++)
    {
      graphene_rect_t box = g_array_index (self->boxes, graphene_rect_t, i);

      graphene_rect_offset (&box, view_bounds.origin.x, view_bounds.origin.y);
      graphene_rect_inset (&box, -MARGIN, -MARGIN);
      gtk_snapshot_append_color (snapshot, &ruler_color, &box);
      gtk_snapshot_append_color (snapshot, &underline_color,
                                 &GRAPHENE_RECT_INIT (box.origin.x,
                                                      box.origin.y + box.size.height,
                                                      box.size.width, UNDERLINE));
    }
  gtk_snapshot_pop (snapshot);
}

static void
kiosk_reading_ruler_dispose (GObject *object)
{
  KioskReadingRuler *self = KIOSK_READING_RULER (object);

  g_clear_weak_pointer (&self->view);

  G_OBJECT_CLASS (kiosk_reading_ruler_parent_class)->dispose (object);
}

static void
kiosk_reading_ruler_finalize (GObject *object)
{
  KioskReadingRuler *self = KIOSK_READING_RULER (object);

  g_array_unref (self->boxes);

  G_OBJECT_CLASS (kiosk_reading_ruler_parent_class)->finalize (object);
}

static void
kiosk_reading_ruler_class_init (KioskReadingRulerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_reading_ruler_dispose;
  object_class->finalize = kiosk_reading_ruler_finalize;
  widget_class->snapshot = kiosk_reading_ruler_snapshot;
}

static void
kiosk_reading_ruler_init (KioskReadingRuler *self)
{
  self->boxes = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
  gtk_widget_set_can_focus (GTK_WIDGET (self), FALSE);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
}

/**
 * kiosk_reading_ruler_show:
 * @self: a #KioskReadingRuler
 * @view: the web view read aloud
 * @boxes: (array length=n_boxes): the boxes of the sentence's lines, in
 *   @view's coordinates
 * @n_boxes: how many
 *
 * Marks the sentence heard, in place of the one before.
 */
void
kiosk_reading_ruler_show (KioskReadingRuler     *self,
                          GtkWidget             *view,
                          const graphene_rect_t *boxes,
                          guint                  n_boxes)
{
  g_return_if_fail (KIOSK_IS_READING_RULER (self));
  g_return_if_fail (GTK_IS_WIDGET (view));

  g_set_weak_pointer (&self->view, view);
  g_array_set_size (self->boxes, 0);
  g_array_append_vals (self->boxes, boxes, n_boxes);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * kiosk_reading_ruler_hide:
 * @self: a #KioskReadingRuler
 *
 * Nothing is marked any more.
 */
void
kiosk_reading_ruler_hide (KioskReadingRuler *self)
{
  g_return_if_fail (KIOSK_IS_READING_RULER (self));

  g_clear_weak_pointer (&self->view);
  g_array_set_size (self->boxes, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
