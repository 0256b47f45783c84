#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "lineproto/field_value.h"
#include "lineproto/parsed_line.h"

namespace quiver::lineproto {

// A parsed line that owns its strings: for tests, tools and code paths where
// convenience beats speed (the write path consumes ParsedLine views directly).
struct OwnedField {
  std::string key;
  FieldKind kind = FieldKind::kFloat;
  double float_value = 0;
  int64_t integer_value = 0;
  uint64_t uinteger_value = 0;
  bool boolean_value = false;
  std::string string_value;

  // A view of this value; its string_value points into this OwnedField.
  FieldValue value() const;
  bool operator==(const OwnedField& other) const;
};

struct OwnedLine {
  std::string measurement;
  std::vector<std::pair<std::string, std::string>> tags;
  std::vector<OwnedField> fields;
  int64_t timestamp = 0;
  bool has_timestamp = false;
  size_t line_number = 0;

  static OwnedLine From(const ParsedLine& line);
  // Compares measurement, tags, fields and timestamp (not line_number).
  bool SameContent(const OwnedLine& other) const;
};

struct OwnedParseError {
  size_t line_number = 0;
  size_t physical_line_number = 0;
  size_t column = 0;
  std::string message;
  std::string original_line;
};

struct ParsedBody {
  std::vector<OwnedLine> lines;
  std::vector<OwnedParseError> errors;
};

// Parses all of `body` into owned lines and errors (in body order within each list).
ParsedBody ParseAll(std::string_view body, const ParseOptions& options = {});

}  // namespace quiver::lineproto
