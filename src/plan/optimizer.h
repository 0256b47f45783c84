#pragma once

#include "base/result.h"
#include "plan/logical_plan.h"

namespace quiver {

// Rewrites a bound logical plan into an equivalent, cheaper one. The rules, each in its
// own file, run in this order:
//   1. SimplifyExpressions   constant folding and boolean simplification
//   2. PushDownFilter        filters into scans (time ranges and tag predicates for
//                            pruning), through projections, sorts, unions and group keys
//   3. PushDownLimit         LIMIT over ORDER BY becomes TopK; limits through projections
//                            and into unfiltered scans
//   4. PushDownProjection    scans read only the columns the query uses
//   5. EliminateNoOps        identity projections, no-op limits and filters
// Errors only from expression evaluation during folding (e.g. a constant division by
// zero), reported as the query's error.
Result<LogicalPlanPtr> Optimize(LogicalPlanPtr plan);

// The individual rules (exposed for tests).
Result<LogicalPlanPtr> SimplifyExpressions(const LogicalPlanPtr& plan);
Result<LogicalPlanPtr> PushDownFilter(const LogicalPlanPtr& plan);
Result<LogicalPlanPtr> PushDownLimit(const LogicalPlanPtr& plan);
Result<LogicalPlanPtr> PushDownProjection(const LogicalPlanPtr& plan);
Result<LogicalPlanPtr> EliminateNoOps(const LogicalPlanPtr& plan);

// Folds constant sub-expressions of one expression (used by rule 1 and by binders).
Result<ExprPtr> SimplifyExpr(const ExprPtr& expr);

// Splits `expr` into its AND-ed parts / joins parts with AND (nullptr if empty).
void SplitConjunction(const ExprPtr& expr, std::vector<ExprPtr>* parts);
Result<ExprPtr> JoinConjunction(const std::vector<ExprPtr>& parts);

}  // namespace quiver
