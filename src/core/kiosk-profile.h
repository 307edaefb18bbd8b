/* kiosk-profile.h — a mode staff turn a station into, such as a workshop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kiosk-allow-list.h"
#include "kiosk-localized.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_PROFILE (kiosk_profile_get_type ())
G_DECLARE_FINAL_TYPE (KioskProfile, kiosk_profile, KIOSK, PROFILE, GObject)

KioskProfile   *kiosk_profile_new            (const char     *id,
                                              const char     *name,
                                              KioskAllowList *allow_list);
KioskProfile   *kiosk_profile_new_localized  (const char     *id,
                                             KioskLocalized *names,
                                             KioskAllowList *allow_list);
const char     *kiosk_profile_get_id         (KioskProfile   *self);
const char     *kiosk_profile_get_name       (KioskProfile   *self);
KioskAllowList *kiosk_profile_get_allow_list (KioskProfile   *self);

G_END_DECLS
