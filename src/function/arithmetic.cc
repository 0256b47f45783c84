// Arithmetic operators on numbers: add (+), subtract (-), multiply (*), divide (/),
// modulo (%), negate (unary -). Operands are coerced to a common type first (Int64 +
// Float64 -> Float64; Int64 + UInt64 -> Int64).
//   Int64/UInt64: overflow is an error ("Int64 overflow: 9223372036854775807 + 1");
//     division truncates toward zero; % takes the dividend's sign.
//   Float64: IEEE results, except that division or modulo by zero is an error.
//   Division or modulo by zero: InvalidArgument "Divide by zero error" (DataFusion's text).
// Temporal operands (timestamp - timestamp, timestamp + interval, ...) are registered
// under the same names by temporal_arithmetic.cc.
#include <cmath>

#include "function/function_list_internal.h"
#include "function/kernel_internal.h"

namespace quiver {
namespace function_internal {
namespace {

enum class ArithOp { kAdd, kSubtract, kMultiply, kDivide, kModulo };

const char* Symbol(ArithOp op) {
  switch (op) {
    case ArithOp::kAdd:
      return "+";
    case ArithOp::kSubtract:
      return "-";
    case ArithOp::kMultiply:
      return "*";
    case ArithOp::kDivide:
      return "/";
    case ArithOp::kModulo:
      return "%";
  }
  return "?";
}

Status DivideByZero() { return Status::InvalidArgument("Divide by zero error"); }

template <typename T>
const char* TypeLabel() {
  return std::is_same_v<T, int64_t> ? "Int64" : "UInt64";
}

// Integer ops; `error` flags overflow or a zero divisor (told apart when reporting).
template <ArithOp kOp, typename T>
inline T IntegerOp(T a, T b, bool& error) {
  using U = std::make_unsigned_t<T>;
  if constexpr (kOp == ArithOp::kAdd) {
    if constexpr (std::is_signed_v<T>) {
      U r = static_cast<U>(a) + static_cast<U>(b);
      T result = static_cast<T>(r);
      error |= ((a ^ result) & (b ^ result)) < 0;
      return result;
    } else {
      T result = a + b;
      error |= result < a;
      return result;
    }
  } else if constexpr (kOp == ArithOp::kSubtract) {
    if constexpr (std::is_signed_v<T>) {
      U r = static_cast<U>(a) - static_cast<U>(b);
      T result = static_cast<T>(r);
      error |= ((a ^ b) & (a ^ result)) < 0;
      return result;
    } else {
      error |= b > a;
      return a - b;
    }
  } else if constexpr (kOp == ArithOp::kMultiply) {
    T result;
    error |= __builtin_mul_overflow(a, b, &result);
    return result;
  } else {
    bool bad = b == 0;
    if constexpr (std::is_signed_v<T>) {
      bool min_by_minus_one = a == std::numeric_limits<T>::min() && b == -1;
      if constexpr (kOp == ArithOp::kDivide) bad |= min_by_minus_one;  // overflow
      if (bad || min_by_minus_one) {
        error |= bad;
        return 0;
      }
    } else if (bad) {
      error = true;
      return 0;
    }
    return kOp == ArithOp::kDivide ? a / b : a % b;
  }
}

template <ArithOp kOp>
inline double FloatOp(double a, double b, bool& error) {
  if constexpr (kOp == ArithOp::kAdd) return a + b;
  if constexpr (kOp == ArithOp::kSubtract) return a - b;
  if constexpr (kOp == ArithOp::kMultiply) return a * b;
  if constexpr (kOp == ArithOp::kDivide) {
    error |= b == 0;
    return a / b;
  }
  error |= b == 0;
  return std::fmod(a, b);
}

template <ArithOp kOp, typename T>
Result<Datum> ExecInteger(KernelContext& ctx, std::span<const Datum> args, int64_t rows) {
  return ExecBinary<T, T, T>(
      ctx, args[0], args[1], rows, args[0].type(),
      [](T a, T b, bool& error) { return IntegerOp<kOp, T>(a, b, error); },
      [](T a, T b) -> Status {
        if ((kOp == ArithOp::kDivide || kOp == ArithOp::kModulo) && b == 0) return DivideByZero();
        return Status::InvalidArgument("{} overflow: {} {} {}", TypeLabel<T>(), a, Symbol(kOp), b);
      });
}

template <ArithOp kOp>
Result<Datum> ExecFloat(KernelContext& ctx, std::span<const Datum> args, int64_t rows) {
  return ExecBinary<double, double, double>(
      ctx, args[0], args[1], rows, DataType::Float64(),
      [](double a, double b, bool& error) { return FloatOp<kOp>(a, b, error); },
      [](double, double) { return DivideByZero(); });
}

template <ArithOp kOp>
void AddOperator(FunctionRegistry& registry, const char* name, const char* description,
                 std::vector<std::string> aliases) {
  ScalarFunction function;
  function.name = name;
  function.description = description;
  function.coercion = ArgumentCoercion::kNumericCommonType;
  auto kernel = [](DataType type, ScalarKernelExec exec) {
    ScalarKernel k;
    k.inputs = {TypeMatcher::Exact(type), TypeMatcher::Exact(type)};
    k.output = FixedOutput(type);
    k.exec = std::move(exec);
    return k;
  };
  function.kernels.push_back(kernel(DataType::Int64(), ExecInteger<kOp, int64_t>));
  function.kernels.push_back(kernel(DataType::UInt64(), ExecInteger<kOp, uint64_t>));
  function.kernels.push_back(kernel(DataType::Float64(), ExecFloat<kOp>));
  registry.AddScalar(std::move(function), std::move(aliases));
}

Result<Datum> NegateInt64(KernelContext& ctx, std::span<const Datum> args, int64_t rows) {
  return ExecUnary<int64_t, int64_t>(
      ctx, args[0], rows, args[0].type(),
      [](int64_t v, bool& error) {
        error |= v == std::numeric_limits<int64_t>::min();
        return static_cast<int64_t>(0 - static_cast<uint64_t>(v));
      },
      [](int64_t v) { return Status::InvalidArgument("Int64 overflow: -({})", v); });
}

Result<Datum> NegateFloat64(KernelContext& ctx, std::span<const Datum> args, int64_t rows) {
  return ExecUnary<double, double>(
      ctx, args[0], rows, DataType::Float64(), [](double v, bool&) { return -v; },
      [](double) { return Status::OK(); });
}

}  // namespace

void RegisterArithmeticFunctions(FunctionRegistry& registry) {
  AddOperator<ArithOp::kAdd>(registry, "add", "a + b", {"+", "plus"});
  AddOperator<ArithOp::kSubtract>(registry, "subtract", "a - b", {"-", "minus"});
  AddOperator<ArithOp::kMultiply>(registry, "multiply", "a * b", {"*"});
  AddOperator<ArithOp::kDivide>(registry, "divide", "a / b (integers truncate)", {"/"});
  AddOperator<ArithOp::kModulo>(registry, "modulo", "a % b (sign of a)", {"%", "mod"});

  ScalarFunction negate;
  negate.name = "negate";
  negate.description = "-a";
  ScalarKernel int_kernel;
  int_kernel.inputs = {TypeMatcher::Exact(DataType::Int64())};
  int_kernel.output = FixedOutput(DataType::Int64());
  int_kernel.exec = NegateInt64;
  negate.kernels.push_back(std::move(int_kernel));
  ScalarKernel float_kernel;
  float_kernel.inputs = {TypeMatcher::Exact(DataType::Float64())};
  float_kernel.output = FixedOutput(DataType::Float64());
  float_kernel.exec = NegateFloat64;
  negate.kernels.push_back(std::move(float_kernel));
  registry.AddScalar(std::move(negate));
}

}  // namespace function_internal
}  // namespace quiver
