/* kiosk-station-client.c — the desk console's side of one station's API
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-station-client"

#include "config.h"

#include "kiosk-station-client.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

/* A status is a few hundred bytes; a station that sends more is broken
 * or hostile, and is not read further.
 */
#define MAX_STATUS_BYTES (64 * 1024)

/* Years of counts of a busy station fit well within this. */
#define MAX_USAGE_BYTES (256 * 1024 * 1024)

/* Reading a station's counts takes it a while: longer than a status. */
#define USAGE_TIMEOUT 60

/* The longest station id, site or version kept from a status. */
#define MAX_NAME_CHARS 200

#define READ_CHUNK (64 * 1024)

/* When a throttled station does not say how long to wait. */
#define DEFAULT_RETRY_AFTER 60

/* Not named by libsoup 3.2. */
#define STATUS_TOO_MANY_REQUESTS 429

struct _KioskStationClient
{
  GObject          parent_instance;

  char            *url;
  char            *token;
  GTlsCertificate *pinned;
  SoupSession     *session;
  SoupSession     *usage_session;
  guint            retry_after;
};

G_DEFINE_FINAL_TYPE (KioskStationClient, kiosk_station_client, G_TYPE_OBJECT)

G_DEFINE_QUARK (kiosk-station-client-error-quark, kiosk_station_client_error)

typedef enum
{
  ANSWER_STATUS,
  ANSWER_USAGE,
  ANSWER_CONFIG,    /* {"version", "pending"}, or 422 with the reason */
} AnswerKind;

/* One request, from sending it to the end of its answer. */
typedef struct
{
  SoupMessage  *msg;
  GInputStream *stream;
  GByteArray   *body;
  AnswerKind    kind;
  gsize         max_bytes;
} Exchange;

static void
exchange_free (gpointer data)
{
  Exchange *exchange = data;

  g_clear_object (&exchange->msg);
  g_clear_object (&exchange->stream);
  g_clear_pointer (&exchange->body, g_byte_array_unref);
  g_free (exchange);
}

/**
 * kiosk_station_client_status_free:
 * @status: (nullable): a status
 */
void
kiosk_station_client_status_free (KioskStationClientStatus *status)
{
  if (status == NULL)
    return;

  g_free (status->station);
  g_free (status->site);
  g_free (status->version);
  g_free (status->help_taken_by);
  g_free (status->config);
  g_free (status->config_pending);
  g_free (status);
}

/**
 * kiosk_station_client_state_to_string:
 * @state: a state
 *
 * Returns: the name the station API gives @state, like "in-use"
 */
