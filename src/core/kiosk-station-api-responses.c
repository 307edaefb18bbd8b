/* kiosk-station-api-responses.c — what the station API answers with: headers, JSON, the status
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-station-api"

#include "config.h"

#include "kiosk-station-api-private.h"

#include <json-glib/json-glib.h>

void
kiosk_station_api_respond (SoupServerMessage *msg,
                           guint              status,
                           const char        *content_type,
                           char              *body,
                           gsize              length)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  /* A console or a proxy in between must not keep what a station said,
   * nor guess another type for it.
   */
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_message_headers_replace (headers, "X-Content-Type-Options", "nosniff");
  soup_server_message_set_status (msg, status,
                                  status == STATUS_TOO_MANY_REQUESTS ? "Too Many Requests" : NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_TAKE, body, length);
}

static void
respond_json (SoupServerMessage *msg,
              guint              status,
              JsonBuilder       *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  gsize length = 0;
  char *text;

  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &length);
  kiosk_station_api_respond (msg, status, "application/json", text, length);
}

void
kiosk_station_api_respond_error (SoupServerMessage *msg,
                                 guint              status,
                                 const char        *problem)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, problem);
  json_builder_end_object (builder);
  respond_json (msg, status, builder);
}

/* Status and actions */

/* The state as the status and the metrics name it. */
const char *
kiosk_station_api_state_name (const KioskStationStatus *status)
{
  switch (status->state)
    {
    case KIOSK_STATION_FREE:
      return "free";
    /* A session being wiped is still someone's until the home screen is back. */
    case KIOSK_STATION_IN_USE:
    case KIOSK_STATION_ENDING:
      return status->assisted ? "assisted" : "in-use";
    case KIOSK_STATION_OUT_OF_SERVICE:
      return "out-of-service";
    default:
      g_assert_not_reached ();
    }
}

/* A Unix time as ISO 8601 text, or null for 0 (not known, or never). */
static void
add_time_member (JsonBuilder *builder,
                 const char  *name,
                 gint64       unix_time)
{
  g_autoptr(GDateTime) time = unix_time > 0 ? g_date_time_new_from_unix_utc (unix_time) : NULL;
  g_autofree char *text = time != NULL ? g_date_time_format_iso8601 (time) : NULL;

  json_builder_set_member_name (builder, name);
  if (text != NULL)
    json_builder_add_string_value (builder, text);
  else
    json_builder_add_null_value (builder);
}

void
kiosk_station_api_respond_status (KioskStationApi   *self,
                                  SoupServerMessage *msg)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  KioskStationStatus status = { .state = KIOSK_STATION_OUT_OF_SERVICE };

  self->status_func (&status, self->status_data);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "station");
  json_builder_add_string_value (builder, self->station);
  json_builder_set_member_name (builder, "site");
  json_builder_add_string_value (builder, self->site);
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder, kiosk_station_api_state_name (&status));
  add_time_member (builder, "since", status.since);
  add_time_member (builder, "assisted_since", status.assisted_since);
  json_builder_set_member_name (builder, "help_requested");
  json_builder_add_boolean_value (builder, status.help_requested);
  add_time_member (builder, "help_since", status.help_requested ? status.help_since : 0);
  json_builder_set_member_name (builder, "help_taken_by");
  if (status.help_requested && status.help_taken_by != NULL)
    json_builder_add_string_value (builder, status.help_taken_by);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "counting_paused");
  json_builder_add_boolean_value (builder, status.counting_paused);
  json_builder_set_member_name (builder, "version");
  json_builder_add_string_value (builder, self->version);
  json_builder_set_member_name (builder, "config");
  if (status.config_version != NULL)
    json_builder_add_string_value (builder, status.config_version);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "config_pending");
  if (status.config_pending != NULL)
    json_builder_add_string_value (builder, status.config_pending);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  respond_json (msg, SOUP_STATUS_OK, builder);
}
