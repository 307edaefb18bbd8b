/* test-kiosk-run.c — what a kiosk run leaves: memory, web processes, stored visits;
 * what a kiosk process logs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by bench-session (the kiosk in its own process) and soak (the
 * real pimms-kiosk as a child process); the log reader also by
 * bench-browser and test-faults, which start pimms-kiosk processes too.
 */
#define G_LOG_DOMAIN "kiosk-test"

#include "config.h"

#include "test-kiosk-run.h"

#include "kiosk-processes.h"
#include "test-utils.h"

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

/**
 * kiosk_test_count_threads:
 * @pid: a process
 * @name: a thread name, as the kernel keeps it (15 characters at most)
 *
 * Returns: how many threads of @pid have that name
 */
guint
kiosk_test_count_threads (pid_t       pid,
                          const char *name)
{
  g_autofree char *tasks = g_strdup_printf ("/proc/%d/task", (int) pid);
  g_autoptr(GDir) dir = g_dir_open (tasks, 0, NULL);
  const char *task;
  guint count = 0;

  while (dir != NULL && (task = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (tasks, task, "comm", NULL);
      g_autofree char *comm = NULL;

      if (g_file_get_contents (path, &comm, NULL, NULL) &&
          strcmp (g_strchomp (comm), name) == 0)
        count++;
    }

  return count;
}

/* The log reader. */

struct _KioskTestLogReader
{
  GDataInputStream  *stream;
  GCancellable      *cancellable;
  GMainContext      *context;
  KioskTestLineFunc  line_func;
  gpointer           user_data;
  gboolean           reading;
  gboolean           ended;
};

static void read_line_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data);

static void
read_next_line (KioskTestLogReader *reader)
{
  reader->reading = TRUE;
  g_data_input_stream_read_line_async (reader->stream, G_PRIORITY_DEFAULT, reader->cancellable,
                                       read_line_cb, reader);
}

static void
read_line_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  KioskTestLogReader *reader = user_data;
  g_autofree char *line = NULL;

  reader->reading = FALSE;
  line = g_data_input_stream_read_line_finish (G_DATA_INPUT_STREAM (source), result, NULL, NULL);

  /* A line read just before the reader was stopped is dropped: what
   * line_func works on may be gone by now.
   */
  if (g_cancellable_is_cancelled (reader->cancellable))
    return;

  if (line == NULL)
    {
      reader->ended = TRUE;
      return;
    }

  if (reader->line_func (line, reader->user_data))
    read_next_line (reader);
}

/**
 * kiosk_test_log_reader_new:
 * @stream: a process's output, such as g_subprocess_get_stdout_pipe()
 * @line_func: called with each line, in the thread-default main context
 * @user_data: for @line_func
 *
 * Starts reading @stream, a line at a time, until it ends, @line_func
 * returns %FALSE or the reader is stopped.
 *
 * Returns: (transfer full): the reader, for kiosk_test_log_reader_free()
 */
KioskTestLogReader *
kiosk_test_log_reader_new (GInputStream      *stream,
                           KioskTestLineFunc  line_func,
                           gpointer           user_data)
{
  KioskTestLogReader *reader;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);
  g_return_val_if_fail (line_func != NULL, NULL);

  reader = g_new0 (KioskTestLogReader, 1);
  reader->stream = g_data_input_stream_new (stream);
  reader->cancellable = g_cancellable_new ();
  reader->context = g_main_context_ref_thread_default ();
  reader->line_func = line_func;
  reader->user_data = user_data;
  read_next_line (reader);

  return reader;
}

/**
 * kiosk_test_log_reader_is_reading:
 * @reader: a log reader
 *
 * Returns: %TRUE while a read is pending: neither has the log ended, nor
 *   has the line function said to stop, nor has the reader been stopped
 */
gboolean
kiosk_test_log_reader_is_reading (KioskTestLogReader *reader)
{
  g_return_val_if_fail (reader != NULL, FALSE);

  return reader->reading;
}

/**
 * kiosk_test_log_reader_has_ended:
 * @reader: a log reader
 *
 * The log ends when the process and whatever inherited its output have
 * closed it, or when it can no longer be read.
 *
 * Returns: %TRUE once the reader has read to the end of the log
 */
gboolean
kiosk_test_log_reader_has_ended (KioskTestLogReader *reader)
{
  g_return_val_if_fail (reader != NULL, FALSE);

  return reader->ended;
}

/**
 * kiosk_test_log_reader_stop:
 * @reader: a log reader
 *
 * Stops reading, and returns once the pending read is over: the line
 * function is not called again. The stream stays open, so that a process
 * still running is not killed by SIGPIPE when it next logs something.
 */
void
kiosk_test_log_reader_stop (KioskTestLogReader *reader)
{
  g_return_if_fail (reader != NULL);

  g_cancellable_cancel (reader->cancellable);

  /* A cancelled read still ends in read_line_cb (), which uses the reader
   * and its stream: neither may be freed before.
   */
  while (reader->reading)
    g_main_context_iteration (reader->context, TRUE);
}

/**
 * kiosk_test_log_reader_free:
 * @reader: (transfer full): a log reader
 *
 * Stops it as kiosk_test_log_reader_stop() does, closes the stream and
 * frees the reader.
 */
