#include "io/posix_file_system.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "io/path.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace quiver {
namespace {

class PosixFileSystemTest : public ::testing::Test {
 protected:
  PosixFileSystem* fs_ = PosixFileSystem::Default();
  testing::TempDir dir_;
};

TEST_F(PosixFileSystemTest, ErrorsNameOperationPathAndReason) {
  std::string path = JoinPath(dir_.path(), "nope/file");
  Result<std::unique_ptr<WritableFile>> file = fs_->NewWritableFile(path);
  ASSERT_RAISES(kNotFound, file);
  EXPECT_EQ(file.status().message(), "open " + path + ": No such file or directory");
}

TEST_F(PosixFileSystemTest, PermissionDeniedIsIOError) {
  if (geteuid() == 0) GTEST_SKIP() << "root ignores file permissions";
  std::string locked_dir = JoinPath(dir_.path(), "ro");
  ASSERT_OK(fs_->CreateDirs(locked_dir));
  ASSERT_EQ(chmod(locked_dir.c_str(), 0500), 0);
  Result<std::unique_ptr<WritableFile>> file = fs_->NewWritableFile(JoinPath(locked_dir, "f"));
  chmod(locked_dir.c_str(), 0700);
  ASSERT_RAISES(kIOError, file);
  EXPECT_NE(file.status().message().find("Permission denied"), std::string::npos);
}

TEST_F(PosixFileSystemTest, OtherErrnoValuesAreIOError) {
  // Opening a directory for writing fails with EISDIR, even for root.
  Result<std::unique_ptr<WritableFile>> file = fs_->NewWritableFile(dir_.path());
  ASSERT_RAISES(kIOError, file);
  EXPECT_EQ(file.status().message(), "open " + dir_.path() + ": Is a directory");
  ASSERT_RAISES(kNotFound, fs_->SyncDir(JoinPath(dir_.path(), "missing-dir")));
}

TEST_F(PosixFileSystemTest, PreallocateReservesSpaceButKeepsSize) {
  std::string path = JoinPath(dir_.path(), "prealloc");
  ASSERT_OK_AND_ASSIGN(auto file, fs_->NewWritableFile(path));
  Status status = file->Preallocate(1 << 20);
  if (status.IsNotImplemented()) GTEST_SKIP() << status.ToString();
  ASSERT_OK(status);
  ASSERT_OK(file->Append("x"));
  ASSERT_OK(file->Sync());
  struct stat st;
  ASSERT_EQ(stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_size, 1);
  EXPECT_GE(st.st_blocks * 512, 1 << 20);
  ASSERT_OK(file->Close());
  // Truncating to the same size releases the reservation.
  ASSERT_OK(fs_->Truncate(path, 1));
  ASSERT_EQ(stat(path.c_str(), &st), 0);
  EXPECT_LT(st.st_blocks * 512, 1 << 20);
}

TEST_F(PosixFileSystemTest, LockIsExclusiveAcrossProcesses) {
  std::string path = JoinPath(dir_.path(), "LOCK");
  ASSERT_OK_AND_ASSIGN(auto lock, fs_->LockFile(path));
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    auto other = PosixFileSystem().LockFile(path);
    _exit(other.ok() ? 1 : 0);
  }
  int wait_status = 0;
  ASSERT_EQ(waitpid(child, &wait_status, 0), child);
  ASSERT_TRUE(WIFEXITED(wait_status));
  EXPECT_EQ(WEXITSTATUS(wait_status), 0) << "the child process obtained the lock";
}

TEST_F(PosixFileSystemTest, ReadFileOfLargeFile) {
  std::string path = JoinPath(dir_.path(), "big");
  std::string data(3 * 1024 * 1024 + 17, 'q');
  ASSERT_OK(WriteFileAndSync(fs_, path, data));
  ASSERT_OK_AND_ASSIGN(std::string back, fs_->ReadFile(path));
  EXPECT_EQ(back, data);
}

}  // namespace
}  // namespace quiver
