#include "server/http/system_routes.h"

#include <gtest/gtest.h>

#include "server/http/recording_writer_for_test.h"
#include "testing/status_matchers.h"

namespace quiver::http {
namespace {

RecordingWriter Call(const Router& router, HttpMethod method, const std::string& path) {
  const Route* route = router.Find(method, path);
  EXPECT_NE(route, nullptr) << path;
  RecordingWriter writer;
  if (route == nullptr) return writer;
  EXPECT_EQ(route->access, RouteAccess::kPublic);
  HttpRequest request;
  request.method = method;
  request.path = path;
  route->handler(request, writer);
  return writer;
}

TEST(SystemRoutesTest, Health) {
  Router router;
  ASSERT_OK(AddSystemRoutes(router, BuildInfo{"Quiver", "1.2.3", "abc123"}));
  for (const char* path : {"/health", "/api/v1/health"}) {
    RecordingWriter writer = Call(router, HttpMethod::kGet, path);
    EXPECT_EQ(writer.status(), 200);
    EXPECT_EQ(writer.body(), "OK");
    EXPECT_EQ(writer.response().headers.Get("Content-Type"), "text/plain; charset=utf-8");
  }
}

TEST(SystemRoutesTest, Ping) {
  Router router;
  ASSERT_OK(AddSystemRoutes(router, BuildInfo{"Quiver", "1.2.3", "abc123"}));
  RecordingWriter get = Call(router, HttpMethod::kGet, "/ping");
  EXPECT_EQ(get.status(), 200);
  EXPECT_TRUE(get.body().starts_with(
      R"({"product_name":"Quiver","version":"1.2.3","revision":"abc123","process_id":")"))
      << get.body();
  const HttpHeaders& headers = get.response().headers;
  EXPECT_EQ(headers.Get("Content-Type"), "application/json");
  EXPECT_EQ(headers.Get("X-Influxdb-Version"), "1.2.3");
  EXPECT_EQ(headers.Get("X-Influxdb-Build"), "Quiver");
  ASSERT_TRUE(headers.Get("Request-Id").has_value());
  EXPECT_EQ(headers.Get("Request-Id")->size(), 36u);
  EXPECT_EQ(headers.Get("Request-Id")->at(14), '7');  // UUID version 7
  EXPECT_EQ(headers.Get("Request-Id"), headers.Get("X-Request-Id"));

  RecordingWriter post = Call(router, HttpMethod::kPost, "/ping");
  EXPECT_EQ(post.body(), get.body());  // same process id
  EXPECT_NE(post.response().headers.Get("Request-Id"), headers.Get("Request-Id"));

  RecordingWriter head = Call(router, HttpMethod::kHead, "/ping");
  EXPECT_EQ(head.status(), 204);
  EXPECT_EQ(head.body(), "");
  EXPECT_EQ(head.response().headers.Get("X-Influxdb-Version"), "1.2.3");
  EXPECT_EQ(head.response().headers.Get("X-Influxdb-Build"), "Quiver");
}

}  // namespace
}  // namespace quiver::http
