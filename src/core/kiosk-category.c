/* kiosk-category.c — the fixed set of home-screen categories
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-category"

#include "config.h"

#include "kiosk-category.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* Categories are fixed rather than configured so that every label has a
 * reviewed translation; the home screen shows them in this order.
 */
static const char * const category_ids[] = {
  "famille",
  "sante",
  "impots",
  "emploi",
  "papiers",
  "retraite",
  "transport",
  "logement-energie",
  NULL
};

static const char * const category_labels[] = {
  N_("Family"),
  N_("Health"),
  N_("Taxes"),
  N_("Work"),
  N_("ID papers"),
  N_("Retirement"),
  N_("Transport"),
  N_("Housing & energy"),
};

G_STATIC_ASSERT (G_N_ELEMENTS (category_ids) == G_N_ELEMENTS (category_labels) + 1);

/**
 * kiosk_category_get_ids:
 *
 * Returns: (transfer none): the category ids, in home-screen order
 */
const char * const *
kiosk_category_get_ids (void)
{
  return category_ids;
}

gboolean
kiosk_category_is_known (const char *id)
{
  return id != NULL && g_strv_contains (category_ids, id);
}

/**
 * kiosk_category_get_label:
 * @id: a category id
 *
 * Returns: the label of @id in the user's language, or %NULL if @id is unknown
 */
const char *
kiosk_category_get_label (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; category_ids[i] != NULL; i++)
    {
      if (strcmp (category_ids[i], id) == 0)
        return g_dgettext (GETTEXT_PACKAGE, category_labels[i]);
    }

  return NULL;
}
