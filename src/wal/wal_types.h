#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"

namespace quiver {

// When Wal::Append returns.
enum class Durability {
  kSync,    // after the flush holding the record is fdatasynced (the default for writes)
  kNoSync,  // as soon as the record is buffered (`no_sync=true`); a crash may lose it
};

// What opening the WAL does when it finds a corrupt record that is not a torn tail.
enum class WalRecoveryMode {
  kStrict,    // refuse to open: Corruption naming the file and byte offset (default)
  kTruncate,  // log an error and discard everything from the corrupt record on
};

// Parses `--wal-recovery` values: "strict" or "truncate".
Result<WalRecoveryMode> ParseWalRecoveryMode(std::string_view text);

// One record as handed to a WalObserver. The payload view is valid only during the call.
struct WalRecordView {
  uint64_t sequence = 0;
  std::string_view payload;
};

// One segment file of the log.
struct WalSegmentInfo {
  std::string path;
  uint64_t first_sequence = 0;
  // The last sequence it holds; first_sequence - 1 if it holds no record yet.
  uint64_t last_sequence = 0;
  uint64_t size_bytes = 0;
};

}  // namespace quiver
