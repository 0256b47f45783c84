#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace quiver::lineproto {

// Exact parsers for the numeric and boolean tokens of line protocol. They take the token
// without its type suffix (`12` for `12i`) and never allocate. Thread-safe (pure).

enum class NumberParse : uint8_t {
  kOk,
  kInvalid,     // the text does not match the grammar
  kOutOfRange,  // grammatical, but the value does not fit the type
};

// `-?[0-9]+` into int64 (leading zeros allowed, -9223372036854775808 accepted).
NumberParse ParseInt64(std::string_view token, int64_t* out);

// `[0-9]+` into uint64.
NumberParse ParseUInt64(std::string_view token, uint64_t* out);

// `-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?` into the nearest double (correctly rounded,
// via std::from_chars, with an exact fast path for short values). Values too large for
// a double are kOutOfRange (NaN and Inf can never result); values too small become ±0.
NumberParse ParseFloat(std::string_view token, double* out);

// t T true True TRUE / f F false False FALSE. Anything else is false returned.
bool ParseBoolean(std::string_view token, bool* out);

// True if `c` is an ASCII digit.
inline bool IsDigit(char c) { return static_cast<unsigned char>(c - '0') < 10; }

// ParseInt64 with the short case (up to 18 digits, no overflow possible) inlined for
// the parser's hot loop.
inline NumberParse ParseInt64Inline(std::string_view token, int64_t* out) {
  const char* p = token.data();
  size_t n = token.size();
  const bool negative = n > 0 && *p == '-';
  p += negative;
  n -= negative;
  if (n == 0 || n > 18) return ParseInt64(token, out);
  uint64_t value = 0;
  for (size_t i = 0; i < n; ++i) {
    unsigned digit = static_cast<unsigned char>(p[i] - '0');
    if (digit > 9) return NumberParse::kInvalid;
    value = value * 10 + digit;
  }
  *out = negative ? -static_cast<int64_t>(value) : static_cast<int64_t>(value);
  return NumberParse::kOk;
}

}  // namespace quiver::lineproto
