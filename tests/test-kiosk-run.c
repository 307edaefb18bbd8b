/* test-kiosk-run.c — what a kiosk run leaves: memory, web processes, stored visits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by bench-session (the kiosk in its own process) and soak (the
 * real pimms-kiosk as a child process).
 */
#define G_LOG_DOMAIN "kiosk-test"

#include "config.h"

#include "test-kiosk-run.h"

#include "kiosk-processes.h"

#include <stdlib.h>
#include <string.h>

/* What a resident's visit leaves in the browser: a cookie from the server
 * (KIOSK_TEST_VISIT_COOKIE) and one from the page, a localStorage item and
 * an IndexedDB record. store_visit (done) calls done (idb, fresh) once all
 * is stored: idb says whether IndexedDB was there to store into ("ok",
 * "off" when the kiosk turned it off, "error"), fresh whether the browser
 * held nothing of an earlier visit to the site, as it must in a new user
 * session.
 */
const char kiosk_test_store_visit_script[] =
  "function store_visit (done) {"
  "  var fresh = document.cookie.indexOf ('stored=') < 0 &&"
  "              localStorage.getItem ('who') === null;"
  "  document.cookie = 'stored=" KIOSK_TEST_VISIT_MARKER "cookie; path=/';"
  "  localStorage.setItem ('who', '" KIOSK_TEST_VISIT_MARKER "local-storage');"
  "  if (!window.indexedDB) {"
  "    done ('off', fresh);"
  "    return;"
  "  }"
  "  try {"
  "    var request = indexedDB.open ('kiosk-visit', 1);"
  "    request.onupgradeneeded = function () {"
  "      request.result.createObjectStore ('visits');"
  "    };"
  "    request.onerror = function () { done ('error', fresh); };"
  "    request.onsuccess = function () {"
  "      var transaction = request.result.transaction ('visits', 'readwrite');"
  "      var visits = transaction.objectStore ('visits');"
  "      visits.get ('who').onsuccess = function (event) {"
  "        if (event.target.result !== undefined)"
  "          fresh = false;"
  "      };"
  "      visits.put ('" KIOSK_TEST_VISIT_MARKER "indexed-db', 'who');"
  "      transaction.oncomplete = function () { done ('ok', fresh); };"
  "      transaction.onerror = function () { done ('error', fresh); };"
  "    };"
  "  } catch (e) {"
  "    done ('error', fresh);"
  "  }"
  "}";

static long
read_status_kb (const char *status,
                const char *field)
{
  g_autofree char *label = g_strdup_printf ("\n%s:", field);
  const char *line = strstr (status, label);

  if (line == NULL)
    return -1;

  return strtol (line + strlen (label), NULL, 10);
}

/**
 * kiosk_test_read_memory:
 * @pid: a process, or 0 for this one
 * @memory: (out): its resident memory
 *
 * Returns: %TRUE if the process was there to be read
 */
gboolean
kiosk_test_read_memory (pid_t            pid,
                        KioskTestMemory *memory)
{
  g_autofree char *path = NULL;
  g_autofree char *status = NULL;

  if (pid == 0)
    path = g_strdup ("/proc/self/status");
  else
    path = g_strdup_printf ("/proc/%d/status", (int) pid);

  if (!g_file_get_contents (path, &status, NULL, NULL))
    return FALSE;

  memory->rss_kb = read_status_kb (status, "VmRSS");
  memory->anon_kb = read_status_kb (status, "RssAnon");
  memory->file_kb = read_status_kb (status, "RssFile");
  return memory->rss_kb >= 0;
}

/**
 * kiosk_test_count_descendants:
 * @name: a process name, as the kernel keeps it (15 characters at most)
 *
 * Returns: how many processes of that name this program started, directly
 *   or not
 */
guint
kiosk_test_count_descendants (const char *name)
{
  g_autoptr(GArray) pids = kiosk_processes_find_descendants (name);

  return pids->len;
}
