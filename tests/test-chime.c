/* test-chime.c — the tunes, played to a sound server of the test's own, and to no device
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-test"

#include "config.h"

#include <math.h>
#include <string.h>

#include "kiosk-chime.h"
#include "test-utils.h"

typedef struct
{
  gboolean done;
  gboolean heard;
} Played;

static void
done_cb (KioskChime *chime,
         gboolean    heard,
         Played     *played)
{
  played->done = TRUE;
  played->heard = heard;
}

static gboolean
is_done (gpointer user_data)
{
  return ((Played *) user_data)->done;
}

static Played
play (KioskChime     *chime,
      KioskChimeTune  tune)
{
  Played played = { FALSE, FALSE };
  gulong handler = g_signal_connect (chime, "done", G_CALLBACK (done_cb), &played);

  kiosk_chime_play (chime, tune);
  g_assert_true (kiosk_test_wait_until (is_done, &played, 20));
  g_signal_handler_disconnect (chime, handler);
  return played;
}

static void
play_to_a_device (void)
{
  KioskTestSoundServer *server = kiosk_test_sound_server_start ();
  g_autoptr(KioskChime) chime = kiosk_chime_new ();
  g_autofree gint16 *tune = NULL;
  g_autofree gint16 *played = NULL;
  const gint16 *sound;
  gsize sound_samples;
  gsize tune_samples;
  gsize n_played;
  Played result;

  g_assert_true (kiosk_chime_has_sound (chime));

  result = play (chime, KIOSK_CHIME_CALL);
  g_assert_true (result.heard);

  /* What reached the device is the tune, all of it: as long, as loud. */
  tune = kiosk_chime_render (KIOSK_CHIME_CALL, &tune_samples);
  played = kiosk_test_sound_server_get_played (server, &n_played);
  sound = kiosk_test_find_sound (played, n_played, &sound_samples);
  g_test_message ("%zu samples heard of the %zu of the tune", sound_samples, tune_samples);
  g_assert_nonnull (sound);
  g_assert_cmpuint (sound_samples, >=, tune_samples * 9 / 10);
  g_assert_cmpuint (sound_samples, <=, tune_samples * 11 / 10);
  g_assert_cmpfloat (kiosk_test_sound_rms (sound, sound_samples), >,
                     kiosk_test_sound_rms (tune, tune_samples) * 0.7);
  g_assert_cmpfloat (kiosk_test_sound_rms (sound, sound_samples), <,
                     kiosk_test_sound_rms (tune, tune_samples) * 1.3);

  /* The other tune, after the first. */
  result = play (chime, KIOSK_CHIME_ATTENTION);
  g_assert_true (result.heard);

  kiosk_test_sound_server_stop (server);
}

static void
play_to_nothing (void)
{
  g_autoptr(KioskChime) chime = NULL;
  Played played;

  kiosk_test_silence_sound ();
  chime = kiosk_chime_new ();
  g_assert_false (kiosk_chime_has_sound (chime));

  /* Nothing heard, nothing broken, no error for anyone. */
  played = play (chime, KIOSK_CHIME_ATTENTION);
  g_assert_false (played.heard);
}

/* Each case in a process of its own, so that GStreamer, PulseAudio's
 * client and ALSA start afresh with its devices.
 */
static void
run_in_subprocess (const char *path)
{
  if (g_test_subprocess ())
    {
      if (g_str_has_suffix (path, "a-device"))
        play_to_a_device ();
      else
        play_to_nothing ();
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_a_device (void)
{
  run_in_subprocess ("/chime/a-device");
}

static void
test_no_device (void)
{
  run_in_subprocess ("/chime/no-device");
}

/* The tunes themselves: short, never clipped, fading out to silence. */
static void
test_tunes (void)
{
  for (KioskChimeTune tune = KIOSK_CHIME_CALL; tune <= KIOSK_CHIME_ATTENTION; tune++)
    {
      g_autofree gint16 *samples = NULL;
      gsize n_samples;
      gint16 peak = 0;

      samples = kiosk_chime_render (tune, &n_samples);
      g_assert_cmpuint (n_samples, >, KIOSK_CHIME_RATE / 2);
      g_assert_cmpuint (n_samples, <, KIOSK_CHIME_RATE * 2);
      for (gsize i = 0; i < n_samples; i++)
        peak = MAX (peak, ABS (samples[i]));
      g_assert_cmpint (peak, >, G_MAXINT16 / 5);
      g_assert_cmpint (peak, <, G_MAXINT16);
      g_assert_cmpint (ABS (samples[0]), <, 100);
      g_assert_cmpfloat (kiosk_test_sound_rms (samples + n_samples - 200, 200), <,
                         0.05 * peak);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chime/tunes", test_tunes);
  g_test_add_func ("/chime/a-device", test_a_device);
  g_test_add_func ("/chime/no-device", test_no_device);

  return g_test_run ();
}
