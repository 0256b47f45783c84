#include "sql/sql_planner.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "sql/fake_schema_provider_for_test.h"
#include "testing/status_matchers.h"

namespace quiver::sql {
namespace {

TEST(SqlPlannerTest, PlansConcurrently) {
  const std::vector<std::string> queries = {
      "SELECT date_bin(INTERVAL '1 minute', time) AS minute, max(usage_user) AS max_usage_user FROM cpu WHERE "
      "hostname IN ('host_1') AND time >= '2016-01-01T00:00:00Z' AND time < '2016-01-01T01:00:00Z' GROUP BY 1 "
      "ORDER BY 1",
      "SELECT hostname, last_value(usage_user ORDER BY time) AS u FROM cpu GROUP BY hostname ORDER BY hostname",
      "SELECT * FROM cpu WHERE hostname ~ '^host_[0-9]+$' AND usage_user > $x ORDER BY time DESC LIMIT 10",
      "SHOW COLUMNS FROM cpu",
      "SELECT nope FROM cpu",
  };
  FakeSchemaProvider schemas;
  std::map<std::string, Scalar> params = {{"x", Scalar::Float64(90)}};
  std::vector<std::string> expected;
  for (const std::string& sql : queries) {
    Result<BoundStatement> bound = PlanSql(sql, schemas, params);
    expected.push_back(bound.ok() ? bound->plan->ToString() : bound.status().ToString());
  }
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        for (size_t q = 0; q < queries.size(); ++q) {
          Result<BoundStatement> bound = PlanSql(queries[q], schemas, params);
          std::string text = bound.ok() ? bound->plan->ToString() : bound.status().ToString();
          if (text != expected[q]) ++mismatches;
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(mismatches.load(), 0);
}

TEST(SqlPlannerTest, OptimizedPlanOfASimpleQuery) {
  ASSERT_OK_AND_ASSIGN(LogicalPlanPtr plan,
                       OptimizedPlan("SELECT usage_user FROM cpu WHERE hostname = 'a' AND time >= "
                                     "'1970-01-01T00:00:00.000000100Z' LIMIT 3"));
  // The nanosecond-precise literal becomes the scan's time range.
  EXPECT_NE(plan->ToString().find("time=[100, 9223372036854775807]"), std::string::npos) << plan->ToString();
}

}  // namespace
}  // namespace quiver::sql
