// Math functions. As in DataFusion, results are Float64 (integer arguments are widened)
// except abs (keeps Int64/UInt64/Float64) and power(Int64, Int64) (Int64, overflow and
// negative exponents are errors). Domain errors give NaN or +-inf like the C library
// (sqrt(-1) = NaN, ln(0) = -inf), never an error.
//   abs ceil floor trunc(x[, digits]) round(x[, digits]) (half away from zero)
//   signum/sign (0 for 0) sqrt cbrt exp ln log(x) = log10(x) log(base, x) log2 log10
//   power/pow(x, y) sin cos tan cot asin acos atan atan2(y, x) sinh cosh tanh asinh acosh
//   atanh degrees radians pi() isnan(x) iszero(x)
#include <cmath>
#include <numbers>

#include "function/function_list_internal.h"
#include "function/kernel_internal.h"

namespace quiver {
namespace function_internal {
namespace {

template <typename Fn>
ScalarKernelExec UnaryFloat(Fn fn) {
  return [fn](KernelContext& ctx, std::span<const Datum> args, int64_t rows) {
    return ExecUnary<double, double>(
        ctx, args[0], rows, DataType::Float64(), [fn](double v, bool&) { return fn(v); },
        [](double) { return Status::OK(); });
  };
}

template <typename Fn>
ScalarKernelExec BinaryFloat(Fn fn) {
  return [fn](KernelContext& ctx, std::span<const Datum> args, int64_t rows) {
    return ExecBinary<double, double, double>(
        ctx, args[0], args[1], rows, DataType::Float64(),
        [fn](double a, double b, bool&) { return fn(a, b); },
        [](double, double) { return Status::OK(); });
  };
}

template <typename Pred>
ScalarKernelExec FloatPredicate(Pred pred) {
  return [pred](KernelContext& ctx, std::span<const Datum> args, int64_t rows) -> Result<Datum> {
    if (args[0].is_scalar()) {
      if (args[0].scalar().is_null()) return Datum(Scalar::Null(DataType::Boolean()));
      return Datum(Scalar::Boolean(pred(args[0].scalar().double_value())));
    }
    ASSIGN_OR_RETURN(OutputValidity validity, IntersectValidity(ctx.pool, args, rows));
    const double* values = ValuesOf<double>(args[0].array());
    std::vector<uint8_t> bytes(static_cast<size_t>(rows));
    for (int64_t i = 0; i < rows; ++i) bytes[i] = pred(values[i]);
    ASSIGN_OR_RETURN(MutableBuffer bits, AllocateBitmap(ctx.pool, rows));
    PackBytesToBits(bytes.data(), rows, bits.data);
    return Datum(MakeBooleanArray(rows, bits.buffer, validity));
  };
}

double RoundTo(double v, int64_t digits) {
  if (digits == 0) return std::round(v);
  double scale = std::pow(10.0, static_cast<double>(digits));
  if (!std::isfinite(scale) || scale == 0) return digits > 0 ? v : 0.0 * v;
  return std::round(v * scale) / scale;
}

double TruncTo(double v, int64_t digits) {
  if (digits == 0) return std::trunc(v);
  double scale = std::pow(10.0, static_cast<double>(digits));
  if (!std::isfinite(scale) || scale == 0) return digits > 0 ? v : 0.0 * v;
  return std::trunc(v * scale) / scale;
}

double Signum(double v) {
  if (v == 0 || std::isnan(v)) return v == 0 ? 0.0 : v;
  return v > 0 ? 1.0 : -1.0;
}

Result<Datum> AbsInt64(KernelContext& ctx, std::span<const Datum> args, int64_t rows) {
  return ExecUnary<int64_t, int64_t>(
      ctx, args[0], rows, DataType::Int64(),
      [](int64_t v, bool& error) {
        error |= v == INT64_MIN;
        return v < 0 ? static_cast<int64_t>(0 - static_cast<uint64_t>(v)) : v;
      },
      [](int64_t v) { return Status::InvalidArgument("Int64 overflow: abs({})", v); });
}

// Unsigned values are their own absolute value.
Result<Datum> AbsUInt64(KernelContext&, std::span<const Datum> args, int64_t) { return args[0]; }

Result<Datum> PowerInt64(KernelContext& ctx, std::span<const Datum> args, int64_t rows) {
  return ExecBinary<int64_t, int64_t, int64_t>(
      ctx, args[0], args[1], rows, DataType::Int64(),
      [](int64_t base, int64_t exponent, bool& error) -> int64_t {
        if (exponent < 0) {
          error = true;
          return 0;
        }
        int64_t result = 1;
        int64_t b = base;
        int64_t e = exponent;
        while (e > 0) {
          if (e & 1) error |= __builtin_mul_overflow(result, b, &result);
          e >>= 1;
          if (e > 0) error |= __builtin_mul_overflow(b, b, &b);
          if (error) return 0;
        }
        return result;
      },
      [](int64_t base, int64_t exponent) {
        if (exponent < 0)
          return Status::InvalidArgument("power: negative exponent {} for integer base {}",
                                         exponent, base);
        return Status::InvalidArgument("Int64 overflow: power({}, {})", base, exponent);
      });
}

ScalarKernel Kernel(std::vector<TypeMatcher> inputs, DataType out, ScalarKernelExec exec) {
  ScalarKernel kernel;
  kernel.inputs = std::move(inputs);
  kernel.output = FixedOutput(std::move(out));
  kernel.exec = std::move(exec);
  return kernel;
}

void AddFunction(FunctionRegistry& registry, const char* name, const char* description,
                 std::vector<ScalarKernel> kernels, std::vector<std::string> aliases = {}) {
  ScalarFunction function;
  function.name = name;
  function.description = description;
  function.kernels = std::move(kernels);
  registry.AddScalar(std::move(function), std::move(aliases));
}

}  // namespace

void RegisterMathFunctions(FunctionRegistry& registry) {
  TypeMatcher f64 = TypeMatcher::Exact(DataType::Float64());
  TypeMatcher i64 = TypeMatcher::Exact(DataType::Int64());
  DataType f = DataType::Float64();
  auto unary = [&](const char* name, const char* description, ScalarKernelExec exec,
                   std::vector<std::string> aliases = {}) {
    AddFunction(registry, name, description, {Kernel({f64}, f, std::move(exec))},
                std::move(aliases));
  };

  AddFunction(registry, "abs", "absolute value",
              {Kernel({i64}, DataType::Int64(), AbsInt64),
               Kernel({TypeMatcher::Exact(DataType::UInt64())}, DataType::UInt64(), AbsUInt64),
               Kernel({f64}, f, UnaryFloat([](double v) { return std::fabs(v); }))});
  unary("ceil", "smallest integer >= x", UnaryFloat([](double v) { return std::ceil(v); }),
        {"ceiling"});
  unary("floor", "largest integer <= x", UnaryFloat([](double v) { return std::floor(v); }));
  AddFunction(
      registry, "round", "round half away from zero, optionally to `digits` decimals",
      {Kernel({f64}, f, UnaryFloat([](double v) { return std::round(v); })),
       Kernel({f64, i64}, f, [](KernelContext& ctx, std::span<const Datum> args, int64_t rows) {
         return ExecBinary<double, double, int64_t>(
             ctx, args[0], args[1], rows, DataType::Float64(),
             [](double v, int64_t d, bool&) { return RoundTo(v, d); },
             [](double, int64_t) { return Status::OK(); });
       })});
  AddFunction(
      registry, "trunc", "truncate toward zero, optionally to `digits` decimals",
      {Kernel({f64}, f, UnaryFloat([](double v) { return std::trunc(v); })),
       Kernel({f64, i64}, f, [](KernelContext& ctx, std::span<const Datum> args, int64_t rows) {
         return ExecBinary<double, double, int64_t>(
             ctx, args[0], args[1], rows, DataType::Float64(),
             [](double v, int64_t d, bool&) { return TruncTo(v, d); },
             [](double, int64_t) { return Status::OK(); });
       })});
  unary("signum", "-1, 0 or 1", UnaryFloat(Signum), {"sign"});
  unary("sqrt", "square root", UnaryFloat([](double v) { return std::sqrt(v); }));
  unary("cbrt", "cube root", UnaryFloat([](double v) { return std::cbrt(v); }));
  unary("exp", "e^x", UnaryFloat([](double v) { return std::exp(v); }));
  unary("ln", "natural logarithm", UnaryFloat([](double v) { return std::log(v); }));
  unary("log2", "base-2 logarithm", UnaryFloat([](double v) { return std::log2(v); }));
  unary("log10", "base-10 logarithm", UnaryFloat([](double v) { return std::log10(v); }));
  AddFunction(registry, "log", "log(x): base 10; log(base, x)",
              {Kernel({f64}, f, UnaryFloat([](double v) { return std::log10(v); })),
               Kernel({f64, f64}, f, BinaryFloat([](double base, double x) {
                        return std::log(x) / std::log(base);
                      }))});
  AddFunction(
      registry, "power", "x raised to y",
      {Kernel({i64, i64}, DataType::Int64(), PowerInt64),
       Kernel({f64, f64}, f, BinaryFloat([](double x, double y) { return std::pow(x, y); }))},
      {"pow"});
  unary("sin", "sine", UnaryFloat([](double v) { return std::sin(v); }));
  unary("cos", "cosine", UnaryFloat([](double v) { return std::cos(v); }));
  unary("tan", "tangent", UnaryFloat([](double v) { return std::tan(v); }));
  unary("cot", "cotangent", UnaryFloat([](double v) { return 1.0 / std::tan(v); }));
  unary("asin", "arc sine", UnaryFloat([](double v) { return std::asin(v); }));
  unary("acos", "arc cosine", UnaryFloat([](double v) { return std::acos(v); }));
  unary("atan", "arc tangent", UnaryFloat([](double v) { return std::atan(v); }));
  unary("sinh", "hyperbolic sine", UnaryFloat([](double v) { return std::sinh(v); }));
  unary("cosh", "hyperbolic cosine", UnaryFloat([](double v) { return std::cosh(v); }));
  unary("tanh", "hyperbolic tangent", UnaryFloat([](double v) { return std::tanh(v); }));
  unary("asinh", "inverse hyperbolic sine", UnaryFloat([](double v) { return std::asinh(v); }));
  unary("acosh", "inverse hyperbolic cosine", UnaryFloat([](double v) { return std::acosh(v); }));
  unary("atanh", "inverse hyperbolic tangent", UnaryFloat([](double v) { return std::atanh(v); }));
  AddFunction(
      registry, "atan2", "arc tangent of y/x",
      {Kernel({f64, f64}, f, BinaryFloat([](double y, double x) { return std::atan2(y, x); }))});
  unary("degrees", "radians to degrees",
        UnaryFloat([](double v) { return v * (180.0 / std::numbers::pi); }));
  unary("radians", "degrees to radians",
        UnaryFloat([](double v) { return v * (std::numbers::pi / 180.0); }));
  AddFunction(registry, "pi", "3.14159...",
              {Kernel({}, f, [](KernelContext&, std::span<const Datum>, int64_t) -> Result<Datum> {
                return Datum(Scalar::Float64(std::numbers::pi));
              })});
  AddFunction(
      registry, "isnan", "x is NaN",
      {Kernel({f64}, DataType::Boolean(), FloatPredicate([](double v) { return std::isnan(v); }))});
  AddFunction(
      registry, "iszero", "x is zero",
      {Kernel({f64}, DataType::Boolean(), FloatPredicate([](double v) { return v == 0; }))});
}

}  // namespace function_internal
}  // namespace quiver