const char *
kiosk_station_client_state_to_string (KioskStationClientState state)
{
  switch (state)
    {
    case KIOSK_STATION_CLIENT_FREE:
      return "free";
    case KIOSK_STATION_CLIENT_IN_USE:
      return "in-use";
    case KIOSK_STATION_CLIENT_ASSISTED:
      return "assisted";
    case KIOSK_STATION_CLIENT_OUT_OF_SERVICE:
      return "out-of-service";
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Object */

static void
kiosk_station_client_dispose (GObject *object)
{
  KioskStationClient *self = KIOSK_STATION_CLIENT (object);

  if (self->session != NULL)
    soup_session_abort (self->session);
  if (self->usage_session != NULL)
    soup_session_abort (self->usage_session);
  g_clear_object (&self->session);
  g_clear_object (&self->usage_session);
  g_clear_object (&self->pinned);

  G_OBJECT_CLASS (kiosk_station_client_parent_class)->dispose (object);
}

static void
kiosk_station_client_finalize (GObject *object)
{
  KioskStationClient *self = KIOSK_STATION_CLIENT (object);

  g_free (self->url);
  if (self->token != NULL)
    explicit_bzero (self->token, strlen (self->token));
  g_free (self->token);

  G_OBJECT_CLASS (kiosk_station_client_parent_class)->finalize (object);
}

static void
kiosk_station_client_class_init (KioskStationClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kiosk_station_client_dispose;
  object_class->finalize = kiosk_station_client_finalize;
}

static void
kiosk_station_client_init (KioskStationClient *self)
{
}

/**
 * kiosk_station_client_check_url:
 * @url: a station's address
 * @error: return location for a #KioskStationClientError
 *
 * A station is reached at "http://HOST:PORT" or "https://HOST:PORT":
 * the API's own paths follow, so a path, a query, a fragment or a user
 * name would be a mistake.
 *
 * Returns: %TRUE if @url is such an address
 */
gboolean
kiosk_station_client_check_url (const char  *url,
                                GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *problem = NULL;

  g_return_val_if_fail (url != NULL, FALSE);

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;

  if (uri == NULL || (g_strcmp0 (scheme, "http") != 0 && g_strcmp0 (scheme, "https") != 0) ||
      g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    problem = "it is not an address like “http://192.168.1.21:8765”";
  else if (g_uri_get_port (uri) <= 0)
    problem = "it needs the port of the station API, like “:8765”";
  else if (g_uri_get_userinfo (uri) != NULL)
    problem = "it must not hold a user name or password; the token is in TokenFile";
  else if ((*g_uri_get_path (uri) != '\0' && strcmp (g_uri_get_path (uri), "/") != 0) ||
           g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    problem = "it must end with the port: the console adds the API's paths itself";

  if (problem == NULL)
    return TRUE;

  g_set_error (error, KIOSK_STATION_CLIENT_ERROR, KIOSK_STATION_CLIENT_ERROR_INVALID_URL,
               "“%s”: %s", url, problem);
  return FALSE;
}

static SoupSession *
new_session (guint timeout)
{
  /* Stations are on the association's own network: never through the
   * desk's web proxy, which would see every token.
   */
  return soup_session_new_with_options ("proxy-resolver", NULL,
                                        "timeout", timeout,
                                        "idle-timeout", 30,
                                        "max-conns-per-host", 2,
                                        "user-agent", "pimms-kiosk-console",
                                        NULL);
}

/**
 * kiosk_station_client_new:
 * @url: the station API, "http://HOST:PORT" or "https://HOST:PORT"
 * @token: the station's bearer token; kept in memory only, never logged
 * @certificate_pem: (nullable): for https, the one certificate the
 *   station may present, as PEM text; %NULL trusts the system's
 *   certificate authorities instead
 * @error: return location for a #KioskStationClientError
 *
 * Returns: (transfer full): a client, or %NULL when @url or
 *   @certificate_pem cannot be used
 */
KioskStationClient *
kiosk_station_client_new (const char  *url,
                          const char  *token,
                          const char  *certificate_pem,
                          GError     **error)
{
  g_autoptr(KioskStationClient) self = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (token != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!kiosk_station_client_check_url (url, error))
    return NULL;

  self = g_object_new (KIOSK_TYPE_STATION_CLIENT, NULL);
  self->url = g_strdup (url);
  if (g_str_has_suffix (self->url, "/"))
    self->url[strlen (self->url) - 1] = '\0';
  self->token = g_strdup (token);

  if (certificate_pem != NULL)
    {
      self->pinned = g_tls_certificate_new_from_pem (certificate_pem, -1, &local_error);
      if (self->pinned == NULL)
        {
          g_set_error (error, KIOSK_STATION_CLIENT_ERROR,
                       KIOSK_STATION_CLIENT_ERROR_INVALID_CERTIFICATE,
                       "The station certificate is not a PEM certificate: %s",
                       local_error->message);
          return NULL;
        }
    }

  self->session = new_session (KIOSK_STATION_CLIENT_DEFAULT_TIMEOUT);
  self->usage_session = new_session (USAGE_TIMEOUT);

  /* Without a database no certificate is trusted on its own: each one
   * comes to accept_certificate_cb(), which accepts the pinned one only,
   * even one a public authority signed for someone else.
   */
  if (self->pinned != NULL)
    {
      soup_session_set_tls_database (self->session, NULL);
      soup_session_set_tls_database (self->usage_session, NULL);
    }

  return g_steal_pointer (&self);
}

/**
 * kiosk_station_client_set_timeout:
 * @self: a #KioskStationClient
 * @seconds: how long a status or an action may wait for the station
 *
 * A station that is switched off must not keep the desk waiting: by
 * default, it is given %KIOSK_STATION_CLIENT_DEFAULT_TIMEOUT seconds.
 */
void
kiosk_station_client_set_timeout (KioskStationClient *self,
                                  guint               seconds)
{
  g_return_if_fail (KIOSK_IS_STATION_CLIENT (self));
  g_return_if_fail (seconds > 0);

  g_object_set (self->session, "timeout", seconds, NULL);
}

/**
 * kiosk_station_client_get_retry_after:
 * @self: a #KioskStationClient
 *
 * Returns: how many seconds the station asked to wait, the last time it
 *   answered %KIOSK_STATION_CLIENT_ERROR_THROTTLED, or 0
 */
guint
kiosk_station_client_get_retry_after (KioskStationClient *self)
{
  g_return_val_if_fail (KIOSK_IS_STATION_CLIENT (self), 0);

  return self->retry_after;
}

/* Answers */

static gboolean
accept_certificate_cb (SoupMessage          *msg,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  KioskStationClient *self = user_data;

  return self->pinned != NULL && g_tls_certificate_is_same (certificate, self->pinned);
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static char *
clean_name (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);

  return g_utf8_substring (valid, 0, MIN (g_utf8_strlen (valid, -1), MAX_NAME_CHARS));
}

static gboolean
parse_state (const char              *name,
             KioskStationClientState *state)
{
  for (int i = KIOSK_STATION_CLIENT_FREE; i <= KIOSK_STATION_CLIENT_OUT_OF_SERVICE; i++)
    {
      if (strcmp (name, kiosk_station_client_state_to_string (i)) == 0)
        {
          *state = i;
          return TRUE;
        }
    }
  return FALSE;
}

/* The station says when its state changed as ISO 8601 text, or as a
 * Unix time; null when it does not know. Either way, a time before 1970
 * is no time a station can have started anything at.
 */
static gboolean
parse_since (JsonNode *node,
             gint64   *since)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      *since = 0;
      return node != NULL;
    }

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  if (json_node_get_value_type (node) == G_TYPE_INT64)
    {
      *since = json_node_get_int (node);
      return *since >= 0;
    }

  if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (json_node_get_string (node),
                                                                 NULL);

      if (time == NULL)
        return FALSE;
      *since = g_date_time_to_unix (time);
      return *since >= 0;
    }

  return FALSE;
}

static gboolean
bad_response (GError     **error,
              const char  *problem)
{
  g_set_error (error, KIOSK_STATION_CLIENT_ERROR, KIOSK_STATION_CLIENT_ERROR_BAD_RESPONSE,
               "The station's answer makes no sense: %s", problem);
  return FALSE;
}

/**
 * kiosk_station_client_status_parse:
 * @data: (array length=length) (nullable): the body of a station's answer
 *   to GET /api/v1/status
 * @length: its length in bytes
 * @error: return location for a %KIOSK_STATION_CLIENT_ERROR_BAD_RESPONSE
 *
 * Reads what a station says of itself. The answer comes from the network
 * and is checked member by member; names are cut to a length a card can
 * show. It needs no session, so that it can be tested and fuzzed on its own.
 *
 * Returns: (transfer full) (nullable): the status, or %NULL with @error set
 */
KioskStationClientStatus *
kiosk_station_client_status_parse (const char  *data,
                                   gsize        length,
                                   GError     **error)
{
  static const char * const strings[] = { "station", "site", "state", "version" };
  g_autoptr(KioskStationClientStatus) status = NULL;
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *object;
  JsonNode *root;
  JsonNode *help;
  JsonNode *taken;
  JsonNode *counting;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  status = g_new0 (KioskStationClientStatus, 1);
  parser = json_parser_new_immutable ();

  /* json-glib would stop at a binary zero and take what comes before. */
  if (length == 0 || memchr (data, '\0', length) != NULL ||
      !g_utf8_validate_len (data, length, NULL) ||
      !json_parser_load_from_data (parser, data, length, NULL))
    {
      bad_response (error, "it is not JSON");
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      bad_response (error, "it is not a JSON object");
      return NULL;
    }
  object = json_node_get_object (root);

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    {
      if (member_string (object, strings[i]) == NULL)
        {
          g_autofree char *problem = g_strdup_printf ("“%s” is missing or not a string",
                                                      strings[i]);
          bad_response (error, problem);
          return NULL;
        }
    }

  if (!parse_state (member_string (object, "state"), &status->state))
    {
      bad_response (error, "“state” is not a state the console knows");
      return NULL;
    }

  if (!parse_since (json_object_get_member (object, "since"), &status->since))
    {
      bad_response (error, "“since” is missing or not a time");
      return NULL;
    }

  /* Said by stations since 0.2; an older one's status has none. */
  if (json_object_has_member (object, "assisted_since") &&
      !parse_since (json_object_get_member (object, "assisted_since"), &status->assisted_since))
    {
      bad_response (error, "“assisted_since” is not a time");
      return NULL;
    }
  if (json_object_has_member (object, "help_since") &&
      !parse_since (json_object_get_member (object, "help_since"), &status->help_since))
    {
      bad_response (error, "“help_since” is not a time");
      return NULL;
    }

  help = json_object_get_member (object, "help_requested");
  if (help == NULL || !JSON_NODE_HOLDS_VALUE (help) ||
      json_node_get_value_type (help) != G_TYPE_BOOLEAN)
    {
      bad_response (error, "“help_requested” is missing or not true or false");
      return NULL;
    }
  status->help_requested = json_node_get_boolean (help);

  /* Said by stations since 0.3: null, or the mediator who goes. */
  taken = json_object_get_member (object, "help_taken_by");
  if (taken != NULL && !JSON_NODE_HOLDS_NULL (taken) &&
      (!JSON_NODE_HOLDS_VALUE (taken) || json_node_get_value_type (taken) != G_TYPE_STRING))
    {
      bad_response (error, "“help_taken_by” is not a name");
      return NULL;
    }
  if (taken != NULL && !JSON_NODE_HOLDS_NULL (taken) && status->help_requested)
    status->help_taken_by = clean_name (json_node_get_string (taken));

  /* Stations before 0.2 do not say. */
  counting = json_object_get_member (object, "counting_paused");
  if (counting != NULL &&
      (!JSON_NODE_HOLDS_VALUE (counting) || json_node_get_value_type (counting) != G_TYPE_BOOLEAN))
    {
      bad_response (error, "“counting_paused” is not true or false");
      return NULL;
    }
  status->counting_paused = counting != NULL && json_node_get_boolean (counting);

  status->station = clean_name (member_string (object, "station"));
  status->site = clean_name (member_string (object, "site"));
  status->version = clean_name (member_string (object, "version"));
  /* Stations before 0.4 do not say. */
  if (member_string (object, "config") != NULL)
    status->config = clean_name (member_string (object, "config"));
  if (member_string (object, "config_pending") != NULL)
    status->config_pending = clean_name (member_string (object, "config_pending"));

  return g_steal_pointer (&status);
}

static guint
parse_retry_after (SoupMessage *msg)
{
  const char *header = soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                     "Retry-After");
  guint64 seconds;

  if (header != NULL && g_ascii_string_to_unsigned (header, 10, 0, 24 * 3600, &seconds, NULL))
    return seconds;

  return DEFAULT_RETRY_AFTER;
}

