#include "catalog/catalog_builder.h"

#include <algorithm>

namespace quiver {

CatalogBuilder::CatalogBuilder(const CatalogSnapshot& base)
    : state_(std::make_shared<CatalogSnapshot>(base)) {}

CatalogBuilder CatalogBuilder::Empty(std::string catalog_id) {
  CatalogBuilder builder;
  builder.state_ = std::make_shared<CatalogSnapshot>();
  builder.state_->catalog_id_ = std::move(catalog_id);
  return builder;
}

CatalogSnapshot& CatalogBuilder::Mutable() {
  // A snapshot handed out by Build() must never change: copy it before mutating.
  if (state_.use_count() > 1) state_ = std::make_shared<CatalogSnapshot>(*state_);
  return *state_;
}

void CatalogBuilder::set_sequence(uint64_t sequence) { Mutable().sequence_ = sequence; }

std::shared_ptr<DatabaseSchema> CatalogBuilder::MutableDatabase(DbId id) {
  CatalogSnapshot& state = Mutable();
  auto it = state.databases_by_id_.find(id);
  if (it == state.databases_by_id_.end()) return nullptr;
  auto copy = std::make_shared<DatabaseSchema>(*it->second);
  it->second = copy;
  if (!copy->deleted_) state.databases_[copy->name_] = copy;
  return copy;
}

Status CatalogBuilder::Apply(const CatalogOp& op) {
  // Apply to a private copy so that a failing op leaves the state untouched.
  std::shared_ptr<CatalogSnapshot> saved = state_;
  state_ = std::make_shared<CatalogSnapshot>(*state_);
  Status status = std::visit([this](const auto& o) { return ApplyOp(o); }, op);
  if (!status.ok()) state_ = std::move(saved);
  return status;
}

Status CatalogBuilder::ApplyOp(const CreateDatabaseOp& op) {
  CatalogSnapshot& state = Mutable();
  if (state.databases_.count(op.name)) return Status::InvalidArgument("database exists: {}", op.name);
  if (state.databases_by_id_.count(op.db_id)) {
    return Status::InvalidArgument("database id in use: {}", op.db_id);
  }
  auto db = std::make_shared<DatabaseSchema>(op.db_id, op.name);
  db->retention_period_ = op.retention_period;
  state.databases_[op.name] = db;
  state.databases_by_id_[op.db_id] = db;
  state.next_db_id_ = std::max(state.next_db_id_, op.db_id + 1);
  return Status::OK();
}

Status CatalogBuilder::ApplyOp(const CreateTableOp& op) {
  auto db = MutableDatabase(op.db_id);
  if (!db) return Status::InvalidArgument("unknown database id {}", op.db_id);
  if (db->tables_.count(op.name)) return Status::InvalidArgument("table exists: {}", op.name);
  if (db->tables_by_id_.count(op.table_id)) {
    return Status::InvalidArgument("table id in use: {}", op.table_id);
  }
  int time_columns = 0;
  std::vector<ColumnId> series_key;
  for (const ColumnSchema& column : op.columns) {
    if (column.type.role == ColumnRole::kTime) ++time_columns;
    if (column.type.role == ColumnRole::kTag) series_key.push_back(column.id);
  }
  if (time_columns != 1) {
    return Status::InvalidArgument("table {} must have exactly one time column", op.name);
  }
  auto table = std::make_shared<TableSchema>(op.table_id, op.name, op.columns, std::move(series_key));
  if (table->columns().size() != op.columns.size() ||
      static_cast<size_t>(table->next_column_id()) < op.columns.size()) {
    return Status::InvalidArgument("table {} has duplicate column names or ids", op.name);
  }
  db->tables_[op.name] = table;
  db->tables_by_id_[op.table_id] = table;
  db->next_table_id_ = std::max(db->next_table_id_, op.table_id + 1);
  return Status::OK();
}

Status CatalogBuilder::ApplyOp(const AddColumnsOp& op) {
  auto db = MutableDatabase(op.db_id);
  if (!db) return Status::InvalidArgument("unknown database id {}", op.db_id);
  auto it = db->tables_by_id_.find(op.table_id);
  if (it == db->tables_by_id_.end()) return Status::InvalidArgument("unknown table id {}", op.table_id);
  const TableSchema& table = *it->second;
  for (const ColumnSchema& column : op.columns) {
    if (table.FindColumn(column.name) || table.ColumnById(column.id)) {
      return Status::InvalidArgument("column {} already exists in {}", column.name, table.name());
    }
    if (column.type.role == ColumnRole::kTime) {
      return Status::InvalidArgument("cannot add a second time column to {}", table.name());
    }
  }
  auto updated = table.WithColumns(op.columns);
  it->second = updated;
  if (!updated->deleted()) db->tables_[updated->name()] = updated;
  return Status::OK();
}

Status CatalogBuilder::ApplyOp(const DeleteDatabaseOp& op) {
  CatalogSnapshot& state = Mutable();
  auto it = state.databases_by_id_.find(op.db_id);
  if (it == state.databases_by_id_.end()) return Status::InvalidArgument("unknown database id {}", op.db_id);
  if (it->second->deleted()) return Status::InvalidArgument("database {} already deleted", op.db_id);
  auto db = std::make_shared<DatabaseSchema>(*it->second);
  state.databases_.erase(db->name_);
  db->name_ = op.new_name;
  db->deleted_ = true;
  db->hard_delete_time_ = op.hard_delete_time;
  it->second = db;
  return Status::OK();
}

Status CatalogBuilder::ApplyOp(const DeleteTableOp& op) {
  auto db = MutableDatabase(op.db_id);
  if (!db) return Status::InvalidArgument("unknown database id {}", op.db_id);
  auto it = db->tables_by_id_.find(op.table_id);
  if (it == db->tables_by_id_.end()) return Status::InvalidArgument("unknown table id {}", op.table_id);
  if (it->second->deleted()) return Status::InvalidArgument("table {} already deleted", op.table_id);
  db->tables_.erase(it->second->name());
  it->second = it->second->AsDeleted(op.new_name, op.hard_delete_time);
  return Status::OK();
}

Status CatalogBuilder::ApplyOp(const SetRetentionOp& op) {
  auto db = MutableDatabase(op.db_id);
  if (!db) return Status::InvalidArgument("unknown database id {}", op.db_id);
  db->retention_period_ = op.retention_period;
  return Status::OK();
}

}  // namespace quiver
