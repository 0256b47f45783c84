#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "base/status.h"
#include "base/thread_annotations.h"

namespace quiver::http {

// A fixed set of threads running submitted tasks in FIFO order. HTTP handlers run here so
// that blocking work (a WAL fsync, a long query) never stalls the I/O threads.
//
// Bounded: at most `max_queued` tasks wait; beyond that Submit fails fast with
// Unavailable and the server answers 503 instead of queueing without limit.
//
// Thread-safety: all methods may be called from any thread. Tasks must not throw.
class WorkerPool {
 public:
  // Starts `threads` (>= 1) threads named `name` (shown by top/gdb; at most 15 chars).
  WorkerPool(int threads, size_t max_queued, std::string name = "quiver-worker");
  // Calls Shutdown().
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Queues `task`. Unavailable if the queue is full or the pool is shutting down.
  Status Submit(std::function<void()> task) EXCLUDES(mutex_);

  // Stops accepting tasks, runs every task already queued, then joins the threads.
  // Idempotent. REQUIRES: not called from a pool thread.
  void Shutdown() EXCLUDES(mutex_);

  int thread_count() const { return static_cast<int>(threads_.size()); }

 private:
  void Run();

  const size_t max_queued_;
  std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> queue_ GUARDED_BY(mutex_);
  bool shutting_down_ GUARDED_BY(mutex_) = false;
  std::mutex join_mutex_;  // serializes concurrent Shutdown calls
  std::vector<std::thread> threads_;
};

}  // namespace quiver::http
