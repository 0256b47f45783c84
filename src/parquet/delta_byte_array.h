#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

// DELTA_BYTE_ARRAY (Encodings.md), front coding: the prefix lengths shared with the
// previous value as DELTA_BINARY_PACKED (INT32), then the suffixes as
// DELTA_LENGTH_BYTE_ARRAY.
namespace quiver::parquet {

void AppendDeltaByteArrays(const std::string_view* values, int64_t count, std::string* out);

// Decodes `count` values into `*storage` (cleared first) and views into it. Errors:
// Corruption; ResourceExhausted if the values would take more than `max_bytes`.
Status DecodeDeltaByteArrays(const uint8_t* data, int64_t size, int64_t count, int64_t max_bytes,
                             std::string* storage, std::vector<std::string_view>* out);

}  // namespace quiver::parquet
