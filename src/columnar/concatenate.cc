#include "columnar/concatenate.h"

#include "columnar/builder.h"

namespace quiver {
namespace {

// Concatenation of non-dictionary arrays: fixed-width values are copied buffer by buffer;
// booleans and strings go through their builders.
Result<Array> ConcatenatePlain(std::span<const Array> arrays, MemoryPool* pool) {
  // Merge the pieces' buffers by appending through the matching builder.
  const DataType& type = arrays[0].type();
  int64_t total = 0;
  for (const Array& a : arrays) total += a.length();
  switch (type.id()) {
    case TypeId::kBoolean: {
      BooleanBuilder builder(pool);
      RETURN_NOT_OK(builder.Reserve(total));
      for (const Array& a : arrays) {
        BooleanArray b(a);
        for (int64_t i = 0; i < a.length(); ++i) {
          if (a.IsNull(i)) {
            RETURN_NOT_OK(builder.AppendNull());
          } else {
            builder.UnsafeAppend(b.Value(i));
          }
        }
      }
      return builder.Finish();
    }
    case TypeId::kUtf8:
    case TypeId::kBinary: {
      int64_t bytes = 0;
      for (const Array& a : arrays) {
        StringArray s(a);
        bytes += s.raw_offsets()[a.length()] - s.raw_offsets()[0];
      }
      StringBuilder builder(type, pool);
      RETURN_NOT_OK(builder.Reserve(total, bytes));
      for (const Array& a : arrays) {
        StringArray s(a);
        for (int64_t i = 0; i < a.length(); ++i) {
          if (a.IsNull(i)) {
            RETURN_NOT_OK(builder.AppendNull());
          } else {
            builder.UnsafeAppend(s.Value(i));
          }
        }
      }
      return builder.Finish();
    }
    default: {
      if (!type.is_fixed_width()) {
        return Status::NotImplemented("Concatenate is not implemented for {}", type.ToString());
      }
      int width = type.bit_width() / 8;
      BufferBuilder values(pool);
      BufferBuilder validity(pool);
      RETURN_NOT_OK(values.Reserve(total * width));
      int64_t nulls = 0;
      for (const Array& a : arrays) nulls += a.null_count();
      if (nulls > 0) RETURN_NOT_OK(validity.Resize(bit_util::BytesForBits(total)));
      int64_t position = 0;
      for (const Array& a : arrays) {
        values.UnsafeAppend(a.data()->buffers[1]->data() + a.offset() * width, a.length() * width);
        if (nulls > 0) {
          const uint8_t* bits = a.null_bitmap_data();
          if (bits == nullptr) {
            bit_util::SetBitsTo(validity.mutable_data(), position, a.length(), true);
          } else {
            bit_util::CopyBitmap(bits, a.offset(), a.length(), validity.mutable_data(), position);
          }
        }
        position += a.length();
      }
      ASSIGN_OR_RETURN(BufferPtr data, values.Finish());
      BufferPtr bitmap;
      if (nulls > 0) {
        ASSIGN_OR_RETURN(bitmap, validity.Finish());
      }
      return Array(ArrayData::Make(type, total, {std::move(bitmap), std::move(data)}, nulls));
    }
  }
}

Result<Array> ConcatenateDictionaries(std::span<const Array> arrays, MemoryPool* pool) {
  const ArrayDataPtr& first = arrays[0].data()->dictionary;
  bool shared = true;
  for (const Array& a : arrays) shared &= a.data()->dictionary == first;
  Int32Builder indices(DataType::Int32(), pool);
  int64_t total = 0;
  for (const Array& a : arrays) total += a.length();
  RETURN_NOT_OK(indices.Reserve(total));
  StringDictionaryBuilder unified(pool);
  for (const Array& a : arrays) {
    DictionaryArray dict(a);
    std::vector<int32_t> remap;
    if (!shared) {
      StringArray values(a.data()->dictionary);
      remap.resize(static_cast<size_t>(values.length()));
      for (int64_t v = 0; v < values.length(); ++v) {
        if (values.IsNull(v)) continue;
        ASSIGN_OR_RETURN(remap[v], unified.GetOrInsert(values.Value(v)));
      }
    }
    for (int64_t i = 0; i < a.length(); ++i) {
      if (a.IsNull(i)) {
        RETURN_NOT_OK(indices.AppendNull());
      } else {
        indices.UnsafeAppend(shared ? dict.IndexAt(i) : remap[dict.IndexAt(i)]);
      }
    }
  }
  ASSIGN_OR_RETURN(Array out, indices.Finish());
  auto data = std::make_shared<ArrayData>(*out.data());
  data->type = arrays[0].type();
  if (shared) {
    data->dictionary = first;
  } else {
    ASSIGN_OR_RETURN(Array dictionary, unified.Finish());
    data->dictionary = DictionaryArray(dictionary).dictionary().data();
  }
  return Array(std::move(data));
}

}  // namespace

Result<Array> Concatenate(std::span<const Array> arrays, MemoryPool* pool) {
  if (arrays.empty()) return Status::InvalidArgument("Concatenate needs at least one array");
  for (const Array& a : arrays) {
    if (!(a.type() == arrays[0].type())) {
      return Status::InvalidArgument("cannot concatenate {} with {}", arrays[0].type().ToString(),
                                     a.type().ToString());
    }
  }
  if (arrays.size() == 1) return arrays[0];
  if (arrays[0].type().id() == TypeId::kDictionary) {
    if (arrays[0].type().value_type().id() != TypeId::kUtf8) {
      return Status::NotImplemented("Concatenate of {}", arrays[0].type().ToString());
    }
    return ConcatenateDictionaries(arrays, pool);
  }
  if (arrays[0].type().id() == TypeId::kNull) {
    int64_t total = 0;
    for (const Array& a : arrays) total += a.length();
    return MakeNullArray(DataType::Null(), total);
  }
  return ConcatenatePlain(arrays, pool);
}

Result<RecordBatchPtr> ConcatenateBatches(const SchemaPtr& schema,
                                          std::span<const RecordBatchPtr> batches,
                                          MemoryPool* pool) {
  if (batches.empty()) return RecordBatch::MakeEmpty(schema);
  if (batches.size() == 1) return batches[0];
  int64_t rows = 0;
  for (const auto& batch : batches) rows += batch->num_rows();
  std::vector<Array> columns;
  for (int c = 0; c < schema->num_fields(); ++c) {
    std::vector<Array> pieces;
    for (const auto& batch : batches) pieces.push_back(batch->column(c));
    ASSIGN_OR_RETURN(Array column, Concatenate(pieces, pool));
    columns.push_back(std::move(column));
  }
  return RecordBatch::MakeUnchecked(schema, rows, std::move(columns));
}

}  // namespace quiver
