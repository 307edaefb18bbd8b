/* kiosk-refusals.c — what a session refused, as staff record it to fix the catalogue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-refusals"

#include "config.h"

#include "kiosk-refusals.h"

#include "kiosk-config.h"
#include "kiosk-policy.h"
#include "kiosk-url.h"

#include <json-glib/json-glib.h>
#include <string.h>

/* The learning mode of the staff panel: a mediator walks a new démarche
 * once, and what the kiosk refused on the way (which host, as what, in
 * which service) becomes the `Allow=`, `Frames=` and `Resources=` lines
 * that let it through. The list lives in memory for one session; the station API
 * gives it to the desk as JSON, which pimms-kiosk-admin reads back.
 */

G_DEFINE_QUARK (kiosk-refusals-error-quark, kiosk_refusals_error)

static const char * const kind_names[] = {
  [KIOSK_REFUSAL_PAGE] = "page",
  [KIOSK_REFUSAL_FRAME] = "frame",
  [KIOSK_REFUSAL_POPUP] = "popup",
  [KIOSK_REFUSAL_DOWNLOAD] = "download",
  [KIOSK_REFUSAL_RESOURCE] = "resource",
};

/* A service id, as a config's group names it: nothing that could break a
 * line of the config it is written back into.
 */
#define MAX_SERVICE_ID 64

const char *
kiosk_refusal_kind_to_string (KioskRefusalKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (kind_names), NULL);

  return kind_names[kind];
}

gboolean
kiosk_refusal_kind_from_string (const char       *text,
                                KioskRefusalKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    {
      if (g_strcmp0 (text, kind_names[i]) == 0)
        {
          *kind = i;
          return TRUE;
        }
    }
  return FALSE;
}

static void
refusal_free (gpointer data)
{
  KioskRefusal *refusal = data;

  g_free (refusal->service);
  g_free (refusal->host);
  g_free (refusal);
}

/**
 * kiosk_refusals_new:
 *
 * Returns: (transfer full) (element-type KioskRefusal): an empty list
 */
GPtrArray *
kiosk_refusals_new (void)
{
  return g_ptr_array_new_with_free_func (refusal_free);
}

static KioskRefusal *
find_refusal (GPtrArray        *refusals,
              const char       *service,
              KioskRefusalKind  kind,
              const char       *host)
{
  for (guint i = 0; i < refusals->len; i++)
    {
      KioskRefusal *refusal = g_ptr_array_index (refusals, i);

      if (refusal->kind == kind && strcmp (refusal->service, service) == 0 &&
          strcmp (refusal->host, host) == 0)
        return refusal;
    }
  return NULL;
}

/**
 * kiosk_refusals_add:
 * @refusals: (element-type KioskRefusal): a list
 * @service: the id of the service open when it was refused
 * @kind: what was refused
 * @host: the host refused, never more of the address
 *
 * Counts one more refusal of @host as @kind in @service.
 *
 * Returns: %FALSE if the list was full and a new refusal was left out
 */
gboolean
kiosk_refusals_add (GPtrArray        *refusals,
                    const char       *service,
                    KioskRefusalKind  kind,
                    const char       *host)
{
  KioskRefusal *refusal;

  g_return_val_if_fail (refusals != NULL, FALSE);
  g_return_val_if_fail (service != NULL && host != NULL, FALSE);

  refusal = find_refusal (refusals, service, kind, host);
  if (refusal != NULL)
    {
      refusal->count++;
      return TRUE;
    }

  if (refusals->len >= KIOSK_REFUSALS_MAX)
    return FALSE;

  refusal = g_new0 (KioskRefusal, 1);
  refusal->service = g_strdup (service);
  refusal->kind = kind;
  refusal->host = g_strdup (host);
  refusal->count = 1;
  g_ptr_array_add (refusals, refusal);
  return TRUE;
}

/**
 * kiosk_refusals_to_json:
 * @refusals: (element-type KioskRefusal) (nullable): a list, or %NULL
 *   for none
 * @recording: whether staff are still recording
 *
 * Returns: (transfer full): the list as the station API gives it:
 *   `{"recording": …, "refused": [{"service": …, "kind": …, "host": …,
 *   "count": …}]}`
 */
