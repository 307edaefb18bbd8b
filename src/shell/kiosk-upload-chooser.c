/* kiosk-upload-chooser.c — the kiosk's own "choose a file" for web forms
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-upload-chooser"

#include "config.h"

#include "kiosk-upload-chooser.h"

#include "kiosk-document.h"
#include "kiosk-document-list.h"

#include <glib/gi18n.h>

/* GTK's file chooser would show the whole file system, and remember
 * recent files for the next person. A form gets, instead, a file from two
 * places only: the documents of the session, and the folder a scanner
 * drops its scans into (UploadFolder=), from which a chosen scan is moved
 * into the session, to be erased with it.
 */
struct _KioskUploadChooser
{
  GtkWidget                 parent_instance;

  GtkWidget                *card;
  KioskDocumentList        *session_list;
  GtkWidget                *scans_heading;
  KioskDocumentList        *scans_list;
  GtkLabel                 *error_label;
  GtkWidget                *cancel_button;

  KioskUserSession         *user_session;
  WebKitFileChooserRequest *request;
  GListStore               *scans;
};

G_DEFINE_FINAL_TYPE (KioskUploadChooser, kiosk_upload_chooser, GTK_TYPE_WIDGET)

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  GFileInfo *info_a = *(GFileInfo **) a;
  GFileInfo *info_b = *(GFileInfo **) b;
  guint64 time_a = g_file_info_get_attribute_uint64 (info_a, G_FILE_ATTRIBUTE_TIME_MODIFIED);
  guint64 time_b = g_file_info_get_attribute_uint64 (info_b, G_FILE_ATTRIBUTE_TIME_MODIFIED);

  return time_a < time_b ? 1 : time_a > time_b ? -1 : 0;
}

/* The scans there now, newest first; anything that is not a document's
 * type, hidden, or not a plain file is not offered.
 */
static void
list_scans (KioskUploadChooser *self,
            const char         *upload_folder)
{
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GPtrArray) infos = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  g_list_store_remove_all (self->scans);
  if (upload_folder == NULL)
    return;

  folder = g_file_new_for_path (upload_folder);
  children = g_file_enumerate_children (folder,
                                        G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                        G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                        G_FILE_ATTRIBUTE_STANDARD_IS_HIDDEN ","
                                        G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, &error);
  if (children == NULL)
    {
      /* The scanner's share may be down; the session's documents remain. */
      g_warning ("Cannot list the upload folder: %s", error->message);
      return;
    }

  for (;;)
    {
      GFileInfo *info = NULL;

      if (!g_file_enumerator_iterate (children, &info, NULL, NULL, &error) || info == NULL)
        break;
      if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR ||
          g_file_info_get_is_hidden (info) ||
          kiosk_document_classify (g_file_info_get_name (info), NULL, NULL) ==
          KIOSK_DOCUMENT_REFUSED)
        continue;
      g_ptr_array_add (infos, g_object_ref (info));
    }

  g_ptr_array_sort_with_data (infos, compare_newest_first, NULL);
  for (guint i = 0; i < infos->len; i++)
    {
      g_autoptr(GFile) file = g_file_get_child (folder,
                                                g_file_info_get_name (infos->pdata[i]));

      g_list_store_append (self->scans, file);
    }
}

static void
finish (KioskUploadChooser *self,
        GFile              *chosen)
{
  gboolean was_asking = self->request != NULL;

  if (self->request != NULL)
    {
      if (chosen != NULL)
        {
          g_autofree char *path = g_file_get_path (chosen);
          const char * const files[] = { path, NULL };

          webkit_file_chooser_request_select_files (self->request, files);
        }
      else
        webkit_file_chooser_request_cancel (self->request);
    }

  g_clear_object (&self->request);
  g_clear_object (&self->user_session);
  g_list_store_remove_all (self->scans);
  kiosk_document_list_bind (self->session_list, NULL, 0);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  if (was_asking)
    g_signal_emit (self, signals[FINISHED], 0, chosen != NULL);
}

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KioskUploadChooser *self = KIOSK_UPLOAD_CHOOSER (widget);
  const char *path = g_variant_get_string (parameter, NULL);
  g_autoptr(GFile) scan = NULL;
  g_autoptr(GFile) document = NULL;
  g_autoptr(GError) error = NULL;

  if (self->user_session == NULL)
    return;

  /* Only what the chooser offered can be chosen. */
  document = kiosk_document_list_lookup (kiosk_user_session_get_documents (self->user_session),
                                         path);
  if (document == NULL)
    {
      scan = kiosk_document_list_lookup (G_LIST_MODEL (self->scans), path);
      if (scan == NULL)
        return;
      document = kiosk_user_session_take_document (self->user_session, scan, &error);
    }

  if (document == NULL)
    {
      g_warning ("Cannot take a scan into the session: %s", error->message);
      gtk_label_set_label (self->error_label,
                           _("This file cannot be sent: it is not a document this computer "
                             "accepts, or it could not be read. Ask a mediator."));
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }

  finish (self, document);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  finish (KIOSK_UPLOAD_CHOOSER (widget), NULL);
}

