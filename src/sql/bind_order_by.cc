// ORDER BY, DISTINCT, LIMIT and OFFSET: the modifiers applied to a query's output.

#include <cstdint>

#include <fmt/format.h>

#include "plan/optimizer.h"
#include "sql/binder_internal.h"

namespace quiver::sql {

namespace {

// ORDER BY 2: the 1-based position of an output column, if `expr` is an integer literal.
std::optional<int64_t> Ordinal(const ParsedExpr& expr) {
  if (expr.type == ExprType::kConstant && expr.value.is_valid() && expr.value.type().id() == TypeId::kInt64) {
    return expr.value.int64_value();
  }
  return std::nullopt;
}

}  // namespace

Result<LogicalPlanPtr> Binder::BindSelectModifiers(const QueryNode& node, const std::vector<OutputColumn>& outputs,
                                                   std::vector<ExprPtr> exprs, LogicalPlanPtr input,
                                                   ExpressionBinder* order_binder, const BindScope& scope) {
  std::vector<std::string> names;
  for (const OutputColumn& output : outputs) names.push_back(output.name);
  const size_t visible = exprs.size();
  std::vector<SortKey> keys;
  for (const OrderByItem& item : node.order_by) {
    const ParsedExpr& expr = *item.expr;
    int column = -1;
    if (std::optional<int64_t> ordinal = Ordinal(expr)) {
      if (*ordinal < 1 || static_cast<size_t>(*ordinal) > visible) {
        return PlanError(fmt::format("ORDER BY position {} is not in select list", *ordinal), expr.location);
      }
      column = static_cast<int>(*ordinal - 1);
    } else if (expr.type == ExprType::kColumnRef && expr.names.size() == 1) {
      // An output column name (alias or column) wins over input columns, as in SQL.
      for (size_t i = 0; i < visible; ++i) {
        if (names[i] == expr.names[0]) {
          column = static_cast<int>(i);
          break;
        }
      }
    }
    if (column < 0) {
      ASSIGN_OR_RETURN(ExprPtr bound, order_binder->Bind(expr));
      for (size_t i = 0; i < exprs.size(); ++i) {
        if (exprs[i]->Equals(*bound)) {
          column = static_cast<int>(i);
          break;
        }
      }
      if (column < 0) {
        // Sort by a column the SELECT does not output: project it too, drop it after.
        if (node.distinct) {
          return PlanError("For SELECT DISTINCT, ORDER BY expressions must appear in select list", expr.location);
        }
        exprs.push_back(std::move(bound));
        names.push_back(ExpressionName(expr, scope));
        column = static_cast<int>(exprs.size() - 1);
      }
    }
    keys.push_back(SortKey{Expr::Column(column, names[column], exprs[column]->type()), !item.descending,
                           item.NullsFirst()});
  }
  const size_t total = exprs.size();
  LogicalPlanPtr plan = LogicalPlan::Project(std::move(input), std::move(exprs), names);
  if (node.distinct) plan = LogicalPlan::Distinct(std::move(plan));
  if (!keys.empty()) plan = LogicalPlan::Sort(std::move(plan), std::move(keys));
  ASSIGN_OR_RETURN(plan, BindLimit(node, std::move(plan)));
  if (total > visible) {
    std::vector<ExprPtr> columns;
    std::vector<std::string> visible_names(names.begin(), names.begin() + static_cast<long>(visible));
    for (size_t i = 0; i < visible; ++i) {
      const Field& field = plan->schema()->field(static_cast<int>(i));
      columns.push_back(Expr::Column(static_cast<int>(i), field.name(), field.type(), field.nullable()));
    }
    plan = LogicalPlan::Project(std::move(plan), std::move(columns), std::move(visible_names));
  }
  return plan;
}

Result<LogicalPlanPtr> Binder::BindOutputModifiers(const QueryNode& node, LogicalPlanPtr plan) {
  if (!node.order_by.empty()) {
    BindScope scope = BindScope::Unqualified(plan->schema());
    std::vector<SortKey> keys;
    for (const OrderByItem& item : node.order_by) {
      const ParsedExpr& expr = *item.expr;
      ExprPtr key;
      if (std::optional<int64_t> ordinal = Ordinal(expr)) {
        if (*ordinal < 1 || *ordinal > scope.num_columns()) {
          return PlanError(fmt::format("ORDER BY position {} is not in select list", *ordinal), expr.location);
        }
        const Field& field = scope.column(static_cast<int>(*ordinal - 1));
        key = Expr::Column(static_cast<int>(*ordinal - 1), field.name(), field.type(), field.nullable());
      } else {
        ExpressionBinder binder(this, &scope, ExprClause::kOrderBy);
        ASSIGN_OR_RETURN(key, binder.Bind(expr));
      }
      keys.push_back(SortKey{std::move(key), !item.descending, item.NullsFirst()});
    }
    plan = LogicalPlan::Sort(std::move(plan), std::move(keys));
  }
  return BindLimit(node, std::move(plan));
}

Result<LogicalPlanPtr> Binder::BindLimit(const QueryNode& node, LogicalPlanPtr plan) {
  // LIMIT and OFFSET take constant expressions (literals, parameters, 10 * 2).
  auto evaluate = [&](const ParsedExpr& expr, const char* what) -> Result<std::optional<int64_t>> {
    ExpressionBinder binder(this, nullptr, ExprClause::kLimit);
    ASSIGN_OR_RETURN(ExprPtr bound, binder.Bind(expr));
    Result<ExprPtr> folded = SimplifyExpr(bound);
    if (!folded.ok()) return Rewrap(folded.status(), expr.location);
    const ExprPtr& value = *folded;
    if (value->is_literal() && value->literal().is_null()) return std::optional<int64_t>();
    int64_t count = 0;
    if (value->is_literal() && value->type().id() == TypeId::kInt64) {
      count = value->literal().int64_value();
    } else if (value->is_literal() && value->type().id() == TypeId::kUInt64 &&
               value->literal().uint64_value() <= static_cast<uint64_t>(INT64_MAX)) {
      count = static_cast<int64_t>(value->literal().uint64_value());
    } else {
      return PlanError(fmt::format("{} must be a constant integer", what), expr.location);
    }
    if (count < 0) return PlanError(fmt::format("{} must not be negative, got {}", what, count), expr.location);
    return std::optional<int64_t>(count);
  };
  std::optional<int64_t> fetch;
  int64_t offset = 0;
  if (node.limit) {
    ASSIGN_OR_RETURN(fetch, evaluate(*node.limit, "LIMIT"));
  }
  if (node.offset) {
    ASSIGN_OR_RETURN(std::optional<int64_t> value, evaluate(*node.offset, "OFFSET"));
    offset = value.value_or(0);
  }
  if (!fetch && offset == 0) return plan;
  return LogicalPlan::Limit(std::move(plan), offset, fetch);
}

}  // namespace quiver::sql
