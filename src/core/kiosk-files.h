/* kiosk-files.h — private folders: create and erase; files named in a config: read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define KIOSK_FILES_ERROR (kiosk_files_error_quark ())

/**
 * KioskFilesError:
 * @KIOSK_FILES_ERROR_UNREADABLE: the file is missing or could not be opened or read
 * @KIOSK_FILES_ERROR_NOT_REGULAR: a folder, a pipe or a device, not a file
 * @KIOSK_FILES_ERROR_SYMBOLIC_LINK: a symbolic link, which is never followed
 * @KIOSK_FILES_ERROR_NOT_PRIVATE: its group or other users may read or change it
 * @KIOSK_FILES_ERROR_TOO_LARGE: it is larger than the caller accepts
 */
typedef enum
{
  KIOSK_FILES_ERROR_UNREADABLE,
  KIOSK_FILES_ERROR_NOT_REGULAR,
  KIOSK_FILES_ERROR_SYMBOLIC_LINK,
  KIOSK_FILES_ERROR_NOT_PRIVATE,
  KIOSK_FILES_ERROR_TOO_LARGE,
} KioskFilesError;

/**
 * KioskFilesCheck:
 * @KIOSK_FILES_CHECK_NONE: a regular file of at most the size given
 * @KIOSK_FILES_CHECK_OWNER_ONLY_MODE: and neither its group nor other
 *   users may read, change or run it (a secret: a token, a key, a hash)
 */
typedef enum
{
  KIOSK_FILES_CHECK_NONE = 0,
  KIOSK_FILES_CHECK_OWNER_ONLY_MODE = 1 << 0,
} KioskFilesCheck;

GQuark    kiosk_files_error_quark      (void);

char     *kiosk_files_make_private_dir (const char  *parent,
                                        const char  *prefix,
                                        GError     **error);
gboolean  kiosk_files_remove_tree      (const char  *path,
                                        GError     **error);
char     *kiosk_files_read_private     (const char       *path,
                                        const char       *what,
                                        gsize             max_size,
                                        KioskFilesCheck   checks,
                                        gsize            *length,
                                        GError          **error);

G_END_DECLS
