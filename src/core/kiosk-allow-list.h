/* kiosk-allow-list.h — the addresses a service may navigate to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "kiosk-url.h"

G_BEGIN_DECLS

#define KIOSK_HOST_PATTERN_ERROR (kiosk_host_pattern_error_quark ())

typedef enum
{
  KIOSK_HOST_PATTERN_ERROR_EMPTY,
  KIOSK_HOST_PATTERN_ERROR_MALFORMED,
  KIOSK_HOST_PATTERN_ERROR_IP_LITERAL,
  KIOSK_HOST_PATTERN_ERROR_PUBLIC_SUFFIX,
} KioskHostPatternError;

GQuark kiosk_host_pattern_error_quark (void);

#define KIOSK_TYPE_ALLOW_LIST (kiosk_allow_list_get_type ())
G_DECLARE_FINAL_TYPE (KioskAllowList, kiosk_allow_list, KIOSK, ALLOW_LIST, GObject)

KioskAllowList *kiosk_allow_list_new          (void);
gboolean        kiosk_allow_list_add_pattern  (KioskAllowList *self,
                                               const char     *pattern,
                                               GError        **error);
gboolean        kiosk_allow_list_matches_url  (KioskAllowList *self,
                                               const KioskUrl *url);
guint           kiosk_allow_list_get_n_patterns (KioskAllowList *self);
void            kiosk_allow_list_append_url_filters (KioskAllowList     *self,
                                                     const char * const *schemes,
                                                     GPtrArray          *filters);

gboolean        kiosk_host_is_ip_literal      (const char     *host);
char           *kiosk_registrable_domain      (const char     *host);

G_END_DECLS
