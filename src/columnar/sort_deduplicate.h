#pragma once

#include <span>

#include "base/result.h"
#include "columnar/record_batch.h"

namespace quiver {

// Sorts `batch` by `key_columns` (in order; ascending, nulls first; Dictionary(Utf8)
// columns compare by string value, integer and timestamp columns by value), and, if
// `deduplicate`, merges rows whose keys are all equal into one row: each non-key column
// takes the value of the latest row of the group (highest position in the input) that
// has a non-null value — InfluxDB's last-write-wins per field. The input's row order is
// its write order.
//
// Used for series key + time: the write buffer, persistence and queries all deduplicate
// with it. Other key types are NotImplemented.
Result<RecordBatchPtr> SortAndDeduplicate(const RecordBatch& batch, std::span<const int> key_columns,
                                          bool deduplicate = true,
                                          MemoryPool* pool = DefaultMemoryPool());

}  // namespace quiver
