#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "base/result.h"
#include "buffer/growable_buffer.h"
#include "buffer/staged_table.h"
#include "catalog/catalog_schema.h"
#include "columnar/record_batch.h"
#include "types/time_range.h"

namespace quiver {

// Rows of one table in one time block, in arrival order, stored column by column in the
// Arrow layout (tags as Int32 indices into the block's TagDictionary objects). A chunk
// grows until it holds `capacity_rows` rows; then the block starts a new one.
//
// Thread-safety: external (the table buffer's mutex) for Append and Snapshot. Batches
// returned by Snapshot share the chunk's memory but never change, even as the chunk
// keeps growing (see GrowableBuffer).
class BufferChunk {
 public:
  BufferChunk(int64_t capacity_rows, MemoryPool* pool);
  ~BufferChunk();

  int64_t num_rows() const { return rows_; }
  bool full() const { return rows_ >= capacity_rows_; }
  int64_t room() const { return capacity_rows_ - rows_; }
  const TimeRange& time_range() const { return time_range_; }

  // Appends the rows of `staged` listed in `rows` (all rows if empty). `tag_ids[c]` maps
  // staged column c's distinct value index to the block dictionary index (only for tag
  // columns). REQUIRES: rows fit (room()).
  Status Append(const StagedTable& staged, std::span<const uint32_t> rows,
                const std::vector<std::vector<int32_t>>& tag_ids);

  // The chunk's rows as a batch in `table`'s Arrow schema (columns this chunk never saw
  // are all-null). `dictionaries(column id)` returns the block dictionary snapshot for a
  // tag column.
  template <typename DictionaryLookup>
  Result<RecordBatchPtr> Snapshot(const TableSchema& table, DictionaryLookup&& dictionaries) const;

  int64_t memory_bytes() const;

 private:
  struct Column;
  Column* ColumnFor(ColumnId id, ColumnType type);
  Result<Array> ColumnArray(const Column& column, const DataType& type, const Array& dictionary) const;

  const int64_t capacity_rows_;
  MemoryPool* pool_;
  int64_t rows_ = 0;
  TimeRange time_range_ = TimeRange::Empty();
  GrowableBuffer times_;
  std::vector<std::unique_ptr<Column>> columns_;
  std::vector<int32_t> column_slot_;  // column id -> index in columns_, or -1
};

template <typename DictionaryLookup>
Result<RecordBatchPtr> BufferChunk::Snapshot(const TableSchema& table,
                                             DictionaryLookup&& dictionaries) const {
  const SchemaPtr& schema = table.arrow_schema();
  std::vector<Array> arrays;
  arrays.reserve(schema->num_fields());
  for (const Field& field : schema->fields()) {
    const ColumnSchema* column = table.FindColumn(field.name());
    if (column->type.role == ColumnRole::kTime) {
      arrays.emplace_back(ArrayData::Make(field.type(), rows_, {nullptr, times_.Snapshot(rows_ * 8)}, 0));
      continue;
    }
    int32_t slot = column->id < column_slot_.size() ? column_slot_[column->id] : -1;
    if (slot < 0) {
      arrays.push_back(MakeNullArray(field.type(), rows_));
      continue;
    }
    Array dictionary;
    if (column->type.role == ColumnRole::kTag) dictionary = dictionaries(column->id);
    ASSIGN_OR_RETURN(Array array, ColumnArray(*columns_[slot], field.type(), dictionary));
    arrays.push_back(std::move(array));
  }
  return RecordBatch::MakeUnchecked(schema, rows_, std::move(arrays));
}

}  // namespace quiver
