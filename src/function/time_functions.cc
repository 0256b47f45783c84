// Time functions (UTC; time zones on timestamp types are labels only):
//   now() / current_timestamp() -> Timestamp(ns): KernelContext::query_time_nanos, the same
//     value for the whole query; current_date() -> Date32
//   date_trunc(unit, ts): microsecond, millisecond, second, minute, hour, day, week (starts
//     Monday), month, quarter, year (plurals and short forms accepted)
//   date_part(part, ts) / datepart / extract: year, quarter, month, week (ISO), day, hour,
//     minute, second, millisecond (seconds * 1000 + ms), microsecond, nanosecond, dow
//     (Sunday = 0), isodow (Monday = 1), doy, epoch (seconds, fractional). Result types
//     follow DataFusion: Float64 for epoch, Int64 for nanosecond, Int32 otherwise (so the
//     part must be a literal).
//   to_timestamp(x): Utf8 (RFC 3339, 'YYYY-MM-DD HH:MM:SS[.fff]', dates), Int64 seconds,
//     Float64 seconds, timestamps -> Timestamp(ns)
//   to_timestamp_seconds / _millis / _micros / _nanos(x): integers are in that unit ->
//     Timestamp(unit)
//   from_unixtime(seconds) -> Timestamp(s); to_unixtime(ts) -> Int64 seconds
//   make_date(year, month, day) -> Date32
#include <cmath>

#include "base/duration.h"
#include "base/time_format.h"
#include "function/fast_divide_internal.h"
#include "function/function_list_internal.h"
#include "function/kernel_internal.h"

