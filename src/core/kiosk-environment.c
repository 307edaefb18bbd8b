/* kiosk-environment.c — environment variables that would open the kiosk up
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-environment"

#include "config.h"

#include "kiosk-environment.h"

#include <string.h>

/* Each of these gives a user, or whoever set it, a way around the kiosk:
 * web processes without their sandbox, a remote web inspector, or GTK's
 * interactive inspector with its access to every widget.
 */
static const char * const unsafe_variables[] = {
  "WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS",
  "WEBKIT_INSPECTOR_SERVER",
  "WEBKIT_INSPECTOR_HTTP_SERVER",
};

static gboolean
gtk_debug_is_interactive (void)
{
  const char *value = g_getenv ("GTK_DEBUG");
  g_auto(GStrv) flags = NULL;

  if (value == NULL)
    return FALSE;

  /* GTK reads a list separated by commas, colons, semicolons or spaces. */
  flags = g_strsplit_set (value, ",:; ", -1);
  for (guint i = 0; flags[i] != NULL; i++)
    {
      if (g_ascii_strcasecmp (flags[i], "interactive") == 0 ||
          g_ascii_strcasecmp (flags[i], "all") == 0)
        return TRUE;
    }

  return FALSE;
}

/**
 * kiosk_environment_find_unsafe_variable:
 *
 * Returns: (nullable): the name of the first environment variable that
 *   must not be set on a station in production, or %NULL when none is
 */
const char *
kiosk_environment_find_unsafe_variable (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (unsafe_variables); i++)
    {
      if (g_getenv (unsafe_variables[i]) != NULL)
        return unsafe_variables[i];
    }

  if (gtk_debug_is_interactive ())
    return "GTK_DEBUG";

  return NULL;
}
