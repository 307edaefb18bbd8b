/* kiosk-reading-ruler.h — the sentence heard, marked over the page that is read aloud
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KIOSK_TYPE_READING_RULER (kiosk_reading_ruler_get_type ())
G_DECLARE_FINAL_TYPE (KioskReadingRuler, kiosk_reading_ruler, KIOSK, READING_RULER, GtkWidget)

void  kiosk_reading_ruler_show       (KioskReadingRuler     *self,
                                      GtkWidget             *view,
                                      const graphene_rect_t *boxes,
                                      guint                  n_boxes);
void  kiosk_reading_ruler_hide       (KioskReadingRuler     *self);

G_END_DECLS
