#pragma once

// The binder: resolves the AST (ast.h) against a SchemaProvider and builds an
// unoptimized LogicalPlan. Module-private; the public entry point is sql_planner.h.
//
// Shape of a bound SELECT (bottom-up):
//   FROM item (Scan / subquery plan / one-row Values without FROM)
//   -> Filter (WHERE)
//   -> Aggregate (GROUP BY keys, then the aggregate calls) -> Filter (HAVING)
//   -> Projection (the select list, plus hidden ORDER BY columns if any)
//   -> Distinct -> Sort -> Limit
//   -> Projection dropping the hidden ORDER BY columns (only if there were any)

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "plan/logical_plan.h"
#include "plan/table_info.h"
#include "sql/ast.h"
#include "sql/sql_planner.h"

namespace quiver::sql {

// The columns an expression may reference: the output of the FROM item. Joins are not
// supported, so a scope holds at most one relation. A base table can be referenced as
// `cpu`, `iox.cpu` or `public.iox.cpu` (any suffix of its full name), an aliased item
// only by its alias; columns of an unqualified scope (union and VALUES outputs) take no
// qualifier.
class BindScope {
 public:
  // No relation (SELECT without FROM).
  BindScope() = default;
  // `display_qualifier` is how column names are qualified in output names ("cpu",
  // "iox.cpu" or an alias); `full_name` the qualifier parts that resolve (catalog,
  // schema, table), or just the alias.
  BindScope(std::string display_qualifier, std::vector<std::string> full_name, SchemaPtr schema)
      : display_qualifier_(std::move(display_qualifier)), full_name_(std::move(full_name)),
        schema_(std::move(schema)) {}
  static BindScope Unqualified(SchemaPtr schema) { return BindScope("", {}, std::move(schema)); }

  bool empty() const { return schema_ == nullptr; }
  int num_columns() const { return schema_ ? schema_->num_fields() : 0; }
  const Field& column(int index) const { return schema_->field(index); }
  const SchemaPtr& schema() const { return schema_; }

  // True if `qualifier` (1-3 parts) names this scope's relation.
  bool MatchesQualifier(const std::vector<std::string>& qualifier) const;

  enum class Lookup { kFound, kNotFound, kAmbiguous };
  // Resolves `names` ([qualifier..., column]) to a column index.
  Lookup Resolve(const std::vector<std::string>& names, int* index) const;

  // "cpu.usage_user" (or "usage_user" in an unqualified scope): DataFusion's display of a
  // column inside expression names.
  std::string QualifiedName(int index) const;
  // "cpu.hostname, cpu.region, ..." for "No field named" errors.
  std::string ValidFields() const;

 private:
  std::string display_qualifier_;
  std::vector<std::string> full_name_;
  SchemaPtr schema_;
};

// A bound FROM item.
struct BoundRelation {
  LogicalPlanPtr plan;
  BindScope scope;
};

// One output column of a SELECT after `*` expansion.
struct OutputColumn {
  const ParsedExpr* expr = nullptr;
  std::string name;        // the alias, the column name, or DataFusion's expression name
  bool has_alias = false;  // written with AS
  int location = -1;
};

// Where an expression appears; decides whether aggregates are allowed and how errors
// read.
enum class ExprClause {
  kSelect, kWhere, kGroupBy, kHaving, kOrderBy, kAggregateArgument, kAggregateFilter, kValues, kLimit,
};

// The Aggregate node being built for a grouped SELECT: its keys and aggregate calls,
// all bound over the aggregation input.
struct AggregationInfo {
  const BindScope* input_scope = nullptr;
  std::vector<ExprPtr> group_exprs;
  std::vector<std::string> group_names;
  std::vector<AggregateCall> aggregates;
  std::vector<std::string> aggregate_names;
  std::map<std::string, int> aggregate_by_name;  // DataFusion display name -> index
};

class Binder;

// Binds one expression tree. In plain mode columns resolve against `scope`; with an
// AggregationInfo set, expressions are bound over the Aggregate node's output: aggregate
// calls and expressions equal to a GROUP BY key become references to its columns, and
// any other column reference is an error (it is neither grouped nor aggregated).
class ExpressionBinder {
 public:
  ExpressionBinder(Binder* binder, const BindScope* scope, ExprClause clause)
      : binder_(binder), scope_(scope), clause_(clause) {}

