#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "server/http/http_headers.h"

namespace quiver::http {

enum class HttpMethod { kGet, kHead, kPost, kPut, kDelete, kOptions, kPatch, kOther };

// "GET", "HEAD", ...; "OTHER" for kOther.
std::string_view HttpMethodName(HttpMethod method);
// Case-sensitive, as RFC 9110 says; unknown names give kOther.
HttpMethod ParseHttpMethod(std::string_view name);

// Query parameters in the order they appeared; a name may repeat.
using QueryParams = std::multimap<std::string, std::string, std::less<>>;

// One HTTP request as the router and handlers see it. Plain value, no I/O.
struct HttpRequest {
  HttpMethod method = HttpMethod::kGet;
  // The method as sent ("GET", "PROPFIND", ...); useful when method == kOther.
  std::string method_name;
  // The request-target as sent, e.g. "/query?db=x&q=SELECT%201".
  std::string target;
  // The target up to '?', not percent-decoded (routes match on the raw path).
  std::string path;
  // Percent-decoded query parameters ('+' decodes to a space).
  QueryParams query_params;
  HttpHeaders headers;
  // The body. By the time a route handler runs, a `Content-Encoding: gzip` body has been
  // inflated (and the header removed) and the size limit enforced.
  std::string body;
  // The peer, "ip:port" ("[v6]:port" for IPv6).
  std::string remote_address;

  // First value of query parameter `name`; the view lives as long as the request.
  std::optional<std::string_view> QueryParam(std::string_view name) const;
  // First value of header `name` (case-insensitive).
  std::optional<std::string_view> Header(std::string_view name) const { return headers.Get(name); }
};

}  // namespace quiver::http
