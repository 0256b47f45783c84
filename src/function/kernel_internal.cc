#include "function/kernel_internal.h"

#include <algorithm>
#include <memory>

#include "function/simd_kernels_internal.h"

namespace quiver::function_internal {
namespace {

// Owns a pool allocation handed to a Buffer.
struct PoolAllocation {
  PoolAllocation(std::shared_ptr<MemoryPool> pool, uint8_t* data, int64_t capacity)
      : pool(std::move(pool)), data(data), capacity(capacity) {}
  ~PoolAllocation() { pool->Free(data, capacity); }
  PoolAllocation(const PoolAllocation&) = delete;
  PoolAllocation& operator=(const PoolAllocation&) = delete;
  std::shared_ptr<MemoryPool> pool;
  uint8_t* data;
  int64_t capacity;
};

int64_t RoundUpTo64(int64_t n) { return (n + 63) & ~int64_t{63}; }

inline uint64_t Load64(const uint8_t* p) {
  uint64_t word;
  std::memcpy(&word, p, sizeof(word));
  return word;
}
inline void Store64(uint8_t* p, uint64_t word) { std::memcpy(p, &word, sizeof(word)); }

}  // namespace

Result<MutableBuffer> AllocateBuffer(MemoryPool* pool, int64_t size) {
  size = std::max<int64_t>(size, 0);
  int64_t capacity = std::max<int64_t>(RoundUpTo64(size), 64);
  ASSIGN_OR_RETURN(uint8_t * data, pool->Allocate(capacity));
  std::memset(data + size, 0, static_cast<size_t>(capacity - size));
  auto owner = std::make_shared<PoolAllocation>(pool->shared_from_this(), data, capacity);
  MutableBuffer out;
  out.buffer = std::make_shared<Buffer>(data, size, std::move(owner));
  out.data = data;
  return out;
}

Result<MutableBuffer> AllocateZeroedBuffer(MemoryPool* pool, int64_t size) {
  ASSIGN_OR_RETURN(MutableBuffer out, AllocateBuffer(pool, size));
  if (size > 0) std::memset(out.data, 0, static_cast<size_t>(size));
  return out;
}

void CopyBitsAligned(const uint8_t* src, int64_t src_offset, int64_t length, uint8_t* dst) {
  int64_t out_bytes = bit_util::BytesForBits(length);
  if (out_bytes == 0) return;
  const uint8_t* s = src + (src_offset >> 3);
  int shift = static_cast<int>(src_offset & 7);
  if (shift == 0) {
    std::memcpy(dst, s, static_cast<size_t>(out_bytes));
  } else {
    int64_t src_bytes = bit_util::BytesForBits(shift + length);
    int64_t j = 0;
    // 8 output bytes need 9 source bytes.
    for (; j + 9 <= src_bytes; j += 8) {
      uint64_t word = (Load64(s + j) >> shift) | (static_cast<uint64_t>(s[j + 8]) << (64 - shift));
      Store64(dst + j, word);
    }
    for (; j < out_bytes; ++j) {
      uint8_t lo = static_cast<uint8_t>(s[j] >> shift);
      uint8_t hi = j + 1 < src_bytes ? static_cast<uint8_t>(s[j + 1] << (8 - shift)) : 0;
      dst[j] = lo | hi;
    }
  }
  if ((length & 7) != 0) dst[out_bytes - 1] &= static_cast<uint8_t>((1u << (length & 7)) - 1);
}

void AndBitsInto(uint8_t* dst, const uint8_t* src, int64_t src_offset, int64_t length) {
  int64_t bytes = bit_util::BytesForBits(length);
  if ((src_offset & 7) == 0) {
    const uint8_t* s = src + (src_offset >> 3);
    for (int64_t j = 0; j < bytes; ++j) dst[j] &= s[j];
    return;
  }
  std::vector<uint8_t> aligned(static_cast<size_t>(bytes));
  CopyBitsAligned(src, src_offset, length, aligned.data());
  for (int64_t j = 0; j < bytes; ++j) dst[j] &= aligned[j];
}

void AndNotBitsInto(uint8_t* dst, const uint8_t* src, int64_t src_offset, int64_t length) {
  int64_t bytes = bit_util::BytesForBits(length);
  std::vector<uint8_t> aligned(static_cast<size_t>(bytes));
  CopyBitsAligned(src, src_offset, length, aligned.data());
  for (int64_t j = 0; j < bytes; ++j) dst[j] &= static_cast<uint8_t>(~aligned[j]);
}

namespace {

bool DictionaryHasNullValues(const Array& array) {
  return array.type().id() == TypeId::kDictionary && array.data()->dictionary &&
         (array.data()->dictionary->null_count > 0 ||
          array.data()->dictionary->type.id() == TypeId::kNull);
}

}  // namespace

Result<ValidityView> LogicalValidity(const Array& array, MemoryPool* pool) {
  ValidityView view;
  int64_t rows = array.length();
  if (array.type().id() == TypeId::kNull) {
    ASSIGN_OR_RETURN(MutableBuffer zeros, AllocateZeroedBuffer(pool, bit_util::BytesForBits(rows)));
    view.owned = zeros.buffer;
    view.data = zeros.data;
    return view;
  }
  if (DictionaryHasNullValues(array)) {
    ASSIGN_OR_RETURN(MutableBuffer bits, AllocateZeroedBuffer(pool, bit_util::BytesForBits(rows)));
    DictionaryArray dict(array);
    Array values = dict.dictionary();
    const int32_t* indices = dict.raw_indices();
    for (int64_t i = 0; i < rows; ++i) {
      if (array.IsValid(i) && values.IsValid(indices[i])) bit_util::SetBit(bits.data, i);
    }
    view.owned = bits.buffer;
    view.data = bits.data;
    return view;
  }
  if (array.null_count() > 0) {
    view.data = array.null_bitmap_data();
    view.offset = array.offset();
  }
  return view;
}

int64_t LogicalNullCount(const Array& array) {
  if (array.type().id() == TypeId::kNull) return array.length();
  if (!DictionaryHasNullValues(array)) return array.null_count();
  DictionaryArray dict(array);
  Array values = dict.dictionary();
  const int32_t* indices = dict.raw_indices();
  int64_t nulls = 0;
  for (int64_t i = 0; i < array.length(); ++i) {
    nulls += !(array.IsValid(i) && values.IsValid(indices[i]));
  }
  return nulls;
}

bool AnyNullScalar(std::span<const Datum> args) {
  for (const Datum& arg : args) {
    if (arg.is_scalar() && arg.scalar().is_null()) return true;
  }
  return false;
}

bool AllScalars(std::span<const Datum> args) {
  for (const Datum& arg : args) {
    if (!arg.is_scalar()) return false;
  }
  return true;
}

Result<OutputValidity> IntersectValidity(MemoryPool* pool, std::span<const Datum> args,
                                         int64_t rows) {
  OutputValidity out;
  if (AnyNullScalar(args)) {
    ASSIGN_OR_RETURN(MutableBuffer zeros, AllocateZeroedBuffer(pool, bit_util::BytesForBits(rows)));
    out.bitmap = zeros.buffer;
    out.null_count = rows;
    return out;
  }
  std::vector<const Array*> with_nulls;
  for (const Datum& arg : args) {
    if (arg.is_array() && LogicalNullCount(arg.array()) > 0) with_nulls.push_back(&arg.array());
  }
  if (with_nulls.empty()) return out;
  if (with_nulls.size() == 1 && with_nulls[0]->type().id() != TypeId::kNull &&
      !DictionaryHasNullValues(*with_nulls[0]) && (with_nulls[0]->offset() & 7) == 0) {
    // Share the input's bitmap (zero-copy) when it is byte aligned.
    const Array& array = *with_nulls[0];
    const BufferPtr& bitmap = array.data()->buffers[0];
    out.bitmap = Buffer::Slice(
        bitmap, array.offset() >> 3,
        std::min<int64_t>(bit_util::BytesForBits(rows), bitmap->size() - (array.offset() >> 3)));
    out.null_count = array.null_count();
    return out;
  }
  ASSIGN_OR_RETURN(MutableBuffer bits, AllocateBitmap(pool, rows));
  bool first = true;
  for (const Array* array : with_nulls) {
    ASSIGN_OR_RETURN(ValidityView view, LogicalValidity(*array, pool));
    if (first) {
      CopyBitsAligned(view.data, view.offset, rows, bits.data);
      first = false;
    } else {
      AndBitsInto(bits.data, view.data, view.offset, rows);
    }
  }
  out.null_count = CountZeroBits(bits.data, rows);
  out.bitmap = bits.buffer;
  return out;
}

Array MakeArray(DataType type, int64_t length, BufferPtr validity, int64_t null_count,
                std::vector<BufferPtr> value_buffers) {
  std::vector<BufferPtr> buffers;
  buffers.reserve(value_buffers.size() + 1);
  buffers.push_back(null_count > 0 ? std::move(validity) : nullptr);
  for (auto& buffer : value_buffers) buffers.push_back(std::move(buffer));
  return Array(ArrayData::Make(std::move(type), length, std::move(buffers), null_count));
}

Array MakeBooleanArray(int64_t rows, BufferPtr values, const OutputValidity& validity) {
  return MakeArray(DataType::Boolean(), rows, validity.bitmap, validity.null_count,
                   {std::move(values)});
}

void PackBytesToBits(const uint8_t* bytes, int64_t length, uint8_t* bits) {
  int64_t whole = length / 8;
  for (int64_t j = 0; j < whole; ++j) {
    const uint8_t* b = bytes + j * 8;
    bits[j] = static_cast<uint8_t>(b[0] | (b[1] << 1) | (b[2] << 2) | (b[3] << 3) | (b[4] << 4) |
                                   (b[5] << 5) | (b[6] << 6) | (b[7] << 7));
  }
  if (length % 8 != 0) {
    uint8_t last = 0;
    for (int64_t i = whole * 8; i < length; ++i) last |= static_cast<uint8_t>(bytes[i] << (i % 8));
    bits[whole] = last;
  }
}

Result<BooleanWords> LoadBooleanWords(const Datum& datum, int64_t rows, MemoryPool* pool) {
  BooleanWords out;
  size_t words = static_cast<size_t>((rows + 63) / 64);
  out.values.assign(words, 0);
  out.validity.assign(words, ~uint64_t{0});
  auto* values = reinterpret_cast<uint8_t*>(out.values.data());
  auto* validity = reinterpret_cast<uint8_t*>(out.validity.data());
  if (datum.is_scalar()) {
    const Scalar& s = datum.scalar();
    if (s.is_null()) {
      std::fill(out.validity.begin(), out.validity.end(), 0);
      out.all_valid = false;
    } else if (s.type().id() == TypeId::kBoolean && s.bool_value()) {
      std::fill(out.values.begin(), out.values.end(), ~uint64_t{0});
    }
  } else {
    const Array& array = datum.array();
    if (array.type().id() == TypeId::kBoolean) {
      CopyBitsAligned(BooleanArray(array).values_bitmap(), array.offset(), rows, values);
    }
    ASSIGN_OR_RETURN(ValidityView view, LogicalValidity(array, pool));
    if (view.data != nullptr) {
      CopyBitsAligned(view.data, view.offset, rows, validity);
      out.all_valid = false;
    }
  }
  // Clear the bits past `rows` in the last word.
  if (rows % 64 != 0 && words > 0) {
    uint64_t mask = (uint64_t{1} << (rows % 64)) - 1;
    out.values[words - 1] &= mask;
    out.validity[words - 1] &= mask;
  }
  return out;
}

Result<Array> BooleanArrayFromWords(const std::vector<uint64_t>& values,
                                    const std::vector<uint64_t>* validity, int64_t rows,
                                    MemoryPool* pool) {
  int64_t bytes = bit_util::BytesForBits(rows);
  ASSIGN_OR_RETURN(MutableBuffer out, AllocateBitmap(pool, rows));
  if (bytes > 0) std::memcpy(out.data, values.data(), static_cast<size_t>(bytes));
  OutputValidity out_validity;
  if (validity != nullptr) {
    ASSIGN_OR_RETURN(MutableBuffer bits, AllocateBitmap(pool, rows));
    if (bytes > 0) std::memcpy(bits.data, validity->data(), static_cast<size_t>(bytes));
    int64_t nulls = CountZeroBits(bits.data, rows);
    if (nulls > 0) {
      out_validity.bitmap = bits.buffer;
      out_validity.null_count = nulls;
    }
  }
  return MakeBooleanArray(rows, out.buffer, out_validity);
}

std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}

