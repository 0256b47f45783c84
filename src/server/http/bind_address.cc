#include "server/http/bind_address.h"

#include <fmt/format.h>

#include <charconv>

namespace quiver::http {

Result<BindAddress> ParseBindAddress(std::string_view text) {
  BindAddress address;
  std::string_view port_text;
  if (text.starts_with('[')) {
    size_t close = text.find(']');
    if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':') {
      return Status::InvalidArgument("invalid bind address (expected [ipv6]:port): {}", text);
    }
    address.host = std::string(text.substr(1, close - 1));
    port_text = text.substr(close + 2);
  } else {
    size_t colon = text.rfind(':');
    if (colon == std::string_view::npos) {
      return Status::InvalidArgument("invalid bind address (expected host:port): {}", text);
    }
    if (text.substr(0, colon).find(':') != std::string_view::npos) {
      return Status::InvalidArgument("invalid bind address (put IPv6 hosts in brackets): {}", text);
    }
    address.host = std::string(text.substr(0, colon));
    if (address.host.empty()) address.host = "0.0.0.0";
    port_text = text.substr(colon + 1);
  }
  if (address.host.empty()) return Status::InvalidArgument("invalid bind address: {}", text);
  unsigned port = 0;
  auto [end, error] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (port_text.empty() || error != std::errc() || end != port_text.data() + port_text.size() ||
      port > 65535) {
    return Status::InvalidArgument("invalid port in bind address: {}", text);
  }
  address.port = static_cast<uint16_t>(port);
  return address;
}

std::string FormatHostPort(std::string_view host, uint16_t port) {
  if (host.find(':') != std::string_view::npos) return fmt::format("[{}]:{}", host, port);
  return fmt::format("{}:{}", host, port);
}

}  // namespace quiver::http
