#include "parquet/byte_stream_split.h"

namespace quiver::parquet {

void AppendByteStreamSplit(const uint8_t* values, int64_t count, int width, std::string* out) {
  size_t start = out->size();
  out->resize(start + static_cast<size_t>(count * width));
  auto* dst = reinterpret_cast<uint8_t*>(out->data()) + start;
  for (int k = 0; k < width; ++k) {
    uint8_t* stream = dst + k * count;
    for (int64_t i = 0; i < count; ++i) stream[i] = values[i * width + k];
  }
}

Status DecodeByteStreamSplit(const uint8_t* data, int64_t size, int64_t count, int width,
                             uint8_t* out) {
  if (width <= 0 || size % width != 0 || size / width < count) {
    return Status::Corruption("BYTE_STREAM_SPLIT page of {} bytes cannot hold {} values of {} bytes",
                              size, count, width);
  }
  // The streams are laid out for the page's full value count (size / width), which can
  // exceed `count` only for pages we are told to read partially.
  int64_t stride = size / width;
  for (int k = 0; k < width; ++k) {
    const uint8_t* stream = data + k * stride;
    for (int64_t i = 0; i < count; ++i) out[i * width + k] = stream[i];
  }
  return Status::OK();
}

}  // namespace quiver::parquet
