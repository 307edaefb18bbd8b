/* test-config.c — loading the config: the default catalogue, and every kind of broken file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-test"

#include "config.h"

#include "kiosk-category.h"
#include "kiosk-config.h"
#include "kiosk-policy.h"
#include "test-utils.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char valid_header[] =
  "[Kiosk]\n"
  "StationId=gare-03\n"
  "Site=gare\n"
  "\n";

static const char valid_service[] =
  "[Service caf]\n"
  "Name=CAF\n"
  "Url=https://www.caf.fr/\n"
  "Allow=*.caf.fr\n"
  "Category=famille\n";

static char *
default_config_path (void)
{
  return g_build_filename (g_getenv ("KIOSK_SOURCE_DIR"), "data", "kiosk.conf", NULL);
}

static void
test_default_catalogue (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = default_config_path ();
  g_autoptr(KioskConfig) config = kiosk_config_load (path, &error);
  static const char * const required_services[] = {
    "service-public", "caf", "ameli", "impots", "france-travail", "ants", "msa", "la-poste",
    "sncf-connect", "tbm", "mesdroitssociaux", "1jeune1solution", "edf", NULL
  };
  static const char * const workshop_services[] = { "webmail", "pix", "les-bons-clics", NULL };
  GPtrArray *services;
  g_autoptr(GHashTable) categories = g_hash_table_new (g_str_hash, g_str_equal);
  KioskAllowList *global;
  KioskProfile *atelier;
  g_autoptr(KioskUrl) franceconnect = NULL;
  g_autoptr(KioskUrl) search_engine = NULL;
  g_autoptr(KioskUrl) pix = NULL;
  guint n_public = 0;

  g_assert_no_error (error);
  services = kiosk_config_get_services (config);

  for (guint i = 0; required_services[i] != NULL; i++)
    {
      KioskService *service = kiosk_config_lookup_service (config, required_services[i]);

      g_test_message ("service %s", required_services[i]);
      g_assert_nonnull (service);
      g_assert_null (kiosk_service_get_profile (service));
    }

  /* The workshop's tiles are not among the public ones. */
  atelier = kiosk_config_lookup_profile (config, "atelier");
  g_assert_nonnull (atelier);
  g_assert_cmpuint (kiosk_config_get_profiles (config)->len, ==, 1);
  g_assert_cmpstr (kiosk_profile_get_name (atelier), ==, "Atelier numérique");
  pix = kiosk_url_parse ("https://app.pix.fr/", NULL, NULL);
  g_assert_true (kiosk_allow_list_matches_url (kiosk_profile_get_allow_list (atelier), pix));
  for (guint i = 0; workshop_services[i] != NULL; i++)
    {
      KioskService *service = kiosk_config_lookup_service (config, workshop_services[i]);

      g_test_message ("workshop service %s", workshop_services[i]);
      g_assert_nonnull (service);
      g_assert_cmpstr (kiosk_service_get_profile (service), ==, "atelier");
    }

  for (guint i = 0; i < services->len; i++)
    {
      KioskService *service = g_ptr_array_index (services, i);
      g_autoptr(KioskUrl) url = kiosk_url_parse (kiosk_service_get_url (service), NULL, NULL);

      g_assert_nonnull (url);
      g_assert_cmpstr (url->scheme, ==, "https");
      g_assert_true (kiosk_allow_list_matches_url (kiosk_service_get_allow_list (service), url));
      g_assert_nonnull (kiosk_service_get_description (service));
      if (kiosk_service_get_profile (service) != NULL)
        continue;
      n_public++;
      g_hash_table_add (categories, (gpointer) kiosk_service_get_category (service));
    }
  g_assert_cmpuint (n_public, >=, 14);

  /* Every category has at least one public service to show. */
  g_assert_cmpuint (g_hash_table_size (categories), ==,
                    g_strv_length ((GStrv) kiosk_category_get_ids ()));

  global = kiosk_config_get_global_allow_list (config);
  franceconnect = kiosk_url_parse ("https://app.franceconnect.gouv.fr/", NULL, NULL);
  search_engine = kiosk_url_parse ("https://www.google.com/", NULL, NULL);
  g_assert_true (kiosk_allow_list_matches_url (global, franceconnect));
  g_assert_false (kiosk_allow_list_matches_url (global, search_engine));

  g_assert_false (kiosk_config_get_allow_insecure_http (config));
  g_assert_null (kiosk_config_get_proxy (config));
  g_assert_cmpuint (kiosk_config_get_idle_timeout (config), ==, 300);
}

