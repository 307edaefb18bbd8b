/* kiosk-config.c — the station's configuration and service catalogue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-config"

#include "config.h"

#include "kiosk-config.h"

#include "kiosk-block-list.h"
#include "kiosk-config-shared.h"
#include "kiosk-key-file-reader.h"

#include <gio/gio.h>

#include "kiosk-category.h"

#include <string.h>

#define KIOSK_GROUP "Kiosk"
#define ALLOW_GROUP "Allow"
#define PAYMENT_GROUP "Payment"
#define BLOCK_GROUP "Block"
#define SERVICE_GROUP_PREFIX "Service "
#define PROFILE_GROUP_PREFIX "Profile "

struct _KioskConfig
{
  GObject         parent_instance;

  char           *path;
  char           *version;
  char           *station_id;
  char           *site;
  guint           idle_timeout;
  guint           assisted_idle_timeout;
  guint           idle_warning;
  guint           max_session_minutes;
  char           *proxy;
  gboolean        allow_insecure_http;
  char           *upload_folder;
  guint           max_print_pages;
  char           *printer;
  gboolean        survey;
  char           *remote_listen;
  char           *remote_token_file;
  char           *remote_tls_certificate;
  char           *remote_tls_key;
  char           *staff_pin_file;
  gboolean        staff_may_quit;
  KioskAllowList *global_allow_list;
  KioskAllowList *global_frame_list;
  KioskAllowList *global_resource_list;
  gboolean        strict_resources;
  KioskAllowList *payment_list;
  KioskAllowList *block_list;
  JsonNode       *block_list_rules;   /* BlockListFile=, checked */
  KioskPolicy    *policy;
  GPtrArray      *services;
  GPtrArray      *profiles;
};

G_DEFINE_FINAL_TYPE (KioskConfig, kiosk_config, G_TYPE_OBJECT)

G_DEFINE_QUARK (kiosk-config-error-quark, kiosk_config_error)

static const char * const kiosk_keys[] = {
  "StationId",
  "Site",
  "IdleTimeout",
  "IdleWarning",
  "AssistedIdleTimeout",
  "MaxSessionMinutes",
  "Proxy",
  "AllowInsecureHttp",
  "UploadFolder",
  "MaxPrintPages",
  "Printer",
  "Survey",
  "RemoteListen",
  "RemoteTokenFile",
  "RemoteTlsCertificate",
  "RemoteTlsKey",
  "StaffPinFile",
  "StaffMayQuit",
  "StrictResources",
  NULL
};

static const char * const allow_keys[] = { "Hosts", "Frames", "Resources", NULL };

static const char * const payment_keys[] = { "Hosts", NULL };
static const char * const block_keys[] = { "Hosts", "BlockListFile", NULL };

static const char * const service_keys[] = {
  "Name",
  "Description",
  "Url",
  "Allow",
  "Frames",
  "Resources",
  "Category",
  "Profile",
  "Keywords",
  NULL
};

static const char * const profile_keys[] = { "Name", "Hosts", NULL };

/* Every config file is read the same way (kiosk-key-file-reader.c). */
typedef KioskKeyFileReader Reader;

static GKeyFile *
key_file_of (Reader *reader)
{
  return kiosk_key_file_reader_get_key_file (reader);
}

static void
kiosk_config_dispose (GObject *object)
{
  KioskConfig *self = KIOSK_CONFIG (object);

  g_clear_object (&self->global_allow_list);
  g_clear_object (&self->global_frame_list);
  g_clear_object (&self->global_resource_list);
  g_clear_object (&self->payment_list);
  g_clear_object (&self->block_list);
  g_clear_pointer (&self->block_list_rules, json_node_unref);
  g_clear_object (&self->policy);
  g_clear_pointer (&self->services, g_ptr_array_unref);
  g_clear_pointer (&self->profiles, g_ptr_array_unref);

  G_OBJECT_CLASS (kiosk_config_parent_class)->dispose (object);
}

static void
kiosk_config_finalize (GObject *object)
{
  KioskConfig *self = KIOSK_CONFIG (object);

  g_free (self->path);
  g_free (self->version);
  g_free (self->station_id);
  g_free (self->site);
  g_free (self->proxy);
  g_free (self->upload_folder);
  g_free (self->printer);
  g_free (self->remote_listen);
  g_free (self->remote_token_file);
  g_free (self->remote_tls_certificate);
  g_free (self->remote_tls_key);
  g_free (self->staff_pin_file);

  G_OBJECT_CLASS (kiosk_config_parent_class)->finalize (object);
}

static void
kiosk_config_class_init (KioskConfigClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kiosk_config_dispose;
  object_class->finalize = kiosk_config_finalize;
}

static void
kiosk_config_init (KioskConfig *self)
{
  self->idle_timeout = 300;
  self->assisted_idle_timeout = 1800;
  self->idle_warning = 30;
  self->max_print_pages = 20;
  self->services = g_ptr_array_new_with_free_func (g_object_unref);
  self->profiles = g_ptr_array_new_with_free_func (g_object_unref);
  self->global_allow_list = kiosk_allow_list_new ();
  self->global_frame_list = kiosk_allow_list_new ();
  self->global_resource_list = kiosk_allow_list_new ();
  self->payment_list = kiosk_allow_list_new ();
  self->block_list = kiosk_allow_list_new ();
}

