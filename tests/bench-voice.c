/* bench-voice.c — how soon the voice is silent once stopped, and how soon it speaks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Arrêter", a navigation, the idle question and the end of a session all
 * stop the voice with kiosk_voice_stop() (kiosk-window-voice.c): the
 * budget is silence within 200 ms. This program speaks a long text to a
 * PulseAudio of its own, whose null sink keeps real time and is recorded,
 * stops it after a second and more, and reads in the recording how long
 * the sound went on after the stop; how long the first words took to
 * be heard after a tap; and how far from the sound the sentence shown
 * on the page is (KioskVoice::sentence). A measurement, never a pass/fail.
 */
#define G_LOG_DOMAIN "kiosk-bench"

#include "config.h"

#include "bench-stats.h"
#include "kiosk-voice.h"
#include "test-utils.h"

#include <stdlib.h>

#define RUNS 15
#define SENTENCE_RUNS 8

static const char sentences_text[] = "Votre dossier est complet. Vous recevrez un courrier. "
                                     "Merci de votre visite.";

typedef struct
{
  KioskTestSoundServer *server;
  GArray               *told_at;   /* gsize: the recording's length as each is told */
} Telling;

/* The recording so far, in samples. */
static gsize
recorded_samples (KioskTestSoundServer *server)
{
  g_autofree gint16 *played = NULL;
  gsize n_played;

  played = kiosk_test_sound_server_get_played (server, &n_played);
  return n_played;
}

/* The first and last sample that are not silence, from @from on. */
static gboolean
find_sound_after (KioskTestSoundServer *server,
                  gsize                 from,
                  gsize                *first,
                  gsize                *last)
{
  g_autofree gint16 *played = NULL;
  gsize n_played;
  gsize sound_samples;
  const gint16 *sound;

  played = kiosk_test_sound_server_get_played (server, &n_played);
  if (from >= n_played)
    return FALSE;
  sound = kiosk_test_find_sound (played + from, n_played - from, &sound_samples);
  if (sound == NULL)
    return FALSE;
  *first = sound - played;
  *last = *first + sound_samples;
  return TRUE;
}

static void
sentence_cb (KioskVoice *voice,
             guint       start,
             guint       end,
             Telling    *telling)
{
  gsize at = recorded_samples (telling->server);

  g_array_append_val (telling->told_at, at);
}

static gboolean
is_silent (gpointer voice)
{
  return !kiosk_voice_get_speaking (voice);
}

/* Each sentence after the first: when it was told, against when the
 * device played its first sample, in ms (late is positive).
 */