/* Says what went wrong when the station answered with other than 200 OK. */
static void
set_status_error (KioskStationClient  *self,
                  SoupMessage         *msg,
                  GError             **error)
{
  guint status = soup_message_get_status (msg);

  switch (status)
    {
    case SOUP_STATUS_UNAUTHORIZED:
      g_set_error (error, KIOSK_STATION_CLIENT_ERROR, KIOSK_STATION_CLIENT_ERROR_UNAUTHORIZED,
                   "The station refused the console's token: TokenFile must hold the "
                   "token of the station's RemoteTokenFile");
      break;
    case STATUS_TOO_MANY_REQUESTS:
      self->retry_after = parse_retry_after (msg);
      g_set_error (error, KIOSK_STATION_CLIENT_ERROR, KIOSK_STATION_CLIENT_ERROR_THROTTLED,
                   "The station refuses requests for %u s after too many wrong tokens",
                   self->retry_after);
      break;
    case SOUP_STATUS_CONFLICT:
      g_set_error (error, KIOSK_STATION_CLIENT_ERROR, KIOSK_STATION_CLIENT_ERROR_REFUSED,
                   "The station cannot do this now");
      break;
    case SOUP_STATUS_FORBIDDEN:
      g_set_error (error, KIOSK_STATION_CLIENT_ERROR, KIOSK_STATION_CLIENT_ERROR_REFUSED,
                   "The station takes no configuration from a desk");
      break;
    default:
      g_set_error (error, KIOSK_STATION_CLIENT_ERROR, KIOSK_STATION_CLIENT_ERROR_BAD_RESPONSE,
                   "The station answered HTTP %u", status);
      break;
    }
}

