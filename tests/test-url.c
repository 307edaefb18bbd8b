/* test-url.c — the URL parser against the WHATWG conformance corpora
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-test"

#include "config.h"

#include "kiosk-url.h"

#include <string.h>

/* The corpora come from web-platform-tests (see SOURCES.md beside them):
 * the same cases browsers are tested with. A case that fails must be listed
 * below, by input, with the reason, so that a new failure, or an exception
 * that is no longer needed, fails the test. An entry { NULL, NULL } only
 * keeps an empty list valid C.
 */
typedef struct
{
  const char *input;
  const char *reason;
} Exception;

static const Exception urltestdata_special_exceptions[] = {
  { NULL, NULL },
};

static const Exception urltestdata_non_special_exceptions[] = {
  { NULL, NULL },
};

static const Exception toascii_exceptions[] = {
  { NULL, NULL },
};

/* GLib 2.74 has the tables of Unicode 15.0, where these ideographs are not
 * assigned yet: unknown code points are refused, so the kiosk fails closed.
 * (Only listed while GLib does not know them, see test_whatwg_idna().)
 */
static const Exception idna_exceptions[] = {
  { "\U00032931" "20.\u97F3.\uA866" "1.", "CJK Extension J (Unicode 17.0), unknown to GLib 2.74" },
  { "\U00032B9A" "9\uA369\u17D3.ss", "CJK Extension J (Unicode 17.0), unknown to GLib 2.74" },
  { "\U00032B9A" "9\uA369\u17D3.SS", "CJK Extension J (Unicode 17.0), unknown to GLib 2.74" },
};


/* A small JSON reader: the corpora are arrays of strings and of flat
 * objects whose values are strings, null or booleans. Strings are kept as
 * GStrings as they may contain U+0000.
 */

typedef enum
{
  JSON_NULL,
  JSON_BOOLEAN,
  JSON_NUMBER,
  JSON_STRING,
  JSON_ARRAY,
  JSON_OBJECT,
} JsonKind;

typedef struct
{
  JsonKind    kind;
  gboolean    boolean;
  GString    *string;     /* also the text of a number */
  GPtrArray  *items;      /* of JsonValue, for arrays */
  GHashTable *members;    /* name → JsonValue, for objects */
} JsonValue;

static void
json_value_free (gpointer data)
{
  JsonValue *value = data;

  if (value == NULL)
    return;

  if (value->string != NULL)
    g_string_free (value->string, TRUE);
  g_clear_pointer (&value->items, g_ptr_array_unref);
  g_clear_pointer (&value->members, g_hash_table_unref);
  g_free (value);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JsonValue, json_value_free)

typedef struct
{
  const char *p;
  const char *end;
  char       *error;
} JsonReader;

static gboolean
json_fail (JsonReader *reader,
           const char *what)
{
  if (reader->error == NULL)
    reader->error = g_strdup_printf ("%s at byte %" G_GSIZE_FORMAT " from the end", what,
                                     (gsize) (reader->end - reader->p));
  return FALSE;
}

static void
json_skip_space (JsonReader *reader)
{
  while (reader->p < reader->end && strchr (" \t\r\n", *reader->p) != NULL)
    reader->p++;
}

static gboolean
json_read_hex4 (JsonReader *reader,
                gunichar   *value)
{
  *value = 0;
  if (reader->end - reader->p < 4)
    return json_fail (reader, "truncated \\u escape");

  for (int i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (*reader->p++);

      if (digit < 0)
        return json_fail (reader, "bad \\u escape");
      *value = *value * 16 + digit;
    }

  return TRUE;
}

/* \uXXXX escapes are UTF-16: a surrogate pair makes one code point, and a
 * surrogate on its own (the IDNA corpus has some) becomes U+FFFD, as a
 * browser converting the string to UTF-8 would do.
 */
static gboolean
json_read_unicode_escape (JsonReader *reader,
                          GString    *output)
{
  gunichar c;

  if (!json_read_hex4 (reader, &c))
    return FALSE;

  if (c >= 0xD800 && c <= 0xDBFF && reader->end - reader->p >= 6 &&
      reader->p[0] == '\\' && reader->p[1] == 'u')
    {
      const char *saved = reader->p;
      gunichar low;

      reader->p += 2;
      if (!json_read_hex4 (reader, &low))
        return FALSE;

      if (low >= 0xDC00 && low <= 0xDFFF)
        c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
      else
        reader->p = saved;
    }

  if (c >= 0xD800 && c <= 0xDFFF)
    c = 0xFFFD;

  g_string_append_unichar (output, c);
  return TRUE;
}

