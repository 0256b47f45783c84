// Conformance tests that every FileSystem implementation must pass: the same suite runs
// on the real PosixFileSystem (in a temporary directory), on MemFileSystem, and on a
// FaultInjectionFileSystem wrapping a MemFileSystem.
#include "io/file_system.h"

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "io/fault_injection_file_system.h"
#include "io/mem_file_system.h"
#include "io/path.h"
#include "io/posix_file_system.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace quiver {
namespace {

enum class Impl { kPosix, kMem, kFaultInjectionOverMem };

std::string ImplName(const ::testing::TestParamInfo<Impl>& info) {
  switch (info.param) {
    case Impl::kPosix:
      return "Posix";
    case Impl::kMem:
      return "Mem";
    case Impl::kFaultInjectionOverMem:
      return "FaultInjectionOverMem";
  }
  return "Unknown";
}

class FileSystemTest : public ::testing::TestWithParam<Impl> {
 protected:
  void SetUp() override {
    switch (GetParam()) {
      case Impl::kPosix:
        fs_ = PosixFileSystem::Default();
        root_ = temp_dir_.path();
        break;
      case Impl::kMem:
        owned_ = std::make_unique<MemFileSystem>();
        fs_ = owned_.get();
        root_ = "/mem";
        break;
      case Impl::kFaultInjectionOverMem:
        base_ = std::make_unique<MemFileSystem>();
        owned_ = std::make_unique<FaultInjectionFileSystem>(base_.get());
        fs_ = owned_.get();
        root_ = "/fi";
        break;
    }
    ASSERT_OK(fs_->CreateDirs(root_));
  }

  std::string Path(std::string_view name) const { return JoinPath(root_, name); }

  void Write(const std::string& path, std::string_view data) {
    ASSERT_OK(WriteFileAndSync(fs_, path, data));
  }

