/* kiosk-sound-output.c — the station's sound device, through GStreamer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the kiosk plays (a chime, a voice) it makes itself, as samples, and
 * GStreamer (which WebKit already loads) takes them to whatever the system
 * has: PipeWire or PulseAudio when a server runs, ALSA otherwise. A
 * machine with no sound device plays nothing and says nothing: no sound
 * is ever an error for anyone.
 */
#define G_LOG_DOMAIN "kiosk-sound"

#include "config.h"

#include "kiosk-sound-output.h"

static gboolean
start_gstreamer (void)
{
  static gsize started;
  static gboolean ready;

  if (g_once_init_enter (&started))
    {
      g_autoptr(GError) error = NULL;

      ready = gst_init_check (NULL, NULL, &error);
      if (!ready)
        g_message ("No sound: GStreamer cannot start: %s", error->message);
      g_once_init_leave (&started, 1);
    }

  return ready;
}

/* The device autoaudiosink opened, once READY, or %NULL: it falls back
 * on a fake sink when no device opens.
 */
static gboolean
has_device_sink (GstElement *auto_sink)
{
  GstIterator *children = gst_bin_iterate_elements (GST_BIN (auto_sink));
  GValue item = G_VALUE_INIT;
  gboolean found = FALSE;

  if (gst_iterator_next (children, &item) == GST_ITERATOR_OK)
    {
      GstElement *child = g_value_get_object (&item);
      GstElementFactory *factory = gst_element_get_factory (child);

      found = factory != NULL &&
              g_strcmp0 (gst_plugin_feature_get_name (GST_PLUGIN_FEATURE (factory)),
                         "fakesink") != 0;
      g_value_unset (&item);
    }
  gst_iterator_free (children);

  return found;
}

/**
 * kiosk_sound_output_has_device:
 *
 * Opens the system's audio output once, and closes it.
 *
 * Returns: whether a sound played now would be heard
 */
gboolean
kiosk_sound_output_has_device (void)
{
  GstElement *auto_sink;
  gboolean real;

  if (!start_gstreamer ())
    return FALSE;

  auto_sink = gst_element_factory_make ("autoaudiosink", NULL);
  if (auto_sink == NULL)
    return FALSE;

  gst_object_ref_sink (auto_sink);
  real = gst_element_set_state (auto_sink, GST_STATE_READY) != GST_STATE_CHANGE_FAILURE &&
         has_device_sink (auto_sink);
  gst_element_set_state (auto_sink, GST_STATE_NULL);
  gst_object_unref (auto_sink);

  return real;
}

/* At the end of the stream, the device still holds what its own buffer
 * took: 200 ms with GStreamer's audio sinks, unless changed.
 */
#define DRAIN_MS 400

struct _KioskSoundPlayback
{
  GstElement         *pipeline;
  GstElement         *source;
  guint               bus_watch;
  guint               drain_id;
  KioskSoundDoneFunc  done;
  gpointer            user_data;
};

/* A pipeline from samples to the system's audio output, READY, or %NULL
 * when there is no sound device (or no GStreamer).
 */
static GstElement *
open_pipeline (const char  *name,
               int          rate,
               GstElement **source)
{
  g_autoptr(GstCaps) caps = NULL;
  GstElement *pipeline;
  GstElement *convert;
  GstElement *resample;
  GstElement *auto_sink;

  if (!start_gstreamer ())
    return NULL;

  pipeline = gst_object_ref_sink (gst_pipeline_new (name));
  *source = gst_element_factory_make ("appsrc", NULL);
  convert = gst_element_factory_make ("audioconvert", NULL);
  resample = gst_element_factory_make ("audioresample", NULL);
  auto_sink = gst_element_factory_make ("autoaudiosink", NULL);
  if (*source == NULL || convert == NULL || resample == NULL || auto_sink == NULL)
    {
      g_message ("No sound: GStreamer's audio elements are not installed");
      g_clear_object (source);
      g_clear_object (&convert);
      g_clear_object (&resample);
      g_clear_object (&auto_sink);
      gst_object_unref (pipeline);
      return NULL;
    }

  caps = gst_caps_new_simple ("audio/x-raw", "format", G_TYPE_STRING, "S16LE",
                              "layout", G_TYPE_STRING, "interleaved",
                              "rate", G_TYPE_INT, rate, "channels", G_TYPE_INT, 1, NULL);
  g_object_set (*source, "caps", caps, "format", GST_FORMAT_TIME, NULL);
  gst_bin_add_many (GST_BIN (pipeline), *source, convert, resample, auto_sink, NULL);
  gst_element_link_many (*source, convert, resample, auto_sink, NULL);

  /* Nothing to play to: nothing to build. */
  if (gst_element_set_state (pipeline, GST_STATE_READY) == GST_STATE_CHANGE_FAILURE ||
      !has_device_sink (auto_sink))
    {
      gst_element_set_state (pipeline, GST_STATE_NULL);
      gst_object_unref (pipeline);
      *source = NULL;
      return NULL;
    }

  return pipeline;
}

