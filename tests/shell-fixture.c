/* shell-fixture.c — a kiosk window against a local web server, for tests under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-test"

#include "config.h"

#include "shell-fixture.h"

#include "kiosk-remote.h"
#include "kiosk-staff-pin.h"
#include "test-full-disk.h"

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <string.h>

static const char caf_home[] =
  "<html><head><title>CAF test page</title></head><body>"
  "<a id='inside' href='http://www.caf.fr/page2'>inside</a>"
  "<a id='outside' href='http://evil.example/'>outside</a>"
  "<a id='franceconnect' href='http://app.franceconnect.gouv.fr/'>FranceConnect</a>"
  "<a id='popup' target='_blank' href='http://www.caf.fr/page2'>popup</a>"
  "</body></html>";

void
add_pages (KioskTestServer *server)
{
  kiosk_test_server_add_page (server, "www.caf.fr", "/", caf_home, NULL);
  kiosk_test_server_add_page (server, "www.caf.fr", "/page2",
                              "<title>CAF page 2</title>", NULL);
  kiosk_test_server_add_page (server, "www.caf.fr", "/frame",
                              "<title>Page with a frame</title>"
                              "<iframe src='http://evil.example/frame'></iframe>", NULL);
  kiosk_test_server_add_page (server, "www.caf.fr", "/store",
                              "<script>localStorage.setItem('who', 'alice');"
                              "document.title = 'stored';</script>",
                              "visitor=alice; Path=/");
  kiosk_test_server_add_page (server, "www.caf.fr", "/read",
                              "<script>document.title = 'storage:' +"
                              " (localStorage.getItem('who') || 'empty') + ' cookie:' +"
                              " (document.cookie || 'empty');</script>", NULL);
  kiosk_test_server_add_page (server, "app.franceconnect.gouv.fr", "/",
                              "<title>FranceConnect</title>", NULL);
  kiosk_test_server_add_page (server, "evil.example", "/", "<title>Evil</title>", NULL);
  kiosk_test_server_add_page (server, "evil.example", "/frame", "<title>Evil</title>", NULL);
}

KioskApplication *
create_test_application (void)
{
  KioskApplication *application = kiosk_application_new ();
  static guint counter;
  g_autofree char *application_id = g_strdup_printf ("%s.Test%u", APP_ID, ++counter);

  /* Tests run the application in-process, one after the other; they must
   * not claim the well-known name of a real kiosk, nor each other's
   * object path.
   */
  g_application_set_application_id (G_APPLICATION (application), application_id);
  g_application_set_flags (G_APPLICATION (application),
                           G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  return application;
}

static void
session_ended_cb (KioskSessionManager *manager,
                  KioskEndReason       reason,
                  guint                seconds,
                  GArray              *end_reasons)
{
  int value = reason;

  g_array_append_val (end_reasons, value);
}

/* How the kiosk under test reaches the test server. */
typedef enum
{
  THROUGH_PROXY_HTTP,   /* http, through the proxy */
  THROUGH_PROXY_HTTPS,  /* https, through the proxy */
  DIRECT_HTTPS,         /* https, no proxy, names at the tests' resolver */
  CATALOGUE_HTTPS,      /* the default catalogue, https, through the proxy */
} Route;

/* The catalogue a station gets (data/kiosk.conf), whose sites the proxy
 * plays, with @extra_keys in its [Kiosk] group.
 */
static char *
write_catalogue_config (const char *proxy_uri,
                        const char *extra_keys)
{
  g_autofree char *path = g_build_filename (SOURCE_DATADIR, "kiosk.conf", NULL);
  g_autofree char *catalogue = NULL;
  g_autofree char *keys = NULL;
  g_auto(GStrv) parts = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &catalogue, NULL, &error);
  g_assert_no_error (error);
  parts = g_strsplit (catalogue, "\n[Kiosk]\n", 2);
  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  keys = g_strdup_printf ("%s\n[Kiosk]\nProxy=%s\n%s%s", parts[0], proxy_uri,
                          extra_keys != NULL ? extra_keys : "", parts[1]);
  return kiosk_test_write_file ("kiosk.conf", keys);
}

static void start_kiosk (ShellFixture *fixture,
                         const char   *config_path);

