#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "catalog/catalog_schema.h"
#include "types/schema.h"

namespace quiver {

// Identifies a table the way execution finds its data again: user tables by database and
// table id (in schema "iox"), virtual tables (system.*, information_schema.*) by name.
struct TableRef {
  std::string schema;  // "iox", "system" or "information_schema"
  std::string name;
  DbId db_id = 0;
  TableId table_id = 0;  // iox tables only

  bool is_user_table() const { return schema == "iox"; }
  std::string ToString() const { return schema + "." + name; }
};

// What the binder knows about a table: its identity, its columns, and for user tables
// which columns are tags and which is time (for pushdown and InfluxQL).
struct TableInfo {
  TableRef ref;
  SchemaPtr schema;
  // Per field of `schema`: the InfluxDB role (kField for virtual tables' columns).
  std::vector<ColumnRole> roles;
  // Tag column names in series-key order (user tables).
  std::vector<std::string> series_key;

  int time_column() const;  // index of `time` or -1
};

// Resolves table names for the binder: one per query, over one catalog snapshot.
// Thread-safety: const methods may be called from any thread.
class SchemaProvider {
 public:
  virtual ~SchemaProvider() = default;
  // The database the query runs against.
  virtual const std::string& database() const = 0;
  // `schema` empty means the default ("iox"). NotFound "table '<name>' not found" style
  // errors are produced by the binder, so return nullopt for unknown tables.
  virtual std::optional<TableInfo> FindTable(std::string_view schema, std::string_view name) const = 0;
  // Every table visible to the query (for SHOW TABLES / information_schema.tables).
  virtual std::vector<TableInfo> ListTables() const = 0;
};

}  // namespace quiver
