#include "base/hash.h"

#include <xxhash.h>

namespace quiver {

uint64_t HashBytes(const void* data, size_t length) { return XXH3_64bits(data, length); }

}  // namespace quiver
