#include "base/time_format.h"

#include <gtest/gtest.h>

#include <limits>
#include <random>

#include "testing/status_matchers.h"

namespace quiver {
namespace {

TEST(TimeFormatTest, FormatsWithAutoPrecision) {
  EXPECT_EQ(FormatTimestampNanos(0), "1970-01-01T00:00:00");
  EXPECT_EQ(FormatTimestampNanos(123), "1970-01-01T00:00:00.000000123");
  EXPECT_EQ(FormatTimestampNanos(1'700'000'000'500'000'000), "2023-11-14T22:13:20.500");
  EXPECT_EQ(FormatTimestampNanos(1'700'000'000'000'001'000), "2023-11-14T22:13:20.000001");
  EXPECT_EQ(FormatRfc3339(1'717'243'200'000'000'000), "2024-06-01T12:00:00Z");
  EXPECT_EQ(FormatRfc3339(500'000'000, FractionDigits::kTrimmed), "1970-01-01T00:00:00.5Z");
  EXPECT_EQ(FormatTimestampNanos(-1), "1969-12-31T23:59:59.999999999");
  EXPECT_EQ(FormatRfc3339(std::numeric_limits<int64_t>::max()),
            "2262-04-11T23:47:16.854775807Z");
  EXPECT_EQ(FormatRfc3339(std::numeric_limits<int64_t>::min()),
            "1677-09-21T00:12:43.145224192Z");
  EXPECT_EQ(FormatTimestampNanos(DaysFromCivil(2000, 2, 29) * 86'400'000'000'000),
            "2000-02-29T00:00:00");
}

TEST(TimeFormatTest, ParsesRfc3339AndDates) {
  struct Case {
    const char* text;
    int64_t nanos;
  } cases[] = {
      {"2024-06-01T12:00:00Z", 1'717'243'200'000'000'000},
      {"2024-06-01T12:00:00", 1'717'243'200'000'000'000},
      {"2024-06-01 12:00:00", 1'717'243'200'000'000'000},
      {"2024-06-01T14:00:00+02:00", 1'717'243'200'000'000'000},
      {"2024-06-01T12:00:00.5Z", 1'717'243'200'500'000'000},
      {"2024-06-01T12:00:00.000000001Z", 1'717'243'200'000'000'001},
      {"2024-06-01", 1'717'200'000'000'000'000},
      {"1970-01-01T00:00:00Z", 0},
      {"1969-12-31T23:59:59.999999999Z", -1},
  };
  for (const Case& c : cases) {
    ASSERT_OK_AND_ASSIGN(int64_t v, ParseTimestamp(c.text));
    EXPECT_EQ(v, c.nanos) << c.text;
  }
  for (const char* bad : {"", "2024", "2024-13-01", "2024-02-30", "2023-02-29", "2024-06-01T25:00",
                          "2024-06-01T12:00:00Zjunk", "3000-01-01T00:00:00Z"}) {
    ASSERT_RAISES(kInvalidArgument, ParseTimestamp(bad));
  }
}

TEST(TimeFormatTest, RoundTripsRandomTimes) {
  std::mt19937_64 rng(42);
  for (int i = 0; i < 10'000; ++i) {
    int64_t t = static_cast<int64_t>(rng());
    ASSERT_OK_AND_ASSIGN(int64_t back, ParseTimestamp(FormatRfc3339(t)));
    EXPECT_EQ(back, t) << FormatRfc3339(t);
  }
}

}  // namespace
}  // namespace quiver
