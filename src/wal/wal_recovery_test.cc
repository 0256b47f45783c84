// Corruption and torn-tail handling at startup, on segment files damaged in place.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/logging.h"
#include "io/fault_injection_file_system.h"
#include "io/mem_file_system.h"
#include "io/path.h"
#include "testing/status_matchers.h"
#include "wal/recording_wal_observer.h"
#include "wal/wal.h"
#include "wal/wal_format.h"
#include "wal/wal_replayer.h"

namespace quiver {
namespace {

using Records = std::vector<std::pair<uint64_t, std::string>>;

constexpr size_t kPayloadSize = 20;
constexpr size_t kRecordSize = wal_format::kRecordHeaderSize + kPayloadSize;

std::string Payload(uint64_t n) { return fmt::format("{:0{}}", n, kPayloadSize); }

// Byte offset of record `n` (1-based) in a segment starting at sequence `first`, when
// every record has a kPayloadSize payload.
uint64_t RecordOffset(uint64_t n, uint64_t first = 1) {
  return wal_format::kSegmentHeaderSize + (n - first) * kRecordSize;
}

class WalRecoveryTest : public ::testing::Test {
 protected:
  static constexpr const char* kDir = "/wal";

  void SetUp() override {
    SetLogSink([this](LogLevel level, std::string_view, std::string_view line) {
      std::lock_guard lock(log_mu_);
      log_.emplace_back(line);
    });
  }
  void TearDown() override { SetLogSink(nullptr); }

  // Writes records 1..count, one flush each (sequential durable appends), and closes.
  void WriteRecords(uint64_t count, WalOptions options = {}) {
    RecordingWalObserver observer;
    auto wal = Wal::Open(&fs_, kDir, options, &observer);
    ASSERT_OK(wal);
    uint64_t first = (*wal)->LastSequence() + 1;
    for (uint64_t n = first; n < first + count; ++n) {
      ASSERT_OK((*wal)->Append(Payload(n), Durability::kSync));
    }
    ASSERT_OK((*wal)->Close());
  }

  Result<Records> Replay(WalOptions options = {}) {
    RecordingWalObserver observer;
    ASSIGN_OR_RETURN(auto wal, Wal::Open(&fs_, kDir, options, &observer));
    RETURN_NOT_OK(wal->Close());
    return observer.replayed();
  }

  static Records Expected(uint64_t from, uint64_t to) {
    Records records;
    for (uint64_t n = from; n <= to; ++n) records.emplace_back(n, Payload(n));
    return records;
  }

  std::string SegmentPath(uint64_t first) {
    return JoinPath(kDir, wal_format::SegmentFileName(first));
  }

  bool Logged(std::string_view needle) {
    std::lock_guard lock(log_mu_);
    for (const std::string& line : log_) {
      if (line.find(needle) != std::string::npos) return true;
    }
    return false;
  }