static void
set_transport_error (KioskStationClient  *self,
                     const GError        *cause,
                     GError             **error)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, cause->message);
  else if (g_error_matches (cause, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE))
    g_set_error (error, KIOSK_STATION_CLIENT_ERROR, KIOSK_STATION_CLIENT_ERROR_CERTIFICATE,
                 "The station at %s showed a certificate the console does not trust%s",
                 self->url, self->pinned != NULL ? ": not the one of its Certificate=" : "");
  else if (cause->domain == SOUP_SESSION_ERROR)
    g_set_error (error, KIOSK_STATION_CLIENT_ERROR, KIOSK_STATION_CLIENT_ERROR_BAD_RESPONSE,
                 "The station's answer is not HTTP: %s", cause->message);
  else
    g_set_error (error, KIOSK_STATION_CLIENT_ERROR, KIOSK_STATION_CLIENT_ERROR_UNREACHABLE,
                 "Could not reach the station at %s: %s", self->url, cause->message);
}

/* The longest reason a station gives for refusing a config that a
 * dialog shows, in characters: check-config's list of problems.
 */
#define MAX_REASON_CHARS 2000

/* A station's answer to a config: its version and whether it waits, or
 * (422) why the station refuses it.
 */
static KioskStationClientConfigAnswer *
parse_config_answer (Exchange  *exchange,
                     GError   **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(KioskStationClientConfigAnswer) answer = NULL;
  const char *data = (const char *) exchange->body->data;
  gsize length = exchange->body->len;
  JsonObject *object;
  JsonNode *root;
  JsonNode *pending;

  if (memchr (data, '\0', length) != NULL || !g_utf8_validate_len (data, length, NULL) ||
      !json_parser_load_from_data (parser, data, length, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      bad_response (error, "it is not a JSON object");
      return NULL;
    }
  object = json_node_get_object (root);

  if (soup_message_get_status (exchange->msg) == SOUP_STATUS_UNPROCESSABLE_ENTITY)
    {
      const char *reason = member_string (object, "error");
      g_autofree char *valid = g_utf8_make_valid (reason != NULL ? reason : "", -1);
      g_autofree char *cut = g_utf8_substring (valid, 0, MIN (g_utf8_strlen (valid, -1),
                                                             MAX_REASON_CHARS));

      g_set_error (error, KIOSK_STATION_CLIENT_ERROR, KIOSK_STATION_CLIENT_ERROR_CONFIG_REFUSED,
                   "%s", cut);
      return NULL;
    }

  pending = json_object_get_member (object, "pending");
  if (member_string (object, "version") == NULL || pending == NULL ||
      !JSON_NODE_HOLDS_VALUE (pending) || json_node_get_value_type (pending) != G_TYPE_BOOLEAN)
    {
      bad_response (error, "it says no version");
      return NULL;
    }

  answer = g_new0 (KioskStationClientConfigAnswer, 1);
  answer->version = clean_name (member_string (object, "version"));
  answer->pending = json_node_get_boolean (pending);
  return g_steal_pointer (&answer);
}

static void
finish_exchange (GTask *task)
{
  KioskStationClient *self = g_task_get_source_object (task);
  Exchange *exchange = g_task_get_task_data (task);
  GError *error = NULL;

  if (soup_message_get_status (exchange->msg) != SOUP_STATUS_OK &&
      !(exchange->kind == ANSWER_CONFIG &&
        soup_message_get_status (exchange->msg) == SOUP_STATUS_UNPROCESSABLE_ENTITY))
    {
      set_status_error (self, exchange->msg, &error);
      g_task_return_error (task, error);
      return;
    }

  if (exchange->kind == ANSWER_CONFIG)
    {
      KioskStationClientConfigAnswer *answer = parse_config_answer (exchange, &error);

      if (answer == NULL)
        g_task_return_error (task, error);
      else
        g_task_return_pointer (task, answer,
                               (GDestroyNotify) kiosk_station_client_config_answer_free);
    }
  else if (exchange->kind == ANSWER_STATUS)
    {
      KioskStationClientStatus *status =
        kiosk_station_client_status_parse ((const char *) exchange->body->data,
                                           exchange->body->len, &error);

      if (status == NULL)
        g_task_return_error (task, error);
      else
        g_task_return_pointer (task, status,
                               (GDestroyNotify) kiosk_station_client_status_free);
    }
  else
    {
      g_autoptr(GError) csv_error = NULL;
      KioskUsageCsv *csv = kiosk_usage_csv_parse ((const char *) exchange->body->data,
                                                  exchange->body->len, &csv_error);

      if (csv == NULL)
        g_task_return_new_error (task, KIOSK_STATION_CLIENT_ERROR,
                                 KIOSK_STATION_CLIENT_ERROR_BAD_RESPONSE,
                                 "The station's usage counts cannot be read: %s",
                                 csv_error->message);
      else
        g_task_return_pointer (task, csv, (GDestroyNotify) kiosk_usage_csv_free);
    }
}

static void read_next_chunk (GTask *task);

static void
read_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KioskStationClient *self = g_task_get_source_object (task);
  Exchange *exchange = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) chunk = NULL;
  GError *reported = NULL;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);
  if (chunk == NULL)
    {
      set_transport_error (self, error, &reported);
      g_task_return_error (task, reported);
      return;
    }

  if (g_bytes_get_size (chunk) == 0)
    {
      g_input_stream_close_async (exchange->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      finish_exchange (task);
      return;
    }

  if (exchange->body->len + g_bytes_get_size (chunk) > exchange->max_bytes)
    {
      g_input_stream_close_async (exchange->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      bad_response (&reported, "it is far too long");
      g_task_return_error (task, reported);
      return;
    }

  g_byte_array_append (exchange->body, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  read_next_chunk (g_steal_pointer (&task));
}

static void
read_next_chunk (GTask *task)
{
  Exchange *exchange = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (exchange->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), read_done_cb, task);
}

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  KioskStationClient *self = g_task_get_source_object (task);
  Exchange *exchange = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GError *reported = NULL;

  exchange->stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (exchange->stream == NULL)
    {
      set_transport_error (self, error, &reported);
      g_task_return_error (task, reported);
      g_object_unref (task);
      return;
    }

  /* Only a 200 has a body worth reading, and a config's refusal. */
  if (soup_message_get_status (exchange->msg) != SOUP_STATUS_OK &&
      !(exchange->kind == ANSWER_CONFIG &&
        soup_message_get_status (exchange->msg) == SOUP_STATUS_UNPROCESSABLE_ENTITY))
    {
      g_input_stream_close_async (exchange->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      finish_exchange (task);
      g_object_unref (task);
      return;
    }

  read_next_chunk (task);
}

static void
send_request_with_body (KioskStationClient  *self,
                        const char          *method,
                        const char          *path,
                        const char          *content_type,
                        GBytes              *body,
                        AnswerKind           kind,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data,
                        gpointer             source_tag)
{
  g_autofree char *uri = g_strconcat (self->url, path, NULL);
  g_autofree char *authorization = g_strconcat ("Bearer ", self->token, NULL);
  Exchange *exchange = g_new0 (Exchange, 1);
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, exchange, exchange_free);

  exchange->kind = kind;
  exchange->max_bytes = kind == ANSWER_USAGE ? MAX_USAGE_BYTES : MAX_STATUS_BYTES;
  exchange->body = g_byte_array_new ();
  exchange->msg = soup_message_new (method, uri);
  g_assert (exchange->msg != NULL);

  /* A redirect could take the token to another host. */
  soup_message_add_flags (exchange->msg, SOUP_MESSAGE_NO_REDIRECT);
  soup_message_headers_replace (soup_message_get_request_headers (exchange->msg),
                                "Authorization", authorization);
  explicit_bzero (authorization, strlen (authorization));

  if (body != NULL)
    soup_message_set_request_body_from_bytes (exchange->msg, content_type, body);
  else if (strcmp (method, "POST") == 0)
    {
      soup_message_headers_set_content_length (soup_message_get_request_headers (exchange->msg),
                                               0);
    }

  g_signal_connect_object (exchange->msg, "accept-certificate",
                           G_CALLBACK (accept_certificate_cb), self, 0);

  /* A config is checked whole, as check-config does, and a usage export
   * can be long: both have the long deadline.
   */
  soup_session_send_async (kind == ANSWER_STATUS ? self->session : self->usage_session,
                           exchange->msg, G_PRIORITY_DEFAULT, cancellable, sent_cb, task);
}

