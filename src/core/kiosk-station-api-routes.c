/* kiosk-station-api-routes.c — the paths of the station API, and what status and actions answer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-station-api"

#include "config.h"

#include "kiosk-station-api-private.h"

#include "kiosk-config-shared.h"
#include "kiosk-refusals.h"

#include <json-glib/json-glib.h>
#include <string.h>

/* Action bodies */

static gboolean
invalid_request (GError     **error,
                 const char  *problem)
{
  g_set_error_literal (error, KIOSK_STATION_API_ERROR, KIOSK_STATION_API_ERROR_INVALID_REQUEST,
                       problem);
  return FALSE;
}

/* The text member an action reads from its body, if any. */
static const char *
text_member_of (KioskStationAction action)
{
  switch (action)
    {
    case KIOSK_STATION_ACTION_OUT_OF_SERVICE:
      return "message";
    case KIOSK_STATION_ACTION_TAKE_HELP:
      return "by";
    case KIOSK_STATION_ACTION_RESET:
    case KIOSK_STATION_ACTION_ASK_RESET:
    case KIOSK_STATION_ACTION_IN_SERVICE:
      return NULL;
    default:
      g_assert_not_reached ();
    }
}

static gboolean
has_control_characters (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (g_unichar_iscntrl (g_utf8_get_char (p)))
        return TRUE;
    }

  return FALSE;
}

/**
 * kiosk_station_api_parse_action_body:
 * @action: what the request asks for
 * @body: (array length=length) (nullable): the request body, as received
 * @length: its length in bytes, at most %KIOSK_STATION_API_MAX_BODY
 * @text: (out) (optional) (transfer full): the text @action reads: for
 *   %KIOSK_STATION_ACTION_OUT_OF_SERVICE what the out-of-service screen
 *   says, for %KIOSK_STATION_ACTION_TAKE_HELP who goes; left %NULL for the
 *   other actions
 * @error: return location for a %KIOSK_STATION_API_ERROR_INVALID_REQUEST
 *
 * Checks the body of an action request and takes what @action reads from
 * it. An empty body is no object, as good as `{}`; anything else must be
 * one JSON object of UTF-8 text. An out-of-service request needs a
 * "message" string of valid Unicode text, of at most
 * %KIOSK_STATION_API_MAX_MESSAGE characters, possibly empty. Taking a
 * call for help needs a "by" string: a name of 1 to
 * %KIOSK_STATION_API_MAX_NAME characters, on one line. Members the
 * action does not read are ignored.
 *
 * This reads bytes from the network before anything else does: it needs
 * neither a server nor a main loop, so that it can be tested and fuzzed
 * on its own.
 *
 * Returns: %TRUE if the body is one @action takes; otherwise %FALSE with
 *   @error saying what is wrong, in words the API answers 400 with
 */
