#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"

namespace quiver::http {

// Where a listener binds: a host (IP literal or name) and a port (0 = any free port).
struct BindAddress {
  std::string host;
  uint16_t port = 0;
};

// Parses "host:port", "[ipv6]:port" or ":port" (all IPv4 interfaces, host "0.0.0.0").
// InvalidArgument naming the text if the port is missing or not in 0..65535.
Result<BindAddress> ParseBindAddress(std::string_view text);

// "host:port", with brackets around IPv6 hosts.
std::string FormatHostPort(std::string_view host, uint16_t port);

}  // namespace quiver::http
