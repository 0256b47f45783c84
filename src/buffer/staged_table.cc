#include "buffer/staged_table.h"

#include "base/hash.h"

namespace quiver {

StagedTable::Column& StagedTable::ColumnFor(ColumnId id, ColumnType type) {
  if (id >= column_slot_.size()) column_slot_.resize(id + 1, -1);
  int32_t slot = column_slot_[id];
  if (slot >= 0) return columns_[slot];
  column_slot_[id] = static_cast<int32_t>(columns_.size());
  Column& column = columns_.emplace_back();
  column.id = id;
  column.type = type;
  // Earlier rows of this request had no value for the new column.
  size_t earlier = times_.size() - 1;
  column.valid.assign(earlier, 0);
  if (type.role == ColumnRole::kTag) {
    column.indices.assign(earlier, -1);
  } else if (type.field_type == FieldType::kString) {
    column.offsets.assign(earlier + 1, 0);
  } else {
    column.words.assign(earlier, 0);
  }
  return column;
}

void StagedTable::SetTag(ColumnId id, std::string_view value) {
  Column& column = ColumnFor(id, ColumnType::Tag());
  uint64_t hash = HashString(value);
  if (column.hash_slots.empty()) column.hash_slots.assign(16, 0);
  size_t mask = column.hash_slots.size() - 1;
  size_t pos = hash & mask;
  int32_t index = -1;
  while (column.hash_slots[pos] != 0) {
    int32_t candidate = column.hash_slots[pos] - 1;
    if (column.distinct_hashes[candidate] == hash && column.distinct_values[candidate] == value) {
      index = candidate;
      break;
    }
    pos = (pos + 1) & mask;
  }
  if (index < 0) {
    index = static_cast<int32_t>(column.distinct_values.size());
    column.distinct_values.emplace_back(value);
    column.distinct_hashes.push_back(hash);
    column.hash_slots[pos] = index + 1;
    if (column.distinct_values.size() * 2 > column.hash_slots.size()) {
      column.hash_slots.assign(column.hash_slots.size() * 2, 0);
      size_t new_mask = column.hash_slots.size() - 1;
      for (size_t i = 0; i < column.distinct_hashes.size(); ++i) {
        size_t p = column.distinct_hashes[i] & new_mask;
        while (column.hash_slots[p] != 0) p = (p + 1) & new_mask;
        column.hash_slots[p] = static_cast<int32_t>(i) + 1;
      }
    }
  }
  column.indices.push_back(index);
  column.valid.push_back(1);
}

void StagedTable::SetWord(ColumnId id, ColumnType type, uint64_t word) {
  Column& column = ColumnFor(id, type);
  column.words.push_back(word);
  column.valid.push_back(1);
}

void StagedTable::SetString(ColumnId id, std::string_view value) {
  Column& column = ColumnFor(id, ColumnType::OfField(FieldType::kString));
  column.bytes.append(value);
  column.offsets.push_back(static_cast<uint32_t>(column.bytes.size()));
  column.valid.push_back(1);
}

void StagedTable::EndRow() {
  size_t rows = times_.size();
  for (Column& column : columns_) {
    if (column.valid.size() == rows) continue;
    column.valid.push_back(0);
    if (column.type.role == ColumnRole::kTag) {
      column.indices.push_back(-1);
    } else if (column.type.field_type == FieldType::kString) {
      column.offsets.push_back(column.offsets.back());
    } else {
      column.words.push_back(0);
    }
  }
}

int64_t StagedTable::memory_bytes() const {
  int64_t bytes = static_cast<int64_t>(times_.capacity() * 8);
  for (const Column& column : columns_) {
    bytes += static_cast<int64_t>(column.valid.capacity() + column.words.capacity() * 8 +
                                  column.indices.capacity() * 4 + column.offsets.capacity() * 4 +
                                  column.bytes.capacity());
    for (const std::string& v : column.distinct_values) bytes += static_cast<int64_t>(v.capacity());
  }
  return bytes;
}

}  // namespace quiver
