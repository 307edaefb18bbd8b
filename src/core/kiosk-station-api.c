/* kiosk-station-api.c — the station API the desk console talks to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-station-api"

#include "config.h"

#include "kiosk-station-api.h"

#include "kiosk-files.h"
#include "kiosk-usage-csv.h"
#include "kiosk-usage-store.h"

#include <errno.h>
#include <gio/gnetworking.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define MIN_TOKEN_LENGTH 16
#define MAX_TOKEN_LENGTH 1024
#define MAX_KEY_FILE_SIZE (256 * 1024)
#define TOKEN_DIGEST_SIZE 32

/* A client that keeps sending after its body was refused is cut off here
 * rather than read to the end, however much it claims to send.
 */
#define MAX_DRAINED_BODY (1024 * 1024)

/* Clients with failed authentications that are remembered at most; an
 * IPv6 client counts once per /64, the block a single host usually has.
 */
#define MAX_CLIENTS 1024
#define CLIENT_MEMORY_SECONDS (60 * 60)

/* Not named by libsoup 3.2. */
#define STATUS_TOO_MANY_REQUESTS 429

/* Whoever can reach the port must not be able to take from the kiosk
 * what its resident's side needs: file descriptors (GLib aborts the
 * kiosk when it cannot make a pipe or an eventfd, and systemd gives a
 * service 1024 of them) and the threads of GLib's shared pool, which
 * glib-networking holds for each TLS handshake from its start to its
 * end. So the API accepts connections itself and bounds all of it:
 *
 * - KIOSK_STATION_API_MAX_CONNECTIONS (64): a station has a desk
 *   console or two (two connections each), and a curl of an admin's;
 *   64 file descriptors leave the kiosk more than 900 of its 1024.
 * - KIOSK_STATION_API_MAX_CONNECTIONS_PER_CLIENT (8): four consoles
 *   behind one address still fit; one client cannot fill the station.
 *   When all 64 are taken, a newcomer takes the place of a waiting
 *   connection of whoever holds the most, so that a desk with one or
 *   two connections always gets in past a crowd from a few addresses.
 * - KIOSK_STATION_API_MAX_HANDSHAKES (4): of the pool's ten threads,
 *   the API may hold four; a handshake on the local network takes
 *   milliseconds, and a client waits its turn, the client with the
 *   fewest running first. A handshake only starts once the whole first
 *   record of the client (its ClientHello) has arrived, so that a client
 *   that connects and says nothing, or half of it, holds no thread.
 * - KIOSK_STATION_API_HANDSHAKE_TIMEOUT and
 *   KIOSK_STATION_API_REQUEST_TIMEOUT (10 s each): each step of the
 *   handshake (the ClientHello's arrival, the wait for a turn, the
 *   handshake itself), and then the request's headers being read and
 *   its token found right, take milliseconds on the local network and a
 *   few seconds over a poor mobile link. Past that, the connection is
 *   closed. A request with the right token has no deadline: it may be a
 *   long usage export.
 * - No connection is kept alive after its answer: the console asks every
 *   few seconds, and an idle connection would be one more thing to hold.
 *   (libsoup 3.2 keeps alive only connections it accepted itself.)
 */
/* Each handshake also costs the main thread about 10 ms before it goes
 * to its thread (GnuTLS checks the key against the certificate for every
 * connection): a client may start KIOSK_STATION_API_HANDSHAKE_BURST at
 * once, then one a second, so that a few addresses starting handshakes
 * in a loop cannot take the time the resident's screen needs. A desk
 * asks once every few seconds.
 */
#define HANDSHAKE_BURST         KIOSK_STATION_API_HANDSHAKE_BURST
#define HANDSHAKE_INTERVAL      G_USEC_PER_SEC

/* The kernel holds a burst of new connections (no file descriptor of
 * the kiosk's) until they are accepted, and beyond the limits closed; a
 * full queue would drop the desk's too, which tries again only a second
 * later.
 */
#define LISTEN_BACKLOG          1024
#define ACCEPTS_PER_DISPATCH    16
#define ACCEPT_RETRY_MS         100
#define REFUSAL_REPORT_INTERVAL 60  /* seconds */

/* A TLS record: its header, and the largest a ClientHello may use. */
#define TLS_RECORD_HEADER    5
#define TLS_MAX_RECORD       (16 * 1024)
#define TLS_HANDSHAKE        0x16
#define TLS_CLIENT_HELLO     0x01
#define TLS_VERSION_1_2      0x0303

typedef struct _Request Request;
typedef void (*RouteFunc) (KioskStationApi   *self,
                           SoupServerMessage *msg,
                           Request           *request,
                           GHashTable        *query);

typedef struct
{
  const char *path;
  const char *method;
  RouteFunc   func;
} Route;

/* What the API knows of one request, from its headers to its end. */
struct _Request
{
  const Route *route;
  GByteArray  *body;
  gsize        received;
  gboolean     accepted;
  gboolean     too_large;
  gboolean     cut_off;
  gboolean     gone;
};

/* A client whose last authentications failed. */
typedef struct
{
  guint  failures;
  gint64 blocked_until;
  gint64 last_failure;
} Client;

/* Where a connection is, from its accept to its end. */
typedef enum
{
  STAGE_HELLO,      /* waiting for the whole first TLS record */
  STAGE_QUEUED,     /* its ClientHello is here; waiting for a handshake to end */
  STAGE_HANDSHAKE,  /* glib-networking runs its handshake in a thread of GLib's pool */
  STAGE_REQUEST,    /* libsoup reads its request */
  STAGE_TRUSTED,    /* it presented the right token: no deadline */
} Stage;

/* One connection to the API, counted from its accept until its socket
 * is closed.
 */
typedef struct
{
  KioskStationApi   *api;          /* NULL once the API is gone */
  GSocket           *socket;
  GSocketConnection *stream;       /* until libsoup has it */
  GTlsConnection    *tls;          /* until libsoup has it */
  GIOStream         *served;       /* what libsoup has, followed with a weak reference */
  GSocketAddress    *remote;
  char              *key;          /* the client, as throttling counts it */
  Stage              stage;
  gboolean           closing;      /* shut down; counts no more */
  GSource           *hello_source;
  GSource           *deadline;
  GCancellable      *cancellable;
} Connection;

struct _KioskStationApi
{
  GObject                   parent_instance;

  char                     *station;
  char                     *site;
  char                     *version;
  guint8                    token_digest[TOKEN_DIGEST_SIZE];
  KioskStationStatusFunc    status_func;
  gpointer                  status_data;
  GDestroyNotify            status_data_free;
  char                     *usage_path;
  SoupServer               *server;
  gboolean                  listening;
  GSocket                  *listen_socket;
  GSource                  *accept_source;
  GSource                  *accept_retry;
  GMainContext             *context;
  GTlsCertificate          *certificate;
  GQueue                    connections;
  guint                     handshakes;
  GHashTable               *handshake_budgets;
  GSource                  *handshake_retry;
  guint                     refusals;
  gint64                    last_refusal_report;
  guint                     handshake_timeout_ms;
  guint                     request_timeout_ms;
  GHashTable               *clients;
  KioskStationApiClockFunc  clock_func;
  gpointer                  clock_data;
  GCancellable             *cancellable;
};

G_DEFINE_FINAL_TYPE (KioskStationApi, kiosk_station_api, G_TYPE_OBJECT)

G_DEFINE_QUARK (kiosk-station-api-error-quark, kiosk_station_api_error)

enum
{
  RESET_REQUESTED,
  OUT_OF_SERVICE_REQUESTED,
  IN_SERVICE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];
static GQuark request_quark;

/* Secrets */

static void
wipe_string (char *text)
{
  if (text == NULL)
    return;

  explicit_bzero (text, strlen (text));
  g_free (text);
}

/* A string holding a token or a private key, erased before it is freed. */
typedef char Secret;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Secret, wipe_string)

static void
token_digest (const char *token,
              guint8      digest[TOKEN_DIGEST_SIZE])
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  gsize length = TOKEN_DIGEST_SIZE;

  g_checksum_update (checksum, (const guchar *) token, strlen (token));
  g_checksum_get_digest (checksum, digest, &length);
  g_assert (length == TOKEN_DIGEST_SIZE);
}