StringReader::StringReader(const Array& array) {
  if (array.type().id() == TypeId::kDictionary) {
    DictionaryArray dict(array);
    indices_ = dict.raw_indices();
    const ArrayData& values = *array.data()->dictionary;
    dictionary_length_ = static_cast<uint64_t>(values.length);
    offsets_ = values.buffers[1]->data_as<int32_t>() + values.offset;
    data_ =
        values.buffers.size() > 2 && values.buffers[2] ? values.buffers[2]->data_as<char>() : "";
  } else {
    StringArray strings(array);
    offsets_ = strings.raw_offsets();
    data_ = strings.raw_data();
  }
}

// ---------------------------------------------------------------------------------------
// Scalars <-> arrays

Result<Scalar> ScalarAt(const Array& array, int64_t i) {
  const DataType& type = array.type();
  if (array.IsNull(i)) return Scalar::Null(type);
  switch (type.id()) {
    case TypeId::kBoolean:
      return Scalar::Boolean(BooleanArray(array).Value(i));
    case TypeId::kInt8:
      return MakeScalar<int8_t>(type, ValuesOf<int8_t>(array)[i]);
    case TypeId::kInt16:
      return MakeScalar<int16_t>(type, ValuesOf<int16_t>(array)[i]);
    case TypeId::kInt32:
    case TypeId::kDate32:
      return MakeScalar<int32_t>(type, ValuesOf<int32_t>(array)[i]);
    case TypeId::kInt64:
    case TypeId::kTimestamp:
    case TypeId::kDuration:
      return MakeScalar<int64_t>(type, ValuesOf<int64_t>(array)[i]);
    case TypeId::kUInt8:
      return MakeScalar<uint8_t>(type, ValuesOf<uint8_t>(array)[i]);
    case TypeId::kUInt16:
      return MakeScalar<uint16_t>(type, ValuesOf<uint16_t>(array)[i]);
    case TypeId::kUInt32:
      return MakeScalar<uint32_t>(type, ValuesOf<uint32_t>(array)[i]);
    case TypeId::kUInt64:
      return MakeScalar<uint64_t>(type, ValuesOf<uint64_t>(array)[i]);
    case TypeId::kFloat32:
      return MakeScalar<float>(type, ValuesOf<float>(array)[i]);
    case TypeId::kFloat64:
      return MakeScalar<double>(type, ValuesOf<double>(array)[i]);
    case TypeId::kIntervalMonthDayNano:
      return MakeScalar<MonthDayNano>(type, ValuesOf<MonthDayNano>(array)[i]);
    case TypeId::kUtf8:
    case TypeId::kBinary:
      return MakeScalar<std::string_view>(type, StringArray(array).Value(i));
    case TypeId::kDictionary: {
      DictionaryArray dict(array);
      ASSIGN_OR_RETURN(Scalar value, ScalarAt(dict.dictionary(), dict.IndexAt(i)));
      if (value.is_null()) return Scalar::Null(type);
      return Scalar::Dictionary(type, std::move(value));
    }
    default:
      return Status::NotImplemented("scalar of type {} is not supported", type.ToString());
  }
}

