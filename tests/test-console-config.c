/* test-console-config.c — the desk console's config: a good file, and every mistake
 * reported with its file, line and key, all at once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-test"

#include "config.h"

#include "kiosk-console-config.h"
#include "kiosk-files.h"
#include "test-utils.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define TOKEN "0123456789abcdef0123456789abcdef"

typedef struct
{
  char *dir;
  char *token;
  char *open_token;
  char *certificate;
  char *fifo;
  char *token_link;
  char *certificate_link;
  char *large;
} Fixture;

static char *
write_with_mode (Fixture    *fixture,
                 const char *name,
                 const char *contents,
                 int         mode)
{
  char *path = g_build_filename (fixture->dir, name, NULL);

  g_assert_true (g_file_set_contents_full (path, contents, -1, G_FILE_SET_CONTENTS_NONE, mode,
                                           NULL));
  g_assert_cmpint (g_chmod (path, mode), ==, 0);
  return path;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *source = g_build_filename (g_getenv ("KIOSK_SOURCE_DIR"), "tests", "data",
                                              "self-signed.pem", NULL);
  g_autofree char *pem = NULL;
  g_autofree char *padding = NULL;
  const char *key;

  fixture->dir = g_dir_make_tmp ("console-config-XXXXXX", NULL);
  g_assert_nonnull (fixture->dir);
  fixture->token = write_with_mode (fixture, "gare-01.token", TOKEN "\n", 0600);
  fixture->open_token = write_with_mode (fixture, "open.token", TOKEN "\n", 0644);

  g_assert_true (g_file_get_contents (source, &pem, NULL, NULL));
  key = strstr (pem, "-----BEGIN PRIVATE KEY-----");
  g_assert_nonnull (key);
  *(char *) key = '\0';
  fixture->certificate = write_with_mode (fixture, "gare-01.crt", pem, 0644);

  /* What TokenFile or Certificate may name by mistake: none may block or
   * swamp the console.
   */
  fixture->fifo = g_build_filename (fixture->dir, "fifo", NULL);
  g_assert_cmpint (mkfifo (fixture->fifo, 0600), ==, 0);
  fixture->token_link = g_build_filename (fixture->dir, "token-link", NULL);
  g_assert_cmpint (symlink (fixture->token, fixture->token_link), ==, 0);
  fixture->certificate_link = g_build_filename (fixture->dir, "certificate-link", NULL);
  g_assert_cmpint (symlink (fixture->certificate, fixture->certificate_link), ==, 0);
  padding = g_strnfill (256 * 1024 + 1, 'a');
  fixture->large = write_with_mode (fixture, "large", padding, 0600);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  kiosk_files_remove_tree (fixture->dir, NULL);
  g_free (fixture->dir);
  g_free (fixture->token);
  g_free (fixture->open_token);
  g_free (fixture->certificate);
  g_free (fixture->fifo);
  g_free (fixture->token_link);
  g_free (fixture->certificate_link);
  g_free (fixture->large);
}

/* Replaces the @NAME@ of a file of the fixture's in @text by its path. */
static void
replace_paths (Fixture *fixture,
               GString *text)
{
  g_string_replace (text, "@TOKEN@", fixture->token, 0);
  g_string_replace (text, "@OPEN@", fixture->open_token, 0);
  g_string_replace (text, "@CERT@", fixture->certificate, 0);
  g_string_replace (text, "@FIFO@", fixture->fifo, 0);
  g_string_replace (text, "@TOKEN_LINK@", fixture->token_link, 0);
  g_string_replace (text, "@CERT_LINK@", fixture->certificate_link, 0);
  g_string_replace (text, "@LARGE@", fixture->large, 0);
}

static char *
write_config (Fixture    *fixture,
              const char *text)
{
  g_autoptr(GString) contents = g_string_new (text);

  replace_paths (fixture, contents);
  return write_with_mode (fixture, "console.conf", contents->str, 0644);
}

