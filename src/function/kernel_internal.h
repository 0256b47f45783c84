#pragma once

// Shared machinery for the kernels of this module: output allocation, validity bitmaps,
// scalar/array conversions and the element-wise loops most kernels are made of.
// Module-private (not for plan/ or exec/).

#include <cstdint>
#include <cstring>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "base/result.h"
#include "columnar/array.h"
#include "columnar/bit_util.h"
#include "columnar/builder.h"
#include "function/datum.h"
#include "function/kernel.h"
#include "types/scalar.h"

namespace quiver::function_internal {

// ---------------------------------------------------------------------------------------
// Output buffers

// A freshly allocated pool buffer whose bytes the kernel fills before sharing it.
struct MutableBuffer {
  BufferPtr buffer;
  uint8_t* data = nullptr;
  template <typename T>
  T* as() const {
    return reinterpret_cast<T*>(data);
  }
};

// `size` bytes, 64-byte aligned; the contents are uninitialised except the padding up to
// the next multiple of 64, which is zeroed. Errors: ResourceExhausted from the pool.
Result<MutableBuffer> AllocateBuffer(MemoryPool* pool, int64_t size);
// The same, zero-filled.
Result<MutableBuffer> AllocateZeroedBuffer(MemoryPool* pool, int64_t size);
// A bitmap of `bits` bits (padding bits past `bits` zeroed; the rest uninitialised).
inline Result<MutableBuffer> AllocateBitmap(MemoryPool* pool, int64_t bits) {
  return AllocateBuffer(pool, bit_util::BytesForBits(bits));
}

// ---------------------------------------------------------------------------------------
// Bitmaps

// Copies bits [src_offset, src_offset + length) to dst bits [0, length). dst must hold
// BytesForBits(length) bytes; bits of the last byte past `length` become 0.
void CopyBitsAligned(const uint8_t* src, int64_t src_offset, int64_t length, uint8_t* dst);
// dst[0, length) &= src[src_offset, +length).
void AndBitsInto(uint8_t* dst, const uint8_t* src, int64_t src_offset, int64_t length);
// dst[0, length) &= ~src[src_offset, +length).
void AndNotBitsInto(uint8_t* dst, const uint8_t* src, int64_t src_offset, int64_t length);
// Number of zero bits in [0, length) of an aligned bitmap.
inline int64_t CountZeroBits(const uint8_t* bits, int64_t length) {
  return length - bit_util::CountSetBits(bits, 0, length);
}

// The logical validity of an array as a bitmap with its bit offset: physical validity,
// except that a Dictionary array whose dictionary holds nulls is also null where its index
// points at a null value, and a Null-type array is all null. `data` null means all valid.
struct ValidityView {
  const uint8_t* data = nullptr;
  int64_t offset = 0;
  BufferPtr owned;  // keeps a computed bitmap alive
};
Result<ValidityView> LogicalValidity(const Array& array, MemoryPool* pool);
// Logical null count (see LogicalValidity).
int64_t LogicalNullCount(const Array& array);

// The validity of an element-wise result: the AND of every argument's logical validity.
// A null scalar makes every row null. `bitmap` is null when no row is null.
struct OutputValidity {
  BufferPtr bitmap;
  int64_t null_count = 0;
};
Result<OutputValidity> IntersectValidity(MemoryPool* pool, std::span<const Datum> args,
                                         int64_t rows);
bool AnyNullScalar(std::span<const Datum> args);
bool AllScalars(std::span<const Datum> args);

// ---------------------------------------------------------------------------------------
// Values

// The element type of a fixed-width array's value buffer.
template <typename T>
const T* ValuesOf(const Array& array) {
  return array.data()->buffers[1]->data_as<T>() + array.offset();
}

// The C value of a valid scalar: int64_t for signed integers, Timestamp, Duration, Date32;
// uint64_t for unsigned; double for floats; bool; std::string_view for Utf8/Binary (and
// string dictionaries); MonthDayNano for intervals.
template <typename T>
T ScalarValue(const Scalar& scalar) {
  if constexpr (std::is_same_v<T, bool>) {
    return scalar.bool_value();
  } else if constexpr (std::is_same_v<T, double> || std::is_same_v<T, float>) {
    return static_cast<T>(scalar.double_value());
  } else if constexpr (std::is_same_v<T, std::string_view>) {
    return scalar.string_value();
  } else if constexpr (std::is_same_v<T, MonthDayNano>) {
    return scalar.interval_value();
  } else if constexpr (std::is_unsigned_v<T>) {
    return static_cast<T>(scalar.uint64_value());
  } else {
    return static_cast<T>(scalar.int64_value());
  }
}

// A valid scalar of `type` holding `value` (the inverse of ScalarValue).
template <typename T>
Scalar MakeScalar(const DataType& type, T value) {
  if constexpr (std::is_same_v<T, bool>) {
    return Scalar::Boolean(value).WithType(type);
  } else if constexpr (std::is_same_v<T, double> || std::is_same_v<T, float>) {
    return Scalar::Float64(static_cast<double>(value)).WithType(type);
  } else if constexpr (std::is_same_v<T, std::string_view> || std::is_same_v<T, std::string>) {
    return Scalar::Utf8(std::string(value)).WithType(type);
  } else if constexpr (std::is_same_v<T, MonthDayNano>) {
    return Scalar::Interval(value).WithType(type);
  } else if constexpr (std::is_unsigned_v<T>) {
    return Scalar::UInt64(static_cast<uint64_t>(value)).WithType(type);
  } else {
    return Scalar::Int64(static_cast<int64_t>(value)).WithType(type);
  }
}

// Slot i of an array as a scalar (dictionary arrays give a dictionary-typed scalar holding
// the decoded value). Errors: NotImplemented for nested types.
Result<Scalar> ScalarAt(const Array& array, int64_t i);
// `rows` copies of a scalar. Errors: NotImplemented for nested types.
Result<Array> ArrayFromScalar(const Scalar& scalar, int64_t rows, MemoryPool* pool);
// The argument as an array of `rows` rows (scalars are broadcast).
Result<Array> ToArray(const Datum& datum, int64_t rows, MemoryPool* pool);

// Builds an array from its parts.
Array MakeArray(DataType type, int64_t length, BufferPtr validity, int64_t null_count,
                std::vector<BufferPtr> value_buffers);

// Gathers values[indices[i]] for i in [0, rows); rows where `index_validity` (bits at
// `index_offset`) is 0 or values[indices[i]] is null become null. Works for every
// non-nested, non-dictionary type. REQUIRES: valid indices are in range.
Result<Array> GatherInt32(const Array& values, const int32_t* indices,
                          const uint8_t* index_validity, int64_t index_offset, int64_t rows,
                          MemoryPool* pool);
// Dictionary(Int32, V) -> V (the values each slot refers to).
Result<Array> DecodeDictionary(const Array& dictionary_array, MemoryPool* pool);

// Reads strings from Utf8/Binary arrays and Utf8 dictionary arrays without decoding.
class StringReader {
 public:
  explicit StringReader(const Array& array);
  std::string_view operator[](int64_t i) const {
    if (indices_ != nullptr) {
      // Null slots may hold any index: out-of-range indices read as "".
      uint32_t index = static_cast<uint32_t>(indices_[i]);
      if (index >= dictionary_length_) return {};
      return std::string_view(data_ + offsets_[index],
                              static_cast<size_t>(offsets_[index + 1] - offsets_[index]));
    }
    return std::string_view(data_ + offsets_[i],
                            static_cast<size_t>(offsets_[i + 1] - offsets_[i]));
  }

