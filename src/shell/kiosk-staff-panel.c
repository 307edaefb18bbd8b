/* kiosk-staff-panel.c — the médiateurs' panel on the station, behind the staff PIN
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-staff-panel"

#include "config.h"

#include "kiosk-staff-panel.h"

#include "kiosk-language.h"
#include "kiosk-learning-view.h"
#include "kiosk-staff-pin.h"

#include <glib/gi18n.h>
#include <string.h>

/* A mediator standing at the station opens this panel (Ctrl+Alt+M, or a
 * long press in the top-left corner of the screen), types the staff PIN
 * on a big keypad, and then acts on the station as the desk console
 * would. The PIN is checked by KioskStaffPin, which locks out after five
 * wrong ones; the digits typed live only in this object and are wiped as
 * soon as they are checked or the panel closes.
 *
 * Médiateurs read the station's own language, whatever the resident
 * chose: every text of the panel is looked up in it, through
 * switch_to_staff_language(), and the panel is laid out in its direction.
 * Each switch covers only the making of the panel's own texts, never an
 * action: what an action changes elsewhere in the window (the notice that
 * the desk was told, the out-of-service screen) is for the resident, in
 * their language.
 */
struct _KioskStaffPanel
{
  GtkWidget            parent_instance;

  KioskConfig         *config;
  KioskSessionManager *manager;
  KioskStaffPin       *pin;     /* the manager's */

  char                 typed[KIOSK_STAFF_PIN_MAX_LENGTH + 1];
  guint                n_typed;
  gboolean             unlocked;
  guint                timeout_id;

  GtkStack            *stack;
  GtkLabel            *pin_message;
  GtkLabel            *pin_dots;
  GtkGrid             *keypad;
  GtkWidget           *first_key;
  GtkLabel            *station_title;
  GtkLabel            *station_state;
  GtkLabel            *station_details;
  GtkWidget           *assisted_button;
  GtkWidget           *end_session_button;
  KioskLearningView   *learning_view;
  GtkWidget           *profile_box;
  GtkWidget           *out_of_service_box;
  GtkEditable         *message_entry;
  GtkWidget           *in_service_button;
  GtkWidget           *quit_button;
  GtkWidget           *close_button;
};

