/* kiosk-learning-view.h — the staff panel's record of refused sites
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-config.h"
#include "kiosk-session-manager.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_LEARNING_VIEW (kiosk_learning_view_get_type ())
G_DECLARE_FINAL_TYPE (KioskLearningView, kiosk_learning_view, KIOSK, LEARNING_VIEW, GtkWidget)

void        kiosk_learning_view_set_station (KioskLearningView   *self,
                                             KioskConfig         *config,
                                             KioskSessionManager *manager);
void        kiosk_learning_view_refresh     (KioskLearningView   *self);
const char *kiosk_learning_view_get_text    (KioskLearningView   *self);

G_END_DECLS
