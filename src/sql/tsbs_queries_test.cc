// The TSBS devops queries in InfluxDB 3 SQL (shared/reference/performance-anchors.md,
// "SQL equivalents A"): they bind, and the optimizer turns their WHERE clauses into scan
// time ranges and tag predicates.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sql/fake_schema_provider_for_test.h"
#include "testing/status_matchers.h"

namespace quiver::sql {
namespace {

using ::testing::HasSubstr;

constexpr int64_t kStart = 1451606400000000000;  // 2016-01-01T00:00:00Z
constexpr int64_t kHour = 3'600'000'000'000;

// The only Scan of a plan.
const ScanSpec* FindScan(const LogicalPlanPtr& plan) {
  if (plan->kind() == LogicalPlan::Kind::kScan) return &plan->scan();
  for (const LogicalPlanPtr& input : plan->inputs()) {
    if (const ScanSpec* scan = FindScan(input)) return scan;
  }
  return nullptr;
}

std::vector<std::string> ScanColumns(const ScanSpec& scan) {
  std::vector<std::string> names;
  for (int index : scan.projection) names.push_back(scan.table.schema->field(index).name());
  return names;
}

TEST(TsbsQueriesTest, SingleGroupBy) {
  const char* sql =
      "SELECT date_bin(INTERVAL '1 minute', time) AS minute, max(usage_user) AS max_usage_user FROM cpu "
      "WHERE hostname IN ('host_1', 'host_7') AND time >= '2016-01-01T00:00:00Z' AND time < "
      "'2016-01-01T01:00:00Z' GROUP BY 1 ORDER BY 1 ASC";
  const std::string bin =
      "date_bin(IntervalMonthDayNano(\"IntervalMonthDayNano { months: 0, days: 0, nanoseconds: 60000000000 "
      "}\"),cpu.time)";
  EXPECT_EQ(PlanText(sql),
            "Sort: minute ASC NULLS LAST\n"
            "  Projection: " + bin + " AS minute, max(cpu.usage_user) AS max_usage_user\n" +
                "    Aggregate: groupBy=[date_bin(INTERVAL '0 mons 0 days 60000000000 ns', time) AS " + bin +
                "], aggr=[max(usage_user) AS max(cpu.usage_user)]\n" +
                "      Filter: hostname IN ('host_1', 'host_7') AND time >= TIMESTAMP '2016-01-01T00:00:00' AND "
                "time < TIMESTAMP '2016-01-01T01:00:00'\n"
                "        TableScan: iox.cpu projection=[hostname, region, usage_idle, usage_system, usage_user, "
                "time]\n");
  ASSERT_OK_AND_ASSIGN(LogicalPlanPtr optimized, OptimizedPlan(sql));
  EXPECT_THAT(optimized->ToString(),
              HasSubstr("TableScan: iox.cpu projection=[usage_user, time] filters=[hostname IN ('host_1', "
                        "'host_7'), time >= TIMESTAMP '2016-01-01T00:00:00', time < TIMESTAMP "
                        "'2016-01-01T01:00:00'] time=[1451606400000000000, 1451609999999999999]"));
  const ScanSpec* scan = FindScan(optimized);
  ASSERT_NE(scan, nullptr);
  EXPECT_EQ(scan->time_range, (TimeRange{kStart, kStart + kHour - 1}));
  ASSERT_EQ(scan->tag_predicates.size(), 1u);
  EXPECT_EQ(scan->tag_predicates[0].column, 0);  // hostname
  EXPECT_EQ(scan->tag_predicates[0].values, (std::vector<std::string>{"host_1", "host_7"}));
  EXPECT_FALSE(scan->tag_predicates[0].negated);
}

TEST(TsbsQueriesTest, CpuMaxAll) {
  const char* sql =
      "SELECT date_bin(INTERVAL '1 hour', time) AS hour, max(usage_user) AS max_usage_user, max(usage_system) AS "
      "max_usage_system, max(usage_idle) AS max_usage_idle FROM cpu WHERE hostname IN ('host_3') AND time >= "
      "'2016-01-01T00:00:00Z' AND time < '2016-01-01T08:00:00Z' GROUP BY 1 ORDER BY 1 ASC";
  ASSERT_OK_AND_ASSIGN(LogicalPlanPtr optimized, OptimizedPlan(sql));
  const ScanSpec* scan = FindScan(optimized);
  ASSERT_NE(scan, nullptr);
  EXPECT_EQ(scan->time_range, (TimeRange{kStart, kStart + 8 * kHour - 1}));
  ASSERT_EQ(scan->tag_predicates.size(), 1u);
  EXPECT_EQ(scan->tag_predicates[0].values, (std::vector<std::string>{"host_3"}));
  EXPECT_EQ(ScanColumns(*scan), (std::vector<std::string>{"usage_idle", "usage_system", "usage_user", "time"}));
  EXPECT_EQ(optimized->schema()->field(0).name(), "hour");
  EXPECT_EQ(optimized->schema()->field(3).name(), "max_usage_idle");
}

TEST(TsbsQueriesTest, DoubleGroupBy) {
  const char* sql =
      "SELECT date_bin(INTERVAL '1 hour', time) AS hour, hostname, avg(usage_user) AS avg_usage_user, "
      "avg(usage_system) AS avg_usage_system FROM cpu WHERE time >= '2016-01-01T00:00:00Z' AND time < "
      "'2016-01-01T12:00:00Z' GROUP BY 1, hostname ORDER BY 1 ASC, hostname ASC";
  std::string plan = PlanText(sql);
  EXPECT_THAT(plan, HasSubstr("Sort: hour ASC NULLS LAST, hostname ASC NULLS LAST\n"));
  EXPECT_THAT(plan, HasSubstr("Aggregate: groupBy=[date_bin(INTERVAL '0 mons 0 days 3600000000000 ns', time) AS "));
  EXPECT_THAT(plan, HasSubstr(", hostname], aggr=[avg(usage_user) AS avg(cpu.usage_user), avg(usage_system) AS "
                              "avg(cpu.usage_system)]"));
  ASSERT_OK_AND_ASSIGN(LogicalPlanPtr optimized, OptimizedPlan(sql));
  const ScanSpec* scan = FindScan(optimized);
  ASSERT_NE(scan, nullptr);
  EXPECT_EQ(scan->time_range, (TimeRange{kStart, kStart + 12 * kHour - 1}));
  EXPECT_TRUE(scan->tag_predicates.empty());
  EXPECT_EQ(ScanColumns(*scan), (std::vector<std::string>{"hostname", "usage_system", "usage_user", "time"}));
}

TEST(TsbsQueriesTest, HighCpu) {
  const char* sql =
      "SELECT * FROM cpu WHERE usage_user > 90.0 AND time >= '2016-01-01T00:00:00Z' AND time < "
      "'2016-01-01T12:00:00Z' AND hostname IN ('host_9') ORDER BY time ASC, hostname ASC";
  EXPECT_EQ(PlanText(sql),
            "Sort: time ASC NULLS LAST, hostname ASC NULLS LAST\n"
            "  Projection: hostname, region, usage_idle, usage_system, usage_user, time\n"
            "    Filter: usage_user > 90 AND time >= TIMESTAMP '2016-01-01T00:00:00' AND time < TIMESTAMP "
            "'2016-01-01T12:00:00' AND hostname IN ('host_9')\n"
            "      TableScan: iox.cpu projection=[hostname, region, usage_idle, usage_system, usage_user, time]\n");
  ASSERT_OK_AND_ASSIGN(LogicalPlanPtr optimized, OptimizedPlan(sql));
  const ScanSpec* scan = FindScan(optimized);
  ASSERT_NE(scan, nullptr);
  EXPECT_EQ(scan->time_range, (TimeRange{kStart, kStart + 12 * kHour - 1}));
  ASSERT_EQ(scan->tag_predicates.size(), 1u);
  EXPECT_EQ(scan->tag_predicates[0].values, (std::vector<std::string>{"host_9"}));
  EXPECT_EQ(scan->filters.size(), 4u);
  // high-cpu-all: no host filter.
  ASSERT_OK_AND_ASSIGN(optimized, OptimizedPlan("SELECT * FROM cpu WHERE usage_user > 90.0 AND time >= "
                                                "'2016-01-01T00:00:00Z' AND time < '2016-01-01T12:00:00Z' "
                                                "ORDER BY time ASC, hostname ASC"));
  scan = FindScan(optimized);
  ASSERT_NE(scan, nullptr);
  EXPECT_TRUE(scan->tag_predicates.empty());
  EXPECT_EQ(scan->time_range, (TimeRange{kStart, kStart + 12 * kHour - 1}));
}

TEST(TsbsQueriesTest, LastPoint) {
  const char* sql =
      "SELECT hostname, last_value(time ORDER BY time) AS time, last_value(region ORDER BY time) AS region, "
      "last_value(usage_user ORDER BY time) AS usage_user, last_value(usage_system ORDER BY time) AS "
      "usage_system, last_value(usage_idle ORDER BY time) AS usage_idle FROM cpu GROUP BY hostname ORDER BY "
      "hostname ASC";
  std::string plan = PlanText(sql);
  EXPECT_THAT(plan, HasSubstr("Sort: hostname ASC NULLS LAST\n"));
  EXPECT_THAT(plan, HasSubstr("Projection: hostname, last_value(cpu.time) ORDER BY [cpu.time ASC NULLS LAST] AS "
                              "time, last_value(cpu.region) ORDER BY [cpu.time ASC NULLS LAST] AS region"));
  EXPECT_THAT(plan, HasSubstr("Aggregate: groupBy=[hostname], aggr=[last_value(time ORDER BY time) AS "
                              "last_value(cpu.time) ORDER BY [cpu.time ASC NULLS LAST], last_value(region ORDER BY "
                              "time) AS last_value(cpu.region) ORDER BY [cpu.time ASC NULLS LAST]"));
  FakeSchemaProvider schemas;
  ASSERT_OK_AND_ASSIGN(BoundStatement bound, PlanSql(sql, schemas, {}));
  const Schema& schema = *bound.plan->schema();
  ASSERT_EQ(schema.num_fields(), 6);
  EXPECT_EQ(schema.field(1).name(), "time");
  EXPECT_EQ(schema.field(1).type(), DataType::Timestamp());
  EXPECT_EQ(schema.field(2).name(), "region");
  EXPECT_EQ(schema.field(3).type(), DataType::Float64());
  ASSERT_OK_AND_ASSIGN(LogicalPlanPtr optimized, Optimize(bound.plan));
  const ScanSpec* scan = FindScan(optimized);
  ASSERT_NE(scan, nullptr);
  EXPECT_TRUE(scan->time_range.is_all());
}

TEST(TsbsQueriesTest, GroupByOrderByLimit) {
  const char* sql =
      "SELECT date_bin(INTERVAL '1 minute', time) AS minute, max(usage_user) AS max_usage_user FROM cpu WHERE "
      "time < '2016-01-01T12:00:00Z' GROUP BY 1 ORDER BY 1 DESC LIMIT 5";
  std::string plan = PlanText(sql);
  EXPECT_THAT(plan, HasSubstr("Limit: skip=0, fetch=5\n  Sort: minute DESC NULLS FIRST\n"));
  ASSERT_OK_AND_ASSIGN(LogicalPlanPtr optimized, OptimizedPlan(sql));
  EXPECT_THAT(optimized->ToString(), HasSubstr("Sort: minute DESC NULLS FIRST, fetch=5"));
  const ScanSpec* scan = FindScan(optimized);
  ASSERT_NE(scan, nullptr);
  EXPECT_EQ(scan->time_range, (TimeRange{std::numeric_limits<int64_t>::min(), kStart + 12 * kHour - 1}));
}

TEST(TsbsQueriesTest, TagEqualityAndParameters) {
  std::map<std::string, Scalar> params = {{"host", Scalar::Utf8("host_5")},
                                          {"start", Scalar::Utf8("2016-01-01T00:00:00Z")}};
  ASSERT_OK_AND_ASSIGN(LogicalPlanPtr optimized,
                       OptimizedPlan("SELECT usage_user FROM cpu WHERE hostname = $host AND time >= $start", params));
  const ScanSpec* scan = FindScan(optimized);
  ASSERT_NE(scan, nullptr);
  EXPECT_EQ(scan->time_range.min, kStart);
  ASSERT_EQ(scan->tag_predicates.size(), 1u);
  EXPECT_EQ(scan->tag_predicates[0].values, (std::vector<std::string>{"host_5"}));
  ASSERT_OK_AND_ASSIGN(optimized, OptimizedPlan("SELECT usage_user FROM cpu WHERE hostname = 'a' OR hostname = 'b'"));
  scan = FindScan(optimized);
  ASSERT_NE(scan, nullptr);
  ASSERT_EQ(scan->tag_predicates.size(), 1u);
  EXPECT_EQ(scan->tag_predicates[0].values, (std::vector<std::string>{"a", "b"}));
}

}  // namespace
}  // namespace quiver::sql
