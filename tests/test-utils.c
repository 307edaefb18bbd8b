/* test-utils.c — shared helpers: a local web server, configs, main loops
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-test"

#include "config.h"

#include "test-utils.h"

#include <math.h>
#include <signal.h>
#include <string.h>

typedef struct
{
  char *content_type;
  char *body;
  gsize body_length;
  char *header_name;
  char *header_value;
  char *location;
  char *authorization;
} Page;

static void
page_free (gpointer data)
{
  Page *page = data;

  g_free (page->content_type);
  g_free (page->body);
  g_free (page->header_name);
  g_free (page->header_value);
  g_free (page->location);
  g_free (page->authorization);
  g_free (page);
}

static void
request_free (gpointer data)
{
  KioskTestRequest *request = data;

  g_free (request->host);
  g_free (request->path);
  g_free (request->cookie);
  g_free (request->accept_language);
  g_free (request);
}

static void
server_callback (SoupServer        *server,
                 SoupServerMessage *message,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  KioskTestServer *self = user_data;
  GUri *uri = soup_server_message_get_uri (message);
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (message);
  KioskTestRequest *request;
  g_autofree char *key = NULL;
  Page *page;

  request = g_new0 (KioskTestRequest, 1);
  request->host = g_strdup (g_uri_get_host (uri));
  request->path = g_strdup (g_uri_get_path (uri));
  request->cookie = g_strdup (soup_message_headers_get_one (request_headers, "Cookie"));
  request->accept_language = g_strdup (soup_message_headers_get_one (request_headers,
                                                                     "Accept-Language"));
  g_ptr_array_add (self->requests, request);

  key = g_strconcat (request->host, request->path, NULL);
  page = g_hash_table_lookup (self->pages, key);

  if (page == NULL)
    {
      soup_server_message_set_status (message, SOUP_STATUS_NOT_FOUND, NULL);
      soup_server_message_set_response (message, "text/html", SOUP_MEMORY_STATIC,
                                        "<title>Not found</title>", 24);
      return;
    }

  if (page->location != NULL)
    {
      soup_server_message_set_redirect (message, SOUP_STATUS_FOUND, page->location);
      return;
    }

  if (page->authorization != NULL &&
      g_strcmp0 (soup_message_headers_get_one (request_headers, "Authorization"),
                 page->authorization) != 0)
    {
      soup_message_headers_append (soup_server_message_get_response_headers (message),
                                   "WWW-Authenticate", "Basic realm=\"kiosk test\"");
      soup_server_message_set_status (message, SOUP_STATUS_UNAUTHORIZED, NULL);
      return;
    }

  if (page->header_name != NULL)
    soup_message_headers_append (soup_server_message_get_response_headers (message),
                                 page->header_name, page->header_value);

  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, page->content_type, SOUP_MEMORY_COPY,
                                    page->body, page->body_length);
}

static gboolean
read_request_head (GInputStream *input,
                   GString      *head)
{
  while (!g_str_has_suffix (head->str, "\r\n\r\n"))
    {
      char c;

      if (head->len > 64 * 1024 || g_input_stream_read (input, &c, 1, NULL, NULL) != 1)
        return FALSE;
      g_string_append_c (head, c);
    }

  return TRUE;
}

static gpointer
copy_stream_thread (gpointer data)
{
  GIOStream **streams = data;

  g_output_stream_splice (g_io_stream_get_output_stream (streams[1]),
                          g_io_stream_get_input_stream (streams[0]),
                          G_OUTPUT_STREAM_SPLICE_NONE, NULL, NULL);
  g_io_stream_close (streams[1], NULL, NULL);
  g_object_unref (streams[0]);
  g_object_unref (streams[1]);
  g_free (streams);

  return NULL;
}

/* The host of a CONNECT request's target, "www.caf.fr:443" → "www.caf.fr". */
static char *
connect_target_host (const char *target)
{
  const char *end = target + strcspn (target, ": \r\n");

  return g_strndup (target, end - target);
}

/* Copies @from to @to until either side closes, in a thread of its own. */
static void
relay_in_thread (GIOStream *from,
                 GIOStream *to)
{
  GIOStream **streams = g_new (GIOStream *, 2);

  streams[0] = g_object_ref (from);
  streams[1] = g_object_ref (to);
  g_thread_unref (g_thread_new ("kiosk-test-proxy", copy_stream_thread, streams));
}

/* An https connection through the proxy. By default it offers a
 * self-signed certificate, which the kiosk must refuse; once
 * kiosk_test_server_serve_https() was called, it offers one of the tests'
 * authority, which a kiosk under tests/with-test-network trusts, and serves
 * the pages through the TLS tunnel as it does over http.
 */
