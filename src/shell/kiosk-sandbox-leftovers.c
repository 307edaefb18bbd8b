/* kiosk-sandbox-leftovers.c — the folders WebKit's sandbox leaves behind
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-sandbox-leftovers"

#include "config.h"

#include "kiosk-sandbox-leftovers.h"

#include "kiosk-files.h"
#include "kiosk-processes.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* WebKit's sandbox leaves, for each web process it starts, a folder
 * $XDG_RUNTIME_DIR/.flatpak/webkit-UIPID-N with the process's ids for
 * xdg-desktop-portal, and never removes it. Nothing of the resident is in
 * it, but a station's sessions would pile up thousands of them in the
 * runtime folder, which is memory (tmpfs): those of this kiosk's web
 * processes that have ended go once the wipe is proven.
 */
/**
 * kiosk_sandbox_remove_leftovers:
 *
 * Removes the sandbox folders of this kiosk's web processes that have
 * ended.
 */
void
kiosk_sandbox_remove_leftovers (void)
{
  g_autofree char *parent = g_build_filename (g_get_user_runtime_dir (), ".flatpak", NULL);
  g_autofree char *prefix = g_strdup_printf ("webkit-%d-", (int) getpid ());
  g_autoptr(GDir) dir = g_dir_open (parent, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autoptr(GArray) pids = g_array_new (FALSE, FALSE, sizeof (pid_t));
      g_autofree char *folder = NULL;
      g_autofree char *info_path = NULL;
      g_autofree char *info = NULL;
      const char *field;
      pid_t pid;

      if (!g_str_has_prefix (name, prefix))
        continue;

      folder = g_build_filename (parent, name, NULL);
      info_path = g_build_filename (folder, "bwrapinfo.json", NULL);
      if (!g_file_get_contents (info_path, &info, NULL, NULL) ||
          (field = strstr (info, "\"child-pid\":")) == NULL)
        continue;

      /* A process still running keeps its folder, and so does one whose
       * id was already given to another process.
       */
      pid = strtol (field + strlen ("\"child-pid\":"), NULL, 10);
      g_array_append_val (pids, pid);
      if (pid <= 0 || kiosk_processes_any_alive (pids))
        continue;

      kiosk_files_remove_tree (folder, NULL);
    }
}
