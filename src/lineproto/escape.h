#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace quiver::lineproto {

// Escaping rules of line protocol names (InfluxDB 3 behaviour):
//   measurement:               `\,` `\ ` `\\`
//   tag key, tag value, field key: `\,` `\=` `\ ` `\\`
// A backslash before any other character is kept literally together with that
// character (`a\b` stays `a\b`), and a name whose unescaped text ends with a backslash
// is rejected. In string field values `\"` gives `"` and `\\` gives `\`; other
// backslashes are literal.
enum class NameKind : unsigned char {
  kMeasurement,
  kTagKey,
  kTagValue,
  kFieldKey,
};

// "measurement", "tag key", "tag value", "field key".
std::string_view NameKindName(NameKind kind);

// True if `c` is an escapable character after a backslash in a `kind` name.
inline bool IsEscapable(NameKind kind, char c) {
  return c == ',' || c == ' ' || c == '\\' || (c == '=' && kind != NameKind::kMeasurement);
}

// Unescapes the raw name text [begin, end) into `out`, which must have room for
// end - begin bytes. Returns the unescaped size. A trailing lone backslash is copied.
size_t UnescapeName(NameKind kind, const char* begin, const char* end, char* out);

// Unescapes the raw text between the quotes of a string field value into `out` (room
// for end - begin bytes). Returns the unescaped size.
size_t UnescapeStringValue(const char* begin, const char* end, char* out);

// Why `name` cannot be written as a `kind` name, or an empty view if it can. Names must
// be non-empty, must not end with a backslash, must not contain a tab or newline (or,
// in a measurement, a NUL) unless it directly follows a backslash, and a measurement
// must not start with `#` (the line would be a comment).
std::string_view CheckNameEncodable(NameKind kind, std::string_view name);

// Appends `name` escaped for `kind`. REQUIRES: CheckNameEncodable(kind, name) is empty.
// The output parses back to exactly `name`.
void AppendEscapedName(NameKind kind, std::string_view name, std::string* out);

// Appends `value` as a quoted string field value (with `"` and `\` escaped).
void AppendQuotedString(std::string_view value, std::string* out);

}  // namespace quiver::lineproto
