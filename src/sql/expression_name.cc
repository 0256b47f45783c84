// DataFusion's naming of unaliased SELECT expressions ("schema names"), so that result
// columns carry the names InfluxDB 3 users and tools expect:
//   column           cpu.usage_user (qualifier as written in FROM, or the alias)
//   literal          Int64(1), Float64(1.5), Utf8("a"), Boolean(true), NULL,
//                    IntervalMonthDayNano("IntervalMonthDayNano { months: 0, days: 0, nanoseconds: 60000000000 }")
//   binary operator  cpu.a + Int64(1)      (no parentheses)
//   scalar function  date_bin(IntervalMonthDayNano("..."),cpu.time)   (no space after ',')
//   aggregate        max(cpu.usage_user), count(*), count(DISTINCT cpu.a),
//                    sum(cpu.a) FILTER (WHERE cpu.a > Int64(1)),
//                    last_value(cpu.a) ORDER BY [cpu.time ASC NULLS LAST]
//   cast             the name of its argument
// An unaliased bare column keeps its plain name (usage_user); that rule lives in the
// SELECT binder, not here.

#include <fmt/format.h>

#include "function/function_registry.h"
#include "sql/binder_internal.h"

namespace quiver::sql {

namespace {

std::string LiteralName(const Scalar& value) {
  if (value.is_null()) return "NULL";
  const DataType& type = value.type();
  switch (type.id()) {
    case TypeId::kBoolean: return fmt::format("Boolean({})", value.bool_value() ? "true" : "false");
    case TypeId::kInt64: return fmt::format("Int64({})", value.int64_value());
    case TypeId::kUInt64: return fmt::format("UInt64({})", value.uint64_value());
    case TypeId::kFloat64: return fmt::format("Float64({})", value.double_value());
    case TypeId::kUtf8: return fmt::format("Utf8(\"{}\")", value.string_value());
    case TypeId::kIntervalMonthDayNano: {
      MonthDayNano v = value.interval_value();
      return fmt::format(
          "IntervalMonthDayNano(\"IntervalMonthDayNano {{ months: {}, days: {}, nanoseconds: {} }}\")", v.months,
          v.days, v.nanos);
    }
    case TypeId::kTimestamp: return fmt::format("TimestampNanosecond({}, None)", value.int64_value());
    default: return value.ToString(/*quote_strings=*/true);
  }
}

std::string SortItemName(const OrderByItem& item, const BindScope& scope) {
  return fmt::format("{} {} NULLS {}", ExpressionName(*item.expr, scope), item.descending ? "DESC" : "ASC",
                     item.NullsFirst() ? "FIRST" : "LAST");
}

std::string JoinNames(const std::vector<ParsedExprPtr>& exprs, const BindScope& scope, const char* separator) {
  std::string out;
  for (size_t i = 0; i < exprs.size(); ++i) {
    if (i > 0) out += separator;
    out += ExpressionName(*exprs[i], scope);
  }
  return out;
}

}  // namespace

std::string ExpressionName(const ParsedExpr& expr, const BindScope& scope) {
  switch (expr.type) {
    case ExprType::kColumnRef: {
      int index = -1;
      if (scope.Resolve(expr.names, &index) == BindScope::Lookup::kFound) return scope.QualifiedName(index);
      std::string out;
      for (size_t i = 0; i < expr.names.size(); ++i) out += (i > 0 ? "." : "") + expr.names[i];
      return out;
    }
    case ExprType::kStar: return "*";
    case ExprType::kConstant: return LiteralName(expr.value);
    case ExprType::kParameter: return "$" + expr.name;
    case ExprType::kOperator: {
      const auto& c = expr.children;
      switch (expr.op) {
        case OperatorType::kNegate: return "(- " + ExpressionName(*c[0], scope) + ")";
        case OperatorType::kNot: return "NOT " + ExpressionName(*c[0], scope);
        case OperatorType::kIsNull:
        case OperatorType::kIsNotNull:
        case OperatorType::kIsTrue:
        case OperatorType::kIsNotTrue:
        case OperatorType::kIsFalse:
        case OperatorType::kIsNotFalse:
        case OperatorType::kIsUnknown:
        case OperatorType::kIsNotUnknown:
          return ExpressionName(*c[0], scope) + " " + OperatorSymbol(expr.op);
        case OperatorType::kIn:
        case OperatorType::kNotIn: {
          std::string out = ExpressionName(*c[0], scope) + " " + OperatorSymbol(expr.op) + " ([";
          for (size_t i = 1; i < c.size(); ++i) {
            if (i > 1) out += ", ";
            out += ExpressionName(*c[i], scope);
          }
          return out + "])";
        }
        case OperatorType::kBetween:
        case OperatorType::kNotBetween:
          return fmt::format("{} {} {} AND {}", ExpressionName(*c[0], scope), OperatorSymbol(expr.op),
                             ExpressionName(*c[1], scope), ExpressionName(*c[2], scope));
        default:
          return fmt::format("{} {} {}", ExpressionName(*c[0], scope), OperatorSymbol(expr.op),
                             ExpressionName(*c[1], scope));
      }
    }
    case ExprType::kFunction: {
      if (!IsAggregateCall(expr)) return expr.name + "(" + JoinNames(expr.children, scope, ",") + ")";
      std::string out = expr.name + "(";
      if (expr.distinct) out += "DISTINCT ";
      out += expr.star ? "*" : JoinNames(expr.children, scope, ", ");
      out += ")";
      if (expr.filter) out += " FILTER (WHERE " + ExpressionName(*expr.filter, scope) + ")";
      if (!expr.order_by.empty()) {
        out += " ORDER BY [";
        for (size_t i = 0; i < expr.order_by.size(); ++i) {
          if (i > 0) out += ", ";
          out += SortItemName(expr.order_by[i], scope);
        }
        out += "]";
      }
      return out;
    }
    case ExprType::kCase: {
      std::string out = "CASE ";
      if (expr.case_operand) out += ExpressionName(*expr.case_operand, scope) + " ";
      for (size_t i = 0; i + 1 < expr.children.size(); i += 2) {
        out += "WHEN " + ExpressionName(*expr.children[i], scope) + " THEN " +
               ExpressionName(*expr.children[i + 1], scope) + " ";
      }
      if (expr.else_expr) out += "ELSE " + ExpressionName(*expr.else_expr, scope) + " ";
      return out + "END";
    }
    case ExprType::kCast: return ExpressionName(*expr.children[0], scope);
  }
  return "?";
}

bool IsAggregateCall(const ParsedExpr& expr) {
  return expr.type == ExprType::kFunction && FunctionRegistry::Default().FindAggregate(expr.name) != nullptr;
}

void CollectAggregates(const ParsedExpr& expr, std::vector<const ParsedExpr*>* out) {
  if (IsAggregateCall(expr)) {
    out->push_back(&expr);
    return;
  }
  for (const ParsedExprPtr& child : expr.children) CollectAggregates(*child, out);
  if (expr.case_operand) CollectAggregates(*expr.case_operand, out);
  if (expr.else_expr) CollectAggregates(*expr.else_expr, out);
  if (expr.filter) CollectAggregates(*expr.filter, out);
  for (const OrderByItem& item : expr.order_by) CollectAggregates(*item.expr, out);
}

}  // namespace quiver::sql
