/* kiosk-idna.c — internationalized domain names: Punycode and UTS #46
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-idna"

#include "config.h"

#include "kiosk-idna.h"

#include "kiosk-idna-bidi-joiners.h"

#include <string.h>

/* This is the "domain to ASCII" of UTS #46 that the URL Standard's host
 * parser calls (kiosk-url-host.c), and the Punycode it encodes and decodes
 * labels with. The Bidi and joiner rules, which only refuse, are in
 * kiosk-idna-bidi-joiners.c.
 */


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

/**
 * kiosk_idna_punycode_encode:
 * @input: the code points of a label
 * @length: the number of code points in @input
 * @output: where the encoding is appended, without "xn--"
 *
 * Encodes a label with Punycode, whatever its length.
 *
 * Returns: %FALSE if the label is too long for the arithmetic of RFC 3492
 *   (@output then holds part of the encoding)
 */
gboolean
kiosk_idna_punycode_encode (const gunichar *input,
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

/**
 * kiosk_idna_punycode_decode:
 * @input: a Punycode label, without "xn--"
 * @length: the length of @input in bytes
 *
 * Decodes a Punycode label.
 *
 * Returns: (transfer full) (nullable): the code points (#gunichar) of the
 *   label, or %NULL if @input is not valid Punycode or decodes to something
 *   other than Unicode scalar values
 */
GArray *
kiosk_idna_punycode_decode (const char *input,
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
 * and the joiner rule (see kiosk-idna-bidi-joiners.c).
 */

typedef enum
{
  UTS46_VALID,
  UTS46_MAPPED,
  UTS46_IGNORED,
  UTS46_DEVIATION,
  UTS46_DISALLOWED,
} Uts46Status;

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

/* The validity criteria of UTS #46 section 4.1, except the Bidi and joiner
 * rules, which need the whole domain.
 */
static KioskIdnaProblem
check_label (const gunichar *label,
             gsize           length,
             gboolean        from_punycode)
{
  g_autoptr(GString) scratch = g_string_new (NULL);

  if (length == 0)
    return KIOSK_IDNA_OK;

  if (from_punycode)
    {
      g_autofree char *utf8 = g_ucs4_to_utf8 (label, length, NULL, NULL, NULL);
      g_autofree char *nfc = utf8 != NULL ? g_utf8_normalize (utf8, -1, G_NORMALIZE_NFC) : NULL;

      if (nfc == NULL || strcmp (utf8, nfc) != 0)
        return KIOSK_IDNA_BAD_LABEL;

      if (length >= 4 && label[0] == 'x' && label[1] == 'n' && label[2] == '-' && label[3] == '-')
        return KIOSK_IDNA_BAD_LABEL;
    }

  if (g_unichar_ismark (label[0]))
    return KIOSK_IDNA_BAD_LABEL;

  for (gsize i = 0; i < length; i++)
    {
      Uts46Status status;

      g_string_truncate (scratch, 0);
      status = uts46_map_code_point (label[i], scratch);
      if (status != UTS46_VALID && status != UTS46_DEVIATION)
        return KIOSK_IDNA_DISALLOWED;
    }

  return KIOSK_IDNA_OK;
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
static KioskIdnaProblem
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
        return KIOSK_IDNA_BAD_PUNYCODE;
    }

  {
    g_autoptr(GArray) decoded = kiosk_idna_punycode_decode (text + 4, strlen (text + 4));

    if (decoded == NULL || decoded->len == 0)
      return KIOSK_IDNA_BAD_PUNYCODE;

    label->length = decoded->len;
    label->code_points = (gunichar *) (void *) g_array_free (g_steal_pointer (&decoded), FALSE);
  }

  /* An "xn--" label that decodes to ASCII only would not round-trip. */
  if (label_is_ascii (label->code_points, label->length) ||
      check_label (label->code_points, label->length, TRUE) != KIOSK_IDNA_OK)
    return KIOSK_IDNA_BAD_PUNYCODE;

  return KIOSK_IDNA_OK;
}

/**
 * kiosk_idna_to_ascii:
 * @domain: a domain in valid UTF-8
 * @problem: (out): why @domain was refused, or %KIOSK_IDNA_OK
 *
 * UTS #46 ToASCII with the options of the URL Standard, for a domain that
 * contains non-ASCII code points or "xn--" labels (the host parser only
 * lowercases the other ASCII domains).
 *
 * Returns: (transfer full) (nullable): the ASCII domain, or %NULL with
 *   @problem set
 */
char *
kiosk_idna_to_ascii (const char       *domain,
                     KioskIdnaProblem *problem)
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
          *problem = KIOSK_IDNA_DISALLOWED;
          return NULL;
        }
    }

  normalized = g_utf8_normalize (mapped->str, mapped->len, G_NORMALIZE_NFC);
  texts = g_strsplit (normalized, ".", -1);
  n_labels = g_strv_length (texts);
  labels = g_new0 (Label, n_labels);

  *problem = KIOSK_IDNA_OK;
  for (guint i = 0; i < n_labels && *problem == KIOSK_IDNA_OK; i++)
    {
      *problem = label_init (&labels[i], texts[i]);
      bidi_domain = bidi_domain || kiosk_idna_label_has_right_to_left (labels[i].code_points,
                                                                       labels[i].length);
    }

  for (guint i = 0; i < n_labels && *problem == KIOSK_IDNA_OK; i++)
    {
      const Label *label = &labels[i];

      if (!kiosk_idna_label_passes_bidi_and_joiner_rules (label->code_points, label->length,
                                                          bidi_domain))
        *problem = KIOSK_IDNA_BIDI_OR_JOINER;
    }

  if (*problem == KIOSK_IDNA_OK)
    {
      output = g_string_sized_new (mapped->len * 2);
      for (guint i = 0; i < n_labels && *problem == KIOSK_IDNA_OK; i++)
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
              if (!kiosk_idna_punycode_encode (label->code_points, label->length, output))
                *problem = KIOSK_IDNA_BAD_LABEL;
            }
        }
    }

  for (guint i = 0; i < n_labels; i++)
    label_clear (&labels[i]);

  if (*problem != KIOSK_IDNA_OK)
    return NULL;

  return g_string_free (g_steal_pointer (&output), FALSE);
}
