/* kiosk-chime.h — a short tune through the station's sound, when it has any
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  KIOSK_CHIME_CALL,       /* rising: someone calls for help (the desk) */
  KIOSK_CHIME_ATTENTION,  /* falling: a question waits for an answer (the station) */
} KioskChimeTune;

/* The samples every tune is made of and played as. */
#define KIOSK_CHIME_RATE 44100

#define KIOSK_TYPE_CHIME (kiosk_chime_get_type ())
G_DECLARE_FINAL_TYPE (KioskChime, kiosk_chime, KIOSK, CHIME, GObject)

KioskChime *kiosk_chime_new           (void);
gboolean    kiosk_chime_has_sound     (KioskChime     *self);
void        kiosk_chime_play          (KioskChime     *self,
                                       KioskChimeTune  tune);
gint16     *kiosk_chime_render        (KioskChimeTune  tune,
                                       gsize          *n_samples);

G_END_DECLS
