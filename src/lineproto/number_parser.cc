#include "lineproto/number_parser.h"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <limits>
#include <system_error>

namespace quiver::lineproto {
namespace {

// SWAR: true if all 8 bytes of `chunk` are ASCII digits.
inline bool AllEightDigits(uint64_t chunk) {
  return (((chunk + 0x4646464646464646ULL) | (chunk - 0x3030303030303030ULL)) &
          0x8080808080808080ULL) == 0;
}

// SWAR: the value of 8 ASCII digits loaded little-endian (first digit in the low byte).
inline uint64_t EightDigitsValue(uint64_t chunk) {
  chunk = ((chunk & 0x0F0F0F0F0F0F0F0FULL) * 2561) >> 8;
  chunk = ((chunk & 0x00FF00FF00FF00FFULL) * 6553601) >> 16;
  return ((chunk & 0x0000FFFF0000FFFFULL) * 42949672960001ULL) >> 32;
}

inline uint64_t Load64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

// Parses n >= 1 decimal digits into a uint64.
NumberParse ParseDigits(const char* p, size_t n, uint64_t* out) {
  // Leading zeros do not count toward the 20-digit limit of uint64.
  while (n > 1 && *p == '0') {
    ++p;
    --n;
  }
  if (n > 20) {
    for (size_t i = 0; i < n; ++i) {
      if (!IsDigit(p[i])) return NumberParse::kInvalid;
    }
    return NumberParse::kOutOfRange;
  }
  uint64_t value = 0;
  size_t i = 0;
  // Up to 16 digits in SWAR steps; at most 19 digits total before the overflow check.
  while (n - i >= 8 && i + 8 <= 16) {
    uint64_t chunk = Load64(p + i);
    if (!AllEightDigits(chunk)) return NumberParse::kInvalid;
    value = value * 100000000ULL + EightDigitsValue(chunk);
    i += 8;
  }
  for (; i < n && i < 19; ++i) {
    unsigned digit = static_cast<unsigned char>(p[i] - '0');
    if (digit > 9) return NumberParse::kInvalid;
    value = value * 10 + digit;
  }
  if (i < n) {  // the 20th digit
    unsigned digit = static_cast<unsigned char>(p[i] - '0');
    if (digit > 9) return NumberParse::kInvalid;
    if (__builtin_mul_overflow(value, 10ULL, &value) ||
        __builtin_add_overflow(value, static_cast<uint64_t>(digit), &value)) {
      return NumberParse::kOutOfRange;
    }
  }
  *out = value;
  return NumberParse::kOk;
}

constexpr double kExactPowersOfTen[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                        1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                        1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

}  // namespace

NumberParse ParseInt64(std::string_view token, int64_t* out) {
  const char* p = token.data();
  size_t n = token.size();
  bool negative = n > 0 && *p == '-';
  if (negative) {
    ++p;
    --n;
  }
  if (n == 0) return NumberParse::kInvalid;
  uint64_t magnitude;
  NumberParse r = ParseDigits(p, n, &magnitude);
  if (r != NumberParse::kOk) return r;
  constexpr uint64_t kMaxPositive = static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
  if (negative) {
    if (magnitude > kMaxPositive + 1) return NumberParse::kOutOfRange;
    *out = static_cast<int64_t>(0 - magnitude);
  } else {
    if (magnitude > kMaxPositive) return NumberParse::kOutOfRange;
    *out = static_cast<int64_t>(magnitude);
  }
  return NumberParse::kOk;
}

NumberParse ParseUInt64(std::string_view token, uint64_t* out) {
  if (token.empty()) return NumberParse::kInvalid;
  return ParseDigits(token.data(), token.size(), out);
}

NumberParse ParseFloat(std::string_view token, double* out) {
  const char* p = token.data();
  const char* end = p + token.size();
  bool negative = p < end && *p == '-';
  const char* q = p + negative;
  // Integer part (required, as in InfluxDB 3: `.5` is not a number).
  const char* int_begin = q;
  uint64_t mantissa = 0;
  while (q < end && IsDigit(*q)) {
    mantissa = mantissa * 10 + static_cast<unsigned>(*q - '0');
    ++q;
  }
  size_t int_digits = static_cast<size_t>(q - int_begin);
  if (int_digits == 0) return NumberParse::kInvalid;
  size_t frac_digits = 0;
  if (q < end && *q == '.') {
    ++q;
    const char* frac_begin = q;
    while (q < end && IsDigit(*q)) {
      mantissa = mantissa * 10 + static_cast<unsigned>(*q - '0');
      ++q;
    }
    frac_digits = static_cast<size_t>(q - frac_begin);
    if (frac_digits == 0) return NumberParse::kInvalid;  // `1.` is not a number
  }
  bool has_exponent = false;
  if (q < end && (*q == 'e' || *q == 'E')) {
    ++q;
    if (q < end && (*q == '+' || *q == '-')) ++q;
    const char* exp_begin = q;
    while (q < end && IsDigit(*q)) ++q;
    if (q == exp_begin) return NumberParse::kInvalid;
    has_exponent = true;
  }
  if (q != end) return NumberParse::kInvalid;

  // Exact fast path: at most 15 significant digits (mantissa < 2^53) divided by an exact
  // power of ten is one correctly rounded IEEE operation.
  if (!has_exponent && int_digits + frac_digits <= 15) {
    double value = static_cast<double>(mantissa);
    if (frac_digits != 0) value /= kExactPowersOfTen[frac_digits];
    *out = negative ? -value : value;
    return NumberParse::kOk;
  }

  double value = 0;
  // std::from_chars does not accept a leading '+', and the grammar has none.
  auto result = std::from_chars(p, end, value, std::chars_format::general);
  if (result.ec == std::errc() && result.ptr == end) {
    *out = value;
    return NumberParse::kOk;
  }
  if (result.ec != std::errc::result_out_of_range) return NumberParse::kInvalid;
  // Out of range: either too large (an error: no Inf in line protocol) or too small,
  // which rounds to zero. Decide by the decimal exponent of the first nonzero digit.
  int64_t exponent = 0;
  const char* e = std::find_if(int_begin, end, [](char c) { return c == 'e' || c == 'E'; });
  if (e != end) {
    const char* s = e + 1;
    bool exp_negative = *s == '-';
    if (*s == '+' || *s == '-') ++s;
    for (; s < end; ++s) {
      if (exponent < 100'000'000) exponent = exponent * 10 + (*s - '0');
    }
    if (exp_negative) exponent = -exponent;
  }
  // Position of the first nonzero digit relative to the decimal point.
  int64_t magnitude = 0;
  const char* digit = int_begin;
  const char* point = std::find(int_begin, e, '.');
  for (; digit < e; ++digit) {
    if (*digit != '0' && *digit != '.') break;
  }
  if (digit == e) {  // all zeros
    *out = negative ? -0.0 : 0.0;
    return NumberParse::kOk;
  }
  magnitude = digit < point ? (point - digit) : -(digit - point - 1);
  if (magnitude + exponent <= 0) {
    *out = negative ? -0.0 : 0.0;
    return NumberParse::kOk;
  }
  return NumberParse::kOutOfRange;
}

bool ParseBoolean(std::string_view token, bool* out) {
  switch (token.size()) {
    case 1:
      if (token[0] == 't' || token[0] == 'T') {
        *out = true;
        return true;
      }
      if (token[0] == 'f' || token[0] == 'F') {
        *out = false;
        return true;
      }
      return false;
    case 4:
      if (token == "true" || token == "True" || token == "TRUE") {
        *out = true;
        return true;
      }
      return false;
    case 5:
      if (token == "false" || token == "False" || token == "FALSE") {
        *out = false;
        return true;
      }
      return false;
    default:
      return false;
  }
}

}  // namespace quiver::lineproto
