#pragma once

#include <memory>
#include <string>
#include <vector>

#include "base/result.h"
#include "exec/exec_context.h"
#include "exec/pipeline.h"
#include "exec/table_source.h"
#include "plan/logical_plan.h"

namespace quiver {

// One running query: turns an optimized logical plan into pipelines and hands out the
// result batch by batch (pull). Blocking parts (aggregation, sorting) run in parallel on
// the task pool the first time Next() is called; the final streaming part (filters,
// projections, limits above them) runs on the caller's thread as batches are pulled, so a
// slow client slows the query down instead of piling results up in memory, and a client
// that stops pulling (disconnects) stops the work.
//
// Thread-safety: Next() from one thread at a time; Cancel() from any thread.
class QueryExecution {
 public:
  static Result<std::unique_ptr<QueryExecution>> Make(LogicalPlanPtr plan, TableSourceProvider* sources,
                                                      ExecOptions options, int64_t query_time_nanos);
  ~QueryExecution();

  const SchemaPtr& schema() const { return plan_->schema(); }
  // The next non-empty batch, or nullptr when the result is complete.
  Result<RecordBatchPtr> Next();
  // Pulls every remaining batch.
  Result<std::vector<RecordBatchPtr>> CollectAll();
  void Cancel(Status reason) { ctx_->Cancel(std::move(reason)); }

  // The physical plan, one operator per line (leaves last), with per-operator metrics
  // when `with_metrics` (meaningful once the query has run).
  std::string Describe(bool with_metrics) const;
  ExecContext& context() { return *ctx_; }

 private:
  struct Node;
  QueryExecution() = default;
  Result<std::unique_ptr<Node>> Build(const LogicalPlanPtr& plan);
  Result<Pipeline> Open(Node& node);

  LogicalPlanPtr plan_;
  TableSourceProvider* sources_ = nullptr;
  std::unique_ptr<ExecContext> ctx_;
  std::unique_ptr<Node> root_;
  bool opened_ = false;
  bool done_ = false;
  Pipeline pipeline_;
};

}  // namespace quiver
