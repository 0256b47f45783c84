#include "wal/wal_format.h"

#include <gtest/gtest.h>

#include "base/crc32c.h"
#include "testing/status_matchers.h"

namespace quiver::wal_format {
namespace {

TEST(WalFormatTest, SegmentFileNames) {
  EXPECT_EQ(SegmentFileName(17), "00000000017.wal");
  EXPECT_EQ(SegmentFileName(1), "00000000001.wal");
  EXPECT_EQ(SegmentFileName(123456789012ull), "123456789012.wal");  // wider when needed
  EXPECT_EQ(ParseSegmentFileName("00000000017.wal"), 17u);
  EXPECT_EQ(ParseSegmentFileName("123456789012.wal"), 123456789012ull);
  EXPECT_EQ(ParseSegmentFileName("17.wal"), std::nullopt);
  EXPECT_EQ(ParseSegmentFileName("000000000017.wal"), std::nullopt);  // non-canonical
  EXPECT_EQ(ParseSegmentFileName("00000000000.wal"), std::nullopt);   // sequences start at 1
  EXPECT_EQ(ParseSegmentFileName("0000000001x.wal"), std::nullopt);
  EXPECT_EQ(ParseSegmentFileName("00000000017.wal.tmp"), std::nullopt);
  EXPECT_EQ(ParseSegmentFileName("LOCK"), std::nullopt);
}

TEST(WalFormatTest, SegmentHeaderRoundTrip) {
  std::string header = EncodeSegmentHeader(42);
  ASSERT_EQ(header.size(), kSegmentHeaderSize);
  EXPECT_EQ(header.substr(0, 8), "QUIVRWAL");
  uint64_t first = 0;
  ASSERT_OK(DecodeSegmentHeader(header, &first));
  EXPECT_EQ(first, 42u);
}

TEST(WalFormatTest, EveryHeaderByteIsProtected) {
  std::string header = EncodeSegmentHeader(42);
  for (size_t index = 0; index < header.size(); ++index) {
    std::string damaged = header;
    damaged[index] = static_cast<char>(damaged[index] ^ 0x10);
    uint64_t first = 0;
    ASSERT_RAISES(kCorruption, DecodeSegmentHeader(damaged, &first));
  }
}

TEST(WalFormatTest, RecordLayout) {
  std::string out;
  AppendRecord(&out, 7, kFlagFirstInFlush, "abc", PayloadCrc("abc"));
  ASSERT_EQ(out.size(), RecordSize(3));
  ASSERT_EQ(out.size(), 20u);
  RecordHeader header = DecodeRecordHeader(out.data());
  EXPECT_EQ(header.length, 3u);
  EXPECT_EQ(header.sequence, 7u);
  EXPECT_EQ(header.flags, kFlagFirstInFlush);
  EXPECT_EQ(out.substr(17), "abc");
  // Little-endian fields at the documented offsets.
  EXPECT_EQ(out[0], 3);
  EXPECT_EQ(out[8], 7);
  EXPECT_EQ(out[16], 1);
  // The CRC is the masked CRC32C of payload ‖ length ‖ sequence ‖ flags.
  std::string covered = "abc" + out.substr(0, 4) + out.substr(8, 9);
  EXPECT_EQ(header.masked_crc, crc32c::Mask(crc32c::Value(covered)));
  EXPECT_TRUE(RecordCrcMatches(header, "abc"));
}

TEST(WalFormatTest, CrcCoversLengthSequenceFlagsAndPayload) {
  std::string out;
  AppendRecord(&out, 7, 0, "payload", PayloadCrc("payload"));
  RecordHeader header = DecodeRecordHeader(out.data());
  EXPECT_TRUE(RecordCrcMatches(header, "payload"));
  EXPECT_FALSE(RecordCrcMatches(header, "paylaod"));
  RecordHeader other = header;
  other.sequence = 8;
  EXPECT_FALSE(RecordCrcMatches(other, "payload"));
  other = header;
  other.flags = kFlagFirstInFlush;
  EXPECT_FALSE(RecordCrcMatches(other, "payload"));
  other = header;
  other.length = 6;
  EXPECT_FALSE(RecordCrcMatches(other, "payloa"));
}

TEST(WalFormatTest, AllZeroRecordHeaderIsNeverValid) {
  std::string zeros(kRecordHeaderSize, '\0');
  RecordHeader header = DecodeRecordHeader(zeros.data());
  EXPECT_FALSE(RecordCrcMatches(header, ""));
}

}  // namespace
}  // namespace quiver::wal_format
