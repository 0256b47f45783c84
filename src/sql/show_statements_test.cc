#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sql/fake_schema_provider_for_test.h"
#include "sql/information_schema.h"
#include "sql/sql_types.h"
#include "testing/status_matchers.h"

namespace quiver::sql {
namespace {

constexpr const char* kScanColumns =
    "TableScan: information_schema.columns projection=[table_catalog, table_schema, table_name, column_name, "
    "ordinal_position, column_default, is_nullable, data_type, character_maximum_length, character_octet_length, "
    "numeric_precision, numeric_precision_radix, numeric_scale, datetime_precision, interval_type]\n";

TEST(ShowStatementsTest, ShowTables) {
  EXPECT_EQ(PlanText("SHOW TABLES"),
            "Sort: table_catalog ASC NULLS LAST, table_schema ASC NULLS LAST, table_name ASC NULLS LAST\n"
            "  Projection: table_catalog, table_schema, table_name, table_type\n"
            "    TableScan: information_schema.tables projection=[table_catalog, table_schema, table_name, "
            "table_type]\n");
  FakeSchemaProvider schemas;
  ASSERT_OK_AND_ASSIGN(BoundStatement bound, PlanSql("show tables;", schemas, {}));
  EXPECT_EQ(bound.kind, BoundStatement::Kind::kQuery);
  EXPECT_EQ(*bound.plan->schema(), *InformationSchemaTablesSchema());
}

TEST(ShowStatementsTest, ShowColumns) {
  const std::string expected =
      std::string("Projection: table_catalog, table_schema, table_name, column_name, data_type, is_nullable\n") +
      "  Sort: information_schema.columns.ordinal_position ASC NULLS LAST\n"
      "    Projection: table_catalog, table_schema, table_name, column_name, data_type, is_nullable, "
      "ordinal_position AS information_schema.columns.ordinal_position\n"
      "      Filter: table_catalog = 'public' AND table_schema = 'iox' AND table_name = 'cpu'\n"
      "        " +
      kScanColumns;
  EXPECT_EQ(PlanText("SHOW COLUMNS FROM cpu"), expected);
  EXPECT_EQ(PlanText("SHOW COLUMNS IN iox.cpu"), expected);
  EXPECT_EQ(PlanText("show columns from public.iox.CPU;"), expected);
  FakeSchemaProvider schemas;
  ASSERT_OK_AND_ASSIGN(BoundStatement bound, PlanSql("SHOW COLUMNS FROM \"Quoted Name\"", schemas, {}));
  EXPECT_THAT(bound.plan->ToString(), ::testing::HasSubstr("table_name = 'Quoted Name'"));
  const Schema& schema = *bound.plan->schema();
  ASSERT_EQ(schema.num_fields(), 6);
  EXPECT_EQ(schema.field(3).name(), "column_name");
  EXPECT_EQ(schema.field(4).name(), "data_type");
  EXPECT_EQ(schema.field(5).name(), "is_nullable");

  ASSERT_OK_AND_ASSIGN(bound, PlanSql("SHOW FULL COLUMNS FROM system.queries", schemas, {}));
  EXPECT_EQ(bound.plan->schema()->num_fields(), InformationSchemaColumnsSchema()->num_fields());
  EXPECT_THAT(bound.plan->ToString(), ::testing::HasSubstr("table_schema = 'system' AND table_name = 'queries'"));
}

TEST(ShowStatementsTest, ShowColumnsOfUnknownTable) {
  Status status = PlanStatus("SHOW COLUMNS FROM cpu2");
  EXPECT_TRUE(status.IsInvalidArgument());
  EXPECT_EQ(status.message(), "Error during planning: table 'public.iox.cpu2' not found");
  EXPECT_EQ(PlanStatus("SHOW COLUMNS FROM nope.cpu").message(),
            "Error during planning: table 'public.nope.cpu' not found");
}

TEST(ShowStatementsTest, ShowVariables) {
  EXPECT_EQ(PlanText("SHOW ALL"),
            "Sort: name ASC NULLS LAST\n"
            "  Projection: name, value\n"
            "    TableScan: information_schema.df_settings projection=[name, value, description]\n");
  EXPECT_EQ(PlanText("SHOW datafusion.execution.batch_size"),
            "Sort: name ASC NULLS LAST\n"
            "  Projection: name, value\n"
            "    Filter: name = 'datafusion.execution.batch_size'\n"
            "      TableScan: information_schema.df_settings projection=[name, value, description]\n");
  EXPECT_THAT(PlanText("SHOW TIME ZONE"), ::testing::HasSubstr("name = 'datafusion.execution.time_zone'"));
}

TEST(ShowStatementsTest, InformationSchemaTables) {
  for (const std::string& name : InformationSchemaTableNames()) {
    std::optional<TableInfo> info = InformationSchemaTable(name);
    ASSERT_TRUE(info.has_value()) << name;
    EXPECT_EQ(info->ref.schema, "information_schema");
    EXPECT_EQ(info->ref.name, name);
    EXPECT_EQ(info->roles.size(), static_cast<size_t>(info->schema->num_fields()));
    EXPECT_EQ(info->time_column(), -1);
    EXPECT_OK(PlanStatus("SELECT * FROM information_schema." + name));
  }
  EXPECT_FALSE(InformationSchemaTable("nope").has_value());
  EXPECT_EQ(InformationSchemaColumnsSchema()->field(4).type(), DataType::UInt64());
  EXPECT_EQ(PlanStatus("SELECT * FROM information_schema.nope").message(),
            "Error during planning: table 'public.information_schema.nope' not found");
}

TEST(ShowStatementsTest, DataFusionTypeNames) {
  EXPECT_EQ(DataFusionTypeName(DataType::TagDictionary()), "Dictionary(Int32, Utf8)");
  EXPECT_EQ(DataFusionTypeName(DataType::Float64()), "Float64");
  EXPECT_EQ(DataFusionTypeName(DataType::Int64()), "Int64");
  EXPECT_EQ(DataFusionTypeName(DataType::UInt64()), "UInt64");
  EXPECT_EQ(DataFusionTypeName(DataType::Boolean()), "Boolean");
  EXPECT_EQ(DataFusionTypeName(DataType::Utf8()), "Utf8");
  EXPECT_EQ(DataFusionTypeName(DataType::Timestamp()), "Timestamp(Nanosecond, None)");
  EXPECT_EQ(DataFusionTypeName(DataType::Timestamp(TimeUnit::kMilli, "UTC")), "Timestamp(Millisecond, Some(\"UTC\"))");
  EXPECT_EQ(DataFusionTypeName(DataType::IntervalMonthDayNano()), "Interval(MonthDayNano)");
  for (const DataType& type : {DataType::TagDictionary(), DataType::Float64(), DataType::Timestamp(),
                               DataType::Timestamp(TimeUnit::kSecond, "+00:00"), DataType::UInt64(),
                               DataType::IntervalMonthDayNano(), DataType::Duration(TimeUnit::kMicro)}) {
    ASSERT_OK_AND_ASSIGN(DataType parsed, DataTypeFromArrowName(DataFusionTypeName(type)));
    EXPECT_EQ(parsed, type) << DataFusionTypeName(type);
  }
  EXPECT_FALSE(DataTypeFromArrowName("Timestamp(Nanosecond)").ok());
  EXPECT_FALSE(DataTypeFromArrowName("Dictionary(Utf8, Utf8)").ok());
}

TEST(ShowStatementsTest, SqlTypeNames) {
  EXPECT_EQ(DataTypeFromSqlName("int8"), DataType::Int64());
  EXPECT_EQ(DataTypeFromSqlName("int4"), DataType::Int32());
  EXPECT_EQ(DataTypeFromSqlName("float8"), DataType::Float64());
  EXPECT_EQ(DataTypeFromSqlName("varchar"), DataType::Utf8());
  EXPECT_EQ(DataTypeFromSqlName("timestamp"), DataType::Timestamp());
  EXPECT_EQ(DataTypeFromSqlName("timestamp", 6), DataType::Timestamp(TimeUnit::kMicro));
  EXPECT_EQ(DataTypeFromSqlName("timestamptz"), DataType::Timestamp(TimeUnit::kNano, "+00:00"));
  EXPECT_FALSE(DataTypeFromSqlName("timestamp", 4).has_value());
  EXPECT_FALSE(DataTypeFromSqlName("geometry").has_value());
}

}  // namespace
}  // namespace quiver::sql
