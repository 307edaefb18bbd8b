/* kiosk-learning-view.c — the staff panel's record of refused sites
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-learning-view"

#include "config.h"

#include "kiosk-learning-view.h"

#include "kiosk-language.h"
#include "kiosk-refusals.h"

#include <glib/gi18n.h>

/* "Record the refused sites": a mediator turns it on, walks a new
 * démarche once as a resident would, and reads here what the kiosk
 * refused on the way (which site, as a page, a frame, a window or a
 * document) and the config lines that would let it through, to give to
 * the administrator (pimms-kiosk-admin refusals-to-config reads the same
 * list from the station API). The list is the session's, in memory: it
 * goes when the session ends.
 */
struct _KioskLearningView
{
  GtkWidget            parent_instance;

  KioskConfig         *config;
  KioskSessionManager *manager;
  KioskUserSession    *user_session;

  GtkWidget           *box;
  GtkWidget           *record_button;
  GtkLabel            *list_label;
};

G_DEFINE_FINAL_TYPE (KioskLearningView, kiosk_learning_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_RECORDING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
describe_kind (KioskRefusalKind kind)
{
  switch (kind)
    {
    case KIOSK_REFUSAL_PAGE:
      return _("as a page");
    case KIOSK_REFUSAL_FRAME:
      return _("as a frame in a page");
    case KIOSK_REFUSAL_POPUP:
      return _("as a window");
    case KIOSK_REFUSAL_DOWNLOAD:
      return _("a document");
    case KIOSK_REFUSAL_RESOURCE:
      return _("as a part of a page (script, image…)");
    default:
      g_return_val_if_reached (NULL);
    }
}

static char *
describe_refusals (KioskLearningView *self)
{
  GPtrArray *learned = kiosk_user_session_get_learned (self->user_session);
  gboolean recording = kiosk_user_session_get_learning (self->user_session);
  g_autoptr(GError) error = NULL;
  g_autofree char *lines = NULL;
  GString *text;

  if (learned == NULL || learned->len == 0)
    return g_strdup (recording
                     ? _("Nothing refused yet in this session: walk the démarche as a "
                         "resident would.")
                     : _("Turn it on, then walk the démarche as a resident would: the sites "
                         "the kiosk refuses are listed here until the session ends."));

  text = g_string_new (NULL);
  for (guint i = 0; i < learned->len; i++)
    {
      KioskRefusal *refusal = g_ptr_array_index (learned, i);

      /* Translators: “caf: www.example.org, as a frame in a page (2)”. */
      g_string_append_printf (text, _("%s: %s, %s (%u)\n"), refusal->service, refusal->host,
                              describe_kind (refusal->kind), refusal->count);
    }

  lines = kiosk_refusals_to_config_lines (learned, self->config, &error);
  if (lines == NULL)
    /* Translators: what the system said, often in English. */
    g_string_append_printf (text, _("\nThe lines for the configuration cannot be written: %s"),
                            error->message);
  else if (*lines != '\0')
    g_string_append_printf (text, "\n%s\n%s", _("Lines for the administrator, to put in "
                                                  "the configuration:"), lines);
  else
    g_string_append_printf (text, "\n%s", _("The configuration lets all of them through "
                                             "already."));

  g_strchomp (text->str);
  return g_string_free (text, FALSE);
}

/**
 * kiosk_learning_view_refresh:
 * @self: a #KioskLearningView
 *
 * Shows the current session's record, in the station's language.
 */
void
kiosk_learning_view_refresh (KioskLearningView *self)
{
  g_autoptr(KioskLanguageSwitch) staff_language = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (KIOSK_IS_LEARNING_VIEW (self));

  if (self->user_session == NULL)
    {
      gtk_widget_set_visible (self->box, FALSE);
      return;
    }

  staff_language = kiosk_language_switch_to (kiosk_language_get_default ());
  text = describe_refusals (self);
  gtk_label_set_label (self->list_label, text);
  gtk_widget_set_visible (self->box, TRUE);
}

/**
 * kiosk_learning_view_get_text:
 * @self: a #KioskLearningView
 *
 * Returns: what the view says, for tests
 */
const char *
kiosk_learning_view_get_text (KioskLearningView *self)
{
  g_return_val_if_fail (KIOSK_IS_LEARNING_VIEW (self), NULL);

  return gtk_label_get_label (self->list_label);
}

static void
session_changed_cb (GObject           *object,
                    GParamSpec        *pspec,
                    KioskLearningView *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORDING]);
  kiosk_learning_view_refresh (self);
}

