/* kiosk-service.c — one home-screen tile: a public service and its hosts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-service"

#include "config.h"

#include "kiosk-service.h"

/* A service is immutable once the config is loaded: the shell, the policy
 * and (later) the usage counts all read the same instance.
 */
struct _KioskService
{
  GObject         parent_instance;

  char           *id;
  char           *name;
  char           *description;
  char           *url;
  char           *category;
  char           *profile;
  KioskAllowList *allow_list;
};

G_DEFINE_FINAL_TYPE (KioskService, kiosk_service, G_TYPE_OBJECT)

static void
kiosk_service_dispose (GObject *object)
{
  KioskService *self = KIOSK_SERVICE (object);

  g_clear_object (&self->allow_list);

  G_OBJECT_CLASS (kiosk_service_parent_class)->dispose (object);
}

static void
kiosk_service_finalize (GObject *object)
{
  KioskService *self = KIOSK_SERVICE (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->description);
  g_free (self->url);
  g_free (self->category);
  g_free (self->profile);

  G_OBJECT_CLASS (kiosk_service_parent_class)->finalize (object);
}

static void
kiosk_service_class_init (KioskServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kiosk_service_dispose;
  object_class->finalize = kiosk_service_finalize;
}

static void
kiosk_service_init (KioskService *self)
{
}

/**
 * kiosk_service_new:
 * @id: the id of the `[Service ID]` group
 * @name: the name shown on the tile, already localized
 * @description: (nullable): one short line under the name
 * @url: the entry page of the service
 * @category: the category id the tile is grouped under
 * @profile: (nullable): the id of the profile the service belongs to,
 *   or %NULL for a public service
 * @allow_list: the hosts this service may navigate to
 *
 * Returns: (transfer full): a new #KioskService
 */
KioskService *
kiosk_service_new (const char     *id,
                   const char     *name,
                   const char     *description,
                   const char     *url,
                   const char     *category,
                   const char     *profile,
                   KioskAllowList *allow_list)
{
  KioskService *self;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (category != NULL, NULL);
  g_return_val_if_fail (KIOSK_IS_ALLOW_LIST (allow_list), NULL);

  self = g_object_new (KIOSK_TYPE_SERVICE, NULL);
  self->id = g_strdup (id);
  self->name = g_strdup (name);
  self->description = g_strdup (description);
  self->url = g_strdup (url);
  self->category = g_strdup (category);
  self->profile = g_strdup (profile);
  self->allow_list = g_object_ref (allow_list);

  return self;
}

const char *
kiosk_service_get_id (KioskService *self)
{
  g_return_val_if_fail (KIOSK_IS_SERVICE (self), NULL);

  return self->id;
}

const char *
kiosk_service_get_name (KioskService *self)
{
  g_return_val_if_fail (KIOSK_IS_SERVICE (self), NULL);

  return self->name;
}

const char *
kiosk_service_get_description (KioskService *self)
{
  g_return_val_if_fail (KIOSK_IS_SERVICE (self), NULL);

  return self->description;
}

const char *
kiosk_service_get_url (KioskService *self)
{
  g_return_val_if_fail (KIOSK_IS_SERVICE (self), NULL);

  return self->url;
}

const char *
kiosk_service_get_category (KioskService *self)
{
  g_return_val_if_fail (KIOSK_IS_SERVICE (self), NULL);

  return self->category;
}

KioskAllowList *
kiosk_service_get_allow_list (KioskService *self)
{
  g_return_val_if_fail (KIOSK_IS_SERVICE (self), NULL);

  return self->allow_list;
}

/**
 * kiosk_service_get_profile:
 * @self: a #KioskService
 *
 * A service of a profile (`Profile=` in its group) is not one of the public
 * tiles: it exists only while staff have that profile on, and the policy
 * refuses it everything otherwise.
 *
 * Returns: (nullable): the id of the profile the service belongs to, or
 *   %NULL for a public service
 */
const char *
kiosk_service_get_profile (KioskService *self)
{
  g_return_val_if_fail (KIOSK_IS_SERVICE (self), NULL);

  return self->profile;
}
