/* bench-session.c — "End my session" against restarting the kiosk, and memory over sessions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Budgets (DESIGN.md): "End my session" gives a fresh home screen in a
 * median of at most 100 ms and at most 1/20 of a restart of the kiosk
 * process; a cold start draws the home screen within 1 s; after 300 user
 * sessions the memory is within 5 MB of what it was after 10, with no web
 * process left behind. This program prints those figures; it is a
 * measurement, never a pass/fail.
 *
 * Run it on a display and a session bus of its own, as meson's benchmark
 * runner is: xvfb-run -a dbus-run-session meson test --benchmark session.
 */
#define G_LOG_DOMAIN "kiosk-bench"

#include "config.h"

#include "kiosk-application.h"
#include "kiosk-files.h"
#include "kiosk-processes.h"
#include "test-utils.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define N_TIMED_SESSIONS 100
#define N_SESSIONS 300
/* The memory baseline: WebKit and GTK have filled their caches by then. */
#define N_BASELINE_SESSIONS 10
#define N_RESTARTS 10
#define LOAD_TIMEOUT 30
/* Before a memory reading, WebKit and GLib get this long to finish what
 * the last session left pending (process exits, idle callbacks).
 */
#define SETTLE_MS 1000

/* The kernel truncates process names to 15 characters. */
#define WEB_PROCESS_NAME "WebKitWebProces"
#define NETWORK_PROCESS_NAME "WebKitNetworkPr"

/* What a resident's visit leaves in the browser: a cookie from the
 * server and one from the page, a localStorage item and an IndexedDB
 * record. The title says when all is stored, and whether IndexedDB was
 * there to store into (the kiosk may turn it off).
 */
static const char store_page[] =
  "<script>"
  "function done (idb) { document.title = 'stored idb:' + idb; }"
  "document.cookie = 'visit=1; path=/';"
  "localStorage.setItem('who', 'alice');"
  "if (!window.indexedDB) {"
  "  done('off');"
  "} else {"
  "  try {"
  "    var request = indexedDB.open('kiosk-bench', 1);"
  "    request.onupgradeneeded = function () {"
  "      request.result.createObjectStore('visits');"
  "    };"
  "    request.onerror = function () { done('error'); };"
  "    request.onsuccess = function () {"
  "      var transaction = request.result.transaction('visits', 'readwrite');"
  "      transaction.objectStore('visits').put('alice', 'who');"
  "      transaction.oncomplete = function () { done('ok'); };"
  "      transaction.onerror = function () { done('error'); };"
  "    };"
  "  } catch (e) {"
  "    done('error');"
  "  }"
  "}"
  "</script>";

typedef struct
{
  KioskTestServer     *server;
  char                *config_path;
  KioskConfig         *config;
  KioskApplication    *application;
  KioskWindow         *window;
  KioskSessionManager *manager;
  KioskService        *caf;

  /* Time from opening the service to its page, in a fresh session. */
  double               open_ms;

  /* Set by the signal handlers, cleared before each end of session. */
  gint64               first_paint;
  gint64               free_since;

  guint                idb_ok;
  guint                idb_off;
  guint                idb_error;
} Bench;

typedef struct
{
  guint sessions;
  long  rss_kb;
  long  live_rss_kb;
  guint web_processes;
  guint network_processes;
} MemorySample;

static char *test_root;

static void bench_fail (const char *format,
                        ...) G_GNUC_PRINTF (1, 2) G_GNUC_NORETURN;

/* A benchmark that cannot measure says why and stops; it never waits
 * forever for a page or a process.
 */
