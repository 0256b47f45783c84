#pragma once

#include <mutex>
#include <optional>
#include <vector>

#include "exec/expr_evaluator.h"
#include "exec/pipeline.h"
#include "plan/logical_plan.h"

namespace quiver {

// ORDER BY: gathers all input, sorts it by the keys, and produces ordered batches. With
// `fetch` (TopK for ORDER BY ... LIMIT n) each worker keeps only its best `fetch` rows
// (pruned whenever its buffer doubles), so memory stays proportional to `fetch`.
class SortSink final : public Sink {
 public:
  SortSink(SchemaPtr schema, std::vector<SortKey> keys, std::optional<int64_t> fetch);

  Result<std::unique_ptr<SinkState>> MakeState(ExecContext& ctx) override;
  Status Consume(SinkState& state, RecordBatchPtr batch, ExecContext& ctx) override;
  Status Combine(std::unique_ptr<SinkState> state, ExecContext& ctx) override;
  Result<std::unique_ptr<Source>> Finish(ExecContext& ctx) override;
  std::string Describe() const override;

 private:
  struct State;
  // Sorts `batches` and returns the first `limit` rows (all if nullopt) as one batch.
  Result<RecordBatchPtr> SortBatches(const std::vector<RecordBatchPtr>& batches,
                                     std::optional<int64_t> limit, ExecContext& ctx) const;

  SchemaPtr schema_;
  std::vector<SortKey> keys_;
  std::vector<ExprEvaluator> key_evaluators_;
  std::optional<int64_t> fetch_;
  std::mutex mu_;
  std::vector<RecordBatchPtr> combined_;
};

// Collects every batch (the input of blocking consumers that want all rows, e.g. the
// final stage of a union) and replays them in arrival order.
class CollectSink final : public Sink {
 public:
  Result<std::unique_ptr<SinkState>> MakeState(ExecContext& ctx) override;
  Status Consume(SinkState& state, RecordBatchPtr batch, ExecContext& ctx) override;
  Status Combine(std::unique_ptr<SinkState> state, ExecContext& ctx) override;
  Result<std::unique_ptr<Source>> Finish(ExecContext& ctx) override;
  std::string Describe() const override { return "CollectExec"; }

 private:
  struct State;
  std::vector<RecordBatchPtr> batches_;
};

}  // namespace quiver
