/* kiosk-url.c — WHATWG URL parsing, as browsers do it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-url"

#include "config.h"

#include "kiosk-url.h"

#include "kiosk-percent.h"
#include "kiosk-url-host.h"

#include <string.h>

/* This is the "basic URL parser" of the URL Standard
 * (https://url.spec.whatwg.org/), with its host parser, IPv4 and IPv6
 * parsers and the "domain to ASCII" of UTS #46. The kiosk decides on the
 * address WebKit is about to load: if this parser and the browser saw two
 * different hosts in the same string, the policy would be deciding on an
 * address nobody visits. So the state machine follows the standard step by
 * step, with the standard's names, rather than being clever.
 *
 * The input is treated as bytes, which may be invalid UTF-8: every byte
 * above 0x7F is in every percent-encode set, so encoding byte by byte gives
 * the standard's result for valid UTF-8 and a faithful one for the rest;
 * a host that is not valid UTF-8 is refused (it would decode to U+FFFD,
 * which no domain may contain).
 *
 * This file holds the URL record and the state machine; the host parser is
 * in kiosk-url-host.c, UTS #46 and Punycode in kiosk-idna.c, the
 * percent-encode sets in kiosk-percent.c. It stays longer than the others
 * because the state machine is one piece: its twenty states hand the same
 * parser and record over to each other, and it reads best, against the
 * standard, in the standard's order in one place.
 */

G_DEFINE_QUARK (kiosk-url-error-quark, kiosk_url_error)

/* The pointer of the standard reads this past the end of the input. */
#define EOF_CODE_POINT (-1)

static gboolean
set_error (GError        **error,
           KioskUrlError   code,
           const char     *message)
{
  g_set_error_literal (error, KIOSK_URL_ERROR, code, message);
  return FALSE;
}

static gboolean
is_c0_control_or_space (guchar c)
{
  return c <= 0x20;
}

static gboolean
is_ascii_tab_or_newline (guchar c)
{
  return c == '\t' || c == '\n' || c == '\r';
}


/* The URL record being parsed */

typedef struct
{
  char             *scheme;
  gboolean          special;
  gboolean          file;
  GString          *username;
  GString          *password;
  char             *host;
  KioskUrlHostType  host_type;
  int               port;
  /* The path is kept serialized: "/" followed by each segment, which
   * segments never contain ('/' only ends them). A list of segments would
   * cost an allocation each, for what only ever needs the last segment
   * removed or one appended.
   */
  GString          *path;
  gboolean          opaque_path;
  GString          *query;
  GString          *fragment;
} UrlRecord;

static void
free_string (GString **string)
{
  if (*string != NULL)
    g_string_free (g_steal_pointer (string), TRUE);
}

static void
url_record_clear (UrlRecord *url)
{
  g_clear_pointer (&url->scheme, g_free);
  free_string (&url->username);
  free_string (&url->password);
  g_clear_pointer (&url->host, g_free);
  free_string (&url->path);
  free_string (&url->query);
  free_string (&url->fragment);
}

static void
set_string (GString    **field,
            const char  *value)
{
  if (value == NULL)
    free_string (field);
  else if (*field == NULL)
    *field = g_string_new (value);
  else
    g_string_assign (*field, value);
}

/* The username and password are made on demand: most URLs have none. */
static GString *
ensure_string (GString **field)
{
  if (*field == NULL)
    *field = g_string_new (NULL);

  return *field;
}

static void
set_host (UrlRecord        *url,
          char             *host,
          KioskUrlHostType  host_type)
{
  g_free (url->host);
  url->host = host;
  url->host_type = host != NULL ? host_type : KIOSK_URL_HOST_NONE;
}

static gboolean
is_special_scheme (const char *scheme)
{
  return strcmp (scheme, "https") == 0 || strcmp (scheme, "http") == 0 ||
         strcmp (scheme, "wss") == 0 || strcmp (scheme, "ws") == 0 ||
         strcmp (scheme, "ftp") == 0 || strcmp (scheme, "file") == 0;
}

static void
set_scheme (UrlRecord  *url,
            const char *scheme)
{
  g_free (url->scheme);
  url->scheme = g_strdup (scheme);
  url->special = is_special_scheme (scheme);
  url->file = strcmp (scheme, "file") == 0;
}

static gboolean
is_file (const UrlRecord *url)
{
  return url->file;
}

/* Opaque paths never start with '/', and only URLs without a host have
 * them; a list path serializes as "" or as "/…".
 */
static gboolean
has_opaque_path (const KioskUrl *url)
{
  return url->host == NULL && url->path[0] != '/';
}

static void
copy_authority_from_base (UrlRecord      *url,
                          const KioskUrl *base)
{
  set_string (&url->username, base->username);
  set_string (&url->password, base->password);
  set_host (url, g_strdup (base->host), base->host_type);
  url->port = base->port;
}