  testing::TempDir temp_dir_;
  std::unique_ptr<FileSystem> base_;
  std::unique_ptr<FileSystem> owned_;
  FileSystem* fs_ = nullptr;
  std::string root_;
};

TEST_P(FileSystemTest, WriteThenReadBack) {
  std::string path = Path("a.txt");
  ASSERT_OK_AND_ASSIGN(auto file, fs_->NewWritableFile(path));
  EXPECT_EQ(file->path(), path);
  EXPECT_EQ(file->Size(), 0u);
  ASSERT_OK(file->Append("hello "));
  ASSERT_OK(file->Append("world"));
  EXPECT_EQ(file->Size(), 11u);
  ASSERT_OK(file->Flush());
  ASSERT_OK(file->Sync());
  ASSERT_OK(file->Close());
  ASSERT_OK_AND_ASSIGN(std::string contents, fs_->ReadFile(path));
  EXPECT_EQ(contents, "hello world");
  ASSERT_OK_AND_ASSIGN(uint64_t size, fs_->FileSize(path));
  EXPECT_EQ(size, 11u);
}

TEST_P(FileSystemTest, NewWritableFileTruncatesAndAppendableAppends) {
  std::string path = Path("f");
  Write(path, "0123456789");
  Write(path, "abc");
  ASSERT_OK_AND_ASSIGN(std::string contents, fs_->ReadFile(path));
  EXPECT_EQ(contents, "abc");

  ASSERT_OK_AND_ASSIGN(auto file, fs_->NewAppendableFile(path));
  EXPECT_EQ(file->Size(), 3u);
  ASSERT_OK(file->Append("def"));
  EXPECT_EQ(file->Size(), 6u);
  ASSERT_OK(file->Close());
  ASSERT_OK_AND_ASSIGN(contents, fs_->ReadFile(path));
  EXPECT_EQ(contents, "abcdef");

  ASSERT_OK_AND_ASSIGN(auto created, fs_->NewAppendableFile(Path("new")));
  ASSERT_OK(created->Close());
  ASSERT_OK_AND_ASSIGN(contents, fs_->ReadFile(Path("new")));
  EXPECT_EQ(contents, "");
}

TEST_P(FileSystemTest, ClosedFileRejectsWrites) {
  ASSERT_OK_AND_ASSIGN(auto file, fs_->NewWritableFile(Path("c")));
  ASSERT_OK(file->Close());
  ASSERT_RAISES(kIOError, file->Append("x"));
  ASSERT_RAISES(kIOError, file->Sync());
  ASSERT_RAISES(kIOError, file->Close());
}

TEST_P(FileSystemTest, PreallocateNeverChangesTheVisibleSize) {
  std::string path = Path("p");
  ASSERT_OK_AND_ASSIGN(auto file, fs_->NewWritableFile(path));
  Status status = file->Preallocate(1 << 20);
  EXPECT_TRUE(status.ok() || status.IsNotImplemented()) << status.ToString();
  ASSERT_OK(file->Append("abc"));
  ASSERT_OK(file->Sync());
  EXPECT_EQ(file->Size(), 3u);
  ASSERT_OK(file->Close());
  ASSERT_OK_AND_ASSIGN(uint64_t size, fs_->FileSize(path));
  EXPECT_EQ(size, 3u);
}

TEST_P(FileSystemTest, RandomAccessReads) {
  std::string path = Path("r");
  Write(path, "0123456789");
  ASSERT_OK_AND_ASSIGN(auto file, fs_->NewRandomAccessFile(path));
  char scratch[16];
  ASSERT_OK_AND_ASSIGN(std::string_view view, file->Read(2, 3, scratch));
  EXPECT_EQ(view, "234");
  ASSERT_OK_AND_ASSIGN(view, file->Read(8, 10, scratch));
  EXPECT_EQ(view, "89");
  ASSERT_OK_AND_ASSIGN(view, file->Read(10, 4, scratch));
  EXPECT_EQ(view, "");
  ASSERT_OK_AND_ASSIGN(view, file->Read(100, 4, scratch));
  EXPECT_EQ(view, "");
  ASSERT_OK_AND_ASSIGN(uint64_t size, file->Size());
  EXPECT_EQ(size, 10u);
}

TEST_P(FileSystemTest, MissingFilesAreNotFoundAndNameThePath) {
  std::string path = Path("missing");
  Result<std::string> read = fs_->ReadFile(path);
  ASSERT_RAISES(kNotFound, read);
  EXPECT_NE(read.status().message().find(path), std::string::npos) << read.status().ToString();
  ASSERT_RAISES(kNotFound, fs_->NewRandomAccessFile(path));
  ASSERT_RAISES(kNotFound, fs_->Stat(path));
  ASSERT_RAISES(kNotFound, fs_->DeleteFile(path));
  ASSERT_RAISES(kNotFound, fs_->Truncate(path, 0));
  ASSERT_RAISES(kNotFound, fs_->Rename(path, Path("other")));
  ASSERT_RAISES(kNotFound, fs_->ListDir(Path("nodir")));
  ASSERT_RAISES(kNotFound, fs_->NewWritableFile(Path("nodir/file")));
  ASSERT_OK_AND_ASSIGN(bool exists, fs_->FileExists(path));
  EXPECT_FALSE(exists);
}

TEST_P(FileSystemTest, CreateDirsListDirAndStat) {
  ASSERT_OK(fs_->CreateDirs(Path("x/y/z")));
  ASSERT_OK(fs_->CreateDirs(Path("x/y/z")));  // idempotent
  ASSERT_OK(fs_->CreateDirs(Path("x/y/z/")));
  Write(Path("x/b.txt"), "bb");
  Write(Path("x/a.txt"), "a");
  ASSERT_OK_AND_ASSIGN(std::vector<DirEntry> entries, fs_->ListDir(Path("x")));
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].name, "a.txt");
  EXPECT_FALSE(entries[0].is_directory);
  EXPECT_EQ(entries[1].name, "b.txt");
  EXPECT_EQ(entries[2].name, "y");
  EXPECT_TRUE(entries[2].is_directory);

  ASSERT_OK_AND_ASSIGN(FileInfo info, fs_->Stat(Path("x/b.txt")));
  EXPECT_EQ(info.size, 2u);
  EXPECT_FALSE(info.is_directory);
  EXPECT_GT(info.mtime_nanos, 0);
  ASSERT_OK_AND_ASSIGN(info, fs_->Stat(Path("x/y")));
  EXPECT_TRUE(info.is_directory);
  ASSERT_OK_AND_ASSIGN(bool exists, fs_->FileExists(Path("x/y/z")));
  EXPECT_TRUE(exists);

  // A file in the way of a directory.
  EXPECT_FALSE(fs_->CreateDirs(Path("x/a.txt/sub")).ok());
  ASSERT_OK(fs_->SyncDir(Path("x")));
}

TEST_P(FileSystemTest, CreateDirsDurably) {
  ASSERT_OK(CreateDirsDurably(fs_, Path("p/q/r")));
  ASSERT_OK(CreateDirsDurably(fs_, Path("p/q/r")));
  ASSERT_OK_AND_ASSIGN(FileInfo info, fs_->Stat(Path("p/q/r")));
  EXPECT_TRUE(info.is_directory);
  Write(Path("p/file"), "x");
  ASSERT_RAISES(kInvalidArgument, CreateDirsDurably(fs_, Path("p/file")));
  EXPECT_FALSE(CreateDirsDurably(fs_, Path("p/file/sub")).ok());
}

