#include "function/selection.h"

#include "function/function_registry.h"
#include "function/kernel_internal.h"
#include "function/selection_internal.h"

namespace quiver {

using namespace function_internal;  // NOLINT(google-build-using-namespace)

namespace function_internal {
namespace {

// Reads one side of a zip: an array (row k) or a broadcast scalar, with logical validity.
template <typename T>
struct ZipSide {
  const T* values = nullptr;
  T scalar{};
  ValidityView validity;
  bool scalar_valid = true;
  bool is_scalar = false;

  bool Valid(int64_t k) const {
    if (is_scalar) return scalar_valid;
    return validity.data == nullptr || bit_util::GetBit(validity.data, validity.offset + k);
  }
  T Value(int64_t k) const { return is_scalar ? scalar : values[k]; }
};

template <typename T>
Result<ZipSide<T>> MakeSide(const Datum& d, MemoryPool* pool) {
  ZipSide<T> side;
  if (d.is_scalar()) {
    side.is_scalar = true;
    side.scalar_valid = d.scalar().is_valid() && d.type().id() != TypeId::kNull;
    if (side.scalar_valid) {
      // Through a one-row array, so every physical layout (Float32, Int32...) is read right.
      ASSIGN_OR_RETURN(Array one, ArrayFromScalar(d.scalar(), 1, pool));
      side.scalar = ValuesOf<T>(one)[0];
    }
    return side;
  }
  if (d.type().id() == TypeId::kNull) {
    side.is_scalar = true;
    side.scalar_valid = false;
    return side;
  }
  side.values = ValuesOf<T>(d.array());
  ASSIGN_OR_RETURN(side.validity, LogicalValidity(d.array(), pool));
  return side;
}

// Source row for output row i.
struct RowCursor {
  bool compacted;
  int64_t first = 0;
  int64_t second = 0;
  int64_t Next(bool take_first, int64_t i) {
    if (!compacted) return i;
    return take_first ? first++ : second++;
  }
};

Result<OutputValidity> PackValidity(const std::vector<uint8_t>& valid, int64_t rows,
                                    MemoryPool* pool) {
  OutputValidity out;
  int64_t valid_count = 0;
  for (uint8_t v : valid) valid_count += v;
  if (valid_count == rows) return out;
  ASSIGN_OR_RETURN(MutableBuffer bits, AllocateBitmap(pool, rows));
  PackBytesToBits(valid.data(), rows, bits.data);
  out.bitmap = bits.buffer;
  out.null_count = rows - valid_count;
  return out;
}

template <typename T>
Result<Array> ZipFixed(const uint8_t* choose, const Datum& first, const Datum& second, int64_t rows,
                       bool compacted, const DataType& type, MemoryPool* pool) {
  ASSIGN_OR_RETURN(ZipSide<T> a, MakeSide<T>(first, pool));
  ASSIGN_OR_RETURN(ZipSide<T> b, MakeSide<T>(second, pool));
  ASSIGN_OR_RETURN(MutableBuffer out, AllocateBuffer(pool, rows * static_cast<int64_t>(sizeof(T))));
  T* dst = out.as<T>();
  std::vector<uint8_t> valid(static_cast<size_t>(rows));
  RowCursor cursor{compacted};
  for (int64_t i = 0; i < rows; ++i) {
    bool take_first = bit_util::GetBit(choose, i);
    int64_t k = cursor.Next(take_first, i);
    const ZipSide<T>& side = take_first ? a : b;
    bool ok = side.Valid(k);
    valid[i] = ok;
    dst[i] = ok ? side.Value(k) : T{};
  }
  ASSIGN_OR_RETURN(OutputValidity validity, PackValidity(valid, rows, pool));
  return MakeArray(type, rows, validity.bitmap, validity.null_count, {out.buffer});
}

Result<Array> ZipBoolean(const uint8_t* choose, const Datum& first, const Datum& second,
                         int64_t rows, bool compacted, MemoryPool* pool) {
  struct Side {
    const uint8_t* bits = nullptr;
    int64_t offset = 0;
    ValidityView validity;
    bool scalar_value = false;
    bool scalar_valid = false;
    bool Valid(int64_t k) const {
      if (bits == nullptr) return scalar_valid;
      return validity.data == nullptr || bit_util::GetBit(validity.data, validity.offset + k);
    }
    bool Value(int64_t k) const { return bits ? bit_util::GetBit(bits, offset + k) : scalar_value; }
  };
  auto make = [&](const Datum& d, Side& side) -> Status {
    if (d.is_scalar()) {
      side.scalar_valid = d.scalar().is_valid() && d.type().id() == TypeId::kBoolean;
      side.scalar_value = side.scalar_valid && d.scalar().bool_value();
      return Status::OK();
    }
    if (d.type().id() != TypeId::kBoolean) return Status::OK();  // Null-typed: all null
    side.bits = BooleanArray(d.array()).values_bitmap();
    side.offset = d.array().offset();
    ASSIGN_OR_RETURN(side.validity, LogicalValidity(d.array(), pool));
    return Status::OK();
  };
  Side a, b;
  RETURN_NOT_OK(make(first, a));
  RETURN_NOT_OK(make(second, b));
  std::vector<uint8_t> values(static_cast<size_t>(rows)), valid(static_cast<size_t>(rows));
  RowCursor cursor{compacted};
  for (int64_t i = 0; i < rows; ++i) {
    bool take_first = bit_util::GetBit(choose, i);
    int64_t k = cursor.Next(take_first, i);
    const Side& side = take_first ? a : b;
    valid[i] = side.Valid(k);
    values[i] = valid[i] && side.Value(k);
  }
  ASSIGN_OR_RETURN(MutableBuffer bits, AllocateBitmap(pool, rows));
  PackBytesToBits(values.data(), rows, bits.data);
  ASSIGN_OR_RETURN(OutputValidity validity, PackValidity(valid, rows, pool));
  return MakeBooleanArray(rows, bits.buffer, validity);
}

Result<Array> ZipStrings(const uint8_t* choose, const Datum& first, const Datum& second,
                         int64_t rows, bool compacted, const DataType& type, MemoryPool* pool) {
  struct Side {
    std::optional<StringReader> reader;
    ValidityView validity;
    std::string_view scalar;
    bool scalar_valid = false;
    bool Valid(int64_t k) const {
      if (!reader) return scalar_valid;
      return validity.data == nullptr || bit_util::GetBit(validity.data, validity.offset + k);
    }
    std::string_view Value(int64_t k) const { return reader ? (*reader)[k] : scalar; }
  };
  auto make = [&](const Datum& d, Side& side) -> Status {
    if (d.is_scalar()) {
      side.scalar_valid = d.scalar().is_valid() && d.type().id() != TypeId::kNull;
      if (side.scalar_valid) side.scalar = d.scalar().string_value();
      return Status::OK();
    }
    if (d.type().id() == TypeId::kNull) return Status::OK();
    side.reader.emplace(d.array());
    ASSIGN_OR_RETURN(side.validity, LogicalValidity(d.array(), pool));
    return Status::OK();
  };
  Side a, b;
  RETURN_NOT_OK(make(first, a));
  RETURN_NOT_OK(make(second, b));
  StringBuilder builder(type, pool);
  RETURN_NOT_OK(builder.Reserve(rows));
  RowCursor cursor{compacted};
  for (int64_t i = 0; i < rows; ++i) {
    bool take_first = bit_util::GetBit(choose, i);
    int64_t k = cursor.Next(take_first, i);
    const Side& side = take_first ? a : b;
    if (side.Valid(k)) {
      RETURN_NOT_OK(builder.Append(side.Value(k)));
    } else {
      RETURN_NOT_OK(builder.AppendNull());
    }
  }
  return builder.Finish();
}

const ArrayData* DictionaryOf(const Datum& d) {
  return d.is_array() && d.type().id() == TypeId::kDictionary ? d.array().data()->dictionary.get()
                                                              : nullptr;
}

}  // namespace

Result<Array> ZipByMask(const uint8_t* choose, const Datum& first, const Datum& second,
                        int64_t rows, bool compacted, const DataType& type, MemoryPool* pool) {
  switch (type.id()) {
    case TypeId::kNull:
      return MakeNullArray(type, rows);
    case TypeId::kBoolean:
      return ZipBoolean(choose, first, second, rows, compacted, pool);
    case TypeId::kUtf8:
    case TypeId::kBinary:
      return ZipStrings(choose, first, second, rows, compacted, type, pool);
    case TypeId::kDictionary: {
      // Same dictionary on both sides (or null/scalar sides): zip the indices.
      const ArrayData* da = DictionaryOf(first);
      const ArrayData* db = DictionaryOf(second);
      bool a_plain_null =
          first.type().id() == TypeId::kNull || (first.is_scalar() && first.scalar().is_null());
      bool b_plain_null =
          second.type().id() == TypeId::kNull || (second.is_scalar() && second.scalar().is_null());
      const ArrayData* shared = da ? da : db;
      bool same = shared != nullptr && (da == nullptr ? a_plain_null : true) &&
                  (db == nullptr ? b_plain_null : true) &&
                  (da == nullptr || db == nullptr || da == db);
      if (same) {
        auto as_indices = [](const Datum& d) -> Datum {
          if (d.is_array() && d.type().id() == TypeId::kDictionary)
            return Datum(Array(DictionaryArray(d.array()).indices()));
          return Datum(Scalar::Null(DataType::Int32()));
        };
        ASSIGN_OR_RETURN(Array indices,
                         ZipFixed<int32_t>(choose, as_indices(first), as_indices(second), rows,
                                           compacted, DataType::Int32(), pool));
        auto data = std::make_shared<ArrayData>(*indices.data());
        data->type = type;
        data->dictionary = DictionaryArray(first.is_array() && da ? first.array() : second.array())
                               .data()
                               ->dictionary;
        return Array(std::move(data));
      }
      // Different dictionaries: zip the decoded values, then re-encode.
      KernelContext ctx;
      ctx.pool = pool;
      ASSIGN_OR_RETURN(Datum a, Cast(ctx, first, type.value_type()));
      ASSIGN_OR_RETURN(Datum b, Cast(ctx, second, type.value_type()));
      ASSIGN_OR_RETURN(Array values,
                       ZipByMask(choose, a, b, rows, compacted, type.value_type(), pool));
      ASSIGN_OR_RETURN(Datum encoded, Cast(ctx, Datum(values), type));
      return encoded.array();
    }
    default:
      break;
  }
  switch (type.bit_width()) {
    case 8:
      return ZipFixed<uint8_t>(choose, first, second, rows, compacted, type, pool);
    case 16:
      return ZipFixed<uint16_t>(choose, first, second, rows, compacted, type, pool);
    case 32:
      return ZipFixed<uint32_t>(choose, first, second, rows, compacted, type, pool);
    case 64:
      return ZipFixed<uint64_t>(choose, first, second, rows, compacted, type, pool);
    case 128:
      return ZipFixed<MonthDayNano>(choose, first, second, rows, compacted, type, pool);
    default:
      break;
  }
  return Status::NotImplemented("selecting rows of type {} is not supported", type.ToString());
}

Result<std::vector<uint8_t>> TrueBits(const Array& mask, bool invert, MemoryPool* pool) {
  if (mask.type().id() != TypeId::kBoolean) {
    return Status::InvalidArgument("mask must be boolean, got {}", mask.type().ToString());
  }
  ASSIGN_OR_RETURN(BooleanWords words, LoadBooleanWords(Datum(mask), mask.length(), pool));
  std::vector<uint8_t> bits(static_cast<size_t>(bit_util::BytesForBits(mask.length())) + 8, 0);
  for (size_t w = 0; w < words.values.size(); ++w) {
    uint64_t value = words.values[w] & words.validity[w];
    if (invert) value = ~value;
    std::memcpy(bits.data() + w * 8, &value, sizeof(value));
  }
  return bits;
}

}  // namespace function_internal

int64_t CountTrue(const Array& mask) {
  if (mask.length() == 0) return 0;
  Result<std::vector<uint8_t>> bits = TrueBits(mask, false, DefaultMemoryPool());
  if (!bits.ok()) return 0;
  return bit_util::CountSetBits(bits->data(), 0, mask.length());
}

Result<Array> FilterByMask(const Array& values, const Array& mask, bool invert, MemoryPool* pool) {
  if (values.length() != mask.length()) {
    return Status::InvalidArgument("filter mask has {} rows, values have {}", mask.length(),
                                   values.length());
  }
  ASSIGN_OR_RETURN(std::vector<uint8_t> bits, TrueBits(mask, invert, pool));
  int64_t rows = values.length();
  std::vector<int32_t> selected;
  selected.reserve(static_cast<size_t>(bit_util::CountSetBits(bits.data(), 0, rows)));
  for (int64_t i = 0; i < rows; ++i) {
    if (bit_util::GetBit(bits.data(), i)) selected.push_back(static_cast<int32_t>(i));
  }
  int64_t out_rows = static_cast<int64_t>(selected.size());
  if (out_rows == rows) return values;
  if (values.type().id() == TypeId::kDictionary) {
    Array indices = DictionaryArray(values).indices();
    ASSIGN_OR_RETURN(Array picked,
                     GatherInt32(indices, selected.data(), nullptr, 0, out_rows, pool));
    auto data = std::make_shared<ArrayData>(*picked.data());
    data->type = values.type();
    data->dictionary = values.data()->dictionary;
    return Array(std::move(data));
  }
  return GatherInt32(values, selected.data(), nullptr, 0, out_rows, pool);
}

Result<Array> InterleaveByMask(const Array& mask, const Datum& when_true, const Datum& when_false,
                               const DataType& type, MemoryPool* pool) {
  ASSIGN_OR_RETURN(std::vector<uint8_t> bits, TrueBits(mask, false, pool));
  int64_t rows = mask.length();
  int64_t trues = bit_util::CountSetBits(bits.data(), 0, rows);
  if (when_true.is_array() && when_true.array().length() != trues) {
    return Status::InvalidArgument("interleave: {} true rows but {} values", trues,
                                   when_true.array().length());
  }
  if (when_false.is_array() && when_false.array().length() != rows - trues) {
    return Status::InvalidArgument("interleave: {} other rows but {} values", rows - trues,
                                   when_false.array().length());
  }
  return ZipByMask(bits.data(), when_true, when_false, rows, /*compacted=*/true, type, pool);
}

Result<Array> SelectByMask(const Array& mask, const Datum& when_true, const Datum& when_false,
                           const DataType& type, MemoryPool* pool) {
  ASSIGN_OR_RETURN(std::vector<uint8_t> bits, TrueBits(mask, false, pool));
  return ZipByMask(bits.data(), when_true, when_false, mask.length(), /*compacted=*/false, type,
                   pool);
}

}  // namespace quiver
