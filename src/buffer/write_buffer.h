#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "base/thread_annotations.h"
#include "buffer/table_buffer.h"
#include "buffer/write_validator.h"
#include "catalog/catalog.h"
#include "lineproto/precision.h"
#include "wal/wal.h"

namespace quiver {

struct WriteBufferOptions {
  // --gen1-duration: width of the time blocks rows are grouped in.
  int64_t gen1_duration_nanos = 10 * kNanosPerMinute;
  // Rows per buffer chunk (the unit a query batch covers).
  int64_t chunk_rows = 64 * 1024;
  // --buffer-mem-limit: writes are refused (Unavailable → HTTP 503) while the buffer holds
  // more than this many bytes.
  int64_t memory_limit_bytes = int64_t{4} << 30;
};

// One write request, as the HTTP layer hands it over.
struct WriteRequest {
  std::string_view db;
  std::string_view body;
  lineproto::Precision precision = lineproto::Precision::kNanosecond;
  bool accept_partial = true;
  bool no_sync = false;
};

// What became of a write request.
struct WriteOutcome {
  std::vector<LineError> errors;  // rejected lines, in line order
  int64_t accepted_lines = 0;
  int64_t rows = 0;
  bool rejected = false;   // accept_partial=false and a line failed: nothing written
  uint64_t sequence = 0;   // WAL sequence of the accepted rows (0 if none)
};

// The write path and the in-memory buffer of not-yet-persisted rows.
//
// Write: parse and validate the body against the catalog (creating schema as needed),
// stage the accepted rows, append the request to the WAL; the WAL's flusher calls
// OnFlushed in sequence order once the record is durable, which applies the staged rows
// to the table buffers — before the writer is acknowledged. So:
//  1. rows become visible in WAL order (the order replay reproduces), hence the same rows
//     win deduplication before and after a restart;
//  2. a durable write is visible to every query that starts after its acknowledgement;
//  3. nothing is visible that is not durable, except no_sync writes (visible once flushed).
//
// Thread-safety: Write and Scan are thread-safe. Construct, then Wal::Open with this as
// the observer (replay), then AttachWal before the first Write.
class WriteBuffer final : public WalObserver {
 public:
  WriteBuffer(Catalog* catalog, WriteBufferOptions options, const Clock* clock = SystemClock::Default());
  ~WriteBuffer() override;

  void AttachWal(Wal* wal) { wal_ = wal; }

  // Errors: InvalidArgument (bad database name), ResourceExhausted (database limit),
  // Unavailable (buffer over its memory limit or WAL buffer full), IOError (WAL or catalog
  // failure). Line problems are reported in the outcome.
  Result<WriteOutcome> Write(const WriteRequest& request);

  // Buffered rows of a table overlapping `range`, in the latest catalog schema. Empty if
  // nothing is buffered for it.
  Result<std::vector<RecordBatchPtr>> Scan(DbId db, TableId table, const TimeRange& range) const;

  // WalObserver.
  Status OnReplay(uint64_t sequence, std::string_view payload) override;
  void OnFlushed(const WalFlushInfo& info) override;

  int64_t memory_bytes() const;
  int64_t rows_applied() const { return rows_applied_.load(std::memory_order_relaxed); }
  const WriteBufferOptions& options() const { return options_; }

 private:
  std::unique_ptr<WriteValidator> AcquireValidator();
  void ReleaseValidator(std::unique_ptr<WriteValidator> validator);
  Status Apply(const ValidatedWrite& write);
  std::shared_ptr<TableBuffer> TableFor(DbId db, TableId table);

  Catalog* const catalog_;
  const WriteBufferOptions options_;
  const Clock* const clock_;
  // Every buffer allocation comes from here; its byte count is the buffer's memory use.
  const MemoryPoolPtr pool_;
  Wal* wal_ = nullptr;

  std::mutex validators_mu_;
  std::vector<std::unique_ptr<WriteValidator>> validators_ GUARDED_BY(validators_mu_);

  // Staged writes waiting for OnFlushed, by record token.
  std::mutex pending_mu_;
  std::map<uint64_t, std::unique_ptr<ValidatedWrite>> pending_ GUARDED_BY(pending_mu_);
  std::atomic<uint64_t> next_token_{1};

  mutable std::shared_mutex tables_mu_;
  std::map<std::pair<DbId, TableId>, std::shared_ptr<TableBuffer>> tables_ GUARDED_BY(tables_mu_);

  std::atomic<int64_t> rows_applied_{0};
};

}  // namespace quiver
