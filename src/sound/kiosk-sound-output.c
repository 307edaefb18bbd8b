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

/**
 * kiosk_sound_output_open:
 * @name: the pipeline's name, for GStreamer's debug output
 * @rate: samples a second of what will be played (mono, signed 16 bits)
 * @source: (out) (transfer none): where the samples go, an appsrc
 *
 * Builds a pipeline from samples to the system's audio output, ready to
 * play (in the READY state).
 *
 * Returns: (transfer full) (nullable): the pipeline, or %NULL when there
 *   is no sound device (or no GStreamer)
 */
GstElement *
kiosk_sound_output_open (const char  *name,
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
