#pragma once

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "base/result.h"
#include "base/thread_annotations.h"
#include "io/file_system.h"
#include "wal/segment_writer.h"
#include "wal/wal_observer.h"
#include "wal/wal_options.h"
#include "wal/wal_types.h"

namespace quiver {

// The write-ahead log: frames opaque payloads, numbers them, makes them durable with group
// commit, and replays them at startup (format: docs/formats/wal.md).
//
//   ASSIGN_OR_RETURN(auto wal, Wal::Open(fs, "<data-dir>/<node-id>/wal", options, &buffer));
//   ASSIGN_OR_RETURN(uint64_t sequence, wal->Append(payload, Durability::kSync));
//
// Group commit: Append encodes the record into a shared pending buffer and (for kSync)
// waits. One flusher thread repeatedly takes everything pending, writes it with one write
// and one fdatasync, tells the observer, then acknowledges the writers. A flush starts as
// soon as the previous one has finished and a durable writer is waiting, so a lone writer
// pays about one fdatasync and concurrent writers arriving during a flush share the next;
// see WalOptions::flush_interval_nanos for no_sync records.
//
// Invariants (mu_ guards every member named here unless noted):
//  1. Sequences are assigned in Append under mu_, contiguously from next_sequence_, and the
//     framed record is added to pending_ in the same critical section: pending_ holds
//     records in sequence order and the log is written in sequence order.
//  2. At most one flush is in flight. Only the flusher thread touches active_ (the open
//     SegmentWriter), and it does its I/O with mu_ released. (After the flusher has been
//     joined, Close touches active_.)
//  3. synced_sequence_ never decreases, and every record at or below it is durable. A
//     kSync writer is acknowledged iff synced_sequence_ >= its sequence, and only after
//     observer_->OnFlushed has seen the record.
//  4. error_ is sticky: after a failed write, sync or rotation it is set once and never
//     cleared; synced_sequence_ then never advances, every writer not yet acknowledged
//     fails with error_, and every later Append fails. (After a failed fdatasync the
//     kernel may have dropped the dirty pages, so retrying could acknowledge lost data;
//     the cure is a restart, whose replay reads what really is on disk.)
//  5. buffered_bytes_ (pending_ plus the flush in flight) never exceeds
//     options_.max_buffer_bytes; an Append that would exceed it fails ResourceExhausted.
//  6. segments_ lists the log's segment files in sequence order; when has_active_ is true
//     the last one is active_'s file. Closed segments are never written again, and
//     DeleteSegmentsCoveredBy removes only a prefix of closed segments.
//
// Thread-safety: all public methods are thread-safe. The FileSystem and the observer must
// outlive the Wal.
class Wal {
 public:
  // Creates `dir` if missing, locks it (options.lock_directory), replays it into `observer`
  // (may be null) and starts the flusher. Errors: Corruption naming a file and byte offset
  // (see WalRecoveryMode), IOError, the observer's own errors, InvalidArgument for bad
  // options, IOError "already locked" if another Wal holds `dir`.
  static Result<std::unique_ptr<Wal>> Open(FileSystem* fs, std::string dir, WalOptions options,
                                           WalObserver* observer);

  // Close()s, ignoring its status.
  ~Wal();
  Wal(const Wal&) = delete;
  Wal& operator=(const Wal&) = delete;

  // Appends one record and returns its sequence number: for kSync once it is durable, for
  // kNoSync once it is buffered. Errors: ResourceExhausted when the buffer limit would be
  // exceeded or the record alone exceeds it; InvalidArgument for a payload over 1 GiB; the
  // sticky IOError once any flush has failed; Cancelled after Close.
  Result<uint64_t> Append(std::string_view payload, Durability durability);

  // Waits until every record appended before the call is durable; returns the sticky error
  // if that can no longer happen.
  Status Sync();

  // Flushes what is buffered, stops the flusher, closes the active segment and releases the
  // directory lock. Returns the sticky error if there was one. Idempotent.
  Status Close();

  // The closed segments whose records are all at or below `persisted_sequence` (so the
  // persister's data covers them), oldest first.
  std::vector<WalSegmentInfo> SegmentsCoveredBy(uint64_t persisted_sequence) const;