static gboolean
serve_connect (KioskTestServer   *self,
               GSocketConnection *connection,
               const char        *target)
{
  g_autoptr(GError) error = NULL;
  GOutputStream *output = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  gboolean trusted = g_atomic_int_get (&self->serve_https);
  g_autofree char *path = g_build_filename (g_getenv ("KIOSK_SOURCE_DIR"), "tests", "data",
                                            trusted ? "test-ca-server.pem" : "self-signed.pem",
                                            NULL);
  g_autoptr(GTlsCertificate) certificate = g_tls_certificate_new_from_file (path, &error);
  g_autoptr(GIOStream) tls = NULL;
  g_autoptr(GSocketClient) client = NULL;
  g_autoptr(GSocketConnection) upstream = NULL;
  const char *established = "HTTP/1.1 200 Connection established\r\n\r\n";

  g_assert_no_error (error);
  g_mutex_lock (&self->lock);
  self->tls_handshakes++;
  g_ptr_array_add (self->connect_hosts, connect_target_host (target));
  g_mutex_unlock (&self->lock);

  g_output_stream_write_all (output, established, strlen (established), NULL, NULL, NULL);
  tls = g_tls_server_connection_new (G_IO_STREAM (connection), certificate, NULL);
  if (tls != NULL && g_atomic_int_get (&self->client_certificate_required))
    g_object_set (tls, "authentication-mode", G_TLS_AUTHENTICATION_REQUIRED, NULL);
  if (tls == NULL || !g_tls_connection_handshake (G_TLS_CONNECTION (tls), NULL, NULL) ||
      !trusted)
    {
      /* The kiosk rejected the certificate, as it must a self-signed one. */
      if (tls != NULL)
        g_io_stream_close (tls, NULL, NULL);
      return FALSE;
    }

  client = g_socket_client_new ();
  upstream = g_socket_client_connect_to_host (client, "127.0.0.1", self->server_port, NULL,
                                              NULL);
  if (upstream == NULL)
    return FALSE;

  relay_in_thread (G_IO_STREAM (upstream), tls);
  g_output_stream_splice (g_io_stream_get_output_stream (G_IO_STREAM (upstream)),
                          g_io_stream_get_input_stream (tls),
                          G_OUTPUT_STREAM_SPLICE_NONE, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (upstream), NULL, NULL);
  return FALSE;
}

/* Runs in a thread of its own for each connection the kiosk opens. */
static gboolean
front_run_cb (GThreadedSocketService *service,
              GSocketConnection      *connection,
              GObject                *source,
              KioskTestServer        *self)
{
  g_autoptr(GString) head = g_string_new (NULL);
  GInputStream *input = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  g_autoptr(GSocketClient) client = NULL;
  g_autoptr(GSocketConnection) upstream = NULL;

  /* A proxy that is down, or a station whose network is: every
   * connection is closed at once, nothing is read nor served.
   */
  if (g_atomic_int_get (&self->unreachable))
    return FALSE;

  if (!read_request_head (input, head))
    return FALSE;

  if (g_str_has_prefix (head->str, "CONNECT "))
    return serve_connect (self, connection, head->str + strlen ("CONNECT "));

  client = g_socket_client_new ();
  upstream = g_socket_client_connect_to_host (client, "127.0.0.1", self->server_port, NULL,
                                              NULL);
  if (upstream == NULL ||
      !g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (upstream)),
                                  head->str, head->len, NULL, NULL, NULL))
    return FALSE;

  relay_in_thread (G_IO_STREAM (upstream), G_IO_STREAM (connection));

  g_output_stream_splice (g_io_stream_get_output_stream (G_IO_STREAM (upstream)), input,
                          G_OUTPUT_STREAM_SPLICE_NONE, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (upstream), NULL, NULL);
  return FALSE;
}

static void
listen_on_loopback (KioskTestServer *self)
{
  g_autoptr(GError) error = NULL;

  soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
}

/* The origin's own thread: it listens from there, so that its requests
 * are served by its main context, and stops there.
 */
static gpointer
origin_thread (gpointer data)
{
  KioskTestServer *self = data;

  g_main_context_push_thread_default (self->origin_context);
  listen_on_loopback (self);
  g_atomic_int_set (&self->origin_listening, TRUE);
  g_main_loop_run (self->origin_loop);
  soup_server_disconnect (self->server);
  g_main_context_pop_thread_default (self->origin_context);
  return NULL;
}

static gboolean
quit_origin_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static gboolean
origin_is_listening (gpointer data)
{
  KioskTestServer *self = data;

  return g_atomic_int_get (&self->origin_listening);
}

