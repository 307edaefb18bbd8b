/* bench-utils.c — shared by the benchmarks that drive the kiosk: an
 * in-process kiosk window, kiosk processes started for a measurement
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-bench"

#include "config.h"

#include "bench-utils.h"
#include "kiosk-files.h"
#include "kiosk-startup-trace.h"
#include "test-kiosk-run.h"
#include "test-utils.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static char *bench_root;
static GFunc fail_hook;
static gpointer fail_hook_data;

/**
 * kiosk_bench_init:
 * @name: the benchmark's name, for its messages
 *
 * Points HOME and the XDG folders at a temporary folder for the whole
 * benchmark, as kiosk_test_isolate_process_dirs() does. Call first.
 */
void
kiosk_bench_init (const char *name)
{
  g_assert (bench_root == NULL);
  g_set_prgname (name);
  bench_root = kiosk_test_isolate_process_dirs ();
}

/**
 * kiosk_bench_get_root:
 *
 * Returns: (transfer none): the benchmark's temporary folder
 */
const char *
kiosk_bench_get_root (void)
{
  return bench_root;
}

/**
 * kiosk_bench_set_fail_hook:
 * @hook: (nullable): called by kiosk_bench_fail() before it exits
 * @user_data: for @hook
 *
 * For what must not outlive a failed benchmark, like a browser it started.
 */
void
kiosk_bench_set_fail_hook (GFunc    hook,
                           gpointer user_data)
{
  fail_hook = hook;
  fail_hook_data = user_data;
}

/**
 * kiosk_bench_finish:
 *
 * Removes the benchmark's temporary folder.
 */
void
kiosk_bench_finish (void)
{
  if (bench_root != NULL)
    kiosk_files_remove_tree (bench_root, NULL);
  g_clear_pointer (&bench_root, g_free);
}

/**
 * kiosk_bench_fail:
 * @format: why the benchmark cannot measure
 *
 * A benchmark that cannot measure says why and stops with a failure; it
 * never waits forever for a page or a process, and never reports a
 * figure it did not take.
 */
void
kiosk_bench_fail (const char *format,
                  ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("%s: %s\n", g_get_prgname (), message);
  if (fail_hook != NULL)
    fail_hook (fail_hook_data, NULL);
  kiosk_bench_finish ();
  exit (EXIT_FAILURE);
}

/**
 * kiosk_bench_make_private_dir:
 * @path: a folder to create, with its parents
 */
void
kiosk_bench_make_private_dir (const char *path)
{
  if (g_mkdir_with_parents (path, 0700) != 0)
    kiosk_bench_fail ("cannot create %s: %s", path, g_strerror (errno));
}

/**
 * kiosk_bench_elapsed_ms:
 * @from: a g_get_monotonic_time() reading
 * @to: a later one
 *
 * Returns: the milliseconds between them
 */
double
kiosk_bench_elapsed_ms (gint64 from,
                        gint64 to)
{
  return (to - from) / 1000.0;
}

/**
 * kiosk_bench_load_average:
 *
 * Other programs share the machine: every figure is printed with the load
 * it was taken under.
 *
 * Returns: (transfer full): the 1, 5 and 15 minute load averages, as
 *   uptime shows them
 */
char *
kiosk_bench_load_average (void)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) fields = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &contents, NULL, NULL))
    return g_strdup ("unknown");

  fields = g_strsplit (contents, " ", 4);
  if (g_strv_length (fields) < 4)
    return g_strdup ("unknown");

  return g_strdup_printf ("%s, %s, %s", fields[0], fields[1], fields[2]);
}

/* Memory. */

static long
read_field_kb (const char *path,
               const char *field)
{
  g_autofree char *contents = NULL;
  g_autofree char *key = g_strconcat ("\n", field, ":", NULL);
  const char *value;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return -1;
  /* The first line has no newline before it. */
  if (g_str_has_prefix (contents, key + 1))
    value = contents + strlen (key + 1);
  else if ((value = strstr (contents, key)) != NULL)
    value += strlen (key);
  else
    return -1;

  return strtol (value, NULL, 10);
}

/**
 * kiosk_bench_read_process_memory:
 * @pid: a process
 * @memory: (out): what it holds in RAM
 *
 * Returns: %FALSE if the process is gone
 */
