#pragma once

#include <string_view>

#include "base/result.h"
#include "sql/ast.h"

namespace quiver::sql {

// Parses one SQL statement (a trailing `;` is allowed) into the AST with libpg_query
// (PostgreSQL 15 grammar), plus the statements PostgreSQL lacks that DataFusion has:
// `SHOW [EXTENDED] [FULL] COLUMNS FROM|IN table` and `$name` placeholders.
//
// Errors (see sql_error.h for the wording):
//   InvalidArgument  syntax errors, with line and column: SQL error: ParserError("syntax
//                    error at or near \"FORM\" at Line: 1, Column: 10"); an empty query;
//                    statements other than queries, EXPLAIN and SHOW (INSERT, SET, ...)
//   NotImplemented   several statements in one query; constructs the engine does not
//                    support (joins, window functions, subqueries in expressions, ...),
//                    naming the feature and its position
// Thread-safe: libpg_query keeps its parser state per thread.
Result<Statement> ParseSql(std::string_view sql);

}  // namespace quiver::sql