static KioskTestServer *
server_new (gboolean in_thread)
{
  g_autoptr(GError) error = NULL;
  KioskTestServer *self;
  GSList *uris;
  GUri *uri;

  self = g_new0 (KioskTestServer, 1);
  self->server = soup_server_new (NULL, NULL);
  self->pages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, page_free);
  self->requests = g_ptr_array_new_with_free_func (request_free);
  self->connect_hosts = g_ptr_array_new_with_free_func (g_free);

  soup_server_add_handler (self->server, NULL, server_callback, self, NULL);
  if (in_thread)
    {
      self->origin_context = g_main_context_new ();
      self->origin_loop = g_main_loop_new (self->origin_context, FALSE);
      self->origin_thread = g_thread_new ("kiosk-test-origin", origin_thread, self);
      g_assert_true (kiosk_test_wait_until (origin_is_listening, self, 10));
    }
  else
    {
      listen_on_loopback (self);
    }

  uris = soup_server_get_uris (self->server);
  uri = uris->data;
  self->server_port = g_uri_get_port (uri);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_mutex_init (&self->lock);
  self->front = g_threaded_socket_service_new (-1);
  g_signal_connect (self->front, "run", G_CALLBACK (front_run_cb), self);
  {
    g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
    g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
    g_autoptr(GSocketAddress) effective = NULL;

    g_socket_listener_add_address (G_SOCKET_LISTENER (self->front), address,
                                   G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL,
                                   &effective, &error);
    g_assert_no_error (error);
    self->proxy_uri = g_strdup_printf ("http://127.0.0.1:%u",
                                       g_inet_socket_address_get_port (
                                         G_INET_SOCKET_ADDRESS (effective)));
  }
  g_socket_service_start (self->front);

  return self;
}

/**
 * kiosk_test_server_new:
 *
 * Returns: (transfer full): a server listening on a free loopback port
 */
KioskTestServer *
kiosk_test_server_new (void)
{
  return server_new (FALSE);
}

/**
 * kiosk_test_server_new_in_thread:
 *
 * A server whose pages are served from a thread of its own, as a server
 * elsewhere would, whatever this program's main thread is busy with (a
 * kiosk window in the same process, drawing): for benchmarks. Its pages,
 * and any handler of its server, are added before the first request; its
 * handlers run in that thread; its requests are read once no more come.
 *
 * Returns: (transfer full): a server listening on a free loopback port
 */
KioskTestServer *
kiosk_test_server_new_in_thread (void)
{
  return server_new (TRUE);
}

void
kiosk_test_server_free (KioskTestServer *self)
{
  g_socket_service_stop (self->front);
  g_socket_listener_close (G_SOCKET_LISTENER (self->front));
  g_object_unref (self->front);
  if (self->origin_thread != NULL)
    {
      /* From within its loop: a quit before the loop runs would be lost. */
      g_main_context_invoke (self->origin_context, quit_origin_cb, self->origin_loop);
      g_thread_join (self->origin_thread);
      g_main_loop_unref (self->origin_loop);
      g_main_context_unref (self->origin_context);
    }
  else
    {
      soup_server_disconnect (self->server);
    }
  g_object_unref (self->server);
  g_hash_table_unref (self->pages);
  g_ptr_array_unref (self->requests);
  g_ptr_array_unref (self->connect_hosts);
  g_free (self->proxy_uri);
  g_free (self);
}

/**
 * kiosk_test_server_set_reachable:
 * @self: the server
 * @reachable: %FALSE to close every new connection to the proxy at once
 *
 * Connections already open through the proxy stay open: call it before
 * the kiosk's first request.
 */
void
kiosk_test_server_set_reachable (KioskTestServer *self,
                                 gboolean         reachable)
{
  g_atomic_int_set (&self->unreachable, !reachable);
}

/**
 * kiosk_test_server_require_client_certificate:
 * @self: the server
 *
 * From now on, the https handshake of the proxy also asks the kiosk for
 * a certificate of its own, as a site that signs its users in with one.
 */
void
kiosk_test_server_require_client_certificate (KioskTestServer *self)
{
  g_atomic_int_set (&self->client_certificate_required, TRUE);
}

/**
 * kiosk_test_server_add_page:
 * @self: the server
 * @host: the host the page belongs to, like "www.caf.fr"
 * @path: its path, like "/"
 * @html: the page
 * @set_cookie: (nullable): a Set-Cookie header to send with it
 */
void
kiosk_test_server_add_page (KioskTestServer *self,
                            const char      *host,
                            const char      *path,
                            const char      *html,
                            const char      *set_cookie)
{
  kiosk_test_server_add_resource (self, host, path, "text/html; charset=utf-8", html,
                                  set_cookie != NULL ? "Set-Cookie" : NULL, set_cookie);
}

/**
 * kiosk_test_server_add_resource:
 * @self: the server
 * @host: the host it belongs to
 * @path: its path
 * @content_type: its Content-Type
 * @body: its contents
 * @header_name: (nullable): one more response header, like "Cache-Control"
 * @header_value: (nullable): its value
 */
void
kiosk_test_server_add_resource (KioskTestServer *self,
                                const char      *host,
                                const char      *path,
                                const char      *content_type,
                                const char      *body,
                                const char      *header_name,
                                const char      *header_value)
{
  Page *page = g_new0 (Page, 1);

  page->content_type = g_strdup (content_type);
  page->body = g_strdup (body);
  page->body_length = strlen (body);
  page->header_name = g_strdup (header_name);
  page->header_value = g_strdup (header_value);
  g_hash_table_replace (self->pages, g_strconcat (host, path, NULL), page);
}

