/* kiosk-idle-question.c — "Are you still there?", counting down to the wipe
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-idle-question"

#include "config.h"

#include "kiosk-idle-question.h"

#include "kiosk-chime.h"

#include <glib/gi18n.h>

/* After a while without input, the session is about to be erased: this
 * says so over everything, with the seconds left, and Continue keeps it.
 * Any input anywhere keeps it too: the station's clock decides, this
 * only shows it.
 */
struct _KioskIdleQuestion
{
  GtkWidget  parent_instance;

  GtkWidget *card;
  GtkLabel  *text_label;
  GtkLabel  *seconds_label;
  GtkWidget *desk_label;
  GtkWidget *finished_button;
  GtkWidget *continue_button;
  KioskChime *chime;       /* made when first asked */
};

G_DEFINE_FINAL_TYPE (KioskIdleQuestion, kiosk_idle_question, GTK_TYPE_WIDGET)

static void
kiosk_idle_question_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KIOSK_TYPE_IDLE_QUESTION);
  g_clear_object (&KIOSK_IDLE_QUESTION (object)->chime);

  G_OBJECT_CLASS (kiosk_idle_question_parent_class)->dispose (object);
}

static void
kiosk_idle_question_class_init (KioskIdleQuestionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_idle_question_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/pimms/Kiosk/kiosk-idle-question.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskIdleQuestion, card);
  gtk_widget_class_bind_template_child (widget_class, KioskIdleQuestion, text_label);
  gtk_widget_class_bind_template_child (widget_class, KioskIdleQuestion, seconds_label);
  gtk_widget_class_bind_template_child (widget_class, KioskIdleQuestion, desk_label);
  gtk_widget_class_bind_template_child (widget_class, KioskIdleQuestion, finished_button);
  gtk_widget_class_bind_template_child (widget_class, KioskIdleQuestion, continue_button);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  /* An alert: screen readers say it when it appears. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_ALERT);
}

static void
kiosk_idle_question_init (KioskIdleQuestion *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * kiosk_idle_question_ask:
 * @self: a #KioskIdleQuestion
 *
 * Shows the question, Continue ready to be pressed.
 */
void
kiosk_idle_question_ask (KioskIdleQuestion *self)
{
  g_return_if_fail (KIOSK_IS_IDLE_QUESTION (self));

  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  gtk_widget_grab_focus (self->continue_button);

  /* Someone who looks away from the screen, or reads little, hears it. */
  kiosk_chime_play (kiosk_idle_question_get_chime (self), KIOSK_CHIME_ATTENTION);
}

/**
 * kiosk_idle_question_get_chime:
 * @self: a #KioskIdleQuestion
 *
 * Returns: (transfer none): what the question plays when it appears
 */
KioskChime *
kiosk_idle_question_get_chime (KioskIdleQuestion *self)
{
  g_return_val_if_fail (KIOSK_IS_IDLE_QUESTION (self), NULL);

  if (self->chime == NULL)
    self->chime = kiosk_chime_new ();
  return self->chime;
}

/**
 * kiosk_idle_question_set_seconds_left:
 * @self: a #KioskIdleQuestion
 * @seconds_left: the seconds before the session is erased
 *
 * Says how long the resident has left to answer.
 */
void
kiosk_idle_question_set_seconds_left (KioskIdleQuestion *self,
                                      int                seconds_left)
{
  g_autofree char *text = NULL;

  g_return_if_fail (KIOSK_IS_IDLE_QUESTION (self));

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Your session will be erased in %d second.",
                                       "Your session will be erased in %d seconds.",
                                       seconds_left),
                          seconds_left);
  gtk_label_set_label (self->text_label, text);

  /* The seconds left, big enough to read across the room. */
  g_free (text);
  text = g_strdup_printf ("%d", seconds_left);
  gtk_label_set_label (self->seconds_label, text);
}

/**
 * kiosk_idle_question_get_text:
 * @self: a #KioskIdleQuestion
 *
 * Returns: the countdown, as the user reads it
 */
/**
 * kiosk_idle_question_set_asked_by_desk:
 * @self: a #KioskIdleQuestion
 * @asked: whether the desk asks (kiosk_station_ask_to_end()) rather than
 *   the idle clock
 *
 * The desk asks whoever sits there before it ends a session: the
 * question says why, and lets them say they have finished.
 */
void
kiosk_idle_question_set_asked_by_desk (KioskIdleQuestion *self,
                                       gboolean           asked)
{
  g_return_if_fail (KIOSK_IS_IDLE_QUESTION (self));

  gtk_widget_set_visible (self->desk_label, asked);
  gtk_widget_set_visible (self->finished_button, asked);
}

gboolean
kiosk_idle_question_get_asked_by_desk (KioskIdleQuestion *self)
{
  g_return_val_if_fail (KIOSK_IS_IDLE_QUESTION (self), FALSE);

  return gtk_widget_get_visible (self->desk_label);
}

const char *
kiosk_idle_question_get_text (KioskIdleQuestion *self)
{
  g_return_val_if_fail (KIOSK_IS_IDLE_QUESTION (self), NULL);

  return gtk_label_get_label (self->text_label);
}
