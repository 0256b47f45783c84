// Explicit casts (CAST(x AS t), x::t) and the implicit casts resolution asks for.
//
// Supported (strict: a value that does not convert is an error naming it):
//   Null -> anything; Dictionary(*, V) -> anything V casts to (values cast once, then
//   gathered); anything castable to Utf8 -> Dictionary(Int32, Utf8);
//   numeric <-> numeric (range checked; float -> integer truncates toward zero, NaN and
//   infinities are errors); numeric <-> Boolean (non-zero is true);
//   anything -> Utf8 (timestamps as 2024-06-01T12:00:00[.fraction], Z appended for UTC
//   zones; floats as 1.5 / 1.0 / NaN / inf);
//   Utf8 -> numbers, Boolean ('true'/'false'/'t'/'f'/'1'/'0', any case), Timestamp
//   (RFC 3339, 'YYYY-MM-DD HH:MM:SS', plain dates), Date32, Interval ('1 hour'), Duration;
//   integers <-> Timestamp/Duration (raw value in the type's unit, no scaling);
//   Timestamp unit conversions (floor division when coarsening, overflow checked);
//   Timestamp <-> Date32; Duration unit conversions. Time zones are labels only: values
//   are UTC instants, so a zone change never changes the value.
#include <charconv>
#include <cmath>
#include <limits>
#include <utility>

#include <fmt/format.h>

#include "base/duration.h"
#include "base/time_format.h"
#include "function/function_registry.h"
#include "function/interval_text.h"
#include "function/kernel_internal.h"

