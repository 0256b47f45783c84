#pragma once

#include <cstdint>
#include <string>

#include "base/result.h"

// The RLE / bit-packing hybrid encoding (Encodings.md "RLE = 3"), used for definition
// levels, dictionary indices and RLE booleans:
//   run         := rle-run | bit-packed-run
//   rle-run     := varint(count << 1), value in ceil(bit_width / 8) little-endian bytes
//   bit-packed  := varint(groups << 1 | 1), groups * 8 values bit-packed LSB first
// No length prefix here: callers add the 4-byte length where the page format wants it.
namespace quiver::parquet {

// Appends the hybrid encoding of values[0, count) (each < 2^bit_width, bit_width 0..32).
// Runs of 8 or more equal values become RLE runs; the rest is bit-packed in groups of 8
// (the last group zero-padded), at most 63 groups per run header (one header byte).
void AppendRleBitPacked(const uint32_t* values, int64_t count, int bit_width, std::string* out);
// Same for bytes (levels, booleans as 0/1).
void AppendRleBitPacked(const uint8_t* values, int64_t count, int bit_width, std::string* out);

// Streaming decoder over untrusted bytes. Not thread-safe; the bytes must outlive it.
class RleBitPackedDecoder {
 public:
  // REQUIRES: 0 <= bit_width <= 32.
  RleBitPackedDecoder(const uint8_t* data, int64_t size, int bit_width)
      : pos_(data), end_(data + size), bit_width_(bit_width) {}

  // Decodes the next `count` values into out. Errors: Corruption if the data ends early
  // or a run header is malformed.
  template <typename T>
  Status Decode(T* out, int64_t count);

  // Like Decode, and fails with Corruption if a value is >= `bound` (dictionary indices).
  Status DecodeIndices(int32_t* out, int64_t count, int32_t bound);

  // Skips `count` values. Same errors as Decode.
  Status Skip(int64_t count);

 private:
  // Loads the next run header. Returns false at the end of the data.
  Status NextRun();

  const uint8_t* pos_;
  const uint8_t* end_;
  int bit_width_;
  // Current RLE run.
  int64_t repeat_left_ = 0;
  uint32_t repeat_value_ = 0;
  // Current bit-packed run: values left (not counting buffered ones) and the next
  // group's bytes. Groups of 8 values start on byte boundaries.
  int64_t literal_left_ = 0;
  const uint8_t* literal_data_ = nullptr;
  int64_t literal_bytes_ = 0;
  // Values of a partially consumed group.
  uint32_t buffered_[8] = {};
  int buffered_begin_ = 0;
  int buffered_end_ = 0;

  // Unpacks the next group (up to 8 values) of the literal run into buffered_.
  void BufferGroup();
};

}  // namespace quiver::parquet
