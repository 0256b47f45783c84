// count(): count(*) is the zero-argument form (rows per group); count(x) counts non-null
// values (any type; a non-null literal such as count(1) counts rows); count(DISTINCT x)
// counts distinct non-null values. Result Int64, 0 (never null) for an empty group.
#include "function/aggregate_internal.h"
#include "function/function_list_internal.h"

namespace quiver::function_internal {
namespace {

class CountAggregator : public GroupedAggregator {
 public:
  explicit CountAggregator(MemoryPool* pool) : pool_(pool) {}

  Status Resize(int64_t num_groups) override {
    GrowTo(counts_, num_groups);
    return Status::OK();
  }

  Status Consume(std::span<const Datum> args, std::span<const uint32_t> group_ids) override {
    int64_t rows = static_cast<int64_t>(group_ids.size());
    int64_t* counts = counts_.data();
    const uint32_t* ids = group_ids.data();
    if (args.empty() || args[0].is_scalar()) {
      if (!args.empty() && (args[0].scalar().is_null() || args[0].type().id() == TypeId::kNull))
        return Status::OK();
      for (int64_t i = 0; i < rows; ++i) ++counts[ids[i]];
      return Status::OK();
    }
    const Array& array = args[0].array();
    ASSIGN_OR_RETURN(ValidityView validity, LogicalValidity(array, pool_));
    if (validity.data == nullptr) {
      for (int64_t i = 0; i < rows; ++i) ++counts[ids[i]];
    } else {
      for (int64_t i = 0; i < rows; ++i) {
        counts[ids[i]] += bit_util::GetBit(validity.data, validity.offset + i);
      }
    }
    return Status::OK();
  }

  Status ConsumeOneGroup(std::span<const Datum> args, int64_t rows, uint32_t group_id) override {
    if (args.empty() || args[0].is_scalar()) {
      if (!args.empty() && (args[0].scalar().is_null() || args[0].type().id() == TypeId::kNull))
        return Status::OK();
      counts_[group_id] += rows;
      return Status::OK();
    }
    counts_[group_id] += rows - LogicalNullCount(args[0].array());
    return Status::OK();
  }

  Status Merge(GroupedAggregator& other_base, std::span<const uint32_t> mapping) override {
    auto& other = static_cast<CountAggregator&>(other_base);
    for (size_t g = 0; g < mapping.size(); ++g) counts_[mapping[g]] += other.counts_[g];
    return Status::OK();
  }

  Result<Array> Finalize() override {
    return BuildFixedResult(DataType::Int64(), counts_, nullptr, pool_);
  }

 private:
  MemoryPool* pool_;
  std::vector<int64_t> counts_;
};

Result<std::unique_ptr<GroupedAggregator>> MakeCount(const AggregateOptions& options) {
  return std::unique_ptr<GroupedAggregator>(new CountAggregator(options.pool));
}

}  // namespace

void RegisterCountAggregates(FunctionRegistry& registry) {
  AggregateFunction count;
  count.name = "count";
  count.description = "count(*) (no arguments): rows; count(x): non-null values";
  count.kernels.push_back(
      MakeAggregateKernel({}, FixedOutput(DataType::Int64()), MakeCount, false));
  count.kernels.push_back(
      MakeAggregateKernel({TypeMatcher::Any()}, FixedOutput(DataType::Int64()), MakeCount, true));
  registry.AddAggregate(std::move(count));
}

}  // namespace quiver::function_internal