/**
 * kiosk_test_server_add_file:
 * @self: the server
 * @host: the host it belongs to
 * @path: its path
 * @content_type: its Content-Type
 * @contents: its contents, which may be binary
 * @file_name: (nullable): the name a Content-Disposition: attachment header
 *   suggests, or %NULL to send none
 */
void
kiosk_test_server_add_file (KioskTestServer *self,
                            const char      *host,
                            const char      *path,
                            const char      *content_type,
                            GBytes          *contents,
                            const char      *file_name)
{
  g_autofree char *disposition = NULL;
  g_autofree char *key = g_strconcat (host, path, NULL);
  Page *page;
  gsize length;
  gconstpointer data = g_bytes_get_data (contents, &length);

  if (file_name != NULL)
    disposition = g_strdup_printf ("attachment; filename=\"%s\"", file_name);
  kiosk_test_server_add_resource (self, host, path, content_type, "",
                                  disposition != NULL ? "Content-Disposition" : NULL,
                                  disposition);
  page = g_hash_table_lookup (self->pages, key);
  g_free (page->body);
  page->body = g_memdup2 (data, length);
  page->body_length = length;
}

/**
 * kiosk_test_server_require_password:
 * @self: the server
 * @host: the host of a page added before
 * @path: its path
 * @authorization: the Authorization header that opens it, like "Basic dTpw"
 *
 * Without it, the page answers 401 and asks for HTTP authentication.
 */
void
kiosk_test_server_require_password (KioskTestServer *self,
                                    const char      *host,
                                    const char      *path,
                                    const char      *authorization)
{
  g_autofree char *key = g_strconcat (host, path, NULL);
  Page *page = g_hash_table_lookup (self->pages, key);

  g_assert_nonnull (page);
  g_free (page->authorization);
  page->authorization = g_strdup (authorization);
}

/**
 * kiosk_test_server_add_redirect:
 * @self: the server
 * @host: the host the redirecting page belongs to
 * @path: its path
 * @location: where it sends the browser
 */
void
kiosk_test_server_add_redirect (KioskTestServer *self,
                                const char      *host,
                                const char      *path,
                                const char      *location)
{
  Page *page = g_new0 (Page, 1);

  page->location = g_strdup (location);
  g_hash_table_replace (self->pages, g_strconcat (host, path, NULL), page);
}

/**
 * kiosk_test_server_count_tls_handshakes:
 * @self: the server
 *
 * Returns: how many https connections the kiosk tried through the proxy
 */
guint
kiosk_test_server_count_tls_handshakes (KioskTestServer *self)
{
  guint count;

  g_mutex_lock (&self->lock);
  count = self->tls_handshakes;
  g_mutex_unlock (&self->lock);

  return count;
}

/**
 * kiosk_test_server_serve_https:
 * @self: the server
 *
 * From now on, https through the proxy is served with a certificate of
 * the tests' authority (tests/data/test-ca.pem), for the hosts that
 * tests/data/make-test-ca names. Only a kiosk run under tests/with-test-network
 * trusts it; any other keeps refusing it.
 */
void
kiosk_test_server_serve_https (KioskTestServer *self)
{
  g_atomic_int_set (&self->serve_https, TRUE);
}

/**
 * kiosk_test_server_listen_https_directly:
 * @self: the server
 *
 * Serves the same pages on https://127.0.0.1:443 with the certificate of
 * kiosk_test_server_serve_https(), for a kiosk without a proxy that looks
 * names up at the tests' resolver. Needs root, for the port.
 */
void
kiosk_test_server_listen_https_directly (KioskTestServer *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("KIOSK_SOURCE_DIR"), "tests", "data",
                                            "test-ca-server.pem", NULL);
  g_autoptr(GTlsCertificate) certificate = g_tls_certificate_new_from_file (path, &error);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 443);

  g_assert_no_error (error);
  g_object_set (self->server, "tls-certificate", certificate, NULL);
  soup_server_listen (self->server, address, SOUP_SERVER_LISTEN_HTTPS, &error);
  g_assert_no_error (error);
}

/**
 * kiosk_test_server_count_connects:
 * @self: the server
 * @host: a host
 *
 * Returns: how many times the kiosk asked the proxy for a tunnel (CONNECT)
 *   to @host, whatever came of it: a connection a site may log
 */
guint
kiosk_test_server_count_connects (KioskTestServer *self,
                                  const char      *host)
{
  guint count = 0;

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->connect_hosts->len; i++)
    {
      if (g_ascii_strcasecmp (g_ptr_array_index (self->connect_hosts, i), host) == 0)
        count++;
    }
  g_mutex_unlock (&self->lock);

  return count;
}

