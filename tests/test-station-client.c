/* test-station-client.c — the desk console's client against a real station API, a
 * station that is gone or silent, hostile servers, and pinned certificates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-test"

#include "config.h"

#include "kiosk-station-api.h"
#include "kiosk-station-client.h"
#include "kiosk-usage-store.h"
#include "test-station-fake.h"
#include "test-utils.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

#define TOKEN "5f0c8e2b9a7d4c1e8b3a6f9d2c5e7a10"
#define WRONG_TOKEN "5f0c8e2b9a7d4c1e8b3a6f9d2c5e7a11"

typedef struct
{
  TestStation      station;
  KioskStationApi *api;
  char            *url;
} Fixture;

/* One asynchronous call, waited for. */
typedef struct
{
  GAsyncResult *result;
} Call;

static KioskStationApi *
new_api (Fixture *fixture)
{
  return test_station_new_api (&fixture->station, TOKEN);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->station.state = KIOSK_STATION_IN_USE;
  fixture->station.since = 1795000000;
  fixture->api = new_api (fixture);
  kiosk_station_api_listen (fixture->api, "127.0.0.1:0", NULL, &error);
  g_assert_no_error (error);
  fixture->url = g_strdup_printf ("http://127.0.0.1:%u",
                                  kiosk_station_api_get_port (fixture->api));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->api);
  g_clear_pointer (&fixture->url, g_free);
  test_station_clear (&fixture->station);
}

static KioskStationClient *
new_client (const char *url,
            const char *token,
            const char *pem)
{
  g_autoptr(GError) error = NULL;
  KioskStationClient *client = kiosk_station_client_new (url, token, pem, &error);

  g_assert_no_error (error);
  return client;
}

static void
call_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Call *call = user_data;

  call->result = g_object_ref (result);
}

static gboolean
call_is_done (gpointer user_data)
{
  return ((Call *) user_data)->result != NULL;
}

static KioskStationClientStatus *
wait_status (KioskStationClient  *client,
             Call                *call,
             GError             **error)
{
  KioskStationClientStatus *status;

  g_assert_true (kiosk_test_wait_until (call_is_done, call, 30));
  status = kiosk_station_client_status_finish (client, call->result, error);
  g_clear_object (&call->result);
  return status;
}

static KioskStationClientStatus *
get_status (KioskStationClient  *client,
            GError             **error)
{
  Call call = { NULL };

  kiosk_station_client_get_status_async (client, NULL, call_done_cb, &call);
  return wait_status (client, &call, error);
}

/* A real station */

static void
test_status (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(KioskStationClient) client = new_client (fixture->url, TOKEN, NULL);
  g_autoptr(KioskStationClientStatus) status = NULL;
  g_autoptr(KioskStationClientStatus) helped = NULL;
  g_autoptr(GError) error = NULL;

  status = get_status (client, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (status->station, ==, "gare-03");
  g_assert_cmpstr (status->site, ==, "gare");
  g_assert_cmpint (status->state, ==, KIOSK_STATION_CLIENT_IN_USE);
  g_assert_cmpint (status->since, ==, 1795000000);
  g_assert_cmpint (status->assisted_since, ==, 0);
  g_assert_false (status->help_requested);
  g_assert_false (status->counting_paused);
  g_assert_cmpstr (status->version, ==, "1.2.3");
  g_assert_null (status->config);
  g_assert_null (status->config_pending);

  fixture->station.config_version = "3f2a9c0d1b7e";
  fixture->station.help_requested = TRUE;
  fixture->station.assisted = TRUE;
  fixture->station.assisted_since = 1795000300;
  fixture->station.help_since = 1795000200;
  fixture->station.counting_paused = TRUE;
  helped = get_status (client, &error);
  g_assert_no_error (error);
  g_assert_cmpint (helped->assisted_since, ==, 1795000300);
  g_assert_cmpint (helped->help_since, ==, 1795000200);
  g_assert_true (helped->help_requested);
  g_assert_true (helped->counting_paused);
  g_assert_cmpstr (helped->config, ==, "3f2a9c0d1b7e");
  g_assert_cmpint (helped->state, ==, KIOSK_STATION_CLIENT_ASSISTED);
}

/* A station that takes a config starting with "[Kiosk]", after the
 * session in progress.
 */
static gboolean
take_config (const char  *text,
             gsize        length,
             char       **version,
             gboolean    *pending,
             GError     **error,
             gpointer     user_data)
{
  if (text == NULL || length < 7 || strncmp (text, "[Kiosk]", 7) != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "line 1: [Service caf] Url: “ftp://www.caf.fr/” is not an address");
      return FALSE;
    }
  *version = g_strdup ("0591e5cb589d");
  *pending = TRUE;
  return TRUE;
}

