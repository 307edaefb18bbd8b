/* kiosk-wrap-label.h — a label on one line when there is room, on two when there is not
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KIOSK_TYPE_WRAP_LABEL (kiosk_wrap_label_get_type ())
G_DECLARE_FINAL_TYPE (KioskWrapLabel, kiosk_wrap_label, KIOSK, WRAP_LABEL, GtkWidget)

GtkWidget  *kiosk_wrap_label_new       (const char     *label);
void        kiosk_wrap_label_set_label (KioskWrapLabel *self,
                                        const char     *label);
const char *kiosk_wrap_label_get_label (KioskWrapLabel *self);

G_END_DECLS