static void
follow_session (KioskLearningView *self,
                KioskUserSession  *user_session)
{
  if (self->user_session != NULL)
    g_signal_handlers_disconnect_by_data (self->user_session, self);
  g_set_weak_pointer (&self->user_session, user_session);
  if (user_session != NULL)
    g_signal_connect (user_session, "notify::learning", G_CALLBACK (session_changed_cb), self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORDING]);
  kiosk_learning_view_refresh (self);
}

static void
session_started_cb (KioskSessionManager *manager,
                    KioskUserSession    *user_session,
                    KioskLearningView   *self)
{
  follow_session (self, user_session);
}

static void
session_ending_cb (KioskSessionManager *manager,
                   KioskUserSession    *user_session,
                   KioskLearningView   *self)
{
  follow_session (self, NULL);
}

/**
 * kiosk_learning_view_set_station:
 * @self: a #KioskLearningView
 * @config: the station's config, whose lines the record is turned into
 * @manager: the station's session manager, whose sessions it follows
 */
void
kiosk_learning_view_set_station (KioskLearningView   *self,
                                 KioskConfig         *config,
                                 KioskSessionManager *manager)
{
  g_return_if_fail (KIOSK_IS_LEARNING_VIEW (self));
  g_return_if_fail (KIOSK_IS_CONFIG (config));
  g_return_if_fail (KIOSK_IS_SESSION_MANAGER (manager));

  g_set_weak_pointer (&self->config, config);
  g_set_weak_pointer (&self->manager, manager);
  g_signal_connect (manager, "session-started", G_CALLBACK (session_started_cb), self);
  g_signal_connect (manager, "session-ending", G_CALLBACK (session_ending_cb), self);
  follow_session (self, kiosk_session_manager_get_user_session (manager));
}

static void
kiosk_learning_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  KioskLearningView *self = KIOSK_LEARNING_VIEW (object);

  switch (prop_id)
    {
    case PROP_RECORDING:
      g_value_set_boolean (value, self->user_session != NULL &&
                                  kiosk_user_session_get_learning (self->user_session));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_learning_view_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  KioskLearningView *self = KIOSK_LEARNING_VIEW (object);

  switch (prop_id)
    {
    case PROP_RECORDING:
      if (self->user_session != NULL)
        kiosk_user_session_set_learning (self->user_session, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_learning_view_dispose (GObject *object)
{
  KioskLearningView *self = KIOSK_LEARNING_VIEW (object);

  if (self->user_session != NULL)
    g_signal_handlers_disconnect_by_data (self->user_session, self);
  if (self->manager != NULL)
    g_signal_handlers_disconnect_by_data (self->manager, self);
  g_clear_weak_pointer (&self->user_session);
  g_clear_weak_pointer (&self->manager);
  g_clear_weak_pointer (&self->config);
  gtk_widget_dispose_template (GTK_WIDGET (self), KIOSK_TYPE_LEARNING_VIEW);

  G_OBJECT_CLASS (kiosk_learning_view_parent_class)->dispose (object);
}

static void
kiosk_learning_view_class_init (KioskLearningViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_learning_view_dispose;
  object_class->get_property = kiosk_learning_view_get_property;
  object_class->set_property = kiosk_learning_view_set_property;

  /* The current session's learning mode, for the toggle. */
  properties[PROP_RECORDING] =
    g_param_spec_boolean ("recording", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/pimms/Kiosk/kiosk-learning-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskLearningView, box);
  gtk_widget_class_bind_template_child (widget_class, KioskLearningView, record_button);
  gtk_widget_class_bind_template_child (widget_class, KioskLearningView, list_label);
  gtk_widget_class_install_property_action (widget_class, "learning.record", "recording");

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
kiosk_learning_view_init (KioskLearningView *self)
{
  g_autoptr(KioskLanguageSwitch) staff_language =
    kiosk_language_switch_to (kiosk_language_get_default ());

  gtk_widget_init_template (GTK_WIDGET (self));
}