static gboolean
json_read_string (JsonReader *reader,
                  GString    *output)
{
  reader->p++;  /* the opening quote */

  while (reader->p < reader->end && *reader->p != '"')
    {
      char c = *reader->p++;

      if (c != '\\')
        {
          g_string_append_c (output, c);
          continue;
        }

      if (reader->p >= reader->end)
        return json_fail (reader, "truncated escape");

      c = *reader->p++;
      switch (c)
        {
        case '"': case '\\': case '/':
          g_string_append_c (output, c);
          break;
        case 'b':
          g_string_append_c (output, '\b');
          break;
        case 'f':
          g_string_append_c (output, '\f');
          break;
        case 'n':
          g_string_append_c (output, '\n');
          break;
        case 'r':
          g_string_append_c (output, '\r');
          break;
        case 't':
          g_string_append_c (output, '\t');
          break;
        case 'u':
          if (!json_read_unicode_escape (reader, output))
            return FALSE;
          break;
        default:
          return json_fail (reader, "unknown escape");
        }
    }

  if (reader->p >= reader->end)
    return json_fail (reader, "unterminated string");

  reader->p++;  /* the closing quote */
  return TRUE;
}

static gboolean
json_read_word (JsonReader *reader,
                const char *word)
{
  gsize length = strlen (word);

  if ((gsize) (reader->end - reader->p) < length || memcmp (reader->p, word, length) != 0)
    return json_fail (reader, "unexpected character");

  reader->p += length;
  return TRUE;
}

static JsonValue *json_read_value (JsonReader *reader);

static gboolean
json_read_array (JsonReader *reader,
                 JsonValue  *value)
{
  value->items = g_ptr_array_new_with_free_func (json_value_free);
  reader->p++;

  for (;;)
    {
      JsonValue *item;

      json_skip_space (reader);
      if (reader->p < reader->end && *reader->p == ']' && value->items->len == 0)
        break;

      item = json_read_value (reader);
      if (item == NULL)
        return FALSE;
      g_ptr_array_add (value->items, item);

      json_skip_space (reader);
      if (reader->p < reader->end && *reader->p == ',')
        reader->p++;
      else
        break;
    }

  if (reader->p >= reader->end || *reader->p != ']')
    return json_fail (reader, "expected ']'");

  reader->p++;
  return TRUE;
}

static gboolean
json_read_object (JsonReader *reader,
                  JsonValue  *value)
{
  value->members = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, json_value_free);
  reader->p++;

  for (;;)
    {
      g_autoptr(GString) name = g_string_new (NULL);
      JsonValue *member;

      json_skip_space (reader);
      if (reader->p < reader->end && *reader->p == '}' && g_hash_table_size (value->members) == 0)
        break;

      if (reader->p >= reader->end || *reader->p != '"' || !json_read_string (reader, name))
        return json_fail (reader, "expected a member name");

      json_skip_space (reader);
      if (reader->p >= reader->end || *reader->p != ':')
        return json_fail (reader, "expected ':'");
      reader->p++;

      member = json_read_value (reader);
      if (member == NULL)
        return FALSE;
      g_hash_table_replace (value->members, g_strdup (name->str), member);

      json_skip_space (reader);
      if (reader->p < reader->end && *reader->p == ',')
        reader->p++;
      else
        break;
    }

  if (reader->p >= reader->end || *reader->p != '}')
    return json_fail (reader, "expected '}'");

  reader->p++;
  return TRUE;
}

static JsonValue *
json_read_value (JsonReader *reader)
{
  g_autoptr(JsonValue) value = g_new0 (JsonValue, 1);
  gboolean ok;

  json_skip_space (reader);
  if (reader->p >= reader->end)
    {
      json_fail (reader, "unexpected end of file");
      return NULL;
    }

  switch (*reader->p)
    {
    case '[':
      value->kind = JSON_ARRAY;
      ok = json_read_array (reader, value);
      break;
    case '{':
      value->kind = JSON_OBJECT;
      ok = json_read_object (reader, value);
      break;
    case '"':
      value->kind = JSON_STRING;
      value->string = g_string_new (NULL);
      ok = json_read_string (reader, value->string);
      break;
    case 'n':
      value->kind = JSON_NULL;
      ok = json_read_word (reader, "null");
      break;
    case 't':
      value->kind = JSON_BOOLEAN;
      value->boolean = TRUE;
      ok = json_read_word (reader, "true");
      break;
    case 'f':
      value->kind = JSON_BOOLEAN;
      ok = json_read_word (reader, "false");
      break;
    default:
      value->kind = JSON_NUMBER;
      value->string = g_string_new (NULL);
      while (reader->p < reader->end && strchr ("+-.0123456789eE", *reader->p) != NULL)
        g_string_append_c (value->string, *reader->p++);
      ok = value->string->len > 0 || json_fail (reader, "unexpected character");
      break;
    }

  return ok ? g_steal_pointer (&value) : NULL;
}

