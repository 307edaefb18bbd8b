/* kiosk-usage-summary.c — the totals a usage report shows, summed by the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-usage-summary"

#include "config.h"

#include "kiosk-usage-summary.h"

#include "kiosk-text.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

/* The middle of each duration range, in minutes. Sessions over an hour
 * have no upper bound; counting them as 75 minutes keeps a few very long
 * sessions from swaying the average, and the report says so.
 */
static const struct
{
  const char *bucket;
  double      minutes;
} duration_middles[] = {
  { "<5", 2.5 },
  { "5-15", 10.0 },
  { "15-30", 22.5 },
  { "30-60", 45.0 },
  { ">60", 75.0 },
};

static const struct
{
  const char *metric;
  const char *key;
  const char *label;
} key_labels[] = {
  { KIOSK_METRIC_SESSION_ENDED, "logout", N_("“End my session”") },
  { KIOSK_METRIC_SESSION_ENDED, "idle", N_("Nobody using it any more") },
  { KIOSK_METRIC_SESSION_ENDED, "time-limit", N_("Time limit") },
  { KIOSK_METRIC_SESSION_ENDED, "staff", N_("Reset by a médiateur") },
  { KIOSK_METRIC_SESSION_ENDED, "remote", N_("Reset from the desk console") },
  { KIOSK_METRIC_SESSION_ENDED, "crash-recovery", N_("Cleaned up after a crash") },
  { KIOSK_METRIC_SESSION_DURATION, "<5", N_("Under 5 minutes") },
  { KIOSK_METRIC_SESSION_DURATION, "5-15", N_("5 to 15 minutes") },
  { KIOSK_METRIC_SESSION_DURATION, "15-30", N_("15 to 30 minutes") },
  { KIOSK_METRIC_SESSION_DURATION, "30-60", N_("30 to 60 minutes") },
  { KIOSK_METRIC_SESSION_DURATION, ">60", N_("Over 60 minutes") },
  { KIOSK_METRIC_SURVEY_RESIDENCE, "bordeaux", N_("Bordeaux") },
  { KIOSK_METRIC_SURVEY_RESIDENCE, "metropole", N_("Elsewhere in Bordeaux Métropole") },
  { KIOSK_METRIC_SURVEY_RESIDENCE, "elsewhere", N_("Outside the metropolis") },
  { KIOSK_METRIC_SURVEY_RESIDENCE, "no-answer", N_("No answer") },
  { KIOSK_METRIC_SURVEY_OUTCOME, "yes", N_("Yes") },
  { KIOSK_METRIC_SURVEY_OUTCOME, "partly", N_("Partly") },
  { KIOSK_METRIC_SURVEY_OUTCOME, "no", N_("No") },
};

static void
key_count_free (KioskUsageKeyCount *key_count)
{
  g_free (key_count->key);
  g_free (key_count);
}

static void
month_free (KioskUsageMonth *month)
{
  g_free (month->month);
  g_free (month);
}

static void
station_free (KioskUsageStation *station)
{
  g_free (station->site);
  g_free (station->station);
  g_free (station);
}

static void
site_free (KioskUsageSite *site)
{
  g_free (site->site);
  g_free (site);
}

static KioskUsageMonth *
month_new (const char *name)
{
  KioskUsageMonth *month = g_new0 (KioskUsageMonth, 1);

  month->month = g_strdup (name);
  return month;
}

/**
 * kiosk_usage_summary_free:
 * @self: a #KioskUsageSummary
 *
 * Frees @self and everything it holds.
 */
void
kiosk_usage_summary_free (KioskUsageSummary *self)
{
  if (self == NULL)
    return;

  g_free (self->from_day);
  g_free (self->to_day);
  g_free (self->site);
  g_free (self->station);
  g_clear_pointer (&self->metrics, g_hash_table_unref);
  g_clear_pointer (&self->months, g_ptr_array_unref);
  g_clear_pointer (&self->stations, g_ptr_array_unref);
  g_clear_pointer (&self->sites, g_ptr_array_unref);
  g_clear_pointer (&self->site_services, g_hash_table_unref);
  g_clear_pointer (&self->service_names, g_hash_table_unref);
  g_free (self);
}

