/* kiosk-url-host.c — the host parser of the URL Standard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-url"

#include "config.h"

#include "kiosk-url-host.h"

#include "kiosk-idna.h"
#include "kiosk-percent.h"

#include <string.h>

/* The host parser of https://url.spec.whatwg.org/ and the parsers it calls:
 * IPv6 between brackets, the opaque host of a URL that is not special, and
 * for the others the domain, through "domain to ASCII" (UTS #46, in
 * kiosk-idna.c), read as an IPv4 address when it ends in a number.
 */

/* The pointer of the standard reads this past the end of the input. */
#define EOF_CODE_POINT (-1)

static gboolean
invalid_host (GError     **error,
              const char  *message)
{
  g_set_error_literal (error, KIOSK_URL_ERROR, KIOSK_URL_ERROR_INVALID_HOST, message);
  return FALSE;
}


/* Forbidden code points */

static gboolean
is_forbidden_host_code_point (guchar c)
{
  switch (c)
    {
    case 0x00: case '\t': case '\n': case '\r': case ' ': case '#': case '/': case ':':
    case '<': case '>': case '?': case '@': case '[': case '\\': case ']': case '^': case '|':
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
is_forbidden_domain_code_point (guchar c)
{
  return is_forbidden_host_code_point (c) || c <= 0x1F || c == '%' || c == 0x7F;
}


/* Domains */

static const char *
idna_problem_to_message (KioskIdnaProblem problem)
{
  switch (problem)
    {
    case KIOSK_IDNA_DISALLOWED:
      return "The host name contains a character that is not allowed in domain names.";
    case KIOSK_IDNA_BAD_PUNYCODE:
      return "The host name has an “xn--” label that is not the valid Punycode of an "
             "internationalized label.";
    case KIOSK_IDNA_BAD_LABEL:
      return "The host name has a label that is not a valid internationalized label "
             "(it starts with a combining mark, or is not in normalized form).";
    case KIOSK_IDNA_BIDI_OR_JOINER:
      return "The host name mixes right-to-left and left-to-right text, or uses an invisible "
             "joiner, in a way internationalized domain names do not allow.";
    case KIOSK_IDNA_OK:
    default:
      g_assert_not_reached ();
    }
}

/* Whether a label of @domain starts with "xn--", in any case. */
static gboolean
has_punycode_label (const char *domain,
                    gsize       length)
{
  for (gsize i = 0; i + 4 <= length; i++)
    {
      if ((i == 0 || domain[i - 1] == '.') && g_ascii_strncasecmp (domain + i, "xn--", 4) == 0)
        return TRUE;
    }

  return FALSE;
}

/**
 * kiosk_url_host_domain_to_ascii:
 * @domain: any bytes, already percent-decoded
 * @length: the length of @domain in bytes
 * @check_punycode: whether an ASCII domain with "xn--" labels goes through
 *   UTS #46 too, which decodes and checks them, as the standard did until 2026
 * @error: return location for a %KIOSK_URL_ERROR_INVALID_HOST
 *
 * The "domain to ASCII" of the URL Standard with beStrict false (now named
 * its "domain parser").
 *
 * Returns: (transfer full) (nullable): the ASCII domain, or %NULL with
 *   @error set
 */
char *
kiosk_url_host_domain_to_ascii (const char  *domain,
                                gsize        length,
                                gboolean     check_punycode,
                                GError     **error)
{
  g_autofree char *result = NULL;
  gboolean ascii = TRUE;

  /* U+0000 is a forbidden domain code point whatever the mapping does, and
   * a C string cannot carry it through the rest.
   */
  if (memchr (domain, '\0', length) != NULL)
    {
      invalid_host (error,
                    "The host name contains a character that is not allowed in host names.");
      return NULL;
    }

  for (gsize i = 0; i < length && ascii; i++)
    ascii = (guchar) domain[i] < 0x80;

  /* For an ASCII domain the standard returns it lowercased whatever UTS #46
   * thinks of it (invalid Punycode included), for compatibility with the
   * web. This is the path nearly every address takes, so it stays cheap.
   */
  if (ascii && !(check_punycode && has_punycode_label (domain, length)))
    {
      result = g_ascii_strdown (domain, length);
    }
  else if (!g_utf8_validate_len (domain, length, NULL))
    {
      /* It would decode to U+FFFD, which UTS #46 refuses. */
      invalid_host (error, "The host name is not valid UTF-8 once percent-decoded.");
      return NULL;
    }
  else
    {
      g_autofree char *valid = g_strndup (domain, length);
      KioskIdnaProblem problem = KIOSK_IDNA_OK;

      result = kiosk_idna_to_ascii (valid, &problem);
      if (result == NULL)
        {
          invalid_host (error, idna_problem_to_message (problem));
          return NULL;
        }
    }

  if (result[0] == '\0')
    {
      invalid_host (error, "The host name is empty.");
      return NULL;
    }

  for (const char *p = result; *p != '\0'; p++)
    {
      if (is_forbidden_domain_code_point (*p))
        {
          invalid_host (error,
                        "The host name contains a character that is not allowed in host names "
                        "(such as a space, “%”, “<” or “@”).");
          return NULL;
        }
    }

  return g_steal_pointer (&result);
}


/* IP addresses, opaque hosts and the host parser */

/* The IPv4 number parser: decimal, "0x" hexadecimal or "0" octal. Values
 * too large for any address saturate, as only their size matters then.
 */
static gboolean
parse_ipv4_number (const char *input,
                   gsize       length,
                   guint64    *number)
{
  guint radix = 10;
  guint64 value = 0;

  if (length == 0)
    return FALSE;

  if (length >= 2 && input[0] == '0' && (input[1] == 'x' || input[1] == 'X'))
    {
      input += 2;
      length -= 2;
      radix = 16;
    }
  else if (length >= 2 && input[0] == '0')
    {
      input++;
      length--;
      radix = 8;
    }

  for (gsize i = 0; i < length; i++)
    {
      int digit = g_ascii_xdigit_value (input[i]);

      if (digit < 0 || (guint) digit >= radix)
        return FALSE;

      value = MIN (value * radix + digit, (guint64) G_MAXUINT32 + 1);
    }

  *number = value;
  return TRUE;
}

/* Finds the last label, ignoring one trailing empty label ("1.2.3.4."). */
static void
last_domain_label (const char  *domain,
                   const char **label,
                   gsize       *length)
{
  gsize end = strlen (domain);
  gsize start;

  if (end > 0 && domain[end - 1] == '.')
    end--;

  for (start = end; start > 0 && domain[start - 1] != '.'; start--)
    ;

  *label = domain + start;
  *length = end - start;
}

static gboolean
ends_in_a_number (const char *domain)
{
  const char *last;
  gsize length;
  guint64 number;
  gboolean all_digits = TRUE;

  last_domain_label (domain, &last, &length);
  if (length == 0)
    return FALSE;

  for (gsize i = 0; i < length; i++)
    all_digits = all_digits && g_ascii_isdigit (last[i]);

  return all_digits || parse_ipv4_number (last, length, &number);
}

static gboolean
parse_ipv4 (const char  *input,
            guint32     *address,
            GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (input, ".", -1);
  guint n_parts = g_strv_length (parts);
  /* Zeroed because GCC at -O3 cannot see that the loop below fills every
   * part read after it (-Wmaybe-uninitialized in release builds).
   */
  guint64 numbers[4] = { 0 };
  guint64 value;

  if (n_parts > 1 && parts[n_parts - 1][0] == '\0')
    n_parts--;

  if (n_parts > 4)
    return invalid_host (error, "The host name ends in a number but is not an IPv4 address: "
                         "it has more than four parts.");

  for (guint i = 0; i < n_parts; i++)
    {
      if (!parse_ipv4_number (parts[i], strlen (parts[i]), &numbers[i]))
        return invalid_host (error, "The host name ends in a number but is not an IPv4 address: "
                             "one of its parts is not a number.");

      if (i < n_parts - 1 && numbers[i] > 255)
        return invalid_host (error, "The IPv4 address has a part larger than 255.");
    }

  /* The last number fills all the bytes the others left. */
  if (numbers[n_parts - 1] >= ((guint64) 1 << (8 * (5 - n_parts))))
    return invalid_host (error, "The IPv4 address is out of range.");

  value = numbers[n_parts - 1];
  for (guint i = 0; i < n_parts - 1; i++)
    value += numbers[i] << (8 * (3 - i));

  *address = (guint32) value;
  return TRUE;
}

static char *
serialize_ipv4 (guint32 address)
{
  return g_strdup_printf ("%u.%u.%u.%u", address >> 24, (address >> 16) & 0xFF,
                          (address >> 8) & 0xFF, address & 0xFF);
}

static gboolean
invalid_ipv6 (GError **error)
{
  return invalid_host (error, "The IPv6 address between square brackets is not valid.");
}

/* The IPv6 parser of the standard, on the text between the brackets. */
static gboolean
parse_ipv6 (const char  *input,
            gsize        length,
            guint16      address[8],
            GError     **error)
{
  int piece_index = 0;
  int compress = -1;
  gsize pointer = 0;

#define C() (pointer < length ? (guchar) input[pointer] : EOF_CODE_POINT)

  memset (address, 0, 8 * sizeof (guint16));

  if (C () == ':')
    {
      if (pointer + 1 >= length || input[pointer + 1] != ':')
        return invalid_ipv6 (error);
      pointer += 2;
      piece_index++;
      compress = piece_index;
    }

  while (C () != EOF_CODE_POINT)
    {
      guint value = 0;
      gsize piece_length = 0;

      if (piece_index == 8)
        return invalid_ipv6 (error);

      if (C () == ':')
        {
          if (compress != -1)
            return invalid_ipv6 (error);
          pointer++;
          piece_index++;
          compress = piece_index;
          continue;
        }

      while (piece_length < 4 && C () != EOF_CODE_POINT && g_ascii_isxdigit (C ()))
        {
          value = value * 0x10 + g_ascii_xdigit_value (C ());
          pointer++;
          piece_length++;
        }

      if (C () == '.')
        {
          int numbers_seen = 0;

          if (piece_length == 0)
            return invalid_ipv6 (error);
          pointer -= piece_length;

          if (piece_index > 6)
            return invalid_ipv6 (error);

          while (C () != EOF_CODE_POINT)
            {
              int ipv4_piece = -1;

              if (numbers_seen > 0)
                {
                  if (C () == '.' && numbers_seen < 4)
                    pointer++;
                  else
                    return invalid_ipv6 (error);
                }

              if (C () == EOF_CODE_POINT || !g_ascii_isdigit (C ()))
                return invalid_ipv6 (error);

              while (C () != EOF_CODE_POINT && g_ascii_isdigit (C ()))
                {
                  int number = C () - '0';

                  if (ipv4_piece == -1)
                    ipv4_piece = number;
                  else if (ipv4_piece == 0)
                    return invalid_ipv6 (error);
                  else
                    ipv4_piece = ipv4_piece * 10 + number;

                  if (ipv4_piece > 255)
                    return invalid_ipv6 (error);
                  pointer++;
                }

              address[piece_index] = address[piece_index] * 0x100 + ipv4_piece;
              numbers_seen++;
              if (numbers_seen == 2 || numbers_seen == 4)
                piece_index++;
            }

          if (numbers_seen != 4)
            return invalid_ipv6 (error);
          break;
        }
      else if (C () == ':')
        {
          pointer++;
          if (C () == EOF_CODE_POINT)
            return invalid_ipv6 (error);
        }
      else if (C () != EOF_CODE_POINT)
        {
          return invalid_ipv6 (error);
        }

      address[piece_index] = value;
      piece_index++;
    }

#undef C

  if (compress != -1)
    {
      int swaps = piece_index - compress;

      for (piece_index = 7; piece_index != 0 && swaps > 0; piece_index--, swaps--)
        {
          guint16 piece = address[piece_index];

          address[piece_index] = address[compress + swaps - 1];
          address[compress + swaps - 1] = piece;
        }
    }
  else if (piece_index != 8)
    {
      return invalid_ipv6 (error);
    }

  return TRUE;
}

/* The first longest run of two or more zero pieces is compressed to "::". */
static char *
serialize_ipv6 (const guint16 address[8])
{
  GString *output = g_string_sized_new (41);
  int compress = -1;
  int longest = 1;
  gboolean ignore_zero = FALSE;

  for (int i = 0; i < 8; )
    {
      int run = 0;

      while (i + run < 8 && address[i + run] == 0)
        run++;

      if (run > longest)
        {
          longest = run;
          compress = i;
        }
      i += MAX (run, 1);
    }

  g_string_append_c (output, '[');
  for (int i = 0; i < 8; i++)
    {
      if (ignore_zero && address[i] == 0)
        continue;
      ignore_zero = FALSE;

      if (compress == i)
        {
          g_string_append (output, i == 0 ? "::" : ":");
          ignore_zero = TRUE;
          continue;
        }

      g_string_append_printf (output, "%x", address[i]);
      if (i != 7)
        g_string_append_c (output, ':');
    }
  g_string_append_c (output, ']');

  return g_string_free (output, FALSE);
}

static gboolean
parse_opaque_host (const char  *input,
                   gsize        length,
                   char       **host,
                   GError     **error)
{
  GString *output;

  for (gsize i = 0; i < length; i++)
    {
      if (is_forbidden_host_code_point (input[i]))
        return invalid_host (error, "The host contains a character that is not allowed in hosts "
                             "(such as a space, “<” or “@”).");
    }

  output = g_string_sized_new (length);
  for (gsize i = 0; i < length; i++)
    kiosk_percent_encode_byte (output, input[i], KIOSK_PERCENT_ENCODE_C0_CONTROL);

  *host = g_string_free (output, FALSE);
  return TRUE;
}

/**
 * kiosk_url_host_parse:
 * @input: the host as it is in the URL, percent-encoded, which may contain
 *   NUL bytes; IPv6 addresses with their brackets
 * @length: the length of @input in bytes, more than 0 unless @is_opaque
 * @is_opaque: %TRUE for the host of a URL that is not special
 * @host: (out) (transfer full): the serialized host
 * @host_type: (out): what kind of host @host is
 * @error: return location for a %KIOSK_URL_ERROR_INVALID_HOST
 *
 * The host parser of the URL Standard.
 *
 * Returns: %TRUE with @host and @host_type set, or %FALSE with @error set
 */
gboolean
kiosk_url_host_parse (const char        *input,
                      gsize              length,
                      gboolean           is_opaque,
                      char             **host,
                      KioskUrlHostType  *host_type,
                      GError           **error)
{
  g_autoptr(GString) domain = NULL;
  g_autofree char *ascii_domain = NULL;
  guint32 ipv4;

  if (length > 0 && input[0] == '[')
    {
      guint16 ipv6[8];

      if (input[length - 1] != ']' || length < 2)
        return invalid_host (error, "The IPv6 address is missing its closing “]”.");

      if (!parse_ipv6 (input + 1, length - 2, ipv6, error))
        return FALSE;

      *host = serialize_ipv6 (ipv6);
      *host_type = KIOSK_URL_HOST_IPV6;
      return TRUE;
    }

  if (is_opaque)
    {
      if (!parse_opaque_host (input, length, host, error))
        return FALSE;
      *host_type = length > 0 ? KIOSK_URL_HOST_OPAQUE : KIOSK_URL_HOST_EMPTY;
      return TRUE;
    }

  g_assert (length > 0);

  if (memchr (input, '%', length) != NULL)
    {
      domain = kiosk_percent_decode (input, length);
      ascii_domain = kiosk_url_host_domain_to_ascii (domain->str, domain->len, FALSE, error);
    }
  else
    {
      ascii_domain = kiosk_url_host_domain_to_ascii (input, length, FALSE, error);
    }
  if (ascii_domain == NULL)
    return FALSE;

  if (ends_in_a_number (ascii_domain))
    {
      if (!parse_ipv4 (ascii_domain, &ipv4, error))
        return FALSE;

      *host = serialize_ipv4 (ipv4);
      *host_type = KIOSK_URL_HOST_IPV4;
      return TRUE;
    }

  *host = g_steal_pointer (&ascii_domain);
  *host_type = KIOSK_URL_HOST_DOMAIN;
  return TRUE;
}

