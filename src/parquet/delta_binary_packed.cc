#include "parquet/delta_binary_packed.h"

#include <algorithm>
#include <type_traits>

#include "parquet/bit_packing.h"
#include "parquet/byte_io_internal.h"

namespace quiver::parquet {

using internal::AppendVarint;
using internal::ZigZagDecode;
using internal::ZigZagEncode;

template <typename T>
void AppendDeltaBinaryPacked(const T* values, int64_t count, std::string* out,
                             const DeltaEncoderOptions& options) {
  using U = std::make_unsigned_t<T>;
  constexpr int kMaxWidth = sizeof(T) * 8;
  const int64_t block_size = options.block_size;
  const int64_t miniblocks = options.miniblocks_per_block;
  const int64_t per_miniblock = block_size / miniblocks;
  const int granularity = std::max(1, options.bit_width_granularity);

  AppendVarint(out, static_cast<uint64_t>(block_size));
  AppendVarint(out, static_cast<uint64_t>(miniblocks));
  AppendVarint(out, static_cast<uint64_t>(count));
  AppendVarint(out, ZigZagEncode(count > 0 ? static_cast<int64_t>(values[0]) : 0));
  if (count <= 1) return;

  auto delta_at = [&](int64_t i) {
    return static_cast<U>(static_cast<U>(values[i]) - static_cast<U>(values[i - 1]));
  };
  // Smallest delta of the whole input, the candidate stable reference.
  U global_min = 0;
  if (options.stable_reference) {
    global_min = delta_at(1);
    for (int64_t i = 2; i < count; ++i) {
      U d = delta_at(i);
      if (static_cast<T>(d) < static_cast<T>(global_min)) global_min = d;
    }
  }
  auto round_width = [&](int width) {
    if (width > 0 && granularity > 1) width = std::min(kMaxWidth, (width + granularity - 1) / granularity * granularity);
    return width;
  };
  // Bit widths of the miniblocks of a block of n deltas against `reference`; returns
  // their sum.
  auto widths_for = [&](const U* deltas, int64_t n, U reference, int* widths) {
    int total = 0;
    for (int64_t m = 0; m < miniblocks; ++m) {
      int64_t begin = m * per_miniblock;
      widths[m] = 0;
      if (begin >= n) continue;
      int64_t end = std::min(begin + per_miniblock, n);
      U bits = 0;
      for (int64_t i = begin; i < end; ++i) bits |= static_cast<U>(deltas[i] - reference);
      widths[m] = round_width(BitWidthOf(static_cast<uint64_t>(bits)));
      total += widths[m];
    }
    return total;
  };

  std::vector<U> deltas(static_cast<size_t>(block_size));
  std::vector<int> widths(static_cast<size_t>(miniblocks));
  std::vector<int> stable_widths(static_cast<size_t>(miniblocks));
  int64_t next = 1;  // index of the value whose delta comes next
  while (next < count) {
    int64_t n = std::min(block_size, count - next);
    U min_delta = 0;
    for (int64_t i = 0; i < n; ++i) {
      U delta = delta_at(next + i);
      deltas[i] = delta;
      if (i == 0 || static_cast<T>(delta) < static_cast<T>(min_delta)) min_delta = delta;
    }
    int cost = widths_for(deltas.data(), n, min_delta, widths.data());
    if (options.stable_reference && global_min != min_delta &&
        widths_for(deltas.data(), n, global_min, stable_widths.data()) <= cost) {
      min_delta = global_min;
      widths.swap(stable_widths);
    }
    for (int64_t i = 0; i < n; ++i) deltas[i] = static_cast<U>(deltas[i] - min_delta);
    AppendVarint(out, ZigZagEncode(static_cast<int64_t>(static_cast<T>(min_delta))));
    for (int64_t m = 0; m < miniblocks; ++m) out->push_back(static_cast<char>(widths[m]));
    for (int64_t m = 0; m < miniblocks; ++m) {
      int64_t begin = m * per_miniblock;
      if (begin >= n) break;  // unused miniblocks: width byte 0, no data
      // Pad the last miniblock with zeros to its full size.
      for (int64_t i = std::min(begin + per_miniblock, n); i < begin + per_miniblock; ++i) deltas[i] = 0;
      PackBits(deltas.data() + begin, per_miniblock, widths[m], out);
    }
    next += n;
  }
}

template void AppendDeltaBinaryPacked<int32_t>(const int32_t*, int64_t, std::string*,
                                               const DeltaEncoderOptions&);
template void AppendDeltaBinaryPacked<int64_t>(const int64_t*, int64_t, std::string*,
                                               const DeltaEncoderOptions&);

template <typename T>
Status DeltaBinaryPackedDecoder<T>::Init(const uint8_t* data, int64_t size) {
  begin_ = pos_ = data;
  end_ = data + size;
  uint64_t block_size = 0, miniblocks = 0, total = 0, first = 0;
  if (!internal::ReadVarint(&pos_, end_, &block_size) ||
      !internal::ReadVarint(&pos_, end_, &miniblocks) ||
      !internal::ReadVarint(&pos_, end_, &total) || !internal::ReadVarint(&pos_, end_, &first)) {
    return Status::Corruption("DELTA_BINARY_PACKED header is truncated");
  }
  if (block_size == 0 || block_size % 128 != 0 || block_size > (uint64_t{1} << 20) ||
      miniblocks == 0 || block_size % miniblocks != 0 || (block_size / miniblocks) % 32 != 0) {
    return Status::Corruption("DELTA_BINARY_PACKED header has bad block sizes ({}, {})",
                              block_size, miniblocks);
  }
  if (total > (uint64_t{1} << 40)) return Status::Corruption("DELTA_BINARY_PACKED value count too large");
  block_size_ = static_cast<int64_t>(block_size);
  miniblocks_per_block_ = static_cast<int64_t>(miniblocks);
  values_per_miniblock_ = block_size_ / miniblocks_per_block_;
  total_values_ = static_cast<int64_t>(total);
  values_read_ = 0;
  first_value_pending_ = total_values_ > 0;
  last_value_ = static_cast<uint64_t>(ZigZagDecode(first));
  bit_widths_.assign(static_cast<size_t>(miniblocks_per_block_), 0);
  miniblock_index_ = miniblocks_per_block_;  // no block loaded
  deltas_.assign(static_cast<size_t>(values_per_miniblock_), 0);
  delta_pos_ = delta_end_ = 0;
  return Status::OK();
}

template <typename T>
Status DeltaBinaryPackedDecoder<T>::StartBlock() {
  uint64_t min_delta = 0;
  if (!internal::ReadVarint(&pos_, end_, &min_delta)) {
    return Status::Corruption("DELTA_BINARY_PACKED block header is truncated");
  }
  min_delta_ = static_cast<uint64_t>(ZigZagDecode(min_delta));
  if (end_ - pos_ < miniblocks_per_block_) {
    return Status::Corruption("DELTA_BINARY_PACKED bit widths are truncated");
  }
  std::copy(pos_, pos_ + miniblocks_per_block_, bit_widths_.begin());
  pos_ += miniblocks_per_block_;
  miniblock_index_ = 0;
  return Status::OK();
}

template <typename T>
Status DeltaBinaryPackedDecoder<T>::LoadMiniblock() {
  if (miniblock_index_ >= miniblocks_per_block_) RETURN_NOT_OK(StartBlock());
  int width = bit_widths_[static_cast<size_t>(miniblock_index_)];
  if (width > static_cast<int>(sizeof(T) * 8)) {
    return Status::Corruption("DELTA_BINARY_PACKED bit width {} exceeds the type", width);
  }
  int64_t bytes = PackedBytes(values_per_miniblock_, width);
  // The final miniblock of a stream may be cut short by other writers' padding rules;
  // require only the bytes holding the values still to be read.
  int64_t needed_values = std::min(values_per_miniblock_, values_left() - (first_value_pending_ ? 1 : 0));
  int64_t available = end_ - pos_;
  if (bytes > available) {
    if (PackedBytes(needed_values, width) > available) {
      return Status::Corruption("DELTA_BINARY_PACKED miniblock is truncated");
    }
    UnpackBits(pos_, available, width, deltas_.data(), needed_values);
    pos_ = end_;
  } else {
    UnpackBits(pos_, bytes, width, deltas_.data(), values_per_miniblock_);
    pos_ += bytes;
  }
  delta_pos_ = 0;
  delta_end_ = needed_values;
  ++miniblock_index_;
  return Status::OK();
}

template <typename T>
Status DeltaBinaryPackedDecoder<T>::Decode(T* out, int64_t count) {
  using U = std::make_unsigned_t<T>;
  if (count > values_left()) {
    return Status::Corruption("DELTA_BINARY_PACKED holds {} values, {} needed", values_left(), count);
  }
  int64_t i = 0;
  if (count > 0 && first_value_pending_) {
    out[i++] = static_cast<T>(static_cast<U>(last_value_));
    first_value_pending_ = false;
    ++values_read_;
  }
  U last = static_cast<U>(last_value_);
  while (i < count) {
    if (delta_pos_ == delta_end_) {
      last_value_ = last;
      RETURN_NOT_OK(LoadMiniblock());
    }
    const U md = static_cast<U>(min_delta_);
    int64_t n = std::min(count - i, delta_end_ - delta_pos_);
    const uint64_t* d = deltas_.data() + delta_pos_;
    for (int64_t k = 0; k < n; ++k) {
      last = static_cast<U>(last + md + static_cast<U>(d[k]));
      out[i + k] = static_cast<T>(last);
    }
    delta_pos_ += n;
    i += n;
    values_read_ += n;
  }
  last_value_ = last;
  return Status::OK();
}

template class DeltaBinaryPackedDecoder<int32_t>;
template class DeltaBinaryPackedDecoder<int64_t>;

}  // namespace quiver::parquet
