#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"

// The byte format of WAL segment files, specified in docs/formats/wal.md. This header is
// the single place that encodes and decodes it; everything else in wal/ goes through it.

namespace quiver::wal_format {

inline constexpr std::string_view kMagic = "QUIVRWAL";
inline constexpr uint32_t kVersion = 1;
inline constexpr size_t kSegmentHeaderSize = 28;
inline constexpr size_t kRecordHeaderSize = 17;
inline constexpr uint32_t kMaxPayloadSize = 1u << 30;
inline constexpr uint8_t kFlagFirstInFlush = 0x01;
inline constexpr uint8_t kKnownFlags = kFlagFirstInFlush;
inline constexpr std::string_view kSegmentSuffix = ".wal";
inline constexpr int kSegmentNameDigits = 11;

// "00000000017.wal" (at least 11 digits).
std::string SegmentFileName(uint64_t first_sequence);

// The first sequence of a segment file name, or nullopt if `name` is not one.
std::optional<uint64_t> ParseSegmentFileName(std::string_view name);

// The 28-byte header of a segment whose first record will have `first_sequence`.
std::string EncodeSegmentHeader(uint64_t first_sequence);

// Decodes a header. Corruption (with a short reason, no file name) if the magic, version,
// reserved field or CRC is wrong. REQUIRES: bytes.size() >= kSegmentHeaderSize.
Status DecodeSegmentHeader(std::string_view bytes, uint64_t* first_sequence);

// The CRC32C of a payload, computed before the sequence number is known (unmasked).
uint32_t PayloadCrc(std::string_view payload);

// Appends one framed record to `dst`. `payload_crc` must be PayloadCrc(payload).
// REQUIRES: payload.size() <= kMaxPayloadSize, sequence >= 1.
void AppendRecord(std::string* dst, uint64_t sequence, uint8_t flags, std::string_view payload,
                  uint32_t payload_crc);

inline size_t RecordSize(size_t payload_size) { return kRecordHeaderSize + payload_size; }

struct RecordHeader {
  uint32_t length = 0;
  uint32_t masked_crc = 0;
  uint64_t sequence = 0;
  uint8_t flags = 0;
};

// REQUIRES: `header` points at kRecordHeaderSize readable bytes.
RecordHeader DecodeRecordHeader(const char* header);

// True if the stored CRC matches `payload` and the header fields.
bool RecordCrcMatches(const RecordHeader& header, std::string_view payload);

}  // namespace quiver::wal_format
