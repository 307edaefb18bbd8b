/* kiosk-console-config.c — the desk console's configuration: its stations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-console-config"

#include "config.h"

#include "kiosk-console-config.h"

#include "kiosk-files.h"
#include "kiosk-key-file-reader.h"

#include "kiosk-station-api.h"
#include "kiosk-station-client.h"

#include <string.h>

#define CONSOLE_GROUP "Console"
#define STATION_GROUP_PREFIX "Station "
#define MAX_STATION_ID 64
#define MAX_CERTIFICATE_BYTES (256 * 1024)

struct _KioskConsoleConfig
{
  GObject    parent_instance;

  char      *path;
  guint      refresh_seconds;
  char      *catalogue;
  char      *mediator_name;
  GPtrArray *stations;
};

G_DEFINE_FINAL_TYPE (KioskConsoleConfig, kiosk_console_config, G_TYPE_OBJECT)

G_DEFINE_QUARK (kiosk-console-config-error-quark, kiosk_console_config_error)

static const char * const console_keys[] = { "RefreshSeconds", "Catalogue", "Name", NULL };
static const char * const station_keys[] = { "Url", "TokenFile", "Certificate", NULL };

/* Read as the station's own config is (kiosk-key-file-reader.c). */
typedef KioskKeyFileReader Reader;

static GKeyFile *
key_file_of (Reader *reader)
{
  return kiosk_key_file_reader_get_key_file (reader);
}

static void
station_free (KioskConsoleStation *station)
{
  g_free (station->id);
  g_free (station->url);
  if (station->token != NULL)
    explicit_bzero (station->token, strlen (station->token));
  g_free (station->token);
  g_free (station->certificate_pem);
  g_free (station);
}

static void
kiosk_console_config_finalize (GObject *object)
{
  KioskConsoleConfig *self = KIOSK_CONSOLE_CONFIG (object);

  g_free (self->path);
  g_free (self->catalogue);
  g_free (self->mediator_name);
  g_clear_pointer (&self->stations, g_ptr_array_unref);

  G_OBJECT_CLASS (kiosk_console_config_parent_class)->finalize (object);
}

static void
kiosk_console_config_class_init (KioskConsoleConfigClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kiosk_console_config_finalize;
}

static void
kiosk_console_config_init (KioskConsoleConfig *self)
{
  self->refresh_seconds = KIOSK_CONSOLE_CONFIG_DEFAULT_REFRESH;
  self->stations = g_ptr_array_new_with_free_func ((GDestroyNotify) station_free);
}

static char *
read_absolute_path (Reader     *reader,
                    const char *group,
                    const char *key,
                    gboolean    required)
{
  g_autofree char *value = kiosk_key_file_reader_read_string (reader, group, key, required);

  if (value != NULL && !g_path_is_absolute (value))
    {
      kiosk_key_file_reader_report (reader, KIOSK_CONSOLE_CONFIG_ERROR_INVALID_VALUE, group, key,
                                    "“%s” is not an absolute file path like "
                                    "“/etc/pimms-kiosk/gare-01.token”", value);
      return NULL;
    }

  return g_steal_pointer (&value);
}

