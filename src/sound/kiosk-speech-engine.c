/* kiosk-speech-engine.c — eSpeak NG, on a thread of its own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * eSpeak NG makes speech from text on the station itself, in the six
 * languages of the kiosk: no text ever leaves it. The library keeps all
 * its state in globals and is not thread-safe, so one thread owns every
 * call to it, started at the first words asked for (a start of the kiosk
 * does not wait for it); each request runs there in turn. It makes speech
 * about a thousand times faster than it is spoken: a request is stopped
 * from its own callback, within milliseconds, since espeak_Cancel() does
 * not stop a synthesis under way.
 */
#define G_LOG_DOMAIN "kiosk-speech"

#include "config.h"

#include "kiosk-speech-engine.h"

#include <espeak-ng/speak_lib.h>
#include <locale.h>
#include <string.h>

/* Loud enough, and never clipped: at 100, Portuguese and Spanish reach
 * full scale.
 */
#define VOLUME 80
/* A page's text beyond this is not read (kiosk_speech_engine_get_said_length()). */
#define MAX_TEXT_BYTES (64 * 1024)

struct _KioskSpeechJob
{
  gint            ref_count;
  gint            cancelled;
  char           *text;
  char           *language;
  int             words_per_minute;
  KioskSpeechSentenceFunc sentence_func;
  KioskSpeechFunc func;
  gpointer        user_data;
  GDestroyNotify  notify;
};

static GThreadPool *engine;
static GMutex engine_lock;
static GCond engine_ready;
static gboolean engine_started;
static int engine_rate;
static char *engine_failure;

G_DEFINE_QUARK (kiosk-speech-error-quark, kiosk_speech_error)

static KioskSpeechJob *
job_ref (KioskSpeechJob *job)
{
  g_atomic_int_inc (&job->ref_count);
  return job;
}

/**
 * kiosk_speech_job_unref:
 * @job: a request
 */
void
kiosk_speech_job_unref (KioskSpeechJob *job)
{
  if (!g_atomic_int_dec_and_test (&job->ref_count))
    return;

  if (job->notify != NULL)
    job->notify (job->user_data);
  g_free (job->text);
  g_free (job->language);
  g_free (job);
}

/**
 * kiosk_speech_job_cancel:
 * @job: a request
 *
 * Stops it: no more speech is made for it, within milliseconds (or it
 * never starts).
 */
void
kiosk_speech_job_cancel (KioskSpeechJob *job)
{
  g_atomic_int_set (&job->cancelled, TRUE);
}

/* On the engine's thread, with each piece eSpeak made. */
static int
synth_cb (short        *wav,
          int           n_samples,
          espeak_EVENT *events)
{
  KioskSpeechJob *job = events->user_data;

  if (g_atomic_int_get (&job->cancelled))
    return 1;

  /* Where each sentence starts: eSpeak counts characters from 1, and
   * places them in milliseconds of its speech.
   */
  for (espeak_EVENT *event = events; event->type != espeakEVENT_LIST_TERMINATED; event++)
    {
      if (event->type == espeakEVENT_SENTENCE && job->sentence_func != NULL &&
          event->text_position > 0)
        job->sentence_func (event->text_position - 1,
                            (guint64) event->audio_position * engine_rate / 1000,
                            job->user_data);
    }
  if (wav == NULL || n_samples <= 0)
    return 0;
  if (!job->func ((const gint16 *) wav, n_samples, job->user_data))
    {
      g_atomic_int_set (&job->cancelled, TRUE);
      return 1;
    }
  return 0;
}

/* Once, on the engine's thread. eSpeak sets the locale's character type
 * for the whole process: the kiosk's is put back.
 */
static void
start_engine_here (void)
{
  g_autofree char *ctype = g_strdup (setlocale (LC_CTYPE, NULL));
  int rate = espeak_Initialize (AUDIO_OUTPUT_SYNCHRONOUS, 0, NULL, espeakINITIALIZE_DONT_EXIT);

  setlocale (LC_CTYPE, ctype);

  g_mutex_lock (&engine_lock);
  if (rate <= 0)
    engine_failure = g_strdup ("eSpeak NG could not start: is espeak-ng-data installed?");
  else
    {
      engine_rate = rate;
      espeak_SetSynthCallback (synth_cb);
      espeak_SetParameter (espeakVOLUME, VOLUME, 0);
    }
  engine_started = TRUE;
  g_cond_broadcast (&engine_ready);
  g_mutex_unlock (&engine_lock);
}

/**
 * kiosk_speech_engine_get_said_length:
 * @text: a text in UTF-8
 *
 * A page's text beyond 64 KB is not read (a quarter of an hour of
 * speech): it is cut at a character, never within one.
 *
 * Returns: how many bytes of @text are said
 */
