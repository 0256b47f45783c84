#include "sql/information_schema.h"

namespace quiver {

namespace {

Field Utf8(const char* name, bool nullable = false) { return Field(name, DataType::Utf8(), nullable); }
Field UInt64(const char* name, bool nullable = true) { return Field(name, DataType::UInt64(), nullable); }

}  // namespace

SchemaPtr InformationSchemaTablesSchema() {
  static const SchemaPtr schema = MakeSchema(
      {Utf8("table_catalog"), Utf8("table_schema"), Utf8("table_name"), Utf8("table_type")});
  return schema;
}

SchemaPtr InformationSchemaColumnsSchema() {
  static const SchemaPtr schema = MakeSchema({
      Utf8("table_catalog"),
      Utf8("table_schema"),
      Utf8("table_name"),
      Utf8("column_name"),
      UInt64("ordinal_position", /*nullable=*/false),
      Utf8("column_default", /*nullable=*/true),
      Utf8("is_nullable"),
      Utf8("data_type"),
      UInt64("character_maximum_length"),
      UInt64("character_octet_length"),
      UInt64("numeric_precision"),
      UInt64("numeric_precision_radix"),
      UInt64("numeric_scale"),
      UInt64("datetime_precision"),
      Utf8("interval_type", /*nullable=*/true),
  });
  return schema;
}

SchemaPtr InformationSchemaSchemataSchema() {
  static const SchemaPtr schema = MakeSchema({
      Utf8("catalog_name"),
      Utf8("schema_name"),
      Utf8("schema_owner", true),
      Utf8("default_character_set_catalog", true),
      Utf8("default_character_set_schema", true),
      Utf8("default_character_set_name", true),
      Utf8("sql_path", true),
  });
  return schema;
}

SchemaPtr InformationSchemaDfSettingsSchema() {
  static const SchemaPtr schema = MakeSchema({Utf8("name"), Utf8("value", true), Utf8("description")});
  return schema;
}

SchemaPtr InformationSchemaViewsSchema() {
  static const SchemaPtr schema = MakeSchema(
      {Utf8("table_catalog"), Utf8("table_schema"), Utf8("table_name"), Utf8("definition", true)});
  return schema;
}

const std::vector<std::string>& InformationSchemaTableNames() {
  static const std::vector<std::string> names = {"tables", "views", "columns", "df_settings", "schemata"};
  return names;
}

std::optional<TableInfo> InformationSchemaTable(std::string_view name) {
  SchemaPtr schema;
  if (name == "tables") {
    schema = InformationSchemaTablesSchema();
  } else if (name == "columns") {
    schema = InformationSchemaColumnsSchema();
  } else if (name == "schemata") {
    schema = InformationSchemaSchemataSchema();
  } else if (name == "df_settings") {
    schema = InformationSchemaDfSettingsSchema();
  } else if (name == "views") {
    schema = InformationSchemaViewsSchema();
  } else {
    return std::nullopt;
  }
  TableInfo info;
  info.ref.schema = std::string(kInformationSchemaName);
  info.ref.name = std::string(name);
  info.schema = schema;
  info.roles.assign(schema->num_fields(), ColumnRole::kField);
  return info;
}

}  // namespace quiver
