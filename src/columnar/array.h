#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "base/check.h"
#include "columnar/array_data.h"
#include "columnar/bit_util.h"

namespace quiver {

// A cheap, copyable handle to an immutable column (ArrayData). Typed views below
// (Int64Array, StringArray, DictionaryArray, ...) add accessors without virtual calls;
// construct them from an Array whose type matches (checked in debug builds).
class Array {
 public:
  Array() = default;
  explicit Array(ArrayDataPtr data) : data_(std::move(data)) {}

  bool is_valid_handle() const { return data_ != nullptr; }
  const ArrayDataPtr& data() const { return data_; }
  const DataType& type() const { return data_->type; }
  int64_t length() const { return data_->length; }
  int64_t offset() const { return data_->offset; }
  int64_t null_count() const { return data_->null_count; }

  // Validity bitmap (bit index = offset() + i) or nullptr if the array has no nulls
  // buffer. Note a Null-type array has no bitmap but every slot is null.
  const uint8_t* null_bitmap_data() const {
    const auto& buffers = data_->buffers;
    return buffers.empty() || !buffers[0] ? nullptr : buffers[0]->data();
  }
  bool IsValid(int64_t i) const {
    if (data_->type.id() == TypeId::kNull) return false;
    const uint8_t* bitmap = null_bitmap_data();
    return bitmap == nullptr || bit_util::GetBit(bitmap, data_->offset + i);
  }
  bool IsNull(int64_t i) const { return !IsValid(i); }

  // Zero-copy view of [offset, offset + length). REQUIRES: the range is in bounds.
  Array Slice(int64_t offset, int64_t length) const;

  // Logical equality: same type, length, validity and values (dictionary arrays compare
  // decoded values, so differently built dictionaries can be equal).
  bool Equals(const Array& other) const;

  // Value of slot i rendered as text ("null" for nulls); for tests and debugging.
  std::string FormatValue(int64_t i) const;
  // "[1, 2, null]".
  std::string ToString() const;

 protected:
  template <typename T>
  const T* buffer_as(int index) const {
    return data_->buffers[index]->data_as<T>();
  }

  ArrayDataPtr data_;
};

// Fixed-width numeric arrays; also used for Timestamp/Duration/Date32 (their physical
// types are int64/int64/int32).
template <typename T>
class NumericArray : public Array {
 public:
  NumericArray() = default;
  explicit NumericArray(const Array& array) : Array(array) {
    DCHECK(type().bit_width() == sizeof(T) * 8) << type().ToString();
  }
  explicit NumericArray(ArrayDataPtr data) : NumericArray(Array(std::move(data))) {}

  // Points at slot 0 (offset already applied).
  const T* raw_values() const { return buffer_as<T>(1) + data_->offset; }
  T Value(int64_t i) const { return raw_values()[i]; }
  std::span<const T> values() const { return {raw_values(), static_cast<size_t>(length())}; }
};

using Int8Array = NumericArray<int8_t>;
using Int16Array = NumericArray<int16_t>;
using Int32Array = NumericArray<int32_t>;
using Int64Array = NumericArray<int64_t>;
using UInt8Array = NumericArray<uint8_t>;
using UInt16Array = NumericArray<uint16_t>;
using UInt32Array = NumericArray<uint32_t>;
using UInt64Array = NumericArray<uint64_t>;
using Float32Array = NumericArray<float>;
using Float64Array = NumericArray<double>;
using TimestampArray = NumericArray<int64_t>;

class BooleanArray : public Array {
 public:
  BooleanArray() = default;
  explicit BooleanArray(const Array& array) : Array(array) {
    DCHECK(type().id() == TypeId::kBoolean) << type().ToString();
  }
  explicit BooleanArray(ArrayDataPtr data) : BooleanArray(Array(std::move(data))) {}

  // Value bits; bit index = offset() + i.
  const uint8_t* values_bitmap() const { return buffer_as<uint8_t>(1); }
  bool Value(int64_t i) const { return bit_util::GetBit(values_bitmap(), data_->offset + i); }
  // Number of valid slots that are true.
  int64_t true_count() const;
};

// Utf8 and Binary (int32 offsets).
class StringArray : public Array {
 public:
  StringArray() = default;
  explicit StringArray(const Array& array) : Array(array) {
    DCHECK(type().is_binary_like()) << type().ToString();
  }
  explicit StringArray(ArrayDataPtr data) : StringArray(Array(std::move(data))) {}

  // Offsets for slots [0, length]; offset() already applied.
  const int32_t* raw_offsets() const { return buffer_as<int32_t>(1) + data_->offset; }
  const char* raw_data() const {
    const auto& buffer = data_->buffers[2];
    return buffer ? buffer->data_as<char>() : "";
  }
  std::string_view Value(int64_t i) const {
    const int32_t* offsets = raw_offsets();
    return std::string_view(raw_data() + offsets[i], static_cast<size_t>(offsets[i + 1] - offsets[i]));
  }
  int32_t value_length(int64_t i) const { return raw_offsets()[i + 1] - raw_offsets()[i]; }
};

// Dictionary(Int32, V): slot i is dictionary()[indices()[i]] (null if the index slot is
// null). Quiver's tags are Dictionary(Int32, Utf8); other index widths are converted to
// Int32 when data is imported.
class DictionaryArray : public Array {
 public:
  DictionaryArray() = default;
  explicit DictionaryArray(const Array& array) : Array(array) {
    DCHECK(type().id() == TypeId::kDictionary && type().index_type().id() == TypeId::kInt32)
        << type().ToString();
  }
  explicit DictionaryArray(ArrayDataPtr data) : DictionaryArray(Array(std::move(data))) {}

  const int32_t* raw_indices() const { return buffer_as<int32_t>(1) + data_->offset; }
  int32_t IndexAt(int64_t i) const { return raw_indices()[i]; }
  Array dictionary() const { return Array(data_->dictionary); }
  // The indices as an Int32 array sharing this array's validity and offset.
  Int32Array indices() const;
  // For Utf8 dictionaries: the decoded string at slot i. REQUIRES: IsValid(i).
  std::string_view StringValue(int64_t i) const {
    return StringArray(data_->dictionary).Value(IndexAt(i));
  }
};

// Builds a Null-type array of `length` slots.
Array MakeNullArray(DataType type, int64_t length);

}  // namespace quiver
