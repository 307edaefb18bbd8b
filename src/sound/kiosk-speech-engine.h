/* kiosk-speech-engine.h — eSpeak NG, on a thread of its own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Called on the engine's thread with each piece of speech as it is made
 * (mono, signed 16 bits, kiosk_speech_engine_get_rate() samples a second),
 * then once with no samples at the end. Returns %FALSE to stop.
 */
typedef gboolean (*KioskSpeechFunc) (const gint16 *samples,
                                     gsize         n_samples,
                                     gpointer      user_data);

/* Called on the engine's thread as each sentence is about to be made:
 * where it starts in the text (in characters, from 0) and in the speech
 * (in samples, from the first one made for the request). Before that
 * sentence's samples reach the KioskSpeechFunc.
 */
typedef void (*KioskSpeechSentenceFunc) (guint    text_offset,
                                         guint64  sample_offset,
                                         gpointer user_data);

typedef struct _KioskSpeechJob KioskSpeechJob;

#define KIOSK_SPEECH_ERROR (kiosk_speech_error_quark ())

typedef enum
{
  KIOSK_SPEECH_ERROR_UNAVAILABLE,  /* eSpeak NG cannot start */
  KIOSK_SPEECH_ERROR_RATE,         /* it speaks at another rate than expected */
} KioskSpeechError;

GQuark          kiosk_speech_error_quark     (void);

int             kiosk_speech_engine_get_rate (GError        **error);
gsize           kiosk_speech_engine_get_said_length (const char *text);
KioskSpeechJob *kiosk_speech_engine_say      (const char     *text,
                                              const char     *language,
                                              int             words_per_minute,
                                              KioskSpeechSentenceFunc sentence_func,
                                              KioskSpeechFunc func,
                                              gpointer        user_data,
                                              GDestroyNotify  notify);
void            kiosk_speech_job_cancel      (KioskSpeechJob *job);
void            kiosk_speech_job_unref       (KioskSpeechJob *job);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KioskSpeechJob, kiosk_speech_job_unref)

G_END_DECLS
