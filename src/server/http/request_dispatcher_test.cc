#include "server/http/request_dispatcher.h"

#include <gtest/gtest.h>

#include "server/http/gzip.h"
#include "server/http/query_string.h"
#include "server/http/recording_writer_for_test.h"
#include "testing/status_matchers.h"

namespace quiver::http {
namespace {

constexpr std::string_view kToken = "apiv3_test";
constexpr uint64_t kLimit = 1000;

class RequestDispatcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto echo = [](const HttpRequest& request, ResponseWriter& writer) {
      HttpResponse response = HttpResponse::Text(200, request.body);
      response.headers.Set("X-Saw-Content-Encoding",
                           request.Header("Content-Encoding") ? "yes" : "no");
      (void)writer.Send(std::move(response));
    };
    ASSERT_OK(router_.Add(HttpMethod::kPost, "/echo", echo));
    ASSERT_OK(router_.Add(HttpMethod::kPost, "/write", echo));
    ASSERT_OK(router_.Add(HttpMethod::kGet, "/open", echo, RouteAccess::kPublic));
  }

  RecordingWriter Dispatch(HttpRequest request, bool with_auth = true) {
    RequestDispatcher dispatcher(
        &router_, with_auth ? std::optional(TokenAuthenticator(HashToken(kToken))) : std::nullopt,
        kLimit);
    RecordingWriter writer;
    dispatcher.Dispatch(request, writer);
    return writer;
  }

  static HttpRequest Request(HttpMethod method, std::string target, bool authorized = true) {
    HttpRequest request;
    request.method = method;
    request.method_name = std::string(HttpMethodName(method));
    request.target = target;
    std::string_view path, query;
    SplitTarget(target, &path, &query);
    request.path = std::string(path);
    request.query_params = ParseQueryString(query);
    if (authorized) request.headers.Add("Authorization", "Bearer " + std::string(kToken));
    return request;
  }

  Router router_;
};

TEST_F(RequestDispatcherTest, RoutesAuthorizedRequests) {
  HttpRequest request = Request(HttpMethod::kPost, "/echo");
  request.body = "hello";
  RecordingWriter writer = Dispatch(std::move(request));
  EXPECT_EQ(writer.status(), 200);
  EXPECT_EQ(writer.body(), "hello");
}

TEST_F(RequestDispatcherTest, UnknownPathIs404WhenAuthorized) {
  RecordingWriter writer = Dispatch(Request(HttpMethod::kGet, "/nope"));
  EXPECT_EQ(writer.status(), 404);
  EXPECT_EQ(writer.body(), "Not found");
  // A wrong method on a known path is not found too.
  EXPECT_EQ(Dispatch(Request(HttpMethod::kGet, "/echo")).status(), 404);
}

TEST_F(RequestDispatcherTest, AuthenticationComesBeforeRouting) {
  RecordingWriter unknown = Dispatch(Request(HttpMethod::kGet, "/nope", /*authorized=*/false));
  EXPECT_EQ(unknown.status(), 401);
  EXPECT_EQ(unknown.body(), R"({"error": "the request was not authenticated"})");

  HttpRequest wrong = Request(HttpMethod::kPost, "/echo", false);
  wrong.headers.Add("Authorization", "Token wrong");
  EXPECT_EQ(Dispatch(std::move(wrong)).status(), 401);

  HttpRequest malformed = Request(HttpMethod::kPost, "/echo", false);
  malformed.headers.Add("Authorization", "Bearer");
  RecordingWriter writer = Dispatch(std::move(malformed));
  EXPECT_EQ(writer.status(), 400);
  EXPECT_EQ(
      writer.body(),
      R"({"error": "Authorization header was malformed, the request was not in the form of 'Authorization: <auth-scheme> <token>', supported auth-schemes are Bearer, Token and Basic"})");
}

TEST_F(RequestDispatcherTest, PublicRoutesAndNoAuthMode) {
  EXPECT_EQ(Dispatch(Request(HttpMethod::kGet, "/open", false)).status(), 200);
  EXPECT_EQ(Dispatch(Request(HttpMethod::kPost, "/echo", false), /*with_auth=*/false).status(),
            200);
  EXPECT_EQ(Dispatch(Request(HttpMethod::kPost, "/write?p=" + std::string(kToken), false)).status(),
            200);
}

TEST_F(RequestDispatcherTest, OptionsIsCorsPreflightWithoutAuth) {
  RecordingWriter writer = Dispatch(Request(HttpMethod::kOptions, "/anything", false));
  EXPECT_EQ(writer.status(), 204);
  const HttpHeaders& headers = writer.response().headers;
  EXPECT_EQ(headers.Get("Access-Control-Allow-Origin"), "*");
  EXPECT_EQ(headers.Get("Access-Control-Allow-Methods"), "*");
  EXPECT_EQ(headers.Get("Access-Control-Allow-Headers"), "*");
  EXPECT_EQ(headers.Get("Access-Control-Max-Age"), "86400");
}

TEST_F(RequestDispatcherTest, ContentEncoding) {
  ASSERT_OK_AND_ASSIGN(std::string compressed, Gzip("zipped body"));
  HttpRequest gzip = Request(HttpMethod::kPost, "/echo");
  gzip.headers.Add("Content-Encoding", "gzip");
  gzip.body = compressed;
  RecordingWriter writer = Dispatch(std::move(gzip));
  EXPECT_EQ(writer.status(), 200);
  EXPECT_EQ(writer.body(), "zipped body");
  EXPECT_EQ(writer.response().headers.Get("X-Saw-Content-Encoding"), "no");

  HttpRequest identity = Request(HttpMethod::kPost, "/echo");
  identity.headers.Add("Content-Encoding", "identity");
  identity.body = "plain";
  EXPECT_EQ(Dispatch(std::move(identity)).body(), "plain");

  HttpRequest brotli = Request(HttpMethod::kPost, "/echo");
  brotli.headers.Add("Content-Encoding", "br");
  writer = Dispatch(std::move(brotli));
  EXPECT_EQ(writer.status(), 400);
  EXPECT_EQ(writer.body(), "unacceptable content-encoding: br");

  HttpRequest corrupt = Request(HttpMethod::kPost, "/echo");
  corrupt.headers.Add("Content-Encoding", "gzip");
  corrupt.body = "not gzip at all";
  writer = Dispatch(std::move(corrupt));
  EXPECT_EQ(writer.status(), 400);
  EXPECT_NE(writer.body().find("invalid gzip body"), std::string::npos) << writer.body();
}

TEST_F(RequestDispatcherTest, InflatedSizeIsCapped) {
  ASSERT_OK_AND_ASSIGN(std::string compressed, Gzip(std::string(kLimit + 1, 'a')));
  ASSERT_LT(compressed.size(), kLimit);
  HttpRequest request = Request(HttpMethod::kPost, "/echo");
  request.headers.Add("Content-Encoding", "gzip");
  request.body = compressed;
  RecordingWriter writer = Dispatch(std::move(request));
  EXPECT_EQ(writer.status(), 413);
  EXPECT_EQ(writer.body(), "max request size (1000 bytes) exceeded");
}

TEST_F(RequestDispatcherTest, UnauthenticatedGzipIsNotInflated) {
  HttpRequest request = Request(HttpMethod::kPost, "/echo", false);
  request.headers.Add("Content-Encoding", "gzip");
  request.body = "garbage";
  EXPECT_EQ(Dispatch(std::move(request)).status(), 401);
}

}  // namespace
}  // namespace quiver::http
