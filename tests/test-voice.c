/* test-voice.c — the kiosk's voice: eSpeak NG in six languages, played, stopped, or silent
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-test"

#include "config.h"

#include <math.h>
#include <string.h>

#include "kiosk-speech-engine.h"
#include "kiosk-voice.h"
#include "test-utils.h"

/* What the home screen could say, in each language of the kiosk. */
static const struct
{
  const char *language;
  const char *text;
} welcomes[] = {
  { "fr", "Bienvenue. Touchez un service pour commencer." },
  { "ar", "مرحبا. المس خدمة للبدء." },
  { "tr", "Hoş geldiniz. Başlamak için bir hizmete dokunun." },
  { "pt", "Bem-vindo. Toque num serviço para começar." },
  { "es", "Bienvenido. Toque un servicio para empezar." },
  { "en", "Welcome. Touch a service to begin." },
};

static gint16 *
render (const char      *text,
        const char      *language,
        KioskVoiceSpeed  speed,
        gsize           *n_samples,
        GArray         **sentences)
{
  g_autoptr(GError) error = NULL;
  gint16 *samples = kiosk_voice_render (text, language, speed, n_samples, sentences, &error);

  g_assert_no_error (error);
  g_assert_nonnull (samples);
  return samples;
}

/* Each language is spoken: a few seconds of sound, loud and unclipped. */
static void
test_six_languages (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (welcomes); i++)
    {
      g_autofree gint16 *samples = NULL;
      gsize n_samples;
      double seconds;
      gint16 peak = 0;

      samples = render (welcomes[i].text, welcomes[i].language, KIOSK_VOICE_DEFAULT_SPEED,
                        &n_samples, NULL);
      seconds = (double) n_samples / KIOSK_VOICE_RATE;
      for (gsize s = 0; s < n_samples; s++)
        peak = MAX (peak, ABS (samples[s]));
      g_test_message ("%s: %.2f s, RMS %.0f, peak %d", welcomes[i].language, seconds,
                      kiosk_test_sound_rms (samples, n_samples), peak);

      g_assert_cmpfloat (seconds, >, 1.5);
      g_assert_cmpfloat (seconds, <, 12.0);
      g_assert_cmpfloat (kiosk_test_sound_rms (samples, n_samples), >, 1000);
      g_assert_cmpint (peak, <, G_MAXINT16);
    }
}

/* Each language has its own voice: a text in a language eSpeak NG has no
 * voice for is read by the French one, and Arabic is not.
 */
static void
test_each_its_voice (void)
{
  g_autofree gint16 *french = NULL;
  g_autofree gint16 *unknown = NULL;
  g_autofree gint16 *arabic = NULL;
  gsize n_french, n_unknown, n_arabic;
  const char *text = welcomes[1].text;

  french = render (text, "fr", KIOSK_VOICE_DEFAULT_SPEED, &n_french, NULL);
  unknown = render (text, "xx", KIOSK_VOICE_DEFAULT_SPEED, &n_unknown, NULL);
  arabic = render (text, "ar", KIOSK_VOICE_DEFAULT_SPEED, &n_arabic, NULL);

  /* eSpeak NG's noise differs from one reading to the next, its timing
   * does not.
   */
  g_assert_cmpuint (n_unknown, ==, n_french);
  g_assert_cmpuint (n_arabic, !=, n_french);
}

/* Slow and clear by default; one step slower, one faster. */
static void
test_speeds (void)
{
  gsize lengths[KIOSK_VOICE_N_SPEEDS];

  for (KioskVoiceSpeed speed = 0; speed < KIOSK_VOICE_N_SPEEDS; speed++)
    g_free (render (welcomes[0].text, "fr", speed, &lengths[speed], NULL));

  g_test_message ("French at each speed: %.2f s, %.2f s, %.2f s",
                  (double) lengths[0] / KIOSK_VOICE_RATE, (double) lengths[1] / KIOSK_VOICE_RATE,
                  (double) lengths[2] / KIOSK_VOICE_RATE);
  g_assert_cmpuint (lengths[KIOSK_VOICE_SPEED_SLOWER], >,
                    lengths[KIOSK_VOICE_SPEED_SLOW] * 11 / 10);
  g_assert_cmpuint (lengths[KIOSK_VOICE_SPEED_SLOW], >,
                    lengths[KIOSK_VOICE_SPEED_FASTER] * 11 / 10);
}

static gboolean
is_silent (gpointer user_data)
{
  return !kiosk_voice_get_speaking (user_data);
}

