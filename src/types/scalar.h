#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "types/data_type.h"

namespace quiver {

// An Arrow month-day-nano interval: calendar months and days kept apart from the exact
// nanosecond part, as SQL INTERVAL literals need ('1 month' is not a fixed duration).
struct MonthDayNano {
  int32_t months = 0;
  int32_t days = 0;
  int64_t nanos = 0;
  friend bool operator==(const MonthDayNano&, const MonthDayNano&) = default;
};

// A single typed value or a typed null: literals, parameters, constant-folded
// expressions, aggregate results. Cheap to copy except for long strings.
class Scalar {
 public:
  Scalar() = default;  // Null of type Null

  static Scalar Null(DataType type = DataType::Null());
  static Scalar Boolean(bool v);
  static Scalar Int64(int64_t v);
  static Scalar Int32(int32_t v);
  static Scalar UInt64(uint64_t v);
  static Scalar Float64(double v);
  static Scalar Utf8(std::string v);
  static Scalar Binary(std::string v);
  static Scalar Timestamp(int64_t v, TimeUnit unit = TimeUnit::kNano, std::string timezone = "");
  static Scalar Duration(int64_t v, TimeUnit unit = TimeUnit::kNano);
  static Scalar Interval(MonthDayNano v);
  // A dictionary-typed scalar holds its decoded value: type() is the dictionary type.
  static Scalar Dictionary(DataType dictionary_type, Scalar value);

  const DataType& type() const { return type_; }
  bool is_null() const { return is_null_; }
  bool is_valid() const { return !is_null_; }

  // Accessors; REQUIRES: valid and of a matching physical type (Int64 for Int64,
  // Timestamp, Duration; Int32 for Int32/Date32; Utf8/Binary for strings).
  bool bool_value() const { return bool_; }
  int64_t int64_value() const { return int64_; }
  uint64_t uint64_value() const { return uint64_; }
  double double_value() const { return double_; }
  const std::string& string_value() const { return string_; }
  MonthDayNano interval_value() const { return interval_; }

  // The same value with another type of the same physical layout (e.g. Int64 ->
  // Timestamp); used by casts that only relabel.
  Scalar WithType(DataType type) const;

  // SQL-ish text: NULL, true, 42, 1.5, 'text' (no quotes with `quote_strings` false),
  // 2024-06-01T12:00:00 for timestamps.
  std::string ToString(bool quote_strings = false) const;

  friend bool operator==(const Scalar& a, const Scalar& b);

 private:
  DataType type_;
  bool is_null_ = true;
  union {
    bool bool_;
    int64_t int64_;
    uint64_t uint64_;
    double double_ = 0;
  };
  MonthDayNano interval_;
  std::string string_;
};

}  // namespace quiver
