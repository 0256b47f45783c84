#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "base/result.h"
#include "columnar/array.h"

namespace quiver {

// One sort key column reduced to order-preserving codes: comparing (null_rank, code) as
// unsigned integers orders rows as ORDER BY would (direction and NULLS FIRST/LAST
// applied). Strings and dictionaries are ranked by value; floats are sorted with -0 == 0
// distinct and NaN largest (as in DataFusion/PostgreSQL).
struct EncodedSortKey {
  std::vector<uint64_t> codes;
  std::vector<uint8_t> null_rank;  // empty if the column has no nulls
};

Result<EncodedSortKey> EncodeSortKey(const Array& column, bool ascending, bool nulls_first);

// Row indices of `keys` rows in sorted order (ties keep input order).
std::vector<int64_t> SortedIndices(std::span<const EncodedSortKey> keys, int64_t rows);

}  // namespace quiver
