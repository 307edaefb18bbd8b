/* test-kiosk-run.h — what a kiosk run leaves: memory, web processes, stored visits;
 * what a kiosk process logs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <sys/types.h>

G_BEGIN_DECLS

/* The kernel truncates process names to 15 characters. */
#define KIOSK_TEST_WEB_PROCESS_NAME "WebKitWebProces"
#define KIOSK_TEST_NETWORK_PROCESS_NAME "WebKitNetworkPr"
/* WebKit gives each connection to one of its processes a thread of this
 * name in the kiosk: none should outlive its process.
 */
#define KIOSK_TEST_IPC_THREAD_NAME "ReceiveQueue"

/* Every value a visit stores starts with this, so that a search of the
 * disk for it finds whatever of a visit was written there.
 */
#define KIOSK_TEST_VISIT_MARKER "pimms-visit-"

/* The server's cookie, to send with the page that calls store_visit(). */
#define KIOSK_TEST_VISIT_COOKIE "visitor=" KIOSK_TEST_VISIT_MARKER "server; Path=/"

extern const char kiosk_test_store_visit_script[];

/* What /proc/PID/status says of a process's memory, in kB. */
typedef struct
{
  long rss_kb;
  long anon_kb;
  long file_kb;
} KioskTestMemory;

gboolean kiosk_test_read_memory        (pid_t            pid,
                                        KioskTestMemory *memory);
guint    kiosk_test_count_descendants  (const char      *name);
guint    kiosk_test_count_threads      (pid_t            pid,
                                        const char      *name);

/* Called with each line of a log, without its newline. Returns whether
 * to go on reading.
 */
typedef gboolean (*KioskTestLineFunc) (const char *line,
                                       gpointer    user_data);

/* Reads a kiosk process's log line by line, as the main loop runs. */
typedef struct _KioskTestLogReader KioskTestLogReader;

KioskTestLogReader *kiosk_test_log_reader_new        (GInputStream       *stream,
                                                      KioskTestLineFunc   line_func,
                                                      gpointer            user_data);
gboolean            kiosk_test_log_reader_is_reading (KioskTestLogReader *reader);
gboolean            kiosk_test_log_reader_has_ended  (KioskTestLogReader *reader);
void                kiosk_test_log_reader_stop       (KioskTestLogReader *reader);
void                kiosk_test_log_reader_free       (KioskTestLogReader *reader);

/* A pimms-kiosk process of a test's, and its log so far. */
typedef struct
{
  GSubprocess        *process;
  pid_t               pid;
  KioskTestLogReader *log_reader;
  GString            *log;
} KioskTestKiosk;

KioskTestKiosk     *kiosk_test_kiosk_start           (GSubprocessLauncher *launcher,
                                                      const char          *config_path,
                                                      const char          *state_dir,
                                                      const char          *open_id);
void                kiosk_test_kiosk_assert_log_says (KioskTestKiosk      *kiosk,
                                                      const char          *text,
                                                      guint                timeout_seconds);
void                kiosk_test_kiosk_stop            (KioskTestKiosk      *kiosk,
                                                      int                  signal_number);
gboolean            kiosk_test_kiosk_ask_to_open     (const char          *service_id);
void                kiosk_test_kiosk_end_session     (void);

G_END_DECLS
