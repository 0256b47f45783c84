#pragma once

#include <string>
#include <string_view>

#include "base/result.h"

namespace quiver::http {

enum class Base64Alphabet {
  kStandard,  // RFC 4648 §4: '+' '/'
  kUrlSafe,   // RFC 4648 §5: '-' '_'
};

// Encodes `data`; `pad` adds '=' to a multiple of 4 characters.
std::string Base64Encode(std::string_view data, Base64Alphabet alphabet, bool pad);

// Decodes base64 text in `alphabet`. Padding is optional but, when present, must be
// correct. InvalidArgument for characters outside the alphabet or an impossible length.
Result<std::string> Base64Decode(std::string_view text, Base64Alphabet alphabet);

}  // namespace quiver::http
