#include "sql/parser.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <thread>

#include "testing/status_matchers.h"

namespace quiver::sql {
namespace {

using ::testing::HasSubstr;

std::string Parse(std::string_view sql) {
  Result<Statement> statement = ParseSql(sql);
  if (!statement.ok()) return "ERROR: " + statement.status().ToString();
  return statement->ToString();
}

Status ParseError(std::string_view sql) {
  Result<Statement> statement = ParseSql(sql);
  return statement.ok() ? Status::OK() : statement.status();
}

TEST(ParserTest, SimpleSelect) {
  EXPECT_EQ(Parse("SELECT hostname, usage_user FROM cpu"), "SELECT hostname, usage_user\nFROM cpu\n");
  EXPECT_EQ(Parse("select * from cpu;"), "SELECT *\nFROM cpu\n");
  EXPECT_EQ(Parse("SELECT c.* FROM cpu AS c"), "SELECT c.*\nFROM cpu AS c\n");
}

TEST(ParserTest, IdentifiersAreCaseFolded) {
  EXPECT_EQ(Parse("SELECT HostName, \"Host\" FROM \"Quoted Name\""), "SELECT hostname, Host\nFROM Quoted Name\n");
  EXPECT_EQ(Parse("SELECT Cpu.Usage_User FROM IOX.CPU"), "SELECT cpu.usage_user\nFROM iox.cpu\n");
  EXPECT_EQ(Parse("SELECT 1 FROM public.iox.cpu"), "SELECT 1\nFROM public.iox.cpu\n");
}

TEST(ParserTest, LongIdentifiersAreNotTruncated) {
  // PostgreSQL truncates identifiers to 63 bytes; InfluxDB names may be longer.
  std::string column(80, 'c');
  std::string table = "Table_" + std::string(70, 't');
  std::string alias(64, 'a');
  EXPECT_EQ(Parse("SELECT " + column + " AS " + alias + " FROM \"" + table + "\" AS " + alias),
            "SELECT " + column + " AS " + alias + "\nFROM " + table + " AS " + alias + "\n");
  EXPECT_EQ(Parse("SELECT \"" + std::string(70, 'X') + "\" FROM t"), "SELECT " + std::string(70, 'X') + "\nFROM t\n");
  // Upper-case unquoted names fold to lower case in full.
  EXPECT_EQ(Parse("SELECT " + std::string(70, 'Q') + " FROM t"), "SELECT " + std::string(70, 'q') + "\nFROM t\n");
  // Exactly 63 bytes: unchanged.
  EXPECT_EQ(Parse("SELECT " + std::string(63, 'z') + " FROM t"), "SELECT " + std::string(63, 'z') + "\nFROM t\n");
}

TEST(ParserTest, ClausesAndModifiers) {
  EXPECT_EQ(Parse("SELECT DISTINCT hostname FROM cpu WHERE usage_user > 90.5 GROUP BY 1 HAVING count(*) > 1 "
                  "ORDER BY 1 DESC NULLS LAST, hostname LIMIT 10 OFFSET 5"),
            "SELECT DISTINCT hostname\n"
            "FROM cpu\n"
            "WHERE (usage_user > 90.5)\n"
            "GROUP BY 1\n"
            "HAVING (count(*) > 1)\n"
            "ORDER BY 1 DESC NULLS LAST, hostname ASC\n"
            "LIMIT 10\n"
            "OFFSET 5\n");
  EXPECT_EQ(Parse("SELECT 1 LIMIT ALL"), "SELECT 1\n");
}

TEST(ParserTest, Operators) {
  EXPECT_EQ(Parse("SELECT a + b * c - d / e % f, -a, - 1, +a, 'x' || 'y'"),
            "SELECT ((a + (b * c)) - ((d / e) % f)), (- a), -1, a, ('x' || 'y')\n");
  EXPECT_EQ(Parse("SELECT 1 WHERE a = 1 AND b <> 2 AND c != 3 OR NOT d < 4"),
            "SELECT 1\nWHERE ((((a = 1) AND (b != 2)) AND (c != 3)) OR (NOT (d < 4)))\n");
  EXPECT_EQ(Parse("SELECT a ~ 'x', a ~* 'x', a !~ 'x', a !~* 'x', a LIKE 'x%', a NOT LIKE 'x', a ILIKE 'x', "
                  "a NOT ILIKE 'x'"),
            "SELECT (a ~ 'x'), (a ~* 'x'), (a !~ 'x'), (a !~* 'x'), (a LIKE 'x%'), (a NOT LIKE 'x'), "
            "(a ILIKE 'x'), (a NOT ILIKE 'x')\n");
  EXPECT_EQ(Parse("SELECT a IS NULL, a IS NOT NULL, a IS TRUE, a IS NOT FALSE, a IS UNKNOWN, "
                  "a IS DISTINCT FROM b, a IS NOT DISTINCT FROM b"),
            "SELECT (a IS NULL), (a IS NOT NULL), (a IS TRUE), (a IS NOT FALSE), (a IS UNKNOWN), "
            "(a IS DISTINCT FROM b), (a IS NOT DISTINCT FROM b)\n");
  EXPECT_EQ(Parse("SELECT a IN ('x', 'y'), a NOT IN (1), a BETWEEN 1 AND 2, a NOT BETWEEN 1 AND 2"),
            "SELECT (a IN ('x', 'y')), (a NOT IN (1)), (a BETWEEN 1 AND 2), (a NOT BETWEEN 1 AND 2)\n");
}

TEST(ParserTest, Constants) {
  EXPECT_EQ(Parse("SELECT 1, -2, 1.5, 1e3, 'it''s', true, false, NULL, 2147483648, -9223372036854775808, "
                  "18446744073709551615"),
            "SELECT 1, -2, 1.5, 1000, 'it''s', true, false, NULL, 2147483648, -9223372036854775808, "
            "18446744073709551615\n");
}

TEST(ParserTest, IntervalLiterals) {
  EXPECT_EQ(Parse("SELECT INTERVAL '1 minute', INTERVAL '5 minutes', '1 hour'::interval, INTERVAL '1' MINUTE, "
                  "INTERVAL '2' DAY, interval '1 month'"),
            "SELECT INTERVAL '0 mons 0 days 60000000000 ns', INTERVAL '0 mons 0 days 300000000000 ns', "
            "INTERVAL '0 mons 0 days 3600000000000 ns', INTERVAL '0 mons 0 days 60000000000 ns', "
            "INTERVAL '0 mons 2 days 0 ns', INTERVAL '1 mons 0 days 0 ns'\n");
  Status error = ParseError("SELECT INTERVAL '1 fortnight'");
  EXPECT_TRUE(error.IsInvalidArgument());
  EXPECT_THAT(error.message(), HasSubstr("unknown unit 'fortnight'"));
  EXPECT_THAT(error.message(), HasSubstr("Line: 1, Column: 17"));
}

TEST(ParserTest, CastsAndTypedLiterals) {
  EXPECT_EQ(Parse("SELECT CAST(a AS BIGINT), a::double precision, a::int, a::text, TIMESTAMP '2024-01-01', "
                  "a::timestamp(3), CAST(a AS boolean), a::varchar(10), a::real, a::timestamptz"),
            "SELECT CAST(a AS int64), CAST(a AS double), CAST(a AS int32), CAST(a AS string), "
            "CAST('2024-01-01' AS timestamp[ns]), CAST(a AS timestamp[ms]), CAST(a AS bool), "
            "CAST(a AS string), CAST(a AS float), CAST(a AS timestamp[ns, tz=+00:00])\n");
  Status error = ParseError("SELECT a::geometry");
  EXPECT_TRUE(error.IsNotImplemented()) << error.ToString();
  EXPECT_THAT(error.message(), HasSubstr("SQL type geometry"));
}

TEST(ParserTest, Functions) {
  EXPECT_EQ(Parse("SELECT count(*), count(DISTINCT a), sum(a) FILTER (WHERE a > 1), "
                  "last_value(a ORDER BY time DESC), date_bin(INTERVAL '1 minute', time), now()"),
            "SELECT count(*), count(DISTINCT a), sum(a) FILTER (WHERE (a > 1)), last_value(a ORDER BY time DESC), "
            "date_bin(INTERVAL '0 mons 0 days 60000000000 ns', time), now()\n");
  EXPECT_EQ(Parse("SELECT coalesce(a, b), nullif(a, 1), greatest(a, b), least(a, b), "
                  "extract(year FROM time), position('a' IN b), CURRENT_TIMESTAMP"),
            "SELECT coalesce(a, b), nullif(a, 1), greatest(a, b), least(a, b), date_part('year', time), "
            "strpos(b, 'a'), now()\n");
}

TEST(ParserTest, Case) {
  EXPECT_EQ(Parse("SELECT CASE WHEN a > 1 THEN 'x' WHEN a > 0 THEN 'y' ELSE 'z' END, "
                  "CASE a WHEN 1 THEN 'one' END"),
            "SELECT CASE WHEN (a > 1) THEN 'x' WHEN (a > 0) THEN 'y' ELSE 'z' END, CASE a WHEN 1 THEN 'one' END\n");
}

TEST(ParserTest, NamedAndPositionalPlaceholders) {
  EXPECT_EQ(Parse("SELECT * FROM cpu WHERE hostname = $host AND region = $region AND usage_user > $1 "
                  "AND hostname <> $host"),
            "SELECT *\nFROM cpu\n"
            "WHERE ((((hostname = $host) AND (region = $region)) AND (usage_user > $1)) AND (hostname != $host))\n");
  // Not placeholders: inside strings, quoted identifiers, comments, dollar quotes, names.
  EXPECT_EQ(Parse("SELECT '$x', \"$y\", a$b /* $z */ -- $w\n FROM t"), "SELECT '$x', $y, a$b\nFROM t\n");
  EXPECT_EQ(Parse("SELECT $$ $x $$"), "SELECT ' $x '\n");
  // Error positions after a rewritten placeholder refer to the original text.
  Status error = ParseError("SELECT $longname, FROM cpu");
  EXPECT_THAT(error.message(), HasSubstr("syntax error at or near \\\"FROM\\\" at Line: 1, Column: 19"));
}

TEST(ParserTest, FromItems) {
  EXPECT_EQ(Parse("SELECT x FROM (SELECT 1 AS x) AS t(y)"),
            "SELECT x\nFROM (subquery) AS t(y)\n  SELECT 1 AS x\n");
  EXPECT_EQ(Parse("SELECT * FROM information_schema.tables"), "SELECT *\nFROM information_schema.tables\n");
  EXPECT_EQ(Parse("SELECT * FROM system.queries q"), "SELECT *\nFROM system.queries AS q\n");
}

TEST(ParserTest, SetOperationsValuesAndCtes) {
  EXPECT_EQ(Parse("SELECT 1 UNION ALL SELECT 2 UNION SELECT 3 ORDER BY 1 LIMIT 2"),
            "UNION\n  UNION ALL\n    SELECT 1\n    SELECT 2\n  SELECT 3\nORDER BY 1 ASC\nLIMIT 2\n");
  EXPECT_EQ(Parse("VALUES (1, 'a'), (2, 'b')"), "VALUES (1, 'a'), (2, 'b')\n");
  EXPECT_EQ(Parse("WITH x AS (SELECT 1 AS a), y(b) AS (SELECT a FROM x) SELECT b FROM y"),
            "WITH x\n  SELECT 1 AS a\nWITH y\n  SELECT a\n  FROM x\nSELECT b\nFROM y\n");
}

TEST(ParserTest, ExplainAndShow) {
  Result<Statement> explain = ParseSql("EXPLAIN SELECT 1");
  ASSERT_OK(explain);
  EXPECT_EQ(explain->type, Statement::Type::kExplain);
  EXPECT_FALSE(explain->analyze);
  Result<Statement> analyze = ParseSql("EXPLAIN ANALYZE VERBOSE SELECT 1");
  ASSERT_OK(analyze);
  EXPECT_TRUE(analyze->analyze);
  EXPECT_TRUE(analyze->verbose);
  EXPECT_EQ(Parse("SHOW TABLES"), "SHOW TABLES\n");
  EXPECT_EQ(Parse("show columns from cpu;"), "SHOW COLUMNS FROM cpu\n");
  EXPECT_EQ(Parse("SHOW FULL COLUMNS IN iox.\"Quoted Name\""), "SHOW FULL COLUMNS FROM iox.Quoted Name\n");
  EXPECT_EQ(Parse("SHOW ALL"), "SHOW all\n");
  EXPECT_EQ(Parse("SHOW datafusion.execution.batch_size"), "SHOW datafusion.execution.batch_size\n");
  Status error = ParseError("SHOW COLUMNS cpu");
  EXPECT_THAT(error.message(), HasSubstr("Expected: FROM or IN, found: cpu at Line: 1, Column: 14"));
  error = ParseError("SHOW COLUMNS FROM cpu extra");
  EXPECT_THAT(error.message(), HasSubstr("Expected: end of statement, found: extra"));
}

TEST(ParserTest, SyntaxErrorsCarryPositions) {
  Status error = ParseError("SELECT * FORM cpu");
  EXPECT_TRUE(error.IsInvalidArgument());
  EXPECT_EQ(error.message(), "SQL error: ParserError(\"syntax error at or near \\\"FORM\\\" at Line: 1, Column: 10\")");
  error = ParseError("SELECT *\nFROM cpu\nWHERE");
  EXPECT_THAT(error.message(), HasSubstr("syntax error at end of input at Line: 3, Column: 6"));
  error = ParseError("SELECT 'unterminated");
  EXPECT_THAT(error.message(), HasSubstr("unterminated quoted string"));
  error = ParseError("SELECT x FROM (SELECT 1)");
  EXPECT_THAT(error.message(), HasSubstr("subquery in FROM must have an alias"));
  // Columns count characters, not bytes.
  error = ParseError("SELECT 'é', FROM t");
  EXPECT_THAT(error.message(), HasSubstr("Line: 1, Column: 13"));
}

TEST(ParserTest, StatementCount) {
  Status error = ParseError("SELECT 1; SELECT 2");
  EXPECT_TRUE(error.IsNotImplemented());
  EXPECT_EQ(error.message(),
            "This feature is not implemented: The context currently only supports a single SQL statement");
  error = ParseError("");
  EXPECT_TRUE(error.IsInvalidArgument());
  EXPECT_THAT(error.message(), HasSubstr("No SQL statements were provided"));
  error = ParseError(" ; ");
  EXPECT_THAT(error.message(), HasSubstr("No SQL statements were provided"));
}

TEST(ParserTest, UnsupportedStatements) {
  for (const char* sql : {"INSERT INTO cpu VALUES (1)", "SET x = 1", "CREATE TABLE t (a int)", "DELETE FROM cpu",
                          "DROP TABLE cpu", "UPDATE cpu SET a = 1"}) {
    Status error = ParseError(sql);
    EXPECT_TRUE(error.IsInvalidArgument()) << sql << ": " << error.ToString();
    EXPECT_THAT(error.message(), HasSubstr("Unsupported SQL statement")) << sql;
  }
  EXPECT_THAT(ParseError("set x = 1").message(), HasSubstr("Unsupported SQL statement: SET"));
}

TEST(ParserTest, UnsupportedFeaturesNameTheFeature) {
  struct Case {
    const char* sql;
    const char* feature;
  };
  const Case cases[] = {
      {"SELECT * FROM cpu JOIN mem ON cpu.a = mem.a", "joins"},
      {"SELECT * FROM cpu, mem", "joins"},
      {"SELECT row_number() OVER () FROM cpu", "window functions"},
      {"SELECT (SELECT 1)", "scalar subqueries"},
      {"SELECT 1 WHERE EXISTS (SELECT 1)", "EXISTS subqueries"},
      {"SELECT 1 WHERE a IN (SELECT 1)", "IN / ANY subqueries"},
      {"SELECT 1 INTERSECT SELECT 2", "INTERSECT"},
      {"SELECT 1 EXCEPT SELECT 2", "EXCEPT"},
      {"WITH RECURSIVE t AS (SELECT 1) SELECT * FROM t", "recursive CTEs"},
      {"SELECT DISTINCT ON (a) a FROM t", "DISTINCT ON"},
      {"SELECT a FROM t GROUP BY ROLLUP (a)", "GROUPING SETS"},
      {"SELECT ARRAY[1, 2]", "array literals"},
      {"SELECT a LIKE 'x' ESCAPE '#'", "ESCAPE"},
      {"SELECT a SIMILAR TO 'x'", "SIMILAR TO"},
      {"SELECT * FROM generate_series(1, 2)", "table functions"},
      {"SELECT 1 FOR UPDATE", "locking clauses"},
      {"SELECT a[1] FROM t", "array and field access"},
      {"SELECT a = ANY(b) FROM t", "ANY / ALL"},
  };
  for (const Case& c : cases) {
    Status error = ParseError(c.sql);
    EXPECT_TRUE(error.IsNotImplemented()) << c.sql << ": " << error.ToString();
    EXPECT_THAT(error.message(), HasSubstr("This feature is not implemented: ")) << c.sql;
    EXPECT_THAT(error.message(), HasSubstr(c.feature)) << c.sql;
  }
  // Positions point at the construct.
  EXPECT_THAT(ParseError("SELECT 1,\n  row_number() OVER () FROM cpu").message(), HasSubstr("Line: 2, Column: 3"));
}

TEST(ParserTest, DeepNestingIsAnErrorNotACrash) {
  for (int depth : {2000, 200000}) {
    std::string sql = "SELECT ";
    for (int i = 0; i < depth; ++i) sql += "1 + (";
    sql += "1";
    for (int i = 0; i < depth; ++i) sql += ")";
    Status error = ParseError(sql);
    EXPECT_FALSE(error.ok()) << depth;
  }
}

TEST(ParserTest, ParsesConcurrently) {
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&failures] {
      for (int i = 0; i < 200; ++i) {
        Result<Statement> statement =
            ParseSql("SELECT date_bin(INTERVAL '1 minute', time) AS minute, max(usage_user) FROM cpu "
                     "WHERE hostname IN ('a', 'b') AND time >= '2016-01-01T00:00:00Z' GROUP BY 1 ORDER BY 1");
        if (!statement.ok()) ++failures;
        Result<Statement> bad = ParseSql("SELECT FROM WHERE");
        if (bad.ok()) ++failures;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
}

}  // namespace
}  // namespace quiver::sql
