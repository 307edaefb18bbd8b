/* kiosk-station.c — what a station is doing, its clocks, and why a user session ended
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-station"

#include "config.h"

#include "kiosk-station.h"

/* The idle countdown shows whole seconds. */
#define CLOCK_TICK_MS 1000
/* Time enough to print or keep what one needs before the time limit. */
#define TIME_LIMIT_WARNING_MINUTES 5

/* The station's state machine and its clocks, apart from what a session
 * is made of: free, in use from the first service opened, ending while
 * the last session's wipe is proven, out of service until staff bring it
 * back. It counts the idle seconds and the minutes of use, and says when
 * a session should end; whoever owns the user sessions ends them (and
 * tells the station so). Every time it reads is read from its #KioskClock,
 * so that a test can drive it in milliseconds.
 */
struct _KioskStation
{
  GObject            parent_instance;

  KioskClock        *clock;
  guint              idle_timeout;         /* seconds */
  guint              assisted_idle_timeout; /* seconds, while a mediator helps */
  guint              idle_warning;         /* seconds */
  guint              max_session_minutes;  /* 0: no limit */
  gint64             started;

  KioskStationState  state;
  GDateTime         *state_since;
  char              *out_of_service_reason;
  char              *out_of_service_message;
  guint              out_of_service_clock_id;

  gboolean           assisted;
  GDateTime         *assisted_since;
  gboolean           help_requested;
  GDateTime         *help_since;
  char              *help_taken_by;        /* the mediator who said they go */
  gboolean           resident_called;
  gboolean           pin_alarm;

  gint64             in_use_since;
  gint64             last_activity;
  guint              clock_id;
  int                idle_seconds_left;
  gboolean           end_asked;            /* the desk asked; the countdown runs */
  gboolean           time_limit_warned;
};

G_DEFINE_FINAL_TYPE (KioskStation, kiosk_station, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  PROP_ASSISTED,
  PROP_HELP_REQUESTED,
  PROP_HELP_TAKEN_BY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  IDLE_COUNTDOWN,
  TIME_LIMIT_WARNING,
  END_NOW,
  OUT_OF_SERVICE_MINUTE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/**
 * kiosk_station_state_to_string:
 * @state: a #KioskStationState
 *
 * Returns: the stable name of @state ("free", "in-use", "ending", "out-of-service")
 */
const char *
kiosk_station_state_to_string (KioskStationState state)
{
  switch (state)
    {
    case KIOSK_STATION_FREE:
      return "free";
    case KIOSK_STATION_IN_USE:
      return "in-use";
    case KIOSK_STATION_ENDING:
      return "ending";
    case KIOSK_STATION_OUT_OF_SERVICE:
      return "out-of-service";
    default:
      g_assert_not_reached ();
    }
}

/**
 * kiosk_end_reason_to_string:
 * @reason: a #KioskEndReason
 *
 * Returns: the stable name of @reason, as the usage counts record it
 */
const char *
kiosk_end_reason_to_string (KioskEndReason reason)
{
  switch (reason)
    {
    case KIOSK_END_LOGOUT:
      return "logout";
    case KIOSK_END_IDLE:
      return "idle";
    case KIOSK_END_TIME_LIMIT:
      return "time-limit";
    case KIOSK_END_STAFF:
      return "staff";
    case KIOSK_END_REMOTE:
      return "remote";
    case KIOSK_END_CRASH_RECOVERY:
      return "crash-recovery";
    default:
      g_assert_not_reached ();
    }
}

static void
set_state (KioskStation      *self,
           KioskStationState  state)
{
  if (self->state == state)
    return;

  self->state = state;
  g_clear_pointer (&self->state_since, g_date_time_unref);
  g_clear_pointer (&self->assisted_since, g_date_time_unref);
  g_clear_pointer (&self->help_since, g_date_time_unref);
  self->state_since = kiosk_clock_new_now_utc (self->clock);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

/* The station asks the desk for help for two reasons: a resident called
 * a mediator (which ends with their session), or the staff panel locked
 * after too many wrong PINs (which stays until staff unlock it: ending the
 * session must not clear the alert of someone guessing PINs).
 */
static void
update_help_requested (KioskStation *self)
{
  gboolean requested = self->resident_called || self->pin_alarm;

  if (self->help_requested == requested)
    return;

  self->help_requested = requested;
  g_clear_pointer (&self->help_since, g_date_time_unref);
  if (requested)
    self->help_since = kiosk_clock_new_now_utc (self->clock);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HELP_REQUESTED]);

  /* An answered call is answered for whoever went; a new one waits for
   * someone to take it.
   */
  if (self->help_taken_by != NULL)
    {
      g_clear_pointer (&self->help_taken_by, g_free);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HELP_TAKEN_BY]);
    }
}

