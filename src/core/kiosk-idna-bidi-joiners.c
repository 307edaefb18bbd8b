/* kiosk-idna-bidi-joiners.c — the Bidi rule and the joiner rule of UTS #46
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-idna"

#include "config.h"

#include "kiosk-idna-bidi-joiners.h"

#include <idn2.h>

/* Everything here only refuses: a label that breaks the Bidi rule
 * (RFC 5893) or the ContextJ rules of the joiners (RFC 5892) is refused,
 * nothing is mapped or encoded. These rules matter for exact conformance
 * with the URL Standard (IdnaTestV2.json): the browser refuses such hosts,
 * so the kiosk must not take them for a host it would load. They need the
 * Bidi_Class and Joining_Type of code points, which GLib does not have:
 * what follows approximates the first and asks libidn2, the only user of
 * it in this project, for the rest.
 */

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

/**
 * kiosk_idna_label_has_right_to_left:
 * @label: the code points of a label
 * @length: the number of code points in @label
 *
 * Returns: whether @label has right-to-left text, which makes its domain a
 *   "Bidi domain name" whose every label the Bidi rule then applies to
 */
gboolean
kiosk_idna_label_has_right_to_left (const gunichar *label,
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

/**
 * kiosk_idna_label_passes_bidi_and_joiner_rules:
 * @label: the code points of a valid label, after UTS #46 mapping
 * @length: the number of code points in @label
 * @bidi_domain: whether a label of the domain has right-to-left text
 *
 * The CheckJoiners and CheckBidi steps of UTS #46 for one label.
 *
 * Returns: whether @label passes both rules
 */
gboolean
kiosk_idna_label_passes_bidi_and_joiner_rules (const gunichar *label,
                                               gsize           length,
                                               gboolean        bidi_domain)
{
  gboolean right_to_left = kiosk_idna_label_has_right_to_left (label, length);

  if ((right_to_left || label_has_joiner (label, length)) &&
      !label_passes_joiner_and_bidi_rules (label, length))
    return FALSE;

  if (right_to_left)
    return right_to_left_label_passes_digit_rule (label, length);

  return !bidi_domain || left_to_right_label_passes_bidi_rule (label, length);
}