namespace {

template <typename T>
Result<Array> FillFixed(const DataType& type, T value, int64_t rows, MemoryPool* pool) {
  ASSIGN_OR_RETURN(MutableBuffer out, AllocateBuffer(pool, rows * static_cast<int64_t>(sizeof(T))));
  std::fill_n(out.as<T>(), rows, value);
  return MakeArray(type, rows, nullptr, 0, {out.buffer});
}

}  // namespace

Result<Array> ArrayFromScalar(const Scalar& scalar, int64_t rows, MemoryPool* pool) {
  const DataType& type = scalar.type();
  if (scalar.is_null()) return MakeNullArray(type, rows);
  switch (type.id()) {
    case TypeId::kBoolean: {
      ASSIGN_OR_RETURN(MutableBuffer bits, AllocateBitmap(pool, rows));
      std::memset(bits.data, scalar.bool_value() ? 0xFF : 0,
                  static_cast<size_t>(bit_util::BytesForBits(rows)));
      return MakeArray(type, rows, nullptr, 0, {bits.buffer});
    }
    case TypeId::kInt8:
      return FillFixed<int8_t>(type, ScalarValue<int8_t>(scalar), rows, pool);
    case TypeId::kInt16:
      return FillFixed<int16_t>(type, ScalarValue<int16_t>(scalar), rows, pool);
    case TypeId::kInt32:
    case TypeId::kDate32:
      return FillFixed<int32_t>(type, ScalarValue<int32_t>(scalar), rows, pool);
    case TypeId::kInt64:
    case TypeId::kTimestamp:
    case TypeId::kDuration:
      return FillFixed<int64_t>(type, scalar.int64_value(), rows, pool);
    case TypeId::kUInt8:
      return FillFixed<uint8_t>(type, ScalarValue<uint8_t>(scalar), rows, pool);
    case TypeId::kUInt16:
      return FillFixed<uint16_t>(type, ScalarValue<uint16_t>(scalar), rows, pool);
    case TypeId::kUInt32:
      return FillFixed<uint32_t>(type, ScalarValue<uint32_t>(scalar), rows, pool);
    case TypeId::kUInt64:
      return FillFixed<uint64_t>(type, scalar.uint64_value(), rows, pool);
    case TypeId::kFloat32:
      return FillFixed<float>(type, ScalarValue<float>(scalar), rows, pool);
    case TypeId::kFloat64:
      return FillFixed<double>(type, scalar.double_value(), rows, pool);
    case TypeId::kIntervalMonthDayNano:
      return FillFixed<MonthDayNano>(type, scalar.interval_value(), rows, pool);
    case TypeId::kUtf8:
    case TypeId::kBinary: {
      StringBuilder builder(type, pool);
      const std::string& value = scalar.string_value();
      RETURN_NOT_OK(builder.Reserve(rows, rows * static_cast<int64_t>(value.size())));
      for (int64_t i = 0; i < rows; ++i) builder.UnsafeAppend(value);
      return builder.Finish();
    }
    case TypeId::kDictionary: {
      ASSIGN_OR_RETURN(Array values, ArrayFromScalar(scalar.WithType(type.value_type()), 1, pool));
      ASSIGN_OR_RETURN(MutableBuffer indices, AllocateZeroedBuffer(pool, rows * 4));
      auto data = std::make_shared<ArrayData>();
      data->type = type;
      data->length = rows;
      data->buffers = {nullptr, indices.buffer};
      data->dictionary = values.data();
      return Array(std::move(data));
    }
    default:
      return Status::NotImplemented("array of type {} from a scalar is not supported",
                                    type.ToString());
  }
}

