/* kiosk-clock.c — the time a station's clocks run on, real or driven by a test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-clock"

#include "config.h"

#include "kiosk-clock.h"

/* A fake clock starts a day after boot rather than at 0: a time some code
 * forgot to take from the clock then shows as a day off.
 */
#define FAKE_MONOTONIC_START ((gint64) 24 * 3600 * G_USEC_PER_SEC)

/* The station counts idle seconds and session minutes. With the real
 * clock that takes real time, so that a test of the idle countdown would
 * wait for it; a fake clock moves only when its test says so, and runs
 * what fell due on the way in the order it fell due. Both give the same
 * answers to the same code: it is the one way the station reads the time.
 */
struct _KioskClock
{
  GObject  parent_instance;

  gboolean fake;
  gint64   monotonic;
  gint64   real;
  GArray  *timeouts;
  guint    last_id;
};

typedef struct
{
  guint       id;
  gint64      due;
  gint64      interval;
  GSourceFunc function;
  gpointer    data;
} FakeTimeout;

G_DEFINE_FINAL_TYPE (KioskClock, kiosk_clock, G_TYPE_OBJECT)

static void
kiosk_clock_finalize (GObject *object)
{
  KioskClock *self = KIOSK_CLOCK (object);

  g_clear_pointer (&self->timeouts, g_array_unref);

  G_OBJECT_CLASS (kiosk_clock_parent_class)->finalize (object);
}

static void
kiosk_clock_class_init (KioskClockClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kiosk_clock_finalize;
}

static void
kiosk_clock_init (KioskClock *self)
{
}

/**
 * kiosk_clock_new:
 *
 * Returns: (transfer full): the system's clock and GLib's main loop
 */
KioskClock *
kiosk_clock_new (void)
{
  return g_object_new (KIOSK_TYPE_CLOCK, NULL);
}

/**
 * kiosk_clock_new_fake:
 * @real_time: the wall-clock time it starts at, in microseconds since the
 *   epoch, like g_get_real_time()
 *
 * A clock for tests: its time stands still until kiosk_clock_advance().
 *
 * Returns: (transfer full): a fake clock
 */
KioskClock *
kiosk_clock_new_fake (gint64 real_time)
{
  KioskClock *self = g_object_new (KIOSK_TYPE_CLOCK, NULL);

  self->fake = TRUE;
  self->monotonic = FAKE_MONOTONIC_START;
  self->real = real_time;
  self->timeouts = g_array_new (FALSE, FALSE, sizeof (FakeTimeout));
  return self;
}

/**
 * kiosk_clock_get_monotonic_time:
 * @self: a #KioskClock
 *
 * Returns: microseconds, like g_get_monotonic_time()
 */
gint64
kiosk_clock_get_monotonic_time (KioskClock *self)
{
  g_return_val_if_fail (KIOSK_IS_CLOCK (self), 0);

  return self->fake ? self->monotonic : g_get_monotonic_time ();
}

/**
 * kiosk_clock_new_now_utc:
 * @self: a #KioskClock
 *
 * Returns: (transfer full): the wall-clock time now, in UTC
 */
GDateTime *
kiosk_clock_new_now_utc (KioskClock *self)
{
  g_autoptr(GDateTime) seconds = NULL;

  g_return_val_if_fail (KIOSK_IS_CLOCK (self), NULL);

  if (!self->fake)
    return g_date_time_new_now_utc ();

  seconds = g_date_time_new_from_unix_utc (self->real / G_USEC_PER_SEC);
  return g_date_time_add (seconds, self->real % G_USEC_PER_SEC);
}

/* GLib's own timeouts, or a fake clock's, every @interval milliseconds
 * or (@in_seconds) seconds.
 */
static guint
add_timeout (KioskClock  *self,
             guint        interval,
             gboolean     in_seconds,
             GSourceFunc  function,
             gpointer     data)
{
  FakeTimeout timeout;

  if (!self->fake)
    return in_seconds ? g_timeout_add_seconds (interval, function, data)
                      : g_timeout_add (interval, function, data);

  timeout.id = ++self->last_id;
  timeout.interval = (gint64) interval * (in_seconds ? G_USEC_PER_SEC : 1000);
  timeout.due = self->monotonic + timeout.interval;
  timeout.function = function;
  timeout.data = data;
  g_array_append_val (self->timeouts, timeout);
  return timeout.id;
}

