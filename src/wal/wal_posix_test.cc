// The WAL on the real file system: a functional check with real fdatasync and fallocate,
// and a throughput measurement that is not run by default:
//   quiver_wal_test --gtest_also_run_disabled_tests --gtest_filter='*Throughput*'
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "base/logging.h"
#include "io/path.h"
#include "io/posix_file_system.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"
#include "wal/recording_wal_observer.h"
#include "wal/wal.h"

namespace quiver {
namespace {

TEST(WalPosixTest, RealFilesPreallocatedButSizedToTheirData) {
  testing::TempDir dir;
  std::string wal_dir = JoinPath(dir.path(), "node0/wal");
  WalOptions options;
  options.segment_size = 64 << 10;
  RecordingWalObserver observer;
  ASSERT_OK_AND_ASSIGN(auto wal,
                       Wal::Open(PosixFileSystem::Default(), wal_dir, options, &observer));
  std::string payload(1000, 'x');
  for (int n = 0; n < 200; ++n) ASSERT_OK(wal->Append(payload, Durability::kSync));
  std::vector<WalSegmentInfo> segments = wal->Segments();
  ASSERT_GE(segments.size(), 3u);
  for (const WalSegmentInfo& segment : segments) {
    struct stat st;
    ASSERT_EQ(stat(segment.path.c_str(), &st), 0);
    EXPECT_EQ(static_cast<uint64_t>(st.st_size), segment.size_bytes);
  }
  // Closed segments gave back their reservation.
  struct stat first;
  ASSERT_EQ(stat(segments[0].path.c_str(), &first), 0);
  EXPECT_LT(first.st_blocks * 512, static_cast<int64_t>(options.segment_size) + 8192);
  ASSERT_OK(wal->Close());
  wal.reset();
  RecordingWalObserver replay;
  ASSERT_OK_AND_ASSIGN(wal, Wal::Open(PosixFileSystem::Default(), wal_dir, options, &replay));
  EXPECT_EQ(replay.replayed().size(), 200u);
}

// Acknowledged durable appends per second with N concurrent writers on the real disk.
void MeasureThroughput(size_t payload_size, bool preallocate) {
  for (int writers : {1, 4, 16}) {
    testing::TempDir dir;
    WalOptions options;
    options.preallocate = preallocate;
    ASSERT_OK_AND_ASSIGN(auto wal, Wal::Open(PosixFileSystem::Default(),
                                             JoinPath(dir.path(), "wal"), options, nullptr));
    std::atomic<bool> stop{false};
    std::atomic<uint64_t> appended{0};
    std::vector<std::thread> threads;
    std::string payload(payload_size, 'p');
    auto start = std::chrono::steady_clock::now();
    for (int index = 0; index < writers; ++index) {
      threads.emplace_back([&] {
        while (!stop) {
          if (!wal->Append(payload, Durability::kSync).ok()) return;
          ++appended;
        }
      });
    }
    std::this_thread::sleep_for(std::chrono::seconds(2));
    stop = true;
    for (auto& thread : threads) thread.join();
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    uint64_t flushes = wal->FlushCount();
    std::printf(
        "payload %6zu B  preallocate %d  writers %2d: %8.0f acknowledged appends/s, "
        "%6.0f flushes/s, %5.1f records/flush, %6.1f MB/s\n",
        payload_size, preallocate, writers, appended / seconds, flushes / seconds,
        static_cast<double>(appended) / std::max<uint64_t>(flushes, 1),
        appended * (payload_size + 17) / seconds / 1e6);
  }
}

TEST(WalPosixTest, DISABLED_Throughput) {
  ASSERT_OK(SetLogFilter("warn"));
  MeasureThroughput(1024, true);
  MeasureThroughput(1024, false);
  MeasureThroughput(64 * 1024, true);
  MeasureThroughput(64 * 1024, false);
  ASSERT_OK(SetLogFilter("info"));
}

}  // namespace
}  // namespace quiver
