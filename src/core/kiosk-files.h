/* kiosk-files.h — private folders: create and erase
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

G_END_DECLS
