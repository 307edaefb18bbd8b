/* kiosk-url.c — WHATWG URL parsing, as browsers do it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-url"

#include "config.h"

#include "kiosk-url.h"

#include <idn2.h>
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

static gboolean
define_forbidden_host_code_point (guchar c)
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
define_forbidden_domain_code_point (guchar c)
{
  return define_forbidden_host_code_point (c) || c <= 0x1F || c == '%' || c == 0x7F;
}


/* Percent-encoding */

/* The percent-encode sets, then the forbidden code points: each is a bit
 * in byte_classes below.
 */
typedef enum
{
  ENCODE_C0_CONTROL,
  ENCODE_FRAGMENT,
  ENCODE_QUERY,
  ENCODE_SPECIAL_QUERY,
  ENCODE_PATH,
  ENCODE_USERINFO,
  FORBIDDEN_HOST,
  FORBIDDEN_DOMAIN,
} EncodeSet;

/* The sets as the standard defines them. Each is a superset of the one it
 * is defined from, hence the fall-through from the largest to the smallest.
 */
static gboolean
define_encode_set (guchar    c,
                   EncodeSet set)
{
  if (c < 0x20 || c > 0x7E)
    return TRUE;

  switch (set)
    {
    case ENCODE_USERINFO:
      if (c == '/' || c == ':' || c == ';' || c == '=' || c == '@' || c == '[' || c == '\\' ||
          c == ']' || c == '|')
        return TRUE;
      G_GNUC_FALLTHROUGH;
    case ENCODE_PATH:
      if (c == '?' || c == '^' || c == '`' || c == '{' || c == '}')
        return TRUE;
      G_GNUC_FALLTHROUGH;
    case ENCODE_QUERY:
      return c == ' ' || c == '"' || c == '#' || c == '<' || c == '>';
    case ENCODE_SPECIAL_QUERY:
      return c == '\'' || define_encode_set (c, ENCODE_QUERY);
    case ENCODE_FRAGMENT:
      return c == ' ' || c == '"' || c == '<' || c == '>' || c == '`';
    case ENCODE_C0_CONTROL:
    default:
      return FALSE;
    }
}

/* Every byte of a URL goes through one of the sets: a table, one bit per
 * set, keeps that test to a load. Bytes above 0x7F are in every encode set
 * and are not forbidden (they are not ASCII code points).
 */
static guint8 byte_classes[0x80];

static void
init_byte_classes (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (guchar c = 0; c < 0x80; c++)
        {
          for (EncodeSet set = ENCODE_C0_CONTROL; set <= ENCODE_USERINFO; set++)
            {
              if (define_encode_set (c, set))
                byte_classes[c] |= 1 << set;
            }

          if (define_forbidden_host_code_point (c))
            byte_classes[c] |= 1 << FORBIDDEN_HOST;
          if (define_forbidden_domain_code_point (c))
            byte_classes[c] |= 1 << FORBIDDEN_DOMAIN;
        }

      g_once_init_leave (&initialized, 1);
    }
}

static gboolean
in_encode_set (guchar    c,
               EncodeSet set)
{
  return c >= 0x80 || (byte_classes[c] & (1 << set)) != 0;
}

static gboolean
is_forbidden_host_code_point (guchar c)
{
  return c < 0x80 && (byte_classes[c] & (1 << FORBIDDEN_HOST)) != 0;
}