static KioskStationClientConfigAnswer *
send_config (KioskStationClient  *client,
             const char          *text,
             GError             **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  KioskStationClientConfigAnswer *answer;
  Call call = { NULL };

  kiosk_station_client_send_config_async (client, bytes, NULL, call_done_cb, &call);
  g_assert_true (kiosk_test_wait_until (call_is_done, &call, 30));
  answer = kiosk_station_client_send_config_finish (client, call.result, error);
  g_clear_object (&call.result);
  return answer;
}

/* A config to a station: the version it will run, or its reason. */
static void
test_send_config (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(KioskStationClient) client = new_client (fixture->url, TOKEN, NULL);
  g_autoptr(KioskStationClientConfigAnswer) closed = NULL;
  g_autoptr(KioskStationClientConfigAnswer) refused = NULL;
  g_autoptr(KioskStationClientConfigAnswer) taken = NULL;
  g_autoptr(GError) error = NULL;

  closed = send_config (client, "[Kiosk]\n", &error);
  g_assert_null (closed);
  g_assert_error (error, KIOSK_STATION_CLIENT_ERROR, KIOSK_STATION_CLIENT_ERROR_REFUSED);
  g_assert_cmpstr (error->message, ==, "The station takes no configuration from a desk");
  g_clear_error (&error);

  kiosk_station_api_set_config_func (fixture->api, take_config, NULL);
  refused = send_config (client, "[Service caf]\n", &error);
  g_assert_null (refused);
  g_assert_error (error, KIOSK_STATION_CLIENT_ERROR, KIOSK_STATION_CLIENT_ERROR_CONFIG_REFUSED);
  g_assert_cmpstr (error->message, ==,
                   "line 1: [Service caf] Url: “ftp://www.caf.fr/” is not an address");
  g_clear_error (&error);

  taken = send_config (client, "[Kiosk]\nIdleTimeout=240\n", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (taken->version, ==, "0591e5cb589d");
  g_assert_true (taken->pending);
}

static void
test_actions (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(KioskStationClient) client = new_client (fixture->url, TOKEN, NULL);
  g_autoptr(GError) error = NULL;
  KioskStationClientStatus *status;
  Call call = { NULL };

  /* "I'm going": the station hears who, and says it to every console. */
  kiosk_station_client_take_help_async (client, "Sonia", NULL, call_done_cb, &call);
  status = wait_status (client, &call, &error);
  g_assert_null (status);
  g_assert_error (error, KIOSK_STATION_CLIENT_ERROR, KIOSK_STATION_CLIENT_ERROR_REFUSED);
  g_clear_error (&error);

  fixture->station.help_requested = TRUE;
  kiosk_station_client_take_help_async (client, "Sonia « la médiatrice »", NULL, call_done_cb,
                                        &call);
  status = wait_status (client, &call, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fixture->station.help_taken_by, ==, "Sonia « la médiatrice »");
  g_assert_cmpstr (status->help_taken_by, ==, "Sonia « la médiatrice »");
  kiosk_station_client_status_free (status);

  kiosk_station_client_take_help_async (client, "Karim", NULL, call_done_cb, &call);
  status = wait_status (client, &call, &error);
  g_assert_null (status);
  g_assert_error (error, KIOSK_STATION_CLIENT_ERROR, KIOSK_STATION_CLIENT_ERROR_REFUSED);
  g_clear_error (&error);

  /* Asking the resident first ends nothing by itself. */
  kiosk_station_client_ask_reset_async (client, NULL, call_done_cb, &call);
  status = wait_status (client, &call, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->station.asked_resets, ==, 1);
  g_assert_cmpuint (fixture->station.resets, ==, 0);
  kiosk_station_client_status_free (status);

  kiosk_station_client_reset_async (client, NULL, call_done_cb, &call);
  status = wait_status (client, &call, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->station.resets, ==, 1);
  g_assert_cmpint (status->state, ==, KIOSK_STATION_CLIENT_FREE);
  g_assert_false (status->help_requested);
  kiosk_station_client_status_free (status);

  kiosk_station_client_set_out_of_service_async (client, "Écran cassé, \"vraiment\" — désolé",
                                                 NULL, call_done_cb, &call);
  status = wait_status (client, &call, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->station.out_of_service, ==, 1);
  g_assert_cmpstr (fixture->station.message, ==, "Écran cassé, \"vraiment\" — désolé");
  g_assert_cmpint (status->state, ==, KIOSK_STATION_CLIENT_OUT_OF_SERVICE);
  g_assert_cmpint (status->since, ==, 1800000100);
  kiosk_station_client_status_free (status);

  kiosk_station_client_set_in_service_async (client, NULL, call_done_cb, &call);
  status = wait_status (client, &call, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->station.in_service, ==, 1);
  g_assert_cmpint (status->state, ==, KIOSK_STATION_CLIENT_FREE);
  kiosk_station_client_status_free (status);

  /* A station that cannot do it now says so, and nothing changes. */
  fixture->station.refuse = TRUE;
  kiosk_station_client_reset_async (client, NULL, call_done_cb, &call);
  status = wait_status (client, &call, &error);
  g_assert_null (status);
  g_assert_error (error, KIOSK_STATION_CLIENT_ERROR, KIOSK_STATION_CLIENT_ERROR_REFUSED);
  g_assert_cmpuint (fixture->station.resets, ==, 1);
}

static void
test_unauthorized_then_throttled (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(KioskStationClient) client = new_client (fixture->url, WRONG_TOKEN, NULL);
  g_autoptr(KioskStationClient) right = new_client (fixture->url, TOKEN, NULL);
  g_autoptr(GError) error = NULL;
  KioskStationClientStatus *status;
  Call call = { NULL };

  for (guint i = 0; i < KIOSK_STATION_API_FAILURES_BEFORE_DELAY; i++)
    {
      /* The fifth failure is logged by the station, with the delay it imposes. */
      if (i == KIOSK_STATION_API_FAILURES_BEFORE_DELAY - 1)
        g_test_expect_message ("kiosk-station-api", G_LOG_LEVEL_MESSAGE,
                               "*failed authentications*");
      status = get_status (client, &error);
      g_assert_null (status);
      g_assert_error (error, KIOSK_STATION_CLIENT_ERROR, KIOSK_STATION_CLIENT_ERROR_UNAUTHORIZED);
      g_clear_error (&error);
      g_test_assert_expected_messages ();
    }

  /* An action with a wrong token does nothing either. */
  kiosk_station_client_reset_async (client, NULL, call_done_cb, &call);
  status = wait_status (client, &call, &error);
  g_assert_null (status);
  g_assert_error (error, KIOSK_STATION_CLIENT_ERROR, KIOSK_STATION_CLIENT_ERROR_THROTTLED);
  g_assert_cmpuint (fixture->station.resets, ==, 0);
  g_assert_cmpuint (kiosk_station_client_get_retry_after (client), >=, 1);
  g_assert_cmpuint (kiosk_station_client_get_retry_after (client), <=,
                    KIOSK_STATION_API_MAX_DELAY);
  g_clear_error (&error);

  /* The whole address waits, right token or not. */
  status = get_status (right, &error);
  g_assert_null (status);
  g_assert_error (error, KIOSK_STATION_CLIENT_ERROR, KIOSK_STATION_CLIENT_ERROR_THROTTLED);
}

static void
test_fetch_usage (Fixture       *fixture,
                  gconstpointer  data)
{
  const KioskUsageRow rows[] = {
    { "2025-12-31", 10, "gare", "gare-03", KIOSK_METRIC_SESSION_STARTED, "", 4 },
    { "2026-01-02", 9, "gare", "gare-03", KIOSK_METRIC_SESSION_STARTED, "", 3 },
    { "2026-01-02", 9, "gare", "gare-03", KIOSK_METRIC_SERVICE_OPENED, "caf, \"famille\"", 2 },
  };
  g_autofree char *path = g_build_filename (g_get_user_state_dir (), "usage.db", NULL);
  g_autoptr(KioskStationClient) client = new_client (fixture->url, TOKEN, NULL);
  g_autoptr(KioskUsageStore) store = NULL;
  g_autoptr(KioskUsageCsv) csv = NULL;
  g_autoptr(GError) error = NULL;
  const KioskUsageRow *fetched;
  guint n_fetched;
  Call call = { NULL };

  g_mkdir_with_parents (g_get_user_state_dir (), 0700);
  store = kiosk_usage_store_open (path, &error);
  g_assert_no_error (error);
  kiosk_usage_store_add (store, rows, G_N_ELEMENTS (rows), &error);
  g_assert_no_error (error);
  kiosk_station_api_set_usage_path (fixture->api, path);

  kiosk_station_client_fetch_usage_async (client, "2026-01-01", NULL, call_done_cb, &call);
  g_assert_true (kiosk_test_wait_until (call_is_done, &call, 30));
  csv = kiosk_station_client_fetch_usage_finish (client, call.result, &error);
  g_clear_object (&call.result);
  g_assert_no_error (error);

  fetched = kiosk_usage_csv_get_rows (csv, &n_fetched);
  g_assert_cmpuint (n_fetched, ==, 2);
  for (guint i = 0; i < n_fetched; i++)
    {
      const KioskUsageRow *expected = &rows[i + 1];
      gboolean found = FALSE;

      for (guint j = 0; j < n_fetched; j++)
        found |= g_strcmp0 (fetched[j].metric, expected->metric) == 0 &&
                 g_strcmp0 (fetched[j].key, expected->key) == 0 &&
                 g_strcmp0 (fetched[j].day, expected->day) == 0 &&
                 fetched[j].count == expected->count && fetched[j].hour == expected->hour;
      g_assert_true (found);
    }
}

/* Stations that are not there */

static guint
free_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (socket, address, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static void
test_unreachable (void)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u", free_port ());
  g_autoptr(KioskStationClient) client = new_client (url, TOKEN, NULL);
  g_autoptr(KioskStationClientStatus) status = NULL;
  g_autoptr(GError) error = NULL;

  status = get_status (client, &error);
  g_assert_null (status);
  g_assert_error (error, KIOSK_STATION_CLIENT_ERROR, KIOSK_STATION_CLIENT_ERROR_UNREACHABLE);
}

/* A station that takes the connection and never answers must not keep
 * the desk waiting longer than the timeout.
 */
static void
test_silent_station_times_out (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskStationClient) client = NULL;
  g_autoptr(KioskStationClientStatus) status = NULL;
  g_autofree char *url = NULL;
  guint16 port;
  gint64 start;

  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  url = g_strdup_printf ("http://127.0.0.1:%u", port);
  client = new_client (url, TOKEN, NULL);
  kiosk_station_client_set_timeout (client, 1);

  start = g_get_monotonic_time ();
  status = get_status (client, &error);
  g_assert_null (status);
  g_assert_error (error, KIOSK_STATION_CLIENT_ERROR, KIOSK_STATION_CLIENT_ERROR_UNREACHABLE);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
}

