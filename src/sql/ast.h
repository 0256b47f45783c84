#pragma once

// The SQL abstract syntax tree: what the parser (parser.h) produces from libpg_query's
// parse tree and the binder (binder_internal.h) consumes. It models only what Quiver
// supports; everything else is rejected while transforming, with its position.
//
// Identifiers are already case-folded (unquoted names lower-cased, quoted names kept as
// written). Every `location` is a byte offset into the original SQL text, or -1.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "types/data_type.h"
#include "types/scalar.h"

namespace quiver::sql {

struct ParsedExpr;
struct QueryNode;
using ParsedExprPtr = std::unique_ptr<ParsedExpr>;

enum class ExprType {
  kColumnRef,  // names: 1 to 4 parts (column, table.column, schema.table.column, ...)
  kStar,       // `*` (names empty) or `t.*` (names: the qualifier parts)
  kConstant,   // value: Null, Boolean, Int64, UInt64, Float64, Utf8 or Interval
  kParameter,  // name: the placeholder name without `$` ("host"; "1" for `$1`)
  kOperator,   // op, children
  kFunction,   // name, children (arguments) and the aggregate parts below
  kCase,       // children = [when1, then1, when2, then2, ...]; case_operand; else_expr
  kCast,       // children[0] cast to cast_type
};

// Operators; children in the order written.
enum class OperatorType {
  // Binary arithmetic and string concatenation.
  kAdd, kSubtract, kMultiply, kDivide, kModulo, kConcat,
  // Unary.
  kNegate, kNot,
  // Comparisons.
  kEq, kNotEq, kLt, kLtEq, kGt, kGtEq, kIsDistinctFrom, kIsNotDistinctFrom,
  // Pattern matching: ~ ~* !~ !~* and [NOT] [I]LIKE.
  kRegexMatch, kRegexIMatch, kRegexNotMatch, kRegexNotIMatch,
  kLike, kNotLike, kILike, kNotILike,
  // Logical (binary).
  kAnd, kOr,
  // Unary tests.
  kIsNull, kIsNotNull, kIsTrue, kIsNotTrue, kIsFalse, kIsNotFalse, kIsUnknown, kIsNotUnknown,
  // children = [value, item1, item2, ...].
  kIn, kNotIn,
  // children = [value, low, high].
  kBetween, kNotBetween,
};

// One ORDER BY item (of a query or inside an aggregate call).
struct OrderByItem {
  ParsedExprPtr expr;
  bool descending = false;
  // Unset: the SQL default (NULLS LAST for ASC, NULLS FIRST for DESC).
  std::optional<bool> nulls_first;
  int location = -1;

  bool NullsFirst() const { return nulls_first.value_or(descending); }
};

struct ParsedExpr {
  ExprType type = ExprType::kConstant;
  int location = -1;

  std::vector<std::string> names;  // kColumnRef, kStar
  std::string name;                // kParameter, kFunction (lower case unless quoted)
  Scalar value;                    // kConstant
  OperatorType op = OperatorType::kAdd;  // kOperator
  std::vector<ParsedExprPtr> children;

  // kFunction: aggregate modifiers. `star` is count(*).
  bool distinct = false;
  bool star = false;
  ParsedExprPtr filter;               // FILTER (WHERE ...)
  std::vector<OrderByItem> order_by;  // f(x ORDER BY y)

  // kCase.
  ParsedExprPtr case_operand;  // CASE <operand> WHEN ... (simple CASE); null if searched
  ParsedExprPtr else_expr;

  // kCast.
  DataType cast_type;

  // SQL-like text of the tree, for tests and debugging ("(a + 1)", "max(x)").
  std::string ToString() const;

  static ParsedExprPtr MakeColumnRef(std::vector<std::string> names, int location = -1);
  static ParsedExprPtr MakeConstant(Scalar value, int location = -1);
  static ParsedExprPtr MakeOperator(OperatorType op, std::vector<ParsedExprPtr> children,
                                    int location = -1);
  static ParsedExprPtr MakeFunction(std::string name, std::vector<ParsedExprPtr> args,
                                    int location = -1);
};

// An output column of a SELECT: `expr [AS alias]`.
struct SelectItem {
  ParsedExprPtr expr;
  std::optional<std::string> alias;
  int location = -1;
};

// An item of the FROM clause. Joins are rejected by the parser, so there is at most one.
struct TableRefNode {
  enum class Type { kBaseTable, kSubquery };
  Type type = Type::kBaseTable;
  // kBaseTable: [catalog.][schema.]name as written (case-folded); empty when omitted.
  std::string catalog;
  std::string schema;
  std::string name;
  // kSubquery.
  std::unique_ptr<QueryNode> subquery;
  // `AS alias (column aliases)`; alias empty when omitted.
  std::string alias;
  std::vector<std::string> column_aliases;
  int location = -1;
};

// WITH name [(columns)] AS (query).
struct CommonTableExpr {
  std::string name;
  std::vector<std::string> column_names;
  std::unique_ptr<QueryNode> query;
  int location = -1;
};

// A query expression: a SELECT block, a set operation, or VALUES, with the modifiers that
// apply to its result (ORDER BY, LIMIT, OFFSET) and the CTEs it defines.
struct QueryNode {
  enum class Type { kSelect, kSetOperation, kValues };
  enum class SetOperation { kUnionAll, kUnion };

  Type type = Type::kSelect;
  std::vector<CommonTableExpr> ctes;

  // kSelect.
  bool distinct = false;
  std::vector<SelectItem> select_list;
  std::unique_ptr<TableRefNode> from;  // null: SELECT without FROM
  ParsedExprPtr where;
  std::vector<ParsedExprPtr> group_by;
  ParsedExprPtr having;

  // kValues: rows of expressions (all rows have the same length).
  std::vector<std::vector<ParsedExprPtr>> values;

  // kSetOperation.
  SetOperation set_operation = SetOperation::kUnionAll;
  std::unique_ptr<QueryNode> left;
  std::unique_ptr<QueryNode> right;

  // Modifiers.
  std::vector<OrderByItem> order_by;
  ParsedExprPtr limit;   // null: no LIMIT (or LIMIT ALL)
  ParsedExprPtr offset;  // null: no OFFSET
  int location = -1;

  // Multi-line dump of the tree, for tests and debugging.
  std::string ToString() const;
};

// One parsed statement.
struct Statement {
  enum class Type {
    kQuery,        // query
    kExplain,      // EXPLAIN [ANALYZE] [VERBOSE] query
    kShowTables,   // SHOW TABLES
    kShowColumns,  // SHOW [EXTENDED] [FULL] COLUMNS FROM|IN table_name
    kShowVariable  // SHOW ALL | SHOW name
  };
  Type type = Type::kQuery;
  std::unique_ptr<QueryNode> query;  // kQuery, kExplain
  bool analyze = false;              // kExplain
  bool verbose = false;              // kExplain
  // kShowColumns: the table name parts ([[catalog.]schema.]table), case-folded.
  std::vector<std::string> table_name;
  bool full = false;  // kShowColumns: FULL or EXTENDED
  // kShowVariable: "all" or the variable name.
  std::string variable;
  int location = -1;

  std::string ToString() const;
};

const char* OperatorSymbol(OperatorType op);

}  // namespace quiver::sql
