#include "server/http/worker_pool.h"

#include <pthread.h>

#include <algorithm>

namespace quiver::http {

WorkerPool::WorkerPool(int threads, size_t max_queued, std::string name) : max_queued_(max_queued) {
  threads = std::max(threads, 1);
  name.resize(std::min<size_t>(name.size(), 15));
  threads_.reserve(threads);
  for (int index = 0; index < threads; ++index) {
    threads_.emplace_back([this] { Run(); });
    pthread_setname_np(threads_.back().native_handle(), name.c_str());
  }
}

WorkerPool::~WorkerPool() { Shutdown(); }

Status WorkerPool::Submit(std::function<void()> task) {
  {
    std::lock_guard lock(mutex_);
    if (shutting_down_) return Status::Unavailable("server is shutting down");
    if (queue_.size() >= max_queued_) {
      return Status::Unavailable("server is overloaded: {} requests are waiting", queue_.size());
    }
    queue_.push_back(std::move(task));
  }
  cv_.notify_one();
  return Status::OK();
}

void WorkerPool::Shutdown() {
  {
    std::lock_guard lock(mutex_);
    shutting_down_ = true;
  }
  cv_.notify_all();
  std::lock_guard join_lock(join_mutex_);
  for (std::thread& thread : threads_) {
    if (thread.joinable()) thread.join();
  }
}

void WorkerPool::Run() {
  while (true) {
    std::function<void()> task;
    {
      std::unique_lock lock(mutex_);
      cv_.wait(lock, [this] { return shutting_down_ || !queue_.empty(); });
      if (queue_.empty()) return;  // shutting down and drained
      task = std::move(queue_.front());
      queue_.pop_front();
    }
    task();
  }
}

}  // namespace quiver::http
