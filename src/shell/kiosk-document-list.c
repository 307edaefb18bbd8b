/* kiosk-document-list.c — a list of documents, each with big buttons
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-document-list"

#include "config.h"

#include "kiosk-document-list.h"

#include "kiosk-document.h"

#include <glib/gi18n.h>

/* One place draws a document for the resident, whether they look at
 * their documents or choose one to send: the same pictogram, the same
 * name, buttons of the same size.
 */
struct _KioskDocumentList
{
  GtkWidget            parent_instance;

  GtkWidget           *stack;
  GtkListBox          *list_box;
  GtkLabel            *empty_label;
  GListModel          *files;
  KioskDocumentOffers  offers;
};

G_DEFINE_FINAL_TYPE (KioskDocumentList, kiosk_document_list, GTK_TYPE_WIDGET)

static const char *
icon_for (KioskDocumentKind kind)
{
  switch (kind)
    {
    case KIOSK_DOCUMENT_IMAGE:
      return "image-x-generic-symbolic";
    case KIOSK_DOCUMENT_TEXT:
      return "text-x-generic-symbolic";
    case KIOSK_DOCUMENT_PDF:
    case KIOSK_DOCUMENT_OFFICE:
    case KIOSK_DOCUMENT_REFUSED:
    default:
      return "x-office-document-symbolic";
    }
}

static GtkWidget *
create_button (const char *label,
               const char *icon_name,
               const char *action_name,
               const char *path)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);

  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (icon_name));
  gtk_box_append (GTK_BOX (box), gtk_label_new (label));
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", path);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "document-button");

  return button;
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  KioskDocumentList *self = user_data;
  GFile *file = item;
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *path = g_file_get_path (file);
  KioskDocumentKind kind = kiosk_document_classify (name, NULL, NULL);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 16);
  GtkWidget *image = gtk_image_new_from_icon_name (icon_for (kind));
  GtkWidget *label = gtk_label_new (name);

  gtk_widget_add_css_class (row, "document-row");
  gtk_image_set_pixel_size (GTK_IMAGE (image), 48);
  gtk_box_append (GTK_BOX (row), image);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (row), label);

  if ((self->offers & KIOSK_DOCUMENT_OFFERS_VIEW) != 0 && kiosk_document_can_be_shown (kind))
    gtk_box_append (GTK_BOX (row), create_button (_("View"), "view-reveal-symbolic",
                                                  "documents.view", path));
  if ((self->offers & KIOSK_DOCUMENT_OFFERS_PRINT) != 0 && kiosk_document_can_be_shown (kind))
    gtk_box_append (GTK_BOX (row), create_button (_("Print"), "printer-symbolic",
                                                  "documents.print", path));
  if ((self->offers & KIOSK_DOCUMENT_OFFERS_CHOOSE) != 0)
    gtk_box_append (GTK_BOX (row), create_button (_("Send this one"), "document-send-symbolic",
                                                  "upload.choose", path));

  return row;
}

static void
update_empty (KioskDocumentList *self)
{
  gboolean empty = self->files == NULL || g_list_model_get_n_items (self->files) == 0;

  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), empty ? "empty" : "list");
}

static void
files_changed_cb (GListModel        *files,
                  guint              position,
                  guint              removed,
                  guint              added,
                  KioskDocumentList *self)
{
  update_empty (self);
}

static void
kiosk_document_list_dispose (GObject *object)
{
  KioskDocumentList *self = KIOSK_DOCUMENT_LIST (object);

  if (self->files != NULL)
    g_signal_handlers_disconnect_by_data (self->files, self);
  g_clear_object (&self->files);
  g_clear_pointer (&self->stack, gtk_widget_unparent);

  G_OBJECT_CLASS (kiosk_document_list_parent_class)->dispose (object);
}

static void
kiosk_document_list_class_init (KioskDocumentListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_document_list_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
kiosk_document_list_init (KioskDocumentList *self)
{
  self->stack = gtk_stack_new ();
  gtk_widget_set_parent (self->stack, GTK_WIDGET (self));

  self->list_box = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list_box, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list_box), "boxed-list");
  gtk_widget_add_css_class (GTK_WIDGET (self->list_box), "document-list");
  gtk_widget_set_valign (GTK_WIDGET (self->list_box), GTK_ALIGN_START);
  gtk_stack_add_named (GTK_STACK (self->stack), GTK_WIDGET (self->list_box), "list");

  self->empty_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->empty_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->empty_label), "document-list-empty");
  gtk_stack_add_named (GTK_STACK (self->stack), GTK_WIDGET (self->empty_label), "empty");

  update_empty (self);
}

GtkWidget *
kiosk_document_list_new (void)
{
  return g_object_new (KIOSK_TYPE_DOCUMENT_LIST, NULL);
}

/**
 * kiosk_document_list_bind:
 * @self: a #KioskDocumentList
 * @files: (nullable): a list of #GFile, or %NULL to show nothing
 * @offers: the buttons of each row
 */
void
kiosk_document_list_bind (KioskDocumentList   *self,
                          GListModel          *files,
                          KioskDocumentOffers  offers)
{
  g_return_if_fail (KIOSK_IS_DOCUMENT_LIST (self));
  g_return_if_fail (files == NULL || G_IS_LIST_MODEL (files));

  if (self->files != NULL)
    g_signal_handlers_disconnect_by_data (self->files, self);
  g_set_object (&self->files, files);
  self->offers = offers;

  gtk_list_box_bind_model (self->list_box, files, create_row, self, NULL);
  if (files != NULL)
    g_signal_connect_object (files, "items-changed", G_CALLBACK (files_changed_cb), self, 0);
  update_empty (self);
}

/**
 * kiosk_document_list_set_empty_text:
 * @self: a #KioskDocumentList
 * @text: what is said when there is no document
 */
void
kiosk_document_list_set_empty_text (KioskDocumentList *self,
                                    const char        *text)
{
  g_return_if_fail (KIOSK_IS_DOCUMENT_LIST (self));

  gtk_label_set_label (self->empty_label, text);
}

/**
 * kiosk_document_list_lookup:
 * @files: a list of #GFile
 * @path: a path an action was given
 *
 * Actions carry a path; only a file the list really shows may be acted
 * upon, never one a caller made up.
 *
 * Returns: (transfer full) (nullable): the file of @files at @path, or %NULL
 */
GFile *
kiosk_document_list_lookup (GListModel *files,
                            const char *path)
{
  g_autoptr(GFile) wanted = NULL;

  g_return_val_if_fail (G_IS_LIST_MODEL (files), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  wanted = g_file_new_for_path (path);
  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);

      if (g_file_equal (file, wanted))
        return g_steal_pointer (&file);
    }
  return NULL;
}
