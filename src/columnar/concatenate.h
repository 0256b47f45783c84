#pragma once

#include <span>
#include <vector>

#include "base/result.h"
#include "columnar/array.h"
#include "columnar/record_batch.h"

namespace quiver {

// Appends arrays of one type into a single new array. Dictionary arrays that all refer to
// the same dictionary keep it; otherwise their dictionaries are unified (Utf8 values) and
// indices remapped. Fails with InvalidArgument if the types differ.
Result<Array> Concatenate(std::span<const Array> arrays, MemoryPool* pool = DefaultMemoryPool());

// Concatenates batches of one schema into one batch (an empty list needs `schema`).
Result<RecordBatchPtr> ConcatenateBatches(const SchemaPtr& schema,
                                          std::span<const RecordBatchPtr> batches,
                                          MemoryPool* pool = DefaultMemoryPool());

}  // namespace quiver
