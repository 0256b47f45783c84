// Crash tests on the FaultInjectionFileSystem: failing writes and syncs, and power
// failures (DropUnsyncedData) at arbitrary moments. The property under test, from
// DESIGN.md: nothing acknowledged is ever lost, and nothing unsynced comes back.
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <random>
#include <thread>

#include "io/fault_injection_file_system.h"
#include "io/mem_file_system.h"
#include "testing/status_matchers.h"
#include "wal/recording_wal_observer.h"
#include "wal/wal.h"

namespace quiver {
namespace {

using Records = std::vector<std::pair<uint64_t, std::string>>;

class WalCrashTest : public ::testing::Test {
 protected:
  static constexpr const char* kDir = "/data/node0/wal";

  Result<std::unique_ptr<Wal>> Open(RecordingWalObserver* observer, WalOptions options = {}) {
    return Wal::Open(&fs_, kDir, options, observer);
  }

  // Simulates a power failure after `wal` is abandoned: its final flush fails, then every
  // unsynced byte is dropped.
  void Crash(std::unique_ptr<Wal>& wal) {
    fs_.SetActive(false);
    wal.reset();
    ASSERT_OK(fs_.DropUnsyncedData());
    fs_.ClearFaults();
  }

  Records ReplayAll(WalOptions options = {}) {
    RecordingWalObserver observer;
    auto wal = Open(&observer, options);
    EXPECT_OK(wal);
    return observer.replayed();
  }