static void
send_request (KioskStationClient  *self,
              const char          *method,
              const char          *path,
              const char          *json_body,
              AnswerKind           kind,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data,
              gpointer             source_tag)
{
  g_autoptr(GBytes) bytes = json_body != NULL ? g_bytes_new (json_body, strlen (json_body))
                                              : NULL;

  send_request_with_body (self, method, path, "application/json", bytes, kind, cancellable,
                          callback, user_data, source_tag);
}

/**
 * kiosk_station_client_get_status_async:
 * @self: a #KioskStationClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the answer; finish with kiosk_station_client_status_finish()
 * @user_data: for @callback
 *
 * Asks the station what it is doing (GET /api/v1/status).
 */
void
kiosk_station_client_get_status_async (KioskStationClient  *self,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (KIOSK_IS_STATION_CLIENT (self));

  send_request (self, "GET", "/api/v1/status", NULL, ANSWER_STATUS, cancellable, callback,
                user_data, kiosk_station_client_get_status_async);
}

/**
 * kiosk_station_client_reset_async:
 * @self: a #KioskStationClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the station's new status; finish with
 *   kiosk_station_client_status_finish()
 * @user_data: for @callback
 *
 * Ends the station's user session and erases it (POST /api/v1/reset).
 */
void
kiosk_station_client_reset_async (KioskStationClient  *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (KIOSK_IS_STATION_CLIENT (self));

  send_request (self, "POST", "/api/v1/reset", NULL, ANSWER_STATUS, cancellable, callback,
                user_data, kiosk_station_client_reset_async);
}

