/* kiosk-block-list.c — an admin's list of rules for WebKit's content blocker (BlockListFile=)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-block-list"

#include "config.h"

#include "kiosk-block-list.h"

#include "kiosk-config.h"

#include <glib/gstdio.h>
#include <string.h>

/* Lists of trackers come ready-made in the format of WebKit's (and
 * Safari's) content blockers. The kiosk reads one whole before anything
 * else: a list that is not one is a config error with its reason, never
 * a list half applied. What WebKit then refuses of a well-formed list
 * (a regular expression it does not take) puts the station out of
 * service too, with WebKit's reason.
 */

static const char * const action_types[] = {
  "block", "block-cookies", "css-display-none", "ignore-previous-rules", "make-https", NULL,
};

static const char * const string_list_members[] = {
  "resource-type", "load-type", "load-context", "if-domain", "unless-domain", "if-top-url",
  "unless-top-url", "if-frame-url", "unless-frame-url",
};

static gboolean
invalid (GError    **error,
         guint       index,
         const char *problem)
{
  g_set_error (error, KIOSK_CONFIG_ERROR, KIOSK_CONFIG_ERROR_INVALID_VALUE, "rule %u: %s",
               index + 1, problem);
  return FALSE;
}

static gboolean
is_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
check_rule (JsonNode  *node,
            guint      index,
            GError   **error)
{
  JsonObject *rule;
  JsonObject *trigger;
  JsonObject *action;
  JsonNode *member;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, index, "not an object");
  rule = json_node_get_object (node);

  member = json_object_get_member (rule, "trigger");
  if (member == NULL || !JSON_NODE_HOLDS_OBJECT (member))
    return invalid (error, index, "no “trigger” object");
  trigger = json_node_get_object (member);

  member = json_object_get_member (trigger, "url-filter");
  if (!is_string (member) || *json_node_get_string (member) == '\0')
    return invalid (error, index, "the trigger has no “url-filter”");

  for (guint i = 0; i < G_N_ELEMENTS (string_list_members); i++)
    {
      JsonArray *list;

      member = json_object_get_member (trigger, string_list_members[i]);
      if (member == NULL)
        continue;
      if (!JSON_NODE_HOLDS_ARRAY (member))
        return invalid (error, index, "a list of the trigger is not an array");
      list = json_node_get_array (member);
      for (guint j = 0; j < json_array_get_length (list); j++)
        if (!is_string (json_array_get_element (list, j)))
          return invalid (error, index, "a list of the trigger holds something else than text");
    }

  member = json_object_get_member (rule, "action");
  if (member == NULL || !JSON_NODE_HOLDS_OBJECT (member))
    return invalid (error, index, "no “action” object");
  action = json_node_get_object (member);

  member = json_object_get_member (action, "type");
  if (!is_string (member) || !g_strv_contains (action_types, json_node_get_string (member)))
    return invalid (error, index, "the action's “type” is not one WebKit knows");
  if (strcmp (json_node_get_string (member), "css-display-none") == 0 &&
      !is_string (json_object_get_member (action, "selector")))
    return invalid (error, index, "“css-display-none” without a “selector”");

  return TRUE;
}

/**
 * kiosk_block_list_parse:
 * @text: (array length=length): the list
 * @length: its length in bytes
 * @error: return location for a %KIOSK_CONFIG_ERROR_INVALID_VALUE saying
 *   what is wrong
 *
 * Checks that @text is a list of rules for WebKit's content blocker: a
 * JSON array, of at most %KIOSK_BLOCK_LIST_MAX_RULES rules, each with a
 * trigger that has a "url-filter" and an action of a type WebKit knows.
 *
 * Returns: (transfer full) (nullable): the array
 */
JsonNode *
kiosk_block_list_parse (const char  *text,
                        gsize        length,
                        GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) json_error = NULL;
  JsonNode *root;
  JsonArray *rules;

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  if (memchr (text, '\0', length) != NULL || !g_utf8_validate_len (text, length, NULL))
    {
      g_set_error_literal (error, KIOSK_CONFIG_ERROR, KIOSK_CONFIG_ERROR_INVALID_VALUE,
                           "not UTF-8 text");
      return NULL;
    }

  if (!json_parser_load_from_data (parser, text, length, &json_error))
    {
      g_set_error (error, KIOSK_CONFIG_ERROR, KIOSK_CONFIG_ERROR_INVALID_VALUE,
                   "not JSON: %s", json_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error_literal (error, KIOSK_CONFIG_ERROR, KIOSK_CONFIG_ERROR_INVALID_VALUE,
                           "not a JSON array of rules");
      return NULL;
    }

  rules = json_node_get_array (root);
  if (json_array_get_length (rules) > KIOSK_BLOCK_LIST_MAX_RULES)
    {
      g_set_error (error, KIOSK_CONFIG_ERROR, KIOSK_CONFIG_ERROR_INVALID_VALUE,
                   "%u rules, more than %u", json_array_get_length (rules),
                   KIOSK_BLOCK_LIST_MAX_RULES);
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (rules); i++)
    if (!check_rule (json_array_get_element (rules, i), i, error))
      return NULL;

  return json_node_copy (root);
}

/**
 * kiosk_block_list_load:
 * @path: the file of BlockListFile=
 * @error: return location for a %KIOSK_CONFIG_ERROR
 *
 * Reads and checks the list (kiosk_block_list_parse()): a regular file of
 * at most %KIOSK_BLOCK_LIST_MAX_BYTES.
 *
 * Returns: (transfer full) (nullable): the array of rules
 */
JsonNode *
kiosk_block_list_load (const char  *path,
                       GError     **error)
{
  g_autoptr(GError) read_error = NULL;
  g_autofree char *text = NULL;
  GStatBuf info;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (g_stat (path, &info) != 0 || !S_ISREG (info.st_mode))
    {
      g_set_error_literal (error, KIOSK_CONFIG_ERROR, KIOSK_CONFIG_ERROR_UNREADABLE,
                           "no such file, or not a regular file");
      return NULL;
    }
  if (info.st_size > KIOSK_BLOCK_LIST_MAX_BYTES)
    {
      g_set_error (error, KIOSK_CONFIG_ERROR, KIOSK_CONFIG_ERROR_INVALID_VALUE,
                   "larger than %d MiB", KIOSK_BLOCK_LIST_MAX_BYTES / (1024 * 1024));
      return NULL;
    }
  if (!g_file_get_contents (path, &text, &length, &read_error))
    {
      g_set_error_literal (error, KIOSK_CONFIG_ERROR, KIOSK_CONFIG_ERROR_UNREADABLE,
                           read_error->message);
      return NULL;
    }

  return kiosk_block_list_parse (text, length, error);
}