/* Returns the member @name if it is a string, NULL if it is null, absent
 * or of another kind.
 */
static const GString *
json_get_string (const JsonValue *object,
                 const char      *name)
{
  const JsonValue *member = g_hash_table_lookup (object->members, name);

  return member != NULL && member->kind == JSON_STRING ? member->string : NULL;
}

static gboolean
json_has_member (const JsonValue *object,
                 const char      *name)
{
  return g_hash_table_contains (object->members, name);
}

static gboolean
json_get_boolean (const JsonValue *object,
                  const char      *name)
{
  const JsonValue *member = g_hash_table_lookup (object->members, name);

  return member != NULL && member->kind == JSON_BOOLEAN && member->boolean;
}

/* Loads a corpus, or fails the test saying why: a missing corpus must not
 * look like a pass.
 */
static JsonValue *
load_corpus (const char *name)
{
  const char *folder = g_getenv ("KIOSK_CORPORA_DIR");
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  JsonReader reader = { NULL, };
  gsize length;
  JsonValue *value;

  if (folder == NULL)
    {
      g_test_fail_printf ("KIOSK_CORPORA_DIR is not set: it must name the folder of %s "
                          "(../shared/corpora from the project root)", name);
      return NULL;
    }

  path = g_build_filename (folder, name, NULL);
  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      g_test_fail_printf ("Cannot read the corpus %s: %s", path, error->message);
      return NULL;
    }

  reader.p = contents;
  reader.end = contents + length;
  value = json_read_value (&reader);
  if (value == NULL || value->kind != JSON_ARRAY)
    {
      g_test_fail_printf ("%s is not a JSON array: %s", path,
                          reader.error != NULL ? reader.error : "wrong kind of value");
      g_free (reader.error);
      json_value_free (value);
      return NULL;
    }

  return value;
}


/* What a URL object of the browser would show */

static char *
url_search (const KioskUrl *url)
{
  return url->query == NULL || url->query[0] == '\0' ? g_strdup ("")
                                                       : g_strconcat ("?", url->query, NULL);
}

static char *
url_hash (const KioskUrl *url)
{
  return url->fragment == NULL || url->fragment[0] == '\0'
    ? g_strdup ("")
    : g_strconcat ("#", url->fragment, NULL);
}

static char *
url_port (const KioskUrl *url)
{
  return url->port == -1 ? g_strdup ("") : g_strdup_printf ("%d", url->port);
}

static char *
url_hostname (const KioskUrl *url)
{
  return g_strdup (url->host != NULL ? url->host : "");
}

static char *
url_host (const KioskUrl *url)
{
  if (url->port == -1)
    return url_hostname (url);

  return g_strdup_printf ("%s:%d", url->host != NULL ? url->host : "", url->port);
}

static char *
url_protocol (const KioskUrl *url)
{
  return g_strconcat (url->scheme, ":", NULL);
}

static char *
url_username (const KioskUrl *url)
{
  return g_strdup (url->username);
}

static char *
url_password (const KioskUrl *url)
{
  return g_strdup (url->password);
}

static char *
url_pathname (const KioskUrl *url)
{
  return g_strdup (url->path);
}

/* The test log is ASCII: controls, NUL and invalid UTF-8 are shown as
 * \xNN, other non-ASCII code points as \u{NNNN}.
 */
static char *
escape (const GString *string)
{
  GString *output;

  if (string == NULL)
    return g_strdup ("null");

  output = g_string_new ("\"");
  for (gsize i = 0; i < string->len; )
    {
      guchar c = string->str[i];
      gunichar u = g_utf8_get_char_validated (string->str + i, string->len - i);

      if (c >= 0x80 && u != (gunichar) -1 && u != (gunichar) -2)
        {
          g_string_append_printf (output, "\\u{%04X}", u);
          i = g_utf8_next_char (string->str + i) - string->str;
          continue;
        }

      if (c < 0x20 || c >= 0x7F || c == '"' || c == '\\')
        g_string_append_printf (output, "\\x%02X", c);
      else
        g_string_append_c (output, c);
      i++;
    }
  g_string_append_c (output, '"');

  return g_string_free (output, FALSE);
}

static const Exception *
find_exception (const Exception *exceptions,
                gsize            n_exceptions,
                const GString   *input)
{
  for (gsize i = 0; i < n_exceptions; i++)
    {
      if (exceptions[i].input != NULL && strcmp (exceptions[i].input, input->str) == 0 &&
          strlen (exceptions[i].input) == input->len)
        return &exceptions[i];
    }

  return NULL;
}

