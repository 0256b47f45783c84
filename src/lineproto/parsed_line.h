#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "base/status.h"
#include "lineproto/field_value.h"
#include "lineproto/precision.h"

namespace quiver::lineproto {

// Limits of InfluxDB 3 (built with large strings): every string field value and every
// name may hold at most 1 MiB after unescaping; longer ones are "String is greater than 1MB".
inline constexpr size_t kMaxStringBytes = size_t{1} << 20;

struct ParseOptions {
  // Unit of the timestamps in the body (the request's `precision` parameter).
  Precision precision = Precision::kNanosecond;
  // The server's time at receipt, in ns since the epoch: the time of lines without a
  // timestamp (truncated to the precision, see DefaultTimestamp()).
  int64_t default_time_ns = 0;
  // Longest string value or name accepted.
  size_t max_string_bytes = kMaxStringBytes;
};

// Names and string values are views into the request body when the token had no
// escapes, or into the parser's scratch arena when it did (unescaped copy).
struct Tag {
  std::string_view key;
  std::string_view value;
  uint32_t column;  // 1-based byte column of the key within its line
};

struct Field {
  std::string_view key;
  FieldValue value;
  uint32_t column;  // 1-based byte column of the key within its line
};

// One successfully parsed line. Tags and fields are in input order (not sorted).
// Names `time` and the like are not rejected here; the catalog checks reserved names.
struct ParsedLine {
  std::string_view measurement;
  std::span<const Tag> tags;
  std::span<const Field> fields;
  int64_t timestamp = 0;       // ns since the epoch (converted, or the default time)
  bool has_timestamp = false;  // false: `timestamp` is the default time
  // 1-based number counting only non-blank, non-comment lines, as InfluxDB 3 reports it.
  size_t line_number = 0;
  // 1-based index of the raw line as the splitter produced it (blank and comment lines
  // count; a quoted newline does not start a new raw line).
  size_t physical_line_number = 0;
  // The raw line text without its trailing `\r` (leading whitespace kept).
  std::string_view text;
};

// Why one line was rejected.
struct ParseError {
  size_t line_number = 0;           // as ParsedLine::line_number
  size_t physical_line_number = 0;  // as ParsedLine::physical_line_number
  size_t column = 0;                // 1-based byte column within the raw line
  // The problem and its position, e.g. "invalid integer value '12x3i' for field 'n' at
  // column 24". Where InfluxDB 3 has a message for the case its wording is used.
  std::string message;
  // The raw line text (a view into the body; the HTTP layer truncates it as needed).
  std::string_view original_line;

  // InvalidArgument with `message`.
  Status ToStatus() const { return Status(StatusCode::kInvalidArgument, message); }
};

}  // namespace quiver::lineproto
