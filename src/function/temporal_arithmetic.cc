// Date/time arithmetic, registered under the arithmetic operator names:
//   timestamp ± interval -> timestamp   (months, then days, then nanoseconds, on the UTC
//                                        calendar; adding months clamps the day to the end
//                                        of the month: Jan 31 + 1 month = Feb 28/29)
//   interval + timestamp -> timestamp
//   timestamp ± duration -> timestamp;  duration + timestamp -> timestamp
//   timestamp - timestamp -> duration(ns) (as DataFusion)
//   interval ± interval -> interval;    duration ± duration -> duration
//   interval * int64, int64 * interval -> interval;  negate(interval), negate(duration)
// Time zones are labels: arithmetic happens on UTC instants (no DST adjustments).
// Overflow past the int64 nanosecond range (years 1677-2262) is an error.
#include <algorithm>

#include "base/duration.h"
#include "base/time_format.h"
#include "function/function_list_internal.h"
#include "function/kernel_internal.h"

namespace quiver {
namespace function_internal {
namespace {

int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

int DaysInMonth(int64_t year, int month) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2) {
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return leap ? 29 : 28;
  }
  return kDays[month - 1];
}

// ts + interval; `error` on overflow.
inline int64_t AddInterval(int64_t ts, MonthDayNano interval, bool& error) {
  if (interval.months != 0) {
    int64_t day_start = FloorDiv(ts, kNanosPerDay);
    int64_t time_of_day = ts - day_start * kNanosPerDay;
    CivilTime civil = ToCivil(day_start * kNanosPerDay);
    int64_t total = civil.year * 12 + (civil.month - 1) + interval.months;
    int64_t year = FloorDiv(total, 12);
    int month = static_cast<int>(total - year * 12) + 1;
    int day = std::min(civil.day, DaysInMonth(year, month));
    int64_t days = DaysFromCivil(year, month, day);
    if (days > 106751 || days < -106752) {  // outside the int64 nanosecond range
      error = true;
      return 0;
    }
    error |= __builtin_mul_overflow(days, kNanosPerDay, &ts);
    error |= __builtin_add_overflow(ts, time_of_day, &ts);
  }
  int64_t delta;
  error |= __builtin_mul_overflow(static_cast<int64_t>(interval.days), kNanosPerDay, &delta);
  error |= __builtin_add_overflow(ts, delta, &ts);
  error |= __builtin_add_overflow(ts, interval.nanos, &ts);
  return ts;
}

inline MonthDayNano NegateInterval(MonthDayNano v, bool& error) {
  error |= v.months == INT32_MIN || v.days == INT32_MIN || v.nanos == INT64_MIN;
  if (v.months == INT32_MIN || v.days == INT32_MIN || v.nanos == INT64_MIN) return {};
  return MonthDayNano{-v.months, -v.days, -v.nanos};
}

Status TimestampOverflow() { return Status::InvalidArgument("timestamp out of range (overflow)"); }

// Fast path: a scalar interval without months is a fixed number of nanoseconds.
std::optional<int64_t> FixedNanos(const Datum& interval, bool negate) {
  if (!interval.is_scalar() || interval.scalar().is_null()) return std::nullopt;
  MonthDayNano v = interval.scalar().interval_value();
  if (v.months != 0) return std::nullopt;
  int64_t total;
  if (__builtin_mul_overflow(static_cast<int64_t>(v.days), kNanosPerDay, &total) ||
      __builtin_add_overflow(total, v.nanos, &total) || (negate && total == INT64_MIN)) {
    return std::nullopt;
  }
  return negate ? -total : total;
}

Result<Datum> AddFixedNanos(KernelContext& ctx, const Datum& ts, int64_t delta, int64_t rows) {
  return ExecBinary<int64_t, int64_t, int64_t>(
      ctx, ts, Datum(Scalar::Int64(delta)), rows, ts.type(),
      [](int64_t a, int64_t b, bool& error) {
        int64_t r;
        error |= __builtin_add_overflow(a, b, &r);
        return r;
      },
      [](int64_t, int64_t) { return TimestampOverflow(); });
}

// timestamp ± interval (interval_index says which argument is the interval).
Result<Datum> TimestampInterval(bool subtract, size_t interval_index, KernelContext& ctx,
                                std::span<const Datum> args, int64_t rows) {
  const Datum& ts = args[1 - interval_index];
  const Datum& interval = args[interval_index];
  if (auto fixed = FixedNanos(interval, subtract); fixed && ts.is_array()) {
    return AddFixedNanos(ctx, ts, *fixed, rows);
  }
  return ExecBinary<int64_t, int64_t, MonthDayNano>(
      ctx, ts, interval, rows, ts.type(),
      [subtract](int64_t t, MonthDayNano v, bool& error) {
        if (subtract) v = NegateInterval(v, error);
        return AddInterval(t, v, error);
      },
      [](int64_t, MonthDayNano) { return TimestampOverflow(); });
}

// int64-backed a ± b with an overflow check (timestamp ± duration, duration ± duration,
// timestamp - timestamp).
Result<Datum> Int64AddSub(bool subtract, const DataType& out_type, KernelContext& ctx,
                          const Datum& a, const Datum& b, int64_t rows) {
  return ExecBinary<int64_t, int64_t, int64_t>(
      ctx, a, b, rows, out_type,
      [subtract](int64_t x, int64_t y, bool& error) {
        int64_t r;
        error |= subtract ? __builtin_sub_overflow(x, y, &r) : __builtin_add_overflow(x, y, &r);
        return r;
      },
      [](int64_t, int64_t) { return TimestampOverflow(); });
}

Result<Datum> IntervalAddSub(bool subtract, KernelContext& ctx, std::span<const Datum> args,
                             int64_t rows) {
  return ExecBinary<MonthDayNano, MonthDayNano, MonthDayNano>(
      ctx, args[0], args[1], rows, DataType::IntervalMonthDayNano(),
      [subtract](MonthDayNano a, MonthDayNano b, bool& error) {
        if (subtract) b = NegateInterval(b, error);
        MonthDayNano r;
        error |= __builtin_add_overflow(a.months, b.months, &r.months);
        error |= __builtin_add_overflow(a.days, b.days, &r.days);
        error |= __builtin_add_overflow(a.nanos, b.nanos, &r.nanos);
        return r;
      },
      [](MonthDayNano, MonthDayNano) { return Status::InvalidArgument("interval overflow"); });
}

Result<Datum> IntervalTimesInt(size_t interval_index, KernelContext& ctx,
                               std::span<const Datum> args, int64_t rows) {
  auto multiply = [](MonthDayNano a, int64_t k, bool& error) {
    MonthDayNano r;
    int64_t months, days;
    error |= __builtin_mul_overflow(static_cast<int64_t>(a.months), k, &months);
    error |= __builtin_mul_overflow(static_cast<int64_t>(a.days), k, &days);
    error |= __builtin_mul_overflow(a.nanos, k, &r.nanos);
    error |= months > INT32_MAX || months < INT32_MIN || days > INT32_MAX || days < INT32_MIN;
    r.months = static_cast<int32_t>(months);
    r.days = static_cast<int32_t>(days);
    return r;
  };
  auto on_error = [](auto, auto) { return Status::InvalidArgument("interval overflow"); };
  if (interval_index == 0) {
    return ExecBinary<MonthDayNano, MonthDayNano, int64_t>(
        ctx, args[0], args[1], rows, DataType::IntervalMonthDayNano(), multiply, on_error);
  }
  return ExecBinary<MonthDayNano, int64_t, MonthDayNano>(
      ctx, args[0], args[1], rows, DataType::IntervalMonthDayNano(),
      [&](int64_t k, MonthDayNano a, bool& error) { return multiply(a, k, error); }, on_error);
}

ScalarKernel Kernel(std::vector<TypeMatcher> inputs, OutputTypeResolver output,
                    ScalarKernelExec exec) {
  ScalarKernel kernel;
  kernel.inputs = std::move(inputs);
  kernel.output = std::move(output);
  kernel.exec = std::move(exec);
  return kernel;
}

}  // namespace