/* Both sides are hashed first, so that the time taken depends neither on
 * where the first difference is nor on the length of the right token;
 * the digests are then compared without an early return.
 */
static gboolean
token_matches (KioskStationApi *self,
               const char      *token)
{
  guint8 digest[TOKEN_DIGEST_SIZE];
  guint8 difference = 0;

  token_digest (token, digest);
  for (guint i = 0; i < TOKEN_DIGEST_SIZE; i++)
    difference |= digest[i] ^ self->token_digest[i];

  return difference == 0;
}

/* Reads a file of the API's (a token, a key, a certificate) with the one
 * reader of untrusted files, and reports its problems in our own domain:
 * the station refuses to start its API on any of them.
 */
static char *
read_api_file (const char       *path,
               const char       *what,
               gsize             max_size,
               KioskFilesCheck   checks,
               int               invalid_code,
               gsize            *length,
               GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  char *contents;
  int code;

  contents = kiosk_files_read_private (path, what, max_size, checks, length, &local_error);
  if (contents != NULL)
    return contents;

  if (g_error_matches (local_error, KIOSK_FILES_ERROR, KIOSK_FILES_ERROR_NOT_PRIVATE))
    code = KIOSK_STATION_API_ERROR_INSECURE;
  else if (g_error_matches (local_error, KIOSK_FILES_ERROR, KIOSK_FILES_ERROR_TOO_LARGE))
    code = invalid_code;
  else
    code = KIOSK_STATION_API_ERROR_UNREADABLE;

  g_set_error_literal (error, KIOSK_STATION_API_ERROR, code, local_error->message);
  return NULL;
}

/* Returns a copy of the one word of @contents, or %NULL with an error. */
static char *
parse_token (const char  *path,
             char        *contents,
             gsize        length,
             GError     **error)
{
  const char *token;

  if (memchr (contents, '\0', length) != NULL)
    {
      g_set_error (error, KIOSK_STATION_API_ERROR, KIOSK_STATION_API_ERROR_INVALID_TOKEN,
                   "The station API token file %s holds a binary zero, not a token", path);
      return NULL;
    }

  token = g_strstrip (contents);
  for (const char *c = token; *c != '\0'; c++)
    {
      if (!g_ascii_isgraph (*c))
        {
          g_set_error (error, KIOSK_STATION_API_ERROR, KIOSK_STATION_API_ERROR_INVALID_TOKEN,
                       "The station API token in %s must be one word of printable ASCII "
                       "characters", path);
          return NULL;
        }
    }

  if (strlen (token) < MIN_TOKEN_LENGTH || strlen (token) > MAX_TOKEN_LENGTH)
    {
      g_set_error (error, KIOSK_STATION_API_ERROR, KIOSK_STATION_API_ERROR_INVALID_TOKEN,
                   "The station API token in %s has %" G_GSIZE_FORMAT " characters, it needs "
                   "%d to %d (for example “openssl rand -hex 32”)",
                   path, strlen (token), MIN_TOKEN_LENGTH, MAX_TOKEN_LENGTH);
      return NULL;
    }

  return g_strdup (token);
}

/**
 * kiosk_station_api_load_token:
 * @path: the token file (RemoteTokenFile)
 * @error: return location for a #KioskStationApiError
 *
 * Reads the bearer token the desk console must present: the station
 * reads it to check requests, the console to make them. The file must
 * be a regular file that neither the group nor other users may read or
 * change, holding one token of 16 to 1024 printable ASCII characters
 * without spaces; white space around it, such as a final newline, is
 * ignored. When it fails, the caller must not start the API at all.
 *
 * Returns: (transfer full): the token, to be erased after use, or %NULL
 *   with an error that names the file
 */
char *
kiosk_station_api_load_token (const char  *path,
                              GError     **error)
{
  char *contents;
  char *token;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  contents = read_api_file (path, "station API token file", MAX_TOKEN_LENGTH + 64,
                            KIOSK_FILES_CHECK_OWNER_ONLY_MODE,
                            KIOSK_STATION_API_ERROR_INVALID_TOKEN, &length, error);
  if (contents == NULL)
    return NULL;

  token = parse_token (path, contents, length, error);

  /* Stripping moved the token about: erase the whole buffer. */
  explicit_bzero (contents, length);
  g_free (contents);

  return token;
}

/**
 * kiosk_station_api_load_certificate:
 * @certificate_path: a PEM certificate (RemoteTlsCertificate)
 * @key_path: (nullable): its PEM private key (RemoteTlsKey), or %NULL
 *   when @certificate_path holds the key too
 * @error: return location for a #KioskStationApiError
 *
 * Loads the certificate the API serves https with. The file holding
 * the private key must be private to its owner, like the token file.
 *
 * Returns: (transfer full): the certificate, or %NULL with an error
 *   that names the file at fault
 */
GTlsCertificate *
kiosk_station_api_load_certificate (const char  *certificate_path,
                                    const char  *key_path,
                                    GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(Secret) key = NULL;
  g_autoptr(Secret) pem = NULL;
  g_autofree char *certificate = NULL;
  GTlsCertificate *result;
  gsize length = 0;

  g_return_val_if_fail (certificate_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  key = read_api_file (key_path != NULL ? key_path : certificate_path,
                       "station API TLS key", MAX_KEY_FILE_SIZE,
                       KIOSK_FILES_CHECK_OWNER_ONLY_MODE,
                       KIOSK_STATION_API_ERROR_INVALID_CERTIFICATE, &length, error);
  if (key == NULL)
    return NULL;

  /* The certificate is public, but a FIFO or a device in its place must
   * not hang or swamp the station any more than one in the key's.
   */
  if (key_path != NULL)
    {
      certificate = kiosk_files_read_private (certificate_path, "station API certificate",
                                              MAX_KEY_FILE_SIZE, KIOSK_FILES_CHECK_NONE, NULL,
                                              &local_error);
      if (certificate == NULL)
        {
          g_set_error_literal (error, KIOSK_STATION_API_ERROR,
                               KIOSK_STATION_API_ERROR_INVALID_CERTIFICATE,
                               local_error->message);
          return NULL;
        }
    }

  pem = g_strconcat (certificate != NULL ? certificate : "", "\n", key, NULL);
  result = g_tls_certificate_new_from_pem (pem, -1, &local_error);
  if (result == NULL)
    {
      g_set_error (error, KIOSK_STATION_API_ERROR, KIOSK_STATION_API_ERROR_INVALID_CERTIFICATE,
                   "The station API certificate %s%s%s is not a PEM certificate and key: %s",
                   certificate_path,
                   key_path != NULL ? " with the key " : "", key_path != NULL ? key_path : "",
                   local_error->message);
      return NULL;
    }

  return result;
}

/* Action bodies */

static gboolean
invalid_request (GError     **error,
                 const char  *problem)
{
  g_set_error_literal (error, KIOSK_STATION_API_ERROR, KIOSK_STATION_API_ERROR_INVALID_REQUEST,
                       problem);
  return FALSE;
}

/**
 * kiosk_station_api_parse_action_body:
 * @action: what the request asks for
 * @body: (array length=length) (nullable): the request body, as received
 * @length: its length in bytes, at most %KIOSK_STATION_API_MAX_BODY
 * @message: (out) (optional) (transfer full): for
 *   %KIOSK_STATION_ACTION_OUT_OF_SERVICE, what the out-of-service screen
 *   says; left %NULL for the other actions
 * @error: return location for a %KIOSK_STATION_API_ERROR_INVALID_REQUEST
 *
 * Checks the body of an action request and takes what @action reads from
 * it. An empty body is no object, as good as `{}`; anything else must be
 * one JSON object of UTF-8 text. An out-of-service request needs a
 * "message" string of valid Unicode text, of at most
 * %KIOSK_STATION_API_MAX_MESSAGE characters, possibly empty. Members the
 * action does not read are ignored.
 *
 * This reads bytes from the network before anything else does: it needs
 * neither a server nor a main loop, so that it can be tested and fuzzed
 * on its own.
 *
 * Returns: %TRUE if the body is one @action takes; otherwise %FALSE with
 *   @error saying what is wrong, in words the API answers 400 with
 */
gboolean
kiosk_station_api_parse_action_body (KioskStationAction   action,
                                     const char          *body,
                                     gsize                length,
                                     char               **message,
                                     GError             **error)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *object = NULL;
  JsonNode *member;
  const char *text;

  g_return_val_if_fail (body != NULL || length == 0, FALSE);
  g_return_val_if_fail (action != KIOSK_STATION_ACTION_OUT_OF_SERVICE || message != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (message != NULL)
    *message = NULL;

  if (length > 0)
    {
      JsonNode *root;

      /* json-glib would stop at a binary zero and take what comes before. */
      if (memchr (body, '\0', length) != NULL || !g_utf8_validate_len (body, length, NULL))
        return invalid_request (error, "the request body is not UTF-8 text");

      parser = json_parser_new_immutable ();
      if (!json_parser_load_from_data (parser, body, length, NULL))
        return invalid_request (error, "the request body is not valid JSON");

      root = json_parser_get_root (parser);
      if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
        return invalid_request (error, "the request body is not a JSON object");
      object = json_node_get_object (root);
    }

  if (action != KIOSK_STATION_ACTION_OUT_OF_SERVICE)
    return TRUE;

  member = object != NULL ? json_object_get_member (object, "message") : NULL;
  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member) ||
      json_node_get_value_type (member) != G_TYPE_STRING)
    return invalid_request (error, "“message” must be a string");

  /* json-glib decodes a lone surrogate ("\ud800") to bytes that are not
   * UTF-8, which the out-of-service screen could not show.
   */
  text = json_node_get_string (member);
  if (!g_utf8_validate (text, -1, NULL))
    return invalid_request (error, "“message” is not valid Unicode text");
  if (g_utf8_strlen (text, -1) > KIOSK_STATION_API_MAX_MESSAGE)
    return invalid_request (error, "“message” is too long");

  *message = g_strdup (text);
  return TRUE;
}

