/* kiosk-print-flow.c — printing a document or a page, the kiosk's way
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-print-flow"

#include "config.h"

#include "kiosk-print-flow.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtk/gtkunixprint.h>
#include <poppler.h>

/* GTK's print dialog offers "Print to File" (a way to save anything
 * anywhere) and a preview program; WebKit's shows it for window.print().
 * The kiosk never shows it. Everything to print becomes a PDF first — a
 * document of the session as it is, a web page rendered by WebKit into
 * the session's folder — so that its pages can be counted against
 * MaxPrintPages before anything is sent; then the PDF goes as one job to
 * the station's printer (Printer=, or the system's default), chosen by the
 * kiosk, never by the page or the resident.
 *
 * GtkPrintOperation is not used to send the job: in GTK 4.8 it reads freed
 * memory when the print settings name the printer, so the flow finds the
 * GtkPrinter itself and sends a GtkPrintJob, which is what the operation
 * does underneath.
 */
struct _KioskPrintFlow
{
  GtkWidget             parent_instance;

  GtkWidget            *card;
  GtkLabel             *title_label;
  GtkLabel             *text_label;
  GtkSpinner           *spinner;
  GtkWidget            *confirm_buttons;
  GtkWidget            *print_button;
  GtkWidget            *close_button;

  KioskConfig          *config;
  KioskUserSession     *user_session;
  const char           *step;
  guint                 generation;
  char                 *pdf_path;
  char                 *temporary_pdf;
  guint                 n_pages;
  gboolean              printing_page;
  gboolean              confirmed;
  gboolean              looking_for_pdf_writer;
  GtkPrinter           *pdf_writer;
};

G_DEFINE_FINAL_TYPE (KioskPrintFlow, kiosk_print_flow, GTK_TYPE_WIDGET)

enum {
  CLOSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Print servers log job titles; a document's name can name a person. */
#define JOB_TITLE "Pimms Kiosk"

typedef void (*PrinterFound) (KioskPrintFlow *self,
                              GtkPrinter     *printer);

typedef struct
{
  KioskPrintFlow *self;
  guint           generation;
  GPtrArray      *printers;
  gboolean        want_virtual;
  gboolean        for_job;
  PrinterFound    callback;
} PrinterSearch;

static void
show_step (KioskPrintFlow *self,
           const char     *step,
           const char     *title,
           const char     *text)
{
  gboolean asking = g_strcmp0 (step, "confirm") == 0;
  gboolean busy = g_strcmp0 (step, "preparing") == 0 || g_strcmp0 (step, "printing") == 0;

  self->step = step;
  gtk_label_set_label (self->title_label, title);
  gtk_label_set_label (self->text_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->text_label), text != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (self->confirm_buttons, asking);
  gtk_widget_set_visible (self->close_button, !asking && !busy);
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);

  if (asking)
    gtk_widget_grab_focus (self->print_button);
  else if (!busy)
    gtk_widget_grab_focus (self->close_button);
}

static void
fail (KioskPrintFlow *self,
      const char     *title,
      const char     *text)
{
  show_step (self, "failed", title, text);
}

static void
fail_to_print (KioskPrintFlow *self,
               const char     *why)
{
  /* Why, for staff in the journal; never what was printed. */
  g_warning ("Printing failed: %s", why);
  fail (self, _("Printing did not work"),
        _("Nothing was printed. Please ask a mediator at the desk."));
}

static void
forget_job (KioskPrintFlow *self)
{
  /* Late answers of a job or a search that was given up are ignored. */
  self->generation++;

  if (self->temporary_pdf != NULL)
    g_unlink (self->temporary_pdf);
  g_clear_pointer (&self->temporary_pdf, g_free);
  g_clear_pointer (&self->pdf_path, g_free);
  g_clear_object (&self->user_session);
  self->n_pages = 0;
  self->printing_page = FALSE;
  self->confirmed = FALSE;
}

static guint
pages_left (KioskPrintFlow *self)
{
  guint allowed = kiosk_config_get_max_print_pages (self->config);
  guint printed = kiosk_user_session_get_printed_pages (self->user_session);

  return printed < allowed ? allowed - printed : 0;
}

