#include "exec/task_pool.h"

#include <atomic>
#include <memory>

namespace quiver {

TaskPool::TaskPool(int threads) {
  for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { WorkerLoop(); });
}

TaskPool::~TaskPool() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  for (auto& thread : threads_) thread.join();
}

TaskPool* TaskPool::Default() {
  static TaskPool* pool = [] {
    unsigned cores = std::thread::hardware_concurrency();
    return new TaskPool(cores == 0 ? 2 : static_cast<int>(cores));
  }();
  return pool;
}

void TaskPool::Submit(std::function<void()> task) {
  {
    std::lock_guard lock(mu_);
    queue_.push_back(std::move(task));
  }
  cv_.notify_one();
}

void TaskPool::WorkerLoop() {
  while (true) {
    std::function<void()> task;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;
      task = std::move(queue_.front());
      queue_.pop_front();
    }
    task();
  }
}

void TaskPool::RunParallel(int n, const std::function<void(int)>& fn) {
  if (n <= 1) {
    if (n == 1) fn(0);
    return;
  }
  // Shares are claimed through an atomic counter, by pool threads and by the caller; the
  // caller keeps claiming until none is left, then waits for the shares others claimed.
  struct Shared {
    std::atomic<int> next{0};
    std::atomic<int> done{0};
    std::mutex mu;
    std::condition_variable cv;
  };
  auto shared = std::make_shared<Shared>();
  auto run_shares = [shared, n, &fn] {
    int index;
    while ((index = shared->next.fetch_add(1)) < n) {
      fn(index);
      if (shared->done.fetch_add(1) + 1 == n) {
        std::lock_guard lock(shared->mu);
        shared->cv.notify_all();
      }
    }
  };
  for (int i = 1; i < n; ++i) Submit(run_shares);
  run_shares();
  std::unique_lock lock(shared->mu);
  shared->cv.wait(lock, [&] { return shared->done.load() == n; });
}

}  // namespace quiver