static void
test_good_file (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = write_config (fixture,
                                        "# The desk at the station\n"
                                        "[Console]\n"
                                        "RefreshSeconds=10\n"
                                        "Catalogue=/etc/pimms-kiosk/kiosk.conf\n"
                                        "\n"
                                        "[Station gare-01]\n"
                                        "Url=https://192.168.1.21:8765\n"
                                        "TokenFile=@TOKEN@\n"
                                        "Certificate=@CERT@\n"
                                        "\n"
                                        "[Station gare-02]\n"
                                        "Url=http://poste-02.local:8765/\n"
                                        "TokenFile=@TOKEN@\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskConsoleConfig) config = kiosk_console_config_load (path, &error);
  GPtrArray *stations;
  KioskConsoleStation *first, *second;

  g_assert_no_error (error);
  g_assert_cmpstr (kiosk_console_config_get_path (config), ==, path);
  g_assert_cmpuint (kiosk_console_config_get_refresh_seconds (config), ==, 10);
  g_assert_cmpstr (kiosk_console_config_get_catalogue (config), ==,
                   "/etc/pimms-kiosk/kiosk.conf");
  stations = kiosk_console_config_get_stations (config);
  g_assert_cmpuint (stations->len, ==, 2);
  first = g_ptr_array_index (stations, 0);
  second = g_ptr_array_index (stations, 1);
  g_assert_cmpstr (first->id, ==, "gare-01");
  g_assert_cmpstr (first->url, ==, "https://192.168.1.21:8765");
  g_assert_cmpstr (first->token, ==, TOKEN);
  g_assert_true (g_str_has_prefix (first->certificate_pem, "# A self-signed"));
  g_assert_cmpstr (second->id, ==, "gare-02");
  g_assert_null (second->certificate_pem);
}

static void
test_defaults (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *path = write_config (fixture, "[Station a]\nUrl=http://10.0.0.1:8765\n"
                                                 "TokenFile=@TOKEN@\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskConsoleConfig) config = kiosk_console_config_load (path, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (kiosk_console_config_get_refresh_seconds (config), ==, 5);
  g_assert_null (kiosk_console_config_get_catalogue (config));
  /* Who takes a call from this console: the desktop user, without Name=. */
  g_assert_nonnull (kiosk_console_config_get_mediator_name (config));
  g_assert_cmpstr (kiosk_console_config_get_mediator_name (config), !=, "");
}

typedef struct
{
  const char *name;
  const char *text;
  int         code;
  const char *message;   /* after the file name */
} BadCase;

#define STATION "[Station a]\nUrl=http://10.0.0.1:8765\nTokenFile=@TOKEN@\n"

static const BadCase bad_cases[] = {
  { "no-station", "[Console]\nRefreshSeconds=5\n", KIOSK_CONSOLE_CONFIG_ERROR_NO_STATION,
    ":0: no [Station ID] group" },
  { "syntax", STATION "this is not a key\n", KIOSK_CONSOLE_CONFIG_ERROR_SYNTAX,
    ":4: syntax error" },
  { "refresh-too-fast", "[Console]\nRefreshSeconds=1\n\n" STATION,
    KIOSK_CONSOLE_CONFIG_ERROR_INVALID_VALUE, ":2: [Console] RefreshSeconds: “1” is not" },
  { "refresh-too-slow", "[Console]\nRefreshSeconds=301\n\n" STATION,
    KIOSK_CONSOLE_CONFIG_ERROR_INVALID_VALUE, ":2: [Console] RefreshSeconds: " },
  { "refresh-not-a-number", "[Console]\nRefreshSeconds=soon\n\n" STATION,
    KIOSK_CONSOLE_CONFIG_ERROR_INVALID_VALUE, ":2: [Console] RefreshSeconds: " },
  { "name-too-long",
    "[Console]\nName=Sonia Sonia Sonia Sonia Sonia Sonia Sonia Sonia Sonia Sonia S\n\n" STATION,
    KIOSK_CONSOLE_CONFIG_ERROR_INVALID_VALUE,
    ":2: [Console] Name: a name of 1 to 60 characters on one line" },
  { "name-on-two-lines", "[Console]\nName=Sonia\\nKarim\n\n" STATION,
    KIOSK_CONSOLE_CONFIG_ERROR_INVALID_VALUE, ":2: [Console] Name: a name of 1 to 60" },
  { "unknown-key", "[Console]\nRefresh=5\n\n" STATION, KIOSK_CONSOLE_CONFIG_ERROR_UNKNOWN_KEY,
    ":2: [Console] Refresh: unknown key" },
  { "unknown-group", STATION "\n[Stations b]\nUrl=http://10.0.0.2:8765\n",
    KIOSK_CONSOLE_CONFIG_ERROR_UNKNOWN_GROUP, ":5: [Stations b]: unknown group" },
  { "bad-id", "[Station gare 01]\nUrl=http://10.0.0.1:8765\nTokenFile=@TOKEN@\n",
    KIOSK_CONSOLE_CONFIG_ERROR_INVALID_VALUE, ":1: [Station gare 01]: a station id" },
  { "no-url", "[Station a]\nTokenFile=@TOKEN@\n", KIOSK_CONSOLE_CONFIG_ERROR_MISSING_KEY,
    ":1: [Station a] Url: this key is required" },
  { "url-scheme", "[Station a]\nUrl=ftp://10.0.0.1:8765\nTokenFile=@TOKEN@\n",
    KIOSK_CONSOLE_CONFIG_ERROR_INVALID_VALUE, ":2: [Station a] Url: “ftp://10.0.0.1:8765”" },
  { "url-path", "[Station a]\nUrl=http://10.0.0.1:8765/api/v1\nTokenFile=@TOKEN@\n",
    KIOSK_CONSOLE_CONFIG_ERROR_INVALID_VALUE, ":2: [Station a] Url: " },
  { "url-query", "[Station a]\nUrl=http://10.0.0.1:8765?x=1\nTokenFile=@TOKEN@\n",
    KIOSK_CONSOLE_CONFIG_ERROR_INVALID_VALUE, ":2: [Station a] Url: " },
  { "url-userinfo", "[Station a]\nUrl=http://admin:pw@10.0.0.1:8765\nTokenFile=@TOKEN@\n",
    KIOSK_CONSOLE_CONFIG_ERROR_INVALID_VALUE, ":2: [Station a] Url: " },
  { "url-without-port", "[Station a]\nUrl=http://10.0.0.1\nTokenFile=@TOKEN@\n",
    KIOSK_CONSOLE_CONFIG_ERROR_INVALID_VALUE, ":2: [Station a] Url: " },
  { "duplicate-url", STATION "\n[Station b]\nUrl=http://10.0.0.1:8765/\nTokenFile=@TOKEN@\n",
    KIOSK_CONSOLE_CONFIG_ERROR_DUPLICATE_URL,
    ":6: [Station b] Url: http://10.0.0.1:8765/ is already the address of [Station a]" },
  { "no-token-file", "[Station a]\nUrl=http://10.0.0.1:8765\n",
    KIOSK_CONSOLE_CONFIG_ERROR_MISSING_KEY, ":1: [Station a] TokenFile: this key is required" },
  { "token-file-relative", "[Station a]\nUrl=http://10.0.0.1:8765\nTokenFile=token\n",
    KIOSK_CONSOLE_CONFIG_ERROR_INVALID_VALUE, ":3: [Station a] TokenFile: “token” is not an" },
  { "token-file-missing", "[Station a]\nUrl=http://10.0.0.1:8765\nTokenFile=/nonexistent/t\n",
    KIOSK_CONSOLE_CONFIG_ERROR_INVALID_VALUE, ":3: [Station a] TokenFile: Could not read" },
  { "token-file-others-may-read", "[Station a]\nUrl=http://10.0.0.1:8765\nTokenFile=@OPEN@\n",
    KIOSK_CONSOLE_CONFIG_ERROR_INVALID_VALUE, ":3: [Station a] TokenFile: The station API "
    "token file @OPEN@ may be read or changed by other users" },
  /* A FIFO once blocked the console: it is refused without a wait. */
  { "token-file-fifo", "[Station a]\nUrl=http://10.0.0.1:8765\nTokenFile=@FIFO@\n",
    KIOSK_CONSOLE_CONFIG_ERROR_INVALID_VALUE, ":3: [Station a] TokenFile: The station API "
    "token file @FIFO@ is not a regular file" },
  { "token-file-a-device", "[Station a]\nUrl=http://10.0.0.1:8765\nTokenFile=/dev/zero\n",
    KIOSK_CONSOLE_CONFIG_ERROR_INVALID_VALUE, ":3: [Station a] TokenFile: The station API "
    "token file /dev/zero is not a regular file" },
  { "token-file-link", "[Station a]\nUrl=http://10.0.0.1:8765\nTokenFile=@TOKEN_LINK@\n",
    KIOSK_CONSOLE_CONFIG_ERROR_INVALID_VALUE, ":3: [Station a] TokenFile: The station API "
    "token file @TOKEN_LINK@ is not a regular file but a symbolic link" },
  { "token-file-too-large", "[Station a]\nUrl=http://10.0.0.1:8765\nTokenFile=@LARGE@\n",
    KIOSK_CONSOLE_CONFIG_ERROR_INVALID_VALUE, ":3: [Station a] TokenFile: The station API "
    "token file @LARGE@ is larger than" },
  { "certificate-over-http", "[Station a]\nUrl=http://10.0.0.1:8765\nTokenFile=@TOKEN@\n"
    "Certificate=@CERT@\n", KIOSK_CONSOLE_CONFIG_ERROR_INVALID_VALUE,
    ":4: [Station a] Certificate: a certificate goes with an https:// Url" },
  { "certificate-not-pem", "[Station a]\nUrl=https://10.0.0.1:8765\nTokenFile=@TOKEN@\n"
    "Certificate=@TOKEN@\n", KIOSK_CONSOLE_CONFIG_ERROR_INVALID_VALUE,
    ":4: [Station a] Certificate: @TOKEN@ is not a PEM certificate" },
  /* A device would be read forever rather than refused. */
  { "certificate-a-device", "[Station a]\nUrl=https://10.0.0.1:8765\nTokenFile=@TOKEN@\n"
    "Certificate=/dev/zero\n", KIOSK_CONSOLE_CONFIG_ERROR_INVALID_VALUE,
    ":4: [Station a] Certificate: /dev/zero is not a PEM certificate" },
  { "certificate-fifo", "[Station a]\nUrl=https://10.0.0.1:8765\nTokenFile=@TOKEN@\n"
    "Certificate=@FIFO@\n", KIOSK_CONSOLE_CONFIG_ERROR_INVALID_VALUE,
    ":4: [Station a] Certificate: @FIFO@ is not a PEM certificate" },
  { "certificate-link", "[Station a]\nUrl=https://10.0.0.1:8765\nTokenFile=@TOKEN@\n"
    "Certificate=@CERT_LINK@\n", KIOSK_CONSOLE_CONFIG_ERROR_INVALID_VALUE,
    ":4: [Station a] Certificate: cannot read the certificate @CERT_LINK@: it is not a regular "
    "file but a symbolic link; name the file itself" },
  { "certificate-too-large", "[Station a]\nUrl=https://10.0.0.1:8765\nTokenFile=@TOKEN@\n"
    "Certificate=@LARGE@\n", KIOSK_CONSOLE_CONFIG_ERROR_INVALID_VALUE,
    ":4: [Station a] Certificate: @LARGE@ is not a PEM certificate" },
  { "certificate-missing", "[Station a]\nUrl=https://10.0.0.1:8765\nTokenFile=@TOKEN@\n"
    "Certificate=/nonexistent.crt\n", KIOSK_CONSOLE_CONFIG_ERROR_INVALID_VALUE,
    ":4: [Station a] Certificate: cannot read the certificate" },
};

static void
test_bad_file (Fixture       *fixture,
               gconstpointer  data)
{
  const BadCase *test = data;
  g_autofree char *path = write_config (fixture, test->text);
  g_autoptr(GString) expected = g_string_new (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskConsoleConfig) config = kiosk_console_config_load (path, &error);

  g_string_append (expected, test->message);
  replace_paths (fixture, expected);

  g_assert_null (config);
  g_assert_error (error, KIOSK_CONSOLE_CONFIG_ERROR, test->code);
  if (!g_str_has_prefix (error->message, expected->str))
    g_error ("“%s” does not start with “%s”", error->message, expected->str);
}

/* One reading shows the admin every mistake, each on its own line. */
static void
test_every_problem_at_once (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *path = write_config (fixture,
                                        "[Console]\n"
                                        "RefreshSeconds=0\n"
                                        "\n"
                                        "[Station a]\n"
                                        "Url=http://10.0.0.1:8765/path\n"
                                        "TokenFile=@OPEN@\n"
                                        "\n"
                                        "[Station b]\n"
                                        "Url=https://10.0.0.2:8765\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskConsoleConfig) config = kiosk_console_config_load (path, &error);
  g_auto(GStrv) lines = NULL;

  g_assert_null (config);
  g_assert_error (error, KIOSK_CONSOLE_CONFIG_ERROR, KIOSK_CONSOLE_CONFIG_ERROR_INVALID_VALUE);
  lines = g_strsplit (error->message, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_nonnull (strstr (lines[0], ":2: [Console] RefreshSeconds: "));
  g_assert_nonnull (strstr (lines[1], ":5: [Station a] Url: "));
  g_assert_nonnull (strstr (lines[2], ":6: [Station a] TokenFile: "));
  g_assert_nonnull (strstr (lines[3], ":8: [Station b] TokenFile: this key is required"));
}

static void
test_unreadable_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskConsoleConfig) config = kiosk_console_config_load ("/nonexistent/console.conf",
                                                                    &error);

  g_assert_null (config);
  g_assert_error (error, KIOSK_CONSOLE_CONFIG_ERROR, KIOSK_CONSOLE_CONFIG_ERROR_UNREADABLE);
  g_assert_true (g_str_has_prefix (error->message, "/nonexistent/console.conf:0: "));
}

/* The console's own config, read as the station's is. */
static void
test_config_not_a_file (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *good = write_config (fixture, "[Station a]\nUrl=http://10.0.0.1:8765\n"
                                        "TokenFile=@TOKEN@\n");
  g_autofree char *link = g_build_filename (fixture->dir, "console-link.conf", NULL);
  const struct
  {
    const char *path;
    const char *problem;
  } cases[] = {
    { fixture->fifo, "it is not a regular file" },
    { "/dev/zero", "it is not a regular file" },
    { link, "it is not a regular file but a symbolic link; name the file itself" },
    { fixture->large, "it is larger than 1048576 bytes" },
  };
  g_autofree char *huge = g_strnfill (1024 * 1024 + 1, '#');

  g_assert_cmpint (symlink (good, link), ==, 0);
  g_assert_true (g_file_set_contents (fixture->large, huge, -1, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KioskConsoleConfig) config = kiosk_console_config_load (cases[i].path, &error);
      g_autofree char *expected = g_strdup_printf ("%s:0: cannot read the config file: %s",
                                                   cases[i].path, cases[i].problem);

      g_assert_null (config);
      g_assert_error (error, KIOSK_CONSOLE_CONFIG_ERROR, KIOSK_CONSOLE_CONFIG_ERROR_UNREADABLE);
      g_assert_cmpstr (error->message, ==, expected);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/core/console-config/good-file", Fixture, NULL, fixture_set_up, test_good_file,
              fixture_tear_down);
  g_test_add ("/core/console-config/defaults", Fixture, NULL, fixture_set_up, test_defaults,
              fixture_tear_down);
  g_test_add ("/core/console-config/every-problem-at-once", Fixture, NULL, fixture_set_up,
              test_every_problem_at_once, fixture_tear_down);
  g_test_add_func ("/core/console-config/unreadable-file", test_unreadable_file);
  g_test_add ("/core/console-config/not-a-file", Fixture, NULL, fixture_set_up,
              test_config_not_a_file, fixture_tear_down);
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/console-config/refuses/%s",
                                               bad_cases[i].name);

      g_test_add (path, Fixture, &bad_cases[i], fixture_set_up, test_bad_file,
                  fixture_tear_down);
    }

  return g_test_run ();
}
