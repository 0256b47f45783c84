#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include "base/result.h"
#include "base/thread_annotations.h"
#include "buffer/time_block.h"
#include "types/time_range.h"

namespace quiver {

// The buffered (not yet persisted) rows of one table, organised in gen1 time blocks.
//
// Thread-safety: all methods are thread-safe. Apply calls are serialized by the caller
// (the write buffer applies in WAL order); Scan may run concurrently with Apply and
// returns batches that stay valid and unchanged afterwards.
class TableBuffer {
 public:
  TableBuffer(int64_t gen1_duration, int64_t chunk_rows, MemoryPool* pool);
  ~TableBuffer();

  // Appends the staged rows, each to the block holding its time.
  Status Apply(const TableSchema& table, const StagedTable& staged);

  // Batches of every block overlapping `range`, in `table`'s Arrow schema (the latest
  // schema: columns added since a row was written are null in it). A block that may
  // hold duplicate points is returned deduplicated (sorted by series key and time, last
  // write wins per field); other blocks are returned as written, in arrival order. Rows
  // outside `range` may be included (callers filter).
  Result<std::vector<RecordBatchPtr>> Scan(const TableSchema& table, const TimeRange& range) const;

  int64_t num_rows() const;
  TimeRange time_range() const;
  int64_t memory_bytes() const;

 private:
  int64_t BlockStart(int64_t time) const;
  TimeBlock* BlockFor(int64_t start) REQUIRES(mu_);

  const int64_t gen1_duration_;
  const int64_t chunk_rows_;
  MemoryPool* pool_;

  mutable std::mutex mu_;
  std::map<int64_t, std::unique_ptr<TimeBlock>> blocks_ GUARDED_BY(mu_);
  // Deduplicated form of blocks that need it, reused while the block and the table schema
  // are unchanged (holding the Arrow schema keeps its address from being reused).
  struct DedupCache {
    int64_t rows = -1;
    SchemaPtr arrow_schema;
    RecordBatchPtr batch;
  };
  mutable std::map<int64_t, DedupCache> dedup_cache_ GUARDED_BY(mu_);
};

}  // namespace quiver