static gboolean
measure_sentences (KioskTestSoundServer *server,
                   KioskVoice           *voice,
                   GArray               *lags)
{
  g_autoptr(GArray) marks = NULL;
  g_autofree gint16 *speech = NULL;
  gsize n_speech;
  gsize sound_samples;
  double lead;
  const gint16 *sound;

  speech = kiosk_voice_render (sentences_text, "fr", KIOSK_VOICE_DEFAULT_SPEED, &n_speech,
                               &marks, NULL);
  sound = speech != NULL ? kiosk_test_find_sound (speech, n_speech, &sound_samples) : NULL;
  if (sound == NULL)
    return FALSE;
  /* The silence the speech begins with is not in what the recording
   * counts from.
   */
  lead = (double) (sound - speech) / KIOSK_VOICE_RATE;

  for (guint run = 0; run < SENTENCE_RUNS; run++)
    {
      Telling telling = { server, g_array_new (FALSE, FALSE, sizeof (gsize)) };
      gsize before = recorded_samples (server);
      gsize first = 0, last = 0;
      gulong handler = g_signal_connect (voice, "sentence", G_CALLBACK (sentence_cb), &telling);

      kiosk_voice_speak (voice, sentences_text, "fr");
      kiosk_test_wait_until (is_silent, voice, 30);
      g_signal_handler_disconnect (voice, handler);
      kiosk_test_spin (500);

      if (!find_sound_after (server, before, &first, &last) || telling.told_at->len != marks->len)
        {
          g_array_unref (telling.told_at);
          return FALSE;
        }
      for (guint i = 1; i < marks->len; i++)
        {
          double told = ((double) g_array_index (telling.told_at, gsize, i) - first) /
                        KIOSK_TEST_SOUND_RATE;
          double played = (double) g_array_index (marks, KioskVoiceSentence, i).sample /
                          KIOSK_VOICE_RATE - lead;
          double ms = (told - played) * 1000.0;

          g_array_append_val (lags, ms);
        }
      g_array_unref (telling.told_at);
    }
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GArray) stops = kiosk_bench_samples_new ();
  g_autoptr(GArray) calls = kiosk_bench_samples_new ();
  g_autoptr(GArray) starts = kiosk_bench_samples_new ();
  g_autoptr(GArray) lags = kiosk_bench_samples_new ();
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *root = kiosk_test_isolate_process_dirs ();
  KioskTestSoundServer *server = kiosk_test_sound_server_start ();
  g_autoptr(KioskVoice) voice = kiosk_voice_new ();

  for (guint i = 0; i < 20; i++)
    g_string_append (text, "Votre attestation de paiement est disponible dans votre espace. ");

  if (!kiosk_voice_can_speak ())
    {
      g_printerr ("bench-voice: the sound server of its own has no device\n");
      kiosk_test_sound_server_stop (server);
      return EXIT_FAILURE;
    }

  /* Once before the runs: the first connection to the sound server and
   * eSpeak NG's start. Not timed: the recorder starts with the first
   * stream the sink plays, so the recording cannot tell when it began.
   */
  kiosk_voice_speak (voice, "Bonjour.", "fr");
  kiosk_test_spin (4000);
  kiosk_voice_stop (voice);

  for (guint run = 0; run < RUNS; run++)
    {
      gsize before = recorded_samples (server);
      gsize first = 0, last = 0;
      gsize at_stop;
      gint64 called;
      gint64 returned;
      double ms;

      kiosk_voice_speak (voice, text->str, "fr");
      kiosk_test_spin (1500);
      /* Where the recording stands as the stop is asked. */
      at_stop = recorded_samples (server);
      called = g_get_monotonic_time ();
      kiosk_voice_stop (voice);
      returned = g_get_monotonic_time ();
      kiosk_test_spin (1000);

      if (!find_sound_after (server, before, &first, &last))
        {
          g_printerr ("bench-voice: nothing was heard in run %u\n", run);
          kiosk_test_sound_server_stop (server);
          return EXIT_FAILURE;
        }

      /* The recording grows in real time: what it holds after the index
       * it had reached when the stop was asked is what was heard after
       * the stop (and the recorder's own few milliseconds behind).
       */
      ms = ((double) last - (double) at_stop) * 1000.0 / KIOSK_TEST_SOUND_RATE;
      g_array_append_val (stops, ms);
      ms = (returned - called) / 1000.0;
      g_array_append_val (calls, ms);
      /* From the tap to the first sound. */
      ms = ((double) first - (double) before) * 1000.0 / KIOSK_TEST_SOUND_RATE;
      g_array_append_val (starts, ms);
    }

  if (!measure_sentences (server, voice, lags))
    {
      g_printerr ("bench-voice: the sentences were not all told, or not heard\n");
      kiosk_test_sound_server_stop (server);
      return EXIT_FAILURE;
    }

  kiosk_bench_sort (stops);
  kiosk_bench_sort (lags);
  kiosk_bench_sort (calls);
  kiosk_bench_sort (starts);
  g_print ("Pimms Kiosk voice benchmark (eSpeak NG, GStreamer to a PulseAudio null sink, "
           "%u runs)\n", RUNS);
  g_print ("stop -> silence at the device: median %.1f ms, p95 %.1f ms (budget 200 ms)\n",
           kiosk_bench_median (stops), kiosk_bench_percentile_95 (stops));
  g_print ("  of which kiosk_voice_stop() returning: median %.2f ms\n",
           kiosk_bench_median (calls));
  g_print ("tap -> first sound at the device: median %.1f ms, p95 %.1f ms\n",
           kiosk_bench_median (starts), kiosk_bench_percentile_95 (starts));
  g_print ("sentence shown - sentence heard at the device: median %+.0f ms, p95 %+.0f ms "
           "(%u sentences; late is +)\n", kiosk_bench_median (lags),
           kiosk_bench_percentile_95 (lags), lags->len);

  kiosk_test_sound_server_stop (server);
  return EXIT_SUCCESS;
}