static void
bench_fail (const char *format,
            ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("bench-session: %s\n", message);
  if (test_root != NULL)
    kiosk_files_remove_tree (test_root, NULL);
  exit (EXIT_FAILURE);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
sort_samples (GArray *samples)
{
  g_array_sort (samples, compare_doubles);
}

/* Both take sorted samples. */
static double
median (GArray *samples)
{
  guint n = samples->len;

  g_assert (n > 0);
  if (n % 2 == 1)
    return g_array_index (samples, double, n / 2);

  return (g_array_index (samples, double, n / 2 - 1) +
          g_array_index (samples, double, n / 2)) / 2;
}

static double
percentile_95 (GArray *samples)
{
  /* Nearest rank: the smallest sample that 95 % of them do not exceed. */
  guint rank = (samples->len * 95 + 99) / 100;

  g_assert (samples->len > 0);
  return g_array_index (samples, double, MAX (rank, 1) - 1);
}

static double
elapsed_ms (gint64 from,
            gint64 to)
{
  return (to - from) / 1000.0;
}

static long
read_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;

  line = strstr (status, "\nVmRSS:");
  if (line == NULL)
    return -1;

  return strtol (line + strlen ("\nVmRSS:"), NULL, 10);
}

static guint
count_processes (const char *name)
{
  g_autoptr(GArray) pids = kiosk_processes_find_descendants (name);

  return pids->len;
}

static void
take_memory_sample (MemorySample *sample,
                    guint         sessions)
{
  kiosk_test_spin (SETTLE_MS);
  sample->sessions = sessions;
  sample->rss_kb = read_rss_kb ();
  sample->web_processes = count_processes (WEB_PROCESS_NAME);
  sample->network_processes = count_processes (NETWORK_PROCESS_NAME);

  /* The allocator keeps freed memory for later instead of returning it,
   * so VmRSS also counts the holes a session left behind. Trimmed, what
   * remains is what is still in use: a leak shows there, fragmentation
   * does not.
   */
#ifdef __GLIBC__
  malloc_trim (0);
#endif
  sample->live_rss_kb = read_rss_kb ();
}

static void
after_paint_cb (GdkFrameClock *frame_clock,
                Bench         *bench)
{
  if (bench->first_paint == 0)
    bench->first_paint = g_get_monotonic_time ();
}

static void
state_changed_cb (KioskSessionManager *manager,
                  GParamSpec          *pspec,
                  Bench               *bench)
{
  if (kiosk_session_manager_get_state (manager) == KIOSK_STATION_FREE && bench->free_since == 0)
    bench->free_since = g_get_monotonic_time ();
}

static gboolean
window_is_mapped (gpointer user_data)
{
  return gtk_widget_get_mapped (user_data);
}

static gboolean
has_painted (gpointer user_data)
{
  Bench *bench = user_data;

  return bench->first_paint != 0;
}

static gboolean
station_is_settled (gpointer user_data)
{
  Bench *bench = user_data;
  KioskStationState state = kiosk_session_manager_get_state (bench->manager);

  return state == KIOSK_STATION_FREE || state == KIOSK_STATION_OUT_OF_SERVICE;
}

static KioskApplication *
create_bench_application (void)
{
  KioskApplication *application = kiosk_application_new ();
  g_autofree char *application_id = g_strconcat (APP_ID, ".Bench", NULL);

  /* The kiosk processes this benchmark starts must be able to own the
   * real name; this in-process one stays out of their way.
   */
  g_application_set_application_id (G_APPLICATION (application), application_id);
  g_application_set_flags (G_APPLICATION (application),
                           G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  return application;
}

static void
bench_setup (Bench *bench)
{
  g_autoptr(GError) error = NULL;

  bench->server = kiosk_test_server_new ();
  kiosk_test_server_add_page (bench->server, "www.caf.fr", "/",
                              "<title>CAF test page</title>", NULL);
  kiosk_test_server_add_page (bench->server, "www.caf.fr", "/store", store_page,
                              "visitor=alice; Path=/");

  bench->config_path = kiosk_test_write_config (bench->server->proxy_uri, NULL);
  bench->config = kiosk_config_load (bench->config_path, &error);
  if (bench->config == NULL)
    bench_fail ("cannot load the benchmark's config: %s", error->message);
  bench->caf = kiosk_config_lookup_service (bench->config, "caf");

  bench->application = create_bench_application ();
  if (!g_application_register (G_APPLICATION (bench->application), NULL, &error))
    bench_fail ("cannot register the application: %s", error->message);

  bench->window = kiosk_window_new (GTK_APPLICATION (bench->application), bench->config,
                                    g_get_user_state_dir ());
  bench->manager = kiosk_window_get_session_manager (bench->window);
  g_signal_connect (bench->manager, "notify::state", G_CALLBACK (state_changed_cb), bench);
  gtk_window_present (GTK_WINDOW (bench->window));

  if (!kiosk_test_wait_until (window_is_mapped, bench->window, LOAD_TIMEOUT))
    bench_fail ("the kiosk window never appeared");

  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (bench->window)), "after-paint",
                    G_CALLBACK (after_paint_cb), bench);

  /* Start measuring only once the window is on screen. */
  bench->first_paint = 0;
  gtk_widget_queue_draw (GTK_WIDGET (bench->window));
  if (!kiosk_test_wait_until (has_painted, bench, LOAD_TIMEOUT))
    bench_fail ("the kiosk window never drew its first frame");
}