static void
speak_to_a_device (void)
{
  KioskTestSoundServer *server = kiosk_test_sound_server_start ();
  g_autoptr(KioskVoice) voice = kiosk_voice_new ();
  g_autofree gint16 *speech = NULL;
  g_autofree gint16 *played = NULL;
  const gint16 *sound;
  gsize speech_samples;
  gsize sound_samples;
  gsize n_played;

  g_assert_true (kiosk_voice_can_speak ());

  kiosk_voice_speak (voice, welcomes[1].text, "ar");
  g_assert_true (kiosk_voice_get_speaking (voice));
  g_assert_true (kiosk_test_wait_until (is_silent, voice, 30));

  /* What reached the device is the speech, all of it: as long, as loud.
   * The recording is at the device's own rate.
   */
  speech = render (welcomes[1].text, "ar", KIOSK_VOICE_DEFAULT_SPEED, &speech_samples, NULL);
  played = kiosk_test_sound_server_get_played (server, &n_played);
  sound = kiosk_test_find_sound (played, n_played, &sound_samples);
  g_assert_nonnull (sound);
  g_test_message ("%.2f s heard of the %.2f s of speech",
                  (double) sound_samples / KIOSK_TEST_SOUND_RATE,
                  (double) speech_samples / KIOSK_VOICE_RATE);
  g_assert_cmpfloat ((double) sound_samples / KIOSK_TEST_SOUND_RATE, >,
                     0.85 * speech_samples / KIOSK_VOICE_RATE);
  g_assert_cmpfloat ((double) sound_samples / KIOSK_TEST_SOUND_RATE, <,
                     1.15 * speech_samples / KIOSK_VOICE_RATE);
  g_assert_cmpfloat (kiosk_test_sound_rms (sound, sound_samples), >,
                     kiosk_test_sound_rms (speech, speech_samples) * 0.5);

  kiosk_test_sound_server_stop (server);
}

typedef struct
{
  KioskTestSoundServer *server;
  double                heard;  /* seconds of sound recorded so far */
} Listening;

static double
seconds_heard (KioskTestSoundServer *server)
{
  g_autofree gint16 *played = NULL;
  gsize n_played;
  gsize sound_samples = 0;

  played = kiosk_test_sound_server_get_played (server, &n_played);
  if (kiosk_test_find_sound (played, n_played, &sound_samples) == NULL)
    return 0;
  return (double) sound_samples / KIOSK_TEST_SOUND_RATE;
}

static gboolean
has_spoken_a_second (gpointer user_data)
{
  Listening *listening = user_data;

  listening->heard = seconds_heard (listening->server);
  return listening->heard > 1.0;
}

/* Stopped, it is silent at once: what was heard ends there. */
static void
stop_a_long_text (void)
{
  Listening listening = { kiosk_test_sound_server_start (), 0 };
  g_autoptr(KioskVoice) voice = kiosk_voice_new ();
  g_autoptr(GString) text = g_string_new (NULL);
  double heard_after;

  for (guint i = 0; i < 20; i++)
    g_string_append (text, "Votre attestation de paiement est disponible dans votre espace. ");

  kiosk_voice_speak (voice, text->str, "fr");
  g_assert_true (kiosk_test_wait_until (has_spoken_a_second, &listening, 20));
  g_assert_true (kiosk_voice_get_speaking (voice));
  kiosk_voice_stop (voice);
  g_assert_false (kiosk_voice_get_speaking (voice));

  /* The recording lags a little behind the device: what it holds once
   * it caught up is what was heard before the stop.
   */
  kiosk_test_spin (1500);
  heard_after = seconds_heard (listening.server);
  g_test_message ("%.2f s heard when stopped, %.2f s in all", listening.heard, heard_after);
  g_assert_cmpfloat (heard_after, <, listening.heard + 0.5);

  kiosk_test_sound_server_stop (listening.server);
}

typedef struct
{
  guint  start;
  guint  end;
  double sound_before;   /* seconds of it the device had played */
} Told;

typedef struct
{
  KioskTestSoundServer *server;
  GArray               *told;
} Following;

static void
sentence_cb (KioskVoice *voice,
             guint       start,
             guint       end,
             Following  *following)
{
  Told sentence = { start, end, seconds_heard (following->server) };

  g_array_append_val (following->told, sentence);
}

/* Each sentence is told once, as it begins to be heard, not as it is
 * made (a second or more ahead): the second, once the device has played
 * the first.
 */
