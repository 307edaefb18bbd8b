/* kiosk-station-api-usage.c — GET /api/v1/usage: the station's usage counts as CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-station-api"

#include "config.h"

#include "kiosk-station-api-private.h"

#include "kiosk-usage-csv.h"
#include "kiosk-usage-store.h"

#include <string.h>

typedef struct
{
  char *path;
  char *from_day;
  char *to_day;
} Export;

typedef struct
{
  GString      *csv;
  GCancellable *cancellable;
} ExportWriter;

static void
export_free (gpointer data)
{
  Export *export = data;

  g_free (export->path);
  g_free (export->from_day);
  g_free (export->to_day);
  g_free (export);
}

static void
string_free (gpointer data)
{
  g_string_free (data, TRUE);
}

static gboolean
export_row_cb (const KioskUsageRow *row,
               gpointer             user_data)
{
  ExportWriter *writer = user_data;

  kiosk_usage_csv_append_row (writer->csv, row);

  return !g_cancellable_is_cancelled (writer->cancellable);
}

/* Years of counts take a while to read: not on the kiosk's main thread. */
static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Export *export = task_data;
  KioskUsageFilter filter = { export->from_day, export->to_day, NULL, NULL };
  ExportWriter writer = { g_string_new (NULL), cancellable };
  g_autoptr(KioskUsageStore) store = NULL;
  GError *error = NULL;

  kiosk_usage_csv_append_header (writer.csv);

  /* A station that has counted nothing yet has no file yet. */
  if (!g_file_test (export->path, G_FILE_TEST_EXISTS))
    {
      g_task_return_pointer (task, writer.csv, string_free);
      return;
    }

  store = kiosk_usage_store_open_read_only (export->path, &error);
  if (store == NULL ||
      !kiosk_usage_store_foreach (store, &filter, export_row_cb, &writer, &error))
    {
      g_string_free (writer.csv, TRUE);
      g_task_return_error (task, error);
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    {
      g_string_free (writer.csv, TRUE);
      return;
    }

  g_task_return_pointer (task, writer.csv, string_free);
}

static void
export_done_cb (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SoupServerMessage) msg = user_data;
  g_autoptr(GError) error = NULL;
  GString *csv = g_task_propagate_pointer (G_TASK (result), &error);

  /* The API was dropped, or the connection closed, meanwhile: libsoup
   * 3.2 refuses to resume a message that has no connection.
   */
  if (kiosk_station_api_request_get (msg)->gone)
    {
      if (csv != NULL)
        g_string_free (csv, TRUE);
      return;
    }

  if (csv == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Station API: could not export the usage counts: %s", error->message);
      kiosk_station_api_respond_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR,
                                       "the usage counts could not be read");
    }
  else
    {
      gsize length = csv->len;

      kiosk_station_api_respond (msg, SOUP_STATUS_OK, "text/csv; charset=utf-8",
                                 g_string_free (csv, FALSE), length);
    }

  soup_server_message_unpause (msg);
}

void
kiosk_station_api_handle_usage (KioskStationApi   *self,
                                SoupServerMessage *msg,
                                Request           *request,
                                GHashTable        *query)
{
  g_autoptr(GTask) task = NULL;
  GHashTableIter iter;
  gpointer key, value;
  Export *export;

  if (query != NULL)
    {
      g_hash_table_iter_init (&iter, query);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          if (strcmp (key, "from") != 0 && strcmp (key, "to") != 0)
            {
              kiosk_station_api_respond_error (msg, SOUP_STATUS_BAD_REQUEST,
                                               "only “from” and “to” may be asked for");
              return;
            }
          if (!kiosk_usage_day_is_valid (value))
            {
              kiosk_station_api_respond_error (msg, SOUP_STATUS_BAD_REQUEST,
                                               "days are written YYYY-MM-DD, like 2026-11-23");
              return;
            }
        }
    }

  if (self->usage_path == NULL)
    {
      kiosk_station_api_respond_error (msg, SOUP_STATUS_NOT_FOUND,
                                       "this station keeps no usage counts");
      return;
    }

  export = g_new0 (Export, 1);
  export->path = g_strdup (self->usage_path);
  if (query != NULL)
    {
      export->from_day = g_strdup (g_hash_table_lookup (query, "from"));
      export->to_day = g_strdup (g_hash_table_lookup (query, "to"));
    }

  /* The task holds no reference on the API: whoever drops the API stops
   * its server at once, and the station it reported on may be gone.
   */
  soup_server_message_pause (msg);
  task = g_task_new (NULL, self->cancellable, export_done_cb, g_object_ref (msg));
  g_task_set_source_tag (task, kiosk_station_api_handle_usage);
  g_task_set_task_data (task, export, export_free);
  g_task_run_in_thread (task, export_thread);
}