static void
setup_with_config (ShellFixture *fixture,
                   Route         route,
                   const char   *extra_keys)
{
  g_autofree char *config_path = NULL;

  fixture->server = kiosk_test_server_new ();
  add_pages (fixture->server);

  if (route == THROUGH_PROXY_HTTPS)
    {
      kiosk_test_server_serve_https (fixture->server);
      config_path = kiosk_test_write_https_config (fixture->server->proxy_uri, extra_keys);
    }
  else if (route == CATALOGUE_HTTPS)
    {
      kiosk_test_server_serve_https (fixture->server);
      config_path = write_catalogue_config (fixture->server->proxy_uri, extra_keys);
    }
  else if (route == DIRECT_HTTPS)
    {
      fixture->resolver = kiosk_test_resolver_new ();
      kiosk_test_resolver_add (fixture->resolver, "www.caf.fr", "127.0.0.1");
      kiosk_test_server_listen_https_directly (fixture->server);
      config_path = kiosk_test_write_https_config (NULL, extra_keys);
    }
  else
    config_path = kiosk_test_write_config (fixture->server->proxy_uri, extra_keys);
  start_kiosk (fixture, config_path);
}

/* The kiosk, its station and its window, on the config at @config_path. */
static void
start_kiosk (ShellFixture *fixture,
             const char   *config_path)
{
  g_autoptr(GError) error = NULL;

  fixture->config = kiosk_config_load (config_path, &error);
  g_assert_no_error (error);

  fixture->application = create_test_application ();
  g_application_register (G_APPLICATION (fixture->application), NULL, &error);
  g_assert_no_error (error);

  kiosk_application_start_station (fixture->application, fixture->config, NULL,
                                   g_get_user_state_dir ());
  fixture->window = kiosk_window_new (GTK_APPLICATION (fixture->application));
  gtk_window_present (GTK_WINDOW (fixture->window));

  fixture->end_reasons = g_array_new (FALSE, FALSE, sizeof (int));
  g_signal_connect (kiosk_window_get_session_manager (fixture->window), "session-ended",
                    G_CALLBACK (session_ended_cb), fixture->end_reasons);
}

static void
setup_with_keys (ShellFixture *fixture,
                 const char   *extra_keys)
{
  setup_with_config (fixture, THROUGH_PROXY_HTTP, extra_keys);
}

void
shell_setup (ShellFixture  *fixture,
             gconstpointer  data)
{
  setup_with_keys (fixture, NULL);
}

/* For tests whose data is the [Kiosk] keys they need, like short timeouts. */
void
shell_setup_with_keys (ShellFixture  *fixture,
                       gconstpointer  data)
{
  setup_with_keys (fixture, data);
}

/* Services on https, as on a station, with the [Kiosk] keys in @data (or
 * none): the pages come through the proxy's TLS, which only a test run
 * under tests/with-test-network trusts. Service workers, for one, need it.
 */
void
shell_setup_https (ShellFixture  *fixture,
                   gconstpointer  data)
{
  setup_with_config (fixture, THROUGH_PROXY_HTTPS, data);
}

/* The default catalogue, its sites played by the proxy over https, which
 * only a test run under tests/with-test-network trusts.
 */
void
shell_setup_catalogue (ShellFixture  *fixture,
                       gconstpointer  data)
{
  setup_with_config (fixture, CATALOGUE_HTTPS, data);
}

/* The same without a proxy, as on a station with direct access: the
 * kiosk looks www.caf.fr up at the tests' resolver (fixture->resolver),
 * which logs every name asked, and reaches the server on port 443.
 */
void
shell_setup_https_direct (ShellFixture  *fixture,
                          gconstpointer  data)
{
  setup_with_config (fixture, DIRECT_HTTPS, data);
}

/**
 * shell_restart_with_config:
 * @fixture: the fixture
 * @config_path: a config for the fixture's server, like an edited copy of
 *   kiosk_config_get_path (fixture->config)
 *
 * Stops the kiosk as the test left it, then starts it again on
 * @config_path, as an admin who changed a station's config restarts it.
 */
void
shell_restart_with_config (ShellFixture *fixture,
                           const char   *config_path)
{
  g_signal_handlers_disconnect_by_data (kiosk_window_get_session_manager (fixture->window),
                                        fixture->end_reasons);
  kiosk_application_stop_station (fixture->application);
  g_clear_pointer (&fixture->end_reasons, g_array_unref);
  g_clear_object (&fixture->application);
  g_clear_object (&fixture->config);
  fixture->window = NULL;
  start_kiosk (fixture, config_path);
}

