#pragma once

#include <string_view>

#include "base/status.h"

namespace quiver::internal {

// Converts an errno value into a Status naming the operation and the path:
// ENOENT -> NotFound, EEXIST -> AlreadyExists, anything else -> IOError.
// "open /data/x: Permission denied".
Status PosixError(std::string_view operation, std::string_view path, int error_number);

}  // namespace quiver::internal
