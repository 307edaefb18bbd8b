/* bench-utils.h — shared by the benchmarks that drive the kiosk: an
 * in-process kiosk window, kiosk processes started for a measurement
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bench-stats.h"
#include "kiosk-application.h"
#include "kiosk-window-testing.h"

#include <gtk/gtk.h>
#include <sys/types.h>

G_BEGIN_DECLS

/* Every wait of a benchmark gives up after this many seconds. */
#define KIOSK_BENCH_TIMEOUT 30

void        kiosk_bench_init             (const char *name);
const char *kiosk_bench_get_root         (void);
void        kiosk_bench_set_fail_hook    (GFunc       hook,
                                          gpointer    user_data);
void        kiosk_bench_fail             (const char *format,
                                          ...) G_GNUC_PRINTF (1, 2) G_GNUC_NORETURN;
void        kiosk_bench_finish           (void);
void        kiosk_bench_make_private_dir (const char *path);

double      kiosk_bench_elapsed_ms       (gint64      from,
                                          gint64      to);
char       *kiosk_bench_load_average     (void);

/* What a process holds in RAM, in kB: resident and proportional (each
 * shared page split between the processes that map it).
 */
typedef struct
{
  long rss_kb;
  long pss_kb;
} KioskBenchProcessMemory;

gboolean    kiosk_bench_read_process_memory (pid_t                    pid,
                                             KioskBenchProcessMemory *memory);
GArray     *kiosk_bench_find_process_tree   (pid_t                    root);
char       *kiosk_bench_process_name        (pid_t                    pid);

/* The kiosk's window in the benchmark's own process, under an application
 * id of its own so that kiosk processes started meanwhile get the real one.
 * first_paint and free_since are set by signal handlers after each end of
 * session.
 */
typedef struct
{
  KioskApplication    *application;
  KioskWindow         *window;
  KioskSessionManager *manager;
  gint64               first_paint;
  gint64               free_since;
} KioskBenchShell;

typedef struct
{
  /* kiosk_window_end_session() and kiosk_window_show_home() returning. */
  double call_ms;
  /* The first frame drawn after both: the fresh home screen on screen. */
  double ready_ms;
  /* The wipe proven: the station is free again. */
  double free_ms;
} KioskBenchEndTiming;

void        kiosk_bench_shell_setup       (KioskBenchShell     *shell,
                                           KioskConfig         *config);
void        kiosk_bench_shell_teardown    (KioskBenchShell     *shell);
void        kiosk_bench_shell_end_session (KioskBenchShell     *shell,
                                           KioskBenchEndTiming *timing);
double      kiosk_bench_shell_wait_readied (KioskBenchShell    *shell);

/* A pimms-kiosk process (KIOSK_BINARY), started clean in folders of its own. */
typedef struct _KioskBenchProcess KioskBenchProcess;

/* A step of its start, and when it was reached after the process was
 * started.
 */
typedef struct
{
  char   *name;
  double  ms;
} KioskBenchStep;

KioskBenchProcess *kiosk_bench_process_start     (const char         *config_path,
                                                  guint               run,
                                                  GDBusConnection    *bus,
                                                  const char * const *extra_args);
double             kiosk_bench_process_wait_drawn (KioskBenchProcess *process);
gint64             kiosk_bench_process_get_started (KioskBenchProcess *process);
GPtrArray         *kiosk_bench_process_get_steps (KioskBenchProcess  *process);
pid_t              kiosk_bench_process_get_pid   (KioskBenchProcess  *process);
double             kiosk_bench_process_stop      (KioskBenchProcess  *process);

G_END_DECLS
