#include <algorithm>

#include <fmt/format.h>

#include "base/time_format.h"
#include "function/function_registry.h"
#include "sql/binder_internal.h"
#include "sql/interval_literal.h"
#include "sql/sql_error.h"
#include "sql/sql_types.h"

namespace quiver::sql {

namespace {

const char* ClauseName(ExprClause clause) {
  switch (clause) {
    case ExprClause::kSelect: return "SELECT";
    case ExprClause::kWhere: return "WHERE";
    case ExprClause::kGroupBy: return "GROUP BY";
    case ExprClause::kHaving: return "HAVING";
    case ExprClause::kOrderBy: return "ORDER BY";
    case ExprClause::kAggregateArgument: return "aggregate arguments";
    case ExprClause::kAggregateFilter: return "FILTER";
    case ExprClause::kValues: return "VALUES";
    case ExprClause::kLimit: return "LIMIT / OFFSET";
  }
  return "?";
}

// The scalar function implementing a binary operator.
const char* OperatorFunction(OperatorType op) {
  switch (op) {
    case OperatorType::kAdd: return "add";
    case OperatorType::kSubtract: return "subtract";
    case OperatorType::kMultiply: return "multiply";
    case OperatorType::kDivide: return "divide";
    case OperatorType::kModulo: return "modulo";
    case OperatorType::kEq: return "eq";
    case OperatorType::kNotEq: return "not_eq";
    case OperatorType::kLt: return "lt";
    case OperatorType::kLtEq: return "lt_eq";
    case OperatorType::kGt: return "gt";
    case OperatorType::kGtEq: return "gt_eq";
    case OperatorType::kIsDistinctFrom: return "is_distinct_from";
    case OperatorType::kIsNotDistinctFrom: return "is_not_distinct_from";
    case OperatorType::kRegexMatch: return "regex_match";
    case OperatorType::kRegexIMatch: return "regex_imatch";
    case OperatorType::kRegexNotMatch: return "regex_not_match";
    case OperatorType::kRegexNotIMatch: return "regex_not_imatch";
    case OperatorType::kLike: return "like";
    case OperatorType::kNotLike: return "not_like";
    case OperatorType::kILike: return "ilike";
    case OperatorType::kNotILike: return "not_ilike";
    case OperatorType::kAnd: return "and";
    case OperatorType::kOr: return "or";
    case OperatorType::kNot: return "not";
    case OperatorType::kNegate: return "negate";
    case OperatorType::kIsNull: return "is_null";
    case OperatorType::kIsNotNull: return "is_not_null";
    case OperatorType::kIsTrue: return "is_true";
    case OperatorType::kIsFalse: return "is_false";
    default: return nullptr;
  }
}

bool IsComparison(OperatorType op) {
  switch (op) {
    case OperatorType::kEq:
    case OperatorType::kNotEq:
    case OperatorType::kLt:
    case OperatorType::kLtEq:
    case OperatorType::kGt:
    case OperatorType::kGtEq:
    case OperatorType::kIsDistinctFrom:
    case OperatorType::kIsNotDistinctFrom: return true;
    default: return false;
  }
}

bool IsUtf8Literal(const ExprPtr& e) {
  return e->is_literal() && e->literal().is_valid() && e->literal().type().id() == TypeId::kUtf8;
}

// A string literal compared with a timestamp becomes a timestamp literal of the same type
// (DataFusion's coercion), so the comparison stays `time >= <literal>` and the optimizer
// can turn it into a scan time range.
Result<ExprPtr> CoerceToTimestampOf(const ExprPtr& other, ExprPtr literal) {
  if (other->type().id() == TypeId::kTimestamp && IsUtf8Literal(literal)) {
    return CastLiteralOrExpr(std::move(literal), other->type());
  }
  return literal;
}

}  // namespace

std::optional<DataType> UnionCommonType(const DataType& a, const DataType& b) {
  if (a == b || b.id() == TypeId::kNull) return a;
  if (a.id() == TypeId::kNull) return b;
  auto is_string = [](const DataType& t) {
    return t.id() == TypeId::kUtf8 || (t.id() == TypeId::kDictionary && t.value_type().id() == TypeId::kUtf8);
  };
  // Unlike comparisons ('1' = 1 compares numbers), a result column mixing strings and
  // other types holds strings.
  if (is_string(a) != is_string(b)) return DataType::Utf8();
  return CommonType(a, b);
}

Result<ExprPtr> CastLiteralOrExpr(ExprPtr expr, const DataType& type) {
  if (IsUtf8Literal(expr)) {
    const std::string& text = expr->literal().string_value();
    if (type.id() == TypeId::kTimestamp) {
      ASSIGN_OR_RETURN(int64_t nanos, ParseTimestamp(text));
      int64_t per_unit = TimeUnitNanos(type.unit());
      return Expr::Literal(Scalar::Timestamp(nanos / per_unit, type.unit(), type.timezone()));
    }
    if (type.id() == TypeId::kIntervalMonthDayNano) {
      ASSIGN_OR_RETURN(MonthDayNano interval, ParseIntervalLiteral(text));
      return Expr::Literal(Scalar::Interval(interval));
    }
  }
  if (expr->is_literal() && expr->literal().is_null()) return Expr::Literal(Scalar::Null(type));
  return CastTo(std::move(expr), type);
}

Result<ExprPtr> ExpressionBinder::Call(std::string_view function, std::vector<ExprPtr> args, int location) {
  Result<ExprPtr> call = MakeCall(function, std::move(args));
  if (!call.ok()) return binder_->Rewrap(call.status(), location);
  return call;
}

Result<ExprPtr> ExpressionBinder::BindPredicate(const ParsedExpr& expr) {
  ASSIGN_OR_RETURN(ExprPtr bound, Bind(expr));
  if (bound->type().id() == TypeId::kNull) return CastLiteralOrExpr(bound, DataType::Boolean());
  if (bound->type().id() != TypeId::kBoolean) {
    return binder_->PlanError(fmt::format("{} must be a boolean expression, found {}", ClauseName(clause_),
                                          DataFusionTypeName(bound->type())),
                              expr.location);
  }
  return bound;
}

Result<ExprPtr> ExpressionBinder::Bind(const ParsedExpr& expr) {
  if (aggregation_ != nullptr) {
    bool handled = false;
    ASSIGN_OR_RETURN(ExprPtr bound, BindPostAggregate(expr, &handled));
    if (handled) return bound;
  }
  return BindNode(expr);
}

const OutputColumn* ExpressionBinder::AliasTarget(const ParsedExpr& expr) const {
  if (aliases_ == nullptr || expr.type != ExprType::kColumnRef || expr.names.size() != 1) return nullptr;
  const BindScope* input = aggregation_ != nullptr ? aggregation_->input_scope : scope_;
  int index = -1;
  if (input != nullptr && input->Resolve(expr.names, &index) != BindScope::Lookup::kNotFound) return nullptr;
  for (const OutputColumn& output : *aliases_) {
    if (!output.has_alias || output.name != expr.names[0]) continue;
    if (std::find(expanding_.begin(), expanding_.end(), &output) != expanding_.end()) continue;
    return &output;
  }
  return nullptr;
}

Result<ExprPtr> ExpressionBinder::BindAlias(const OutputColumn& alias) {
  expanding_.push_back(&alias);
  Result<ExprPtr> bound = Bind(*alias.expr);
  expanding_.pop_back();
  return bound;
}

bool ExpressionBinder::NeedsDecomposition(const ParsedExpr& expr) const {
  if (IsAggregateCall(expr) || AliasTarget(expr) != nullptr) return true;
  for (const ParsedExprPtr& child : expr.children) {
    if (NeedsDecomposition(*child)) return true;
  }
  return (expr.case_operand && NeedsDecomposition(*expr.case_operand)) ||
         (expr.else_expr && NeedsDecomposition(*expr.else_expr));
}

Result<ExprPtr> ExpressionBinder::BindPostAggregate(const ParsedExpr& expr, bool* handled) {
  *handled = true;
  const AggregationInfo& aggregation = *aggregation_;
  size_t num_groups = aggregation.group_exprs.size();
  if (IsAggregateCall(expr)) {
    std::string name = ExpressionName(expr, *aggregation.input_scope);
    auto it = aggregation.aggregate_by_name.find(name);
    if (it == aggregation.aggregate_by_name.end()) {
      return Status::Internal("aggregate {} was not collected", name);
    }
    const AggregateCall& call = aggregation.aggregates[it->second];
    return Expr::Column(static_cast<int>(num_groups) + it->second, name, call.call.output_type);
  }
  if (const OutputColumn* alias = AliasTarget(expr)) {
    // HAVING m > 1 / ORDER BY m + 1 where m is a SELECT alias: bind what it names.
    return BindAlias(*alias);
  }
  if (!NeedsDecomposition(expr)) {
    // Bind the whole subtree over the aggregation input and look for an equal key.
    ExpressionBinder input_binder(binder_, aggregation.input_scope, clause_);
    ASSIGN_OR_RETURN(ExprPtr bound, input_binder.Bind(expr));
    for (size_t i = 0; i < num_groups; ++i) {
      if (bound->Equals(*aggregation.group_exprs[i])) {
        return Expr::Column(static_cast<int>(i), aggregation.group_names[i], bound->type());
      }
    }
    if (bound->IsConstant()) return bound;
    if (expr.type == ExprType::kColumnRef) {
      std::string name = ExpressionName(expr, *aggregation.input_scope);
      return binder_->PlanError(
          fmt::format("column \"{}\" must appear in the GROUP BY clause or be used in an aggregate function", name),
          expr.location);
    }
  }
  *handled = false;  // bind node by node; children come back here
  return ExprPtr();
}

Result<ExprPtr> ExpressionBinder::BindNode(const ParsedExpr& expr) {
  switch (expr.type) {
    case ExprType::kColumnRef: return BindColumnRef(expr);
    case ExprType::kStar:
      return binder_->PlanError("* is only allowed in the select list and in count(*)", expr.location);
    case ExprType::kConstant: return Expr::Literal(expr.value);
    case ExprType::kParameter: return BindParameter(expr);
    case ExprType::kOperator: return BindOperator(expr);
    case ExprType::kFunction: return BindFunction(expr);
    case ExprType::kCase: return BindCase(expr);
    case ExprType::kCast: return BindCast(expr);
  }
  return Status::Internal("unknown expression type");
}

Result<ExprPtr> ExpressionBinder::BindColumnRef(const ParsedExpr& expr) {
  if (const OutputColumn* alias = AliasTarget(expr)) return BindAlias(*alias);
  int index = -1;
  BindScope::Lookup lookup = scope_ != nullptr ? scope_->Resolve(expr.names, &index) : BindScope::Lookup::kNotFound;
  std::string name;
  for (size_t i = 0; i < expr.names.size(); ++i) name += (i > 0 ? "." : "") + expr.names[i];
  if (lookup == BindScope::Lookup::kAmbiguous) {
    return binder_->SchemaError(fmt::format("Ambiguous reference to unqualified field {}", name), expr.location);
  }
  if (lookup == BindScope::Lookup::kNotFound) {
    // DataFusion quotes names that need quoting.
    bool plain = !name.empty();
    for (char c : name) plain &= (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
    std::string shown = plain ? name : "\"" + name + "\"";
    std::string valid = scope_ != nullptr && !scope_->empty() ? scope_->ValidFields() : "";
    std::string message =
        fmt::format("Schema error: No field named {}{}", shown, PositionSuffix(binder_->sql(), expr.location));
    if (!valid.empty()) message += ". Valid fields are " + valid + ".";
    return Status::InvalidArgument("{}", message);
  }
  const Field& field = scope_->column(index);
  return Expr::Column(index, field.name(), field.type(), field.nullable());
}

Result<ExprPtr> ExpressionBinder::BindParameter(const ParsedExpr& expr) {
  auto it = binder_->params().find(expr.name);
  if (it == binder_->params().end()) {
    return binder_->PlanError("No value found for placeholder with name $" + expr.name, expr.location);
  }
  return Expr::Literal(it->second);
}

Result<ExprPtr> ExpressionBinder::BindOperator(const ParsedExpr& expr) {
  std::vector<ExprPtr> args;
  for (const ParsedExprPtr& child : expr.children) {
    ASSIGN_OR_RETURN(ExprPtr arg, Bind(*child));
    args.push_back(std::move(arg));
  }
  int location = expr.location;
  switch (expr.op) {
    case OperatorType::kAnd:
    case OperatorType::kOr:
    case OperatorType::kNot:
      for (ExprPtr& arg : args) {
        if (arg->type().id() == TypeId::kNull) {
          ASSIGN_OR_RETURN(arg, CastLiteralOrExpr(arg, DataType::Boolean()));
        }
      }
      return Call(OperatorFunction(expr.op), std::move(args), location);
    case OperatorType::kIsNotTrue:
    case OperatorType::kIsNotFalse: {
      ASSIGN_OR_RETURN(ExprPtr test, Call(expr.op == OperatorType::kIsNotTrue ? "is_true" : "is_false",
                                          std::move(args), location));
      return Call("not", {std::move(test)}, location);
    }
    case OperatorType::kConcat: {
      // a || b is NULL if either side is (unlike concat(), which skips NULLs).
      if (FunctionRegistry::Default().FindScalar("string_concat") != nullptr) {
        return Call("string_concat", std::move(args), location);
      }
      ASSIGN_OR_RETURN(ExprPtr left_null, Call("is_null", {args[0]}, location));
      ASSIGN_OR_RETURN(ExprPtr right_null, Call("is_null", {args[1]}, location));
      ASSIGN_OR_RETURN(ExprPtr any_null, Call("or", {std::move(left_null), std::move(right_null)}, location));
      ASSIGN_OR_RETURN(ExprPtr concat, Call("concat", std::move(args), location));
      DataType type = concat->type();
      return Expr::Case({{std::move(any_null), Expr::Literal(Scalar::Null(type))}}, std::move(concat), type);
    }
    case OperatorType::kIsUnknown: return Call("is_null", std::move(args), location);
    case OperatorType::kIsNotUnknown: return Call("is_not_null", std::move(args), location);
    case OperatorType::kIn:
    case OperatorType::kNotIn: {
      for (size_t i = 1; i < args.size(); ++i) {
        Result<ExprPtr> item = CoerceToTimestampOf(args[0], args[i]);
        if (!item.ok()) return binder_->Rewrap(item.status(), expr.children[i]->location);
        args[i] = std::move(item).ValueOrDie();
      }
      ASSIGN_OR_RETURN(ExprPtr in_list, Call("in_list", std::move(args), location));
      if (expr.op == OperatorType::kIn) return in_list;
      return Call("not", {std::move(in_list)}, location);
    }
    case OperatorType::kBetween:
    case OperatorType::kNotBetween: {
      // x BETWEEN a AND b  ->  x >= a AND x <= b;  NOT BETWEEN  ->  x < a OR x > b.
      ExprPtr value = args[0];
      Result<ExprPtr> low = CoerceToTimestampOf(value, args[1]);
      if (!low.ok()) return binder_->Rewrap(low.status(), expr.children[1]->location);
      Result<ExprPtr> high = CoerceToTimestampOf(value, args[2]);
      if (!high.ok()) return binder_->Rewrap(high.status(), expr.children[2]->location);
      bool negated = expr.op == OperatorType::kNotBetween;
      ASSIGN_OR_RETURN(ExprPtr lower, Call(negated ? "lt" : "gt_eq", {value, *low}, location));
      ASSIGN_OR_RETURN(ExprPtr upper, Call(negated ? "gt" : "lt_eq", {value, *high}, location));
      return Call(negated ? "or" : "and", {std::move(lower), std::move(upper)}, location);
    }
    default: break;
  }
  if (IsComparison(expr.op)) {
    for (int side : {1, 0}) {
      Result<ExprPtr> coerced = CoerceToTimestampOf(args[1 - side], args[side]);
      if (!coerced.ok()) return binder_->Rewrap(coerced.status(), expr.children[side]->location);
      args[side] = std::move(coerced).ValueOrDie();
    }
  }
  const char* function = OperatorFunction(expr.op);
  if (function == nullptr) return binder_->NotImplemented(std::string("operator ") + OperatorSymbol(expr.op), location);
  return Call(function, std::move(args), location);
}

Result<ExprPtr> ExpressionBinder::BindCase(const ParsedExpr& expr) {
  ExprPtr operand;
  if (expr.case_operand) {
    ASSIGN_OR_RETURN(operand, Bind(*expr.case_operand));
  }
  std::vector<ExprPtr> conditions;
  std::vector<ExprPtr> values;
  for (size_t i = 0; i + 1 < expr.children.size(); i += 2) {
    ExprPtr condition;
    if (operand) {
      // CASE x WHEN a THEN ... is CASE WHEN x = a THEN ...
      ASSIGN_OR_RETURN(ExprPtr when_value, Bind(*expr.children[i]));
      Result<ExprPtr> coerced = CoerceToTimestampOf(operand, when_value);
      if (!coerced.ok()) return binder_->Rewrap(coerced.status(), expr.children[i]->location);
      when_value = std::move(coerced).ValueOrDie();
      ASSIGN_OR_RETURN(condition, Call("eq", {operand, when_value}, expr.children[i]->location));
    } else {
      ASSIGN_OR_RETURN(condition, Bind(*expr.children[i]));
      if (condition->type().id() == TypeId::kNull) {
        ASSIGN_OR_RETURN(condition, CastLiteralOrExpr(condition, DataType::Boolean()));
      }
      if (condition->type().id() != TypeId::kBoolean) {
        return binder_->PlanError(fmt::format("CASE WHEN condition must be a boolean expression, found {}",
                                              DataFusionTypeName(condition->type())),
                                  expr.children[i]->location);
      }
    }
    conditions.push_back(std::move(condition));
    ASSIGN_OR_RETURN(ExprPtr value, Bind(*expr.children[i + 1]));
    values.push_back(std::move(value));
  }
  ExprPtr otherwise;
  if (expr.else_expr) {
    ASSIGN_OR_RETURN(otherwise, Bind(*expr.else_expr));
  }
  // The result type is the common type of every THEN and ELSE value.
  DataType type = DataType::Null();
  auto unify = [&](const ExprPtr& value, int location) -> Status {
    if (value->type().id() == TypeId::kNull) return Status::OK();
    if (type.id() == TypeId::kNull) {
      type = value->type();
      return Status::OK();
    }
    std::optional<DataType> common = UnionCommonType(type, value->type());
    if (!common) {
      return binder_->PlanError(fmt::format("CASE branches have incompatible types {} and {}",
                                            DataFusionTypeName(type), DataFusionTypeName(value->type())),
                                location);
    }
    type = *common;
    return Status::OK();
  };
  for (size_t i = 0; i < values.size(); ++i) RETURN_NOT_OK(unify(values[i], expr.children[2 * i + 1]->location));
  if (otherwise) RETURN_NOT_OK(unify(otherwise, expr.else_expr->location));
  std::vector<std::pair<ExprPtr, ExprPtr>> whens;
  for (size_t i = 0; i < values.size(); ++i) {
    Result<ExprPtr> value = CastLiteralOrExpr(values[i], type);
    if (!value.ok()) return binder_->Rewrap(value.status(), expr.children[2 * i + 1]->location);
    whens.emplace_back(std::move(conditions[i]), std::move(value).ValueOrDie());
  }
  if (otherwise) {
    Result<ExprPtr> value = CastLiteralOrExpr(otherwise, type);
    if (!value.ok()) return binder_->Rewrap(value.status(), expr.else_expr->location);
    otherwise = std::move(value).ValueOrDie();
  }
  return Expr::Case(std::move(whens), std::move(otherwise), type);
}

Result<ExprPtr> ExpressionBinder::BindCast(const ParsedExpr& expr) {
  ASSIGN_OR_RETURN(ExprPtr arg, Bind(*expr.children[0]));
  Result<ExprPtr> cast = CastLiteralOrExpr(std::move(arg), expr.cast_type);
  if (!cast.ok()) return binder_->Rewrap(cast.status(), expr.location);
  return cast;
}

}  // namespace quiver::sql
