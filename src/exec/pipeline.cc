#include "exec/pipeline.h"

#include <chrono>

#include <fmt/format.h>

#include "exec/task_pool.h"

namespace quiver {

std::string OperatorMetrics::ToString() const {
  return fmt::format("rows_in={}, rows_out={}, batches={}, elapsed={:.3f}ms", rows_in.load(), rows_out.load(),
                     batches_out.load(), static_cast<double>(elapsed_nanos.load()) / 1e6);
}

namespace {
int64_t NowNanos() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}
}  // namespace

Result<RecordBatchPtr> ApplyOperators(const std::vector<Operator*>& operators,
                                      RecordBatchPtr batch, ExecContext& ctx) {
  for (Operator* op : operators) {
    if (!batch) return batch;
    OperatorMetrics& m = op->metrics();
    int64_t start = NowNanos();
    m.rows_in.fetch_add(batch->num_rows(), std::memory_order_relaxed);
    ASSIGN_OR_RETURN(batch, op->Process(std::move(batch), ctx));
    m.elapsed_nanos.fetch_add(NowNanos() - start, std::memory_order_relaxed);
    if (batch) {
      m.rows_out.fetch_add(batch->num_rows(), std::memory_order_relaxed);
      m.batches_out.fetch_add(1, std::memory_order_relaxed);
    }
  }
  return batch;
}

Result<std::unique_ptr<Source>> RunPipeline(Pipeline& pipeline, Sink& sink, ExecContext& ctx) {
  const int workers = pipeline.source->ordered() ? 1 : std::max(1, ctx.parallelism());
  std::mutex mu;
  Status first_error;
  auto fail = [&](Status status) {
    std::lock_guard lock(mu);
    if (first_error.ok()) first_error = status;
    pipeline.source->Stop();
  };
  auto finished = [&] {
    if (sink.Finished()) return true;
    for (const auto& op : pipeline.operators) {
      if (op->Finished()) return true;
    }
    return false;
  };
  std::vector<std::unique_ptr<SinkState>> states(static_cast<size_t>(workers));
  ctx.tasks()->RunParallel(workers, [&](int worker) {
    auto state = sink.MakeState(ctx);
    if (!state.ok()) return fail(state.status());
    while (!pipeline.source->stopped()) {
      Status cancelled = ctx.CheckCancelled();
      if (!cancelled.ok()) return fail(cancelled);
      if (finished()) {
        pipeline.source->Stop();
        break;
      }
      auto morsel = pipeline.source->Next(ctx);
      if (!morsel.ok()) return fail(morsel.status());
      if (!morsel->has_value()) break;
      auto batch = (*morsel)->Get();
      if (!batch.ok()) return fail(batch.status());
      auto out = ApplyOperators(pipeline.operators, std::move(*batch), ctx);
      if (!out.ok()) return fail(out.status());
      if (!*out || (*out)->num_rows() == 0) continue;
      OperatorMetrics& m = sink.metrics();
      int64_t start = NowNanos();
      m.rows_in.fetch_add((*out)->num_rows(), std::memory_order_relaxed);
      Status consumed = sink.Consume(**state, std::move(*out), ctx);
      m.elapsed_nanos.fetch_add(NowNanos() - start, std::memory_order_relaxed);
      if (!consumed.ok()) return fail(consumed);
    }
    states[worker] = std::move(*state);
  });
  RETURN_NOT_OK(first_error);
  for (auto& state : states) {
    if (state) RETURN_NOT_OK(sink.Combine(std::move(state), ctx));
  }
  int64_t start = NowNanos();
  auto result = sink.Finish(ctx);
  sink.metrics().elapsed_nanos.fetch_add(NowNanos() - start, std::memory_order_relaxed);
  return result;
}

Result<std::optional<Morsel>> BatchSource::Next(ExecContext& ctx) {
  size_t index = next_.fetch_add(1, std::memory_order_relaxed);
  if (index >= batches_.size()) return std::optional<Morsel>();
  return std::optional<Morsel>(Morsel{batches_[index], nullptr});
}

Result<std::optional<Morsel>> MorselSource::Next(ExecContext& ctx) {
  size_t index = next_.fetch_add(1, std::memory_order_relaxed);
  if (index >= morsels_.size()) return std::optional<Morsel>();
  return std::optional<Morsel>(morsels_[index]);
}

}  // namespace quiver
