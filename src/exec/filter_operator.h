#pragma once

#include "exec/expr_evaluator.h"
#include "exec/pipeline.h"

namespace quiver {

// Keeps the rows for which the predicate is true (NULL counts as false).
class FilterOperator final : public Operator {
 public:
  explicit FilterOperator(ExprPtr predicate) : predicate_(std::move(predicate)) {}
  Result<RecordBatchPtr> Process(RecordBatchPtr batch, ExecContext& ctx) override;
  std::string Describe() const override { return "FilterExec: " + predicate_.expr()->ToString(); }

 private:
  ExprEvaluator predicate_;
};

// Computes one output column per expression.
class ProjectOperator final : public Operator {
 public:
  ProjectOperator(std::vector<ExprPtr> exprs, SchemaPtr schema);
  Result<RecordBatchPtr> Process(RecordBatchPtr batch, ExecContext& ctx) override;
  std::string Describe() const override;

 private:
  std::vector<ExprEvaluator> exprs_;
  SchemaPtr schema_;
};

// Skips `offset` rows then passes at most `fetch` rows, counted across all workers. Over
// an unordered input which rows pass is unspecified (as SQL allows); ordered inputs run
// on one worker, so the first rows pass.
class LimitOperator final : public Operator {
 public:
  LimitOperator(int64_t offset, std::optional<int64_t> fetch) : offset_(offset), fetch_(fetch) {}
  Result<RecordBatchPtr> Process(RecordBatchPtr batch, ExecContext& ctx) override;
  std::string Describe() const override;
  bool Finished() const override;

 private:
  const int64_t offset_;
  const std::optional<int64_t> fetch_;
  std::atomic<int64_t> seen_{0};  // rows claimed so far (skipped + passed)
};

}  // namespace quiver
