/* test-idna.c — Punycode, UTS #46 ToASCII, the Bidi and joiner rules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-test"

#include "config.h"

#include "kiosk-idna.h"

#include <string.h>

static void
assert_to_ascii (const char       *domain,
                 const char       *expected,
                 KioskIdnaProblem  expected_problem)
{
  KioskIdnaProblem problem = KIOSK_IDNA_OK;
  g_autofree char *ascii = kiosk_idna_to_ascii (domain, &problem);

  g_assert_cmpstr (ascii, ==, expected);
  g_assert_cmpint (problem, ==, expected_problem);
}

static void
assert_valid (const char *domain,
              const char *expected)
{
  assert_to_ascii (domain, expected, KIOSK_IDNA_OK);
}

static void
assert_refused (const char       *domain,
                KioskIdnaProblem  problem)
{
  assert_to_ascii (domain, NULL, problem);
}

/* Samples of RFC 3492 section 7.1, and labels of the kind a kiosk meets. */
static void
test_punycode_round_trips (void)
{
  static const struct
  {
    const char *unicode;
    const char *punycode;
  } cases[] = {
    { "b\u00FCcher", "bcher-kva" },
    { "m\u00FCnchen", "mnchen-3ya" },
    { "caf\u00E9", "caf-dma" },
    { "\u00DF", "zca" },
    /* (B) Chinese (simplified) */
    { "\u4ED6\u4EEC\u4E3A\u4EC0\u4E48\u4E0D\u8BF4\u4E2D\u6587", "ihqwcrb4cv8a8dqg056pqjye" },
    /* (L) 3<nen>B<gumi><kinpachi><sensei> */
    { "3\u5E74B\u7D44\u91D1\u516B\u5148\u751F", "3B-ww4c5e180e575a65lsy2b" },
    /* (A) Arabic (Egyptian) */
    { "\u0644\u064A\u0647\u0645\u0627\u0628\u062A\u0643\u0644\u0645\u0648\u0634\u0639\u0631"
      "\u0628\u064A\u061F", "egbpdaj6bu4bxfgehfvwxn" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      glong length = 0;
      g_autofree gunichar *code_points = g_utf8_to_ucs4_fast (cases[i].unicode, -1, &length);
      g_autoptr(GString) encoded = g_string_new (NULL);
      g_autoptr(GArray) decoded = NULL;

      g_assert_true (kiosk_idna_punycode_encode (code_points, length, encoded));
      g_assert_cmpstr (encoded->str, ==, cases[i].punycode);

      decoded = kiosk_idna_punycode_decode (encoded->str, encoded->len);
      g_assert_nonnull (decoded);
      g_assert_cmpmem (decoded->data, decoded->len * sizeof (gunichar),
                       code_points, length * sizeof (gunichar));
    }
}

/* The URL Standard does not verify DNS lengths: a label longer than 63
 * bytes is encoded all the same, where libidn2's coder would refuse it.
 */
static void
test_punycode_long_label (void)
{
  gunichar label[200];
  g_autoptr(GString) encoded = g_string_new (NULL);
  g_autoptr(GArray) decoded = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (label); i++)
    label[i] = i % 2 == 0 ? 'a' : 0x00E9;

  g_assert_true (kiosk_idna_punycode_encode (label, G_N_ELEMENTS (label), encoded));
  g_assert_cmpuint (encoded->len, >, 63);

  decoded = kiosk_idna_punycode_decode (encoded->str, encoded->len);
  g_assert_nonnull (decoded);
  g_assert_cmpmem (decoded->data, decoded->len * sizeof (gunichar), label, sizeof label);
}

static void
test_punycode_invalid (void)
{
  /* Basic code points must be ASCII. */
  g_assert_null (kiosk_idna_punycode_decode ("caf\xC3\xA9-dma", 9));
  /* Not a Punycode digit. */
  g_assert_null (kiosk_idna_punycode_decode ("caf-dm!", 7));
  /* A digit sequence cut short. */
  g_assert_null (kiosk_idna_punycode_decode ("caf-d", 5));
  /* Overflow, or beyond U+10FFFF. */
  g_assert_null (kiosk_idna_punycode_decode ("99999999999", 11));
}

