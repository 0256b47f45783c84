#include <cstdint>
#include <string>

#include "sql/transformer_internal.h"

namespace quiver::sql {

namespace {

// Binary operators written with symbols (A_Expr of kind AEXPR_OP).
bool BinaryOperatorFromSymbol(const std::string& symbol, OperatorType* op) {
  static const std::pair<const char*, OperatorType> kOperators[] = {
      {"+", OperatorType::kAdd},          {"-", OperatorType::kSubtract},
      {"*", OperatorType::kMultiply},     {"/", OperatorType::kDivide},
      {"%", OperatorType::kModulo},       {"||", OperatorType::kConcat},
      {"=", OperatorType::kEq},           {"<>", OperatorType::kNotEq},
      {"!=", OperatorType::kNotEq},       {"<", OperatorType::kLt},
      {"<=", OperatorType::kLtEq},        {">", OperatorType::kGt},
      {">=", OperatorType::kGtEq},        {"~", OperatorType::kRegexMatch},
      {"~*", OperatorType::kRegexIMatch}, {"!~", OperatorType::kRegexNotMatch},
      {"!~*", OperatorType::kRegexNotIMatch}, {"~~", OperatorType::kLike},
      {"!~~", OperatorType::kNotLike},    {"~~*", OperatorType::kILike},
      {"!~~*", OperatorType::kNotILike},
  };
  for (const auto& [text, value] : kOperators) {
    if (symbol == text) {
      *op = value;
      return true;
    }
  }
  return false;
}

// The operator name of an A_Expr: the last element of its (possibly qualified) name.
std::string OperatorName(const PgQuery__AExpr& expr) {
  if (expr.n_name == 0) return "";
  const char* name = StringValue(expr.name[expr.n_name - 1]);
  return name != nullptr ? name : "";
}

}  // namespace

Result<std::vector<ParsedExprPtr>> Transformer::TransformExprList(PgQuery__Node* const* nodes, size_t count) {
  std::vector<ParsedExprPtr> out;
  out.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    ASSIGN_OR_RETURN(ParsedExprPtr expr, TransformExpr(nodes[i]));
    out.push_back(std::move(expr));
  }
  return out;
}

