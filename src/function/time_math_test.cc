// Math functions, time functions, date_bin and date/time arithmetic.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "function/fast_divide_internal.h"
#include "function/test_arrays_internal.h"

namespace quiver {
namespace {

using namespace function_test;  // NOLINT(google-build-using-namespace)

Datum S(std::string s) { return Datum(Scalar::Utf8(std::move(s))); }
Datum I(int64_t v) { return Datum(Scalar::Int64(v)); }
Datum F(double v) { return Datum(Scalar::Float64(v)); }
Datum TsD(std::string_view text) { return Datum(TsScalar(text)); }
Datum Iv(int32_t months, int32_t days, int64_t nanos) {
  return Datum(IntervalScalar(months, days, nanos));
}

// ---- math ------------------------------------------------------------------------------------

TEST(MathTest, RoundingAndSigns) {
  Array f = Float64s({-2.5, -0.4, 0.5, 2.5, std::nullopt});
  EXPECT_CALL_EQ(Float64s({-3, -0.0, 1, 3, std::nullopt}), "round", {f});
  EXPECT_CALL_EQ(Float64s({-2, -0.0, 1, 3, std::nullopt}), "ceil", {f});
  EXPECT_CALL_EQ(Float64s({-3, -1, 0, 2, std::nullopt}), "floor", {f});
  EXPECT_CALL_EQ(Float64s({-2, -0.0, 0, 2, std::nullopt}), "trunc", {f});
  EXPECT_CALL_EQ(Float64s({-1, -1, 1, 1, std::nullopt}), "signum", {f});
  EXPECT_CALL_EQ(Float64s({0}), "sign", {Float64s({0})});
  EXPECT_CALL_EQ(Float64s({3.14, 2.72}), "round", {Float64s({3.14159, 2.71828}), I(2)});
  EXPECT_CALL_EQ(Float64s({1200}), "round", {Float64s({1234.5}), I(-2)});
  EXPECT_CALL_EQ(Float64s({3.14}), "trunc", {Float64s({3.14159}), I(2)});
  // Integers widen to Float64 (DataFusion), except abs.
  EXPECT_CALL_EQ(Float64s({5}), "ceil", {Int64s({5})});
  EXPECT_CALL_EQ(Int64s({5, 0, std::nullopt}), "abs", {Int64s({-5, 0, std::nullopt})});
  EXPECT_CALL_EQ(Float64s({1.5}), "abs", {Float64s({-1.5})});
  EXPECT_CALL_EQ(UInt64s({7}), "abs", {UInt64s({7})});
  EXPECT_CALL_FAILS("Int64 overflow", "abs", {Int64s({INT64_MIN})});
}

TEST(MathTest, Transcendental) {
  auto near = [](const Datum& d, std::vector<double> expected) {
    ASSERT_TRUE(d.is_array());
    ASSERT_EQ(d.array().length(), static_cast<int64_t>(expected.size()));
    for (size_t i = 0; i < expected.size(); ++i) {
      double v = ValuesOf<double>(d.array())[i];
      if (std::isnan(expected[i])) {
        EXPECT_TRUE(std::isnan(v)) << i;
      } else if (std::isinf(expected[i])) {
        EXPECT_EQ(v, expected[i]) << i;
      } else {
        EXPECT_NEAR(v, expected[i], 1e-12 * std::max(1.0, std::fabs(expected[i]))) << i;
      }
    }
  };
  ASSERT_OK_AND_ASSIGN(Datum d, Call("sqrt", {Float64s({4, 2, -1})}));
  near(d, {2, std::sqrt(2.0), NAN});
  ASSERT_OK_AND_ASSIGN(d, Call("cbrt", {Int64s({27, -8})}));
  near(d, {3, -2});
  ASSERT_OK_AND_ASSIGN(d, Call("ln", {Float64s({M_E, 1, 0})}));
  near(d, {1, 0, -INFINITY});
  ASSERT_OK_AND_ASSIGN(d, Call("log", {Float64s({100, 1000})}));
  near(d, {2, 3});
  ASSERT_OK_AND_ASSIGN(d, Call("log", {F(2), Float64s({8, 1024})}));
  near(d, {3, 10});
  ASSERT_OK_AND_ASSIGN(d, Call("log2", {Float64s({8})}));
  near(d, {3});
  ASSERT_OK_AND_ASSIGN(d, Call("log10", {Float64s({0.001})}));
  near(d, {-3});
  ASSERT_OK_AND_ASSIGN(d, Call("exp", {Float64s({0, 1})}));
  near(d, {1, M_E});
  ASSERT_OK_AND_ASSIGN(d, Call("power", {Float64s({2, 9}), F(0.5)}));
  near(d, {std::sqrt(2.0), 3});
  ASSERT_OK_AND_ASSIGN(d, Call("sin", {Float64s({0, M_PI / 2})}));
  near(d, {0, 1});
  ASSERT_OK_AND_ASSIGN(d, Call("cos", {Float64s({0})}));
  near(d, {1});
  ASSERT_OK_AND_ASSIGN(d, Call("tan", {Float64s({M_PI / 4})}));
  near(d, {1});
  ASSERT_OK_AND_ASSIGN(d, Call("asin", {Float64s({1})}));
  near(d, {M_PI / 2});
  ASSERT_OK_AND_ASSIGN(d, Call("acos", {Float64s({1})}));
  near(d, {0});
  ASSERT_OK_AND_ASSIGN(d, Call("atan", {Float64s({1})}));
  near(d, {M_PI / 4});
  ASSERT_OK_AND_ASSIGN(d, Call("atan2", {Float64s({1}), Float64s({1})}));
  near(d, {M_PI / 4});
  ASSERT_OK_AND_ASSIGN(d, Call("degrees", {Float64s({M_PI})}));
  near(d, {180});
  ASSERT_OK_AND_ASSIGN(d, Call("radians", {Float64s({180})}));
  near(d, {M_PI});
  EXPECT_CALL_EQ(Scalar::Float64(M_PI), "pi", {});
  EXPECT_CALL_EQ(Bools({true, false, std::nullopt}), "isnan", {Float64s({NAN, 1, std::nullopt})});
}

TEST(MathTest, IntegerPower) {
  EXPECT_CALL_EQ(Int64s({1024, 1, std::nullopt}), "power",
                 {Int64s({2, 5, std::nullopt}), Int64s({10, 0, 1})});
  EXPECT_CALL_EQ(Int64s({-27}), "pow", {Int64s({-3}), I(3)});
  EXPECT_CALL_FAILS("Int64 overflow", "power", {Int64s({2}), I(64)});
  EXPECT_CALL_FAILS("negative exponent", "power", {Int64s({2}), I(-1)});
  EXPECT_CALL_EQ(Float64s({0.5}), "power", {Float64s({2}), I(-1)});
}

// ---- date_bin --------------------------------------------------------------------------------

TEST(DateBinTest, NanosecondStrides) {
  Array ts = Timestamps({Ts("2024-06-01T12:00:00Z"), Ts("2024-06-01T12:00:59.999999999Z"),
                         Ts("2024-06-01T12:01:00Z"), std::nullopt, Ts("1969-12-31T23:59:30Z")});
  EXPECT_CALL_EQ(Timestamps({Ts("2024-06-01T12:00:00Z"), Ts("2024-06-01T12:00:00Z"),
                             Ts("2024-06-01T12:01:00Z"), std::nullopt, Ts("1969-12-31T23:59:00Z")}),
                 "date_bin", {Iv(0, 0, kNanosPerMinute), ts});
  // Origin shifts the grid; sources before the origin fall in earlier bins.
  EXPECT_CALL_EQ(Timestamps({Ts("2024-06-01T11:45:00Z"), Ts("2024-06-01T11:45:00Z"),
                             Ts("2024-06-01T11:45:00Z"), std::nullopt, Ts("1969-12-31T23:45:00Z")}),
                 "date_bin", {Iv(0, 0, 30 * kNanosPerMinute), ts, TsD("2001-01-01T00:15:00Z")});
  // '1 day' is 24 hours; a string stride is parsed.
  EXPECT_CALL_EQ(Timestamps({Ts("2024-06-01T00:00:00Z")}), "date_bin",
                 {S("1 day"), Timestamps({Ts("2024-06-01T23:00:00Z")})});
  EXPECT_CALL_EQ(TsScalar("2024-06-01T12:00:00Z"), "date_bin",
                 {Iv(0, 0, kNanosPerHour), TsD("2024-06-01T12:34:56Z")});
  EXPECT_CALL_EQ(
      Timestamps({Ts("2024-06-01T12:30:00Z")}), "date_bin",
      {Datum(Scalar::Duration(15 * kNanosPerMinute)), Timestamps({Ts("2024-06-01T12:34:00Z")})});
  EXPECT_CALL_FAILS("stride must be positive", "date_bin", {Iv(0, 0, 0), ts});
  EXPECT_CALL_FAILS("stride must be positive", "date_bin", {Iv(0, 0, -5), ts});
  EXPECT_CALL_FAILS("combination of month, day and nanosecond", "date_bin", {Iv(1, 1, 0), ts});
  EXPECT_CALL_FAILS("constant stride", "date_bin",
                    {Intervals({MonthDayNano{0, 0, 1}}), ts.Slice(0, 1)});
  // Time zones pass through.
  EXPECT_CALL_EQ(Timestamps({Ts("2024-06-01T12:00:00Z")}, "UTC"), "date_bin",
                 {Iv(0, 0, kNanosPerHour), Timestamps({Ts("2024-06-01T12:10:00Z")}, "UTC")});
}

TEST(DateBinTest, MonthStrides) {
  Array ts = Timestamps({Ts("2024-01-31T10:00:00Z"), Ts("2024-02-29T00:00:00Z"),
                         Ts("2024-12-15T00:00:00Z"), Ts("1969-11-20T00:00:00Z")});
  EXPECT_CALL_EQ(Timestamps({Ts("2024-01-01T00:00:00Z"), Ts("2024-02-01T00:00:00Z"),
                             Ts("2024-12-01T00:00:00Z"), Ts("1969-11-01T00:00:00Z")}),
                 "date_bin", {Iv(1, 0, 0), ts});
  EXPECT_CALL_EQ(Timestamps({Ts("2024-01-01T00:00:00Z"), Ts("2024-01-01T00:00:00Z"),
                             Ts("2024-10-01T00:00:00Z"), Ts("1969-10-01T00:00:00Z")}),
                 "date_bin", {Iv(3, 0, 0), ts});
  // An origin in the middle of a month: bins start on the 15th; earlier days fall back.
  EXPECT_CALL_EQ(Timestamps({Ts("2024-01-15T00:00:00Z"), Ts("2024-02-15T00:00:00Z"),
                             Ts("2024-12-15T00:00:00Z")}),
                 "date_bin", {Iv(1, 0, 0), ts.Slice(0, 3), TsD("2000-01-15T00:00:00Z")});
  EXPECT_CALL_EQ(Timestamps({Ts("2024-01-01T00:00:00Z")}), "date_bin",
                 {Iv(12, 0, 0), Timestamps({Ts("2024-07-04T00:00:00Z")})});
}

// date_bin's fast path (cached bin + multiply-shift division) against a plain reference.
TEST(DateBinTest, RandomAgainstReference) {
  std::mt19937_64 rng(1);
  for (int64_t stride : {int64_t{1}, int64_t{7}, kNanosPerSecond, 10 * kNanosPerSecond,
                         kNanosPerMinute, 3 * kNanosPerHour, kNanosPerDay, int64_t{123456789}}) {
    for (int64_t origin : {int64_t{0}, int64_t{-5}, Ts("2024-01-01T00:00:07Z")}) {
      Opt<int64_t> values;
      int64_t t = Ts("2023-12-31T23:00:00Z");
      for (int i = 0; i < 3000; ++i) {
        t += static_cast<int64_t>(rng() % (2 * kNanosPerSecond));
        values.push_back(rng() % 5 == 0 ? static_cast<int64_t>(rng() >> 2) - (int64_t{1} << 61)
                                        : t);
      }
      Array ts = Timestamps(values);
      ASSERT_OK_AND_ASSIGN(
          Datum out, Call("date_bin", {Iv(0, 0, stride), ts, Datum(Scalar::Timestamp(origin))}));
      for (size_t i = 0; i < values.size(); ++i) {
        __int128 diff = static_cast<__int128>(*values[i]) - origin;
        __int128 q = diff / stride;
        if (diff % stride != 0 && diff < 0) --q;
        __int128 expected = origin + q * stride;
        if (expected < INT64_MIN || expected > INT64_MAX) continue;
        ASSERT_EQ(ValuesOf<int64_t>(out.array())[i], static_cast<int64_t>(expected))
            << stride << " " << *values[i];
      }
    }
  }
}

TEST(FloorDividerTest, MatchesHardwareDivision) {
  std::mt19937_64 rng(3);
  for (int64_t d : {int64_t{1}, int64_t{2}, int64_t{3}, int64_t{7}, int64_t{1000}, kNanosPerSecond,
                    kNanosPerDay, INT64_MAX, int64_t{1} << 62, (int64_t{1} << 40) + 1}) {
    function_internal::FloorDivider divider(d);
    for (int i = 0; i < 20000; ++i) {
      int64_t n = static_cast<int64_t>(rng());
      if (i < 10)
        n = std::vector<int64_t>{
            0, 1, -1, INT64_MAX, INT64_MIN, d, -d, d - 1, 1 - d, INT64_MIN + 1}[i];
      int64_t q = n / d;
      if (n % d != 0 && n < 0) --q;
      ASSERT_EQ(divider.Quotient(n), q) << n << " / " << d;
    }
  }
}

// ---- date_trunc / date_part ---------------------------------------------------------------

TEST(TimeFunctionsTest, DateTrunc) {
  Array ts = Timestamps(
      {Ts("2024-05-16T13:47:31.123456789Z"), std::nullopt, Ts("1969-12-31T23:59:59.5Z")});
  auto expect = [&](const char* unit, std::vector<std::optional<std::string>> want) {
    Opt<int64_t> values;
    for (auto& w : want) values.push_back(w ? std::optional<int64_t>(Ts(*w)) : std::nullopt);
    EXPECT_CALL_EQ(Timestamps(values), "date_trunc", {S(unit), ts});
  };
  expect("microsecond", {"2024-05-16T13:47:31.123456Z", std::nullopt, "1969-12-31T23:59:59.5Z"});
  expect("millisecond", {"2024-05-16T13:47:31.123Z", std::nullopt, "1969-12-31T23:59:59.5Z"});
  expect("second", {"2024-05-16T13:47:31Z", std::nullopt, "1969-12-31T23:59:59Z"});
  expect("minute", {"2024-05-16T13:47:00Z", std::nullopt, "1969-12-31T23:59:00Z"});
  expect("HOUR", {"2024-05-16T13:00:00Z", std::nullopt, "1969-12-31T23:00:00Z"});
  expect("day", {"2024-05-16T00:00:00Z", std::nullopt, "1969-12-31T00:00:00Z"});
  expect("week", {"2024-05-13T00:00:00Z", std::nullopt, "1969-12-29T00:00:00Z"});  // Mondays
  expect("month", {"2024-05-01T00:00:00Z", std::nullopt, "1969-12-01T00:00:00Z"});
  expect("quarter", {"2024-04-01T00:00:00Z", std::nullopt, "1969-10-01T00:00:00Z"});
  expect("year", {"2024-01-01T00:00:00Z", std::nullopt, "1969-01-01T00:00:00Z"});
  EXPECT_CALL_FAILS("not supported", "date_trunc", {S("fortnight"), ts});
  EXPECT_CALL_FAILS("constant", "date_trunc", {Strings({"day", "day", "day"}), ts});
}

TEST(TimeFunctionsTest, DatePart) {
  Array ts =
      Timestamps({Ts("2024-05-16T13:47:31.123456789Z"), std::nullopt, Ts("2021-01-03T00:00:00Z")});
  EXPECT_CALL_EQ(Int32s({2024, std::nullopt, 2021}), "date_part", {S("year"), ts});
  EXPECT_CALL_EQ(Int32s({2, std::nullopt, 1}), "date_part", {S("quarter"), ts});
  EXPECT_CALL_EQ(Int32s({5, std::nullopt, 1}), "date_part", {S("month"), ts});
  EXPECT_CALL_EQ(Int32s({20, std::nullopt, 53}), "date_part",
                 {S("week"), ts});  // ISO: Jan 3 2021 is week 53 of 2020
  EXPECT_CALL_EQ(Int32s({16, std::nullopt, 3}), "date_part", {S("day"), ts});
  EXPECT_CALL_EQ(Int32s({13, std::nullopt, 0}), "date_part", {S("hour"), ts});
  EXPECT_CALL_EQ(Int32s({47, std::nullopt, 0}), "extract", {S("minute"), ts});
  EXPECT_CALL_EQ(Int32s({31, std::nullopt, 0}), "date_part", {S("second"), ts});
  EXPECT_CALL_EQ(Int32s({31123, std::nullopt, 0}), "date_part", {S("millisecond"), ts});
  EXPECT_CALL_EQ(Int32s({31123456, std::nullopt, 0}), "date_part", {S("microsecond"), ts});
  EXPECT_CALL_EQ(Int64s({31123456789, std::nullopt, 0}), "date_part", {S("nanosecond"), ts});
  EXPECT_CALL_EQ(Int32s({4, std::nullopt, 0}), "date_part", {S("dow"), ts});  // Thursday, Sunday
  EXPECT_CALL_EQ(Int32s({4, std::nullopt, 7}), "date_part", {S("isodow"), ts});
  EXPECT_CALL_EQ(Int32s({137, std::nullopt, 3}), "date_part", {S("doy"), ts});
  EXPECT_CALL_EQ(Float64s({static_cast<double>(Ts("2024-05-16T13:47:31.123456789Z")) / 1e9,
                           std::nullopt, 1609632000}),
                 "date_part", {S("epoch"), ts});
  EXPECT_CALL_EQ(Scalar::Int32(1969), "date_part", {S("'year'"), TsD("1969-12-31T23:59:59Z")});
  EXPECT_CALL_EQ(Int32s({1}), "date_part",
                 {S("week"), Timestamps({Ts("2024-12-30T00:00:00Z")})});  // ISO week 1 of 2025
}

TEST(TimeFunctionsTest, NowAndConversions) {
  EXPECT_CALL_EQ(TsScalar("2024-06-01T12:00:00Z"), "now", {});
  EXPECT_CALL_EQ(TsScalar("2024-06-01T12:00:00Z"), "current_timestamp", {});
  EXPECT_CALL_EQ(Scalar::Int32(19875).WithType(DataType::Date32()), "current_date", {});
  EXPECT_CALL_EQ(Timestamps({Ts("2024-06-01T12:00:00Z"), Ts("2024-06-01T12:00:00Z"), std::nullopt}),
                 "to_timestamp",
                 {Strings({"2024-06-01T12:00:00Z", "2024-06-01 12:00:00", std::nullopt})});
  EXPECT_CALL_FAILS("'June 1st'", "to_timestamp", {Strings({"June 1st"})});
  EXPECT_CALL_EQ(Timestamps({kNanosPerSecond * 1717243200, 0}), "to_timestamp",
                 {Int64s({1717243200, 0})});
  EXPECT_CALL_EQ(Timestamps({1'500'000'000}), "to_timestamp", {Float64s({1.5})});
  EXPECT_CALL_FAILS("out of range", "to_timestamp", {Int64s({INT64_MAX / 10})});
  EXPECT_CALL_EQ(FixedArray<int64_t>({1717243200}, DataType::Timestamp(TimeUnit::kSecond)),
                 "to_timestamp_seconds", {Strings({"2024-06-01T12:00:00.9Z"})});
  EXPECT_CALL_EQ(FixedArray<int64_t>({1717243200123}, DataType::Timestamp(TimeUnit::kMilli)),
                 "to_timestamp_millis", {Int64s({1717243200123})});
  EXPECT_CALL_EQ(FixedArray<int64_t>({7}, DataType::Timestamp(TimeUnit::kMicro)),
                 "to_timestamp_micros", {Int64s({7})});
  EXPECT_CALL_EQ(Timestamps({7}), "to_timestamp_nanos", {Int64s({7})});
  EXPECT_CALL_EQ(FixedArray<int64_t>({1}, DataType::Timestamp(TimeUnit::kSecond)),
                 "to_timestamp_seconds", {Timestamps({1'999'999'999})});
  EXPECT_CALL_EQ(FixedArray<int64_t>({60}, DataType::Timestamp(TimeUnit::kSecond)), "from_unixtime",
                 {Int64s({60})});
  EXPECT_CALL_EQ(Int64s({1717243200, -1}), "to_unixtime",
                 {Timestamps({Ts("2024-06-01T12:00:00Z"), -1})});
  EXPECT_CALL_EQ(Date32s({19875, std::nullopt}), "make_date",
                 {Int64s({2024, 2024}), I(6), Int64s({1, std::nullopt})});
  EXPECT_CALL_FAILS("unable to parse date", "make_date", {I(2023), I(2), I(29)});
}

// ---- temporal arithmetic ---------------------------------------------------------------

TEST(TemporalArithmeticTest, TimestampPlusInterval) {
  Array ts = Timestamps({Ts("2024-01-31T10:00:00Z"), Ts("2024-02-29T23:30:00Z"), std::nullopt});
  EXPECT_CALL_EQ(Timestamps({Ts("2024-02-29T10:00:00Z"), Ts("2024-03-29T23:30:00Z"), std::nullopt}),
                 "add", {ts, Iv(1, 0, 0)});
  EXPECT_CALL_EQ(Timestamps({Ts("2025-01-31T10:00:00Z"), Ts("2025-02-28T23:30:00Z"), std::nullopt}),
                 "add", {ts, Iv(12, 0, 0)});
  EXPECT_CALL_EQ(Timestamps({Ts("2024-02-01T11:00:00Z"), Ts("2024-03-02T00:30:00Z"), std::nullopt}),
                 "add", {ts, Iv(0, 1, kNanosPerHour)});
  EXPECT_CALL_EQ(Timestamps({Ts("2023-12-31T10:00:00Z"), Ts("2024-01-29T23:30:00Z"), std::nullopt}),
                 "subtract", {ts, Iv(1, 0, 0)});
  EXPECT_CALL_EQ(Timestamps({Ts("2024-01-31T09:00:00Z"), Ts("2024-02-29T22:30:00Z"), std::nullopt}),
                 "subtract", {ts, S("1 hour")});
  EXPECT_CALL_EQ(Timestamps({Ts("2024-02-29T10:00:00Z"), Ts("2024-03-29T23:30:00Z"), std::nullopt}),
                 "add", {Iv(1, 0, 0), ts});
  // Per-row intervals.
  EXPECT_CALL_EQ(
      Timestamps({Ts("2024-02-29T10:00:00Z"), Ts("2024-03-01T23:30:00Z"), std::nullopt}), "add",
      {ts, Intervals({MonthDayNano{1, 0, 0}, MonthDayNano{0, 1, 0}, MonthDayNano{0, 0, 0}})});
  EXPECT_CALL_FAILS("out of range", "add",
                    {Timestamps({Ts("2262-01-01T00:00:00Z")}), Iv(12, 0, 0)});
  EXPECT_CALL_EQ(TsScalar("2024-06-01T11:00:00Z"), "subtract",
                 {TsD("2024-06-01T12:00:00Z"), Iv(0, 0, kNanosPerHour)});
}

TEST(TemporalArithmeticTest, DifferencesAndIntervals) {
  Array a = Timestamps({Ts("2024-06-01T12:00:00Z"), std::nullopt});
  Array b = Timestamps({Ts("2024-06-01T11:00:00Z"), Ts("2024-06-01T11:00:00Z")});
  EXPECT_CALL_EQ(Durations({kNanosPerHour, std::nullopt}), "subtract", {a, b});
  EXPECT_CALL_EQ(Timestamps({Ts("2024-06-01T13:00:00Z"), std::nullopt}), "add",
                 {a, Datum(Scalar::Duration(kNanosPerHour))});
  EXPECT_CALL_EQ(Durations({3}), "add", {Durations({1}), Durations({2})});
  EXPECT_CALL_EQ(Intervals({MonthDayNano{1, 2, 3}}), "add",
                 {Intervals({MonthDayNano{1, 1, 1}}), Iv(0, 1, 2)});
  EXPECT_CALL_EQ(Intervals({MonthDayNano{1, 0, -1}}), "subtract",
                 {Intervals({MonthDayNano{1, 1, 1}}), Iv(0, 1, 2)});
  EXPECT_CALL_EQ(Intervals({MonthDayNano{2, 4, 6}}), "multiply",
                 {Intervals({MonthDayNano{1, 2, 3}}), I(2)});
  EXPECT_CALL_EQ(Intervals({MonthDayNano{-1, -2, -3}}), "negate",
                 {Intervals({MonthDayNano{1, 2, 3}})});
  // now() - interval, as in WHERE time > now() - INTERVAL '1 hour'.
  EXPECT_CALL_EQ(TsScalar("2024-06-01T11:00:00Z"), "subtract",
                 {TsD("2024-06-01T12:00:00Z"), S("1 hour")});
}

}  // namespace
}  // namespace quiver
