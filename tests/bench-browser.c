/* bench-browser.c — the kiosk side by side with a browser kiosk (Chromium)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a station could run instead of Pimms Kiosk: `chromium --kiosk
 * --incognito`, wiped by killing it and starting a new one on a fresh
 * profile. In one run, on the same display and the same machine, this
 * program times:
 *
 *  - our end of session: "End my session" → the fresh home screen drawn
 *    (the kiosk's native GTK home screen, as bench-session.c times it),
 *    then the next resident's tap on a tile → the page painted, once the
 *    station has readied their session (its web process started on an
 *    empty document) and, for comparison, at once; against Chromium's
 *    relaunch: SIGTERM to the running browser → a new one has loaded and
 *    painted the local page;
 *  - our cold start: a new pimms-kiosk process → its home screen drawn,
 *    and with --open → the page painted, step by step (the steps the kiosk
 *    marks, kiosk-startup-trace.c), against Chromium's: a new chromium
 *    process → the page painted; and WebKitGTK alone (tests/webkit-floor.c,
 *    nothing of the kiosk's) → the page painted: the floor of any
 *    WebKitGTK kiosk's cold start;
 *  - the memory at rest of each, by process.
 *
 * The page is one of the weight of our home screen (the same tiles, texts
 * and pictograms, from data/kiosk.conf), so that Chromium's "fresh home"
 * weighs what ours does.
 *
 * A page tells it has been painted by requesting /painted from the local
 * server in a task queued from requestAnimationFrame after its load
 * event: that task runs once the frame of the loaded page has been
 * produced. The same page and the same beacon serve both browsers, so
 * neither is measured with a mechanism the other lacks (the DevTools
 * protocol would need a flag, a WebSocket client and events WebKitGTK
 * does not have).
 *
 * Every page goes through the test server's proxy, Chromium's with
 * --proxy-server, ours with the kiosk's Proxy key: nothing reaches the
 * network, and any request Chromium makes to another host is counted and
 * reported.
 *
 * Run it with tools/bench-browser, which installs chromium. Without
 * chromium it fails: a comparison that measured nothing is not a result.
 */
#define G_LOG_DOMAIN "kiosk-bench"

#include "config.h"

#include "bench-utils.h"
#include "kiosk-category.h"
#include "kiosk-files.h"
#include "test-kiosk-run.h"
#include "test-utils.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DEFAULT_RUNS 20
#define PAGE_HOST "www.caf.fr"
#define PAGE_URL "http://" PAGE_HOST "/"
#define BEACON_PATH "/painted"
/* How long the old browser's children get to leave before the next
 * measurement, and how long each browser shows its page before it is
 * killed: a resident's session is longer than a measurement's.
 */
#define SETTLE_MS 1000
/* How long a browser is left alone before its memory is read: long
 * enough for what follows a start (the kiosk compiles its services'
 * rules after 2 s) to be over.
 */
#define AT_REST_MS 4000
/* After that, a helper of a stopped browser is killed. */
#define LEFTOVER_TIMEOUT 10

/* Queued from requestAnimationFrame, the task runs after the frame of the
 * loaded page has been produced; the image request reaches the server
 * whatever the browser's beacon and fetch policies.
 */
static const char beacon_script[] =
  "<script>"
  "addEventListener ('load', function () {"
  "  requestAnimationFrame (function () {"
  "    setTimeout (function () { new Image ().src = '" BEACON_PATH "'; }, 0);"
  "  });"
  "});"
  "</script>";

/* Close to the kiosk's home screen (data/style.css): big tiles of a
 * pictogram, a name and a line of text, by category.
 */
static const char page_style[] =
  "<style>"
  "body { margin: 0; font-family: Cantarell, sans-serif; background: #f6f5f4; color: #241f31; }"
  "header { display: flex; align-items: center; gap: 12px; padding: 12px 24px;"
  "  background: #1c71d8; color: white; }"
  "header h1 { flex: 1; font-size: 28px; margin: 0; }"
  "header button { font-size: 18px; padding: 8px 14px; border-radius: 8px; border: 0; }"
  "main { padding: 16px 32px; }"
  ".promises { display: flex; gap: 24px; margin: 8px 0 16px; }"
  ".promise { display: flex; align-items: center; gap: 12px; font-size: 18px; }"
  ".promise svg { width: 48px; height: 48px; }"
  "input[type=search] { font-size: 22px; padding: 10px; width: 60%; border-radius: 8px;"
  "  border: 2px solid #77767b; }"
  "h2 { font-size: 24px; margin: 24px 0 12px; }"
  ".tiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr));"
  "  gap: 16px; }"
  ".tile { display: flex; flex-direction: column; align-items: center; gap: 8px; padding: 20px;"
  "  background: white; border-radius: 16px; box-shadow: 0 2px 6px rgba(0, 0, 0, .15);"
  "  color: inherit; text-decoration: none; text-align: center; }"
  ".tile svg { width: 64px; height: 64px; }"
  ".tile strong { font-size: 24px; }"
  ".tile span { font-size: 16px; color: #5e5c64; }"
  "</style>";

static const char * const languages[] = {
  "Français", "English", "العربية", "Español", "Português", "Türkçe",
};

typedef struct
{
  GSubprocess *process;
  char        *profile_dir;
  char        *log_path;
  gint64       started;
} Chromium;

