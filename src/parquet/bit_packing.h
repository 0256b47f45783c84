#pragma once

#include <cstdint>
#include <cstring>
#include <string>

// Bit packing in the order of the Parquet RLE/bit-packing hybrid and DELTA_BINARY_PACKED
// encodings: values are laid out back to back, least significant bit first, each value's
// bits in their usual order. Packing n values of width w takes ceil(n * w / 8) bytes.
namespace quiver::parquet {

inline int64_t PackedBytes(int64_t count, int bit_width) {
  return (count * bit_width + 7) / 8;
}

// Appends `count` values of `bit_width` (0..64) bits each. Bits above the width must
// be zero in the input.
template <typename T>
void PackBits(const T* values, int64_t count, int bit_width, std::string* out) {
  if (bit_width == 0 || count == 0) return;
  size_t start = out->size();
  out->resize(start + static_cast<size_t>(PackedBytes(count, bit_width)), '\0');
  uint8_t* dst = reinterpret_cast<uint8_t*>(out->data()) + start;
  unsigned __int128 acc = 0;
  int acc_bits = 0;
  for (int64_t i = 0; i < count; ++i) {
    acc |= static_cast<unsigned __int128>(static_cast<uint64_t>(values[i])) << acc_bits;
    acc_bits += bit_width;
    while (acc_bits >= 64) {
      uint64_t word = static_cast<uint64_t>(acc);
      std::memcpy(dst, &word, 8);
      dst += 8;
      acc >>= 64;
      acc_bits -= 64;
    }
  }
  while (acc_bits > 0) {
    *dst++ = static_cast<uint8_t>(acc);
    acc >>= 8;
    acc_bits -= 8;
  }
}

// Reads `count` values of `bit_width` (0..64) bits starting at bit 0 of `in`.
// REQUIRES: in_size >= PackedBytes(count, bit_width). Never reads past in + in_size.
template <typename T>
void UnpackBits(const uint8_t* in, int64_t in_size, int bit_width, T* out, int64_t count) {
  if (bit_width == 0) {
    for (int64_t i = 0; i < count; ++i) out[i] = 0;
    return;
  }
  const uint64_t mask = bit_width == 64 ? ~uint64_t{0} : (uint64_t{1} << bit_width) - 1;
  int64_t i = 0;
  uint64_t bit = 0;
  if (bit_width <= 56) {
    // Fast path: one unaligned 8-byte load per value while 8 bytes remain.
    for (; i < count; ++i, bit += static_cast<uint64_t>(bit_width)) {
      int64_t byte = static_cast<int64_t>(bit >> 3);
      if (byte + 8 > in_size) break;
      uint64_t word;
      std::memcpy(&word, in + byte, 8);
      out[i] = static_cast<T>((word >> (bit & 7)) & mask);
    }
  }
  for (; i < count; ++i, bit += static_cast<uint64_t>(bit_width)) {
    uint64_t value = 0;
    int got = 0;
    uint64_t b = bit;
    while (got < bit_width) {
      int64_t byte = static_cast<int64_t>(b >> 3);
      int shift = static_cast<int>(b & 7);
      int take = 8 - shift < bit_width - got ? 8 - shift : bit_width - got;
      uint64_t chunk = (static_cast<uint64_t>(in[byte]) >> shift) & ((1u << take) - 1);
      value |= chunk << got;
      got += take;
      b += static_cast<uint64_t>(take);
    }
    out[i] = static_cast<T>(value & mask);
  }
}

// Number of bits needed to represent v (0 for 0).
inline int BitWidthOf(uint64_t v) { return v == 0 ? 0 : 64 - __builtin_clzll(v); }

}  // namespace quiver::parquet