static void
read_console_group (KioskConsoleConfig *self,
                    Reader             *reader)
{
  g_autofree char *refresh = NULL;
  g_autofree char *name = NULL;
  guint64 seconds;

  if (!g_key_file_has_group (key_file_of (reader), CONSOLE_GROUP))
    return;

  kiosk_key_file_reader_check_known_keys (reader, CONSOLE_GROUP, console_keys);

  refresh = kiosk_key_file_reader_read_string (reader, CONSOLE_GROUP, "RefreshSeconds", FALSE);
  if (refresh != NULL)
    {
      if (g_ascii_string_to_unsigned (refresh, 10, KIOSK_CONSOLE_CONFIG_MIN_REFRESH,
                                      KIOSK_CONSOLE_CONFIG_MAX_REFRESH, &seconds, NULL))
        self->refresh_seconds = seconds;
      else
        kiosk_key_file_reader_report (reader, KIOSK_CONSOLE_CONFIG_ERROR_INVALID_VALUE,
                                      CONSOLE_GROUP, "RefreshSeconds", "“%s” is not a number of "
                                      "seconds between %d and %d", refresh,
                                      KIOSK_CONSOLE_CONFIG_MIN_REFRESH,
                                      KIOSK_CONSOLE_CONFIG_MAX_REFRESH);
    }

  self->catalogue = read_absolute_path (reader, CONSOLE_GROUP, "Catalogue", FALSE);

  /* Shown on the other consoles when this one takes a call: one line. */
  name = kiosk_key_file_reader_read_string (reader, CONSOLE_GROUP, "Name", FALSE);
  if (name != NULL)
    {
      g_strstrip (name);
      if (*name == '\0' || g_utf8_strlen (name, -1) > KIOSK_CONSOLE_CONFIG_MAX_NAME ||
          strpbrk (name, "\n\r\t") != NULL)
        kiosk_key_file_reader_report (reader, KIOSK_CONSOLE_CONFIG_ERROR_INVALID_VALUE,
                                      CONSOLE_GROUP, "Name", "a name of 1 to %d characters on "
                                      "one line is expected", KIOSK_CONSOLE_CONFIG_MAX_NAME);
      else
        self->mediator_name = g_steal_pointer (&name);
    }
}

static gboolean
station_id_is_valid (const char *id)
{
  gsize length = strlen (id);

  if (length == 0 || length > MAX_STATION_ID)
    return FALSE;

  for (const char *c = id; *c != '\0'; c++)
    if (!g_ascii_isalnum (*c) && *c != '-' && *c != '_' && *c != '.')
      return FALSE;

  return TRUE;
}

/* Two spellings of one station's address, such as with and without a
 * final "/", or in capitals, are the same station.
 */
static char *
canonical_url (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  g_autofree char *host = NULL;

  if (uri == NULL)
    return g_strdup (url);

  host = g_ascii_strdown (g_uri_get_host (uri), -1);
  return g_strdup_printf ("%s://%s:%d", g_uri_get_scheme (uri), host, g_uri_get_port (uri));
}

static char *
not_a_certificate (Reader     *reader,
                   const char *group,
                   const char *path)
{
  kiosk_key_file_reader_report (reader, KIOSK_CONSOLE_CONFIG_ERROR_INVALID_VALUE, group,
                                "Certificate", "%s is not a PEM certificate (the station's "
                                "RemoteTlsCertificate, without its key)", path);
  return NULL;
}

static char *
read_certificate (Reader     *reader,
                  const char *group,
                  const char *path)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autofree char *pem = NULL;
  gsize length = 0;

  /* A device such as /dev/zero would be read until memory runs out, and a
   * FIFO would block the console: only a file of a certificate's size is
   * read at all.
   */
  pem = kiosk_files_read_private (path, NULL, MAX_CERTIFICATE_BYTES, KIOSK_FILES_CHECK_NONE,
                                  &length, &local_error);
  if (g_error_matches (local_error, KIOSK_FILES_ERROR, KIOSK_FILES_ERROR_NOT_REGULAR) ||
      g_error_matches (local_error, KIOSK_FILES_ERROR, KIOSK_FILES_ERROR_TOO_LARGE))
    return not_a_certificate (reader, group, path);

  if (pem == NULL)
    {
      kiosk_key_file_reader_report (reader, KIOSK_CONSOLE_CONFIG_ERROR_INVALID_VALUE, group,
                                    "Certificate", "cannot read the certificate %s: %s",
                                    path, local_error->message);
      return NULL;
    }

  certificate = g_tls_certificate_new_from_pem (pem, length, &local_error);
  if (certificate == NULL)
    return not_a_certificate (reader, group, path);

  return g_steal_pointer (&pem);
}