static gboolean
read_number (Reader     *reader,
             const char *key,
             const char *unit,
             guint       minimum,
             guint       maximum,
             guint      *number)
{
  g_autofree char *value = kiosk_key_file_reader_read_string (reader, KIOSK_GROUP, key, FALSE);
  guint64 parsed;

  if (value == NULL)
    return TRUE;

  if (!g_ascii_string_to_unsigned (value, 10, minimum, maximum, &parsed, NULL))
    return kiosk_key_file_reader_report (reader, KIOSK_CONFIG_ERROR_INVALID_VALUE, KIOSK_GROUP, key,
                                         "“%s” is not a number of %s between %u and %u", value,
                                         unit, minimum, maximum);

  *number = parsed;
  return TRUE;
}

static gboolean
read_boolean (Reader     *reader,
              const char *key,
              gboolean   *result)
{
  g_autofree char *value = kiosk_key_file_reader_read_string (reader, KIOSK_GROUP, key, FALSE);

  if (value == NULL)
    return TRUE;

  if (strcmp (value, "true") == 0)
    *result = TRUE;
  else if (strcmp (value, "false") == 0)
    *result = FALSE;
  else
    return kiosk_key_file_reader_report (reader, KIOSK_CONFIG_ERROR_INVALID_VALUE, KIOSK_GROUP, key,
                                         "“%s” is neither “true” nor “false”", value);

  return TRUE;
}

static gboolean
read_proxy (Reader  *reader,
            char   **proxy)
{
  g_autofree char *value = kiosk_key_file_reader_read_string (reader, KIOSK_GROUP, "Proxy", FALSE);
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (value == NULL)
    return TRUE;

  uri = g_uri_parse (value, G_URI_FLAGS_NONE, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;

  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      (g_strcmp0 (scheme, "http") != 0 && g_strcmp0 (scheme, "https") != 0 &&
       g_strcmp0 (scheme, "socks") != 0 && g_strcmp0 (scheme, "socks5") != 0))
    {
      return kiosk_key_file_reader_report (reader, KIOSK_CONFIG_ERROR_INVALID_VALUE, KIOSK_GROUP,
                                           "Proxy", "“%s” is not a proxy address like "
                                           "“http://127.0.0.1:3128”", value);
    }

  *proxy = g_steal_pointer (&value);
  return TRUE;
}

static gboolean
read_folder (Reader      *reader,
             const char  *key,
             char       **folder)
{
  g_autofree char *value = kiosk_key_file_reader_read_string (reader, KIOSK_GROUP, key, FALSE);

  if (value == NULL)
    return TRUE;

  /* Whether it exists is checked when it is used: a scanner's share may
   * come and go while the kiosk runs.
   */
  if (!g_path_is_absolute (value))
    return kiosk_key_file_reader_report (reader, KIOSK_CONFIG_ERROR_INVALID_VALUE, KIOSK_GROUP, key,
                                         "“%s” is not an absolute folder path like “/srv/scans”",
                                         value);

  *folder = g_canonicalize_filename (value, NULL);
  return TRUE;
}

/* HOST:PORT, where HOST is an IP address or a name ("0.0.0.0:8765",
 * "[::]:8765", "127.0.0.1:0" for a free port, in tests).
 */
static gboolean
read_listen_address (Reader  *reader,
                     char   **address)
{
  g_autofree char *value = kiosk_key_file_reader_read_string (reader, KIOSK_GROUP, "RemoteListen",
                                                              FALSE);
  g_autoptr(GSocketConnectable) connectable = NULL;

  if (value == NULL)
    return TRUE;

  connectable = g_network_address_parse (value, 0, NULL);
  if (connectable == NULL || strchr (value, ':') == NULL || strchr (value, '/') != NULL)
    return kiosk_key_file_reader_report (reader, KIOSK_CONFIG_ERROR_INVALID_VALUE, KIOSK_GROUP,
                                         "RemoteListen", "“%s” is not an address and port like "
                                         "“0.0.0.0:8765”", value);

  *address = g_steal_pointer (&value);
  return TRUE;
}

/* The station API listens only with its token; TLS needs both halves. */
static void
check_remote_keys (KioskConfig *self,
                   Reader      *reader)
{
  if (self->remote_listen != NULL && self->remote_token_file == NULL)
    kiosk_key_file_reader_report (reader, KIOSK_CONFIG_ERROR_MISSING_KEY, KIOSK_GROUP,
                                  "RemoteListen", "the station API needs RemoteTokenFile, the file "
                                  "of its token");
  if ((self->remote_tls_certificate == NULL) != (self->remote_tls_key == NULL))
    {
      const char *missing = self->remote_tls_certificate == NULL ? "RemoteTlsKey"
                                                                 : "RemoteTlsCertificate";

      kiosk_key_file_reader_report (reader, KIOSK_CONFIG_ERROR_MISSING_KEY, KIOSK_GROUP, missing,
                                    "RemoteTlsCertificate and RemoteTlsKey go together");
    }
}

