/* test-url-host.c — the host parser of the URL Standard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-test"

#include "config.h"

#include "kiosk-url-host.h"

#include <string.h>

static void
assert_host (const char       *input,
             gboolean          is_opaque,
             const char       *expected,
             KioskUrlHostType  expected_type)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *host = NULL;
  KioskUrlHostType host_type = KIOSK_URL_HOST_NONE;

  g_assert_true (kiosk_url_host_parse (input, strlen (input), is_opaque, &host, &host_type,
                                       &error));
  g_assert_no_error (error);
  g_assert_cmpstr (host, ==, expected);
  g_assert_cmpint (host_type, ==, expected_type);
}

static void
assert_refused (const char *input,
                gboolean    is_opaque)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *host = NULL;
  KioskUrlHostType host_type = KIOSK_URL_HOST_NONE;

  g_assert_false (kiosk_url_host_parse (input, strlen (input), is_opaque, &host, &host_type,
                                        &error));
  g_assert_error (error, KIOSK_URL_ERROR, KIOSK_URL_ERROR_INVALID_HOST);
  g_assert_cmpstr (error->message, !=, "");
  g_assert_null (host);
}

/* A host that ends in a number is an IPv4 address in any of the forms
 * inet_aton() reads: the policy must see 127.0.0.1 whichever was typed.
 */
static void
test_ipv4_number_forms (void)
{
  assert_host ("127.0.0.1", FALSE, "127.0.0.1", KIOSK_URL_HOST_IPV4);
  assert_host ("0x7f.1", FALSE, "127.0.0.1", KIOSK_URL_HOST_IPV4);
  assert_host ("2130706433", FALSE, "127.0.0.1", KIOSK_URL_HOST_IPV4);
  assert_host ("0x7F000001", FALSE, "127.0.0.1", KIOSK_URL_HOST_IPV4);
  assert_host ("0177.0.0.1", FALSE, "127.0.0.1", KIOSK_URL_HOST_IPV4);
  assert_host ("127.1.", FALSE, "127.0.0.1", KIOSK_URL_HOST_IPV4);
  assert_host ("192.168.257", FALSE, "192.168.1.1", KIOSK_URL_HOST_IPV4);
  assert_host ("%31%32%37.0.0.1", FALSE, "127.0.0.1", KIOSK_URL_HOST_IPV4);
  assert_host ("\xEF\xBC\x91\xEF\xBC\x92\xEF\xBC\x97.0.0.1", FALSE, "127.0.0.1",
               KIOSK_URL_HOST_IPV4);
}

static void
test_ipv4_refused (void)
{
  assert_refused ("256.0.0.1", FALSE);
  assert_refused ("1.2.3.4.5", FALSE);
  assert_refused ("4294967296", FALSE);
  assert_refused ("1.2.65536", FALSE);
  assert_refused ("0x1.08", FALSE);
  /* The last label is a number, so the whole host must be an address. */
  assert_refused ("www.caf.09", FALSE);
}

static void
test_ipv4_not_a_number (void)
{
  assert_host ("www.caf.fr", FALSE, "www.caf.fr", KIOSK_URL_HOST_DOMAIN);
  assert_host ("1.2.3.fr", FALSE, "1.2.3.fr", KIOSK_URL_HOST_DOMAIN);
  assert_host ("0x7f.1.a", FALSE, "0x7f.1.a", KIOSK_URL_HOST_DOMAIN);
}

/* The first longest run of two or more zero pieces becomes "::". */
static void
test_ipv6_compression (void)
{
  assert_host ("[0:0:0:0:0:0:0:1]", FALSE, "[::1]", KIOSK_URL_HOST_IPV6);
  assert_host ("[::]", FALSE, "[::]", KIOSK_URL_HOST_IPV6);
  assert_host ("[1:0:0:2:0:0:3:0]", FALSE, "[1::2:0:0:3:0]", KIOSK_URL_HOST_IPV6);
  assert_host ("[1:0:0:2:0:0:0:3]", FALSE, "[1:0:0:2::3]", KIOSK_URL_HOST_IPV6);
  assert_host ("[1:0:3:4:5:6:7:8]", FALSE, "[1:0:3:4:5:6:7:8]", KIOSK_URL_HOST_IPV6);
  assert_host ("[0:0:1::]", FALSE, "[0:0:1::]", KIOSK_URL_HOST_IPV6);
  assert_host ("[::FFFF:127.0.0.1]", FALSE, "[::ffff:7f00:1]", KIOSK_URL_HOST_IPV6);
  assert_host ("[2001:DB8::0001]", TRUE, "[2001:db8::1]", KIOSK_URL_HOST_IPV6);
}

static void
test_ipv6_refused (void)
{
  assert_refused ("[::1", FALSE);
  assert_refused ("[www.caf.fr]", FALSE);
  assert_refused ("[1:2:3:4:5:6:7:8:9]", FALSE);
  assert_refused ("[1:2:3:4:5:6:7]", FALSE);
  assert_refused ("[1::2::3]", FALSE);
  assert_refused ("[::1.2.3]", FALSE);
  assert_refused ("[::1.2.3.04]", FALSE);
  assert_refused ("[:1]", FALSE);
}

/* The host of a URL that is not special is kept as written, C0 controls
 * and non-ASCII bytes percent-encoded; no IDNA, no number forms.
 */
static void
test_opaque_host (void)
{
  assert_host ("H%41st", TRUE, "H%41st", KIOSK_URL_HOST_OPAQUE);
  assert_host ("0x7f.1", TRUE, "0x7f.1", KIOSK_URL_HOST_OPAQUE);
  assert_host ("caf\xC3\xA9\x01", TRUE, "caf%C3%A9%01", KIOSK_URL_HOST_OPAQUE);
  assert_host ("", TRUE, "", KIOSK_URL_HOST_EMPTY);
  assert_refused ("a b", TRUE);
  assert_refused ("a<b", TRUE);
}

static void
test_domain (void)
{
  assert_host ("WWW.CAF.FR", FALSE, "www.caf.fr", KIOSK_URL_HOST_DOMAIN);
  assert_host ("www.%63af.fr", FALSE, "www.caf.fr", KIOSK_URL_HOST_DOMAIN);
  assert_host ("caf\xC3\xA9.fr", FALSE, "xn--caf-dma.fr", KIOSK_URL_HOST_DOMAIN);
  assert_refused ("a%25b.fr", FALSE);
  assert_refused ("www.caf%C3.fr", FALSE);
  assert_refused ("%00", FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/url-host/ipv4/number-forms", test_ipv4_number_forms);
  g_test_add_func ("/core/url-host/ipv4/refused", test_ipv4_refused);
  g_test_add_func ("/core/url-host/ipv4/not-a-number", test_ipv4_not_a_number);
  g_test_add_func ("/core/url-host/ipv6/compression", test_ipv6_compression);
  g_test_add_func ("/core/url-host/ipv6/refused", test_ipv6_refused);
  g_test_add_func ("/core/url-host/opaque", test_opaque_host);
  g_test_add_func ("/core/url-host/domain", test_domain);

  return g_test_run ();
}
