#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "base/result.h"

namespace quiver::http {

// Inflates a gzip body (RFC 1952). Several concatenated members are accepted and their
// outputs concatenated (as `gzip -c a b` produces). Errors:
//  - ResourceExhausted if the output would exceed `max_output_bytes` (inflation stops
//    there, so a "zip bomb" costs at most that much memory);
//  - InvalidArgument naming the problem for corrupt or truncated input.
// An empty input gives an empty output.
Result<std::string> GunzipBounded(std::string_view input, size_t max_output_bytes);

// Compresses `input` as one gzip member (tests and, later, compressed responses).
// REQUIRES: input.size() < 4 GiB.
Result<std::string> Gzip(std::string_view input);

}  // namespace quiver::http
