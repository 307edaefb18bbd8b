/* kiosk-survey.h — two optional questions to someone leaving
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-usage-counter.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_SURVEY (kiosk_survey_get_type ())
G_DECLARE_FINAL_TYPE (KioskSurvey, kiosk_survey, KIOSK, SURVEY, GtkWidget)

void kiosk_survey_ask    (KioskSurvey       *self,
                          KioskUsageCounter *counter);
void kiosk_survey_cancel (KioskSurvey       *self);

G_END_DECLS
