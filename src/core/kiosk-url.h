/* kiosk-url.h — WHATWG URL parsing, as browsers do it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define KIOSK_URL_ERROR (kiosk_url_error_quark ())

/**
 * KioskUrlError:
 * @KIOSK_URL_ERROR_INVALID: the address is not a URL (no scheme and no base,
 *   a bad port, credentials without a host…)
 * @KIOSK_URL_ERROR_INVALID_HOST: the host is not valid: a forbidden character,
 *   an invalid internationalized name, a bad IPv4 or IPv6 address
 */
typedef enum
{
  KIOSK_URL_ERROR_INVALID,
  KIOSK_URL_ERROR_INVALID_HOST,
} KioskUrlError;

GQuark kiosk_url_error_quark (void);

/**
 * KioskUrlHostType:
 * @KIOSK_URL_HOST_NONE: the URL has no host (`mailto:x`, `sc:/path`)
 * @KIOSK_URL_HOST_DOMAIN: an ASCII domain, after UTS #46 ToASCII
 * @KIOSK_URL_HOST_IPV4: an IPv4 address, serialized as dotted decimal
 * @KIOSK_URL_HOST_IPV6: an IPv6 address, serialized compressed between brackets
 * @KIOSK_URL_HOST_OPAQUE: the host of a non-special URL, percent-encoded
 * @KIOSK_URL_HOST_EMPTY: the empty host (`file:///x`, `sc:///x`)
 */
typedef enum
{
  KIOSK_URL_HOST_NONE,
  KIOSK_URL_HOST_DOMAIN,
  KIOSK_URL_HOST_IPV4,
  KIOSK_URL_HOST_IPV6,
  KIOSK_URL_HOST_OPAQUE,
  KIOSK_URL_HOST_EMPTY,
} KioskUrlHostType;

/**
 * KioskUrl:
 * @scheme: lowercase scheme, without the ':'
 * @username: percent-encoded username, "" when absent (never %NULL)
 * @password: percent-encoded password, "" when absent (never %NULL)
 * @host: the serialized host, or %NULL when the URL has no host
 * @host_type: what kind of host @host is
 * @port: the port, or -1 when there is none or it is the scheme's default
 * @path: the serialized path: "/"-joined segments with a leading "/", or the
 *   opaque path of URLs such as `mailto:x` (which never starts with "/")
 * @query: the query without '?', or %NULL when there is none
 * @fragment: the fragment without '#', or %NULL when there is none
 * @special: whether @scheme is http, https, ws, wss, ftp or file
 *
 * A WHATWG URL record, each component serialized as the URL Standard
 * serializes it: kiosk_url_to_string() only concatenates them.
 */
typedef struct
{
  char             *scheme;
  char             *username;
  char             *password;
  char             *host;
  KioskUrlHostType  host_type;
  int               port;
  char             *path;
  char             *query;
  char             *fragment;
  gboolean          special;
} KioskUrl;

KioskUrl *kiosk_url_parse         (const char      *input,
                                   const KioskUrl  *base,
                                   GError         **error);
KioskUrl *kiosk_url_parse_len     (const char      *input,
                                   gssize           length,
                                   const KioskUrl  *base,
                                   GError         **error);
char     *kiosk_url_to_string     (const KioskUrl  *url);
int       kiosk_url_default_port  (const char      *scheme);
char     *kiosk_url_domain_to_ascii (const char    *domain,
                                     GError       **error);
void      kiosk_url_free          (KioskUrl        *url);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KioskUrl, kiosk_url_free)

G_END_DECLS
