#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/status.h"
#include "server/http/http_request.h"
#include "server/http/response_writer.h"

namespace quiver::http {

// A route handler. Runs on a worker thread (never an I/O thread) and may block: a write
// waits for the WAL fsync, a query may run for seconds. It must answer through `writer`
// (see ResponseWriter for the contract) and must not throw.
using HttpHandler = std::function<void(const HttpRequest& request, ResponseWriter& writer)>;

enum class RouteAccess {
  kAuthenticated,  // needs the admin token (when the server runs with auth)
  kPublic,         // no token needed (/health, /ping)
};

struct Route {
  HttpMethod method;
  std::string path;
  HttpHandler handler;
  RouteAccess access;
};

// Maps (method, exact path) to a handler. A wrong method on a known path is "not found",
// like InfluxDB 3 (it matches on the pair).
//
// Recipe for a new route: see README.md in this folder.
//
// Thread-safety: Add only before the router is handed to the server; Find is safe to call
// concurrently afterwards.
class Router {
 public:
  // AlreadyExists if (method, path) is taken; InvalidArgument if `path` does not start
  // with '/', `method` is kOther or `handler` is empty.
  Status Add(HttpMethod method, std::string path, HttpHandler handler,
             RouteAccess access = RouteAccess::kAuthenticated);

  // The route for (method, path), or nullptr. The pointer lives as long as the router.
  const Route* Find(HttpMethod method, std::string_view path) const;

 private:
  struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  std::unordered_map<std::string, std::vector<Route>, StringHash, std::equal_to<>> routes_;
};

}  // namespace quiver::http
