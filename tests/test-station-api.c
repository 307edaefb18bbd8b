/* test-station-api.c — the station API over real http and https: authentication, every
 * action, bad input, throttling and the usage export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-test"

#include "config.h"

#include "kiosk-station-api.h"
#include "kiosk-config-shared.h"
#include "kiosk-refusals.h"
#include "kiosk-usage-store.h"
#include "test-station-fake.h"
#include "test-utils.h"

#include <arpa/inet.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#define API_LOG_DOMAIN "kiosk-station-api"

#define TOKEN "5f0c8e2b9a7d4c1e8b3a6f9d2c5e7a10"
#define AUTHORIZATION "Bearer " TOKEN
/* The right token with its last character changed. */
#define WRONG_AUTHORIZATION "Bearer 5f0c8e2b9a7d4c1e8b3a6f9d2c5e7a11"

#define START_TIME (G_GINT64_CONSTANT (1000) * G_USEC_PER_SEC)

/* What the fake station behind the API does when asked. */
typedef struct
{
  TestStation      station;
  KioskStationApi *api;
  SoupSession     *session;
  char            *base_uri;
  gint64           now;
  GArray          *raw;              /* connections made byte by byte */
} Fixture;

typedef struct
{
  SoupMessage *msg;
  guint        status;
  GBytes      *body;
  GError      *error;
  gboolean     done;
} Response;

static void
response_free (Response *response)
{
  g_clear_object (&response->msg);
  g_clear_pointer (&response->body, g_bytes_unref);
  g_clear_error (&response->error);
  g_free (response);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Response, response_free)

static gint64
fixture_clock (gpointer user_data)
{
  Fixture *fixture = user_data;

  return fixture->now;
}

/* Helpers */

static char *
private_path (const char *name)
{
  g_autofree char *dir = g_build_filename (g_get_user_config_dir (), "pimms-kiosk", NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return g_build_filename (dir, name, NULL);
}

static char *
write_file_with_mode (const char *name,
                      const char *contents,
                      gssize      length,
                      int         mode)
{
  g_autoptr(GError) error = NULL;
  char *path = private_path (name);

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, mode), ==, 0);
  return path;
}

static KioskStationApi *
new_api (Fixture *fixture)
{
  KioskStationApi *api = test_station_new_api (&fixture->station, TOKEN);

  kiosk_station_api_set_clock (api, fixture_clock, fixture);
  return api;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->now = START_TIME;
  fixture->raw = g_array_new (FALSE, FALSE, sizeof (int));
  fixture->station.state = KIOSK_STATION_IN_USE;
  fixture->station.since = 1795000000;
  fixture->api = new_api (fixture);
  kiosk_station_api_listen (fixture->api, "127.0.0.1:0", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kiosk_station_api_get_port (fixture->api), >, 0);

  fixture->base_uri = g_strdup_printf ("http://127.0.0.1:%u",
                                       kiosk_station_api_get_port (fixture->api));
  /* Straight to the API: no proxy settings, which the isolated test folders lack. */
  fixture->session = soup_session_new_with_options ("proxy-resolver", NULL, NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  for (guint i = 0; i < fixture->raw->len; i++)
    close (g_array_index (fixture->raw, int, i));
  g_clear_pointer (&fixture->raw, g_array_unref);
  g_clear_object (&fixture->session);
  g_clear_object (&fixture->api);
  g_clear_pointer (&fixture->base_uri, g_free);
  test_station_clear (&fixture->station);
}

static gboolean
accept_certificate_cb (SoupMessage          *msg,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  return TRUE;
}

static void
send_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Response *response = user_data;

  response->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result,
                                                      &response->error);
  response->status = soup_message_get_status (response->msg);
  response->done = TRUE;
}

/* Sends a request without waiting for the answer, so that many can be
 * in flight at once.
 */
static Response *
start_request (Fixture    *fixture,
               const char *method,
               const char *path,
               const char *authorization,
               const char *body,
               gssize      length)
{
  g_autofree char *uri = g_strconcat (fixture->base_uri, path, NULL);
  Response *response = g_new0 (Response, 1);

  response->msg = soup_message_new (method, uri);
  g_assert_nonnull (response->msg);
  if (authorization != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (response->msg),
                                  "Authorization", authorization);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, length < 0 ? strlen (body) : (gsize) length);

      soup_message_set_request_body_from_bytes (response->msg, "application/json", bytes);
    }
  g_signal_connect (response->msg, "accept-certificate", G_CALLBACK (accept_certificate_cb),
                    NULL);

  soup_session_send_and_read_async (fixture->session, response->msg, G_PRIORITY_DEFAULT, NULL,
                                    send_done_cb, response);
  return response;
}

static gboolean
response_done (gpointer user_data)
{
  Response *response = user_data;

  return response->done;
}

static const char *
response_header (Response   *response,
                 const char *name)
{
  return soup_message_headers_get_one (soup_message_get_response_headers (response->msg), name);
}

/* Every answer of the API, whatever it says, must not be kept. */
static Response *
fetch_body (Fixture    *fixture,
            const char *method,
            const char *path,
            const char *authorization,
            const char *body,
            gssize      length)
{
  Response *response = start_request (fixture, method, path, authorization, body, length);

  g_assert_true (kiosk_test_wait_until (response_done, response, 20));
  g_assert_no_error (response->error);
  g_assert_cmpstr (response_header (response, "Cache-Control"), ==, "no-store");
  return response;
}

static Response *
fetch (Fixture    *fixture,
       const char *method,
       const char *path,
       const char *authorization)
{
  return fetch_body (fixture, method, path, authorization, NULL, 0);
}

static char *
response_text (Response *response)
{
  gsize length = 0;
  const char *data = g_bytes_get_data (response->body, &length);

  return g_strndup (data, length);
}

/* The answer as a JSON object; every answer but the CSV export is one. */
static JsonObject *
response_object (Response *response)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = response_text (response);
  JsonNode *root;

  g_assert_cmpstr (response_header (response, "Content-Type"), ==, "application/json");
  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return json_object_ref (json_node_get_object (root));
}

/* A refusal says why, as {"error": "..."} and nothing else. */
static void
assert_error (Response *response,
              guint     status)
{
  g_autoptr(JsonObject) object = NULL;

  g_assert_cmpuint (response->status, ==, status);
  object = response_object (response);
  g_assert_cmpuint (json_object_get_size (object), ==, 1);
  g_assert_true (json_object_has_member (object, "error"));
  g_assert_cmpstr (json_object_get_string_member (object, "error"), !=, "");
}

static void
assert_status_code (Fixture    *fixture,
                    const char *method,
                    const char *path,
                    const char *authorization,
                    guint       status)
{
  g_autoptr(Response) response = fetch (fixture, method, path, authorization);

  g_assert_cmpuint (response->status, ==, status);
}

static void
assert_no_action (Fixture *fixture)
{
  g_assert_cmpuint (fixture->station.resets, ==, 0);
  g_assert_cmpuint (fixture->station.out_of_service, ==, 0);
  g_assert_cmpuint (fixture->station.in_service, ==, 0);
}

static void
assert_nothing_happened (Fixture *fixture)
{
  assert_no_action (fixture);
  g_assert_cmpint (fixture->station.state, ==, KIOSK_STATION_IN_USE);
}

/* Status */

typedef struct
{
  const char        *name;
  KioskStationState  state;
  gboolean           assisted;
  gboolean           help_requested;
  gint64             since;
  const char        *expected_state;
  const char        *expected_since;
} StatusCase;

static const StatusCase status_cases[] = {
  { "free", KIOSK_STATION_FREE, FALSE, FALSE, 1795000000, "free", "2026-11-18T11:06:40Z" },
  { "in-use", KIOSK_STATION_IN_USE, FALSE, FALSE, 1795000000, "in-use", "2026-11-18T11:06:40Z" },
  { "help-requested", KIOSK_STATION_IN_USE, FALSE, TRUE, 1795000000, "in-use",
    "2026-11-18T11:06:40Z" },
  { "assisted", KIOSK_STATION_IN_USE, TRUE, FALSE, 1795000061, "assisted",
    "2026-11-18T11:07:41Z" },
  { "ending", KIOSK_STATION_ENDING, FALSE, FALSE, 1795000000, "in-use", "2026-11-18T11:06:40Z" },
  { "out-of-service", KIOSK_STATION_OUT_OF_SERVICE, TRUE, FALSE, 1795000000, "out-of-service",
    "2026-11-18T11:06:40Z" },
  { "never-changed", KIOSK_STATION_FREE, FALSE, FALSE, 0, "free", NULL },
};

/* A time the status gives as ISO 8601 text, or null for none (0). */
static void
assert_time_member (JsonObject *object,
                    const char *name,
                    gint64      expected)
{
  g_autoptr(GDateTime) time = NULL;

  if (expected == 0)
    {
      g_assert_true (json_object_get_null_member (object, name));
      return;
    }

  time = g_date_time_new_from_iso8601 (json_object_get_string_member (object, name), NULL);
  g_assert_nonnull (time);
  g_assert_cmpint (g_date_time_to_unix (time), ==, expected);
}

static void
test_status (Fixture       *fixture,
             gconstpointer  data)
{
  const StatusCase *test = data;
  static const char * const members[] = {
    "station", "site", "state", "since", "assisted_since", "help_requested", "help_since",
    "help_taken_by", "counting_paused", "version", "config", "config_pending",
  };
  g_autoptr(Response) response = NULL;
  g_autoptr(JsonObject) object = NULL;

  fixture->station.state = test->state;
  fixture->station.assisted = test->assisted;
  fixture->station.help_requested = test->help_requested;
  fixture->station.since = test->since;
  /* A médiateur came a minute after the session started. */
  fixture->station.assisted_since = test->assisted && test->since > 0 ? test->since + 60 : 0;
  /* And the resident called one two minutes in. */
  fixture->station.help_since = test->help_requested && test->since > 0 ? test->since + 120 : 0;

  response = fetch (fixture, "GET", "/api/v1/status", AUTHORIZATION);
  g_assert_cmpuint (response->status, ==, SOUP_STATUS_OK);
  object = response_object (response);

  /* These members and no other: nothing of what the user is doing. */
  g_assert_cmpuint (json_object_get_size (object), ==, G_N_ELEMENTS (members));
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    g_assert_true (json_object_has_member (object, members[i]));

  g_assert_cmpstr (json_object_get_string_member (object, "station"), ==, "gare-03");
  g_assert_cmpstr (json_object_get_string_member (object, "site"), ==, "gare");
  g_assert_cmpstr (json_object_get_string_member (object, "state"), ==, test->expected_state);
  if (test->expected_since != NULL)
    g_assert_cmpstr (json_object_get_string_member (object, "since"), ==, test->expected_since);
  else
    g_assert_true (json_object_get_null_member (object, "since"));
  assert_time_member (object, "assisted_since", fixture->station.assisted_since);
  assert_time_member (object, "help_since", fixture->station.help_since);
  /* Nobody said they go to this fake station's call. */
  g_assert_true (json_object_get_null_member (object, "help_taken_by"));
  g_assert_cmpint (json_object_get_boolean_member (object, "help_requested"), ==,
                   test->help_requested);
  g_assert_false (json_object_get_boolean_member (object, "counting_paused"));
  g_assert_cmpstr (json_object_get_string_member (object, "version"), ==, "1.2.3");
  /* This fake station says nothing of its config. */
  g_assert_true (json_object_get_null_member (object, "config"));
  g_assert_true (json_object_get_null_member (object, "config_pending"));
  assert_no_action (fixture);
}

/* Authentication */

