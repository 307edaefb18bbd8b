/* kiosk-config-shared.h — what of a config every station shares, and its version
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  kiosk_config_is_station_key (const char *group,
                                       const char *key);
char     *kiosk_config_version_of     (GKeyFile   *key_file);

G_END_DECLS
