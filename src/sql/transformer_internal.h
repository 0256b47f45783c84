#pragma once

// The transformer turns libpg_query's parse tree (protobuf-c structs) into the AST of
// ast.h. Only sql/*.cc include this header: pg_query's headers stay inside sql/.

#include <pg_query/pg_query.pb-c.h>

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "sql/ast.h"
#include "sql/long_identifiers_internal.h"
#include "sql/named_placeholders_internal.h"

namespace quiver::sql {

// One use per statement; not thread-safe (cheap to create).
// Locations in the tree refer to the rewritten text; the transformer maps them back to
// the original SQL, which error messages quote.
class Transformer {
 public:
  // `sql` and `rewritten` must outlive the transformer.
  Transformer(std::string_view sql, const RewrittenSql& rewritten)
      : sql_(sql), rewritten_(rewritten), identifiers_(rewritten.text) {}

  Result<Statement> TransformStatement(const PgQuery__RawStmt& raw);

  // transform_select.cc
  Result<std::unique_ptr<QueryNode>> TransformSelect(const PgQuery__SelectStmt& stmt);

  // transform_expression.cc
  Result<ParsedExprPtr> TransformExpr(const PgQuery__Node* node);
  // Transforms a list of expression nodes.
  Result<std::vector<ParsedExprPtr>> TransformExprList(PgQuery__Node* const* nodes, size_t count);

 private:
  // transform_select.cc
  Result<std::unique_ptr<QueryNode>> TransformSelectCore(const PgQuery__SelectStmt& stmt);
  Status TransformWithClause(const PgQuery__WithClause& with, QueryNode* node);
  Status TransformModifiers(const PgQuery__SelectStmt& stmt, QueryNode* node);
  Result<std::vector<OrderByItem>> TransformSortClause(PgQuery__Node* const* items, size_t count);
  // transform_table_ref.cc
  Result<std::unique_ptr<TableRefNode>> TransformTableRef(const PgQuery__Node* node);
  // transform_expression.cc
  Result<ParsedExprPtr> TransformAExpr(const PgQuery__AExpr& expr);
  Result<ParsedExprPtr> TransformBoolExpr(const PgQuery__BoolExpr& expr);
  Result<ParsedExprPtr> TransformColumnRef(const PgQuery__ColumnRef& ref);
  Result<ParsedExprPtr> TransformCase(const PgQuery__CaseExpr& expr);
  Result<ParsedExprPtr> TransformSqlValueFunction(const PgQuery__SQLValueFunction& function);
  // transform_function.cc
  Result<ParsedExprPtr> TransformFuncCall(const PgQuery__FuncCall& call);
  // transform_constant.cc
  Result<ParsedExprPtr> TransformConstant(const PgQuery__AConst& constant);
  Result<ParsedExprPtr> TransformTypeCast(const PgQuery__TypeCast& cast);

  // An identifier of the tree in full (PostgreSQL truncates long ones); "" for null.
  std::string Identifier(const char* name) { return name != nullptr ? identifiers_.Restore(name) : std::string(); }
  // Original-text offset of a tree location.
  int Loc(int32_t location) const { return rewritten_.OriginalOffset(location); }
  Status Unsupported(std::string_view feature, int32_t location) const;
  Status SyntaxError(std::string_view message, int32_t location) const;

  std::string_view sql_;
  const RewrittenSql& rewritten_;
  LongIdentifiers identifiers_;
  int depth_ = 0;  // expression nesting, bounded by kMaxDepth
  friend class DepthGuard;
};

// Bounds recursion so hostile input cannot exhaust the stack.
class DepthGuard {
 public:
  static constexpr int kMaxDepth = 500;
  explicit DepthGuard(Transformer* transformer) : transformer_(transformer) { ++transformer_->depth_; }
  ~DepthGuard() { --transformer_->depth_; }
  DepthGuard(const DepthGuard&) = delete;
  DepthGuard& operator=(const DepthGuard&) = delete;
  bool exceeded() const { return transformer_->depth_ > kMaxDepth; }

 private:
  Transformer* transformer_;
};

// The `sval` of a String node, or nullptr if `node` is not a String.
const char* StringValue(const PgQuery__Node* node);

}  // namespace quiver::sql
