/* kiosk-service-rules.h — each service's document rules, compiled ahead
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kiosk-config.h"

#include <webkit/webkit.h>

G_BEGIN_DECLS

#define KIOSK_TYPE_SERVICE_RULES (kiosk_service_rules_get_type ())
G_DECLARE_FINAL_TYPE (KioskServiceRules, kiosk_service_rules, KIOSK, SERVICE_RULES, GObject)

KioskServiceRules       *kiosk_service_rules_new         (KioskConfig       *config,
                                                          const char        *store_dir);
void                     kiosk_service_rules_compile     (KioskServiceRules *self);
WebKitUserContentFilter *kiosk_service_rules_lookup      (KioskServiceRules *self,
                                                          KioskProfile      *profile,
                                                          KioskService      *service);
guint                    kiosk_service_rules_get_n_ready (KioskServiceRules *self);

G_END_DECLS
