/* kiosk-home-view.c — the home screen: one big tile per service, by category
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-home-view"

#include "config.h"

#include "kiosk-home-view.h"

#include "kiosk-category.h"
#include "kiosk-language.h"
#include "kiosk-search.h"
#include "kiosk-wrap-label.h"

#include <glib/gi18n.h>
#include <string.h>

#define ICON_RESOURCE_PATH "/org/pimms/Kiosk/icons/scalable/apps/"
#define TILE_ICON_SIZE 48

struct _KioskHomeView
{
  GtkWidget          parent_instance;

  GtkScrolledWindow *scrolled_window;
  GtkBox            *sections;
  GtkWidget         *promises;
  GtkWidget         *privacy_notice;
  GtkBox            *search_row;
  GtkLabel          *private_promise;
  GtkBox            *languages;
  GtkEditable       *search_entry;
  GtkWidget         *no_match_label;
  GtkFlowBox        *categories;
  /* The answers to a search, the likeliest first, in a section of their
   * own over the hidden categories; %NULL without a search.
   */
  GtkWidget         *results;

  KioskConfig       *config;
};

G_DEFINE_FINAL_TYPE (KioskHomeView, kiosk_home_view, GTK_TYPE_WIDGET)

enum {
  SEARCHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
resource_exists (const char *path)
{
  return g_resources_get_info (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL, NULL, NULL);
}

/* A service drawn for the default catalogue has its own pictogram; a
 * service an admin added shows the pictogram of its category.
 */
static GtkWidget *
create_pictogram (KioskService *service)
{
  g_autofree char *service_icon = g_strconcat ("pimms-service-", kiosk_service_get_id (service),
                                               NULL);
  g_autofree char *service_path = g_strconcat (ICON_RESOURCE_PATH, service_icon, ".svg", NULL);
  g_autofree char *category_icon = g_strconcat ("pimms-category-",
                                                kiosk_service_get_category (service), NULL);
  GtkWidget *image;

  /* Pictograms go through the icon theme, which draws SVG sharp at any size. */
  if (resource_exists (service_path))
    image = gtk_image_new_from_icon_name (service_icon);
  else
    image = gtk_image_new_from_icon_name (category_icon);

  gtk_image_set_pixel_size (GTK_IMAGE (image), TILE_ICON_SIZE);
  gtk_widget_add_css_class (image, "tile-pictogram");

  return image;
}

/* The width in characters a label wraps at also limits how wide a tile
 * asks to be, and so how many category columns fit on the screen.
 */
static GtkWidget *
create_label (const char *text,
              int         max_width_chars,
              const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), max_width_chars);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, css_class);

  return label;
}

static GtkWidget *
create_tile (KioskService *service)
{
  const char *description = kiosk_service_get_description (service);
  GtkWidget *button;
  GtkWidget *box;
  GtkWidget *text;

  text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (text), create_label (kiosk_service_get_name (service), 12, "tile-name"));
  if (description != NULL)
    gtk_box_append (GTK_BOX (text), create_label (description, 30, "tile-description"));

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 14);
  gtk_box_append (GTK_BOX (box), create_pictogram (service));
  gtk_box_append (GTK_BOX (box), text);

  button = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "service-tile");
  gtk_widget_set_name (button, kiosk_service_get_id (service));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "app.open-service");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", kiosk_service_get_id (service));

  return button;
}

/* A heading (with the pictogram @icon_name, if any) over a column of
 * tiles, the last child of the section.
 */
static GtkWidget *
create_section (const char *icon_name,
                const char *title)
{
  GtkWidget *section;
  GtkWidget *heading;
  GtkWidget *tiles;
  GtkWidget *header;

  section = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_add_css_class (section, "category-section");

  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  if (icon_name != NULL)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);

      gtk_image_set_pixel_size (GTK_IMAGE (icon), 36);
      gtk_box_append (GTK_BOX (header), icon);
    }

  heading = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "category-heading");
  gtk_box_append (GTK_BOX (header), heading);
  gtk_box_append (GTK_BOX (section), header);

  tiles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 10);
  gtk_box_append (GTK_BOX (section), tiles);

  return section;
}

