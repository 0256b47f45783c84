#pragma once

#include <cstdint>

#include "columnar/memory_pool.h"

namespace quiver {

// Codec for IPC message bodies (each buffer compressed on its own, as the format's
// BodyCompression BUFFER method prescribes).
enum class IpcCompression : uint8_t { kNone, kLz4Frame, kZstd };

struct IpcWriteOptions {
  // Body buffers start at multiples of this many bytes from the body start. 8 is the
  // format's minimum (and what Arrow C++ writes); 64 matches Quiver's in-memory alignment.
  // Must be 8, 16, 32 or 64.
  int32_t alignment = 8;
  // When a batch's dictionary extends the one already sent for its field (the common case
  // of a StringDictionaryBuilder that keeps growing), send only the new values as a delta
  // dictionary batch. When false -- or when the dictionary changed in any other way -- the
  // whole dictionary is sent again as a replacement. Stream readers (pyarrow included)
  // accept both.
  bool emit_dictionary_deltas = true;
  IpcCompression compression = IpcCompression::kNone;
  // For rebased offsets, re-aligned bitmaps and compressed buffers.
  MemoryPool* pool = DefaultMemoryPool();
};

// Bounds for reading untrusted streams: anything beyond them is rejected with a
// Corruption (or ResourceExhausted) status before memory is committed to it.
struct IpcReadOptions {
  // Flatbuffer metadata of one message.
  int64_t max_metadata_size = int64_t{16} << 20;
  // Body of one message (before decompression).
  int64_t max_body_size = int64_t{2} << 30;
  // Total size of one message's buffers after decompression.
  int64_t max_decompressed_size = int64_t{2} << 30;
  // Nesting of types (List<Struct<...>> ...) in the schema.
  int max_nesting_depth = 64;
  // Run full validation (ValidateArray) on every decoded record batch and dictionary.
  // Turn off only for streams this process wrote itself.
  bool validate = true;
  // For copies the reader has to make (misaligned buffers, decompression, widened
  // dictionary indices, concatenated delta dictionaries).
  MemoryPool* pool = DefaultMemoryPool();
};

}  // namespace quiver