gboolean
kiosk_bench_read_process_memory (pid_t                   pid,
                                 KioskBenchProcessMemory *memory)
{
  g_autofree char *rollup = g_strdup_printf ("/proc/%d/smaps_rollup", (int) pid);

  /* The proportional set size shares each page between the processes
   * that map it: the sum over a browser's processes counts the libraries
   * they all load once.
   */
  memory->rss_kb = read_field_kb (rollup, "Rss");
  memory->pss_kb = read_field_kb (rollup, "Pss");
  return memory->rss_kb >= 0 && memory->pss_kb >= 0;
}

static pid_t
parent_of (pid_t pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/status", (int) pid);

  return (pid_t) read_field_kb (path, "PPid");
}

/**
 * kiosk_bench_find_process_tree:
 * @root: a process
 *
 * Returns: (transfer full) (element-type pid_t): @root and every process it
 *   started, directly or not, that is still running
 */
GArray *
kiosk_bench_find_process_tree (pid_t root)
{
  GArray *pids = g_array_new (FALSE, FALSE, sizeof (pid_t));
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *name;

  while (proc != NULL && (name = g_dir_read_name (proc)) != NULL)
    {
      char *end;
      long pid = strtol (name, &end, 10);

      if (*end != '\0' || pid <= 0)
        continue;

      for (pid_t ancestor = pid; ancestor > 1; ancestor = parent_of (ancestor))
        {
          if (ancestor == root)
            {
              pid_t found = pid;

              g_array_append_val (pids, found);
              break;
            }
        }
    }

  return pids;
}

/**
 * kiosk_bench_process_name:
 * @pid: a process
 *
 * Returns: (transfer full) (nullable): its name, as the kernel keeps it
 */
char *
kiosk_bench_process_name (pid_t pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/comm", (int) pid);
  char *comm = NULL;

  if (!g_file_get_contents (path, &comm, NULL, NULL))
    return NULL;

  return g_strchomp (comm);
}

/* The in-process kiosk window. */

static void
after_paint_cb (GdkFrameClock   *frame_clock,
                KioskBenchShell *shell)
{
  if (shell->first_paint == 0)
    shell->first_paint = g_get_monotonic_time ();
}

static void
state_changed_cb (KioskStation    *station,
                  GParamSpec      *pspec,
                  KioskBenchShell *shell)
{
  if (kiosk_station_get_state (station) == KIOSK_STATION_FREE && shell->free_since == 0)
    shell->free_since = g_get_monotonic_time ();
}

static gboolean
window_is_mapped (gpointer user_data)
{
  return gtk_widget_get_mapped (user_data);
}

static gboolean
has_painted (gpointer user_data)
{
  KioskBenchShell *shell = user_data;

  return shell->first_paint != 0;
}

static gboolean
station_is_settled (gpointer user_data)
{
  KioskBenchShell *shell = user_data;
  KioskStationState state = kiosk_session_manager_get_state (shell->manager);

  return state == KIOSK_STATION_FREE || state == KIOSK_STATION_OUT_OF_SERVICE;
}

static KioskApplication *
create_bench_application (void)
{
  static guint serial;
  KioskApplication *application = kiosk_application_new ();
  g_autofree char *application_id = NULL;

  /* A benchmark that sets a shell up again gets a name of its own: the
   * last one may not have left the bus yet.
   */
  application_id = serial++ == 0 ? g_strconcat (APP_ID, ".Bench", NULL)
                                  : g_strdup_printf ("%s.Bench%u", APP_ID, serial);

  /* The kiosk processes a benchmark starts must be able to own the real
   * name; this in-process one stays out of their way.
   */
  g_application_set_application_id (G_APPLICATION (application), application_id);
  g_application_set_flags (G_APPLICATION (application),
                           G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  return application;
}

/**
 * kiosk_bench_shell_setup:
 * @shell: to fill
 * @config: the configuration the window runs on
 *
 * Opens the kiosk window and waits until it has drawn its first frame.
 */
void
kiosk_bench_shell_setup (KioskBenchShell *shell,
                         KioskConfig     *config)
{
  g_autoptr(GError) error = NULL;

  shell->application = create_bench_application ();
  if (!g_application_register (G_APPLICATION (shell->application), NULL, &error))
    kiosk_bench_fail ("cannot register the application: %s", error->message);

  kiosk_application_start_station (shell->application, config, NULL, g_get_user_state_dir ());
  shell->window = kiosk_window_new (GTK_APPLICATION (shell->application));
  shell->manager = kiosk_window_get_session_manager (shell->window);
  g_signal_connect (kiosk_session_manager_get_station (shell->manager), "notify::state",
                    G_CALLBACK (state_changed_cb), shell);
  gtk_window_present (GTK_WINDOW (shell->window));

  if (!kiosk_test_wait_until (window_is_mapped, shell->window, KIOSK_BENCH_TIMEOUT))
    kiosk_bench_fail ("the kiosk window never appeared");

  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (shell->window)), "after-paint",
                    G_CALLBACK (after_paint_cb), shell);

  /* Start measuring only once the window is on screen. */
  shell->first_paint = 0;
  gtk_widget_queue_draw (GTK_WIDGET (shell->window));
  if (!kiosk_test_wait_until (has_painted, shell, KIOSK_BENCH_TIMEOUT))
    kiosk_bench_fail ("the kiosk window never drew its first frame");
}

