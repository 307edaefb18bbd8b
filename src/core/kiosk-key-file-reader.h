/* kiosk-key-file-reader.h — reading a config file and saying where each mistake is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The error domain and codes of the file being read. */
typedef struct
{
  GQuark domain;
  int    unreadable;
  int    syntax;
  int    missing_key;
  int    unknown_key;
} KioskKeyFileErrors;

typedef struct _KioskKeyFileReader KioskKeyFileReader;

KioskKeyFileReader *kiosk_key_file_reader_load             (const char                *path,
                                                            const KioskKeyFileErrors  *errors,
                                                            GError                   **error);
void                kiosk_key_file_reader_free             (KioskKeyFileReader        *self);
const char         *kiosk_key_file_reader_get_path         (KioskKeyFileReader        *self);
GKeyFile           *kiosk_key_file_reader_get_key_file     (KioskKeyFileReader        *self);
gboolean            kiosk_key_file_reader_report           (KioskKeyFileReader        *self,
                                                            int                        code,
                                                            const char                *group,
                                                            const char                *key,
                                                            const char                *format,
                                                            ...) G_GNUC_PRINTF (5, 6);
gboolean            kiosk_key_file_reader_check_known_keys (KioskKeyFileReader        *self,
                                                            const char                *group,
                                                            const char * const        *known);
char               *kiosk_key_file_reader_read_string      (KioskKeyFileReader        *self,
                                                            const char                *group,
                                                            const char                *key,
                                                            gboolean                   required);
gboolean            kiosk_key_file_reader_finish           (KioskKeyFileReader        *self,
                                                            GError                   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KioskKeyFileReader, kiosk_key_file_reader_free)

G_END_DECLS
