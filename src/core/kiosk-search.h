/* kiosk-search.h — finding a service in a resident's own words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "kiosk-service.h"

G_BEGIN_DECLS

GPtrArray *kiosk_search_services (GPtrArray  *services,
                                  const char *query,
                                  const char *language);

G_END_DECLS
