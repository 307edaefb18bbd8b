/* kiosk-print-flow.h — printing a document or a page, the kiosk's way
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <webkit/webkit.h>

#include "kiosk-config.h"
#include "kiosk-user-session.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_PRINT_FLOW (kiosk_print_flow_get_type ())
G_DECLARE_FINAL_TYPE (KioskPrintFlow, kiosk_print_flow, KIOSK, PRINT_FLOW, GtkWidget)

void        kiosk_print_flow_set_config     (KioskPrintFlow   *self,
                                             KioskConfig      *config);
void        kiosk_print_flow_prepare        (KioskPrintFlow   *self);
void        kiosk_print_flow_print_document (KioskPrintFlow   *self,
                                             KioskUserSession *user_session,
                                             GFile            *document);
void        kiosk_print_flow_print_page     (KioskPrintFlow       *self,
                                             KioskUserSession     *user_session,
                                             WebKitWebView        *web_view,
                                             WebKitPrintOperation *operation);
void        kiosk_print_flow_cancel         (KioskPrintFlow   *self);
const char *kiosk_print_flow_get_step       (KioskPrintFlow   *self);
const char *kiosk_print_flow_get_text       (KioskPrintFlow   *self);

G_END_DECLS
