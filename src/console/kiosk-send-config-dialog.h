/* kiosk-send-config-dialog.h — sending the desk's config to every station, and what each said
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkWidget  *kiosk_send_config_dialog_new        (GtkWindow  *parent,
                                                 const char *path,
                                                 GPtrArray  *cards);
const char *kiosk_send_config_dialog_get_answer (GtkWidget  *dialog,
                                                 const char *station);
gboolean    kiosk_send_config_dialog_is_done    (GtkWidget  *dialog);
char       *kiosk_send_config_dialog_read_version (const char *path);

G_END_DECLS
