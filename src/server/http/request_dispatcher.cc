#include "server/http/request_dispatcher.h"

#include <fmt/format.h>

#include "server/http/gzip.h"

namespace quiver::http {

namespace {

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

HttpResponse CorsPreflightResponse() {
  HttpResponse response = HttpResponse::Empty(204);
  response.headers.Set("Access-Control-Allow-Origin", "*");
  response.headers.Set("Access-Control-Allow-Methods", "*");
  response.headers.Set("Access-Control-Allow-Headers", "*");
  response.headers.Set("Access-Control-Max-Age", "86400");
  return response;
}

}  // namespace

std::string RequestTooLargeMessage(uint64_t max_request_size) {
  return fmt::format("max request size ({} bytes) exceeded", max_request_size);
}

RequestDispatcher::RequestDispatcher(const Router* router,
                                     std::optional<TokenAuthenticator> authenticator,
                                     uint64_t max_request_size)
    : router_(router),
      authenticator_(std::move(authenticator)),
      max_request_size_(max_request_size) {}

void RequestDispatcher::Dispatch(HttpRequest& request, ResponseWriter& writer) const {
  if (request.method == HttpMethod::kOptions) {
    (void)writer.Send(CorsPreflightResponse());
    return;
  }
  const Route* route = router_->Find(request.method, request.path);
  if (authenticator_ && (route == nullptr || route->access != RouteAccess::kPublic)) {
    Status auth = authenticator_->Authenticate(request);
    if (!auth.ok()) {
      if (auth.IsInvalidArgument()) {
        (void)writer.Send(HttpResponse::Error(
            400, fmt::format(R"({{"error": "{}"}})", kMalformedAuthorizationMessage)));
      } else {
        (void)writer.Send(HttpResponse::Error(401, std::string(kUnauthenticatedBody)));
      }
      return;
    }
  }
  if (!DecodeBody(request, writer)) return;
  if (route == nullptr) {
    (void)writer.Send(HttpResponse::Error(404, "Not found"));
    return;
  }
  route->handler(request, writer);
}

bool RequestDispatcher::DecodeBody(HttpRequest& request, ResponseWriter& writer) const {
  std::optional<std::string_view> encoding_header = request.Header("Content-Encoding");
  if (!encoding_header) return true;
  std::string_view encoding = TrimSpaces(*encoding_header);
  if (encoding.empty() || EqualsIgnoreCase(encoding, "identity")) return true;
  if (!EqualsIgnoreCase(encoding, "gzip")) {
    (void)writer.Send(
        HttpResponse::Error(400, fmt::format("unacceptable content-encoding: {}", encoding)));
    return false;
  }
  Result<std::string> inflated = GunzipBounded(request.body, max_request_size_);
  if (!inflated.ok()) {
    if (inflated.status().IsResourceExhausted()) {
      (void)writer.Send(HttpResponse::Error(413, RequestTooLargeMessage(max_request_size_)));
    } else {
      (void)writer.Send(HttpResponse::Error(400, inflated.status().message()));
    }
    return false;
  }
  request.body = std::move(*inflated);
  request.headers.Remove("Content-Encoding");  // handlers see the decoded body only
  return true;
}

}  // namespace quiver::http