/**
 * kiosk_bench_shell_teardown:
 * @shell: set up by kiosk_bench_shell_setup()
 */
void
kiosk_bench_shell_teardown (KioskBenchShell *shell)
{
  g_signal_handlers_disconnect_by_data (gtk_widget_get_frame_clock (GTK_WIDGET (shell->window)),
                                        shell);
  g_signal_handlers_disconnect_by_data (kiosk_session_manager_get_station (shell->manager), shell);
  kiosk_application_stop_station (shell->application);
  g_clear_object (&shell->application);
}

/**
 * kiosk_bench_shell_end_session:
 * @shell: set up by kiosk_bench_shell_setup()
 * @timing: (out): how long each step took
 *
 * Ends the user session as "End my session" does (the code path of the
 * app.end-session action too, with another end reason) and goes straight
 * to the home screen, as when the next resident touches the screen: what
 * is timed is the fresh home screen, not the "Session erased" page that
 * would otherwise stay for 4 seconds. Returns once the station is free
 * again, so that the next measurement starts from a settled station.
 */
void
kiosk_bench_shell_end_session (KioskBenchShell     *shell,
                               KioskBenchEndTiming *timing)
{
  gint64 start;
  gint64 returned;

  shell->first_paint = 0;
  shell->free_since = 0;

  start = g_get_monotonic_time ();
  kiosk_window_end_session (shell->window, KIOSK_END_LOGOUT);
  kiosk_window_show_home (shell->window);
  returned = g_get_monotonic_time ();

  /* The new user session is built within the call; the home screen is
   * ready once a frame has been drawn after it.
   */
  if (kiosk_window_get_user_session (shell->window) == NULL)
    kiosk_bench_fail ("no new user session after the end of the last one");
  if (!kiosk_test_wait_until (has_painted, shell, KIOSK_BENCH_TIMEOUT))
    kiosk_bench_fail ("the window drew no frame after the end of the session");
  if (g_strcmp0 (kiosk_window_get_page (shell->window), "home") != 0)
    kiosk_bench_fail ("the window shows “%s” instead of the home screen",
                      kiosk_window_get_page (shell->window));

  /* The next session starts only on a free station: that is when the
   * wipe is proven and the old web processes are gone.
   */
  if (!kiosk_test_wait_until (station_is_settled, shell, KIOSK_BENCH_TIMEOUT))
    kiosk_bench_fail ("the station is still “%s” long after the end of the session",
                      kiosk_station_state_to_string (
                        kiosk_session_manager_get_state (shell->manager)));
  if (kiosk_session_manager_get_state (shell->manager) == KIOSK_STATION_OUT_OF_SERVICE)
    kiosk_bench_fail ("the station went out of service: %s",
                      kiosk_session_manager_get_out_of_service_reason (shell->manager));

  timing->call_ms = kiosk_bench_elapsed_ms (start, returned);
  timing->ready_ms = kiosk_bench_elapsed_ms (start, MAX (shell->first_paint, returned));
  timing->free_ms = kiosk_bench_elapsed_ms (start, shell->free_since);
}