static void
test_auth_tokens (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(Response) missing = NULL;
  static const char * const refused[] = {
    WRONG_AUTHORIZATION,
    "Bearer",
    "Bearer ",
    "Bearer " TOKEN "0",
    "Bearer 5f0c8e2b9a7d4c1e",
    "Basic " TOKEN,
    TOKEN,
  };

  missing = fetch (fixture, "GET", "/api/v1/status", NULL);
  assert_error (missing, SOUP_STATUS_UNAUTHORIZED);
  g_assert_cmpstr (response_header (missing, "WWW-Authenticate"), ==,
                   "Bearer realm=\"pimms-kiosk\"");

  /* Four wrong ones at a time, so that throttling stays out of the way. */
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(Response) response = fetch (fixture, "GET", "/api/v1/status", refused[i]);

      assert_error (response, SOUP_STATUS_UNAUTHORIZED);
      if (i % 3 == 2)
        assert_status_code (fixture, "GET", "/api/v1/status", AUTHORIZATION, SOUP_STATUS_OK);
    }

  /* The scheme is case-insensitive (RFC 7235). */
  assert_status_code (fixture, "GET", "/api/v1/status", "bearer " TOKEN, SOUP_STATUS_OK);
  assert_status_code (fixture, "GET", "/api/v1/status", AUTHORIZATION, SOUP_STATUS_OK);

  /* Unknown paths and actions are no way around the token. */
  assert_status_code (fixture, "GET", "/nowhere", NULL, SOUP_STATUS_UNAUTHORIZED);
  assert_status_code (fixture, "POST", "/api/v1/reset", WRONG_AUTHORIZATION,
                      SOUP_STATUS_UNAUTHORIZED);
  assert_status_code (fixture, "GET", "/api/v1/usage", NULL, SOUP_STATUS_UNAUTHORIZED);
  assert_nothing_happened (fixture);
}

static void
assert_throttled (Fixture    *fixture,
                  const char *authorization,
                  const char *retry_after)
{
  g_autoptr(Response) response = fetch (fixture, "GET", "/api/v1/status", authorization);

  assert_error (response, 429);
  g_assert_cmpstr (response_header (response, "Retry-After"), ==, retry_after);
}

static void
fail_times (Fixture *fixture,
            guint    times)
{
  for (guint i = 0; i < times; i++)
    assert_status_code (fixture, "GET", "/api/v1/status", WRONG_AUTHORIZATION,
                        SOUP_STATUS_UNAUTHORIZED);
}

/* The station tells a resident "a médiateur was told" only while a desk
 * asks it something with the right token: a wrong token, or a console
 * gone quiet for a minute, is no desk.
 */
static void
test_desk_is_listening (Fixture       *fixture,
                        gconstpointer  data)
{
  g_assert_false (kiosk_station_api_desk_is_listening (fixture->api));
  assert_status_code (fixture, "GET", "/api/v1/status", WRONG_AUTHORIZATION,
                      SOUP_STATUS_UNAUTHORIZED);
  g_assert_false (kiosk_station_api_desk_is_listening (fixture->api));

  assert_status_code (fixture, "GET", "/api/v1/status", AUTHORIZATION, SOUP_STATUS_OK);
  g_assert_true (kiosk_station_api_desk_is_listening (fixture->api));
  fixture->now += (KIOSK_STATION_API_DESK_LISTENING_SECONDS - 1) * G_USEC_PER_SEC;
  g_assert_true (kiosk_station_api_desk_is_listening (fixture->api));
  fixture->now += 2 * G_USEC_PER_SEC;
  g_assert_false (kiosk_station_api_desk_is_listening (fixture->api));
}

static void
test_auth_throttling (Fixture       *fixture,
                      gconstpointer  data)
{
  g_test_expect_message (API_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE, "*failed authentications*");
  fail_times (fixture, KIOSK_STATION_API_FAILURES_BEFORE_DELAY);

  /* The 6th try is not even looked at: the right token is refused too. */
  assert_throttled (fixture, WRONG_AUTHORIZATION, "1");
  assert_throttled (fixture, AUTHORIZATION, "1");
  assert_throttled (fixture, NULL, "1");
  fixture->now += G_USEC_PER_SEC / 2;
  assert_throttled (fixture, AUTHORIZATION, "1");

  /* Each further failure doubles the delay. */
  fixture->now += G_USEC_PER_SEC / 2;
  g_test_expect_message (API_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE, "*failed authentications*");
  fail_times (fixture, 1);
  assert_throttled (fixture, AUTHORIZATION, "2");
  fixture->now += 2 * G_USEC_PER_SEC;
  g_test_expect_message (API_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE, "*failed authentications*");
  fail_times (fixture, 1);
  assert_throttled (fixture, AUTHORIZATION, "4");
  fixture->now += 3 * G_USEC_PER_SEC;
  assert_throttled (fixture, AUTHORIZATION, "1");

  /* Once the delay has passed, the right token works and wipes the slate. */
  fixture->now += G_USEC_PER_SEC;
  assert_status_code (fixture, "GET", "/api/v1/status", AUTHORIZATION, SOUP_STATUS_OK);
  g_test_expect_message (API_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE, "*failed authentications*");
  fail_times (fixture, KIOSK_STATION_API_FAILURES_BEFORE_DELAY);
  assert_throttled (fixture, AUTHORIZATION, "1");

  /* The delay stops growing at five minutes. */
  for (guint i = 0; i < 12; i++)
    {
      fixture->now += KIOSK_STATION_API_MAX_DELAY * G_USEC_PER_SEC;
      g_test_expect_message (API_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE, "*failed authentications*");
      fail_times (fixture, 1);
    }
  assert_throttled (fixture, AUTHORIZATION, "300");
  g_test_assert_expected_messages ();
  assert_nothing_happened (fixture);
}

/* A raw HTTP/1.1 exchange from a thread of its own, for what SoupSession
 * will not send: another source address, chunked or endless bodies.
 */
typedef struct
{
  guint     port;
  char     *local_address;
  GBytes   *head;
  guint     body_chunks;
  gsize     chunk_size;
  gboolean  chunked;
  GString  *answer;
  gsize     sent;
  gint      done;
} RawExchange;

static gpointer
raw_exchange_thread (gpointer data)
{
  RawExchange *exchange = data;
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autofree char *chunk = g_malloc (exchange->chunk_size + 1);
  GOutputStream *output;
  GInputStream *input;
  char buffer[4096];
  gssize n;

  if (exchange->local_address != NULL)
    {
      g_autoptr(GSocketAddress) local = g_inet_socket_address_new_from_string (
        exchange->local_address, 0);

      g_socket_client_set_local_address (client, local);
    }
  g_socket_client_set_enable_proxy (client, FALSE);
  g_socket_client_set_timeout (client, 20);

  connection = g_socket_client_connect_to_host (client, "127.0.0.1", exchange->port, NULL,
                                                NULL);
  g_assert_nonnull (connection);
  output = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  input = g_io_stream_get_input_stream (G_IO_STREAM (connection));

  memset (chunk, '{', exchange->chunk_size);
  if (g_output_stream_write_all (output, g_bytes_get_data (exchange->head, NULL),
                                 g_bytes_get_size (exchange->head), NULL, NULL, NULL))
    {
      for (guint i = 0; i < exchange->body_chunks; i++)
        {
          g_autofree char *size = g_strdup_printf ("%" G_GSIZE_MODIFIER "x\r\n",
                                                   exchange->chunk_size);

          if ((exchange->chunked &&
               !g_output_stream_write_all (output, size, strlen (size), NULL, NULL, NULL)) ||
              !g_output_stream_write_all (output, chunk, exchange->chunk_size, NULL, NULL,
                                          NULL) ||
              (exchange->chunked &&
               !g_output_stream_write_all (output, "\r\n", 2, NULL, NULL, NULL)))
            break;
          exchange->sent += exchange->chunk_size;
        }
      if (exchange->chunked)
        g_output_stream_write_all (output, "0\r\n\r\n", 5, NULL, NULL, NULL);
    }

  while ((n = g_input_stream_read (input, buffer, sizeof buffer, NULL, NULL)) > 0)
    g_string_append_len (exchange->answer, buffer, n);

  g_atomic_int_set (&exchange->done, TRUE);
  return NULL;
}

static gboolean
raw_exchange_done (gpointer user_data)
{
  RawExchange *exchange = user_data;

  return g_atomic_int_get (&exchange->done);
}

/* Returns what came back, maybe nothing when the server hung up, and
 * how much of the body went out before.
 */
static char *
raw_exchange_full (Fixture    *fixture,
                   const char *local_address,
                   const char *head,
                   gboolean    chunked,
                   guint       body_chunks,
                   gsize       chunk_size,
                   gsize      *sent)
{
  RawExchange exchange = {
    kiosk_station_api_get_port (fixture->api), g_strdup (local_address),
    g_bytes_new (head, strlen (head)), body_chunks, chunk_size, chunked, g_string_new (NULL),
    0, FALSE
  };
  GThread *thread = g_thread_new ("raw-exchange", raw_exchange_thread, &exchange);

  g_assert_true (kiosk_test_wait_until (raw_exchange_done, &exchange, 30));
  g_thread_join (thread);
  g_free (exchange.local_address);
  g_bytes_unref (exchange.head);
  if (sent != NULL)
    *sent = exchange.sent;
  return g_string_free (exchange.answer, FALSE);
}

static char *
raw_exchange (Fixture    *fixture,
              const char *local_address,
              const char *head,
              gboolean    chunked,
              guint       body_chunks,
              gsize       chunk_size)
{
  return raw_exchange_full (fixture, local_address, head, chunked, body_chunks, chunk_size,
                            NULL);
}

static void
test_auth_throttling_per_address (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autofree char *other = NULL;
  g_autofree char *same = NULL;
  const char *head = "GET /api/v1/status HTTP/1.1\r\n"
                     "Host: 127.0.0.1\r\n"
                     "Authorization: " AUTHORIZATION "\r\n"
                     "Connection: close\r\n\r\n";

  g_test_expect_message (API_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE, "*from 127.0.0.1,*");
  fail_times (fixture, KIOSK_STATION_API_FAILURES_BEFORE_DELAY);
  g_test_assert_expected_messages ();
  assert_throttled (fixture, AUTHORIZATION, "1");

  /* The desk next door is not punished for someone else's mistakes. */
  other = raw_exchange (fixture, "127.0.0.2", head, FALSE, 0, 0);
  g_assert_true (g_str_has_prefix (other, "HTTP/1.1 200 OK\r\n"));
  same = raw_exchange (fixture, "127.0.0.1", head, FALSE, 0, 0);
  g_assert_true (g_str_has_prefix (same, "HTTP/1.1 429 Too Many Requests\r\n"));
}

/* Two hundred wrong tries at once from the same client: exactly five are
 * looked at, the others wait; then two hundred right ones all pass.
 */
static void
test_auth_flood (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) responses = g_ptr_array_new_with_free_func ((GDestroyNotify) response_free);
  guint unauthorized = 0, throttled = 0;

  g_test_expect_message (API_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE, "*failed authentications*");
  for (guint i = 0; i < 200; i++)
    g_ptr_array_add (responses, start_request (fixture, "POST", "/api/v1/reset",
                                               WRONG_AUTHORIZATION, "{}", -1));
  for (guint i = 0; i < responses->len; i++)
    {
      Response *response = g_ptr_array_index (responses, i);

      g_assert_true (kiosk_test_wait_until (response_done, response, 30));
      g_assert_no_error (response->error);
      if (response->status == SOUP_STATUS_UNAUTHORIZED)
        unauthorized++;
      else if (response->status == 429)
        throttled++;
    }
  g_test_assert_expected_messages ();
  g_assert_cmpuint (unauthorized, ==, KIOSK_STATION_API_FAILURES_BEFORE_DELAY);
  g_assert_cmpuint (throttled, ==, 200 - KIOSK_STATION_API_FAILURES_BEFORE_DELAY);
  assert_throttled (fixture, AUTHORIZATION, "1");
  assert_nothing_happened (fixture);

  fixture->now += G_USEC_PER_SEC;
  g_ptr_array_set_size (responses, 0);
  for (guint i = 0; i < 200; i++)
    g_ptr_array_add (responses, start_request (fixture, "GET", "/api/v1/status", AUTHORIZATION,
                                               NULL, 0));
  for (guint i = 0; i < responses->len; i++)
    {
      Response *response = g_ptr_array_index (responses, i);

      g_assert_true (kiosk_test_wait_until (response_done, response, 30));
      g_assert_no_error (response->error);
      g_assert_cmpuint (response->status, ==, SOUP_STATUS_OK);
    }
}

/* Actions */

static void
assert_state (Response   *response,
              const char *state)
{
  g_autoptr(JsonObject) object = NULL;

  g_assert_cmpuint (response->status, ==, SOUP_STATUS_OK);
  object = response_object (response);
  g_assert_cmpstr (json_object_get_string_member (object, "state"), ==, state);
}

