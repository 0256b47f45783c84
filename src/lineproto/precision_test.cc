#include "lineproto/precision.h"

#include <gtest/gtest.h>

#include <limits>

#include "testing/status_matchers.h"

namespace quiver::lineproto {
namespace {

TEST(PrecisionTest, ParseV3Names) {
  struct Case {
    std::string_view name;
    Precision precision;
  };
  for (auto [name, precision] :
       {Case{"auto", Precision::kAuto}, Case{"nanosecond", Precision::kNanosecond},
        Case{"ns", Precision::kNanosecond}, Case{"n", Precision::kNanosecond},
        Case{"microsecond", Precision::kMicrosecond}, Case{"us", Precision::kMicrosecond},
        Case{"u", Precision::kMicrosecond}, Case{"millisecond", Precision::kMillisecond},
        Case{"ms", Precision::kMillisecond}, Case{"second", Precision::kSecond},
        Case{"s", Precision::kSecond}}) {
    ASSERT_OK_AND_ASSIGN(Precision p, ParsePrecisionV3(name));
    EXPECT_EQ(p, precision) << name;
    if (precision != Precision::kAuto) {
      ASSERT_OK_AND_ASSIGN(Precision v1, ParsePrecisionV1V2(name));
      EXPECT_EQ(v1, precision) << name;
    }
  }
}

TEST(PrecisionTest, RejectedNames) {
  for (std::string_view name : {"h", "m", "", "NS", "Second", "hour", "minute", "mus", "µs"}) {
    EXPECT_FALSE(ParsePrecisionV3(name).ok()) << name;
    EXPECT_FALSE(ParsePrecisionV1V2(name).ok()) << name;
  }
  auto r = ParsePrecisionV1V2("auto");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "unrecognized precision unit: auto");
  ASSERT_RAISES(kInvalidArgument, ParsePrecisionV3("h"));
}

TEST(PrecisionTest, ExplicitConversion) {
  ASSERT_OK_AND_ASSIGN(int64_t s, TimestampToNanos(1700000000, Precision::kSecond));
  EXPECT_EQ(s, 1700000000000000000);
  ASSERT_OK_AND_ASSIGN(int64_t ms, TimestampToNanos(1700000000123, Precision::kMillisecond));
  EXPECT_EQ(ms, 1700000000123000000);
  ASSERT_OK_AND_ASSIGN(int64_t us, TimestampToNanos(-5, Precision::kMicrosecond));
  EXPECT_EQ(us, -5000);
  ASSERT_OK_AND_ASSIGN(
      int64_t ns, TimestampToNanos(std::numeric_limits<int64_t>::min(), Precision::kNanosecond));
  EXPECT_EQ(ns, std::numeric_limits<int64_t>::min());
  // Largest second count that fits, and one past it.
  ASSERT_OK_AND_ASSIGN(int64_t max_s, TimestampToNanos(9223372036, Precision::kSecond));
  EXPECT_EQ(max_s, 9223372036000000000);
  auto overflow = TimestampToNanos(9223372037, Precision::kSecond);
  ASSERT_FALSE(overflow.ok());
  EXPECT_EQ(overflow.status().message(),
            "timestamp, 9223372037, out of range for precision: Second");
  auto negative = TimestampToNanos(-9223372037, Precision::kSecond);
  ASSERT_FALSE(negative.ok());
  EXPECT_EQ(negative.status().message(),
            "timestamp, -9223372037, out of range for precision: Second");
  auto ms_overflow = TimestampToNanos(9223372036855, Precision::kMillisecond);
  EXPECT_EQ(ms_overflow.status().message(),
            "timestamp, 9223372036855, out of range for precision: Millisecond");
  auto us_overflow = TimestampToNanos(9223372036854776, Precision::kMicrosecond);
  EXPECT_EQ(us_overflow.status().message(),
            "timestamp, 9223372036854776, out of range for precision: Microsecond");
}

TEST(PrecisionTest, AutoGuessesFromMagnitude) {
  // v = |ts| / 1e9: < 5 seconds, < 5000 ms, < 5e6 us, else ns.
  EXPECT_EQ(InferPrecision(Precision::kAuto, 0), Precision::kSecond);
  EXPECT_EQ(InferPrecision(Precision::kAuto, 1708976567), Precision::kSecond);
  EXPECT_EQ(InferPrecision(Precision::kAuto, 4999999999), Precision::kSecond);
  EXPECT_EQ(InferPrecision(Precision::kAuto, 5000000000), Precision::kMillisecond);
  EXPECT_EQ(InferPrecision(Precision::kAuto, 1708976567000), Precision::kMillisecond);
  EXPECT_EQ(InferPrecision(Precision::kAuto, 4999999999999), Precision::kMillisecond);
  EXPECT_EQ(InferPrecision(Precision::kAuto, 5000000000000), Precision::kMicrosecond);
  EXPECT_EQ(InferPrecision(Precision::kAuto, 1708976567000000), Precision::kMicrosecond);
  EXPECT_EQ(InferPrecision(Precision::kAuto, 4999999999999999), Precision::kMicrosecond);
  EXPECT_EQ(InferPrecision(Precision::kAuto, 5000000000000000), Precision::kNanosecond);
  EXPECT_EQ(InferPrecision(Precision::kAuto, 1708976567000000000), Precision::kNanosecond);
  EXPECT_EQ(InferPrecision(Precision::kAuto, -1708976567), Precision::kSecond);
  EXPECT_EQ(InferPrecision(Precision::kAuto, -1708976567000), Precision::kMillisecond);
  EXPECT_EQ(InferPrecision(Precision::kAuto, std::numeric_limits<int64_t>::min()),
            Precision::kNanosecond);
  EXPECT_EQ(InferPrecision(Precision::kSecond, 1708976567000000000), Precision::kSecond);

  const int64_t expected = 1708976567000000000;
  for (int64_t ts : {int64_t{1708976567}, int64_t{1708976567000}, int64_t{1708976567000000},
                     int64_t{1708976567000000000}}) {
    ASSERT_OK_AND_ASSIGN(int64_t ns, TimestampToNanos(ts, Precision::kAuto));
    EXPECT_EQ(ns, expected) << ts;
  }
  ASSERT_OK_AND_ASSIGN(int64_t negative, TimestampToNanos(-1708976567, Precision::kAuto));
  EXPECT_EQ(negative, -expected);
}

TEST(PrecisionTest, DefaultTimestampTruncates) {
  const int64_t now = 1708976567123456789;
  EXPECT_EQ(DefaultTimestamp(now, Precision::kNanosecond), now);
  EXPECT_EQ(DefaultTimestamp(now, Precision::kMicrosecond), 1708976567123456000);
  EXPECT_EQ(DefaultTimestamp(now, Precision::kMillisecond), 1708976567123000000);
  EXPECT_EQ(DefaultTimestamp(now, Precision::kSecond), 1708976567000000000);
  EXPECT_EQ(DefaultTimestamp(now, Precision::kAuto), now);
}

TEST(PrecisionTest, Names) {
  EXPECT_EQ(PrecisionName(Precision::kAuto), "Auto");
  EXPECT_EQ(PrecisionName(Precision::kNanosecond), "Nanosecond");
  EXPECT_EQ(PrecisionMultiplier(Precision::kMillisecond), 1000000);
}

}  // namespace
}  // namespace quiver::lineproto