namespace quiver {
namespace function_internal {
namespace {

int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

std::string NormalizeUnit(std::string_view text) {
  if (text.size() >= 2 && (text.front() == '\'' || text.front() == '"') &&
      text.back() == text.front()) {
    text = text.substr(1, text.size() - 2);
  }
  return AsciiLower(text);
}

// ---- calendar helpers --------------------------------------------------------------------

// Civil date of a day index, cached for runs of rows on the same day.
struct DayCache {
  int64_t day = INT64_MIN;
  CivilTime civil{};
  const CivilTime& Get(int64_t day_index) {
    if (day_index != day) {
      day = day_index;
      civil = ToCivil(day_index * kNanosPerDay);
    }
    return civil;
  }
};

bool IsLeap(int64_t year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

// Day of week, Monday = 1 .. Sunday = 7, of a day index (1970-01-01 was a Thursday).
int IsoWeekday(int64_t day_index) {
  int64_t r = (day_index + 3) % 7;
  if (r < 0) r += 7;
  return static_cast<int>(r) + 1;
}

int IsoWeeksInYear(int64_t year) {
  int jan1 = IsoWeekday(DaysFromCivil(year, 1, 1));
  return (jan1 == 4 || (jan1 == 3 && IsLeap(year))) ? 53 : 52;
}

int IsoWeek(int64_t day_index, const CivilTime& civil) {
  int64_t doy = day_index - DaysFromCivil(civil.year, 1, 1) + 1;
  int weekday = IsoWeekday(day_index);
  int64_t week = (doy - weekday + 10) / 7;
  if (week < 1) return IsoWeeksInYear(civil.year - 1);
  if (week > IsoWeeksInYear(civil.year)) return 1;
  return static_cast<int>(week);
}

// ---- date_part -----------------------------------------------------------------------------

enum class Part {
  kYear,
  kQuarter,
  kMonth,
  kWeek,
  kDay,
  kHour,
  kMinute,
  kSecond,
  kMillisecond,
  kMicrosecond,
  kNanosecond,
  kDow,
  kIsoDow,
  kDoy,
  kEpoch,
};

Result<Part> ParsePart(std::string_view text) {
  std::string name = NormalizeUnit(text);
  struct Entry {
    const char* name;
    Part part;
  };
  static const Entry kParts[] = {
      {"year", Part::kYear},
      {"years", Part::kYear},
      {"y", Part::kYear},
      {"yr", Part::kYear},
      {"yrs", Part::kYear},
      {"quarter", Part::kQuarter},
      {"qtr", Part::kQuarter},
      {"month", Part::kMonth},
      {"months", Part::kMonth},
      {"mon", Part::kMonth},
      {"mons", Part::kMonth},
      {"week", Part::kWeek},
      {"weeks", Part::kWeek},
      {"w", Part::kWeek},
      {"day", Part::kDay},
      {"days", Part::kDay},
      {"d", Part::kDay},
      {"hour", Part::kHour},
      {"hours", Part::kHour},
      {"h", Part::kHour},
      {"hr", Part::kHour},
      {"hrs", Part::kHour},
      {"minute", Part::kMinute},
      {"minutes", Part::kMinute},
      {"m", Part::kMinute},
      {"min", Part::kMinute},
      {"mins", Part::kMinute},
      {"second", Part::kSecond},
      {"seconds", Part::kSecond},
      {"s", Part::kSecond},
      {"sec", Part::kSecond},
      {"secs", Part::kSecond},
      {"millisecond", Part::kMillisecond},
      {"milliseconds", Part::kMillisecond},
      {"ms", Part::kMillisecond},
      {"msec", Part::kMillisecond},
      {"microsecond", Part::kMicrosecond},
      {"microseconds", Part::kMicrosecond},
      {"us", Part::kMicrosecond},
      {"usec", Part::kMicrosecond},
      {"nanosecond", Part::kNanosecond},
      {"nanoseconds", Part::kNanosecond},
      {"ns", Part::kNanosecond},
      {"nsec", Part::kNanosecond},
      {"dow", Part::kDow},
      {"isodow", Part::kIsoDow},
      {"doy", Part::kDoy},
      {"epoch", Part::kEpoch},
  };
  for (const Entry& entry : kParts) {
    if (name == entry.name) return entry.part;
  }
  return Status::InvalidArgument("date part '{}' not supported", text);
}

DataType PartType(Part part) {
  if (part == Part::kEpoch) return DataType::Float64();
  if (part == Part::kNanosecond) return DataType::Int64();
  return DataType::Int32();
}

Result<std::string> ConstantText(const Datum& d, const char* function, const char* what) {
  if (!d.is_scalar() || d.scalar().is_null()) {
    return Status::InvalidArgument("{} requires a constant, non-null {}", function, what);
  }
  return d.scalar().string_value();
}

// One part of a nanosecond timestamp.
template <Part kPart>
inline int64_t PartOf(int64_t ts, DayCache& cache) {
  int64_t day = FloorDiv(ts, kNanosPerDay);
  int64_t nanos_of_day = ts - day * kNanosPerDay;
  int64_t second_of_minute = (nanos_of_day / kNanosPerSecond) % 60;
  int64_t sub_second = nanos_of_day % kNanosPerSecond;
  if constexpr (kPart == Part::kHour) return nanos_of_day / kNanosPerHour;
  if constexpr (kPart == Part::kMinute) return (nanos_of_day / kNanosPerMinute) % 60;
  if constexpr (kPart == Part::kSecond) return second_of_minute;
  if constexpr (kPart == Part::kMillisecond)
    return second_of_minute * 1000 + sub_second / kNanosPerMilli;
  if constexpr (kPart == Part::kMicrosecond)
    return second_of_minute * 1000000 + sub_second / kNanosPerMicro;
  if constexpr (kPart == Part::kNanosecond) return second_of_minute * kNanosPerSecond + sub_second;
  if constexpr (kPart == Part::kDow) return IsoWeekday(day) % 7;
  if constexpr (kPart == Part::kIsoDow) return IsoWeekday(day);
  const CivilTime& civil = cache.Get(day);
  if constexpr (kPart == Part::kYear) return civil.year;
  if constexpr (kPart == Part::kQuarter) return (civil.month - 1) / 3 + 1;
  if constexpr (kPart == Part::kMonth) return civil.month;
  if constexpr (kPart == Part::kDay) return civil.day;
  if constexpr (kPart == Part::kDoy) return day - DaysFromCivil(civil.year, 1, 1) + 1;
  if constexpr (kPart == Part::kWeek) return IsoWeek(day, civil);
  return 0;
}

template <Part kPart, typename Out>
Result<Datum> ExtractPart(KernelContext& ctx, const Datum& ts, int64_t rows) {
  DayCache cache;
  return ExecUnary<Out, int64_t>(
      ctx, ts, rows, DefaultTypeFor<Out>(),
      [&cache](int64_t v, bool&) { return static_cast<Out>(PartOf<kPart>(v, cache)); },
      [](int64_t) { return Status::OK(); });
}

Result<Datum> ExecDatePart(KernelContext& ctx, std::span<const Datum> args, int64_t rows) {
  ASSIGN_OR_RETURN(std::string text, ConstantText(args[0], "date_part", "part"));
  ASSIGN_OR_RETURN(Part part, ParsePart(text));
  const Datum& ts = args[1];
  switch (part) {
    case Part::kYear:
      return ExtractPart<Part::kYear, int32_t>(ctx, ts, rows);
    case Part::kQuarter:
      return ExtractPart<Part::kQuarter, int32_t>(ctx, ts, rows);
    case Part::kMonth:
      return ExtractPart<Part::kMonth, int32_t>(ctx, ts, rows);
    case Part::kWeek:
      return ExtractPart<Part::kWeek, int32_t>(ctx, ts, rows);
    case Part::kDay:
      return ExtractPart<Part::kDay, int32_t>(ctx, ts, rows);
    case Part::kHour:
      return ExtractPart<Part::kHour, int32_t>(ctx, ts, rows);
    case Part::kMinute:
      return ExtractPart<Part::kMinute, int32_t>(ctx, ts, rows);
    case Part::kSecond:
      return ExtractPart<Part::kSecond, int32_t>(ctx, ts, rows);
    case Part::kMillisecond:
      return ExtractPart<Part::kMillisecond, int32_t>(ctx, ts, rows);
    case Part::kMicrosecond:
      return ExtractPart<Part::kMicrosecond, int32_t>(ctx, ts, rows);
    case Part::kNanosecond:
      return ExtractPart<Part::kNanosecond, int64_t>(ctx, ts, rows);
    case Part::kDow:
      return ExtractPart<Part::kDow, int32_t>(ctx, ts, rows);
    case Part::kIsoDow:
      return ExtractPart<Part::kIsoDow, int32_t>(ctx, ts, rows);
    case Part::kDoy:
      return ExtractPart<Part::kDoy, int32_t>(ctx, ts, rows);
    case Part::kEpoch:
      return ExecUnary<double, int64_t>(
          ctx, ts, rows, DataType::Float64(),
          [](int64_t v, bool&) { return static_cast<double>(v) / 1e9; },
          [](int64_t) { return Status::OK(); });
  }
  return Status::Internal("unreachable date part");
}

Result<DataType> DatePartType(std::span<const DataType>,
                              std::span<const std::optional<Scalar>> literals) {
  if (literals.empty() || !literals[0] || literals[0]->is_null()) {
    return Status::InvalidArgument("date_part requires a constant, non-null part");
  }
  ASSIGN_OR_RETURN(Part part, ParsePart(literals[0]->string_value()));
  return PartType(part);
}

// ---- date_trunc ----------------------------------------------------------------------------

enum class TruncUnit { kFixed, kWeek, kMonth, kQuarter, kYear };

Result<std::pair<TruncUnit, int64_t>> ParseTruncUnit(std::string_view text) {
  ASSIGN_OR_RETURN(Part part, ParsePart(text));
  switch (part) {
    case Part::kMicrosecond:
      return std::pair{TruncUnit::kFixed, kNanosPerMicro};
    case Part::kMillisecond:
      return std::pair{TruncUnit::kFixed, kNanosPerMilli};
    case Part::kSecond:
      return std::pair{TruncUnit::kFixed, kNanosPerSecond};
    case Part::kMinute:
      return std::pair{TruncUnit::kFixed, kNanosPerMinute};
    case Part::kHour:
      return std::pair{TruncUnit::kFixed, kNanosPerHour};
    case Part::kDay:
      return std::pair{TruncUnit::kFixed, kNanosPerDay};
    case Part::kWeek:
      return std::pair{TruncUnit::kWeek, int64_t{0}};
    case Part::kMonth:
      return std::pair{TruncUnit::kMonth, int64_t{0}};
    case Part::kQuarter:
      return std::pair{TruncUnit::kQuarter, int64_t{0}};
    case Part::kYear:
      return std::pair{TruncUnit::kYear, int64_t{0}};
    default:
      return Status::InvalidArgument("date_trunc unit '{}' not supported", text);
  }
}

Result<Datum> ExecDateTrunc(KernelContext& ctx, std::span<const Datum> args, int64_t rows) {
  ASSIGN_OR_RETURN(std::string text, ConstantText(args[0], "date_trunc", "unit"));
  ASSIGN_OR_RETURN(auto unit, ParseTruncUnit(text));
  const Datum& ts = args[1];
  auto overflow = [](int64_t v) {
    return Status::InvalidArgument("date_trunc out of range for {}", v);
  };
  if (unit.first == TruncUnit::kFixed) {
    FloorDivider divider(unit.second);
    int64_t width = unit.second;
    return ExecUnary<int64_t, int64_t>(
        ctx, ts, rows, ts.type(), [&](int64_t v, bool&) { return divider.Quotient(v) * width; },
        overflow);
  }
  if (unit.first == TruncUnit::kWeek) {
    return ExecUnary<int64_t, int64_t>(
        ctx, ts, rows, ts.type(),
        [](int64_t v, bool&) {
          int64_t day = FloorDiv(v, kNanosPerDay);
          return (day - (IsoWeekday(day) - 1)) * kNanosPerDay;
        },
        overflow);
  }
  DayCache cache;
  TruncUnit kind = unit.first;
  return ExecUnary<int64_t, int64_t>(
      ctx, ts, rows, ts.type(),
      [&cache, kind](int64_t v, bool& error) {
        int64_t day = FloorDiv(v, kNanosPerDay);
        const CivilTime& civil = cache.Get(day);
        int month = kind == TruncUnit::kYear      ? 1
                    : kind == TruncUnit::kQuarter ? ((civil.month - 1) / 3) * 3 + 1
                                                  : civil.month;
        int64_t result;
        error |= __builtin_mul_overflow(DaysFromCivil(civil.year, month, 1), kNanosPerDay, &result);
        return result;
      },
      overflow);
}

// ---- conversions ---------------------------------------------------------------------------

// Seconds (or another unit) as an integer -> `to_unit` ticks.
Result<Datum> ScaleInteger(KernelContext& ctx, const Datum& value, int64_t rows, int64_t multiplier,
                           const DataType& out) {
  return ExecUnary<int64_t, int64_t>(
      ctx, value, rows, out,
      [multiplier](int64_t v, bool& error) {
        int64_t r;
        error |= __builtin_mul_overflow(v, multiplier, &r);
        return r;
      },
      [](int64_t v) { return Status::InvalidArgument("timestamp out of range: {}", v); });
}

Result<Datum> FloatSeconds(KernelContext& ctx, const Datum& value, int64_t rows,
                           double ticks_per_second, const DataType& out) {
  return ExecUnary<int64_t, double>(
      ctx, value, rows, out,
      [ticks_per_second](double v, bool& error) -> int64_t {
        double ticks = v * ticks_per_second;
        bool ok = std::isfinite(ticks) && ticks >= -9.2233720368547758e18 &&
                  ticks < 9.2233720368547758e18;
        error |= !ok;
        return ok ? static_cast<int64_t>(ticks) : 0;
      },
      [](double v) { return Status::InvalidArgument("timestamp out of range: {}", v); });
}

Result<Datum> ParseTimestamps(KernelContext& ctx, const Datum& value, int64_t rows, TimeUnit unit) {
  DataType out = DataType::Timestamp(unit);
  int64_t ticks = TimeUnitNanos(unit);
  auto parse = [&](std::string_view text) -> Result<int64_t> {
    Result<int64_t> nanos = ParseTimestamp(text);
    if (!nanos.ok()) return Status::InvalidArgument("error parsing timestamp from '{}'", text);
    return FloorDiv(*nanos, ticks);
  };
  if (value.is_scalar()) {
    if (value.scalar().is_null()) return Datum(Scalar::Null(out));
    ASSIGN_OR_RETURN(int64_t v, parse(value.scalar().string_value()));
    return Datum(Scalar::Timestamp(v, unit));
  }
  const Array& array = value.array();
  const Datum args[] = {value};
  ASSIGN_OR_RETURN(OutputValidity validity, IntersectValidity(ctx.pool, args, rows));
  ASSIGN_OR_RETURN(MutableBuffer buffer, AllocateBuffer(ctx.pool, rows * 8));
  int64_t* dst = buffer.as<int64_t>();
  StringReader reader(array);
  const uint8_t* valid = validity.bitmap ? validity.bitmap->data() : nullptr;
  for (int64_t i = 0; i < rows; ++i) {
    dst[i] = 0;
    if (valid != nullptr && !bit_util::GetBit(valid, i)) continue;
    ASSIGN_OR_RETURN(dst[i], parse(reader[i]));
  }
  return Datum(MakeArray(out, rows, validity.bitmap, validity.null_count, {buffer.buffer}));
}

// Timestamps of any unit -> `unit` (floor when coarsening).
Result<Datum> ConvertTimestamp(KernelContext& ctx, const Datum& value, int64_t rows,
                               TimeUnit unit) {
  int64_t from = TimeUnitNanos(value.type().unit());
  int64_t to = TimeUnitNanos(unit);
  DataType out = DataType::Timestamp(unit, value.type().timezone());
  if (from >= to) return ScaleInteger(ctx, value, rows, from / to, out);
  int64_t divisor = to / from;
  return ExecUnary<int64_t, int64_t>(
      ctx, value, rows, out, [divisor](int64_t v, bool&) { return FloorDiv(v, divisor); },
      [](int64_t) { return Status::OK(); });
}

void AddToTimestamp(FunctionRegistry& registry, const char* name, TimeUnit unit,
                    bool integers_are_seconds, std::vector<std::string> aliases = {}) {
  ScalarFunction function;
  function.name = name;
  function.description = "convert to a timestamp";
  DataType out = DataType::Timestamp(unit);
  int64_t ticks = TimeUnitNanos(unit);
  auto kernel = [&](TypeMatcher input, OutputTypeResolver output, ScalarKernelExec exec) {
    ScalarKernel k;
    k.inputs = {std::move(input)};
    k.output = std::move(output);
    k.exec = std::move(exec);
    function.kernels.push_back(std::move(k));
  };
  kernel(TypeMatcher::AnyString(), FixedOutput(out),
         [unit](KernelContext& ctx, std::span<const Datum> a, int64_t n) {
           return ParseTimestamps(ctx, a[0], n, unit);
         });
  // Integers: seconds for to_timestamp, else already in the function's unit.
  int64_t multiplier = integers_are_seconds ? kNanosPerSecond / ticks : 1;
  kernel(TypeMatcher::Exact(DataType::Int64()), FixedOutput(out),
         [multiplier, out](KernelContext& ctx, std::span<const Datum> a, int64_t n) {
           return ScaleInteger(ctx, a[0], n, multiplier, out);
         });
  double per_second = static_cast<double>(kNanosPerSecond / ticks);
  kernel(TypeMatcher::Exact(DataType::Float64()), FixedOutput(out),
         [per_second, out](KernelContext& ctx, std::span<const Datum> a, int64_t n) {
           return FloatSeconds(ctx, a[0], n, per_second, out);
         });
  kernel(
      TypeMatcher::AnyTimestamp(),
      [unit](std::span<const DataType> types) -> Result<DataType> {
        return DataType::Timestamp(unit, types[0].timezone());
      },
      [unit](KernelContext& ctx, std::span<const Datum> a, int64_t n) {
        return ConvertTimestamp(ctx, a[0], n, unit);
      });
  registry.AddScalar(std::move(function), std::move(aliases));
}

Result<Datum> ExecMakeDate(KernelContext& ctx, std::span<const Datum> args, int64_t rows) {
  bool scalar = AllScalars(args);
  int64_t n = scalar ? 1 : rows;
  std::vector<Array> parts;
  for (const Datum& arg : args) {
    ASSIGN_OR_RETURN(Array a, ToArray(arg, n, ctx.pool));
    parts.push_back(std::move(a));
  }
  std::vector<Datum> part_datums(parts.begin(), parts.end());
  ASSIGN_OR_RETURN(OutputValidity validity, IntersectValidity(ctx.pool, part_datums, n));
  ASSIGN_OR_RETURN(MutableBuffer out, AllocateBuffer(ctx.pool, n * 4));
  int32_t* dst = out.as<int32_t>();
  const uint8_t* valid = validity.bitmap ? validity.bitmap->data() : nullptr;
  for (int64_t i = 0; i < n; ++i) {
    dst[i] = 0;
    if (valid != nullptr && !bit_util::GetBit(valid, i)) continue;
    int64_t year = ValuesOf<int64_t>(parts[0])[i];
    int64_t month = ValuesOf<int64_t>(parts[1])[i];
    int64_t day = ValuesOf<int64_t>(parts[2])[i];
    bool ok = month >= 1 && month <= 12 && day >= 1 && year > -1000000 && year < 1000000;
    if (ok) {
      static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
      int max_day = month == 2 && IsLeap(year) ? 29 : kDays[month - 1];
      ok = day <= max_day;
    }
    if (!ok)
      return Status::InvalidArgument("unable to parse date from {}, {}, {}", year, month, day);
    dst[i] =
        static_cast<int32_t>(DaysFromCivil(year, static_cast<int>(month), static_cast<int>(day)));
  }
  Array array =
      MakeArray(DataType::Date32(), n, validity.bitmap, validity.null_count, {out.buffer});
  if (scalar) {
    ASSIGN_OR_RETURN(Scalar s, ScalarAt(array, 0));
    return Datum(std::move(s));
  }
  return Datum(std::move(array));
}

ScalarKernel Kernel(std::vector<TypeMatcher> inputs, OutputTypeResolver output,
                    ScalarKernelExec exec) {
  ScalarKernel kernel;
  kernel.inputs = std::move(inputs);
  kernel.output = std::move(output);
  kernel.exec = std::move(exec);
  return kernel;
}

void Add(FunctionRegistry& registry, const char* name, const char* description,
         std::vector<ScalarKernel> kernels, std::vector<std::string> aliases = {}) {
  ScalarFunction function;
  function.name = name;
  function.description = description;
  function.kernels = std::move(kernels);
  registry.AddScalar(std::move(function), std::move(aliases));
}

}  // namespace

void RegisterTimeFunctions(FunctionRegistry& registry) {
  TypeMatcher str = TypeMatcher::AnyString();
  TypeMatcher ts = TypeMatcher::TimestampNanos();
  TypeMatcher i64 = TypeMatcher::Exact(DataType::Int64());

  Add(registry, "now", "the query's start time (the same for the whole query)",
      {Kernel({}, FixedOutput(DataType::Timestamp()),
              [](KernelContext& ctx, std::span<const Datum>, int64_t) -> Result<Datum> {
                return Datum(Scalar::Timestamp(ctx.query_time_nanos));
              })},
      {"current_timestamp"});
  Add(registry, "current_date", "the query's start date",
      {Kernel({}, FixedOutput(DataType::Date32()),
              [](KernelContext& ctx, std::span<const Datum>, int64_t) -> Result<Datum> {
                return Datum(Scalar::Int32(
                                 static_cast<int32_t>(FloorDiv(ctx.query_time_nanos, kNanosPerDay)))
                                 .WithType(DataType::Date32()));
              })},
      {"today"});

  ScalarKernel date_part = Kernel({str, ts}, FixedOutput(DataType::Int32()), ExecDatePart);
  date_part.literal_output = DatePartType;
  Add(registry, "date_part", "date_part(part, ts)", {date_part}, {"datepart", "extract"});
  Add(registry, "date_trunc", "date_trunc(unit, ts): ts truncated to the unit",
      {Kernel({str, ts}, SameAsArgument(1), ExecDateTrunc)}, {"datetrunc"});

  AddToTimestamp(registry, "to_timestamp", TimeUnit::kNano, true);
  AddToTimestamp(registry, "to_timestamp_seconds", TimeUnit::kSecond, false);
  AddToTimestamp(registry, "to_timestamp_millis", TimeUnit::kMilli, false);
  AddToTimestamp(registry, "to_timestamp_micros", TimeUnit::kMicro, false);
  AddToTimestamp(registry, "to_timestamp_nanos", TimeUnit::kNano, false);

  Add(registry, "from_unixtime", "seconds since the epoch -> Timestamp(s)",
      {Kernel({i64}, FixedOutput(DataType::Timestamp(TimeUnit::kSecond)),
              [](KernelContext& ctx, std::span<const Datum> a, int64_t n) {
                return ScaleInteger(ctx, a[0], n, 1, DataType::Timestamp(TimeUnit::kSecond));
              })});
  Add(registry, "to_unixtime", "timestamp -> Int64 seconds since the epoch",
      {Kernel({ts}, FixedOutput(DataType::Int64()),
              [](KernelContext& ctx, std::span<const Datum> a, int64_t n) {
                return ExecUnary<int64_t, int64_t>(
                    ctx, a[0], n, DataType::Int64(),
                    [](int64_t v, bool&) { return FloorDiv(v, kNanosPerSecond); },
                    [](int64_t) { return Status::OK(); });
              })});
  Add(registry, "make_date", "make_date(year, month, day) -> Date32",
      {Kernel({i64, i64, i64}, FixedOutput(DataType::Date32()), ExecMakeDate)});
}

}  // namespace function_internal
}  // namespace quiver
