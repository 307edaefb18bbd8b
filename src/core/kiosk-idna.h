/* kiosk-idna.h — internationalized domain names: Punycode and UTS #46
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * KioskIdnaProblem:
 * @KIOSK_IDNA_OK: the domain is valid
 * @KIOSK_IDNA_DISALLOWED: a code point UTS #46 refuses
 * @KIOSK_IDNA_BAD_PUNYCODE: an "xn--" label that is not the valid Punycode
 *   of an internationalized label
 * @KIOSK_IDNA_BAD_LABEL: a label that starts with a combining mark or is not
 *   in normalized form
 * @KIOSK_IDNA_BIDI_OR_JOINER: a label breaks the Bidi rule or the joiner rule
 *
 * Why kiosk_idna_to_ascii() refused a domain.
 */
typedef enum
{
  KIOSK_IDNA_OK,
  KIOSK_IDNA_DISALLOWED,
  KIOSK_IDNA_BAD_PUNYCODE,
  KIOSK_IDNA_BAD_LABEL,
  KIOSK_IDNA_BIDI_OR_JOINER,
} KioskIdnaProblem;

gboolean  kiosk_idna_punycode_encode (const gunichar   *input,
                                      gsize             length,
                                      GString          *output);
GArray   *kiosk_idna_punycode_decode (const char       *input,
                                      gsize             length);
char     *kiosk_idna_to_ascii        (const char       *domain,
                                      KioskIdnaProblem *problem);

G_END_DECLS
