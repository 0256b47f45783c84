#include "objectstore/object_key.h"

#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace quiver {
namespace {

TEST(ObjectKeyTest, ValidKeys) {
  EXPECT_OK(ValidateObjectKey("a"));
  EXPECT_OK(ValidateObjectKey("node0/catalog/v3/logs/00000000000000000042.catalog"));
  EXPECT_OK(ValidateObjectKey("node0/dbs/1/3/2024-06-01/12-10/0000000917.parquet"));
  EXPECT_OK(ValidateObjectKey("a/b..c/d."));
}

TEST(ObjectKeyTest, InvalidKeysNameTheKey) {
  for (std::string_view key :
       {"", "/abs", "a/", "a//b", "..", "a/../b", "a/./b", ".", "a/.tmp", "../escape"}) {
    SCOPED_TRACE(key);
    Status status = ValidateObjectKey(key);
    ASSERT_RAISES(kInvalidArgument, status);
    if (!key.empty()) {
      EXPECT_NE(status.message().find(key), std::string::npos) << status.message();
    }
  }
  ASSERT_RAISES(kInvalidArgument, ValidateObjectKey(std::string("a\0b", 3)));
  ASSERT_RAISES(kInvalidArgument, ValidateObjectKey(std::string(kMaxObjectKeyLength + 1, 'x')));
  EXPECT_OK(ValidateObjectKey(std::string(kMaxObjectKeyLength, 'x')));
}

TEST(ObjectKeyTest, Prefixes) {
  EXPECT_OK(ValidateObjectKeyPrefix(""));
  EXPECT_OK(ValidateObjectKeyPrefix("a/"));
  EXPECT_OK(ValidateObjectKeyPrefix("a/b/pa"));
  ASSERT_RAISES(kInvalidArgument, ValidateObjectKeyPrefix("/a"));
  ASSERT_RAISES(kInvalidArgument, ValidateObjectKeyPrefix("a//"));
  ASSERT_RAISES(kInvalidArgument, ValidateObjectKeyPrefix("a/../"));
  ASSERT_RAISES(kInvalidArgument, ValidateObjectKeyPrefix("a/.x"));
}

TEST(ObjectKeyTest, JoinObjectKey) {
  EXPECT_EQ(JoinObjectKey("node0", "wal"), "node0/wal");
  EXPECT_EQ(JoinObjectKey("node0/", "wal"), "node0/wal");
  EXPECT_EQ(JoinObjectKey("", "wal"), "wal");
}

}  // namespace
}  // namespace quiver
