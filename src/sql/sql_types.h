#pragma once

// Type names on the SQL surface: the SQL types of CAST / `::` / typed literals, the Arrow
// type strings of DataFusion's arrow_cast(), and DataFusion's display of Arrow types
// (what information_schema.columns.data_type and error messages show).

#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"
#include "types/data_type.h"

namespace quiver::sql {

// Maps an SQL type name, as libpg_query resolves it (lower case, `pg_catalog.` removed:
// "int4", "float8", "bool", "varchar", "text", "timestamp", "timestamptz", "interval"...;
// also "string", "double", "tinyint" and other unqualified names), to an Arrow type,
// following DataFusion's mapping: SMALLINT Int16, INT Int32, BIGINT Int64, REAL Float32,
// DOUBLE PRECISION / FLOAT Float64, VARCHAR/TEXT/CHAR/STRING Utf8, TIMESTAMP
// Timestamp(ns), TIMESTAMPTZ Timestamp(ns, "+00:00"), DATE Date32, BYTEA Binary,
// INTERVAL Interval(MonthDayNano). NUMERIC/DECIMAL map to Float64 (no decimal type yet).
// `precision` is the type modifier (TIMESTAMP(3) -> milliseconds), if any.
// nullopt for unknown names.
std::optional<DataType> DataTypeFromSqlName(std::string_view name, std::optional<int> precision = std::nullopt);

// Parses arrow_cast()'s type strings: "Int64", "UInt64", "Float64", "Utf8", "Boolean",
// "Timestamp(Nanosecond, None)", "Timestamp(Millisecond, Some(\"UTC\"))",
// "Dictionary(Int32, Utf8)", "Interval(MonthDayNano)", "Duration(Second)", "Date32"...
// InvalidArgument for anything else.
Result<DataType> DataTypeFromArrowName(std::string_view name);

// DataFusion's (arrow-rs) display of a type: "Int64", "Float64", "Utf8",
// "Timestamp(Nanosecond, None)", "Dictionary(Int32, Utf8)", "Interval(MonthDayNano)".
std::string DataFusionTypeName(const DataType& type);

}  // namespace quiver::sql
