#include "catalog/catalog_schema.h"

#include <algorithm>

#include "base/check.h"

namespace quiver {

TableSchema::TableSchema(TableId id, std::string name, std::vector<ColumnSchema> columns,
                         std::vector<ColumnId> series_key)
    : id_(id), name_(std::move(name)), columns_(std::move(columns)), series_key_(std::move(series_key)) {
  by_name_.reserve(columns_.size());
  for (size_t i = 0; i < columns_.size(); ++i) {
    by_name_.emplace(columns_[i].name, i);
    next_column_id_ = std::max(next_column_id_, columns_[i].id + 1);
  }
  std::vector<const ColumnSchema*> ordered;
  for (const ColumnSchema& column : columns_) ordered.push_back(&column);
  std::sort(ordered.begin(), ordered.end(),
            [](const ColumnSchema* a, const ColumnSchema* b) { return a->name < b->name; });
  std::vector<Field> fields;
  fields.reserve(ordered.size());
  for (const ColumnSchema* column : ordered) {
    KeyValueMetadata metadata;
    metadata.Set(std::string(kColumnTypeMetadataKey), std::string(IoxColumnTypeName(column->type)));
    bool nullable = column->type.role != ColumnRole::kTime;
    fields.emplace_back(column->name, ArrowTypeOf(column->type), nullable, std::move(metadata));
  }
  KeyValueMetadata schema_metadata;
  schema_metadata.Set(std::string(kMeasurementMetadataKey), name_);
  arrow_schema_ = MakeSchema(std::move(fields), std::move(schema_metadata));
}

const ColumnSchema* TableSchema::FindColumn(std::string_view name) const {
  auto it = by_name_.find(name);
  return it == by_name_.end() ? nullptr : &columns_[it->second];
}

const ColumnSchema* TableSchema::ColumnById(ColumnId id) const {
  // Ids are assigned in creation order, so column i usually has id i.
  if (id < columns_.size() && columns_[id].id == id) return &columns_[id];
  for (const ColumnSchema& column : columns_) {
    if (column.id == id) return &column;
  }
  return nullptr;
}

std::shared_ptr<const TableSchema> TableSchema::WithColumns(
    const std::vector<ColumnSchema>& added) const {
  std::vector<ColumnSchema> columns = columns_;
  std::vector<ColumnId> series_key = series_key_;
  for (const ColumnSchema& column : added) {
    columns.push_back(column);
    if (column.type.role == ColumnRole::kTag) series_key.push_back(column.id);
  }
  auto table = std::make_shared<TableSchema>(id_, name_, std::move(columns), std::move(series_key));
  table->deleted_ = deleted_;
  table->hard_delete_time_ = hard_delete_time_;
  return table;
}

std::shared_ptr<const TableSchema> TableSchema::AsDeleted(std::string new_name,
                                                          int64_t hard_delete_time) const {
  auto table = std::make_shared<TableSchema>(id_, std::move(new_name), columns_, series_key_);
  table->deleted_ = true;
  table->hard_delete_time_ = hard_delete_time;
  return table;
}

const TableSchema* DatabaseSchema::FindTable(std::string_view name) const {
  auto it = tables_.find(name);
  return it == tables_.end() ? nullptr : it->second.get();
}

const TableSchema* DatabaseSchema::TableById(TableId id) const {
  auto it = tables_by_id_.find(id);
  return it == tables_by_id_.end() ? nullptr : it->second.get();
}

const DatabaseSchema* CatalogSnapshot::FindDatabase(std::string_view name) const {
  auto it = databases_.find(name);
  return it == databases_.end() ? nullptr : it->second.get();
}

const DatabaseSchema* CatalogSnapshot::DatabaseById(DbId id) const {
  auto it = databases_by_id_.find(id);
  return it == databases_by_id_.end() ? nullptr : it->second.get();
}

int CatalogSnapshot::num_live_tables() const {
  int total = 0;
  for (const auto& [name, db] : databases_) total += db->num_live_tables();
  return total;
}

}  // namespace quiver
