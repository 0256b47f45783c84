#pragma once

// Row selection machinery shared by selection.cc and the conditional kernels.

#include <vector>

#include "function/kernel_internal.h"

namespace quiver::function_internal {

// Row i of the result comes from `first` where bit i of `choose` (offset 0) is set, else
// from `second`. Source rows are i (`compacted` false: both sides full length or scalars)
// or the next unused row of that side (`compacted` true). Both sides have `type` or are
// Null-typed / null scalars. Dictionaries sharing one dictionary zip their indices.
Result<Array> ZipByMask(const uint8_t* choose, const Datum& first, const Datum& second,
                        int64_t rows, bool compacted, const DataType& type, MemoryPool* pool);

// The mask's "true and valid" bits (or their complement with `invert`) from bit 0, with
// 8 bytes of padding.
Result<std::vector<uint8_t>> TrueBits(const Array& mask, bool invert, MemoryPool* pool);

}  // namespace quiver::function_internal
