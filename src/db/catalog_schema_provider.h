#pragma once

#include <string>

#include "catalog/catalog_schema.h"
#include "plan/table_info.h"

namespace quiver {

// The binder's view of one database at one catalog snapshot: user tables in schema
// "iox" (the default), plus the virtual tables of "system" and "information_schema".
class CatalogSchemaProvider final : public SchemaProvider {
 public:
  CatalogSchemaProvider(CatalogSnapshotPtr snapshot, const DatabaseSchema* database);

  const std::string& database() const override { return database_name_; }
  std::optional<TableInfo> FindTable(std::string_view schema, std::string_view name) const override;
  std::vector<TableInfo> ListTables() const override;

  // TableInfo for a user table.
  static TableInfo UserTableInfo(const DatabaseSchema& database, const TableSchema& table);

 private:
  CatalogSnapshotPtr snapshot_;
  const DatabaseSchema* database_;
  std::string database_name_;
};

}  // namespace quiver