/* Requests */

static void
request_free (gpointer data)
{
  Request *request = data;

  g_byte_array_unref (request->body);
  g_free (request);
}

static Request *
message_get_request (SoupServerMessage *msg)
{
  return g_object_get_qdata (G_OBJECT (msg), request_quark);
}

static gint64
api_now (KioskStationApi *self)
{
  return self->clock_func (self->clock_data);
}

static gint64
monotonic_clock (gpointer user_data)
{
  return g_get_monotonic_time ();
}

/* Responses */

static void
respond (SoupServerMessage *msg,
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
  respond (msg, status, "application/json", text, length);
}

static void
respond_error (SoupServerMessage *msg,
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

static const char *
state_name (const KioskStationStatus *status)
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

static void
respond_status (KioskStationApi   *self,
                SoupServerMessage *msg)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  KioskStationStatus status = { KIOSK_STATION_OUT_OF_SERVICE, FALSE, 0, FALSE };

  self->status_func (&status, self->status_data);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "station");
  json_builder_add_string_value (builder, self->station);
  json_builder_set_member_name (builder, "site");
  json_builder_add_string_value (builder, self->site);
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder, state_name (&status));
  json_builder_set_member_name (builder, "since");
  if (status.since > 0)
    {
      g_autoptr(GDateTime) since = g_date_time_new_from_unix_utc (status.since);
      g_autofree char *text = since != NULL ? g_date_time_format_iso8601 (since) : NULL;

      if (text != NULL)
        json_builder_add_string_value (builder, text);
      else
        json_builder_add_null_value (builder);
    }
  else
    {
      json_builder_add_null_value (builder);
    }
  json_builder_set_member_name (builder, "help_requested");
  json_builder_add_boolean_value (builder, status.help_requested);
  json_builder_set_member_name (builder, "counting_paused");
  json_builder_add_boolean_value (builder, status.counting_paused);
  json_builder_set_member_name (builder, "version");
  json_builder_add_string_value (builder, self->version);
  json_builder_end_object (builder);

  respond_json (msg, SOUP_STATUS_OK, builder);
}

static void
handle_status (KioskStationApi   *self,
               SoupServerMessage *msg,
               Request           *request,
               GHashTable        *query)
{
  respond_status (self, msg);
}

/* Answers 400, saying what is wrong, when the body is not one @action takes. */
static gboolean
read_action_body (SoupServerMessage  *msg,
                  Request            *request,
                  KioskStationAction  action,
                  char              **message)
{
  g_autoptr(GError) error = NULL;

  if (!kiosk_station_api_parse_action_body (action, (const char *) request->body->data,
                                            request->body->len, message, &error))
    {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, error->message);
      return FALSE;
    }

  return TRUE;
}

static void
finish_action (KioskStationApi   *self,
               SoupServerMessage *msg,
               const char        *action,
               gboolean           handled)
{
  g_message ("Station API: %s %s for %s", action, handled ? "done" : "refused",
             soup_server_message_get_remote_host (msg));

  if (!handled)
    {
      respond_error (msg, SOUP_STATUS_CONFLICT, "the station cannot do this now");
      return;
    }

  respond_status (self, msg);
}

static void
handle_reset (KioskStationApi   *self,
              SoupServerMessage *msg,
              Request           *request,
              GHashTable        *query)
{
  gboolean handled = FALSE;

  if (!read_action_body (msg, request, KIOSK_STATION_ACTION_RESET, NULL))
    return;

  g_signal_emit (self, signals[RESET_REQUESTED], 0, &handled);
  finish_action (self, msg, "reset", handled);
}

static void
handle_out_of_service (KioskStationApi   *self,
                       SoupServerMessage *msg,
                       Request           *request,
                       GHashTable        *query)
{
  g_autofree char *message = NULL;
  gboolean handled = FALSE;

  if (!read_action_body (msg, request, KIOSK_STATION_ACTION_OUT_OF_SERVICE, &message))
    return;

  g_signal_emit (self, signals[OUT_OF_SERVICE_REQUESTED], 0, message, &handled);
  finish_action (self, msg, "out-of-service", handled);
}

static void
handle_in_service (KioskStationApi   *self,
                   SoupServerMessage *msg,
                   Request           *request,
                   GHashTable        *query)
{
  gboolean handled = FALSE;

  if (!read_action_body (msg, request, KIOSK_STATION_ACTION_IN_SERVICE, NULL))
    return;

  g_signal_emit (self, signals[IN_SERVICE_REQUESTED], 0, &handled);
  finish_action (self, msg, "in-service", handled);
}

/* Usage export */

typedef struct
{
  char *path;
  char *from_day;
  char *to_day;
} Export;

typedef struct
{
  GString      *csv;
  GCancellable *cancellable;
} ExportWriter;

static void
export_free (gpointer data)
{
  Export *export = data;

  g_free (export->path);
  g_free (export->from_day);
  g_free (export->to_day);
  g_free (export);
}

static void
string_free (gpointer data)
{
  g_string_free (data, TRUE);
}

static gboolean
export_row_cb (const KioskUsageRow *row,
               gpointer             user_data)
{
  ExportWriter *writer = user_data;

  kiosk_usage_csv_append_row (writer->csv, row);

  return !g_cancellable_is_cancelled (writer->cancellable);
}

/* Years of counts take a while to read: not on the kiosk's main thread. */
static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Export *export = task_data;
  KioskUsageFilter filter = { export->from_day, export->to_day, NULL, NULL };
  ExportWriter writer = { g_string_new (NULL), cancellable };
  g_autoptr(KioskUsageStore) store = NULL;
  GError *error = NULL;

  kiosk_usage_csv_append_header (writer.csv);

  /* A station that has counted nothing yet has no file yet. */
  if (!g_file_test (export->path, G_FILE_TEST_EXISTS))
    {
      g_task_return_pointer (task, writer.csv, string_free);
      return;
    }

  store = kiosk_usage_store_open_read_only (export->path, &error);
  if (store == NULL ||
      !kiosk_usage_store_foreach (store, &filter, export_row_cb, &writer, &error))
    {
      g_string_free (writer.csv, TRUE);
      g_task_return_error (task, error);
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    {
      g_string_free (writer.csv, TRUE);
      return;
    }

  g_task_return_pointer (task, writer.csv, string_free);
}

