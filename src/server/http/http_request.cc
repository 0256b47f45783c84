#include "server/http/http_request.h"

namespace quiver::http {

std::string_view HttpMethodName(HttpMethod method) {
  switch (method) {
    case HttpMethod::kGet:
      return "GET";
    case HttpMethod::kHead:
      return "HEAD";
    case HttpMethod::kPost:
      return "POST";
    case HttpMethod::kPut:
      return "PUT";
    case HttpMethod::kDelete:
      return "DELETE";
    case HttpMethod::kOptions:
      return "OPTIONS";
    case HttpMethod::kPatch:
      return "PATCH";
    case HttpMethod::kOther:
      return "OTHER";
  }
  return "OTHER";
}

HttpMethod ParseHttpMethod(std::string_view name) {
  if (name == "GET") return HttpMethod::kGet;
  if (name == "HEAD") return HttpMethod::kHead;
  if (name == "POST") return HttpMethod::kPost;
  if (name == "PUT") return HttpMethod::kPut;
  if (name == "DELETE") return HttpMethod::kDelete;
  if (name == "OPTIONS") return HttpMethod::kOptions;
  if (name == "PATCH") return HttpMethod::kPatch;
  return HttpMethod::kOther;
}

std::optional<std::string_view> HttpRequest::QueryParam(std::string_view name) const {
  auto it = query_params.find(name);
  if (it == query_params.end()) return std::nullopt;
  return std::string_view(it->second);
}

}  // namespace quiver::http