void
shell_teardown (ShellFixture  *fixture,
                gconstpointer  data)
{
  /* As when the kiosk stops: its window goes, its session is wiped (a
   * test may have stopped it already).
   */
  if (fixture->application != NULL)
    kiosk_application_stop_station (fixture->application);
  g_clear_pointer (&fixture->end_reasons, g_array_unref);
  g_clear_object (&fixture->application);
  g_clear_object (&fixture->config);
  g_clear_pointer (&fixture->server, kiosk_test_server_free);
  g_clear_pointer (&fixture->resolver, kiosk_test_resolver_free);
}

/**
 * write_staff_pin_file:
 *
 * Writes SHELL_STAFF_PIN's hash into the test's config folder, as
 * `pimms-kiosk-admin set-pin` would.
 *
 * Returns: (transfer full): the file's path, for StaffPinFile=
 */
char *
write_staff_pin_file (void)
{
  char *pin_path = g_build_filename (g_get_user_config_dir (), "staff-pin", NULL);
  g_autofree char *hash = NULL;
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (g_get_user_config_dir (), 0700);
  hash = kiosk_staff_pin_hash (SHELL_STAFF_PIN, &error);
  g_assert_no_error (error);
  g_assert_true (kiosk_staff_pin_write_file (pin_path, hash, &error));
  g_assert_no_error (error);
  return pin_path;
}

/* A station whose staff PIN is SHELL_STAFF_PIN, plus the [Kiosk] keys (or
 * groups) in @data.
 */
void
shell_setup_with_staff_pin (ShellFixture  *fixture,
                            gconstpointer  data)
{
  g_autofree char *pin_path = write_staff_pin_file ();
  g_autofree char *keys = NULL;

  keys = g_strdup_printf ("StaffPinFile=%s\n%s", pin_path, data != NULL ? (char *) data : "");
  setup_with_keys (fixture, keys);
}

/* Presses @pin's digits and then the check key of the panel's keypad. */
void
type_on_the_keypad (KioskStaffPanel *panel,
                    const char      *pin)
{
  for (const char *c = pin; *c != '\0'; c++)
    {
      char digit[2] = { *c, '\0' };

      gtk_widget_activate_action (GTK_WIDGET (panel), "staff.digit", "s", digit);
    }
  gtk_widget_activate_action (GTK_WIDGET (panel), "staff.submit", NULL);
}

WebKitWebView *
fixture_get_web_view (ShellFixture *fixture)
{
  KioskUserSession *user_session = kiosk_window_get_user_session (fixture->window);

  g_assert_nonnull (user_session);
  return kiosk_user_session_get_web_view (user_session);
}

typedef struct
{
  StringGetter  get;
  gpointer      object;
  const char   *expected;
} StringWait;

static gboolean
string_is_expected (gpointer user_data)
{
  StringWait *wait = user_data;

  return g_strcmp0 (wait->get (wait->object), wait->expected) == 0;
}

void
assert_string_becomes_within (StringGetter  get,
                              gpointer      object,
                              const char   *expected,
                              const char   *what,
                              guint         seconds)
{
  StringWait wait = { get, object, expected };

  if (!kiosk_test_wait_until (string_is_expected, &wait, seconds))
    g_error ("The %s stayed “%s” instead of becoming “%s”", what, get (object), expected);
}

void
assert_string_becomes (StringGetter  get,
                       gpointer      object,
                       const char   *expected,
                       const char   *what)
{
  assert_string_becomes_within (get, object, expected, what, LOAD_TIMEOUT);
}

void
assert_title_becomes (WebKitWebView *web_view,
                      const char    *title)
{
  assert_string_becomes ((StringGetter) webkit_web_view_get_title, web_view, title,
                         "page title");
}

void
assert_page_becomes (KioskWindow *window,
                     const char  *page)
{
  assert_string_becomes ((StringGetter) kiosk_window_get_page, window, page, "window page");
}

typedef struct
{
  gboolean  done;
  GError   *error;
  char     *result;
} ScriptRun;

static void
script_finished_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  ScriptRun *run = user_data;
  g_autoptr(JSCValue) value = NULL;

  value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (source), result,
                                                      &run->error);
  if (value != NULL)
    run->result = jsc_value_to_string (value);
  run->done = TRUE;
}

static gboolean
script_is_done (gpointer user_data)
{
  ScriptRun *run = user_data;

  return run->done;
}

/**
 * evaluate_in_world_to_string:
 * @web_view: a view with a page
 * @world: (nullable): the script world it runs in; %NULL for the page's own
 * @script: JavaScript run in the page
 *
 * Returns: (transfer full): what @script evaluated to, as a string
 */
