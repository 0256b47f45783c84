// sum(x): Int64 -> Int64 and UInt64 -> UInt64 (accumulated in 128 bits, so only a final
// sum outside the 64-bit range is an error: "Int64 overflow in sum"), Float64 -> Float64;
// smaller integers are widened by the implicit casts. avg(x) / mean(x) -> Float64. Both
// are null for a group without non-null values and support DISTINCT.
#include "function/aggregate_internal.h"
#include "function/function_list_internal.h"

namespace quiver::function_internal {
namespace {

template <typename In>
using AccumulatorOf =
    std::conditional_t<std::is_same_v<In, int64_t>, __int128,
                       std::conditional_t<std::is_same_v<In, uint64_t>, unsigned __int128, double>>;

template <typename In, bool kAverage>
class SumAggregator : public GroupedAggregator {
  using Acc = AccumulatorOf<In>;
  struct State {
    Acc sum = 0;
    int64_t count = 0;
  };

 public:
  SumAggregator(DataType output_type, MemoryPool* pool)
      : output_type_(std::move(output_type)), pool_(pool) {}

  Status Resize(int64_t num_groups) override {
    GrowTo(states_, num_groups);
    return Status::OK();
  }

  Status Consume(std::span<const Datum> args, std::span<const uint32_t> group_ids) override {
    ASSIGN_OR_RETURN(AggregateInput<In> in, ReadInput<In>(args[0], pool_));
    int64_t rows = static_cast<int64_t>(group_ids.size());
    const uint32_t* ids = group_ids.data();
    State* states = states_.data();
    if (in.is_scalar()) {
      if (!in.scalar_valid) return Status::OK();
      for (int64_t i = 0; i < rows; ++i) {
        states[ids[i]].sum += static_cast<Acc>(in.scalar);
        ++states[ids[i]].count;
      }
      return Status::OK();
    }
    const In* values = in.values;
    if (in.validity == nullptr) {
      for (int64_t i = 0; i < rows; ++i) {
        State& s = states[ids[i]];
        s.sum += static_cast<Acc>(values[i]);
        ++s.count;
      }
      return Status::OK();
    }
    // Branch-free: null rows add 0 and count 0.
    for (int64_t i = 0; i < rows; ++i) {
      bool valid = bit_util::GetBit(in.validity, in.validity_offset + i);
      State& s = states[ids[i]];
      s.sum += valid ? static_cast<Acc>(values[i]) : Acc{0};
      s.count += valid;
    }
    return Status::OK();
  }

  Status ConsumeOneGroup(std::span<const Datum> args, int64_t rows, uint32_t group_id) override {
    ASSIGN_OR_RETURN(AggregateInput<In> in, ReadInput<In>(args[0], pool_));
    State& s = states_[group_id];
    if (in.is_scalar()) {
      if (!in.scalar_valid) return Status::OK();
      s.sum += static_cast<Acc>(in.scalar) * static_cast<Acc>(rows);
      s.count += rows;
      return Status::OK();
    }
    const In* values = in.values;
    // Eight independent accumulators: instruction-level parallelism (and SIMD for floats).
    Acc partial[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    int64_t count = 0;
    int64_t i = 0;
    if (in.validity == nullptr) {
      for (; i + 8 <= rows; i += 8) {
        for (int k = 0; k < 8; ++k) partial[k] += static_cast<Acc>(values[i + k]);
      }
      for (; i < rows; ++i) partial[0] += static_cast<Acc>(values[i]);
      count = rows;
    } else {
      for (; i < rows; ++i) {
        bool valid = bit_util::GetBit(in.validity, in.validity_offset + i);
        partial[i & 7] += valid ? static_cast<Acc>(values[i]) : Acc{0};
        count += valid;
      }
    }
    for (int k = 0; k < 8; ++k) s.sum += partial[k];
    s.count += count;
    return Status::OK();
  }

  Status Merge(GroupedAggregator& other_base, std::span<const uint32_t> mapping) override {
    auto& other = static_cast<SumAggregator&>(other_base);
    for (size_t g = 0; g < mapping.size(); ++g) {
      State& s = states_[mapping[g]];
      s.sum += other.states_[g].sum;
      s.count += other.states_[g].count;
    }
    return Status::OK();
  }

  Result<Array> Finalize() override {
    size_t n = states_.size();
    std::vector<uint8_t> valid(n);
    for (size_t g = 0; g < n; ++g) valid[g] = states_[g].count > 0;
    if constexpr (kAverage) {
      std::vector<double> out(n);
      for (size_t g = 0; g < n; ++g) {
        out[g] = states_[g].count > 0
                     ? static_cast<double>(states_[g].sum) / static_cast<double>(states_[g].count)
                     : 0;
      }
      return BuildFixedResult(DataType::Float64(), out, &valid, pool_);
    } else {
      std::vector<In> out(n);
      for (size_t g = 0; g < n; ++g) {
        Acc sum = states_[g].sum;
        if constexpr (std::is_same_v<In, int64_t>) {
          if (valid[g] && (sum > INT64_MAX || sum < INT64_MIN)) {
            return Status::InvalidArgument("Int64 overflow in sum");
          }
        } else if constexpr (std::is_same_v<In, uint64_t>) {
          if (valid[g] && sum > UINT64_MAX)
            return Status::InvalidArgument("UInt64 overflow in sum");
        }
        out[g] = static_cast<In>(sum);
      }
      return BuildFixedResult(output_type_, out, &valid, pool_);
    }
  }

 private:
  DataType output_type_;
  MemoryPool* pool_;
  std::vector<State> states_;
};

template <typename In, bool kAverage>
Result<std::unique_ptr<GroupedAggregator>> MakeSum(const AggregateOptions& options) {
  return std::unique_ptr<GroupedAggregator>(
      new SumAggregator<In, kAverage>(options.output_type, options.pool));
}

}  // namespace

void RegisterSumAvgAggregates(FunctionRegistry& registry) {
  TypeMatcher i64 = TypeMatcher::Exact(DataType::Int64());
  TypeMatcher u64 = TypeMatcher::Exact(DataType::UInt64());
  TypeMatcher f64 = TypeMatcher::Exact(DataType::Float64());

  AggregateFunction sum;
  sum.name = "sum";
  sum.description = "sum of non-null values";
  sum.kernels.push_back(
      MakeAggregateKernel({i64}, FixedOutput(DataType::Int64()), MakeSum<int64_t, false>, true));
  sum.kernels.push_back(
      MakeAggregateKernel({u64}, FixedOutput(DataType::UInt64()), MakeSum<uint64_t, false>, true));
  sum.kernels.push_back(
      MakeAggregateKernel({f64}, FixedOutput(DataType::Float64()), MakeSum<double, false>, true));
  registry.AddAggregate(std::move(sum));

  AggregateFunction avg;
  avg.name = "avg";
  avg.description = "mean of non-null values (Float64)";
  avg.kernels.push_back(
      MakeAggregateKernel({i64}, FixedOutput(DataType::Float64()), MakeSum<int64_t, true>, true));
  avg.kernels.push_back(
      MakeAggregateKernel({u64}, FixedOutput(DataType::Float64()), MakeSum<uint64_t, true>, true));
  avg.kernels.push_back(
      MakeAggregateKernel({f64}, FixedOutput(DataType::Float64()), MakeSum<double, true>, true));
  registry.AddAggregate(std::move(avg), {"mean"});
}

}  // namespace quiver::function_internal
