#include <fmt/format.h>

#include "function/function_registry.h"
#include "plan/optimizer.h"
#include "sql/binder_internal.h"
#include "sql/sql_types.h"

namespace quiver::sql {

namespace {

// Pops the CTEs a query defined when its binding ends (CTEs are lexically scoped).
class CteScopeGuard {
 public:
  explicit CteScopeGuard(std::vector<CteBinding>* ctes) : ctes_(ctes), mark_(ctes->size()) {}
  ~CteScopeGuard() { ctes_->resize(mark_); }
  CteScopeGuard(const CteScopeGuard&) = delete;
  CteScopeGuard& operator=(const CteScopeGuard&) = delete;

 private:
  std::vector<CteBinding>* ctes_;
  size_t mark_;
};

// Casts the columns of `plan` to `types` where they differ (one Projection; names kept).
Result<LogicalPlanPtr> CastColumns(LogicalPlanPtr plan, const std::vector<DataType>& types) {
  const Schema& schema = *plan->schema();
  bool needed = false;
  for (int i = 0; i < schema.num_fields(); ++i) needed |= !(schema.field(i).type() == types[i]);
  if (!needed) return plan;
  std::vector<ExprPtr> exprs;
  std::vector<std::string> names;
  for (int i = 0; i < schema.num_fields(); ++i) {
    const Field& field = schema.field(i);
    ExprPtr column = Expr::Column(i, field.name(), field.type(), field.nullable());
    ASSIGN_OR_RETURN(ExprPtr cast, CastLiteralOrExpr(std::move(column), types[i]));
    exprs.push_back(std::move(cast));
    names.push_back(field.name());
  }
  return LogicalPlan::Project(std::move(plan), std::move(exprs), std::move(names));
}

}  // namespace

Result<LogicalPlanPtr> Binder::BindQuery(const QueryNode& node) {
  CteScopeGuard guard(&ctes_);
  for (const CommonTableExpr& cte : node.ctes) {
    ASSIGN_OR_RETURN(LogicalPlanPtr plan, BindQuery(*cte.query));
    ASSIGN_OR_RETURN(plan, RenameColumns(*this, std::move(plan), cte.column_names, cte.location));
    ctes_.push_back(CteBinding{cte.name, std::move(plan)});
  }
  switch (node.type) {
    case QueryNode::Type::kSelect: return BindSelect(node);
    case QueryNode::Type::kSetOperation: {
      ASSIGN_OR_RETURN(LogicalPlanPtr plan, BindSetOperation(node));
      return BindOutputModifiers(node, std::move(plan));
    }
    case QueryNode::Type::kValues: {
      ASSIGN_OR_RETURN(LogicalPlanPtr plan, BindValues(node));
      return BindOutputModifiers(node, std::move(plan));
    }
  }
  return Status::Internal("unknown query type");
}

Status Binder::CollectUnionInputs(const QueryNode& node, std::vector<LogicalPlanPtr>* inputs,
                                  std::vector<int>* locations) {
  // a UNION ALL b UNION ALL c arrives as (a UNION ALL b) UNION ALL c: flatten the left
  // operand when that keeps the meaning (it has no modifiers of its own, and under UNION
  // ALL it is itself a UNION ALL; under UNION any union flattens, as the result is made
  // distinct anyway).
  const QueryNode& left = *node.left;
  bool flatten = left.type == QueryNode::Type::kSetOperation && left.order_by.empty() && !left.limit &&
                 !left.offset && left.ctes.empty() &&
                 (node.set_operation == QueryNode::SetOperation::kUnion ||
                  left.set_operation == QueryNode::SetOperation::kUnionAll);
  if (flatten) {
    RETURN_NOT_OK(CollectUnionInputs(left, inputs, locations));
  } else {
    ASSIGN_OR_RETURN(LogicalPlanPtr plan, BindQuery(left));
    inputs->push_back(std::move(plan));
    locations->push_back(left.location);
  }
  ASSIGN_OR_RETURN(LogicalPlanPtr right, BindQuery(*node.right));
  inputs->push_back(std::move(right));
  locations->push_back(node.right->location);
  return Status::OK();
}

Result<LogicalPlanPtr> Binder::BindSetOperation(const QueryNode& node) {
  std::vector<LogicalPlanPtr> inputs;
  std::vector<int> locations;
  RETURN_NOT_OK(CollectUnionInputs(node, &inputs, &locations));
  // Every input is coerced to the common type of each column; names come from the first.
  const Schema& first = *inputs[0]->schema();
  std::vector<DataType> types;
  for (const Field& field : first.fields()) types.push_back(field.type());
  for (size_t input = 1; input < inputs.size(); ++input) {
    const Schema& schema = *inputs[input]->schema();
    if (schema.num_fields() != first.num_fields()) {
      return PlanError(fmt::format("UNION queries have different number of columns: left has {} columns whereas "
                                   "right has {} columns",
                                   first.num_fields(), schema.num_fields()),
                       locations[input]);
    }
    for (int i = 0; i < first.num_fields(); ++i) {
      std::optional<DataType> common = UnionCommonType(types[i], schema.field(i).type());
      if (!common) {
        return PlanError(fmt::format("UNION column {} has incompatible types {} and {}", first.field(i).name(),
                                     DataFusionTypeName(types[i]), DataFusionTypeName(schema.field(i).type())),
                         locations[input]);
      }
      types[i] = *common;
    }
  }
  for (size_t input = 0; input < inputs.size(); ++input) {
    Result<LogicalPlanPtr> cast = CastColumns(std::move(inputs[input]), types);
    if (!cast.ok()) return Rewrap(cast.status(), locations[input]);
    inputs[input] = std::move(cast).ValueOrDie();
  }
  LogicalPlanPtr plan = LogicalPlan::UnionAll(std::move(inputs));
  if (node.set_operation == QueryNode::SetOperation::kUnion) plan = LogicalPlan::Distinct(std::move(plan));
  return plan;
}

Result<LogicalPlanPtr> Binder::BindValues(const QueryNode& node) {
  size_t num_columns = node.values.empty() ? 0 : node.values[0].size();
  std::vector<std::vector<Scalar>> rows;
  std::vector<DataType> types(num_columns, DataType::Null());
  for (const std::vector<ParsedExprPtr>& row : node.values) {
    std::vector<Scalar> values;
    for (size_t c = 0; c < row.size(); ++c) {
      ExpressionBinder binder(this, nullptr, ExprClause::kValues);
      ASSIGN_OR_RETURN(ExprPtr bound, binder.Bind(*row[c]));
      Result<ExprPtr> folded = SimplifyExpr(bound);
      if (!folded.ok()) return Rewrap(folded.status(), row[c]->location);
      if (!(*folded)->is_literal()) return NotImplemented("non-constant expressions in VALUES", row[c]->location);
      Scalar value = (*folded)->literal();
      const DataType& type = value.type();
      if (type.id() != TypeId::kNull) {
        if (types[c].id() == TypeId::kNull) {
          types[c] = type;
        } else if (!(types[c] == type)) {
          std::optional<DataType> common = UnionCommonType(types[c], type);
          if (!common) {
            return PlanError(fmt::format("VALUES column {} has incompatible types {} and {}", c + 1,
                                         DataFusionTypeName(types[c]), DataFusionTypeName(type)),
                             row[c]->location);
          }
          types[c] = *common;
        }
      }
      values.push_back(std::move(value));
    }
    rows.push_back(std::move(values));
  }
  std::vector<Field> fields;
  for (size_t c = 0; c < num_columns; ++c) fields.emplace_back(fmt::format("column{}", c + 1), types[c], true);
  for (size_t r = 0; r < rows.size(); ++r) {
    for (size_t c = 0; c < num_columns; ++c) {
      if (rows[r][c].type() == types[c]) continue;
      Result<ExprPtr> cast = CastLiteralOrExpr(Expr::Literal(rows[r][c]), types[c]);
      if (!cast.ok()) return Rewrap(cast.status(), node.values[r][c]->location);
      rows[r][c] = (*cast)->literal();
    }
  }
  return LogicalPlan::Values(MakeSchema(std::move(fields)), std::move(rows));
}

}  // namespace quiver::sql