G_DEFINE_FINAL_TYPE (KioskStaffPanel, kiosk_staff_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ASSISTED,
  PROP_PROFILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  QUIT_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static KioskLanguageSwitch *
switch_to_staff_language (void)
{
  return kiosk_language_switch_to (kiosk_language_get_default ());
}

static void
forget_typed (KioskStaffPanel *self)
{
  explicit_bzero (self->typed, sizeof self->typed);
  self->n_typed = 0;
}

static void
update_dots (KioskStaffPanel *self)
{
  g_autoptr(GString) dots = g_string_new (NULL);

  /* Four hollow places to start with, so that the keypad's purpose is
   * clear; each digit typed fills one.
   */
  for (guint i = 0; i < MAX (self->n_typed, KIOSK_STAFF_PIN_MIN_LENGTH); i++)
    g_string_append (dots, i < self->n_typed ? "●" : "○");
  gtk_label_set_label (self->pin_dots, dots->str);
}

static void
set_pin_message (KioskStaffPanel *self,
                 const char      *message)
{
  gtk_label_set_label (self->pin_message, message);
}

static char *
format_duration (guint seconds)
{
  guint minutes = seconds / 60;

  if (minutes < 60)
    return g_strdup_printf (_("%u min"), minutes);
  if (minutes < 24 * 60)
    return g_strdup_printf (_("%u h %02u min"), minutes / 60, minutes % 60);
  return g_strdup_printf (_("%u d %u h"), minutes / (24 * 60), minutes / 60 % 24);
}

static const char *
describe_state (KioskStaffPanel *self)
{
  switch (kiosk_session_manager_get_state (self->manager))
    {
    case KIOSK_STATION_FREE:
      return kiosk_session_manager_get_assisted (self->manager) ? _("Free — assisted mode")
                                                                : _("Free");
    case KIOSK_STATION_IN_USE:
      return kiosk_session_manager_get_assisted (self->manager) ? _("In use — assisted mode")
                                                                : _("In use");
    case KIOSK_STATION_ENDING:
      return _("Erasing the last session…");
    case KIOSK_STATION_OUT_OF_SERVICE:
    default:
      return _("Out of service");
    }
}

/* The station's figures, read once as the panel unlocks: counting today's
 * sessions writes the pending counts and reads usage.db, work for a
 * mediator's request, not for every change of state.
 */
static void
show_station_details (KioskStaffPanel *self)
{
  g_autoptr(KioskLanguageSwitch) staff_language = switch_to_staff_language ();
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *uptime = NULL;
  g_autofree char *sessions = NULL;
  g_autofree char *details = NULL;
  g_autofree char *problem = NULL;
  gint64 today;

  title = g_strdup_printf (_("Station %s"), kiosk_config_get_station_id (self->config));
  gtk_label_set_label (self->station_title, title);

  today = kiosk_session_manager_count_sessions_today (self->manager, &error);
  if (today < 0)
    {
      g_warning ("Cannot count today's sessions: %s", error->message);
      sessions = g_strdup (_("sessions today: unknown (see the journal)"));
    }
  else
    sessions = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u session today",
                                             "%u sessions today", (gulong) today),
                                (guint) today);

  uptime = format_duration (kiosk_session_manager_get_uptime (self->manager));
  if (*kiosk_config_get_site (self->config) != '\0')
    /* Translators: site, version, how long the kiosk has run, sessions today. */
    details = g_strdup_printf (_("Site %s · version %s · running for %s · %s"),
                               kiosk_config_get_site (self->config), PACKAGE_VERSION, uptime,
                               sessions);
  else
    /* Translators: version, how long the kiosk has run, sessions today. */
    details = g_strdup_printf (_("Version %s · running for %s · %s"), PACKAGE_VERSION, uptime,
                               sessions);

  /* A full disk or a damaged usage.db: the station works on, and staff
   * know that the figures wait (counting today's sessions tried to write
   * them just before).
   */
  problem = kiosk_usage_counter_dup_problem (kiosk_session_manager_get_usage_counter (
                                               self->manager));
  if (problem != NULL)
    {
      g_autofree char *with_problem =
        /* Translators: the station's details, then what the system said (often in English). */
        g_strdup_printf (_("%s\n⚠ Usage counting is paused: the counts wait in memory until "
                           "they can be written (%s). Tell the administrator."),
                         details, problem);

      g_free (details);
      details = g_steal_pointer (&with_problem);
    }
  gtk_label_set_label (self->station_details, details);
}

/* What the station is doing, and the actions that fit it. */
static void
update_station (KioskStaffPanel *self)
{
  g_autoptr(KioskLanguageSwitch) staff_language = NULL;
  KioskStationState state;

  if (self->manager == NULL)
    return;

  staff_language = switch_to_staff_language ();
  state = kiosk_session_manager_get_state (self->manager);
  gtk_label_set_label (self->station_state, describe_state (self));
  gtk_widget_set_visible (self->out_of_service_box, state != KIOSK_STATION_OUT_OF_SERVICE);
  gtk_widget_set_visible (self->in_service_button, state == KIOSK_STATION_OUT_OF_SERVICE);
  gtk_widget_set_visible (self->quit_button, kiosk_config_get_staff_may_quit (self->config));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "staff.end-session",
                                 state == KIOSK_STATION_IN_USE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "staff.assisted",
                                 state != KIOSK_STATION_OUT_OF_SERVICE);
}

static void
show_pin_page (KioskStaffPanel *self)
{
  gtk_stack_set_visible_child_name (self->stack, "pin");
  update_dots (self);
  gtk_widget_grab_focus (self->first_key);
}

/* A missing or unsafe PIN file keeps the panel shut and says why. */
static gboolean
ensure_pin (KioskStaffPanel *self)
{
  g_autoptr(KioskLanguageSwitch) staff_language = switch_to_staff_language ();
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  self->pin = kiosk_session_manager_get_staff_pin (self->manager, &error);
  if (self->pin != NULL)
    return TRUE;

  g_warning ("The staff panel stays shut: %s", error->message);
  message = g_strdup_printf (_("The staff PIN is not set up on this station, so the panel stays "
                               "shut. An administrator sets it with “pimms-kiosk-admin set-pin”. "
                               "(%s)"),
                             error->message);
  set_pin_message (self, message);
  return FALSE;
}

