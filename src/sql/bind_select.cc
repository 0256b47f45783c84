#include <fmt/format.h>

#include "sql/binder_internal.h"

namespace quiver::sql {

Result<std::vector<OutputColumn>> Binder::ExpandSelectList(const QueryNode& node, const BindScope& scope) {
  std::vector<OutputColumn> outputs;
  for (const SelectItem& item : node.select_list) {
    const ParsedExpr& expr = *item.expr;
    if (expr.type == ExprType::kStar) {
      // `*` and `t.*` expand to the columns in the relation's order.
      if (scope.empty()) return PlanError("SELECT * with no tables specified is not valid", item.location);
      if (!expr.names.empty() && !scope.MatchesQualifier(expr.names)) {
        std::string qualifier;
        for (size_t i = 0; i < expr.names.size(); ++i) qualifier += (i > 0 ? "." : "") + expr.names[i];
        return PlanError(fmt::format("Invalid qualifier {}", qualifier), item.location);
      }
      for (int i = 0; i < scope.num_columns(); ++i) {
        const std::string& name = scope.column(i).name();
        const ParsedExpr* column = Own(ParsedExpr::MakeColumnRef({name}, item.location));
        outputs.push_back(OutputColumn{column, name, false, item.location});
      }
      continue;
    }
    OutputColumn output;
    output.expr = &expr;
    output.location = item.location;
    if (item.alias) {
      output.name = *item.alias;
      output.has_alias = true;
    } else if (expr.type == ExprType::kColumnRef) {
      output.name = expr.names.back();  // an unaliased column keeps its plain name
    } else {
      output.name = ExpressionName(expr, scope);
    }
    outputs.push_back(std::move(output));
  }
  return outputs;
}

Result<LogicalPlanPtr> Binder::BindSelect(const QueryNode& node) {
  BoundRelation from;
  if (node.from) {
    ASSIGN_OR_RETURN(from, BindTableRef(*node.from));
  } else {
    // SELECT without FROM reads one row with no columns.
    from.plan = LogicalPlan::Values(MakeSchema({}), {{}});
  }
  const BindScope& scope = from.scope;
  LogicalPlanPtr plan = from.plan;

  if (node.where) {
    ExpressionBinder where_binder(this, &scope, ExprClause::kWhere);
    ASSIGN_OR_RETURN(ExprPtr predicate, where_binder.BindPredicate(*node.where));
    plan = LogicalPlan::Filter(std::move(plan), std::move(predicate));
  }

  ASSIGN_OR_RETURN(std::vector<OutputColumn> outputs, ExpandSelectList(node, scope));
  if (outputs.empty()) return PlanError("SELECT list is empty", node.location);

  AggregationInfo aggregation;
  aggregation.input_scope = &scope;
  bool aggregating = false;
  ASSIGN_OR_RETURN(plan, BindAggregation(node, outputs, std::move(plan), scope, &aggregation, &aggregating));

  ExpressionBinder select_binder(this, &scope, ExprClause::kSelect);
  ExpressionBinder order_binder(this, &scope, ExprClause::kOrderBy);
  order_binder.SetAliases(&outputs);
  if (aggregating) {
    select_binder.SetAggregation(&aggregation);
    order_binder.SetAggregation(&aggregation);
  }
  std::vector<ExprPtr> exprs;
  for (const OutputColumn& output : outputs) {
    ASSIGN_OR_RETURN(ExprPtr expr, select_binder.Bind(*output.expr));
    exprs.push_back(std::move(expr));
  }
  // Output names must be unique (DataFusion's rule; JSON rows could not hold both).
  for (size_t i = 0; i < outputs.size(); ++i) {
    for (size_t j = i + 1; j < outputs.size(); ++j) {
      if (outputs[i].name != outputs[j].name) continue;
      return PlanError(fmt::format("Projections require unique expression names but the expression \"{}\" at "
                                   "position {} and \"{}\" at position {} have the same name. Consider "
                                   "aliasing (\"AS\") one of them.",
                                   outputs[i].name, i, outputs[j].name, j),
                       outputs[j].location);
    }
  }
  return BindSelectModifiers(node, outputs, std::move(exprs), std::move(plan), &order_binder, scope);
}

}  // namespace quiver::sql
