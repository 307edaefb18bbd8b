/* kiosk-config.h — the station's configuration and service catalogue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kiosk-policy.h"
#include "kiosk-profile.h"
#include "kiosk-service.h"

G_BEGIN_DECLS

#define KIOSK_CONFIG_ERROR (kiosk_config_error_quark ())

typedef enum
{
  KIOSK_CONFIG_ERROR_UNREADABLE,
  KIOSK_CONFIG_ERROR_SYNTAX,
  KIOSK_CONFIG_ERROR_MISSING_KEY,
  KIOSK_CONFIG_ERROR_INVALID_VALUE,
  KIOSK_CONFIG_ERROR_UNKNOWN_KEY,
  KIOSK_CONFIG_ERROR_UNKNOWN_GROUP,
  KIOSK_CONFIG_ERROR_NO_SERVICE,
  KIOSK_CONFIG_ERROR_UNKNOWN_SERVICE,
} KioskConfigError;

GQuark kiosk_config_error_quark (void);

#define KIOSK_TYPE_CONFIG (kiosk_config_get_type ())
G_DECLARE_FINAL_TYPE (KioskConfig, kiosk_config, KIOSK, CONFIG, GObject)

char           *kiosk_config_find_default_path   (void);
KioskConfig    *kiosk_config_load                (const char   *path,
                                                  GError      **error);

const char     *kiosk_config_get_path            (KioskConfig  *self);
const char     *kiosk_config_get_version         (KioskConfig  *self);
const char     *kiosk_config_get_station_id      (KioskConfig  *self);
const char     *kiosk_config_get_site            (KioskConfig  *self);
guint           kiosk_config_get_idle_timeout    (KioskConfig  *self);
guint           kiosk_config_get_idle_warning    (KioskConfig  *self);
guint           kiosk_config_get_assisted_idle_timeout (KioskConfig *self);
guint           kiosk_config_get_max_session_minutes (KioskConfig *self);
const char     *kiosk_config_get_proxy           (KioskConfig  *self);
gboolean        kiosk_config_get_allow_insecure_http (KioskConfig *self);
const char     *kiosk_config_get_upload_folder   (KioskConfig  *self);
guint           kiosk_config_get_max_print_pages (KioskConfig  *self);
const char     *kiosk_config_get_printer         (KioskConfig  *self);
gboolean        kiosk_config_get_survey          (KioskConfig  *self);
const char     *kiosk_config_get_remote_listen   (KioskConfig  *self);
const char     *kiosk_config_get_remote_token_file (KioskConfig *self);
const char     *kiosk_config_get_remote_tls_certificate (KioskConfig *self);
const char     *kiosk_config_get_remote_tls_key  (KioskConfig  *self);
const char     *kiosk_config_get_staff_pin_file  (KioskConfig  *self);
gboolean        kiosk_config_get_staff_may_quit  (KioskConfig  *self);
KioskAllowList *kiosk_config_get_global_allow_list (KioskConfig *self);
KioskPolicy    *kiosk_config_get_policy          (KioskConfig  *self);
GPtrArray      *kiosk_config_get_services        (KioskConfig  *self);
GHashTable     *kiosk_config_dup_service_names   (KioskConfig  *self);
KioskService   *kiosk_config_lookup_service      (KioskConfig  *self,
                                                  const char   *id);
KioskService   *kiosk_config_require_service     (KioskConfig  *self,
                                                  const char   *id,
                                                  GError      **error);
GPtrArray      *kiosk_config_get_profiles        (KioskConfig  *self);
KioskProfile   *kiosk_config_lookup_profile      (KioskConfig  *self,
                                                  const char   *id);

G_END_DECLS
