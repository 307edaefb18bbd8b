/* test-full-disk.h — SQLite's writes failing as on a full disk, for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *kiosk_test_full_disk_install   (void);
void        kiosk_test_full_disk_uninstall (const char *syscall_name);
void        kiosk_test_full_disk_fill      (int         errno_value,
                                            int         writes_before);
void        kiosk_test_full_disk_free_up   (void);
guint       kiosk_test_full_disk_count_failed_writes (void);

G_END_DECLS
