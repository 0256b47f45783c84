#include <fmt/format.h>

#include "function/function_registry.h"
#include "sql/binder_internal.h"
#include "sql/sql_types.h"

namespace quiver::sql {

namespace {

// SQL spellings the function library knows under another name.
const char* FunctionAlias(std::string_view name) {
  static const std::pair<const char*, const char*> kAliases[] = {
      {"substring", "substr"},
      {"char_length", "length"},
      {"character_length", "length"},
      {"trim", "btrim"},
      {"ceiling", "ceil"},
      {"pow", "power"},
      {"datepart", "date_part"},
  };
  for (const auto& [from, to] : kAliases) {
    if (name == from) return to;
  }
  return nullptr;
}

}  // namespace

Result<ExprPtr> ExpressionBinder::BindFunction(const ParsedExpr& expr) {
  if (IsAggregateCall(expr)) {
    // In post-aggregation mode aggregates never get here (they are columns of the
    // Aggregate node); anywhere else they are misplaced.
    switch (clause_) {
      case ExprClause::kAggregateArgument:
      case ExprClause::kAggregateFilter:
        return binder_->PlanError("aggregate function calls cannot be nested", expr.location);
      case ExprClause::kWhere:
        return binder_->PlanError(fmt::format("aggregate functions are not allowed in WHERE: {}", expr.name),
                                  expr.location);
      case ExprClause::kGroupBy:
        return binder_->PlanError(fmt::format("aggregate functions are not allowed in GROUP BY: {}", expr.name),
                                  expr.location);
      case ExprClause::kValues:
      case ExprClause::kLimit:
        return binder_->PlanError(fmt::format("aggregate functions are not allowed here: {}", expr.name),
                                  expr.location);
      default: return Status::Internal("aggregate {} outside an aggregation", expr.name);
    }
  }
  return BindScalarFunction(expr);
}

Result<ExprPtr> ExpressionBinder::BindScalarFunction(const ParsedExpr& expr) {
  const FunctionRegistry& registry = FunctionRegistry::Default();
  std::string name = expr.name;
  if (registry.FindScalar(name) == nullptr) {
    const char* alias = FunctionAlias(name);
    if (alias != nullptr && registry.FindScalar(alias) != nullptr) name = alias;
  }
  bool is_arrow_cast = name == "arrow_cast";
  if (!is_arrow_cast && registry.FindScalar(name) == nullptr) {
    return binder_->PlanError(fmt::format("Invalid function '{}'", expr.name), expr.location);
  }
  if (expr.star) {
    return binder_->PlanError(fmt::format("{}(*) is not valid: * is only allowed in count(*)", expr.name),
                              expr.location);
  }
  if (expr.distinct || expr.filter || !expr.order_by.empty()) {
    return binder_->PlanError(
        fmt::format("DISTINCT, FILTER or ORDER BY used with {}, which is not an aggregate function", expr.name),
        expr.location);
  }
  std::vector<ExprPtr> args;
  for (const ParsedExprPtr& child : expr.children) {
    ASSIGN_OR_RETURN(ExprPtr arg, Bind(*child));
    args.push_back(std::move(arg));
  }
  if (is_arrow_cast) {
    // arrow_cast(x, 'Int64'): a cast to an Arrow type named by a string literal.
    if (args.size() != 2 || !args[1]->is_literal() || args[1]->literal().is_null() ||
        args[1]->literal().type().id() != TypeId::kUtf8) {
      return binder_->PlanError("arrow_cast requires its second argument to be a constant string", expr.location);
    }
    Result<DataType> type = DataTypeFromArrowName(args[1]->literal().string_value());
    if (!type.ok()) return binder_->PlanError(type.status().message(), expr.children[1]->location);
    Result<ExprPtr> cast = CastLiteralOrExpr(args[0], *type);
    if (!cast.ok()) return binder_->Rewrap(cast.status(), expr.location);
    return cast;
  }
  return Call(name, std::move(args), expr.location);
}

}  // namespace quiver::sql
