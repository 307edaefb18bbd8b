/* kiosk-station-api-metrics.c — the station's figures, in Prometheus's text format
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-station-api"

#include "config.h"

#include "kiosk-station-api-private.h"

#include <string.h>

/* A network of a hundred stations is watched by a Prometheus server that
 * scrapes each one (docs/deploy.md gives its configuration and alerts):
 * GET /api/v1/metrics, with the desk's token, answers in the text format
 * of Prometheus 0.0.4. What it says is what the status says, and how the
 * kiosk itself is doing; never a service, a page or a person.
 */

static const char * const state_names[] = { "free", "in-use", "assisted", "out-of-service" };

/* A label's value, as the format escapes it: backslash, quote, newline. */
static void
append_label_value (GString    *out,
                    const char *value)
{
  g_string_append_c (out, '"');
  for (const char *p = value != NULL ? value : ""; *p != '\0'; p++)
    {
      if (*p == '\\' || *p == '"')
        g_string_append_printf (out, "\\%c", *p);
      else if (*p == '\n')
        g_string_append (out, "\\n");
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
append_family (GString    *out,
               const char *name,
               const char *type,
               const char *help)
{
  g_string_append_printf (out, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

static void
append_sample (GString    *out,
               const char *name,
               const char *label,
               const char *label_value,
               guint64     value)
{
  g_string_append (out, name);
  if (label != NULL)
    {
      g_string_append_printf (out, "{%s=", label);
      append_label_value (out, label_value);
      g_string_append_c (out, '}');
    }
  g_string_append_printf (out, " %" G_GUINT64_FORMAT "\n", value);
}

static char *
format_metrics (KioskStationApi           *self,
                const KioskStationStatus  *status,
                const KioskStationMetrics *metrics)
{
  const char *state = kiosk_station_api_state_name (status);
  GString *out = g_string_new (NULL);

  append_family (out, "pimms_kiosk_info", "gauge",
                 "The station, its site, the kiosk's version and its config's version.");
  g_string_append (out, "pimms_kiosk_info{station=");
  append_label_value (out, self->station);
  g_string_append (out, ",site=");
  append_label_value (out, self->site);
  g_string_append (out, ",version=");
  append_label_value (out, self->version);
  g_string_append (out, ",config=");
  append_label_value (out, metrics->config_version);
  g_string_append (out, "} 1\n");

  append_family (out, "pimms_kiosk_state", "gauge",
                 "1 for the state the station is in, 0 for the others.");
  for (guint i = 0; i < G_N_ELEMENTS (state_names); i++)
    append_sample (out, "pimms_kiosk_state", "state", state_names[i],
                   strcmp (state, state_names[i]) == 0);

  append_family (out, "pimms_kiosk_help_requested", "gauge",
                 "1 while a resident's call for a mediator waits.");
  append_sample (out, "pimms_kiosk_help_requested", NULL, NULL, status->help_requested);

  append_family (out, "pimms_kiosk_start_time_seconds", "gauge",
                 "When the kiosk started, in seconds since the Unix epoch.");
  append_sample (out, "pimms_kiosk_start_time_seconds", NULL, NULL,
                 (guint64) MAX (metrics->start_time, 0));

  append_family (out, "pimms_kiosk_sessions_ended_total", "counter",
                 "Sessions ended since the kiosk started, by reason.");
  for (guint r = 0; r < KIOSK_N_END_REASONS; r++)
    append_sample (out, "pimms_kiosk_sessions_ended_total", "reason",
                   kiosk_end_reason_to_string (r), metrics->sessions_ended[r]);

  append_family (out, "pimms_kiosk_out_of_service_seconds_total", "counter",
                 "Seconds the station spent out of service since the kiosk started, counted "
                 "by the minute.");
  append_sample (out, "pimms_kiosk_out_of_service_seconds_total", NULL, NULL,
                 metrics->out_of_service_seconds);

  append_family (out, "pimms_kiosk_wipe_check_failures_total", "counter",
                 "Wipes whose proof failed (a session's files or processes left) since the "
                 "kiosk started.");
  append_sample (out, "pimms_kiosk_wipe_check_failures_total", NULL, NULL,
                 metrics->wipe_check_failures);

  append_family (out, "pimms_kiosk_web_processes", "gauge",
                 "WebKit web processes of the kiosk alive now.");
  append_sample (out, "pimms_kiosk_web_processes", NULL, NULL, metrics->web_processes);

  append_family (out, "pimms_kiosk_resident_memory_bytes", "gauge",
                 "Memory held in RAM by the kiosk and by its web processes together.");
  append_sample (out, "pimms_kiosk_resident_memory_bytes", "process", "kiosk",
                 metrics->kiosk_resident_bytes);
  append_sample (out, "pimms_kiosk_resident_memory_bytes", "process", "web",
                 metrics->web_resident_bytes);

  append_family (out, "pimms_kiosk_usage_write_errors_total", "counter",
                 "Writes of the usage counts that failed since the kiosk started.");
  append_sample (out, "pimms_kiosk_usage_write_errors_total", NULL, NULL,
                 metrics->usage_write_errors);

  append_family (out, "pimms_kiosk_usage_counting_paused", "gauge",
                 "1 while the usage counts wait in memory: their store cannot be written.");
  append_sample (out, "pimms_kiosk_usage_counting_paused", NULL, NULL, status->counting_paused);

  return g_string_free (out, FALSE);
}

void
kiosk_station_api_handle_metrics (KioskStationApi   *self,
                                  SoupServerMessage *msg,
                                  Request           *request,
                                  GHashTable        *query)
{
  KioskStationStatus status = { .state = KIOSK_STATION_OUT_OF_SERVICE };
  KioskStationMetrics metrics = { 0, };
  char *body;

  self->status_func (&status, self->status_data);
  if (self->metrics_func != NULL)
    self->metrics_func (&metrics, self->metrics_data);

  body = format_metrics (self, &status, &metrics);
  kiosk_station_api_respond (msg, SOUP_STATUS_OK, "text/plain; version=0.0.4; charset=utf-8",
                             body, strlen (body));
}
