#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"
#include "server/http/api_token.h"
#include "server/http/http_request.h"

namespace quiver::http {

// Bodies InfluxDB 3 sends for authentication failures (byte-exact: clients match them;
// note the space after the colon).
inline constexpr std::string_view kUnauthenticatedBody =
    R"({"error": "the request was not authenticated"})";
inline constexpr std::string_view kMalformedAuthorizationMessage =
    "Authorization header was malformed, the request was not in the form of "
    "'Authorization: <auth-scheme> <token>', supported auth-schemes are Bearer, Token and Basic";

// Parses one `Authorization` header value and returns the token it carries:
//   "Bearer <t>" | "Token <t>"   (scheme is case-sensitive)
//   "Basic base64(<user>:<t>)"   (user ignored; split at the first ':')
// InvalidArgument(kMalformedAuthorizationMessage) for anything else: unknown scheme,
// missing or empty token, extra parts, bad base64, no ':' in the Basic credentials.
Result<std::string> ParseAuthorizationHeader(std::string_view value);

// The token a request presents, or nullopt if it presents none. For the v1 paths `/write`
// and `/query` the `p` query parameter is accepted and takes precedence over the header
// (`u` is ignored). Errors as ParseAuthorizationHeader.
Result<std::optional<std::string>> ExtractRequestToken(const HttpRequest& request);

// Checks requests against the admin token. Holds only the token's SHA-256, never the
// token; compares digests in constant time. Immutable, so thread-safe.
class TokenAuthenticator {
 public:
  explicit TokenAuthenticator(const TokenDigest& admin_token_digest)
      : admin_token_digest_(admin_token_digest) {}

  bool IsValidToken(std::string_view token) const;

  // OK if the request presents the admin token. Unauthenticated if it presents no token
  // or another one; InvalidArgument if its Authorization header is malformed.
  Status Authenticate(const HttpRequest& request) const;

 private:
  TokenDigest admin_token_digest_;
};

}  // namespace quiver::http
