/* kiosk-environment.h — environment variables that would open the kiosk up
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *kiosk_environment_find_unsafe_variable (void);

G_END_DECLS