static void
test_valid_minimal (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = g_strconcat (valid_header,
                                           "IdleTimeout=120\n"
                                           "Proxy=http://127.0.0.1:3128\n"
                                           "UploadFolder=/srv/scans/../scans/\n"
                                           "MaxPrintPages=0\n"
                                           "Printer=accueil\n"
                                           "Survey=true\n"
                                           "RemoteListen=0.0.0.0:8765\n"
                                           "RemoteTokenFile=/etc/pimms-kiosk/token\n"
                                           "StaffPinFile=/etc/pimms-kiosk/staff-pin\n"
                                           "\n",
                                           valid_service,
                                           "Name[fr]=Caisse d'allocations familiales\n",
                                           NULL);
  g_autofree char *path = kiosk_test_write_file ("minimal.conf", contents);
  g_autoptr(KioskConfig) config = kiosk_config_load (path, &error);
  KioskService *caf;

  g_assert_no_error (error);
  g_assert_cmpstr (kiosk_config_get_station_id (config), ==, "gare-03");
  g_assert_cmpstr (kiosk_config_get_site (config), ==, "gare");
  g_assert_cmpuint (kiosk_config_get_idle_timeout (config), ==, 120);
  g_assert_cmpstr (kiosk_config_get_proxy (config), ==, "http://127.0.0.1:3128");
  g_assert_cmpstr (kiosk_config_get_upload_folder (config), ==, "/srv/scans");
  g_assert_cmpuint (kiosk_config_get_max_print_pages (config), ==, 0);
  g_assert_cmpstr (kiosk_config_get_printer (config), ==, "accueil");
  g_assert_true (kiosk_config_get_survey (config));
  g_assert_cmpstr (kiosk_config_get_remote_listen (config), ==, "0.0.0.0:8765");
  g_assert_cmpstr (kiosk_config_get_remote_token_file (config), ==, "/etc/pimms-kiosk/token");
  g_assert_null (kiosk_config_get_remote_tls_certificate (config));
  g_assert_cmpstr (kiosk_config_get_staff_pin_file (config), ==, "/etc/pimms-kiosk/staff-pin");

  caf = kiosk_config_lookup_service (config, "caf");
  g_assert_nonnull (caf);
  g_assert_cmpstr (kiosk_service_get_url (caf), ==, "https://www.caf.fr/");
  g_assert_null (kiosk_config_lookup_service (config, "ameli"));
}

static void
test_localized_name (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = g_strconcat (valid_header, valid_service,
                                           "Name[fr]=Allocations familiales\n"
                                           "Description=Family allowances\n"
                                           "Description[ar]=الإعانات العائلية\n", NULL);
  g_autofree char *path = kiosk_test_write_file ("localized.conf", contents);
  g_autoptr(KioskConfig) config = kiosk_config_load (path, &error);
  KioskService *caf;

  g_assert_no_error (error);
  caf = kiosk_config_lookup_service (config, "caf");

  /* Looked up when shown, in the language of that moment, as a resident
   * may change it while the kiosk runs; GLib reads it from LANGUAGE.
   */
  g_setenv ("LANGUAGE", "fr", TRUE);
  g_assert_cmpstr (kiosk_service_get_name (caf), ==, "Allocations familiales");
  g_assert_cmpstr (kiosk_service_get_description (caf), ==, "Family allowances");
  g_setenv ("LANGUAGE", "ar", TRUE);
  g_assert_cmpstr (kiosk_service_get_name (caf), ==, "CAF");
  g_assert_cmpstr (kiosk_service_get_description (caf), ==, "الإعانات العائلية");
  g_setenv ("LANGUAGE", "de", TRUE);
  g_assert_cmpstr (kiosk_service_get_name (caf), ==, "CAF");
  g_unsetenv ("LANGUAGE");
}

static const char atelier_profile[] =
  "[Profile atelier]\n"
  "Name=Digital skills workshop\n"
  "Name[fr]=Atelier numérique\n"
  "Hosts=*.pix.fr;lesbonsclics.fr\n"
  "\n"
  "[Service webmail]\n"
  "Name=Ma messagerie\n"
  "Url=https://www.laposte.net/\n"
  "Allow=*.laposte.net\n"
  "Category=papiers\n"
  "Profile=atelier\n"
  "\n"
  "[Profile emploi]\n"
  "Name=Atelier emploi\n"
  "Hosts=*.indeed.fr\n";

static KioskConfig *
load_profiles (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = g_strconcat (valid_header, valid_service, "\n", atelier_profile,
                                           NULL);
  g_autofree char *path = kiosk_test_write_file ("profiles.conf", contents);
  KioskConfig *config;

  config = kiosk_config_load (path, &error);
  g_assert_no_error (error);

  return config;
}

static void
test_profile (void)
{
  g_autoptr(KioskConfig) config = load_profiles ();
  GPtrArray *profiles = kiosk_config_get_profiles (config);
  KioskProfile *atelier;
  KioskAllowList *hosts;
  g_autoptr(KioskUrl) pix = kiosk_url_parse ("https://app.pix.fr/", NULL, NULL);
  g_autoptr(KioskUrl) bons_clics = kiosk_url_parse ("https://lesbonsclics.fr/", NULL, NULL);
  g_autoptr(KioskUrl) caf = kiosk_url_parse ("https://www.caf.fr/", NULL, NULL);

  g_assert_cmpuint (profiles->len, ==, 2);
  atelier = g_ptr_array_index (profiles, 0);
  g_assert_true (kiosk_config_lookup_profile (config, "atelier") == atelier);
  g_assert_cmpstr (kiosk_profile_get_id (atelier), ==, "atelier");
  g_assert_cmpstr (kiosk_profile_get_name (atelier), ==, "Digital skills workshop");
  g_assert_cmpstr (kiosk_profile_get_id (g_ptr_array_index (profiles, 1)), ==, "emploi");
  g_assert_null (kiosk_config_lookup_profile (config, "cyber"));

  hosts = kiosk_profile_get_allow_list (atelier);
  g_assert_cmpuint (kiosk_allow_list_get_n_patterns (hosts), ==, 2);
  g_assert_true (kiosk_allow_list_matches_url (hosts, pix));
  g_assert_true (kiosk_allow_list_matches_url (hosts, bons_clics));
  g_assert_false (kiosk_allow_list_matches_url (hosts, caf));

  /* Profile hosts are not the station's: the public never gets them. */
  g_assert_false (kiosk_allow_list_matches_url (kiosk_config_get_global_allow_list (config),
                                                pix));

  g_assert_cmpstr (kiosk_service_get_profile (kiosk_config_lookup_service (config, "webmail")),
                   ==, "atelier");
  g_assert_null (kiosk_service_get_profile (kiosk_config_lookup_service (config, "caf")));

  /* Like service names, profile names follow the language of the moment. */
  g_setenv ("LANGUAGE", "fr", TRUE);
  g_assert_cmpstr (kiosk_profile_get_name (atelier), ==, "Atelier numérique");
  g_unsetenv ("LANGUAGE");
}

