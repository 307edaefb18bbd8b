/* kiosk-profile.c — a mode staff turn a station into, such as a workshop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-profile"

#include "config.h"

#include "kiosk-profile.h"

/* A profile (a `[Profile ID]` group) widens what the station may reach
 * while staff have it on: its hosts are open to every service, and the
 * services that name it exist only then. Like a service, it is immutable
 * once the config is loaded.
 */
struct _KioskProfile
{
  GObject         parent_instance;

  char           *id;
  KioskLocalized *names;
  KioskAllowList *allow_list;
};

G_DEFINE_FINAL_TYPE (KioskProfile, kiosk_profile, G_TYPE_OBJECT)

static void
kiosk_profile_dispose (GObject *object)
{
  KioskProfile *self = KIOSK_PROFILE (object);

  g_clear_object (&self->allow_list);

  G_OBJECT_CLASS (kiosk_profile_parent_class)->dispose (object);
}

static void
kiosk_profile_finalize (GObject *object)
{
  KioskProfile *self = KIOSK_PROFILE (object);

  g_free (self->id);
  g_clear_pointer (&self->names, g_hash_table_unref);

  G_OBJECT_CLASS (kiosk_profile_parent_class)->finalize (object);
}

static void
kiosk_profile_class_init (KioskProfileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kiosk_profile_dispose;
  object_class->finalize = kiosk_profile_finalize;
}

static void
kiosk_profile_init (KioskProfile *self)
{
}

/**
 * kiosk_profile_new:
 * @id: the id of the `[Profile ID]` group
 * @name: the name shown to staff and on the home screen, already localized
 * @allow_list: the hosts every service may reach while the profile is on
 *
 * Returns: (transfer full): a new #KioskProfile
 */
KioskProfile *
kiosk_profile_new (const char     *id,
                   const char     *name,
                   KioskAllowList *allow_list)
{
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (KIOSK_IS_ALLOW_LIST (allow_list), NULL);

  return kiosk_profile_new_localized (id, kiosk_localized_new (name), allow_list);
}

/**
 * kiosk_profile_new_localized:
 * @id: the profile's id
 * @names: (transfer full): its names by locale, as Name[xx]= gives them
 * @allow_list: the hosts every service may reach while it is on
 *
 * Returns: (transfer full): a new #KioskProfile
 */
KioskProfile *
kiosk_profile_new_localized (const char     *id,
                             KioskLocalized *names,
                             KioskAllowList *allow_list)
{
  KioskProfile *self;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (names != NULL, NULL);
  g_return_val_if_fail (KIOSK_IS_ALLOW_LIST (allow_list), NULL);

  self = g_object_new (KIOSK_TYPE_PROFILE, NULL);
  self->id = g_strdup (id);
  self->names = names;
  self->allow_list = g_object_ref (allow_list);

  return self;
}

/**
 * kiosk_profile_get_id:
 * @self: a #KioskProfile
 *
 * Returns: the id, as services name it in `Profile=`
 */
const char *
kiosk_profile_get_id (KioskProfile *self)
{
  g_return_val_if_fail (KIOSK_IS_PROFILE (self), NULL);

  return self->id;
}

/**
 * kiosk_profile_get_name:
 * @self: a #KioskProfile
 *
 * Returns: the name, localized (`Name[fr]=`…) the way service names are
 */
const char *
kiosk_profile_get_name (KioskProfile *self)
{
  g_return_val_if_fail (KIOSK_IS_PROFILE (self), NULL);

  return kiosk_localized_get (self->names);
}

/**
 * kiosk_profile_get_allow_list:
 * @self: a #KioskProfile
 *
 * Returns: (transfer none): the `Hosts` every service may reach while the
 *   profile is on; never %NULL, empty when the profile only adds services
 */
KioskAllowList *
kiosk_profile_get_allow_list (KioskProfile *self)
{
  g_return_val_if_fail (KIOSK_IS_PROFILE (self), NULL);

  return self->allow_list;
}
