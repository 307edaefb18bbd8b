/* main.c — pimms-kiosk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pimms-kiosk"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdlib.h>

#include "kiosk-application.h"
#include "kiosk-startup-trace.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(KioskApplication) application = NULL;

  kiosk_startup_trace_mark ("main");

#ifdef __GLIBC__
  /* glibc raises its mmap threshold each time a large block is freed;
   * after a few sessions, a session's large buffers (images, network
   * reads, GL uploads) land in the main heap, whose freed pages are then
   * kept. A fixed threshold keeps them in mappings given back at once:
   * the kiosk runs for months, one session after the other.
   */
  mallopt (M_MMAP_THRESHOLD, 128 * 1024);
#endif

  kiosk_application_setup_locale ();
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (!kiosk_application_environment_is_safe (argc, argv))
    return EXIT_FAILURE;

  application = kiosk_application_new ();

  return g_application_run (G_APPLICATION (application), argc, argv);
}
