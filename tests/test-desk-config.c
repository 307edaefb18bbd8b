/* test-desk-config.c — a config the desk sends: checked, kept, merged with the station's own keys
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-test"

#include "config.h"

#include <string.h>

#include "kiosk-desk-config.h"
#include "test-utils.h"

static const char station_file[] =
  "[Kiosk]\n"
  "StationId=gare-01\n"
  "Site=gare\n"
  "Proxy=http://proxy.gare.lan:3128/\n"
  "IdleTimeout=180\n"
  "\n"
  "[Service caf]\n"
  "Name=CAF\n"
  "Url=https://www.caf.fr/\n"
  "Allow=*.caf.fr\n"
  "Category=famille\n";

/* The desk's catalogue: its template's name and site, which no station
 * takes, a longer idle time and a second service.
 */
static const char desk_file[] =
  "# Le catalogue du réseau\n"
  "[Kiosk]\n"
  "StationId=modele\n"
  "Site=siege\n"
  "IdleTimeout=240\n"
  "\n"
  "[Service caf]\n"
  "Name=CAF\n"
  "Url=https://www.caf.fr/\n"
  "Allow=*.caf.fr\n"
  "Category=famille\n"
  "\n"
  "[Service ameli]\n"
  "Name=Ameli\n"
  "Url=https://www.ameli.fr/\n"
  "Allow=*.ameli.fr\n"
  "Category=sante\n";

/* One service whose address its own list refuses. */
static const char broken_file[] =
  "[Kiosk]\n"
  "IdleTimeout=240\n"
  "\n"
  "[Service ameli]\n"
  "Name=Ameli\n"
  "Url=https://www.ameli.fr/\n"
  "Allow=*.caf.fr\n"
  "Category=sante\n";

static const char smaller_file[] =
  "[Kiosk]\n"
  "IdleTimeout=200\n"
  "\n"
  "[Service ameli]\n"
  "Name=Ameli\n"
  "Url=https://www.ameli.fr/\n"
  "Allow=*.ameli.fr\n"
  "Category=sante\n";

static char *
state_dir (void)
{
  char *dir = g_build_filename (g_get_user_state_dir (), "station", NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return dir;
}

static void
assert_runs_desk_file (KioskConfig *config)
{
  g_assert_nonnull (config);
  g_assert_cmpstr (kiosk_config_get_station_id (config), ==, "gare-01");
  g_assert_cmpstr (kiosk_config_get_site (config), ==, "gare");
  g_assert_cmpstr (kiosk_config_get_proxy (config), ==, "http://proxy.gare.lan:3128/");
  g_assert_cmpuint (kiosk_config_get_idle_timeout (config), ==, 240);
  g_assert_nonnull (kiosk_config_lookup_service (config, "ameli"));
}

/* A good config is taken with the station's own keys, and kept: the
 * station starts again with it; a bad one changes nothing and says why.
 */
static void
test_accept_and_keep (void)
{
  g_autofree char *station_path = kiosk_test_write_file ("station.conf", station_file);
  g_autofree char *dir = state_dir ();
  g_autoptr(KioskConfig) own = NULL;
  g_autoptr(KioskConfig) accepted = NULL;
  g_autoptr(KioskConfig) restarted = NULL;
  g_autoptr(KioskConfig) after_refusal = NULL;
  g_autoptr(KioskConfig) refused = NULL;
  g_autoptr(KioskConfig) garbage = NULL;
  g_autoptr(GError) error = NULL;

  own = kiosk_desk_config_load_station (station_path, dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kiosk_config_get_idle_timeout (own), ==, 180);
  g_assert_null (kiosk_config_lookup_service (own, "ameli"));

  accepted = kiosk_desk_config_accept (desk_file, strlen (desk_file), station_path, dir, &error);
  g_assert_no_error (error);
  assert_runs_desk_file (accepted);
  /* Its version is the desk's file's: the station's own keys are not in it. */
  g_assert_cmpstr (kiosk_config_get_version (accepted), !=, kiosk_config_get_version (own));

  restarted = kiosk_desk_config_load_station (station_path, dir, &error);
  g_assert_no_error (error);
  assert_runs_desk_file (restarted);
  g_assert_cmpstr (kiosk_config_get_version (restarted), ==,
                   kiosk_config_get_version (accepted));

  refused = kiosk_desk_config_accept (broken_file, strlen (broken_file), station_path, dir,
                                      &error);
  g_assert_null (refused);
  g_assert_error (error, KIOSK_CONFIG_ERROR, KIOSK_CONFIG_ERROR_INVALID_VALUE);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "line "));
  g_assert_nonnull (strstr (error->message, "[Service ameli]"));
  g_assert_null (strstr (error->message, dir));
  g_clear_error (&error);

  garbage = kiosk_desk_config_accept ("\x01\xff", 2, station_path, dir, &error);
  g_assert_null (garbage);
  g_assert_error (error, KIOSK_CONFIG_ERROR, KIOSK_CONFIG_ERROR_SYNTAX);
  g_clear_error (&error);

  after_refusal = kiosk_desk_config_load_station (station_path, dir, &error);
  g_assert_no_error (error);
  assert_runs_desk_file (after_refusal);
}

