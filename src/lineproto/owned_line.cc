#include "lineproto/owned_line.h"

#include <bit>

#include "lineproto/line_parser.h"

namespace quiver::lineproto {

FieldValue OwnedField::value() const {
  switch (kind) {
    case FieldKind::kFloat:
      return FieldValue::Float(float_value);
    case FieldKind::kInteger:
      return FieldValue::Integer(integer_value);
    case FieldKind::kUInteger:
      return FieldValue::UInteger(uinteger_value);
    case FieldKind::kString:
      return FieldValue::String(string_value);
    case FieldKind::kBoolean:
      return FieldValue::Boolean(boolean_value);
  }
  return FieldValue();
}

bool OwnedField::operator==(const OwnedField& other) const {
  return key == other.key && value() == other.value();
}

OwnedLine OwnedLine::From(const ParsedLine& line) {
  OwnedLine out;
  out.measurement = std::string(line.measurement);
  for (const auto& tag : line.tags) out.tags.emplace_back(tag.key, tag.value);
  for (const auto& field : line.fields) {
    OwnedField f;
    f.key = std::string(field.key);
    f.kind = field.value.kind;
    switch (f.kind) {
      case FieldKind::kFloat:
        f.float_value = field.value.float_value;
        break;
      case FieldKind::kInteger:
        f.integer_value = field.value.integer_value;
        break;
      case FieldKind::kUInteger:
        f.uinteger_value = field.value.uinteger_value;
        break;
      case FieldKind::kString:
        f.string_value = std::string(field.value.string_value);
        break;
      case FieldKind::kBoolean:
        f.boolean_value = field.value.boolean_value;
        break;
    }
    out.fields.push_back(std::move(f));
  }
  out.timestamp = line.timestamp;
  out.has_timestamp = line.has_timestamp;
  out.line_number = line.line_number;
  return out;
}

bool OwnedLine::SameContent(const OwnedLine& other) const {
  return measurement == other.measurement && tags == other.tags && fields == other.fields &&
         timestamp == other.timestamp && has_timestamp == other.has_timestamp;
}

ParsedBody ParseAll(std::string_view body, const ParseOptions& options) {
  ParsedBody out;
  LineProtocolParser parser(options);
  parser.Reset(body);
  while (parser.Next()) {
    if (parser.ok()) {
      out.lines.push_back(OwnedLine::From(parser.line()));
    } else {
      const ParseError& e = parser.error();
      out.errors.push_back(OwnedParseError{e.line_number, e.physical_line_number, e.column,
                                           e.message, std::string(e.original_line)});
    }
  }
  return out;
}

}  // namespace quiver::lineproto