Result<ParsedExprPtr> Transformer::TransformExpr(const PgQuery__Node* node) {
  if (node == nullptr) return SyntaxError("missing expression", -1);
  DepthGuard guard(this);
  if (guard.exceeded()) return SyntaxError("expression nesting is too deep", -1);
  switch (node->node_case) {
    case PG_QUERY__NODE__NODE_COLUMN_REF: return TransformColumnRef(*node->column_ref);
    case PG_QUERY__NODE__NODE_A_CONST: return TransformConstant(*node->a_const);
    case PG_QUERY__NODE__NODE_PARAM_REF: {
      auto expr = std::make_unique<ParsedExpr>();
      expr->type = ExprType::kParameter;
      expr->name = rewritten_.NameOf(node->param_ref->number);
      expr->location = Loc(node->param_ref->location);
      return expr;
    }
    case PG_QUERY__NODE__NODE_A_EXPR: return TransformAExpr(*node->a_expr);
    case PG_QUERY__NODE__NODE_BOOL_EXPR: return TransformBoolExpr(*node->bool_expr);
    case PG_QUERY__NODE__NODE_NULL_TEST: {
      const PgQuery__NullTest& test = *node->null_test;
      if (test.argisrow) return Unsupported("row IS NULL tests", test.location);
      ASSIGN_OR_RETURN(ParsedExprPtr arg, TransformExpr(test.arg));
      std::vector<ParsedExprPtr> children;
      children.push_back(std::move(arg));
      OperatorType op = test.nulltesttype == PG_QUERY__NULL_TEST_TYPE__IS_NOT_NULL ? OperatorType::kIsNotNull
                                                                                     : OperatorType::kIsNull;
      return ParsedExpr::MakeOperator(op, std::move(children), Loc(test.location));
    }
    case PG_QUERY__NODE__NODE_BOOLEAN_TEST: {
      const PgQuery__BooleanTest& test = *node->boolean_test;
      OperatorType op;
      switch (test.booltesttype) {
        case PG_QUERY__BOOL_TEST_TYPE__IS_TRUE: op = OperatorType::kIsTrue; break;
        case PG_QUERY__BOOL_TEST_TYPE__IS_NOT_TRUE: op = OperatorType::kIsNotTrue; break;
        case PG_QUERY__BOOL_TEST_TYPE__IS_FALSE: op = OperatorType::kIsFalse; break;
        case PG_QUERY__BOOL_TEST_TYPE__IS_NOT_FALSE: op = OperatorType::kIsNotFalse; break;
        case PG_QUERY__BOOL_TEST_TYPE__IS_UNKNOWN: op = OperatorType::kIsUnknown; break;
        case PG_QUERY__BOOL_TEST_TYPE__IS_NOT_UNKNOWN: op = OperatorType::kIsNotUnknown; break;
        default: return SyntaxError("invalid boolean test", test.location);
      }
      ASSIGN_OR_RETURN(ParsedExprPtr arg, TransformExpr(test.arg));
      std::vector<ParsedExprPtr> children;
      children.push_back(std::move(arg));
      return ParsedExpr::MakeOperator(op, std::move(children), Loc(test.location));
    }
    case PG_QUERY__NODE__NODE_FUNC_CALL: return TransformFuncCall(*node->func_call);
    case PG_QUERY__NODE__NODE_TYPE_CAST: return TransformTypeCast(*node->type_cast);
    case PG_QUERY__NODE__NODE_CASE_EXPR: return TransformCase(*node->case_expr);
    case PG_QUERY__NODE__NODE_COALESCE_EXPR: {
      const PgQuery__CoalesceExpr& coalesce = *node->coalesce_expr;
      ASSIGN_OR_RETURN(std::vector<ParsedExprPtr> args, TransformExprList(coalesce.args, coalesce.n_args));
      return ParsedExpr::MakeFunction("coalesce", std::move(args), Loc(coalesce.location));
    }
    case PG_QUERY__NODE__NODE_MIN_MAX_EXPR: {
      const PgQuery__MinMaxExpr& minmax = *node->min_max_expr;
      ASSIGN_OR_RETURN(std::vector<ParsedExprPtr> args, TransformExprList(minmax.args, minmax.n_args));
      return ParsedExpr::MakeFunction(minmax.op == PG_QUERY__MIN_MAX_OP__IS_LEAST ? "least" : "greatest",
                                      std::move(args), Loc(minmax.location));
    }
    case PG_QUERY__NODE__NODE_SQLVALUE_FUNCTION: return TransformSqlValueFunction(*node->sqlvalue_function);
    case PG_QUERY__NODE__NODE_SUB_LINK: {
      const PgQuery__SubLink& link = *node->sub_link;
      switch (link.sub_link_type) {
        case PG_QUERY__SUB_LINK_TYPE__EXISTS_SUBLINK: return Unsupported("EXISTS subqueries", link.location);
        case PG_QUERY__SUB_LINK_TYPE__ANY_SUBLINK: return Unsupported("IN / ANY subqueries", link.location);
        case PG_QUERY__SUB_LINK_TYPE__EXPR_SUBLINK: return Unsupported("scalar subqueries", link.location);
        default: return Unsupported("subqueries in expressions", link.location);
      }
    }
    case PG_QUERY__NODE__NODE_A_INDIRECTION: return Unsupported("array and field access ([...], .field)", -1);
    case PG_QUERY__NODE__NODE_A_ARRAY_EXPR: return Unsupported("array literals", node->a_array_expr->location);
    case PG_QUERY__NODE__NODE_ROW_EXPR: return Unsupported("row constructors", node->row_expr->location);
    case PG_QUERY__NODE__NODE_COLLATE_CLAUSE: return Unsupported("COLLATE", node->collate_clause->location);
    case PG_QUERY__NODE__NODE_GROUPING_FUNC: return Unsupported("GROUPING()", node->grouping_func->location);
    case PG_QUERY__NODE__NODE_SET_TO_DEFAULT: return Unsupported("DEFAULT", node->set_to_default->location);
    case PG_QUERY__NODE__NODE_A_STAR: {
      auto expr = std::make_unique<ParsedExpr>();
      expr->type = ExprType::kStar;
      return expr;
    }
    default: return Unsupported("this kind of expression", -1);
  }
}

Result<ParsedExprPtr> Transformer::TransformColumnRef(const PgQuery__ColumnRef& ref) {
  auto expr = std::make_unique<ParsedExpr>();
  expr->type = ExprType::kColumnRef;
  expr->location = Loc(ref.location);
  for (size_t i = 0; i < ref.n_fields; ++i) {
    const PgQuery__Node* field = ref.fields[i];
    if (field->node_case == PG_QUERY__NODE__NODE_A_STAR) {
      if (i + 1 != ref.n_fields) return SyntaxError("* must be the last part of a column reference", ref.location);
      expr->type = ExprType::kStar;
      break;
    }
    const char* name = StringValue(field);
    if (name == nullptr) return SyntaxError("invalid column reference", ref.location);
    expr->names.push_back(Identifier(name));
  }
  if (expr->type == ExprType::kColumnRef && (expr->names.empty() || expr->names.size() > 4)) {
    return SyntaxError("column reference has too many parts", ref.location);
  }
  return expr;
}