 private:
  const int32_t* indices_ = nullptr;
  uint64_t dictionary_length_ = 0;
  const int32_t* offsets_ = nullptr;
  const char* data_ = nullptr;
};

// A Boolean array whose values bits are `values` (offset 0) and validity from `validity`.
Array MakeBooleanArray(int64_t rows, BufferPtr values, const OutputValidity& validity);

// A Boolean datum (array or broadcast scalar) as 64-bit words starting at bit 0: value
// bits and logical validity bits (all ones when `all_valid`). Words past `rows` are 0.
struct BooleanWords {
  std::vector<uint64_t> values;
  std::vector<uint64_t> validity;
  bool all_valid = true;
};
// `values` are loaded only for Boolean datums; validity for any type.
Result<BooleanWords> LoadBooleanWords(const Datum& datum, int64_t rows, MemoryPool* pool);
// A Boolean array from words (validity null when all valid). Bits past `rows` are ignored.
Result<Array> BooleanArrayFromWords(const std::vector<uint64_t>& values,
                                    const std::vector<uint64_t>* validity, int64_t rows,
                                    MemoryPool* pool);

// Packs one bool per byte (0/1) into bits.
void PackBytesToBits(const uint8_t* bytes, int64_t length, uint8_t* bits);

// Maps each valid slot of a Dictionary(Int32, *) array through a per-dictionary-entry
// 0/1 table (`lut`, dictionary length entries, e.g. "does this value equal 'host_1'"),
// producing a Boolean array with the dictionary array's logical validity. Runs a
// vectorised index compare when exactly one entry is 1 (the `tag = 'x'` hot path).
Result<Array> MapDictionaryToBoolean(const Array& dictionary_array, const std::vector<uint8_t>& lut,
                                     MemoryPool* pool);

// ---------------------------------------------------------------------------------------
// Element-wise loops. Ops are structs or lambdas; `error` is set when a value does not
// compute (overflow, division by zero); the loop then re-checks the rows and reports the
// first *valid* failing row with `on_error(a[, b])` (null slots may hold anything).

template <typename Out, typename A, typename Op, typename OnError>
Result<Datum> ExecUnary(KernelContext& ctx, const Datum& arg, int64_t rows,
                        const DataType& out_type, Op op, OnError on_error) {
  if (arg.is_scalar()) {
    const Scalar& s = arg.scalar();
    if (s.is_null()) return Datum(Scalar::Null(out_type));
    bool error = false;
    Out value = op(ScalarValue<A>(s), error);
    if (error) return on_error(ScalarValue<A>(s));
    return Datum(MakeScalar<Out>(out_type, value));
  }
  const Array& array = arg.array();
  const Datum args[] = {arg};
  ASSIGN_OR_RETURN(OutputValidity validity, IntersectValidity(ctx.pool, args, rows));
  ASSIGN_OR_RETURN(MutableBuffer out,
                   AllocateBuffer(ctx.pool, rows * static_cast<int64_t>(sizeof(Out))));
  const A* in = ValuesOf<A>(array);
  Out* dst = out.as<Out>();
  bool error = false;
  for (int64_t i = 0; i < rows; ++i) dst[i] = op(in[i], error);
  if (error) {
    for (int64_t i = 0; i < rows; ++i) {
      bool row_error = false;
      (void)op(in[i], row_error);
      if (row_error && array.IsValid(i)) return on_error(in[i]);
    }
  }
  return Datum(MakeArray(out_type, rows, validity.bitmap, validity.null_count, {out.buffer}));
}

template <typename Out, typename A, typename B, typename Op, typename OnError>
Result<Datum> ExecBinary(KernelContext& ctx, const Datum& a, const Datum& b, int64_t rows,
                         const DataType& out_type, Op op, OnError on_error) {
  const Datum args[] = {a, b};
  if (a.is_scalar() && b.is_scalar()) {
    if (a.scalar().is_null() || b.scalar().is_null()) return Datum(Scalar::Null(out_type));
    bool error = false;
    A x = ScalarValue<A>(a.scalar());
    B y = ScalarValue<B>(b.scalar());
    Out value = op(x, y, error);
    if (error) return on_error(x, y);
    return Datum(MakeScalar<Out>(out_type, value));
  }
  if (AnyNullScalar(args)) return Datum(MakeNullArray(out_type, rows));
  ASSIGN_OR_RETURN(OutputValidity validity, IntersectValidity(ctx.pool, args, rows));
  ASSIGN_OR_RETURN(MutableBuffer out,
                   AllocateBuffer(ctx.pool, rows * static_cast<int64_t>(sizeof(Out))));
  Out* dst = out.as<Out>();
  bool error = false;
  if (a.is_array() && b.is_array()) {
    const A* x = ValuesOf<A>(a.array());
    const B* y = ValuesOf<B>(b.array());
    for (int64_t i = 0; i < rows; ++i) dst[i] = op(x[i], y[i], error);
  } else if (a.is_array()) {
    const A* x = ValuesOf<A>(a.array());
    const B y = ScalarValue<B>(b.scalar());
    for (int64_t i = 0; i < rows; ++i) dst[i] = op(x[i], y, error);
  } else {
    const A x = ScalarValue<A>(a.scalar());
    const B* y = ValuesOf<B>(b.array());
    for (int64_t i = 0; i < rows; ++i) dst[i] = op(x, y[i], error);
  }
  if (error) {
    for (int64_t i = 0; i < rows; ++i) {
      if (validity.bitmap && !bit_util::GetBit(validity.bitmap->data(), i)) continue;
      A x = a.is_array() ? ValuesOf<A>(a.array())[i] : ScalarValue<A>(a.scalar());
      B y = b.is_array() ? ValuesOf<B>(b.array())[i] : ScalarValue<B>(b.scalar());
      bool row_error = false;
      (void)op(x, y, row_error);
      if (row_error) return on_error(x, y);
    }
  }
  return Datum(MakeArray(out_type, rows, validity.bitmap, validity.null_count, {out.buffer}));
}

// Unary string -> string. `op(std::string_view in, std::string& scratch)` returns the
// output (which may point into `in` or `scratch`).
template <typename Op>
Result<Datum> ExecStringToString(KernelContext& ctx, const Datum& arg, int64_t rows, Op op) {
  std::string scratch;
  if (arg.is_scalar()) {
    if (arg.scalar().is_null()) return Datum(Scalar::Null(DataType::Utf8()));
    return Datum(
        Scalar::Utf8(std::string(op(std::string_view(arg.scalar().string_value()), scratch))));
  }
  const Array& array = arg.array();
  StringBuilder builder(DataType::Utf8(), ctx.pool);
  int64_t data_bytes = 0;
  if (array.type().id() != TypeId::kDictionary && array.length() > 0) {
    const int32_t* offsets = StringArray(array).raw_offsets();
    data_bytes = offsets[array.length()] - offsets[0];
  }
  RETURN_NOT_OK(builder.Reserve(rows, data_bytes));
  StringReader reader(array);
  for (int64_t i = 0; i < rows; ++i) {
    if (array.IsNull(i)) {
      RETURN_NOT_OK(builder.AppendNull());
    } else {
      RETURN_NOT_OK(builder.Append(op(reader[i], scratch)));
    }
  }
  ASSIGN_OR_RETURN(Array out, builder.Finish());
  return Datum(std::move(out));
}

// Unary string -> fixed-width value (lengths, positions, parsing).
template <typename Out, typename Op>
Result<Datum> ExecStringToFixed(KernelContext& ctx, const Datum& arg, int64_t rows,
                                const DataType& out_type, Op op) {
  if (arg.is_scalar()) {
    if (arg.scalar().is_null()) return Datum(Scalar::Null(out_type));
    return Datum(MakeScalar<Out>(out_type, op(std::string_view(arg.scalar().string_value()))));
  }
  const Datum args[] = {arg};
  ASSIGN_OR_RETURN(OutputValidity validity, IntersectValidity(ctx.pool, args, rows));
  ASSIGN_OR_RETURN(MutableBuffer out,
                   AllocateBuffer(ctx.pool, rows * static_cast<int64_t>(sizeof(Out))));
  Out* dst = out.as<Out>();
  StringReader reader(arg.array());
  const uint8_t* valid = validity.bitmap ? validity.bitmap->data() : nullptr;
  for (int64_t i = 0; i < rows; ++i) {
    dst[i] = (valid == nullptr || bit_util::GetBit(valid, i)) ? op(reader[i]) : Out{};
  }
  return Datum(MakeArray(out_type, rows, validity.bitmap, validity.null_count, {out.buffer}));
}

// Per-dictionary 0/1 tables of one predicate (e.g. "equals 'host_1'"), kept across batches
// so a dictionary shared by many batches (one buffer chunk, one Parquet row group) is
// evaluated once, not once per batch. Keyed by the dictionary's ArrayData, which the cache
// keeps alive (so a key is never reused); holds the last kEntries dictionaries.
// Thread-safe; lives in a KernelState.
class DictionaryLutCache {
 public:
  using Lut = std::vector<uint8_t>;
  static constexpr size_t kEntries = 8;

