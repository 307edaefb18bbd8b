/* kiosk-service-rules.c — each service's document rules, compiled ahead
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rules WebKit's content blocker applies to the documents of a
 * service (kiosk_policy_get_document_rules()) take a few tens of
 * milliseconds to compile, and a tap on a tile waited for them: a third
 * of the time to the page once the session's web process is readied.
 * They depend on the config alone, so every service's are compiled once,
 * one after the other, while the station waits for its first resident,
 * and shared by all sessions of the config. Only the public's are: a
 * profile staff turn on compiles its own at the tap, as does a service
 * whose rules are not ready yet. The compiled files go once mapped, as
 * all the kiosk's compiled rules do (kiosk-content-rules.c).
 */
#define G_LOG_DOMAIN "kiosk-service-rules"

#include "config.h"

#include "kiosk-service-rules.h"

#include "kiosk-content-rules.h"

struct _KioskServiceRules
{
  GObject       parent_instance;

  KioskConfig  *config;
  char         *store_dir;
  GCancellable *cancellable;
  /* Service id → its compiled rules. */
  GHashTable   *filters;
  /* The services still to compile, next first. */
  GPtrArray    *to_compile;
};

G_DEFINE_FINAL_TYPE (KioskServiceRules, kiosk_service_rules, G_TYPE_OBJECT)

static void compile_next (KioskServiceRules *self);

static void
compiled_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(KioskServiceRules) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskService) service = NULL;
  WebKitUserContentFilter *filter = kiosk_content_rules_compile_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_pointer (&filter, webkit_user_content_filter_unref);
      return;
    }

  service = g_ptr_array_steal_index (self->to_compile, 0);
  if (filter == NULL)
    /* The tap compiles them again, and says what WebKit refused. */
    g_debug ("Rules of %s not compiled ahead: %s", kiosk_service_get_id (service),
             error->message);
  else
    g_hash_table_insert (self->filters, g_strdup (kiosk_service_get_id (service)), filter);

  compile_next (self);
}

static void
compile_next (KioskServiceRules *self)
{
  g_autofree char *rules = NULL;
  KioskService *service;

  if (self->to_compile->len == 0)
    {
      g_debug ("The rules of %u services are compiled", g_hash_table_size (self->filters));
      return;
    }

  service = g_ptr_array_index (self->to_compile, 0);
  rules = kiosk_policy_get_document_rules (kiosk_config_get_policy (self->config), NULL,
                                           service);
  kiosk_content_rules_compile (self->store_dir, rules, self->cancellable, compiled_cb,
                               g_object_ref (self));
}

/**
 * kiosk_service_rules_compile:
 * @self: a #KioskServiceRules
 *
 * Compiles the rules of every service the public sees, one after the
 * other, in the background. Calling it again does nothing.
 */
void
kiosk_service_rules_compile (KioskServiceRules *self)
{
  GPtrArray *services;

  g_return_if_fail (KIOSK_IS_SERVICE_RULES (self));

  if (self->to_compile != NULL)
    return;

  self->to_compile = g_ptr_array_new_with_free_func (g_object_unref);
  services = kiosk_config_get_services (self->config);
  for (guint i = 0; i < services->len; i++)
    {
      KioskService *service = g_ptr_array_index (services, i);

      if (kiosk_service_get_profile (service) == NULL)
        g_ptr_array_add (self->to_compile, g_object_ref (service));
    }

  compile_next (self);
}

/**
 * kiosk_service_rules_lookup:
 * @self: a #KioskServiceRules
 * @profile: (nullable): the profile staff turned on
 * @service: the service a session opens
 *
 * Returns: (transfer none) (nullable): the rules kiosk_policy_get_document_rules()
 *   gives @profile and @service, compiled, or %NULL when they are not
 *   compiled yet or @profile is not %NULL
 */
WebKitUserContentFilter *
kiosk_service_rules_lookup (KioskServiceRules *self,
                            KioskProfile      *profile,
                            KioskService      *service)
{
  g_return_val_if_fail (KIOSK_IS_SERVICE_RULES (self), NULL);
  g_return_val_if_fail (KIOSK_IS_SERVICE (service), NULL);

  /* Compiled for the public; a service of a profile only is never. */
  if (profile != NULL)
    return NULL;

  return g_hash_table_lookup (self->filters, kiosk_service_get_id (service));
}

/**
 * kiosk_service_rules_get_n_ready:
 * @self: a #KioskServiceRules
 *
 * Returns: how many services' rules are compiled
 */
guint
kiosk_service_rules_get_n_ready (KioskServiceRules *self)
{
  g_return_val_if_fail (KIOSK_IS_SERVICE_RULES (self), 0);

  return g_hash_table_size (self->filters);
}

/* Run by the session manager as it goes (g_object_run_dispose()): the
 * compilations stop, the rules compiled stay for the sessions that hold
 * them.
 */
static void
kiosk_service_rules_dispose (GObject *object)
{
  KioskServiceRules *self = KIOSK_SERVICE_RULES (object);

  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (kiosk_service_rules_parent_class)->dispose (object);
}

static void
kiosk_service_rules_finalize (GObject *object)
{
  KioskServiceRules *self = KIOSK_SERVICE_RULES (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->config);
  g_clear_pointer (&self->filters, g_hash_table_unref);
  g_clear_pointer (&self->to_compile, g_ptr_array_unref);
  g_free (self->store_dir);

  G_OBJECT_CLASS (kiosk_service_rules_parent_class)->finalize (object);
}

static void
kiosk_service_rules_class_init (KioskServiceRulesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kiosk_service_rules_dispose;
  object_class->finalize = kiosk_service_rules_finalize;
}

static void
kiosk_service_rules_init (KioskServiceRules *self)
{
  self->cancellable = g_cancellable_new ();
  self->filters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) webkit_user_content_filter_unref);
}

/**
 * kiosk_service_rules_new:
 * @config: the station's config
 * @store_dir: a folder for WebKit's compiled rules while they are made
 *
 * Returns: (transfer full): the services' rules, none compiled yet
 */
KioskServiceRules *
kiosk_service_rules_new (KioskConfig *config,
                         const char  *store_dir)
{
  KioskServiceRules *self;

  g_return_val_if_fail (KIOSK_IS_CONFIG (config), NULL);
  g_return_val_if_fail (store_dir != NULL, NULL);

  self = g_object_new (KIOSK_TYPE_SERVICE_RULES, NULL);
  self->config = g_object_ref (config);
  self->store_dir = g_strdup (store_dir);
  return self;
}
