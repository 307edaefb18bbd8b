/* kiosk-usage-gatherer.c — every station's usage counts, gathered into the console's store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-usage-gatherer"

#include "config.h"

#include "kiosk-usage-gatherer.h"

#include "kiosk-files.h"
#include "kiosk-usage-store.h"

#include <glib/gstdio.h>

typedef struct
{
  char               *id;
  KioskStationClient *client;
} Station;

struct _KioskUsageGatherer
{
  GObject       parent_instance;

  char         *store_path;
  GPtrArray    *stations;
  GCancellable *cancellable;
  GQueue        pending;    /* KioskUsageCsv + station id, waiting to be merged */
  gboolean      merging;
  guint         n_done;
};

G_DEFINE_FINAL_TYPE (KioskUsageGatherer, kiosk_usage_gatherer, G_TYPE_OBJECT)

enum
{
  STATION_DONE,
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* One station's counts on their way into the console's store. */
typedef struct
{
  char          *id;
  KioskUsageCsv *csv;
  char          *store_path;
} Merge;

static void
merge_free (gpointer data)
{
  Merge *merge = data;

  g_free (merge->id);
  kiosk_usage_csv_free (merge->csv);
  g_free (merge->store_path);
  g_free (merge);
}

static void
station_free (gpointer data)
{
  Station *station = data;

  g_free (station->id);
  g_clear_object (&station->client);
  g_free (station);
}

static void
kiosk_usage_gatherer_dispose (GObject *object)
{
  KioskUsageGatherer *self = KIOSK_USAGE_GATHERER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_queue_clear_full (&self->pending, merge_free);
  g_clear_pointer (&self->stations, g_ptr_array_unref);

  G_OBJECT_CLASS (kiosk_usage_gatherer_parent_class)->dispose (object);
}

static void
kiosk_usage_gatherer_finalize (GObject *object)
{
  KioskUsageGatherer *self = KIOSK_USAGE_GATHERER (object);

  g_free (self->store_path);

  G_OBJECT_CLASS (kiosk_usage_gatherer_parent_class)->finalize (object);
}

static void
kiosk_usage_gatherer_class_init (KioskUsageGathererClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kiosk_usage_gatherer_dispose;
  object_class->finalize = kiosk_usage_gatherer_finalize;

  /**
   * KioskUsageGatherer::station-done:
   * @self: the gatherer
   * @id: the station
   * @n_rows: how many counts it sent
   * @error: (nullable): why its counts could not be had, or %NULL
   *
   * One station is done: its counts are in the store, or it could not
   * be reached, and the counts the store already had of it stay.
   */
  signals[STATION_DONE] =
    g_signal_new ("station-done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_UINT, G_TYPE_ERROR);

  /**
   * KioskUsageGatherer::finished:
   * @self: the gatherer
   *
   * Every station is done; the store holds all that could be gathered.
   */
  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
}

static void
kiosk_usage_gatherer_init (KioskUsageGatherer *self)
{
  self->stations = g_ptr_array_new_with_free_func (station_free);
  g_queue_init (&self->pending);
}

/**
 * kiosk_usage_gatherer_new:
 * @store_path: the console's own usage database, created when needed
 *
 * Returns: (transfer full): a gatherer without stations
 */
KioskUsageGatherer *
kiosk_usage_gatherer_new (const char *store_path)
{
  KioskUsageGatherer *self;

  g_return_val_if_fail (store_path != NULL, NULL);

  self = g_object_new (KIOSK_TYPE_USAGE_GATHERER, NULL);
  self->store_path = g_strdup (store_path);
  return self;
}

const char *
kiosk_usage_gatherer_get_store_path (KioskUsageGatherer *self)
{
  g_return_val_if_fail (KIOSK_IS_USAGE_GATHERER (self), NULL);

  return self->store_path;
}

void
kiosk_usage_gatherer_add_station (KioskUsageGatherer *self,
                                  const char         *id,
                                  KioskStationClient *client)
{
  Station *station;

  g_return_if_fail (KIOSK_IS_USAGE_GATHERER (self));
  g_return_if_fail (id != NULL);
  g_return_if_fail (KIOSK_IS_STATION_CLIENT (client));

  station = g_new0 (Station, 1);
  station->id = g_strdup (id);
  station->client = g_object_ref (client);
  g_ptr_array_add (self->stations, station);
}

/* The rows go to a store of their own first, and from there into the
 * console's through merge_from(), which keeps the larger count of each
 * row: fetching the same days again never counts them twice.
 */
static void
merge_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Merge *merge = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskUsageStore) target = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  const KioskUsageRow *rows;
  guint n_rows;
  gboolean merged;

