/* kiosk-console-application.c — org.pimms.Kiosk.Console: options, config, style
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-console-application"

#include "config.h"

#include "kiosk-console-application.h"

#include "kiosk-console-config.h"
#include "kiosk-console-window.h"

#include <glib/gi18n.h>
#include <stdlib.h>

struct _KioskConsoleApplication
{
  GtkApplication      parent_instance;

  KioskConsoleConfig *config;
};

G_DEFINE_FINAL_TYPE (KioskConsoleApplication, kiosk_console_application, GTK_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "config", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Read the stations from FILE instead of /etc/pimms-kiosk/console.conf"), N_("FILE") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
  { NULL }
};

/**
 * kiosk_console_application_get_store_path:
 *
 * Returns: (transfer full): where the console keeps the counts it
 *   gathered, so that a station unreachable today keeps its past ones
 */
char *
kiosk_console_application_get_store_path (void)
{
  return g_build_filename (g_get_user_state_dir (), "pimms-kiosk-console", "usage.db", NULL);
}

/**
 * kiosk_console_application_load_style:
 *
 * Loads the console's colours for the station states on the default
 * display.
 */
void
kiosk_console_application_load_style (void)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

  gtk_css_provider_load_from_resource (provider, "/org/pimms/Kiosk/Console/kiosk-console.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

/* A console with the wrong stations, or none, would mislead the desk: a
 * config with any mistake is refused before a window opens, with every
 * mistake said, and the exit status says so to systemd or a script.
 */
static int
kiosk_console_application_handle_local_options (GApplication *application,
                                                GVariantDict *options)
{
  KioskConsoleApplication *self = KIOSK_CONSOLE_APPLICATION (application);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *config_path = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("pimms-kiosk-console %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  if (g_variant_dict_lookup (options, "config", "^ay", &path))
    config_path = g_canonicalize_filename (path, NULL);
  else
    config_path = g_strdup (KIOSK_CONSOLE_CONFIG_DEFAULT_PATH);

  self->config = kiosk_console_config_load (config_path, &error);
  if (self->config == NULL)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  return -1;
}

static void
kiosk_console_application_activate (GApplication *application)
{
  KioskConsoleApplication *self = KIOSK_CONSOLE_APPLICATION (application);
  g_autofree char *store_path = NULL;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  /* Activated by another instance, whose options were its own. */
  if (self->config == NULL)
    return;

  kiosk_console_application_load_style ();
  store_path = kiosk_console_application_get_store_path ();
  window = GTK_WINDOW (kiosk_console_window_new (GTK_APPLICATION (application), self->config,
                                                 store_path));
  gtk_window_present (window);
}

static void
kiosk_console_application_finalize (GObject *object)
{
  KioskConsoleApplication *self = KIOSK_CONSOLE_APPLICATION (object);

  g_clear_object (&self->config);

  G_OBJECT_CLASS (kiosk_console_application_parent_class)->finalize (object);
}

static void
kiosk_console_application_class_init (KioskConsoleApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = kiosk_console_application_finalize;
  application_class->handle_local_options = kiosk_console_application_handle_local_options;
  application_class->activate = kiosk_console_application_activate;
}

static void
kiosk_console_application_init (KioskConsoleApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
}

KioskConsoleApplication *
kiosk_console_application_new (void)
{
  return g_object_new (KIOSK_TYPE_CONSOLE_APPLICATION,
                       "application-id", KIOSK_CONSOLE_APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}
