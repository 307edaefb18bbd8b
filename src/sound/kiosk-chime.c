/* kiosk-chime.c — a short tune through the station's sound, when it has any
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-chime"

#include "config.h"

#include "kiosk-chime.h"

#include "kiosk-sound-output.h"

#include <gst/app/gstappsrc.h>
#include <gst/gst.h>
#include <math.h>

/* A call at the desk behind another window, a question on a station
 * whose resident looks away: a sound says it where a screen cannot. The
 * tunes are made here, a few notes of a bell, so that no sound theme
 * needs to be installed, and played through the station's sound device
 * (kiosk-sound-output.c), when it has one: a sound is never what a person
 * must not miss alone.
 */
struct _KioskChime
{
  GObject     parent_instance;

  KioskSoundPlayback *playback;  /* the tune that plays, until its end */
};

G_DEFINE_FINAL_TYPE (KioskChime, kiosk_chime, G_TYPE_OBJECT)

enum {
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  double frequency;  /* Hz */
  double start;      /* seconds */
} Note;

static const Note call_notes[] = { { 659.26, 0.0 }, { 880.0, 0.22 }, { 1318.5, 0.44 } };
static const Note attention_notes[] = { { 880.0, 0.0 }, { 659.26, 0.3 } };

#define NOTE_SECONDS 0.9
#define LOUDNESS     0.3   /* of full scale, for each note */

/**
 * kiosk_chime_render:
 * @tune: which tune
 * @n_samples: (out): how many samples it has
 *
 * Makes @tune: notes of a bell (a sine and its octave, struck softly and
 * fading), mono, %KIOSK_CHIME_RATE samples a second, signed 16 bits.
 *
 * Returns: (transfer full) (array length=n_samples): the samples
 */
gint16 *
kiosk_chime_render (KioskChimeTune  tune,
                    gsize          *n_samples)
{
  const Note *notes = tune == KIOSK_CHIME_CALL ? call_notes : attention_notes;
  guint n_notes = tune == KIOSK_CHIME_CALL ? G_N_ELEMENTS (call_notes)
                                           : G_N_ELEMENTS (attention_notes);
  double seconds = notes[n_notes - 1].start + NOTE_SECONDS;
  gsize length = (gsize) (seconds * KIOSK_CHIME_RATE);
  g_autofree double *mix = g_new0 (double, length);
  gint16 *samples = g_new (gint16, length);

  g_return_val_if_fail (n_samples != NULL, NULL);

  for (guint n = 0; n < n_notes; n++)
    {
      gsize first = (gsize) (notes[n].start * KIOSK_CHIME_RATE);

      for (gsize i = first; i < length; i++)
        {
          double t = (double) (i - first) / KIOSK_CHIME_RATE;
          /* 5 ms to strike (no click), then the fading of a bell. */
          double envelope = MIN (1.0, t / 0.005) * exp (-t * 5.0);
          double phase = 2 * G_PI * notes[n].frequency * t;

          mix[i] += LOUDNESS * envelope * (0.8 * sin (phase) + 0.2 * sin (2 * phase));
        }
    }

  for (gsize i = 0; i < length; i++)
    samples[i] = (gint16) CLAMP (mix[i] * G_MAXINT16, -G_MAXINT16, G_MAXINT16);

  *n_samples = length;
  return samples;
}

static void
stop (KioskChime *self)
{
  g_clear_pointer (&self->playback, kiosk_sound_playback_stop);
}

static void
played_cb (gboolean heard,
           gpointer user_data)
{
  KioskChime *self = user_data;

  /* The playback is gone with its end. */
  self->playback = NULL;
  g_signal_emit (self, signals[DONE], 0, heard);
}

/**
 * kiosk_chime_has_sound:
 * @self: a #KioskChime
 *
 * Returns: whether a tune played now would be heard
 */
gboolean
kiosk_chime_has_sound (KioskChime *self)
{
  g_return_val_if_fail (KIOSK_IS_CHIME (self), FALSE);

  return kiosk_sound_output_has_device ();
}

/* A tune a second time, the first one still playing, starts again. */
static void
play_now (KioskChime     *self,
          KioskChimeTune  tune)
{
  GstElement *source;
  GstBuffer *buffer;
  gint16 *samples;
  gsize n_samples;

  stop (self);
  /* Nothing to play to: nothing to wait for. */
  self->playback = kiosk_sound_playback_start ("kiosk-chime", KIOSK_CHIME_RATE, played_cb, self);
  if (self->playback == NULL)
    {
      g_signal_emit (self, signals[DONE], 0, FALSE);
      return;
    }

  source = kiosk_sound_playback_get_source (self->playback);
  samples = kiosk_chime_render (tune, &n_samples);
  buffer = gst_buffer_new_wrapped (samples, n_samples * sizeof (gint16));
  GST_BUFFER_PTS (buffer) = 0;
  GST_BUFFER_DURATION (buffer) = gst_util_uint64_scale (n_samples, GST_SECOND, KIOSK_CHIME_RATE);
  gst_app_src_push_buffer (GST_APP_SRC (source), buffer);
  gst_app_src_end_of_stream (GST_APP_SRC (source));
}

/**
 * kiosk_chime_play:
 * @self: a #KioskChime
 * @tune: which tune
 *
 * Plays @tune, in the background, through the system's audio output;
 * #KioskChime::done says when it ended, and whether anyone could hear
 * it. Without a sound device, nothing plays; never an error.
 */
void
kiosk_chime_play (KioskChime     *self,
                  KioskChimeTune  tune)
{
  g_return_if_fail (KIOSK_IS_CHIME (self));

  play_now (self, tune);
}

static void
kiosk_chime_dispose (GObject *object)
{
  stop (KIOSK_CHIME (object));

  G_OBJECT_CLASS (kiosk_chime_parent_class)->dispose (object);
}

static void
kiosk_chime_class_init (KioskChimeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kiosk_chime_dispose;

  /**
   * KioskChime::done:
   * @self: the chime
   * @heard: %TRUE if the tune went to a sound device to its end
   *
   * A tune played, or could not be.
   */
  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
}

static void
kiosk_chime_init (KioskChime *self)
{
}

/**
 * kiosk_chime_new:
 *
 * Nothing of GStreamer starts until a tune plays.
 *
 * Returns: (transfer full): a new #KioskChime
 */
KioskChime *
kiosk_chime_new (void)
{
  return g_object_new (KIOSK_TYPE_CHIME, NULL);
}