static void
export_done_cb (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SoupServerMessage) msg = user_data;
  g_autoptr(GError) error = NULL;
  GString *csv = g_task_propagate_pointer (G_TASK (result), &error);

  /* The API was dropped, or the connection closed, meanwhile: libsoup
   * 3.2 refuses to resume a message that has no connection.
   */
  if (message_get_request (msg)->gone)
    {
      if (csv != NULL)
        g_string_free (csv, TRUE);
      return;
    }

  if (csv == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Station API: could not export the usage counts: %s", error->message);
      respond_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "the usage counts could not be read");
    }
  else
    {
      gsize length = csv->len;

      respond (msg, SOUP_STATUS_OK, "text/csv; charset=utf-8", g_string_free (csv, FALSE),
               length);
    }

  soup_server_message_unpause (msg);
}

static void
handle_usage (KioskStationApi   *self,
              SoupServerMessage *msg,
              Request           *request,
              GHashTable        *query)
{
  g_autoptr(GTask) task = NULL;
  GHashTableIter iter;
  gpointer key, value;
  Export *export;

  if (query != NULL)
    {
      g_hash_table_iter_init (&iter, query);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          if (strcmp (key, "from") != 0 && strcmp (key, "to") != 0)
            {
              respond_error (msg, SOUP_STATUS_BAD_REQUEST,
                             "only “from” and “to” may be asked for");
              return;
            }
          if (!kiosk_usage_day_is_valid (value))
            {
              respond_error (msg, SOUP_STATUS_BAD_REQUEST,
                             "days are written YYYY-MM-DD, like 2026-11-23");
              return;
            }
        }
    }

  if (self->usage_path == NULL)
    {
      respond_error (msg, SOUP_STATUS_NOT_FOUND, "this station keeps no usage counts");
      return;
    }

  export = g_new0 (Export, 1);
  export->path = g_strdup (self->usage_path);
  if (query != NULL)
    {
      export->from_day = g_strdup (g_hash_table_lookup (query, "from"));
      export->to_day = g_strdup (g_hash_table_lookup (query, "to"));
    }

  /* The task holds no reference on the API: whoever drops the API stops
   * its server at once, and the station it reported on may be gone.
   */
  soup_server_message_pause (msg);
  task = g_task_new (NULL, self->cancellable, export_done_cb, g_object_ref (msg));
  g_task_set_source_tag (task, handle_usage);
  g_task_set_task_data (task, export, export_free);
  g_task_run_in_thread (task, export_thread);
}

/* Routes */

static const Route routes[] = {
  { "/api/v1/status", "GET", handle_status },
  { "/api/v1/usage", "GET", handle_usage },
  { "/api/v1/reset", "POST", handle_reset },
  { "/api/v1/out-of-service", "POST", handle_out_of_service },
  { "/api/v1/in-service", "POST", handle_in_service },
};

/* Throttling */

/* One IPv6 host usually owns a whole /64: counting each of its addresses
 * apart would give it billions of tries.
 */
static char *
address_key (GSocketAddress *address)
{
  GInetAddress *inet;
  guint8 bytes[16];
  static const guint8 v4_mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };
  g_autoptr(GInetAddress) prefix = NULL;
  g_autofree char *text = NULL;

  if (!G_IS_INET_SOCKET_ADDRESS (address))
    return g_strdup ("unknown");

  inet = g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (address));
  if (g_inet_address_get_family (inet) != G_SOCKET_FAMILY_IPV6)
    return g_inet_address_to_string (inet);

  memcpy (bytes, g_inet_address_to_bytes (inet), sizeof bytes);
  if (memcmp (bytes, v4_mapped, sizeof v4_mapped) == 0)
    return g_inet_address_to_string (inet);

  memset (bytes + 8, 0, 8);
  prefix = g_inet_address_new_from_bytes (bytes, G_SOCKET_FAMILY_IPV6);
  text = g_inet_address_to_string (prefix);
  return g_strconcat (text, "/64", NULL);
}

static char *
client_key (SoupServerMessage *msg)
{
  return address_key (soup_server_message_get_remote_address (msg));
}

/* Makes room for one more client: first by forgetting those that have
 * not failed for an hour and may try again, then the one that failed
 * longest ago.
 */
static void
forget_clients (KioskStationApi *self,
                gint64           now)
{
  GHashTableIter iter;
  gpointer key, value;
  gpointer oldest_key = NULL;
  gint64 oldest = G_MAXINT64;

  g_hash_table_iter_init (&iter, self->clients);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Client *client = value;

      if (client->blocked_until <= now &&
          now - client->last_failure > (gint64) CLIENT_MEMORY_SECONDS * G_USEC_PER_SEC)
        g_hash_table_iter_remove (&iter);
    }

  if (g_hash_table_size (self->clients) < MAX_CLIENTS)
    return;

  g_hash_table_iter_init (&iter, self->clients);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Client *client = value;

      if (client->last_failure < oldest)
        {
          oldest = client->last_failure;
          oldest_key = key;
        }
    }
  g_hash_table_remove (self->clients, oldest_key);
}

static void
count_failure (KioskStationApi *self,
               const char      *key,
               gint64           now)
{
  Client *client = g_hash_table_lookup (self->clients, key);

  if (client == NULL)
    {
      if (g_hash_table_size (self->clients) >= MAX_CLIENTS)
        forget_clients (self, now);
      client = g_new0 (Client, 1);
      g_hash_table_insert (self->clients, g_strdup (key), client);
    }

  client->failures = MIN (client->failures + 1, G_MAXUINT - 1);
  client->last_failure = now;

  if (client->failures >= KIOSK_STATION_API_FAILURES_BEFORE_DELAY)
    {
      guint doublings = MIN (client->failures - KIOSK_STATION_API_FAILURES_BEFORE_DELAY, 16);
      gint64 delay = MIN ((gint64) 1 << doublings, KIOSK_STATION_API_MAX_DELAY);

      client->blocked_until = now + delay * G_USEC_PER_SEC;
      g_message ("Station API: %u failed authentications from %s, which must now wait %"
                 G_GINT64_FORMAT " s", client->failures, key, delay);
    }
}

static void
respond_throttled (SoupServerMessage *msg,
                   gint64             remaining)
{
  gint64 seconds = MAX ((remaining + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC, 1);
  g_autofree char *retry_after = g_strdup_printf ("%" G_GINT64_FORMAT, seconds);

  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After",
                                retry_after);
  respond_error (msg, STATUS_TOO_MANY_REQUESTS,
                 "too many failed authentications from this address; try again later");
}

static gboolean
is_authorized (KioskStationApi   *self,
               SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  const char *token;

  if (authorization == NULL || g_ascii_strncasecmp (authorization, "Bearer ", 7) != 0)
    return FALSE;

  token = authorization + 7;
  while (*token == ' ')
    token++;

  return token_matches (self, token);
}

/* Connections */

static void start_handshakes (KioskStationApi *self);
static void connection_free  (Connection      *connection);

static void
clear_source (GSource **source)
{
  if (*source == NULL)
    return;

  g_source_destroy (*source);
  g_clear_pointer (source, g_source_unref);
}

static void
served_gone_cb (gpointer  data,
                GObject  *where_the_object_was)
{
  Connection *connection = data;

  connection->served = NULL;
  if (connection->api != NULL)
    g_queue_remove (&connection->api->connections, connection);
  connection_free (connection);
}

static void
connection_free (Connection *connection)
{
  if (connection->served != NULL)
    g_object_weak_unref (G_OBJECT (connection->served), served_gone_cb, connection);
  clear_source (&connection->hello_source);
  clear_source (&connection->deadline);
  g_clear_object (&connection->tls);
  g_clear_object (&connection->stream);
  g_clear_object (&connection->socket);
  g_clear_object (&connection->remote);
  g_clear_object (&connection->cancellable);
  g_free (connection->key);
  g_free (connection);
}

/* Closes a connection the API still holds (not yet given to libsoup, nor
 * in a handshake). Only the socket is closed: closing the TLS connection
 * would write to a client that may not read.
 */
