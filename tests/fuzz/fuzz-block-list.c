/* fuzz-block-list.c — libFuzzer target: an admin's list for WebKit's content blocker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-fuzz"

#include "config.h"

#include "kiosk-block-list.h"
#include "kiosk-config.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Whatever the file holds, the kiosk either refuses it with a config
 * error or takes an array of rules, each a trigger with a url-filter and
 * an action with a type: never half a list.
 */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) rules = NULL;
  JsonArray *array;

  rules = kiosk_block_list_parse ((const char *) data, size, &error);
  g_assert_true ((rules == NULL) == (error != NULL));
  if (rules == NULL)
    {
      g_assert_true (g_error_matches (error, KIOSK_CONFIG_ERROR,
                                      KIOSK_CONFIG_ERROR_INVALID_VALUE));
      return 0;
    }

  g_assert_true (JSON_NODE_HOLDS_ARRAY (rules));
  array = json_node_get_array (rules);
  g_assert_cmpuint (json_array_get_length (array), <=, KIOSK_BLOCK_LIST_MAX_RULES);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *rule = json_array_get_object_element (array, i);
      JsonObject *trigger = json_object_get_object_member (rule, "trigger");
      JsonObject *action = json_object_get_object_member (rule, "action");

      g_assert_nonnull (json_object_get_string_member (trigger, "url-filter"));
      g_assert_nonnull (json_object_get_string_member (action, "type"));
    }

  return 0;
}
