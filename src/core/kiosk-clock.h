/* kiosk-clock.h — the time a station's clocks run on, real or driven by a test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define KIOSK_TYPE_CLOCK (kiosk_clock_get_type ())
G_DECLARE_FINAL_TYPE (KioskClock, kiosk_clock, KIOSK, CLOCK, GObject)

KioskClock *kiosk_clock_new                 (void);
KioskClock *kiosk_clock_new_fake            (gint64       real_time);
gint64      kiosk_clock_get_monotonic_time  (KioskClock  *self);
GDateTime  *kiosk_clock_new_now_utc         (KioskClock  *self);
guint       kiosk_clock_add_timeout         (KioskClock  *self,
                                             guint        interval_ms,
                                             GSourceFunc  function,
                                             gpointer     data);
guint       kiosk_clock_add_timeout_seconds (KioskClock  *self,
                                             guint        interval_s,
                                             GSourceFunc  function,
                                             gpointer     data);
void        kiosk_clock_clear_timeout       (KioskClock  *self,
                                             guint       *id);
void        kiosk_clock_advance             (KioskClock  *self,
                                             guint        milliseconds);

G_END_DECLS
