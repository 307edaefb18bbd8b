/* kiosk-service.h — one home-screen tile: a public service and its hosts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kiosk-allow-list.h"
#include "kiosk-localized.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_SERVICE (kiosk_service_get_type ())
G_DECLARE_FINAL_TYPE (KioskService, kiosk_service, KIOSK, SERVICE, GObject)

KioskService   *kiosk_service_new             (const char     *id,
                                               const char     *name,
                                               const char     *description,
                                               const char     *url,
                                               const char     *category,
                                               const char     *profile,
                                               KioskAllowList *allow_list);
void            kiosk_service_set_translations (KioskService  *self,
                                                KioskLocalized *names,
                                                KioskLocalized *descriptions,
                                                KioskLocalized *keywords);
const char     *kiosk_service_get_id          (KioskService   *self);
const char     *kiosk_service_get_name        (KioskService   *self);
const char     *kiosk_service_get_description (KioskService   *self);
const char     *kiosk_service_get_url         (KioskService   *self);
const char     *kiosk_service_get_category    (KioskService   *self);
KioskAllowList *kiosk_service_get_allow_list  (KioskService   *self);
void            kiosk_service_set_frame_list  (KioskService   *self,
                                               KioskAllowList *frame_list);
KioskAllowList *kiosk_service_get_frame_list  (KioskService   *self);
void            kiosk_service_set_resource_list (KioskService   *self,
                                                 KioskAllowList *resource_list);
KioskAllowList *kiosk_service_get_resource_list (KioskService   *self);
const char     *kiosk_service_get_profile     (KioskService   *self);
KioskLocalized *kiosk_service_get_names       (KioskService   *self);
KioskLocalized *kiosk_service_get_descriptions (KioskService  *self);
KioskLocalized *kiosk_service_get_keywords    (KioskService   *self);

G_END_DECLS