typedef struct
{
  const char      *name;
  const Exception *exceptions;
  gsize            n_exceptions;
  guint            n_cases;
  guint            n_passed;
  guint            n_documented;
  guint            n_unexpected;
  guint            n_skipped;
  GHashTable      *exceptions_seen;
} Tally;

static void
tally_init (Tally           *tally,
            const char      *name,
            const Exception *exceptions,
            gsize            n_exceptions)
{
  memset (tally, 0, sizeof *tally);
  tally->name = name;
  tally->exceptions = exceptions;
  tally->n_exceptions = n_exceptions;
  tally->exceptions_seen = g_hash_table_new (NULL, NULL);
}

static void
tally_result (Tally         *tally,
              const GString *input,
              gboolean       passed,
              const char    *details)
{
  const Exception *exception;
  g_autofree char *shown = escape (input);

  tally->n_cases++;
  exception = find_exception (tally->exceptions, tally->n_exceptions, input);

  if (passed && exception == NULL)
    {
      tally->n_passed++;
    }
  else if (passed)
    {
      tally->n_passed++;
      g_test_message ("%s: %s passes but is listed as an exception (%s)",
                      tally->name, shown, exception->reason);
      tally->n_unexpected++;
    }
  else if (exception != NULL)
    {
      tally->n_documented++;
      g_hash_table_add (tally->exceptions_seen, (gpointer) exception);
      g_test_message ("%s: documented exception: input %s %s (%s)", tally->name, shown, details,
                      exception->reason);
    }
  else
    {
      tally->n_unexpected++;
      g_test_message ("%s: FAIL input %s %s", tally->name, shown, details);
    }
}

static void
tally_finish (Tally *tally)
{
  guint n_listed = 0;

  for (gsize i = 0; i < tally->n_exceptions; i++)
    {
      if (tally->exceptions[i].input != NULL)
        n_listed++;
    }

  g_test_message ("%s: %u cases, %u pass, %u documented exceptions, %u skipped",
                  tally->name, tally->n_cases, tally->n_passed, tally->n_documented,
                  tally->n_skipped);

  g_assert_cmpuint (tally->n_unexpected, ==, 0);
  g_assert_cmpuint (g_hash_table_size (tally->exceptions_seen), ==, n_listed);
  g_assert_cmpuint (tally->n_cases, >, 0);
  g_hash_table_unref (tally->exceptions_seen);
}


/* urltestdata.json */

