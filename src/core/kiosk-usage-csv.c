/* kiosk-usage-csv.c — the usage counts as CSV: the one writer and the one reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-usage-csv"

#include "config.h"

#include "kiosk-usage-csv.h"

#include <string.h>

#define N_FIELDS 7

/* What the store accepts for a site, a station, a metric or a key. */
#define MAX_FIELD_BYTES 200

struct _KioskUsageCsv
{
  GStringChunk *strings;
  GArray       *rows;
};

G_DEFINE_QUARK (kiosk-usage-csv-error-quark, kiosk_usage_csv_error)

/* RFC 4180: a field with a comma, a quote or a line break is quoted, and
 * its quotes doubled. Exports say UTF-8, so a stray byte of a damaged
 * database becomes U+FFFD.
 */
static void
append_field (GString    *csv,
              const char *field)
{
  g_autofree char *valid = g_utf8_make_valid (field != NULL ? field : "", -1);

  if (strpbrk (valid, ",\"\r\n") == NULL)
    {
      g_string_append (csv, valid);
      return;
    }

  g_string_append_c (csv, '"');
  for (const char *c = valid; *c != '\0'; c++)
    {
      if (*c == '"')
        g_string_append_c (csv, '"');
      g_string_append_c (csv, *c);
    }
  g_string_append_c (csv, '"');
}

/**
 * kiosk_usage_csv_append_header:
 * @csv: where to write
 *
 * Appends %KIOSK_USAGE_CSV_HEADER and a line break.
 */
void
kiosk_usage_csv_append_header (GString *csv)
{
  g_return_if_fail (csv != NULL);

  g_string_append (csv, KIOSK_USAGE_CSV_HEADER "\n");
}

/**
 * kiosk_usage_csv_append_row:
 * @csv: where to write
 * @row: one count; a %NULL key is written as an empty field
 *
 * Appends @row as one CSV line, quoted as RFC 4180 says, ending in "\n".
 */
void
kiosk_usage_csv_append_row (GString             *csv,
                            const KioskUsageRow *row)
{
  g_return_if_fail (csv != NULL);
  g_return_if_fail (row != NULL);

  append_field (csv, row->day);
  g_string_append_printf (csv, ",%u,", row->hour);
  append_field (csv, row->site);
  g_string_append_c (csv, ',');
  append_field (csv, row->station);
  g_string_append_c (csv, ',');
  append_field (csv, row->metric);
  g_string_append_c (csv, ',');
  append_field (csv, row->key);
  g_string_append_printf (csv, ",%" G_GINT64_FORMAT "\n", row->count);
}

/* Reading */

typedef struct
{
  const char *p;
  const char *end;
  guint       line;
} Cursor;

static gboolean G_GNUC_PRINTF (4, 5)
fail (GError     **error,
      int          code,
      guint        line,
      const char  *format,
      ...)
{
  g_autofree char *problem = NULL;
  va_list args;

  va_start (args, format);
  problem = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, KIOSK_USAGE_CSV_ERROR, code, "Line %u: %s", line, problem);
  return FALSE;
}

/* Reads one field into @field and stops after the comma or the line
 * break that ends it; @last says which it was. A line break inside
 * quotes belongs to the field, but still counts for the line numbers.
 */
