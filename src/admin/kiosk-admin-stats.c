/* kiosk-admin-stats.c — pimms-kiosk-admin stats: reports, exports, merges
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pimms-kiosk-admin"

#include "config.h"

#include "kiosk-admin-stats.h"

#include "kiosk-admin-command.h"
#include "kiosk-admin.h"

#include "kiosk-config.h"
#include "kiosk-text.h"
#include "kiosk-usage-csv.h"
#include "kiosk-usage-html.h"
#include "kiosk-usage-report.h"
#include "kiosk-usage-store.h"
#include "kiosk-usage-summary.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

/* Where a station keeps its counts, <state-dir>/usage.db, when the kiosk
 * runs as the systemd service with StateDirectory=pimms-kiosk.
 */
#define DEFAULT_DB_PATH "/var/lib/pimms-kiosk/usage.db"

/* What the HTML report hides unless told otherwise: it is meant to be
 * published, the other outputs are for the association's own use.
 */
#define HTML_DEFAULT_MIN_COUNT 5

/* An export is written out in pieces this big, so that five years of
 * counts never have to fit in memory at once.
 */
#define EXPORT_CHUNK_SIZE (64 * 1024)

/* The options of report, export and html; each offers those it uses. */
typedef struct
{
  char *db_path;
  char *from_day;
  char *to_day;
  char *site;
  char *station;
  int   min_count;
  char *format;
  char *output;
  char *config_path;
} StatsOptions;

static void
stats_options_clear (StatsOptions *options)
{
  g_clear_pointer (&options->db_path, g_free);
  g_clear_pointer (&options->from_day, g_free);
  g_clear_pointer (&options->to_day, g_free);
  g_clear_pointer (&options->site, g_free);
  g_clear_pointer (&options->station, g_free);
  g_clear_pointer (&options->format, g_free);
  g_clear_pointer (&options->output, g_free);
  g_clear_pointer (&options->config_path, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (StatsOptions, stats_options_clear)

/* One line on stderr, prefixed with the command so that a script's log
 * says where it came from. A message may quote a file name, or a name
 * read from a database, that holds control characters: escaped, they can
 * neither take over the terminal nor forge a line.
 */
static void G_GNUC_PRINTF (2, 3)
complain (const char *command,
          const char *format,
          ...)
{
  g_autofree char *escaped = NULL;
  va_list args;

  va_start (args, format);
  escaped = kiosk_text_vprintf_escaped (format, args);
  va_end (args);

  fprintf (stderr, "pimms-kiosk-admin stats %s: %s\n", command, escaped);
}

/* The same for one line of what a command did, on stdout. */
static void G_GNUC_PRINTF (1, 2)
tell (const char *format,
      ...)
{
  g_autofree char *escaped = NULL;
  va_list args;

  va_start (args, format);
  escaped = kiosk_text_vprintf_escaped (format, args);
  va_end (args);

  printf ("%s\n", escaped);
}

/* Parses the options every reading command shares, plus @extra. Returns
 * %KIOSK_ADMIN_EXIT_OK when the command may go on.
 */
static int
parse_options (const char         *command,
               const char         *summary,
               const GOptionEntry *extra,
               int                 default_min_count,
               StatsOptions       *options,
               int                 argc,
               char              **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &options->db_path,
      N_("Read this usage database instead of the station’s own"),
      N_("FILE") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &options->from_day,
      N_("Only count from this day on"), N_("YYYY-MM-DD") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &options->to_day,
      N_("Only count until this day, included"), N_("YYYY-MM-DD") },
    { "site", 0, 0, G_OPTION_ARG_STRING, &options->site,
      N_("Only count the stations of this site"), N_("SITE") },
    { "station", 0, 0, G_OPTION_ARG_STRING, &options->station,
      N_("Only count this station"), N_("ID") },
    { "min-count", 0, 0, G_OPTION_ARG_INT, &options->min_count,
      N_("Hide counts below N, so that nobody can be recognised in them"), N_("N") },
    { NULL }
  };

  /* G_MININT stands for “not given”: nobody types it. */
  options->min_count = G_MININT;

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, summary);
  description = g_strdup_printf (_("Without --db, reads %s, the counts of the station it "
                                   "runs on. Exit status: 0 when all went well, 1 when the "
                                   "database could not be read or the output not written, 2 "
                                   "for a mistake on the command line."), DEFAULT_DB_PATH);
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (extra != NULL)
    g_option_context_add_main_entries (context, extra, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      complain (command, "%s", error->message);
      return KIOSK_ADMIN_EXIT_USAGE;
    }

  if (argc > 1)
    {
      complain (command, _("unexpected argument “%s”"), argv[1]);
      return KIOSK_ADMIN_EXIT_USAGE;
    }

  if (options->from_day != NULL && !kiosk_usage_day_is_valid (options->from_day))
    {
      complain (command, _("--from: “%s” is not a day written YYYY-MM-DD"), options->from_day);
      return KIOSK_ADMIN_EXIT_USAGE;
    }

  if (options->to_day != NULL && !kiosk_usage_day_is_valid (options->to_day))
    {
      complain (command, _("--to: “%s” is not a day written YYYY-MM-DD"), options->to_day);
      return KIOSK_ADMIN_EXIT_USAGE;
    }

  /* Days written YYYY-MM-DD sort like the days themselves. */
  if (options->from_day != NULL && options->to_day != NULL &&
      strcmp (options->from_day, options->to_day) > 0)
    {
      complain (command, _("--from %s comes after --to %s"), options->from_day, options->to_day);
      return KIOSK_ADMIN_EXIT_USAGE;
    }

  if (options->min_count == G_MININT)
    options->min_count = default_min_count;
  else if (options->min_count < 0)
    {
      complain (command, _("--min-count must be 0 or more"));
      return KIOSK_ADMIN_EXIT_USAGE;
    }

  if (options->db_path == NULL)
    options->db_path = g_strdup (DEFAULT_DB_PATH);

  return KIOSK_ADMIN_EXIT_OK;
}

