/* test-kiosk-run.h — what a kiosk run leaves: memory, web processes, stored visits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sys/types.h>

G_BEGIN_DECLS

/* The kernel truncates process names to 15 characters. */
#define KIOSK_TEST_WEB_PROCESS_NAME "WebKitWebProces"
#define KIOSK_TEST_NETWORK_PROCESS_NAME "WebKitNetworkPr"

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

G_END_DECLS
