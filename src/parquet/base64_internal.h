#pragma once

#include <optional>
#include <string>
#include <string_view>

// Standard base64 (RFC 4648, with padding) for the "ARROW:schema" footer value.
namespace quiver::parquet::internal {

std::string Base64Encode(std::string_view bytes);
// nullopt for characters outside the alphabet or bad padding. Whitespace is not allowed.
std::optional<std::string> Base64Decode(std::string_view text);

}  // namespace quiver::parquet::internal