/**
 * kiosk_clock_add_timeout:
 * @self: a #KioskClock
 * @interval_ms: milliseconds between calls, more than 0
 * @function: called every @interval_ms until it returns %G_SOURCE_REMOVE
 * @data: for @function
 *
 * Like g_timeout_add().
 *
 * Returns: the id for kiosk_clock_clear_timeout()
 */
guint
kiosk_clock_add_timeout (KioskClock  *self,
                         guint        interval_ms,
                         GSourceFunc  function,
                         gpointer     data)
{
  g_return_val_if_fail (KIOSK_IS_CLOCK (self), 0);
  g_return_val_if_fail (interval_ms > 0 && function != NULL, 0);

  return add_timeout (self, interval_ms, FALSE, function, data);
}

/**
 * kiosk_clock_add_timeout_seconds:
 * @self: a #KioskClock
 * @interval_s: seconds between calls, more than 0
 * @function: called every @interval_s until it returns %G_SOURCE_REMOVE
 * @data: for @function
 *
 * Like g_timeout_add_seconds(), which may run @function up to a second
 * late to wake the system less often; a fake clock runs it on time.
 *
 * Returns: the id for kiosk_clock_clear_timeout()
 */
guint
kiosk_clock_add_timeout_seconds (KioskClock  *self,
                                 guint        interval_s,
                                 GSourceFunc  function,
                                 gpointer     data)
{
  g_return_val_if_fail (KIOSK_IS_CLOCK (self), 0);
  g_return_val_if_fail (interval_s > 0 && function != NULL, 0);

  return add_timeout (self, interval_s, TRUE, function, data);
}

static FakeTimeout *
find_fake_timeout (KioskClock *self,
                   guint       id,
                   guint      *index)
{
  for (guint i = 0; i < self->timeouts->len; i++)
    {
      FakeTimeout *timeout = &g_array_index (self->timeouts, FakeTimeout, i);

      if (timeout->id == id)
        {
          *index = i;
          return timeout;
        }
    }
  return NULL;
}

/**
 * kiosk_clock_clear_timeout:
 * @self: a #KioskClock
 * @id: (inout): a timeout of @self, or 0
 *
 * Removes the timeout @id points to, if any, and sets it to 0, like
 * g_clear_handle_id().
 */
void
kiosk_clock_clear_timeout (KioskClock *self,
                           guint      *id)
{
  guint index;

  g_return_if_fail (KIOSK_IS_CLOCK (self));
  g_return_if_fail (id != NULL);

  if (*id == 0)
    return;

  if (!self->fake)
    g_source_remove (*id);
  else if (find_fake_timeout (self, *id, &index) != NULL)
    g_array_remove_index (self->timeouts, index);
  else
    g_critical ("No timeout %u on this clock", *id);
  *id = 0;
}

/* The timeout due first by @until; of two due at once, the one added
 * first, as GLib would run them.
 */
static FakeTimeout *
next_fake_timeout (KioskClock *self,
                   gint64      until)
{
  FakeTimeout *next = NULL;

  for (guint i = 0; i < self->timeouts->len; i++)
    {
      FakeTimeout *timeout = &g_array_index (self->timeouts, FakeTimeout, i);

      if (timeout->due <= until && (next == NULL || timeout->due < next->due))
        next = timeout;
    }
  return next;
}

static void
move_to (KioskClock *self,
         gint64      monotonic)
{
  self->real += monotonic - self->monotonic;
  self->monotonic = monotonic;
}

/**
 * kiosk_clock_advance:
 * @self: a fake #KioskClock
 * @milliseconds: how far its time moves
 *
 * Moves a fake clock's time on, running each timeout that falls due on
 * the way at the time it is due, in order, as often as it falls due.
 */
void
kiosk_clock_advance (KioskClock *self,
                     guint       milliseconds)
{
  gint64 until;
  FakeTimeout *timeout;

  g_return_if_fail (KIOSK_IS_CLOCK (self));
  g_return_if_fail (self->fake);

  until = self->monotonic + (gint64) milliseconds * 1000;
  while ((timeout = next_fake_timeout (self, until)) != NULL)
    {
      guint id = timeout->id;
      gboolean again;
      guint index;

      move_to (self, timeout->due);
      /* The function may add and remove timeouts, its own among them:
       * the array may have moved when it returns.
       */
      again = timeout->function (timeout->data);
      timeout = find_fake_timeout (self, id, &index);
      if (timeout == NULL)
        continue;

      if (again)
        timeout->due += timeout->interval;
      else
        g_array_remove_index (self->timeouts, index);
    }
  move_to (self, until);
}