char *
evaluate_in_world_to_string (WebKitWebView *web_view,
                             const char    *world,
                             const char    *script)
{
  ScriptRun run = { FALSE, NULL, NULL };

  webkit_web_view_evaluate_javascript (web_view, script, -1, world, NULL, NULL,
                                       script_finished_cb, &run);
  g_assert_true (kiosk_test_wait_until (script_is_done, &run, LOAD_TIMEOUT));
  g_assert_no_error (run.error);
  return run.result;
}

char *
evaluate_to_string (WebKitWebView *web_view,
                    const char    *script)
{
  return evaluate_in_world_to_string (web_view, NULL, script);
}

void
run_script (WebKitWebView *web_view,
            const char    *script)
{
  g_free (evaluate_to_string (web_view, script));
}

typedef struct
{
  gboolean    done;
  GdkTexture *texture;
} Snapshot;

static void
snapshot_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Snapshot *snapshot = user_data;

  snapshot->texture = webkit_web_view_get_snapshot_finish (WEBKIT_WEB_VIEW (source), result,
                                                           NULL);
  snapshot->done = TRUE;
}

static gboolean
snapshot_is_done (gpointer user_data)
{
  Snapshot *snapshot = user_data;

  return snapshot->done;
}

/**
 * count_view_pixels:
 * @web_view: a view with a page
 * @from_y: the first row looked at
 * @test: which colours count
 *
 * Returns: how many pixels of what the view shows, from @from_y down,
 *   are of a colour @test accepts
 */
guint
count_view_pixels (WebKitWebView *web_view,
                   int            from_y,
                   PixelTest      test)
{
  Snapshot snapshot = { FALSE, NULL };
  g_autofree guchar *pixels = NULL;
  int width, height;
  guint count = 0;

  webkit_web_view_get_snapshot (web_view, WEBKIT_SNAPSHOT_REGION_VISIBLE,
                                WEBKIT_SNAPSHOT_OPTIONS_NONE, NULL, snapshot_cb, &snapshot);
  g_assert_true (kiosk_test_wait_until (snapshot_is_done, &snapshot, LOAD_TIMEOUT));
  if (snapshot.texture == NULL)
    return 0;

  width = gdk_texture_get_width (snapshot.texture);
  height = gdk_texture_get_height (snapshot.texture);
  pixels = g_malloc ((gsize) width * height * 4);
  /* In memory: blue, green, red, alpha (Cairo's native ARGB). */
  gdk_texture_download (snapshot.texture, pixels, (gsize) width * 4);
  g_object_unref (snapshot.texture);

  for (int y = MAX (from_y, 0); y < height; y++)
    {
      for (int x = 0; x < width; x++)
        {
          const guchar *pixel = pixels + ((gsize) y * width + x) * 4;

          if (test (pixel[2], pixel[1], pixel[0]))
            count++;
        }
    }
  return count;
}

/**
 * count_widget_pixels:
 * @widget: a widget on screen, with what it holds (a web view draws its page)
 * @test: which colours count
 *
 * Returns: how many pixels of @widget, as GTK draws it, are of a colour
 *   @test accepts
 */
guint
count_widget_pixels (GtkWidget *widget,
                     PixelTest  test)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *pixels = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  guint count = 0;

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return 0;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  width = gdk_texture_get_width (texture);
  height = gdk_texture_get_height (texture);
  pixels = g_malloc ((gsize) width * height * 4);
  gdk_texture_download (texture, pixels, (gsize) width * 4);
  for (gsize i = 0; i < (gsize) width * height; i++)
    {
      const guchar *pixel = pixels + i * 4;

      if (test (pixel[2], pixel[1], pixel[0]))
        count++;
    }
  return count;
}

int
natural_width (GtkWidget *widget)
{
  int natural = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  return natural;
}

typedef struct
{
  GtkWidget *widget;
  int        width;
  gboolean   equal;
} WidthWait;

static gboolean
width_reached (gpointer user_data)
{
  WidthWait *wait = user_data;

  return (natural_width (wait->widget) == wait->width) == wait->equal;
}

/**
 * wait_for_natural_width_change:
 * @widget: a widget whose style is about to change
 * @width: its natural width before
 *
 * A new style is applied at the next frame, which a loaded machine may
 * draw late: waits for it.
 *
 * Returns: the new natural width
 */
