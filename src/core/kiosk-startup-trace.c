/* kiosk-startup-trace.c — where the time of a start goes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A start is a few steps (the config read, the last run's leftovers
 * wiped, the window built, the first frame, the first page); each says
 * when it was reached, as a debug message of the "kiosk-startup" domain,
 * in the monotonic clock every process of the machine shares: a benchmark
 * that started the kiosk subtracts its own start time and gets the
 * profile of the whole path, exec and dynamic linking included. Nothing
 * but the step's name is written, never an address. After the first
 * page, steps are no longer marked: a later session is not a start.
 */
#define G_LOG_DOMAIN KIOSK_STARTUP_TRACE_DOMAIN

#include "config.h"

#include "kiosk-startup-trace.h"

#include <stdlib.h>
#include <string.h>

#define MARK_PREFIX "Startup step "

static gint64 first_mark;
static gboolean finished;

/**
 * kiosk_startup_trace_mark:
 * @step: what was just done, in a few words
 *
 * Says that the start has reached @step. Only the main thread marks.
 */
void
kiosk_startup_trace_mark (const char *step)
{
  gint64 now = g_get_monotonic_time ();

  g_return_if_fail (step != NULL);

  if (finished)
    return;
  if (first_mark == 0)
    first_mark = now;

  /* In ASCII: the first marks come before the locale is set, when GLib
   * would write any other character as an escape.
   */
  g_debug (MARK_PREFIX "[%s] at %" G_GINT64_FORMAT " us (+%.1f ms)", step, now,
           (now - first_mark) / 1000.0);
}

/**
 * kiosk_startup_trace_finish:
 *
 * The start is over: later calls to kiosk_startup_trace_mark() are ignored.
 */
void
kiosk_startup_trace_finish (void)
{
  finished = TRUE;
}

/**
 * kiosk_startup_trace_parse:
 * @line: a line of the kiosk's output
 * @step: (out) (transfer full): the step's name
 * @monotonic_us: (out): when it was reached, in g_get_monotonic_time()'s clock
 *
 * Reads a mark back, for benchmarks.
 *
 * Returns: %TRUE if @line is a mark
 */
gboolean
kiosk_startup_trace_parse (const char  *line,
                           char       **step,
                           gint64      *monotonic_us)
{
  const char *start = strstr (line, MARK_PREFIX "[");
  const char *end;
  char *number_end;
  gint64 value;

  if (start == NULL)
    return FALSE;
  start += strlen (MARK_PREFIX "[");
  end = strstr (start, "] at ");
  if (end == NULL)
    return FALSE;

  value = g_ascii_strtoll (end + strlen ("] at "), &number_end, 10);
  if (number_end == end + strlen ("] at ") || value <= 0)
    return FALSE;

  *step = g_strndup (start, end - start);
  *monotonic_us = value;
  return TRUE;
}
