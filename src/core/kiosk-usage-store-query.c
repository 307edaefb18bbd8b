/* kiosk-usage-store-query.c — reading usage counts back: rows for exports, totals for reports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-usage-store"

#include "config.h"

#include "kiosk-usage-store-private.h"

static gboolean
check_filter (const KioskUsageFilter  *filter,
              GError                 **error)
{
  if (filter == NULL)
    return TRUE;

  if ((filter->from_day != NULL && !kiosk_usage_day_is_valid (filter->from_day)) ||
      (filter->to_day != NULL && !kiosk_usage_day_is_valid (filter->to_day)))
    {
      g_set_error (error, KIOSK_USAGE_ERROR, KIOSK_USAGE_ERROR_INVALID,
                   "Days are written YYYY-MM-DD, like 2026-11-23");
      return FALSE;
    }
  return TRUE;
}

/* Only the conditions that are given become SQL, so that SQLite can use
 * the primary key, which starts with the day, for a range of days.
 */
static char *
filter_to_where (const KioskUsageFilter *filter)
{
  GString *where = g_string_new (NULL);
  const char *joiner = " WHERE ";

  if (filter == NULL)
    return g_string_free (where, FALSE);

  if (filter->from_day != NULL)
    {
      g_string_append_printf (where, "%sday >= ?1", joiner);
      joiner = " AND ";
    }
  if (filter->to_day != NULL)
    {
      g_string_append_printf (where, "%sday <= ?2", joiner);
      joiner = " AND ";
    }
  if (filter->site != NULL)
    {
      g_string_append_printf (where, "%ssite = ?3", joiner);
      joiner = " AND ";
    }
  if (filter->station != NULL)
    g_string_append_printf (where, "%sstation = ?4", joiner);

  return g_string_free (where, FALSE);
}

static void
bind_filter (sqlite3_stmt           *stmt,
             const KioskUsageFilter *filter)
{
  if (filter == NULL)
    return;

  if (filter->from_day != NULL)
    sqlite3_bind_text (stmt, 1, filter->from_day, -1, SQLITE_STATIC);
  if (filter->to_day != NULL)
    sqlite3_bind_text (stmt, 2, filter->to_day, -1, SQLITE_STATIC);
  if (filter->site != NULL)
    sqlite3_bind_text (stmt, 3, filter->site, -1, SQLITE_STATIC);
  if (filter->station != NULL)
    sqlite3_bind_text (stmt, 4, filter->station, -1, SQLITE_STATIC);
}

/* Prepares @sql, whose conditions filter_to_where() wrote, for @filter.
 * A file opened for reading may come from anywhere, so the statement's
 * work over it is bounded.
 */
static sqlite3_stmt *
prepare_filtered (KioskUsageStore         *self,
                  const char              *sql,
                  const KioskUsageFilter  *filter,
                  GError                 **error)
{
  sqlite3_stmt *stmt = NULL;

  if (!kiosk_usage_store_prepare (self->db, sql, 0, &stmt, self->path, error))
    return NULL;
  bind_filter (stmt, filter);
  if (self->read_only)
    kiosk_usage_store_bound_work (self, "main");
  return stmt;
}

/* Finalizes @stmt once reading its rows ended with @rc: SQLITE_DONE when
 * every row was read or the caller stopped, otherwise what stopped it.
 */
static gboolean
finish_reading (KioskUsageStore  *self,
                sqlite3_stmt     *stmt,
                int               rc,
                GError          **error)
{
  if (rc != SQLITE_DONE)
    kiosk_usage_store_set_step_error (self, error, rc, self->path);
  sqlite3_finalize (stmt);

  return rc == SQLITE_DONE;
}

