/* kiosk-staff-pin.h — the médiateurs' PIN: hashed on disk, checked with a lockout
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define KIOSK_STAFF_PIN_ERROR (kiosk_staff_pin_error_quark ())

typedef enum
{
  KIOSK_STAFF_PIN_ERROR_INVALID_PIN,
  KIOSK_STAFF_PIN_ERROR_UNREADABLE,
  KIOSK_STAFF_PIN_ERROR_NOT_PRIVATE,
  KIOSK_STAFF_PIN_ERROR_INVALID_FILE,
  KIOSK_STAFF_PIN_ERROR_WRITE,
  KIOSK_STAFF_PIN_ERROR_CRYPT,
} KioskStaffPinError;

GQuark kiosk_staff_pin_error_quark (void);

/* What kiosk_staff_pin_check() tells the staff panel. */
typedef enum
{
  KIOSK_STAFF_PIN_OK,
  KIOSK_STAFF_PIN_WRONG,
  KIOSK_STAFF_PIN_LOCKED,
} KioskStaffPinResult;

/* Where the PIN is kept when the config has no StaffPinFile. */
#define KIOSK_STAFF_PIN_DEFAULT_PATH "/etc/pimms-kiosk/staff-pin"

#define KIOSK_STAFF_PIN_MIN_LENGTH 4
#define KIOSK_STAFF_PIN_MAX_LENGTH 12

/* Wrong PINs in a row that lock the panel, and for how long: the first
 * lock lasts KIOSK_STAFF_PIN_LOCK_USEC, each one after it without the
 * right PIN in between twice as long, up to KIOSK_STAFF_PIN_MAX_LOCK_USEC.
 */
#define KIOSK_STAFF_PIN_MAX_FAILURES 5
#define KIOSK_STAFF_PIN_LOCK_USEC (5 * 60 * G_USEC_PER_SEC)
#define KIOSK_STAFF_PIN_MAX_LOCK_USEC ((gint64) 60 * 60 * G_USEC_PER_SEC)

#define KIOSK_TYPE_STAFF_PIN (kiosk_staff_pin_get_type ())
G_DECLARE_FINAL_TYPE (KioskStaffPin, kiosk_staff_pin, KIOSK, STAFF_PIN, GObject)

gboolean             kiosk_staff_pin_is_valid          (const char     *pin);
char                *kiosk_staff_pin_hash              (const char     *pin,
                                                        GError        **error);
gboolean             kiosk_staff_pin_write_file        (const char     *path,
                                                        const char     *hash,
                                                        GError        **error);

KioskStaffPin       *kiosk_staff_pin_load              (const char     *path,
                                                        GError        **error);
KioskStaffPinResult  kiosk_staff_pin_check             (KioskStaffPin  *self,
                                                        const char     *pin,
                                                        gint64          now_usec);
guint                kiosk_staff_pin_get_failures      (KioskStaffPin  *self);
gint64               kiosk_staff_pin_get_locked_until  (KioskStaffPin  *self);

G_END_DECLS
