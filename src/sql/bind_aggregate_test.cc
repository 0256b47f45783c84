#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sql/fake_schema_provider_for_test.h"
#include "testing/status_matchers.h"

namespace quiver::sql {
namespace {

constexpr const char* kScanCpu =
    "TableScan: iox.cpu projection=[hostname, region, usage_idle, usage_system, usage_user, time]\n";

std::string Indent(int depth, const std::string& text) { return std::string(depth * 2, ' ') + text; }

TEST(BindAggregateTest, AggregateWithoutGroupBy) {
  EXPECT_EQ(PlanText("SELECT max(usage_user) FROM cpu"),
            "Projection: max(cpu.usage_user)\n"
            "  Aggregate: groupBy=[], aggr=[max(usage_user) AS max(cpu.usage_user)]\n" +
                Indent(2, kScanCpu));
  EXPECT_EQ(PlanText("SELECT count(*), count(usage_idle), count(DISTINCT region), avg(usage_user) AS a FROM cpu"),
            "Projection: count(*), count(cpu.usage_idle), count(DISTINCT cpu.region), avg(cpu.usage_user) AS a\n"
            "  Aggregate: groupBy=[], aggr=[count(*) AS count(*), count(usage_idle) AS count(cpu.usage_idle), "
            "count(DISTINCT region) AS count(DISTINCT cpu.region), avg(usage_user) AS avg(cpu.usage_user)]\n" +
                Indent(2, kScanCpu));
}

TEST(BindAggregateTest, GroupByColumnExpressionAliasAndOrdinal) {
  const std::string expected_by_column =
      "Projection: hostname, max(cpu.usage_user)\n"
      "  Aggregate: groupBy=[hostname], aggr=[max(usage_user) AS max(cpu.usage_user)]\n" +
      Indent(2, kScanCpu);
  EXPECT_EQ(PlanText("SELECT hostname, max(usage_user) FROM cpu GROUP BY hostname"), expected_by_column);
  EXPECT_EQ(PlanText("SELECT hostname, max(usage_user) FROM cpu GROUP BY 1"), expected_by_column);
  EXPECT_EQ(PlanText("SELECT hostname, max(usage_user) FROM cpu GROUP BY cpu.hostname"), expected_by_column);
  EXPECT_EQ(PlanText("SELECT hostname AS h, max(usage_user) FROM cpu GROUP BY h"),
            "Projection: hostname AS h, max(cpu.usage_user)\n"
            "  Aggregate: groupBy=[hostname], aggr=[max(usage_user) AS max(cpu.usage_user)]\n" +
                Indent(2, kScanCpu));
  const std::string bin =
      "date_bin(IntervalMonthDayNano(\"IntervalMonthDayNano { months: 0, days: 0, nanoseconds: 60000000000 "
      "}\"),cpu.time)";
  const std::string expected_by_expression =
      "Projection: " + bin + " AS minute, count(*)\n" +
      "  Aggregate: groupBy=[date_bin(INTERVAL '0 mons 0 days 60000000000 ns', time) AS " + bin +
      "], aggr=[count(*) AS count(*)]\n" + Indent(2, kScanCpu);
  EXPECT_EQ(PlanText("SELECT date_bin(INTERVAL '1 minute', time) AS minute, count(*) FROM cpu GROUP BY 1"),
            expected_by_expression);
  EXPECT_EQ(PlanText("SELECT date_bin(INTERVAL '1 minute', time) AS minute, count(*) FROM cpu GROUP BY minute"),
            expected_by_expression);
  EXPECT_EQ(PlanText("SELECT date_bin(INTERVAL '1 minute', time) AS minute, count(*) FROM cpu "
                     "GROUP BY date_bin(INTERVAL '1' MINUTE, time)"),
            expected_by_expression);
  // Grouped columns may be used inside expressions, and keys need not be selected.
  EXPECT_EQ(PlanText("SELECT upper(hostname) AS h, count(*) FROM cpu GROUP BY hostname, region"),
            "Projection: upper(hostname) AS h, count(*)\n"
            "  Aggregate: groupBy=[hostname, region], aggr=[count(*) AS count(*)]\n" +
                Indent(2, kScanCpu));
}

TEST(BindAggregateTest, AggregatesInsideExpressions) {
  EXPECT_EQ(PlanText("SELECT max(usage_user) - min(usage_user), round(avg(usage_user), 2) AS r FROM cpu"),
            "Projection: max(cpu.usage_user) - min(cpu.usage_user) AS max(cpu.usage_user) - min(cpu.usage_user), "
            "round(avg(cpu.usage_user), 2) AS r\n"
            "  Aggregate: groupBy=[], aggr=[max(usage_user) AS max(cpu.usage_user), min(usage_user) AS "
            "min(cpu.usage_user), avg(usage_user) AS avg(cpu.usage_user)]\n" +
                Indent(2, kScanCpu));
  // The same aggregate used twice is computed once.
  EXPECT_EQ(PlanText("SELECT max(usage_user), max(usage_user) * 2 AS d FROM cpu"),
            "Projection: max(cpu.usage_user), max(cpu.usage_user) * 2 AS d\n"
            "  Aggregate: groupBy=[], aggr=[max(usage_user) AS max(cpu.usage_user)]\n" +
                Indent(2, kScanCpu));
  EXPECT_EQ(PlanText("SELECT CASE WHEN count(*) > 10 THEN 'many' ELSE 'few' END AS c FROM cpu"),
            "Projection: CASE WHEN count(*) > 10 THEN 'many' ELSE 'few' END AS c\n"
            "  Aggregate: groupBy=[], aggr=[count(*) AS count(*)]\n" +
                Indent(2, kScanCpu));
}

TEST(BindAggregateTest, OrderedAggregates) {
  EXPECT_EQ(PlanText("SELECT hostname, last_value(usage_user ORDER BY time) AS u, "
                     "first_value(region ORDER BY time DESC) AS r FROM cpu GROUP BY hostname"),
            "Projection: hostname, last_value(cpu.usage_user) ORDER BY [cpu.time ASC NULLS LAST] AS u, "
            "first_value(cpu.region) ORDER BY [cpu.time DESC NULLS FIRST] AS r\n"
            "  Aggregate: groupBy=[hostname], aggr=[last_value(usage_user ORDER BY time) AS last_value(cpu.usage_user) "
            "ORDER BY [cpu.time ASC NULLS LAST], first_value(region ORDER BY time DESC) AS first_value(cpu.region) "
            "ORDER BY [cpu.time DESC NULLS FIRST]]\n" +
                Indent(2, kScanCpu));
  FakeSchemaProvider schemas;
  ASSERT_OK_AND_ASSIGN(BoundStatement bound,
                       PlanSql("SELECT last_value(usage_user ORDER BY time DESC) FROM cpu", schemas, {}));
  const LogicalPlan& aggregate = *bound.plan->input();
  ASSERT_EQ(aggregate.kind(), LogicalPlan::Kind::kAggregate);
  const AggregateCall& call = aggregate.aggregates()[0];
  EXPECT_TRUE(call.descending);
  ASSERT_EQ(call.args.size(), 2u);  // (value, ORDER BY key)
  EXPECT_EQ(call.args[1]->ToString(), "time");
  EXPECT_EQ(call.call.output_type, DataType::Float64());
}

TEST(BindAggregateTest, FilterAndDistinct) {
  EXPECT_EQ(PlanText("SELECT count(*) FILTER (WHERE usage_user > 50) AS busy, sum(DISTINCT usage_idle) AS s FROM cpu"),
            "Projection: count(*) FILTER (WHERE cpu.usage_user > Int64(50)) AS busy, sum(DISTINCT cpu.usage_idle) "
            "AS s\n"
            "  Aggregate: groupBy=[], aggr=[count(*) FILTER (WHERE usage_user > 50) AS count(*) FILTER (WHERE "
            "cpu.usage_user > Int64(50)), sum(DISTINCT usage_idle) AS sum(DISTINCT cpu.usage_idle)]\n" +
                Indent(2, kScanCpu));
  FakeSchemaProvider schemas;
  ASSERT_OK_AND_ASSIGN(BoundStatement bound,
                       PlanSql("SELECT count(DISTINCT hostname) FILTER (WHERE region = 'us') FROM cpu", schemas, {}));
  const AggregateCall& call = bound.plan->input()->aggregates()[0];
  EXPECT_TRUE(call.distinct);
  ASSERT_NE(call.filter, nullptr);
  EXPECT_EQ(call.filter->ToString(), "region = 'us'");
}

TEST(BindAggregateTest, LiteralArguments) {
  FakeSchemaProvider schemas;
  ASSERT_OK_AND_ASSIGN(BoundStatement bound,
                       PlanSql("SELECT approx_percentile_cont(usage_user, 0.9) FROM cpu", schemas, {}));
  const AggregateCall& call = bound.plan->input()->aggregates()[0];
  ASSERT_EQ(call.literal_args.size(), 2u);
  EXPECT_FALSE(call.literal_args[0].has_value());
  ASSERT_TRUE(call.literal_args[1].has_value());
  EXPECT_EQ(*call.literal_args[1], Scalar::Float64(0.9));
}

TEST(BindAggregateTest, Having) {
  EXPECT_EQ(PlanText("SELECT hostname, count(*) FROM cpu GROUP BY hostname HAVING count(*) > 10"),
            "Projection: hostname, count(*)\n"
            "  Filter: count(*) > 10\n"
            "    Aggregate: groupBy=[hostname], aggr=[count(*) AS count(*)]\n" +
                Indent(3, kScanCpu));
  // HAVING may use SELECT aliases and aggregates the SELECT list does not output.
  EXPECT_EQ(PlanText("SELECT hostname, count(*) AS c FROM cpu GROUP BY hostname HAVING c > 10 AND "
                     "max(usage_user) < 90 AND hostname <> 'a'"),
            "Projection: hostname, count(*) AS c\n"
            "  Filter: count(*) > 10 AND max(cpu.usage_user) < 90 AND hostname <> 'a'\n"
            "    Aggregate: groupBy=[hostname], aggr=[count(*) AS count(*), max(usage_user) AS "
            "max(cpu.usage_user)]\n" +
                Indent(3, kScanCpu));
  // HAVING alone makes the query an aggregation over all rows.
  EXPECT_EQ(PlanText("SELECT count(*) FROM cpu HAVING count(*) > 1"),
            "Projection: count(*)\n"
            "  Filter: count(*) > 1\n"
            "    Aggregate: groupBy=[], aggr=[count(*) AS count(*)]\n" +
                Indent(3, kScanCpu));
}

TEST(BindAggregateTest, OrderByAggregates) {
  EXPECT_EQ(PlanText("SELECT hostname, max(usage_user) AS m FROM cpu GROUP BY hostname ORDER BY max(usage_user) DESC"),
            "Sort: m DESC NULLS FIRST\n"
            "  Projection: hostname, max(cpu.usage_user) AS m\n"
            "    Aggregate: groupBy=[hostname], aggr=[max(usage_user) AS max(cpu.usage_user)]\n" +
                Indent(3, kScanCpu));
  EXPECT_EQ(PlanText("SELECT hostname FROM cpu GROUP BY hostname ORDER BY count(*) DESC, 1"),
            "Projection: hostname\n"
            "  Sort: count(*) DESC NULLS FIRST, hostname ASC NULLS LAST\n"
            "    Projection: hostname, count(*)\n"
            "      Aggregate: groupBy=[hostname], aggr=[count(*) AS count(*)]\n" +
                Indent(4, kScanCpu));
}

TEST(BindAggregateTest, DistinctWithGroupBy) {
  EXPECT_EQ(PlanText("SELECT DISTINCT count(*) AS c FROM cpu GROUP BY hostname"),
            "Distinct\n"
            "  Projection: count(*) AS c\n"
            "    Aggregate: groupBy=[hostname], aggr=[count(*) AS count(*)]\n" +
                Indent(3, kScanCpu));
}

TEST(BindAggregateTest, Errors) {
  struct Case {
    const char* sql;
    const char* message;
  };
  const Case cases[] = {
      {"SELECT hostname, region FROM cpu GROUP BY hostname",
       "Error during planning: column \"cpu.region\" must appear in the GROUP BY clause or be used in an aggregate "
       "function at Line: 1, Column: 18"},
      {"SELECT hostname, max(usage_user) FROM cpu",
       "Error during planning: column \"cpu.hostname\" must appear in the GROUP BY clause or be used in an "
       "aggregate function at Line: 1, Column: 8"},
      {"SELECT * FROM cpu GROUP BY hostname",
       "Error during planning: column \"cpu.region\" must appear in the GROUP BY clause or be used in an aggregate "
       "function at Line: 1, Column: 8"},
      {"SELECT hostname FROM cpu GROUP BY hostname ORDER BY region",
       "Error during planning: column \"cpu.region\" must appear in the GROUP BY clause or be used in an aggregate "
       "function at Line: 1, Column: 53"},
      {"SELECT usage_user + max(usage_user) FROM cpu",
       "Error during planning: column \"cpu.usage_user\" must appear in the GROUP BY clause or be used in an "
       "aggregate function at Line: 1, Column: 8"},
      {"SELECT max(max(usage_user)) FROM cpu",
       "Error during planning: aggregate function calls cannot be nested at Line: 1, Column: 12"},
      {"SELECT * FROM cpu WHERE max(usage_user) > 1",
       "Error during planning: aggregate functions are not allowed in WHERE: max at Line: 1, Column: 25"},
      {"SELECT count(*) FROM cpu GROUP BY max(usage_user)",
       "Error during planning: aggregate functions are not allowed in GROUP BY: max at Line: 1, Column: 35"},
      {"SELECT max(usage_user) AS m FROM cpu GROUP BY 1",
       "Error during planning: aggregate functions are not allowed in GROUP BY: max at Line: 1, Column: 47"},
      {"SELECT count(*) FROM cpu GROUP BY 3",
       "Error during planning: GROUP BY position 3 is not in select list at Line: 1, Column: 35"},
      {"SELECT sum(hostname) FROM cpu",
       "Error during planning: no aggregate function matches sum(dictionary<values=string, indices=int32>); "
       "candidates: sum(int64), sum(uint64), sum(double) at Line: 1, Column: 8"},
      {"SELECT first_value(usage_user) FROM cpu",
       "Error during planning: first_value requires an ORDER BY clause, e.g. first_value(x ORDER BY time) at Line: "
       "1, Column: 8"},
      {"SELECT max(*) FROM cpu",
       "Error during planning: max(*) is not valid: * is only allowed in count(*) at Line: 1, Column: 8"},
      {"SELECT sum(usage_user) FILTER (WHERE usage_user) FROM cpu",
       "Error during planning: FILTER must be a boolean expression, found Float64 at Line: 1, Column: 38"},
      {"SELECT count(*) FILTER (WHERE max(usage_user) > 1) FROM cpu",
       "Error during planning: aggregate function calls cannot be nested at Line: 1, Column: 31"},
  };
  for (const Case& c : cases) {
    Status status = PlanStatus(c.sql);
    EXPECT_TRUE(status.IsInvalidArgument()) << c.sql << ": " << status.ToString();
    EXPECT_EQ(status.message(), c.message) << c.sql;
  }
  Status status = PlanStatus("SELECT count(usage_user ORDER BY time) FROM cpu");
  EXPECT_TRUE(status.IsNotImplemented());
  EXPECT_EQ(status.message(), "This feature is not implemented: ORDER BY inside count(...) at Line: 1, Column: 34");
  // An explicit null placement inside an ordered aggregate is carried to the aggregator.
  EXPECT_TRUE(PlanStatus("SELECT last_value(usage_user ORDER BY time NULLS FIRST) FROM cpu").ok());
}

}  // namespace
}  // namespace quiver::sql