static gboolean
read_file_path (Reader      *reader,
                const char  *key,
                char       **path)
{
  g_autofree char *value = kiosk_key_file_reader_read_string (reader, KIOSK_GROUP, key, FALSE);

  if (value == NULL)
    return TRUE;

  if (!g_path_is_absolute (value))
    return kiosk_key_file_reader_report (reader, KIOSK_CONFIG_ERROR_INVALID_VALUE, KIOSK_GROUP, key,
                                         "“%s” is not an absolute file path like "
                                         "“/etc/pimms-kiosk/token”", value);

  *path = g_steal_pointer (&value);
  return TRUE;
}

static gboolean
read_host_patterns (Reader         *reader,
                    const char     *group,
                    const char     *key,
                    KioskAllowList *allow_list)
{
  g_auto(GStrv) patterns = NULL;
  gboolean all_valid = TRUE;

  patterns = g_key_file_get_string_list (key_file_of (reader), group, key, NULL, NULL);

  for (guint i = 0; patterns != NULL && patterns[i] != NULL; i++)
    {
      g_autoptr(GError) local_error = NULL;
      const char *pattern = g_strstrip (patterns[i]);

      if (*pattern == '\0')
        continue;

      if (!kiosk_allow_list_add_pattern (allow_list, pattern, &local_error))
        all_valid = kiosk_key_file_reader_report (reader, KIOSK_CONFIG_ERROR_INVALID_VALUE, group,
                                                  key, "%s", local_error->message);
    }

  return all_valid;
}

/* Service and profile ids follow the same rules, so that both are safe
 * to type on a command line (--open, check-url --profile).
 */
static gboolean
id_is_valid (const char *id)
{
  if (*id == '\0')
    return FALSE;

  for (const char *p = id; *p != '\0'; p++)
    {
      if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '-')
        return FALSE;
    }

  return TRUE;
}

/* The entry page must pass the very policy every navigation goes
 * through, or the tile would open on a refusal.
 */
static gboolean
check_entry_url (KioskConfig  *self,
                 Reader       *reader,
                 const char   *group,
                 KioskProfile *profile,
                 KioskService *service)
{
  const char *url = kiosk_service_get_url (service);
  const char *problem;

  switch (kiosk_policy_decide (self->policy, profile, service, url, KIOSK_POLICY_FLAGS_NONE, NULL))
    {
    case KIOSK_VERDICT_ALLOW:
      return TRUE;
    case KIOSK_VERDICT_DENY_SCHEME:
      problem = "must start with “https://” (plain “http://” only with AllowInsecureHttp=true)";
      break;
    case KIOSK_VERDICT_DENY_NOT_ALLOWED:
      problem = "is not allowed by the service's Allow list";
      break;
    case KIOSK_VERDICT_DENY_IP_ADDRESS:
      problem = "names an IP address; only host names may be used";
      break;
    case KIOSK_VERDICT_DENY_USERINFO:
    case KIOSK_VERDICT_DENY_MALFORMED:
    default:
      problem = "is not a web address like “https://www.caf.fr/”";
      break;
    }

  return kiosk_key_file_reader_report (reader, KIOSK_CONFIG_ERROR_INVALID_VALUE, group, "Url",
                                       "“%s” %s", url, problem);
}

/* Returns whether @group's Profile=, if any, names a profile of the file;
 * @profile is then that profile, or %NULL for a public service.
 */
static gboolean
read_service_profile (KioskConfig   *self,
                      Reader        *reader,
                      const char    *group,
                      char         **profile_id,
                      KioskProfile **profile)
{
  g_autofree char *value = kiosk_key_file_reader_read_string (reader, group, "Profile", FALSE);
  g_autofree char *profile_group = NULL;

  *profile = NULL;

  /* An empty Profile= must not quietly make a workshop's service public. */
  if (value == NULL && g_key_file_has_key (key_file_of (reader), group, "Profile", NULL))
    return kiosk_key_file_reader_report (reader, KIOSK_CONFIG_ERROR_INVALID_VALUE, group, "Profile",
                                         "empty; name a profile, or remove this key for a public "
                                         "service");
  if (value == NULL)
    return TRUE;

  profile_group = g_strconcat (PROFILE_GROUP_PREFIX, value, NULL);
  if (!g_key_file_has_group (key_file_of (reader), profile_group))
    return kiosk_key_file_reader_report (reader, KIOSK_CONFIG_ERROR_INVALID_VALUE, group, "Profile",
                                         "unknown profile “%s”; add a [Profile %s] group or "
                                         "remove this key", value, value);

  /* A [Profile] group with mistakes of its own has been reported already,
   * and gives no profile to check the entry page with.
   */
  *profile = kiosk_config_lookup_profile (self, value);
  *profile_id = g_steal_pointer (&value);
  return *profile != NULL;
}

