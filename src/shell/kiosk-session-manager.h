/* kiosk-session-manager.h — the life of user sessions on this station
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kiosk-staff-pin.h"
#include "kiosk-station.h"
#include "kiosk-station-api.h"
#include "kiosk-usage-counter.h"
#include "kiosk-user-session.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_SESSION_MANAGER (kiosk_session_manager_get_type ())
G_DECLARE_FINAL_TYPE (KioskSessionManager, kiosk_session_manager, KIOSK, SESSION_MANAGER, GObject)

KioskSessionManager *kiosk_session_manager_new              (KioskConfig         *config,
                                                             const char          *state_dir);
void                 kiosk_session_manager_start            (KioskSessionManager *self);
KioskStation        *kiosk_session_manager_get_station      (KioskSessionManager *self);
KioskStationState    kiosk_session_manager_get_state        (KioskSessionManager *self);
const char          *kiosk_session_manager_get_out_of_service_reason
                                                            (KioskSessionManager *self);
KioskUserSession    *kiosk_session_manager_get_user_session (KioskSessionManager *self);
KioskServiceRules   *kiosk_session_manager_get_service_rules (KioskSessionManager *self);
void                 kiosk_session_manager_count_read_aloud (KioskSessionManager *self,
                                                             const char          *language);
const char          *kiosk_session_manager_get_private_dir  (KioskSessionManager *self);
guint                kiosk_session_manager_count_documents  (KioskSessionManager *self);
void                 kiosk_session_manager_open_service     (KioskSessionManager *self,
                                                             KioskService        *service);
void                 kiosk_session_manager_end_session      (KioskSessionManager *self,
                                                             KioskEndReason       reason);
void                 kiosk_session_manager_note_activity    (KioskSessionManager *self);
void                 kiosk_session_manager_set_out_of_service (KioskSessionManager *self,
                                                               const char          *reason);
KioskUsageCounter   *kiosk_session_manager_get_usage_counter (KioskSessionManager *self);
KioskConfig         *kiosk_session_manager_get_config        (KioskSessionManager *self);
void                 kiosk_session_manager_get_metrics       (KioskSessionManager *self,
                                                              KioskStationMetrics *metrics);
GDateTime           *kiosk_session_manager_get_state_since  (KioskSessionManager *self);
void                 kiosk_session_manager_request_help     (KioskSessionManager *self);
void                 kiosk_session_manager_raise_pin_alarm  (KioskSessionManager *self);
gboolean             kiosk_session_manager_take_help_request (KioskSessionManager *self,
                                                              const char          *by);
void                 kiosk_session_manager_ask_to_end       (KioskSessionManager *self);
void                 kiosk_session_manager_clear_help_request (KioskSessionManager *self);
gboolean             kiosk_session_manager_get_help_requested (KioskSessionManager *self);
void                 kiosk_session_manager_set_assisted     (KioskSessionManager *self,
                                                             gboolean             assisted);
gboolean             kiosk_session_manager_get_assisted     (KioskSessionManager *self);
void                 kiosk_session_manager_set_in_service   (KioskSessionManager *self);
void                 kiosk_session_manager_put_out_of_service (KioskSessionManager *self,
                                                               KioskEndReason       reason,
                                                               const char          *message);
const char          *kiosk_session_manager_get_out_of_service_message
                                                            (KioskSessionManager *self);
guint                kiosk_session_manager_get_uptime       (KioskSessionManager *self);
KioskStaffPin       *kiosk_session_manager_get_staff_pin    (KioskSessionManager  *self,
                                                             GError              **error);
void                 kiosk_session_manager_note_choice      (KioskSessionManager *self);
void                 kiosk_session_manager_set_profile      (KioskSessionManager *self,
                                                             KioskProfile        *profile);
KioskProfile        *kiosk_session_manager_get_profile      (KioskSessionManager *self);
gint64               kiosk_session_manager_get_last_end_time (KioskSessionManager *self);
KioskEndReason       kiosk_session_manager_get_last_end_reason (KioskSessionManager *self);
gint64               kiosk_session_manager_count_sessions_today (KioskSessionManager  *self,
                                                                 GError              **error);

G_END_DECLS
