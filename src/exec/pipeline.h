#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "columnar/record_batch.h"
#include "exec/exec_context.h"
#include "exec/table_source.h"

namespace quiver {

// Per-operator counters for EXPLAIN ANALYZE. Thread-safe (relaxed atomics).
struct OperatorMetrics {
  std::atomic<int64_t> rows_in{0};
  std::atomic<int64_t> rows_out{0};
  std::atomic<int64_t> batches_out{0};
  std::atomic<int64_t> elapsed_nanos{0};
  std::string ToString() const;
};

// Produces the batches a pipeline runs over. Next() is called concurrently by the
// pipeline's workers; each call hands out a different morsel, nullopt at the end.
class Source {
 public:
  virtual ~Source() = default;
  virtual Result<std::optional<Morsel>> Next(ExecContext& ctx) = 0;
  // True if the order of the morsels matters (sorted output): the pipeline then runs on
  // one worker and keeps the order.
  virtual bool ordered() const { return false; }
  // Stop handing out morsels (a downstream LIMIT is satisfied).
  void Stop() { stopped_.store(true, std::memory_order_relaxed); }
  bool stopped() const { return stopped_.load(std::memory_order_relaxed); }

 private:
  std::atomic<bool> stopped_{false};
};

// A streaming operator: transforms one batch at a time, keeping no state between
// batches except what it shares thread-safely (Limit's counter). May return nullptr to
// drop a batch. Process is called concurrently from several workers.
class Operator {
 public:
  virtual ~Operator() = default;
  virtual Result<RecordBatchPtr> Process(RecordBatchPtr batch, ExecContext& ctx) = 0;
  // Operator name and arguments for EXPLAIN.
  virtual std::string Describe() const = 0;
  // True when no further input can change the output (Limit reached).
  virtual bool Finished() const { return false; }
  OperatorMetrics& metrics() { return metrics_; }

 private:
  OperatorMetrics metrics_;
};

// Per-worker state of a sink.
class SinkState {
 public:
  virtual ~SinkState() = default;
};

// Where a pipeline ends: consumes batches from every worker (each with its own state),
// combines the workers' states, and produces the source of the next pipeline.
class Sink {
 public:
  virtual ~Sink() = default;
  virtual Result<std::unique_ptr<SinkState>> MakeState(ExecContext& ctx) = 0;
  virtual Status Consume(SinkState& state, RecordBatchPtr batch, ExecContext& ctx) = 0;
  // Called once per worker state after its worker has finished; calls are serialized.
  virtual Status Combine(std::unique_ptr<SinkState> state, ExecContext& ctx) = 0;
  // After every Combine: the results.
  virtual Result<std::unique_ptr<Source>> Finish(ExecContext& ctx) = 0;
  virtual std::string Describe() const = 0;
  // True when the sink needs no more input (e.g. a satisfied limit).
  virtual bool Finished() const { return false; }
  OperatorMetrics& metrics() { return metrics_; }

 private:
  OperatorMetrics metrics_;
};

// A source followed by streaming operators, the unit a sink is attached to. The
// operators are owned by the physical plan, which outlives its pipelines.
struct Pipeline {
  std::unique_ptr<Source> source;
  std::vector<Operator*> operators;
};

// Runs `pipeline` into `sink` on ctx.parallelism() workers (one if the source is
// ordered) and returns the sink's Finish(). Stops early when the sink or an operator is
// finished, on error (the first error is returned), or on cancellation.
Result<std::unique_ptr<Source>> RunPipeline(Pipeline& pipeline, Sink& sink, ExecContext& ctx);

// Pushes a batch through `operators`; returns nullptr if dropped.
Result<RecordBatchPtr> ApplyOperators(const std::vector<Operator*>& operators,
                                      RecordBatchPtr batch, ExecContext& ctx);

// A source over batches already in memory, in order.
class BatchSource final : public Source {
 public:
  BatchSource(std::vector<RecordBatchPtr> batches, bool ordered) : batches_(std::move(batches)), ordered_(ordered) {}
  Result<std::optional<Morsel>> Next(ExecContext& ctx) override;
  bool ordered() const override { return ordered_; }

 private:
  std::vector<RecordBatchPtr> batches_;
  const bool ordered_;
  std::atomic<size_t> next_{0};
};

// A source over precomputed morsels (a table scan).
class MorselSource final : public Source {
 public:
  explicit MorselSource(std::vector<Morsel> morsels) : morsels_(std::move(morsels)) {}
  Result<std::optional<Morsel>> Next(ExecContext& ctx) override;

 private:
  std::vector<Morsel> morsels_;
  std::atomic<size_t> next_{0};
};

}  // namespace quiver
