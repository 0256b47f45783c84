#include "wal/segment_reader.h"

#include <gtest/gtest.h>

#include "wal/wal_format.h"

namespace quiver {
namespace {

namespace wf = wal_format;
using Tail = SegmentScan::Tail;

// Builds segment bytes: `flushes` lists, per flush, the payloads written in it.
class SegmentBuilder {
 public:
  explicit SegmentBuilder(uint64_t first_sequence)
      : next_(first_sequence), bytes_(wf::EncodeSegmentHeader(first_sequence)) {}

  SegmentBuilder& Flush(std::initializer_list<std::string_view> payloads) {
    bool first = true;
    for (std::string_view payload : payloads) {
      offsets_.push_back(bytes_.size());
      wf::AppendRecord(&bytes_, next_++, first ? wf::kFlagFirstInFlush : 0, payload,
                       wf::PayloadCrc(payload));
      first = false;
    }
    return *this;
  }

  std::string& bytes() { return bytes_; }
  // Byte offset of the n-th record (0-based).
  size_t offset(size_t record) const { return offsets_.at(record); }

 private:
  uint64_t next_;
  std::string bytes_;
  std::vector<size_t> offsets_;
};

std::vector<uint64_t> Sequences(const SegmentScan& scan) {
  std::vector<uint64_t> sequences;
  for (const WalRecordView& record : scan.records) sequences.push_back(record.sequence);
  return sequences;
}

TEST(SegmentReaderTest, CleanSegment) {
  SegmentBuilder builder(5);
  builder.Flush({"a", "bb"}).Flush({"ccc"});
  SegmentScan scan = ScanSegment(builder.bytes(), 5);
  EXPECT_EQ(scan.tail, Tail::kClean);
  EXPECT_EQ(scan.first_sequence, 5u);
  EXPECT_EQ(Sequences(scan), (std::vector<uint64_t>{5, 6, 7}));
  EXPECT_EQ(scan.records[1].payload, "bb");
  EXPECT_EQ(scan.valid_end, builder.bytes().size());
  EXPECT_EQ(scan.next_sequence(), 8u);
  EXPECT_FALSE(scan.damaged());
}

TEST(SegmentReaderTest, HeaderOnlyAndEmptyPayloads) {
  SegmentBuilder builder(1);
  SegmentScan scan = ScanSegment(builder.bytes(), 1);
  EXPECT_EQ(scan.tail, Tail::kClean);
  EXPECT_TRUE(scan.records.empty());
  EXPECT_EQ(scan.next_sequence(), 1u);
  builder.Flush({"", ""});
  scan = ScanSegment(builder.bytes(), 1);
  EXPECT_EQ(Sequences(scan), (std::vector<uint64_t>{1, 2}));
}

TEST(SegmentReaderTest, ZeroTailIsACleanEnd) {
  SegmentBuilder builder(1);
  builder.Flush({"a"});
  size_t end = builder.bytes().size();
  builder.bytes().append(4096, '\0');
  SegmentScan scan = ScanSegment(builder.bytes(), 1);
  EXPECT_EQ(scan.tail, Tail::kZeroTail);
  EXPECT_EQ(scan.valid_end, end);
  EXPECT_EQ(Sequences(scan), std::vector<uint64_t>{1});
  // Even a few zero bytes (shorter than a record header).
  builder.bytes().resize(end + 3);
  EXPECT_EQ(ScanSegment(builder.bytes(), 1).tail, Tail::kZeroTail);
}

TEST(SegmentReaderTest, TruncatedLastRecordIsTorn) {
  SegmentBuilder builder(1);
  builder.Flush({"first"}).Flush({"second record"});
  for (size_t cut = builder.offset(1) + 1; cut < builder.bytes().size(); ++cut) {
    SegmentScan scan = ScanSegment(std::string_view(builder.bytes()).substr(0, cut), 1);
    EXPECT_EQ(scan.tail, Tail::kTorn) << cut;
    EXPECT_EQ(scan.valid_end, builder.offset(1)) << cut;
    EXPECT_EQ(scan.problem_offset, builder.offset(1));
    EXPECT_EQ(Sequences(scan), std::vector<uint64_t>{1});
  }
}

TEST(SegmentReaderTest, DamagedLastRecordIsTorn) {
  SegmentBuilder builder(1);
  builder.Flush({"first"}).Flush({"second record"});
  builder.bytes()[builder.offset(1) + 20] ^= 0x01;
  SegmentScan scan = ScanSegment(builder.bytes(), 1);
  EXPECT_EQ(scan.tail, Tail::kTorn);
  EXPECT_EQ(scan.problem, "checksum mismatch");
  EXPECT_EQ(scan.valid_end, builder.offset(1));
}

TEST(SegmentReaderTest, GarbageAfterTheLastRecordIsTorn) {
  SegmentBuilder builder(1);
  builder.Flush({"first"});
  size_t end = builder.bytes().size();
  builder.bytes().append("\x07garbage-from-a-partial-write");
  SegmentScan scan = ScanSegment(builder.bytes(), 1);
  EXPECT_EQ(scan.tail, Tail::kTorn);
  EXPECT_EQ(scan.valid_end, end);
}

TEST(SegmentReaderTest, DamageInsideTheLastFlushIsTornEvenIfRecordsFollow) {
  // Pages of the last (unsynced) flush may reach the disk in any order, so a good record
  // after damage proves nothing unless it starts a later flush.
  SegmentBuilder builder(1);
  builder.Flush({"synced"}).Flush({"a", "b", "c"});
  builder.bytes()[builder.offset(2) + 17] ^= 0x01;  // payload of "b"
  SegmentScan scan = ScanSegment(builder.bytes(), 1);
  EXPECT_EQ(scan.tail, Tail::kTorn);
  EXPECT_EQ(Sequences(scan), (std::vector<uint64_t>{1, 2}));
  EXPECT_EQ(scan.valid_end, builder.offset(2));
}

TEST(SegmentReaderTest, DamageFollowedByALaterFlushIsCorruption) {
  SegmentBuilder builder(1);
  builder.Flush({"one"}).Flush({"two", "three"}).Flush({"four"});
  builder.bytes()[builder.offset(1) + 18] ^= 0x01;  // payload of "two"
  SegmentScan scan = ScanSegment(builder.bytes(), 1);
  EXPECT_EQ(scan.tail, Tail::kCorrupt);
  EXPECT_EQ(scan.problem_offset, builder.offset(1));
  EXPECT_EQ(scan.valid_end, builder.offset(1));
  EXPECT_EQ(Sequences(scan), std::vector<uint64_t>{1});
  EXPECT_NE(scan.problem.find("checksum mismatch"), std::string::npos) << scan.problem;
}

TEST(SegmentReaderTest, DamagedLengthFollowedByALaterFlushIsCorruption) {
  SegmentBuilder builder(1);
  builder.Flush({"one"}).Flush({"two"}).Flush({"three"});
  builder.bytes()[builder.offset(1) + 1] ^= 0x40;  // length becomes huge
  SegmentScan scan = ScanSegment(builder.bytes(), 1);
  EXPECT_EQ(scan.tail, Tail::kCorrupt);
  EXPECT_EQ(scan.problem_offset, builder.offset(1));
}

TEST(SegmentReaderTest, ZerosFollowedByALaterFlushIsCorruption) {
  SegmentBuilder builder(1);
  builder.Flush({"one"}).Flush({"two"}).Flush({"three"});
  std::fill(builder.bytes().begin() + builder.offset(1),
            builder.bytes().begin() + builder.offset(2), '\0');
  SegmentScan scan = ScanSegment(builder.bytes(), 1);
  EXPECT_EQ(scan.tail, Tail::kCorrupt);
  EXPECT_EQ(scan.problem_offset, builder.offset(1));
}

TEST(SegmentReaderTest, UnexpectedSequenceIsCorruption) {
  std::string bytes = wf::EncodeSegmentHeader(1);
  wf::AppendRecord(&bytes, 1, wf::kFlagFirstInFlush, "a", wf::PayloadCrc("a"));
  size_t second = bytes.size();
  wf::AppendRecord(&bytes, 3, wf::kFlagFirstInFlush, "b", wf::PayloadCrc("b"));
  SegmentScan scan = ScanSegment(bytes, 1);
  EXPECT_EQ(scan.tail, Tail::kCorrupt);
  EXPECT_EQ(scan.problem_offset, second);
  EXPECT_EQ(scan.problem, "record has sequence 3 but 2 was expected");
}

TEST(SegmentReaderTest, UnknownFlagsAreDamage) {
  std::string bytes = wf::EncodeSegmentHeader(1);
  wf::AppendRecord(&bytes, 1, 0x80, "a", wf::PayloadCrc("a"));
  SegmentScan scan = ScanSegment(bytes, 1);
  EXPECT_EQ(scan.tail, Tail::kTorn);
  EXPECT_EQ(scan.problem, "unknown record flags 0x80");
}

TEST(SegmentReaderTest, Headers) {
  EXPECT_EQ(ScanSegment("", 1).tail, Tail::kNoHeader);
  EXPECT_EQ(ScanSegment("QUIVR", 1).tail, Tail::kNoHeader);
  EXPECT_EQ(ScanSegment(std::string(100, '\0'), 1).tail, Tail::kNoHeader);

  std::string bytes = wf::EncodeSegmentHeader(1);
  bytes[0] = 'X';
  SegmentScan scan = ScanSegment(bytes, 1);
  EXPECT_EQ(scan.tail, Tail::kBadHeader);
  EXPECT_EQ(scan.problem, "bad magic");

  scan = ScanSegment(wf::EncodeSegmentHeader(2), 1);
  EXPECT_EQ(scan.tail, Tail::kBadHeader);
  EXPECT_EQ(scan.problem, "header says first sequence 2 but the file name says 1");
}

}  // namespace
}  // namespace quiver
