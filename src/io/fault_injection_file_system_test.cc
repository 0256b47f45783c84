#include "io/fault_injection_file_system.h"

#include <gtest/gtest.h>

#include "io/mem_file_system.h"
#include "io/path.h"
#include "io/posix_file_system.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace quiver {
namespace {

class FaultInjectionFileSystemTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_OK(fs_.CreateDirs("/d")); }

  std::string Read(const std::string& path) {
    Result<std::string> contents = base_.ReadFile(path);
    if (contents.ok()) return *contents;
    return fmt::format("<{}>", contents.status().ToString());
  }
  bool Exists(const std::string& path) { return base_.FileExists(path).ValueOr(false); }

  MemFileSystem base_;
  FaultInjectionFileSystem fs_{&base_};
};

TEST_F(FaultInjectionFileSystemTest, DropCutsFilesToTheirLastSync) {
  ASSERT_OK_AND_ASSIGN(auto file, fs_.NewWritableFile("/d/f"));
  ASSERT_OK(fs_.SyncDir("/d"));
  ASSERT_OK(file->Append("durable"));
  ASSERT_OK(file->Sync());
  ASSERT_OK(file->Append("-lost"));
  ASSERT_OK(file->Flush());
  ASSERT_OK(file->Close());
  EXPECT_EQ(Read("/d/f"), "durable-lost");
  ASSERT_OK(fs_.DropUnsyncedData());
  EXPECT_EQ(Read("/d/f"), "durable");
}

TEST_F(FaultInjectionFileSystemTest, NewFileWithoutDirSyncDisappears) {
  ASSERT_OK_AND_ASSIGN(auto file, fs_.NewWritableFile("/d/new"));
  ASSERT_OK(file->Append("synced data but no directory entry"));
  ASSERT_OK(file->Sync());
  ASSERT_OK(file->Close());
  ASSERT_OK(fs_.DropUnsyncedData());
  EXPECT_FALSE(Exists("/d/new"));
}

TEST_F(FaultInjectionFileSystemTest, AppendableFileKeepsPreexistingBytes) {
  ASSERT_OK(WriteFileAndSync(&base_, "/d/old", "old"));  // written before tracking
  ASSERT_OK_AND_ASSIGN(auto file, fs_.NewAppendableFile("/d/old"));
  ASSERT_OK(file->Append("+new"));
  ASSERT_OK(file->Close());
  ASSERT_OK(fs_.DropUnsyncedData());
  EXPECT_EQ(Read("/d/old"), "old");
}

TEST_F(FaultInjectionFileSystemTest, UnsyncedRenameIsUndoneAndTheOldTargetRestored) {
  ASSERT_OK(WriteFileAndSync(&base_, "/d/target", "old contents"));
  ASSERT_OK(WriteFileAndSync(&fs_, "/d/tmp", "new contents"));
  ASSERT_OK(fs_.Rename("/d/tmp", "/d/target"));
  EXPECT_EQ(Read("/d/target"), "new contents");
  ASSERT_OK(fs_.DropUnsyncedData());
  EXPECT_EQ(Read("/d/target"), "old contents");
  EXPECT_FALSE(Exists("/d/tmp"));  // its creation was never made durable either
}

TEST_F(FaultInjectionFileSystemTest, RenameFollowedByDirSyncIsDurable) {
  ASSERT_OK(WriteFileAndSync(&base_, "/d/target", "old contents"));
  ASSERT_OK(WriteFileAndSync(&fs_, "/d/tmp", "new contents"));
  ASSERT_OK(fs_.Rename("/d/tmp", "/d/target"));
  ASSERT_OK(fs_.SyncDir("/d"));
  ASSERT_OK(fs_.DropUnsyncedData());
  EXPECT_EQ(Read("/d/target"), "new contents");
  EXPECT_FALSE(Exists("/d/tmp"));
}

TEST_F(FaultInjectionFileSystemTest, RenameOfUnsyncedDataKeepsOnlySyncedBytes) {
  ASSERT_OK_AND_ASSIGN(auto file, fs_.NewWritableFile("/d/tmp"));
  ASSERT_OK(file->Append("abc"));
  ASSERT_OK(file->Sync());
  ASSERT_OK(file->Append("def"));
  ASSERT_OK(file->Close());
  ASSERT_OK(fs_.Rename("/d/tmp", "/d/final"));
  ASSERT_OK(fs_.SyncDir("/d"));
  ASSERT_OK(fs_.DropUnsyncedData());
  EXPECT_EQ(Read("/d/final"), "abc");
}

