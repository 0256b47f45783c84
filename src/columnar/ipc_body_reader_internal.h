#pragma once

// Private to src/columnar: rebuilding arrays from a received RecordBatch header (field
// nodes + buffer locations) and its body, on untrusted input.

#include <functional>
#include <memory>

#include "columnar/ipc_metadata_internal.h"

namespace quiver::ipc_internal {

// The current dictionary (normalised: Int32 indices throughout) for an id, or nullptr if
// none has been received yet.
using DictionaryLookup = std::function<ArrayDataPtr(int64_t id)>;

// Hands out the nodes and buffers of one RecordBatch header in order, checking each
// buffer against the body. Buffers are zero-copy slices of `body` unless they must be
// decompressed or are misaligned for their element type (then copied).
//
// Arrays come back with the producer's dictionary index widths (to be normalised by the
// caller after validation) and are not validated here beyond what is needed to build
// them: run ValidateArrayData on the result before trusting it.
class BodyReader {
 public:
  // `header` and `options` must outlive the reader. Errors: Corruption (bad lengths),
  // NotImplemented (unknown compression codec, view types).
  static Result<std::unique_ptr<BodyReader>> Make(const fb::RecordBatch& header, BufferPtr body,
                                                  fb::MetadataVersion version,
                                                  const IpcReadOptions& options);

  // Decodes the next array, described by `field`.
  Result<ArrayDataPtr> ReadArray(const WireField& field, const DictionaryLookup& dictionaries);

  // Corruption unless every node and buffer of the header was used.
  Status Finish() const;

 private:
  BodyReader(const fb::RecordBatch& header, BufferPtr body, fb::MetadataVersion version,
             const IpcReadOptions& options, IpcCompression codec);

  Result<ArrayDataPtr> Read(const WireField& field, const DictionaryLookup& dictionaries,
                            int depth);
  Result<BufferPtr> NextBuffer(int alignment);
  Result<BufferPtr> NextValidity(int64_t null_count);
  Result<BufferPtr> NextOffsets(int64_t length);

  const fb::RecordBatch& header_;
  BufferPtr body_;
  fb::MetadataVersion version_;
  const IpcReadOptions& options_;
  IpcCompression codec_;
  int64_t decompression_budget_;
  flatbuffers::uoffset_t next_node_ = 0;
  flatbuffers::uoffset_t next_buffer_ = 0;
};

}  // namespace quiver::ipc_internal
