#pragma once

// Error values of the SQL front end, worded like DataFusion's (the HTTP layer sends them
// as plain text; InfluxDB 3 clients and users see DataFusion's texts):
//   parse errors          InvalidArgument  SQL error: ParserError("<msg> at Line: 1, Column: 8")
//   planning errors       InvalidArgument  Error during planning: <msg>[ at Line: L, Column: C]
//   unknown columns       InvalidArgument  Schema error: No field named x[ at ...]. Valid fields are ...
//   unsupported features  NotImplemented   This feature is not implemented: <msg>[ at ...]
// Positions are byte offsets into the original SQL text (-1: unknown, no suffix); they are
// reported as 1-based line and column (columns count UTF-8 characters).

#include <string>
#include <string_view>

#include "base/status.h"

namespace quiver::sql {

struct SourcePosition {
  int line = 1;
  int column = 1;
};

// REQUIRES: 0 <= offset; offsets past the end map to the end of the text.
SourcePosition PositionOf(std::string_view sql, int offset);

// " at Line: L, Column: C" for a known offset, "" for -1.
std::string PositionSuffix(std::string_view sql, int offset);

Status ParserError(std::string_view message, std::string_view sql, int offset);
Status PlanningError(std::string_view message, std::string_view sql, int offset);
// Planning error without a position (messages with a fixed reference text).
Status PlanningError(std::string_view message);
Status NotImplementedError(std::string_view message, std::string_view sql, int offset);

}  // namespace quiver::sql
