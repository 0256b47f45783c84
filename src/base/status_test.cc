#include "base/status.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "base/result.h"
#include "testing/status_matchers.h"

namespace quiver {
namespace {

TEST(StatusTest, OkHasNoMessage) {
  Status s = Status::OK();
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kOk);
  EXPECT_EQ(s.message(), "");
  EXPECT_EQ(s.ToString(), "OK");
}

TEST(StatusTest, ErrorCarriesCodeAndFormattedMessage) {
  Status s = Status::NotFound("table not found: {}", "cpu");
  EXPECT_FALSE(s.ok());
  EXPECT_TRUE(s.IsNotFound());
  EXPECT_EQ(s.message(), "table not found: cpu");
  EXPECT_EQ(s.ToString(), "Not found: table not found: cpu");
}

TEST(StatusTest, CopyAndMoveKeepTheError) {
  Status s = Status::Corruption("bad crc at offset {}", 42);
  Status copy = s;
  EXPECT_EQ(copy, s);
  Status moved = std::move(copy);
  EXPECT_TRUE(moved.IsCorruption());
  EXPECT_EQ(moved.message(), "bad crc at offset 42");
}

TEST(StatusTest, WithContextPrefixesMessage) {
  Status s = Status::IOError("disk full").WithContext("writing wal/00001.wal");
  EXPECT_TRUE(s.IsIOError());
  EXPECT_EQ(s.message(), "writing wal/00001.wal: disk full");
  EXPECT_TRUE(Status::OK().WithContext("ignored").ok());
}

Status FailIfNegative(int x) {
  if (x < 0) return Status::InvalidArgument("negative: {}", x);
  return Status::OK();
}

Status Chain(int x, int* calls) {
  RETURN_NOT_OK(FailIfNegative(x));
  ++*calls;
  return Status::OK();
}

TEST(StatusTest, ReturnNotOkPropagatesFirstError) {
  int calls = 0;
  EXPECT_OK(Chain(1, &calls));
  EXPECT_EQ(calls, 1);
  Status s = Chain(-5, &calls);
  EXPECT_EQ(s.message(), "negative: -5");
  EXPECT_EQ(calls, 1);
}

Result<std::unique_ptr<int>> MakeBox(int x) {
  if (x == 0) return Status::InvalidArgument("zero");
  return std::make_unique<int>(x);
}

Result<int> Unbox(int x) {
  ASSIGN_OR_RETURN(auto box, MakeBox(x));
  return *box * 2;
}

TEST(ResultTest, HoldsMoveOnlyValues) {
  ASSERT_OK_AND_ASSIGN(auto box, MakeBox(3));
  EXPECT_EQ(*box, 3);
}

TEST(ResultTest, AssignOrReturnPropagates) {
  ASSERT_OK_AND_ASSIGN(int v, Unbox(4));
  EXPECT_EQ(v, 8);
  Result<int> r = Unbox(0);
  ASSERT_RAISES(kInvalidArgument, r);
  EXPECT_EQ(r.status().message(), "zero");
}

TEST(ResultTest, CopyAssignAndValueOr) {
  Result<std::string> a = std::string("hello");
  Result<std::string> b = Status::NotFound("x");
  b = a;
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(*b, "hello");
  Result<std::string> c = Status::NotFound("x");
  EXPECT_EQ(std::move(c).ValueOr("fallback"), "fallback");
}

TEST(ResultTest, ReturnNotOkAcceptsResult) {
  auto f = [](int x) -> Status {
    RETURN_NOT_OK(MakeBox(x));
    return Status::OK();
  };
  EXPECT_OK(f(1));
  ASSERT_RAISES(kInvalidArgument, f(0));
}

TEST(CheckDeathTest, CheckAbortsWithMessage) {
  EXPECT_DEATH({ CHECK(1 + 1 == 3) << "math is broken"; }, "math is broken");
}

}  // namespace
}  // namespace quiver