static gboolean
printer_listed_cb (GtkPrinter *printer,
                   gpointer    user_data)
{
  PrinterSearch *search = user_data;

  g_ptr_array_add (search->printers, g_object_ref (printer));
  return FALSE;
}

/* The station's printer: the one named by Printer=, or else the system's
 * default, or else the only one. Never a "printer" that writes files.
 */
static GtkPrinter *
choose_printer (GPtrArray  *printers,
                gboolean    want_virtual,
                const char *wanted)
{
  GtkPrinter *first = NULL;

  for (guint i = 0; i < printers->len; i++)
    {
      GtkPrinter *printer = printers->pdata[i];

      if (gtk_printer_is_virtual (printer) != want_virtual)
        continue;
      if (want_virtual)
        {
          if (gtk_printer_accepts_pdf (printer))
            return printer;
          continue;
        }
      if (wanted != NULL)
        {
          if (g_strcmp0 (gtk_printer_get_name (printer), wanted) == 0)
            return printer;
          continue;
        }
      if (gtk_printer_is_default (printer))
        return printer;
      if (first == NULL)
        first = printer;
    }

  return first;
}

static void
printer_search_done_cb (gpointer user_data)
{
  PrinterSearch *search = user_data;
  KioskPrintFlow *self = search->self;

  if (!search->for_job || search->generation == self->generation)
    {
      const char *wanted = kiosk_config_get_printer (self->config);

      search->callback (self, choose_printer (search->printers, search->want_virtual, wanted));
    }

  g_ptr_array_unref (search->printers);
  g_object_unref (search->self);
  g_free (search);
}

/* The job's printer, or (want_virtual) GTK's printer that writes PDF
 * files, which only ever writes into the session's folder.
 */
static void
find_printer (KioskPrintFlow *self,
              gboolean        want_virtual,
              PrinterFound    callback)
{
  PrinterSearch *search = g_new0 (PrinterSearch, 1);

  search->self = g_object_ref (self);
  search->generation = self->generation;
  search->printers = g_ptr_array_new_with_free_func (g_object_unref);
  search->want_virtual = want_virtual;
  search->for_job = !want_virtual;
  search->callback = callback;

  gtk_enumerate_printers (printer_listed_cb, search, printer_search_done_cb, FALSE);
}

static void
ask_to_print (KioskPrintFlow *self,
              const char     *pdf_path)
{
  g_autofree char *uri = g_filename_to_uri (pdf_path, NULL, NULL);
  g_autoptr(GObject) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint left;

  if (uri != NULL)
    document = G_OBJECT (poppler_document_new_from_file (uri, NULL, &error));
  if (document == NULL || poppler_document_get_n_pages (POPPLER_DOCUMENT (document)) <= 0)
    {
      g_warning ("Cannot read a document to print: %s", error != NULL ? error->message : "empty");
      fail (self, _("This document cannot be printed"),
            _("It could not be read. Please ask a mediator at the desk."));
      return;
    }

  self->pdf_path = g_strdup (pdf_path);
  self->n_pages = poppler_document_get_n_pages (POPPLER_DOCUMENT (document));
  left = pages_left (self);

  if (self->n_pages > left)
    {
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "This document has %u pages, but only %u more "
                                           "page can be printed during one session here. "
                                           "Please ask a mediator at the desk.",
                                           "This document has %u pages, but only %u more "
                                           "pages can be printed during one session here. "
                                           "Please ask a mediator at the desk.",
                                           left),
                              self->n_pages, left);
      fail (self, _("Too many pages"), text);
      return;
    }

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u page will be printed. It is free.",
                                       "%u pages will be printed. It is free.",
                                       self->n_pages),
                          self->n_pages);
  show_step (self, "confirm",
             self->printing_page ? _("Print this page?") : _("Print this document?"), text);
}

