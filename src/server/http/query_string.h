#pragma once

#include <string>
#include <string_view>

#include "server/http/http_request.h"

namespace quiver::http {

// Decodes application/x-www-form-urlencoded text: "%XX" becomes the byte 0xXX and, when
// `plus_as_space`, '+' becomes ' '. A '%' not followed by two hex digits is kept as is
// (lenient, like browsers and the Rust `form_urlencoded` crate InfluxDB uses).
std::string PercentDecode(std::string_view text, bool plus_as_space = true);

// Splits "a=1&b=x%20y&c" into {a:"1", b:"x y", c:""}. Empty pieces ("a=1&&b=2") are
// skipped; names and values are percent-decoded. The input excludes the leading '?'.
QueryParams ParseQueryString(std::string_view query);

// Splits a request-target into its path and query (without '?'). A '#fragment' is dropped.
void SplitTarget(std::string_view target, std::string_view* path, std::string_view* query);

}  // namespace quiver::http
