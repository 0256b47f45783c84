#include "wal/segment_reader.h"

#include <algorithm>

#include <fmt/format.h>

#include "wal/wal_format.h"

namespace quiver {
namespace {

namespace wf = wal_format;

bool AllZero(std::string_view bytes) {
  return std::all_of(bytes.begin(), bytes.end(), [](char c) { return c == 0; });
}

// True if a good record that begins a flush, with a sequence at or above `min_sequence`,
// starts anywhere in bytes[from, end). Such a record proves that whatever lies before it
// was synced: a flush is written only after the previous one's fdatasync has returned.
bool FindLaterFlushStart(std::string_view bytes, uint64_t from, uint64_t min_sequence) {
  if (bytes.size() < wf::kRecordHeaderSize) return false;
  const uint64_t last_start = bytes.size() - wf::kRecordHeaderSize;
  for (uint64_t offset = from; offset <= last_start; ++offset) {
    const char* p = bytes.data() + offset;
    if (static_cast<uint8_t>(p[16]) != wf::kFlagFirstInFlush) continue;  // cheap filter
    wf::RecordHeader header = wf::DecodeRecordHeader(p);
    if (header.sequence < min_sequence || header.sequence - min_sequence > (1ull << 40)) continue;
    if (header.length > wf::kMaxPayloadSize ||
        header.length > bytes.size() - offset - wf::kRecordHeaderSize) {
      continue;
    }
    std::string_view payload(p + wf::kRecordHeaderSize, header.length);
    if (wf::RecordCrcMatches(header, payload)) return true;
  }
  return false;
}

}  // namespace

std::string_view SegmentTailName(SegmentScan::Tail tail) {
  switch (tail) {
    case SegmentScan::Tail::kClean:
      return "clean";
    case SegmentScan::Tail::kZeroTail:
      return "zero tail";
    case SegmentScan::Tail::kTorn:
      return "torn tail";
    case SegmentScan::Tail::kCorrupt:
      return "corrupt";
    case SegmentScan::Tail::kNoHeader:
      return "no header";
    case SegmentScan::Tail::kBadHeader:
      return "bad header";
  }
  return "unknown";
}

SegmentScan ScanSegment(std::string_view bytes, uint64_t named_first_sequence) {
  SegmentScan scan;
  using Tail = SegmentScan::Tail;

  // Header.
  if (bytes.size() < wf::kSegmentHeaderSize || AllZero(bytes)) {
    scan.tail = Tail::kNoHeader;
    return scan;
  }
  uint64_t header_sequence = 0;
  Status header = wf::DecodeSegmentHeader(bytes, &header_sequence);
  if (!header.ok()) {
    scan.tail = Tail::kBadHeader;
    scan.problem = header.message();
    return scan;
  }
  if (header_sequence != named_first_sequence) {
    scan.tail = Tail::kBadHeader;
    scan.problem = fmt::format("header says first sequence {} but the file name says {}",
                               header_sequence, named_first_sequence);
    return scan;
  }
  scan.first_sequence = header_sequence;

  // Records.
  uint64_t offset = wf::kSegmentHeaderSize;
  uint64_t expected_sequence = header_sequence;
  std::string problem;
  while (offset < bytes.size()) {
    const uint64_t remaining = bytes.size() - offset;
    if (remaining < wf::kRecordHeaderSize) {
      problem = fmt::format("incomplete record header ({} of {} bytes)", remaining,
                            wf::kRecordHeaderSize);
      break;
    }
    wf::RecordHeader record = wf::DecodeRecordHeader(bytes.data() + offset);
    if (record.length > wf::kMaxPayloadSize) {
      problem = fmt::format("record length {} exceeds the maximum {}", record.length,
                            wf::kMaxPayloadSize);
      break;
    }
    if (record.length > remaining - wf::kRecordHeaderSize) {
      problem = fmt::format("incomplete record: length {} but only {} bytes follow the header",
                            record.length, remaining - wf::kRecordHeaderSize);
      break;
    }
    std::string_view payload(bytes.data() + offset + wf::kRecordHeaderSize, record.length);
    if (!wf::RecordCrcMatches(record, payload)) {
      problem = "checksum mismatch";
      break;
    }
    if ((record.flags & ~wf::kKnownFlags) != 0) {
      problem = fmt::format("unknown record flags 0x{:02x}", record.flags);
      break;
    }
    if (record.sequence != expected_sequence) {
      // A checksummed record cannot be torn: the log itself is inconsistent.
      scan.valid_end = offset;
      scan.tail = Tail::kCorrupt;
      scan.problem_offset = offset;
      scan.problem = fmt::format("record has sequence {} but {} was expected", record.sequence,
                                 expected_sequence);
      return scan;
    }
    scan.records.push_back(WalRecordView{record.sequence, payload});
    ++expected_sequence;
    offset += wf::kRecordHeaderSize + record.length;
  }
  scan.valid_end = offset;
  if (offset >= bytes.size()) {
    scan.tail = Tail::kClean;
    return scan;
  }
  if (AllZero(bytes.substr(offset))) {
    scan.tail = Tail::kZeroTail;
    return scan;
  }
  scan.problem_offset = offset;
  if (FindLaterFlushStart(bytes, offset + 1, expected_sequence)) {
    scan.tail = Tail::kCorrupt;
    scan.problem = problem + ", and a later flush follows it";
  } else {
    scan.tail = Tail::kTorn;
    scan.problem = std::move(problem);
  }
  return scan;
}

}  // namespace quiver
