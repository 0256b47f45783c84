#include "columnar/interop/array_literals.h"

#include <cstring>

namespace quiver::literals {
namespace {

template <typename T>
Result<BufferPtr> BufferOf(const std::vector<T>& values) {
  BufferBuilder builder;
  RETURN_NOT_OK(builder.Append(values.data(), static_cast<int64_t>(values.size() * sizeof(T))));
  return builder.Finish();
}

}  // namespace

Result<BufferPtr> ValidityOf(const std::vector<bool>& valid, int64_t* null_count) {
  *null_count = 0;
  for (bool v : valid) *null_count += v ? 0 : 1;
  if (*null_count == 0) return BufferPtr();
  BufferBuilder bits;
  RETURN_NOT_OK(bits.Resize(bit_util::BytesForBits(static_cast<int64_t>(valid.size()))));
  for (size_t i = 0; i < valid.size(); ++i)
    bit_util::SetBitTo(bits.mutable_data(), static_cast<int64_t>(i), valid[i]);
  return bits.Finish();
}

Result<Array> NullArray(int64_t length) { return MakeNullArray(DataType::Null(), length); }

Result<Array> Booleans(const std::vector<Opt<bool>>& values) {
  BooleanBuilder builder;
  for (const auto& value : values) {
    if (value.has_value()) {
      RETURN_NOT_OK(builder.Append(*value));
    } else {
      RETURN_NOT_OK(builder.AppendNull());
    }
  }
  return builder.Finish();
}

Result<Array> Strings(const std::vector<Opt<std::string>>& values, DataType type) {
  StringBuilder builder(std::move(type));
  for (const auto& value : values) {
    if (value.has_value()) {
      RETURN_NOT_OK(builder.Append(*value));
    } else {
      RETURN_NOT_OK(builder.AppendNull());
    }
  }
  return builder.Finish();
}

Result<Array> Intervals(const std::vector<Opt<std::tuple<int32_t, int32_t, int64_t>>>& values) {
  std::vector<uint8_t> bytes(values.size() * 16, 0);
  std::vector<bool> valid;
  for (size_t i = 0; i < values.size(); ++i) {
    valid.push_back(values[i].has_value());
    if (!values[i].has_value()) continue;
    auto [months, days, nanos] = *values[i];
    std::memcpy(&bytes[i * 16], &months, 4);
    std::memcpy(&bytes[i * 16 + 4], &days, 4);
    std::memcpy(&bytes[i * 16 + 8], &nanos, 8);
  }
  int64_t null_count;
  ASSIGN_OR_RETURN(BufferPtr validity, ValidityOf(valid, &null_count));
  ASSIGN_OR_RETURN(BufferPtr data, BufferOf(bytes));
  return Array(ArrayData::Make(DataType::IntervalMonthDayNano(),
                               static_cast<int64_t>(values.size()),
                               {std::move(validity), std::move(data)}, null_count));
}

Result<Array> List(const Field& item, const std::vector<int32_t>& offsets,
                   const std::vector<bool>& valid, const Array& values) {
  int64_t null_count;
  ASSIGN_OR_RETURN(BufferPtr validity, ValidityOf(valid, &null_count));
  ASSIGN_OR_RETURN(BufferPtr offset_buffer, BufferOf(offsets));
  auto data = std::make_shared<ArrayData>();
  data->type = DataType::List(item);
  data->length = static_cast<int64_t>(valid.size());
  data->null_count = null_count;
  data->buffers = {std::move(validity), std::move(offset_buffer)};
  data->children = {values.data()};
  return Array(std::move(data));
}

Result<Array> Map(const Field& entries_field, const std::vector<int32_t>& offsets,
                  const std::vector<bool>& valid, const Array& entries, bool keys_sorted) {
  ASSIGN_OR_RETURN(Array list, List(entries_field, offsets, valid, entries));
  auto data = std::make_shared<ArrayData>(*list.data());
  data->type = DataType::Map(entries_field, keys_sorted);
  return Array(std::move(data));
}

Result<Array> Struct(const std::vector<Field>& fields, const std::vector<Array>& children,
                     const std::vector<bool>& valid) {
  int64_t null_count;
  ASSIGN_OR_RETURN(BufferPtr validity, ValidityOf(valid, &null_count));
  auto data = std::make_shared<ArrayData>();
  data->type = DataType::Struct(fields);
  data->length = static_cast<int64_t>(valid.size());
  data->null_count = null_count;
  data->buffers = {std::move(validity)};
  for (const Array& child : children) data->children.push_back(child.data());
  return Array(std::move(data));
}

Result<Array> DenseUnion(const std::vector<Field>& fields, const std::vector<int8_t>& codes,
                         const std::vector<int8_t>& type_ids, const std::vector<int32_t>& offsets,
                         const std::vector<Array>& children) {
  ASSIGN_OR_RETURN(BufferPtr ids, BufferOf(type_ids));
  ASSIGN_OR_RETURN(BufferPtr offset_buffer, BufferOf(offsets));
  auto data = std::make_shared<ArrayData>();
  data->type = DataType::DenseUnion(fields, codes);
  data->length = static_cast<int64_t>(type_ids.size());
  data->buffers = {nullptr, std::move(ids), std::move(offset_buffer)};
  for (const Array& child : children) data->children.push_back(child.data());
  return Array(std::move(data));
}

Result<Array> Dictionary(const DataType& index_type, const std::vector<Opt<int64_t>>& indices,
                         const Array& dictionary, bool ordered) {
  const int width = index_type.bit_width() / 8;
  std::vector<uint8_t> bytes(indices.size() * static_cast<size_t>(width), 0);
  std::vector<bool> valid;
  for (size_t i = 0; i < indices.size(); ++i) {
    valid.push_back(indices[i].has_value());
    if (indices[i].has_value()) {
      int64_t value = *indices[i];
      std::memcpy(&bytes[i * width], &value, static_cast<size_t>(width));  // Little-endian.
    }
  }
  int64_t null_count;
  ASSIGN_OR_RETURN(BufferPtr validity, ValidityOf(valid, &null_count));
  ASSIGN_OR_RETURN(BufferPtr index_buffer, BufferOf(bytes));
  auto data = std::make_shared<ArrayData>();
  data->type = DataType::Dictionary(index_type, dictionary.type(), ordered);
  data->length = static_cast<int64_t>(indices.size());
  data->null_count = null_count;
  data->buffers = {std::move(validity), std::move(index_buffer)};
  data->dictionary = dictionary.data();
  return Array(std::move(data));
}

}  // namespace quiver::literals
