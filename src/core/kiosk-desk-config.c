/* kiosk-desk-config.c — the config a desk sent to the station, kept in its state folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-config"

#include "config.h"

#include "kiosk-desk-config.h"

#include "kiosk-config-shared.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

/* A network's stations share a catalogue, which the desk sends to each
 * one over the station API (kiosk-config-shared.c says what is shared).
 * A station keeps what it accepted in <state>/desk-config/:
 *
 *   shared.conf    the desk's config, as it came
 *   previous.conf  the one before, to roll back to
 *   merged.conf    shared.conf with this station's own keys: what runs
 *
 * so that it starts again with the last config it accepted, merged anew
 * with its own file (whose station keys an admin may have changed since).
 * A config is accepted only once it loads as check-config would load it;
 * a refused one changes nothing.
 */

static char *
desk_path (const char *state_dir,
           const char *name)
{
  return g_build_filename (state_dir, "desk-config", name, NULL);
}

/* Loads @merged_text, written at @path, as any config is loaded; the
 * reasons for a refusal name the desk's file, not this station's copy.
 */
static KioskConfig *
load_merged (const char  *merged_text,
             const char  *path,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  KioskConfig *config;

  if (!g_file_set_contents_full (path, merged_text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                 &local_error))
    {
      g_set_error (error, KIOSK_CONFIG_ERROR, KIOSK_CONFIG_ERROR_UNREADABLE,
                   "cannot keep the configuration: %s", local_error->message);
      return NULL;
    }

  config = kiosk_config_load (path, &local_error);
  if (config == NULL)
    {
      g_autofree char *prefix = g_strconcat (path, ":", NULL);
      g_auto(GStrv) parts = g_strsplit (local_error->message, prefix, -1);
      g_autofree char *message = g_strjoinv ("line ", parts);

      g_set_error_literal (error, local_error->domain, local_error->code, message);
      return NULL;
    }

  return config;
}

static KioskConfig *
merge_and_load (const char  *shared,
                gsize        length,
                const char  *station_path,
                const char  *merged_path,
                GError     **error)
{
  g_autofree char *merged = kiosk_config_merge_shared (shared, length, station_path, error);

  if (merged == NULL)
    return NULL;
  return load_merged (merged, merged_path, error);
}

/**
 * kiosk_desk_config_load_station:
 * @station_path: the station's own config file
 * @state_dir: the station's state folder
 * @error: return location for a %KIOSK_CONFIG_ERROR
 *
 * The config the station starts with: its own file, or, once a desk sent
 * one it accepted, that one with the file's station keys. Should the two
 * no longer go together (a station key of the file changed for the
 * worse), the station's own file alone, which the journal says.
 *
 * Returns: (transfer full) (nullable): the config, or %NULL with @error
 *   set when the station's own file does not load either
 */
KioskConfig *
kiosk_desk_config_load_station (const char  *station_path,
                                const char  *state_dir,
                                GError     **error)
{
  g_autofree char *shared_path = desk_path (state_dir, "shared.conf");
  g_autofree char *merged_path = desk_path (state_dir, "merged.conf");
  g_autofree char *shared = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length = 0;
  KioskConfig *config;

  g_return_val_if_fail (station_path != NULL && state_dir != NULL, NULL);

  if (!g_file_get_contents (shared_path, &shared, &length, NULL))
    return kiosk_config_load (station_path, error);

  config = merge_and_load (shared, length, station_path, merged_path, &local_error);
  if (config != NULL)
    return config;

  g_warning ("The configuration the desk sent no longer loads with %s (%s): running with %s "
             "alone", station_path, local_error->message, station_path);
  return kiosk_config_load (station_path, error);
}

/* @from becomes @to, or @to goes when there is no @from. */
static gboolean
move_file (const char  *from,
           const char  *to,
           GError     **error)
{
  if (g_rename (from, to) == 0)
    return TRUE;
  if (errno == ENOENT)
    {
      g_unlink (to);
      return TRUE;
    }

  g_set_error (error, KIOSK_CONFIG_ERROR, KIOSK_CONFIG_ERROR_UNREADABLE,
               "cannot keep the configuration: %s", g_strerror (errno));
  return FALSE;
}

/**
 * kiosk_desk_config_accept:
 * @shared: (array length=length): the config a desk sends
 * @length: its length in bytes
 * @station_path: the station's own config file
 * @state_dir: the station's state folder
 * @error: return location for a %KIOSK_CONFIG_ERROR
 *
 * Checks @shared merged with this station's own keys exactly as
 * `pimms-kiosk-admin check-config` checks a file; a config that passes is
 * kept, the one before it kept too, to roll back to. A refused one
 * changes nothing, and @error says why in check-config's words.
 *
 * Returns: (transfer full) (nullable): the config to run with once the
 *   station is free, or %NULL with @error set
 */
KioskConfig *
kiosk_desk_config_accept (const char  *shared,
                          gsize        length,
                          const char  *station_path,
                          const char  *state_dir,
                          GError     **error)
{
  g_autofree char *dir = desk_path (state_dir, NULL);
  g_autofree char *candidate_path = desk_path (state_dir, "candidate.conf");
  g_autofree char *shared_path = desk_path (state_dir, "shared.conf");
  g_autofree char *previous_path = desk_path (state_dir, "previous.conf");
  g_autofree char *merged_path = desk_path (state_dir, "merged.conf");
  g_autoptr(KioskConfig) candidate = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (shared != NULL || length == 0, NULL);
  g_return_val_if_fail (station_path != NULL && state_dir != NULL, NULL);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, KIOSK_CONFIG_ERROR, KIOSK_CONFIG_ERROR_UNREADABLE,
                   "cannot keep the configuration in %s: %s", dir, g_strerror (errno));
      return NULL;
    }

  candidate = merge_and_load (shared, length, station_path, candidate_path, error);
  g_unlink (candidate_path);
  if (candidate == NULL)
    return NULL;

  if (!move_file (shared_path, previous_path, error))
    return NULL;
  if (!g_file_set_contents_full (shared_path, shared, length, G_FILE_SET_CONTENTS_CONSISTENT,
                                 0600, &local_error))
    {
      g_set_error (error, KIOSK_CONFIG_ERROR, KIOSK_CONFIG_ERROR_UNREADABLE,
                   "cannot keep the configuration: %s", local_error->message);
      return NULL;
    }

  return merge_and_load (shared, length, station_path, merged_path, error);
}

/**
 * kiosk_desk_config_roll_back:
 * @station_path: the station's own config file
 * @state_dir: the station's state folder
 * @error: return location for a %KIOSK_CONFIG_ERROR
 *
 * Goes back to the config the desk sent before the last one, which
 * becomes the previous one in turn; without one, to the station's own
 * file.
 *
 * Returns: (transfer full) (nullable): the config to run with once the
 *   station is free, or %NULL with @error set
 */
KioskConfig *
kiosk_desk_config_roll_back (const char  *station_path,
                             const char  *state_dir,
                             GError     **error)
{
  g_autofree char *shared_path = desk_path (state_dir, "shared.conf");
  g_autofree char *previous_path = desk_path (state_dir, "previous.conf");
  g_autofree char *swap_path = desk_path (state_dir, "swap.conf");

  g_return_val_if_fail (station_path != NULL && state_dir != NULL, NULL);

  if (!move_file (shared_path, swap_path, error) ||
      !move_file (previous_path, shared_path, error) ||
      !move_file (swap_path, previous_path, error))
    return NULL;

  return kiosk_desk_config_load_station (station_path, state_dir, error);
}
