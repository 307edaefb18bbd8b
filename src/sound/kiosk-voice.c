/* kiosk-voice.c — the kiosk reads aloud, through the station's sound
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Many residents understand French, Arabic, Turkish, Portuguese or
 * Spanish far better than they read it. The voice says a text in its
 * language, slowly by default, through the station's sound device
 * (kiosk-sound-output.c); the words are made on the station by eSpeak NG
 * (kiosk-speech-engine.c), off the main thread, and played as they come.
 * Nothing said is kept: the text goes with the request, the speech with
 * the pipeline. Without a sound device there is no voice, and no error.
 */
#define G_LOG_DOMAIN "kiosk-voice"

#include "config.h"

#include "kiosk-voice.h"

#include "kiosk-sound-output.h"
#include "kiosk-speech-engine.h"

#include <gst/app/gstappsrc.h>

/* eSpeak NG's rates for each speed. Its "175" is about 208 words a minute
 * as heard; older listeners follow synthetic speech best at about 150
 * (Sutton et al. 1995; Hux et al. 2020): the default says about 140, the
 * slower about 110, the faster about 180.
 */
static const int words_per_minute[KIOSK_VOICE_N_SPEEDS] = { 95, 120, 155 };

/* Where the engine says each sentence starts, as it makes them: the
 * first member of what it is given, for mark_sentence().
 */
typedef struct
{
  GMutex  lock;
  GArray *sentences;   /* KioskVoiceSentence, in the order made */
} Marks;

/* What the engine's thread pushes the speech into, and the marks; shared
 * by the voice and the request, which may end in either order.
 */
typedef struct
{
  Marks       marks;
  gint        ref_count;
  GstElement *source;
  guint64     samples_pushed;
} Stream;

struct _KioskVoice
{
  GObject          parent_instance;

  KioskVoiceSpeed  speed;
  gboolean         speaking;
  KioskSoundPlayback *playback;
  KioskSpeechJob  *job;
  Stream          *stream;
  char            *text;      /* what it says, while it says it */
  char            *language;

  /* The sentence heard: the marks it lies between, and where it is. */
  guint            follow_id;
  guint            heard_mark;
  guint            next_mark;
  guint            sentence_start;
  guint            sentence_end;
};

G_DEFINE_FINAL_TYPE (KioskVoice, kiosk_voice, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SPEAKING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SENTENCE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Ahead of the next sentence by no more than this, and never sooner. */
#define FOLLOW_MAX_MS 250
#define FOLLOW_MIN_MS 15
#define NO_MARK G_MAXUINT

static Stream *
stream_ref (Stream *stream)
{
  g_atomic_int_inc (&stream->ref_count);
  return stream;
}

static void
stream_unref (gpointer data)
{
  Stream *stream = data;

  if (!g_atomic_int_dec_and_test (&stream->ref_count))
    return;

  gst_object_unref (stream->source);
  g_mutex_clear (&stream->marks.lock);
  g_array_unref (stream->marks.sentences);
  g_free (stream);
}

G_STATIC_ASSERT (G_STRUCT_OFFSET (Stream, marks) == 0);

/* On the engine's thread, with a Stream or a Rendering. */
static void
mark_sentence (guint    text_offset,
               guint64  sample,
               gpointer user_data)
{
  Marks *marks = user_data;
  KioskVoiceSentence mark = { text_offset, sample };

  g_mutex_lock (&marks->lock);
  g_array_append_val (marks->sentences, mark);
  g_mutex_unlock (&marks->lock);
}

/* On the engine's thread: appsrc takes buffers from any thread. */
static gboolean
push_speech (const gint16 *samples,
             gsize         n_samples,
             gpointer      user_data)
{
  Stream *stream = user_data;
  GstBuffer *buffer;

  if (n_samples == 0)
    {
      gst_app_src_end_of_stream (GST_APP_SRC (stream->source));
      return FALSE;
    }

  buffer = gst_buffer_new_memdup (samples, n_samples * sizeof (gint16));
  GST_BUFFER_PTS (buffer) = gst_util_uint64_scale (stream->samples_pushed, GST_SECOND,
                                                   KIOSK_VOICE_RATE);
  GST_BUFFER_DURATION (buffer) = gst_util_uint64_scale (n_samples, GST_SECOND,
                                                        KIOSK_VOICE_RATE);
  stream->samples_pushed += n_samples;

  /* A stopped voice's pipeline flushes: nothing more to make. */
  return gst_app_src_push_buffer (GST_APP_SRC (stream->source), buffer) == GST_FLOW_OK;
}

static void
set_speaking (KioskVoice *self,
              gboolean    speaking)
{
  if (self->speaking == speaking)
    return;

  self->speaking = speaking;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPEAKING]);
}

