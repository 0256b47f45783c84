#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "base/result.h"
#include "buffer/buffer_chunk.h"
#include "buffer/tag_dictionary.h"
#include "catalog/catalog_schema.h"

namespace quiver {

// The buffered rows of one table whose times fall in one gen1 block
// [start, start + duration). Holds the block's tag dictionaries (shared by all its
// chunks), its chunks in arrival order, and a per-series "latest time" map that detects
// when a row may repeat an earlier (series, time) point, in which case queries must
// deduplicate the block (last write wins per field).
//
// Thread-safety: external (the table buffer's mutex).
class TimeBlock {
 public:
  TimeBlock(int64_t start, int64_t chunk_rows, MemoryPool* pool);
  ~TimeBlock();

  int64_t start() const { return start_; }
  int64_t num_rows() const { return num_rows_; }
  const TimeRange& time_range() const { return time_range_; }
  // True if some row's (series, time) may equal an earlier row's.
  bool may_have_duplicates() const { return may_have_duplicates_; }

  // Appends the listed rows of `staged` (all if `rows` is empty), in order.
  Status Append(const TableSchema& table, const StagedTable& staged, std::span<const uint32_t> rows);

  // One batch per chunk, in `table`'s Arrow schema, all sharing the block's dictionaries.
  Result<std::vector<RecordBatchPtr>> Snapshot(const TableSchema& table) const;

  int64_t memory_bytes() const;

 private:
  TagDictionary* DictionaryFor(ColumnId id);
  // Records the series/time of appended rows; sets may_have_duplicates_.
  void TrackSeries(const TableSchema& table, const StagedTable& staged, std::span<const uint32_t> rows,
                   const std::vector<std::vector<int32_t>>& tag_ids);

  const int64_t start_;
  const int64_t chunk_rows_;
  MemoryPool* pool_;
  int64_t num_rows_ = 0;
  TimeRange time_range_ = TimeRange::Empty();
  bool may_have_duplicates_ = false;
  std::vector<std::unique_ptr<TagDictionary>> dictionaries_;  // by tag column id
  std::vector<std::unique_ptr<BufferChunk>> chunks_;
  // Series hash -> latest time seen. Hash collisions can only cause false positives.
  struct SeriesSlot {
    uint64_t hash = 0;
    int64_t last_time = 0;
    bool used = false;
  };
  std::vector<SeriesSlot> series_;
  size_t series_count_ = 0;
};

}  // namespace quiver
