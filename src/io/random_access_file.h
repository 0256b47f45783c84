#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"

namespace quiver {

// A file open for positional reads (pread).
//
// Thread-safety: Read and Size may be called concurrently from any number of threads.
class RandomAccessFile {
 public:
  virtual ~RandomAccessFile() = default;
  RandomAccessFile(const RandomAccessFile&) = delete;
  RandomAccessFile& operator=(const RandomAccessFile&) = delete;

  // Reads up to `n` bytes starting at `offset` into `scratch` (which must hold `n` bytes)
  // and returns a view of what was read; it is shorter than `n` only at end of file, and
  // empty if `offset` is at or past the end. The view may point into `scratch`, so it is
  // valid while `scratch` is.
  virtual Result<std::string_view> Read(uint64_t offset, size_t n, char* scratch) const = 0;

  // The current size of the file.
  virtual Result<uint64_t> Size() const = 0;

  virtual const std::string& path() const = 0;

 protected:
  RandomAccessFile() = default;
};

}  // namespace quiver