static KioskUsageFilter
options_get_filter (const StatsOptions *options)
{
  KioskUsageFilter filter = {
    .from_day = options->from_day,
    .to_day = options->to_day,
    .site = options->site,
    .station = options->station,
  };

  return filter;
}

/* A missing file is the likeliest mistake, a wrong --db or a station
 * that never counted anything: it is said in those words.
 */
static KioskUsageStore *
open_store_or_explain (const char *command,
                       const char *path)
{
  g_autoptr(GError) error = NULL;
  KioskUsageStore *store;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      complain (command, _("there is no usage database at %s"), path);
      return NULL;
    }

  store = kiosk_usage_store_open_read_only (path, &error);
  if (store == NULL)
    complain (command, "%s", error->message);

  return store;
}

/* Writes @data to stdout, and says so when it could not: a full disk
 * must not look like a finished export.
 */
static gboolean
write_stdout (const char *command,
              const char *data,
              gsize       length)
{
  if ((length > 0 && fwrite (data, 1, length, stdout) != length) || fflush (stdout) != 0)
    {
      complain (command, _("cannot write the output: %s"), g_strerror (errno));
      return FALSE;
    }

  return TRUE;
}

/* Replaces @path in one step, so that a reader never finds half a file
 * and a failure leaves what was there before.
 */
static gboolean
write_output_file (const char *command,
                   const char *path,
                   const char *data,
                   gsize       length)
{
  g_autoptr(GError) error = NULL;

  if (!g_file_set_contents (path, data, length, &error))
    {
      complain (command, _("cannot write %s: %s"), path, error->message);
      return FALSE;
    }

  return TRUE;
}

/* Reports name the services, from the config given, else from the
 * station's own (/etc/pimms-kiosk/kiosk.conf) when there is one; without
 * a config (on a desk computer), they show the ids. A config given that
 * cannot be read is a mistake on the command line.
 */
static gboolean
name_services (const char        *command,
               KioskUsageSummary *summary,
               const char        *config_path)
{
  g_autoptr(KioskConfig) config = NULL;
  g_autoptr(GHashTable) names = NULL;
  g_autoptr(GError) error = NULL;

  if (config_path == NULL && !g_file_test (SYSCONF_CONFIG, G_FILE_TEST_EXISTS))
    return TRUE;

  config = kiosk_config_load (config_path != NULL ? config_path : SYSCONF_CONFIG, &error);
  if (config == NULL)
    {
      if (config_path == NULL)
        return TRUE;
      complain (command, "%s", error->message);
      return FALSE;
    }

  names = kiosk_config_dup_service_names (config);
  kiosk_usage_summary_set_service_names (summary, names);
  return TRUE;
}

