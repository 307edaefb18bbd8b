/* test-print-server.h — a throw-away CUPS server whose printer writes files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A real cupsd, run by the test with its own configuration in a
 * temporary folder and listening on a socket there, with one queue whose
 * device is a file: every job the kiosk sends lands in it unchanged.
 * CUPS_SERVER points GTK's print backend at it.
 */
typedef struct
{
  char        *root;
  char        *socket_path;
  char        *output_path;
  GSubprocess *daemon;
} KioskTestPrintServer;

KioskTestPrintServer *kiosk_test_print_server_start     (const char           *queue);
void                  kiosk_test_print_server_stop      (KioskTestPrintServer *self);
GBytes               *kiosk_test_print_server_wait_job  (KioskTestPrintServer *self,
                                                         guint                 timeout_seconds);
void                  kiosk_test_print_server_clear     (KioskTestPrintServer *self);

G_END_DECLS
