/* kiosk-files.h — private folders: create and erase; small files: read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *kiosk_files_make_private_dir (const char  *parent,
                                        const char  *prefix,
                                        GError     **error);
gboolean  kiosk_files_remove_tree      (const char  *path,
                                        GError     **error);
gssize    kiosk_files_read_at_most     (int          fd,
                                        char        *buffer,
                                        gsize        max_size);

G_END_DECLS
