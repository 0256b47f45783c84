#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "server/http/auth.h"
#include "server/http/http_request.h"
#include "server/http/response_writer.h"
#include "server/http/router.h"

namespace quiver::http {

// "max request size (10485760 bytes) exceeded", InfluxDB 3's 413 text.
std::string RequestTooLargeMessage(uint64_t max_request_size);

// The request pipeline every HTTP/1.1 request goes through, on a worker thread, once its
// raw body has been read (within the size limit):
//  1. OPTIONS on any path → 204 with the CORS headers; no authentication.
//  2. Authentication, unless auth is off or the (method, path) route is public:
//     a malformed Authorization header → 400, no or a wrong token → 401. This runs
//     before route matching, so an unauthenticated request to an unknown path gets 401,
//     as in InfluxDB 3.
//  3. Content-Encoding: absent or `identity` → body as is; `gzip` → inflated (output
//     capped at `max_request_size` → 413; corrupt → 400); anything else → 400
//     `unacceptable content-encoding: <value>`.
//  4. The route's handler; no route → 404 `Not found`.
//
// No Beast or sockets here, so the whole pipeline is unit-testable with a fake writer.
// Immutable after construction, so thread-safe. `router` must outlive the dispatcher.
class RequestDispatcher {
 public:
  // `authenticator` nullopt = the server runs without auth.
  RequestDispatcher(const Router* router, std::optional<TokenAuthenticator> authenticator,
                    uint64_t max_request_size);

  // Answers `request` through `writer`. Decodes `request.body` in place before the route
  // handler sees it.
  void Dispatch(HttpRequest& request, ResponseWriter& writer) const;

 private:
  // Inflates the body if needed; on failure the error response was already sent.
  bool DecodeBody(HttpRequest& request, ResponseWriter& writer) const;

  const Router* router_;
  std::optional<TokenAuthenticator> authenticator_;
  uint64_t max_request_size_;
};

}  // namespace quiver::http
