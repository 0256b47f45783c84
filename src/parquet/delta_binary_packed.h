#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"

// DELTA_BINARY_PACKED (Encodings.md), for INT32 and INT64 and for the lengths inside the
// DELTA_LENGTH_BYTE_ARRAY and DELTA_BYTE_ARRAY encodings:
//   header := varint(block size) varint(miniblocks per block) varint(total count)
//             zigzag-varint(first value)
//   block  := zigzag-varint(min delta) <one bit-width byte per miniblock> <miniblocks>
// Deltas wrap in the two's complement of the physical width (32 or 64 bits).
namespace quiver::parquet {

struct DeltaEncoderOptions {
  int block_size = 128;          // multiple of 128
  int miniblocks_per_block = 4;  // block_size / miniblocks is a multiple of 32
  // Bit widths are rounded up to a multiple of this (1 = tightest packing). Wider,
  // byte-friendly widths can help a general-purpose compressor applied afterwards.
  int bit_width_granularity = 1;
  // Subtract the smallest delta of the whole input (rather than of each block) wherever
  // that costs no extra bits. The format allows any frame of reference that keeps the
  // packed values non-negative; a stable one gives a general-purpose compressor applied
  // afterwards (ZSTD's entropy coder) one symbol distribution instead of one per block.
  bool stable_reference = false;
};

// Appends the encoding of values[0, count). T is int32_t or int64_t.
template <typename T>
void AppendDeltaBinaryPacked(const T* values, int64_t count, std::string* out,
                             const DeltaEncoderOptions& options = {});

// Streaming decoder over untrusted bytes; T is int32_t or int64_t. Not thread-safe; the
// bytes must outlive it.
template <typename T>
class DeltaBinaryPackedDecoder {
 public:
  // Parses the header. Errors: Corruption.
  Status Init(const uint8_t* data, int64_t size);

  // Values the header declares (not yet checked against the data).
  int64_t total_values() const { return total_values_; }
  int64_t values_left() const { return total_values_ - values_read_; }

  // Decodes the next `count` values. Errors: Corruption if more than values_left() are
  // asked for or the data ends early.
  Status Decode(T* out, int64_t count);

  // Bytes used so far (header, then whole miniblocks); after decoding every value, the
  // encoded length -- what follows it belongs to the enclosing encoding.
  int64_t consumed_bytes() const { return pos_ - begin_; }

 private:
  Status StartBlock();
  Status LoadMiniblock();

  const uint8_t* begin_ = nullptr;
  const uint8_t* pos_ = nullptr;
  const uint8_t* end_ = nullptr;
  int64_t block_size_ = 0;
  int64_t miniblocks_per_block_ = 0;
  int64_t values_per_miniblock_ = 0;
  int64_t total_values_ = 0;
  int64_t values_read_ = 0;
  bool first_value_pending_ = false;
  uint64_t last_value_ = 0;  // in the unsigned domain of T's width
  uint64_t min_delta_ = 0;
  std::vector<uint8_t> bit_widths_;
  int64_t miniblock_index_ = 0;  // next miniblock of the block to load
  std::vector<uint64_t> deltas_;  // current miniblock, unpacked
  int64_t delta_pos_ = 0;
  int64_t delta_end_ = 0;
};

}  // namespace quiver::parquet
