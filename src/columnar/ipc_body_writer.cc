// Flattening arrays into an IPC message body (writer side of ipc_body_internal.h).

#include <cstring>

#include "columnar/ipc_body_internal.h"
#include "columnar/ipc_compression_internal.h"
#include "columnar/ipc_metadata_internal.h"

namespace quiver::ipc_internal {
namespace {

int32_t OffsetAt(const Array& array, int64_t i) {
  int32_t value;
  std::memcpy(&value, array.data()->buffers[1]->data() + (array.offset() + i) * 4, 4);
  return value;
}

int64_t PaddedTo(int64_t size, int64_t alignment) {
  return (size + alignment - 1) / alignment * alignment;
}

class BodyWriter {
 public:
  BodyWriter(MemoryPool* pool, EncodedBody* body) : pool_(pool), body_(body) {}

  Status Append(const Array& array) {
    const ArrayData& data = *array.data();
    const DataType& type = array.type();
    int64_t null_count = array.null_count();
    if (type.id() == TypeId::kNull) null_count = array.length();
    if (type.id() == TypeId::kDenseUnion) null_count = 0;
    body_->nodes.push_back({array.length(), null_count});

    switch (type.id()) {
      case TypeId::kNull:
        return Status::OK();
      case TypeId::kBoolean: {
        RETURN_NOT_OK(AppendValidity(array));
        ASSIGN_OR_RETURN(BufferPtr bits,
                         SliceBits(data.buffers[1], array.offset(), array.length()));
        body_->buffers.push_back(std::move(bits));
        return Status::OK();
      }
      case TypeId::kUtf8:
      case TypeId::kBinary: {
        RETURN_NOT_OK(AppendValidity(array));
        int32_t first, last;
        RETURN_NOT_OK(AppendOffsets(array, &first, &last));
        const BufferPtr& values = data.buffers[2];
        body_->buffers.push_back(last > first ? Buffer::Slice(values, first, last - first)
                                              : nullptr);
        return Status::OK();
      }
      case TypeId::kList:
      case TypeId::kMap: {
        RETURN_NOT_OK(AppendValidity(array));
        int32_t first, last;
        RETURN_NOT_OK(AppendOffsets(array, &first, &last));
        return Append(Array(data.children[0]).Slice(first, last - first));
      }
      case TypeId::kStruct: {
        RETURN_NOT_OK(AppendValidity(array));
        for (const ArrayDataPtr& child : data.children) {
          // The struct's offset applies to its (unsliced) children.
          RETURN_NOT_OK(Append(Array(child).Slice(array.offset(), array.length())));
        }
        return Status::OK();
      }
      case TypeId::kDenseUnion: {
        // V5 unions have no validity buffer. Children are written whole: the (sliced)
        // offsets keep pointing into them.
        body_->buffers.push_back(SliceBytes(data.buffers[1], array.offset(), array.length(), 1));
        body_->buffers.push_back(SliceBytes(data.buffers[2], array.offset(), array.length(), 4));
        for (const ArrayDataPtr& child : data.children) RETURN_NOT_OK(Append(Array(child)));
        return Status::OK();
      }
      case TypeId::kDictionary: {
        RETURN_NOT_OK(AppendValidity(array));
        int width = type.index_type().bit_width() / 8;
        body_->buffers.push_back(
            SliceBytes(data.buffers[1], array.offset(), array.length(), width));
        return Status::OK();
      }
      default: {
        RETURN_NOT_OK(AppendValidity(array));
        int width = type.bit_width() / 8;
        body_->buffers.push_back(
            SliceBytes(data.buffers[1], array.offset(), array.length(), width));
        return Status::OK();
      }
    }
  }

 private:
  static BufferPtr SliceBytes(const BufferPtr& buffer, int64_t offset, int64_t length, int width) {
    if (buffer == nullptr || length == 0) return nullptr;
    return Buffer::Slice(buffer, offset * width, length * width);
  }

  Result<BufferPtr> SliceBits(const BufferPtr& bits, int64_t offset, int64_t length) {
    if (bits == nullptr || length == 0) return BufferPtr();
    if (offset % 8 == 0) return Buffer::Slice(bits, offset / 8, bit_util::BytesForBits(length));
    BufferBuilder copy(pool_);
    RETURN_NOT_OK(copy.Resize(bit_util::BytesForBits(length)));
    bit_util::CopyBitmap(bits->data(), offset, length, copy.mutable_data(), 0);
    return copy.Finish();
  }

