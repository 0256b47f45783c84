#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

#include "base/result.h"
#include "columnar/memory_pool.h"

namespace quiver {

class Buffer;
using BufferPtr = std::shared_ptr<const Buffer>;

// An immutable run of bytes. The memory is kept alive by `owner`, which may be a pool
// allocation, a parent buffer (for slices), a std::string, or foreign memory (an imported
// Arrow C array, a received IPC message). Buffers are never modified once shared.
class Buffer {
 public:
  Buffer(const uint8_t* data, int64_t size, std::shared_ptr<const void> owner)
      : data_(data), size_(size), owner_(std::move(owner)) {}

  const uint8_t* data() const { return data_; }
  int64_t size() const { return size_; }
  template <typename T>
  const T* data_as() const {
    return reinterpret_cast<const T*>(data_);
  }
  std::string_view view() const {
    return std::string_view(reinterpret_cast<const char*>(data_), static_cast<size_t>(size_));
  }
  bool Equals(const Buffer& other) const {
    return size_ == other.size_ && (size_ == 0 || std::memcmp(data_, other.data_, size_) == 0);
  }

  // A view of [offset, offset + length) of `parent` that keeps the parent alive.
  // REQUIRES: the range lies within the parent.
  static BufferPtr Slice(const BufferPtr& parent, int64_t offset, int64_t length);
  // Takes ownership of a string's bytes without copying.
  static BufferPtr FromString(std::string bytes);
  // Copies `bytes` into a new 64-byte aligned allocation.
  static Result<BufferPtr> Copy(std::string_view bytes, MemoryPool* pool = DefaultMemoryPool());
  // Wraps memory that the caller keeps alive for the buffer's lifetime (static data).
  static BufferPtr Unowned(const void* data, int64_t size);

 private:
  const uint8_t* data_;
  int64_t size_;
  std::shared_ptr<const void> owner_;
};

// A growable, 64-byte aligned, pool-allocated byte buffer for building columns.
// Capacity is always a multiple of 64 bytes and the bytes between size and capacity are
// zeroed, so Arrow's padding requirement holds when the memory is handed out by Finish().
// Not thread-safe.
class BufferBuilder {
 public:
  explicit BufferBuilder(MemoryPool* pool = DefaultMemoryPool()) : pool_(pool) {}
  ~BufferBuilder();
  BufferBuilder(BufferBuilder&& other) noexcept;
  BufferBuilder& operator=(BufferBuilder&& other) noexcept;
  BufferBuilder(const BufferBuilder&) = delete;
  BufferBuilder& operator=(const BufferBuilder&) = delete;

  // Ensures room for `additional` more bytes (grows geometrically).
  Status Reserve(int64_t additional) {
    if (size_ + additional <= capacity_) return Status::OK();
    return Grow(size_ + additional);
  }
  // Sets the size; new bytes are zero. May allocate.
  Status Resize(int64_t new_size);

  Status Append(const void* data, int64_t length) {
    RETURN_NOT_OK(Reserve(length));
    UnsafeAppend(data, length);
    return Status::OK();
  }
  void UnsafeAppend(const void* data, int64_t length) {
    if (length > 0) std::memcpy(data_ + size_, data, static_cast<size_t>(length));
    size_ += length;
  }
  template <typename T>
  void UnsafeAppend(T value) {
    std::memcpy(data_ + size_, &value, sizeof(T));
    size_ += sizeof(T);
  }
  // Advances the size by `length` zero bytes. REQUIRES: capacity.
  void UnsafeAdvance(int64_t length) { size_ += length; }

  uint8_t* mutable_data() { return data_; }
  const uint8_t* data() const { return data_; }
  template <typename T>
  T* mutable_data_as() {
    return reinterpret_cast<T*>(data_);
  }
  int64_t size() const { return size_; }
  int64_t capacity() const { return capacity_; }

  // Hands the bytes to an immutable Buffer (no copy) and resets the builder to empty.
  Result<BufferPtr> Finish();
  // Drops the contents, keeping the allocation.
  void Clear() {
    if (size_ > 0) std::memset(data_, 0, static_cast<size_t>(size_));
    size_ = 0;
  }

 private:
  Status Grow(int64_t min_capacity);
  void Release();

  MemoryPool* pool_;
  uint8_t* data_ = nullptr;
  int64_t size_ = 0;
  int64_t capacity_ = 0;
};

}  // namespace quiver
