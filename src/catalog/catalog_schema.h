#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "types/column_type.h"
#include "types/schema.h"

namespace quiver {

using DbId = uint32_t;
using TableId = uint32_t;
using ColumnId = uint32_t;

struct ColumnSchema {
  ColumnId id = 0;
  std::string name;
  ColumnType type;

  friend bool operator==(const ColumnSchema&, const ColumnSchema&) = default;
};

// One table's schema. Immutable once published in a CatalogSnapshot; a schema change
// produces a new TableSchema. Thread-safe to read.
//
// Invariants:
//  1. Exactly one column has role kTime, named "time".
//  2. Column names are unique; column ids are unique and never reused within the table.
//  3. series_key lists every tag column id, in the order the tags were first seen.
class TableSchema {
 public:
  TableSchema(TableId id, std::string name, std::vector<ColumnSchema> columns,
              std::vector<ColumnId> series_key);

  TableId id() const { return id_; }
  const std::string& name() const { return name_; }
  // In creation order (ids ascending).
  const std::vector<ColumnSchema>& columns() const { return columns_; }
  const std::vector<ColumnId>& series_key() const { return series_key_; }
  int num_tags() const { return static_cast<int>(series_key_.size()); }
  // Tags + fields (time not counted), the quantity the column limit applies to.
  int num_user_columns() const { return static_cast<int>(columns_.size()) - 1; }

  const ColumnSchema* FindColumn(std::string_view name) const;
  const ColumnSchema* ColumnById(ColumnId id) const;
  ColumnId next_column_id() const { return next_column_id_; }

  // The table as Arrow: columns in byte order of their names (as InfluxDB 3 presents
  // `SELECT *`), tags Dictionary(Int32, Utf8), `time` Timestamp(ns) not null, fields
  // nullable; field metadata "iox::column::type", schema metadata
  // "iox::measurement::name". Built once per TableSchema.
  const SchemaPtr& arrow_schema() const { return arrow_schema_; }

  bool deleted() const { return deleted_; }
  int64_t hard_delete_time() const { return hard_delete_time_; }

  // Returns a copy with extra columns appended (tags also join the series key).
  std::shared_ptr<const TableSchema> WithColumns(const std::vector<ColumnSchema>& added) const;
  std::shared_ptr<const TableSchema> AsDeleted(std::string new_name, int64_t hard_delete_time) const;

 private:
  TableId id_;
  std::string name_;
  std::vector<ColumnSchema> columns_;
  std::vector<ColumnId> series_key_;
  std::unordered_map<std::string_view, size_t> by_name_;  // views into columns_
  ColumnId next_column_id_ = 0;
  SchemaPtr arrow_schema_;
  bool deleted_ = false;
  int64_t hard_delete_time_ = 0;
};

using TableSchemaPtr = std::shared_ptr<const TableSchema>;

// One database's schema: its tables by name and id. Immutable once published.
class DatabaseSchema {
 public:
  DatabaseSchema(DbId id, std::string name) : id_(id), name_(std::move(name)) {}

  DbId id() const { return id_; }
  const std::string& name() const { return name_; }
  // Retention period in nanoseconds; nullopt means keep forever.
  const std::optional<int64_t>& retention_period() const { return retention_period_; }
  bool deleted() const { return deleted_; }
  int64_t hard_delete_time() const { return hard_delete_time_; }

  // Live (not deleted) tables by name, in name order.
  const std::map<std::string, TableSchemaPtr, std::less<>>& tables() const { return tables_; }
  const TableSchema* FindTable(std::string_view name) const;
  // Any table, deleted ones included.
  const TableSchema* TableById(TableId id) const;
  const std::map<TableId, TableSchemaPtr>& tables_by_id() const { return tables_by_id_; }
  int num_live_tables() const { return static_cast<int>(tables_.size()); }
  TableId next_table_id() const { return next_table_id_; }

 private:
  friend class CatalogBuilder;

  DbId id_;
  std::string name_;
  std::optional<int64_t> retention_period_;
  bool deleted_ = false;
  int64_t hard_delete_time_ = 0;
  std::map<std::string, TableSchemaPtr, std::less<>> tables_;
  std::map<TableId, TableSchemaPtr> tables_by_id_;
  TableId next_table_id_ = 0;
};

using DatabaseSchemaPtr = std::shared_ptr<const DatabaseSchema>;

// The whole catalog at one commit. Immutable: readers hold a snapshot for as long as they
// need a consistent view and never block writers.
class CatalogSnapshot {
 public:
  uint64_t sequence() const { return sequence_; }
  const std::string& catalog_id() const { return catalog_id_; }

  // Live databases by name, in name order.
  const std::map<std::string, DatabaseSchemaPtr, std::less<>>& databases() const {
    return databases_;
  }
  const DatabaseSchema* FindDatabase(std::string_view name) const;
  // Any database, deleted ones included.
  const DatabaseSchema* DatabaseById(DbId id) const;
  const std::map<DbId, DatabaseSchemaPtr>& databases_by_id() const { return databases_by_id_; }
  int num_live_databases() const { return static_cast<int>(databases_.size()); }
  // Live tables across all live databases.
  int num_live_tables() const;
  DbId next_db_id() const { return next_db_id_; }

 private:
  friend class CatalogBuilder;

  uint64_t sequence_ = 0;
  std::string catalog_id_;
  std::map<std::string, DatabaseSchemaPtr, std::less<>> databases_;
  std::map<DbId, DatabaseSchemaPtr> databases_by_id_;
  DbId next_db_id_ = 0;
};

using CatalogSnapshotPtr = std::shared_ptr<const CatalogSnapshot>;

}  // namespace quiver