Result<ParsedExprPtr> Transformer::TransformAExpr(const PgQuery__AExpr& expr) {
  int location = Loc(expr.location);
  std::string name = OperatorName(expr);
  auto binary = [&](OperatorType op) -> Result<ParsedExprPtr> {
    std::vector<ParsedExprPtr> children;
    ASSIGN_OR_RETURN(ParsedExprPtr left, TransformExpr(expr.lexpr));
    ASSIGN_OR_RETURN(ParsedExprPtr right, TransformExpr(expr.rexpr));
    children.push_back(std::move(left));
    children.push_back(std::move(right));
    return ParsedExpr::MakeOperator(op, std::move(children), location);
  };
  // IN and BETWEEN carry a List as their right operand.
  auto with_list = [&](OperatorType op) -> Result<ParsedExprPtr> {
    if (expr.rexpr == nullptr || expr.rexpr->node_case != PG_QUERY__NODE__NODE_LIST) {
      return SyntaxError("expected a list", expr.location);
    }
    std::vector<ParsedExprPtr> children;
    ASSIGN_OR_RETURN(ParsedExprPtr value, TransformExpr(expr.lexpr));
    children.push_back(std::move(value));
    ASSIGN_OR_RETURN(std::vector<ParsedExprPtr> items,
                     TransformExprList(expr.rexpr->list->items, expr.rexpr->list->n_items));
    for (ParsedExprPtr& item : items) children.push_back(std::move(item));
    return ParsedExpr::MakeOperator(op, std::move(children), location);
  };
  switch (expr.kind) {
    case PG_QUERY__A__EXPR__KIND__AEXPR_OP: {
      if (expr.lexpr == nullptr) {
        // Prefix operators: -x, +x.
        ASSIGN_OR_RETURN(ParsedExprPtr operand, TransformExpr(expr.rexpr));
        if (name == "+") return operand;
        if (name != "-") return Unsupported("prefix operator " + name, expr.location);
        if (operand->type == ExprType::kConstant && operand->value.is_valid()) {
          // Fold negative numeric literals (PostgreSQL folds most already).
          const Scalar& v = operand->value;
          if (v.type().id() == TypeId::kInt64 && v.int64_value() != INT64_MIN) {
            return ParsedExpr::MakeConstant(Scalar::Int64(-v.int64_value()), location);
          }
          if (v.type().id() == TypeId::kFloat64) {
            return ParsedExpr::MakeConstant(Scalar::Float64(-v.double_value()), location);
          }
        }
        std::vector<ParsedExprPtr> children;
        children.push_back(std::move(operand));
        return ParsedExpr::MakeOperator(OperatorType::kNegate, std::move(children), location);
      }
      if (expr.rexpr == nullptr) return Unsupported("postfix operator " + name, expr.location);
      OperatorType op;
      if (!BinaryOperatorFromSymbol(name, &op)) return Unsupported("operator " + name, expr.location);
      return binary(op);
    }
    case PG_QUERY__A__EXPR__KIND__AEXPR_OP_ANY:
    case PG_QUERY__A__EXPR__KIND__AEXPR_OP_ALL: return Unsupported("ANY / ALL comparisons", expr.location);
    case PG_QUERY__A__EXPR__KIND__AEXPR_DISTINCT: return binary(OperatorType::kIsDistinctFrom);
    case PG_QUERY__A__EXPR__KIND__AEXPR_NOT_DISTINCT: return binary(OperatorType::kIsNotDistinctFrom);
    case PG_QUERY__A__EXPR__KIND__AEXPR_NULLIF: {
      std::vector<ParsedExprPtr> args;
      ASSIGN_OR_RETURN(ParsedExprPtr left, TransformExpr(expr.lexpr));
      ASSIGN_OR_RETURN(ParsedExprPtr right, TransformExpr(expr.rexpr));
      args.push_back(std::move(left));
      args.push_back(std::move(right));
      return ParsedExpr::MakeFunction("nullif", std::move(args), location);
    }
    case PG_QUERY__A__EXPR__KIND__AEXPR_IN: return with_list(name == "<>" ? OperatorType::kNotIn : OperatorType::kIn);
    case PG_QUERY__A__EXPR__KIND__AEXPR_LIKE:
    case PG_QUERY__A__EXPR__KIND__AEXPR_ILIKE: {
      if (expr.rexpr != nullptr && expr.rexpr->node_case == PG_QUERY__NODE__NODE_FUNC_CALL) {
        return Unsupported("LIKE ... ESCAPE", expr.location);
      }
      OperatorType op;
      if (!BinaryOperatorFromSymbol(name, &op)) return Unsupported("operator " + name, expr.location);
      return binary(op);
    }
    case PG_QUERY__A__EXPR__KIND__AEXPR_SIMILAR: return Unsupported("SIMILAR TO", expr.location);
    case PG_QUERY__A__EXPR__KIND__AEXPR_BETWEEN: return with_list(OperatorType::kBetween);
    case PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN: return with_list(OperatorType::kNotBetween);
    case PG_QUERY__A__EXPR__KIND__AEXPR_BETWEEN_SYM:
    case PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN_SYM: return Unsupported("BETWEEN SYMMETRIC", expr.location);
    default: return Unsupported("this operator", expr.location);
  }
}

