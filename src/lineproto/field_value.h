#pragma once

#include <cstdint>
#include <string_view>

namespace quiver::lineproto {

// The five field value types of line protocol. Line protocol has its own small enum so
// that this module does not depend on types/; the catalog maps it to column types.
enum class FieldKind : uint8_t {
  kFloat,     // bare number: 1, -1.5, 1e6
  kInteger,   // 42i (int64)
  kUInteger,  // 42u (uint64)
  kString,    // "text"
  kBoolean,   // t, true, F, ...
};

// "float", "integer", "uinteger", "string", "boolean".
std::string_view FieldKindName(FieldKind kind);

// A typed field value. `string_value` is used only for kString; it views either the
// request body or the parser's scratch arena (see LineProtocolParser for lifetimes).
struct FieldValue {
  FieldKind kind = FieldKind::kFloat;
  union {
    double float_value;
    int64_t integer_value;
    uint64_t uinteger_value;
    bool boolean_value;
  };
  std::string_view string_value;

  FieldValue() : float_value(0) {}

  static FieldValue Float(double v) {
    FieldValue f;
    f.kind = FieldKind::kFloat;
    f.float_value = v;
    return f;
  }
  static FieldValue Integer(int64_t v) {
    FieldValue f;
    f.kind = FieldKind::kInteger;
    f.integer_value = v;
    return f;
  }
  static FieldValue UInteger(uint64_t v) {
    FieldValue f;
    f.kind = FieldKind::kUInteger;
    f.uinteger_value = v;
    return f;
  }
  static FieldValue String(std::string_view v) {
    FieldValue f;
    f.kind = FieldKind::kString;
    f.integer_value = 0;
    f.string_value = v;
    return f;
  }
  static FieldValue Boolean(bool v) {
    FieldValue f;
    f.kind = FieldKind::kBoolean;
    f.integer_value = 0;
    f.boolean_value = v;
    return f;
  }
};

// Same kind and same value. Floats compare bit-for-bit (so -0.0 != 0.0), which is what
// round-trip tests need; NaN never occurs in parsed line protocol.
bool operator==(const FieldValue& a, const FieldValue& b);

}  // namespace quiver::lineproto
