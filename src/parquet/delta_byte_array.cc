#include "parquet/delta_byte_array.h"

#include <algorithm>

#include "parquet/delta_binary_packed.h"
#include "parquet/delta_length_byte_array.h"

namespace quiver::parquet {

void AppendDeltaByteArrays(const std::string_view* values, int64_t count, std::string* out) {
  std::vector<int32_t> prefixes(static_cast<size_t>(count));
  std::vector<std::string_view> suffixes(static_cast<size_t>(count));
  std::string_view previous;
  for (int64_t i = 0; i < count; ++i) {
    std::string_view v = values[i];
    size_t limit = std::min(previous.size(), v.size());
    size_t prefix = 0;
    while (prefix < limit && previous[prefix] == v[prefix]) ++prefix;
    prefixes[i] = static_cast<int32_t>(prefix);
    suffixes[i] = v.substr(prefix);
    previous = v;
  }
  AppendDeltaBinaryPacked(prefixes.data(), count, out);
  AppendDeltaLengthByteArrays(suffixes.data(), count, out);
}

Status DecodeDeltaByteArrays(const uint8_t* data, int64_t size, int64_t count, int64_t max_bytes,
                             std::string* storage, std::vector<std::string_view>* out) {
  DeltaBinaryPackedDecoder<int32_t> prefix_decoder;
  RETURN_NOT_OK(prefix_decoder.Init(data, size));
  int64_t total = prefix_decoder.total_values();
  if (total < count) {
    return Status::Corruption("DELTA_BYTE_ARRAY holds {} values, {} needed", total, count);
  }
  std::vector<int32_t> prefixes(static_cast<size_t>(count));
  RETURN_NOT_OK(prefix_decoder.Decode(prefixes.data(), count));
  // Prefix lengths of values past `count` are not needed, but their bytes are; decode
  // them in small steps to find where the suffixes start.
  if (prefix_decoder.values_left() > (1 << 16)) {
    return Status::Corruption("DELTA_BYTE_ARRAY holds {} values, {} expected", total, count);
  }
  int32_t scratch[256];
  while (prefix_decoder.values_left() > 0) {
    int64_t n = std::min<int64_t>(prefix_decoder.values_left(), 256);
    RETURN_NOT_OK(prefix_decoder.Decode(scratch, n));
  }
  int64_t pos = prefix_decoder.consumed_bytes();
  std::vector<std::string_view> suffixes;
  RETURN_NOT_OK(DecodeDeltaLengthByteArrays(data + pos, size - pos, count, &suffixes));

  // Sizes first, so storage is allocated once and the views stay valid.
  int64_t bytes = 0;
  int64_t previous_length = 0;
  for (int64_t i = 0; i < count; ++i) {
    if (prefixes[i] < 0 || prefixes[i] > previous_length) {
      return Status::Corruption("DELTA_BYTE_ARRAY prefix of {} bytes is longer than the previous value",
                                prefixes[i]);
    }
    previous_length = prefixes[i] + static_cast<int64_t>(suffixes[i].size());
    bytes += previous_length;
    if (bytes > max_bytes) {
      return Status::ResourceExhausted("DELTA_BYTE_ARRAY values exceed {} bytes", max_bytes);
    }
  }
  storage->clear();
  storage->reserve(static_cast<size_t>(bytes));
  out->reserve(out->size() + static_cast<size_t>(count));
  size_t previous_start = 0;
  for (int64_t i = 0; i < count; ++i) {
    size_t start = storage->size();
    storage->append(storage->data() + previous_start, static_cast<size_t>(prefixes[i]));
    storage->append(suffixes[i]);
    previous_start = start;
  }
  size_t at = 0;
  previous_length = 0;
  for (int64_t i = 0; i < count; ++i) {
    size_t length = static_cast<size_t>(prefixes[i]) + suffixes[i].size();
    out->emplace_back(storage->data() + at, length);
    at += length;
  }
  return Status::OK();
}

}  // namespace quiver::parquet
