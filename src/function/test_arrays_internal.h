#pragma once

// Test-only helpers for the function module's tests: arrays from literals (std::nullopt
// for nulls), calling functions by name and comparing results. Included by *_test.cc only.

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "base/duration.h"
#include "base/time_format.h"
#include "columnar/builder.h"
#include "function/function_registry.h"
#include "function/kernel_internal.h"
#include "testing/status_matchers.h"

namespace quiver::function_test {

using function_internal::ValuesOf;

template <typename T>
using Opt = std::vector<std::optional<T>>;

template <typename T>
Array FixedArray(const Opt<T>& values, DataType type) {
  NumericBuilder<T> builder(std::move(type));
  for (const auto& v : values) {
    if (v) {
      CHECK_OK(builder.Append(*v));
    } else {
      CHECK_OK(builder.AppendNull());
    }
  }
  return *builder.Finish();
}

inline Array Int64s(const Opt<int64_t>& v) { return FixedArray<int64_t>(v, DataType::Int64()); }
inline Array Int32s(const Opt<int32_t>& v) { return FixedArray<int32_t>(v, DataType::Int32()); }
inline Array UInt64s(const Opt<uint64_t>& v) { return FixedArray<uint64_t>(v, DataType::UInt64()); }
inline Array Float64s(const Opt<double>& v) { return FixedArray<double>(v, DataType::Float64()); }
inline Array Timestamps(const Opt<int64_t>& v, std::string zone = "") {
  return FixedArray<int64_t>(v, DataType::Timestamp(TimeUnit::kNano, std::move(zone)));
}
inline Array Durations(const Opt<int64_t>& v) {
  return FixedArray<int64_t>(v, DataType::Duration());
}
inline Array Date32s(const Opt<int32_t>& v) { return FixedArray<int32_t>(v, DataType::Date32()); }

inline Array Bools(const Opt<bool>& values) {
  BooleanBuilder builder;
  for (const auto& v : values) {
    if (v) {
      CHECK_OK(builder.Append(*v));
    } else {
      CHECK_OK(builder.AppendNull());
    }
  }
  return *builder.Finish();
}

inline Array Strings(const Opt<std::string>& values) {
  StringBuilder builder;
  for (const auto& v : values) {
    if (v) {
      CHECK_OK(builder.Append(*v));
    } else {
      CHECK_OK(builder.AppendNull());
    }
  }
  return *builder.Finish();
}

// Dictionary(Int32, Utf8), the tag type.
inline Array Tags(const Opt<std::string>& values) {
  StringDictionaryBuilder builder;
  for (const auto& v : values) {
    if (v) {
      CHECK_OK(builder.Append(*v));
    } else {
      CHECK_OK(builder.AppendNull());
    }
  }
  return *builder.Finish();
}

inline Array Intervals(const Opt<MonthDayNano>& v) {
  return FixedArray<MonthDayNano>(v, DataType::IntervalMonthDayNano());
}

inline int64_t Ts(std::string_view text) { return *ParseTimestamp(text); }

inline Scalar TsScalar(std::string_view text) { return Scalar::Timestamp(Ts(text)); }
inline Scalar IntervalScalar(int32_t months, int32_t days, int64_t nanos) {
  return Scalar::Interval(MonthDayNano{months, days, nanos});
}

// Calls a function through the registry (resolution, implicit casts, init, exec).
inline Result<Datum> Call(std::string_view name, std::vector<Datum> args, int64_t rows = -1) {
  if (rows < 0) {
    rows = 1;
    for (const Datum& arg : args) {
      if (arg.is_array()) rows = arg.array().length();
    }
  }
  KernelContext ctx;
  ctx.query_time_nanos = Ts("2024-06-01T12:00:00Z");
  return CallScalarFunction(name, args, rows, ctx);
}

// Result equality with readable diagnostics (arrays: logical equality; scalars: ==).
inline ::testing::AssertionResult DatumEquals(const Datum& actual, const Datum& expected) {
  if (actual.is_array() != expected.is_array()) {
    return ::testing::AssertionFailure() << "array vs scalar mismatch";
  }
  if (actual.is_array()) {
    if (actual.array().Equals(expected.array())) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure()
           << "got " << actual.type().ToString() << " " << actual.array().ToString() << "\nwant "
           << expected.type().ToString() << " " << expected.array().ToString();
  }
  if (actual.scalar() == expected.scalar()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << "got " << actual.type().ToString() << " " << actual.scalar().ToString(true) << "\nwant "
         << expected.type().ToString() << " " << expected.scalar().ToString(true);
}

#define EXPECT_CALL_EQ(expected, ...)                                             \
  do {                                                                            \
    auto _result = ::quiver::function_test::Call(__VA_ARGS__);                    \
    ASSERT_TRUE(_result.ok()) << _result.status().ToString();                     \
    EXPECT_TRUE(::quiver::function_test::DatumEquals(*_result, Datum(expected))); \
  } while (false)

#define EXPECT_CALL_FAILS(substring, ...)                                          \
  do {                                                                             \
    auto _result = ::quiver::function_test::Call(__VA_ARGS__);                     \
    ASSERT_FALSE(_result.ok()) << "expected an error containing: " << (substring); \
    EXPECT_NE(_result.status().message().find(substring), std::string::npos)       \
        << _result.status().ToString();                                            \
  } while (false)

// Runs an aggregate over rows split into `batches` Consume calls on `partitions`
// aggregators (rows dealt round-robin by batch), merged at the end.
struct AggregateRun {
  std::string name;
  std::vector<Array> args;  // full columns
  std::vector<uint32_t> groups;
  int64_t num_groups = 1;
  bool distinct = false;
  std::vector<std::optional<Scalar>> literals;  // extra literal args (not in `args`)
  int64_t batch_rows = 1000;
  int partitions = 1;
  bool descending = false;
  bool nulls_first = false;
};

inline Result<Array> RunAggregate(const AggregateRun& run) {
  std::vector<DataType> types;
  for (const Array& a : run.args) types.push_back(a.type());
  for (const auto& lit : run.literals) types.push_back(lit->type());
  ASSIGN_OR_RETURN(ResolvedAggregateCall call,
                   FunctionRegistry::Default().ResolveAggregate(run.name, types));
  AggregateOptions options;
  options.arg_types = call.cast_to;
  options.output_type = call.output_type;
  options.distinct = run.distinct;
  options.descending = run.descending;
  options.nulls_first = run.nulls_first;
  options.literal_args.assign(run.args.size(), std::nullopt);
  for (const auto& lit : run.literals) options.literal_args.push_back(lit);
  std::vector<std::unique_ptr<GroupedAggregator>> parts;
  for (int p = 0; p < run.partitions; ++p) {
    ASSIGN_OR_RETURN(auto agg, call.kernel->make(options));
    RETURN_NOT_OK(agg->Resize(run.num_groups));
    parts.push_back(std::move(agg));
  }
  KernelContext ctx;
  int64_t rows = static_cast<int64_t>(run.groups.size());
  int batch_index = 0;
  for (int64_t start = 0; start < rows || (rows == 0 && start == 0);
       start += run.batch_rows, ++batch_index) {
    int64_t length = std::min(run.batch_rows, rows - start);
    std::vector<Datum> args;
    for (size_t i = 0; i < run.args.size(); ++i) {
      Array slice = run.args[i].Slice(start, length);
      ASSIGN_OR_RETURN(Datum cast, Cast(ctx, Datum(slice), call.cast_to[i]));
      args.push_back(cast);
    }
    for (const auto& lit : run.literals) args.push_back(Datum(*lit));
    std::span<const uint32_t> ids(run.groups.data() + start, static_cast<size_t>(length));
    RETURN_NOT_OK(parts[batch_index % run.partitions]->Consume(args, ids));
    if (rows == 0) break;
  }
  std::vector<uint32_t> identity(static_cast<size_t>(run.num_groups));
  for (size_t g = 0; g < identity.size(); ++g) identity[g] = static_cast<uint32_t>(g);
  for (size_t p = 1; p < parts.size(); ++p) RETURN_NOT_OK(parts[0]->Merge(*parts[p], identity));
  return parts[0]->Finalize();
}

}  // namespace quiver::function_test
