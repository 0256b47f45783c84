#pragma once

#include <cstdint>
#include <string_view>
#include <type_traits>
#include <vector>

#include "columnar/array.h"
#include "columnar/validity_builder.h"

namespace quiver {

// Builders follow Reserve → Append → Finish. `Append*` may allocate and returns a Status;
// `UnsafeAppend*` requires a prior Reserve and never fails. Finish() hands the buffers to
// an immutable Array without copying and resets the builder for reuse. Not thread-safe.

template <typename T>
DataType DefaultTypeFor() {
  if constexpr (std::is_same_v<T, int8_t>) return DataType::Int8();
  if constexpr (std::is_same_v<T, int16_t>) return DataType::Int16();
  if constexpr (std::is_same_v<T, int32_t>) return DataType::Int32();
  if constexpr (std::is_same_v<T, int64_t>) return DataType::Int64();
  if constexpr (std::is_same_v<T, uint8_t>) return DataType::UInt8();
  if constexpr (std::is_same_v<T, uint16_t>) return DataType::UInt16();
  if constexpr (std::is_same_v<T, uint32_t>) return DataType::UInt32();
  if constexpr (std::is_same_v<T, uint64_t>) return DataType::UInt64();
  if constexpr (std::is_same_v<T, float>) return DataType::Float32();
  if constexpr (std::is_same_v<T, double>) return DataType::Float64();
}

// Fixed-width values of C type T. `type` may be any Arrow type whose physical layout is
// T (e.g. Timestamp(ns) for int64_t).
template <typename T>
class NumericBuilder {
 public:
  explicit NumericBuilder(DataType type = DefaultTypeFor<T>(), MemoryPool* pool = DefaultMemoryPool())
      : type_(std::move(type)), values_(pool), validity_(pool) {}

  Status Reserve(int64_t additional) {
    RETURN_NOT_OK(values_.Reserve(additional * static_cast<int64_t>(sizeof(T))));
    return validity_.Reserve(additional);
  }
  void UnsafeAppend(T value) {
    values_.UnsafeAppend(value);
    validity_.UnsafeAppendValid();
  }
  Status Append(T value) {
    RETURN_NOT_OK(Reserve(1));
    UnsafeAppend(value);
    return Status::OK();
  }
  Status AppendNull() {
    RETURN_NOT_OK(values_.Reserve(sizeof(T)));
    values_.UnsafeAppend(T{});
    return validity_.AppendNull();
  }
  Status AppendNulls(int64_t count) {
    for (int64_t i = 0; i < count; ++i) RETURN_NOT_OK(AppendNull());
    return Status::OK();
  }
  // Appends `count` values; `valid` (if not null) holds one bool per value.
  Status AppendValues(const T* values, int64_t count, const bool* valid = nullptr) {
    RETURN_NOT_OK(Reserve(count));
    values_.UnsafeAppend(values, count * static_cast<int64_t>(sizeof(T)));
    for (int64_t i = 0; i < count; ++i) {
      if (valid == nullptr || valid[i]) {
        validity_.UnsafeAppendValid();
      } else {
        RETURN_NOT_OK(validity_.AppendNull());
      }
    }
    return Status::OK();
  }

  int64_t length() const { return validity_.length(); }
  int64_t null_count() const { return validity_.null_count(); }
  // Mutable access to the values appended so far (e.g. to patch a slot).
  T* mutable_values() { return values_.template mutable_data_as<T>(); }
  const DataType& type() const { return type_; }

  Result<Array> Finish() {
    int64_t length = validity_.length();
    int64_t null_count = validity_.null_count();
    ASSIGN_OR_RETURN(BufferPtr validity, validity_.Finish());
    ASSIGN_OR_RETURN(BufferPtr values, values_.Finish());
    return Array(ArrayData::Make(type_, length, {std::move(validity), std::move(values)}, null_count));
  }

 private:
  DataType type_;
  BufferBuilder values_;
  ValidityBuilder validity_;
};

using Int32Builder = NumericBuilder<int32_t>;
using Int64Builder = NumericBuilder<int64_t>;
using UInt64Builder = NumericBuilder<uint64_t>;
using Float64Builder = NumericBuilder<double>;

// Timestamp(ns) values (int64 nanoseconds since the epoch).
class TimestampBuilder : public NumericBuilder<int64_t> {
 public:
  explicit TimestampBuilder(TimeUnit unit = TimeUnit::kNano, MemoryPool* pool = DefaultMemoryPool())
      : NumericBuilder<int64_t>(DataType::Timestamp(unit), pool) {}
};

class BooleanBuilder {
 public:
  explicit BooleanBuilder(MemoryPool* pool = DefaultMemoryPool()) : values_(pool), validity_(pool) {}

  Status Reserve(int64_t additional) {
    RETURN_NOT_OK(values_.Reserve(bit_util::BytesForBits(validity_.length() + additional) - values_.size()));
    return validity_.Reserve(additional);
  }
  void UnsafeAppend(bool value) {
    int64_t i = validity_.length();
    if ((i & 7) == 0) values_.UnsafeAdvance(1);  // Capacity is zeroed, so the bits start at 0.
    if (value) bit_util::SetBit(values_.mutable_data(), i);
    validity_.UnsafeAppendValid();
  }
  Status Append(bool value) {
    RETURN_NOT_OK(Reserve(1));
    UnsafeAppend(value);
    return Status::OK();
  }
  Status AppendNull() {
    RETURN_NOT_OK(Reserve(1));
    if ((validity_.length() & 7) == 0) values_.UnsafeAdvance(1);
    return validity_.AppendNull();
  }

