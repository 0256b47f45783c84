#include "parquet/delta_length_byte_array.h"

#include "parquet/delta_binary_packed.h"

namespace quiver::parquet {

namespace {
constexpr int64_t kMaxExtraValues = 1 << 16;
}  // namespace

void AppendDeltaLengthByteArrays(const std::string_view* values, int64_t count, std::string* out) {
  std::vector<int32_t> lengths(static_cast<size_t>(count));
  size_t total = 0;
  for (int64_t i = 0; i < count; ++i) {
    lengths[i] = static_cast<int32_t>(values[i].size());
    total += values[i].size();
  }
  AppendDeltaBinaryPacked(lengths.data(), count, out);
  out->reserve(out->size() + total);
  for (int64_t i = 0; i < count; ++i) out->append(values[i]);
}

Status DecodeDeltaLengthByteArrays(const uint8_t* data, int64_t size, int64_t count,
                                   std::vector<std::string_view>* out, int64_t* consumed) {
  DeltaBinaryPackedDecoder<int32_t> lengths_decoder;
  RETURN_NOT_OK(lengths_decoder.Init(data, size));
  if (lengths_decoder.total_values() < count) {
    return Status::Corruption("DELTA_LENGTH_BYTE_ARRAY holds {} values, {} needed",
                              lengths_decoder.total_values(), count);
  }
  // Every length needs at least one bit of the page, except in runs of equal deltas;
  // bound the allocation by the declared count, which the caller bounded.
  std::vector<int32_t> lengths(static_cast<size_t>(count));
  RETURN_NOT_OK(lengths_decoder.Decode(lengths.data(), count));
  // Skip lengths of values beyond `count` (there should be none; a few are tolerated).
  int64_t extra = lengths_decoder.values_left();
  if (extra > kMaxExtraValues) {
    return Status::Corruption("DELTA_LENGTH_BYTE_ARRAY holds {} values, {} expected",
                              lengths_decoder.total_values(), count);
  }
  std::vector<int32_t> rest(static_cast<size_t>(std::min<int64_t>(extra, 1024)));
  std::vector<int32_t> extra_lengths;
  while (extra > 0) {
    int64_t n = std::min<int64_t>(extra, 1024);
    RETURN_NOT_OK(lengths_decoder.Decode(rest.data(), n));
    extra_lengths.insert(extra_lengths.end(), rest.begin(), rest.begin() + n);
    extra -= n;
  }
  int64_t pos = lengths_decoder.consumed_bytes();
  out->reserve(out->size() + static_cast<size_t>(count));
  for (int64_t i = 0; i < count; ++i) {
    int32_t length = lengths[i];
    if (length < 0 || length > size - pos) {
      return Status::Corruption("DELTA_LENGTH_BYTE_ARRAY value of {} bytes runs past the page", length);
    }
    out->emplace_back(reinterpret_cast<const char*>(data + pos), static_cast<size_t>(length));
    pos += length;
  }
  for (int32_t length : extra_lengths) {
    if (length < 0 || length > size - pos) return Status::Corruption("DELTA_LENGTH_BYTE_ARRAY data is truncated");
    pos += length;
  }
  if (consumed != nullptr) *consumed = pos;
  return Status::OK();
}

}  // namespace quiver::parquet
