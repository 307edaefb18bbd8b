/* kiosk-usage-store-private.h — what the files of the usage store share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kiosk-usage-store.h"

#include <sqlite3.h>

G_BEGIN_DECLS

/* The format of the files this kiosk writes, in user_version: how many
 * migrations kiosk-usage-store-schema.c has.
 */
#define SCHEMA_VERSION 1

/* strftime's %w counts from 0 on Sunday; reports start on Monday. The
 * index and the report must spell it the same for SQLite to match them.
 */
#define WEEKDAY_SQL "((CAST(strftime('%w', day) AS INTEGER) + 6) % 7 + 1)"

#define SELECT_COLUMNS "day, hour, site, station, metric, key, count"

struct _KioskUsageStore
{
  GObject       parent_instance;

  char         *path;
  char         *recovered_from;
  gboolean      read_only;
  sqlite3      *db;
  sqlite3_stmt *upsert;

  /* How many times progress_cb() may be called in the statement under
   * way over a file from elsewhere (0: as often as it likes), and how
   * many times it was.
   */
  guint64       work_budget;
  guint64       work_done;
};

/* kiosk-usage-store-sqlite.c */
KioskUsageError kiosk_usage_store_error_code                 (int               rc);
void            kiosk_usage_store_set_sqlite_error           (GError          **error,
                                                              sqlite3          *db,
                                                              int               rc,
                                                              const char       *path);
void            kiosk_usage_store_set_not_usage_counts_error (GError          **error,
                                                              const char       *path);
void            kiosk_usage_store_set_not_kiosk_counts_error (GError          **error,
                                                              const char       *path,
                                                              const char       *format,
                                                              ...) G_GNUC_PRINTF (3, 4);
void            kiosk_usage_store_set_too_new_error          (GError          **error,
                                                              const char       *path,
                                                              int               version);
void            kiosk_usage_store_set_step_error             (KioskUsageStore  *self,
                                                              GError          **error,
                                                              int               rc,
                                                              const char       *path);
int             kiosk_usage_store_exec                       (sqlite3          *db,
                                                              const char       *sql);
void            kiosk_usage_store_rollback                   (sqlite3          *db);
int             kiosk_usage_store_query_int64                (sqlite3          *db,
                                                              const char       *sql,
                                                              gint64           *value);
int             kiosk_usage_store_query_int                  (sqlite3          *db,
                                                              const char       *sql,
                                                              int              *value);
gboolean        kiosk_usage_store_prepare                    (sqlite3          *db,
                                                              const char       *sql,
                                                              unsigned int      flags,
                                                              sqlite3_stmt    **stmt,
                                                              const char       *path,
                                                              GError          **error);
char           *kiosk_usage_store_make_uri                   (const char       *path,
                                                              const char       *query);
void            kiosk_usage_store_bound_work                 (KioskUsageStore  *self,
                                                              const char       *schema);
void            kiosk_usage_store_unbound_work               (KioskUsageStore  *self);

/* kiosk-usage-store-schema.c */
gboolean        kiosk_usage_store_migrate                    (KioskUsageStore  *self,
                                                              GError          **error);
int             kiosk_usage_store_add_report_indexes         (sqlite3          *db);
gboolean        kiosk_usage_store_check_pages                (sqlite3          *db,
                                                              const char       *schema,
                                                              const char       *path,
                                                              GError          **error);
gboolean        kiosk_usage_store_check_schema               (KioskUsageStore  *self,
                                                              const char       *schema,
                                                              const char       *path,
                                                              GError          **error);

/* kiosk-usage-store-recovery.c */
gboolean        kiosk_usage_store_has_orphan_companion       (const char       *path);
char           *kiosk_usage_store_move_aside                 (const char       *path,
                                                              GError          **error);

G_END_DECLS
