/* kiosk-usage-csv.h — the usage counts as CSV: the one writer and the one reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kiosk-usage-store.h"

G_BEGIN_DECLS

/* The first line of every export, without its line break. */
#define KIOSK_USAGE_CSV_HEADER "day,hour,site,station,metric,key,count"

#define KIOSK_USAGE_CSV_ERROR (kiosk_usage_csv_error_quark ())

typedef enum
{
  KIOSK_USAGE_CSV_ERROR_ENCODING,  /* not UTF-8 text, or a binary zero */
  KIOSK_USAGE_CSV_ERROR_HEADER,    /* the first line is not KIOSK_USAGE_CSV_HEADER */
  KIOSK_USAGE_CSV_ERROR_SYNTAX,    /* a quote or line break where none may be */
  KIOSK_USAGE_CSV_ERROR_FIELDS,    /* a row without exactly 7 fields */
  KIOSK_USAGE_CSV_ERROR_VALUE,     /* a day, hour, name or count that is not valid */
} KioskUsageCsvError;

GQuark kiosk_usage_csv_error_quark (void);

/* The rows read from one CSV text; they own their strings. */
typedef struct _KioskUsageCsv KioskUsageCsv;

void                 kiosk_usage_csv_append_header (GString             *csv);
void                 kiosk_usage_csv_append_row    (GString             *csv,
                                                    const KioskUsageRow *row);

KioskUsageCsv       *kiosk_usage_csv_parse         (const char          *text,
                                                    gsize                length,
                                                    GError             **error);
const KioskUsageRow *kiosk_usage_csv_get_rows      (KioskUsageCsv       *self,
                                                    guint               *n_rows);
void                 kiosk_usage_csv_free          (KioskUsageCsv       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KioskUsageCsv, kiosk_usage_csv_free)

G_END_DECLS
