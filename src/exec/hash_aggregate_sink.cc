#include "exec/hash_aggregate_sink.h"

#include <fmt/format.h>

#include "columnar/bit_util.h"
#include "columnar/take.h"

namespace quiver {

struct HashAggregateSink::State : SinkState {
  explicit State(int num_keys) : table(num_keys) {}
  GroupTable table;
  std::vector<std::unique_ptr<GroupKeyEncoder>> encoders;
  std::vector<std::unique_ptr<GroupedAggregator>> aggregators;
  // Scratch reused across batches.
  std::vector<std::vector<uint64_t>> codes;
  std::vector<std::vector<uint8_t>> nulls;
  std::vector<uint32_t> group_ids;
};

HashAggregateSink::~HashAggregateSink() = default;

Result<std::unique_ptr<HashAggregateSink>> HashAggregateSink::Make(SchemaPtr output_schema,
                                                                   std::vector<ExprPtr> group_exprs,
                                                                   std::vector<AggregateCall> aggregates) {
  std::unique_ptr<HashAggregateSink> sink(new HashAggregateSink());
  sink->output_schema_ = std::move(output_schema);
  for (const ExprPtr& e : group_exprs) {
    ASSIGN_OR_RETURN(auto encoder, GroupKeyEncoder::Make(e));
    sink->prototypes_.push_back(std::move(encoder));
  }
  sink->group_exprs_ = std::move(group_exprs);
  for (const AggregateCall& call : aggregates) {
    std::vector<ExprEvaluator> args;
    for (const ExprPtr& arg : call.args) args.emplace_back(arg);
    sink->arg_evaluators_.push_back(std::move(args));
    sink->filter_evaluators_.push_back(call.filter ? std::make_unique<ExprEvaluator>(call.filter) : nullptr);
  }
  sink->aggregates_ = std::move(aggregates);
  return sink;
}

Result<std::unique_ptr<HashAggregateSink::State>> HashAggregateSink::NewState(ExecContext& ctx) const {
  auto state = std::make_unique<State>(static_cast<int>(group_exprs_.size()));
  for (const auto& prototype : prototypes_) state->encoders.push_back(prototype->Clone());
  for (const AggregateCall& call : aggregates_) {
    AggregateOptions options;
    for (const ExprPtr& arg : call.args) options.arg_types.push_back(arg->type());
    options.output_type = call.call.output_type;
    options.pool = ctx.pool();
    options.distinct = call.distinct;
    options.descending = call.descending;
    options.nulls_first = call.nulls_first;
    options.literal_args = call.literal_args;
    ASSIGN_OR_RETURN(auto aggregator, call.call.kernel->make(options));
    state->aggregators.push_back(std::move(aggregator));
  }
  state->codes.resize(group_exprs_.size());
  state->nulls.resize(group_exprs_.size());
  if (group_exprs_.empty()) {
    // One group, present even if no row arrives.
    state->table.FindOrInsert(nullptr, nullptr);
    for (auto& aggregator : state->aggregators) RETURN_NOT_OK(aggregator->Resize(1));
  }
  return state;
}

Result<std::unique_ptr<SinkState>> HashAggregateSink::MakeState(ExecContext& ctx) {
  ASSIGN_OR_RETURN(auto state, NewState(ctx));
  return std::unique_ptr<SinkState>(std::move(state));
}

Status HashAggregateSink::Consume(SinkState& base, RecordBatchPtr batch, ExecContext& ctx) {
  auto& state = static_cast<State&>(base);
  const int64_t rows = batch->num_rows();
  const size_t num_keys = group_exprs_.size();
  std::vector<const uint64_t*> code_ptrs(num_keys);
  std::vector<const uint8_t*> null_ptrs(num_keys);
  for (size_t k = 0; k < num_keys; ++k) {
    bool any_null = false;
    RETURN_NOT_OK(state.encoders[k]->Encode(*batch, ctx, &state.codes[k], &state.nulls[k], &any_null));
    code_ptrs[k] = state.codes[k].data();
    null_ptrs[k] = any_null ? state.nulls[k].data() : nullptr;
  }
  state.group_ids.resize(static_cast<size_t>(rows));
  state.table.Insert(code_ptrs, null_ptrs, rows, state.group_ids.data());
  const int64_t groups = state.table.num_groups();

  for (size_t a = 0; a < aggregates_.size(); ++a) {
    GroupedAggregator& aggregator = *state.aggregators[a];
    RETURN_NOT_OK(aggregator.Resize(groups));
    std::vector<Datum> args;
    for (const ExprEvaluator& e : arg_evaluators_[a]) {
      ASSIGN_OR_RETURN(Datum value, e.Evaluate(*batch, ctx));
      args.push_back(std::move(value));
    }
    if (!filter_evaluators_[a]) {
      RETURN_NOT_OK(aggregator.Consume(args, state.group_ids));
      continue;
    }
    // FILTER (WHERE ...): feed only the selected rows.
    ASSIGN_OR_RETURN(Datum mask, filter_evaluators_[a]->Evaluate(*batch, ctx));
    std::vector<int64_t> selected;
    for (int64_t i = 0; i < rows; ++i) {
      bool keep;
      if (mask.is_scalar()) {
        keep = mask.scalar().is_valid() && mask.scalar().bool_value();
      } else {
        BooleanArray b(mask.array());
        keep = b.IsValid(i) && b.Value(i);
      }
      if (keep) selected.push_back(i);
    }
    std::vector<uint32_t> selected_groups;
    selected_groups.reserve(selected.size());
    for (int64_t i : selected) selected_groups.push_back(state.group_ids[i]);
    std::vector<Datum> selected_args;
    for (const Datum& arg : args) {
      if (arg.is_scalar()) {
        selected_args.push_back(arg);
      } else {
        ASSIGN_OR_RETURN(Array taken, Take(arg.array(), selected, ctx.pool()));
        selected_args.emplace_back(std::move(taken));
      }
    }
    RETURN_NOT_OK(aggregator.Consume(selected_args, selected_groups));
  }
  return Status::OK();
}

Status HashAggregateSink::Combine(std::unique_ptr<SinkState> base, ExecContext& ctx) {
  std::unique_ptr<State> state(static_cast<State*>(base.release()));
  std::lock_guard lock(mu_);
  if (!combined_) {
    combined_ = std::move(state);
    return Status::OK();
  }
  // Map each of the worker's groups to a combined group.
  const size_t num_keys = group_exprs_.size();
  const uint32_t groups = state->table.num_groups();
  std::vector<uint32_t> mapping(groups);
  std::vector<uint64_t> codes(num_keys);
  std::vector<uint8_t> nulls(num_keys);
  for (uint32_t g = 0; g < groups; ++g) {
    for (size_t k = 0; k < num_keys; ++k) {
      nulls[k] = state->table.key_nulls(static_cast<int>(k))[g];
      codes[k] = nulls[k] ? 0 : state->encoders[k]->Translate(state->table.key_codes(static_cast<int>(k))[g],
                                                              *combined_->encoders[k]);
    }
    mapping[g] = combined_->table.FindOrInsert(codes.data(), nulls.data());
  }
  for (size_t a = 0; a < aggregates_.size(); ++a) {
    RETURN_NOT_OK(combined_->aggregators[a]->Resize(combined_->table.num_groups()));
    RETURN_NOT_OK(state->aggregators[a]->Resize(groups));
    RETURN_NOT_OK(combined_->aggregators[a]->Merge(*state->aggregators[a], mapping));
  }
  return Status::OK();
}

Result<std::unique_ptr<Source>> HashAggregateSink::Finish(ExecContext& ctx) {
  if (!combined_) {
    ASSIGN_OR_RETURN(combined_, NewState(ctx));
  }
  State& state = *combined_;
  const int64_t groups = state.table.num_groups();
  std::vector<Array> columns;
  for (size_t k = 0; k < group_exprs_.size(); ++k) {
    ASSIGN_OR_RETURN(Array keys, state.encoders[k]->Decode(state.table.key_codes(static_cast<int>(k)),
                                                           state.table.key_nulls(static_cast<int>(k)), ctx));
    columns.push_back(std::move(keys));
  }
  for (auto& aggregator : state.aggregators) {
    RETURN_NOT_OK(aggregator->Resize(groups));
    ASSIGN_OR_RETURN(Array values, aggregator->Finalize());
    columns.push_back(std::move(values));
  }
  // Declared output types may differ in detail from what encoders produce (e.g. a
  // grouped tag is Dictionary(Int32, Utf8) either way); trust the arrays' types.
  std::vector<Field> fields;
  for (int i = 0; i < output_schema_->num_fields(); ++i) {
    fields.push_back(output_schema_->field(i).WithType(columns[i].type()).WithNullable(true));
  }
  SchemaPtr schema = MakeSchema(std::move(fields), output_schema_->metadata());
  RecordBatchPtr all = RecordBatch::MakeUnchecked(schema, groups, std::move(columns));
  std::vector<RecordBatchPtr> out;
  for (int64_t offset = 0; offset < groups; offset += ctx.batch_rows()) {
    out.push_back(all->Slice(offset, std::min(ctx.batch_rows(), groups - offset)));
  }
  metrics().rows_out.fetch_add(groups, std::memory_order_relaxed);
  combined_.reset();
  return std::unique_ptr<Source>(std::make_unique<BatchSource>(std::move(out), /*ordered=*/false));
}

std::string HashAggregateSink::Describe() const {
  std::string out = "AggregateExec: gby=[";
  for (size_t i = 0; i < group_exprs_.size(); ++i) {
    if (i > 0) out += ", ";
    out += prototypes_[i]->Describe();
  }
  out += "], aggr=[";
  for (size_t i = 0; i < aggregates_.size(); ++i) {
    if (i > 0) out += ", ";
    out += aggregates_[i].ToString();
  }
  return out + "]";
}

}  // namespace quiver
