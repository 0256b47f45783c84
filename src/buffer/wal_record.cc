#include "buffer/wal_record.h"

#include <cstring>

namespace quiver {
namespace {

constexpr uint8_t kWriteRecordVersion = 1;

void PutVarint(std::string* out, uint64_t v) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>(v | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

void PutFixed64(std::string* out, uint64_t v) {
  char bytes[8];
  for (int i = 0; i < 8; ++i) bytes[i] = static_cast<char>(v >> (8 * i));
  out->append(bytes, 8);
}

struct Reader {
  std::string_view in;
  bool ok = true;

  uint64_t Varint() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (in.empty()) return ok = false, 0;
      uint8_t b = static_cast<uint8_t>(in.front());
      in.remove_prefix(1);
      v |= static_cast<uint64_t>(b & 0x7F) << shift;
      if (b < 0x80) return v;
    }
    return ok = false, 0;
  }
  uint64_t Fixed64() {
    if (in.size() < 8) return ok = false, 0;
    uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v |= static_cast<uint64_t>(static_cast<uint8_t>(in[i])) << (8 * i);
    in.remove_prefix(8);
    return v;
  }
  uint8_t Byte() {
    if (in.empty()) return ok = false, 0;
    uint8_t b = static_cast<uint8_t>(in.front());
    in.remove_prefix(1);
    return b;
  }
  std::string_view Bytes(uint64_t n) {
    if (n > in.size()) return ok = false, std::string_view();
    std::string_view v = in.substr(0, n);
    in.remove_prefix(n);
    return v;
  }
};

}  // namespace

void EncodeWalWriteRecord(const WalWriteRecord& record, std::string* out) {
  out->reserve(out->size() + 32 + record.db_name.size() + record.body.size() +
               record.rejected_lines.size() * 3);
  out->push_back(static_cast<char>(kWriteRecordVersion));
  PutFixed64(out, record.token);
  PutVarint(out, record.db_id);
  PutVarint(out, record.db_name.size());
  out->append(record.db_name);
  out->push_back(static_cast<char>(record.precision));
  PutFixed64(out, static_cast<uint64_t>(record.default_time_ns));
  PutVarint(out, record.rejected_lines.size());
  size_t previous = 0;
  for (size_t line : record.rejected_lines) {
    PutVarint(out, line - previous);  // delta-encoded, ascending
    previous = line;
  }
  out->append(record.body);
}

Result<WalWriteRecord> DecodeWalWriteRecord(std::string_view payload) {
  Reader reader{payload};
  WalWriteRecord record;
  uint8_t version = reader.Byte();
  if (reader.ok && version != kWriteRecordVersion) {
    return Status::Corruption("unsupported WAL write record version {}", version);
  }
  record.token = reader.Fixed64();
  uint64_t db_id = reader.Varint();
  if (db_id > UINT32_MAX) reader.ok = false;
  record.db_id = static_cast<uint32_t>(db_id);
  record.db_name = reader.Bytes(reader.Varint());
  uint8_t precision = reader.Byte();
  if (precision > static_cast<uint8_t>(lineproto::Precision::kNanosecond)) reader.ok = false;
  record.precision = static_cast<lineproto::Precision>(precision);
  record.default_time_ns = static_cast<int64_t>(reader.Fixed64());
  uint64_t rejected = reader.Varint();
  if (rejected > payload.size()) reader.ok = false;
  size_t line = 0;
  for (uint64_t i = 0; reader.ok && i < rejected; ++i) {
    line += reader.Varint();
    record.rejected_lines.push_back(line);
  }
  if (!reader.ok) return Status::Corruption("truncated WAL write record ({} bytes)", payload.size());
  record.body = reader.in;
  return record;
}

}  // namespace quiver
