#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "columnar/buffer.h"
#include "types/field.h"

namespace quiver {

struct ArrayData;
using ArrayDataPtr = std::shared_ptr<const ArrayData>;

// The physical representation of a column in the Arrow columnar layout. Immutable once
// shared. Buffers, by type:
//   Null:                         (none)
//   Boolean:                      [validity, value bits]
//   Int*/UInt*/Float*/Date32/
//   Timestamp/Duration/Interval:  [validity, values]
//   Utf8/Binary:                  [validity, int32 offsets (length + 1), data]
//   Dictionary:                   [validity, indices]; `dictionary` holds the values
//   List/Map:                     [validity, int32 offsets]; children[0] the items/entries
//   Struct:                       [validity]; one child per field, indexed with this
//                                 array's offset applied (children are not sliced)
//   DenseUnion:                   [null, int8 type ids, int32 offsets]; one child per field
// buffers[0] (validity) may be null when there are no nulls. `offset` is the logical start
// (in slots) into every buffer; slices share buffers and only change offset/length.
//
// Invariant: null_count is exact (never "unknown").
struct ArrayData {
  DataType type;
  int64_t length = 0;
  int64_t offset = 0;
  int64_t null_count = 0;
  std::vector<BufferPtr> buffers;
  std::vector<ArrayDataPtr> children;
  ArrayDataPtr dictionary;

  static ArrayDataPtr Make(DataType type, int64_t length, std::vector<BufferPtr> buffers,
                           int64_t null_count, int64_t offset = 0) {
    auto data = std::make_shared<ArrayData>();
    data->type = std::move(type);
    data->length = length;
    data->offset = offset;
    data->null_count = null_count;
    data->buffers = std::move(buffers);
    return data;
  }
};

}  // namespace quiver
