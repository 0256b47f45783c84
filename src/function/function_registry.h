#pragma once

#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "function/kernel.h"

namespace quiver {

// How a scalar function's arguments are coerced when no kernel matches them exactly.
enum class ArgumentCoercion {
  // Each argument on its own: the first kernel every argument reaches through
  // ImplicitCastTarget (sqrt(Int64) -> sqrt(Float64)).
  kPerArgument,
  // Arguments [common_type_first_arg, end) are first coerced to their CommonType (the
  // comparison and arithmetic operators, IN, COALESCE, GREATEST...; Int64 = Float64
  // compares as Float64, Timestamp = Utf8 as Timestamp). Falls back to kPerArgument.
  kCommonType,
  // kCommonType, but only when every coerced argument is numeric (or Null): the arithmetic
  // operators, so `ts - '1 hour'` reaches timestamp - interval instead of timestamp -
  // timestamp.
  kNumericCommonType,
};

// A named scalar function with one kernel per accepted signature.
struct ScalarFunction {
  std::string name;  // lower case
  std::string description;
  std::vector<ScalarKernel> kernels;
  ArgumentCoercion coercion = ArgumentCoercion::kPerArgument;
  size_t common_type_first_arg = 0;
};

// A named aggregate function. `ordered` aggregates (first_value/last_value) take their
// ORDER BY key as an extra trailing argument: last_value(x ORDER BY t) is called with
// (x, t) and AggregateOptions::descending reverses the order.
struct AggregateFunction {
  std::string name;
  std::string description;
  std::vector<AggregateKernel> kernels;
  bool ordered = false;
};

// The outcome of resolving a call: which kernel runs, the argument types it receives
// (each argument must be cast to cast_to[i] first when it differs from the given type),
// and the result type.
struct ResolvedScalarCall {
  const ScalarFunction* function = nullptr;
  const ScalarKernel* kernel = nullptr;
  std::vector<DataType> cast_to;
  DataType output_type;
};

struct ResolvedAggregateCall {
  const AggregateFunction* function = nullptr;
  const AggregateKernel* kernel = nullptr;
  std::vector<DataType> cast_to;
  DataType output_type;
};

// All functions, by lower-case name (aliases included). Built once by
// FunctionRegistry::Default() from the explicit list in function_list.cc; immutable and
// thread-safe afterwards.
class FunctionRegistry {
 public:
  static const FunctionRegistry& Default();

  // Case-insensitive. Null if unknown.
  const ScalarFunction* FindScalar(std::string_view name) const;
  const AggregateFunction* FindAggregate(std::string_view name) const;

  // Picks the kernel for argument types: an exact match first, then (kCommonType
  // functions) the common type, else the first kernel reachable with implicit casts
  // (ImplicitCastTarget). `literal_args` (optional; one per argument, nullopt for
  // non-literals) feed kernels whose result type depends on a literal (date_part).
  // Errors (InvalidArgument) name the function, the argument types and the candidate
  // signatures, e.g. "no function matches sqrt(string); candidates: sqrt(double)";
  // NotFound for an unknown name.
  Result<ResolvedScalarCall> ResolveScalar(
      std::string_view name, std::span<const DataType> arg_types,
      std::span<const std::optional<Scalar>> literal_args = {}) const;
  Result<ResolvedAggregateCall> ResolveAggregate(std::string_view name,
                                                 std::span<const DataType> arg_types) const;

  // Every registered name (for SHOW FUNCTIONS / information_schema.routines).
  std::vector<std::string> ScalarNames() const;
  std::vector<std::string> AggregateNames() const;

  void AddScalar(ScalarFunction function, std::vector<std::string> aliases = {});
  void AddAggregate(AggregateFunction function, std::vector<std::string> aliases = {});

 private:
  std::vector<std::unique_ptr<ScalarFunction>> scalars_;
  std::vector<std::unique_ptr<AggregateFunction>> aggregates_;
  std::map<std::string, const ScalarFunction*, std::less<>> scalar_by_name_;
  std::map<std::string, const AggregateFunction*, std::less<>> aggregate_by_name_;
};

// Implicit conversions applied when no kernel matches exactly, in order of preference:
// Dictionary(*, V) -> V; Null -> anything; integers -> wider integers -> Float64;
// UInt64 with Int64 -> Int64 (InfluxDB/DataFusion-style) ... The exact lattice is
// documented in implicit_cast.cc. Returns the type `from` becomes to match `matcher`, or
// nullopt if no implicit cast applies.
std::optional<DataType> ImplicitCastTarget(const DataType& from, const TypeMatcher& matcher);

// The common type two operands are coerced to for comparison and arithmetic (e.g. Int64
// and Float64 -> Float64; Utf8 and Dictionary<Int32, Utf8> -> Utf8; Timestamp and Utf8 ->
// Timestamp), or nullopt if they are incompatible. See implicit_cast.cc.
std::optional<DataType> CommonType(const DataType& a, const DataType& b);

// Explicit and implicit casts (CAST(x AS t), x::t). Errors: InvalidArgument for
// unsupported conversions ("cannot cast Utf8 to Boolean"), or for values that do not
// convert (strict casts: "cannot cast 'abc' to Int64").
Result<Datum> Cast(KernelContext& ctx, const Datum& value, const DataType& to);
Result<Scalar> CastScalar(const Scalar& value, const DataType& to);
bool CanCast(const DataType& from, const DataType& to);

// Resolves `name` for the argument types, builds the kernel state from the scalar
// arguments (they are the literals), casts the arguments and runs the kernel: what the
// constant folder and tests need. `ctx.state` is ignored (the call's own state is used).
Result<Datum> CallScalarFunction(std::string_view name, std::span<const Datum> args, int64_t rows,
                                 KernelContext ctx = {});

}  // namespace quiver