static void
test_no_profile (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = g_strconcat (valid_header, valid_service, NULL);
  g_autofree char *path = kiosk_test_write_file ("no-profile.conf", contents);
  g_autoptr(KioskConfig) config = kiosk_config_load (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (kiosk_config_get_profiles (config));
  g_assert_cmpuint (kiosk_config_get_profiles (config)->len, ==, 0);
  g_assert_null (kiosk_config_lookup_profile (config, "atelier"));
}

/* A profile's service is checked with its profile on: its entry page may
 * be on one of the profile's hosts.
 */
static void
test_profile_service_entry_on_profile_host (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = g_strconcat (valid_header, valid_service,
                                           "\n"
                                           "[Service pix]\n"
                                           "Name=Pix\n"
                                           "Url=https://app.pix.fr/\n"
                                           "Category=emploi\n"
                                           "Profile=atelier\n"
                                           "\n"
                                           "[Profile atelier]\n"
                                           "Name=Atelier numérique\n"
                                           "Hosts=*.pix.fr\n",
                                           NULL);
  g_autofree char *path = kiosk_test_write_file ("profile-entry.conf", contents);
  g_autoptr(KioskConfig) config = kiosk_config_load (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (kiosk_config_lookup_service (config, "pix"));
}

typedef struct
{
  const char *name;
  const char *contents;
  int         code;
  const char *place;   /* "LINE: [Group] Key" as the message must give it */
} BrokenConfig;

static const BrokenConfig broken_configs[] = {
  { "syntax-error",
    "[Kiosk]\nStationId=a\nthis line is not a key\n",
    KIOSK_CONFIG_ERROR_SYNTAX, ":3: syntax error" },
  { "unclosed-group",
    "[Kiosk]\nStationId=a\n[Service caf\nName=CAF\n",
    KIOSK_CONFIG_ERROR_SYNTAX, ":3: syntax error" },
  { "no-kiosk-group",
    "[Service caf]\nName=CAF\nUrl=https://www.caf.fr/\nAllow=*.caf.fr\nCategory=famille\n",
    KIOSK_CONFIG_ERROR_MISSING_KEY, ":0: [Kiosk]" },
  { "service-without-url",
    "[Kiosk]\nStationId=a\n\n[Service caf]\nName=CAF\nAllow=*.caf.fr\nCategory=famille\n",
    KIOSK_CONFIG_ERROR_MISSING_KEY, ":4: [Service caf] Url" },
  { "service-without-name",
    "[Kiosk]\nStationId=a\n\n[Service caf]\nUrl=https://www.caf.fr/\nAllow=*.caf.fr\n"
    "Category=famille\n",
    KIOSK_CONFIG_ERROR_MISSING_KEY, ":4: [Service caf] Name" },
  { "malformed-host-pattern",
    "[Kiosk]\nStationId=a\n\n[Service caf]\nName=CAF\nUrl=https://www.caf.fr/\n"
    "Allow=www.caf.fr;caf.fr/path\nCategory=famille\n",
    KIOSK_CONFIG_ERROR_INVALID_VALUE, ":7: [Service caf] Allow" },
  { "public-suffix-pattern",
    "[Kiosk]\nStationId=a\n\n[Allow]\nHosts=*.gouv.fr\n\n[Service caf]\nName=CAF\n"
    "Url=https://www.caf.fr/\nAllow=*.caf.fr\nCategory=famille\n",
    KIOSK_CONFIG_ERROR_INVALID_VALUE, ":5: [Allow] Hosts" },
  { "malformed-blocked-host",
    "[Kiosk]\nStationId=a\n\n[Block]\nHosts=stats.tracker.example/tag.js\n\n[Service caf]\n"
    "Name=CAF\nUrl=https://www.caf.fr/\nAllow=*.caf.fr\nCategory=famille\n",
    KIOSK_CONFIG_ERROR_INVALID_VALUE, ":5: [Block] Hosts" },
  { "unknown-block-key",
    "[Kiosk]\nStationId=a\n\n[Block]\nHost=stats.tracker.example\n\n[Service caf]\n"
    "Name=CAF\nUrl=https://www.caf.fr/\nAllow=*.caf.fr\nCategory=famille\n",
    KIOSK_CONFIG_ERROR_UNKNOWN_KEY, ":5: [Block] Host" },
  { "star-pattern",
    "[Kiosk]\nStationId=a\n\n[Service caf]\nName=CAF\nUrl=https://www.caf.fr/\n"
    "Allow=*\nCategory=famille\n",
    KIOSK_CONFIG_ERROR_INVALID_VALUE, ":7: [Service caf] Allow" },
  { "ip-pattern",
    "[Kiosk]\nStationId=a\n\n[Service caf]\nName=CAF\nUrl=https://www.caf.fr/\n"
    "Allow=*.caf.fr;10.0.0.1\nCategory=famille\n",
    KIOSK_CONFIG_ERROR_INVALID_VALUE, ":7: [Service caf] Allow" },
  { "url-outside-allow",
    "[Kiosk]\nStationId=a\n\n[Service caf]\nName=CAF\nUrl=https://www.ameli.fr/\n"
    "Allow=*.caf.fr\nCategory=famille\n",
    KIOSK_CONFIG_ERROR_INVALID_VALUE, ":6: [Service caf] Url" },
  { "http-url-without-insecure-http",
    "[Kiosk]\nStationId=a\n\n[Service caf]\nName=CAF\nUrl=http://www.caf.fr/\n"
    "Allow=*.caf.fr\nCategory=famille\n",
    KIOSK_CONFIG_ERROR_INVALID_VALUE, ":6: [Service caf] Url" },
  { "url-not-an-address",
    "[Kiosk]\nStationId=a\n\n[Service caf]\nName=CAF\nUrl=www.caf.fr\n"
    "Allow=*.caf.fr\nCategory=famille\n",
    KIOSK_CONFIG_ERROR_INVALID_VALUE, ":6: [Service caf] Url" },
  { "unknown-category",
    "[Kiosk]\nStationId=a\n\n[Service caf]\nName=CAF\nUrl=https://www.caf.fr/\n"
    "Allow=*.caf.fr\nCategory=loisirs\n",
    KIOSK_CONFIG_ERROR_INVALID_VALUE, ":8: [Service caf] Category" },
  { "bad-service-id",
    "[Kiosk]\nStationId=a\n\n[Service CAF!]\nName=CAF\nUrl=https://www.caf.fr/\n"
    "Allow=*.caf.fr\nCategory=famille\n",
    KIOSK_CONFIG_ERROR_INVALID_VALUE, ":4: [Service CAF!]" },
  { "misspelt-key",
    "[Kiosk]\nStationId=a\nIdelTimeout=60\n\n[Service caf]\nName=CAF\n"
    "Url=https://www.caf.fr/\nAllow=*.caf.fr\nCategory=famille\n",
    KIOSK_CONFIG_ERROR_UNKNOWN_KEY, ":3: [Kiosk] IdelTimeout" },
  { "unknown-group",
    "[Kiosk]\nStationId=a\n\n[Services]\nName=CAF\n",
    KIOSK_CONFIG_ERROR_UNKNOWN_GROUP, ":4: [Services]" },
  { "idle-timeout-not-a-number",
    "[Kiosk]\nStationId=a\nIdleTimeout=five minutes\n\n[Service caf]\nName=CAF\n"
    "Url=https://www.caf.fr/\nAllow=*.caf.fr\nCategory=famille\n",
    KIOSK_CONFIG_ERROR_INVALID_VALUE, ":3: [Kiosk] IdleTimeout" },
  { "idle-timeout-zero",
    "[Kiosk]\nStationId=a\nIdleTimeout=0\n\n[Service caf]\nName=CAF\n"
    "Url=https://www.caf.fr/\nAllow=*.caf.fr\nCategory=famille\n",
    KIOSK_CONFIG_ERROR_INVALID_VALUE, ":3: [Kiosk] IdleTimeout" },
  { "assisted-idle-timeout-zero",
    "[Kiosk]\nStationId=a\nAssistedIdleTimeout=0\n\n[Service caf]\nName=CAF\n"
    "Url=https://www.caf.fr/\nAllow=*.caf.fr\nCategory=famille\n",
    KIOSK_CONFIG_ERROR_INVALID_VALUE, ":3: [Kiosk] AssistedIdleTimeout" },
  { "max-session-too-long",
    "[Kiosk]\nStationId=a\nMaxSessionMinutes=2000\n\n[Service caf]\nName=CAF\n"
    "Url=https://www.caf.fr/\nAllow=*.caf.fr\nCategory=famille\n",
    KIOSK_CONFIG_ERROR_INVALID_VALUE, ":3: [Kiosk] MaxSessionMinutes" },
  { "insecure-http-not-a-boolean",
    "[Kiosk]\nStationId=a\nAllowInsecureHttp=yes\n\n[Service caf]\nName=CAF\n"
    "Url=https://www.caf.fr/\nAllow=*.caf.fr\nCategory=famille\n",
    KIOSK_CONFIG_ERROR_INVALID_VALUE, ":3: [Kiosk] AllowInsecureHttp" },
  { "bad-proxy",
    "[Kiosk]\nStationId=a\nProxy=127.0.0.1 port 3128\n\n[Service caf]\nName=CAF\n"
    "Url=https://www.caf.fr/\nAllow=*.caf.fr\nCategory=famille\n",
    KIOSK_CONFIG_ERROR_INVALID_VALUE, ":3: [Kiosk] Proxy" },
  { "relative-upload-folder",
    "[Kiosk]\nStationId=a\nUploadFolder=scans\n\n[Service caf]\nName=CAF\n"
    "Url=https://www.caf.fr/\nAllow=*.caf.fr\nCategory=famille\n",
    KIOSK_CONFIG_ERROR_INVALID_VALUE, ":3: [Kiosk] UploadFolder" },
  { "print-pages-negative",
    "[Kiosk]\nStationId=a\nMaxPrintPages=-1\n\n[Service caf]\nName=CAF\n"
    "Url=https://www.caf.fr/\nAllow=*.caf.fr\nCategory=famille\n",
    KIOSK_CONFIG_ERROR_INVALID_VALUE, ":3: [Kiosk] MaxPrintPages" },
  { "survey-not-a-boolean",
    "[Kiosk]\nStationId=a\nSurvey=oui\n\n[Service caf]\nName=CAF\n"
    "Url=https://www.caf.fr/\nAllow=*.caf.fr\nCategory=famille\n",
    KIOSK_CONFIG_ERROR_INVALID_VALUE, ":3: [Kiosk] Survey" },
  { "staff-may-quit-not-a-boolean",
    "[Kiosk]\nStationId=a\nStaffMayQuit=yes please\n\n[Service caf]\nName=CAF\n"
    "Url=https://www.caf.fr/\nAllow=*.caf.fr\nCategory=famille\n",
    KIOSK_CONFIG_ERROR_INVALID_VALUE, ":3: [Kiosk] StaffMayQuit" },
  { "remote-listen-without-port",
    "[Kiosk]\nStationId=a\nRemoteListen=0.0.0.0\nRemoteTokenFile=/etc/t\n\n"
    "[Service caf]\nName=CAF\nUrl=https://www.caf.fr/\nAllow=*.caf.fr\nCategory=famille\n",
    KIOSK_CONFIG_ERROR_INVALID_VALUE, ":3: [Kiosk] RemoteListen" },
  { "remote-listen-without-token",
    "[Kiosk]\nStationId=a\nRemoteListen=0.0.0.0:8765\n\n[Service caf]\nName=CAF\n"
    "Url=https://www.caf.fr/\nAllow=*.caf.fr\nCategory=famille\n",
    KIOSK_CONFIG_ERROR_MISSING_KEY, ":3: [Kiosk] RemoteListen" },
  { "tls-certificate-without-key",
    "[Kiosk]\nStationId=a\nRemoteListen=0.0.0.0:8765\nRemoteTokenFile=/etc/t\n"
    "RemoteTlsCertificate=/etc/c.pem\n\n[Service caf]\nName=CAF\n"
    "Url=https://www.caf.fr/\nAllow=*.caf.fr\nCategory=famille\n",
    KIOSK_CONFIG_ERROR_MISSING_KEY, ":5: [Kiosk] RemoteTlsCertificate" },
  { "relative-token-file",
    "[Kiosk]\nStationId=a\nRemoteListen=0.0.0.0:8765\nRemoteTokenFile=token\n\n"
    "[Service caf]\nName=CAF\nUrl=https://www.caf.fr/\nAllow=*.caf.fr\nCategory=famille\n",
    KIOSK_CONFIG_ERROR_INVALID_VALUE, ":4: [Kiosk] RemoteTokenFile" },
  { "bad-profile-id",
    "[Kiosk]\nStationId=a\n\n[Profile Atelier!]\nName=Atelier\nHosts=*.pix.fr\n\n"
    "[Service caf]\nName=CAF\nUrl=https://www.caf.fr/\nAllow=*.caf.fr\nCategory=famille\n",
    KIOSK_CONFIG_ERROR_INVALID_VALUE, ":4: [Profile Atelier!]: a profile id uses only" },
  { "profile-without-name",
    "[Kiosk]\nStationId=a\n\n[Profile atelier]\nHosts=*.pix.fr\n\n"
    "[Service caf]\nName=CAF\nUrl=https://www.caf.fr/\nAllow=*.caf.fr\nCategory=famille\n",
    KIOSK_CONFIG_ERROR_MISSING_KEY, ":4: [Profile atelier] Name: this key is required" },
  { "profile-unknown-key",
    "[Kiosk]\nStationId=a\n\n[Profile atelier]\nName=Atelier\nHosts=*.pix.fr\n"
    "Allow=*.laposte.net\n\n"
    "[Service caf]\nName=CAF\nUrl=https://www.caf.fr/\nAllow=*.caf.fr\nCategory=famille\n",
    KIOSK_CONFIG_ERROR_UNKNOWN_KEY, ":7: [Profile atelier] Allow: unknown key" },
  { "profile-public-suffix-host",
    "[Kiosk]\nStationId=a\n\n[Profile atelier]\nName=Atelier\nHosts=*.pix.fr;*.fr\n\n"
    "[Service caf]\nName=CAF\nUrl=https://www.caf.fr/\nAllow=*.caf.fr\nCategory=famille\n",
    KIOSK_CONFIG_ERROR_INVALID_VALUE, ":6: [Profile atelier] Hosts: " },
  { "profile-malformed-host",
    "[Kiosk]\nStationId=a\n\n[Profile atelier]\nName=Atelier\nHosts=pix.fr/app\n\n"
    "[Service caf]\nName=CAF\nUrl=https://www.caf.fr/\nAllow=*.caf.fr\nCategory=famille\n",
    KIOSK_CONFIG_ERROR_INVALID_VALUE, ":6: [Profile atelier] Hosts: " },
  { "service-of-unknown-profile",
    "[Kiosk]\nStationId=a\n\n[Profile atelier]\nName=Atelier\nHosts=*.pix.fr\n\n"
    "[Service webmail]\nName=Ma messagerie\nUrl=https://www.laposte.net/\n"
    "Allow=*.laposte.net\nCategory=papiers\nProfile=ateliers\n",
    KIOSK_CONFIG_ERROR_INVALID_VALUE, ":13: [Service webmail] Profile: unknown profile" },
  { "service-of-empty-profile",
    "[Kiosk]\nStationId=a\n\n[Service webmail]\nName=Ma messagerie\n"
    "Url=https://www.laposte.net/\nAllow=*.laposte.net\nCategory=papiers\nProfile=\n",
    KIOSK_CONFIG_ERROR_INVALID_VALUE, ":9: [Service webmail] Profile: empty" },
  { "profile-that-does-nothing",
    "[Kiosk]\nStationId=a\n\n[Profile atelier]\nName=Atelier\n\n"
    "[Service caf]\nName=CAF\nUrl=https://www.caf.fr/\nAllow=*.caf.fr\nCategory=famille\n",
    KIOSK_CONFIG_ERROR_MISSING_KEY, ":4: [Profile atelier]: this profile has no Hosts" },
  { "profile-with-empty-hosts",
    "[Kiosk]\nStationId=a\n\n[Profile atelier]\nName=Atelier\nHosts= ; \n\n"
    "[Service caf]\nName=CAF\nUrl=https://www.caf.fr/\nAllow=*.caf.fr\nCategory=famille\n",
    KIOSK_CONFIG_ERROR_MISSING_KEY, ":4: [Profile atelier]: this profile has no Hosts" },
  { "profile-service-entry-outside-allow",
    "[Kiosk]\nStationId=a\n\n[Profile atelier]\nName=Atelier\n\n"
    "[Service webmail]\nName=Ma messagerie\nUrl=https://www.laposte.fr/\n"
    "Allow=*.laposte.net\nCategory=papiers\nProfile=atelier\n",
    KIOSK_CONFIG_ERROR_INVALID_VALUE, ":9: [Service webmail] Url: " },
  { "no-service",
    "[Kiosk]\nStationId=a\n",
    KIOSK_CONFIG_ERROR_NO_SERVICE, ":0: no [Service ID] group" },
  { "empty-file",
    "",
    KIOSK_CONFIG_ERROR_MISSING_KEY, ":0: [Kiosk]" },
  { "not-utf8",
    "[Kiosk]\nStationId=caf\xe9\n",
    KIOSK_CONFIG_ERROR_SYNTAX, ":0: the file is not valid UTF-8" },
};

static void
test_broken_config (gconstpointer data)
{
  const BrokenConfig *broken = data;
  g_autofree char *file_name = g_strconcat (broken->name, ".conf", NULL);
  g_autofree char *path = kiosk_test_write_file (file_name, broken->contents);
  g_autofree char *expected_start = g_strconcat (path, broken->place, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskConfig) config = NULL;

  config = kiosk_config_load (path, &error);

  g_assert_null (config);
  g_assert_error (error, KIOSK_CONFIG_ERROR, broken->code);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, expected_start));
}

