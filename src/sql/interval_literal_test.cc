#include "sql/interval_literal.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace quiver::sql {
namespace {

constexpr int64_t kSecond = 1'000'000'000;

MonthDayNano Mdn(int32_t months, int32_t days, int64_t nanos) { return MonthDayNano{months, days, nanos}; }

MonthDayNano Parse(std::string_view text, IntervalUnit unit = IntervalUnit::kSecond) {
  Result<MonthDayNano> result = ParseIntervalLiteral(text, unit);
  EXPECT_TRUE(result.ok()) << text << ": " << result.status().ToString();
  return result.ok() ? *result : MonthDayNano{-1, -1, -1};
}

TEST(IntervalLiteralTest, CommonUnits) {
  EXPECT_EQ(Parse("1 minute"), Mdn(0, 0, 60 * kSecond));
  EXPECT_EQ(Parse("5 minutes"), Mdn(0, 0, 300 * kSecond));
  EXPECT_EQ(Parse("1 hour"), Mdn(0, 0, 3600 * kSecond));
  EXPECT_EQ(Parse("1 day"), Mdn(0, 1, 0));
  EXPECT_EQ(Parse("2 weeks"), Mdn(0, 14, 0));
  EXPECT_EQ(Parse("1 month"), Mdn(1, 0, 0));
  EXPECT_EQ(Parse("1 year"), Mdn(12, 0, 0));
  EXPECT_EQ(Parse("10 seconds"), Mdn(0, 0, 10 * kSecond));
  EXPECT_EQ(Parse("100 milliseconds"), Mdn(0, 0, 100'000'000));
  EXPECT_EQ(Parse("3 microseconds"), Mdn(0, 0, 3'000));
  EXPECT_EQ(Parse("7 nanoseconds"), Mdn(0, 0, 7));
  EXPECT_EQ(Parse("1 decade"), Mdn(120, 0, 0));
  EXPECT_EQ(Parse("1 century"), Mdn(1200, 0, 0));
}

TEST(IntervalLiteralTest, AbbreviationsAndCase) {
  EXPECT_EQ(Parse("1 MINUTE"), Mdn(0, 0, 60 * kSecond));
  EXPECT_EQ(Parse("1 min"), Mdn(0, 0, 60 * kSecond));
  EXPECT_EQ(Parse("1m"), Mdn(0, 0, 60 * kSecond));
  EXPECT_EQ(Parse("2h"), Mdn(0, 0, 7200 * kSecond));
  EXPECT_EQ(Parse("30s"), Mdn(0, 0, 30 * kSecond));
  EXPECT_EQ(Parse("250ms"), Mdn(0, 0, 250'000'000));
  EXPECT_EQ(Parse("3 mons"), Mdn(3, 0, 0));
  EXPECT_EQ(Parse("1 y"), Mdn(12, 0, 0));
}

TEST(IntervalLiteralTest, CombinationsSignsAndFractions) {
  EXPECT_EQ(Parse("1 year 2 months 3 days 4 hours 5 minutes 6 seconds"),
            Mdn(14, 3, (4 * 3600 + 5 * 60 + 6) * kSecond));
  EXPECT_EQ(Parse("1 hour 30 minutes"), Mdn(0, 0, 5400 * kSecond));
  EXPECT_EQ(Parse("-1 day"), Mdn(0, -1, 0));
  EXPECT_EQ(Parse("1 day -2 hours"), Mdn(0, 1, -7200 * kSecond));
  EXPECT_EQ(Parse("1.5 hours"), Mdn(0, 0, 5400 * kSecond));
  EXPECT_EQ(Parse("0.5 day"), Mdn(0, 0, 43200 * kSecond));
  EXPECT_EQ(Parse("1.5 months"), Mdn(1, 15, 0));
  EXPECT_EQ(Parse("0.001 seconds"), Mdn(0, 0, 1'000'000));
  EXPECT_EQ(Parse("  2  days  "), Mdn(0, 2, 0));
}

TEST(IntervalLiteralTest, BareNumbersAndClockTimes) {
  EXPECT_EQ(Parse("90"), Mdn(0, 0, 90 * kSecond));
  EXPECT_EQ(Parse("1", IntervalUnit::kMinute), Mdn(0, 0, 60 * kSecond));
  EXPECT_EQ(Parse("2", IntervalUnit::kDay), Mdn(0, 2, 0));
  EXPECT_EQ(Parse("3", IntervalUnit::kMonth), Mdn(3, 0, 0));
  EXPECT_EQ(Parse("01:30:00"), Mdn(0, 0, 5400 * kSecond));
  EXPECT_EQ(Parse("1 day 00:00:01.5"), Mdn(0, 1, 1'500'000'000));
  EXPECT_EQ(Parse("-01:00"), Mdn(0, 0, -3600 * kSecond));
}

TEST(IntervalLiteralTest, TypmodMasks) {
  EXPECT_EQ(IntervalUnitFromTypmod(1 << 11), IntervalUnit::kMinute);
  EXPECT_EQ(IntervalUnitFromTypmod(1 << 10), IntervalUnit::kHour);
  EXPECT_EQ(IntervalUnitFromTypmod(1 << 3), IntervalUnit::kDay);
  EXPECT_EQ(IntervalUnitFromTypmod(1 << 1), IntervalUnit::kMonth);
  EXPECT_EQ(IntervalUnitFromTypmod(1 << 2), IntervalUnit::kYear);
  EXPECT_EQ(IntervalUnitFromTypmod(1 << 12), IntervalUnit::kSecond);
  EXPECT_EQ(IntervalUnitFromTypmod((1 << 3) | (1 << 10)), IntervalUnit::kHour);  // DAY TO HOUR
  EXPECT_EQ(IntervalUnitFromTypmod(0x7FFF), IntervalUnit::kSecond);
}

TEST(IntervalLiteralTest, Errors) {
  for (const char* text : {"", "   ", "minute", "1 fortnight", "1 minute x", "abc", "1..5 days", "99999999999 years",
                           "9223372036854775807 hours", "1:", "12:xx", "1 2", "5 minutes 3"}) {
    Result<MonthDayNano> result = ParseIntervalLiteral(text);
    EXPECT_FALSE(result.ok()) << text;
    if (!result.ok()) {
      EXPECT_TRUE(result.status().IsInvalidArgument());
      EXPECT_THAT(result.status().message(), ::testing::HasSubstr("invalid interval literal"));
    }
  }
  EXPECT_EQ(ParseIntervalLiteral("1 fortnight").status().message(),
            "invalid interval literal '1 fortnight': unknown unit 'fortnight'");
}

}  // namespace
}  // namespace quiver::sql
