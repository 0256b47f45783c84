#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/result.h"
#include "columnar/memory_pool.h"
#include "function/datum.h"

namespace quiver {

// State a kernel builds once per call site (e.g. a compiled regular expression when the
// pattern is a literal). Must be safe to use from several threads at once (read-only).
class KernelState {
 public:
  virtual ~KernelState() = default;
};

// Per-execution context handed to kernels. Valid for the duration of the call.
struct KernelContext {
  MemoryPool* pool = DefaultMemoryPool();
  // Query start time in ns since the epoch: what now() returns for the whole query.
  int64_t query_time_nanos = 0;
  // From ScalarKernel::init, or null. Kernels work without it (they then derive what they
  // need from scalar arguments on every call), only slower.
  const KernelState* state = nullptr;
};

// Matches an argument type during function resolution.
class TypeMatcher {
 public:
  // Exactly this type (time zone and unit included).
  static TypeMatcher Exact(DataType type);
  static TypeMatcher Any();
  static TypeMatcher AnyInteger();    // signed or unsigned
  static TypeMatcher AnyNumeric();    // integers and floats
  static TypeMatcher AnyTimestamp();  // any unit, any zone
  // Timestamp(ns) with any (or no) time zone: what the time kernels take. Other units are
  // reached by an implicit cast.
  static TypeMatcher TimestampNanos();
  static TypeMatcher AnyString();      // Utf8
  static TypeMatcher AnyDictionary();  // Dictionary<*, *>
  // Dictionary(Int32, Utf8): the tag type.
  static TypeMatcher StringDictionary();
  // Custom predicate with a name for error messages.
  static TypeMatcher Custom(std::string name, std::function<bool(const DataType&)> predicate);

  bool Matches(const DataType& type) const { return predicate_(type); }
  const std::string& name() const { return name_; }
  // For Exact matchers: the type (used as the implicit-cast target); otherwise nullopt.
  const std::optional<DataType>& exact_type() const { return exact_type_; }

 private:
  TypeMatcher(std::string name, std::function<bool(const DataType&)> predicate)
      : name_(std::move(name)), predicate_(std::move(predicate)) {}
  std::string name_;
  std::function<bool(const DataType&)> predicate_;
  std::optional<DataType> exact_type_;
};

// Computes a kernel's output type from its (matched) argument types.
using OutputTypeResolver = std::function<Result<DataType>(std::span<const DataType> args)>;
OutputTypeResolver FixedOutput(DataType type);
OutputTypeResolver SameAsArgument(size_t index);

// For the few functions whose result type depends on a literal argument (date_part('epoch',
// t) is Float64, date_part('year', t) Int32): sees the literal arguments (nullopt for
// non-literal ones) and may fail ("date_part requires a constant part").
using LiteralOutputTypeResolver = std::function<Result<DataType>(
    std::span<const DataType> args, std::span<const std::optional<Scalar>> literal_args)>;

// How a scalar kernel treats nulls. Either way the kernel's exec returns a complete result
// (values and validity); this flag tells the planner whether f(..., NULL, ...) is NULL
// (kIntersection), which constant folding and filter simplification may rely on.
enum class NullHandling {
  // The result is null wherever any argument is null (the common case).
  kIntersection,
  // The kernel computes the validity itself (IS NULL, COALESCE, AND/OR, IN...).
  kComputedByKernel,
};

// Computes a scalar function over a batch: `args` are arrays of `rows` rows or scalars
// (already cast to the types the resolution chose). The result is an array of `rows` rows,
// or a scalar if every argument was a scalar (zero-argument functions return a scalar).
// Called once per batch: kernels loop over whole arrays inside.
using ScalarKernelExec =
    std::function<Result<Datum>(KernelContext& ctx, std::span<const Datum> args, int64_t rows)>;

// Builds per-call-site state from the literal arguments (nullopt for non-literal
// arguments). Errors are reported at bind time (e.g. an invalid regex literal). May return
// null (no state needed for these arguments).
using KernelInit = std::function<Result<std::shared_ptr<KernelState>>(
    std::span<const std::optional<Scalar>> literal_args)>;

struct ScalarKernel {
  std::vector<TypeMatcher> inputs;
  // The last input matcher repeats any number of times (COALESCE, CONCAT...), zero
  // times included.
  bool variadic = false;
  OutputTypeResolver output;
  // Optional; when set, used instead of `output` (see LiteralOutputTypeResolver).
  LiteralOutputTypeResolver literal_output;
  ScalarKernelExec exec;
  KernelInit init;  // optional
  NullHandling null_handling = NullHandling::kIntersection;

  bool Matches(std::span<const DataType> types) const;
};

// Accumulates an aggregate for many groups at once (hash aggregation) or one group
// (plain aggregation: every group id 0). One instance per thread; partial states are
// merged at the end. Not thread-safe.
class GroupedAggregator {
 public:
  virtual ~GroupedAggregator() = default;

  // Makes room for groups [0, num_groups); new groups start empty (count 0, no value).
  // Never shrinks.
  virtual Status Resize(int64_t num_groups) = 0;
  // Adds `group_ids.size()` rows: row i belongs to group group_ids[i]. `args` are arrays
  // of that many rows, or scalars. REQUIRES: every id < the size given to Resize.
  virtual Status Consume(std::span<const Datum> args, std::span<const uint32_t> group_ids) = 0;
  // Adds `rows` rows that all belong to group `group_id` (plain aggregation, or a batch
  // known to hold one group). Faster than Consume with a vector of equal ids; the default
  // implementation builds that vector.
  virtual Status ConsumeOneGroup(std::span<const Datum> args, int64_t rows, uint32_t group_id);
  // Merges `other` (an aggregator made by the same kernel with the same options) into
  // this one: other's group g joins this aggregator's group mapping[g]. `other` may be
  // left in any state. REQUIRES: mapping.size() equals other's group count and this
  // aggregator was resized to hold every mapping target. Rows of `other` count as coming
  // after this aggregator's rows (what first_value/last_value ties see).
  virtual Status Merge(GroupedAggregator& other, std::span<const uint32_t> mapping) = 0;
  // One value per group, in group order. Called once.
  virtual Result<Array> Finalize() = 0;
};

// Everything an aggregate kernel needs to create its aggregator.
struct AggregateOptions {
  std::vector<DataType> arg_types;
  DataType output_type;
  MemoryPool* pool = DefaultMemoryPool();
  bool distinct = false;  // count(DISTINCT x) etc.: each distinct value counted once per group
  // Literal arguments (e.g. the percentile of approx_percentile_cont), nullopt otherwise.
  std::vector<std::optional<Scalar>> literal_args;
  // Ordered aggregates (first_value/last_value): ORDER BY key DESC, and where rows with a
  // null key sort (SQL default: NULLS LAST for ASC, NULLS FIRST for DESC).
  bool descending = false;
  bool nulls_first = false;
};

struct AggregateKernel {
  std::vector<TypeMatcher> inputs;
  OutputTypeResolver output;
  std::function<Result<std::unique_ptr<GroupedAggregator>>(const AggregateOptions&)> make;
  bool supports_distinct = false;

  bool Matches(std::span<const DataType> types) const;
};

}  // namespace quiver
