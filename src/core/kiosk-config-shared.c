/* kiosk-config-shared.c — what of a config every station shares, and its version
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-config"

#include "config.h"

#include "kiosk-config-shared.h"

#include "kiosk-config.h"

#include <string.h>

/* The keys that make a station itself: its name and site, how it reaches
 * the network and its printer, where its own files are (the API's token
 * and certificate, the staff PIN, an upload folder, an admin's block
 * list). Everything else — the catalogue, the allow-lists, the timeouts —
 * is the same on every station of a network, and is what a desk sends.
 */
static const char * const station_kiosk_keys[] = {
  "StationId",
  "Site",
  "Proxy",
  "UploadFolder",
  "Printer",
  "RemoteListen",
  "RemoteTokenFile",
  "RemoteTlsCertificate",
  "RemoteTlsKey",
  "StaffPinFile",
  NULL
};

/**
 * kiosk_config_is_station_key:
 * @group: a group of a config
 * @key: one of its keys
 *
 * Returns: whether @key belongs to the station alone, never to a config
 *   shared by the stations of a network
 */
gboolean
kiosk_config_is_station_key (const char *group,
                             const char *key)
{
  g_return_val_if_fail (group != NULL && key != NULL, FALSE);

  if (strcmp (group, "Kiosk") == 0)
    return g_strv_contains (station_kiosk_keys, key);
  if (strcmp (group, "Block") == 0)
    return strcmp (key, "BlockListFile") == 0;
  return FALSE;
}

typedef void (*KeyFunc) (GKeyFile   *key_file,
                         const char *group,
                         const char *key,
                         gpointer    user_data);

/* Calls @func for each key of @key_file, in its order: the station's own
 * keys (@station_keys) or the others.
 */
static void
foreach_key (GKeyFile *key_file,
             gboolean  station_keys,
             KeyFunc   func,
             gpointer  user_data)
{
  g_auto(GStrv) groups = g_key_file_get_groups (key_file, NULL);

  for (guint g = 0; groups[g] != NULL; g++)
    {
      g_auto(GStrv) keys = g_key_file_get_keys (key_file, groups[g], NULL, NULL);

      for (guint k = 0; keys != NULL && keys[k] != NULL; k++)
        if (kiosk_config_is_station_key (groups[g], keys[k]) == station_keys)
          func (key_file, groups[g], keys[k], user_data);
    }
}

static void
add_to_digest (GKeyFile   *key_file,
               const char *group,
               const char *key,
               gpointer    user_data)
{
  g_autofree char *value = g_key_file_get_value (key_file, group, key, NULL);
  g_autofree char *line = g_strdup_printf ("[%s]%s=%s\n", group, key, value != NULL ? value : "");

  g_checksum_update (user_data, (const guchar *) line, -1);
}

/**
 * kiosk_config_version_of:
 * @key_file: a config as read
 *
 * The version of what @key_file shares with the other stations: a digest
 * of its groups, keys and values in their order, leaving out the station's
 * own keys and the comments. Two stations with the same catalogue and
 * settings have the same version whatever their names; the desk computes
 * it of a config it sends, and sees which stations are behind.
 *
 * Returns: (transfer full): twelve hexadecimal digits
 */
char *
kiosk_config_version_of (GKeyFile *key_file)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  g_return_val_if_fail (key_file != NULL, NULL);

  foreach_key (key_file, FALSE, add_to_digest, checksum);
  return g_strndup (g_checksum_get_string (checksum), 12);
}

/* The station's own key @key of @key_file, put in the merged config. */
static void
copy_key (GKeyFile   *key_file,
          const char *group,
          const char *key,
          gpointer    user_data)
{
  g_autofree char *value = g_key_file_get_value (key_file, group, key, NULL);

  if (value != NULL)
    g_key_file_set_value (user_data, group, key, value);
}

static void
remove_key (GKeyFile   *key_file,
            const char *group,
            const char *key,
            gpointer    user_data)
{
  g_key_file_remove_key (key_file, group, key, NULL);
}

/**
 * kiosk_config_merge_shared:
 * @shared: (array length=length): a config as a desk sends it to every
 *   station: the catalogue and the settings they share
 * @length: its length in bytes
 * @station_path: the station's own config file
 * @error: return location for a %KIOSK_CONFIG_ERROR
 *
 * The config this station would run with @shared: @shared's groups and
 * keys, without any key of a station's own (kiosk_config_is_station_key():
 * the desk's file may hold its template's `StationId`), and with this
 * station's own keys from @station_path. A station's name, site, network
 * settings and secrets never come from a desk. The result is to be
 * checked as any config is (kiosk_config_load()).
 *
 * Returns: (transfer full) (nullable): the merged config's text, or %NULL
 *   with @error set when @shared is not a config file at all, or the
 *   station's own file cannot be read
 */
char *
kiosk_config_merge_shared (const char  *shared,
                           gsize        length,
                           const char  *station_path,
                           GError     **error)
{
  g_autoptr(GKeyFile) merged = g_key_file_new ();
  g_autoptr(GKeyFile) station = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (shared != NULL || length == 0, NULL);
  g_return_val_if_fail (station_path != NULL, NULL);

  if (length > KIOSK_CONFIG_SHARED_MAX_BYTES)
    {
      g_set_error (error, KIOSK_CONFIG_ERROR, KIOSK_CONFIG_ERROR_SYNTAX,
                   "the configuration is larger than %d bytes", KIOSK_CONFIG_SHARED_MAX_BYTES);
      return NULL;
    }
  /* GKeyFile would stop at a binary zero and read what comes before. */
  if (memchr (shared, '\0', length) != NULL || !g_utf8_validate_len (shared, length, NULL))
    {
      g_set_error_literal (error, KIOSK_CONFIG_ERROR, KIOSK_CONFIG_ERROR_SYNTAX,
                           "the configuration is not UTF-8 text");
      return NULL;
    }
  if (!g_key_file_load_from_data (merged, shared, length, G_KEY_FILE_KEEP_COMMENTS |
                                                          G_KEY_FILE_KEEP_TRANSLATIONS,
                                  &local_error))
    {
      g_set_error (error, KIOSK_CONFIG_ERROR, KIOSK_CONFIG_ERROR_SYNTAX,
                   "the configuration is not a configuration file: %s", local_error->message);
      return NULL;
    }
  if (!g_key_file_load_from_file (station, station_path, G_KEY_FILE_KEEP_TRANSLATIONS,
                                  &local_error))
    {
      g_set_error (error, KIOSK_CONFIG_ERROR, KIOSK_CONFIG_ERROR_UNREADABLE,
                   "cannot read the station's own configuration %s: %s", station_path,
                   local_error->message);
      return NULL;
    }

  foreach_key (merged, TRUE, remove_key, NULL);
  foreach_key (station, TRUE, copy_key, merged);
  return g_key_file_to_data (merged, NULL, NULL);
}