static void
test_action_reset (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(Response) reset = NULL;
  g_autoptr(Response) status = NULL;
  g_autoptr(Response) with_object = NULL;

  fixture->station.help_requested = TRUE;
  g_test_expect_message (API_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE, "*reset done*");
  reset = fetch (fixture, "POST", "/api/v1/reset", AUTHORIZATION);
  g_test_assert_expected_messages ();
  assert_state (reset, "free");
  g_assert_cmpuint (fixture->station.resets, ==, 1);

  status = fetch (fixture, "GET", "/api/v1/status", AUTHORIZATION);
  assert_state (status, "free");

  /* An empty object is as good as no body. */
  g_test_expect_message (API_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE, "*reset done*");
  with_object = fetch_body (fixture, "POST", "/api/v1/reset", AUTHORIZATION, "{}", -1);
  g_test_assert_expected_messages ();
  assert_state (with_object, "free");
  g_assert_cmpuint (fixture->station.resets, ==, 2);
  g_assert_cmpuint (fixture->station.out_of_service, ==, 0);
  g_assert_cmpuint (fixture->station.in_service, ==, 0);
}

static void
test_action_out_of_service (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(Response) response = NULL;
  g_autoptr(Response) status = NULL;
  g_autoptr(Response) back = NULL;
  const char *body = "{\"message\": \"Imprimante en panne \\u2014 revenez demain \\u0645\\u0631\"}";

  g_test_expect_message (API_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE, "*out-of-service done*");
  response = fetch_body (fixture, "POST", "/api/v1/out-of-service", AUTHORIZATION, body, -1);
  g_test_assert_expected_messages ();
  assert_state (response, "out-of-service");
  g_assert_cmpuint (fixture->station.out_of_service, ==, 1);
  g_assert_cmpstr (fixture->station.message, ==, "Imprimante en panne — revenez demain مر");

  status = fetch (fixture, "GET", "/api/v1/status", AUTHORIZATION);
  assert_state (status, "out-of-service");

  g_test_expect_message (API_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE, "*in-service done*");
  back = fetch (fixture, "POST", "/api/v1/in-service", AUTHORIZATION);
  g_test_assert_expected_messages ();
  assert_state (back, "free");
  g_assert_cmpuint (fixture->station.in_service, ==, 1);
  g_assert_cmpuint (fixture->station.resets, ==, 0);
}

static void
test_action_message_limits (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GString) longest = g_string_new ("{\"message\": \"");
  g_autoptr(GString) too_long = NULL;
  g_autoptr(Response) accepted = NULL;
  g_autoptr(Response) refused = NULL;
  g_autoptr(Response) empty = NULL;

  /* Characters count, not bytes: 500 "é" are 1000 bytes. */
  for (guint i = 0; i < KIOSK_STATION_API_MAX_MESSAGE; i++)
    g_string_append (longest, "é");
  too_long = g_string_new (longest->str);
  g_string_append (too_long, "é\"}");
  g_string_append (longest, "\"}");

  refused = fetch_body (fixture, "POST", "/api/v1/out-of-service", AUTHORIZATION, too_long->str,
                        -1);
  assert_error (refused, SOUP_STATUS_BAD_REQUEST);
  assert_nothing_happened (fixture);

  g_test_expect_message (API_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE, "*out-of-service done*");
  accepted = fetch_body (fixture, "POST", "/api/v1/out-of-service", AUTHORIZATION, longest->str,
                         -1);
  assert_state (accepted, "out-of-service");
  g_assert_cmpuint (g_utf8_strlen (fixture->station.message, -1), ==,
                    KIOSK_STATION_API_MAX_MESSAGE);

  /* An empty message leaves the wording to the station. */
  g_test_expect_message (API_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE, "*out-of-service done*");
  empty = fetch_body (fixture, "POST", "/api/v1/out-of-service", AUTHORIZATION,
                      "{\"message\": \"\", \"colour\": \"red\"}", -1);
  g_test_assert_expected_messages ();
  assert_state (empty, "out-of-service");
  g_assert_cmpstr (fixture->station.message, ==, "");
}

static void
test_action_refused (Fixture       *fixture,
                     gconstpointer  data)
{
  static const char * const paths[] = {
    "/api/v1/reset", "/api/v1/out-of-service", "/api/v1/in-service",
  };

  fixture->station.refuse = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(Response) response = NULL;

      g_test_expect_message (API_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE, "*refused*");
      response = fetch_body (fixture, "POST", paths[i], AUTHORIZATION,
                             "{\"message\": \"Fermé\"}", -1);
      g_test_assert_expected_messages ();
      assert_error (response, SOUP_STATUS_CONFLICT);
    }
  assert_nothing_happened (fixture);
}

/* Bad input */

typedef struct
{
  const char *name;
  const char *path;
  const char *body;
  gsize       length;
} BadBody;

#define BODY(text) text, sizeof (text) - 1

static const BadBody bad_bodies[] = {
  { "malformed", "/api/v1/out-of-service", BODY ("{\"message\": \"Fermé\"") },
  { "not-json", "/api/v1/out-of-service", BODY ("message=Fermé") },
  { "array", "/api/v1/out-of-service", BODY ("[{\"message\": \"Fermé\"}]") },
  { "string", "/api/v1/out-of-service", BODY ("\"Fermé\"") },
  { "null", "/api/v1/out-of-service", BODY ("null") },
  { "no-message", "/api/v1/out-of-service", BODY ("{\"text\": \"Fermé\"}") },
  { "empty-object", "/api/v1/out-of-service", BODY ("{}") },
  { "no-body", "/api/v1/out-of-service", BODY ("") },
  { "number-message", "/api/v1/out-of-service", BODY ("{\"message\": 42}") },
  { "null-message", "/api/v1/out-of-service", BODY ("{\"message\": null}") },
  { "array-message", "/api/v1/out-of-service", BODY ("{\"message\": [\"Fermé\"]}") },
  { "object-message", "/api/v1/out-of-service", BODY ("{\"message\": {\"fr\": \"Fermé\"}}") },
  { "bool-message", "/api/v1/out-of-service", BODY ("{\"message\": true}") },
  { "not-utf8", "/api/v1/out-of-service", BODY ("{\"message\": \"Ferm\xe9\"}") },
  /* json-glib decodes a lone surrogate escape to bytes that are not UTF-8. */
  { "lone-surrogate", "/api/v1/out-of-service", BODY ("{\"message\": \"Ferm\\ud800e\"}") },
  { "binary-zero", "/api/v1/out-of-service", BODY ("{\"message\": \"Ferm\"}\0garbage") },
  { "reset-malformed", "/api/v1/reset", BODY ("{") },
  { "reset-array", "/api/v1/reset", BODY ("[]") },
  { "in-service-malformed", "/api/v1/in-service", BODY ("yes please") },
};

static void
test_bad_body (Fixture       *fixture,
               gconstpointer  data)
{
  const BadBody *test = data;
  g_autoptr(Response) response = NULL;
  g_autoptr(Response) status = NULL;

  response = fetch_body (fixture, "POST", test->path, AUTHORIZATION, test->body, test->length);
  assert_error (response, SOUP_STATUS_BAD_REQUEST);
  assert_nothing_happened (fixture);

  /* Nothing was lost: the station still says what it did before. */
  status = fetch (fixture, "GET", "/api/v1/status", AUTHORIZATION);
  assert_state (status, "in-use");
}

/* A body padded with spaces to @size bytes, valid JSON all the same. */
static char *
padded_body (gsize size)
{
  const char *object = "{\"message\": \"Fermé\"}";
  char *body = g_malloc (size + 1);

  memset (body, ' ', size);
  memcpy (body, object, strlen (object));
  body[size] = '\0';
  return body;
}

static void
test_bad_too_large (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *largest = padded_body (KIOSK_STATION_API_MAX_BODY);
  g_autofree char *too_large = padded_body (KIOSK_STATION_API_MAX_BODY + 1);
  g_autoptr(Response) refused = NULL;
  g_autoptr(Response) unauthenticated = NULL;
  g_autoptr(Response) accepted = NULL;

  refused = fetch_body (fixture, "POST", "/api/v1/out-of-service", AUTHORIZATION, too_large, -1);
  assert_error (refused, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE);
  assert_nothing_happened (fixture);

  /* Size is no way to learn whether a token is right. */
  unauthenticated = fetch_body (fixture, "POST", "/api/v1/out-of-service", WRONG_AUTHORIZATION,
                                too_large, -1);
  assert_error (unauthenticated, SOUP_STATUS_UNAUTHORIZED);

  g_test_expect_message (API_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE, "*out-of-service done*");
  accepted = fetch_body (fixture, "POST", "/api/v1/out-of-service", AUTHORIZATION, largest, -1);
  g_test_assert_expected_messages ();
  assert_state (accepted, "out-of-service");
  g_assert_cmpstr (fixture->station.message, ==, "Fermé");
}

static void
test_bad_too_large_raw (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *chunked = NULL;
  g_autofree char *expecting = NULL;
  g_autofree char *endless = NULL;
  g_autofree char *anonymous = NULL;
  g_autoptr(Response) status = NULL;
  gsize sent = 0;

  /* Without a length, the body is counted as it comes. */
  chunked = raw_exchange (fixture, NULL,
                          "POST /api/v1/out-of-service HTTP/1.1\r\n"
                          "Host: 127.0.0.1\r\n"
                          "Authorization: " AUTHORIZATION "\r\n"
                          "Content-Type: application/json\r\n"
                          "Transfer-Encoding: chunked\r\n"
                          "Connection: close\r\n\r\n", TRUE, 20, 1024);
  g_assert_true (g_str_has_prefix (chunked, "HTTP/1.1 413 "));

  /* A client that asks first is refused before it sends anything. */
  expecting = raw_exchange (fixture, NULL,
                            "POST /api/v1/out-of-service HTTP/1.1\r\n"
                            "Host: 127.0.0.1\r\n"
                            "Authorization: " AUTHORIZATION "\r\n"
                            "Content-Type: application/json\r\n"
                            "Content-Length: 1000000000\r\n"
                            "Expect: 100-continue\r\n"
                            "Connection: close\r\n\r\n", FALSE, 0, 0);
  g_assert_true (g_str_has_prefix (expecting, "HTTP/1.1 413 "));

  /* One that sends on regardless is cut off, long before its 4 GB: what
   * the socket buffers hold went out, and no answer came back.
   */
  endless = raw_exchange_full (fixture, NULL,
                               "POST /api/v1/out-of-service HTTP/1.1\r\n"
                               "Host: 127.0.0.1\r\n"
                               "Authorization: " AUTHORIZATION "\r\n"
                               "Content-Type: application/json\r\n"
                               "Transfer-Encoding: chunked\r\n\r\n", TRUE, 4 * 1024 * 1024,
                               1024, &sent);
  g_assert_cmpstr (endless, ==, "");
  g_assert_cmpuint (sent, <, 64 * 1024 * 1024);

  /* Without a token, the same. */
  anonymous = raw_exchange_full (fixture, NULL,
                                 "POST /api/v1/out-of-service HTTP/1.1\r\n"
                                 "Host: 127.0.0.1\r\n"
                                 "Content-Length: 4294967296\r\n\r\n", FALSE,
                                 4 * 1024 * 1024, 1024, &sent);
  g_assert_cmpstr (anonymous, ==, "");
  g_assert_cmpuint (sent, <, 64 * 1024 * 1024);
  assert_nothing_happened (fixture);

  status = fetch (fixture, "GET", "/api/v1/status", AUTHORIZATION);
  assert_state (status, "in-use");
}

