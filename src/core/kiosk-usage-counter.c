/* kiosk-usage-counter.c — counting off the UI thread, a second late at most
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-usage-counter"

#include "config.h"

#include "kiosk-usage-counter.h"

#include <string.h>

/* Counts arrive on the UI thread and are only added up in memory there,
 * by (day, hour, metric, key); a second later (or at once, when a
 * session ends or the kiosk stops) the sums go to the usage database on
 * a thread of their own, so that SQLite never makes the screen wait.
 *
 * A full disk, or a database that cannot be opened, pauses the writing:
 * the sums are kept in memory (up to a limit) and written when it works
 * again, and the kiosk goes on as if nothing happened.
 */
struct _KioskUsageCounter
{
  GObject          parent_instance;

  char            *db_path;
  char            *site;
  char            *station;
  GMainContext    *context;
  guint            flush_delay;
  guint            flush_id;

  /* Guards pending, paused, pause_reason, recovery_note, dropped and
   * write_errors.
   */
  GMutex           lock;
  GHashTable      *pending;
  gboolean         paused;
  char            *pause_reason;
  char            *recovery_note;
  guint64          dropped;
  guint64          write_errors;    /* writes that failed, since start */

  /* Guards store: used by one thread at a time. Taken before lock when
   * both are needed.
   */
  GMutex           store_lock;
  KioskUsageStore *store;

  GThreadPool     *writer;
};

G_DEFINE_FINAL_TYPE (KioskUsageCounter, kiosk_usage_counter, G_TYPE_OBJECT)

/* Distinct (day, hour, metric, key) kept while the database cannot be
 * written; a day of a busy station has a few hundred.
 */
#define MAX_PENDING 50000

#define FIELD_SEPARATOR '\x1f'

static gboolean
key_is_storable (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if ((guchar) *p < 0x20)
        return FALSE;
    }
  return g_utf8_validate (text, -1, NULL) && strlen (text) <= 200;
}

static void
add_to (GHashTable *table,
        const char *joined,
        gint64      count)
{
  gint64 *sum = g_hash_table_lookup (table, joined);

  if (sum == NULL)
    {
      sum = g_new0 (gint64, 1);
      g_hash_table_insert (table, g_strdup (joined), sum);
    }
  *sum += count;
}