static gboolean
add_metric_key_cb (const KioskUsageTotal *total,
                   gpointer               user_data)
{
  KioskUsageSummary *self = user_data;
  KioskUsageKeyCount *key_count;
  GPtrArray *keys;

  keys = g_hash_table_lookup (self->metrics, total->metric);
  if (keys == NULL)
    {
      keys = g_ptr_array_new_with_free_func ((GDestroyNotify) key_count_free);
      g_hash_table_insert (self->metrics, g_strdup (total->metric), keys);
    }

  key_count = g_new0 (KioskUsageKeyCount, 1);
  key_count->key = kiosk_text_escape_controls (total->key);
  key_count->count = total->count;
  g_ptr_array_add (keys, key_count);

  return TRUE;
}

static gboolean
add_month_cb (const KioskUsageTotal *total,
              gpointer               user_data)
{
  GHashTable *months = user_data;
  KioskUsageMonth *month;
  g_autofree char *name = NULL;

  if (total->period == NULL)
    return TRUE;

  name = kiosk_text_escape_controls (total->period);
  month = g_hash_table_lookup (months, name);
  if (month == NULL)
    {
      month = month_new (name);
      g_hash_table_insert (months, month->month, month);
    }

  if (g_strcmp0 (total->metric, KIOSK_METRIC_SESSION_STARTED) == 0)
    month->sessions += total->count;
  else if (g_strcmp0 (total->metric, KIOSK_METRIC_DEMARCHE) == 0)
    month->demarches += total->count;
  else if (g_strcmp0 (total->metric, KIOSK_METRIC_SERVICE_OPENED) == 0)
    month->taps += total->count;

  return TRUE;
}

static gboolean
add_station_cb (const KioskUsageTotal *total,
                gpointer               user_data)
{
  GHashTable *stations = user_data;
  KioskUsageStation *station;
  g_autofree char *id = NULL;

  /* A unit separator cannot appear in a site or station name typed in a
   * config, so it joins the two without ambiguity.
   */
  id = g_strconcat (total->site != NULL ? total->site : "", "\x1f",
                    total->station != NULL ? total->station : "", NULL);
  station = g_hash_table_lookup (stations, id);
  if (station == NULL)
    {
      station = g_new0 (KioskUsageStation, 1);
      station->site = kiosk_text_escape_controls (total->site);
      station->station = kiosk_text_escape_controls (total->station);
      g_hash_table_insert (stations, g_steal_pointer (&id), station);
    }

  if (g_strcmp0 (total->metric, KIOSK_METRIC_SESSION_STARTED) == 0)
    station->sessions += total->count;
  else if (g_strcmp0 (total->metric, KIOSK_METRIC_DEMARCHE) == 0)
    station->demarches += total->count;
  else if (g_strcmp0 (total->metric, KIOSK_METRIC_SERVICE_OPENED) == 0)
    station->taps += total->count;
  else if (g_strcmp0 (total->metric, KIOSK_METRIC_SESSION_ASSISTED) == 0)
    station->assisted += total->count;

  return TRUE;
}

/* The démarches of each service at each site, of both metrics a démarche
 * may be counted from; the one the report uses is kept afterwards.
 */
static gboolean
add_site_key_cb (const KioskUsageTotal *total,
                 gpointer               user_data)
{
  GHashTable *by_metric = user_data;
  GHashTable *counts;
  g_autofree char *site = NULL;
  g_autofree char *key = NULL;
  g_autofree char *id = NULL;
  gint64 *count;

  if (g_strcmp0 (total->metric, KIOSK_METRIC_DEMARCHE) != 0 &&
      g_strcmp0 (total->metric, KIOSK_METRIC_SERVICE_OPENED) != 0)
    return TRUE;

  counts = g_hash_table_lookup (by_metric, total->metric);
  if (counts == NULL)
    {
      counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_insert (by_metric, g_strdup (total->metric), counts);
    }

  /* Named as the stations and the keys of the summary are. */
  site = kiosk_text_escape_controls (total->site);
  key = kiosk_text_escape_controls (total->key);
  id = g_strconcat (site, "\x1f", key, NULL);
  count = g_hash_table_lookup (counts, id);
  if (count == NULL)
    {
      count = g_new0 (gint64, 1);
      g_hash_table_insert (counts, g_steal_pointer (&id), count);
    }
  *count += total->count;

  return TRUE;
}

/* The stations of each site added up; the stations come by site. */
static GPtrArray *
add_up_sites (GPtrArray *stations)
{
  GPtrArray *sites = g_ptr_array_new_with_free_func ((GDestroyNotify) site_free);
  KioskUsageSite *site = NULL;

  for (guint i = 0; i < stations->len; i++)
    {
      KioskUsageStation *station = g_ptr_array_index (stations, i);

      if (site == NULL || strcmp (site->site, station->site) != 0)
        {
          site = g_new0 (KioskUsageSite, 1);
          site->site = g_strdup (station->site);
          g_ptr_array_add (sites, site);
        }
      site->n_stations++;
      site->sessions += station->sessions;
      site->demarches += station->demarches;
      site->assisted += station->assisted;
    }

  return sites;
}