Result<Array> ToArray(const Datum& datum, int64_t rows, MemoryPool* pool) {
  if (datum.is_array()) return datum.array();
  return ArrayFromScalar(datum.scalar(), rows, pool);
}

// ---------------------------------------------------------------------------------------
// Gather

namespace {

// Output validity of a gather: index validity AND the values' validity at the index.
Result<OutputValidity> GatherValidity(const Array& values, const int32_t* indices,
                                      const uint8_t* index_validity, int64_t index_offset,
                                      int64_t rows, MemoryPool* pool) {
  OutputValidity out;
  bool values_have_nulls = values.null_count() > 0 || values.type().id() == TypeId::kNull;
  if (index_validity == nullptr && !values_have_nulls) return out;
  ASSIGN_OR_RETURN(MutableBuffer bits, AllocateZeroedBuffer(pool, bit_util::BytesForBits(rows)));
  for (int64_t i = 0; i < rows; ++i) {
    bool valid = index_validity == nullptr || bit_util::GetBit(index_validity, index_offset + i);
    if (valid && values_have_nulls) valid = values.IsValid(indices[i]);
    if (valid) bit_util::SetBit(bits.data, i);
  }
  out.null_count = CountZeroBits(bits.data, rows);
  out.bitmap = bits.buffer;
  return out;
}

template <typename T>
Result<BufferPtr> GatherFixed(const T* values, const int32_t* indices,
                              const uint8_t* index_validity, int64_t index_offset, int64_t rows,
                              MemoryPool* pool) {
  ASSIGN_OR_RETURN(MutableBuffer out, AllocateBuffer(pool, rows * static_cast<int64_t>(sizeof(T))));
  T* dst = out.as<T>();
  if (index_validity == nullptr) {
    for (int64_t i = 0; i < rows; ++i) dst[i] = values[indices[i]];
  } else {
    for (int64_t i = 0; i < rows; ++i) {
      dst[i] = bit_util::GetBit(index_validity, index_offset + i) ? values[indices[i]] : T{};
    }
  }
  return out.buffer;
}

}  // namespace

