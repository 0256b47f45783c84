#pragma once

#include <memory>
#include <string>
#include <vector>

#include "io/file_system.h"

namespace quiver {

// The real file system, through POSIX calls (open/pwrite/fdatasync/rename/flock...).
// errno values become Status: ENOENT -> NotFound, EEXIST -> AlreadyExists, everything
// else -> IOError, each message naming the operation, the path and strerror.
//
// Writable files are unbuffered: Append issues write(2) directly (callers such as the WAL
// already hand over one large buffer per flush), so Flush is a no-op.
//
// Thread-safety: stateless; safe from any number of threads.
class PosixFileSystem final : public FileSystem {
 public:
  PosixFileSystem() = default;

  // A process-wide instance that lives forever.
  static PosixFileSystem* Default();

  Result<std::unique_ptr<WritableFile>> NewWritableFile(const std::string& path) override;
  Result<std::unique_ptr<WritableFile>> NewAppendableFile(const std::string& path) override;
  Result<std::unique_ptr<RandomAccessFile>> NewRandomAccessFile(const std::string& path) override;
  Status Rename(const std::string& from, const std::string& to) override;
  Status RenameNoReplace(const std::string& from, const std::string& to) override;
  Status DeleteFile(const std::string& path) override;
  Status DeleteDir(const std::string& path) override;
  Status CreateDirs(const std::string& path) override;
  Result<std::vector<DirEntry>> ListDir(const std::string& path) override;
  Result<FileInfo> Stat(const std::string& path) override;
  Status SyncDir(const std::string& path) override;
  Status Truncate(const std::string& path, uint64_t size) override;
  Result<std::unique_ptr<FileLock>> LockFile(const std::string& path) override;
};

}  // namespace quiver