/* The station's own keys follow its own file, even after the desk's. */
static void
test_own_keys_stay_the_stations (void)
{
  g_autofree char *station_path = kiosk_test_write_file ("station.conf", station_file);
  g_autofree char *dir = state_dir ();
  g_autofree char *renamed = NULL;
  g_autoptr(KioskConfig) accepted = NULL;
  g_autoptr(KioskConfig) restarted = NULL;
  g_autoptr(GError) error = NULL;

  accepted = kiosk_desk_config_accept (desk_file, strlen (desk_file), station_path, dir, &error);
  g_assert_no_error (error);

  renamed = g_strdup (station_file);
  memcpy (strstr (renamed, "gare-01"), "gare-07", 7);
  g_free (kiosk_test_write_file ("station.conf", renamed));
  restarted = kiosk_desk_config_load_station (station_path, dir, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kiosk_config_get_station_id (restarted), ==, "gare-07");
  g_assert_nonnull (kiosk_config_lookup_service (restarted, "ameli"));
}

/* Back to the one before, and forth again. */
static void
test_roll_back (void)
{
  g_autofree char *station_path = kiosk_test_write_file ("station.conf", station_file);
  g_autofree char *dir = g_build_filename (g_get_user_state_dir (), "rolling", NULL);
  g_autoptr(KioskConfig) first = NULL;
  g_autoptr(KioskConfig) second = NULL;
  g_autoptr(KioskConfig) back = NULL;
  g_autoptr(KioskConfig) forth = NULL;
  g_autoptr(GError) error = NULL;

  first = kiosk_desk_config_accept (desk_file, strlen (desk_file), station_path, dir, &error);
  g_assert_no_error (error);
  second = kiosk_desk_config_accept (smaller_file, strlen (smaller_file), station_path, dir,
                                     &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kiosk_config_get_idle_timeout (second), ==, 200);
  g_assert_null (kiosk_config_lookup_service (second, "caf"));

  back = kiosk_desk_config_roll_back (station_path, dir, &error);
  g_assert_no_error (error);
  assert_runs_desk_file (back);
  forth = kiosk_desk_config_roll_back (station_path, dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kiosk_config_get_idle_timeout (forth), ==, 200);
}

/* A kept config damaged on disk (or one that no longer goes with the
 * station's own keys) never keeps the station from starting: it runs its
 * own file, and the journal says why.
 */
static void
test_a_damaged_kept_config_falls_back (void)
{
  g_autofree char *station_path = kiosk_test_write_file ("station.conf", station_file);
  g_autofree char *dir = state_dir ();
  g_autofree char *shared_path = g_build_filename (dir, "desk-config", "shared.conf", NULL);
  g_autoptr(KioskConfig) accepted = NULL;
  g_autoptr(KioskConfig) restarted = NULL;
  g_autoptr(GError) error = NULL;

  accepted = kiosk_desk_config_accept (desk_file, strlen (desk_file), station_path, dir, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (shared_path, "[Service caf\nName=", -1, NULL));

  g_test_expect_message ("kiosk-config", G_LOG_LEVEL_WARNING,
                         "The configuration the desk sent no longer loads with *");
  restarted = kiosk_desk_config_load_station (station_path, dir, &error);
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  g_assert_cmpstr (kiosk_config_get_station_id (restarted), ==, "gare-01");
  g_assert_cmpuint (kiosk_config_get_idle_timeout (restarted), ==, 180);
  g_assert_null (kiosk_config_lookup_service (restarted, "ameli"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/desk-config/accept-and-keep", test_accept_and_keep);
  g_test_add_func ("/core/desk-config/own-keys-stay-the-stations",
                   test_own_keys_stay_the_stations);
  g_test_add_func ("/core/desk-config/roll-back", test_roll_back);
  g_test_add_func ("/core/desk-config/a-damaged-kept-config-falls-back",
                   test_a_damaged_kept_config_falls_back);

  return g_test_run ();
}