Result<Array> GatherInt32(const Array& values, const int32_t* indices,
                          const uint8_t* index_validity, int64_t index_offset, int64_t rows,
                          MemoryPool* pool) {
  const DataType& type = values.type();
  if (type.id() == TypeId::kNull || values.length() == 0) return MakeNullArray(type, rows);
  ASSIGN_OR_RETURN(OutputValidity validity,
                   GatherValidity(values, indices, index_validity, index_offset, rows, pool));
  switch (type.id()) {
    case TypeId::kBoolean: {
      ASSIGN_OR_RETURN(MutableBuffer bits,
                       AllocateZeroedBuffer(pool, bit_util::BytesForBits(rows)));
      BooleanArray in(values);
      for (int64_t i = 0; i < rows; ++i) {
        if (index_validity != nullptr && !bit_util::GetBit(index_validity, index_offset + i))
          continue;
        if (in.Value(indices[i])) bit_util::SetBit(bits.data, i);
      }
      return MakeArray(type, rows, validity.bitmap, validity.null_count, {bits.buffer});
    }
    case TypeId::kUtf8:
    case TypeId::kBinary: {
      StringArray in(values);
      StringBuilder builder(type, pool);
      int64_t bytes = 0;
      for (int64_t i = 0; i < rows; ++i) {
        if (index_validity == nullptr || bit_util::GetBit(index_validity, index_offset + i)) {
          bytes += in.value_length(indices[i]);
        }
      }
      RETURN_NOT_OK(builder.Reserve(rows, bytes));
      const uint8_t* valid = validity.bitmap ? validity.bitmap->data() : nullptr;
      for (int64_t i = 0; i < rows; ++i) {
        if (valid != nullptr && !bit_util::GetBit(valid, i)) {
          RETURN_NOT_OK(builder.AppendNull());
        } else {
          builder.UnsafeAppend(in.Value(indices[i]));
        }
      }
      return builder.Finish();
    }
    default:
      break;
  }
  int width = type.bit_width();
  if (type.id() == TypeId::kDictionary || width == 0) {
    return Status::NotImplemented("gather of type {} is not supported", type.ToString());
  }
  const uint8_t* raw = values.data()->buffers[1]->data();
  BufferPtr out;
  switch (width) {
    case 8: {
      ASSIGN_OR_RETURN(out, GatherFixed<uint8_t>(raw + values.offset(), indices, index_validity,
                                                 index_offset, rows, pool));
      break;
    }
    case 16: {
      ASSIGN_OR_RETURN(
          out, GatherFixed<uint16_t>(reinterpret_cast<const uint16_t*>(raw) + values.offset(),
                                     indices, index_validity, index_offset, rows, pool));
      break;
    }
    case 32: {
      ASSIGN_OR_RETURN(
          out, GatherFixed<uint32_t>(reinterpret_cast<const uint32_t*>(raw) + values.offset(),
                                     indices, index_validity, index_offset, rows, pool));
      break;
    }
    case 64: {
      ASSIGN_OR_RETURN(
          out, GatherFixed<uint64_t>(reinterpret_cast<const uint64_t*>(raw) + values.offset(),
                                     indices, index_validity, index_offset, rows, pool));
      break;
    }
    case 128: {
      ASSIGN_OR_RETURN(out, GatherFixed<MonthDayNano>(
                                reinterpret_cast<const MonthDayNano*>(raw) + values.offset(),
                                indices, index_validity, index_offset, rows, pool));
      break;
    }
    default:
      return Status::NotImplemented("gather of type {} is not supported", type.ToString());
  }
  return MakeArray(type, rows, validity.bitmap, validity.null_count, {out});
}