/**
 * kiosk_station_client_ask_reset_async:
 * @self: a #KioskStationClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the station's status; finish with
 *   kiosk_station_client_status_finish()
 * @user_data: for @callback
 *
 * Asks the resident at the station whether their session may end, and
 * ends it if they agree or nobody answers (POST /api/v1/ask-reset).
 */
void
kiosk_station_client_ask_reset_async (KioskStationClient  *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (KIOSK_IS_STATION_CLIENT (self));

  send_request (self, "POST", "/api/v1/ask-reset", NULL, ANSWER_STATUS, cancellable, callback,
                user_data, kiosk_station_client_ask_reset_async);
}

static char *
json_object_with_string (const char *name,
                         const char *value)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/**
 * kiosk_station_client_take_help_async:
 * @self: a #KioskStationClient
 * @by: the name of the mediator who goes
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the station's new status; finish with
 *   kiosk_station_client_status_finish()
 * @user_data: for @callback
 *
 * Tells the station calling for help that @by goes (POST
 * /api/v1/take-help); %KIOSK_STATION_CLIENT_ERROR_REFUSED when nobody
 * calls any more, or somebody else took the call.
 */
void
kiosk_station_client_take_help_async (KioskStationClient  *self,
                                      const char          *by,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autofree char *body = NULL;

  g_return_if_fail (KIOSK_IS_STATION_CLIENT (self));
  g_return_if_fail (by != NULL);

  body = json_object_with_string ("by", by);
  send_request (self, "POST", "/api/v1/take-help", body, ANSWER_STATUS, cancellable,
                callback, user_data, kiosk_station_client_take_help_async);
}

