/* main.c — pimms-kiosk-console
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pimms-kiosk-console"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "kiosk-console-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(KioskConsoleApplication) application = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  application = kiosk_console_application_new ();
  return g_application_run (G_APPLICATION (application), argc, argv);
}