static void
bench_teardown (Bench *bench)
{
  g_signal_handlers_disconnect_by_data (gtk_widget_get_frame_clock (GTK_WIDGET (bench->window)),
                                        bench);
  g_signal_handlers_disconnect_by_data (bench->manager, bench);
  gtk_window_destroy (GTK_WINDOW (bench->window));
  g_clear_object (&bench->application);
  g_clear_object (&bench->config);
  g_clear_pointer (&bench->config_path, g_free);
  g_clear_pointer (&bench->server, kiosk_test_server_free);
}

typedef struct
{
  WebKitWebView *web_view;
  const char    *prefix;
} TitleWait;

static gboolean
title_has_prefix (gpointer user_data)
{
  TitleWait *wait = user_data;
  const char *title = webkit_web_view_get_title (wait->web_view);

  return title != NULL && g_str_has_prefix (title, wait->prefix);
}

static WebKitWebView *
wait_for_title (Bench      *bench,
                const char *prefix)
{
  KioskUserSession *user_session = kiosk_window_get_user_session (bench->window);
  TitleWait wait = { NULL, prefix };

  if (user_session == NULL)
    bench_fail ("there is no user session to browse in");

  wait.web_view = kiosk_user_session_get_web_view (user_session);
  if (!kiosk_test_wait_until (title_has_prefix, &wait, LOAD_TIMEOUT))
    bench_fail ("the page title stayed “%s” instead of becoming “%s…”",
                webkit_web_view_get_title (wait.web_view), prefix);

  return wait.web_view;
}

/* A resident's visit: the service's entry page, then a page that stores
 * what a site typically keeps about a visitor.
 */
static void
use_session (Bench *bench)
{
  WebKitWebView *web_view;
  const char *title;
  gint64 start = g_get_monotonic_time ();

  kiosk_window_open_service (bench->window, bench->caf);
  web_view = wait_for_title (bench, "CAF test page");
  bench->open_ms = elapsed_ms (start, g_get_monotonic_time ());

  webkit_web_view_load_uri (web_view, "http://www.caf.fr/store");
  wait_for_title (bench, "stored");

  title = webkit_web_view_get_title (web_view);
  if (g_str_has_suffix (title, "idb:ok"))
    bench->idb_ok++;
  else if (g_str_has_suffix (title, "idb:off"))
    bench->idb_off++;
  else
    bench->idb_error++;
}

typedef struct
{
  double call_ms;
  double ready_ms;
  double free_ms;
} EndTiming;