char *
kiosk_refusals_to_json (GPtrArray *refusals,
                        gboolean   recording)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "recording");
  json_builder_add_boolean_value (builder, recording);
  json_builder_set_member_name (builder, "refused");
  json_builder_begin_array (builder);
  for (guint i = 0; refusals != NULL && i < refusals->len; i++)
    {
      KioskRefusal *refusal = g_ptr_array_index (refusals, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "service");
      json_builder_add_string_value (builder, refusal->service);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, kiosk_refusal_kind_to_string (refusal->kind));
      json_builder_set_member_name (builder, "host");
      json_builder_add_string_value (builder, refusal->host);
      json_builder_set_member_name (builder, "count");
      json_builder_add_int_value (builder, refusal->count);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, TRUE);
}

static gboolean
invalid (GError     **error,
         guint        item,
         const char  *problem)
{
  if (item == 0)
    g_set_error_literal (error, KIOSK_REFUSALS_ERROR, KIOSK_REFUSALS_ERROR_INVALID, problem);
  else
    g_set_error (error, KIOSK_REFUSALS_ERROR, KIOSK_REFUSALS_ERROR_INVALID,
                 "refusal %u: %s", item, problem);
  return FALSE;
}

static gboolean
is_service_id (const char *text)
{
  gsize length = strlen (text);

  if (length == 0 || length > MAX_SERVICE_ID)
    return FALSE;
  for (const char *c = text; *c != '\0'; c++)
    {
      if (!g_ascii_isalnum (*c) && *c != '-' && *c != '_' && *c != '.')
        return FALSE;
    }
  return TRUE;
}

/* A host as the kiosk writes it: what the URL parser makes of it is
 * itself (lower case, ASCII, no port, no user, nothing after).
 */
static gboolean
is_host (const char *text)
{
  g_autofree char *address = NULL;
  g_autoptr(KioskUrl) url = NULL;

  if (*text == '\0' || strpbrk (text, "/:@?#[]\\ ;") != NULL)
    return FALSE;
  address = g_strdup_printf ("https://%s/", text);
  url = kiosk_url_parse (address, NULL, NULL);
  return url != NULL && g_strcmp0 (url->host, text) == 0;
}

static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *member = json_object_get_member (object, name);

  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member) ||
      json_node_get_value_type (member) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (member);
}

static gboolean
add_from_json (GPtrArray  *refusals,
               JsonNode   *node,
               guint       item,
               GError    **error)
{
  JsonObject *object;
  JsonNode *count_node;
  const char *service, *kind_name, *host;
  KioskRefusalKind kind;
  gint64 count = 1;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, item, "not an object");
  object = json_node_get_object (node);

  service = string_member (object, "service");
  if (service == NULL || !is_service_id (service))
    return invalid (error, item, "“service” must be the id of a service, like “caf”");
  kind_name = string_member (object, "kind");
  if (!kiosk_refusal_kind_from_string (kind_name, &kind))
    return invalid (error, item, "“kind” must be page, frame, popup or download");
  host = string_member (object, "host");
  if (host == NULL || !is_host (host))
    return invalid (error, item, "“host” must be a host name, like “www.caf.fr”");

  count_node = json_object_get_member (object, "count");
  if (count_node != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (count_node) ||
          json_node_get_value_type (count_node) != G_TYPE_INT64 ||
          json_node_get_int (count_node) < 1 || json_node_get_int (count_node) > G_MAXUINT)
        return invalid (error, item, "“count” must be a whole number from 1");
      count = json_node_get_int (count_node);
    }

  if (!kiosk_refusals_add (refusals, service, kind, host))
    return invalid (error, item, "too many refusals");
  find_refusal (refusals, service, kind, host)->count += (guint) count - 1;
  return TRUE;
}

/**
 * kiosk_refusals_from_json:
 * @text: (array length=length): a list as kiosk_refusals_to_json() writes it
 * @length: its length in bytes, or -1 if it ends with a zero
 * @error: return location for a %KIOSK_REFUSALS_ERROR_INVALID
 *
 * Reads a list back, strictly: whatever is not a service id, a kind and a
 * host name is refused, since it is to be written into a config.
 *
 * Returns: (transfer full) (element-type KioskRefusal) (nullable): the
 *   list, or %NULL with @error saying what is wrong
 */