static gboolean
read_field (Cursor    *cursor,
            guint      record_line,
            GString   *field,
            gboolean  *last,
            GError   **error)
{
  g_string_truncate (field, 0);

  if (cursor->p < cursor->end && *cursor->p == '"')
    {
      cursor->p++;
      for (;;)
        {
          if (cursor->p >= cursor->end)
            return fail (error, KIOSK_USAGE_CSV_ERROR_SYNTAX, record_line,
                         "a quoted field is never closed");
          if (*cursor->p == '"')
            {
              if (cursor->p + 1 < cursor->end && cursor->p[1] == '"')
                {
                  g_string_append_c (field, '"');
                  cursor->p += 2;
                  continue;
                }
              cursor->p++;
              break;
            }
          if (*cursor->p == '\n')
            cursor->line++;
          g_string_append_c (field, *cursor->p);
          cursor->p++;
        }

      if (cursor->p < cursor->end && *cursor->p != ',' && *cursor->p != '\n' &&
          *cursor->p != '\r')
        return fail (error, KIOSK_USAGE_CSV_ERROR_SYNTAX, cursor->line,
                     "a quoted field goes on after its closing quote");
    }
  else
    {
      while (cursor->p < cursor->end && *cursor->p != ',' && *cursor->p != '\n' &&
             *cursor->p != '\r')
        {
          if (*cursor->p == '"')
            return fail (error, KIOSK_USAGE_CSV_ERROR_SYNTAX, cursor->line,
                         "a quote in a field that is not quoted");
          g_string_append_c (field, *cursor->p);
          cursor->p++;
        }
    }

  if (cursor->p >= cursor->end)
    {
      *last = TRUE;
      return TRUE;
    }

  switch (*cursor->p)
    {
    case ',':
      cursor->p++;
      *last = FALSE;
      return TRUE;
    case '\r':
      if (cursor->p + 1 >= cursor->end || cursor->p[1] != '\n')
        return fail (error, KIOSK_USAGE_CSV_ERROR_SYNTAX, cursor->line,
                     "a carriage return that does not end the line");
      cursor->p++;
      G_GNUC_FALLTHROUGH;
    case '\n':
      cursor->p++;
      cursor->line++;
      *last = TRUE;
      return TRUE;
    default:
      g_assert_not_reached ();
    }
}

static gboolean
parse_number (const char *text,
              guint64     maximum,
              guint64    *number)
{
  if (*text == '\0' || strlen (text) > 19)
    return FALSE;
  for (const char *c = text; *c != '\0'; c++)
    if (!g_ascii_isdigit (*c))
      return FALSE;

  return g_ascii_string_to_unsigned (text, 10, 0, maximum, number, NULL);
}

static gboolean
name_is_valid (const char *text,
               gboolean    may_be_empty)
{
  gsize length = strlen (text);

  return (may_be_empty || length > 0) && length <= MAX_FIELD_BYTES;
}

/* Field values are never repeated in messages, but the day, hour and
 * count: a key could be a domain a resident visited.
 */
static gboolean
add_record (KioskUsageCsv  *self,
            GString       **fields,
            guint           line,
            GError        **error)
{
  static const char * const names[] = { "site", "station", "metric" };
  KioskUsageRow row = { 0 };
  guint64 hour, count;

  if (!kiosk_usage_day_is_valid (fields[0]->str))
    return fail (error, KIOSK_USAGE_CSV_ERROR_VALUE, line,
                 "the day “%s” is not a date written YYYY-MM-DD", fields[0]->str);
  if (!parse_number (fields[1]->str, 23, &hour))
    return fail (error, KIOSK_USAGE_CSV_ERROR_VALUE, line,
                 "the hour “%s” is not a whole number from 0 to 23", fields[1]->str);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (!name_is_valid (fields[2 + i]->str, FALSE))
      return fail (error, KIOSK_USAGE_CSV_ERROR_VALUE, line,
                   "the %s is empty or longer than %d bytes", names[i], MAX_FIELD_BYTES);
  if (!name_is_valid (fields[5]->str, TRUE))
    return fail (error, KIOSK_USAGE_CSV_ERROR_VALUE, line,
                 "the key is longer than %d bytes", MAX_FIELD_BYTES);
  if (!parse_number (fields[6]->str, G_MAXINT64, &count))
    return fail (error, KIOSK_USAGE_CSV_ERROR_VALUE, line,
                 "the count “%s” is not a whole number of 0 or more", fields[6]->str);

  row.day = g_string_chunk_insert_const (self->strings, fields[0]->str);
  row.hour = hour;
  row.site = g_string_chunk_insert_const (self->strings, fields[2]->str);
  row.station = g_string_chunk_insert_const (self->strings, fields[3]->str);
  row.metric = g_string_chunk_insert_const (self->strings, fields[4]->str);
  row.key = g_string_chunk_insert_const (self->strings, fields[5]->str);
  row.count = count;
  g_array_append_val (self->rows, row);

  return TRUE;
}

static void
free_fields (GString **fields)
{
  for (guint i = 0; i <= N_FIELDS; i++)
    g_string_free (fields[i], TRUE);
}

