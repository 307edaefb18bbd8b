/* kiosk-text.c — text from files others wrote, made safe to show on one line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-text"

#include "config.h"

#include "kiosk-text.h"

#include <string.h>

/* The explicit embeddings, overrides and isolates of Unicode's
 * bidirectional algorithm: a terminal or a log viewer that honours them
 * would show the rest of the line in another order than it is written.
 */
static gboolean
is_bidi_control (gunichar c)
{
  return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

/**
 * kiosk_text_escape_controls:
 * @text: (nullable): text read from a file or typed by someone else, in
 *   any encoding
 *
 * Makes @text safe to print on a terminal or in a log: a station name
 * holding "ESC [2J" would otherwise clear the admin's screen, and one
 * holding a line break would forge a line of its own. Line breaks and
 * tabs become "\n", "\r" and "\t"; every other control character (C0,
 * DEL, C1) and bidirectional override becomes "\xHH" or "\uHHHH"; a byte
 * that is not UTF-8 becomes "\xHH". Anything else, accents and other
 * scripts included, is kept as it is.
 *
 * Returns: (transfer full): the escaped text; "" for %NULL
 */
char *
kiosk_text_escape_controls (const char *text)
{
  GString *escaped;
  const char *c;
  const char *end;

  if (text == NULL)
    return g_strdup ("");

  end = text + strlen (text);
  escaped = g_string_sized_new (end - text);

  for (c = text; c < end;)
    {
      gunichar u = g_utf8_get_char_validated (c, end - c);

      if (u == (gunichar) -1 || u == (gunichar) -2)
        {
          g_string_append_printf (escaped, "\\x%02x", (guchar) *c);
          c++;
          continue;
        }

      switch (u)
        {
        case '\n':
          g_string_append (escaped, "\\n");
          break;
        case '\r':
          g_string_append (escaped, "\\r");
          break;
        case '\t':
          g_string_append (escaped, "\\t");
          break;
        default:
          if (u < 0x20 || u == 0x7f)
            g_string_append_printf (escaped, "\\x%02x", u);
          else if ((u >= 0x80 && u < 0xa0) || is_bidi_control (u))
            g_string_append_printf (escaped, "\\u%04x", u);
          else
            g_string_append_len (escaped, c, g_utf8_next_char (c) - c);
          break;
        }
      c = g_utf8_next_char (c);
    }

  return g_string_free (escaped, FALSE);
}

/**
 * kiosk_text_vprintf_escaped:
 * @format: a printf() format, whose own text has no control characters
 * @args: its arguments, some of them text from elsewhere
 *
 * Formats a message that quotes text from elsewhere (a database, a config
 * an admin typed), with the control characters of the result escaped as
 * kiosk_text_escape_controls() does: one line, whatever it quotes.
 *
 * Returns: (transfer full): the message
 */
char *
kiosk_text_vprintf_escaped (const char *format,
                            va_list     args)
{
  g_autofree char *message = NULL;

  g_return_val_if_fail (format != NULL, NULL);

  message = g_strdup_vprintf (format, args);
  return kiosk_text_escape_controls (message);
}