typedef struct
{
  KioskTestServer *server;
  char            *page;
  char            *config_path;
  KioskConfig     *config;
  KioskService    *service;
  KioskBenchShell  shell;
  GDBusConnection *bus;
  char            *chromium_path;
  /* Every file of every browser started: profiles, logs, and the HOME of
   * its crash handler. A process whose command line names this folder is
   * one of ours.
   */
  char            *chromium_dir;
  guint            chromium_runs;
  guint            chromium_killed;

  /* Set by the beacon handler, in the server's thread. */
  gint64           painted;
} Bench;

/* What the page is like, for the output. */
static gsize page_bytes;
static guint page_tiles;

static void
beacon_cb (SoupServer        *server,
           SoupServerMessage *message,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Bench *bench = user_data;
  gint64 unset = 0;

  /* The first beacon only: a page painted again says nothing new. */
  __atomic_compare_exchange_n (&bench->painted, &unset, g_get_monotonic_time (), FALSE,
                               __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);

  soup_message_headers_append (soup_server_message_get_response_headers (message),
                               "Cache-Control", "no-store");
  soup_server_message_set_status (message, SOUP_STATUS_NO_CONTENT, NULL);
}

static gint64
get_painted (Bench *bench)
{
  return __atomic_load_n (&bench->painted, __ATOMIC_SEQ_CST);
}

static void
reset_painted (Bench *bench)
{
  __atomic_store_n (&bench->painted, 0, __ATOMIC_SEQ_CST);
}

static gboolean
has_painted (gpointer user_data)
{
  return get_painted (user_data) != 0;
}

static char *
source_path (const char *first,
             ...) G_GNUC_NULL_TERMINATED;

static char *
source_path (const char *first,
             ...)
{
  const char *source_dir = g_getenv ("KIOSK_SOURCE_DIR");
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  va_list args;

  if (source_dir == NULL)
    kiosk_bench_fail ("KIOSK_SOURCE_DIR must name the source tree (meson sets it)");

  g_ptr_array_add (parts, (char *) source_dir);
  va_start (args, first);
  for (const char *part = first; part != NULL; part = va_arg (args, const char *))
    g_ptr_array_add (parts, (char *) part);
  va_end (args);
  g_ptr_array_add (parts, NULL);

  return g_build_filenamev ((char **) parts->pdata);
}

/* An inline SVG, without the XML declaration a document cannot hold. */
static void
append_icon (GString    *html,
             const char *name)
{
  g_autofree char *file_name = g_strconcat (name, ".svg", NULL);
  g_autofree char *path = source_path ("data", "icons", file_name, NULL);
  g_autofree char *svg = NULL;
  g_autoptr(GError) error = NULL;
  const char *start;

  if (!g_file_get_contents (path, &svg, NULL, &error))
    kiosk_bench_fail ("cannot read a pictogram: %s", error->message);

  start = strstr (svg, "<svg");
  g_string_append (html, start != NULL ? start : svg);
}

/* The page both browsers load: the kiosk's home screen written as a web
 * page, with the same catalogue (the default data/kiosk.conf), so that
 * Chromium's "fresh home" weighs what ours does.
 */
static char *
build_page (KioskConfig *catalogue)
{
  static const char * const promises[][2] = {
    { "promise-free", "Gratuit" },
    { "promise-private", "Privé : tout est effacé à la fin" },
    { "promise-help", "De l'aide sur place" },
  };
  GString *html = g_string_new (NULL);
  const char * const *categories = kiosk_category_get_ids ();
  GPtrArray *services = kiosk_config_get_services (catalogue);

  g_string_append (html, "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\">"
                         "<title>Services publics</title>");
  g_string_append (html, page_style);
  g_string_append (html, "</head><body><header><h1>Bienvenue</h1>");
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    g_string_append_printf (html, "<button>%s</button>", languages[i]);
  g_string_append (html, "<button>Contraste élevé</button></header><main>"
                         "<section class=\"promises\">");
  for (guint i = 0; i < G_N_ELEMENTS (promises); i++)
    {
      g_string_append (html, "<div class=\"promise\">");
      append_icon (html, promises[i][0]);
      g_string_append_printf (html, "<strong>%s</strong></div>", promises[i][1]);
    }
  g_string_append (html, "</section>"
                         "<input type=\"search\" placeholder=\"Chercher un service\">");

  for (guint c = 0; categories[c] != NULL; c++)
    {
      gboolean heading = FALSE;

      for (guint i = 0; i < services->len; i++)
        {
          KioskService *service = g_ptr_array_index (services, i);
          g_autofree char *name = NULL;
          g_autofree char *description = NULL;
          g_autofree char *icon = NULL;
          g_autofree char *icon_file = NULL;
          g_autofree char *icon_path = NULL;

          if (g_strcmp0 (kiosk_service_get_category (service), categories[c]) != 0 ||
              kiosk_service_get_profile (service) != NULL)
            continue;

          if (!heading)
            {
              g_autofree char *label = g_markup_escape_text (
                kiosk_category_get_label (categories[c]), -1);

              g_string_append_printf (html, "<h2>%s</h2><div class=\"tiles\">", label);
              heading = TRUE;
            }

          /* The kiosk's own choice: the service's pictogram, or its
           * category's when it has none.
           */
          icon = g_strconcat ("service-", kiosk_service_get_id (service), NULL);
          icon_file = g_strconcat (icon, ".svg", NULL);
          icon_path = source_path ("data", "icons", icon_file, NULL);
          if (!g_file_test (icon_path, G_FILE_TEST_EXISTS))
            {
              g_free (icon);
              icon = g_strconcat ("category-", categories[c], NULL);
            }

          name = g_markup_escape_text (kiosk_service_get_name (service), -1);
          description = g_markup_escape_text (kiosk_service_get_description (service) != NULL
                                              ? kiosk_service_get_description (service) : "",
                                              -1);
          g_string_append (html, "<a class=\"tile\" href=\"#\">");
          append_icon (html, icon);
          g_string_append_printf (html, "<strong>%s</strong><span>%s</span></a>",
                                  name, description);
          page_tiles++;
        }

      if (heading)
        g_string_append (html, "</div>");
    }

  g_string_append (html, "</main>");
  g_string_append (html, beacon_script);
  g_string_append (html, "</body></html>");
  page_bytes = html->len;

  return g_string_free (html, FALSE);
}