gsize
kiosk_speech_engine_get_said_length (const char *text)
{
  gsize length = strlen (text);
  const char *end;

  if (length <= MAX_TEXT_BYTES)
    return length;

  end = g_utf8_find_prev_char (text, text + MAX_TEXT_BYTES + 1);
  return end != NULL ? (gsize) (end - text) : 0;
}

static void
say_here (KioskSpeechJob *job)
{
  gsize length = strlen (job->text);

  if (espeak_SetVoiceByName (job->language) != EE_OK)
    {
      g_message ("No voice for “%s”: read in French", job->language);
      espeak_SetVoiceByName ("fr");
    }
  espeak_SetParameter (espeakRATE, job->words_per_minute, 0);

  if (!g_atomic_int_get (&job->cancelled) &&
      espeak_Synth (job->text, length + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, NULL,
                    job) != EE_OK)
    g_message ("eSpeak NG could not read a text");

  /* The end, said once, whatever happened. */
  job->func (NULL, 0, job->user_data);
}

static void
run_cb (gpointer data,
        gpointer user_data)
{
  g_autoptr(KioskSpeechJob) job = data;

  if (!engine_started)
    start_engine_here ();

  if (engine_rate > 0)
    say_here (job);
  else
    job->func (NULL, 0, job->user_data);
}

static void
ensure_engine (void)
{
  g_mutex_lock (&engine_lock);
  if (engine == NULL)
    /* One thread, kept: every call to eSpeak is made from it. */
    engine = g_thread_pool_new (run_cb, NULL, 1, TRUE, NULL);
  g_mutex_unlock (&engine_lock);
}

static void
nothing_to_say (gpointer user_data)
{
}

static gboolean
nothing_made (const gint16 *samples,
              gsize         n_samples,
              gpointer      user_data)
{
  return TRUE;
}

/**
 * kiosk_speech_engine_get_rate:
 * @error: return location for why there is no speech
 *
 * Starts the engine if it has not started, and waits for it.
 *
 * Returns: how many samples a second of speech holds, or 0 when eSpeak NG
 *   cannot start
 */
int
kiosk_speech_engine_get_rate (GError **error)
{
  KioskSpeechJob *job;
  int rate;

  ensure_engine ();
  g_mutex_lock (&engine_lock);
  if (!engine_started)
    {
      g_mutex_unlock (&engine_lock);
      /* An empty request starts it. */
      job = kiosk_speech_engine_say ("", "fr", 175, NULL, nothing_made, NULL, nothing_to_say);
      kiosk_speech_job_unref (job);
      g_mutex_lock (&engine_lock);
      while (!engine_started)
        g_cond_wait (&engine_ready, &engine_lock);
    }
  rate = engine_rate;
  if (rate <= 0)
    g_set_error_literal (error, KIOSK_SPEECH_ERROR, KIOSK_SPEECH_ERROR_UNAVAILABLE,
                         engine_failure);
  g_mutex_unlock (&engine_lock);

  return rate;
}

/* eSpeak NG opens a voice's file by the name it is given: only a
 * language code ("fr", "pt-br") is ever one.
 */
static gboolean
language_is_a_code (const char *language)
{
  gsize length = strlen (language);

  if (length < 2 || length > 8)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    {
      if (!g_ascii_islower (language[i]) && language[i] != '-')
        return FALSE;
    }
  return TRUE;
}

/**
 * kiosk_speech_engine_say:
 * @text: what to say, in UTF-8
 * @language: the language it is in ("fr", "ar"…); French when eSpeak NG has
 *   no voice for it, or it is not a language code
 * @words_per_minute: eSpeak NG's rate, from 80 to 450
 * @sentence_func: (nullable): told where each sentence starts, on the
 *   engine's thread
 * @func: called with the speech as it is made, on the engine's thread
 * @user_data: for @sentence_func and @func
 * @notify: (nullable): frees @user_data once the request is done with
 *
 * Asks for @text to be said, after the requests asked before.
 *
 * Returns: (transfer full): the request, to cancel it
 */
KioskSpeechJob *
kiosk_speech_engine_say (const char      *text,
                         const char      *language,
                         int              words_per_minute,
                         KioskSpeechSentenceFunc sentence_func,
                         KioskSpeechFunc  func,
                         gpointer         user_data,
                         GDestroyNotify   notify)
{
  KioskSpeechJob *job;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (language != NULL, NULL);
  g_return_val_if_fail (func != NULL, NULL);

  job = g_new0 (KioskSpeechJob, 1);
  job->ref_count = 1;
  job->text = g_strndup (text, kiosk_speech_engine_get_said_length (text));
  job->language = g_strdup (language_is_a_code (language) ? language : "fr");
  job->words_per_minute = CLAMP (words_per_minute, espeakRATE_MINIMUM, espeakRATE_MAXIMUM);
  job->sentence_func = sentence_func;
  job->func = func;
  job->user_data = user_data;
  job->notify = notify;

  ensure_engine ();
  g_thread_pool_push (engine, job_ref (job), NULL);
  return job;
}
