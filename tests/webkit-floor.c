/* webkit-floor.c — WebKitGTK alone, to a page: what no kiosk can start faster than
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The least a program needs to show a page with WebKitGTK on this system:
 * GTK, a window, a web view of an ephemeral network session through a
 * proxy, the page. No config, no home screen, no session manager, nothing
 * of the kiosk's. tests/bench-browser.c starts it as it starts the kiosk
 * and Chromium, on the same page: its time to the painted page is the
 * floor of any WebKitGTK kiosk's cold start on this machine.
 *
 * Usage: webkit-floor PROXY_URI PAGE_URI
 */
#define G_LOG_DOMAIN "webkit-floor"

#include "config.h"

#include <gtk/gtk.h>
#include <stdlib.h>
#include <webkit/webkit.h>

static void
activate_cb (GtkApplication *application,
             char          **uris)
{
  g_autoptr(WebKitNetworkSession) network_session = webkit_network_session_new_ephemeral ();
  WebKitNetworkProxySettings *proxy = webkit_network_proxy_settings_new (uris[0], NULL);
  GtkWidget *window = gtk_application_window_new (application);
  GtkWidget *web_view;

  webkit_network_session_set_proxy_settings (network_session, WEBKIT_NETWORK_PROXY_MODE_CUSTOM,
                                             proxy);
  webkit_network_proxy_settings_free (proxy);
  web_view = g_object_new (WEBKIT_TYPE_WEB_VIEW, "network-session", network_session, NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_set_child (GTK_WINDOW (window), web_view);
  webkit_web_view_load_uri (WEBKIT_WEB_VIEW (web_view), uris[1]);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkApplication) application = NULL;

  if (argc != 3)
    {
      g_printerr ("Usage: %s PROXY_URI PAGE_URI\n", argv[0]);
      return EXIT_FAILURE;
    }

  application = gtk_application_new (NULL, G_APPLICATION_NON_UNIQUE);
  g_signal_connect (application, "activate", G_CALLBACK (activate_cb), argv + 1);
  return g_application_run (G_APPLICATION (application), 1, argv);
}
