#include "exec/exec_context.h"

#include <thread>

#include "exec/task_pool.h"

namespace quiver {

namespace {
int DefaultParallelism(int requested) {
  if (requested > 0) return requested;
  unsigned cores = std::thread::hardware_concurrency();
  return cores == 0 ? 2 : static_cast<int>(cores);
}
}  // namespace

ExecContext::ExecContext(ExecOptions options, int64_t query_time_nanos, TaskPool* tasks)
    : options_(options),
      query_time_nanos_(query_time_nanos),
      parallelism_(DefaultParallelism(options.parallelism)),
      tasks_(tasks ? tasks : TaskPool::Default()),
      pool_(MakeLimitedMemoryPool("query", options.memory_limit_bytes)) {}

void ExecContext::Cancel(Status reason) {
  std::lock_guard lock(mu_);
  if (cancelled_.load()) return;
  cancel_reason_ = std::move(reason);
  cancelled_.store(true, std::memory_order_relaxed);
}

Status ExecContext::CheckCancelled() const {
  if (!cancelled()) return Status::OK();
  std::lock_guard lock(mu_);
  return cancel_reason_.ok() ? Status::Cancelled("query cancelled") : cancel_reason_;
}

}  // namespace quiver
