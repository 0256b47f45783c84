#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "base/thread_annotations.h"

namespace quiver {

// A fixed set of worker threads shared by all queries. Tasks must not block on other
// tasks of the pool (use RunParallel, whose caller runs one share itself, for fan-out).
// Thread-safe.
class TaskPool {
 public:
  explicit TaskPool(int threads);
  ~TaskPool();
  TaskPool(const TaskPool&) = delete;
  TaskPool& operator=(const TaskPool&) = delete;

  // The process-wide pool (one thread per core).
  static TaskPool* Default();

  void Submit(std::function<void()> task);

  // Runs fn(0) ... fn(n-1) concurrently: n-1 on pool threads, one on the calling thread,
  // and returns when all have finished. If the pool is busy the caller's share still
  // makes progress, so nested or concurrent fan-outs cannot deadlock: a share that has
  // not started when the caller finishes is run by the caller.
  void RunParallel(int n, const std::function<void(int)>& fn);

  int size() const { return static_cast<int>(threads_.size()); }

 private:
  void WorkerLoop();

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> queue_ GUARDED_BY(mu_);
  bool stopping_ GUARDED_BY(mu_) = false;
  std::vector<std::thread> threads_;
};

}  // namespace quiver
