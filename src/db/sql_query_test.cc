#include <gtest/gtest.h>

#include "db/quiver_db.h"
#include "testing/status_matchers.h"

namespace quiver {
namespace {

// SQL over the write buffer, end to end: line protocol in, rows out.
class SqlQueryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    DbOptions options;
    options.object_store = "memory";
    options.exec.parallelism = 2;
    auto db = QuiverDb::Open(options, &clock_);
    ASSERT_OK(db.status());
    db_ = std::move(*db);
    Write(
        "cpu,host=a,region=eu usage=10.5,idle=89i 1700000000000000000\n"
        "cpu,host=b,region=eu usage=20.25,idle=79i 1700000000000000001\n"
        "cpu,host=a,region=us usage=30,idle=69i,note=\"hi\" 1700000060000000000\n"
        "cpu,host=c usage=5,idle=95i 1700000120000000000\n");
  }

  void Write(std::string_view body) {
    WriteRequest request;
    request.db = "db";
    request.body = body;
    auto outcome = db_->Write(request);
    ASSERT_OK(outcome.status());
    ASSERT_TRUE(outcome->errors.empty()) << outcome->errors[0].message;
  }

  // The result as "col | col\nv | v\n" text.
  std::string Query(std::string_view sql) {
    auto result = db_->QuerySql("db", sql, {});
    if (!result.ok()) return "ERROR: " + result.status().ToString();
    std::string out;
    const SchemaPtr& schema = (*result)->schema();
    for (int i = 0; i < schema->num_fields(); ++i) out += (i ? " | " : "") + schema->field(i).name();
    out += "\n";
    while (true) {
      auto batch = (*result)->Next();
      if (!batch.ok()) return "ERROR: " + batch.status().ToString();
      if (!*batch) break;
      std::string text = (*batch)->ToString();
      out += text.substr(text.find('\n') + 1);
    }
    return out;
  }

  ManualClock clock_{1'700'000'500'000'000'000};
  std::unique_ptr<QuiverDb> db_;
};

TEST_F(SqlQueryTest, SelectStarOrdered) {
  EXPECT_EQ(Query("SELECT * FROM cpu ORDER BY time"),
            "host | idle | note | region | time | usage\n"
            "\"a\" | 89 | null | \"eu\" | 2023-11-14T22:13:20 | 10.5\n"
            "\"b\" | 79 | null | \"eu\" | 2023-11-14T22:13:20.000000001 | 20.25\n"
            "\"a\" | 69 | \"hi\" | \"us\" | 2023-11-14T22:14:20 | 30\n"
            "\"c\" | 95 | null | null | 2023-11-14T22:15:20 | 5\n");
}

TEST_F(SqlQueryTest, FilterProjectAndTagPredicates) {
  EXPECT_EQ(Query("SELECT host, usage * 2 AS doubled FROM cpu WHERE host = 'a' ORDER BY usage"),
            "host | doubled\n\"a\" | 21\n\"a\" | 60\n");
  EXPECT_EQ(Query("SELECT host FROM cpu WHERE host IN ('b', 'c') ORDER BY host"), "host\n\"b\"\n\"c\"\n");
  EXPECT_EQ(Query("SELECT count(*) FROM cpu WHERE region IS NULL"), "count(*)\n1\n");
  EXPECT_EQ(Query("SELECT host FROM cpu WHERE host = 'nope'"), "host\n");
}

TEST_F(SqlQueryTest, TimeRangesAndDateBin) {
  EXPECT_EQ(Query("SELECT count(*) AS n FROM cpu WHERE time >= '2023-11-14T22:14:00Z' AND time < '2023-11-14T22:15:00Z'"),
            "n\n1\n");
  EXPECT_EQ(Query("SELECT date_bin(INTERVAL '1 minute', time) AS minute, max(usage) AS m FROM cpu GROUP BY 1 ORDER BY 1"),
            "minute | m\n"
            "2023-11-14T22:13:00 | 20.25\n"
            "2023-11-14T22:14:00 | 30\n"
            "2023-11-14T22:15:00 | 5\n");
}

TEST_F(SqlQueryTest, GroupByTagWithAggregates) {
  EXPECT_EQ(Query("SELECT host, count(*) AS n, sum(idle) AS s, avg(usage) AS a, min(usage) AS lo FROM cpu "
                  "GROUP BY host ORDER BY host"),
            "host | n | s | a | lo\n"
            "\"a\" | 2 | 158 | 20.25 | 10.5\n"
            "\"b\" | 1 | 79 | 20.25 | 20.25\n"
            "\"c\" | 1 | 95 | 5 | 5\n");
  EXPECT_EQ(Query("SELECT count(*), max(usage) FROM cpu WHERE usage > 1000"), "count(*) | max(cpu.usage)\n0 | null\n");
}

TEST_F(SqlQueryTest, LastValueAndTopK) {
  EXPECT_EQ(Query("SELECT host, last_value(usage ORDER BY time) AS last FROM cpu GROUP BY host ORDER BY host"),
            "host | last\n\"a\" | 30\n\"b\" | 20.25\n\"c\" | 5\n");
  EXPECT_EQ(Query("SELECT host, usage FROM cpu ORDER BY usage DESC LIMIT 2"), "host | usage\n\"a\" | 30\n\"b\" | 20.25\n");
  EXPECT_EQ(Query("SELECT DISTINCT region FROM cpu ORDER BY region"), "region\n\"eu\"\n\"us\"\nnull\n");
}

TEST_F(SqlQueryTest, DuplicatePointsAreMergedForQueries) {
  Write("cpu,host=a,region=eu usage=99 1700000000000000000\n");
  EXPECT_EQ(Query("SELECT usage, idle FROM cpu WHERE host = 'a' AND region = 'eu'"), "usage | idle\n99 | 89\n");
  EXPECT_EQ(Query("SELECT count(*) FROM cpu"), "count(*)\n4\n");
}

TEST_F(SqlQueryTest, MetadataAndExplain) {
  std::string tables = Query("SHOW TABLES");
  EXPECT_NE(tables.find("\"iox\" | \"cpu\" | \"BASE TABLE\""), std::string::npos) << tables;
  std::string columns = Query("SHOW COLUMNS FROM cpu");
  EXPECT_NE(columns.find("\"usage\" | \"Float64\""), std::string::npos) << columns;
  std::string explain = Query("EXPLAIN SELECT max(usage) FROM cpu WHERE host = 'a'");
  EXPECT_NE(explain.find("logical_plan"), std::string::npos) << explain;
  EXPECT_NE(explain.find("TableScan"), std::string::npos) << explain;
  std::string analyze = Query("EXPLAIN ANALYZE SELECT max(usage) FROM cpu");
  EXPECT_NE(analyze.find("rows_out="), std::string::npos) << analyze;
}

TEST_F(SqlQueryTest, Errors) {
  EXPECT_EQ(Query("SELECT * FROM nope").find("ERROR: Invalid argument: Error during planning: table 'public.iox.nope' not found"), 0u)
      << Query("SELECT * FROM nope");
  EXPECT_EQ(Query("SELEC 1").find("ERROR: Invalid argument"), 0u);
  auto missing = db_->QuerySql("other", "SELECT 1", {});
  ASSERT_RAISES(kNotFound, missing);
  EXPECT_EQ(missing.status().message(), "database not found: other");
}

}  // namespace
}  // namespace quiver