/* BlockListFile=: a list in WebKit's content-blocker format, read whole
 * when the config is; a broken one is a config error naming the file and
 * the rule at fault, never a list half applied.
 */
static void
test_block_list_file (void)
{
  static const struct
  {
    const char *list;
    const char *problem;
  } broken[] = {
    { "[{\"trigger\": {\"url-filter\": \"a\"}, \"action\": {\"type\": \"block\"}},"
      " {\"trigger\": {}, \"action\": {\"type\": \"block\"}}]",
      "rule 2: the trigger has no “url-filter”" },
    { "[{\"trigger\": {\"url-filter\": \"a\"}, \"action\": {\"type\": \"allow\"}}]",
      "rule 1: the action's “type” is not one WebKit knows" },
    { "{\"trigger\": {}}", "not a JSON array of rules" },
    { "[{\"trigger\": {\"url-filter\": \"a\"", "not JSON" },
    { "[{\"trigger\": {\"url-filter\": \"a\", \"if-domain\": [3]},"
      " \"action\": {\"type\": \"block\"}}]",
      "rule 1: a list of the trigger holds something else than text" },
  };
  const char good[] = "[{\"trigger\": {\"url-filter\": \"^https?://ads[.]example/\"},"
                      " \"action\": {\"type\": \"block\"}}]";

  for (guint i = 0; i < G_N_ELEMENTS (broken) + 2; i++)
    {
      gboolean is_good = i == G_N_ELEMENTS (broken);
      gboolean is_missing = i == G_N_ELEMENTS (broken) + 1;
      g_autofree char *list_path = kiosk_test_write_file ("trackers.json",
                                                          is_good || is_missing ? good
                                                                                : broken[i].list);
      g_autofree char *contents = NULL;
      g_autofree char *path = NULL;
      g_autofree char *expected = NULL;
      g_autofree char *rules = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(KioskConfig) config = NULL;

      contents = g_strdup_printf ("[Kiosk]\nStationId=a\n\n[Block]\nHosts=stats.tracker.example\n"
                                  "BlockListFile=%s%s\n\n[Service caf]\nName=CAF\n"
                                  "Url=https://www.caf.fr/\nAllow=*.caf.fr\nCategory=famille\n",
                                  list_path, is_missing ? ".gone" : "");
      path = kiosk_test_write_file ("block-list.conf", contents);
      config = kiosk_config_load (path, &error);

      if (is_good)
        {
          g_assert_no_error (error);
          rules = kiosk_policy_get_block_rules (kiosk_config_get_policy (config));
          /* The file's rules first, the hosts last: the hosts always win. */
          g_assert_nonnull (strstr (rules, "ads[.]example"));
          g_assert_cmpint (strstr (rules, "ads[.]example") - rules, <,
                           strstr (rules, "tracker") - rules);
          continue;
        }

      g_assert_null (config);
      g_test_message ("%s", error->message);
      expected = g_strdup_printf ("%s:6: [Block] BlockListFile: %s%s: %s", path, list_path,
                                  is_missing ? ".gone" : "",
                                  is_missing ? "no such file" : broken[i].problem);
      if (!g_str_has_prefix (error->message, expected))
        g_error ("“%s” does not start with “%s”", error->message, expected);
    }
}