static void
follow_the_sentences (void)
{
  static const char text[] = "Votre dossier est complet. Vous recevrez un courrier ! "
                             "Merci de votre visite ?";
  static const char * const sentences[] = {
    "Votre dossier est complet.", "Vous recevrez un courrier !", "Merci de votre visite ?",
  };
  Following following = { kiosk_test_sound_server_start (),
                           g_array_new (FALSE, FALSE, sizeof (Told)) };
  g_autoptr(KioskVoice) voice = kiosk_voice_new ();
  g_autoptr(GArray) marks = NULL;
  g_autofree gint16 *speech = NULL;
  gsize speech_samples;
  double second;
  double played;

  g_assert_true (kiosk_voice_can_speak ());
  g_signal_connect (voice, "sentence", G_CALLBACK (sentence_cb), &following);
  kiosk_voice_speak (voice, text, "fr");
  g_assert_true (kiosk_test_wait_until (is_silent, voice, 30));

  g_assert_cmpuint (following.told->len, ==, G_N_ELEMENTS (sentences));
  for (guint i = 0; i < following.told->len; i++)
    {
      Told *sentence = &g_array_index (following.told, Told, i);
      /* All ASCII: characters are bytes. */
      guint start = strstr (text, sentences[i]) - text;

      g_assert_cmpuint (sentence->start, ==, start);
      g_assert_cmpuint (sentence->end, ==, start + strlen (sentences[i]));
    }

  /* Where the second sentence starts in the speech; made a second or
   * more ahead of the device. The recording counts from the first sound,
   * and lags the device a little: less is recorded than was heard.
   */
  speech = render (text, "fr", KIOSK_VOICE_DEFAULT_SPEED, &speech_samples, &marks);
  g_assert_cmpuint (marks->len, ==, G_N_ELEMENTS (sentences));
  second = (double) g_array_index (marks, KioskVoiceSentence, 1).sample / KIOSK_VOICE_RATE;
  played = g_array_index (following.told, Told, 1).sound_before;
  g_test_message ("The second sentence, %.2f s into the speech, told once %.2f s were played",
                  second, played);
  g_assert_cmpfloat (played, >, second - 0.5);

  g_array_unref (following.told);
  kiosk_test_sound_server_stop (following.server);
}

static void
speak_again_then_stop (KioskVoice *voice,
                       guint       start,
                       guint       end,
                       guint      *told)
{
  if ((*told)++ == 0)
    kiosk_voice_speak (voice, "Une autre phrase. Et la fin.", "fr");
  else
    kiosk_voice_stop (voice);
}

/* Whoever follows the sentences may speak again or stop from there: the
 * voice follows the new text, or nothing, and no look at a stopped
 * player is left behind.
 */
static void
stop_from_a_sentence (void)
{
  KioskTestSoundServer *server = kiosk_test_sound_server_start ();
  g_autoptr(KioskVoice) voice = kiosk_voice_new ();
  guint told = 0;

  g_assert_true (kiosk_voice_can_speak ());
  g_signal_connect (voice, "sentence", G_CALLBACK (speak_again_then_stop), &told);
  kiosk_voice_speak (voice, welcomes[0].text, "fr");
  g_assert_true (kiosk_test_wait_until (is_silent, voice, 30));
  g_assert_cmpuint (told, ==, 2);
  g_assert_null (kiosk_voice_get_text (voice, NULL));

  /* Time for any look left behind to come. */
  kiosk_test_spin (1000);
  g_assert_cmpuint (told, ==, 2);
  kiosk_test_sound_server_stop (server);
}

static void
speak_to_nothing (void)
{
  g_autoptr(KioskVoice) voice = NULL;

  kiosk_test_silence_sound ();
  voice = kiosk_voice_new ();
  g_assert_false (kiosk_voice_can_speak ());

  /* Nothing heard, nothing broken, no error for anyone. */
  kiosk_voice_speak (voice, welcomes[0].text, "fr");
  g_assert_false (kiosk_voice_get_speaking (voice));
}

/* A page's text is said up to 64 KB, cut between two characters; what
 * the voice says it says is that, and its sentences lie within it.
 */
static void
test_long_text_cut (void)
{
  g_autoptr(GString) text = g_string_new ("Trop long.");
  gsize said;

  g_assert_cmpuint (kiosk_speech_engine_get_said_length (text->str), ==, text->len);
  /* An odd start, so that 64 KB falls within a two-byte "é". */
  g_string_append_c (text, ' ');
  while (text->len < 70000)
    g_string_append (text, "é");
  said = kiosk_speech_engine_get_said_length (text->str);
  g_assert_cmpuint (said, <=, 64 * 1024);
  g_assert_cmpuint (said, >, 64 * 1024 - 2);
  g_assert_true (g_utf8_validate (text->str, said, NULL));
}

/* Each case in a process of its own, so that GStreamer, PulseAudio's
 * client and ALSA start afresh with its devices.
 */
static void
run_in_subprocess (gconstpointer data)
{
  void (*body) (void) = data;

  if (g_test_subprocess ())
    {
      body ();
      return;
    }

  g_test_trap_subprocess (NULL, 90 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/voice/six-languages", test_six_languages);
  g_test_add_func ("/voice/each-its-voice", test_each_its_voice);
  g_test_add_func ("/voice/speeds", test_speeds);
  g_test_add_func ("/voice/long-text-cut", test_long_text_cut);
  g_test_add_data_func ("/voice/a-device", speak_to_a_device, run_in_subprocess);
  g_test_add_data_func ("/voice/stopped-at-once", stop_a_long_text, run_in_subprocess);
  g_test_add_data_func ("/voice/follow-the-sentences", follow_the_sentences, run_in_subprocess);
  g_test_add_data_func ("/voice/stop-from-a-sentence", stop_from_a_sentence, run_in_subprocess);
  g_test_add_data_func ("/voice/no-device", speak_to_nothing, run_in_subprocess);

  return g_test_run ();
}
