#include "columnar/builder.h"

#include <limits>

#include "base/hash.h"

namespace quiver {

StringBuilder::StringBuilder(DataType type, MemoryPool* pool)
    : type_(std::move(type)), offsets_(pool), data_(pool), validity_(pool) {
  DCHECK(type_.is_binary_like()) << type_.ToString();
}

Status StringBuilder::Reserve(int64_t additional, int64_t data_bytes) {
  if (offsets_.size() == 0) {
    RETURN_NOT_OK(offsets_.Reserve(4));
    offsets_.UnsafeAppend<int32_t>(0);
  }
  if (data_.size() + data_bytes > std::numeric_limits<int32_t>::max()) {
    return Status::ResourceExhausted("string column exceeds 2 GiB of data ({} + {} bytes)",
                                     data_.size(), data_bytes);
  }
  RETURN_NOT_OK(offsets_.Reserve(additional * 4));
  RETURN_NOT_OK(data_.Reserve(data_bytes));
  return validity_.Reserve(additional);
}

Status StringBuilder::AppendNull() {
  RETURN_NOT_OK(Reserve(1));
  offsets_.UnsafeAppend(static_cast<int32_t>(data_.size()));
  return validity_.AppendNull();
}

Result<Array> StringBuilder::Finish() {
  if (offsets_.size() == 0) RETURN_NOT_OK(Reserve(0));
  int64_t length = validity_.length();
  int64_t null_count = validity_.null_count();
  ASSIGN_OR_RETURN(BufferPtr validity, validity_.Finish());
  ASSIGN_OR_RETURN(BufferPtr offsets, offsets_.Finish());
  ASSIGN_OR_RETURN(BufferPtr data, data_.Finish());
  return Array(ArrayData::Make(type_, length, {std::move(validity), std::move(offsets), std::move(data)},
                               null_count));
}

// Open-addressing hash table from string to dictionary index. The strings themselves live
// in `values` (a StringBuilder); slots store (hash, index + 1), 0 meaning empty.
struct StringDictionaryBuilder::Table {
  explicit Table(MemoryPool* pool) : values(DataType::Utf8(), pool) { slots.resize(64); }

  struct Slot {
    uint64_t hash = 0;
    int32_t index_plus_one = 0;
  };

  Result<int32_t> GetOrInsert(std::string_view value) {
    uint64_t hash = HashString(value);
    size_t mask = slots.size() - 1;
    size_t pos = hash & mask;
    while (true) {
      Slot& slot = slots[pos];
      if (slot.index_plus_one == 0) break;
      if (slot.hash == hash && values.ValueAt(slot.index_plus_one - 1) == value) {
        return slot.index_plus_one - 1;
      }
      pos = (pos + 1) & mask;
    }
    if (count == std::numeric_limits<int32_t>::max()) {
      return Status::ResourceExhausted("dictionary exceeds {} distinct values", count);
    }
    RETURN_NOT_OK(values.Append(value));
    int32_t index = count++;
    slots[pos] = Slot{hash, index + 1};
    if (static_cast<size_t>(count) * 2 > slots.size()) Rehash();
    return index;
  }

  void Rehash() {
    std::vector<Slot> old = std::move(slots);
    slots.assign(old.size() * 2, Slot{});
    size_t mask = slots.size() - 1;
    for (const Slot& slot : old) {
      if (slot.index_plus_one == 0) continue;
      size_t pos = slot.hash & mask;
      while (slots[pos].index_plus_one != 0) pos = (pos + 1) & mask;
      slots[pos] = slot;
    }
  }

  StringBuilder values;
  std::vector<Slot> slots;
  int32_t count = 0;
};

StringDictionaryBuilder::StringDictionaryBuilder(MemoryPool* pool)
    : pool_(pool), indices_(pool), validity_(pool), table_(std::make_unique<Table>(pool)) {}
StringDictionaryBuilder::~StringDictionaryBuilder() = default;
StringDictionaryBuilder::StringDictionaryBuilder(StringDictionaryBuilder&&) noexcept = default;
StringDictionaryBuilder& StringDictionaryBuilder::operator=(StringDictionaryBuilder&&) noexcept =
    default;

Result<int32_t> StringDictionaryBuilder::GetOrInsert(std::string_view value) {
  return table_->GetOrInsert(value);
}

Status StringDictionaryBuilder::AppendNull() {
  RETURN_NOT_OK(indices_.Reserve(4));
  indices_.UnsafeAppend<int32_t>(0);
  return validity_.AppendNull();
}

int32_t StringDictionaryBuilder::dictionary_size() const { return table_->count; }

std::string_view StringDictionaryBuilder::DictionaryValue(int32_t index) const {
  return table_->values.ValueAt(index);
}

Result<Array> StringDictionaryBuilder::Finish() {
  // Snapshot the dictionary by copying its current contents; the builder keeps appending
  // to its own copy for later batches.
  StringBuilder snapshot(DataType::Utf8());
  RETURN_NOT_OK(snapshot.Reserve(table_->count, table_->values.data_size()));
  for (int32_t i = 0; i < table_->count; ++i) snapshot.UnsafeAppend(table_->values.ValueAt(i));
  ASSIGN_OR_RETURN(Array dictionary, snapshot.Finish());

  int64_t length = validity_.length();
  int64_t null_count = validity_.null_count();
  ASSIGN_OR_RETURN(BufferPtr validity, validity_.Finish());
  ASSIGN_OR_RETURN(BufferPtr indices, indices_.Finish());
  auto data = std::make_shared<ArrayData>();
  data->type = DataType::TagDictionary();
  data->length = length;
  data->null_count = null_count;
  data->buffers = {std::move(validity), std::move(indices)};
  data->dictionary = dictionary.data();
  return Array(std::move(data));
}

void StringDictionaryBuilder::ResetDictionary() {
  table_ = std::make_unique<Table>(pool_);
}

}  // namespace quiver
