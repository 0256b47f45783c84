#include "server/http/router.h"

#include <utility>

namespace quiver::http {

Status Router::Add(HttpMethod method, std::string path, HttpHandler handler, RouteAccess access) {
  if (path.empty() || path.front() != '/') {
    return Status::InvalidArgument("route path must start with '/': {}", path);
  }
  if (method == HttpMethod::kOther) {
    return Status::InvalidArgument("route needs a standard method: {}", path);
  }
  if (!handler) return Status::InvalidArgument("route has no handler: {}", path);
  std::vector<Route>& routes = routes_[path];
  for (const Route& route : routes) {
    if (route.method == method) {
      return Status::AlreadyExists("route already registered: {} {}", HttpMethodName(method), path);
    }
  }
  routes.push_back(Route{method, std::move(path), std::move(handler), access});
  return Status::OK();
}

const Route* Router::Find(HttpMethod method, std::string_view path) const {
  auto it = routes_.find(path);
  if (it == routes_.end()) return nullptr;
  for (const Route& route : it->second) {
    if (route.method == method) return &route;
  }
  return nullptr;
}

}  // namespace quiver::http
