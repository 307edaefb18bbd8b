/* kiosk-console-dialogs.h — the questions the console asks before acting on a station
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The reset dialog's answer that asks the resident before the reset. */
#define KIOSK_CONSOLE_RESPONSE_ASK_FIRST 1

GtkWidget  *kiosk_console_reset_dialog_new          (GtkWindow  *parent,
                                                     const char *station,
                                                     gboolean    someone_there);
GtkWidget  *kiosk_console_out_of_service_dialog_new (GtkWindow  *parent,
                                                     const char *station);
GtkEntry   *kiosk_console_out_of_service_dialog_get_entry (GtkWidget *dialog);

G_END_DECLS