/* Nesting as deep as the size limit allows does not exhaust the stack. */
static void
test_bad_deep_nesting (Fixture       *fixture,
                       gconstpointer  data)
{
  const gsize depth = KIOSK_STATION_API_MAX_BODY / 2 - 16;
  g_autoptr(GString) array = g_string_new (NULL);
  g_autoptr(GString) message = g_string_new ("{\"message\": ");
  g_autoptr(Response) refused_array = NULL;
  g_autoptr(Response) refused_message = NULL;

  for (gsize i = 0; i < depth; i++)
    g_string_append_c (array, '[');
  for (gsize i = 0; i < depth; i++)
    g_string_append_c (array, ']');
  g_string_append (message, array->str);
  g_string_append_c (message, '}');

  refused_array = fetch_body (fixture, "POST", "/api/v1/reset", AUTHORIZATION, array->str, -1);
  assert_error (refused_array, SOUP_STATUS_BAD_REQUEST);
  refused_message = fetch_body (fixture, "POST", "/api/v1/out-of-service", AUTHORIZATION,
                                message->str, -1);
  assert_error (refused_message, SOUP_STATUS_BAD_REQUEST);
  assert_nothing_happened (fixture);
}

static void
test_bad_path (Fixture       *fixture,
               gconstpointer  data)
{
  static const char * const unknown[] = {
    "/", "/api", "/api/v1", "/api/v1/", "/api/v1/status/", "/api/v1/STATUS", "/api/v2/status",
    "/api/v1/statu", "/api/v1/status.json", "/api/v1/reset/now", "/favicon.ico",
  };
  static const struct
  {
    const char *method;
    const char *path;
    const char *allow;
  } wrong_method[] = {
    { "POST", "/api/v1/status", "GET" },
    { "DELETE", "/api/v1/status", "GET" },
    { "PUT", "/api/v1/usage", "GET" },
    { "GET", "/api/v1/reset", "POST" },
    { "GET", "/api/v1/out-of-service", "POST" },
    { "DELETE", "/api/v1/in-service", "POST" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (unknown); i++)
    {
      g_autoptr(Response) response = fetch (fixture, "GET", unknown[i], AUTHORIZATION);

      assert_error (response, SOUP_STATUS_NOT_FOUND);
    }

  for (guint i = 0; i < G_N_ELEMENTS (wrong_method); i++)
    {
      g_autoptr(Response) response = fetch (fixture, wrong_method[i].method,
                                            wrong_method[i].path, AUTHORIZATION);

      assert_error (response, SOUP_STATUS_METHOD_NOT_ALLOWED);
      g_assert_cmpstr (response_header (response, "Allow"), ==, wrong_method[i].allow);
    }
  assert_nothing_happened (fixture);
}

/* Usage export */

static char *
usage_path (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_state_dir (), "pimms-kiosk", NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return g_build_filename (dir, "usage.db", NULL);
}

static void
fill_store (const char *path)
{
  static const KioskUsageRow rows[] = {
    { "2026-11-20", 9, "gare", "gare-03", KIOSK_METRIC_SERVICE_OPENED, "caf", 3 },
    { "2026-11-21", 10, "gare", "gare-03", KIOSK_METRIC_NAVIGATION_REFUSED, "odd,\"key\"", 1 },
    { "2026-11-21", 16, "gare", "gare-03", KIOSK_METRIC_SESSION_STARTED, NULL, 7 },
    { "2026-11-23", 8, "gare", "gare-03", KIOSK_METRIC_SESSION_ENDED, "remote", 2 },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskUsageStore) store = kiosk_usage_store_open (path, &error);

  g_assert_no_error (error);
  kiosk_usage_store_add (store, rows, G_N_ELEMENTS (rows), &error);
  g_assert_no_error (error);
}

static char *
fetch_csv (Fixture    *fixture,
           const char *path)
{
  g_autoptr(Response) response = fetch (fixture, "GET", path, AUTHORIZATION);

  g_assert_cmpuint (response->status, ==, SOUP_STATUS_OK);
  g_assert_cmpstr (response_header (response, "Content-Type"), ==, "text/csv; charset=utf-8");
  return response_text (response);
}

static void
test_usage_export (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = usage_path ();
  g_autofree char *everything = NULL;
  g_autofree char *from = NULL;
  g_autofree char *between = NULL;
  g_autofree char *later = NULL;

  fill_store (path);
  kiosk_station_api_set_usage_path (fixture->api, path);

  everything = fetch_csv (fixture, "/api/v1/usage");
  g_assert_cmpstr (everything, ==,
                   "day,hour,site,station,metric,key,count\n"
                   "2026-11-20,9,gare,gare-03,service-opened,caf,3\n"
                   "2026-11-21,10,gare,gare-03,navigation-refused,\"odd,\"\"key\"\"\",1\n"
                   "2026-11-21,16,gare,gare-03,session-started,,7\n"
                   "2026-11-23,8,gare,gare-03,session-ended,remote,2\n");

  from = fetch_csv (fixture, "/api/v1/usage?from=2026-11-21");
  g_assert_cmpstr (from, ==,
                   "day,hour,site,station,metric,key,count\n"
                   "2026-11-21,10,gare,gare-03,navigation-refused,\"odd,\"\"key\"\"\",1\n"
                   "2026-11-21,16,gare,gare-03,session-started,,7\n"
                   "2026-11-23,8,gare,gare-03,session-ended,remote,2\n");

  between = fetch_csv (fixture, "/api/v1/usage?from=2026-11-21&to=2026-11-22");
  g_assert_cmpstr (between, ==,
                   "day,hour,site,station,metric,key,count\n"
                   "2026-11-21,10,gare,gare-03,navigation-refused,\"odd,\"\"key\"\"\",1\n"
                   "2026-11-21,16,gare,gare-03,session-started,,7\n");

  later = fetch_csv (fixture, "/api/v1/usage?from=2027-01-01");
  g_assert_cmpstr (later, ==, "day,hour,site,station,metric,key,count\n");
  assert_nothing_happened (fixture);
}

static void
test_usage_bad_query (Fixture       *fixture,
                      gconstpointer  data)
{
  static const char * const queries[] = {
    "?from=", "?from=2026-13-01", "?from=2026-02-30", "?from=21/11/2026", "?from=yesterday",
    "?from=2026-11-21%27%20OR%201=1", "?from=2026-11-2", "?to=2026-11", "?form=2026-11-21",
    "?from=2026-11-21&station=gare-04",
  };
  g_autofree char *path = usage_path ();

  fill_store (path);
  kiosk_station_api_set_usage_path (fixture->api, path);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autofree char *uri = g_strconcat ("/api/v1/usage", queries[i], NULL);
      g_autoptr(Response) response = fetch (fixture, "GET", uri, AUTHORIZATION);

      assert_error (response, SOUP_STATUS_BAD_REQUEST);
    }
}

static GPtrArray *
give_test_refusals (gboolean *recording,
                    gpointer  user_data)
{
  *recording = TRUE;
  return user_data;
}

/* The desk reads what the station's staff record as refused, to turn it
 * into a config's lines: the same JSON pimms-kiosk-admin reads back.
 */
static void
test_refusals (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) refusals = kiosk_refusals_new ();
  g_autoptr(GPtrArray) read = NULL;
  g_autoptr(Response) none = NULL;
  g_autoptr(Response) recorded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  JsonObject *object;

  assert_status_code (fixture, "GET", "/api/v1/refusals", NULL, SOUP_STATUS_UNAUTHORIZED);
  assert_status_code (fixture, "POST", "/api/v1/refusals", AUTHORIZATION,
                      SOUP_STATUS_METHOD_NOT_ALLOWED);

  /* Nobody records: an empty list. */
  none = fetch (fixture, "GET", "/api/v1/refusals", AUTHORIZATION);
  g_assert_cmpuint (none->status, ==, SOUP_STATUS_OK);
  object = response_object (none);
  g_assert_false (json_object_get_boolean_member (object, "recording"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "refused")),
                    ==, 0);

  kiosk_refusals_add (refusals, "caf", KIOSK_REFUSAL_FRAME, "newassets.hcaptcha.com");
  kiosk_refusals_add (refusals, "caf", KIOSK_REFUSAL_POPUP, "app.franceconnect.gouv.fr");
  kiosk_station_api_set_refusals_func (fixture->api, give_test_refusals, refusals);
  recorded = fetch (fixture, "GET", "/api/v1/refusals", AUTHORIZATION);
  g_assert_cmpuint (recorded->status, ==, SOUP_STATUS_OK);
  object = response_object (recorded);
  g_assert_true (json_object_get_boolean_member (object, "recording"));

  text = response_text (recorded);
  read = kiosk_refusals_from_json (text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (read->len, ==, 2);
  g_assert_cmpstr (((KioskRefusal *) g_ptr_array_index (read, 1))->host, ==,
                   "app.franceconnect.gouv.fr");
}

/* A station that takes a config whose first line is "[Kiosk]", after
 * the session in progress; rolls back to version "0000000000aa".
 */
typedef struct
{
  guint  taken;
  gsize  length;
  guint  rolled_back;
} ConfigTaker;

static gboolean
take_test_config (const char  *text,
                  gsize        length,
                  char       **version,
                  gboolean    *pending,
                  GError     **error,
                  gpointer     user_data)
{
  ConfigTaker *taker = user_data;

  if (text == NULL)
    {
      taker->rolled_back++;
      *version = g_strdup ("0000000000aa");
      return TRUE;
    }
  if (length < 8 || strncmp (text, "[Kiosk]\n", 8) != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "line 1: the [Kiosk] group is missing");
      return FALSE;
    }
  taker->taken++;
  taker->length = length;
  *version = g_strdup ("3f2a9c0d1b7e");
  *pending = TRUE;
  return TRUE;
}

/* PUT /api/v1/config: a config up to 512 KiB, checked by the station,
 * which says the version it will run or, with 422, why it refuses it;
 * POST /api/v1/config/roll-back: the one before.
 */
static void
test_config_from_the_desk (Fixture       *fixture,
                           gconstpointer  data)
{
  ConfigTaker taker = { 0, };
  g_autofree char *large = g_malloc (KIOSK_CONFIG_SHARED_MAX_BYTES + 1);
  g_autoptr(Response) closed = NULL;
  g_autoptr(Response) refused = NULL;
  g_autoptr(Response) taken = NULL;
  g_autoptr(Response) too_large = NULL;
  g_autoptr(Response) rolled_back = NULL;
  g_autoptr(JsonObject) object = NULL;

  assert_status_code (fixture, "PUT", "/api/v1/config", NULL, SOUP_STATUS_UNAUTHORIZED);
  assert_status_code (fixture, "GET", "/api/v1/config", AUTHORIZATION,
                      SOUP_STATUS_METHOD_NOT_ALLOWED);

  /* A station that takes no config says so. */
  closed = fetch_body (fixture, "PUT", "/api/v1/config", AUTHORIZATION, "[Kiosk]\n", -1);
  assert_error (closed, SOUP_STATUS_FORBIDDEN);

  kiosk_station_api_set_config_func (fixture->api, take_test_config, &taker);
  g_test_expect_message (API_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE, "*config refused*");
  refused = fetch_body (fixture, "PUT", "/api/v1/config", AUTHORIZATION, "[Service caf]\n", -1);
  g_test_assert_expected_messages ();
  assert_error (refused, SOUP_STATUS_UNPROCESSABLE_ENTITY);
  object = response_object (refused);
  g_assert_cmpstr (json_object_get_string_member (object, "error"), ==,
                   "line 1: the [Kiosk] group is missing");
  g_assert_cmpuint (taker.taken, ==, 0);
  g_clear_pointer (&object, json_object_unref);

  /* A config of the largest size, far over the actions' 16 KiB. */
  memset (large, '#', KIOSK_CONFIG_SHARED_MAX_BYTES);
  memcpy (large, "[Kiosk]\n", 8);
  large[KIOSK_CONFIG_SHARED_MAX_BYTES] = '\0';
  g_test_expect_message (API_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE, "*config waits*");
  taken = fetch_body (fixture, "PUT", "/api/v1/config", AUTHORIZATION, large, -1);
  g_test_assert_expected_messages ();
  g_assert_cmpuint (taken->status, ==, SOUP_STATUS_OK);
  object = response_object (taken);
  g_assert_cmpstr (json_object_get_string_member (object, "version"), ==, "3f2a9c0d1b7e");
  g_assert_true (json_object_get_boolean_member (object, "pending"));
  g_assert_cmpuint (taker.taken, ==, 1);
  g_assert_cmpuint (taker.length, ==, KIOSK_CONFIG_SHARED_MAX_BYTES);

  large = g_realloc (large, KIOSK_CONFIG_SHARED_MAX_BYTES + 2);
  large[KIOSK_CONFIG_SHARED_MAX_BYTES] = '#';
  large[KIOSK_CONFIG_SHARED_MAX_BYTES + 1] = '\0';
  too_large = fetch_body (fixture, "PUT", "/api/v1/config", AUTHORIZATION, large, -1);
  assert_error (too_large, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE);
  g_assert_cmpuint (taker.taken, ==, 1);

  g_test_expect_message (API_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE, "*config roll-back done*");
  rolled_back = fetch (fixture, "POST", "/api/v1/config/roll-back", AUTHORIZATION);
  g_test_assert_expected_messages ();
  g_assert_cmpuint (rolled_back->status, ==, SOUP_STATUS_OK);
  g_assert_cmpuint (taker.rolled_back, ==, 1);
}

