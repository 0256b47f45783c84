// IS [NOT] NULL over any type, and IS [NOT] TRUE / FALSE / UNKNOWN over Boolean. The
// results are never null. A dictionary slot whose value is null counts as null.
#include "function/function_list_internal.h"
#include "function/kernel_internal.h"

namespace quiver {
namespace function_internal {
namespace {

enum class Predicate { kIsNull, kIsNotNull, kIsTrue, kIsFalse, kIsNotTrue, kIsNotFalse };

bool Evaluate(Predicate p, bool valid, bool value) {
  switch (p) {
    case Predicate::kIsNull:
      return !valid;
    case Predicate::kIsNotNull:
      return valid;
    case Predicate::kIsTrue:
      return valid && value;
    case Predicate::kIsFalse:
      return valid && !value;
    case Predicate::kIsNotTrue:
      return !(valid && value);
    case Predicate::kIsNotFalse:
      return !(valid && !value);
  }
  return false;
}

Result<Datum> ExecPredicate(Predicate p, KernelContext& ctx, std::span<const Datum> args,
                            int64_t rows) {
  const Datum& a = args[0];
  if (a.is_scalar()) {
    const Scalar& s = a.scalar();
    bool value = s.is_valid() && s.type().id() == TypeId::kBoolean && s.bool_value();
    return Datum(Scalar::Boolean(Evaluate(p, s.is_valid(), value)));
  }
  ASSIGN_OR_RETURN(BooleanWords x, LoadBooleanWords(a, rows, ctx.pool));
  std::vector<uint64_t> out(x.values.size());
  for (size_t w = 0; w < out.size(); ++w) {
    uint64_t valid = x.validity[w], value = x.values[w];
    switch (p) {
      case Predicate::kIsNull:
        out[w] = ~valid;
        break;
      case Predicate::kIsNotNull:
        out[w] = valid;
        break;
      case Predicate::kIsTrue:
        out[w] = valid & value;
        break;
      case Predicate::kIsFalse:
        out[w] = valid & ~value;
        break;
      case Predicate::kIsNotTrue:
        out[w] = ~(valid & value);
        break;
      case Predicate::kIsNotFalse:
        out[w] = ~(valid & ~value);
        break;
    }
  }
  ASSIGN_OR_RETURN(Array result, BooleanArrayFromWords(out, nullptr, rows, ctx.pool));
  return Datum(std::move(result));
}

void Add(FunctionRegistry& registry, const char* name, const char* description, Predicate p,
         TypeMatcher input, std::vector<std::string> aliases = {}) {
  ScalarFunction function;
  function.name = name;
  function.description = description;
  ScalarKernel kernel;
  kernel.inputs = {std::move(input)};
  kernel.output = FixedOutput(DataType::Boolean());
  kernel.null_handling = NullHandling::kComputedByKernel;
  kernel.exec = [p](KernelContext& ctx, std::span<const Datum> args, int64_t rows) {
    return ExecPredicate(p, ctx, args, rows);
  };
  function.kernels.push_back(std::move(kernel));
  registry.AddScalar(std::move(function), std::move(aliases));
}

}  // namespace

void RegisterNullFunctions(FunctionRegistry& registry) {
  TypeMatcher boolean = TypeMatcher::Exact(DataType::Boolean());
  Add(registry, "is_null", "x IS NULL", Predicate::kIsNull, TypeMatcher::Any(), {"isnull"});
  Add(registry, "is_not_null", "x IS NOT NULL", Predicate::kIsNotNull, TypeMatcher::Any(),
      {"isnotnull"});
  Add(registry, "is_true", "b IS TRUE", Predicate::kIsTrue, boolean);
  Add(registry, "is_false", "b IS FALSE", Predicate::kIsFalse, boolean);
  Add(registry, "is_not_true", "b IS NOT TRUE", Predicate::kIsNotTrue, boolean);
  Add(registry, "is_not_false", "b IS NOT FALSE", Predicate::kIsNotFalse, boolean);
  Add(registry, "is_unknown", "b IS UNKNOWN", Predicate::kIsNull, boolean);
  Add(registry, "is_not_unknown", "b IS NOT UNKNOWN", Predicate::kIsNotNull, boolean);
}

}  // namespace function_internal
}  // namespace quiver