static void
read_station (KioskConsoleConfig *self,
              Reader             *reader,
              const char         *group,
              GHashTable         *urls)
{
  const char *id = group + strlen (STATION_GROUP_PREFIX);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *token_file = NULL;
  g_autofree char *certificate_file = NULL;
  g_autofree char *token = NULL;
  g_autofree char *certificate_pem = NULL;
  gboolean valid = TRUE;
  KioskConsoleStation *station;

  if (!station_id_is_valid (id))
    valid = kiosk_key_file_reader_report (reader, KIOSK_CONSOLE_CONFIG_ERROR_INVALID_VALUE, group,
                                          NULL, "a station id is 1 to %d letters, digits, “-”, "
                                          "“_” or “.”, like [Station gare-01]", MAX_STATION_ID);

  kiosk_key_file_reader_check_known_keys (reader, group, station_keys);

  url = kiosk_key_file_reader_read_string (reader, group, "Url", TRUE);
  if (url != NULL && !kiosk_station_client_check_url (url, &local_error))
    {
      valid = kiosk_key_file_reader_report (reader, KIOSK_CONSOLE_CONFIG_ERROR_INVALID_VALUE, group,
                                            "Url", "%s", local_error->message);
      g_clear_error (&local_error);
    }
  else if (url != NULL)
    {
      g_autofree char *canonical = canonical_url (url);
      const char *other = g_hash_table_lookup (urls, canonical);

      if (other != NULL)
        valid = kiosk_key_file_reader_report (reader, KIOSK_CONSOLE_CONFIG_ERROR_DUPLICATE_URL,
                                              group, "Url", "%s is already the address of [%s]",
                                              url, other);
      else
        g_hash_table_insert (urls, g_steal_pointer (&canonical), g_strdup (group));
    }
  valid &= url != NULL;

  token_file = read_absolute_path (reader, group, "TokenFile", TRUE);
  if (token_file != NULL)
    {
      token = kiosk_station_api_load_token (token_file, &local_error);
      if (token == NULL)
        {
          valid = kiosk_key_file_reader_report (reader, KIOSK_CONSOLE_CONFIG_ERROR_INVALID_VALUE,
                                                group, "TokenFile", "%s", local_error->message);
          g_clear_error (&local_error);
        }
    }
  else
    {
      valid = FALSE;
    }

  certificate_file = read_absolute_path (reader, group, "Certificate", FALSE);
  if (certificate_file != NULL)
    {
      if (url != NULL && !g_str_has_prefix (url, "https:"))
        valid = kiosk_key_file_reader_report (reader, KIOSK_CONSOLE_CONFIG_ERROR_INVALID_VALUE,
                                              group, "Certificate", "a certificate goes with an "
                                              "https:// Url");
      certificate_pem = read_certificate (reader, group, certificate_file);
      valid &= certificate_pem != NULL;
    }
  else if (g_key_file_has_key (key_file_of (reader), group, "Certificate", NULL))
    {
      valid = FALSE;
    }

  if (!valid)
    {
      if (token != NULL)
        explicit_bzero (token, strlen (token));
      return;
    }

  station = g_new0 (KioskConsoleStation, 1);
  station->id = g_strdup (id);
  station->url = g_steal_pointer (&url);
  station->token = g_steal_pointer (&token);
  station->certificate_pem = g_steal_pointer (&certificate_pem);
  g_ptr_array_add (self->stations, station);
}

static void
kiosk_console_config_read (KioskConsoleConfig *self,
                           Reader             *reader)
{
  g_auto(GStrv) groups = g_key_file_get_groups (key_file_of (reader), NULL);
  g_autoptr(GHashTable) urls = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  gboolean has_station = FALSE;

  read_console_group (self, reader);

  for (guint i = 0; groups[i] != NULL; i++)
    {
      if (strcmp (groups[i], CONSOLE_GROUP) == 0)
        continue;

      if (!g_str_has_prefix (groups[i], STATION_GROUP_PREFIX))
        {
          kiosk_key_file_reader_report (reader, KIOSK_CONSOLE_CONFIG_ERROR_UNKNOWN_GROUP, groups[i],
                                        NULL, "unknown group; expected [Console] or [Station ID]");
          continue;
        }

      has_station = TRUE;
      read_station (self, reader, groups[i], urls);
    }

  if (!has_station)
    kiosk_key_file_reader_report (reader, KIOSK_CONSOLE_CONFIG_ERROR_NO_STATION, NULL, NULL,
                                  "no [Station ID] group: the console would have nothing to show");
}