static gboolean
is_windows_drive_letter (const char *s,
                         gsize       length)
{
  return length == 2 && g_ascii_isalpha (s[0]) && (s[1] == ':' || s[1] == '|');
}

static gboolean
starts_with_windows_drive_letter (const char *s,
                                  gsize       length)
{
  return length >= 2 && g_ascii_isalpha (s[0]) && (s[1] == ':' || s[1] == '|') &&
         (length == 2 || s[2] == '/' || s[2] == '\\' || s[2] == '?' || s[2] == '#');
}

/* Whether the serialized @path is one segment, a drive letter like "C:". */
static gboolean
path_is_normalized_drive_letter (const char *path)
{
  return path[0] == '/' && g_ascii_isalpha (path[1]) && path[2] == ':' && path[3] == '\0';
}

/* The first segment of a serialized path, if it is a drive letter. */
static gboolean
path_starts_with_normalized_drive_letter (const char *path)
{
  return path[0] == '/' && g_ascii_isalpha (path[1]) && path[2] == ':' &&
         (path[3] == '\0' || path[3] == '/');
}

static void
shorten_path (UrlRecord *url)
{
  GString *path = url->path;
  const char *last_slash;

  if (is_file (url) && path_is_normalized_drive_letter (path->str))
    return;

  last_slash = strrchr (path->str, '/');
  if (last_slash != NULL)
    g_string_truncate (path, last_slash - path->str);
}

static void
append_path_segment (UrlRecord  *url,
                     const char *segment,
                     gsize       length)
{
  g_string_append_c (url->path, '/');
  g_string_append_len (url->path, segment, length);
}

/* Segments are rarely dots: a look at the first byte and the length spares
 * the comparisons for nearly all of them.
 */
static gboolean
may_be_dot_segment (const GString *buffer)
{
  return buffer->len > 0 && buffer->len <= 6 && (buffer->str[0] == '.' || buffer->str[0] == '%');
}

static gboolean
is_single_dot_segment (const GString *buffer)
{
  return may_be_dot_segment (buffer) &&
         (strcmp (buffer->str, ".") == 0 || g_ascii_strcasecmp (buffer->str, "%2e") == 0);
}

static gboolean
is_double_dot_segment (const GString *buffer)
{
  return may_be_dot_segment (buffer) &&
         (strcmp (buffer->str, "..") == 0 || g_ascii_strcasecmp (buffer->str, ".%2e") == 0 ||
          g_ascii_strcasecmp (buffer->str, "%2e.") == 0 ||
          g_ascii_strcasecmp (buffer->str, "%2e%2e") == 0);
}


/* The state machine of the basic URL parser
 *
 * States that collect a run of ordinary code points (userinfo, host, path
 * segment, query, fragment) read the whole run at once and leave the pointer
 * on its last byte: that is what the state machine does one code point per
 * turn, without a turn each.
 */

typedef enum
{
  STATE_SCHEME_START,
  STATE_SCHEME,
  STATE_NO_SCHEME,
  STATE_SPECIAL_RELATIVE_OR_AUTHORITY,
  STATE_PATH_OR_AUTHORITY,
  STATE_RELATIVE,
  STATE_RELATIVE_SLASH,
  STATE_SPECIAL_AUTHORITY_SLASHES,
  STATE_SPECIAL_AUTHORITY_IGNORE_SLASHES,
  STATE_AUTHORITY,
  STATE_HOST,
  STATE_PORT,
  STATE_FILE,
  STATE_FILE_SLASH,
  STATE_FILE_HOST,
  STATE_PATH_START,
  STATE_PATH,
  STATE_OPAQUE_PATH,
  STATE_QUERY,
  STATE_FRAGMENT,
} State;

typedef struct
{
  const char     *input;
  gsize           length;
  gssize          pointer;
  const KioskUrl *base;
  State           state;
  GString        *buffer;
  gboolean        at_sign_seen;
  gboolean        inside_brackets;
  gboolean        password_token_seen;
  UrlRecord       url;
} Parser;

/* Whether the input after the pointer starts with @prefix. */
static gboolean
remaining_starts_with (const Parser *parser,
                       const char   *prefix)
{
  gsize start = parser->pointer + 1;
  gsize length = strlen (prefix);

  return start <= parser->length && parser->length - start >= length &&
         memcmp (parser->input + start, prefix, length) == 0;
}

static gboolean
remaining_starts_with_windows_drive_letter (const Parser *parser)
{
  return starts_with_windows_drive_letter (parser->input + parser->pointer,
                                           parser->length - parser->pointer);
}

static gboolean
base_has_scheme (const Parser *parser,
                 const char   *scheme)
{
  return parser->base != NULL && strcmp (parser->base->scheme, scheme) == 0;
}

static void
start_query (Parser *parser)
{
  set_string (&parser->url.query, "");
  parser->state = STATE_QUERY;
}

