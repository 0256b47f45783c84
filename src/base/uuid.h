#pragma once

#include <cstdint>
#include <string>

namespace quiver {

// Random UUID version 4, lower-case hex with dashes ("3f2b...-4...-a...-...").
std::string NewUuidV4();
// UUID version 7: 48-bit Unix-epoch milliseconds then random bits; sorts by creation time.
std::string NewUuidV7(int64_t unix_millis);

}  // namespace quiver
