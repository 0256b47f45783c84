#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"
#include "lineproto/escape.h"
#include "lineproto/field_value.h"
#include "lineproto/parsed_line.h"

namespace quiver::lineproto {

// Builds line protocol text with correct escaping: the inverse of LineProtocolParser.
// Whatever EndLine() accepts parses back (with nanosecond precision) to exactly the
// values given: names, tags in the given order, typed field values (floats in the
// shortest round-trip form), and the timestamp.
//
//   LineBuilder builder;
//   builder.Measurement("cpu").Tag("host", "a b").FloatField("usage", 0.5).Timestamp(1);
//   RETURN_NOT_OK(builder.EndLine());      // text(): "cpu,host=a\ b usage=0.5 1\n"
//
// Calls chain; the first problem in a line is remembered and returned by EndLine(),
// which then drops the partial line (earlier lines stay). Problems: empty names, a name
// ending with a backslash, a tab or newline in a name (or NUL in a measurement) that
// does not follow a backslash, a measurement starting with '#', no fields, NaN or
// infinite floats, strings over 1 MiB, tags after fields, calls out of order.
//
// Not thread-safe.
class LineBuilder {
 public:
  LineBuilder() = default;

  // Starts a new line. REQUIRES: the previous line was ended with EndLine().
  LineBuilder& Measurement(std::string_view name);
  LineBuilder& Tag(std::string_view key, std::string_view value);
  LineBuilder& FloatField(std::string_view key, double value);
  LineBuilder& IntegerField(std::string_view key, int64_t value);
  LineBuilder& UIntegerField(std::string_view key, uint64_t value);
  LineBuilder& StringField(std::string_view key, std::string_view value);
  LineBuilder& BooleanField(std::string_view key, bool value);
  LineBuilder& Field(std::string_view key, const FieldValue& value);
  // Optional; in whatever precision the reader will use. Must come after the fields.
  LineBuilder& Timestamp(int64_t timestamp);

  // Completes the line (appends "\n"). InvalidArgument if anything was wrong with it.
  Status EndLine();

  // Appends `line` (measurement, tags, fields, and the timestamp when has_timestamp) as
  // one complete line.
  Status AppendLine(const ParsedLine& line, bool always_write_timestamp = false);

  // The lines completed so far.
  const std::string& text() const { return text_; }
  std::string Release();
  void Clear();
  size_t line_count() const { return line_count_; }

 private:
  enum class State : uint8_t { kIdle, kTags, kFields, kTimestamp };

  bool Begin(State at_least, std::string_view what);
  void SetError(std::string message);
  void AppendName(NameKind kind, std::string_view name);
  void AppendFieldKey(std::string_view key);

  std::string text_;
  size_t line_begin_ = 0;
  size_t line_count_ = 0;
  State state_ = State::kIdle;
  bool has_fields_ = false;
  std::string error_;  // the first problem of the current line, if any
};

}  // namespace quiver::lineproto
