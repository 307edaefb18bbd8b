/* test-print-server.c — a throw-away CUPS server whose printer writes files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-test"

#include "config.h"

#include "test-print-server.h"

#include "kiosk-files.h"
#include "test-utils.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sys/prctl.h>

/* The queue's PPD sends PDF (what GTK sends to CUPS) through a filter
 * that copies it unchanged; a raw queue would never open a file device.
 */
static const char ppd_template[] =
  "*PPD-Adobe: \"4.3\"\n"
  "*FormatVersion: \"4.3\"\n"
  "*FileVersion: \"1.0\"\n"
  "*LanguageVersion: English\n"
  "*LanguageEncoding: ISOLatin1\n"
  "*PCFileName: \"KIOSKTST.PPD\"\n"
  "*Manufacturer: \"Test\"\n"
  "*Product: \"(Kiosk Test Printer)\"\n"
  "*ModelName: \"Kiosk Test Printer\"\n"
  "*ShortNickName: \"Kiosk Test Printer\"\n"
  "*NickName: \"Kiosk Test Printer\"\n"
  "*PSVersion: \"(3010.000) 0\"\n"
  "*LanguageLevel: \"3\"\n"
  "*ColorDevice: True\n"
  "*DefaultColorSpace: RGB\n"
  "*FileSystem: False\n"
  "*Throughput: \"1\"\n"
  "*cupsFilter2: \"application/pdf application/vnd.cups-pdf 0 %s\"\n"
  "*OpenUI *PageSize/Media Size: PickOne\n"
  "*DefaultPageSize: A4\n"
  "*PageSize A4/A4: \"<</PageSize[595 842]/ImagingBBox null>>setpagedevice\"\n"
  "*CloseUI: *PageSize\n"
  "*DefaultImageableArea: A4\n"
  "*ImageableArea A4/A4: \"0 0 595 842\"\n"
  "*DefaultPaperDimension: A4\n"
  "*PaperDimension A4/A4: \"595 842\"\n";

static void
write_file (const char *path,
            const char *contents,
            int         mode)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, mode), ==, 0);
}

static void
die_with_the_test (gpointer user_data)
{
  /* A test that fails aborts without stopping the server; the server
   * goes with it all the same.
   */
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static gboolean
run_quietly (const char * const *argv,
             const char         *socket_path)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_setenv (launcher, "CUPS_SERVER", socket_path, TRUE);
  process = g_subprocess_launcher_spawnv (launcher, argv, NULL);
  return process != NULL && g_subprocess_wait_check (process, NULL, NULL);
}

typedef struct
{
  const char * const *argv;
  const char         *socket_path;
} Command;

static gboolean
command_succeeds (gpointer user_data)
{
  Command *command = user_data;

  return run_quietly (command->argv, command->socket_path);
}

static gboolean
server_is_running (gpointer user_data)
{
  KioskTestPrintServer *self = user_data;
  const char * const argv[] = { "lpstat", "-r", NULL };

  return run_quietly (argv, self->socket_path);
}

/**
 * kiosk_test_print_server_start:
 * @queue: the name of the one print queue
 *
 * Starts cupsd (from the Debian packages cups-daemon and cups-client) and
 * points CUPS_SERVER at it, so start it before GTK looks for printers.
 *
 * Returns: (transfer full): the running server
 */