static void
release (KioskVoice *self)
{
  g_clear_handle_id (&self->follow_id, g_source_remove);
  g_clear_pointer (&self->stream, stream_unref);
  if (self->job != NULL)
    {
      kiosk_speech_job_cancel (self->job);
      g_clear_pointer (&self->job, kiosk_speech_job_unref);
    }
  /* Silence at once. */
  g_clear_pointer (&self->playback, kiosk_sound_playback_stop);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->language, g_free);
}

static gboolean
ends_a_sentence (gunichar c)
{
  return c == '.' || c == '!' || c == '?' || c == 0x2026 /* … */ || c == 0x061F /* ؟ */;
}

/* Where the sentence that starts at @from ends, before eSpeak NG said
 * where the next one starts: at a full stop followed by a space, at a
 * blank line (as eSpeak NG reads them), or at the end.
 */
static const char *
guess_sentence_end (const char *from)
{
  const char *p = from;

  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char (p);
      const char *after = g_utf8_next_char (p);

      if (ends_a_sentence (c) && (*after == '\0' || g_unichar_isspace (g_utf8_get_char (after))))
        return after;
      if (c == '\n' && *after == '\n')
        return p;
      p = after;
    }
  return p;
}

/* The sentence heard is the text from one mark to the next, without the
 * spaces around it.
 */
