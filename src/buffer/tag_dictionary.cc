#include "buffer/tag_dictionary.h"

#include <limits>

#include "base/hash.h"

namespace quiver {

std::string_view TagDictionary::Value(int32_t index) const {
  const int32_t* offsets = reinterpret_cast<const int32_t*>(offsets_.data());
  return std::string_view(reinterpret_cast<const char*>(data_.data()) + offsets[index],
                          static_cast<size_t>(offsets[index + 1] - offsets[index]));
}

Result<int32_t> TagDictionary::GetOrInsert(std::string_view value) {
  if (slots_.empty()) slots_.resize(64);
  uint64_t hash = HashString(value);
  size_t mask = slots_.size() - 1;
  size_t pos = hash & mask;
  while (slots_[pos].index_plus_one != 0) {
    if (slots_[pos].hash == hash && Value(slots_[pos].index_plus_one - 1) == value) {
      return slots_[pos].index_plus_one - 1;
    }
    pos = (pos + 1) & mask;
  }
  if (data_.size() + static_cast<int64_t>(value.size()) > std::numeric_limits<int32_t>::max()) {
    return Status::ResourceExhausted("tag dictionary exceeds 2 GiB");
  }
  if (count_ == 0) {
    RETURN_NOT_OK(offsets_.Reserve(4));
    offsets_.UnsafeAppend<int32_t>(0);
  }
  RETURN_NOT_OK(offsets_.Reserve(4));
  RETURN_NOT_OK(data_.Reserve(static_cast<int64_t>(value.size())));
  data_.UnsafeAppend(value.data(), static_cast<int64_t>(value.size()));
  offsets_.UnsafeAppend(static_cast<int32_t>(data_.size()));
  int32_t index = count_++;
  slots_[pos] = Slot{hash, index + 1};
  if (static_cast<size_t>(count_) * 2 > slots_.size()) Rehash();
  return index;
}

void TagDictionary::Rehash() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.size() * 2, Slot{});
  size_t mask = slots_.size() - 1;
  for (const Slot& slot : old) {
    if (slot.index_plus_one == 0) continue;
    size_t pos = slot.hash & mask;
    while (slots_[pos].index_plus_one != 0) pos = (pos + 1) & mask;
    slots_[pos] = slot;
  }
}

Array TagDictionary::Snapshot(int32_t count) const {
  if (count == 0) return MakeNullArray(DataType::Utf8(), 0);
  const int32_t* offsets = reinterpret_cast<const int32_t*>(offsets_.data());
  BufferPtr offsets_view = offsets_.Snapshot((static_cast<int64_t>(count) + 1) * 4);
  BufferPtr data_view = data_.Snapshot(offsets[count]);
  return Array(ArrayData::Make(DataType::Utf8(), count, {nullptr, std::move(offsets_view), std::move(data_view)}, 0));
}

}  // namespace quiver
