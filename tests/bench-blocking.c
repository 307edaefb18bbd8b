/* bench-blocking.c — what the network boundary costs: compiling the blocked hosts, and a page load
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Issue 20 asks for the filter's compilation time (the default catalogue's
 * [Block] list, and a list of 50 000 rules as an admin may supply), and the
 * load of a page with 100 sub-resources without the filter, with it, and
 * in strict mode, in one run. A measurement, never a pass/fail.
 *
 * Run it on a display and a session bus of its own, as meson's benchmark
 * runner is: xvfb-run -a dbus-run-session meson test --benchmark blocking.
 */
#define G_LOG_DOMAIN "kiosk-bench"

#include "config.h"

#include "bench-utils.h"
#include "kiosk-content-rules.h"
#include "test-utils.h"

#include <gtk/gtk.h>

#define N_COMPILES 5
#define N_LOADS 9
#define BIG_LIST_RULES 50000

#define TRACKER "tracker.bench.example"
#define CDN "cdn.bench.example"
#define UNLISTED "static.unlisted.example"

typedef struct
{
  WebKitUserContentFilter *filter;
  GError                  *error;
  gboolean                 done;
} Compiled;

static void
compiled_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Compiled *compiled = user_data;

  compiled->filter = kiosk_content_rules_compile_finish (result, &compiled->error);
  compiled->done = TRUE;
}

static gboolean
is_compiled (gpointer user_data)
{
  return ((Compiled *) user_data)->done;
}

/* The median of @rules' compilations, in milliseconds. */
static double
time_compilation (const char *rules)
{
  g_autoptr(GArray) samples = kiosk_bench_samples_new ();
  g_autofree char *store_dir = g_build_filename (kiosk_bench_get_root (), "store", NULL);

  for (guint i = 0; i < N_COMPILES; i++)
    {
      Compiled compiled = { NULL, NULL, FALSE };
      gint64 start = g_get_monotonic_time ();
      double ms;

      kiosk_content_rules_compile (store_dir, rules, NULL, compiled_cb, &compiled);
      if (!kiosk_test_wait_until (is_compiled, &compiled, 600))
        kiosk_bench_fail ("WebKit did not compile the rules in time");
      if (compiled.filter == NULL)
        kiosk_bench_fail ("WebKit refused the rules: %s", compiled.error->message);
      ms = kiosk_bench_elapsed_ms (start, g_get_monotonic_time ());
      g_array_append_val (samples, ms);
      webkit_user_content_filter_unref (compiled.filter);
    }

  kiosk_bench_sort (samples);
  return kiosk_bench_median (samples);
}

/* 50 000 hosts of the kind trackers lists hold, one rule each. */
static char *
make_big_list (void)
{
  GString *rules = g_string_new ("[");

  for (guint i = 0; i < BIG_LIST_RULES; i++)
    g_string_append_printf (rules, "%s{\"trigger\": {\"url-filter\": "
                            "\"^https?://([^/]*[.])?ads%u-tracker[.]example[:/]\"}, "
                            "\"action\": {\"type\": \"block\"}}", i > 0 ? "," : "", i);
  g_string_append (rules, "]");
  return g_string_free (rules, FALSE);
}

static char *
default_block_rules (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("KIOSK_SOURCE_DIR"), "data", "kiosk.conf",
                                            NULL);
  g_autoptr(KioskConfig) config = NULL;
  g_autoptr(GError) error = NULL;

  config = kiosk_config_load (path, &error);
  if (config == NULL)
    kiosk_bench_fail ("cannot read the default catalogue: %s", error->message);
  return kiosk_policy_get_block_rules (kiosk_config_get_policy (config));
}

/* 100 sub-resources: 40 of the site's own, 30 from a CDN the strict mode
 * lists, 20 from a tracker the block list names, 10 from a CDN nobody
 * lists. The title says when the page and all its loads are over.
 */
static char *
make_page (KioskTestServer *server)
{
  GString *page = g_string_new ("<html><head><title>Chargement</title></head><body>");
  const struct { const char *host; guint n; } sources[] = {
    { "www.caf.fr", 40 }, { CDN, 30 }, { TRACKER, 20 }, { UNLISTED, 10 },
  };

  for (guint s = 0; s < G_N_ELEMENTS (sources); s++)
    for (guint i = 0; i < sources[s].n; i++)
      {
        g_autofree char *path = g_strdup_printf ("/r%u.png", i);

        kiosk_test_server_add_resource (server, sources[s].host, path, "image/png", "PNG", NULL,
                                        NULL);
        g_string_append_printf (page, "<img src='http://%s%s' alt=''>", sources[s].host, path);
      }
  g_string_append (page, "<script>window.addEventListener ('load', function () {"
                         " document.title = 'loaded ' + Date.now (); });</script></body></html>");
  return g_string_free (page, FALSE);
}

