#include "sql/sql_error.h"

#include <algorithm>

#include <fmt/format.h>

namespace quiver::sql {

SourcePosition PositionOf(std::string_view sql, int offset) {
  SourcePosition position;
  size_t end = std::min(static_cast<size_t>(offset < 0 ? 0 : offset), sql.size());
  for (size_t i = 0; i < end; ++i) {
    unsigned char c = static_cast<unsigned char>(sql[i]);
    if (c == '\n') {
      ++position.line;
      position.column = 1;
    } else if ((c & 0xC0) != 0x80) {  // not a UTF-8 continuation byte
      ++position.column;
    }
  }
  return position;
}

std::string PositionSuffix(std::string_view sql, int offset) {
  if (offset < 0) return "";
  SourcePosition position = PositionOf(sql, offset);
  return fmt::format(" at Line: {}, Column: {}", position.line, position.column);
}

Status ParserError(std::string_view message, std::string_view sql, int offset) {
  // DataFusion prints the message with Rust's Debug formatting: quotes and backslashes
  // are escaped.
  std::string text = std::string(message) + PositionSuffix(sql, offset);
  std::string escaped;
  escaped.reserve(text.size());
  for (char c : text) {
    if (c == '"' || c == '\\') escaped.push_back('\\');
    if (c == '\n') {
      escaped += "\\n";
      continue;
    }
    escaped.push_back(c);
  }
  return Status::InvalidArgument("SQL error: ParserError(\"{}\")", escaped);
}

Status PlanningError(std::string_view message, std::string_view sql, int offset) {
  return Status::InvalidArgument("Error during planning: {}{}", message, PositionSuffix(sql, offset));
}

Status PlanningError(std::string_view message) {
  return Status::InvalidArgument("Error during planning: {}", message);
}

Status NotImplementedError(std::string_view message, std::string_view sql, int offset) {
  return Status::NotImplemented("This feature is not implemented: {}{}", message,
                                PositionSuffix(sql, offset));
}

}  // namespace quiver::sql
