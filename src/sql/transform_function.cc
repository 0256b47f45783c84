#include <string>

#include "sql/transformer_internal.h"

namespace quiver::sql {

namespace {

// PostgreSQL turns some SQL-syntax functions into pg_catalog calls with its own names;
// map them to DataFusion's.
std::string CanonicalFunctionName(const std::string& name) {
  static const std::pair<const char*, const char*> kRenames[] = {
      {"extract", "date_part"},  // EXTRACT(field FROM x) -> date_part('field', x)
      {"position", "strpos"},    // POSITION(a IN b) -> strpos(b, a)
  };
  for (const auto& [from, to] : kRenames) {
    if (name == from) return to;
  }
  return name;
}

}  // namespace

Result<ParsedExprPtr> Transformer::TransformFuncCall(const PgQuery__FuncCall& call) {
  if (call.n_funcname == 0) return SyntaxError("function without a name", call.location);
  const char* last = StringValue(call.funcname[call.n_funcname - 1]);
  if (last == nullptr) return SyntaxError("invalid function name", call.location);
  if (call.n_funcname > 2) return Unsupported("qualified function names", call.location);
  if (call.n_funcname == 2) {
    const char* schema = StringValue(call.funcname[0]);
    if (schema == nullptr || std::string(schema) != "pg_catalog") {
      return Unsupported("qualified function names", call.location);
    }
  }
  std::string name = CanonicalFunctionName(last);
  if (name == "like_escape") return Unsupported("LIKE ... ESCAPE", call.location);
  if (name == "timezone") return Unsupported("AT TIME ZONE", call.location);
  if (call.over != nullptr) return Unsupported("window functions (OVER)", call.location);
  if (call.agg_within_group) return Unsupported("WITHIN GROUP", call.location);
  if (call.func_variadic) return Unsupported("VARIADIC arguments", call.location);
  for (size_t i = 0; i < call.n_args; ++i) {
    if (call.args[i]->node_case == PG_QUERY__NODE__NODE_NAMED_ARG_EXPR) {
      return Unsupported("named function arguments", call.location);
    }
  }

  ASSIGN_OR_RETURN(std::vector<ParsedExprPtr> args, TransformExprList(call.args, call.n_args));
  ParsedExprPtr out = ParsedExpr::MakeFunction(std::move(name), std::move(args), Loc(call.location));
  out->star = call.agg_star;
  out->distinct = call.agg_distinct;
  if (call.agg_filter != nullptr) {
    ASSIGN_OR_RETURN(out->filter, TransformExpr(call.agg_filter));
  }
  ASSIGN_OR_RETURN(out->order_by, TransformSortClause(call.agg_order, call.n_agg_order));
  return out;
}

}  // namespace quiver::sql