void
kiosk_test_log_reader_free (KioskTestLogReader *reader)
{
  g_return_if_fail (reader != NULL);

  kiosk_test_log_reader_stop (reader);
  g_object_unref (reader->stream);
  g_object_unref (reader->cancellable);
  g_main_context_unref (reader->context);
  g_free (reader);
}

/* A pimms-kiosk process of a test's. */

static gboolean
keep_log_line_cb (const char *line,
                  gpointer    user_data)
{
  KioskTestKiosk *kiosk = user_data;

  g_string_append (kiosk->log, line);
  g_string_append_c (kiosk->log, '\n');
  return TRUE;
}

/**
 * kiosk_test_kiosk_start:
 * @launcher: (nullable): a launcher the test prepared (its environment, a
 *   child setup), or %NULL
 * @config_path: the config
 * @state_dir: the state folder
 * @open_id: (nullable): a service to start on (`--open`)
 *
 * Starts $KIOSK_BINARY in a window. Its log (GLib writes messages to
 * stdout, warnings to stderr; journald keeps both on a station) is
 * collected as it comes, for the test to wait for what it says.
 *
 * Returns: (transfer full): the kiosk; stop it with kiosk_test_kiosk_stop()
 */
KioskTestKiosk *
kiosk_test_kiosk_start (GSubprocessLauncher *launcher,
                        const char          *config_path,
                        const char          *state_dir,
                        const char          *open_id)
{
  g_autoptr(GSubprocessLauncher) own_launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  KioskTestKiosk *kiosk = g_new0 (KioskTestKiosk, 1);

  if (launcher == NULL)
    launcher = own_launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_subprocess_launcher_set_flags (launcher, G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                             G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "kiosk-session-manager kiosk-window",
                                TRUE);

  g_ptr_array_add (argv, (char *) g_getenv ("KIOSK_BINARY"));
  g_ptr_array_add (argv, "--windowed");
  g_ptr_array_add (argv, "--config");
  g_ptr_array_add (argv, (char *) config_path);
  g_ptr_array_add (argv, "--state-dir");
  g_ptr_array_add (argv, (char *) state_dir);
  if (open_id != NULL)
    {
      g_ptr_array_add (argv, "--open");
      g_ptr_array_add (argv, (char *) open_id);
    }
  g_ptr_array_add (argv, NULL);

  kiosk->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata,
                                                 &error);
  g_assert_no_error (error);
  kiosk->pid = atoi (g_subprocess_get_identifier (kiosk->process));
  kiosk->log = g_string_new (NULL);
  kiosk->log_reader = kiosk_test_log_reader_new (g_subprocess_get_stdout_pipe (kiosk->process),
                                                 keep_log_line_cb, kiosk);
  return kiosk;
}

typedef struct
{
  KioskTestKiosk *kiosk;
  const char     *text;
} LogWait;

static gboolean
log_says (gpointer user_data)
{
  LogWait *wait = user_data;

  return strstr (wait->kiosk->log->str, wait->text) != NULL;
}

/**
 * kiosk_test_kiosk_assert_log_says:
 * @kiosk: a kiosk of the test's
 * @text: what its log must come to say
 * @timeout_seconds: how long to wait for it
 */
void
kiosk_test_kiosk_assert_log_says (KioskTestKiosk *kiosk,
                                  const char     *text,
                                  guint           timeout_seconds)
{
  LogWait wait = { kiosk, text };

  if (!kiosk_test_wait_until (log_says, &wait, timeout_seconds))
    g_error ("The kiosk never logged “%s”; it logged:\n%s", text, kiosk->log->str);
}

static gboolean
log_has_ended (gpointer kiosk)
{
  return kiosk_test_log_reader_has_ended (((KioskTestKiosk *) kiosk)->log_reader);
}

/**
 * kiosk_test_kiosk_stop:
 * @kiosk: a kiosk of the test's
 * @signal_number: SIGTERM, as systemd stops it, or SIGKILL, as the OOM
 *   killer does
 *
 * Stops it, waits for it and its log to end, and frees it.
 */
void
kiosk_test_kiosk_stop (KioskTestKiosk *kiosk,
                       int             signal_number)
{
  g_subprocess_send_signal (kiosk->process, signal_number);
  g_assert_true (g_subprocess_wait (kiosk->process, NULL, NULL));
  kiosk_test_wait_until (log_has_ended, kiosk, 60);
  kiosk_test_log_reader_free (kiosk->log_reader);
  g_object_unref (kiosk->process);
  g_string_free (kiosk->log, TRUE);
  g_free (kiosk);
}

/**
 * kiosk_test_kiosk_ask_to_open:
 * @service_id: a service of the running kiosk's config
 *
 * What a script on the station (or a desktop launcher) would run while the
 * kiosk is up: `pimms-kiosk --open`, which the running kiosk does.
 *
 * Returns: whether that command succeeded
 */
gboolean
kiosk_test_kiosk_ask_to_open (const char *service_id)
{
  const char *argv[] = { g_getenv ("KIOSK_BINARY"), "--open", service_id, NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  return g_spawn_check_wait_status (status, NULL);
}

/**
 * kiosk_test_kiosk_end_session:
 *
 * "End my session", through the running kiosk's public D-Bus interface
 * (app.end-session).
 */
void
kiosk_test_kiosk_end_session (void)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_sync (bus, APP_ID, "/org/pimms/Kiosk",
                                       "org.freedesktop.Application", "ActivateAction",
                                       g_variant_new ("(sava{sv})", "end-session", NULL, NULL),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
}
