/* kiosk-text-size.h — A− and A+: the resident's text size, on the pages and the kiosk's screens
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-usage-counter.h"
#include "kiosk-user-session.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_TEXT_SIZE (kiosk_text_size_get_type ())
G_DECLARE_FINAL_TYPE (KioskTextSize, kiosk_text_size, KIOSK, TEXT_SIZE, GObject)

KioskTextSize *kiosk_text_size_new              (GdkDisplay        *display);
void           kiosk_text_size_set_user_session (KioskTextSize     *self,
                                                 KioskUserSession  *user_session,
                                                 KioskUsageCounter *counter);
gboolean       kiosk_text_size_can_change       (KioskTextSize     *self,
                                                 int                steps);
void           kiosk_text_size_change           (KioskTextSize     *self,
                                                 int                steps);

G_END_DECLS
