// date_bin(stride, source[, origin]): the start of the stride-wide bin holding `source`,
// bins being aligned to `origin` (default 1970-01-01T00:00:00Z), as DataFusion:
//   stride without months: bin = origin + floor((source - origin) / stride) * stride, so
//     sources before the origin fall in earlier bins; days count as 24 hours.
//   stride in months (INTERVAL '1 month', '1 year'): whole months are counted from the
//     origin's month on the UTC calendar; when the origin is not at the start of a month
//     and that bin would start after the source, the previous bin is used.
//   Mixing months with days or nanoseconds in one stride is an error, as is a stride <= 0.
// stride (Interval or Duration) and origin must be constants (DataFusion's rule). Output:
// the source's timestamp type. Hot path: a multiply-shift division per row, skipped while
// consecutive rows stay in the same bin (time-sorted data).
#include <algorithm>

#include "base/duration.h"
#include "base/time_format.h"
#include "function/fast_divide_internal.h"
#include "function/function_list_internal.h"
#include "function/kernel_internal.h"

namespace quiver {
namespace function_internal {
namespace {

struct Stride {
  int64_t months = 0;
  int64_t nanos = 0;
};

Result<Stride> StrideOf(const Datum& stride) {
  if (!stride.is_scalar()) {
    return Status::NotImplemented("date_bin only supports a constant stride, not a column");
  }
  const Scalar& s = stride.scalar();
  Stride out;
  if (s.type().id() == TypeId::kDuration) {
    if (__builtin_mul_overflow(s.int64_value(), TimeUnitNanos(s.type().unit()), &out.nanos)) {
      return Status::InvalidArgument("date_bin stride out of range");
    }
  } else {
    MonthDayNano v = s.interval_value();
    if (v.months != 0 && (v.days != 0 || v.nanos != 0)) {
      return Status::InvalidArgument(
          "date_bin stride does not support combination of month, day and nanosecond intervals");
    }
    out.months = v.months;
    if (__builtin_mul_overflow(static_cast<int64_t>(v.days), kNanosPerDay, &out.nanos) ||
        __builtin_add_overflow(out.nanos, v.nanos, &out.nanos)) {
      return Status::InvalidArgument("date_bin stride out of range");
    }
  }
  if (out.months < 0 || out.nanos < 0 || (out.months == 0 && out.nanos == 0)) {
    return Status::InvalidArgument("date_bin stride must be positive: {}", s.ToString());
  }
  return out;
}

int64_t FloorDivSlow(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

int DaysInMonth(int64_t year, int month) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2) return ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0) ? 29 : 28;
  return kDays[month - 1];
}

// origin + `months` calendar months (day clamped to the month's end); false on overflow.
bool AddMonths(int64_t origin, int64_t months, int64_t* out) {
  int64_t day_index = FloorDivSlow(origin, kNanosPerDay);
  int64_t time_of_day = origin - day_index * kNanosPerDay;
  CivilTime civil = ToCivil(day_index * kNanosPerDay);
  int64_t total = civil.year * 12 + (civil.month - 1) + months;
  int64_t year = FloorDivSlow(total, 12);
  int month = static_cast<int>(total - year * 12) + 1;
  int day = std::min(civil.day, DaysInMonth(year, month));
  int64_t days = DaysFromCivil(year, month, day);
  int64_t nanos;
  if (__builtin_mul_overflow(days, kNanosPerDay, &nanos)) return false;
  return !__builtin_add_overflow(nanos, time_of_day, out);
}

// DataFusion's month binning for one source value.
bool BinMonths(int64_t stride_months, int64_t source, int64_t origin, int64_t* out) {
  CivilTime s = ToCivil(source);
  CivilTime o = ToCivil(origin);
  int64_t month_diff = (s.year - o.year) * 12 + s.month - o.month;
  int64_t remainder = month_diff % stride_months;
  if (remainder < 0) remainder += stride_months;
  int64_t delta = month_diff - remainder;
  int64_t bin;
  if (!AddMonths(origin, delta, &bin)) return false;
  if (bin > source && !AddMonths(origin, delta - stride_months, &bin)) return false;
  *out = bin;
  return true;
}

Status OutOfRange(int64_t source) {
  return Status::InvalidArgument("date_bin result out of range for {}", FormatRfc3339(source));
}

Result<Datum> ExecDateBin(KernelContext& ctx, std::span<const Datum> args, int64_t rows) {
  ASSIGN_OR_RETURN(Stride stride, StrideOf(args[0]));
  const Datum& source = args[1];
  int64_t origin = 0;
  if (args.size() > 2) {
    if (!args[2].is_scalar())
      return Status::NotImplemented("date_bin only supports a constant origin");
    if (args[2].scalar().is_null()) {
      return source.is_scalar() ? Datum(Scalar::Null(source.type()))
                                : Datum(MakeNullArray(source.type(), rows));
    }
    origin = args[2].scalar().int64_value();
  }
  if (args[0].scalar().is_null()) {
    return source.is_scalar() ? Datum(Scalar::Null(source.type()))
                              : Datum(MakeNullArray(source.type(), rows));
  }
  if (stride.months != 0) {
    return ExecUnary<int64_t, int64_t>(
        ctx, source, rows, source.type(),
        [&](int64_t ts, bool& error) {
          int64_t bin = 0;
          error |= !BinMonths(stride.months, ts, origin, &bin);
          return bin;
        },
        [](int64_t ts) { return OutOfRange(ts); });
  }
  FloorDivider divider(stride.nanos);
  int64_t width = stride.nanos;
  auto bin_of = [&](int64_t ts, bool& error) {
    int64_t diff;
    error |= __builtin_sub_overflow(ts, origin, &diff);
    int64_t offset, start;
    error |= __builtin_mul_overflow(divider.Quotient(diff), width, &offset);
    error |= __builtin_add_overflow(origin, offset, &start);
    return start;
  };
  if (source.is_scalar()) {
    return ExecUnary<int64_t, int64_t>(ctx, source, rows, source.type(), bin_of,
                                       [](int64_t ts) { return OutOfRange(ts); });
  }
  const Datum args_source[] = {source};
  ASSIGN_OR_RETURN(OutputValidity validity, IntersectValidity(ctx.pool, args_source, rows));
  ASSIGN_OR_RETURN(MutableBuffer out, AllocateBuffer(ctx.pool, rows * 8));
  const int64_t* in = ValuesOf<int64_t>(source.array());
  int64_t* dst = out.as<int64_t>();
  bool error = false;
  // Consecutive rows usually share a bin: reuse [bin_start, bin_start + width) while the
  // value stays inside it (the subtraction is unsigned, so one compare covers both ends).
  int64_t bin_start = 0;
  uint64_t bin_width = 0;  // 0: no cached bin yet
  for (int64_t i = 0; i < rows; ++i) {
    int64_t ts = in[i];
    if (static_cast<uint64_t>(ts) - static_cast<uint64_t>(bin_start) < bin_width) {
      dst[i] = bin_start;
      continue;
    }
    int64_t start = bin_of(ts, error);
    dst[i] = start;
    bin_start = start;
    // The cached range must not wrap around the int64 range.
    bin_width = start <= INT64_MAX - width ? static_cast<uint64_t>(width) : 0;
  }
  if (error) {
    for (int64_t i = 0; i < rows; ++i) {
      bool row_error = false;
      (void)bin_of(in[i], row_error);
      if (row_error && source.array().IsValid(i)) return OutOfRange(in[i]);
    }
  }
  return Datum(MakeArray(source.type(), rows, validity.bitmap, validity.null_count, {out.buffer}));
}

}  // namespace

void RegisterDateBinFunction(FunctionRegistry& registry) {
  ScalarFunction function;
  function.name = "date_bin";
  function.description = "date_bin(stride, source[, origin]): start of the bin holding source";
  TypeMatcher ts = TypeMatcher::TimestampNanos();
  for (DataType stride : {DataType::IntervalMonthDayNano(), DataType::Duration()}) {
    for (bool with_origin : {false, true}) {
      ScalarKernel kernel;
      kernel.inputs = {TypeMatcher::Exact(stride), ts};
      if (with_origin) kernel.inputs.push_back(ts);
      kernel.output = SameAsArgument(1);
      kernel.exec = ExecDateBin;
      function.kernels.push_back(std::move(kernel));
    }
  }
  registry.AddScalar(std::move(function));
}

}  // namespace function_internal
}  // namespace quiver
