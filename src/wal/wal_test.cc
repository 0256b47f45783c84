#include "wal/wal.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <map>
#include <thread>

#include "io/mem_file_system.h"
#include "io/path.h"
#include "testing/status_matchers.h"
#include "wal/recording_wal_observer.h"
#include "wal/wal_format.h"

namespace quiver {
namespace {

using Records = std::vector<std::pair<uint64_t, std::string>>;

std::string Payload(uint64_t n) {
  return fmt::format("payload-{}-{}", n, std::string(n % 37, 'x'));
}

class WalTest : public ::testing::Test {
 protected:
  static constexpr const char* kDir = "/data/node0/wal";

  Result<std::unique_ptr<Wal>> Open(WalOptions options = {}) {
    observer_ = std::make_unique<RecordingWalObserver>();
    return Wal::Open(&fs_, kDir, options, observer_.get());
  }

  // Closes `wal` and reopens the directory, returning what replay delivered.
  Records Reopen(std::unique_ptr<Wal>& wal, WalOptions options = {}) {
    if (wal) EXPECT_OK(wal->Close());
    wal.reset();
    auto reopened = Open(options);
    EXPECT_OK(reopened);
    if (!reopened.ok()) return {};
    wal = std::move(reopened).ValueOrDie();
    return observer_->replayed();
  }

  std::vector<std::string> SegmentNames() {
    std::vector<std::string> names;
    auto entries = fs_.ListDir(kDir);
    EXPECT_OK(entries);
    for (const DirEntry& entry : *entries) {
      if (entry.name.ends_with(".wal")) names.push_back(entry.name);
    }
    return names;
  }

