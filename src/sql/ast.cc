#include "sql/ast.h"

#include <fmt/format.h>

namespace quiver::sql {

const char* OperatorSymbol(OperatorType op) {
  switch (op) {
    case OperatorType::kAdd: return "+";
    case OperatorType::kSubtract: return "-";
    case OperatorType::kMultiply: return "*";
    case OperatorType::kDivide: return "/";
    case OperatorType::kModulo: return "%";
    case OperatorType::kConcat: return "||";
    case OperatorType::kNegate: return "-";
    case OperatorType::kNot: return "NOT";
    case OperatorType::kEq: return "=";
    case OperatorType::kNotEq: return "!=";
    case OperatorType::kLt: return "<";
    case OperatorType::kLtEq: return "<=";
    case OperatorType::kGt: return ">";
    case OperatorType::kGtEq: return ">=";
    case OperatorType::kIsDistinctFrom: return "IS DISTINCT FROM";
    case OperatorType::kIsNotDistinctFrom: return "IS NOT DISTINCT FROM";
    case OperatorType::kRegexMatch: return "~";
    case OperatorType::kRegexIMatch: return "~*";
    case OperatorType::kRegexNotMatch: return "!~";
    case OperatorType::kRegexNotIMatch: return "!~*";
    case OperatorType::kLike: return "LIKE";
    case OperatorType::kNotLike: return "NOT LIKE";
    case OperatorType::kILike: return "ILIKE";
    case OperatorType::kNotILike: return "NOT ILIKE";
    case OperatorType::kAnd: return "AND";
    case OperatorType::kOr: return "OR";
    case OperatorType::kIsNull: return "IS NULL";
    case OperatorType::kIsNotNull: return "IS NOT NULL";
    case OperatorType::kIsTrue: return "IS TRUE";
    case OperatorType::kIsNotTrue: return "IS NOT TRUE";
    case OperatorType::kIsFalse: return "IS FALSE";
    case OperatorType::kIsNotFalse: return "IS NOT FALSE";
    case OperatorType::kIsUnknown: return "IS UNKNOWN";
    case OperatorType::kIsNotUnknown: return "IS NOT UNKNOWN";
    case OperatorType::kIn: return "IN";
    case OperatorType::kNotIn: return "NOT IN";
    case OperatorType::kBetween: return "BETWEEN";
    case OperatorType::kNotBetween: return "NOT BETWEEN";
  }
  return "?";
}

ParsedExprPtr ParsedExpr::MakeColumnRef(std::vector<std::string> names, int location) {
  auto e = std::make_unique<ParsedExpr>();
  e->type = ExprType::kColumnRef;
  e->names = std::move(names);
  e->location = location;
  return e;
}

ParsedExprPtr ParsedExpr::MakeConstant(Scalar value, int location) {
  auto e = std::make_unique<ParsedExpr>();
  e->type = ExprType::kConstant;
  e->value = std::move(value);
  e->location = location;
  return e;
}

ParsedExprPtr ParsedExpr::MakeOperator(OperatorType op, std::vector<ParsedExprPtr> children,
                                       int location) {
  auto e = std::make_unique<ParsedExpr>();
  e->type = ExprType::kOperator;
  e->op = op;
  e->children = std::move(children);
  e->location = location;
  return e;
}

ParsedExprPtr ParsedExpr::MakeFunction(std::string name, std::vector<ParsedExprPtr> args,
                                       int location) {
  auto e = std::make_unique<ParsedExpr>();
  e->type = ExprType::kFunction;
  e->name = std::move(name);
  e->children = std::move(args);
  e->location = location;
  return e;
}

namespace {

std::string JoinNames(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += ".";
    out += names[i];
  }
  return out;
}

std::string OrderByToString(const std::vector<OrderByItem>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ", ";
    out += items[i].expr->ToString();
    out += items[i].descending ? " DESC" : " ASC";
    if (items[i].nulls_first) out += *items[i].nulls_first ? " NULLS FIRST" : " NULLS LAST";
  }
  return out;
}

}  // namespace

std::string ParsedExpr::ToString() const {
  switch (type) {
    case ExprType::kColumnRef: return JoinNames(names);
    case ExprType::kStar: return names.empty() ? "*" : JoinNames(names) + ".*";
    case ExprType::kConstant:
      if (value.type().id() == TypeId::kIntervalMonthDayNano) {
        return "INTERVAL '" + value.ToString() + "'";
      }
      return value.ToString(/*quote_strings=*/true);
    case ExprType::kParameter: return "$" + name;
    case ExprType::kOperator: {
      switch (op) {
        case OperatorType::kNegate: return "(- " + children[0]->ToString() + ")";
        case OperatorType::kNot: return "(NOT " + children[0]->ToString() + ")";
        case OperatorType::kIsNull:
        case OperatorType::kIsNotNull:
        case OperatorType::kIsTrue:
        case OperatorType::kIsNotTrue:
        case OperatorType::kIsFalse:
        case OperatorType::kIsNotFalse:
        case OperatorType::kIsUnknown:
        case OperatorType::kIsNotUnknown:
          return "(" + children[0]->ToString() + " " + OperatorSymbol(op) + ")";
        case OperatorType::kIn:
        case OperatorType::kNotIn: {
          std::string out = "(" + children[0]->ToString() + " " + OperatorSymbol(op) + " (";
          for (size_t i = 1; i < children.size(); ++i) {
            if (i > 1) out += ", ";
            out += children[i]->ToString();
          }
          return out + "))";
        }
        case OperatorType::kBetween:
        case OperatorType::kNotBetween:
          return fmt::format("({} {} {} AND {})", children[0]->ToString(), OperatorSymbol(op),
                             children[1]->ToString(), children[2]->ToString());
        default:
          return fmt::format("({} {} {})", children[0]->ToString(), OperatorSymbol(op),
                             children[1]->ToString());
      }
    }
    case ExprType::kFunction: {
      std::string out = name + "(";
      if (distinct) out += "DISTINCT ";
      if (star) out += "*";
      for (size_t i = 0; i < children.size(); ++i) {
        if (i > 0) out += ", ";
        out += children[i]->ToString();
      }
      if (!order_by.empty()) out += " ORDER BY " + OrderByToString(order_by);
      out += ")";
      if (filter) out += " FILTER (WHERE " + filter->ToString() + ")";
      return out;
    }
    case ExprType::kCase: {
      std::string out = "CASE";
      if (case_operand) out += " " + case_operand->ToString();
      for (size_t i = 0; i + 1 < children.size(); i += 2) {
        out += " WHEN " + children[i]->ToString() + " THEN " + children[i + 1]->ToString();
      }
      if (else_expr) out += " ELSE " + else_expr->ToString();
      return out + " END";
    }
    case ExprType::kCast:
      return "CAST(" + children[0]->ToString() + " AS " + cast_type.ToString() + ")";
  }
  return "?";
}