static void
set_resident_called (KioskStation *self,
                     gboolean      called)
{
  self->resident_called = called;
  update_help_requested (self);
}

static void
set_assisted_flag (KioskStation *self,
                   gboolean      assisted)
{
  if (self->assisted == assisted)
    return;

  self->assisted = assisted;
  g_clear_pointer (&self->assisted_since, g_date_time_unref);
  if (assisted)
    self->assisted_since = kiosk_clock_new_now_utc (self->clock);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ASSISTED]);
}

static void
cancel_countdown (KioskStation *self)
{
  if (self->idle_seconds_left < 0)
    return;

  self->idle_seconds_left = -1;
  g_signal_emit (self, signals[IDLE_COUNTDOWN], 0, -1);
}

static void
stop_clock (KioskStation *self)
{
  kiosk_clock_clear_timeout (self->clock, &self->clock_id);
  cancel_countdown (self);
}

/* Asks for the end of the session from the clock's own tick, which stops:
 * ending the session must not remove the timeout that is running.
 */
static gboolean
end_now (KioskStation   *self,
         KioskEndReason  reason)
{
  self->clock_id = 0;
  g_debug ("A session ends: %s", kiosk_end_reason_to_string (reason));
  g_signal_emit (self, signals[END_NOW], 0, reason);
  return G_SOURCE_REMOVE;
}

static gboolean
clock_tick_cb (gpointer user_data)
{
  KioskStation *self = user_data;
  gint64 now = kiosk_clock_get_monotonic_time (self->clock);
  gint64 used = (now - self->in_use_since) / G_USEC_PER_SEC;
  gint64 allowed = (gint64) self->max_session_minutes * 60;
  guint timeout;
  gint64 idle;

  /* While a mediator helps, they may talk a long while without a touch:
   * the countdown waits AssistedIdleTimeout, not IdleTimeout; but should
   * they both walk away, the session still ends.
   */
  timeout = self->assisted ? self->assisted_idle_timeout : self->idle_timeout;
  idle = (now - self->last_activity) / G_USEC_PER_SEC;

  /* The time limit counts from the first service, whatever the resident
   * does meanwhile; a free station's clock only watches for the resident
   * who made a choice and left.
   */
  if (allowed > 0 && self->state == KIOSK_STATION_IN_USE)
    {
      if (used >= allowed)
        return end_now (self, KIOSK_END_TIME_LIMIT);

      if (!self->time_limit_warned &&
          used >= allowed - TIME_LIMIT_WARNING_MINUTES * 60)
        {
          self->time_limit_warned = TRUE;
          g_signal_emit (self, signals[TIME_LIMIT_WARNING], 0, (int) ((allowed - used + 59) / 60));
        }
    }

  if (idle < timeout)
    return G_SOURCE_CONTINUE;

  self->idle_seconds_left = MAX (0, (int) (timeout + self->idle_warning - idle));
  if (self->idle_seconds_left == 0)
    return end_now (self, self->end_asked ? KIOSK_END_REMOTE : KIOSK_END_IDLE);

  g_signal_emit (self, signals[IDLE_COUNTDOWN], 0, self->idle_seconds_left);
  return G_SOURCE_CONTINUE;
}

/* The idle clock runs from now on. A countdown on screen stays: the
 * input that went with the choice already took it away.
 */
static void
restart_idle_clock (KioskStation *self)
{
  self->last_activity = kiosk_clock_get_monotonic_time (self->clock);
  if (self->clock_id == 0)
    self->clock_id = kiosk_clock_add_timeout (self->clock, CLOCK_TICK_MS, clock_tick_cb, self);
}