static gboolean
has_special_scheme (const GString *string)
{
  static const char * const special[] = { "http", "https", "ws", "wss", "ftp", "file" };
  g_autoptr(GString) scheme = g_string_new (NULL);
  gsize i = 0;

  if (string == NULL)
    return FALSE;

  while (i < string->len && (guchar) string->str[i] <= 0x20)
    i++;

  for (; i < string->len && string->str[i] != ':'; i++)
    {
      char c = string->str[i];

      if (c == '\t' || c == '\n' || c == '\r')
        continue;
      if (!g_ascii_isalnum (c) && c != '+' && c != '-' && c != '.')
        return FALSE;
      g_string_append_c (scheme, g_ascii_tolower (c));
    }

  if (i == string->len)
    return FALSE;

  for (guint j = 0; j < G_N_ELEMENTS (special); j++)
    {
      if (strcmp (scheme->str, special[j]) == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
case_is_special (const JsonValue *test_case)
{
  const GString *protocol = json_get_string (test_case, "protocol");

  if (protocol != NULL && has_special_scheme (protocol))
    return TRUE;

  return has_special_scheme (json_get_string (test_case, "base")) ||
         has_special_scheme (json_get_string (test_case, "input"));
}

static KioskUrl *
parse_case (const GString *input,
            const GString *base_input)
{
  g_autoptr(KioskUrl) base = NULL;

  if (base_input != NULL)
    {
      base = kiosk_url_parse_len (base_input->str, base_input->len, NULL, NULL);
      if (base == NULL)
        return NULL;
    }

  return kiosk_url_parse_len (input->str, input->len, base, NULL);
}

/* The attributes of a URL object that urltestdata.json gives. */
typedef char *(*UrlGetter) (const KioskUrl *url);

static const struct
{
  const char *name;
  UrlGetter   getter;
} url_getters[] = {
  { "href", kiosk_url_to_string },
  { "protocol", url_protocol },
  { "username", url_username },
  { "password", url_password },
  { "host", url_host },
  { "hostname", url_hostname },
  { "port", url_port },
  { "pathname", url_pathname },
  { "search", url_search },
  { "hash", url_hash },
};

/* Compares @url with the expectations of @test_case; on a difference,
 * describes it in @details.
 */
static gboolean
url_matches_case (const KioskUrl  *url,
                  const JsonValue *test_case,
                  GString         *details)
{
  gboolean expect_failure = json_get_boolean (test_case, "failure");
  g_autofree char *href = url != NULL ? kiosk_url_to_string (url) : NULL;

  if (expect_failure || url == NULL)
    {
      if (expect_failure && url == NULL)
        return TRUE;
      g_string_append_printf (details, "expected %s got %s",
                              expect_failure ? "failure" : "a URL",
                              url != NULL ? href : "failure");
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (url_getters); i++)
    {
      const GString *expected = json_get_string (test_case, url_getters[i].name);
      g_autofree char *got = NULL;

      if (expected == NULL)
        continue;

      got = url_getters[i].getter (url);
      if (strlen (got) != expected->len || strcmp (got, expected->str) != 0)
        {
          g_string_append_printf (details, "%s: expected \"%s\" got \"%s\" (href %s)",
                                  url_getters[i].name, expected->str, got, href);
          return FALSE;
        }
    }

  return TRUE;
}

static void
run_urltestdata (gboolean special)
{
  g_autoptr(JsonValue) corpus = load_corpus ("urltestdata.json");
  Tally tally;

  if (corpus == NULL)
    return;

  if (special)
    tally_init (&tally, "urltestdata special", urltestdata_special_exceptions,
                G_N_ELEMENTS (urltestdata_special_exceptions));
  else
    tally_init (&tally, "urltestdata non-special", urltestdata_non_special_exceptions,
                G_N_ELEMENTS (urltestdata_non_special_exceptions));

  for (guint i = 0; i < corpus->items->len; i++)
    {
      const JsonValue *test_case = g_ptr_array_index (corpus->items, i);
      const GString *input;
      const GString *base;
      g_autoptr(KioskUrl) url = NULL;
      g_autoptr(GString) details = g_string_new (NULL);
      g_autofree char *shown_base = NULL;
      gboolean passed;

      /* Strings between the cases are comments. */
      if (test_case->kind != JSON_OBJECT || case_is_special (test_case) != special)
        continue;

      input = json_get_string (test_case, "input");
      base = json_get_string (test_case, "base");
      g_assert_nonnull (input);

      url = parse_case (input, base);
      shown_base = escape (base);
      g_string_append_printf (details, "base %s: ", shown_base);
      passed = url_matches_case (url, test_case, details);
      tally_result (&tally, input, passed, details->str);
    }

  tally_finish (&tally);
}

static void
test_whatwg_special (void)
{
  run_urltestdata (TRUE);
}

static void
test_whatwg_non_special (void)
{
  run_urltestdata (FALSE);
}


/* toascii.json and IdnaTestV2.json: hosts through the whole parser */

static gboolean
host_matches (const GString *address,
              const GString *expected,
              GString       *details)
{
  g_autoptr(KioskUrl) url = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *href = NULL;
  g_autofree char *expected_href = NULL;

  url = kiosk_url_parse_len (address->str, address->len, NULL, &error);

  if (expected == NULL)
    {
      if (url == NULL)
        return TRUE;
      g_string_append_printf (details, "expected failure got host %s", url->host);
      return FALSE;
    }

  if (url == NULL)
    {
      g_string_append_printf (details, "expected %s got failure (%s)", expected->str,
                              error->message);
      return FALSE;
    }

  href = kiosk_url_to_string (url);
  expected_href = g_strdup_printf ("https://%s/x", expected->str);
  if (g_strcmp0 (url->host, expected->str) != 0 || strcmp (url->path, "/x") != 0 ||
      strcmp (href, expected_href) != 0)
    {
      g_string_append_printf (details, "expected %s got %s", expected_href, href);
      return FALSE;
    }

  return TRUE;
}

static gboolean
is_ascii_with_punycode_label (const GString *domain)
{
  g_autofree char *lower = g_ascii_strdown (domain->str, domain->len);

  for (gsize i = 0; i < domain->len; i++)
    {
      if ((guchar) domain->str[i] >= 0x80)
        return FALSE;
    }

  return g_str_has_prefix (lower, "xn--") || strstr (lower, ".xn--") != NULL;
}

static void
test_whatwg_toascii (void)
{
  g_autoptr(JsonValue) corpus = load_corpus ("toascii.json");
  Tally tally;

  if (corpus == NULL)
    return;

  tally_init (&tally, "toascii", toascii_exceptions, G_N_ELEMENTS (toascii_exceptions));

  for (guint i = 0; i < corpus->items->len; i++)
    {
      const JsonValue *test_case = g_ptr_array_index (corpus->items, i);
      const GString *input;
      const GString *output;
      g_autoptr(GString) address = NULL;
      g_autoptr(GString) details = g_string_new (NULL);
      g_autofree char *domain = NULL;
      gboolean passed;

      if (test_case->kind != JSON_OBJECT)
        continue;

      input = json_get_string (test_case, "input");
      output = json_get_string (test_case, "output");
      g_assert_nonnull (input);
      g_assert_true (json_has_member (test_case, "output"));

      address = g_string_new ("https://");
      g_string_append_len (address, input->str, input->len);
      g_string_append (address, "/x");
      passed = host_matches (address, output, details);

      /* The domain on its own, as the allow-list converts its patterns,
       * must come out the same as through the URL parser; except that it
       * refuses an ASCII domain with an invalid "xn--" label, which the
       * parser only lowercases (see kiosk_url_domain_to_ascii()).
       */
      domain = kiosk_url_domain_to_ascii (input->str, NULL);
      if (passed && g_strcmp0 (domain, output != NULL ? output->str : NULL) != 0 &&
          !(domain == NULL && is_ascii_with_punycode_label (input)))
        {
          g_string_append_printf (details, "kiosk_url_domain_to_ascii gives %s",
                                  domain != NULL ? domain : "failure");
          passed = FALSE;
        }

      tally_result (&tally, input, passed, details->str);
    }

  tally_finish (&tally);
}

static void
test_whatwg_idna (void)
{
  g_autoptr(JsonValue) corpus = load_corpus ("IdnaTestV2.json");
  Tally tally;

  if (corpus == NULL)
    return;

  /* A GLib with newer Unicode tables knows these code points. */
  if (g_unichar_type (0x32B9A) == G_UNICODE_UNASSIGNED)
    tally_init (&tally, "IdnaTestV2", idna_exceptions, G_N_ELEMENTS (idna_exceptions));
  else
    tally_init (&tally, "IdnaTestV2", NULL, 0);

  for (guint i = 0; i < corpus->items->len; i++)
    {
      const JsonValue *test_case = g_ptr_array_index (corpus->items, i);
      const GString *input;
      g_autoptr(GString) address = NULL;
      g_autoptr(GString) details = g_string_new (NULL);
      gboolean passed;

      if (test_case->kind != JSON_OBJECT)
        continue;

      input = json_get_string (test_case, "input");
      g_assert_nonnull (input);

      /* As IdnaTestV2.window.js: the empty host cannot be written in a URL,
       * and the code points that would end the host are percent-encoded so
       * that they reach the host parser.
       */
      if (input->len == 0)
        {
          tally.n_skipped++;
          continue;
        }

      address = g_string_new ("https://");
      for (gsize j = 0; j < input->len; j++)
        {
          char c = input->str[j];

          if (c != '\0' && strchr (":/?#\\", c) != NULL)
            g_string_append_printf (address, "%%%02X", (guchar) c);
          else
            g_string_append_c (address, c);
        }
      g_string_append (address, "/x");

      passed = host_matches (address, json_get_string (test_case, "output"), details);
      tally_result (&tally, input, passed, details->str);
    }

  g_test_message ("IdnaTestV2: the empty input is skipped, as web-platform-tests does: "
                  "it cannot be written as the host of a URL");
  tally_finish (&tally);
}


/* The tricks a kiosk user (or a page) could play on the policy */

static KioskUrl *
parse_ok (const char *address)
{
  g_autoptr(GError) error = NULL;
  KioskUrl *url = kiosk_url_parse (address, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (url);
  return url;
}

static void
assert_host (const char       *address,
             const char       *host,
             KioskUrlHostType  host_type)
{
  g_autoptr(KioskUrl) url = parse_ok (address);

  g_assert_cmpstr (url->host, ==, host);
  g_assert_cmpint (url->host_type, ==, host_type);
}

static void
assert_refused (const char *address,
                int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskUrl) url = kiosk_url_parse (address, NULL, &error);

  g_assert_null (url);
  g_assert_error (error, KIOSK_URL_ERROR, code);
  g_assert_cmpstr (error->message, !=, "");
}

static void
assert_domain (const char *domain,
               const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ascii = kiosk_url_domain_to_ascii (domain, &error);

  if (expected == NULL)
    {
      g_assert_null (ascii);
      g_assert_error (error, KIOSK_URL_ERROR, KIOSK_URL_ERROR_INVALID_HOST);
    }
  else
    {
      g_assert_no_error (error);
      g_assert_cmpstr (ascii, ==, expected);
    }
}

static void
test_backslash_ends_the_authority (void)
{
  g_autoptr(KioskUrl) url = parse_ok ("https://evil.example\\@www.caf.fr/");

  /* GLib's g_uri_parse() reads www.caf.fr here; browsers read evil.example. */
  g_assert_cmpstr (url->host, ==, "evil.example");
  g_assert_cmpstr (url->username, ==, "");
  g_assert_cmpstr (url->path, ==, "/@www.caf.fr/");
}

static void
test_userinfo_is_not_the_host (void)
{
  g_autoptr(KioskUrl) url = parse_ok ("https://www.caf.fr:443@evil.example/");

  g_assert_cmpstr (url->host, ==, "evil.example");
  g_assert_cmpstr (url->username, ==, "www.caf.fr");
  g_assert_cmpstr (url->password, ==, "443");
}

static void
test_tab_and_newline_in_host (void)
{
  assert_host ("https://www.ca\tf.fr/", "www.caf.fr", KIOSK_URL_HOST_DOMAIN);
  assert_host ("https://www.caf\n.fr/", "www.caf.fr", KIOSK_URL_HOST_DOMAIN);
  assert_host ("  https://www.caf.fr/\r\n", "www.caf.fr", KIOSK_URL_HOST_DOMAIN);
}

static void
test_percent_encoded_host (void)
{
  assert_host ("https://www.%63af.fr/", "www.caf.fr", KIOSK_URL_HOST_DOMAIN);
  assert_host ("https://www.caf%2Efr/", "www.caf.fr", KIOSK_URL_HOST_DOMAIN);
  assert_refused ("https://www.caf%00.fr/", KIOSK_URL_ERROR_INVALID_HOST);
  /* Not UTF-8 once decoded. */
  assert_refused ("https://www.caf%C3.fr/", KIOSK_URL_ERROR_INVALID_HOST);
}

static void
test_fullwidth_dots (void)
{
  assert_host ("https://www\u3002caf\uFF0Efr/", "www.caf.fr", KIOSK_URL_HOST_DOMAIN);
  assert_host ("https://\uFF37\uFF37\uFF37.caf.fr/", "www.caf.fr", KIOSK_URL_HOST_DOMAIN);
}

static void
test_invisible_code_points (void)
{
  /* A soft hyphen is removed, as the browser does: same host. */
  assert_host ("https://www.c\u00ADaf.fr/", "www.caf.fr", KIOSK_URL_HOST_DOMAIN);
  /* A right-to-left override is refused. */
  assert_refused ("https://www.c\u202Eaf.fr/", KIOSK_URL_ERROR_INVALID_HOST);
}

static void
test_homograph_is_another_host (void)
{
  /* Cyrillic "а" looks like "a" but is another domain. */
  assert_host ("https://www.c\u0430f.fr/", "www.xn--cf-7kc.fr", KIOSK_URL_HOST_DOMAIN);
  assert_host ("https://www.caf\u00E9.fr/", "www.xn--caf-dma.fr", KIOSK_URL_HOST_DOMAIN);
}

static void
test_trailing_dot (void)
{
  /* The standard keeps it: www.caf.fr. is a distinct host string. */
  assert_host ("https://www.caf.fr./", "www.caf.fr.", KIOSK_URL_HOST_DOMAIN);
}

static void
test_uppercase (void)
{
  g_autoptr(KioskUrl) url = parse_ok ("HTTPS://WWW.CAF.FR/Aides");

  g_assert_cmpstr (url->scheme, ==, "https");
  g_assert_true (url->special);
  g_assert_cmpstr (url->host, ==, "www.caf.fr");
  g_assert_cmpstr (url->path, ==, "/Aides");
}

static void
test_default_port (void)
{
  g_autoptr(KioskUrl) url = parse_ok ("https://www.caf.fr:443/");
  g_autoptr(KioskUrl) padded = parse_ok ("https://www.caf.fr:0443/");
  g_autoptr(KioskUrl) other = parse_ok ("https://www.caf.fr:8443/");
  g_autofree char *href = kiosk_url_to_string (padded);

  g_assert_cmpint (url->port, ==, -1);
  g_assert_cmpint (padded->port, ==, -1);
  g_assert_cmpstr (href, ==, "https://www.caf.fr/");
  g_assert_cmpint (other->port, ==, 8443);
  g_assert_cmpint (kiosk_url_default_port ("https"), ==, 443);
  g_assert_cmpint (kiosk_url_default_port ("wss"), ==, 443);
  g_assert_cmpint (kiosk_url_default_port ("http"), ==, 80);
  g_assert_cmpint (kiosk_url_default_port ("ws"), ==, 80);
  g_assert_cmpint (kiosk_url_default_port ("ftp"), ==, 21);
  g_assert_cmpint (kiosk_url_default_port ("file"), ==, -1);
  g_assert_cmpint (kiosk_url_default_port ("mailto"), ==, -1);
}

static void
test_invalid_port (void)
{
  assert_refused ("https://a.b:65536/", KIOSK_URL_ERROR_INVALID);
  assert_refused ("https://a.b:99999999999999999999/", KIOSK_URL_ERROR_INVALID);
  assert_refused ("https://a.b:44x/", KIOSK_URL_ERROR_INVALID);
}

static void
test_forbidden_code_point (void)
{
  assert_refused ("https://a<b.fr/", KIOSK_URL_ERROR_INVALID_HOST);
  assert_refused ("https://a b.fr/", KIOSK_URL_ERROR_INVALID_HOST);
  assert_refused ("https://a%25b.fr/", KIOSK_URL_ERROR_INVALID_HOST);
}

static void
test_invalid_punycode (void)
{
  /* Since 2026 the standard lowercases an all-ASCII domain whatever UTS #46
   * says of its "xn--" labels, as browsers must for web compatibility (see
   * toascii.json): the host stays what was typed, never another name.
   */
  assert_host ("https://XN--A.fr/", "xn--a.fr", KIOSK_URL_HOST_DOMAIN);

  /* A domain with non-ASCII code points goes through UTS #46, which
   * decodes and checks each "xn--" label.
   */
  assert_refused ("https://xn--a.caf\u00E9.fr/", KIOSK_URL_ERROR_INVALID_HOST);

  /* An administrator's domain is checked in both cases. */
  assert_domain ("xn--a.fr", NULL);
  assert_domain ("XN--A.fr", NULL);
  assert_domain ("xn--a.caf\u00E9.fr", NULL);
  assert_domain ("xn--1ug.example", NULL);
  assert_domain ("XN--CAF-DMA.fr", "xn--caf-dma.fr");
  assert_domain ("www.xn--caf-dma.xn--zca.fr", "www.xn--caf-dma.xn--zca.fr");
  assert_domain ("WWW.CAF.FR", "www.caf.fr");
}

static void
test_relative_and_serialization (void)
{
  g_autoptr(KioskUrl) base = parse_ok ("https://user:pass@www.caf.fr:8443/a/b/c?q=1#f");
  g_autoptr(KioskUrl) url = kiosk_url_parse ("../d/./%2e/e?x#y", base, NULL);
  g_autofree char *href = kiosk_url_to_string (url);

  g_assert_cmpstr (href, ==, "https://user:pass@www.caf.fr:8443/a/d/e?x#y");
}

static void
test_nul_bytes (void)
{
  static const char input[] = "https://x/a\0b?c\0#d\0e";
  g_autoptr(KioskUrl) url = kiosk_url_parse_len (input, sizeof input - 1, NULL, NULL);
  g_autofree char *href = kiosk_url_to_string (url);

  g_assert_cmpstr (href, ==, "https://x/a%00b?c%00#d%00e");
  g_assert_null (kiosk_url_parse_len ("https://x\0y/", 12, NULL, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/url/whatwg/special", test_whatwg_special);
  g_test_add_func ("/core/url/whatwg/non-special", test_whatwg_non_special);
  g_test_add_func ("/core/url/whatwg/toascii", test_whatwg_toascii);
  g_test_add_func ("/core/url/whatwg/idna", test_whatwg_idna);

  g_test_add_func ("/core/url/tricks/backslash-ends-the-authority",
                   test_backslash_ends_the_authority);
  g_test_add_func ("/core/url/tricks/userinfo-is-not-the-host", test_userinfo_is_not_the_host);
  g_test_add_func ("/core/url/tricks/tab-and-newline-in-host", test_tab_and_newline_in_host);
  g_test_add_func ("/core/url/tricks/percent-encoded-host", test_percent_encoded_host);
  g_test_add_func ("/core/url/tricks/fullwidth-dots", test_fullwidth_dots);
  g_test_add_func ("/core/url/tricks/invisible-code-points", test_invisible_code_points);
  g_test_add_func ("/core/url/tricks/homograph-is-another-host", test_homograph_is_another_host);
  g_test_add_func ("/core/url/tricks/trailing-dot", test_trailing_dot);
  g_test_add_func ("/core/url/tricks/uppercase", test_uppercase);
  g_test_add_func ("/core/url/tricks/default-port", test_default_port);
  g_test_add_func ("/core/url/tricks/invalid-port", test_invalid_port);
  g_test_add_func ("/core/url/tricks/forbidden-code-point", test_forbidden_code_point);
  g_test_add_func ("/core/url/tricks/invalid-punycode", test_invalid_punycode);
  g_test_add_func ("/core/url/tricks/relative-and-serialization",
                   test_relative_and_serialization);
  g_test_add_func ("/core/url/tricks/nul-bytes", test_nul_bytes);

  return g_test_run ();
}