static gboolean
session_is_readied (gpointer user_data)
{
  KioskBenchShell *shell = user_data;
  KioskUserSession *user_session = kiosk_window_get_user_session (shell->window);

  return user_session != NULL && kiosk_user_session_is_prepared (user_session) &&
         !webkit_web_view_is_loading (kiosk_user_session_get_web_view (user_session));
}

/**
 * kiosk_bench_shell_wait_readied:
 * @shell: set up by kiosk_bench_shell_setup()
 *
 * Waits until the waiting session is readied for the next resident: its
 * web process started on the empty document (kiosk_user_session_prepare()).
 *
 * Returns: the milliseconds it took from the call
 */
double
kiosk_bench_shell_wait_readied (KioskBenchShell *shell)
{
  gint64 start = g_get_monotonic_time ();

  if (!kiosk_test_wait_until (session_is_readied, shell, KIOSK_BENCH_TIMEOUT))
    kiosk_bench_fail ("the next session was never readied");

  return kiosk_bench_elapsed_ms (start, g_get_monotonic_time ());
}

/* Kiosk processes. */

struct _KioskBenchProcess
{
  GSubprocess        *subprocess;
  KioskTestLogReader *log_reader;
  char               *run_dir;
  gint64              started;
  gint64              drawn;
  GPtrArray          *steps;  /* of KioskBenchStep */
};

static void
step_free (gpointer data)
{
  KioskBenchStep *step = data;

  g_free (step->name);
  g_free (step);
}

/* The first frame, and each step of the start the kiosk marks
 * (kiosk-startup-trace.c), in the monotonic clock both processes share.
 */
static gboolean
read_log_line_cb (const char *line,
                  gpointer    user_data)
{
  KioskBenchProcess *process = user_data;
  g_autofree char *name = NULL;
  gint64 reached;

  if (strstr (line, "Home screen drawn") != NULL && process->drawn == 0)
    process->drawn = g_get_monotonic_time ();

  if (kiosk_startup_trace_parse (line, &name, &reached))
    {
      KioskBenchStep *step = g_new0 (KioskBenchStep, 1);

      step->name = g_steal_pointer (&name);
      step->ms = kiosk_bench_elapsed_ms (process->started, reached);
      g_ptr_array_add (process->steps, step);
    }

  return TRUE;
}

static gboolean
start_is_over (gpointer user_data)
{
  KioskBenchProcess *process = user_data;

  return process->drawn != 0 || kiosk_test_log_reader_has_ended (process->log_reader);
}

static gboolean
kiosk_name_is_free (gpointer user_data)
{
  return !kiosk_test_name_has_owner (user_data, APP_ID);
}

/**
 * kiosk_bench_process_start:
 * @config_path: the config the kiosk runs on
 * @run: a number for this start's folders
 * @bus: the session bus, to wait until the last kiosk has left the name
 * @extra_args: (nullable): more arguments for pimms-kiosk, like --open caf
 *
 * Starts the real program, windowed. Each start is a clean one, in
 * folders of its own: no leftovers to wipe, and an in-process kiosk's
 * session folder is not touched.
 *
 * Returns: (transfer full): the process, for kiosk_bench_process_stop()
 */