static gboolean
show_lock (KioskStaffPanel *self)
{
  g_autoptr(KioskLanguageSwitch) staff_language = switch_to_staff_language ();
  gint64 left = kiosk_staff_pin_get_locked_until (self->pin) - g_get_monotonic_time ();
  guint minutes;
  g_autofree char *message = NULL;

  if (left <= 0)
    return FALSE;

  minutes = (left + 60 * G_USEC_PER_SEC - 1) / (60 * G_USEC_PER_SEC);
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Too many wrong PINs: the panel is locked. Try again "
                                          "in %u minute.",
                                          "Too many wrong PINs: the panel is locked. Try again "
                                          "in %u minutes.",
                                          minutes),
                             minutes);
  set_pin_message (self, message);
  return TRUE;
}

static void
unlock (KioskStaffPanel *self)
{
  self->unlocked = TRUE;
  g_message ("Staff panel unlocked");

  /* A mediator at the station is the help the resident asked for. */
  kiosk_session_manager_clear_help_request (self->manager);

  gtk_editable_set_text (self->message_entry, "");
  show_station_details (self);
  update_station (self);
  kiosk_learning_view_refresh (self->learning_view);
  gtk_stack_set_visible_child_name (self->stack, "actions");
  gtk_widget_grab_focus (self->close_button);
}

static void
show_pin_prompt (KioskStaffPanel *self)
{
  g_autoptr(KioskLanguageSwitch) staff_language = switch_to_staff_language ();

  set_pin_message (self, _("Type the staff PIN."));
}

static void
show_pin_too_short (KioskStaffPanel *self)
{
  g_autoptr(KioskLanguageSwitch) staff_language = switch_to_staff_language ();
  g_autofree char *message = NULL;

  message = g_strdup_printf (_("The PIN has at least %d digits."), KIOSK_STAFF_PIN_MIN_LENGTH);
  set_pin_message (self, message);
}

static void
show_wrong_pin (KioskStaffPanel *self)
{
  g_autoptr(KioskLanguageSwitch) staff_language = switch_to_staff_language ();
  guint left = KIOSK_STAFF_PIN_MAX_FAILURES - kiosk_staff_pin_get_failures (self->pin);
  g_autofree char *message = NULL;

  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Wrong PIN. %u more try before the panel locks.",
                                          "Wrong PIN. %u more tries before the panel locks.",
                                          left),
                             left);
  set_pin_message (self, message);
}

static void
submit_pin (KioskStaffPanel *self)
{
  KioskStaffPinResult result;

  if (!ensure_pin (self) || show_lock (self))
    {
      forget_typed (self);
      update_dots (self);
      return;
    }

  if (self->n_typed < KIOSK_STAFF_PIN_MIN_LENGTH)
    {
      show_pin_too_short (self);
      return;
    }

  result = kiosk_staff_pin_check (self->pin, self->typed, g_get_monotonic_time ());
  forget_typed (self);
  update_dots (self);

  switch (result)
    {
    case KIOSK_STAFF_PIN_OK:
      unlock (self);
      break;
    case KIOSK_STAFF_PIN_WRONG:
      g_message ("Wrong staff PIN");
      show_wrong_pin (self);
      break;
    case KIOSK_STAFF_PIN_LOCKED:
    default:
      /* Someone may be guessing: the desk sees this station ask for help. */
      g_warning ("The staff panel is locked after too many wrong PINs; the desk is told");
      kiosk_session_manager_raise_pin_alarm (self->manager);
      show_lock (self);
      break;
    }
}

static void
type_digit (KioskStaffPanel *self,
            char             digit)
{
  if (self->unlocked || self->n_typed >= KIOSK_STAFF_PIN_MAX_LENGTH)
    return;

  self->typed[self->n_typed++] = digit;
  update_dots (self);
}

