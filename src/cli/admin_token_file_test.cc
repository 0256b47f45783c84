#include "cli/admin_token_file.h"

#include <sys/stat.h>

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace quiver::cli {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

TEST(AdminTokenFileTest, GeneratesOnceThenLoadsTheHash) {
  testing::TempDir dir;
  std::string data_dir = dir.path() + "/data";
  ASSERT_OK_AND_ASSIGN(AdminTokenBootstrap first, LoadOrCreateAdminToken(data_dir, "node1"));
  ASSERT_TRUE(first.generated_token.has_value());
  EXPECT_TRUE(first.generated_token->starts_with("apiv3_"));
  EXPECT_EQ(first.path, data_dir + "/node1/auth/admin-token.sha256");
  EXPECT_EQ(first.path, AdminTokenHashPath(data_dir, "node1"));
  EXPECT_TRUE(http::TokenDigestsEqual(first.digest, http::HashToken(*first.generated_token)));

  // Only the hash is on disk, with owner-only permissions.
  std::string contents = ReadFile(first.path);
  EXPECT_EQ(contents, http::TokenDigestToHex(first.digest) + "\n");
  EXPECT_EQ(contents.find(*first.generated_token), std::string::npos);
  struct stat info;
  ASSERT_EQ(stat(first.path.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  ASSERT_EQ(stat((data_dir + "/node1/auth").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0700u);
  EXPECT_NE(stat((first.path + ".tmp").c_str(), &info), 0);

  ASSERT_OK_AND_ASSIGN(AdminTokenBootstrap second, LoadOrCreateAdminToken(data_dir, "node1"));
  EXPECT_FALSE(second.generated_token.has_value());
  EXPECT_TRUE(http::TokenDigestsEqual(second.digest, first.digest));

  // Another node id gets its own token.
  ASSERT_OK_AND_ASSIGN(AdminTokenBootstrap other, LoadOrCreateAdminToken(data_dir, "node2"));
  EXPECT_TRUE(other.generated_token.has_value());
  EXPECT_FALSE(http::TokenDigestsEqual(other.digest, first.digest));
}

TEST(AdminTokenFileTest, MalformedFileIsCorruption) {
  testing::TempDir dir;
  std::string path = AdminTokenHashPath(dir.path(), "n");
  ASSERT_EQ(mkdir((dir.path() + "/n").c_str(), 0755), 0);
  ASSERT_EQ(mkdir((dir.path() + "/n/auth").c_str(), 0700), 0);
  std::ofstream(path) << "not a hash\n";
  Result<AdminTokenBootstrap> loaded = LoadOrCreateAdminToken(dir.path(), "n");
  ASSERT_RAISES(kCorruption, loaded);
  EXPECT_NE(loaded.status().message().find(path), std::string::npos);
}

TEST(AdminTokenFileTest, UnwritableDirectoryIsIOError) {
  testing::TempDir dir;
  std::string blocker = dir.path() + "/file";
  std::ofstream(blocker) << "x";
  ASSERT_RAISES(kIOError, LoadOrCreateAdminToken(blocker, "n"));
}

}  // namespace
}  // namespace quiver::cli