  // A validity buffer only when there are nulls (an empty buffer means "all valid").
  Status AppendValidity(const Array& array) {
    BufferPtr validity;
    if (array.null_count() > 0) {
      ASSIGN_OR_RETURN(validity,
                       SliceBits(array.data()->buffers[0], array.offset(), array.length()));
    }
    body_->buffers.push_back(std::move(validity));
    return Status::OK();
  }

  // Offsets rebased to start at 0; [*first, *last) is the referenced data/child range.
  Status AppendOffsets(const Array& array, int32_t* first, int32_t* last) {
    *first = OffsetAt(array, 0);
    *last = OffsetAt(array, array.length());
    const BufferPtr& offsets = array.data()->buffers[1];
    if (*first == 0) {
      body_->buffers.push_back(
          Buffer::Slice(offsets, array.offset() * 4, (array.length() + 1) * 4));
      return Status::OK();
    }
    BufferBuilder rebased(pool_);
    RETURN_NOT_OK(rebased.Reserve((array.length() + 1) * 4));
    for (int64_t i = 0; i <= array.length(); ++i) rebased.UnsafeAppend(OffsetAt(array, i) - *first);
    ASSIGN_OR_RETURN(BufferPtr buffer, rebased.Finish());
    body_->buffers.push_back(std::move(buffer));
    return Status::OK();
  }

  MemoryPool* pool_;
  EncodedBody* body_;
};

}  // namespace

Status AppendArrayToBody(const Array& array, MemoryPool* pool, EncodedBody* body) {
  return BodyWriter(pool, body).Append(array);
}

Result<IpcPayload> MakeBatchPayload(int64_t length, EncodedBody body,
                                    const IpcWriteOptions& options, int64_t dictionary_id,
                                    bool is_delta) {
  IpcPayload payload;
  payload.type =
      dictionary_id >= 0 ? IpcMessageType::kDictionaryBatch : IpcMessageType::kRecordBatch;
  payload.alignment = options.alignment;
  if (options.compression != IpcCompression::kNone) {
    for (BufferPtr& buffer : body.buffers) {
      if (buffer == nullptr || buffer->size() == 0) continue;  // Empty stays empty (no prefix).
      ASSIGN_OR_RETURN(buffer, CompressBodyBuffer(options.compression, *buffer, options.pool));
    }
  }
  std::vector<fb::Buffer> layout;
  layout.reserve(body.buffers.size());
  int64_t position = 0;
  for (const BufferPtr& buffer : body.buffers) {
    int64_t size = buffer ? buffer->size() : 0;
    layout.emplace_back(position, size);
    position += PaddedTo(size, options.alignment);
  }
  payload.body_length = position;
  std::vector<fb::FieldNode> nodes;
  nodes.reserve(body.nodes.size());
  for (const FieldNodeInfo& node : body.nodes) nodes.emplace_back(node.length, node.null_count);
  payload.body_buffers = std::move(body.buffers);

  flatbuffers::FlatBufferBuilder fbb(256 + 32 * (nodes.size() + layout.size()));
  auto nodes_vector = fbb.CreateVectorOfStructs(nodes);
  auto buffers_vector = fbb.CreateVectorOfStructs(layout);
  flatbuffers::Offset<fb::BodyCompression> compression = 0;
  if (options.compression != IpcCompression::kNone) {
    compression = fb::CreateBodyCompression(fbb,
                                            options.compression == IpcCompression::kZstd
                                                ? fb::CompressionType::ZSTD
                                                : fb::CompressionType::LZ4_FRAME,
                                            fb::BodyCompressionMethod::BUFFER);
  }
  auto record_batch = fb::CreateRecordBatch(fbb, length, nodes_vector, buffers_vector, compression);
  flatbuffers::Offset<void> header = record_batch.Union();
  fb::MessageHeader header_type = fb::MessageHeader::RecordBatch;
  if (dictionary_id >= 0) {
    header = fb::CreateDictionaryBatch(fbb, dictionary_id, record_batch, is_delta).Union();
    header_type = fb::MessageHeader::DictionaryBatch;
  }
  fbb.Finish(
      fb::CreateMessage(fbb, fb::MetadataVersion::V5, header_type, header, payload.body_length));
  payload.metadata.assign(reinterpret_cast<const char*>(fbb.GetBufferPointer()), fbb.GetSize());
  return payload;
}

}  // namespace quiver::ipc_internal