/* The default catalogue, with the [Kiosk] keys of a test station: every
 * page from the local server through its proxy, and the service whose
 * tile the benchmark opens served over plain http.
 */
static char *
write_config (const char *proxy_uri)
{
  g_autofree char *default_path = source_path ("data", "kiosk.conf", NULL);
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  if (!g_key_file_load_from_file (key_file, default_path,
                                  G_KEY_FILE_KEEP_COMMENTS | G_KEY_FILE_KEEP_TRANSLATIONS,
                                  &error))
    kiosk_bench_fail ("cannot read the default catalogue: %s", error->message);

  g_key_file_set_string (key_file, "Kiosk", "Proxy", proxy_uri);
  g_key_file_set_boolean (key_file, "Kiosk", "AllowInsecureHttp", TRUE);
  g_key_file_set_string (key_file, "Service caf", "Url", PAGE_URL);
  contents = g_key_file_to_data (key_file, NULL, NULL);

  return kiosk_test_write_file ("kiosk.conf", contents);
}

/* Chromium. */

static gboolean
cmdline_mentions (const char *pid,
                  const char *needle)
{
  g_autofree char *path = g_build_filename ("/proc", pid, "cmdline", NULL);
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;

  for (gsize at = 0; at < length; at += strlen (contents + at) + 1)
    {
      if (strstr (contents + at, needle) != NULL)
        return TRUE;
    }

  return FALSE;
}

/* Chromium's helpers (zygotes, GPU, network and renderer processes, the
 * crash handler) leave the process tree when the browser exits: they are
 * found by the folder their command line names.
 */
static GArray *
find_chromium_processes (Bench *bench)
{
  GArray *pids = g_array_new (FALSE, FALSE, sizeof (GPid));
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *name;

  while (proc != NULL && (name = g_dir_read_name (proc)) != NULL)
    {
      char *end;
      long pid = strtol (name, &end, 10);

      if (*end != '\0' || pid <= 0 || pid == getpid ())
        continue;
      if (cmdline_mentions (name, bench->chromium_dir))
        {
          GPid found = pid;

          g_array_append_val (pids, found);
        }
    }

  return pids;
}

static gboolean
no_chromium_left (gpointer user_data)
{
  g_autoptr(GArray) pids = find_chromium_processes (user_data);

  return pids->len == 0;
}

static void
kill_chromium_processes (Bench *bench)
{
  g_autoptr(GArray) pids = find_chromium_processes (bench);

  for (guint i = 0; i < pids->len; i++)
    kill (g_array_index (pids, GPid, i), SIGKILL);
  bench->chromium_killed += pids->len;
}

static void
fail_hook (gpointer data,
           gpointer user_data)
{
  kill_chromium_processes (data);
}

/* Waits until every process of the browsers stopped before is gone, so
 * that none of them takes a core from the next measurement.
 */
static void
wait_chromium_gone (Bench *bench)
{
  if (!kiosk_test_wait_until (no_chromium_left, bench, LEFTOVER_TIMEOUT))
    {
      kill_chromium_processes (bench);
      if (!kiosk_test_wait_until (no_chromium_left, bench, KIOSK_BENCH_TIMEOUT))
        kiosk_bench_fail ("chromium processes stay alive after SIGKILL");
    }
}