static gboolean
parse_records (KioskUsageCsv  *self,
               Cursor         *cursor,
               GError        **error)
{
  GString *fields[N_FIELDS + 1];
  gboolean parsed = TRUE;

  for (guint i = 0; i <= N_FIELDS; i++)
    fields[i] = g_string_new (NULL);

  while (parsed && cursor->p < cursor->end)
    {
      guint record_line = cursor->line;
      guint n_fields = 0;
      gboolean last = FALSE;

      /* One field more than a row has is read, to say there are too many. */
      while (!last && n_fields <= N_FIELDS)
        {
          if (!read_field (cursor, record_line, fields[n_fields], &last, error))
            {
              parsed = FALSE;
              break;
            }
          n_fields++;
        }

      if (parsed && (!last || n_fields != N_FIELDS))
        parsed = fail (error, KIOSK_USAGE_CSV_ERROR_FIELDS, record_line,
                       "%s fields where a row has %d",
                       n_fields > N_FIELDS ? "more" : "fewer", N_FIELDS);

      if (parsed)
        parsed = add_record (self, fields, record_line, error);
    }

  free_fields (fields);
  return parsed;
}

/**
 * kiosk_usage_csv_parse:
 * @text: CSV text as kiosk_usage_csv_append_row() writes it
 * @length: the length of @text in bytes
 * @error: return location for a #KioskUsageCsvError
 *
 * Reads an export of usage counts, such as a station sends the desk
 * console, and refuses it whole at its first fault: the header must be
 * %KIOSK_USAGE_CSV_HEADER exactly; each row has 7 fields, a real day
 * written YYYY-MM-DD, an hour from 0 to 23, a site, a station and a
 * metric, a key that may be empty, and a count that is a whole number of
 * 0 or more. Fields may be quoted as RFC 4180 says, and lines may end in
 * "\n" or "\r\n".
 *
 * Returns: (transfer full): the rows, or %NULL with an error whose
 *   message starts with the line at fault, like "Line 12: …"
 */
KioskUsageCsv *
kiosk_usage_csv_parse (const char  *text,
                       gsize        length,
                       GError     **error)
{
  g_autoptr(KioskUsageCsv) self = NULL;
  const gsize header_length = strlen (KIOSK_USAGE_CSV_HEADER);
  Cursor cursor = { text, text + length, 1 };
  const char *bad;

  g_return_val_if_fail (text != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_utf8_validate_len (text, length, &bad))
    {
      guint line = 1;

      for (const char *c = text; c < bad; c++)
        line += *c == '\n';
      fail (error, KIOSK_USAGE_CSV_ERROR_ENCODING, line, "the text is not UTF-8");
      return NULL;
    }

  if (length < header_length || memcmp (text, KIOSK_USAGE_CSV_HEADER, header_length) != 0 ||
      (length > header_length && text[header_length] != '\n' &&
       !(text[header_length] == '\r' && length > header_length + 1 &&
         text[header_length + 1] == '\n')))
    {
      fail (error, KIOSK_USAGE_CSV_ERROR_HEADER, 1, "the header is not “%s”",
            KIOSK_USAGE_CSV_HEADER);
      return NULL;
    }

  cursor.p = text + header_length;
  if (cursor.p < cursor.end)
    {
      cursor.p += *cursor.p == '\r' ? 2 : 1;
      cursor.line++;
    }

  self = g_new0 (KioskUsageCsv, 1);
  self->strings = g_string_chunk_new (4096);
  self->rows = g_array_new (FALSE, FALSE, sizeof (KioskUsageRow));

  if (!parse_records (self, &cursor, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * kiosk_usage_csv_get_rows:
 * @self: rows read by kiosk_usage_csv_parse()
 * @n_rows: (out): how many
 *
 * Returns: (transfer none) (array length=n_rows): the rows, in the order
 *   of the text, valid as long as @self
 */
const KioskUsageRow *
kiosk_usage_csv_get_rows (KioskUsageCsv *self,
                          guint         *n_rows)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n_rows != NULL, NULL);

  *n_rows = self->rows->len;
  return (const KioskUsageRow *) self->rows->data;
}

/**
 * kiosk_usage_csv_free:
 * @self: (nullable): rows read by kiosk_usage_csv_parse()
 */
void
kiosk_usage_csv_free (KioskUsageCsv *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->strings, g_string_chunk_free);
  g_clear_pointer (&self->rows, g_array_unref);
  g_free (self);
}
