/* kiosk-url-host.h — the host parser of the URL Standard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kiosk-url.h"

G_BEGIN_DECLS

gboolean  kiosk_url_host_parse           (const char        *input,
                                          gsize              length,
                                          gboolean           is_opaque,
                                          char             **host,
                                          KioskUrlHostType  *host_type,
                                          GError           **error);
char     *kiosk_url_host_domain_to_ascii (const char        *domain,
                                          gsize              length,
                                          gboolean           check_punycode,
                                          GError           **error);

G_END_DECLS
