/* kiosk-startup-trace.h — where the time of a start goes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define KIOSK_STARTUP_TRACE_DOMAIN "kiosk-startup"

void     kiosk_startup_trace_mark   (const char *step);
void     kiosk_startup_trace_finish (void);
gboolean kiosk_startup_trace_parse  (const char *line,
                                     char      **step,
                                     gint64     *monotonic_us);

G_END_DECLS
