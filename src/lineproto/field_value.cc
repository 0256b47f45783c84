#include "lineproto/field_value.h"

#include <bit>

namespace quiver::lineproto {

std::string_view FieldKindName(FieldKind kind) {
  switch (kind) {
    case FieldKind::kFloat:
      return "float";
    case FieldKind::kInteger:
      return "integer";
    case FieldKind::kUInteger:
      return "uinteger";
    case FieldKind::kString:
      return "string";
    case FieldKind::kBoolean:
      return "boolean";
  }
  return "unknown";
}

bool operator==(const FieldValue& a, const FieldValue& b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case FieldKind::kFloat:
      return std::bit_cast<uint64_t>(a.float_value) == std::bit_cast<uint64_t>(b.float_value);
    case FieldKind::kInteger:
      return a.integer_value == b.integer_value;
    case FieldKind::kUInteger:
      return a.uinteger_value == b.uinteger_value;
    case FieldKind::kString:
      return a.string_value == b.string_value;
    case FieldKind::kBoolean:
      return a.boolean_value == b.boolean_value;
  }
  return false;
}

}  // namespace quiver::lineproto
