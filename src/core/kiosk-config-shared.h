/* kiosk-config-shared.h — what of a config every station shares, and its version
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The largest config a desk may send, in bytes: a catalogue of a few
 * hundred services with their translations.
 */
#define KIOSK_CONFIG_SHARED_MAX_BYTES (512 * 1024)

gboolean  kiosk_config_is_station_key (const char  *group,
                                       const char  *key);
char     *kiosk_config_version_of     (GKeyFile    *key_file);
char     *kiosk_config_merge_shared   (const char  *shared,
                                       gsize        length,
                                       const char  *station_path,
                                       GError     **error);

G_END_DECLS