int
wait_for_natural_width_change (GtkWidget *widget,
                               int        width)
{
  WidthWait wait = { widget, width, FALSE };

  if (!kiosk_test_wait_until (width_reached, &wait, LOAD_TIMEOUT))
    g_error ("The natural width of %s stayed %d px", G_OBJECT_TYPE_NAME (widget), width);
  return natural_width (widget);
}

void
assert_natural_width_becomes (GtkWidget *widget,
                              int        width)
{
  WidthWait wait = { widget, width, TRUE };

  if (!kiosk_test_wait_until (width_reached, &wait, LOAD_TIMEOUT))
    g_error ("The natural width of %s is %d px, not %d", G_OBJECT_TYPE_NAME (widget),
             natural_width (widget), width);
}

static gboolean
is_laid_out (gpointer widget)
{
  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0;
}

void
click_in_the_middle_of (GtkWidget *widget)
{
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;
  graphene_point_t center;
  graphene_point_t middle;

  /* A widget just shown has its place at the next frame. */
  if (!kiosk_test_wait_until (is_laid_out, widget, LOAD_TIMEOUT))
    g_error ("%s was never laid out, to click on", G_OBJECT_TYPE_NAME (widget));
  center = GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2,
                                gtk_widget_get_height (widget) / 2);

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (gtk_widget_get_root (widget)),
                                           &center, &middle));
  x = g_strdup_printf ("%d", (int) middle.x);
  y = g_strdup_printf ("%d", (int) middle.y);

  /* Without a window manager, the window sits at the top left of Xvfb. */
  xdotool ("mousemove", x, y, "click", "1", NULL);
}

