/* kiosk-processes.h — finding the web processes this program started
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sys/types.h>

G_BEGIN_DECLS

GArray   *kiosk_processes_find_descendants (const char *name);
gboolean  kiosk_processes_any_alive        (GArray     *pids);
guint64   kiosk_processes_resident_bytes   (pid_t       pid);
guint     kiosk_processes_end              (GArray     *pids,
                                            const char *executable);

G_END_DECLS