static GHashTable *
new_table (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/* Called with store_lock held. */
static gboolean
store_is_open (KioskUsageCounter  *self,
               GError            **error)
{
  const char *recovered_from;

  if (self->store != NULL)
    return TRUE;

  self->store = kiosk_usage_store_open (self->db_path, error);
  if (self->store == NULL)
    return FALSE;

  recovered_from = kiosk_usage_store_get_recovered_from (self->store);
  if (recovered_from != NULL)
    {
      g_mutex_lock (&self->lock);
      g_free (self->recovery_note);
      self->recovery_note = g_strdup_printf ("the usage database was damaged; it was kept as "
                                             "%s and a new one was started", recovered_from);
      g_mutex_unlock (&self->lock);
    }
  return TRUE;
}

/* @reason: (transfer full) (nullable): why writing is paused, or %NULL
 * when it works
 */
static void
set_paused (KioskUsageCounter *self,
            char              *reason)
{
  gboolean was_paused;
  guint64 dropped = 0;

  g_mutex_lock (&self->lock);
  was_paused = self->paused;
  self->paused = reason != NULL;
  g_free (self->pause_reason);
  self->pause_reason = reason;
  if (reason == NULL)
    {
      dropped = self->dropped;
      self->dropped = 0;
    }
  g_mutex_unlock (&self->lock);

  /* Told once, when it starts, and once when it is over, with what did
   * not fit in memory meanwhile.
   */
  if (reason != NULL && !was_paused)
    g_warning ("Usage counting is paused, counts wait in memory: %s", reason);
  else if (reason == NULL && was_paused && dropped == 0)
    g_message ("Usage counting goes on: the counts kept in memory were written");
  else if (reason == NULL && was_paused)
    g_warning ("Usage counting goes on; %" G_GUINT64_FORMAT " counts did not fit in memory "
               "meanwhile and are lost", dropped);
}

/* Puts a batch that could not be written back with what came since. */
static void
keep_for_later (KioskUsageCounter *self,
                GHashTable        *batch)
{
  GHashTableIter iter;
  gpointer joined, sum;

  g_mutex_lock (&self->lock);
  g_hash_table_iter_init (&iter, batch);
  while (g_hash_table_iter_next (&iter, &joined, &sum))
    {
      if (g_hash_table_size (self->pending) < MAX_PENDING ||
          g_hash_table_contains (self->pending, joined))
        add_to (self->pending, joined, *(gint64 *) sum);
      else
        self->dropped += *(gint64 *) sum;
    }
  g_mutex_unlock (&self->lock);
}

static void
write_batch (KioskUsageCounter *self,
             GHashTable        *batch)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (KioskUsageRow));
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer joined, sum;

  if (g_hash_table_size (batch) == 0)
    return;

  g_hash_table_iter_init (&iter, batch);
  while (g_hash_table_iter_next (&iter, &joined, &sum))
    {
      char separator[] = { FIELD_SEPARATOR, '\0' };
      char **parts = g_strsplit (joined, separator, 4);
      KioskUsageRow row = {
        .day = parts[0],
        .hour = (guint) g_ascii_strtoull (parts[1], NULL, 10),
        .site = self->site,
        .station = self->station,
        .metric = parts[2],
        .key = parts[3],
        .count = *(gint64 *) sum,
      };

      g_ptr_array_add (fields, parts);
      g_array_append_val (rows, row);
    }

  g_mutex_lock (&self->store_lock);

  if (!store_is_open (self, &error) ||
      !kiosk_usage_store_add (self->store, (KioskUsageRow *) rows->data, rows->len, &error))
    {
      g_mutex_unlock (&self->store_lock);

      g_mutex_lock (&self->lock);
      self->write_errors++;
      g_mutex_unlock (&self->lock);

      /* A row the store finds invalid would fail forever: it is dropped. */
      if (g_error_matches (error, KIOSK_USAGE_ERROR, KIOSK_USAGE_ERROR_INVALID))
        {
          g_warning ("Usage counts dropped: %s", error->message);
          return;
        }

      keep_for_later (self, batch);
      set_paused (self, g_strdup (error->message));
      return;
    }

  g_mutex_unlock (&self->store_lock);
  set_paused (self, NULL);
}

/* One batch for the writing thread; someone may wait for it (and so for
 * every batch before it: the thread takes them in order).
 */
typedef struct
{
  GHashTable *batch;
  gboolean    waited_for;
  gboolean    done;
  GMutex      lock;
  GCond       cond;
} Job;

static void
writer_run (gpointer data,
            gpointer user_data)
{
  Job *job = data;
  KioskUsageCounter *self = user_data;

  write_batch (self, job->batch);
  g_hash_table_unref (job->batch);

  if (!job->waited_for)
    {
      g_free (job);
      return;
    }

  g_mutex_lock (&job->lock);
  job->done = TRUE;
  g_cond_signal (&job->cond);
  g_mutex_unlock (&job->lock);
}

/* @batch: (transfer full) */
static void
hand_to_writer (KioskUsageCounter *self,
                GHashTable        *batch,
                gboolean           wait)
{
  Job *job = g_new0 (Job, 1);

  job->batch = batch;
  job->waited_for = wait;
  if (!wait)
    {
      g_thread_pool_push (self->writer, job, NULL);
      return;
    }

  g_mutex_init (&job->lock);
  g_cond_init (&job->cond);
  g_thread_pool_push (self->writer, job, NULL);

  g_mutex_lock (&job->lock);
  while (!job->done)
    g_cond_wait (&job->cond, &job->lock);
  g_mutex_unlock (&job->lock);

  g_mutex_clear (&job->lock);
  g_cond_clear (&job->cond);
  g_free (job);
}

static GHashTable *
take_pending (KioskUsageCounter *self)
{
  GHashTable *batch;

  g_mutex_lock (&self->lock);
  batch = self->pending;
  self->pending = new_table ();
  g_mutex_unlock (&self->lock);

  return batch;
}

static void
cancel_flush_timer (KioskUsageCounter *self)
{
  GSource *source;

  if (self->flush_id == 0)
    return;

  source = g_main_context_find_source_by_id (self->context, self->flush_id);
  if (source != NULL)
    g_source_destroy (source);
  self->flush_id = 0;
}

static gboolean
flush_later_cb (gpointer user_data)
{
  KioskUsageCounter *self = user_data;

  self->flush_id = 0;
  hand_to_writer (self, take_pending (self), FALSE);
  return G_SOURCE_REMOVE;
}