static Chromium *
chromium_start (Bench *bench)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *home = g_build_filename (bench->chromium_dir, "home", NULL);
  g_autofree char *config_home = g_build_filename (home, ".config", NULL);
  g_autofree char *cache_home = g_build_filename (home, ".cache", NULL);
  g_autofree char *run_name = g_strdup_printf ("profile-%u", bench->chromium_runs);
  g_autofree char *log_name = g_strdup_printf ("chromium-%u.log", bench->chromium_runs);
  g_autofree char *user_data_dir_arg = NULL;
  g_autofree char *proxy_arg = g_strconcat ("--proxy-server=", bench->server->proxy_uri, NULL);
  Chromium *chromium = g_new0 (Chromium, 1);

  bench->chromium_runs++;
  chromium->profile_dir = g_build_filename (bench->chromium_dir, run_name, NULL);
  chromium->log_path = g_build_filename (bench->chromium_dir, log_name, NULL);
  user_data_dir_arg = g_strconcat ("--user-data-dir=", chromium->profile_dir, NULL);
  kiosk_bench_make_private_dir (chromium->profile_dir);
  kiosk_bench_make_private_dir (config_home);
  kiosk_bench_make_private_dir (cache_home);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_subprocess_launcher_set_stdout_file_path (launcher, chromium->log_path);
  /* The crash handler keeps its reports under the default profile's
   * folder: inside ours, where it is found and removed.
   */
  g_subprocess_launcher_setenv (launcher, "HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config_home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", cache_home, TRUE);

  chromium->started = g_get_monotonic_time ();
  chromium->process = g_subprocess_launcher_spawn (
    launcher, &error, bench->chromium_path,
    "--kiosk", "--incognito", user_data_dir_arg,
    /* As root, Chromium refuses to start with its sandbox. */
    "--no-sandbox",
    /* Nothing but the page: no first-run page, no default-browser
     * question, no update checks, sync, pings or preloading, which
     * would compete with the page for the two cores or the network.
     */
    "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-default-apps",
    /* Our kiosk has no extensions either; and Debian's launcher loads
     * its extension folder, whose updater would go on the network.
     */
    "--disable-extensions",
    /* The session bus of dbus-run-session has no keyring; an incognito
     * window stores no password anyway.
     */
    "--password-store=basic",
    /* The page is served over http, as to the kiosk (AllowInsecureHttp):
     * without this, Chromium first tries https through the proxy, meets
     * the test server's self-signed certificate and, in incognito, shows
     * its "not secure" warning instead of the page.
     */
    "--disable-features=HttpsUpgrades,HttpsFirstModeIncognito,HttpsFirstBalancedModeAutoEnable,"
    /* More background traffic: the network clock, translation and
     * page-hint models.
     */
    "NetworkTimeServiceQuerying,Translate,OptimizationHints,MediaRouter",
    proxy_arg, "--window-position=0,0", "--window-size=1280,800",
    PAGE_URL, NULL);
  if (chromium->process == NULL)
    kiosk_bench_fail ("cannot start %s: %s", bench->chromium_path, error->message);

  return chromium;
}

static void
print_log_tail (const char *path)
{
  g_autofree char *log = NULL;
  gsize length = 0;

  if (g_file_get_contents (path, &log, &length, NULL))
    g_printerr ("last lines of chromium's output:\n%s\n",
                log + (length > 2000 ? length - 2000 : 0));
}

/* Returns the milliseconds from @since to the page's beacon. */
static double
chromium_wait_painted (Bench    *bench,
                       Chromium *chromium,
                       gint64    since)
{
  if (!kiosk_test_wait_until (has_painted, bench, KIOSK_BENCH_TIMEOUT))
    {
      print_log_tail (chromium->log_path);
      kiosk_bench_fail ("chromium never painted the page (%u s)", KIOSK_BENCH_TIMEOUT);
    }

  return kiosk_bench_elapsed_ms (since, get_painted (bench));
}

/* SIGTERM, as a supervisor stops a browser kiosk; returns when the
 * browser process itself is gone (its helpers may still be leaving).
 */
static void
chromium_stop (Chromium *chromium)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_send_signal (chromium->process, SIGTERM);
  if (!g_subprocess_wait (chromium->process, NULL, &error))
    kiosk_bench_fail ("waiting for chromium to stop: %s", error->message);
}

static void
chromium_free (Chromium *chromium)
{
  kiosk_files_remove_tree (chromium->profile_dir, NULL);
  g_unlink (chromium->log_path);
  g_object_unref (chromium->process);
  g_free (chromium->profile_dir);
  g_free (chromium->log_path);
  g_free (chromium);
}

/* WebKitGTK alone (tests/webkit-floor.c): process start → page painted. */
static double
run_webkit_floor (Bench      *bench,
                  const char *floor_path)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  gint64 started;
  double painted_ms;

  reset_painted (bench);
  started = g_get_monotonic_time ();
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error, floor_path,
                              bench->server->proxy_uri, PAGE_URL, NULL);
  if (process == NULL)
    kiosk_bench_fail ("cannot start %s: %s", floor_path, error->message);
  if (!kiosk_test_wait_until (has_painted, bench, KIOSK_BENCH_TIMEOUT))
    kiosk_bench_fail ("%s never painted the page", floor_path);
  painted_ms = kiosk_bench_elapsed_ms (started, get_painted (bench));

  g_subprocess_send_signal (process, SIGTERM);
  if (!g_subprocess_wait (process, NULL, &error))
    kiosk_bench_fail ("waiting for %s to stop: %s", floor_path, error->message);

  return painted_ms;
}

/* Memory at rest. */

typedef enum
{
  PART_UI,
  PART_WEB,
  PART_NETWORK,
  PART_OTHER,
  N_PARTS
} Part;

static const char * const part_names[N_PARTS] = {
  "UI (browser) process", "web (renderer) processes", "network process",
  "other helpers",
};

typedef struct
{
  guint processes[N_PARTS];
  long  rss_kb[N_PARTS];
  long  pss_kb[N_PARTS];
} AtRest;

/* Ours by process name; Chromium's, all named chromium, by their
 * command line.
 */
static Part
part_of (pid_t  pid,
         pid_t  ui)
{
  g_autofree char *name = kiosk_bench_process_name (pid);
  g_autofree char *pid_name = g_strdup_printf ("%d", (int) pid);

  if (pid == ui)
    return PART_UI;
  if (g_strcmp0 (name, KIOSK_TEST_WEB_PROCESS_NAME) == 0 ||
      cmdline_mentions (pid_name, "--type=renderer"))
    return PART_WEB;
  if (g_strcmp0 (name, KIOSK_TEST_NETWORK_PROCESS_NAME) == 0 ||
      cmdline_mentions (pid_name, "network.mojom.NetworkService"))
    return PART_NETWORK;
  return PART_OTHER;
}

