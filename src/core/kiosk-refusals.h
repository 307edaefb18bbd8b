/* kiosk-refusals.h — what a session refused, as staff record it to fix the catalogue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "kiosk-config.h"

G_BEGIN_DECLS

/* What a refusal kept from the resident. */
typedef enum
{
  KIOSK_REFUSAL_PAGE,     /* a page: what the refusal page explains */
  KIOSK_REFUSAL_FRAME,    /* a frame of the page, left empty */
  KIOSK_REFUSAL_POPUP,    /* a popup, which never opened */
  KIOSK_REFUSAL_DOWNLOAD, /* a document, which was not kept */
  KIOSK_REFUSAL_RESOURCE, /* a part of the page (script, image, fetch…), blocked */
} KioskRefusalKind;

#define KIOSK_REFUSALS_ERROR (kiosk_refusals_error_quark ())

typedef enum
{
  KIOSK_REFUSALS_ERROR_INVALID, /* not a list of refusals */
  KIOSK_REFUSALS_ERROR_CONFIG,  /* the config to add to cannot be read */
} KioskRefusalsError;

GQuark kiosk_refusals_error_quark (void);

/* One refused host, in one service, of one kind, and how many times. */
typedef struct
{
  char             *service;
  KioskRefusalKind  kind;
  char             *host;
  guint             count;
} KioskRefusal;

/* A list holds at most this many different refusals: a page that makes
 * up host names cannot fill the station's memory.
 */
#define KIOSK_REFUSALS_MAX 200

const char *kiosk_refusal_kind_to_string   (KioskRefusalKind   kind);
gboolean    kiosk_refusal_kind_from_string (const char        *text,
                                            KioskRefusalKind  *kind);

GPtrArray  *kiosk_refusals_new             (void);
gboolean    kiosk_refusals_add             (GPtrArray         *refusals,
                                            const char        *service,
                                            KioskRefusalKind   kind,
                                            const char        *host);
char       *kiosk_refusals_to_json         (GPtrArray         *refusals,
                                            gboolean           recording);
GPtrArray  *kiosk_refusals_from_json       (const char        *text,
                                            gssize             length,
                                            GError           **error);
char       *kiosk_refusals_to_config_lines (GPtrArray         *refusals,
                                            KioskConfig       *config,
                                            GError           **error);

G_END_DECLS
