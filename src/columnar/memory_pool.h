#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "base/result.h"

namespace quiver {

// All columnar memory is 64-byte aligned (Arrow's recommendation; also what AVX-512 likes).
inline constexpr int64_t kBufferAlignment = 64;

// Where columnar buffers get their memory. Pools count their bytes so a query or the write
// buffer can be bounded: an allocation past a limit fails with ResourceExhausted instead of
// exhausting the machine. Thread-safe.
//
// Ownership: buffers allocated from a pool keep a shared_ptr to it, so a pool lives until
// its last buffer is freed.
class MemoryPool : public std::enable_shared_from_this<MemoryPool> {
 public:
  virtual ~MemoryPool() = default;

  // Returns `size` bytes aligned to kBufferAlignment (size 0 returns a valid, unique,
  // non-null pointer that must still be freed).
  virtual Result<uint8_t*> Allocate(int64_t size) = 0;
  // Grows or shrinks an allocation, preserving min(old_size, new_size) bytes.
  virtual Result<uint8_t*> Reallocate(uint8_t* ptr, int64_t old_size, int64_t new_size) = 0;
  virtual void Free(uint8_t* ptr, int64_t size) = 0;

  virtual int64_t bytes_allocated() const = 0;
  virtual int64_t peak_bytes_allocated() const = 0;
  virtual std::string name() const = 0;
};

using MemoryPoolPtr = std::shared_ptr<MemoryPool>;

// The process-wide pool over the system allocator (no limit).
MemoryPool* DefaultMemoryPool();

// A pool that forwards to `parent` and fails allocations that would take its own total past
// `limit_bytes`. The error message names the pool (e.g. "query") and the limit.
MemoryPoolPtr MakeLimitedMemoryPool(std::string name, int64_t limit_bytes,
                                    MemoryPool* parent = DefaultMemoryPool());

}  // namespace quiver
