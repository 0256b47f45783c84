#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "catalog/catalog_builder.h"

namespace quiver {

// Configurable catalog limits (server flags). The messages of limit errors start with
// InfluxDB 3's wording, which clients and the write path (422 vs 400) match on.
struct CatalogLimits {
  int max_databases = 100;
  int max_tables_per_database = 2000;
  int max_columns_per_table = 500;  // tags + fields; `time` not counted
};

// A set of catalog changes being prepared under the catalog's commit lock. Each method
// checks names and limits, records the op it implies and applies it to a working copy,
// so later calls in the same transaction see earlier changes. A failing call changes
// nothing, so a caller can reject one line of a write and carry on with the rest.
// Not thread-safe; created only by Catalog::Commit.
class CatalogTransaction {
 public:
  CatalogTransaction(const CatalogSnapshot& base, const CatalogLimits& limits, const Clock* clock);

  const CatalogSnapshot& current() const { return builder_.current(); }

  // Schema on write: the database, table or column, created if missing. Returned pointers
  // are valid only until the next call that changes the transaction: keep ids, not
  // pointers, across calls.
  Result<const DatabaseSchema*> DatabaseForWrite(std::string_view name);
  Result<const TableSchema*> TableForWrite(DbId db, std::string_view name);
  // The id of column `name` with `type`; creates it if missing. An existing column of
  // another type fails with "invalid column type for column '<c>', expected <T1>, got <T2>".
  Result<ColumnId> ColumnForWrite(DbId db, TableId table, std::string_view name, ColumnType type);

  // Explicit administration (the /api/v3/configure routes).
  Status CreateDatabase(std::string_view name, std::optional<int64_t> retention_period);
  // Creates a table with the given tags (in series-key order) and fields. Creates the
  // database if missing. AlreadyExists if the table exists.
  Status CreateTable(std::string_view db_name, std::string_view table_name,
                     const std::vector<std::string>& tags,
                     const std::vector<std::pair<std::string, FieldType>>& fields);
  // Soft deletes; `hard_delete_time` 0 means never.
  Status DeleteDatabase(std::string_view name, int64_t hard_delete_time);
  Status DeleteTable(std::string_view db_name, std::string_view table_name, int64_t hard_delete_time);
  Status SetRetention(std::string_view db_name, std::optional<int64_t> retention_period);

  const std::vector<CatalogOp>& ops() const { return ops_; }
  bool empty() const { return ops_.empty(); }
  CatalogSnapshotPtr Build() const { return builder_.Build(); }
  int64_t now() const { return clock_->NowNanos(); }

 private:
  Status Record(CatalogOp op);
  // "<name>-<YYYYMMDDTHHMMSS>" for a soft-deleted object, made unique with a suffix.
  std::string DeletedName(std::string_view name, const std::vector<std::string>& taken) const;

  CatalogBuilder builder_;
  const CatalogLimits& limits_;
  const Clock* clock_;
  std::vector<CatalogOp> ops_;
};

}  // namespace quiver
