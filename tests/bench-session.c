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

#include "bench-utils.h"
#include "test-kiosk-run.h"
#include "test-utils.h"

#include <gtk/gtk.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdlib.h>

#define N_TIMED_SESSIONS 100
#define N_SESSIONS 300
/* The memory baseline: WebKit and GTK have filled their caches by then. */
#define N_BASELINE_SESSIONS 10
#define N_RESTARTS 10
/* Before a memory reading, WebKit and GLib get this long to finish what
 * the last session left pending (process exits, idle callbacks).
 */
#define SETTLE_MS 1000

typedef struct
{
  KioskTestServer     *server;
  char                *config_path;
  KioskConfig         *config;
  KioskBenchShell      shell;
  KioskWindow         *window;
  KioskService        *caf;

  /* Time from opening the service to its page, in a fresh session
   * readied for the next resident (its web process started).
   */
  double               open_ms;

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

static long
read_rss_kb (void)
{
  KioskTestMemory memory;

  if (!kiosk_test_read_memory (0, &memory))
    return -1;
  return memory.rss_kb;
}

static void
take_memory_sample (MemorySample *sample,
                    guint         sessions)
{
  kiosk_test_spin (SETTLE_MS);
  sample->sessions = sessions;
  sample->rss_kb = read_rss_kb ();
  sample->web_processes = kiosk_test_count_descendants (KIOSK_TEST_WEB_PROCESS_NAME);
  sample->network_processes = kiosk_test_count_descendants (KIOSK_TEST_NETWORK_PROCESS_NAME);

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
bench_setup (Bench *bench)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *store_page = NULL;

  bench->server = kiosk_test_server_new ();
  kiosk_test_server_add_page (bench->server, "www.caf.fr", "/",
                              "<title>CAF test page</title>", NULL);
  store_page = g_strdup_printf ("<script>%s"
                                "store_visit (function (idb, fresh) {"
                                "  document.title = 'stored idb:' + idb;"
                                "});"
                                "</script>", kiosk_test_store_visit_script);
  kiosk_test_server_add_page (bench->server, "www.caf.fr", "/store", store_page,
                              KIOSK_TEST_VISIT_COOKIE);

  bench->config_path = kiosk_test_write_config (bench->server->proxy_uri, NULL);
  bench->config = kiosk_config_load (bench->config_path, &error);
  if (bench->config == NULL)
    kiosk_bench_fail ("cannot load the benchmark's config: %s", error->message);
  bench->caf = kiosk_config_lookup_service (bench->config, "caf");

  kiosk_bench_shell_setup (&bench->shell, bench->config);
  bench->window = bench->shell.window;
}

static void
bench_teardown (Bench *bench)
{
  kiosk_bench_shell_teardown (&bench->shell);
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
    kiosk_bench_fail ("there is no user session to browse in");

  wait.web_view = kiosk_user_session_get_web_view (user_session);
  if (!kiosk_test_wait_until (title_has_prefix, &wait, KIOSK_BENCH_TIMEOUT))
    kiosk_bench_fail ("the page title stayed “%s” instead of becoming “%s…”",
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
  bench->open_ms = kiosk_bench_elapsed_ms (start, g_get_monotonic_time ());

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
  g_autoptr(GArray) ready = kiosk_bench_samples_new ();
  g_autoptr(GArray) calls = kiosk_bench_samples_new ();
  g_autoptr(GArray) wipes = kiosk_bench_samples_new ();
  g_autoptr(GArray) opens = kiosk_bench_samples_new ();
  g_autoptr(GArray) readied = kiosk_bench_samples_new ();
  g_autoptr(GArray) starts = kiosk_bench_samples_new ();
  g_autoptr(GArray) exits = kiosk_bench_samples_new ();
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

  kiosk_bench_init ("bench-session");
  kiosk_application_setup_locale ();

  if (!gtk_init_check ())
    kiosk_bench_fail ("no display; run under xvfb-run");
  if (g_getenv ("KIOSK_BINARY") == NULL)
    kiosk_bench_fail ("KIOSK_BINARY must name the pimms-kiosk program");

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  if (bus == NULL)
    kiosk_bench_fail ("no session bus; run under dbus-run-session");

  bench_setup (&bench);

  sessions_start = g_get_monotonic_time ();
  /* A resident's tap comes once the station has readied their session. */
  kiosk_bench_shell_wait_readied (&bench.shell);
  for (guint i = 1; i <= N_SESSIONS; i++)
    {
      KioskBenchEndTiming timing;
      double readied_ms;

      use_session (&bench);
      kiosk_bench_shell_end_session (&bench.shell, &timing);
      readied_ms = kiosk_bench_shell_wait_readied (&bench.shell);

      if (i <= N_TIMED_SESSIONS)
        {
          g_array_append_val (readied, readied_ms);
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
      KioskBenchProcess *kiosk = kiosk_bench_process_start (bench.config_path, i, bus, NULL);
      double start_ms = kiosk_bench_process_wait_drawn (kiosk);
      double exit_ms = kiosk_bench_process_stop (kiosk);

      g_array_append_val (starts, start_ms);
      g_array_append_val (exits, exit_ms);
    }

  kiosk_bench_sort (ready);
  kiosk_bench_sort (calls);
  kiosk_bench_sort (wipes);
  kiosk_bench_sort (opens);
  kiosk_bench_sort (readied);
  kiosk_bench_sort (starts);
  kiosk_bench_sort (exits);

  end_median = kiosk_bench_median (ready);
  start_median = kiosk_bench_median (starts);
  ratio = start_median / end_median;
  rss_growth_mb = (late.rss_kb - early.rss_kb) / 1024.0;
  live_growth_mb = (late.live_rss_kb - early.live_rss_kb) / 1024.0;

  g_print ("Pimms Kiosk session benchmark (WebKitGTK %u.%u.%u, GTK %u.%u.%u)\n",
           webkit_get_major_version (), webkit_get_minor_version (), webkit_get_micro_version (),
           gtk_get_major_version (), gtk_get_minor_version (), gtk_get_micro_version ());
  g_print ("end-session → home ready: median %.1f ms, p95 %.1f ms (%u sessions; "
           "home shown at once, not the 4 s “Session erased” page)\n",
           end_median, kiosk_bench_percentile_95 (ready), ready->len);
  g_print ("  of which the end_session + show_home calls: median %.1f ms, p95 %.1f ms\n",
           kiosk_bench_median (calls), kiosk_bench_percentile_95 (calls));
  g_print ("end-session → wipe proven (station free): median %.1f ms, p95 %.1f ms\n",
           kiosk_bench_median (wipes), kiosk_bench_percentile_95 (wipes));
  g_print ("wipe proven → next session readied (its web process started): median %.1f ms\n",
           kiosk_bench_median (readied));
  g_print ("next session, open service → page loaded (session readied): median %.1f ms\n",
           kiosk_bench_median (opens));
  g_print ("restart → home screen drawn: median %.1f ms, min %.1f ms, max %.1f ms (%u runs)\n",
           start_median, g_array_index (starts, double, 0),
           g_array_index (starts, double, starts->len - 1), starts->len);
  g_print ("  SIGTERM → process gone: median %.1f ms (not counted above)\n",
           kiosk_bench_median (exits));
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
  g_print ("%u sessions in %.0f s (%.0f ms each, two page loads and the readying "
           "included)\n",
           N_SESSIONS, sessions_seconds, sessions_seconds * 1000 / N_SESSIONS);

  bench_teardown (&bench);
  kiosk_bench_finish ();

  return EXIT_SUCCESS;
}
