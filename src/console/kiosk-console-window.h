/* kiosk-console-window.h — the desk console: every station, and their usage
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-chime.h"
#include "kiosk-console-config.h"
#include "kiosk-station-card.h"
#include "kiosk-usage-view.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_CONSOLE_WINDOW (kiosk_console_window_get_type ())
G_DECLARE_FINAL_TYPE (KioskConsoleWindow, kiosk_console_window, KIOSK, CONSOLE_WINDOW,
                      GtkApplicationWindow)

KioskConsoleWindow *kiosk_console_window_new             (GtkApplication     *application,
                                                          KioskConsoleConfig *config,
                                                          const char         *store_path);
KioskStationCard   *kiosk_console_window_get_card        (KioskConsoleWindow *self,
                                                          const char         *id);
KioskStationCard   *kiosk_console_window_get_card_at     (KioskConsoleWindow *self,
                                                          guint               index);
KioskUsageView     *kiosk_console_window_get_usage_view  (KioskConsoleWindow *self);
void                kiosk_console_window_refresh         (KioskConsoleWindow *self);
void                kiosk_console_window_show_page       (KioskConsoleWindow *self,
                                                          const char         *page);
const char         *kiosk_console_window_get_problem     (KioskConsoleWindow *self);
const char         *kiosk_console_window_get_help_text   (KioskConsoleWindow *self);
KioskChime         *kiosk_console_window_get_chime       (KioskConsoleWindow *self);
GtkWidget          *kiosk_console_window_get_send_config_dialog (KioskConsoleWindow *self);

G_END_DECLS
