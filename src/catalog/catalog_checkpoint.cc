#include "catalog/catalog_checkpoint.h"

#include "base/json_writer.h"
#include "catalog/catalog_builder.h"
#include "catalog/column_json_internal.h"
#include "catalog/json_reader_internal.h"

namespace quiver {

// A checkpoint is written as the ops that rebuild the state from empty: databases (with
// their original names), their tables and columns, then deletions. Decoding replays them,
// so the checkpoint and the log share one code path and one set of invariants.
std::string EncodeCatalogCheckpoint(const CatalogSnapshot& snapshot) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Field("version", int64_t{1});
  w.Field("catalog_id", snapshot.catalog_id());
  w.Field("sequence", snapshot.sequence());
  w.Key("databases");
  w.BeginArray();
  for (const auto& [db_id, db] : snapshot.databases_by_id()) {
    w.BeginObject();
    w.Field("id", uint64_t{db_id});
    w.Field("name", db->name());
    if (db->retention_period()) w.Field("retention_period_ns", *db->retention_period());
    w.Field("deleted", db->deleted());
    w.Field("hard_delete_time", db->hard_delete_time());
    w.Key("tables");
    w.BeginArray();
    for (const auto& [table_id, table] : db->tables_by_id()) {
      w.BeginObject();
      w.Field("id", uint64_t{table_id});
      w.Field("name", table->name());
      w.Field("deleted", table->deleted());
      w.Field("hard_delete_time", table->hard_delete_time());
      // Columns in series-key order for tags (the order CreateTableOp gives them), then
      // the rest in id order.
      std::vector<ColumnSchema> columns;
      for (ColumnId tag_id : table->series_key()) columns.push_back(*table->ColumnById(tag_id));
      for (const ColumnSchema& column : table->columns()) {
        if (column.type.role != ColumnRole::kTag) columns.push_back(column);
      }
      WriteColumnsJson(w, columns);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  out.push_back('\n');
  return out;
}

Result<CatalogSnapshotPtr> DecodeCatalogCheckpoint(std::string_view json, std::string_view source) {
  JsonDocument document(source);
  ASSIGN_OR_RETURN(JsonObject root, document.Parse(json));
  ASSIGN_OR_RETURN(int64_t version, root.GetInt64("version"));
  if (version != 1) return root.Error("unsupported catalog checkpoint version {}", version);
  ASSIGN_OR_RETURN(std::string catalog_id, root.GetString("catalog_id"));
  ASSIGN_OR_RETURN(uint64_t sequence, root.GetUInt64("sequence"));
  CatalogBuilder builder = CatalogBuilder::Empty(catalog_id);
  auto apply = [&](CatalogOp op) -> Status {
    Status status = builder.Apply(op);
    if (!status.ok()) return root.Error("{}", status.message());
    return Status::OK();
  };
  ASSIGN_OR_RETURN(auto databases, root.GetArray("databases"));
  for (const JsonObject& db : databases) {
    CreateDatabaseOp create_db;
    ASSIGN_OR_RETURN(create_db.db_id, db.GetUInt32("id"));
    ASSIGN_OR_RETURN(create_db.name, db.GetString("name"));
    ASSIGN_OR_RETURN(create_db.retention_period, db.GetOptionalInt64("retention_period_ns"));
    ASSIGN_OR_RETURN(bool db_deleted, db.GetBool("deleted"));
    ASSIGN_OR_RETURN(int64_t db_hard_delete, db.GetInt64("hard_delete_time"));
    // Deleted databases keep their renamed name; create under it, then flag deleted.
    RETURN_NOT_OK(apply(create_db));
    ASSIGN_OR_RETURN(auto tables, db.GetArray("tables"));
    std::vector<DeleteTableOp> table_deletes;
    for (const JsonObject& table : tables) {
      CreateTableOp create_table;
      create_table.db_id = create_db.db_id;
      ASSIGN_OR_RETURN(create_table.table_id, table.GetUInt32("id"));
      ASSIGN_OR_RETURN(create_table.name, table.GetString("name"));
      ASSIGN_OR_RETURN(create_table.columns, ReadColumnsJson(table));
      ASSIGN_OR_RETURN(bool table_deleted, table.GetBool("deleted"));
      if (table_deleted) {
        ASSIGN_OR_RETURN(int64_t hard_delete, table.GetInt64("hard_delete_time"));
        table_deletes.push_back(DeleteTableOp{create_table.db_id, create_table.table_id,
                                              create_table.name, 0, hard_delete});
        // A deleted table may share its (renamed) name with nothing live; create it under
        // a placeholder first so a live table of the same original name cannot clash.
        create_table.name = "\x01" "deleted-" + std::to_string(create_table.table_id);
      }
      RETURN_NOT_OK(apply(std::move(create_table)));
    }
    for (DeleteTableOp& op : table_deletes) RETURN_NOT_OK(apply(std::move(op)));
    if (db_deleted) {
      RETURN_NOT_OK(apply(DeleteDatabaseOp{create_db.db_id, create_db.name, 0, db_hard_delete}));
    }
  }
  builder.set_sequence(sequence);
  return builder.Build();
}

}  // namespace quiver
