#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

// PLAIN encoding (Encodings.md): fixed-width values little-endian back to back; BOOLEAN
// bit-packed LSB first; BYTE_ARRAY as a 4-byte little-endian length then the bytes;
// FIXED_LEN_BYTE_ARRAY as the bytes.
namespace quiver::parquet {

// Fixed width (int32/int64/float/double/INT96 as 12 bytes): `count` values of
// `width` bytes.
inline void AppendPlainFixed(const void* values, int64_t count, int width, std::string* out) {
  out->append(static_cast<const char*>(values), static_cast<size_t>(count * width));
}

void AppendPlainByteArray(std::string_view value, std::string* out);

// Booleans from a bitmap (bits [offset, offset + count)), only the positions where
// `valid` (nullable) is set when `valid` is not null.
void AppendPlainBooleans(const uint8_t* bits, int64_t offset, int64_t count, std::string* out);

// Decoding: `count` values from data[0, size). Errors: Corruption when the data is too
// short (or, for byte arrays, a length runs past it). The views point into `data`.
Status DecodePlainByteArrays(const uint8_t* data, int64_t size, int64_t count,
                             std::vector<std::string_view>* out);
// Fixed-length byte arrays of `width` bytes each.
Status DecodePlainFixedLenByteArrays(const uint8_t* data, int64_t size, int64_t count, int width,
                                     std::vector<std::string_view>* out);

}  // namespace quiver::parquet
