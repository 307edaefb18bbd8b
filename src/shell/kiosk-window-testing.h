/* kiosk-window-testing.h — what the tests read of the kiosk window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kiosk-window.h"

#include "kiosk-chime.h"
#include "kiosk-documents-view.h"
#include "kiosk-home-view.h"
#include "kiosk-print-flow.h"
#include "kiosk-remote.h"
#include "kiosk-staff-panel.h"
#include "kiosk-survey.h"
#include "kiosk-upload-chooser.h"
#include "kiosk-voice.h"

G_BEGIN_DECLS

const char          *kiosk_window_get_page                (KioskWindow *self);
const char          *kiosk_window_get_question            (KioskWindow *self);
const char          *kiosk_window_get_question_text       (KioskWindow *self);
KioskChime          *kiosk_window_get_idle_chime          (KioskWindow *self);
const char          *kiosk_window_get_notice              (KioskWindow *self);
const char          *kiosk_window_get_assisted_text       (KioskWindow *self);
const char          *kiosk_window_get_title               (KioskWindow *self);
gboolean             kiosk_window_shows_title             (KioskWindow *self);
const char          *kiosk_window_get_refused_title       (KioskWindow *self);
const char          *kiosk_window_get_refused_place       (KioskWindow *self);
const char          *kiosk_window_get_out_of_service_text (KioskWindow *self);
gboolean             kiosk_window_is_out_of_service       (KioskWindow *self);
GtkWidget           *kiosk_window_get_toolbar             (KioskWindow *self);
KioskHomeView       *kiosk_window_get_home_view           (KioskWindow *self);
KioskDocumentsView  *kiosk_window_get_documents_view      (KioskWindow *self);
KioskUploadChooser  *kiosk_window_get_upload_chooser      (KioskWindow *self);
KioskPrintFlow      *kiosk_window_get_print_flow          (KioskWindow *self);
KioskSurvey         *kiosk_window_get_survey              (KioskWindow *self);
KioskStaffPanel     *kiosk_window_get_staff_panel         (KioskWindow *self);
KioskRemote         *kiosk_window_get_remote              (KioskWindow *self);
KioskConfig         *kiosk_window_get_config              (KioskWindow *self);
KioskSessionManager *kiosk_window_get_session_manager     (KioskWindow *self);
KioskUserSession    *kiosk_window_get_user_session        (KioskWindow *self);
KioskVoice          *kiosk_window_get_voice               (KioskWindow *self);
gboolean             kiosk_window_has_looked_for_sound    (KioskWindow *self);

G_END_DECLS