static gboolean
add_hour_of_week_cb (const KioskUsageTotal *total,
                     gpointer               user_data)
{
  KioskUsageSummary *self = user_data;

  if (g_strcmp0 (total->metric, KIOSK_METRIC_SESSION_STARTED) != 0)
    return TRUE;

  /* The store promises these ranges; a report must still never write
   * outside its table because of one odd row.
   */
  if (total->weekday < 1 || total->weekday > KIOSK_USAGE_N_WEEKDAYS ||
      total->hour >= KIOSK_USAGE_N_HOURS)
    {
      g_warning ("Ignoring a total for weekday %u, hour %u", total->weekday, total->hour);
      return TRUE;
    }

  self->week[total->weekday - 1][total->hour] += total->count;
  return TRUE;
}

static int
compare_key_counts (gconstpointer a,
                    gconstpointer b)
{
  const KioskUsageKeyCount *first = *(KioskUsageKeyCount * const *) a;
  const KioskUsageKeyCount *second = *(KioskUsageKeyCount * const *) b;

  if (first->count != second->count)
    return first->count > second->count ? -1 : 1;

  return strcmp (first->key, second->key);
}

/* Where the label table lists the keys of a metric, they keep its
 * order: duration ranges and survey answers read best as the question
 * asked them, and stay in the same place from one year to the next.
 */
static int
label_rank (const char *metric,
            const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (key_labels); i++)
    if (strcmp (metric, key_labels[i].metric) == 0 && strcmp (key, key_labels[i].key) == 0)
      return (int) i;

  return G_N_ELEMENTS (key_labels);
}

static int
compare_in_label_order (gconstpointer a,
                        gconstpointer b,
                        gpointer      user_data)
{
  const KioskUsageKeyCount *first = *(KioskUsageKeyCount * const *) a;
  const KioskUsageKeyCount *second = *(KioskUsageKeyCount * const *) b;
  int first_rank = label_rank (user_data, first->key);
  int second_rank = label_rank (user_data, second->key);

  if (first_rank != second_rank)
    return first_rank < second_rank ? -1 : 1;

  return compare_key_counts (a, b);
}

