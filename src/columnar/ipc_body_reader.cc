// Rebuilding arrays from an IPC RecordBatch body (reader side; see
// ipc_body_reader_internal.h).

#include <limits>

#include <fmt/format.h>

#include "columnar/array.h"
#include "columnar/dictionary_normalize.h"
#include "columnar/ipc_body_reader_internal.h"
#include "columnar/ipc_compression_internal.h"

namespace quiver::ipc_internal {
namespace {

// Same bound as validate_array.cc: keeps every size computation far from overflow.
constexpr int64_t kMaxSlots = std::numeric_limits<int64_t>::max() / 64;

// Stand-in for buffers the stream leaves empty: typed views always get a valid pointer,
// and a zero int32 offset for empty variable-size arrays.
alignas(64) const uint8_t kZeroBytes[64] = {};

BufferPtr EmptyBuffer() { return Buffer::Unowned(kZeroBytes, 0); }
BufferPtr SingleZeroOffset() { return Buffer::Unowned(kZeroBytes, 4); }

std::vector<Field> DecodeFields(const std::vector<Field>& fields);

// The type an array is decoded with: the producer's index width for each dictionary
// array itself, normalised (Int32) types for the dictionary values it points at. After
// NormalizeDictionaryIndices the result is the fully normalised type.
DataType DecodeType(const DataType& type) {
  switch (type.id()) {
    case TypeId::kDictionary:
      return DataType::Dictionary(type.index_type(),
                                  NormalizeDictionaryIndexType(type.value_type()), type.ordered());
    case TypeId::kList: {
      const Field& item = type.children()[0];
      return DataType::List(item.WithType(DecodeType(item.type())));
    }
    case TypeId::kStruct:
      return DataType::Struct(DecodeFields(type.children()));
    case TypeId::kDenseUnion:
      return DataType::DenseUnion(DecodeFields(type.children()), type.type_codes());
    case TypeId::kMap: {
      const Field& entries = type.children()[0];
      return DataType::Map(entries.WithType(DecodeType(entries.type())), type.keys_sorted());
    }
    default:
      return type;
  }
}

std::vector<Field> DecodeFields(const std::vector<Field>& fields) {
  std::vector<Field> out;
  out.reserve(fields.size());
  for (const Field& field : fields) out.push_back(field.WithType(DecodeType(field.type())));
  return out;
}

}  // namespace

BodyReader::BodyReader(const fb::RecordBatch& header, BufferPtr body, fb::MetadataVersion version,
                       const IpcReadOptions& options, IpcCompression codec)
    : header_(header),
      body_(std::move(body)),
      version_(version),
      options_(options),
      codec_(codec),
      decompression_budget_(options.max_decompressed_size) {}

Result<std::unique_ptr<BodyReader>> BodyReader::Make(const fb::RecordBatch& header, BufferPtr body,
                                                     fb::MetadataVersion version,
                                                     const IpcReadOptions& options) {
  IpcCompression codec = IpcCompression::kNone;
  if (const fb::BodyCompression* compression = header.compression()) {
    if (compression->method() != fb::BodyCompressionMethod::BUFFER) {
      return Status::NotImplemented("IPC body compression method {} is not supported",
                                    static_cast<int>(compression->method()));
    }
    switch (compression->codec()) {
      case fb::CompressionType::LZ4_FRAME:
        codec = IpcCompression::kLz4Frame;
        break;
      case fb::CompressionType::ZSTD:
        codec = IpcCompression::kZstd;
        break;
      default:
        return Status::NotImplemented("IPC body compression codec {} is not supported",
                                      static_cast<int>(compression->codec()));
    }
  }
  if (header.length() < 0 || header.length() > kMaxSlots) {
    return Status::Corruption("IPC record batch length {} is invalid", header.length());
  }
  if (header.variadic_buffer_counts() != nullptr && header.variadic_buffer_counts()->size() > 0) {
    return Status::NotImplemented("IPC variadic buffers (view types) are not supported");
  }
  return std::unique_ptr<BodyReader>(
      new BodyReader(header, std::move(body), version, options, codec));
}

Result<BufferPtr> BodyReader::NextBuffer(int alignment) {
  const auto* buffers = header_.buffers();
  if (buffers == nullptr || next_buffer_ >= buffers->size()) {
    return Status::Corruption("IPC record batch has fewer buffers than its schema needs ({})",
                              buffers ? buffers->size() : 0);
  }
  const fb::Buffer* location = buffers->Get(next_buffer_++);
  const int64_t offset = location->offset();
  const int64_t length = location->length();
  if (offset < 0 || length < 0 || offset > body_->size() || length > body_->size() - offset) {
    return Status::Corruption("IPC buffer {} at [{}, +{}) lies outside the {}-byte body",
                              next_buffer_ - 1, offset, length, body_->size());
  }
  if (length == 0) return BufferPtr();
  BufferPtr slice = Buffer::Slice(body_, offset, length);
  if (codec_ != IpcCompression::kNone) {
    ASSIGN_OR_RETURN(slice,
                     DecompressBodyBuffer(codec_, slice, &decompression_budget_, options_.pool));
    if (slice->size() == 0) return BufferPtr();
  }
  return EnsureAligned(slice, alignment, options_.pool);
}

Result<BufferPtr> BodyReader::NextValidity(int64_t null_count) {
  ASSIGN_OR_RETURN(BufferPtr bitmap, NextBuffer(1));
  if (null_count == 0) return BufferPtr();  // A bitmap is meaningless without nulls.
  if (bitmap == nullptr) {
    return Status::Corruption("IPC field node has {} nulls but no validity buffer", null_count);
  }
  return bitmap;
}

Result<BufferPtr> BodyReader::NextOffsets(int64_t length) {
  ASSIGN_OR_RETURN(BufferPtr offsets, NextBuffer(4));
  // Writers may leave the offsets of an empty array out entirely.
  if (length == 0 && (offsets == nullptr || offsets->size() < 4)) return SingleZeroOffset();
  return offsets ? offsets : EmptyBuffer();
}

Result<ArrayDataPtr> BodyReader::ReadArray(const WireField& field,
                                           const DictionaryLookup& dictionaries) {
  return Read(field, dictionaries, 0);
}

Result<ArrayDataPtr> BodyReader::Read(const WireField& field, const DictionaryLookup& dictionaries,
                                      int depth) {
  if (depth > options_.max_nesting_depth) {
    return Status::Corruption("IPC data nests deeper than {} levels", options_.max_nesting_depth);
  }
  const auto* nodes = header_.nodes();
  if (nodes == nullptr || next_node_ >= nodes->size()) {
    return Status::Corruption("IPC record batch has fewer field nodes than its schema needs ({})",
                              nodes ? nodes->size() : 0);
  }
  const fb::FieldNode* node = nodes->Get(next_node_++);
  const int64_t length = node->length();
  const int64_t null_count = node->null_count();
  if (length < 0 || length > kMaxSlots || null_count < 0 || null_count > length) {
    return Status::Corruption("IPC field node for '{}' has length {} and null count {}",
                              field.field.name(), length, null_count);
  }
  const DataType& type = field.field.type();
  auto data = std::make_shared<ArrayData>();
  data->type = DecodeType(type);
  data->length = length;
  data->null_count = null_count;

  auto read_value_buffer = [&](int width) -> Result<BufferPtr> {
    ASSIGN_OR_RETURN(BufferPtr values, NextBuffer(std::min(width, 8)));
    return values ? values : EmptyBuffer();
  };
  auto read_children = [&]() -> Status {
    if (field.children.size() != type.children().size()) {
      return Status::Corruption("IPC field '{}' has {} children, its type {}", field.field.name(),
                                field.children.size(), type.children().size());
    }
    for (const WireField& child : field.children) {
      ASSIGN_OR_RETURN(ArrayDataPtr child_data, Read(child, dictionaries, depth + 1));
      data->children.push_back(std::move(child_data));
    }
    return Status::OK();
  };

  switch (type.id()) {
    case TypeId::kNull:
      data->null_count = length;
      break;
    case TypeId::kBoolean: {
      ASSIGN_OR_RETURN(BufferPtr validity, NextValidity(null_count));
      ASSIGN_OR_RETURN(BufferPtr values, read_value_buffer(1));
      data->buffers = {std::move(validity), std::move(values)};
      break;
    }
    case TypeId::kUtf8:
    case TypeId::kBinary: {
      ASSIGN_OR_RETURN(BufferPtr validity, NextValidity(null_count));
      ASSIGN_OR_RETURN(BufferPtr offsets, NextOffsets(length));
      ASSIGN_OR_RETURN(BufferPtr values, read_value_buffer(1));
      data->buffers = {std::move(validity), std::move(offsets), std::move(values)};
      break;
    }
    case TypeId::kList:
    case TypeId::kMap:
    case TypeId::kStruct: {
      ASSIGN_OR_RETURN(BufferPtr validity, NextValidity(null_count));
      data->buffers.push_back(std::move(validity));
      if (type.id() != TypeId::kStruct) {
        ASSIGN_OR_RETURN(BufferPtr offsets, NextOffsets(length));
        data->buffers.push_back(std::move(offsets));
      }
      RETURN_NOT_OK(read_children());
      break;
    }
    case TypeId::kDenseUnion: {
      if (version_ < fb::MetadataVersion::V5) {
        RETURN_NOT_OK(NextBuffer(1).status());  // V4 unions had a validity buffer.
      }
      data->null_count = 0;
      ASSIGN_OR_RETURN(BufferPtr type_ids, read_value_buffer(1));
      ASSIGN_OR_RETURN(BufferPtr offsets, read_value_buffer(4));
      data->buffers = {nullptr, std::move(type_ids), std::move(offsets)};
      RETURN_NOT_OK(read_children());
      break;
    }
    case TypeId::kDictionary: {
      ASSIGN_OR_RETURN(BufferPtr validity, NextValidity(null_count));
      ASSIGN_OR_RETURN(BufferPtr indices, read_value_buffer(type.index_type().bit_width() / 8));
      data->buffers = {std::move(validity), std::move(indices)};
      data->dictionary = dictionaries(field.dictionary_id);
      if (data->dictionary == nullptr) {
        // Allowed by the format for a column that is entirely null (its dictionary may
        // arrive later); anything else references values that were never sent.
        if (null_count != length) {
          return Status::Corruption(
              "IPC record batch uses dictionary id {} before any DictionaryBatch defined it",
              field.dictionary_id);
        }
        data->dictionary = MakeNullArray(NormalizeDictionaryIndexType(type.value_type()), 0).data();
      }
      break;
    }
    default: {
      ASSIGN_OR_RETURN(BufferPtr validity, NextValidity(null_count));
      ASSIGN_OR_RETURN(BufferPtr values, read_value_buffer(type.bit_width() / 8));
      data->buffers = {std::move(validity), std::move(values)};
      break;
    }
  }
  return ArrayDataPtr(std::move(data));
}

Status BodyReader::Finish() const {
  uint32_t nodes = header_.nodes() ? header_.nodes()->size() : 0;
  uint32_t buffers = header_.buffers() ? header_.buffers()->size() : 0;
  if (next_node_ != nodes || next_buffer_ != buffers) {
    return Status::Corruption(
        "IPC record batch has {} field nodes and {} buffers, its schema uses {} and {}", nodes,
        buffers, next_node_, next_buffer_);
  }
  return Status::OK();
}

}  // namespace quiver::ipc_internal
