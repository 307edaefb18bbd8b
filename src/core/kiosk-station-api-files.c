/* kiosk-station-api-files.c — the token and certificate files the station API starts with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-station-api"

#include "config.h"

#include "kiosk-station-api-private.h"

#include "kiosk-files.h"

#include <string.h>

#define MAX_TOKEN_LENGTH 1024
#define MAX_KEY_FILE_SIZE (256 * 1024)

static void
wipe_string (char *text)
{
  if (text == NULL)
    return;

  explicit_bzero (text, strlen (text));
  g_free (text);
}

/* A string holding a token or a private key, erased before it is freed. */
typedef char Secret;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Secret, wipe_string)

/* Reads a file of the API's (a token, a key, a certificate) with the one
 * reader of untrusted files, and reports its problems in our own domain:
 * the station refuses to start its API on any of them.
 */
static char *
read_api_file (const char       *path,
               const char       *what,
               gsize             max_size,
               KioskFilesCheck   checks,
               int               invalid_code,
               gsize            *length,
               GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  char *contents;
  int code;

  contents = kiosk_files_read_private (path, what, max_size, checks, length, &local_error);
  if (contents != NULL)
    return contents;

  if (g_error_matches (local_error, KIOSK_FILES_ERROR, KIOSK_FILES_ERROR_NOT_PRIVATE))
    code = KIOSK_STATION_API_ERROR_INSECURE;
  else if (g_error_matches (local_error, KIOSK_FILES_ERROR, KIOSK_FILES_ERROR_TOO_LARGE))
    code = invalid_code;
  else
    code = KIOSK_STATION_API_ERROR_UNREADABLE;

  g_set_error_literal (error, KIOSK_STATION_API_ERROR, code, local_error->message);
  return NULL;
}

/* Returns a copy of the one word of @contents, or %NULL with an error. */
static char *
parse_token (const char  *path,
             char        *contents,
             gsize        length,
             GError     **error)
{
  const char *token;

  if (memchr (contents, '\0', length) != NULL)
    {
      g_set_error (error, KIOSK_STATION_API_ERROR, KIOSK_STATION_API_ERROR_INVALID_TOKEN,
                   "The station API token file %s holds a binary zero, not a token", path);
      return NULL;
    }

  token = g_strstrip (contents);
  for (const char *c = token; *c != '\0'; c++)
    {
      if (!g_ascii_isgraph (*c))
        {
          g_set_error (error, KIOSK_STATION_API_ERROR, KIOSK_STATION_API_ERROR_INVALID_TOKEN,
                       "The station API token in %s must be one word of printable ASCII "
                       "characters", path);
          return NULL;
        }
    }

  if (strlen (token) < MIN_TOKEN_LENGTH || strlen (token) > MAX_TOKEN_LENGTH)
    {
      g_set_error (error, KIOSK_STATION_API_ERROR, KIOSK_STATION_API_ERROR_INVALID_TOKEN,
                   "The station API token in %s has %" G_GSIZE_FORMAT " characters, it needs "
                   "%d to %d (for example “openssl rand -hex 32”)",
                   path, strlen (token), MIN_TOKEN_LENGTH, MAX_TOKEN_LENGTH);
      return NULL;
    }

  return g_strdup (token);
}

/**
 * kiosk_station_api_load_token:
 * @path: the token file (RemoteTokenFile)
 * @error: return location for a #KioskStationApiError
 *
 * Reads the bearer token the desk console must present: the station
 * reads it to check requests, the console to make them. The file must
 * be a regular file that neither the group nor other users may read or
 * change, holding one token of 16 to 1024 printable ASCII characters
 * without spaces; white space around it, such as a final newline, is
 * ignored. When it fails, the caller must not start the API at all.
 *
 * Returns: (transfer full): the token, to be erased after use, or %NULL
 *   with an error that names the file
 */
char *
kiosk_station_api_load_token (const char  *path,
                              GError     **error)
{
  char *contents;
  char *token;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  contents = read_api_file (path, "station API token file", MAX_TOKEN_LENGTH + 64,
                            KIOSK_FILES_CHECK_OWNER_ONLY_MODE,
                            KIOSK_STATION_API_ERROR_INVALID_TOKEN, &length, error);
  if (contents == NULL)
    return NULL;

  token = parse_token (path, contents, length, error);

  /* Stripping moved the token about: erase the whole buffer. */
  explicit_bzero (contents, length);
  g_free (contents);

  return token;
}

/**
 * kiosk_station_api_load_certificate:
 * @certificate_path: a PEM certificate (RemoteTlsCertificate)
 * @key_path: (nullable): its PEM private key (RemoteTlsKey), or %NULL
 *   when @certificate_path holds the key too
 * @error: return location for a #KioskStationApiError
 *
 * Loads the certificate the API serves https with. The file holding
 * the private key must be private to its owner, like the token file.
 *
 * Returns: (transfer full): the certificate, or %NULL with an error
 *   that names the file at fault
 */
GTlsCertificate *
kiosk_station_api_load_certificate (const char  *certificate_path,
                                    const char  *key_path,
                                    GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(Secret) key = NULL;
  g_autoptr(Secret) pem = NULL;
  g_autofree char *certificate = NULL;
  GTlsCertificate *result;
  gsize length = 0;

  g_return_val_if_fail (certificate_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  key = read_api_file (key_path != NULL ? key_path : certificate_path,
                       "station API TLS key", MAX_KEY_FILE_SIZE,
                       KIOSK_FILES_CHECK_OWNER_ONLY_MODE,
                       KIOSK_STATION_API_ERROR_INVALID_CERTIFICATE, &length, error);
  if (key == NULL)
    return NULL;

  /* The certificate is public, but a FIFO or a device in its place must
   * not hang or swamp the station any more than one in the key's.
   */
  if (key_path != NULL)
    {
      certificate = kiosk_files_read_private (certificate_path, "station API certificate",
                                              MAX_KEY_FILE_SIZE, KIOSK_FILES_CHECK_NONE, NULL,
                                              &local_error);
      if (certificate == NULL)
        {
          g_set_error_literal (error, KIOSK_STATION_API_ERROR,
                               KIOSK_STATION_API_ERROR_INVALID_CERTIFICATE,
                               local_error->message);
          return NULL;
        }
    }

  pem = g_strconcat (certificate != NULL ? certificate : "", "\n", key, NULL);
  result = g_tls_certificate_new_from_pem (pem, -1, &local_error);
  if (result == NULL)
    {
      g_set_error (error, KIOSK_STATION_API_ERROR, KIOSK_STATION_API_ERROR_INVALID_CERTIFICATE,
                   "The station API certificate %s%s%s is not a PEM certificate and key: %s",
                   certificate_path,
                   key_path != NULL ? " with the key " : "", key_path != NULL ? key_path : "",
                   local_error->message);
      return NULL;
    }

  return result;
}
