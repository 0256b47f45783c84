#include "columnar/dictionary_normalize.h"

#include <cstring>
#include <limits>

#include "columnar/bit_util.h"

namespace quiver {
namespace {

std::vector<Field> NormalizeFields(const std::vector<Field>& fields) {
  std::vector<Field> out;
  out.reserve(fields.size());
  for (const Field& field : fields) out.push_back(NormalizeDictionaryIndexType(field));
  return out;
}

int64_t LoadIndex(TypeId id, const uint8_t* base, int64_t i) {
  switch (id) {
    case TypeId::kInt8:
      return static_cast<int8_t>(base[i]);
    case TypeId::kUInt8:
      return base[i];
    case TypeId::kInt16: {
      int16_t v;
      std::memcpy(&v, base + i * 2, 2);
      return v;
    }
    case TypeId::kUInt16: {
      uint16_t v;
      std::memcpy(&v, base + i * 2, 2);
      return v;
    }
    case TypeId::kInt32: {
      int32_t v;
      std::memcpy(&v, base + i * 4, 4);
      return v;
    }
    case TypeId::kUInt32: {
      uint32_t v;
      std::memcpy(&v, base + i * 4, 4);
      return v;
    }
    default: {
      int64_t v;
      std::memcpy(&v, base + i * 8, 8);
      return v;
    }
  }
}

// Rewrites the indices of a dictionary array as int32, producing an array with offset 0.
Result<ArrayDataPtr> WidenIndices(const ArrayData& data, ArrayDataPtr dictionary,
                                  MemoryPool* pool) {
  const TypeId index_id = data.type.index_type().id();
  const uint8_t* bitmap = data.buffers[0] ? data.buffers[0]->data() : nullptr;
  BufferPtr validity;
  if (bitmap != nullptr && data.null_count > 0) {
    BufferBuilder bits(pool);
    RETURN_NOT_OK(bits.Resize(bit_util::BytesForBits(data.length)));
    bit_util::CopyBitmap(bitmap, data.offset, data.length, bits.mutable_data(), 0);
    ASSIGN_OR_RETURN(validity, bits.Finish());
  }
  BufferBuilder indices(pool);
  RETURN_NOT_OK(indices.Reserve(data.length * 4));
  const uint8_t* raw = data.buffers[1] ? data.buffers[1]->data() : nullptr;
  for (int64_t i = 0; i < data.length; ++i) {
    int64_t index = 0;
    if (validity == nullptr || bit_util::GetBit(bitmap, data.offset + i)) {
      index = LoadIndex(index_id, raw, data.offset + i);
      if (index < 0 || index > std::numeric_limits<int32_t>::max()) {
        return Status::InvalidArgument("dictionary index {} at slot {} does not fit in int32",
                                       index, i);
      }
    }
    indices.UnsafeAppend(static_cast<int32_t>(index));
  }
  ASSIGN_OR_RETURN(BufferPtr index_buffer, indices.Finish());
  auto out = std::make_shared<ArrayData>();
  out->type = DataType::Dictionary(DataType::Int32(), dictionary->type, data.type.ordered());
  out->length = data.length;
  out->null_count = validity == nullptr ? 0 : data.null_count;
  out->buffers = {std::move(validity), std::move(index_buffer)};
  out->dictionary = std::move(dictionary);
  return ArrayDataPtr(std::move(out));
}

}  // namespace

DataType NormalizeDictionaryIndexType(const DataType& type) {
  switch (type.id()) {
    case TypeId::kDictionary:
      return DataType::Dictionary(DataType::Int32(),
                                  NormalizeDictionaryIndexType(type.value_type()), type.ordered());
    case TypeId::kList:
      return DataType::List(NormalizeDictionaryIndexType(type.children()[0]));
    case TypeId::kStruct:
      return DataType::Struct(NormalizeFields(type.children()));
    case TypeId::kDenseUnion:
      return DataType::DenseUnion(NormalizeFields(type.children()), type.type_codes());
    case TypeId::kMap:
      return DataType::Map(NormalizeDictionaryIndexType(type.children()[0]), type.keys_sorted());
    default:
      return type;
  }
}

Field NormalizeDictionaryIndexType(const Field& field) {
  return field.WithType(NormalizeDictionaryIndexType(field.type()));
}

SchemaPtr NormalizeDictionaryIndexTypes(const SchemaPtr& schema) {
  std::vector<Field> fields = NormalizeFields(schema->fields());
  if (fields == schema->fields()) return schema;
  return MakeSchema(std::move(fields), schema->metadata());
}

Result<ArrayDataPtr> NormalizeDictionaryIndices(const ArrayDataPtr& data, MemoryPool* pool) {
  DataType normalized = NormalizeDictionaryIndexType(data->type);
  if (normalized == data->type) return data;
  if (data->type.id() == TypeId::kDictionary) {
    ASSIGN_OR_RETURN(ArrayDataPtr dictionary, NormalizeDictionaryIndices(data->dictionary, pool));
    if (data->type.index_type().id() != TypeId::kInt32) {
      return WidenIndices(*data, std::move(dictionary), pool);
    }
    auto out = std::make_shared<ArrayData>(*data);
    out->type = std::move(normalized);
    out->dictionary = std::move(dictionary);
    return ArrayDataPtr(std::move(out));
  }
  auto out = std::make_shared<ArrayData>(*data);
  out->type = std::move(normalized);
  for (ArrayDataPtr& child : out->children) {
    ASSIGN_OR_RETURN(child, NormalizeDictionaryIndices(child, pool));
  }
  return ArrayDataPtr(std::move(out));
}

}  // namespace quiver
