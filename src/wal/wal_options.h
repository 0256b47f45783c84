#pragma once

#include <cstdint>

#include "base/duration.h"
#include "wal/wal_types.h"

namespace quiver {

// Tuning and recovery options for Wal::Open; defaults suit a server.
struct WalOptions {
  // --wal-segment-size: a segment is rotated before a flush once it has reached this size.
  uint64_t segment_size = 64ull << 20;

  // --wal-flush-interval: the longest a buffered record waits for company before its flush
  // starts. A flush starts at once (as soon as the previous one has finished) when a
  // writer is waiting for durability, so a lone durable write costs about one fdatasync;
  // concurrent writers arriving during a flush share the next one (group commit). Records
  // appended with kNoSync and no durable writer waiting are gathered for up to this long,
  // which bounds how much acknowledged-but-unsynced data a crash can lose. Default 10ms:
  // 100 fsyncs/s at most for a no_sync stream, 1% of the I/O budget of a fast disk, while
  // exposing no more than 10ms of no_sync writes. (InfluxDB 3 flushes on a fixed 1s timer,
  // which caps one connection doing durable writes at about one batch per second.)
  int64_t flush_interval_nanos = 10 * kNanosPerMilli;

  // Bytes that may be buffered and not yet durable (waiting for a flush or being written).
  // An Append that would exceed it fails with ResourceExhausted (the server answers 503)
  // instead of letting memory grow while the disk falls behind.
  uint64_t max_buffer_bytes = 256ull << 20;

  // Reserve segment_size bytes per segment with fallocate(KEEP_SIZE); see docs/formats/wal.md
  // for the measurement (2-2.5x faster fdatasync for large flushes here).
  bool preallocate = true;

  // --wal-recovery: what to do about a corrupt record that is not a torn tail.
  WalRecoveryMode recovery = WalRecoveryMode::kStrict;

  // The highest sequence already persisted elsewhere (Parquet). Replay skips records at or
  // below it, and new sequences continue above it.
  uint64_t persisted_sequence = 0;

  // Take an exclusive lock on <dir>/LOCK so that two processes never share one log.
  bool lock_directory = true;
};

}  // namespace quiver