static void
start_fragment (Parser *parser)
{
  set_string (&parser->url.fragment, "");
  parser->state = STATE_FRAGMENT;
}

static gboolean
ends_authority (const Parser *parser,
                int           c)
{
  return c == EOF_CODE_POINT || c == '/' || c == '?' || c == '#' ||
         (parser->url.special && c == '\\');
}

static gboolean
scheme_start_state (Parser *parser,
                    int     c)
{
  if (c != EOF_CODE_POINT && g_ascii_isalpha (c))
    {
      g_string_append_c (parser->buffer, g_ascii_tolower (c));
      parser->state = STATE_SCHEME;
    }
  else
    {
      parser->state = STATE_NO_SCHEME;
      parser->pointer--;
    }

  return TRUE;
}

static gboolean
scheme_state (Parser *parser,
              int     c)
{
  UrlRecord *url = &parser->url;

  if (c != EOF_CODE_POINT && (g_ascii_isalnum (c) || c == '+' || c == '-' || c == '.'))
    {
      g_string_append_c (parser->buffer, g_ascii_isupper (c) ? c + ('a' - 'A') : c);
      return TRUE;
    }

  if (c != ':')
    {
      /* Not a scheme after all: read the input again as a relative URL. */
      g_string_truncate (parser->buffer, 0);
      parser->state = STATE_NO_SCHEME;
      parser->pointer = -1;
      return TRUE;
    }

  set_scheme (url, parser->buffer->str);
  g_string_truncate (parser->buffer, 0);

  if (is_file (url))
    {
      parser->state = STATE_FILE;
    }
  else if (url->special && base_has_scheme (parser, url->scheme))
    {
      parser->state = STATE_SPECIAL_RELATIVE_OR_AUTHORITY;
    }
  else if (url->special)
    {
      parser->state = STATE_SPECIAL_AUTHORITY_SLASHES;
    }
  else if (remaining_starts_with (parser, "/"))
    {
      parser->state = STATE_PATH_OR_AUTHORITY;
      parser->pointer++;
    }
  else
    {
      url->opaque_path = TRUE;
      parser->state = STATE_OPAQUE_PATH;
    }

  return TRUE;
}

static gboolean
no_scheme_state (Parser  *parser,
                 int      c,
                 GError **error)
{
  const KioskUrl *base = parser->base;
  UrlRecord *url = &parser->url;

  if (base == NULL || (has_opaque_path (base) && c != '#'))
    return set_error (error, KIOSK_URL_ERROR_INVALID,
                      "The address has no scheme (such as “https:”) and there is no base "
                      "address to resolve it against.");

  if (has_opaque_path (base))
    {
      set_scheme (url, base->scheme);
      g_string_assign (url->path, base->path);
      url->opaque_path = TRUE;
      set_string (&url->query, base->query);
      start_fragment (parser);
    }
  else
    {
      parser->state = strcmp (base->scheme, "file") != 0 ? STATE_RELATIVE : STATE_FILE;
      parser->pointer--;
    }

  return TRUE;
}

static gboolean
special_relative_or_authority_state (Parser *parser,
                                     int     c)
{
  if (c == '/' && remaining_starts_with (parser, "/"))
    {
      parser->state = STATE_SPECIAL_AUTHORITY_IGNORE_SLASHES;
      parser->pointer++;
    }
  else
    {
      parser->state = STATE_RELATIVE;
      parser->pointer--;
    }

  return TRUE;
}

static gboolean
path_or_authority_state (Parser *parser,
                         int     c)
{
  if (c == '/')
    {
      parser->state = STATE_AUTHORITY;
    }
  else
    {
      parser->state = STATE_PATH;
      parser->pointer--;
    }

  return TRUE;
}

static gboolean
relative_state (Parser *parser,
                int     c)
{
  const KioskUrl *base = parser->base;
  UrlRecord *url = &parser->url;

  g_assert (strcmp (base->scheme, "file") != 0);

  set_scheme (url, base->scheme);

  if (c == '/' || (url->special && c == '\\'))
    {
      parser->state = STATE_RELATIVE_SLASH;
      return TRUE;
    }

  copy_authority_from_base (url, base);
  g_string_assign (url->path, base->path);
  set_string (&url->query, base->query);

  if (c == '?')
    {
      start_query (parser);
    }
  else if (c == '#')
    {
      start_fragment (parser);
    }
  else if (c != EOF_CODE_POINT)
    {
      set_string (&url->query, NULL);
      shorten_path (url);
      parser->state = STATE_PATH;
      parser->pointer--;
    }

  return TRUE;
}