static KioskService *
read_service (KioskConfig *self,
              Reader      *reader,
              const char  *group)
{
  const char *id = group + strlen (SERVICE_GROUP_PREFIX);
  g_autoptr(KioskAllowList) allow_list = kiosk_allow_list_new ();
  g_autoptr(KioskAllowList) frame_list = kiosk_allow_list_new ();
  g_autoptr(KioskAllowList) resource_list = kiosk_allow_list_new ();
  g_autoptr(GHashTable) names = NULL;
  g_autoptr(GHashTable) descriptions = NULL;
  g_autoptr(GHashTable) keywords = NULL;
  g_autofree char *url = NULL;
  g_autofree char *category = NULL;
  g_autofree char *profile_id = NULL;
  g_autoptr(KioskService) service = NULL;
  KioskProfile *profile = NULL;
  gboolean valid = TRUE;

  if (!id_is_valid (id))
    valid = kiosk_key_file_reader_report (reader, KIOSK_CONFIG_ERROR_INVALID_VALUE, group, NULL,
                                          "a service id uses only lowercase letters, digits and "
                                          "“-”, like [Service caf]");

  valid &= kiosk_key_file_reader_check_known_keys (reader, group, service_keys);

  names = kiosk_localized_read (key_file_of (reader), group, "Name");
  if (names == NULL)
    valid = kiosk_key_file_reader_report (reader, KIOSK_CONFIG_ERROR_MISSING_KEY, group, "Name",
                                          "this key is required and is missing or empty");
  descriptions = kiosk_localized_read (key_file_of (reader), group, "Description");
  keywords = kiosk_localized_read (key_file_of (reader), group, "Keywords");

  url = kiosk_key_file_reader_read_string (reader, group, "Url", TRUE);
  valid &= url != NULL;

  category = kiosk_key_file_reader_read_string (reader, group, "Category", TRUE);
  if (category != NULL && !kiosk_category_is_known (category))
    {
      g_autofree char *known = g_strjoinv (", ", (GStrv) kiosk_category_get_ids ());

      valid = kiosk_key_file_reader_report (reader, KIOSK_CONFIG_ERROR_INVALID_VALUE, group,
                                            "Category", "unknown category “%s”; use one of %s",
                                            category, known);
    }
  valid &= category != NULL;

  valid &= read_host_patterns (reader, group, "Allow", allow_list);
  valid &= read_host_patterns (reader, group, "Frames", frame_list);
  valid &= read_host_patterns (reader, group, "Resources", resource_list);
  valid &= read_service_profile (self, reader, group, &profile_id, &profile);

  if (!valid)
    return NULL;

  service = kiosk_service_new (id, kiosk_localized_get (names),
                               descriptions != NULL ? kiosk_localized_get (descriptions) : NULL,
                               url, category, profile_id, allow_list);
  kiosk_service_set_frame_list (service, frame_list);
  kiosk_service_set_resource_list (service, resource_list);
  kiosk_service_set_translations (service, g_steal_pointer (&names),
                                  g_steal_pointer (&descriptions), g_steal_pointer (&keywords));
  if (!check_entry_url (self, reader, group, profile, service))
    return NULL;

  return g_steal_pointer (&service);
}

static KioskProfile *
read_profile (Reader     *reader,
              const char *group)
{
  const char *id = group + strlen (PROFILE_GROUP_PREFIX);
  g_autoptr(KioskAllowList) allow_list = kiosk_allow_list_new ();
  g_autoptr(GHashTable) names = NULL;
  gboolean valid = TRUE;

  if (!id_is_valid (id))
    valid = kiosk_key_file_reader_report (reader, KIOSK_CONFIG_ERROR_INVALID_VALUE, group, NULL,
                                          "a profile id uses only lowercase letters, digits and "
                                          "“-”, like [Profile atelier]");

  valid &= kiosk_key_file_reader_check_known_keys (reader, group, profile_keys);

  names = kiosk_localized_read (key_file_of (reader), group, "Name");
  if (names == NULL)
    valid = kiosk_key_file_reader_report (reader, KIOSK_CONFIG_ERROR_MISSING_KEY, group, "Name",
                                          "this key is required and is missing or empty");

  valid &= read_host_patterns (reader, group, "Hosts", allow_list);

  if (!valid)
    return NULL;

  return kiosk_profile_new_localized (id, g_steal_pointer (&names), allow_list);
}

/* A profile must change something when staff turn it on: open hosts, or
 * bring services of its own. Services are counted from the file, so that
 * one refused for another mistake does not add a second, misleading one.
 */
static void
check_profile_does_something (Reader             *reader,
                              const char * const *groups,
                              const char         *group)
{
  const char *id = group + strlen (PROFILE_GROUP_PREFIX);
  g_auto(GStrv) hosts = NULL;

  hosts = g_key_file_get_string_list (key_file_of (reader), group, "Hosts", NULL, NULL);
  for (guint i = 0; hosts != NULL && hosts[i] != NULL; i++)
    {
      if (*g_strstrip (hosts[i]) != '\0')
        return;
    }

  for (guint i = 0; groups[i] != NULL; i++)
    {
      g_autofree char *profile = NULL;

      if (!g_str_has_prefix (groups[i], SERVICE_GROUP_PREFIX))
        continue;

      profile = g_key_file_get_string (key_file_of (reader), groups[i], "Profile", NULL);
      if (profile != NULL && strcmp (g_strstrip (profile), id) == 0)
        return;
    }

  kiosk_key_file_reader_report (reader, KIOSK_CONFIG_ERROR_MISSING_KEY, group, NULL, "this "
                                "profile has no Hosts and no service names it with Profile=%s: "
                                "turning it on would change nothing", id);
}