static void
end_session (Bench     *bench,
             EndTiming *timing)
{
  gint64 start;
  gint64 returned;

  bench->first_paint = 0;
  bench->free_since = 0;

  start = g_get_monotonic_time ();
  kiosk_window_end_session (bench->window, KIOSK_END_LOGOUT);
  /* Straight to the home screen, as when the next resident touches the
   * screen: what is timed is the fresh home screen, not the "Session
   * erased" page that would otherwise stay for 4 seconds.
   */
  kiosk_window_show_home (bench->window);
  returned = g_get_monotonic_time ();

  /* The new user session is built within the call; the home screen is
   * ready once a frame has been drawn after it.
   */
  if (kiosk_window_get_user_session (bench->window) == NULL)
    bench_fail ("no new user session after the end of the last one");
  if (!kiosk_test_wait_until (has_painted, bench, LOAD_TIMEOUT))
    bench_fail ("the window drew no frame after the end of the session");
  if (g_strcmp0 (kiosk_window_get_page (bench->window), "home") != 0)
    bench_fail ("the window shows “%s” instead of the home screen",
                kiosk_window_get_page (bench->window));

  /* The next session starts only on a free station: that is when the
   * wipe is proven and the old web processes are gone.
   */
  if (!kiosk_test_wait_until (station_is_settled, bench, LOAD_TIMEOUT))
    bench_fail ("the station is still “%s” long after the end of the session",
                kiosk_station_state_to_string (kiosk_session_manager_get_state (bench->manager)));
  if (kiosk_session_manager_get_state (bench->manager) == KIOSK_STATION_OUT_OF_SERVICE)
    bench_fail ("the station went out of service: %s",
                kiosk_session_manager_get_out_of_service_reason (bench->manager));

  timing->call_ms = elapsed_ms (start, returned);
  timing->ready_ms = elapsed_ms (start, MAX (bench->first_paint, returned));
  timing->free_ms = elapsed_ms (start, bench->free_since);
}

/* Restarting the kiosk process, for comparison. */

typedef struct
{
  GDataInputStream *output;
  GCancellable     *cancellable;
  gboolean          reading;
  gint64            drawn;
  gboolean          output_ended;
} StartWatch;

static void read_line_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data);

static void
read_next_line (StartWatch *watch)
{
  watch->reading = TRUE;
  g_data_input_stream_read_line_async (watch->output, G_PRIORITY_DEFAULT, watch->cancellable,
                                       read_line_cb, watch);
}

static void
read_line_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  StartWatch *watch = user_data;
  g_autofree char *line = NULL;

  watch->reading = FALSE;
  line = g_data_input_stream_read_line_finish (G_DATA_INPUT_STREAM (source), result, NULL, NULL);

  if (line == NULL)
    {
      watch->output_ended = TRUE;
      return;
    }

  if (strstr (line, "Home screen drawn") != NULL)
    {
      watch->drawn = g_get_monotonic_time ();
      return;
    }

  read_next_line (watch);
}

static gboolean
start_is_over (gpointer user_data)
{
  StartWatch *watch = user_data;

  return watch->drawn != 0 || watch->output_ended;
}

static gboolean
reading_is_over (gpointer user_data)
{
  StartWatch *watch = user_data;

  return !watch->reading;
}

static gboolean
kiosk_name_is_free (gpointer user_data)
{
  return !kiosk_test_name_has_owner (user_data, APP_ID);
}

static void
make_private_dir (const char *path)
{
  if (g_mkdir_with_parents (path, 0700) != 0)
    bench_fail ("cannot create %s: %s", path, g_strerror (errno));
}

/* Starts the real program until it draws its home screen, then stops it.
 * Each start is a clean one, in folders of its own: no leftovers to wipe,
 * and the in-process kiosk's session folder is not touched.
 */