static void
add_processes (AtRest *at_rest,
               GArray *pids,
               pid_t   ui)
{
  for (guint i = 0; i < pids->len; i++)
    {
      pid_t pid = g_array_index (pids, pid_t, i);
      KioskBenchProcessMemory memory;
      Part part = part_of (pid, ui);

      if (!kiosk_bench_read_process_memory (pid, &memory))
        continue;
      at_rest->processes[part]++;
      at_rest->rss_kb[part] += memory.rss_kb;
      at_rest->pss_kb[part] += memory.pss_kb;
    }
}

static guint
count_web_processes (pid_t root)
{
  g_autoptr(GArray) pids = kiosk_bench_find_process_tree (root);
  guint count = 0;

  for (guint i = 0; i < pids->len; i++)
    {
      if (part_of (g_array_index (pids, pid_t, i), root) == PART_WEB)
        count++;
    }

  return count;
}

static gboolean
has_web_process (gpointer user_data)
{
  return count_web_processes (GPOINTER_TO_INT (user_data)) > 0;
}

/* A kiosk process at rest: on its home screen, its next session readied
 * (its web process started on the empty document), or with --open on the
 * page.
 */
static void
measure_kiosk_at_rest (Bench              *bench,
                       const char * const *extra_args,
                       guint               run,
                       AtRest             *at_rest)
{
  KioskBenchProcess *kiosk;
  g_autoptr(GArray) pids = NULL;
  pid_t pid;

  reset_painted (bench);
  kiosk = kiosk_bench_process_start (bench->config_path, run, bench->bus, extra_args);
  pid = kiosk_bench_process_get_pid (kiosk);
  kiosk_bench_process_wait_drawn (kiosk);
  if (extra_args != NULL && !kiosk_test_wait_until (has_painted, bench, KIOSK_BENCH_TIMEOUT))
    kiosk_bench_fail ("the kiosk never painted the page");
  if (!kiosk_test_wait_until (has_web_process, GINT_TO_POINTER (pid), KIOSK_BENCH_TIMEOUT))
    kiosk_bench_fail ("the kiosk never readied its session");
  kiosk_test_spin (AT_REST_MS);

  pids = kiosk_bench_find_process_tree (pid);
  add_processes (at_rest, pids, pid);
  kiosk_bench_process_stop (kiosk);
}

/* Chromium at rest on the page: every process of its. */
static void
measure_chromium_at_rest (Bench  *bench,
                          AtRest *at_rest)
{
  Chromium *chromium;
  g_autoptr(GArray) pids = NULL;

  reset_painted (bench);
  chromium = chromium_start (bench);
  chromium_wait_painted (bench, chromium, chromium->started);
  kiosk_test_spin (AT_REST_MS);

  pids = find_chromium_processes (bench);
  add_processes (at_rest, pids,
                 (pid_t) strtol (g_subprocess_get_identifier (chromium->process), NULL, 10));
  chromium_stop (chromium);
  wait_chromium_gone (bench);
  chromium_free (chromium);
}

static void
print_at_rest (const char   *title,
               const AtRest *at_rest)
{
  long rss = 0;
  long pss = 0;

  g_print ("%s\n", title);
  for (guint part = 0; part < N_PARTS; part++)
    {
      if (at_rest->processes[part] == 0)
        continue;
      g_print ("  %-40s %u × PSS %6.1f MB   RSS %6.1f MB\n", part_names[part],
               at_rest->processes[part], at_rest->pss_kb[part] / 1024.0,
               at_rest->rss_kb[part] / 1024.0);
      rss += at_rest->rss_kb[part];
      pss += at_rest->pss_kb[part];
    }
  g_print ("  %-40s     PSS %6.1f MB   RSS %6.1f MB (RSS counts shared libraries once "
           "per process)\n", "all", pss / 1024.0, rss / 1024.0);
}

/* Our side. */

static double
open_page_in_session (Bench *bench)
{
  gint64 start;

  reset_painted (bench);
  start = g_get_monotonic_time ();
  kiosk_window_open_service (bench->shell.window, bench->service);
  if (!kiosk_test_wait_until (has_painted, bench, KIOSK_BENCH_TIMEOUT))
    kiosk_bench_fail ("the kiosk never painted the page of “%s”",
                      kiosk_service_get_id (bench->service));

  return kiosk_bench_elapsed_ms (start, get_painted (bench));
}

static void
append (GArray *samples,
        double  value)
{
  g_array_append_val (samples, value);
}

/* Each step a kiosk process marked in its start, by name, in samples. */
static void
append_steps (GHashTable        *profile,
              KioskBenchProcess *process)
{
  GPtrArray *steps = kiosk_bench_process_get_steps (process);

  for (guint i = 0; i < steps->len; i++)
    {
      KioskBenchStep *step = g_ptr_array_index (steps, i);
      GArray *samples = g_hash_table_lookup (profile, step->name);

      if (samples == NULL)
        {
          samples = kiosk_bench_samples_new ();
          g_hash_table_insert (profile, g_strdup (step->name), samples);
        }
      append (samples, step->ms);
    }
}

static void
sort_samples_cb (gpointer key,
                 gpointer value,
                 gpointer user_data)
{
  kiosk_bench_sort (value);
}

static int
compare_medians (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  GHashTable *profile = user_data;
  double median_a = kiosk_bench_median (g_hash_table_lookup (profile, *(const char **) a));
  double median_b = kiosk_bench_median (g_hash_table_lookup (profile, *(const char **) b));

  return (median_a > median_b) - (median_a < median_b);
}

