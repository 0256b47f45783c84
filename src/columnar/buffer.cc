#include "columnar/buffer.h"

#include <algorithm>

#include "base/check.h"

namespace quiver {
namespace {

// Owns a pool allocation; frees it when the last Buffer referring to it goes away.
struct PoolAllocation {
  PoolAllocation(std::shared_ptr<MemoryPool> pool, uint8_t* data, int64_t capacity)
      : pool(std::move(pool)), data(data), capacity(capacity) {}
  ~PoolAllocation() { pool->Free(data, capacity); }
  std::shared_ptr<MemoryPool> pool;
  uint8_t* data;
  int64_t capacity;
};

int64_t RoundUpTo64(int64_t n) { return (n + 63) & ~int64_t{63}; }

}  // namespace

BufferPtr Buffer::Slice(const BufferPtr& parent, int64_t offset, int64_t length) {
  DCHECK(offset >= 0 && length >= 0 && offset + length <= parent->size())
      << "slice [" << offset << ", +" << length << ") of a buffer of " << parent->size();
  return std::make_shared<Buffer>(parent->data() + offset, length, parent);
}

BufferPtr Buffer::FromString(std::string bytes) {
  auto owner = std::make_shared<const std::string>(std::move(bytes));
  const auto* data = reinterpret_cast<const uint8_t*>(owner->data());
  int64_t size = static_cast<int64_t>(owner->size());
  return std::make_shared<Buffer>(data, size, std::move(owner));
}

Result<BufferPtr> Buffer::Copy(std::string_view bytes, MemoryPool* pool) {
  BufferBuilder builder(pool);
  RETURN_NOT_OK(builder.Append(bytes.data(), static_cast<int64_t>(bytes.size())));
  return builder.Finish();
}

BufferPtr Buffer::Unowned(const void* data, int64_t size) {
  return std::make_shared<Buffer>(static_cast<const uint8_t*>(data), size, nullptr);
}

BufferBuilder::~BufferBuilder() { Release(); }

BufferBuilder::BufferBuilder(BufferBuilder&& other) noexcept
    : pool_(other.pool_), data_(other.data_), size_(other.size_), capacity_(other.capacity_) {
  other.data_ = nullptr;
  other.size_ = other.capacity_ = 0;
}

BufferBuilder& BufferBuilder::operator=(BufferBuilder&& other) noexcept {
  if (this != &other) {
    Release();
    pool_ = other.pool_;
    data_ = other.data_;
    size_ = other.size_;
    capacity_ = other.capacity_;
    other.data_ = nullptr;
    other.size_ = other.capacity_ = 0;
  }
  return *this;
}

void BufferBuilder::Release() {
  if (data_ != nullptr) pool_->Free(data_, capacity_);
  data_ = nullptr;
  size_ = capacity_ = 0;
}

Status BufferBuilder::Grow(int64_t min_capacity) {
  int64_t new_capacity = RoundUpTo64(std::max<int64_t>(min_capacity, capacity_ * 2));
  new_capacity = std::max<int64_t>(new_capacity, 64);
  uint8_t* fresh;
  if (data_ == nullptr) {
    ASSIGN_OR_RETURN(fresh, pool_->Allocate(new_capacity));
  } else {
    ASSIGN_OR_RETURN(fresh, pool_->Reallocate(data_, capacity_, new_capacity));
  }
  std::memset(fresh + size_, 0, static_cast<size_t>(new_capacity - size_));
  data_ = fresh;
  capacity_ = new_capacity;
  return Status::OK();
}

Status BufferBuilder::Resize(int64_t new_size) {
  if (new_size > capacity_) RETURN_NOT_OK(Grow(new_size));
  if (new_size < size_) std::memset(data_ + new_size, 0, static_cast<size_t>(size_ - new_size));
  size_ = new_size;
  return Status::OK();
}

Result<BufferPtr> BufferBuilder::Finish() {
  if (data_ == nullptr) RETURN_NOT_OK(Grow(0));
  auto allocation =
      std::make_shared<PoolAllocation>(pool_->shared_from_this(), data_, capacity_);
  auto buffer = std::make_shared<Buffer>(data_, size_, std::move(allocation));
  data_ = nullptr;
  size_ = capacity_ = 0;
  return BufferPtr(std::move(buffer));
}

}  // namespace quiver
