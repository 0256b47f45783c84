#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "buffer/growable_buffer.h"
#include "columnar/array.h"

namespace quiver {

// The values of one tag column within one time block: an append-only Utf8 array plus a
// hash index. Every chunk of the block encodes the tag with indices into this dictionary,
// so all batches a block produces share one dictionary (the query engine can group on
// indices without looking at strings).
//
// Thread-safety: external (the owning block's mutex). Snapshot() results are immutable.
class TagDictionary {
 public:
  explicit TagDictionary(MemoryPool* pool) : offsets_(pool), data_(pool) {}

  // Index of `value`, adding it if new.
  Result<int32_t> GetOrInsert(std::string_view value);
  int32_t size() const { return count_; }
  std::string_view Value(int32_t index) const;

  // The first `count` values as a Utf8 array (zero-copy).
  Array Snapshot(int32_t count) const;
  int64_t memory_bytes() const {
    return offsets_.memory_bytes() + data_.memory_bytes() +
           static_cast<int64_t>(slots_.capacity() * sizeof(Slot));
  }

 private:
  struct Slot {
    uint64_t hash = 0;
    int32_t index_plus_one = 0;
  };
  void Rehash();

  GrowableBuffer offsets_;  // int32, count_ + 1 entries once non-empty
  GrowableBuffer data_;
  std::vector<Slot> slots_;
  int32_t count_ = 0;
};

}  // namespace quiver