/**
 * kiosk_usage_store_foreach:
 * @self: a #KioskUsageStore
 * @filter: (nullable): which rows, or %NULL for all
 * @func: (scope call): called for each row, in the order of day, hour,
 *   site, station, metric and key; returns %FALSE to stop
 * @user_data: data for @func
 * @error: return location for a #KioskUsageError
 *
 * Goes through the stored counts, as an export does. The row and its
 * strings are only valid during the call to @func, and @func must not
 * change the store.
 *
 * Returns: %TRUE when every row was given to @func or @func stopped;
 *   %FALSE with %KIOSK_USAGE_ERROR_INVALID for a malformed day in
 *   @filter, or with the error that stopped reading, after which what
 *   @func received is incomplete and should be thrown away
 */
gboolean
kiosk_usage_store_foreach (KioskUsageStore         *self,
                           const KioskUsageFilter  *filter,
                           KioskUsageRowFunc        func,
                           gpointer                 user_data,
                           GError                 **error)
{
  g_autofree char *where = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (KIOSK_IS_USAGE_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_filter (filter, error))
    return FALSE;

  where = filter_to_where (filter);
  sql = g_strconcat ("SELECT " SELECT_COLUMNS " FROM counts", where,
                     " ORDER BY day, hour, site, station, metric, key", NULL);
  stmt = prepare_filtered (self, sql, filter, error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KioskUsageRow row = {
        .day = (const char *) sqlite3_column_text (stmt, 0),
        .hour = sqlite3_column_int (stmt, 1),
        .site = (const char *) sqlite3_column_text (stmt, 2),
        .station = (const char *) sqlite3_column_text (stmt, 3),
        .metric = (const char *) sqlite3_column_text (stmt, 4),
        .key = (const char *) sqlite3_column_text (stmt, 5),
        .count = sqlite3_column_int64 (stmt, 6),
      };

      if (!func (&row, user_data))
        {
          rc = SQLITE_DONE;
          break;
        }
    }

  return finish_reading (self, stmt, rc, error);
}

/* Every query returns the columns of a KioskUsageTotal in order: period,
 * weekday, hour, site, station, metric, key, count. Each one streams
 * through an index in its own order (see report_indexes in
 * kiosk-usage-store-schema.c); days and months are first summed per
 * metric, key and day, which leaves few enough rows to sort.
 */
