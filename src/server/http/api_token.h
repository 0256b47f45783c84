#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"

namespace quiver::http {

// SHA-256 of an API token. The server keeps only this digest, never the token.
using TokenDigest = std::array<uint8_t, 32>;

// SHA-256 of `token`.
TokenDigest HashToken(std::string_view token);

// Lower-case hex (64 characters).
std::string TokenDigestToHex(const TokenDigest& digest);
// Parses 64 hex digits (either case). InvalidArgument otherwise.
Result<TokenDigest> TokenDigestFromHex(std::string_view hex);

// Constant-time equality (CRYPTO_memcmp), so timing does not reveal a matching prefix.
bool TokenDigestsEqual(const TokenDigest& a, const TokenDigest& b);

// A new admin token in InfluxDB 3's format: "apiv3_" followed by the URL-safe base64
// (no padding) of 64 bytes from the OpenSSL CSPRNG, 92 characters in all. Internal if
// the CSPRNG fails.
Result<std::string> GenerateApiToken();

}  // namespace quiver::http
