#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "base/result.h"
#include "columnar/buffer.h"

namespace quiver::parquet {

// Where a Parquet reader gets its bytes: a file in memory, a local file, or an object
// store's ranged GET. The reader asks for the footer first, then for whole column chunks
// (or single pages when the page index lets it skip).
//
// Thread-safety: implementations must allow concurrent Read calls.
class RandomAccessSource {
 public:
  virtual ~RandomAccessSource() = default;

  // Total size in bytes.
  virtual int64_t size() const = 0;

  // Bytes [offset, offset + length). The returned buffer keeps its memory alive and may
  // be a zero-copy view. Errors: OutOfRange if the range is not within [0, size());
  // IOError (or the store's error) when the bytes cannot be fetched.
  virtual Result<BufferPtr> Read(int64_t offset, int64_t length) const = 0;

  // A name for error messages (a path or object key).
  virtual const std::string& name() const = 0;
};

using RandomAccessSourcePtr = std::shared_ptr<const RandomAccessSource>;

// A source over bytes already in memory (a whole file fetched from the object store, a
// file written in memory). Reads are zero-copy slices.
class BufferSource final : public RandomAccessSource {
 public:
  BufferSource(BufferPtr buffer, std::string name)
      : buffer_(std::move(buffer)), name_(std::move(name)) {}
  static RandomAccessSourcePtr Make(BufferPtr buffer, std::string name) {
    return std::make_shared<BufferSource>(std::move(buffer), std::move(name));
  }
  // Takes ownership of a string's bytes.
  static RandomAccessSourcePtr FromString(std::string bytes, std::string name) {
    return Make(Buffer::FromString(std::move(bytes)), std::move(name));
  }

  int64_t size() const override { return buffer_->size(); }
  Result<BufferPtr> Read(int64_t offset, int64_t length) const override;
  const std::string& name() const override { return name_; }

 private:
  BufferPtr buffer_;
  std::string name_;
};

}  // namespace quiver::parquet