gboolean
kiosk_station_api_parse_action_body (KioskStationAction   action,
                                     const char          *body,
                                     gsize                length,
                                     char               **text,
                                     GError             **error)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *object = NULL;
  const char *name = text_member_of (action);
  JsonNode *member;
  const char *value;

  g_return_val_if_fail (body != NULL || length == 0, FALSE);
  g_return_val_if_fail (name == NULL || text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (text != NULL)
    *text = NULL;

  if (length > 0)
    {
      JsonNode *root;

      /* json-glib would stop at a binary zero and take what comes before. */
      if (memchr (body, '\0', length) != NULL || !g_utf8_validate_len (body, length, NULL))
        return invalid_request (error, "the request body is not UTF-8 text");

      parser = json_parser_new_immutable ();
      if (!json_parser_load_from_data (parser, body, length, NULL))
        return invalid_request (error, "the request body is not valid JSON");

      root = json_parser_get_root (parser);
      if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
        return invalid_request (error, "the request body is not a JSON object");
      object = json_node_get_object (root);
    }

  if (name == NULL)
    return TRUE;

  member = object != NULL ? json_object_get_member (object, name) : NULL;
  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member) ||
      json_node_get_value_type (member) != G_TYPE_STRING)
    {
      g_autofree char *problem = g_strdup_printf ("“%s” must be a string", name);
      return invalid_request (error, problem);
    }

  /* json-glib decodes a lone surrogate ("\ud800") to bytes that are not
   * UTF-8, which no screen could show.
   */
  value = json_node_get_string (member);
  if (!g_utf8_validate (value, -1, NULL))
    return invalid_request (error, action == KIOSK_STATION_ACTION_TAKE_HELP
                                     ? "“by” is not valid Unicode text"
                                     : "“message” is not valid Unicode text");

  if (action == KIOSK_STATION_ACTION_TAKE_HELP)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (value));

      /* A name shown on other consoles' cards, on one line. */
      if (*stripped == '\0')
        return invalid_request (error, "“by” is empty");
      if (g_utf8_strlen (stripped, -1) > KIOSK_STATION_API_MAX_NAME)
        return invalid_request (error, "“by” is too long");
      if (has_control_characters (stripped))
        return invalid_request (error, "“by” is not one line of text");

      *text = g_steal_pointer (&stripped);
      return TRUE;
    }

  if (g_utf8_strlen (value, -1) > KIOSK_STATION_API_MAX_MESSAGE)
    return invalid_request (error, "“message” is too long");

  *text = g_strdup (value);
  return TRUE;
}

/* Status and actions */

static void
handle_status (KioskStationApi   *self,
               SoupServerMessage *msg,
               Request           *request,
               GHashTable        *query)
{
  kiosk_station_api_respond_status (self, msg);
}

/* Answers 400, saying what is wrong, when the body is not one @action takes. */
static gboolean
read_action_body (SoupServerMessage  *msg,
                  Request            *request,
                  KioskStationAction  action,
                  char              **message)
{
  g_autoptr(GError) error = NULL;

  if (!kiosk_station_api_parse_action_body (action, (const char *) request->body->data,
                                            request->body->len, message, &error))
    {
      kiosk_station_api_respond_error (msg, SOUP_STATUS_BAD_REQUEST, error->message);
      return FALSE;
    }

  return TRUE;
}

static void
finish_action (KioskStationApi   *self,
               SoupServerMessage *msg,
               const char        *action,
               gboolean           handled)
{
  g_message ("Station API: %s %s for %s", action, handled ? "done" : "refused",
             soup_server_message_get_remote_host (msg));

  if (!handled)
    {
      kiosk_station_api_respond_error (msg, SOUP_STATUS_CONFLICT, "the station cannot do this now");
      return;
    }

  kiosk_station_api_respond_status (self, msg);
}

/* The actions differ only in what their body may hold, and in the
 * signal that asks the station.
 */
static void
handle_action (KioskStationApi    *self,
               SoupServerMessage  *msg,
               Request            *request,
               KioskStationAction  action,
               const char         *name)
{
  g_autofree char *message = NULL;
  gboolean handled;

  if (!read_action_body (msg, request, action, &message))
    return;

  handled = kiosk_station_api_emit_action (self, action, message);
  finish_action (self, msg, name, handled);
}

static void
handle_reset (KioskStationApi   *self,
              SoupServerMessage *msg,
              Request           *request,
              GHashTable        *query)
{
  handle_action (self, msg, request, KIOSK_STATION_ACTION_RESET, "reset");
}

static void
handle_ask_reset (KioskStationApi   *self,
                  SoupServerMessage *msg,
                  Request           *request,
                  GHashTable        *query)
{
  handle_action (self, msg, request, KIOSK_STATION_ACTION_ASK_RESET, "ask-reset");
}

static void
handle_take_help (KioskStationApi   *self,
                  SoupServerMessage *msg,
                  Request           *request,
                  GHashTable        *query)
{
  handle_action (self, msg, request, KIOSK_STATION_ACTION_TAKE_HELP, "take-help");
}