static void
job_sent_cb (GtkPrintJob  *job,
             gpointer      user_data,
             const GError *error)
{
  KioskPrintFlow *self = user_data;
  guint generation = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (job), "kiosk-generation"));

  if (generation != self->generation)
    return;

  if (error != NULL)
    {
      fail_to_print (self, error->message);
      return;
    }

  kiosk_user_session_count_printed_pages (self->user_session, self->n_pages);
  show_step (self, "done", _("Your pages are being printed"),
             _("Collect them at the printer. If nothing comes out, ask a mediator at the desk."));
}

static void
send_to_printer (KioskPrintFlow *self,
                 GtkPrinter     *printer)
{
  g_autoptr(GtkPrintSettings) settings = NULL;
  g_autoptr(GtkPageSetup) page_setup = NULL;
  g_autoptr(GtkPrintJob) job = NULL;
  g_autoptr(GError) error = NULL;

  if (printer == NULL)
    {
      fail (self, _("No printer is ready"),
            _("Please ask a mediator at the desk."));
      return;
    }

  if (!gtk_printer_is_accepting_jobs (printer) || gtk_printer_is_paused (printer))
    {
      fail (self, _("The printer is not ready"),
            _("Nothing was printed. Please ask a mediator at the desk."));
      return;
    }

  settings = gtk_print_settings_new ();
  gtk_print_settings_set_printer (settings, gtk_printer_get_name (printer));
  gtk_print_settings_set_n_copies (settings, 1);
  page_setup = gtk_page_setup_new ();

  job = gtk_print_job_new (JOB_TITLE, printer, settings, page_setup);
  if (!gtk_print_job_set_source_file (job, self->pdf_path, &error))
    {
      fail_to_print (self, error->message);
      return;
    }

  g_object_set_data (G_OBJECT (job), "kiosk-generation", GUINT_TO_POINTER (self->generation));
  gtk_print_job_send (job, job_sent_cb, g_object_ref (self), g_object_unref);
}

static void
confirm_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  KioskPrintFlow *self = KIOSK_PRINT_FLOW (widget);

  if (g_strcmp0 (self->step, "confirm") != 0 || self->pdf_path == NULL)
    return;

  self->confirmed = TRUE;
  show_step (self, "printing", _("Printing…"), NULL);
  find_printer (self, FALSE, send_to_printer);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  kiosk_print_flow_cancel (KIOSK_PRINT_FLOW (widget));
}

static gboolean
may_print (KioskPrintFlow *self)
{
  if (kiosk_config_get_max_print_pages (self->config) == 0)
    {
      fail (self, _("Printing is not available on this computer"),
            _("Please ask a mediator at the desk."));
      return FALSE;
    }
  return TRUE;
}

static void
kiosk_print_flow_dispose (GObject *object)
{
  KioskPrintFlow *self = KIOSK_PRINT_FLOW (object);

  forget_job (self);
  g_clear_object (&self->config);
  g_clear_object (&self->pdf_writer);
  gtk_widget_dispose_template (GTK_WIDGET (self), KIOSK_TYPE_PRINT_FLOW);

  G_OBJECT_CLASS (kiosk_print_flow_parent_class)->dispose (object);
}

