/* kiosk-percent.h — the percent-encoding of the URL Standard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * KioskPercentEncodeSet:
 * @KIOSK_PERCENT_ENCODE_C0_CONTROL: the C0 control percent-encode set
 *   (opaque hosts and paths)
 * @KIOSK_PERCENT_ENCODE_FRAGMENT: the fragment percent-encode set
 * @KIOSK_PERCENT_ENCODE_QUERY: the query percent-encode set
 * @KIOSK_PERCENT_ENCODE_SPECIAL_QUERY: the special-query percent-encode set
 * @KIOSK_PERCENT_ENCODE_PATH: the path percent-encode set
 * @KIOSK_PERCENT_ENCODE_USERINFO: the userinfo percent-encode set
 *
 * The percent-encode sets of the URL Standard. Every byte above 0x7F is in
 * each of them.
 */
typedef enum
{
  KIOSK_PERCENT_ENCODE_C0_CONTROL,
  KIOSK_PERCENT_ENCODE_FRAGMENT,
  KIOSK_PERCENT_ENCODE_QUERY,
  KIOSK_PERCENT_ENCODE_SPECIAL_QUERY,
  KIOSK_PERCENT_ENCODE_PATH,
  KIOSK_PERCENT_ENCODE_USERINFO,
} KioskPercentEncodeSet;

void     kiosk_percent_encode_byte (GString               *output,
                                    guchar                 c,
                                    KioskPercentEncodeSet  set);
void     kiosk_percent_encode_run  (GString               *output,
                                    const char            *run,
                                    gsize                  length,
                                    KioskPercentEncodeSet  set);
GString *kiosk_percent_decode      (const char            *input,
                                    gsize                  length);

G_END_DECLS
