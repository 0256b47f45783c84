#include "buffer/growable_buffer.h"

#include <algorithm>

namespace quiver {

Status GrowableBuffer::Grow(int64_t min_capacity) {
  int64_t new_capacity = std::max<int64_t>({min_capacity, capacity() * 2, 256});
  new_capacity = (new_capacity + 63) & ~int64_t{63};
  ASSIGN_OR_RETURN(uint8_t * data, pool_->Allocate(new_capacity));
  if (size_ > 0) std::memcpy(data, allocation_->data, static_cast<size_t>(size_));
  std::memset(data + size_, 0, static_cast<size_t>(new_capacity - size_));
  allocation_ = std::make_shared<Allocation>(pool_, data, new_capacity);
  return Status::OK();
}

BufferPtr GrowableBuffer::Snapshot(int64_t length) const {
  if (!allocation_) return Buffer::FromString(std::string());
  return std::make_shared<Buffer>(allocation_->data, length, allocation_);
}

Result<BufferPtr> GrowableBuffer::CopyPrefix(int64_t length) const {
  return Buffer::Copy(std::string_view(reinterpret_cast<const char*>(data()), static_cast<size_t>(length)));
}

}  // namespace quiver