static gboolean
is_forbidden_domain_code_point (guchar c)
{
  return c < 0x80 && (byte_classes[c] & (1 << FORBIDDEN_DOMAIN)) != 0;
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

static inline void
append_percent_encoded (GString   *output,
                        guchar     c,
                        EncodeSet  set)
{
  if (G_LIKELY (!in_encode_set (c, set)))
    g_string_append_c (output, c);
  else
    append_escaped (output, c);
}

/* The same for @length bytes, copying what needs no escape in one go. */
static void
append_percent_encoded_run (GString    *output,
                            const char *run,
                            gsize       length,
                            EncodeSet   set)
{
  gsize plain = 0;

  for (gsize i = 0; i < length; i++)
    {
      if (in_encode_set (run[i], set))
        {
          g_string_append_len (output, run + plain, i - plain);
          append_escaped (output, run[i]);
          plain = i + 1;
        }
    }

  g_string_append_len (output, run + plain, length - plain);
}

static GString *
percent_decode (const char *input,
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


/* Punycode (RFC 3492), written here rather than taken from libidn2: its
 * own coder refuses labels longer than DNS allows, which the URL Standard
 * accepts (VerifyDnsLength is false), and it is not public API anyway.
 */

enum
{
  PUNYCODE_BASE = 36,
  PUNYCODE_TMIN = 1,
  PUNYCODE_TMAX = 26,
  PUNYCODE_SKEW = 38,
  PUNYCODE_DAMP = 700,
  PUNYCODE_INITIAL_BIAS = 72,
  PUNYCODE_INITIAL_N = 0x80,
};

static guint32
punycode_adapt (guint32  delta,
                guint32  n_points,
                gboolean first_time)
{
  guint32 k = 0;

  delta = first_time ? delta / PUNYCODE_DAMP : delta / 2;
  delta += delta / n_points;

  while (delta > ((PUNYCODE_BASE - PUNYCODE_TMIN) * PUNYCODE_TMAX) / 2)
    {
      delta /= PUNYCODE_BASE - PUNYCODE_TMIN;
      k += PUNYCODE_BASE;
    }

  return k + (PUNYCODE_BASE - PUNYCODE_TMIN + 1) * delta / (delta + PUNYCODE_SKEW);
}

static guint32
punycode_threshold (guint32 k,
                    guint32 bias)
{
  if (k <= bias)
    return PUNYCODE_TMIN;
  if (k >= bias + PUNYCODE_TMAX)
    return PUNYCODE_TMAX;
  return k - bias;
}

static char
punycode_encode_digit (guint32 digit)
{
  return digit < 26 ? 'a' + digit : '0' + (digit - 26);
}

static int
punycode_decode_digit (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0' + 26;
  if (c >= 'a' && c <= 'z')
    return c - 'a';
  if (c >= 'A' && c <= 'Z')
    return c - 'A';
  return -1;
}

static gboolean
punycode_encode (const gunichar *input,
                 gsize           length,
                 GString        *output)
{
  guint32 n = PUNYCODE_INITIAL_N;
  guint32 delta = 0;
  guint32 bias = PUNYCODE_INITIAL_BIAS;
  guint32 handled = 0;
  guint32 n_basic;

  if (length > G_MAXUINT32 / 2)
    return FALSE;

  for (gsize i = 0; i < length; i++)
    {
      if (input[i] < 0x80)
        {
          g_string_append_c (output, (char) input[i]);
          handled++;
        }
    }
  n_basic = handled;
  if (n_basic > 0)
    g_string_append_c (output, '-');

  while (handled < length)
    {
      guint32 m = G_MAXUINT32;

      for (gsize i = 0; i < length; i++)
        {
          if (input[i] >= n && input[i] < m)
            m = input[i];
        }

      if (m - n > (G_MAXUINT32 - delta) / (handled + 1))
        return FALSE;
      delta += (m - n) * (handled + 1);
      n = m;

      for (gsize i = 0; i < length; i++)
        {
          if (input[i] < n && ++delta == 0)
            return FALSE;

          if (input[i] == n)
            {
              guint32 q = delta;

              for (guint32 k = PUNYCODE_BASE; ; k += PUNYCODE_BASE)
                {
                  guint32 t = punycode_threshold (k, bias);

                  if (q < t)
                    break;
                  g_string_append_c (output,
                                     punycode_encode_digit (t + (q - t) % (PUNYCODE_BASE - t)));
                  q = (q - t) / (PUNYCODE_BASE - t);
                }
              g_string_append_c (output, punycode_encode_digit (q));
              bias = punycode_adapt (delta, handled + 1, handled == n_basic);
              delta = 0;
              handled++;
            }
        }

      delta++;
      n++;
    }

  return TRUE;
}

static GArray *
punycode_decode (const char *input,
                 gsize       length)
{
  g_autoptr(GArray) output = g_array_new (FALSE, FALSE, sizeof (gunichar));
  guint32 n = PUNYCODE_INITIAL_N;
  guint32 i = 0;
  guint32 bias = PUNYCODE_INITIAL_BIAS;
  gsize n_basic = 0;
  gsize in;

  /* The basic code points are those before the last delimiter. */
  for (gsize j = 0; j < length; j++)
    {
      if (input[j] == '-')
        n_basic = j;
    }

  for (gsize j = 0; j < n_basic; j++)
    {
      gunichar c = (guchar) input[j];

      if (c >= 0x80)
        return NULL;
      g_array_append_val (output, c);
    }

  for (in = n_basic > 0 ? n_basic + 1 : 0; in < length; )
    {
      guint32 old_i = i;
      guint32 w = 1;
      guint32 out_length;

      for (guint32 k = PUNYCODE_BASE; ; k += PUNYCODE_BASE)
        {
          int digit;
          guint32 t;

          if (in >= length)
            return NULL;

          digit = punycode_decode_digit (input[in++]);
          if (digit < 0 || (guint32) digit > (G_MAXUINT32 - i) / w)
            return NULL;

          i += digit * w;
          t = punycode_threshold (k, bias);
          if ((guint32) digit < t)
            break;

          if (w > G_MAXUINT32 / (PUNYCODE_BASE - t))
            return NULL;
          w *= PUNYCODE_BASE - t;
        }

      out_length = output->len + 1;
      bias = punycode_adapt (i - old_i, out_length, old_i == 0);

      if (i / out_length > G_MAXUINT32 - n)
        return NULL;
      n += i / out_length;
      i %= out_length;

      /* Only Unicode scalar values may come out of a label. */
      if (n > 0x10FFFF || (n >= 0xD800 && n <= 0xDFFF))
        return NULL;

      g_array_insert_val (output, i, n);
      i++;
    }

  return g_steal_pointer (&output);
}


/* UTS #46 "Unicode IDNA Compatibility Processing", the way the URL
 * Standard's "domain to ASCII" uses it: CheckHyphens=false, CheckBidi=true,
 * CheckJoiners=true, UseSTD3ASCIIRules=false, Transitional_Processing=false,
 * VerifyDnsLength=false, IgnoreInvalidPunycode=false.
 *
 * libidn2 implements IDNA2008 on top of the UTS #46 mapping, and IDNA2008 is
 * stricter: it refuses symbols (“♥.example”), hyphens in the third and
 * fourth positions, long labels, and the mapping table of libidn2 2.3 is
 * older than the one browsers use (“ẞ” becomes “ss”, not “ß”). So the
 * mapping and the validity of each code point are derived here from GLib's
 * Unicode tables, the way UTS #46 derives its own table: NFKC case folding,
 * with the exceptions listed below. Compared code point by code point with
 * the IdnaMappingTable of Unicode 17.0, this gives the same status and the
 * same mapping for every code point GLib 2.74 (Unicode 15.0) knows; those
 * assigned since are refused. IdnaTestV2.json in tests/test-url.c guards it.
 *
 * libidn2 is kept for what needs tables GLib does not have: the Bidi rule
 * and the joiner rule (see label_passes_joiner_and_bidi_rules()).
 */

typedef enum
{
  UTS46_VALID,
  UTS46_MAPPED,
  UTS46_IGNORED,
  UTS46_DEVIATION,
  UTS46_DISALLOWED,
} Uts46Status;

typedef enum
{
  IDNA_OK,
  IDNA_DISALLOWED,
  IDNA_BAD_PUNYCODE,
  IDNA_BAD_LABEL,
  IDNA_BIDI_OR_JOINER,
} IdnaProblem;

typedef struct
{
  gunichar first;
  gunichar last;
} CodePointRange;

/* Code points UTS #46 removes. Case folding cannot tell them from the other
 * default-ignorable code points, some of which UTS #46 refuses instead
 * (U+200E LEFT-TO-RIGHT MARK, U+202E RIGHT-TO-LEFT OVERRIDE).
 */
static const CodePointRange uts46_ignored[] = {
  { 0x00AD, 0x00AD }, { 0x034F, 0x034F }, { 0x115F, 0x1160 }, { 0x17B4, 0x17B5 },
  { 0x180B, 0x180F }, { 0x200B, 0x200B }, { 0x2060, 0x2064 }, { 0x206A, 0x206F },
  { 0x3164, 0x3164 }, { 0xFE00, 0xFE0F }, { 0xFEFF, 0xFEFF }, { 0xFFA0, 0xFFA0 },
  { 0x1BCA0, 0x1BCA3 }, { 0x1D173, 0x1D17A }, { 0xE0100, 0xE01EF },
};

/* Stable, assigned symbols that UTS #46 nevertheless refuses: ideographic
 * description characters and the replacement characters. U+FFFD matters:
 * it is what a host that is not valid UTF-8 decodes to.
 */
static const CodePointRange uts46_disallowed_symbols[] = {
  { 0x2FF0, 0x2FFF }, { 0x31EF, 0x31EF }, { 0xFFFC, 0xFFFD },
};

static gboolean
in_ranges (gunichar              c,
           const CodePointRange *ranges,
           gsize                 n_ranges)
{
  for (gsize i = 0; i < n_ranges; i++)
    {
      if (c >= ranges[i].first && c <= ranges[i].last)
        return TRUE;
    }

  return FALSE;
}

static gboolean
is_full_stop (gunichar c)
{
  return c == '.' || c == 0x3002 || c == 0xFF0E || c == 0xFF61;
}

static gboolean
is_deviation (gunichar c)
{
  return c == 0x00DF || c == 0x03C2 || c == 0x200C || c == 0x200D;
}

/* Appends the UTS #46 mapping of @c to @output and returns its status. */
static Uts46Status
uts46_map_code_point (gunichar  c,
                      GString  *output)
{
  char utf8[8];
  int length;
  g_autofree char *nfkc = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *mapped = NULL;
  GUnicodeType type;

  if (c < 0x80)
    {
      g_string_append_c (output, g_ascii_tolower (c));
      return g_ascii_isupper (c) ? UTS46_MAPPED : UTS46_VALID;
    }

  if (in_ranges (c, uts46_ignored, G_N_ELEMENTS (uts46_ignored)))
    return UTS46_IGNORED;

  /* Nontransitional processing keeps ß, ς and the joiners, which case
   * folding would turn into "ss", "σ" and nothing.
   */
  if (is_deviation (c))
    {
      g_string_append_unichar (output, c);
      return UTS46_DEVIATION;
    }

  if (c == 0x3002 || c == 0xFF0E || c == 0xFF61)
    {
      g_string_append_c (output, '.');
      return UTS46_MAPPED;
    }

  /* The capital sharp s goes to ß, which is valid, not to "ss". */
  if (c == 0x1E9E)
    {
      g_string_append_unichar (output, 0x00DF);
      return UTS46_MAPPED;
    }

  /* Cherokee capitals were valid before Unicode gave them small letters,
   * and UTS #46 keeps them for stability, where case folding would not.
   */
  if (c >= 0x13A0 && c <= 0x13F5)
    {
      g_string_append_unichar (output, c);
      return UTS46_VALID;
    }

  if (in_ranges (c, uts46_disallowed_symbols, G_N_ELEMENTS (uts46_disallowed_symbols)))
    return UTS46_DISALLOWED;

  type = g_unichar_type (c);
  if (type == G_UNICODE_UNASSIGNED || type == G_UNICODE_SURROGATE ||
      type == G_UNICODE_PRIVATE_USE || type == G_UNICODE_CONTROL)
    return UTS46_DISALLOWED;

  length = g_unichar_to_utf8 (c, utf8);
  utf8[length] = '\0';
  nfkc = g_utf8_normalize (utf8, length, G_NORMALIZE_NFKC);
  folded = g_utf8_casefold (nfkc, -1);
  mapped = g_utf8_normalize (folded, -1, G_NORMALIZE_NFKC);

  if (strcmp (mapped, utf8) != 0)
    {
      /* A mapping may not create a label separator: "⒈" would otherwise
       * become "1." and "‥" two empty labels.
       */
      for (const char *p = mapped; *p != '\0'; p = g_utf8_next_char (p))
        {
          if (is_full_stop (g_utf8_get_char (p)))
            return UTS46_DISALLOWED;
        }

      g_string_append (output, mapped);
      return UTS46_MAPPED;
    }

  if (type == G_UNICODE_FORMAT || type == G_UNICODE_SPACE_SEPARATOR ||
      type == G_UNICODE_LINE_SEPARATOR || type == G_UNICODE_PARAGRAPH_SEPARATOR)
    return UTS46_DISALLOWED;

  g_string_append_len (output, utf8, length);
  return UTS46_VALID;
}

/* The Bidi rule needs the Bidi_Class of code points, which GLib does not
 * provide. Only two questions are answered here, by approximation: does a
 * label contain right-to-left text (class R, AL or AN), which makes the whole
 * domain a "Bidi domain name"; and, for the other labels of such a domain,
 * do they start with a strong left-to-right character and end with one or a
 * European digit. Right-to-left labels themselves are checked by libidn2.
 */
static gboolean
is_bidi_right_to_left (gunichar c)
{
  if (c < 0x0590 || g_unichar_ismark (c))
    return FALSE;

  /* Extended Arabic-Indic digits are European numbers (EN). */
  if (c >= 0x06F0 && c <= 0x06F9)
    return FALSE;

  return (c <= 0x08FF) || (c >= 0xFB1D && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFE) ||
         (c >= 0x10800 && c <= 0x10FFF) || (c >= 0x1E800 && c <= 0x1EFFF);
}

static gboolean
is_bidi_european_digit (gunichar c)
{
  return (c >= '0' && c <= '9') || (c >= 0x06F0 && c <= 0x06F9) || (c >= 0x102E1 && c <= 0x102FB);
}

/* The valid code points of class AN: Arabic-Indic, Hanifi Rohingya and
 * Rumi digits, and the Arabic decimal and thousands separators.
 */
static gboolean
is_bidi_arabic_digit (gunichar c)
{
  return (c >= 0x0660 && c <= 0x0669) || c == 0x066B || c == 0x066C ||
         (c >= 0x10D30 && c <= 0x10D39) || (c >= 0x10E60 && c <= 0x10E7E);
}

static gboolean
is_bidi_left_to_right (gunichar c)
{
  GUnicodeType type;

  if (c < 0x80)
    return g_ascii_isalpha (c);

  if (is_bidi_right_to_left (c) || is_bidi_european_digit (c))
    return FALSE;

  type = g_unichar_type (c);
  return g_unichar_isalpha (c) || type == G_UNICODE_SPACING_MARK ||
         type == G_UNICODE_DECIMAL_NUMBER;
}

/* RFC 5893 rule 4, which libidn2 2.3 does not check: a right-to-left label
 * has European digits or Arabic digits, not both ("ا١۱" would read
 * differently depending on the paragraph direction).
 */
static gboolean
right_to_left_label_passes_digit_rule (const gunichar *label,
                                       gsize           length)
{
  gboolean european = FALSE;
  gboolean arabic = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      european = european || is_bidi_european_digit (label[i]);
      arabic = arabic || is_bidi_arabic_digit (label[i]);
    }

  return !(european && arabic);
}

/* RFC 5893 rules 1, 5 and 6 for a label without right-to-left text in a
 * Bidi domain name, which libidn2 (checking label by label) lets through.
 */
static gboolean
left_to_right_label_passes_bidi_rule (const gunichar *label,
                                      gsize           length)
{
  gsize last = length;

  if (length == 0)
    return TRUE;

  if (!is_bidi_left_to_right (label[0]))
    return FALSE;

  while (last > 0 && g_unichar_ismark (label[last - 1]) &&
         g_unichar_type (label[last - 1]) != G_UNICODE_SPACING_MARK)
    last--;

  return last > 0 && (is_bidi_left_to_right (label[last - 1]) ||
                      is_bidi_european_digit (label[last - 1]));
}

/* Code points valid in UTS #46 that IDNA2008, hence libidn2, refuses, or
 * puts under contextual rules UTS #46 does not have (libidn2 2.3 does not
 * apply the CONTEXTO rules, later versions might).
 */
static gboolean
idna2008_refuses (gunichar c)
{
  GUnicodeType type;

  if (c < 0x80)
    return !g_ascii_isalnum (c);

  /* The joiners are checked by the ContextJ rules we want; the digit rules
   * of ContextO coincide with the Bidi rule (no AN with EN in a label).
   */
  if (c == 0x200C || c == 0x200D || (c >= 0x0660 && c <= 0x0669) || (c >= 0x06F0 && c <= 0x06F9))
    return FALSE;

  /* Hangul conjoining jamo, the IDNA2008 exceptions and the blocks it
   * ignores (combining marks for symbols, musical notation).
   */
  if ((c >= 0x1100 && c <= 0x11FF) || (c >= 0xA960 && c <= 0xA97F) ||
      (c >= 0xD7B0 && c <= 0xD7FF) || c == 0x0640 || c == 0x07FA ||
      (c >= 0x302E && c <= 0x302F) || (c >= 0x3031 && c <= 0x3035) || c == 0x303B ||
      (c >= 0x20D0 && c <= 0x20FF) || (c >= 0x1D100 && c <= 0x1D24F))
    return TRUE;

  type = g_unichar_type (c);
  return type != G_UNICODE_LOWERCASE_LETTER && type != G_UNICODE_MODIFIER_LETTER &&
         type != G_UNICODE_OTHER_LETTER && type != G_UNICODE_NON_SPACING_MARK &&
         type != G_UNICODE_SPACING_MARK && type != G_UNICODE_DECIMAL_NUMBER;
}

/* A code point that IDNA2008 accepts, that has the same (approximated)
 * Bidi class as @c, is not a virama and does not join, so that the Bidi and
 * joiner rules give the same verdict on it. None of these compose with a
 * following combining mark under NFC.
 */
static gunichar
idna2008_stand_in (gunichar c)
{
  GUnicodeType type = g_unichar_type (c);

  if (is_bidi_right_to_left (c))
    {
      if (c == 0x0640)
        return 0x0628;  /* ARABIC LETTER BEH, dual-joining like TATWEEL */
      if (c == 0x07FA)
        return 0x07CA;  /* NKO LETTER A */
      if (type == G_UNICODE_DECIMAL_NUMBER || type == G_UNICODE_OTHER_NUMBER)
        return 0x0661;  /* ARABIC-INDIC DIGIT ONE, class AN */
      return 0x05D0;    /* HEBREW LETTER ALEF, class R */
    }

  if (is_bidi_european_digit (c))
    return '0';

  if (c >= 0x80 && (g_unichar_isalpha (c) || type == G_UNICODE_SPACING_MARK))
    return 'q';

  return 0x02B9;        /* MODIFIER LETTER PRIME, class ON */
}

static void
probe_append (GString  *probe,
              gunichar  c)
{
  char last = probe->len > 0 ? probe->str[probe->len - 1] : '\0';

  /* Runs of ASCII letters, of ASCII digits and of neutral stand-ins play the
   * same part in both rules as their last element: keeping only that keeps
   * the probe within the label length libidn2 accepts.
   */
  if (c < 0x80 && ((g_ascii_isalpha (c) && g_ascii_isalpha (last)) ||
                   (g_ascii_isdigit (c) && g_ascii_isdigit (last))))
    {
      probe->str[probe->len - 1] = (char) c;
      return;
    }

  if (c == 0x02B9 && g_str_has_suffix (probe->str, "\xCA\xB9"))
    return;

  g_string_append_unichar (probe, c);
}

/* Checks the ContextJ rules (U+200C and U+200D need a virama or joining
 * letters around them) and the Bidi rule (RFC 5893) with libidn2, which has
 * the Joining_Type and Bidi_Class tables. It is shown a probe where what
 * IDNA2008 would refuse for reasons of its own is replaced by stand-ins that
 * play the same part in these two rules.
 */
static gboolean
label_passes_joiner_and_bidi_rules (const gunichar *label,
                                    gsize           length)
{
  g_autoptr(GString) probe = g_string_sized_new (length * 2);
  uint8_t *output = NULL;
  int rc;

  for (gsize i = 0; i < length; i++)
    probe_append (probe, idna2008_refuses (label[i]) ? idna2008_stand_in (label[i]) : label[i]);

  rc = idn2_lookup_u8 ((const uint8_t *) probe->str, &output, IDN2_NONTRANSITIONAL);
  idn2_free (output);

  return rc == IDN2_OK;
}

static gboolean
label_is_ascii (const gunichar *label,
                gsize           length)
{
  for (gsize i = 0; i < length; i++)
    {
      if (label[i] >= 0x80)
        return FALSE;
    }

  return TRUE;
}

static gboolean
label_has_right_to_left (const gunichar *label,
                         gsize           length)
{
  for (gsize i = 0; i < length; i++)
    {
      if (is_bidi_right_to_left (label[i]))
        return TRUE;
    }

  return FALSE;
}

static gboolean
label_has_joiner (const gunichar *label,
                  gsize           length)
{
  for (gsize i = 0; i < length; i++)
    {
      if (label[i] == 0x200C || label[i] == 0x200D)
        return TRUE;
    }

  return FALSE;
}

/* The validity criteria of UTS #46 section 4.1, except the Bidi and joiner
 * rules, which need the whole domain.
 */
static IdnaProblem
check_label (const gunichar *label,
             gsize           length,
             gboolean        from_punycode)
{
  g_autoptr(GString) scratch = g_string_new (NULL);

  if (length == 0)
    return IDNA_OK;

  if (from_punycode)
    {
      g_autofree char *utf8 = g_ucs4_to_utf8 (label, length, NULL, NULL, NULL);
      g_autofree char *nfc = utf8 != NULL ? g_utf8_normalize (utf8, -1, G_NORMALIZE_NFC) : NULL;

      if (nfc == NULL || strcmp (utf8, nfc) != 0)
        return IDNA_BAD_LABEL;

      if (length >= 4 && label[0] == 'x' && label[1] == 'n' && label[2] == '-' && label[3] == '-')
        return IDNA_BAD_LABEL;
    }

  if (g_unichar_ismark (label[0]))
    return IDNA_BAD_LABEL;

  for (gsize i = 0; i < length; i++)
    {
      Uts46Status status;

      g_string_truncate (scratch, 0);
      status = uts46_map_code_point (label[i], scratch);
      if (status != UTS46_VALID && status != UTS46_DEVIATION)
        return IDNA_DISALLOWED;
    }

  return IDNA_OK;
}

typedef struct
{
  const char *text;
  gunichar   *code_points;
  glong       length;
  gboolean    from_punycode;
} Label;

static void
label_clear (Label *label)
{
  g_clear_pointer (&label->code_points, g_free);
}

/* Reads one label of a mapped and normalized domain: an "xn--" label is
 * decoded (it must be valid Punycode for a non-ASCII domain to be valid).
 */
static IdnaProblem
label_init (Label      *label,
            const char *text)
{
  label->text = text;
  label->from_punycode = g_str_has_prefix (text, "xn--");

  if (!label->from_punycode)
    {
      label->code_points = g_utf8_to_ucs4_fast (text, -1, &label->length);
      return check_label (label->code_points, label->length, FALSE);
    }

  for (const char *p = text; *p != '\0'; p++)
    {
      if ((guchar) *p >= 0x80)
        return IDNA_BAD_PUNYCODE;
    }

  {
    g_autoptr(GArray) decoded = punycode_decode (text + 4, strlen (text + 4));

    if (decoded == NULL || decoded->len == 0)
      return IDNA_BAD_PUNYCODE;

    label->length = decoded->len;
    label->code_points = (gunichar *) (void *) g_array_free (g_steal_pointer (&decoded), FALSE);
  }

  /* An "xn--" label that decodes to ASCII only would not round-trip. */
  if (label_is_ascii (label->code_points, label->length) ||
      check_label (label->code_points, label->length, TRUE) != IDNA_OK)
    return IDNA_BAD_PUNYCODE;

  return IDNA_OK;
}

/* UTS #46 ToASCII of a domain that contains non-ASCII code points. */
static char *
uts46_to_ascii (const char   *domain,
                IdnaProblem  *problem)
{
  g_autoptr(GString) mapped = g_string_sized_new (strlen (domain));
  g_autoptr(GString) output = NULL;
  g_autofree char *normalized = NULL;
  g_auto(GStrv) texts = NULL;
  g_autofree Label *labels = NULL;
  guint n_labels;
  gboolean bidi_domain = FALSE;

  for (const char *p = domain; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (uts46_map_code_point (g_utf8_get_char (p), mapped) == UTS46_DISALLOWED)
        {
          *problem = IDNA_DISALLOWED;
          return NULL;
        }
    }

  normalized = g_utf8_normalize (mapped->str, mapped->len, G_NORMALIZE_NFC);
  texts = g_strsplit (normalized, ".", -1);
  n_labels = g_strv_length (texts);
  labels = g_new0 (Label, n_labels);

  *problem = IDNA_OK;
  for (guint i = 0; i < n_labels && *problem == IDNA_OK; i++)
    {
      *problem = label_init (&labels[i], texts[i]);
      bidi_domain = bidi_domain || label_has_right_to_left (labels[i].code_points,
                                                            labels[i].length);
    }

  for (guint i = 0; i < n_labels && *problem == IDNA_OK; i++)
    {
      const Label *label = &labels[i];
      gboolean right_to_left = label_has_right_to_left (label->code_points, label->length);

      if ((right_to_left || label_has_joiner (label->code_points, label->length)) &&
          !label_passes_joiner_and_bidi_rules (label->code_points, label->length))
        *problem = IDNA_BIDI_OR_JOINER;
      else if (right_to_left &&
               !right_to_left_label_passes_digit_rule (label->code_points, label->length))
        *problem = IDNA_BIDI_OR_JOINER;
      else if (bidi_domain && !right_to_left &&
               !left_to_right_label_passes_bidi_rule (label->code_points, label->length))
        *problem = IDNA_BIDI_OR_JOINER;
    }

  if (*problem == IDNA_OK)
    {
      output = g_string_sized_new (mapped->len * 2);
      for (guint i = 0; i < n_labels && *problem == IDNA_OK; i++)
        {
          const Label *label = &labels[i];

          if (i > 0)
            g_string_append_c (output, '.');

          if (label->from_punycode || label_is_ascii (label->code_points, label->length))
            {
              g_string_append (output, label->text);
            }
          else
            {
              g_string_append (output, "xn--");
              if (!punycode_encode (label->code_points, label->length, output))
                *problem = IDNA_BAD_LABEL;
            }
        }
    }

  for (guint i = 0; i < n_labels; i++)
    label_clear (&labels[i]);

  if (*problem != IDNA_OK)
    return NULL;

  return g_string_free (g_steal_pointer (&output), FALSE);
}

static const char *
idna_problem_to_message (IdnaProblem problem)
{
  switch (problem)
    {
    case IDNA_DISALLOWED:
      return "The host name contains a character that is not allowed in domain names.";
    case IDNA_BAD_PUNYCODE:
      return "The host name has an “xn--” label that is not the valid Punycode of an "
             "internationalized label.";
    case IDNA_BAD_LABEL:
      return "The host name has a label that is not a valid internationalized label "
             "(it starts with a combining mark, or is not in normalized form).";
    case IDNA_BIDI_OR_JOINER:
      return "The host name mixes right-to-left and left-to-right text, or uses an invisible "
             "joiner, in a way internationalized domain names do not allow.";
    case IDNA_OK:
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

/* The "domain to ASCII" of the URL Standard with beStrict false (now named
 * its "domain parser"): @domain is any byte string, already percent-decoded.
 * With @check_punycode, an ASCII domain with "xn--" labels also goes through
 * UTS #46, which decodes and checks them, as the standard did until 2026.
 */
static char *
domain_to_ascii (const char  *domain,
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
      set_error (error, KIOSK_URL_ERROR_INVALID_HOST,
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
      set_error (error, KIOSK_URL_ERROR_INVALID_HOST,
                 "The host name is not valid UTF-8 once percent-decoded.");
      return NULL;
    }
  else
    {
      g_autofree char *valid = g_strndup (domain, length);
      IdnaProblem problem = IDNA_OK;

      result = uts46_to_ascii (valid, &problem);
      if (result == NULL)
        {
          set_error (error, KIOSK_URL_ERROR_INVALID_HOST, idna_problem_to_message (problem));
          return NULL;
        }
    }

  if (result[0] == '\0')
    {
      set_error (error, KIOSK_URL_ERROR_INVALID_HOST, "The host name is empty.");
      return NULL;
    }

  for (const char *p = result; *p != '\0'; p++)
    {
      if (is_forbidden_domain_code_point (*p))
        {
          set_error (error, KIOSK_URL_ERROR_INVALID_HOST,
                     "The host name contains a character that is not allowed in host names "
                     "(such as a space, “%”, “<” or “@”).");
          return NULL;
        }
    }

  return g_steal_pointer (&result);
}


/* Hosts */

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
    return set_error (error, KIOSK_URL_ERROR_INVALID_HOST,
                      "The host name ends in a number but is not an IPv4 address: "
                      "it has more than four parts.");

  for (guint i = 0; i < n_parts; i++)
    {
      if (!parse_ipv4_number (parts[i], strlen (parts[i]), &numbers[i]))
        return set_error (error, KIOSK_URL_ERROR_INVALID_HOST,
                          "The host name ends in a number but is not an IPv4 address: "
                          "one of its parts is not a number.");

      if (i < n_parts - 1 && numbers[i] > 255)
        return set_error (error, KIOSK_URL_ERROR_INVALID_HOST,
                          "The IPv4 address has a part larger than 255.");
    }

  /* The last number fills all the bytes the others left. */
  if (numbers[n_parts - 1] >= ((guint64) 1 << (8 * (5 - n_parts))))
    return set_error (error, KIOSK_URL_ERROR_INVALID_HOST,
                      "The IPv4 address is out of range.");

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
  return set_error (error, KIOSK_URL_ERROR_INVALID_HOST,
                    "The IPv6 address between square brackets is not valid.");
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
        return set_error (error, KIOSK_URL_ERROR_INVALID_HOST,
                          "The host contains a character that is not allowed in hosts "
                          "(such as a space, “<” or “@”).");
    }

  output = g_string_sized_new (length);
  for (gsize i = 0; i < length; i++)
    append_percent_encoded (output, input[i], ENCODE_C0_CONTROL);

  *host = g_string_free (output, FALSE);
  return TRUE;
}

/* The host parser: @is_opaque is TRUE for URLs that are not special. */
static gboolean
parse_host (const char        *input,
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
        return set_error (error, KIOSK_URL_ERROR_INVALID_HOST,
                          "The IPv6 address is missing its closing “]”.");

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
      domain = percent_decode (input, length);
      ascii_domain = domain_to_ascii (domain->str, domain->len, FALSE, error);
    }
  else
    {
      ascii_domain = domain_to_ascii (input, length, FALSE, error);
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
            append_percent_encoded (ensure_string (&url->password), b, ENCODE_USERINFO);
          else
            append_percent_encoded (ensure_string (&url->username), b, ENCODE_USERINFO);
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

      if (!parse_host (parser->buffer->str, parser->buffer->len, !url->special,
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

      if (!parse_host (parser->buffer->str, parser->buffer->len, !url->special,
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

  if (!parse_host (parser->buffer->str, parser->buffer->len, !url->special,
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

      append_percent_encoded_run (buffer, parser->input + parser->pointer,
                                  end - parser->pointer, ENCODE_PATH);
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
      append_percent_encoded (path, c, ENCODE_C0_CONTROL);
    }

  return TRUE;
}

static gboolean
query_state (Parser *parser,
             int     c)
{
  EncodeSet set = parser->url.special ? ENCODE_SPECIAL_QUERY : ENCODE_QUERY;

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

      append_percent_encoded_run (parser->url.query, start, length, set);
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

  append_percent_encoded_run (parser->url.fragment, parser->input + parser->pointer,
                              parser->length - parser->pointer, ENCODE_FRAGMENT);
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

  init_byte_classes ();

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

  init_byte_classes ();

  return domain_to_ascii (domain, strlen (domain), TRUE, error);
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
