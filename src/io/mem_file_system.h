#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/thread_annotations.h"
#include "io/file_system.h"

namespace quiver {

// A FileSystem held entirely in memory, for fast unit tests and `--object-store memory`
// style setups (leveldb's helpers/memenv). Behaves like POSIX where tests can observe it:
// files need an existing parent directory, open handles keep working after their file is
// renamed or deleted (they hold the file's contents, like an inode), LockFile excludes
// other holders in this process, and errors use the same codes and message shapes as
// PosixFileSystem. Paths are normalized with NormalizePath ("a//b/" is "a/b"); "" and "/"
// always exist. Only files can be renamed. Everything is durable at once: Sync and SyncDir
// are no-ops (wrap it in FaultInjectionFileSystem to model crashes).
//
// Thread-safety: all methods are thread-safe. One mutex guards the namespace (files_,
// dirs_, locks_); each file's contents have their own mutex so reads and appends on
// different files do not contend.
class MemFileSystem final : public FileSystem {
 public:
  // `clock` stamps modification times; it must outlive this object (default: system clock).
  explicit MemFileSystem(const Clock* clock = SystemClock::Default());
  ~MemFileSystem() override;

  Result<std::unique_ptr<WritableFile>> NewWritableFile(const std::string& path) override;
  Result<std::unique_ptr<WritableFile>> NewAppendableFile(const std::string& path) override;
  Result<std::unique_ptr<RandomAccessFile>> NewRandomAccessFile(const std::string& path) override;
  Result<std::string> ReadFile(const std::string& path) override;
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

  // The contents of one file, shared by the namespace entry and open handles.
  struct MemFile;

 private:
  class MemLock;

  Result<std::unique_ptr<WritableFile>> OpenWritable(const std::string& path, bool truncate);
  Status RenameInternal(const std::string& from, const std::string& to, bool replace);
  bool DirExistsLocked(const std::string& normalized) const REQUIRES(mu_);
  void Unlock(const std::string& normalized);

  const Clock* const clock_;
  std::mutex mu_;
  std::map<std::string, std::shared_ptr<MemFile>> files_ GUARDED_BY(mu_);
  std::set<std::string> dirs_ GUARDED_BY(mu_);
  std::set<std::string> locks_ GUARDED_BY(mu_);
};

}  // namespace quiver