static void
connection_drop (Connection *connection)
{
  if (connection->api != NULL)
    g_queue_remove (&connection->api->connections, connection);
  if (connection->stream != NULL)
    g_io_stream_close (G_IO_STREAM (connection->stream), NULL, NULL);
  connection_free (connection);
}

/* Ends a connection wherever it is. A thread in a handshake, or libsoup,
 * may be reading it: shutting the socket down wakes them up, and they
 * close it.
 */
static void
connection_end (Connection *connection)
{
  if (connection->stage == STAGE_HELLO || connection->stage == STAGE_QUEUED)
    {
      connection_drop (connection);
      return;
    }

  connection->closing = TRUE;
  clear_source (&connection->deadline);
  g_cancellable_cancel (connection->cancellable);
  shutdown (g_socket_get_fd (connection->socket), SHUT_RDWR);
}

static gboolean
deadline_cb (gpointer user_data)
{
  Connection *connection = user_data;

  g_clear_pointer (&connection->deadline, g_source_unref);
  g_debug ("Station API: closing a connection from %s, which %s in time", connection->key,
           connection->stage < STAGE_REQUEST ? "did not complete its TLS handshake"
                                             : "sent no complete request");
  connection_end (connection);
  return G_SOURCE_REMOVE;
}

static void
set_deadline (Connection *connection,
              guint       milliseconds)
{
  clear_source (&connection->deadline);
  connection->deadline = g_timeout_source_new (milliseconds);
  g_source_set_callback (connection->deadline, deadline_cb, connection, NULL);
  g_source_attach (connection->deadline, connection->api->context);
}

/* Live connections of @key, or of everyone when it is %NULL. */
static guint
count_connections (KioskStationApi *self,
                   const char      *key,
                   gboolean         handshakes_only)
{
  guint count = 0;

  for (GList *l = self->connections.head; l != NULL; l = l->next)
    {
      Connection *connection = l->data;

      if (!connection->closing &&
          (key == NULL || strcmp (connection->key, key) == 0) &&
          (!handshakes_only || connection->stage == STAGE_HANDSHAKE))
        count++;
    }

  return count;
}

/* When all places are taken, the newcomer (whose client holds @held)
 * takes the place of the oldest waiting connection of the client that
 * holds the most, if that is more than the newcomer's would then be.
 */
static Connection *
find_place (KioskStationApi *self,
            guint            held)
{
  Connection *crowd = NULL;
  guint most = held + 1;

  for (GList *l = self->connections.head; l != NULL; l = l->next)
    {
      Connection *connection = l->data;
      guint count;

      if (connection->closing)
        continue;
      count = count_connections (self, connection->key, FALSE);
      if (count > most)
        {
          most = count;
          crowd = connection;
        }
    }

  if (crowd == NULL)
    return NULL;

  for (GList *l = self->connections.head; l != NULL; l = l->next)
    {
      Connection *connection = l->data;

      if (!connection->closing && strcmp (connection->key, crowd->key) == 0 &&
          connection->stage != STAGE_HANDSHAKE && connection->stage != STAGE_TRUSTED)
        return connection;
    }

  return NULL;
}

static Connection *
find_connection (KioskStationApi   *self,
                 SoupServerMessage *msg)
{
  GSocketAddress *remote = soup_server_message_get_remote_address (msg);

  for (GList *l = self->connections.head; l != NULL; l = l->next)
    {
      Connection *connection = l->data;

      if (connection->remote == remote)
        return connection;
    }

  return NULL;
}

/* Hands the connection to libsoup, which reads its request. */
static void
serve (Connection *connection,
       GIOStream  *stream)
{
  KioskStationApi *self = connection->api;
  g_autoptr(GSocketAddress) local = g_socket_get_local_address (connection->socket, NULL);
  g_autoptr(GError) error = NULL;

  if (local == NULL ||
      !soup_server_accept_iostream (self->server, stream, local, connection->remote, &error))
    {
      connection_drop (connection);
      return;
    }

  connection->stage = STAGE_REQUEST;
  set_deadline (connection, self->request_timeout_ms);
  connection->served = stream;
  g_object_weak_ref (G_OBJECT (stream), served_gone_cb, connection);
  g_clear_object (&connection->tls);
  g_clear_object (&connection->stream);
}

static void
handshake_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Connection *connection = user_data;
  KioskStationApi *self = connection->api;
  g_autoptr(GError) error = NULL;
  GTlsProtocolVersion version;

  g_tls_connection_handshake_finish (G_TLS_CONNECTION (source), result, &error);

  /* The API was dropped meanwhile. */
  if (self == NULL)
    {
      connection_drop (connection);
      return;
    }

  self->handshakes--;
  version = g_tls_connection_get_protocol_version (connection->tls);
  if (error != NULL || connection->closing)
    {
      g_debug ("Station API: no TLS handshake with %s: %s", connection->key,
               error != NULL ? error->message : "too late");
      connection_drop (connection);
    }
  else if (version != G_TLS_PROTOCOL_VERSION_TLS_1_2 &&
           version != G_TLS_PROTOCOL_VERSION_TLS_1_3)
    {
      g_debug ("Station API: %s negotiated a TLS version older than 1.2", connection->key);
      connection_drop (connection);
    }
  else
    {
      serve (connection, G_IO_STREAM (connection->tls));
    }

  start_handshakes (self);
}

static void
start_handshake (Connection *connection)
{
  KioskStationApi *self = connection->api;
  g_autoptr(GError) error = NULL;
  GIOStream *tls;

  tls = g_tls_server_connection_new (G_IO_STREAM (connection->stream), self->certificate, &error);
  if (tls == NULL)
    {
      g_warning ("Station API: cannot start TLS: %s", error->message);
      connection_drop (connection);
      return;
    }

  connection->tls = G_TLS_CONNECTION (tls);
  connection->stage = STAGE_HANDSHAKE;
  set_deadline (connection, self->handshake_timeout_ms);
  self->handshakes++;
  g_tls_connection_handshake_async (connection->tls, G_PRIORITY_DEFAULT, connection->cancellable,
                                    handshake_done_cb, connection);
}

/* How long @key must wait before it may start a handshake, in
 * microseconds: 0 when it may now. Each client has a budget of
 * HANDSHAKE_BURST handshakes, which comes back at one per
 * HANDSHAKE_INTERVAL; what is kept is when the budget will be whole
 * again.
 */
static gint64
handshake_wait (KioskStationApi *self,
                const char      *key,
                gint64           now)
{
  gint64 *whole_at = g_hash_table_lookup (self->handshake_budgets, key);
  gint64 allowed_at;

  if (whole_at == NULL)
    return 0;
  allowed_at = *whole_at - (HANDSHAKE_BURST - 1) * HANDSHAKE_INTERVAL;
  return MAX (allowed_at - now, 0);
}

static void
spend_handshake (KioskStationApi *self,
                 const char      *key,
                 gint64           now)
{
  gint64 *whole_at = g_hash_table_lookup (self->handshake_budgets, key);

  if (whole_at == NULL)
    {
      /* Forget the clients whose budget is whole again; many addresses
       * at once are no reason to grow without end.
       */
      if (g_hash_table_size (self->handshake_budgets) >= MAX_CLIENTS)
        {
          GHashTableIter iter;
          gpointer budget;

          g_hash_table_iter_init (&iter, self->handshake_budgets);
          while (g_hash_table_iter_next (&iter, NULL, &budget))
            {
              if (*(gint64 *) budget <= now)
                g_hash_table_iter_remove (&iter);
            }
          if (g_hash_table_size (self->handshake_budgets) >= MAX_CLIENTS)
            g_hash_table_remove_all (self->handshake_budgets);
        }
      whole_at = g_new (gint64, 1);
      *whole_at = now;
      g_hash_table_insert (self->handshake_budgets, g_strdup (key), whole_at);
    }

  *whole_at = MAX (*whole_at, now) + HANDSHAKE_INTERVAL;
}

static gboolean
handshake_retry_cb (gpointer user_data)
{
  KioskStationApi *self = user_data;

  g_clear_pointer (&self->handshake_retry, g_source_unref);
  start_handshakes (self);
  return G_SOURCE_REMOVE;
}

