/* kiosk-sound-output.h — the station's sound device, through GStreamer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gst/gst.h>

G_BEGIN_DECLS

/* Called once a sound has played to its end (@heard), or failed. */
typedef void (*KioskSoundDoneFunc) (gboolean heard,
                                    gpointer user_data);

typedef struct _KioskSoundPlayback KioskSoundPlayback;

gboolean            kiosk_sound_output_has_device (void);
KioskSoundPlayback *kiosk_sound_playback_start    (const char          *name,
                                                   int                  rate,
                                                   KioskSoundDoneFunc   done,
                                                   gpointer             user_data);
GstElement         *kiosk_sound_playback_get_source (KioskSoundPlayback *playback);
GstClockTime        kiosk_sound_playback_get_heard  (KioskSoundPlayback *playback);
void                kiosk_sound_playback_stop     (KioskSoundPlayback  *playback);

G_END_DECLS
