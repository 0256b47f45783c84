#include "exec/sort_sink.h"

#include <fmt/format.h>

#include "columnar/concatenate.h"
#include "columnar/take.h"
#include "exec/sort_keys.h"

namespace quiver {

struct SortSink::State : SinkState {
  std::vector<RecordBatchPtr> batches;
  int64_t rows = 0;
};

SortSink::SortSink(SchemaPtr schema, std::vector<SortKey> keys, std::optional<int64_t> fetch)
    : schema_(std::move(schema)), keys_(std::move(keys)), fetch_(fetch) {
  for (const SortKey& key : keys_) key_evaluators_.emplace_back(key.expr);
}

Result<std::unique_ptr<SinkState>> SortSink::MakeState(ExecContext& ctx) {
  return std::unique_ptr<SinkState>(std::make_unique<State>());
}

Result<RecordBatchPtr> SortSink::SortBatches(const std::vector<RecordBatchPtr>& batches,
                                             std::optional<int64_t> limit, ExecContext& ctx) const {
  ASSIGN_OR_RETURN(RecordBatchPtr all, ConcatenateBatches(schema_, batches, ctx.pool()));
  std::vector<EncodedSortKey> encoded;
  for (size_t k = 0; k < keys_.size(); ++k) {
    ASSIGN_OR_RETURN(Array column, key_evaluators_[k].EvaluateToArray(*all, ctx));
    ASSIGN_OR_RETURN(EncodedSortKey key, EncodeSortKey(column, keys_[k].ascending, keys_[k].nulls_first));
    encoded.push_back(std::move(key));
  }
  std::vector<int64_t> order = SortedIndices(encoded, all->num_rows());
  if (limit && static_cast<int64_t>(order.size()) > *limit) order.resize(static_cast<size_t>(*limit));
  return TakeRows(*all, order, ctx.pool());
}

Status SortSink::Consume(SinkState& base, RecordBatchPtr batch, ExecContext& ctx) {
  auto& state = static_cast<State&>(base);
  state.rows += batch->num_rows();
  state.batches.push_back(std::move(batch));
  if (fetch_ && state.rows > std::max<int64_t>(2 * *fetch_, 64 * 1024)) {
    ASSIGN_OR_RETURN(RecordBatchPtr best, SortBatches(state.batches, fetch_, ctx));
    state.batches = {best};
    state.rows = best->num_rows();
  }
  return Status::OK();
}

Status SortSink::Combine(std::unique_ptr<SinkState> base, ExecContext& ctx) {
  auto& state = static_cast<State&>(*base);
  std::lock_guard lock(mu_);
  combined_.insert(combined_.end(), state.batches.begin(), state.batches.end());
  return Status::OK();
}

Result<std::unique_ptr<Source>> SortSink::Finish(ExecContext& ctx) {
  std::vector<RecordBatchPtr> out;
  if (!combined_.empty()) {
    ASSIGN_OR_RETURN(RecordBatchPtr sorted, SortBatches(combined_, fetch_, ctx));
    combined_.clear();
    for (int64_t offset = 0; offset < sorted->num_rows(); offset += ctx.batch_rows()) {
      out.push_back(sorted->Slice(offset, std::min(ctx.batch_rows(), sorted->num_rows() - offset)));
    }
  }
  metrics().rows_out.fetch_add(0, std::memory_order_relaxed);
  for (const auto& b : out) metrics().rows_out.fetch_add(b->num_rows(), std::memory_order_relaxed);
  return std::unique_ptr<Source>(std::make_unique<BatchSource>(std::move(out), /*ordered=*/true));
}

std::string SortSink::Describe() const {
  std::string out = fetch_ ? fmt::format("SortExec: TopK(fetch={}), expr=[", *fetch_) : "SortExec: expr=[";
  for (size_t i = 0; i < keys_.size(); ++i) {
    if (i > 0) out += ", ";
    out += keys_[i].ToString();
  }
  return out + "]";
}

struct CollectSink::State : SinkState {
  std::vector<RecordBatchPtr> batches;
};

Result<std::unique_ptr<SinkState>> CollectSink::MakeState(ExecContext& ctx) {
  return std::unique_ptr<SinkState>(std::make_unique<State>());
}

Status CollectSink::Consume(SinkState& base, RecordBatchPtr batch, ExecContext& ctx) {
  static_cast<State&>(base).batches.push_back(std::move(batch));
  return Status::OK();
}

Status CollectSink::Combine(std::unique_ptr<SinkState> base, ExecContext& ctx) {
  auto& state = static_cast<State&>(*base);
  batches_.insert(batches_.end(), state.batches.begin(), state.batches.end());
  return Status::OK();
}

Result<std::unique_ptr<Source>> CollectSink::Finish(ExecContext& ctx) {
  for (const auto& b : batches_) metrics().rows_out.fetch_add(b->num_rows(), std::memory_order_relaxed);
  return std::unique_ptr<Source>(std::make_unique<BatchSource>(std::move(batches_), /*ordered=*/true));
}

}  // namespace quiver