static void
show_sentence (KioskVoice *self,
               guint       mark,
               guint       next_mark)
{
  glong length = g_utf8_strlen (self->text, -1);
  const char *start;
  const char *end;

  if (mark == self->heard_mark && next_mark == self->next_mark)
    return;
  self->heard_mark = mark;
  self->next_mark = next_mark;
  if (mark >= length)
    return;

  start = g_utf8_offset_to_pointer (self->text, mark);
  while (*start != '\0' && g_unichar_isspace (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  end = next_mark < length ? g_utf8_offset_to_pointer (self->text, next_mark)
                           : guess_sentence_end (start);
  while (end > start && g_unichar_isspace (g_utf8_get_char (g_utf8_prev_char (end))))
    end = g_utf8_prev_char (end);
  if (end <= start)
    return;

  {
    guint start_offset = g_utf8_pointer_to_offset (self->text, start);
    guint end_offset = g_utf8_pointer_to_offset (self->text, end);

    if (start_offset == self->sentence_start && end_offset == self->sentence_end)
      return;
    self->sentence_start = start_offset;
    self->sentence_end = end_offset;
  }
  g_signal_emit (self, signals[SENTENCE], 0, self->sentence_start, self->sentence_end);
}

/* Follows the speech as the device plays it: each sentence is told when
 * it begins to be heard, not when it is made, a second or more before.
 */
static gboolean
follow_reading_cb (gpointer user_data)
{
  KioskVoice *self = user_data;
  GstClockTime heard = kiosk_sound_playback_get_heard (self->playback);
  /* Until the device plays, soon. */
  guint delay_ms = FOLLOW_MIN_MS;
  guint mark = NO_MARK;
  guint next_mark = NO_MARK;

  if (heard != GST_CLOCK_TIME_NONE)
    {
      guint64 heard_samples = gst_util_uint64_scale (heard, KIOSK_VOICE_RATE, GST_SECOND);
      GArray *sentences = self->stream->marks.sentences;
      guint64 next_sample = 0;

      g_mutex_lock (&self->stream->marks.lock);
      for (guint i = 0; i < sentences->len; i++)
        {
          KioskVoiceSentence *sentence = &g_array_index (sentences, KioskVoiceSentence, i);

          if (sentence->sample > heard_samples)
            {
              next_mark = sentence->text_offset;
              next_sample = sentence->sample;
              break;
            }
          mark = sentence->text_offset;
        }
      g_mutex_unlock (&self->stream->marks.lock);

      delay_ms = next_mark != NO_MARK
                 ? CLAMP ((next_sample - heard_samples) * 1000 / KIOSK_VOICE_RATE,
                          FOLLOW_MIN_MS, FOLLOW_MAX_MS)
                 : FOLLOW_MAX_MS;
    }

  /* The next look is set before the sentence is told: a handler may stop
   * the voice, speak again or let it go, and nothing of it is touched
   * after.
   */
  self->follow_id = g_timeout_add (delay_ms, follow_reading_cb, self);
  if (mark != NO_MARK)
    show_sentence (self, mark, next_mark);
  return G_SOURCE_REMOVE;
}

static void
spoken_cb (gboolean heard,
           gpointer user_data)
{
  KioskVoice *self = user_data;

  /* The playback is gone with its end. */
  self->playback = NULL;
  release (self);
  set_speaking (self, FALSE);
}

/**
 * kiosk_voice_can_speak:
 *
 * Opens the station's sound device and starts eSpeak NG, once each:
 * call it off the main thread.
 *
 * Returns: whether the station can read aloud: a sound device, and eSpeak
 *   NG with its voices
 */
gboolean
kiosk_voice_can_speak (void)
{
  g_autoptr(GError) error = NULL;
  int rate;

  if (!kiosk_sound_output_has_device ())
    return FALSE;

  rate = kiosk_speech_engine_get_rate (&error);
  if (rate != KIOSK_VOICE_RATE)
    {
      g_message ("No voice: %s", error != NULL ? error->message : "eSpeak NG speaks at "
                                                                  "another rate");
      return FALSE;
    }
  return TRUE;
}

/**
 * kiosk_voice_speak:
 * @self: a #KioskVoice
 * @text: what to say
 * @language: the language it is written in ("fr", "ar"…)
 *
 * Says @text, at the voice's speed, in place of anything it was saying.
 * #KioskVoice:speaking is %TRUE until the last word has been heard or the
 * voice is stopped. Without a sound device, says nothing.
 */
void
kiosk_voice_speak (KioskVoice *self,
                   const char *text,
                   const char *language)
{
  Stream *stream;

  g_return_if_fail (KIOSK_IS_VOICE (self));
  g_return_if_fail (text != NULL && language != NULL);

  release (self);
  self->playback = kiosk_sound_playback_start ("kiosk-voice", KIOSK_VOICE_RATE, spoken_cb, self);
  if (self->playback == NULL)
    {
      set_speaking (self, FALSE);
      return;
    }

  /* What is said, as the engine cuts it: the sentences are within it. */
  self->text = g_strndup (text, kiosk_speech_engine_get_said_length (text));
  self->language = g_strdup (language);
  stream = g_new0 (Stream, 1);
  stream->ref_count = 1;
  stream->source = gst_object_ref (kiosk_sound_playback_get_source (self->playback));
  g_mutex_init (&stream->marks.lock);
  stream->marks.sentences = g_array_new (FALSE, FALSE, sizeof (KioskVoiceSentence));
  /* eSpeak NG makes speech a thousand times faster than it is said: a
   * second of it waits in the source, the engine waits for room. Stopped,
   * the source flushes and the engine stops.
   */
  g_object_set (stream->source, "max-bytes", (guint64) KIOSK_VOICE_RATE * sizeof (gint16),
                "block", TRUE, NULL);
  self->stream = stream_ref (stream);
  self->job = kiosk_speech_engine_say (text, language, words_per_minute[self->speed],
                                       mark_sentence, push_speech, stream, stream_unref);
  self->heard_mark = NO_MARK;
  self->next_mark = NO_MARK;
  self->sentence_start = 0;
  self->sentence_end = 0;
  self->follow_id = g_timeout_add (FOLLOW_MIN_MS, follow_reading_cb, self);
  set_speaking (self, TRUE);
}

/**
 * kiosk_voice_stop:
 * @self: a #KioskVoice
 *
 * Silence, at once.
 */
void
kiosk_voice_stop (KioskVoice *self)
{
  g_return_if_fail (KIOSK_IS_VOICE (self));

  release (self);
  set_speaking (self, FALSE);
}

/**
 * kiosk_voice_get_text:
 * @self: a #KioskVoice
 * @language: (out) (optional) (transfer none): the language it is read in
 *
 * Returns: (nullable): what the voice is saying, or %NULL when it is
 *   silent: nothing is kept after
 */
const char *
kiosk_voice_get_text (KioskVoice  *self,
                      const char **language)
{
  g_return_val_if_fail (KIOSK_IS_VOICE (self), NULL);

  if (language != NULL)
    *language = self->language;
  return self->text;
}

gboolean
kiosk_voice_get_speaking (KioskVoice *self)
{
  g_return_val_if_fail (KIOSK_IS_VOICE (self), FALSE);

  return self->speaking;
}

KioskVoiceSpeed
kiosk_voice_get_speed (KioskVoice *self)
{
  g_return_val_if_fail (KIOSK_IS_VOICE (self), KIOSK_VOICE_DEFAULT_SPEED);

  return self->speed;
}

/**
 * kiosk_voice_set_speed:
 * @self: a #KioskVoice
 * @speed: how fast it speaks from the next text on
 */
void
kiosk_voice_set_speed (KioskVoice      *self,
                       KioskVoiceSpeed  speed)
{
  g_return_if_fail (KIOSK_IS_VOICE (self));
  g_return_if_fail (speed < KIOSK_VOICE_N_SPEEDS);

  self->speed = speed;
}

/* The speech made for kiosk_voice_render(), under marks.lock. */
typedef struct
{
  Marks    marks;
  GCond    done_cond;
  gboolean done;
  GArray  *samples;
} Rendering;

G_STATIC_ASSERT (G_STRUCT_OFFSET (Rendering, marks) == 0);

static gboolean
keep_speech (const gint16 *samples,
             gsize         n_samples,
             gpointer      user_data)
{
  Rendering *rendering = user_data;

  g_mutex_lock (&rendering->marks.lock);
  if (n_samples > 0)
    g_array_append_vals (rendering->samples, samples, n_samples);
  else
    {
      rendering->done = TRUE;
      g_cond_signal (&rendering->done_cond);
    }
  g_mutex_unlock (&rendering->marks.lock);
  return TRUE;
}

/**
 * kiosk_voice_render:
 * @text: what to say
 * @language: the language it is written in
 * @speed: how fast
 * @n_samples: (out): how many samples the speech has
 * @sentences: (out) (optional) (transfer full) (element-type KioskVoiceSentence):
 *   where each sentence starts
 * @error: return location for why there is no speech
 *
 * Makes the speech of @text, as kiosk_voice_speak() would play it
 * (%KIOSK_VOICE_RATE samples a second), and waits for it.
 *
 * Returns: (transfer full) (array length=n_samples) (nullable): the samples
 */
gint16 *
kiosk_voice_render (const char      *text,
                    const char      *language,
                    KioskVoiceSpeed  speed,
                    gsize           *n_samples,
                    GArray         **sentences,
                    GError         **error)
{
  Rendering rendering = { 0 };
  KioskSpeechJob *job;
  int rate = kiosk_speech_engine_get_rate (error);

  g_return_val_if_fail (speed < KIOSK_VOICE_N_SPEEDS, NULL);

  if (rate <= 0)
    return NULL;
  if (rate != KIOSK_VOICE_RATE)
    {
      g_set_error (error, KIOSK_SPEECH_ERROR, KIOSK_SPEECH_ERROR_RATE,
                   "eSpeak NG speaks at %d samples a second, not %d", rate, KIOSK_VOICE_RATE);
      return NULL;
    }

  g_mutex_init (&rendering.marks.lock);
  g_cond_init (&rendering.done_cond);
  rendering.samples = g_array_new (FALSE, FALSE, sizeof (gint16));
  rendering.marks.sentences = g_array_new (FALSE, FALSE, sizeof (KioskVoiceSentence));
  job = kiosk_speech_engine_say (text, language, words_per_minute[speed], mark_sentence,
                                 keep_speech, &rendering, NULL);
  g_mutex_lock (&rendering.marks.lock);
  while (!rendering.done)
    g_cond_wait (&rendering.done_cond, &rendering.marks.lock);
  g_mutex_unlock (&rendering.marks.lock);
  kiosk_speech_job_unref (job);

  g_mutex_clear (&rendering.marks.lock);
  g_cond_clear (&rendering.done_cond);
  *n_samples = rendering.samples->len;
  if (sentences != NULL)
    *sentences = rendering.marks.sentences;
  else
    g_array_unref (rendering.marks.sentences);
  return (gint16 *) g_array_free (rendering.samples, FALSE);
}

static void
kiosk_voice_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  KioskVoice *self = KIOSK_VOICE (object);

  switch (prop_id)
    {
    case PROP_SPEAKING:
      g_value_set_boolean (value, self->speaking);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_voice_dispose (GObject *object)
{
  release (KIOSK_VOICE (object));

  G_OBJECT_CLASS (kiosk_voice_parent_class)->dispose (object);
}

static void
kiosk_voice_class_init (KioskVoiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kiosk_voice_dispose;
  object_class->get_property = kiosk_voice_get_property;

  properties[PROP_SPEAKING] =
    g_param_spec_boolean ("speaking", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KioskVoice::sentence:
   * @self: the voice
   * @start: where the sentence starts in kiosk_voice_get_text(), in
   *   characters
   * @end: where it ends
   *
   * A sentence begins to be heard; or where it ends became known.
   */
  signals[SENTENCE] =
    g_signal_new ("sentence", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
}

static void
kiosk_voice_init (KioskVoice *self)
{
  self->speed = KIOSK_VOICE_DEFAULT_SPEED;
}

/**
 * kiosk_voice_new:
 *
 * Nothing of eSpeak NG nor GStreamer starts until the first words.
 *
 * Returns: (transfer full): a new #KioskVoice
 */
KioskVoice *
kiosk_voice_new (void)
{
  return g_object_new (KIOSK_TYPE_VOICE, NULL);
}