static void
kiosk_usage_counter_dispose (GObject *object)
{
  KioskUsageCounter *self = KIOSK_USAGE_COUNTER (object);

  /* Nothing is lost on a clean shutdown. */
  if (self->writer != NULL)
    {
      kiosk_usage_counter_flush (self);
      g_thread_pool_free (self->writer, FALSE, TRUE);
      self->writer = NULL;
    }
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kiosk_usage_counter_parent_class)->dispose (object);
}

static void
kiosk_usage_counter_finalize (GObject *object)
{
  KioskUsageCounter *self = KIOSK_USAGE_COUNTER (object);

  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_free (self->db_path);
  g_free (self->site);
  g_free (self->station);
  g_free (self->pause_reason);
  g_free (self->recovery_note);
  g_mutex_clear (&self->lock);
  g_mutex_clear (&self->store_lock);

  G_OBJECT_CLASS (kiosk_usage_counter_parent_class)->finalize (object);
}

static void
kiosk_usage_counter_class_init (KioskUsageCounterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kiosk_usage_counter_dispose;
  object_class->finalize = kiosk_usage_counter_finalize;
}

static void
kiosk_usage_counter_init (KioskUsageCounter *self)
{
  g_mutex_init (&self->lock);
  g_mutex_init (&self->store_lock);
  self->pending = new_table ();
  self->flush_delay = 1000;
}

/**
 * kiosk_usage_counter_new:
 * @db_path: the usage database, `<state-dir>/usage.db`
 * @site: the station's site, stored with every count
 * @station: the station's id, stored with every count
 *
 * The database is opened on the writing thread, at the first count: a
 * damaged one is kept aside and replaced there, never on the UI thread.
 *
 * Returns: (transfer full): a new #KioskUsageCounter, to be used from the
 *   thread (and main context) that made it
 */
KioskUsageCounter *
kiosk_usage_counter_new (const char *db_path,
                         const char *site,
                         const char *station)
{
  KioskUsageCounter *self;

  g_return_val_if_fail (db_path != NULL, NULL);
  g_return_val_if_fail (site != NULL, NULL);
  g_return_val_if_fail (station != NULL, NULL);

  self = g_object_new (KIOSK_TYPE_USAGE_COUNTER, NULL);
  self->db_path = g_strdup (db_path);
  self->site = g_strdup (site);
  self->station = g_strdup (station);
  self->context = g_main_context_ref_thread_default ();
  self->writer = g_thread_pool_new (writer_run, self, 1, FALSE, NULL);

  return self;
}

/**
 * kiosk_usage_counter_add_at:
 * @self: a #KioskUsageCounter
 * @when: the local time it happened
 * @resolution: whether the count keeps the hour, or only the day
 * @metric: one of the KIOSK_METRIC_ names
 * @key: (nullable): a service id, a registrable domain, an end reason…
 * @count: how many
 *
 * Adds @count to a counter in memory; it reaches the database within the
 * flush delay. Never blocks on the database.
 */
void
kiosk_usage_counter_add_at (KioskUsageCounter    *self,
                            GDateTime            *when,
                            KioskUsageResolution  resolution,
                            const char           *metric,
                            const char           *key,
                            gint64                count)
{
  g_autofree char *day = NULL;
  g_autofree char *joined = NULL;

  g_return_if_fail (KIOSK_IS_USAGE_COUNTER (self));
  g_return_if_fail (when != NULL);
  g_return_if_fail (metric != NULL);

  if (key == NULL)
    key = "";
  if (count <= 0)
    return;
  if (!key_is_storable (metric) || !key_is_storable (key))
    {
      g_warning ("A usage count with an unusable name was not kept");
      return;
    }

  day = g_date_time_format (when, "%Y-%m-%d");
  joined = g_strdup_printf ("%s%c%u%c%s%c%s", day, FIELD_SEPARATOR,
                            resolution == KIOSK_USAGE_BY_HOUR ? g_date_time_get_hour (when) : 0,
                            FIELD_SEPARATOR, metric, FIELD_SEPARATOR, key);

  g_mutex_lock (&self->lock);
  if (g_hash_table_size (self->pending) < MAX_PENDING ||
      g_hash_table_contains (self->pending, joined))
    add_to (self->pending, joined, count);
  else
    self->dropped += count;
  g_mutex_unlock (&self->lock);

  if (self->flush_id == 0)
    {
      GSource *source = g_timeout_source_new (self->flush_delay);

      g_source_set_callback (source, flush_later_cb, self, NULL);
      g_source_set_static_name (source, "[kiosk] usage flush");
      self->flush_id = g_source_attach (source, self->context);
      g_source_unref (source);
    }
}

