#include "sql/sql_types.h"

#include <cctype>
#include <utility>

#include "types/field.h"

namespace quiver::sql {

namespace {

std::optional<TimeUnit> UnitFromPrecision(std::optional<int> precision) {
  if (!precision) return TimeUnit::kNano;
  switch (*precision) {
    case 0: return TimeUnit::kSecond;
    case 3: return TimeUnit::kMilli;
    case 6: return TimeUnit::kMicro;
    case 9: return TimeUnit::kNano;
    default: return std::nullopt;
  }
}

const char* TimeUnitName(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::kSecond: return "Second";
    case TimeUnit::kMilli: return "Millisecond";
    case TimeUnit::kMicro: return "Microsecond";
    case TimeUnit::kNano: return "Nanosecond";
  }
  return "?";
}

std::optional<TimeUnit> TimeUnitFromName(std::string_view name) {
  if (name == "Second") return TimeUnit::kSecond;
  if (name == "Millisecond") return TimeUnit::kMilli;
  if (name == "Microsecond") return TimeUnit::kMicro;
  if (name == "Nanosecond") return TimeUnit::kNano;
  return std::nullopt;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// Splits "A, B" at the top-level comma (parentheses nest).
std::optional<std::pair<std::string_view, std::string_view>> SplitPair(std::string_view s) {
  int depth = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '(') ++depth;
    if (s[i] == ')') --depth;
    if (s[i] == ',' && depth == 0) return std::make_pair(Trim(s.substr(0, i)), Trim(s.substr(i + 1)));
  }
  return std::nullopt;
}

}  // namespace

std::optional<DataType> DataTypeFromSqlName(std::string_view name, std::optional<int> precision) {
  static const std::pair<const char*, TypeId> kSimple[] = {
      {"bool", TypeId::kBoolean},     {"boolean", TypeId::kBoolean},
      {"tinyint", TypeId::kInt8},     {"int1", TypeId::kInt8},
      {"int2", TypeId::kInt16},       {"smallint", TypeId::kInt16},
      {"int4", TypeId::kInt32},       {"int", TypeId::kInt32},
      {"integer", TypeId::kInt32},    {"int8", TypeId::kInt64},
      {"bigint", TypeId::kInt64},     {"float4", TypeId::kFloat32},
      {"real", TypeId::kFloat32},     {"float8", TypeId::kFloat64},
      {"double", TypeId::kFloat64},   {"float", TypeId::kFloat64},
      {"numeric", TypeId::kFloat64},  {"decimal", TypeId::kFloat64},
      {"text", TypeId::kUtf8},        {"varchar", TypeId::kUtf8},
      {"bpchar", TypeId::kUtf8},      {"char", TypeId::kUtf8},
      {"string", TypeId::kUtf8},      {"bytea", TypeId::kBinary},
      {"date", TypeId::kDate32},      {"interval", TypeId::kIntervalMonthDayNano},
  };
  for (const auto& [text, id] : kSimple) {
    if (name != text) continue;
    switch (id) {
      case TypeId::kBoolean: return DataType::Boolean();
      case TypeId::kInt8: return DataType::Int8();
      case TypeId::kInt16: return DataType::Int16();
      case TypeId::kInt32: return DataType::Int32();
      case TypeId::kInt64: return DataType::Int64();
      case TypeId::kFloat32: return DataType::Float32();
      case TypeId::kFloat64: return DataType::Float64();
      case TypeId::kUtf8: return DataType::Utf8();
      case TypeId::kBinary: return DataType::Binary();
      case TypeId::kDate32: return DataType::Date32();
      case TypeId::kIntervalMonthDayNano: return DataType::IntervalMonthDayNano();
      default: return std::nullopt;
    }
  }
  if (name == "timestamp" || name == "timestamptz") {
    std::optional<TimeUnit> unit = UnitFromPrecision(precision);
    if (!unit) return std::nullopt;
    return DataType::Timestamp(*unit, name == "timestamptz" ? "+00:00" : "");
  }
  return std::nullopt;
}

