/* kiosk-voice.h — the kiosk reads aloud, through the station's sound
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  KIOSK_VOICE_SPEED_SLOWER,
  KIOSK_VOICE_SPEED_SLOW,    /* the default: slow and clear */
  KIOSK_VOICE_SPEED_FASTER,
} KioskVoiceSpeed;

#define KIOSK_VOICE_N_SPEEDS 3
#define KIOSK_VOICE_DEFAULT_SPEED KIOSK_VOICE_SPEED_SLOW
/* What eSpeak NG's voices are made at: mono, signed 16 bits. */
#define KIOSK_VOICE_RATE 22050

/* Where a sentence starts, in the text and in the speech. */
typedef struct
{
  guint   text_offset;   /* in characters */
  guint64 sample;
} KioskVoiceSentence;

#define KIOSK_TYPE_VOICE (kiosk_voice_get_type ())
G_DECLARE_FINAL_TYPE (KioskVoice, kiosk_voice, KIOSK, VOICE, GObject)

KioskVoice     *kiosk_voice_new          (void);
gboolean        kiosk_voice_can_speak    (void);
void            kiosk_voice_speak        (KioskVoice      *self,
                                          const char      *text,
                                          const char      *language);
void            kiosk_voice_stop         (KioskVoice      *self);
gboolean        kiosk_voice_get_speaking (KioskVoice      *self);
const char     *kiosk_voice_get_text     (KioskVoice      *self,
                                          const char     **language);
KioskVoiceSpeed kiosk_voice_get_speed    (KioskVoice      *self);
void            kiosk_voice_set_speed    (KioskVoice      *self,
                                          KioskVoiceSpeed  speed);
gint16         *kiosk_voice_render       (const char      *text,
                                          const char      *language,
                                          KioskVoiceSpeed  speed,
                                          gsize           *n_samples,
                                          GArray         **sentences,
                                          GError         **error);

G_END_DECLS
