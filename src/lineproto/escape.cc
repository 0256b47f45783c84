#include "lineproto/escape.h"

namespace quiver::lineproto {
namespace {

// Characters that end a name and cannot be escaped: they can appear in a name only as
// the character after a literal backslash (an "unknown escape", kept as two bytes).
inline bool IsHardDelimiter(NameKind kind, char c) {
  return c == '\t' || c == '\n' || (c == '\0' && kind == NameKind::kMeasurement);
}

}  // namespace

std::string_view NameKindName(NameKind kind) {
  switch (kind) {
    case NameKind::kMeasurement:
      return "measurement";
    case NameKind::kTagKey:
      return "tag key";
    case NameKind::kTagValue:
      return "tag value";
    case NameKind::kFieldKey:
      return "field key";
  }
  return "name";
}

size_t UnescapeName(NameKind kind, const char* begin, const char* end, char* out) {
  char* o = out;
  const char* p = begin;
  while (p < end) {
    char c = *p++;
    if (c == '\\' && p < end) {
      char next = *p++;
      if (!IsEscapable(kind, next)) *o++ = '\\';
      *o++ = next;
    } else {
      *o++ = c;
    }
  }
  return static_cast<size_t>(o - out);
}

size_t UnescapeStringValue(const char* begin, const char* end, char* out) {
  char* o = out;
  const char* p = begin;
  while (p < end) {
    char c = *p++;
    if (c == '\\' && p < end && (*p == '"' || *p == '\\')) {
      *o++ = *p++;
    } else {
      *o++ = c;
    }
  }
  return static_cast<size_t>(o - out);
}

std::string_view CheckNameEncodable(NameKind kind, std::string_view name) {
  if (name.empty()) {
    switch (kind) {
      case NameKind::kMeasurement:
        return "measurement must not be empty";
      case NameKind::kTagKey:
        return "tag key must not be empty";
      case NameKind::kTagValue:
        return "tag value must not be empty";
      case NameKind::kFieldKey:
        return "field key must not be empty";
    }
  }
  if (name.back() == '\\') {
    return "Measurements, tag keys and values, and field keys may not end with a backslash";
  }
  if (kind == NameKind::kMeasurement && name.front() == '#') {
    return "a measurement must not start with '#' (the line would be a comment)";
  }
  for (size_t i = 0; i < name.size(); ++i) {
    // After a literal backslash any character is written raw (an unknown escape).
    if (IsHardDelimiter(kind, name[i]) && (i == 0 || name[i - 1] != '\\')) {
      return kind == NameKind::kMeasurement
                 ? "a measurement must not contain a tab, newline or NUL character"
                 : "a name must not contain a tab or newline character";
    }
  }
  return {};
}

void AppendEscapedName(NameKind kind, std::string_view name, std::string* out) {
  out->reserve(out->size() + name.size() + 8);
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (c == '\\') {
      if (i + 1 < name.size() && IsHardDelimiter(kind, name[i + 1])) {
        // `\<tab>` is an unknown escape: both bytes are kept by the parser.
        out->push_back('\\');
        out->push_back(name[++i]);
      } else {
        out->append("\\\\");
      }
    } else if (IsEscapable(kind, c)) {
      out->push_back('\\');
      out->push_back(c);
    } else {
      out->push_back(c);
    }
  }
}

void AppendQuotedString(std::string_view value, std::string* out) {
  out->reserve(out->size() + value.size() + 2);
  out->push_back('"');
  for (char c : value) {
    if (c == '"' || c == '\\') out->push_back('\\');
    out->push_back(c);
  }
  out->push_back('"');
}

}  // namespace quiver::lineproto