static void
give_test_metrics (KioskStationMetrics *metrics,
                   gpointer             user_data)
{
  *metrics = (KioskStationMetrics) {
    .start_time = 1795000000,
    .out_of_service_seconds = 125,
    .wipe_check_failures = 1,
    .web_processes = 2,
    .kiosk_resident_bytes = 90 * 1024 * 1024,
    .web_resident_bytes = 210 * 1024 * 1024,
    .usage_write_errors = 3,
    .config_version = "3f2a9c0d1b7e",
  };
  metrics->sessions_ended[KIOSK_END_IDLE] = 4;
  metrics->sessions_ended[KIOSK_END_LOGOUT] = 7;
}

/* Runs promtool (Debian's "prometheus") with @args, @input on its standard
 * input; fails the test, with what it said, unless it accepts.
 */
static void
assert_promtool_accepts (const char * const *args,
                         const char         *input)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) promtool = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_ptr_array_add (argv, (gpointer) "promtool");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  promtool = g_subprocess_newv ((const char * const *) argv->pdata,
                                G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (promtool, input, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_test_message ("promtool %s: %s%s", args[1] != NULL ? args[1] : args[0], out, err);
  if (!g_subprocess_get_successful (promtool) || (err != NULL && *err != '\0'))
    g_error ("promtool %s refused: %s%s", args[1], out, err);
}

/* GET /api/v1/metrics: what a Prometheus server scrapes, in its text
 * format, which promtool accepts; the rules and scrape configuration of
 * docs/deploy.md too.
 */
static void
test_metrics (Fixture       *fixture,
              gconstpointer  data)
{
  static const char * const check_metrics[] = { "check", "metrics", NULL };
  g_autofree char *examples = g_build_filename (g_getenv ("KIOSK_SOURCE_DIR"), "data",
                                                "examples", "prometheus", NULL);
  g_autofree char *rules = g_build_filename (examples, "pimms-kiosk-alerts.yml", NULL);
  g_autofree char *config = g_build_filename (examples, "prometheus.yml", NULL);
  const char * const check_rules[] = { "check", "rules", rules, NULL };
  const char * const check_config[] = { "check", "config", "--syntax-only", config, NULL };
  g_autoptr(Response) bare = NULL;
  g_autoptr(Response) full = NULL;
  g_autofree char *text = NULL;

  assert_status_code (fixture, "GET", "/api/v1/metrics", NULL, SOUP_STATUS_UNAUTHORIZED);
  assert_status_code (fixture, "GET", "/api/v1/metrics", "Bearer wrong", SOUP_STATUS_UNAUTHORIZED);

  /* Without figures from the kiosk, the state and the version still. */
  bare = fetch (fixture, "GET", "/api/v1/metrics", AUTHORIZATION);
  g_assert_cmpuint (bare->status, ==, SOUP_STATUS_OK);
  g_assert_cmpstr (response_header (bare, "Content-Type"), ==,
                   "text/plain; version=0.0.4; charset=utf-8");
  text = response_text (bare);
  g_assert_nonnull (strstr (text, "\npimms_kiosk_state{state=\"in-use\"} 1\n"));
  g_assert_nonnull (strstr (text, "\npimms_kiosk_state{state=\"free\"} 0\n"));
  g_assert_nonnull (strstr (text, "pimms_kiosk_info{station=\"gare-03\",site=\"gare\","
                                  "version=\"1.2.3\",config=\"\"} 1\n"));
  assert_promtool_accepts (check_metrics, text);
  g_clear_pointer (&text, g_free);

  kiosk_station_api_set_metrics_func (fixture->api, give_test_metrics, NULL);
  fixture->station.state = KIOSK_STATION_OUT_OF_SERVICE;
  full = fetch (fixture, "GET", "/api/v1/metrics", AUTHORIZATION);
  text = response_text (full);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "\npimms_kiosk_state{state=\"out-of-service\"} 1\n"));
  g_assert_nonnull (strstr (text, "\npimms_kiosk_state{state=\"in-use\"} 0\n"));
  g_assert_nonnull (strstr (text, "config=\"3f2a9c0d1b7e\"} 1\n"));
  g_assert_nonnull (strstr (text, "\npimms_kiosk_sessions_ended_total{reason=\"idle\"} 4\n"));
  g_assert_nonnull (strstr (text, "\npimms_kiosk_sessions_ended_total{reason=\"logout\"} 7\n"));
  g_assert_nonnull (strstr (text, "\npimms_kiosk_sessions_ended_total{reason=\"crash-recovery\"} "
                                  "0\n"));
  g_assert_nonnull (strstr (text, "\npimms_kiosk_out_of_service_seconds_total 125\n"));
  g_assert_nonnull (strstr (text, "\npimms_kiosk_wipe_check_failures_total 1\n"));
  g_assert_nonnull (strstr (text, "\npimms_kiosk_web_processes 2\n"));
  g_assert_nonnull (strstr (text, "\npimms_kiosk_resident_memory_bytes{process=\"web\"} "
                                  "220200960\n"));
  g_assert_nonnull (strstr (text, "\npimms_kiosk_usage_write_errors_total 3\n"));
  g_assert_nonnull (strstr (text, "\npimms_kiosk_start_time_seconds 1795000000\n"));
  assert_promtool_accepts (check_metrics, text);

  assert_promtool_accepts (check_rules, NULL);
  assert_promtool_accepts (check_config, NULL);
}

static void
test_usage_no_store (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = usage_path ();
  g_autofree char *empty = NULL;
  g_autoptr(Response) none = NULL;
  g_autoptr(Response) damaged = NULL;
  g_autoptr(GError) error = NULL;

  none = fetch (fixture, "GET", "/api/v1/usage", AUTHORIZATION);
  assert_error (none, SOUP_STATUS_NOT_FOUND);

  /* A station that has not counted anything yet has nothing to say. */
  kiosk_station_api_set_usage_path (fixture->api, path);
  empty = fetch_csv (fixture, "/api/v1/usage");
  g_assert_cmpstr (empty, ==, "day,hour,site,station,metric,key,count\n");

  /* A damaged file is an error of the station, and says so in its log. */
  g_file_set_contents (path, "This is not a database, but it is long enough to look like one "
                       "to a careless reader of files.", -1, &error);
  g_assert_no_error (error);
  g_test_expect_message (API_LOG_DOMAIN, G_LOG_LEVEL_WARNING, "*could not export*");
  damaged = fetch (fixture, "GET", "/api/v1/usage", AUTHORIZATION);
  g_test_assert_expected_messages ();
  assert_error (damaged, SOUP_STATUS_INTERNAL_SERVER_ERROR);

  assert_status_code (fixture, "GET", "/api/v1/status", AUTHORIZATION, SOUP_STATUS_OK);
}

static void
wrote_body_cb (SoupMessage *msg,
               gpointer     user_data)
{
  gboolean *sent = user_data;

  *sent = TRUE;
}

/* While a long export is being read, the console may give up, or the
 * station may drop the API: it stops answering at once, and the export
 * ends quietly in its thread.
 */
static void
test_usage_dropped_during_export (Fixture       *fixture,
                                  gconstpointer  data)
{
  static const char * const keys[] = {
    "caf", "ameli", "impots", "france-travail", "ants", "msa", "la-poste", "sncf-connect",
    "tbm", "edf",
  };
  const guint n_rows = 50000;
  g_autofree char *path = usage_path ();
  g_autofree KioskUsageRow *rows = g_new0 (KioskUsageRow, n_rows);
  g_autoptr(GPtrArray) days = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(KioskUsageStore) store = NULL;
  g_autoptr(Response) abandoned = NULL;
  g_autoptr(Response) response = NULL;
  g_autoptr(GError) error = NULL;
  gboolean sent = FALSE;

  store = kiosk_usage_store_open (path, &error);
  g_assert_no_error (error);
  /* Distinct rows: ten services, every hour of 2026's first 208 days. */
  for (guint i = 0; i < n_rows; i++)
    {
      guint day_index = i / 240;
      char *day = g_strdup_printf ("2026-%02u-%02u", 1 + day_index / 28, 1 + day_index % 28);

      g_ptr_array_add (days, day);
      rows[i] = (KioskUsageRow) {
        day, (i / 10) % 24, "gare", "gare-03", KIOSK_METRIC_SERVICE_OPENED, keys[i % 10], 1
      };
    }
  kiosk_usage_store_add (store, rows, n_rows, &error);
  g_assert_no_error (error);
  kiosk_station_api_set_usage_path (fixture->api, path);

  /* A console that gives up waiting. */
  abandoned = start_request (fixture, "GET", "/api/v1/usage", AUTHORIZATION, NULL, 0);
  g_signal_connect (abandoned->msg, "wrote-body", G_CALLBACK (wrote_body_cb), &sent);
  while (!sent)
    g_main_context_iteration (NULL, TRUE);
  kiosk_test_spin (5);
  soup_session_abort (fixture->session);
  g_assert_true (kiosk_test_wait_until (response_done, abandoned, 20));
  g_assert_nonnull (abandoned->error);
  kiosk_test_spin (500);
  assert_status_code (fixture, "GET", "/api/v1/status", AUTHORIZATION, SOUP_STATUS_OK);

  sent = FALSE;
  response = start_request (fixture, "GET", "/api/v1/usage", AUTHORIZATION, NULL, 0);
  g_signal_connect (response->msg, "wrote-body", G_CALLBACK (wrote_body_cb), &sent);
  while (!sent)
    g_main_context_iteration (NULL, TRUE);
  kiosk_test_spin (5);

  g_clear_object (&fixture->api);
  g_assert_true (kiosk_test_wait_until (response_done, response, 20));
  g_assert_true (response->error != NULL || response->status == SOUP_STATUS_OK);

  /* Whatever was still being read finishes without anyone to tell. */
  kiosk_test_spin (500);
  assert_nothing_happened (fixture);
}

/* Token file */

static void
test_token_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *good = write_file_with_mode ("token", "  " TOKEN "\n", -1, 0600);
  g_autofree char *read_only = write_file_with_mode ("token-ro", TOKEN, -1, 0400);
  g_autofree char *token = NULL;
  g_autofree char *token_ro = NULL;

  token = kiosk_station_api_load_token (good, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, TOKEN);

  token_ro = kiosk_station_api_load_token (read_only, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token_ro, ==, TOKEN);
}

typedef struct
{
  const char *name;
  const char *contents;
  gsize       length;
  int         mode;
  int         code;
} BadToken;

static const BadToken bad_tokens[] = {
  { "world-readable", BODY (TOKEN "\n"), 0644, KIOSK_STATION_API_ERROR_INSECURE },
  { "group-readable", BODY (TOKEN "\n"), 0640, KIOSK_STATION_API_ERROR_INSECURE },
  { "world-writable", BODY (TOKEN "\n"), 0602, KIOSK_STATION_API_ERROR_INSECURE },
  { "short", BODY ("0123456789abcde\n"), 0600, KIOSK_STATION_API_ERROR_INVALID_TOKEN },
  { "empty", BODY (""), 0600, KIOSK_STATION_API_ERROR_INVALID_TOKEN },
  { "two-words", BODY ("correct horse battery staple\n"), 0600,
    KIOSK_STATION_API_ERROR_INVALID_TOKEN },
  { "binary-zero", BODY (TOKEN "\0" TOKEN), 0600, KIOSK_STATION_API_ERROR_INVALID_TOKEN },
  { "not-ascii", BODY ("jeton-très-secret-0123456789"), 0600,
    KIOSK_STATION_API_ERROR_INVALID_TOKEN },
};

