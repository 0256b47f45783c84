#pragma once

#include <cstdint>
#include <cstring>
#include <memory>

#include "base/result.h"
#include "columnar/buffer.h"
#include "columnar/memory_pool.h"

namespace quiver {

// An append-only byte buffer that readers can snapshot without copying while a single
// writer keeps appending.
//
// Invariants:
//  1. The writer only writes bytes at or beyond size(); bytes below size() never change
//     (except through Poke for bitmaps, see below).
//  2. When capacity runs out the writer moves to a new, larger allocation and copies the
//     contents; the old allocation stays alive as long as any snapshot refers to it.
//  3. Snapshot(n) returns a Buffer over the first n bytes of the current allocation,
//     keeping that allocation alive.
// So a snapshot taken under the owner's lock stays valid and unchanging after the lock is
// released, while the writer continues.
//
// Thread-safety: external. The owner serializes writers and snapshots with its own mutex;
// readers of returned snapshots need no lock.
class GrowableBuffer {
 public:
  explicit GrowableBuffer(MemoryPool* pool) : pool_(pool) {}

  int64_t size() const { return size_; }
  int64_t capacity() const { return allocation_ ? allocation_->capacity : 0; }
  uint8_t* mutable_data() { return allocation_ ? allocation_->data : nullptr; }
  const uint8_t* data() const { return allocation_ ? allocation_->data : nullptr; }

  Status Reserve(int64_t additional) {
    if (size_ + additional <= capacity()) return Status::OK();
    return Grow(size_ + additional);
  }
  void UnsafeAppend(const void* bytes, int64_t length) {
    if (length == 0) return;
    std::memcpy(allocation_->data + size_, bytes, static_cast<size_t>(length));
    size_ += length;
  }
  template <typename T>
  void UnsafeAppend(T value) {
    std::memcpy(allocation_->data + size_, &value, sizeof(T));
    size_ += sizeof(T);
  }
  // Extends the size over zeroed capacity. REQUIRES: Reserve.
  void UnsafeAdvance(int64_t length) { size_ += length; }

  // A zero-copy view of the first `length` bytes. REQUIRES: length <= size().
  BufferPtr Snapshot(int64_t length) const;
  // A private copy of the first `length` bytes (for bitmaps, whose last byte the writer
  // may still modify).
  Result<BufferPtr> CopyPrefix(int64_t length) const;

  // Bytes held (capacity of the current allocation).
  int64_t memory_bytes() const { return capacity(); }

 private:
  struct Allocation {
    Allocation(MemoryPool* pool, uint8_t* data, int64_t capacity)
        : pool(pool), data(data), capacity(capacity) {}
    ~Allocation() { pool->Free(data, capacity); }
    MemoryPool* pool;
    uint8_t* data;
    int64_t capacity;
  };

  Status Grow(int64_t min_capacity);

  MemoryPool* pool_;
  std::shared_ptr<Allocation> allocation_;
  int64_t size_ = 0;
};

}  // namespace quiver