/* The steps in the order of their medians, each with the time since the
 * step before: where a start spends its time.
 */
static void
print_profile (const char *title,
               GHashTable *profile,
               GArray     *painted)
{
  g_autofree const char **names = NULL;
  guint n_names;
  double last = 0;

  /* A profile that read nothing would look like a start that does nothing. */
  if (g_hash_table_size (profile) == 0)
    kiosk_bench_fail ("the kiosk marked no step of its start: does kiosk-startup-trace.c "
                      "still write what kiosk_startup_trace_parse() reads?");

  g_hash_table_foreach (profile, sort_samples_cb, NULL);
  names = (const char **) g_hash_table_get_keys_as_array (profile, &n_names);
  g_qsort_with_data (names, n_names, sizeof (char *), compare_medians, profile);

  g_print ("%s (medians after the process was started; step: since the step before)\n", title);
  for (guint i = 0; i < n_names; i++)
    {
      GArray *samples = g_hash_table_lookup (profile, names[i]);
      double median = kiosk_bench_median (samples);

      g_print ("  %-40s %7.1f ms   step %6.1f ms   (%u runs)\n", names[i], median,
               median - last, samples->len);
      last = median;
    }
  if (painted != NULL)
    g_print ("  %-40s %7.1f ms   step %6.1f ms   (%u runs)\n", "page painted (its beacon)",
             kiosk_bench_median (painted), kiosk_bench_median (painted) - last, painted->len);
}

static void
print_measure (const char *label,
               GArray     *samples)
{
  kiosk_bench_sort (samples);
  g_print ("  %-60s median %7.1f ms   p95 %7.1f ms   (%u runs)\n", label,
           kiosk_bench_median (samples), kiosk_bench_percentile_95 (samples), samples->len);
}

static void
print_ratio (const char *label,
             GArray     *numerator,
             GArray     *denominator)
{
  g_print ("  %-60s %.1f×\n", label,
           kiosk_bench_median (numerator) / kiosk_bench_median (denominator));
}

/* Only Chromium asks other hosts: the kiosk's allow-list keeps it on the
 * page's. What it asks in spite of its flags is shown, not hidden.
 */
static void
print_requests_elsewhere (Bench *bench)
{
  g_autoptr(GHashTable) hosts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) list = g_string_new (NULL);
  g_autofree const char **names = NULL;
  guint count = 0;
  guint handshakes = kiosk_test_server_count_tls_handshakes (bench->server);

  for (guint i = 0; i < bench->server->requests->len; i++)
    {
      KioskTestRequest *request = g_ptr_array_index (bench->server->requests, i);

      if (g_strcmp0 (request->host, PAGE_HOST) != 0)
        {
          g_hash_table_add (hosts, request->host);
          count++;
        }
    }

  names = (const char **) g_hash_table_get_keys_as_array (hosts, NULL);
  for (guint i = 0; names[i] != NULL; i++)
    g_string_append_printf (list, "%s%s", i > 0 ? ", " : "", names[i]);

  g_print ("Offline check: %u plain http request%s to other hosts than " PAGE_HOST
           " (%s) and %u https connection%s (refused by the proxy's test certificate) "
           "reached only the local proxy, never the network: Chromium's background traffic "
           "left despite its flags\n",
           count, count == 1 ? "" : "s", list->len > 0 ? list->str : "none",
           handshakes, handshakes == 1 ? "" : "s");
}

static guint
get_runs (void)
{
  const char *value = g_getenv ("KIOSK_BENCH_RUNS");
  guint64 runs;

  if (value == NULL)
    return DEFAULT_RUNS;

  if (!g_ascii_string_to_unsigned (value, 10, 1, 1000, &runs, NULL))
    kiosk_bench_fail ("KIOSK_BENCH_RUNS must be a number of runs from 1 to 1000, not “%s”",
                      value);

  return runs;
}

