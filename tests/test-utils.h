/* test-utils.h — shared helpers: a local web server, configs, main loops
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* A SoupServer on 127.0.0.1, port 0, behind a small proxy the kiosk's
 * Proxy key points at: it serves real host names (www.caf.fr) over http
 * and remembers every request it received, so tests can prove that a
 * refused host was never asked. For https, the proxy answers CONNECT and
 * offers a self-signed certificate, which the kiosk must refuse (and may
 * ask for the kiosk's own certificate in the same handshake), or after
 * kiosk_test_server_serve_https() one a kiosk under tests/with-test-network
 * trusts.
 */
typedef struct
{
  SoupServer     *server;
  char           *proxy_uri;
  GHashTable     *pages;
  GPtrArray      *requests;
  GSocketService *front;
  guint           server_port;
  GMutex          lock;
  guint           tls_handshakes;
  GPtrArray      *connect_hosts;
  gboolean        serve_https;
  gboolean        unreachable;
  gboolean        client_certificate_required;
  /* Only for kiosk_test_server_new_in_thread(). */
  GThread        *origin_thread;
  GMainContext   *origin_context;
  GMainLoop      *origin_loop;
  gint            origin_listening;
} KioskTestServer;

typedef struct
{
  char *host;
  char *path;
  char *cookie;
  char *accept_language;
} KioskTestRequest;

KioskTestServer *kiosk_test_server_new          (void);
KioskTestServer *kiosk_test_server_new_in_thread (void);
void             kiosk_test_server_free         (KioskTestServer *self);
void             kiosk_test_server_set_reachable (KioskTestServer *self,
                                                  gboolean         reachable);
void             kiosk_test_server_require_client_certificate (KioskTestServer *self);
void             kiosk_test_server_add_page     (KioskTestServer *self,
                                                 const char      *host,
                                                 const char      *path,
                                                 const char      *html,
                                                 const char      *set_cookie);
void             kiosk_test_server_add_resource (KioskTestServer *self,
                                                 const char      *host,
                                                 const char      *path,
                                                 const char      *content_type,
                                                 const char      *body,
                                                 const char      *header_name,
                                                 const char      *header_value);
void             kiosk_test_server_add_file     (KioskTestServer *self,
                                                 const char      *host,
                                                 const char      *path,
                                                 const char      *content_type,
                                                 GBytes          *contents,
                                                 const char      *file_name);
void             kiosk_test_server_require_password (KioskTestServer *self,
                                                     const char      *host,
                                                     const char      *path,
                                                     const char      *authorization);
void             kiosk_test_server_add_redirect (KioskTestServer *self,
                                                 const char      *host,
                                                 const char      *path,
                                                 const char      *location);
guint            kiosk_test_server_count_requests (KioskTestServer *self,
                                                   const char      *host);
guint            kiosk_test_server_count_path   (KioskTestServer *self,
                                                 const char      *path);
guint            kiosk_test_server_count_tls_handshakes (KioskTestServer *self);
void             kiosk_test_server_serve_https  (KioskTestServer *self);
void             kiosk_test_server_listen_https_directly (KioskTestServer *self);
guint            kiosk_test_server_count_connects (KioskTestServer *self,
                                                   const char      *host);
const KioskTestRequest *kiosk_test_server_last_request (KioskTestServer *self,
                                                        const char      *host);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KioskTestServer, kiosk_test_server_free)

/* The tests' resolver, which tests/with-test-network makes the system's. */
typedef struct _KioskTestResolver KioskTestResolver;

KioskTestResolver *kiosk_test_resolver_new        (void);
void               kiosk_test_resolver_free       (KioskTestResolver *self);
void               kiosk_test_resolver_add        (KioskTestResolver *self,
                                                   const char        *name,
                                                   const char        *address);
guint              kiosk_test_resolver_count_lookups (KioskTestResolver *self,
                                                      const char        *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KioskTestResolver, kiosk_test_resolver_free)

char            *kiosk_test_isolate_process_dirs (void);
guint            kiosk_test_pick_free_port      (void);

char            *kiosk_test_write_file          (const char      *name,
                                                 const char      *contents);
char            *kiosk_test_write_config        (const char      *proxy_uri,
                                                 const char      *extra_keys);
char            *kiosk_test_write_https_config  (const char      *proxy_uri,
                                                 const char      *extra_keys);

/* What a program run by a test printed, and how it ended. */
typedef struct
{
  int   status;
  char *out;
  char *err;
} KioskTestRun;

void             kiosk_test_run_clear           (KioskTestRun    *run);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (KioskTestRun, kiosk_test_run_clear)

gboolean         kiosk_test_name_has_owner      (GDBusConnection *bus,
                                                 const char      *name);

typedef gboolean (*KioskTestCondition) (gpointer user_data);

gboolean         kiosk_test_wait_until          (KioskTestCondition condition,
                                                 gpointer           user_data,
                                                 guint              timeout_seconds);
void             kiosk_test_spin                (guint              milliseconds);
gboolean         kiosk_test_flag_is_set         (gpointer           flag);

/* A PulseAudio of the test's own, whose null sink is recorded at this rate
 * (mono, signed 16 bits).
 */
typedef struct _KioskTestSoundServer KioskTestSoundServer;
#define KIOSK_TEST_SOUND_RATE 44100

void             kiosk_test_silence_sound       (void);
KioskTestSoundServer *kiosk_test_sound_server_start (void);
gint16          *kiosk_test_sound_server_get_played (KioskTestSoundServer *self,
                                                     gsize                *n_samples);
void             kiosk_test_sound_server_stop   (KioskTestSoundServer *self);
double           kiosk_test_sound_rms           (const gint16      *samples,
                                                gsize              n_samples);
const gint16    *kiosk_test_find_sound          (const gint16      *samples,
                                                 gsize              n_samples,
                                                 gsize             *sound_samples);

G_END_DECLS
