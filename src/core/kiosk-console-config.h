/* kiosk-console-config.h — the desk console's configuration: its stations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define KIOSK_CONSOLE_CONFIG_DEFAULT_PATH "/etc/pimms-kiosk/console.conf"

#define KIOSK_CONSOLE_CONFIG_ERROR (kiosk_console_config_error_quark ())

typedef enum
{
  KIOSK_CONSOLE_CONFIG_ERROR_UNREADABLE,
  KIOSK_CONSOLE_CONFIG_ERROR_SYNTAX,
  KIOSK_CONSOLE_CONFIG_ERROR_MISSING_KEY,
  KIOSK_CONSOLE_CONFIG_ERROR_INVALID_VALUE,
  KIOSK_CONSOLE_CONFIG_ERROR_UNKNOWN_KEY,
  KIOSK_CONSOLE_CONFIG_ERROR_UNKNOWN_GROUP,
  KIOSK_CONSOLE_CONFIG_ERROR_NO_STATION,
  KIOSK_CONSOLE_CONFIG_ERROR_DUPLICATE_URL,
} KioskConsoleConfigError;

GQuark kiosk_console_config_error_quark (void);

#define KIOSK_CONSOLE_CONFIG_DEFAULT_REFRESH 5
#define KIOSK_CONSOLE_CONFIG_MIN_REFRESH 2
#define KIOSK_CONSOLE_CONFIG_MAX_REFRESH 300

/* As long as a station takes (KIOSK_STATION_API_MAX_NAME). */
#define KIOSK_CONSOLE_CONFIG_MAX_NAME 60

/* One [Station ID] group, its token and certificate already read. */
typedef struct
{
  char *id;
  char *url;
  char *token;            /* erased when freed */
  char *certificate_pem;  /* the one certificate accepted over https, or NULL */
} KioskConsoleStation;

#define KIOSK_TYPE_CONSOLE_CONFIG (kiosk_console_config_get_type ())
G_DECLARE_FINAL_TYPE (KioskConsoleConfig, kiosk_console_config, KIOSK, CONSOLE_CONFIG, GObject)

KioskConsoleConfig *kiosk_console_config_load                (const char         *path,
                                                              GError            **error);
const char         *kiosk_console_config_get_path            (KioskConsoleConfig *self);
guint               kiosk_console_config_get_refresh_seconds (KioskConsoleConfig *self);
const char         *kiosk_console_config_get_catalogue       (KioskConsoleConfig *self);
const char         *kiosk_console_config_get_mediator_name   (KioskConsoleConfig *self);
GPtrArray          *kiosk_console_config_get_stations        (KioskConsoleConfig *self);

G_END_DECLS