/* Fail closed: no token, no API, and an error naming the file. */
static void
test_token_file_refused (gconstpointer data)
{
  const BadToken *test = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_file_with_mode (test->name, test->contents, test->length,
                                                test->mode);
  g_autofree char *token = kiosk_station_api_load_token (path, &error);

  g_assert_error (error, KIOSK_STATION_API_ERROR, test->code);
  g_assert_null (token);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_null (strstr (error->message, TOKEN));
}

static void
test_token_file_missing (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = private_path ("no-such-token");
  g_autofree char *dir = private_path ("token-dir");
  g_autofree char *token = NULL;

  token = kiosk_station_api_load_token (missing, &error);
  g_assert_error (error, KIOSK_STATION_API_ERROR, KIOSK_STATION_API_ERROR_UNREADABLE);
  g_assert_nonnull (strstr (error->message, missing));
  g_assert_null (token);
  g_clear_error (&error);

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  token = kiosk_station_api_load_token (dir, &error);
  g_assert_error (error, KIOSK_STATION_API_ERROR, KIOSK_STATION_API_ERROR_UNREADABLE);
  g_assert_nonnull (strstr (error->message, dir));
  g_assert_null (token);
}

/* What RemoteTokenFile, RemoteTlsKey or RemoteTlsCertificate may name
 * by mistake or by malice: none is read, none blocks the station's start.
 */
typedef struct
{
  char *fifo;
  char *link;
  char *large;
} NotAFile;

static void
not_a_file_init (NotAFile   *files,
                 const char *name,
                 const char *link_target,
                 gsize       large_size)
{
  g_autofree char *fifo_name = g_strconcat (name, "-fifo", NULL);
  g_autofree char *link_name = g_strconcat (name, "-link", NULL);
  g_autofree char *large_name = g_strconcat (name, "-large", NULL);
  g_autofree char *padding = g_strnfill (large_size, 'a');

  files->fifo = private_path (fifo_name);
  files->link = private_path (link_name);
  files->large = write_file_with_mode (large_name, padding, large_size, 0600);
  g_assert_cmpint (mkfifo (files->fifo, 0600), ==, 0);
  g_assert_cmpint (symlink (link_target, files->link), ==, 0);
}

static void
not_a_file_clear (NotAFile *files)
{
  g_unlink (files->fifo);
  g_unlink (files->link);
  g_unlink (files->large);
  g_clear_pointer (&files->fifo, g_free);
  g_clear_pointer (&files->link, g_free);
  g_clear_pointer (&files->large, g_free);
}

static void
assert_token_refused (const char *path,
                      int         code,
                      const char *problem)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = kiosk_station_api_load_token (path, &error);

  g_assert_error (error, KIOSK_STATION_API_ERROR, code);
  g_assert_null (token);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, problem));
}

/* A FIFO without a writer once blocked the station's start right here. */
static void
test_token_file_not_a_file (void)
{
  g_autofree char *good = write_file_with_mode ("linked-token", TOKEN "\n", -1, 0600);
  NotAFile files = { NULL, };

  not_a_file_init (&files, "token", good, 4096);
  assert_token_refused (files.fifo, KIOSK_STATION_API_ERROR_UNREADABLE, "not a regular file");
  assert_token_refused ("/dev/zero", KIOSK_STATION_API_ERROR_UNREADABLE, "not a regular file");
  assert_token_refused (files.link, KIOSK_STATION_API_ERROR_UNREADABLE, "symbolic link");
  assert_token_refused (files.large, KIOSK_STATION_API_ERROR_INVALID_TOKEN, "is larger than");
  not_a_file_clear (&files);
}

/* Listening */

static void
test_listen_bad_address (Fixture       *fixture,
                         gconstpointer  data)
{
  static const char * const addresses[] = {
    "", "8765", ":8765", "localhost:8765", "127.0.0.1", "127.0.0.1:", "127.0.0.1:65536",
    "127.0.0.1:-1", "127.0.0.1:http", "::1:8765", "[::1]", "[::1:8765", "[127.0.0.1]:8765",
    "0.0.0.0:8765 ",
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *taken = g_strdup_printf ("127.0.0.1:%u",
                                            kiosk_station_api_get_port (fixture->api));

  for (guint i = 0; i < G_N_ELEMENTS (addresses); i++)
    {
      g_autoptr(KioskStationApi) api = new_api (fixture);

      g_assert_false (kiosk_station_api_listen (api, addresses[i], NULL, &error));
      g_assert_error (error, KIOSK_STATION_API_ERROR, KIOSK_STATION_API_ERROR_INVALID_ADDRESS);
      g_assert_nonnull (strstr (error->message, addresses[i]));
      g_assert_cmpuint (kiosk_station_api_get_port (api), ==, 0);
      g_clear_error (&error);
    }

  {
    g_autoptr(KioskStationApi) api = new_api (fixture);

    g_assert_false (kiosk_station_api_listen (api, taken, NULL, &error));
    g_assert_error (error, KIOSK_STATION_API_ERROR, KIOSK_STATION_API_ERROR_LISTEN);
    g_assert_nonnull (strstr (error->message, taken));
    g_clear_error (&error);
  }

  {
    g_autoptr(KioskStationApi) api = new_api (fixture);

    g_assert_true (kiosk_station_api_listen (api, "[::1]:0", NULL, &error) ||
                   g_error_matches (error, KIOSK_STATION_API_ERROR,
                                    KIOSK_STATION_API_ERROR_LISTEN));
  }
}

/* TLS */

static char *
read_test_pem (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *source = g_build_filename (g_getenv ("KIOSK_SOURCE_DIR"), "tests", "data",
                                              "self-signed.pem", NULL);
  char *pem = NULL;

  g_file_get_contents (source, &pem, NULL, &error);
  g_assert_no_error (error);
  return pem;
}

static void
test_tls (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pem = read_test_pem ();
  g_autofree char *path = write_file_with_mode ("api.pem", pem, -1, 0600);
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(KioskStationApi) api = NULL;
  g_autoptr(Response) https = NULL;
  g_autoptr(Response) wrong = NULL;
  g_autoptr(Response) plain = NULL;
  g_autofree char *http_uri = NULL;

  certificate = kiosk_station_api_load_certificate (path, NULL, &error);
  g_assert_no_error (error);

  api = new_api (fixture);
  kiosk_station_api_listen (api, "127.0.0.1:0", certificate, &error);
  g_assert_no_error (error);

  g_free (fixture->base_uri);
  fixture->base_uri = g_strdup_printf ("https://127.0.0.1:%u", kiosk_station_api_get_port (api));
  https = fetch (fixture, "GET", "/api/v1/status", AUTHORIZATION);
  assert_state (https, "in-use");
  g_assert_nonnull (soup_message_get_tls_peer_certificate (https->msg));

  wrong = fetch (fixture, "GET", "/api/v1/status", WRONG_AUTHORIZATION);
  assert_error (wrong, SOUP_STATUS_UNAUTHORIZED);

  /* No plain http on the https port, not even by mistake. */
  http_uri = g_strdup_printf ("http://127.0.0.1:%u", kiosk_station_api_get_port (api));
  g_free (fixture->base_uri);
  fixture->base_uri = g_steal_pointer (&http_uri);
  plain = start_request (fixture, "GET", "/api/v1/status", AUTHORIZATION, NULL, 0);
  g_assert_true (kiosk_test_wait_until (response_done, plain, 20));
  g_assert_true (plain->error != NULL || plain->status != SOUP_STATUS_OK);
}

static void
test_tls_key_files (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pem = read_test_pem ();
  const char *key_start = strstr (pem, "-----BEGIN PRIVATE KEY-----");
  g_autofree char *certificate_pem = g_strndup (pem, key_start - pem);
  g_autofree char *certificate_path = write_file_with_mode ("api.crt", certificate_pem, -1,
                                                            0644);
  g_autofree char *key_path = write_file_with_mode ("api.key", key_start, -1, 0600);
  g_autofree char *shared_key = write_file_with_mode ("shared.key", key_start, -1, 0640);
  g_autofree char *shared_pem = write_file_with_mode ("shared.pem", pem, -1, 0644);
  g_autofree char *missing = private_path ("missing.crt");
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GTlsCertificate) refused = NULL;

  g_assert_nonnull (key_start);

  /* The certificate is public, only the key must be private. */
  certificate = kiosk_station_api_load_certificate (certificate_path, key_path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (certificate);

  refused = kiosk_station_api_load_certificate (certificate_path, shared_key, &error);
  g_assert_error (error, KIOSK_STATION_API_ERROR, KIOSK_STATION_API_ERROR_INSECURE);
  g_assert_nonnull (strstr (error->message, shared_key));
  g_assert_null (refused);
  g_clear_error (&error);

  refused = kiosk_station_api_load_certificate (shared_pem, NULL, &error);
  g_assert_error (error, KIOSK_STATION_API_ERROR, KIOSK_STATION_API_ERROR_INSECURE);
  g_assert_nonnull (strstr (error->message, shared_pem));
  g_assert_null (refused);
  g_clear_error (&error);

  refused = kiosk_station_api_load_certificate (key_path, NULL, &error);
  g_assert_error (error, KIOSK_STATION_API_ERROR, KIOSK_STATION_API_ERROR_INVALID_CERTIFICATE);
  g_assert_nonnull (strstr (error->message, key_path));
  g_assert_null (refused);
  g_clear_error (&error);

  refused = kiosk_station_api_load_certificate (missing, key_path, &error);
  g_assert_error (error, KIOSK_STATION_API_ERROR, KIOSK_STATION_API_ERROR_INVALID_CERTIFICATE);
  g_assert_nonnull (strstr (error->message, missing));
  g_assert_null (refused);
}

static void
assert_certificate_refused (const char *certificate_path,
                            const char *key_path,
                            const char *named,
                            int         code,
                            const char *problem)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;

  certificate = kiosk_station_api_load_certificate (certificate_path, key_path, &error);
  g_assert_error (error, KIOSK_STATION_API_ERROR, code);
  g_assert_null (certificate);
  g_assert_nonnull (strstr (error->message, named));
  g_assert_nonnull (strstr (error->message, problem));
}

static void
test_tls_files_not_a_file (void)
{
  g_autofree char *pem = read_test_pem ();
  const char *key_start = strstr (pem, "-----BEGIN PRIVATE KEY-----");
  g_autofree char *certificate_pem = g_strndup (pem, key_start - pem);
  g_autofree char *certificate_path = write_file_with_mode ("linked.crt", certificate_pem, -1,
                                                            0644);
  g_autofree char *key_path = write_file_with_mode ("linked.key", key_start, -1, 0600);
  NotAFile keys = { NULL, };
  NotAFile certificates = { NULL, };

  not_a_file_init (&keys, "key", key_path, 256 * 1024 + 1);
  not_a_file_init (&certificates, "crt", certificate_path, 256 * 1024 + 1);

  /* The key, given on its own or in the certificate's file. */
  assert_certificate_refused (certificate_path, keys.fifo, keys.fifo,
                              KIOSK_STATION_API_ERROR_UNREADABLE, "not a regular file");
  assert_certificate_refused (keys.fifo, NULL, keys.fifo,
                              KIOSK_STATION_API_ERROR_UNREADABLE, "not a regular file");
  assert_certificate_refused (certificate_path, "/dev/zero", "/dev/zero",
                              KIOSK_STATION_API_ERROR_UNREADABLE, "not a regular file");
  assert_certificate_refused (certificate_path, keys.link, keys.link,
                              KIOSK_STATION_API_ERROR_UNREADABLE, "symbolic link");
  assert_certificate_refused (certificate_path, keys.large, keys.large,
                              KIOSK_STATION_API_ERROR_INVALID_CERTIFICATE, "is larger than");

  /* The certificate, public but no more trusted. */
  assert_certificate_refused (certificates.fifo, key_path, certificates.fifo,
                              KIOSK_STATION_API_ERROR_INVALID_CERTIFICATE, "not a regular file");
  assert_certificate_refused ("/dev/zero", key_path, "/dev/zero",
                              KIOSK_STATION_API_ERROR_INVALID_CERTIFICATE, "not a regular file");
  assert_certificate_refused (certificates.link, key_path, certificates.link,
                              KIOSK_STATION_API_ERROR_INVALID_CERTIFICATE, "symbolic link");
  assert_certificate_refused (certificates.large, key_path, certificates.large,
                              KIOSK_STATION_API_ERROR_INVALID_CERTIFICATE, "is larger than");

  not_a_file_clear (&keys);
  not_a_file_clear (&certificates);
}

