#pragma once

// The SQL front end's public entry point: SQL text -> unoptimized logical plan.
// (pg_query.h never appears in this header: the parser stays inside sql/.)

#include <map>
#include <string>
#include <string_view>

#include "base/result.h"
#include "plan/logical_plan.h"
#include "plan/table_info.h"
#include "types/scalar.h"

namespace quiver {

// What a statement asks for. The caller optimizes `plan` (Optimize()) and either runs it
// (kQuery) or formats it (EXPLAIN: the logical plan, physical plan; EXPLAIN ANALYZE: run
// it and report rows and time per operator).
struct BoundStatement {
  enum class Kind { kQuery, kExplain, kExplainAnalyze };
  Kind kind = Kind::kQuery;
  LogicalPlanPtr plan;
  bool verbose = false;  // EXPLAIN VERBOSE
};

// Parses and binds one SQL statement in InfluxDB 3's SQL dialect (DataFusion's):
// SELECT queries (with WHERE, GROUP BY, HAVING, ORDER BY, LIMIT/OFFSET, DISTINCT,
// subqueries in FROM, CTEs, UNION [ALL], VALUES), EXPLAIN [ANALYZE] [VERBOSE],
// SHOW TABLES, SHOW COLUMNS FROM t, SHOW ALL / SHOW <variable>. Tables resolve in
// catalog `public`: schema `iox` (the default; user tables through `schemas`),
// `system` (through `schemas`) and `information_schema` (defined in
// sql/information_schema.h; its Scans are filled by the caller's table sources).
//
// `params` binds `$name` placeholders (and `$1` as "1") as literals.
//
// Errors (texts like DataFusion's, with "at Line: L, Column: C" where known):
//   InvalidArgument  syntax errors (SQL error: ParserError(...)), unknown tables
//                    ("Error during planning: table 'public.iox.cpu2' not found"),
//                    unknown columns ("Schema error: No field named ..."), type errors,
//                    invalid aggregate use, a placeholder without a value ("No value found
//                    for placeholder with name $x"), unsupported statements (INSERT, SET)
//   NotImplemented   "This feature is not implemented: <feature>" for joins, window
//                    functions, subqueries in expressions, several statements, ...
// Thread-safe; `schemas` is only read.
Result<BoundStatement> PlanSql(std::string_view sql, const SchemaProvider& schemas,
                               const std::map<std::string, Scalar>& params);

}  // namespace quiver
