#include "parquet/plain_encoding.h"

#include "parquet/byte_io_internal.h"

namespace quiver::parquet {

void AppendPlainByteArray(std::string_view value, std::string* out) {
  internal::AppendLE<uint32_t>(out, static_cast<uint32_t>(value.size()));
  out->append(value);
}

void AppendPlainBooleans(const uint8_t* bits, int64_t offset, int64_t count, std::string* out) {
  size_t start = out->size();
  out->resize(start + static_cast<size_t>((count + 7) / 8), '\0');
  auto* dst = reinterpret_cast<uint8_t*>(out->data()) + start;
  for (int64_t i = 0; i < count; ++i) {
    int64_t bit = offset + i;
    if ((bits[bit >> 3] >> (bit & 7)) & 1) dst[i >> 3] |= static_cast<uint8_t>(1u << (i & 7));
  }
}

Status DecodePlainByteArrays(const uint8_t* data, int64_t size, int64_t count,
                             std::vector<std::string_view>* out) {
  if (count > size / 4) return Status::Corruption("PLAIN byte arrays: {} values cannot fit in {} bytes", count, size);
  out->reserve(out->size() + static_cast<size_t>(count));
  int64_t pos = 0;
  for (int64_t i = 0; i < count; ++i) {
    if (size - pos < 4) return Status::Corruption("PLAIN byte array length is truncated");
    uint32_t length = internal::LoadLE<uint32_t>(data + pos);
    pos += 4;
    if (length > static_cast<uint64_t>(size - pos)) {
      return Status::Corruption("PLAIN byte array of {} bytes runs past the page", length);
    }
    out->emplace_back(reinterpret_cast<const char*>(data + pos), length);
    pos += length;
  }
  return Status::OK();
}

Status DecodePlainFixedLenByteArrays(const uint8_t* data, int64_t size, int64_t count, int width,
                                     std::vector<std::string_view>* out) {
  if (width < 0 || (width > 0 && count > size / width) || (width == 0 && count > (int64_t{1} << 31))) {
    return Status::Corruption("PLAIN fixed-length byte arrays: data too short");
  }
  out->reserve(out->size() + static_cast<size_t>(count));
  for (int64_t i = 0; i < count; ++i) {
    out->emplace_back(reinterpret_cast<const char*>(data + i * width), static_cast<size_t>(width));
  }
  return Status::OK();
}

}  // namespace quiver::parquet
