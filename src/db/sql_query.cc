#include <fmt/format.h>

#include "columnar/builder.h"
#include "db/buffer_table_source.h"
#include "db/catalog_schema_provider.h"
#include "db/information_schema_source.h"
#include "db/quiver_db.h"
#include "exec/query_execution.h"
#include "plan/optimizer.h"
#include "sql/sql_planner.h"

namespace quiver {

namespace {

// Resolves the tables of one query to their data, over one catalog snapshot.
class QuerySources final : public TableSourceProvider {
 public:
  QuerySources(const WriteBuffer* buffer, CatalogSnapshotPtr snapshot, std::vector<TableInfo> tables)
      : buffer_(buffer), snapshot_(std::move(snapshot)), tables_(std::move(tables)) {}

  Result<std::shared_ptr<TableSource>> GetSource(const TableRef& table) override {
    if (table.is_user_table()) {
      return std::shared_ptr<TableSource>(std::make_shared<BufferTableSource>(buffer_, table.db_id, table.table_id));
    }
    if (table.schema == "information_schema") {
      return std::shared_ptr<TableSource>(std::make_shared<InformationSchemaSource>(table.name, tables_));
    }
    return Status::NotFound("no data source for table {}", table.ToString());
  }

 private:
  const WriteBuffer* buffer_;
  CatalogSnapshotPtr snapshot_;  // keeps table schemas alive for the query
  std::vector<TableInfo> tables_;
};

class ExecutionResult final : public QueryResult {
 public:
  ExecutionResult(std::unique_ptr<QuerySources> sources, std::unique_ptr<QueryExecution> execution)
      : sources_(std::move(sources)), execution_(std::move(execution)) {}
  ~ExecutionResult() override { execution_->Cancel(Status::Cancelled("query result closed")); }
  const SchemaPtr& schema() const override { return execution_->schema(); }
  Result<RecordBatchPtr> Next() override { return execution_->Next(); }
  void Cancel(Status reason) override { execution_->Cancel(std::move(reason)); }

 private:
  std::unique_ptr<QuerySources> sources_;
  std::unique_ptr<QueryExecution> execution_;
};

// A fixed, already computed result (EXPLAIN).
class BatchResult final : public QueryResult {
 public:
  explicit BatchResult(RecordBatchPtr batch) : schema_(batch->schema()), batch_(std::move(batch)) {}
  const SchemaPtr& schema() const override { return schema_; }
  Result<RecordBatchPtr> Next() override { return std::exchange(batch_, nullptr); }
  void Cancel(Status) override {}

 private:
  SchemaPtr schema_;
  RecordBatchPtr batch_;
};

// DataFusion's EXPLAIN output: columns plan_type, plan.
RecordBatchPtr ExplainBatch(const std::vector<std::pair<std::string, std::string>>& rows) {
  StringBuilder types, plans;
  for (const auto& [type, plan] : rows) {
    (void)types.Append(type);
    (void)plans.Append(plan);
  }
  auto schema = MakeSchema({Field("plan_type", DataType::Utf8(), false), Field("plan", DataType::Utf8(), false)});
  return RecordBatch::MakeUnchecked(schema, static_cast<int64_t>(rows.size()), {*types.Finish(), *plans.Finish()});
}

}  // namespace

Result<std::unique_ptr<QueryResult>> QuiverDb::QuerySql(std::string_view db, std::string_view sql,
                                                        const std::map<std::string, Scalar>& params) {
  CatalogSnapshotPtr snapshot = catalog_->snapshot();
  const DatabaseSchema* database = snapshot->FindDatabase(db);
  if (database == nullptr) return Status::NotFound("database not found: {}", db);
  CatalogSchemaProvider schemas(snapshot, database);
  ASSIGN_OR_RETURN(BoundStatement statement, PlanSql(sql, schemas, params));
  ASSIGN_OR_RETURN(LogicalPlanPtr plan, Optimize(statement.plan));
  auto sources = std::make_unique<QuerySources>(buffer_.get(), snapshot, schemas.ListTables());
  ASSIGN_OR_RETURN(auto execution, QueryExecution::Make(plan, sources.get(), options_.exec, clock_->NowNanos()));
  switch (statement.kind) {
    case BoundStatement::Kind::kQuery:
      return std::unique_ptr<QueryResult>(std::make_unique<ExecutionResult>(std::move(sources), std::move(execution)));
    case BoundStatement::Kind::kExplain: {
      std::vector<std::pair<std::string, std::string>> rows = {{"logical_plan", plan->ToString()},
                                                               {"physical_plan", execution->Describe(false)}};
      if (statement.verbose) rows.insert(rows.begin(), {"initial_logical_plan", statement.plan->ToString()});
      return std::unique_ptr<QueryResult>(std::make_unique<BatchResult>(ExplainBatch(rows)));
    }
    case BoundStatement::Kind::kExplainAnalyze: {
      int64_t start = clock_->MonotonicNanos();
      ASSIGN_OR_RETURN(auto batches, execution->CollectAll());
      int64_t rows = 0;
      for (const auto& b : batches) rows += b->num_rows();
      std::string text = execution->Describe(true);
      text += fmt::format("-- {} rows in {:.3f} ms", rows, static_cast<double>(clock_->MonotonicNanos() - start) / 1e6);
      return std::unique_ptr<QueryResult>(
          std::make_unique<BatchResult>(ExplainBatch({{"Plan with Metrics", std::move(text)}})));
    }
  }
  return Status::Internal("unknown statement kind");
}

}  // namespace quiver
