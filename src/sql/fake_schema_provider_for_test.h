#pragma once

// Test-only SchemaProvider and helpers for planner tests. Database "testdb" with
//   iox.cpu   hostname, region (tags: Dictionary(Int32, Utf8)), usage_idle (Int64),
//             usage_system, usage_user (Float64), time (Timestamp(ns), not null)
//   iox."Quoted Name"   "Host" (tag), value (Float64), time
//   system.queries      id (Utf8), query_text (Utf8), issue_time (Timestamp(ns))

#include <map>
#include <string>
#include <vector>

#include "plan/optimizer.h"
#include "plan/table_info.h"
#include "sql/sql_planner.h"
#include "types/column_type.h"

namespace quiver::sql {

class FakeSchemaProvider : public SchemaProvider {
 public:
  FakeSchemaProvider() {
    AddTable("iox", "cpu", 1,
             {{"hostname", ColumnRole::kTag, DataType::TagDictionary()},
              {"region", ColumnRole::kTag, DataType::TagDictionary()},
              {"usage_idle", ColumnRole::kField, DataType::Int64()},
              {"usage_system", ColumnRole::kField, DataType::Float64()},
              {"usage_user", ColumnRole::kField, DataType::Float64()},
              {"time", ColumnRole::kTime, DataType::Timestamp()}});
    AddTable("iox", "Quoted Name", 2,
             {{"Host", ColumnRole::kTag, DataType::TagDictionary()},
              {"value", ColumnRole::kField, DataType::Float64()},
              {"time", ColumnRole::kTime, DataType::Timestamp()}});
    AddTable("system", "queries", 0,
             {{"id", ColumnRole::kField, DataType::Utf8()},
              {"query_text", ColumnRole::kField, DataType::Utf8()},
              {"issue_time", ColumnRole::kField, DataType::Timestamp()}});
  }

  const std::string& database() const override { return database_; }

  std::optional<TableInfo> FindTable(std::string_view schema, std::string_view name) const override {
    std::string key = std::string(schema.empty() ? "iox" : schema) + "." + std::string(name);
    auto it = tables_.find(key);
    if (it == tables_.end()) return std::nullopt;
    return it->second;
  }

  std::vector<TableInfo> ListTables() const override {
    std::vector<TableInfo> out;
    for (const auto& [key, info] : tables_) out.push_back(info);
    return out;
  }

 private:
  struct ColumnSpec {
    std::string name;
    ColumnRole role;
    DataType type;
  };

  void AddTable(const std::string& schema, const std::string& name, TableId id, const std::vector<ColumnSpec>& columns) {
    TableInfo info;
    info.ref.schema = schema;
    info.ref.name = name;
    info.ref.db_id = 1;
    info.ref.table_id = id;
    std::vector<Field> fields;
    for (const ColumnSpec& column : columns) {
      fields.emplace_back(column.name, column.type, column.role != ColumnRole::kTime);
      info.roles.push_back(column.role);
      if (column.role == ColumnRole::kTag) info.series_key.push_back(column.name);
    }
    info.schema = MakeSchema(std::move(fields));
    tables_[schema + "." + name] = std::move(info);
  }

  std::string database_ = "testdb";
  std::map<std::string, TableInfo> tables_;
};

// The bound plan's text, or "ERROR: <status>" (keeps expectations one string).
inline std::string PlanText(std::string_view sql, const std::map<std::string, Scalar>& params = {}) {
  FakeSchemaProvider schemas;
  Result<BoundStatement> bound = PlanSql(sql, schemas, params);
  if (!bound.ok()) return "ERROR: " + bound.status().ToString();
  return bound->plan->ToString();
}

// The planning error (OK if planning succeeded).
inline Status PlanStatus(std::string_view sql, const std::map<std::string, Scalar>& params = {}) {
  FakeSchemaProvider schemas;
  Result<BoundStatement> bound = PlanSql(sql, schemas, params);
  return bound.ok() ? Status::OK() : bound.status();
}

// Binds and optimizes.
inline Result<LogicalPlanPtr> OptimizedPlan(std::string_view sql, const std::map<std::string, Scalar>& params = {}) {
  FakeSchemaProvider schemas;
  ASSIGN_OR_RETURN(BoundStatement bound, PlanSql(sql, schemas, params));
  return Optimize(bound.plan);
}

}  // namespace quiver::sql
