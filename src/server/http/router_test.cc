#include "server/http/router.h"

#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace quiver::http {
namespace {

void Noop(const HttpRequest&, ResponseWriter&) {}

TEST(RouterTest, MatchesMethodAndExactPath) {
  Router router;
  ASSERT_OK(router.Add(HttpMethod::kGet, "/health", Noop, RouteAccess::kPublic));
  ASSERT_OK(router.Add(HttpMethod::kPost, "/write", Noop));
  const Route* route = router.Find(HttpMethod::kGet, "/health");
  ASSERT_NE(route, nullptr);
  EXPECT_EQ(route->access, RouteAccess::kPublic);
  EXPECT_EQ(router.Find(HttpMethod::kPost, "/write")->access, RouteAccess::kAuthenticated);
  EXPECT_EQ(router.Find(HttpMethod::kPost, "/health"), nullptr);
  EXPECT_EQ(router.Find(HttpMethod::kGet, "/health/"), nullptr);
  EXPECT_EQ(router.Find(HttpMethod::kGet, "/HEALTH"), nullptr);
  EXPECT_EQ(router.Find(HttpMethod::kGet, "/nope"), nullptr);
}

TEST(RouterTest, RejectsDuplicatesAndBadRoutes) {
  Router router;
  ASSERT_OK(router.Add(HttpMethod::kGet, "/ping", Noop));
  ASSERT_OK(router.Add(HttpMethod::kPost, "/ping", Noop));
  ASSERT_RAISES(kAlreadyExists, router.Add(HttpMethod::kGet, "/ping", Noop));
  ASSERT_RAISES(kInvalidArgument, router.Add(HttpMethod::kGet, "ping", Noop));
  ASSERT_RAISES(kInvalidArgument, router.Add(HttpMethod::kGet, "/x", nullptr));
  ASSERT_RAISES(kInvalidArgument, router.Add(HttpMethod::kOther, "/x", Noop));
}

TEST(HttpMethodTest, ParseAndName) {
  EXPECT_EQ(ParseHttpMethod("GET"), HttpMethod::kGet);
  EXPECT_EQ(ParseHttpMethod("OPTIONS"), HttpMethod::kOptions);
  EXPECT_EQ(ParseHttpMethod("get"), HttpMethod::kOther);
  EXPECT_EQ(ParseHttpMethod("PROPFIND"), HttpMethod::kOther);
  EXPECT_EQ(HttpMethodName(HttpMethod::kDelete), "DELETE");
}

}  // namespace
}  // namespace quiver::http