  MemFileSystem mem_;
  FaultInjectionFileSystem fs_{&mem_};
};

TEST_F(WalCrashTest, PowerFailureKeepsExactlyTheSyncedRecords) {
  RecordingWalObserver observer;
  WalOptions options;
  options.flush_interval_nanos = 60 * kNanosPerSecond;  // no_sync records stay buffered
  ASSERT_OK_AND_ASSIGN(auto wal, Open(&observer, options));
  ASSERT_OK(wal->Append("durable-1", Durability::kSync));
  ASSERT_OK(wal->Append("durable-2", Durability::kSync));
  ASSERT_OK(wal->Append("buffered-3", Durability::kNoSync));
  ASSERT_OK(wal->Append("buffered-4", Durability::kNoSync));
  EXPECT_EQ(wal->SyncedSequence(), 2u);
  Crash(wal);
  EXPECT_EQ(ReplayAll(), (Records{{1, "durable-1"}, {2, "durable-2"}}));
}

TEST_F(WalCrashTest, ConcurrentWritersThenPowerFailure) {
  for (int round = 0; round < 5; ++round) {
    SCOPED_TRACE(round);
    RecordingWalObserver observer;
    WalOptions options;
    options.segment_size = 4096;  // rotate often, so crashes also hit rotations
    options.flush_interval_nanos = kNanosPerMilli;
    ASSERT_OK_AND_ASSIGN(auto wal, Open(&observer, options));
    const uint64_t base = wal->LastSequence();

    constexpr int kThreads = 8;
    std::mutex mu;
    std::map<uint64_t, std::string> returned;  // every sequence Append returned
    std::map<uint64_t, std::string> durable;   // those acknowledged with kSync
    std::atomic<int> acknowledged{0};
    std::atomic<bool> stop{false};
    std::vector<std::thread> threads;
    for (int thread_index = 0; thread_index < kThreads; ++thread_index) {
      threads.emplace_back([&, thread_index] {
        std::mt19937 rng(round * 100 + thread_index);
        for (int i = 0; !stop; ++i) {
          std::string payload =
              fmt::format("r{}-t{}-{}-{}", round, thread_index, i, std::string(rng() % 300, 'p'));
          bool sync = rng() % 4 != 0;
          Result<uint64_t> sequence =
              wal->Append(payload, sync ? Durability::kSync : Durability::kNoSync);
          if (!sequence.ok()) {
            EXPECT_TRUE(sequence.status().IsIOError()) << sequence.status().ToString();
            return;  // sticky: nothing later can succeed
          }
          std::lock_guard lock(mu);
          returned[*sequence] = payload;
          if (sync) durable[*sequence] = payload;
          ++acknowledged;
        }
      });
    }
    while (acknowledged < 200 + round * 50) std::this_thread::yield();
    fs_.SetActive(false);  // the power goes out
    stop = true;
    for (auto& thread : threads) thread.join();
    const uint64_t synced = wal->SyncedSequence();
    Crash(wal);

    Records replayed = ReplayAll(options);
    // Earlier rounds' records come back too; look at this round's.
    std::erase_if(replayed, [base](const auto& record) { return record.first <= base; });
    // Exactly the records base+1..synced come back, each with the payload it was given.
    ASSERT_EQ(replayed.size(), synced - base);
    for (size_t index = 0; index < replayed.size(); ++index) {
      ASSERT_EQ(replayed[index].first, base + 1 + index);
      ASSERT_TRUE(returned.count(replayed[index].first)) << replayed[index].first;
      EXPECT_EQ(replayed[index].second, returned[replayed[index].first]);
    }
    // Every acknowledged durable write is among them.
    for (const auto& [sequence, payload] : durable) EXPECT_LE(sequence, synced);
  }
}

TEST_F(WalCrashTest, FailedSyncFailsTheWriterAndEveryLaterOne) {
  RecordingWalObserver observer;
  ASSERT_OK_AND_ASSIGN(auto wal, Open(&observer));
  ASSERT_OK(wal->Append("one", Durability::kSync));  // creates the segment
  fs_.FailAfter(FaultOp::kSync, 2);
  ASSERT_OK(wal->Append("two", Durability::kSync));
  ASSERT_OK(wal->Append("three", Durability::kSync));
  Result<uint64_t> failed = wal->Append("four", Durability::kSync);
  ASSERT_RAISES(kIOError, failed);
  EXPECT_NE(failed.status().message().find("injected fault"), std::string::npos);
  EXPECT_NE(failed.status().message().find("WAL flush failed"), std::string::npos);
  fs_.ClearFaults();  // the disk "recovers", but the WAL must not
  ASSERT_RAISES(kIOError, wal->Append("five", Durability::kSync));
  ASSERT_RAISES(kIOError, wal->Append("six", Durability::kNoSync));
  ASSERT_RAISES(kIOError, wal->Sync());
  ASSERT_RAISES(kIOError, wal->error());
  EXPECT_EQ(wal->SyncedSequence(), 3u);
  ASSERT_RAISES(kIOError, wal->Close());
  wal.reset();
  ASSERT_OK(fs_.DropUnsyncedData());
  EXPECT_EQ(ReplayAll(), (Records{{1, "one"}, {2, "two"}, {3, "three"}}));
}

TEST_F(WalCrashTest, FailedWriteFailsTheWriter) {
  RecordingWalObserver observer;
  ASSERT_OK_AND_ASSIGN(auto wal, Open(&observer));
  ASSERT_OK(wal->Append("one", Durability::kSync));
  fs_.FailAfter(FaultOp::kAppend, 0);
  ASSERT_RAISES(kIOError, wal->Append("two", Durability::kSync));
  fs_.ClearFaults();
  ASSERT_RAISES(kIOError, wal->Append("three", Durability::kSync));
  wal.reset();
  ASSERT_OK(fs_.DropUnsyncedData());
  EXPECT_EQ(ReplayAll(), (Records{{1, "one"}}));
}

TEST_F(WalCrashTest, FailedFlushFailsEveryWriterInIt) {
  RecordingWalObserver observer;
  ASSERT_OK_AND_ASSIGN(auto wal, Open(&observer));
  constexpr int kWriters = 8;
  observer.HoldNextFlush();
  std::thread first([&] { EXPECT_OK(wal->Append("first", Durability::kSync)); });
  observer.WaitUntilFlushHeld();  // flush 1 is durable; its writer not yet acknowledged
  std::atomic<int> io_errors{0};
  std::vector<std::thread> writers;
  for (int index = 0; index < kWriters; ++index) {
    writers.emplace_back([&, index] {
      Result<uint64_t> sequence = wal->Append(fmt::format("w{}", index), Durability::kSync);
      if (sequence.status().IsIOError()) ++io_errors;
    });
  }
  while (wal->LastSequence() < kWriters + 1) std::this_thread::yield();
  fs_.FailAfter(FaultOp::kSync, 0);  // the flush holding all eight writers will fail
  observer.ReleaseFlush();
  first.join();
  for (auto& writer : writers) writer.join();
  EXPECT_EQ(io_errors.load(), kWriters);
  EXPECT_EQ(wal->SyncedSequence(), 1u);
  EXPECT_EQ(observer.flushes().size(), 1u);  // the failed flush is not reported
  fs_.ClearFaults();
  wal.reset();
  ASSERT_OK(fs_.DropUnsyncedData());
  EXPECT_EQ(ReplayAll(), (Records{{1, "first"}}));
}

TEST_F(WalCrashTest, NoSyncIsAcknowledgedEvenIfItsFlushLaterFails) {
  RecordingWalObserver observer;
  ASSERT_OK_AND_ASSIGN(auto wal, Open(&observer));
  ASSERT_OK(wal->Append("durable", Durability::kSync));
  fs_.FailAfter(FaultOp::kSync, 0);
  ASSERT_OK_AND_ASSIGN(uint64_t sequence, wal->Append("no-sync", Durability::kNoSync));
  EXPECT_EQ(sequence, 2u);
  ASSERT_RAISES(kIOError, wal->Sync());
  ASSERT_RAISES(kIOError, wal->Append("later", Durability::kNoSync));
  fs_.ClearFaults();
  wal.reset();
  ASSERT_OK(fs_.DropUnsyncedData());
  EXPECT_EQ(ReplayAll(), (Records{{1, "durable"}}));
}

TEST_F(WalCrashTest, FailureWhileRotatingIsSticky) {
  RecordingWalObserver observer;
  WalOptions options;
  options.segment_size = 100;
  ASSERT_OK_AND_ASSIGN(auto wal, Open(&observer, options));
  ASSERT_OK(wal->Append(std::string(100, 'a'), Durability::kSync));  // segment 1 is now full
  fs_.FailAfter(FaultOp::kCreate, 0);
  Result<uint64_t> failed = wal->Append("b", Durability::kSync);
  ASSERT_RAISES(kIOError, failed);
  EXPECT_NE(failed.status().message().find("00000000002.wal"), std::string::npos)
      << failed.status().ToString();
  fs_.ClearFaults();
  ASSERT_RAISES(kIOError, wal->Append("c", Durability::kSync));
  wal.reset();
  ASSERT_OK(fs_.DropUnsyncedData());
  EXPECT_EQ(ReplayAll(options), (Records{{1, std::string(100, 'a')}}));
}

TEST_F(WalCrashTest, NewSegmentIsDurableBeforeItsRecordsAreAcknowledged) {
  // Rotation creates the file, syncs it and syncs the directory before writing records:
  // after a power failure the acknowledged records in the new segment are still there.
  RecordingWalObserver observer;
  WalOptions options;
  options.segment_size = 100;
  ASSERT_OK_AND_ASSIGN(auto wal, Open(&observer, options));
  Records expected;
  for (uint64_t n = 1; n <= 20; ++n) {
    std::string payload(60, static_cast<char>('a' + n % 26));
    ASSERT_OK(wal->Append(payload, Durability::kSync));
    expected.emplace_back(n, payload);
  }
  EXPECT_GE(wal->Segments().size(), 10u);
  Crash(wal);
  EXPECT_EQ(ReplayAll(options), expected);
}

TEST_F(WalCrashTest, CrashDuringReplayRepairsIsHarmless) {
  // A torn tail is truncated at startup; if the power fails right after, the next start
  // sees the same state and repairs it again.
  RecordingWalObserver observer;
  ASSERT_OK_AND_ASSIGN(auto wal, Open(&observer));
  ASSERT_OK(wal->Append("one", Durability::kSync));
  ASSERT_OK(wal->Append("two", Durability::kSync));
  ASSERT_OK(wal->Close());
  wal.reset();
  ASSERT_OK_AND_ASSIGN(auto file, mem_.NewAppendableFile("/data/node0/wal/00000000001.wal"));
  ASSERT_OK(file->Append("\x05partial"));
  ASSERT_OK(file->Close());
  EXPECT_EQ(ReplayAll(), (Records{{1, "one"}, {2, "two"}}));
  ASSERT_OK(fs_.DropUnsyncedData());
  EXPECT_EQ(ReplayAll(), (Records{{1, "one"}, {2, "two"}}));
}

}  // namespace
}  // namespace quiver
