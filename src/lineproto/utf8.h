#pragma once

#include <string_view>

#include "base/status.h"

namespace quiver::lineproto {

// Checks that `text` is valid UTF-8 (no overlong forms, surrogates or code points past
// U+10FFFF). InfluxDB 3 rejects a whole write body that is not UTF-8 before parsing it.
// Errors: InvalidArgument with Rust's wording, which InfluxDB 3 shows after
// "body content is not valid utf8: ": "invalid utf-8 sequence of N bytes from index I"
// or "incomplete utf-8 byte sequence from index I".
// Runs at memory speed on ASCII (8 bytes per step). Pure, thread-safe.
Status ValidateUtf8(std::string_view text);

}  // namespace quiver::lineproto
