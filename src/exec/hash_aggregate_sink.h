#pragma once

#include <memory>
#include <mutex>
#include <vector>

#include "exec/expr_evaluator.h"
#include "exec/group_key_encoder.h"
#include "exec/group_table.h"
#include "exec/pipeline.h"
#include "plan/logical_plan.h"

namespace quiver {

// GROUP BY (and DISTINCT, which is a GROUP BY without aggregates). Each worker groups its
// batches into a private GroupTable with private aggregators; Combine merges a worker's
// groups into the shared table (translating interned keys) and merges its aggregators;
// Finish emits one row per group: group keys, then aggregates. Without group keys there is
// exactly one output row, even for empty input (count = 0, other aggregates NULL).
class HashAggregateSink final : public Sink {
 public:
  static Result<std::unique_ptr<HashAggregateSink>> Make(SchemaPtr output_schema,
                                                          std::vector<ExprPtr> group_exprs,
                                                          std::vector<AggregateCall> aggregates);
  ~HashAggregateSink() override;

  Result<std::unique_ptr<SinkState>> MakeState(ExecContext& ctx) override;
  Status Consume(SinkState& state, RecordBatchPtr batch, ExecContext& ctx) override;
  Status Combine(std::unique_ptr<SinkState> state, ExecContext& ctx) override;
  Result<std::unique_ptr<Source>> Finish(ExecContext& ctx) override;
  std::string Describe() const override;

 private:
  struct State;
  HashAggregateSink() = default;
  Result<std::unique_ptr<State>> NewState(ExecContext& ctx) const;

  SchemaPtr output_schema_;
  std::vector<ExprPtr> group_exprs_;
  std::vector<AggregateCall> aggregates_;
  std::vector<std::unique_ptr<GroupKeyEncoder>> prototypes_;
  std::vector<std::vector<ExprEvaluator>> arg_evaluators_;
  std::vector<std::unique_ptr<ExprEvaluator>> filter_evaluators_;

  std::mutex mu_;
  std::unique_ptr<State> combined_;
};

}  // namespace quiver