  // The table for `dictionary`, built with build(Lut*) if not cached.
  template <typename Build>
  std::shared_ptr<const Lut> GetOrBuild(const ArrayDataPtr& dictionary, Build build) const {
    {
      std::lock_guard<std::mutex> lock(mu_);
      for (const auto& [key, lut] : entries_) {
        if (key == dictionary) return lut;
      }
    }
    auto lut = std::make_shared<Lut>();
    build(lut.get());
    std::lock_guard<std::mutex> lock(mu_);
    if (entries_.size() >= kEntries) entries_.erase(entries_.begin());
    entries_.emplace_back(dictionary, lut);
    return lut;
  }

 private:
  mutable std::mutex mu_;
  mutable std::vector<std::pair<ArrayDataPtr, std::shared_ptr<const Lut>>> entries_;
};

// A Boolean result of pred(std::string_view) over a string-like datum (Utf8, Binary or a
// string dictionary, whose entries are each tested once and mapped through the indices).
// Null inputs give null outputs; `extra_validity` (optional) is ANDed in (e.g. per-row
// pattern nulls are handled by the caller).
// `cache` (optional, from the call site's KernelState) keeps dictionary tables across
// batches.
template <typename Pred>
Result<Datum> ExecStringPredicate(KernelContext& ctx, const Datum& input, int64_t rows, Pred pred,
                                  const DictionaryLutCache* cache = nullptr) {
  if (input.is_scalar()) {
    if (input.scalar().is_null()) return Datum(Scalar::Null(DataType::Boolean()));
    return Datum(Scalar::Boolean(pred(std::string_view(input.scalar().string_value()))));
  }
  const Array& array = input.array();
  if (array.type().id() == TypeId::kDictionary) {
    auto build = [&](std::vector<uint8_t>* lut) {
      StringArray dictionary(DictionaryArray(array).dictionary());
      lut->resize(static_cast<size_t>(dictionary.length()));
      for (int64_t k = 0; k < dictionary.length(); ++k) {
        (*lut)[k] = dictionary.IsValid(k) && pred(dictionary.Value(k));
      }
    };
    std::shared_ptr<const std::vector<uint8_t>> lut;
    if (cache != nullptr) {
      lut = cache->GetOrBuild(array.data()->dictionary, build);
    } else {
      auto local = std::make_shared<std::vector<uint8_t>>();
      build(local.get());
      lut = std::move(local);
    }
    ASSIGN_OR_RETURN(Array mapped, MapDictionaryToBoolean(array, *lut, ctx.pool));
    return Datum(std::move(mapped));
  }
  const Datum args[] = {input};
  ASSIGN_OR_RETURN(OutputValidity validity, IntersectValidity(ctx.pool, args, rows));
  std::vector<uint8_t> bytes(static_cast<size_t>(rows));
  StringArray strings(array);
  const uint8_t* valid = validity.bitmap ? validity.bitmap->data() : nullptr;
  for (int64_t i = 0; i < rows; ++i) {
    bytes[i] = (valid == nullptr || bit_util::GetBit(valid, i)) && pred(strings.Value(i));
  }
  ASSIGN_OR_RETURN(MutableBuffer bits, AllocateBitmap(ctx.pool, rows));
  PackBytesToBits(bytes.data(), rows, bits.data);
  return Datum(MakeBooleanArray(rows, bits.buffer, validity));
}

// Calls `visit.template operator()<T>()` with T the value type of a numeric type id
// (Int8..UInt64, Float32, Float64); returns false for other types.
template <typename Visitor>
bool VisitNumericType(TypeId id, Visitor&& visit) {
  switch (id) {
    case TypeId::kInt8:
      visit.template operator()<int8_t>();
      return true;
    case TypeId::kInt16:
      visit.template operator()<int16_t>();
      return true;
    case TypeId::kInt32:
      visit.template operator()<int32_t>();
      return true;
    case TypeId::kInt64:
      visit.template operator()<int64_t>();
      return true;
    case TypeId::kUInt8:
      visit.template operator()<uint8_t>();
      return true;
    case TypeId::kUInt16:
      visit.template operator()<uint16_t>();
      return true;
    case TypeId::kUInt32:
      visit.template operator()<uint32_t>();
      return true;
    case TypeId::kUInt64:
      visit.template operator()<uint64_t>();
      return true;
    case TypeId::kFloat32:
      visit.template operator()<float>();
      return true;
    case TypeId::kFloat64:
      visit.template operator()<double>();
      return true;
    default:
      return false;
  }
}

// Type helpers.
inline bool IsStringLike(const DataType& type) {
  return type.id() == TypeId::kUtf8 || type.id() == TypeId::kBinary ||
         (type.id() == TypeId::kDictionary && type.value_type().is_binary_like());
}
inline const DataType& ValueTypeOf(const DataType& type) {
  return type.id() == TypeId::kDictionary ? type.value_type() : type;
}
// Lower-cases ASCII letters.
std::string AsciiLower(std::string_view text);

}  // namespace quiver::function_internal
