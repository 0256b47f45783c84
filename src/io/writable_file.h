#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace quiver {

// A file open for sequential writing, obtained from FileSystem::NewWritableFile or
// NewAppendableFile. Data reaches the operating system on Flush() and stable storage on
// Sync(); until Sync() returns OK, a crash may lose any suffix of what was appended (see
// FaultInjectionFileSystem, which models exactly that).
//
// Thread-safety: not thread-safe; one owner at a time (the WAL flusher, an object-store
// Put). Destroying an unclosed file closes it and ignores errors: call Close() to see them.
class WritableFile {
 public:
  virtual ~WritableFile() = default;
  WritableFile(const WritableFile&) = delete;
  WritableFile& operator=(const WritableFile&) = delete;

  // Appends `data` at the end of the file. IOError names the path.
  virtual Status Append(std::string_view data) = 0;

  // Hands buffered data to the operating system (a no-op for unbuffered files).
  virtual Status Flush() = 0;

  // Makes everything appended so far durable (fdatasync: data and the file size, not
  // other metadata). Does NOT make a newly created file's directory entry durable: that
  // needs FileSystem::SyncDir on its directory.
  virtual Status Sync() = 0;

  // Flushes and closes. Further calls other than the destructor are errors.
  virtual Status Close() = 0;

  // Reserves disk space for the file up to `length` bytes without changing its size
  // (fallocate with FALLOC_FL_KEEP_SIZE), so later appends need not allocate blocks.
  // Returns NotImplemented where the file system cannot do it; callers treat that as a
  // hint that was ignored. Never changes what a reader sees.
  virtual Status Preallocate(uint64_t length) { return Status::NotImplemented("preallocate"); }

  // Bytes in the file: its size when opened plus everything appended since.
  virtual uint64_t Size() const = 0;

  virtual const std::string& path() const = 0;

 protected:
  WritableFile() = default;
};

}  // namespace quiver
