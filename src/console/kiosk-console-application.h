/* kiosk-console-application.h — org.pimms.Kiosk.Console: options, config, style
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KIOSK_CONSOLE_APP_ID "org.pimms.Kiosk.Console"

#define KIOSK_TYPE_CONSOLE_APPLICATION (kiosk_console_application_get_type ())
G_DECLARE_FINAL_TYPE (KioskConsoleApplication, kiosk_console_application, KIOSK,
                      CONSOLE_APPLICATION, GtkApplication)

KioskConsoleApplication *kiosk_console_application_new (void);
char                    *kiosk_console_application_get_store_path (void);
void                     kiosk_console_application_load_style (void);

G_END_DECLS
