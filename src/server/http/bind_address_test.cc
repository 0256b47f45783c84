#include "server/http/bind_address.h"

#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace quiver::http {
namespace {

TEST(BindAddressTest, Parses) {
  ASSERT_OK_AND_ASSIGN(BindAddress address, ParseBindAddress("127.0.0.1:8181"));
  EXPECT_EQ(address.host, "127.0.0.1");
  EXPECT_EQ(address.port, 8181);
  ASSERT_OK_AND_ASSIGN(address, ParseBindAddress(":0"));
  EXPECT_EQ(address.host, "0.0.0.0");
  EXPECT_EQ(address.port, 0);
  ASSERT_OK_AND_ASSIGN(address, ParseBindAddress("[::1]:9000"));
  EXPECT_EQ(address.host, "::1");
  EXPECT_EQ(address.port, 9000);
  ASSERT_OK_AND_ASSIGN(address, ParseBindAddress("localhost:1"));
  EXPECT_EQ(address.host, "localhost");
}

TEST(BindAddressTest, Rejects) {
  for (std::string_view text : {"127.0.0.1", "127.0.0.1:", "127.0.0.1:65536", "127.0.0.1:x",
                                "::1:80", "[::1]", "[::1]80", "[]:80", "host:-1"}) {
    EXPECT_EQ(ParseBindAddress(text).status().code(), StatusCode::kInvalidArgument) << text;
  }
}

TEST(BindAddressTest, Formats) {
  EXPECT_EQ(FormatHostPort("127.0.0.1", 8181), "127.0.0.1:8181");
  EXPECT_EQ(FormatHostPort("::1", 8181), "[::1]:8181");
}

}  // namespace
}  // namespace quiver::http
