/* kiosk-station-api-requests.c — a station API request, from its headers to its route's handler
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-station-api"

#include "config.h"

#include "kiosk-station-api-private.h"

#include <string.h>

/* A client that keeps sending after its body was refused is cut off here
 * rather than read to the end, however much it claims to send.
 */
#define MAX_DRAINED_BODY (1024 * 1024)

static GQuark request_quark;

/* The largest body @route takes. */
static gsize
max_body_of (const Route *route)
{
  return route != NULL && route->max_body > 0 ? route->max_body : KIOSK_STATION_API_MAX_BODY;
}

static void
request_free (gpointer data)
{
  Request *request = data;

  g_byte_array_unref (request->body);
  g_free (request);
}

Request *
kiosk_station_api_request_get (SoupServerMessage *msg)
{
  return g_object_get_qdata (G_OBJECT (msg), request_quark);
}

static void
got_chunk_cb (SoupServerMessage *msg,
              GBytes            *chunk,
              gpointer           user_data)
{
  Request *request = kiosk_station_api_request_get (msg);
  gsize size = g_bytes_get_size (chunk);

  request->received = request->received > G_MAXSIZE - size ? G_MAXSIZE
                                                           : request->received + size;

  if (request->received > max_body_of (request->route))
    {
      request->too_large = TRUE;
      g_byte_array_set_size (request->body, 0);
    }
  else if (request->accepted)
    {
      g_byte_array_append (request->body, g_bytes_get_data (chunk, NULL), size);
    }

  /* libsoup reads a body to its end even once it is refused: taking the
   * connection away from it and closing it is the only way to stop. This
   * must come last, as @msg may be gone afterwards.
   */
  if (request->received > MAX_DRAINED_BODY && !request->cut_off)
    {
      g_autoptr(GIOStream) stream = NULL;

      request->cut_off = TRUE;
      g_debug ("Station API: cutting off %s, which sent more than %d bytes",
               soup_server_message_get_remote_host (msg), MAX_DRAINED_BODY);
      stream = soup_server_message_steal_connection (msg);
      if (stream != NULL)
        g_io_stream_close (stream, NULL, NULL);
    }
}

static void
message_gone_cb (SoupServerMessage *msg,
                 gpointer           user_data)
{
  kiosk_station_api_request_get (msg)->gone = TRUE;
}

/* Every request gets this, before its headers are even read, including
 * those libsoup itself refuses: no body is kept in memory but the
 * accepted part of an accepted request.
 */
static void
request_started_cb (SoupServer        *server,
                    SoupServerMessage *msg,
                    gpointer           user_data)
{
  Request *request = g_new0 (Request, 1);

  request->body = g_byte_array_new ();
  g_object_set_qdata_full (G_OBJECT (msg), request_quark, request, request_free);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection",
                                "close");
  soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
  g_signal_connect (msg, "got-chunk", G_CALLBACK (got_chunk_cb), NULL);
  g_signal_connect (msg, "finished", G_CALLBACK (message_gone_cb), NULL);
  g_signal_connect (msg, "disconnected", G_CALLBACK (message_gone_cb), NULL);
}

/* Runs once the headers are read, so that a throttled, unauthenticated,
 * misdirected or oversized request is answered without its body.
 */
static void
early_handler_cb (SoupServer        *server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  KioskStationApi *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  Request *request = kiosk_station_api_request_get (msg);
  const Route *route;

  g_assert (request != NULL);

  if (!kiosk_station_api_auth_check (self, msg))
    return;

  /* The desk may take its time, for a long usage export. */
  kiosk_station_api_trust_connection (self, msg);

  route = kiosk_station_api_find_route (path);
  if (route == NULL)
    {
      kiosk_station_api_respond_error (msg, SOUP_STATUS_NOT_FOUND, "no such resource");
      return;
    }

  if (strcmp (soup_server_message_get_method (msg), route->method) != 0)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow",
                                    route->method);
      kiosk_station_api_respond_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED,
                                       "method not allowed here");
      return;
    }

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > (goffset) max_body_of (route))
    {
      request->too_large = TRUE;
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Connection", "close");
      kiosk_station_api_respond_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE,
                                       "the request body is too large");
      return;
    }

  request->route = route;
  request->accepted = TRUE;
}

static void
handler_cb (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  g_autoptr(KioskStationApi) self = g_object_ref (user_data);
  Request *request = kiosk_station_api_request_get (msg);

  g_assert (request != NULL && request->accepted);

  if (request->too_large)
    {
      kiosk_station_api_respond_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE,
                                       "the request body is too large");
      return;
    }

  request->route->func (self, msg, request, query);
}

/* Every request of the API goes through this server, whose connections
 * kiosk-station-api-connections.c accepts.
 */
void
kiosk_station_api_requests_init (KioskStationApi *self)
{
  request_quark = g_quark_from_static_string ("kiosk-station-api-request");

  /* No Server header: a version tells an attacker which holes to try. */
  self->server = soup_server_new ("server-header", NULL, NULL);
  g_signal_connect_object (self->server, "request-started", G_CALLBACK (request_started_cb),
                           self, 0);
  soup_server_add_early_handler (self->server, NULL, early_handler_cb, self, NULL);
  soup_server_add_handler (self->server, NULL, handler_cb, self, NULL);
}
