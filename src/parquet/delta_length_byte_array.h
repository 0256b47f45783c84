#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

// DELTA_LENGTH_BYTE_ARRAY (Encodings.md): the lengths as DELTA_BINARY_PACKED (INT32),
// then all the bytes concatenated.
namespace quiver::parquet {

void AppendDeltaLengthByteArrays(const std::string_view* values, int64_t count, std::string* out);

// Decodes `count` values; the views point into `data`. Sets *consumed (if not null) to
// the encoded length. Errors: Corruption.
Status DecodeDeltaLengthByteArrays(const uint8_t* data, int64_t size, int64_t count,
                                   std::vector<std::string_view>* out, int64_t* consumed = nullptr);

}  // namespace quiver::parquet