static void
erase_digit (KioskStaffPanel *self)
{
  if (self->n_typed == 0)
    return;

  self->typed[--self->n_typed] = '\0';
  update_dots (self);
}

static void
digit_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  const char *digit = g_variant_get_string (parameter, NULL);

  if (g_ascii_isdigit (digit[0]) && digit[1] == '\0')
    type_digit (KIOSK_STAFF_PANEL (widget), digit[0]);
}

static void
erase_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  erase_digit (KIOSK_STAFF_PANEL (widget));
}

static void
submit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  submit_pin (KIOSK_STAFF_PANEL (widget));
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  kiosk_staff_panel_close (KIOSK_STAFF_PANEL (widget));
}

static void
end_session_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KioskStaffPanel *self = KIOSK_STAFF_PANEL (widget);

  if (!self->unlocked)
    return;

  kiosk_staff_panel_close (self);
  kiosk_session_manager_end_session (self->manager, KIOSK_END_STAFF);
}

static void
out_of_service_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  KioskStaffPanel *self = KIOSK_STAFF_PANEL (widget);
  g_autofree char *message = NULL;

  if (!self->unlocked)
    return;

  message = g_strstrip (g_strdup (gtk_editable_get_text (self->message_entry)));
  kiosk_staff_panel_close (self);
  kiosk_session_manager_put_out_of_service (self->manager, KIOSK_END_STAFF, message);
}

static void
in_service_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  KioskStaffPanel *self = KIOSK_STAFF_PANEL (widget);

  if (!self->unlocked)
    return;

  kiosk_staff_panel_close (self);
  kiosk_session_manager_set_in_service (self->manager);
}

static void
quit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KioskStaffPanel *self = KIOSK_STAFF_PANEL (widget);

  if (!self->unlocked || !kiosk_config_get_staff_may_quit (self->config))
    return;

  kiosk_staff_panel_close (self);
  g_message ("A mediator quit the kiosk from the staff panel");
  g_signal_emit (self, signals[QUIT_REQUESTED], 0);
}

static gboolean
pin_key_pressed_cb (GtkEventControllerKey *controller,
                    guint                  keyval,
                    guint                  keycode,
                    GdkModifierType        state,
                    KioskStaffPanel       *self)
{
  guint32 character;

  if (self->unlocked)
    return GDK_EVENT_PROPAGATE;

  /* Typed digits, Backspace and Enter act on the PIN whatever key of the
   * keypad has the focus.
   */
  character = gdk_keyval_to_unicode (keyval);
  if (character >= '0' && character <= '9')
    {
      type_digit (self, (char) character);
      return GDK_EVENT_STOP;
    }

  switch (keyval)
    {
    case GDK_KEY_BackSpace:
      erase_digit (self);
      return GDK_EVENT_STOP;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      submit_pin (self);
      return GDK_EVENT_STOP;
    default:
      return GDK_EVENT_PROPAGATE;
    }
}

static gboolean
timeout_cb (gpointer user_data)
{
  KioskStaffPanel *self = user_data;

  self->timeout_id = 0;
  g_message ("Staff panel closed after %d s without a touch", KIOSK_STAFF_PANEL_TIMEOUT_SECONDS);
  kiosk_staff_panel_close (self);
  return G_SOURCE_REMOVE;
}

static void
restart_timeout (KioskStaffPanel *self)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (gtk_widget_get_visible (GTK_WIDGET (self)))
    self->timeout_id = g_timeout_add_seconds (KIOSK_STAFF_PANEL_TIMEOUT_SECONDS, timeout_cb, self);
}

static gboolean
input_cb (GtkEventControllerLegacy *controller,
          GdkEvent                 *event,
          KioskStaffPanel          *self)
{
  switch (gdk_event_get_event_type (event))
    {
    case GDK_KEY_PRESS:
    case GDK_BUTTON_PRESS:
    case GDK_TOUCH_BEGIN:
      restart_timeout (self);
      break;
    default:
      break;
    }

  return GDK_EVENT_PROPAGATE;
}

