/* kiosk-window.h — the kiosk's only window: toolbar, home screen, web view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-config.h"
#include "kiosk-documents-view.h"
#include "kiosk-home-view.h"
#include "kiosk-print-flow.h"
#include "kiosk-remote.h"
#include "kiosk-survey.h"
#include "kiosk-session-manager.h"
#include "kiosk-staff-panel.h"
#include "kiosk-upload-chooser.h"
#include "kiosk-user-session.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_WINDOW (kiosk_window_get_type ())
G_DECLARE_FINAL_TYPE (KioskWindow, kiosk_window, KIOSK, WINDOW, GtkApplicationWindow)

KioskWindow         *kiosk_window_new                 (GtkApplication *application,
                                                       KioskConfig    *config,
                                                       const char     *state_dir);
void                 kiosk_window_show_home           (KioskWindow    *self);
void                 kiosk_window_open_service        (KioskWindow    *self,
                                                       KioskService   *service);
void                 kiosk_window_end_session         (KioskWindow    *self,
                                                       KioskEndReason  reason);
void                 kiosk_window_set_out_of_service  (KioskWindow    *self,
                                                       const char     *detail);
gboolean             kiosk_window_is_out_of_service   (KioskWindow    *self);
const char          *kiosk_window_get_page            (KioskWindow    *self);
const char          *kiosk_window_get_question        (KioskWindow    *self);
const char          *kiosk_window_get_question_text   (KioskWindow    *self);
const char          *kiosk_window_get_notice          (KioskWindow    *self);
GtkWidget           *kiosk_window_get_toolbar         (KioskWindow    *self);
const char          *kiosk_window_get_refused_place   (KioskWindow    *self);
const char          *kiosk_window_get_refused_title   (KioskWindow    *self);
KioskConfig         *kiosk_window_get_config          (KioskWindow    *self);
KioskSessionManager *kiosk_window_get_session_manager (KioskWindow    *self);
KioskUserSession    *kiosk_window_get_user_session    (KioskWindow    *self);
KioskDocumentsView  *kiosk_window_get_documents_view  (KioskWindow    *self);
KioskUploadChooser  *kiosk_window_get_upload_chooser  (KioskWindow    *self);
KioskPrintFlow      *kiosk_window_get_print_flow      (KioskWindow    *self);
KioskSurvey         *kiosk_window_get_survey          (KioskWindow    *self);
KioskRemote         *kiosk_window_get_remote          (KioskWindow    *self);
KioskStaffPanel     *kiosk_window_get_staff_panel     (KioskWindow    *self);
KioskWindow         *kiosk_window_new_from            (KioskWindow    *old);
const char          *kiosk_window_get_title           (KioskWindow    *self);
KioskHomeView       *kiosk_window_get_home_view       (KioskWindow    *self);
const char          *kiosk_window_get_out_of_service_text (KioskWindow *self);

G_END_DECLS