GPtrArray *
kiosk_refusals_from_json (const char  *text,
                          gssize       length,
                          GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GPtrArray) refusals = kiosk_refusals_new ();
  JsonNode *root;
  JsonNode *refused;
  JsonArray *array;

  g_return_val_if_fail (text != NULL, NULL);

  if (length < 0)
    length = strlen (text);
  if (memchr (text, '\0', length) != NULL || !g_utf8_validate_len (text, length, NULL))
    {
      invalid (error, 0, "the list is not UTF-8 text");
      return NULL;
    }
  if (!json_parser_load_from_data (parser, text, length, NULL))
    {
      invalid (error, 0, "the list is not valid JSON");
      return NULL;
    }

  root = json_parser_get_root (parser);
  refused = root != NULL && JSON_NODE_HOLDS_OBJECT (root)
            ? json_object_get_member (json_node_get_object (root), "refused") : NULL;
  if (refused == NULL || !JSON_NODE_HOLDS_ARRAY (refused))
    {
      invalid (error, 0, "the list is not an object with a “refused” array");
      return NULL;
    }

  array = json_node_get_array (refused);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      if (!add_from_json (refusals, json_array_get_element (array, i), i + 1, error))
        return NULL;
    }

  return g_steal_pointer (&refusals);
}

/* The patterns a config already lists for a key, as it writes them. */
static char *
existing_patterns (GKeyFile   *key_file,
                   const char *group,
                   const char *key)
{
  g_autofree char *value = NULL;

  if (key_file == NULL)
    return NULL;
  value = g_key_file_get_string (key_file, group, key, NULL);
  if (value == NULL)
    return NULL;
  g_strstrip (value);
  while (g_str_has_suffix (value, ";"))
    value[strlen (value) - 1] = '\0';
  return *value != '\0' ? g_steal_pointer (&value) : NULL;
}

static KioskPolicyFlags
policy_flags (KioskRefusalKind kind)
{
  switch (kind)
    {
    case KIOSK_REFUSAL_FRAME:
      return KIOSK_POLICY_FRAME;
    case KIOSK_REFUSAL_RESOURCE:
      return KIOSK_POLICY_RESOURCE;
    case KIOSK_REFUSAL_PAGE:
    case KIOSK_REFUSAL_POPUP:
    case KIOSK_REFUSAL_DOWNLOAD:
    default:
      return KIOSK_POLICY_FLAGS_NONE;
    }
}

/* Whether a line would let @refusal through: not if the config lets it
 * through already (a line added since, a pattern that covers the host,
 * [Allow], a part of a page outside strict mode), nor if it blocks it on
 * purpose (a tracker of `[Block]`, which no `Resources` line unblocks).
 * Asked of the config's own policy, the judge the kiosk itself asks.
 */
static gboolean
needs_a_line (KioskConfig  *config,
              KioskService *service,
              KioskRefusal *refusal)
{
  const char *profile_id = kiosk_service_get_profile (service);
  KioskProfile *profile = profile_id != NULL ? kiosk_config_lookup_profile (config, profile_id)
                                             : NULL;
  g_autofree char *address = g_strdup_printf ("https://%s/", refusal->host);
  KioskVerdict verdict;

  verdict = kiosk_policy_decide (kiosk_config_get_policy (config), profile, service, address,
                                 policy_flags (refusal->kind), NULL);
  return verdict != KIOSK_VERDICT_ALLOW && verdict != KIOSK_VERDICT_DENY_BLOCKED;
}

/* The key whose hosts let a refusal of @kind through. */
static const char *
refusal_key (KioskRefusalKind kind)
{
  switch (kind)
    {
    case KIOSK_REFUSAL_FRAME:
      return "Frames";
    case KIOSK_REFUSAL_RESOURCE:
      return "Resources";
    case KIOSK_REFUSAL_PAGE:
    case KIOSK_REFUSAL_POPUP:
    case KIOSK_REFUSAL_DOWNLOAD:
    default:
      return "Allow";
    }
}

static void
write_key (GString    *out,
           const char *key,
           const char *existing,
           GPtrArray  *hosts)
{
  if (hosts->len == 0)
    return;

  g_string_append_printf (out, "%s=", key);
  if (existing != NULL)
    g_string_append_printf (out, "%s;", existing);
  for (guint i = 0; i < hosts->len; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? ";" : "", (char *) g_ptr_array_index (hosts, i));
  g_string_append_c (out, '\n');
}

static void
add_once (GPtrArray  *hosts,
          const char *host)
{
  for (guint i = 0; i < hosts->len; i++)
    {
      if (strcmp (g_ptr_array_index (hosts, i), host) == 0)
        return;
    }
  g_ptr_array_add (hosts, (gpointer) host);
}