static void
read_kiosk_group (KioskConfig *self,
                  Reader      *reader)
{
  kiosk_key_file_reader_check_known_keys (reader, KIOSK_GROUP, kiosk_keys);

  self->station_id = kiosk_key_file_reader_read_string (reader, KIOSK_GROUP, "StationId", FALSE);
  if (self->station_id == NULL)
    self->station_id = g_strdup (g_get_host_name ());

  self->site = kiosk_key_file_reader_read_string (reader, KIOSK_GROUP, "Site", FALSE);
  if (self->site == NULL)
    self->site = g_strdup ("");


  read_number (reader, "IdleTimeout", "seconds", 1, 24 * 3600, &self->idle_timeout);
  read_number (reader, "IdleWarning", "seconds", 1, 3600, &self->idle_warning);
  read_number (reader, "AssistedIdleTimeout", "seconds", 1, 24 * 3600,
               &self->assisted_idle_timeout);
  read_number (reader, "MaxSessionMinutes", "minutes", 0, 24 * 60, &self->max_session_minutes);
  read_boolean (reader, "AllowInsecureHttp", &self->allow_insecure_http);
  read_boolean (reader, "StrictResources", &self->strict_resources);
  read_proxy (reader, &self->proxy);
  read_folder (reader, "UploadFolder", &self->upload_folder);
  read_number (reader, "MaxPrintPages", "pages", 0, 1000, &self->max_print_pages);
  self->printer = kiosk_key_file_reader_read_string (reader, KIOSK_GROUP, "Printer", FALSE);
  read_boolean (reader, "Survey", &self->survey);
  read_listen_address (reader, &self->remote_listen);
  read_file_path (reader, "RemoteTokenFile", &self->remote_token_file);
  read_file_path (reader, "RemoteTlsCertificate", &self->remote_tls_certificate);
  read_file_path (reader, "RemoteTlsKey", &self->remote_tls_key);
  read_file_path (reader, "StaffPinFile", &self->staff_pin_file);
  read_boolean (reader, "StaffMayQuit", &self->staff_may_quit);
  check_remote_keys (self, reader);
}

/* A larger list than [Block] Hosts, in WebKit's content-blocker format:
 * read whole and checked now, so that a broken one is a config error.
 */
static void
read_block_list_file (KioskConfig *self,
                      Reader      *reader)
{
  g_autofree char *path = kiosk_key_file_reader_read_string (reader, BLOCK_GROUP,
                                                             "BlockListFile", FALSE);
  g_autoptr(GError) error = NULL;

  if (path == NULL)
    return;

  if (!g_path_is_absolute (path))
    {
      kiosk_key_file_reader_report (reader, KIOSK_CONFIG_ERROR_INVALID_VALUE, BLOCK_GROUP,
                                    "BlockListFile", "“%s” is not an absolute file path like "
                                    "“/etc/pimms-kiosk/trackers.json”", path);
      return;
    }

  self->block_list_rules = kiosk_block_list_load (path, &error);
  if (self->block_list_rules == NULL)
    kiosk_key_file_reader_report (reader, error->code, BLOCK_GROUP, "BlockListFile", "%s: %s",
                                  path, error->message);
}

static void
kiosk_config_read (KioskConfig *self,
                   Reader      *reader)
{
  g_auto(GStrv) groups = g_key_file_get_groups (key_file_of (reader), NULL);
  gboolean has_service_group = FALSE;

  read_kiosk_group (self, reader);

  if (g_key_file_has_group (key_file_of (reader), ALLOW_GROUP))
    {
      kiosk_key_file_reader_check_known_keys (reader, ALLOW_GROUP, allow_keys);
      read_host_patterns (reader, ALLOW_GROUP, "Hosts", self->global_allow_list);
      read_host_patterns (reader, ALLOW_GROUP, "Frames", self->global_frame_list);
      read_host_patterns (reader, ALLOW_GROUP, "Resources", self->global_resource_list);
    }

  if (g_key_file_has_group (key_file_of (reader), PAYMENT_GROUP))
    {
      kiosk_key_file_reader_check_known_keys (reader, PAYMENT_GROUP, payment_keys);
      read_host_patterns (reader, PAYMENT_GROUP, "Hosts", self->payment_list);
    }

  /* Trackers and advertisers: no load of any kind reaches them. */
  if (g_key_file_has_group (key_file_of (reader), BLOCK_GROUP))
    {
      kiosk_key_file_reader_check_known_keys (reader, BLOCK_GROUP, block_keys);
      read_host_patterns (reader, BLOCK_GROUP, "Hosts", self->block_list);
      read_block_list_file (self, reader);
    }

  /* Everything the policy needs has been read, so it is built now, once:
   * the services' entry pages below are checked by the very policy the
   * kiosk then decides with.
   */
  self->policy = kiosk_policy_new (self->global_allow_list, self->global_frame_list,
                                   self->payment_list, self->block_list, self->block_list_rules,
                                   self->allow_insecure_http);
  if (self->strict_resources)
    kiosk_policy_set_strict_resources (self->policy, self->global_resource_list);

  /* Profiles first: a service's entry page is checked with its profile on,
   * wherever the two groups are in the file.
   */
  for (guint i = 0; groups[i] != NULL; i++)
    {
      KioskProfile *profile;

      if (!g_str_has_prefix (groups[i], PROFILE_GROUP_PREFIX))
        continue;

      profile = read_profile (reader, groups[i]);
      if (profile != NULL)
        g_ptr_array_add (self->profiles, profile);
      check_profile_does_something (reader, (const char * const *) groups, groups[i]);
    }

  for (guint i = 0; groups[i] != NULL; i++)
    {
      KioskService *service;

      if (strcmp (groups[i], KIOSK_GROUP) == 0 || strcmp (groups[i], ALLOW_GROUP) == 0 ||
          strcmp (groups[i], PAYMENT_GROUP) == 0 || strcmp (groups[i], BLOCK_GROUP) == 0 ||
          g_str_has_prefix (groups[i], PROFILE_GROUP_PREFIX))
        continue;

      if (!g_str_has_prefix (groups[i], SERVICE_GROUP_PREFIX))
        {
          kiosk_key_file_reader_report (reader, KIOSK_CONFIG_ERROR_UNKNOWN_GROUP, groups[i], NULL,
                                        "unknown group; expected [Kiosk], [Allow], [Payment], "
                                        "[Block], [Service ID] or [Profile ID]");
          continue;
        }

      has_service_group = TRUE;
      service = read_service (self, reader, groups[i]);
      if (service != NULL)
        g_ptr_array_add (self->services, service);
    }

  if (!has_service_group)
    {
      kiosk_key_file_reader_report (reader, KIOSK_CONFIG_ERROR_NO_SERVICE, NULL, NULL, "no "
                                    "[Service ID] group: the home screen would be empty");
    }
}

