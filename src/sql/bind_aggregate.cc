// GROUP BY, aggregate calls and HAVING: builds the Aggregate node of a grouped SELECT.

#include <fmt/format.h>

#include "function/function_registry.h"
#include "sql/binder_internal.h"

namespace quiver::sql {

namespace {

std::optional<int64_t> Ordinal(const ParsedExpr& expr) {
  if (expr.type == ExprType::kConstant && expr.value.is_valid() && expr.value.type().id() == TypeId::kInt64) {
    return expr.value.int64_value();
  }
  return std::nullopt;
}

bool NamesOutput(const ParsedExpr& expr, const std::vector<OutputColumn>& outputs) {
  if (expr.type != ExprType::kColumnRef || expr.names.size() != 1) return false;
  for (const OutputColumn& output : outputs) {
    if (output.name == expr.names[0]) return true;
  }
  return false;
}

}  // namespace

Result<LogicalPlanPtr> Binder::BindAggregation(const QueryNode& node, const std::vector<OutputColumn>& outputs,
                                               LogicalPlanPtr input, const BindScope& scope,
                                               AggregationInfo* aggregation, bool* aggregating) {
  // Aggregate calls of the SELECT list, HAVING and ORDER BY (ORDER BY ordinals and
  // output names refer to SELECT items, whose calls are collected already).
  std::vector<const ParsedExpr*> calls;
  for (const OutputColumn& output : outputs) CollectAggregates(*output.expr, &calls);
  if (node.having) CollectAggregates(*node.having, &calls);
  for (const OrderByItem& item : node.order_by) {
    if (Ordinal(*item.expr) || NamesOutput(*item.expr, outputs)) continue;
    CollectAggregates(*item.expr, &calls);
  }
  *aggregating = !node.group_by.empty() || node.having != nullptr || !calls.empty();
  if (!*aggregating) return input;

  // GROUP BY keys: expressions, SELECT positions (GROUP BY 1) or SELECT aliases.
  for (const ParsedExprPtr& item : node.group_by) {
    const ParsedExpr* target = item.get();
    if (std::optional<int64_t> ordinal = Ordinal(*item)) {
      if (*ordinal < 1 || static_cast<size_t>(*ordinal) > outputs.size()) {
        return PlanError(fmt::format("GROUP BY position {} is not in select list", *ordinal), item->location);
      }
      target = outputs[*ordinal - 1].expr;
    } else if (item->type == ExprType::kColumnRef && item->names.size() == 1) {
      int index = -1;
      if (scope.Resolve(item->names, &index) == BindScope::Lookup::kNotFound) {
        for (const OutputColumn& output : outputs) {
          if (output.has_alias && output.name == item->names[0]) {
            target = output.expr;
            break;
          }
        }
      }
    }
    std::vector<const ParsedExpr*> nested;
    CollectAggregates(*target, &nested);
    if (!nested.empty()) {
      return PlanError(fmt::format("aggregate functions are not allowed in GROUP BY: {}", nested[0]->name),
                       item->location);
    }
    ExpressionBinder group_binder(this, &scope, ExprClause::kGroupBy);
    ASSIGN_OR_RETURN(ExprPtr key, group_binder.Bind(*target));
    bool duplicate = false;
    for (const ExprPtr& existing : aggregation->group_exprs) duplicate |= existing->Equals(*key);
    if (duplicate) continue;
    aggregation->group_names.push_back(key->is_column() ? key->column_name() : ExpressionName(*target, scope));
    aggregation->group_exprs.push_back(std::move(key));
  }

  for (const ParsedExpr* call : calls) {
    std::string name = ExpressionName(*call, scope);
    if (aggregation->aggregate_by_name.count(name) > 0) continue;
    ASSIGN_OR_RETURN(AggregateCall bound, BindAggregateCall(*call, scope));
    aggregation->aggregate_by_name[name] = static_cast<int>(aggregation->aggregates.size());
    aggregation->aggregates.push_back(std::move(bound));
    aggregation->aggregate_names.push_back(std::move(name));
  }

  LogicalPlanPtr plan = LogicalPlan::Aggregate(std::move(input), aggregation->group_exprs, aggregation->group_names,
                                               aggregation->aggregates, aggregation->aggregate_names);
  if (node.having) {
    ExpressionBinder having_binder(this, &scope, ExprClause::kHaving);
    having_binder.SetAggregation(aggregation);
    having_binder.SetAliases(&outputs);
    ASSIGN_OR_RETURN(ExprPtr predicate, having_binder.BindPredicate(*node.having));
    plan = LogicalPlan::Filter(std::move(plan), std::move(predicate));
  }
  return plan;
}

Result<AggregateCall> Binder::BindAggregateCall(const ParsedExpr& expr, const BindScope& scope) {
  const FunctionRegistry& registry = FunctionRegistry::Default();
  const AggregateFunction* function = registry.FindAggregate(expr.name);
  if (function == nullptr) return Status::Internal("{} is not an aggregate function", expr.name);
  ExpressionBinder arg_binder(this, &scope, ExprClause::kAggregateArgument);
  std::vector<ExprPtr> args;
  if (expr.star) {
    if (expr.name != "count") {
      return PlanError(fmt::format("{}(*) is not valid: * is only allowed in count(*)", expr.name), expr.location);
    }
    if (expr.distinct) return PlanError("count(DISTINCT *) is not valid", expr.location);
  }
  for (const ParsedExprPtr& child : expr.children) {
    ASSIGN_OR_RETURN(ExprPtr arg, arg_binder.Bind(*child));
    args.push_back(std::move(arg));
  }
  AggregateCall call;
  call.distinct = expr.distinct;
  if (function->ordered) {
    // first_value(x ORDER BY t [DESC]): the key is passed as a trailing argument.
    if (expr.order_by.empty()) {
      return PlanError(fmt::format("{} requires an ORDER BY clause, e.g. {}(x ORDER BY time)", expr.name, expr.name),
                       expr.location);
    }
    if (expr.order_by.size() > 1) {
      return NotImplemented(fmt::format("{} with more than one ORDER BY key", expr.name), expr.location);
    }
    const OrderByItem& order = expr.order_by[0];
    ASSIGN_OR_RETURN(ExprPtr key, arg_binder.Bind(*order.expr));
    args.push_back(std::move(key));
    call.descending = order.descending;
    // SQL's default: NULLS LAST for ASC, NULLS FIRST for DESC.
    call.nulls_first = order.nulls_first.value_or(order.descending);
  } else if (!expr.order_by.empty()) {
    return NotImplemented(fmt::format("ORDER BY inside {}(...)", expr.name), expr.order_by[0].location);
  }
  std::vector<DataType> types;
  for (const ExprPtr& arg : args) types.push_back(arg->type());
  Result<ResolvedAggregateCall> resolved = registry.ResolveAggregate(expr.name, types);
  if (!resolved.ok()) return Rewrap(resolved.status(), expr.location);
  call.call = std::move(resolved).ValueOrDie();
  if (expr.distinct && !call.call.kernel->supports_distinct) {
    return NotImplemented(fmt::format("DISTINCT in {}(...)", expr.name), expr.location);
  }
  for (size_t i = 0; i < args.size() && i < call.call.cast_to.size(); ++i) {
    Result<ExprPtr> cast = CastTo(args[i], call.call.cast_to[i]);
    if (!cast.ok()) return Rewrap(cast.status(), expr.location);
    args[i] = std::move(cast).ValueOrDie();
  }
  for (const ExprPtr& arg : args) {
    call.literal_args.push_back(arg->is_literal() ? std::optional<Scalar>(arg->literal()) : std::nullopt);
  }
  call.args = std::move(args);
  if (expr.filter) {
    ExpressionBinder filter_binder(this, &scope, ExprClause::kAggregateFilter);
    ASSIGN_OR_RETURN(call.filter, filter_binder.BindPredicate(*expr.filter));
  }
  return call;
}

}  // namespace quiver::sql
