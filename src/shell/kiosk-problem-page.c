/* kiosk-problem-page.c — the page in place of one that is refused or cannot be shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-problem-page"

#include "config.h"

#include "kiosk-problem-page.h"

#include <glib/gi18n.h>

/* Where a page should be and is not: a site that is not on the list
 * ("the refusal page"), a connection that is not safe, no connection at
 * all, a page that stopped. It says so in plain words, with a picture,
 * and offers a way on: back to the page before, trying again where that
 * may help, or the home screen.
 */
struct _KioskProblemPage
{
  GtkWidget  parent_instance;

  GtkWidget *scroller;
  GtkImage  *picture;
  GtkLabel  *title_label;
  GtkLabel  *text_label;
  GtkLabel  *place_label;
  GtkWidget *back_button;
  GtkWidget *retry_button;
};

G_DEFINE_FINAL_TYPE (KioskProblemPage, kiosk_problem_page, GTK_TYPE_WIDGET)

static void
show_problem (KioskProblemPage *self,
              const char       *icon_name,
              const char       *title,
              const char       *text,
              const char       *place,
              gboolean          can_retry)
{
  gtk_image_set_from_icon_name (self->picture, icon_name);
  gtk_label_set_label (self->title_label, title);
  gtk_label_set_label (self->text_label, text);
  gtk_label_set_label (self->place_label, place != NULL ? place : "");
  gtk_widget_set_visible (GTK_WIDGET (self->place_label), place != NULL);
  gtk_widget_set_visible (self->back_button, !can_retry);
  gtk_widget_set_visible (self->retry_button, can_retry);
}

/* The way on the page offers first: trying again where that may help,
 * back to the page before otherwise.
 */
static gboolean
kiosk_problem_page_grab_focus (GtkWidget *widget)
{
  KioskProblemPage *self = KIOSK_PROBLEM_PAGE (widget);

  return gtk_widget_grab_focus (gtk_widget_get_visible (self->retry_button) ? self->retry_button
                                                                            : self->back_button);
}

static void
kiosk_problem_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KIOSK_TYPE_PROBLEM_PAGE);

  G_OBJECT_CLASS (kiosk_problem_page_parent_class)->dispose (object);
}

static void
kiosk_problem_page_class_init (KioskProblemPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_problem_page_dispose;
  widget_class->grab_focus = kiosk_problem_page_grab_focus;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/pimms/Kiosk/kiosk-problem-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskProblemPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, KioskProblemPage, picture);
  gtk_widget_class_bind_template_child (widget_class, KioskProblemPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, KioskProblemPage, text_label);
  gtk_widget_class_bind_template_child (widget_class, KioskProblemPage, place_label);
  gtk_widget_class_bind_template_child (widget_class, KioskProblemPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, KioskProblemPage, retry_button);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
kiosk_problem_page_init (KioskProblemPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * kiosk_problem_page_set_refusal:
 * @self: a #KioskProblemPage
 * @scheme: (nullable): the scheme of the address refused
 * @place: (nullable): what the address names: a site, an e-mail address,
 *   a phone number
 *
 * Says that this computer does not open what was asked for.
 */
void
kiosk_problem_page_set_refusal (KioskProblemPage *self,
                                const char       *scheme,
                                const char       *place)
{
  g_autofree char *text = NULL;

  g_return_if_fail (KIOSK_IS_PROBLEM_PAGE (self));

  /* The site is shown so that a mediator knows which one was asked for;
   * an e-mail address or a phone number, so that the resident can note it
   * (nothing is handed to another application). Never logged or stored.
   */
  if (place == NULL)
    text = NULL;
  else if (g_strcmp0 (scheme, "mailto") == 0)
    text = g_strdup_printf (_("E-mail address to note: %s"), place);
  else if (g_strcmp0 (scheme, "tel") == 0 || g_strcmp0 (scheme, "sms") == 0)
    text = g_strdup_printf (_("Phone number to note: %s"), place);
  else
    text = g_strdup (place);

  show_problem (self, "pimms-refused", _("This site is not available on this computer"),
                _("This computer only opens the public services on its home screen. "
                  "If you need this site, ask a mediator at the desk."),
                text, FALSE);
}

/**
 * kiosk_problem_page_set_problem:
 * @self: a #KioskProblemPage
 * @problem: why a page of an allowed site is not shown
 * @host: (nullable): the site of the page
 *
 * Says why the page is not shown, offering to try again where that may
 * help.
 */
void
kiosk_problem_page_set_problem (KioskProblemPage *self,
                                KioskPageProblem  problem,
                                const char       *host)
{
  gboolean can_retry = problem != KIOSK_PAGE_PROBLEM_INSECURE &&
                       problem != KIOSK_PAGE_PROBLEM_CLIENT_CERTIFICATE &&
                       problem != KIOSK_PAGE_PROBLEM_PAYMENT_STOPPED;

  g_return_if_fail (KIOSK_IS_PROBLEM_PAGE (self));

  switch (problem)
    {
    case KIOSK_PAGE_PROBLEM_INSECURE:
      show_problem (self, "pimms-refused", _("This connection is not safe"),
                    _("This site could not prove who it is, so it is not opened, to protect "
                      "your information. Try again later; if it goes on, tell a mediator."),
                    host, can_retry);
      break;
    case KIOSK_PAGE_PROBLEM_CLIENT_CERTIFICATE:
      show_problem (self, "pimms-refused",
                    _("This site asks for a certificate: that is not possible on this "
                      "computer"),
                    _("This site wants a proof of who you are that this computer does not "
                      "have. Sign in another way, or ask a mediator at the desk."),
                    host, can_retry);
      break;
    case KIOSK_PAGE_PROBLEM_NO_CONNECTION:
      show_problem (self, "pimms-no-connection", _("No connection"),
                    _("This site cannot be reached right now: the Internet connection or the "
                      "site is not answering. Try again in a moment; if it goes on, tell a "
                      "mediator."),
                    host, can_retry);
      break;
    case KIOSK_PAGE_PROBLEM_PAYMENT_STOPPED:
      show_problem (self, "pimms-refused", _("The payment cannot go on on this computer"),
                    _("Your bank wanted to go on with the payment on a page this computer "
                      "does not open. Ask a mediator at the desk: they can help you pay "
                      "another way."),
                    host, can_retry);
      break;
    case KIOSK_PAGE_PROBLEM_STOPPED:
    default:
      show_problem (self, "pimms-page-stopped", _("This page stopped"),
                    _("The page had a problem and closed. Try again; if it happens again, "
                      "tell a mediator."),
                    host, can_retry);
      break;
    }
}

/**
 * kiosk_problem_page_get_title:
 * @self: a #KioskProblemPage
 *
 * Returns: the title of the page, as the user reads it
 */
const char *
kiosk_problem_page_get_title (KioskProblemPage *self)
{
  g_return_val_if_fail (KIOSK_IS_PROBLEM_PAGE (self), NULL);

  return gtk_label_get_label (self->title_label);
}

/**
 * kiosk_problem_page_get_place:
 * @self: a #KioskProblemPage
 *
 * Returns: (nullable): what the page names, as the user reads it
 */
const char *
kiosk_problem_page_get_place (KioskProblemPage *self)
{
  g_return_val_if_fail (KIOSK_IS_PROBLEM_PAGE (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->place_label)))
    return NULL;
  return gtk_label_get_label (self->place_label);
}