static int
run_summary_command (const char   *command,
                     const char   *summary_text,
                     gboolean      html,
                     int           argc,
                     char        **argv)
{
  g_auto(StatsOptions) options = { 0 };
  g_autoptr(KioskUsageStore) store = NULL;
  g_autoptr(KioskUsageSummary) summary = NULL;
  g_autoptr(GString) out = NULL;
  g_autoptr(GError) error = NULL;
  KioskUsageFilter filter;
  int status;
  const GOptionEntry html_entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &options.output,
      N_("Write the page to FILE instead of the standard output"), N_("FILE") },
    { "config", 0, 0, G_OPTION_ARG_FILENAME, &options.config_path,
      N_("Name the services from this config instead of the station’s"), N_("FILE") },
    { NULL }
  };

  status = parse_options (command, summary_text, html ? html_entries : html_entries + 1,
                          html ? HTML_DEFAULT_MIN_COUNT : 0, &options, argc, argv);
  if (status != KIOSK_ADMIN_EXIT_OK)
    return status;

  store = open_store_or_explain (command, options.db_path);
  if (store == NULL)
    return KIOSK_ADMIN_EXIT_PROBLEMS;

  filter = options_get_filter (&options);
  summary = kiosk_usage_summary_load (store, &filter, &error);
  if (summary == NULL)
    {
      complain (command, "%s", error->message);
      return KIOSK_ADMIN_EXIT_PROBLEMS;
    }

  if (!name_services (command, summary, options.config_path))
    return KIOSK_ADMIN_EXIT_USAGE;

  out = g_string_new (NULL);
  if (html)
    kiosk_usage_write_html (out, summary, options.min_count);
  else
    kiosk_usage_write_report (out, summary, options.min_count);

  if (options.output != NULL)
    return write_output_file (command, options.output, out->str, out->len)
           ? KIOSK_ADMIN_EXIT_OK : KIOSK_ADMIN_EXIT_PROBLEMS;

  return write_stdout (command, out->str, out->len)
         ? KIOSK_ADMIN_EXIT_OK : KIOSK_ADMIN_EXIT_PROBLEMS;
}

static int
run_report (int    argc,
            char **argv)
{
  return run_summary_command ("report",
                              _("Prints a usage report for an association’s yearly report: "
                                "sessions, démarches by service, by month, by site and "
                                "station, by hour of the week, and the survey answers. "
                                "Counts are exact unless --min-count is given."),
                              FALSE, argc, argv);
}

static int
run_html (int    argc,
          char **argv)
{
  return run_summary_command ("html",
                              _("Writes the usage report as one HTML page with its charts, "
                                "which needs nothing else to be shown or printed. Counts "
                                "below 5 are hidden unless --min-count says otherwise."),
                              TRUE, argc, argv);
}

typedef struct
{
  const char *command;
  GString    *buffer;
  gboolean    json;
  gboolean    to_stdout;
  int         min_count;
  guint64     n_rows;
  guint64     n_hidden;
  gboolean    write_failed;
} ExportWriter;

/* A JSON string, quotes included. JSON must be UTF-8, so a stray byte in
 * a damaged database becomes U+FFFD rather than an unreadable file.
 */
static void
append_json_string (GString    *out,
                    const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);

  g_string_append_c (out, '"');
  for (const char *c = valid; *c != '\0'; c++)
    {
      switch (*c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\b':
          g_string_append (out, "\\b");
          break;
        case '\f':
          g_string_append (out, "\\f");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if ((guchar) *c < 0x20)
            g_string_append_printf (out, "\\u%04x", (guint) (guchar) *c);
          else
            g_string_append_c (out, *c);
        }
    }
  g_string_append_c (out, '"');
}

static gboolean
export_flush (ExportWriter *writer)
{
  if (!writer->to_stdout || writer->write_failed)
    return !writer->write_failed;

  writer->write_failed = !write_stdout (writer->command, writer->buffer->str,
                                        writer->buffer->len);
  g_string_truncate (writer->buffer, 0);
  return !writer->write_failed;
}