/**
 * kiosk_station_client_set_out_of_service_async:
 * @self: a #KioskStationClient
 * @message: what the station's out-of-service screen says
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the station's new status; finish with
 *   kiosk_station_client_status_finish()
 * @user_data: for @callback
 *
 * Takes the station out of service (POST /api/v1/out-of-service).
 */
void
kiosk_station_client_set_out_of_service_async (KioskStationClient  *self,
                                               const char          *message,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data)
{
  g_autofree char *body = NULL;

  g_return_if_fail (KIOSK_IS_STATION_CLIENT (self));
  g_return_if_fail (message != NULL);

  body = json_object_with_string ("message", message);

  send_request (self, "POST", "/api/v1/out-of-service", body, ANSWER_STATUS, cancellable,
                callback, user_data, kiosk_station_client_set_out_of_service_async);
}

/**
 * kiosk_station_client_set_in_service_async:
 * @self: a #KioskStationClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the station's new status; finish with
 *   kiosk_station_client_status_finish()
 * @user_data: for @callback
 *
 * Puts the station back in service (POST /api/v1/in-service).
 */
void
kiosk_station_client_set_in_service_async (KioskStationClient  *self,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_return_if_fail (KIOSK_IS_STATION_CLIENT (self));

  send_request (self, "POST", "/api/v1/in-service", NULL, ANSWER_STATUS, cancellable,
                callback, user_data, kiosk_station_client_set_in_service_async);
}

