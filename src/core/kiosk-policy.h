/* kiosk-policy.h — may this service navigate to this address?
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "kiosk-allow-list.h"
#include "kiosk-profile.h"
#include "kiosk-service.h"
#include "kiosk-url.h"

G_BEGIN_DECLS

typedef enum
{
  KIOSK_VERDICT_ALLOW,
  KIOSK_VERDICT_DENY_MALFORMED,
  KIOSK_VERDICT_DENY_SCHEME,
  KIOSK_VERDICT_DENY_USERINFO,
  KIOSK_VERDICT_DENY_IP_ADDRESS,
  KIOSK_VERDICT_DENY_NOT_ALLOWED,
  KIOSK_VERDICT_DENY_BLOCKED,     /* a part of a page, from a `[Block]` host */
} KioskVerdict;

typedef enum
{
  KIOSK_POLICY_FLAGS_NONE = 0,
  KIOSK_POLICY_INITIAL_DOCUMENT = 1 << 0,
  KIOSK_POLICY_FRAME = 1 << 1,
  KIOSK_POLICY_BELOW_PAYMENT_PAGE = 1 << 2,
  KIOSK_POLICY_RESOURCE = 1 << 3,
} KioskPolicyFlags;

#define KIOSK_TYPE_POLICY (kiosk_policy_get_type ())
G_DECLARE_FINAL_TYPE (KioskPolicy, kiosk_policy, KIOSK, POLICY, GObject)

KioskPolicy  *kiosk_policy_new        (KioskAllowList    *global_allow_list,
                                       KioskAllowList    *global_frame_list,
                                       KioskAllowList    *payment_list,
                                       KioskAllowList    *block_list,
                                       JsonNode          *block_list_rules,
                                       gboolean           allow_insecure_http);
KioskVerdict  kiosk_policy_decide_document (KioskPolicy   *self,
                                            KioskProfile  *profile,
                                            KioskService  *service,
                                            const char    *address,
                                            const char    *page_address,
                                            KioskUrl     **site);
gboolean      kiosk_policy_is_payment_page (KioskPolicy  *self,
                                            KioskService *service,
                                            const char   *address);
KioskVerdict  kiosk_policy_decide     (KioskPolicy       *self,
                                       KioskProfile      *profile,
                                       KioskService      *service,
                                       const char        *address,
                                       KioskPolicyFlags   flags,
                                       KioskUrl         **url);
char         *kiosk_policy_get_document_rules (KioskPolicy  *self,
                                              KioskProfile *profile,
                                              KioskService *service);
char         *kiosk_policy_get_block_rules (KioskPolicy *self);
gboolean      kiosk_policy_blocks_trackers (KioskPolicy *self);
gboolean      kiosk_policy_is_strict   (KioskPolicy       *self);
void          kiosk_policy_set_strict_resources (KioskPolicy    *self,
                                                 KioskAllowList *global_resource_list);
const char   *kiosk_verdict_to_string (KioskVerdict       verdict);

G_END_DECLS
