#include "server/http/auth.h"

#include "server/http/base64.h"

namespace quiver::http {

namespace {

Status Malformed() { return Status::InvalidArgument("{}", kMalformedAuthorizationMessage); }

Result<std::string> TokenFromBasicCredentials(std::string_view encoded) {
  Result<std::string> decoded = Base64Decode(encoded, Base64Alphabet::kStandard);
  if (!decoded.ok()) return Malformed();
  std::string_view credentials = *decoded;
  size_t colon = credentials.find(':');
  if (colon == std::string_view::npos) return Malformed();
  std::string_view token = credentials.substr(colon + 1);
  if (token.empty()) return Malformed();
  return std::string(token);
}

}  // namespace

Result<std::string> ParseAuthorizationHeader(std::string_view value) {
  // Exactly "<scheme> <credentials>", split on single spaces like InfluxDB 3.
  size_t space = value.find(' ');
  if (space == std::string_view::npos) return Malformed();
  std::string_view scheme = value.substr(0, space);
  std::string_view credentials = value.substr(space + 1);
  if (credentials.empty() || credentials.find(' ') != std::string_view::npos) return Malformed();
  if (scheme == "Bearer" || scheme == "Token") return std::string(credentials);
  if (scheme == "Basic") return TokenFromBasicCredentials(credentials);
  return Malformed();
}

Result<std::optional<std::string>> ExtractRequestToken(const HttpRequest& request) {
  if (request.path == "/write" || request.path == "/query") {
    if (std::optional<std::string_view> password = request.QueryParam("p")) {
      return std::optional<std::string>(std::string(*password));
    }
  }
  std::optional<std::string_view> header = request.Header("Authorization");
  if (!header) return std::optional<std::string>();
  ASSIGN_OR_RETURN(std::string token, ParseAuthorizationHeader(*header));
  return std::optional<std::string>(std::move(token));
}

bool TokenAuthenticator::IsValidToken(std::string_view token) const {
  return TokenDigestsEqual(HashToken(token), admin_token_digest_);
}

Status TokenAuthenticator::Authenticate(const HttpRequest& request) const {
  ASSIGN_OR_RETURN(std::optional<std::string> token, ExtractRequestToken(request));
  if (!token || !IsValidToken(*token)) {
    return Status::Unauthenticated("the request was not authenticated");
  }
  return Status::OK();
}

}  // namespace quiver::http
