#pragma once

#include <string>

#include "server/http/http_headers.h"

namespace quiver::http {

// A complete HTTP response. The server adds Content-Length (except for 1xx/204/304),
// Connection and, for status < 400, `Access-Control-Allow-Origin: *`.
struct HttpResponse {
  int status = 200;
  HttpHeaders headers;
  std::string body;

  // `text/plain; charset=utf-8`.
  static HttpResponse Text(int status, std::string body);
  // `application/json`.
  static HttpResponse Json(int status, std::string body);
  // No body (e.g. 204).
  static HttpResponse Empty(int status);
  // An error from the error path: a text body and, like InfluxDB 3, no Content-Type.
  static HttpResponse Error(int status, std::string body);
};

}  // namespace quiver::http
