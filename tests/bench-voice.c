/* bench-voice.c — how soon the voice is silent once stopped, and how soon it speaks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Arrêter", a navigation, the idle question and the end of a session all
 * stop the voice with kiosk_voice_stop() (kiosk-window-voice.c): the
 * budget is silence within 200 ms. This program speaks a long text to a
 * PulseAudio of its own, whose null sink keeps real time and is recorded,
 * stops it after a second and more, and reads in the recording how long
 * the sound went on after the stop; and how long the first words took to
 * be heard after a tap. A measurement, never a pass/fail.
 */
#define G_LOG_DOMAIN "kiosk-bench"

#include "config.h"

#include "bench-stats.h"
#include "kiosk-voice.h"
#include "test-utils.h"

#include <stdlib.h>

#define RUNS 15

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

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GArray) stops = kiosk_bench_samples_new ();
  g_autoptr(GArray) calls = kiosk_bench_samples_new ();
  g_autoptr(GArray) starts = kiosk_bench_samples_new ();
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

  kiosk_bench_sort (stops);
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

  kiosk_test_sound_server_stop (server);
  return EXIT_SUCCESS;
}