Result<ParsedExprPtr> Transformer::TransformBoolExpr(const PgQuery__BoolExpr& expr) {
  int location = Loc(expr.location);
  ASSIGN_OR_RETURN(std::vector<ParsedExprPtr> args, TransformExprList(expr.args, expr.n_args));
  if (expr.boolop == PG_QUERY__BOOL_EXPR_TYPE__NOT_EXPR) {
    if (args.size() != 1) return SyntaxError("NOT takes one argument", expr.location);
    return ParsedExpr::MakeOperator(OperatorType::kNot, std::move(args), location);
  }
  if (args.size() < 2) return SyntaxError("AND / OR needs two arguments", expr.location);
  OperatorType op = expr.boolop == PG_QUERY__BOOL_EXPR_TYPE__OR_EXPR ? OperatorType::kOr : OperatorType::kAnd;
  // a AND b AND c arrives flattened: fold to the left, ((a AND b) AND c).
  ParsedExprPtr result = std::move(args[0]);
  for (size_t i = 1; i < args.size(); ++i) {
    std::vector<ParsedExprPtr> pair;
    pair.push_back(std::move(result));
    pair.push_back(std::move(args[i]));
    result = ParsedExpr::MakeOperator(op, std::move(pair), location);
  }
  return result;
}

Result<ParsedExprPtr> Transformer::TransformCase(const PgQuery__CaseExpr& expr) {
  auto out = std::make_unique<ParsedExpr>();
  out->type = ExprType::kCase;
  out->location = Loc(expr.location);
  if (expr.arg != nullptr) {
    ASSIGN_OR_RETURN(out->case_operand, TransformExpr(expr.arg));
  }
  for (size_t i = 0; i < expr.n_args; ++i) {
    const PgQuery__Node* when = expr.args[i];
    if (when->node_case != PG_QUERY__NODE__NODE_CASE_WHEN) return SyntaxError("invalid CASE branch", expr.location);
    ASSIGN_OR_RETURN(ParsedExprPtr condition, TransformExpr(when->case_when->expr));
    ASSIGN_OR_RETURN(ParsedExprPtr result, TransformExpr(when->case_when->result));
    out->children.push_back(std::move(condition));
    out->children.push_back(std::move(result));
  }
  if (expr.defresult != nullptr) {
    ASSIGN_OR_RETURN(out->else_expr, TransformExpr(expr.defresult));
  }
  return out;
}

Result<ParsedExprPtr> Transformer::TransformSqlValueFunction(const PgQuery__SQLValueFunction& function) {
  int location = Loc(function.location);
  switch (function.op) {
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIMESTAMP:
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIMESTAMP_N:
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIMESTAMP:
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIMESTAMP_N:
      return ParsedExpr::MakeFunction("now", {}, location);
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_DATE:
      return ParsedExpr::MakeFunction("current_date", {}, location);
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIME:
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIME_N:
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIME:
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIME_N:
      return ParsedExpr::MakeFunction("current_time", {}, location);
    // PostgreSQL reserves these words; in DataFusion they are ordinary identifiers (a
    // column may be called "user").
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_USER: return ParsedExpr::MakeColumnRef({"user"}, location);
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_USER:
      return ParsedExpr::MakeColumnRef({"current_user"}, location);
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_SESSION_USER:
      return ParsedExpr::MakeColumnRef({"session_user"}, location);
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_ROLE:
      return ParsedExpr::MakeColumnRef({"current_role"}, location);
    default: return Unsupported("this SQL value function", function.location);
  }
}

}  // namespace quiver::sql
