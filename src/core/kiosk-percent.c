/* kiosk-percent.c — the percent-encoding of the URL Standard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-url"

#include "config.h"

#include "kiosk-percent.h"

/* The URL state machine (kiosk-url.c) encodes userinfo, paths, queries and
 * fragments, the host parser (kiosk-url-host.c) encodes opaque hosts and
 * decodes domains: both share this.
 */

/* The sets as the standard defines them. Each is a superset of the one it
 * is defined from, hence the fall-through from the largest to the smallest.
 */
static gboolean
define_encode_set (guchar                c,
                   KioskPercentEncodeSet set)
{
  if (c < 0x20 || c > 0x7E)
    return TRUE;

  switch (set)
    {
    case KIOSK_PERCENT_ENCODE_USERINFO:
      if (c == '/' || c == ':' || c == ';' || c == '=' || c == '@' || c == '[' || c == '\\' ||
          c == ']' || c == '|')
        return TRUE;
      G_GNUC_FALLTHROUGH;
    case KIOSK_PERCENT_ENCODE_PATH:
      if (c == '?' || c == '^' || c == '`' || c == '{' || c == '}')
        return TRUE;
      G_GNUC_FALLTHROUGH;
    case KIOSK_PERCENT_ENCODE_QUERY:
      return c == ' ' || c == '"' || c == '#' || c == '<' || c == '>';
    case KIOSK_PERCENT_ENCODE_SPECIAL_QUERY:
      return c == '\'' || define_encode_set (c, KIOSK_PERCENT_ENCODE_QUERY);
    case KIOSK_PERCENT_ENCODE_FRAGMENT:
      return c == ' ' || c == '"' || c == '<' || c == '>' || c == '`';
    case KIOSK_PERCENT_ENCODE_C0_CONTROL:
    default:
      return FALSE;
    }
}

/* Every byte of a URL goes through one of the sets: a table, one bit per
 * set, keeps that test to a load. Bytes above 0x7F are in every set.
 */
static const guint8 *
encode_sets (void)
{
  static guint8 table[0x80];
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (guchar c = 0; c < 0x80; c++)
        {
          for (KioskPercentEncodeSet set = KIOSK_PERCENT_ENCODE_C0_CONTROL;
               set <= KIOSK_PERCENT_ENCODE_USERINFO; set++)
            {
              if (define_encode_set (c, set))
                table[c] |= 1 << set;
            }
        }

      g_once_init_leave (&initialized, 1);
    }

  return table;
}

static gboolean
in_encode_set (const guint8          *table,
               guchar                 c,
               KioskPercentEncodeSet  set)
{
  return c >= 0x80 || (table[c] & (1 << set)) != 0;
}

static void
append_escaped (GString *output,
                guchar   c)
{
  static const char hex[] = "0123456789ABCDEF";

  g_string_append_c (output, '%');
  g_string_append_c (output, hex[c >> 4]);
  g_string_append_c (output, hex[c & 0xF]);
}

/**
 * kiosk_percent_encode_byte:
 * @output: where the byte is appended
 * @c: a byte of a URL
 * @set: the percent-encode set of the component it belongs to
 *
 * Appends @c, percent-encoded if it is in @set.
 */
void
kiosk_percent_encode_byte (GString               *output,
                           guchar                 c,
                           KioskPercentEncodeSet  set)
{
  if (G_LIKELY (!in_encode_set (encode_sets (), c, set)))
    g_string_append_c (output, c);
  else
    append_escaped (output, c);
}

/**
 * kiosk_percent_encode_run:
 * @output: where the bytes are appended
 * @run: bytes of a URL, which may contain NUL bytes
 * @length: the length of @run in bytes
 * @set: the percent-encode set of the component they belong to
 *
 * Like kiosk_percent_encode_byte() for @length bytes, copying what needs no
 * escape in one go.
 */
void
kiosk_percent_encode_run (GString               *output,
                          const char            *run,
                          gsize                  length,
                          KioskPercentEncodeSet  set)
{
  const guint8 *table = encode_sets ();
  gsize plain = 0;

  for (gsize i = 0; i < length; i++)
    {
      if (in_encode_set (table, run[i], set))
        {
          g_string_append_len (output, run + plain, i - plain);
          append_escaped (output, run[i]);
          plain = i + 1;
        }
    }

  g_string_append_len (output, run + plain, length - plain);
}

/**
 * kiosk_percent_decode:
 * @input: bytes, which may contain NUL bytes
 * @length: the length of @input in bytes
 *
 * Decodes each "%" followed by two hexadecimal digits; any other "%" stays.
 *
 * Returns: (transfer full): the decoded bytes
 */
GString *
kiosk_percent_decode (const char *input,
                      gsize       length)
{
  GString *output = g_string_sized_new (length);

  for (gsize i = 0; i < length; i++)
    {
      if (input[i] == '%' && length - i > 2 &&
          g_ascii_isxdigit (input[i + 1]) && g_ascii_isxdigit (input[i + 2]))
        {
          g_string_append_c (output, (char) (g_ascii_xdigit_value (input[i + 1]) * 16 +
                                             g_ascii_xdigit_value (input[i + 2])));
          i += 2;
        }
      else
        {
          g_string_append_c (output, input[i]);
        }
    }

  return output;
}
