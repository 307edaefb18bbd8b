/* shell-fixture.h — a kiosk window against a local web server, for tests under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-application.h"
#include "kiosk-window-testing.h"
#include "test-utils.h"

G_BEGIN_DECLS

#define LOAD_TIMEOUT 30

/* The staff PIN of shell_setup_with_staff_pin(). */
#define SHELL_STAFF_PIN "4821"

typedef struct
{
  KioskTestServer  *server;
  /* Only for shell_setup_https_direct(). */
  KioskTestResolver *resolver;
  KioskConfig      *config;
  KioskApplication *application;
  KioskWindow      *window;
  GArray           *end_reasons;
  /* SQLite's system call that fails as on a full disk, from
   * end_the_session_on_a_full_disk() to free_up_the_disk().
   */
  const char       *full_disk_syscall;
} ShellFixture;

typedef const char *(*StringGetter) (gpointer object);

void           shell_tests_init          (void);
void           speak_as_a_station_without_a_language (void);
KioskApplication *create_test_application (void);
void           add_pages                 (KioskTestServer *server);
void           shell_setup               (ShellFixture    *fixture,
                                          gconstpointer    data);
void           shell_setup_with_keys     (ShellFixture    *fixture,
                                          gconstpointer    data);
void           shell_setup_https         (ShellFixture    *fixture,
                                          gconstpointer    data);
void           shell_setup_https_direct  (ShellFixture    *fixture,
                                          gconstpointer    data);
void           shell_setup_catalogue     (ShellFixture    *fixture,
                                          gconstpointer    data);
char          *write_staff_pin_file      (void);
void           shell_setup_with_staff_pin (ShellFixture   *fixture,
                                           gconstpointer   data);
void           type_on_the_keypad        (KioskStaffPanel *panel,
                                          const char      *pin);
void           shell_restart_with_config (ShellFixture    *fixture,
                                          const char      *config_path);
void           shell_teardown            (ShellFixture    *fixture,
                                          gconstpointer    data);
WebKitWebView *fixture_get_web_view      (ShellFixture    *fixture);
void           assert_string_becomes     (StringGetter     get,
                                          gpointer         object,
                                          const char      *expected,
                                          const char      *what);
void           assert_string_becomes_within (StringGetter  get,
                                             gpointer      object,
                                             const char   *expected,
                                             const char   *what,
                                             guint         seconds);
void           assert_title_becomes      (WebKitWebView   *web_view,
                                          const char      *title);
void           assert_page_becomes       (KioskWindow     *window,
                                          const char      *page);
void           assert_question_becomes   (KioskWindow     *window,
                                          const char      *question);
void           run_script                (WebKitWebView   *web_view,
                                          const char      *script);
char          *evaluate_to_string        (WebKitWebView   *web_view,
                                          const char      *script);
char          *evaluate_in_world_to_string (WebKitWebView *web_view,
                                            const char    *world,
                                            const char    *script);
typedef gboolean (*PixelTest) (guint8 red,
                               guint8 green,
                               guint8 blue);
guint          count_view_pixels         (WebKitWebView   *web_view,
                                          int              from_y,
                                          PixelTest        test);
guint          count_widget_pixels       (GtkWidget       *widget,
                                          PixelTest        test);
void           click_in_the_middle_of    (GtkWidget       *widget);
int            natural_width             (GtkWidget       *widget);
int            wait_for_natural_width_change (GtkWidget   *widget,
                                              int          width);
void           assert_natural_width_becomes (GtkWidget    *widget,
                                             int           width);
void           move_pointer              (int              x,
                                          int              y);
void           xdotool                   (const char      *first,
                                          ...) G_GNUC_NULL_TERMINATED;
GtkWidget     *find_action_button        (GtkWidget       *widget,
                                          const char      *action);
void           activate                  (ShellFixture    *fixture,
                                          const char      *action);
void           open_caf                  (ShellFixture    *fixture);
WebKitWebView *load_caf_page             (ShellFixture    *fixture,
                                          const char      *path,
                                          const char      *title);
GtkWidget     *window_button_for         (ShellFixture    *fixture,
                                          const char      *action);
void           assert_a_page_cannot_trap (ShellFixture    *fixture,
                                          const char      *address,
                                          const char      *question,
                                          const char      *cancel_action);
GtkWidget     *find_widget_named         (GtkWidget       *widget,
                                          const char      *name);
GtkWidget     *window_widget_named       (ShellFixture    *fixture,
                                          const char      *name);
void           load_test_page            (ShellFixture    *fixture,
                                          const char      *path,
                                          const char      *html,
                                          const char      *title);
GBytes        *make_pdf                  (guint            n_pages,
                                          const char      *text);
gboolean       end_the_session_on_a_full_disk (ShellFixture *fixture);
void           free_up_the_disk          (ShellFixture    *fixture);

/* What the station's API answered. */
typedef struct
{
  guint  status;
  char  *body;
} KioskApiAnswer;

void           kiosk_api_answer_clear    (KioskApiAnswer  *answer);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (KioskApiAnswer, kiosk_api_answer_clear)

KioskApiAnswer ask_station_api           (ShellFixture    *fixture,
                                          const char      *method,
                                          const char      *path,
                                          const char      *token,
                                          const char      *json);

void           watch_chime               (KioskChime      *chime,
                                          gboolean        *heard);

/* What the usage store holds for a metric (and a key), summed. */
typedef struct
{
  const char *metric;
  const char *key;
  gint64      count;
  guint       max_hour;
} UsageSum;

void           forget_usage              (void);
gboolean       usage_sum_cb              (const KioskUsageRow *row,
                                          gpointer         user_data);
gint64         count_usage               (ShellFixture    *fixture,
                                          const char      *metric,
                                          const char      *key);

G_END_DECLS