static void
restart_kiosk (const char      *config_path,
               guint            run,
               GDBusConnection *bus,
               double          *start_ms,
               double          *exit_ms)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) kiosk = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GDataInputStream) output = NULL;
  g_autofree char *run_name = g_strdup_printf ("restart-%u", run);
  g_autofree char *run_dir = g_build_filename (test_root, run_name, NULL);
  g_autofree char *state_dir = g_build_filename (run_dir, "state", NULL);
  g_autofree char *runtime_dir = g_build_filename (run_dir, "runtime", NULL);
  const char *binary = g_getenv ("KIOSK_BINARY");
  StartWatch watch = { NULL, cancellable, FALSE, 0, FALSE };
  gint64 start;
  gint64 killed;

  make_private_dir (state_dir);
  make_private_dir (runtime_dir);

  /* A kiosk started while the last one still holds the name would only
   * hand its command line over and quit.
   */
  if (!kiosk_test_wait_until (kiosk_name_is_free, bus, LOAD_TIMEOUT))
    bench_fail ("%s stays owned on the session bus; run under dbus-run-session", APP_ID);

  /* GLib writes debug messages to standard output, warnings to standard
   * error: the kiosk's first-frame message is looked for in both.
   */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "kiosk-window", TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_RUNTIME_DIR", runtime_dir, TRUE);

  start = g_get_monotonic_time ();
  kiosk = g_subprocess_launcher_spawn (launcher, &error, binary, "--windowed",
                                       "--config", config_path, "--state-dir", state_dir, NULL);
  if (kiosk == NULL)
    bench_fail ("cannot start %s: %s", binary, error->message);

  output = g_data_input_stream_new (g_subprocess_get_stdout_pipe (kiosk));
  watch.output = output;
  read_next_line (&watch);

  if (!kiosk_test_wait_until (start_is_over, &watch, LOAD_TIMEOUT) || watch.drawn == 0)
    bench_fail ("%s never said “Home screen drawn”", binary);
  *start_ms = elapsed_ms (start, watch.drawn);

  g_cancellable_cancel (cancellable);
  kiosk_test_wait_until (reading_is_over, &watch, LOAD_TIMEOUT);

  killed = g_get_monotonic_time ();
  g_subprocess_send_signal (kiosk, SIGTERM);
  if (!g_subprocess_wait (kiosk, NULL, &error))
    bench_fail ("waiting for the kiosk to stop: %s", error->message);
  *exit_ms = elapsed_ms (killed, g_get_monotonic_time ());

  kiosk_files_remove_tree (run_dir, NULL);
}

static const char *
verdict (gboolean within)
{
  return within ? "within budget" : "OVER BUDGET";
}

