/* kiosk-idna-bidi-joiners.h — the Bidi rule and the joiner rule of UTS #46
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean kiosk_idna_label_has_right_to_left            (const gunichar *label,
                                                        gsize           length);
gboolean kiosk_idna_label_passes_bidi_and_joiner_rules (const gunichar *label,
                                                        gsize           length,
                                                        gboolean        bidi_domain);

G_END_DECLS