static void
scans_changed_cb (GListModel         *scans,
                  guint               position,
                  guint               removed,
                  guint               added,
                  KioskUploadChooser *self)
{
  gtk_widget_set_visible (self->scans_heading, g_list_model_get_n_items (scans) > 0);
}

static void
kiosk_upload_chooser_dispose (GObject *object)
{
  KioskUploadChooser *self = KIOSK_UPLOAD_CHOOSER (object);

  if (self->request != NULL)
    webkit_file_chooser_request_cancel (self->request);
  g_clear_object (&self->request);
  g_clear_object (&self->user_session);
  gtk_widget_dispose_template (GTK_WIDGET (self), KIOSK_TYPE_UPLOAD_CHOOSER);
  g_clear_object (&self->scans);

  G_OBJECT_CLASS (kiosk_upload_chooser_parent_class)->dispose (object);
}

static void
kiosk_upload_chooser_class_init (KioskUploadChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_upload_chooser_dispose;

  /**
   * KioskUploadChooser::finished:
   * @self: the chooser
   * @chosen: %TRUE if the page got a document, %FALSE if the resident
   *   cancelled or the kiosk cancelled for them
   */
  signals[FINISHED] =
    g_signal_new ("finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  g_type_ensure (KIOSK_TYPE_DOCUMENT_LIST);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/pimms/Kiosk/kiosk-upload-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskUploadChooser, card);
  gtk_widget_class_bind_template_child (widget_class, KioskUploadChooser, session_list);
  gtk_widget_class_bind_template_child (widget_class, KioskUploadChooser, scans_heading);
  gtk_widget_class_bind_template_child (widget_class, KioskUploadChooser, scans_list);
  gtk_widget_class_bind_template_child (widget_class, KioskUploadChooser, error_label);
  gtk_widget_class_bind_template_child (widget_class, KioskUploadChooser, cancel_button);

  gtk_widget_class_install_action (widget_class, "upload.choose", "s", choose_action);
  gtk_widget_class_install_action (widget_class, "upload.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "upload.cancel", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DIALOG);
}

static void
kiosk_upload_chooser_init (KioskUploadChooser *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->scans = g_list_store_new (G_TYPE_FILE);
  g_signal_connect (self->scans, "items-changed", G_CALLBACK (scans_changed_cb), self);
  kiosk_document_list_set_empty_text (self->session_list,
                                      _("You have no document yet in this session."));
  kiosk_document_list_bind (self->scans_list, G_LIST_MODEL (self->scans),
                            KIOSK_DOCUMENT_OFFERS_CHOOSE);
  gtk_widget_set_visible (self->scans_heading, FALSE);
}

/**
 * kiosk_upload_chooser_ask:
 * @self: a #KioskUploadChooser
 * @user_session: the session whose page asks
 * @request: the page's request for a file
 * @upload_folder: (nullable): the scanner's drop folder, if the station has one
 *
 * Shows the chooser over the page until the resident chooses a document
 * or cancels; the page gets the answer.
 */
void
kiosk_upload_chooser_ask (KioskUploadChooser       *self,
                          KioskUserSession         *user_session,
                          WebKitFileChooserRequest *request,
                          const char               *upload_folder)
{
  g_return_if_fail (KIOSK_IS_UPLOAD_CHOOSER (self));
  g_return_if_fail (KIOSK_IS_USER_SESSION (user_session));
  g_return_if_fail (WEBKIT_IS_FILE_CHOOSER_REQUEST (request));

  kiosk_upload_chooser_cancel (self);

  self->user_session = g_object_ref (user_session);
  self->request = g_object_ref (request);

  kiosk_document_list_bind (self->session_list, kiosk_user_session_get_documents (user_session),
                            KIOSK_DOCUMENT_OFFERS_CHOOSE);
  list_scans (self, upload_folder);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  gtk_widget_grab_focus (self->cancel_button);
}

/**
 * kiosk_upload_chooser_cancel:
 * @self: a #KioskUploadChooser
 *
 * Answers the page's request with no file, if one is pending, and hides.
 */
void
kiosk_upload_chooser_cancel (KioskUploadChooser *self)
{
  g_return_if_fail (KIOSK_IS_UPLOAD_CHOOSER (self));

  finish (self, NULL);
}

gboolean
kiosk_upload_chooser_is_asking (KioskUploadChooser *self)
{
  g_return_val_if_fail (KIOSK_IS_UPLOAD_CHOOSER (self), FALSE);

  return self->request != NULL;
}

/**
 * kiosk_upload_chooser_get_scans:
 * @self: a #KioskUploadChooser
 *
 * Returns: (transfer none): the scans offered, as #GFile
 */
GListModel *
kiosk_upload_chooser_get_scans (KioskUploadChooser *self)
{
  g_return_val_if_fail (KIOSK_IS_UPLOAD_CHOOSER (self), NULL);

  return G_LIST_MODEL (self->scans);
}
