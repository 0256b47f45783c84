#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "base/status.h"
#include "io/file_lock.h"
#include "io/random_access_file.h"
#include "io/writable_file.h"

namespace quiver {

struct FileInfo {
  uint64_t size = 0;
  int64_t mtime_nanos = 0;  // last modification, ns since the Unix epoch
  bool is_directory = false;
};

struct DirEntry {
  std::string name;  // the entry's name within its directory, no slashes
  bool is_directory = false;
};

// The seam between Quiver and the operating system's file API (leveldb's `Env`): every
// file the server touches goes through a FileSystem so tests can swap in MemFileSystem or
// FaultInjectionFileSystem and simulate crashes, failing disks and bit rot.
//
// Paths are plain '/'-separated strings interpreted by the implementation (absolute or
// relative to the working directory for PosixFileSystem).
//
// Errors: a missing file or directory is NotFound; creating something that exists where
// that is not allowed is AlreadyExists; anything else is IOError. Messages name the
// operation, the path and the reason ("open /data/wal/00000000001.wal: Permission denied").
//
// Durability model (what crash tests check): appended data is durable after
// WritableFile::Sync; the existence of a newly created file, a rename and a delete are
// durable after SyncDir on the directory (both directories for a rename).
//
// Thread-safety: every implementation is safe to call from any number of threads.
class FileSystem {
 public:
  virtual ~FileSystem() = default;
  FileSystem(const FileSystem&) = delete;
  FileSystem& operator=(const FileSystem&) = delete;

  // Creates `path`, or truncates it to zero length if it exists. The parent directory
  // must exist (NotFound otherwise).
  virtual Result<std::unique_ptr<WritableFile>> NewWritableFile(const std::string& path) = 0;

  // Opens `path` for appending at its end, creating it (empty) if it does not exist.
  virtual Result<std::unique_ptr<WritableFile>> NewAppendableFile(const std::string& path) = 0;

  virtual Result<std::unique_ptr<RandomAccessFile>> NewRandomAccessFile(
      const std::string& path) = 0;

  // Reads a whole file into memory.
  virtual Result<std::string> ReadFile(const std::string& path);

  // Atomically renames a file, replacing `to` if it exists.
  virtual Status Rename(const std::string& from, const std::string& to) = 0;

  // Atomically renames a file unless `to` exists, in which case it returns AlreadyExists
  // and changes nothing. Used for create-only commits (ObjectStore::PutIfAbsent).
  virtual Status RenameNoReplace(const std::string& from, const std::string& to) = 0;

  virtual Status DeleteFile(const std::string& path) = 0;

  // Deletes an empty directory.
  virtual Status DeleteDir(const std::string& path) = 0;

  // Creates `path` and any missing parents (mkdir -p). OK if it already is a directory.
  virtual Status CreateDirs(const std::string& path) = 0;

  // The entries of a directory, sorted by name, without "." and "..".
  virtual Result<std::vector<DirEntry>> ListDir(const std::string& path) = 0;

  virtual Result<FileInfo> Stat(const std::string& path) = 0;

  // Makes the directory's entries (creations, renames, deletions) durable (fsync).
  virtual Status SyncDir(const std::string& path) = 0;

  // Sets the size of a file, cutting or zero-extending it.
  virtual Status Truncate(const std::string& path, uint64_t size) = 0;

  // Takes an exclusive lock on `path` (created if missing), or returns IOError if any
  // holder has it, including another FileLock in this process. Released when the returned
  // object is destroyed, or when the process exits.
  virtual Result<std::unique_ptr<FileLock>> LockFile(const std::string& path) = 0;

  // Conveniences built on Stat.
  Result<bool> FileExists(const std::string& path);
  Result<uint64_t> FileSize(const std::string& path);

 protected:
  FileSystem() = default;
};

// Writes `data` to `path` (create or truncate), syncs and closes it. Does not sync the
// directory.
Status WriteFileAndSync(FileSystem* fs, const std::string& path, std::string_view data);

// Creates `dir` and any missing parents, and makes each new directory's entry durable by
// syncing its parent (outermost first). OK if `dir` already is a directory;
// InvalidArgument if it is a file.
Status CreateDirsDurably(FileSystem* fs, const std::string& dir);

}  // namespace quiver
