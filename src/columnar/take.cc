#include "columnar/take.h"

#include <cstring>

#include "columnar/builder.h"

namespace quiver {
namespace {

template <typename T>
Result<Array> TakeFixed(const Array& values, std::span<const int64_t> indices, MemoryPool* pool) {
  NumericBuilder<T> builder(values.type(), pool);
  RETURN_NOT_OK(builder.Reserve(static_cast<int64_t>(indices.size())));
  const T* raw = reinterpret_cast<const T*>(values.data()->buffers[1]->data()) + values.offset();
  for (int64_t index : indices) {
    if (index < 0 || values.IsNull(index)) {
      RETURN_NOT_OK(builder.AppendNull());
    } else {
      builder.UnsafeAppend(raw[index]);
    }
  }
  return builder.Finish();
}

Result<Array> TakeInterval(const Array& values, std::span<const int64_t> indices, MemoryPool* pool) {
  // 16-byte values: gather as pairs of uint64 then relabel the type.
  BufferBuilder out(pool);
  BufferBuilder validity_bits(pool);
  int64_t n = static_cast<int64_t>(indices.size());
  RETURN_NOT_OK(out.Resize(n * 16));
  RETURN_NOT_OK(validity_bits.Resize(bit_util::BytesForBits(n)));
  int64_t nulls = 0;
  const uint8_t* raw = values.data()->buffers[1]->data() + values.offset() * 16;
  for (int64_t i = 0; i < n; ++i) {
    int64_t index = indices[i];
    if (index < 0 || values.IsNull(index)) {
      ++nulls;
    } else {
      std::memcpy(out.mutable_data() + i * 16, raw + index * 16, 16);
      bit_util::SetBit(validity_bits.mutable_data(), i);
    }
  }
  ASSIGN_OR_RETURN(BufferPtr data, out.Finish());
  BufferPtr validity;
  if (nulls > 0) {
    ASSIGN_OR_RETURN(validity, validity_bits.Finish());
  }
  return Array(ArrayData::Make(values.type(), n, {std::move(validity), std::move(data)}, nulls));
}

Result<Array> TakeBoolean(const Array& values, std::span<const int64_t> indices, MemoryPool* pool) {
  BooleanBuilder builder(pool);
  BooleanArray bools(values);
  RETURN_NOT_OK(builder.Reserve(static_cast<int64_t>(indices.size())));
  for (int64_t index : indices) {
    if (index < 0 || values.IsNull(index)) {
      RETURN_NOT_OK(builder.AppendNull());
    } else {
      builder.UnsafeAppend(bools.Value(index));
    }
  }
  return builder.Finish();
}

Result<Array> TakeString(const Array& values, std::span<const int64_t> indices, MemoryPool* pool) {
  StringArray strings(values);
  int64_t bytes = 0;
  for (int64_t index : indices) {
    if (index >= 0 && values.IsValid(index)) bytes += strings.value_length(index);
  }
  StringBuilder builder(values.type(), pool);
  RETURN_NOT_OK(builder.Reserve(static_cast<int64_t>(indices.size()), bytes));
  for (int64_t index : indices) {
    if (index < 0 || values.IsNull(index)) {
      RETURN_NOT_OK(builder.AppendNull());
    } else {
      builder.UnsafeAppend(strings.Value(index));
    }
  }
  return builder.Finish();
}

Result<Array> TakeDictionary(const Array& values, std::span<const int64_t> indices, MemoryPool* pool) {
  DictionaryArray dict(values);
  Int32Builder builder(DataType::Int32(), pool);
  RETURN_NOT_OK(builder.Reserve(static_cast<int64_t>(indices.size())));
  for (int64_t index : indices) {
    if (index < 0 || values.IsNull(index)) {
      RETURN_NOT_OK(builder.AppendNull());
    } else {
      builder.UnsafeAppend(dict.IndexAt(index));
    }
  }
  ASSIGN_OR_RETURN(Array taken, builder.Finish());
  auto data = std::make_shared<ArrayData>(*taken.data());
  data->type = values.type();
  data->dictionary = values.data()->dictionary;
  return Array(std::move(data));
}

}  // namespace

Result<Array> Take(const Array& values, std::span<const int64_t> indices, MemoryPool* pool) {
  switch (values.type().id()) {
    case TypeId::kNull: return MakeNullArray(values.type(), static_cast<int64_t>(indices.size()));
    case TypeId::kBoolean: return TakeBoolean(values, indices, pool);
    case TypeId::kInt8:
    case TypeId::kUInt8: return TakeFixed<uint8_t>(values, indices, pool);
    case TypeId::kInt16:
    case TypeId::kUInt16: return TakeFixed<uint16_t>(values, indices, pool);
    case TypeId::kInt32:
    case TypeId::kUInt32:
    case TypeId::kFloat32:
    case TypeId::kDate32: return TakeFixed<uint32_t>(values, indices, pool);
    case TypeId::kInt64:
    case TypeId::kUInt64:
    case TypeId::kFloat64:
    case TypeId::kTimestamp:
    case TypeId::kDuration: return TakeFixed<uint64_t>(values, indices, pool);
    case TypeId::kIntervalMonthDayNano: return TakeInterval(values, indices, pool);
    case TypeId::kUtf8:
    case TypeId::kBinary: return TakeString(values, indices, pool);
    case TypeId::kDictionary: return TakeDictionary(values, indices, pool);
    default:
      return Status::NotImplemented("Take is not implemented for {}", values.type().ToString());
  }
}

Result<RecordBatchPtr> TakeRows(const RecordBatch& batch, std::span<const int64_t> indices,
                                MemoryPool* pool) {
  std::vector<Array> columns;
  columns.reserve(batch.num_columns());
  for (const Array& column : batch.columns()) {
    ASSIGN_OR_RETURN(Array taken, Take(column, indices, pool));
    columns.push_back(std::move(taken));
  }
  return RecordBatch::MakeUnchecked(batch.schema(), static_cast<int64_t>(indices.size()),
                                    std::move(columns));
}

}  // namespace quiver