Result<Array> DecodeDictionary(const Array& dictionary_array, MemoryPool* pool) {
  DictionaryArray dict(dictionary_array);
  return GatherInt32(dict.dictionary(), dict.raw_indices(), dictionary_array.null_bitmap_data(),
                     dictionary_array.offset(), dictionary_array.length(), pool);
}

Result<Array> MapDictionaryToBoolean(const Array& dictionary_array, const std::vector<uint8_t>& lut,
                                     MemoryPool* pool) {
  int64_t rows = dictionary_array.length();
  DictionaryArray dict(dictionary_array);
  const int32_t* indices = dict.raw_indices();
  int64_t lut_size = static_cast<int64_t>(lut.size());
  int64_t true_count = 0;
  int32_t true_index = -1;
  for (int64_t k = 0; k < lut_size; ++k) {
    if (lut[k]) {
      ++true_count;
      true_index = static_cast<int32_t>(k);
    }
  }
  ASSIGN_OR_RETURN(MutableBuffer bits, AllocateBitmap(pool, rows));
  int64_t bytes = bit_util::BytesForBits(rows);
  if (true_count == 0) {
    std::memset(bits.data, 0, static_cast<size_t>(bytes));
  } else if (true_count == lut_size && dictionary_array.null_count() == 0) {
    std::memset(bits.data, 0xFF, static_cast<size_t>(bytes));
  } else if (true_count == 1) {
    CompareInt32ScalarToBits(CompareOp::kEq, indices, true_index, rows, bits.data);
  } else {
    LookupBytesToBits(indices, lut.data(), lut_size, rows, bits.data);
  }
  OutputValidity validity;
  if (LogicalNullCount(dictionary_array) > 0) {
    const Datum args[] = {Datum(dictionary_array)};
    ASSIGN_OR_RETURN(validity, IntersectValidity(pool, args, rows));
  }
  return MakeBooleanArray(rows, bits.buffer, validity);
}

}  // namespace quiver::function_internal
