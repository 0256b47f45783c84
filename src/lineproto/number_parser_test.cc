#include "lineproto/number_parser.h"

#include <gtest/gtest.h>

#include <bit>
#include <charconv>
#include <cmath>
#include <limits>
#include <random>
#include <string>

namespace quiver::lineproto {
namespace {

int64_t Int(std::string_view s) {
  int64_t v = 0;
  EXPECT_EQ(ParseInt64(s, &v), NumberParse::kOk) << s;
  return v;
}
uint64_t UInt(std::string_view s) {
  uint64_t v = 0;
  EXPECT_EQ(ParseUInt64(s, &v), NumberParse::kOk) << s;
  return v;
}
double Float(std::string_view s) {
  double v = 0;
  EXPECT_EQ(ParseFloat(s, &v), NumberParse::kOk) << s;
  return v;
}
NumberParse IntStatus(std::string_view s) {
  int64_t v;
  return ParseInt64(s, &v);
}
NumberParse UIntStatus(std::string_view s) {
  uint64_t v;
  return ParseUInt64(s, &v);
}
NumberParse FloatStatus(std::string_view s) {
  double v;
  return ParseFloat(s, &v);
}

TEST(ParseInt64Test, Values) {
  EXPECT_EQ(Int("0"), 0);
  EXPECT_EQ(Int("-0"), 0);
  EXPECT_EQ(Int("7"), 7);
  EXPECT_EQ(Int("-7"), -7);
  EXPECT_EQ(Int("1234567890123456"), 1234567890123456);
  EXPECT_EQ(Int("12345678901234567"), 12345678901234567);
  EXPECT_EQ(Int("9223372036854775807"), std::numeric_limits<int64_t>::max());
  EXPECT_EQ(Int("-9223372036854775808"), std::numeric_limits<int64_t>::min());
  EXPECT_EQ(Int("000000000000000000000000042"), 42);
  EXPECT_EQ(Int("-0000000000000000000009223372036854775808"), std::numeric_limits<int64_t>::min());
}

TEST(ParseInt64Test, OutOfRangeByOne) {
  EXPECT_EQ(IntStatus("9223372036854775808"), NumberParse::kOutOfRange);
  EXPECT_EQ(IntStatus("-9223372036854775809"), NumberParse::kOutOfRange);
  EXPECT_EQ(IntStatus("18446744073709551616"), NumberParse::kOutOfRange);
  EXPECT_EQ(IntStatus("99999999999999999999999999999999"), NumberParse::kOutOfRange);
}

TEST(ParseInt64Test, Invalid) {
  for (std::string_view s : {"", "-", "+1", "1.0", "1e3", " 1", "1 ", "--1", "12x3", "0x10",
                             "99999999999999999999999a9", "1234567a", "123456789012345a7"}) {
    EXPECT_EQ(IntStatus(s), NumberParse::kInvalid) << s;
  }
}

TEST(ParseUInt64Test, Values) {
  EXPECT_EQ(UInt("0"), 0u);
  EXPECT_EQ(UInt("18446744073709551615"), std::numeric_limits<uint64_t>::max());
  EXPECT_EQ(UInt("0018446744073709551615"), std::numeric_limits<uint64_t>::max());
  EXPECT_EQ(UIntStatus("18446744073709551616"), NumberParse::kOutOfRange);
  EXPECT_EQ(UIntStatus("28446744073709551615"), NumberParse::kOutOfRange);
  EXPECT_EQ(UIntStatus("-1"), NumberParse::kInvalid);
  EXPECT_EQ(UIntStatus("-0"), NumberParse::kInvalid);
  EXPECT_EQ(UIntStatus(""), NumberParse::kInvalid);
}

TEST(ParseIntegerTest, MatchesReferenceOnRandomDigits) {
  std::mt19937_64 rng(7);
  for (int i = 0; i < 20000; ++i) {
    uint64_t v = rng() >> (rng() % 64);
    std::string s = std::to_string(v);
    EXPECT_EQ(UInt(s), v);
    int64_t sv = static_cast<int64_t>(rng()) >> (rng() % 64);
    EXPECT_EQ(Int(std::to_string(sv)), sv);
  }
}

TEST(ParseFloatTest, Forms) {
  EXPECT_EQ(Float("1"), 1.0);
  EXPECT_EQ(Float("-1.5"), -1.5);
  EXPECT_EQ(Float("1e6"), 1e6);
  EXPECT_EQ(Float("1E6"), 1e6);
  EXPECT_EQ(Float("2.5E-3"), 2.5e-3);
  EXPECT_EQ(Float("2.5e+3"), 2500.0);
  EXPECT_EQ(Float("-1.234456e+06"), -1.234456e+06);
  EXPECT_EQ(Float("1e-0"), 1.0);
  EXPECT_EQ(Float("0.1"), 0.1);
  EXPECT_EQ(Float("3.74"), 3.74);
  EXPECT_EQ(Float("123456789012345678901234567890"), 123456789012345678901234567890.0);
  EXPECT_EQ(Float("0.30000000000000004"), 0.30000000000000004);
}

TEST(ParseFloatTest, NegativeZero) {
  EXPECT_TRUE(std::signbit(Float("-0")));
  EXPECT_TRUE(std::signbit(Float("-0.0")));
  EXPECT_TRUE(std::signbit(Float("-0e5")));
  EXPECT_FALSE(std::signbit(Float("0")));
}

TEST(ParseFloatTest, Extremes) {
  EXPECT_EQ(Float("1.7976931348623157e308"), std::numeric_limits<double>::max());
  EXPECT_EQ(Float("-1.7976931348623157e308"), -std::numeric_limits<double>::max());
  EXPECT_EQ(Float("2.2250738585072014e-308"), std::numeric_limits<double>::min());
  EXPECT_EQ(Float("4.9406564584124654e-324"), std::numeric_limits<double>::denorm_min());
  EXPECT_EQ(Float("5e-324"), std::numeric_limits<double>::denorm_min());
  EXPECT_EQ(Float("1e-310"), 1e-310);  // subnormal
  // Too large for a double: rejected (line protocol has no Inf).
  EXPECT_EQ(FloatStatus("1.7976931348623159e308"), NumberParse::kOutOfRange);
  EXPECT_EQ(FloatStatus("1e309"), NumberParse::kOutOfRange);
  EXPECT_EQ(FloatStatus("-1e400"), NumberParse::kOutOfRange);
  EXPECT_EQ(FloatStatus(std::string(400, '9')), NumberParse::kOutOfRange);
  // Too small: rounds to zero, as InfluxDB 3 does.
  EXPECT_EQ(Float("1e-400"), 0.0);
  EXPECT_TRUE(std::signbit(Float("-1e-400")));
  EXPECT_EQ(Float("2.4e-324"), 0.0);
  EXPECT_EQ(Float("0.000001e-330"), 0.0);
  EXPECT_EQ(Float("0e999999999999"), 0.0);
}

TEST(ParseFloatTest, Invalid) {
  for (std::string_view s : {"",         "-",     ".5",    "-.5",   "1.",  "1.e5", "1e",  "1e+",
                             "1E-",      "+1",    "1.2.3", "1..2",  "NaN", "nan",  "inf", "-inf",
                             "Infinity", "0x1p3", "1e5.5", "1_000", " 1",  "1f",   "e5"}) {
    EXPECT_EQ(FloatStatus(s), NumberParse::kInvalid) << s;
  }
}

TEST(ParseFloatTest, MatchesFromCharsOnRandomDoubles) {
  std::mt19937_64 rng(11);
  for (int i = 0; i < 20000; ++i) {
    double d = std::bit_cast<double>(rng());
    if (!std::isfinite(d)) continue;
    char buf[64];
    auto r = std::to_chars(buf, buf + sizeof(buf), d, std::chars_format::scientific);
    std::string text(buf, r.ptr);
    double parsed = Float(text);
    EXPECT_EQ(std::bit_cast<uint64_t>(parsed), std::bit_cast<uint64_t>(d)) << text;
    r = std::to_chars(buf, buf + sizeof(buf), d);
    text.assign(buf, r.ptr);
    parsed = Float(text);
    EXPECT_EQ(std::bit_cast<uint64_t>(parsed), std::bit_cast<uint64_t>(d)) << text;
  }
  // Short decimals (the fast path) against from_chars.
  for (int i = 0; i < 20000; ++i) {
    std::string text = std::to_string(rng() % 100000000) + "." + std::to_string(rng() % 10000000);
    double expected;
    std::from_chars(text.data(), text.data() + text.size(), expected);
    EXPECT_EQ(Float(text), expected) << text;
  }
}

TEST(ParseBooleanTest, AllSpellings) {
  for (std::string_view s : {"t", "T", "true", "True", "TRUE"}) {
    bool b = false;
    EXPECT_TRUE(ParseBoolean(s, &b)) << s;
    EXPECT_TRUE(b);
  }
  for (std::string_view s : {"f", "F", "false", "False", "FALSE"}) {
    bool b = true;
    EXPECT_TRUE(ParseBoolean(s, &b)) << s;
    EXPECT_FALSE(b);
  }
  for (std::string_view s : {"", "tRUE", "yes", "1", "tru", "truee", "fals", "FaLsE", "\"true\""}) {
    bool b;
    EXPECT_FALSE(ParseBoolean(s, &b)) << s;
  }
}

}  // namespace
}  // namespace quiver::lineproto