static gboolean
relative_slash_state (Parser *parser,
                      int     c)
{
  UrlRecord *url = &parser->url;

  if (url->special && (c == '/' || c == '\\'))
    {
      parser->state = STATE_SPECIAL_AUTHORITY_IGNORE_SLASHES;
    }
  else if (c == '/')
    {
      parser->state = STATE_AUTHORITY;
    }
  else
    {
      copy_authority_from_base (url, parser->base);
      parser->state = STATE_PATH;
      parser->pointer--;
    }

  return TRUE;
}

static gboolean
special_authority_slashes_state (Parser *parser,
                                 int     c)
{
  parser->state = STATE_SPECIAL_AUTHORITY_IGNORE_SLASHES;

  if (c == '/' && remaining_starts_with (parser, "/"))
    parser->pointer++;
  else
    parser->pointer--;

  return TRUE;
}

static gboolean
special_authority_ignore_slashes_state (Parser *parser,
                                        int     c)
{
  if (c != '/' && c != '\\')
    {
      parser->state = STATE_AUTHORITY;
      parser->pointer--;
    }

  return TRUE;
}

static gboolean
authority_state (Parser  *parser,
                 int      c,
                 GError **error)
{
  UrlRecord *url = &parser->url;

  if (c == '@')
    {
      /* Everything before the last '@' is userinfo, earlier '@'s included.
       * In "https://evil.example\@www.caf.fr/" there is none: the '\' has
       * ended the authority before.
       */
      if (parser->at_sign_seen)
        g_string_prepend (parser->buffer, "%40");
      parser->at_sign_seen = TRUE;

      for (gsize i = 0; i < parser->buffer->len; i++)
        {
          guchar b = parser->buffer->str[i];

          if (b == ':' && !parser->password_token_seen)
            {
              parser->password_token_seen = TRUE;
              continue;
            }

          if (parser->password_token_seen)
            kiosk_percent_encode_byte (ensure_string (&url->password), b,
                                       KIOSK_PERCENT_ENCODE_USERINFO);
          else
            kiosk_percent_encode_byte (ensure_string (&url->username), b,
                                       KIOSK_PERCENT_ENCODE_USERINFO);
        }

      g_string_truncate (parser->buffer, 0);
    }
  else if (ends_authority (parser, c))
    {
      if (parser->at_sign_seen && parser->buffer->len == 0)
        return set_error (error, KIOSK_URL_ERROR_INVALID,
                          "The address has a user name or password but no host.");

      parser->pointer -= parser->buffer->len + 1;
      g_string_truncate (parser->buffer, 0);
      parser->state = STATE_HOST;
    }
  else
    {
      gsize end = parser->pointer + 1;

      while (end < parser->length && parser->input[end] != '@' &&
             !ends_authority (parser, (guchar) parser->input[end]))
        end++;

      g_string_append_len (parser->buffer, parser->input + parser->pointer,
                           end - parser->pointer);
      parser->pointer = end - 1;
    }

  return TRUE;
}

static gboolean
host_state (Parser  *parser,
            int      c,
            GError **error)
{
  UrlRecord *url = &parser->url;
  char *host = NULL;
  KioskUrlHostType host_type = KIOSK_URL_HOST_NONE;

  if (c == ':' && !parser->inside_brackets)
    {
      if (parser->buffer->len == 0)
        return set_error (error, KIOSK_URL_ERROR_INVALID,
                          "The address has a port but no host.");

      if (!kiosk_url_host_parse (parser->buffer->str, parser->buffer->len, !url->special,
                                 &host, &host_type, error))
        return FALSE;

      set_host (url, host, host_type);
      g_string_truncate (parser->buffer, 0);
      parser->state = STATE_PORT;
    }
  else if (ends_authority (parser, c))
    {
      parser->pointer--;

      if (url->special && parser->buffer->len == 0)
        return set_error (error, KIOSK_URL_ERROR_INVALID, "The address has no host.");

      if (!kiosk_url_host_parse (parser->buffer->str, parser->buffer->len, !url->special,
                                 &host, &host_type, error))
        return FALSE;

      set_host (url, host, host_type);
      g_string_truncate (parser->buffer, 0);
      parser->state = STATE_PATH_START;
    }
  else
    {
      gsize end = parser->pointer;

      do
        {
          if (c == '[')
            parser->inside_brackets = TRUE;
          if (c == ']')
            parser->inside_brackets = FALSE;

          c = ++end < parser->length ? (guchar) parser->input[end] : EOF_CODE_POINT;
        }
      while ((c != ':' || parser->inside_brackets) && !ends_authority (parser, c));

      g_string_append_len (parser->buffer, parser->input + parser->pointer,
                           end - parser->pointer);
      parser->pointer = end - 1;
    }

  return TRUE;
}

