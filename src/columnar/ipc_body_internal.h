#pragma once

// Private to src/columnar: how arrays become the flat list of field nodes and buffers of
// an IPC RecordBatch body (writer side; the reader side is ipc_body_reader_internal.h).

#include <cstdint>
#include <vector>

#include "base/result.h"
#include "columnar/array.h"
#include "columnar/ipc_message.h"
#include "columnar/ipc_options.h"

namespace quiver::ipc_internal {

struct FieldNodeInfo {
  int64_t length;
  int64_t null_count;
};

// The pre-order flattening of some arrays, ready to be laid out as a message body.
struct EncodedBody {
  std::vector<FieldNodeInfo> nodes;
  std::vector<BufferPtr> buffers;  // nullptr = empty buffer
};

// Appends `array`'s field nodes and buffers (children first-to-last, depth first) with its
// offset applied: the written array starts at slot 0. Sliced bitmaps that do not start on
// a byte boundary are copied; offsets that do not start at 0 are rebased (copied); other
// buffers are zero-copy slices. Dictionary values are not part of the body (they travel
// in DictionaryBatch messages). REQUIRES: a valid array.
Status AppendArrayToBody(const Array& array, MemoryPool* pool, EncodedBody* body);

// Lays out `body` (compressing it if the options say so) and builds the Message
// flatbuffer: a RecordBatch header of `length` rows, or -- when dictionary_id >= 0 -- a
// DictionaryBatch header for that id.
Result<IpcPayload> MakeBatchPayload(int64_t length, EncodedBody body,
                                    const IpcWriteOptions& options, int64_t dictionary_id = -1,
                                    bool is_delta = false);

}  // namespace quiver::ipc_internal