/**
 * kiosk_station_client_status_finish:
 * @self: a #KioskStationClient
 * @result: the result of a status request or of an action
 * @error: return location for a #KioskStationClientError, or
 *   %G_IO_ERROR_CANCELLED
 *
 * Returns: (transfer full): the station's status, or %NULL with @error
 */
KioskStationClientStatus *
kiosk_station_client_status_finish (KioskStationClient  *self,
                                    GAsyncResult        *result,
                                    GError             **error)
{
  g_return_val_if_fail (KIOSK_IS_STATION_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * kiosk_station_client_fetch_usage_async:
 * @self: a #KioskStationClient
 * @from_day: (nullable): the first day wanted, "YYYY-MM-DD", or %NULL for all
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the counts; finish with
 *   kiosk_station_client_fetch_usage_finish()
 * @user_data: for @callback
 *
 * Fetches the station's usage counts (GET /api/v1/usage).
 */
void
kiosk_station_client_fetch_usage_async (KioskStationClient  *self,
                                        const char          *from_day,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (KIOSK_IS_STATION_CLIENT (self));
  g_return_if_fail (from_day == NULL || kiosk_usage_day_is_valid (from_day));

  path = from_day != NULL ? g_strconcat ("/api/v1/usage?from=", from_day, NULL)
                          : g_strdup ("/api/v1/usage");
  send_request (self, "GET", path, NULL, ANSWER_USAGE, cancellable, callback, user_data,
                kiosk_station_client_fetch_usage_async);
}

/**
 * kiosk_station_client_fetch_usage_finish:
 * @self: a #KioskStationClient
 * @result: the result
 * @error: return location for a #KioskStationClientError, or
 *   %G_IO_ERROR_CANCELLED
 *
 * Returns: (transfer full): the counts, checked row by row, or %NULL with
 *   @error; counts that cannot be read are
 *   %KIOSK_STATION_CLIENT_ERROR_BAD_RESPONSE, naming the line at fault
 */
KioskUsageCsv *
kiosk_station_client_fetch_usage_finish (KioskStationClient  *self,
                                         GAsyncResult        *result,
                                         GError             **error)
{
  g_return_val_if_fail (KIOSK_IS_STATION_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * kiosk_station_client_config_answer_free:
 * @answer: (nullable): what a station said of a config
 */
void
kiosk_station_client_config_answer_free (KioskStationClientConfigAnswer *answer)
{
  if (answer == NULL)
    return;

  g_free (answer->version);
  g_free (answer);
}

/**
 * kiosk_station_client_send_config_async:
 * @self: a #KioskStationClient
 * @config: the text of a config: the catalogue and settings every station
 *   shares
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the station's answer; finish with
 *   kiosk_station_client_send_config_finish()
 * @user_data: for @callback
 *
 * Sends @config to the station (PUT /api/v1/config), which checks it as
 * check-config does, with its own keys, and runs it once it is free.
 */
void
kiosk_station_client_send_config_async (KioskStationClient  *self,
                                        GBytes              *config,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (KIOSK_IS_STATION_CLIENT (self));
  g_return_if_fail (config != NULL);

  send_request_with_body (self, "PUT", "/api/v1/config", "text/plain; charset=utf-8", config,
                          ANSWER_CONFIG, cancellable, callback, user_data,
                          kiosk_station_client_send_config_async);
}

/**
 * kiosk_station_client_send_config_finish:
 * @self: a #KioskStationClient
 * @result: the result
 * @error: return location for a #KioskStationClientError (with
 *   %KIOSK_STATION_CLIENT_ERROR_CONFIG_REFUSED, the station's reason), or
 *   %G_IO_ERROR_CANCELLED
 *
 * Returns: (transfer full): the version the station will run, and
 *   whether it waits for the session in progress, or %NULL with @error
 */
KioskStationClientConfigAnswer *
kiosk_station_client_send_config_finish (KioskStationClient  *self,
                                         GAsyncResult        *result,
                                         GError             **error)
{
  g_return_val_if_fail (KIOSK_IS_STATION_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
