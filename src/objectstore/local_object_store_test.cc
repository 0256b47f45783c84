#include "objectstore/local_object_store.h"

#include <gtest/gtest.h>

#include "io/fault_injection_file_system.h"
#include "io/mem_file_system.h"
#include "io/path.h"
#include "io/posix_file_system.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace quiver {
namespace {

// Crash tests: LocalObjectStore over a FaultInjectionFileSystem, with DropUnsyncedData
// standing in for a power failure.
class LocalObjectStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK(mem_.CreateDirs("/data"));
    ASSERT_OK_AND_ASSIGN(store_, LocalObjectStore::Make(&fs_, "/data"));
  }

  void Crash() { ASSERT_OK(fs_.DropUnsyncedData()); }

  MemFileSystem mem_;
  FaultInjectionFileSystem fs_{&mem_};
  std::unique_ptr<LocalObjectStore> store_;
};

TEST_F(LocalObjectStoreTest, KeysMapToFilesUnderTheRoot) {
  ASSERT_OK(store_->Put("node0/wal/00000000001.wal", "x"));
  ASSERT_OK_AND_ASSIGN(std::string bytes, mem_.ReadFile("/data/node0/wal/00000000001.wal"));
  EXPECT_EQ(bytes, "x");
  EXPECT_EQ(store_->Describe(), "file:///data");
}

TEST_F(LocalObjectStoreTest, AcknowledgedPutSurvivesACrash) {
  ASSERT_OK(store_->Put("node0/catalog/v3/snapshot", "one"));
  ASSERT_OK(store_->PutIfAbsent("node0/catalog/v3/logs/00000000000000000001.catalog", "log"));
  Crash();
  ASSERT_OK_AND_ASSIGN(std::string bytes, store_->Get("node0/catalog/v3/snapshot"));
  EXPECT_EQ(bytes, "one");
  ASSERT_OK_AND_ASSIGN(bytes, store_->Get("node0/catalog/v3/logs/00000000000000000001.catalog"));
  EXPECT_EQ(bytes, "log");
}

TEST_F(LocalObjectStoreTest, OverwriteSurvivesACrashAndNeverMixes) {
  ASSERT_OK(store_->Put("k", "old"));
  ASSERT_OK(store_->Put("k", "new"));
  Crash();
  ASSERT_OK_AND_ASSIGN(std::string bytes, store_->Get("k"));
  EXPECT_EQ(bytes, "new");
}

TEST_F(LocalObjectStoreTest, FailedSyncLeavesTheOldObject) {
  ASSERT_OK(store_->Put("k", "old"));
  fs_.FailAfter(FaultOp::kSync, 0);
  ASSERT_RAISES(kIOError, store_->Put("k", "new"));
  fs_.ClearFaults();
  ASSERT_OK_AND_ASSIGN(std::string bytes, store_->Get("k"));
  EXPECT_EQ(bytes, "old");
  ASSERT_OK_AND_ASSIGN(auto listed, mem_.ListDir("/data"));
  ASSERT_EQ(listed.size(), 1u) << "temporary file not removed";
}

TEST_F(LocalObjectStoreTest, FailedRenameLeavesTheOldObject) {
  ASSERT_OK(store_->Put("k", "old"));
  fs_.FailAfter(FaultOp::kRename, 0);
  ASSERT_RAISES(kIOError, store_->Put("k", "new"));
  fs_.ClearFaults();
  Crash();
  ASSERT_OK_AND_ASSIGN(std::string bytes, store_->Get("k"));
  EXPECT_EQ(bytes, "old");
}

TEST_F(LocalObjectStoreTest, FailedDirectorySyncIsReportedAndNotDurable) {
  ASSERT_OK(store_->Put("k", "old"));
  fs_.FailAfter(FaultOp::kSyncDir, 0);
  ASSERT_RAISES(kIOError, store_->Put("k", "new"));
  fs_.ClearFaults();
  Crash();
  ASSERT_OK_AND_ASSIGN(std::string bytes, store_->Get("k"));
  EXPECT_EQ(bytes, "old");  // the rename was never made durable
}

TEST_F(LocalObjectStoreTest, NewDirectoriesAreDurable) {
  ASSERT_OK(store_->Put("a/b/c/d", "deep"));
  ASSERT_OK(fs_.OpCount(FaultOp::kSyncDir) >= 4 ? Status::OK()
                                                : Status::Internal("too few directory syncs"));
  Crash();
  ASSERT_OK_AND_ASSIGN(std::string bytes, store_->Get("a/b/c/d"));
  EXPECT_EQ(bytes, "deep");
}

TEST_F(LocalObjectStoreTest, DeleteIsDurable) {
  ASSERT_OK(store_->Put("k", "v"));
  ASSERT_OK(store_->Delete("k"));
  Crash();
  ASSERT_RAISES(kNotFound, store_->Get("k"));
}

TEST_F(LocalObjectStoreTest, TemporaryFilesAreHiddenAndRemovable) {
  ASSERT_OK(mem_.CreateDirs("/data/n/wal"));
  ASSERT_OK(WriteFileAndSync(&mem_, "/data/n/wal/.tmp.x.1.0", "partial"));
  ASSERT_OK(store_->Put("n/wal/x", "whole"));
  ASSERT_OK_AND_ASSIGN(auto objects, store_->List(""));
  ASSERT_EQ(objects.size(), 1u);
  EXPECT_EQ(objects[0].key, "n/wal/x");
  ASSERT_OK(store_->RemoveTemporaryFiles());
  ASSERT_OK_AND_ASSIGN(bool exists, mem_.FileExists("/data/n/wal/.tmp.x.1.0"));
  EXPECT_FALSE(exists);
  ASSERT_OK_AND_ASSIGN(exists, mem_.FileExists("/data/n/wal/x"));
  EXPECT_TRUE(exists);
}

TEST_F(LocalObjectStoreTest, RootMustBeADirectory) {
  ASSERT_OK(WriteFileAndSync(&mem_, "/file", "x"));
  ASSERT_RAISES(kInvalidArgument, LocalObjectStore::Make(&mem_, "/file"));
  ASSERT_RAISES(kInvalidArgument, LocalObjectStore::Make(&mem_, ""));
  ASSERT_OK_AND_ASSIGN(auto created, LocalObjectStore::Make(&mem_, "/new/root/"));
  EXPECT_EQ(created->root(), "/new/root");
  ASSERT_OK_AND_ASSIGN(bool exists, mem_.FileExists("/new/root"));
  EXPECT_TRUE(exists);
}

TEST_F(LocalObjectStoreTest, AFileInTheWayOfADirectoryIsAnError) {
  ASSERT_OK(store_->Put("a", "file"));
  Status status = store_->Put("a/b", "x");
  EXPECT_FALSE(status.ok());
}

TEST(LocalObjectStorePosixTest, KeysCannotEscapeTheRoot) {
  testing::TempDir dir;
  std::string root = JoinPath(dir.path(), "root");
  ASSERT_OK_AND_ASSIGN(auto store, LocalObjectStore::Make(PosixFileSystem::Default(), root));
  Status status = store->Put("../outside", "x");
  ASSERT_RAISES(kInvalidArgument, status);
  EXPECT_NE(status.message().find("../outside"), std::string::npos);
  ASSERT_OK_AND_ASSIGN(bool exists,
                       PosixFileSystem::Default()->FileExists(JoinPath(dir.path(), "outside")));
  EXPECT_FALSE(exists);
}

}  // namespace
}  // namespace quiver
