#pragma once

#include <cstdint>
#include <string>

#include "base/status.h"

// BYTE_STREAM_SPLIT (Encodings.md): for N values of K bytes, byte k of value i is
// stored at k * N + i (K streams, concatenated). No header; the page holds exactly K * N
// bytes.
namespace quiver::parquet {

// Appends the encoding of `count` values of `width` bytes from `values`.
void AppendByteStreamSplit(const uint8_t* values, int64_t count, int width, std::string* out);

// Decodes `count` values of `width` bytes into out (count * width bytes). Errors:
// Corruption unless size == count * width.
Status DecodeByteStreamSplit(const uint8_t* data, int64_t size, int64_t count, int width,
                             uint8_t* out);

}  // namespace quiver::parquet