static void
manager_changed_cb (GObject         *station_or_manager,
                    GParamSpec      *pspec,
                    KioskStaffPanel *self)
{
  if (g_strcmp0 (pspec->name, "assisted") == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ASSISTED]);
  if (g_strcmp0 (pspec->name, "profile") == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFILE]);

  if (self->unlocked)
    update_station (self);
}

static void
add_key (KioskStaffPanel *self,
         const char      *label,
         const char      *accessible_name,
         const char      *action_name,
         const char      *digit,
         int              column,
         int              row)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_add_css_class (button, "keypad-button");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  if (digit != NULL)
    gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", digit);
  if (accessible_name != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_name, -1);
  gtk_grid_attach (self->keypad, button, column, row, 1, 1);

  if (self->first_key == NULL)
    self->first_key = button;
}

static void
build_keypad (KioskStaffPanel *self)
{
  for (int i = 1; i <= 9; i++)
    {
      char digit[2] = { '0' + i, '\0' };

      add_key (self, digit, NULL, "staff.digit", digit, (i - 1) % 3, (i - 1) / 3);
    }
  add_key (self, "⌫", _("Erase a digit"), "staff.erase", NULL, 0, 3);
  add_key (self, "0", NULL, "staff.digit", "0", 1, 3);
  /* Translators: the key that checks the PIN typed on the keypad. */
  add_key (self, C_("keypad", "Enter"), _("Check the PIN"), "staff.submit", NULL, 2, 3);
}

static GtkWidget *
create_profile_button (const char *label,
                       const char *profile_id)
{
  GtkWidget *button = gtk_toggle_button_new_with_label (label);

  gtk_widget_add_css_class (button, "staff-button");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "staff.profile");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", profile_id);
  return button;
}

/* One toggle for the public and one per profile of the config, the one
 * on lit; none at all when the config has no profile.
 */
static void
build_profile_buttons (KioskStaffPanel *self)
{
  g_autoptr(KioskLanguageSwitch) staff_language = switch_to_staff_language ();
  GPtrArray *profiles = kiosk_config_get_profiles (self->config);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->profile_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->profile_box), child);

  gtk_widget_set_visible (self->profile_box, profiles->len > 0);
  if (profiles->len == 0)
    return;

  gtk_box_append (GTK_BOX (self->profile_box),
                  create_profile_button (_("Public services"), ""));
  for (guint i = 0; i < profiles->len; i++)
    {
      KioskProfile *profile = g_ptr_array_index (profiles, i);

      gtk_box_append (GTK_BOX (self->profile_box),
                      create_profile_button (kiosk_profile_get_name (profile),
                                             kiosk_profile_get_id (profile)));
    }
}

static void
kiosk_staff_panel_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  KioskStaffPanel *self = KIOSK_STAFF_PANEL (object);

  switch (prop_id)
    {
    case PROP_ASSISTED:
      g_value_set_boolean (value, self->manager != NULL &&
                                  kiosk_session_manager_get_assisted (self->manager));
      break;
    case PROP_PROFILE:
      {
        KioskProfile *profile = self->manager != NULL
                                  ? kiosk_session_manager_get_profile (self->manager) : NULL;

        g_value_set_string (value, profile != NULL ? kiosk_profile_get_id (profile) : "");
      }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_staff_panel_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  KioskStaffPanel *self = KIOSK_STAFF_PANEL (object);

  switch (prop_id)
    {
    case PROP_ASSISTED:
      /* Only a mediator who typed the PIN may pause the idle countdown. */
      if (self->manager != NULL && self->unlocked)
        kiosk_session_manager_set_assisted (self->manager, g_value_get_boolean (value));
      break;
    case PROP_PROFILE:
      /* An id the config does not have turns every profile off. */
      if (self->manager != NULL && self->unlocked)
        {
          const char *id = g_value_get_string (value);

          kiosk_session_manager_set_profile (self->manager,
                                             kiosk_config_lookup_profile (self->config, id));
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_staff_panel_dispose (GObject *object)
{
  KioskStaffPanel *self = KIOSK_STAFF_PANEL (object);

  forget_typed (self);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->manager != NULL)
    {
      g_signal_handlers_disconnect_by_data (kiosk_session_manager_get_station (self->manager),
                                            self);
      g_signal_handlers_disconnect_by_data (self->manager, self);
    }
  g_clear_weak_pointer (&self->manager);
  g_clear_weak_pointer (&self->config);
  self->pin = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), KIOSK_TYPE_STAFF_PANEL);

  G_OBJECT_CLASS (kiosk_staff_panel_parent_class)->dispose (object);
}

