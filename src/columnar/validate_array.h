#pragma once

#include "base/status.h"
#include "columnar/array.h"
#include "columnar/record_batch.h"

namespace quiver {

// Full validation of an array against the layout its type prescribes (see
// array_data.h), for data that came from outside the process (IPC streams, files) before
// any typed view touches it. Checks, recursively through children and dictionaries:
//   - length/offset/null_count ranges, buffer count, buffer sizes against offset + length
//     and buffer alignment (typed views read buffers in place);
//   - null_count equals the number of cleared validity bits (Quiver keeps it exact);
//   - Utf8/Binary/List/Map offsets: in range, non-decreasing, within the data / child;
//   - Utf8 data is valid UTF-8; Map keys are not null;
//   - Struct/List/Map/DenseUnion children: count, types and lengths;
//   - DenseUnion: no validity, every type id is a declared code and every offset is
//     within its child;
//   - Dictionary: a dictionary of the value type is attached and every valid index is in
//     [0, dictionary length).
// Runs in time linear in the data. Returns InvalidArgument naming the first problem and
// where it is ("struct child 1 'b': ..."). Never reads out of bounds, whatever the input.
Status ValidateArray(const Array& array);
Status ValidateArrayData(const ArrayData& data);

// ValidateArray for every column, plus the RecordBatch::Make checks (column count,
// lengths, types, no nulls in non-nullable fields).
Status ValidateRecordBatch(const RecordBatch& batch);

// True if `bytes` is well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
bool IsValidUtf8(const uint8_t* bytes, int64_t length);

}  // namespace quiver