void RegisterTemporalArithmeticFunctions(FunctionRegistry& registry) {
  TypeMatcher ts = TypeMatcher::TimestampNanos();
  TypeMatcher interval = TypeMatcher::Exact(DataType::IntervalMonthDayNano());
  TypeMatcher duration = TypeMatcher::Exact(DataType::Duration());
  TypeMatcher int64 = TypeMatcher::Exact(DataType::Int64());
  DataType duration_type = DataType::Duration();

  ScalarFunction add;
  add.name = "add";
  add.kernels.push_back(Kernel({ts, interval}, SameAsArgument(0),
                               [](KernelContext& ctx, std::span<const Datum> a, int64_t n) {
                                 return TimestampInterval(false, 1, ctx, a, n);
                               }));
  add.kernels.push_back(Kernel({interval, ts}, SameAsArgument(1),
                               [](KernelContext& ctx, std::span<const Datum> a, int64_t n) {
                                 return TimestampInterval(false, 0, ctx, a, n);
                               }));
  add.kernels.push_back(Kernel({ts, duration}, SameAsArgument(0),
                               [](KernelContext& ctx, std::span<const Datum> a, int64_t n) {
                                 return Int64AddSub(false, a[0].type(), ctx, a[0], a[1], n);
                               }));
  add.kernels.push_back(Kernel({duration, ts}, SameAsArgument(1),
                               [](KernelContext& ctx, std::span<const Datum> a, int64_t n) {
                                 return Int64AddSub(false, a[1].type(), ctx, a[1], a[0], n);
                               }));
  add.kernels.push_back(Kernel({interval, interval}, FixedOutput(DataType::IntervalMonthDayNano()),
                               [](KernelContext& ctx, std::span<const Datum> a, int64_t n) {
                                 return IntervalAddSub(false, ctx, a, n);
                               }));
  add.kernels.push_back(Kernel({duration, duration}, FixedOutput(duration_type),
                               [](KernelContext& ctx, std::span<const Datum> a, int64_t n) {
                                 return Int64AddSub(false, DataType::Duration(), ctx, a[0], a[1],
                                                    n);
                               }));
  registry.AddScalar(std::move(add));

  ScalarFunction subtract;
  subtract.name = "subtract";
  subtract.kernels.push_back(Kernel({ts, interval}, SameAsArgument(0),
                                    [](KernelContext& ctx, std::span<const Datum> a, int64_t n) {
                                      return TimestampInterval(true, 1, ctx, a, n);
                                    }));
  subtract.kernels.push_back(Kernel({ts, duration}, SameAsArgument(0),
                                    [](KernelContext& ctx, std::span<const Datum> a, int64_t n) {
                                      return Int64AddSub(true, a[0].type(), ctx, a[0], a[1], n);
                                    }));
  subtract.kernels.push_back(Kernel({ts, ts}, FixedOutput(duration_type),
                                    [](KernelContext& ctx, std::span<const Datum> a, int64_t n) {
                                      return Int64AddSub(true, DataType::Duration(), ctx, a[0],
                                                         a[1], n);
                                    }));
  subtract.kernels.push_back(Kernel({interval, interval},
                                    FixedOutput(DataType::IntervalMonthDayNano()),
                                    [](KernelContext& ctx, std::span<const Datum> a, int64_t n) {
                                      return IntervalAddSub(true, ctx, a, n);
                                    }));
  subtract.kernels.push_back(Kernel({duration, duration}, FixedOutput(duration_type),
                                    [](KernelContext& ctx, std::span<const Datum> a, int64_t n) {
                                      return Int64AddSub(true, DataType::Duration(), ctx, a[0],
                                                         a[1], n);
                                    }));
  registry.AddScalar(std::move(subtract));

  ScalarFunction multiply;
  multiply.name = "multiply";
  multiply.kernels.push_back(Kernel({interval, int64},
                                    FixedOutput(DataType::IntervalMonthDayNano()),
                                    [](KernelContext& ctx, std::span<const Datum> a, int64_t n) {
                                      return IntervalTimesInt(0, ctx, a, n);
                                    }));
  multiply.kernels.push_back(Kernel({int64, interval},
                                    FixedOutput(DataType::IntervalMonthDayNano()),
                                    [](KernelContext& ctx, std::span<const Datum> a, int64_t n) {
                                      return IntervalTimesInt(1, ctx, a, n);
                                    }));
  registry.AddScalar(std::move(multiply));

  ScalarFunction negate;
  negate.name = "negate";
  negate.kernels.push_back(
      Kernel({interval}, FixedOutput(DataType::IntervalMonthDayNano()),
             [](KernelContext& ctx, std::span<const Datum> a, int64_t n) {
               return ExecUnary<MonthDayNano, MonthDayNano>(
                   ctx, a[0], n, DataType::IntervalMonthDayNano(), NegateInterval,
                   [](MonthDayNano) { return Status::InvalidArgument("interval overflow"); });
             }));
  negate.kernels.push_back(
      Kernel({duration}, FixedOutput(duration_type),
             [](KernelContext& ctx, std::span<const Datum> a, int64_t n) {
               return ExecUnary<int64_t, int64_t>(
                   ctx, a[0], n, DataType::Duration(),
                   [](int64_t v, bool& error) {
                     error |= v == INT64_MIN;
                     return static_cast<int64_t>(0 - static_cast<uint64_t>(v));
                   },
                   [](int64_t) { return Status::InvalidArgument("duration overflow"); });
             }));
  registry.AddScalar(std::move(negate));
}

}  // namespace function_internal
}  // namespace quiver