static void
test_cancelled (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(KioskStationClient) client = new_client (fixture->url, TOKEN, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(KioskStationClientStatus) status = NULL;
  g_autoptr(GError) error = NULL;
  Call call = { NULL };

  kiosk_station_client_get_status_async (client, cancellable, call_done_cb, &call);
  g_cancellable_cancel (cancellable);
  status = wait_status (client, &call, &error);
  g_assert_null (status);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Hostile or broken stations */

typedef struct
{
  const char *name;
  guint       status;
  const char *content_type;
  const char *body;
  gsize       repeat;     /* the body this many times, for huge answers */
  int         code;
  gsize       padding;    /* spaces before the body, to make a good answer too long */
} HostileCase;

#define GOOD_FIELDS "\"station\":\"x\",\"site\":\"y\",\"version\":\"1\""

static const HostileCase hostile_cases[] = {
  { "not-json", 200, "application/json", "<html>Bonjour</html>", 1,
    KIOSK_STATION_CLIENT_ERROR_BAD_RESPONSE },
  { "empty", 200, "application/json", "", 1, KIOSK_STATION_CLIENT_ERROR_BAD_RESPONSE },
  { "array", 200, "application/json", "[1, 2, 3]", 1, KIOSK_STATION_CLIENT_ERROR_BAD_RESPONSE },
  { "missing-state", 200, "application/json",
    "{" GOOD_FIELDS ",\"since\":null,\"help_requested\":false}", 1,
    KIOSK_STATION_CLIENT_ERROR_BAD_RESPONSE },
  { "unknown-state", 200, "application/json",
    "{" GOOD_FIELDS ",\"state\":\"on-fire\",\"since\":null,\"help_requested\":false}", 1,
    KIOSK_STATION_CLIENT_ERROR_BAD_RESPONSE },
  { "state-a-number", 200, "application/json",
    "{" GOOD_FIELDS ",\"state\":3,\"since\":null,\"help_requested\":false}", 1,
    KIOSK_STATION_CLIENT_ERROR_BAD_RESPONSE },
  { "help-a-string", 200, "application/json",
    "{" GOOD_FIELDS ",\"state\":\"free\",\"since\":null,\"help_requested\":\"yes\"}", 1,
    KIOSK_STATION_CLIENT_ERROR_BAD_RESPONSE },
  { "counting-a-string", 200, "application/json",
    "{" GOOD_FIELDS ",\"state\":\"free\",\"since\":null,\"help_requested\":false,"
    "\"counting_paused\":\"no\"}", 1, KIOSK_STATION_CLIENT_ERROR_BAD_RESPONSE },
  { "since-not-a-time", 200, "application/json",
    "{" GOOD_FIELDS ",\"state\":\"free\",\"since\":\"yesterday\",\"help_requested\":false}", 1,
    KIOSK_STATION_CLIENT_ERROR_BAD_RESPONSE },
  /* As a number, a time before 1970 is refused; as text, it is too. */
  { "since-before-1970", 200, "application/json",
    "{" GOOD_FIELDS ",\"state\":\"free\",\"since\":\"1900-01-01T00:00:00Z\","
    "\"help_requested\":false}", 1, KIOSK_STATION_CLIENT_ERROR_BAD_RESPONSE },
  { "assisted-since-not-a-time", 200, "application/json",
    "{" GOOD_FIELDS ",\"state\":\"assisted\",\"since\":null,\"assisted_since\":\"later\","
    "\"help_requested\":false}", 1, KIOSK_STATION_CLIENT_ERROR_BAD_RESPONSE },
  { "since-an-object", 200, "application/json",
    "{" GOOD_FIELDS ",\"state\":\"free\",\"since\":{},\"help_requested\":false}", 1,
    KIOSK_STATION_CLIENT_ERROR_BAD_RESPONSE },
  { "station-an-object", 200, "application/json",
    "{\"station\":{\"a\":1},\"site\":\"y\",\"version\":\"1\",\"state\":\"free\","
    "\"since\":null,\"help_requested\":false}", 1, KIOSK_STATION_CLIENT_ERROR_BAD_RESPONSE },
  { "binary-zero", 200, "application/json", "{\"station\":\"x\0\"}", 1,
    KIOSK_STATION_CLIENT_ERROR_BAD_RESPONSE },
  { "huge", 200, "application/json", "[[[[[[[[[[", 100000,
    KIOSK_STATION_CLIENT_ERROR_BAD_RESPONSE },
  /* Within the size limit, but nested deep enough to exhaust a parser's stack. */
  { "deep", 200, "application/json", "[[[[[[[[[[", 6000,
    KIOSK_STATION_CLIENT_ERROR_BAD_RESPONSE },
  /* Right in every way but its size: the console stops reading. */
  { "too-long", 200, "application/json",
    "{" GOOD_FIELDS ",\"state\":\"free\",\"since\":null,\"help_requested\":false}", 1,
    KIOSK_STATION_CLIENT_ERROR_BAD_RESPONSE, 100 * 1024 },
  { "server-error", 500, "text/plain", "oops", 1, KIOSK_STATION_CLIENT_ERROR_BAD_RESPONSE },
  { "redirect", 302, "text/plain", "", 1, KIOSK_STATION_CLIENT_ERROR_BAD_RESPONSE },
  { "unauthorized", 401, "application/json", "{\"error\":\"no\"}", 1,
    KIOSK_STATION_CLIENT_ERROR_UNAUTHORIZED },
  { "throttled-without-retry-after", 429, "application/json", "{}", 1,
    KIOSK_STATION_CLIENT_ERROR_THROTTLED },
};

typedef struct
{
  const HostileCase *test;
  guint              requests;
  char              *authorization;
} Hostile;

static void
hostile_handler_cb (SoupServer        *server,
                    SoupServerMessage *msg,
                    const char        *path,
                    GHashTable        *query,
                    gpointer           user_data)
{
  Hostile *hostile = user_data;
  const HostileCase *test = hostile->test;
  gsize length = strcmp (test->name, "binary-zero") == 0 ? 16 : strlen (test->body);
  GString *body = g_string_sized_new (test->padding + length * test->repeat);

  hostile->requests++;
  g_free (hostile->authorization);
  hostile->authorization = g_strdup (soup_message_headers_get_one (
    soup_server_message_get_request_headers (msg), "Authorization"));

  for (gsize i = 0; i < test->padding; i++)
    g_string_append_c (body, ' ');
  for (gsize i = 0; i < test->repeat; i++)
    g_string_append_len (body, test->body, length);
  if (test->status == 302)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Location",
                                  "http://127.0.0.1:1/elsewhere");
  soup_server_message_set_status (msg, test->status, NULL);
  soup_server_message_set_response (msg, test->content_type, SOUP_MEMORY_TAKE,
                                    body->str, body->len);
  g_string_free (body, FALSE);
}

static SoupServer *
start_hostile_server (Hostile          *hostile,
                      GTlsCertificate  *certificate,
                      char            **url)
{
  SoupServer *server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  if (certificate != NULL)
    soup_server_set_tls_certificate (server, certificate);
  soup_server_add_handler (server, NULL, hostile_handler_cb, hostile, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY |
                            (certificate != NULL ? SOUP_SERVER_LISTEN_HTTPS : 0), &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (server);
  *url = g_strdup_printf ("%s://127.0.0.1:%d", certificate != NULL ? "https" : "http",
                          g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return server;
}

static void
test_hostile_station (gconstpointer data)
{
  Hostile hostile = { data, 0, NULL };
  g_autofree char *url = NULL;
  g_autoptr(SoupServer) server = start_hostile_server (&hostile, NULL, &url);
  g_autoptr(KioskStationClient) client = new_client (url, TOKEN, NULL);
  g_autoptr(KioskStationClientStatus) status = NULL;
  g_autoptr(GError) error = NULL;

  status = get_status (client, &error);
  g_assert_null (status);
  g_assert_error (error, KIOSK_STATION_CLIENT_ERROR, hostile.test->code);
  g_assert_cmpuint (hostile.requests, ==, 1);
  if (hostile.test->code == KIOSK_STATION_CLIENT_ERROR_THROTTLED)
    g_assert_cmpuint (kiosk_station_client_get_retry_after (client), >, 0);
  g_free (hostile.authorization);
}

static const HostileCase bad_usage = {
  "bad-usage", 200, "text/csv", "day,hour,site,station,metric,key,count\n"
  "2026-01-02,9,gare,gare-03,session-started,,3\n"
  "2026-01-02,99,gare,gare-03,session-started,,3\n", 1, 0
};

static void
test_hostile_usage (void)
{
  Hostile hostile = { &bad_usage, 0, NULL };
  g_autofree char *url = NULL;
  g_autoptr(SoupServer) server = start_hostile_server (&hostile, NULL, &url);
  g_autoptr(KioskStationClient) client = new_client (url, TOKEN, NULL);
  g_autoptr(KioskUsageCsv) csv = NULL;
  g_autoptr(GError) error = NULL;
  Call call = { NULL };

  kiosk_station_client_fetch_usage_async (client, NULL, NULL, call_done_cb, &call);
  g_assert_true (kiosk_test_wait_until (call_is_done, &call, 30));
  csv = kiosk_station_client_fetch_usage_finish (client, call.result, &error);
  g_clear_object (&call.result);
  g_assert_null (csv);
  g_assert_error (error, KIOSK_STATION_CLIENT_ERROR, KIOSK_STATION_CLIENT_ERROR_BAD_RESPONSE);
  g_assert_nonnull (strstr (error->message, "Line 3: the hour"));
  g_free (hostile.authorization);
}

/* The token goes in the Authorization header, and nowhere in the logs. */
static GLogWriterOutput
capture_log_cb (GLogLevelFlags   level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  GString *log = user_data;

  for (gsize i = 0; i < n_fields; i++)
    if (fields[i].length < 0)
      g_string_append_printf (log, "%s\n", (const char *) fields[i].value);
  return G_LOG_WRITER_HANDLED;
}

/* In a child process: the log writer can be set only once per process. */
static void
test_token_is_sent_but_never_logged (void)
{
  Hostile hostile = { &hostile_cases[0], 0, NULL };
  g_autofree char *url = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(KioskStationClient) client = NULL;
  g_autoptr(KioskStationClientStatus) status = NULL;
  g_autoptr(GString) log = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  log = g_string_new (NULL);
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  g_log_set_writer_func (capture_log_cb, log, NULL);

  server = start_hostile_server (&hostile, NULL, &url);
  client = new_client (url, TOKEN, NULL);
  status = get_status (client, &error);
  g_assert_nonnull (error);
  g_assert_cmpstr (hostile.authorization, ==, "Bearer " TOKEN);
  g_assert_cmpuint (log->len, >, 0);
  g_assert_null (strstr (log->str, TOKEN));
  g_assert_null (strstr (error->message, TOKEN));
  g_free (hostile.authorization);
  g_clear_object (&client);
  g_clear_object (&server);
}

/* Pinned certificates */

static char *
read_data (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("KIOSK_SOURCE_DIR"), "tests", "data",
                                            name, NULL);
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

static char *
certificate_only (const char *pem)
{
  const char *key = strstr (pem, "-----BEGIN PRIVATE KEY-----");

  g_assert_nonnull (key);
  return g_strndup (pem, key - pem);
}

static void
test_pinned_certificate (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *pem = read_data ("self-signed.pem");
  g_autofree char *certificate_pem = certificate_only (pem);
  g_autofree char *other_pem = read_data ("other-certificate.pem");
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(KioskStationApi) api = NULL;
  g_autoptr(KioskStationClient) pinned = NULL;
  g_autoptr(KioskStationClient) other = NULL;
  g_autoptr(KioskStationClient) unpinned = NULL;
  g_autoptr(KioskStationClientStatus) status = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  certificate = g_tls_certificate_new_from_pem (pem, -1, &error);
  g_assert_no_error (error);
  api = new_api (fixture);
  kiosk_station_api_listen (api, "127.0.0.1:0", certificate, &error);
  g_assert_no_error (error);
  url = g_strdup_printf ("https://127.0.0.1:%u", kiosk_station_api_get_port (api));

  /* The station's own certificate: accepted, though nobody signed it. */
  pinned = new_client (url, TOKEN, certificate_pem);
  status = get_status (pinned, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (status->station, ==, "gare-03");

  /* Any other certificate is refused, and so is one without a pin. */
  other = new_client (url, TOKEN, other_pem);
  g_clear_pointer (&status, kiosk_station_client_status_free);
  status = get_status (other, &error);
  g_assert_null (status);
  g_assert_error (error, KIOSK_STATION_CLIENT_ERROR, KIOSK_STATION_CLIENT_ERROR_CERTIFICATE);
  g_clear_error (&error);

  unpinned = new_client (url, TOKEN, NULL);
  status = get_status (unpinned, &error);
  g_assert_null (status);
  g_assert_error (error, KIOSK_STATION_CLIENT_ERROR, KIOSK_STATION_CLIENT_ERROR_CERTIFICATE);
}

/* An impostor with another certificate never sees the token. */
static void
test_impostor_never_gets_the_token (void)
{
  g_autofree char *pem = read_data ("self-signed.pem");
  g_autofree char *other_pem = read_data ("other-certificate.pem");
  g_autoptr(GTlsCertificate) certificate = g_tls_certificate_new_from_pem (pem, -1, NULL);
  Hostile hostile = { &hostile_cases[0], 0, NULL };
  g_autofree char *url = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(KioskStationClient) client = NULL;
  g_autoptr(KioskStationClientStatus) status = NULL;
  g_autoptr(GError) error = NULL;

  server = start_hostile_server (&hostile, certificate, &url);
  client = new_client (url, TOKEN, other_pem);
  status = get_status (client, &error);
  g_assert_error (error, KIOSK_STATION_CLIENT_ERROR, KIOSK_STATION_CLIENT_ERROR_CERTIFICATE);
  g_assert_cmpuint (hostile.requests, ==, 0);
}

static void
test_bad_settings (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskStationClient) client = NULL;

  client = kiosk_station_client_new ("http://127.0.0.1:8765/api", TOKEN, NULL, &error);
  g_assert_null (client);
  g_assert_error (error, KIOSK_STATION_CLIENT_ERROR, KIOSK_STATION_CLIENT_ERROR_INVALID_URL);
  g_clear_error (&error);

  client = kiosk_station_client_new ("https://127.0.0.1:8765", TOKEN, "not a certificate",
                                     &error);
  g_assert_null (client);
  g_assert_error (error, KIOSK_STATION_CLIENT_ERROR,
                  KIOSK_STATION_CLIENT_ERROR_INVALID_CERTIFICATE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/core/station-client/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)

  ADD ("status", test_status);
  ADD ("actions", test_actions);
  ADD ("unauthorized-then-throttled", test_unauthorized_then_throttled);
  ADD ("fetch-usage", test_fetch_usage);
  ADD ("send-config", test_send_config);
  ADD ("cancelled", test_cancelled);
  ADD ("tls/pinned-certificate", test_pinned_certificate);
  g_test_add_func ("/core/station-client/tls/impostor-never-gets-the-token",
                   test_impostor_never_gets_the_token);
  g_test_add_func ("/core/station-client/unreachable", test_unreachable);
  g_test_add_func ("/core/station-client/silent-station-times-out",
                   test_silent_station_times_out);
  g_test_add_func ("/core/station-client/hostile/usage", test_hostile_usage);
  g_test_add_func ("/core/station-client/token-is-sent-but-never-logged",
                   test_token_is_sent_but_never_logged);
  g_test_add_func ("/core/station-client/bad-settings", test_bad_settings);
  for (guint i = 0; i < G_N_ELEMENTS (hostile_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/station-client/hostile/%s",
                                               hostile_cases[i].name);

      g_test_add_data_func (path, &hostile_cases[i], test_hostile_station);
    }

  return g_test_run ();
}
