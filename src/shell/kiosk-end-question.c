/* kiosk-end-question.c — "End your session?", asked before everything is erased
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-end-question"

#include "config.h"

#include "kiosk-end-question.h"

#include "kiosk-wrap-label.h"

#include <glib/gi18n.h>

/* "End my session" erases everything at once, so it asks first, and says
 * what will be lost: the resident's documents above all, which they may
 * still want to print. Its answers are the window's actions
 * (win.cancel-end-session, win.confirm-end-session).
 */
struct _KioskEndQuestion
{
  GtkWidget  parent_instance;

  GtkWidget *card;
  GtkLabel  *text_label;
  GtkButton *keep_button;
  GtkButton *end_button;
};

G_DEFINE_FINAL_TYPE (KioskEndQuestion, kiosk_end_question, GTK_TYPE_WIDGET)

static void
kiosk_end_question_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KIOSK_TYPE_END_QUESTION);

  G_OBJECT_CLASS (kiosk_end_question_parent_class)->dispose (object);
}

static void
kiosk_end_question_class_init (KioskEndQuestionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_end_question_dispose;

  g_type_ensure (KIOSK_TYPE_WRAP_LABEL);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/pimms/Kiosk/kiosk-end-question.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskEndQuestion, card);
  gtk_widget_class_bind_template_child (widget_class, KioskEndQuestion, text_label);
  gtk_widget_class_bind_template_child (widget_class, KioskEndQuestion, keep_button);
  gtk_widget_class_bind_template_child (widget_class, KioskEndQuestion, end_button);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
kiosk_end_question_init (KioskEndQuestion *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* An answer grows with the question's text size, on two lines rather
 * than out of the screen; screen readers hear it whole.
 */
static void
set_answer (GtkButton  *button,
            const char *answer)
{
  kiosk_wrap_label_set_label (KIOSK_WRAP_LABEL (gtk_button_get_child (button)), answer);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, answer,
                                  -1);
}

/**
 * kiosk_end_question_ask:
 * @self: a #KioskEndQuestion
 * @n_documents: how many documents the session has
 *
 * Shows the question, the answer that keeps the session ready to be
 * pressed.
 */
void
kiosk_end_question_ask (KioskEndQuestion *self,
                        guint             n_documents)
{
  g_autofree char *text = NULL;

  g_return_if_fail (KIOSK_IS_END_QUESTION (self));

  if (n_documents > 0)
    {
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "You have %u document. It will be erased: print it "
                                           "before you go if you need it.",
                                           "You have %u documents. They will be erased: print "
                                           "them before you go if you need them.",
                                           n_documents),
                              n_documents);
      set_answer (self->keep_button, _("Back to my documents"));
      set_answer (self->end_button, _("End anyway"));
    }
  else
    {
      text = g_strdup (_("Everything you did on this computer will be erased: the pages, the "
                         "accounts you opened, the documents."));
      set_answer (self->keep_button, _("No, go on"));
      set_answer (self->end_button, _("Yes, erase everything"));
    }

  gtk_label_set_label (self->text_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->keep_button));
}

/**
 * kiosk_end_question_get_text:
 * @self: a #KioskEndQuestion
 *
 * Returns: what the question says will be erased, as the user reads it
 */
const char *
kiosk_end_question_get_text (KioskEndQuestion *self)
{
  g_return_val_if_fail (KIOSK_IS_END_QUESTION (self), NULL);

  return gtk_label_get_label (self->text_label);
}
