/* kiosk-sign-in-question.c — a site's request for a user name and password
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-sign-in-question"

#include "config.h"

#include "kiosk-sign-in-question.h"

#include <glib/gi18n.h>

/* WebKit's HTTP authentication, asked over the page that wants it: the
 * site named, a user name and a password. What was typed goes to that
 * request only, and is cleared as soon as the question closes, whatever
 * the answer. Its buttons are the window's actions
 * (win.submit-authentication, win.cancel-authentication).
 */
struct _KioskSignInQuestion
{
  GtkWidget                    parent_instance;

  GtkWidget                   *card;
  GtkLabel                    *text_label;
  GtkEditable                 *user_entry;
  GtkEditable                 *password_entry;

  WebKitAuthenticationRequest *request;
};

G_DEFINE_FINAL_TYPE (KioskSignInQuestion, kiosk_sign_in_question, GTK_TYPE_WIDGET)

enum {
  ANSWERED,
  WITHDRAWN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
request_cancelled_cb (WebKitAuthenticationRequest *request,
                      KioskSignInQuestion         *self)
{
  /* The page went away meanwhile: nothing to answer any more, and the
   * resident said nothing either.
   */
  g_signal_handlers_disconnect_by_data (request, self);
  g_clear_object (&self->request);
  g_signal_emit (self, signals[WITHDRAWN], 0);
  kiosk_sign_in_question_answer (self, FALSE);
}

static void
entry_activate_cb (GtkEditable         *entry,
                   KioskSignInQuestion *self)
{
  /* Enter in the name goes to the password; Enter there signs in. */
  if (entry == self->user_entry)
    gtk_widget_grab_focus (GTK_WIDGET (self->password_entry));
  else
    kiosk_sign_in_question_answer (self, TRUE);
}

static void
kiosk_sign_in_question_dispose (GObject *object)
{
  KioskSignInQuestion *self = KIOSK_SIGN_IN_QUESTION (object);

  if (self->request != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->request, self);
      webkit_authentication_request_cancel (self->request);
    }
  g_clear_object (&self->request);
  gtk_widget_dispose_template (GTK_WIDGET (self), KIOSK_TYPE_SIGN_IN_QUESTION);

  G_OBJECT_CLASS (kiosk_sign_in_question_parent_class)->dispose (object);
}

static void
kiosk_sign_in_question_class_init (KioskSignInQuestionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_sign_in_question_dispose;

  /**
   * KioskSignInQuestion::answered:
   * @self: the question
   * @signed_in: %TRUE if the site got the user name and password, %FALSE
   *   if the resident cancelled or the kiosk cancelled for them
   */
  signals[ANSWERED] =
    g_signal_new ("answered",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  /**
   * KioskSignInQuestion::withdrawn:
   * @self: the question
   *
   * The page took its request back before the resident answered.
   */
  signals[WITHDRAWN] =
    g_signal_new ("withdrawn",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/pimms/Kiosk/kiosk-sign-in-question.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskSignInQuestion, card);
  gtk_widget_class_bind_template_child (widget_class, KioskSignInQuestion, text_label);
  gtk_widget_class_bind_template_child (widget_class, KioskSignInQuestion, user_entry);
  gtk_widget_class_bind_template_child (widget_class, KioskSignInQuestion, password_entry);
  gtk_widget_class_bind_template_callback (widget_class, entry_activate_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
kiosk_sign_in_question_init (KioskSignInQuestion *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * kiosk_sign_in_question_ask:
 * @self: a #KioskSignInQuestion
 * @request: the page's request
 *
 * Shows the question over the page until the resident answers, or the
 * page takes its request back.
 */
void
kiosk_sign_in_question_ask (KioskSignInQuestion         *self,
                            WebKitAuthenticationRequest *request)
{
  g_autofree char *text = NULL;

  g_return_if_fail (KIOSK_IS_SIGN_IN_QUESTION (self));
  g_return_if_fail (WEBKIT_IS_AUTHENTICATION_REQUEST (request));

  kiosk_sign_in_question_answer (self, FALSE);

  self->request = g_object_ref (request);
  g_signal_connect (request, "cancelled", G_CALLBACK (request_cancelled_cb), self);

  text = g_strdup_printf (_("The site %s asks for your user name and password."),
                          webkit_authentication_request_get_host (request));
  gtk_label_set_label (self->text_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->user_entry));
}

/**
 * kiosk_sign_in_question_answer:
 * @self: a #KioskSignInQuestion
 * @sign_in: whether to send what was typed
 *
 * Answers (or drops) the pending request, if there is one, and hides;
 * what was typed is cleared at once, never kept.
 */
void
kiosk_sign_in_question_answer (KioskSignInQuestion *self,
                               gboolean             sign_in)
{
  g_return_if_fail (KIOSK_IS_SIGN_IN_QUESTION (self));

  if (self->request != NULL)
    {
      g_autoptr(WebKitAuthenticationRequest) request = g_steal_pointer (&self->request);

      g_signal_handlers_disconnect_by_data (request, self);
      g_signal_emit (self, signals[ANSWERED], 0, sign_in);

      if (sign_in)
        {
          g_autoptr(WebKitCredential) credential = NULL;

          credential = webkit_credential_new (gtk_editable_get_text (self->user_entry),
                                              gtk_editable_get_text (self->password_entry),
                                              WEBKIT_CREDENTIAL_PERSISTENCE_FOR_SESSION);
          webkit_authentication_request_authenticate (request, credential);
        }
      else
        webkit_authentication_request_cancel (request);
    }

  gtk_editable_set_text (self->user_entry, "");
  gtk_editable_set_text (self->password_entry, "");
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

/**
 * kiosk_sign_in_question_get_text:
 * @self: a #KioskSignInQuestion
 *
 * Returns: the question, naming the site, as the user reads it
 */
const char *
kiosk_sign_in_question_get_text (KioskSignInQuestion *self)
{
  g_return_val_if_fail (KIOSK_IS_SIGN_IN_QUESTION (self), NULL);

  return gtk_label_get_label (self->text_label);
}
