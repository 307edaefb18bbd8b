/* fuzz-config.c — libFuzzer target: the station's and the desk console's config files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-fuzz"

#include "config.h"

#include "kiosk-config.h"
#include "kiosk-console-config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Both configs are only ever read from a file, as the kiosk reads them:
 * the input goes into a temporary file, removed at once so that nothing
 * is left behind, rewritten for every run and loaded through its /proc
 * path.
 */
static int config_fd = -1;
static char config_path[64];

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  config_fd = g_file_open_tmp ("fuzz-config-XXXXXX.conf", &name, &error);
  g_assert_no_error (error);
  g_unlink (name);
  g_snprintf (config_path, sizeof config_path, "/proc/self/fd/%d", config_fd);

  return 0;
}

static void
write_input (const uint8_t *data,
             size_t         size)
{
  if (ftruncate (config_fd, 0) != 0 ||
      pwrite (config_fd, data, size, 0) != (ssize_t) size)
    g_error ("Cannot write the input to %s: %s", config_path, g_strerror (errno));
}

/* Every refusal must say where, as "FILE:LINE: ", on every line of the
 * message: that is what an admin is told to look for.
 */
static void
check_error_lines (const GError *error)
{
  g_auto(GStrv) lines = g_strsplit (error->message, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (!g_str_has_prefix (lines[i], config_path) || lines[i][strlen (config_path)] != ':')
        g_error ("A config error does not say where it is: “%s”", lines[i]);
    }
}

static void
check_station_config (KioskConfig *config)
{
  GPtrArray *services = kiosk_config_get_services (config);

  g_assert_true (services->len > 0);
  for (guint i = 0; i < services->len; i++)
    {
      KioskService *service = g_ptr_array_index (services, i);

      g_assert_true (kiosk_config_lookup_service (config, kiosk_service_get_id (service)) != NULL);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) console_error = NULL;
  g_autoptr(KioskConfig) config = NULL;
  g_autoptr(KioskConsoleConfig) console_config = NULL;

  write_input (data, size);

  config = kiosk_config_load (config_path, &error);
  g_assert_true ((config == NULL) == (error != NULL));
  if (config != NULL)
    check_station_config (config);
  else
    check_error_lines (error);

  console_config = kiosk_console_config_load (config_path, &console_error);
  g_assert_true ((console_config == NULL) == (console_error != NULL));
  if (console_config != NULL)
    g_assert_true (kiosk_console_config_get_stations (console_config)->len > 0);
  else
    check_error_lines (console_error);

  return 0;
}