KioskBenchProcess *
kiosk_bench_process_start (const char         *config_path,
                           guint               run,
                           GDBusConnection    *bus,
                           const char * const *extra_args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *run_name = g_strdup_printf ("kiosk-process-%u", run);
  g_autofree char *state_dir = NULL;
  g_autofree char *runtime_dir = NULL;
  const char *binary = g_getenv ("KIOSK_BINARY");
  KioskBenchProcess *process;

  if (binary == NULL)
    kiosk_bench_fail ("KIOSK_BINARY must name the pimms-kiosk program");

  process = g_new0 (KioskBenchProcess, 1);
  process->steps = g_ptr_array_new_with_free_func (step_free);
  process->run_dir = g_build_filename (bench_root, run_name, NULL);
  state_dir = g_build_filename (process->run_dir, "state", NULL);
  runtime_dir = g_build_filename (process->run_dir, "runtime", NULL);
  kiosk_bench_make_private_dir (state_dir);
  kiosk_bench_make_private_dir (runtime_dir);

  /* A kiosk started while the last one still holds the name would only
   * hand its command line over and quit.
   */
  if (!kiosk_test_wait_until (kiosk_name_is_free, bus, KIOSK_BENCH_TIMEOUT))
    kiosk_bench_fail ("%s stays owned on the session bus; run under dbus-run-session", APP_ID);

  /* GLib writes debug messages to standard output, warnings to standard
   * error: the kiosk's first-frame message is looked for in both.
   */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG",
                                "kiosk-window " KIOSK_STARTUP_TRACE_DOMAIN, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_RUNTIME_DIR", runtime_dir, TRUE);

  g_ptr_array_add (argv, (char *) binary);
  g_ptr_array_add (argv, "--windowed");
  g_ptr_array_add (argv, "--config");
  g_ptr_array_add (argv, (char *) config_path);
  g_ptr_array_add (argv, "--state-dir");
  g_ptr_array_add (argv, state_dir);
  for (guint i = 0; extra_args != NULL && extra_args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) extra_args[i]);
  g_ptr_array_add (argv, NULL);

  process->started = g_get_monotonic_time ();
  process->subprocess = g_subprocess_launcher_spawnv (launcher,
                                                      (const char * const *) argv->pdata,
                                                      &error);
  if (process->subprocess == NULL)
    kiosk_bench_fail ("cannot start %s: %s", binary, error->message);

  process->log_reader =
    kiosk_test_log_reader_new (g_subprocess_get_stdout_pipe (process->subprocess),
                               read_log_line_cb, process);

  return process;
}

/**
 * kiosk_bench_process_get_started:
 * @process: a kiosk process
 *
 * Returns: when it was started, in g_get_monotonic_time()'s clock
 */
gint64
kiosk_bench_process_get_started (KioskBenchProcess *process)
{
  return process->started;
}

/**
 * kiosk_bench_process_get_pid:
 * @process: a kiosk process
 *
 * Returns: its process id
 */
pid_t
kiosk_bench_process_get_pid (KioskBenchProcess *process)
{
  const char *identifier = g_subprocess_get_identifier (process->subprocess);

  return identifier != NULL ? (pid_t) strtol (identifier, NULL, 10) : 0;
}

/**
 * kiosk_bench_process_get_steps:
 * @process: a kiosk process
 *
 * Returns: (transfer none) (element-type KioskBenchStep): the steps of its
 *   start it has marked so far, in the order it reached them
 */
GPtrArray *
kiosk_bench_process_get_steps (KioskBenchProcess *process)
{
  return process->steps;
}

/**
 * kiosk_bench_process_wait_drawn:
 * @process: a kiosk process
 *
 * Waits until the kiosk says it has drawn its first frame.
 *
 * Returns: the milliseconds from its start to that frame
 */
double
kiosk_bench_process_wait_drawn (KioskBenchProcess *process)
{
  if (!kiosk_test_wait_until (start_is_over, process, KIOSK_BENCH_TIMEOUT) ||
      process->drawn == 0)
    kiosk_bench_fail ("%s never said “Home screen drawn”", g_getenv ("KIOSK_BINARY"));

  return kiosk_bench_elapsed_ms (process->started, process->drawn);
}

/**
 * kiosk_bench_process_stop:
 * @process: (transfer full): a kiosk process
 *
 * Stops it with SIGTERM, as systemd would, and removes its folders.
 *
 * Returns: the milliseconds from SIGTERM until the process was gone
 */
double
kiosk_bench_process_stop (KioskBenchProcess *process)
{
  g_autoptr(GError) error = NULL;
  gint64 killed;
  double exit_ms;

  kiosk_test_log_reader_stop (process->log_reader);

  killed = g_get_monotonic_time ();
  g_subprocess_send_signal (process->subprocess, SIGTERM);
  if (!g_subprocess_wait (process->subprocess, NULL, &error))
    kiosk_bench_fail ("waiting for the kiosk to stop: %s", error->message);
  exit_ms = kiosk_bench_elapsed_ms (killed, g_get_monotonic_time ());

  kiosk_files_remove_tree (process->run_dir, NULL);
  kiosk_test_log_reader_free (process->log_reader);
  g_ptr_array_unref (process->steps);
  g_object_unref (process->subprocess);
  g_free (process->run_dir);
  g_free (process);

  return exit_ms;
}