static gboolean
port_state (Parser  *parser,
            int      c,
            GError **error)
{
  UrlRecord *url = &parser->url;

  if (c != EOF_CODE_POINT && g_ascii_isdigit (c))
    {
      g_string_append_c (parser->buffer, c);
      return TRUE;
    }

  if (!ends_authority (parser, c))
    return set_error (error, KIOSK_URL_ERROR_INVALID,
                      "The port is not a number between 0 and 65535.");

  if (parser->buffer->len > 0)
    {
      guint port = 0;

      for (gsize i = 0; i < parser->buffer->len; i++)
        {
          port = port * 10 + (parser->buffer->str[i] - '0');
          if (port > 65535)
            return set_error (error, KIOSK_URL_ERROR_INVALID,
                              "The port is not a number between 0 and 65535.");
        }

      url->port = (int) port == kiosk_url_default_port (url->scheme) ? -1 : (int) port;
      g_string_truncate (parser->buffer, 0);
    }

  parser->state = STATE_PATH_START;
  parser->pointer--;
  return TRUE;
}

static gboolean
file_state (Parser *parser,
            int     c)
{
  const KioskUrl *base = parser->base;
  UrlRecord *url = &parser->url;

  set_scheme (url, "file");
  set_host (url, g_strdup (""), KIOSK_URL_HOST_EMPTY);

  if (c == '/' || c == '\\')
    {
      parser->state = STATE_FILE_SLASH;
    }
  else if (base_has_scheme (parser, "file"))
    {
      set_host (url, g_strdup (base->host), base->host_type);
      g_string_assign (url->path, base->path);
      set_string (&url->query, base->query);

      if (c == '?')
        {
          start_query (parser);
        }
      else if (c == '#')
        {
          start_fragment (parser);
        }
      else if (c != EOF_CODE_POINT)
        {
          set_string (&url->query, NULL);

          /* A drive letter replaces the base path: a (platform-independent)
           * Windows quirk of the standard.
           */
          if (!remaining_starts_with_windows_drive_letter (parser))
            shorten_path (url);
          else
            g_string_truncate (url->path, 0);

          parser->state = STATE_PATH;
          parser->pointer--;
        }
    }
  else
    {
      parser->state = STATE_PATH;
      parser->pointer--;
    }

  return TRUE;
}

static gboolean
file_slash_state (Parser *parser,
                  int     c)
{
  const KioskUrl *base = parser->base;
  UrlRecord *url = &parser->url;

  if (c == '/' || c == '\\')
    {
      parser->state = STATE_FILE_HOST;
      return TRUE;
    }

  if (base_has_scheme (parser, "file"))
    {
      set_host (url, g_strdup (base->host), base->host_type);

      /* The base's drive letter stays, another Windows quirk. */
      if (!remaining_starts_with_windows_drive_letter (parser) &&
          path_starts_with_normalized_drive_letter (base->path))
        append_path_segment (url, base->path + 1, 2);
    }

  parser->state = STATE_PATH;
  parser->pointer--;
  return TRUE;
}

static gboolean
file_host_state (Parser  *parser,
                 int      c,
                 GError **error)
{
  UrlRecord *url = &parser->url;
  char *host = NULL;
  KioskUrlHostType host_type = KIOSK_URL_HOST_NONE;

  if (c != EOF_CODE_POINT && c != '/' && c != '\\' && c != '?' && c != '#')
    {
      g_string_append_c (parser->buffer, c);
      return TRUE;
    }

  parser->pointer--;

  /* "file://C:/" is a drive letter, not a host: the buffer is kept for the
   * path state.
   */
  if (is_windows_drive_letter (parser->buffer->str, parser->buffer->len))
    {
      parser->state = STATE_PATH;
      return TRUE;
    }

  if (parser->buffer->len == 0)
    {
      set_host (url, g_strdup (""), KIOSK_URL_HOST_EMPTY);
      parser->state = STATE_PATH_START;
      return TRUE;
    }

  if (!kiosk_url_host_parse (parser->buffer->str, parser->buffer->len, !url->special,
                             &host, &host_type, error))
    return FALSE;

  if (strcmp (host, "localhost") == 0)
    {
      g_free (host);
      host = g_strdup ("");
      host_type = KIOSK_URL_HOST_EMPTY;
    }

  set_host (url, host, host_type);
  g_string_truncate (parser->buffer, 0);
  parser->state = STATE_PATH_START;
  return TRUE;
}

static gboolean
path_start_state (Parser *parser,
                  int     c)
{
  if (parser->url.special)
    {
      parser->state = STATE_PATH;
      if (c != '/' && c != '\\')
        parser->pointer--;
    }
  else if (c == '?')
    {
      start_query (parser);
    }
  else if (c == '#')
    {
      start_fragment (parser);
    }
  else if (c != EOF_CODE_POINT)
    {
      parser->state = STATE_PATH;
      if (c != '/')
        parser->pointer--;
    }

  return TRUE;
}

static gboolean
ends_path_segment (const Parser *parser,
                   int           c)
{
  return c == EOF_CODE_POINT || c == '/' || c == '?' || c == '#' ||
         (parser->url.special && c == '\\');
}