typedef struct
{
  WebKitWebView *web_view;
  char          *before;
} TitleChange;

static gboolean
title_changed_to_loaded (gpointer user_data)
{
  TitleChange *change = user_data;
  const char *title = webkit_web_view_get_title (change->web_view);

  return title != NULL && g_str_has_prefix (title, "loaded") &&
         g_strcmp0 (title, change->before) != 0;
}

/* The median of @N_LOADS loads of the page, each bypassing the cache. */
static double
time_page_loads (KioskTestServer *server,
                 const char      *extra_keys)
{
  g_autofree char *config_path = kiosk_test_write_config (server->proxy_uri, extra_keys);
  g_autoptr(KioskConfig) config = NULL;
  g_autoptr(GArray) samples = kiosk_bench_samples_new ();
  g_autoptr(GError) error = NULL;
  KioskBenchShell shell = { 0 };
  WebKitWebView *web_view;

  config = kiosk_config_load (config_path, &error);
  if (config == NULL)
    kiosk_bench_fail ("cannot load the benchmark's config: %s", error->message);
  kiosk_bench_shell_setup (&shell, config);
  kiosk_window_open_service (shell.window, kiosk_config_lookup_service (config, "caf"));
  kiosk_test_spin (2000);
  web_view = kiosk_user_session_get_web_view (kiosk_window_get_user_session (shell.window));

  for (guint i = 0; i < N_LOADS + 1; i++)
    {
      TitleChange change = { web_view, g_strdup (webkit_web_view_get_title (web_view)) };
      gint64 start = g_get_monotonic_time ();
      double ms;

      if (i == 0)
        webkit_web_view_load_uri (web_view, "http://www.caf.fr/cent");
      else
        webkit_web_view_reload_bypass_cache (web_view);
      if (!kiosk_test_wait_until (title_changed_to_loaded, &change, 60))
        kiosk_bench_fail ("the page with 100 sub-resources did not load");
      ms = kiosk_bench_elapsed_ms (start, g_get_monotonic_time ());
      /* The first load warms the web process up. */
      if (i > 0)
        g_array_append_val (samples, ms);
      g_free (change.before);
    }

  kiosk_bench_shell_teardown (&shell);
  kiosk_bench_sort (samples);
  return kiosk_bench_median (samples);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(KioskTestServer) server = NULL;
  g_autofree char *default_rules = NULL;
  g_autofree char *big_rules = NULL;
  g_autofree char *page = NULL;
  g_autofree char *load = NULL;
  double default_ms, big_ms, plain_ms, filtered_ms, strict_ms;

  kiosk_bench_init ("bench-blocking");
  kiosk_application_setup_locale ();
  if (!gtk_init_check ())
    kiosk_bench_fail ("no display; run under xvfb-run");

  default_rules = default_block_rules ();
  big_rules = make_big_list ();
  default_ms = time_compilation (default_rules);
  big_ms = time_compilation (big_rules);

  server = kiosk_test_server_new ();
  kiosk_test_server_add_page (server, "www.caf.fr", "/", "<title>CAF</title>", NULL);
  page = make_page (server);
  kiosk_test_server_add_page (server, "www.caf.fr", "/cent", page, NULL);

  plain_ms = time_page_loads (server, NULL);
  filtered_ms = time_page_loads (server, "\n[Block]\nHosts=" TRACKER "\n");
  strict_ms = time_page_loads (server, "StrictResources=true\n\n[Allow]\nResources=" CDN "\n"
                                       "\n[Block]\nHosts=" TRACKER "\n");
  load = kiosk_bench_load_average ();

  g_print ("compiling the blocked hosts (median of %u): default catalogue's %.1f ms, "
           "%u rules %.1f ms\n", N_COMPILES, default_ms, BIG_LIST_RULES, big_ms);
  g_print ("a page with 100 sub-resources (median of %u, cache bypassed): without a block list "
           "%.1f ms; with [Block] Hosts %.1f ms (%.2f×); in strict mode %.1f ms (%.2f×)\n",
           N_LOADS, plain_ms, filtered_ms, filtered_ms / plain_ms, strict_ms,
           strict_ms / plain_ms);
  g_print ("load average: %s\n", load);

  kiosk_bench_finish ();
  return 0;
}
