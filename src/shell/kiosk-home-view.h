/* kiosk-home-view.h — the home screen: one big tile per service, by category
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-config.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_HOME_VIEW (kiosk_home_view_get_type ())
G_DECLARE_FINAL_TYPE (KioskHomeView, kiosk_home_view, KIOSK, HOME_VIEW, GtkWidget)

/* From this text scale on, the tiles come first (the promises after). */
#define KIOSK_HOME_VIEW_LARGE_TEXT 1.75

GtkWidget *kiosk_home_view_new         (void);
void       kiosk_home_view_set_config  (KioskHomeView *self,
                                        KioskConfig   *config,
                                        KioskProfile  *profile);
void       kiosk_home_view_scroll_to_top (KioskHomeView *self);
void       kiosk_home_view_clear_search (KioskHomeView *self);
void       kiosk_home_view_search      (KioskHomeView *self,
                                        const char    *query);
GtkScrolledWindow *kiosk_home_view_get_scrolled_window (KioskHomeView *self);
void       kiosk_home_view_set_services_first (KioskHomeView *self,
                                               gboolean       first);

G_END_DECLS