static int
compare_stations (gconstpointer a,
                  gconstpointer b)
{
  const KioskUsageStation *first = *(KioskUsageStation * const *) a;
  const KioskUsageStation *second = *(KioskUsageStation * const *) b;
  int by_site = strcmp (first->site, second->site);

  return by_site != 0 ? by_site : strcmp (first->station, second->station);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
parse_month (const char *name,
             int        *year,
             int        *month)
{
  char extra;

  return sscanf (name, "%4d-%2d%c", year, month, &extra) == 2 && *month >= 1 && *month <= 12;
}

/* Lists the months in order, with the months between them that have no
 * count at all: a month when the stations were closed is worth seeing.
 * Takes the months out of @by_name.
 */
static GPtrArray *
steal_months_in_order (GHashTable *by_name)
{
  GPtrArray *months = g_ptr_array_new_with_free_func ((GDestroyNotify) month_free);
  g_autofree gpointer *names = NULL;
  int previous_year = 0;
  int previous_month = 0;
  guint n_names;

  names = g_hash_table_get_keys_as_array (by_name, &n_names);
  qsort (names, n_names, sizeof (gpointer), compare_strings);

  for (guint i = 0; i < n_names; i++)
    {
      KioskUsageMonth *month = g_hash_table_lookup (by_name, names[i]);
      int year, number;

      if (parse_month (month->month, &year, &number))
        {
          while (previous_year != 0 &&
                 (previous_year * 12 + previous_month) + 1 < year * 12 + number)
            {
              g_autofree char *name = NULL;

              previous_month++;
              if (previous_month > 12)
                {
                  previous_year++;
                  previous_month = 1;
                }
              name = g_strdup_printf ("%04d-%02d", previous_year, previous_month);
              g_ptr_array_add (months, month_new (name));
            }
          previous_year = year;
          previous_month = number;
        }

      g_hash_table_steal (by_name, names[i]);
      g_ptr_array_add (months, month);
    }

  return months;
}

/**
 * kiosk_usage_summary_load:
 * @store: the counts to sum
 * @filter: which days, site and station to sum
 * @error: return location for a #GError, or %NULL
 *
 * Sums the counts of @store that @filter selects, by metric and key, by
 * month, by station and by hour of the week. Each sum is done by SQLite,
 * so that a report over years of counts stays fast.
 *
 * Keys, months, sites and stations come from a file anyone could have
 * written: they are kept as every report shows them, with their control
 * characters escaped by kiosk_text_escape_controls().
 *
 * Returns: (transfer full): the totals, or %NULL with @error set when the
 *   store could not be read
 */
KioskUsageSummary *
kiosk_usage_summary_load (KioskUsageStore        *store,
                          const KioskUsageFilter *filter,
                          GError                **error)
{
  g_autoptr(KioskUsageSummary) self = NULL;
  g_autoptr(GHashTable) months = NULL;
  g_autoptr(GHashTable) stations = NULL;
  g_autoptr(GHashTable) site_keys = NULL;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (KIOSK_IS_USAGE_STORE (store), NULL);
  g_return_val_if_fail (filter != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_new0 (KioskUsageSummary, 1);
  self->from_day = g_strdup (filter->from_day);
  self->to_day = g_strdup (filter->to_day);
  self->site = g_strdup (filter->site);
  self->station = g_strdup (filter->station);
  self->metrics = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_ptr_array_unref);
  months = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) month_free);
  stations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                    (GDestroyNotify) station_free);
  site_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                     (GDestroyNotify) g_hash_table_unref);

  if (!kiosk_usage_store_total (store, filter, KIOSK_USAGE_GROUP_METRIC_KEY, add_metric_key_cb,
                                self, error) ||
      !kiosk_usage_store_total (store, filter, KIOSK_USAGE_GROUP_MONTH, add_month_cb, months,
                                error) ||
      !kiosk_usage_store_total (store, filter, KIOSK_USAGE_GROUP_SITE_STATION, add_station_cb,
                                stations, error) ||
      !kiosk_usage_store_total (store, filter, KIOSK_USAGE_GROUP_SITE_KEY, add_site_key_cb,
                                site_keys, error) ||
      !kiosk_usage_store_total (store, filter, KIOSK_USAGE_GROUP_HOUR_OF_WEEK,
                                add_hour_of_week_cb, self, error))
    return NULL;

  g_hash_table_iter_init (&iter, self->metrics);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (strcmp (key, KIOSK_METRIC_SESSION_DURATION) == 0 ||
          strcmp (key, KIOSK_METRIC_SURVEY_RESIDENCE) == 0 ||
          strcmp (key, KIOSK_METRIC_SURVEY_OUTCOME) == 0)
        g_ptr_array_sort_with_data (value, compare_in_label_order, key);
      else
        g_ptr_array_sort (value, compare_key_counts);
    }

  self->months = steal_months_in_order (months);

  self->stations = g_ptr_array_new_with_free_func ((GDestroyNotify) station_free);
  g_hash_table_iter_init (&iter, stations);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_ptr_array_add (self->stations, value);
      g_hash_table_iter_steal (&iter);
      g_free (key);
    }
  g_ptr_array_sort (self->stations, compare_stations);

  /* A démarche is a service used in a session, once however many times
   * its tile was tapped. Counts kept before stations said so only have
   * the taps: the report then counts those, and says so.
   */
  self->demarche_metric = kiosk_usage_summary_get_keys (self, KIOSK_METRIC_DEMARCHE) != NULL ||
                          kiosk_usage_summary_get_keys (self, KIOSK_METRIC_SERVICE_OPENED) == NULL
                            ? KIOSK_METRIC_DEMARCHE : KIOSK_METRIC_SERVICE_OPENED;
  if (strcmp (self->demarche_metric, KIOSK_METRIC_SERVICE_OPENED) == 0)
    {
      for (guint i = 0; i < self->months->len; i++)
        {
          KioskUsageMonth *month = g_ptr_array_index (self->months, i);

          month->demarches = month->taps;
        }
      for (guint i = 0; i < self->stations->len; i++)
        {
          KioskUsageStation *station = g_ptr_array_index (self->stations, i);

          station->demarches = station->taps;
        }
    }

  self->sites = add_up_sites (self->stations);
  self->site_services = g_hash_table_lookup (site_keys, self->demarche_metric);
  if (self->site_services != NULL)
    g_hash_table_ref (self->site_services);
  else
    self->site_services = g_hash_table_new (g_str_hash, g_str_equal);

  return g_steal_pointer (&self);
}

