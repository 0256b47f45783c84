#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sql/fake_schema_provider_for_test.h"
#include "testing/status_matchers.h"

namespace quiver::sql {
namespace {

using ::testing::HasSubstr;

constexpr const char* kScanCpu =
    "TableScan: iox.cpu projection=[hostname, region, usage_idle, usage_system, usage_user, time]\n";

std::string Indent(int depth, const std::string& text) { return std::string(depth * 2, ' ') + text; }

TEST(BindSelectTest, Columns) {
  EXPECT_EQ(PlanText("SELECT hostname, usage_user FROM cpu"),
            "Projection: hostname, usage_user\n" + Indent(1, kScanCpu));
}

TEST(BindSelectTest, StarExpandsInTableOrder) {
  const std::string all = "Projection: hostname, region, usage_idle, usage_system, usage_user, time\n";
  EXPECT_EQ(PlanText("SELECT * FROM cpu"), all + Indent(1, kScanCpu));
  EXPECT_EQ(PlanText("SELECT cpu.* FROM cpu"), all + Indent(1, kScanCpu));
  EXPECT_EQ(PlanText("SELECT c.* FROM cpu AS c"), all + Indent(1, kScanCpu));
  EXPECT_EQ(PlanText("SELECT time, * FROM cpu WHERE false"),
            "ERROR: Invalid argument: Error during planning: Projections require unique expression names but the "
            "expression \"time\" at position 0 and \"time\" at position 6 have the same name. Consider aliasing "
            "(\"AS\") one of them. at Line: 1, Column: 14");
  EXPECT_EQ(PlanText("SELECT hostname AS h, * FROM cpu"),
            "Projection: hostname AS h, hostname, region, usage_idle, usage_system, usage_user, time\n" +
                Indent(1, kScanCpu));
}

TEST(BindSelectTest, TableNames) {
  const std::string expected = "Projection: usage_user\n" + Indent(1, kScanCpu);
  for (const char* sql : {"SELECT usage_user FROM cpu", "SELECT usage_user FROM iox.cpu",
                          "SELECT usage_user FROM public.iox.cpu", "SELECT usage_user FROM CPU",
                          "SELECT usage_user FROM \"cpu\"", "SELECT cpu.usage_user FROM iox.cpu",
                          "SELECT iox.cpu.usage_user FROM cpu", "SELECT public.iox.cpu.usage_user FROM cpu",
                          "SELECT c.usage_user FROM cpu c", "SELECT usage_user FROM cpu AS c"}) {
    EXPECT_EQ(PlanText(sql), expected) << sql;
  }
  EXPECT_EQ(PlanText("SELECT \"Host\", value FROM \"Quoted Name\""),
            "Projection: Host, value\n  TableScan: iox.Quoted Name projection=[Host, value, time]\n");
  EXPECT_EQ(PlanText("SELECT id FROM system.queries"),
            "Projection: id\n  TableScan: system.queries projection=[id, query_text, issue_time]\n");
  EXPECT_EQ(PlanText("SELECT table_name FROM information_schema.tables"),
            "Projection: table_name\n  TableScan: information_schema.tables projection=[table_catalog, "
            "table_schema, table_name, table_type]\n");
  EXPECT_EQ(PlanText("SELECT schema_name FROM information_schema.schemata"),
            "Projection: schema_name\n  TableScan: information_schema.schemata projection=[catalog_name, "
            "schema_name, schema_owner, default_character_set_catalog, default_character_set_schema, "
            "default_character_set_name, sql_path]\n");
  EXPECT_EQ(PlanText("SELECT name, value FROM information_schema.df_settings"),
            "Projection: name, value\n  TableScan: information_schema.df_settings projection=[name, value, "
            "description]\n");
}

TEST(BindSelectTest, ScanCarriesTableIdentity) {
  FakeSchemaProvider schemas;
  ASSERT_OK_AND_ASSIGN(BoundStatement bound, PlanSql("SELECT * FROM cpu", schemas, {}));
  const LogicalPlan& scan = *bound.plan->input();
  ASSERT_EQ(scan.kind(), LogicalPlan::Kind::kScan);
  EXPECT_EQ(scan.scan().table.ref.schema, "iox");
  EXPECT_EQ(scan.scan().table.ref.name, "cpu");
  EXPECT_EQ(scan.scan().table.ref.table_id, 1u);
  EXPECT_EQ(scan.scan().table.time_column(), 5);
  EXPECT_EQ(scan.scan().projection, (std::vector<int>{0, 1, 2, 3, 4, 5}));
  ASSERT_OK_AND_ASSIGN(bound, PlanSql("SELECT * FROM information_schema.columns", schemas, {}));
  EXPECT_EQ(bound.plan->input()->scan().table.ref.ToString(), "information_schema.columns");
}

TEST(BindSelectTest, SelectWithoutFrom) {
  EXPECT_EQ(PlanText("SELECT 1"), "Projection: 1 AS Int64(1)\n  Values: 1 rows\n");
  EXPECT_EQ(PlanText("SELECT 1 + 2 AS three, 'a'"),
            "Projection: 1 + 2 AS three, 'a' AS Utf8(\"a\")\n  Values: 1 rows\n");
}

TEST(BindSelectTest, AliasesAndOutputNames) {
  FakeSchemaProvider schemas;
  ASSERT_OK_AND_ASSIGN(
      BoundStatement bound,
      PlanSql("SELECT hostname AS \"Host Name\", cpu.usage_user, usage_user * 2 FROM cpu", schemas, {}));
  const Schema& schema = *bound.plan->schema();
  ASSERT_EQ(schema.num_fields(), 3);
  EXPECT_EQ(schema.field(0).name(), "Host Name");
  EXPECT_EQ(schema.field(0).type(), DataType::TagDictionary());
  EXPECT_EQ(schema.field(1).name(), "usage_user");
  EXPECT_EQ(schema.field(2).name(), "cpu.usage_user * Int64(2)");
  EXPECT_EQ(schema.field(2).type(), DataType::Float64());
}

TEST(BindSelectTest, Where) {
  EXPECT_EQ(PlanText("SELECT hostname FROM cpu WHERE usage_user > 90.5 AND hostname = 'a'"),
            "Projection: hostname\n"
            "  Filter: usage_user > 90.5 AND hostname = 'a'\n" +
                Indent(2, kScanCpu));
}

TEST(BindSelectTest, StringLiteralComparedWithTimeIsATimestampLiteral) {
  EXPECT_EQ(PlanText("SELECT time FROM cpu WHERE time >= '2016-01-01T07:47:52Z' AND '2016-01-02' > time"),
            "Projection: time\n"
            "  Filter: time >= TIMESTAMP '2016-01-01T07:47:52' AND TIMESTAMP '2016-01-02T00:00:00' > time\n" +
                Indent(2, kScanCpu));
  EXPECT_EQ(PlanText("SELECT time FROM cpu WHERE time BETWEEN '2016-01-01T00:00:00+01:00' AND '2016-01-02 00:00:00'"),
            "Projection: time\n"
            "  Filter: time >= TIMESTAMP '2015-12-31T23:00:00' AND time <= TIMESTAMP '2016-01-02T00:00:00'\n" +
                Indent(2, kScanCpu));
  EXPECT_EQ(PlanText("SELECT time FROM cpu WHERE time IN ('2016-01-01T00:00:00.5Z')"),
            "Projection: time\n"
            "  Filter: time IN (TIMESTAMP '2016-01-01T00:00:00.500')\n" +
                Indent(2, kScanCpu));
  // The literal is a Timestamp(ns) Scalar, not a per-row cast.
  FakeSchemaProvider schemas;
  ASSERT_OK_AND_ASSIGN(BoundStatement bound,
                       PlanSql("SELECT time FROM cpu WHERE time >= '1970-01-01T00:00:01Z'", schemas, {}));
  const ExprPtr& predicate = bound.plan->input()->predicate();
  ASSERT_EQ(predicate->args().size(), 2u);
  ASSERT_TRUE(predicate->args()[1]->is_literal());
  EXPECT_EQ(predicate->args()[1]->literal(), Scalar::Timestamp(1'000'000'000));
  EXPECT_TRUE(predicate->args()[0]->is_column());
}

TEST(BindSelectTest, Distinct) {
  EXPECT_EQ(PlanText("SELECT DISTINCT hostname, region FROM cpu"),
            "Distinct\n"
            "  Projection: hostname, region\n" +
                Indent(2, kScanCpu));
}

TEST(BindSelectTest, OrderBy) {
  // By output column (alias, name, ordinal), with direction and NULLS placement.
  EXPECT_EQ(PlanText("SELECT hostname AS h, usage_user FROM cpu ORDER BY h DESC, 2 NULLS FIRST"),
            "Sort: h DESC NULLS FIRST, usage_user ASC NULLS FIRST\n"
            "  Projection: hostname AS h, usage_user\n" +
                Indent(2, kScanCpu));
  EXPECT_EQ(PlanText("SELECT usage_user FROM cpu ORDER BY usage_user DESC NULLS LAST"),
            "Sort: usage_user DESC NULLS LAST\n"
            "  Projection: usage_user\n" +
                Indent(2, kScanCpu));
  // By an expression equal to an output column.
  EXPECT_EQ(PlanText("SELECT usage_user * 2 AS d FROM cpu ORDER BY usage_user * 2"),
            "Sort: d ASC NULLS LAST\n"
            "  Projection: usage_user * 2 AS d\n" +
                Indent(2, kScanCpu));
  // By columns the SELECT does not output: projected for the sort, then dropped.
  EXPECT_EQ(PlanText("SELECT hostname FROM cpu ORDER BY usage_user DESC, time"),
            "Projection: hostname\n"
            "  Sort: cpu.usage_user DESC NULLS FIRST, cpu.time ASC NULLS LAST\n"
            "    Projection: hostname, usage_user AS cpu.usage_user, time AS cpu.time\n" +
                Indent(3, kScanCpu));
  // By an expression over an alias.
  EXPECT_EQ(PlanText("SELECT usage_user AS u FROM cpu ORDER BY u * 2"),
            "Projection: u\n"
            "  Sort: u * Int64(2) ASC NULLS LAST\n"
            "    Projection: usage_user AS u, usage_user * 2 AS u * Int64(2)\n" +
                Indent(3, kScanCpu));
  // An output name wins over an input column of the same name.
  EXPECT_EQ(PlanText("SELECT usage_user AS hostname FROM cpu ORDER BY hostname"),
            "Sort: hostname ASC NULLS LAST\n"
            "  Projection: usage_user AS hostname\n" +
                Indent(2, kScanCpu));
  EXPECT_EQ(PlanText("SELECT DISTINCT hostname FROM cpu ORDER BY hostname"),
            "Sort: hostname ASC NULLS LAST\n"
            "  Distinct\n"
            "    Projection: hostname\n" +
                Indent(3, kScanCpu));
}

TEST(BindSelectTest, LimitAndOffset) {
  EXPECT_EQ(PlanText("SELECT hostname FROM cpu LIMIT 10"),
            "Limit: skip=0, fetch=10\n"
            "  Projection: hostname\n" +
                Indent(2, kScanCpu));
  EXPECT_EQ(PlanText("SELECT hostname FROM cpu LIMIT 2 + 3 OFFSET 4"),
            "Limit: skip=4, fetch=5\n"
            "  Projection: hostname\n" +
                Indent(2, kScanCpu));
  EXPECT_EQ(PlanText("SELECT hostname FROM cpu OFFSET 4"),
            "Limit: skip=4, fetch=None\n"
            "  Projection: hostname\n" +
                Indent(2, kScanCpu));
  EXPECT_EQ(PlanText("SELECT hostname FROM cpu LIMIT ALL"), "Projection: hostname\n" + Indent(1, kScanCpu));
  EXPECT_EQ(PlanText("SELECT hostname FROM cpu ORDER BY usage_user LIMIT 5"),
            "Projection: hostname\n"
            "  Limit: skip=0, fetch=5\n"
            "    Sort: cpu.usage_user ASC NULLS LAST\n"
            "      Projection: hostname, usage_user AS cpu.usage_user\n" +
                Indent(4, kScanCpu));
}

TEST(BindSelectTest, Parameters) {
  std::map<std::string, Scalar> params = {{"host", Scalar::Utf8("a")},
                                          {"limit", Scalar::Int64(3)},
                                          {"start", Scalar::Utf8("2024-01-01T00:00:00Z")},
                                          {"1", Scalar::Float64(1.5)}};
  EXPECT_EQ(PlanText("SELECT hostname FROM cpu WHERE hostname = $host AND time >= $start AND usage_user > $1 "
                     "LIMIT $limit",
                     params),
            "Limit: skip=0, fetch=3\n"
            "  Projection: hostname\n"
            "    Filter: hostname = 'a' AND time >= TIMESTAMP '2024-01-01T00:00:00' AND usage_user > 1.5\n" +
                Indent(3, kScanCpu));
  // A value is a literal, never SQL text.
  params["host"] = Scalar::Utf8("a' OR '1'='1");
  EXPECT_EQ(PlanText("SELECT hostname FROM cpu WHERE hostname = $host", params),
            "Projection: hostname\n"
            "  Filter: hostname = 'a'' OR ''1''=''1'\n" +
                Indent(2, kScanCpu));
  EXPECT_EQ(PlanText("SELECT $host AS h", params), "Projection: 'a'' OR ''1''=''1' AS h\n  Values: 1 rows\n");
  // Every JSON value type the HTTP layer passes: null, bool, int, uint, float, string.
  std::map<std::string, Scalar> typed = {{"nul", Scalar::Null()},
                                         {"f", Scalar::Float64(0.5)},
                                         {"u", Scalar::UInt64(7)},
                                         {"b", Scalar::Boolean(true)}};
  EXPECT_EQ(PlanText("SELECT hostname FROM cpu WHERE usage_user > $f AND usage_idle < $u AND $b AND region = $nul",
                     typed),
            "Projection: hostname\n"
            "  Filter: usage_user > 0.5 AND usage_idle < 7 AND true AND region = NULL\n" +
                Indent(2, kScanCpu));
  EXPECT_EQ(PlanText("SELECT $nul, $f, $u, $b", typed),
            "Projection: NULL AS $nul, 0.5 AS $f, 7 AS $u, true AS $b\n  Values: 1 rows\n");
}

TEST(BindSelectTest, SubqueryInFrom) {
  EXPECT_EQ(PlanText("SELECT x FROM (SELECT hostname AS x FROM cpu) AS t WHERE t.x = 'a'"),
            "Projection: x\n"
            "  Filter: x = 'a'\n"
            "    Projection: hostname AS x\n" +
                Indent(3, kScanCpu));
  EXPECT_EQ(PlanText("SELECT a, b FROM (SELECT hostname, usage_user FROM cpu) AS t(a, b)"),
            "Projection: a, b\n"
            "  Projection: hostname AS a, usage_user AS b\n"
            "    Projection: hostname, usage_user\n" +
                Indent(3, kScanCpu));
  EXPECT_EQ(PlanText("SELECT m FROM (SELECT max(usage_user) AS m FROM cpu) AS t"),
            "Projection: m\n"
            "  Projection: max(cpu.usage_user) AS m\n"
            "    Aggregate: groupBy=[], aggr=[max(usage_user) AS max(cpu.usage_user)]\n" +
                Indent(3, kScanCpu));
}

TEST(BindSelectTest, CommonTableExpressions) {
  EXPECT_EQ(PlanText("WITH h AS (SELECT hostname, max(usage_user) AS m FROM cpu GROUP BY hostname) "
                     "SELECT * FROM h WHERE m > 10"),
            "Projection: hostname, m\n"
            "  Filter: m > 10\n"
            "    Projection: hostname, max(cpu.usage_user) AS m\n"
            "      Aggregate: groupBy=[hostname], aggr=[max(usage_user) AS max(cpu.usage_user)]\n" +
                Indent(4, kScanCpu));
  EXPECT_EQ(PlanText("WITH x(a) AS (SELECT 1), y AS (SELECT a + 1 AS b FROM x) SELECT y.b FROM y"),
            "Projection: b\n"
            "  Projection: a + 1 AS b\n"
            "    Projection: Int64(1) AS a\n"
            "      Projection: 1 AS Int64(1)\n"
            "        Values: 1 rows\n");
  // A CTE shadows a table of the same name; it is not visible outside its query.
  EXPECT_EQ(PlanText("WITH cpu AS (SELECT 1 AS one) SELECT one FROM cpu"),
            "Projection: one\n  Projection: 1 AS one\n    Values: 1 rows\n");
  EXPECT_EQ(PlanText("SELECT * FROM (WITH t AS (SELECT 1 AS a) SELECT a FROM t) AS s, t"),
            "ERROR: Not implemented: This feature is not implemented: joins (several tables in FROM)");
  EXPECT_THAT(PlanStatus("SELECT a FROM (WITH t AS (SELECT 1 AS a) SELECT a FROM t) AS s WHERE a IN "
                         "(SELECT a FROM t)")
                  .message(),
              HasSubstr("IN / ANY subqueries"));
  EXPECT_EQ(PlanStatus("SELECT * FROM (WITH t AS (SELECT 1 AS a) SELECT a FROM t) AS s UNION ALL SELECT * FROM t")
                .message(),
            "Error during planning: table 'public.iox.t' not found");
}

TEST(BindSelectTest, UnionAll) {
  EXPECT_EQ(PlanText("SELECT hostname FROM cpu UNION ALL SELECT region FROM cpu UNION ALL SELECT 'x'"),
            "UnionAll\n"
            "  Projection: CAST(hostname AS string) AS hostname\n"
            "    Projection: hostname\n" +
                Indent(3, kScanCpu) +
                "  Projection: CAST(region AS string) AS region\n"
                "    Projection: region\n" +
                Indent(3, kScanCpu) +
                "  Projection: 'x' AS Utf8(\"x\")\n"
                "    Values: 1 rows\n");
  // Column types are unified (numbers widen; strings win over other types).
  EXPECT_EQ(PlanText("SELECT 1 AS a UNION ALL SELECT 2.5"),
            "UnionAll\n"
            "  Projection: CAST(a AS double) AS a\n"
            "    Projection: 1 AS a\n"
            "      Values: 1 rows\n"
            "  Projection: 2.5 AS Float64(2.5)\n"
            "    Values: 1 rows\n");
  EXPECT_EQ(PlanText("SELECT 'a' AS a UNION ALL SELECT 1"),
            "UnionAll\n"
            "  Projection: 'a' AS a\n"
            "    Values: 1 rows\n"
            "  Projection: CAST(Int64(1) AS string) AS Int64(1)\n"
            "    Projection: 1 AS Int64(1)\n"
            "      Values: 1 rows\n");
  // ORDER BY and LIMIT apply to the union's output.
  EXPECT_EQ(PlanText("SELECT hostname AS h FROM cpu UNION SELECT region FROM cpu ORDER BY h DESC LIMIT 3"),
            "Limit: skip=0, fetch=3\n"
            "  Sort: h DESC NULLS FIRST\n"
            "    Distinct\n"
            "      UnionAll\n"
            "        Projection: hostname AS h\n" +
                Indent(5, kScanCpu) +
                "        Projection: region\n" +
                Indent(5, kScanCpu));
  EXPECT_EQ(PlanText("SELECT 1 UNION ALL SELECT 1, 2"),
            "ERROR: Invalid argument: Error during planning: UNION queries have different number of columns: left "
            "has 1 columns whereas right has 2 columns at Line: 1, Column: 27");
}

TEST(BindSelectTest, Values) {
  FakeSchemaProvider schemas;
  ASSERT_OK_AND_ASSIGN(BoundStatement bound, PlanSql("VALUES (1, 'a'), (2.5, NULL), (-3, 'c')", schemas, {}));
  const LogicalPlan& values = *bound.plan;
  ASSERT_EQ(values.kind(), LogicalPlan::Kind::kValues);
  EXPECT_EQ(values.schema()->ToString(), MakeSchema({Field("column1", DataType::Float64()),
                                                     Field("column2", DataType::Utf8())})
                                              ->ToString());
  ASSERT_EQ(values.values().size(), 3u);
  EXPECT_EQ(values.values()[0][0], Scalar::Float64(1));
  EXPECT_EQ(values.values()[1][1], Scalar::Null(DataType::Utf8()));
  EXPECT_EQ(values.values()[2][0], Scalar::Float64(-3));
  EXPECT_EQ(PlanText("SELECT column2 FROM (VALUES (1, 'a'), (2, 'b')) AS v ORDER BY column1 DESC"),
            "Projection: column2\n"
            "  Sort: v.column1 DESC NULLS FIRST\n"
            "    Projection: column2, column1 AS v.column1\n"
            "      Values: 2 rows\n");
  EXPECT_EQ(PlanText("VALUES (1), (2) ORDER BY 1 DESC LIMIT 1"),
            "Limit: skip=0, fetch=1\n  Sort: column1 DESC NULLS FIRST\n    Values: 2 rows\n");
  EXPECT_EQ(PlanStatus("VALUES (usage_user)").message(),
            "Schema error: No field named usage_user at Line: 1, Column: 9");
}

TEST(BindSelectTest, ExplainKinds) {
  FakeSchemaProvider schemas;
  ASSERT_OK_AND_ASSIGN(BoundStatement query, PlanSql("SELECT 1", schemas, {}));
  EXPECT_EQ(query.kind, BoundStatement::Kind::kQuery);
  ASSERT_OK_AND_ASSIGN(BoundStatement explain, PlanSql("EXPLAIN SELECT hostname FROM cpu", schemas, {}));
  EXPECT_EQ(explain.kind, BoundStatement::Kind::kExplain);
  EXPECT_FALSE(explain.verbose);
  EXPECT_EQ(explain.plan->ToString(), "Projection: hostname\n" + Indent(1, kScanCpu));
  ASSERT_OK_AND_ASSIGN(BoundStatement analyze, PlanSql("EXPLAIN ANALYZE SELECT hostname FROM cpu", schemas, {}));
  EXPECT_EQ(analyze.kind, BoundStatement::Kind::kExplainAnalyze);
  ASSERT_OK_AND_ASSIGN(BoundStatement verbose, PlanSql("EXPLAIN VERBOSE SELECT 1", schemas, {}));
  EXPECT_EQ(verbose.kind, BoundStatement::Kind::kExplain);
  EXPECT_TRUE(verbose.verbose);
  EXPECT_EQ(PlanStatus("EXPLAIN SELECT * FROM nope").message(),
            "Error during planning: table 'public.iox.nope' not found");
}

}  // namespace
}  // namespace quiver::sql