static void
print_memory (const MemorySample *sample)
{
  g_print ("memory after %u sessions: RSS %.1f MB (%.1f MB after malloc_trim), "
           "%u web process%s, %u network process%s\n",
           sample->sessions, sample->rss_kb / 1024.0, sample->live_rss_kb / 1024.0,
           sample->web_processes, sample->web_processes == 1 ? "" : "es",
           sample->network_processes, sample->network_processes == 1 ? "" : "es");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GArray) ready = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) calls = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) wipes = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) opens = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) exits = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GDBusConnection) bus = NULL;
  MemorySample early = { 0 };
  MemorySample middle = { 0 };
  MemorySample late = { 0 };
  Bench bench = { 0 };
  gint64 sessions_start;
  double sessions_seconds;
  double end_median;
  double start_median;
  double ratio;
  double rss_growth_mb;
  double live_growth_mb;

  test_root = kiosk_test_isolate_process_dirs ();
  kiosk_application_setup_locale ();

  if (!gtk_init_check ())
    bench_fail ("no display; run under xvfb-run");
  if (g_getenv ("KIOSK_BINARY") == NULL)
    bench_fail ("KIOSK_BINARY must name the pimms-kiosk program");

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  if (bus == NULL)
    bench_fail ("no session bus; run under dbus-run-session");

  bench_setup (&bench);

  sessions_start = g_get_monotonic_time ();
  for (guint i = 1; i <= N_SESSIONS; i++)
    {
      EndTiming timing;

      use_session (&bench);
      end_session (&bench, &timing);

      if (i <= N_TIMED_SESSIONS)
        {
          g_array_append_val (calls, timing.call_ms);
          g_array_append_val (ready, timing.ready_ms);
          g_array_append_val (wipes, timing.free_ms);
          g_array_append_val (opens, bench.open_ms);
        }

      if (i == N_BASELINE_SESSIONS)
        take_memory_sample (&early, i);
      else if (i == N_TIMED_SESSIONS)
        take_memory_sample (&middle, i);
      else if (i == N_SESSIONS)
        take_memory_sample (&late, i);
    }
  sessions_seconds = (g_get_monotonic_time () - sessions_start) / (double) G_USEC_PER_SEC;

  /* The restarts come last, so that none of their processes is counted
   * among this program's own.
   */
  for (guint i = 0; i < N_RESTARTS; i++)
    {
      double start_ms;
      double exit_ms;

      restart_kiosk (bench.config_path, i, bus, &start_ms, &exit_ms);
      g_array_append_val (starts, start_ms);
      g_array_append_val (exits, exit_ms);
    }

  sort_samples (ready);
  sort_samples (calls);
  sort_samples (wipes);
  sort_samples (opens);
  sort_samples (starts);
  sort_samples (exits);

  end_median = median (ready);
  start_median = median (starts);
  ratio = start_median / end_median;
  rss_growth_mb = (late.rss_kb - early.rss_kb) / 1024.0;
  live_growth_mb = (late.live_rss_kb - early.live_rss_kb) / 1024.0;

  g_print ("Pimms Kiosk session benchmark (WebKitGTK %u.%u.%u, GTK %u.%u.%u)\n",
           webkit_get_major_version (), webkit_get_minor_version (), webkit_get_micro_version (),
           gtk_get_major_version (), gtk_get_minor_version (), gtk_get_micro_version ());
  g_print ("end-session → home ready: median %.1f ms, p95 %.1f ms (%u sessions; "
           "home shown at once, not the 4 s “Session erased” page)\n",
           end_median, percentile_95 (ready), ready->len);
  g_print ("  of which the end_session + show_home calls: median %.1f ms, p95 %.1f ms\n",
           median (calls), percentile_95 (calls));
  g_print ("end-session → wipe proven (station free): median %.1f ms, p95 %.1f ms\n",
           median (wipes), percentile_95 (wipes));
  g_print ("next session, open service → page loaded (starts its web process): "
           "median %.1f ms\n", median (opens));
  g_print ("restart → home screen drawn: median %.1f ms, min %.1f ms, max %.1f ms (%u runs)\n",
           start_median, g_array_index (starts, double, 0),
           g_array_index (starts, double, starts->len - 1), starts->len);
  g_print ("  SIGTERM → process gone: median %.1f ms (not counted above)\n", median (exits));
  g_print ("restart / end-session: %.1f× (budget ≥ 20×): %s\n", ratio, verdict (ratio >= 20));
  g_print ("end-session median ≤ 100 ms: %s\n", verdict (end_median <= 100));
  g_print ("cold start ≤ 1 s: %s\n", verdict (start_median <= 1000));
  print_memory (&early);
  print_memory (&middle);
  print_memory (&late);
  g_print ("RSS 300 vs 10 sessions: %+.1f MB, %+.1f kB per session (budget within 5 MB): %s\n",
           rss_growth_mb, (late.rss_kb - early.rss_kb) / (double) (late.sessions - early.sessions),
           verdict (ABS (rss_growth_mb) <= 5));
  g_print ("  after malloc_trim: %+.1f MB, %+.1f kB per session\n", live_growth_mb,
           (late.live_rss_kb - early.live_rss_kb) / (double) (late.sessions - early.sessions));
  g_print ("stored per session: 2 cookies, localStorage; IndexedDB record: %u stored, "
           "%u with IndexedDB off, %u failed\n", bench.idb_ok, bench.idb_off, bench.idb_error);
  g_print ("%u sessions in %.0f s (%.0f ms each, two page loads included)\n",
           N_SESSIONS, sessions_seconds, sessions_seconds * 1000 / N_SESSIONS);

  bench_teardown (&bench);
  kiosk_files_remove_tree (test_root, NULL);
  g_clear_pointer (&test_root, g_free);

  return EXIT_SUCCESS;
}