/* Every mistake of the profiles is listed at once, each at its line. */
static void
test_profile_problems_all_at_once (void)
{
  g_autofree char *path = kiosk_test_write_file ("profile-problems.conf",
                                                 "[Kiosk]\n"
                                                 "StationId=a\n"
                                                 "[Profile Atelier]\n"
                                                 "Name=Atelier\n"
                                                 "Hosts=*.pix.fr\n"
                                                 "[Profile emploi]\n"
                                                 "Hosts=*.gouv.fr\n"
                                                 "Color=blue\n"
                                                 "[Service caf]\n"
                                                 "Name=CAF\n"
                                                 "Url=https://www.caf.fr/\n"
                                                 "Allow=*.caf.fr\n"
                                                 "Category=famille\n"
                                                 "Profile=cyber\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskConfig) config = kiosk_config_load (path, &error);
  static const char * const places[] = {
    ":3: [Profile Atelier]: a profile id",
    ":6: [Profile emploi] Name: this key is required",
    ":7: [Profile emploi] Hosts: ",
    ":8: [Profile emploi] Color: unknown key",
    ":14: [Service caf] Profile: unknown profile “cyber”",
  };

  g_assert_null (config);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    {
      g_autofree char *line = g_strconcat (path, places[i], NULL);

      g_assert_nonnull (strstr (error->message, line));
    }
}

/* GKeyFile turns "\n" in a value into a line break: a value quoted in a
 * problem must not split it, or the second half would be a line of the
 * report that says neither the file nor the line.
 */
static void
test_line_break_in_a_value (void)
{
  g_autofree char *path = kiosk_test_write_file ("line-break.conf",
                                                 "[Kiosk]\n"
                                                 "StationId=a\n"
                                                 "IdleTimeout=5\\r\\t\\n0\n"
                                                 "[Service caf]\n"
                                                 "Name=CAF\n"
                                                 "Url=https://www.ameli.fr/\\nr\n"
                                                 "Allow=*.caf.fr\n"
                                                 "Category=famille\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskConfig) config = kiosk_config_load (path, &error);
  g_auto(GStrv) lines = NULL;

  g_assert_null (config);
  g_assert_error (error, KIOSK_CONFIG_ERROR, KIOSK_CONFIG_ERROR_INVALID_VALUE);
  g_test_message ("%s", error->message);

  lines = g_strsplit (error->message, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  g_assert_true (g_str_has_prefix (lines[0], path));
  g_assert_nonnull (strstr (lines[0], ":3: [Kiosk] IdleTimeout: “5\\r\\t\\n0” is not"));
  g_assert_true (g_str_has_prefix (lines[1], path));
  g_assert_nonnull (strstr (lines[1], ":6: [Service caf] Url: “https://www.ameli.fr/\\nr”"));
}

static void
test_missing_file (void)
{
  g_autofree char *path = g_build_filename (g_get_user_config_dir (), "absent.conf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskConfig) config = kiosk_config_load (path, &error);

  g_assert_null (config);
  g_assert_error (error, KIOSK_CONFIG_ERROR, KIOSK_CONFIG_ERROR_UNREADABLE);
  g_assert_true (g_str_has_prefix (error->message, path));
}

/* A path that is not a config file's is refused before it is read: a
 * device would be read until memory runs out, a FIFO would block the
 * kiosk's start for good.
 */
static void
test_not_a_regular_file (void)
{
  g_autofree char *fifo = g_build_filename (g_get_user_config_dir (), "fifo.conf", NULL);
  const char *paths[] = { "/dev/zero", g_get_user_config_dir (), fifo };

  g_mkdir_with_parents (g_get_user_config_dir (), 0700);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KioskConfig) config = kiosk_config_load (paths[i], &error);
      g_autofree char *expected = g_strdup_printf ("%s:0: cannot read the config file: "
                                                   "it is not a regular file", paths[i]);

      g_assert_null (config);
      g_assert_error (error, KIOSK_CONFIG_ERROR, KIOSK_CONFIG_ERROR_UNREADABLE);
      g_assert_cmpstr (error->message, ==, expected);
    }
  g_unlink (fifo);
}

/* Not even to a good config: the link is refused, and the message says
 * so, rather than the "Too many levels of symbolic links" of ELOOP.
 */
static void
test_symbolic_link (void)
{
  g_autofree char *good = g_build_filename (g_get_user_config_dir (), "good.conf", NULL);
  g_autofree char *link = g_build_filename (g_get_user_config_dir (), "link.conf", NULL);
  g_autofree char *text = g_strconcat (valid_header, valid_service, NULL);
  g_autofree char *expected = g_strdup_printf ("%s:0: cannot read the config file: it is not a "
                                               "regular file but a symbolic link; name the file "
                                               "itself", link);
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskConfig) config = NULL;

  g_mkdir_with_parents (g_get_user_config_dir (), 0700);
  g_assert_true (g_file_set_contents (good, text, -1, NULL));
  g_assert_cmpint (symlink (good, link), ==, 0);

  config = kiosk_config_load (link, &error);
  g_assert_null (config);
  g_assert_error (error, KIOSK_CONFIG_ERROR, KIOSK_CONFIG_ERROR_UNREADABLE);
  g_assert_cmpstr (error->message, ==, expected);
  g_unlink (link);
  g_unlink (good);
}

/* A huge file (a log written over the config by mistake, say) is refused
 * whole; one just under the limit is read.
 */
static void
test_too_large_file (void)
{
  g_autofree char *path = g_build_filename (g_get_user_config_dir (), "huge.conf", NULL);
  g_autoptr(GString) text = g_string_new (valid_header);
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskConfig) config = NULL;

  g_string_append (text, valid_service);
  g_mkdir_with_parents (g_get_user_config_dir (), 0700);
  while (text->len < 1024 * 1024)
    g_string_append (text, "# a comment that only makes the file larger\n");
  g_string_truncate (text, 1024 * 1024);
  g_string_overwrite (text, text->len - 1, "\n");
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));
  config = kiosk_config_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kiosk_config_get_station_id (config), ==, "gare-03");
  g_clear_object (&config);

  g_string_append (text, "#\n");
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));
  config = kiosk_config_load (path, &error);
  g_assert_null (config);
  g_assert_error (error, KIOSK_CONFIG_ERROR, KIOSK_CONFIG_ERROR_UNREADABLE);
  g_assert_true (g_str_has_suffix (error->message, "it is larger than 1048576 bytes"));
  g_unlink (path);
}