  dir = g_dir_make_tmp ("pimms-kiosk-console-XXXXXX", &error);
  if (dir == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  path = g_build_filename (dir, "station.db", NULL);

  {
    g_autoptr(KioskUsageStore) station = kiosk_usage_store_open (path, &error);

    rows = kiosk_usage_csv_get_rows (merge->csv, &n_rows);
    merged = station != NULL && kiosk_usage_store_add (station, rows, n_rows, &error);
  }

  if (merged)
    {
      target = kiosk_usage_store_open (merge->store_path, &error);
      merged = target != NULL && kiosk_usage_store_merge_from (target, path, &error);
    }

  kiosk_files_remove_tree (dir, NULL);

  if (!merged)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void merge_next (KioskUsageGatherer *self);

static void
check_finished (KioskUsageGatherer *self)
{
  if (self->n_done == self->stations->len)
    {
      g_clear_object (&self->cancellable);
      g_signal_emit (self, signals[FINISHED], 0);
    }
}

static void
station_done (KioskUsageGatherer *self,
              const char         *id,
              guint               n_rows,
              const GError       *error)
{
  self->n_done++;
  g_signal_emit (self, signals[STATION_DONE], 0, id, n_rows, error);
  check_finished (self);
}

static void
merged_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(KioskUsageGatherer) self = user_data;
  Merge *merge = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  guint n_rows = 0;

  self->merging = FALSE;

  /* A gathering cancelled meanwhile, whose merge this was: a new one may
   * have merges waiting for this one to end.
   */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    {
      merge_next (self);
      return;
    }

  g_task_propagate_boolean (G_TASK (result), &error);
  kiosk_usage_csv_get_rows (merge->csv, &n_rows);
  station_done (self, merge->id, n_rows, error);
  merge_next (self);
}

/* One merge at a time: each writes the console's store. */
static void
merge_next (KioskUsageGatherer *self)
{
  g_autoptr(GTask) task = NULL;
  Merge *merge;

  if (self->merging || g_queue_is_empty (&self->pending))
    return;

  merge = g_queue_pop_head (&self->pending);
  self->merging = TRUE;
  task = g_task_new (NULL, self->cancellable, merged_cb, g_object_ref (self));
  g_task_set_task_data (task, merge, merge_free);
  g_task_run_in_thread (task, merge_thread);
}

typedef struct
{
  KioskUsageGatherer *self;
  char               *id;
} Fetch;

static void
fetched_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Fetch *fetch = user_data;
  g_autoptr(KioskUsageGatherer) self = fetch->self;
  g_autofree char *id = fetch->id;
  g_autoptr(GError) error = NULL;
  KioskUsageCsv *csv;
  Merge *merge;

  g_free (fetch);
  csv = kiosk_station_client_fetch_usage_finish (KIOSK_STATION_CLIENT (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (csv == NULL)
    {
      station_done (self, id, 0, error);
      return;
    }

  merge = g_new0 (Merge, 1);
  merge->id = g_steal_pointer (&id);
  merge->csv = csv;
  merge->store_path = g_strdup (self->store_path);
  g_queue_push_tail (&self->pending, merge);
  merge_next (self);
}

/**
 * kiosk_usage_gatherer_start:
 * @self: a #KioskUsageGatherer
 * @from_day: the first day wanted, "YYYY-MM-DD"
 *
 * Asks every station for its counts from @from_day on, all at once, and
 * merges each answer into the console's store as it comes. A station
 * that cannot be reached keeps the counts the store already has of it.
 *
 * Returns: %FALSE when a gathering is already running
 */
gboolean
kiosk_usage_gatherer_start (KioskUsageGatherer *self,
                            const char         *from_day)
{
  g_autofree char *dir = NULL;

  g_return_val_if_fail (KIOSK_IS_USAGE_GATHERER (self), FALSE);
  g_return_val_if_fail (kiosk_usage_day_is_valid (from_day), FALSE);

  if (self->cancellable != NULL)
    return FALSE;

  dir = g_path_get_dirname (self->store_path);
  g_mkdir_with_parents (dir, 0700);

  self->cancellable = g_cancellable_new ();
  self->n_done = 0;

  for (guint i = 0; i < self->stations->len; i++)
    {
      Station *station = g_ptr_array_index (self->stations, i);
      Fetch *fetch = g_new0 (Fetch, 1);

      fetch->self = g_object_ref (self);
      fetch->id = g_strdup (station->id);
      kiosk_station_client_fetch_usage_async (station->client, from_day, self->cancellable,
                                              fetched_cb, fetch);
    }

  check_finished (self);
  return TRUE;
}

void
kiosk_usage_gatherer_cancel (KioskUsageGatherer *self)
{
  g_return_if_fail (KIOSK_IS_USAGE_GATHERER (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_queue_clear_full (&self->pending, merge_free);
}

gboolean
kiosk_usage_gatherer_is_running (KioskUsageGatherer *self)
{
  g_return_val_if_fail (KIOSK_IS_USAGE_GATHERER (self), FALSE);

  return self->cancellable != NULL;
}

guint
kiosk_usage_gatherer_get_n_done (KioskUsageGatherer *self)
{
  g_return_val_if_fail (KIOSK_IS_USAGE_GATHERER (self), 0);

  return self->n_done;
}

guint
kiosk_usage_gatherer_get_n_stations (KioskUsageGatherer *self)
{
  g_return_val_if_fail (KIOSK_IS_USAGE_GATHERER (self), 0);

  return self->stations->len;
}