/**
 * kiosk_usage_summary_is_empty:
 * @self: a #KioskUsageSummary
 *
 * Returns: %TRUE when nothing at all was counted in what @self sums
 */
gboolean
kiosk_usage_summary_is_empty (KioskUsageSummary *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  return g_hash_table_size (self->metrics) == 0;
}

/**
 * kiosk_usage_summary_get_keys:
 * @self: a #KioskUsageSummary
 * @metric: one of the KIOSK_METRIC_* names
 *
 * Returns: (transfer none) (element-type KioskUsageKeyCount): the
 *   total of each key of @metric, biggest first, except duration ranges
 *   and survey answers, which come in their natural order; %NULL when
 *   @metric was never counted
 */
GPtrArray *
kiosk_usage_summary_get_keys (KioskUsageSummary *self,
                              const char        *metric)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (metric != NULL, NULL);

  return g_hash_table_lookup (self->metrics, metric);
}

/**
 * kiosk_usage_summary_get_total:
 * @self: a #KioskUsageSummary
 * @metric: one of the KIOSK_METRIC_* names
 *
 * Returns: the total of @metric over all its keys
 */
gint64
kiosk_usage_summary_get_total (KioskUsageSummary *self,
                               const char        *metric)
{
  GPtrArray *keys;
  gint64 total = 0;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (metric != NULL, 0);

  keys = g_hash_table_lookup (self->metrics, metric);
  for (guint i = 0; keys != NULL && i < keys->len; i++)
    total += ((KioskUsageKeyCount *) g_ptr_array_index (keys, i))->count;

  return total;
}

/**
 * kiosk_usage_summary_get_week_hours:
 * @self: a #KioskUsageSummary
 * @first: (out): the earliest hour of the day when a session started
 * @last: (out): the latest hour of the day when a session started
 *
 * Finds the hours of the day a table of the week needs: the stations are
 * closed at night, and 24 columns of zeros would hide the rest.
 *
 * Returns: %FALSE when no session started at all
 */
gboolean
kiosk_usage_summary_get_week_hours (KioskUsageSummary *self,
                                    guint             *first,
                                    guint             *last)
{
  gboolean found = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (first != NULL && last != NULL, FALSE);

  for (guint hour = 0; hour < KIOSK_USAGE_N_HOURS; hour++)
    for (guint day = 0; day < KIOSK_USAGE_N_WEEKDAYS; day++)
      if (self->week[day][hour] != 0)
        {
          if (!found)
            *first = hour;
          *last = hour;
          found = TRUE;
        }

  return found;
}

/**
 * kiosk_usage_summary_estimate_duration:
 * @self: a #KioskUsageSummary
 * @minutes: (out): the estimated average length of a session, in minutes
 * @n_sessions: (out): how many sessions the estimate is made from
 *
 * Estimates the average length of a session from the duration ranges
 * alone, since only they are counted: see
 * kiosk_usage_duration_note() for how.
 *
 * Returns: %FALSE when no duration was counted
 */
gboolean
kiosk_usage_summary_estimate_duration (KioskUsageSummary *self,
                                       double            *minutes,
                                       gint64            *n_sessions)
{
  GPtrArray *buckets;
  double sum = 0.0;
  gint64 n = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (minutes != NULL && n_sessions != NULL, FALSE);

  buckets = kiosk_usage_summary_get_keys (self, KIOSK_METRIC_SESSION_DURATION);
  for (guint i = 0; buckets != NULL && i < buckets->len; i++)
    {
      KioskUsageKeyCount *bucket = g_ptr_array_index (buckets, i);

      for (guint j = 0; j < G_N_ELEMENTS (duration_middles); j++)
        if (strcmp (bucket->key, duration_middles[j].bucket) == 0)
          {
            sum += duration_middles[j].minutes * (double) bucket->count;
            n += bucket->count;
          }
    }

  if (n <= 0)
    return FALSE;

  *minutes = sum / (double) n;
  *n_sessions = n;
  return TRUE;
}

/**
 * kiosk_usage_duration_note:
 *
 * Returns: a sentence saying how kiosk_usage_summary_estimate_duration()
 *   estimates, for the reader of a report
 */
const char *
kiosk_usage_duration_note (void)
{
  return _("Only the duration range of each session is recorded: the average counts each "
           "session as the middle of its range (2.5, 10, 22.5 or 45 minutes) and a session "
           "over 60 minutes as 75 minutes.");
}

/**
 * kiosk_usage_session_note:
 *
 * Returns: a sentence saying what a session counts, under the figure of
 *   sessions: funders read "people", and a session is not a person
 */
