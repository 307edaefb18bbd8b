/* kiosk-sound-output.h — the station's sound device, through GStreamer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gst/gst.h>

G_BEGIN_DECLS

gboolean    kiosk_sound_output_has_device (void);
GstElement *kiosk_sound_output_open       (const char  *name,
                                           int          rate,
                                           GstElement **source);

G_END_DECLS
