#pragma once

// The information_schema virtual tables, laid out as DataFusion's (so SHOW TABLES,
// SHOW COLUMNS and client tools see the same columns as with InfluxDB 3). The binder
// plans them as Scans of TableRef{schema: "information_schema", name}; db/ produces
// their rows with these schemas (one row per table / column / schema / setting).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "plan/table_info.h"
#include "types/schema.h"

namespace quiver {

inline constexpr std::string_view kDefaultCatalogName = "public";
inline constexpr std::string_view kInformationSchemaName = "information_schema";
inline constexpr std::string_view kUserTableSchemaName = "iox";
inline constexpr std::string_view kSystemSchemaName = "system";

// table_catalog, table_schema, table_name, table_type ("BASE TABLE" or "VIEW"), all Utf8.
SchemaPtr InformationSchemaTablesSchema();
// table_catalog, table_schema, table_name, column_name (Utf8), ordinal_position (UInt64,
// 0-based as in DataFusion), column_default (Utf8, null), is_nullable ("YES"/"NO"),
// data_type (DataFusion's type display, sql::DataFusionTypeName: "Dictionary(Int32, Utf8)",
// "Float64", "Timestamp(Nanosecond, None)"), character_maximum_length,
// character_octet_length, numeric_precision, numeric_precision_radix, numeric_scale,
// datetime_precision (UInt64, nullable), interval_type (Utf8, nullable).
SchemaPtr InformationSchemaColumnsSchema();
// catalog_name, schema_name, schema_owner, default_character_set_catalog,
// default_character_set_schema, default_character_set_name, sql_path (Utf8; all but the
// first two nullable).
SchemaPtr InformationSchemaSchemataSchema();
// name, value (nullable), description: the session settings (SHOW ALL).
SchemaPtr InformationSchemaDfSettingsSchema();
// table_catalog, table_schema, table_name, definition (nullable).
SchemaPtr InformationSchemaViewsSchema();

// The information_schema table names: "tables", "views", "columns", "df_settings",
// "schemata".
const std::vector<std::string>& InformationSchemaTableNames();
// The TableInfo the binder scans for information_schema.<name>; nullopt if unknown.
std::optional<TableInfo> InformationSchemaTable(std::string_view name);

}  // namespace quiver
