// Variance and standard deviation (Float64; integer inputs widened):
//   var / var_samp / variance, stddev / stddev_samp: sample (n - 1); null for n < 2
//   var_pop, stddev_pop: population (n); null for n = 0
// Welford's online update per row; partial states merge with Chan et al.'s formula, so
// parallel partial aggregation gives the same answer up to rounding.
#include <cmath>

#include "function/aggregate_internal.h"
#include "function/function_list_internal.h"

namespace quiver::function_internal {
namespace {

struct Moments {
  int64_t count = 0;
  double mean = 0;
  double m2 = 0;

  void Add(double x) {
    ++count;
    double delta = x - mean;
    mean += delta / static_cast<double>(count);
    m2 += delta * (x - mean);
  }
  void Merge(const Moments& other) {
    if (other.count == 0) return;
    if (count == 0) {
      *this = other;
      return;
    }
    double n = static_cast<double>(count + other.count);
    double delta = other.mean - mean;
    mean += delta * static_cast<double>(other.count) / n;
    m2 += other.m2 +
          delta * delta * static_cast<double>(count) * static_cast<double>(other.count) / n;
    count += other.count;
  }
};

class VarianceAggregator : public GroupedAggregator {
 public:
  VarianceAggregator(bool population, bool stddev, MemoryPool* pool)
      : population_(population), stddev_(stddev), pool_(pool) {}

  Status Resize(int64_t num_groups) override {
    GrowTo(states_, num_groups);
    return Status::OK();
  }

  Status Consume(std::span<const Datum> args, std::span<const uint32_t> group_ids) override {
    ASSIGN_OR_RETURN(AggregateInput<double> in, ReadInput<double>(args[0], pool_));
    int64_t rows = static_cast<int64_t>(group_ids.size());
    for (int64_t i = 0; i < rows; ++i) {
      if (!in.IsValid(i)) continue;
      states_[group_ids[i]].Add(in.Value(i));
    }
    return Status::OK();
  }

  Status ConsumeOneGroup(std::span<const Datum> args, int64_t rows, uint32_t group_id) override {
    ASSIGN_OR_RETURN(AggregateInput<double> in, ReadInput<double>(args[0], pool_));
    if (in.is_scalar() || in.validity != nullptr) {
      for (int64_t i = 0; i < rows; ++i) {
        if (in.IsValid(i)) states_[group_id].Add(in.Value(i));
      }
      return Status::OK();
    }
    if (rows == 0) return Status::OK();
    // Two passes over the batch (no division per row), then one merge.
    Moments batch;
    double sum = 0;
    for (int64_t i = 0; i < rows; ++i) sum += in.values[i];
    batch.count = rows;
    batch.mean = sum / static_cast<double>(rows);
    double m2 = 0;
    for (int64_t i = 0; i < rows; ++i) {
      double d = in.values[i] - batch.mean;
      m2 += d * d;
    }
    batch.m2 = m2;
    states_[group_id].Merge(batch);
    return Status::OK();
  }

  Status Merge(GroupedAggregator& other_base, std::span<const uint32_t> mapping) override {
    auto& other = static_cast<VarianceAggregator&>(other_base);
    for (size_t g = 0; g < mapping.size(); ++g) states_[mapping[g]].Merge(other.states_[g]);
    return Status::OK();
  }

  Result<Array> Finalize() override {
    size_t n = states_.size();
    std::vector<double> out(n);
    std::vector<uint8_t> valid(n);
    for (size_t g = 0; g < n; ++g) {
      const Moments& s = states_[g];
      int64_t denominator = population_ ? s.count : s.count - 1;
      valid[g] = denominator > 0;
      if (!valid[g]) continue;
      double variance = std::max(0.0, s.m2 / static_cast<double>(denominator));
      out[g] = stddev_ ? std::sqrt(variance) : variance;
    }
    return BuildFixedResult(DataType::Float64(), out, &valid, pool_);
  }

 private:
  bool population_;
  bool stddev_;
  MemoryPool* pool_;
  std::vector<Moments> states_;
};

void Register(FunctionRegistry& registry, const char* name, const char* description,
              bool population, bool stddev, std::vector<std::string> aliases) {
  AggregateFunction function;
  function.name = name;
  function.description = description;
  function.kernels.push_back(MakeAggregateKernel(
      {TypeMatcher::Exact(DataType::Float64())}, FixedOutput(DataType::Float64()),
      [population,
       stddev](const AggregateOptions& options) -> Result<std::unique_ptr<GroupedAggregator>> {
        return std::unique_ptr<GroupedAggregator>(
            new VarianceAggregator(population, stddev, options.pool));
      },
      true));
  registry.AddAggregate(std::move(function), std::move(aliases));
}

}  // namespace

void RegisterVarianceAggregates(FunctionRegistry& registry) {
  Register(registry, "var_samp", "sample variance", false, false, {"var", "variance"});
  Register(registry, "var_pop", "population variance", true, false, {});
  Register(registry, "stddev_samp", "sample standard deviation", false, true, {"stddev"});
  Register(registry, "stddev_pop", "population standard deviation", true, true, {});
}

}  // namespace quiver::function_internal