static gboolean
export_row_cb (const KioskUsageRow *row,
               gpointer             user_data)
{
  ExportWriter *writer = user_data;
  GString *out = writer->buffer;
  const char *key = row->key != NULL ? row->key : "";

  if (kiosk_usage_is_masked (row->count, writer->min_count))
    {
      writer->n_hidden++;
      return TRUE;
    }

  if (writer->json)
    {
      g_string_append (out, writer->n_rows == 0 ? "\n  {\"day\": " : ",\n  {\"day\": ");
      append_json_string (out, row->day);
      g_string_append_printf (out, ", \"hour\": %u, \"site\": ", row->hour);
      append_json_string (out, row->site);
      g_string_append (out, ", \"station\": ");
      append_json_string (out, row->station);
      g_string_append (out, ", \"metric\": ");
      append_json_string (out, row->metric);
      g_string_append (out, ", \"key\": ");
      append_json_string (out, key);
      g_string_append_printf (out, ", \"count\": %" G_GINT64_FORMAT "}", row->count);
    }
  else
    {
      kiosk_usage_csv_append_row (out, row);
    }
  writer->n_rows++;

  /* Stop reading as soon as stdout is gone: the rest would be lost too. */
  if (out->len >= EXPORT_CHUNK_SIZE)
    return export_flush (writer);

  return TRUE;
}

static int
run_export (int    argc,
            char **argv)
{
  g_auto(StatsOptions) options = { 0 };
  g_autoptr(KioskUsageStore) store = NULL;
  g_autoptr(GString) buffer = NULL;
  g_autoptr(GError) error = NULL;
  ExportWriter writer = { 0 };
  KioskUsageFilter filter;
  int status;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &options.format,
      N_("csv (the default) or json"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &options.output,
      N_("Write to FILE instead of the standard output"), N_("FILE") },
    { NULL }
  };

  status = parse_options ("export",
                          _("Prints every count, one per day, hour, station, metric and key: "
                            "CSV with the header day,hour,site,station,metric,key,count, or "
                            "a JSON array of objects with those names. Counts are exact unless "
                            "--min-count is given; then the rows below it are left out."),
                          entries, 0, &options, argc, argv);
  if (status != KIOSK_ADMIN_EXIT_OK)
    return status;

  if (options.format != NULL && strcmp (options.format, "csv") != 0 &&
      strcmp (options.format, "json") != 0)
    {
      complain ("export", _("unknown format “%s”: choose csv or json"), options.format);
      return KIOSK_ADMIN_EXIT_USAGE;
    }

  store = open_store_or_explain ("export", options.db_path);
  if (store == NULL)
    return KIOSK_ADMIN_EXIT_PROBLEMS;

  buffer = g_string_sized_new (EXPORT_CHUNK_SIZE + 1024);
  writer.command = "export";
  writer.buffer = buffer;
  writer.json = g_strcmp0 (options.format, "json") == 0;
  writer.to_stdout = options.output == NULL;
  writer.min_count = options.min_count;

  if (writer.json)
    g_string_append_c (buffer, '[');
  else
    kiosk_usage_csv_append_header (buffer);

  filter = options_get_filter (&options);
  if (!kiosk_usage_store_foreach (store, &filter, export_row_cb, &writer, &error))
    {
      if (!writer.write_failed)
        complain ("export", "%s", error->message);
      return KIOSK_ADMIN_EXIT_PROBLEMS;
    }

  if (writer.json)
    g_string_append (buffer, writer.n_rows == 0 ? "]\n" : "\n]\n");

  if (writer.to_stdout ? !export_flush (&writer)
                       : !write_output_file ("export", options.output, buffer->str,
                                             buffer->len))
    return KIOSK_ADMIN_EXIT_PROBLEMS;

  /* Said on stderr, so that a script reading the export finds only rows. */
  if (writer.n_hidden > 0)
    {
      g_autofree char *n_hidden = g_strdup_printf ("%" G_GUINT64_FORMAT, writer.n_hidden);

      complain ("export", g_dngettext (GETTEXT_PACKAGE, "%s row with a count below %d was left out",
                                       "%s rows with a count below %d were left out",
                                       writer.n_hidden),
                n_hidden, options.min_count);
    }

  return KIOSK_ADMIN_EXIT_OK;
}

typedef struct
{
  GPtrArray *stations;
  char      *first_day;
  char      *last_day;
  gint64     sessions;
} StoreContents;