/**
 * kiosk_usage_counter_add:
 * @self: a #KioskUsageCounter
 * @metric: one of the KIOSK_METRIC_ names
 * @key: (nullable): a service id, a registrable domain, an end reason…
 * @count: how many
 *
 * Counts something that happens now, by the hour.
 */
void
kiosk_usage_counter_add (KioskUsageCounter *self,
                         const char        *metric,
                         const char        *key,
                         gint64             count)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  kiosk_usage_counter_add_at (self, now, KIOSK_USAGE_BY_HOUR, metric, key, count);
}

/**
 * kiosk_usage_counter_flush:
 * @self: a #KioskUsageCounter
 *
 * Writes every count so far before returning: at the end of a session and
 * when the kiosk stops.
 */
void
kiosk_usage_counter_flush (KioskUsageCounter *self)
{
  g_autoptr(GHashTable) batch = NULL;

  g_return_if_fail (KIOSK_IS_USAGE_COUNTER (self));

  cancel_flush_timer (self);

  /* What was handed to the writing thread before is written first. */
  hand_to_writer (self, new_table (), TRUE);

  batch = take_pending (self);
  write_batch (self, batch);
}

/**
 * kiosk_usage_counter_flush_soon:
 * @self: a #KioskUsageCounter
 *
 * Hands every count so far to the writing thread now, without waiting
 * for it: when a session ends, the screen does not wait for the disk.
 */
void
kiosk_usage_counter_flush_soon (KioskUsageCounter *self)
{
  g_return_if_fail (KIOSK_IS_USAGE_COUNTER (self));

  cancel_flush_timer (self);
  hand_to_writer (self, take_pending (self), FALSE);
}

/**
 * kiosk_usage_counter_get_write_errors:
 * @self: a #KioskUsageCounter
 *
 * Returns: how many writes to the store failed since the counter started
 *   (a full disk, a store that cannot be opened, rows it refused)
 */
guint64
kiosk_usage_counter_get_write_errors (KioskUsageCounter *self)
{
  guint64 errors;

  g_return_val_if_fail (KIOSK_IS_USAGE_COUNTER (self), 0);

  g_mutex_lock (&self->lock);
  errors = self->write_errors;
  g_mutex_unlock (&self->lock);

  return errors;
}

/**
 * kiosk_usage_counter_is_paused:
 * @self: a #KioskUsageCounter
 *
 * Returns: %TRUE while counts cannot be written (a full disk, a database
 *   that cannot be opened); they wait in memory
 */
gboolean
kiosk_usage_counter_is_paused (KioskUsageCounter *self)
{
  gboolean paused;

  g_return_val_if_fail (KIOSK_IS_USAGE_COUNTER (self), FALSE);

  g_mutex_lock (&self->lock);
  paused = self->paused;
  g_mutex_unlock (&self->lock);

  return paused;
}

/**
 * kiosk_usage_counter_dup_problem:
 * @self: a #KioskUsageCounter
 *
 * Returns: (transfer full) (nullable): what staff should know about the
 *   counting — why it is paused, or that a damaged database was kept
 *   aside — or %NULL
 */
char *
kiosk_usage_counter_dup_problem (KioskUsageCounter *self)
{
  char *problem;

  g_return_val_if_fail (KIOSK_IS_USAGE_COUNTER (self), NULL);

  g_mutex_lock (&self->lock);
  problem = g_strdup (self->paused ? self->pause_reason : self->recovery_note);
  g_mutex_unlock (&self->lock);

  return problem;
}

/**
 * kiosk_usage_counter_set_flush_delay:
 * @self: a #KioskUsageCounter
 * @milliseconds: how long counts wait in memory before being written
 */
void
kiosk_usage_counter_set_flush_delay (KioskUsageCounter *self,
                                     guint              milliseconds)
{
  g_return_if_fail (KIOSK_IS_USAGE_COUNTER (self));

  self->flush_delay = milliseconds;
}
