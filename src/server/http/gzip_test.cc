#include "server/http/gzip.h"

#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace quiver::http {
namespace {

TEST(GzipTest, RoundTrip) {
  std::string text;
  for (int line = 0; line < 10000; ++line) {
    text += "cpu,host=a usage=0.5 " + std::to_string(line) + "\n";
  }
  ASSERT_OK_AND_ASSIGN(std::string compressed, Gzip(text));
  EXPECT_LT(compressed.size(), text.size() / 4);
  ASSERT_OK_AND_ASSIGN(std::string inflated, GunzipBounded(compressed, text.size()));
  EXPECT_EQ(inflated, text);
}

TEST(GzipTest, EmptyInputIsEmptyOutput) {
  ASSERT_OK_AND_ASSIGN(std::string inflated, GunzipBounded("", 10));
  EXPECT_EQ(inflated, "");
  ASSERT_OK_AND_ASSIGN(std::string compressed, Gzip(""));
  ASSERT_OK_AND_ASSIGN(inflated, GunzipBounded(compressed, 10));
  EXPECT_EQ(inflated, "");
}

TEST(GzipTest, MultipleMembersAreConcatenated) {
  ASSERT_OK_AND_ASSIGN(std::string first, Gzip("hello "));
  ASSERT_OK_AND_ASSIGN(std::string second, Gzip("world"));
  ASSERT_OK_AND_ASSIGN(std::string inflated, GunzipBounded(first + second, 100));
  EXPECT_EQ(inflated, "hello world");
}

TEST(GzipTest, OutputLimitIsExact) {
  std::string text(1000, 'x');
  ASSERT_OK_AND_ASSIGN(std::string compressed, Gzip(text));
  ASSERT_OK(GunzipBounded(compressed, 1000));
  ASSERT_RAISES(kResourceExhausted, GunzipBounded(compressed, 999));
}

TEST(GzipTest, BombStopsAtTheLimit) {
  std::string zeros(50 * 1024 * 1024, '\0');
  ASSERT_OK_AND_ASSIGN(std::string compressed, Gzip(zeros));
  EXPECT_LT(compressed.size(), 100 * 1024u);
  Result<std::string> inflated = GunzipBounded(compressed, 1024 * 1024);
  ASSERT_RAISES(kResourceExhausted, inflated);
  EXPECT_NE(inflated.status().message().find("1048576"), std::string::npos);
}

TEST(GzipTest, CorruptInputNamesTheProblem) {
  Result<std::string> not_gzip = GunzipBounded("this is not gzip", 100);
  ASSERT_RAISES(kInvalidArgument, not_gzip);
  EXPECT_NE(not_gzip.status().message().find("invalid gzip body"), std::string::npos)
      << not_gzip.status().ToString();

  ASSERT_OK_AND_ASSIGN(std::string compressed, Gzip(std::string(5000, 'y')));
  Result<std::string> truncated = GunzipBounded(compressed.substr(0, compressed.size() / 2), 10000);
  ASSERT_RAISES(kInvalidArgument, truncated);
  EXPECT_NE(truncated.status().message().find("unexpected end"), std::string::npos)
      << truncated.status().ToString();

  std::string flipped = compressed;
  flipped[flipped.size() - 6] ^= 0x55;  // inside the CRC32 trailer
  ASSERT_RAISES(kInvalidArgument, GunzipBounded(flipped, 10000));

  // Garbage after a complete member.
  ASSERT_RAISES(kInvalidArgument, GunzipBounded(compressed + "junk", 10000));
}

}  // namespace
}  // namespace quiver::http
