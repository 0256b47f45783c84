#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "types/data_type.h"

namespace quiver {

// The InfluxDB data model: every table column is a tag, a typed field, or `time`.
enum class ColumnRole : uint8_t { kTag, kField, kTime };

enum class FieldType : uint8_t { kFloat, kInteger, kUInteger, kString, kBoolean };

// A column's role plus, for fields, its value type. Comparable; the catalog stores it.
struct ColumnType {
  ColumnRole role = ColumnRole::kField;
  FieldType field_type = FieldType::kFloat;  // Meaningful only when role == kField.

  static constexpr ColumnType Tag() { return {ColumnRole::kTag, FieldType::kFloat}; }
  static constexpr ColumnType Time() { return {ColumnRole::kTime, FieldType::kFloat}; }
  static constexpr ColumnType OfField(FieldType type) { return {ColumnRole::kField, type}; }

  friend bool operator==(ColumnType a, ColumnType b) {
    return a.role == b.role && (a.role != ColumnRole::kField || a.field_type == b.field_type);
  }
};

inline constexpr std::string_view kTimeColumnName = "time";
// Field metadata key holding IoxColumnTypeName() (as InfluxDB 3 writes in Parquet).
inline constexpr std::string_view kColumnTypeMetadataKey = "iox::column::type";
// Schema metadata key holding the table (measurement) name.
inline constexpr std::string_view kMeasurementMetadataKey = "iox::measurement::name";

// The Arrow type a column of this kind has in Quiver's tables: tags Dictionary(Int32,
// Utf8), floats Float64, integers Int64, unsigned UInt64, strings Utf8, booleans Boolean,
// time Timestamp(ns, no zone).
DataType ArrowTypeOf(ColumnType type);

// "iox::column_type::tag", "iox::column_type::field::float" | integer | uinteger |
// string | boolean, "iox::column_type::timestamp" (the strings InfluxDB 3 uses in error
// messages and Parquet metadata).
std::string_view IoxColumnTypeName(ColumnType type);
std::optional<ColumnType> ParseIoxColumnTypeName(std::string_view name);

// InfluxQL's names for field types: float, integer, unsigned, string, boolean.
std::string_view InfluxQLFieldTypeName(FieldType type);

// The field type of an Arrow type, if it is one of the five field types.
std::optional<FieldType> FieldTypeOf(const DataType& type);

}  // namespace quiver
