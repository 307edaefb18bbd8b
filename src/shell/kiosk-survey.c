/* kiosk-survey.c — two optional questions to someone leaving
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-survey"

#include "config.h"

#include "kiosk-survey.h"

/* Funders ask where the people helped live and whether they got what
 * they came for. The questions come after "End my session", one tap
 * each, and can be skipped. Each answer is a counter of its own, dated
 * by the day only: it is never joined with the services of the session,
 * nor with the other answer.
 */
struct _KioskSurvey
{
  GtkWidget          parent_instance;

  GtkWidget         *card;
  GtkWidget         *finish_button;

  KioskUsageCounter *counter;
  char              *residence;
  char              *outcome;
};

G_DEFINE_FINAL_TYPE (KioskSurvey, kiosk_survey, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_RESIDENCE,
  PROP_OUTCOME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
count_answer (KioskSurvey *self,
              const char  *metric,
              const char  *answer)
{
  g_autoptr(GDateTime) now = NULL;

  if (answer == NULL || *answer == '\0')
    return;

  now = g_date_time_new_now_local ();
  kiosk_usage_counter_add_at (self->counter, now, KIOSK_USAGE_BY_DAY, metric, answer, 1);
}

static void
forget_answers (KioskSurvey *self)
{
  g_object_set (self, "residence", "", "outcome", "", NULL);
  g_clear_object (&self->counter);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

static void
finish_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KioskSurvey *self = KIOSK_SURVEY (widget);

  if (self->counter == NULL)
    return;

  count_answer (self, KIOSK_METRIC_SURVEY_RESIDENCE, self->residence);
  count_answer (self, KIOSK_METRIC_SURVEY_OUTCOME, self->outcome);
  forget_answers (self);
  g_signal_emit (self, signals[FINISHED], 0);
}

static void
skip_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KioskSurvey *self = KIOSK_SURVEY (widget);

  if (self->counter == NULL)
    return;

  forget_answers (self);
  g_signal_emit (self, signals[FINISHED], 0);
}

static void
kiosk_survey_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  KioskSurvey *self = KIOSK_SURVEY (object);

  switch (prop_id)
    {
    case PROP_RESIDENCE:
      g_value_set_string (value, self->residence != NULL ? self->residence : "");
      break;
    case PROP_OUTCOME:
      g_value_set_string (value, self->outcome != NULL ? self->outcome : "");
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_survey_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  KioskSurvey *self = KIOSK_SURVEY (object);

  switch (prop_id)
    {
    case PROP_RESIDENCE:
      g_free (self->residence);
      self->residence = g_value_dup_string (value);
      break;
    case PROP_OUTCOME:
      g_free (self->outcome);
      self->outcome = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_survey_dispose (GObject *object)
{
  KioskSurvey *self = KIOSK_SURVEY (object);

  g_clear_object (&self->counter);
  gtk_widget_dispose_template (GTK_WIDGET (self), KIOSK_TYPE_SURVEY);

  G_OBJECT_CLASS (kiosk_survey_parent_class)->dispose (object);
}

static void
kiosk_survey_finalize (GObject *object)
{
  KioskSurvey *self = KIOSK_SURVEY (object);

  g_free (self->residence);
  g_free (self->outcome);

  G_OBJECT_CLASS (kiosk_survey_parent_class)->finalize (object);
}

static void
kiosk_survey_class_init (KioskSurveyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_survey_dispose;
  object_class->finalize = kiosk_survey_finalize;
  object_class->get_property = kiosk_survey_get_property;
  object_class->set_property = kiosk_survey_set_property;

  /* The answer chosen so far: "bordeaux", "metropole", "elsewhere" or
   * "no-answer"; "" before any.
   */
  properties[PROP_RESIDENCE] =
    g_param_spec_string ("residence", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* "yes", "partly" or "no"; "" before any. */
  properties[PROP_OUTCOME] =
    g_param_spec_string ("outcome", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KioskSurvey::finished:
   * @self: the survey
   *
   * The resident answered or skipped; the session can end.
   */
  signals[FINISHED] =
    g_signal_new ("finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/pimms/Kiosk/kiosk-survey.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskSurvey, card);
  gtk_widget_class_bind_template_child (widget_class, KioskSurvey, finish_button);

  /* Property actions: each answer is a toggle button, one per question
   * lit at a time.
   */
  gtk_widget_class_install_property_action (widget_class, "survey.residence", "residence");
  gtk_widget_class_install_property_action (widget_class, "survey.outcome", "outcome");
  gtk_widget_class_install_action (widget_class, "survey.finish", NULL, finish_action);
  gtk_widget_class_install_action (widget_class, "survey.skip", NULL, skip_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "survey.skip", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DIALOG);
}

static void
kiosk_survey_init (KioskSurvey *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * kiosk_survey_ask:
 * @self: a #KioskSurvey
 * @counter: where the answers are counted
 *
 * Shows the two questions, with nothing chosen.
 */
void
kiosk_survey_ask (KioskSurvey       *self,
                  KioskUsageCounter *counter)
{
  g_return_if_fail (KIOSK_IS_SURVEY (self));
  g_return_if_fail (KIOSK_IS_USAGE_COUNTER (counter));

  g_object_set (self, "residence", "", "outcome", "", NULL);
  g_set_object (&self->counter, counter);
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  gtk_widget_grab_focus (self->finish_button);
}

/**
 * kiosk_survey_cancel:
 * @self: a #KioskSurvey
 *
 * Hides the questions without counting anything (the session ended
 * another way, like the idle countdown).
 */
void
kiosk_survey_cancel (KioskSurvey *self)
{
  g_return_if_fail (KIOSK_IS_SURVEY (self));

  forget_answers (self);
}
