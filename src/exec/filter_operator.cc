#include "exec/filter_operator.h"

#include <fmt/format.h>

namespace quiver {

Result<RecordBatchPtr> FilterOperator::Process(RecordBatchPtr batch, ExecContext& ctx) {
  ASSIGN_OR_RETURN(Datum mask, predicate_.Evaluate(*batch, ctx));
  return FilterBatch(batch, mask, ctx);
}

ProjectOperator::ProjectOperator(std::vector<ExprPtr> exprs, SchemaPtr schema) : schema_(std::move(schema)) {
  for (ExprPtr& e : exprs) exprs_.emplace_back(std::move(e));
}

Result<RecordBatchPtr> ProjectOperator::Process(RecordBatchPtr batch, ExecContext& ctx) {
  std::vector<Array> columns;
  columns.reserve(exprs_.size());
  for (const ExprEvaluator& e : exprs_) {
    ASSIGN_OR_RETURN(Array column, e.EvaluateToArray(*batch, ctx));
    // Keep the declared field type (e.g. a column re-labelled by the binder).
    columns.push_back(std::move(column));
  }
  return RecordBatch::MakeUnchecked(schema_, batch->num_rows(), std::move(columns));
}

std::string ProjectOperator::Describe() const {
  std::string out = "ProjectionExec: expr=[";
  for (size_t i = 0; i < exprs_.size(); ++i) {
    if (i > 0) out += ", ";
    out += exprs_[i].expr()->ToString() + " as " + schema_->field(static_cast<int>(i)).name();
  }
  return out + "]";
}

Result<RecordBatchPtr> LimitOperator::Process(RecordBatchPtr batch, ExecContext& ctx) {
  const int64_t rows = batch->num_rows();
  const int64_t start = seen_.fetch_add(rows, std::memory_order_relaxed);
  const int64_t end = start + rows;
  // This batch covers global positions [start, end); keep those in [offset, offset+fetch).
  int64_t keep_from = std::max(start, offset_);
  int64_t keep_to = fetch_ ? std::min(end, offset_ + *fetch_) : end;
  if (keep_to <= keep_from) return RecordBatchPtr();
  return batch->Slice(keep_from - start, keep_to - keep_from);
}

bool LimitOperator::Finished() const {
  return fetch_ && seen_.load(std::memory_order_relaxed) >= offset_ + *fetch_;
}

std::string LimitOperator::Describe() const {
  return fmt::format("LimitExec: skip={}, fetch={}", offset_, fetch_ ? std::to_string(*fetch_) : "None");
}

}  // namespace quiver
