#pragma once

#include <string>

namespace quiver {

// An exclusive advisory lock on a file, held until this object is destroyed. Obtained
// from FileSystem::LockFile; used so that two servers never share one data directory.
//
// Thread-safety: immutable after construction.
class FileLock {
 public:
  virtual ~FileLock() = default;
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

  virtual const std::string& path() const = 0;

 protected:
  FileLock() = default;
};

}  // namespace quiver
