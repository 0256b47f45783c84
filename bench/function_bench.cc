// Micro-benchmarks of the hottest function kernels (src/function/): the filters and
// aggregates of the TSBS devops queries. Each benchmark reports `ns_per_row` (shown with
// an SI suffix: "0.5n" is 0.5 ns per row).
//
//   ./build/release/bench/quiver_function_bench --benchmark_min_time=1s
#include <benchmark/benchmark.h>

#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "columnar/builder.h"
#include "function/function_registry.h"

namespace quiver {
namespace {

constexpr int64_t kFilterRows = 1'000'000;
constexpr int64_t kAggregateRows = 10'000'000;
constexpr int64_t kGroups = 4000;
constexpr int64_t kBatchRows = 8192;  // rows per Consume call, as the executor would pass

void SetRowRate(benchmark::State& state, int64_t rows) {
  state.SetItemsProcessed(state.iterations() * rows);
  state.counters["ns_per_row"] =
      benchmark::Counter(static_cast<double>(rows), benchmark::Counter::kIsIterationInvariantRate |
                                                        benchmark::Counter::kInvert);
}

// 1M rows of a tag column over 4000 hosts (Dictionary(Int32, Utf8)), like TSBS `hostname`.
const Array& HostTags() {
  static const Array* tags = [] {
    StringDictionaryBuilder builder;
    for (int64_t h = 0; h < kGroups; ++h) (void)builder.GetOrInsert("host_" + std::to_string(h));
    (void)builder.Reserve(kFilterRows);
    std::mt19937_64 rng(1);
    for (int64_t i = 0; i < kFilterRows; ++i)
      builder.UnsafeAppendIndex(static_cast<int32_t>(rng() % kGroups));
    return new Array(*builder.Finish());
  }();
  return *tags;
}

const Array& Float64Column(int64_t rows) {
  static std::map<int64_t, Array>* cache = new std::map<int64_t, Array>();
  auto it = cache->find(rows);
  if (it != cache->end()) return it->second;
  Float64Builder builder;
  (void)builder.Reserve(rows);
  std::mt19937_64 rng(2);
  std::uniform_real_distribution<double> dist(0, 100);
  for (int64_t i = 0; i < rows; ++i) builder.UnsafeAppend(dist(rng));
  return (*cache)[rows] = *builder.Finish();
}

// A resolved, initialised scalar call with its argument list.
struct PreparedCall {
  ResolvedScalarCall call;
  std::shared_ptr<KernelState> state;
  std::vector<Datum> args;
};

PreparedCall Prepare(std::string_view name, std::vector<Datum> args) {
  PreparedCall prepared;
  std::vector<DataType> types;
  std::vector<std::optional<Scalar>> literals;
  for (const Datum& arg : args) {
    types.push_back(arg.type());
    literals.push_back(arg.is_scalar() ? std::optional<Scalar>(arg.scalar()) : std::nullopt);
  }
  prepared.call = *FunctionRegistry::Default().ResolveScalar(name, types, literals);
  if (prepared.call.kernel->init) prepared.state = *prepared.call.kernel->init(literals);
  prepared.args = std::move(args);
  return prepared;
}

void RunScalar(benchmark::State& state, PreparedCall& prepared, int64_t rows) {
  KernelContext ctx;
  ctx.state = prepared.state.get();
  for (auto _ : state) {
    Result<Datum> out = prepared.call.kernel->exec(ctx, prepared.args, rows);
    if (!out.ok()) {
      state.SkipWithError(out.status().ToString().c_str());
      return;
    }
    benchmark::DoNotOptimize(out);
  }
  SetRowRate(state, rows);
}

// WHERE hostname = 'host_1'
void BM_DictionaryEqualsLiteral(benchmark::State& state) {
  PreparedCall prepared = Prepare("eq", {Datum(HostTags()), Datum(Scalar::Utf8("host_1"))});
  RunScalar(state, prepared, kFilterRows);
}
BENCHMARK(BM_DictionaryEqualsLiteral);

// The same filter over 8192-row batches sharing one dictionary, as a scan of a buffer chunk
// delivers them: the dictionary is evaluated once per call site, not once per batch.
void BM_DictionaryEqualsLiteralBatched(benchmark::State& state) {
  PreparedCall prepared =
      Prepare("eq", {Datum(HostTags().Slice(0, kBatchRows)), Datum(Scalar::Utf8("host_1"))});
  std::vector<Datum> slices;
  for (int64_t start = 0; start < kFilterRows; start += kBatchRows) {
    slices.push_back(Datum(HostTags().Slice(start, std::min(kBatchRows, kFilterRows - start))));
  }
  KernelContext ctx;
  ctx.state = prepared.state.get();
  for (auto _ : state) {
    for (const Datum& slice : slices) {
      prepared.args[0] = slice;
      Result<Datum> out = prepared.call.kernel->exec(ctx, prepared.args, slice.array().length());
      benchmark::DoNotOptimize(out);
    }
  }
  SetRowRate(state, kFilterRows);
}
BENCHMARK(BM_DictionaryEqualsLiteralBatched);

// WHERE hostname IN ('host_1', 'host_7', 'host_42', 'host_99') (several dictionary matches)
void BM_DictionaryInList(benchmark::State& state) {
  PreparedCall prepared = Prepare(
      "in_list", {Datum(HostTags()), Datum(Scalar::Utf8("host_1")), Datum(Scalar::Utf8("host_7")),
                  Datum(Scalar::Utf8("host_42")), Datum(Scalar::Utf8("host_99"))});
  RunScalar(state, prepared, kFilterRows);
}
BENCHMARK(BM_DictionaryInList);

// WHERE hostname LIKE 'host_1%'
void BM_DictionaryLike(benchmark::State& state) {
  PreparedCall prepared = Prepare("like", {Datum(HostTags()), Datum(Scalar::Utf8("host_1%"))});
  RunScalar(state, prepared, kFilterRows);
}
BENCHMARK(BM_DictionaryLike);

// WHERE usage_user > 90.0
void BM_Float64GreaterThanLiteral(benchmark::State& state) {
  PreparedCall prepared =
      Prepare("gt", {Datum(Float64Column(kFilterRows)), Datum(Scalar::Float64(90.0))});
  RunScalar(state, prepared, kFilterRows);
}
BENCHMARK(BM_Float64GreaterThanLiteral);

// usage_user * 2 + 1 (arithmetic with a literal)
void BM_Float64MultiplyLiteral(benchmark::State& state) {
  PreparedCall prepared =
      Prepare("multiply", {Datum(Float64Column(kFilterRows)), Datum(Scalar::Float64(2.0))});
  RunScalar(state, prepared, kFilterRows);
}
BENCHMARK(BM_Float64MultiplyLiteral);

const Array& SortedTimestamps() {
  static const Array* ts = [] {
    TimestampBuilder builder;
    (void)builder.Reserve(kAggregateRows);
    // TSBS-like: every 10 s, 4000 hosts per timestamp (so 4000 equal values in a row).
    int64_t start = 1'704'067'200'000'000'000;  // 2024-01-01T00:00:00Z
    for (int64_t i = 0; i < kAggregateRows; ++i)
      builder.UnsafeAppend(start + (i / kGroups) * 10'000'000'000);
    return new Array(*builder.Finish());
  }();
  return *ts;
}

const Array& RandomTimestamps() {
  static const Array* ts = [] {
    TimestampBuilder builder;
    (void)builder.Reserve(kAggregateRows);
    std::mt19937_64 rng(3);
    int64_t start = 1'704'067'200'000'000'000;
    for (int64_t i = 0; i < kAggregateRows; ++i) {
      builder.UnsafeAppend(start + static_cast<int64_t>(rng() % (86'400 * 1'000'000'000ULL)));
    }
    return new Array(*builder.Finish());
  }();
  return *ts;
}

// date_bin(INTERVAL '1 minute', time) over 10M timestamps in 8192-row batches (as the
// executor calls it; one 80 MB call would mostly measure page faults of the fresh output).
void DateBin(benchmark::State& state, const Array& ts) {
  PreparedCall prepared =
      Prepare("date_bin", {Datum(Scalar::Interval(MonthDayNano{0, 0, 60'000'000'000})),
                           Datum(ts.Slice(0, kBatchRows))});
  std::vector<Datum> slices;
  for (int64_t start = 0; start < kAggregateRows; start += kBatchRows) {
    slices.push_back(Datum(ts.Slice(start, std::min(kBatchRows, kAggregateRows - start))));
  }
  KernelContext ctx;
  ctx.state = prepared.state.get();
  for (auto _ : state) {
    for (const Datum& slice : slices) {
      prepared.args[1] = slice;
      Result<Datum> out = prepared.call.kernel->exec(ctx, prepared.args, slice.array().length());
      if (!out.ok()) {
        state.SkipWithError(out.status().ToString().c_str());
        return;
      }
      benchmark::DoNotOptimize(out);
    }
  }
  SetRowRate(state, kAggregateRows);
}
void BM_DateBinSorted(benchmark::State& state) { DateBin(state, SortedTimestamps()); }
void BM_DateBinRandom(benchmark::State& state) { DateBin(state, RandomTimestamps()); }
BENCHMARK(BM_DateBinSorted)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DateBinRandom)->Unit(benchmark::kMillisecond);

const std::vector<uint32_t>& GroupIds() {
  static const std::vector<uint32_t>* ids = [] {
    auto* v = new std::vector<uint32_t>(kAggregateRows);
    std::mt19937_64 rng(4);
    for (auto& id : *v) id = static_cast<uint32_t>(rng() % kGroups);
    return v;
  }();
  return *ids;
}

// <aggregate>(usage_user) GROUP BY <4000 groups> over 10M rows, in 8192-row batches.
void GroupedAggregate(benchmark::State& state, const char* name) {
  const Array& values = Float64Column(kAggregateRows);
  const std::vector<uint32_t>& ids = GroupIds();
  std::vector<DataType> types = {DataType::Float64()};
  ResolvedAggregateCall call = *FunctionRegistry::Default().ResolveAggregate(name, types);
  AggregateOptions options;
  options.arg_types = call.cast_to;
  options.output_type = call.output_type;
  std::vector<Array> slices;
  for (int64_t start = 0; start < kAggregateRows; start += kBatchRows) {
    slices.push_back(values.Slice(start, std::min(kBatchRows, kAggregateRows - start)));
  }
  for (auto _ : state) {
    std::unique_ptr<GroupedAggregator> aggregator = *call.kernel->make(options);
    (void)aggregator->Resize(kGroups);
    for (size_t b = 0; b < slices.size(); ++b) {
      Datum arg(slices[b]);
      std::span<const uint32_t> batch_ids(ids.data() + b * kBatchRows,
                                          static_cast<size_t>(slices[b].length()));
      Status st = aggregator->Consume(std::span<const Datum>(&arg, 1), batch_ids);
      if (!st.ok()) {
        state.SkipWithError(st.ToString().c_str());
        return;
      }
    }
    benchmark::DoNotOptimize(*aggregator->Finalize());
  }
  SetRowRate(state, kAggregateRows);
}
void BM_GroupedSum(benchmark::State& state) { GroupedAggregate(state, "sum"); }
void BM_GroupedMax(benchmark::State& state) { GroupedAggregate(state, "max"); }
void BM_GroupedAvg(benchmark::State& state) { GroupedAggregate(state, "avg"); }
void BM_GroupedCount(benchmark::State& state) { GroupedAggregate(state, "count"); }
BENCHMARK(BM_GroupedSum)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_GroupedMax)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_GroupedAvg)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_GroupedCount)->Unit(benchmark::kMillisecond);

// max(usage_user) without GROUP BY (ConsumeOneGroup) over 10M rows.
void BM_PlainMax(benchmark::State& state) {
  const Array& values = Float64Column(kAggregateRows);
  std::vector<DataType> types = {DataType::Float64()};
  ResolvedAggregateCall call = *FunctionRegistry::Default().ResolveAggregate("max", types);
  AggregateOptions options;
  options.arg_types = call.cast_to;
  options.output_type = call.output_type;
  for (auto _ : state) {
    std::unique_ptr<GroupedAggregator> aggregator = *call.kernel->make(options);
    (void)aggregator->Resize(1);
    for (int64_t start = 0; start < kAggregateRows; start += kBatchRows) {
      Datum arg(values.Slice(start, std::min(kBatchRows, kAggregateRows - start)));
      (void)aggregator->ConsumeOneGroup(std::span<const Datum>(&arg, 1), arg.array().length(), 0);
    }
    benchmark::DoNotOptimize(*aggregator->Finalize());
  }
  SetRowRate(state, kAggregateRows);
}
BENCHMARK(BM_PlainMax)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace quiver