static void
handle_out_of_service (KioskStationApi   *self,
                       SoupServerMessage *msg,
                       Request           *request,
                       GHashTable        *query)
{
  handle_action (self, msg, request, KIOSK_STATION_ACTION_OUT_OF_SERVICE, "out-of-service");
}

static void
handle_in_service (KioskStationApi   *self,
                   SoupServerMessage *msg,
                   Request           *request,
                   GHashTable        *query)
{
  handle_action (self, msg, request, KIOSK_STATION_ACTION_IN_SERVICE, "in-service");
}

/* What staff record as refused: a list they asked for, with the PIN, on
 * the station; hosts only, never an address.
 */
static void
handle_refusals (KioskStationApi   *self,
                 SoupServerMessage *msg,
                 Request           *request,
                 GHashTable        *query)
{
  gboolean recording = FALSE;
  GPtrArray *refusals = NULL;
  char *body;

  if (self->refusals_func != NULL)
    refusals = self->refusals_func (&recording, self->refusals_data);

  body = kiosk_refusals_to_json (refusals, recording);
  kiosk_station_api_respond (msg, SOUP_STATUS_OK, "application/json", body, strlen (body));
}

/* A config from the desk: its whole text, which the station checks as
 * check-config does; the answer says which version it will run, and
 * whether that waits for the session in progress to end.
 */
static void
take_config (KioskStationApi   *self,
             SoupServerMessage *msg,
             const char        *text,
             gsize              length,
             const char        *action)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *version = NULL;
  gboolean pending = FALSE;
  char *body;

  if (self->config_func == NULL)
    {
      kiosk_station_api_respond_error (msg, SOUP_STATUS_FORBIDDEN,
                                       "this station takes no configuration from a desk");
      return;
    }

  if (!self->config_func (text, length, &version, &pending, &error, self->config_data))
    {
      g_message ("Station API: %s refused for %s: %s", action,
                 soup_server_message_get_remote_host (msg), error->message);
      kiosk_station_api_respond_error (msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, error->message);
      return;
    }

  g_message ("Station API: %s %s for %s: version %s", action, pending ? "waits" : "done",
             soup_server_message_get_remote_host (msg), version);
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_string_value (builder, version);
  json_builder_set_member_name (builder, "pending");
  json_builder_add_boolean_value (builder, pending);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  generator = json_generator_new ();
  json_generator_set_root (generator, root);
  body = json_generator_to_data (generator, NULL);
  kiosk_station_api_respond (msg, SOUP_STATUS_OK, "application/json", body, strlen (body));
}

static void
handle_config (KioskStationApi   *self,
               SoupServerMessage *msg,
               Request           *request,
               GHashTable        *query)
{
  take_config (self, msg, (const char *) request->body->data, request->body->len, "config");
}

static void
handle_config_roll_back (KioskStationApi   *self,
                         SoupServerMessage *msg,
                         Request           *request,
                         GHashTable        *query)
{
  take_config (self, msg, NULL, 0, "config roll-back");
}

/* Routes */

static const Route routes[] = {
  { "/api/v1/status", "GET", handle_status },
  { "/api/v1/usage", "GET", kiosk_station_api_handle_usage },
  { "/api/v1/metrics", "GET", kiosk_station_api_handle_metrics },
  { "/api/v1/refusals", "GET", handle_refusals },
  { "/api/v1/reset", "POST", handle_reset },
  { "/api/v1/ask-reset", "POST", handle_ask_reset },
  { "/api/v1/take-help", "POST", handle_take_help },
  { "/api/v1/out-of-service", "POST", handle_out_of_service },
  { "/api/v1/in-service", "POST", handle_in_service },
  { "/api/v1/config", "PUT", handle_config, KIOSK_CONFIG_SHARED_MAX_BYTES },
  { "/api/v1/config/roll-back", "POST", handle_config_roll_back },
};

const Route *
kiosk_station_api_find_route (const char *path)
{
  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    {
      if (strcmp (routes[i].path, path) == 0)
        return &routes[i];
    }

  return NULL;
}