Result<DataType> DataTypeFromArrowName(std::string_view text) {
  std::string_view name = Trim(text);
  auto invalid = [&] {
    return Status::InvalidArgument("Unsupported type '{}'. Must be a supported arrow type name such as 'Int32' or "
                                   "'Timestamp(Nanosecond, None)'",
                                   text);
  };
  static const std::pair<const char*, TypeId> kSimple[] = {
      {"Null", TypeId::kNull},       {"Boolean", TypeId::kBoolean}, {"Int8", TypeId::kInt8},
      {"Int16", TypeId::kInt16},     {"Int32", TypeId::kInt32},     {"Int64", TypeId::kInt64},
      {"UInt8", TypeId::kUInt8},     {"UInt16", TypeId::kUInt16},   {"UInt32", TypeId::kUInt32},
      {"UInt64", TypeId::kUInt64},   {"Float32", TypeId::kFloat32}, {"Float64", TypeId::kFloat64},
      {"Utf8", TypeId::kUtf8},       {"LargeUtf8", TypeId::kUtf8},  {"Utf8View", TypeId::kUtf8},
      {"Binary", TypeId::kBinary},   {"Date32", TypeId::kDate32},
  };
  for (const auto& [type_name, id] : kSimple) {
    if (name != type_name) continue;
    switch (id) {
      case TypeId::kNull: return DataType::Null();
      case TypeId::kBoolean: return DataType::Boolean();
      case TypeId::kInt8: return DataType::Int8();
      case TypeId::kInt16: return DataType::Int16();
      case TypeId::kInt32: return DataType::Int32();
      case TypeId::kInt64: return DataType::Int64();
      case TypeId::kUInt8: return DataType::UInt8();
      case TypeId::kUInt16: return DataType::UInt16();
      case TypeId::kUInt32: return DataType::UInt32();
      case TypeId::kUInt64: return DataType::UInt64();
      case TypeId::kFloat32: return DataType::Float32();
      case TypeId::kFloat64: return DataType::Float64();
      case TypeId::kUtf8: return DataType::Utf8();
      case TypeId::kBinary: return DataType::Binary();
      case TypeId::kDate32: return DataType::Date32();
      default: break;
    }
  }
  size_t open = name.find('(');
  if (open == std::string_view::npos || name.back() != ')') return invalid();
  std::string_view head = Trim(name.substr(0, open));
  std::string_view inner = Trim(name.substr(open + 1, name.size() - open - 2));
  if (head == "Timestamp") {
    auto parts = SplitPair(inner);
    if (!parts) return invalid();
    std::optional<TimeUnit> unit = TimeUnitFromName(parts->first);
    if (!unit) return invalid();
    std::string_view zone = parts->second;
    if (zone == "None") return DataType::Timestamp(*unit);
    if (zone.size() > 8 && zone.substr(0, 6) == "Some(\"" && zone.substr(zone.size() - 2) == "\")") {
      return DataType::Timestamp(*unit, std::string(zone.substr(6, zone.size() - 8)));
    }
    return invalid();
  }
  if (head == "Duration") {
    std::optional<TimeUnit> unit = TimeUnitFromName(inner);
    if (!unit) return invalid();
    return DataType::Duration(*unit);
  }
  if (head == "Interval") {
    if (inner == "MonthDayNano") return DataType::IntervalMonthDayNano();
    return invalid();
  }
  if (head == "Dictionary") {
    auto parts = SplitPair(inner);
    if (!parts) return invalid();
    ASSIGN_OR_RETURN(DataType index, DataTypeFromArrowName(parts->first));
    ASSIGN_OR_RETURN(DataType value, DataTypeFromArrowName(parts->second));
    if (!index.is_integer()) return invalid();
    return DataType::Dictionary(index, value);
  }
  return invalid();
}

std::string DataFusionTypeName(const DataType& type) {
  switch (type.id()) {
    case TypeId::kNull: return "Null";
    case TypeId::kBoolean: return "Boolean";
    case TypeId::kInt8: return "Int8";
    case TypeId::kInt16: return "Int16";
    case TypeId::kInt32: return "Int32";
    case TypeId::kInt64: return "Int64";
    case TypeId::kUInt8: return "UInt8";
    case TypeId::kUInt16: return "UInt16";
    case TypeId::kUInt32: return "UInt32";
    case TypeId::kUInt64: return "UInt64";
    case TypeId::kFloat32: return "Float32";
    case TypeId::kFloat64: return "Float64";
    case TypeId::kUtf8: return "Utf8";
    case TypeId::kBinary: return "Binary";
    case TypeId::kDate32: return "Date32";
    case TypeId::kTimestamp:
      if (type.timezone().empty()) return std::string("Timestamp(") + TimeUnitName(type.unit()) + ", None)";
      return std::string("Timestamp(") + TimeUnitName(type.unit()) + ", Some(\"" + type.timezone() + "\"))";
    case TypeId::kDuration: return std::string("Duration(") + TimeUnitName(type.unit()) + ")";
    case TypeId::kIntervalMonthDayNano: return "Interval(MonthDayNano)";
    case TypeId::kDictionary:
      return "Dictionary(" + DataFusionTypeName(type.index_type()) + ", " +
             DataFusionTypeName(type.value_type()) + ")";
    case TypeId::kList:
      return "List(" + DataFusionTypeName(type.children()[0].type()) + ")";
    default: return type.ToString();
  }
}

}  // namespace quiver::sql