  int64_t length() const { return validity_.length(); }
  int64_t null_count() const { return validity_.null_count(); }

  Result<Array> Finish() {
    int64_t length = validity_.length();
    int64_t null_count = validity_.null_count();
    ASSIGN_OR_RETURN(BufferPtr validity, validity_.Finish());
    ASSIGN_OR_RETURN(BufferPtr values, values_.Finish());
    return Array(ArrayData::Make(DataType::Boolean(), length, {std::move(validity), std::move(values)},
                                 null_count));
  }

 private:
  BufferBuilder values_;
  ValidityBuilder validity_;
};

// Utf8 (default) or Binary values with int32 offsets. Errors with ResourceExhausted if
// the data would exceed 2 GiB.
class StringBuilder {
 public:
  explicit StringBuilder(DataType type = DataType::Utf8(), MemoryPool* pool = DefaultMemoryPool());

  // Reserves room for `additional` values; `data_bytes` more bytes of string data.
  Status Reserve(int64_t additional, int64_t data_bytes = 0);
  Status Append(std::string_view value) {
    RETURN_NOT_OK(Reserve(1, static_cast<int64_t>(value.size())));
    UnsafeAppend(value);
    return Status::OK();
  }
  // REQUIRES: Reserve() made room for one more value and its bytes.
  void UnsafeAppend(std::string_view value) {
    data_.UnsafeAppend(value.data(), static_cast<int64_t>(value.size()));
    offsets_.UnsafeAppend(static_cast<int32_t>(data_.size()));
    validity_.UnsafeAppendValid();
  }
  Status AppendNull();

  int64_t length() const { return validity_.length(); }
  int64_t null_count() const { return validity_.null_count(); }
  int64_t data_size() const { return data_.size(); }
  // The i-th appended value (valid only until the next append).
  std::string_view ValueAt(int64_t i) const {
    const int32_t* offsets = reinterpret_cast<const int32_t*>(offsets_.data());
    return std::string_view(reinterpret_cast<const char*>(data_.data()) + offsets[i],
                            static_cast<size_t>(offsets[i + 1] - offsets[i]));
  }

  Result<Array> Finish();

 private:
  DataType type_;
  BufferBuilder offsets_;
  BufferBuilder data_;
  ValidityBuilder validity_;
};

// Dictionary(Int32, Utf8): appends strings, assigning each distinct value the next index
// in first-seen order. Finish() resets the indices but, by default, keeps the dictionary
// so consecutive batches share index assignments (the dictionary array a batch references
// holds every value seen so far). Call ResetDictionary() to start over.
class StringDictionaryBuilder {
 public:
  explicit StringDictionaryBuilder(MemoryPool* pool = DefaultMemoryPool());
  ~StringDictionaryBuilder();
  StringDictionaryBuilder(StringDictionaryBuilder&&) noexcept;
  StringDictionaryBuilder& operator=(StringDictionaryBuilder&&) noexcept;

  Status Reserve(int64_t additional) {
    RETURN_NOT_OK(indices_.Reserve(additional * 4));
    return validity_.Reserve(additional);
  }
  // Index of `value`, inserting it if new (may allocate).
  Result<int32_t> GetOrInsert(std::string_view value);
  Status Append(std::string_view value) {
    ASSIGN_OR_RETURN(int32_t index, GetOrInsert(value));
    return AppendIndex(index);
  }
  // Appends an index previously returned by GetOrInsert.
  Status AppendIndex(int32_t index) {
    RETURN_NOT_OK(Reserve(1));
    UnsafeAppendIndex(index);
    return Status::OK();
  }
  void UnsafeAppendIndex(int32_t index) {
    indices_.UnsafeAppend(index);
    validity_.UnsafeAppendValid();
  }
  Status AppendNull();

  int64_t length() const { return validity_.length(); }
  int64_t null_count() const { return validity_.null_count(); }
  int32_t dictionary_size() const;
  std::string_view DictionaryValue(int32_t index) const;

  // A Dictionary(Int32, Utf8) array over the current dictionary.
  Result<Array> Finish();
  void ResetDictionary();

 private:
  struct Table;
  MemoryPool* pool_;
  BufferBuilder indices_;
  ValidityBuilder validity_;
  std::unique_ptr<Table> table_;
};

// Builds an array from literal values, for tests and constant columns:
//   ArrayFromVector<int64_t>({1, 2, 3}), with std::nullopt for nulls via the optional form.
template <typename T>
Result<Array> ArrayFromVector(const std::vector<T>& values, DataType type = DefaultTypeFor<T>()) {
  NumericBuilder<T> builder(std::move(type));
  RETURN_NOT_OK(builder.AppendValues(values.data(), static_cast<int64_t>(values.size())));
  return builder.Finish();
}

}  // namespace quiver