static GtkWidget *
create_category_section (const char *category_id)
{
  g_autofree char *icon_name = g_strconcat ("pimms-category-", category_id, NULL);

  return create_section (icon_name, kiosk_category_get_label (category_id));
}

/* While staff have a profile on (a workshop), its services come first,
 * under the profile's name, whatever their category.
 */
static void
add_profile_section (KioskHomeView *self,
                     KioskConfig   *config,
                     KioskProfile  *profile)
{
  GPtrArray *services = kiosk_config_get_services (config);
  GtkWidget *section = NULL;

  for (guint i = 0; i < services->len; i++)
    {
      KioskService *service = g_ptr_array_index (services, i);

      if (g_strcmp0 (kiosk_service_get_profile (service), kiosk_profile_get_id (profile)) != 0)
        continue;

      if (section == NULL)
        {
          section = create_section (NULL, kiosk_profile_get_name (profile));
          gtk_widget_add_css_class (section, "profile-section");
          gtk_flow_box_append (self->categories, section);
        }

      gtk_box_append (GTK_BOX (gtk_widget_get_last_child (section)), create_tile (service));
    }
}

static void
kiosk_home_view_clear (KioskHomeView *self)
{
  GtkWidget *child;

  self->results = NULL;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->categories))) != NULL)
    gtk_flow_box_remove (self->categories, child);
}

static void search_changed_cb (GtkSearchEntry *entry,
                               KioskHomeView  *self);

/* "Private" says what this station's config makes true, no more: what
 * is erased, and what leaves for whom (docs/security.md). What the sites
 * themselves keep, the privacy notice below says.
 */
static void
tell_the_privacy_promise (KioskHomeView *self,
                          KioskPolicy   *policy)
{
  const char *promise = _("Everything is erased when you leave.");

  if (kiosk_policy_is_strict (policy))
    promise = _("Everything is erased when you leave. Only the services’ sites are contacted.");
  else if (kiosk_policy_blocks_trackers (policy))
    promise = _("Everything is erased when you leave. Known trackers are blocked.");

  gtk_label_set_label (self->private_promise, promise);
}

/**
 * kiosk_home_view_set_config:
 * @self: a #KioskHomeView
 * @config: (nullable): the config whose services to show
 * @profile: (nullable): the profile staff turned on, whose services are
 *   shown first; %NULL for the public services only
 *
 * Rebuilds the tiles: one section per category that has services, in the
 * fixed category order, services in config order. Sections stand in as
 * many columns as the screen allows, so that the whole catalogue fits on
 * one screen where it can.
 */
void
kiosk_home_view_set_config (KioskHomeView *self,
                            KioskConfig   *config,
                            KioskProfile  *profile)
{
  const char * const *categories = kiosk_category_get_ids ();
  GPtrArray *services;

  g_return_if_fail (KIOSK_IS_HOME_VIEW (self));
  g_return_if_fail (config == NULL || KIOSK_IS_CONFIG (config));

  kiosk_home_view_clear (self);
  g_set_object (&self->config, config);
  gtk_editable_set_text (self->search_entry, "");

  if (config == NULL)
    return;

  tell_the_privacy_promise (self, kiosk_config_get_policy (config));

  if (profile != NULL)
    add_profile_section (self, config, profile);

  services = kiosk_config_get_services (config);

  for (guint c = 0; categories[c] != NULL; c++)
    {
      GtkWidget *section = NULL;
      GtkWidget *tiles = NULL;

      for (guint i = 0; i < services->len; i++)
        {
          KioskService *service = g_ptr_array_index (services, i);

          /* The services of a profile are not public tiles. */
          if (kiosk_service_get_profile (service) != NULL)
            continue;

          if (strcmp (kiosk_service_get_category (service), categories[c]) != 0)
            continue;

          if (section == NULL)
            {
              section = create_category_section (categories[c]);
              tiles = gtk_widget_get_last_child (section);
              gtk_flow_box_append (self->categories, section);
            }

          gtk_box_append (GTK_BOX (tiles), create_tile (service));
        }
    }

  /* Every tile shown, and no "nothing found" over them. */
  search_changed_cb (NULL, self);
}