TEST_F(FaultInjectionFileSystemTest, FailAfterFailsTheNthOperationAndLater) {
  ASSERT_OK_AND_ASSIGN(auto file, fs_.NewWritableFile("/d/f"));
  fs_.FailAfter(FaultOp::kSync, 2);
  ASSERT_OK(file->Append("1"));
  ASSERT_OK(file->Sync());
  ASSERT_OK(file->Append("2"));
  ASSERT_OK(file->Sync());
  ASSERT_OK(file->Append("3"));
  Status third = file->Sync();
  ASSERT_RAISES(kIOError, third);
  EXPECT_NE(third.message().find("/d/f"), std::string::npos) << third.ToString();
  EXPECT_NE(third.message().find("injected"), std::string::npos) << third.ToString();
  ASSERT_RAISES(kIOError, file->Sync());
  EXPECT_EQ(fs_.OpCount(FaultOp::kSync), 4);
  fs_.ClearFaults();
  ASSERT_OK(file->Sync());
}

TEST_F(FaultInjectionFileSystemTest, InjectedAppendFailureWritesNothing) {
  ASSERT_OK_AND_ASSIGN(auto file, fs_.NewWritableFile("/d/f"));
  fs_.FailAfter(FaultOp::kAppend, 1);
  ASSERT_OK(file->Append("kept"));
  ASSERT_RAISES(kIOError, file->Append("dropped"));
  ASSERT_OK(file->Close());
  EXPECT_EQ(Read("/d/f"), "kept");
}

TEST_F(FaultInjectionFileSystemTest, FailRenameAndCreateAndDelete) {
  ASSERT_OK(WriteFileAndSync(&fs_, "/d/a", "a"));
  fs_.FailAfter(FaultOp::kRename, 0);
  ASSERT_RAISES(kIOError, fs_.Rename("/d/a", "/d/b"));
  EXPECT_TRUE(Exists("/d/a"));
  fs_.FailAfter(FaultOp::kCreate, 0);
  ASSERT_RAISES(kIOError, fs_.NewWritableFile("/d/c"));
  ASSERT_RAISES(kIOError, fs_.CreateDirs("/d/e"));
  fs_.FailAfter(FaultOp::kDelete, 0);
  ASSERT_RAISES(kIOError, fs_.DeleteFile("/d/a"));
  fs_.FailAfter(FaultOp::kSyncDir, 0);
  ASSERT_RAISES(kIOError, fs_.SyncDir("/d"));
  fs_.FailAfter(FaultOp::kTruncate, 0);
  ASSERT_RAISES(kIOError, fs_.Truncate("/d/a", 0));
  fs_.ClearFaults();
  ASSERT_OK(fs_.Rename("/d/a", "/d/b"));
}

TEST_F(FaultInjectionFileSystemTest, InactiveFileSystemFailsEveryMutation) {
  ASSERT_OK_AND_ASSIGN(auto file, fs_.NewWritableFile("/d/f"));
  fs_.SetActive(false);
  Status append = file->Append("x");
  ASSERT_RAISES(kIOError, append);
  EXPECT_NE(append.message().find("simulated crash"), std::string::npos);
  ASSERT_RAISES(kIOError, file->Sync());
  ASSERT_RAISES(kIOError, fs_.NewWritableFile("/d/g"));
  // Reads still work.
  ASSERT_OK(fs_.ReadFile("/d/f"));
  fs_.SetActive(true);
  ASSERT_OK(file->Append("x"));
}

TEST_F(FaultInjectionFileSystemTest, CreateDirsDurablySyncsEveryNewDirectorysParent) {
  ASSERT_OK(CreateDirsDurably(&fs_, "/d/a/b/c"));
  EXPECT_EQ(fs_.OpCount(FaultOp::kSyncDir), 3);  // /d, /d/a, /d/a/b
  ASSERT_OK(CreateDirsDurably(&fs_, "/d/a/b/c"));
  EXPECT_EQ(fs_.OpCount(FaultOp::kSyncDir), 3);
}

TEST_F(FaultInjectionFileSystemTest, FlipByte) {
  ASSERT_OK(WriteFileAndSync(&base_, "/d/f", "abc"));
  ASSERT_OK(fs_.FlipByte("/d/f", 1, 0x01));
  EXPECT_EQ(Read("/d/f"), "acc");
  ASSERT_RAISES(kOutOfRange, fs_.FlipByte("/d/f", 3));
}

TEST_F(FaultInjectionFileSystemTest, WorksOverThePosixFileSystem) {
  testing::TempDir dir;
  FaultInjectionFileSystem fs(PosixFileSystem::Default());
  std::string path = JoinPath(dir.path(), "f");
  ASSERT_OK_AND_ASSIGN(auto file, fs.NewWritableFile(path));
  ASSERT_OK(fs.SyncDir(dir.path()));
  ASSERT_OK(file->Append("keep"));
  ASSERT_OK(file->Sync());
  ASSERT_OK(file->Append("drop"));
  ASSERT_OK(file->Close());
  ASSERT_OK(fs.DropUnsyncedData());
  ASSERT_OK_AND_ASSIGN(std::string contents, fs.ReadFile(path));
  EXPECT_EQ(contents, "keep");
}

}  // namespace
}  // namespace quiver
