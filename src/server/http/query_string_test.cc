#include "server/http/query_string.h"

#include <gtest/gtest.h>

namespace quiver::http {
namespace {

TEST(QueryStringTest, PercentDecode) {
  EXPECT_EQ(PercentDecode("a%20b+c"), "a b c");
  EXPECT_EQ(PercentDecode("a+b", /*plus_as_space=*/false), "a+b");
  EXPECT_EQ(PercentDecode("%3d%3D%e2%82%ac"), "==\xe2\x82\xac");
  // Malformed escapes are kept as they are.
  EXPECT_EQ(PercentDecode("100%"), "100%");
  EXPECT_EQ(PercentDecode("%zz%4"), "%zz%4");
}

TEST(QueryStringTest, ParsesRepeatedAndEmptyParameters) {
  QueryParams params = ParseQueryString("db=my%20db&q=SELECT+*+FROM+cpu&flag&&db=second&p=");
  EXPECT_EQ(params.count("db"), 2u);
  auto range = params.equal_range("db");
  EXPECT_EQ(range.first->second, "my db");
  EXPECT_EQ(std::next(range.first)->second, "second");
  EXPECT_EQ(params.find("q")->second, "SELECT * FROM cpu");
  EXPECT_EQ(params.find("flag")->second, "");
  EXPECT_EQ(params.find("p")->second, "");
  EXPECT_EQ(params.size(), 5u);
}

TEST(QueryStringTest, DecodesNames) {
  QueryParams params = ParseQueryString("a%5Bb%5D=1&x=a%3Db");
  EXPECT_EQ(params.find("a[b]")->second, "1");
  EXPECT_EQ(params.find("x")->second, "a=b");
}

TEST(QueryStringTest, SplitTarget) {
  std::string_view path, query;
  SplitTarget("/query?db=x&q=1", &path, &query);
  EXPECT_EQ(path, "/query");
  EXPECT_EQ(query, "db=x&q=1");
  SplitTarget("/health", &path, &query);
  EXPECT_EQ(path, "/health");
  EXPECT_EQ(query, "");
  SplitTarget("/a?b=1#frag", &path, &query);
  EXPECT_EQ(path, "/a");
  EXPECT_EQ(query, "b=1");
}

TEST(QueryStringTest, RequestQueryParamReturnsFirst) {
  HttpRequest request;
  request.query_params = ParseQueryString("u=me&p=one&p=two");
  EXPECT_EQ(request.QueryParam("p"), "one");
  EXPECT_FALSE(request.QueryParam("db").has_value());
}

}  // namespace
}  // namespace quiver::http