namespace quiver {
namespace {

using namespace function_internal;  // NOLINT(google-build-using-namespace)

bool IsIntegerLike(const DataType& t) { return t.is_integer(); }
bool IsTemporalInt64(TypeId id) { return id == TypeId::kTimestamp || id == TypeId::kDuration; }
bool IsFormattable(const DataType& t) {
  switch (t.id()) {
    case TypeId::kBoolean:
    case TypeId::kUtf8:
    case TypeId::kBinary:
    case TypeId::kTimestamp:
    case TypeId::kDate32:
    case TypeId::kDuration:
    case TypeId::kIntervalMonthDayNano:
      return true;
    default:
      return t.is_numeric();
  }
}

Result<OutputValidity> SameValidity(const Array& in, MemoryPool* pool) {
  const Datum args[] = {Datum(in)};
  return IntersectValidity(pool, args, in.length());
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() &&
         (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

// ---- numeric -> numeric ----------------------------------------------------------------

template <typename From, typename To>
inline To ConvertNumber(From v, bool& error) {
  if constexpr (std::is_floating_point_v<To>) {
    return static_cast<To>(v);
  } else if constexpr (std::is_floating_point_v<From>) {
    // Bounds are powers of two, exact in double: [min, max + 1).
    constexpr double kLow =
        std::is_signed_v<To> ? static_cast<double>(std::numeric_limits<To>::min()) : 0.0;
    constexpr double kHigh = static_cast<double>(std::numeric_limits<To>::max()) + 1.0;
    double d = static_cast<double>(v);
    bool ok = (std::is_signed_v<To> ? d >= kLow : d > -1.0) && d < kHigh;
    error |= !ok;
    return ok ? static_cast<To>(d) : To{};
  } else {
    bool ok = std::in_range<To>(v);
    error |= !ok;
    return static_cast<To>(v);
  }
}

template <typename From, typename To>
Result<Array> CastNumericLoop(const Array& in, const DataType& to, MemoryPool* pool) {
  int64_t n = in.length();
  ASSIGN_OR_RETURN(OutputValidity validity, SameValidity(in, pool));
  ASSIGN_OR_RETURN(MutableBuffer out, AllocateBuffer(pool, n * static_cast<int64_t>(sizeof(To))));
  const From* src = ValuesOf<From>(in);
  To* dst = out.as<To>();
  bool error = false;
  for (int64_t i = 0; i < n; ++i) dst[i] = ConvertNumber<From, To>(src[i], error);
  if (error) {
    for (int64_t i = 0; i < n; ++i) {
      bool row_error = false;
      (void)ConvertNumber<From, To>(src[i], row_error);
      if (row_error && in.IsValid(i)) {
        return Status::InvalidArgument("cannot cast {} to {}: out of range", src[i], to.ToString());
      }
    }
  }
  return MakeArray(to, n, validity.bitmap, validity.null_count, {out.buffer});
}

Result<Array> CastNumeric(const Array& in, const DataType& to, MemoryPool* pool) {
  Result<Array> result = Status::Internal("unreachable numeric cast");
  VisitNumericType(in.type().id(), [&]<typename From>() {
    VisitNumericType(to.id(),
                     [&]<typename To>() { result = CastNumericLoop<From, To>(in, to, pool); });
  });
  return result;
}

// Integers (and int64-backed temporal types) relabelled as another int64-backed type.
Result<Array> Relabel(const Array& in, const DataType& to) {
  auto data = std::make_shared<ArrayData>(*in.data());
  data->type = to;
  return Array(std::move(data));
}

// Scales int64 values: multiply by `mul` (overflow checked) or floor-divide by `div`.
Result<Array> ScaleInt64(const Array& in, const DataType& to, int64_t mul, int64_t div,
                         MemoryPool* pool) {
  int64_t n = in.length();
  ASSIGN_OR_RETURN(OutputValidity validity, SameValidity(in, pool));
  ASSIGN_OR_RETURN(MutableBuffer out, AllocateBuffer(pool, n * 8));
  const int64_t* src = ValuesOf<int64_t>(in);
  int64_t* dst = out.as<int64_t>();
  if (div > 1) {
    for (int64_t i = 0; i < n; ++i) dst[i] = FloorDiv(src[i], div);
  } else {
    bool overflow = false;
    for (int64_t i = 0; i < n; ++i) overflow |= __builtin_mul_overflow(src[i], mul, &dst[i]);
    if (overflow) {
      for (int64_t i = 0; i < n; ++i) {
        int64_t ignored;
        if (in.IsValid(i) && __builtin_mul_overflow(src[i], mul, &ignored)) {
          return Status::InvalidArgument("cannot cast {} to {}: out of range", src[i],
                                         to.ToString());
        }
      }
    }
  }
  return MakeArray(to, n, validity.bitmap, validity.null_count, {out.buffer});
}

Result<Array> ChangeUnit(const Array& in, const DataType& to, MemoryPool* pool) {
  int64_t from_nanos = TimeUnitNanos(in.type().unit());
  int64_t to_nanos = TimeUnitNanos(to.unit());
  if (from_nanos == to_nanos) return Relabel(in, to);
  if (from_nanos > to_nanos) return ScaleInt64(in, to, from_nanos / to_nanos, 1, pool);
  return ScaleInt64(in, to, 1, to_nanos / from_nanos, pool);
}

// ---- Boolean <-> numeric ---------------------------------------------------------------

Result<Array> NumericToBoolean(const Array& in, MemoryPool* pool) {
  int64_t n = in.length();
  ASSIGN_OR_RETURN(OutputValidity validity, SameValidity(in, pool));
  ASSIGN_OR_RETURN(MutableBuffer bits, AllocateBitmap(pool, n));
  VisitNumericType(in.type().id(), [&]<typename T>() {
    const T* src = ValuesOf<T>(in);
    std::vector<uint8_t> bytes(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) bytes[i] = src[i] != T{0};
    PackBytesToBits(bytes.data(), n, bits.data);
  });
  return MakeBooleanArray(n, bits.buffer, validity);
}

Result<Array> BooleanToNumeric(const Array& in, const DataType& to, MemoryPool* pool) {
  int64_t n = in.length();
  ASSIGN_OR_RETURN(OutputValidity validity, SameValidity(in, pool));
  BooleanArray bools(in);
  Result<Array> result = Status::Internal("unreachable");
  VisitNumericType(to.id(), [&]<typename T>() {
    Result<MutableBuffer> out = AllocateBuffer(pool, n * static_cast<int64_t>(sizeof(T)));
    if (!out.ok()) {
      result = out.status();
      return;
    }
    T* dst = out->template as<T>();
    for (int64_t i = 0; i < n; ++i) dst[i] = bools.Value(i) ? T{1} : T{0};
    result = MakeArray(to, n, validity.bitmap, validity.null_count, {out->buffer});
  });
  return result;
}

// ---- -> Utf8 ---------------------------------------------------------------------------

bool IsUtcZone(const std::string& zone) {
  return zone == "UTC" || zone == "utc" || zone == "+00:00" || zone == "Z" || zone == "Etc/UTC";
}

std::string FormatDouble(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  std::string out = fmt::format("{}", v);
  if (out.find_first_of(".e") == std::string::npos) out += ".0";
  return out;
}

template <typename Format>
Result<Array> FormatEach(const Array& in, const DataType& to, MemoryPool* pool, Format format) {
  int64_t n = in.length();
  StringBuilder builder(to, pool);
  RETURN_NOT_OK(builder.Reserve(n, n * 8));
  std::string text;
  for (int64_t i = 0; i < n; ++i) {
    if (in.IsNull(i)) {
      RETURN_NOT_OK(builder.AppendNull());
      continue;
    }
    text.clear();
    format(i, text);
    RETURN_NOT_OK(builder.Append(text));
  }
  return builder.Finish();
}

Result<Array> CastToString(const Array& in, const DataType& to, MemoryPool* pool) {
  const DataType& from = in.type();
  switch (from.id()) {
    case TypeId::kUtf8:
    case TypeId::kBinary: {
      // Same layout: relabel.
      return Relabel(in, to);
    }
    case TypeId::kBoolean: {
      BooleanArray values(in);
      return FormatEach(in, to, pool, [&](int64_t i, std::string& out) {
        out = values.Value(i) ? "true" : "false";
      });
    }
    case TypeId::kFloat32:
    case TypeId::kFloat64: {
      bool is_f32 = from.id() == TypeId::kFloat32;
      return FormatEach(in, to, pool, [&](int64_t i, std::string& out) {
        out = is_f32 ? FormatDouble(ValuesOf<float>(in)[i]) : FormatDouble(ValuesOf<double>(in)[i]);
      });
    }
    case TypeId::kTimestamp: {
      const int64_t* values = ValuesOf<int64_t>(in);
      int64_t scale = TimeUnitNanos(from.unit());
      bool utc = IsUtcZone(from.timezone());
      return FormatEach(in, to, pool, [&](int64_t i, std::string& out) {
        int64_t nanos;
        if (__builtin_mul_overflow(values[i], scale, &nanos))
          nanos = values[i] < 0 ? INT64_MIN : INT64_MAX;
        out = utc ? FormatRfc3339(nanos) : FormatTimestampNanos(nanos);
      });
    }
    case TypeId::kDate32: {
      const int32_t* values = ValuesOf<int32_t>(in);
      return FormatEach(in, to, pool, [&](int64_t i, std::string& out) {
        CivilTime civil = ToCivil(static_cast<int64_t>(values[i]) * kNanosPerDay);
        out = fmt::format("{:04d}-{:02d}-{:02d}", civil.year, civil.month, civil.day);
      });
    }
    case TypeId::kDuration: {
      const int64_t* values = ValuesOf<int64_t>(in);
      int64_t scale = TimeUnitNanos(from.unit());
      return FormatEach(in, to, pool, [&](int64_t i, std::string& out) {
        int64_t nanos;
        if (__builtin_mul_overflow(values[i], scale, &nanos)) {
          out = fmt::format("{}{}", values[i], TimeUnitSuffix(from.unit()));
        } else {
          out = FormatDuration(nanos);
        }
      });
    }
    case TypeId::kIntervalMonthDayNano: {
      const MonthDayNano* values = ValuesOf<MonthDayNano>(in);
      return FormatEach(in, to, pool,
                        [&](int64_t i, std::string& out) { out = FormatInterval(values[i]); });
    }
    default:
      break;
  }
  Result<Array> result =
      Status::InvalidArgument("cannot cast {} to {}", from.ToString(), to.ToString());
  VisitNumericType(from.id(), [&]<typename T>() {
    const T* values = ValuesOf<T>(in);
    result = FormatEach(in, to, pool, [&](int64_t i, std::string& out) {
      char buffer[32];
      auto [end, ec] = std::to_chars(buffer, buffer + sizeof(buffer), values[i]);
      out.assign(buffer, end);
    });
  });
  return result;
}

// ---- Utf8 -> ----------------------------------------------------------------------------

Status CannotCast(std::string_view text, const DataType& to) {
  return Status::InvalidArgument("cannot cast '{}' to {}", text, to.ToString());
}

template <typename T>
bool ParseNumber(std::string_view text, T* out) {
  text = Trim(text);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty()) return false;
  if constexpr (std::is_floating_point_v<T>) {
    double value;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ptr != text.data() + text.size()) return false;
    if (ec == std::errc::result_out_of_range) {
      // Overflow to infinity / underflow to zero, like strtod.
      value = std::strtod(std::string(text).c_str(), nullptr);
    } else if (ec != std::errc()) {
      return false;
    }
    *out = static_cast<T>(value);
    return true;
  } else {
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
    return ec == std::errc() && ptr == text.data() + text.size();
  }
}

template <typename T>
Result<Array> ParseNumbers(const Array& in, const DataType& to, MemoryPool* pool) {
  int64_t n = in.length();
  ASSIGN_OR_RETURN(OutputValidity validity, SameValidity(in, pool));
  ASSIGN_OR_RETURN(MutableBuffer out, AllocateBuffer(pool, n * static_cast<int64_t>(sizeof(T))));
  T* dst = out.as<T>();
  StringArray strings(in);
  for (int64_t i = 0; i < n; ++i) {
    dst[i] = T{};
    if (in.IsNull(i)) continue;
    if (!ParseNumber<T>(strings.Value(i), &dst[i])) return CannotCast(strings.Value(i), to);
  }
  return MakeArray(to, n, validity.bitmap, validity.null_count, {out.buffer});
}

bool ParseBoolean(std::string_view text, bool* out) {
  std::string lower = AsciiLower(Trim(text));
  if (lower == "true" || lower == "t" || lower == "1") {
    *out = true;
    return true;
  }
  if (lower == "false" || lower == "f" || lower == "0") {
    *out = false;
    return true;
  }
  return false;
}

// Parses every valid string with `parse(text, T*) -> Status`.
template <typename T, typename Parse>
Result<Array> ParseEach(const Array& in, const DataType& to, MemoryPool* pool, Parse parse) {
  int64_t n = in.length();
  ASSIGN_OR_RETURN(OutputValidity validity, SameValidity(in, pool));
  ASSIGN_OR_RETURN(MutableBuffer out, AllocateBuffer(pool, n * static_cast<int64_t>(sizeof(T))));
  T* dst = out.as<T>();
  StringArray strings(in);
  for (int64_t i = 0; i < n; ++i) {
    dst[i] = T{};
    if (in.IsNull(i)) continue;
    RETURN_NOT_OK(parse(strings.Value(i), &dst[i]));
  }
  return MakeArray(to, n, validity.bitmap, validity.null_count, {out.buffer});
}

Result<Array> CastFromString(const Array& in, const DataType& to, MemoryPool* pool) {
  switch (to.id()) {
    case TypeId::kBoolean: {
      int64_t n = in.length();
      ASSIGN_OR_RETURN(OutputValidity validity, SameValidity(in, pool));
      std::vector<uint8_t> bytes(static_cast<size_t>(n), 0);
      StringArray strings(in);
      for (int64_t i = 0; i < n; ++i) {
        if (in.IsNull(i)) continue;
        bool value;
        if (!ParseBoolean(strings.Value(i), &value)) return CannotCast(strings.Value(i), to);
        bytes[i] = value;
      }
      ASSIGN_OR_RETURN(MutableBuffer bits, AllocateBitmap(pool, n));
      PackBytesToBits(bytes.data(), n, bits.data);
      return MakeBooleanArray(n, bits.buffer, validity);
    }
    case TypeId::kTimestamp: {
      int64_t unit = TimeUnitNanos(to.unit());
      return ParseEach<int64_t>(in, to, pool, [&](std::string_view text, int64_t* out) -> Status {
        Result<int64_t> nanos = ParseTimestamp(Trim(text));
        if (!nanos.ok()) return CannotCast(text, to);
        *out = FloorDiv(*nanos, unit);
        return Status::OK();
      });
    }
    case TypeId::kDate32:
      return ParseEach<int32_t>(in, to, pool, [&](std::string_view text, int32_t* out) -> Status {
        Result<int64_t> nanos = ParseTimestamp(Trim(text));
        if (!nanos.ok()) return CannotCast(text, to);
        *out = static_cast<int32_t>(FloorDiv(*nanos, kNanosPerDay));
        return Status::OK();
      });
    case TypeId::kIntervalMonthDayNano:
      return ParseEach<MonthDayNano>(in, to, pool,
                                     [&](std::string_view text, MonthDayNano* out) -> Status {
                                       Result<MonthDayNano> interval = ParseInterval(text);
                                       if (!interval.ok()) return CannotCast(text, to);
                                       *out = *interval;
                                       return Status::OK();
                                     });
    case TypeId::kDuration: {
      int64_t unit = TimeUnitNanos(to.unit());
      return ParseEach<int64_t>(in, to, pool, [&](std::string_view text, int64_t* out) -> Status {
        Result<int64_t> nanos = ParseDuration(Trim(text));
        if (!nanos.ok()) return CannotCast(text, to);
        *out = FloorDiv(*nanos, unit);
        return Status::OK();
      });
    }
    case TypeId::kUtf8:
    case TypeId::kBinary:
      return Relabel(in, to);
    default:
      break;
  }
  Result<Array> result =
      Status::InvalidArgument("cannot cast {} to {}", in.type().ToString(), to.ToString());
  VisitNumericType(to.id(), [&]<typename T>() {
    if constexpr (sizeof(T) == 8 || std::is_floating_point_v<T>) {
      result = ParseNumbers<T>(in, to, pool);
    } else {
      // Parse as 64-bit, then range-check into the narrow type.
      using Wide = std::conditional_t<std::is_signed_v<T>, int64_t, uint64_t>;
      DataType wide_type = std::is_signed_v<T> ? DataType::Int64() : DataType::UInt64();
      Result<Array> wide = ParseNumbers<Wide>(in, wide_type, pool);
      result = wide.ok() ? CastNumeric(*wide, to, pool) : wide;
    }
  });
  return result;
}

Result<Array> CastArray(const Array& in, const DataType& to, MemoryPool* pool);

Result<Array> CastDictionary(const Array& in, const DataType& to, MemoryPool* pool) {
  DictionaryArray dict(in);
  if (to.id() == TypeId::kDictionary) {
    if (to.index_type().id() != TypeId::kInt32) {
      return Status::NotImplemented("dictionaries with {} indices are not supported",
                                    to.index_type().ToString());
    }
    ASSIGN_OR_RETURN(Array values, CastArray(dict.dictionary(), to.value_type(), pool));
    auto data = std::make_shared<ArrayData>(*in.data());
    data->type = to;
    data->dictionary = values.data();
    return Array(std::move(data));
  }
  ASSIGN_OR_RETURN(Array values, CastArray(dict.dictionary(), to, pool));
  return GatherInt32(values, dict.raw_indices(), in.null_bitmap_data(), in.offset(), in.length(),
                     pool);
}

Result<Array> EncodeDictionary(const Array& in, const DataType& to, MemoryPool* pool) {
  if (to.index_type().id() != TypeId::kInt32 || to.value_type().id() != TypeId::kUtf8) {
    return Status::NotImplemented("cast to {} is not supported", to.ToString());
  }
  ASSIGN_OR_RETURN(Array strings, CastArray(in, DataType::Utf8(), pool));
  StringDictionaryBuilder builder(pool);
  RETURN_NOT_OK(builder.Reserve(strings.length()));
  StringArray values(strings);
  for (int64_t i = 0; i < strings.length(); ++i) {
    if (strings.IsNull(i)) {
      RETURN_NOT_OK(builder.AppendNull());
    } else {
      RETURN_NOT_OK(builder.Append(values.Value(i)));
    }
  }
  return builder.Finish();
}

Result<Array> CastArray(const Array& in, const DataType& to, MemoryPool* pool) {
  const DataType& from = in.type();
  if (from == to) return in;
  if (!CanCast(from, to)) {
    return Status::InvalidArgument("cannot cast {} to {}", from.ToString(), to.ToString());
  }
  int64_t n = in.length();
  if (from.id() == TypeId::kNull) return MakeNullArray(to, n);
  if (from.id() == TypeId::kDictionary) return CastDictionary(in, to, pool);
  if (to.id() == TypeId::kDictionary) return EncodeDictionary(in, to, pool);
  if (to.is_binary_like()) return CastToString(in, to, pool);
  if (from.is_binary_like()) return CastFromString(in, to, pool);
  if (from.is_numeric() && to.is_numeric()) return CastNumeric(in, to, pool);
  if (from.is_numeric() && to.id() == TypeId::kBoolean) return NumericToBoolean(in, pool);
  if (from.id() == TypeId::kBoolean && to.is_numeric()) return BooleanToNumeric(in, to, pool);
  // int64-backed temporal types.
  if (IsTemporalInt64(to.id()) && IsIntegerLike(from)) {
    if (from.id() == TypeId::kInt64) return Relabel(in, to);
    ASSIGN_OR_RETURN(Array wide, CastNumeric(in, DataType::Int64(), pool));
    return Relabel(wide, to);
  }
  if (IsTemporalInt64(from.id()) && IsIntegerLike(to)) {
    if (to.id() == TypeId::kInt64) return Relabel(in, to);
    return CastNumeric(Relabel(in, DataType::Int64()).ValueOrDie(), to, pool);
  }
  if (from.id() == to.id() && IsTemporalInt64(from.id())) return ChangeUnit(in, to, pool);
  if (from.id() == TypeId::kTimestamp && to.id() == TypeId::kDate32) {
    ASSIGN_OR_RETURN(Array nanos, ChangeUnit(in, DataType::Timestamp(TimeUnit::kNano), pool));
    ASSIGN_OR_RETURN(Array days, ScaleInt64(nanos, DataType::Int64(), 1, kNanosPerDay, pool));
    ASSIGN_OR_RETURN(Array narrow, CastNumeric(days, DataType::Int32(), pool));
    return Relabel(narrow, to);
  }
  if (from.id() == TypeId::kDate32 && to.id() == TypeId::kTimestamp) {
    ASSIGN_OR_RETURN(Array wide, CastNumeric(Relabel(in, DataType::Int32()).ValueOrDie(),
                                             DataType::Int64(), pool));
    ASSIGN_OR_RETURN(Array nanos,
                     ScaleInt64(wide, DataType::Timestamp(TimeUnit::kNano), kNanosPerDay, 1, pool));
    return ChangeUnit(nanos, to, pool);
  }
  return Status::InvalidArgument("cannot cast {} to {}", from.ToString(), to.ToString());
}

}  // namespace

bool CanCast(const DataType& from, const DataType& to) {
  if (from == to) return true;
  if (from.is_nested() || to.is_nested()) return false;
  if (from.id() == TypeId::kNull) return true;
  if (from.id() == TypeId::kDictionary) {
    if (to.id() == TypeId::kDictionary) return CanCast(from.value_type(), to.value_type());
    return CanCast(from.value_type(), to);
  }
  if (to.id() == TypeId::kDictionary) {
    return to.value_type().id() == TypeId::kUtf8 && CanCast(from, DataType::Utf8());
  }
  if (to.is_binary_like()) return IsFormattable(from);
  if (from.is_binary_like()) {
    return to.is_numeric() || to.id() == TypeId::kBoolean || to.id() == TypeId::kTimestamp ||
           to.id() == TypeId::kDate32 || to.id() == TypeId::kIntervalMonthDayNano ||
           to.id() == TypeId::kDuration;
  }
  if (from.is_numeric() && (to.is_numeric() || to.id() == TypeId::kBoolean)) return true;
  if (from.id() == TypeId::kBoolean && to.is_numeric()) return true;
  if (IsTemporalInt64(to.id()) && from.is_integer()) return true;
  if (IsTemporalInt64(from.id()) && to.is_integer()) return true;
  if (from.id() == to.id() && IsTemporalInt64(from.id())) return true;
  if (from.id() == TypeId::kTimestamp && to.id() == TypeId::kDate32) return true;
  if (from.id() == TypeId::kDate32 && to.id() == TypeId::kTimestamp) return true;
  return false;
}

Result<Datum> Cast(KernelContext& ctx, const Datum& value, const DataType& to) {
  if (value.type() == to) return value;
  if (value.is_scalar()) {
    ASSIGN_OR_RETURN(Scalar scalar, CastScalar(value.scalar(), to));
    return Datum(std::move(scalar));
  }
  ASSIGN_OR_RETURN(Array array, CastArray(value.array(), to, ctx.pool));
  return Datum(std::move(array));
}

Result<Scalar> CastScalar(const Scalar& value, const DataType& to) {
  if (value.type() == to) return value;
  if (!CanCast(value.type(), to)) {
    return Status::InvalidArgument("cannot cast {} to {}", value.type().ToString(), to.ToString());
  }
  if (value.is_null()) return Scalar::Null(to);
  ASSIGN_OR_RETURN(Array one, ArrayFromScalar(value, 1, DefaultMemoryPool()));
  ASSIGN_OR_RETURN(Array cast, CastArray(one, to, DefaultMemoryPool()));
  return ScalarAt(cast, 0);
}

}  // namespace quiver