  // Switches to post-aggregation mode. `aggregation` must outlive the binder.
  void SetAggregation(const AggregationInfo* aggregation) { aggregation_ = aggregation; }
  // Lets single-name column references that are not input columns resolve to SELECT
  // aliases (HAVING and ORDER BY). `outputs` must outlive the binder.
  void SetAliases(const std::vector<OutputColumn>* outputs) { aliases_ = outputs; }

  Result<ExprPtr> Bind(const ParsedExpr& expr);
  // Binds and requires a Boolean result (a NULL literal is cast to Boolean).
  Result<ExprPtr> BindPredicate(const ParsedExpr& expr);

 private:
  Result<ExprPtr> BindNode(const ParsedExpr& expr);
  Result<ExprPtr> BindPostAggregate(const ParsedExpr& expr, bool* handled);
  Result<ExprPtr> BindColumnRef(const ParsedExpr& expr);
  Result<ExprPtr> BindParameter(const ParsedExpr& expr);
  Result<ExprPtr> BindOperator(const ParsedExpr& expr);
  Result<ExprPtr> BindCase(const ParsedExpr& expr);
  Result<ExprPtr> BindCast(const ParsedExpr& expr);
  // bind_function.cc
  Result<ExprPtr> BindFunction(const ParsedExpr& expr);
  Result<ExprPtr> BindScalarFunction(const ParsedExpr& expr);

  // The SELECT item an identifier names, if alias resolution applies to `expr`.
  const OutputColumn* AliasTarget(const ParsedExpr& expr) const;
  Result<ExprPtr> BindAlias(const OutputColumn& alias);
  // True if `expr` contains an aggregate call or an alias reference: such trees are
  // bound node by node in post-aggregation mode.
  bool NeedsDecomposition(const ParsedExpr& expr) const;
  Result<ExprPtr> Call(std::string_view function, std::vector<ExprPtr> args, int location);

  Binder* binder_;
  const BindScope* scope_;
  ExprClause clause_;
  const AggregationInfo* aggregation_ = nullptr;
  const std::vector<OutputColumn>* aliases_ = nullptr;
  // Aliases whose expressions are being bound: not resolved again (SELECT b AS a, a AS b
  // ... HAVING a > 1 must not recurse forever).
  std::vector<const OutputColumn*> expanding_;
};

// The names of CTEs visible while binding a query, innermost last.
struct CteBinding {
  std::string name;
  LogicalPlanPtr plan;
};

class Binder {
 public:
  // All arguments must outlive the binder.
  Binder(std::string_view sql, const SchemaProvider& schemas, const std::map<std::string, Scalar>& params)
      : sql_(sql), schemas_(schemas), params_(params) {}

  Result<BoundStatement> BindStatement(const Statement& statement);

  // bind_query.cc: any query expression (SELECT, set operation, VALUES) with its CTEs
  // and modifiers.
  Result<LogicalPlanPtr> BindQuery(const QueryNode& node);

  // Errors with the position of `location` (see sql_error.h).
  Status PlanError(std::string_view message, int location) const;
  Status NotImplemented(std::string_view message, int location) const;
  Status SchemaError(std::string_view message, int location) const;
  // Re-words an error from plan/ or function/ (e.g. no kernel for the argument types) as
  // a planning error at `location`; NotImplemented stays NotImplemented.
  Status Rewrap(const Status& status, int location) const;

  const std::map<std::string, Scalar>& params() const { return params_; }
  std::string_view sql() const { return sql_; }
  // Keeps a synthesized AST node (e.g. from `*` expansion) alive while binding.
  const ParsedExpr* Own(ParsedExprPtr expr);

