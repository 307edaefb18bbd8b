/* kiosk-block-list.h — an admin's list of rules for WebKit's content blocker (BlockListFile=)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The largest list read, in bytes and in rules (Safari's own cap). */
#define KIOSK_BLOCK_LIST_MAX_BYTES (64 * 1024 * 1024)
#define KIOSK_BLOCK_LIST_MAX_RULES 150000

JsonNode *kiosk_block_list_load  (const char  *path,
                                  GError     **error);
JsonNode *kiosk_block_list_parse (const char  *text,
                                  gsize        length,
                                  GError     **error);

G_END_DECLS