static void
test_uts46_mapping (void)
{
  /* Case folding and NFKC: capitals, fullwidth forms, ideographic stops. */
  assert_valid ("\uFF37\uFF37\uFF37.Caf\u00C9.fr", "www.xn--caf-dma.fr");
  assert_valid ("a\u3002caf\u00E9\uFF0Efr", "a.xn--caf-dma.fr");
  /* Nontransitional: ß and ς stay, and the capital sharp s becomes ß. */
  assert_valid ("fa\u00DF.de", "xn--fa-hia.de");
  assert_valid ("\u1E9E.de", "xn--zca.de");
  assert_valid ("\u03C3\u03C2", "xn--3xab");
  /* Ignored: the soft hyphen and variation selectors disappear. */
  assert_valid ("c\u00ADaf\u00E9", "xn--caf-dma");
  assert_valid ("caf\u00E9\uFE0F", "xn--caf-dma");
  /* ASCII is only lowercased, even where UTS #46 is strict elsewhere. */
  assert_valid ("A_B.\u00E9", "a_b.xn--9ca");
}

static void
test_uts46_refused (void)
{
  /* A mapping may not create a label separator. */
  assert_refused ("\u2488.com", KIOSK_IDNA_DISALLOWED);
  /* What a host that is not valid UTF-8 would decode to. */
  assert_refused ("a\uFFFDb", KIOSK_IDNA_DISALLOWED);
  /* Directional formatting characters hide what is shown. */
  assert_refused ("www.c\u202Eaf.fr", KIOSK_IDNA_DISALLOWED);
  assert_refused ("\u0301a.fr", KIOSK_IDNA_BAD_LABEL);
}

static void
test_punycode_labels (void)
{
  assert_valid ("xn--caf-dma.caf\u00E9", "xn--caf-dma.xn--caf-dma");
  assert_valid ("XN--CAF-DMA.fr", "xn--caf-dma.fr");
  assert_refused ("xn--a.fr", KIOSK_IDNA_BAD_PUNYCODE);
  /* Only ASCII once decoded: it would not round-trip. */
  assert_refused ("xn--caf-.fr", KIOSK_IDNA_BAD_PUNYCODE);
  /* A joiner on its own, hidden in Punycode. */
  assert_refused ("xn--1ug.example", KIOSK_IDNA_BIDI_OR_JOINER);
}

/* IdnaTestV2.json leaves the Bidi rule out: these follow RFC 5893 as
 * UTS #46 applies it, to every label of a domain with right-to-left text.
 */
static void
test_bidi_rule (void)
{
  assert_valid ("a.\u05D0\u05D1", "a.xn--4dbc");
  assert_valid ("\u05D0\u05D1.a1", "xn--4dbc.a1");
  assert_refused ("0a.\u05D0\u05D1", KIOSK_IDNA_BIDI_OR_JOINER);
  assert_refused ("a-.\u05D0\u05D1", KIOSK_IDNA_BIDI_OR_JOINER);
  assert_refused ("\u05D0a", KIOSK_IDNA_BIDI_OR_JOINER);
  assert_refused ("\u0661.a", KIOSK_IDNA_BIDI_OR_JOINER);
  assert_refused ("\u0627\u0661\u06F1.com", KIOSK_IDNA_BIDI_OR_JOINER);
  assert_valid ("\u0627\u06F1.com", "xn--mgb81b.com");
}

/* A zero-width non-joiner between joining letters, a joiner after a
 * virama: both allowed. Elsewhere they would hide a difference.
 */
static void
test_joiner_rule (void)
{
  assert_valid ("\u0628\u200C\u0628", "xn--ngba799q");
  assert_valid ("\u0915\u094D\u200D\u0937", "xn--11b2ezcw70k");
  assert_refused ("ca\u200Df", KIOSK_IDNA_BIDI_OR_JOINER);
  assert_refused ("ca\u200Cf", KIOSK_IDNA_BIDI_OR_JOINER);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/idna/punycode/round-trips", test_punycode_round_trips);
  g_test_add_func ("/core/idna/punycode/long-label", test_punycode_long_label);
  g_test_add_func ("/core/idna/punycode/invalid", test_punycode_invalid);
  g_test_add_func ("/core/idna/uts46/mapping", test_uts46_mapping);
  g_test_add_func ("/core/idna/uts46/refused", test_uts46_refused);
  g_test_add_func ("/core/idna/uts46/punycode-labels", test_punycode_labels);
  g_test_add_func ("/core/idna/bidi-rule", test_bidi_rule);
  g_test_add_func ("/core/idna/joiner-rule", test_joiner_rule);

  return g_test_run ();
}
