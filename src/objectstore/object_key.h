#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "base/status.h"

namespace quiver {

inline constexpr size_t kMaxObjectKeyLength = 1024;

// OK if `key` is a valid object key (see object_store.h); otherwise InvalidArgument naming
// the key and the rule it breaks, e.g. "invalid object key: a/../b: segment '..' ...".
Status ValidateObjectKey(std::string_view key);

// OK if `prefix` can start a valid key: "" and "a/b/" and "a/b/pa" are fine; "/a", "a//",
// "a/../" and "a/.x" are not.
Status ValidateObjectKeyPrefix(std::string_view prefix);

// "a" + "b/c" -> "a/b/c"; "" + "b" -> "b". Does not validate.
std::string JoinObjectKey(std::string_view parent, std::string_view child);

}  // namespace quiver
