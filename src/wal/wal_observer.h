#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "base/status.h"
#include "wal/wal_types.h"

namespace quiver {

// What one durable flush wrote, as reported to WalObserver::OnFlushed.
struct WalFlushInfo {
  std::span<const WalRecordView> records;  // in sequence order; views valid during the call
  // Closed (no longer appended to) segment files currently in the log: the upper layer
  // uses this to decide when to snapshot and persist (then DeleteSegmentsCoveredBy).
  size_t closed_segments = 0;
};

// The callback interface the layer above the WAL (the write buffer) implements: the lower
// layer defines it, the upper one fills it in, so nothing in wal/ depends on the buffer.
//
// Thread-safety and re-entrancy: OnReplay runs on the thread calling Wal::Open. OnFlushed
// runs on the WAL's flusher thread, one call at a time, in sequence order, without WAL
// locks held; it may call Wal's query methods and DeleteSegmentsCoveredBy, but must not call
// Wal::Append with Durability::kSync or Wal::Sync (the flusher would wait for itself), and
// it should be quick: the next flush waits for it.
class WalObserver {
 public:
  virtual ~WalObserver() = default;

  // One record found at startup, in sequence order, only those above the persisted
  // sequence passed to Wal::Open. A non-OK status aborts Wal::Open with that status. If
  // Open fails, the observer may have seen a prefix of the log and should be discarded.
  virtual Status OnReplay(uint64_t sequence, std::string_view payload) = 0;

  // Called after every flush, once its records are durable (fdatasync returned) and
  // BEFORE the writers waiting for them are acknowledged — so the upper layer can make the
  // rows visible to queries before any client learns the write succeeded. Records appended
  // with kNoSync are reported here too, once their flush is durable. Must not fail: the
  // records are already durable and will be replayed after a restart.
  virtual void OnFlushed(const WalFlushInfo& info) = 0;
};

}  // namespace quiver
