#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "base/result.h"
#include "catalog/catalog_schema.h"

namespace quiver {

// The catalog changes, as recorded in the catalog log (docs/formats/catalog.md). Each op
// carries the ids it assigns, so replaying the log reproduces the same ids.

struct CreateDatabaseOp {
  DbId db_id = 0;
  std::string name;
  std::optional<int64_t> retention_period;  // ns
};

// Creates a table with its initial columns (always including `time`). Tag columns join
// the series key in the order listed.
struct CreateTableOp {
  DbId db_id = 0;
  TableId table_id = 0;
  std::string name;
  std::vector<ColumnSchema> columns;
};

struct AddColumnsOp {
  DbId db_id = 0;
  TableId table_id = 0;
  std::vector<ColumnSchema> columns;
};

// Soft delete: the database is renamed (freeing its name) and flagged deleted.
struct DeleteDatabaseOp {
  DbId db_id = 0;
  std::string new_name;
  int64_t deletion_time = 0;
  int64_t hard_delete_time = 0;  // 0: never
};

struct DeleteTableOp {
  DbId db_id = 0;
  TableId table_id = 0;
  std::string new_name;
  int64_t deletion_time = 0;
  int64_t hard_delete_time = 0;
};

struct SetRetentionOp {
  DbId db_id = 0;
  std::optional<int64_t> retention_period;
};

using CatalogOp = std::variant<CreateDatabaseOp, CreateTableOp, AddColumnsOp, DeleteDatabaseOp,
                               DeleteTableOp, SetRetentionOp>;

// One atomic catalog change: the unit written to the log.
struct CatalogCommit {
  uint64_t sequence = 0;
  int64_t time_ns = 0;
  std::vector<CatalogOp> ops;
};

// JSON encoding of a commit (one log file). `source` names the file in error messages.
std::string EncodeCatalogCommit(const CatalogCommit& commit);
Result<CatalogCommit> DecodeCatalogCommit(std::string_view json, std::string_view source);

}  // namespace quiver
