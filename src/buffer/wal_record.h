#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "lineproto/precision.h"

namespace quiver {

// The payload of one WAL record written by the write buffer: a line-protocol write
// request as received, with everything needed to validate it again identically at replay
// (docs/formats/wal.md, "Write record payload"). Storing the request body rather than
// re-encoded rows makes the WAL append a memcpy and replay the same code path as a live
// write.
struct WalWriteRecord {
  // Process-local id linking a live record to the rows already staged for it; meaningless
  // after a restart (replay re-validates the body instead).
  uint64_t token = 0;
  // The database's id when the write was accepted; replay skips the record if the live
  // database of that name now has another id (it was deleted and re-created).
  uint32_t db_id = 0;
  std::string_view db_name;
  lineproto::Precision precision = lineproto::Precision::kNanosecond;
  // The server's receipt time: the timestamp of lines without one.
  int64_t default_time_ns = 0;
  // Line numbers (InfluxDB 3 numbering) the original request rejected, ascending.
  std::vector<size_t> rejected_lines;
  std::string_view body;
};

// Appends the encoded record to `out`.
void EncodeWalWriteRecord(const WalWriteRecord& record, std::string* out);
// Views into `payload` stay valid as long as it does. Errors: Corruption.
Result<WalWriteRecord> DecodeWalWriteRecord(std::string_view payload);

}  // namespace quiver