static char *
total_sql (KioskUsageGroup  group,
           const char      *where)
{
  switch (group)
    {
    case KIOSK_USAGE_GROUP_METRIC_KEY:
      return g_strconcat ("SELECT NULL, 0, 0, NULL, NULL, metric, key, sum(count)"
                          " FROM counts", where,
                          " GROUP BY metric, key ORDER BY metric, key", NULL);
    case KIOSK_USAGE_GROUP_DAY:
      return g_strconcat ("SELECT day, 0, 0, NULL, NULL, metric, NULL, sum(n) FROM"
                          " (SELECT metric, key, day, sum(count) AS n FROM counts", where,
                          " GROUP BY metric, key, day)"
                          " GROUP BY day, metric ORDER BY day, metric", NULL);
    case KIOSK_USAGE_GROUP_MONTH:
      return g_strconcat ("SELECT substr(day, 1, 7) AS month, 0, 0, NULL, NULL, metric, NULL,"
                          " sum(n) FROM"
                          " (SELECT metric, key, day, sum(count) AS n FROM counts", where,
                          " GROUP BY metric, key, day)"
                          " GROUP BY month, metric ORDER BY month, metric", NULL);
    case KIOSK_USAGE_GROUP_SITE_STATION:
      return g_strconcat ("SELECT NULL, 0, 0, site, station, metric, NULL, sum(count)"
                          " FROM counts", where,
                          " GROUP BY site, station, metric ORDER BY site, station, metric",
                          NULL);
    case KIOSK_USAGE_GROUP_SITE_KEY:
      return g_strconcat ("SELECT NULL, 0, 0, site, NULL, metric, key, sum(count)"
                          " FROM counts", where,
                          " GROUP BY site, metric, key ORDER BY site, metric, key", NULL);
    case KIOSK_USAGE_GROUP_HOUR_OF_WEEK:
      return g_strconcat ("SELECT NULL, " WEEKDAY_SQL " AS weekday, hour, NULL, NULL, metric,"
                          " NULL, sum(count) FROM counts", where,
                          " GROUP BY weekday, hour, metric ORDER BY weekday, hour, metric",
                          NULL);
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * kiosk_usage_store_total:
 * @self: a #KioskUsageStore
 * @filter: (nullable): which rows to count, or %NULL for all
 * @group: what to sum the counts by
 * @func: (scope call): called for each total, ordered by the group's
 *   fields, then metric, then key; returns %FALSE to stop
 * @user_data: data for @func
 * @error: return location for a #KioskUsageError
 *
 * Sums counts for a report. The total and its strings are only valid
 * during the call to @func, and @func must not change the store.
 *
 * Returns: %TRUE when every total was given to @func or @func stopped;
 *   %FALSE with %KIOSK_USAGE_ERROR_INVALID for a malformed day in
 *   @filter, or with the error that stopped reading, after which what
 *   @func received is incomplete and should be thrown away
 */
gboolean
kiosk_usage_store_total (KioskUsageStore         *self,
                         const KioskUsageFilter  *filter,
                         KioskUsageGroup          group,
                         KioskUsageTotalFunc      func,
                         gpointer                 user_data,
                         GError                 **error)
{
  g_autofree char *where = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (KIOSK_IS_USAGE_STORE (self), FALSE);
  g_return_val_if_fail (group <= KIOSK_USAGE_GROUP_HOUR_OF_WEEK, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_filter (filter, error))
    return FALSE;

  where = filter_to_where (filter);
  sql = total_sql (group, where);
  stmt = prepare_filtered (self, sql, filter, error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KioskUsageTotal total = {
        .period = (const char *) sqlite3_column_text (stmt, 0),
        .weekday = sqlite3_column_int (stmt, 1),
        .hour = sqlite3_column_int (stmt, 2),
        .site = (const char *) sqlite3_column_text (stmt, 3),
        .station = (const char *) sqlite3_column_text (stmt, 4),
        .metric = (const char *) sqlite3_column_text (stmt, 5),
        .key = (const char *) sqlite3_column_text (stmt, 6),
        .count = sqlite3_column_int64 (stmt, 7),
      };

      if (!func (&total, user_data))
        {
          rc = SQLITE_DONE;
          break;
        }
    }

  return finish_reading (self, stmt, rc, error);
}

typedef struct
{
  const char *metric;
  gint64      count;
} MetricSum;

static gboolean
add_metric_total_cb (const KioskUsageTotal *total,
                     gpointer               user_data)
{
  MetricSum *sum = user_data;

  if (g_strcmp0 (total->metric, sum->metric) == 0)
    sum->count += total->count;
  return TRUE;
}

/**
 * kiosk_usage_store_count_metric:
 * @self: a #KioskUsageStore
 * @filter: (nullable): which rows to count, or %NULL for all
 * @metric: a metric, such as %KIOSK_METRIC_SESSION_STARTED
 * @error: return location for a #KioskUsageError
 *
 * Returns: the sum of @metric's counts over the rows of @filter, or -1
 *   with @error set
 */
gint64
kiosk_usage_store_count_metric (KioskUsageStore         *self,
                                const KioskUsageFilter  *filter,
                                const char              *metric,
                                GError                 **error)
{
  MetricSum sum = { metric, 0 };

  g_return_val_if_fail (KIOSK_IS_USAGE_STORE (self), -1);
  g_return_val_if_fail (metric != NULL, -1);

  if (!kiosk_usage_store_total (self, filter, KIOSK_USAGE_GROUP_METRIC_KEY, add_metric_total_cb,
                                &sum, error))
    return -1;
  return sum.count;
}
