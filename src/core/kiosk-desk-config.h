/* kiosk-desk-config.h — the config a desk sent to the station, kept in its state folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kiosk-config.h"

G_BEGIN_DECLS

KioskConfig *kiosk_desk_config_load_station (const char  *station_path,
                                             const char  *state_dir,
                                             GError     **error);
KioskConfig *kiosk_desk_config_accept       (const char  *shared,
                                             gsize        length,
                                             const char  *station_path,
                                             const char  *state_dir,
                                             GError     **error);
KioskConfig *kiosk_desk_config_roll_back    (const char  *station_path,
                                             const char  *state_dir,
                                             GError     **error);

G_END_DECLS