/* Starts as many waiting handshakes as there may be running, each time
 * for the client that has the fewest running, among those whose budget
 * allows one: a crowd at one address does not keep the desk waiting
 * behind it.
 */
static void
start_handshakes (KioskStationApi *self)
{
  gint64 now = g_get_monotonic_time ();
  gint64 shortest_wait = G_MAXINT64;

  while (self->handshakes < KIOSK_STATION_API_MAX_HANDSHAKES)
    {
      Connection *next = NULL;
      guint fewest = G_MAXUINT;

      for (GList *l = self->connections.head; l != NULL; l = l->next)
        {
          Connection *connection = l->data;
          gint64 wait;
          guint running;

          if (connection->stage != STAGE_QUEUED || connection->closing)
            continue;
          wait = handshake_wait (self, connection->key, now);
          if (wait > 0)
            {
              shortest_wait = MIN (shortest_wait, wait);
              continue;
            }
          running = count_connections (self, connection->key, TRUE);
          if (running < fewest)
            {
              fewest = running;
              next = connection;
            }
        }

      if (next == NULL)
        break;
      spend_handshake (self, next->key, now);
      start_handshake (next);
    }

  if (shortest_wait < G_MAXINT64 && self->handshake_retry == NULL)
    {
      self->handshake_retry = g_timeout_source_new (shortest_wait / 1000 + 1);
      g_source_set_callback (self->handshake_retry, handshake_retry_cb, self, NULL);
      g_source_attach (self->handshake_retry, self->context);
    }
}

static void
set_receive_low_water (Connection *connection,
                       int         bytes)
{
  setsockopt (g_socket_get_fd (connection->socket), SOL_SOCKET, SO_RCVLOWAT, &bytes,
              sizeof bytes);
}

/* A fatal protocol_version alert, so that the client says why. */
static void
refuse_tls_version (Connection *connection,
                    gsize       hello_length)
{
  static const guint8 alert[] = { 0x15, 0x03, 0x01, 0x00, 0x02, 0x02, 0x46 };
  int fd = g_socket_get_fd (connection->socket);
  g_autofree guint8 *hello = g_malloc (hello_length);

  /* What was only peeked at is read first: closing a socket with unread
   * data resets the connection, and the alert would be lost.
   */
  if (recv (fd, hello, hello_length, MSG_DONTWAIT) == (gssize) hello_length)
    send (fd, alert, sizeof alert, MSG_DONTWAIT | MSG_NOSIGNAL);
  g_debug ("Station API: refusing a TLS version older than 1.2 from %s", connection->key);
}

/* Runs when the socket holds at least the bytes asked for with
 * set_receive_low_water(), or has ended: the kernel keeps what a slow
 * client sends until its whole first record is there, and no thread
 * waits for it.
 */
static gboolean
hello_cb (GSocket      *socket,
          GIOCondition  condition,
          gpointer      user_data)
{
  Connection *connection = user_data;
  guint8 record[TLS_RECORD_HEADER + TLS_MAX_RECORD];
  gsize record_length;
  gssize length;

  length = recv (g_socket_get_fd (socket), record, sizeof record, MSG_PEEK | MSG_DONTWAIT);
  if (length < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
    return G_SOURCE_CONTINUE;

  /* Gone, or not TLS: plain http on the https port is no mistake to
   * answer.
   */
  if (length <= 0 || record[0] != TLS_HANDSHAKE)
    {
      connection_drop (connection);
      return G_SOURCE_REMOVE;
    }

  if (length < TLS_RECORD_HEADER)
    return G_SOURCE_CONTINUE;

  record_length = (gsize) record[3] << 8 | record[4];
  if (record_length < 6 || record_length > TLS_MAX_RECORD)
    {
      connection_drop (connection);
      return G_SOURCE_REMOVE;
    }

  if ((gsize) length < TLS_RECORD_HEADER + record_length)
    {
      set_receive_low_water (connection, TLS_RECORD_HEADER + record_length);
      return G_SOURCE_CONTINUE;
    }

  /* The highest version the client offers is 0x0303 or more for TLS 1.2
   * and 1.3 alike; glib-networking 2.74 offers no way to refuse older
   * ones on a connection of ours, so they are refused here, before any
   * key exchange, and checked again once the handshake is over.
   */
  if (record[5] != TLS_CLIENT_HELLO ||
      ((guint) record[9] << 8 | record[10]) < TLS_VERSION_1_2)
    {
      if (record[5] == TLS_CLIENT_HELLO)
        refuse_tls_version (connection, TLS_RECORD_HEADER + record_length);
      connection_drop (connection);
      return G_SOURCE_REMOVE;
    }

  /* Its turn may come only when a stalled handshake reaches its
   * deadline: the wait has a deadline of its own, later than theirs.
   */
  set_receive_low_water (connection, 1);
  g_clear_pointer (&connection->hello_source, g_source_unref);
  connection->stage = STAGE_QUEUED;
  set_deadline (connection, connection->api->handshake_timeout_ms);
  start_handshakes (connection->api);
  return G_SOURCE_REMOVE;
}

static void
wait_for_hello (Connection *connection)
{
  set_receive_low_water (connection, TLS_RECORD_HEADER);
  connection->hello_source = g_socket_create_source (connection->socket, G_IO_IN, NULL);
  g_source_set_callback (connection->hello_source, G_SOURCE_FUNC (hello_cb), connection, NULL);
  g_source_attach (connection->hello_source, connection->api->context);
}

/* A flood would fill the journal with a line per connection: one line a
 * minute says that it happens, and who was last refused.
 */
static void
report_refusal (KioskStationApi *self,
                const char      *key)
{
  gint64 now = g_get_monotonic_time ();

  self->refusals++;
  if (self->last_refusal_report != 0 &&
      now - self->last_refusal_report < REFUSAL_REPORT_INTERVAL * G_USEC_PER_SEC)
    return;

  g_message ("Station API: too many connections; %u refused since the last report, the last "
             "from %s", self->refusals, key);
  self->refusals = 0;
  self->last_refusal_report = now;
}

static void
admit (KioskStationApi *self,
       GSocket         *socket)
{
  g_autoptr(GSocketAddress) remote = g_socket_get_remote_address (socket, NULL);
  g_autofree char *key = NULL;
  Connection *connection;
  guint held;

  /* The client is already gone. */
  if (remote == NULL)
    return;

  key = address_key (remote);
  held = count_connections (self, key, FALSE);
  if (held >= KIOSK_STATION_API_MAX_CONNECTIONS_PER_CLIENT)
    {
      report_refusal (self, key);
      return;
    }

  if (count_connections (self, NULL, FALSE) >= KIOSK_STATION_API_MAX_CONNECTIONS)
    {
      Connection *place = find_place (self, held);

      if (place == NULL)
        {
          report_refusal (self, key);
          return;
        }
      g_debug ("Station API: closing a waiting connection of %s for one of %s",
               place->key, key);
      connection_end (place);
    }

  connection = g_new0 (Connection, 1);
  connection->api = self;
  connection->socket = g_object_ref (socket);
  connection->remote = g_steal_pointer (&remote);
  connection->key = g_steal_pointer (&key);
  connection->cancellable = g_cancellable_new ();
  connection->stream = g_socket_connection_factory_create_connection (socket);
  g_socket_set_option (socket, IPPROTO_TCP, TCP_NODELAY, TRUE, NULL);
  g_queue_push_tail (&self->connections, connection);

  if (self->certificate == NULL)
    {
      serve (connection, G_IO_STREAM (connection->stream));
      return;
    }

  connection->stage = STAGE_HELLO;
  set_deadline (connection, self->handshake_timeout_ms);
  wait_for_hello (connection);
}

static void start_accepting (KioskStationApi *self);

static gboolean
accept_retry_cb (gpointer user_data)
{
  KioskStationApi *self = user_data;

  g_clear_pointer (&self->accept_retry, g_source_unref);
  start_accepting (self);
  return G_SOURCE_REMOVE;
}

/* A few at a time: the kiosk's main loop draws the resident's screen
 * too.
 */
static gboolean
accept_cb (GSocket      *listen_socket,
           GIOCondition  condition,
           gpointer      user_data)
{
  KioskStationApi *self = user_data;

  for (guint i = 0; i < ACCEPTS_PER_DISPATCH; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSocket) socket = g_socket_accept (listen_socket, NULL, &error);

      if (socket != NULL)
        {
          admit (self, socket);
          continue;
        }

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        return G_SOURCE_CONTINUE;

      /* Out of file descriptors, most likely, because of something else:
       * the socket stays readable, and trying again at once would spin.
       */
      g_debug ("Station API: cannot accept a connection: %s", error->message);
      g_clear_pointer (&self->accept_source, g_source_unref);
      self->accept_retry = g_timeout_source_new (ACCEPT_RETRY_MS);
      g_source_set_callback (self->accept_retry, accept_retry_cb, self, NULL);
      g_source_attach (self->accept_retry, self->context);
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

static void
start_accepting (KioskStationApi *self)
{
  self->accept_source = g_socket_create_source (self->listen_socket, G_IO_IN, NULL);
  g_source_set_callback (self->accept_source, G_SOURCE_FUNC (accept_cb), self, NULL);
  g_source_attach (self->accept_source, self->context);
}

/* The API is going: connections in a handshake are left to end in their
 * thread, all others are closed now.
 */
static void
close_connections (KioskStationApi *self)
{
  Connection *connection;

  while ((connection = g_queue_pop_head (&self->connections)) != NULL)
    {
      connection->api = NULL;
      if (connection->stage == STAGE_HANDSHAKE)
        {
          connection->closing = TRUE;
          clear_source (&connection->deadline);
          g_cancellable_cancel (connection->cancellable);
          shutdown (g_socket_get_fd (connection->socket), SHUT_RDWR);
        }
      else
        {
          connection_drop (connection);
        }
    }
}

/* Request handling */

static void
got_chunk_cb (SoupServerMessage *msg,
              GBytes            *chunk,
              gpointer           user_data)
{
  Request *request = message_get_request (msg);
  gsize size = g_bytes_get_size (chunk);

  request->received = request->received > G_MAXSIZE - size ? G_MAXSIZE
                                                           : request->received + size;

  if (request->received > KIOSK_STATION_API_MAX_BODY)
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
  message_get_request (msg)->gone = TRUE;
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

static const Route *
find_route (const char *path)
{
  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    {
      if (strcmp (routes[i].path, path) == 0)
        return &routes[i];
    }

  return NULL;
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
  Request *request = message_get_request (msg);
  g_autofree char *key = client_key (msg);
  gint64 now = api_now (self);
  Client *client = g_hash_table_lookup (self->clients, key);
  Connection *connection;
  const Route *route;

  g_assert (request != NULL);

  /* A throttled client learns nothing, not even whether its token is
   * right, until its delay has passed.
   */
  if (client != NULL && client->blocked_until > now)
    {
      respond_throttled (msg, client->blocked_until - now);
      return;
    }

  if (!is_authorized (self, msg))
    {
      count_failure (self, key, now);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "WWW-Authenticate", "Bearer realm=\"pimms-kiosk\"");
      respond_error (msg, SOUP_STATUS_UNAUTHORIZED, "a valid token is needed");
      return;
    }
  g_hash_table_remove (self->clients, key);

  /* The desk may take its time, for a long usage export. */
  connection = find_connection (self, msg);
  if (connection != NULL && connection->stage == STAGE_REQUEST)
    {
      connection->stage = STAGE_TRUSTED;
      clear_source (&connection->deadline);
    }

  route = find_route (path);
  if (route == NULL)
    {
      respond_error (msg, SOUP_STATUS_NOT_FOUND, "no such resource");
      return;
    }

  if (strcmp (soup_server_message_get_method (msg), route->method) != 0)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow",
                                    route->method);
      respond_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "method not allowed here");
      return;
    }

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > KIOSK_STATION_API_MAX_BODY)
    {
      request->too_large = TRUE;
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Connection", "close");
      respond_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "the request body is too large");
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
  Request *request = message_get_request (msg);

  g_assert (request != NULL && request->accepted);

  if (request->too_large)
    {
      respond_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "the request body is too large");
      return;
    }

  request->route->func (self, msg, request, query);
}