/* Limits: what anyone on the network can hold of the station */

/* A connection made byte by byte, from any address of 127/8 (all of it
 * is loopback on Linux), to show what a client that stalls gets.
 */
static int
raw_connect (Fixture    *fixture,
             guint       port,
             const char *local_address)
{
  struct sockaddr_in local = { .sin_family = AF_INET };
  struct sockaddr_in remote = { .sin_family = AF_INET, .sin_port = htons (port) };
  int fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (inet_pton (AF_INET, local_address, &local.sin_addr), ==, 1);
  g_assert_cmpint (inet_pton (AF_INET, "127.0.0.1", &remote.sin_addr), ==, 1);
  g_assert_cmpint (bind (fd, (struct sockaddr *) &local, sizeof local), ==, 0);
  g_assert_cmpint (connect (fd, (struct sockaddr *) &remote, sizeof remote), ==, 0);
  g_array_append_val (fixture->raw, fd);

  /* The API accepts in the main loop, which nothing runs meanwhile. */
  kiosk_test_spin (2);
  return fd;
}

static void
raw_send (int         fd,
          const void *data,
          gsize       length)
{
  g_assert_cmpint (send (fd, data, length, MSG_NOSIGNAL), ==, (gssize) length);
}

static void
raw_send_text (int         fd,
               const char *text)
{
  raw_send (fd, text, strlen (text));
}

typedef struct
{
  int      fd;
  gsize    wanted;
  GString *received;
  gboolean closed;
} RawRead;

static gboolean
raw_read_cb (gpointer user_data)
{
  RawRead *read = user_data;
  char buffer[4096];
  gssize n;

  while ((n = recv (read->fd, buffer, sizeof buffer, MSG_DONTWAIT)) > 0)
    g_string_append_len (read->received, buffer, n);
  if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK))
    read->closed = TRUE;

  return read->closed || (read->wanted > 0 && read->received->len >= read->wanted);
}

/* What the server sent until it closed the connection, at most @seconds
 * from now; %NULL if it kept the connection open.
 */
static GString *
raw_read_until_closed (int   fd,
                       guint seconds)
{
  RawRead read = { fd, 0, g_string_new (NULL), FALSE };

  kiosk_test_wait_until (raw_read_cb, &read, seconds);
  if (!read.closed)
    {
      g_string_free (read.received, TRUE);
      return NULL;
    }
  return read.received;
}

static gboolean
raw_is_open (int fd)
{
  RawRead read = { fd, 0, g_string_new (NULL), FALSE };

  raw_read_cb (&read);
  g_string_free (read.received, TRUE);
  return !read.closed;
}

static void
assert_closed_within (int   fd,
                      guint seconds)
{
  GString *received = raw_read_until_closed (fd, seconds);

  g_assert_nonnull (received);
  g_string_free (received, TRUE);
}

static guint
count_open (GArray *fds)
{
  guint count = 0;

  for (guint i = 0; i < fds->len; i++)
    count += raw_is_open (g_array_index (fds, int, i));
  return count;
}

/* As many clients as there are places, saying nothing: the next one is
 * closed at once, be it the desk, until one of them leaves.
 */
static void
test_limits_connections (Fixture       *fixture,
                         gconstpointer  data)
{
  guint port = kiosk_station_api_get_port (fixture->api);
  g_autoptr(GArray) crowd = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(Response) refused = NULL;
  int late;

  for (guint i = 0; i < KIOSK_STATION_API_MAX_CONNECTIONS; i++)
    {
      g_autofree char *address = g_strdup_printf ("127.0.1.%u", i + 1);
      int fd = raw_connect (fixture, port, address);

      g_array_append_val (crowd, fd);
    }
  kiosk_test_spin (100);
  g_assert_cmpuint (count_open (crowd), ==, KIOSK_STATION_API_MAX_CONNECTIONS);

  late = raw_connect (fixture, port, "127.0.2.1");
  assert_closed_within (late, 2);
  refused = start_request (fixture, "GET", "/api/v1/status", AUTHORIZATION, NULL, 0);
  g_assert_true (kiosk_test_wait_until (response_done, refused, 5));
  g_assert_nonnull (refused->error);
  g_assert_cmpuint (count_open (crowd), ==, KIOSK_STATION_API_MAX_CONNECTIONS);

  shutdown (g_array_index (crowd, int, 0), SHUT_RDWR);
  kiosk_test_spin (100);
  assert_status_code (fixture, "GET", "/api/v1/status", AUTHORIZATION, SOUP_STATUS_OK);
  assert_nothing_happened (fixture);
}

/* One client cannot take more than its share, and the desk is not
 * bothered by it.
 */
static void
test_limits_per_client (Fixture       *fixture,
                        gconstpointer  data)
{
  guint port = kiosk_station_api_get_port (fixture->api);
  g_autoptr(GArray) crowd = g_array_new (FALSE, FALSE, sizeof (int));
  int extra;

  for (guint i = 0; i < KIOSK_STATION_API_MAX_CONNECTIONS_PER_CLIENT; i++)
    {
      int fd = raw_connect (fixture, port, "127.0.0.2");

      g_array_append_val (crowd, fd);
    }
  kiosk_test_spin (100);
  g_assert_cmpuint (count_open (crowd), ==, KIOSK_STATION_API_MAX_CONNECTIONS_PER_CLIENT);

  /* The journal says so, once a minute at most. */
  g_test_expect_message (API_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE,
                         "*too many connections; 1 refused*the last from 127.0.0.2");
  extra = raw_connect (fixture, port, "127.0.0.2");
  assert_closed_within (extra, 2);
  g_test_assert_expected_messages ();
  extra = raw_connect (fixture, port, "127.0.0.2");
  assert_closed_within (extra, 2);
  g_assert_cmpuint (count_open (crowd), ==, KIOSK_STATION_API_MAX_CONNECTIONS_PER_CLIENT);
  assert_status_code (fixture, "GET", "/api/v1/status", AUTHORIZATION, SOUP_STATUS_OK);
}

/* A crowd from a few addresses fills every place: the desk still gets
 * in, in the place of one of the crowd's.
 */
static void
test_limits_desk_gets_in (Fixture       *fixture,
                          gconstpointer  data)
{
  guint port = kiosk_station_api_get_port (fixture->api);
  guint n_addresses = KIOSK_STATION_API_MAX_CONNECTIONS /
                      KIOSK_STATION_API_MAX_CONNECTIONS_PER_CLIENT;
  g_autoptr(GArray) crowd = g_array_new (FALSE, FALSE, sizeof (int));

  for (guint i = 0; i < KIOSK_STATION_API_MAX_CONNECTIONS; i++)
    {
      g_autofree char *address = g_strdup_printf ("127.0.0.%u", 2 + i % n_addresses);
      int fd = raw_connect (fixture, port, address);

      g_array_append_val (crowd, fd);
    }
  kiosk_test_spin (100);
  g_assert_cmpuint (count_open (crowd), ==, KIOSK_STATION_API_MAX_CONNECTIONS);

  assert_status_code (fixture, "GET", "/api/v1/status", AUTHORIZATION, SOUP_STATUS_OK);
  g_assert_cmpuint (count_open (crowd), ==, KIOSK_STATION_API_MAX_CONNECTIONS - 1);
}

/* A request whose headers never end, one whose body never ends, a client
 * that says nothing: each is closed once the deadline has passed, and the
 * desk is answered meanwhile.
 */
static void
test_limits_request_deadline (Fixture       *fixture,
                              gconstpointer  data)
{
  guint port;
  int endless_headers, endless_body, silent;
  g_autoptr(GString) headers_answer = NULL;
  gint64 start;

  kiosk_station_api_set_timeouts (fixture->api, 500, 500);
  port = kiosk_station_api_get_port (fixture->api);
  start = g_get_monotonic_time ();

  endless_headers = raw_connect (fixture, port, "127.0.0.2");
  raw_send_text (endless_headers, "GET /api/v1/status HTTP/1.1\r\nHost: 127.0.0.1\r\n");
  endless_body = raw_connect (fixture, port, "127.0.0.3");
  raw_send_text (endless_body, "POST /api/v1/reset HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                 "Content-Length: 100\r\n\r\n{");
  silent = raw_connect (fixture, port, "127.0.0.4");

  kiosk_test_spin (100);
  g_assert_true (raw_is_open (endless_headers));
  g_assert_true (raw_is_open (silent));
  assert_status_code (fixture, "GET", "/api/v1/status", AUTHORIZATION, SOUP_STATUS_OK);

  headers_answer = raw_read_until_closed (endless_headers, 3);
  g_assert_nonnull (headers_answer);
  g_assert_cmpstr (headers_answer->str, ==, "");
  assert_closed_within (endless_body, 3);
  assert_closed_within (silent, 3);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 400 * 1000);
  assert_nothing_happened (fixture);
}

/* The desk over a poor link: once its token is read, the rest of its
 * request may come late.
 */
static void
test_limits_right_token_has_no_deadline (Fixture       *fixture,
                                         gconstpointer  data)
{
  guint port;
  int fd;
  g_autoptr(GString) answer = NULL;
  const char *head = "POST /api/v1/out-of-service HTTP/1.1\r\n"
                     "Host: 127.0.0.1\r\n"
                     "Authorization: " AUTHORIZATION "\r\n"
                     "Content-Type: application/json\r\n"
                     "Content-Length: 15\r\n\r\n";

  kiosk_station_api_set_timeouts (fixture->api, 300, 300);
  port = kiosk_station_api_get_port (fixture->api);
  fd = raw_connect (fixture, port, "127.0.0.1");
  raw_send_text (fd, head);
  kiosk_test_spin (900);
  g_assert_true (raw_is_open (fd));

  g_test_expect_message (API_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE, "*out-of-service done*");
  raw_send_text (fd, "{\"message\": \"\"}");
  answer = raw_read_until_closed (fd, 5);
  g_test_assert_expected_messages ();
  g_assert_nonnull (answer);
  g_assert_true (g_str_has_prefix (answer->str, "HTTP/1.1 200 OK\r\n"));
  g_assert_cmpuint (fixture->station.out_of_service, ==, 1);
}

/* No connection waits for a next request: the answer says so, and the
 * connection ends with it.
 */
static void
test_limits_no_idle_connection (Fixture       *fixture,
                                gconstpointer  data)
{
  guint port = kiosk_station_api_get_port (fixture->api);
  int fd = raw_connect (fixture, port, "127.0.0.1");
  g_autoptr(GString) answer = NULL;
  const char *request = "GET /api/v1/status HTTP/1.1\r\n"
                        "Host: 127.0.0.1\r\n"
                        "Authorization: " AUTHORIZATION "\r\n\r\n";

  raw_send_text (fd, request);
  answer = raw_read_until_closed (fd, 2);
  g_assert_nonnull (answer);
  g_assert_true (g_str_has_prefix (answer->str, "HTTP/1.1 200 OK\r\n"));
  g_assert_nonnull (strstr (answer->str, "\r\nConnection: close\r\n"));
}

/* A ClientHello of @version (0x0301 for TLS 1.0 … 0x0303 for 1.2) that
 * offers no later version, as an old client sends.
 */
static GBytes *
client_hello (guint16 version)
{
  static const guint8 suites[] = {
    0x00, 0x0a, 0xc0, 0x2f, 0xc0, 0x30, 0xc0, 0x13, 0x00, 0x9c, 0x00, 0x2f,
  };
  static const guint8 extensions[] = {
    0x00, 0x23,
    0x00, 0x0a, 0x00, 0x06, 0x00, 0x04, 0x00, 0x1d, 0x00, 0x17,
    0x00, 0x0b, 0x00, 0x02, 0x01, 0x00,
    0x00, 0x0d, 0x00, 0x0a, 0x00, 0x08, 0x04, 0x01, 0x08, 0x04, 0x05, 0x01, 0x02, 0x01,
    0xff, 0x01, 0x00, 0x01, 0x00,
  };
  GByteArray *body = g_byte_array_new ();
  GByteArray *record = g_byte_array_new ();
  guint8 bytes[4];

  bytes[0] = version >> 8;
  bytes[1] = version & 0xff;
  g_byte_array_append (body, bytes, 2);
  for (guint i = 0; i < 32; i++)
    {
      bytes[0] = g_random_int_range (0, 256);
      g_byte_array_append (body, bytes, 1);
    }
  bytes[0] = 0;
  g_byte_array_append (body, bytes, 1);
  g_byte_array_append (body, suites, sizeof suites);
  g_byte_array_append (body, (const guint8 *) "\x01\x00", 2);
  g_byte_array_append (body, extensions, sizeof extensions);

  g_byte_array_append (record, (const guint8 *) "\x16\x03\x01", 3);
  bytes[0] = (body->len + 4) >> 8;
  bytes[1] = (body->len + 4) & 0xff;
  g_byte_array_append (record, bytes, 2);
  bytes[0] = 0x01;
  bytes[1] = 0;
  bytes[2] = body->len >> 8;
  bytes[3] = body->len & 0xff;
  g_byte_array_append (record, bytes, 4);
  g_byte_array_append (record, body->data, body->len);
  g_byte_array_unref (body);

  return g_byte_array_free_to_bytes (record);
}

static KioskStationApi *
listen_tls (Fixture *fixture,
            guint    timeout_ms)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pem = read_test_pem ();
  g_autofree char *path = write_file_with_mode ("api.pem", pem, -1, 0600);
  g_autoptr(GTlsCertificate) certificate = NULL;
  KioskStationApi *api;

  certificate = kiosk_station_api_load_certificate (path, NULL, &error);
  g_assert_no_error (error);
  api = new_api (fixture);
  kiosk_station_api_set_timeouts (api, timeout_ms, timeout_ms);
  kiosk_station_api_listen (api, "127.0.0.1:0", certificate, &error);
  g_assert_no_error (error);

  g_free (fixture->base_uri);
  fixture->base_uri = g_strdup_printf ("https://127.0.0.1:%u", kiosk_station_api_get_port (api));
  return api;
}

