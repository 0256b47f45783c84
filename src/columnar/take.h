#pragma once

#include <cstdint>
#include <span>

#include "base/result.h"
#include "columnar/array.h"
#include "columnar/record_batch.h"

namespace quiver {

// Gathers values[indices[i]] into a new array; an index of -1 produces a null. Works for
// every non-nested type; dictionary arrays keep their dictionary (only indices are
// gathered). REQUIRES: every index is -1 or in [0, values.length()).
Result<Array> Take(const Array& values, std::span<const int64_t> indices,
                   MemoryPool* pool = DefaultMemoryPool());

// Take applied to every column.
Result<RecordBatchPtr> TakeRows(const RecordBatch& batch, std::span<const int64_t> indices,
                                MemoryPool* pool = DefaultMemoryPool());

}  // namespace quiver