/**
 * kiosk_test_server_count_path:
 * @self: the server
 * @path: a path
 *
 * Returns: how many requests for @path, on any host, reached the server
 */
guint
kiosk_test_server_count_path (KioskTestServer *self,
                              const char      *path)
{
  guint count = 0;

  for (guint i = 0; i < self->requests->len; i++)
    {
      KioskTestRequest *request = g_ptr_array_index (self->requests, i);

      if (g_strcmp0 (request->path, path) == 0)
        count++;
    }

  return count;
}

/**
 * kiosk_test_server_count_requests:
 * @self: the server
 * @host: a host
 *
 * Returns: how many requests for @host reached the server
 */
guint
kiosk_test_server_count_requests (KioskTestServer *self,
                                  const char      *host)
{
  guint count = 0;

  for (guint i = 0; i < self->requests->len; i++)
    {
      KioskTestRequest *request = g_ptr_array_index (self->requests, i);

      if (g_strcmp0 (request->host, host) == 0)
        count++;
    }

  return count;
}

/**
 * kiosk_test_server_last_request:
 * @self: the server
 * @host: a host
 *
 * Returns: (nullable): the last request for @host, if any
 */
const KioskTestRequest *
kiosk_test_server_last_request (KioskTestServer *self,
                                const char      *host)
{
  for (guint i = self->requests->len; i > 0; i--)
    {
      KioskTestRequest *request = g_ptr_array_index (self->requests, i - 1);

      if (g_strcmp0 (request->host, host) == 0)
        return request;
    }

  return NULL;
}

/**
 * kiosk_test_isolate_process_dirs:
 *
 * Points HOME and the XDG folders at one new temporary folder for the
 * whole test program. WebKit keeps process-wide state under the runtime
 * folder, so programs that use it cannot let each test change folders
 * the way %G_TEST_OPTION_ISOLATE_DIRS does. Call before any other GLib
 * function reads these folders.
 *
 * Returns: (transfer full): the temporary folder, for kiosk_files_remove_tree()
 */
char *
kiosk_test_isolate_process_dirs (void)
{
  static const char * const variables[] = {
    "HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME",
  };
  g_autoptr(GError) error = NULL;
  char *root = g_dir_make_tmp ("pimms-kiosk-test-XXXXXX", &error);

  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (variables); i++)
    {
      g_autofree char *dir = g_build_filename (root, variables[i], NULL);

      g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
      g_setenv (variables[i], dir, TRUE);
    }

  return root;
}

/**
 * kiosk_test_write_file:
 * @name: a file name
 * @contents: what to write
 *
 * Writes into the test's private temporary folder (the tests run with
 * %G_TEST_OPTION_ISOLATE_DIRS or kiosk_test_isolate_process_dirs()).
 *
 * Returns: (transfer full): the path of the file
 */
char *
kiosk_test_write_file (const char *name,
                       const char *contents)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (g_get_user_config_dir (), "kiosk-test", NULL);
  char *path = g_build_filename (dir, name, NULL);

  g_mkdir_with_parents (dir, 0700);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);

  return path;
}

static char *
write_config (const char *scheme,
              const char *proxy_uri,
              const char *extra_keys)
{
  g_autofree char *contents = NULL;

  contents = g_strdup_printf ("[Kiosk]\n"
                              "StationId=test-01\n"
                              "Site=test\n"
                              "%s"
                              "%s%s\n"
                              "%s"
                              "\n"
                              "[Allow]\n"
                              "Hosts=app.franceconnect.gouv.fr\n"
                              "Frames=*.hcaptcha.com\n"
                              "\n"
                              "[Payment]\n"
                              "Hosts=timbres.impots.gouv.fr\n"
                              "\n"
                              "[Service caf]\n"
                              "Name=CAF\n"
                              "Url=%s://www.caf.fr/\n"
                              "Allow=*.caf.fr\n"
                              "Category=famille\n"
                              "\n"
                              "[Service ameli]\n"
                              "Name=Ameli\n"
                              "Url=%s://www.ameli.fr/\n"
                              "Allow=*.ameli.fr\n"
                              "Category=sante\n",
                              g_str_equal (scheme, "http") ? "AllowInsecureHttp=true\n" : "",
                              proxy_uri != NULL ? "Proxy=" : "",
                              proxy_uri != NULL ? proxy_uri : "",
                              extra_keys != NULL ? extra_keys : "",
                              scheme, scheme);

  return kiosk_test_write_file ("kiosk.conf", contents);
}

/**
 * kiosk_test_write_config:
 * @proxy_uri: (nullable): the test server's proxy address
 * @extra_keys: (nullable): more lines for the [Kiosk] group
 *
 * Writes a small config whose services are served by the test server
 * over plain http.
 *
 * Returns: (transfer full): the path of the config file
 */
char *
kiosk_test_write_config (const char *proxy_uri,
                         const char *extra_keys)
{
  return write_config ("http", proxy_uri, extra_keys);
}

