/* kiosk-config-shared.c — what of a config every station shares, and its version
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-config"

#include "config.h"

#include "kiosk-config-shared.h"

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
  g_auto(GStrv) groups = NULL;

  g_return_val_if_fail (key_file != NULL, NULL);

  groups = g_key_file_get_groups (key_file, NULL);
  for (guint g = 0; groups[g] != NULL; g++)
    {
      g_auto(GStrv) keys = g_key_file_get_keys (key_file, groups[g], NULL, NULL);

      g_checksum_update (checksum, (const guchar *) "[", 1);
      g_checksum_update (checksum, (const guchar *) groups[g], -1);
      g_checksum_update (checksum, (const guchar *) "]\n", 2);
      for (guint k = 0; keys != NULL && keys[k] != NULL; k++)
        {
          g_autofree char *value = NULL;

          if (kiosk_config_is_station_key (groups[g], keys[k]))
            continue;
          value = g_key_file_get_value (key_file, groups[g], keys[k], NULL);
          g_checksum_update (checksum, (const guchar *) keys[k], -1);
          g_checksum_update (checksum, (const guchar *) "=", 1);
          g_checksum_update (checksum, (const guchar *) (value != NULL ? value : ""), -1);
          g_checksum_update (checksum, (const guchar *) "\n", 1);
        }
    }

  return g_strndup (g_checksum_get_string (checksum), 12);
}
