#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sql/fake_schema_provider_for_test.h"
#include "testing/status_matchers.h"

namespace quiver::sql {
namespace {

using ::testing::HasSubstr;

// The first line of the plan (the Projection or Filter under test).
std::string Top(std::string_view sql, const std::map<std::string, Scalar>& params = {}) {
  std::string text = PlanText(sql, params);
  return text.substr(0, text.find('\n'));
}

// The Filter line of "SELECT hostname FROM cpu WHERE <predicate>".
std::string Where(std::string_view predicate) {
  std::string text = PlanText("SELECT hostname FROM cpu WHERE " + std::string(predicate));
  size_t begin = text.find("Filter: ");
  if (begin == std::string::npos) return text;
  return text.substr(begin + 8, text.find('\n', begin) - begin - 8);
}

// The output schema of a query.
SchemaPtr OutputSchema(std::string_view sql) {
  FakeSchemaProvider schemas;
  Result<BoundStatement> bound = PlanSql(sql, schemas, {});
  EXPECT_TRUE(bound.ok()) << bound.status().ToString();
  return bound.ok() ? bound->plan->schema() : MakeSchema({});
}

TEST(BindExpressionTest, ArithmeticAndDataFusionNames) {
  EXPECT_EQ(Top("SELECT usage_user + 1, -usage_user, usage_user * 2 / 3, usage_idle % 7, usage_idle - 1 FROM cpu"),
            "Projection: usage_user + 1 AS cpu.usage_user + Int64(1), -usage_user AS (- cpu.usage_user), "
            "usage_user * 2 / 3 AS cpu.usage_user * Int64(2) / Int64(3), usage_idle % 7 AS cpu.usage_idle % Int64(7), "
            "usage_idle - 1 AS cpu.usage_idle - Int64(1)");
  SchemaPtr schema = OutputSchema("SELECT usage_idle + 1, usage_idle + 1.5, usage_idle / 2 FROM cpu");
  EXPECT_EQ(schema->field(0).type(), DataType::Int64());
  EXPECT_EQ(schema->field(1).type(), DataType::Float64());
  EXPECT_EQ(schema->field(0).name(), "cpu.usage_idle + Int64(1)");
  EXPECT_EQ(schema->field(1).name(), "cpu.usage_idle + Float64(1.5)");
  // Qualifiers follow the FROM clause as written.
  EXPECT_EQ(OutputSchema("SELECT usage_idle + 1 FROM iox.cpu")->field(0).name(), "iox.cpu.usage_idle + Int64(1)");
  EXPECT_EQ(OutputSchema("SELECT usage_idle + 1 FROM cpu AS c")->field(0).name(), "c.usage_idle + Int64(1)");
}

TEST(BindExpressionTest, Comparisons) {
  EXPECT_EQ(Where("usage_user = 1 AND usage_user <> 2 AND usage_user != 3 AND usage_user < 4 AND "
                  "usage_user <= 5 AND usage_user > 6 AND usage_user >= 7"),
            "usage_user = 1 AND usage_user <> 2 AND usage_user <> 3 AND usage_user < 4 AND usage_user <= 5 AND "
            "usage_user > 6 AND usage_user >= 7");
  EXPECT_EQ(Where("usage_idle > usage_user"), "CAST(usage_idle AS double) > usage_user");
  EXPECT_EQ(Where("hostname IS DISTINCT FROM region AND usage_user IS NOT DISTINCT FROM 1"),
            "hostname IS DISTINCT FROM region AND usage_user IS NOT DISTINCT FROM 1");
}

TEST(BindExpressionTest, LogicalOperatorsAndTests) {
  EXPECT_EQ(Where("NOT (usage_user > 1) OR hostname = 'a' AND region = 'b'"),
            "NOT usage_user > 1 OR hostname = 'a' AND region = 'b'");
  EXPECT_EQ(Where("region IS NULL AND usage_user IS NOT NULL"), "region IS NULL AND usage_user IS NOT NULL");
  EXPECT_EQ(Where("(usage_user > 1) IS TRUE AND (usage_user > 1) IS NOT TRUE AND (usage_user > 1) IS FALSE AND "
                  "(usage_user > 1) IS NOT FALSE"),
            "is_true(usage_user > 1) AND NOT is_true(usage_user > 1) AND is_false(usage_user > 1) AND NOT "
            "is_false(usage_user > 1)");
  EXPECT_EQ(Where("(usage_user > 1) IS UNKNOWN AND (usage_user > 1) IS NOT UNKNOWN"),
            "usage_user > 1 IS NULL AND usage_user > 1 IS NOT NULL");
  // A NULL operand of AND is a Boolean NULL.
  EXPECT_EQ(Where("NULL AND true"), "NULL AND true");
}

TEST(BindExpressionTest, InListAndBetween) {
  EXPECT_EQ(Where("hostname IN ('a', 'b') AND region NOT IN ('x')"),
            "hostname IN ('a', 'b') AND NOT region IN ('x')");
  EXPECT_EQ(Where("usage_user BETWEEN 1 AND 2"), "usage_user >= 1 AND usage_user <= 2");
  EXPECT_EQ(Where("usage_idle NOT BETWEEN 1 AND 5"), "usage_idle < 1 OR usage_idle > 5");
  EXPECT_EQ(Top("SELECT hostname IN ('a'), usage_user BETWEEN 1 AND 2 FROM cpu"),
            "Projection: hostname IN ('a') AS cpu.hostname IN ([Utf8(\"a\")]), usage_user >= 1 AND usage_user <= 2 "
            "AS cpu.usage_user BETWEEN Int64(1) AND Int64(2)");
}

TEST(BindExpressionTest, PatternMatching) {
  EXPECT_EQ(Where("hostname LIKE 'a%' AND hostname NOT LIKE 'b' AND hostname ILIKE 'c' AND hostname NOT ILIKE 'd'"),
            "hostname LIKE 'a%' AND hostname NOT LIKE 'b' AND hostname ILIKE 'c' AND hostname NOT ILIKE 'd'");
  EXPECT_EQ(Where("hostname ~ '^a' AND hostname ~* 'b' AND hostname !~ 'c' AND hostname !~* 'd'"),
            "hostname ~ '^a' AND hostname ~* 'b' AND hostname !~ 'c' AND hostname !~* 'd'");
  Status error = PlanStatus("SELECT hostname FROM cpu WHERE hostname ~ '('");
  EXPECT_TRUE(error.IsInvalidArgument());
  EXPECT_THAT(error.message(), HasSubstr("Error during planning: invalid regular expression '('"));
  EXPECT_THAT(error.message(), HasSubstr("at Line: 1, Column: 41"));
}

TEST(BindExpressionTest, Case) {
  EXPECT_EQ(Top("SELECT CASE WHEN usage_user > 50 THEN 'high' WHEN usage_user > 10 THEN 'mid' ELSE 'low' END AS "
                "level FROM cpu"),
            "Projection: CASE WHEN usage_user > 50 THEN 'high' WHEN usage_user > 10 THEN 'mid' ELSE 'low' END AS "
            "level");
  // A simple CASE compares its operand with each WHEN value.
  EXPECT_EQ(Top("SELECT CASE hostname WHEN 'a' THEN 1 WHEN 'b' THEN 2.5 END FROM cpu"),
            "Projection: CASE WHEN hostname = 'a' THEN 1 WHEN hostname = 'b' THEN 2.5 END AS CASE cpu.hostname "
            "WHEN Utf8(\"a\") THEN Int64(1) WHEN Utf8(\"b\") THEN Float64(2.5) END");
  EXPECT_EQ(OutputSchema("SELECT CASE hostname WHEN 'a' THEN 1 WHEN 'b' THEN 2.5 END FROM cpu")->field(0).type(),
            DataType::Float64());
  EXPECT_EQ(OutputSchema("SELECT CASE WHEN true THEN 1 ELSE 'x' END")->field(0).type(), DataType::Utf8());
  EXPECT_EQ(OutputSchema("SELECT CASE WHEN true THEN NULL ELSE 2 END")->field(0).type(), DataType::Int64());
  Status error = PlanStatus("SELECT CASE WHEN usage_user THEN 1 END FROM cpu");
  EXPECT_EQ(error.message(),
            "Error during planning: CASE WHEN condition must be a boolean expression, found Float64 at Line: 1, "
            "Column: 18");
}

TEST(BindExpressionTest, ConditionalFunctions) {
  EXPECT_EQ(Top("SELECT coalesce(usage_user, 0), nullif(usage_idle, 0), greatest(usage_user, usage_system), "
                "least(1, 2) FROM cpu"),
            "Projection: coalesce(usage_user, 0) AS coalesce(cpu.usage_user,Int64(0)), nullif(usage_idle, 0) AS "
            "nullif(cpu.usage_idle,Int64(0)), greatest(usage_user, usage_system) AS "
            "greatest(cpu.usage_user,cpu.usage_system), least(1, 2) AS least(Int64(1),Int64(2))");
}

TEST(BindExpressionTest, Casts) {
  // A cast is named after its argument (DataFusion).
  EXPECT_EQ(Top("SELECT CAST(usage_idle AS DOUBLE), usage_user::BIGINT, usage_system::text AS s, "
                "arrow_cast(usage_idle, 'Float64') FROM cpu"),
            "Projection: CAST(usage_idle AS double) AS cpu.usage_idle, CAST(usage_user AS int64) AS "
            "cpu.usage_user, CAST(usage_system AS string) AS s, CAST(usage_idle AS double) AS "
            "arrow_cast(cpu.usage_idle,Utf8(\"Float64\"))");
  SchemaPtr schema = OutputSchema(
      "SELECT CAST(1 AS INT) AS a, CAST('1.5' AS DOUBLE) AS b, arrow_cast(1, 'UInt64') AS c, "
      "arrow_cast(hostname, 'Dictionary(Int32, Utf8)') AS d, CAST(time AS TIMESTAMP(3)) AS e FROM cpu");
  EXPECT_EQ(schema->field(0).type(), DataType::Int32());
  EXPECT_EQ(schema->field(1).type(), DataType::Float64());
  EXPECT_EQ(schema->field(2).type(), DataType::UInt64());
  EXPECT_EQ(schema->field(3).type(), DataType::TagDictionary());
  EXPECT_EQ(schema->field(4).type(), DataType::Timestamp(TimeUnit::kMilli));
  // Literal casts happen at bind time.
  EXPECT_EQ(Top("SELECT CAST('42' AS BIGINT) AS x"), "Projection: 42 AS x");
  EXPECT_EQ(PlanStatus("SELECT arrow_cast(usage_idle, 'Foo') FROM cpu").message(),
            "Error during planning: Unsupported type 'Foo'. Must be a supported arrow type name such as 'Int32' or "
            "'Timestamp(Nanosecond, None)' at Line: 1, Column: 31");
  EXPECT_THAT(PlanStatus("SELECT CAST('abc' AS BIGINT)").message(), HasSubstr("Error during planning: "));
}

TEST(BindExpressionTest, TimeLiteralsIntervalsAndNow) {
  EXPECT_EQ(Top("SELECT TIMESTAMP '2024-01-01T00:00:00Z' AS t, TIMESTAMP '2024-06-01 12:30:00' AS u"),
            "Projection: TIMESTAMP '2024-01-01T00:00:00' AS t, TIMESTAMP '2024-06-01T12:30:00' AS u");
  EXPECT_EQ(Top("SELECT INTERVAL '1 minute' AS a, INTERVAL '1' MINUTE AS b, INTERVAL '2 weeks' AS c, "
                "INTERVAL '1 month' AS d, INTERVAL '1 day' AS e, INTERVAL '5 minutes' AS f, INTERVAL '1 hour' AS g"),
            "Projection: INTERVAL '0 mons 0 days 60000000000 ns' AS a, INTERVAL '0 mons 0 days 60000000000 ns' AS "
            "b, INTERVAL '0 mons 14 days 0 ns' AS c, INTERVAL '1 mons 0 days 0 ns' AS d, INTERVAL '0 mons 1 days "
            "0 ns' AS e, INTERVAL '0 mons 0 days 300000000000 ns' AS f, INTERVAL '0 mons 0 days 3600000000000 ns' "
            "AS g");
  EXPECT_EQ(Top("SELECT INTERVAL '1 minute'"),
            "Projection: INTERVAL '0 mons 0 days 60000000000 ns' AS IntervalMonthDayNano(\"IntervalMonthDayNano { "
            "months: 0, days: 0, nanoseconds: 60000000000 }\")");
  EXPECT_EQ(Where("time > now() - INTERVAL '1 hour'"), "time > now() - INTERVAL '0 mons 0 days 3600000000000 ns'");
  EXPECT_EQ(Top("SELECT now(), CURRENT_TIMESTAMP AS c"), "Projection: now() AS now(), now() AS c");
  EXPECT_EQ(OutputSchema("SELECT now()")->field(0).type().id(), TypeId::kTimestamp);
}

TEST(BindExpressionTest, ScalarFunctions) {
  EXPECT_EQ(Top("SELECT date_bin(INTERVAL '1 minute', time) FROM cpu"),
            "Projection: date_bin(INTERVAL '0 mons 0 days 60000000000 ns', time) AS "
            "date_bin(IntervalMonthDayNano(\"IntervalMonthDayNano { months: 0, days: 0, nanoseconds: 60000000000 "
            "}\"),cpu.time)");
  EXPECT_EQ(Top("SELECT date_part('hour', time) AS h, extract(minute FROM time) AS m FROM cpu"),
            "Projection: date_part('hour', time) AS h, date_part('minute', time) AS m");
  EXPECT_EQ(Top("SELECT lower(hostname) AS a, upper(region) AS b, substring(hostname, 1, 2) AS c, "
                "hostname || '-' || region AS d, round(usage_user, 2) AS e FROM cpu"),
            "Projection: lower(hostname) AS a, upper(region) AS b, substr(hostname, 1, 2) AS c, "
            "CASE WHEN CASE WHEN hostname IS NULL OR '-' IS NULL THEN NULL ELSE concat(hostname, '-') END IS NULL "
            "OR region IS NULL THEN NULL ELSE concat(CASE WHEN hostname IS NULL OR '-' IS NULL THEN NULL ELSE "
            "concat(hostname, '-') END, region) END AS d, round(usage_user, 2) AS e");
  EXPECT_EQ(PlanStatus("SELECT foo(usage_user) FROM cpu").message(),
            "Error during planning: Invalid function 'foo' at Line: 1, Column: 8");
  EXPECT_EQ(PlanStatus("SELECT sqrt('abc') FROM cpu").message(),
            "Error during planning: no function matches sqrt(string); candidates: sqrt(double) at Line: 1, Column: 8");
  EXPECT_EQ(PlanStatus("SELECT lower(DISTINCT hostname) FROM cpu").message(),
            "Error during planning: DISTINCT, FILTER or ORDER BY used with lower, which is not an aggregate "
            "function at Line: 1, Column: 8");
}

TEST(BindExpressionTest, ColumnResolution) {
  EXPECT_EQ(Top("SELECT HOSTNAME, CPU.REGION FROM cpu"), "Projection: hostname, region");
  EXPECT_EQ(PlanStatus("SELECT \"HOSTNAME\" FROM cpu").message(),
            "Schema error: No field named \"HOSTNAME\" at Line: 1, Column: 8. Valid fields are cpu.hostname, "
            "cpu.region, cpu.usage_idle, cpu.usage_system, cpu.usage_user, cpu.time.");
  EXPECT_EQ(PlanStatus("SELECT cpu.usage_user FROM cpu c").message(),
            "Schema error: No field named cpu.usage_user at Line: 1, Column: 8. Valid fields are c.hostname, "
            "c.region, c.usage_idle, c.usage_system, c.usage_user, c.time.");
  EXPECT_EQ(PlanStatus("SELECT host FROM \"Quoted Name\"").message(),
            "Schema error: No field named host at Line: 1, Column: 8. Valid fields are Quoted Name.Host, Quoted "
            "Name.value, Quoted Name.time.");
  EXPECT_EQ(PlanStatus("SELECT x FROM (SELECT 1 AS x, 2 AS x) AS t").message(),
            "Error during planning: Projections require unique expression names but the expression \"x\" at "
            "position 0 and \"x\" at position 1 have the same name. Consider aliasing (\"AS\") one of them. at "
            "Line: 1, Column: 31");
}

}  // namespace
}  // namespace quiver::sql