/**
 * kiosk_test_write_https_config:
 * @proxy_uri: (nullable): the test server's proxy address
 * @extra_keys: (nullable): more lines for the [Kiosk] group
 *
 * Writes the same config as kiosk_test_write_config(), with services on
 * https only, as on a station: for a server that
 * kiosk_test_server_serve_https() made serve https, and a test run under
 * tests/with-test-network.
 *
 * Returns: (transfer full): the path of the config file
 */
char *
kiosk_test_write_https_config (const char *proxy_uri,
                               const char *extra_keys)
{
  return write_config ("https", proxy_uri, extra_keys);
}

/**
 * kiosk_test_name_has_owner:
 * @bus: a bus connection
 * @name: a well-known name, like the kiosk's application id
 *
 * Returns: %TRUE if a program owns @name on @bus
 */
gboolean
kiosk_test_name_has_owner (GDBusConnection *bus,
                           const char      *name)
{
  g_autoptr(GVariant) reply = NULL;
  gboolean owned = FALSE;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", name), G_VARIANT_TYPE ("(b)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);

  return owned;
}

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
poll_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/**
 * kiosk_test_run_clear:
 * @run: what a program run by a test left
 *
 * Frees its outputs, for g_auto(KioskTestRun).
 */
void
kiosk_test_run_clear (KioskTestRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

/**
 * kiosk_test_wait_until:
 * @condition: checked after every main loop iteration
 * @user_data: for @condition
 * @timeout_seconds: how long to wait at most
 *
 * Runs the default main context until @condition holds.
 *
 * Returns: %TRUE if it held before the timeout
 */
gboolean
kiosk_test_wait_until (KioskTestCondition condition,
                       gpointer           user_data,
                       guint              timeout_seconds)
{
  gboolean timed_out = FALSE;
  guint timeout_id;
  guint poll_id;

  timeout_id = g_timeout_add_seconds (timeout_seconds, timeout_cb, &timed_out);
  /* What another thread or process changes wakes no main loop: look again
   * every few milliseconds too.
   */
  poll_id = g_timeout_add (20, poll_cb, NULL);

  while (!condition (user_data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (poll_id);
  if (!timed_out)
    g_source_remove (timeout_id);

  return !timed_out;
}

/**
 * kiosk_test_spin:
 * @milliseconds: how long
 *
 * Lets the main loop run for a while, to give something that must not
 * happen the chance to happen.
 */
void
kiosk_test_spin (guint milliseconds)
{
  gboolean timed_out = FALSE;

  g_timeout_add (milliseconds, timeout_cb, &timed_out);
  while (!timed_out)
    g_main_context_iteration (NULL, TRUE);
}

/* The tests' resolver: a DNS server on $KIOSK_TEST_RESOLVER_ADDRESS that a
 * test under tests/with-test-network reaches for every name the kiosk
 * looks up. It answers A queries for the names it was given, refuses to
 * know any other (NXDOMAIN), and remembers every name it was asked.
 */
struct _KioskTestResolver
{
  GSocket      *socket;
  GCancellable *stop;
  GThread      *thread;
  GMutex      lock;
  GPtrArray  *lookups;
  GHashTable *addresses;
};

#define DNS_HEADER_SIZE 12
#define DNS_TYPE_A 1
#define DNS_RCODE_NXDOMAIN 3

/* Reads the question's name into @name ("www.caf.fr"); returns the offset
 * just after it, or 0 if the packet is malformed.
 */
static gsize
read_question_name (const guint8 *packet,
                    gsize         length,
                    GString      *name)
{
  gsize offset = DNS_HEADER_SIZE;

  while (offset < length && packet[offset] != 0)
    {
      guint8 label = packet[offset++];

      if (label > 63 || offset + label > length)
        return 0;
      if (name->len > 0)
        g_string_append_c (name, '.');
      g_string_append_len (name, (const char *) packet + offset, label);
      offset += label;
    }

  return offset < length ? offset + 1 : 0;
}

static gpointer
resolver_thread (gpointer data)
{
  KioskTestResolver *self = data;
  guint8 packet[512];
  gssize length;

  for (;;)
    {
      g_autoptr(GSocketAddress) client = NULL;
      g_autoptr(GString) name = g_string_new (NULL);
      g_autoptr(GByteArray) answer = NULL;
      const char *address;
      gsize end;
      guint16 type;

      length = g_socket_receive_from (self->socket, &client, (char *) packet, sizeof packet,
                                      self->stop, NULL);
      if (length <= 0)
        break;
      if ((gsize) length < DNS_HEADER_SIZE ||
          (end = read_question_name (packet, length, name)) == 0 || end + 4 > (gsize) length)
        continue;
      type = (packet[end] << 8) | packet[end + 1];

      g_mutex_lock (&self->lock);
      g_ptr_array_add (self->lookups, g_ascii_strdown (name->str, -1));
      address = g_hash_table_lookup (self->addresses, name->str);
      g_mutex_unlock (&self->lock);

      /* The header and question as asked, marked as an answer. */
      answer = g_byte_array_new ();
      g_byte_array_append (answer, packet, end + 4);
      answer->data[2] = 0x80 | (packet[2] & 0x01);
      answer->data[3] = 0x80 | (address == NULL ? DNS_RCODE_NXDOMAIN : 0);
      memset (answer->data + 6, 0, 6);
      if (address != NULL && type == DNS_TYPE_A)
        {
          g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (address);
          /* The name by pointer to the question, type A, class IN, one
           * minute, four bytes.
           */
          static const guint8 record[] = { 0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4 };

          answer->data[7] = 1;
          g_byte_array_append (answer, record, sizeof record);
          g_byte_array_append (answer, g_inet_address_to_bytes (inet), 4);
        }
      g_socket_send_to (self->socket, client, (const char *) answer->data, answer->len, NULL,
                        NULL);
    }

  return NULL;
}

/**
 * kiosk_test_resolver_new:
 *
 * Starts the tests' resolver on the address that tests/with-test-network
 * chose and wrote into the system's resolv.conf. It needs root for port 53.
 *
 * Returns: (transfer full): the resolver
 */
KioskTestResolver *
kiosk_test_resolver_new (void)
{
  g_autoptr(GError) error = NULL;
  const char *resolver_address = g_getenv ("KIOSK_TEST_RESOLVER_ADDRESS");
  g_autoptr(GInetAddress) inet = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  KioskTestResolver *self = NULL;

  if (resolver_address == NULL)
    g_error ("The tests' resolver needs tests/with-test-network (KIOSK_TEST_RESOLVER_ADDRESS)");
  inet = g_inet_address_new_from_string (resolver_address);
  g_assert_nonnull (inet);
  address = g_inet_socket_address_new (inet, 53);

  self = g_new0 (KioskTestResolver, 1);
  self->socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM,
                               G_SOCKET_PROTOCOL_UDP, &error);
  g_assert_no_error (error);
  /* No reuse: a second resolver on this address would share its queries. */
  g_socket_bind (self->socket, address, FALSE, &error);
  g_assert_no_error (error);

  g_mutex_init (&self->lock);
  self->stop = g_cancellable_new ();
  self->lookups = g_ptr_array_new_with_free_func (g_free);
  self->addresses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->thread = g_thread_new ("kiosk-test-resolver", resolver_thread, self);

  return self;
}

void
kiosk_test_resolver_free (KioskTestResolver *self)
{
  /* A socket closed under a thread that waits on it does not wake the
   * thread: the wait is cancelled, then the socket closed.
   */
  g_cancellable_cancel (self->stop);
  g_thread_join (self->thread);
  g_socket_close (self->socket, NULL);
  g_object_unref (self->socket);
  g_object_unref (self->stop);
  g_ptr_array_unref (self->lookups);
  g_hash_table_unref (self->addresses);
  g_mutex_clear (&self->lock);
  g_free (self);
}

/**
 * kiosk_test_resolver_add:
 * @self: the resolver
 * @name: a host name, like "www.caf.fr"
 * @address: the IPv4 address it resolves to
 */
void
kiosk_test_resolver_add (KioskTestResolver *self,
                         const char        *name,
                         const char        *address)
{
  g_mutex_lock (&self->lock);
  g_hash_table_replace (self->addresses, g_strdup (name), g_strdup (address));
  g_mutex_unlock (&self->lock);
}

/**
 * kiosk_test_resolver_count_lookups:
 * @self: the resolver
 * @name: a host name
 *
 * Returns: how many times @name was looked up (any type of record)
 */
guint
kiosk_test_resolver_count_lookups (KioskTestResolver *self,
                                   const char        *name)
{
  guint count = 0;

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->lookups->len; i++)
    {
      if (g_ascii_strcasecmp (g_ptr_array_index (self->lookups, i), name) == 0)
        count++;
    }
  g_mutex_unlock (&self->lock);

  return count;
}

/**
 * kiosk_test_pick_free_port:
 *
 * Returns: a TCP port of 127.0.0.1 that nobody listens on now, for a
 *   RemoteListen the test must know before the kiosk starts
 */
guint
kiosk_test_pick_free_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (socket, address, TRUE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  g_socket_close (socket, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

/**
 * kiosk_test_silence_sound:
 *
 * From now on this process finds no sound device: no sound server, and
 * an ALSA (ALSA_CONFIG_PATH) whose default device is a card that does not
 * exist.
 */
void
kiosk_test_silence_sound (void)
{
  g_autofree char *dir = g_dir_make_tmp ("kiosk-no-sound-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "asound.conf", NULL);

  g_assert_true (g_file_set_contents (path, "pcm.!default { type hw card 99 }\n", -1, NULL));
  g_setenv ("ALSA_CONFIG_PATH", path, TRUE);
  g_setenv ("PULSE_SERVER", "unix:/nonexistent", TRUE);
}

struct _KioskTestSoundServer
{
  char        *dir;
  char        *socket_path;
  char        *raw_path;
  GSubprocess *server;
  GSubprocess *recorder;
};

static gboolean
file_exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/**
 * kiosk_test_sound_server_start:
 *
 * Starts a sound server of the test's own, as a desktop or a station
 * with sound has one: PulseAudio, whose only device is a null sink that
 * keeps real time, and a recorder of everything played to it. This
 * process (PULSE_SERVER) plays there from now on.
 *
 * Returns: (transfer full): the server, to stop with
 *   kiosk_test_sound_server_stop()
 */
KioskTestSoundServer *
kiosk_test_sound_server_start (void)
{
  KioskTestSoundServer *self = g_new0 (KioskTestSoundServer, 1);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *protocol = NULL;
  g_autofree char *server = NULL;

  self->dir = g_dir_make_tmp ("kiosk-sound-XXXXXX", NULL);
  self->socket_path = g_build_filename (self->dir, "socket", NULL);
  self->raw_path = g_build_filename (self->dir, "played.raw", NULL);
  protocol = g_strdup_printf ("module-native-protocol-unix socket=%s auth-anonymous=1",
                              self->socket_path);
  server = g_strconcat ("unix:", self->socket_path, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_setenv (launcher, "HOME", self->dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_RUNTIME_DIR", self->dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", self->dir, TRUE);
  self->server = g_subprocess_launcher_spawn (launcher, &error, "pulseaudio", "--daemonize=no",
                                              "-n", "--use-pid-file=no", "--exit-idle-time=-1",
                                              "-L", "module-null-sink sink_name=recorder",
                                              "-L", protocol, NULL);
  g_assert_no_error (error);
  g_assert_true (kiosk_test_wait_until (file_exists, self->socket_path, 20));

  self->recorder = g_subprocess_launcher_spawn (launcher, &error, "parec", "--raw",
                                                "--server", server,
                                                "--device=recorder.monitor", "--format=s16le",
                                                "--rate=" G_STRINGIFY (KIOSK_TEST_SOUND_RATE),
                                                "--channels=1",
                                                "--latency-msec=20", self->raw_path,
                                                NULL);
  g_assert_no_error (error);
  g_assert_true (kiosk_test_wait_until (file_exists, self->raw_path, 20));

  g_setenv ("PULSE_SERVER", server, TRUE);
  return self;
}

/**
 * kiosk_test_sound_server_get_played:
 * @self: a sound server
 * @n_samples: (out): how many samples were played
 *
 * Returns: (transfer full): what was played so far, 16-bit mono at 44.1 kHz
 */
gint16 *
kiosk_test_sound_server_get_played (KioskTestSoundServer *self,
                                    gsize                *n_samples)
{
  char *raw = NULL;
  gsize length = 0;

  /* What the recorder heard last is on its way to the file. */
  kiosk_test_spin (200);
  g_assert_true (g_file_get_contents (self->raw_path, &raw, &length, NULL));
  *n_samples = length / sizeof (gint16);
  return (gint16 *) raw;
}

void
kiosk_test_sound_server_stop (KioskTestSoundServer *self)
{
  g_unsetenv ("PULSE_SERVER");
  g_subprocess_send_signal (self->recorder, SIGTERM);
  g_subprocess_wait (self->recorder, NULL, NULL);
  g_subprocess_send_signal (self->server, SIGTERM);
  g_subprocess_wait (self->server, NULL, NULL);
  g_object_unref (self->recorder);
  g_object_unref (self->server);
  g_free (self->socket_path);
  g_free (self->raw_path);
  g_free (self->dir);
  g_free (self);
}

/* How loud @samples are: the root mean square of their values. */
double
kiosk_test_sound_rms (const gint16 *samples,
                      gsize         n_samples)
{
  double sum = 0;

  for (gsize i = 0; i < n_samples; i++)
    sum += (double) samples[i] * samples[i];
  return n_samples > 0 ? sqrt (sum / n_samples) : 0;
}

/* From the first sample that is not silence to the last one. */
const gint16 *
kiosk_test_find_sound (const gint16 *samples,
                       gsize         n_samples,
                       gsize        *sound_samples)
{
  gsize first = 0;
  gsize last = n_samples;

  while (first < n_samples && ABS (samples[first]) < 20)
    first++;
  while (last > first && ABS (samples[last - 1]) < 20)
    last--;

  *sound_samples = last - first;
  return first < n_samples ? samples + first : NULL;
}

/**
 * kiosk_test_flag_is_set:
 * @flag: a #gboolean
 *
 * A #KioskTestCondition: whether *@flag is %TRUE.
 */
gboolean
kiosk_test_flag_is_set (gpointer flag)
{
  return *(gboolean *) flag;
}