/**
 * kiosk_config_find_default_path:
 *
 * Returns: (transfer full): the station's override in /etc/pimms-kiosk when
 *   it exists, otherwise the default config installed with the kiosk
 */
char *
kiosk_config_find_default_path (void)
{
  if (g_file_test (SYSCONF_CONFIG, G_FILE_TEST_EXISTS))
    return g_strdup (SYSCONF_CONFIG);

  return g_build_filename (PKGDATADIR, "kiosk.conf", NULL);
}

/**
 * kiosk_config_dup_service_names:
 * @self: a #KioskConfig
 *
 * Returns: (transfer full) (element-type utf8 utf8): each service's id →
 *   its name in the language of the moment, for reports that name
 *   services rather than show their ids
 */
GHashTable *
kiosk_config_dup_service_names (KioskConfig *self)
{
  GHashTable *names;

  g_return_val_if_fail (KIOSK_IS_CONFIG (self), NULL);

  names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < self->services->len; i++)
    {
      KioskService *service = g_ptr_array_index (self->services, i);

      g_hash_table_insert (names, g_strdup (kiosk_service_get_id (service)),
                           g_strdup (kiosk_service_get_name (service)));
    }
  return names;
}

/**
 * kiosk_config_load:
 * @path: the config file
 * @error: return location for a #KIOSK_CONFIG_ERROR
 *
 * Reads and validates the whole file. Any problem makes it an error,
 * whose message has one line per problem of the form
 * "FILE:LINE: [Group] Key: what is wrong", so that the caller can fail
 * closed and the admin can find every fault at once.
 *
 * Returns: (transfer full): the config, or %NULL with @error set
 */
KioskConfig *
kiosk_config_load (const char  *path,
                   GError     **error)
{
  g_autoptr(KioskConfig) self = NULL;
  g_autoptr(KioskKeyFileReader) reader = NULL;
  KioskKeyFileErrors errors = {
    KIOSK_CONFIG_ERROR, KIOSK_CONFIG_ERROR_UNREADABLE, KIOSK_CONFIG_ERROR_SYNTAX,
    KIOSK_CONFIG_ERROR_MISSING_KEY, KIOSK_CONFIG_ERROR_UNKNOWN_KEY,
  };

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  reader = kiosk_key_file_reader_load (path, &errors, error);
  if (reader == NULL)
    return NULL;

  if (!g_key_file_has_group (key_file_of (reader), KIOSK_GROUP))
    {
      g_set_error (error, KIOSK_CONFIG_ERROR, KIOSK_CONFIG_ERROR_MISSING_KEY,
                   "%s:0: [Kiosk]: the [Kiosk] group is missing", path);
      return NULL;
    }

  self = g_object_new (KIOSK_TYPE_CONFIG, NULL);
  self->path = g_strdup (path);

  kiosk_config_read (self, reader);
  if (!kiosk_key_file_reader_finish (reader, error))
    return NULL;
  self->version = kiosk_config_version_of (key_file_of (reader));

  return g_steal_pointer (&self);
}

/**
 * kiosk_config_get_version:
 * @self: a #KioskConfig
 *
 * Returns: the version of what this config shares with the other
 *   stations (kiosk_config_version_of()): twelve hexadecimal digits
 */
const char *
kiosk_config_get_version (KioskConfig *self)
{
  g_return_val_if_fail (KIOSK_IS_CONFIG (self), NULL);

  return self->version;
}

const char *
kiosk_config_get_path (KioskConfig *self)
{
  g_return_val_if_fail (KIOSK_IS_CONFIG (self), NULL);

  return self->path;
}

