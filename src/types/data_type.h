#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace quiver {

class Field;

// Logical types in the Apache Arrow type system. Quiver's tables use only a few of them
// (tags: Dictionary(Int32, Utf8); fields: Float64, Int64, UInt64, Boolean, Utf8; time:
// Timestamp(ns)); the rest exist so results (e.g. Flight SQL metadata, intervals) and
// files written by other tools can be described.
enum class TypeId : uint8_t {
  kNull,
  kBoolean,
  kInt8,
  kInt16,
  kInt32,
  kInt64,
  kUInt8,
  kUInt16,
  kUInt32,
  kUInt64,
  kFloat32,
  kFloat64,
  kUtf8,
  kBinary,
  kDate32,
  kTimestamp,
  kDuration,
  kIntervalMonthDayNano,
  kDictionary,
  kList,
  kStruct,
  kDenseUnion,
  kMap,
};

enum class TimeUnit : uint8_t { kSecond, kMilli, kMicro, kNano };

// Nanoseconds per unit (1 for kNano).
int64_t TimeUnitNanos(TimeUnit unit);
const char* TimeUnitSuffix(TimeUnit unit);  // "s", "ms", "us", "ns"

// An immutable, cheaply copyable description of a type. Parametric parts (time unit and
// zone, dictionary index/value types, child fields) are stored with the type; nested
// details are shared between copies.
class DataType {
 public:
  DataType() = default;  // Null

  static DataType Null() { return DataType(TypeId::kNull); }
  static DataType Boolean() { return DataType(TypeId::kBoolean); }
  static DataType Int8() { return DataType(TypeId::kInt8); }
  static DataType Int16() { return DataType(TypeId::kInt16); }
  static DataType Int32() { return DataType(TypeId::kInt32); }
  static DataType Int64() { return DataType(TypeId::kInt64); }
  static DataType UInt8() { return DataType(TypeId::kUInt8); }
  static DataType UInt16() { return DataType(TypeId::kUInt16); }
  static DataType UInt32() { return DataType(TypeId::kUInt32); }
  static DataType UInt64() { return DataType(TypeId::kUInt64); }
  static DataType Float32() { return DataType(TypeId::kFloat32); }
  static DataType Float64() { return DataType(TypeId::kFloat64); }
  static DataType Utf8() { return DataType(TypeId::kUtf8); }
  static DataType Binary() { return DataType(TypeId::kBinary); }
  static DataType Date32() { return DataType(TypeId::kDate32); }
  static DataType Timestamp(TimeUnit unit = TimeUnit::kNano, std::string timezone = "");
  static DataType Duration(TimeUnit unit = TimeUnit::kNano);
  static DataType IntervalMonthDayNano() { return DataType(TypeId::kIntervalMonthDayNano); }
  // REQUIRES: index is a signed or unsigned integer type.
  static DataType Dictionary(DataType index, DataType value, bool ordered = false);
  // The tag type: Dictionary(Int32, Utf8).
  static DataType TagDictionary() { return Dictionary(Int32(), Utf8()); }
  static DataType List(Field item);
  static DataType Struct(std::vector<Field> fields);
  // type_codes[i] is the union type code of fields[i].
  static DataType DenseUnion(std::vector<Field> fields, std::vector<int8_t> type_codes);
  // `entries` is a non-nullable Struct field with exactly two children (key, value).
  static DataType Map(Field entries, bool keys_sorted = false);

  TypeId id() const { return id_; }

  // Timestamp, Duration.
  TimeUnit unit() const { return unit_; }
  // Timestamp; empty means no time zone ("naive" local-free timestamps, as Quiver's time).
  const std::string& timezone() const;

  // Dictionary.
  const DataType& index_type() const;
  const DataType& value_type() const;
  bool ordered() const { return flag_; }

  // List (one child), Struct, DenseUnion, Map (one child: entries).
  const std::vector<Field>& children() const;
  const std::vector<int8_t>& type_codes() const;  // DenseUnion
  bool keys_sorted() const { return flag_; }      // Map

  // Bits per value of the fixed-width value buffer (Boolean: 1, Int64: 64, Interval:
  // 128, Dictionary: its index width); 0 for variable-width and nested types.
  int bit_width() const;
  bool is_fixed_width() const { return bit_width() > 0 && id_ != TypeId::kDictionary; }
  bool is_integer() const;
  bool is_signed_integer() const;
  bool is_unsigned_integer() const;
  bool is_floating() const { return id_ == TypeId::kFloat32 || id_ == TypeId::kFloat64; }
  bool is_numeric() const { return is_integer() || is_floating(); }
  bool is_binary_like() const { return id_ == TypeId::kUtf8 || id_ == TypeId::kBinary; }
  bool is_nested() const;

  // Arrow-style text: "int64", "timestamp[ns]", "timestamp[ns, tz=UTC]",
  // "dictionary<values=string, indices=int32>", "list<item: string>", ...
  std::string ToString() const;

  friend bool operator==(const DataType& a, const DataType& b);

  struct Detail;  // Defined in data_type.cc.

 private:
  explicit DataType(TypeId id) : id_(id) {}

  TypeId id_ = TypeId::kNull;
  TimeUnit unit_ = TimeUnit::kNano;
  bool flag_ = false;
  std::shared_ptr<const Detail> detail_;
};

}  // namespace quiver
