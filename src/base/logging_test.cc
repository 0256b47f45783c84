#include "base/logging.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "testing/status_matchers.h"

namespace quiver {
namespace {

class LoggingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SetLogSink([this](LogLevel level, std::string_view target, std::string_view line) {
      lines_.emplace_back(line);
    });
  }
  void TearDown() override {
    SetLogSink(nullptr);
    ASSERT_OK(SetLogFilter("info"));
  }
  std::vector<std::string> lines_;
};

TEST_F(LoggingTest, DefaultLevelFilters) {
  ASSERT_OK(SetLogFilter("warn"));
  LOG_INFO("http", "hidden {}", 1);
  LOG_WARN("http", "shown {}", 2);
  ASSERT_EQ(lines_.size(), 1u);
  EXPECT_NE(lines_[0].find("WARN  http: shown 2"), std::string::npos) << lines_[0];
}

TEST_F(LoggingTest, PerTargetOverride) {
  ASSERT_OK(SetLogFilter("warn,wal=debug"));
  LOG_DEBUG("wal", "flush {}", 7);
  LOG_DEBUG("http", "request");
  ASSERT_EQ(lines_.size(), 1u);
  EXPECT_NE(lines_[0].find("wal: flush 7"), std::string::npos);
  EXPECT_TRUE(LogEnabled(LogLevel::kDebug, "wal"));
  EXPECT_FALSE(LogEnabled(LogLevel::kDebug, "http"));
}

TEST_F(LoggingTest, ArgumentsNotEvaluatedWhenDisabled) {
  ASSERT_OK(SetLogFilter("error"));
  int evaluations = 0;
  auto count = [&] { return ++evaluations; };
  LOG_INFO("x", "{}", count());
  EXPECT_EQ(evaluations, 0);
}

TEST_F(LoggingTest, RejectsBadFilters) {
  ASSERT_RAISES(kInvalidArgument, SetLogFilter("loud"));
  ASSERT_RAISES(kInvalidArgument, SetLogFilter("info,=debug"));
  Status s = SetLogFilter("info,http=verbose");
  EXPECT_NE(s.message().find("verbose"), std::string::npos);
}

TEST_F(LoggingTest, OffDisablesEverything) {
  ASSERT_OK(SetLogFilter("off"));
  LOG_ERROR("x", "nothing");
  EXPECT_TRUE(lines_.empty());
}

}  // namespace
}  // namespace quiver