const char *
kiosk_config_get_station_id (KioskConfig *self)
{
  g_return_val_if_fail (KIOSK_IS_CONFIG (self), NULL);

  return self->station_id;
}

const char *
kiosk_config_get_site (KioskConfig *self)
{
  g_return_val_if_fail (KIOSK_IS_CONFIG (self), NULL);

  return self->site;
}

guint
kiosk_config_get_idle_timeout (KioskConfig *self)
{
  g_return_val_if_fail (KIOSK_IS_CONFIG (self), 0);

  return self->idle_timeout;
}

/**
 * kiosk_config_get_assisted_idle_timeout:
 * @self: a #KioskConfig
 *
 * Returns: seconds without input before the idle countdown while a
 *   mediator helps (AssistedIdleTimeout): longer than IdleTimeout, since
 *   they talk, but not endless, since they may both walk away
 */
guint
kiosk_config_get_assisted_idle_timeout (KioskConfig *self)
{
  g_return_val_if_fail (KIOSK_IS_CONFIG (self), 0);

  return self->assisted_idle_timeout;
}

guint
kiosk_config_get_idle_warning (KioskConfig *self)
{
  g_return_val_if_fail (KIOSK_IS_CONFIG (self), 0);

  return self->idle_warning;
}

/**
 * kiosk_config_get_max_session_minutes:
 * @self: a #KioskConfig
 *
 * Returns: how long a user session may last, or 0 for no limit
 */
guint
kiosk_config_get_max_session_minutes (KioskConfig *self)
{
  g_return_val_if_fail (KIOSK_IS_CONFIG (self), 0);

  return self->max_session_minutes;
}

/**
 * kiosk_config_get_proxy:
 * @self: a #KioskConfig
 *
 * Returns: (nullable): the proxy all web traffic goes through, if any
 */
const char *
kiosk_config_get_proxy (KioskConfig *self)
{
  g_return_val_if_fail (KIOSK_IS_CONFIG (self), NULL);

  return self->proxy;
}

/**
 * kiosk_config_get_upload_folder:
 * @self: a #KioskConfig
 *
 * Returns: (nullable): the folder whose files (a scanner's drop folder)
 *   a resident may send to a site, or %NULL
 */
const char *
kiosk_config_get_upload_folder (KioskConfig *self)
{
  g_return_val_if_fail (KIOSK_IS_CONFIG (self), NULL);

  return self->upload_folder;
}

/**
 * kiosk_config_get_max_print_pages:
 * @self: a #KioskConfig
 *
 * Returns: how many pages one user session may print; 0 turns printing off
 */
guint
kiosk_config_get_max_print_pages (KioskConfig *self)
{
  g_return_val_if_fail (KIOSK_IS_CONFIG (self), 0);

  return self->max_print_pages;
}

/**
 * kiosk_config_get_printer:
 * @self: a #KioskConfig
 *
 * Returns: (nullable): the name of the print queue to use, or %NULL for
 *   the system's default printer
 */
const char *
kiosk_config_get_printer (KioskConfig *self)
{
  g_return_val_if_fail (KIOSK_IS_CONFIG (self), NULL);

  return self->printer;
}

/**
 * kiosk_config_get_remote_listen:
 * @self: a #KioskConfig
 *
 * Returns: (nullable): HOST:PORT of the station API, or %NULL for none
 */
const char *
kiosk_config_get_remote_listen (KioskConfig *self)
{
  g_return_val_if_fail (KIOSK_IS_CONFIG (self), NULL);

  return self->remote_listen;
}

/**
 * kiosk_config_get_remote_token_file:
 * @self: a #KioskConfig
 *
 * Returns: (nullable): the file of the station API's bearer token
 */
const char *
kiosk_config_get_remote_token_file (KioskConfig *self)
{
  g_return_val_if_fail (KIOSK_IS_CONFIG (self), NULL);

  return self->remote_token_file;
}

/**
 * kiosk_config_get_remote_tls_certificate:
 * @self: a #KioskConfig
 *
 * Returns: (nullable): the PEM certificate of the station API, for HTTPS
 */
const char *
kiosk_config_get_remote_tls_certificate (KioskConfig *self)
{
  g_return_val_if_fail (KIOSK_IS_CONFIG (self), NULL);

  return self->remote_tls_certificate;
}

/**
 * kiosk_config_get_remote_tls_key:
 * @self: a #KioskConfig
 *
 * Returns: (nullable): the PEM private key of that certificate
 */
const char *
kiosk_config_get_remote_tls_key (KioskConfig *self)
{
  g_return_val_if_fail (KIOSK_IS_CONFIG (self), NULL);

  return self->remote_tls_key;
}

/**
 * kiosk_config_get_staff_pin_file:
 * @self: a #KioskConfig
 *
 * Returns: (nullable): the file of the hashed staff PIN
 */
const char *
kiosk_config_get_staff_pin_file (KioskConfig *self)
{
  g_return_val_if_fail (KIOSK_IS_CONFIG (self), NULL);

  return self->staff_pin_file;
}

/**
 * kiosk_config_get_staff_may_quit:
 * @self: a #KioskConfig
 *
 * Returns: whether the staff panel offers to quit the kiosk, for a
 *   computer that is also used as an ordinary desktop
 */
