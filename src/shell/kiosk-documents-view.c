/* kiosk-documents-view.c — "My documents": the session's documents, and one shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-documents-view"

#include "config.h"

#include "kiosk-documents-view.h"

#include "kiosk-document.h"
#include "kiosk-document-list.h"

#include <glib/gi18n.h>

struct _KioskDocumentsView
{
  GtkWidget          parent_instance;

  GtkStack          *stack;
  KioskDocumentList *document_list;
  GtkBox            *viewer_box;
  GtkLabel          *shown_name_label;
  GtkWidget         *back_to_list_button;

  KioskUserSession  *user_session;
  WebKitWebView     *viewer;
  GFile             *shown;
};

G_DEFINE_FINAL_TYPE (KioskDocumentsView, kiosk_documents_view, GTK_TYPE_WIDGET)

enum {
  PRINT_DOCUMENT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
drop_viewer (KioskDocumentsView *self)
{
  if (self->viewer != NULL)
    {
      gtk_box_remove (self->viewer_box, GTK_WIDGET (self->viewer));
      g_clear_object (&self->viewer);
    }
  g_clear_object (&self->shown);
}

static GFile *
find_document (KioskDocumentsView *self,
               const char         *path)
{
  if (self->user_session == NULL)
    return NULL;
  return kiosk_document_list_lookup (kiosk_user_session_get_documents (self->user_session), path);
}

static void
view_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KioskDocumentsView *self = KIOSK_DOCUMENTS_VIEW (widget);
  g_autoptr(GFile) document = find_document (self, g_variant_get_string (parameter, NULL));

  if (document != NULL)
    kiosk_documents_view_show_document (self, document);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  KioskDocumentsView *self = KIOSK_DOCUMENTS_VIEW (widget);
  g_autoptr(GFile) document = find_document (self, g_variant_get_string (parameter, NULL));

  if (document != NULL)
    g_signal_emit (self, signals[PRINT_DOCUMENT], 0, document);
}

static void
print_shown_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KioskDocumentsView *self = KIOSK_DOCUMENTS_VIEW (widget);

  if (self->shown != NULL)
    g_signal_emit (self, signals[PRINT_DOCUMENT], 0, self->shown);
}

static void
show_list_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  kiosk_documents_view_show_list (KIOSK_DOCUMENTS_VIEW (widget));
}

static void
kiosk_documents_view_dispose (GObject *object)
{
  KioskDocumentsView *self = KIOSK_DOCUMENTS_VIEW (object);

  drop_viewer (self);
  g_clear_object (&self->user_session);
  gtk_widget_dispose_template (GTK_WIDGET (self), KIOSK_TYPE_DOCUMENTS_VIEW);

  G_OBJECT_CLASS (kiosk_documents_view_parent_class)->dispose (object);
}

static void
kiosk_documents_view_class_init (KioskDocumentsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_documents_view_dispose;

  /**
   * KioskDocumentsView::print-document:
   * @self: the view
   * @document: a document of the session the resident wants on paper
   */
  signals[PRINT_DOCUMENT] =
    g_signal_new ("print-document",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_FILE);

  g_type_ensure (KIOSK_TYPE_DOCUMENT_LIST);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/pimms/Kiosk/kiosk-documents-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskDocumentsView, stack);
  gtk_widget_class_bind_template_child (widget_class, KioskDocumentsView, document_list);
  gtk_widget_class_bind_template_child (widget_class, KioskDocumentsView, viewer_box);
  gtk_widget_class_bind_template_child (widget_class, KioskDocumentsView, shown_name_label);
  gtk_widget_class_bind_template_child (widget_class, KioskDocumentsView, back_to_list_button);

  gtk_widget_class_install_action (widget_class, "documents.view", "s", view_action);
  gtk_widget_class_install_action (widget_class, "documents.print", "s", print_action);
  gtk_widget_class_install_action (widget_class, "documents.print-shown", NULL,
                                   print_shown_action);
  gtk_widget_class_install_action (widget_class, "documents.show-list", NULL,
                                   show_list_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
kiosk_documents_view_init (KioskDocumentsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  kiosk_document_list_set_empty_text (self->document_list,
                                      _("You have no document yet. When a site gives you a "
                                        "document, like an attestation, it appears here."));
}

/**
 * kiosk_documents_view_set_user_session:
 * @self: a #KioskDocumentsView
 * @user_session: (nullable): the session whose documents to list, or %NULL
 *   when it ends
 */
void
kiosk_documents_view_set_user_session (KioskDocumentsView *self,
                                       KioskUserSession   *user_session)
{
  g_return_if_fail (KIOSK_IS_DOCUMENTS_VIEW (self));

  /* The session's viewer goes with its web process, as the session's page
   * does: left to WebKit, that process's link to the kiosk could outlive
   * the session (a thread of WebKit's IPC, left behind for good).
   */
  if (user_session == NULL && self->viewer != NULL)
    webkit_web_view_terminate_web_process (self->viewer);
  drop_viewer (self);
  g_set_object (&self->user_session, user_session);
  kiosk_document_list_bind (self->document_list,
                            user_session != NULL ? kiosk_user_session_get_documents (user_session)
                                                 : NULL,
                            KIOSK_DOCUMENT_OFFERS_VIEW | KIOSK_DOCUMENT_OFFERS_PRINT);
  gtk_stack_set_visible_child_name (self->stack, "list");
}

/**
 * kiosk_documents_view_show_list:
 * @self: a #KioskDocumentsView
 */
void
kiosk_documents_view_show_list (KioskDocumentsView *self)
{
  g_return_if_fail (KIOSK_IS_DOCUMENTS_VIEW (self));

  drop_viewer (self);
  gtk_stack_set_visible_child_name (self->stack, "list");
}

/**
 * kiosk_documents_view_show_document:
 * @self: a #KioskDocumentsView
 * @file: a document of the session
 *
 * Shows @file in a view whose navigation is locked to it.
 *
 * Returns: %TRUE if @file is a document of the session that can be shown
 */
gboolean
kiosk_documents_view_show_document (KioskDocumentsView *self,
                                    GFile              *file)
{
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) document = NULL;

  g_return_val_if_fail (KIOSK_IS_DOCUMENTS_VIEW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  document = path != NULL ? find_document (self, path) : NULL;
  name = g_file_get_basename (file);
  if (document == NULL ||
      !kiosk_document_can_be_shown (kiosk_document_classify (name, NULL, NULL)))
    return FALSE;

  drop_viewer (self);
  self->shown = g_steal_pointer (&document);
  self->viewer = g_object_ref_sink (kiosk_user_session_create_viewer (self->user_session,
                                                                      self->shown));
  gtk_widget_set_vexpand (GTK_WIDGET (self->viewer), TRUE);
  gtk_box_append (self->viewer_box, GTK_WIDGET (self->viewer));
  gtk_label_set_label (self->shown_name_label, name);
  gtk_stack_set_visible_child_name (self->stack, "viewer");
  gtk_widget_grab_focus (self->back_to_list_button);
  return TRUE;
}

/**
 * kiosk_documents_view_get_shown:
 * @self: a #KioskDocumentsView
 *
 * Returns: (transfer none) (nullable): the document shown, or %NULL when
 *   the list is
 */
GFile *
kiosk_documents_view_get_shown (KioskDocumentsView *self)
{
  g_return_val_if_fail (KIOSK_IS_DOCUMENTS_VIEW (self), NULL);

  return self->shown;
}

/**
 * kiosk_documents_view_get_viewer:
 * @self: a #KioskDocumentsView
 *
 * Returns: (transfer none) (nullable): the view showing a document
 */
WebKitWebView *
kiosk_documents_view_get_viewer (KioskDocumentsView *self)
{
  g_return_val_if_fail (KIOSK_IS_DOCUMENTS_VIEW (self), NULL);

  return self->viewer;
}
