#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "base/result.h"
#include "columnar/memory_pool.h"

namespace quiver {

class TaskPool;

struct ExecOptions {
  // Worker threads per pipeline (0: one per core).
  int parallelism = 0;
  // Memory a query may allocate for intermediate results before it fails with
  // ResourceExhausted (--exec-mem-pool-bytes).
  int64_t memory_limit_bytes = int64_t{2} << 30;
  // Target rows per batch produced by blocking operators.
  int64_t batch_rows = 64 * 1024;
};

// Everything one query's operators share: its memory pool, the query time now() returns,
// cancellation, and the worker pool. Thread-safe.
class ExecContext {
 public:
  ExecContext(ExecOptions options, int64_t query_time_nanos, TaskPool* tasks = nullptr);

  MemoryPool* pool() const { return pool_.get(); }
  int64_t query_time_nanos() const { return query_time_nanos_; }
  int parallelism() const { return parallelism_; }
  int64_t batch_rows() const { return options_.batch_rows; }
  TaskPool* tasks() const { return tasks_; }

  // Requests cancellation (client went away, another error); operators notice at their
  // next check and the query fails with `reason`.
  void Cancel(Status reason);
  bool cancelled() const { return cancelled_.load(std::memory_order_relaxed); }
  // OK, or the cancellation reason.
  Status CheckCancelled() const;

 private:
  const ExecOptions options_;
  const int64_t query_time_nanos_;
  const int parallelism_;
  TaskPool* const tasks_;
  MemoryPoolPtr pool_;
  std::atomic<bool> cancelled_{false};
  mutable std::mutex mu_;
  Status cancel_reason_;
};

}  // namespace quiver