  // Deletes the segments SegmentsCoveredBy would list, oldest first, and fsyncs the
  // directory. Returns how many were deleted. Never deletes the active segment.
  Result<size_t> DeleteSegmentsCoveredBy(uint64_t persisted_sequence);

  std::vector<WalSegmentInfo> Segments() const;
  // Segments no longer appended to (all but the active one).
  size_t ClosedSegmentCount() const;

  uint64_t LastSequence() const;    // the last sequence assigned (0 if none ever)
  uint64_t SyncedSequence() const;  // every record at or below it is durable
  uint64_t FlushCount() const;      // flushes completed since Open
  uint64_t BufferedBytes() const;   // bytes appended and not yet durable
  Status error() const;             // the sticky error, or OK

  const std::string& dir() const { return dir_; }

 private:
  // Records waiting for (or in) one flush.
  struct Batch {
    struct Entry {
      uint64_t sequence;
      size_t payload_offset;  // into bytes
      size_t payload_size;
    };
    std::string bytes;           // framed records, back to back
    std::vector<Entry> entries;  // in sequence order
    size_t durable_waiters = 0;  // kSync appends (or Sync calls) waiting on this batch
    int64_t oldest_nanos = 0;    // steady-clock time the first record arrived
    bool empty() const { return entries.empty(); }
  };

  Wal(FileSystem* fs, std::string dir, WalOptions options, WalObserver* observer);

  void FlusherLoop();
  // Before a flush: waits (at most flush_interval) for more records to share it. A flush
  // starts at once when at least as many durable writers are waiting as were active around
  // the previous flush; records appended with kNoSync alone wait up to flush_interval.
  void GatherLocked(std::unique_lock<std::mutex>& lock) REQUIRES(mu_);
  // Writes and syncs one batch, rotating first if the active segment is full. Flusher only.
  Status WriteBatch(const Batch& batch);
  Status Rotate(uint64_t first_sequence);
  size_t ClosedSegmentCountLocked() const REQUIRES(mu_);
  std::vector<WalSegmentInfo> CoveredLocked(uint64_t persisted_sequence) const REQUIRES(mu_);
  uint64_t EarlyFlushBytes() const { return options_.max_buffer_bytes / 4; }

  FileSystem* const fs_;
  const std::string dir_;
  const WalOptions options_;
  WalObserver* const observer_;
  std::unique_ptr<FileLock> dir_lock_;

  // Flusher-owned (invariant 2).
  std::unique_ptr<SegmentWriter> active_;
  std::thread flusher_;

  mutable std::mutex mu_;
  std::condition_variable flusher_cv_;  // wakes the flusher: work arrived, or closing
  std::condition_variable done_cv_;     // wakes writers: a flush finished
  uint64_t next_sequence_ GUARDED_BY(mu_) = 1;
  uint64_t synced_sequence_ GUARDED_BY(mu_) = 0;
  uint64_t flush_count_ GUARDED_BY(mu_) = 0;
  uint64_t buffered_bytes_ GUARDED_BY(mu_) = 0;
  // Durable writers seen around the last flush (those it acknowledged plus those already
  // waiting for the next one), and how long it took: the group-commit gather heuristic.
  size_t expected_writers_ GUARDED_BY(mu_) = 0;
  int64_t last_flush_nanos_ GUARDED_BY(mu_) = 0;
  Batch pending_ GUARDED_BY(mu_);
  std::string spare_buffer_ GUARDED_BY(mu_);  // a flushed batch's buffer, reused
  Status error_ GUARDED_BY(mu_);
  bool closing_ GUARDED_BY(mu_) = false;
  std::vector<WalSegmentInfo> segments_ GUARDED_BY(mu_);
  bool has_active_ GUARDED_BY(mu_) = false;

  std::mutex close_mu_;  // serializes Close
  bool closed_ GUARDED_BY(close_mu_) = false;
  std::mutex delete_mu_;  // serializes DeleteSegmentsCoveredBy
};

}  // namespace quiver
