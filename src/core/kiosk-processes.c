/* kiosk-processes.c — finding the web processes this program started
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-processes"

#include "config.h"

#include "kiosk-processes.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Reads "PID (COMM) STATE PPID ..." from /proc/PID/stat. The command
 * name may itself contain spaces and parentheses, so the last ')' ends it.
 */
static gboolean
read_process (const char *pid_name,
              char      **comm,
              pid_t      *parent)
{
  g_autofree char *path = g_build_filename ("/proc", pid_name, "stat", NULL);
  g_autofree char *contents = NULL;
  char *open_paren;
  char *close_paren;
  char state;
  int ppid;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return FALSE;

  open_paren = strchr (contents, '(');
  close_paren = strrchr (contents, ')');
  if (open_paren == NULL || close_paren == NULL || close_paren < open_paren)
    return FALSE;

  if (sscanf (close_paren + 1, " %c %d", &state, &ppid) != 2)
    return FALSE;

  /* A zombie has exited; only its parent has not collected it yet. */
  if (state == 'Z' || state == 'X')
    return FALSE;

  *comm = g_strndup (open_paren + 1, close_paren - open_paren - 1);
  *parent = ppid;
  return TRUE;
}

/**
 * kiosk_processes_find_descendants:
 * @name: a process name as the kernel records it (at most 15 characters)
 *
 * Lists the living processes called @name that descend from this one,
 * through any number of intermediaries (WebKit starts its web processes
 * through a sandbox launcher).
 *
 * Returns: (transfer full) (element-type pid_t): their process ids
 */
GArray *
kiosk_processes_find_descendants (const char *name)
{
  g_autoptr(GHashTable) parents = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) names = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  GArray *found = g_array_new (FALSE, FALSE, sizeof (pid_t));
  pid_t self = getpid ();
  const char *entry;
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  g_return_val_if_fail (name != NULL, found);

  while (proc != NULL && (entry = g_dir_read_name (proc)) != NULL)
    {
      char *comm = NULL;
      pid_t parent;

      if (!g_ascii_isdigit (entry[0]) || !read_process (entry, &comm, &parent))
        continue;

      g_hash_table_insert (parents, GINT_TO_POINTER (atoi (entry)), GINT_TO_POINTER (parent));
      g_hash_table_insert (names, GINT_TO_POINTER (atoi (entry)), comm);
    }

  g_hash_table_iter_init (&iter, names);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      pid_t pid = GPOINTER_TO_INT (key);
      pid_t ancestor = pid;

      if (strcmp (value, name) != 0)
        continue;

      /* Walk up at most a few generations; process ids never loop, but a
       * reused id read mid-scan could.
       */
      for (guint depth = 0; depth < 16 && ancestor > 1; depth++)
        {
          ancestor = GPOINTER_TO_INT (g_hash_table_lookup (parents, GINT_TO_POINTER (ancestor)));
          if (ancestor == self)
            {
              g_array_append_val (found, pid);
              break;
            }
        }
    }

  return found;
}

/**
 * kiosk_processes_any_alive:
 * @pids: (element-type pid_t): process ids
 *
 * Returns: %TRUE if one of @pids still runs (a zombie does not)
 */
gboolean
kiosk_processes_any_alive (GArray *pids)
{
  g_return_val_if_fail (pids != NULL, FALSE);

  for (guint i = 0; i < pids->len; i++)
    {
      g_autofree char *pid_name = g_strdup_printf ("%d", g_array_index (pids, pid_t, i));
      g_autofree char *comm = NULL;
      pid_t parent;

      if (read_process (pid_name, &comm, &parent))
        return TRUE;
    }

  return FALSE;
}


/**
 * kiosk_processes_end:
 * @pids: (element-type pid_t): process ids
 * @executable: the absolute path of the program they must be running
 *
 * Kills those of @pids that still run @executable, and only those: a
 * process that merely took one of their names, or a process id given to
 * another program since, is left alone.
 *
 * Returns: how many processes were sent the signal
 */
guint
kiosk_processes_end (GArray     *pids,
                     const char *executable)
{
  guint ended = 0;

  g_return_val_if_fail (pids != NULL, 0);
  g_return_val_if_fail (executable != NULL && g_path_is_absolute (executable), 0);

  for (guint i = 0; i < pids->len; i++)
    {
      pid_t pid = g_array_index (pids, pid_t, i);
      g_autofree char *exe_path = g_strdup_printf ("/proc/%d/exe", (int) pid);
      g_autofree char *target = g_file_read_link (exe_path, NULL);

      if (pid <= 1 || g_strcmp0 (target, executable) != 0)
        continue;

      if (kill (pid, SIGKILL) == 0)
        ended++;
      else if (errno != ESRCH)
        g_warning ("Cannot end process %d: %s", (int) pid, g_strerror (errno));
    }

  return ended;
}

/**
 * kiosk_processes_resident_bytes:
 * @pid: a process, or 0 for this one
 *
 * Returns: the memory @pid holds in RAM (its resident set), in bytes, or
 *   0 when it is gone
 */
guint64
kiosk_processes_resident_bytes (pid_t pid)
{
  g_autofree char *path = pid == 0 ? g_strdup ("/proc/self/statm")
                                   : g_strdup_printf ("/proc/%d/statm", (int) pid);
  g_autofree char *contents = NULL;
  unsigned long long size, resident;

  if (!g_file_get_contents (path, &contents, NULL, NULL) ||
      sscanf (contents, "%llu %llu", &size, &resident) != 2)
    return 0;

  return (guint64) resident * (guint64) sysconf (_SC_PAGESIZE);
}