/**
 * kiosk_home_view_scroll_to_top:
 * @self: a #KioskHomeView
 *
 * Shows the top of the home screen, as a new user expects to find it.
 */
void
kiosk_home_view_scroll_to_top (KioskHomeView *self)
{
  GtkAdjustment *adjustment;

  g_return_if_fail (KIOSK_IS_HOME_VIEW (self));

  adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
}

/* The services of the tiles shown without a search, in their order. */
static GPtrArray *
services_on_screen (KioskHomeView *self)
{
  GPtrArray *services = g_ptr_array_new ();

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->categories));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *section = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));

      if (child == self->results)
        continue;

      for (GtkWidget *tile = gtk_widget_get_first_child (gtk_widget_get_last_child (section));
           tile != NULL; tile = gtk_widget_get_next_sibling (tile))
        {
          KioskService *service = kiosk_config_lookup_service (self->config,
                                                               gtk_widget_get_name (tile));

          if (service != NULL && !g_ptr_array_find (services, service, NULL))
            g_ptr_array_add (services, service);
        }
    }

  return services;
}

static void
remove_results (KioskHomeView *self)
{
  if (self->results == NULL)
    return;

  gtk_flow_box_remove (self->categories, self->results);
  self->results = NULL;
}

/* Without a search, every section; with one, only the answers
 * (kiosk_search_services()), the likeliest first, in the resident's
 * language first; says so when there is none.
 */
static void
search_changed_cb (GtkSearchEntry *entry,
                   KioskHomeView  *self)
{
  const char *query = gtk_editable_get_text (self->search_entry);
  g_autofree char *trimmed = g_strstrip (g_strdup (query));
  g_autoptr(GPtrArray) services = NULL;
  g_autoptr(GPtrArray) found = NULL;
  gboolean searching = *trimmed != '\0';

  remove_results (self);
  if (self->config == NULL)
    return;

  services = services_on_screen (self);
  found = kiosk_search_services (services, query, kiosk_language_get_current ());

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->categories));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_visible (child, !searching);

  if (searching && found->len > 0)
    {
      GtkWidget *section = create_section ("system-search-symbolic", _("Results"));
      GtkWidget *tiles = gtk_widget_get_last_child (section);

      for (guint i = 0; i < found->len; i++)
        gtk_box_append (GTK_BOX (tiles), create_tile (g_ptr_array_index (found, i)));
      gtk_flow_box_insert (self->categories, section, 0);
      self->results = gtk_widget_get_parent (section);
    }

  gtk_widget_set_visible (self->no_match_label, found->len == 0);

  if (searching)
    g_signal_emit (self, signals[SEARCHED], 0);
}

/**
 * kiosk_home_view_clear_search:
 * @self: a #KioskHomeView
 *
 * Empties the search box, showing every tile again, for the next person.
 */
void
kiosk_home_view_clear_search (KioskHomeView *self)
{
  g_return_if_fail (KIOSK_IS_HOME_VIEW (self));

  gtk_editable_set_text (self->search_entry, "");
  search_changed_cb (NULL, self);
}

/**
 * kiosk_home_view_search:
 * @self: a #KioskHomeView
 * @query: words to look for
 *
 * Types @query in the search box, as a resident would.
 */
void
kiosk_home_view_search (KioskHomeView *self,
                        const char    *query)
{
  g_return_if_fail (KIOSK_IS_HOME_VIEW (self));

  gtk_editable_set_text (self->search_entry, query);
  search_changed_cb (NULL, self);
}

static void
kiosk_home_view_dispose (GObject *object)
{
  KioskHomeView *self = KIOSK_HOME_VIEW (object);

  g_clear_object (&self->config);

  gtk_widget_dispose_template (GTK_WIDGET (self), KIOSK_TYPE_HOME_VIEW);

  G_OBJECT_CLASS (kiosk_home_view_parent_class)->dispose (object);
}

