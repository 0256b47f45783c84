#pragma once

#include <optional>
#include <string_view>

#include "base/result.h"
#include "sql/ast.h"

namespace quiver::sql {

// DataFusion's `SHOW [EXTENDED] [FULL] COLUMNS FROM|IN [[catalog.]schema.]table [;]`,
// which the PostgreSQL grammar lacks. nullopt if `sql` does not start with
// SHOW [EXTENDED] [FULL] COLUMNS; otherwise the statement, or a parser error with the
// position of the offending token.
std::optional<Result<Statement>> ParseShowColumns(std::string_view sql);

}  // namespace quiver::sql
