/* kiosk-station-api-auth.c — the station API's token checked, and failed tries made to wait
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-station-api"

#include "config.h"

#include "kiosk-station-api-private.h"

#include <string.h>

#define CLIENT_MEMORY_SECONDS (60 * 60)

/* A client whose last authentications failed. */
typedef struct
{
  guint  failures;
  gint64 blocked_until;
  gint64 last_failure;
} Client;

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

/* Only a digest of the token is kept, and compared. */
void
kiosk_station_api_auth_set_token (KioskStationApi *self,
                                  const char      *token)
{
  token_digest (token, self->token_digest);
}

static gint64
api_now (KioskStationApi *self)
{
  return self->clock_func (self->clock_data);
}

static char *
client_key (SoupServerMessage *msg)
{
  return kiosk_station_api_address_key (soup_server_message_get_remote_address (msg));
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
  kiosk_station_api_respond_error (msg, STATUS_TOO_MANY_REQUESTS,
                                   "too many failed authentications from this address; "
                                   "try again later");
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

/* Runs once the headers of @msg are read. Returns %TRUE if it presents
 * the right token; otherwise @msg is answered, 401 or 429, without its
 * body.
 */
gboolean
kiosk_station_api_auth_check (KioskStationApi   *self,
                              SoupServerMessage *msg)
{
  g_autofree char *key = client_key (msg);
  gint64 now = api_now (self);
  Client *client = g_hash_table_lookup (self->clients, key);

  /* A throttled client learns nothing, not even whether its token is
   * right, until its delay has passed.
   */
  if (client != NULL && client->blocked_until > now)
    {
      respond_throttled (msg, client->blocked_until - now);
      return FALSE;
    }

  if (!is_authorized (self, msg))
    {
      count_failure (self, key, now);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "WWW-Authenticate", "Bearer realm=\"pimms-kiosk\"");
      kiosk_station_api_respond_error (msg, SOUP_STATUS_UNAUTHORIZED, "a valid token is needed");
      return FALSE;
    }
  g_hash_table_remove (self->clients, key);
  self->last_desk_request = now;

  return TRUE;
}

/**
 * kiosk_station_api_desk_is_listening:
 * @self: a #KioskStationApi
 *
 * Whether a desk asked the station something, with the right token, in
 * the last %KIOSK_STATION_API_DESK_LISTENING_SECONDS: a console that
 * polls it (every 5 s by default) sees a resident's call for help, so
 * the station may tell the resident that a médiateur was told.
 *
 * Returns: %TRUE if a desk is listening
 */
gboolean
kiosk_station_api_desk_is_listening (KioskStationApi *self)
{
  g_return_val_if_fail (KIOSK_IS_STATION_API (self), FALSE);

  return self->last_desk_request != 0 &&
         api_now (self) - self->last_desk_request <
           KIOSK_STATION_API_DESK_LISTENING_SECONDS * G_USEC_PER_SEC;
}
