#include "server/http/auth.h"

#include <gtest/gtest.h>

#include "server/http/base64.h"
#include "server/http/query_string.h"
#include "testing/status_matchers.h"

namespace quiver::http {
namespace {

constexpr std::string_view kToken = "apiv3_secret-token";

HttpRequest MakeRequest(std::string path, std::string query = "") {
  HttpRequest request;
  request.method = HttpMethod::kGet;
  request.path = std::move(path);
  request.query_params = ParseQueryString(query);
  return request;
}

std::string Basic(std::string_view credentials) {
  return "Basic " + Base64Encode(credentials, Base64Alphabet::kStandard, true);
}

TEST(ParseAuthorizationHeaderTest, AcceptedSchemes) {
  ASSERT_OK_AND_ASSIGN(std::string token, ParseAuthorizationHeader("Bearer abc"));
  EXPECT_EQ(token, "abc");
  ASSERT_OK_AND_ASSIGN(token, ParseAuthorizationHeader("Token abc"));
  EXPECT_EQ(token, "abc");
  ASSERT_OK_AND_ASSIGN(token, ParseAuthorizationHeader(Basic("user:abc")));
  EXPECT_EQ(token, "abc");
  ASSERT_OK_AND_ASSIGN(token, ParseAuthorizationHeader(Basic(":abc")));
  EXPECT_EQ(token, "abc");
  // The user name ends at the first ':'.
  ASSERT_OK_AND_ASSIGN(token, ParseAuthorizationHeader(Basic("user:a:b")));
  EXPECT_EQ(token, "a:b");
}

TEST(ParseAuthorizationHeaderTest, MalformedHeaders) {
  for (std::string_view value :
       {"", "Bearer", "Bearer ", "bearer abc", "BEARER abc", "Token", "Bearer a b", "Bearer  abc",
        "Digest abc", "abc", "Basic !!!", "Basic"}) {
    Result<std::string> token = ParseAuthorizationHeader(value);
    ASSERT_EQ(token.status().code(), StatusCode::kInvalidArgument) << "'" << value << "'";
    EXPECT_EQ(token.status().message(), kMalformedAuthorizationMessage);
  }
  // Basic credentials without ':' or with an empty token.
  ASSERT_RAISES(kInvalidArgument, ParseAuthorizationHeader(Basic("just-a-token")));
  ASSERT_RAISES(kInvalidArgument, ParseAuthorizationHeader(Basic("user:")));
}

TEST(ExtractRequestTokenTest, NoCredentials) {
  ASSERT_OK_AND_ASSIGN(std::optional<std::string> token, ExtractRequestToken(MakeRequest("/x")));
  EXPECT_FALSE(token.has_value());
}

TEST(ExtractRequestTokenTest, PasswordParameterOnlyForV1Paths) {
  for (std::string path : {"/write", "/query"}) {
    HttpRequest request = MakeRequest(path, "u=anyone&p=from-param");
    request.headers.Add("Authorization", "Bearer from-header");
    ASSERT_OK_AND_ASSIGN(std::optional<std::string> token, ExtractRequestToken(request));
    EXPECT_EQ(token, "from-param") << path;
  }
  // `p` takes precedence even over a malformed header.
  HttpRequest request = MakeRequest("/query", "p=x");
  request.headers.Add("Authorization", "nonsense");
  ASSERT_OK(ExtractRequestToken(request));

  HttpRequest v3 = MakeRequest("/api/v3/query_sql", "p=from-param");
  ASSERT_OK_AND_ASSIGN(std::optional<std::string> token, ExtractRequestToken(v3));
  EXPECT_FALSE(token.has_value());
}

TEST(TokenAuthenticatorTest, Authenticate) {
  TokenAuthenticator authenticator(HashToken(kToken));
  EXPECT_TRUE(authenticator.IsValidToken(kToken));
  EXPECT_FALSE(authenticator.IsValidToken("apiv3_wrong"));
  EXPECT_FALSE(authenticator.IsValidToken(""));

  HttpRequest none = MakeRequest("/api/v3/query_sql");
  ASSERT_RAISES(kUnauthenticated, authenticator.Authenticate(none));

  for (std::string header :
       {std::string("Bearer ") + std::string(kToken), std::string("Token ") + std::string(kToken),
        Basic(std::string("me:") + std::string(kToken))}) {
    HttpRequest request = MakeRequest("/api/v3/query_sql");
    request.headers.Add("authorization", header);
    EXPECT_OK(authenticator.Authenticate(request));
  }

  HttpRequest wrong = MakeRequest("/api/v3/query_sql");
  wrong.headers.Add("Authorization", "Bearer nope");
  ASSERT_RAISES(kUnauthenticated, authenticator.Authenticate(wrong));

  HttpRequest malformed = MakeRequest("/api/v3/query_sql");
  malformed.headers.Add("Authorization", "Bearer");
  ASSERT_RAISES(kInvalidArgument, authenticator.Authenticate(malformed));

  HttpRequest v1 = MakeRequest("/write", "db=x&p=" + std::string(kToken));
  EXPECT_OK(authenticator.Authenticate(v1));
  HttpRequest v1_wrong = MakeRequest("/write", "db=x&p=wrong");
  v1_wrong.headers.Add("Authorization", std::string("Bearer ") + std::string(kToken));
  ASSERT_RAISES(kUnauthenticated, authenticator.Authenticate(v1_wrong));
}

}  // namespace
}  // namespace quiver::http
