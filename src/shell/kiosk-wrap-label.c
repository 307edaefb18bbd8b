/* kiosk-wrap-label.c — a label on one line when there is room, on two when there is not
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-wrap-label"

#include "config.h"

#include "kiosk-wrap-label.h"

/* The toolbar's words ("Terminer ma session") stay on one line on a wide
 * screen and go on two on a narrow one (1024 pixels) rather than out of
 * the window. A wrapping GtkLabel alone takes the narrowest width that
 * fits the height it is offered, so in a toolbar as tall as two lines it
 * would always wrap; this widget asks its label for its width whatever
 * the height: two lines at least, the whole line by choice.
 */
struct _KioskWrapLabel
{
  GtkWidget  parent_instance;

  GtkWidget *label;
};

G_DEFINE_FINAL_TYPE (KioskWrapLabel, kiosk_wrap_label, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkSizeRequestMode
kiosk_wrap_label_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
kiosk_wrap_label_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  KioskWrapLabel *self = KIOSK_WRAP_LABEL (widget);
  int one_line = 0;
  int low, high;

  /* Heights for the width given. */
  if (orientation == GTK_ORIENTATION_VERTICAL)
    {
      gtk_widget_measure (self->label, orientation, for_size, minimum, natural, minimum_baseline,
                          natural_baseline);
      return;
    }

  /* Widths for no height in particular: the whole line by choice, and at
   * least what two lines need (never three: a button's words stay
   * together, and a question's card stays short).
   */
  gtk_widget_measure (self->label, orientation, -1, minimum, natural, minimum_baseline,
                      natural_baseline);
  gtk_widget_measure (self->label, GTK_ORIENTATION_VERTICAL, *natural, &one_line, NULL, NULL,
                      NULL);
  low = *minimum;
  high = *natural;
  while (low < high)
    {
      int middle = low + (high - low) / 2;
      int height = 0;

      gtk_widget_measure (self->label, GTK_ORIENTATION_VERTICAL, middle, &height, NULL, NULL,
                          NULL);
      if (height <= 2 * one_line)
        high = middle;
      else
        low = middle + 1;
    }
  *minimum = low;
}

static void
kiosk_wrap_label_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  KioskWrapLabel *self = KIOSK_WRAP_LABEL (widget);

  gtk_widget_allocate (self->label, width, height, baseline, NULL);
}

static void
kiosk_wrap_label_dispose (GObject *object)
{
  KioskWrapLabel *self = KIOSK_WRAP_LABEL (object);

  g_clear_pointer (&self->label, gtk_widget_unparent);

  G_OBJECT_CLASS (kiosk_wrap_label_parent_class)->dispose (object);
}

static void
kiosk_wrap_label_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  KioskWrapLabel *self = KIOSK_WRAP_LABEL (object);

  switch (prop_id)
    {
    case PROP_LABEL:
      g_value_set_string (value, kiosk_wrap_label_get_label (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_wrap_label_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  KioskWrapLabel *self = KIOSK_WRAP_LABEL (object);

  switch (prop_id)
    {
    case PROP_LABEL:
      kiosk_wrap_label_set_label (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_wrap_label_class_init (KioskWrapLabelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_wrap_label_dispose;
  object_class->get_property = kiosk_wrap_label_get_property;
  object_class->set_property = kiosk_wrap_label_set_property;
  widget_class->get_request_mode = kiosk_wrap_label_get_request_mode;
  widget_class->measure = kiosk_wrap_label_measure;
  widget_class->size_allocate = kiosk_wrap_label_size_allocate;

  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kiosk_wrap_label_init (KioskWrapLabel *self)
{
  self->label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->label), TRUE);
  gtk_label_set_justify (GTK_LABEL (self->label), GTK_JUSTIFY_CENTER);
  /* Its natural width is the whole line, however long. */
  gtk_label_set_max_width_chars (GTK_LABEL (self->label), 200);
  gtk_widget_set_parent (self->label, GTK_WIDGET (self));
}

/**
 * kiosk_wrap_label_new:
 * @label: (nullable): the text
 *
 * Returns: (transfer floating): a new #KioskWrapLabel
 */
GtkWidget *
kiosk_wrap_label_new (const char *label)
{
  return g_object_new (KIOSK_TYPE_WRAP_LABEL, "label", label, NULL);
}

void
kiosk_wrap_label_set_label (KioskWrapLabel *self,
                            const char     *label)
{
  g_return_if_fail (KIOSK_IS_WRAP_LABEL (self));

  if (g_strcmp0 (label, kiosk_wrap_label_get_label (self)) == 0)
    return;

  gtk_label_set_label (GTK_LABEL (self->label), label);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
}

const char *
kiosk_wrap_label_get_label (KioskWrapLabel *self)
{
  g_return_val_if_fail (KIOSK_IS_WRAP_LABEL (self), NULL);

  return gtk_label_get_label (GTK_LABEL (self->label));
}
