/* kiosk-problem-page.h — the page in place of one that is refused or cannot be shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-user-session.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_PROBLEM_PAGE (kiosk_problem_page_get_type ())
G_DECLARE_FINAL_TYPE (KioskProblemPage, kiosk_problem_page, KIOSK, PROBLEM_PAGE, GtkWidget)

void        kiosk_problem_page_set_refusal (KioskProblemPage *self,
                                            const char       *scheme,
                                            const char       *place);
void        kiosk_problem_page_set_problem (KioskProblemPage *self,
                                            KioskPageProblem  problem,
                                            const char       *host);
const char *kiosk_problem_page_get_title   (KioskProblemPage *self);
const char *kiosk_problem_page_get_place   (KioskProblemPage *self);

G_END_DECLS
