#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"
#include "io/file_system.h"
#include "wal/wal_observer.h"
#include "wal/wal_types.h"

namespace quiver {

struct WalReplayResult {
  // The segments left in the directory after repairs, in sequence order.
  std::vector<WalSegmentInfo> segments;
  // The sequence of the last good record in the log (0 if there is none).
  uint64_t last_sequence = 0;
  uint64_t records_replayed = 0;  // delivered to the observer
  uint64_t records_skipped = 0;   // at or below the persisted sequence
  uint64_t bytes_discarded = 0;   // cut from torn tails and (kTruncate) corrupt regions
};

// Reads the WAL directory at startup: verifies framing and CRCs, delivers the records
// above `persisted_sequence` to `observer` in sequence order, and repairs what a crash
// legitimately leaves behind (a torn or zero tail in the last segment is truncated, a
// headerless last segment deleted), each with a warning. Anything else is Corruption
// naming the file and byte offset, unless `recovery` is kTruncate. The rules are in
// docs/formats/wal.md, "Reading and recovery" and "Replay".
//
// `observer` may be null (verify and repair only). Segments wholly at or below
// `persisted_sequence` are not read. Must not run concurrently with a writer on `dir`.
Result<WalReplayResult> ReplayWal(FileSystem* fs, const std::string& dir,
                                  uint64_t persisted_sequence, WalRecoveryMode recovery,
                                  WalObserver* observer);

// The segment files in `dir` (names matching the segment pattern), sorted by first
// sequence; sizes and last sequences are not filled in.
Result<std::vector<WalSegmentInfo>> ListWalSegments(FileSystem* fs, const std::string& dir);

}  // namespace quiver
