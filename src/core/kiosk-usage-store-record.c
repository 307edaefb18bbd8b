/* kiosk-usage-store-record.c — adding counts to the usage store, and what a count may hold
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-usage-store"

#include "config.h"

#include "kiosk-usage-store-private.h"

#include <string.h>

/* Site, station, metric and key names are short words; the limit keeps a
 * runaway caller from filling the disk with one row.
 */
#define MAX_TEXT_BYTES 200

static gboolean
text_is_valid (const char *text)
{
  return text != NULL &&
         strnlen (text, MAX_TEXT_BYTES + 1) <= MAX_TEXT_BYTES &&
         g_utf8_validate (text, -1, NULL);
}

/* The message names the row and the field, never a key's value: a key
 * could be a domain a resident visited.
 */
static gboolean
check_row (const KioskUsageRow  *row,
           guint                 index,
           GError              **error)
{
  const char *problem = NULL;

  if (!kiosk_usage_day_is_valid (row->day))
    problem = "the day is not a date written YYYY-MM-DD";
  else if (row->hour > 23)
    problem = "the hour is not between 0 and 23";
  else if (!text_is_valid (row->site))
    problem = "the site is missing, too long or not UTF-8";
  else if (!text_is_valid (row->station))
    problem = "the station is missing, too long or not UTF-8";
  else if (!text_is_valid (row->metric))
    problem = "the metric is missing, too long or not UTF-8";
  else if (row->key != NULL && !text_is_valid (row->key))
    problem = "the key is too long or not UTF-8";
  else if (row->count < 0)
    problem = "the count is negative";

  if (problem == NULL)
    return TRUE;

  g_set_error (error, KIOSK_USAGE_ERROR, KIOSK_USAGE_ERROR_INVALID,
               "Usage count %u was not recorded, nor any other of its batch: %s",
               index + 1, problem);
  return FALSE;
}

/**
 * kiosk_usage_store_add:
 * @self: a #KioskUsageStore opened for writing
 * @rows: (array length=n_rows): the counts to add
 * @n_rows: the number of @rows
 * @error: return location for a #KioskUsageError
 *
 * Adds each row's count to the stored count of the same day, hour, site,
 * station, metric and key; a %NULL key is stored as "". The batch is
 * saved entirely or not at all, so batching many counts is both faster
 * and safer than adding them one by one.
 *
 * Returns: %TRUE on success; %FALSE with %KIOSK_USAGE_ERROR_INVALID when
 *   a row is not valid, %KIOSK_USAGE_ERROR_FULL when the disk is full, or
 *   another #KioskUsageError, and then nothing of the batch was stored
 */
gboolean
kiosk_usage_store_add (KioskUsageStore      *self,
                       const KioskUsageRow  *rows,
                       guint                 n_rows,
                       GError              **error)
{
  int rc;

  g_return_val_if_fail (KIOSK_IS_USAGE_STORE (self), FALSE);
  g_return_val_if_fail (!self->read_only, FALSE);
  g_return_val_if_fail (rows != NULL || n_rows == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; i < n_rows; i++)
    {
      if (!check_row (&rows[i], i, error))
        return FALSE;
    }

  if (n_rows == 0)
    return TRUE;

  rc = kiosk_usage_store_exec (self->db, "BEGIN IMMEDIATE");
  for (guint i = 0; rc == SQLITE_OK && i < n_rows; i++)
    {
      const KioskUsageRow *row = &rows[i];

      sqlite3_bind_text (self->upsert, 1, row->day, -1, SQLITE_STATIC);
      sqlite3_bind_int (self->upsert, 2, row->hour);
      sqlite3_bind_text (self->upsert, 3, row->site, -1, SQLITE_STATIC);
      sqlite3_bind_text (self->upsert, 4, row->station, -1, SQLITE_STATIC);
      sqlite3_bind_text (self->upsert, 5, row->metric, -1, SQLITE_STATIC);
      sqlite3_bind_text (self->upsert, 6, row->key != NULL ? row->key : "", -1, SQLITE_STATIC);
      sqlite3_bind_int64 (self->upsert, 7, row->count);

      rc = sqlite3_step (self->upsert);
      if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
      sqlite3_reset (self->upsert);
    }

  if (rc == SQLITE_OK)
    rc = kiosk_usage_store_exec (self->db, "COMMIT");

  /* The statement must not keep pointers to the caller's strings. */
  sqlite3_clear_bindings (self->upsert);

  if (rc != SQLITE_OK)
    {
      kiosk_usage_store_set_sqlite_error (error, self->db, rc, self->path);
      kiosk_usage_store_rollback (self->db);
      return FALSE;
    }
  return TRUE;
}

/**
 * kiosk_usage_duration_bucket:
 * @seconds: how long a session lasted
 *
 * Sessions are counted by length in a few buckets rather than to the
 * second, which reports need no more precisely and which could help
 * tell residents apart.
 *
 * Returns: the key for %KIOSK_METRIC_SESSION_DURATION: "<5", "5-15",
 *   "15-30", "30-60" or ">60" minutes
 */
const char *
kiosk_usage_duration_bucket (guint seconds)
{
  if (seconds < 5 * 60)
    return "<5";
  if (seconds < 15 * 60)
    return "5-15";
  if (seconds < 30 * 60)
    return "15-30";
  if (seconds < 60 * 60)
    return "30-60";
  return ">60";
}

static int
parse_digits (const char *text,
              guint       n_digits)
{
  int value = 0;

  for (guint i = 0; i < n_digits; i++)
    value = value * 10 + (text[i] - '0');
  return value;
}

/**
 * kiosk_usage_day_is_valid:
 * @day: (nullable): a day, like "2026-11-23"
 *
 * Days are stored as text that sorts like dates, so nothing but the
 * exact form YYYY-MM-DD of a real date between the years 2000 and 2999
 * is accepted.
 *
 * Returns: %TRUE if @day can be stored
 */
gboolean
kiosk_usage_day_is_valid (const char *day)
{
  int year;

  if (day == NULL || strnlen (day, 11) != 10)
    return FALSE;

  for (guint i = 0; i < 10; i++)
    {
      if (i == 4 || i == 7 ? day[i] != '-' : !g_ascii_isdigit (day[i]))
        return FALSE;
    }

  year = parse_digits (day, 4);
  return year >= 2000 && year <= 2999 &&
         g_date_valid_dmy (parse_digits (day + 8, 2), parse_digits (day + 5, 2), year);
}
