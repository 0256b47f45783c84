#include "plan/optimizer.h"

namespace quiver {

namespace {

bool IsBoolLiteral(const ExprPtr& e, bool value) {
  return e->is_literal() && e->literal().is_valid() && e->literal().type().id() == TypeId::kBoolean &&
         e->literal().bool_value() == value;
}

// Evaluates a call whose arguments are all literals.
Result<ExprPtr> Fold(const ExprPtr& expr) {
  std::vector<Datum> args;
  for (const ExprPtr& arg : expr->args()) args.emplace_back(arg->literal());
  KernelContext ctx;
  ctx.state = expr->kernel_state().get();
  // now() and similar are folded by the executor with the query time, not here.
  if (expr->function_name() == "now" || expr->function_name() == "random") return expr;
  ASSIGN_OR_RETURN(Datum out, expr->call().kernel->exec(ctx, args, 1));
  if (out.is_scalar()) return Expr::Literal(out.scalar());
  // A kernel that answered with a one-row array.
  const Array& array = out.array();
  if (array.length() != 1) return expr;
  return expr;
}

}  // namespace

Result<ExprPtr> SimplifyExpr(const ExprPtr& expr) {
  if (expr->args().empty()) return expr;
  std::vector<ExprPtr> args;
  bool changed = false;
  for (const ExprPtr& arg : expr->args()) {
    ASSIGN_OR_RETURN(ExprPtr simplified, SimplifyExpr(arg));
    changed |= simplified != arg;
    args.push_back(std::move(simplified));
  }
  ExprPtr current = changed ? expr->WithArgs(args) : expr;

  if (current->kind() == Expr::Kind::kCall) {
    const std::string& name = current->function_name();
    if (name == "and" && args.size() == 2) {
      if (IsBoolLiteral(args[0], true)) return args[1];
      if (IsBoolLiteral(args[1], true)) return args[0];
      if (IsBoolLiteral(args[0], false) || IsBoolLiteral(args[1], false)) {
        return Expr::Literal(Scalar::Boolean(false));
      }
    }
    if (name == "or" && args.size() == 2) {
      if (IsBoolLiteral(args[0], false)) return args[1];
      if (IsBoolLiteral(args[1], false)) return args[0];
      if (IsBoolLiteral(args[0], true) || IsBoolLiteral(args[1], true)) {
        return Expr::Literal(Scalar::Boolean(true));
      }
    }
    bool all_literal = true;
    for (const ExprPtr& arg : args) all_literal &= arg->is_literal();
    if (all_literal) return Fold(current);
    return current;
  }
  if (current->kind() == Expr::Kind::kCast && args[0]->is_literal()) {
    ASSIGN_OR_RETURN(Scalar value, CastScalar(args[0]->literal(), current->type()));
    return Expr::Literal(std::move(value));
  }
  if (current->kind() == Expr::Kind::kCase) {
    // Drop WHEN branches whose condition is a constant false/NULL; a constant true
    // condition first in line decides the result.
    std::vector<std::pair<ExprPtr, ExprPtr>> whens;
    for (size_t i = 0; i < current->num_whens(); ++i) {
      const ExprPtr& condition = args[2 * i];
      if (condition->is_literal()) {
        const Scalar& v = condition->literal();
        if (v.is_null() || !v.bool_value()) continue;
        if (whens.empty()) return args[2 * i + 1];
      }
      whens.emplace_back(condition, args[2 * i + 1]);
    }
    ExprPtr otherwise = current->has_else() ? args.back() : nullptr;
    if (whens.empty()) return otherwise ? otherwise : Expr::Literal(Scalar::Null(current->type()));
    if (whens.size() != current->num_whens()) return Expr::Case(std::move(whens), otherwise, current->type());
  }
  return current;
}

Result<LogicalPlanPtr> SimplifyExpressions(const LogicalPlanPtr& plan) {
  std::vector<LogicalPlanPtr> inputs;
  for (const LogicalPlanPtr& input : plan->inputs()) {
    ASSIGN_OR_RETURN(LogicalPlanPtr simplified, SimplifyExpressions(input));
    inputs.push_back(std::move(simplified));
  }
  LogicalPlanPtr node = inputs.empty() ? plan : plan->WithInputs(std::move(inputs));
  switch (node->kind()) {
    case LogicalPlan::Kind::kFilter: {
      ASSIGN_OR_RETURN(ExprPtr predicate, SimplifyExpr(node->predicate()));
      if (IsBoolLiteral(predicate, true)) return node->input();
      if (predicate->is_literal()) return LogicalPlan::Empty(node->schema());  // false or NULL
      return LogicalPlan::Filter(node->input(), predicate);
    }
    case LogicalPlan::Kind::kProject: {
      std::vector<ExprPtr> exprs;
      for (const ExprPtr& e : node->exprs()) {
        ASSIGN_OR_RETURN(ExprPtr s, SimplifyExpr(e));
        exprs.push_back(std::move(s));
      }
      std::vector<std::string> names;
      for (const Field& f : node->schema()->fields()) names.push_back(f.name());
      return LogicalPlan::Project(node->input(), std::move(exprs), std::move(names));
    }
    default: return node;
  }
}

}  // namespace quiver
