#pragma once

#include <memory>

#include "base/result.h"
#include "columnar/record_batch.h"
#include "exec/exec_context.h"
#include "function/datum.h"
#include "plan/expr.h"

namespace quiver {

// Evaluates a bound expression over whole batches. Stateless and thread-safe: one
// instance may serve every worker of a pipeline.
//
// Null handling: for kernels with NullHandling::kIntersection the evaluator computes the
// result's validity (a row is null if any argument is) and skips the kernel entirely when
// an argument is a null scalar. CASE is evaluated lazily: each THEN/ELSE branch sees only
// the rows that reach it.
class ExprEvaluator {
 public:
  explicit ExprEvaluator(ExprPtr expr) : expr_(std::move(expr)) {}

  // A Datum of batch.num_rows() rows (an Array) or a Scalar standing for all of them.
  Result<Datum> Evaluate(const RecordBatch& batch, ExecContext& ctx) const;
  // Evaluates to an Array of batch.num_rows() rows (scalars are broadcast).
  Result<Array> EvaluateToArray(const RecordBatch& batch, ExecContext& ctx) const;

  const ExprPtr& expr() const { return expr_; }

 private:
  ExprPtr expr_;
};

// Evaluates `expr` over `batch`: the implementation behind ExprEvaluator.
Result<Datum> EvaluateExpr(const Expr& expr, const RecordBatch& batch, ExecContext& ctx);

// An array of `rows` copies of `value`.
Result<Array> BroadcastScalar(const Scalar& value, int64_t rows, MemoryPool* pool);

// The rows of `batch` where `mask` (Boolean, array or scalar) is true; nullptr if none.
Result<RecordBatchPtr> FilterBatch(const RecordBatchPtr& batch, const Datum& mask, ExecContext& ctx);

}  // namespace quiver