static gboolean
out_of_service_minute_cb (gpointer user_data)
{
  KioskStation *self = user_data;

  g_signal_emit (self, signals[OUT_OF_SERVICE_MINUTE], 0);
  return G_SOURCE_CONTINUE;
}

static void
kiosk_station_dispose (GObject *object)
{
  KioskStation *self = KIOSK_STATION (object);

  if (self->clock != NULL)
    {
      kiosk_clock_clear_timeout (self->clock, &self->clock_id);
      kiosk_clock_clear_timeout (self->clock, &self->out_of_service_clock_id);
    }
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (kiosk_station_parent_class)->dispose (object);
}

static void
kiosk_station_finalize (GObject *object)
{
  KioskStation *self = KIOSK_STATION (object);

  g_clear_pointer (&self->state_since, g_date_time_unref);
  g_clear_pointer (&self->assisted_since, g_date_time_unref);
  g_clear_pointer (&self->help_since, g_date_time_unref);
  g_free (self->help_taken_by);
  g_free (self->out_of_service_reason);
  g_free (self->out_of_service_message);

  G_OBJECT_CLASS (kiosk_station_parent_class)->finalize (object);
}

static void
kiosk_station_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  KioskStation *self = KIOSK_STATION (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    case PROP_ASSISTED:
      g_value_set_boolean (value, self->assisted);
      break;
    case PROP_HELP_REQUESTED:
      g_value_set_boolean (value, self->help_requested);
      break;
    case PROP_HELP_TAKEN_BY:
      g_value_set_string (value, self->help_taken_by);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_station_class_init (KioskStationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kiosk_station_dispose;
  object_class->finalize = kiosk_station_finalize;
  object_class->get_property = kiosk_station_get_property;

  /**
   * KioskStation:state:
   *
   * What the station is doing, a #KioskStationState.
   */
  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL,
                      KIOSK_STATION_FREE, KIOSK_STATION_OUT_OF_SERVICE, KIOSK_STATION_FREE,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * KioskStation:assisted:
   *
   * A mediator is helping the resident: the idle countdown is paused until
   * the session ends.
   */
  properties[PROP_ASSISTED] =
    g_param_spec_boolean ("assisted", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * KioskStation:help-requested:
   *
   * The desk is asked to come: a resident called a mediator (until one
   * comes or the session ends), or the staff panel locked after too many
   * wrong PINs (until staff unlock it).
   */
  properties[PROP_HELP_REQUESTED] =
    g_param_spec_boolean ("help-requested", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * KioskStation:help-taken-by:
   *
   * The mediator who said, from the desk, that they go to the station
   * asking for help, or %NULL: until the call is answered or ends.
   */
  properties[PROP_HELP_TAKEN_BY] =
    g_param_spec_string ("help-taken-by", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KioskStation::idle-countdown:
   * @self: the station
   * @seconds_left: seconds before the session should end, or -1 when the
   *   resident came back (or the session ended)
   *
   * Every second of the countdown that follows IdleTimeout seconds
   * without input.
   */
  signals[IDLE_COUNTDOWN] =
    g_signal_new ("idle-countdown", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);

  /**
   * KioskStation::time-limit-warning:
   * @self: the station
   * @minutes_left: minutes before the session reaches MaxSessionMinutes
   *
   * Once a session, five minutes before its end (at once when it may
   * last less than that).
   */
  signals[TIME_LIMIT_WARNING] =
    g_signal_new ("time-limit-warning", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);

  /**
   * KioskStation::end-now:
   * @self: the station
   * @reason: %KIOSK_END_IDLE or %KIOSK_END_TIME_LIMIT
   *
   * The session should end now. The station's clock has stopped; the
   * owner of the user sessions ends it, and calls
   * kiosk_station_end_session().
   */
  signals[END_NOW] =
    g_signal_new ("end-now", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);

  /**
   * KioskStation::out-of-service-minute:
   * @self: the station
   *
   * Every minute the station spends out of service, for the usage counts.
   */
  signals[OUT_OF_SERVICE_MINUTE] =
    g_signal_new ("out-of-service-minute", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
kiosk_station_init (KioskStation *self)
{
  self->idle_seconds_left = -1;
}

/**
 * kiosk_station_new:
 * @clock: the clock the station reads its time from
 * @idle_timeout: seconds without input before the idle countdown (IdleTimeout)
 * @idle_warning: seconds of countdown before the session should end (IdleWarning)
 * @max_session_minutes: minutes a session may be in use, or 0 for no
 *   limit (MaxSessionMinutes)
 *
 * Returns: (transfer full): a free station
 */
KioskStation *
kiosk_station_new (KioskClock *clock,
                   guint       idle_timeout,
                   guint       idle_warning,
                   guint       max_session_minutes)
{
  KioskStation *self;

  g_return_val_if_fail (KIOSK_IS_CLOCK (clock), NULL);
  g_return_val_if_fail (idle_timeout > 0, NULL);

  self = g_object_new (KIOSK_TYPE_STATION, NULL);
  self->clock = g_object_ref (clock);
  self->idle_timeout = idle_timeout;
  self->idle_warning = idle_warning;
  self->max_session_minutes = max_session_minutes;
  self->assisted_idle_timeout = 30 * 60;
  self->started = kiosk_clock_get_monotonic_time (clock);
  self->state_since = kiosk_clock_new_now_utc (clock);
  return self;
}

KioskStationState
kiosk_station_get_state (KioskStation *self)
{
  g_return_val_if_fail (KIOSK_IS_STATION (self), KIOSK_STATION_OUT_OF_SERVICE);

  return self->state;
}

/**
 * kiosk_station_get_state_since:
 * @self: a #KioskStation
 *
 * Returns: (transfer none): when the station entered its current state
 *   (or was made), in UTC
 */
GDateTime *
kiosk_station_get_state_since (KioskStation *self)
{
  g_return_val_if_fail (KIOSK_IS_STATION (self), NULL);

  return self->state_since;
}

/**
 * kiosk_station_get_uptime:
 * @self: a #KioskStation
 *
 * Returns: how long the station has been running, in whole seconds
 */
guint
kiosk_station_get_uptime (KioskStation *self)
{
  g_return_val_if_fail (KIOSK_IS_STATION (self), 0);

  return (kiosk_clock_get_monotonic_time (self->clock) - self->started) / G_USEC_PER_SEC;
}

/**
 * kiosk_station_get_in_use_seconds:
 * @self: a #KioskStation
 *
 * Returns: how long the session in use has been, in whole seconds since
 *   its first service; 0 when the station is not in use
 */
guint
kiosk_station_get_in_use_seconds (KioskStation *self)
{
  g_return_val_if_fail (KIOSK_IS_STATION (self), 0);

  if (self->state != KIOSK_STATION_IN_USE)
    return 0;
  return (kiosk_clock_get_monotonic_time (self->clock) - self->in_use_since) / G_USEC_PER_SEC;
}

/**
 * kiosk_station_open_service:
 * @self: a #KioskStation
 *
 * A resident opened a service. The first one puts the station in use, and
 * starts the time limit; the idle clock runs from now on. Ignored out of
 * service.
 *
 * Returns: %TRUE when this service began a session of use
 */
gboolean
kiosk_station_open_service (KioskStation *self)
{
  gboolean began;

  g_return_val_if_fail (KIOSK_IS_STATION (self), FALSE);

  if (self->state == KIOSK_STATION_OUT_OF_SERVICE)
    return FALSE;

  began = self->state != KIOSK_STATION_IN_USE;
  if (began)
    {
      self->in_use_since = kiosk_clock_get_monotonic_time (self->clock);
      self->time_limit_warned = FALSE;
      set_state (self, KIOSK_STATION_IN_USE);
    }

  restart_idle_clock (self);
  return began;
}

/**
 * kiosk_station_note_choice:
 * @self: a #KioskStation
 *
 * A resident made a choice on the home screen (a language, a search)
 * before opening any service: the idle clock runs from now on, so that a
 * session nobody uses any more still ends. Ignored out of service.
 */
void
kiosk_station_note_choice (KioskStation *self)
{
  g_return_if_fail (KIOSK_IS_STATION (self));

  if (self->state == KIOSK_STATION_OUT_OF_SERVICE)
    return;

  restart_idle_clock (self);
}

/**
 * kiosk_station_note_activity:
 * @self: a #KioskStation
 *
 * The resident touched, clicked, typed or moved: the idle seconds count
 * from now, and a countdown goes away. The time limit does not move.
 */
void
kiosk_station_note_activity (KioskStation *self)
{
  g_return_if_fail (KIOSK_IS_STATION (self));

  self->last_activity = kiosk_clock_get_monotonic_time (self->clock);
  self->end_asked = FALSE;
  cancel_countdown (self);
}

/**
 * kiosk_station_ask_to_end:
 * @self: a #KioskStation
 *
 * The desk would end the session, but someone may still be sitting
 * there: the countdown of the idle question starts now, as after
 * IdleTimeout seconds without input. Any input cancels it (the resident
 * is there, and stays); at its end the session ends for
 * %KIOSK_END_REMOTE. Only a station in use is asked.
 *
 * Returns: %TRUE if the countdown started
 */
gboolean
kiosk_station_ask_to_end (KioskStation *self)
{
  guint timeout;

  g_return_val_if_fail (KIOSK_IS_STATION (self), FALSE);

  if (self->state != KIOSK_STATION_IN_USE || self->clock_id == 0)
    return FALSE;

  /* The question shows at once, for the whole IdleWarning; the clock's
   * next ticks count it down and end the session.
   */
  timeout = self->assisted ? self->assisted_idle_timeout : self->idle_timeout;
  self->end_asked = TRUE;
  self->last_activity = kiosk_clock_get_monotonic_time (self->clock) -
                        (gint64) timeout * G_USEC_PER_SEC;
  self->idle_seconds_left = MAX (1, (int) self->idle_warning);
  g_signal_emit (self, signals[IDLE_COUNTDOWN], 0, self->idle_seconds_left);
  return TRUE;
}

/**
 * kiosk_station_get_end_asked:
 * @self: a #KioskStation
 *
 * Returns: whether the countdown on screen is the desk's question
 *   (kiosk_station_ask_to_end()) rather than the idle one
 */
gboolean
kiosk_station_get_end_asked (KioskStation *self)
{
  g_return_val_if_fail (KIOSK_IS_STATION (self), FALSE);

  return self->end_asked;
}

/**
 * kiosk_station_end_session:
 * @self: a #KioskStation
 *
 * The session ends, whatever the reason: the clocks stop, the resident's
 * call and assisted mode end with it, and the station is ending until
 * kiosk_station_wipe_proven(). Refused out of service.
 *
 * Returns: %TRUE if the station is now ending
 */
gboolean
kiosk_station_end_session (KioskStation *self)
{
  g_return_val_if_fail (KIOSK_IS_STATION (self), FALSE);

  if (self->state == KIOSK_STATION_OUT_OF_SERVICE)
    return FALSE;

  stop_clock (self);
  self->end_asked = FALSE;
  set_resident_called (self, FALSE);
  set_assisted_flag (self, FALSE);
  set_state (self, KIOSK_STATION_ENDING);
  return TRUE;
}

/**
 * kiosk_station_wipe_proven:
 * @self: a #KioskStation
 *
 * Nothing of the last session is left: an ending station is free. A
 * station already in use again (by someone who opened a service on the
 * fresh session meanwhile) stays in use.
 */
void
kiosk_station_wipe_proven (KioskStation *self)
{
  g_return_if_fail (KIOSK_IS_STATION (self));

  if (self->state == KIOSK_STATION_ENDING)
    set_state (self, KIOSK_STATION_FREE);
}

/**
 * kiosk_station_set_out_of_service:
 * @self: a #KioskStation
 * @reason: why, for staff and the log
 * @message: (nullable): what residents read on the station, written by
 *   staff; %NULL or empty for the usual "use another computer"
 *
 * Whatever the station was doing, it is out of service until
 * kiosk_station_set_in_service(): its clocks stop, and the resident's call
 * and assisted mode end (an alarm of wrong PINs stays). Ignored when
 * already out of service, keeping the first reason.
 *
 * Returns: %TRUE if the station went out of service now
 */
gboolean
kiosk_station_set_out_of_service (KioskStation *self,
                                  const char   *reason,
                                  const char   *message)
{
  g_return_val_if_fail (KIOSK_IS_STATION (self), FALSE);
  g_return_val_if_fail (reason != NULL, FALSE);

  if (self->state == KIOSK_STATION_OUT_OF_SERVICE)
    return FALSE;

  g_assert (self->out_of_service_reason == NULL && self->out_of_service_message == NULL);
  self->out_of_service_reason = g_strdup (reason);
  self->out_of_service_message = message != NULL && *message != '\0' ? g_strdup (message) : NULL;
  set_resident_called (self, FALSE);
  set_assisted_flag (self, FALSE);
  stop_clock (self);
  set_state (self, KIOSK_STATION_OUT_OF_SERVICE);
  self->out_of_service_clock_id = kiosk_clock_add_timeout_seconds (self->clock, 60,
                                                                   out_of_service_minute_cb,
                                                                   self);
  return TRUE;
}

/**
 * kiosk_station_set_in_service:
 * @self: a #KioskStation
 *
 * Staff brought an out-of-service station back: it is free.
 *
 * Returns: %TRUE if the station was out of service
 */
gboolean
kiosk_station_set_in_service (KioskStation *self)
{
  g_return_val_if_fail (KIOSK_IS_STATION (self), FALSE);

  if (self->state != KIOSK_STATION_OUT_OF_SERVICE)
    return FALSE;

  kiosk_clock_clear_timeout (self->clock, &self->out_of_service_clock_id);
  g_clear_pointer (&self->out_of_service_reason, g_free);
  g_clear_pointer (&self->out_of_service_message, g_free);
  set_state (self, KIOSK_STATION_FREE);
  return TRUE;
}

/**
 * kiosk_station_get_out_of_service_reason:
 * @self: a #KioskStation
 *
 * Returns: (nullable): why the station is out of service, for staff
 */
const char *
kiosk_station_get_out_of_service_reason (KioskStation *self)
{
  g_return_val_if_fail (KIOSK_IS_STATION (self), NULL);

  return self->out_of_service_reason;
}

/**
 * kiosk_station_get_out_of_service_message:
 * @self: a #KioskStation
 *
 * Returns: (nullable): the message staff left for residents, when staff
 *   took the station out of service with one
 */
const char *
kiosk_station_get_out_of_service_message (KioskStation *self)
{
  g_return_val_if_fail (KIOSK_IS_STATION (self), NULL);

  return self->out_of_service_message;
}

/**
 * kiosk_station_request_help:
 * @self: a #KioskStation
 *
 * The resident pressed "Call a mediator": the station asks the desk for
 * help until the session ends or a mediator clears it. Ignored out of
 * service, or when already called.
 *
 * Returns: %TRUE if this is a new call
 */
gboolean
kiosk_station_request_help (KioskStation *self)
{
  g_return_val_if_fail (KIOSK_IS_STATION (self), FALSE);

  if (self->state == KIOSK_STATION_OUT_OF_SERVICE || self->resident_called)
    return FALSE;

  set_resident_called (self, TRUE);
  return TRUE;
}

/**
 * kiosk_station_raise_pin_alarm:
 * @self: a #KioskStation
 *
 * The staff panel locked after too many wrong PINs: someone may be
 * guessing. The station asks the desk for help until staff unlock the
 * panel (kiosk_station_clear_help_request()), whatever happens to the
 * session or the station meanwhile.
 *
 * Returns: %TRUE if the alarm was not raised already
 */
gboolean
kiosk_station_raise_pin_alarm (KioskStation *self)
{
  g_return_val_if_fail (KIOSK_IS_STATION (self), FALSE);

  if (self->pin_alarm)
    return FALSE;

  self->pin_alarm = TRUE;
  update_help_requested (self);
  return TRUE;
}

/**
 * kiosk_station_clear_help_request:
 * @self: a #KioskStation
 *
 * A mediator came, and unlocked the staff panel: both the resident's call
 * and the alarm of wrong PINs are answered.
 */
void
kiosk_station_clear_help_request (KioskStation *self)
{
  g_return_if_fail (KIOSK_IS_STATION (self));

  self->pin_alarm = FALSE;
  set_resident_called (self, FALSE);
}

gboolean
kiosk_station_get_help_requested (KioskStation *self)
{
  g_return_val_if_fail (KIOSK_IS_STATION (self), FALSE);

  return self->help_requested;
}

/**
 * kiosk_station_set_assisted:
 * @self: a #KioskStation
 * @assisted: whether a mediator is helping with the current session
 *
 * A mediator who comes answers the resident's call, and nobody is idle
 * while they help (until the session ends); when they leave, the idle
 * seconds count from then. Ignored out of service.
 *
 * Returns: %TRUE if assisted mode changed
 */
gboolean
kiosk_station_set_assisted (KioskStation *self,
                            gboolean      assisted)
{
  g_return_val_if_fail (KIOSK_IS_STATION (self), FALSE);

  assisted = !!assisted;
  if (self->state == KIOSK_STATION_OUT_OF_SERVICE || self->assisted == assisted)
    return FALSE;

  if (assisted)
    {
      set_resident_called (self, FALSE);
      kiosk_station_note_activity (self);
    }
  else
    self->last_activity = kiosk_clock_get_monotonic_time (self->clock);

  set_assisted_flag (self, assisted);
  return TRUE;
}

gboolean
kiosk_station_get_assisted (KioskStation *self)
{
  g_return_val_if_fail (KIOSK_IS_STATION (self), FALSE);

  return self->assisted;
}

/**
 * kiosk_station_take_help_request:
 * @self: a #KioskStation
 * @by: the name of the mediator who goes, as their console gives it
 *
 * A mediator said at the desk that they go to this station: the resident
 * learns that someone comes, and the other consoles see who. The first
 * one to say so takes the call; the call stays until the mediator is
 * there (kiosk_station_clear_help_request()) or the session ends.
 *
 * Returns: %TRUE if the call is now @by's; %FALSE when nobody calls, or
 *   somebody else took the call already
 */
gboolean
kiosk_station_take_help_request (KioskStation *self,
                                 const char   *by)
{
  g_return_val_if_fail (KIOSK_IS_STATION (self), FALSE);
  g_return_val_if_fail (by != NULL && *by != '\0', FALSE);

  if (!self->help_requested)
    return FALSE;
  if (self->help_taken_by != NULL)
    return g_strcmp0 (self->help_taken_by, by) == 0;

  self->help_taken_by = g_strdup (by);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HELP_TAKEN_BY]);
  return TRUE;
}

/**
 * kiosk_station_get_help_taken_by:
 * @self: a #KioskStation
 *
 * Returns: (nullable): who said they go to answer the call, or %NULL
 */
const char *
kiosk_station_get_help_taken_by (KioskStation *self)
{
  g_return_val_if_fail (KIOSK_IS_STATION (self), NULL);

  return self->help_taken_by;
}

/**
 * kiosk_station_get_help_since:
 * @self: a #KioskStation
 *
 * Returns: (transfer none) (nullable): since when the desk is asked to
 *   come, in UTC, or %NULL when it is not: how long someone has waited
 */
GDateTime *
kiosk_station_get_help_since (KioskStation *self)
{
  g_return_val_if_fail (KIOSK_IS_STATION (self), NULL);

  return self->help_since;
}

/**
 * kiosk_station_get_assisted_since:
 * @self: a #KioskStation
 *
 * Returns: (transfer none) (nullable): when a mediator started helping,
 *   in UTC, or %NULL when nobody is
 */
GDateTime *
kiosk_station_get_assisted_since (KioskStation *self)
{
  g_return_val_if_fail (KIOSK_IS_STATION (self), NULL);

  return self->assisted_since;
}

/**
 * kiosk_station_set_assisted_idle_timeout:
 * @self: a #KioskStation
 * @seconds: seconds without input before the idle countdown while a
 *   mediator helps (AssistedIdleTimeout; 30 minutes until set)
 */
void
kiosk_station_set_assisted_idle_timeout (KioskStation *self,
                                         guint         seconds)
{
  g_return_if_fail (KIOSK_IS_STATION (self));
  g_return_if_fail (seconds > 0);

  self->assisted_idle_timeout = seconds;
}
