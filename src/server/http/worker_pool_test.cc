#include "server/http/worker_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <latch>

#include "testing/status_matchers.h"

namespace quiver::http {
namespace {

TEST(WorkerPoolTest, RunsTasksConcurrently) {
  WorkerPool pool(2, 100);
  std::latch both_running(2);
  std::atomic<int> done{0};
  for (int index = 0; index < 2; ++index) {
    ASSERT_OK(pool.Submit([&] {
      both_running.arrive_and_wait();  // deadlocks unless two threads run at once
      done.fetch_add(1);
    }));
  }
  pool.Shutdown();
  EXPECT_EQ(done.load(), 2);
}

TEST(WorkerPoolTest, ShutdownDrainsQueue) {
  std::atomic<int> done{0};
  {
    WorkerPool pool(1, 1000);
    for (int index = 0; index < 100; ++index) {
      ASSERT_OK(pool.Submit([&] { done.fetch_add(1); }));
    }
  }
  EXPECT_EQ(done.load(), 100);
}

TEST(WorkerPoolTest, BoundedQueueAndShutdownRejects) {
  WorkerPool pool(1, 1);
  std::latch release(1);
  std::latch started(1);
  ASSERT_OK(pool.Submit([&] {
    started.count_down();
    release.wait();
  }));
  started.wait();
  ASSERT_OK(pool.Submit([] {}));                    // queued
  ASSERT_RAISES(kUnavailable, pool.Submit([] {}));  // queue full
  release.count_down();
  pool.Shutdown();
  ASSERT_RAISES(kUnavailable, pool.Submit([] {}));
  pool.Shutdown();  // idempotent
}

}  // namespace
}  // namespace quiver::http