namespace {

void AppendLine(std::string* out, int depth, const std::string& text) {
  out->append(static_cast<size_t>(depth) * 2, ' ');
  out->append(text);
  out->push_back('\n');
}

void AppendQuery(const QueryNode& node, int depth, std::string* out);

void AppendTableRef(const TableRefNode& ref, int depth, std::string* out) {
  std::string alias;
  if (!ref.alias.empty()) {
    alias = " AS " + ref.alias;
    if (!ref.column_aliases.empty()) {
      alias += "(";
      for (size_t i = 0; i < ref.column_aliases.size(); ++i) {
        if (i > 0) alias += ", ";
        alias += ref.column_aliases[i];
      }
      alias += ")";
    }
  }
  if (ref.type == TableRefNode::Type::kBaseTable) {
    std::string name;
    if (!ref.catalog.empty()) name += ref.catalog + ".";
    if (!ref.schema.empty()) name += ref.schema + ".";
    name += ref.name;
    AppendLine(out, depth, "FROM " + name + alias);
  } else {
    AppendLine(out, depth, "FROM (subquery)" + alias);
    AppendQuery(*ref.subquery, depth + 1, out);
  }
}

void AppendQuery(const QueryNode& node, int depth, std::string* out) {
  for (const CommonTableExpr& cte : node.ctes) {
    AppendLine(out, depth, "WITH " + cte.name);
    AppendQuery(*cte.query, depth + 1, out);
  }
  switch (node.type) {
    case QueryNode::Type::kSelect: {
      std::string select = node.distinct ? "SELECT DISTINCT " : "SELECT ";
      for (size_t i = 0; i < node.select_list.size(); ++i) {
        if (i > 0) select += ", ";
        select += node.select_list[i].expr->ToString();
        if (node.select_list[i].alias) select += " AS " + *node.select_list[i].alias;
      }
      AppendLine(out, depth, select);
      if (node.from) AppendTableRef(*node.from, depth, out);
      if (node.where) AppendLine(out, depth, "WHERE " + node.where->ToString());
      if (!node.group_by.empty()) {
        std::string group = "GROUP BY ";
        for (size_t i = 0; i < node.group_by.size(); ++i) {
          if (i > 0) group += ", ";
          group += node.group_by[i]->ToString();
        }
        AppendLine(out, depth, group);
      }
      if (node.having) AppendLine(out, depth, "HAVING " + node.having->ToString());
      break;
    }
    case QueryNode::Type::kValues: {
      std::string values = "VALUES ";
      for (size_t row = 0; row < node.values.size(); ++row) {
        if (row > 0) values += ", ";
        values += "(";
        for (size_t i = 0; i < node.values[row].size(); ++i) {
          if (i > 0) values += ", ";
          values += node.values[row][i]->ToString();
        }
        values += ")";
      }
      AppendLine(out, depth, values);
      break;
    }
    case QueryNode::Type::kSetOperation:
      AppendLine(out, depth,
                 node.set_operation == QueryNode::SetOperation::kUnionAll ? "UNION ALL" : "UNION");
      AppendQuery(*node.left, depth + 1, out);
      AppendQuery(*node.right, depth + 1, out);
      break;
  }
  if (!node.order_by.empty()) AppendLine(out, depth, "ORDER BY " + OrderByToString(node.order_by));
  if (node.limit) AppendLine(out, depth, "LIMIT " + node.limit->ToString());
  if (node.offset) AppendLine(out, depth, "OFFSET " + node.offset->ToString());
}

}  // namespace

std::string QueryNode::ToString() const {
  std::string out;
  AppendQuery(*this, 0, &out);
  return out;
}

std::string Statement::ToString() const {
  switch (type) {
    case Type::kQuery: return query->ToString();
    case Type::kExplain: {
      std::string out = "EXPLAIN";
      if (analyze) out += " ANALYZE";
      if (verbose) out += " VERBOSE";
      return out + "\n" + query->ToString();
    }
    case Type::kShowTables: return "SHOW TABLES\n";
    case Type::kShowColumns: return std::string("SHOW ") + (full ? "FULL " : "") + "COLUMNS FROM " + JoinNames(table_name) + "\n";
    case Type::kShowVariable: return "SHOW " + variable + "\n";
  }
  return "?";
}

}  // namespace quiver::sql