gboolean
kiosk_config_get_staff_may_quit (KioskConfig *self)
{
  g_return_val_if_fail (KIOSK_IS_CONFIG (self), FALSE);

  return self->staff_may_quit;
}

/**
 * kiosk_config_get_survey:
 * @self: a #KioskConfig
 *
 * Returns: whether leaving residents are asked the two optional survey
 *   questions
 */
gboolean
kiosk_config_get_survey (KioskConfig *self)
{
  g_return_val_if_fail (KIOSK_IS_CONFIG (self), FALSE);

  return self->survey;
}

gboolean
kiosk_config_get_allow_insecure_http (KioskConfig *self)
{
  g_return_val_if_fail (KIOSK_IS_CONFIG (self), FALSE);

  return self->allow_insecure_http;
}

/**
 * kiosk_config_get_global_allow_list:
 * @self: a #KioskConfig
 *
 * Returns: (transfer none): the `[Allow] Hosts` every service may reach
 */
KioskAllowList *
kiosk_config_get_global_allow_list (KioskConfig *self)
{
  g_return_val_if_fail (KIOSK_IS_CONFIG (self), NULL);

  return self->global_allow_list;
}

/**
 * kiosk_config_get_policy:
 * @self: a #KioskConfig
 *
 * The station's URL policy, built once when the config was loaded from
 * its `[Allow] Hosts` and `AllowInsecureHttp`: what kiosk_policy_decide()
 * takes. It never changes, and may be kept after the config is dropped.
 *
 * Returns: (transfer none): the policy
 */
KioskPolicy *
kiosk_config_get_policy (KioskConfig *self)
{
  g_return_val_if_fail (KIOSK_IS_CONFIG (self), NULL);

  return self->policy;
}

/**
 * kiosk_config_get_services:
 * @self: a #KioskConfig
 *
 * Every service, those of profiles included: the public home screen shows
 * only those whose kiosk_service_get_profile() is %NULL.
 *
 * Returns: (transfer none) (element-type KioskService): the services, in file order
 */
GPtrArray *
kiosk_config_get_services (KioskConfig *self)
{
  g_return_val_if_fail (KIOSK_IS_CONFIG (self), NULL);

  return self->services;
}

/**
 * kiosk_config_lookup_service:
 * @self: a #KioskConfig
 * @id: a service id
 *
 * Returns: (transfer none) (nullable): the service, or %NULL if none has @id
 */
KioskService *
kiosk_config_lookup_service (KioskConfig *self,
                             const char  *id)
{
  g_return_val_if_fail (KIOSK_IS_CONFIG (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < self->services->len; i++)
    {
      KioskService *service = g_ptr_array_index (self->services, i);

      if (strcmp (kiosk_service_get_id (service), id) == 0)
        return service;
    }

  return NULL;
}

/**
 * kiosk_config_require_service:
 * @self: a #KioskConfig
 * @id: a service id, as given to `--open`
 * @error: return location for a #KIOSK_CONFIG_ERROR_UNKNOWN_SERVICE
 *
 * Returns: (transfer none): the service, or %NULL with an error that names
 *   the config file and the services it does have
 */
KioskService *
kiosk_config_require_service (KioskConfig  *self,
                              const char   *id,
                              GError      **error)
{
  g_autoptr(GStrvBuilder) ids = NULL;
  g_auto(GStrv) known = NULL;
  g_autofree char *list = NULL;
  KioskService *service;

  g_return_val_if_fail (KIOSK_IS_CONFIG (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  service = kiosk_config_lookup_service (self, id);
  if (service != NULL)
    return service;

  ids = g_strv_builder_new ();
  for (guint i = 0; i < self->services->len; i++)
    g_strv_builder_add (ids, kiosk_service_get_id (g_ptr_array_index (self->services, i)));
  known = g_strv_builder_end (ids);
  list = g_strjoinv (", ", known);

  g_set_error (error, KIOSK_CONFIG_ERROR, KIOSK_CONFIG_ERROR_UNKNOWN_SERVICE,
               "%s:0: [Service %s]: no such service; --open takes one of %s",
               self->path, id, list);
  return NULL;
}

/**
 * kiosk_config_get_profiles:
 * @self: a #KioskConfig
 *
 * Returns: (transfer none) (element-type KioskProfile): the profiles staff
 *   may turn on, in file order; empty when the file has none
 */
GPtrArray *
kiosk_config_get_profiles (KioskConfig *self)
{
  g_return_val_if_fail (KIOSK_IS_CONFIG (self), NULL);

  return self->profiles;
}

/**
 * kiosk_config_lookup_profile:
 * @self: a #KioskConfig
 * @id: a profile id
 *
 * Returns: (transfer none) (nullable): the profile, or %NULL if none has @id
 */
KioskProfile *
kiosk_config_lookup_profile (KioskConfig *self,
                             const char  *id)
{
  g_return_val_if_fail (KIOSK_IS_CONFIG (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < self->profiles->len; i++)
    {
      KioskProfile *profile = g_ptr_array_index (self->profiles, i);

      if (strcmp (kiosk_profile_get_id (profile), id) == 0)
        return profile;
    }

  return NULL;
}
