#pragma once

// Private to src/columnar: the only header that includes the flatc-generated Arrow IPC
// metadata code. Public headers must not include it.

#include <cstdint>
#include <map>
#include <vector>

#include "arrow_message_generated.h"
#include "base/result.h"
#include "columnar/buffer.h"
#include "columnar/ipc_options.h"
#include "types/schema.h"

namespace quiver::ipc_internal {

namespace fb = ::quiver::flatbuf;

// Returns a buffer with the same bytes whose data is aligned to `alignment`: `buffer`
// itself if it already is, else a copy. Flatbuffers and typed views read scalars in place.
Result<BufferPtr> EnsureAligned(const BufferPtr& buffer, int64_t alignment, MemoryPool* pool);

// Verifies that `metadata` holds a well-formed Message flatbuffer with a header we can
// interpret and a sane body length. REQUIRES: metadata.data() is 8-byte aligned.
// Errors: Corruption, NotImplemented (tensor messages, other metadata versions).
Result<const fb::Message*> VerifyMessage(const Buffer& metadata, const IpcReadOptions& options);

// A field as the stream describes it: `field` has the producer's dictionary index types;
// for a dictionary-encoded field `dictionary_id` is its id and `children` describe the
// value type's children; otherwise `children` follow the type's children.
struct WireField {
  Field field;
  int64_t dictionary_id = -1;
  std::vector<WireField> children;
};

struct WireSchema {
  SchemaPtr schema;      // Producer's types.
  SchemaPtr normalized;  // Dictionary indices as Int32 (what callers see).
  std::vector<WireField> fields;
  std::map<int64_t, WireField> dictionaries;  // id -> field describing the dictionary values.
};

// Converts a verified Schema table. Errors: Corruption (malformed metadata),
// NotImplemented (types Quiver does not support, named in the message).
Result<WireSchema> SchemaFromFlatbuffer(const fb::Schema& schema, const IpcReadOptions& options);

// Serializes `schema`; dictionary ids are assigned 0, 1, ... in the pre-order traversal
// of fields (a dictionary field's id comes before the ids inside its value type), the
// order the writer's dictionary collection uses too.
// Errors: NotImplemented for a dictionary whose value type is itself a dictionary.
Result<flatbuffers::Offset<fb::Schema>> SchemaToFlatbuffer(flatbuffers::FlatBufferBuilder& fbb,
                                                           const Schema& schema,
                                                           int64_t* num_dictionaries);

flatbuffers::Offset<flatbuffers::Vector<flatbuffers::Offset<fb::KeyValue>>> MetadataToFlatbuffer(
    flatbuffers::FlatBufferBuilder& fbb, const KeyValueMetadata& metadata);

}  // namespace quiver::ipc_internal