/**
 * kiosk_console_config_load:
 * @path: the console's config, usually %KIOSK_CONSOLE_CONFIG_DEFAULT_PATH
 * @error: return location for a #KioskConsoleConfigError
 *
 * Reads and checks the whole file, and every station's token file and
 * certificate: a token file must be private to its owner, like the
 * station's own. Every problem is reported at once, one line each, as
 * "FILE:LINE: [Group] Key: what is wrong".
 *
 * Returns: (transfer full): the config, or %NULL with @error set
 */
KioskConsoleConfig *
kiosk_console_config_load (const char  *path,
                           GError     **error)
{
  g_autoptr(KioskConsoleConfig) self = NULL;
  g_autoptr(KioskKeyFileReader) reader = NULL;
  KioskKeyFileErrors errors = {
    KIOSK_CONSOLE_CONFIG_ERROR, KIOSK_CONSOLE_CONFIG_ERROR_UNREADABLE,
    KIOSK_CONSOLE_CONFIG_ERROR_SYNTAX, KIOSK_CONSOLE_CONFIG_ERROR_MISSING_KEY,
    KIOSK_CONSOLE_CONFIG_ERROR_UNKNOWN_KEY,
  };

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  reader = kiosk_key_file_reader_load (path, &errors, error);
  if (reader == NULL)
    return NULL;

  self = g_object_new (KIOSK_TYPE_CONSOLE_CONFIG, NULL);
  self->path = g_strdup (path);
  kiosk_console_config_read (self, reader);
  if (!kiosk_key_file_reader_finish (reader, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
kiosk_console_config_get_path (KioskConsoleConfig *self)
{
  g_return_val_if_fail (KIOSK_IS_CONSOLE_CONFIG (self), NULL);

  return self->path;
}

/**
 * kiosk_console_config_get_refresh_seconds:
 * @self: a #KioskConsoleConfig
 *
 * Returns: how often the console asks every station for its state
 *   (RefreshSeconds, 5 by default)
 */
guint
kiosk_console_config_get_refresh_seconds (KioskConsoleConfig *self)
{
  g_return_val_if_fail (KIOSK_IS_CONSOLE_CONFIG (self), KIOSK_CONSOLE_CONFIG_DEFAULT_REFRESH);

  return self->refresh_seconds;
}

/**
 * kiosk_console_config_get_catalogue:
 * @self: a #KioskConsoleConfig
 *
 * Returns: (nullable): a station config whose services name the usage
 *   charts (Catalogue), or %NULL for the stations' default one
 */
const char *
kiosk_console_config_get_catalogue (KioskConsoleConfig *self)
{
  g_return_val_if_fail (KIOSK_IS_CONSOLE_CONFIG (self), NULL);

  return self->catalogue;
}

/**
 * kiosk_console_config_get_mediator_name:
 * @self: a #KioskConsoleConfig
 *
 * Returns: who this console is, as the stations and the other consoles
 *   see it when it takes a call (Name): by default the desktop user's
 *   full name, or their login
 */
const char *
kiosk_console_config_get_mediator_name (KioskConsoleConfig *self)
{
  const char *real_name;

  g_return_val_if_fail (KIOSK_IS_CONSOLE_CONFIG (self), NULL);

  if (self->mediator_name != NULL)
    return self->mediator_name;

  real_name = g_get_real_name ();
  if (real_name != NULL && *real_name != '\0' && strcmp (real_name, "Unknown") != 0 &&
      g_utf8_strlen (real_name, -1) <= KIOSK_CONSOLE_CONFIG_MAX_NAME)
    return real_name;

  return g_get_user_name ();
}

/**
 * kiosk_console_config_get_stations:
 * @self: a #KioskConsoleConfig
 *
 * Returns: (transfer none) (element-type KioskConsoleStation): the
 *   stations, in the order of the file; at least one
 */
GPtrArray *
kiosk_console_config_get_stations (KioskConsoleConfig *self)
{
  g_return_val_if_fail (KIOSK_IS_CONSOLE_CONFIG (self), NULL);

  return self->stations;
}
