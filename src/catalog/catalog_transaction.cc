#include "catalog/catalog_transaction.h"

#include <algorithm>

#include <fmt/format.h>

#include "base/time_format.h"
#include "catalog/names.h"

namespace quiver {

CatalogTransaction::CatalogTransaction(const CatalogSnapshot& base, const CatalogLimits& limits,
                                       const Clock* clock)
    : builder_(base), limits_(limits), clock_(clock) {}

Status CatalogTransaction::Record(CatalogOp op) {
  // Merge column additions to the same table into one op (keeps the log small when a
  // write introduces many columns).
  if (auto* add = std::get_if<AddColumnsOp>(&op); add && !ops_.empty()) {
    if (auto* last = std::get_if<AddColumnsOp>(&ops_.back());
        last && last->db_id == add->db_id && last->table_id == add->table_id) {
      RETURN_NOT_OK(builder_.Apply(op));
      last->columns.insert(last->columns.end(), add->columns.begin(), add->columns.end());
      return Status::OK();
    }
  }
  RETURN_NOT_OK(builder_.Apply(op));
  ops_.push_back(std::move(op));
  return Status::OK();
}

Result<const DatabaseSchema*> CatalogTransaction::DatabaseForWrite(std::string_view name) {
  if (const DatabaseSchema* db = current().FindDatabase(name)) return db;
  RETURN_NOT_OK(CreateDatabase(name, std::nullopt));
  return current().FindDatabase(name);
}

Result<const TableSchema*> CatalogTransaction::TableForWrite(DbId db_id, std::string_view name) {
  const DatabaseSchema* db = current().DatabaseById(db_id);
  if (db == nullptr || db->deleted()) return Status::NotFound("database not found: id {}", db_id);
  if (const TableSchema* table = db->FindTable(name)) return table;
  RETURN_NOT_OK(ValidateTableName(name));
  if (db->num_live_tables() >= limits_.max_tables_per_database) {
    return Status::ResourceExhausted(
        "Update to schema would exceed number of tables limit: attempted to create table but "
        "already have {} table(s) (limit: {})",
        db->num_live_tables(), limits_.max_tables_per_database);
  }
  CreateTableOp op;
  op.db_id = db_id;
  op.table_id = db->next_table_id();
  op.name = std::string(name);
  op.columns.push_back(ColumnSchema{0, std::string(kTimeColumnName), ColumnType::Time()});
  RETURN_NOT_OK(Record(std::move(op)));
  return current().DatabaseById(db_id)->FindTable(name);
}

Result<ColumnId> CatalogTransaction::ColumnForWrite(DbId db_id, TableId table_id,
                                                    std::string_view name, ColumnType type) {
  const DatabaseSchema* db = current().DatabaseById(db_id);
  if (db == nullptr) return Status::NotFound("database not found: id {}", db_id);
  const TableSchema* table = db->TableById(table_id);
  if (table == nullptr) return Status::NotFound("table not found: id {}", table_id);
  RETURN_NOT_OK(ValidateColumnName(name));
  if (const ColumnSchema* column = table->FindColumn(name)) {
    if (column->type == type) return column->id;
    return Status::InvalidArgument("invalid column type for column '{}', expected {}, got {}", name,
                                   IoxColumnTypeName(column->type), IoxColumnTypeName(type));
  }
  if (table->num_user_columns() >= limits_.max_columns_per_table) {
    return Status::ResourceExhausted(
        "Update to schema would exceed number of columns per table limit of {} columns",
        limits_.max_columns_per_table);
  }
  ColumnId id = table->next_column_id();
  RETURN_NOT_OK(Record(AddColumnsOp{db_id, table_id, {ColumnSchema{id, std::string(name), type}}}));
  return id;
}

Status CatalogTransaction::CreateDatabase(std::string_view name,
                                          std::optional<int64_t> retention_period) {
  RETURN_NOT_OK(ValidateDatabaseName(name));
  if (current().FindDatabase(name)) {
    return Status::AlreadyExists("attempted to create a resource that already exists");
  }
  if (current().num_live_databases() >= limits_.max_databases) {
    return Status::ResourceExhausted("Adding a new database would exceed limit of {} databases",
                                     limits_.max_databases);
  }
  return Record(CreateDatabaseOp{current().next_db_id(), std::string(name), retention_period});
}

Status CatalogTransaction::CreateTable(std::string_view db_name, std::string_view table_name,
                                       const std::vector<std::string>& tags,
                                       const std::vector<std::pair<std::string, FieldType>>& fields) {
  ASSIGN_OR_RETURN(const DatabaseSchema* db, DatabaseForWrite(db_name));
  if (db->FindTable(table_name)) {
    return Status::AlreadyExists("attempted to create a resource that already exists");
  }
  RETURN_NOT_OK(ValidateTableName(table_name));
  if (db->num_live_tables() >= limits_.max_tables_per_database) {
    return Status::ResourceExhausted(
        "Update to schema would exceed number of tables limit: attempted to create table but "
        "already have {} table(s) (limit: {})",
        db->num_live_tables(), limits_.max_tables_per_database);
  }
  if (static_cast<int>(tags.size() + fields.size()) > limits_.max_columns_per_table) {
    return Status::ResourceExhausted(
        "Update to schema would exceed number of columns per table limit of {} columns",
        limits_.max_columns_per_table);
  }
  CreateTableOp op;
  op.db_id = db->id();
  op.table_id = db->next_table_id();
  op.name = std::string(table_name);
  ColumnId next_id = 0;
  op.columns.push_back(ColumnSchema{next_id++, std::string(kTimeColumnName), ColumnType::Time()});
  auto add = [&](const std::string& name, ColumnType type) -> Status {
    RETURN_NOT_OK(ValidateColumnName(name));
    for (const ColumnSchema& existing : op.columns) {
      if (existing.name == name) return Status::InvalidArgument("duplicate column name: {}", name);
    }
    op.columns.push_back(ColumnSchema{next_id++, name, type});
    return Status::OK();
  };
  for (const std::string& tag : tags) RETURN_NOT_OK(add(tag, ColumnType::Tag()));
  for (const auto& [name, type] : fields) RETURN_NOT_OK(add(name, ColumnType::OfField(type)));
  return Record(std::move(op));
}

std::string CatalogTransaction::DeletedName(std::string_view name,
                                            const std::vector<std::string>& taken) const {
  CivilTime c = ToCivil(clock_->NowNanos());
  std::string base = fmt::format("{}-{:04}{:02}{:02}T{:02}{:02}{:02}", name, c.year, c.month,
                                 c.day, c.hour, c.minute, c.second);
  std::string candidate = base;
  for (int suffix = 1; std::find(taken.begin(), taken.end(), candidate) != taken.end(); ++suffix) {
    candidate = fmt::format("{}-{}", base, suffix);
  }
  return candidate;
}

Status CatalogTransaction::DeleteDatabase(std::string_view name, int64_t hard_delete_time) {
  const DatabaseSchema* db = current().FindDatabase(name);
  if (db == nullptr) return Status::NotFound("Database not found {}", name);
  std::vector<std::string> taken;
  for (const auto& [id, other] : current().databases_by_id()) taken.push_back(other->name());
  return Record(DeleteDatabaseOp{db->id(), DeletedName(name, taken), clock_->NowNanos(),
                                 hard_delete_time});
}

Status CatalogTransaction::DeleteTable(std::string_view db_name, std::string_view table_name,
                                       int64_t hard_delete_time) {
  const DatabaseSchema* db = current().FindDatabase(db_name);
  if (db == nullptr) return Status::NotFound("Database not found {}", db_name);
  const TableSchema* table = db->FindTable(table_name);
  if (table == nullptr) return Status::NotFound("Table not found {}", table_name);
  std::vector<std::string> taken;
  for (const auto& [id, other] : db->tables_by_id()) taken.push_back(other->name());
  return Record(DeleteTableOp{db->id(), table->id(), DeletedName(table_name, taken),
                              clock_->NowNanos(), hard_delete_time});
}

Status CatalogTransaction::SetRetention(std::string_view db_name,
                                        std::optional<int64_t> retention_period) {
  const DatabaseSchema* db = current().FindDatabase(db_name);
  if (db == nullptr) return Status::NotFound("Database not found {}", db_name);
  if (retention_period && *retention_period <= 0) {
    return Status::InvalidArgument("retention period must be positive");
  }
  return Record(SetRetentionOp{db->id(), retention_period});
}

}  // namespace quiver
