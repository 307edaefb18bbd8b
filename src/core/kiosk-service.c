/* kiosk-service.c — one home-screen tile: a public service and its hosts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-service"

#include "config.h"

#include "kiosk-service.h"

#include <string.h>

/* A service is immutable once the config is loaded: the shell, the policy
 * and (later) the usage counts all read the same instance.
 */
struct _KioskService
{
  GObject         parent_instance;

  char           *id;
  KioskLocalized *names;
  KioskLocalized *descriptions;   /* nullable */
  KioskLocalized *keywords;       /* nullable; each value a ';'-separated list */
  char           *url;
  char           *category;
  char           *profile;
  KioskAllowList *allow_list;
  KioskAllowList *frame_list;
  KioskAllowList *resource_list;
};

G_DEFINE_FINAL_TYPE (KioskService, kiosk_service, G_TYPE_OBJECT)

static void
kiosk_service_dispose (GObject *object)
{
  KioskService *self = KIOSK_SERVICE (object);

  g_clear_object (&self->allow_list);
  g_clear_object (&self->frame_list);
  g_clear_object (&self->resource_list);

  G_OBJECT_CLASS (kiosk_service_parent_class)->dispose (object);
}

static void
kiosk_service_finalize (GObject *object)
{
  KioskService *self = KIOSK_SERVICE (object);

  g_free (self->id);
  g_clear_pointer (&self->names, g_hash_table_unref);
  g_clear_pointer (&self->descriptions, g_hash_table_unref);
  g_clear_pointer (&self->keywords, g_hash_table_unref);
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
  self->names = kiosk_localized_new (name);
  self->descriptions = description != NULL ? kiosk_localized_new (description) : NULL;
  self->url = g_strdup (url);
  self->category = g_strdup (category);
  self->profile = g_strdup (profile);
  self->allow_list = g_object_ref (allow_list);
  self->frame_list = kiosk_allow_list_new ();
  self->resource_list = kiosk_allow_list_new ();

  return self;
}

const char *
kiosk_service_get_id (KioskService *self)
{
  g_return_val_if_fail (KIOSK_IS_SERVICE (self), NULL);

  return self->id;
}

/**
 * kiosk_service_set_translations:
 * @self: a #KioskService
 * @names: (transfer full) (nullable): the names by locale, as Name[xx]=
 *   gives them, or %NULL to keep the one given to kiosk_service_new()
 * @descriptions: (transfer full) (nullable): the same for Description
 * @keywords: (transfer full) (nullable): the search words by locale
 *   (Keywords[xx]=, each a list separated by ';')
 *
 * Done once, while the config is read.
 */
void
kiosk_service_set_translations (KioskService   *self,
                                KioskLocalized *names,
                                KioskLocalized *descriptions,
                                KioskLocalized *keywords)
{
  g_return_if_fail (KIOSK_IS_SERVICE (self));

  if (names != NULL)
    {
      g_hash_table_unref (self->names);
      self->names = names;
    }
  if (descriptions != NULL)
    {
      g_clear_pointer (&self->descriptions, g_hash_table_unref);
      self->descriptions = descriptions;
    }
  if (keywords != NULL)
    {
      g_clear_pointer (&self->keywords, g_hash_table_unref);
      self->keywords = keywords;
    }
}

/**
 * kiosk_service_get_name:
 * @self: a #KioskService
 *
 * Returns: the name in the language the kiosk speaks now
 */
const char *
kiosk_service_get_name (KioskService *self)
{
  g_return_val_if_fail (KIOSK_IS_SERVICE (self), NULL);

  return kiosk_localized_get (self->names);
}

/**
 * kiosk_service_get_description:
 * @self: a #KioskService
 *
 * Returns: (nullable): the description in the language the kiosk speaks now
 */
const char *
kiosk_service_get_description (KioskService *self)
{
  g_return_val_if_fail (KIOSK_IS_SERVICE (self), NULL);

  return self->descriptions != NULL ? kiosk_localized_get (self->descriptions) : NULL;
}

/**
 * kiosk_service_get_names:
 * @self: a #KioskService
 *
 * Returns: (transfer none): its names by locale ("" for Name=), for the
 *   search
 */
KioskLocalized *
kiosk_service_get_names (KioskService *self)
{
  g_return_val_if_fail (KIOSK_IS_SERVICE (self), NULL);

  return self->names;
}

/**
 * kiosk_service_get_descriptions:
 * @self: a #KioskService
 *
 * Returns: (transfer none) (nullable): its descriptions by locale
 */
KioskLocalized *
kiosk_service_get_descriptions (KioskService *self)
{
  g_return_val_if_fail (KIOSK_IS_SERVICE (self), NULL);

  return self->descriptions;
}

/**
 * kiosk_service_get_keywords:
 * @self: a #KioskService
 *
 * Returns: (transfer none) (nullable): its Keywords= by locale, each a
 *   ';'-separated list of the words residents say for it
 */
KioskLocalized *
kiosk_service_get_keywords (KioskService *self)
{
  g_return_val_if_fail (KIOSK_IS_SERVICE (self), NULL);

  return self->keywords;
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
 * kiosk_service_set_frame_list:
 * @self: a #KioskService
 * @frame_list: the hosts (`Frames=`) this service's pages may show in a
 *   frame, and never as a page; it must not change once given here
 *
 * Set once, by the config that reads the service.
 */
void
kiosk_service_set_frame_list (KioskService   *self,
                              KioskAllowList *frame_list)
{
  g_return_if_fail (KIOSK_IS_SERVICE (self));
  g_return_if_fail (KIOSK_IS_ALLOW_LIST (frame_list));

  g_set_object (&self->frame_list, frame_list);
}

/**
 * kiosk_service_set_resource_list:
 * @self: a #KioskService
 * @resource_list: the hosts (`Resources=`) this service's pages may load
 *   sub-resources from (content delivery networks, the site's APIs) in
 *   strict mode, besides the hosts of its pages; it must not change once
 *   given here
 *
 * Set once, by the config that reads the service.
 */
void
kiosk_service_set_resource_list (KioskService   *self,
                                 KioskAllowList *resource_list)
{
  g_return_if_fail (KIOSK_IS_SERVICE (self));
  g_return_if_fail (KIOSK_IS_ALLOW_LIST (resource_list));

  g_set_object (&self->resource_list, resource_list);
}

KioskAllowList *
kiosk_service_get_resource_list (KioskService *self)
{
  g_return_val_if_fail (KIOSK_IS_SERVICE (self), NULL);

  return self->resource_list;
}

/**
 * kiosk_service_get_frame_list:
 * @self: a #KioskService
 *
 * Returns: (transfer none): the hosts allowed in this service's frames
 *   only; empty unless the service lists some
 */
KioskAllowList *
kiosk_service_get_frame_list (KioskService *self)
{
  g_return_val_if_fail (KIOSK_IS_SERVICE (self), NULL);

  return self->frame_list;
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