/* Object */

static void
kiosk_station_api_dispose (GObject *object)
{
  KioskStationApi *self = KIOSK_STATION_API (object);

  g_cancellable_cancel (self->cancellable);
  clear_source (&self->accept_source);
  clear_source (&self->accept_retry);
  clear_source (&self->handshake_retry);
  if (self->listen_socket != NULL)
    g_socket_close (self->listen_socket, NULL);
  g_clear_object (&self->listen_socket);
  close_connections (self);
  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_clear_pointer (&self->clients, g_hash_table_unref);
  g_clear_pointer (&self->handshake_budgets, g_hash_table_unref);

  if (self->status_data_free != NULL)
    g_clear_pointer (&self->status_data, self->status_data_free);
  self->status_func = NULL;

  G_OBJECT_CLASS (kiosk_station_api_parent_class)->dispose (object);
}

static void
kiosk_station_api_finalize (GObject *object)
{
  KioskStationApi *self = KIOSK_STATION_API (object);

  g_free (self->station);
  g_free (self->site);
  g_free (self->version);
  g_free (self->usage_path);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->certificate);
  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (kiosk_station_api_parent_class)->finalize (object);
}

static void
kiosk_station_api_class_init (KioskStationApiClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kiosk_station_api_dispose;
  object_class->finalize = kiosk_station_api_finalize;

  request_quark = g_quark_from_static_string ("kiosk-station-api-request");

  /**
   * KioskStationApi::reset-requested:
   * @self: the API
   *
   * The desk asks to end the user session (reason %KIOSK_END_REMOTE).
   *
   * Returns: %TRUE if the station does it, %FALSE to answer 409 Conflict
   */
  signals[RESET_REQUESTED] =
    g_signal_new ("reset-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  g_signal_accumulator_true_handled, NULL, NULL, G_TYPE_BOOLEAN, 0);

  /**
   * KioskStationApi::out-of-service-requested:
   * @self: the API
   * @message: what the out-of-service screen says, at most 500 characters
   *
   * The desk asks to take the station out of service.
   *
   * Returns: %TRUE if the station does it, %FALSE to answer 409 Conflict
   */
  signals[OUT_OF_SERVICE_REQUESTED] =
    g_signal_new ("out-of-service-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  g_signal_accumulator_true_handled, NULL, NULL, G_TYPE_BOOLEAN, 1,
                  G_TYPE_STRING);

  /**
   * KioskStationApi::in-service-requested:
   * @self: the API
   *
   * The desk asks to put the station back in service. A station whose
   * configuration is broken refuses.
   *
   * Returns: %TRUE if the station does it, %FALSE to answer 409 Conflict
   */
  signals[IN_SERVICE_REQUESTED] =
    g_signal_new ("in-service-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  g_signal_accumulator_true_handled, NULL, NULL, G_TYPE_BOOLEAN, 0);
}

static void
kiosk_station_api_init (KioskStationApi *self)
{
  self->clients = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->clock_func = monotonic_clock;
  self->cancellable = g_cancellable_new ();
  g_queue_init (&self->connections);
  self->handshake_budgets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->handshake_timeout_ms = KIOSK_STATION_API_HANDSHAKE_TIMEOUT * 1000;
  self->request_timeout_ms = KIOSK_STATION_API_REQUEST_TIMEOUT * 1000;
}

/**
 * kiosk_station_api_new:
 * @station: the station id (StationId)
 * @site: the site the station belongs to (Site)
 * @version: the kiosk's version, reported with the status
 * @token: the bearer token every request must present, at least 16
 *   characters; only a digest of it is kept
 * @status_func: tells the API what the station is doing
 * @user_data: for @status_func
 * @user_data_free: (nullable): frees @user_data when the API is disposed
 *
 * Creates the API; it answers nothing until kiosk_station_api_listen().
 * The station's actions come as the signals
 * #KioskStationApi::reset-requested,
 * #KioskStationApi::out-of-service-requested and
 * #KioskStationApi::in-service-requested.
 *
 * Returns: (transfer full): a new #KioskStationApi
 */
KioskStationApi *
kiosk_station_api_new (const char             *station,
                       const char             *site,
                       const char             *version,
                       const char             *token,
                       KioskStationStatusFunc  status_func,
                       gpointer                user_data,
                       GDestroyNotify          user_data_free)
{
  KioskStationApi *self;

  g_return_val_if_fail (station != NULL, NULL);
  g_return_val_if_fail (site != NULL, NULL);
  g_return_val_if_fail (version != NULL, NULL);
  g_return_val_if_fail (token != NULL && strlen (token) >= MIN_TOKEN_LENGTH, NULL);
  g_return_val_if_fail (status_func != NULL, NULL);

  self = g_object_new (KIOSK_TYPE_STATION_API, NULL);
  self->station = g_strdup (station);
  self->site = g_strdup (site);
  self->version = g_strdup (version);
  token_digest (token, self->token_digest);
  self->status_func = status_func;
  self->status_data = user_data;
  self->status_data_free = user_data_free;

  /* No Server header: a version tells an attacker which holes to try. */
  self->server = soup_server_new ("server-header", NULL, NULL);
  g_signal_connect_object (self->server, "request-started", G_CALLBACK (request_started_cb),
                           self, 0);
  soup_server_add_early_handler (self->server, NULL, early_handler_cb, self, NULL);
  soup_server_add_handler (self->server, NULL, handler_cb, self, NULL);

  return self;
}

/**
 * kiosk_station_api_set_usage_path:
 * @self: a #KioskStationApi
 * @path: (nullable): the station's usage counts (usage.db), or %NULL
 *
 * Makes GET /api/v1/usage export the counts of @path as CSV. Without it,
 * that path answers 404.
 */
void
kiosk_station_api_set_usage_path (KioskStationApi *self,
                                  const char      *path)
{
  g_return_if_fail (KIOSK_IS_STATION_API (self));

  g_free (self->usage_path);
  self->usage_path = g_strdup (path);
}

static GSocketAddress *
parse_listen_address (const char  *host_port,
                      GError     **error)
{
  g_autoptr(GInetAddress) address = NULL;
  g_autofree char *host = NULL;
  const char *port_text = NULL;
  guint64 port = 0;

  if (host_port[0] == '[')
    {
      const char *end = strchr (host_port, ']');

      if (end != NULL && end[1] == ':')
        {
          host = g_strndup (host_port + 1, end - host_port - 1);
          port_text = end + 2;
        }
    }
  else
    {
      const char *colon = strrchr (host_port, ':');

      if (colon != NULL)
        {
          host = g_strndup (host_port, colon - host_port);
          port_text = colon + 1;
        }
    }

  if (host != NULL)
    address = g_inet_address_new_from_string (host);

  /* Brackets go around an IPv6 address, and only around one. */
  if (address == NULL ||
      (host_port[0] == '[') != (g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6) ||
      !g_ascii_string_to_unsigned (port_text, 10, 0, 65535, &port, NULL))
    {
      g_set_error (error, KIOSK_STATION_API_ERROR, KIOSK_STATION_API_ERROR_INVALID_ADDRESS,
                   "The station API address “%s” (RemoteListen) is not an IP address and a "
                   "port, like 0.0.0.0:8765 or [::]:8765", host_port);
      return NULL;
    }

  return g_inet_socket_address_new (address, port);
}

/**
 * kiosk_station_api_listen:
 * @self: a #KioskStationApi
 * @host_port: where to listen: an IP address and a port, like
 *   "0.0.0.0:8765" or "[::]:8765"; port 0 picks a free one
 * @certificate: (nullable): serve https with this certificate, see
 *   kiosk_station_api_load_certificate(), or %NULL for plain http
 * @error: return location for a #KioskStationApiError
 *
 * Starts answering on the thread-default main context, within the limits
 * of %KIOSK_STATION_API_MAX_CONNECTIONS and its siblings: TLS 1.2 or
 * later only, one request per connection.
 *
 * Returns: %TRUE if the API listens
 */
gboolean
kiosk_station_api_listen (KioskStationApi  *self,
                          const char       *host_port,
                          GTlsCertificate  *certificate,
                          GError          **error)
{
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GError) local_error = NULL;
  GSocketFamily family;

  g_return_val_if_fail (KIOSK_IS_STATION_API (self), FALSE);
  g_return_val_if_fail (host_port != NULL, FALSE);
  g_return_val_if_fail (certificate == NULL || G_IS_TLS_CERTIFICATE (certificate), FALSE);
  g_return_val_if_fail (!self->listening, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  address = parse_listen_address (host_port, error);
  if (address == NULL)
    return FALSE;

  family = g_socket_address_get_family (address);
  socket = g_socket_new (family, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &local_error);
  if (socket != NULL)
    {
      /* "[::]" means IPv6 only, as it did when libsoup listened. */
      if (family == G_SOCKET_FAMILY_IPV6)
        g_socket_set_option (socket, IPPROTO_IPV6, IPV6_V6ONLY, TRUE, NULL);
      g_socket_set_blocking (socket, FALSE);
      g_socket_set_listen_backlog (socket, LISTEN_BACKLOG);
    }
  if (socket == NULL ||
      !g_socket_bind (socket, address, TRUE, &local_error) ||
      !g_socket_listen (socket, &local_error))
    {
      g_set_error (error, KIOSK_STATION_API_ERROR, KIOSK_STATION_API_ERROR_LISTEN,
                   "The station API could not listen on %s: %s", host_port,
                   local_error->message);
      return FALSE;
    }

  self->listen_socket = g_steal_pointer (&socket);
  self->certificate = certificate != NULL ? g_object_ref (certificate) : NULL;
  self->context = g_main_context_ref_thread_default ();
  start_accepting (self);
  self->listening = TRUE;
  g_debug ("Station API listening on %s over %s", host_port,
           certificate != NULL ? "https" : "http");
  return TRUE;
}

/**
 * kiosk_station_api_get_port:
 * @self: a #KioskStationApi
 *
 * Returns: the port the API listens on, useful after asking for port 0,
 *   or 0 when it does not listen
 */
guint
kiosk_station_api_get_port (KioskStationApi *self)
{
  g_autoptr(GSocketAddress) address = NULL;

  g_return_val_if_fail (KIOSK_IS_STATION_API (self), 0);

  if (self->listen_socket != NULL)
    address = g_socket_get_local_address (self->listen_socket, NULL);

  if (!G_IS_INET_SOCKET_ADDRESS (address))
    return 0;

  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address));
}

