#include "buffer/table_buffer.h"

#include <algorithm>

#include "columnar/concatenate.h"
#include "columnar/sort_deduplicate.h"

namespace quiver {

TableBuffer::TableBuffer(int64_t gen1_duration, int64_t chunk_rows, MemoryPool* pool)
    : gen1_duration_(gen1_duration), chunk_rows_(chunk_rows), pool_(pool) {}
TableBuffer::~TableBuffer() = default;

int64_t TableBuffer::BlockStart(int64_t time) const {
  int64_t q = time / gen1_duration_;
  if (time % gen1_duration_ != 0 && time < 0) --q;  // floor for negative times
  return q * gen1_duration_;
}

TimeBlock* TableBuffer::BlockFor(int64_t start) {
  auto& block = blocks_[start];
  if (!block) block = std::make_unique<TimeBlock>(start, chunk_rows_, pool_);
  return block.get();
}

Status TableBuffer::Apply(const TableSchema& table, const StagedTable& staged) {
  const std::vector<int64_t>& times = staged.times();
  if (times.empty()) return Status::OK();
  auto [min_it, max_it] = std::minmax_element(times.begin(), times.end());
  int64_t first_block = BlockStart(*min_it);
  std::lock_guard lock(mu_);
  if (first_block == BlockStart(*max_it)) {
    return BlockFor(first_block)->Append(table, staged, {});
  }
  // Rows spanning several blocks: group row indices by block, keeping write order.
  std::map<int64_t, std::vector<uint32_t>> by_block;
  for (size_t i = 0; i < times.size(); ++i) by_block[BlockStart(times[i])].push_back(static_cast<uint32_t>(i));
  for (const auto& [start, rows] : by_block) {
    RETURN_NOT_OK(BlockFor(start)->Append(table, staged, rows));
  }
  return Status::OK();
}

Result<std::vector<RecordBatchPtr>> TableBuffer::Scan(const TableSchema& table,
                                                      const TimeRange& range) const {
  std::vector<RecordBatchPtr> out;
  std::lock_guard lock(mu_);
  for (const auto& [start, block] : blocks_) {
    if (!block->time_range().Overlaps(range)) continue;
    if (!block->may_have_duplicates()) {
      ASSIGN_OR_RETURN(auto batches, block->Snapshot(table));
      out.insert(out.end(), batches.begin(), batches.end());
      continue;
    }
    DedupCache& cache = dedup_cache_[start];
    if (cache.rows != block->num_rows() || cache.arrow_schema != table.arrow_schema()) {
      ASSIGN_OR_RETURN(auto batches, block->Snapshot(table));
      ASSIGN_OR_RETURN(RecordBatchPtr all, ConcatenateBatches(table.arrow_schema(), batches, pool_));
      // Key: series-key tags in order, then time.
      std::vector<int> keys;
      for (ColumnId id : table.series_key()) {
        keys.push_back(table.arrow_schema()->GetFieldIndex(table.ColumnById(id)->name));
      }
      keys.push_back(table.arrow_schema()->GetFieldIndex(kTimeColumnName));
      ASSIGN_OR_RETURN(RecordBatchPtr deduplicated, SortAndDeduplicate(*all, keys, true, pool_));
      cache = DedupCache{block->num_rows(), table.arrow_schema(), std::move(deduplicated)};
    }
    out.push_back(cache.batch);
  }
  return out;
}

int64_t TableBuffer::num_rows() const {
  std::lock_guard lock(mu_);
  int64_t rows = 0;
  for (const auto& [start, block] : blocks_) rows += block->num_rows();
  return rows;
}

TimeRange TableBuffer::time_range() const {
  std::lock_guard lock(mu_);
  TimeRange range = TimeRange::Empty();
  for (const auto& [start, block] : blocks_) range = range.Union(block->time_range());
  return range;
}

int64_t TableBuffer::memory_bytes() const {
  std::lock_guard lock(mu_);
  int64_t bytes = 0;
  for (const auto& [start, block] : blocks_) bytes += block->memory_bytes();
  for (const auto& [start, cache] : dedup_cache_) {
    if (cache.batch) bytes += cache.batch->num_rows() * cache.batch->num_columns() * 8;
  }
  return bytes;
}

}  // namespace quiver