/* Clients that connect and say nothing, send half a ClientHello, or a
 * whole one and then nothing: all are closed at the deadline, and the
 * desk's handshake goes first meanwhile, though the stalled ones hold
 * every handshake the API runs at once.
 */
static void
test_tls_stalled_handshakes (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(KioskStationApi) api = listen_tls (fixture, KIOSK_STATION_API_HANDSHAKE_TIMEOUT * 1000);
  guint port = kiosk_station_api_get_port (api);
  g_autoptr(GBytes) hello = client_hello (0x0303);
  g_autoptr(GArray) stalled = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(Response) first = NULL;
  g_autoptr(Response) response = NULL;

  /* GnuTLS and the TLS backend are loaded at the first handshake, which
   * takes seconds under the sanitizers: not during the test.
   */
  first = fetch (fixture, "GET", "/api/v1/status", AUTHORIZATION);
  assert_state (first, "in-use");
  /* Long enough that a loaded machine opens all the connections well
   * within it (one of them was closed before the count, once, under the
   * sanitizers and a load of 6).
   */
  kiosk_station_api_set_timeouts (api, 6000, 6000);

  for (guint i = 0; i < KIOSK_STATION_API_MAX_HANDSHAKES + 2; i++)
    {
      g_autofree char *address = g_strdup_printf ("127.0.0.%u", 2 + i);
      int silent = raw_connect (fixture, port, address);
      int half = raw_connect (fixture, port, address);
      int whole = raw_connect (fixture, port, address);

      raw_send (half, g_bytes_get_data (hello, NULL), 40);
      raw_send (whole, g_bytes_get_data (hello, NULL), g_bytes_get_size (hello));
      g_array_append_val (stalled, silent);
      g_array_append_val (stalled, half);
      g_array_append_val (stalled, whole);
    }
  kiosk_test_spin (100);
  g_assert_cmpuint (count_open (stalled), ==, stalled->len);

  response = fetch (fixture, "GET", "/api/v1/status", AUTHORIZATION);
  assert_state (response, "in-use");

  for (guint i = 0; i < stalled->len; i++)
    assert_closed_within (g_array_index (stalled, int, i), 10);
}

/* Waits for the first bytes of the server's handshake on @fd; returns
 * when they came, in monotonic microseconds.
 */
static gint64
wait_for_server_hello (int fd)
{
  RawRead read = { fd, 11, g_string_new (NULL), FALSE };
  const guint8 *answer;

  g_assert_true (kiosk_test_wait_until (raw_read_cb, &read, 10));
  g_assert_cmpuint (read.received->len, >=, 11);
  answer = (const guint8 *) read.received->str;
  g_assert_cmpuint (answer[0], ==, 0x16);
  g_assert_cmpuint (answer[5], ==, 0x02);
  g_string_free (read.received, TRUE);
  return g_get_monotonic_time ();
}

/* A client may start a few handshakes at once, then one a second (each
 * costs the main thread some time); the desk, at another address, is
 * answered meanwhile.
 */
static void
test_tls_handshake_budget (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(KioskStationApi) api = listen_tls (fixture, KIOSK_STATION_API_HANDSHAKE_TIMEOUT * 1000);
  guint port = kiosk_station_api_get_port (api);
  g_autoptr(GBytes) hello = client_hello (0x0303);
  g_autoptr(Response) first = NULL;
  g_autoptr(Response) desk = NULL;
  int fds[KIOSK_STATION_API_HANDSHAKE_BURST + 1];
  gint64 start, last;

  first = fetch (fixture, "GET", "/api/v1/status", AUTHORIZATION);
  assert_state (first, "in-use");

  start = g_get_monotonic_time ();
  for (guint i = 0; i < G_N_ELEMENTS (fds); i++)
    {
      fds[i] = raw_connect (fixture, port, "127.0.0.2");
      raw_send (fds[i], g_bytes_get_data (hello, NULL), g_bytes_get_size (hello));
    }

  /* Those of the burst are answered, then leave and free their places. */
  for (guint i = 0; i < KIOSK_STATION_API_HANDSHAKE_BURST; i++)
    {
      wait_for_server_hello (fds[i]);
      shutdown (fds[i], SHUT_RDWR);
    }

  desk = fetch (fixture, "GET", "/api/v1/status", AUTHORIZATION);
  assert_state (desk, "in-use");

  last = wait_for_server_hello (fds[KIOSK_STATION_API_HANDSHAKE_BURST]);
  g_assert_cmpint (last - start, >=, 900 * 1000);
}

/* TLS 1.0 and 1.1 are refused before any key exchange, with an alert
 * that says why; TLS 1.2 is answered with a ServerHello of TLS 1.2 (the
 * https tests above speak TLS 1.3).
 */
static void
test_tls_versions (Fixture       *fixture,
                   gconstpointer  data)
{
  static const guint8 protocol_version_alert[] = { 0x15, 0x03, 0x01, 0x00, 0x02, 0x02, 0x46 };
  g_autoptr(KioskStationApi) api = listen_tls (fixture, 5000);
  guint port = kiosk_station_api_get_port (api);

  for (guint16 version = 0x0301; version <= 0x0302; version++)
    {
      g_autoptr(GBytes) hello = client_hello (version);
      int fd = raw_connect (fixture, port, "127.0.0.1");
      g_autoptr(GString) answer = NULL;

      raw_send (fd, g_bytes_get_data (hello, NULL), g_bytes_get_size (hello));
      answer = raw_read_until_closed (fd, 3);
      g_assert_nonnull (answer);
      g_assert_cmpmem (answer->str, answer->len, protocol_version_alert,
                       sizeof protocol_version_alert);
    }

  {
    g_autoptr(GBytes) hello = client_hello (0x0303);
    int fd = raw_connect (fixture, port, "127.0.0.1");
    RawRead read = { fd, 11, g_string_new (NULL), FALSE };
    const guint8 *answer;

    raw_send (fd, g_bytes_get_data (hello, NULL), g_bytes_get_size (hello));
    g_assert_true (kiosk_test_wait_until (raw_read_cb, &read, 5));
    g_assert_cmpuint (read.received->len, >=, 11);
    answer = (const guint8 *) read.received->str;
    g_assert_cmpuint (answer[0], ==, 0x16);
    g_assert_cmpuint (answer[5], ==, 0x02);
    g_assert_cmpuint (answer[9] << 8 | answer[10], ==, 0x0303);
    g_string_free (read.received, TRUE);
  }

  {
    g_autoptr(Response) response = fetch (fixture, "GET", "/api/v1/status", AUTHORIZATION);

    assert_state (response, "in-use");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func, data) \
  g_test_add ("/core/station-api/" path, Fixture, data, fixture_set_up, func, fixture_tear_down)

  for (guint i = 0; i < G_N_ELEMENTS (status_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/station-api/status/%s",
                                               status_cases[i].name);

      g_test_add (path, Fixture, &status_cases[i], fixture_set_up, test_status,
                  fixture_tear_down);
    }

  ADD ("auth/tokens", test_auth_tokens, NULL);
  ADD ("auth/throttling", test_auth_throttling, NULL);
  ADD ("auth/throttling-per-address", test_auth_throttling_per_address, NULL);
  ADD ("auth/flood", test_auth_flood, NULL);

  ADD ("action/reset", test_action_reset, NULL);
  ADD ("action/out-of-service", test_action_out_of_service, NULL);
  ADD ("action/message-limits", test_action_message_limits, NULL);
  ADD ("action/refused", test_action_refused, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (bad_bodies); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/station-api/bad/body/%s",
                                               bad_bodies[i].name);

      g_test_add (path, Fixture, &bad_bodies[i], fixture_set_up, test_bad_body,
                  fixture_tear_down);
    }
  ADD ("bad/too-large", test_bad_too_large, NULL);
  ADD ("bad/too-large-raw", test_bad_too_large_raw, NULL);
  ADD ("bad/deep-nesting", test_bad_deep_nesting, NULL);
  ADD ("bad/path-and-method", test_bad_path, NULL);

  ADD ("limits/connections", test_limits_connections, NULL);
  ADD ("limits/per-client", test_limits_per_client, NULL);
  ADD ("limits/the-desk-gets-in-when-full", test_limits_desk_gets_in, NULL);
  ADD ("limits/request-deadline", test_limits_request_deadline, NULL);
  ADD ("limits/the-right-token-has-no-deadline", test_limits_right_token_has_no_deadline, NULL);
  ADD ("limits/no-idle-connection", test_limits_no_idle_connection, NULL);

  ADD ("usage/export", test_usage_export, NULL);
  ADD ("usage/bad-query", test_usage_bad_query, NULL);
  ADD ("usage/no-store", test_usage_no_store, NULL);
  ADD ("refusals", test_refusals, NULL);
  ADD ("desk-is-listening", test_desk_is_listening, NULL);
  ADD ("usage/dropped-during-export", test_usage_dropped_during_export, NULL);

  ADD ("metrics", test_metrics, NULL);
  ADD ("config-from-the-desk", test_config_from_the_desk, NULL);
  g_test_add_func ("/core/station-api/token/file", test_token_file);
  for (guint i = 0; i < G_N_ELEMENTS (bad_tokens); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/station-api/token/refused/%s",
                                               bad_tokens[i].name);

      g_test_add_data_func (path, &bad_tokens[i], test_token_file_refused);
    }
  g_test_add_func ("/core/station-api/token/missing", test_token_file_missing);
  g_test_add_func ("/core/station-api/token/not-a-file", test_token_file_not_a_file);

  ADD ("listen/bad-address", test_listen_bad_address, NULL);
  ADD ("tls/https", test_tls, NULL);
  ADD ("tls/stalled-handshakes-are-closed", test_tls_stalled_handshakes, NULL);
  ADD ("tls/only-1.2-and-later", test_tls_versions, NULL);
  ADD ("tls/handshakes-per-client", test_tls_handshake_budget, NULL);
  g_test_add_func ("/core/station-api/tls/key-files", test_tls_key_files);
  g_test_add_func ("/core/station-api/tls/not-a-file", test_tls_files_not_a_file);

#undef ADD

  return g_test_run ();
}
