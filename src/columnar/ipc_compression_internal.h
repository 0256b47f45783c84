#pragma once

// Private to src/columnar: per-buffer body compression of IPC messages (the format's
// BodyCompression BUFFER method). A compressed buffer is the uncompressed length as a
// little-endian int64 followed by one LZ4 frame or one zstd frame; a length of -1 means
// the bytes that follow are stored uncompressed.

#include "base/result.h"
#include "columnar/buffer.h"
#include "columnar/ipc_options.h"

namespace quiver::ipc_internal {

// Returns the prefixed, compressed form of `input`. REQUIRES: codec != kNone.
Result<BufferPtr> CompressBodyBuffer(IpcCompression codec, const Buffer& input, MemoryPool* pool);

// Decodes one body buffer written by any Arrow implementation (an empty buffer stays
// empty and is not passed here). The declared uncompressed length must not exceed
// `*budget`, which is reduced by it (bounding memory for untrusted input).
// Errors: Corruption for malformed data or a length mismatch, ResourceExhausted past the
// budget.
Result<BufferPtr> DecompressBodyBuffer(IpcCompression codec, const BufferPtr& buffer,
                                       int64_t* budget, MemoryPool* pool);

}  // namespace quiver::ipc_internal
