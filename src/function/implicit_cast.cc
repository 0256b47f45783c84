// Implicit conversions (coercion), DataFusion-like:
//
// ImplicitCastTarget(from, matcher) tries, in order, the types `from` may silently become
// and returns the first one the matcher accepts:
//   Null                -> the matcher's exact type, else Int64, Float64, Utf8, Boolean,
//                          Timestamp(ns), UInt64, Interval, Duration(ns)
//   Dictionary(*, V)    -> V, then V's own targets
//   Int8/16/32          -> Int64, Float64
//   UInt8/16/32         -> UInt64, Int64, Float64
//   Int64               -> Float64
//   UInt64              -> Int64 (checked at run time), Float64
//   Float32             -> Float64
//   Timestamp(u, tz)    -> Timestamp(ns, tz), Timestamp(ns)
//   Date32              -> Timestamp(ns)
//   Duration(u)         -> Duration(ns)
//   Utf8                -> Timestamp(ns) (RFC 3339 text), Interval ('1 hour')
// Numbers never become strings implicitly, and Boolean never becomes a number.
//
// CommonType(a, b), for operators (comparison, arithmetic) and for IN/COALESCE/GREATEST:
//   equal types                   -> that type
//   Null with T                   -> T
//   Dictionary(*, V) with T       -> CommonType(V, T)
//   any float with a number       -> Float64
//   signed with signed            -> Int64;  unsigned with unsigned -> UInt64
//   signed with unsigned          -> Int64 (comparisons have exact mixed kernels first)
//   number with Utf8              -> the number's 64-bit type ('5' = x compares numbers)
//   Timestamp with Timestamp/Date32/Utf8 -> Timestamp(ns, the first non-empty zone)
//   Date32 with Utf8              -> Date32
//   Boolean with Utf8             -> Boolean
//   Interval with Utf8            -> Interval;  Duration with Duration -> Duration(ns)
//   anything else                 -> none (a type error)
#include <vector>

#include "function/function_registry.h"

namespace quiver {
namespace {

void AppendTargets(const DataType& from, std::vector<DataType>* out) {
  switch (from.id()) {
    case TypeId::kNull:
      for (DataType t :
           {DataType::Int64(), DataType::Float64(), DataType::Utf8(), DataType::Boolean(),
            DataType::Timestamp(TimeUnit::kNano), DataType::UInt64(),
            DataType::IntervalMonthDayNano(), DataType::Duration(TimeUnit::kNano)}) {
        out->push_back(t);
      }
      break;
    case TypeId::kDictionary:
      out->push_back(from.value_type());
      AppendTargets(from.value_type(), out);
      break;
    case TypeId::kInt8:
    case TypeId::kInt16:
    case TypeId::kInt32:
      out->push_back(DataType::Int64());
      out->push_back(DataType::Float64());
      break;
    case TypeId::kUInt8:
    case TypeId::kUInt16:
    case TypeId::kUInt32:
      out->push_back(DataType::UInt64());
      out->push_back(DataType::Int64());
      out->push_back(DataType::Float64());
      break;
    case TypeId::kInt64:
      out->push_back(DataType::Float64());
      break;
    case TypeId::kUInt64:
      out->push_back(DataType::Int64());
      out->push_back(DataType::Float64());
      break;
    case TypeId::kFloat32:
      out->push_back(DataType::Float64());
      break;
    case TypeId::kTimestamp:
      out->push_back(DataType::Timestamp(TimeUnit::kNano, from.timezone()));
      out->push_back(DataType::Timestamp(TimeUnit::kNano));
      break;
    case TypeId::kDate32:
      out->push_back(DataType::Timestamp(TimeUnit::kNano));
      break;
    case TypeId::kDuration:
      out->push_back(DataType::Duration(TimeUnit::kNano));
      break;
    case TypeId::kUtf8:
      out->push_back(DataType::Timestamp(TimeUnit::kNano));
      out->push_back(DataType::IntervalMonthDayNano());
      break;
    default:
      break;
  }
}

DataType Widen64(const DataType& t) {
  if (t.is_floating()) return DataType::Float64();
  if (t.is_unsigned_integer()) return DataType::UInt64();
  return DataType::Int64();
}

std::string_view PickZone(const DataType& a, const DataType& b) {
  if (a.id() == TypeId::kTimestamp && !a.timezone().empty()) return a.timezone();
  if (b.id() == TypeId::kTimestamp) return b.timezone();
  return "";
}

}  // namespace

std::optional<DataType> ImplicitCastTarget(const DataType& from, const TypeMatcher& matcher) {
  if (from.id() == TypeId::kNull && matcher.exact_type()) return *matcher.exact_type();
  std::vector<DataType> targets;
  AppendTargets(from, &targets);
  for (const DataType& target : targets) {
    if (matcher.Matches(target)) return target;
  }
  return std::nullopt;
}

std::optional<DataType> CommonType(const DataType& a, const DataType& b) {
  if (a == b) return a;
  if (a.id() == TypeId::kNull) return b;
  if (b.id() == TypeId::kNull) return a;
  if (a.id() == TypeId::kDictionary) return CommonType(a.value_type(), b);
  if (b.id() == TypeId::kDictionary) return CommonType(a, b.value_type());
  if (a.is_numeric() && b.is_numeric()) {
    if (a.is_floating() || b.is_floating()) return DataType::Float64();
    if (a.is_unsigned_integer() && b.is_unsigned_integer()) return DataType::UInt64();
    return DataType::Int64();
  }
  TypeId x = a.id(), y = b.id();
  if (a.is_numeric() && y == TypeId::kUtf8) return Widen64(a);
  if (b.is_numeric() && x == TypeId::kUtf8) return Widen64(b);
  auto is_time_like = [](TypeId id) {
    return id == TypeId::kTimestamp || id == TypeId::kDate32 || id == TypeId::kUtf8;
  };
  if ((x == TypeId::kTimestamp && is_time_like(y)) ||
      (y == TypeId::kTimestamp && is_time_like(x))) {
    return DataType::Timestamp(TimeUnit::kNano, std::string(PickZone(a, b)));
  }
  if ((x == TypeId::kDate32 && y == TypeId::kUtf8) ||
      (y == TypeId::kDate32 && x == TypeId::kUtf8)) {
    return DataType::Date32();
  }
  if ((x == TypeId::kBoolean && y == TypeId::kUtf8) ||
      (y == TypeId::kBoolean && x == TypeId::kUtf8)) {
    return DataType::Boolean();
  }
  if ((x == TypeId::kIntervalMonthDayNano && y == TypeId::kUtf8) ||
      (y == TypeId::kIntervalMonthDayNano && x == TypeId::kUtf8)) {
    return DataType::IntervalMonthDayNano();
  }
  if (x == TypeId::kDuration && y == TypeId::kDuration) return DataType::Duration(TimeUnit::kNano);
  if ((x == TypeId::kUtf8 && y == TypeId::kBinary) ||
      (x == TypeId::kBinary && y == TypeId::kUtf8)) {
    return DataType::Binary();
  }
  return std::nullopt;
}

}  // namespace quiver
