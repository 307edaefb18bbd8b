/* kiosk-station-api-connections.c — the station API's listener, and the connections it holds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-station-api"

#include "config.h"

#include "kiosk-station-api-private.h"

#include <gio/gnetworking.h>
#include <string.h>
#include <sys/socket.h>

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

/* The kernel holds a burst of new connections (no file descriptor of
 * the kiosk's) until they are accepted, and beyond the limits closed; a
 * full queue would drop the desk's too, which tries again only a second
 * later.
 */
#define LISTEN_BACKLOG          1024
#define ACCEPTS_PER_DISPATCH    16
#define ACCEPT_RETRY_MS         100
#define REFUSAL_REPORT_INTERVAL 60  /* seconds */

/* One IPv6 host usually owns a whole /64: counting each of its addresses
 * apart would give it billions of tries.
 */
char *
kiosk_station_api_address_key (GSocketAddress *address)
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

static void connection_free (Connection *connection);

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
  kiosk_station_api_clear_source (&connection->hello_source);
  kiosk_station_api_clear_source (&connection->deadline);
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
void
kiosk_station_api_connection_drop (Connection *connection)
{
  if (connection->api != NULL)
    g_queue_remove (&connection->api->connections, connection);
  if (connection->stream != NULL)
    g_io_stream_close (G_IO_STREAM (connection->stream), NULL, NULL);
  connection_free (connection);
}

/* A thread in a handshake, or libsoup, may be reading the connection:
 * shutting the socket down wakes them up, and they close it.
 */
static void
connection_shut_down (Connection *connection)
{
  connection->closing = TRUE;
  kiosk_station_api_clear_source (&connection->deadline);
  g_cancellable_cancel (connection->cancellable);
  shutdown (g_socket_get_fd (connection->socket), SHUT_RDWR);
}

/* Ends a connection wherever it is. */
static void
connection_end (Connection *connection)
{
  if (connection->stage == STAGE_HELLO || connection->stage == STAGE_QUEUED)
    {
      kiosk_station_api_connection_drop (connection);
      return;
    }

  connection_shut_down (connection);
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

void
kiosk_station_api_connection_set_deadline (Connection *connection,
                                           guint       milliseconds)
{
  kiosk_station_api_clear_source (&connection->deadline);
  connection->deadline = g_timeout_source_new (milliseconds);
  g_source_set_callback (connection->deadline, deadline_cb, connection, NULL);
  g_source_attach (connection->deadline, connection->api->context);
}

/* Live connections of @key, or of everyone when it is %NULL. */
guint
kiosk_station_api_count_connections (KioskStationApi *self,
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
      count = kiosk_station_api_count_connections (self, connection->key, FALSE);
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

/* Lifts the deadline of the connection of @msg, which presented the
 * right token.
 */
void
kiosk_station_api_trust_connection (KioskStationApi   *self,
                                    SoupServerMessage *msg)
{
  GSocketAddress *remote = soup_server_message_get_remote_address (msg);

  for (GList *l = self->connections.head; l != NULL; l = l->next)
    {
      Connection *connection = l->data;

      if (connection->remote != remote)
        continue;
      if (connection->stage == STAGE_REQUEST)
        {
          connection->stage = STAGE_TRUSTED;
          kiosk_station_api_clear_source (&connection->deadline);
        }
      return;
    }
}

/* Hands the connection to libsoup, which reads its request. */
void
kiosk_station_api_connection_serve (Connection *connection,
                                    GIOStream  *stream)
{
  KioskStationApi *self = connection->api;
  g_autoptr(GSocketAddress) local = g_socket_get_local_address (connection->socket, NULL);
  g_autoptr(GError) error = NULL;

  if (local == NULL ||
      !soup_server_accept_iostream (self->server, stream, local, connection->remote, &error))
    {
      kiosk_station_api_connection_drop (connection);
      return;
    }

  connection->stage = STAGE_REQUEST;
  kiosk_station_api_connection_set_deadline (connection, self->request_timeout_ms);
  connection->served = stream;
  g_object_weak_ref (G_OBJECT (stream), served_gone_cb, connection);
  g_clear_object (&connection->tls);
  g_clear_object (&connection->stream);
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

  key = kiosk_station_api_address_key (remote);
  held = kiosk_station_api_count_connections (self, key, FALSE);
  if (held >= KIOSK_STATION_API_MAX_CONNECTIONS_PER_CLIENT)
    {
      report_refusal (self, key);
      return;
    }

  if (kiosk_station_api_count_connections (self, NULL, FALSE) >= KIOSK_STATION_API_MAX_CONNECTIONS)
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
      kiosk_station_api_connection_serve (connection, G_IO_STREAM (connection->stream));
      return;
    }

  connection->stage = STAGE_HELLO;
  kiosk_station_api_connection_set_deadline (connection, self->handshake_timeout_ms);
  kiosk_station_api_tls_wait_for_hello (connection);
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
void
kiosk_station_api_close_connections (KioskStationApi *self)
{
  Connection *connection;

  while ((connection = g_queue_pop_head (&self->connections)) != NULL)
    {
      connection->api = NULL;
      if (connection->stage == STAGE_HANDSHAKE)
        connection_shut_down (connection);
      else
        kiosk_station_api_connection_drop (connection);
    }
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