/**
 * kiosk_station_api_set_clock:
 * @self: a #KioskStationApi
 * @clock_func: (nullable): returns monotonic microseconds, or %NULL for
 *   g_get_monotonic_time()
 * @user_data: for @clock_func
 *
 * Lets tests move time forward through the delays imposed after failed
 * authentications instead of waiting minutes.
 */
void
kiosk_station_api_set_clock (KioskStationApi          *self,
                             KioskStationApiClockFunc  clock_func,
                             gpointer                  user_data)
{
  g_return_if_fail (KIOSK_IS_STATION_API (self));

  self->clock_func = clock_func != NULL ? clock_func : monotonic_clock;
  self->clock_data = clock_func != NULL ? user_data : NULL;
}

/**
 * kiosk_station_api_set_timeouts:
 * @self: a #KioskStationApi
 * @handshake_ms: how long a client has for each step of its TLS
 *   handshake (its ClientHello, its turn, the handshake), in milliseconds
 * @request_ms: how long it then has to send a request with the right
 *   token, in milliseconds
 *
 * Lets tests see a stalled client closed without waiting for
 * %KIOSK_STATION_API_HANDSHAKE_TIMEOUT and
 * %KIOSK_STATION_API_REQUEST_TIMEOUT; connections made afterwards get
 * these.
 */
void
kiosk_station_api_set_timeouts (KioskStationApi *self,
                                guint            handshake_ms,
                                guint            request_ms)
{
  g_return_if_fail (KIOSK_IS_STATION_API (self));
  g_return_if_fail (handshake_ms > 0 && request_ms > 0);

  self->handshake_timeout_ms = handshake_ms;
  self->request_timeout_ms = request_ms;
}
