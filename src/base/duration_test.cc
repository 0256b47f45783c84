#include "base/duration.h"

#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace quiver {
namespace {

TEST(DurationTest, ParsesUnits) {
  struct Case {
    const char* text;
    int64_t nanos;
  } cases[] = {
      {"0", 0},
      {"10ms", 10 * kNanosPerMilli},
      {"1s", kNanosPerSecond},
      {"250us", 250 * kNanosPerMicro},
      {"5ns", 5},
      {"10m", 10 * kNanosPerMinute},
      {"1h30m", kNanosPerHour + 30 * kNanosPerMinute},
      {"7days", 7 * kNanosPerDay},
      {"30d", 30 * kNanosPerDay},
      {"2 weeks", 2 * kNanosPerWeek},
      {"1h 2m 3s", kNanosPerHour + 2 * kNanosPerMinute + 3 * kNanosPerSecond},
  };
  for (const Case& c : cases) {
    ASSERT_OK_AND_ASSIGN(int64_t v, ParseDuration(c.text));
    EXPECT_EQ(v, c.nanos) << c.text;
  }
}

TEST(DurationTest, RejectsMalformed) {
  for (const char* text : {"", "ms", "10", "10parsecs", "-1s", "1.5s", "99999999999999999999s"}) {
    ASSERT_RAISES(kInvalidArgument, ParseDuration(text));
  }
  Status s = ParseDuration("10parsecs").status();
  EXPECT_NE(s.message().find("parsecs"), std::string::npos);
}

TEST(DurationTest, FormatRoundTrips) {
  EXPECT_EQ(FormatDuration(0), "0s");
  EXPECT_EQ(FormatDuration(kNanosPerHour + 30 * kNanosPerMinute), "1h30m");
  EXPECT_EQ(FormatDuration(10 * kNanosPerMilli), "10ms");
  EXPECT_EQ(FormatDuration(3 * kNanosPerDay + 5), "3d5ns");
  for (int64_t v : {int64_t{1}, int64_t{999}, 7 * kNanosPerDay + 1234567}) {
    ASSERT_OK_AND_ASSIGN(int64_t back, ParseDuration(FormatDuration(v)));
    EXPECT_EQ(back, v);
  }
}

}  // namespace
}  // namespace quiver
