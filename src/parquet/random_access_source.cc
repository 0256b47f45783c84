#include "parquet/random_access_source.h"

namespace quiver::parquet {

Result<BufferPtr> BufferSource::Read(int64_t offset, int64_t length) const {
  if (offset < 0 || length < 0 || offset > buffer_->size() || length > buffer_->size() - offset) {
    return Status::OutOfRange("read of {} bytes at {} is outside {} ({} bytes)", length, offset, name_,
                              buffer_->size());
  }
  return Buffer::Slice(buffer_, offset, length);
}

}  // namespace quiver::parquet