/* The sound is over: the pipeline goes, then the owner is told, once. */
static void
finish (KioskSoundPlayback *playback,
        gboolean            heard)
{
  KioskSoundDoneFunc done = playback->done;
  gpointer user_data = playback->user_data;

  kiosk_sound_playback_stop (playback);
  done (heard, user_data);
}

static gboolean
drained_cb (gpointer user_data)
{
  KioskSoundPlayback *playback = user_data;

  playback->drain_id = 0;
  finish (playback, TRUE);
  return G_SOURCE_REMOVE;
}

static gboolean
bus_cb (GstBus     *bus,
        GstMessage *message,
        gpointer    user_data)
{
  KioskSoundPlayback *playback = user_data;

  switch (GST_MESSAGE_TYPE (message))
    {
    case GST_MESSAGE_EOS:
      /* The bus watch is the caller: it goes with its G_SOURCE_REMOVE. */
      playback->bus_watch = 0;
      playback->drain_id = g_timeout_add (DRAIN_MS, drained_cb, playback);
      return G_SOURCE_REMOVE;
    case GST_MESSAGE_ERROR:
      {
        g_autoptr(GError) error = NULL;

        gst_message_parse_error (message, &error, NULL);
        g_message ("A sound could not be played: %s", error->message);
        playback->bus_watch = 0;
        finish (playback, FALSE);
        return G_SOURCE_REMOVE;
      }
    default:
      return G_SOURCE_CONTINUE;
    }
}

/**
 * kiosk_sound_playback_start:
 * @name: the pipeline's name, for GStreamer's debug output
 * @rate: samples a second of what will be played (mono, signed 16 bits)
 * @done: called once the sound has played to its end, or failed; never
 *   after kiosk_sound_playback_stop()
 * @user_data: for @done
 *
 * Starts playing, to the system's audio output, what is pushed into the
 * playback's source (kiosk_sound_playback_get_source()), until its end of
 * stream.
 *
 * Returns: (transfer full) (nullable): the playback, or %NULL when there
 *   is no sound device: then nothing is called
 */
KioskSoundPlayback *
kiosk_sound_playback_start (const char         *name,
                            int                 rate,
                            KioskSoundDoneFunc  done,
                            gpointer            user_data)
{
  g_autoptr(GstBus) bus = NULL;
  KioskSoundPlayback *playback;
  GstElement *source = NULL;
  GstElement *pipeline = open_pipeline (name, rate, &source);

  if (pipeline == NULL)
    return NULL;

  playback = g_new0 (KioskSoundPlayback, 1);
  playback->pipeline = pipeline;
  playback->source = gst_object_ref (source);
  playback->done = done;
  playback->user_data = user_data;

  bus = gst_pipeline_get_bus (GST_PIPELINE (pipeline));
  playback->bus_watch = gst_bus_add_watch (bus, bus_cb, playback);
  /* Playing before the first samples come: until then, the source would
   * refuse them as flushing.
   */
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  return playback;
}

/**
 * kiosk_sound_playback_get_source:
 * @playback: a playback
 *
 * Returns: (transfer none): the appsrc the samples go into, from any thread
 */
GstElement *
kiosk_sound_playback_get_source (KioskSoundPlayback *playback)
{
  return playback->source;
}

/**
 * kiosk_sound_playback_get_heard:
 * @playback: a playback
 *
 * Returns: how much of the sound the device has played so far, or
 *   %GST_CLOCK_TIME_NONE before it starts
 */
GstClockTime
kiosk_sound_playback_get_heard (KioskSoundPlayback *playback)
{
  GstState state = GST_STATE_NULL;
  gint64 position = -1;

  /* Nothing is heard before the device plays: the first connection to a
   * sound server can take a second or two, when the position says 0.
   */
  if (gst_element_get_state (playback->pipeline, &state, NULL, 0) == GST_STATE_CHANGE_FAILURE ||
      state != GST_STATE_PLAYING)
    return GST_CLOCK_TIME_NONE;

  /* The audio sink answers with what left its device's buffer. */
  if (!gst_element_query_position (playback->pipeline, GST_FORMAT_TIME, &position) ||
      position < 0)
    return GST_CLOCK_TIME_NONE;
  return position;
}

/**
 * kiosk_sound_playback_stop:
 * @playback: (transfer full): a playback
 *
 * Silence at once: the device's buffer goes with the pipeline.
 */
void
kiosk_sound_playback_stop (KioskSoundPlayback *playback)
{
  g_clear_handle_id (&playback->bus_watch, g_source_remove);
  g_clear_handle_id (&playback->drain_id, g_source_remove);
  gst_element_set_state (playback->pipeline, GST_STATE_NULL);
  gst_object_unref (playback->source);
  gst_object_unref (playback->pipeline);
  g_free (playback);
}
