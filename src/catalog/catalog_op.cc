#include "catalog/catalog_op.h"

#include <simdjson.h>

#include "base/json_writer.h"
#include "catalog/column_json_internal.h"
#include "catalog/json_reader_internal.h"

namespace quiver {
void WriteColumnsJson(JsonWriter& w, const std::vector<ColumnSchema>& columns) {
  w.Key("columns");
  w.BeginArray();
  for (const ColumnSchema& column : columns) {
    w.BeginObject();
    w.Field("id", uint64_t{column.id});
    w.Field("name", column.name);
    w.Field("type", IoxColumnTypeName(column.type));
    w.EndObject();
  }
  w.EndArray();
}

Result<std::vector<ColumnSchema>> ReadColumnsJson(const JsonObject& object) {
  ASSIGN_OR_RETURN(auto array, object.GetArray("columns"));
  std::vector<ColumnSchema> columns;
  for (const JsonObject& item : array) {
    ColumnSchema column;
    ASSIGN_OR_RETURN(column.id, item.GetUInt32("id"));
    ASSIGN_OR_RETURN(column.name, item.GetString("name"));
    ASSIGN_OR_RETURN(std::string type_name, item.GetString("type"));
    auto type = ParseIoxColumnTypeName(type_name);
    if (!type) return item.Error("unknown column type '{}'", type_name);
    column.type = *type;
    columns.push_back(std::move(column));
  }
  return columns;
}

namespace {

struct OpWriter {
  JsonWriter& w;
  void operator()(const CreateDatabaseOp& op) {
    w.Field("op", "create_database");
    w.Field("db_id", uint64_t{op.db_id});
    w.Field("name", op.name);
    if (op.retention_period) w.Field("retention_period_ns", *op.retention_period);
  }
  void operator()(const CreateTableOp& op) {
    w.Field("op", "create_table");
    w.Field("db_id", uint64_t{op.db_id});
    w.Field("table_id", uint64_t{op.table_id});
    w.Field("name", op.name);
    WriteColumnsJson(w, op.columns);
  }
  void operator()(const AddColumnsOp& op) {
    w.Field("op", "add_columns");
    w.Field("db_id", uint64_t{op.db_id});
    w.Field("table_id", uint64_t{op.table_id});
    WriteColumnsJson(w, op.columns);
  }
  void operator()(const DeleteDatabaseOp& op) {
    w.Field("op", "delete_database");
    w.Field("db_id", uint64_t{op.db_id});
    w.Field("new_name", op.new_name);
    w.Field("deletion_time", op.deletion_time);
    w.Field("hard_delete_time", op.hard_delete_time);
  }
  void operator()(const DeleteTableOp& op) {
    w.Field("op", "delete_table");
    w.Field("db_id", uint64_t{op.db_id});
    w.Field("table_id", uint64_t{op.table_id});
    w.Field("new_name", op.new_name);
    w.Field("deletion_time", op.deletion_time);
    w.Field("hard_delete_time", op.hard_delete_time);
  }
  void operator()(const SetRetentionOp& op) {
    w.Field("op", "set_retention");
    w.Field("db_id", uint64_t{op.db_id});
    if (op.retention_period) w.Field("retention_period_ns", *op.retention_period);
  }
};

Result<CatalogOp> ReadOp(const JsonObject& object) {
  ASSIGN_OR_RETURN(std::string kind, object.GetString("op"));
  if (kind == "create_database") {
    CreateDatabaseOp op;
    ASSIGN_OR_RETURN(op.db_id, object.GetUInt32("db_id"));
    ASSIGN_OR_RETURN(op.name, object.GetString("name"));
    ASSIGN_OR_RETURN(op.retention_period, object.GetOptionalInt64("retention_period_ns"));
    return CatalogOp(std::move(op));
  }
  if (kind == "create_table") {
    CreateTableOp op;
    ASSIGN_OR_RETURN(op.db_id, object.GetUInt32("db_id"));
    ASSIGN_OR_RETURN(op.table_id, object.GetUInt32("table_id"));
    ASSIGN_OR_RETURN(op.name, object.GetString("name"));
    ASSIGN_OR_RETURN(op.columns, ReadColumnsJson(object));
    return CatalogOp(std::move(op));
  }
  if (kind == "add_columns") {
    AddColumnsOp op;
    ASSIGN_OR_RETURN(op.db_id, object.GetUInt32("db_id"));
    ASSIGN_OR_RETURN(op.table_id, object.GetUInt32("table_id"));
    ASSIGN_OR_RETURN(op.columns, ReadColumnsJson(object));
    return CatalogOp(std::move(op));
  }
  if (kind == "delete_database") {
    DeleteDatabaseOp op;
    ASSIGN_OR_RETURN(op.db_id, object.GetUInt32("db_id"));
    ASSIGN_OR_RETURN(op.new_name, object.GetString("new_name"));
    ASSIGN_OR_RETURN(op.deletion_time, object.GetInt64("deletion_time"));
    ASSIGN_OR_RETURN(op.hard_delete_time, object.GetInt64("hard_delete_time"));
    return CatalogOp(std::move(op));
  }
  if (kind == "delete_table") {
    DeleteTableOp op;
    ASSIGN_OR_RETURN(op.db_id, object.GetUInt32("db_id"));
    ASSIGN_OR_RETURN(op.table_id, object.GetUInt32("table_id"));
    ASSIGN_OR_RETURN(op.new_name, object.GetString("new_name"));
    ASSIGN_OR_RETURN(op.deletion_time, object.GetInt64("deletion_time"));
    ASSIGN_OR_RETURN(op.hard_delete_time, object.GetInt64("hard_delete_time"));
    return CatalogOp(std::move(op));
  }
  if (kind == "set_retention") {
    SetRetentionOp op;
    ASSIGN_OR_RETURN(op.db_id, object.GetUInt32("db_id"));
    ASSIGN_OR_RETURN(op.retention_period, object.GetOptionalInt64("retention_period_ns"));
    return CatalogOp(std::move(op));
  }
  return object.Error("unknown catalog op '{}'", kind);
}

}  // namespace

std::string EncodeCatalogCommit(const CatalogCommit& commit) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Field("version", int64_t{1});
  w.Field("sequence", commit.sequence);
  w.Field("time_ns", commit.time_ns);
  w.Key("ops");
  w.BeginArray();
  for (const CatalogOp& op : commit.ops) {
    w.BeginObject();
    std::visit(OpWriter{w}, op);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  out.push_back('\n');
  return out;
}

Result<CatalogCommit> DecodeCatalogCommit(std::string_view json, std::string_view source) {
  JsonDocument document(source);
  ASSIGN_OR_RETURN(JsonObject root, document.Parse(json));
  ASSIGN_OR_RETURN(int64_t version, root.GetInt64("version"));
  if (version != 1) return root.Error("unsupported catalog log version {}", version);
  CatalogCommit commit;
  ASSIGN_OR_RETURN(commit.sequence, root.GetUInt64("sequence"));
  ASSIGN_OR_RETURN(commit.time_ns, root.GetInt64("time_ns"));
  ASSIGN_OR_RETURN(auto ops, root.GetArray("ops"));
  for (const JsonObject& item : ops) {
    ASSIGN_OR_RETURN(CatalogOp op, ReadOp(item));
    commit.ops.push_back(std::move(op));
  }
  return commit;
}

}  // namespace quiver