static void
store_contents_clear (StoreContents *contents)
{
  g_clear_pointer (&contents->stations, g_ptr_array_unref);
  g_clear_pointer (&contents->first_day, g_free);
  g_clear_pointer (&contents->last_day, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (StoreContents, store_contents_clear)

static gboolean
add_contents_station_cb (const KioskUsageTotal *total,
                         gpointer               user_data)
{
  StoreContents *contents = user_data;
  g_autofree char *station = kiosk_text_escape_controls (total->station);

  if (!g_ptr_array_find_with_equal_func (contents->stations, station, g_str_equal, NULL))
    g_ptr_array_add (contents->stations, g_steal_pointer (&station));

  if (g_strcmp0 (total->metric, KIOSK_METRIC_SESSION_STARTED) == 0)
    contents->sessions += total->count;

  return TRUE;
}

static gboolean
add_contents_day_cb (const KioskUsageTotal *total,
                     gpointer               user_data)
{
  StoreContents *contents = user_data;

  if (total->period == NULL)
    return TRUE;

  if (contents->first_day == NULL || strcmp (total->period, contents->first_day) < 0)
    {
      g_free (contents->first_day);
      contents->first_day = g_strdup (total->period);
    }
  if (contents->last_day == NULL || strcmp (total->period, contents->last_day) > 0)
    {
      g_free (contents->last_day);
      contents->last_day = g_strdup (total->period);
    }

  return TRUE;
}

/* Reads which stations and days @store holds. Reading it all is also the
 * surest test that a file is a usage database SQLite can read through.
 */
static gboolean
read_contents (KioskUsageStore  *store,
               StoreContents    *contents,
               GError          **error)
{
  const KioskUsageFilter everything = { NULL };

  contents->stations = g_ptr_array_new_with_free_func (g_free);

  return kiosk_usage_store_total (store, &everything, KIOSK_USAGE_GROUP_SITE_STATION,
                                  add_contents_station_cb, contents, error) &&
         kiosk_usage_store_total (store, &everything, KIOSK_USAGE_GROUP_DAY,
                                  add_contents_day_cb, contents, error);
}

static char *
describe_contents (const StoreContents *contents)
{
  g_autofree char *stations = NULL;
  g_autofree char *sessions = NULL;

  if (contents->first_day == NULL)
    return g_strdup (_("no counts"));

  g_ptr_array_add (contents->stations, NULL);
  stations = g_strjoinv (", ", (char **) contents->stations->pdata);
  g_ptr_array_remove_index (contents->stations, contents->stations->len - 1);
  sessions = kiosk_usage_format_count (contents->sessions, 0);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "station %s, %s to %s, sessions started: %s",
                                       "stations %s, %s to %s, sessions started: %s",
                                       contents->stations->len),
                          stations, contents->first_day, contents->last_day, sessions);
}

static gboolean
is_same_file (const char *path,
              const char *other_path)
{
  GStatBuf first, second;

  return g_stat (path, &first) == 0 && g_stat (other_path, &second) == 0 &&
         first.st_dev == second.st_dev && first.st_ino == second.st_ino;
}

