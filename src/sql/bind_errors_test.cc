// Every error path of PlanSql, with the exact text users see (the HTTP layer sends it
// as plain text: InvalidArgument -> 400, NotImplemented -> 405).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sql/fake_schema_provider_for_test.h"
#include "testing/status_matchers.h"

namespace quiver::sql {
namespace {

using ::testing::HasSubstr;

struct ErrorCase {
  const char* sql;
  StatusCode code;
  const char* message;
};

void ExpectErrors(const std::vector<ErrorCase>& cases, const std::map<std::string, Scalar>& params = {}) {
  for (const ErrorCase& c : cases) {
    Status status = PlanStatus(c.sql, params);
    EXPECT_EQ(status.code(), c.code) << c.sql << ": " << status.ToString();
    EXPECT_EQ(status.message(), c.message) << c.sql;
  }
}

TEST(BindErrorsTest, UnknownTables) {
  ExpectErrors({
      {"SELECT * FROM cpu2", StatusCode::kInvalidArgument, "Error during planning: table 'public.iox.cpu2' not found"},
      {"SELECT * FROM iox.cpu2", StatusCode::kInvalidArgument,
       "Error during planning: table 'public.iox.cpu2' not found"},
      {"SELECT * FROM public.iox.cpu2", StatusCode::kInvalidArgument,
       "Error during planning: table 'public.iox.cpu2' not found"},
      {"SELECT * FROM \"CPU\"", StatusCode::kInvalidArgument, "Error during planning: table 'public.iox.CPU' not found"},
      {"SELECT * FROM system.nope", StatusCode::kInvalidArgument,
       "Error during planning: table 'public.system.nope' not found"},
      {"SELECT * FROM other.cpu", StatusCode::kInvalidArgument,
       "Error during planning: table 'public.other.cpu' not found"},
      {"SELECT * FROM other.iox.cpu", StatusCode::kInvalidArgument,
       "Error during planning: table 'other.iox.cpu' not found"},
      {"SELECT x FROM (SELECT * FROM nope) AS t", StatusCode::kInvalidArgument,
       "Error during planning: table 'public.iox.nope' not found"},
  });
}

TEST(BindErrorsTest, UnknownColumnsAndQualifiers) {
  ExpectErrors({
      {"SELECT usage FROM cpu", StatusCode::kInvalidArgument,
       "Schema error: No field named usage at Line: 1, Column: 8. Valid fields are cpu.hostname, cpu.region, "
       "cpu.usage_idle, cpu.usage_system, cpu.usage_user, cpu.time."},
      {"SELECT hostname FROM cpu\nWHERE usage > 1", StatusCode::kInvalidArgument,
       "Schema error: No field named usage at Line: 2, Column: 7. Valid fields are cpu.hostname, cpu.region, "
       "cpu.usage_idle, cpu.usage_system, cpu.usage_user, cpu.time."},
      {"SELECT mem.usage_user FROM cpu", StatusCode::kInvalidArgument,
       "Schema error: No field named mem.usage_user at Line: 1, Column: 8. Valid fields are cpu.hostname, "
       "cpu.region, cpu.usage_idle, cpu.usage_system, cpu.usage_user, cpu.time."},
      {"SELECT x.* FROM cpu", StatusCode::kInvalidArgument,
       "Error during planning: Invalid qualifier x at Line: 1, Column: 8"},
      {"SELECT a", StatusCode::kInvalidArgument, "Schema error: No field named a at Line: 1, Column: 8"},
      {"SELECT FROM cpu", StatusCode::kInvalidArgument, "Error during planning: SELECT list is empty"},
      {"SELECT *", StatusCode::kInvalidArgument,
       "Error during planning: SELECT * with no tables specified is not valid at Line: 1, Column: 8"},
      {"SELECT hostname FROM cpu ORDER BY nope", StatusCode::kInvalidArgument,
       "Schema error: No field named nope at Line: 1, Column: 35. Valid fields are cpu.hostname, cpu.region, "
       "cpu.usage_idle, cpu.usage_system, cpu.usage_user, cpu.time."},
      {"SELECT 1 FROM cpu GROUP BY nope", StatusCode::kInvalidArgument,
       "Schema error: No field named nope at Line: 1, Column: 28. Valid fields are cpu.hostname, cpu.region, "
       "cpu.usage_idle, cpu.usage_system, cpu.usage_user, cpu.time."},
  });
}

TEST(BindErrorsTest, Placeholders) {
  std::map<std::string, Scalar> params = {{"host", Scalar::Utf8("a")}};
  ExpectErrors(
      {
          {"SELECT * FROM cpu WHERE hostname = $x", StatusCode::kInvalidArgument,
           "Error during planning: No value found for placeholder with name $x at Line: 1, Column: 36"},
          {"SELECT * FROM cpu WHERE hostname = $host AND region = $region", StatusCode::kInvalidArgument,
           "Error during planning: No value found for placeholder with name $region at Line: 1, Column: 55"},
          {"SELECT $1", StatusCode::kInvalidArgument,
           "Error during planning: No value found for placeholder with name $1 at Line: 1, Column: 8"},
          {"SELECT * FROM cpu LIMIT $host", StatusCode::kInvalidArgument,
           "Error during planning: LIMIT must be a constant integer at Line: 1, Column: 25"},
      },
      params);
}

TEST(BindErrorsTest, TypeErrors) {
  ExpectErrors({
      {"SELECT * FROM cpu WHERE usage_user", StatusCode::kInvalidArgument,
       "Error during planning: WHERE must be a boolean expression, found Float64 at Line: 1, Column: 25"},
      {"SELECT count(*) FROM cpu GROUP BY hostname HAVING count(*)", StatusCode::kInvalidArgument,
       "Error during planning: HAVING must be a boolean expression, found Int64 at Line: 1, Column: 51"},
      {"SELECT * FROM cpu WHERE time > 'yesterday'", StatusCode::kInvalidArgument,
       "Error during planning: invalid timestamp 'yesterday': expected YYYY-MM-DD at Line: 1, Column: 32"},
      {"SELECT 1 UNION ALL SELECT 1, 2", StatusCode::kInvalidArgument,
       "Error during planning: UNION queries have different number of columns: left has 1 columns whereas right "
       "has 2 columns at Line: 1, Column: 27"},
      {"VALUES (1, usage_user)", StatusCode::kInvalidArgument,
       "Schema error: No field named usage_user at Line: 1, Column: 12"},
  });
  // Function resolution errors come from the function library, re-worded as planning
  // errors at the operator's position.
  Status status = PlanStatus("SELECT usage_user + 'a' FROM cpu");
  EXPECT_TRUE(status.IsInvalidArgument());
  EXPECT_THAT(status.message(), ::testing::StartsWith("Error during planning: "));
  EXPECT_THAT(status.message(), ::testing::EndsWith(" at Line: 1, Column: 19"));
}

TEST(BindErrorsTest, ModifierErrors) {
  ExpectErrors({
      {"SELECT * FROM cpu ORDER BY 7", StatusCode::kInvalidArgument,
       "Error during planning: ORDER BY position 7 is not in select list at Line: 1, Column: 28"},
      {"SELECT * FROM cpu ORDER BY 0", StatusCode::kInvalidArgument,
       "Error during planning: ORDER BY position 0 is not in select list at Line: 1, Column: 28"},
      {"SELECT * FROM cpu LIMIT -1", StatusCode::kInvalidArgument,
       "Error during planning: LIMIT must not be negative, got -1 at Line: 1, Column: 25"},
      {"SELECT * FROM cpu LIMIT 'a'", StatusCode::kInvalidArgument,
       "Error during planning: LIMIT must be a constant integer at Line: 1, Column: 25"},
      {"SELECT * FROM cpu LIMIT usage_idle", StatusCode::kInvalidArgument,
       "Schema error: No field named usage_idle at Line: 1, Column: 25"},
      {"SELECT * FROM cpu OFFSET 1.5", StatusCode::kInvalidArgument,
       "Error during planning: OFFSET must be a constant integer at Line: 1, Column: 26"},
      {"SELECT DISTINCT hostname FROM cpu ORDER BY region", StatusCode::kInvalidArgument,
       "Error during planning: For SELECT DISTINCT, ORDER BY expressions must appear in select list at Line: 1, "
       "Column: 44"},
      {"SELECT usage_user, usage_user FROM cpu", StatusCode::kInvalidArgument,
       "Error during planning: Projections require unique expression names but the expression \"usage_user\" at "
       "position 0 and \"usage_user\" at position 1 have the same name. Consider aliasing (\"AS\") one of them. at "
       "Line: 1, Column: 20"},
      {"SELECT a FROM (SELECT 1 AS a) AS t(x, y)", StatusCode::kInvalidArgument,
       "Error during planning: table has 1 columns available but 2 columns specified at Line: 1, Column: 23"},
  });
}

TEST(BindErrorsTest, SyntaxErrorsThroughPlanSql) {
  ExpectErrors({
      {"SELEC 1", StatusCode::kInvalidArgument,
       "SQL error: ParserError(\"syntax error at or near \\\"SELEC\\\" at Line: 1, Column: 1\")"},
      {"SELECT * FROM cpu WHERE", StatusCode::kInvalidArgument,
       "SQL error: ParserError(\"syntax error at end of input at Line: 1, Column: 24\")"},
      {"SELECT 1; SELECT 2", StatusCode::kNotImplemented,
       "This feature is not implemented: The context currently only supports a single SQL statement"},
      {"", StatusCode::kInvalidArgument,
       "Error during planning: No SQL statements were provided in the query string"},
      {"INSERT INTO cpu VALUES (1)", StatusCode::kInvalidArgument,
       "Error during planning: Unsupported SQL statement: INSERT (supported: SELECT, WITH, VALUES, EXPLAIN, SHOW "
       "TABLES, SHOW COLUMNS) at Line: 1, Column: 1"},
      {"SET datafusion.execution.batch_size = 10", StatusCode::kInvalidArgument,
       "Error during planning: Unsupported SQL statement: SET (supported: SELECT, WITH, VALUES, EXPLAIN, SHOW "
       "TABLES, SHOW COLUMNS) at Line: 1, Column: 1"},
  });
}

TEST(BindErrorsTest, UnsupportedFeaturesAreNotImplemented) {
  ExpectErrors({
      {"SELECT * FROM cpu JOIN cpu AS b ON cpu.hostname = b.hostname", StatusCode::kNotImplemented,
       "This feature is not implemented: joins"},
      {"SELECT * FROM cpu, cpu AS b", StatusCode::kNotImplemented,
       "This feature is not implemented: joins (several tables in FROM)"},
      {"SELECT hostname, avg(usage_user) OVER (PARTITION BY hostname) FROM cpu", StatusCode::kNotImplemented,
       "This feature is not implemented: window functions (OVER) at Line: 1, Column: 18"},
      {"SELECT (SELECT max(usage_user) FROM cpu)", StatusCode::kNotImplemented,
       "This feature is not implemented: scalar subqueries at Line: 1, Column: 8"},
      {"SELECT * FROM cpu WHERE hostname IN (SELECT hostname FROM cpu)", StatusCode::kNotImplemented,
       "This feature is not implemented: IN / ANY subqueries at Line: 1, Column: 34"},
      {"SELECT * FROM cpu WHERE EXISTS (SELECT 1)", StatusCode::kNotImplemented,
       "This feature is not implemented: EXISTS subqueries at Line: 1, Column: 25"},
      {"SELECT hostname FROM cpu INTERSECT SELECT hostname FROM cpu", StatusCode::kNotImplemented,
       "This feature is not implemented: INTERSECT"},
      {"SELECT * FROM last_cache('cpu')", StatusCode::kNotImplemented,
       "This feature is not implemented: table functions in FROM"},
      {"SELECT count(usage_user ORDER BY time) FROM cpu", StatusCode::kNotImplemented,
       "This feature is not implemented: ORDER BY inside count(...) at Line: 1, Column: 34"},
      {"SELECT usage_user::geometry FROM cpu", StatusCode::kNotImplemented,
       "This feature is not implemented: SQL type geometry at Line: 1, Column: 20"},
  });
}

TEST(BindErrorsTest, AliasCyclesAreErrors) {
  EXPECT_EQ(PlanStatus("SELECT usage_user AS a, a AS b FROM cpu").message(),
            "Schema error: No field named a at Line: 1, Column: 25. Valid fields are cpu.hostname, cpu.region, "
            "cpu.usage_idle, cpu.usage_system, cpu.usage_user, cpu.time.");
  EXPECT_THAT(PlanStatus("SELECT max(usage_user) AS a FROM cpu HAVING b > 1").message(),
              HasSubstr("No field named b"));
  EXPECT_THAT(PlanStatus("SELECT count(*) AS a, count(*) AS b FROM cpu GROUP BY hostname HAVING (SELECT 1) > 0")
                  .message(),
              HasSubstr("scalar subqueries"));
  // b -> a -> b ...: resolution stops at the cycle.
  Status status = PlanStatus("SELECT b AS a, a AS b FROM cpu ORDER BY a + 1");
  EXPECT_TRUE(status.IsInvalidArgument());
  EXPECT_THAT(status.message(), HasSubstr("No field named"));
  status = PlanStatus("SELECT count(*) AS n, b AS a, a AS b FROM cpu HAVING a > 1");
  EXPECT_TRUE(status.IsInvalidArgument());
}

TEST(BindErrorsTest, ReservedWordsUsedAsColumnNames) {
  EXPECT_EQ(PlanStatus("SELECT user FROM cpu").message(),
            "Schema error: No field named user at Line: 1, Column: 8. Valid fields are cpu.hostname, cpu.region, "
            "cpu.usage_idle, cpu.usage_system, cpu.usage_user, cpu.time.");
}

TEST(BindErrorsTest, ErrorsNeverCrashOnOddInput) {
  for (const char* sql :
       {"SELECT", ";;;", "SELECT (", "SELECT 'a", "SELECT \"", "SELECT $", "SELECT $$", "SELECT $a$ x",
        "SELECT 1 FROM", "SHOW", "SHOW COLUMNS", "SHOW COLUMNS FROM", "SHOW COLUMNS FROM \"", "SHOW COLUMNS FROM a.",
        "EXPLAIN", "WITH x AS (SELECT 1) SELECT * FROM y", "SELECT count(DISTINCT *) FROM cpu",
        "SELECT * FROM cpu ORDER BY", "SELECT INTERVAL '' ", "SELECT INTERVAL '1 2 3'", "SELECT x'ff'",
        "SELECT 1e999999", "SELECT CAST(NULL AS int)", "SELECT NULL::interval", "SELECT -9223372036854775808",
        "SELECT 99999999999999999999999", "SELECT * FROM cpu WHERE time = NULL"}) {
    FakeSchemaProvider schemas;
    Result<BoundStatement> bound = PlanSql(sql, schemas, {});
    if (!bound.ok()) {
      EXPECT_FALSE(bound.status().message().empty()) << sql;
    }
  }
}

TEST(BindErrorsTest, EveryPrefixOfValidQueriesPlansOrFailsCleanly) {
  const char* queries[] = {
      "SELECT date_bin(INTERVAL '1 minute', time) AS minute, max(usage_user) FROM cpu WHERE hostname IN ('a', "
      "'b') AND time >= '2016-01-01T00:00:00Z' GROUP BY 1 HAVING count(*) > 1 ORDER BY 1 DESC LIMIT 5 OFFSET 1",
      "WITH h AS (SELECT hostname, last_value(usage_user ORDER BY time DESC) AS u FROM cpu GROUP BY hostname) "
      "SELECT * FROM h UNION ALL SELECT 'x', 1.5 ORDER BY 2",
      "SELECT CASE hostname WHEN 'a' THEN $p ELSE coalesce(usage_user, 0)::bigint END, count(DISTINCT region) "
      "FILTER (WHERE usage_idle BETWEEN 1 AND 2) FROM iox.cpu AS c GROUP BY hostname, usage_user",
      "SHOW FULL COLUMNS FROM public.iox.\"cpu\";",
      "EXPLAIN ANALYZE VALUES (1, 'a'), (2, NULL)",
  };
  FakeSchemaProvider schemas;
  std::map<std::string, Scalar> params = {{"p", Scalar::Int64(1)}};
  for (const char* query : queries) {
    std::string sql = query;
    for (size_t length = 0; length <= sql.size(); ++length) {
      Result<BoundStatement> bound = PlanSql(sql.substr(0, length), schemas, params);
      if (!bound.ok()) {
        EXPECT_FALSE(bound.status().message().empty()) << sql.substr(0, length);
      }
    }
    EXPECT_OK(PlanSql(sql, schemas, params));
  }
}

}  // namespace
}  // namespace quiver::sql
