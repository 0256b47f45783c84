#include "plan/optimizer.h"

namespace quiver {

Result<LogicalPlanPtr> Optimize(LogicalPlanPtr plan) {
  ASSIGN_OR_RETURN(plan, SimplifyExpressions(plan));
  ASSIGN_OR_RETURN(plan, PushDownFilter(plan));
  ASSIGN_OR_RETURN(plan, PushDownLimit(plan));
  ASSIGN_OR_RETURN(plan, PushDownProjection(plan));
  ASSIGN_OR_RETURN(plan, EliminateNoOps(plan));
  return plan;
}

void SplitConjunction(const ExprPtr& expr, std::vector<ExprPtr>* parts) {
  if (expr->kind() == Expr::Kind::kCall && expr->function_name() == "and" && expr->args().size() == 2) {
    SplitConjunction(expr->args()[0], parts);
    SplitConjunction(expr->args()[1], parts);
    return;
  }
  parts->push_back(expr);
}

Result<ExprPtr> JoinConjunction(const std::vector<ExprPtr>& parts) {
  if (parts.empty()) return ExprPtr();
  ExprPtr out = parts[0];
  for (size_t i = 1; i < parts.size(); ++i) {
    ASSIGN_OR_RETURN(out, MakeCall("and", {out, parts[i]}));
  }
  return out;
}

}  // namespace quiver