static char *
chromium_version (const char *path)
{
  const char *argv[] = { path, "--version", NULL };
  g_autofree char *out = NULL;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out,
                     NULL, NULL, NULL))
    return g_strdup ("chromium, version unknown");

  return g_strdup (g_strstrip (out));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GArray) ends = kiosk_bench_samples_new ();
  g_autoptr(GArray) readied = kiosk_bench_samples_new ();
  g_autoptr(GArray) taps = kiosk_bench_samples_new ();
  g_autoptr(GArray) hasty_taps = kiosk_bench_samples_new ();
  g_autoptr(GHashTable) start_profile = NULL;
  g_autoptr(GHashTable) open_profile = NULL;
  g_autoptr(GArray) starts = kiosk_bench_samples_new ();
  g_autoptr(GArray) starts_to_page = kiosk_bench_samples_new ();
  g_autoptr(GArray) relaunches = kiosk_bench_samples_new ();
  g_autoptr(GArray) relaunch_exits = kiosk_bench_samples_new ();
  g_autoptr(GArray) chromium_starts = kiosk_bench_samples_new ();
  g_autoptr(GArray) floors = kiosk_bench_samples_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *catalogue_path = NULL;
  g_autofree char *load_before = NULL;
  g_autofree char *load_after = NULL;
  g_autofree char *version = NULL;
  g_autoptr(KioskConfig) catalogue = NULL;
  const char * const open_args[] = { "--open", "caf", NULL };
  const char *floor_path = argc > 1 ? argv[1] : NULL;
  Bench bench = { 0 };
  AtRest home_at_rest = { 0 };
  AtRest page_at_rest = { 0 };
  AtRest chromium_at_rest = { 0 };
  guint runs;
  gint64 began;

  kiosk_bench_init ("bench-browser");
  start_profile = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_array_unref);
  open_profile = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) g_array_unref);
  kiosk_application_setup_locale ();
  runs = get_runs ();

  /* Checked first: without a browser to compare with, there is nothing
   * to measure, and a skip would look like a result.
   */
  bench.chromium_path = g_find_program_in_path ("chromium");
  if (bench.chromium_path == NULL)
    kiosk_bench_fail ("chromium is not installed, so there is nothing to compare with: "
                      "run tools/bench-browser, which installs Debian's chromium package "
                      "(apt-get install chromium)");
  if (floor_path == NULL)
    kiosk_bench_fail ("Usage: bench-browser WEBKIT_FLOOR (meson gives tests/webkit-floor)");
  if (!gtk_init_check ())
    kiosk_bench_fail ("no display; run under xvfb-run");
  if (g_getenv ("KIOSK_BINARY") == NULL)
    kiosk_bench_fail ("KIOSK_BINARY must name the pimms-kiosk program");
  bench.bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  if (bench.bus == NULL)
    kiosk_bench_fail ("no session bus; run under dbus-run-session");

  bench.chromium_dir = g_build_filename (kiosk_bench_get_root (), "chromium", NULL);
  kiosk_bench_make_private_dir (bench.chromium_dir);
  kiosk_bench_set_fail_hook (fail_hook, &bench);
  version = chromium_version (bench.chromium_path);

  /* Served from a thread of its own, as from elsewhere: the kiosk window
   * in this process draws on the main thread, which would otherwise hold
   * its own pages (and its "painted" beacon) back, and not Chromium's.
   */
  bench.server = kiosk_test_server_new_in_thread ();
  soup_server_add_handler (bench.server->server, BEACON_PATH, beacon_cb, &bench, NULL);
  bench.config_path = write_config (bench.server->proxy_uri);
  catalogue_path = source_path ("data", "kiosk.conf", NULL);
  catalogue = kiosk_config_load (catalogue_path, &error);
  if (catalogue == NULL)
    kiosk_bench_fail ("cannot load the default catalogue: %s", error->message);
  bench.page = build_page (catalogue);
  kiosk_test_server_add_page (bench.server, PAGE_HOST, "/", bench.page, NULL);

  bench.config = kiosk_config_load (bench.config_path, &error);
  if (bench.config == NULL)
    kiosk_bench_fail ("cannot load the benchmark's config: %s", error->message);
  bench.service = kiosk_config_lookup_service (bench.config, "caf");

  kiosk_bench_shell_setup (&bench.shell, bench.config);
  /* The first end of session ends one that was used, as all others do. */
  open_page_in_session (&bench);

  load_before = kiosk_bench_load_average ();
  began = g_get_monotonic_time ();

  /* One round takes each measurement once, so that what else runs on the
   * machine weighs on both sides alike.
   */
  for (guint i = 0; i < runs; i++)
    {
      KioskBenchEndTiming timing;
      KioskBenchProcess *kiosk;
      Chromium *running;
      Chromium *fresh;
      gint64 killed;

      /* Ours: end of session → fresh home screen drawn. While the home
       * screen waits for the next resident, the station readies their
       * session; their tap on the tile → the page painted.
       */
      kiosk_bench_shell_end_session (&bench.shell, &timing);
      append (ends, timing.ready_ms);
      append (readied, kiosk_bench_shell_wait_readied (&bench.shell));
      append (taps, open_page_in_session (&bench));

      /* Ours: a tap as soon as the station is free, before the session
       * is readied (what every tap cost before it was).
       */
      kiosk_bench_shell_end_session (&bench.shell, &timing);
      append (hasty_taps, open_page_in_session (&bench));

      /* Ours: a new process → home screen drawn. */
      kiosk = kiosk_bench_process_start (bench.config_path, 2 * i, bench.bus, NULL);
      append (starts, kiosk_bench_process_wait_drawn (kiosk));
      append_steps (start_profile, kiosk);
      kiosk_bench_process_stop (kiosk);

      /* Ours: a new process started on the page's service → page painted. */
      reset_painted (&bench);
      kiosk = kiosk_bench_process_start (bench.config_path, 2 * i + 1, bench.bus, open_args);
      kiosk_bench_process_wait_drawn (kiosk);
      if (!kiosk_test_wait_until (has_painted, &bench, KIOSK_BENCH_TIMEOUT))
        kiosk_bench_fail ("pimms-kiosk --open caf never painted the page");
      append (starts_to_page, kiosk_bench_elapsed_ms (kiosk_bench_process_get_started (kiosk),
                                                      get_painted (&bench)));
      append_steps (open_profile, kiosk);
      kiosk_bench_process_stop (kiosk);

      /* WebKitGTK alone, nothing of the kiosk's → page painted. */
      append (floors, run_webkit_floor (&bench, floor_path));

      /* Chromium: a new process → page painted. */
      reset_painted (&bench);
      running = chromium_start (&bench);
      append (chromium_starts, chromium_wait_painted (&bench, running, running->started));
      kiosk_test_spin (SETTLE_MS);

      /* Chromium: kill the running one, start a new one → page painted. */
      reset_painted (&bench);
      killed = g_get_monotonic_time ();
      chromium_stop (running);
      append (relaunch_exits, kiosk_bench_elapsed_ms (killed, g_get_monotonic_time ()));
      fresh = chromium_start (&bench);
      append (relaunches, chromium_wait_painted (&bench, fresh, killed));
      kiosk_test_spin (SETTLE_MS);

      chromium_stop (fresh);
      wait_chromium_gone (&bench);
      chromium_free (running);
      chromium_free (fresh);
    }

  /* Memory at rest, once: what a station holds while nobody uses it, or
   * while a resident reads the page.
   */
  measure_kiosk_at_rest (&bench, NULL, 2 * runs, &home_at_rest);
  measure_kiosk_at_rest (&bench, open_args, 2 * runs + 1, &page_at_rest);
  measure_chromium_at_rest (&bench, &chromium_at_rest);

  load_after = kiosk_bench_load_average ();

  g_print ("Pimms Kiosk against a browser kiosk, side by side "
           "(WebKitGTK %u.%u.%u, GTK %u.%u.%u; %s)\n",
           webkit_get_major_version (), webkit_get_minor_version (), webkit_get_micro_version (),
           gtk_get_major_version (), gtk_get_minor_version (), gtk_get_micro_version (),
           version);
  g_print ("%u rounds in %.0f s, each measure once per round; load average %s before, "
           "%s after (%u cores)\n",
           runs, (g_get_monotonic_time () - began) / (double) G_USEC_PER_SEC, load_before,
           load_after, g_get_num_processors ());
  g_print ("Page: %" G_GSIZE_FORMAT " bytes, %u tiles with inline pictograms (the kiosk's "
           "home screen as a web page), from a local server through its proxy, for Chromium "
           "and for our tile\n",
           page_bytes, page_tiles);
  g_print ("Chromium: %s --kiosk --incognito --no-sandbox (running as root: no sandbox, "
           "slightly favourable to Chromium), a fresh --user-data-dir each start; no first "
           "run, default-browser check, background networking, component updates, sync, "
           "default apps, extensions or HTTPS upgrades (the page is http, as for us)\n",
           bench.chromium_path);
  g_print ("Painted: the page requests " BEACON_PATH " in a task queued from "
           "requestAnimationFrame after its load event; ours: GTK's first frame after the "
           "call (home screen)\n\n");

  g_print ("End of session → fresh home → the next resident's page\n");
  print_measure ("ours: end-session → native home screen drawn", ends);
  print_measure ("  then station free → next session readied", readied);
  print_measure ("ours: tap on a tile, session readied → page painted", taps);
  print_measure ("  tap as soon as the station is free → page painted", hasty_taps);
  print_measure ("Chromium: SIGTERM → new process painted the page", relaunches);
  print_measure ("  of which SIGTERM → old browser process gone", relaunch_exits);
  g_print ("\nCold start\n");
  print_measure ("ours: process start → home screen drawn", starts);
  print_measure ("ours: start with --open caf → page painted", starts_to_page);
  print_measure ("Chromium: process start → page painted", chromium_starts);
  print_measure ("WebKitGTK alone (tests/webkit-floor.c) → page painted", floors);

  g_print ("\nRatios of medians (goals of issue 22 in brackets)\n");
  print_ratio ("Chromium relaunch / our end-session (native home)", relaunches, ends);
  print_ratio ("Chromium relaunch / our tap, readied [≥ 5×]", relaunches, taps);
  print_ratio ("Chromium relaunch / our tap at once", relaunches, hasty_taps);
  print_ratio ("Chromium cold start / our cold start (native home)", chromium_starts, starts);
  print_ratio ("Chromium cold start / our cold start --open (page) [≥ 2×]", chromium_starts,
               starts_to_page);
  print_ratio ("Chromium cold start / WebKitGTK alone (the best a WebKitGTK kiosk could do)",
               chromium_starts, floors);
  print_ratio ("our cold start --open / WebKitGTK alone (what the kiosk adds)", starts_to_page,
               floors);

  g_print ("\n");
  print_profile ("Our cold start, step by step, to the home screen", start_profile, NULL);
  print_profile ("Our cold start with --open caf, step by step, to the page", open_profile,
                 starts_to_page);
  g_print ("\nMemory at rest, %d s after the page or the home screen was drawn\n",
           AT_REST_MS / 1000);
  print_at_rest ("ours: home screen, next session readied", &home_at_rest);
  g_print ("  of which the readied session (its web process; the network process starts "
           "with it): PSS %.1f MB\n",
           (home_at_rest.pss_kb[PART_WEB] + home_at_rest.pss_kb[PART_NETWORK]) / 1024.0);
  print_at_rest ("ours: on the page (--open caf)", &page_at_rest);
  print_at_rest ("Chromium: on the page", &chromium_at_rest);

  g_print ("\n");
  print_requests_elsewhere (&bench);
  g_print ("Chromium helpers still alive %u s after their browser stopped, killed: %u\n",
           LEFTOVER_TIMEOUT, bench.chromium_killed);

  kiosk_bench_set_fail_hook (NULL, NULL);
  kiosk_bench_shell_teardown (&bench.shell);
  g_clear_object (&bench.config);
  g_clear_object (&bench.bus);
  g_clear_pointer (&bench.server, kiosk_test_server_free);
  g_free (bench.page);
  g_free (bench.config_path);
  g_free (bench.chromium_path);
  g_free (bench.chromium_dir);
  kiosk_bench_finish ();

  return EXIT_SUCCESS;
}
