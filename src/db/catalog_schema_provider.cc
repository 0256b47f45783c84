#include "db/catalog_schema_provider.h"

#include "sql/information_schema.h"

namespace quiver {

CatalogSchemaProvider::CatalogSchemaProvider(CatalogSnapshotPtr snapshot, const DatabaseSchema* database)
    : snapshot_(std::move(snapshot)), database_(database), database_name_(database->name()) {}

TableInfo CatalogSchemaProvider::UserTableInfo(const DatabaseSchema& database, const TableSchema& table) {
  TableInfo info;
  info.ref = TableRef{"iox", table.name(), database.id(), table.id()};
  info.schema = table.arrow_schema();
  for (const Field& field : info.schema->fields()) {
    info.roles.push_back(table.FindColumn(field.name())->type.role);
  }
  for (ColumnId id : table.series_key()) info.series_key.push_back(table.ColumnById(id)->name);
  return info;
}

std::optional<TableInfo> CatalogSchemaProvider::FindTable(std::string_view schema, std::string_view name) const {
  if (schema.empty() || schema == kUserTableSchemaName) {
    const TableSchema* table = database_->FindTable(name);
    if (table == nullptr) return std::nullopt;
    return UserTableInfo(*database_, *table);
  }
  if (schema == kInformationSchemaName) return InformationSchemaTable(name);
  return std::nullopt;
}

std::vector<TableInfo> CatalogSchemaProvider::ListTables() const {
  std::vector<TableInfo> tables;
  for (const auto& [name, table] : database_->tables()) tables.push_back(UserTableInfo(*database_, *table));
  for (const std::string& view : InformationSchemaTableNames()) {
    if (auto info = InformationSchemaTable(view)) tables.push_back(std::move(*info));
  }
  return tables;
}

}  // namespace quiver
