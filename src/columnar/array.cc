#include "columnar/array.h"

#include <cmath>
#include <cstring>

#include <fmt/format.h>

#include "base/time_format.h"

namespace quiver {

Array Array::Slice(int64_t offset, int64_t length) const {
  DCHECK(offset >= 0 && length >= 0 && offset + length <= this->length())
      << "slice [" << offset << ", +" << length << ") of " << this->length();
  auto sliced = std::make_shared<ArrayData>(*data_);
  sliced->offset = data_->offset + offset;
  sliced->length = length;
  if (data_->type.id() == TypeId::kNull) {
    sliced->null_count = length;
  } else if (data_->null_count == 0) {
    sliced->null_count = 0;
  } else if (data_->null_count == data_->length) {
    sliced->null_count = length;
  } else {
    const uint8_t* bitmap = null_bitmap_data();
    sliced->null_count =
        bitmap ? length - bit_util::CountSetBits(bitmap, sliced->offset, length) : 0;
  }
  return Array(std::move(sliced));
}

namespace {

bool ValuesEqual(const Array& a, int64_t i, const Array& b, int64_t j);

// Compares one valid slot of two arrays of equal type.
bool SlotEqual(const Array& a, int64_t i, const Array& b, int64_t j) {
  bool a_valid = a.IsValid(i);
  if (a_valid != b.IsValid(j)) return false;
  return !a_valid || ValuesEqual(a, i, b, j);
}

bool ValuesEqual(const Array& a, int64_t i, const Array& b, int64_t j) {
  const DataType& type = a.type();
  switch (type.id()) {
    case TypeId::kNull: return true;
    case TypeId::kBoolean: return BooleanArray(a).Value(i) == BooleanArray(b).Value(j);
    case TypeId::kUtf8:
    case TypeId::kBinary: return StringArray(a).Value(i) == StringArray(b).Value(j);
    case TypeId::kFloat64: {
      double x = Float64Array(a).Value(i), y = Float64Array(b).Value(j);
      return x == y || (std::isnan(x) && std::isnan(y));
    }
    case TypeId::kFloat32: {
      float x = Float32Array(a).Value(i), y = Float32Array(b).Value(j);
      return x == y || (std::isnan(x) && std::isnan(y));
    }
    case TypeId::kDictionary: {
      Array da = DictionaryArray(a).dictionary();
      Array db = DictionaryArray(b).dictionary();
      return SlotEqual(da, DictionaryArray(a).IndexAt(i), db, DictionaryArray(b).IndexAt(j));
    }
    case TypeId::kList:
    case TypeId::kMap: {
      const int32_t* ao = a.data()->buffers[1]->data_as<int32_t>() + a.offset();
      const int32_t* bo = b.data()->buffers[1]->data_as<int32_t>() + b.offset();
      int64_t n = ao[i + 1] - ao[i];
      if (n != bo[j + 1] - bo[j]) return false;
      Array ac(a.data()->children[0]), bc(b.data()->children[0]);
      for (int64_t k = 0; k < n; ++k) {
        if (!SlotEqual(ac, ao[i] + k, bc, bo[j] + k)) return false;
      }
      return true;
    }
    case TypeId::kStruct: {
      // Struct children are indexed with the parent's offset applied (Arrow convention).
      for (size_t c = 0; c < a.data()->children.size(); ++c) {
        if (!SlotEqual(Array(a.data()->children[c]), a.offset() + i, Array(b.data()->children[c]),
                       b.offset() + j)) {
          return false;
        }
      }
      return true;
    }
    case TypeId::kDenseUnion: {
      const int8_t* at = a.data()->buffers[1]->data_as<int8_t>() + a.offset();
      const int8_t* bt = b.data()->buffers[1]->data_as<int8_t>() + b.offset();
      if (at[i] != bt[j]) return false;
      const int32_t* ao = a.data()->buffers[2]->data_as<int32_t>() + a.offset();
      const int32_t* bo = b.data()->buffers[2]->data_as<int32_t>() + b.offset();
      const auto& codes = type.type_codes();
      for (size_t c = 0; c < codes.size(); ++c) {
        if (codes[c] == at[i]) {
          return SlotEqual(Array(a.data()->children[c]), ao[i], Array(b.data()->children[c]),
                           bo[j]);
        }
      }
      return false;
    }
    default: {
      int width = type.bit_width() / 8;
      const uint8_t* x = a.data()->buffers[1]->data() + (a.offset() + i) * width;
      const uint8_t* y = b.data()->buffers[1]->data() + (b.offset() + j) * width;
      return std::memcmp(x, y, static_cast<size_t>(width)) == 0;
    }
  }
}

}  // namespace

bool Array::Equals(const Array& other) const {
  if (!(type() == other.type()) || length() != other.length() ||
      null_count() != other.null_count()) {
    return false;
  }
  for (int64_t i = 0; i < length(); ++i) {
    if (!SlotEqual(*this, i, other, i)) return false;
  }
  return true;
}

std::string Array::FormatValue(int64_t i) const {
  if (IsNull(i)) return "null";
  const DataType& t = type();
  switch (t.id()) {
    case TypeId::kBoolean: return BooleanArray(*this).Value(i) ? "true" : "false";
    case TypeId::kInt8: return fmt::format("{}", Int8Array(*this).Value(i));
    case TypeId::kInt16: return fmt::format("{}", Int16Array(*this).Value(i));
    case TypeId::kInt32: return fmt::format("{}", Int32Array(*this).Value(i));
    case TypeId::kInt64: return fmt::format("{}", Int64Array(*this).Value(i));
    case TypeId::kUInt8: return fmt::format("{}", UInt8Array(*this).Value(i));
    case TypeId::kUInt16: return fmt::format("{}", UInt16Array(*this).Value(i));
    case TypeId::kUInt32: return fmt::format("{}", UInt32Array(*this).Value(i));
    case TypeId::kUInt64: return fmt::format("{}", UInt64Array(*this).Value(i));
    case TypeId::kFloat32: return fmt::format("{}", Float32Array(*this).Value(i));
    case TypeId::kFloat64: return fmt::format("{}", Float64Array(*this).Value(i));
    case TypeId::kUtf8: return fmt::format("\"{}\"", StringArray(*this).Value(i));
    case TypeId::kBinary: {
      std::string out = "0x";
      for (char c : StringArray(*this).Value(i)) out += fmt::format("{:02x}", static_cast<uint8_t>(c));
      return out;
    }
    case TypeId::kDate32: return fmt::format("{}d", Int32Array(*this).Value(i));
    case TypeId::kTimestamp: {
      // Values outside the nanosecond range (~1677..2262) print as raw numbers.
      int64_t nanos;
      int64_t value = Int64Array(*this).Value(i);
      if (__builtin_mul_overflow(value, TimeUnitNanos(t.unit()), &nanos)) {
        return fmt::format("{}{}", value, TimeUnitSuffix(t.unit()));
      }
      return FormatTimestampNanos(nanos);
    }
    case TypeId::kDuration:
      return fmt::format("{}{}", Int64Array(*this).Value(i), TimeUnitSuffix(t.unit()));
    case TypeId::kIntervalMonthDayNano: {
      const uint8_t* p = data_->buffers[1]->data() + (offset() + i) * 16;
      int32_t months, days;
      int64_t nanos;
      std::memcpy(&months, p, 4);
      std::memcpy(&days, p + 4, 4);
      std::memcpy(&nanos, p + 8, 8);
      return fmt::format("{}M{}d{}ns", months, days, nanos);
    }
    case TypeId::kDictionary: {
      DictionaryArray dict(*this);
      return dict.dictionary().FormatValue(dict.IndexAt(i));
    }
    case TypeId::kList:
    case TypeId::kMap: {
      const int32_t* offsets = data_->buffers[1]->data_as<int32_t>() + offset();
      Array child(data_->children[0]);
      std::string out = "[";
      for (int32_t k = offsets[i]; k < offsets[i + 1]; ++k) {
        if (k > offsets[i]) out += ", ";
        out += child.FormatValue(k);
      }
      return out + "]";
    }
    case TypeId::kStruct: {
      std::string out = "{";
      for (size_t c = 0; c < data_->children.size(); ++c) {
        if (c > 0) out += ", ";
        out += t.children()[c].name() + ": " +
               Array(data_->children[c]).FormatValue(offset() + i);
      }
      return out + "}";
    }
    case TypeId::kDenseUnion: {
      int8_t code = data_->buffers[1]->data_as<int8_t>()[offset() + i];
      int32_t child_offset = data_->buffers[2]->data_as<int32_t>()[offset() + i];
      const auto& codes = t.type_codes();
      for (size_t c = 0; c < codes.size(); ++c) {
        if (codes[c] == code) return Array(data_->children[c]).FormatValue(child_offset);
      }
      return "<bad union code>";
    }
    case TypeId::kNull: return "null";
  }
  return "?";
}

std::string Array::ToString() const {
  std::string out = "[";
  for (int64_t i = 0; i < length(); ++i) {
    if (i > 0) out += ", ";
    out += FormatValue(i);
  }
  return out + "]";
}

int64_t BooleanArray::true_count() const {
  int64_t count = 0;
  for (int64_t i = 0; i < length(); ++i) count += IsValid(i) && Value(i);
  return count;
}

Int32Array DictionaryArray::indices() const {
  auto indices = std::make_shared<ArrayData>(*data_);
  indices->type = DataType::Int32();
  indices->dictionary = nullptr;
  return Int32Array(std::move(indices));
}

Array MakeNullArray(DataType type, int64_t length) {
  int64_t bitmap_bytes = bit_util::BytesForBits(length);
  // Zeroed bitmap: every slot null. Values are zero too, which keeps every layout valid.
  auto zeros = [](int64_t bytes) {
    return Buffer::FromString(std::string(static_cast<size_t>(std::max<int64_t>(bytes, 0)), '\0'));
  };
  if (type.id() == TypeId::kNull) return Array(ArrayData::Make(type, length, {}, length));
  auto data = std::make_shared<ArrayData>();
  data->type = type;
  data->length = length;
  data->null_count = length;
  data->buffers.push_back(zeros(bitmap_bytes));
  switch (type.id()) {
    case TypeId::kUtf8:
    case TypeId::kBinary:
      data->buffers.push_back(zeros((length + 1) * 4));
      data->buffers.push_back(zeros(0));
      break;
    case TypeId::kBoolean: data->buffers.push_back(zeros(bitmap_bytes)); break;
    case TypeId::kDictionary:
      data->buffers.push_back(zeros(length * type.index_type().bit_width() / 8));
      data->dictionary = MakeNullArray(type.value_type(), 0).data();
      break;
    case TypeId::kList:
    case TypeId::kMap:
      data->buffers.push_back(zeros((length + 1) * 4));
      data->children.push_back(MakeNullArray(type.children()[0].type(), 0).data());
      break;
    case TypeId::kStruct:
      for (const Field& child : type.children()) {
        data->children.push_back(MakeNullArray(child.type(), length).data());
      }
      break;
    case TypeId::kDenseUnion:
      // Unions have no validity bitmap and a null count of 0; nulls live in the children.
      // Point every slot at slot 0 of a one-slot null first child.
      data->buffers[0] = nullptr;
      data->null_count = 0;
      data->buffers.push_back(zeros(length));
      data->buffers.push_back(zeros(length * 4));
      for (size_t c = 0; c < type.children().size(); ++c) {
        data->children.push_back(MakeNullArray(type.children()[c].type(), c == 0 ? 1 : 0).data());
      }
      {
        // Type ids must be valid codes: fill with the first code (a union without
        // children can only be empty).
        const auto& codes = type.type_codes();
        std::string ids(static_cast<size_t>(length), codes.empty() ? '\0' : static_cast<char>(codes[0]));
        data->buffers[1] = Buffer::FromString(std::move(ids));
      }
      break;
    default: data->buffers.push_back(zeros(length * type.bit_width() / 8)); break;
  }
  return Array(std::move(data));
}

}  // namespace quiver