/* A widget by its name, as tiles are named after their service. */
GtkWidget *
find_widget_named (GtkWidget  *widget,
                   const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget_named (child, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/**
 * window_widget_named:
 * @fixture: the fixture
 * @name: a widget name the window's screens give
 *
 * Returns: (transfer none): the widget of the fixture's window so named;
 *   fails the test when there is none
 */
GtkWidget *
window_widget_named (ShellFixture *fixture,
                     const char   *name)
{
  GtkWidget *widget = find_widget_named (GTK_WIDGET (fixture->window), name);

  if (widget == NULL)
    g_error ("The window has no widget named “%s”", name);
  return widget;
}

/* The button of the window that does @action and that a person can see
 * now: the toolbar's, a question's.
 */
static GtkWidget *
find_shown_button (GtkWidget  *widget,
                   const char *action)
{
  if (!gtk_widget_get_visible (widget))
    return NULL;
  if (GTK_IS_ACTIONABLE (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0 &&
      gtk_widget_is_drawable (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_last_child (widget); child != NULL;
       child = gtk_widget_get_prev_sibling (child))
    {
      GtkWidget *found = find_shown_button (child, action);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/**
 * window_button_for:
 * @fixture: the fixture
 * @action: a detailed action name, like "app.home"
 *
 * Returns: (transfer none): the button on screen that does @action; fails
 *   the test when none is shown
 */
/**
 * load_caf_page:
 * @fixture: a fixture whose server has the page
 * @path: the page's path on www.caf.fr
 * @title: its title, which shows once it is loaded
 *
 * Opens the CAF service and loads that page of it.
 *
 * Returns: (transfer none): the session's view, with the page
 */
WebKitWebView *
load_caf_page (ShellFixture *fixture,
               const char   *path,
               const char   *title)
{
  g_autofree char *address = g_strconcat ("http://www.caf.fr", path, NULL);
  WebKitWebView *web_view;

  open_caf (fixture);
  web_view = fixture_get_web_view (fixture);
  webkit_web_view_load_uri (web_view, address);
  assert_title_becomes (web_view, title);
  return web_view;
}

GtkWidget *
window_button_for (ShellFixture *fixture,
                   const char   *action)
{
  GtkWidget *button = NULL;

  /* A question just asked is drawn at the next frame. */
  for (guint attempt = 0; attempt < 50 && button == NULL; attempt++)
    {
      button = find_shown_button (GTK_WIDGET (fixture->window), action);
      if (button == NULL)
        kiosk_test_spin (20);
    }
  if (button == NULL)
    g_error ("No button on screen does %s", action);
  return button;
}

static gboolean
a_question_is_asked (gpointer window)
{
  return kiosk_window_get_question (window) != NULL;
}

static gboolean
another_question_is_asked (gpointer window)
{
  return g_strcmp0 (kiosk_window_get_question (window), "end-session") != 0;
}

/**
 * assert_a_page_cannot_trap:
 * @fixture: the fixture
 * @address: a page of www.caf.fr that raises @question again and again
 *   (a loop of window.print(), of fetch() on a page that asks a password)
 * @question: what kiosk_window_get_question() calls that question
 * @cancel_action: the action of its Cancel button
 *
 * A resident who says no twice is asked no more by that page; while it
 * asks, Home and "End my session" are there and work, answering no.
 */
void
assert_a_page_cannot_trap (ShellFixture *fixture,
                           const char   *address,
                           const char   *question,
                           const char   *cancel_action)
{
  WebKitWebView *web_view = fixture_get_web_view (fixture);
  GtkWidget *home;
  GtkWidget *end;

  webkit_web_view_load_uri (web_view, address);
  assert_question_becomes (fixture->window, question);

  /* The page's question never greys out the way out. */
  home = window_button_for (fixture, "app.home");
  end = window_button_for (fixture, "win.ask-end-session");
  g_assert_true (gtk_widget_is_sensitive (home));
  g_assert_true (gtk_widget_is_sensitive (end));

  /* No, and no again: the page goes on asking, the kiosk stops showing it. */
  click_in_the_middle_of (window_button_for (fixture, cancel_action));
  assert_question_becomes (fixture->window, NULL);
  assert_question_becomes (fixture->window, question);
  click_in_the_middle_of (window_button_for (fixture, cancel_action));
  assert_question_becomes (fixture->window, NULL);
  g_assert_false (kiosk_test_wait_until (a_question_is_asked, fixture->window, 3));
  g_assert_cmpstr (kiosk_window_get_page (fixture->window), ==, "browser");

  /* The page loaded again asks again; Home, clicked, leaves it and its
   * question, for good.
   */
  webkit_web_view_reload (web_view);
  assert_question_becomes (fixture->window, question);
  click_in_the_middle_of (window_button_for (fixture, "app.home"));
  assert_page_becomes (fixture->window, "home");
  g_assert_null (kiosk_window_get_question (fixture->window));
  g_assert_false (kiosk_test_wait_until (a_question_is_asked, fixture->window, 2));

  /* "End my session", clicked while the page asks, is asked itself. */
  open_caf (fixture);
  webkit_web_view_load_uri (web_view, address);
  assert_question_becomes (fixture->window, question);
  click_in_the_middle_of (window_button_for (fixture, "win.ask-end-session"));
  assert_question_becomes (fixture->window, "end-session");
  g_assert_false (kiosk_test_wait_until (another_question_is_asked, fixture->window, 2));
  click_in_the_middle_of (window_button_for (fixture, "win.confirm-end-session"));
  assert_page_becomes (fixture->window, "ended");
}

static gboolean
window_has_a_session (gpointer window)
{
  return kiosk_window_get_user_session (window) != NULL;
}

void
open_caf (ShellFixture *fixture)
{
  KioskService *caf = kiosk_config_lookup_service (fixture->config, "caf");

  /* After an end, the next session comes once the last one is wiped: a
   * tap before that opens nothing, as for a resident.
   */
  g_assert_true (kiosk_test_wait_until (window_has_a_session, fixture->window, LOAD_TIMEOUT));
  kiosk_window_open_service (fixture->window, caf);
  assert_title_becomes (fixture_get_web_view (fixture), "CAF test page");
  g_assert_cmpstr (kiosk_window_get_page (fixture->window), ==, "browser");
}


static const char *
window_question (gpointer window)
{
  return kiosk_window_get_question (window);
}


void
assert_question_becomes (KioskWindow *window,
                         const char  *question)
{
  assert_string_becomes (window_question, window, question, "question on screen");
}


/* The button under @widget that activates @action, as a person sees it. */
GtkWidget *
find_action_button (GtkWidget  *widget,
                    const char *action)
{
  if (GTK_IS_ACTIONABLE (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_button (child, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

void
activate (ShellFixture *fixture,
          const char   *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), action, NULL));
}


void
move_pointer (int x,
              int y)
{
  g_autofree char *x_text = g_strdup_printf ("%d", x);
  g_autofree char *y_text = g_strdup_printf ("%d", y);

  xdotool ("mousemove", x_text, y_text, NULL);
}


void
xdotool (const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  va_list args;
  int status;

  g_ptr_array_add (argv, "xdotool");
  va_start (args, first);
  for (const char *word = first; word != NULL; word = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) word);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}


void
load_test_page (ShellFixture *fixture,
                const char   *path,
                const char   *html,
                const char   *title)
{
  g_autofree char *address = g_strconcat ("http://www.caf.fr", path, NULL);

  kiosk_test_server_add_page (fixture->server, "www.caf.fr", path, html, NULL);
  open_caf (fixture);
  webkit_web_view_load_uri (fixture_get_web_view (fixture), address);
  assert_title_becomes (fixture_get_web_view (fixture), title);
}

static cairo_status_t
append_to_bytes (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/**
 * make_pdf:
 * @n_pages: how many pages
 * @text: what each page says, after its number
 *
 * Returns: (transfer full): a real PDF document, drawn with cairo
 */
GBytes *
make_pdf (guint       n_pages,
          const char *text)
{
  GByteArray *bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_t *cr;

  surface = cairo_pdf_surface_create_for_stream (append_to_bytes, bytes, 595, 842);
  cr = cairo_create (surface);
  cairo_set_font_size (cr, 28);
  for (guint i = 1; i <= n_pages; i++)
    {
      g_autofree char *line = g_strdup_printf ("%u — %s", i, text);

      cairo_move_to (cr, 72, 144);
      cairo_show_text (cr, line);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);

  return g_byte_array_free_to_bytes (bytes);
}

static KioskUsageCounter *
usage_counter_of (ShellFixture *fixture)
{
  return kiosk_session_manager_get_usage_counter (
    kiosk_window_get_session_manager (fixture->window));
}

/**
 * end_the_session_on_a_full_disk:
 * @fixture: a fixture whose resident is using the station
 *
 * The disk of the usage database fills up, and the resident's session
 * ends: its counts cannot be written, and the kiosk warns, once, that its
 * counting is paused. The disk stays full until free_up_the_disk().
 *
 * Returns: %FALSE when this SQLite cannot be made to fail, and the test
 *   is skipped
 */
gboolean
end_the_session_on_a_full_disk (ShellFixture *fixture)
{
  fixture->full_disk_syscall = kiosk_test_full_disk_install ();
  if (fixture->full_disk_syscall == NULL)
    {
      g_test_skip ("this SQLite does not write with pwrite()");
      return FALSE;
    }
  kiosk_test_full_disk_fill (ENOSPC, 0);

  g_test_expect_message ("kiosk-usage-counter", G_LOG_LEVEL_WARNING,
                         "Usage counting is paused, counts wait in memory: *is full*");
  kiosk_window_end_session (fixture->window, KIOSK_END_LOGOUT);
  kiosk_usage_counter_flush (usage_counter_of (fixture));
  g_test_assert_expected_messages ();
  return TRUE;
}

/* There is room again: the kiosk writes what it kept, at once here
 * rather than a second later.
 */
void
free_up_the_disk (ShellFixture *fixture)
{
  kiosk_test_full_disk_free_up ();
  kiosk_usage_counter_flush (usage_counter_of (fixture));
  kiosk_test_full_disk_uninstall (fixture->full_disk_syscall);
  fixture->full_disk_syscall = NULL;
}

static GLogWriterOutput
drop_colord_warning (GLogLevelFlags   log_level,
                     const GLogField *fields,
                     gsize            n_fields,
                     gpointer         user_data)
{
  /* GTK's CUPS backend, loaded once a session is in use, warns that it
   * cannot reach colord, the colour manager on the system bus, which the
   * test machine does not run; any other warning still fails the test.
   */
  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_strcmp0 (fields[i].key, "MESSAGE") == 0 && fields[i].length < 0 &&
          g_str_has_prefix (fields[i].value, "failed to contact colord"))
        return G_LOG_WRITER_HANDLED;
    }
  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

/**
 * shell_tests_init:
 *
 * What every shell suite does first, before g_test_init(): speak as a
 * station without a language, and let the machine's missing colour
 * manager go unremarked.
 */
void
shell_tests_init (void)
{
  g_log_set_writer_func (drop_colord_warning, NULL, NULL);
  speak_as_a_station_without_a_language ();
}

/**
 * speak_as_a_station_without_a_language:
 *
 * As on a station whose system has no language set: the kiosk speaks
 * French, and asks sites for French. Call before g_test_init().
 */
void
speak_as_a_station_without_a_language (void)
{
  g_unsetenv ("LC_ALL");
  g_unsetenv ("LC_MESSAGES");
  g_unsetenv ("LANG");
  g_unsetenv ("LANGUAGE");
  kiosk_application_setup_locale ();
}

void
kiosk_api_answer_clear (KioskApiAnswer *answer)
{
  g_free (answer->body);
}

typedef struct
{
  GBytes  *body;
  GError  *error;
  gboolean done;
} Exchange;

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Exchange *exchange = user_data;

  exchange->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result,
                                                      &exchange->error);
  exchange->done = TRUE;
}

static gboolean
exchange_is_done (gpointer user_data)
{
  return ((Exchange *) user_data)->done;
}

/* Asks the station's API (RemoteListen on 127.0.0.1, over http) as the
 * desk console would, the kiosk's main loop running meanwhile; @token and
 * @json may be %NULL.
 */
KioskApiAnswer
ask_station_api (ShellFixture *fixture,
                 const char   *method,
                 const char   *path,
                 const char   *token,
                 const char   *json)
{
  guint port = kiosk_remote_get_port (kiosk_window_get_remote (fixture->window));
  g_autofree char *uri = g_strdup_printf ("http://127.0.0.1:%u%s", port, path);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) message = soup_message_new (method, uri);
  Exchange exchange = { NULL, NULL, FALSE };
  KioskApiAnswer answer = { 0, NULL };

  if (token != NULL)
    {
      g_autofree char *authorization = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (message),
                                    "Authorization", authorization);
    }
  if (json != NULL)
    {
      g_autoptr(GBytes) body = g_bytes_new (json, strlen (json));

      soup_message_set_request_body_from_bytes (message, "application/json", body);
    }

  soup_session_send_and_read_async (session, message, G_PRIORITY_DEFAULT, NULL, sent_cb,
                                    &exchange);
  g_assert_true (kiosk_test_wait_until (exchange_is_done, &exchange, LOAD_TIMEOUT));
  g_assert_no_error (exchange.error);

  answer.status = soup_message_get_status (message);
  answer.body = g_strndup (g_bytes_get_data (exchange.body, NULL),
                           g_bytes_get_size (exchange.body));
  g_bytes_unref (exchange.body);
  return answer;
}

static void
chime_done_cb (gboolean *heard,
               gboolean  played)
{
  *heard = played;
}

/**
 * watch_chime:
 * @chime: a chime about to play
 * @heard: set to whether its next tune reached a sound device
 */
void
watch_chime (KioskChime *chime,
             gboolean   *heard)
{
  g_signal_connect_swapped (chime, "done", G_CALLBACK (chime_done_cb), heard);
}

/**
 * usage_sum_cb:
 * @row: a row of the usage store
 * @user_data: a #UsageSum, which adds up its metric's rows
 */
gboolean
usage_sum_cb (const KioskUsageRow *row,
              gpointer             user_data)
{
  UsageSum *sum = user_data;

  if (g_strcmp0 (row->metric, sum->metric) == 0 &&
      (sum->key == NULL || g_strcmp0 (row->key, sum->key) == 0))
    {
      sum->count += row->count;
      sum->max_hour = MAX (sum->max_hour, row->hour);
    }
  return TRUE;
}

/**
 * forget_usage:
 *
 * Removes the usage store, so that a test counts from nothing.
 */
void
forget_usage (void)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };
  g_autofree char *path = g_build_filename (g_get_user_state_dir (), "usage.db", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

/**
 * count_usage:
 * @fixture: (nullable): the kiosk, whose counts are written first, or
 *   %NULL to read the store as it is
 * @metric: a metric
 * @key: (nullable): one of its keys, or %NULL for all
 *
 * Returns: what a report would read now
 */
gint64
count_usage (ShellFixture *fixture,
             const char   *metric,
             const char   *key)
{
  g_autofree char *path = g_build_filename (g_get_user_state_dir (), "usage.db", NULL);
  g_autoptr(KioskUsageStore) store = NULL;
  g_autoptr(GError) error = NULL;
  UsageSum sum = { metric, key, 0, 0 };

  if (fixture != NULL)
    kiosk_usage_counter_flush (kiosk_session_manager_get_usage_counter (
                                 kiosk_window_get_session_manager (fixture->window)));

  /* Nothing counted yet: no database yet. */
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return 0;

  store = kiosk_usage_store_open_read_only (path, &error);
  g_assert_no_error (error);
  g_assert_true (kiosk_usage_store_foreach (store, NULL, usage_sum_cb, &sum, &error));
  g_assert_no_error (error);
  return sum.count;
}