static gboolean
path_state (Parser *parser,
            int     c)
{
  UrlRecord *url = &parser->url;
  GString *buffer = parser->buffer;
  gboolean slash = c == '/' || (url->special && c == '\\');

  if (!ends_path_segment (parser, c))
    {
      gsize end = parser->pointer + 1;

      while (end < parser->length && !ends_path_segment (parser, (guchar) parser->input[end]))
        end++;

      kiosk_percent_encode_run (buffer, parser->input + parser->pointer,
                                end - parser->pointer, KIOSK_PERCENT_ENCODE_PATH);
      parser->pointer = end - 1;
      return TRUE;
    }

  if (is_double_dot_segment (buffer))
    {
      shorten_path (url);
      /* "/usr/.." is "/", not a URL without a path. */
      if (!slash)
        append_path_segment (url, "", 0);
    }
  else if (is_single_dot_segment (buffer))
    {
      if (!slash)
        append_path_segment (url, "", 0);
    }
  else
    {
      if (is_file (url) && url->path->len == 0 &&
          is_windows_drive_letter (buffer->str, buffer->len))
        buffer->str[1] = ':';

      append_path_segment (url, buffer->str, buffer->len);
    }

  g_string_truncate (buffer, 0);

  if (c == '?')
    start_query (parser);
  else if (c == '#')
    start_fragment (parser);

  return TRUE;
}

static gboolean
opaque_path_state (Parser *parser,
                   int     c)
{
  GString *path = parser->url.path;

  if (c == '?')
    {
      start_query (parser);
    }
  else if (c == '#')
    {
      start_fragment (parser);
    }
  else if (c == ' ')
    {
      /* A space just before the query or fragment would be lost as trailing
       * space when the serialization is parsed again.
       */
      if (remaining_starts_with (parser, "?") || remaining_starts_with (parser, "#"))
        g_string_append (path, "%20");
      else
        g_string_append_c (path, ' ');
    }
  else if (c != EOF_CODE_POINT)
    {
      kiosk_percent_encode_byte (path, c, KIOSK_PERCENT_ENCODE_C0_CONTROL);
    }

  return TRUE;
}

static gboolean
query_state (Parser *parser,
             int     c)
{
  KioskPercentEncodeSet set = parser->url.special
    ? KIOSK_PERCENT_ENCODE_SPECIAL_QUERY
    : KIOSK_PERCENT_ENCODE_QUERY;

  /* The standard percent-encodes the query when it ends; encoding byte by
   * byte as they come gives the same result for UTF-8, the only encoding
   * the kiosk uses.
   */
  if (c == '#')
    {
      start_fragment (parser);
    }
  else if (c != EOF_CODE_POINT)
    {
      const char *start = parser->input + parser->pointer;
      const char *hash = memchr (start, '#', parser->length - parser->pointer);
      gsize length = hash != NULL ? (gsize) (hash - start) : parser->length - parser->pointer;

      kiosk_percent_encode_run (parser->url.query, start, length, set);
      parser->pointer += length - 1;
    }

  return TRUE;
}

static gboolean
fragment_state (Parser *parser,
                int     c)
{
  if (c == EOF_CODE_POINT)
    return TRUE;

  kiosk_percent_encode_run (parser->url.fragment, parser->input + parser->pointer,
                            parser->length - parser->pointer, KIOSK_PERCENT_ENCODE_FRAGMENT);
  parser->pointer = parser->length - 1;

  return TRUE;
}

static gboolean
run_state (Parser  *parser,
           int      c,
           GError **error)
{
  switch (parser->state)
    {
    case STATE_SCHEME_START:
      return scheme_start_state (parser, c);
    case STATE_SCHEME:
      return scheme_state (parser, c);
    case STATE_NO_SCHEME:
      return no_scheme_state (parser, c, error);
    case STATE_SPECIAL_RELATIVE_OR_AUTHORITY:
      return special_relative_or_authority_state (parser, c);
    case STATE_PATH_OR_AUTHORITY:
      return path_or_authority_state (parser, c);
    case STATE_RELATIVE:
      return relative_state (parser, c);
    case STATE_RELATIVE_SLASH:
      return relative_slash_state (parser, c);
    case STATE_SPECIAL_AUTHORITY_SLASHES:
      return special_authority_slashes_state (parser, c);
    case STATE_SPECIAL_AUTHORITY_IGNORE_SLASHES:
      return special_authority_ignore_slashes_state (parser, c);
    case STATE_AUTHORITY:
      return authority_state (parser, c, error);
    case STATE_HOST:
      return host_state (parser, c, error);
    case STATE_PORT:
      return port_state (parser, c, error);
    case STATE_FILE:
      return file_state (parser, c);
    case STATE_FILE_SLASH:
      return file_slash_state (parser, c);
    case STATE_FILE_HOST:
      return file_host_state (parser, c, error);
    case STATE_PATH_START:
      return path_start_state (parser, c);
    case STATE_PATH:
      return path_state (parser, c);
    case STATE_OPAQUE_PATH:
      return opaque_path_state (parser, c);
    case STATE_QUERY:
      return query_state (parser, c);
    case STATE_FRAGMENT:
      return fragment_state (parser, c);
    default:
      g_assert_not_reached ();
    }
}

