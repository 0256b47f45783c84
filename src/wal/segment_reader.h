#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "wal/wal_types.h"

namespace quiver {

// The outcome of scanning the bytes of one WAL segment file: its good records and how the
// file ends. The classification rules are those of docs/formats/wal.md, "Reading and
// recovery"; what to do about each outcome (truncate, refuse, recover) is the replayer's
// decision, because it depends on whether the segment is the last one.
struct SegmentScan {
  enum class Tail {
    kClean,      // good records up to the end of the file
    kZeroTail,   // good records, then only zero bytes (preallocation, zero-extension)
    kTorn,       // damage at `valid_end` that no later flush follows
    kCorrupt,    // damage at `problem_offset` that a later flush follows, or an impossible
                 // good record (wrong sequence)
    kNoHeader,   // shorter than a header, or all zeros: a crash right after creation
    kBadHeader,  // a damaged or foreign header (`problem` says how)
  };

  uint64_t first_sequence = 0;         // from the header (0 for kNoHeader / kBadHeader)
  std::vector<WalRecordView> records;  // the good prefix, views into the scanned bytes
  uint64_t valid_end = 0;              // byte offset just past the last good record
  Tail tail = Tail::kClean;
  uint64_t problem_offset = 0;  // where the damage starts (kTorn, kCorrupt, kBadHeader)
  std::string problem;          // what is wrong there, e.g. "checksum mismatch"

  bool damaged() const {
    return tail == Tail::kTorn || tail == Tail::kCorrupt || tail == Tail::kBadHeader;
  }
  // The sequence after the last good record.
  uint64_t next_sequence() const {
    return records.empty() ? first_sequence : records.back().sequence + 1;
  }
};

std::string_view SegmentTailName(SegmentScan::Tail tail);

// Scans `bytes`, the whole contents of a segment file whose name says its first sequence
// is `named_first_sequence`. Pure function of its input; the returned views point into
// `bytes`, which must outlive them.
SegmentScan ScanSegment(std::string_view bytes, uint64_t named_first_sequence);

}  // namespace quiver