const char *
kiosk_usage_session_note (void)
{
  return _("A session is one use of a station, from the first service opened to its end: a "
           "person who comes three times counts three sessions, and who they are is never "
           "recorded, so the number of people is not known.");
}

/**
 * kiosk_usage_assisted_note:
 *
 * Returns: a sentence saying what a session with a mediator counts, under
 *   its figure: the association's core activity, counted as it is
 */
const char *
kiosk_usage_assisted_note (void)
{
  return _("A session with a mediator is one during which a mediator, at the station, turned "
           "on the assisted mode in the staff panel; help given without it is not counted.");
}

/**
 * kiosk_usage_demarche_note:
 * @self: a #KioskUsageSummary
 *
 * Returns: a sentence saying what a démarche counts, in the counts of
 *   @self
 */
const char *
kiosk_usage_demarche_note (KioskUsageSummary *self)
{
  if (g_strcmp0 (self->demarche_metric, KIOSK_METRIC_SERVICE_OPENED) == 0)
    return _("A démarche is a service opened from the home screen: these counts come from "
             "stations that counted each tap of a tile, so a resident who opened the same "
             "service twice in a session counts twice.");

  return _("A démarche is a service used in a session, counted once however many times its "
           "tile was tapped.");
}

/**
 * kiosk_usage_is_masked:
 * @count: a count
 * @min_count: the smallest count a report may show, or 0 to show all
 *
 * Small counts could point at one person ("the only resident from
 * elsewhere who came on a Sunday"), so a report can hide them. Zero is
 * never hidden: it tells nothing about anybody.
 *
 * Returns: %TRUE when @count must be shown as "<@min_count"
 */
gboolean
kiosk_usage_is_masked (gint64 count,
                       int    min_count)
{
  return count > 0 && count < min_count;
}

/**
 * kiosk_usage_format_count:
 * @count: a count
 * @min_count: the smallest count a report may show, or 0 to show all
 *
 * Returns: (transfer full): @count with the locale's thousands separator,
 *   or "<@min_count" when kiosk_usage_is_masked() says so
 */
char *
kiosk_usage_format_count (gint64 count,
                          int    min_count)
{
  g_autofree char *digits = NULL;
  const char *separator;
  GString *text;
  gsize length;

  if (kiosk_usage_is_masked (count, min_count))
    return g_strdup_printf ("<%d", min_count);

  /* In the language of the report's words, whatever the machine's
   * LC_NUMERIC: a French report says "15 500", as the association does.
   */
  /* TRANSLATORS: between groups of three digits in reports' counts: “15,500”.
   * French takes a narrow no-break space (U+202F): “15 500”.
   */
  separator = C_("thousands separator", ",");
  digits = g_strdup_printf ("%" G_GINT64_FORMAT, ABS (count));
  length = strlen (digits);
  text = g_string_new (count < 0 ? "-" : NULL);
  for (gsize i = 0; i < length; i++)
    {
      if (i > 0 && (length - i) % 3 == 0)
        g_string_append (text, separator);
      g_string_append_c (text, digits[i]);
    }

  return g_string_free (text, FALSE);
}

/**
 * kiosk_usage_format_decimal:
 * @value: a number
 * @decimals: how many digits after the decimal separator
 *
 * Returns: (transfer full): @value with the decimal separator of the
 *   report's language ("52,4" in French), whatever the machine's LC_NUMERIC
 */
char *
kiosk_usage_format_decimal (double value,
                            int    decimals)
{
  g_autofree char *text = g_strdup_printf ("%.*f", decimals, value);
  g_auto(GStrv) parts = g_strsplit_set (text, ".,", 2);

  if (parts[0] == NULL || parts[1] == NULL)
    return g_steal_pointer (&text);

  /* TRANSLATORS: the decimal separator of reports' numbers: “52.4”. */
  return g_strconcat (parts[0], C_("decimal separator", "."), parts[1], NULL);
}

/**
 * kiosk_usage_describe_key:
 * @metric: one of the KIOSK_METRIC_* names
 * @key: a key of @metric
 *
 * Returns: (transfer none): what @key means for a reader of the report,
 *   translated, or @key itself when it is a name (a service, a language)
 */
const char *
kiosk_usage_describe_key (const char *metric,
                          const char *key)
{
  g_return_val_if_fail (metric != NULL, key);
  g_return_val_if_fail (key != NULL, key);

  for (guint i = 0; i < G_N_ELEMENTS (key_labels); i++)
    if (strcmp (metric, key_labels[i].metric) == 0 && strcmp (key, key_labels[i].key) == 0)
      return _(key_labels[i].label);

  return key;
}

