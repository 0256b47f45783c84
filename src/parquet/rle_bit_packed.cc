#include "parquet/rle_bit_packed.h"

#include <algorithm>
#include <vector>

#include "parquet/bit_packing.h"
#include "parquet/byte_io_internal.h"

namespace quiver::parquet {
namespace {

constexpr int64_t kMinRepeat = 8;
constexpr int64_t kMaxGroupsPerHeader = 63;

template <typename T>
void EmitLiterals(const T* values, int64_t count, int bit_width, std::string* out) {
  // count may not be a multiple of 8 only for the final literal run; pad with zeros.
  int64_t done = 0;
  while (done < count) {
    int64_t take = std::min<int64_t>(count - done, kMaxGroupsPerHeader * 8);
    int64_t groups = (take + 7) / 8;
    internal::AppendVarint(out, static_cast<uint64_t>(groups << 1) | 1);
    if (take == groups * 8) {
      PackBits(values + done, take, bit_width, out);
    } else {
      T padded[kMaxGroupsPerHeader * 8] = {};
      std::copy(values + done, values + done + take, padded);
      PackBits(padded, groups * 8, bit_width, out);
    }
    done += take;
  }
}

void EmitRepeat(uint32_t value, int64_t count, int bit_width, std::string* out) {
  internal::AppendVarint(out, static_cast<uint64_t>(count) << 1);
  int bytes = (bit_width + 7) / 8;
  for (int i = 0; i < bytes; ++i) out->push_back(static_cast<char>((value >> (8 * i)) & 0xFF));
}

template <typename T>
void Encode(const T* values, int64_t count, int bit_width, std::string* out) {
  int64_t literal_start = 0;
  int64_t i = 0;
  while (i < count) {
    int64_t j = i + 1;
    while (j < count && values[j] == values[i]) ++j;
    int64_t run = j - i;
    if (run >= kMinRepeat) {
      int64_t literal_len = i - literal_start;
      int64_t remainder = literal_len % 8;
      if (remainder != 0) {
        int64_t take = 8 - remainder;  // complete the last literal group from the run
        if (run - take < kMinRepeat) {
          i = j;  // the run is too short once shared; leave it all to the literals
          continue;
        }
        i += take;
      }
      if (i > literal_start) EmitLiterals(values + literal_start, i - literal_start, bit_width, out);
      EmitRepeat(static_cast<uint32_t>(values[i]), j - i, bit_width, out);
      literal_start = j;
    }
    i = j;
  }
  if (count > literal_start) EmitLiterals(values + literal_start, count - literal_start, bit_width, out);
}

}  // namespace

void AppendRleBitPacked(const uint32_t* values, int64_t count, int bit_width, std::string* out) {
  Encode(values, count, bit_width, out);
}

void AppendRleBitPacked(const uint8_t* values, int64_t count, int bit_width, std::string* out) {
  Encode(values, count, bit_width, out);
}

Status RleBitPackedDecoder::NextRun() {
  uint64_t header = 0;
  if (!internal::ReadVarint(&pos_, end_, &header)) {
    return Status::Corruption("RLE/bit-packed data ends before all values were read");
  }
  if (header & 1) {
    uint64_t groups = header >> 1;
    if (groups == 0 || groups > (uint64_t{1} << 28)) return Status::Corruption("bad bit-packed run length");
    int64_t values = static_cast<int64_t>(groups) * 8;
    int64_t bytes = static_cast<int64_t>(groups) * bit_width_;
    int64_t available = end_ - pos_;
    if (bytes > available) {
      // Tolerate a truncated final run (some writers drop the padding bytes).
      bytes = available;
      values = available * 8 / bit_width_;
      if (values == 0) return Status::Corruption("bit-packed run exceeds the data");
    }
    literal_left_ = values;
    literal_data_ = pos_;
    literal_bytes_ = bytes;
    pos_ += bytes;
  } else {
    uint64_t count = header >> 1;
    if (count == 0 || count > (uint64_t{1} << 31)) return Status::Corruption("bad RLE run length");
    int bytes = (bit_width_ + 7) / 8;
    if (end_ - pos_ < bytes) return Status::Corruption("RLE run value exceeds the data");
    uint32_t value = 0;
    for (int i = 0; i < bytes; ++i) value |= static_cast<uint32_t>(pos_[i]) << (8 * i);
    pos_ += bytes;
    if (bit_width_ < 32 && (value >> bit_width_) != 0) {
      return Status::Corruption("RLE run value wider than the bit width");
    }
    repeat_left_ = static_cast<int64_t>(count);
    repeat_value_ = value;
  }
  return Status::OK();
}

void RleBitPackedDecoder::BufferGroup() {
  int n = static_cast<int>(std::min<int64_t>(8, literal_left_));
  UnpackBits(literal_data_, literal_bytes_, bit_width_, buffered_, n);
  int64_t group_bytes = std::min<int64_t>(bit_width_, literal_bytes_);
  literal_data_ += group_bytes;
  literal_bytes_ -= group_bytes;
  literal_left_ -= n;
  buffered_begin_ = 0;
  buffered_end_ = n;
}

template <typename T>
Status RleBitPackedDecoder::Decode(T* out, int64_t count) {
  while (count > 0) {
    if (buffered_begin_ < buffered_end_) {
      int64_t n = std::min<int64_t>(count, buffered_end_ - buffered_begin_);
      for (int64_t k = 0; k < n; ++k) out[k] = static_cast<T>(buffered_[buffered_begin_ + k]);
      buffered_begin_ += static_cast<int>(n);
      out += n;
      count -= n;
      continue;
    }
    if (repeat_left_ == 0 && literal_left_ == 0) RETURN_NOT_OK(NextRun());
    if (repeat_left_ > 0) {
      int64_t n = std::min(count, repeat_left_);
      std::fill(out, out + n, static_cast<T>(repeat_value_));
      out += n;
      count -= n;
      repeat_left_ -= n;
      continue;
    }
    int64_t whole = std::min(count, literal_left_) / 8 * 8;
    if (whole > 0) {
      UnpackBits(literal_data_, literal_bytes_, bit_width_, out, whole);
      int64_t bytes = whole / 8 * bit_width_;
      literal_data_ += bytes;
      literal_bytes_ -= bytes;
      literal_left_ -= whole;
      out += whole;
      count -= whole;
    } else {
      BufferGroup();
    }
  }
  return Status::OK();
}

template Status RleBitPackedDecoder::Decode<uint8_t>(uint8_t*, int64_t);
template Status RleBitPackedDecoder::Decode<int16_t>(int16_t*, int64_t);
template Status RleBitPackedDecoder::Decode<uint32_t>(uint32_t*, int64_t);
template Status RleBitPackedDecoder::Decode<int32_t>(int32_t*, int64_t);

Status RleBitPackedDecoder::DecodeIndices(int32_t* out, int64_t count, int32_t bound) {
  while (count > 0) {
    if (buffered_begin_ == buffered_end_ && repeat_left_ == 0 && literal_left_ == 0) {
      RETURN_NOT_OK(NextRun());
    }
    if (buffered_begin_ == buffered_end_ && repeat_left_ > 0) {
      if (repeat_value_ >= static_cast<uint32_t>(bound)) {
        return Status::Corruption("dictionary index {} out of range (dictionary has {} values)",
                                  repeat_value_, bound);
      }
      int64_t n = std::min(count, repeat_left_);
      std::fill(out, out + n, static_cast<int32_t>(repeat_value_));
      out += n;
      count -= n;
      repeat_left_ -= n;
      continue;
    }
    int64_t n = std::min<int64_t>(count, (buffered_end_ - buffered_begin_) + literal_left_);
    RETURN_NOT_OK(Decode(out, n));
    for (int64_t k = 0; k < n; ++k) {
      if (static_cast<uint32_t>(out[k]) >= static_cast<uint32_t>(bound)) {
        return Status::Corruption("dictionary index {} out of range (dictionary has {} values)",
                                  static_cast<uint32_t>(out[k]), bound);
      }
    }
    out += n;
    count -= n;
  }
  return Status::OK();
}

Status RleBitPackedDecoder::Skip(int64_t count) {
  while (count > 0) {
    if (buffered_begin_ < buffered_end_) {
      int64_t n = std::min<int64_t>(count, buffered_end_ - buffered_begin_);
      buffered_begin_ += static_cast<int>(n);
      count -= n;
      continue;
    }
    if (repeat_left_ == 0 && literal_left_ == 0) RETURN_NOT_OK(NextRun());
    if (repeat_left_ > 0) {
      int64_t n = std::min(count, repeat_left_);
      repeat_left_ -= n;
      count -= n;
      continue;
    }
    int64_t whole = std::min(count, literal_left_) / 8 * 8;
    if (whole > 0) {
      int64_t bytes = std::min(whole / 8 * bit_width_, literal_bytes_);
      literal_data_ += bytes;
      literal_bytes_ -= bytes;
      literal_left_ -= whole;
      count -= whole;
    } else {
      BufferGroup();
    }
  }
  return Status::OK();
}

}  // namespace quiver::parquet
