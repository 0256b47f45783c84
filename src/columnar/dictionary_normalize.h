#pragma once

#include "base/result.h"
#include "columnar/array_data.h"
#include "types/schema.h"

namespace quiver {

// Quiver's DictionaryArray view (and the engine) expect Dictionary(Int32, V). Data that
// arrives with other index widths (Arrow allows any integer; pyarrow often uses int8 or
// int16) is converted once, where it enters the process: the IPC reader and the C Data
// Interface importer call these.

// The type with every Dictionary(I, V, ordered) -- at any depth, including inside
// dictionary values -- replaced by Dictionary(Int32, V', ordered).
DataType NormalizeDictionaryIndexType(const DataType& type);
Field NormalizeDictionaryIndexType(const Field& field);
// Returns `schema` itself when nothing changes.
SchemaPtr NormalizeDictionaryIndexTypes(const SchemaPtr& schema);

// Converts the array (recursively: children and dictionaries) to the normalised type.
// Indices are widened or narrowed to int32 (null slots become 0). Arrays that are already
// normalised are returned as they are, without copying.
// Errors: InvalidArgument if a valid index does not fit in int32 (only possible for
// uint32/int64/uint64 indices of an invalid array); ResourceExhausted on allocation failure.
// REQUIRES: the array passed ValidateArray.
Result<ArrayDataPtr> NormalizeDictionaryIndices(const ArrayDataPtr& data,
                                                MemoryPool* pool = DefaultMemoryPool());

}  // namespace quiver
