#include <gtest/gtest.h>

#include <limits>
#include <random>

#include "parquet/bit_packing.h"
#include "parquet/byte_stream_split.h"
#include "parquet/delta_binary_packed.h"
#include "parquet/delta_byte_array.h"
#include "parquet/delta_length_byte_array.h"
#include "parquet/plain_encoding.h"
#include "parquet/rle_bit_packed.h"
#include "testing/status_matchers.h"

namespace quiver::parquet {
namespace {

const uint8_t* Bytes(const std::string& s) { return reinterpret_cast<const uint8_t*>(s.data()); }

TEST(BitPacking, RoundTripEveryWidth) {
  std::mt19937_64 rng(1);
  for (int width = 0; width <= 64; ++width) {
    for (int64_t count : {0, 1, 7, 8, 9, 31, 32, 33, 100, 257}) {
      std::vector<uint64_t> values(static_cast<size_t>(count));
      uint64_t mask = width == 64 ? ~uint64_t{0} : (uint64_t{1} << width) - 1;
      for (auto& v : values) v = rng() & mask;
      std::string packed;
      PackBits(values.data(), count, width, &packed);
      ASSERT_EQ(static_cast<int64_t>(packed.size()), PackedBytes(count, width));
      std::vector<uint64_t> back(static_cast<size_t>(count));
      UnpackBits(Bytes(packed), static_cast<int64_t>(packed.size()), width, back.data(), count);
      ASSERT_EQ(values, back) << "width " << width << " count " << count;
    }
  }
}

TEST(BitPacking, SpecExample) {
  // Encodings.md: 0..7 with bit width 3 -> 10001000 11000110 11111010.
  std::vector<uint32_t> values = {0, 1, 2, 3, 4, 5, 6, 7};
  std::string packed;
  PackBits(values.data(), 8, 3, &packed);
  ASSERT_EQ(packed, std::string("\x88\xC6\xFA"));
}

std::vector<uint32_t> DecodeRle(const std::string& encoded, int width, int64_t count) {
  std::vector<uint32_t> out(static_cast<size_t>(count));
  RleBitPackedDecoder decoder(Bytes(encoded), static_cast<int64_t>(encoded.size()), width);
  EXPECT_OK(decoder.Decode(out.data(), count));
  return out;
}

TEST(RleBitPacked, RoundTripMixedRuns) {
  std::mt19937 rng(7);
  for (int width : {0, 1, 2, 3, 5, 8, 12, 17, 31, 32}) {
    for (int trial = 0; trial < 20; ++trial) {
      std::vector<uint32_t> values;
      int64_t n = rng() % 3000;
      while (static_cast<int64_t>(values.size()) < n) {
        uint32_t v = width == 0 ? 0 : static_cast<uint32_t>(rng() & (width == 32 ? ~0u : (1u << width) - 1));
        int run = rng() % 3 == 0 ? static_cast<int>(rng() % 40) : 1;
        for (int i = 0; i < run; ++i) values.push_back(v);
      }
      values.resize(static_cast<size_t>(n));
      std::string encoded;
      AppendRleBitPacked(values.data(), n, width, &encoded);
      ASSERT_EQ(DecodeRle(encoded, width, n), values) << "width " << width;
      // Decoding in odd-sized steps gives the same values.
      RleBitPackedDecoder decoder(Bytes(encoded), static_cast<int64_t>(encoded.size()), width);
      std::vector<uint32_t> stepped(static_cast<size_t>(n));
      int64_t done = 0;
      int64_t step = 1;
      while (done < n) {
        int64_t take = std::min<int64_t>(step, n - done);
        if (step % 4 == 3) {
          ASSERT_OK(decoder.Skip(take));
          std::copy(values.begin() + done, values.begin() + done + take, stepped.begin() + done);
        } else {
          ASSERT_OK(decoder.Decode(stepped.data() + done, take));
        }
        done += take;
        step = step * 3 % 29 + 1;
      }
      ASSERT_EQ(stepped, values);
    }
  }
}

TEST(RleBitPacked, LevelsPattern) {
  // Definition levels like the sample data's: a null every 37 rows.
  std::vector<uint8_t> levels(300);
  for (size_t i = 0; i < levels.size(); ++i) levels[i] = (i + 300) % 37 == 5 ? 0 : 1;
  std::string encoded;
  AppendRleBitPacked(levels.data(), 300, 1, &encoded);
  std::vector<uint8_t> back(300);
  RleBitPackedDecoder decoder(Bytes(encoded), static_cast<int64_t>(encoded.size()), 1);
  ASSERT_OK(decoder.Decode(back.data(), 300));
  ASSERT_EQ(back, levels);
}

TEST(RleBitPacked, Errors) {
  std::string encoded;
  std::vector<uint32_t> values(100, 3);
  AppendRleBitPacked(values.data(), 100, 2, &encoded);
  std::vector<uint32_t> out(200);
  RleBitPackedDecoder short_decoder(Bytes(encoded), static_cast<int64_t>(encoded.size()), 2);
  ASSERT_RAISES(kCorruption, short_decoder.Decode(out.data(), 200));
  std::vector<int32_t> ids(100);
  RleBitPackedDecoder bounded(Bytes(encoded), static_cast<int64_t>(encoded.size()), 2);
  ASSERT_RAISES(kCorruption, bounded.DecodeIndices(ids.data(), 100, 3));
  // A run value wider than the bit width.
  std::string bad = {static_cast<char>(8 << 1), static_cast<char>(0x10)};
  RleBitPackedDecoder wide(Bytes(bad), 2, 3);
  ASSERT_RAISES(kCorruption, wide.Decode(out.data(), 1));
}

template <typename T>
void CheckDelta(const std::vector<T>& values, DeltaEncoderOptions options = {}) {
  std::string encoded;
  AppendDeltaBinaryPacked(values.data(), static_cast<int64_t>(values.size()), &encoded, options);
  encoded.append("TRAILER");
  DeltaBinaryPackedDecoder<T> decoder;
  ASSERT_OK(decoder.Init(Bytes(encoded), static_cast<int64_t>(encoded.size())));
  ASSERT_EQ(decoder.total_values(), static_cast<int64_t>(values.size()));
  std::vector<T> back(values.size());
  // Decode in two steps.
  int64_t half = static_cast<int64_t>(values.size()) / 3;
  ASSERT_OK(decoder.Decode(back.data(), half));
  ASSERT_OK(decoder.Decode(back.data() + half, static_cast<int64_t>(values.size()) - half));
  ASSERT_EQ(back, values);
  ASSERT_EQ(decoder.consumed_bytes(), static_cast<int64_t>(encoded.size()) - 7);
  ASSERT_RAISES(kCorruption, decoder.Decode(back.data(), 1));
}

TEST(DeltaBinaryPacked, RoundTrips) {
  std::mt19937_64 rng(3);
  CheckDelta<int64_t>({});
  CheckDelta<int64_t>({42});
  CheckDelta<int64_t>({1, 2, 3, 4, 5});
  CheckDelta<int64_t>({7, 5, 3, 1, 2, 3, 4, 5});
  std::vector<int64_t> extremes = {INT64_MIN, INT64_MAX, 0, INT64_MIN, -1, INT64_MAX, INT64_MAX};
  CheckDelta(extremes);
  std::vector<int32_t> extremes32 = {INT32_MIN, INT32_MAX, 0, INT32_MIN, -1, INT32_MAX};
  CheckDelta(extremes32);
  for (int64_t n : {127, 128, 129, 300, 1000, 4097}) {
    std::vector<int64_t> walk(static_cast<size_t>(n));
    int64_t v = 1'700'000'000'000'000'000;
    for (auto& x : walk) x = v += static_cast<int64_t>(rng() % 5) - 2;
    CheckDelta(walk);
    CheckDelta(walk, DeltaEncoderOptions{256, 8, 1});
    CheckDelta(walk, DeltaEncoderOptions{128, 4, 4});
    CheckDelta(walk, DeltaEncoderOptions{128, 1, 8});
    std::vector<int32_t> random(static_cast<size_t>(n));
    for (auto& x : random) x = static_cast<int32_t>(rng());
    CheckDelta(random);
  }
}

TEST(DeltaBinaryPacked, RejectsBadHeaders) {
  DeltaBinaryPackedDecoder<int64_t> decoder;
  std::string bad_block("\x7F\x04\x05\x00", 4);  // block size 127
  ASSERT_RAISES(kCorruption, decoder.Init(Bytes(bad_block), 4));
  std::string truncated = "\x80\x01\x04";
  ASSERT_RAISES(kCorruption, decoder.Init(Bytes(truncated), 3));
  // Bit width 65 for int64.
  std::vector<int64_t> values(10, 0);
  values[5] = 1;
  std::string encoded;
  AppendDeltaBinaryPacked(values.data(), 10, &encoded);
  // Header: 0x80 0x01 (block 128), 4, 10, 0; then the min delta (1 byte) and 4 widths.
  std::string corrupt = encoded;
  corrupt[6] = 65;
  ASSERT_OK(decoder.Init(Bytes(corrupt), static_cast<int64_t>(corrupt.size())));
  std::vector<int64_t> out(10);
  ASSERT_RAISES(kCorruption, decoder.Decode(out.data(), 10));
}

TEST(ByteArrayEncodings, RoundTrips) {
  std::vector<std::string> owned = {"axis", "axle", "babble", "babyhood", "", "b", "", "longer value here"};
  for (int i = 0; i < 500; ++i) owned.push_back("host_" + std::to_string(i / 7));
  std::vector<std::string_view> values(owned.begin(), owned.end());
  int64_t n = static_cast<int64_t>(values.size());

  std::string plain;
  for (auto v : values) AppendPlainByteArray(v, &plain);
  std::vector<std::string_view> back;
  ASSERT_OK(DecodePlainByteArrays(Bytes(plain), static_cast<int64_t>(plain.size()), n, &back));
  ASSERT_EQ(back, values);
  back.clear();
  ASSERT_RAISES(kCorruption, DecodePlainByteArrays(Bytes(plain), static_cast<int64_t>(plain.size()) - 1, n, &back));

  std::string dlba;
  AppendDeltaLengthByteArrays(values.data(), n, &dlba);
  back.clear();
  int64_t consumed = 0;
  ASSERT_OK(DecodeDeltaLengthByteArrays(Bytes(dlba), static_cast<int64_t>(dlba.size()), n, &back, &consumed));
  ASSERT_EQ(back, values);
  ASSERT_EQ(consumed, static_cast<int64_t>(dlba.size()));

  std::string dba;
  AppendDeltaByteArrays(values.data(), n, &dba);
  back.clear();
  std::string storage;
  ASSERT_OK(DecodeDeltaByteArrays(Bytes(dba), static_cast<int64_t>(dba.size()), n, 1 << 20, &storage, &back));
  ASSERT_EQ(back, values);
  back.clear();
  ASSERT_RAISES(kResourceExhausted, DecodeDeltaByteArrays(Bytes(dba), static_cast<int64_t>(dba.size()), n, 10, &storage, &back));
}

TEST(ByteStreamSplit, RoundTripAndSpecExample) {
  std::string in("\xAA\xBB\xCC\xDD\x00\x11\x22\x33\xA3\xB4\xC5\xD6", 12);
  std::string out;
  AppendByteStreamSplit(Bytes(in), 3, 4, &out);
  ASSERT_EQ(out, std::string("\xAA\x00\xA3\xBB\x11\xB4\xCC\x22\xC5\xDD\x33\xD6", 12));
  std::string back(12, '\0');
  ASSERT_OK(DecodeByteStreamSplit(Bytes(out), 12, 3, 4, reinterpret_cast<uint8_t*>(back.data())));
  ASSERT_EQ(back, in);
  ASSERT_RAISES(kCorruption, DecodeByteStreamSplit(Bytes(out), 11, 3, 4, reinterpret_cast<uint8_t*>(back.data())));
}

}  // namespace
}  // namespace quiver::parquet
