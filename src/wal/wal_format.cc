#include "wal/wal_format.h"

#include <bit>
#include <charconv>
#include <cstring>

#include <fmt/format.h>

#include "base/crc32c.h"

namespace quiver::wal_format {
namespace {

static_assert(std::endian::native == std::endian::little, "the WAL codec assumes little-endian");

template <typename T>
void PutFixed(char* dst, T value) {
  std::memcpy(dst, &value, sizeof(T));
}

template <typename T>
T GetFixed(const char* src) {
  T value;
  std::memcpy(&value, src, sizeof(T));
  return value;
}

// The 13 header bytes the CRC covers after the payload: length, sequence, flags.
void EncodeCoveredHeader(char* out, uint32_t length, uint64_t sequence, uint8_t flags) {
  PutFixed<uint32_t>(out, length);
  PutFixed<uint64_t>(out + 4, sequence);
  out[12] = static_cast<char>(flags);
}

uint32_t RecordCrc(uint32_t payload_crc, uint32_t length, uint64_t sequence, uint8_t flags) {
  char covered[13];
  EncodeCoveredHeader(covered, length, sequence, flags);
  return crc32c::Mask(crc32c::Extend(payload_crc, covered, sizeof(covered)));
}

}  // namespace

std::string SegmentFileName(uint64_t first_sequence) {
  return fmt::format("{:0{}}{}", first_sequence, kSegmentNameDigits, kSegmentSuffix);
}

std::optional<uint64_t> ParseSegmentFileName(std::string_view name) {
  if (!name.ends_with(kSegmentSuffix)) return std::nullopt;
  std::string_view digits = name.substr(0, name.size() - kSegmentSuffix.size());
  if (digits.size() < static_cast<size_t>(kSegmentNameDigits)) return std::nullopt;
  uint64_t value = 0;
  auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (error != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  if (value == 0) return std::nullopt;  // sequences start at 1
  // Reject non-canonical names such as "000000000017.wal" for 17 so that two files can
  // never claim the same sequence.
  if (SegmentFileName(value) != name) return std::nullopt;
  return value;
}

std::string EncodeSegmentHeader(uint64_t first_sequence) {
  std::string header(kSegmentHeaderSize, '\0');
  char* p = header.data();
  std::memcpy(p, kMagic.data(), kMagic.size());
  PutFixed<uint32_t>(p + 8, kVersion);
  PutFixed<uint32_t>(p + 12, 0);
  PutFixed<uint64_t>(p + 16, first_sequence);
  PutFixed<uint32_t>(p + 24, crc32c::Mask(crc32c::Value(p, 24)));
  return header;
}

Status DecodeSegmentHeader(std::string_view bytes, uint64_t* first_sequence) {
  const char* p = bytes.data();
  if (bytes.substr(0, kMagic.size()) != kMagic) return Status::Corruption("bad magic");
  if (crc32c::Unmask(GetFixed<uint32_t>(p + 24)) != crc32c::Value(p, 24)) {
    return Status::Corruption("header checksum mismatch");
  }
  uint32_t version = GetFixed<uint32_t>(p + 8);
  if (version != kVersion) return Status::Corruption("unsupported format version {}", version);
  if (GetFixed<uint32_t>(p + 12) != 0) return Status::Corruption("reserved header field is set");
  *first_sequence = GetFixed<uint64_t>(p + 16);
  return Status::OK();
}

uint32_t PayloadCrc(std::string_view payload) { return crc32c::Value(payload); }

void AppendRecord(std::string* dst, uint64_t sequence, uint8_t flags, std::string_view payload,
                  uint32_t payload_crc) {
  uint32_t length = static_cast<uint32_t>(payload.size());
  char header[kRecordHeaderSize];
  PutFixed<uint32_t>(header, length);
  PutFixed<uint32_t>(header + 4, RecordCrc(payload_crc, length, sequence, flags));
  PutFixed<uint64_t>(header + 8, sequence);
  header[16] = static_cast<char>(flags);
  dst->append(header, sizeof(header));
  dst->append(payload);
}

RecordHeader DecodeRecordHeader(const char* header) {
  RecordHeader decoded;
  decoded.length = GetFixed<uint32_t>(header);
  decoded.masked_crc = GetFixed<uint32_t>(header + 4);
  decoded.sequence = GetFixed<uint64_t>(header + 8);
  decoded.flags = static_cast<uint8_t>(header[16]);
  return decoded;
}

bool RecordCrcMatches(const RecordHeader& header, std::string_view payload) {
  return RecordCrc(PayloadCrc(payload), header.length, header.sequence, header.flags) ==
         header.masked_crc;
}

}  // namespace quiver::wal_format