 private:
  // bind_select.cc
  Result<LogicalPlanPtr> BindSelect(const QueryNode& node);
  Result<std::vector<OutputColumn>> ExpandSelectList(const QueryNode& node, const BindScope& scope);
  // bind_aggregate.cc
  Result<LogicalPlanPtr> BindAggregation(const QueryNode& node, const std::vector<OutputColumn>& outputs,
                                         LogicalPlanPtr input, const BindScope& scope,
                                         AggregationInfo* aggregation, bool* aggregating);
  Result<AggregateCall> BindAggregateCall(const ParsedExpr& expr, const BindScope& scope);
  // bind_order_by.cc
  Result<LogicalPlanPtr> BindSelectModifiers(const QueryNode& node, const std::vector<OutputColumn>& outputs,
                                             std::vector<ExprPtr> exprs, LogicalPlanPtr input,
                                             ExpressionBinder* projection_binder, const BindScope& scope);
  Result<LogicalPlanPtr> BindOutputModifiers(const QueryNode& node, LogicalPlanPtr plan);
  Result<LogicalPlanPtr> BindLimit(const QueryNode& node, LogicalPlanPtr plan);
  // bind_query.cc
  Result<LogicalPlanPtr> BindSetOperation(const QueryNode& node);
  // Binds the operands of a chain of unions (flattened where possible), with the
  // location of each operand for errors.
  Status CollectUnionInputs(const QueryNode& node, std::vector<LogicalPlanPtr>* inputs, std::vector<int>* locations);
  Result<LogicalPlanPtr> BindValues(const QueryNode& node);
  // bind_table_ref.cc
  Result<BoundRelation> BindTableRef(const TableRefNode& ref);
  // Resolves [[catalog.]schema.]name to a table; the planning error names the table as
  // public.<schema>.<name>.
  Result<TableInfo> ResolveTable(const std::string& catalog, const std::string& schema,
                                 const std::string& name, int location) const;
  const CteBinding* FindCte(const std::string& name) const;
  // show_statements.cc: SHOW TABLES / COLUMNS / variables, planned as queries over
  // information_schema.
  Result<LogicalPlanPtr> BindShow(const Statement& statement);

  std::string_view sql_;
  const SchemaProvider& schemas_;
  const std::map<std::string, Scalar>& params_;
  std::vector<CteBinding> ctes_;
  std::vector<ParsedExprPtr> owned_;
};

// DataFusion's display name of an expression (bind against `scope` for column
// qualifiers): "max(cpu.usage_user)", "cpu.usage_user + Int64(1)",
// "date_bin(IntervalMonthDayNano(\"...\"),cpu.time)", "count(*)".
std::string ExpressionName(const ParsedExpr& expr, const BindScope& scope);

// Renames a relation's columns (FROM t AS x(a, b), WITH x(a, b) AS ...) with a
// Projection. Fewer aliases than columns rename a prefix, as in PostgreSQL; more is an
// error.
Result<LogicalPlanPtr> RenameColumns(const Binder& binder, LogicalPlanPtr plan,
                                     const std::vector<std::string>& aliases, int location);

// True for a call of a registered aggregate function.
bool IsAggregateCall(const ParsedExpr& expr);
// Aggregate calls in `expr`, outermost first; does not descend into aggregate arguments.
void CollectAggregates(const ParsedExpr& expr, std::vector<const ParsedExpr*>* out);


// The type of a column that holds values of types `a` and `b` (UNION, CASE, VALUES):
// strings win over other types, otherwise CommonType. nullopt if incompatible.
std::optional<DataType> UnionCommonType(const DataType& a, const DataType& b);

// Casts a string literal to a timestamp or interval type with Quiver's own parsers
// (RFC 3339 timestamps, interval texts); other casts go through CastTo. Used for typed
// literals and for comparing string literals with timestamps (time >= '2024-01-01T00:00:00Z'
// becomes a Timestamp literal, not a per-row cast).
Result<ExprPtr> CastLiteralOrExpr(ExprPtr expr, const DataType& type);

}  // namespace quiver::sql