static void
test_unknown_service_id (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = g_strconcat (valid_header, valid_service, NULL);
  g_autofree char *path = kiosk_test_write_file ("services.conf", contents);
  g_autoptr(KioskConfig) config = kiosk_config_load (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (kiosk_config_require_service (config, "caf", &error));
  g_assert_no_error (error);

  g_assert_null (kiosk_config_require_service (config, "cpam", &error));
  g_assert_error (error, KIOSK_CONFIG_ERROR, KIOSK_CONFIG_ERROR_UNKNOWN_SERVICE);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_nonnull (strstr (error->message, "cpam"));
  g_assert_nonnull (strstr (error->message, "caf"));
}

static char *
version_of (const char *name,
            const char *contents)
{
  g_autofree char *path = kiosk_test_write_file (name, contents);
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskConfig) config = kiosk_config_load (path, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (strlen (kiosk_config_get_version (config)), ==, 12);
  return g_strdup (kiosk_config_get_version (config));
}

/* The version of what the stations share: the same for two stations of
 * two sites with the same catalogue, whatever their names, files and
 * comments; another for another catalogue or setting.
 */
static void
test_version_of_what_is_shared (void)
{
  static const char services[] =
    "[Service caf]\nName=CAF\nUrl=https://www.caf.fr/\nAllow=*.caf.fr\nCategory=famille\n";
  g_autofree char *gare = g_strconcat ("[Kiosk]\nStationId=gare-01\nSite=gare\n"
                                       "IdleTimeout=180\nStaffPinFile=/etc/pimms-kiosk/pin\n\n",
                                       services, NULL);
  g_autofree char *quartier = g_strconcat ("# Le poste du quartier\n"
                                           "[Kiosk]\nStationId=quartier-02\nSite=quartier\n"
                                           "Proxy=http://proxy.lan:3128/\nIdleTimeout=180\n\n",
                                           services, NULL);
  g_autofree char *slower = g_strconcat ("[Kiosk]\nStationId=gare-01\nSite=gare\n"
                                         "IdleTimeout=300\n\n", services, NULL);
  g_autofree char *more = g_strconcat ("[Kiosk]\nStationId=gare-01\nSite=gare\n"
                                       "IdleTimeout=180\n\n", services,
                                       "\n[Service ameli]\nName=Ameli\n"
                                       "Url=https://www.ameli.fr/\nAllow=*.ameli.fr\n"
                                       "Category=sante\n", NULL);
  g_autofree char *gare_version = version_of ("gare.conf", gare);
  g_autofree char *quartier_version = version_of ("quartier.conf", quartier);
  g_autofree char *slower_version = version_of ("slower.conf", slower);
  g_autofree char *more_version = version_of ("more.conf", more);

  g_assert_cmpstr (gare_version, ==, quartier_version);
  g_assert_cmpstr (gare_version, !=, slower_version);
  g_assert_cmpstr (gare_version, !=, more_version);
  g_assert_cmpstr (slower_version, !=, more_version);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/config/default-catalogue", test_default_catalogue);
  g_test_add_func ("/core/config/block-list-file", test_block_list_file);
  g_test_add_func ("/core/config/valid-minimal", test_valid_minimal);
  g_test_add_func ("/core/config/localized-name", test_localized_name);
  g_test_add_func ("/core/config/missing-file", test_missing_file);
  g_test_add_func ("/core/config/not-a-regular-file", test_not_a_regular_file);
  g_test_add_func ("/core/config/too-large-file", test_too_large_file);
  g_test_add_func ("/core/config/symbolic-link", test_symbolic_link);
  g_test_add_func ("/core/config/line-break-in-a-value", test_line_break_in_a_value);
  g_test_add_func ("/core/config/unknown-service-id", test_unknown_service_id);
  g_test_add_func ("/core/config/profile", test_profile);
  g_test_add_func ("/core/config/version-of-what-is-shared", test_version_of_what_is_shared);
  g_test_add_func ("/core/config/no-profile", test_no_profile);
  g_test_add_func ("/core/config/profile-problems-all-at-once",
                   test_profile_problems_all_at_once);
  g_test_add_func ("/core/config/profile-service-entry-on-profile-host",
                   test_profile_service_entry_on_profile_host);

  for (guint i = 0; i < G_N_ELEMENTS (broken_configs); i++)
    {
      g_autofree char *test_path = g_strconcat ("/core/config/broken/", broken_configs[i].name,
                                                NULL);

      g_test_add_data_func (test_path, &broken_configs[i], test_broken_config);
    }

  return g_test_run ();
}