static void
kiosk_staff_panel_class_init (KioskStaffPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_staff_panel_dispose;
  object_class->get_property = kiosk_staff_panel_get_property;
  object_class->set_property = kiosk_staff_panel_set_property;

  /* Mirrors the session manager's, for the "Assisted mode" toggle. */
  properties[PROP_ASSISTED] =
    g_param_spec_boolean ("assisted", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The id of the profile on, "" for the public; for its toggles. */
  properties[PROP_PROFILE] =
    g_param_spec_string ("profile", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KioskStaffPanel::quit-requested:
   * @self: the panel
   *
   * A mediator asked to leave the kiosk for the desktop, which the
   * config allows.
   */
  signals[QUIT_REQUESTED] =
    g_signal_new ("quit-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (KIOSK_TYPE_LEARNING_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/pimms/Kiosk/kiosk-staff-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskStaffPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, KioskStaffPanel, pin_message);
  gtk_widget_class_bind_template_child (widget_class, KioskStaffPanel, pin_dots);
  gtk_widget_class_bind_template_child (widget_class, KioskStaffPanel, keypad);
  gtk_widget_class_bind_template_child (widget_class, KioskStaffPanel, station_title);
  gtk_widget_class_bind_template_child (widget_class, KioskStaffPanel, station_state);
  gtk_widget_class_bind_template_child (widget_class, KioskStaffPanel, station_details);
  gtk_widget_class_bind_template_child (widget_class, KioskStaffPanel, assisted_button);
  gtk_widget_class_bind_template_child (widget_class, KioskStaffPanel, end_session_button);
  gtk_widget_class_bind_template_child (widget_class, KioskStaffPanel, learning_view);
  gtk_widget_class_bind_template_child (widget_class, KioskStaffPanel, profile_box);
  gtk_widget_class_bind_template_child (widget_class, KioskStaffPanel, out_of_service_box);
  gtk_widget_class_bind_template_child (widget_class, KioskStaffPanel, message_entry);
  gtk_widget_class_bind_template_child (widget_class, KioskStaffPanel, in_service_button);
  gtk_widget_class_bind_template_child (widget_class, KioskStaffPanel, quit_button);
  gtk_widget_class_bind_template_child (widget_class, KioskStaffPanel, close_button);

  gtk_widget_class_install_action (widget_class, "staff.digit", "s", digit_action);
  gtk_widget_class_install_action (widget_class, "staff.erase", NULL, erase_action);
  gtk_widget_class_install_action (widget_class, "staff.submit", NULL, submit_action);
  gtk_widget_class_install_action (widget_class, "staff.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "staff.end-session", NULL, end_session_action);
  gtk_widget_class_install_property_action (widget_class, "staff.assisted", "assisted");
  gtk_widget_class_install_property_action (widget_class, "staff.profile", "profile");
  gtk_widget_class_install_action (widget_class, "staff.out-of-service", NULL,
                                   out_of_service_action);
  gtk_widget_class_install_action (widget_class, "staff.in-service", NULL, in_service_action);
  gtk_widget_class_install_action (widget_class, "staff.quit", NULL, quit_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "staff.close", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DIALOG);
}

static void
kiosk_staff_panel_init (KioskStaffPanel *self)
{
  g_autoptr(KioskLanguageSwitch) staff_language = switch_to_staff_language ();
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkEventController *input = gtk_event_controller_legacy_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  build_keypad (self);
  gtk_editable_set_text (self->message_entry, "");
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->message_entry),
                                  _("Message for residents (optional), e.g. “Back at 2 pm”"));

  /* Before the focused key of the keypad, which would take Enter. */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (pin_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  gtk_event_controller_set_propagation_phase (input, GTK_PHASE_CAPTURE);
  g_signal_connect (input, "event", G_CALLBACK (input_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), input);
}

/**
 * kiosk_staff_panel_set_station:
 * @self: a #KioskStaffPanel
 * @config: the station's config
 * @manager: the station's session manager
 *
 * Says which station the panel acts on; until then it cannot open.
 */
void
kiosk_staff_panel_set_station (KioskStaffPanel     *self,
                               KioskConfig         *config,
                               KioskSessionManager *manager)
{
  g_return_if_fail (KIOSK_IS_STAFF_PANEL (self));
  g_return_if_fail (KIOSK_IS_CONFIG (config));
  g_return_if_fail (KIOSK_IS_SESSION_MANAGER (manager));

  /* The application owns both and outlives the panel's use of them; the
   * panel's own references must not keep a session alive past the
   * station's stop, which wipes it.
   */
  g_set_weak_pointer (&self->config, config);
  g_set_weak_pointer (&self->manager, manager);
  g_signal_connect (kiosk_session_manager_get_station (manager), "notify::state",
                    G_CALLBACK (manager_changed_cb), self);
  g_signal_connect (kiosk_session_manager_get_station (manager), "notify::assisted",
                    G_CALLBACK (manager_changed_cb), self);
  g_signal_connect (manager, "notify::profile", G_CALLBACK (manager_changed_cb), self);
  build_profile_buttons (self);
  kiosk_learning_view_set_station (self->learning_view, config, manager);
}

/**
 * kiosk_staff_panel_open:
 * @self: a #KioskStaffPanel
 *
 * Shows the PIN keypad (or why the panel cannot open). Does nothing on a
 * station whose config could not be loaded: there is nothing to act on.
 */
void
kiosk_staff_panel_open (KioskStaffPanel *self)
{
  g_return_if_fail (KIOSK_IS_STAFF_PANEL (self));

  if (self->manager == NULL || gtk_widget_get_visible (GTK_WIDGET (self)))
    return;

  g_message ("Staff panel opened");
  self->unlocked = FALSE;
  forget_typed (self);
  show_pin_prompt (self);
  if (ensure_pin (self))
    show_lock (self);

  /* Each time, so that the profile buttons built since are too. */
  kiosk_language_set_widget_direction (GTK_WIDGET (self), kiosk_language_get_default ());
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  show_pin_page (self);
  restart_timeout (self);
}

/**
 * kiosk_staff_panel_close:
 * @self: a #KioskStaffPanel
 *
 * Hides the panel and locks it again.
 */
void
kiosk_staff_panel_close (KioskStaffPanel *self)
{
  g_return_if_fail (KIOSK_IS_STAFF_PANEL (self));

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  forget_typed (self);
  self->unlocked = FALSE;
  gtk_editable_set_text (self->message_entry, "");
  /* Back to the keypad while still shown: changing the page of the
   * hidden stack kept the panel alive past its window in GTK 4.8.3.
   */
  gtk_stack_set_visible_child_name (self->stack, "pin");
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

gboolean
kiosk_staff_panel_is_unlocked (KioskStaffPanel *self)
{
  g_return_val_if_fail (KIOSK_IS_STAFF_PANEL (self), FALSE);

  return self->unlocked && gtk_widget_get_visible (GTK_WIDGET (self));
}

/**
 * kiosk_staff_panel_get_station_details:
 * @self: a #KioskStaffPanel
 *
 * Returns: the station's figures and troubles, as the unlocked panel
 *   shows them
 */
const char *
kiosk_staff_panel_get_station_details (KioskStaffPanel *self)
{
  g_return_val_if_fail (KIOSK_IS_STAFF_PANEL (self), NULL);

  return gtk_label_get_label (self->station_details);
}

/**
 * kiosk_staff_panel_get_message:
 * @self: a #KioskStaffPanel
 *
 * Returns: what the PIN page tells the mediator (type the PIN, wrong PIN,
 *   locked, not set up)
 */
const char *
kiosk_staff_panel_get_message (KioskStaffPanel *self)
{
  g_return_val_if_fail (KIOSK_IS_STAFF_PANEL (self), NULL);

  return gtk_label_get_label (self->pin_message);
}
