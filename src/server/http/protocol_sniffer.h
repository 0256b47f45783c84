#pragma once

#include <string_view>

namespace quiver::http {

// The HTTP/2 client connection preface (RFC 9113 §3.4). gRPC clients open with it when
// they speak h2c (HTTP/2 without TLS), which is how Flight clients reach port 8181.
inline constexpr std::string_view kHttp2Preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";

enum class SniffResult {
  kNeedMoreBytes,  // what arrived so far is a proper prefix of the preface
  kHttp2,          // the full preface: hand the socket to the gRPC server
  kHttp1,          // anything else: serve it as HTTP/1.x
};

// Classifies a connection from the first bytes the client sent (peeked, not consumed).
// Decides as early as possible: "GET " is HTTP/1 after one byte, "POST" after two.
//
// TLS would be recognised here later: a TLS record starts with 0x16 (handshake), and the
// connection would be wrapped in an SSL stream before sniffing again (ALPN "h2" → gRPC).
SniffResult SniffProtocol(std::string_view first_bytes);

}  // namespace quiver::http
