/* kiosk-content-rules.c — rules given to WebKit's content blocker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-content-rules"

#include "config.h"

#include "kiosk-content-rules.h"

#include <glib/gstdio.h>

/* WebKit compiles a list of rules into a file of its own format, in a
 * store folder, and maps it. One list at a time is in place: the new one
 * replaces the last. Each compilation has a name and a folder of its own:
 * WebKit goes on compiling a list the kiosk no longer wants (a service
 * left at once), two writing the same file fail, and one that removed a
 * shared folder once done made the next one fail ("Unspecified error
 * during compile": seen once in the tests, a service opened as another's
 * rules were put in place).
 */
/* On a manager: the identifier of the rules kiosk_content_rules_install()
 * put in place last.
 */
#define INSTALLED_KEY "kiosk-content-rules-installed"

typedef struct
{
  WebKitUserContentManager     *manager;   /* NULL: compiled, put nowhere */
  WebKitUserContentFilter      *filter;    /* the compiled rules */
  WebKitUserContentFilterStore *store;
  char                         *parent_dir;
  char                         *store_dir;
  char                         *identifier;
} Install;

static void
install_free (gpointer data)
{
  Install *install = data;

  g_clear_object (&install->manager);
  g_clear_pointer (&install->filter, webkit_user_content_filter_unref);
  g_object_unref (install->store);
  g_free (install->parent_dir);
  g_free (install->store_dir);
  g_free (install->identifier);
  g_free (install);
}

static void
removed_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Install *install = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!webkit_user_content_filter_store_remove_finish (WEBKIT_USER_CONTENT_FILTER_STORE (source),
                                                       result, &error))
    g_debug ("The compiled rules stay until the wipe: %s", error->message);
  g_rmdir (install->store_dir);
  /* The folder of all compilations, once the last has gone. */
  g_rmdir (install->parent_dir);

  if (install->manager == NULL)
    g_task_return_pointer (task, webkit_user_content_filter_ref (install->filter),
                           (GDestroyNotify) webkit_user_content_filter_unref);
  else
    g_task_return_boolean (task, TRUE);
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(WebKitUserContentFilter) filter = NULL;
  Install *install = g_task_get_task_data (task);
  GError *error = NULL;

  filter = webkit_user_content_filter_store_save_finish (install->store, result, &error);
  if (filter == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* Rules compiled for a service left since are not put in place; their
   * file goes all the same (the task then returns its cancellation).
   */
  if (install->manager != NULL && !g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    kiosk_content_rules_put_in_place (install->manager, filter);
  install->filter = g_steal_pointer (&filter);

  /* The filter holds the compiled rules, mapped in memory: the file goes
   * at once, so that the folder it was made in keeps only the resident's
   * documents, and nothing tells the next session which service this one
   * used.
   */
  webkit_user_content_filter_store_remove (install->store, install->identifier, NULL, removed_cb,
                                           g_steal_pointer (&task));
}

/* A compilation of @rules of its own, under @store_dir. */
static Install *
start (const char          *store_dir,
       const char          *rules,
       GCancellable        *cancellable,
       GAsyncReadyCallback  callback,
       gpointer             user_data,
       GTask              **task)
{
  static int serial;
  Install *install;

  g_return_val_if_fail (store_dir != NULL, NULL);
  g_return_val_if_fail (rules != NULL, NULL);

  install = g_new0 (Install, 1);
  install->identifier = g_strdup_printf ("rules-%u", (guint) g_atomic_int_add (&serial, 1));
  install->parent_dir = g_strdup (store_dir);
  install->store_dir = g_build_filename (store_dir, install->identifier, NULL);
  install->store = webkit_user_content_filter_store_new (install->store_dir);

  *task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_task_data (*task, install, install_free);
  return install;
}

static void
save (Install      *install,
      const char   *rules,
      GCancellable *cancellable,
      GTask        *task)
{
  g_autoptr(GBytes) source = g_bytes_new (rules, strlen (rules));

  webkit_user_content_filter_store_save (install->store, install->identifier, source,
                                         cancellable, saved_cb, task);
}

/**
 * kiosk_content_rules_install:
 * @manager: the view's user content manager
 * @store_dir: a folder for WebKit's compiled rules
 * @rules: rules in WebKit's JSON format, as kiosk_policy_get_document_rules()
 *   writes them
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once the rules are in place, or could not be
 * @user_data: data for @callback
 *
 * Compiles @rules and puts them in place of those this function gave
 * @manager before (other rules stay), for the
 * loads that come next. Until @callback, the previous rules remain. The
 * compiled file is removed from @store_dir once in place, and the folder
 * with it if it is then empty.
 */
void
kiosk_content_rules_install (WebKitUserContentManager *manager,
                             const char               *store_dir,
                             const char               *rules,
                             GCancellable             *cancellable,
                             GAsyncReadyCallback       callback,
                             gpointer                  user_data)
{
  Install *install;
  GTask *task = NULL;

  g_return_if_fail (WEBKIT_IS_USER_CONTENT_MANAGER (manager));

  install = start (store_dir, rules, cancellable, callback, user_data, &task);
  install->manager = g_object_ref (manager);
  g_task_set_source_tag (task, kiosk_content_rules_install);
  save (install, rules, cancellable, task);
}

/**
 * kiosk_content_rules_compile:
 * @store_dir: a folder for WebKit's compiled rules
 * @rules: rules in WebKit's JSON format
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once compiled, or refused
 * @user_data: data for @callback
 *
 * Compiles @rules once, to be given to many views' managers (the blocked
 * hosts of the config, kiosk_policy_get_block_rules()). The compiled file
 * is removed once mapped, as kiosk_content_rules_install() does.
 */
void
kiosk_content_rules_compile (const char          *store_dir,
                             const char          *rules,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task = NULL;
  Install *install = start (store_dir, rules, cancellable, callback, user_data, &task);

  g_task_set_source_tag (task, kiosk_content_rules_compile);
  save (install, rules, cancellable, task);
}

/**
 * kiosk_content_rules_compile_finish:
 * @result: the #GAsyncResult given to the callback
 * @error: return location for an error: WebKit's, if it refused the rules
 *
 * Returns: (transfer full) (nullable): the compiled rules
 */
WebKitUserContentFilter *
kiosk_content_rules_compile_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * kiosk_content_rules_put_in_place:
 * @manager: a view's user content manager
 * @filter: rules compiled by kiosk_content_rules_compile()
 *
 * Puts @filter in place of the rules this function (or
 * kiosk_content_rules_install()) gave @manager before, at once.
 */
void
kiosk_content_rules_put_in_place (WebKitUserContentManager *manager,
                                  WebKitUserContentFilter  *filter)
{
  const char *previous;

  g_return_if_fail (WEBKIT_IS_USER_CONTENT_MANAGER (manager));
  g_return_if_fail (filter != NULL);

  /* In place of the rules installed before, and of those only: the
   * manager may hold other rules (the blocked hosts, compiled once).
   */
  previous = g_object_get_data (G_OBJECT (manager), INSTALLED_KEY);
  if (previous != NULL)
    webkit_user_content_manager_remove_filter_by_id (manager, previous);
  webkit_user_content_manager_add_filter (manager, filter);
  g_object_set_data_full (G_OBJECT (manager), INSTALLED_KEY,
                          g_strdup (webkit_user_content_filter_get_identifier (filter)), g_free);
}

/**
 * kiosk_content_rules_install_finish:
 * @result: the #GAsyncResult given to the callback
 * @error: return location for an error: WebKit's, if it refused the rules
 *
 * Returns: %TRUE if the rules are in place
 */
gboolean
kiosk_content_rules_install_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