static void
kiosk_home_view_class_init (KioskHomeViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_home_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/pimms/Kiosk/kiosk-home-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskHomeView, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, KioskHomeView, categories);
  gtk_widget_class_bind_template_child (widget_class, KioskHomeView, sections);
  gtk_widget_class_bind_template_child (widget_class, KioskHomeView, promises);
  gtk_widget_class_bind_template_child (widget_class, KioskHomeView, privacy_notice);
  gtk_widget_class_bind_template_child (widget_class, KioskHomeView, search_row);
  gtk_widget_class_bind_template_child (widget_class, KioskHomeView, private_promise);
  gtk_widget_class_bind_template_child (widget_class, KioskHomeView, languages);
  gtk_widget_class_bind_template_child (widget_class, KioskHomeView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, KioskHomeView, no_match_label);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);

  /**
   * KioskHomeView::searched:
   * @self: the home view
   *
   * A resident typed in the search box: a choice of theirs, which must
   * not outlive them.
   */
  signals[SEARCHED] =
    g_signal_new ("searched", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "homeview");
}

static void
kiosk_home_view_init (KioskHomeView *self)
{
  const KioskLanguage *languages;
  guint n_languages;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* One tap: each language named in itself, the one in use lit. */
  languages = kiosk_language_get_all (&n_languages);
  for (guint i = 0; i < n_languages; i++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (languages[i].endonym);

      gtk_widget_add_css_class (button, "language-button");
      gtk_widget_set_name (button, languages[i].code);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "app.language");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", languages[i].code);
      gtk_box_append (self->languages, button);
    }

  {
    GtkWidget *contrast = gtk_toggle_button_new ();

    /* On a 1024-pixel screen, on two lines rather than out of it. */
    gtk_button_set_child (GTK_BUTTON (contrast), kiosk_wrap_label_new (_("◐ High contrast")));
    gtk_widget_add_css_class (contrast, "language-button");
    gtk_widget_set_name (contrast, "high-contrast");
    gtk_actionable_set_action_name (GTK_ACTIONABLE (contrast), "win.high-contrast");
    gtk_widget_set_margin_start (contrast, 12);
    gtk_box_append (self->languages, contrast);
  }
}

GtkWidget *
kiosk_home_view_new (void)
{
  return g_object_new (KIOSK_TYPE_HOME_VIEW, NULL);
}

/**
 * kiosk_home_view_get_scrolled_window:
 * @self: a #KioskHomeView
 *
 * Returns: (transfer none): what scrolls the home screen
 */
GtkScrolledWindow *
kiosk_home_view_get_scrolled_window (KioskHomeView *self)
{
  g_return_val_if_fail (KIOSK_IS_HOME_VIEW (self), NULL);

  return self->scrolled_window;
}

/**
 * kiosk_home_view_set_services_first:
 * @self: a #KioskHomeView
 * @first: whether the services come right under the search box
 *
 * In large type, the three promises and the privacy notice would fill the
 * first screen: the services then come first, and they after the last
 * service, still there for whoever scrolls. Otherwise the notice, the
 * small print, stands beside the search box.
 */
void
kiosk_home_view_set_services_first (KioskHomeView *self,
                                    gboolean       first)
{
  g_autoptr(GtkWidget) notice = NULL;
  GtkWidget *before;

  g_return_if_fail (KIOSK_IS_HOME_VIEW (self));

  before = first ? GTK_WIDGET (self->categories)
                 : gtk_widget_get_next_sibling (GTK_WIDGET (self->languages));
  if (gtk_widget_get_prev_sibling (self->promises) == before)
    return;

  gtk_box_reorder_child_after (self->sections, self->promises, before);

  notice = g_object_ref (self->privacy_notice);
  gtk_box_remove (GTK_BOX (gtk_widget_get_parent (notice)), notice);
  if (first)
    gtk_box_insert_child_after (self->sections, notice, self->promises);
  else
    gtk_box_append (self->search_row, notice);
}
