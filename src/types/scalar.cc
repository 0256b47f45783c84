#include "types/scalar.h"

#include <cmath>
#include <cstring>

#include <fmt/format.h>

#include "base/time_format.h"

namespace quiver {

Scalar Scalar::Null(DataType type) {
  Scalar s;
  s.type_ = std::move(type);
  return s;
}

Scalar Scalar::Boolean(bool v) {
  Scalar s;
  s.type_ = DataType::Boolean();
  s.is_null_ = false;
  s.int64_ = 0;
  s.bool_ = v;
  return s;
}

Scalar Scalar::Int64(int64_t v) {
  Scalar s;
  s.type_ = DataType::Int64();
  s.is_null_ = false;
  s.int64_ = v;
  return s;
}

Scalar Scalar::Int32(int32_t v) {
  Scalar s = Int64(v);
  s.type_ = DataType::Int32();
  return s;
}

Scalar Scalar::UInt64(uint64_t v) {
  Scalar s;
  s.type_ = DataType::UInt64();
  s.is_null_ = false;
  s.uint64_ = v;
  return s;
}

Scalar Scalar::Float64(double v) {
  Scalar s;
  s.type_ = DataType::Float64();
  s.is_null_ = false;
  s.double_ = v;
  return s;
}

Scalar Scalar::Utf8(std::string v) {
  Scalar s;
  s.type_ = DataType::Utf8();
  s.is_null_ = false;
  s.string_ = std::move(v);
  return s;
}

Scalar Scalar::Binary(std::string v) {
  Scalar s = Utf8(std::move(v));
  s.type_ = DataType::Binary();
  return s;
}

Scalar Scalar::Timestamp(int64_t v, TimeUnit unit, std::string timezone) {
  Scalar s = Int64(v);
  s.type_ = DataType::Timestamp(unit, std::move(timezone));
  return s;
}

Scalar Scalar::Duration(int64_t v, TimeUnit unit) {
  Scalar s = Int64(v);
  s.type_ = DataType::Duration(unit);
  return s;
}

Scalar Scalar::Interval(MonthDayNano v) {
  Scalar s;
  s.type_ = DataType::IntervalMonthDayNano();
  s.is_null_ = false;
  s.int64_ = 0;
  s.interval_ = v;
  return s;
}

Scalar Scalar::Dictionary(DataType dictionary_type, Scalar value) {
  value.type_ = std::move(dictionary_type);
  return value;
}

Scalar Scalar::WithType(DataType type) const {
  Scalar s = *this;
  s.type_ = std::move(type);
  return s;
}

std::string Scalar::ToString(bool quote_strings) const {
  if (is_null_) return "NULL";
  const DataType& t = type_.id() == TypeId::kDictionary ? type_.value_type() : type_;
  switch (t.id()) {
    case TypeId::kBoolean: return bool_ ? "true" : "false";
    case TypeId::kInt8:
    case TypeId::kInt16:
    case TypeId::kInt32:
    case TypeId::kInt64: return fmt::format("{}", int64_);
    case TypeId::kUInt8:
    case TypeId::kUInt16:
    case TypeId::kUInt32:
    case TypeId::kUInt64: return fmt::format("{}", uint64_);
    case TypeId::kFloat32:
    case TypeId::kFloat64: return fmt::format("{}", double_);
    case TypeId::kUtf8:
    case TypeId::kBinary: {
      if (!quote_strings) return string_;
      std::string out = "'";
      for (char c : string_) {
        if (c == '\'') out += '\'';
        out += c;
      }
      return out + "'";
    }
    case TypeId::kTimestamp: return FormatTimestampNanos(int64_ * TimeUnitNanos(t.unit()));
    case TypeId::kDuration: return fmt::format("{}{}", int64_, TimeUnitSuffix(t.unit()));
    case TypeId::kDate32: return fmt::format("{}d", int64_);
    case TypeId::kIntervalMonthDayNano:
      return fmt::format("{} mons {} days {} ns", interval_.months, interval_.days, interval_.nanos);
    default: return fmt::format("<{}>", t.ToString());
  }
}

bool operator==(const Scalar& a, const Scalar& b) {
  if (!(a.type_ == b.type_) || a.is_null_ != b.is_null_) return false;
  if (a.is_null_) return true;
  const DataType& t = a.type_.id() == TypeId::kDictionary ? a.type_.value_type() : a.type_;
  switch (t.id()) {
    case TypeId::kBoolean: return a.bool_ == b.bool_;
    case TypeId::kFloat32:
    case TypeId::kFloat64:
      return a.double_ == b.double_ || (std::isnan(a.double_) && std::isnan(b.double_));
    case TypeId::kUtf8:
    case TypeId::kBinary: return a.string_ == b.string_;
    case TypeId::kIntervalMonthDayNano: return a.interval_ == b.interval_;
    case TypeId::kUInt8:
    case TypeId::kUInt16:
    case TypeId::kUInt32:
    case TypeId::kUInt64: return a.uint64_ == b.uint64_;
    default: return a.int64_ == b.int64_;
  }
}

}  // namespace quiver