  MemFileSystem mem_;
  FaultInjectionFileSystem fs_{&mem_};
  std::mutex log_mu_;
  std::vector<std::string> log_;
};

TEST_F(WalRecoveryTest, FlippedByteInTheMiddleRefusesToStartNamingFileAndOffset) {
  WriteRecords(10);
  ASSERT_OK(fs_.FlipByte(SegmentPath(1), RecordOffset(4) + 20));
  Result<Records> replay = Replay();
  ASSERT_RAISES(kCorruption, replay);
  std::string expected = fmt::format("WAL corruption in {} at byte {}: checksum mismatch",
                                     SegmentPath(1), RecordOffset(4));
  EXPECT_NE(replay.status().message().find(expected), std::string::npos)
      << replay.status().message();
  EXPECT_NE(replay.status().message().find("--wal-recovery=truncate"), std::string::npos);
  // Nothing was modified: the same error again.
  ASSERT_RAISES(kCorruption, Replay());
}

TEST_F(WalRecoveryTest, FlippedSequenceOrLengthInTheMiddleIsCorruptionToo) {
  WriteRecords(10);
  ASSERT_OK(fs_.FlipByte(SegmentPath(1), RecordOffset(3) + 8));  // sequence
  ASSERT_RAISES(kCorruption, Replay());
  ASSERT_OK(fs_.FlipByte(SegmentPath(1), RecordOffset(3) + 8));  // repair
  ASSERT_OK(Replay());
  ASSERT_OK(fs_.FlipByte(SegmentPath(1), RecordOffset(3) + 0, 0x01));  // length
  ASSERT_RAISES(kCorruption, Replay());
}

TEST_F(WalRecoveryTest, TruncateRecoveryKeepsTheRecordsBeforeTheCorruption) {
  WriteRecords(10);
  ASSERT_OK(fs_.FlipByte(SegmentPath(1), RecordOffset(4) + 20));
  WalOptions options;
  options.recovery = WalRecoveryMode::kTruncate;
  ASSERT_OK_AND_ASSIGN(Records records, Replay(options));
  EXPECT_EQ(records, Expected(1, 3));
  EXPECT_TRUE(Logged("--wal-recovery=truncate: discarding"));
  // The log now ends at record 3 and continues from there, also in strict mode.
  WriteRecords(2);
  ASSERT_OK_AND_ASSIGN(records, Replay());
  EXPECT_EQ(records, Expected(1, 5));
}

TEST_F(WalRecoveryTest, FlippedByteInTheLastRecordIsATornTail) {
  WriteRecords(10);
  ASSERT_OK(fs_.FlipByte(SegmentPath(1), RecordOffset(10) + 25));
  ASSERT_OK_AND_ASSIGN(Records records, Replay());
  EXPECT_EQ(records, Expected(1, 9));
  EXPECT_TRUE(Logged(
      fmt::format("WAL segment {} has a torn tail at byte {}", SegmentPath(1), RecordOffset(10))));
  ASSERT_OK_AND_ASSIGN(uint64_t size, fs_.FileSize(SegmentPath(1)));
  EXPECT_EQ(size, RecordOffset(10));
  // Appending continues after the last good record, with the next sequence.
  WriteRecords(1);
  ASSERT_OK_AND_ASSIGN(records, Replay());
  EXPECT_EQ(records, Expected(1, 10));
}

TEST_F(WalRecoveryTest, TruncatedLastRecordIsATornTail) {
  WriteRecords(5);
  for (uint64_t cut = RecordOffset(5) + kRecordSize - 1; cut > RecordOffset(5); cut -= 7) {
    ASSERT_OK(mem_.Truncate(SegmentPath(1), cut));
    ASSERT_OK_AND_ASSIGN(Records records, Replay());
    EXPECT_EQ(records, Expected(1, 4)) << cut;
    WriteRecords(1);  // record 5 again
  }
}

TEST_F(WalRecoveryTest, ZeroTailIsCutSilently) {
  WriteRecords(3);
  ASSERT_OK_AND_ASSIGN(auto file, mem_.NewAppendableFile(SegmentPath(1)));
  ASSERT_OK(file->Append(std::string(10000, '\0')));
  ASSERT_OK(file->Close());
  ASSERT_OK_AND_ASSIGN(Records records, Replay());
  EXPECT_EQ(records, Expected(1, 3));
  EXPECT_FALSE(Logged("torn tail"));
  ASSERT_OK_AND_ASSIGN(uint64_t size, fs_.FileSize(SegmentPath(1)));
  EXPECT_EQ(size, RecordOffset(4));
  WriteRecords(1);
  ASSERT_OK_AND_ASSIGN(records, Replay());
  EXPECT_EQ(records, Expected(1, 4));
}

TEST_F(WalRecoveryTest, DamageInANonLastSegmentIsCorruptionEvenAtItsEnd) {
  WalOptions options;
  options.segment_size = 200;  // a few records per segment
  WriteRecords(30, options);
  ASSERT_OK_AND_ASSIGN(std::vector<WalSegmentInfo> segments, ListWalSegments(&fs_, kDir));
  ASSERT_GE(segments.size(), 3u);
  // Damage the last record of the first segment.
  uint64_t second_first = segments[1].first_sequence;
  uint64_t offset = RecordOffset(second_first - 1);
  ASSERT_OK(fs_.FlipByte(segments[0].path, offset + 20));
  Result<Records> replay = Replay(options);
  ASSERT_RAISES(kCorruption, replay);
  EXPECT_NE(replay.status().message().find(
                fmt::format("WAL corruption in {} at byte {}", segments[0].path, offset)),
            std::string::npos)
      << replay.status().message();

  // Truncate recovery drops that record and every later segment.
  options.recovery = WalRecoveryMode::kTruncate;
  ASSERT_OK_AND_ASSIGN(Records records, Replay(options));
  EXPECT_EQ(records, Expected(1, second_first - 2));
  ASSERT_OK_AND_ASSIGN(segments, ListWalSegments(&fs_, kDir));
  EXPECT_EQ(segments.size(), 1u);
}

TEST_F(WalRecoveryTest, MissingSegmentIsCorruption) {
  WalOptions options;
  options.segment_size = 200;
  WriteRecords(30, options);
  ASSERT_OK_AND_ASSIGN(std::vector<WalSegmentInfo> segments, ListWalSegments(&fs_, kDir));
  ASSERT_GE(segments.size(), 3u);
  ASSERT_OK(mem_.DeleteFile(segments[1].path));
  Result<Records> replay = Replay(options);
  ASSERT_RAISES(kCorruption, replay);
  EXPECT_NE(replay.status().message().find(segments[2].path), std::string::npos);
  EXPECT_NE(replay.status().message().find("but the previous one ends at"), std::string::npos);
  // ... unless the persisted sequence covers the gap.
  options.persisted_sequence = segments[2].first_sequence - 1;
  ASSERT_OK_AND_ASSIGN(Records records, Replay(options));
  EXPECT_EQ(records, Expected(segments[2].first_sequence, 30));
}

TEST_F(WalRecoveryTest, MissingFirstSegmentIsCorruptionUnlessPersisted) {
  WalOptions options;
  options.segment_size = 200;
  WriteRecords(30, options);
  ASSERT_OK_AND_ASSIGN(std::vector<WalSegmentInfo> segments, ListWalSegments(&fs_, kDir));
  ASSERT_OK(mem_.DeleteFile(segments[0].path));
  Result<Records> replay = Replay(options);
  ASSERT_RAISES(kCorruption, replay);
  EXPECT_NE(replay.status().message().find("are missing"), std::string::npos);
  options.persisted_sequence = segments[1].first_sequence - 1;
  ASSERT_OK(Replay(options));
}

TEST_F(WalRecoveryTest, BadHeaderIsCorruptionAtByteZero) {
  WriteRecords(3);
  ASSERT_OK(fs_.FlipByte(SegmentPath(1), 2));
  Result<Records> replay = Replay();
  ASSERT_RAISES(kCorruption, replay);
  EXPECT_NE(replay.status().message().find(fmt::format(
                "WAL corruption in {} at byte 0: bad segment header: bad magic", SegmentPath(1))),
            std::string::npos)
      << replay.status().message();
}

TEST_F(WalRecoveryTest, HeaderlessLastSegmentIsDeleted) {
  WriteRecords(3);
  ASSERT_OK(WriteFileAndSync(&mem_, SegmentPath(4), std::string("QUIV")));
  ASSERT_OK_AND_ASSIGN(Records records, Replay());
  EXPECT_EQ(records, Expected(1, 3));
  EXPECT_TRUE(Logged("has no complete header"));
  WriteRecords(2);
  ASSERT_OK_AND_ASSIGN(records, Replay());
  EXPECT_EQ(records, Expected(1, 5));
  // The new records continued the previous segment.
  ASSERT_OK_AND_ASSIGN(std::vector<WalSegmentInfo> segments, ListWalSegments(&fs_, kDir));
  ASSERT_EQ(segments.size(), 1u);
  EXPECT_EQ(segments[0].first_sequence, 1u);
}

TEST_F(WalRecoveryTest, SegmentRenamedToTheWrongSequenceIsCorruption) {
  WriteRecords(3);
  ASSERT_OK(mem_.Rename(SegmentPath(1), SegmentPath(2)));
  WalOptions options;
  options.persisted_sequence = 1;  // so that a segment starting at 2 is expected
  Result<Records> replay = Replay(options);
  ASSERT_RAISES(kCorruption, replay);
  EXPECT_NE(replay.status().message().find("header says first sequence 1"), std::string::npos);
}

TEST_F(WalRecoveryTest, OtherFilesInTheDirectoryAreIgnored) {
  WriteRecords(2);
  ASSERT_OK(WriteFileAndSync(&mem_, JoinPath(kDir, "notes.txt"), "hello"));
  ASSERT_OK(WriteFileAndSync(&mem_, JoinPath(kDir, "1.wal"), "not canonical"));
  ASSERT_OK_AND_ASSIGN(Records records, Replay());
  EXPECT_EQ(records, Expected(1, 2));
}

}  // namespace
}  // namespace quiver
