// Boolean connectives with SQL three-valued (Kleene) logic: and, or, not, xor.
//   a AND b: false if either is false, else null if either is null, else true.
//   a OR b:  true if either is true, else null if either is null, else false.
// Computed 64 rows at a time on the value and validity bitmaps.
#include "function/function_list_internal.h"
#include "function/kernel_internal.h"

namespace quiver {
namespace function_internal {
namespace {

enum class Connective { kAnd, kOr, kXor };

std::optional<bool> ScalarBool(const Scalar& s) {
  if (s.is_null()) return std::nullopt;
  return s.bool_value();
}

std::optional<bool> KleeneScalar(Connective op, std::optional<bool> a, std::optional<bool> b) {
  switch (op) {
    case Connective::kAnd:
      if ((a && !*a) || (b && !*b)) return false;
      if (!a || !b) return std::nullopt;
      return true;
    case Connective::kOr:
      if ((a && *a) || (b && *b)) return true;
      if (!a || !b) return std::nullopt;
      return false;
    case Connective::kXor:
      if (!a || !b) return std::nullopt;
      return *a != *b;
  }
  return std::nullopt;
}

Result<Datum> ExecConnective(Connective op, KernelContext& ctx, std::span<const Datum> args,
                             int64_t rows) {
  const Datum& a = args[0];
  const Datum& b = args[1];
  if (a.is_scalar() && b.is_scalar()) {
    std::optional<bool> r = KleeneScalar(op, ScalarBool(a.scalar()), ScalarBool(b.scalar()));
    return Datum(r ? Scalar::Boolean(*r) : Scalar::Null(DataType::Boolean()));
  }
  ASSIGN_OR_RETURN(BooleanWords x, LoadBooleanWords(a, rows, ctx.pool));
  ASSIGN_OR_RETURN(BooleanWords y, LoadBooleanWords(b, rows, ctx.pool));
  size_t words = x.values.size();
  std::vector<uint64_t> values(words);
  if (x.all_valid && y.all_valid) {
    for (size_t w = 0; w < words; ++w) {
      values[w] = op == Connective::kAnd  ? x.values[w] & y.values[w]
                  : op == Connective::kOr ? x.values[w] | y.values[w]
                                          : x.values[w] ^ y.values[w];
    }
    ASSIGN_OR_RETURN(Array out, BooleanArrayFromWords(values, nullptr, rows, ctx.pool));
    return Datum(std::move(out));
  }
  std::vector<uint64_t> validity(words);
  for (size_t w = 0; w < words; ++w) {
    uint64_t xt = x.validity[w] & x.values[w], xf = x.validity[w] & ~x.values[w];
    uint64_t yt = y.validity[w] & y.values[w], yf = y.validity[w] & ~y.values[w];
    switch (op) {
      case Connective::kAnd: {
        uint64_t is_true = xt & yt, is_false = xf | yf;
        values[w] = is_true;
        validity[w] = is_true | is_false;
        break;
      }
      case Connective::kOr: {
        uint64_t is_true = xt | yt, is_false = xf & yf;
        values[w] = is_true;
        validity[w] = is_true | is_false;
        break;
      }
      case Connective::kXor:
        values[w] = x.values[w] ^ y.values[w];
        validity[w] = x.validity[w] & y.validity[w];
        break;
    }
  }
  ASSIGN_OR_RETURN(Array out, BooleanArrayFromWords(values, &validity, rows, ctx.pool));
  return Datum(std::move(out));
}

Result<Datum> ExecNot(KernelContext& ctx, std::span<const Datum> args, int64_t rows) {
  const Datum& a = args[0];
  if (a.is_scalar()) {
    if (a.scalar().is_null()) return Datum(Scalar::Null(DataType::Boolean()));
    return Datum(Scalar::Boolean(!a.scalar().bool_value()));
  }
  ASSIGN_OR_RETURN(BooleanWords x, LoadBooleanWords(a, rows, ctx.pool));
  for (uint64_t& word : x.values) word = ~word;
  ASSIGN_OR_RETURN(Array out, BooleanArrayFromWords(x.values, x.all_valid ? nullptr : &x.validity,
                                                    rows, ctx.pool));
  return Datum(std::move(out));
}

void AddConnective(FunctionRegistry& registry, const char* name, const char* description,
                   Connective op) {
  ScalarFunction function;
  function.name = name;
  function.description = description;
  ScalarKernel kernel;
  kernel.inputs = {TypeMatcher::Exact(DataType::Boolean()),
                   TypeMatcher::Exact(DataType::Boolean())};
  kernel.output = FixedOutput(DataType::Boolean());
  kernel.null_handling =
      op == Connective::kXor ? NullHandling::kIntersection : NullHandling::kComputedByKernel;
  kernel.exec = [op](KernelContext& ctx, std::span<const Datum> args, int64_t rows) {
    return ExecConnective(op, ctx, args, rows);
  };
  function.kernels.push_back(std::move(kernel));
  registry.AddScalar(std::move(function));
}

}  // namespace

void RegisterBooleanFunctions(FunctionRegistry& registry) {
  AddConnective(registry, "and", "a AND b (three-valued)", Connective::kAnd);
  AddConnective(registry, "or", "a OR b (three-valued)", Connective::kOr);
  AddConnective(registry, "xor", "a XOR b (null if either is null)", Connective::kXor);
  ScalarFunction not_function;
  not_function.name = "not";
  not_function.description = "NOT a (null stays null)";
  ScalarKernel kernel;
  kernel.inputs = {TypeMatcher::Exact(DataType::Boolean())};
  kernel.output = FixedOutput(DataType::Boolean());
  kernel.exec = ExecNot;
  not_function.kernels.push_back(std::move(kernel));
  registry.AddScalar(std::move(not_function));
}

}  // namespace function_internal
}  // namespace quiver
