/* kiosk-text-size.c — A− and A+: the resident's text size, on the pages and the kiosk's screens
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-text-size"

#include "config.h"

#include "kiosk-text-size.h"

/* Text size steps offered by A− and A+; every session starts at 100 %.
 * They zoom the pages and scale the kiosk's own screens alike.
 */
static const double text_sizes[] = { 0.8, 1.0, 1.25, 1.5, 1.75, 2.0, 2.5 };
#define DEFAULT_TEXT_SIZE 1
/* Beyond this, a question's card no longer fits a 1280×800 screen. */
#define LARGEST_SCREEN_TEXT_SCALE 2.0
/* A question's answers grow with it, up to half as large again: two of
 * them still stand side by side under the question on the screen.
 */
#define LARGEST_ANSWER_SCALE 1.5

/* The size is a choice of the resident's, kept with their user session
 * (which zooms its pages) and wiped with it; this follows the session of
 * the moment, and makes the kiosk's own screens follow its size too.
 */
struct _KioskTextSize
{
  GObject            parent_instance;

  GdkDisplay        *display;
  GtkCssProvider    *provider;
  KioskUserSession  *user_session;
  KioskUsageCounter *counter;
};

G_DEFINE_FINAL_TYPE (KioskTextSize, kiosk_text_size, G_TYPE_OBJECT)

/* The step of text_sizes the resident's session is at. */
static guint
current_text_size (KioskTextSize *self)
{
  double scale;
  guint nearest = DEFAULT_TEXT_SIZE;

  if (self->user_session == NULL)
    return DEFAULT_TEXT_SIZE;

  scale = kiosk_user_session_get_text_scale (self->user_session);
  for (guint i = 0; i < G_N_ELEMENTS (text_sizes); i++)
    if (ABS (text_sizes[i] - scale) < ABS (text_sizes[nearest] - scale))
      nearest = i;
  return nearest;
}

/* The kiosk's own screens grow with the page: every point size under a
 * widget of class scales-with-text follows -gtk-dpi. The toolbar keeps
 * its size, so that its buttons stay where they were and fit the screen,
 * and so does the row of languages (fixed-text-size); the staff panel
 * too, as staff did not choose the size. A question's answers grow with
 * it, up to LARGEST_ANSWER_SCALE (their words go on two lines rather than
 * out of the screen).
 */
static void
apply_text_size (KioskTextSize *self)
{
  double scale = self->user_session != NULL ?
                 kiosk_user_session_get_text_scale (self->user_session) : 1.0;
  int xft_dpi = 0;
  double usual_dpi;
  g_autofree char *css = NULL;

  g_object_get (gtk_settings_get_for_display (self->display), "gtk-xft-dpi", &xft_dpi, NULL);
  usual_dpi = xft_dpi > 0 ? xft_dpi / 1024.0 : 96.0;
  /* Integers: a decimal point would be a comma in some locales. */
  css = g_strdup_printf (".scales-with-text { -gtk-dpi: %d; }\n"
                         ".scales-with-text .answer-buttons { -gtk-dpi: %d; }\n"
                         ".scales-with-text .fixed-text-size { -gtk-dpi: %d; }",
                         (int) (usual_dpi * MIN (scale, LARGEST_SCREEN_TEXT_SCALE) + 0.5),
                         (int) (usual_dpi * MIN (scale, LARGEST_ANSWER_SCALE) + 0.5),
                         (int) (usual_dpi + 0.5));
  gtk_css_provider_load_from_data (self->provider, css, -1);
}

static void
kiosk_text_size_dispose (GObject *object)
{
  KioskTextSize *self = KIOSK_TEXT_SIZE (object);

  if (self->provider != NULL)
    gtk_style_context_remove_provider_for_display (self->display,
                                                   GTK_STYLE_PROVIDER (self->provider));
  g_clear_object (&self->provider);
  g_clear_object (&self->user_session);
  g_clear_object (&self->counter);
  g_clear_object (&self->display);

  G_OBJECT_CLASS (kiosk_text_size_parent_class)->dispose (object);
}

static void
kiosk_text_size_class_init (KioskTextSizeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kiosk_text_size_dispose;
}

static void
kiosk_text_size_init (KioskTextSize *self)
{
}

/**
 * kiosk_text_size_new:
 * @display: the display of the kiosk's window
 *
 * Returns: (transfer full): the text size of the kiosk's screens on
 *   @display, at 100 % until a user session comes
 */
KioskTextSize *
kiosk_text_size_new (GdkDisplay *display)
{
  KioskTextSize *self;

  g_return_val_if_fail (GDK_IS_DISPLAY (display), NULL);

  self = g_object_new (KIOSK_TYPE_TEXT_SIZE, NULL);
  self->display = g_object_ref (display);
  self->provider = gtk_css_provider_new ();
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (self->provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  apply_text_size (self);
  return self;
}

/**
 * kiosk_text_size_set_user_session:
 * @self: a #KioskTextSize
 * @user_session: (nullable): the session of the moment, or %NULL between two
 * @counter: (nullable): where each change of size is counted
 *
 * Shows the kiosk's screens at @user_session's size: the size its
 * resident chose, or 100 % for a new one or none.
 */
void
kiosk_text_size_set_user_session (KioskTextSize     *self,
                                  KioskUserSession  *user_session,
                                  KioskUsageCounter *counter)
{
  g_return_if_fail (KIOSK_IS_TEXT_SIZE (self));
  g_return_if_fail (user_session == NULL || KIOSK_IS_USER_SESSION (user_session));
  g_return_if_fail (counter == NULL || KIOSK_IS_USAGE_COUNTER (counter));

  g_set_object (&self->user_session, user_session);
  g_set_object (&self->counter, counter);
  apply_text_size (self);
}

/**
 * kiosk_text_size_can_change:
 * @self: a #KioskTextSize
 * @steps: how many steps larger (negative: smaller)
 *
 * Returns: whether there is such a step from the size of now
 */
gboolean
kiosk_text_size_can_change (KioskTextSize *self,
                            int            steps)
{
  int text_size;

  g_return_val_if_fail (KIOSK_IS_TEXT_SIZE (self), FALSE);

  text_size = (int) current_text_size (self) + steps;
  return text_size >= 0 && text_size < (int) G_N_ELEMENTS (text_sizes);
}

/**
 * kiosk_text_size_change:
 * @self: a #KioskTextSize
 * @steps: how many steps larger (negative: smaller)
 *
 * Makes the text of the session's pages and of the kiosk's screens
 * larger or smaller, as far as the steps go, and counts the change.
 */
void
kiosk_text_size_change (KioskTextSize *self,
                        int            steps)
{
  int text_size;

  g_return_if_fail (KIOSK_IS_TEXT_SIZE (self));

  if (self->user_session == NULL)
    return;

  text_size = CLAMP ((int) current_text_size (self) + steps, 0,
                     (int) G_N_ELEMENTS (text_sizes) - 1);
  kiosk_user_session_set_text_scale (self->user_session, text_sizes[text_size]);
  apply_text_size (self);
  if (self->counter != NULL)
    kiosk_usage_counter_add (self->counter, KIOSK_METRIC_TEXT_SIZE_CHANGED, NULL, 1);
}