TEST_P(FileSystemTest, DeleteFileAndDir) {
  ASSERT_OK(fs_->CreateDirs(Path("d/e")));
  Write(Path("d/e/f"), "1");
  EXPECT_FALSE(fs_->DeleteDir(Path("d/e")).ok());  // not empty
  ASSERT_OK(fs_->DeleteFile(Path("d/e/f")));
  ASSERT_OK(fs_->DeleteDir(Path("d/e")));
  ASSERT_OK_AND_ASSIGN(std::vector<DirEntry> entries, fs_->ListDir(Path("d")));
  EXPECT_TRUE(entries.empty());
  ASSERT_RAISES(kNotFound, fs_->DeleteDir(Path("d/e")));
}

TEST_P(FileSystemTest, RenameReplacesAndRenameNoReplaceRefuses) {
  Write(Path("from"), "new");
  Write(Path("to"), "old");
  ASSERT_OK(fs_->Rename(Path("from"), Path("to")));
  ASSERT_OK_AND_ASSIGN(std::string contents, fs_->ReadFile(Path("to")));
  EXPECT_EQ(contents, "new");
  ASSERT_OK_AND_ASSIGN(bool exists, fs_->FileExists(Path("from")));
  EXPECT_FALSE(exists);

  Write(Path("second"), "second");
  ASSERT_RAISES(kAlreadyExists, fs_->RenameNoReplace(Path("second"), Path("to")));
  ASSERT_OK_AND_ASSIGN(contents, fs_->ReadFile(Path("to")));
  EXPECT_EQ(contents, "new");
  ASSERT_OK_AND_ASSIGN(contents, fs_->ReadFile(Path("second")));
  EXPECT_EQ(contents, "second");
  ASSERT_OK(fs_->RenameNoReplace(Path("second"), Path("third")));
  ASSERT_OK_AND_ASSIGN(contents, fs_->ReadFile(Path("third")));
  EXPECT_EQ(contents, "second");
}

TEST_P(FileSystemTest, TruncateCutsAndExtendsWithZeros) {
  Write(Path("t"), "abcdef");
  ASSERT_OK(fs_->Truncate(Path("t"), 3));
  ASSERT_OK_AND_ASSIGN(std::string contents, fs_->ReadFile(Path("t")));
  EXPECT_EQ(contents, "abc");
  ASSERT_OK(fs_->Truncate(Path("t"), 5));
  ASSERT_OK_AND_ASSIGN(contents, fs_->ReadFile(Path("t")));
  EXPECT_EQ(contents, std::string("abc\0\0", 5));
}

TEST_P(FileSystemTest, OpenHandleSurvivesRename) {
  ASSERT_OK_AND_ASSIGN(auto file, fs_->NewWritableFile(Path("open")));
  ASSERT_OK(file->Append("one"));
  ASSERT_OK(fs_->Rename(Path("open"), Path("moved")));
  ASSERT_OK(file->Append("two"));
  ASSERT_OK(file->Close());
  ASSERT_OK_AND_ASSIGN(std::string contents, fs_->ReadFile(Path("moved")));
  EXPECT_EQ(contents, "onetwo");
}

TEST_P(FileSystemTest, LockFileExcludesASecondHolderUntilReleased) {
  std::string path = Path("LOCK");
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<FileLock> lock, fs_->LockFile(path));
  EXPECT_EQ(lock->path(), path);
  Result<std::unique_ptr<FileLock>> second = fs_->LockFile(path);
  ASSERT_RAISES(kIOError, second);
  EXPECT_NE(second.status().message().find("already locked"), std::string::npos);
  lock.reset();
  ASSERT_OK_AND_ASSIGN(lock, fs_->LockFile(path));
}

TEST_P(FileSystemTest, ConcurrentWritersOnDifferentFiles) {
  constexpr int kThreads = 4;
  constexpr int kAppends = 200;
  std::vector<std::thread> threads;
  std::vector<Status> results(kThreads);
  for (int thread_index = 0; thread_index < kThreads; ++thread_index) {
    threads.emplace_back([&, thread_index] {
      std::string path = Path("concurrent" + std::to_string(thread_index));
      auto file = fs_->NewWritableFile(path);
      if (!file.ok()) {
        results[thread_index] = file.status();
        return;
      }
      for (int i = 0; i < kAppends; ++i) {
        Status status = (*file)->Append("x");
        if (!status.ok()) {
          results[thread_index] = status;
          return;
        }
      }
      results[thread_index] = (*file)->Close();
    });
  }
  for (auto& thread : threads) thread.join();
  for (int thread_index = 0; thread_index < kThreads; ++thread_index) {
    ASSERT_OK(results[thread_index]);
    ASSERT_OK_AND_ASSIGN(uint64_t size,
                         fs_->FileSize(Path("concurrent" + std::to_string(thread_index))));
    EXPECT_EQ(size, static_cast<uint64_t>(kAppends));
  }
}

INSTANTIATE_TEST_SUITE_P(AllImplementations, FileSystemTest,
                         ::testing::Values(Impl::kPosix, Impl::kMem, Impl::kFaultInjectionOverMem),
                         ImplName);

}  // namespace
}  // namespace quiver
