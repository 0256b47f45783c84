#include "server/http/http_headers.h"

#include <gtest/gtest.h>

namespace quiver::http {
namespace {

TEST(HttpHeadersTest, LookupIsCaseInsensitive) {
  HttpHeaders headers;
  headers.Add("Content-Type", "text/plain");
  EXPECT_EQ(headers.Get("content-type"), "text/plain");
  EXPECT_EQ(headers.Get("CONTENT-TYPE"), "text/plain");
  EXPECT_FALSE(headers.Get("Content-Length").has_value());
  EXPECT_TRUE(headers.Has("CoNtEnT-tYpE"));
}

TEST(HttpHeadersTest, AddKeepsDuplicatesSetReplaces) {
  HttpHeaders headers;
  headers.Add("X-A", "1");
  headers.Add("x-a", "2");
  EXPECT_EQ(headers.Get("X-A"), "1");
  EXPECT_EQ(headers.GetAll("X-A"), (std::vector<std::string_view>{"1", "2"}));
  headers.Set("X-a", "3");
  EXPECT_EQ(headers.GetAll("x-A"), (std::vector<std::string_view>{"3"}));
  headers.Remove("X-A");
  EXPECT_TRUE(headers.empty());
}

TEST(HttpHeadersTest, EqualsIgnoreCase) {
  EXPECT_TRUE(EqualsIgnoreCase("gzip", "GZip"));
  EXPECT_FALSE(EqualsIgnoreCase("gzip", "gzip2"));
  EXPECT_TRUE(EqualsIgnoreCase("", ""));
}

}  // namespace
}  // namespace quiver::http