static void
write_service_lines (GString     *out,
                     GPtrArray   *refusals,
                     const char  *service_id,
                     KioskConfig *config,
                     GKeyFile    *key_file)
{
  static const char * const keys[] = { "Allow", "Frames", "Resources" };
  g_autofree char *group = g_strdup_printf ("Service %s", service_id);
  GPtrArray *new_hosts[G_N_ELEMENTS (keys)];
  g_autoptr(GString) comments = g_string_new (NULL);
  KioskService *service = NULL;
  gboolean any = FALSE;

  if (config != NULL)
    {
      service = kiosk_config_lookup_service (config, service_id);
      if (service == NULL)
        {
          g_string_append_printf (out, "# “%s” is not a service of %s: nothing to add to it.\n\n",
                                  service_id, kiosk_config_get_path (config));
          return;
        }
    }

  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    new_hosts[k] = g_ptr_array_new ();

  for (guint i = 0; i < refusals->len; i++)
    {
      KioskRefusal *refusal = g_ptr_array_index (refusals, i);
      const char *key = refusal_key (refusal->kind);

      if (strcmp (refusal->service, service_id) != 0 ||
          (service != NULL && !needs_a_line (config, service, refusal)))
        continue;

      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        if (strcmp (keys[k], key) == 0)
          add_once (new_hosts[k], refusal->host);
      any = TRUE;
      g_string_append_printf (comments, "# %s: refused as a %s, %u time%s\n", refusal->host,
                              kiosk_refusal_kind_to_string (refusal->kind), refusal->count,
                              refusal->count > 1 ? "s" : "");
    }

  if (any)
    {
      g_string_append (out, comments->str);
      g_string_append_printf (out, "[%s]\n", group);
      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        {
          g_autofree char *existing = existing_patterns (key_file, group, keys[k]);

          write_key (out, keys[k], existing, new_hosts[k]);
        }
      g_string_append_c (out, '\n');
    }

  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    g_ptr_array_unref (new_hosts[k]);
}

/**
 * kiosk_refusals_to_config_lines:
 * @refusals: (element-type KioskRefusal): a list
 * @config: (nullable): the config the lines are for
 * @error: return location for a %KIOSK_REFUSALS_ERROR_CONFIG
 *
 * Turns what was refused into the `Allow=`, `Frames=` and `Resources=`
 * lines that let it through: a page, a popup or a document needs its host in the
 * service's `Allow`, a frame in its `Frames`, a part of a page (strict
 * mode) in its `Resources`. With @config, each line
 * holds the config file's own patterns first, so that it replaces the
 * line of the file, and a host the config lets through already (its
 * policy says so) is left out; a service the config does not have is
 * said in a comment. Each host comes with a comment saying how it was
 * refused: an admin reads them before adding them, since a page can ask
 * for anything.
 *
 * Returns: (transfer full) (nullable): the lines, empty when there is
 *   nothing to add, or %NULL with @error set when the config's file
 *   cannot be read again
 */
char *
kiosk_refusals_to_config_lines (GPtrArray    *refusals,
                                KioskConfig  *config,
                                GError      **error)
{
  g_autoptr(GKeyFile) key_file = NULL;
  g_autoptr(GPtrArray) services = g_ptr_array_new ();
  GString *out;

  g_return_val_if_fail (refusals != NULL, NULL);
  g_return_val_if_fail (config == NULL || KIOSK_IS_CONFIG (config), NULL);

  /* The config keeps its patterns as rules: their text, to be written
   * back, is the file's.
   */
  if (config != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      key_file = g_key_file_new ();
      if (!g_key_file_load_from_file (key_file, kiosk_config_get_path (config), G_KEY_FILE_NONE,
                                      &local_error))
        {
          g_set_error (error, KIOSK_REFUSALS_ERROR, KIOSK_REFUSALS_ERROR_CONFIG,
                       "cannot read %s: %s", kiosk_config_get_path (config),
                       local_error->message);
          return NULL;
        }
    }

  out = g_string_new (NULL);
  for (guint i = 0; i < refusals->len; i++)
    add_once (services, ((KioskRefusal *) g_ptr_array_index (refusals, i))->service);
  for (guint i = 0; i < services->len; i++)
    write_service_lines (out, refusals, g_ptr_array_index (services, i), config, key_file);

  return g_string_free (out, FALSE);
}
