#pragma once

#include <cstdint>

#include "columnar/bit_util.h"
#include "columnar/buffer.h"

namespace quiver {

// Builds a validity bitmap lazily: no memory is used until the first null, at which
// point the bits for every earlier (valid) slot are filled in. Columns without nulls
// therefore finish without a validity buffer. Not thread-safe.
class ValidityBuilder {
 public:
  explicit ValidityBuilder(MemoryPool* pool) : bits_(pool) {}

  // Makes room for `additional` slots if a bitmap is being kept.
  Status Reserve(int64_t additional) {
    if (null_count_ == 0) return Status::OK();
    return bits_.Reserve(bit_util::BytesForBits(length_ + additional) - bits_.size());
  }
  void UnsafeAppendValid() {
    if (null_count_ > 0) SetAndGrow(true);
    ++length_;
  }
  // May allocate (the first null materialises the bitmap).
  Status AppendNull() {
    if (null_count_ == 0) RETURN_NOT_OK(Materialize(length_ + 1));
    RETURN_NOT_OK(bits_.Reserve(bit_util::BytesForBits(length_ + 1) - bits_.size()));
    SetAndGrow(false);
    ++length_;
    ++null_count_;
    return Status::OK();
  }
  Status AppendValidity(bool valid) { return valid ? (UnsafeAppendValid(), Status::OK()) : AppendNull(); }

  int64_t length() const { return length_; }
  int64_t null_count() const { return null_count_; }

  // Returns the bitmap (nullptr if there were no nulls) and resets to empty.
  Result<BufferPtr> Finish() {
    BufferPtr out;
    if (null_count_ > 0) {
      ASSIGN_OR_RETURN(out, bits_.Finish());
    }
    length_ = 0;
    null_count_ = 0;
    return out;
  }

 private:
  Status Materialize(int64_t slots) {
    RETURN_NOT_OK(bits_.Resize(bit_util::BytesForBits(slots)));
    bit_util::SetBitsTo(bits_.mutable_data(), 0, length_, true);
    return Status::OK();
  }
  void SetAndGrow(bool valid) {
    int64_t needed = bit_util::BytesForBits(length_ + 1);
    if (bits_.size() < needed) bits_.UnsafeAdvance(needed - bits_.size());
    bit_util::SetBitTo(bits_.mutable_data(), length_, valid);
  }

  BufferBuilder bits_;
  int64_t length_ = 0;
  int64_t null_count_ = 0;
};

}  // namespace quiver