/**
 * kiosk_usage_summary_set_service_names:
 * @self: a #KioskUsageSummary
 * @names: (nullable) (element-type utf8 utf8): service id → name, as
 *   kiosk_config_dup_service_names() gives them
 *
 * Makes the reports of @self name the services; without names (or for a
 * service the catalogue does not have any more), they show its id.
 */
void
kiosk_usage_summary_set_service_names (KioskUsageSummary *self,
                                       GHashTable        *names)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->service_names, g_hash_table_unref);
  self->service_names = names != NULL ? g_hash_table_ref (names) : NULL;
}

/**
 * kiosk_usage_summary_describe_key:
 * @self: a #KioskUsageSummary
 * @metric: a metric
 * @key: one of its keys
 *
 * Returns: (transfer none): how a report shows @key: a service's name
 *   for the démarches and taps, else kiosk_usage_describe_key()
 */
const char *
kiosk_usage_summary_describe_key (KioskUsageSummary *self,
                                  const char        *metric,
                                  const char        *key)
{
  const char *name = NULL;

  g_return_val_if_fail (self != NULL, key);

  if (self->service_names != NULL && (g_strcmp0 (metric, KIOSK_METRIC_DEMARCHE) == 0 ||
                                      g_strcmp0 (metric, KIOSK_METRIC_SERVICE_OPENED) == 0))
    name = g_hash_table_lookup (self->service_names, key);

  return name != NULL ? name : kiosk_usage_describe_key (metric, key);
}

static const char * const weekday_abbreviations[] = {
  NC_("weekday abbreviation", "Mon"), NC_("weekday abbreviation", "Tue"),
  NC_("weekday abbreviation", "Wed"), NC_("weekday abbreviation", "Thu"),
  NC_("weekday abbreviation", "Fri"), NC_("weekday abbreviation", "Sat"),
  NC_("weekday abbreviation", "Sun"),
};

/**
 * kiosk_usage_weekday_name:
 * @weekday: 1 (Monday) to 7 (Sunday)
 *
 * Returns: (transfer full): the abbreviated name of @weekday in the
 *   language of the report's words, whatever the machine's LC_TIME
 */
char *
kiosk_usage_weekday_name (guint weekday)
{
  g_return_val_if_fail (weekday >= 1 && weekday <= 7, NULL);

  return g_strdup (g_dpgettext2 (GETTEXT_PACKAGE, "weekday abbreviation",
                                 weekday_abbreviations[weekday - 1]));
}

/**
 * kiosk_usage_format_day:
 * @day: a day, "YYYY-MM-DD"
 *
 * Returns: (transfer full): @day as a reader of the report writes it, in
 *   the language of the moment ("1 janvier 2026"), or @day itself when
 *   it is no day
 */
char *
kiosk_usage_format_day (const char *day)
{
  g_autoptr(GDateTime) date = NULL;
  int year, month, number;

  g_return_val_if_fail (day != NULL, NULL);

  if (sscanf (day, "%4d-%2d-%2d", &year, &month, &number) != 3 ||
      (date = g_date_time_new_utc (year, month, number, 0, 0, 0)) == NULL)
    return g_strdup (day);

  /* TRANSLATORS: a day in a usage report: the day of the month, the
   * month's name and the year (“1 January 2026”); “%2$s %1$d, %3$d”
   * would say “January 1, 2026”.
   */
  return g_strdup_printf (C_("report day", "%1$d %2$s %3$d"), number,
                          kiosk_usage_month_name (month, FALSE), year);
}

static const char * const month_names[] = {
  NC_("month", "January"), NC_("month", "February"), NC_("month", "March"),
  NC_("month", "April"), NC_("month", "May"), NC_("month", "June"), NC_("month", "July"),
  NC_("month", "August"), NC_("month", "September"), NC_("month", "October"),
  NC_("month", "November"), NC_("month", "December"),
};

static const char * const month_abbreviations[] = {
  NC_("month abbreviation", "Jan"), NC_("month abbreviation", "Feb"),
  NC_("month abbreviation", "Mar"), NC_("month abbreviation", "Apr"),
  NC_("month abbreviation", "May"), NC_("month abbreviation", "Jun"),
  NC_("month abbreviation", "Jul"), NC_("month abbreviation", "Aug"),
  NC_("month abbreviation", "Sep"), NC_("month abbreviation", "Oct"),
  NC_("month abbreviation", "Nov"), NC_("month abbreviation", "Dec"),
};