static void
kiosk_print_flow_class_init (KioskPrintFlowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_print_flow_dispose;

  /**
   * KioskPrintFlow::closed:
   * @self: the flow
   * @printed: %TRUE if the resident pressed Print, %FALSE if they said
   *   no, closed a message, or the kiosk closed the flow for them
   */
  signals[CLOSED] =
    g_signal_new ("closed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/pimms/Kiosk/kiosk-print-flow.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskPrintFlow, card);
  gtk_widget_class_bind_template_child (widget_class, KioskPrintFlow, title_label);
  gtk_widget_class_bind_template_child (widget_class, KioskPrintFlow, text_label);
  gtk_widget_class_bind_template_child (widget_class, KioskPrintFlow, spinner);
  gtk_widget_class_bind_template_child (widget_class, KioskPrintFlow, confirm_buttons);
  gtk_widget_class_bind_template_child (widget_class, KioskPrintFlow, print_button);
  gtk_widget_class_bind_template_child (widget_class, KioskPrintFlow, close_button);

  gtk_widget_class_install_action (widget_class, "print.confirm", NULL, confirm_action);
  gtk_widget_class_install_action (widget_class, "print.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "print.cancel", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DIALOG);
}

static void
kiosk_print_flow_init (KioskPrintFlow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static void
pdf_writer_found (KioskPrintFlow *self,
                  GtkPrinter     *printer)
{
  g_set_object (&self->pdf_writer, printer);
  self->looking_for_pdf_writer = FALSE;
}

/**
 * kiosk_print_flow_set_config:
 * @self: a #KioskPrintFlow
 * @config: the station's config (Printer=, MaxPrintPages=)
 */
void
kiosk_print_flow_set_config (KioskPrintFlow *self,
                             KioskConfig    *config)
{
  g_return_if_fail (KIOSK_IS_PRINT_FLOW (self));
  g_return_if_fail (KIOSK_IS_CONFIG (config));

  g_set_object (&self->config, config);
}

/**
 * kiosk_print_flow_prepare:
 * @self: a #KioskPrintFlow
 *
 * Looks for GTK's printer that writes PDF files, once, when a resident
 * starts using the station: it must be known before anything is printed,
 * as a page's own print operation runs while the page waits for it, but
 * loading GTK's print backends has no place in the kiosk's start-up.
 */
void
kiosk_print_flow_prepare (KioskPrintFlow *self)
{
  g_return_if_fail (KIOSK_IS_PRINT_FLOW (self));

  if (self->pdf_writer == NULL && !self->looking_for_pdf_writer)
    {
      self->looking_for_pdf_writer = TRUE;
      find_printer (self, TRUE, pdf_writer_found);
    }
}

/**
 * kiosk_print_flow_print_document:
 * @self: a #KioskPrintFlow
 * @user_session: the session @document belongs to
 * @document: a PDF document of the session
 *
 * Asks the resident whether to print @document, telling how many pages
 * it has, then prints it.
 */
void
kiosk_print_flow_print_document (KioskPrintFlow   *self,
                                 KioskUserSession *user_session,
                                 GFile            *document)
{
  g_autofree char *path = NULL;

  g_return_if_fail (KIOSK_IS_PRINT_FLOW (self));
  g_return_if_fail (KIOSK_IS_USER_SESSION (user_session));
  g_return_if_fail (G_IS_FILE (document));

  forget_job (self);
  self->user_session = g_object_ref (user_session);
  if (!may_print (self))
    return;

  path = g_file_get_path (document);
  ask_to_print (self, path);
}

typedef struct
{
  KioskPrintFlow *self;
  guint           generation;
} PageRendering;

static void
page_rendered_cb (WebKitPrintOperation *operation,
                  PageRendering        *rendering)
{
  KioskPrintFlow *self = rendering->self;

  if (rendering->generation == self->generation)
    ask_to_print (self, self->temporary_pdf);
}

static void
page_rendering_failed_cb (WebKitPrintOperation *operation,
                          GError               *error,
                          PageRendering        *rendering)
{
  KioskPrintFlow *self = rendering->self;

  g_signal_handlers_disconnect_by_func (operation, page_rendered_cb, rendering);
  if (rendering->generation == self->generation)
    fail_to_print (self, error->message);
}

static void
page_rendering_free (gpointer  data,
                     GClosure *closure)
{
  PageRendering *rendering = data;

  g_object_unref (rendering->self);
  g_free (rendering);
}

/* Has WebKit write the page as a PDF into the session's folder, erased
 * with it whatever happens next.
 */
static void
render_page (KioskPrintFlow       *self,
             WebKitWebView        *web_view,
             WebKitPrintOperation *operation)
{
  g_autoptr(GtkPrintSettings) settings = NULL;
  g_autoptr(GtkPageSetup) page_setup = NULL;
  g_autofree char *uri = NULL;
  PageRendering *rendering;

  if (self->pdf_writer == NULL)
    {
      fail_to_print (self, "GTK offers no printer that writes PDF files");
      return;
    }

  self->temporary_pdf = g_build_filename (kiosk_user_session_get_private_dir (self->user_session),
                                          ".page-to-print.pdf", NULL);
  uri = g_filename_to_uri (self->temporary_pdf, NULL, NULL);

  settings = gtk_print_settings_new ();
  gtk_print_settings_set_printer (settings, gtk_printer_get_name (self->pdf_writer));
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_URI, uri);
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_FILE_FORMAT, "pdf");
  page_setup = gtk_page_setup_new ();

  if (operation == NULL)
    operation = webkit_print_operation_new (web_view);
  else
    g_object_ref (operation);
  webkit_print_operation_set_print_settings (operation, settings);
  webkit_print_operation_set_page_setup (operation, page_setup);

  rendering = g_new0 (PageRendering, 1);
  rendering->self = g_object_ref (self);
  rendering->generation = self->generation;
  g_signal_connect_data (operation, "finished", G_CALLBACK (page_rendered_cb), rendering,
                         page_rendering_free, 0);
  g_signal_connect (operation, "failed", G_CALLBACK (page_rendering_failed_cb), rendering);

  show_step (self, "preparing", _("Getting the page ready…"), NULL);
  webkit_print_operation_print (operation);
  g_object_unref (operation);
}

/**
 * kiosk_print_flow_print_page:
 * @self: a #KioskPrintFlow
 * @user_session: the session @web_view belongs to
 * @web_view: a view of the session whose page is to be printed
 * @operation: (nullable): WebKit's operation when the page asked
 *   (window.print()), which must be run before the page goes on
 *
 * Renders the page into a PDF in the session's folder, then asks the
 * resident as for a document.
 */
void
kiosk_print_flow_print_page (KioskPrintFlow       *self,
                             KioskUserSession     *user_session,
                             WebKitWebView        *web_view,
                             WebKitPrintOperation *operation)
{
  g_return_if_fail (KIOSK_IS_PRINT_FLOW (self));
  g_return_if_fail (KIOSK_IS_USER_SESSION (user_session));
  g_return_if_fail (WEBKIT_IS_WEB_VIEW (web_view));
  g_return_if_fail (operation == NULL || WEBKIT_IS_PRINT_OPERATION (operation));

  forget_job (self);
  self->user_session = g_object_ref (user_session);
  if (!may_print (self))
    return;

  self->printing_page = TRUE;
  render_page (self, web_view, operation);
}

/**
 * kiosk_print_flow_cancel:
 * @self: a #KioskPrintFlow
 *
 * Hides the flow and forgets what it was about to print, then emits
 * #KioskPrintFlow::closed if it was shown. A job already sent to the
 * printer is not called back.
 */
void
kiosk_print_flow_cancel (KioskPrintFlow *self)
{
  gboolean was_shown;
  gboolean printed;

  g_return_if_fail (KIOSK_IS_PRINT_FLOW (self));

  was_shown = gtk_widget_get_visible (GTK_WIDGET (self));
  printed = self->confirmed;
  forget_job (self);
  self->step = NULL;
  gtk_spinner_set_spinning (self->spinner, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  if (was_shown)
    g_signal_emit (self, signals[CLOSED], 0, printed);
}

/**
 * kiosk_print_flow_get_step:
 * @self: a #KioskPrintFlow
 *
 * Returns: (nullable): where the flow is: "preparing", "confirm",
 *   "printing", "done" or "failed"; %NULL when hidden
 */
const char *
kiosk_print_flow_get_step (KioskPrintFlow *self)
{
  g_return_val_if_fail (KIOSK_IS_PRINT_FLOW (self), NULL);

  return self->step;
}

/**
 * kiosk_print_flow_get_text:
 * @self: a #KioskPrintFlow
 *
 * Returns: the title and the text shown, as the user reads them
 */
const char *
kiosk_print_flow_get_text (KioskPrintFlow *self)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (KIOSK_IS_PRINT_FLOW (self), NULL);

  text = g_strconcat (gtk_label_get_label (self->title_label), "\n",
                      gtk_label_get_label (self->text_label), NULL);
  g_object_set_data_full (G_OBJECT (self), "kiosk-text", g_steal_pointer (&text), g_free);
  return g_object_get_data (G_OBJECT (self), "kiosk-text");
}
