#include "columnar/memory_pool.h"

#include <cstdlib>
#include <cstring>

namespace quiver {
namespace {

// A shared zero-size allocation: Allocate(0) returns it and Free ignores it.
alignas(kBufferAlignment) uint8_t zero_size_area[kBufferAlignment];

int64_t RoundUp(int64_t size) { return (size + kBufferAlignment - 1) & ~(kBufferAlignment - 1); }

class SystemMemoryPool final : public MemoryPool {
 public:
  Result<uint8_t*> Allocate(int64_t size) override {
    if (size < 0) return Status::InvalidArgument("negative allocation size: {}", size);
    if (size == 0) return zero_size_area;
    void* ptr = std::aligned_alloc(kBufferAlignment, RoundUp(size));
    if (ptr == nullptr) return Status::ResourceExhausted("out of memory allocating {} bytes", size);
    Account(size);
    return static_cast<uint8_t*>(ptr);
  }

  Result<uint8_t*> Reallocate(uint8_t* ptr, int64_t old_size, int64_t new_size) override {
    if (ptr == zero_size_area || old_size == 0) {
      return Allocate(new_size);
    }
    if (new_size == 0) {
      Free(ptr, old_size);
      return zero_size_area;
    }
    // aligned_alloc memory cannot be realloc()ed portably with alignment kept.
    ASSIGN_OR_RETURN(uint8_t * fresh, Allocate(new_size));
    std::memcpy(fresh, ptr, static_cast<size_t>(std::min(old_size, new_size)));
    Free(ptr, old_size);
    return fresh;
  }

  void Free(uint8_t* ptr, int64_t size) override {
    if (ptr == zero_size_area || ptr == nullptr) return;
    std::free(ptr);
    allocated_.fetch_sub(size, std::memory_order_relaxed);
  }

  int64_t bytes_allocated() const override { return allocated_.load(std::memory_order_relaxed); }
  int64_t peak_bytes_allocated() const override { return peak_.load(std::memory_order_relaxed); }
  std::string name() const override { return "system"; }

 private:
  void Account(int64_t size) {
    int64_t now = allocated_.fetch_add(size, std::memory_order_relaxed) + size;
    int64_t peak = peak_.load(std::memory_order_relaxed);
    while (now > peak && !peak_.compare_exchange_weak(peak, now, std::memory_order_relaxed)) {
    }
  }

  std::atomic<int64_t> allocated_{0};
  std::atomic<int64_t> peak_{0};
};

class LimitedMemoryPool final : public MemoryPool {
 public:
  LimitedMemoryPool(std::string name, int64_t limit, MemoryPool* parent)
      : name_(std::move(name)), limit_(limit), parent_(parent) {}

  Result<uint8_t*> Allocate(int64_t size) override {
    RETURN_NOT_OK(Reserve(size));
    auto result = parent_->Allocate(size);
    if (!result.ok()) Release(size);
    return result;
  }

  Result<uint8_t*> Reallocate(uint8_t* ptr, int64_t old_size, int64_t new_size) override {
    int64_t delta = new_size - old_size;
    if (delta > 0) RETURN_NOT_OK(Reserve(delta));
    auto result = parent_->Reallocate(ptr, old_size, new_size);
    if (!result.ok()) {
      if (delta > 0) Release(delta);
      return result;
    }
    if (delta < 0) Release(-delta);
    return result;
  }

  void Free(uint8_t* ptr, int64_t size) override {
    parent_->Free(ptr, size);
    Release(size);
  }

  int64_t bytes_allocated() const override { return allocated_.load(std::memory_order_relaxed); }
  int64_t peak_bytes_allocated() const override { return peak_.load(std::memory_order_relaxed); }
  std::string name() const override { return name_; }

 private:
  Status Reserve(int64_t size) {
    int64_t current = allocated_.load(std::memory_order_relaxed);
    do {
      if (current + size > limit_) {
        return Status::ResourceExhausted(
            "{} memory limit of {} bytes exceeded (allocating {} bytes with {} in use)", name_,
            limit_, size, current);
      }
    } while (!allocated_.compare_exchange_weak(current, current + size, std::memory_order_relaxed));
    int64_t now = current + size;
    int64_t peak = peak_.load(std::memory_order_relaxed);
    while (now > peak && !peak_.compare_exchange_weak(peak, now, std::memory_order_relaxed)) {
    }
    return Status::OK();
  }
  void Release(int64_t size) { allocated_.fetch_sub(size, std::memory_order_relaxed); }

  const std::string name_;
  const int64_t limit_;
  MemoryPool* const parent_;
  std::atomic<int64_t> allocated_{0};
  std::atomic<int64_t> peak_{0};
};

}  // namespace

MemoryPool* DefaultMemoryPool() {
  // Never destroyed on purpose: buffers may be freed during static destruction. The owner
  // stays reachable from this static, so leak checkers do not report it.
  static std::shared_ptr<SystemMemoryPool>* owner =
      new std::shared_ptr<SystemMemoryPool>(std::make_shared<SystemMemoryPool>());
  return owner->get();
}

MemoryPoolPtr MakeLimitedMemoryPool(std::string name, int64_t limit_bytes, MemoryPool* parent) {
  return std::make_shared<LimitedMemoryPool>(std::move(name), limit_bytes, parent);
}

}  // namespace quiver