static char *
steal_string (GString **string)
{
  if (*string == NULL)
    return NULL;

  return g_string_free (g_steal_pointer (string), FALSE);
}

static KioskUrl *
url_record_to_url (UrlRecord *record)
{
  KioskUrl *url = g_new0 (KioskUrl, 1);

  url->scheme = g_steal_pointer (&record->scheme);
  url->special = record->special;
  url->username = record->username != NULL ? steal_string (&record->username) : g_strdup ("");
  url->password = record->password != NULL ? steal_string (&record->password) : g_strdup ("");
  url->host = g_steal_pointer (&record->host);
  url->host_type = record->host_type;
  url->port = record->port;
  url->path = steal_string (&record->path);
  url->query = steal_string (&record->query);
  url->fragment = steal_string (&record->fragment);

  return url;
}

/* Leading and trailing C0 controls and spaces go, and so do tabs and
 * newlines anywhere: "https://www.ca\tf.fr/" is www.caf.fr. Returns the
 * input itself when there is nothing to remove, which is the usual case.
 */
static const char *
clean_input (const char  *input,
             gsize        length,
             gsize       *cleaned_length,
             char       **copy)
{
  gsize start = 0;
  gsize end = length;
  gboolean has_tab_or_newline;

  while (start < end && is_c0_control_or_space (input[start]))
    start++;
  while (end > start && is_c0_control_or_space (input[end - 1]))
    end--;

  has_tab_or_newline = memchr (input + start, '\t', end - start) != NULL ||
                       memchr (input + start, '\n', end - start) != NULL ||
                       memchr (input + start, '\r', end - start) != NULL;

  *copy = NULL;
  if (!has_tab_or_newline)
    {
      *cleaned_length = end - start;
      return input + start;
    }

  *copy = g_malloc (end - start + 1);
  *cleaned_length = 0;
  for (gsize i = start; i < end; i++)
    {
      if (!is_ascii_tab_or_newline (input[i]))
        (*copy)[(*cleaned_length)++] = input[i];
    }
  (*copy)[*cleaned_length] = '\0';

  return *copy;
}

/**
 * kiosk_url_parse_len:
 * @input: the address, as bytes (UTF-8 expected, anything accepted)
 * @length: the length of @input in bytes, or -1 if it is nul-terminated
 * @base: (nullable): the URL to resolve a relative @input against, as
 *   kiosk_url_parse() returned it
 * @error: return location for a #KIOSK_URL_ERROR
 *
 * Like kiosk_url_parse(), for input that may contain NUL bytes (which the
 * standard percent-encodes in paths, queries and fragments, and refuses in
 * hosts), as fuzzers and conformance corpora produce.
 *
 * Returns: (transfer full) (nullable): the URL, or %NULL if @input is not one
 */