  MemFileSystem fs_;
  std::unique_ptr<RecordingWalObserver> observer_;
};

TEST_F(WalTest, AppendAssignsSequencesAndReplayReturnsThemInOrder) {
  ASSERT_OK_AND_ASSIGN(auto wal, Open());
  Records expected;
  for (uint64_t n = 1; n <= 10; ++n) {
    ASSERT_OK_AND_ASSIGN(uint64_t sequence, wal->Append(Payload(n), Durability::kSync));
    EXPECT_EQ(sequence, n);
    expected.emplace_back(n, Payload(n));
  }
  EXPECT_EQ(wal->LastSequence(), 10u);
  EXPECT_EQ(wal->SyncedSequence(), 10u);
  EXPECT_EQ(SegmentNames(), std::vector<std::string>{"00000000001.wal"});
  EXPECT_EQ(Reopen(wal), expected);
  // New records continue the sequence, in the same segment.
  ASSERT_OK_AND_ASSIGN(uint64_t sequence, wal->Append("after reopen", Durability::kSync));
  EXPECT_EQ(sequence, 11u);
  expected.emplace_back(11, "after reopen");
  EXPECT_EQ(Reopen(wal), expected);
  EXPECT_EQ(SegmentNames(), std::vector<std::string>{"00000000001.wal"});
}

TEST_F(WalTest, EmptyAndBinaryPayloads) {
  ASSERT_OK_AND_ASSIGN(auto wal, Open());
  std::string binary("\0\1\xff\0", 4);
  ASSERT_OK(wal->Append("", Durability::kSync));
  ASSERT_OK(wal->Append(binary, Durability::kSync));
  EXPECT_EQ(Reopen(wal), (Records{{1, ""}, {2, binary}}));
}

TEST_F(WalTest, ObserverSeesEveryFlushBeforeTheWriterIsAcknowledged) {
  ASSERT_OK_AND_ASSIGN(auto wal, Open());
  std::atomic<uint64_t> visible{0};
  observer_->set_flush_hook(
      [&](const WalFlushInfo& info) { visible = info.records.back().sequence; });
  for (int n = 1; n <= 5; ++n) {
    ASSERT_OK_AND_ASSIGN(uint64_t sequence, wal->Append(Payload(n), Durability::kSync));
    EXPECT_GE(visible.load(), sequence) << "acknowledged before the observer saw the record";
  }
  auto flushes = observer_->flushes();
  Records flushed;
  for (const auto& flush : flushes) flushed.insert(flushed.end(), flush.begin(), flush.end());
  ASSERT_EQ(flushed.size(), 5u);
  for (uint64_t n = 1; n <= 5; ++n) EXPECT_EQ(flushed[n - 1], std::make_pair(n, Payload(n)));
}

TEST_F(WalTest, ConcurrentWritersAreAllAcknowledgedAndReplayedInOrder) {
  ASSERT_OK_AND_ASSIGN(auto wal, Open());
  constexpr int kThreads = 16;
  constexpr int kPerThread = 100;
  std::mutex mu;
  std::map<uint64_t, std::string> acknowledged;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int thread_index = 0; thread_index < kThreads; ++thread_index) {
    threads.emplace_back([&, thread_index] {
      uint64_t previous = 0;
      for (int i = 0; i < kPerThread; ++i) {
        std::string payload = fmt::format("t{}-{}", thread_index, i);
        Durability durability = i % 5 == 0 ? Durability::kNoSync : Durability::kSync;
        Result<uint64_t> sequence = wal->Append(payload, durability);
        if (!sequence.ok() || *sequence <= previous) {
          ++failures;
          return;
        }
        previous = *sequence;
        std::lock_guard lock(mu);
        acknowledged[*sequence] = payload;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  ASSERT_EQ(failures.load(), 0);
  ASSERT_EQ(acknowledged.size(), static_cast<size_t>(kThreads * kPerThread));
  EXPECT_EQ(acknowledged.rbegin()->first, static_cast<uint64_t>(kThreads * kPerThread));
  ASSERT_OK(wal->Sync());
  EXPECT_LT(wal->FlushCount(), static_cast<uint64_t>(kThreads * kPerThread));

  Records replayed = Reopen(wal);
  ASSERT_EQ(replayed.size(), acknowledged.size());
  uint64_t expected_sequence = 1;
  for (const auto& [sequence, payload] : replayed) {
    ASSERT_EQ(sequence, expected_sequence++);
    EXPECT_EQ(payload, acknowledged[sequence]);
  }
}

TEST_F(WalTest, WritersArrivingDuringAFlushShareTheNextOne) {
  ASSERT_OK_AND_ASSIGN(auto wal, Open());
  constexpr int kWriters = 16;
  observer_->HoldNextFlush();
  std::thread first([&] { EXPECT_OK(wal->Append("first", Durability::kSync)); });
  observer_->WaitUntilFlushHeld();
  std::vector<std::thread> writers;
  for (int index = 0; index < kWriters; ++index) {
    writers.emplace_back(
        [&, index] { EXPECT_OK(wal->Append(fmt::format("w{}", index), Durability::kSync)); });
  }
  while (wal->LastSequence() < kWriters + 1) std::this_thread::yield();
  observer_->ReleaseFlush();
  first.join();
  for (auto& writer : writers) writer.join();
  auto flushes = observer_->flushes();
  ASSERT_EQ(flushes.size(), 2u);
  EXPECT_EQ(flushes[0].size(), 1u);
  EXPECT_EQ(flushes[1].size(), static_cast<size_t>(kWriters));
}

TEST_F(WalTest, ALoneDurableWriteDoesNotWaitForTheFlushInterval) {
  WalOptions options;
  options.flush_interval_nanos = 2 * kNanosPerSecond;
  ASSERT_OK_AND_ASSIGN(auto wal, Open(options));
  auto start = std::chrono::steady_clock::now();
  for (int n = 0; n < 3; ++n) ASSERT_OK(wal->Append("x", Durability::kSync));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(1000));
}

TEST_F(WalTest, NoSyncReturnsBeforeTheFlushAndIsFlushedWithinTheInterval) {
  WalOptions options;
  options.flush_interval_nanos = 50 * kNanosPerMilli;
  ASSERT_OK_AND_ASSIGN(auto wal, Open(options));
  auto start = std::chrono::steady_clock::now();
  ASSERT_OK_AND_ASSIGN(uint64_t sequence, wal->Append("fast", Durability::kNoSync));
  EXPECT_EQ(sequence, 1u);
  // Not yet durable: the flusher is gathering for up to 50ms.
  EXPECT_EQ(wal->SyncedSequence(), 0u);
  while (wal->SyncedSequence() < 1) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_GE(waited, std::chrono::milliseconds(40));
  EXPECT_LT(waited, std::chrono::milliseconds(2000));
  EXPECT_EQ(wal->FlushCount(), 1u);
}

TEST_F(WalTest, ADurableWriteFlushesEarlierNoSyncRecordsWithIt) {
  WalOptions options;
  options.flush_interval_nanos = 60 * kNanosPerSecond;
  ASSERT_OK_AND_ASSIGN(auto wal, Open(options));
  for (int n = 0; n < 5; ++n) ASSERT_OK(wal->Append(Payload(n), Durability::kNoSync));
  EXPECT_EQ(wal->FlushCount(), 0u);
  ASSERT_OK_AND_ASSIGN(uint64_t sequence, wal->Append("durable", Durability::kSync));
  EXPECT_EQ(sequence, 6u);
  EXPECT_EQ(wal->SyncedSequence(), 6u);
  EXPECT_EQ(wal->FlushCount(), 1u);
  // Sync() is a barrier for no_sync records.
  ASSERT_OK(wal->Append("later", Durability::kNoSync));
  ASSERT_OK(wal->Sync());
  EXPECT_EQ(wal->SyncedSequence(), 7u);
}

TEST_F(WalTest, CloseFlushesBufferedNoSyncRecords) {
  WalOptions options;
  options.flush_interval_nanos = 60 * kNanosPerSecond;
  ASSERT_OK_AND_ASSIGN(auto wal, Open(options));
  ASSERT_OK(wal->Append("buffered", Durability::kNoSync));
  EXPECT_EQ(Reopen(wal), (Records{{1, "buffered"}}));
  ASSERT_OK(wal->Close());
  ASSERT_OK(wal->Close());  // idempotent
  ASSERT_RAISES(kCancelled, wal->Append("closed", Durability::kSync));
}

TEST_F(WalTest, BufferLimitGivesResourceExhausted) {
  WalOptions options;
  options.max_buffer_bytes = 1000;
  ASSERT_OK_AND_ASSIGN(auto wal, Open(options));
  Result<uint64_t> too_big = wal->Append(std::string(1000, 'x'), Durability::kSync);
  ASSERT_RAISES(kResourceExhausted, too_big);
  EXPECT_NE(too_big.status().message().find("exceeds the WAL buffer limit"), std::string::npos);

  // Hold the flusher inside the first flush so that the buffer fills up.
  observer_->HoldNextFlush();
  ASSERT_OK(wal->Append(std::string(100, 'a'), Durability::kNoSync));
  observer_->WaitUntilFlushHeld();
  Status full;
  int accepted = 0;
  while (full.ok()) {
    Result<uint64_t> appended = wal->Append(std::string(100, 'b'), Durability::kNoSync);
    full = appended.status();
    if (appended.ok()) ++accepted;
    ASSERT_LT(accepted, 100);
  }
  ASSERT_RAISES(kResourceExhausted, full);
  EXPECT_NE(full.message().find("WAL buffer full"), std::string::npos) << full.message();
  EXPECT_LE(wal->BufferedBytes(), 1000u);
  observer_->ReleaseFlush();
  ASSERT_OK(wal->Sync());
  EXPECT_EQ(wal->BufferedBytes(), 0u);
  ASSERT_OK(wal->Append(std::string(100, 'c'), Durability::kSync));  // room again
}

TEST_F(WalTest, PayloadOverTheFormatLimitIsInvalid) {
  ASSERT_OK_AND_ASSIGN(auto wal, Open());
  std::string huge(wal_format::kMaxPayloadSize + 1, 'x');
  ASSERT_RAISES(kInvalidArgument, wal->Append(huge, Durability::kNoSync));
}

TEST_F(WalTest, RotationAcrossManySegments) {
  WalOptions options;
  options.segment_size = 512;
  ASSERT_OK_AND_ASSIGN(auto wal, Open(options));
  Records expected;
  for (uint64_t n = 1; n <= 200; ++n) {
    ASSERT_OK(wal->Append(Payload(n), Durability::kSync));
    expected.emplace_back(n, Payload(n));
  }
  std::vector<WalSegmentInfo> segments = wal->Segments();
  ASSERT_GT(segments.size(), 10u);
  EXPECT_EQ(wal->ClosedSegmentCount(), segments.size() - 1);
  EXPECT_EQ(observer_->last_closed_segments(), segments.size() - 1);
  EXPECT_EQ(segments.front().first_sequence, 1u);
  for (size_t index = 0; index + 1 < segments.size(); ++index) {
    EXPECT_EQ(segments[index].last_sequence + 1, segments[index + 1].first_sequence);
    EXPECT_EQ(Basename(segments[index].path),
              wal_format::SegmentFileName(segments[index].first_sequence));
    ASSERT_OK_AND_ASSIGN(uint64_t size, fs_.FileSize(segments[index].path));
    EXPECT_EQ(size, segments[index].size_bytes);
    // Rotated before the flush that would start past the limit: at most one flush over.
    EXPECT_LT(segments[index].size_bytes, options.segment_size + 200);
  }
  EXPECT_EQ(segments.back().last_sequence, 200u);
  EXPECT_EQ(SegmentNames().size(), segments.size());
  EXPECT_EQ(Reopen(wal, options), expected);
  EXPECT_EQ(wal->Segments().size(), segments.size());
}

TEST_F(WalTest, DeleteSegmentsCoveredByAndReplayAfterThePersistedSequence) {
  WalOptions options;
  options.segment_size = 512;
  ASSERT_OK_AND_ASSIGN(auto wal, Open(options));
  for (uint64_t n = 1; n <= 100; ++n) ASSERT_OK(wal->Append(Payload(n), Durability::kSync));
  std::vector<WalSegmentInfo> before = wal->Segments();

  std::vector<WalSegmentInfo> covered = wal->SegmentsCoveredBy(60);
  ASSERT_FALSE(covered.empty());
  for (const WalSegmentInfo& segment : covered) EXPECT_LE(segment.last_sequence, 60u);
  EXPECT_GT(before[covered.size()].last_sequence, 60u);
  ASSERT_OK_AND_ASSIGN(size_t deleted, wal->DeleteSegmentsCoveredBy(60));
  EXPECT_EQ(deleted, covered.size());
  EXPECT_EQ(wal->Segments().size(), before.size() - deleted);
  EXPECT_EQ(SegmentNames().size(), before.size() - deleted);
  ASSERT_OK_AND_ASSIGN(deleted, wal->DeleteSegmentsCoveredBy(60));
  EXPECT_EQ(deleted, 0u);

  // Replay with the persisted sequence skips what is covered.
  options.persisted_sequence = 60;
  Records replayed = Reopen(wal, options);
  ASSERT_EQ(replayed.size(), 40u);
  EXPECT_EQ(replayed.front().first, 61u);
  EXPECT_EQ(replayed.back().first, 100u);

  // Deleting everything never removes the active segment.
  ASSERT_OK(wal->DeleteSegmentsCoveredBy(1000));
  EXPECT_EQ(wal->Segments().size(), 1u);
  ASSERT_OK_AND_ASSIGN(uint64_t sequence, wal->Append("next", Durability::kSync));
  EXPECT_EQ(sequence, 101u);
}

TEST_F(WalTest, PersistedSequenceAboveTheLogStartsANewSegment) {
  ASSERT_OK_AND_ASSIGN(auto wal, Open());
  for (int n = 1; n <= 3; ++n) ASSERT_OK(wal->Append(Payload(n), Durability::kSync));
  WalOptions options;
  options.persisted_sequence = 10;
  EXPECT_TRUE(Reopen(wal, options).empty());
  ASSERT_OK_AND_ASSIGN(uint64_t sequence, wal->Append("eleven", Durability::kSync));
  EXPECT_EQ(sequence, 11u);
  EXPECT_EQ(SegmentNames(), (std::vector<std::string>{"00000000001.wal", "00000000011.wal"}));
  // The gap 4..10 is covered by the persisted sequence.
  EXPECT_EQ(Reopen(wal, options), (Records{{11, "eleven"}}));
  // With a fresh directory, sequences start above the persisted one too.
  wal.reset();
  ASSERT_OK_AND_ASSIGN(auto other, Wal::Open(&fs_, "/data/node1/wal", options, observer_.get()));
  ASSERT_OK_AND_ASSIGN(sequence, other->Append("x", Durability::kSync));
  EXPECT_EQ(sequence, 11u);
}

TEST_F(WalTest, ObserverReplayErrorAbortsOpen) {
  ASSERT_OK_AND_ASSIGN(auto wal, Open());
  ASSERT_OK(wal->Append("a", Durability::kSync));
  ASSERT_OK(wal->Close());
  wal.reset();
  RecordingWalObserver failing;
  failing.set_replay_error(Status::InvalidArgument("unknown table"));
  Result<std::unique_ptr<Wal>> reopened = Wal::Open(&fs_, kDir, {}, &failing);
  ASSERT_RAISES(kInvalidArgument, reopened);
  EXPECT_NE(reopened.status().message().find("WAL replay of sequence 1 from"), std::string::npos)
      << reopened.status().ToString();
}

TEST_F(WalTest, TheDirectoryIsLocked) {
  ASSERT_OK_AND_ASSIGN(auto wal, Open());
  RecordingWalObserver other;
  Result<std::unique_ptr<Wal>> second = Wal::Open(&fs_, kDir, {}, &other);
  ASSERT_RAISES(kIOError, second);
  EXPECT_NE(second.status().message().find("already locked"), std::string::npos);
  ASSERT_OK(wal->Close());
  ASSERT_OK(Wal::Open(&fs_, kDir, {}, &other));
}

TEST_F(WalTest, InvalidOptions) {
  WalOptions options;
  options.segment_size = 0;
  ASSERT_RAISES(kInvalidArgument, Open(options));
  options = {};
  options.flush_interval_nanos = -1;
  ASSERT_RAISES(kInvalidArgument, Open(options));
  EXPECT_EQ(*ParseWalRecoveryMode("truncate"), WalRecoveryMode::kTruncate);
  EXPECT_EQ(*ParseWalRecoveryMode("strict"), WalRecoveryMode::kStrict);
  ASSERT_RAISES(kInvalidArgument, ParseWalRecoveryMode("yolo"));
}

}  // namespace
}  // namespace quiver
