/* kiosk-station-api-tls.c — the station API's TLS: the whole ClientHello, then handshakes in turn
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-station-api"

#include "config.h"

#include "kiosk-station-api-private.h"

#include <errno.h>
#include <sys/socket.h>

/* Each handshake also costs the main thread about 10 ms before it goes
 * to its thread (GnuTLS checks the key against the certificate for every
 * connection): a client may start KIOSK_STATION_API_HANDSHAKE_BURST at
 * once, then one a second, so that a few addresses starting handshakes
 * in a loop cannot take the time the resident's screen needs. A desk
 * asks once every few seconds.
 */
#define HANDSHAKE_BURST         KIOSK_STATION_API_HANDSHAKE_BURST
#define HANDSHAKE_INTERVAL      G_USEC_PER_SEC

/* A TLS record: its header, and the largest a ClientHello may use. */
#define TLS_RECORD_HEADER    5
#define TLS_MAX_RECORD       (16 * 1024)
#define TLS_HANDSHAKE        0x16
#define TLS_CLIENT_HELLO     0x01
#define TLS_VERSION_1_2      0x0303

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
      kiosk_station_api_connection_drop (connection);
      return;
    }

  self->handshakes--;
  version = g_tls_connection_get_protocol_version (connection->tls);
  if (error != NULL || connection->closing)
    {
      g_debug ("Station API: no TLS handshake with %s: %s", connection->key,
               error != NULL ? error->message : "too late");
      kiosk_station_api_connection_drop (connection);
    }
  else if (version != G_TLS_PROTOCOL_VERSION_TLS_1_2 &&
           version != G_TLS_PROTOCOL_VERSION_TLS_1_3)
    {
      g_debug ("Station API: %s negotiated a TLS version older than 1.2", connection->key);
      kiosk_station_api_connection_drop (connection);
    }
  else
    {
      kiosk_station_api_connection_serve (connection, G_IO_STREAM (connection->tls));
    }

  kiosk_station_api_tls_start_handshakes (self);
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
      kiosk_station_api_connection_drop (connection);
      return;
    }

  connection->tls = G_TLS_CONNECTION (tls);
  connection->stage = STAGE_HANDSHAKE;
  kiosk_station_api_connection_set_deadline (connection, self->handshake_timeout_ms);
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
  kiosk_station_api_tls_start_handshakes (self);
  return G_SOURCE_REMOVE;
}

/* Starts as many waiting handshakes as there may be running, each time
 * for the client that has the fewest running, among those whose budget
 * allows one: a crowd at one address does not keep the desk waiting
 * behind it.
 */
void
kiosk_station_api_tls_start_handshakes (KioskStationApi *self)
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
          running = kiosk_station_api_count_connections (self, connection->key, TRUE);
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
      kiosk_station_api_connection_drop (connection);
      return G_SOURCE_REMOVE;
    }

  if (length < TLS_RECORD_HEADER)
    return G_SOURCE_CONTINUE;

  record_length = (gsize) record[3] << 8 | record[4];
  if (record_length < 6 || record_length > TLS_MAX_RECORD)
    {
      kiosk_station_api_connection_drop (connection);
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
      kiosk_station_api_connection_drop (connection);
      return G_SOURCE_REMOVE;
    }

  /* Its turn may come only when a stalled handshake reaches its
   * deadline: the wait has a deadline of its own, later than theirs.
   */
  set_receive_low_water (connection, 1);
  g_clear_pointer (&connection->hello_source, g_source_unref);
  connection->stage = STAGE_QUEUED;
  kiosk_station_api_connection_set_deadline (connection, connection->api->handshake_timeout_ms);
  kiosk_station_api_tls_start_handshakes (connection->api);
  return G_SOURCE_REMOVE;
}

void
kiosk_station_api_tls_wait_for_hello (Connection *connection)
{
  set_receive_low_water (connection, TLS_RECORD_HEADER);
  connection->hello_source = g_socket_create_source (connection->socket, G_IO_IN, NULL);
  g_source_set_callback (connection->hello_source, G_SOURCE_FUNC (hello_cb), connection, NULL);
  g_source_attach (connection->hello_source, connection->api->context);
}