KioskUrl *
kiosk_url_parse_len (const char      *input,
                     gssize           length,
                     const KioskUrl  *base,
                     GError         **error)
{
  g_autofree char *copy = NULL;
  Parser parser = { NULL, };
  KioskUrl *url = NULL;

  g_return_val_if_fail (input != NULL, NULL);
  g_return_val_if_fail (base == NULL || (base->scheme != NULL && base->username != NULL &&
                                         base->password != NULL && base->path != NULL), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  parser.input = clean_input (input, length < 0 ? strlen (input) : (gsize) length,
                              &parser.length, &copy);
  parser.base = base;
  parser.state = STATE_SCHEME_START;
  parser.buffer = g_string_new (NULL);
  parser.url.port = -1;
  parser.url.path = g_string_new (NULL);

  for (parser.pointer = 0; ; parser.pointer++)
    {
      int c = (gsize) parser.pointer < parser.length
        ? (guchar) parser.input[parser.pointer]
        : EOF_CODE_POINT;

      if (!run_state (&parser, c, error))
        break;

      /* A state may move the pointer back (even to -1) to read a code point
       * again; the run ends once the end of input has been handled.
       */
      if (parser.pointer >= 0 && (gsize) parser.pointer >= parser.length)
        {
          url = url_record_to_url (&parser.url);
          break;
        }
    }

  url_record_clear (&parser.url);
  g_string_free (parser.buffer, TRUE);

  return url;
}

/**
 * kiosk_url_parse:
 * @input: the address, as typed or as WebKit reports it
 * @base: (nullable): the URL to resolve a relative @input against, as
 *   kiosk_url_parse() returned it
 * @error: return location for a #KIOSK_URL_ERROR
 *
 * Parses @input with the basic URL parser of the WHATWG URL Standard, the
 * way browsers do: leading and trailing spaces and controls are dropped,
 * tabs and newlines removed, `\` read as `/` in special URLs, the host
 * percent-decoded and converted with UTS #46 ToASCII, IPv4 addresses in any
 * of their number forms normalised to dotted decimal.
 *
 * Returns: (transfer full) (nullable): the URL, or %NULL with @error set
 *   (%KIOSK_URL_ERROR_INVALID_HOST when the host is the problem)
 */
KioskUrl *
kiosk_url_parse (const char      *input,
                 const KioskUrl  *base,
                 GError         **error)
{
  return kiosk_url_parse_len (input, -1, base, error);
}

/**
 * kiosk_url_to_string:
 * @url: a #KioskUrl
 *
 * Serializes @url as the URL Standard does (the `href` of a URL object).
 *
 * Returns: (transfer full): the serialized URL
 */
char *
kiosk_url_to_string (const KioskUrl *url)
{
  GString *output;

  g_return_val_if_fail (url != NULL, NULL);

  output = g_string_new (url->scheme);
  g_string_append_c (output, ':');

  if (url->host != NULL)
    {
      g_string_append (output, "//");
      if (url->username[0] != '\0' || url->password[0] != '\0')
        {
          g_string_append (output, url->username);
          if (url->password[0] != '\0')
            {
              g_string_append_c (output, ':');
              g_string_append (output, url->password);
            }
          g_string_append_c (output, '@');
        }
      g_string_append (output, url->host);
      if (url->port != -1)
        g_string_append_printf (output, ":%d", url->port);
    }

  /* Without "/.", "sc:/.//x" would serialize as "sc://x", whose "x" is a
   * host when parsed again.
   */
  if (url->host == NULL && g_str_has_prefix (url->path, "//"))
    g_string_append (output, "/.");

  g_string_append (output, url->path);

  if (url->query != NULL)
    {
      g_string_append_c (output, '?');
      g_string_append (output, url->query);
    }

  if (url->fragment != NULL)
    {
      g_string_append_c (output, '#');
      g_string_append (output, url->fragment);
    }

  return g_string_free (output, FALSE);
}

/**
 * kiosk_url_default_port:
 * @scheme: a lowercase scheme, without ':'
 *
 * Returns: the default port of a special @scheme (80 for http and ws, 443
 *   for https and wss, 21 for ftp), or -1 if it has none
 */
int
kiosk_url_default_port (const char *scheme)
{
  g_return_val_if_fail (scheme != NULL, -1);

  if (strcmp (scheme, "http") == 0 || strcmp (scheme, "ws") == 0)
    return 80;
  if (strcmp (scheme, "https") == 0 || strcmp (scheme, "wss") == 0)
    return 443;
  if (strcmp (scheme, "ftp") == 0)
    return 21;

  return -1;
}

/**
 * kiosk_url_domain_to_ascii:
 * @domain: a domain name in UTF-8, not percent-encoded
 * @error: return location for a #KIOSK_URL_ERROR
 *
 * The "domain to ASCII" of the URL Standard (beStrict false): UTS #46
 * ToASCII, then refusing empty results and forbidden domain code points,
 * for domains an administrator writes (allow-list patterns).
 *
 * It gives the host kiosk_url_parse() gives, with one difference: an ASCII
 * domain with an "xn--" label that is not valid Punycode or not a valid
 * internationalized label is refused here. The URL Standard only lowercases
 * ASCII domains since 2026 (whatwg/url#914), so kiosk_url_parse() accepts
 * "https://xn--a.fr/" with the host "xn--a.fr", as browsers now must; in a
 * pattern, such a label can only be a mistake. An ASCII domain without
 * "xn--" label is only lowercased, without any Unicode processing.
 *
 * Numbers are not interpreted: "0x7f.1" comes back as it is, while
 * kiosk_url_parse() reads it as the IPv4 address 127.0.0.1.
 *
 * Returns: (transfer full) (nullable): the ASCII domain, or %NULL with
 *   %KIOSK_URL_ERROR_INVALID_HOST set
 */
char *
kiosk_url_domain_to_ascii (const char  *domain,
                           GError     **error)
{
  g_return_val_if_fail (domain != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return kiosk_url_host_domain_to_ascii (domain, strlen (domain), TRUE, error);
}

/**
 * kiosk_url_free:
 * @url: (nullable): a #KioskUrl
 *
 * Frees @url and all its fields.
 */
void
kiosk_url_free (KioskUrl *url)
{
  if (url == NULL)
    return;

  g_free (url->scheme);
  g_free (url->username);
  g_free (url->password);
  g_free (url->host);
  g_free (url->path);
  g_free (url->query);
  g_free (url->fragment);
  g_free (url);
}