KioskTestPrintServer *
kiosk_test_print_server_start (const char *queue)
{
  KioskTestPrintServer *self = g_new0 (KioskTestPrintServer, 1);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *files_conf = NULL;
  g_autofree char *daemon_conf = NULL;
  g_autofree char *filter = NULL;
  g_autofree char *ppd = NULL;
  g_autofree char *device = NULL;
  static const char * const folders[] = { "etc/ppd", "spool/tmp", "cache", "run", "log", "bin",
                                          "out" };

  /* The filter runs as the lp user, who must reach it and the output. */
  self->root = g_dir_make_tmp ("kiosk-cups-XXXXXX", &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (self->root, 0755), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    {
      g_autofree char *folder = g_build_filename (self->root, folders[i], NULL);

      g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
    }

  self->socket_path = g_build_filename (self->root, "run", "cups.sock", NULL);
  self->output_path = g_build_filename (self->root, "out", queue, NULL);

  files_conf = g_strdup_printf ("ServerRoot %1$s/etc\n"
                                "RequestRoot %1$s/spool\n"
                                "TempDir %1$s/spool/tmp\n"
                                "CacheDir %1$s/cache\n"
                                "StateDir %1$s/run\n"
                                "AccessLog %1$s/log/access_log\n"
                                "ErrorLog %1$s/log/error_log\n"
                                "PageLog %1$s/log/page_log\n"
                                "User lp\n"
                                "Group lp\n"
                                "SystemGroup root\n"
                                "LogFileGroup root\n"
                                "FileDevice Yes\n", self->root);
  daemon_conf = g_strdup_printf ("LogLevel info\n"
                                 "Listen %s\n"
                                 "Browsing No\n"
                                 "BrowseLocalProtocols none\n"
                                 "DefaultShared No\n"
                                 "WebInterface No\n"
                                 "DefaultAuthType None\n"
                                 "ErrorPolicy abort-job\n"
                                 "JobRetryLimit 0\n"
                                 "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
                                 "<Policy default>\n  <Limit All>\n    Order deny,allow\n"
                                 "  </Limit>\n</Policy>\n", self->socket_path);
  filter = g_build_filename (self->root, "bin", "passthru", NULL);
  ppd = g_build_filename (self->root, "printer.ppd", NULL);

  {
    g_autofree char *files_path = g_build_filename (self->root, "etc", "cups-files.conf", NULL);
    g_autofree char *daemon_path = g_build_filename (self->root, "etc", "cupsd.conf", NULL);
    g_autofree char *ppd_text = g_strdup_printf (ppd_template, filter);

    write_file (files_path, files_conf, 0644);
    write_file (daemon_path, daemon_conf, 0644);
    write_file (filter, "#!/bin/sh\nif [ -n \"$6\" ]; then exec cat -- \"$6\"; else exec cat; fi\n",
                0755);
    write_file (ppd, ppd_text, 0644);

    /* Kept away from any system bus, so the test printer is announced
     * nowhere.
     */
    launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                          G_SUBPROCESS_FLAGS_STDERR_SILENCE);
    g_subprocess_launcher_setenv (launcher, "DBUS_SYSTEM_BUS_ADDRESS", "unix:path=/nonexistent",
                                  TRUE);
    g_subprocess_launcher_set_child_setup (launcher, die_with_the_test, NULL, NULL);
    self->daemon = g_subprocess_launcher_spawn (launcher, &error, "cupsd", "-f",
                                                "-c", daemon_path, "-s", files_path, NULL);
    g_assert_no_error (error);
  }

  if (!kiosk_test_wait_until (server_is_running, self, 10))
    g_error ("The test print server did not start; see %s/log", self->root);

  device = g_strconcat ("file://", self->output_path, NULL);
  {
    const char * const argv[] = { "lpadmin", "-p", queue, "-E", "-v", device, "-P", ppd, NULL };
    Command add_queue = { argv, self->socket_path };

    /* On a busy machine (the tests run side by side), cupsd may answer
     * lpstat a moment before it takes a new queue.
     */
    if (!kiosk_test_wait_until (command_succeeds, &add_queue, 10))
      g_error ("The test print server did not take its queue; see %s/log", self->root);
  }

  /* No default printer: the kiosk must find the queue by its name. */
  g_setenv ("CUPS_SERVER", self->socket_path, TRUE);
  g_unsetenv ("PRINTER");
  g_unsetenv ("LPDEST");

  return self;
}

/**
 * kiosk_test_print_server_stop:
 * @self: a running server
 *
 * Stops cupsd and erases everything it had.
 */
void
kiosk_test_print_server_stop (KioskTestPrintServer *self)
{
  g_subprocess_send_signal (self->daemon, SIGTERM);
  g_subprocess_wait (self->daemon, NULL, NULL);
  g_object_unref (self->daemon);
  kiosk_files_remove_tree (self->root, NULL);
  g_free (self->root);
  g_free (self->socket_path);
  g_free (self->output_path);
  g_free (self);
}

static gboolean
job_is_written (gpointer user_data)
{
  KioskTestPrintServer *self = user_data;
  const char * const argv[] = { "lpstat", "-o", NULL };
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *pending = NULL;

  if (!g_file_test (self->output_path, G_FILE_TEST_EXISTS))
    return FALSE;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_setenv (launcher, "CUPS_SERVER", self->socket_path, TRUE);
  process = g_subprocess_launcher_spawnv (launcher, argv, NULL);
  if (process == NULL || !g_subprocess_communicate_utf8 (process, NULL, NULL, &pending, NULL,
                                                         NULL))
    return FALSE;
  return pending == NULL || *pending == '\0';
}

/**
 * kiosk_test_print_server_wait_job:
 * @self: a running server
 * @timeout_seconds: how long to wait
 *
 * Returns: (transfer full) (nullable): what the printer received, once no
 *   job is pending, or %NULL if nothing came
 */
GBytes *
kiosk_test_print_server_wait_job (KioskTestPrintServer *self,
                                  guint                 timeout_seconds)
{
  g_autofree char *contents = NULL;
  gsize length;

  if (!kiosk_test_wait_until (job_is_written, self, timeout_seconds))
    return NULL;
  if (!g_file_get_contents (self->output_path, &contents, &length, NULL))
    return NULL;
  return g_bytes_new_take (g_steal_pointer (&contents), length);
}

/**
 * kiosk_test_print_server_clear:
 * @self: a running server
 *
 * Forgets the last job's output, so the next test sees only its own.
 */
void
kiosk_test_print_server_clear (KioskTestPrintServer *self)
{
  g_unlink (self->output_path);
}
