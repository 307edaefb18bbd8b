/* kiosk-admin-pin.h — pimms-kiosk-admin set-pin: the staff panel's PIN
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int kiosk_admin_set_pin_run (int    argc,
                             char **argv);

G_END_DECLS
