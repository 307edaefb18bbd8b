/* kiosk-policy.h — may this service navigate to this address?
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kiosk-config.h"

G_BEGIN_DECLS

typedef enum
{
  KIOSK_VERDICT_ALLOW,
  KIOSK_VERDICT_DENY_MALFORMED,
  KIOSK_VERDICT_DENY_SCHEME,
  KIOSK_VERDICT_DENY_IP_LITERAL,
  KIOSK_VERDICT_DENY_HOST,
} KioskVerdict;

KioskVerdict kiosk_policy_decide             (KioskConfig  *config,
                                              KioskService *service,
                                              const char   *uri,
                                              char        **host);
const char  *kiosk_verdict_to_string         (KioskVerdict  verdict);

G_END_DECLS