static int
run_merge (int    argc,
           char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) readable = g_ptr_array_new ();
  g_autoptr(GPtrArray) descriptions = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(KioskUsageStore) out = NULL;
  g_auto(StoreContents) merged = { 0 };
  g_autofree char *merged_text = NULL;
  gboolean all_merged = TRUE;
  const char *out_path;
  GStatBuf out_stat;

  context = g_option_context_new (_("OUT.db IN.db…"));
  g_option_context_set_summary (context,
                                _("Adds the counts of station databases IN.db to OUT.db, "
                                  "which is created if needed. Merging the same counts again "
                                  "changes nothing, so a station’s database can be merged "
                                  "every month. An input that cannot be read is reported "
                                  "and leaves OUT.db as it was; the exit status is then 1."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      complain ("merge", "%s", error->message);
      return KIOSK_ADMIN_EXIT_USAGE;
    }

  if (argc < 3)
    {
      complain ("merge", _("give the output database, then at least one database to merge"));
      return KIOSK_ADMIN_EXIT_USAGE;
    }
  out_path = argv[1];

  /* A damaged output is never opened for writing: the store would move
   * it aside and start afresh, and the report would silently lose the
   * years it held. An empty file, as mktemp makes, is fine.
   */
  if (g_stat (out_path, &out_stat) == 0 && out_stat.st_size > 0)
    {
      g_autoptr(KioskUsageStore) check = open_store_or_explain ("merge", out_path);

      if (check == NULL)
        return KIOSK_ADMIN_EXIT_PROBLEMS;
    }

  /* Every input is read through before anything is written, so that a
   * damaged file is caught before OUT.db is even created.
   */
  for (int i = 2; i < argc; i++)
    {
      g_autoptr(KioskUsageStore) input = NULL;
      g_auto(StoreContents) contents = { 0 };

      if (is_same_file (argv[i], out_path))
        {
          tell (_("Skipped %s: it is the output itself."), argv[i]);
          continue;
        }

      input = open_store_or_explain ("merge", argv[i]);
      if (input == NULL)
        {
          all_merged = FALSE;
          continue;
        }

      if (!read_contents (input, &contents, &error))
        {
          complain ("merge", "%s", error->message);
          g_clear_error (&error);
          all_merged = FALSE;
          continue;
        }

      g_ptr_array_add (readable, argv[i]);
      g_ptr_array_add (descriptions, describe_contents (&contents));
    }

  if (readable->len == 0)
    return all_merged ? KIOSK_ADMIN_EXIT_OK : KIOSK_ADMIN_EXIT_PROBLEMS;

  out = kiosk_usage_store_open (out_path, &error);
  if (out == NULL)
    {
      complain ("merge", "%s", error->message);
      return KIOSK_ADMIN_EXIT_PROBLEMS;
    }

  for (guint i = 0; i < readable->len; i++)
    {
      const char *path = g_ptr_array_index (readable, i);

      if (!kiosk_usage_store_merge_from (out, path, &error))
        {
          complain ("merge", _("%s (%s was left as it was)"), error->message, out_path);
          g_clear_error (&error);
          all_merged = FALSE;
          continue;
        }

      tell (_("Merged %s: %s."), path, (char *) g_ptr_array_index (descriptions, i));
    }

  if (!read_contents (out, &merged, &error))
    {
      complain ("merge", "%s", error->message);
      return KIOSK_ADMIN_EXIT_PROBLEMS;
    }
  merged_text = describe_contents (&merged);
  tell (_("%s now holds %s."), out_path, merged_text);

  return all_merged ? KIOSK_ADMIN_EXIT_OK : KIOSK_ADMIN_EXIT_PROBLEMS;
}

static const KioskAdminCommand commands[] = {
  { "report", NULL, N_("A text report for the association’s yearly report"), run_report },
  { "export", NULL, N_("Every count as CSV or JSON, for spreadsheets and scripts"), run_export },
  { "merge", NULL, N_("Combine the databases of several stations into one"), run_merge },
  { "html", NULL, N_("A one-file HTML report with charts, to publish or print"), run_html },
};

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s\n", _("Usage: pimms-kiosk-admin stats COMMAND [OPTION…]"));
  fprintf (stream, "\n%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  %-8s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (stream, "\n%s\n", _("“pimms-kiosk-admin stats COMMAND --help” tells the options "
                               "of each."));
}

static void
print_unknown (const char *name)
{
  fprintf (stderr, _("Unknown stats command “%s”.\n"), name);
}

/**
 * kiosk_admin_stats_run:
 * @argc: the number of arguments, "stats" included
 * @argv: the arguments, starting with "stats"
 *
 * Runs `pimms-kiosk-admin stats report|export|merge|html`: usage reports
 * for funders, exports of every count, and merges of station databases.
 *
 * Returns: the process exit code: %KIOSK_ADMIN_EXIT_OK,
 *   %KIOSK_ADMIN_EXIT_PROBLEMS when a database could not be read or an
 *   output not written, %KIOSK_ADMIN_EXIT_USAGE for a mistake on the
 *   command line
 */
int
kiosk_admin_stats_run (int    argc,
                       char **argv)
{
  static const KioskAdminCommandSet set = {
    "pimms-kiosk-admin stats", commands, G_N_ELEMENTS (commands), print_usage, print_unknown,
  };

  return kiosk_admin_dispatch (&set, argc, argv);
}