/**
 * kiosk_usage_month_name:
 * @month: 1 (January) to 12
 * @abbreviated: whether the short name ("Jan") is wanted
 *
 * Month names come with the report's words, not from the machine's
 * LC_TIME: a desk whose locale is C still writes "janvier" in French.
 *
 * Returns: (transfer none): the name, translated
 */
const char *
kiosk_usage_month_name (guint    month,
                        gboolean abbreviated)
{
  g_return_val_if_fail (month >= 1 && month <= 12, "");

  return abbreviated ? g_dpgettext2 (GETTEXT_PACKAGE, "month abbreviation",
                                     month_abbreviations[month - 1])
                     : g_dpgettext2 (GETTEXT_PACKAGE, "month", month_names[month - 1]);
}

/**
 * kiosk_usage_format_month:
 * @month: a month, "YYYY-MM"
 *
 * Returns: (transfer full): @month as a reader writes it ("janvier
 *   2026" in French), or @month itself when it is no month
 */
char *
kiosk_usage_format_month (const char *month)
{
  int year, number;

  if (sscanf (month, "%4d-%2d", &year, &number) != 2 || number < 1 || number > 12)
    return g_strdup (month);

  /* TRANSLATORS: a month in a usage report: the month's name, then the
   * year (“January 2026”).
   */
  return g_strdup_printf (C_("report month", "%s %d"), kiosk_usage_month_name (number, FALSE),
                          year);
}

/**
 * kiosk_usage_summary_describe_period:
 * @self: a #KioskUsageSummary
 *
 * Returns: (transfer full): the days @self sums, for the title of a report
 */
char *
kiosk_usage_summary_describe_period (KioskUsageSummary *self)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  from = self->from_day != NULL ? kiosk_usage_format_day (self->from_day) : NULL;
  to = self->to_day != NULL ? kiosk_usage_format_day (self->to_day) : NULL;
  if (from != NULL && to != NULL)
    return g_strdup_printf (_("%s to %s"), from, to);
  if (from != NULL)
    return g_strdup_printf (_("from %s"), from);
  if (to != NULL)
    return g_strdup_printf (_("until %s"), to);
  if (self->months->len > 0)
    {
      KioskUsageMonth *first = g_ptr_array_index (self->months, 0);
      KioskUsageMonth *last = g_ptr_array_index (self->months, self->months->len - 1);

      g_autofree char *first_name = kiosk_usage_format_month (first->month);
      g_autofree char *last_name = kiosk_usage_format_month (last->month);

      return g_strdup_printf (_("every recorded day, %s to %s"), first_name, last_name);
    }

  return g_strdup (_("every recorded day"));
}

/**
 * kiosk_usage_summary_get_site_demarches:
 * @self: a #KioskUsageSummary
 * @site: a site of @self->sites
 * @service: a service id, a key of the démarches
 *
 * Returns: the démarches of @service at @site
 */
gint64
kiosk_usage_summary_get_site_demarches (KioskUsageSummary *self,
                                        const char        *site,
                                        const char        *service)
{
  g_autofree char *id = NULL;
  gint64 *count;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (site != NULL && service != NULL, 0);

  id = g_strconcat (site, "\x1f", service, NULL);
  count = g_hash_table_lookup (self->site_services, id);
  return count != NULL ? *count : 0;
}

/**
 * kiosk_usage_summary_describe_scope:
 * @self: a #KioskUsageSummary
 *
 * Returns: (transfer full): the sites and stations @self sums, for the
 *   title of a report
 */
char *
kiosk_usage_summary_describe_scope (KioskUsageSummary *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->site != NULL && self->station != NULL)
    return g_strdup_printf (_("site %s, station %s"), self->site, self->station);
  if (self->site != NULL)
    return g_strdup_printf (_("site %s, all its stations"), self->site);
  if (self->station != NULL)
    return g_strdup_printf (_("station %s"), self->station);

  return g_strdup (_("all sites and stations"));
}

/**
 * kiosk_usage_describe_masking:
 * @min_count: the smallest count a report may show, or 0 to show all
 *
 * Returns: (transfer full) (nullable): a sentence saying which counts a
 *   report hides, or %NULL when it shows them all
 */
char *
kiosk_usage_describe_masking (int min_count)
{
  if (min_count <= 1)
    return NULL;

  return g_strdup_printf (_("Counts from 1 to %d are shown as “<%d”, so that nobody can be "
                            "recognised in them."), min_count - 1, min_count);
}
